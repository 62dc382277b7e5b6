#!/bin/sh
# kith serve over a real socket: keep-alive kept (the response is queued on the second
# handler call), headers and log line, a bad --listen refused, signing in and out with
# a real account and its __Host- cookie, and SIGTERM stopping the server cleanly with
# exit status 0.
. "$(dirname "$0")/lib.sh"

ok init --db "$T/k.db"
echo "tulip-harbour-velvet-quartz-481" >"$T/pw"
ok user add ana.test --role social-worker --password-file "$T/pw" --db "$T/k.db"
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
out_has "Sign in to kith"
err_has "Re-using existing connection"
err_has "< Content-Security-Policy: default-src 'self'"
err_has "< Cache-Control: no-store"
err_has "< HTTP/1.1 401"

# Sign in: a wrong password and a right one, then the cookie opens a page and signing
# out ends the session on the server (the same cookie no longer works).
base="http://127.0.0.1:$port"
curl -s -o "$T/out" -w '%{http_code}\n' -H "Origin: $base" --data-urlencode "username=ana.test" \
    --data-urlencode "password=wrong-password-for-ana" "$base/sign-in" >"$T/code"
grep -q '^401$' "$T/code" || { kill $pid; fail "a wrong password was not refused"; }
out_has "Enter a correct username and password"
out_has 'value="ana.test"'
curl -s -D "$T/h" -o /dev/null -H "Origin: $base" --data-urlencode "username=ana.test" \
    --data-urlencode "password=$(cat "$T/pw")" "$base/sign-in"
grep -q '^Set-Cookie: __Host-kith_session=[A-Za-z0-9_-]\{43\}; Path=/; Secure; HttpOnly; SameSite=Lax' "$T/h" ||
    { kill $pid; fail "no session cookie with the right flags"; }
cookie=$(sed -n 's/^Set-Cookie: \(__Host-kith_session=[^;]*\);.*/\1/p' "$T/h")
curl -s -H "Cookie: $cookie" "$base/" >"$T/out"
out_has "My caseload"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/out" | head -1)
[ -n "$csrf" ] || { kill $pid; fail "no CSRF token on the page"; }
curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" -H "Origin: $base" \
    --data "csrf=$csrf" "$base/sign-out" >"$T/code"
grep -q '^303$' "$T/code" || { kill $pid; fail "sign-out did not redirect"; }
curl -s -o "$T/out" -w '%{http_code}\n' -H "Cookie: $cookie" "$base/" >"$T/code"
grep -q '^401$' "$T/code" || { kill $pid; fail "the session outlived sign-out"; }
out_has "Your session has ended"
checks=$((checks + 5))

kill -TERM $pid
wait $pid || fail "kith serve exited $? after SIGTERM"
grep -qF 'route=/children/{id} status=401' "$T/serve.err" || fail "no access log line"
! grep -qF 'children/abc' "$T/serve.err" || fail "the raw path was logged"
grep -qF 'event=http.stopped' "$T/serve.err" || fail "no clean stop"
checks=$((checks + 3))
done_ok
