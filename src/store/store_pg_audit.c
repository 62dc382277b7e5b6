/*
 * The PostgreSQL backend's hash-chained audit trail. The chain is the one place where
 * several connections must not interleave: each row carries the hash of the row before it,
 * so two servers' threads appending at once would fork the chain. An append takes a
 * transaction-scoped advisory lock first (the application role needs no extra right for
 * it, unlike LOCK TABLE), reads the last row and writes the next in the same transaction;
 * other appends wait for its commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "store/store_pg_impl.h"

#define AUDIT_COLS                                                                                 \
    "id, at, user_id, username, role, child_id, action, request_id, outcome, detail, "             \
    "prev_hash, hash"
/* 'kith' in ASCII: the advisory lock that orders audit appends across connections. */
#define AUDIT_LOCK "1802070120"

static struct pg_stmt audit_lock_sql = PG_STMT("SELECT pg_advisory_xact_lock(" AUDIT_LOCK ")");
static struct pg_stmt audit_last_sql =
    PG_STMT("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
static struct pg_stmt audit_add_sql =
    PG_STMT("INSERT INTO audit(" AUDIT_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
            "$11, $12)");
static struct pg_stmt audit_all_sql = PG_STMT("SELECT " AUDIT_COLS " FROM audit ORDER BY id");
static struct pg_stmt audit_keyed_sql = PG_STMT(
    "SELECT (SELECT first_id FROM audit_key), (SELECT COALESCE(MAX(id), 0) + 1 FROM audit)");
static struct pg_stmt audit_keyed_set_sql = PG_STMT("INSERT INTO audit_key(first_id) VALUES ($1)");
/* Three shapes, so that each uses its index, as on SQLite. */
static struct pg_stmt audit_by_child_sql =
    PG_STMT("SELECT " AUDIT_COLS " FROM audit WHERE child_id = $1 AND at >= $2 AND at <= $3 "
            "ORDER BY at DESC, id DESC LIMIT $4 OFFSET $5");
static struct pg_stmt audit_by_user_sql =
    PG_STMT("SELECT " AUDIT_COLS " FROM audit WHERE user_id = $1 AND at >= $2 AND at <= $3 "
            "ORDER BY at DESC, id DESC LIMIT $4 OFFSET $5");
static struct pg_stmt audit_recent_sql =
    PG_STMT("SELECT " AUDIT_COLS " FROM audit WHERE $1::bigint = 0 AND at >= $2 AND at <= $3 "
            "ORDER BY id DESC LIMIT $4 OFFSET $5");

static int64_t i64_or_0(const PGresult *r, int row, int col)
{
    return pg_null(r, row, col) ? 0 : pg_i64(r, row, col);
}

/* --- the audit trail ------------------------------------------------------------------------ */

static void read_audit(const PGresult *r, int row, struct arena *a, void *out)
{
    struct audit_event *ev = out;
    ev->id = pg_i64(r, row, 0);
    ev->at = pg_i64(r, row, 1);
    ev->user_id = i64_or_0(r, row, 2);
    ev->username = pg_name(r, row, 3, a);
    ev->role = pg_name(r, row, 4, a);
    ev->child_id = i64_or_0(r, row, 5);
    ev->action = pg_name(r, row, 6, a);
    ev->request_id = pg_name(r, row, 7, a);
    ev->outcome = pg_name(r, row, 8, a);
    ev->detail = pg_str(r, row, 9, a);
    PG_CODE(r, row, 10, ev->prev_hash);
    PG_CODE(r, row, 11, ev->hash);
}

/* The rows after the last one, chained in order, in one write. */
enum kerr_code pg_audit_append(struct store *base, struct audit_event *const *evs, size_t n,
                               struct kerr *e)
{
    struct store_pg *s = pg(base);
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; !rc && i < n; i++)
        rc = check_audit_event(evs[i], e);
    if (rc)
        return rc;
    bool wrapped;
    rc = pg_write_begin(s, &wrapped, e);
    if (!rc)
        rc = pg_exec_stmt(s, &audit_lock_sql, NULL, NULL, e, "writing the audit trail");
    PGresult *r = rc ? NULL : pg_run(s, &audit_last_sql, NULL, e, "reading the audit trail", &rc);
    int64_t last = 0;
    char last_hash[sizeof evs[0]->hash];
    snprintf(last_hash, sizeof last_hash, "%s", AUDIT_GENESIS);
    if (r && PQntuples(r)) {
        last = pg_i64(r, 0, 0);
        PG_CODE(r, 0, 1, last_hash);
    }
    PQclear(r);
    for (size_t i = 0; !rc && i < n; i++) {
        struct audit_event *ev = evs[i];
        ev->id = ++last;
        memcpy(ev->prev_hash, last_hash, sizeof last_hash);
        rc = store_audit_seal(base, ev, e);
        if (rc)
            break;
        struct pg_params p = {0};
        pg_p_i64(&p, ev->id);
        pg_p_i64(&p, ev->at);
        pg_p_id(&p, ev->user_id);
        pg_p_text(&p, ev->username);
        pg_p_text(&p, ev->role);
        pg_p_id(&p, ev->child_id);
        pg_p_text(&p, ev->action);
        pg_p_text(&p, ev->request_id);
        pg_p_text(&p, ev->outcome);
        pg_p_text(&p, ev->detail);
        pg_p_text(&p, ev->prev_hash);
        pg_p_text(&p, ev->hash);
        rc = pg_exec_stmt(s, &audit_add_sql, &p, NULL, e, "writing the audit trail");
        memcpy(last_hash, ev->hash, sizeof last_hash);
    }
    return pg_write_end(s, wrapped, rc, e);
}

