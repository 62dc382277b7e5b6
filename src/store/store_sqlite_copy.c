/*
 * The SQLite backend's whole-table ops for kith db copy (store_copy.c decides what is
 * copied and in which order): table and column names from sqlite_master and
 * pragma_table_info, rows read in key order and written with their ids kept, and the
 * FTS5 index rebuilt after case_note is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "store/store_sqlite_impl.h"

/* Whole tables (kith db copy): the record tables, without SQLite's own, the migration * log and the
 * FTS5 index tables (rebuilt from case_note after a copy). */
static struct store_sql table_names_sql =
    SQ_SQL("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
           "'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'case\\_note\\_fts%' ESCAPE '\\' "
           "AND name <> 'kith_migration' ORDER BY name");
static struct store_sql table_columns_sql =
    SQ_SQL("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid");
static struct store_sql note_fts_rebuild_sql =
    SQ_SQL("INSERT INTO case_note_fts(case_note_fts) VALUES ('rebuild')");

/* --- whole tables (kith db copy, store_copy.c) ------------------------------------------ */

enum kerr_code sqlite_table_names(struct store *base, struct arena *a, const char ***out, size_t *n,
                                  struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &table_names_sql, e);
    if (!st)
        return sq_no_stmt(e);
    size_t cap = 32;
    const char **v = arena_alloc(a, cap * sizeof(*v));
    *n = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            const char **w = arena_alloc(a, 2 * cap * sizeof(*v));
            memcpy(w, v, cap * sizeof(*v));
            v = w;
            cap *= 2;
        }
        v[(*n)++] = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
    }
    enum kerr_code rc = r == SQLITE_DONE ? KITH_OK : sq_fail(s, e, "listing tables");
    sq_done(st);
    *out = v;
    return rc;
}

enum kerr_code sqlite_table_columns(struct store *base, const char *table, struct arena *a,
                                    struct store_column **out, size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &table_columns_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    size_t cap = 64;
    struct store_column *v = arena_alloc(a, cap * sizeof(*v));
    *n = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        const char *type = (const char *)sqlite3_column_text(st, 1);
        v[*n].name = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
        v[*n].kind = store_column_kind(type ? type : "");
        (*n)++;
    }
    enum kerr_code rc =
        r == SQLITE_DONE ? KITH_OK
        : r == SQLITE_ROW
            ? kerr_fail(e, KITH_E_DB, "db", "table '%s' has more than %zu columns", table, cap)
            : sq_fail(s, e, "listing columns");
    sq_done(st);
    *out = v;
    return rc;
}

/* SQL for a table's rows or its insert, made from the names the database gave. */
static void copy_select(const struct store_table *t, struct str *q)
{
    str_add(q, "SELECT ");
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            str_add(q, ", ");
        store_sql_ident(q, t->cols[i].name);
    }
    str_add(q, " FROM ");
    store_sql_ident(q, t->name);
    for (size_t i = 0; t->key[i]; i++) {
        str_add(q, i ? ", " : " ORDER BY ");
        store_sql_ident(q, t->key[i]);
    }
}

enum kerr_code sqlite_table_read(struct store *base, const struct store_table *t, store_row_fn *fn,
                                 void *ctx, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    struct str q = STR_INIT;
    copy_select(t, &q);
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(s->db, q.buf, (int)q.len, &st, NULL);
    str_release(&q);
    if (r != SQLITE_OK)
        return sq_fail(s, e, "reading a table");
    const char **v = xmalloc((t->ncols + 1) * sizeof(*v));
    size_t *len = xmalloc((t->ncols + 1) * sizeof(*len));
    enum kerr_code rc = KITH_OK;
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < t->ncols; i++) {
            v[i] = (const char *)sqlite3_column_text(st, (int)i);
            len[i] = (size_t)sqlite3_column_bytes(st, (int)i);
        }
        rc = fn(ctx, v, len, e);
    }
    if (!rc && r != SQLITE_DONE)
        rc = sq_fail(s, e, "reading a table");
    sqlite3_finalize(st);
    free(v);
    free(len);
    return rc;
}

enum kerr_code sqlite_table_write(struct store *base, const struct store_table *t,
                                  const char *const *v, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    if (!s->copy_insert || strcmp(s->copy_table, t->name)) {
        sqlite3_finalize(s->copy_insert);
        s->copy_insert = NULL;
        struct str q = STR_INIT;
        store_sql_insert_into(&q, t);
        str_addc(&q, '(');
        for (size_t i = 0; i < t->ncols; i++)
            str_add(&q, i ? ", ?" : "?");
        str_addc(&q, ')');
        int r = sqlite3_prepare_v2(s->db, q.buf, (int)q.len, &s->copy_insert, NULL);
        str_release(&q);
        if (r != SQLITE_OK)
            return sq_fail(s, e, "copying a table");
        snprintf(s->copy_table, sizeof(s->copy_table), "%s", t->name);
    }
    sqlite3_stmt *st = s->copy_insert;
    for (size_t i = 0; i < t->ncols; i++) {
        int col = (int)i + 1;
        if (!v[i])
            sqlite3_bind_null(st, col);
        else if (t->cols[i].kind == 'i')
            sqlite3_bind_int64(st, col, strtoll(v[i], NULL, 10));
        else if (t->cols[i].kind == 'r')
            sqlite3_bind_double(st, col, strtod(v[i], NULL));
        else
            sqlite3_bind_text(st, col, v[i], -1, SQLITE_STATIC);
    }
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = sq_fail(s, e, "copying a row");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

enum kerr_code sqlite_table_done(struct store *base, const struct store_table *t, struct kerr *e)
{
    /* The note index is SQLite's own: made again from the notes copied. */
    if (strcmp(t->name, "case_note"))
        return KITH_OK;
    return sq_exec_stmt(sq(base), &note_fts_rebuild_sql, e, "indexing the copied case notes");
}
