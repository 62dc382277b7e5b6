/*
 * The PostgreSQL backend's access records: restricted records and their allow-lists,
 * access grants, API tokens, sign-in sessions and the hash-chained audit trail. Each op
 * keeps the SQLite op's behaviour and words (the checks are store_check.c's); what differs
 * is how PostgreSQL is asked.
 *
 * The audit trail is the one place where several connections must not interleave: each
 * row carries the hash of the row before it, so two servers' threads appending at once
 * would fork the chain. An append takes a transaction-scoped advisory lock first (the
 * application role needs no extra right for it, unlike LOCK TABLE), reads the last row and
 * writes the next in the same transaction; other appends wait for its commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "store/store_pg_impl.h"

#define TOKEN_COLS "t.id, t.user_id, t.name, t.token_digest, t.created, t.expires, t.revoked"
#define SESSION_COLS                                                                               \
    "ss.id, ss.user_id, ss.token_digest, ss.csrf, ss.created, ss.last_seen, ss.ended"
/* The account beside a credential; the password hash is never read with one. */
#define CRED_USER_COLS "u.id, u.username, u.worker_id, u.role, u.disabled, u.created"
#define AUDIT_COLS                                                                                 \
    "id, at, user_id, username, role, child_id, action, request_id, outcome, detail, "             \
    "prev_hash, hash"
/* 'kith' in ASCII: the advisory lock that orders audit appends across connections. */
#define AUDIT_LOCK "1802070120"

static struct pg_stmt restriction_set_sql = PG_STMT(
    "INSERT INTO restriction(child_id, reason, authoriser, review_date, created) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT(child_id) DO UPDATE SET reason = excluded.reason, "
    "authoriser = excluded.authoriser, review_date = excluded.review_date");
static struct pg_stmt restriction_get_sql =
    PG_STMT("SELECT child_id, reason, authoriser, review_date, created FROM restriction "
            "WHERE child_id = $1");
static struct pg_stmt restriction_delete_sql =
    PG_STMT("DELETE FROM restriction WHERE child_id = $1");
static struct pg_stmt allow_clear_sql =
    PG_STMT("DELETE FROM restriction_allow WHERE child_id = $1");
/* The whole allow-list in one statement: $2 is an array literal of user ids. */
static struct pg_stmt allow_add_sql =
    PG_STMT("INSERT INTO restriction_allow(child_id, user_id) "
            "SELECT $1, u FROM unnest($2::bigint[]) AS u ON CONFLICT DO NOTHING");
static struct pg_stmt allow_list_sql =
    PG_STMT("SELECT user_id FROM restriction_allow WHERE child_id = $1 ORDER BY user_id");
