/*
 * Teams and workers, written once for every backend through store_sql.h: adding,
 * finding (by public id or by the record's other key, the team's name or the worker's
 * SWE registration, ignoring case), listing in name order and a team's caseloads. The
 * only words that differ are how case is folded, each the form its database's unique
 * index answers (SQLite's COLLATE NOCASE, PostgreSQL's lower(... COLLATE "C") and, for
 * registrations, lower()), kept side by side as store_sql_pairs. The values are checked
 * by the shared store_check.c first.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/public_id.h"
#include "store/store.h"
#include "store/store_check.h"
#include "store/store_sql.h"

/* The columns each reader expects, in its order. */
#define TEAM_COLS "t.id, t.public_id, t.name, t.service, t.caseload_threshold"
#define WORKER_COLS                                                                                \
    "w.id, w.public_id, w.team_id, w.given_name, w.family_name, w.registration, w.role, "          \
    "w.fte, w.agency, w.start_date, w.end_date, w.dob, w.sex, w.ethnicity, w.qual_institution, "   \
    "w.qual_level, w.route, w.origin, w.destination, w.leave_reason"
#define WORKER_NCOLS 20
#define PG_FOLD(col) "lower((" col ") COLLATE \"C\")"
#define SQ_NAME_ORDER(t) t ".family_name COLLATE NOCASE, " t ".given_name COLLATE NOCASE, " t ".id"
#define PG_NAME_ORDER(t) PG_FOLD(t ".family_name") ", " PG_FOLD(t ".given_name") ", " t ".id"
/* A team's workers: ?1 the team (0 any), ?2 only those in post, ?3 limit, ?4 offset. */
#define WORKER_WHERE                                                                               \
    " FROM worker w WHERE (CAST(?1 AS BIGINT) = 0 OR w.team_id = ?1) "                             \
    "AND (CAST(?2 AS INTEGER) = 0 OR w.end_date IS NULL) ORDER BY "
#define CASELOAD_FROM                                                                              \
    ", (SELECT count(DISTINCT a.child_id) FROM allocation a WHERE a.worker_id = w.id AND "         \
    "a.end_date IS NULL) AS children FROM worker w WHERE w.team_id = ?1 AND w.end_date IS NULL "   \
    "ORDER BY children DESC, "

static struct store_sql team_add_sql =
    STORE_SQL("INSERT INTO team(public_id, name, service, caseload_threshold) "
              "VALUES (?1, ?2, ?3, ?4) RETURNING id");
static struct store_sql_pair team_list_sql =
    STORE_SQL_PAIR("SELECT " TEAM_COLS " FROM team t ORDER BY t.name COLLATE NOCASE, t.id",
                   "SELECT " TEAM_COLS " FROM team t ORDER BY " PG_FOLD("t.name") ", t.id");
static struct store_sql team_get_sql =
    STORE_SQL("SELECT " TEAM_COLS " FROM team t WHERE t.id = ?1");
static struct store_sql team_by_public_id_sql =
    STORE_SQL("SELECT " TEAM_COLS " FROM team t WHERE t.public_id = ?1");
static struct store_sql_pair team_by_name_sql = STORE_SQL_PAIR(
    "SELECT " TEAM_COLS " FROM team t WHERE t.name = ?1 COLLATE NOCASE",
    "SELECT " TEAM_COLS " FROM team t WHERE " PG_FOLD("t.name") " = " PG_FOLD("$1::text"));
static struct store_sql team_exists_sql = STORE_SQL("SELECT 1 FROM team WHERE id = ?1");
static struct store_sql worker_add_sql = STORE_SQL(
    "INSERT INTO worker(public_id, team_id, given_name, family_name, registration, role, fte, "
    "agency, start_date, end_date, dob, sex, ethnicity, qual_institution, qual_level, route, "
    "origin, destination, leave_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
    "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) RETURNING id");
static struct store_sql worker_get_sql =
    STORE_SQL("SELECT " WORKER_COLS " FROM worker w WHERE w.id = ?1");
static struct store_sql worker_by_public_id_sql =
    STORE_SQL("SELECT " WORKER_COLS " FROM worker w WHERE w.public_id = ?1");
static struct store_sql_pair worker_by_registration_sql = STORE_SQL_PAIR(
    "SELECT " WORKER_COLS " FROM worker w WHERE w.registration = ?1 COLLATE NOCASE",
    "SELECT " WORKER_COLS " FROM worker w WHERE lower(w.registration) = lower($1::text)");
static struct store_sql_pair worker_list_sql =
    STORE_SQL_PAIR("SELECT " WORKER_COLS WORKER_WHERE SQ_NAME_ORDER("w") " LIMIT ?3 OFFSET ?4",
                   "SELECT " WORKER_COLS WORKER_WHERE PG_NAME_ORDER("w") " LIMIT ?3 OFFSET ?4");
