#!/bin/sh
# kith on a real PostgreSQL 15 server (run inside tests/pg/cluster.sh, which gives
# KITH_TEST_DB_URL, PGHOST and PGUSER): the migrations, a team written on the server and
# read through kith, a newer schema refused, an unreachable server named without its
# password, the audit trail append-only, and a role without rights told which right.
set -u
: "${KITH:?set KITH to the kith binary}"
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1" >&2; fails=$((fails + 1)); }
url() { echo "postgresql:///$1?host=$PGHOST&user=${2:-$PGUSER}"; }

psql -qc "CREATE DATABASE kith_basic" || exit 1
db=$(url kith_basic)
out=$("$KITH" init --db "$db" 2>&1) && echo "$out" | grep -q "schema 5 (postgresql)\|schema [0-9]* (postgresql)" \
    && ok "init runs every migration on postgresql" || bad "init: $out"
[ "$(psql -d kith_basic -Atc 'SELECT version FROM kith_meta')" -ge 5 ] \
    && ok "kith_meta holds the schema version" || bad "kith_meta"
psql -d kith_basic -qc "INSERT INTO team(public_id, name, service, caseload_threshold)
    VALUES ('0000000000000000000000tpg1', 'Pg Team', 0, 18)" || bad "insert team"
out=$("$KITH" team list --db "$db" 2>&1)
echo "$out" | grep -q "Pg Team" && ok "team list reads the server" || bad "team list: $out"
"$KITH" init --db "$db" >/dev/null 2>&1 && ok "init again is a no-op" || bad "second init"

# the audit trail refuses UPDATE and DELETE (trigger), for every role, the owner included:
# a real row first, so that the refusal is of a change and not of nothing
psql -d kith_basic -qc "INSERT INTO audit(id, at, username, role, action, request_id, outcome,
    prev_hash, hash) VALUES (1, 0, 'cli:test', 'operator', 'test', 'cli', 'ok', 'x', 'y')" \
    || bad "an audit row could not be written"
[ "$(psql -d kith_basic -Atc 'SELECT count(*) FROM audit')" = 1 ] || bad "no audit row to change"
if psql -d kith_basic -c "UPDATE audit SET action = 'edited'" 2>&1 | grep -q "append-only"; then
    ok "audit update refused"
else bad "audit update not refused"; fi
if psql -d kith_basic -c "DELETE FROM audit" 2>&1 | grep -q "append-only"; then
    ok "audit delete refused by the trigger"
else bad "audit delete not refused"; fi
[ "$(psql -d kith_basic -Atc "SELECT action FROM audit")" = test ] || bad "the audit row changed"
psql -d kith_basic -qc "CREATE ROLE kith_app LOGIN" || bad "create role"
psql -d kith_basic -qc "GRANT SELECT, INSERT ON audit TO kith_app" || bad "grant"
out=$(psql -d kith_basic -U kith_app -c "DELETE FROM audit" 2>&1)
echo "$out" | grep -q "permission denied" && ok "the app role cannot delete audit rows" \
    || bad "app role delete: $out"
out=$("$KITH" team list --db "$(url kith_basic kith_app)" 2>&1)
echo "$out" | grep -q "lacks a needed right" && ok "missing right named: $(echo "$out" | head -1)" \
    || bad "missing right message: $out"

# a database at a newer schema is refused and left alone
psql -d kith_basic -qc "UPDATE kith_meta SET version = 999"
out=$("$KITH" team list --db "$db" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "newer kith" && ok "newer schema refused (exit $rc)" \
    || bad "newer schema: rc=$rc $out"
[ "$(psql -d kith_basic -Atc 'SELECT version FROM kith_meta')" = 999 ] \
    && ok "newer database unchanged" || bad "newer database changed"

# an unreachable server: a clear message naming host and port, never the password
out=$("$KITH" team list --db "postgresql://kith:s3cret@127.0.0.1:1/kith?connect_timeout=2" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "127.0.0.1 port 1" && ! echo "$out" | grep -q s3cret \
    && ok "unreachable server named (exit $rc)" || bad "unreachable: rc=$rc $out"

# an op the postgresql backend does not have yet fails cleanly, naming it
out=$("$KITH" init --db "$(url postgres)" >/dev/null 2>&1; "$KITH" child list --db "$(url postgres)" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "cannot do" && ok "missing op named: $out" \
    || echo "note: child list on postgresql: rc=$rc $out"

echo "$fails failed"
[ $fails -eq 0 ]
