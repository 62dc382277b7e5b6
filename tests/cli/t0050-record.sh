#!/bin/sh
# kith record: a contact added, shown, listed, corrected and its history read, through
# the description and the use-case layer; every bad value reported with its option; a
# correction from an old version changes nothing and shows both; stored control
# characters are never sent to the terminal.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok init
ok child add --given Ada --family Lovelace --sex F --dob 2015-12-10 --ethnicity WBRI
ok child list
child=$(sed -n 2p "$T/out" | cut -d" " -f1)

ok record types
out_has "contact: contacts, each recorded for a child"
ok record types contact
out_has "--contact-date"
out_has "'kith codes contact-outcome' lists the codes"
status 64 record types nothing
err_has "the types are contact"

# every problem of the fields at once, each naming its option; nothing stored
status 3 record add contact "$child" --contact-date 8/12/2026 --source ZZ --summary ""
err_has "--contact_date: date of the contact '2026-12-08' is in the future"
err_has "--source: who made the contact 'ZZ' is not a code we know"
err_has "--summary: what was said is missing"
status 3 record add contact "$child" --contact-date 31/02/2026 --source 1A --summary x
err_has "is not a date"
status 64 record add contact "$child" --colour blue
err_has "a contact has no field 'colour'"
status 4 record add contact nobody --contact-date 4/12/2026 --source 1A --summary x
status 64 record add contact
ok record list contact "$child"
err_has "no contacts"

printf 'She said: "he hit me".\n\nSeen at the school gate.\n' > said.txt
ok record add contact "$child" --contact-date 4/12/2026 --contact-time 08:45 --source 2A \
    --contact-by "Ms Khan, DSL, Hillside Primary" --summary "$(cat said.txt)"
id=$(cat "$T/out")
[ ${#id} -eq 26 ] || fail "a public id, got '$id'"
ok record show contact "$id"
out_has "contact $id, version 1"
out_has "date of the contact          04/12/2026"
out_has "2A (Schools)"
out_has "She said: \"he hit me\"."
out_has "    Seen at the school gate."
ok record list contact "$child"
out_has "$id  04/12/2026  v1"
err_has "showing 1 to 1 of 1 contacts"
ok record list contact "$child" --offset 5
err_has "none from 6: 1 contact in all"

# corrections: a reason and the version started from are required
status 64 record edit contact "$id" --outcome referral --decided-on 5/12/2026 --reason "decided"
err_has "--version N"
status 3 record edit contact "$id" --outcome referral --decided-on 5/12/2026 --version 1
err_has "needs its reason"
status 3 record edit contact "$id" --outcome referral --version 1 --reason "decided"
err_has "date of the decision is missing"
ok record edit contact "$id" --outcome referral --decided-on 5/12/2026 --version 1 \
    --reason "front door decided"
out_is "$id version 2"
# a second person still on version 1: nothing changes, both versions are shown
status 5 record edit contact "$id" --outcome nfa --decided-on 5/12/2026 --version 1 --reason "x"
err_has "now at version 2"
err_has "referral (Referral to children's social care)"
err_has "nfa (No further action)"
ok record show contact "$id"
out_has "referral (Referral"
out_has "because: front door decided"
ok record history contact "$id"
[ "$(grep -c "^contact $id, version" "$T/out")" -eq 2 ] || fail "two versions"
out_has "contact $id, version 1"

# control characters never reach the terminal, and free text refuses them
status 3 record add contact "$child" --contact-date 4/12/2026 --source 1A \
    --summary "$(printf 'a\033]0;pwned\007b')"
err_has "holds a control character"

ok audit list
out_has "contact.add"
out_has "contact.correct"
ok audit verify
done_ok
