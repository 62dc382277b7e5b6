/*
 * Whole databases moved between backends (kith db copy) and checked by a content hash per
 * table. The catalogue queries are the dialect's (store_impl.h) and the writing is the
 * backend's (a batched INSERT on PostgreSQL); this file lists the tables and columns
 * through them, reads each table's rows as text in key order through `run` (streamed: a
 * table of any size in bounded memory), decides the order, refuses what it cannot copy
 * faithfully, and hashes.
 *
 * The tables are listed here, in the order their references need (a worker's team first),
 * rather than found by walking foreign keys: a copy refuses a database holding a table
 * the list does not name, so a migration that adds a table cannot be copied without it
 * until someone says where it goes. Columns are read from the source database, so a
 * column added by a migration is copied without a change here.
 *
 * The hash of a table is BLAKE2b-256 chained over its rows in key order: h = H(h || row),
 * starting from 32 zero bytes, where a row is each value as a kind, a length and its
 * bytes (NULL apart from ""). Whole numbers and text are compared byte for byte; a real
 * is compared to 6 significant digits, which is what PostgreSQL's REAL keeps.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "domain/rec.h"
#include "store/store.h"
#include "store/store_impl.h"
#include "store/store_sql.h"

static const struct {
    const char *name;
    const char *key[3];
} copy_tables[] = {
    {"team", {"id"}},
    {"worker", {"id"}},
    {"user_account", {"id"}},
    {"person", {"id"}},
    {"person_disability", {"person_id", "code"}},
    {"relationship", {"id"}},
    {"allocation", {"id"}},
    {"case_note", {"id"}},
    {"postcode", {"pcd"}},
    {"provider", {"urn"}},
    {"session", {"id"}},
    {"access_grant", {"id"}},
    {"restriction", {"child_id"}},
    {"restriction_allow", {"child_id", "user_id"}},
    {"audit", {"id"}},
    {"audit_key", {"first_id"}},
    {"api_token", {"id"}},
    {"record_history", {"id"}},
    {"child_merge", {"id"}},
    {"child_merge_row", {"id"}},
    {"application_cv", {"application_id"}}, /* no foreign key: before its application is fine */
    {"setting", {"name"}},
    {"absence", {"id"}}, /* a worker's (domain/workforce.c), not a generic type's */
};
#define COPY_FIXED (sizeof(copy_tables) / sizeof(copy_tables[0]))
/* Tables the database's own triggers keep from the others (a counter of changes): not
 * copied or hashed, since the target's triggers count what is copied into it. */
static const char *const derived_tables[] = {"vacancy_change"};
/* After the fixed list, each record type's table (domain/rec.h), in the order rec_types
 * lists them: they refer only to people and accounts, copied before them. */
#define COPY_MAX (COPY_FIXED + 64)

static size_t copy_count(void)
{
    size_t n = 0;
    while (rec_types[n] && COPY_FIXED + n < COPY_MAX)
        n++;
    return COPY_FIXED + n;
}

static const char *copy_name(size_t k)
{
    return k < COPY_FIXED ? copy_tables[k].name : rec_types[k - COPY_FIXED]->table;
}

static const char *const *copy_key(size_t k)
{
    static const char *const by_id[] = {"id", NULL};
    return k < COPY_FIXED ? copy_tables[k].key : by_id;
}

char store_column_kind(const char *type)
{
    /* SQLite's affinity rules, which also read PostgreSQL's type names right */
    char up[64];
    size_t i = 0;
    for (; i < sizeof(up) - 1 && type[i]; i++)
        up[i] = (char)(type[i] >= 'a' && type[i] <= 'z' ? type[i] - 32 : type[i]);
    up[i] = '\0';
    if (strstr(up, "INT"))
        return 'i';
    if (strstr(up, "CHAR") || strstr(up, "TEXT") || strstr(up, "CLOB"))
        return 't';
    if (strstr(up, "REAL") || strstr(up, "FLOA") || strstr(up, "DOUB"))
        return 'r';
    return 't';
}

void store_sql_ident(struct str *q, const char *name)
{
    str_addc(q, '"');
    for (const char *p = name ? name : ""; *p; p++) { /* a catalogue gives none NULL */
        if (*p == '"')
            str_addc(q, '"');
        str_addc(q, *p);
    }
    str_addc(q, '"');
}

void store_sql_insert_into(struct str *q, const struct store_table *t)
{
    str_add(q, "INSERT INTO ");
    store_sql_ident(q, t->name);
    for (size_t i = 0; i < t->ncols; i++) {
        str_add(q, i ? ", " : " (");
        store_sql_ident(q, t->cols[i].name);
    }
    str_add(q, ") VALUES ");
}

static void read_name(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    *(const char **)out = sc_name(a, v[0], len[0]);
}

static void read_column(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct store_column *c = out;
    c->name = sc_name(a, v[0], len[0]);
    c->kind = store_column_kind(sc_name(a, v[1], len[1]));
}

