#!/bin/sh
# kith db copy between SQLite and PostgreSQL (run inside tests/pg/cluster.sh): a small demo
# borough with an audit trail copied to the server and back to a new file; the summaries
# agree, every table's rows and content hash agree on all three, the audit chain verifies
# on each, the server's sequences carry on past the copied ids, and a non-empty target or
# a table kith does not know is refused with nothing written.
set -u
: "${KITH:?set KITH to the kith binary}"
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1" >&2; fails=$((fails + 1)); }
url() { echo "postgresql:///$1?host=$PGHOST&user=$PGUSER"; }
t=$(mktemp -d /tmp/kith-copy.XXXXXX)
trap 'rm -rf "$t"' EXIT
export KITH_TODAY=2025-06-30

"$KITH" demo --db "$t/a.db" --scale 0.05 >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
# audit rows, so that the hash chain has something to carry
"$KITH" child add --db "$t/a.db" --given Cai --family Copy --sex M --dob 2016-03-01 \
    --ethnicity WBRI --la-child-id CPY001 >/dev/null || bad "child add"
echo "tulip-harbour-velvet-quartz-481" >"$t/pw"
"$KITH" user add cpy.test --db "$t/a.db" --role social-worker --password-file "$t/pw" >/dev/null \
    || bad "user add"
"$KITH" access restrict CPY001 --db "$t/a.db" --reason staff-child --authoriser "Head" \
    --allow cpy.test --review 2027-01-01 >/dev/null || bad "restrict"
"$KITH" access grant cpy.test CPY001 --db "$t/a.db" --reason "cover" --expires 2026-12-31 \
    >/dev/null || bad "grant"
audit=$("$KITH" audit verify --db "$t/a.db")
echo "$audit" | grep -q "sound: [1-9]" || bad "no audit rows in the source: $audit"

psql -qc "CREATE DATABASE kith_copy" || exit 1
pg=$(url kith_copy)
out=$("$KITH" db copy --from "$t/a.db" --to "$pg" 2>&1); rc=$?
echo "$out"
[ $rc -eq 0 ] && echo "$out" | grep -q "every table the same" && ok "sqlite -> postgresql" \
    || bad "copy to postgresql: rc=$rc"
echo "$out" | grep -q "^audit  *[1-9]" || bad "no audit rows copied"
echo "$out" | grep -q "^case_note  *[1-9]" || bad "no notes copied"
"$KITH" audit verify --db "$pg" | grep -q "^${audit}$" && ok "audit chain sound on postgresql" \
    || bad "audit verify on postgresql: $("$KITH" audit verify --db "$pg" 2>&1)"

out2=$("$KITH" db copy --from "$pg" --to "sqlite:$t/c.db" 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out2" | grep -q "every table the same" && ok "postgresql -> sqlite" \
    || bad "copy back: rc=$rc $out2"
[ "$(echo "$out" | sed 1d)" = "$(echo "$out2" | sed 1d)" ] \
    && ok "the same rows and hashes after the round trip" || bad "hashes differ: $out2"
for db in "$pg" "$t/c.db"; do
    [ "$("$KITH" demo --summary --db "$db" | sed 1d)" = "$("$KITH" demo --summary --db "$t/a.db" | sed 1d)" ] \
        || bad "summary differs on $db"
done
ok "kith demo --summary the same on all three"
"$KITH" audit verify --db "$t/c.db" | grep -q "^${audit}$" && ok "audit chain sound after the round trip" \
    || bad "audit verify on the copy back"
"$KITH" note list --db "$t/c.db" --search visit --limit 1 | grep -q . \
    && ok "note search on the copied file (index rebuilt)" || bad "note search on the copy"
"$KITH" note list --db "$pg" --search visit --limit 1 | grep -q . \
    && ok "note search on postgresql" || bad "note search on postgresql"

# refused: a target with rows, and nothing written to it
notes=$(psql -d kith_copy -Atc "SELECT count(*) FROM case_note")
out=$("$KITH" db copy --from "$t/a.db" --to "$pg" 2>&1); rc=$?
[ $rc -eq 5 ] && echo "$out" | grep -q "already holds rows" && ok "non-empty target refused (exit $rc)" \
    || bad "non-empty target: rc=$rc $out"
[ "$(psql -d kith_copy -Atc "SELECT count(*) FROM case_note")" = "$notes" ] || bad "target changed"
out=$("$KITH" db copy --from "$t/a.db" --to "$t/c.db" 2>&1); rc=$?
[ $rc -eq 5 ] && ok "non-empty SQLite target refused" || bad "non-empty sqlite target: rc=$rc $out"

# the server's sequences carry on past the copied ids
"$KITH" child add --db "$pg" --given Ada --family After --sex F --dob 2017-01-01 \
    --ethnicity WBRI --la-child-id CPY002 >/dev/null 2>&1 && ok "a new record on the copy gets a fresh id" \
    || bad "child add after copy: $("$KITH" child add --db "$pg" --given Ada --family After --sex F --dob 2017-01-01 --ethnicity WBRI --la-child-id CPY003 2>&1)"

# refused: a table kith db copy does not know
psql -qc "CREATE DATABASE kith_stray" || exit 1
"$KITH" init --db "$(url kith_stray)" >/dev/null || bad "init stray"
psql -d kith_stray -qc "CREATE TABLE stray (id BIGINT PRIMARY KEY)"
out=$("$KITH" db copy --from "$(url kith_stray)" --to "$t/d.db" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "table 'stray' that kith db copy does not know" \
    && ok "unknown table refused (exit $rc)" || bad "unknown table: rc=$rc $out"

echo "$fails failed"
[ $fails -eq 0 ]
