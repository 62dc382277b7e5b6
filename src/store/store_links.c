/*
 * A child's links, written once for every backend through store_sql.h: relationships
 * (the child's relatives) and allocations (who works with the child, from when, to when
 * and why it ended). The values are checked by the shared store_check.c first.
 */
#include "store/store.h"
#include "store/store_check.h"
#include "store/store_sql.h"

#define REL_COLS "r.id, r.child_id, r.other_id, r.type, r.parental_responsibility"
#define ALLOC_COLS "a.id, a.child_id, a.worker_id, a.role, a.start_date, a.end_date, a.end_reason"

static struct store_sql relationship_add_sql =
    STORE_SQL("INSERT INTO relationship(child_id, other_id, type, parental_responsibility) "
              "VALUES (?1, ?2, ?3, ?4) RETURNING id");
static struct store_sql relationship_list_sql =
    STORE_SQL("SELECT " REL_COLS " FROM relationship r WHERE r.child_id = ?1 ORDER BY r.id");
static struct store_sql allocation_add_sql =
    STORE_SQL("INSERT INTO allocation(child_id, worker_id, role, start_date, end_date, "
              "end_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
static struct store_sql allocation_dates_sql =
    STORE_SQL("SELECT start_date, end_date FROM allocation WHERE id = ?1");
static struct store_sql allocation_end_sql = STORE_SQL(
    "UPDATE allocation SET end_date = ?2, end_reason = ?3 WHERE id = ?1 AND end_date IS NULL");
static struct store_sql allocation_list_sql =
    STORE_SQL("SELECT " ALLOC_COLS " FROM allocation a WHERE a.child_id = ?1 "
              "ORDER BY a.start_date DESC, a.id DESC");

/* --- relationships ---------------------------------------------------------------------- */

void store_read_relationship(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct relationship *r = out;
    r->id = sc_i64(v[0]);
    r->child_id = sc_i64(v[1]);
    r->other_id = sc_i64(v[2]);
    r->type = sc_name(a, v[3], len[3]);
    r->parental_responsibility = sc_i64(v[4]) != 0;
}

enum kerr_code store_relationship_add(struct store *s, struct relationship *r, struct kerr *e)
{
    enum kerr_code rc = check_relationship(r, e);
    if (rc)
        return rc;
    struct store_params p = {0};
    sp_i64(&p, r->child_id);
    sp_i64(&p, r->other_id);
    sp_text(&p, r->type);
    sp_bool(&p, r->parental_responsibility);
    rc = store_q_int(s, &relationship_add_sql, &p, &r->id, "adding a relationship", e);
    if (rc) {
        const struct store_ref refs[] = {
            {"relationship.child_id", &store_person_exists, r->child_id, "child_id", "person"},
            {"relationship.other_id", &store_person_exists, r->other_id, "other_id", "person"},
        };
        rc = store_write_fail(s, rc, e, NULL, 0, refs, 2);
    }
    return rc;
}

enum kerr_code store_relationship_list(struct store *s, int64_t child_id, struct arena *a,
                                       struct relationship **out, size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, child_id);
    return store_q_rows(s, &relationship_list_sql, &p, a, sizeof(**out), store_read_relationship,
                        (void **)out, n, "listing relationships", e);
}

/* --- allocations ------------------------------------------------------------------------ */

void store_read_allocation(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct allocation *al = out;
    al->id = sc_i64(v[0]);
    al->child_id = sc_i64(v[1]);
    al->worker_id = sc_i64(v[2]);
    al->role = (enum allocation_role)sc_i64(v[3]);
    al->start = sc_date(v[4], len[4]);
    al->end = sc_date(v[5], len[5]);
    al->end_reason = sc_str(a, v[6], len[6]);
}

enum kerr_code store_allocation_add(struct store *s, struct allocation *al, struct kerr *e)
{
    enum kerr_code rc = check_allocation(al, e);
    if (rc)
        return rc;
    struct store_params p = {0};
    sp_i64(&p, al->child_id);
    sp_i64(&p, al->worker_id);
    sp_i64(&p, (int64_t)al->role);
    sp_date(&p, al->start);
    sp_date(&p, al->end);
    sp_text(&p, al->end_reason);
    rc = store_q_int(s, &allocation_add_sql, &p, &al->id, "adding an allocation", e);
    if (rc) {
        const struct store_ref refs[] = {
            {"allocation.child_id", &store_person_exists, al->child_id, "child_id", "child"},
            {"allocation.worker_id", &store_worker_exists, al->worker_id, "worker_id", "worker"},
        };
        rc = store_write_fail(s, rc, e, NULL, 0, refs, 2);
    }
    return rc;
}

struct dates {
    bool found;
    kdate start, end;
};

static enum kerr_code read_dates(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct dates *d = ctx;
    d->found = true;
    d->start = sc_date(v[0], len[0]);
    d->end = sc_date(v[1], len[1]);
    return KITH_OK;
}

enum kerr_code store_allocation_end(struct store *s, int64_t id, kdate end, const char *reason,
                                    struct kerr *e)
{
    enum kerr_code rc = check_allocation_end(end, reason, e);
    if (rc)
        return rc;
    struct store_params p = {0};
    sp_i64(&p, id);
    struct dates d = {0};
    rc = store_q(s, &allocation_dates_sql, &p, read_dates, &d, NULL, "reading an allocation", e);
    if (!rc && !d.found)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no allocation with id %lld", (long long)id);
    if (!rc)
        rc = check_allocation_ending(id, d.start, d.end, end, e);
    if (rc)
        return rc;
    sp_date(&p, end);
    sp_text(&p, reason);
    int64_t changed = 0;
    rc = store_q(s, &allocation_end_sql, &p, NULL, NULL, &changed, "ending an allocation", e);
    if (!rc && !changed) /* ended by someone else since the read */
        rc = kerr_fail(e, KITH_E_CONFLICT, "end", "allocation %lld has already ended",
                       (long long)id);
    return rc;
}

enum kerr_code store_allocation_list(struct store *s, int64_t child_id, struct arena *a,
                                     struct allocation **out, size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, child_id);
    return store_q_rows(s, &allocation_list_sql, &p, a, sizeof(**out), store_read_allocation,
                        (void **)out, n, "listing allocations", e);
}
