/*
 * The recruitment back office's own statements (store_recruit.h), written once for every
 * backend through store_sql.h (one text each: the placeholders are SQLite's, which the
 * PostgreSQL backend reads as its own). A CV's bytes go in as base64 text,
 * which both backends bind as an ordinary text parameter; its digest is kept beside it so
 * a recruiter's copy can be checked against what was received.
 */
#include "store/store_recruit.h"

#include <string.h>

#include "core/crypto.h"
#include "store/store_impl.h"
#include "store/store_sql.h"

static struct store_sql cv_put_sql =
    STORE_SQL("INSERT INTO application_cv (application_id, digest, content) VALUES (?1, ?2, ?3)");
static struct store_sql cv_get_sql =
    STORE_SQL("SELECT content, digest FROM application_cv WHERE application_id = ?1");
static struct store_sql cv_delete_sql =
    STORE_SQL("DELETE FROM application_cv WHERE application_id = ?1");
static struct store_sql by_digest_sql =
    STORE_SQL("SELECT id FROM application WHERE withdraw_digest = ?1");

enum kerr_code store_cv_put(struct store *s, int64_t application_id, const void *data, size_t len,
                            struct arena *a, struct kerr *e)
{
    char digest[KCRYPTO_DIGEST_TEXT];
    kcrypto_digest_hex(data, len, digest);
    struct store_params p = {0};
    sp_i64(&p, application_id);
    sp_text(&p, digest);
    sp_text(&p, kcrypto_base64(data, len, a));
    return store_q(s, &cv_put_sql, &p, NULL, NULL, NULL, "keeping a CV", e);
}

struct cv_read {
    struct arena *a;
    const void *data;
    size_t len;
    const char *digest;
    bool found, bad;
};

static enum kerr_code read_cv(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct cv_read *r = ctx;
    r->found = true;
    r->data = v[0] ? kcrypto_unbase64(v[0], len[0], r->a, &r->len) : NULL;
    r->bad = !r->data;
    r->digest = arena_strdup(r->a, v[1] ? v[1] : "");
    return KITH_OK;
}

enum kerr_code store_cv_get(struct store *s, int64_t application_id, struct arena *a,
                            const void **data, size_t *len, const char **digest, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, application_id);
    struct cv_read r = {.a = a};
    enum kerr_code rc = store_q(s, &cv_get_sql, &p, read_cv, &r, NULL, "reading a CV", e);
    if (rc)
        return rc;
    if (!r.found)
        return kerr_fail(e, KITH_E_NOT_FOUND, "cv", "the application has no CV");
    if (r.bad)
        return kerr_fail(e, KITH_E_DB_CORRUPT, "cv", "the CV of application %lld is not base64",
                         (long long)application_id);
    *data = r.data;
    *len = r.len;
    *digest = r.digest;
    return KITH_OK;
}

enum kerr_code store_cv_delete(struct store *s, int64_t application_id, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, application_id);
    return store_q(s, &cv_delete_sql, &p, NULL, NULL, NULL, "deleting a CV", e);
}

enum kerr_code store_application_by_digest(struct store *s, const char *digest, int64_t *id,
                                           struct kerr *e)
{
    *id = 0;
    struct store_params p = {0};
    sp_text(&p, digest);
    enum kerr_code rc = store_q_int(s, &by_digest_sql, &p, id, "finding an application", e);
    if (!rc && !*id)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "link", "there is no application with this link");
    return rc;
}
