#!/bin/sh
# kith user: accounts added with a password from a file, standard input or generated (shown
# once), never from the command line; the policy refuses short and common passwords; names
# are unique and roles checked; the hash stored is argon2id; disable and reset-password end
# the account's live sessions in the same write; list shows role and status; every change
# is an audit row, as on /admin/users, and a refused one is none.
. "$(dirname "$0")/lib.sh"
q() { sqlite3 -batch "$KITH_DB" "$1"; }
ok init
printf 'tulip harbour velvet quartz\n' >pw

ok user add ana.test --role social-worker --password-file pw
out_has "added ana.test (Social worker)"
out_lacks "tulip"
case "$(q "SELECT password_hash FROM user_account WHERE username = 'ana.test'")" in
'$argon2id$v=19$m=19456,t=2,p=1$'*) ;;
*) fail "the stored hash is not argon2id at 19 MiB and 2 passes" ;;
esac
status 5 user add ana.test --role auditor --password-file pw
err_has "username 'ana.test' is already taken"
status 3 user add bob.test --role boss --password-file pw
err_has "role 'boss' is not a known value"
status 64 user add bob.test --password-file pw
err_has "--role is required"
# No password on the command line, and no prompt when nobody is at a terminal.
status 64 user add bob.test --role auditor --password "tulip harbour velvet quartz"
status 64 user add bob.test --role auditor </dev/null
err_has "standard input is not a terminal"
status 64 user add bob.test --role auditor --generate --password-file pw
err_has "not both"
# The policy: length, not composition; common choices and the username refused.
printf 'Password1\n' >short
status 3 user add bob.test --role auditor --password-file short
err_has "at least 15 characters"
printf 'Password123456789\n' | { run user add bob.test --role auditor --password-file -; }
[ "$rc" -eq 3 ] || fail "a common password was accepted"
err_has "often choose"
printf 'bob.test is my password\n' >own
status 3 user add bob.test --role auditor --password-file own
err_has "contains the username"
status 8 user add bob.test --role auditor --password-file missing-file
err_has "cannot read 'missing-file'"
[ "$(q "SELECT count(*) FROM user_account WHERE username = 'bob.test'")" -eq 0 ] ||
    fail "a refused add left an account"
# Generated: printed once, and it is the password stored.
ok user add bob.test --role auditor --generate
out_has "password for bob.test: "
out_has "shown once"
gen=$(sed -n 's/^password for bob.test: //p' "$T/out")
[ "${#gen}" -ge 15 ] || fail "a generated password shorter than 15"

ok user list
out_has "ana.test"
out_has "Auditor or data protection officer"
out_lacks "argon2id"
[ "$(grep -c active "$T/out")" -eq 2 ] || fail "two active accounts"

# Sessions end: two live sessions each, then disable one account and reset the other.
ana=$(q "SELECT id FROM user_account WHERE username = 'ana.test'")
bob=$(q "SELECT id FROM user_account WHERE username = 'bob.test'")
q "INSERT INTO session(token_digest, user_id, csrf, created, last_seen) VALUES
   ('d1', $ana, 'c', 1, 1), ('d2', $ana, 'c', 1, 1), ('d3', $bob, 'c', 1, 1), ('d4', $bob, 'c', 1, 1)"
ok user disable bob.test
out_has "disabled bob.test and signed out everywhere"
[ "$(q "SELECT count(*) FROM session WHERE user_id = $bob AND ended IS NULL")" -eq 0 ] ||
    fail "disable left sessions live"
[ "$(q "SELECT count(*) FROM session WHERE user_id = $ana AND ended IS NULL")" -eq 2 ] ||
    fail "disable ended another account's sessions"
ok user list
out_has "disabled"
before=$(q "SELECT password_hash FROM user_account WHERE id = $ana")
ok user reset-password ana.test --generate
out_has "password reset for ana.test, and signed out everywhere"
out_has "password for ana.test: "
[ "$(q "SELECT password_hash FROM user_account WHERE id = $ana")" != "$before" ] ||
    fail "reset kept the old hash"
[ "$(q "SELECT count(*) FROM session WHERE user_id = $ana AND ended IS NULL")" -eq 0 ] ||
    fail "reset left sessions live"
# A refused reset changes nothing.
q "INSERT INTO session(token_digest, user_id, csrf, created, last_seen) VALUES ('d5', $ana, 'c', 1, 1)"
status 3 user reset-password ana.test --password-file short
[ "$(q "SELECT count(*) FROM session WHERE user_id = $ana AND ended IS NULL")" -eq 1 ] ||
    fail "a refused reset ended sessions"
status 4 user reset-password nobody --generate
err_has "no user 'nobody'"
ok user enable bob.test
out_has "enabled bob.test"
[ "$(q "SELECT count(*) FROM session WHERE user_id = $bob AND ended IS NULL")" -eq 0 ] ||
    fail "enabling brought sessions back"

# The username's rule, worded once (domain/entities.c account_fields) for the form and here.
long=$(printf 'u%.0s' $(seq 65))
status 3 user add "$long" --role auditor --generate
err_has "username '"
err_has "is too long: expected at most 64 characters"
status 3 user add "" --role auditor --generate
err_has "username is missing"

# Every change was audited, as the page audits it; the refused ones were not.
[ "$(q "SELECT group_concat(action || ' ' || detail || ' ' || role, ', ') FROM
   (SELECT action, detail, role FROM audit ORDER BY id)")" = \
    "user-add ana.test operator, user-add bob.test operator, user-disable bob.test operator, \
user-reset ana.test operator, user-enable bob.test operator" ] ||
    fail "the account changes' audit rows: $(q "SELECT action, detail FROM audit")"
ok audit verify
done_ok
