/*
 * Case notes, the summary counts and the reference data (postcodes and Ofsted
 * providers), written once for every backend through store_sql.h. What differs is only
 * full-text search, which each backend's dialect brings (store_sqlite_search.c,
 * store_pg_search.c): how a new note is indexed, and how a search is asked.
 */
#include <string.h>

#include "core/str.h"
#include "domain/public_id.h"
#include "store/store.h"
#include "store/store_check.h"
#include "store/store_sql.h"

static struct store_sql note_add_sql =
    STORE_SQL("INSERT INTO case_note(public_id, child_id, author_id, note_date, kind, subject, "
              "body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
static struct store_sql note_list_sql =
    STORE_SQL("SELECT " NOTE_COLS " FROM case_note n" NOTE_ORDER " LIMIT ?1 OFFSET ?2");
static struct store_sql note_list_child_sql = STORE_SQL(
    "SELECT " NOTE_COLS " FROM case_note n WHERE n.child_id = ?1" NOTE_ORDER " LIMIT ?2 OFFSET ?3");
static struct store_sql counts_sql =
    STORE_SQL("SELECT (SELECT count(*) FROM person WHERE kind = 0), "
              "(SELECT count(*) FROM person WHERE kind = 1), "
              "(SELECT count(DISTINCT child_id) FROM allocation WHERE end_date IS NULL), "
              "(SELECT count(*) FROM team), (SELECT count(*) FROM worker WHERE end_date IS NULL), "
              "(SELECT count(*) FROM worker WHERE end_date IS NULL AND agency = 1), "
              "(SELECT count(*) FROM user_account), "
              "(SELECT count(*) FROM allocation WHERE end_date IS NULL), "
              "(SELECT count(*) FROM case_note)");
/* A put replaces the whole row (both backends know ON CONFLICT ... DO UPDATE). */
static struct store_sql postcode_put_sql =
    STORE_SQL("INSERT INTO postcode (pcd, laua, utla, east, north) VALUES (?1, ?2, ?3, ?4, ?5) "
              "ON CONFLICT (pcd) DO UPDATE SET laua = excluded.laua, utla = excluded.utla, "
              "east = excluded.east, north = excluded.north");
static struct store_sql postcode_get_sql =
    STORE_SQL("SELECT pcd, laua, utla, east, north FROM postcode WHERE pcd = ?1");
static struct store_sql provider_clear_sql = STORE_SQL("DELETE FROM provider");
static struct store_sql provider_put_sql =
    STORE_SQL("INSERT INTO provider (urn, places, providers, reg_end, pcd, la) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (urn) DO UPDATE SET "
              "places = excluded.places, providers = excluded.providers, "
              "reg_end = excluded.reg_end, pcd = excluded.pcd, la = excluded.la");
static struct store_sql provider_get_sql =
    STORE_SQL("SELECT urn, places, providers, reg_end, pcd, la FROM provider WHERE urn = ?1");
static struct store_sql refdata_counts_sql =
    STORE_SQL("SELECT (SELECT count(*) FROM postcode), (SELECT count(*) FROM provider)");

/* --- case notes ------------------------------------------------------------------------ */

static void read_note(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct case_note *n = out;
    n->id = sc_i64(v[0]);
    SC_CODE(v, len, 1, n->public_id);
    n->child_id = sc_i64(v[2]);
    n->author_id = sc_i64(v[3]);
    n->date = sc_date(v[4], len[4]);
    n->kind = sc_name(a, v[5], len[5]);
    n->subject = sc_name(a, v[6], len[6]);
    n->body = sc_name(a, v[7], len[7]);
}

enum kerr_code store_note_add(struct store *s, struct case_note *note, struct kerr *e)
{
    enum kerr_code rc = check_note(note, e);
    if (rc)
        return rc;
    const struct store_dialect *d = s->ops->dialect;
    /* The note and its index entry, both or neither; a database that indexes the note
     * itself writes it in one statement. */
    bool wrapped = false;
    if (d->note_index && (rc = s->ops->write_begin(s, &wrapped, e)))
        return rc;
    bool fresh = !note->public_id[0];
    if (fresh)
        public_id_new(note->public_id);
    struct store_params p = {0};
    sp_text(&p, note->public_id);
    sp_i64(&p, note->child_id);
    sp_i64(&p, note->author_id);
    sp_date(&p, note->date);
    sp_text(&p, note->kind);
    sp_text(&p, note->subject);
    sp_text(&p, note->body);
    int64_t id = 0;
    rc = store_q_int(s, &note_add_sql, &p, &id, "adding a case note", e);
    if (rc) {
        const struct store_clash clashes[] = {
            {"case_note.public_id", "public_id", "public id '%s' is already used by another note",
             note->public_id},
        };
        const struct store_ref refs[] = {
            {"case_note.child_id", &store_person_exists, note->child_id, "child_id", "child"},
            {"case_note.author_id", &store_worker_exists, note->author_id, "author_id", "worker"},
        };
        rc = store_write_fail(s, rc, e, clashes, 1, refs, 2);
    }
    if (!rc && d->note_index) {
        struct store_params ix = {0};
        sp_i64(&ix, id);
        sp_text(&ix, note->subject);
        sp_text(&ix, note->body);
        rc = store_q(s, d->note_index, &ix, NULL, NULL, NULL, "indexing a case note", e);
    }
    if (d->note_index)
        rc = s->ops->write_end(s, wrapped, rc, e);
    if (rc) {
        if (fresh)
            note->public_id[0] = '\0';
        return rc;
    }
    note->id = id;
    return KITH_OK;
}

enum kerr_code store_note_list(struct store *s, const struct note_query *q, struct arena *a,
                               struct case_note **out, size_t *n, struct kerr *e)
{
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
        if (!s->ops->dialect->note_match(&terms, &match)) { /* nothing searchable */
            str_release(&match);
            return KITH_OK;
        }
    }
    struct store_params p = {0};
    struct store_sql *st = &note_list_sql;
    if (search || q->child_id)
        sp_i64(&p, q->child_id);
    sp_i64(&p, page_limit(q->limit));
    sp_i64(&p, page_offset(q->offset));
    if (search) {
        sp_text(&p, match.buf);
        st = s->ops->dialect->note_search;
    } else if (q->child_id) {
        st = &note_list_child_sql;
    }
    enum kerr_code rc = store_q_rows(s, st, &p, a, sizeof(**out), read_note, (void **)out, n,
                                     search ? "searching case notes" : "listing case notes", e);
    str_release(&match);
    return rc;
}

