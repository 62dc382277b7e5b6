/*
 * People (children and relatives) with their disabilities, person search and scope,
 * written once for every backend through store_sql.h. The values are checked by the
 * shared store_check.c first.
 *
 * One dialect bit stays, and it is small: how "ignoring case" reaches an index. SQLite
 * folds with COLLATE NOCASE, PostgreSQL with lower(... COLLATE "C") on the same
 * expressions as its indexes (0001_*.pg.sql, 0014_*.pg.sql); both fold ASCII letters
 * only. So the statements that order by name or search by prefix come as a
 * store_sql_pair built from one text with the fold as the only difference, and a search
 * range ends, past every stored text, at byte 0xFF on SQLite and at U+10FFFF on
 * PostgreSQL (which refuses bytes that are not UTF-8), the typed words folded to lower
 * case there and left as typed for NOCASE (prefix_words). Everything else (the scope rule,
 * the disabilities, clashes) is one text.
 */
#include <inttypes.h>
#include <string.h>

#include "domain/public_id.h"
#include "store/store.h"
#include "store/store_check.h"
#include "store/store_sql.h"

/* The disabilities come from the person row's copy of the codes (see the migration), so
 * a lookup by id is one B-tree search and a list needs no query per row. */
#define PERSON_COLS                                                                                \
    "p.id, p.public_id, p.kind, p.la_child_id, p.given_name, p.family_name, p.dob, "               \
    "p.expected_dob, p.death, p.sex, p.ethnicity, p.upn, p.former_upn, p.upn_unknown, "            \
    "p.postcode, p.uasc, p.uasc_ceased, p.nhs_number, p.nhs_source, p.nhs_unknown, "               \
    "p.nhs_unknown_text, p.merged_into, p.created, p.disabilities"
/* Case folded as each database's index has it (above). */
#define SQ_FOLD(col) "((" col ") COLLATE NOCASE)"
#define PG_FOLD(col) "lower((" col ") COLLATE \"C\")"
#define ORDER(F) " ORDER BY " F("p.family_name") ", " F("p.given_name") ", p.id"

/* Person lists share parameters: ?1 kind (-1 any), ?2 limit, ?3 offset, ?4 worker and ?5
 * team of a current allocation (0 any), ?6-?10 the scope (SCOPE), ?11 only children with
 * a current allocation (lists and searches), ?12 and ?13 the search range. Never a
 * record merged into another (store_merge.h). */
#define PERSON_KIND "(CAST(?1 AS INTEGER) < 0 OR p.kind = ?1) AND p.merged_into IS NULL"
/* One table in the subquery, so that it is a probe of allocation_child for this person
 * whatever statistics the planner has; the team's workers are read once per query. */
#define PERSON_OPEN                                                                                \
    "(CAST(?11 AS INTEGER) = 0 OR EXISTS (SELECT 1 FROM allocation a WHERE a.child_id = p.id "     \
    "AND a.end_date IS NULL AND (CAST(?4 AS BIGINT) = 0 OR a.worker_id = ?4) AND "                 \
    "(CAST(?5 AS BIGINT) = 0 OR a.worker_id IN (SELECT w.id FROM worker w WHERE w.team_id = "      \
    "?5))))"
#define PERSON_ALLOCATED                                                                           \
    "p.id IN (SELECT a.child_id FROM allocation a JOIN worker w ON w.id = a.worker_id "            \
    "WHERE a.end_date IS NULL AND (CAST(?4 AS BIGINT) = 0 OR a.worker_id = ?4) "                   \
    "AND (CAST(?5 AS BIGINT) = 0 OR w.team_id = ?5))"
/* Scope (store.h struct store_scope): U the account, W its worker, M -1 unscoped / 0
 * scoped / 1 service-wide, T today, F the front-door service. A restricted record is
 * decided by its allow-list alone; otherwise any one relationship is enough. */
#define SCOPE(U, W, M, T, F)                                                                       \
    "(CAST(" M " AS INTEGER) < 0 OR CASE WHEN EXISTS (SELECT 1 FROM restriction r "                \
    "WHERE r.child_id = p.id) THEN EXISTS (SELECT 1 FROM restriction_allow ra "                    \
    "WHERE ra.child_id = p.id AND ra.user_id = " U ") ELSE (CAST(" M " AS INTEGER) = 1 "           \
    "OR EXISTS (SELECT 1 FROM worker fw JOIN team ft ON ft.id = fw.team_id "                       \
    "WHERE fw.id = " W " AND ft.service = " F ") "                                                 \
    "OR EXISTS (SELECT 1 FROM allocation sa JOIN worker sw ON sw.id = sa.worker_id "               \
    "WHERE sa.child_id = p.id AND sa.end_date IS NULL AND (sa.worker_id = " W " OR "               \
    "sw.team_id = (SELECT team_id FROM worker WHERE id = " W "))) "                                \
    "OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = p.id AND g.user_id = " U           \
    " AND g.revoked IS NULL AND (g.expires IS NULL OR g.expires >= " T "))) END)"
