/*
 * The SQLite backend's case notes with their FTS5 index (written by the store, not by
 * triggers: see the note on trusted_schema in docs/internals/store.md), the summary
 * counts, and the reference data (postcodes and Ofsted providers).
 */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/public_id.h"
#include "store/store_sqlite_impl.h"

#define NOTE_COLS                                                                                  \
    "n.id, n.public_id, n.child_id, n.author_id, n.note_date, n.kind, n.subject, n.body"
#define NOTE_ORDER " ORDER BY n.note_date DESC, n.id DESC"

static struct store_sql note_add_sql =
    SQ_SQL("INSERT INTO case_note(public_id, child_id, author_id, note_date, kind, subject, body) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
static struct store_sql note_index_sql =
    SQ_SQL("INSERT INTO case_note_fts(rowid, subject, body) VALUES (?1, ?2, ?3)");
static struct store_sql note_list_sql =
    SQ_SQL("SELECT " NOTE_COLS " FROM case_note n" NOTE_ORDER " LIMIT ?2 OFFSET ?3");
static struct store_sql note_list_child_sql = SQ_SQL(
    "SELECT " NOTE_COLS " FROM case_note n WHERE n.child_id = ?1" NOTE_ORDER " LIMIT ?2 OFFSET ?3");
/* Best match first: bm25 with the subject weighing twice the body. */
static struct store_sql note_search_sql = SQ_SQL(
    "SELECT " NOTE_COLS " FROM case_note_fts JOIN case_note n ON n.id = case_note_fts.rowid "
    "WHERE case_note_fts MATCH ?4 AND (?1 = 0 OR n.child_id = ?1) "
    "ORDER BY bm25(case_note_fts, 2.0, 1.0), n.note_date DESC, n.id DESC LIMIT ?2 OFFSET ?3");
static struct store_sql postcode_put_sql =
    SQ_SQL("INSERT OR REPLACE INTO postcode (pcd, laua, utla, east, north) VALUES "
           "(?1, ?2, ?3, ?4, ?5)");
static struct store_sql postcode_get_sql =
    SQ_SQL("SELECT pcd, laua, utla, east, north FROM postcode WHERE pcd = ?1");
static struct store_sql provider_clear_sql = SQ_SQL("DELETE FROM provider");
static struct store_sql provider_put_sql =
    SQ_SQL("INSERT OR REPLACE INTO provider (urn, places, providers, reg_end, pcd, la) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
static struct store_sql provider_get_sql =
    SQ_SQL("SELECT urn, places, providers, reg_end, pcd, la FROM provider WHERE urn = ?1");
static struct store_sql refdata_counts_sql =
    SQ_SQL("SELECT (SELECT count(*) FROM postcode), (SELECT count(*) FROM provider)");
static struct store_sql counts_sql =
    SQ_SQL("SELECT (SELECT count(*) FROM person WHERE kind = 0), "
           "(SELECT count(*) FROM person WHERE kind = 1), "
           "(SELECT count(DISTINCT child_id) FROM allocation WHERE end_date IS NULL), "
           "(SELECT count(*) FROM team), (SELECT count(*) FROM worker WHERE end_date IS NULL), "
           "(SELECT count(*) FROM worker WHERE end_date IS NULL AND agency = 1), "
           "(SELECT count(*) FROM user_account), "
           "(SELECT count(*) FROM allocation WHERE end_date IS NULL), "
           "(SELECT count(*) FROM case_note)");

/* --- case notes ----------------------------------------------------------------------- */

static void read_note(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct case_note *n = out;
    int c = 0;
    n->id = sqlite3_column_int64(st, c++);
    COL_CODE(st, c++, n->public_id);
    n->child_id = sqlite3_column_int64(st, c++);
    n->author_id = sqlite3_column_int64(st, c++);
    n->date = sq_col_date(st, c++);
    n->kind = sq_col_name(st, c++, a);
    n->subject = sq_col_name(st, c++, a);
    n->body = sq_col_name(st, c++, a);
}

enum kerr_code sqlite_note_add(struct store *base, struct case_note *note, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = check_note(note, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, &note_add_sql, e);
    sqlite3_stmt *ix = st ? sq_stmt(s, &note_index_sql, e) : NULL;
    if (!ix)
        return sq_no_stmt(e);
    /* The note and its full-text index row, both or neither. */
    bool wrapped;
    rc = sq_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    bool fresh = !note->public_id[0];
    if (fresh)
        public_id_new(note->public_id);
    char d1[DATE_ISO_LEN];
    sq_bind_text(st, 1, note->public_id);
    sqlite3_bind_int64(st, 2, note->child_id);
    sqlite3_bind_int64(st, 3, note->author_id);
    sq_bind_date(st, 4, note->date, d1);
    sq_bind_text(st, 5, note->kind);
    sq_bind_text(st, 6, note->subject);
    sq_bind_text(st, 7, note->body);
    int64_t id = 0;
    if (sqlite3_step(st) == SQLITE_DONE) {
        id = sqlite3_last_insert_rowid(s->db);
    } else {
        const struct clash clashes[] = {
            {"case_note.public_id", "public_id", "public id '%s' is already used by another note",
             note->public_id},
        };
        const struct reference refs[] = {
            {&person_exists_sql, note->child_id, "child_id", "child"},
            {&worker_exists_sql, note->author_id, "author_id", "worker"},
        };
        rc = sq_write_fail(s, e, "adding a case note", clashes, 1, refs, 2);
    }
    sq_done(st);
    if (!rc) {
        sqlite3_bind_int64(ix, 1, id);
        sq_bind_text(ix, 2, note->subject);
        sq_bind_text(ix, 3, note->body);
        if (sqlite3_step(ix) != SQLITE_DONE)
            rc = sq_fail(s, e, "indexing a case note");
        sq_done(ix);
    }
    rc = sq_write_end(s, wrapped, rc, e);
    if (rc) {
        if (fresh)
            note->public_id[0] = '\0';
        return rc;
    }
    note->id = id;
    return KITH_OK;
}

/* Turn a person's search terms (store_check.h) into an FTS5 query that can never be a
 * syntax error. Each term becomes an FTS5 string in double quotes, so operators (AND, OR,
 * NOT, NEAR), column filters, brackets, carets and minus signs are searched as text,
 * never obeyed; a prefix term keeps its * (match the start of a word). The terms are
 * ANDed. A term the tokenizer reduces to nothing (a lone "-") is an empty string, which
 * FTS5 ignores beside other terms and matches nothing alone. */
static void fts_query(const struct search_terms *t, struct str *q)
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
}

enum kerr_code sqlite_note_list(struct store *base, const struct note_query *q, struct arena *a,
                                struct case_note **out, size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    *out = NULL;
    *n = 0;
    /* Text with nothing but spaces searches for nothing: the plain list. */
    bool search = q->text && q->text[strspn(q->text, " \t\r\n")];
    struct str match = STR_INIT;
    if (search) {
        struct search_terms terms;
        enum kerr_code rc = search_split(q->text, &terms, e);
        if (rc)
            return rc;
        if (!terms.n) /* nothing searchable, so nothing matches */
            return KITH_OK;
        fts_query(&terms, &match);
    }
    struct store_sql *id = search        ? &note_search_sql
                           : q->child_id ? &note_list_child_sql
                                         : &note_list_sql;
    sqlite3_stmt *st = sq_stmt(s, id, e);
    if (!st) {
        str_release(&match);
        return sq_no_stmt(e);
    }
    sqlite3_bind_int64(st, 1, q->child_id);
    sqlite3_bind_int64(st, 2, page_limit(q->limit));
    sqlite3_bind_int64(st, 3, page_offset(q->offset));
    if (search)
        sqlite3_bind_text(st, 4, match.buf, (int)match.len, SQLITE_STATIC);
    size_t expect = (size_t)page_limit(q->limit);
    enum kerr_code rc = sq_read_rows(s, st, a, sizeof(**out), expect < 64 ? expect : 64, read_note,
                                     (void **)out, n, e);
    str_release(&match);
    return rc;
}

/* --- counts ---------------------------------------------------------------------------- */

enum kerr_code sqlite_counts(struct store *base, struct store_counts *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = sq_stmt(s, &counts_sql, e);
    if (!st)
        return sq_no_stmt(e);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        int64_t *fields[] = {&out->children, &out->relatives,   &out->open_children,
                             &out->teams,    &out->workers,     &out->agency_workers,
                             &out->users,    &out->allocations, &out->notes};
        for (int i = 0; i < (int)(sizeof(fields) / sizeof(fields[0])); i++)
            *fields[i] = sqlite3_column_int64(st, i);
    } else {
        rc = sq_fail(s, e, "counting records");
    }
    sq_done(st);
    return rc;
}

