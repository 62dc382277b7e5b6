#!/bin/sh
# A child's case notes through the store (store_note_list): the newest 25 and a search,
# on a demo borough (SQLite). Three runs of 3 s; one call's time each, wall clock and the
# thread's CPU time. Compare an old and a new binary in one run (same load).
set -eu
build="$1"
scratch="$2"
KITH_TODAY=2026-03-31 "$build/src/kith" demo --db "$scratch/b.db" >/dev/null
for i in 1 2 3; do "$build/bench/bench_note_list" "$scratch/b.db" 3; done | sed 's/^/  /'
echo "  command: bench/bench_note_list DB 3 (after kith demo --db DB)"
