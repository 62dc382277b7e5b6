/*
 * The SQLite backend: the embedded default store.
 *
 * Opening follows a fixed order so that a database kith must not touch is never
 * written: check the file exists (unless creating), open it, read its application id
 * and schema version (reads only), refuse a foreign, newer or read-only database, and
 * only then set the durability pragmas and apply the missing migrations in one
 * transaction. Statements are prepared once per connection from the `sql` table
 * (indexed by enum stmt_id) and reset after use; SQL is never assembled from values.
 */
#include <sqlite3.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "store/migrations.h"
#include "store/store_impl.h"

/* 'kith' in ASCII: marks a SQLite file as a kith database. */
#define KITH_APPLICATION_ID 0x6B697468
#define BUSY_TIMEOUT_MS 5000

/* Every statement the backend runs, one row each. */
#define SQLITE_STMTS(X)                                                                            \
    X(ST_BEGIN, "BEGIN IMMEDIATE")                                                                 \
    X(ST_COMMIT, "COMMIT")                                                                         \
    X(ST_ROLLBACK, "ROLLBACK")

enum stmt_id {
#define STMT_ENUM(id, sql) id,
    SQLITE_STMTS(STMT_ENUM)
#undef STMT_ENUM
        ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
#define STMT_SQL(id, sql) [id] = sql,
    SQLITE_STMTS(STMT_SQL)
#undef STMT_SQL
};

struct store_sqlite {
    struct store base; /* first: store_impl.h */
    sqlite3 *db;
    char *path;
    bool readonly;
    int version;
    sqlite3_stmt *stmt[ST_COUNT];
};

static struct store_sqlite *sq(struct store *s) { return (struct store_sqlite *)(void *)s; }

/* SQLite's primary result codes mapped onto kith's error list. */
static const struct {
    int rc;
    enum kerr_code code;
} rc_map[] = {
    {SQLITE_CORRUPT, KITH_E_DB_CORRUPT},
    {SQLITE_NOTADB, KITH_E_DB_CORRUPT},
    {SQLITE_READONLY, KITH_E_DB_READONLY},
    {SQLITE_BUSY, KITH_E_DB_BUSY},
    {SQLITE_LOCKED, KITH_E_DB_BUSY},
    {SQLITE_CONSTRAINT, KITH_E_CONFLICT},
    {SQLITE_FULL, KITH_E_IO},
    {SQLITE_IOERR, KITH_E_IO},
    {SQLITE_CANTOPEN, KITH_E_DB_OPEN},
    {SQLITE_TOOBIG, KITH_E_TOO_LARGE},
};

static enum kerr_code db_fail(struct store_sqlite *s, struct kerr *e, const char *what)
{
    int rc = sqlite3_errcode(s->db) & 0xff;
    enum kerr_code code = KITH_E_DB;
    for (size_t i = 0; i < sizeof(rc_map) / sizeof(rc_map[0]); i++)
        if (rc_map[i].rc == rc)
            code = rc_map[i].code;
    return kerr_fail(e, code, NULL, "%s: %s (database '%s')", what, sqlite3_errmsg(s->db), s->path);
}

/* The prepared statement for `id`, reset and with no bindings, or NULL on error. */
static sqlite3_stmt *stmt(struct store_sqlite *s, enum stmt_id id, struct kerr *e)
{
    if (!s->stmt[id] && sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                           &s->stmt[id], NULL) != SQLITE_OK) {
        db_fail(s, e, "preparing a statement");
        return NULL;
    }
    return s->stmt[id];
}

static void done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* Run a statement that returns no rows. */
static enum kerr_code exec_stmt(struct store_sqlite *s, enum stmt_id id, struct kerr *e,
                                const char *what)
{
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st)
        return e ? e->code : KITH_E_DB;
    int rc = sqlite3_step(st);
    done(st);
    return rc == SQLITE_DONE ? KITH_OK : db_fail(s, e, what);
}

/* Read one integer pragma or single-value query. */
static enum kerr_code query_int(struct store_sqlite *s, const char *sql, int *out, struct kerr *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, e, "reading the database header");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KITH_OK
                                                 : db_fail(s, e, "reading the database header");
}

static enum kerr_code exec_sql(struct store_sqlite *s, const char *sql, struct kerr *e,
                               const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return KITH_OK;
    sqlite3_free(msg);
    return db_fail(s, e, what);
}