static struct pg_stmt grant_add_sql =
    PG_STMT("INSERT INTO access_grant(user_id, child_id, reason, granted_by, granted, expires) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
static struct pg_stmt grant_revoke_sql =
    PG_STMT("UPDATE access_grant SET revoked = $2 WHERE id = $1 AND revoked IS NULL");
static struct pg_stmt token_add_sql =
    PG_STMT("INSERT INTO api_token(user_id, name, token_digest, created, expires) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id");
static struct pg_stmt token_find_sql =
    PG_STMT("SELECT " TOKEN_COLS ", " CRED_USER_COLS " FROM api_token t "
            "JOIN user_account u ON u.id = t.user_id WHERE t.token_digest = $1");
static struct pg_stmt token_list_sql =
    PG_STMT("SELECT " TOKEN_COLS " FROM api_token t ORDER BY t.id");
static struct pg_stmt token_revoke_sql =
    PG_STMT("UPDATE api_token SET revoked = $2 WHERE id = $1 AND revoked IS NULL");
static struct pg_stmt session_add_sql =
    PG_STMT("INSERT INTO session(token_digest, user_id, csrf, created, last_seen) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id");
static struct pg_stmt session_find_sql =
    PG_STMT("SELECT " SESSION_COLS ", " CRED_USER_COLS " FROM session ss "
            "JOIN user_account u ON u.id = ss.user_id WHERE ss.token_digest = $1");
static struct pg_stmt session_touch_sql =
    PG_STMT("UPDATE session SET last_seen = $2 WHERE id = $1 AND ended IS NULL");
static struct pg_stmt session_end_sql =
    PG_STMT("UPDATE session SET ended = $2 WHERE id = $1 AND ended IS NULL");
static struct pg_stmt session_end_user_sql =
    PG_STMT("UPDATE session SET ended = $2 WHERE user_id = $1 AND ended IS NULL AND id <> $3");
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

/* A foreign key broke: name the record that is missing, as store_sqlite*.c's references
 * do, choosing by the constraint PostgreSQL names (table_column_fkey). */
static enum kerr_code missing_ref(struct store_pg *s, enum kerr_code rc, int64_t child_id,
                                  int64_t user_id, struct kerr *e)
{
    if (rc != KITH_E_INVALID)
        return rc;
    if (strstr(s->constraint, "user_id_fkey"))
        return kerr_fail(e, KITH_E_INVALID, "user_id", "there is no user with id %lld",
                         (long long)user_id);
    if (strstr(s->constraint, "child_id_fkey"))
        return kerr_fail(e, KITH_E_INVALID, "child_id", "there is no person with id %lld",
                         (long long)child_id);
    return rc;
}

/* --- restricted records ---------------------------------------------------------------- */

/* The ids as a PostgreSQL array literal, "{1,2,3}", in the arena. */
static const char *id_array(struct arena *a, const int64_t *v, size_t n)
{
    size_t cap = n * 21 + 3, len = 1; /* 20 digits and a comma each, braces, NUL */
    char *out = arena_alloc(a, cap);
    out[0] = '{';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%lld", i ? "," : "", (long long)v[i]);
    snprintf(out + len, cap - len, "}");
    return out;
}

enum kerr_code pg_restriction_set(struct store *base, const struct restriction *r, struct kerr *e)
{
    struct store_pg *s = pg(base);
    enum kerr_code rc = check_restriction(r, e);
    if (rc)
        return rc;
    bool wrapped;
    rc = pg_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    struct pg_params p = {0};
    pg_p_i64(&p, r->child_id);
    pg_p_text(&p, r->reason);
    pg_p_text(&p, r->authoriser);
    pg_p_date(&p, r->review);
    pg_p_date(&p, r->created == DATE_NONE ? date_today() : r->created);
    rc = pg_exec_stmt(s, &restriction_set_sql, &p, NULL, e, "restricting a record");
    rc = missing_ref(s, rc, r->child_id, 0, e);
    p.n = 1;
    if (!rc)
        rc = pg_exec_stmt(s, &allow_clear_sql, &p, NULL, e, "restricting a record");
    struct arena a;
    arena_init(&a, 0);
    pg_p_text(&p, id_array(&a, r->allow, r->nallow));
    if (!rc) {
        rc = pg_exec_stmt(s, &allow_add_sql, &p, NULL, e, "restricting a record");
        if (rc == KITH_E_INVALID && strstr(s->constraint, "user_id_fkey"))
            rc = kerr_fail(e, KITH_E_INVALID, "allow", "a named account does not exist");
    }
    arena_release(&a);
    return pg_write_end(s, wrapped, rc, e);
}

enum kerr_code pg_restriction_get(struct store *base, int64_t child_id, struct arena *a,
                                  struct restriction *out, struct kerr *e)
{
    struct store_pg *s = pg(base);
    struct pg_params p = {0};
    pg_p_i64(&p, child_id);
    enum kerr_code rc;
    PGresult *r = pg_run(s, &restriction_get_sql, &p, e, "reading a restriction", &rc);
    if (!r)
        return rc;
    if (!PQntuples(r)) {
        PQclear(r);
        return kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                         "the record of person %lld is not restricted", (long long)child_id);
    }
    *out = (struct restriction){.child_id = pg_i64(r, 0, 0),
                                .reason = pg_name(r, 0, 1, a),
                                .authoriser = pg_name(r, 0, 2, a),
                                .review = pg_date(r, 0, 3),
                                .created = pg_date(r, 0, 4)};
    PQclear(r);
    r = pg_run(s, &allow_list_sql, &p, e, "reading a restriction", &rc);
    if (!r)
        return rc;
    size_t n = (size_t)PQntuples(r);
    int64_t *ids = arena_alloc(a, (n ? n : 1) * sizeof(*ids));
    for (size_t i = 0; i < n; i++)
        ids[i] = pg_i64(r, (int)i, 0);
    PQclear(r);
    out->allow = ids;
    out->nallow = n;
    return KITH_OK;
}