#define LIST_SCOPE SCOPE("?6", "?7", "?8", "?9", "?10")
/* Search: ?12 is the typed words, ?13 the same followed by the end of the range (above),
 * so [?12, ?13) under the fold is "starts with ?12" and each arm is one index range
 * (SQLite answers with a MULTI-INDEX OR); % and _ are plain characters, as they never
 * meet LIKE. */
#define PREFIX(F, col) "(" F(col) " >= ?12 AND " F(col) " < ?13)"
/* clang-format off */
#define MATCH(F) \
    "(" PREFIX(F, "p.family_name") " OR " PREFIX(F, "p.given_name") " OR " \
    PREFIX(F, "p.given_name || ' ' || p.family_name") " OR " \
    PREFIX(F, "p.family_name || ' ' || p.given_name") " OR " PREFIX(F, "p.la_child_id") " OR " \
    PREFIX(F, "p.upn") ")"
/* clang-format on */
/* Three shapes of list, so that each uses its index: in name order (optionally only open
 * cases), from the current allocations of a worker or team, and by search text. */
#define LIST(F)                                                                                    \
    "SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND " AND " PERSON_OPEN                  \
    " AND " LIST_SCOPE                                                                             \
    ORDER(F) " LIMIT ?2 OFFSET ?3"
#define LIST_ALLOCATED(F)                                                                          \
    "SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND " AND " PERSON_ALLOCATED             \
    " AND " LIST_SCOPE                                                                             \
    ORDER(F) " LIMIT ?2 OFFSET ?3"
#define SEARCH(F)                                                                                  \
    "SELECT " PERSON_COLS " FROM person p WHERE " MATCH(F) " AND " PERSON_KIND " AND " PERSON_OPEN \
                                                           " AND " LIST_SCOPE                      \
                                                           ORDER(F) " LIMIT ?2 OFFSET ?3"
#define BY_LA_CHILD_ID(F)                                                                          \
    "SELECT " PERSON_COLS " FROM person p WHERE " F("p.la_child_id") " = " F("CAST(?1 AS TEXT)")

/* ?2-?21: what an add and an update share. */
#define PERSON_SET                                                                                 \
    "kind, la_child_id, given_name, family_name, dob, expected_dob, death, sex, ethnicity, "       \
    "upn, former_upn, upn_unknown, postcode, uasc, uasc_ceased, disabilities, nhs_number, "        \
    "nhs_source, nhs_unknown, nhs_unknown_text"
static struct store_sql person_add_sql =
    STORE_SQL("INSERT INTO person(public_id, " PERSON_SET ", created) VALUES (?1, ?2, ?3, ?4, ?5, "
              "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22) "
              "RETURNING id");
static struct store_sql person_update_sql = STORE_SQL(
    "UPDATE person SET kind = ?2, la_child_id = ?3, given_name = ?4, family_name = ?5, dob = ?6, "
    "expected_dob = ?7, death = ?8, sex = ?9, ethnicity = ?10, upn = ?11, former_upn = ?12, "
    "upn_unknown = ?13, postcode = ?14, uasc = ?15, uasc_ceased = ?16, disabilities = ?17, "
    "nhs_number = ?18, nhs_source = ?19, nhs_unknown = ?20, nhs_unknown_text = ?21 WHERE id = ?1");
static struct store_sql disability_add_sql =
    STORE_SQL("INSERT INTO person_disability(person_id, code) VALUES (?1, ?2)");
static struct store_sql disability_clear_sql =
    STORE_SQL("DELETE FROM person_disability WHERE person_id = ?1");
static struct store_sql person_get_sql =
    STORE_SQL("SELECT " PERSON_COLS " FROM person p WHERE p.id = ?1");
static struct store_sql person_by_public_id_sql =
    STORE_SQL("SELECT " PERSON_COLS " FROM person p WHERE p.public_id = ?1");
static struct store_sql_pair person_by_la_child_id_sql =
    STORE_SQL_PAIR(BY_LA_CHILD_ID(SQ_FOLD), BY_LA_CHILD_ID(PG_FOLD));
