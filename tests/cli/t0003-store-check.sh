#!/bin/sh
# kith init on damaged, foreign and newer databases: each is refused with its own exit
# status and message, and a refused file is left byte for byte as it was.
migrations=$(cd "$(dirname "$0")/../../src/store/migrations" && pwd)
. "$(dirname "$0")/lib.sh"

ok init --db kith.db
# the newest schema is the number of migrations in the tree
latest=$(ls "$migrations" | cut -c1-4 | sort -u | wc -l)
out_has "kith database at schema $latest (sqlite)"
sq() { sqlite3 -batch "$@" >/dev/null; }

# A person whose copy of their disability codes disagrees with their rows.
sq kith.db "INSERT INTO person(public_id, kind, given_name, family_name, sex, created,
    disabilities) VALUES ('000000000000000000000000a1', 0, 'Ann', 'Ash', 'F', '2025-01-01', 'AUT')"
status 11 init --db kith.db
err_has "the disabilities of 1 people disagree with their disability rows"
sq kith.db "INSERT INTO person_disability(person_id, code) SELECT id, 'AUT' FROM person"
ok init --db kith.db

# A record that points at a missing one (written with foreign keys off).
sq kith.db "INSERT INTO relationship(child_id, other_id, type) VALUES (1, 999, 'mother')"
status 11 init --db kith.db
err_has "point at missing records"
sq kith.db "DELETE FROM relationship"
ok init --db kith.db

# Another program's database, and a file that is not a database: refused, unchanged.
sq other.db "CREATE TABLE places(url TEXT); INSERT INTO places VALUES ('x')"
cp other.db other.orig
status 10 init --db other.db
err_has "is a SQLite database but not a kith one"
cmp -s other.db other.orig || fail "other.db changed"
[ ! -e other.db-wal ] || fail "other.db-wal left behind"
printf 'LAchildID,DOB\nLA1,2015-01-01\n' >notes.csv
cp notes.csv notes.orig
status 11 init --db notes.csv
err_has "is not a kith database"
cmp -s notes.csv notes.orig || fail "notes.csv changed"

# A database from a newer kith.
sq kith.db "PRAGMA user_version = 99"
cp kith.db kith.orig
status 12 init --db kith.db
err_has "is at schema 99, written by a newer kith"
cmp -s kith.db kith.orig || fail "kith.db changed"
done_ok