enum kerr_code pg_restriction_lift(struct store *base, int64_t child_id, struct kerr *e)
{
    struct store_pg *s = pg(base);
    bool wrapped;
    enum kerr_code rc = pg_write_begin(s, &wrapped, e);
    struct pg_params p = {0};
    pg_p_i64(&p, child_id);
    int64_t gone = 0;
    if (!rc)
        rc = pg_exec_stmt(s, &allow_clear_sql, &p, NULL, e, "lifting a restriction");
    if (!rc)
        rc = pg_exec_stmt(s, &restriction_delete_sql, &p, &gone, e, "lifting a restriction");
    if (!rc && !gone)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                       "the record of person %lld is not restricted", (long long)child_id);
    return pg_write_end(s, wrapped, rc, e);
}

/* --- grants ------------------------------------------------------------------------------- */

enum kerr_code pg_grant_add(struct store *base, struct access_grant *g, struct kerr *e)
{
    struct store_pg *s = pg(base);
    enum kerr_code rc = check_grant(g, e);
    if (rc)
        return rc;
    struct pg_params p = {0};
    pg_p_i64(&p, g->user_id);
    pg_p_i64(&p, g->child_id);
    pg_p_text(&p, g->reason);
    pg_p_text(&p, g->granted_by);
    pg_p_date(&p, g->granted);
    pg_p_date(&p, g->expires);
    PGresult *r = pg_run(s, &grant_add_sql, &p, e, "granting access", &rc);
    if (!r)
        return missing_ref(s, rc, g->child_id, g->user_id, e);
    g->id = pg_i64(r, 0, 0);
    PQclear(r);
    return KITH_OK;
}

enum kerr_code pg_grant_revoke(struct store *base, int64_t id, kdate day, struct kerr *e)
{
    struct pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_date(&p, day == DATE_NONE ? date_today() : day);
    int64_t changed = 0;
    enum kerr_code rc =
        pg_exec_stmt(pg(base), &grant_revoke_sql, &p, &changed, e, "revoking a grant");
    if (!rc && !changed)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing grant with id %lld", (long long)id);
    return rc;
}

/* --- API tokens and sessions --------------------------------------------------------------- */

static void read_cred_user(const PGresult *r, int row, int c, struct arena *a, struct user *u)
{
    u->id = pg_i64(r, row, c);
    u->username = pg_name(r, row, c + 1, a);
    u->worker_id = pg_null(r, row, c + 2) ? 0 : pg_i64(r, row, c + 2);
    u->role = (enum user_role)pg_int(r, row, c + 3);
    u->disabled = pg_int(r, row, c + 4) != 0;
    u->created = pg_date(r, row, c + 5);
    u->password_hash = NULL;
}

static int64_t i64_or_0(const PGresult *r, int row, int col)
{
    return pg_null(r, row, col) ? 0 : pg_i64(r, row, col);
}

static void read_token(const PGresult *r, int row, struct arena *a, void *out)
{
    struct api_token *t = out;
    t->id = pg_i64(r, row, 0);
    t->user_id = pg_i64(r, row, 1);
    t->name = pg_name(r, row, 2, a);
    t->token_digest = pg_name(r, row, 3, a);
    t->created = pg_i64(r, row, 4);
    t->expires = i64_or_0(r, row, 5);
    t->revoked = i64_or_0(r, row, 6);
}

static void read_session(const PGresult *r, int row, struct arena *a, void *out)
{
    struct session *ss = out;
    ss->id = pg_i64(r, row, 0);
    ss->user_id = pg_i64(r, row, 1);
    ss->token_digest = pg_name(r, row, 2, a);
    ss->csrf = pg_name(r, row, 3, a);
    ss->created = pg_i64(r, row, 4);
    ss->last_seen = pg_i64(r, row, 5);
    ss->ended = i64_or_0(r, row, 6);
}

/* A credential by the digest of its secret, with its account (columns 7 on). */
static enum kerr_code find_credential(struct store_pg *s, struct pg_stmt *st, const char *digest,
                                      struct arena *a, pg_reader *read, void *out,
                                      struct user *user, const char *what, struct kerr *e)
{
    struct pg_params p = {0};
    pg_p_text(&p, digest);
    enum kerr_code rc;
    PGresult *r = pg_run(s, st, &p, e, what, &rc);
    if (!r)
        return rc;
    if (!PQntuples(r)) {
        PQclear(r);
        return kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no such %s", what);
    }
    read(r, 0, a, out);
    read_cred_user(r, 0, 7, a, user);
    PQclear(r);
    return KITH_OK;
}

