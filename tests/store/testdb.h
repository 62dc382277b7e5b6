/*
 * Where a store test keeps its database: a SQLite file in a fresh temporary directory,
 * or, when KITH_TEST_DB_URL names a PostgreSQL server (tests/pg/cluster.sh sets it), a
 * fresh database on that server. The same test source then runs on both backends.
 */
#ifndef KITH_TESTS_TESTDB_H
#define KITH_TESTS_TESTDB_H

#include <stdbool.h>
#include <stddef.h>

struct testdb {
    char dir[64];       /* the temporary directory (both backends use it for side files) */
    char location[512]; /* what store_open takes */
    char name[64];      /* the PostgreSQL database, "" on SQLite */
};

/* True when the tests run against PostgreSQL. */
bool testdb_pg(void);
/* Make a fresh, empty database; 0 on success. */
int testdb_make(struct testdb *t);
/* Run SQL on the database behind kith's back (sqlite3's shell or a libpq connection),
 * as someone with the file or the server would; 0 when it succeeded. */
int testdb_sql(const struct testdb *t, const char *sql);
/* Drop it (PostgreSQL) and remove the directory with everything in it. */
void testdb_drop(struct testdb *t);

#endif
