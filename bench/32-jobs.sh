#!/bin/sh
# The public jobs board under wrk on loopback with 500 open vacancies (and 200 closed):
# /healthz, the plain list (/jobs) and random filter combinations (every facet chosen or
# not, one to three options each, keywords now and then, any sort and the first pages)
# measured in one run at 64 connections; requests per second and p99. The board reads no
# session and writes no audit row, so the list's ratio to /healthz is the cost of reading
# the open vacancies, filtering, counting and rendering. Issue 20 targets: p99 under 10 ms
# server-side for any combination (the server's own log of each request's time, which
# wrk's figure adds the queue of 64 connections on two cores to), and the list at least
# 0.3 of /healthz.
#
# KITH_BENCH_JOBS_OLD=/path/to/an/older/kith (or KITH_BENCH_OLD, which make bench OLD=REV
# sets) measures that binary too, on the same database in the same run, so a change is
# judged by figures taken under one load.
set -eu
build="$1"
scratch="$2"
kith="$build/src/kith"
export KITH_TODAY=2026-03-31
db="$scratch/jobs.db"
# Made by the older binary when there is one: the newer one brings its schema up to date.
old="${KITH_BENCH_JOBS_OLD:-${KITH_BENCH_OLD:-}}"
"${old:-$kith}" init --db "$db" >/dev/null
# 500 open and 200 closed vacancies, options spread by the row number's residues.
sqlite3 "$db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700)
INSERT INTO vacancy (public_id, version, created_at, updated_at, title, team, role, contract,
    hours, arrangement, salary_min, salary_max, published_on, closing_date, closed, employer,
    location, postcode, description, offer, needs_swe_registration)
SELECT printf('bench%021d', i), 1, 1774915200, 1774915200,
    CASE i % 3 WHEN 0 THEN 'Social Worker' WHEN 1 THEN 'Senior Practitioner' ELSE 'Team Manager' END
        || ', ' || CASE i % 4 WHEN 0 THEN 'Assessment Team' WHEN 1 THEN 'Child Protection Team'
        WHEN 2 THEN 'Children in Care Team' ELSE 'Leaving Care Team' END,
    CASE i % 4 WHEN 0 THEN 'Assessment Team' WHEN 1 THEN 'Child Protection Team'
        WHEN 2 THEN 'Children in Care Team' ELSE 'Leaving Care Team' END,
    CASE i % 9 WHEN 0 THEN 'social-worker' WHEN 1 THEN 'senior-practitioner'
        WHEN 2 THEN 'advanced-practitioner' WHEN 3 THEN 'team-manager' WHEN 4 THEN 'personal-adviser'
        WHEN 5 THEN 'family-support-worker' WHEN 6 THEN 'cp-chair-iro' WHEN 7 THEN 'asye'
        ELSE 'trainee' END,
    CASE i % 7 WHEN 0 THEN 'fixed-term' WHEN 1 THEN 'temporary' WHEN 2 THEN 'secondment'
        ELSE 'permanent' END,
    CASE i % 5 WHEN 0 THEN 'part-time' ELSE 'full-time' END,
    CASE i % 6 WHEN 0 THEN 'office-based' WHEN 1 THEN 'flexible' ELSE 'hybrid' END,
    28000 + (i * 137) % 36000, 32000 + (i * 137) % 36000,
    date('2026-03-31', printf('-%d days', i % 28)),
    CASE WHEN i <= 500 THEN date('2026-03-31', printf('+%d days', i % 35))
        ELSE date('2026-01-31', printf('-%d days', i % 300)) END,
    0, 'London Borough of Kithbury', 'Civic Centre, 2 Market Square, London', 'E8 1DY',
    'We are looking for a colleague to join our team. ' || printf('%.*c', 800, 'x')
        || ' Court work and direct work with children.',
    '- leave rising with service', 1
