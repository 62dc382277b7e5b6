/*
 * The SQLite backend, the embedded default store: opening (the order below), the
 * connection's pragmas, this process's connections per file and its writers' turn (the
 * locks), the statement cache, transactions, the mapping of SQLite's errors onto kith's,
 * the `run` op through which every statement written once goes (store_sql.h, store_rec.c),
 * the check, the migrations, and the ops table. The ops
 * themselves are written once for both backends (store_sql.h); what stays SQLite's own
 * lives in files named by what it does (store_sqlite_search.c, _copy.c).
 *
 * Opening follows a fixed order so that a database kith must not touch is never
 * written: check the file exists (unless creating), open it, read its application id
 * and schema version (reads only), refuse a foreign, newer or read-only database, and
 * only then set the durability pragmas and apply the missing migrations in one
 * transaction. Statements are prepared once per connection (store_sqlite_impl.h), kept
 * for the life of the connection and reset after use; SQL is never assembled from
 * values. Records read back are copied into the caller's arena before the statement is
 * reset. Outside a transaction, a write that takes several statements (a person and
 * their disabilities, a note and its index row) runs inside a transaction of its own, so
 * a failure leaves nothing behind; inside one, the caller rolls back.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "store/migrations.h"
#include "store/store_sql.h"
#include "store/store_sqlite_impl.h"

/* 'kith' in ASCII: marks a SQLite file as a kith database. */
#define KITH_APPLICATION_ID 0x6B697468
#define BUSY_TIMEOUT_MS 5000
/* A borough's working set (people, their indexes, recent notes) fits in memory: a page
 * cache of 64 MiB per connection (allocated as used) and, for a handle that reads alone,
 * reads through a memory map keep lookups off the read(2) path (STORE_BESIDE_WRITERS in
 * store.h says why a server's handles go without the map); temporary sorts stay in
 * memory. */
#define CACHE_PRAGMAS "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; "
#define MMAP_PRAGMA "PRAGMA mmap_size = 268435456"
#define NO_MMAP_PRAGMA "PRAGMA mmap_size = 0"

static struct store_sql begin_sql = SQ_SQL("BEGIN IMMEDIATE");
static struct store_sql commit_sql = SQ_SQL("COMMIT");
/* DEFERRED: no lock until the first read, and then a shared one; writers go on. */
static struct store_sql read_begin_sql = SQ_SQL("BEGIN DEFERRED");
static struct store_sql rollback_sql = SQ_SQL("ROLLBACK");

/* SQLite's result codes mapped onto kith's error list: extended codes first, so that a
 * broken CHECK or NOT NULL reads as invalid input rather than as a clash. */
