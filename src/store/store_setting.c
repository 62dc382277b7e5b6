/*
 * The council's settings and counters (store_setting.h), written once and run on either
 * backend through the generic statement op, as store_recruit.c's are. The counter is an
 * upsert with RETURNING (SQLite 3.35 and PostgreSQL alike), so an increment and its read
 * are one statement and two processes never get the same number.
 */
#include "store/store_setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"

/* Each statement in both dialects' placeholders: ?N for SQLite, $N for PostgreSQL. */
struct pair {
    struct store_sql sqlite, pg;
};

static struct pair get_sql = {{.sql = "SELECT value FROM setting WHERE name = ?1"},
                              {.sql = "SELECT value FROM setting WHERE name = $1"}};
static struct pair set_sql = {
    {.sql = "INSERT INTO setting (name, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT "
            "(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"},
    {.sql = "INSERT INTO setting (name, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT "
            "(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"}};
static struct pair next_sql = {
    {.sql = "INSERT INTO setting (name, value, updated_at) VALUES (?1, '1', ?2) ON CONFLICT "
            "(name) DO UPDATE SET value = CAST(CAST(setting.value AS BIGINT) + 1 AS TEXT), "
            "updated_at = excluded.updated_at RETURNING value"},
    {.sql = "INSERT INTO setting (name, value, updated_at) VALUES ($1, '1', $2) ON CONFLICT "
            "(name) DO UPDATE SET value = CAST(CAST(setting.value AS BIGINT) + 1 AS TEXT), "
            "updated_at = excluded.updated_at RETURNING value"}};

static enum kerr_code run(struct store *s, struct pair *q, const char *const *p, size_t n,
                          store_row_fn *row, void *ctx, struct kerr *e)
{
    const struct store_dialect *d = s->ops->dialect;
    if (!d || !s->ops->run)
        return kerr_fail(e, KITH_E_DB, "db", "the %s backend cannot keep settings", s->ops->name);
    return s->ops->run(s, d->param == '$' ? &q->pg : &q->sqlite, p, n, row, ctx, NULL, e);
}

struct got {
    struct arena *a;
    const char *value;
};

static enum kerr_code read_value(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct got *g = ctx;
    g->value = v[0] ? arena_strndup(g->a, v[0], len[0]) : NULL;
    return KITH_OK;
}

enum kerr_code store_setting_get(struct store *s, const char *name, struct arena *a,
                                 const char **value, struct kerr *e)
{
    struct got g = {.a = a};
    const char *p[1] = {name};
    enum kerr_code rc = run(s, &get_sql, p, 1, read_value, &g, e);
    *value = rc ? NULL : g.value;
    return rc;
}

enum kerr_code store_setting_set(struct store *s, const char *name, const char *value, int64_t now,
                                 struct kerr *e)
{
    char at[24];
    snprintf(at, sizeof at, "%lld", (long long)now);
    const char *p[3] = {name, value, at};
    return run(s, &set_sql, p, 3, NULL, NULL, e);
}

enum kerr_code store_setting_next(struct store *s, const char *name, int64_t now, int64_t *out,
                                  struct kerr *e)
{
    char at[24];
    snprintf(at, sizeof at, "%lld", (long long)now);
    const char *p[2] = {name, at};
    struct arena a;
    arena_init(&a, 256);
    struct got g = {.a = &a};
    enum kerr_code rc = run(s, &next_sql, p, 2, read_value, &g, e);
    if (!rc && g.value)
        *out = strtoll(g.value, NULL, 10);
    else if (!rc)
        rc = kerr_fail(e, KITH_E_DB, "db", "counting %s gave no value", name);
    arena_release(&a);
    return rc;
}
