#!/bin/sh
# kith demo: the default borough (three runs, the median) and an England-size one (--scale
# 100, one run, minutes), each into a new database: wall time and peak memory (GNU time's
# maximum resident set size) beside the issue's targets, and the command used.
# KITH_BENCH_DEMO_SCALE sets the big run's scale (0 skips it).
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
big="${KITH_BENCH_DEMO_SCALE:-100}"
export KITH_TODAY=2026-03-31 # the same borough every time

# run DB ARGS...: prints "wall-seconds peak-KB" for one demo into a new database.
run() {
    db="$1"
    shift
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f 'time %e %M' "$kith" demo --db "$db" "$@" >"$scratch/out.txt" 2>"$scratch/time.txt"
    sed -n 's/^time //p' "$scratch/time.txt"
}
mb() { echo $(($1 / 1024)); }

printf '%-40s %10s %12s   %s\n' "" "wall time" "peak memory" "target"
for i in 1 2 3; do run "$scratch/demo1.db"; done | sort -n >"$scratch/runs.txt"
median=$(sed -n 2p "$scratch/runs.txt")
rss=$(sort -k2 -n "$scratch/runs.txt" | tail -n 1 | cut -d' ' -f2)
printf '%-40s %8s s %9s MB   %s\n' "kith demo (default, median of 3)" "${median% *}" "$(mb "$rss")" \
    "under 3 s"
sed -n 's/^kith demo: /  /p' "$scratch/out.txt"
echo "  command: KITH_TODAY=$KITH_TODAY kith demo --db DB"

if [ "$big" != 0 ]; then
    echo "  (load before the big run: $(cut -d' ' -f1-3 /proc/loadavg))"
    r=$(run "$scratch/demo-big.db" --scale "$big")
    printf '%-40s %8s s %9s MB   %s\n' "kith demo --scale $big" "${r% *}" "$(mb "${r#* }")" \
        "under 300 s and 1024 MB"
    sed -n 's/^kith demo: /  /p' "$scratch/out.txt"
    grep -E '^  (children|case notes) ' "$scratch/out.txt" || true
    echo "  database: $(du -m "$scratch/demo-big.db" | cut -f1) MB"
    s=$( { /usr/bin/time -f '%e' "$kith" demo --db "$scratch/demo-big.db" --summary >/dev/null; } 2>&1)
    printf '%-40s %8s s\n' "kith demo --summary of that database" "$s"
    echo "  command: KITH_TODAY=$KITH_TODAY /usr/bin/time -v kith demo --db DB --scale $big"
    echo "  (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
    rm -f "$scratch/demo-big.db" "$scratch/demo-big.db-wal" "$scratch/demo-big.db-shm"
fi
