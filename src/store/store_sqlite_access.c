/*
 * The SQLite backend's access records: API tokens, sign-in sessions, restricted records
 * and their allow-lists, and access grants.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_sqlite_impl.h"

#define TOKEN_COLS "t.id, t.user_id, t.name, t.token_digest, t.created, t.expires, t.revoked"
#define SESSION_COLS                                                                               \
    "ss.id, ss.user_id, ss.token_digest, ss.csrf, ss.created, ss.last_seen, ss.ended"

static struct store_sql user_exists_sql = SQ_SQL("SELECT 1 FROM user_account WHERE id = ?1");
static struct store_sql token_add_sql =
    SQ_SQL("INSERT INTO api_token(user_id, name, token_digest, created, expires) "
           "VALUES (?1, ?2, ?3, ?4, ?5)");
static struct store_sql token_find_sql =
    SQ_SQL("SELECT " TOKEN_COLS ", " USER_COLS " FROM api_token t "
           "JOIN user_account u ON u.id = t.user_id WHERE t.token_digest = ?1");
static struct store_sql token_list_sql =
    SQ_SQL("SELECT " TOKEN_COLS " FROM api_token t ORDER BY t.id");
static struct store_sql token_revoke_sql =
    SQ_SQL("UPDATE api_token SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL");
static struct store_sql session_add_sql =
    SQ_SQL("INSERT INTO session(token_digest, user_id, csrf, created, last_seen) "
           "VALUES (?1, ?2, ?3, ?4, ?5)");
static struct store_sql session_find_sql =
    SQ_SQL("SELECT " SESSION_COLS ", " USER_COLS " FROM session ss "
           "JOIN user_account u ON u.id = ss.user_id WHERE ss.token_digest = ?1");
static struct store_sql session_touch_sql =
    SQ_SQL("UPDATE session SET last_seen = ?2 WHERE id = ?1 AND ended IS NULL");
static struct store_sql session_end_sql =
    SQ_SQL("UPDATE session SET ended = ?2 WHERE id = ?1 AND ended IS NULL");
static struct store_sql restriction_set_sql = SQ_SQL(
    "INSERT INTO restriction(child_id, reason, authoriser, review_date, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(child_id) DO UPDATE SET reason = excluded.reason, "
    "authoriser = excluded.authoriser, review_date = excluded.review_date");
static struct store_sql restriction_get_sql =
    SQ_SQL("SELECT child_id, reason, authoriser, review_date, created "
           "FROM restriction WHERE child_id = ?1");
static struct store_sql restriction_delete_sql =
    SQ_SQL("DELETE FROM restriction WHERE child_id = ?1");
static struct store_sql allow_clear_sql =
    SQ_SQL("DELETE FROM restriction_allow WHERE child_id = ?1");
static struct store_sql allow_add_sql =
    SQ_SQL("INSERT INTO restriction_allow(child_id, user_id) VALUES (?1, ?2) "
           "ON CONFLICT DO NOTHING");
static struct store_sql allow_list_sql =
    SQ_SQL("SELECT user_id FROM restriction_allow WHERE child_id = ?1 ORDER BY user_id");
static struct store_sql grant_add_sql =
    SQ_SQL("INSERT INTO access_grant(user_id, child_id, reason, granted_by, granted, "
           "expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
static struct store_sql grant_revoke_sql =
    SQ_SQL("UPDATE access_grant SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL");

/* --- API tokens ------------------------------------------------------------------------ */

static void read_token(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct api_token *t = out;
    t->id = sqlite3_column_int64(st, 0);
    t->user_id = sqlite3_column_int64(st, 1);
    t->name = sq_col_name(st, 2, a);
    t->token_digest = sq_col_name(st, 3, a);
    t->created = sqlite3_column_int64(st, 4);
    t->expires = sqlite3_column_int64(st, 5);
    t->revoked = sqlite3_column_int64(st, 6);
}

enum kerr_code sqlite_token_add(struct store *base, struct api_token *t, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_token(t, e);
    if (bad)
        return bad;
    sqlite3_stmt *st = sq_stmt(s, &token_add_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, t->user_id);
    sq_bind_text(st, 2, t->name);
    sq_bind_text(st, 3, t->token_digest);
    sqlite3_bind_int64(st, 4, t->created);
    if (t->expires)
        sqlite3_bind_int64(st, 5, t->expires);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE)
        t->id = sqlite3_last_insert_rowid(s->db);
    else {
        const struct reference refs[] = {{&user_exists_sql, t->user_id, "user_id", "user"}};
        rc = sq_write_fail(s, e, "adding an API token", NULL, 0, refs, 1);
    }
    sq_done(st);
    return rc;
}

/* A credential (session or API token) by the digest of its secret, with its account, whose
 * columns follow the credential's seven. The password hash is not read: using a
 * credential never needs it. */