enum kerr_code pg_audit_list(struct store *base, const struct audit_query *q, struct arena *a,
                             struct audit_event **out, size_t *n, struct kerr *e)
{
    struct pg_stmt *st = q->child_id  ? &audit_by_child_sql
                         : q->user_id ? &audit_by_user_sql
                                      : &audit_recent_sql;
    struct pg_params p = {0};
    pg_p_i64(&p, q->child_id ? q->child_id : q->user_id);
    pg_p_i64(&p, q->from);
    pg_p_i64(&p, q->to ? q->to : INT64_MAX);
    pg_p_i64(&p, page_limit(q->limit));
    pg_p_i64(&p, page_offset(q->offset));
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), st, &p, e, "reading the audit trail", &rc);
    *out = NULL;
    *n = 0;
    if (!r)
        return rc;
    pg_rows(r, a, sizeof(**out), read_audit, (void **)out, n);
    return KITH_OK;
}

/* The chain is followed row by row as the server sends it, in bounded memory. */
struct walk {
    struct arena a;
    void (*fn)(void *ctx, const struct audit_event *ev);
    void *ctx;
};

static void walk_row(const PGresult *r, void *ctx)
{
    struct walk *w = ctx;
    struct audit_event ev = {0};
    read_audit(r, 0, &w->a, &ev);
    w->fn(w->ctx, &ev);
    arena_release(&w->a);
}

enum kerr_code pg_audit_walk(struct store *base,
                             void (*fn)(void *ctx, const struct audit_event *ev), void *ctx,
                             struct kerr *e)
{
    struct walk w = {.fn = fn, .ctx = ctx};
    arena_init(&w.a, 4096);
    enum kerr_code rc =
        pg_each(pg(base), &audit_all_sql, NULL, walk_row, &w, e, "reading the audit trail");
    arena_release(&w.a);
    return rc;
}

enum kerr_code pg_audit_keyed_get(struct store *base, int64_t *first, int64_t *next, struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &audit_keyed_sql, NULL, e, "reading the audit trail", &rc);
    if (!r)
        return rc;
    *first = i64_or_0(r, 0, 0);
    *next = pg_i64(r, 0, 1);
    PQclear(r);
    return KITH_OK;
}

enum kerr_code pg_audit_keyed_set(struct store *base, int64_t first, struct kerr *e)
{
    struct pg_params p = {0};
    pg_p_i64(&p, first);
    return pg_exec_stmt(pg(base), &audit_keyed_set_sql, &p, NULL, e, "writing the audit trail");
}
