#!/bin/sh
# kith codes: the list of code sets, one set's codes by collection year, and clear errors.
. "$(dirname "$0")/lib.sh"

# has_line REGEX: some line of stdout matches the extended regular expression.
has_line() { grep -qE -- "$1" "$T/out" || fail "no stdout line matches /$1/"; }
lacks_line() { ! grep -qE -- "$1" "$T/out" || fail "a stdout line matches /$1/"; }

ok codes
has_line '^903-placement +32 +903 +placement type$'
has_line '^ethnicity +20 +CIN, 903 +ethnicity$'
has_line '^note-kind +11 +kith +kind of case note$'
out_has "'kith codes NAME' lists a set's codes"
[ "$(grep -c '' "$T/out")" -ge 40 ] || fail "expected at least 40 code sets"
[ ! -e "$T/kith.db" ] || fail "kith codes must not create a database"

ok codes --year 2026
out_has "code sets in collection year 2025/26 (1 April 2025 to 31 March 2026)"
has_line '^903-placement +29 +903'
ok codes --year 2025
has_line '^903-placement +26 +903'
ok codes --year 2024
has_line '^903-placement +27 +903'

# Z1 gives way to Z11-Z14 in 2025/26; H5 and P2 go and K3 comes in 2024/25.
ok codes 903-placement --year 2025/26
out_has "valid in collection year 2025/26"
has_line '^Z11 +Other placement'
has_line '^Z14 '
has_line '^K3 +Supported accommodation$'
lacks_line '^Z1 '
lacks_line '^H5 '
lacks_line '^P2 '
cp "$T/out" "$T/y2026"
ok codes 903-placement --year 2026
cmp -s "$T/out" "$T/y2026" || fail "--year 2026 and --year 2025/26 differ"
ok codes 903-placement --year 2025-26
cmp -s "$T/out" "$T/y2026" || fail "--year 2025-26 and --year 2025/26 differ"
ok codes 903-placement --year 2024/25
has_line '^Z1 +Other placement$'
has_line '^K3 '
lacks_line '^Z11 '
lacks_line '^H5 '
ok codes 903-placement --year 2023/24
has_line '^H5 +Semi-independent living'
has_line '^P2 '
lacks_line '^K3 '

# Without a year: every code, with the years it is valid in.
ok codes 903-placement
has_line '^H5 +to 2023/24 +Semi-independent'
has_line '^K3 +from 2024/25 +Supported accommodation$'
has_line '^Z1 +to 2024/25 +Other placement$'
has_line '^Z12 +from 2025/26 '
has_line '^A3 +all years +Placed for adoption'

# Sex replaces gender in 2024/25.
ok codes sex --year 2024
has_line '^1 +Male$'
has_line '^9 +Indeterminate$'
lacks_line '^M '
ok codes sex --year 2025
has_line '^M +Male$'
has_line '^U +Unknown$'
lacks_line '^1 '
ok codes 903-sex --year 2024
has_line '^1 +Male$'
lacks_line '^9 '

# A label that changed: N1 in the CIN census from 2025/26.
ok codes cin-primary-need --year 2025
has_line '^N1 +Abuse or neglect$'
ok codes cin-primary-need --year 2026
has_line '^N1 +Abuse, neglect and exploitation$'
ok codes cin-primary-need
out_has "(before 2025/26: Abuse or neglect)"

# Legacy factors, kith's sets and what they are reported as.
ok codes cin-assessment-factor
out_has "legacy: use 18B or 18C (query 8945Q from 2024/25)"
ok codes allocation-end
has_line '^worker-left +Worker left the role or the service$'
out_has "reported as LEFTRL in 903-sw-reason"
ok codes note-kind --year 2026
has_line '^home-visit +Home visit$'
ok codes service
has_line '^fostering +Fostering$'

status 64 codes nope
err_has "no code set 'nope': 'kith codes' lists the sets"
status 64 codes 903-placement --year 2025/27
err_has "field 'year': '2025/27' is not a collection year"
status 64 codes 903-placement --year soon
err_has "'soon' is not a collection year"
status 64 codes sex ethnicity
err_has "usage: kith codes [NAME] [--year Y]"
ok help codes
out_has "Codes"
out_has "'k3' is not 'K3'"
done_ok
