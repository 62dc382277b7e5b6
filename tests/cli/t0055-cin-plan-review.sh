#!/bin/sh
# kith record for a CIN plan's reviews: a review falls while a CIN plan of the child's is
# in force (not before it started, not after it ended, not in the future), each refusal
# naming the field and storing nothing; the review clock (docs/timescales.md,
# cin-plan-review) runs from the plan's start, then from each review, every
# cin-plan-review-months (3 when not set), stops when the plan ends, and reopens when a
# review is deleted; a plan is not deleted from under its reviews; the chronology lists
# the reviews.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok init
ok child add --given Cal --family Idowu --sex M --dob 2014-06-02 --ethnicity BAFR
ok child list
child=$(sed -n 2p "$T/out" | cut -d" " -f1)

ok record types
out_has "cin_plan_review: child in need plan reviews"
ok codes cin-review-outcome
out_has "step-up-cp"

# no plan yet: nothing to review
ok record add referral "$child" --referral-date 28/8/2026 --source 2A --primary-need N1
status 3 record add cin_plan_review "$child" --review-date 1/9/2026 --outcome continue
err_has "date of the review '2026-09-01' has no CIN plan to review"

# the plan starts on a month's end: its first review is due on 30 November
ok record add cin_plan "$child" --start-date 31/8/2026
plan=$(cat "$T/out")
ok work --all --format csv
out_has "$child,,review the child in need plan,2026-08-31,2026-11-30,overdue,cin-plan-review"

# bad orders refused, by field
status 3 record add cin_plan_review "$child" --review-date 30/8/2026 --outcome continue
err_has "date of the review '2026-08-30' is before the CIN plan started: expected a day on or after 2026-08-31"
status 3 record add cin_plan_review "$child" --review-date 8/12/2026 --outcome continue
err_has "date of the review '2026-12-08' is in the future"
status 3 record add cin_plan_review "$child" --review-date 1/12/2026 --outcome maybe
err_has "what the review decided 'maybe' is not a code we know"
status 3 record add cin_plan_review "$child" --review-date 1/12/2026
err_has "what the review decided is missing"
ok record list cin_plan_review "$child"
err_has "no child in need plan reviews"

# a review a day late: done late, and the next due 3 months after it
ok record add cin_plan_review "$child" --review-date 1/12/2026 --child-seen yes \
    --outcome continue --notes "$(printf 'Attendance up.\nPlan continues.')"
review=$(cat "$T/out")
ok work --all --format csv
out_has "$child,,review the child in need plan,2026-08-31,2026-11-30,done,cin-plan-review"
out_has "$child,,review the child in need plan,2026-12-01,2027-03-01,due,cin-plan-review"
ok record show cin_plan_review "$review"
out_has "Continue the plan"
# nor its end corrected to before the review, which is named beside the end
status 3 record edit cin_plan "$plan" --version 1 --reason "ended early" --end-date 30/11/2026
err_has "end of the plan '2026-11-30' is before the plan's review: expected a day on or after 2026-12-01, the day of the plan's review"
ok record edit cin_plan "$plan" --version 1 --reason "ended at the review" --end-date 1/12/2026
ok record edit cin_plan "$plan" --version 2 --reason "not ended after all" --end-date ""
# the plan cannot be deleted from under its review
status 3 record delete cin_plan "$plan" --version 3 --reason "wrong child"
err_has "would leave the child in need plan review $review wrong"

# the council's own interval: 1 to 12 months
status 3 settings set cin-plan-review-months 13
status 3 settings set cin-plan-review-months 0
ok settings set cin-plan-review-months 2
ok work --all --format csv
out_has "$child,,review the child in need plan,2026-12-01,2027-02-01,due,cin-plan-review"

# the chronology lists the review among the plan's events
ok child chronology "$child" --format csv
out_has "2026-12-01,Child in need plan reviewed,plan,cin_plan_review,$review,"

# deleted in error: the clock it stopped is open again
ok record delete cin_plan_review "$review" --version 1 --reason "typed on the wrong child"
ok work --all --format csv
out_has "$child,,review the child in need plan,2026-08-31,2026-10-31,overdue,cin-plan-review"
out_lacks "2026-12-01,2027-02-01"

# the plan ends: nothing more is owed, and no review after its end
ok record edit cin_plan "$plan" --version 3 --reason "plan ended" --end-date 1/11/2026
ok work --all --format csv
out_lacks "cin-plan-review"
status 3 record add cin_plan_review "$child" --review-date 2/11/2026 --outcome close
err_has "date of the review '2026-11-02' is after the CIN plan ended: expected a day from 2026-08-31 to 2026-11-01"
ok record add cin_plan_review "$child" --review-date 1/11/2026 --outcome close
done_ok
