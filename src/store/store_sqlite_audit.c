/*
 * The SQLite backend's hash-chained audit trail: an append reads the last row and writes
 * the next inside one write transaction (this file's writers queue on the writer mutex,
 * store_sqlite.c), so two connections cannot fork the chain; the listing shapes and the
 * walk the chain's checker (store_audit.c) reads.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_sqlite_impl.h"

#define AUDIT_COLS                                                                                 \
    "id, at, user_id, username, role, child_id, action, request_id, outcome, detail, "             \
    "prev_hash, hash"

static struct store_sql sync_normal_sql = SQ_SQL("PRAGMA synchronous = NORMAL");
static struct store_sql sync_full_sql = SQ_SQL("PRAGMA synchronous = FULL");
static struct store_sql audit_last_sql =
    SQ_SQL("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
static struct store_sql audit_add_sql =
    SQ_SQL("INSERT INTO audit(" AUDIT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
           "?9, ?10, ?11, ?12)");
static struct store_sql audit_all_sql = SQ_SQL("SELECT " AUDIT_COLS " FROM audit ORDER BY id");
static struct store_sql audit_keyed_sql = SQ_SQL("SELECT (SELECT first_id FROM audit_key), "
                                                 "(SELECT COALESCE(MAX(id), 0) + 1 FROM audit)");
static struct store_sql audit_keyed_set_sql = SQ_SQL("INSERT INTO audit_key(first_id) VALUES (?1)");
/* Three shapes, so that each uses its index. */
static struct store_sql audit_by_child_sql =
    SQ_SQL("SELECT " AUDIT_COLS " FROM audit WHERE child_id = ?1 AND at >= ?3 "
           "AND at <= ?4 ORDER BY at DESC, id DESC LIMIT ?5 OFFSET ?6");
static struct store_sql audit_by_user_sql =
    SQ_SQL("SELECT " AUDIT_COLS " FROM audit WHERE user_id = ?2 AND at >= ?3 "
           "AND at <= ?4 ORDER BY at DESC, id DESC LIMIT ?5 OFFSET ?6");
static struct store_sql audit_recent_sql =
    SQ_SQL("SELECT " AUDIT_COLS " FROM audit WHERE at >= ?3 AND at <= ?4 "
           "ORDER BY id DESC LIMIT ?5 OFFSET ?6");

/* --- the audit trail -------------------------------------------------------------------- */

static void read_audit(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct audit_event *ev = out;
    ev->id = sqlite3_column_int64(st, 0);
    ev->at = sqlite3_column_int64(st, 1);
    ev->user_id = sqlite3_column_int64(st, 2);
    ev->username = sq_col_name(st, 3, a);
    ev->role = sq_col_name(st, 4, a);
    ev->child_id = sqlite3_column_int64(st, 5);
    ev->action = sq_col_name(st, 6, a);
    ev->request_id = sq_col_name(st, 7, a);
    ev->outcome = sq_col_name(st, 8, a);
    ev->detail = sq_col_str(st, 9, a);
    COL_CODE(st, 10, ev->prev_hash);
    COL_CODE(st, 11, ev->hash);
}

/* The rows after the last one, chained in order, in one write, so that no other row can
 * come between. */
static enum kerr_code append_all(struct store_sqlite *s, struct audit_event *const *evs, size_t n,
                                 struct kerr *e)
{
    bool wrapped;
    enum kerr_code rc = sq_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, &audit_last_sql, e);
    if (!st)
        return sq_write_end(s, wrapped, sq_no_stmt(e), e);
    int step = sqlite3_step(st);
    int64_t last = 0;
    char last_hash[sizeof evs[0]->hash];
    snprintf(last_hash, sizeof last_hash, "%s", AUDIT_GENESIS);
    if (step == SQLITE_ROW) {
        last = sqlite3_column_int64(st, 0);
        COL_CODE(st, 1, last_hash);
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = sq_fail(s, e, "reading the audit trail");
    sq_done(st);
    for (size_t i = 0; !rc && i < n; i++) {
        struct audit_event *ev = evs[i];
        ev->id = ++last;
        memcpy(ev->prev_hash, last_hash, sizeof last_hash);
        rc = store_audit_seal(&s->base, ev, e);
        st = rc ? NULL : sq_stmt(s, &audit_add_sql, e);
        if (!rc && !st)
            rc = sq_no_stmt(e);
        if (rc)
            break;
        sqlite3_bind_int64(st, 1, ev->id);
        sqlite3_bind_int64(st, 2, ev->at);
        sq_bind_id(st, 3, ev->user_id);
        sq_bind_text(st, 4, ev->username);
        sq_bind_text(st, 5, ev->role);
        sq_bind_id(st, 6, ev->child_id);
        sq_bind_text(st, 7, ev->action);
        sq_bind_text(st, 8, ev->request_id);
        sq_bind_text(st, 9, ev->outcome);
        sq_bind_text(st, 10, ev->detail);
        sq_bind_text(st, 11, ev->prev_hash);
        sq_bind_text(st, 12, ev->hash);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = sq_fail(s, e, "writing the audit trail");
        sq_done(st);
        memcpy(last_hash, ev->hash, sizeof last_hash);
    }
    return sq_write_end(s, wrapped, rc, e);
}