/* An insert that returns the new row's id. */
static enum kerr_code insert_id(struct store_pg *s, struct pg_stmt *st, const struct pg_params *p,
                                int64_t user_id, int64_t *id, const char *doing, struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = pg_run(s, st, p, e, doing, &rc);
    if (!r)
        return missing_ref(s, rc, 0, user_id, e);
    *id = pg_i64(r, 0, 0);
    PQclear(r);
    return KITH_OK;
}

enum kerr_code pg_token_add(struct store *base, struct api_token *t, struct kerr *e)
{
    enum kerr_code rc = check_token(t, e);
    if (rc)
        return rc;
    struct pg_params p = {0};
    pg_p_i64(&p, t->user_id);
    pg_p_text(&p, t->name);
    pg_p_text(&p, t->token_digest);
    pg_p_i64(&p, t->created);
    pg_p_id(&p, t->expires);
    return insert_id(pg(base), &token_add_sql, &p, t->user_id, &t->id, "adding an API token", e);
}

enum kerr_code pg_token_find(struct store *base, const char *digest, struct arena *a,
                             struct api_token *out, struct user *user, struct kerr *e)
{
    return find_credential(pg(base), &token_find_sql, digest, a, read_token, out, user, "API token",
                           e);
}

enum kerr_code pg_token_list(struct store *base, struct arena *a, struct api_token **out, size_t *n,
                             struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &token_list_sql, NULL, e, "listing API tokens", &rc);
    *out = NULL;
    *n = 0;
    if (!r)
        return rc;
    pg_rows(r, a, sizeof(**out), read_token, (void **)out, n);
    return KITH_OK;
}

/* Run an UPDATE of one row by id with a time; `*changed` says whether it matched. */
static enum kerr_code update_at(struct store_pg *s, struct pg_stmt *st, int64_t id, int64_t now,
                                int64_t *changed, const char *doing, struct kerr *e)
{
    struct pg_params p = {0};
    pg_p_i64(&p, id);
    pg_p_i64(&p, now);
    return pg_exec_stmt(s, st, &p, changed, e, doing);
}

enum kerr_code pg_token_revoke(struct store *base, int64_t id, int64_t now, struct kerr *e)
{
    int64_t changed = 0;
    enum kerr_code rc =
        update_at(pg(base), &token_revoke_sql, id, now, &changed, "revoking an API token", e);
    if (!rc && !changed)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing API token with id %lld",
                       (long long)id);
    return rc;
}

enum kerr_code pg_session_add(struct store *base, struct session *ss, struct kerr *e)
{
    enum kerr_code rc = check_session(ss, e);
    if (rc)
        return rc;
    struct pg_params p = {0};
    pg_p_text(&p, ss->token_digest);
    pg_p_i64(&p, ss->user_id);
    pg_p_text(&p, ss->csrf);
    pg_p_i64(&p, ss->created);
    pg_p_i64(&p, ss->last_seen);
    return insert_id(pg(base), &session_add_sql, &p, ss->user_id, &ss->id, "starting a session", e);
}

enum kerr_code pg_session_find(struct store *base, const char *digest, struct arena *a,
                               struct session *out, struct user *user, struct kerr *e)
{
    return find_credential(pg(base), &session_find_sql, digest, a, read_session, out, user,
                           "session", e);
}

enum kerr_code pg_session_touch(struct store *base, int64_t id, int64_t now, struct kerr *e)
{
    return update_at(pg(base), &session_touch_sql, id, now, NULL, "updating a session", e);
}

enum kerr_code pg_session_end(struct store *base, int64_t id, int64_t now, struct kerr *e)
{
    return update_at(pg(base), &session_end_sql, id, now, NULL, "updating a session", e);
}

enum kerr_code pg_session_end_user(struct store *base, int64_t user_id, int64_t keep, int64_t now,
                                   struct kerr *e)
{
    struct pg_params p = {0};
    pg_p_i64(&p, user_id);
    pg_p_i64(&p, now);
    pg_p_i64(&p, keep);
    return pg_exec_stmt(pg(base), &session_end_user_sql, &p, NULL, e, "ending sessions");
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
