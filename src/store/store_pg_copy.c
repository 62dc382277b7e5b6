/*
 * The PostgreSQL backend's whole-table ops for kith db copy (store_copy.c decides what is
 * copied and in which order). Tables and columns come from information_schema; the SQL
 * that reads or writes a table is made from those names, each quoted, and values always
 * travel as parameters. Rows are read in libpq's single-row mode, so a table of any size
 * is copied in bounded memory, and written in batches of rows per statement. After a table is
 * written its id sequence is set past the highest id copied, so the next record made on the server
 * gets a fresh id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "store/store_pg_impl.h"

static struct pg_stmt table_names_sql =
    PG_STMT("SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'kith_meta' "
            "ORDER BY table_name");
static struct pg_stmt table_columns_sql =
    PG_STMT("SELECT column_name, data_type FROM information_schema.columns WHERE "
            "table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' "
            "ORDER BY ordinal_position");

enum kerr_code pg_table_names(struct store *base, struct arena *a, const char ***out, size_t *n,
                              struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &table_names_sql, NULL, e, "listing tables", &rc);
    *out = NULL;
    *n = 0;
    if (!r)
        return rc;
    int rows = PQntuples(r);
    const char **v = arena_alloc(a, sizeof(*v) * (size_t)(rows ? rows : 1));
    for (int i = 0; i < rows; i++)
        v[i] = pg_name(r, i, 0, a);
    PQclear(r);
    *out = v;
    *n = (size_t)rows;
    return KITH_OK;
}

enum kerr_code pg_table_columns(struct store *base, const char *table, struct arena *a,
                                struct store_column **out, size_t *n, struct kerr *e)
{
    struct pg_params p = {0};
    pg_p_text(&p, table);
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &table_columns_sql, &p, e, "listing columns", &rc);
    *out = NULL;
    *n = 0;
    if (!r)
        return rc;
    int rows = PQntuples(r);
    struct store_column *v = arena_alloc(a, sizeof(*v) * (size_t)(rows ? rows : 1));
    for (int i = 0; i < rows; i++) {
        v[i].name = pg_name(r, i, 0, a);
        v[i].kind = store_column_kind(PQgetvalue(r, i, 1));
    }
    PQclear(r);
    *out = v;
    *n = (size_t)rows;
    return KITH_OK;
}

static char key_kind(const struct store_table *t, const char *key)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (!strcmp(t->cols[i].name, key))
            return t->cols[i].kind;
    return 't';
}

enum kerr_code pg_table_read(struct store *base, const struct store_table *t, store_row_fn *fn,
                             void *ctx, struct kerr *e)
{
    struct store_pg *s = pg(base);
    struct str q = STR_INIT;
    str_add(&q, "SELECT ");
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            str_add(&q, ", ");
        store_sql_ident(&q, t->cols[i].name);
    }
    str_add(&q, " FROM ");
    store_sql_ident(&q, t->name);
    for (size_t i = 0; t->key[i]; i++) {
        str_add(&q, i ? ", " : " ORDER BY ");
        store_sql_ident(&q, t->key[i]);
        /* byte order, as SQLite's BINARY, whatever the database's collation */
        if (key_kind(t, t->key[i]) == 't')
            str_add(&q, " COLLATE \"C\"");
    }
    int sent = PQsendQueryParams(s->conn, q.buf, 0, NULL, NULL, NULL, NULL, 0);
    str_release(&q);
    if (!sent)
        return pg_fail(s, NULL, e, "reading a table");
    PQsetSingleRowMode(s->conn);
    const char **v = xmalloc((t->ncols + 1) * sizeof(*v));
    size_t *len = xmalloc((t->ncols + 1) * sizeof(*len));
    enum kerr_code rc = KITH_OK;
    PGresult *r;
    while ((r = PQgetResult(s->conn))) {
        ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_SINGLE_TUPLE && !rc) {
            for (size_t i = 0; i < t->ncols; i++) {
                bool null = PQgetisnull(r, 0, (int)i);
                v[i] = null ? NULL : PQgetvalue(r, 0, (int)i);
                len[i] = null ? 0 : (size_t)PQgetlength(r, 0, (int)i);
            }
            rc = fn(ctx, v, len, e);
        } else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && !rc) {
            rc = pg_fail(s, r, e, "reading a table");
        }
        PQclear(r); /* every result is read, so the connection is ready for the next op */
    }
    free(v);
    free(len);
    return rc;
}

/* Parameters in one statement: PostgreSQL takes at most 65535. */
#define COPY_PARAMS_MAX 60000
#define COPY_BATCH_ROWS 200

void pg_copy_release(struct store_pg *s)
{
    for (size_t i = 0; s->copy_vals && i < s->copy_rows * s->copy_ncols; i++)
        free(s->copy_vals[i]);
    free(s->copy_vals);
    s->copy_vals = NULL;
    s->copy_rows = 0;
}