static enum kerr_code find_credential(struct store_sqlite *s, struct store_sql *id,
                                      const char *digest, struct arena *a,
                                      void (*reader)(sqlite3_stmt *, struct arena *, void *),
                                      void *out, struct user *user, const char *what,
                                      struct kerr *e)
{
    sqlite3_stmt *st = sq_stmt(s, id, e);
    if (!st)
        return sq_no_stmt(e);
    sq_bind_text(st, 1, digest);
    int rc = sqlite3_step(st);
    enum kerr_code code = KITH_OK;
    if (rc == SQLITE_ROW) {
        reader(st, a, out);
        sq_read_user_at(st, a, user, 7);
        user->password_hash = NULL;
    } else if (rc == SQLITE_DONE)
        code = kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no such %s", what);
    else
        code = sq_fail(s, e, arena_printf(a, "reading a %s", what));
    sq_done(st);
    return code;
}

enum kerr_code sqlite_token_find(struct store *base, const char *digest, struct arena *a,
                                 struct api_token *out, struct user *user, struct kerr *e)
{
    return find_credential(sq(base), &token_find_sql, digest, a, read_token, out, user, "API token",
                           e);
}

enum kerr_code sqlite_token_list(struct store *base, struct arena *a, struct api_token **out,
                                 size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &token_list_sql, e);
    if (!st)
        return sq_no_stmt(e);
    return sq_read_rows(s, st, a, sizeof(**out), 0, read_token, (void **)out, n, e);
}

enum kerr_code sqlite_token_revoke(struct store *base, int64_t id, int64_t now, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &token_revoke_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = sq_fail(s, e, "revoking an API token");
    else if (sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing API token with id %lld",
                       (long long)id);
    sq_done(st);
    return rc;
}

/* --- sessions -------------------------------------------------------------------------- */

static void read_session(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct session *ss = out;
    int c = 0;
    ss->id = sqlite3_column_int64(st, c++);
    ss->user_id = sqlite3_column_int64(st, c++);
    ss->token_digest = sq_col_name(st, c++, a);
    ss->csrf = sq_col_name(st, c++, a);
    ss->created = sqlite3_column_int64(st, c++);
    ss->last_seen = sqlite3_column_int64(st, c++);
    ss->ended = sqlite3_column_int64(st, c++);
}

enum kerr_code sqlite_session_add(struct store *base, struct session *ss, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_session(ss, e);
    if (bad)
        return bad;
    sqlite3_stmt *st = sq_stmt(s, &session_add_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sq_bind_text(st, 1, ss->token_digest);
    sqlite3_bind_int64(st, 2, ss->user_id);
    sq_bind_text(st, 3, ss->csrf);
    sqlite3_bind_int64(st, 4, ss->created);
    sqlite3_bind_int64(st, 5, ss->last_seen);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE)
        ss->id = sqlite3_last_insert_rowid(s->db);
    else {
        const struct reference refs[] = {{&user_exists_sql, ss->user_id, "user_id", "user"}};
        rc = sq_write_fail(s, e, "starting a session", NULL, 0, refs, 1);
    }
    sq_done(st);
    return rc;
}

enum kerr_code sqlite_session_find(struct store *base, const char *digest, struct arena *a,
                                   struct session *out, struct user *user, struct kerr *e)
{
    return find_credential(sq(base), &session_find_sql, digest, a, read_session, out, user,
                           "session", e);
}

static enum kerr_code session_update(struct store_sqlite *s, struct store_sql *id,
                                     int64_t session_id, int64_t now, struct kerr *e)
{
    sqlite3_stmt *st = sq_stmt(s, id, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int64(st, 2, now);
    enum kerr_code rc =
        sqlite3_step(st) == SQLITE_DONE ? KITH_OK : sq_fail(s, e, "updating a session");
    sq_done(st);
    return rc;
}

enum kerr_code sqlite_session_touch(struct store *base, int64_t id, int64_t now, struct kerr *e)
{
    return session_update(sq(base), &session_touch_sql, id, now, e);
}

enum kerr_code sqlite_session_end(struct store *base, int64_t id, int64_t now, struct kerr *e)
{
    return session_update(sq(base), &session_end_sql, id, now, e);
}

enum kerr_code sqlite_session_end_user(struct store *base, int64_t user_id, int64_t keep,
                                       int64_t now, struct kerr *e)
{
    return sq_end_user_sessions(sq(base), user_id, keep, now, e);
}

/* --- restricted records and grants ------------------------------------------------------ */

/* One statement bound with a child id and (optionally) a second id, run to done. */
static enum kerr_code run_ids(struct store_sqlite *s, struct store_sql *id, int64_t a, int64_t b,
                              const char *what, struct kerr *e)
{
    sqlite3_stmt *st = sq_stmt(s, id, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, a);
    if (b)
        sqlite3_bind_int64(st, 2, b);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE) {
        const struct reference refs[] = {{&person_exists_sql, a, "child_id", "person"},
                                         {&user_exists_sql, b, "user_id", "user"}};
        rc = sq_write_fail(s, e, what, NULL, 0, refs, b ? 2 : 1);
    }
    sq_done(st);
    return rc;
}

