#!/bin/sh
# kith workforce census on a small demo borough: the DfE's XML (to a file, whole) and the
# CSV for people, the year as the DfE counts it (to 30 September), stderr saying what kith
# cannot source, the run in the audit trail, and bad years and formats refused by name.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-03-31
ok demo --scale 0.01 --seed 3
ok settings set la-code 206
# no --year: the last year ended, to 30 September 2025
ok workforce census --out census.xml
[ -s census.xml ] || fail "the census file was written"
[ ! -e census.xml.kith-part ] || fail "the file was written whole"
grep -qF '<ReferenceDate>2025-09-30</ReferenceDate>' census.xml || fail "the reference date"
grep -qF '<LEA>206</LEA>' census.xml || fail "the LA's number"
grep -qF '<CSWWWorker>' census.xml || fail "workers"
err_has "kith: workforce census 2025 (to 2025-09-30):"
err_has "kith: CFKSSstatus:"
# the demo's workers carry every census item kith can hold: none is left out for want of one
! grep -q "is left out for" "$T/err" || fail "the demo's workers lack census items: $(cat "$T/err")"
ok workforce census --year 2024 --format csv
out_has "AgencyWorker,SWENo,FTE,PersonBirthDate,GenderCurrent,Ethnicity,QualInst"
err_has "kith: workforce census 2024 (to 2024-09-30):"
ok audit list --limit 5
out_has "workforce-census"
status 64 workforce census --year 20x
err_has "'20x' is not a census year"
status 64 workforce census --year 2016
status 64 workforce census --format pdf
err_has "'pdf' is not xml or csv"
done_ok
