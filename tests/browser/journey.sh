#!/bin/sh
# The browser journey (web/test/journey.mjs) against a real kith serve on a small demo
# borough: sign in, caseload, search, the child record whole, note, a markup name, sign out,
# each role's start page (team manager, auditor, administrator), user
# accounts, validating a return (the public 903 sample), with axe-core on every page. Needs chromium and the web packages (make installs both).
set -eu
: "${KITH:?KITH must name the kith binary}"
src=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/kith-browser.XXXXXX")
pid=""
# The server is stopped and waited for before its directory goes: one still writing its log
# or database as it shuts down made rm fail, and that failure became the journey's.
trap 'st=$?; if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || :; fi
      rm -rf "$T" || :; exit $st' EXIT
db="$T/kith.db"
"$KITH" demo --db "$db" --scale 0.05 >/dev/null
sw=$(awk '$2 == "social-worker" { print $1 }' "$db.passwords")
"$KITH" child add --db "$db" --given '<img src=x onerror=alert(1)>' --family Xss --sex U \
    --dob 2016-05-01 --ethnicity NOBT --la-child-id XSS001 >/dev/null
xss=$("$KITH" child show --db "$db" XSS001 | awk '/public id/ { print $3 }')
"$KITH" access grant --db "$db" "$sw" XSS001 --reason "browser test" >/dev/null
# The help-and-protection journey, from contact to CP visit, for a child on the social
# worker's caseload, every record through its GOV.UK form (journey.mjs): "my work" must
# then show the first review conference due 3 months after the plan's start. The
# conference is a Monday between the 10th and the 16th of last month, so it is a weekday
# in the past and adding 3 months needs no month-end clamp; the visit two days later is a
# Wednesday, not after today.
# The demo's children on a caseload all have an open episode of their own, which a new
# referral would overlap (CIN rules 8815/8820 refuse it on save), so the journey's child is
# a new one, allocated to the social worker here.
"$KITH" child add --db "$db" --given Journey --family Child --sex F --dob 2016-02-01 \
    --ethnicity WBRI --la-child-id JOURNEY01 >/dev/null
kid=$("$KITH" child show --db "$db" JOURNEY01 | awk '/public id/ { print $3 }')
# The demo's team manager account leads another team than the social worker's, so it is
# given the child, as the worker's own manager would have them: the assessment's
# authorisation is a team manager's (journey.mjs signs in as them for it).
tm=$(awk '$2 == "team-manager" { print $1 }' "$db.passwords")
"$KITH" access grant --db "$db" "$tm" JOURNEY01 --reason "browser test: the manager authorises" >/dev/null
sqlite3 "$db" "INSERT INTO allocation (child_id, worker_id, role, start_date)
    SELECT p.id, u.worker_id, 0, date('now', '-3 months') FROM person p, user_account u
    WHERE p.la_child_id = 'JOURNEY01' AND u.username = '$sw'"
icpc=$(date -d "$(date +%Y-%m-10) -1 month" +%Y-%m-%d)
while [ "$(date -d "$icpc" +%u)" != 1 ]; do icpc=$(date -d "$icpc +1 day" +%Y-%m-%d); done
day() { date -d "$icpc $1 days" +%Y-%m-%d; }
days=$(printf '{"contact":"%s","referral":"%s","assessment":"%s","authorised":"%s","strategy":"%s","s47_end":"%s","icpc":"%s","visit":"%s"}' \
    "$(day -15)" "$(day -14)" "$(day -13)" "$(day -11)" "$(day -10)" "$(day -1)" "$icpc" "$(day +2)")
review=$(date -d "$icpc +3 months" "+%-d %b %Y")
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
    "$src/../shared/data/peer/ssda903" "$review" "$kid" "$days"
