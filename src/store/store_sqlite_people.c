/*
 * The SQLite backend's people: children and relatives with their disabilities, person
 * search and scope (teams and workers are store_workforce.c's, accounts store_access.c's,
 * relationships and allocations store_links.c's, written once). The
 * values are checked by the shared store_check.c;
 * clashes and missing references are named through sq_write_fail's tables.
 */
#include <stdio.h>
#include <string.h>

#include "domain/public_id.h"
#include "store/store_sqlite_impl.h"

/* The columns each reader expects, in its order. */
/* The disabilities come from the person row's copy of the codes (see the migration), so
 * a lookup by id is one B-tree search and a list needs no query per row. */
#define PERSON_COLS                                                                                \
    "p.id, p.public_id, p.kind, p.la_child_id, p.given_name, p.family_name, p.dob, "               \
    "p.expected_dob, p.death, p.sex, p.ethnicity, p.upn, p.former_upn, p.upn_unknown, "            \
    "p.postcode, p.uasc, p.uasc_ceased, p.nhs_number, p.nhs_source, p.nhs_unknown, "               \
    "p.nhs_unknown_text, p.merged_into, p.created, p.disabilities"
#define PERSON_ORDER " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id"
/* Person search: ?7 is the typed prefix, ?8 the same followed by byte 0xFF, which sorts
 * after every byte of UTF-8, so [?7, ?8) under NOCASE is exactly "starts with ?7,
 * ignoring case" and each arm is one index range (see the .sqlite.sql migration). */
#define PREFIX(col) "(" col " COLLATE NOCASE >= ?7 AND " col " COLLATE NOCASE < ?8)"
#define FULL_NAME "(p.given_name || ' ' || p.family_name)"
#define FAMILY_FIRST "(p.family_name || ' ' || p.given_name)" /* 0014's index */
/* clang-format off */
#define PERSON_MATCH \
    "(" PREFIX("p.family_name") " OR " PREFIX("p.given_name") " OR " PREFIX(FULL_NAME) \
    " OR " PREFIX(FAMILY_FIRST) " OR " PREFIX("p.la_child_id") " OR " PREFIX("p.upn") ")"
/* clang-format on */
/* Person lists share parameters: ?1 kind (-1 any), ?2 only children with a current
 * allocation (matching ?5 worker and ?6 team when set), ?3 limit, ?4 offset. */
/* ... and never a record merged into another (store_merge.h) */
#define PERSON_KIND "(?1 < 0 OR p.kind = ?1) AND p.merged_into IS NULL"
/* One table in the subquery, so that it is a probe of allocation_child for this person
 * whatever statistics the planner has; the team's workers are read once per query. */
#define PERSON_OPEN                                                                                \
    "(?2 = 0 OR EXISTS (SELECT 1 FROM allocation a WHERE a.child_id = p.id "                       \
    "AND a.end_date IS NULL AND (?5 = 0 OR a.worker_id = ?5) AND (?6 = 0 OR a.worker_id IN "       \
    "(SELECT w.id FROM worker w WHERE w.team_id = ?6))))"
/* Scope (store.h struct store_scope): ?20 user, ?21 worker, ?22 -1 unscoped / 0 scoped /
 * 1 service-wide, ?23 today, ?24 the front-door service. A restricted record is decided by
 * its allow-list alone; otherwise any one relationship is enough. */
#define PERSON_SCOPE                                                                               \
    "(?22 < 0 OR CASE WHEN EXISTS (SELECT 1 FROM restriction r WHERE r.child_id = p.id) "          \
    "THEN EXISTS (SELECT 1 FROM restriction_allow ra WHERE ra.child_id = p.id AND "                \
    "ra.user_id = ?20) ELSE (?22 = 1 "                                                             \
    "OR EXISTS (SELECT 1 FROM worker fw JOIN team ft ON ft.id = fw.team_id "                       \
    "WHERE fw.id = ?21 AND ft.service = ?24) "                                                     \
    "OR EXISTS (SELECT 1 FROM allocation sa JOIN worker sw ON sw.id = sa.worker_id "               \
    "WHERE sa.child_id = p.id AND sa.end_date IS NULL AND (sa.worker_id = ?21 OR "                 \
    "sw.team_id = (SELECT team_id FROM worker WHERE id = ?21))) "                                  \
    "OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = p.id AND g.user_id = ?20 "         \
    "AND g.revoked IS NULL AND (g.expires IS NULL OR g.expires >= ?23))) END)"