FROM n;
SQL
# Random filter combinations, drawn by wrk's own Lua for each request.
cat >"$scratch/combos.lua" <<'LUA'
local facets = {
  {"contract", {"permanent", "fixed-term", "temporary", "secondment"}},
  {"hours", {"full-time", "part-time"}},
  {"arrangement", {"office-based", "hybrid", "flexible"}},
  {"role", {"social-worker", "senior-practitioner", "advanced-practitioner", "team-manager",
            "personal-adviser", "family-support-worker", "cp-chair-iro", "asye", "trainee"}},
  {"salary", {"under-35000", "35000-39999", "40000-44999", "45000-49999", "50000-59999",
              "60000-plus"}},
}
local sorts = {"closing", "newest", "salary"}
request = function()
  local q = {}
  if math.random(5) == 1 then q[#q + 1] = "keywords=court+work" end
  for _, f in ipairs(facets) do
    if math.random(2) == 1 then
      for _ = 1, math.random(3) do
        q[#q + 1] = f[1] .. "=" .. f[2][math.random(#f[2])]
      end
    end
  end
  q[#q + 1] = "sort=" .. sorts[math.random(3)]
  if math.random(4) == 1 then q[#q + 1] = "page=2" end
  return wrk.format("GET", "/jobs?" .. table.concat(q, "&"))
end
LUA
dur=${KITH_BENCH_HTTP_SECONDS:-10}
port=$((40000 + $$ % 20000))
pid=
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null || true; fi' EXIT
# One phase under wrk; prints requests/s, wrk's p99, non-2xx and the server's p99 over
# the requests of the phase (ms= in its log).
measure() {
    from=$(wc -l <"$scratch/serve.log")
    wrk -t2 -c64 -d"${dur}s" --latency "$@" >"$scratch/wrk.txt" 2>&1
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$scratch/wrk.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$scratch/wrk.txt")
    errs=$(awk '/Non-2xx/ { print $NF }' "$scratch/wrk.txt")
    server=$(tail -n +"$((from + 1))" "$scratch/serve.log" | sed -n 's/.*event=http.request.* ms=\([0-9.]*\).*/\1/p' |
        sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.2fms", v[i] }')
    echo "$rps $p99 ${errs:-0} $server"
}
# Serve the database with binary $1 and measure the three phases.
bench_binary() {
    : >"$scratch/serve.log" # emptied before, so the wait below never reads the last server's log
    "$1" serve --db "$db" --listen "127.0.0.1:$port" >"$scratch/serve.out" 2>>"$scratch/serve.log" &
    pid=$!
    i=0
    until grep -q "http.listening" "$scratch/serve.log" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "server did not start"; exit 1; }
        sleep 0.1
    done
    base="http://127.0.0.1:$port"
    open=$(curl -s "$base/api/v1/jobs" | sed -n 's/^{"total":\([0-9]*\).*/\1/p')
    echo "  $1: open vacancies on the board: $open"
    printf '%-40s %11s %10s %8s %11s\n' "" "requests/s" "wrk p99" "non-2xx" "server p99"
    h=$(measure "$base/healthz")
    l=$(measure "$base/jobs")
    c=$(measure -s "$scratch/combos.lua" "$base/jobs")
    printf '%-40s %11s %10s %8s %11s\n' "GET /healthz (static, same server)" $h
    printf '%-40s %11s %10s %8s %11s   target: 0.3 of /healthz\n' "GET /jobs (the whole board)" $l
    printf '%-40s %11s %10s %8s %11s   target: server p99 under 10 ms\n' \
        "GET /jobs?random filters (wrk Lua)" $c
    ratio=$(echo "$l $h" | awk '{ printf "%.2f", $1 / $5 }')
    echo "  list / static route: $ratio"
    kill $pid
    wait $pid 2>/dev/null || true
    pid=
    port=$((port + 1))
}
if [ -n "$old" ]; then
    bench_binary "$old"
fi
bench_binary "$kith"
echo "  command: wrk -t2 -c64 -d${dur}s --latency [-s combos.lua] http://127.0.0.1:PORT/jobs"
echo "  (non-2xx: random combinations that ask for a page 2 the view does not have, 404)"
