#!/bin/sh
# kith record delete: a record entered in error leaves the child's lists, work and returns;
# its versions stay in the history and the deletion is audited; a reason and the version
# seen are required; a deletion the CIN census rules would find leaves the child's other
# records wrong is refused (delete what hangs off it first); someone outside the child's
# scope is told there is no such record.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok demo --scale 0.01 --seed 3
ok worker list --team "Assessment Team"
worker=$(awk '/Social worker/ {print $1; exit}' "$T/out")
ok child list --worker "$worker"
child=$(sed -n 2p "$T/out" | cut -d" " -f1)
[ -n "$child" ] || fail "the worker has no child"

# a contact and its clock; deleted, both go
ok record add contact "$child" --contact-date 2026-12-02 --source 1A --summary "typed on the wrong child"
id=$(cat "$T/out")
ok work --worker "$worker" --format csv
out_has "$child,$worker,decide on the contact,2026-12-02,2026-12-03,overdue,contact-decision"
status 3 record delete contact "$id" --version 1
err_has "reason"
status 3 record delete contact "$id" --version 1 --reason "   "
err_has "reason"
status 64 record delete contact "$id" --reason "wrong child"
err_has "--version N"
status 5 record delete contact "$id" --version 2 --reason "wrong child"
err_has "you started from version 2 and it is now at version 1"
ok record delete contact "$id" --version 1 --reason "wrong child"
out_has "deleted contact $id"
ok work --worker "$worker" --format csv
out_lacks "2026-12-02,2026-12-03"
status 4 record show contact "$id"
ok record list contact "$child"
out_lacks "$id"
status 4 record delete contact "$id" --version 1 --reason "again"
ok audit list
out_has "contact.delete"

# a child with two episodes; the assessment sits in the first: deleting the first referral
# would leave it before the child's first referral (CIN rule 1103), so it is refused
ok child add --given Tess --family Delete --sex F --dob 2015-12-10 --ethnicity WBRI \
    --la-child-id TESS1 --upn-unknown UN2 --disabilities NONE
tess=$(cut -d" " -f3 "$T/out")
ok record add referral "$tess" --referral-date 2/5/2026 --source 2A --primary-need N4 \
    --closure-date 10/8/2026 --closure-reason RC8
first=$(cat "$T/out")
ok record add assessment "$tess" --start-date 5/5/2026 --completed-date 30/5/2026 \
    --authorised-date 2/6/2026 --authorised-by "T Manager" --factors 21
assessment=$(cat "$T/out")
ok record add referral "$tess" --referral-date 2/9/2026 --source 6 --primary-need N1
status 3 record delete referral "$first" --version 1 --reason "duplicate"
err_has "CIN rule 1103"
ok record list referral "$tess"
out_has "$first"
# the assessment first, then the referral
ok record delete assessment "$assessment" --version 1 --reason "recorded twice"
ok record delete referral "$first" --version 1 --reason "duplicate"
ok record list referral "$tess"
out_lacks "$first"
done_ok