static const struct {
    int rc;
    enum kerr_code code;
} rc_map[] = {
    {SQLITE_CONSTRAINT_CHECK, KITH_E_INVALID},
    {SQLITE_CONSTRAINT_NOTNULL, KITH_E_INVALID},
    {SQLITE_CONSTRAINT_FOREIGNKEY, KITH_E_INVALID}, /* as PostgreSQL's 23503 */
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

enum kerr_code sq_fail(struct store_sqlite *s, struct kerr *e, const char *what)
{
    int xrc = sqlite3_extended_errcode(s->db);
    enum kerr_code code = KITH_E_DB;
    for (size_t i = 0; i < sizeof(rc_map) / sizeof(rc_map[0]); i++)
        if (rc_map[i].rc == xrc || rc_map[i].rc == (xrc & 0xff)) {
            code = rc_map[i].code;
            break;
        }
    return kerr_fail(e, code, NULL, "%s: %s (database '%s')", what, sqlite3_errmsg(s->db), s->path);
}

/* SQL written once (store_sql.h) ends an insert of one row with RETURNING id, which
 * PostgreSQL needs to give the new id. SQLite answers RETURNING through a temporary table
 * made and dropped per execution, which doubled an insert's cost (kith demo: 40% more
 * CPU), so such a statement is prepared without it and run hands over the connection's
 * last rowid as the row. The length of `sql` to prepare, or 0 when it is not one. */
static size_t one_row_returning(const char *sql)
{
    static const char tail[] = ") RETURNING id";
    size_t n = strlen(sql), t = sizeof(tail) - 1;
    bool one = !strncmp(sql, "INSERT", 6) && n > t && !strcmp(sql + n - t, tail) &&
               strstr(sql, " VALUES (") && !strstr(sql, "ON CONFLICT") && !strstr(sql, "), (");
    return one ? n - t + 1 : 0;
}

/* The prepared statement for `id`, reset and with no bindings, or NULL on error. */
sqlite3_stmt *sq_stmt(struct store_sqlite *s, struct store_sql *q, struct kerr *e)
{
    int slot = store_sql_slot(q);
    if (slot >= STORE_SQL_MAX) {
        kerr_fail(e, KITH_E_INTERNAL, "db", "more than %d statements (raise STORE_SQL_MAX)",
                  STORE_SQL_MAX - 1);
        return NULL;
    }
    if (!s->gen)
        s->gen = xcalloc(STORE_SQL_MAX, sizeof(sqlite3_stmt *));
    size_t cut = s->gen[slot] ? 0 : one_row_returning(q->sql);
    if (!s->gen[slot] &&
        sqlite3_prepare_v3(s->db, q->sql, cut ? (int)cut : -1, SQLITE_PREPARE_PERSISTENT,
                           &s->gen[slot], NULL) != SQLITE_OK) {
        sq_fail(s, e, "preparing a statement");
        s->gen[slot] = NULL;
        return NULL;
    }
    return s->gen[slot];
}

/* The code for a statement that could not be prepared (sq_stmt() returned NULL). */
enum kerr_code sq_no_stmt(struct kerr *e) { return e && e->code ? e->code : KITH_E_DB; }

void sq_done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* Run a statement that returns no rows. */
enum kerr_code sq_exec_stmt(struct store_sqlite *s, struct store_sql *id, struct kerr *e,
                            const char *what)
{
    sqlite3_stmt *st = sq_stmt(s, id, e);
    if (!st)
        return sq_no_stmt(e);
    int rc = sqlite3_step(st);
    enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : sq_fail(s, e, what);
    sq_done(st);
    return code;
}

/* Read one integer pragma or single-value query. */
static enum kerr_code query_int(struct store_sqlite *s, const char *sql, int *out, struct kerr *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, e, "reading the database header");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    enum kerr_code code = rc == SQLITE_ROW || rc == SQLITE_DONE
                              ? KITH_OK
                              : sq_fail(s, e, "reading the database header");
    sqlite3_finalize(st);
    return code;
}

static enum kerr_code exec_sql(struct store_sqlite *s, const char *sql, struct kerr *e,
                               const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return KITH_OK;
    sqlite3_free(msg);
    return sq_fail(s, e, what);
}

/* Every database file this process has connections to, told apart by device and inode
 * (two paths to one file are one entry), with how many connections it has and the mutex
 * its writers queue on.
 *
 * The count keeps SQLite's locks. A POSIX advisory lock belongs to the process and the
 * file, not to a descriptor: close() of ANY descriptor on the file drops every lock the
 * process holds on it, each SQLite connection's included (SQLite's "How To Corrupt An
 * SQLite Database File", 2.2). A connection to a WAL database holds a shared lock on the
 * file for its whole life; with that lock gone, another process closing its own
 * connection believes it is the last one, checkpoints, and deletes the -wal and -shm
 * files this process still writes into: every later commit here is lost. So kith opens a
 * descriptor of its own on a database file (vet_header, making a new file) only while
 * the count is 0, and files_lock is held from reading the count until the new
 * connection is counted, so no other thread opens one in between. The count goes down
 * only after SQLite has closed the connection.
 *
 * Writers of one file queue on its mutex before they ask SQLite for its write lock. A
 * server has a connection per thread, and without this the thread that found the lock
 * taken could only poll for it (busy_wait below), idling the core meanwhile: under wrk
 * that put the child page's 99th percentile at 28 ms. With it the lock passes from one
 * writer to the next at once; busy_wait is left for writers in other processes (a CLI
 * command beside the server). An entry with no connections is reused for the next file
 * (nobody holds or points at its mutex then), so the list is as long as the most files
 * open at once. */
