/*
 * An agency assignment's rules that need more than the record (casework/cross.h): the
 * worker it names is on the establishment, and its rate is judged against the cap of the
 * council's region (the setting "region") in force on its start. The rules themselves are
 * the description's (domain/agency.c); this file only reads what they are judged against,
 * inside the write's transaction, for every way an assignment comes in.
 */
#include <string.h>

#include "casework/cross.h"
#include "domain/agency.h"
#include "store/store.h"
#include "store/store_setting.h"

enum kerr_code cw_agency_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct agency_assignment *r = rec;
    if (r->worker[0]) {
        struct worker w;
        struct kerr e;
        kerr_clear(&e);
        enum kerr_code rc = store_worker_find(c->s, r->worker, c->a, &w, &e);
        if (rc == KITH_E_NOT_FOUND || (!rc && strcmp(w.public_id, r->worker) != 0))
            field_fail(c->errs, field_find(agency_assignment_type.fields, "worker"), -1, r->worker,
                       "is no worker's public id", NULL);
        else if (rc) {
            *c->e = e;
            return rc;
        }
    }
    const char *region = NULL;
    enum kerr_code rc = store_setting_get(c->s, "region", c->a, &region, c->e);
    if (rc)
        return rc;
    agency_cap_check(r, region, c->errs);
    return KITH_OK;
}