/* A child's allocations (store_links.c's columns and order) each with its worker and the
 * worker's team's name: the child's page reads them in one statement. */
static struct store_sql allocation_workers_sql = STORE_SQL(
    "SELECT a.id, a.child_id, a.worker_id, a.role, a.start_date, a.end_date, a.end_reason, "
    "" WORKER_COLS ", t.name FROM allocation a LEFT JOIN worker w ON w.id = a.worker_id "
    "LEFT JOIN team t ON t.id = w.team_id WHERE a.child_id = ?1 "
    "ORDER BY a.start_date DESC, a.id DESC");
enum { ALLOC_NCOLS = 7 };
static struct store_sql_pair team_caseloads_sql =
    STORE_SQL_PAIR("SELECT " WORKER_COLS CASELOAD_FROM SQ_NAME_ORDER("w"),
                   "SELECT " WORKER_COLS CASELOAD_FROM PG_NAME_ORDER("w"));

/* --- teams ------------------------------------------------------------------------------ */

static void read_team(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct team *t = out;
    t->id = sc_i64(v[0]);
    SC_CODE(v, len, 1, t->public_id);
    t->name = sc_name(a, v[2], len[2]);
    t->service = (enum service)sc_i64(v[3]);
    t->caseload_threshold = sc_i64(v[4]);
}

enum kerr_code store_team_add(struct store *s, struct team *t, struct kerr *e)
{
    enum kerr_code rc = check_team(t, e);
    if (rc)
        return rc;
    bool fresh = !t->public_id[0];
    if (fresh)
        public_id_new(t->public_id);
    struct store_params p = {0};
    sp_text(&p, t->public_id);
    sp_text(&p, t->name);
    sp_i64(&p, (int64_t)t->service);
    sp_i64(&p, t->caseload_threshold);
    rc = store_q_int(s, &team_add_sql, &p, &t->id, "adding a team", e);
    if (rc) {
        /* SQLite names the column its NOCASE index is on, PostgreSQL the index on lower() */
        const struct store_clash clashes[] = {
            {"team.name", "name", "a team called '%s' already exists", t->name},
            {"index 'team_name'", "name", "a team called '%s' already exists", t->name},
            {"team.public_id", "public_id", "public id '%s' is already used by another team",
             t->public_id},
        };
        rc = store_write_fail(s, rc, e, clashes, 3, NULL, 0);
        if (fresh)
            t->public_id[0] = '\0';
    }
    return rc;
}

enum kerr_code store_team_list(struct store *s, struct arena *a, struct team **out, size_t *n,
                               struct kerr *e)
{
    return store_q_rows(s, store_sql_of(s, &team_list_sql), NULL, a, sizeof(**out), read_team,
                        (void **)out, n, "listing teams", e);
}

/* One row by its id into `out` (cleared first, `size` bytes); KITH_E_NOT_FOUND naming
 * the `noun` when there is none. `doing` is written out by the caller: a child's page
 * reads several of these a view. */
static enum kerr_code get_by_id(struct store *s, struct store_sql *q, int64_t id, struct arena *a,
                                store_read_fn *read, void *out, size_t size, const char *noun,
                                const char *doing, struct kerr *e)
{
    memset(out, 0, size);
    struct store_params p = {0};
    sp_i64(&p, id);
    bool found;
    enum kerr_code rc = store_q_one(s, q, &p, a, read, out, &found, doing, e);
    if (!rc && !found)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no %s with id '%" PRId64 "'", noun, id);
    return rc;
}

enum kerr_code store_team_get(struct store *s, int64_t id, struct arena *a, struct team *out,
                              struct kerr *e)
{
    return get_by_id(s, &team_get_sql, id, a, read_team, out, sizeof(*out), "team",
                     "reading a team", e);
}

enum kerr_code store_team_find(struct store *s, const char *ref, struct arena *a, struct team *out,
                               struct kerr *e)
{
    memset(out, 0, sizeof(*out));
    return store_q_find(s, ref, &team_by_public_id_sql, store_sql_of(s, &team_by_name_sql), a,
                        read_team, out, "team", e);
}

/* --- workers ---------------------------------------------------------------------------- */

void store_read_worker(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct worker *w = out;
    w->id = sc_i64(v[0]);
    SC_CODE(v, len, 1, w->public_id);
    w->team_id = sc_i64(v[2]);
    w->given_name = sc_name(a, v[3], len[3]);
    w->family_name = sc_name(a, v[4], len[4]);
    SC_CODE(v, len, 5, w->registration);
    w->role = (enum worker_role)sc_i64(v[6]);
    w->fte = sc_real(v[7]);
    w->agency = sc_i64(v[8]) != 0;
    w->start = sc_date(v[9], len[9]);
    w->end = sc_date(v[10], len[10]);
    w->dob = sc_date(v[11], len[11]);
    char sex[2];
    SC_CODE(v, len, 12, sex);
    w->sex = sex[0];
    SC_CODE(v, len, 13, w->ethnicity);
    w->qual_institution = sc_str(a, v[14], len[14]);
    SC_CODE(v, len, 15, w->qual_level);
    SC_CODE(v, len, 16, w->route);
    SC_CODE(v, len, 17, w->origin);
    SC_CODE(v, len, 18, w->destination);
    SC_CODE(v, len, 19, w->leave_reason);
}

