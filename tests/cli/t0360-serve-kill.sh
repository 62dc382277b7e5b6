#!/bin/sh
# kith serve killed with SIGKILL at random moments while two API clients post case notes
# and other kith processes write (token add, user disable and enable, note add) and read
# (note list, and the sqlite3 shell or psql) the same database; restarted each round.
# After every round: PRAGMA integrity_check is ok (SQLite), kith audit verify is sound,
# and every note whose post was answered 201 is there with its audit row, and every note
# kith note add said it added is there. It prints the rounds, the confirmed notes and the
# ones found.
#
# Catches a server that loses SQLite's locks (a descriptor on the database closed by the
# process while its connections hold them): another process then deletes the live -wal
# and the server's commits after it vanish with the process (docs/internals/store.md).
# Runs on SQLite, and on PostgreSQL when started by tests/pg/cluster.sh (KITH_TEST_DB_URL).
# KITH_FAULT_ROUNDS sets the rounds (30), KITH_FAULT_RUN_MS the longest a round runs
# before the kill (600), KITH_FAULT_DEBUG=1 prints every answer; bench/40-serve-kill.sh runs
# it longer.
. "$(dirname "$0")/lib.sh"
export KITH_TODAY=2026-03-31
rounds=${KITH_FAULT_ROUNDS:-30}
run_ms=${KITH_FAULT_RUN_MS:-600}
seed=${KITH_FAULT_SEED:-$$}

if [ -n "${KITH_TEST_DB_URL:-}" ]; then
    backend=postgresql
    psql -qc "CREATE DATABASE kith_kill" >/dev/null || fail "cannot create the database"
    db="postgresql:///kith_kill?host=$PGHOST&user=$PGUSER"
    pwfile="$T/kith-demo.passwords"
    q() { psql -d kith_kill -Atc "$1"; }
else
    backend=sqlite
    db="$T/k.db"
    pwfile="$db.passwords"
    q() { sqlite3 -batch "$db" "$1"; }
fi
export KITH_DB="$db"

ok demo --db "$db" --scale 0.01 --seed 3
sw=$(awk '$2 == "social-worker" { print $1; exit }' "$pwfile")
victim=$(awk '$2 == "team-manager" { print $1; exit }' "$pwfile")
[ -n "$sw" ] && [ -n "$victim" ] || fail "no social worker or team manager in $pwfile"
worker=$(q "SELECT w.public_id FROM worker w JOIN user_account u ON u.worker_id = w.id
    WHERE u.username = '$sw'")
child=$(q "SELECT p.public_id FROM person p JOIN allocation a ON a.child_id = p.id
    JOIN user_account u ON u.worker_id = a.worker_id WHERE u.username = '$sw'
    AND a.end_date IS NULL AND p.id NOT IN (SELECT child_id FROM restriction) ORDER BY p.id
    LIMIT 1")
[ -n "$child" ] && [ -n "$worker" ] || fail "no child on $sw's caseload"
for c in a b; do
    ok token add "$sw" --name "fault client $c"
    eval "token_$c=\$(sed -n 's/^token [0-9]* for [^:]*: //p' \"\$T/out\")"
done

port=$((20000 + ($$ + 7) % 20000))
base="http://127.0.0.1:$port"
: >"$T/api.ids"
: >"$T/cli.ids"

# One API client: posts until the stop file appears, keeping the id of each note answered
# 201 (a post cut off by the kill is not confirmed, and may or may not be there).
api_client() { # NAME TOKEN
    i=0
    while [ ! -e "$T/stop" ]; do
        i=$((i + 1))
        code=$(curl -s -m 10 -o "$T/$1.body" -w '%{http_code}' -H "Authorization: Bearer $2" \
            -H 'Content-Type: application/json' --data "{\"date\": \"2026-03-01\",
            \"kind\": \"case-note\", \"subject\": \"$1 round $round post $i\",
            \"body\": \"Written while the server may be killed.\"}" \
            "$base/api/v1/children/$child/notes" 2>/dev/null) || true
        [ -z "${KITH_FAULT_DEBUG:-}" ] || echo "$1 $code $(cat "$T/$1.body" 2>/dev/null)" >&2
        if [ "$code" = 201 ]; then
            id=$(sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' "$T/$1.body")
            echo "$id" >>"$T/api.ids" # the body ends without a newline
        elif [ "$code" = 000 ]; then
            sleep 0.02 # not listening yet, or killed
        fi
    done
}

# Other processes writing, one command at a time (each opens the database, writes, and
# closes it), in turn: a token, disabling an account, enabling it again, a note.
cli_writer() {
    j=$round # each round starts with another command
    while [ ! -e "$T/stop" ]; do
        j=$((j + 1))
        case $((j % 4)) in
        1) "$KITH" token add "$victim" --name "round $round $j" >/dev/null 2>&1 || true ;;
        2) "$KITH" user disable "$victim" >/dev/null 2>&1 || true ;;
        3) "$KITH" user enable "$victim" >/dev/null 2>&1 || true ;;
        0) if "$KITH" note add "$child" --author "$worker" --subject "cli round $round note $j" \
            --body "Written beside the server." >"$T/cli.out" 2>/dev/null; then
            sed -n 's/^added note \([^ ]*\) to .*/\1/p' "$T/cli.out" >>"$T/cli.ids"
        fi ;;
        esac
    done
}

