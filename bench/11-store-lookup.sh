#!/bin/sh
# Child lookup by id through the store on the default demo borough (SQLite), beside the
# issue's floor of 200,000 lookups/s and the SQLite point-lookup ceiling of this machine
# (perf-baselines.md: about 260k/s autocommit), median of 3 runs of 3 s.
set -eu
build="$1"
scratch="$2"
KITH_TODAY=2026-03-31 "$build/src/kith" demo --db "$scratch/b.db" >/dev/null
for i in 1 2 3; do "$build/bench/bench_store_lookup" "$scratch/b.db" 3; done >"$scratch/runs.txt"
median=$(awk '{print $6}' "$scratch/runs.txt" | sort -n | sed -n 2p)
cat "$scratch/runs.txt" | sed 's/^/  /'
printf 'store_person_get by id, median of 3: %s lookups/s   target 200000/s; ratio to the ~260k/s SQLite ceiling: %s\n' \
    "$median" "$(awk -v m="$median" 'BEGIN { printf "%.2f", m / 260000 }')"
echo "  command: bench/bench_store_lookup DB 3 (after kith demo --db DB)"
