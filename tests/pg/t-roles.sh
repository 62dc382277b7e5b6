#!/bin/sh
# The two roles docs/postgresql.md describes, on a real server (inside tests/pg/cluster.sh):
# an owner that runs the migrations, and an application role given exactly the rights in
# docs/postgresql-grants.sql. kith works as the application role (demo borough, lists,
# the audit trail written and verified), the audit trail refuses the application role's
# UPDATE and DELETE by missing rights, and the schema stays the owner's.
set -u
: "${KITH:?set KITH to the kith binary}"
: "${GRANTS:?set GRANTS to docs/postgresql-grants.sql}"
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1" >&2; fails=$((fails + 1)); }
url() { echo "postgresql:///kith_roles?host=$PGHOST&user=$1"; }
export KITH_TODAY=2026-03-31
work=$(mktemp -d /tmp/kith-roles.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

psql -qc "CREATE ROLE kith_owner LOGIN; CREATE ROLE kith_app LOGIN" || exit 1
psql -qc "CREATE DATABASE kith_roles OWNER kith_owner" || exit 1
psql -qc "REVOKE ALL ON DATABASE kith_roles FROM PUBLIC; GRANT CONNECT ON DATABASE kith_roles TO kith_app"
out=$("$KITH" init --db "$(url kith_app)" 2>&1) && bad "the app role could make the schema: $out" \
    || ok "the app role cannot create the schema: $(echo "$out" | head -1)"
"$KITH" init --db "$(url kith_owner)" >/dev/null 2>&1 && ok "the owner runs the migrations" \
    || bad "owner init"
psql -d kith_roles -U kith_owner -q -v ON_ERROR_STOP=1 -v app=kith_app -f "$GRANTS" \
    && ok "docs/postgresql-grants.sql applies" || bad "grants file"

out=$("$KITH" demo --db "$(url kith_app)" 2>&1) && ok "kith demo as the app role" \
    || bad "demo as app: $out"
out=$("$KITH" child list --db "$(url kith_app)" 2>&1) && echo "$out" | grep -q . \
    && ok "child list as the app role" || bad "child list: $out"
rows=$(psql -d kith_roles -Atc "SELECT count(*) FROM audit")
out=$("$KITH" audit verify --db "$(url kith_app)" 2>&1) && ok "audit verify as the app role ($rows rows): $out" \
    || bad "audit verify: $out"

for stmt in "UPDATE audit SET action = 'x'" "DELETE FROM audit" "TRUNCATE audit" \
    "UPDATE kith_meta SET version = 1" "DROP TABLE person" \
    "UPDATE record_history SET body = '{}'" "DELETE FROM record_history"; do
    out=$(psql -d kith_roles -U kith_app -c "$stmt" 2>&1)
    echo "$out" | grep -q "permission denied\|must be owner" && ok "app role refused: $stmt" \
        || bad "app role allowed: $stmt: $out"
done
[ "$(psql -d kith_roles -Atc 'SELECT count(*) FROM audit')" = "$rows" ] \
    && ok "audit rows unchanged" || bad "audit rows changed"

# Retention rewrites an application's history only through the owner's function (migration
# 0026): the app role runs it, though it may not touch record_history itself (above).
out=$("$KITH" recruit retention --on 2027-12-31 --db "$(url kith_app)" 2>&1) \
    && ok "recruit retention as the app role: $(echo "$out" | tail -1)" || bad "retention: $out"
left=$(psql -d kith_roles -Atc "SELECT count(*) FROM application a JOIN vacancy v ON v.id = a.parent_id
    WHERE a.email IS NOT NULL AND v.closing_date < '2027-06-30'")
[ "$left" = 0 ] && ok "no address left on an application past the period" \
    || bad "$left applications past the period keep an address"

echo "$fails failed"
[ $fails -eq 0 ]
