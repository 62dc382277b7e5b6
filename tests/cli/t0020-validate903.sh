#!/bin/sh
# kith validate 903: the CSV set and the XML, findings as CSV/JSON/HTML, skipped rules,
# exit status, and clear errors for input that cannot be read.
. "$(dirname "$0")/lib.sh"

mkdir set
cat >set/header.csv <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
1,M,01/06/2010,WBRI,A123456789012,,
2,f,01/06/2012,WBRI,UN2,0,
CSV
# columns in another order, a byte order mark and CRLF line ends
printf '\357\273\277DEC,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n,1,01/05/2025,S,C2,N1,U1,PR1,,,N1 1AA,N1 1AB,\r\n,2,01/05/2025,S,c2,N1,U1,PR1,,,N1 1AA,N1 1AB,\r\n' >set/episodes.csv
echo 'ignored' >set/notes.txt

status 1 validate 903 set --year 2026 --la E09000019
out_has 'rule,severity,table,row,child,fields,message'
# lower-case codes are not codes: sex f (101) and legal status c2 (144)
out_has '101,error,Header,1,2,SEX,'
out_has '144,error,Episodes,1,2,LS,The legal status code is not a valid code.'
out_lacks '144,error,Episodes,0,'
err_has 'rules skipped'
err_has '202 needs the previous year'
err_has '169 needs postcode geography'
# without --year the current collection year is used; outside the known years kith says so
status 1 validate 903 set --year 2030
err_has 'using those of 2026/27, the latest'
# a year before the first rule set: that set's rules, but in the year's own collection
# period (a child of 9 in 1989/90 is not "over 25 at the start of the year", as he would
# be on 1 April 2022); before 1989/90 the year is refused, saying which years are taken
mkdir y1990
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/06/1980,WBRI,UN1,,\n' >y1990/header.csv
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/1989,S,C2,N1,U1,PR1,01/09/1989,E11,,N1 1AA,N1 1AB,\n' >y1990/episodes.csv
status 1 validate 903 y1990 --year 1990
err_has 'no SSDA903 return rules are known for 1989/90; using those of 2022/23'
out_has '353,error,Episodes,0,1,DECOM,'
out_lacks '351,'
status 1 validate 903 y1990 --year 1990 --format json
out_has '"period":{"start":"1989-04-01","end":"1990-03-31"}'
status 64 validate 903 y1990 --year 1989
err_has "'1989' is not a collection year: expected the year ending 31 March, as 2026 or 2025/26, from 1990 (1989/90) to 2100"

status 1 validate 903 set --year 2026 --format json
out_has '"rules_skipped"'
out_has '"rule":"144","severity":"error","table":"Episodes","row":1,"child":"2","values":{"LS":"c2"}'
status 1 validate 903 set --year 2026 --format html
out_has '<html'

# a clean return (a care leaver, every value valid): no findings, exit 0
mkdir clean
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/06/2007,WBRI,A123456789012,,\n' >clean/header.csv
printf 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n1,01/06/2007,YES,F1,B1\n' >clean/oc3.csv
ok validate 903 clean --year 2026
out_is 'rule,severity,table,row,child,fields,message'

# input that cannot be read: exit 2, naming the file, line and column
mkdir missing
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\n1,M,01/06/2010,WBRI,UN1,\n' >missing/header.csv
status 2 validate 903 missing --year 2026
err_has "header.csv line 1: column 'MC_DOB' is missing"
mkdir extra
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,SHOE_SIZE\n' >extra/header.csv
status 2 validate 903 extra --year 2026
err_has "header.csv line 1 column 8: 'SHOE_SIZE' is not a column of the Header table"
mkdir twice
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,SEX\n' >twice/header.csv
status 2 validate 903 twice --year 2026
err_has "column 'SEX' appears twice"
mkdir short
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/06/2010\n' >short/header.csv
status 2 validate 903 short --year 2026
err_has 'header.csv line 2: 3 fields where the header has 7'
mkdir quote
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"1,M,01/06/2010,WBRI,UN1,,\n' >quote/header.csv
status 2 validate 903 quote --year 2026
err_has 'header.csv'
mkdir latin1
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/06/2010,WBRI,UN1,,\351\n' >latin1/header.csv
status 2 validate 903 latin1 --year 2026
err_has 'header.csv'
mkdir empty
status 2 validate 903 empty --year 2026
err_has "none of the 903's files is there"
status 2 validate 903 nowhere --year 2026
err_has 'nowhere: cannot open the directory'

