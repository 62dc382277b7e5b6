#!/bin/sh
# kith record through a child's help-and-protection journey: referral, assessment,
# strategy discussion, section 47 enquiry, initial conference, CP plan, core group and CP
# visit, each through the generic record command; the impossible orders (an assessment
# before its referral, an enquiry before its strategy discussion, a conference before its
# enquiry, a plan before its conference, a child seen before birth) and codes the DfE did
# not have in the date's collection year are refused with the field and the reason, and
# nothing refused is stored.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok init
ok child add --given Ada --family Lovelace --sex F --dob 2015-12-10 --ethnicity WBRI
ok child list
child=$(sed -n 2p "$T/out" | cut -d" " -f1)

ok record types
out_has "referral: referrals, each recorded for a child"
out_has "s47_enquiry: section 47 enquiries"
ok record types assessment
out_has "--factors"
out_has "'kith codes cin-assessment-factor' lists the codes"
ok codes agency
out_has "police"

# nothing before the referral that opens the episode
status 3 record add assessment "$child" --start-date 3/11/2026
err_has "start of the assessment '2026-11-03' has no referral before it"
# a code the DfE added in 2022/23 refused on a referral of 2021/22, its year said
status 3 record add referral "$child" --referral-date 31/03/2022 --source 5D --primary-need N4
err_has "source of the referral '5D' is used only from 2022/23, not in 2021/22"
status 3 record add referral "$child" --referral-date 2/11/2026 --source 2A
err_has "primary_need': CIN rule 8610: A referral that led to further action has no primary need code"
ok record add referral "$child" --referral-date 2/11/2026 --source 2A --primary-need N1
referral=$(cat "$T/out")
status 3 record add assessment "$child" --start-date 1/11/2026
err_has "is before the child's referral: expected a day on or after the referral of 2026-11-02"
ok record add assessment "$child" --start-date 2/11/2026 --child-seen-date 3/11/2026

# the strategy discussion: social care and the police at least; then the enquiry
status 3 record add s47_enquiry "$child" --start-date 5/11/2026
err_has "start of the enquiry '2026-11-05' is before its strategy discussion"
status 3 record add strategy_discussion "$child" --discussion-date 5/11/2026 \
    --agencies social-care,health --outcome s47 \
    --attendees "$(printf 'J Smith, team manager, social-care\nDr Patel, GP, health')"
err_has "agencies taking part 'police' is not among them"
ok record add strategy_discussion "$child" --discussion-date 5/11/2026 \
    --agencies social-care,police,health --outcome s47 --led-by "J Smith, team manager" \
    --attendees "$(printf 'J Smith, team manager, social-care\nDC Brown, detective, police\nDr Patel, GP, health')"
ok record add s47_enquiry "$child" --start-date 5/11/2026
s47=$(cat "$T/out")

# the initial conference: not before its enquiry, never at a weekend
status 3 record add conference "$child" --kind initial --conference-date 4/11/2026 \
    --outcome plan --category NEG
err_has "date of the conference '2026-11-04' is before its enquiry"
status 3 record add conference "$child" --kind initial --conference-date 21/11/2026 \
    --outcome plan --category NEG
err_has "conference_date': CIN rule 8875:"
err_has "(this child protection conference's date of the conference, which the census reads as the section 47 enquiry's DateOfInitialCPC)"
ok record edit s47_enquiry "$s47" --start-date 5/11/2026 --completed-date 19/11/2026 \
    --outcome icpc --version 1 --reason "enquiry concluded"
status 3 record add cp_plan "$child" --start-date 20/11/2026 --initial-category NEG \
    --latest-category NEG
err_has "start of the plan '2026-11-20' is not the day of an initial conference"
ok record add conference "$child" --kind initial --conference-date 20/11/2026 --outcome plan \
    --category NEG --chair "R Khan, CP chair"
ok record add cp_plan "$child" --start-date 20/11/2026 --initial-category NEG \
    --latest-category NEG
plan=$(cat "$T/out")
status 3 record add cp_plan "$child" --start-date 20/11/2026 --end-date 20/11/2026 \
    --initial-category NEG --latest-category NEG
err_has "end of the plan '2026-11-20' is the same day as the start of the plan"

# core groups and CP visits during the plan; a child seen before birth is impossible
status 3 record add core_group "$child" --meeting-date 19/11/2026
err_has "is not during a child protection plan"
ok record add core_group "$child" --meeting-date 27/11/2026
status 3 record add visit "$child" --visit-date 25/11/2026 --purpose cp-plan --place home \
    --seen-alone yes --by-whom "J Smith"
err_has "child seen alone 'yes' is given though the child was not seen"
ok record add visit "$child" --visit-date 25/11/2026 --purpose cp-plan --place home \
    --child-seen yes --seen-alone yes --by-whom "J Smith, social worker"
status 3 record add visit "$child" --visit-date 1/12/2015 --purpose other --place home \
    --child-seen yes --by-whom "J Smith"
err_has "date of the visit '2015-12-01' is before the child was born: expected a day on or after 2015-12-10"
ok record show cp_plan "$plan"
out_has "NEG (Neglect)"

# the refusals stored nothing: one of each, the enquiry corrected once
for t in referral assessment strategy_discussion s47_enquiry conference cp_plan core_group visit; do
    ok record list "$t" "$child"
    err_has "showing 1 to 1 of 1"
done
ok record show s47_enquiry "$s47"
out_has "initial conference not required no"
ok record history s47_enquiry "$s47"
[ "$(grep -c "^section 47 enquiry $s47, version" "$T/out")" -eq 2 ] || fail "two versions"
ok record show referral "$referral"
out_has "2A (Schools)"
# the clocks the journey started (docs/timescales.md): the ICPC held within its 15
# working days, the first core group and CP visit done, the next visit and the
# assessment's 45 working days (over Christmas) running
ok work --all --format csv
out_has ",hold the initial child protection conference,2026-11-05,2026-11-26,done,icpc"
out_has ",hold the first core group,2026-11-20,2026-12-04,done,core-group"
out_has ",visit the child,2026-11-25,2026-12-09,due,cp-visit"
out_has ",complete the assessment,2026-11-02,2027-01-07,due,assessment"
out_has ",hold the review child protection conference,2026-11-20,2027-02-20,due,review-conference"
done_ok
