#!/bin/sh
# kith child duplicates: search before create. A child typed with a sound-alike given name
# and the date of birth is found with why it matched; given and family names swapped with
# day and month swapped too; a twin sharing the date of birth and postcode is shown for a
# person to judge; an NHS number with a bad check digit, or nothing to look for, is refused
# naming the option; each search is in the audit trail.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok init
ok child add --ethnicity NOBT --given Muhammad --family Khan --sex M --dob 2015-03-07 --postcode "N1 9GU"
ok child add --ethnicity NOBT --given Ayesha --family Khan --sex F --dob 2015-03-07 --postcode "N1 9GU"
ok child add --ethnicity NOBT --given Sam --family Other --sex M --dob 2010-01-01

ok child duplicates --given Mohammed --family Khan --dob 7/3/2015
out_has "2 possible matches"
out_has "Muhammad Khan  07/03/2015"
out_has "+9 given name sounds the same: Mohammed and Muhammad"
out_has "Ayesha Khan"
out_lacks "Sam Other"
[ "$(sed -n 2p "$T/out" | cut -c1-3)" = " 54" ] || fail "Muhammad Khan first, scoring 54"

ok child duplicates --given Khan --family Muhammad --dob 3/7/2015
out_has "1 possible match"
out_has "+25 given and family names swapped (Khan Muhammad and Muhammad Khan)"
out_has "+15 date of birth with day and month swapped (03/07 and 07/03)"

ok child duplicates --given Zed --family Nobody --dob 1/1/2001
out_has "0 possible matches"

status 3 child duplicates --nhs-number "999 000 0000"
err_has "NHS number '999 000 0000' is not an NHS number: its first nine digits give no check digit"
status 3 child duplicates --nhs-number 9434765918
err_has "fails the NHS number's check digit"
status 3 child duplicates
err_has "something to look for"

ok audit list
out_has "child.duplicates"
done_ok
