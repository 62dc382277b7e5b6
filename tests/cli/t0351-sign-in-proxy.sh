#!/bin/sh
# The client's address behind a proxy (issue 17): with --trusted-proxy, X-Forwarded-For
# is believed only on connections from that address, and only its last entry (the one the
# proxy added); from anyone else it is ignored. Each sign-in is an audit row with the
# account, the address and the outcome, and a name that is no account is not written.
. "$(dirname "$0")/lib.sh"

ok init --db "$T/k.db"
echo "tulip-harbour-velvet-quartz-481" >"$T/pw"
ok user add ana.test --role social-worker --password-file "$T/pw" --db "$T/k.db"
port=$((20000 + $$ % 20000))
base="http://127.0.0.1:$port"
"$KITH" serve --db "$T/k.db" --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.2 \
    >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
i=0
until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { kill $pid; fail "server did not start"; }
    sleep 0.1
done
# sign_in FROM USER PASSWORD [XFF]: the status of a sign-in from address FROM.
sign_in() {
    curl -s -o /dev/null -w '%{http_code}\n' --interface "$1" ${4:+-H "X-Forwarded-For: $4"} \
        -H "Origin: $base" --data-urlencode "username=$2" --data-urlencode "password=$3" \
        "$base/sign-in"
}
[ "$(sign_in 127.0.0.2 ana.test wrong-password-one '198.51.100.1, 203.0.113.50')" = 401 ] ||
    { kill $pid; fail "wrong password via the proxy not refused"; }
[ "$(sign_in 127.0.0.3 ana.test wrong-password-two 203.0.113.60)" = 401 ] ||
    { kill $pid; fail "wrong password not refused"; }
[ "$(sign_in 127.0.0.3 Hunter-Secret-Pass-22 whatever 203.0.113.61)" = 401 ] ||
    { kill $pid; fail "unknown name not refused"; }
[ "$(sign_in 127.0.0.2 ana.test "$(cat "$T/pw")" 203.0.113.70)" = 303 ] ||
    { kill $pid; fail "right password via the proxy refused"; }
kill -TERM $pid
wait $pid || fail "kith serve exited $? after SIGTERM"
grep -q "trusted_proxy=127.0.0.2" "$T/serve.err" || fail "no trusted_proxy on the listening line"
checks=$((checks + 5))

ok audit list --db "$T/k.db"
out_has "address 203.0.113.70 via 127.0.0.2"  # the proxy's last entry
out_has "address 203.0.113.50 via 127.0.0.2"  # not the client's own 198.51.100.1
out_has "address 127.0.0.3"                   # not from the proxy: the header ignored
out_lacks "203.0.113.60"
out_lacks "203.0.113.61"
out_lacks "198.51.100.1"
out_lacks "Hunter-Secret"                     # a name typed that is no account
out_has "(no such account)"
[ "$(grep -c ' sign-in ' "$T/out")" -eq 4 ] || fail "expected 4 sign-in rows"
[ "$(grep -c ' sign-in  *ok ' "$T/out")" -eq 1 ] || fail "expected 1 successful sign-in row"
checks=$((checks + 2))

# An address that is not IPv4 is refused at the start.
status 64 serve --db "$T/k.db" --listen "127.0.0.1:$port" --trusted-proxy proxy.example
err_has "not an IPv4 address"
done_ok