static struct store_sql person_add_sql =
    SQ_SQL("INSERT INTO person(public_id, kind, la_child_id, given_name, family_name, dob, "
           "expected_dob, death, sex, ethnicity, upn, former_upn, upn_unknown, postcode, uasc, "
           "uasc_ceased, created, disabilities, nhs_number, nhs_source, nhs_unknown, "
           "nhs_unknown_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
           "?14, ?15, ?16, ?17, ?19, ?20, ?21, ?22, ?23)");
static struct store_sql person_update_sql =
    SQ_SQL("UPDATE person SET kind = ?2, la_child_id = ?3, given_name = ?4, family_name = ?5, "
           "dob = ?6, expected_dob = ?7, death = ?8, sex = ?9, ethnicity = ?10, upn = ?11, "
           "former_upn = ?12, upn_unknown = ?13, postcode = ?14, uasc = ?15, uasc_ceased = ?16, "
           "disabilities = ?19, nhs_number = ?20, nhs_source = ?21, nhs_unknown = ?22, "
           "nhs_unknown_text = ?23 WHERE id = ?18");
static struct store_sql disability_add_sql =
    SQ_SQL("INSERT INTO person_disability(person_id, code) VALUES (?1, ?2)");
static struct store_sql disability_clear_sql =
    SQ_SQL("DELETE FROM person_disability WHERE person_id = ?1");
static struct store_sql person_get_sql =
    SQ_SQL("SELECT " PERSON_COLS " FROM person p WHERE p.id = ?1");
static struct store_sql person_by_public_id_sql =
    SQ_SQL("SELECT " PERSON_COLS " FROM person p WHERE p.public_id = ?1");
static struct store_sql person_by_la_child_id_sql =
    SQ_SQL("SELECT " PERSON_COLS " FROM person p WHERE p.la_child_id = ?1 COLLATE NOCASE");
/* Three shapes of list, so that each uses its index: in name order (optionally only * open cases),
 * from the current allocations of a worker or team, and by search text. */
static struct store_sql person_list_sql =
    SQ_SQL("SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND " AND " PERSON_OPEN
           " AND " PERSON_SCOPE PERSON_ORDER " LIMIT ?3 OFFSET ?4");
static struct store_sql person_list_allocated_sql =
    SQ_SQL("SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND " AND p.id IN "
           "(SELECT a.child_id FROM allocation a JOIN worker w ON w.id = a.worker_id "
           "WHERE a.end_date IS NULL AND (?5 = 0 OR a.worker_id = ?5) "
           "AND (?6 = 0 OR w.team_id = ?6)) AND " PERSON_SCOPE PERSON_ORDER " LIMIT ?3 OFFSET ?4");
static struct store_sql person_search_sql =
    SQ_SQL("SELECT " PERSON_COLS " FROM person p WHERE " PERSON_MATCH " AND " PERSON_KIND
           " AND " PERSON_OPEN " AND " PERSON_SCOPE PERSON_ORDER " LIMIT ?3 OFFSET ?4");
static struct store_sql person_visible_sql =
    SQ_SQL("SELECT 1 FROM person p WHERE p.id = ?1 AND " PERSON_SCOPE);

/* --- people -------------------------------------------------------------------------- */

/* The codes joined by commas in the last column (written in code order). */
static void read_disabilities(sqlite3_stmt *st, int i, struct person *p)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    person_codes_split(v, v ? (size_t)sqlite3_column_bytes(st, i) : 0, p);
}

