#!/bin/sh
# kith rules: the CIN rule sets by year and one rule in full.
. "$(dirname "$0")/lib.sh"

ok rules cin --year 2023
out_has "CIN census rules for 2022/23: 105 (81 errors, 24 queries)"
out_has "Gender is missing or not one of 0, 1, 2 or 9."
ok rules cin --year 2023/24
out_has "CIN census rules for 2023/24: 105 (81 errors, 24 queries)"
ok rules cin --year 2025
out_has "CIN census rules for 2024/25: 109 (83 errors, 26 queries)"
out_has "8945Q "
ok rules cin --year 2026
out_has "CIN census rules for 2025/26: 109 (83 errors, 26 queries)"
ok rules cin
out_has "CIN census rules for 2026/27: 109 (83 errors, 26 queries)"
[ "$(grep -c '^[0-9]' "$T/out")" -eq 109 ] || fail "expected 109 rule lines"
ok rules cin --year 2031
err_has "no CIN census rules are known for 2030/31; these are those of 2026/27"

ok rules show 8525Q
out_has "8525Q  CIN census query"
out_has "table:   ChildIdentifiers"
out_has "in force: 2022/23 to 2026/27"
ok rules show 8945Q --year 2024
out_has "not in force in 2023/24"
out_has "in force: 2024/25 to 2026/27"
ok rules show 4180
out_has "defined: 2022/23, changed 2024/25"
status 4 rules show 9999
err_has "no rule '9999'"
status 64 rules lac
err_has "'lac' is not a return kith knows"
done_ok
