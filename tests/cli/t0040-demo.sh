#!/bin/sh
# kith demo: a small borough with the expected records, the same database for the same seed
# and today (and another for another seed or today), refusal to write over records, --force
# for kith databases only, --summary, and clear errors for bad options.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-03-31
q() { sqlite3 -batch "$1" "$2"; }
# The whole database as text (schema and rows, full-text index included), hashed; but not
# the time the schema was made, which is the clock's, not KITH_TODAY's.
# Password hashes are left out: the demo accounts' passwords are random on purpose.
dump_hash() {
    sqlite3 -batch "$1" .dump | grep -v '^INSERT INTO kith_migration' |
        sed -E "s/'[$]argon2id[^']*'/HASH/g" | sha256sum | cut -d' ' -f1
}
# summary_has LABEL N: the summary line for LABEL shows N.
summary_has() { grep -qE "^  $1 +$2( |\$)" "$T/out" || fail "summary lacks '$1 $2'"; }

ok demo --db a.db --scale 0.02 --seed 7
out_has "kith demo: seed 7, scale 0.02, today 2026-03-31: wrote"
out_lacks "replaces the old one"
summary_has children 240
# The summary after a run is counted from the records as they were written; --summary
# reads the database: they agree, line for line.
sed 1d "$T/out" | grep -v '^demo accounts:' >run-summary.txt
ok demo --db a.db --summary
cmp -s run-summary.txt "$T/out" || fail "the run's summary and --summary differ"
[ "$(q a.db 'SELECT count(*) FROM person WHERE kind = 0')" -eq 240 ] || fail "240 children"
[ "$(q a.db 'SELECT count(*) FROM team')" -ge 12 ] || fail "a team of every kind"
[ "$(q a.db 'SELECT count(*) FROM worker WHERE end_date IS NULL')" -ge 12 ] || fail "workers"
[ "$(q a.db 'SELECT count(*) FROM user_account')" -gt "$(q a.db 'SELECT count(*) FROM worker')" ] ||
    fail "a user account for every worker, and some others"
# every child has relatives or is unaccompanied, allocations and, if seen in five years, notes
[ "$(q a.db "SELECT count(*) FROM person p WHERE kind = 0 AND NOT EXISTS
    (SELECT 1 FROM allocation a WHERE a.child_id = p.id)")" -eq 0 ] || fail "children without allocations"
[ "$(q a.db 'SELECT count(*) FROM relationship')" -eq \
  "$(q a.db 'SELECT count(*) FROM person WHERE kind = 1')" ] || fail "one relationship per relative"
[ "$(q a.db 'SELECT count(*) FROM case_note')" -gt 500 ] || fail "case notes"
# allocations change worker, and open ones belong to workers in post
[ "$(q a.db "SELECT count(*) FROM allocation WHERE end_reason IN
    ('worker-left', 'contract-ended', 'caseload-rebalanced')")" -gt 0 ] || fail "changes of worker"
[ "$(q a.db "SELECT count(*) FROM allocation a JOIN worker w ON w.id = a.worker_id
    WHERE a.end_date IS NULL AND w.end_date IS NOT NULL")" -eq 0 ] || fail "open case of a leaver"
# names are made up, ids are well formed, the database is sound
[ "$(q a.db "SELECT count(*) FROM worker WHERE registration NOT GLOB 'SW[0-9]*'")" -eq 0 ] ||
    fail "registrations are SW and digits"
ok init --db a.db
# full-text search finds some notes and not others
ok note list --db a.db --search "home visit" --limit 5
out_has "Home visit"
run note list --db a.db --search "zzzyzzy"
out_lacks "Home visit"

# The same seed and today: the same database, byte for byte as text.
ok demo --db b.db --scale 0.02 --seed 7
[ "$(dump_hash a.db)" = "$(dump_hash b.db)" ] || fail "same seed, different database"
ok demo --db c.db --scale 0.02 --seed 8
[ "$(dump_hash a.db)" != "$(dump_hash c.db)" ] || fail "another seed, same database"
KITH_TODAY=2026-04-01 ok demo --db d.db --scale 0.02 --seed 7
[ "$(dump_hash a.db)" != "$(dump_hash d.db)" ] || fail "another today, same database"

# A database with records is refused and left as it was; --force deletes and remakes it.
before=$(dump_hash a.db)
status 5 demo --db a.db --scale 0.02 --seed 7
err_has "'a.db' already holds records (240 children"
err_has "add --force to delete this one"
[ "$(dump_hash a.db)" = "$before" ] || fail "a refused database changed"
ok demo --db a.db --scale 0.02 --seed 7 --force
err_has "deleted the database 'a.db'"
out_has "usernames and passwords in a.db.passwords (only you can read it; it replaces the old one)"
[ "$(stat -c %a a.db.passwords)" = 600 ] || fail "the passwords file is not 0600"
[ "$(dump_hash a.db)" = "$before" ] || fail "--force with the same seed gives the same database"
[ "$(stat -c %a a.db)" = 600 ] || fail "the database is not 0600"
# --force deletes nothing while another process has the database open (here the sqlite3
# shell, holding it for two seconds): the -wal and -shm files are that process's, live.
(echo "SELECT count(*) FROM team;"; sleep 2) | sqlite3 -batch a.db >/dev/null &
holder=$!
i=0
until [ -e a.db-wal ]; do i=$((i + 1)); [ $i -lt 100 ] || fail "sqlite3 did not open a.db"; sleep 0.02; done
status 5 demo --db a.db --scale 0.02 --seed 7 --force
err_has "is open in another process"
wait $holder
[ "$(dump_hash a.db)" = "$before" ] || fail "--force changed a database in use"
# An empty kith database is fine to fill.
ok init --db e.db
ok demo --db e.db --scale 0.01
summary_has children 120
# --force never deletes what is not a kith database.
sqlite3 -batch other.db "CREATE TABLE places(url TEXT); INSERT INTO places VALUES ('x')"
cp other.db other.orig
status 10 demo --db other.db --force --scale 0.01
cmp -s other.db other.orig || fail "--force touched another program's database"
printf 'not a database at all' >text.db
status 11 demo --db text.db --force --scale 0.01
[ "$(cat text.db)" = "not a database at all" ] || fail "--force touched a text file"

# --summary reads an existing database and changes nothing.
ok demo --db a.db --summary
out_has "a.db:"
summary_has children 240
out_has "children per case-holding FTE"
out_lacks "wrote"
[ "$(dump_hash a.db)" = "$before" ] || fail "--summary changed the database"
status 64 demo --db a.db --summary --seed 3
err_has "--summary prints an existing database's summary"
status 10 demo --db missing.db --summary
[ ! -e missing.db ] || fail "--summary created a database"

# Bad options say what was expected.
status 64 demo --db f.db --scale 0
err_has "'0' is not a scale: expected a number from 0.001 to 1000"
status 64 demo --db f.db --scale lots
err_has "'lots' is not a scale"
status 64 demo --db f.db --seed -1
err_has "'-1' is not a seed"
status 64 demo --db f.db --seed 99999999999999999999999
err_has "is not a seed"
[ ! -e f.db ] || fail "a refused demo created a database"
ok help demo
out_has "--scale X"
done_ok
