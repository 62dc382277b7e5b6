#!/bin/sh
# kith child merge and unmerge: two records of one child made one (the second's records
# move to the first, the second leaves lists and searches) and taken apart again exactly; a
# merge needs a reason, a merged child is not merged twice, and nothing new is recorded on
# it while it is merged.
. "$(dirname "$0")/lib.sh"

ok init
ok child add --given Zara --family Twice --sex F --dob 2016-02-01 --ethnicity WBRI \
    --la-child-id LAKEEP
ok child add --given Zarah --family Twice --sex F --dob 2016-02-01 --ethnicity WBRI \
    --la-child-id LAGONE
export KITH_TODAY=2026-12-07
ok record add contact LAGONE --contact-date 4/12/2026 --source 2A --summary "First contact"
ok child duplicates --given Zara --family Twice --dob 2016-02-01
out_has "2 possible matches"

status 3 child merge LAKEEP LAGONE
err_has "reason"
status 4 child merge LAKEEP NOBODY --reason "typed twice"
ok child merge LAKEEP LAGONE --reason "typed twice at the front door"
out_has "merged LAGONE into LAKEEP: 1 record moved"
ok child search Twice
out_has "LAKEEP"
out_lacks "LAGONE"
ok record list contact LAKEEP
err_has "of 1 contacts"
status 5 child merge LAKEEP LAGONE --reason again
# nothing new is written to the merged record, where it would be out of sight
ok child show LAKEEP
keep=$(awk '/public id/ { print $3 }' "$T/out")
status 5 record add contact LAGONE --contact-date 5/12/2026 --source 2A --summary "Second"
err_has "this child's record was merged into $keep (LAKEEP): record it there"
ok record list contact LAKEEP
err_has "of 1 contacts"

ok child unmerge LAGONE --reason "twins after all"
out_has "unmerged LAGONE: 1 record moved back"
ok record add contact LAGONE --contact-date 5/12/2026 --source 2A --summary "Second"
ok record list contact LAGONE
err_has "of 2 contacts"
ok record list contact LAKEEP
err_has "no contacts"
ok child search Twice
out_has "LAGONE"
status 5 child unmerge LAGONE --reason again
done_ok
