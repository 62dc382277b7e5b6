/*
 * The PostgreSQL backend: the same ops table as store_sqlite.c, through libpq. It is
 * filled op by op; an op not here yet is a NULL entry, which store.c turns into a clean
 * "cannot do ... yet" error. One connection per store handle: a server gives each worker
 * thread its own handle (docs/postgresql.md), so a transaction always stays on its own
 * connection. Statements are prepared once per connection by name, parameters are sent
 * separately from the SQL (never spliced in). The schema version is kept in kith_meta,
 * because PostgreSQL has no user_version; the same numbered migrations run as on SQLite,
 * with their .pg.sql parts.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/migrations.h"
#include "store/store_pg_impl.h"
#include "store/store_sql.h"

/* The server's words for why, trimmed of its trailing newline. */
static const char *pg_why(PGconn *c, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", c ? PQerrorMessage(c) : "no connection");
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    return buf;
}

/* What a failed statement broke, in SQLite's words (store_impl.h, store_broke), from the
 * constraint's name as PostgreSQL makes it: "<table>_<column>_key" for a unique column,
 * "<table>_<column>_fkey" for a reference, "<table>_pkey"; any other name is an index of
 * kith's own, on an expression. (The DETAIL line names the columns too, but a role without
 * the right to read them is not shown it.) */
static void note_broke(struct store_pg *s, const char *state, const char *table)
{
    struct store_broke *b = &s->base.broke;
    *b = (struct store_broke){0};
    bool unique = state && !strcmp(state, "23505"), ref = state && !strcmp(state, "23503");
    if ((!unique && !ref) || !table)
        return;
    b->kind = unique ? STORE_BROKE_UNIQUE : STORE_BROKE_REF;
    const char *c = s->constraint, *suffix = unique ? "_key" : "_fkey";
    size_t nt = strlen(table), nc = strlen(c), ns = strlen(suffix);
    if (unique && nc == nt + 5 && !strncmp(c, table, nt) && !strcmp(c + nt, "_pkey"))
        snprintf(b->key, sizeof(b->key), "%s.id", table);
    else if (nc > nt + 1 + ns && !strncmp(c, table, nt) && c[nt] == '_' &&
             !strcmp(c + nc - ns, suffix))
        snprintf(b->key, sizeof(b->key), "%s.%.*s", table, (int)(nc - nt - 1 - ns), c + nt + 1);
    else if (unique)
        snprintf(b->key, sizeof(b->key), "index '%s'", c);
}

enum kerr_code pg_fail(struct store_pg *s, const PGresult *r, struct kerr *e, const char *doing)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorMessage(r) : NULL;
    const char *constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
    snprintf(s->constraint, sizeof(s->constraint), "%s", constraint ? constraint : "");
    note_broke(s, state, r ? PQresultErrorField(r, PG_DIAG_TABLE_NAME) : NULL);
    char why[256];
    if (msg && *msg)
        snprintf(why, sizeof(why), "%s", msg);
    else
        pg_why(s->conn, why, sizeof(why));
    why[strcspn(why, "\n")] = '\0';
    if (PQstatus(s->conn) != CONNECTION_OK)
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "%s: the connection to the database was lost (%s)", doing, why);
    /* SQLSTATE classes: 23505 unique, 23503 foreign key, 23514/23502 check and not null,
     * 22021 bytes that are not UTF-8 (the checks refuse them first), 42501 insufficient
     * privilege, 40001/40P01 serialization and deadlock */
    static const struct {
        const char *state;
        enum kerr_code code;
    } map[] = {
        {"23505", KITH_E_CONFLICT}, {"23503", KITH_E_INVALID},   {"23514", KITH_E_INVALID},
        {"23502", KITH_E_INVALID},  {"22001", KITH_E_TOO_LARGE}, {"22021", KITH_E_INVALID},
        {"40001", KITH_E_DB_BUSY},  {"40P01", KITH_E_DB_BUSY},   {"55P03", KITH_E_DB_BUSY},
    };
    if (state && !strcmp(state, "42501"))
        return kerr_fail(e, KITH_E_DB, "db", "%s: the database role lacks a needed right (%s)",
                         doing, why);
    for (size_t i = 0; state && i < sizeof(map) / sizeof(map[0]); i++)
        if (!strcmp(state, map[i].state))
            return kerr_fail(e, map[i].code, NULL, "%s: %s", doing, why);
    return kerr_fail(e, KITH_E_DB, "db", "%s: %s", doing, why);
}

