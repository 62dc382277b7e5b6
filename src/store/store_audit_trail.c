/*
 * The hash-chained audit trail's rows, written once for every backend through
 * store_sql.h: appending (each row chained to the one before), listing, walking the
 * whole chain for its checker (store_audit.c, which also keeps the key and anchor), and
 * the database's record of the first keyed row.
 *
 * An append reads the last row and writes the next inside one write, so no other row can
 * come between: on SQLite the writer turn and BEGIN IMMEDIATE order the writers, on
 * PostgreSQL the dialect's audit_lock (a transaction-scoped advisory lock, which the
 * application role needs no extra right for, unlike LOCK TABLE) does.
 */
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "store/store.h"
#include "store/store_check.h"
#include "store/store_sql.h"

#define AUDIT_COLS                                                                                 \
    "id, at, user_id, username, role, child_id, action, request_id, outcome, detail, "             \
    "prev_hash, hash"

static struct store_sql audit_last_sql =
    STORE_SQL("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
static struct store_sql audit_add_sql =
    STORE_SQL("INSERT INTO audit(" AUDIT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
              "?9, ?10, ?11, ?12)");
/* Row by row however long the trail (store_sql.stream). */
static struct store_sql audit_all_sql = {
    .sql = "SELECT " AUDIT_COLS " FROM audit ORDER BY id", .slot = 0, .stream = true};
static struct store_sql audit_keyed_sql = STORE_SQL(
    "SELECT (SELECT first_id FROM audit_key), (SELECT COALESCE(MAX(id), 0) + 1 FROM audit)");
static struct store_sql audit_keyed_set_sql =
    STORE_SQL("INSERT INTO audit_key(first_id) VALUES (?1)");
/* Three shapes, so that each uses its index. */
static struct store_sql audit_by_child_sql =
    STORE_SQL("SELECT " AUDIT_COLS " FROM audit WHERE child_id = ?1 AND at >= ?2 "
              "AND at <= ?3 ORDER BY at DESC, id DESC LIMIT ?4 OFFSET ?5");
static struct store_sql audit_by_user_sql =
    STORE_SQL("SELECT " AUDIT_COLS " FROM audit WHERE user_id = ?1 AND at >= ?2 "
              "AND at <= ?3 ORDER BY at DESC, id DESC LIMIT ?4 OFFSET ?5");
static struct store_sql audit_recent_sql =
    STORE_SQL("SELECT " AUDIT_COLS " FROM audit WHERE at >= ?1 AND at <= ?2 "
              "ORDER BY id DESC LIMIT ?3 OFFSET ?4");

static void read_audit(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct audit_event *ev = out;
    ev->id = sc_i64(v[0]);
    ev->at = sc_i64(v[1]);
    ev->user_id = sc_i64(v[2]);
    ev->username = sc_name(a, v[3], len[3]);
    ev->role = sc_name(a, v[4], len[4]);
    ev->child_id = sc_i64(v[5]);
    ev->action = sc_name(a, v[6], len[6]);
    ev->request_id = sc_name(a, v[7], len[7]);
    ev->outcome = sc_name(a, v[8], len[8]);
    ev->detail = sc_str(a, v[9], len[9]);
    SC_CODE(v, len, 10, ev->prev_hash);
    SC_CODE(v, len, 11, ev->hash);
}

/* --- appending ---------------------------------------------------------------------------- */

struct last {
    int64_t id;
    char hash[sizeof((struct audit_event *)0)->hash];
};

static enum kerr_code read_last(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct last *l = ctx;
    l->id = sc_i64(v[0]);
    SC_CODE(v, len, 1, l->hash);
    return KITH_OK;
}

/* The rows after the last one, chained in order, in one write. */
static enum kerr_code append_all(struct store *s, struct audit_event *const *evs, size_t n,
                                 struct kerr *e)
{
    const char *doing = "writing the audit trail";
    bool wrapped = false;
    enum kerr_code rc = s->ops->write_begin(s, &wrapped, e);
    struct store_sql *lock = s->ops->dialect->audit_lock;
    if (!rc && lock)
        rc = store_q(s, lock, NULL, NULL, NULL, NULL, doing, e);
    struct last last = {0};
    snprintf(last.hash, sizeof last.hash, "%s", AUDIT_GENESIS);
    if (!rc)
        rc =
            store_q(s, &audit_last_sql, NULL, read_last, &last, NULL, "reading the audit trail", e);
    for (size_t i = 0; !rc && i < n; i++) {
        struct audit_event *ev = evs[i];
        ev->id = ++last.id;
        memcpy(ev->prev_hash, last.hash, sizeof last.hash);
        rc = store_audit_seal(s, ev, e);
        if (rc)
            break;
        struct store_params p = {0};
        sp_i64(&p, ev->id);
        sp_i64(&p, ev->at);
        sp_id(&p, ev->user_id);
        sp_text(&p, ev->username);
        sp_text(&p, ev->role);
        sp_id(&p, ev->child_id);
        sp_text(&p, ev->action);
        sp_text(&p, ev->request_id);
        sp_text(&p, ev->outcome);
        sp_text(&p, ev->detail);
        sp_text(&p, ev->prev_hash);
        sp_text(&p, ev->hash);
        rc = store_q(s, &audit_add_sql, &p, NULL, NULL, NULL, doing, e);
        memcpy(last.hash, ev->hash, sizeof last.hash);
    }
    return s->ops->write_end(s, wrapped, rc, e);
}

enum kerr_code store_audit_append(struct store *s, struct audit_event *const *evs, size_t n,
                                  struct kerr *e)
{
    /* Rows that each record a read may commit with less waiting for the disk where the
     * backend offers it (SQLite: synchronous=NORMAL, durable across a crash of kith, not
     * of the machine); the fsync per page view was the server's bottleneck (3,500 against
     * 7,500 pages a second, bench/30-http.sh). A batch holding a change waits for the
     * disk. The backend ignores it inside the caller's transaction. */
    bool relaxed = s->ops->relax != NULL;
    for (size_t i = 0; i < n; i++) {
        enum kerr_code bad = check_audit_event(evs[i], e);
        if (bad)
            return bad;
        relaxed = relaxed && evs[i]->read_only;
    }
    enum kerr_code rc = relaxed ? s->ops->relax(s, true, e) : KITH_OK;
    if (rc)
        return rc;
    rc = append_all(s, evs, n, e);
    if (relaxed) {
        enum kerr_code rc2 = s->ops->relax(s, false, rc ? NULL : e);
        if (!rc)
            rc = rc2;
    }
    return rc;
}

/* A row of its own goes through the database's group commit (store_group.c); a row
 * inside the caller's transaction commits with it. */
enum kerr_code store_audit_add(struct store *s, struct audit_event *ev, struct kerr *e)
{
    enum kerr_code rc = check_audit_event(ev, e);
    if (rc)
        return rc;
    if (s->group && s->audit.depth == 0)
        return store_group_append(s, ev, e);
    rc = store_audit_append(s, &ev, 1, e);
    if (!rc)
        store_audit_appended(s, ev);
    return rc;
}

/* --- reading ------------------------------------------------------------------------------ */

enum kerr_code store_audit_list(struct store *s, const struct audit_query *q, struct arena *a,
                                struct audit_event **out, size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    struct store_sql *st = &audit_recent_sql;
    if (q->child_id || q->user_id) {
        sp_i64(&p, q->child_id ? q->child_id : q->user_id);
        st = q->child_id ? &audit_by_child_sql : &audit_by_user_sql;
    }
    sp_i64(&p, q->from);
    sp_i64(&p, q->to ? q->to : INT64_MAX);
    sp_i64(&p, page_limit(q->limit));
    sp_i64(&p, page_offset(q->offset));
    return store_q_rows(s, st, &p, a, sizeof(**out), read_audit, (void **)out, n,
                        "reading the audit trail", e);
}

/* The chain row by row, in bounded memory: each row's text lives until the next. */
struct walk {
    struct arena a;
    void (*fn)(void *ctx, const struct audit_event *ev);
    void *ctx;
};

static enum kerr_code walk_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct walk *w = ctx;
    struct audit_event ev = {0};
    read_audit(v, len, &w->a, &ev);
    w->fn(w->ctx, &ev);
    arena_release(&w->a);
    return KITH_OK;
}

