#!/bin/sh
# kith access restrict|unrestrict|show|grant|revoke and kith audit verify|list: changes
# are checked before anything is stored, each is an audit row, and verify names the first
# row changed behind the triggers' back (exit 1).
. "$(dirname "$0")/lib.sh"

ok init
ok child add --given Cerys --family Access --sex F --dob 2015-02-28 --ethnicity WBRI \
    --la-child-id ACC001
echo "tulip-harbour-velvet-quartz-481" >pw
ok user add ben.test --role social-worker --password-file pw
ok user add gus.test --role auditor --password-file pw

status 64 access restrict ACC001 --reason staff-child
err_has "give --reason CODE, --authoriser WHO, --allow ACCOUNTS and --review DATE"
status 3 access restrict ACC001 --reason nosuch --authoriser "Head of service" --allow ben.test \
    --review 2027-01-01
err_has "'kith codes restriction-reason' lists"
status 4 access restrict ACC001 --reason staff-child --authoriser "Head of service" \
    --allow ben.test,nobody --review 2027-01-01
err_has "no account named 'nobody'"
ok access show ACC001
out_has "ACC001: not restricted"
ok access restrict ACC001 --reason staff-child --authoriser "Head of service" --allow ben.test \
    --review 2027-01-01
out_has "restricted ACC001 to 1 account until review on 01/01/2027"
ok access show ACC001
out_has "authoriser  Head of service"
out_has " ben.test"
ok access grant gus.test ACC001 --reason "subject access request" --expires 2026-12-31
out_has "grant 1: gus.test may see ACC001 until 31/12/2026"
ok access revoke 1
status 4 access revoke 1
err_has "no standing grant with id 1"
ok access unrestrict ACC001
status 4 access unrestrict ACC001

ok audit list --child ACC001
out_has "create"
out_has "restrict"
out_has "unrestrict"
out_has "grant"
out_has "operator"
ok audit verify
out_has "audit trail sound: 7 rows" # the child recorded, the two accounts, the four changes

# Triggers refuse changes; with them dropped, verify finds the edited row.
! sqlite3 kith.db "UPDATE audit SET action = 'x' WHERE id = 2" 2>/dev/null || fail "audit row updated"
sqlite3 kith.db "DROP TRIGGER audit_no_update; UPDATE audit SET action = 'x' WHERE id = 2"
status 1 audit verify
err_has "broken at row 2"
done_ok
