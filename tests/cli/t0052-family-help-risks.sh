#!/bin/sh
# kith record for family help, risks outside the home and pre-proceedings: a family help
# episode of a child in need led by a family support worker needs a social worker's
# sign-off; a missing episode starts the 72-hour return home interview clock in kith work;
# an exploitation risk stays open with its review date; the letter before proceedings
# must state the FGDM offer, and an application for a care order is refused until the
# family had one (Children Act 1989 s.31ZA), each refusal naming the field and the reason
# and storing nothing.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok init
ok child add --given Bea --family Okoro --sex F --dob 2012-04-02 --ethnicity BAFR
ok child list
child=$(sed -n 2p "$T/out" | cut -d" " -f1)

ok record types
out_has "family_help: family help episodes"
out_has "care_application: applications for care or supervision orders"
ok codes exploitation
out_has "county-lines"

# family help: a child in need's episode led by another profession is signed off
status 3 record add family_help "$child" --start-date 1/10/2026 \
    --lead-practitioner "A Patel, family support" --lead-profession family-support \
    --child-in-need yes
err_has "social worker who signed it off is missing"
err_has "their Social Work England number is missing"
ok record add family_help "$child" --start-date 1/10/2026 \
    --lead-practitioner "A Patel, family support" --lead-profession family-support \
    --child-in-need yes --signoff-by "B Okafor" --signoff-registration SW123456 \
    --signoff-date 2/10/2026 --contributors "$(printf 'C Lee, school nurse\nD Ray, teacher')"

# missing: the return home interview clock runs 3 days from the return
status 3 record add missing_episode "$child" --start-date 1/12/2026 --kind M \
    --rhi-offered-date 3/12/2026
err_has "day the child came back is missing"
ok record add missing_episode "$child" --start-date 1/12/2026 --kind M --end-date 4/12/2026 \
    --reported-to-police yes
ok work --all --format csv
out_has ",offer a return home interview,2026-12-04,2026-12-07,due,return-interview"

# an open exploitation risk has its review day, which may be ahead of today
status 3 record add exploitation_risk "$child" --identified-date 2/12/2026 \
    --kinds cce,county-lines --risk-level high
err_has "day of the next review is missing"
ok record add exploitation_risk "$child" --identified-date 2/12/2026 \
    --kinds cce,county-lines --risk-level high --review-date 2/1/2027

# pre-proceedings and FGDM
status 3 record add care_application "$child" --application-date 1/12/2026 --order-sought care
err_has "has no offer of family group decision-making before it"
err_has "not in the child's best interests (Children Act 1989 s.31ZA); no one with parental responsibility is recorded among the child's relatives"
ok record add pre_proceedings "$child" --start-date 9/9/2026
status 3 record add letter_before_proceedings "$child" --letter-date 20/9/2026 \
    --kind before-proceedings
err_has "the letter states the offer of a family group decision-making meeting 'no' is no"
status 3 record add fgdm_offer "$child" --offer-date 20/9/2026 --offered-to "F Okoro" \
    --relationship mother --relative zzzzzzzzzzzzzzzzzzzzzzzzzz
err_has "the relative offered 'zzzzzzzzzzzzzzzzzzzzzzzzzz' is not one of the child's relatives"
ok record add fgdm_offer "$child" --offer-date 20/9/2026 --offered-to "F Okoro" \
    --relationship mother --parental-responsibility yes --facilitated yes \
    --response accepted --response-date 25/9/2026
ok record add letter_before_proceedings "$child" --letter-date 20/9/2026 \
    --kind before-proceedings --states-fgdm-offer yes
status 3 record add care_application "$child" --application-date 1/12/2026 --order-sought care
err_has "is before the family group met"
ok record add fgdm_meeting "$child" --meeting-date 5/10/2026 \
    --attendees "$(printf 'F Okoro, mother\nG Okoro, grandmother')"
ok record add care_application "$child" --application-date 1/12/2026 --order-sought care

# the refusals stored nothing
for t in family_help missing_episode exploitation_risk pre_proceedings fgdm_offer \
    letter_before_proceedings fgdm_meeting care_application; do
    ok record list "$t" "$child"
    err_has "showing 1 to 1 of 1"
done

# the chronology: the records' own dates, oldest first, nothing typed again; filters by
# kind and period (inclusive), bad ones named
ok child chronology "$child" --format csv
out_has "date,event,kind,record_type,record,summary"
out_has "2026-09-09,Pre-proceedings started,proceedings,pre_proceedings,"
[ "$(sed -n 2p "$T/out" | cut -d, -f1-2)" = "2026-09-09,Pre-proceedings started" ] ||
    fail "the chronology does not start with the oldest event"
[ "$(tail -n 1 "$T/out" | cut -d, -f1-2)" = "2026-12-04,Came back after being missing or away" ] ||
    fail "the chronology does not end with the newest event"
ok child chronology "$child" --kind risk --from 2/12/2026 --to 2026-12-04
out_has "Exploitation risk identified"
out_has "Came back after being missing or away"
out_lacks "Missing or away from home"
out_lacks "Pre-proceedings"
ok child chronology "$child" --format json --kind proceedings
out_has '"event":"Application to court"'
status 64 child chronology "$child" --kind gossip
err_has "kind of event 'gossip' is not a kind of event"
status 64 child chronology "$child" --from 5/12/2026 --to 1/12/2026
err_has "the start of the period"
ok audit list --child "$child"
out_has "child.chronology"
done_ok
