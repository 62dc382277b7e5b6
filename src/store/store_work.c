/*
 * Whose job a child's obligations are: every child with the worker allocated to them now
 * as their social worker, read in one statement for the whole borough (casework/work.c
 * derives every obligation at once, and a query per child would be most of its time).
 * The SQL is the same on both backends: no parameters, nothing either dialect spells
 * differently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_impl.h"
#include "store/store_sql.h"

/* A child with two current social-worker allocations (a handover recorded a day early)
 * comes twice, the later start last: the later one wins. */
static struct store_sql owners_sql = {
    .sql = "SELECT p.id, p.public_id, p.la_child_id, a.worker_id, p.given_name, p.family_name "
           "FROM person p "
           "LEFT JOIN allocation a ON a.child_id = p.id AND a.end_date IS NULL AND a.role = 0 "
           "WHERE p.kind = 0 ORDER BY p.id, a.start_date, a.id"};

/* The same for one caseload (store_rec_all_of's children): the worker's or the team's
 * current social-work allocations. */
#define OWNERS_OF(caseload)                                                                        \
    "SELECT p.id, p.public_id, p.la_child_id, a.worker_id, p.given_name, p.family_name "           \
    "FROM person p "                                                                               \
    "LEFT JOIN allocation a ON a.child_id = p.id AND a.end_date IS NULL AND a.role = 0 "           \
    "WHERE p.kind = 0 AND p.id IN (" caseload ") ORDER BY p.id, a.start_date, a.id"
#define BY_WORKER(ph)                                                                              \
    "SELECT child_id FROM allocation WHERE end_date IS NULL AND role = 0 "                         \
    "AND worker_id = " ph
#define BY_TEAM(ph)                                                                                \
    "SELECT b.child_id FROM allocation b JOIN worker w ON w.id = b.worker_id "                     \
    "WHERE b.end_date IS NULL AND b.role = 0 AND w.team_id = " ph
static struct store_sql owners_of_sql[2] = {STORE_SQL(OWNERS_OF(BY_WORKER("?1"))),
                                            STORE_SQL(OWNERS_OF(BY_TEAM("?1")))};

struct owners {
    struct child_owner *v;
    size_t n, cap;
    struct arena *a; /* the names */
};

static enum kerr_code read_owner(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct owners *o = ctx;
    int64_t id = store_col_i64(v[0], len[0]);
    int64_t worker = store_col_i64(v[3], len[3]);
    if (o->n && o->v[o->n - 1].child_id == id) {
        o->v[o->n - 1].worker_id = worker;
        return KITH_OK;
    }
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 1024;
        o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
    }
    struct child_owner *c = &o->v[o->n++];
    memset(c, 0, sizeof(*c));
    c->child_id = id;
    c->worker_id = worker;
    snprintf(c->public_id, sizeof c->public_id, "%s", v[1] ? v[1] : "");
    snprintf(c->la_child_id, sizeof c->la_child_id, "%s", v[2] ? v[2] : "");
    c->given_name = arena_strdup(o->a, v[4] ? v[4] : "");
    c->family_name = arena_strdup(o->a, v[5] ? v[5] : "");
    return KITH_OK;
}

enum kerr_code store_child_owners(struct store *s, struct arena *a, struct child_owner **out,
                                  size_t *n, struct kerr *e)
{
    return store_child_owners_of(s, 0, 0, a, out, n, e);
}

enum kerr_code store_child_owners_of(struct store *s, int64_t worker_id, int64_t team_id,
                                     struct arena *a, struct child_owner **out, size_t *n,
                                     struct kerr *e)
{
    *out = NULL;
    *n = 0;
    struct owners o = {.a = a};
    struct store_params p = {0};
    struct store_sql *q = &owners_sql;
    if (worker_id || team_id) {
        q = &owners_of_sql[worker_id ? 0 : 1];
        sp_i64(&p, worker_id ? worker_id : team_id);
    }
    enum kerr_code rc = store_q(s, q, &p, read_owner, &o, NULL, "reading caseloads", e);
    if (!rc && o.n) {
        *out = arena_alloc(a, o.n * sizeof(*o.v));
        memcpy(*out, o.v, o.n * sizeof(*o.v));
        *n = o.n;
    }
    free(o.v);
    return rc;
}
