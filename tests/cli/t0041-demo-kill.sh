#!/bin/sh
# kill -9 in the middle of kith demo: the database still opens, passes PRAGMA
# integrity_check and kith's own check, and holds whole transactions only. kith demo commits
# each stage (teams, workers, users) whole and the children in batches of 1,000 with all
# their records, so a killed database must be exactly the first K children of a complete run
# (K a multiple of 1,000), with every earlier stage whole or absent.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-03-31
SCALE=0.3 # 3,600 children: four transactions of children
q() { sqlite3 -batch "$1" "$2"; }
# the demo's help-and-protection, family help, risk and pre-proceedings records, each
# hanging off its child (parent_id)
HP_TABLES="referral assessment cin_plan cin_plan_review visit strategy_discussion s47_enquiry conference cp_plan
    core_group family_help missing_episode exploitation_risk private_fostering fgdm_offer
    fgdm_meeting fgdm_exemption pre_proceedings letter_before_proceedings pp_meeting
    care_application"
HP_SPECS=$(for t in $HP_TABLES; do printf '%s:parent_id ' "$t"; done)
rows() { sqlite3 -batch "$1" "$2" | sha256sum | cut -d' ' -f1; }

ok demo --db ref.db --scale $SCALE --seed 5
total=$(q ref.db 'SELECT count(*) FROM person WHERE kind = 0')
[ "$total" -eq 3600 ] || fail "the reference run has $total children"

# Start a demo, wait for `cond` (a query on its database that returns 1) or a time, then
# kill -9 it.
killed_run() { # NAME WAIT-QUERY EXTRA-SLEEP
    rm -f "$1" "$1-wal" "$1-shm"
    "$KITH" demo --db "$1" --scale $SCALE --seed 5 >/dev/null 2>&1 &
    pid=$!
    if [ -n "$2" ]; then
        i=0
        while [ $i -lt 600 ]; do
            [ "$(q "$1" "$2" 2>/dev/null)" = 1 ] && break
            kill -0 $pid 2>/dev/null || break
            sleep 0.05
            i=$((i + 1))
        done
    fi
    sleep "$3"
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    checks=$((checks + 1))
}

