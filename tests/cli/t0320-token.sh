#!/bin/sh
# kith token add|list|revoke: a token is printed once and never listed; a revoked one
# says so; unknown accounts and past dates are refused before anything is stored.
. "$(dirname "$0")/lib.sh"

ok init
echo "tulip-harbour-velvet-quartz-481" >pw
ok user add ana.test --role social-worker --password-file pw
ok token add ana.test --name "case sync" --expires 2099-12-31
out_has "token 1 for ana.test: "
token=$(sed -n 's/^token 1 for ana.test: //p' "$T/out")
[ ${#token} -eq 43 ] || fail "the token is not 43 characters: $token"
ok token list
out_has "case sync"
out_has "31/12/2099"
out_has "active"
out_lacks "$token"
! sqlite3 kith.db "SELECT token_digest FROM api_token" | grep -qF "$token" || fail "token stored"
status 4 token add nobody
status 3 token add ana.test --expires 2001-01-01
err_has "the date has passed"
ok token revoke 1
ok token list
out_has "revoked"
status 4 token revoke 1
done_ok
