#!/bin/sh
# The audit key and anchor at the command line: kith init makes the key (mode 0600),
# writers seal rows with it, and kith audit verify names the row where someone with the
# database file but not the key edited and re-chained the trail (which passed before the
# key), cut its tail (found by the anchor), or lost the key.
. "$(dirname "$0")/lib.sh"

ok init
out_has "kith.db.auditkey created (mode 0600)"
[ "$(stat -c %a kith.db.auditkey)" = 600 ] || fail "the key file is not mode 0600"
ok init
out_lacks "created"
ok child add --given Kai --family Key --sex M --dob 2015-02-28 --ethnicity WBRI --la-child-id KEY001
echo "tulip-harbour-velvet-quartz-481" >pw
ok user add kay.test --role social-worker --password-file pw
for i in 1 2 3 4 5; do
    ok access grant kay.test KEY001 --reason "cover $i" --expires 2026-12-31
done
ok audit verify
out_has "audit trail sound: 7 rows" # the child recorded, the account, then five grants
out_has "every row is sealed with the audit key"
out_has "kith.db.auditanchor agrees"

# What someone with the file and no key does: drop the triggers, edit row 2 and
# recompute every later hash (the unkeyed BLAKE2b-256 the trail used before the key).
cp kith.db before.db
python3 - <<'PY'
import hashlib, sqlite3
db = sqlite3.connect("kith.db")
db.executescript("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
                 "UPDATE audit SET detail = 'nothing to see' WHERE id = 2;")
cols = "id, at, user_id, username, role, child_id, action, request_id, outcome, detail"
prev = "0" * 64
def f(v):
    v = "" if v is None else str(v)
    return "%d:%s;" % (len(v.encode()), v)
for row in db.execute("SELECT " + cols + ", hash FROM audit ORDER BY id").fetchall():
    if row[0] >= 2:
        vals = [row[0], row[1], row[2] or 0, row[3], row[4], row[5] or 0] + list(row[6:10])
        text = f(prev) + "".join(f(v) for v in vals)
        h = hashlib.blake2b(text.encode(), digest_size=32).hexdigest()
        db.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, row[0]))
        prev = h
    else:
        prev = row[10]
db.commit()
PY
status 1 audit verify
err_has "broken at row 2"
err_has "does not match its MAC under the audit key"

# The tail cut: the chain that is left holds, the anchor shows what went.
cp before.db kith.db
sqlite3 kith.db "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id >= 4"
status 1 audit verify
err_has "rows 4 to 7 were removed from the end"
ok audit verify --anchor /dev/null
out_has "audit trail sound: 3 rows"

# Without the key the keyed rows cannot be checked, and nobody may add to them.
cp before.db kith.db
mv kith.db.auditkey key.away
status 4 audit verify
err_has "cannot be checked without it"
status 4 access grant kay.test KEY001 --reason "cover 6" --expires 2026-12-31
err_has "kith.db.auditkey does not exist: restore it"
mv key.away kith.db.auditkey
ok access grant kay.test KEY001 --reason "cover 6" --expires 2026-12-31
ok audit verify --audit-key kith.db.auditkey
out_has "audit trail sound: 8 rows"
done_ok