struct open_file {
    dev_t dev;
    ino_t ino;
    unsigned conns;
    pthread_mutex_t writer;
    struct open_file *next;
};
static struct open_file *open_files;
static pthread_mutex_t files_lock = PTHREAD_MUTEX_INITIALIZER;

/* The entry for the file with this identity, found, reused or made; files_lock held. */
static struct open_file *file_entry(const struct stat *st)
{
    struct open_file *idle = NULL;
    for (struct open_file *f = open_files; f; f = f->next) {
        if (f->dev == st->st_dev && f->ino == st->st_ino)
            return f;
        if (!f->conns && !idle)
            idle = f;
    }
    if (!idle) {
        idle = xcalloc(1, sizeof(*idle));
        pthread_mutex_init(&idle->writer, NULL);
        idle->next = open_files;
        open_files = idle;
    }
    idle->dev = st->st_dev;
    idle->ino = st->st_ino;
    return idle;
}

/* A connection to the file has been closed by SQLite. */
static void file_leave(struct open_file *f)
{
    pthread_mutex_lock(&files_lock);
    f->conns--;
    pthread_mutex_unlock(&files_lock);
}

/* Waiting for another connection's write. SQLite's own busy timeout sleeps in steps of
 * 1 to 100 ms, far longer than a write here takes (tens of microseconds), so under a
 * server's load a page that met a write waited milliseconds for nothing: the tail of the
 * latency was these sleeps. This waits 20 us at first, doubling to 1 ms, and gives up at
 * BUSY_TIMEOUT_MS as before. `n` is how many times SQLite has asked for this lock. */