static void sqlite_close(struct store *base)
{
    struct store_sqlite *s = sq(base);
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

static int sqlite_schema_version(struct store *base) { return sq(base)->version; }

static enum kerr_code sqlite_begin(struct store *base, struct kerr *e)
{
    return exec_stmt(sq(base), ST_BEGIN, e, "starting a transaction");
}

static enum kerr_code sqlite_commit(struct store *base, struct kerr *e)
{
    return exec_stmt(sq(base), ST_COMMIT, e, "committing");
}

static void sqlite_rollback(struct store *base)
{
    struct store_sqlite *s = sq(base);
    if (!sqlite3_get_autocommit(s->db))
        exec_stmt(s, ST_ROLLBACK, NULL, "rolling back");
}

static enum kerr_code sqlite_check(struct store *base, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, e, "checking the database");
    enum kerr_code rc = KITH_OK;
    int step = sqlite3_step(st);
    if (step != SQLITE_ROW)
        rc = db_fail(s, e, "checking the database");
    else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok"))
        rc = kerr_fail(e, KITH_E_DB_CORRUPT, NULL, "database '%s' is damaged: %s", s->path,
                       (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!rc && query_int(s, "PRAGMA foreign_key_check", &step, e) == KITH_OK && step)
        rc = kerr_fail(e, KITH_E_DB_CORRUPT, NULL,
                       "database '%s' has records that point at missing records", s->path);
    return rc;
}

/* Apply migrations after `from` in one transaction, recording each. */
static enum kerr_code migrate(struct store_sqlite *s, int from, struct kerr *e)
{
    enum kerr_code rc = exec_sql(s, "BEGIN IMMEDIATE", e, "starting the upgrade");
    if (rc)
        return rc;
    rc = exec_sql(s,
                  "CREATE TABLE IF NOT EXISTS kith_migration (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied TEXT NOT NULL DEFAULT (datetime('now')))",
                  e, "recording migrations");
    for (int i = from; !rc && i < migrations_count; i++) {
        const struct migration *m = &migrations[i];
        rc = exec_sql(s, m->common, e, m->name);
        if (!rc && m->sqlite)
            rc = exec_sql(s, m->sqlite, e, m->name);
        if (!rc) {
            sqlite3_stmt *st;
            if (sqlite3_prepare_v2(s->db, "INSERT INTO kith_migration(version, name) VALUES (?, ?)",
                                   -1, &st, NULL) != SQLITE_OK)
                rc = db_fail(s, e, "recording migrations");
            else {
                sqlite3_bind_int(st, 1, m->version);
                sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
                if (sqlite3_step(st) != SQLITE_DONE)
                    rc = db_fail(s, e, "recording migrations");
                sqlite3_finalize(st);
            }
        }
    }
    if (!rc) {
        char sql[96];
        snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
                 KITH_APPLICATION_ID, migrations_count);
        rc = exec_sql(s, sql, e, "recording the schema version");
    }
    if (!rc)
        rc = exec_sql(s, "COMMIT", e, "committing the upgrade");
    if (rc)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    else
        s->version = migrations_count;
    return rc;
}

static const struct store_ops sqlite_ops; /* filled at the end of the file */

/* Read the header and decide whether kith may use this database. */
static enum kerr_code vet(struct store_sqlite *s, bool created, struct kerr *e)
{
    int app = 0, version = 0, objects = 0;
    enum kerr_code rc = query_int(s, "PRAGMA application_id", &app, e);
    if (!rc)
        rc = query_int(s, "PRAGMA user_version", &version, e);
    if (!rc)
        rc = query_int(s, "SELECT count(*) FROM sqlite_schema", &objects, e);
    if (rc) {
        if (rc == KITH_E_DB_CORRUPT)
            kerr_fail(e, rc, NULL, "'%s' is not a kith database or is damaged", s->path);
        return rc;
    }
    if (app != KITH_APPLICATION_ID && (objects > 0 || (!created && version)))
        return kerr_fail(e, KITH_E_DB_OPEN, NULL,
                         "'%s' is a SQLite database but not a kith one; kith leaves it alone",
                         s->path);
    if (version > migrations_count)
        return kerr_fail(e, KITH_E_DB_NEWER, NULL,
                         "'%s' is at schema %d, written by a newer kith; this kith knows "
                         "schemas up to %d. Use the newer kith; the file was not changed",
                         s->path, version, migrations_count);
    if (version < migrations_count && s->readonly)
        return kerr_fail(e, KITH_E_DB_OPEN, NULL,
                         "'%s' is at schema %d and needs upgrading to %d: run a command that "
                         "writes (e.g. 'kith init') once",
                         s->path, version, migrations_count);
    s->version = version;
    return KITH_OK;
}

enum kerr_code store_sqlite_open(const char *path, unsigned flags, struct store **out,
                                 struct kerr *e)
{
    bool readonly = flags & STORE_READONLY;
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (!exists && !(flags & STORE_CREATE))
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "no database at '%s': create one with 'kith init' or 'kith demo'", path);
    /* Root may write any file, so a file with no write permission bits counts as
     * read-only too: its owner has said it must not change. */
    if (exists && !readonly && (access(path, W_OK) != 0 || !(st.st_mode & 0222)))
        return kerr_fail(e, KITH_E_DB_READONLY, "db",
                         "'%s' is read-only and this command writes to it; the file was not "
                         "changed",
                         path);

    struct store_sqlite *s = xcalloc(1, sizeof(*s));
    s->base.ops = &sqlite_ops;
    s->path = xstrdup(path);
    s->readonly = readonly;
    int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    enum kerr_code rc = KITH_OK;
    if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK) {
        rc = db_fail(s, e, "opening");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    /* Refuse schema tricks before reading anything the file defines. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    if (!readonly && sqlite3_db_readonly(s->db, "main") == 1) {
        rc = kerr_fail(e, KITH_E_DB_READONLY, "db",
                       "'%s' can only be opened read-only and this command writes to it", path);
        goto fail;
    }
    rc = vet(s, !exists, e);
    if (rc)
        goto fail;
    if (!readonly) {
        rc = exec_sql(s, "PRAGMA journal_mode = WAL", e, "setting the journal mode");
        if (rc)
            goto fail;
    }
    rc = exec_sql(s,
                  "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                  "PRAGMA trusted_schema = OFF",
                  e, "setting up the connection");
    if (!rc && !readonly && s->version < migrations_count)
        rc = migrate(s, s->version, e);
    if (rc)
        goto fail;
    *out = &s->base;
    return KITH_OK;
fail:
    sqlite_close(&s->base);
    if (!exists && !readonly)
        unlink(path); /* a failed create leaves nothing behind */
    return rc;
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sqlite_close,
    .schema_version = sqlite_schema_version,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .check = sqlite_check,
};
