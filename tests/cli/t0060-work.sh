#!/bin/sh
# kith work: obligations derived from the records as they read now. A contact's decision
# is due one working day after it; its status moves with the day judged (--on) and with
# corrections (a decision recorded, the contact's date corrected); Christmas bank
# holidays are named; the CSV has exactly the agreed columns; a worker's, a team's and
# the borough's views; bad options are refused with a clear message.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok demo --scale 0.01 --seed 3
ok worker list --team "Assessment Team"
worker=$(awk '/Social worker/ {print $1; exit}' "$T/out")
name=$(awk '/Social worker/ {print $3, $4; exit}' "$T/out")
[ -n "$worker" ] || fail "no social worker in the assessment team"
ok child list --worker "$worker"
child=$(sed -n 2p "$T/out" | cut -d" " -f1)
[ -n "$child" ] || fail "the worker has no child"

ok record add contact "$child" --contact-date 2026-12-02 --source 1A --summary "worried"
id=$(cat "$T/out")
row="$child,$worker,decide on the contact,2026-12-02,2026-12-03"

ok work --worker "$worker" --format csv
[ "$(sed -n 1p "$T/out")" = "child,worker,obligation,started,due,status,rule" ] ||
    fail "the CSV header"
out_has "$row,overdue,contact-decision"
# judged on the due day it is due; before the contact, nothing
ok work --worker "$worker" --format csv --on 2026-12-03
out_has "$row,due,contact-decision"
ok work --worker "$worker" --format csv --on 2026-12-01
out_lacks "$id"
out_lacks "2026-12-02,2026-12-03"

ok work --worker "$worker"
out_has "Work for $name on 07/12/2026:"
out_has "Overdue"
out_has "due 3 Dec 2026: 1 working day after the contact was made on 2 Dec 2026"
out_has "-> kith record edit contact $id --version 1 --reason TEXT --decided-on DATE"

# a decision recorded by a correction stops the clock; a corrected contact date moves it
ok record edit contact "$id" --version 1 --reason "decided" --outcome nfa --decided-on 2026-12-03
ok work --worker "$worker" --format csv
out_has "$row,done,contact-decision"
ok work --worker "$worker" --format csv --on 2026-12-02
out_has "$row,due,contact-decision"
ok record edit contact "$id" --version 2 --reason "typed the wrong day" --contact-date 2026-12-01
ok work --worker "$worker" --format csv
out_has "$child,$worker,decide on the contact,2026-12-01,2026-12-02,done,contact-decision"
out_lacks "$row"
ok work --worker "$worker" --format json
out_has "\"explanation\":\"due 2 Dec 2026: 1 working day after the contact was made on 1 Dec 2026; done on 3 Dec 2026, late\""
out_has "\"record\":\"$id\""

# Christmas: the 25th and the 28th (Boxing Day's substitute) are not working days
export KITH_TODAY=2027-01-05
ok record add contact "$child" --contact-date 2026-12-24 --source 1A --summary "before Christmas"

ok work --worker "$worker" --status overdue
out_has "due 29 Dec 2026: 1 working day after the contact was made on 24 Dec 2026; 25 Dec and 28 Dec are not working days"
out_lacks "1 Dec 2026"
ok work --worker "$worker" --format csv --status done
out_lacks "2026-12-24"
out_has "2026-12-01,2026-12-02,done"

# the team's view: overdue by worker and by type, the queue, caseloads
ok work --team "Assessment Team"
out_has "Overdue by worker"
out_has "$name"
out_has "contact-decision"
out_has "Authorisation queue"
out_has "Caseloads"
ok work --all --format csv
out_has "$child,$worker,decide on the contact,2026-12-24,2026-12-29,overdue,contact-decision"

# bad options
status 64 work
err_has "give one of --worker REF, --team TEAM or --all"
status 64 work --all --team "Assessment Team"
status 64 work --all --format xml
err_has "'xml' is not text, csv or json"
status 64 work --all --status late
err_has "'late' is not done, due or overdue"
status 64 work --all --on 2026-02-30
status 4 work --worker nobody
done_ok