static void read_person(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct person *p = out;
    int c = 0;
    p->id = sqlite3_column_int64(st, c++);
    COL_CODE(st, c++, p->public_id);
    p->kind = (enum person_kind)sqlite3_column_int(st, c++);
    COL_CODE(st, c++, p->la_child_id);
    p->given_name = sq_col_name(st, c++, a);
    p->family_name = sq_col_name(st, c++, a);
    p->dob = sq_col_date(st, c++);
    p->expected_dob = sq_col_date(st, c++);
    p->death = sq_col_date(st, c++);
    const char *sex = (const char *)sqlite3_column_text(st, c++);
    p->sex = sex && *sex ? *sex : 'U';
    COL_CODE(st, c++, p->ethnicity);
    COL_CODE(st, c++, p->upn);
    COL_CODE(st, c++, p->former_upn);
    COL_CODE(st, c++, p->upn_unknown);
    COL_CODE(st, c++, p->postcode);
    p->uasc = sqlite3_column_int(st, c++) != 0;
    p->uasc_ceased = sq_col_date(st, c++);
    COL_CODE(st, c++, p->nhs_number);
    COL_CODE(st, c++, p->nhs_source);
    COL_CODE(st, c++, p->nhs_unknown);
    p->nhs_unknown_text = sq_col_name(st, c++, a);
    p->merged_into = sqlite3_column_int64(st, c++);
    p->created = sq_col_date(st, c++);
    read_disabilities(st, c, p);
}

/* Values formatted for binding; they must live until the statement has run. */
struct person_binds {
    char dob[DATE_ISO_LEN], expected_dob[DATE_ISO_LEN], death[DATE_ISO_LEN],
        uasc_ceased[DATE_ISO_LEN], created[DATE_ISO_LEN];
    char codes[PERSON_CODES_CAP];
};

/* Parameters ?2 to ?16 and ?19 to ?23: what an add and an update share. */
static void bind_person(sqlite3_stmt *st, const struct person *p, struct person_binds *d)
{
    char sex[2] = {p->sex, '\0'};
    sqlite3_bind_int(st, 2, (int)p->kind);
    BIND_CODE(st, 3, p->la_child_id);
    sq_bind_text(st, 4, p->given_name ? p->given_name : "");
    sq_bind_text(st, 5, p->family_name ? p->family_name : "");
    sq_bind_date(st, 6, p->dob, d->dob);
    sq_bind_date(st, 7, p->expected_dob, d->expected_dob);
    sq_bind_date(st, 8, p->death, d->death);
    sqlite3_bind_text(st, 9, sex, 1, SQLITE_TRANSIENT);
    BIND_CODE(st, 10, p->ethnicity);
    BIND_CODE(st, 11, p->upn);
    BIND_CODE(st, 12, p->former_upn);
    BIND_CODE(st, 13, p->upn_unknown);
    BIND_CODE(st, 14, p->postcode);
    sqlite3_bind_int(st, 15, p->uasc);
    sq_bind_date(st, 16, p->uasc_ceased, d->uasc_ceased);
    person_codes_join(p, d->codes);
    sq_bind_code(st, 19, d->codes, sizeof(d->codes));
    BIND_CODE(st, 20, p->nhs_number);
    BIND_CODE(st, 21, p->nhs_source);
    BIND_CODE(st, 22, p->nhs_unknown);
    sq_bind_text(st, 23, p->nhs_unknown_text && *p->nhs_unknown_text ? p->nhs_unknown_text : NULL);
}

static enum kerr_code person_write_fail(struct store_sqlite *s, const struct person *p,
                                        const char *what, struct kerr *e)
{
    const struct clash clashes[] = {
        {"person.la_child_id", "la_child_id", "LA child id '%s' is already used by another child",
         p->la_child_id},
        {"person.public_id", "public_id", "public id '%s' is already used by another person",
         p->public_id},
    };
    return sq_write_fail(s, e, what, clashes, 2, NULL, 0);
}

