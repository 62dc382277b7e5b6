/*
 * The PostgreSQL backend's ops for people (children and relatives) with their
 * disabilities (teams and workers are store_workforce.c's, accounts store_access.c's,
 * relationships and allocations store_links.c's, written once). Same behaviour and words
 * as store_sqlite_people.c: the values are checked by the shared store_check.c, clashes
 * and missing references are named by the constraint the server reports. Matching and
 * ordering that ignore case fold ASCII letters only, as SQLite's NOCASE does: lower()
 * under the "C" collation, on the same expressions as the indexes of 0001_*.pg.sql, so
 * each search arm and each list order is an index range.
 */
#include <stdio.h>
#include <string.h>

#include "domain/public_id.h"
#include "store/store_pg_impl.h"

/* The columns each reader expects, in its order (as store_sqlite_people.c). */
#define PERSON_COLS                                                                                \
    "p.id, p.public_id, p.kind, p.la_child_id, p.given_name, p.family_name, p.dob, "               \
    "p.expected_dob, p.death, p.sex, p.ethnicity, p.upn, p.former_upn, p.upn_unknown, "            \
    "p.postcode, p.uasc, p.uasc_ceased, p.nhs_number, p.nhs_source, p.nhs_unknown, "               \
    "p.nhs_unknown_text, p.merged_into, p.created, p.disabilities"

/* A column folded as NOCASE folds it: ASCII letters only, compared byte by byte. */
#define FOLD(col) "lower((" col ") COLLATE \"C\")"
#define NAME_ORDER(t) FOLD(t ".family_name") ", " FOLD(t ".given_name") ", " t ".id"
#define PERSON_ORDER " ORDER BY " NAME_ORDER("p")

/* Person lists share parameters: $1 kind (-1 any), $2 limit, $3 offset, $4 worker and
 * $5 team of a current allocation (0 = any), $6-$10 the scope, then $11 only children
 * with a current allocation (lists and searches) and $12, $13 the search range. */
/* ... and never a record merged into another (store_merge.h) */
#define PERSON_KIND "($1::integer < 0 OR p.kind = $1::integer) AND p.merged_into IS NULL"
#define PERSON_OPEN                                                                                \
    "($11::integer = 0 OR EXISTS (SELECT 1 FROM allocation a WHERE a.child_id = p.id "             \
    "AND a.end_date IS NULL AND ($4::bigint = 0 OR a.worker_id = $4::bigint) AND "                 \
    "($5::bigint = 0 OR a.worker_id IN (SELECT w.id FROM worker w WHERE w.team_id = "              \
    "$5::bigint))))"
/* Search: $12 is the typed words folded, $13 the same followed by U+10FFFF, the last code
 * point, so [$12, $13) under "C" is "starts with $12" and each arm is one index range;
 * % and _ are plain characters here, as they never meet LIKE. */
#define PREFIX(col) "(" FOLD(col) " >= $12 AND " FOLD(col) " < $13)"
/* clang-format off */
#define PERSON_MATCH \
    "(" PREFIX("p.family_name") " OR " PREFIX("p.given_name") " OR " \
    PREFIX("p.given_name || ' ' || p.family_name") " OR " \
    PREFIX("p.family_name || ' ' || p.given_name") " OR " PREFIX("p.la_child_id") " OR " \
    PREFIX("p.upn") ")"
/* clang-format on */

/* PERSON_SCOPE of store_sqlite_people.c in PostgreSQL's words, the same rule (store.h, struct
 * store_scope): U the account, W its worker, M -1 unscoped / 0 scoped / 1 service-wide,
 * T today, F the front-door service. A restricted record is decided by its allow-list
 * alone; otherwise any one relationship is enough. */
#define PG_PERSON_SCOPE(U, W, M, T, F)                                                             \
    "(" M "::integer < 0 OR CASE WHEN EXISTS (SELECT 1 FROM restriction r "                        \
    "WHERE r.child_id = p.id) THEN EXISTS (SELECT 1 FROM restriction_allow ra "                    \
    "WHERE ra.child_id = p.id AND ra.user_id = " U "::bigint) ELSE (" M "::integer = 1 "           \
    "OR EXISTS (SELECT 1 FROM worker fw JOIN team ft ON ft.id = fw.team_id "                       \
    "WHERE fw.id = " W "::bigint AND ft.service = " F "::bigint) "                                 \
    "OR EXISTS (SELECT 1 FROM allocation sa JOIN worker sw ON sw.id = sa.worker_id "               \
    "WHERE sa.child_id = p.id AND sa.end_date IS NULL AND (sa.worker_id = " W "::bigint OR "       \
    "sw.team_id = (SELECT team_id FROM worker WHERE id = " W "::bigint))) "                        \
    "OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = p.id AND g.user_id = " U           \
    "::bigint AND g.revoked IS NULL AND (g.expires IS NULL OR g.expires >= " T "::text))) END)"