enum kerr_code sqlite_restriction_set(struct store *base, const struct restriction *r,
                                      struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_restriction(r, e);
    if (bad)
        return bad;
    bool wrapped;
    enum kerr_code rc = sq_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, &restriction_set_sql, e);
    if (!st)
        return sq_write_end(s, wrapped, sq_no_stmt(e), e);
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, r->child_id);
    sq_bind_text(st, 2, r->reason);
    sq_bind_text(st, 3, r->authoriser);
    sq_bind_date(st, 4, r->review, d1);
    sq_bind_date(st, 5, r->created == DATE_NONE ? date_today() : r->created, d2);
    if (sqlite3_step(st) != SQLITE_DONE) {
        const struct reference refs[] = {{&person_exists_sql, r->child_id, "child_id", "person"}};
        rc = sq_write_fail(s, e, "restricting a record", NULL, 0, refs, 1);
    }
    sq_done(st);
    if (!rc)
        rc = run_ids(s, &allow_clear_sql, r->child_id, 0, "restricting a record", e);
    for (size_t i = 0; i < r->nallow && !rc; i++)
        rc = run_ids(s, &allow_add_sql, r->child_id, r->allow[i], "restricting a record", e);
    return sq_write_end(s, wrapped, rc, e);
}

enum kerr_code sqlite_restriction_get(struct store *base, int64_t child_id, struct arena *a,
                                      struct restriction *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &restriction_get_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, child_id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        enum kerr_code code =
            rc == SQLITE_DONE
                ? kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                            "the record of person %lld is not restricted", (long long)child_id)
                : sq_fail(s, e, "reading a restriction");
        sq_done(st);
        return code;
    }
    *out = (struct restriction){.child_id = sqlite3_column_int64(st, 0),
                                .reason = sq_col_name(st, 1, a),
                                .authoriser = sq_col_name(st, 2, a),
                                .review = sq_col_date(st, 3),
                                .created = sq_col_date(st, 4)};
    sq_done(st);
    st = sq_stmt(s, &allow_list_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, child_id);
    size_t cap = 8, n = 0;
    int64_t *ids = arena_alloc(a, cap * sizeof *ids);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            int64_t *grown = arena_alloc(a, 2 * cap * sizeof *ids);
            memcpy(grown, ids, n * sizeof *ids);
            ids = grown;
            cap *= 2;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : sq_fail(s, e, "reading a restriction");
    sq_done(st);
    out->allow = ids;
    out->nallow = n;
    return code;
}

enum kerr_code sqlite_restriction_lift(struct store *base, int64_t child_id, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    bool wrapped;
    enum kerr_code rc = sq_write_begin(s, &wrapped, e);
    if (!rc)
        rc = run_ids(s, &allow_clear_sql, child_id, 0, "lifting a restriction", e);
    if (!rc)
        rc = run_ids(s, &restriction_delete_sql, child_id, 0, "lifting a restriction", e);
    if (!rc && sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                       "the record of person %lld is not restricted", (long long)child_id);
    return sq_write_end(s, wrapped, rc, e);
}

enum kerr_code sqlite_grant_add(struct store *base, struct access_grant *g, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_grant(g, e);
    if (bad)
        return bad;
    sqlite3_stmt *st = sq_stmt(s, &grant_add_sql, e);
    if (!st)
        return sq_no_stmt(e);
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, g->user_id);
    sqlite3_bind_int64(st, 2, g->child_id);
    sq_bind_text(st, 3, g->reason);
    sq_bind_text(st, 4, g->granted_by);
    sq_bind_date(st, 5, g->granted, d1);
    sq_bind_date(st, 6, g->expires, d2);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE)
        g->id = sqlite3_last_insert_rowid(s->db);
    else {
        const struct reference refs[] = {{&user_exists_sql, g->user_id, "user_id", "user"},
                                         {&person_exists_sql, g->child_id, "child_id", "person"}};
        rc = sq_write_fail(s, e, "granting access", NULL, 0, refs, 2);
    }
    sq_done(st);
    return rc;
}

enum kerr_code sqlite_grant_revoke(struct store *base, int64_t id, kdate day, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &grant_revoke_sql, e);
    if (!st)
        return sq_no_stmt(e);
    char d[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, id);
    sq_bind_date(st, 2, day == DATE_NONE ? date_today() : day, d);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = sq_fail(s, e, "revoking a grant");
    else if (sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing grant with id %lld", (long long)id);
    sq_done(st);
    return rc;
}
