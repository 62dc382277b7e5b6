/*
 * The workforce census writers (csww_write.h). Each worker item is a row of csww_items:
 * where its value comes from in kith's records, through csww_dfe's one table of codes
 * where the DfE's codes are not kith's. A value the records do not hold leaves its
 * element out, as the schema allows; nothing is made up to fill it.
 */
#include "report/csww_write.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/esc.h"
#include "domain/codeset.h"

/* --- the items ------------------------------------------------------------------------ */

static const char *date_or_null(kdate d, char *buf)
{
    return d == DATE_NONE ? NULL : date_format_iso(d, buf);
}

static bool left_in_year(const struct csww_census *c, const struct csww_worker *w)
{
    return w->w->end != DATE_NONE && w->w->end >= c->start && w->w->end <= c->reference;
}

static bool in_post(const struct csww_census *c, const struct csww_worker *w)
{
    (void)c;
    return w->in_post;
}

static bool absent_on_day(const struct csww_census *c, const struct csww_worker *w)
{
    (void)c;
    return w->absent30 != NULL;
}

static const char *agency(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return w->w->agency ? "1" : "0";
}

static const char *swe(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return w->w->registration;
}

static const char *fte(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    snprintf(buf, CSWW_VALUE_MAX, "%.6f", w->w->fte);
    return buf;
}

static const char *dob(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    return date_or_null(w->w->dob, buf);
}

static const char *gender(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    buf[0] = w->w->sex;
    buf[1] = '\0';
    return csww_dfe("GenderCurrent", buf);
}

static const char *ethnicity(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return csww_dfe("Ethnicity", w->w->ethnicity);
}

static const char *qual_inst(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return w->w->qual_institution && *w->w->qual_institution ? w->w->qual_institution : NULL;
}

static const char *qual_level(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return csww_dfe("QualLevel", w->w->qual_level);
}

static const char *step_up(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return csww_dfe("StepUpGrad", w->w->route);
}

static const char *frontline(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return csww_dfe("FrontlineGrad", w->w->route);
}

static const char *org_role(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return w->org_role;
}

static const char *role_start(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    return date_or_null(w->w->start, buf);
}

static const char *origin(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return csww_dfe("StartOrigin", w->w->origin);
}

/* A leaving after the reference date is next year's: this year's file has them in post. */
static const char *role_end(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    return left_in_year(c, w) ? date_or_null(w->w->end, buf) : NULL;
}

static const char *destination(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)buf;
    return left_in_year(c, w) ? csww_dfe("LeaverDestination", w->w->destination) : NULL;
}

static const char *reason_leave(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)buf;
    return left_in_year(c, w) ? csww_dfe("ReasonLeave", w->w->leave_reason) : NULL;
}

static const char *fte30(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    return w->in_post ? fte(c, w, buf) : NULL;
}

static const char *cases30(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    if (!w->in_post)
        return NULL;
    snprintf(buf, CSWW_VALUE_MAX, "%lld", (long long)w->cases30);
    return buf;
}

static const char *days_lost(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    snprintf(buf, CSWW_VALUE_MAX, "%.2f", w->days_lost);
    return buf;
}

static bool is_agency(const struct csww_census *c, const struct csww_worker *w)
{
    (void)c;
    return w->w->agency;
}

static const char *contract_weeks(const struct csww_census *c, const struct csww_worker *w,
                                  char *buf)
{
    (void)c;
    if (w->contract_weeks < 0)
        return NULL;
    snprintf(buf, CSWW_VALUE_MAX, "%.1f", w->contract_weeks);
    return buf;
}

static const char *absent30(const struct csww_census *c, const struct csww_worker *w, char *buf)
{
    (void)c;
    (void)buf;
    return !w->in_post ? NULL : w->absent30 ? "1" : "0";
}

static const char *absence_reason(const struct csww_census *c, const struct csww_worker *w,
                                  char *buf)
{
    (void)c;
    (void)buf;
    return w->absent30 ? csww_dfe("ReasonAbsence", w->absent30->cause) : NULL;
}