#define LIST_SCOPE PG_PERSON_SCOPE("$6", "$7", "$8", "$9", "$10")

/* --- people ---------------------------------------------------------------------------- */

/* $2-$16, $17 the disability codes joined and $18-$21 the NHS number's: what an add and
 * an update share. The add's codes go in the same statement as the person, so it is whole
 * or absent by itself. */
#define PERSON_SET                                                                                 \
    "kind, la_child_id, given_name, family_name, dob, expected_dob, death, sex, ethnicity, "       \
    "upn, former_upn, upn_unknown, postcode, uasc, uasc_ceased, disabilities, nhs_number, "        \
    "nhs_source, nhs_unknown, nhs_unknown_text"
static struct pg_stmt person_add_sql = PG_STMT(
    "WITH p AS (INSERT INTO person(public_id, " PERSON_SET ", created) VALUES ($1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "
    "RETURNING id), "
    "d AS (INSERT INTO person_disability(person_id, code) SELECT p.id, "
    "unnest(string_to_array($17::text, ',')) FROM p) SELECT id FROM p");
static struct pg_stmt person_update_sql =
    PG_STMT("UPDATE person SET (" PERSON_SET ") = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
            "$13, $14, $15, $16, $17, $18, $19, $20, $21) WHERE id = $1");
static struct pg_stmt disability_clear_sql =
    PG_STMT("DELETE FROM person_disability WHERE person_id = $1");
static struct pg_stmt disability_add_sql =
    PG_STMT("INSERT INTO person_disability(person_id, code) "
            "SELECT $1::bigint, unnest(string_to_array($2::text, ','))");
static struct pg_stmt person_get_sql =
    PG_STMT("SELECT " PERSON_COLS " FROM person p WHERE p.id = $1");
static struct pg_stmt person_by_public_id_sql =
    PG_STMT("SELECT " PERSON_COLS " FROM person p WHERE p.public_id = $1");
static struct pg_stmt person_by_la_child_id_sql = PG_STMT(
    "SELECT " PERSON_COLS " FROM person p WHERE " FOLD("p.la_child_id") " = " FOLD("$1::text"));
/* Three shapes of list, so that each uses its index: in name order (optionally only open
 * cases), from the current allocations of a worker or team, and by search text. */
static struct pg_stmt person_list_sql =
    PG_STMT("SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND " AND " PERSON_OPEN
            " AND " LIST_SCOPE PERSON_ORDER " LIMIT $2 OFFSET $3");
static struct pg_stmt person_list_allocated_sql =
    PG_STMT("SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND " AND p.id IN "
            "(SELECT a.child_id FROM allocation a JOIN worker w ON w.id = a.worker_id "
            "WHERE a.end_date IS NULL AND ($4::bigint = 0 OR a.worker_id = $4::bigint) "
            "AND ($5::bigint = 0 OR w.team_id = $5::bigint)) AND " LIST_SCOPE PERSON_ORDER
            " LIMIT $2 OFFSET $3");
static struct pg_stmt person_search_sql =
    PG_STMT("SELECT " PERSON_COLS " FROM person p WHERE " PERSON_MATCH " AND " PERSON_KIND
            " AND " PERSON_OPEN " AND " LIST_SCOPE PERSON_ORDER " LIMIT $2 OFFSET $3");
static struct pg_stmt person_visible_sql = PG_STMT(
    "SELECT 1 FROM person p WHERE p.id = $1 AND " PG_PERSON_SCOPE("$2", "$3", "$4", "$5", "$6"));

static void read_person(const PGresult *r, int row, struct arena *a, void *out)
{
    struct person *p = out;
    int c = 0;
    p->id = pg_i64(r, row, c++);
    PG_CODE(r, row, c++, p->public_id);
    p->kind = (enum person_kind)pg_int(r, row, c++);
    PG_CODE(r, row, c++, p->la_child_id);
    p->given_name = pg_name(r, row, c++, a);
    p->family_name = pg_name(r, row, c++, a);
    p->dob = pg_date(r, row, c++);
    p->expected_dob = pg_date(r, row, c++);
    p->death = pg_date(r, row, c++);
    const char *sex = pg_null(r, row, c) ? "" : PQgetvalue(r, row, c);
    c++;
    p->sex = *sex ? *sex : 'U';
    PG_CODE(r, row, c++, p->ethnicity);
    PG_CODE(r, row, c++, p->upn);
    PG_CODE(r, row, c++, p->former_upn);
    PG_CODE(r, row, c++, p->upn_unknown);
    PG_CODE(r, row, c++, p->postcode);
    p->uasc = pg_int(r, row, c++) != 0;
    p->uasc_ceased = pg_date(r, row, c++);
    PG_CODE(r, row, c++, p->nhs_number);
    PG_CODE(r, row, c++, p->nhs_source);
    PG_CODE(r, row, c++, p->nhs_unknown);
    p->nhs_unknown_text = pg_name(r, row, c++, a);
    p->merged_into = pg_null(r, row, c) ? 0 : pg_i64(r, row, c);
    c++;
    p->created = pg_date(r, row, c++);
    person_codes_split(PQgetvalue(r, row, c), (size_t)PQgetlength(r, row, c), p);
}