# The killed database is a whole prefix of the reference.
check_prefix() { # NAME
    db=$1
    if [ ! -s "$db" ]; then
        echo "$db: killed before the database was written"
        return
    fi
    [ "$(q "$db" 'PRAGMA integrity_check')" = ok ] || fail "$db: integrity_check failed"
    ok init --db "$db" # opens, migrates if it must, and passes kith's own checks
    # Accounts are compared without their password hashes: the demo's passwords are
    # random (a seed must not give everyone the same ones); the hashes are one last
    # transaction, so an account has all of them or none.
    for t in team worker "user_account|id, username, worker_id, role, disabled, created"; do
        cols=${t#*|}
        [ "$cols" != "$t" ] || cols='*'
        t=${t%%|*}
        n=$(q "$db" "SELECT count(*) FROM $t")
        [ "$n" -eq 0 ] || [ "$n" -eq "$(q ref.db "SELECT count(*) FROM $t")" ] ||
            fail "$db: $n rows in $t, part of a stage"
        [ "$n" -eq 0 ] || [ "$(rows "$db" "SELECT $cols FROM $t ORDER BY id")" = \
            "$(rows ref.db "SELECT $cols FROM $t ORDER BY id")" ] || fail "$db: $t differs"
    done
    h=$(q "$db" 'SELECT count(*) FROM user_account WHERE password_hash IS NOT NULL')
    [ "$h" -eq 0 ] || [ "$h" -eq "$(q ref.db 'SELECT count(*) FROM user_account WHERE password_hash IS NOT NULL')" ] ||
        fail "$db: $h accounts with passwords, part of a transaction"
    k=$(q "$db" 'SELECT count(*) FROM person WHERE kind = 0')
    [ $((k % 1000)) -eq 0 ] || [ "$k" -eq "$total" ] || fail "$db: $k children, part of a batch"
    if [ "$k" -gt 0 ]; then
        [ "$(q "$db" 'SELECT count(*) FROM user_account')" -gt 0 ] || fail "$db: children before users"
    fi
    # The first person id after the K-th child's family in the reference (or past the end).
    next=$(q ref.db "SELECT coalesce((SELECT id FROM person WHERE kind = 0 ORDER BY id
        LIMIT 1 OFFSET $k), (SELECT max(id) + 1 FROM person), 1)")
    for spec in "person:id" "person_disability:person_id" "relationship:child_id" \
        "allocation:child_id" "case_note:child_id" "contact:parent_id" $HP_SPECS; do
        t=${spec%%:*} col=${spec#*:}
        order=$([ "$t" = person_disability ] && echo "person_id, code" || echo id)
        [ "$(rows "$db" "SELECT * FROM $t ORDER BY $order")" = \
            "$(rows ref.db "SELECT * FROM $t WHERE $col < $next ORDER BY $order")" ] ||
            fail "$db: $t is not the reference's first $k children"
    done
    # The full-text index holds exactly the notes that are there.
    [ "$(q "$db" "INSERT INTO case_note_fts(case_note_fts, rank) VALUES ('integrity-check', 1)"
        2>&1)" = "" ] || fail "$db: the full-text index disagrees with the notes"
    echo "$db: whole at $k children ($(q "$db" 'SELECT count(*) FROM team') teams," \
        "$(q "$db" 'SELECT count(*) FROM worker') workers, $(q "$db" 'SELECT count(*) FROM user_account') users)"
}

# The check itself catches what a per-record commit would leave: half a batch, or a child
# without the last of its notes.
cut_at() { # NAME CHILDREN: a copy of the reference cut after that many children
    cp ref.db "$1"
    x=$(q ref.db "SELECT id FROM person WHERE kind = 0 ORDER BY id LIMIT 1 OFFSET $2")
    hp=""
    for t in $HP_TABLES; do hp="$hp DELETE FROM $t WHERE parent_id >= $x;"; done
    q "$1" "PRAGMA foreign_keys = OFF; DELETE FROM case_note WHERE child_id >= $x;
        DELETE FROM contact WHERE parent_id >= $x; $hp
        DELETE FROM allocation WHERE child_id >= $x; DELETE FROM relationship WHERE child_id >= $x;
        DELETE FROM person_disability WHERE person_id >= $x; DELETE FROM person WHERE id >= $x;
        INSERT INTO case_note_fts(case_note_fts) VALUES ('rebuild');"
}
cut_at half.db 1500
(check_prefix half.db) >/dev/null 2>&1 && fail "the check missed half a batch"
cut_at tail.db 1000
q tail.db "DELETE FROM case_note WHERE id = (SELECT max(id) FROM case_note);
    INSERT INTO case_note_fts(case_note_fts) VALUES ('rebuild');"
(check_prefix tail.db) >/dev/null 2>&1 && fail "the check missed a missing note"
cut_at whole.db 1000
check_prefix whole.db

killed_run k0.db "" 0.05
check_prefix k0.db
killed_run k1.db "" 0.3
check_prefix k1.db
killed_run k2.db "SELECT count(*) > 0 FROM worker" 0
check_prefix k2.db
killed_run k3.db "SELECT count(*) >= 1000 FROM person WHERE kind = 0" 0.2
check_prefix k3.db
killed_run k4.db "SELECT count(*) >= 2000 FROM person WHERE kind = 0" 0.5
check_prefix k4.db

# A killed demo's database is refused like any other with records, and --force remakes it.
if [ "$(q k4.db 'SELECT count(*) FROM team' 2>/dev/null)" -gt 0 ]; then
    status 5 demo --db k4.db --scale $SCALE --seed 5
    err_has "already holds records"
fi
done_ok
