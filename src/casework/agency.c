/*
 * An agency assignment's rules that need more than the record (casework/cross.h): the
 * worker it names is on the establishment, and its rate is judged against the cap of the
 * council's region (the setting "region") in force on its start, as the council recorded
 * it (agency_cap records). The rules themselves are the description's (domain/agency.c);
 * this file only reads what they are judged against, inside the write's transaction, for
 * every way an assignment comes in. A price cap's own rule across records: no two of one
 * region and role in force on the same day. And the assignments of a period
 * (casework/agency.h), every one of them, for the quarterly return and the page.
 */
#include "casework/agency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/cross.h"
#include "casework/workforce.h"
#include "domain/codeset.h"
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
    struct agency_caps caps;
    enum kerr_code rc = store_setting_get(c->s, "region", c->a, &region, c->e);
    if (!rc)
        rc = cw_agency_caps(c->s, c->a, &caps, c->e);
    if (rc)
        return rc;
    agency_cap_check(r, region, &caps, c->errs);
    return KITH_OK;
}

enum kerr_code cw_agency_caps(struct store *s, struct arena *a, struct agency_caps *out,
                              struct kerr *e)
{
    void *rows = NULL;
    *out = (struct agency_caps){0};
    enum kerr_code rc = store_rec_all(s, &agency_cap_type, a, &rows, &out->n, e);
    out->rows = rows;
    return rc;
}

/* "1 April 2025 to 31 March 2026" or "from 1 April 2025, open", for a clash's message. */
static const char *span(struct arena *a, const struct agency_cap *c)
{
    char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
    date_format_iso(c->from_date, f);
    if (c->to_date == DATE_NONE)
        return arena_printf(a, "from %s with no end", f);
    return arena_printf(a, "from %s to %s", f, date_format_iso(c->to_date, t));
}

enum kerr_code cw_agency_cap_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct agency_cap *mine = rec;
    struct agency_caps caps;
    enum kerr_code rc = cw_agency_caps(c->s, c->a, &caps, c->e);
    for (size_t i = 0; !rc && i < caps.n; i++) {
        const struct agency_cap *o = &caps.rows[i];
        if (o->h.id == c->self || !agency_caps_overlap(mine, o))
            continue;
        /* beside the day that makes the clash: the start when it falls inside the other
         * cap, else the end (or its absence) that runs into it */
        bool start_inside = mine->from_date >= o->from_date &&
                            (o->to_date == DATE_NONE || mine->from_date <= o->to_date);
        const struct field *f =
            field_find(agency_cap_type.fields, start_inside ? "from_date" : "to_date");
        char d[DATE_ISO_LEN];
        date_format_iso(start_inside ? mine->from_date : mine->to_date, d);
        const char *region = code_label(CS_AGENCY_REGION, o->region, 0);
        const char *role = code_label(CS_AGENCY_ROLE, o->role, 0);
        field_fail(c->errs, f, -1, d[0] ? d : NULL,
                   arena_printf(c->a, "overlaps the %s cap for %s of %lld pence an hour %s (%s)",
                                region ? region : o->region, role ? role : o->role,
                                (long long)o->cap_pence, span(c->a, o), o->h.public_id),
                   "days no other cap of that region and role covers: give that cap an end "
                   "before this one starts, or correct it instead");
        break;
    }
    return rc;
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
    /* every assignment, however many: a page of them would drop the rest from the return
     * without a word (store_rec_all reads them in one statement) */
    enum kerr_code rc = store_rec_all(s, &agency_assignment_type, a, &rows, &n, &err->e);
    if (!rc)
        rc = cw_agency_caps(s, a, &out->caps, &err->e);
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
