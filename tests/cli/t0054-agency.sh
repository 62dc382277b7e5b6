#!/bin/sh
# Agency social workers (DfE agency rules): kith record add agency_assignment refuses,
# naming the field, an assignment it cannot judge (no region set), one over the region's
# cap without a named sign-off, one within three months of a permanent post in the region;
# the caps are records the council keeps (an overlap refused), and an assignment with no
# cap recorded is flagged, never passed;
# kith workforce agency-return writes the quarter's CSV with the assignments in force on
# any of its days, and the file is read back; a bad quarter is refused with what it wants.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok demo --scale 0.01 --seed 5
ok worker list --all --limit 500
worker=$(awk 'NR > 1 && $NF == "agency" { print $1; exit }' "$T/out")
reg=$(awk -v w="$worker" '$1 == w { print $2 }' "$T/out")
[ -n "$worker" ] && [ -n "$reg" ] || fail "the demo has an agency worker with a registration"

A="--role social-worker --agency Acme --pqe-years 4 --notice-weeks 4"

# nothing can be judged before the council's region is set (the demo sets London)
KITH_DB="$T/new.db" ok init
KITH_DB="$T/new.db" status 3 record add agency_assignment $A --name "Ann Lee" \
    --registration SW12345 --hourly-rate 4000 --start-date 2/11/2026
err_has "the council's region is not set"
ok settings show
out_has "london"
ok settings set la-code 206

# the caps are the council's record: the demo's London caps, kept with kith record; two of
# one region and role in force on the same day are refused on the day that clashes
ok record list agency_cap
out_has "london"
status 3 record add agency_cap --region london --role social-worker --cap-pence 4500 \
    --from-date 1/1/2027 --agreed "London councils"
err_has "overlaps the London cap for Social worker of 4280 pence an hour from 2026-04-01 with no end"

# over London's social worker cap (4280 pence from April 2026): a named sign-off and
# reason, or nothing
status 3 record add agency_assignment $A --worker "$worker" --hourly-rate 4650 \
    --start-date 2/11/2026
err_has "name of who signed off the rate over the cap is needed"
err_has "over the london cap of 4280 pence an hour (from 2026-04-01)"
ok record add agency_assignment $A --worker "$worker" --hourly-rate 4650 \
    --start-date 2/11/2026 --cap-signoff-by "R Osei" --cap-signoff-role "Director" \
    --cap-signoff-on 20/10/2026 --cap-reason "No worker at the cap for this team"
over=$(cat "$T/out")

# the three-month rule: left 1 August, so from 1 November
status 3 record add agency_assignment $A --name "Ann Lee" --registration SW12345 \
    --hourly-rate 4000 --start-date 31/10/2026 --left-permanent-on 1/8/2026
err_has "expected a start on or after 2026-11-01"
ok record add agency_assignment $A --name "Ann Lee" --registration SW12345 \
    --hourly-rate 4000 --start-date 1/10/2026 --end-date 1/10/2026
edge=$(cat "$T/out")
ok record add agency_assignment $A --name "Bo Finch" --registration SW23456 \
    --hourly-rate 4000 --start-date 1/7/2026 --end-date 30/9/2026
before=$(cat "$T/out")
ok record add agency_assignment $A --name "Cy Ode" --registration SW34567 \
    --hourly-rate 4000 --start-date 1/1/2027
after=$(cat "$T/out")
# before any cap was recorded: not refused, and flagged rather than passed
ok record add agency_assignment $A --name "Di Gale" --registration SW45678 \
    --hourly-rate 9000 --start-date 1/1/2025
nocap=$(cat "$T/out")

# the return: a quarter is a year and 1 to 4
status 64 workforce agency-return --quarter 2026Q5
err_has "'2026Q5' is not a quarter: expected a year and a quarter 1 to 4, like 2026Q4"
status 64 workforce agency-return
err_has "which quarter?"
ok workforce agency-return --quarter 2026Q4 --out q4.csv
err_has "agency return 2026Q4"
err_has "assignment $nocap: no price cap recorded for London, social worker, on 1 Jan 2025"
head -n 1 q4.csv | tr -d '\r' > head.txt
grep -qx 'la_code,quarter_start,quarter_end,assignment_id,swe_number,on_establishment,role_category,agency,start_date,end_date,hourly_rate_pence,region,region_cap_pence,over_cap,cap_signed_off_by,cap_signed_off_role,cap_signed_off_on,pqe_years,reference_received,reference_given,project_team,project_approved_on,left_permanent_post_in_region,three_month_exception,notice_weeks' head.txt ||
    fail "the header is the documented one: $(cat head.txt)"
row() { tr -d '\r' < q4.csv | grep ",$1,"; }
row "$over" | grep -q "^206,2026-10-01,2026-12-31,$over,$reg,Y,social-worker,Acme,2026-11-02,,4650,london,4280,Y,R Osei,Director,2026-10-20,4," ||
    fail "the over-cap line: $(row "$over")"
row "$edge" | grep -q ",SW12345,N,.*,2026-10-01,2026-10-01,4000,london,4280,N," ||
    fail "an assignment ending on the quarter's first day is in it: $(row "$edge")"
row "$nocap" | grep -q ",2025-01-01,,9000,london,,,," ||
    fail "no cap: its cap and over_cap empty, not N: $(row "$nocap")"
! row "$before" >/dev/null || fail "one ended the day before the quarter is not in it"
! row "$after" >/dev/null || fail "one starting after the quarter is not in it"
[ "$(tr -d '\r' < q4.csv | awk -F, 'NR > 1 { n++ } END { print n + 0 }')" -ge 2 ] ||
    fail "two lines at least"
ok workforce agency-return --quarter 2026q3
out_has "$before"
done_ok
