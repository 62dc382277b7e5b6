/*
 * The SQLite dialect of case-note search (store_impl.h, store_dialect): FTS5. The index
 * is external-content (the text is kept once, in case_note) and written by the store with
 * the note (store_notes.c), not by triggers: see the note on trusted_schema in
 * docs/internals/store.md.
 */
#include "core/str.h"
#include "store/store_sqlite_impl.h"

struct store_sql sqlite_note_index_sql =
    SQ_SQL("INSERT INTO case_note_fts(rowid, subject, body) VALUES (?1, ?2, ?3)");
/* Best match first: bm25 with the subject weighing twice the body. ?1 arrives as text,
 * which SQLite compares with 0 only once it is cast. */
struct store_sql sqlite_note_search_sql = SQ_SQL(
    "SELECT " NOTE_COLS " FROM case_note_fts JOIN case_note n ON n.id = case_note_fts.rowid "
    "WHERE case_note_fts MATCH ?4 AND (CAST(?1 AS INTEGER) = 0 OR n.child_id = ?1) "
    "ORDER BY bm25(case_note_fts, 2.0, 1.0), n.note_date DESC, n.id DESC LIMIT ?2 OFFSET ?3");

/* Turn a person's search terms (store_check.h) into an FTS5 query that can never be a
 * syntax error. Each term becomes an FTS5 string in double quotes, so operators (AND, OR,
 * NOT, NEAR), column filters, brackets, carets and minus signs are searched as text,
 * never obeyed; a prefix term keeps its * (match the start of a word). The terms are
 * ANDed. A term the tokenizer reduces to nothing (a lone "-") is an empty string, which
 * FTS5 ignores beside other terms and matches nothing alone. */
int sqlite_note_match(const struct search_terms *t, struct str *q)
{
    for (int i = 0; i < t->n; i++) {
        if (q->len)
            str_addc(q, ' ');
        str_addc(q, '"');
        for (size_t k = 0; k < t->v[i].len; k++) {
            if (t->v[i].start[k] == '"')
                str_addc(q, '"');
            str_addc(q, t->v[i].start[k]);
        }
        str_addc(q, '"');
        if (t->v[i].prefix)
            str_addc(q, '*');
    }
    return t->n;
}
