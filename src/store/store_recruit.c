/*
 * The recruitment back office's own statements (store_recruit.h), written once and run on
 * either backend through the generic statement op. A CV's bytes go in as base64 text,
 * which both backends bind as an ordinary text parameter; its digest is kept beside it so
 * a recruiter's copy can be checked against what was received.
 */
#include "store/store_recruit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "store/store_impl.h"
#include "store/store_sql.h"

/* Each statement in both dialects' placeholders: ?N for SQLite, $N for PostgreSQL. */
struct pair {
    struct store_sql sqlite, pg;
};

static struct pair cv_put = {
    {.sql = "INSERT INTO application_cv (application_id, digest, content) VALUES (?1, ?2, ?3)"},
    {.sql = "INSERT INTO application_cv (application_id, digest, content) VALUES ($1, $2, $3)"}};
static struct pair cv_get = {
    {.sql = "SELECT content, digest FROM application_cv WHERE application_id = ?1"},
    {.sql = "SELECT content, digest FROM application_cv WHERE application_id = $1"}};
static struct pair cv_delete = {{.sql = "DELETE FROM application_cv WHERE application_id = ?1"},
                                {.sql = "DELETE FROM application_cv WHERE application_id = $1"}};
static struct pair by_digest = {{.sql = "SELECT id FROM application WHERE withdraw_digest = ?1"},
                                {.sql = "SELECT id FROM application WHERE withdraw_digest = $1"}};

static enum kerr_code run(struct store *s, struct pair *q, const char *const *p, size_t n,
                          store_row_fn *row, void *ctx, struct kerr *e)
{
    const struct store_dialect *d = s->ops->dialect;
    if (!d || !s->ops->run)
        return kerr_fail(e, KITH_E_DB, "db", "the %s backend cannot keep applications",
                         s->ops->name);
    return store_run_text(s, d->param == '$' ? &q->pg : &q->sqlite, p, n, row, ctx, NULL, e);
}

enum kerr_code store_cv_put(struct store *s, int64_t application_id, const void *data, size_t len,
                            struct arena *a, struct kerr *e)
{
    char id[24], digest[KCRYPTO_DIGEST_TEXT];
    snprintf(id, sizeof id, "%lld", (long long)application_id);
    kcrypto_digest_hex(data, len, digest);
    const char *p[3] = {id, digest, kcrypto_base64(data, len, a)};
    return run(s, &cv_put, p, 3, NULL, NULL, e);
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
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)application_id);
    const char *p[1] = {id};
    struct cv_read r = {.a = a};
    enum kerr_code rc = run(s, &cv_get, p, 1, read_cv, &r, e);
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
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)application_id);
    const char *p[1] = {id};
    return run(s, &cv_delete, p, 1, NULL, NULL, e);
}

static enum kerr_code read_id(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    *(int64_t *)ctx = v[0] ? strtoll(v[0], NULL, 10) : 0;
    return KITH_OK;
}

enum kerr_code store_application_by_digest(struct store *s, const char *digest, int64_t *id,
                                           struct kerr *e)
{
    *id = 0;
    const char *p[1] = {digest};
    enum kerr_code rc = run(s, &by_digest, p, 1, read_id, id, e);
    if (!rc && !*id)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "link", "there is no application with this link");
    return rc;
}