/* --- reference data ------------------------------------------------------------------- */

/* A text column copied into a fixed buffer ("" for NULL). */
static void col_copy(sqlite3_stmt *st, int i, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(out, size, "%s", t ? (const char *)t : "");
}

enum kerr_code sqlite_postcode_put(struct store *base, const struct postcode_place *v, size_t n,
                                   struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    bool wrapped;
    enum kerr_code rc = sq_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, &postcode_put_sql, e);
    if (!st)
        return sq_write_end(s, wrapped, sq_no_stmt(e), e);
    for (size_t i = 0; i < n && !rc; i++) {
        sq_bind_text(st, 1, v[i].pcd);
        sq_bind_text(st, 2, v[i].laua);
        sq_bind_text(st, 3, v[i].utla);
        if (v[i].east != INT32_MIN && v[i].north != INT32_MIN) {
            sqlite3_bind_int(st, 4, v[i].east);
            sqlite3_bind_int(st, 5, v[i].north);
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = sq_write_fail(s, e, "storing a postcode", NULL, 0, NULL, 0);
        sq_done(st);
    }
    return sq_write_end(s, wrapped, rc, e);
}

enum kerr_code sqlite_postcode_find(struct store *base, const char *const *pcds, size_t n,
                                    struct postcode_geo *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &postcode_get_sql, e);
    if (!st)
        return sq_no_stmt(e);
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        char key[POSTCODE_MAX + 1];
        if (!pcds[i] || !postcode_norm(pcds[i], key))
            continue;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            struct postcode_place p = {.east = INT32_MIN, .north = INT32_MIN};
            col_copy(st, 0, p.pcd, sizeof(p.pcd));
            col_copy(st, 1, p.laua, sizeof(p.laua));
            col_copy(st, 2, p.utla, sizeof(p.utla));
            if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
                p.east = sqlite3_column_int(st, 3);
                p.north = sqlite3_column_int(st, 4);
            }
            postcode_geo_add(out, &p);
        } else if (r != SQLITE_DONE) {
            rc = sq_fail(s, e, "looking up postcodes");
        }
        sq_done(st);
    }
    return rc;
}

