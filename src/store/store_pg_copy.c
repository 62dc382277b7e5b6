/*
 * The PostgreSQL backend's part of kith db copy (store_copy.c decides what is copied and
 * in which order, and reads the rows, which `run` hands over in libpq's single-row mode,
 * so a table of any size is copied in bounded memory). Tables and columns come from
 * information_schema (the dialect's); the insert is made from those names, each quoted,
 * values always travel as parameters, and rows are written in batches per statement. After a table
 * is written its id sequence is set past the highest id copied, so the next record made on the
 * server gets a fresh id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "store/store_pg_impl.h"
#include "store/store_sql.h"

struct store_sql pg_table_names_sql =
    STORE_SQL("SELECT table_name FROM information_schema.tables WHERE table_schema = "
              "current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'kith_meta' "
              "ORDER BY table_name");
struct store_sql pg_table_columns_sql =
    STORE_SQL("SELECT column_name, data_type FROM information_schema.columns WHERE "
              "table_schema = current_schema() AND table_name = ?1 AND is_generated = 'NEVER' "
              "ORDER BY ordinal_position");

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