enum kerr_code store_table_columns(struct store *s, const char *table, struct arena *a,
                                   struct store_column **out, size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    sp_text(&p, table);
    return store_q_rows(s, s->ops->dialect->table_columns, &p, a, sizeof **out, read_column,
                        (void **)out, n, "listing columns", e);
}

/* The statement reading every row of t->cols in key order, text keys by bytes. It is made
 * from the names the database gave, and kept for the process's life (a statement's slot
 * is process-wide): one per distinct text, so copying again reuses it. */
static pthread_mutex_t reads_lock = PTHREAD_MUTEX_INITIALIZER;
#define READS_MAX (4 * COPY_MAX) /* each table's read, on either dialect, twice over */
static struct store_sql *reads[READS_MAX];
static size_t nreads;

static struct store_sql *read_sql(struct store *s, const struct store_table *t, struct kerr *e)
{
    struct str q = STR_INIT;
    str_add(&q, "SELECT ");
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            str_add(&q, ", ");
        store_sql_ident(&q, t->cols[i].name);
    }
    str_add(&q, " FROM ");
    store_sql_ident(&q, t->name);
    for (size_t i = 0; t->key && t->key[i]; i++) { /* a table without a key: unordered */
        str_add(&q, i ? ", " : " ORDER BY ");
        store_sql_ident(&q, t->key[i]);
        char kind = 't';
        for (size_t c = 0; c < t->ncols; c++)
            if (!strcmp(t->cols[c].name, t->key[i]))
                kind = t->cols[c].kind;
        if (kind == 't')
            str_add(&q, s->ops->dialect->byte_order);
    }
    pthread_mutex_lock(&reads_lock);
    struct store_sql *found = NULL;
    for (size_t i = 0; i < nreads && !found; i++)
        if (!strcmp(reads[i]->sql, q.buf))
            found = reads[i];
    if (!found && nreads < READS_MAX) {
        found = xcalloc(1, sizeof *found);
        found->sql = str_detach(&q, NULL);
        found->stream = true;
        reads[nreads++] = found;
    }
    pthread_mutex_unlock(&reads_lock);
    str_release(&q);
    if (!found)
        kerr_fail(e, KITH_E_INTERNAL, "db", "too many table reads for kith db copy");
    return found;
}

static enum kerr_code table_read(struct store *s, const struct store_table *t, store_row_fn *fn,
                                 void *ctx, struct kerr *e)
{
    struct store_sql *q = read_sql(s, t, e);
    return q ? store_q(s, q, NULL, fn, ctx, NULL, "reading a table", e) : e->code;
}

/* The tables of `s` in copy order with their columns as `s` has them. */
static enum kerr_code plan(struct store *s, struct arena *a, struct store_table *out,
                           struct kerr *e)
{
    const char **names;
    size_t n;
    enum kerr_code rc = store_q_rows(s, s->ops->dialect->table_names, NULL, a, sizeof *names,
                                     read_name, (void **)&names, &n, "listing tables", e);
    for (size_t i = 0; !rc && i < n; i++) {
        bool derived = false;
        for (size_t d = 0; d < sizeof derived_tables / sizeof *derived_tables; d++)
            derived = derived || !strcmp(derived_tables[d], names[i]);
        if (derived)
            continue;
        size_t k = 0;
        while (k < copy_count() && strcmp(copy_name(k), names[i]))
            k++;
        if (k == copy_count())
            rc = kerr_fail(e, KITH_E_DB, "db",
                           "the %s database has a table '%s' that kith db copy does not know "
                           "(its place in the copy order belongs in store_copy.c)",
                           s->ops->name, names[i]);
    }
    for (size_t k = 0; !rc && k < copy_count(); k++) {
        size_t i = 0;
        while (i < n && strcmp(copy_name(k), names[i]))
            i++;
        if (i == n)
            return kerr_fail(e, KITH_E_DB, "db", "the %s database has no table '%s'", s->ops->name,
                             copy_name(k));
        struct store_column *cols;
        size_t ncols;
        rc = store_table_columns(s, copy_name(k), a, &cols, &ncols, e);
        out[k] = (struct store_table){copy_name(k), copy_key(k), cols, ncols};
    }
    return rc;
}

/* The same columns by name on both sides (the order may differ: rows go by name). */
static enum kerr_code same_columns(const struct store_table *from, const struct store_table *to,
                                   struct kerr *e)
{
    bool same = from->ncols == to->ncols;
    for (size_t i = 0; same && i < from->ncols; i++) {
        size_t k = 0;
        while (k < to->ncols && strcmp(from->cols[i].name, to->cols[k].name))
            k++;
        same = k < to->ncols;
    }
    if (!same)
        return kerr_fail(e, KITH_E_DB, "db",
                         "table '%s' has other columns in the two databases: are both at the "
                         "same schema?",
                         from->name);
    return KITH_OK;
}