# Other processes reading: kith itself, and the database's own shell.
reader() {
    while [ ! -e "$T/stop" ]; do
        "$KITH" note list "$child" --limit 5 >/dev/null 2>&1 || true
        q "SELECT count(*) FROM case_note" >/dev/null 2>&1 || true
    done
}

# The ids in a file as an SQL list.
ids() { sed "s/.*/'&'/" "$1" | paste -sd, -; }

bad=0
round=0
while [ "$round" -lt "$rounds" ]; do
    round=$((round + 1))
    # The last round's serve.err says "listening" too: remove it so the wait below
    # cannot read the old file before the new server's redirection truncates it.
    rm -f "$T/stop" "$T/serve.err"
    "$KITH" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>"$T/serve.err" &
    pid=$!
    i=0
    until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 300 ] && kill -0 $pid 2>/dev/null || {
            cat "$T/serve.err" >&2
            fail "round $round: the server did not start"
        }
        sleep 0.03
    done
    api_client a "$token_a" &
    pa=$!
    api_client b "$token_b" &
    pb=$!
    cli_writer &
    pc=$!
    reader &
    pr=$!
    ms=$(awk -v s="$seed" -v r="$round" -v m="$run_ms" \
        'BEGIN { srand(s * 1000 + r); printf "%d", m / 4 + rand() * m * 3 / 4 }')
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -KILL $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    touch "$T/stop"
    wait $pa $pb $pc $pr 2>/dev/null || true

    why=""
    if [ "$backend" = sqlite ]; then
        integrity=$(q "PRAGMA integrity_check" 2>&1 | head -3 | paste -sd' ' -)
        [ "$integrity" = ok ] || why="$why integrity_check: $integrity;"
    fi
    "$KITH" audit verify >"$T/verify.out" 2>&1 ||
        why="$why audit verify: $(head -2 "$T/verify.out" | paste -sd' ' -);"
    api=$(wc -l <"$T/api.ids")
    cli=$(wc -l <"$T/cli.ids")
    found_api=0
    found_cli=0
    [ "$api" -eq 0 ] || found_api=$(q "SELECT count(*) FROM case_note n
        WHERE n.public_id IN ($(ids "$T/api.ids")) AND EXISTS (SELECT 1 FROM audit a
        WHERE a.action = 'note-add' AND a.detail = n.public_id)" 2>/dev/null || echo 0)
    [ "$cli" -eq 0 ] || found_cli=$(q "SELECT count(*) FROM case_note
        WHERE public_id IN ($(ids "$T/cli.ids"))" 2>/dev/null || echo 0)
    [ "$found_api" -eq "$api" ] || why="$why $((api - found_api)) of $api API notes lost;"
    [ "$found_cli" -eq "$cli" ] || why="$why $((cli - found_cli)) of $cli CLI notes lost;"
    checks=$((checks + 4))
    if [ -n "$why" ]; then
        bad=$((bad + 1))
        echo "round $round (killed after $ms ms):$why" >&2
    fi
done

echo "$backend: $rounds rounds (seed $seed), confirmed $((api + cli)) notes" \
    "($api by the API, $cli by kith note add), found $((found_api + found_cli))," \
    "lost $((api + cli - found_api - found_cli)); $bad rounds with a failed check"
[ "$bad" -eq 0 ] || fail "$bad of $rounds rounds failed a check"
[ "$api" -gt 0 ] && [ "$cli" -gt 0 ] || fail "no note confirmed by the API or the command line"
done_ok
