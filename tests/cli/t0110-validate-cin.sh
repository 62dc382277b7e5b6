#!/bin/sh
# kith validate cin: exit status 0/1/2, the three output formats, the year, and clear errors
# (file, line, column) for input that cannot be read.
. "$(dirname "$0")/lib.sh"
DATA=$(cd "$(dirname "$0")/../data/cin" && pwd)
CLEAN="$DATA/clean-2025.xml"

# A clean census: no findings, exit 0, the CSV header alone.
ok validate cin "$CLEAN"
out_is "rule,severity,table,row,child,fields,message"
err_has "0 findings (0 errors, 0 queries) from 109 rules"

# Findings: exit 1, one line per finding, sorted.
sed -e 's/<Sex>F</<Sex>X</' -e 's/<UPN>B2/<UPN>A2/' "$CLEAN" >bad.xml
status 1 validate cin bad.xml
out_has "1510,error,ChildIdentifiers,0,C1,UPN,"
out_has "4180,error,ChildIdentifiers,0,C1,Sex,"
[ "$(sed -n 2p "$T/out" | cut -d, -f1)" = 1510 ] || fail "findings are not sorted by rule"
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "expected 2 findings"

# JSON carries the findings with the values at fault, and the rules run and skipped.
status 1 validate cin bad.xml --format json
out_has '"return":"cin"'
out_has '"rules_year":2025'
out_has '"values":{"Sex":"X"}'
out_has '"rules_skipped":[]'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["findings"]) == 2; assert len(d["rules_run"]) == 109' "$T/out" ||
    fail "the JSON is not what was expected"

# HTML: grouped by rule, with the values at fault, escaped.
sed 's/<LAchildID>C1</<LAchildID>C\&lt;1\&gt;</' bad.xml >bad-html.xml
status 1 validate cin bad-html.xml --format html
out_has '<h2 id="r4180">4180 (error, 1)</h2>'
out_has 'Sex: X'
out_has 'C&lt;1&gt;'
out_lacks '<1>'

# The year: from the file, or --year (both forms); outside kith's years, said on stderr.
status 1 validate cin bad.xml --year 2024/25 --format json
out_has '"year":2025'
sed 's/<Sex>X</<GenderCurrent>1</; s/<\/Sex>/<\/GenderCurrent>/' bad.xml >old.xml
status 1 validate cin old.xml --year 2022 --format json
err_has "no CIN census rules are known for 2021/22; using those of 2022/23, the earliest"
status 64 validate cin "$CLEAN" --year 20xx
err_has "'20xx' is not a collection year"
status 64 validate cin "$CLEAN" --format xml
err_has "'xml' is not csv, json or html"

# Timings on stderr.
ok validate cin "$CLEAN" --timings
err_has "timings: read"

# A BOM and a UTF-16 file are read; Latin-1 bytes in a UTF-8 file are not.
printf '\357\273\277' >bom.xml
cat "$CLEAN" >>bom.xml
ok validate cin bom.xml
iconv -f UTF-8 -t UTF-16 "$CLEAN" >utf16.xml
ok validate cin utf16.xml
sed 's/kith tests/kith t\xe9sts/' "$CLEAN" >latin1.xml
status 2 validate cin latin1.xml
err_has "latin1.xml line 5 column"
err_has "not in the encoding the file declares"

# Input that cannot be read: exit 2, naming the file and where.
head -c 700 "$CLEAN" >cut.xml
status 2 validate cin cut.xml
err_has "cut.xml line 18: the file ends inside <Disabilities> (opened on line 17)"
printf '<Message><Children><Child></Chlid></Children></Message>' >mismatch.xml
status 2 validate cin mismatch.xml
err_has "mismatch.xml line 1 column"
printf '<Foo/>' >foo.xml
status 2 validate cin foo.xml
err_has "not a CIN census: the document is <Foo>"
printf '<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY a "aa">]>\n<Message>&a;</Message>\n' >dtd.xml
status 2 validate cin dtd.xml
err_has "a document type declaration (DTD) is not allowed"
: >empty.xml
status 2 validate cin empty.xml
err_has "empty.xml: the file is empty"
status 2 validate cin missing.xml
err_has "missing.xml: cannot open"
truncate -s 3M big.xml
status 2 validate cin big.xml --max-size 2
err_has "the file is 3 MB, larger than the limit of 2 MB"

# A date that is not a date is read as missing, with a warning naming the line.
sed 's/2015-01-01/2015-02-30/' "$CLEAN" >baddate.xml
status 1 validate cin baddate.xml
err_has "baddate.xml line 12: PersonBirthDate '2015-02-30' is not a date"
out_has "8525Q,query,ChildIdentifiers,0,C1"

status 64 validate cin
err_has "usage: kith validate cin FILE.xml"
done_ok
