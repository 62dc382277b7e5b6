/*
 * The SQLite backend's part of kith db copy (store_copy.c decides what is copied and in
 * which order, and reads the rows): table and column names from sqlite_master and
 * pragma_table_info (the dialect's), rows written with their ids kept, and the FTS5 index
 * rebuilt after case_note is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "store/store_sqlite_impl.h"

/* Whole tables (kith db copy): the record tables, without SQLite's own, the migration * log and the
 * FTS5 index tables (rebuilt from case_note after a copy). */
struct store_sql sqlite_table_names_sql =
    SQ_SQL("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
           "'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'case\\_note\\_fts%' ESCAPE '\\' "
           "AND name <> 'kith_migration' ORDER BY name");
struct store_sql sqlite_table_columns_sql =
    SQ_SQL("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid");
static struct store_sql note_fts_rebuild_sql =
    SQ_SQL("INSERT INTO case_note_fts(case_note_fts) VALUES ('rebuild')");

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
