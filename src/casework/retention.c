/*
 * Retention of applications (retention.h): which applications are past the period is the
 * domain's arithmetic (domain/vacancy.h vacancy_closed_on, vacancy_retention_over); the
 * period is the council's setting; the anonymising is the store's (store_retention.h),
 * every application of the run in one transaction with its audit rows.
 */
#include "casework/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/cw_impl.h"
#include "casework/recruit.h"
#include "domain/application.h"
#include "domain/vacancy.h"
#include "store/store_rec.h"
#include "store/store_retention.h"
#include "store/store_setting.h"

/* The council's period, checked when it was set (domain/settings.c). */
static enum kerr_code period(struct store *s, struct arena *a, int *months, struct kerr *e)
{
    const char *v = NULL;
    *months = APPLICATION_RETENTION_MONTHS;
    enum kerr_code rc = store_setting_get(s, "application-retention-months", a, &v, e);
    if (!rc && v)
        *months = (int)strtol(v, NULL, 10);
    return rc;
}

static const struct vacancy *vacancy_of(const struct vacancy *v, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].h.id == id)
            return &v[i];
    return NULL;
}

/* Whether the application still holds what the applicant gave: anonymised ones are left. */
static bool personal(const struct application *app)
{
    return app->email || (app->given_name && strcmp(app->given_name, "Anonymised") != 0);
}

enum kerr_code cw_application_retention(struct store *s, const struct actor *who, kdate on,
                                        bool dry_run, struct arena *a, struct retention_run *out,
                                        struct cw_err *err)
{
    memset(out, 0, sizeof *out);
    out->on = on;
    if (who->user_id && !cw_may_recruit(who)) {
        cw_audit(s, who, 0, "application-retention", "denied", NULL, false, NULL);
        return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role",
                         "only recruiters and team managers apply the retention of applications");
    }
    void *vrows = NULL, *arows = NULL;
    size_t nv = 0, na = 0;
    enum kerr_code rc = period(s, a, &out->months, &err->e);
    if (!rc)
        rc = store_rec_all(s, &vacancy_type, a, &vrows, &nv, &err->e);
    if (!rc)
        rc = store_rec_all(s, &application_type, a, &arows, &na, &err->e);
    if (rc)
        return rc;
    const struct vacancy *vs = vrows;
    struct application *apps = arows;
    out->refs = arena_zalloc(a, (na + 1) * sizeof *out->refs);
    bool *due = arena_zalloc(a, (nv + 1) * sizeof *due);
    bool *counted = arena_zalloc(a, (nv + 1) * sizeof *counted);
    for (size_t i = 0; i < nv; i++)
        due[i] = vacancy_retention_over(vacancy_closed_on(&vs[i], on), out->months, on);
    if (!dry_run && (rc = store_begin(s, &err->e)))
        return rc;
    for (size_t i = 0; !rc && i < na; i++) {
        const struct vacancy *v = vacancy_of(vs, nv, apps[i].h.parent_id);
        size_t vi = v ? (size_t)(v - vs) : 0;
        if (!v || !due[vi] || !personal(&apps[i]))
            continue;
        out->refs[out->applications++] = apps[i].h.public_id;
        out->vacancies += !counted[vi];
        counted[vi] = true;
        if (dry_run) {
            out->cvs += apps[i].cv_size > 0;
            continue;
        }
        bool had_cv = false;
        char note[96];
        snprintf(note, sizeof note, "anonymised: %d months after the vacancy closed", out->months);
        rc = store_application_anonymise(s, apps[i].h.id, note, &had_cv, &err->e);
        out->cvs += had_cv;
        if (!rc) {
            char detail[96];
            snprintf(detail, sizeof detail, "%s of vacancy %s%s", apps[i].h.public_id,
                     v->h.public_id, had_cv ? ", with its CV" : "");
            rc = cw_audit(s, who, 0, "application-anonymise", "ok", detail, false, &err->e);
        }
    }
    if (dry_run || rc) {
        if (rc && !dry_run)
            store_rollback(s);
        return rc;
    }
    char summary[160], day[DATE_ISO_LEN];
    snprintf(summary, sizeof summary,
             "on %s, %d months: %zu applications of %zu vacancies anonymised, %zu CVs removed",
             date_format_iso(on, day), out->months, out->applications, out->vacancies, out->cvs);
    return cw_commit(s, who, KITH_OK, 0, "application-retention", summary, &err->e);
}