/* --- counts ---------------------------------------------------------------------------- */

static enum kerr_code read_counts(void *ctx, const char *const *v, const size_t *len,
                                  struct kerr *e)
{
    (void)len;
    (void)e;
    struct store_counts *out = ctx;
    int64_t *fields[] = {&out->children, &out->relatives,   &out->open_children,
                         &out->teams,    &out->workers,     &out->agency_workers,
                         &out->users,    &out->allocations, &out->notes};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        *fields[i] = sc_i64(v[i]);
    return KITH_OK;
}

enum kerr_code store_counts(struct store *s, struct store_counts *out, struct kerr *e)
{
    memset(out, 0, sizeof(*out));
    return store_q(s, &counts_sql, NULL, read_counts, out, NULL, "counting records", e);
}

/* --- reference data ------------------------------------------------------------------- */

/* A put of many rows is one write: all of them or none. */
enum kerr_code store_postcode_put(struct store *s, const struct postcode_place *v, size_t n,
                                  struct kerr *e)
{
    bool wrapped = false;
    enum kerr_code rc = s->ops->write_begin(s, &wrapped, e);
    for (size_t i = 0; i < n && !rc; i++) {
        struct store_params p = {0};
        sp_text(&p, v[i].pcd);
        sp_text(&p, v[i].laua);
        sp_text(&p, v[i].utla);
        bool grid = v[i].east != INT32_MIN && v[i].north != INT32_MIN;
        if (grid) {
            sp_i64(&p, v[i].east);
            sp_i64(&p, v[i].north);
        } else {
            sp_text(&p, NULL);
            sp_text(&p, NULL);
        }
        rc = store_q(s, &postcode_put_sql, &p, NULL, NULL, NULL, "storing a postcode", e);
    }
    return s->ops->write_end(s, wrapped, rc, e);
}