static struct store_sql_pair person_list_sql = STORE_SQL_PAIR(LIST(SQ_FOLD), LIST(PG_FOLD));
static struct store_sql_pair person_list_allocated_sql =
    STORE_SQL_PAIR(LIST_ALLOCATED(SQ_FOLD), LIST_ALLOCATED(PG_FOLD));
static struct store_sql_pair person_search_sql = STORE_SQL_PAIR(SEARCH(SQ_FOLD), SEARCH(PG_FOLD));
/* A child's relatives (store_links.c's relationship columns and order) with the other
 * person and, for a child, SCOPE's answer for ?2-?6; a relationship whose person is gone
 * has no row, as store_person_get finds none. The answer as 1 or 0, which both databases
 * read as a whole number. */
#define REL_NCOLS 5
#define PERSON_NCOLS 24
static struct store_sql relative_list_sql = STORE_SQL(
    "SELECT rl.id, rl.child_id, rl.other_id, rl.type, rl.parental_responsibility, " PERSON_COLS
    ", CASE WHEN p.kind <> 0 THEN 1 WHEN " SCOPE(
        "?2", "?3", "?4", "?5",
        "?6") " THEN 1 ELSE 0 "
              "END FROM relationship rl JOIN person p ON p.id = rl.other_id WHERE rl.child_id = ?1 "
              "ORDER BY rl.id");
_Static_assert(PERSON_CHILD == 0, "relative_list_sql names a child as kind 0");
static struct store_sql person_visible_sql =
    STORE_SQL("SELECT 1 FROM person p WHERE p.id = ?1 AND " SCOPE("?2", "?3", "?4", "?5", "?6"));

/* The end of a search range and whether the words are folded to lower case first, per
 * database (the opening paragraph). */
struct prefix_words {
    const char *end;
    bool lower;
};
static const struct prefix_words sqlite_prefix = {"\xFF", false},
                                 pg_prefix = {"\xF4\x8F\xBF\xBF", true};

/* --- reading ---------------------------------------------------------------------------- */

static void read_person(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct person *p = out;
    p->id = sc_i64(v[0]);
    SC_CODE(v, len, 1, p->public_id);
    p->kind = (enum person_kind)sc_i64(v[2]);
    SC_CODE(v, len, 3, p->la_child_id);
    p->given_name = sc_name(a, v[4], len[4]);
    p->family_name = sc_name(a, v[5], len[5]);
    p->dob = sc_date(v[6], len[6]);
    p->expected_dob = sc_date(v[7], len[7]);
    p->death = sc_date(v[8], len[8]);
    p->sex = v[9] && len[9] ? v[9][0] : 'U';
    SC_CODE(v, len, 10, p->ethnicity);
    SC_CODE(v, len, 11, p->upn);
    SC_CODE(v, len, 12, p->former_upn);
    SC_CODE(v, len, 13, p->upn_unknown);
    SC_CODE(v, len, 14, p->postcode);
    p->uasc = sc_i64(v[15]) != 0;
    p->uasc_ceased = sc_date(v[16], len[16]);
    SC_CODE(v, len, 17, p->nhs_number);
    SC_CODE(v, len, 18, p->nhs_source);
    SC_CODE(v, len, 19, p->nhs_unknown);
    p->nhs_unknown_text = sc_name(a, v[20], len[20]);
    p->merged_into = sc_i64(v[21]);
    p->created = sc_date(v[22], len[22]);
    person_codes_split(v[23], v[23] ? len[23] : 0, p); /* the codes joined by commas */
}

/* --- writing ---------------------------------------------------------------------------- */

/* Values formatted for the parameters; they must live until the statement has run. */
struct person_text {
    char sex[2];
    char codes[PERSON_CODES_CAP];
};

/* ?2 to ?21 (see PERSON_SET). */
static void person_params(struct store_params *q, const struct person *p, struct person_text *t)
{
    t->sex[0] = p->sex;
    t->sex[1] = '\0';
    person_codes_join(p, t->codes);
    sp_i64(q, (int64_t)p->kind);
    sp_code(q, p->la_child_id);
    sp_text(q, p->given_name ? p->given_name : "");
    sp_text(q, p->family_name ? p->family_name : "");
    sp_date(q, p->dob);
    sp_date(q, p->expected_dob);
    sp_date(q, p->death);
    sp_code(q, t->sex);
    sp_code(q, p->ethnicity);
    sp_code(q, p->upn);
    sp_code(q, p->former_upn);
    sp_code(q, p->upn_unknown);
    sp_code(q, p->postcode);
    sp_bool(q, p->uasc);
    sp_date(q, p->uasc_ceased);
    sp_code(q, t->codes);
    sp_code(q, p->nhs_number);
    sp_code(q, p->nhs_source);
    sp_code(q, p->nhs_unknown);
    sp_code(q, p->nhs_unknown_text);
}

