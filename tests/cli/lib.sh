# Shared helpers for the CLI tests (tests/cli/tNNNN-*.sh). Each test runs the built
# binary ($KITH) in a fresh temporary directory, and stops at the first failed check.
set -eu
: "${KITH:?KITH must name the kith binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/kith-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export KITH_DB="$T/kith.db"
checks=0

fail() { echo "FAIL: $*" >&2; [ -f "$T/out" ] && { echo "--- stdout:" >&2; cat "$T/out" >&2; }; [ -f "$T/err" ] && { echo "--- stderr:" >&2; cat "$T/err" >&2; }; exit 1; }

# run CMD...: run kith, keep stdout in $T/out, stderr in $T/err and the status in $rc.
run() { set +e; "$KITH" "$@" >"$T/out" 2>"$T/err"; rc=$?; set -e; checks=$((checks + 1)); }
# ok CMD...: kith must succeed.
ok() { run "$@"; [ "$rc" -eq 0 ] || fail "kith $* exited $rc"; }
# status N CMD...: kith must exit with status N.
status() { want=$1; shift; run "$@"; [ "$rc" -eq "$want" ] || fail "kith $* exited $rc, expected $want"; }
# out_has TEXT / err_has TEXT / out_lacks TEXT: fixed-string checks on the last run.
out_has() { grep -qF -- "$1" "$T/out" || fail "stdout lacks '$1'"; }
err_has() { grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1'"; }
out_lacks() { ! grep -qF -- "$1" "$T/out" || fail "stdout has '$1'"; }
out_is() { printf '%s\n' "$1" | cmp -s - "$T/out" || fail "stdout is not '$1'"; }
done_ok() { echo "ok: $checks checks"; }