static void read_postcode(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    (void)a;
    struct postcode_place *p = out;
    SC_CODE(v, len, 0, p->pcd);
    SC_CODE(v, len, 1, p->laua);
    SC_CODE(v, len, 2, p->utla);
    p->east = v[3] ? (int32_t)sc_i64(v[3]) : INT32_MIN;
    p->north = v[3] ? (int32_t)sc_i64(v[4]) : INT32_MIN;
}

enum kerr_code store_postcode_find(struct store *s, const char *const *pcds, size_t n,
                                   struct postcode_geo *out, struct kerr *e)
{
    for (size_t i = 0; i < n; i++) {
        char key[POSTCODE_MAX + 1];
        if (!pcds[i] || !postcode_norm(pcds[i], key))
            continue;
        struct store_params p = {0};
        sp_text(&p, key);
        struct postcode_place pl;
        bool found;
        enum kerr_code rc = store_q_one(s, &postcode_get_sql, &p, NULL, read_postcode, &pl, &found,
                                        "looking up postcodes", e);
        if (rc)
            return rc;
        if (found)
            postcode_geo_add(out, &pl);
    }
    return KITH_OK;
}

enum kerr_code store_provider_clear(struct store *s, struct kerr *e)
{
    return store_q(s, &provider_clear_sql, NULL, NULL, NULL, NULL, "clearing the provider list", e);
}

enum kerr_code store_provider_put(struct store *s, const struct provider *v, size_t n,
                                  struct kerr *e)
{
    bool wrapped = false;
    enum kerr_code rc = s->ops->write_begin(s, &wrapped, e);
    for (size_t i = 0; i < n && !rc; i++) {
        struct store_params p = {0};
        sp_text(&p, v[i].urn);
        sp_text(&p, v[i].place_codes);
        sp_text(&p, v[i].provider_codes);
        sp_date(&p, v[i].reg_end);
        sp_code(&p, v[i].pcd);
        sp_code(&p, v[i].la);
        rc = store_q(s, &provider_put_sql, &p, NULL, NULL, NULL, "storing a provider", e);
    }
    return s->ops->write_end(s, wrapped, rc, e);
}

static void read_provider(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    (void)a;
    struct provider *p = out;
    SC_CODE(v, len, 0, p->urn);
    SC_CODE(v, len, 1, p->place_codes);
    SC_CODE(v, len, 2, p->provider_codes);
    p->reg_end = sc_date(v[3], len[3]);
    SC_CODE(v, len, 4, p->pcd);
    SC_CODE(v, len, 5, p->la);
}

enum kerr_code store_provider_find(struct store *s, const char *const *urns, size_t n,
                                   struct provider_list *out, struct kerr *e)
{
    for (size_t i = 0; i < n; i++) {
        if (!urns[i] || !*urns[i])
            continue;
        struct store_params p = {0};
        sp_text(&p, urns[i]);
        struct provider pr;
        bool found;
        enum kerr_code rc = store_q_one(s, &provider_get_sql, &p, NULL, read_provider, &pr, &found,
                                        "looking up providers", e);
        if (rc)
            return rc;
        if (found)
            provider_list_add(out, &pr);
    }
    return KITH_OK;
}

struct two {
    int64_t *a, *b;
};
static enum kerr_code read_two(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    struct two *t = ctx;
    *t->a = sc_i64(v[0]);
    *t->b = sc_i64(v[1]);
    return KITH_OK;
}

enum kerr_code store_refdata_counts(struct store *s, int64_t *postcodes, int64_t *providers,
                                    struct kerr *e)
{
    struct two t = {postcodes, providers};
    *postcodes = *providers = 0;
    return store_q(s, &refdata_counts_sql, NULL, read_two, &t, NULL, "counting reference data", e);
}
