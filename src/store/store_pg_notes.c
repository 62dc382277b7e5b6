/*
 * The PostgreSQL backend's case notes, summary counts and reference data (postcodes and
 * Ofsted providers). Each op keeps the SQLite op's behaviour and words; what differs is
 * how PostgreSQL is asked.
 *
 * Full-text search uses the stored search column and its GIN index (migrations 0006 and
 * 0007: the kith_text configuration, accents folded, lower case, no stemming, subject
 * weighted above body). A person's search
 * text is split into terms by store_check.c's search_split, as on SQLite, and each term
 * into words here; the query is then written in tsquery syntax from those words alone,
 * each quoted, so no operator, bracket, colon or quote a person types is ever obeyed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/public_id.h"
#include "store/store_pg_impl.h"

#define NOTE_COLS                                                                                  \
    "n.id, n.public_id, n.child_id, n.author_id, n.note_date, n.kind, n.subject, n.body"
#define NOTE_ORDER " ORDER BY n.note_date DESC, n.id DESC"
/* Weights of D, C, B, A: a subject word counts twice a body word, as bm25's weights on
 * SQLite; rank divided by 1 + log(length), so a long note does not win by length. The
 * words are the note's stored search column (migrations 0006 and 0007). */
#define NOTE_RANK "ts_rank('{0.1, 0.2, 0.5, 1.0}', n.search, q, 1)"