static int busy_wait(void *ctx, int n)
{
    (void)ctx;
    static const long first_us = 20, most_us = 1000;
    long step = n < 6 ? first_us << n : most_us;
    /* the time waited so far: the doubling steps, then whole milliseconds */
    long waited = n < 6 ? first_us * ((1L << n) - 1) : first_us * 63 + (n - 6) * most_us;
    if (waited >= (long)BUSY_TIMEOUT_MS * 1000)
        return 0;
    struct timespec ts = {0, step * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

/* Start a write transaction: this process's turn first, then SQLite's lock. */
static enum kerr_code take_write(struct store_sqlite *s, struct kerr *e, const char *what)
{
    if (s->writer && !s->writing) {
        pthread_mutex_lock(s->writer);
        s->writing = true;
    }
    enum kerr_code rc = sq_exec_stmt(s, &begin_sql, e, what);
    if (rc && s->writing) {
        s->writing = false;
        pthread_mutex_unlock(s->writer);
    }
    return rc;
}

/* The transaction is over (committed or rolled back): the next writer's turn. */
static void give_write(struct store_sqlite *s)
{
    if (s->writer && s->writing && sqlite3_get_autocommit(s->db)) {
        s->writing = false;
        pthread_mutex_unlock(s->writer);
    }
}

/* --- all of a multi-statement write, or none of it --------------------------------
 * Outside a transaction the write gets one of its own, taken with BEGIN IMMEDIATE: the
 * server has a connection per thread, and a write that began by reading (the audit
 * trail reads its last row first) in a deferred transaction cannot wait for another
 * connection's write, SQLite refuses the upgrade at once (SQLITE_BUSY); an immediate one
 * queues on the busy timeout instead. Inside the caller's transaction nothing is opened:
 * the caller rolls back on failure (store.h), and a savepoint there costs far more than
 * the write: once a transaction has touched the FTS5 table, every later savepoint makes
 * FTS5 write its pending index to disk (a new segment each time, merged again later),
 * which made a borough's bulk load ten times slower. */

/* Start a write; `*wrapped` says whether a transaction was opened for sq_write_end(). */
enum kerr_code sq_write_begin(struct store_sqlite *s, bool *wrapped, struct kerr *e)
{
    *wrapped = sqlite3_get_autocommit(s->db) != 0;
    return *wrapped ? take_write(s, e, "starting a write") : KITH_OK;
}

/* Keep the write when `rc` is KITH_OK, undo it otherwise; returns the outcome. */
enum kerr_code sq_write_end(struct store_sqlite *s, bool wrapped, enum kerr_code rc, struct kerr *e)
{
    if (!wrapped)
        return rc;
    if (!rc)
        rc = sq_exec_stmt(s, &commit_sql, e, "finishing a write");
    if (rc && !sqlite3_get_autocommit(s->db))
        sq_exec_stmt(s, &rollback_sql, NULL, "undoing a write");
    give_write(s);
    return rc;
}

/* --- binding values: NULL is NULL ---------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* --- transactions and durability --------------------------------------------------- */

static enum kerr_code sqlite_bulk(struct store *base, bool on, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    char sql[160];
    /* Random keys (public ids) and name indexes are written all over their B-trees; with
     * the everyday cache a country-sized load spends its time re-reading index pages. */
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %d; PRAGMA synchronous = %s",
             on ? -STORE_BULK_CACHE_MB * 1024 : -65536, on ? "NORMAL" : "FULL");
    return exec_sql(s, sql, e, "setting up a bulk load");
}

static struct store_sql sync_normal_sql = SQ_SQL("PRAGMA synchronous = NORMAL");
static struct store_sql sync_full_sql = SQ_SQL("PRAGMA synchronous = FULL");

/* A write outside a transaction that commits with synchronous=NORMAL: in WAL mode durable
 * across a crash of kith, not of the machine (store_impl.h, relax). The pragma cannot
 * change inside a transaction, and a read-only handle writes nothing. */
static enum kerr_code sqlite_relax(struct store *base, bool on, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    if (!sqlite3_get_autocommit(s->db) || s->readonly)
        return KITH_OK;
    return sq_exec_stmt(s, on ? &sync_normal_sql : &sync_full_sql, e, "writing the audit trail");
}

/* --- generic statements (the record layer, store_rec.c) ---------------------------- */

static enum kerr_code sqlite_write_begin(struct store *base, bool *wrapped, struct kerr *e)
{
    return sq_write_begin(sq(base), wrapped, e);
}
static enum kerr_code sqlite_write_end(struct store *base, bool wrapped, enum kerr_code rc,
                                       struct kerr *e)
{
    return sq_write_end(sq(base), wrapped, rc, e);
}

static enum kerr_code sqlite_exec(struct store *base, const char *sql, struct kerr *e)
{
    return exec_sql(sq(base), sql, e, "running SQL");
}

/* Run a generic statement. A write outside the caller's transaction takes this file's
 * writer turn and BEGIN IMMEDIATE like every other write here (write_begin says why). */
/* What a failed step broke (store_impl.h, store_broke): SQLite names a unique key after
 * "constraint failed: " in the words store_broke uses, and never which reference. */
static void note_broke(struct store_sqlite *s)
{
    struct store_broke *b = &s->base.broke;
    int xrc = sqlite3_extended_errcode(s->db);
    const char *key = strstr(sqlite3_errmsg(s->db), "constraint failed: ");
    if (xrc == SQLITE_CONSTRAINT_UNIQUE || xrc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        b->kind = STORE_BROKE_UNIQUE;
        snprintf(b->key, sizeof(b->key), "%s", key ? key + strlen("constraint failed: ") : "");
    } else if (xrc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        b->kind = STORE_BROKE_REF;
    }
}

static enum kerr_code sqlite_run(struct store *base, struct store_sql *q,
                                 const struct store_params *p, store_row_fn *row, void *ctx,
                                 int64_t *changed, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    const char *doing = base->doing ? base->doing : "running a statement";
    base->broke = (struct store_broke){0};
    sqlite3_stmt *st = sq_stmt(s, q, e);
    if (!st)
        return sq_no_stmt(e);
    for (size_t i = 0; p && i < p->n; i++) {
        if (p->whole >> i & 1)
            sqlite3_bind_int64(st, (int)i + 1, p->i[i]);
        else
            bind_text(st, (int)i + 1, p->v[i]);
    }
    bool wrapped = false;
    enum kerr_code rc = KITH_OK;
    if (!sqlite3_stmt_readonly(st))
        rc = sq_write_begin(s, &wrapped, e);
    int cols = sqlite3_column_count(st), step = SQLITE_DONE;
    const char *v[STORE_COLS_MAX];
    size_t len[STORE_COLS_MAX];
    char num[STORE_COLS_MAX][24];
    if (cols > STORE_COLS_MAX)
        rc = kerr_fail(e, KITH_E_INTERNAL, "db", "a statement reading %d columns", cols);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < cols; c++) {
            /* One call into the statement per column, the value read from what it gives
             * (safe: a connection is one thread's at a time, store.h). Whole numbers are
             * written here: SQLite's own text for one is a heap copy per column per row,
             * and ids are most of what a list reads. */
            sqlite3_value *val = sqlite3_column_value(st, c);
            if (q->ints && sqlite3_value_type(val) == SQLITE_INTEGER) {
                v[c] = store_int_mark;
                len[c] = (size_t)sqlite3_value_int64(val);
            } else if (sqlite3_value_type(val) == SQLITE_INTEGER) {
                len[c] = store_i64_text(sqlite3_value_int64(val), num[c]);
                v[c] = num[c];
            } else {
                v[c] = (const char *)sqlite3_value_text(val);
                len[c] = (size_t)sqlite3_value_bytes(val);
            }
        }
        if (row)
            rc = row(ctx, v, len, e);
    }
    if (!rc && step != SQLITE_DONE) {
        note_broke(s);
        rc = sq_fail(s, e, doing);
    }
    if (!rc && row && cols == 0 && one_row_returning(q->sql)) { /* the id RETURNING gives */
        len[0] = store_i64_text(sqlite3_last_insert_rowid(s->db), num[0]);
        v[0] = num[0];
        rc = row(ctx, v, len, e);
    }
    if (!rc && changed)
        *changed = sqlite3_changes64(s->db);
    sq_done(st);
    return sq_write_end(s, wrapped, rc, e);
}

