#!/bin/sh
# The browser journey (web/test/journey.mjs) against a real kith serve on a small demo
# borough: sign in, caseload, search, child record, note, a markup name, sign out, user
# accounts, validating a return (the public 903 sample), with axe-core on every page. Needs chromium and the web packages (make installs both).
set -eu
: "${KITH:?KITH must name the kith binary}"
src=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/kith-browser.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
db="$T/kith.db"
"$KITH" demo --db "$db" --scale 0.05 >/dev/null
sw=$(awk '$2 == "social-worker" { print $1 }' "$db.passwords")
"$KITH" child add --db "$db" --given '<img src=x onerror=alert(1)>' --family Xss --sex U \
    --dob 2016-05-01 --ethnicity NOBT --la-child-id XSS001 >/dev/null
xss=$("$KITH" child show --db "$db" XSS001 | awk '/public id/ { print $3 }')
"$KITH" access grant --db "$db" "$sw" XSS001 --reason "browser test" >/dev/null
port=$((30000 + $$ % 20000))
"$KITH" serve --db "$db" --listen "127.0.0.1:$port" >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
i=0
until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { cat "$T/serve.err" >&2; echo "FAIL: server did not start" >&2; exit 1; }
    sleep 0.1
done
cd "$src/web"
node test/journey.mjs "http://127.0.0.1:$port" "$db.passwords" "$xss" \
    "$src/../shared/data/peer/ssda903"