enum kerr_code store_audit_walk(struct store *s,
                                void (*fn)(void *ctx, const struct audit_event *ev), void *ctx,
                                struct kerr *e)
{
    struct walk w = {.fn = fn, .ctx = ctx};
    arena_init(&w.a, 4096);
    enum kerr_code rc =
        store_q(s, &audit_all_sql, NULL, walk_row, &w, NULL, "reading the audit trail", e);
    arena_release(&w.a);
    return rc;
}

/* --- the first keyed row ------------------------------------------------------------------ */

static enum kerr_code read_keyed(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    int64_t *out = ctx;
    out[0] = sc_i64(v[0]);
    out[1] = sc_i64(v[1]);
    return KITH_OK;
}

enum kerr_code store_audit_keyed_get(struct store *s, int64_t *first, int64_t *next, struct kerr *e)
{
    int64_t v[2] = {0, 1};
    enum kerr_code rc =
        store_q(s, &audit_keyed_sql, NULL, read_keyed, v, NULL, "reading the audit trail", e);
    *first = v[0];
    *next = v[1];
    return rc;
}

enum kerr_code store_audit_keyed_set(struct store *s, int64_t first, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, first);
    return store_q(s, &audit_keyed_set_sql, &p, NULL, NULL, NULL, "writing the audit trail", e);
}
