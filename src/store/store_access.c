/*
 * Access records, written once for every backend through store_sql.h: user accounts, API
 * tokens, sign-in sessions, restricted records with their allow-lists, and access
 * grants. The only words that differ are how a username's case is folded (SQLite's
 * NOCASE, PostgreSQL's lower(... COLLATE "C"): each the form its database's unique index
 * on usernames answers), kept side by side as a store_sql_pair.
 */
#include <stdio.h>

#include "store/store.h"
#include "store/store_check.h"
#include "store/store_sql.h"

#define USER_COLS "u.id, u.username, u.worker_id, u.role, u.disabled, u.created, u.password_hash"
/* The account beside a credential: using one never needs the password hash. */
#define CRED_USER_COLS "u.id, u.username, u.worker_id, u.role, u.disabled, u.created"
#define TOKEN_COLS "t.id, t.user_id, t.name, t.token_digest, t.created, t.expires, t.revoked"
#define SESSION_COLS                                                                               \
    "ss.id, ss.user_id, ss.token_digest, ss.csrf, ss.created, ss.last_seen, ss.ended"
#define PG_FOLD(col) "lower((" col ") COLLATE \"C\")"

static struct store_sql user_add_sql =
    STORE_SQL("INSERT INTO user_account(username, worker_id, role, disabled, created) "
              "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
static struct store_sql_pair user_list_sql = STORE_SQL_PAIR(
    "SELECT " USER_COLS " FROM user_account u ORDER BY u.username COLLATE NOCASE, u.id",
    "SELECT " USER_COLS " FROM user_account u ORDER BY " PG_FOLD("u.username") ", u.id");
static struct store_sql_pair user_find_sql =
    STORE_SQL_PAIR("SELECT " USER_COLS " FROM user_account u WHERE u.username = ?1 COLLATE NOCASE",
                   "SELECT " USER_COLS
                   " FROM user_account u WHERE " PG_FOLD("u.username") " = " PG_FOLD("$1::text"));
static struct store_sql user_set_password_sql =
    STORE_SQL("UPDATE user_account SET password_hash = ?2 WHERE id = ?1");
static struct store_sql user_set_disabled_sql =
    STORE_SQL("UPDATE user_account SET disabled = ?2 WHERE id = ?1");
static struct store_sql session_end_user_sql =
    STORE_SQL("UPDATE session SET ended = ?2 WHERE user_id = ?1 AND ended IS NULL AND id <> ?3");
static struct store_sql token_add_sql =
    STORE_SQL("INSERT INTO api_token(user_id, name, token_digest, created, expires) "
              "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
static struct store_sql token_find_sql =
    STORE_SQL("SELECT " TOKEN_COLS ", " CRED_USER_COLS " FROM api_token t "
              "JOIN user_account u ON u.id = t.user_id WHERE t.token_digest = ?1");
static struct store_sql token_list_sql =
    STORE_SQL("SELECT " TOKEN_COLS " FROM api_token t ORDER BY t.id");
static struct store_sql token_revoke_sql =
    STORE_SQL("UPDATE api_token SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL");
static struct store_sql session_add_sql =
    STORE_SQL("INSERT INTO session(token_digest, user_id, csrf, created, last_seen) "
              "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
static struct store_sql session_find_sql =
    STORE_SQL("SELECT " SESSION_COLS ", " CRED_USER_COLS " FROM session ss "
              "JOIN user_account u ON u.id = ss.user_id WHERE ss.token_digest = ?1");
static struct store_sql session_touch_sql =
    STORE_SQL("UPDATE session SET last_seen = ?2 WHERE id = ?1 AND ended IS NULL");
static struct store_sql session_end_sql =
    STORE_SQL("UPDATE session SET ended = ?2 WHERE id = ?1 AND ended IS NULL");
static struct store_sql restriction_set_sql = STORE_SQL(
    "INSERT INTO restriction(child_id, reason, authoriser, review_date, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(child_id) DO UPDATE SET reason = excluded.reason, "
    "authoriser = excluded.authoriser, review_date = excluded.review_date");
static struct store_sql restriction_get_sql =
    STORE_SQL("SELECT child_id, reason, authoriser, review_date, created "
              "FROM restriction WHERE child_id = ?1");
static struct store_sql restriction_delete_sql =
    STORE_SQL("DELETE FROM restriction WHERE child_id = ?1");
static struct store_sql allow_clear_sql =
    STORE_SQL("DELETE FROM restriction_allow WHERE child_id = ?1");
static struct store_sql allow_add_sql =
    STORE_SQL("INSERT INTO restriction_allow(child_id, user_id) VALUES (?1, ?2) "
              "ON CONFLICT DO NOTHING");
static struct store_sql allow_list_sql =
    STORE_SQL("SELECT user_id FROM restriction_allow WHERE child_id = ?1 ORDER BY user_id");
static struct store_sql grant_add_sql =
    STORE_SQL("INSERT INTO access_grant(user_id, child_id, reason, granted_by, granted, "
              "expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
static struct store_sql grant_revoke_sql =
    STORE_SQL("UPDATE access_grant SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL");

/* An UPDATE of one row by id (?1) with a second value (?2); `*changed` says whether it
 * matched. */
static enum kerr_code update_one(struct store *s, struct store_sql *q, int64_t id, const char *v,
                                 int64_t *changed, const char *doing, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, id);
    sp_text(&p, v);
    return store_q(s, q, &p, NULL, NULL, changed, doing, e);
}

static enum kerr_code update_at(struct store *s, struct store_sql *q, int64_t id, int64_t at,
                                int64_t *changed, const char *doing, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, at);
    return update_one(s, q, id, p.v[0], changed, doing, e);
}

/* --- user accounts --------------------------------------------------------------------- */

static void read_user_at(const char *const *v, const size_t *len, struct arena *a, struct user *u,
                         bool hash)
{
    u->id = sc_i64(v[0]);
    u->username = sc_name(a, v[1], len[1]);
    u->worker_id = sc_i64(v[2]);
    u->role = (enum user_role)sc_i64(v[3]);
    u->disabled = sc_i64(v[4]) != 0;
    u->created = sc_date(v[5], len[5]);
    u->password_hash = hash ? sc_str(a, v[6], len[6]) : NULL;
}

static void read_user(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    read_user_at(v, len, a, out, true);
}

enum kerr_code store_user_add(struct store *s, struct user *u, struct kerr *e)
{
    enum kerr_code rc = check_user(u, e);
    if (rc)
        return rc;
    kdate created = u->created == DATE_NONE ? date_today() : u->created;
    struct store_params p = {0};
    sp_text(&p, u->username);
    sp_id(&p, u->worker_id);
    sp_i64(&p, (int64_t)u->role);
    sp_bool(&p, u->disabled);
    sp_date(&p, created);
    int64_t id;
    rc = store_q_int(s, &user_add_sql, &p, &id, "adding a user", e);
    if (rc) {
        /* SQLite names the column its NOCASE index is on, PostgreSQL the index on lower() */
        const struct store_clash clashes[] = {
            {"user_account.username", "username", "username '%s' is already taken", u->username},
            {"index 'user_account_username'", "username", "username '%s' is already taken",
             u->username},
        };
        const struct store_ref refs[] = {
            {"user_account.worker_id", &store_worker_exists, u->worker_id, "worker_id", "worker"}};
        return store_write_fail(s, rc, e, clashes, 2, refs, 1);
    }
    u->id = id;
    u->created = created;
    return KITH_OK;
}

enum kerr_code store_user_list(struct store *s, struct arena *a, struct user **out, size_t *n,
                               struct kerr *e)
{
    return store_q_rows(s, store_sql_of(s, &user_list_sql), NULL, a, sizeof(**out), read_user,
                        (void **)out, n, "listing users", e);
}

enum kerr_code store_user_find(struct store *s, const char *username, struct arena *a,
                               struct user *out, struct kerr *e)
{
    struct store_params p = {0};
    sp_text(&p, username);
    bool found;
    enum kerr_code rc = store_q_one(s, store_sql_of(s, &user_find_sql), &p, a, read_user, out,
                                    &found, "finding a user", e);
    if (!rc && !found)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no user '%s'", username);
    return rc;
}

static enum kerr_code no_user(int64_t changed, int64_t user_id, struct kerr *e)
{
    return changed ? KITH_OK
                   : kerr_fail(e, KITH_E_NOT_FOUND, "user_id", "there is no user with id %lld",
                               (long long)user_id);
}

enum kerr_code store_user_set_password(struct store *s, int64_t user_id, const char *hash,
                                       struct kerr *e)
{
    int64_t changed = 0;
    enum kerr_code rc =
        update_one(s, &user_set_password_sql, user_id, hash, &changed, "setting a password", e);
    return rc ? rc : no_user(changed, user_id, e);
}

enum kerr_code store_user_set_disabled(struct store *s, int64_t user_id, bool disabled, int64_t now,
                                       struct kerr *e)
{
    /* The account and its sessions change together or not at all. */
    bool wrapped = false;
    enum kerr_code rc = s->ops->write_begin(s, &wrapped, e);
    int64_t changed = 0;
    if (!rc)
        rc = update_one(s, &user_set_disabled_sql, user_id, disabled ? "1" : "0", &changed,
                        "disabling a user", e);
    if (!rc)
        rc = no_user(changed, user_id, e);
    if (!rc && disabled)
        rc = store_session_end_user(s, user_id, 0, now, e);
    return s->ops->write_end(s, wrapped, rc, e);
}

/* --- API tokens and sessions ------------------------------------------------------------ */

static void read_token(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct api_token *t = out;
    t->id = sc_i64(v[0]);
    t->user_id = sc_i64(v[1]);
    t->name = sc_name(a, v[2], len[2]);
    t->token_digest = sc_name(a, v[3], len[3]);
    t->created = sc_i64(v[4]);
    t->expires = sc_i64(v[5]);
    t->revoked = sc_i64(v[6]);
}

static void read_session(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct session *ss = out;
    ss->id = sc_i64(v[0]);
    ss->user_id = sc_i64(v[1]);
    ss->token_digest = sc_name(a, v[2], len[2]);
    ss->csrf = sc_name(a, v[3], len[3]);
    ss->created = sc_i64(v[4]);
    ss->last_seen = sc_i64(v[5]);
    ss->ended = sc_i64(v[6]);
}

/* A credential by the digest of its secret, with its account in the columns after the
 * credential's seven. */
struct credential {
    store_read_fn *read;
    void *out;
    struct user *user;
    struct arena *a;
    bool found;
};

static enum kerr_code read_credential(void *ctx, const char *const *v, const size_t *len,
                                      struct kerr *e)
{
    (void)e;
    struct credential *c = ctx;
    c->read(v, len, c->a, c->out);
    read_user_at(v + 7, len + 7, c->a, c->user, false);
    c->found = true;
    return KITH_OK;
}

static enum kerr_code find_credential(struct store *s, struct store_sql *q, const char *digest,
                                      struct arena *a, store_read_fn *read, void *out,
                                      struct user *user, const char *what, struct kerr *e)
{
    struct store_params p = {0};
    sp_text(&p, digest);
    struct credential c = {.read = read, .out = out, .user = user, .a = a};
    enum kerr_code rc = store_q(s, q, &p, read_credential, &c, NULL, what, e);
    if (!rc && !c.found)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no such %s", what);
    return rc;
}

/* An insert of a credential returning its id; the one record it refers to is the user. */
static enum kerr_code add_credential(struct store *s, struct store_sql *q,
                                     const struct store_params *p, const char *table,
                                     int64_t user_id, int64_t *id, const char *doing,
                                     struct kerr *e)
{
    enum kerr_code rc = store_q_int(s, q, p, id, doing, e);
    if (!rc)
        return KITH_OK;
    char key[64];
    snprintf(key, sizeof key, "%s.user_id", table);
    const struct store_ref refs[] = {{key, &store_user_exists, user_id, "user_id", "user"}};
    return store_write_fail(s, rc, e, NULL, 0, refs, 1);
}

enum kerr_code store_token_add(struct store *s, struct api_token *t, struct kerr *e)
{
    enum kerr_code rc = check_token(t, e);
    if (rc)
        return rc;
    struct store_params p = {0};
    sp_i64(&p, t->user_id);
    sp_text(&p, t->name);
    sp_text(&p, t->token_digest);
    sp_i64(&p, t->created);
    sp_id(&p, t->expires);
    return add_credential(s, &token_add_sql, &p, "api_token", t->user_id, &t->id,
                          "adding an API token", e);
}

enum kerr_code store_token_find(struct store *s, const char *digest, struct arena *a,
                                struct api_token *out, struct user *user, struct kerr *e)
{
    return find_credential(s, &token_find_sql, digest, a, read_token, out, user, "API token", e);
}

enum kerr_code store_token_list(struct store *s, struct arena *a, struct api_token **out, size_t *n,
                                struct kerr *e)
{
    return store_q_rows(s, &token_list_sql, NULL, a, sizeof(**out), read_token, (void **)out, n,
                        "listing API tokens", e);
}

enum kerr_code store_token_revoke(struct store *s, int64_t id, int64_t now, struct kerr *e)
{
    int64_t changed = 0;
    enum kerr_code rc =
        update_at(s, &token_revoke_sql, id, now, &changed, "revoking an API token", e);
    if (!rc && !changed)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing API token with id %lld",
                       (long long)id);
    return rc;
}

enum kerr_code store_session_add(struct store *s, struct session *ss, struct kerr *e)
{
    enum kerr_code rc = check_session(ss, e);
    if (rc)
        return rc;
    struct store_params p = {0};
    sp_text(&p, ss->token_digest);
    sp_i64(&p, ss->user_id);
    sp_text(&p, ss->csrf);
    sp_i64(&p, ss->created);
    sp_i64(&p, ss->last_seen);
    return add_credential(s, &session_add_sql, &p, "session", ss->user_id, &ss->id,
                          "starting a session", e);
}

enum kerr_code store_session_find(struct store *s, const char *digest, struct arena *a,
                                  struct session *out, struct user *user, struct kerr *e)
{
    return find_credential(s, &session_find_sql, digest, a, read_session, out, user, "session", e);
}

enum kerr_code store_session_touch(struct store *s, int64_t id, int64_t now, struct kerr *e)
{
    return update_at(s, &session_touch_sql, id, now, NULL, "updating a session", e);
}

enum kerr_code store_session_end(struct store *s, int64_t id, int64_t now, struct kerr *e)
{
    return update_at(s, &session_end_sql, id, now, NULL, "updating a session", e);
}

enum kerr_code store_session_end_user(struct store *s, int64_t user_id, int64_t keep, int64_t now,
                                      struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, user_id);
    sp_i64(&p, now);
    sp_i64(&p, keep);
    return store_q(s, &session_end_user_sql, &p, NULL, NULL, NULL, "ending sessions", e);
}