/* $2 to $21 (see PERSON_SET); `codes` must outlive the statement. */
static void person_params(struct pg_params *q, const struct person *p, char codes[PERSON_CODES_CAP])
{
    pg_p_i64(q, (int64_t)p->kind);
    PG_P_CODE(q, p->la_child_id);
    pg_p_text(q, p->given_name ? p->given_name : "");
    pg_p_text(q, p->family_name ? p->family_name : "");
    pg_p_date(q, p->dob);
    pg_p_date(q, p->expected_dob);
    pg_p_date(q, p->death);
    pg_p_fixed(q, &p->sex, 1);
    PG_P_CODE(q, p->ethnicity);
    PG_P_CODE(q, p->upn);
    PG_P_CODE(q, p->former_upn);
    PG_P_CODE(q, p->upn_unknown);
    PG_P_CODE(q, p->postcode);
    pg_p_i64(q, p->uasc);
    pg_p_date(q, p->uasc_ceased);
    person_codes_join(p, codes);
    pg_p_code(q, codes);
    PG_P_CODE(q, p->nhs_number);
    PG_P_CODE(q, p->nhs_source);
    PG_P_CODE(q, p->nhs_unknown);
    pg_p_text(q, p->nhs_unknown_text && *p->nhs_unknown_text ? p->nhs_unknown_text : NULL);
}

static enum kerr_code person_write_fail(struct store_pg *s, enum kerr_code rc,
                                        const struct person *p, struct kerr *e)
{
    const struct pg_clash clashes[] = {
        {"person_la_child_id", "la_child_id", "LA child id '%s' is already used by another child",
         p->la_child_id},
        {"person_public_id_key", "public_id", "public id '%s' is already used by another person",
         p->public_id},
        /* check_person refuses a code given twice first; this is the last line */
        {"person_disability_pkey", "disabilities", "%s", "disabilities: a code is given twice"},
    };
    return pg_clash_fail(s, rc, clashes, 3, e);
}

enum kerr_code pg_person_add(struct store *base, struct person *p, struct kerr *e)
{
    enum kerr_code rc = check_person_new(p, e);
    if (rc)
        return rc;
    bool fresh = !p->public_id[0];
    if (fresh)
        public_id_new(p->public_id);
    kdate created = p->created == DATE_NONE ? date_today() : p->created;
    char codes[PERSON_CODES_CAP];
    struct pg_params q = {0};
    pg_p_text(&q, p->public_id);
    person_params(&q, p, codes);
    pg_p_date(&q, created);
    PGresult *r = pg_run(pg(base), &person_add_sql, &q, e, "adding a person", &rc);
    if (!r) {
        rc = person_write_fail(pg(base), rc, p, e);
        if (fresh)
            p->public_id[0] = '\0';
        return rc;
    }
    p->id = pg_i64(r, 0, 0);
    p->created = created;
    PQclear(r);
    return KITH_OK;
}

enum kerr_code pg_person_update(struct store *base, const struct person *p, struct kerr *e)
{
    struct store_pg *s = pg(base);
    enum kerr_code rc = check_person(p, e);
    if (rc)
        return rc;
    bool wrapped;
    rc = pg_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    char codes[PERSON_CODES_CAP];
    struct pg_params q = {0};
    pg_p_i64(&q, p->id);
    person_params(&q, p, codes);
    int64_t changed = 0;
    rc = pg_exec_stmt(s, &person_update_sql, &q, &changed, e, "updating a person");
    if (rc)
        rc = person_write_fail(s, rc, p, e);
    else if (!changed)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %lld", (long long)p->id);
    struct pg_params d = {0};
    pg_p_i64(&d, p->id);
    if (!rc)
        rc = pg_exec_stmt(s, &disability_clear_sql, &d, NULL, e, "updating disabilities");
    pg_p_code(&d, codes);
    if (!rc && codes[0]) {
        rc = pg_exec_stmt(s, &disability_add_sql, &d, NULL, e, "recording disabilities");
        rc = person_write_fail(s, rc, p, e);
    }
    return pg_write_end(s, wrapped, rc, e);
}

