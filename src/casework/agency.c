/*
 * An agency assignment's rules that need more than the record (casework/cross.h): the
 * worker it names is on the establishment, and its rate is judged against the cap of the
 * council's region (the setting "region") in force on its start. The rules themselves are
 * the description's (domain/agency.c); this file only reads what they are judged against,
 * inside the write's transaction, for every way an assignment comes in. And the
 * assignments of a period (casework/agency.h), for the quarterly return and the page.
 */
#include "casework/agency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/cross.h"
#include "casework/workforce.h"
#include "domain/agency.h"
#include "store/store_rec.h"
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

static int by_start(const void *x, const void *y)
{
    const struct agency_assignment *a = x, *b = y;
    return a->start_date < b->start_date ? -1 : a->start_date > b->start_date ? 1 : 0;
}

enum kerr_code cw_agency_period(struct store *s, const struct actor *who, kdate first, kdate last,
                                const char *action, struct arena *a, struct agency_period *out,
                                struct cw_err *err)
{
    *out = (struct agency_period){.first = first, .last = last};
    if (!cw_may_manage_staff(who)) {
        cw_audit(s, who, 0, action, "denied", NULL, true, NULL);
        return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role",
                         "only team managers and administrators see agency assignments");
    }
    void *rows = NULL;
    size_t n = 0;
    enum kerr_code rc =
        store_rec_list(s, &agency_assignment_type, &(struct rec_query){.limit = STORE_PAGE_MAX}, a,
                       &rows, &n, NULL, &err->e);
    if (!rc)
        rc = store_setting_get(s, "la-code", a, &out->lea, &err->e);
    if (!rc)
        rc = store_setting_get(s, "region", a, &out->region, &err->e);
    if (rc)
        return rc;
    struct agency_assignment *all = rows;
    out->rows = arena_alloc(a, (n ? n : 1) * sizeof *out->rows);
    for (size_t i = 0; i < n; i++) {
        struct agency_assignment *r = &all[i];
        if (!agency_in_force(r, first, last))
            continue;
        struct worker w;
        /* no fact typed twice: a worker on the establishment is named by their record */
        if (r->worker[0] && !store_worker_find(s, r->worker, a, &w, NULL)) {
            r->name = arena_printf(a, "%s %s", w.given_name, w.family_name);
            snprintf(r->registration, sizeof r->registration, "%s", w.registration);
        }
        out->rows[out->n++] = *r;
    }
    qsort(out->rows, out->n, sizeof *out->rows, by_start);
    char count[32];
    snprintf(count, sizeof count, "%zu assignments", out->n);
    return cw_audit(s, who, 0, action, "ok", count, true, &err->e);
}
