#!/bin/sh
# kith validate cin --live: the CIN rules over the demo borough's help-and-protection
# records (scale 1, seed 1), the median of five runs (wall and CPU time, peak memory), beside
# the issue's target (under 1 s); and at KITH_BENCH_LIVE_SCALE (default 0: skipped, as the
# demo at 100 takes many minutes) one run beside its target (under 30 s at --scale 100).
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
big="${KITH_BENCH_LIVE_SCALE:-0}"
export KITH_TODAY=2026-12-07

measure() {
    db="$1"
    year="$2"
    for i in 1 2 3 4 5; do
        /usr/bin/time -f 'time %e %U %S %M' "$kith" validate cin --live --db "$db" --year "$year" \
            --format csv >/dev/null 2>"$scratch/time.txt" || true
        sed -n 's/^time //p' "$scratch/time.txt"
    done | sort -n | sed -n 3p
}

"$kith" demo --db "$scratch/demo.db" >/dev/null
printf '%-44s %8s %8s %9s   %s\n' "" "wall" "cpu" "memory" "target"
for year in 2026 2027; do
    r=$(measure "$scratch/demo.db" "$year")
    set -- $r
    printf '%-44s %6s s %6.2f s %6d MB   %s\n' "validate cin --live --year $year (scale 1)" "$1" \
        "$(echo "$2 + $3" | bc)" $(($4 / 1024)) "under 1 s"
done
"$kith" validate cin --live --db "$scratch/demo.db" --year 2026 --format csv 2>&1 >/dev/null |
    sed 's/^kith: /  /'
echo "  command: KITH_TODAY=$KITH_TODAY kith validate cin --live --db DB --year Y --format csv"
if [ "$big" != 0 ]; then
    "$kith" demo --db "$scratch/big.db" --scale "$big" >/dev/null
    r=$(measure "$scratch/big.db" 2026)
    set -- $r
    printf '%-44s %6s s %6.2f s %6d MB   %s\n' "validate cin --live (scale $big)" "$1" \
        "$(echo "$2 + $3" | bc)" $(($4 / 1024)) "under 30 s at scale 100"
fi