static struct pg_stmt note_add_sql =
    PG_STMT("INSERT INTO case_note(public_id, child_id, author_id, note_date, kind, subject, body) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
static struct pg_stmt note_list_sql =
    PG_STMT("SELECT " NOTE_COLS " FROM case_note n" NOTE_ORDER " LIMIT $1 OFFSET $2");
static struct pg_stmt note_list_child_sql = PG_STMT(
    "SELECT " NOTE_COLS " FROM case_note n WHERE n.child_id = $1" NOTE_ORDER " LIMIT $2 OFFSET $3");
/* Best match first, then newest. */
static struct pg_stmt note_search_sql =
    PG_STMT("SELECT " NOTE_COLS " FROM case_note n, to_tsquery('kith_text'::regconfig, $4) q "
            "WHERE n.search @@ q AND ($1::bigint = 0 OR n.child_id = $1) "
            "ORDER BY " NOTE_RANK " DESC, n.note_date DESC, n.id DESC LIMIT $2 OFFSET $3");
static struct pg_stmt counts_sql =
    PG_STMT("SELECT (SELECT count(*) FROM person WHERE kind = 0), "
            "(SELECT count(*) FROM person WHERE kind = 1), "
            "(SELECT count(DISTINCT child_id) FROM allocation WHERE end_date IS NULL), "
            "(SELECT count(*) FROM team), (SELECT count(*) FROM worker WHERE end_date IS NULL), "
            "(SELECT count(*) FROM worker WHERE end_date IS NULL AND agency = 1), "
            "(SELECT count(*) FROM user_account), "
            "(SELECT count(*) FROM allocation WHERE end_date IS NULL), "
            "(SELECT count(*) FROM case_note)");
/* Replace the whole row, as SQLite's INSERT OR REPLACE. */
static struct pg_stmt postcode_put_sql =
    PG_STMT("INSERT INTO postcode (pcd, laua, utla, east, north) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (pcd) DO UPDATE SET laua = excluded.laua, utla = excluded.utla, "
            "east = excluded.east, north = excluded.north");
static struct pg_stmt postcode_get_sql =
    PG_STMT("SELECT pcd, laua, utla, east, north FROM postcode WHERE pcd = $1");
static struct pg_stmt provider_clear_sql = PG_STMT("DELETE FROM provider");
static struct pg_stmt provider_put_sql =
    PG_STMT("INSERT INTO provider (urn, places, providers, reg_end, pcd, la) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (urn) DO UPDATE SET "
            "places = excluded.places, providers = excluded.providers, "
            "reg_end = excluded.reg_end, pcd = excluded.pcd, la = excluded.la");
static struct pg_stmt provider_get_sql =
    PG_STMT("SELECT urn, places, providers, reg_end, pcd, la FROM provider WHERE urn = $1");
static struct pg_stmt refdata_counts_sql =
    PG_STMT("SELECT (SELECT count(*) FROM postcode), (SELECT count(*) FROM provider)");

/* --- case notes ------------------------------------------------------------------------ */

static void pg_read_note(const PGresult *r, int row, struct arena *a, void *out)
{
    struct case_note *n = out;
    n->id = pg_i64(r, row, 0);
    PG_CODE(r, row, 1, n->public_id);
    n->child_id = pg_i64(r, row, 2);
    n->author_id = pg_i64(r, row, 3);
    n->date = pg_date(r, row, 4);
    n->kind = pg_name(r, row, 5, a);
    n->subject = pg_name(r, row, 6, a);
    n->body = pg_name(r, row, 7, a);
}

enum kerr_code pg_note_add(struct store *base, struct case_note *note, struct kerr *e)
{
    struct store_pg *s = pg(base);
    enum kerr_code rc = check_note(note, e);
    if (rc)
        return rc;
    bool fresh = !note->public_id[0];
    if (fresh)
        public_id_new(note->public_id);
    struct pg_params p = {0};
    pg_p_text(&p, note->public_id);
    pg_p_i64(&p, note->child_id);
    pg_p_i64(&p, note->author_id);
    pg_p_date(&p, note->date);
    pg_p_text(&p, note->kind);
    pg_p_text(&p, note->subject);
    pg_p_text(&p, note->body);
    /* One statement: the index entry is PostgreSQL's, written with the row. */
    PGresult *r = pg_run(s, &note_add_sql, &p, e, "adding a case note", &rc);
    if (r) {
        note->id = pg_i64(r, 0, 0);
        PQclear(r);
        return KITH_OK;
    }
    if (fresh)
        note->public_id[0] = '\0';
    if (rc == KITH_E_INVALID && strstr(s->constraint, "child_id_fkey"))
        return kerr_fail(e, KITH_E_INVALID, "child_id", "there is no child with id %lld",
                         (long long)note->child_id);
    if (rc == KITH_E_INVALID && strstr(s->constraint, "author_id_fkey"))
        return kerr_fail(e, KITH_E_INVALID, "author_id", "there is no worker with id %lld",
                         (long long)note->author_id);
    const struct pg_clash clashes[] = {
        {"case_note_public_id_key", "public_id", "public id '%s' is already used by another note",
         note->public_id},
    };
    return pg_clash_fail(s, rc, clashes, 1, e);
}

/* Bytes of the UTF-8 character starting at `p` (at most `left`), or 0 when it is not one
 * (a stray continuation byte, a cut-off or overlong sequence, a surrogate). */
static size_t utf8_char(const unsigned char *p, size_t left)
{
    size_t n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (p[0] >= 0xF8 || n > left)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
    return n;
}

/* The length of the word at `p` (ASCII letters and digits and whole UTF-8 characters,
 * which PostgreSQL's parser judges for itself), or 0 when `p` is not in one. */
static size_t word_len(const char *p, size_t left)
{
    size_t n = 0;
    while (n < left) {
        unsigned char c = (unsigned char)p[n];
        size_t k = c < 0x80 ? ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                            : utf8_char((const unsigned char *)p + n, left - n);
        if (!k)
            break;
        n += k;
    }
    return n;
}

/* The terms as a tsquery: the words of a term are a phrase ('a' <-> 'b'), a prefix term
 * ends in :*, and the terms are ANDed. Only the words go in, each quoted; punctuation,
 * operators and invalid UTF-8 between them separate words. A term with no words is left
 * out, as FTS5 ignores an empty string beside others. Returns the terms written. */
static int ts_query(const struct search_terms *t, struct str *q)
{
    int written = 0;
    for (int i = 0; i < t->n; i++) {
        const char *p = t->v[i].start, *end = p + t->v[i].len;
        int words = 0;
        while (p < end) {
            size_t n = word_len(p, (size_t)(end - p));
            if (!n) {
                p++;
                continue;
            }
            str_add(q, words ? " <-> " : written ? " & (" : "(");
            str_addc(q, '\'');
            str_addn(q, p, n);
            str_addc(q, '\'');
            p += n;
            words++;
        }
        if (!words)
            continue;
        if (t->v[i].prefix)
            str_add(q, ":*");
        str_addc(q, ')');
        written++;
    }
    return written;
}

enum kerr_code pg_note_list(struct store *base, const struct note_query *q, struct arena *a,
                            struct case_note **out, size_t *n, struct kerr *e)
{
    struct store_pg *s = pg(base);
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
        if (!ts_query(&terms, &match)) { /* nothing searchable, so nothing matches */
            str_release(&match);
            return KITH_OK;
        }
    }
    struct pg_params p = {0};
    struct pg_stmt *st = &note_list_sql;
    if (search || q->child_id)
        pg_p_i64(&p, q->child_id);
    pg_p_i64(&p, page_limit(q->limit));
    pg_p_i64(&p, page_offset(q->offset));
    if (search) {
        pg_p_text(&p, match.buf);
        st = &note_search_sql;
    } else if (q->child_id) {
        st = &note_list_child_sql;
    }
    enum kerr_code rc;
    PGresult *r = pg_run(s, st, &p, e, search ? "searching case notes" : "listing case notes", &rc);
    str_release(&match);
    if (!r)
        return rc;
    pg_rows(r, a, sizeof(**out), pg_read_note, (void **)out, n);
    return KITH_OK;
}

/* --- counts ---------------------------------------------------------------------------- */

enum kerr_code pg_counts(struct store *base, struct store_counts *out, struct kerr *e)
{
    memset(out, 0, sizeof(*out));
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &counts_sql, NULL, e, "counting records", &rc);
    if (!r)
        return rc;
    int64_t *fields[] = {&out->children, &out->relatives,   &out->open_children,
                         &out->teams,    &out->workers,     &out->agency_workers,
                         &out->users,    &out->allocations, &out->notes};
    for (int i = 0; i < (int)(sizeof(fields) / sizeof(fields[0])); i++)
        *fields[i] = pg_i64(r, 0, i);
    PQclear(r);
    return KITH_OK;
}