/* --- opening and the connection ------------------------------------------------------ */

static const struct store_ops sqlite_ops; /* filled at the end of the file */

static void sqlite_close(struct store *base)
{
    struct store_sqlite *s = sq(base);
    if (s->db) { /* NULL when the open failed before SQLite was asked */
        if (!sqlite3_get_autocommit(s->db))
            sq_exec_stmt(s, &rollback_sql, NULL, "rolling back");
        give_write(s);
    }
    sqlite3_finalize(s->copy_insert);
    for (int i = 0; s->gen && i < STORE_SQL_MAX; i++)
        sqlite3_finalize(s->gen[i]);
    free(s->gen);
    sqlite3_close_v2(s->db);
    if (s->file)
        file_leave(s->file);
    free(s->path);
    free(s);
}

static int sqlite_schema_version(struct store *base) { return sq(base)->version; }

static enum kerr_code sqlite_begin(struct store *base, struct kerr *e)
{
    return take_write(sq(base), e, "starting a transaction");
}

static enum kerr_code sqlite_commit(struct store *base, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = sq_exec_stmt(s, &commit_sql, e, "committing");
    give_write(s); /* only if the commit ended it; else the caller rolls back */
    return rc;
}

static enum kerr_code sqlite_read_begin(struct store *base, bool *opened, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    if (!sqlite3_get_autocommit(s->db))
        return KITH_OK; /* the caller's transaction is the snapshot already */
    enum kerr_code rc = sq_exec_stmt(s, &read_begin_sql, e, "starting a read");
    *opened = rc == KITH_OK;
    return rc;
}