enum kerr_code pg_person_get(struct store *base, int64_t id, struct arena *a, struct person *out,
                             struct kerr *e)
{
    struct pg_params p = {0};
    pg_p_i64(&p, id);
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &person_get_sql, &p, e, "reading a person", &rc);
    if (!r)
        return rc;
    if (!PQntuples(r)) {
        PQclear(r);
        return kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %lld", (long long)id);
    }
    return pg_one(r, a, read_person, out, "person", "", e);
}

enum kerr_code pg_person_find(struct store *base, const char *ref, struct arena *a,
                              struct person *out, struct kerr *e)
{
    return pg_find(pg(base), ref, &person_by_public_id_sql, &person_by_la_child_id_sql, a,
                   read_person, out, "person", "person with public id or LA child id", e);
}

/* A scope's five parameters (see PG_PERSON_SCOPE); none are read when unscoped. */
static void scope_params(struct pg_params *p, const struct store_scope *scope)
{
    kdate today = !scope || scope->today == DATE_NONE ? date_today() : scope->today;
    pg_p_i64(p, scope ? scope->user_id : 0);
    pg_p_i64(p, scope ? scope->worker_id : 0);
    pg_p_i64(p, !scope ? -1 : scope->service_wide ? 1 : 0);
    pg_p_date(p, today);
    pg_p_i64(p, SERVICE_FRONT_DOOR);
}

enum kerr_code pg_person_visible(struct store *base, const struct store_scope *scope, int64_t id,
                                 bool *out, struct kerr *e)
{
    *out = false;
    struct pg_params p = {0};
    pg_p_i64(&p, id);
    scope_params(&p, scope);
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), &person_visible_sql, &p, e, "checking access", &rc);
    if (!r)
        return rc;
    *out = PQntuples(r) > 0;
    PQclear(r);
    return KITH_OK;
}

enum kerr_code pg_person_list(struct store *base, const struct person_query *q, struct arena *a,
                              struct person **out, size_t *n, struct kerr *e)
{
    *out = NULL;
    *n = 0;
    /* the words folded as NOCASE folds them; then the same followed by U+10FFFF */
    char lo[SEARCH_WORDS_CAP], hi[SEARCH_WORDS_CAP];
    size_t len = 0;
    bool utf8 = true;
    if (q->text && !search_words(q->text, hi, &len, &utf8))
        return kerr_fail(e, KITH_E_TOO_LARGE, "text", "text: search text longer than %d bytes",
                         STORE_SEARCH_MAX);
    if (!utf8)
        return KITH_OK; /* the server would refuse the bytes; no stored name has them */
    for (size_t i = 0; i < len; i++)
        if (hi[i] >= 'A' && hi[i] <= 'Z')
            hi[i] = (char)(hi[i] - 'A' + 'a');
    bool allocated = q->worker_id || q->team_id;
    struct pg_stmt *st = len         ? &person_search_sql
                         : allocated ? &person_list_allocated_sql
                                     : &person_list_sql;
    struct pg_params p = {0};
    pg_p_i64(&p, q->kind < 0 ? -1 : q->kind);
    pg_p_i64(&p, page_limit(q->limit));
    pg_p_i64(&p, page_offset(q->offset));
    pg_p_i64(&p, q->worker_id);
    pg_p_i64(&p, q->team_id);
    scope_params(&p, q->scope);
    if (st != &person_list_allocated_sql)
        pg_p_i64(&p, q->open_only || allocated);
    if (len) {
        memcpy(lo, hi, len + 1);
        memcpy(hi + len, "\xF4\x8F\xBF\xBF", 5);
        pg_p_text(&p, lo);
        pg_p_text(&p, hi);
    }
    enum kerr_code rc;
    PGresult *r = pg_run(pg(base), st, &p, e, "listing people", &rc);
    if (!r)
        return rc;
    pg_rows(r, a, sizeof(**out), read_person, (void **)out, n);
    return KITH_OK;
}

/* --- the store check --------------------------------------------------------------------- */

/* The person row's copy of the disability codes against the rows (store_check). */
static struct pg_stmt disabilities_differ_sql =
    PG_STMT("SELECT count(*) FROM person p WHERE p.disabilities IS DISTINCT FROM "
            "(SELECT string_agg(d.code, ',' ORDER BY d.code COLLATE \"C\") "
            "FROM person_disability d WHERE d.person_id = p.id)");

enum kerr_code pg_people_check(struct store_pg *s, struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = pg_run(s, &disabilities_differ_sql, NULL, e, "checking the database", &rc);
    if (!r)
        return rc;
    int64_t differ = pg_i64(r, 0, 0);
    PQclear(r);
    if (differ)
        return kerr_fail(e, KITH_E_DB_CORRUPT, NULL,
                         "the disabilities of %lld people disagree with their disability rows",
                         (long long)differ);
    return KITH_OK;
}
