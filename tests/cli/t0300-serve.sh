#!/bin/sh
# kith serve over a real socket: keep-alive kept (the response is queued on the second
# handler call), headers and log line, a bad --listen refused, and SIGTERM stopping the
# server cleanly with exit status 0.
. "$(dirname "$0")/lib.sh"

ok init --db "$T/k.db"
status 64 serve --db "$T/k.db" --listen nonsense
err_has "not ADDR:PORT"

port=$((20000 + $$ % 20000))
"$KITH" serve --db "$T/k.db" --listen "127.0.0.1:$port" >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
i=0
until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { kill $pid; fail "server did not start"; }
    sleep 0.1
done
curl -sv "http://127.0.0.1:$port/healthz" "http://127.0.0.1:$port/children/abc" \
    >"$T/out" 2>"$T/err" || { kill $pid; fail "curl failed"; }
checks=$((checks + 1))
out_has "ok"
out_has "Sign in to continue"
err_has "Re-using existing connection"
err_has "< Content-Security-Policy: default-src 'self'"
err_has "< Cache-Control: no-store"
err_has "< HTTP/1.1 401"
kill -TERM $pid
wait $pid || fail "kith serve exited $? after SIGTERM"
grep -qF 'route=/children/{id} status=401' "$T/serve.err" || fail "no access log line"
! grep -qF 'children/abc' "$T/serve.err" || fail "the raw path was logged"
grep -qF 'event=http.stopped' "$T/serve.err" || fail "no clean stop"
checks=$((checks + 3))
done_ok