enum kerr_code pg_exec(struct store_pg *s, const char *sql, struct kerr *e, const char *doing)
{
    PGresult *r = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    enum kerr_code rc = KITH_OK;
    /* empty: a migration part that is only comments */
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
        rc = pg_fail(s, r, e, doing);
    PQclear(r);
    return rc;
}

/* After a lost connection, try once to reconnect so that the next op works. Never inside
 * a transaction: its earlier work is gone with the old connection, and the caller must
 * hear that rather than carry on in a fresh one. */
static void revive(struct store_pg *s)
{
    if (PQstatus(s->conn) == CONNECTION_OK)
        return;
    PQreset(s->conn);
    memset(s->prepared, 0, sizeof(s->prepared));
    if (PQstatus(s->conn) == CONNECTION_OK)
        PQclear(PQexec(s->conn, "SET client_min_messages = warning"));
}

/* SQL written once (store_sql.h) numbers its parameters as SQLite does, ?1; PostgreSQL
 * says $1. Quoted text and identifiers are left alone. */
static char *dollar_params(const char *sql)
{
    char *out = xstrdup(sql), quote = 0;
    for (char *p = out; *p; p++) {
        if (quote)
            quote = *p == quote ? 0 : quote;
        else if (*p == '\'' || *p == '"')
            quote = *p;
        else if (*p == '?' && p[1] >= '0' && p[1] <= '9')
            *p = '$';
    }
    return out;
}

/* Make sure this connection has prepared `st`; its name goes into `name`. */
static enum kerr_code prepare(struct store_pg *s, struct store_sql *st, char name[16],
                              struct kerr *e, const char *doing)
{
    int slot = store_sql_slot(st);
    if (slot >= PG_STMT_MAX)
        return kerr_fail(e, KITH_E_DB, "db", "%s: more than %d statements (raise PG_STMT_MAX)",
                         doing, PG_STMT_MAX - 1);
    snprintf(name, 16, "k%d", slot);
    /* A connection lost inside the caller's transaction took the transaction's work
     * with it. Reconnecting here would run the rest of it without the start, each
     * statement committed on its own: a half-written record. Refuse until the caller
     * rolls back, which store.h already asks of it after any failure. */
    if (s->in_txn && PQstatus(s->conn) != CONNECTION_OK)
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "%s: the connection to the database was lost during a transaction, "
                         "whose work is undone",
                         doing);
    if (PQtransactionStatus(s->conn) == PQTRANS_IDLE || PQstatus(s->conn) != CONNECTION_OK)
        revive(s);
    if (s->prepared[slot])
        return KITH_OK;
    char *sql = dollar_params(st->sql);
    PGresult *pr = PQprepare(s->conn, name, sql, 0, NULL);
    free(sql);
    enum kerr_code rc = PQresultStatus(pr) == PGRES_COMMAND_OK ? KITH_OK : pg_fail(s, pr, e, doing);
    PQclear(pr);
    if (!rc)
        s->prepared[slot] = 1;
    return rc;
}

/* pg_run for any statement, its parameters as text. */
static PGresult *run_q(struct store_pg *s, struct store_sql *q, int n, const char *const *v,
                       struct kerr *e, const char *doing, enum kerr_code *rc)
{
    char name[16];
    *rc = prepare(s, q, name, e, doing);
    if (*rc)
        return NULL;
    bool idle = PQtransactionStatus(s->conn) == PQTRANS_IDLE;
    PGresult *r = PQexecPrepared(s->conn, name, n, v, NULL, NULL, 0);
    ExecStatusType status = PQresultStatus(r);
    /* A connection the server dropped while it sat in the pool (a restart, an idle
     * timeout) is only found out by using it. A read outside a transaction is asked
     * again once on a new connection: nothing was lost with the old one, and the request
     * then works. A write is not repeated (it may have run before the connection went);
     * it fails, and the next op reconnects. */
    if (status == PGRES_FATAL_ERROR && idle && PQstatus(s->conn) != CONNECTION_OK &&
        !strncmp(q->sql, "SELECT", 6)) {
        PQclear(r);
        *rc = prepare(s, q, name, e, doing);
        if (*rc)
            return NULL;
        r = PQexecPrepared(s->conn, name, n, v, NULL, NULL, 0);
        status = PQresultStatus(r);
    }
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        *rc = pg_fail(s, r, e, doing);
        PQclear(r);
        return NULL;
    }
    return r;
}

PGresult *pg_run(struct store_pg *s, struct pg_stmt *st, const struct pg_params *p, struct kerr *e,
                 const char *doing, enum kerr_code *rc)
{
    return run_q(s, &st->q, p ? p->n : 0, p ? p->v : NULL, e, doing, rc);
}

