#!/bin/sh
# kith serve under wrk on loopback against the demo borough: a social worker's child
# record page (a store read, a scope check and a synchronous audit row each time) beside
# a static route of the same server (/healthz) measured in the same run, 64 connections,
# a bounded duration; requests per second, p99 latency and the server's peak memory.
# KITH_BENCH_DB names another database (bench/31-pg.sh passes a PostgreSQL URL); its
# demo borough must already be loaded, with its passwords in KITH_BENCH_PASSWORDS.
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
export KITH_TODAY=2026-03-31
db="${KITH_BENCH_DB:-$scratch/demo.db}"
passwords="${KITH_BENCH_PASSWORDS:-$db.passwords}"
[ -n "${KITH_BENCH_DB:-}" ] || "$kith" demo --db "$db" >/dev/null
sw=$(awk '$2 == "social-worker" { print $1 }' "$passwords")
pw=$(awk '$2 == "social-worker" { print $3 }' "$passwords")
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
cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "username=$sw" \
    --data-urlencode "password=$pw" "$base/sign-in" |
    sed -n 's/^Set-Cookie: \(__Host-kith_session=[^;]*\);.*/\1/p')
child=$(curl -s -H "Cookie: $cookie" "$base/" | grep -o 'href="/children/[a-z0-9]*"' | head -1 |
    sed 's/href="\(.*\)"/\1/')
[ -n "$child" ] || { echo "no child on the caseload"; exit 1; }
dur=${KITH_BENCH_HTTP_SECONDS:-10}

# wrk prints "Requests/sec:" and, with --latency, the 99% line.
measure() {
    wrk -t2 -c64 -d"${dur}s" --latency -H "Cookie: $cookie" "$base$1" >"$scratch/wrk.txt" 2>&1
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$scratch/wrk.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$scratch/wrk.txt")
    errs=$(awk '/Non-2xx/ { print $NF }' "$scratch/wrk.txt")
    echo "$rps $p99 ${errs:-0}"
}
printf '%-44s %12s %10s %8s\n' "" "requests/s" "p99" "non-2xx"
h=$(measure /healthz)
c=$(measure "$child")
printf '%-44s %12s %10s %8s\n' "GET /healthz (static, same server)" $h
printf '%-44s %12s %10s %8s   target 5,000/s, p99 under 20 ms\n' "GET /children/{id} (signed in, audited)" $c
ratio=$(echo "$c $h" | awk '{ printf "%.2f", $1 / $4 }')
echo "  child page / static route: $ratio"
rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
echo "  server peak memory: $rss MB (target under 100 MB)"
case "$db" in
postgres*) rows=$(psql -d "$db" -Atc 'SELECT count(*) FROM audit') ;;
*) rows=$(sqlite3 "$db" 'SELECT count(*) FROM audit') ;;
esac
echo "  audit rows written: $rows"
echo "  command: wrk -t2 -c64 -d${dur}s --latency -H 'Cookie: …' $base/children/ID"