/* Write the person's disability rows (after clearing them, on an update). */
static enum kerr_code write_disabilities(struct store_sqlite *s, const struct person *p, int64_t id,
                                         bool clear, struct kerr *e)
{
    if (clear) {
        sqlite3_stmt *st = sq_stmt(s, &disability_clear_sql, e);
        if (!st)
            return sq_no_stmt(e);
        sqlite3_bind_int64(st, 1, id);
        int rc = sqlite3_step(st);
        enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : sq_fail(s, e, "updating disabilities");
        sq_done(st);
        if (code)
            return code;
    }
    sqlite3_stmt *st = sq_stmt(s, &disability_add_sql, e);
    if (!st)
        return sq_no_stmt(e);
    enum kerr_code code = KITH_OK;
    for (int i = 0; !code && i < p->n_disabilities; i++) {
        sqlite3_bind_int64(st, 1, id);
        BIND_CODE(st, 2, p->disabilities[i]);
        if (sqlite3_step(st) != SQLITE_DONE) {
            const struct clash twice[] = {
                {"person_disability.person_id, person_disability.code", "disabilities",
                 "disability '%s' is given twice", p->disabilities[i]},
            };
            code = sq_write_fail(s, e, "recording disabilities", twice, 1, NULL, 0);
        }
        sqlite3_reset(st);
    }
    sqlite3_clear_bindings(st);
    return code;
}

