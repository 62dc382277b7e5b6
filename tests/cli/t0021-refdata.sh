#!/bin/sh
# kith postcodes import / kith providers import: the reference data the 903 placement rules
# need, kept in the database, and used by kith validate 903 (those rules run instead of
# being skipped).
. "$(dirname "$0")/lib.sh"
err_lacks() { ! grep -qF -- "$1" "$T/err" || fail "stderr has '$1'"; }

# an ONSPD-like extract: columns by name, in any order, with some the import ignores
cat >onspd.csv <<'CSV'
pcd,pcd2,pcds,dointr,oscty,oslaua,osward,oseast1m,osnrth1m
N1  1AA,N1   1AA,N1 1AA,198001,E99999999,E09000019,E05000368,531000,184000
N1  1AB,N1   1AB,N1 1AB,198001,E99999999,E09000019,E05000368,531000,185609
M1  1AA,M1   1AA,M1 1AA,198001,E99999999,E08000003,E05011368,384000,398000
CB1 1AA,CB1  1AA,CB1 1AA,198001,E10000003,E07000008,E05013050,545000,258000
,,,,,,,,
CSV
ok postcodes import onspd.csv
out_has 'imported 4 postcodes from onspd.csv (1 rows without a postcode or local authority left out); 4 postcodes kept'
ok postcodes show n11aa 'cb1 1aa' 'ZZ9 9ZZ'
out_has 'N11AA'
out_has 'E09000019'
# in a county, the upper tier is the county
out_has 'E10000003'
out_has 'ZZ9 9ZZ  (not known)'
# importing again replaces, not duplicates
ok postcodes import onspd.csv
out_has '4 postcodes kept'
printf 'code,oslaua\nN1 1AA,E09000019\n' >bad.csv
status 2 postcodes import bad.csv
err_has 'no postcode (pcds or pcd) column'

cat >ofsted.csv <<'CSV'
URN,Provider type,Placement code,Placement provider code,Setting postcode,Deregistration date
1000001,Children's home,K2/K1,PR4,N1 1AB,
1000002,Children's home,"K2, ZZ",PR1,M1 1AA,01/01/2026
,Children's home,K2,PR1,,
CSV
ok providers import ofsted.csv
out_has 'imported 2 providers from ofsted.csv (1 rows without a URN left out); the local authority of 2 found from their postcodes'
ok providers show 1000002 1000001 9
out_has 'K2 K1'
out_has '2026-01-01'
out_has 'E08000003'
out_has '9  (not known)'

# the children's homes list has other column names; both lists are imported together
cat >homes.csv <<'CSV'
URN,Local Authority,Provider Code,Provider Placement Code,Closed Date,Setting Postcode
2000001,Islington,PR2,K2,,N1 1AA
CSV
ok providers import homes.csv ofsted.csv
out_has 'imported 3 providers from homes.csv and the rest'
ok providers show 2000001 1000001
out_has 'PR2'
out_has 'K2 K1'
# a later import replaces the lists
ok providers import ofsted.csv
ok providers show 2000001
out_has '2000001  (not known)'

# a return with placements in and out of the LA, one URN Ofsted does not list
mkdir set
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/06/2010,WBRI,A123456789012,,\n2,1,01/06/2010,WBRI,A123456789013,,\n' >set/header.csv
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/2025,S,C2,N1,K2,PR1,,,,N1 1AA,M1 1AA,1999999\n2,01/05/2025,S,C2,N1,K2,PR4,,,,N1 1AA,N1 1AB,1000001\n' >set/episodes.csv
status 1 validate 903 set --year 2026 --la E09000019
# the URN Ofsted does not list, and the own-provision placement outside the LA
out_has '1008,error,Episodes,0,1,URN,'
out_has '1015,error,Episodes,0,1,'
out_lacks ',Episodes,1,2,URN,'
err_lacks '1015 needs'
err_lacks '1008 needs'
err_has '202 needs the previous year'

# without a database the same rules are skipped and said to be
status 1 validate 903 set --year 2026 --la E09000019 --db "$T/none.db"
out_lacks '1015,'
err_has '1015 needs postcode geography'
err_has '1008 needs'
done_ok
