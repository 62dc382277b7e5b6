#!/bin/sh
# kith token add|list|revoke: a token is printed once and never listed; a revoked one
# says so; unknown accounts and past dates are refused before anything is stored; each
# token made or revoked is an audit row (casework/access.c), a refused one none.
. "$(dirname "$0")/lib.sh"

ok init
echo "tulip-harbour-velvet-quartz-481" >pw
ok user add ana.test --role social-worker --password-file pw
ok token add ana.test --name "case sync" --expires "$(date -u -d '+5 years' +%Y-%m-%d)"
out_has "token 1 for ana.test: "
token=$(sed -n 's/^token 1 for ana.test: //p' "$T/out")
[ ${#token} -eq 43 ] || fail "the token is not 43 characters: $token"
ok token list
out_has "case sync"
out_has "$(date -u -d '+5 years' +%d/%m/%Y)"
out_has "active"
out_lacks "$token"
! sqlite3 kith.db "SELECT token_digest FROM api_token" | grep -qF "$token" || fail "token stored"
# by default a token works for 90 days, today the first; --days and --expires set it
ok token add ana.test --name default
out_has "it works until the end of $(date -u -d '+89 days' +%d/%m/%Y)"
ok token add ana.test --name week --days 7
out_has "it works until the end of $(date -u -d '+6 days' +%d/%m/%Y)"
ok token list
out_has "$(date -u -d '+89 days' +%d/%m/%Y)"
status 64 token add ana.test --days 7 --expires 2099-12-31
err_has "give --days or --expires, not both"
status 64 token add ana.test --days 4000
status 3 token add ana.test --expires 2199-12-31
err_has "at most 3650 days"
status 4 token add nobody
status 3 token add ana.test --expires 2001-01-01
err_has "the date has passed"
ok token revoke 1
ok token list
out_has "revoked"
status 4 token revoke 1
[ "$(sqlite3 kith.db "SELECT group_concat(action || ' ' || detail || ' ' || role, ', ') FROM
   (SELECT action, detail, role FROM audit WHERE action LIKE 'token-%' ORDER BY id)")" = \
    "token-add token 1 for ana.test operator, token-add token 2 for ana.test operator, \
token-add token 3 for ana.test operator, token-revoke token 1 operator" ] ||
    fail "the token changes' audit rows: $(sqlite3 kith.db "SELECT action, detail FROM audit")"
ok audit verify
done_ok
