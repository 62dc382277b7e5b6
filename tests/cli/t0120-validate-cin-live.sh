#!/bin/sh
# kith validate cin --live: the CIN census rules over the records in the database. Each
# finding names the child (public id and LA child id) and the record at fault, in text,
# CSV and JSON; the year is asked for or the current one, judged up to today; a child
# whose episodes all closed before the year is not in it; a query explained shows its
# explanation; the run is audited and numbered (the header's SerialNo), and the header's LEA
# is the council's setting.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok init

# no records: nothing in the census, nothing found; the header's LEA is not set yet
ok validate cin --live
err_has "live records, 2026/27: 0 children in the census, 0 findings"
err_has "run 1 of the year"
err_has "the census header has no LEA: set the council's DfE LA number"

# the council's LA number is a setting, checked and audited; each run takes the year's next
# serial number
ok settings show
out_has "la-code         (not set)"
status 3 settings set la-code 999
err_has "la-code '999' is not three digits, the council's DfE local authority code"
status 3 settings set la-code 2066
status 3 settings set colour blue
err_has "there is no setting called 'colour'; the settings are la-code, council-name"
ok settings set la-code 206
out_has "la-code is now 206"
ok settings show
out_has "la-code         206"

# Ada: a clean episode; Ben: no disability recorded (8540) and an assessment open for
# more than 45 working days (8670Q); Cleo: an episode closed in 2024/25, not in 2025/26
ok child add --given Ada --family One --sex F --dob 2015-12-10 --ethnicity WBRI \
    --la-child-id ADA1 --upn-unknown UN2 --disabilities NONE
ada=$(cut -d" " -f3 "$T/out")
ok child add --given Ben --family Two --sex M --dob 2014-01-10 --ethnicity WBRI \
    --la-child-id BEN2 --upn-unknown UN2
ben=$(cut -d" " -f3 "$T/out")
ok child add --given Cleo --family Three --sex F --dob 2012-03-01 --ethnicity WBRI \
    --la-child-id CLEO3 --upn-unknown UN2 --disabilities NONE
cleo=$(cut -d" " -f3 "$T/out")

ok record add referral "$ada" --referral-date 2/5/2025 --source 2A --primary-need N4 \
    --closure-date 10/6/2025 --closure-reason RC8
ok record add assessment "$ada" --start-date 2/5/2025 --completed-date 30/5/2025 \
    --authorised-date 2/6/2025 --authorised-by "T Manager" --factors 21
ok record add referral "$ben" --referral-date 2/9/2026 --source 6 --primary-need N1
ok record add assessment "$ben" --start-date 2/9/2026
assessment=$(cat "$T/out")
ok record add referral "$cleo" --referral-date 2/5/2024 --source 2A --primary-need N4 \
    --closure-date 10/6/2024 --closure-reason RC7

status 1 validate cin --live
err_has "live records, 2026/27: 1 children in the census"
out_has "8540   error child $ben (LA BEN2) child $ben"
out_has "8670Q  query child $ben (LA BEN2) assessment $assessment"
out_lacks "ADA1"

status 1 validate cin --live --year 2025/26 --format csv
out_has "rule,severity,child,la_child_id,record_type,record,fields,message"
err_has "live records, 2025/26: 1 children in the census"
out_lacks "BEN2"
out_lacks "CLEO3"
# (a return of one child uses fewer than 8 disability codes: 2887Q, the return's own)
status 1 validate cin --live --year 2025 --format csv
err_has "live records, 2024/25: 1 children in the census, 1 findings (0 errors, 1 queries)"
out_has "2887Q,query,,,,,Disability"

status 1 validate cin --live --format json
out_has '"year":2027,"lea":"206","serial":3,'
out_has '"rule":"8670Q","severity":"query","child":"'"$ben"'","la_child_id":"BEN2","record_type":"assessment","record":"'"$assessment"'"'

# the census as the DfE's XML, from the same records: the file's rules find what the live
# run found, and its header is the council's
ok return cin --out "$T/census.xml"
err_has "CIN census 2026/27, run 4 of the year: 1 children; the rules find 2 errors and 2 queries"
grep -q "<LEA>206</LEA>" "$T/census.xml" || fail "the census has no LEA 206"
grep -q "<SerialNo>004</SerialNo>" "$T/census.xml" || fail "the census is not run 4"
grep -q "<LAchildID>BEN2</LAchildID>" "$T/census.xml" || fail "Ben is not in the census"
! grep -q "ADA1" "$T/census.xml" || fail "Ada's episode closed before the year"
status 1 validate cin "$T/census.xml" --year 2026/27 --format csv
out_has "8540,error,"
out_has "8670Q,query,"
cut -d, -f1 "$T/out" | grep '^[0-9]' | sort > "$T/file.rules"
status 1 validate cin --live --format csv
cut -d, -f1 "$T/out" | grep '^[0-9]' | sort > "$T/live.rules"
cmp -s "$T/file.rules" "$T/live.rules" || fail "the file's findings are not the live run's"
[ "$(wc -l < "$T/live.rules")" -eq 4 ] || fail "expected 4 findings"
status 64 return cin --year 1999x
ok return cin --year 2025/26
out_has "<Collection>CIN</Collection>"
out_has "<ReferenceDate>2026-03-31</ReferenceDate>"

# a file or --live, not both; a bad year or format is a usage error
status 64 validate cin --live some.xml
err_has "give a census file, or --live"
status 64 validate cin --live --year 1999x
status 64 validate cin --live --format html

# a query explained (cin_ack): kept with the child, shown beside its finding; an error is
# not explained but put right
ok record add cin_ack "$ben" --rule 8670Q --record-type assessment --record "$assessment" \
    --explanation "Assessment paused: the family were abroad for six weeks"
status 1 validate cin --live
out_has "8670Q  query child $ben (LA BEN2) assessment $assessment"
out_has "explained: Assessment paused: the family were abroad for six weeks"
status 1 validate cin --live --format csv
out_has ",Assessment paused: the family were abroad for six weeks"
status 3 record add cin_ack "$ben" --rule 8540 --record-type child --record "$ben" \
    --explanation "no disability known"
err_has "is an error, which must be put right"

ok audit list
out_has "cin.validate"
out_has "setting.set"
done_ok