/* An insert of `rows` rows of t->cols, prepared as `name`. */
static enum kerr_code prepare_insert(struct store_pg *s, const struct store_table *t, size_t rows,
                                     const char *name, struct kerr *e)
{
    struct str q = STR_INIT;
    store_sql_insert_into(&q, t);
    for (size_t r = 0; r < rows; r++) {
        str_add(&q, r ? ", (" : "(");
        for (size_t i = 0; i < t->ncols; i++)
            str_addf(&q, "%s$%zu", i ? ", " : "", r * t->ncols + i + 1);
        str_addc(&q, ')');
    }
    PGresult *r = PQprepare(s->conn, name, q.buf, 0, NULL);
    str_release(&q);
    enum kerr_code rc = KITH_OK;
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_fail(s, r, e, "copying a table");
    PQclear(r);
    return rc;
}

static enum kerr_code run_insert(struct store_pg *s, const char *name, size_t nparams,
                                 const char *const *v, struct kerr *e)
{
    PGresult *r = PQexecPrepared(s->conn, name, (int)nparams, v, NULL, NULL, 0);
    enum kerr_code rc = KITH_OK;
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_fail(s, r, e, "copying rows");
    PQclear(r);
    return rc;
}

/* Write the waiting rows: a full batch in one statement, fewer one by one. */
static enum kerr_code flush_rows(struct store_pg *s, struct kerr *e)
{
    enum kerr_code rc = KITH_OK;
    const char *const *v = (const char *const *)s->copy_vals;
    if (s->copy_rows == s->copy_batch)
        rc = run_insert(s, s->copy_many, s->copy_rows * s->copy_ncols, v, e);
    else
        for (size_t r = 0; r < s->copy_rows && !rc; r++)
            rc = run_insert(s, s->copy_one, s->copy_ncols, v + r * s->copy_ncols, e);
    for (size_t i = 0; s->copy_vals && i < s->copy_rows * s->copy_ncols; i++)
        free(s->copy_vals[i]);
    s->copy_rows = 0;
    return rc;
}

/* Rows are gathered into batches, so that the server is asked once per batch rather than
 * once per row. (Most of a copy's time is the server's own: parsing the notes' words
 * for the search column and its index.) */
enum kerr_code pg_table_write(struct store *base, const struct store_table *t, const char *const *v,
                              struct kerr *e)
{
    struct store_pg *s = pg(base);
    if (strcmp(s->copy_table, t->name) || !s->copy_vals) {
        static atomic_int serial;
        int n = atomic_fetch_add(&serial, 1);
        pg_copy_release(s);
        s->copy_table[0] = '\0';
        s->copy_ncols = t->ncols;
        s->copy_batch = COPY_PARAMS_MAX / (t->ncols ? t->ncols : 1);
        if (s->copy_batch > COPY_BATCH_ROWS)
            s->copy_batch = COPY_BATCH_ROWS;
        snprintf(s->copy_one, sizeof(s->copy_one), "kcopy%d_1", n);
        snprintf(s->copy_many, sizeof(s->copy_many), "kcopy%d_n", n);
        enum kerr_code rc = prepare_insert(s, t, 1, s->copy_one, e);
        if (!rc)
            rc = prepare_insert(s, t, s->copy_batch, s->copy_many, e);
        if (rc)
            return rc;
        s->copy_vals = xcalloc(s->copy_batch * t->ncols, sizeof(*s->copy_vals));
        snprintf(s->copy_table, sizeof(s->copy_table), "%s", t->name);
    }
    for (size_t i = 0; i < t->ncols; i++)
        s->copy_vals[s->copy_rows * t->ncols + i] = v[i] ? xstrdup(v[i]) : NULL;
    s->copy_rows++;
    return s->copy_rows == s->copy_batch ? flush_rows(s, e) : KITH_OK;
}

enum kerr_code pg_table_done(struct store *base, const struct store_table *t, struct kerr *e)
{
    struct store_pg *s = pg(base);
    if (s->copy_vals && !strcmp(s->copy_table, t->name)) {
        enum kerr_code rc = flush_rows(s, e);
        if (rc)
            return rc;
    }
    if (strcmp(t->key[0], "id") || t->key[1])
        return KITH_OK;
    /* The next id after the highest copied (1 on an empty table); a table whose ids do
     * not come from a sequence gets NULL from pg_get_serial_sequence, and setval(NULL)
     * does nothing. */
    struct str name = STR_INIT, q = STR_INIT;
    store_sql_ident(&name, t->name);
    str_add(&q, "SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT coalesce(max(id), 0) + 1 "
                "FROM ");
    str_add(&q, name.buf);
    str_add(&q, "), false)");
    const char *params[] = {name.buf};
    PGresult *r = PQexecParams(s->conn, q.buf, 1, NULL, params, NULL, NULL, 0);
    enum kerr_code rc = KITH_OK;
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = pg_fail(s, r, e, "setting an id sequence");
    PQclear(r);
    str_release(&name);
    str_release(&q);
    return rc;
}
