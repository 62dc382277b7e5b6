/*
 * A worker's absences (casework/workforce.h): the one place their rules are applied. The
 * values are the description's (domain/workforce.c absence_fields); what is the absence's
 * own is that it belongs to a worker, begins no earlier than they did, and is seen only by
 * those who manage staff.
 */
#include "casework/workforce.h"

#include <stdio.h>
#include <string.h>

#include "casework/cw_impl.h"
#include "domain/agency.h"
#include "domain/vacancy.h"
#include "store/store.h"
#include "store/store_rec.h"
#include "store/store_setting.h"
#include "store/store_cases.h"

bool cw_may_manage_staff(const struct actor *who)
{
    return !who->user_id || cw_role_in(who, staff_roles);
}

bool cw_may_see_workforce_figures(const struct actor *who)
{
    static const char *const roles[] = {"performance-analyst", NULL};
    return cw_may_manage_staff(who) || cw_role_in(who, roles);
}

static enum kerr_code refuse(struct store *s, const struct actor *who, const char *action,
                             struct cw_err *err)
{
    cw_audit(s, who, 0, action, "denied", NULL, true, NULL);
    return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role",
                     "only team managers and administrators see workers' personal details");
}

enum kerr_code cw_workers(struct store *s, const struct actor *who, const struct worker_query *q,
                          struct arena *a, struct worker **out, size_t *n, struct cw_err *err)
{
    *out = NULL;
    *n = 0;
    if (!cw_may_manage_staff(who))
        return refuse(s, who, "worker-list", err);
    enum kerr_code rc = store_worker_list(s, q, a, out, n, &err->e);
    if (rc)
        return rc;
    char count[24];
    snprintf(count, sizeof count, "%zu workers", *n);
    return cw_audit(s, who, 0, "worker-list", "ok", count, true, &err->e);
}

enum kerr_code cw_absence_add(struct store *s, const struct actor *who, const char *worker_ref,
                              struct absence *ab, struct cw_err *err)
{
    if (!cw_may_manage_staff(who))
        return refuse(s, who, "absence-add", err);
    struct arena a = ARENA_INIT;
    struct worker w;
    enum kerr_code rc = store_worker_find(s, worker_ref ? worker_ref : "", &a, &w, &err->e);
    if (!rc) {
        ab->h.parent_id = w.id;
        rec_check(&absence_type, ab, &(struct field_ctx){.today = who->today}, &err->fields);
        if (!err->fields.n)
            field_date_before(&err->fields, field_find(absence_fields, "first_day"), ab->first_day,
                              w.start, "the day the worker started", false);
        rc = cw_values_result(absence_type.label, err);
    }
    arena_release(&a);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_rec_add(s, &absence_type, ab, who->now, &err->e);
    return cw_commit(s, who, rc, 0, "absence-add", ab->h.public_id, &err->e);
}

enum kerr_code cw_absences(struct store *s, const struct actor *who, const char *worker_ref,
                           struct arena *a, struct worker *w, struct absence **out, size_t *n,
                           struct cw_err *err)
{
    *out = NULL;
    *n = 0;
    if (!cw_may_manage_staff(who))
        return refuse(s, who, "absence-list", err);
    enum kerr_code rc = store_worker_find(s, worker_ref ? worker_ref : "", a, w, &err->e);
    void *rows = NULL;
    if (!rc)
        rc = store_rec_list(s, &absence_type,
                            &(struct rec_query){.parent_id = w->id, .limit = STORE_PAGE_MAX}, a,
                            &rows, n, NULL, &err->e);
    if (rc)
        return rc;
    *out = rows;
    return cw_audit(s, who, 0, "absence-list", "ok", w->public_id, true, &err->e);
}

/* --- the workforce in figures and the census ------------------------------------------- */

/* Every record the figures and the census read, cases as held on `on`. */
static enum kerr_code load(struct store *s, kdate on, struct arena *a, struct csww_records *r,
                           struct kerr *e)
{
    memset(r, 0, sizeof *r);
    struct team *teams = NULL;
    struct worker *workers = NULL;
    struct worker_cases *cases = NULL;
    void *absences = NULL, *vacancies = NULL, *assignments = NULL;
    enum kerr_code rc = store_team_list(s, a, &teams, &r->nteams, e);
    if (!rc)
        rc = store_worker_list(s, &(struct worker_query){.limit = STORE_PAGE_MAX}, a, &workers,
                               &r->nworkers, e);
    if (!rc)
        rc = store_cases_on(s, on, a, &cases, &r->ncases, e);
    if (!rc)
        rc = store_rec_all(s, &absence_type, a, &absences, &r->nabsences, e);
    if (!rc)
        rc = store_rec_all(s, &vacancy_type, a, &vacancies, &r->nvacancies, e);
    if (!rc)
        rc = store_rec_all(s, &agency_assignment_type, a, &assignments, &r->nassignments, e);
    r->teams = teams;
    r->workers = workers;
    r->cases = cases;
    r->absences = absences;
    r->vacancies = vacancies;
    r->assignments = assignments;
    return rc;
}

static enum kerr_code load_snapshot(struct store *s, kdate on, struct arena *a,
                                    struct csww_records *r, struct kerr *e)
{
    bool opened = false;
    enum kerr_code rc = store_read_begin(s, &opened, e);
    if (!rc)
        rc = load(s, on, a, r, e);
    store_read_end(s, opened);
    return rc;
}

enum kerr_code cw_workforce_figures(struct store *s, const struct actor *who, kdate from, kdate on,
                                    struct arena *a, struct workforce_figures *out,
                                    struct cw_err *err)
{
    memset(out, 0, sizeof *out);
    if (!cw_may_see_workforce_figures(who)) {
        cw_audit(s, who, 0, "workforce-figures", "denied", NULL, true, NULL);
        return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role",
                         "only team managers, administrators and performance analysts see the "
                         "workforce figures");
    }
    if (from == DATE_NONE || on == DATE_NONE || from > on) {
        char a1[DATE_ISO_LEN] = "", a2[DATE_ISO_LEN] = "";
        return kerr_fail(&err->e, KITH_E_INVALID, "from",
                         "the period from %s to %s is not a period: expected its first day on "
                         "or before its last",
                         from == DATE_NONE ? "?" : date_format_iso(from, a1),
                         on == DATE_NONE ? "?" : date_format_iso(on, a2));
    }
    struct csww_records r;
    enum kerr_code rc = load_snapshot(s, on, a, &r, &err->e);
    if (!rc)
        workforce_figures(&r, from, on, a, out);
    return rc;
}

enum kerr_code cw_workforce_census(struct store *s, const struct actor *who, int year,
                                   struct arena *a, struct csww_census *out, const char **lea,
                                   struct cw_err *err)
{
    memset(out, 0, sizeof *out);
    *lea = NULL;
    if (!cw_may_manage_staff(who))
        return refuse(s, who, "workforce-census", err);
    struct csww_records r;
    enum kerr_code rc = load_snapshot(s, csww_reference_date(year), a, &r, &err->e);
    if (!rc)
        rc = store_setting_get(s, "la-code", a, lea, &err->e);
    if (rc)
        return rc;
    csww_census(&r, year, a, out);
    char detail[48];
    snprintf(detail, sizeof detail, "%d: %zu workers", year, out->nworkers);
    return cw_audit(s, who, 0, "workforce-census", "ok", detail, true, &err->e);
}
