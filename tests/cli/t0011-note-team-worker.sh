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
ok child list --limit 1
child=$(sed -n 2p "$T/out" | cut -d" " -f1)

ok note add "$child" --author "$worker" --kind home-visit --subject "Visit after school" \
    --body "Saw Kestrel alone in her room; she talked about the quokka drawing she made."
out_has "added note"
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

# Refusals name the problem and store nothing.
ok note list "$child" --limit 1000
before=$(grep -c . "$T/out")
status 3 note add "$child" --author "$worker" --kind gossip --subject S --body B
err_has "'gossip' is not a kind of note"
status 3 note add "$child" --author "$worker" --subject S --body B --date 2026-04-01
err_has "cannot be in the future"
status 4 note add nobody --author "$worker" --subject S --body B
status 4 note add "$child" --author SW0 --subject S --body B
status 64 note add "$child" --subject S --body B
err_has "--author WORKER"
status 64 note add "$child" --author "$worker" --subject S
status 8 note add "$child" --author "$worker" --subject S --body-file /nonexistent
ok note list "$child" --limit 1000
[ "$(grep -c . "$T/out")" -eq "$before" ] || fail "a refused note was stored"
status 64 note list
err_has "name a child, or search all notes"
done_ok