# the files together past --max-size (100 MB by default), each under it: refused before
# any is read (episodes.csv would not parse), saying the size, the limit and how to raise it
mkdir large
{ echo 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'; seq 1 30000 | sed 's/$/,1,01\/06\/2010,WBRI,UN1,,/'; } >large/header.csv
{ echo 'CHILD,SEX,DOB,DUC'; seq 1 30000 | sed 's/$/,1,01\/06\/2010,01\/06\/2028/'; } >large/uasc.csv
[ "$(wc -c <large/header.csv)" -lt 1048576 ] && [ "$(wc -c <large/uasc.csv)" -lt 1048576 ] ||
    fail "each file is under 1 MB"
printf 'CHILD,DECOM\n"1,01/05/2025\n' >large/episodes.csv
status 2 validate 903 large --year 2026 --max-size 1
err_has "large: the 903's files are 2 MB together, larger than the limit of 1 MB (--max-size raises it"
[ ! -s "$T/out" ] || fail "a refused return printed findings"

# the XML
cat >r.xml <<'XML'
<?xml version="1.0"?>
<EXPSSDA903><CHILD><HEADER><CHILDID>7</CHILDID><UPN>UN1</UPN><SEX>M</SEX><DOB>01/01/2010</DOB>
<ETHNIC>WBRI</ETHNIC><UASC>0</UASC><MOTHER/><MC_DOB/><AREVIEW><REVIEW>01/02/2026</REVIEW>
<REVIEW_CODE>PN9</REVIEW_CODE></AREVIEW></HEADER><EPISODE><DECOM>01/05/2025</DECOM><RNE>S</RNE>
<LS>C2</LS><CIN>N1</CIN><PL>U9</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER></EPISODE></CHILD>
</EXPSSDA903>
XML
status 1 validate 903 r.xml --year 2026
out_has '146,error,Episodes,0,7,PLACE,'
out_has '167,error,Reviews,0,7,REVIEW_CODE,'
# social worker episodes and deprivation of liberty orders in the XML: inside HEADER or
# beside EPISODE, items named as the CSV columns
cat >sw.xml <<'XML'
<?xml version="1.0"?>
<EXPSSDA903><CHILD><HEADER><CHILDID>7</CHILDID><UPN>UN1</UPN><SEX>M</SEX><DOB>01/01/2010</DOB>
<ETHNIC>WBRI</ETHNIC><UASC>0</UASC><MOTHER/><MC_DOB/>
<SW_EPISODE><SW_ID>X12</SW_ID><SW_DECOM>01/05/2025</SW_DECOM><SW_REASON>MGMTDEC</SW_REASON></SW_EPISODE>
</HEADER><EPISODE><DECOM>01/05/2025</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
<PLACE_PROVIDER>PR1</PLACE_PROVIDER></EPISODE>
<DOLO><DOLO_START>31/02/2026</DOLO_START></DOLO>
<SW_EPISODE><SW_ID>SW9</SW_ID><SW_DECOM>someday</SW_DECOM></SW_EPISODE></CHILD>
</EXPSSDA903>
XML
status 1 validate 903 sw.xml --year 2027
out_has '700,error,DoLo,0,7,DOLO_START,'
out_has 'SW02STG1,error,SWEpisodes,0,7,SW_ID,'
out_has 'SW04STG1,error,SWEpisodes,1,7,SW_DECOM,'
out_lacks 'SW04STG1,error,SWEpisodes,0,'
status 1 validate 903 sw.xml --year 2027 --format json
out_has '"table":"SWEpisodes","row":1,"child":"7","values":{"SW_DECOM":"someday"}'

printf '<EXPSSDA903><CHILD><HEADER>' >bad.xml
status 2 validate 903 bad.xml --year 2026
err_has 'bad.xml'
printf '<Message><CHILD/></Message>' >cin.xml
status 2 validate 903 cin.xml --year 2026
err_has 'not an SSDA903 XML file'

# last year's return: the rules that compare years run
mkdir last
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,F,01/06/2010,WBRI,A123456789012,,\n' >last/header.csv
status 1 validate 903 set --year 2026 --last-year last
out_has '202,error,Header,0,1,SEX,'
# The public sample: about 50,000 findings, which two threads format and write in chunks
# (findings_out.c). The same bytes to a file, to a pipe and appended after what a file held.
if [ -d "${PEER_DIR:-}/ssda903" ]; then
    mkdir big
    for f in "$PEER_DIR"/ssda903/*.csv; do
        case "$f" in *_errors.csv) ;; *) cp "$f" big/ ;; esac
    done
    status 1 validate 903 big --year 2026 --la E09000019
    cp "$T/out" file.csv
    [ "$(wc -l <file.csv)" -gt 40000 ] || fail "the sample gave $(wc -l <file.csv) lines"
    set +e; "$KITH" validate 903 big --year 2026 --la E09000019 2>/dev/null | cat >pipe.csv; set -e
    cmp -s file.csv pipe.csv || fail "the findings through a pipe differ from those to a file"
    echo kept >appended.csv
    set +e; "$KITH" validate 903 big --year 2026 --la E09000019 >>appended.csv 2>/dev/null; set -e
    { echo kept; cat file.csv; } | cmp -s - appended.csv || fail "appending changed the findings"
    # a write that fails (a full disk) is said, and is not "findings" (1)
    if [ -w /dev/full ]; then
        set +e; "$KITH" validate 903 big --year 2026 --la E09000019 >/dev/full 2>"$T/err"; rc=$?
        set -e
        [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] || fail "a failed write exited $rc"
        err_has 'could not write the output'
    fi
fi
done_ok
