/*
 * The council's settings and counters (store_setting.h), written once for both backends
 * (store_sql.h). The counter is an upsert with RETURNING (SQLite 3.35 and PostgreSQL
 * alike), so an increment and its read are one statement and two processes never get the
 * same number.
 */
#include "store/store_setting.h"

#include "store/store_sql.h"

static struct store_sql get_sql = STORE_SQL("SELECT value FROM setting WHERE name = ?1");
static struct store_sql set_sql =
    STORE_SQL("INSERT INTO setting (name, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT "
              "(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
static struct store_sql next_sql =
    STORE_SQL("INSERT INTO setting (name, value, updated_at) VALUES (?1, '1', ?2) ON CONFLICT "
              "(name) DO UPDATE SET value = CAST(CAST(setting.value AS BIGINT) + 1 AS TEXT), "
              "updated_at = excluded.updated_at RETURNING CAST(value AS BIGINT)");

static void read_value(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    *(const char **)out = sc_str(a, v[0], len[0]);
}

enum kerr_code store_setting_get(struct store *s, const char *name, struct arena *a,
                                 const char **value, struct kerr *e)
{
    struct store_params p = {0};
    sp_text(&p, name);
    bool found;
    *value = NULL;
    return store_q_one(s, &get_sql, &p, a, read_value, value, &found, "reading a setting", e);
}

enum kerr_code store_setting_set(struct store *s, const char *name, const char *value, int64_t now,
                                 struct kerr *e)
{
    struct store_params p = {0};
    sp_text(&p, name);
    sp_text(&p, value);
    sp_i64(&p, now);
    return store_q(s, &set_sql, &p, NULL, NULL, NULL, "setting a setting", e);
}

enum kerr_code store_setting_next(struct store *s, const char *name, int64_t now, int64_t *out,
                                  struct kerr *e)
{
    struct store_params p = {0};
    sp_text(&p, name);
    sp_i64(&p, now);
    return store_q_int(s, &next_sql, &p, out, "counting", e);
}