enum kerr_code sqlite_person_add(struct store *base, struct person *p, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = check_person_new(p, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, &person_add_sql, e);
    if (!st)
        return sq_no_stmt(e);
    /* One statement is atomic by itself; with disability rows the write needs a
     * transaction of its own, so that a bad code leaves no person behind. */
    bool several = p->n_disabilities > 0, wrapped = false;
    if (several) {
        rc = sq_write_begin(s, &wrapped, e);
        if (rc)
            return rc;
    }
    bool fresh = !p->public_id[0];
    if (fresh)
        public_id_new(p->public_id);
    kdate created = p->created == DATE_NONE ? date_today() : p->created;
    struct person_binds d;
    sq_bind_text(st, 1, p->public_id);
    bind_person(st, p, &d);
    sq_bind_date(st, 17, created, d.created);
    int64_t id = 0;
    if (sqlite3_step(st) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(s->db);
    else
        rc = person_write_fail(s, p, "adding a person", e);
    sq_done(st);
    if (!rc && several)
        rc = write_disabilities(s, p, id, false, e);
    rc = sq_write_end(s, wrapped, rc, e);
    if (rc) {
        if (fresh)
            p->public_id[0] = '\0';
        return rc;
    }
    p->id = id;
    p->created = created;
    return KITH_OK;
}

enum kerr_code sqlite_person_update(struct store *base, const struct person *p, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = check_person(p, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = sq_stmt(s, &person_update_sql, e);
    if (!st)
        return sq_no_stmt(e);
    bool wrapped;
    rc = sq_write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    struct person_binds d;
    bind_person(st, p, &d);
    sqlite3_bind_int64(st, 18, p->id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = person_write_fail(s, p, "updating a person", e);
    else if (sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %lld", (long long)p->id);
    sq_done(st);
    if (!rc)
        rc = write_disabilities(s, p, p->id, true, e);
    return sq_write_end(s, wrapped, rc, e);
}

enum kerr_code sqlite_person_get(struct store *base, int64_t id, struct arena *a,
                                 struct person *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &person_get_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    enum kerr_code code = KITH_OK;
    if (rc == SQLITE_ROW)
        read_person(st, a, out);
    else if (rc == SQLITE_DONE)
        code = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %lld", (long long)id);
    else
        code = sq_fail(s, e, "reading a person");
    /* Only one parameter, rebound on every call: a reset is all the reuse needs. */
    sqlite3_reset(st);
    return code;
}

enum kerr_code sqlite_person_find(struct store *base, const char *ref, struct arena *a,
                                  struct person *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    char id[PUBLIC_ID_LEN + 1];
    if (public_id_normalize(ref, id)) {
        sqlite3_stmt *st = sq_stmt(s, &person_by_public_id_sql, e);
        if (!st)
            return sq_no_stmt(e);
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        enum kerr_code rc = sq_read_one(s, st, a, read_person, out, "person", ref, e);
        if (rc != KITH_E_NOT_FOUND)
            return rc;
    }
    sqlite3_stmt *st = sq_stmt(s, &person_by_la_child_id_sql, e);
    if (!st)
        return sq_no_stmt(e);
    sq_bind_text(st, 1, ref);
    return sq_read_one(s, st, a, read_person, out, "person with public id or LA child id", ref, e);
}

/* Bind a scope's ?20-?24 (see PERSON_SCOPE); `today` must outlive the step. */
static void bind_scope(sqlite3_stmt *st, const struct store_scope *scope, char today[DATE_ISO_LEN])
{
    sqlite3_bind_int(st, 22, !scope ? -1 : scope->service_wide ? 1 : 0);
    if (!scope)
        return;
    sqlite3_bind_int64(st, 20, scope->user_id);
    sqlite3_bind_int64(st, 21, scope->worker_id);
    kdate d = scope->today == DATE_NONE ? date_today() : scope->today;
    sqlite3_bind_text(st, 23, date_format_iso(d, today), DATE_ISO_LEN - 1, SQLITE_STATIC);
    sqlite3_bind_int(st, 24, SERVICE_FRONT_DOOR);
}

enum kerr_code sqlite_person_visible(struct store *base, const struct store_scope *scope,
                                     int64_t id, bool *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = sq_stmt(s, &person_visible_sql, e);
    if (!st)
        return sq_no_stmt(e);
    char today[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, id);
    bind_scope(st, scope, today);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW;
    enum kerr_code code =
        rc == SQLITE_ROW || rc == SQLITE_DONE ? KITH_OK : sq_fail(s, e, "checking access");
    sq_done(st);
    return code;
}

enum kerr_code sqlite_person_list(struct store *base, const struct person_query *q, struct arena *a,
                                  struct person **out, size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    *out = NULL;
    *n = 0;
    char text[SEARCH_WORDS_CAP];
    size_t len = 0;
    bool utf8 = true;
    if (q->text && !search_words(q->text, text, &len, &utf8))
        return kerr_fail(e, KITH_E_TOO_LARGE, "text", "text: search text longer than %d bytes",
                         STORE_SEARCH_MAX);
    if (!utf8)
        return KITH_OK;
    bool allocated = q->worker_id || q->team_id;
    struct store_sql *id = len         ? &person_search_sql
                           : allocated ? &person_list_allocated_sql
                                       : &person_list_sql;
    sqlite3_stmt *st = sq_stmt(s, id, e);
    if (!st)
        return sq_no_stmt(e);
    sqlite3_bind_int(st, 1, q->kind < 0 ? -1 : q->kind);
    sqlite3_bind_int(st, 2, q->open_only || allocated);
    sqlite3_bind_int64(st, 3, page_limit(q->limit));
    sqlite3_bind_int64(st, 4, page_offset(q->offset));
    sqlite3_bind_int64(st, 5, q->worker_id);
    sqlite3_bind_int64(st, 6, q->team_id);
    char today[DATE_ISO_LEN];
    bind_scope(st, q->scope, today);
    if (len) {
        sqlite3_bind_text(st, 7, text, (int)len, SQLITE_STATIC);
        text[len] = (char)0xFF; /* the upper end of the prefix range */
        sqlite3_bind_text(st, 8, text, (int)len + 1, SQLITE_STATIC);
    }
    size_t expect = (size_t)page_limit(q->limit);
    return sq_read_rows(s, st, a, sizeof(**out), expect < 64 ? expect : 64, read_person,
                        (void **)out, n, e);
}
