/*
 * Allocating a worker to a child (casework.h). The values are the description's
 * (domain/entities.c allocation_fields); what is the allocation's own is the worker, named
 * the way people name workers and resolved here, once.
 */
#include "casework/casework.h"
#include "casework/cw_impl.h"
#include "domain/entities.h"

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
    }
    rc = cw_check_fields(who, allocation_fields, "allocation", al, err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_allocation_add(s, al, &err->e);
    return cw_commit(s, who, rc, al->child_id, "allocate", w->public_id, &err->e);
}