static enum kerr_code pg_op_write_begin(struct store *base, bool *wrapped, struct kerr *e)
{
    return pg_write_begin(pg(base), wrapped, e);
}
static enum kerr_code pg_op_write_end(struct store *base, bool wrapped, enum kerr_code rc,
                                      struct kerr *e)
{
    return pg_write_end(pg(base), wrapped, rc, e);
}

static enum kerr_code pg_op_exec(struct store *base, const char *sql, struct kerr *e)
{
    return pg_exec(pg(base), sql, e, "running SQL");
}

/* A row's columns as `run` hands them. */
static enum kerr_code hand_row(const PGresult *r, int i, store_row_fn *row, void *ctx,
                               struct kerr *e)
{
    const char *v[STORE_COLS_MAX];
    size_t len[STORE_COLS_MAX];
    int cols = PQnfields(r);
    if (cols > (int)(sizeof(v) / sizeof(v[0])))
        return kerr_fail(e, KITH_E_INTERNAL, "db", "a statement reading %d columns", cols);
    for (int c = 0; c < cols; c++) {
        v[c] = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
        len[c] = (size_t)PQgetlength(r, i, c);
    }
    return row ? row(ctx, v, len, e) : KITH_OK;
}

/* A statement whose rows are handed over as they arrive (libpq's single-row mode), so a
 * table of any size is read in bounded memory (store_sql.stream). */
static enum kerr_code run_each(struct store_pg *s, struct store_sql *q, int n, const char *const *v,
                               store_row_fn *row, void *ctx, const char *doing, struct kerr *e)
{
    char name[16];
    enum kerr_code rc = prepare(s, q, name, e, doing);
    if (rc)
        return rc;
    if (!PQsendQueryPrepared(s->conn, name, n, v, NULL, NULL, 0))
        return pg_fail(s, NULL, e, doing);
    PQsetSingleRowMode(s->conn);
    PGresult *r;
    while ((r = PQgetResult(s->conn))) {
        ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_SINGLE_TUPLE && !rc)
            rc = hand_row(r, 0, row, ctx, e);
        else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && !rc)
            rc = pg_fail(s, r, e, doing);
        PQclear(r); /* every result is read, so the connection is ready for the next op */
    }
    return rc;
}

/* The generic statement op (store_impl.h). The record layer's reads are bounded by their
 * LIMIT, so a result is taken whole rather than row by row. */
static enum kerr_code pg_run_sql(struct store *base, struct store_sql *q,
                                 const struct store_params *p, store_row_fn *row, void *ctx,
                                 int64_t *changed, struct kerr *e)
{
    const char *const *params = p ? p->v : NULL; /* whole numbers are written out too */
    size_t nparams = p ? p->n : 0;
    struct store_pg *s = pg(base);
    const char *doing = base->doing ? base->doing : "running a statement";
    if (nparams > PG_PARAMS_MAX)
        return kerr_fail(e, KITH_E_INTERNAL, "db", "a statement with %zu parameters", nparams);
    if (q->stream)
        return run_each(s, q, (int)nparams, params, row, ctx, doing, e);
    enum kerr_code rc;
    PGresult *r = run_q(s, q, (int)nparams, params, e, doing, &rc);
    if (!r)
        return rc;
    if (changed)
        *changed = strtoll(PQcmdTuples(r), NULL, 10);
    int rows = PQntuples(r);
    for (int i = 0; !rc && row && i < rows; i++)
        rc = hand_row(r, i, row, ctx, e);
    PQclear(r);
    return rc;
}

enum kerr_code pg_write_begin(struct store_pg *s, bool *wrapped, struct kerr *e)
{
    *wrapped = PQtransactionStatus(s->conn) == PQTRANS_IDLE || PQstatus(s->conn) != CONNECTION_OK;
    if (*wrapped)
        revive(s);
    return *wrapped ? pg_exec(s, "BEGIN", e, "starting a write") : KITH_OK;
}

enum kerr_code pg_write_end(struct store_pg *s, bool wrapped, enum kerr_code rc, struct kerr *e)
{
    if (!wrapped)
        return rc;
    if (!rc)
        return pg_exec(s, "COMMIT", e, "finishing a write");
    PQclear(PQexec(s->conn, "ROLLBACK"));
    return rc;
}

/* --- parameters ------------------------------------------------------------------------ */

static char *slot_buf(struct pg_params *p)
{
    /* a statement with more parameters is a programming error caught by the first test */
    if (p->n >= PG_PARAMS_MAX)
        abort();
    return p->buf[p->n];
}

