#!/bin/sh
# The "Validate a return" page over a real socket, as a browser posts it (curl -F sends
# multipart/form-data): a performance analyst uploads the public 903 CSV sample and sees
# the same counts as `kith validate`; the CSV download is the command's CSV; a body past
# 64 MB is 413 with the limit in words and the server keeps serving; a social worker is
# refused. PEER_DIR is the public samples beside the clone.
. "$(dirname "$0")/lib.sh"
: "${PEER_DIR:?PEER_DIR must name the public samples}"
set903="$PEER_DIR/ssda903"

ok init --db "$T/k.db"
echo "tulip-harbour-velvet-quartz-481" >"$T/pw"
ok user add pat.test --role performance-analyst --password-file "$T/pw" --db "$T/k.db"
ok user add sam.test --role social-worker --password-file "$T/pw" --db "$T/k.db"

port=$((20000 + ($$ + 7) % 20000))
"$KITH" serve --db "$T/k.db" --listen "127.0.0.1:$port" >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$T"' EXIT
i=0
until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || fail "server did not start"
    sleep 0.1
done
base="http://127.0.0.1:$port"

# sign_in NAME: the session cookie in $cookie, the page's CSRF token in $csrf
sign_in() {
    curl -s -D "$T/h" -o /dev/null -H "Origin: $base" --data-urlencode "username=$1" \
        --data-urlencode "password=$(cat "$T/pw")" "$base/sign-in"
    cookie=$(sed -n 's/^Set-Cookie: \(__Host-kith_session=[^;]*\);.*/\1/p' "$T/h")
    [ -n "$cookie" ] || fail "$1 could not sign in"
    curl -s -H "Cookie: $cookie" "$base/validate" >"$T/out"
    csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/out" | head -1)
}

sign_in pat.test
out_has "Validate a return"
out_has 'enctype="multipart/form-data"'
[ -n "$csrf" ] || fail "no CSRF token on the page"

files=""
for f in header episodes reviews uasc oc2 oc3 ad1 placed_for_adoption previous_permanence \
    missing sw_episodes DoLo; do
    files="$files -F files=@$set903/$f.csv"
done
# shellcheck disable=SC2086
curl -s -o "$T/out" -w '%{http_code}\n' -H "Cookie: $cookie" -H "Origin: $base" \
    -F "csrf=$csrf" -F type=903-csv -F year=2026 -F format=html $files "$base/validate" >"$T/code"
grep -q '^200$' "$T/code" || fail "the upload was answered $(cat "$T/code")"
cp "$T/out" "$T/page"
# the command's counts, on the same files (the directory also holds a file the 903 does not
# name, which the command skips)
run validate 903 "$set903" --year 2026 --db "$T/none.db"
[ "$rc" -eq 1 ] || fail "kith validate exited $rc"
cp "$T/out" "$T/cli.csv"
line=$(grep ' findings (' "$T/err")
n=$(echo "$line" | sed 's/.*: \([0-9]*\) findings (\([0-9]*\) errors, \([0-9]*\) queries) from \([0-9]*\) rules.*/\1 \2 \3 \4/')
set -- $n
for kv in "Findings:$1" "Errors:$2" "Queries:$3" "Rules run:$4"; do
    grep -qF "<dt class=\"govuk-summary-list__key\">${kv%%:*}</dt><dd class=\"govuk-summary-list__value\">${kv#*:}</dd>" "$T/page" ||
        fail "the page does not show ${kv%%:*} ${kv#*:} as the command does"
    checks=$((checks + 1))
done

# shellcheck disable=SC2086
curl -s -D "$T/h" -o "$T/page.csv" -H "Cookie: $cookie" -H "Origin: $base" \
    -F "csrf=$csrf" -F type=903-csv -F year=2026 -F format=csv $files "$base/validate"
grep -qi '^Content-Disposition: attachment; filename="kith-findings-903-csv-2025-26.csv"' "$T/h" ||
    fail "no CSV attachment"
cmp -s "$T/page.csv" "$T/cli.csv" || fail "the page's CSV differs from the command's"
checks=$((checks + 2))

