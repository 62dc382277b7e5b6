/*
 * Fresh databases for the store and HTTP tests (testdb.h): a temporary directory always,
 * and on PostgreSQL a database of its own per test, made on an admin connection to the
 * server that KITH_TEST_DB_URL names and dropped afterwards.
 */
#include "testdb.h"

#include <dirent.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int serial;

bool testdb_pg(void)
{
    const char *u = getenv("KITH_TEST_DB_URL");
    return u && *u;
}

static int pg_exec_on(const char *url, const char *sql, bool quiet)
{
    PGconn *c = PQconnectdb(url);
    int bad = PQstatus(c) != CONNECTION_OK;
    if (!bad) {
        PGresult *r = PQexec(c, sql);
        bad = PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK;
        if (bad && !quiet)
            fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(c));
        PQclear(r);
    } else {
        fprintf(stderr, "testdb: cannot connect: %s", PQerrorMessage(c));
    }
    PQfinish(c);
    return bad ? -1 : 0;
}

static int admin_exec(const char *sql)
{
    return pg_exec_on(getenv("KITH_TEST_DB_URL"), sql, false);
}

int testdb_sql(const struct testdb *t, const char *sql)
{
    if (t->name[0]) {
        return pg_exec_on(t->location, sql, true);
    }
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\" 2>/dev/null", t->location, sql);
    return system(cmd) == 0 ? 0 : -1;
}

int testdb_make(struct testdb *t)
{
    memset(t, 0, sizeof(*t));
    snprintf(t->dir, sizeof(t->dir), "%s", "/tmp/kith-test-XXXXXX");
    if (!mkdtemp(t->dir))
        return -1;
    if (!testdb_pg()) {
        snprintf(t->location, sizeof(t->location), "%s/kith.db", t->dir);
        return 0;
    }
    /* A PostgreSQL database has no file to keep its audit key beside: each test's goes in
     * its directory, for every store opened after this. */
    char key[128];
    snprintf(key, sizeof(key), "%s/audit.key", t->dir);
    setenv("KITH_AUDIT_KEY", key, 1);
    snprintf(t->name, sizeof(t->name), "kith_t%d_%d", (int)getpid(), serial++);
    char sql[128];
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", t->name);
    if (admin_exec(sql))
        return -1;
    /* the server's URL with the database swapped: postgresql:///NAME?host=...&user=... */
    const char *base = getenv("KITH_TEST_DB_URL"), *q = strchr(base, '?');
    snprintf(t->location, sizeof(t->location), "postgresql:///%s%s", t->name, q ? q : "");
    return 0;
}

void testdb_drop(struct testdb *t)
{
    if (t->name[0]) {
        char sql[128];
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->name);
        admin_exec(sql);
    }
    DIR *d = opendir(t->dir);
    if (!d)
        return;
    const struct dirent *de;
    char p[400];
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(p, sizeof(p), "%s/%s", t->dir, de->d_name);
        chmod(p, 0600);
        unlink(p);
    }
    closedir(d);
    rmdir(t->dir);
}