static void sqlite_read_end(struct store *base)
{
    struct store_sqlite *s = sq(base);
    /* A read-only transaction has nothing to lose: if COMMIT fails, ROLLBACK ends it. */
    if (sq_exec_stmt(s, &commit_sql, NULL, "finishing a read") != KITH_OK &&
        !sqlite3_get_autocommit(s->db))
        sq_exec_stmt(s, &rollback_sql, NULL, "finishing a read");
}

static void sqlite_rollback(struct store *base)
{
    struct store_sqlite *s = sq(base);
    if (!sqlite3_get_autocommit(s->db))
        sq_exec_stmt(s, &rollback_sql, NULL, "rolling back");
    give_write(s);
}

/* People whose copy of their disability codes is not their rows' codes in order. */
#define DISABILITIES_DIFFER                                                                        \
    "SELECT count(*) FROM person p WHERE p.disabilities IS NOT (SELECT group_concat(code, ',') "   \
    "FROM (SELECT d.code FROM person_disability d WHERE d.person_id = p.id ORDER BY d.code))"

/* integrity_check and foreign_key_check; the first problems found (after SQLite's
 * "*** in database main ***" heading) go into one message. */
static enum kerr_code sqlite_check(struct store *base, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check(4)", -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, e, "checking the database");
    struct str found = STR_INIT;
    str_init(&found, 300);
    int rc;
    for (;;) {
        rc = sqlite3_step(st);
        if (rc != SQLITE_ROW)
            break;
        /* One row may hold several problems, a line each. */
        const char *text = (const char *)sqlite3_column_text(st, 0);
        for (const char *line = text; line && *line;) {
            size_t n = strcspn(line, "\n");
            if (strncmp(line, "ok", n > 2 ? n : 2) != 0 && strncmp(line, "***", 3) != 0)
                str_addf(&found, "%s%.*s", found.len ? "; " : "", (int)n, line);
            line += n + (line[n] == '\n');
        }
    }
    enum kerr_code code = KITH_OK;
    if (rc != SQLITE_DONE)
        code = sq_fail(s, e, "checking the database");
    else if (found.len || found.overflow)
        code = kerr_fail(e, KITH_E_DB_CORRUPT, NULL, "database '%s' is damaged: %s", s->path,
                         found.buf);
    sqlite3_finalize(st);
    str_release(&found);
    int broken = 0;
    if (!code)
        code = query_int(s, "SELECT count(*) FROM pragma_foreign_key_check", &broken, e);
    if (!code && broken)
        code = kerr_fail(e, KITH_E_DB_CORRUPT, NULL,
                         "database '%s' has records that point at missing records", s->path);
    int differ = 0;
    if (!code)
        code = query_int(s, DISABILITIES_DIFFER, &differ, e);
    if (!code && differ)
        code = kerr_fail(e, KITH_E_DB_CORRUPT, NULL,
                         "database '%s': the disabilities of %d people disagree with their "
                         "disability rows",
                         s->path, differ);
    return code;
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
                rc = sq_fail(s, e, "recording migrations");
            else {
                sqlite3_bind_int(st, 1, m->version);
                sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
                if (sqlite3_step(st) != SQLITE_DONE)
                    rc = sq_fail(s, e, "recording migrations");
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

/* Whether kith may use a database with this application id, schema version and count
 * of schema objects. One decision for both readings of the header below. */
static enum kerr_code decide(const char *path, uint32_t app, uint32_t version, bool objects,
                             bool created, bool readonly, struct kerr *e)
{
    if (app != KITH_APPLICATION_ID && (objects || (!created && version)))
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "'%s' is a SQLite database but not a kith one; kith leaves it alone",
                         path);
    if (version > (uint32_t)migrations_count)
        return kerr_fail(e, KITH_E_DB_NEWER, "db",
                         "'%s' is at schema %u, written by a newer kith; this kith knows "
                         "schemas up to %d. Use the newer kith; the file was not changed",
                         path, version, migrations_count);
    if (version < (uint32_t)migrations_count && readonly)
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "'%s' is at schema %u and needs upgrading to %d: run a command that "
                         "writes (e.g. 'kith init') once",
                         path, version, migrations_count);
    return KITH_OK;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Read the file's first bytes (SQLite's documented file format) before SQLite opens it,
 * so that a file kith refuses is never opened by SQLite at all: even a read-only SQLite
 * connection leaves -wal and -shm files beside a WAL database. Page 1 holds the schema
 * table; an interior page or a leaf with cells means the file defines objects. Refuses
 * only on plain evidence; the reading through SQLite (vet) decides the rest, and also
 * sees changes still in a -wal file. Called only while no connection of this process has
 * the file open: its fclose() would drop their locks (open_files). */
