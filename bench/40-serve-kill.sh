#!/bin/sh
# The kill test of make test (tests/cli/t0360-serve-kill.sh), run longer: kith serve
# killed with SIGKILL at random moments while two API clients post notes and other kith
# processes and the sqlite3 shell write and read the same database, restarted each round.
# Prints the rounds, the notes confirmed (201, or "added note") and how many were lost;
# any loss or failed check is a data-safety defect, not a slow figure.
# KITH_BENCH_KILL_ROUNDS sets the rounds (100), KITH_BENCH_KILL_MS the longest a round runs
# before the kill (2000).
set -eu
build="$1"
scratch="$2"
here=$(cd "$(dirname "$0")" && pwd)
KITH="$build/src/kith" TMPDIR="$scratch" KITH_FAULT_ROUNDS="${KITH_BENCH_KILL_ROUNDS:-100}" \
    KITH_FAULT_RUN_MS="${KITH_BENCH_KILL_MS:-2000}" \
    sh "$here/../tests/cli/t0360-serve-kill.sh" >"$scratch/kill.out" 2>"$scratch/kill.err" || true
# the summary: rounds, confirmed, found, lost
grep '^sqlite:' "$scratch/kill.out" || { echo "the run stopped early:"; tail -n 5 "$scratch/kill.err"; }
n=$(grep -c '^round [0-9]* (killed' "$scratch/kill.err" || true)
echo "rounds with a failed check: $n"
grep -m 3 '^round [0-9]* (killed' "$scratch/kill.err" || true
