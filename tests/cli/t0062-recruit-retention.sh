#!/bin/sh
# kith recruit retention on a small demo borough: a dry run lists what would go and changes
# nothing; the run anonymises the same applications (each printed by reference) and a
# second finds none; the period is the council's setting, checked when set; the runs are
# in the audit trail. The edge days are tests/http/test_retention.c's, on both backends.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-03-31
ok demo --scale 0.01 --seed 3
ok recruit retention --on 2027-12-31 --dry-run
err_has "would be anonymised"
cp "$T/out" would
[ -s would ] || fail "the demo has applications past the period by the end of 2027"
ok recruit retention --on 2027-12-31 --dry-run
cmp -s would "$T/out" || fail "a dry run changed something"
ok recruit retention --on 2027-12-31
cmp -s would "$T/out" || fail "the run anonymised what the dry run said"
err_has "applications kept 6 months after their vacancy closed"
ok recruit retention --on 2027-12-31
[ ! -s "$T/out" ] || fail "a second run found applications left"
ok audit list --limit 5
out_has "application-retention"
status 3 settings set application-retention-months 0
err_has "is not a whole number of months from 1 to 120"
ok settings set application-retention-months 24
ok recruit retention --dry-run
err_has "applications kept 24 months after their vacancy closed"
status 64 recruit retention --on 2027-02-30
done_ok