/* --- restricted records ------------------------------------------------------------------ */

static struct store_ref no_child(const char *table, int64_t child_id)
{
    return (struct store_ref){table, &store_person_exists, child_id, "child_id", "person"};
}

enum kerr_code store_restriction_set(struct store *s, const struct restriction *r, struct kerr *e)
{
    enum kerr_code rc = check_restriction(r, e);
    if (rc)
        return rc;
    bool wrapped = false;
    rc = s->ops->write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    struct store_params p = {0};
    sp_i64(&p, r->child_id);
    sp_text(&p, r->reason);
    sp_text(&p, r->authoriser);
    sp_date(&p, r->review);
    sp_date(&p, r->created == DATE_NONE ? date_today() : r->created);
    rc = store_q(s, &restriction_set_sql, &p, NULL, NULL, NULL, "restricting a record", e);
    if (rc) {
        const struct store_ref refs[] = {no_child("restriction.child_id", r->child_id)};
        rc = store_write_fail(s, rc, e, NULL, 0, refs, 1);
    }
    p.n = 1;
    if (!rc)
        rc = store_q(s, &allow_clear_sql, &p, NULL, NULL, NULL, "restricting a record", e);
    for (size_t i = 0; i < r->nallow && !rc; i++) {
        p.n = 1;
        sp_i64(&p, r->allow[i]);
        rc = store_q(s, &allow_add_sql, &p, NULL, NULL, NULL, "restricting a record", e);
        if (rc) {
            const struct store_ref refs[] = {
                {"restriction_allow.user_id", &store_user_exists, r->allow[i], "allow", "user"}};
            rc = store_write_fail(s, rc, e, NULL, 0, refs, 1);
        }
    }
    return s->ops->write_end(s, wrapped, rc, e);
}

