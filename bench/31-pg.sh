#!/bin/sh
# kith on PostgreSQL beside SQLite, in one run: the demo borough loaded into each, child
# lookups through the store, and the child record page under wrk (bench/30-http.sh with
# KITH_BENCH_DB). The PostgreSQL server is a throwaway cluster (tests/pg/cluster.sh: local
# socket, fsync off, so its write figures are a ceiling, not what a durable server gives).
# KITH_BENCH_PG_SCALE=100 also loads a country-sized borough into PostgreSQL and prints the
# time (about ten minutes; off by default). The returns made from live records (Annex A)
# come with a later issue; until then there is no return to time on either backend.
set -eu
build="$1"
scratch="$2"
here=$(cd "$(dirname "$0")" && pwd)
kith="$build/src/kith"
export KITH_TODAY=2026-03-31
[ -x /usr/lib/postgresql/15/bin/initdb ] || { echo "PostgreSQL 15 is not installed (scripts/deps)"; exit 0; }
chmod 755 "$scratch"
cat >"$scratch/inner.sh" <<INNER
set -eu
cd "$scratch"
url() { echo "postgresql:///\$1?host=\$PGHOST&user=\$PGUSER"; }
psql -qc "CREATE DATABASE kith_bench"
pg=\$(url kith_bench)
t0=\$(date +%s.%N)
"$kith" demo --db "\$pg" >/dev/null
t1=\$(date +%s.%N)
"$kith" demo --db "$scratch/lite.db" >/dev/null
t2=\$(date +%s.%N)
printf '%-44s %10s %10s\n' "" "SQLite" "PostgreSQL"
printf '%-44s %9.2fs %9.2fs\n' "kith demo (default borough)" \
    "\$(awk "BEGIN { print \$t2 - \$t1 }")" "\$(awk "BEGIN { print \$t1 - \$t0 }")"
lite=\$("$build/bench/bench_store_lookup" "$scratch/lite.db" 3 | awk '{print \$6}')
pgl=\$("$build/bench/bench_store_lookup" "\$pg" 3 | awk '{print \$6}')
printf '%-44s %10s %10s   ratio %s\n' "child lookups/s through the store" "\$lite" "\$pgl" \
    "\$(echo "\$pgl \$lite" | awk '{ printf "%.2f", \$1 / \$2 }')"
echo
echo "-- child record page on SQLite"
KITH_BENCH_OLD= KITH_BENCH_DB="$scratch/lite.db" sh "$here/30-http.sh" "$build" "$scratch"
echo
echo "-- child record page on PostgreSQL"
KITH_BENCH_OLD= KITH_BENCH_DB="\$pg" KITH_BENCH_PASSWORDS="$scratch/kith-demo.passwords" \
    sh "$here/30-http.sh" "$build" "$scratch"
echo
echo "returns and Annex A on PostgreSQL: none yet. kith makes no return from live records until"
echo "the returns issue; validating uploaded returns (bench/20, 21) does not touch the database."
if [ "\${KITH_BENCH_PG_SCALE:-}" ]; then
    psql -qc "CREATE DATABASE kith_scale"
    t0=\$(date +%s.%N)
    "$kith" demo --db "\$(url kith_scale)" --scale "\$KITH_BENCH_PG_SCALE" >/dev/null
    t1=\$(date +%s.%N)
    printf 'kith demo --scale %s on PostgreSQL: %.1fs, database %s\n' "\$KITH_BENCH_PG_SCALE" \
        "\$(awk "BEGIN { print \$t1 - \$t0 }")" "\$(psql -Atc "SELECT pg_size_pretty(pg_database_size('kith_scale'))")"
fi
INNER
sh "$here/../tests/pg/cluster.sh" sh "$scratch/inner.sh"