/* In the schema's order. CFKSSstatus has no row: kith cannot source it (csww_gaps). */
const struct csww_item csww_items[] = {
    {"AgencyWorker", agency, NULL},
    {"SWENo", swe, NULL},
    {"FTE", fte, NULL},
    {"PersonBirthDate", dob, NULL},
    {"GenderCurrent", gender, NULL},
    {"Ethnicity", ethnicity, NULL},
    {"QualInst", qual_inst, NULL},
    {"QualLevel", qual_level, NULL},
    {"StepUpGrad", step_up, NULL},
    {"OrgRole", org_role, NULL},
    {"RoleStartDate", role_start, NULL},
    {"StartOrigin", origin, NULL},
    {"RoleEndDate", role_end, left_in_year},
    {"LeaverDestination", destination, left_in_year},
    {"ReasonLeave", reason_leave, left_in_year},
    {"FTE30", fte30, in_post},
    {"Cases30", cases30, in_post},
    {"WorkingDaysLost", days_lost, NULL},
    {"ContractWeeks", contract_weeks, is_agency},
    {"FrontlineGrad", frontline, NULL},
    {"Absat30Sept", absent30, in_post},
    {"ReasonAbsence", absence_reason, absent_on_day},
};
const size_t csww_items_len = sizeof csww_items / sizeof csww_items[0];

size_t csww_missing(const struct csww_census *c, size_t i)
{
    const struct csww_item *it = &csww_items[i];
    size_t n = 0;
    char buf[CSWW_VALUE_MAX];
    for (size_t k = 0; k < c->nworkers; k++)
        n += (!it->applies || it->applies(c, &c->workers[k])) && !it->value(c, &c->workers[k], buf);
    return n;
}

/* --- XML -------------------------------------------------------------------------------- */

static void element(struct str *out, int depth, const char *name, const char *value)
{
    for (int i = 0; i < depth; i++)
        str_add(out, "  ");
    str_addf(out, "<%s>", name);
    esc_html(out, value);
    str_addf(out, "</%s>\n", name);
}

void csww_write_xml(const struct csww_census *c, const char *lea, int64_t now, struct str *out)
{
    char buf[CSWW_VALUE_MAX];
    str_add(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n  <Header>\n"
                 "    <CollectionDetails>\n");
    element(out, 3, "Collection", "CSWW");
    snprintf(buf, sizeof buf, "%d", c->year);
    element(out, 3, "Year", buf);
    element(out, 3, "ReferenceDate", date_format_iso(c->reference, buf));
    str_add(out, "    </CollectionDetails>\n");
    if (lea && *lea) {
        str_add(out, "    <Source>\n");
        element(out, 3, "SourceLevel", "L");
        element(out, 3, "LEA", lea);
        element(out, 3, "SoftwareCode", "kith");
        time_t t = (time_t)now;
        struct tm tm;
        if (gmtime_r(&t, &tm) && strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
            element(out, 3, "DateTime", buf);
        str_add(out, "    </Source>\n");
    }
    str_add(out, "  </Header>\n  <LALevelVacancies>\n");
    snprintf(buf, sizeof buf, "%.2f", c->vacancies);
    element(out, 2, "NumberOfVacancies", buf);
    snprintf(buf, sizeof buf, "%.2f", c->agency_fte);
    element(out, 2, "NoAgencyFTE", buf);
    snprintf(buf, sizeof buf, "%lld", (long long)c->agency_headcount);
    element(out, 2, "NoAgencyHeadcount", buf);
    str_add(out, "  </LALevelVacancies>\n");
    for (size_t k = 0; k < c->nworkers; k++) {
        str_add(out, "  <CSWWWorker>\n");
        for (size_t i = 0; i < csww_items_len; i++) {
            const char *v = csww_items[i].value(c, &c->workers[k], buf);
            if (v)
                element(out, 2, csww_items[i].name, v);
        }
        str_add(out, "  </CSWWWorker>\n");
    }
    str_add(out, "</Message>\n");
}

/* --- CSV -------------------------------------------------------------------------------- */

void csww_write_csv(const struct csww_census *c, struct str *out)
{
    char buf[CSWW_VALUE_MAX];
    for (size_t i = 0; i < csww_items_len; i++) {
        if (i)
            str_addc(out, ',');
        str_add(out, csww_items[i].name);
    }
    str_addc(out, '\n');
    for (size_t k = 0; k < c->nworkers; k++) {
        for (size_t i = 0; i < csww_items_len; i++) {
            if (i)
                str_addc(out, ',');
            const char *v = csww_items[i].value(c, &c->workers[k], buf);
            if (v)
                esc_csv(out, v);
        }
        str_addc(out, '\n');
    }
}