enum kerr_code store_worker_add(struct store *s, struct worker *w, struct kerr *e)
{
    enum kerr_code rc = check_worker(w, e);
    if (rc)
        return rc;
    bool fresh = !w->public_id[0];
    if (fresh)
        public_id_new(w->public_id);
    char sex[2] = {w->sex, '\0'};
    struct store_params p = {0};
    sp_text(&p, w->public_id);
    sp_i64(&p, w->team_id);
    sp_text(&p, w->given_name);
    sp_text(&p, w->family_name);
    sp_code(&p, w->registration);
    sp_i64(&p, (int64_t)w->role);
    sp_real(&p, w->fte);
    sp_bool(&p, w->agency);
    sp_date(&p, w->start);
    sp_date(&p, w->end);
    sp_date(&p, w->dob);
    sp_code(&p, sex);
    sp_code(&p, w->ethnicity);
    sp_text(&p, w->qual_institution);
    sp_code(&p, w->qual_level);
    sp_code(&p, w->route);
    sp_code(&p, w->origin);
    sp_code(&p, w->destination);
    sp_code(&p, w->leave_reason);
    rc = store_q_int(s, &worker_add_sql, &p, &w->id, "adding a worker", e);
    if (rc) {
        const struct store_clash clashes[] = {
            {"worker.registration", "registration",
             "registration '%s' is already used by another worker", w->registration},
            {"index 'worker_registration'", "registration",
             "registration '%s' is already used by another worker", w->registration},
            {"worker.public_id", "public_id", "public id '%s' is already used by another worker",
             w->public_id},
        };
        const struct store_ref refs[] = {
            {"worker.team_id", &team_exists_sql, w->team_id, "team_id", "team"}};
        rc = store_write_fail(s, rc, e, clashes, 3, refs, 1);
        if (fresh)
            w->public_id[0] = '\0';
    }
    return rc;
}

enum kerr_code store_worker_get(struct store *s, int64_t id, struct arena *a, struct worker *out,
                                struct kerr *e)
{
    return get_by_id(s, &worker_get_sql, id, a, store_read_worker, out, sizeof(*out), "worker",
                     "reading a worker", e);
}

enum kerr_code store_worker_find(struct store *s, const char *ref, struct arena *a,
                                 struct worker *out, struct kerr *e)
{
    memset(out, 0, sizeof(*out));
    return store_q_find(s, ref, &worker_by_public_id_sql,
                        store_sql_of(s, &worker_by_registration_sql), a, store_read_worker, out,
                        "worker", e);
}

enum kerr_code store_worker_list(struct store *s, const struct worker_query *q, struct arena *a,
                                 struct worker **out, size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, q->team_id);
    sp_bool(&p, q->current_only != 0);
    sp_i64(&p, page_limit(q->limit));
    sp_i64(&p, page_offset(q->offset));
    return store_q_rows(s, store_sql_of(s, &worker_list_sql), &p, a, sizeof(**out),
                        store_read_worker, (void **)out, n, "listing workers", e);
}

static void read_caseload(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct worker_caseload *c = out;
    store_read_worker(v, len, a, &c->worker);
    c->children = sc_i64(v[WORKER_NCOLS]); /* after WORKER_COLS */
}

enum kerr_code store_team_caseloads(struct store *s, int64_t team_id, struct arena *a,
                                    struct worker_caseload **out, size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, team_id);
    return store_q_rows(s, store_sql_of(s, &team_caseloads_sql), &p, a, sizeof(**out),
                        read_caseload, (void **)out, n, "reading caseloads", e);
}

/* An allocation, then its worker when there is one (w.id not NULL), then the team's name. */
static void read_allocation_worker(const char *const *v, const size_t *len, struct arena *a,
                                   void *out)
{
    struct allocation_read *r = out;
    store_read_allocation(v, len, a, &r->al);
    if (v[ALLOC_NCOLS])
        store_read_worker(v + ALLOC_NCOLS, len + ALLOC_NCOLS, a, &r->worker);
    r->team = sc_str(a, v[ALLOC_NCOLS + WORKER_NCOLS], len[ALLOC_NCOLS + WORKER_NCOLS]);
}

enum kerr_code store_allocation_workers(struct store *s, int64_t child_id, struct arena *a,
                                        struct allocation_read **out, size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, child_id);
    return store_q_rows(s, &allocation_workers_sql, &p, a, sizeof(**out), read_allocation_worker,
                        (void **)out, n, "listing allocations", e);
}
