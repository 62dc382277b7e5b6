#!/bin/sh
# kith record for a strategy discussion's attendees by agency and its lead child
# protection practitioner (CWSA 2026 s.3, Families First): one line each "name, role,
# agency code" from the agencies taking part, every agency naming someone; each refusal
# names the line and what was expected and stores nothing. A discussion recorded before
# the rule (free-text attendees, no LCPP) still reads, and its correction is asked to
# bring the lines into form. The timeline's line and the chronology name the LCPP.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-12-07
ok init
ok child add --given Bea --family Okafor --sex F --dob 2016-03-14 --ethnicity BAFR
ok child list
child=$(sed -n 2p "$T/out" | cut -d" " -f1)
ok record add referral "$child" --referral-date 2/11/2026 --source 2A --primary-need N1
ok record types strategy_discussion
out_has "--lcpp"
out_has "name, role, agency code"

sd() { run record add strategy_discussion "$child" --discussion-date 5/11/2026 \
    --agencies social-care,police,health --outcome s47 "$@"; }
# who took part: required, each line "name, role, agency"
sd
[ "$rc" -eq 3 ] || fail "no attendees: exited $rc"
err_has "who took part is missing"
sd --attendees "$(printf 'A Okafor, social worker, social-care\nDC Brown, police\nDr Patel, GP, health')"
[ "$rc" -eq 3 ] || fail "a short line: exited $rc"
err_has "who took part 'DC Brown, police' on line 2 is not name, role, agency: expected one line for each person"
# the agency a code, and one of those taking part
sd --attendees "$(printf 'A Okafor, social worker, CSC\nDC Brown, detective, police\nDr Patel, GP, health')"
[ "$rc" -eq 3 ] || fail "not a code: exited $rc"
err_has "on line 1 ends in 'CSC', not an agency code: expected the code of one of the agencies taking part at its end (social-care, police, health)"
sd --attendees "$(printf 'A Okafor, social worker, social-care\nDC Brown, detective, police\nMs Lee, DSL, education')"
[ "$rc" -eq 3 ] || fail "another agency: exited $rc"
err_has "on line 3 ends in 'education', not an agency taking part"
# every agency taking part names someone
sd --attendees "$(printf 'A Okafor, social worker, social-care\nDC Brown, detective, police')"
[ "$rc" -eq 3 ] || fail "no one from health: exited $rc"
err_has "who took part names no one from 'health': expected someone from each agency taking part: a line 'name, role, health'"
ok record list strategy_discussion "$child"
err_has "no strategy discussions"

sd --attendees "$(printf 'A Okafor, social worker, social-care\n\nDC Brown, detective constable, police\nDr Patel, GP, health\n')" \
    --led-by "J Smith, team manager" --lcpp "A Okafor, social worker"
[ "$rc" -eq 0 ] || fail "a good discussion: exited $rc"
sd_id=$(cat "$T/out")
ok record show strategy_discussion "$sd_id"
out_has "lead child protection practitioner A Okafor, social worker"
ok child chronology "$child" --format csv
out_has "Strategy discussion,protection,strategy_discussion,$sd_id,\"Section 47 enquiry (s47); LCPP: A Okafor, social worker\""

# a discussion recorded before the rule: free-text attendees, no LCPP
ok record add strategy_discussion "$child" --discussion-date 4/11/2026 \
    --agencies social-care,police --outcome s47 \
    --attendees "$(printf 'J Smith, team manager, social-care\nDC Brown, detective, police')"
old=$(cat "$T/out")
sqlite3 -batch "$KITH_DB" "UPDATE strategy_discussion SET attendees = 'J Smith, team manager, CSC' || char(10) || 'DC Brown, police', lcpp = NULL WHERE public_id = '$old'"
ok record show strategy_discussion "$old"
out_has "DC Brown, police"
ok child chronology "$child" --format csv
out_has "strategy_discussion,$old,Section 47 enquiry (s47)"
status 3 record edit strategy_discussion "$old" --outcome s47 --version 1 --reason "outcome checked"
err_has "who took part 'J Smith, team manager, CSC' on line 1 ends in 'CSC', not an agency code"
err_has "the strategy discussion has 2 problems"
ok record edit strategy_discussion "$old" --version 1 --reason "attendees by agency" \
    --attendees "$(printf 'J Smith, team manager, social-care\nDC Brown, detective, police')"
done_ok