static enum kerr_code person_write_fail(struct store *s, enum kerr_code rc, const struct person *p,
                                        struct kerr *e)
{
    /* SQLite names the column its NOCASE index is on, PostgreSQL the index on lower() */
    const struct store_clash clashes[] = {
        {"person.la_child_id", "la_child_id", "LA child id '%s' is already used by another child",
         p->la_child_id},
        {"index 'person_la_child_id'", "la_child_id",
         "LA child id '%s' is already used by another child", p->la_child_id},
        {"person.public_id", "public_id", "public id '%s' is already used by another person",
         p->public_id},
    };
    return store_write_fail(s, rc, e, clashes, 3, NULL, 0);
}

/* The person's disability rows (after clearing them, on an update). check_person refuses
 * a code given twice first; the clash here is the last line. */
static enum kerr_code write_disabilities(struct store *s, const struct person *p, int64_t id,
                                         bool clear, struct kerr *e)
{
    struct store_params q = {0};
    sp_i64(&q, id);
    enum kerr_code rc = KITH_OK;
    if (clear)
        rc = store_q(s, &disability_clear_sql, &q, NULL, NULL, NULL, "updating disabilities", e);
    for (int i = 0; !rc && i < p->n_disabilities; i++) {
        q.n = 1;
        sp_code(&q, p->disabilities[i]);
        rc = store_q(s, &disability_add_sql, &q, NULL, NULL, NULL, "recording disabilities", e);
        if (rc) {
            const struct store_clash twice[] = {
                {"person_disability.person_id, person_disability.code", "disabilities",
                 "disability '%s' is given twice", p->disabilities[i]},
                {"person_disability.id", "disabilities", "disability '%s' is given twice",
                 p->disabilities[i]},
            };
            rc = store_write_fail(s, rc, e, twice, 2, NULL, 0);
        }
    }
    return rc;
}

enum kerr_code store_person_add(struct store *s, struct person *p, struct kerr *e)
{
    enum kerr_code rc = check_person_new(p, e);
    if (rc)
        return rc;
    /* One statement is atomic by itself; with disability rows the write needs a
     * transaction of its own, so that a bad code leaves no person behind. */
    bool several = p->n_disabilities > 0, wrapped = false;
    if (several && (rc = s->ops->write_begin(s, &wrapped, e)))
        return rc;
    bool fresh = !p->public_id[0];
    if (fresh)
        public_id_new(p->public_id);
    kdate created = p->created == DATE_NONE ? date_today() : p->created;
    struct person_text t;
    struct store_params q = {0};
    sp_text(&q, p->public_id);
    person_params(&q, p, &t);
    sp_date(&q, created);
    int64_t id = 0;
    rc = store_q_int(s, &person_add_sql, &q, &id, "adding a person", e);
    if (rc)
        rc = person_write_fail(s, rc, p, e);
    if (!rc && several)
        rc = write_disabilities(s, p, id, false, e);
    if (several)
        rc = s->ops->write_end(s, wrapped, rc, e);
    if (rc) {
        if (fresh)
            p->public_id[0] = '\0';
        return rc;
    }
    p->id = id;
    p->created = created;
    return KITH_OK;
}

enum kerr_code store_person_update(struct store *s, const struct person *p, struct kerr *e)
{
    enum kerr_code rc = check_person(p, e);
    if (rc)
        return rc;
    bool wrapped;
    if ((rc = s->ops->write_begin(s, &wrapped, e)))
        return rc;
    struct person_text t;
    struct store_params q = {0};
    sp_i64(&q, p->id);
    person_params(&q, p, &t);
    int64_t changed = 0;
    rc = store_q(s, &person_update_sql, &q, NULL, NULL, &changed, "updating a person", e);
    if (rc)
        rc = person_write_fail(s, rc, p, e);
    else if (!changed)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %" PRId64, p->id);
    if (!rc)
        rc = write_disabilities(s, p, p->id, true, e);
    return s->ops->write_end(s, wrapped, rc, e);
}

/* --- finding and listing ---------------------------------------------------------------- */

enum kerr_code store_person_get(struct store *s, int64_t id, struct arena *a, struct person *out,
                                struct kerr *e)
{
    struct store_params q = {0};
    sp_i64(&q, id);
    bool found;
    enum kerr_code rc =
        store_q_one(s, &person_get_sql, &q, a, read_person, out, &found, "reading a person", e);
    if (!rc && !found)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %" PRId64, id);
    return rc;
}

