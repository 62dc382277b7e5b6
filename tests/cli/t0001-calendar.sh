#!/bin/sh
# kith calendar: deadlines over bank holidays, counts, holiday lists, and clear errors.
. "$(dirname "$0")/lib.sh"

ok calendar add-working-days 2025-12-24 1
out_is "2025-12-29 Monday"
ok calendar add-working-days 24/12/2025 1
out_is "2025-12-29 Monday"
ok calendar add-working-days 2026-01-05 15
out_is "2026-01-26 Monday"
ok calendar add-working-days 2025-11-24 -1
out_is "2025-11-21 Friday"
ok calendar working-days 2025-04-01 2025-06-09
out_is "45"
ok calendar working-days 2025-06-09 2025-04-01
out_is "-45"
ok calendar holidays 2022
out_has "2022-06-03  Friday     Platinum Jubilee of Queen Elizabeth II"
out_has "2022-09-19  Monday     State funeral of Queen Elizabeth II"
out_has "2022-12-27  Tuesday    Christmas Day"
[ "$(wc -l <"$T/out")" -eq 10 ] || fail "2022 should list 10 holidays"
ok calendar holidays 2023
out_has "2023-05-08  Monday     Coronation of King Charles III"

status 64 calendar add-working-days 2025-02-29 1
err_has "field 'DATE': '2025-02-29' is not a date"
status 64 calendar add-working-days 2025-02-28 ten
err_has "field 'N': 'ten' is not a whole number"
status 64 calendar holidays
err_has "usage: kith calendar holidays YEAR"
status 64 calendar nonsense
err_has "no command 'kith calendar nonsense'"
status 64 calendar working-days 2025-01-01 2025-01-02 --bogus
err_has "unknown option '--bogus'"
ok help calendar working-days
out_has "FROM < d <= TO"
ok calendar --help
out_has "add-working-days DATE N"
done_ok
