#!/bin/sh
# kith serve under wrk on loopback against the demo borough: a social worker's child
# record page (a store read, a scope check and an audit row each time, committed with the
# rows of other requests waiting at the same moment: store_group.c) beside a static route
# of the same server (/healthz) measured in the same run, 64 connections, a bounded
# duration; requests per second, wrk's p99, the server's own p99 (ms= in its log) and its
# peak memory.
#
# KITH_BENCH_OLD=/path/to/an/older/kith (make bench OLD=REV builds one) measures that
# binary first, on a demo borough of its own making, then this one, in the same run: the
# figures to put side by side when a change claims a speed-up. KITH_BENCH_DB names another
# database for this binary only (bench/31-pg.sh passes a PostgreSQL URL); its demo borough
# must already be loaded, with its passwords in KITH_BENCH_PASSWORDS.
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
export KITH_TODAY=2026-03-31
dur=${KITH_BENCH_HTTP_SECONDS:-10}
port=$((40000 + $$ % 20000))
pid=
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null || true; fi' EXIT

# One phase under wrk; prints requests/s, wrk's p99, non-2xx and the server's p99 over
# the requests of the phase.
measure() {
    from=$(wc -l <"$scratch/serve.log")
    wrk -t2 -c64 -d"${dur}s" --latency -H "Cookie: $cookie" "$base$1" >"$scratch/wrk.txt" 2>&1
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$scratch/wrk.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$scratch/wrk.txt")
    errs=$(awk '/Non-2xx/ { print $NF }' "$scratch/wrk.txt")
    server=$(tail -n +"$((from + 1))" "$scratch/serve.log" |
        sed -n 's/.*event=http.request.* ms=\([0-9.]*\).*/\1/p' |
        sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.2fms", v[i] }')
    echo "$rps $p99 ${errs:-0} $server"
}

# Serve database $2 (passwords in $3) with binary $1, labelled $4, and measure both routes.
bench_binary() {
    bin="$1" db="$2" passwords="$3" label="$4"
    sw=$(awk '$2 == "social-worker" { print $1 }' "$passwords")
    pw=$(awk '$2 == "social-worker" { print $3 }' "$passwords")
    # another program may hold the port (a second bench, a test's server): take the next
    tries=0
    while :; do
        # emptied here, not by the child's redirection: the loop below must not read the
        # last server's "listening" before the new one has truncated its log
        : >"$scratch/serve.log"
        "$bin" serve --db "$db" --listen "127.0.0.1:$port" >"$scratch/serve.out" 2>>"$scratch/serve.log" &
        pid=$!
        i=0
        until grep -q "http.listening" "$scratch/serve.log" 2>/dev/null || ! kill -0 $pid 2>/dev/null; do
            i=$((i + 1)); [ $i -lt 300 ] || { echo "server did not start"; cat "$scratch/serve.log"; exit 1; }
            sleep 0.1
        done
        kill -0 $pid 2>/dev/null && break
        tries=$((tries + 1))
        [ $tries -lt 20 ] || { echo "server did not start"; cat "$scratch/serve.log"; exit 1; }
        port=$((port + 7))
    done
    base="http://127.0.0.1:$port"
    curl -s -D "$scratch/sign-in.txt" -o /dev/null -H "Origin: $base" --data-urlencode "username=$sw" \
        --data-urlencode "password=$pw" "$base/sign-in" || true
    cookie=$(sed -n 's/^Set-Cookie: \(__Host-kith_session=[^;]*\);.*/\1/p' "$scratch/sign-in.txt")
    [ -n "$cookie" ] || { echo "signing in as $sw failed: $(head -1 "$scratch/sign-in.txt")"; tail -3 "$scratch/serve.log"; exit 1; }
    child=$(curl -s -H "Cookie: $cookie" "$base/" | grep -o 'href="/children/[a-z0-9]*"' | head -1 |
        sed 's/href="\(.*\)"/\1/')
    [ -n "$child" ] || { echo "no child on the caseload of $sw ($base, cookie ${cookie:+set})"; exit 1; }
    echo "  $label: $("$bin" version)"
    printf '  %-42s %11s %10s %8s %11s\n' "" "requests/s" "wrk p99" "non-2xx" "server p99"
    h=$(measure /healthz)
    c=$(measure "$child")
    printf '  %-42s %11s %10s %8s %11s\n' "GET /healthz (static, same server)" $h
    printf '  %-42s %11s %10s %8s %11s\n' "GET /children/{id} (signed in, audited)" $c
    ratio=$(echo "$c $h" | awk '{ printf "%.2f", $1 / $5 }')
    echo "  child page / static route: $ratio   (target 0.15)"
    rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
    echo "  server peak memory: $rss MB (target under 100 MB)"
    kill $pid
    wait $pid 2>/dev/null || true
    pid=
    port=$((port + 1))
    last_rps=$(echo "$c" | cut -d' ' -f1)
}

old_rps=
if [ -n "${KITH_BENCH_OLD:-}" ]; then
    "$KITH_BENCH_OLD" demo --db "$scratch/old.db" >/dev/null
    bench_binary "$KITH_BENCH_OLD" "$scratch/old.db" "$scratch/old.db.passwords" "old"
    old_rps=$last_rps
fi
db="${KITH_BENCH_DB:-$scratch/demo.db}"
passwords="${KITH_BENCH_PASSWORDS:-$db.passwords}"
[ -n "${KITH_BENCH_DB:-}" ] || "$kith" demo --db "$db" >/dev/null
bench_binary "$kith" "$db" "$passwords" "new"
[ -z "$old_rps" ] || echo "$last_rps $old_rps" |
    awk '{ printf "  child page, new / old (same run): %.2f\n", $1 / $2 }'
case "$db" in
postgres*) rows=$(psql -d "$db" -Atc 'SELECT count(*) FROM audit') ;;
*) rows=$(sqlite3 "$db" 'SELECT count(*) FROM audit') ;;
esac
echo "  audit rows written: $rows"
echo "  target (issue 18): at least as fast as before; 0.15 of /healthz"
echo "  command: wrk -t2 -c64 -d${dur}s --latency -H 'Cookie: …' http://127.0.0.1:PORT/children/ID"