static enum kerr_code refuse_rows(void *ctx, const char *const *v, const size_t *len,
                                  struct kerr *e)
{
    (void)v;
    (void)len;
    const struct store_table *t = ctx;
    return kerr_fail(e, KITH_E_CONFLICT, "to",
                     "the target database already holds rows (table '%s'): kith db copy "
                     "writes only into an empty database, since an audit trail can be neither "
                     "emptied nor merged",
                     t->name);
}

struct copy_ctx {
    struct store *to;
    const struct store_table *t;
};

static enum kerr_code write_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    struct copy_ctx *c = ctx;
    return c->to->ops->table_write(c->to, c->t, v, e);
}

enum kerr_code store_copy(struct store *from, struct store *to, struct kerr *e)
{
    struct arena a;
    arena_init(&a, 0);
    struct store_table src[COPY_MAX], dst[COPY_MAX];
    enum kerr_code rc = plan(from, &a, src, e);
    if (!rc)
        rc = plan(to, &a, dst, e);
    for (size_t k = 0; !rc && k < copy_count(); k++)
        rc = same_columns(&src[k], &dst[k], e);
    for (size_t k = 0; !rc && k < copy_count(); k++)
        rc = table_read(to, &dst[k], refuse_rows, &dst[k], e);
    /* The trail's MACs are the source key's: the copy is verified with that key. */
    if (!rc)
        rc = store_audit_key_copy(from, to, e);
    if (rc) {
        arena_release(&a);
        return rc;
    }
    rc = store_bulk(to, true, e);
    if (!rc)
        rc = store_begin(to, e);
    if (rc) {
        arena_release(&a);
        return rc;
    }
    for (size_t k = 0; !rc && k < copy_count(); k++) {
        struct copy_ctx c = {to, &src[k]};
        rc = table_read(from, &src[k], write_row, &c, e);
        if (!rc)
            rc = to->ops->table_done(to, &src[k], e);
    }
    if (!rc)
        rc = store_commit(to, e);
    if (rc)
        store_rollback(to);
    store_bulk(to, false, NULL);
    arena_release(&a);
    return rc;
}

struct sum_ctx {
    const struct store_table *t;
    struct store_table_sum *sum;
    unsigned char chain[32];
    struct str row;
};

static enum kerr_code hash_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct sum_ctx *c = ctx;
    str_reset(&c->row);
    str_addn(&c->row, (const char *)c->chain, sizeof(c->chain));
    for (size_t i = 0; i < c->t->ncols; i++) {
        if (!v[i]) {
            str_add(&c->row, "N;");
        } else if (c->t->cols[i].kind == 'r') {
            char num[32];
            snprintf(num, sizeof(num), "%.6g", strtod(v[i], NULL));
            str_addf(&c->row, "r%zu:%s;", strlen(num), num);
        } else {
            str_addf(&c->row, "%c%zu:", c->t->cols[i].kind, len[i]);
            str_addn(&c->row, v[i], len[i]);
            str_addc(&c->row, ';');
        }
    }
    kcrypto_digest_raw(c->row.buf, c->row.len, c->chain);
    c->sum->rows++;
    return KITH_OK;
}

enum kerr_code store_table_sums(struct store *s, struct arena *a, struct store_table_sum **out,
                                size_t *n, struct kerr *e)
{
    *out = NULL;
    *n = 0;
    struct store_table t[COPY_MAX] = {0};
    enum kerr_code rc = plan(s, a, t, e);
    if (rc)
        return rc;
    struct store_table_sum *sums = arena_alloc(a, sizeof(*sums) * copy_count());
    struct sum_ctx c = {.row = STR_INIT};
    for (size_t k = 0; !rc && k < copy_count(); k++) {
        /* Hash the columns in one order on every backend: by name. */
        struct store_column *cols = arena_alloc(a, sizeof(*cols) * (t[k].ncols ? t[k].ncols : 1));
        if (t[k].ncols)
            memcpy(cols, t[k].cols, sizeof(*cols) * t[k].ncols);
        for (size_t i = 1; i < t[k].ncols; i++)
            for (size_t j = i; j > 0 && strcmp(cols[j - 1].name, cols[j].name) > 0; j--) {
                struct store_column x = cols[j];
                cols[j] = cols[j - 1];
                cols[j - 1] = x;
            }
        t[k].cols = cols;
        sums[k] = (struct store_table_sum){.name = t[k].name};
        c.t = &t[k];
        c.sum = &sums[k];
        memset(c.chain, 0, sizeof(c.chain));
        rc = table_read(s, &t[k], hash_row, &c, e);
        for (size_t i = 0; i < sizeof(c.chain); i++)
            snprintf(sums[k].hash + 2 * i, 3, "%02x", c.chain[i]);
    }
    str_release(&c.row);
    if (rc)
        return rc;
    *out = sums;
    *n = copy_count();
    return KITH_OK;
}