enum kerr_code sqlite_provider_clear(struct store *base, struct kerr *e)
{
    return sq_exec_stmt(sq(base), &provider_clear_sql, e, "clearing the provider list");
}

enum kerr_code sqlite_provider_put(struct store *base, const struct provider *v, size_t n,
                                   struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    bool wrapped;
    enum kerr_code rc = sq_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, &provider_put_sql, e);
    if (!st)
        return sq_write_end(s, wrapped, sq_no_stmt(e), e);
    for (size_t i = 0; i < n && !rc; i++) {
        char date[DATE_ISO_LEN];
        sq_bind_text(st, 1, v[i].urn);
        sq_bind_text(st, 2, v[i].place_codes);
        sq_bind_text(st, 3, v[i].provider_codes);
        sq_bind_date(st, 4, v[i].reg_end, date);
        BIND_CODE(st, 5, v[i].pcd);
        BIND_CODE(st, 6, v[i].la);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = sq_write_fail(s, e, "storing a provider", NULL, 0, NULL, 0);
        sq_done(st);
    }
    return sq_write_end(s, wrapped, rc, e);
}

enum kerr_code sqlite_provider_find(struct store *base, const char *const *urns, size_t n,
                                    struct provider_list *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &provider_get_sql, e);
    if (!st)
        return sq_no_stmt(e);
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!urns[i] || !*urns[i])
            continue;
        sqlite3_bind_text(st, 1, urns[i], -1, SQLITE_STATIC);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            struct provider p = {.reg_end = DATE_NONE};
            col_copy(st, 0, p.urn, sizeof(p.urn));
            col_copy(st, 1, p.place_codes, sizeof(p.place_codes));
            col_copy(st, 2, p.provider_codes, sizeof(p.provider_codes));
            const unsigned char *d = sqlite3_column_text(st, 3);
            if (d && !date_scan_iso((const char *)d, strlen((const char *)d), &p.reg_end))
                p.reg_end = DATE_NONE;
            col_copy(st, 4, p.pcd, sizeof(p.pcd));
            col_copy(st, 5, p.la, sizeof(p.la));
            provider_list_add(out, &p);
        } else if (r != SQLITE_DONE) {
            rc = sq_fail(s, e, "looking up providers");
        }
        sq_done(st);
    }
    return rc;
}

enum kerr_code sqlite_refdata_counts(struct store *base, int64_t *postcodes, int64_t *providers,
                                     struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &refdata_counts_sql, e);
    if (!st)
        return sq_no_stmt(e);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *postcodes = sqlite3_column_int64(st, 0);
        *providers = sqlite3_column_int64(st, 1);
    } else {
        rc = sq_fail(s, e, "counting reference data");
    }
    sq_done(st);
    return rc;
}