enum kerr_code store_person_find(struct store *s, const char *ref, struct arena *a,
                                 struct person *out, struct kerr *e)
{
    return store_q_find(s, ref, &person_by_public_id_sql,
                        store_sql_of(s, &person_by_la_child_id_sql), a, read_person, out,
                        "person with public id or LA child id", e);
}

/* A scope's five parameters (see SCOPE); none are read when unscoped. `today` must
 * outlive the statement. */
static void scope_params(struct store_params *q, const struct store_scope *scope,
                         char today[DATE_ISO_LEN])
{
    kdate d = !scope || scope->today == DATE_NONE ? date_today() : scope->today;
    sp_i64(q, scope ? scope->user_id : 0);
    sp_i64(q, scope ? scope->worker_id : 0);
    sp_i64(q, !scope ? -1 : scope->service_wide ? 1 : 0);
    sp_text(q, date_format_iso(d, today));
    sp_i64(q, SERVICE_FRONT_DOOR);
}

enum kerr_code store_person_visible(struct store *s, const struct store_scope *scope, int64_t id,
                                    bool *out, struct kerr *e)
{
    char today[DATE_ISO_LEN];
    struct store_params q = {0};
    sp_i64(&q, id);
    scope_params(&q, scope, today);
    int64_t one = 0;
    enum kerr_code rc = store_q_int(s, &person_visible_sql, &q, &one, "checking access", e);
    *out = !rc && one;
    return rc;
}

static void read_relative(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct relative_read *r = out;
    store_read_relationship(v, len, a, &r->rel);
    read_person(v + REL_NCOLS, len + REL_NCOLS, a, &r->person);
    r->visible = sc_i64(v[REL_NCOLS + PERSON_NCOLS]) != 0;
}

enum kerr_code store_relative_list(struct store *s, int64_t child_id,
                                   const struct store_scope *scope, struct arena *a,
                                   struct relative_read **out, size_t *n, struct kerr *e)
{
    char today[DATE_ISO_LEN];
    struct store_params q = {0};
    sp_i64(&q, child_id);
    scope_params(&q, scope, today);
    return store_q_rows(s, &relative_list_sql, &q, a, sizeof(**out), read_relative, (void **)out, n,
                        "listing relatives", e);
}

enum kerr_code store_person_list(struct store *s, const struct person_query *q, struct arena *a,
                                 struct person **out, size_t *n, struct kerr *e)
{
    *out = NULL;
    *n = 0;
    /* the words, then the same followed by the end of the range */
    char lo[SEARCH_WORDS_CAP], hi[SEARCH_WORDS_CAP];
    size_t len = 0;
    bool utf8 = true;
    if (q->text && !search_words(q->text, lo, &len, &utf8))
        return kerr_fail(e, KITH_E_TOO_LARGE, "text", "text: search text longer than %d bytes",
                         STORE_SEARCH_MAX);
    if (!utf8)
        return KITH_OK; /* no stored name has such bytes (and PostgreSQL refuses them) */
    const struct prefix_words *w = s->ops->dialect->param == '$' ? &pg_prefix : &sqlite_prefix;
    for (size_t i = 0; w->lower && i < len; i++)
        if (lo[i] >= 'A' && lo[i] <= 'Z')
            lo[i] = (char)(lo[i] - 'A' + 'a');
    bool allocated = q->worker_id || q->team_id;
    struct store_sql_pair *sql = len         ? &person_search_sql
                                 : allocated ? &person_list_allocated_sql
                                             : &person_list_sql;
    char today[DATE_ISO_LEN];
    struct store_params p = {0};
    sp_i64(&p, q->kind < 0 ? -1 : q->kind);
    sp_i64(&p, page_limit(q->limit));
    sp_i64(&p, page_offset(q->offset));
    sp_i64(&p, q->worker_id);
    sp_i64(&p, q->team_id);
    scope_params(&p, q->scope, today);
    if (sql != &person_list_allocated_sql) /* which has no ?11 */
        sp_bool(&p, q->open_only || allocated);
    if (len) {
        memcpy(hi, lo, len);
        memcpy(hi + len, w->end, strlen(w->end) + 1); /* fits: SEARCH_WORDS_CAP has room */
        sp_text(&p, lo);
        sp_text(&p, hi);
    }
    return store_q_rows(s, store_sql_of(s, sql), &p, a, sizeof(**out), read_person, (void **)out, n,
                        "listing people", e);
}