enum kerr_code sqlite_audit_append(struct store *base, struct audit_event *const *evs, size_t n,
                                   struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    /* Rows that each record a read, alone, commit without an fsync (WAL with
     * synchronous=NORMAL: durable across a crash of kith, not of the machine); the fsync
     * per page view was the server's bottleneck (3,500 against 7,500 pages a second,
     * bench/30-http.sh). A batch holding a change waits for the disk. */
    bool relaxed = sqlite3_get_autocommit(s->db) && !s->readonly;
    for (size_t i = 0; i < n; i++) {
        enum kerr_code bad = check_audit_event(evs[i], e);
        if (bad)
            return bad;
        relaxed = relaxed && evs[i]->read_only;
    }
    if (relaxed && sq_exec_stmt(s, &sync_normal_sql, e, "writing the audit trail"))
        return sq_no_stmt(e);
    enum kerr_code rc = append_all(s, evs, n, e);
    if (relaxed) {
        enum kerr_code rc2 =
            sq_exec_stmt(s, &sync_full_sql, rc ? NULL : e, "writing the audit trail");
        if (!rc)
            rc = rc2;
    }
    return rc;
}

enum kerr_code sqlite_audit_list(struct store *base, const struct audit_query *q, struct arena *a,
                                 struct audit_event **out, size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    struct store_sql *id = q->child_id  ? &audit_by_child_sql
                           : q->user_id ? &audit_by_user_sql
                                        : &audit_recent_sql;
    sqlite3_stmt *st = sq_stmt(s, id, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, q->child_id);
    sqlite3_bind_int64(st, 2, q->user_id);
    sqlite3_bind_int64(st, 3, q->from);
    sqlite3_bind_int64(st, 4, q->to ? q->to : INT64_MAX);
    sqlite3_bind_int64(st, 5, page_limit(q->limit));
    sqlite3_bind_int64(st, 6, page_offset(q->offset));
    return sq_read_rows(s, st, a, sizeof(**out), 0, read_audit, (void **)out, n, e);
}

enum kerr_code sqlite_audit_walk(struct store *base,
                                 void (*fn)(void *ctx, const struct audit_event *ev), void *ctx,
                                 struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &audit_all_sql, e);
    if (!st)
        return sq_no_stmt(e);
    struct arena a;
    arena_init(&a, 4096);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct audit_event ev = {0};
        read_audit(st, &a, &ev);
        fn(ctx, &ev);
        arena_release(&a);
    }
    enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : sq_fail(s, e, "reading the audit trail");
    sq_done(st);
    arena_release(&a);
    return code;
}

enum kerr_code sqlite_audit_keyed_get(struct store *base, int64_t *first, int64_t *next,
                                      struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &audit_keyed_sql, e);
    if (!st)
        return sq_no_stmt(e);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *first = sqlite3_column_int64(st, 0);
        *next = sqlite3_column_int64(st, 1);
    } else {
        rc = sq_fail(s, e, "reading the audit trail");
    }
    sq_done(st);
    return rc;
}

enum kerr_code sqlite_audit_keyed_set(struct store *base, int64_t first, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &audit_keyed_set_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, first);
    enum kerr_code rc =
        sqlite3_step(st) == SQLITE_DONE ? KITH_OK : sq_fail(s, e, "writing the audit trail");
    sq_done(st);
    return rc;
}