static enum kerr_code vet_header(const char *path, bool readonly, struct kerr *e)
{
    unsigned char h[108];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return KITH_OK; /* SQLite says why it cannot open it */
    size_t n = fread(h, 1, sizeof(h), fp);
    fclose(fp);
    if (n == 0)
        return KITH_OK; /* an empty file becomes a new database */
    if (n < sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0)
        return kerr_fail(e, KITH_E_DB_CORRUPT, "db",
                         "'%s' is not a kith database (not a SQLite file) or is damaged", path);
    bool objects = h[100] != 0x0D || h[103] || h[104];
    /* With a -wal file beside it, an older version here is no evidence: the upgrade may
     * still be in the -wal, where only SQLite sees it (another kith holding the database
     * open has not copied it back yet). Then "needs upgrading" is for vet() to say. */
    char wal[PATH_MAX];
    bool pending =
        snprintf(wal, sizeof wal, "%s-wal", path) < (int)sizeof wal && access(wal, F_OK) == 0;
    return decide(path, be32(h + 68), be32(h + 60), objects, false, readonly && !pending, e);
}

/* Read the header through SQLite and decide whether kith may use this database. */
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
            kerr_fail(e, rc, "db", "'%s' is not a kith database or is damaged", s->path);
        return rc;
    }
    rc = decide(s->path, (uint32_t)app, (uint32_t)version, objects > 0, created, s->readonly, e);
    if (!rc)
        s->version = version;
    return rc;
}

/* Process-wide settings, made once before SQLite first starts. Memory statistics cost a
 * global mutex on every allocation, about a tenth of a lookup by id; kith never reads
 * them. Fails harmlessly if SQLite was started already. */
static pthread_once_t configured = PTHREAD_ONCE_INIT;
static void configure(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* Make the database file before SQLite does, so that it is the owner's alone (0600):
 * SQLite makes a new file 0644 less the umask, and gives its -wal and -shm the mode of
 * the database file. O_EXCL: a file another process made meanwhile is opened as found.
 * Closing this descriptor is safe: the file is new, so no connection has it open. */
static enum kerr_code make_file(const char *path, struct stat *st, bool *made, struct kerr *e)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST && stat(path, st) == 0)
        return KITH_OK;
    if (fd < 0)
        return kerr_fail(e, KITH_E_DB_OPEN, "db", "cannot create '%s': %s", path, strerror(errno));
    *made = fstat(fd, st) == 0;
    close(fd);
    if (!*made) {
        unlink(path);
        return kerr_fail(e, KITH_E_DB_OPEN, "db", "cannot create '%s'", path);
    }
    return KITH_OK;
}

/* Find or make the file, vet its header if no connection of this process has it open,
 * and open the connection, counted in open_files (the comment there says why all of this
 * happens under files_lock). `made` says the file is new (and empty). */