# same_counts: $page shows the counts the command's last run printed on stderr
same_counts() {
    n=$(grep ' findings (' "$T/err" | sed 's/.*: \([0-9]*\) findings (\([0-9]*\) errors, \([0-9]*\) queries) from \([0-9]*\) rules.*/\1 \2 \3 \4/')
    # shellcheck disable=SC2086
    set -- $n
    for kv in "Findings:$1" "Errors:$2" "Queries:$3" "Rules run:$4"; do
        grep -qF "<dt class=\"govuk-summary-list__key\">${kv%%:*}</dt><dd class=\"govuk-summary-list__value\">${kv#*:}</dd>" "$page" ||
            fail "the page does not show ${kv%%:*} ${kv#*:} as the command does"
        checks=$((checks + 1))
    done
}

# the year from the file, as the command without --year: the form's default, and for the
# CIN census its reference date (the sample's is 2022-07-21)
curl -s -H "Cookie: $cookie" "$base/validate" >"$T/out"
out_has '<option value="file" selected>From the file (CIN census: its reference date'
cin="$PEER_DIR/cin/fake_CIN_data.xml"
curl -s -o "$T/cinpage" -w '%{http_code}\n' -H "Cookie: $cookie" -H "Origin: $base" \
    -F "csrf=$csrf" -F type=cin -F year=file -F format=html -F "files=@$cin" \
    "$base/validate" >"$T/code"
grep -q '^200$' "$T/code" || fail "the CIN upload was answered $(cat "$T/code")"
grep -qF '2022/23, from the file&#39;s reference date 2022-07-21' "$T/cinpage" ||
    fail "the page does not say the year came from the reference date"
run validate cin "$cin" --db "$T/none.db"
[ "$rc" -eq 1 ] || fail "kith validate cin exited $rc"
page="$T/cinpage"
same_counts

# last year's return and the LA, as --last-year and --la
mkdir -p "$T/last"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,F,01/06/2010,WBRI,A123456789012,,\n' >"$T/last/header.csv"
# shellcheck disable=SC2086
curl -s -o "$T/lastpage" -w '%{http_code}\n' -H "Cookie: $cookie" -H "Origin: $base" \
    -F "csrf=$csrf" -F type=903-csv -F year=2026 -F format=html $files \
    -F "last_files=@$T/last/header.csv" -F la=E09000019 "$base/validate" >"$T/code"
grep -q '^200$' "$T/code" || fail "the upload with last year's was answered $(cat "$T/code")"
! grep -qF "needs the previous year" "$T/lastpage" || fail "a rule needing last year was not run"
grep -qF "needs the previous year" "$T/page" || fail "without last year's, no rule was listed as not run"
run validate 903 "$set903" --year 2026 --last-year "$T/last" --la E09000019 --db "$T/none.db"
[ "$rc" -eq 1 ] || fail "kith validate 903 --last-year exited $rc"
page="$T/lastpage"
same_counts
checks=$((checks + 5))

# past 64 MB: refused in words, and the server still answers
head -c $((64 * 1024 * 1024 + 1)) /dev/zero >"$T/big.csv"
curl -s -o "$T/out" -w '%{http_code}\n' -H "Cookie: $cookie" -H "Origin: $base" \
    -F "csrf=$csrf" -F type=903-csv -F year=2026 -F "files=@$T/big.csv;filename=header.csv" \
    "$base/validate" >"$T/code"
grep -q '^413$' "$T/code" || fail "64 MB and more was answered $(cat "$T/code")"
out_has "larger than 64 MB together"
# the room is only for a signed-in analyst: without a session, 2 MB (past a form's
# 1 MB) is not held for the page but answered with the sign-in page
head -c $((2 * 1024 * 1024)) /dev/zero >"$T/big.csv"
curl -s -o "$T/out" -w '%{http_code}\n' -H "Origin: $base" -F type=903-csv -F year=2026 \
    -F "files=@$T/big.csv;filename=header.csv" "$base/validate" >"$T/code"
grep -q '^401$' "$T/code" || fail "an upload without a session was answered $(cat "$T/code")"
out_has "Sign in"
rm -f "$T/big.csv"
curl -s -o /dev/null -w '%{http_code}\n' "$base/healthz" >"$T/code"
grep -q '^200$' "$T/code" || fail "the server stopped answering after a large upload"
checks=$((checks + 4))

sign_in sam.test
curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" "$base/validate" >"$T/code"
grep -q '^403$' "$T/code" || fail "a social worker was let in"
checks=$((checks + 1))

kill -TERM $pid
wait $pid || fail "kith serve exited $? after SIGTERM"
grep -qF 'route=/validate status=200' "$T/serve.err" || fail "no access log line"
! grep -qF 'episodes' "$T/serve.err" || fail "a file name was logged"
done_ok