/* --- reference data ------------------------------------------------------------------- */

enum kerr_code pg_postcode_put(struct store *base, const struct postcode_place *v, size_t n,
                               struct kerr *e)
{
    struct store_pg *s = pg(base);
    bool wrapped;
    enum kerr_code rc = pg_write_begin(s, &wrapped, e);
    for (size_t i = 0; i < n && !rc; i++) {
        struct pg_params p = {0};
        pg_p_text(&p, v[i].pcd);
        pg_p_text(&p, v[i].laua);
        pg_p_text(&p, v[i].utla);
        if (v[i].east != INT32_MIN && v[i].north != INT32_MIN) {
            pg_p_i64(&p, v[i].east);
            pg_p_i64(&p, v[i].north);
        } else {
            pg_p_text(&p, NULL);
            pg_p_text(&p, NULL);
        }
        rc = pg_exec_stmt(s, &postcode_put_sql, &p, NULL, e, "storing a postcode");
    }
    return pg_write_end(s, wrapped, rc, e);
}

/* A text column copied into a fixed buffer ("" for NULL). */
static void col_copy(const PGresult *r, int row, int col, char *out, size_t size)
{
    snprintf(out, size, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

enum kerr_code pg_postcode_find(struct store *base, const char *const *pcds, size_t n,
                                struct postcode_geo *out, struct kerr *e)
{
    for (size_t i = 0; i < n; i++) {
        char key[POSTCODE_MAX + 1];
        if (!pcds[i] || !postcode_norm(pcds[i], key))
            continue;
        struct pg_params p = {0};
        pg_p_text(&p, key);
        enum kerr_code rc;
        PGresult *r = pg_run(pg(base), &postcode_get_sql, &p, e, "looking up postcodes", &rc);
        if (!r)
            return rc;
        if (PQntuples(r)) {
            struct postcode_place pl = {.east = INT32_MIN, .north = INT32_MIN};
            col_copy(r, 0, 0, pl.pcd, sizeof(pl.pcd));
            col_copy(r, 0, 1, pl.laua, sizeof(pl.laua));
            col_copy(r, 0, 2, pl.utla, sizeof(pl.utla));
            if (!pg_null(r, 0, 3)) {
                pl.east = pg_int(r, 0, 3);
                pl.north = pg_int(r, 0, 4);
            }
            postcode_geo_add(out, &pl);
        }
        PQclear(r);
    }
    return KITH_OK;
}

enum kerr_code pg_provider_clear(struct store *base, struct kerr *e)
{
    return pg_exec_stmt(pg(base), &provider_clear_sql, NULL, NULL, e, "clearing the provider list");
}

enum kerr_code pg_provider_put(struct store *base, const struct provider *v, size_t n,
                               struct kerr *e)
{
    struct store_pg *s = pg(base);
    bool wrapped;
    enum kerr_code rc = pg_write_begin(s, &wrapped, e);
    for (size_t i = 0; i < n && !rc; i++) {
        struct pg_params p = {0};
        pg_p_text(&p, v[i].urn);
        pg_p_text(&p, v[i].place_codes);
        pg_p_text(&p, v[i].provider_codes);
        pg_p_date(&p, v[i].reg_end);
        pg_p_code(&p, v[i].pcd);
        pg_p_code(&p, v[i].la);
        rc = pg_exec_stmt(s, &provider_put_sql, &p, NULL, e, "storing a provider");
    }
    return pg_write_end(s, wrapped, rc, e);
}

enum kerr_code pg_provider_find(struct store *base, const char *const *urns, size_t n,
                                struct provider_list *out, struct kerr *e)
{
    for (size_t i = 0; i < n; i++) {
        if (!urns[i] || !*urns[i])
            continue;
        struct pg_params p = {0};
        pg_p_text(&p, urns[i]);
        enum kerr_code rc;
        PGresult *r = pg_run(pg(base), &provider_get_sql, &p, e, "looking up providers", &rc);
        if (!r)
            return rc;
        if (PQntuples(r)) {
            struct provider pr = {.reg_end = pg_date(r, 0, 3)};
            col_copy(r, 0, 0, pr.urn, sizeof(pr.urn));
            col_copy(r, 0, 1, pr.place_codes, sizeof(pr.place_codes));
            col_copy(r, 0, 2, pr.provider_codes, sizeof(pr.provider_codes));
            col_copy(r, 0, 4, pr.pcd, sizeof(pr.pcd));
            col_copy(r, 0, 5, pr.la, sizeof(pr.la));
            provider_list_add(out, &pr);
        }
        PQclear(r);
    }
    return KITH_OK;
}

enum kerr_code pg_refdata_counts(struct store *base, int64_t *postcodes, int64_t *providers,
                                 struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &refdata_counts_sql, NULL, e, "counting reference data", &rc);
    if (!r)
        return rc;
    *postcodes = pg_i64(r, 0, 0);
    *providers = pg_i64(r, 0, 1);
    PQclear(r);
    return KITH_OK;
}
