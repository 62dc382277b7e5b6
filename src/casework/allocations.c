/*
 * Allocating a worker to a child (casework.h). The values are the description's
 * (domain/entities.c allocation_fields); what is the allocation's own is the worker, named
 * the way people name workers and resolved here, once, whether they may hold the role
 * (allocation_holder_ok: a lead child protection practitioner is a registered social
 * worker), and that a child has one lead child protection practitioner at a time (the
 * Families First programme guide's "an LCPP per child"), read inside the write's
 * transaction so that two people allocating at once cannot both succeed.
 */
#include "casework/casework.h"
#include "casework/cw_impl.h"
#include "domain/entities.h"

/* A new lead child protection practitioner while the child has one: refused beside the
 * role, naming the day the present one started, as a handover ends that allocation first. */
static enum kerr_code one_lead(struct store *s, const struct allocation *al, struct arena *a,
                               struct cw_err *err)
{
    if (al->role != ALLOC_LCPP)
        return KITH_OK;
    struct allocation *v;
    size_t n;
    enum kerr_code rc = store_allocation_list(s, al->child_id, a, &v, &n, &err->e);
    for (size_t i = 0; !rc && i < n; i++) {
        if (v[i].role != ALLOC_LCPP || v[i].end != DATE_NONE)
            continue;
        char day[DATE_ISO_LEN];
        field_fail(&err->fields, &allocation_fields[0], -1, "lcpp",
                   "is held already: the child has a lead child protection practitioner",
                   "the present one's allocation (from %s) ended first, one LCPP for each child",
                   date_format_iso(v[i].start, day));
        rc = cw_values_result("allocation", err);
    }
    return rc;
}

enum kerr_code cw_allocation_add(struct store *s, const struct actor *who, struct allocation *al,
                                 const char *worker, struct arena *a, struct worker *w,
                                 struct cw_err *err)
{
    enum kerr_code rc = cw_may_see(s, who, al->child_id, "allocate", err);
    if (!rc)
        rc = cw_child_writable(s, al->child_id, err);
    if (rc)
        return rc;
    if (!worker || !*worker) {
        field_fail(&err->fields, &allocation_worker, -1, NULL, "is missing", NULL);
    } else {
        rc = store_worker_find(s, worker, a, w, &err->e);
        if (rc == KITH_E_NOT_FOUND)
            field_fail(&err->fields, &allocation_worker, -1, worker, "is not a worker kith knows",
                       NULL);
        else if (rc)
            return rc;
        else
            al->worker_id = w->id;
        kerr_clear(&err->e);
        const char *problem, *expected;
        if (!rc && !allocation_holder_ok(al->role, w, &problem, &expected))
            field_fail(&err->fields, &allocation_worker, -1, worker, problem, "%s", expected);
    }
    rc = cw_check_fields(who, allocation_fields, "allocation", al, err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = one_lead(s, al, a, err);
    if (!rc)
        rc = store_allocation_add(s, al, &err->e);
    return cw_commit(s, who, rc, al->child_id, "allocate", w->public_id, &err->e);
}
