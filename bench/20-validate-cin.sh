#!/bin/sh
# kith validate cin on the CIN sample ×30 (9,960 children), built here from the public
# sample fake_CIN_data.xml: wall time and peak memory beside the reference validator's
# (statutory-data.md §7), and how the time splits between reading and rules.
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
here=$(cd "$(dirname "$0")" && pwd)
sample="$here/../../shared/data/peer/cin/fake_CIN_data.xml"
[ -f "$sample" ] || { echo "no sample at $sample (../shared beside the clone)"; exit 1; }

# Thirty copies of every child, each copy's LAchildIDs made unique.
big="$scratch/cin-x30.xml"
awk '
    /<Children>/ { print; inkids = 1; next }
    /<\/Children>/ { for (k = 1; k <= 30; k++) { s = kids; gsub(/<\/LAchildID>/, "X" k "</LAchildID>", s); printf "%s", s }
                     inkids = 0; print; next }
    inkids { kids = kids $0 "\n"; next }
    { print }
' "$sample" >"$big"
children=$(grep -c '<Child>' "$big")
size=$(du -k "$big" | cut -f1)
echo "input: $children children, ${size} KB"

# One warm-up, then five measured runs: the median wall time, the largest peak memory, and
# the reading / rules / writing split of the median run.
"$kith" validate cin "$big" --year 2025 >/dev/null 2>&1 || true
for i in 1 2 3 4 5; do
    rm -f "$scratch/findings.csv" # untimed, as in 21-validate-903.sh
    t0=$(date +%s%N)
    /usr/bin/time -f 'rss %M' "$kith" validate cin "$big" --year 2025 --timings \
        >"$scratch/findings.csv" 2>"$scratch/run$i.txt" || true
    t1=$(date +%s%N)
    # wall time in ms from the clock (time(1)'s %e has 10 ms steps, too coarse here)
    echo "$(((t1 - t0) / 1000000)) $(sed -n 's/^rss //p' "$scratch/run$i.txt") $(sed -n 's/^kith: timings: //p' "$scratch/run$i.txt")"
done | sort -n >"$scratch/runs.txt"
median=$(sed -n 3p "$scratch/runs.txt")
ms=$(echo "$median" | cut -d' ' -f1)
wall=$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')
speedup=$(awk -v ms="$ms" -v ref="31.7" 'BEGIN { printf "%.0f", ref * 1000 / (ms > 0 ? ms : 1) }')
rss=$(sort -k2 -n "$scratch/runs.txt" | tail -n 1 | cut -d' ' -f2)
memratio=$(awk -v kb="$rss" -v ref="179" 'BEGIN { printf "%.0f", ref * 1024 / kb }')
split=$(echo "$median" | cut -d' ' -f3-)
findings=$(($(wc -l <"$scratch/findings.csv") - 1))
printf '%-36s %10s %12s\n' "CIN sample x30 (9,960 children)" "wall time" "peak memory"
printf '%-36s %10s %9s MB\n' "  csc-validator-be-cin (reference)" "31.7 s" "179"
printf '%-36s %8s s %9s MB\n' "  kith validate cin (median of 5)" "$wall" "$((rss / 1024))"
echo "  kith: ${speedup} times faster than the reference, in 1/${memratio} of its memory (target: under 0.1 s and 100 MB)"
echo "  kith split: $split"
echo "  kith findings: $findings (copies share UPNs, so 1520 flags every child)"
