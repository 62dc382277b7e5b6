#!/bin/sh
# Start a throwaway PostgreSQL 15 cluster for the tests and run a command against it:
#   tests/pg/cluster.sh COMMAND [ARGS...]
# initdb into a temporary directory as an unprivileged user (nobody when run as root),
# listen only on a Unix socket in that directory (no TCP), export KITH_TEST_DB_URL (a
# superuser connection) and PGHOST/PGUSER for psql, run the command, and stop the cluster
# and remove the directory whatever happens (trap). Exits with the command's status.
set -eu
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "cluster.sh: $PGBIN/initdb not found (scripts/deps installs postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/kith-pg.XXXXXX)
chmod 755 "$dir"
as=""
user=$(id -un)
if [ "$(id -u)" = 0 ]; then
    as="runuser -u nobody --"
    user=nobody
    chown nobody "$dir"
fi
stop() {
    $as "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT INT TERM
$as "$PGBIN/initdb" -D "$dir/data" -U "$user" -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
$as "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
export PGHOST="$dir" PGUSER="$user" PGDATABASE=postgres
export KITH_TEST_DB_URL="postgresql:///postgres?host=$dir&user=$user"
# a PostgreSQL database has no directory to keep its audit key beside (docs/web.md)
export KITH_AUDIT_KEY="$dir/audit.key"
status=0
"$@" || status=$?
exit $status
