#!/bin/sh
# kith note add/list, team list, worker list on a small demo borough: a note goes in only
# with a real child, author, kind and date; what was written reads back; search finds it.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-03-31
ok demo --scale 0.01 --seed 3
ok team list
out_has "public id     team"
[ "$(grep -c . "$T/out")" -ge 10 ] || fail "the demo has teams"
team=$(sed -n 2p "$T/out" | cut -d" " -f1)
ok worker list --team "$team"
out_has "SWE reg"
ok worker list --limit 1000
worker=$(awk 'NR > 1 && $2 ~ /^SW/ { print $2; exit }' "$T/out")
[ -n "$worker" ] || fail "a registered worker"
ok worker show "$worker"
out_has "Social Work England number   $worker"
# the demo's workers carry every census item; one with some never recorded is told which
out_lacks "census items not recorded"
sqlite3 "$KITH_DB" "UPDATE worker SET dob = NULL, ethnicity = NULL WHERE registration = '$worker'"
ok worker show "$worker"
out_has "census items not recorded: date of birth, ethnicity"
status 4 worker show SW0
# absences: the working days each took, on the working-day calendar; refusals name the
# field and store nothing
ok worker absence "$worker" --first-day 2026-03-02 --last-day 6/3/2026 --cause sickness
out_has "5 working days so far"
status 3 worker absence "$worker" --first-day 2026-03-10 --last-day 2026-03-09 --cause sickness
err_has "last day of the absence '2026-03-09' is before the first day of the absence"
status 3 worker absence "$worker" --first-day 2026-03-10 --cause flu
err_has "reason for the absence 'flu' is not a code we know"
ok worker absences "$worker"
out_has "02/03/2026  06/03/2026  Sickness (sickness)"
[ "$(grep -c sickness "$T/out")" -eq 1 ] || fail "a refused absence was stored"
ok child list --limit 1
child=$(sed -n 2p "$T/out" | cut -d" " -f1)

ok note add "$child" --author "$worker" --kind home-visit --subject "Visit after school" \
    --body "Saw Kestrel alone in her room; she talked about the quokka drawing she made."
out_has "added note"
# the operator's note is in the audit trail like a worker's from the web (it was not before
# the note's rules moved into the use case)
ok audit list --child "$child"
out_has "note-add"
ok note list "$child"
out_has "Visit after school"
out_has "Home visit"
ok note list --search quokka
out_has "Visit after school"
ok note list "$child" --search "quokka drawing" --full
out_has "talked about the quokka drawing"
printf 'Long text from a file.\nSecond line.\n' > body.txt
ok note add "$child" --author "$worker" --subject "From a file" --body-file body.txt
ok note list "$child" --full --search "second line"
out_has "Second line."
printf 'Piped text.\n' | "$KITH" note add "$child" --author "$worker" --subject Piped --body-file - >/dev/null ||
    fail "a note from standard input"

# a date as people type it, as kith record add takes it (one reader: date_scan_typed)
ok note add "$child" --author "$worker" --subject "Typed date" --body B --date 3/1/2026

# Refusals name the problem and store nothing.
ok note list "$child" --limit 1000
before=$(grep -c . "$T/out")
status 3 note add "$child" --author "$worker" --kind gossip --subject S --body B
err_has "kind of note 'gossip' is not a code we know"
status 64 note add "$child" --author "$worker" --subject S --body B --date 3/1/26
err_has "day/month/year"
status 3 note add "$child" --author "$worker" --subject S --body B --date 2026-04-01
err_has "date of the note '2026-04-01' is in the future"
status 4 note add nobody --author "$worker" --subject S --body B
status 4 note add "$child" --author SW0 --subject S --body B
status 64 note add "$child" --subject S --body B
err_has "--author WORKER"
status 64 note add "$child" --author "$worker" --subject S
status 8 note add "$child" --author "$worker" --subject S --body-file /nonexistent
# the same 20,000 characters as the page and the API take (é is two bytes: counted as one)
python3 -c 'print("é" * 20001, end="")' > long.txt
status 3 note add "$child" --author "$worker" --subject S --body-file long.txt
err_has "note"
err_has "20000"
ok note list "$child" --limit 1000
[ "$(grep -c . "$T/out")" -eq "$before" ] || fail "a refused note was stored"
python3 -c 'print("é" * 20000, end="")' > long.txt
ok note add "$child" --author "$worker" --subject "Long" --body-file long.txt
status 64 note list
err_has "name a child, or search all notes"

# Control characters: refused when typed (ESC in a subject, a lone CR in a body), and when
# another program has written them into the database, printed as visible escapes: the
# terminal never receives ESC, BS, CR, DEL or a C1 control from stored text.
status 3 note add "$child" --author "$worker" --subject "$(printf 'a\033[2Jb')" --body B
err_has "field 'subject'"
err_has "holds a control character (U+001B)"
status 3 note add "$child" --author "$worker" --subject S --body "$(printf 'over\rwrite')"
err_has "field 'body'"
err_has "holds a control character (U+000D)"
ok note add "$child" --author "$worker" --subject "Plain subject" --body "Plain body"
sqlite3 "$KITH_DB" "UPDATE case_note SET subject = 'Sub' || char(27) || ']0;owned' || char(7) || 'ject',
    body = 'a' || char(8) || 'b' || char(13) || 'c' || char(127) || 'd' || char(155) || 'e'
    WHERE subject = 'Plain subject'"
ok note list "$child" --full --limit 1000
out_has 'Sub\x1b]0;owned\x07ject'
out_has 'a\x08b\x0dc\x7fd\u009Be'
! grep -q "$(printf '[\033\010\015\177]')" "$T/out" || fail "a control character reached the output"
ok child show "$child"
out_has 'Sub\x1b]0;owned\x07ject'
! grep -q "$(printf '\033')" "$T/out" || fail "an ESC reached the output"
done_ok
