#!/bin/sh
# libpq and libmicrohttpd are loaded only by the commands that use them (core/dynlib.h):
# kith links neither, a SQLite command never maps them (the loader's own trace, with
# LD_DEBUG=files, which also shows a dlopen), a postgresql:// database loads libpq and kith
# serve loads libmicrohttpd. A missing library is a plain message and the exit status of
# an unreachable server (or of a server that cannot listen), never a crash; the tests name
# a library that is not there through KITH_TEST_LIBPQ / KITH_TEST_LIBMICROHTTPD.
. "$(dirname "$0")/lib.sh"

# loaded: LD_DEBUG=files CMD... leaves the loader's trace of every file opened in $T/err
traced() { set +e; LD_DEBUG=files "$KITH" "$@" >"$T/out" 2>"$T/err"; rc=$?; set -e; checks=$((checks + 1)); }
err_lacks() { ! grep -qF -- "$1" "$T/err" || fail "stderr has '$1'"; }

ldd "$KITH" >"$T/out" || fail "ldd failed"
for lib in libpq libmicrohttpd libgnutls libkrb5 libldap libsasl2 libssl; do
    out_lacks "$lib"
done
out_has "libsqlite3" # the check above reads a real ldd listing

# SQLite commands: neither library, nor anything they would pull in
for cmd in "version" "init --db $T/k.db" "team list --db $T/k.db"; do
    # shellcheck disable=SC2086 # the command's words
    traced $cmd
    [ "$rc" -eq 0 ] || fail "kith $cmd exited $rc"
    grep -qF "file=libsqlite3.so" "$T/err" || fail "no loader trace for kith $cmd"
    err_lacks "file=libpq"
    err_lacks "file=libmicrohttpd"
    err_lacks "file=libgnutls"
done

# A PostgreSQL database loads libpq (here an unreachable one: the load comes first)
url="postgresql://kith:s3cret@127.0.0.1:1/kith?connect_timeout=2"
traced team list --db "$url"
[ "$rc" -eq 10 ] || fail "unreachable server: exit $rc, expected 10"
grep -qF "file=libpq.so.5" "$T/err" || fail "libpq was not loaded for a postgresql:// database"
err_has "cannot connect to PostgreSQL at 127.0.0.1 port 1"
err_lacks "file=libmicrohttpd"

# libpq missing: the same exit status as an unreachable server, saying what to install
set +e
KITH_TEST_LIBPQ=libpq-not-installed.so.5 "$KITH" team list --db "$url" >"$T/out" 2>"$T/err"
rc=$?
set -e
checks=$((checks + 1))
[ "$rc" -eq 10 ] || fail "libpq missing: exit $rc, expected 10"
err_has "PostgreSQL support needs libpq5, which could not be loaded (libpq-not-installed.so.5"
err_has "apt install libpq5"
err_lacks "s3cret"
# a library that is there but is not libpq: named with the first function it lacks
set +e
KITH_TEST_LIBPQ=libsqlite3.so.0 "$KITH" init --db "$url" >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 10 ] || fail "not libpq: exit $rc, expected 10"
err_has "libsqlite3.so.0 has no function PQ"

# kith serve loads libmicrohttpd when it starts listening
port=$((20000 + ($$ + 7) % 20000))
LD_DEBUG=files "$KITH" serve --db "$T/k.db" --listen "127.0.0.1:$port" >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
i=0
until grep -q "http.listening" "$T/serve.err" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { kill $pid; fail "server did not start"; }
    sleep 0.1
done
kill -TERM $pid
wait $pid || fail "kith serve exited $? after SIGTERM"
grep -qF "file=libmicrohttpd.so.12" "$T/serve.err" || fail "serve did not load libmicrohttpd"
grep -qF "file=libpq" "$T/serve.err" && fail "serve on SQLite loaded libpq"
checks=$((checks + 2))

# libmicrohttpd missing: serve says what to install and exits as when it cannot listen
set +e
KITH_TEST_LIBMICROHTTPD=libmicrohttpd-not-installed.so.12 "$KITH" serve --db "$T/k.db" \
    --listen "127.0.0.1:$port" >"$T/out" 2>"$T/err"
rc=$?
set -e
checks=$((checks + 1))
[ "$rc" -eq 8 ] || fail "libmicrohttpd missing: exit $rc, expected 8"
err_has "the web server needs libmicrohttpd12, which could not be loaded (libmicrohttpd-not-installed.so.12"
err_has "apt install libmicrohttpd12"

done_ok
