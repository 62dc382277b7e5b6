#!/bin/sh
# The two commands that read a whole borough, from a cold disk and from the page cache:
# kith validate cin --live and kith work --all (wall and CPU time, peak memory, and the
# disk's reads during the run from /sys/class/block/DEV/stat, which counts every process's
# reads, so run it on a quiet machine). "Cold" drops the kernel's page cache first (sync;
# echo 3 > /proc/sys/vm/drop_caches), which needs root; without root the section says so
# and stops. It measures KITH_BENCH_COLD_DB (an existing demo database) or builds one at
# KITH_BENCH_COLD_SCALE (default 0: skipped, as a useful size takes minutes to build).
# KITH_BENCH_OLD (an older kith binary) is measured beside the current one on the same file.
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
export KITH_TODAY=2026-12-07
db="${KITH_BENCH_COLD_DB:-}"
scale="${KITH_BENCH_COLD_SCALE:-0}"
if [ -z "$db" ] && [ "$scale" = 0 ]; then
    echo "skipped: set KITH_BENCH_COLD_DB=FILE or KITH_BENCH_COLD_SCALE=N (root only)"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "skipped: dropping the page cache needs root"
    exit 0
fi
if [ -z "$db" ]; then
    db="$scratch/cold.db"
    /usr/bin/time -f '%e %U %S %M' "$kith" demo --db "$db" --scale "$scale" >/dev/null \
        2>"$scratch/demo.time"
    set -- $(tail -n 1 "$scratch/demo.time")
    printf 'kith demo --scale %s: %s s wall, %.1f s CPU, %d MB peak\n' "$scale" "$1" \
        "$(echo "$2 + $3" | bc)" $(($4 / 1024))
fi
dev=$(basename "$(df --output=source "$db" | tail -n 1)")
stat="/sys/class/block/$dev/stat"
printf '%s: %s MB on %s, load %s\n' "$db" $(($(stat -c %s "$db") / 1048576)) "$dev" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %-6s %8s %8s %8s %10s %8s\n' "" "" "wall" "CPU" "peak" "disk reads" "MB read"

# run BINARY LABEL MODE ARGS...: one run, its figures on one line.
run() {
    bin=$1 label=$2 mode=$3
    shift 3
    [ "$mode" = cached ] || { sync; echo 3 >/proc/sys/vm/drop_caches; }
    read -r r0 _ s0 _ <"$stat"
    /usr/bin/time -f '%e %U %S %M' "$bin" "$@" --db "$db" --format csv >"$scratch/out.csv" \
        2>"$scratch/time.txt" || true
    read -r r1 _ s1 _ <"$stat"
    set -- $(tail -n 1 "$scratch/time.txt")
    printf '%-34s %-6s %6s s %6.1f s %5d MB %10d %8d\n' "$label" "$mode" "$1" \
        "$(echo "$2 + $3" | bc)" $(($4 / 1024)) $((r1 - r0)) $(((s1 - s0) / 2048))
}
for bin in ${KITH_BENCH_OLD:-} "$kith"; do
    tag=""
    [ "$bin" = "$kith" ] || tag=" (old)"
    for mode in cold cached; do
        run "$bin" "validate cin --live$tag" $mode validate cin --live
    done
    for mode in cold cached; do
        run "$bin" "work --all$tag" $mode work --all
    done
done
echo "  commands: KITH_TODAY=$KITH_TODAY kith validate cin --live --db DB --format csv;" \
    "kith work --all --db DB --format csv"