static enum kerr_code connect_file(struct store_sqlite *s, unsigned flags, bool *made,
                                   struct kerr *e)
{
    const char *path = s->path;
    struct stat st;
    enum kerr_code rc = KITH_OK;
    pthread_mutex_lock(&files_lock);
    if (stat(path, &st) != 0) {
        if (flags & STORE_CREATE)
            rc = make_file(path, &st, made, e);
        else
            rc = kerr_fail(e, KITH_E_DB_OPEN, "db",
                           "no database at '%s': create one with 'kith init' or 'kith demo'", path);
    } else if (!s->readonly && (access(path, W_OK) != 0 || !(st.st_mode & 0222))) {
        /* Root may write any file, so a file with no write permission bits counts as
         * read-only too: its owner has said it must not change. */
        rc = kerr_fail(e, KITH_E_DB_READONLY, "db",
                       "'%s' is read-only and this command writes to it; the file was not "
                       "changed",
                       path);
    }
    struct open_file *f = rc ? NULL : file_entry(&st);
    if (f && !*made && !f->conns)
        rc = vet_header(path, s->readonly, e);
    if (!rc) {
        /* Counted before SQLite opens its descriptor, which a failed open may leave
         * open until sqlite_close. */
        s->file = f;
        f->conns++;
        /* No connection mutex: a store is used by one thread at a time (store.h), and
         * its statement table could not be shared anyway. */
        int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
                     (s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
        if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK)
            rc = sq_fail(s, e, "opening");
    }
    pthread_mutex_unlock(&files_lock);
    return rc;
}

enum kerr_code store_sqlite_open(const char *path, unsigned flags, struct store **out,
                                 struct kerr *e)
{
    struct store_sqlite *s = xcalloc(1, sizeof(*s));
    s->base.ops = &sqlite_ops;
    s->path = xstrdup(path);
    s->readonly = flags & STORE_READONLY;
    bool readonly = s->readonly, made = false;
    pthread_once(&configured, configure);
    enum kerr_code rc = connect_file(s, flags, &made, e);
    if (rc)
        goto fail;
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, busy_wait, NULL);
    s->writer = readonly ? NULL : &s->file->writer;
    /* Refuse schema tricks before reading anything the file defines. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    if (!readonly && sqlite3_db_readonly(s->db, "main") == 1) {
        rc = kerr_fail(e, KITH_E_DB_READONLY, "db",
                       "'%s' can only be opened read-only and this command writes to it", path);
        goto fail;
    }
    rc = vet(s, made, e);
    if (rc)
        goto fail;
    if (!readonly) {
        rc = exec_sql(s, "PRAGMA journal_mode = WAL", e, "setting the journal mode");
        if (rc)
            goto fail;
    }
    rc = exec_sql(s,
                  "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                  "PRAGMA trusted_schema = OFF; " CACHE_PRAGMAS,
                  e, "setting up the connection");
    if (!rc)
        rc = exec_sql(s, flags & STORE_BESIDE_WRITERS ? NO_MMAP_PRAGMA : MMAP_PRAGMA, e,
                      "setting up the connection");
    if (!rc && !readonly && s->version < migrations_count)
        rc = migrate(s, s->version, e);
    if (rc)
        goto fail;
    *out = &s->base;
    return KITH_OK;
fail:
    sqlite_close(&s->base);
    if (made)
        unlink(path); /* a failed create leaves nothing behind */
    return rc;
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .dialect = &(const struct store_dialect){.param = '?',
                                             .json_body = "body",
                                             .note_index = &sqlite_note_index_sql,
                                             .note_search = &sqlite_note_search_sql,
                                             .note_match = sqlite_note_match,
                                             .table_names = &sqlite_table_names_sql,
                                             .table_columns = &sqlite_table_columns_sql,
                                             .byte_order = ""},
    .close = sqlite_close,
    .schema_version = sqlite_schema_version,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .read_begin = sqlite_read_begin,
    .read_end = sqlite_read_end,
    .check = sqlite_check,
    .run = sqlite_run,
    .write_begin = sqlite_write_begin,
    .exec = sqlite_exec,
    .write_end = sqlite_write_end,
    .bulk = sqlite_bulk,
    .relax = sqlite_relax,
    .table_write = sqlite_table_write,
    .table_done = sqlite_table_done,
};