void pg_p_text(struct pg_params *p, const char *v)
{
    (void)slot_buf(p);
    p->v[p->n++] = v;
}

/* --- columns --------------------------------------------------------------------------- */

const char *pg_name(const PGresult *r, int row, int col, struct arena *a)
{
    if (PQgetisnull(r, row, col))
        return "";
    return arena_strndup(a, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
}

static void pg_close(struct store *base)
{
    struct store_pg *s = pg(base);
    pg_copy_release(s);
    PQfinish(s->conn);
    free(s);
}

static int pg_schema_version(struct store *base) { return pg(base)->version; }

static enum kerr_code pg_begin(struct store *base, struct kerr *e)
{
    struct store_pg *s = pg(base);
    revive(s);
    enum kerr_code rc = pg_exec(s, "BEGIN", e, "starting a transaction");
    s->in_txn = rc == KITH_OK;
    return rc;
}
static enum kerr_code pg_commit(struct store *base, struct kerr *e)
{
    struct store_pg *s = pg(base);
    /* COMMIT on a new connection would succeed with nothing to commit: say it failed */
    enum kerr_code rc = s->in_txn && PQstatus(s->conn) != CONNECTION_OK
                            ? kerr_fail(e, KITH_E_DB_OPEN, "db",
                                        "committing: the connection to the database was lost "
                                        "during the transaction, whose work is undone")
                            : pg_exec(s, "COMMIT", e, "committing");
    if (!rc)
        s->in_txn = false;
    return rc;
}
static void pg_rollback(struct store *base)
{
    struct store_pg *s = pg(base);
    if (PQstatus(s->conn) == CONNECTION_OK)
        PQclear(PQexec(s->conn, "ROLLBACK"));
    s->in_txn = false;
}
static enum kerr_code pg_bulk(struct store *base, bool on, struct kerr *e)
{
    /* a load may lose its last commits in a crash (store.h), as on SQLite */
    return pg_exec(pg(base), on ? "SET synchronous_commit = off" : "SET synchronous_commit = on", e,
                   "setting bulk mode");
}

/* The person row's copy of the disability codes against the rows (store_check). */
static struct pg_stmt disabilities_differ_sql =
    PG_STMT("SELECT count(*) FROM person p WHERE p.disabilities IS DISTINCT FROM "
            "(SELECT string_agg(d.code, ',' ORDER BY d.code COLLATE \"C\") "
            "FROM person_disability d WHERE d.person_id = p.id)");

static enum kerr_code people_check(struct store_pg *s, struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = pg_run(s, &disabilities_differ_sql, NULL, e, "checking the database", &rc);
    if (!r)
        return rc;
    long long differ = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    if (differ)
        return kerr_fail(e, KITH_E_DB_CORRUPT, NULL,
                         "the disabilities of %lld people disagree with their disability rows",
                         differ);
    return KITH_OK;
}

static enum kerr_code pg_check(struct store *base, struct kerr *e)
{
    revive(pg(base));
    enum kerr_code rc = pg_exec(pg(base), "SELECT 1", e, "checking the database");
    return rc ? rc : people_check(pg(base), e);
}

/* 'kith' in ASCII: the transaction-scoped advisory lock that orders audit appends across
 * connections (store_audit_trail.c); the application role needs no right for it. */
static struct store_sql audit_lock_sql = {.sql = "SELECT pg_advisory_xact_lock(1802070120)"};

static const struct store_ops pg_ops = {
    .name = "postgresql",
    .dialect = &(const struct store_dialect){.param = '$',
                                             .json_body = "body::jsonb",
                                             .note_search = &pg_note_search_sql,
                                             .note_match = pg_note_match,
                                             .audit_lock = &audit_lock_sql,
                                             .table_names = &pg_table_names_sql,
                                             .table_columns = &pg_table_columns_sql,
                                             .byte_order = " COLLATE \"C\""},
    .close = pg_close,
    .schema_version = pg_schema_version,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .bulk = pg_bulk,
    .check = pg_check,
    .run = pg_run_sql,
    .write_begin = pg_op_write_begin,
    .exec = pg_op_exec,
    .write_end = pg_op_write_end,
    /* store_pg_copy.c */
    .table_write = pg_table_write,
    .table_done = pg_table_done,
};

/* The common migrations say INTEGER, which SQLite stores in up to 8 bytes and which
 * INTEGER PRIMARY KEY needs to be the rowid; on PostgreSQL INTEGER is 4 bytes, too few
 * for a country's case notes over the years. Every INTEGER of a common file is BIGINT
 * here, so ids, references and counts have the same range on both backends. */
static char *widen_integers(const char *sql)
{
    static const char from[] = "INTEGER", to[] = "BIGINT";
    size_t n = strlen(sql);
    char *out = xmalloc(n + 1), *o = out; /* BIGINT is shorter than INTEGER */
    for (const char *p = sql; *p;) {
        bool word = !strncmp(p, from, sizeof(from) - 1) &&
                    (p == sql || !isalnum((unsigned char)p[-1])) &&
                    !isalnum((unsigned char)p[sizeof(from) - 1]) && p[sizeof(from) - 1] != '_';
        if (word) {
            memcpy(o, to, sizeof(to) - 1);
            o += sizeof(to) - 1;
            p += sizeof(from) - 1;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

/* Bring the schema to the latest version in one transaction; kith_meta holds it. */
static enum kerr_code migrate(struct store_pg *s, struct kerr *e)
{
    enum kerr_code rc = pg_exec(s, "BEGIN", e, "starting the upgrade");
    if (!rc)
        rc = pg_exec(s, "LOCK TABLE kith_meta IN EXCLUSIVE MODE", e, "locking the schema");
    PGresult *r = rc ? NULL : PQexec(s->conn, "SELECT version FROM kith_meta");
    int from = r && PQntuples(r) ? (int)strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    for (int i = from; !rc && i < migrations_count; i++) {
        const struct migration *m = &migrations[i];
        char *common = widen_integers(m->common);
        rc = pg_exec(s, common, e, m->name);
        free(common);
        if (!rc && m->pg)
            rc = pg_exec(s, m->pg, e, m->name);
    }
    if (!rc && from < migrations_count) {
        char sql[96];
        snprintf(sql, sizeof(sql), "UPDATE kith_meta SET version = %d", migrations_count);
        rc = pg_exec(s, sql, e, "recording the schema version");
    }
    if (!rc)
        rc = pg_exec(s, "COMMIT", e, "committing the upgrade");
    if (rc)
        PQclear(PQexec(s->conn, "ROLLBACK"));
    else
        s->version = migrations_count;
    return rc;
}

enum kerr_code store_pg_open(const char *url, unsigned flags, struct store **out, struct kerr *e)
{
    *out = NULL;
    enum kerr_code loaded = pg_lib_load(e);
    if (loaded)
        return loaded;
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        /* name the host and port, never the URL (it may hold a password) */
        const char *host = PQhost(c), *port = PQport(c);
        char why[256];
        enum kerr_code rc =
            kerr_fail(e, KITH_E_DB_OPEN, "db", "cannot connect to PostgreSQL at %s port %s: %s",
                      host && *host ? host : "(default)", port && *port ? port : "5432",
                      pg_why(c, why, sizeof(why)));
        PQfinish(c);
        return rc;
    }
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    struct store_pg *s = xcalloc(1, sizeof(*s));
    s->base.ops = &pg_ops;
    s->conn = c;
    /* Read the version first and create its table only when it is missing: the
     * application role has no right to create tables (docs/postgresql.md), and asking
     * for one, even IF NOT EXISTS, is refused. */
    enum kerr_code rc = KITH_OK;
    PGresult *r = PQexec(c, "SELECT version FROM kith_meta");
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        s->version = PQntuples(r) ? (int)strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    } else if (state && !strcmp(state, "42P01")) { /* undefined_table: a new database */
        s->version = 0;
        if (!(flags & STORE_READONLY))
            rc = pg_exec(s,
                         "CREATE TABLE kith_meta (version INTEGER NOT NULL); "
                         "INSERT INTO kith_meta VALUES (0)",
                         e, "preparing the schema table");
    } else {
        rc = pg_fail(s, r, e, "reading the schema version");
    }
    PQclear(r);
    if (!rc && s->version > migrations_count)
        rc = kerr_fail(e, KITH_E_DB_NEWER, "db",
                       "the database is at schema %d, written by a newer kith; this kith knows "
                       "schemas up to %d. Use the newer kith; the database was not changed",
                       s->version, migrations_count);
    if (!rc && s->version < migrations_count) {
        if (flags & STORE_READONLY)
            rc = kerr_fail(e, KITH_E_DB_OPEN, "db",
                           "the database is at schema %d and needs upgrading to %d: run a "
                           "command that writes (e.g. 'kith init') once",
                           s->version, migrations_count);
        else
            rc = migrate(s, e);
    }
    if (rc) {
        pg_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return KITH_OK;
}
