#!/bin/sh
# "My work" (issue 19, Performance): every obligation in the demo borough derived at once
# (kith work --all: wall and CPU time, peak memory), and GET /work for a social worker
# with 25 children (an account made here for the demo worker whose caseload is nearest 25)
# under wrk on loopback, 64 connections: requests per second and p99 latency; and their
# start page, GET /caseload, which derives each child's status and next due item the same way.
# KITH_BENCH_WORK_SCALE=N also builds a --scale N borough and derives its obligations
# (the demo alone takes minutes at scale 100; 0, the default, skips it).
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
export KITH_TODAY=2026-12-07
db="$scratch/demo.db"
"$kith" demo --db "$db" >/dev/null

# derive DB: "wall user+sys peak-MB obligations" for every obligation of a borough.
derive() {
    /usr/bin/time -f '%e %U %S %M' "$kith" work --db "$1" --all --format csv >"$scratch/work.csv" \
        2>"$scratch/time.txt"
    n=$(($(wc -l <"$scratch/work.csv") - 1))
    tail -n 1 "$scratch/time.txt" | awk -v n="$n" '{ printf "%s %.2f %d %d", $1, $2 + $3, $4 / 1024, n }'
}
printf '%-44s %8s %10s %9s %12s   %s\n' "" "wall" "CPU" "peak" "obligations" "target"
r=$(derive "$db")
set -- $r
printf '%-44s %6s s %8s s %6s MB %12s   %s\n' "kith work --all (demo borough)" "$1" "$2" "$3" "$4" \
    "under 1 s"
echo "  command: KITH_TODAY=$KITH_TODAY kith work --db DB --all --format csv"
big="${KITH_BENCH_WORK_SCALE:-0}"
if [ "$big" != 0 ]; then
    "$kith" demo --db "$scratch/big.db" --scale "$big" >/dev/null
    r=$(derive "$scratch/big.db")
    set -- $r
    printf '%-44s %6s s %8s s %6s MB %12s   %s\n' "kith work --all (--scale $big)" "$1" "$2" "$3" \
        "$4" "under 60 s at --scale 100"
fi

# A social worker with the caseload nearest 25, and an account for them.
row=$(sqlite3 "$db" "SELECT w.public_id, count(*) FROM allocation a JOIN worker w ON w.id = a.worker_id
    WHERE a.end_date IS NULL AND a.role = 0 AND w.role = 0 GROUP BY w.id
    ORDER BY abs(count(*) - 25), w.id LIMIT 1")
worker=${row%|*}
children=${row#*|}
pw="bench-my-work-$(date +%s)-Correct-Horse"
printf '%s\n' "$pw" >"$scratch/pw"
"$kith" user add bench-work --db "$db" --role social-worker --worker "$worker" \
    --password-file "$scratch/pw" >/dev/null
port=$((40000 + $$ % 20000))
base="http://127.0.0.1:$port"
"$kith" serve --db "$db" --listen "127.0.0.1:$port" >"$scratch/serve.out" 2>"$scratch/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
i=0
until grep -q "http.listening" "$scratch/serve.log" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "server did not start"; exit 1; }
    sleep 0.1
done
cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "username=bench-work" \
    --data-urlencode "password=$pw" "$base/sign-in" |
    sed -n 's/^Set-Cookie: \(__Host-kith_session=[^;]*\);.*/\1/p')
items=$(curl -s -H "Cookie: $cookie" "$base/work" | grep -o 'govuk-table__row' | wc -l)
dur=${KITH_BENCH_HTTP_SECONDS:-10}
measure() {
    wrk -t2 -c64 -d"${dur}s" --latency -H "Cookie: $cookie" "$base$1" >"$scratch/wrk.txt" 2>&1
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$scratch/wrk.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$scratch/wrk.txt")
    errs=$(awk '/Non-2xx/ { print $NF }' "$scratch/wrk.txt")
    echo "$rps $p99 ${errs:-0}"
}
printf '\n%-44s %12s %10s %8s\n' "" "requests/s" "p99" "non-2xx"
h=$(measure /healthz)
w=$(measure /work)
c=$(measure /caseload)
printf '%-44s %12s %10s %8s\n' "GET /healthz (static, same server)" $h
printf '%-44s %12s %10s %8s   target p99 under 10 ms\n' "GET /work ($children children, audited)" $w
printf '%-44s %12s %10s %8s\n' "GET /caseload (the same, status + next due)" $c
echo "  the page's table rows (lists and caseload): $items"
echo "  command: wrk -t2 -c64 -d${dur}s --latency -H 'Cookie: …' $base/work"
