#!/bin/sh
# kith child add/show/list/search: a record goes in only when every value is valid, every
# problem is reported at once, and what went in reads back the same.
. "$(dirname "$0")/lib.sh"

status 10 child list
err_has "no database at"
[ ! -e "$KITH_DB" ] || fail "a read command created the database"

ok init
ok child add --given Ada --family Lovelace --sex F --dob 2015-02-28 --ethnicity WBRI \
    --upn Z820200000109 --postcode "n1 9gu" --disabilities COMM,LD --la-child-id LA000123
out_has "added child"
ok child show LA000123
out_has "Ada Lovelace"
out_has "LA000123"
out_has "2015-02-28 (age "
out_has "WBRI  White British"
out_has "COMM, LD"
out_has "relationships (0)"
out_has "allocations (0)"

# The options are the description's fields, listed from it; the full names and the short
# --given/--family both work; an option that is no field a new child's record takes is a
# usage error that says where the fields are listed.
ok child fields
out_has "--nhs-number"
out_has "--family-name            family name (required)"
out_has "--uasc"
if grep -q -- "--created\|--kind" "$T/out"; then fail "child fields lists what add does not take"; fi
ok child add --given-name Grace --family_name Hopper --sex F --dob 2016-12-09 --ethnicity WBRI \
    --la-child-id=LA000124 --uasc
ok child show LA000124
out_has "Grace Hopper"
status 64 child add --given X --family Y --sex F --colour blue
err_has "a child's record has no field 'colour': 'kith child fields' lists them"
status 64 child add --given X --family Y --sex F --created 2020-01-01
err_has "no field 'created'"
ok child list
[ "$(grep -c . "$T/out")" -eq 3 ] || fail "a refused child was stored"

# Every problem at once, naming the field, the value and what was expected; nothing stored.
status 3 child add --given X --family Y --sex Q --dob 2030-01-01 --upn A123 \
    --ethnicity wbri --disabilities NONE,MOB
err_has "field 'dob'"
err_has "'2030-01-01' is in the future"
err_has "field 'sex'"
err_has "field 'ethnicity'"
err_has "field 'upn'"
err_has "field 'disabilities'"
ok child list
[ "$(grep -c . "$T/out")" -eq 3 ] || fail "the invalid child was stored"

# Names may not hold bidi overrides or invisible characters: "Ada" with U+202E would show
# reversed, and with U+200B would look like another child's name and not be it.
status 3 child add --given "$(printf 'Ada\342\200\256')" --family Lovelace --sex F --dob 2015-02-28 \
    --ethnicity WBRI
err_has "field 'given_name'"
err_has "holds a bidirectional control character (U+202E)"
status 3 child add --given Ada --family "$(printf 'Love\342\200\213lace')" --sex F \
    --dob 2015-02-28 --ethnicity WBRI
err_has "holds an invisible (zero-width) character (U+200B)"
ok child list
[ "$(grep -c . "$T/out")" -eq 3 ] || fail "a child with a bidi override was stored"

# The same LA child id twice is a conflict, not a second record.
status 5 child add --given Ada --family Other --sex F --dob 2016-01-01 --ethnicity NOBT --la-child-id LA000123
err_has "LA000123"

# Unborn: expected date of birth, sex U.
ok child add --given Baby --family Lovelace --sex U --ethnicity NOBT --expected-dob "$(date -d '+2 months' +%Y-%m-%d)"
out_has "added child"
ok child search love
out_has "Ada Lovelace"
out_has "Baby Lovelace"
out_has "due "
ok child search "ada lov"
out_has "Ada Lovelace"
out_lacks "Baby"
ok child search LA0001
out_has "Ada Lovelace"
ok child search zzz
out_has "(no children match)"
ok child list --limit 1
[ "$(grep -c . "$T/out")" -eq 2 ] || fail "--limit 1 printed more than one child"
status 64 child list --limit -1
status 64 child list --limit many
err_has "'many' is not a whole number"
status 4 child show nobody
status 64 child show
err_has "usage: kith child show CHILD"
status 64 child frobnicate

# The NHS number (CWSA 2026 s.4): kept as its digits with where it came from, or not known
# with the reason; a wrong check digit, or a source with no number, refused by field.
ok child add --given Nia --family Jones --sex F --dob 2016-04-01 --ethnicity WBRI \
    --nhs-number "943 476 5919" --nhs-source pds-trace --la-child-id LANHS1
ok child show LANHS1
out_has "NHS number       943 476 5919 (A trace on the NHS Personal Demographics Service (PDS))"
ok child add --given Ola --family Jones --sex F --dob 2016-04-01 --ethnicity WBRI \
    --nhs-source not-known --nhs-unknown other --nhs-unknown-text "papers awaited" \
    --la-child-id LANHS2
ok child show LANHS2
out_has "not known: Another reason (say what): papers awaited"
status 3 child add --given Pia --family Jones --sex F --dob 2016-04-01 --ethnicity WBRI \
    --nhs-number 9434765918 --nhs-source gp
err_has "field 'nhs_number': NHS number '9434765918' fails the NHS number's check digit"
status 3 child add --given Pia --family Jones --sex F --dob 2016-04-01 --ethnicity WBRI \
    --nhs-source gp
err_has "field 'nhs_source'"
status 3 child add --given Pia --family Jones --sex F --dob 2016-04-01 --ethnicity WBRI \
    --nhs-source not-known
err_has "field 'nhs_unknown'"
done_ok
