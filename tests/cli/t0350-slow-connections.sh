#!/bin/sh
# Slow and many connections (issue 17): 2,000 clients sending a request head a byte a
# second from 30 loopback addresses (127.0.0.2-31) leave /healthz answering in under
# 100 ms; the per-address cap holds each address to 64; the request deadline closes them
# all a little after --request-timeout; the global cap refuses the newest past it and is
# lowered to fit the descriptor limit. Loopback only; about 15 seconds.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

ok init --db "$T/k.db"
port=$((20000 + $$ % 20000))
base="http://127.0.0.1:$port"

# serve ARGS...: start kith serve in the background and wait for it to listen.
# The last server's serve.err says "listening" too: it is removed first, or the wait can
# read the old file before the shell's redirection truncates it (a flake under load).
serve() {
    rm -f "$T/serve.err"
    "$KITH" serve --db "$T/k.db" --listen "127.0.0.1:$port" "$@" >"$T/serve.out" 2>"$T/serve.err" &
    pid=$!
    i=0
    until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { kill $pid; fail "server did not start"; }
        sleep 0.1
    done
}
stop() { kill -TERM $pid; wait $pid || fail "kith serve exited $? after SIGTERM"; }
# value KEY: a key=value line of the helper's report.
value() { sed -n "s/^$1=//p" "$T/slow"; }

# The helper holds 2,000 sockets and the server as many: both need the descriptors.
hard=$(ulimit -Hn)
[ "$hard" = unlimited ] || [ "$hard" -ge 4200 ] || { echo "skip: descriptor limit $hard"; exit 77; }
ulimit -Sn 4200 2>/dev/null || ulimit -n 4200

serve --request-timeout 5
python3 "$here/slow_clients.py" "$port" 2000 30 8 1 >"$T/slow" || { kill $pid; fail "helper failed"; }
cat "$T/slow"
stop
[ "$(value healthz_fail)" -eq 0 ] || fail "/healthz did not answer while slow clients were held"
[ "$(value healthz_n)" -ge 10 ] || fail "too few /healthz probes"
awk -v m="$(value healthz_max_ms)" 'BEGIN { exit !(m < 100) }' || fail "/healthz took $(value healthz_max_ms) ms"
[ "$(value held)" -eq $((30 * 64)) ] || fail "held $(value held), expected 30 x 64"
[ "$(value open_at_end)" -eq 0 ] || fail "$(value open_at_end) slow connections outlived the deadline"
awk -v f="$(value closed_first_s)" -v l="$(value closed_last_s)" \
    'BEGIN { exit !(f >= 4.5 && l <= 7) }' || fail "closed from $(value closed_first_s) s to $(value closed_last_s) s, expected about 5"
grep -q "event=http.deadline closed=" "$T/serve.err" || fail "no http.deadline log line"
checks=$((checks + 7))

# The global cap: past it the newest connections are refused.
serve --max-connections 300 --per-ip 1000 --request-timeout 5
python3 "$here/slow_clients.py" "$port" 400 4 4 0 >"$T/slow" || { kill $pid; fail "helper failed"; }
stop
[ "$(value held)" -eq 300 ] || fail "held $(value held), expected the cap of 300"
[ "$(value open_at_end)" -eq 300 ] || fail "$(value open_at_end) open at the end, expected 300"
grep -q "event=http.connection_cap refused=" "$T/serve.err" || fail "no http.connection_cap log line"
checks=$((checks + 3))

# A cap above the descriptor limit is lowered below it: 1024 less a reserve of 64 + 8 a
# thread is 944 for MHD, of which kith's cap leaves 256 for connections it refuses.
rm -f "$T/serve.err"
(ulimit -n 1024 && exec "$KITH" serve --db "$T/k.db" --listen "127.0.0.1:$port" --threads 2 \
    --max-connections 5000 >"$T/serve.out" 2>"$T/serve.err") &
pid=$!
i=0
until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { kill $pid; fail "server did not start"; }
    sleep 0.1
done
grep -q "max_connections=688 " "$T/serve.err" || fail "cap not lowered: $(grep listening "$T/serve.err")"
stop
checks=$((checks + 1))
done_ok