static void read_restriction(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    *(struct restriction *)out = (struct restriction){.child_id = sc_i64(v[0]),
                                                      .reason = sc_name(a, v[1], len[1]),
                                                      .authoriser = sc_name(a, v[2], len[2]),
                                                      .review = sc_date(v[3], len[3]),
                                                      .created = sc_date(v[4], len[4])};
}

static void read_id(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    (void)len;
    (void)a;
    *(int64_t *)out = sc_i64(v[0]);
}

enum kerr_code store_restriction_get(struct store *s, int64_t child_id, struct arena *a,
                                     struct restriction *out, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, child_id);
    bool found;
    enum kerr_code rc = store_q_one(s, &restriction_get_sql, &p, a, read_restriction, out, &found,
                                    "reading a restriction", e);
    if (!rc && !found)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                       "the record of person %lld is not restricted", (long long)child_id);
    if (rc)
        return rc;
    void *ids;
    rc = store_q_rows(s, &allow_list_sql, &p, a, sizeof(int64_t), read_id, &ids, &out->nallow,
                      "reading a restriction", e);
    out->allow = ids;
    return rc;
}

enum kerr_code store_restriction_lift(struct store *s, int64_t child_id, struct kerr *e)
{
    bool wrapped = false;
    enum kerr_code rc = s->ops->write_begin(s, &wrapped, e);
    struct store_params p = {0};
    sp_i64(&p, child_id);
    int64_t gone = 0;
    if (!rc)
        rc = store_q(s, &allow_clear_sql, &p, NULL, NULL, NULL, "lifting a restriction", e);
    if (!rc)
        rc = store_q(s, &restriction_delete_sql, &p, NULL, NULL, &gone, "lifting a restriction", e);
    if (!rc && !gone)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                       "the record of person %lld is not restricted", (long long)child_id);
    return s->ops->write_end(s, wrapped, rc, e);
}

/* --- grants ------------------------------------------------------------------------------- */

enum kerr_code store_grant_add(struct store *s, struct access_grant *g, struct kerr *e)
{
    enum kerr_code rc = check_grant(g, e);
    if (rc)
        return rc;
    struct store_params p = {0};
    sp_i64(&p, g->user_id);
    sp_i64(&p, g->child_id);
    sp_text(&p, g->reason);
    sp_text(&p, g->granted_by);
    sp_date(&p, g->granted);
    sp_date(&p, g->expires);
    rc = store_q_int(s, &grant_add_sql, &p, &g->id, "granting access", e);
    if (rc) {
        const struct store_ref refs[] = {
            {"access_grant.user_id", &store_user_exists, g->user_id, "user_id", "user"},
            no_child("access_grant.child_id", g->child_id)};
        rc = store_write_fail(s, rc, e, NULL, 0, refs, 2);
    }
    return rc;
}

enum kerr_code store_grant_revoke(struct store *s, int64_t id, kdate day, struct kerr *e)
{
    struct store_params p = {0};
    sp_date(&p, day == DATE_NONE ? date_today() : day);
    int64_t changed = 0;
    enum kerr_code rc =
        update_one(s, &grant_revoke_sql, id, p.v[0], &changed, "revoking a grant", e);
    if (!rc && !changed)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing grant with id %lld", (long long)id);
    return rc;
}
