/*
 * The workforce figures and the DfE workforce census counted from the records
 * (csww.h), and the one table of kith's codes as the census's. Each figure is a loop over
 * the workers, absences or vacancies: a borough has hundreds of workers, and the same loop
 * is easy to check by hand against a fixture.
 */
#include "domain/csww.h"

#include <string.h>

#include "domain/codeset.h"

kdate csww_reference_date(int year) { return date_from_ymd(year, 9, 30); }
kdate csww_year_start(int year) { return date_from_ymd(year - 1, 10, 1); }

int csww_year_of(kdate on)
{
    int y = date_year(on);
    return on > csww_reference_date(y) ? y + 1 : y;
}

bool csww_in_post(const struct worker *w, kdate on)
{
    return w->start != DATE_NONE && w->start <= on && (w->end == DATE_NONE || w->end > on);
}

int64_t csww_cases_of(const struct csww_records *r, int64_t worker_id)
{
    size_t lo = 0, hi = r->ncases;
    while (lo < hi) { /* in worker id order (store_cases_on) */
        size_t mid = lo + (hi - lo) / 2;
        if (r->cases[mid].worker_id < worker_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->ncases && r->cases[lo].worker_id == worker_id ? r->cases[lo].cases : 0;
}

/* The day of a Unix time, UTC. */
static kdate day_of(int64_t t) { return (kdate)(t >= 0 ? t / 86400 : (t - 86399) / 86400); }

bool csww_vacancy_open(const struct vacancy *v, kdate on)
{
    if (v->published_on == DATE_NONE || v->published_on > on)
        return false;
    if (v->closing_date != DATE_NONE && v->closing_date < on)
        return false;
    return !v->closed || day_of(v->h.updated_at) > on;
}

bool csww_assignment_in_force(const struct agency_assignment *as, kdate on)
{
    return as->start_date != DATE_NONE && as->start_date <= on &&
           (as->end_date == DATE_NONE || as->end_date >= on);
}

static bool in(kdate d, kdate from, kdate to) { return d != DATE_NONE && d >= from && d <= to; }

static bool is_sickness(const struct absence *ab) { return !strcmp(ab->cause, "sickness"); }

double workforce_caseload(int64_t cases, double case_fte)
{
    return case_fte > 0 ? (double)cases / case_fte : 0;
}

void workforce_figures(const struct csww_records *r, kdate from, kdate on, struct arena *a,
                       struct workforce_figures *out)
{
    memset(out, 0, sizeof *out);
    out->from = from;
    out->on = on;
    out->nteams = r->nteams;
    out->teams = arena_zalloc(a, (r->nteams + 1) * sizeof *out->teams);
    for (size_t t = 0; t < r->nteams; t++)
        out->teams[t].team = &r->teams[t];
    for (size_t i = 0; i < r->nworkers; i++) {
        const struct worker *w = &r->workers[i];
        out->starters += in(w->start, from, on);
        out->leavers += in(w->end, from, on);
        if (!csww_in_post(w, on))
            continue;
        if (w->agency) {
            out->agency_headcount++;
            out->agency_fte += w->fte;
        } else {
            out->headcount++;
            out->fte += w->fte;
        }
        int64_t cases = csww_cases_of(r, w->id);
        out->cases += cases;
        out->case_fte += cases ? w->fte : 0;
        for (size_t t = 0; t < r->nteams; t++) {
            if (r->teams[t].id != w->team_id)
                continue;
            out->teams[t].headcount++;
            out->teams[t].fte += w->fte;
            out->teams[t].cases += cases;
            out->teams[t].case_fte += cases ? w->fte : 0;
        }
    }
    for (size_t i = 0; i < r->nabsences; i++) {
        int days = absence_days_lost(&r->absences[i], from, on);
        if (is_sickness(&r->absences[i]))
            out->sick_days += days;
        else
            out->other_days += days;
    }
    for (size_t i = 0; i < r->nvacancies; i++)
        out->vacancies += csww_vacancy_open(&r->vacancies[i], on);
    for (size_t i = 0; i < r->nassignments; i++)
        out->assignments += csww_assignment_in_force(&r->assignments[i], on);
    out->establishment = out->headcount + out->vacancies;
}

/* --- the census ----------------------------------------------------------------------- */

/* clang-format off */
const struct csww_code csww_map[] = {
    {"GenderCurrent", CS_SEX, "M", "1", NULL},
    {"GenderCurrent", CS_SEX, "F", "2", NULL},
    {"GenderCurrent", CS_SEX, "U", "0", "kith's U (not known) is the DfE's 0; its 9, not "
                                        "specified, has no kith code"},
    {"Ethnicity", CS_ETHNICITY, NULL, "=", "kith keeps the DfE's own ethnicity codes"},
    {"Ethnicity", CS_ETHNICITY, "WIRT", NULL, "the census's list has no Traveller of Irish "
                                              "heritage: left out"},
    {"Ethnicity", CS_ETHNICITY, "WROM", NULL, "the census's list has no Gypsy or Roma: left "
                                              "out"},
    {"Ethnicity", CS_ETHNICITY, "NONE", NULL, "not one of the census's codes: left out"},
    {"QualLevel", CS_QUAL_LEVEL, "undergraduate", "1", NULL},
    {"QualLevel", CS_QUAL_LEVEL, "postgraduate", "2", NULL},
    {"QualLevel", CS_QUAL_LEVEL, "other", "3", NULL},
    {"StepUpGrad", CS_ENTRY_ROUTE, "step-up", "1", NULL},
    {"StepUpGrad", CS_ENTRY_ROUTE, NULL, "0", "every other route"},
    {"FrontlineGrad", CS_ENTRY_ROUTE, "frontline", "1", NULL},
    {"FrontlineGrad", CS_ENTRY_ROUTE, NULL, "0", "every other route"},
    {"OrgRole", CS_WORKER_ROLE, "head-of-service", "2", "a head of service manages team "
                                                        "managers: the DfE's middle manager"},
    {"OrgRole", CS_WORKER_ROLE, "team-manager", "3", NULL},
    {"OrgRole", CS_WORKER_ROLE, "senior-practitioner", "4", NULL},
    {"OrgRole", CS_WORKER_ROLE, "social-worker", "5", "6 when in post holding no case on 30 "
                                                      "September"},
    {"OrgRole", CS_WORKER_ROLE, "personal-adviser", "5", "6 when in post holding no case on "
                                                         "30 September"},
    {"OrgRole", CS_WORKER_ROLE, "supervising-social-worker", "5", "6 when in post holding no "
                                                                  "case on 30 September"},
    {"OrgRole", CS_WORKER_ROLE, "iro", "6", "an IRO reviews children's plans and holds no case"},
    {"OrgRole", CS_WORKER_ROLE, "cp-chair", "6", "a conference chair holds no case"},
    {"StartOrigin", CS_START_ORIGIN, "newly-qualified", "1", NULL},
    {"StartOrigin", CS_START_ORIGIN, "other-la", "2", NULL},
    {"StartOrigin", CS_START_ORIGIN, "outside-england", "3", NULL},
    {"StartOrigin", CS_START_ORIGIN, "agency", "4", NULL},
    {"StartOrigin", CS_START_ORIGIN, "non-la", "5", NULL},
    {"StartOrigin", CS_START_ORIGIN, "social-care", "6", NULL},
    {"StartOrigin", CS_START_ORIGIN, "outside-social-care", "7", NULL},
    {"StartOrigin", CS_START_ORIGIN, "not-known", "9", NULL},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "other-la", "1", NULL},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "outside-england", "2", NULL},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "agency", "3", NULL},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "non-la", "4", NULL},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "social-care", "5", NULL},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "outside-social-care", "6", NULL},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "retired", "6", "the DfE has no destination "
                                                                 "for retiring: its 6 includes "
                                                                 "no employment"},
    {"LeaverDestination", CS_LEAVER_DESTINATION, "not-known", "8", NULL},
    {"ReasonLeave", CS_LEAVING_REASON, "resigned", "1", NULL},
    {"ReasonLeave", CS_LEAVING_REASON, "redundancy", "8", "kith does not record whether a "
                                                          "redundancy was voluntary (2) or "
                                                          "compulsory (3)"},
    {"ReasonLeave", CS_LEAVING_REASON, "dismissed", "4", NULL},
    {"ReasonLeave", CS_LEAVING_REASON, "retired", "5", NULL},
    {"ReasonLeave", CS_LEAVING_REASON, "died", "6", NULL},
    {"ReasonLeave", CS_LEAVING_REASON, "contract-ended", "8", "the DfE has no reason for a "
                                                              "contract's end"},
    {"ReasonLeave", CS_LEAVING_REASON, "career-break", "8", "the DfE has no reason for a "
                                                            "career break"},
    {"ReasonLeave", CS_LEAVING_REASON, "other", "8", NULL},
    {"ReasonLeave", CS_LEAVING_REASON, "not-known", "9", NULL},
    {"ReasonAbsence", CS_ABSENCE_REASON, "sickness", "SIC", NULL},
    {"ReasonAbsence", CS_ABSENCE_REASON, "parental", "MAT", NULL},
    {"ReasonAbsence", CS_ABSENCE_REASON, "compassionate", "OTH", NULL},
    {"ReasonAbsence", CS_ABSENCE_REASON, "unpaid", "UNP", NULL},
    {"ReasonAbsence", CS_ABSENCE_REASON, "other", "OTH", NULL},
};
const size_t csww_map_len = sizeof csww_map / sizeof csww_map[0];

const struct csww_gap csww_gaps[] = {
    {"CFKSSstatus", "knowledge-and-skills accreditation: kith does not record it"},
    {"NumberOfVacancies", "counts only the vacancies advertised on kith's jobs board, each as "
                          "one post; a post vacant but not advertised is not known to kith"},
    {"FTE30", "kith keeps a worker's FTE now, not its history: a change of hours in the year "
              "is not seen"},
};
const size_t csww_gaps_len = sizeof csww_gaps / sizeof csww_gaps[0];
/* clang-format on */

const char *csww_dfe(const char *item, const char *code)
{
    if (!code || !*code)
        return NULL;
    const char *other = NULL;
    for (size_t i = 0; i < csww_map_len; i++) {
        const struct csww_code *m = &csww_map[i];
        if (strcmp(m->item, item) != 0)
            continue;
        if (!m->kith)
            other = m->dfe;
        else if (!strcmp(m->kith, code))
            return m->dfe;
    }
    return other && !strcmp(other, "=") ? code : other;
}

/* The worker's role code in kith's set (worker-role), for the map. */
static const char *role_code(const struct worker *w)
{
    return vocab_code(CS_WORKER_ROLE, (int)w->role);
}

/* The weeks agency worker `w` was under assignment from `from` to `to`: each assignment's
 * days within them (its end included; one still open runs to `to`), over seven. -1 when
 * kith holds no assignment of theirs in the year. */
static double contract_weeks(const struct csww_records *r, const struct worker *w, kdate from,
                             kdate to)
{
    int64_t days = 0;
    bool any = false;
    for (size_t i = 0; i < r->nassignments; i++) {
        const struct agency_assignment *as = &r->assignments[i];
        if (strcmp(as->worker, w->public_id) != 0 || as->start_date == DATE_NONE)
            continue;
        kdate lo = as->start_date > from ? as->start_date : from;
        kdate hi = as->end_date == DATE_NONE || as->end_date > to ? to : as->end_date;
        if (lo > hi)
            continue;
        any = true;
        days += hi - lo + 1;
    }
    return any ? (double)days / 7.0 : -1;
}

void csww_census(const struct csww_records *r, int year, struct arena *a, struct csww_census *out)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->reference = csww_reference_date(year);
    out->start = csww_year_start(year);
    out->workers = arena_zalloc(a, (r->nworkers + 1) * sizeof *out->workers);
    for (size_t i = 0; i < r->nworkers; i++) {
        const struct worker *w = &r->workers[i];
        bool in_post = csww_in_post(w, out->reference);
        if (!in_post && !in(w->start, out->start, out->reference) &&
            !in(w->end, out->start, out->reference))
            continue; /* not of this year */
        if (!w->registration[0]) {
            out->unregistered++;
            continue;
        }
        struct csww_worker *c = &out->workers[out->nworkers++];
        c->w = w;
        c->in_post = in_post;
        c->cases30 = in_post ? csww_cases_of(r, w->id) : 0;
        if (in_post && w->agency) {
            out->agency_headcount++;
            out->agency_fte += w->fte;
        }
        for (size_t k = 0; k < r->nabsences; k++) {
            const struct absence *ab = &r->absences[k];
            if (ab->h.parent_id != w->id)
                continue;
            if (is_sickness(ab))
                c->days_lost += absence_days_lost(ab, out->start, out->reference);
            if (in_post && in(out->reference, ab->first_day,
                              ab->last_day == DATE_NONE ? out->reference : ab->last_day))
                c->absent30 = ab;
        }
        c->contract_weeks = w->agency ? contract_weeks(r, w, out->start, out->reference) : -1;
        c->org_role = csww_dfe("OrgRole", role_code(w));
        if (c->org_role && !strcmp(c->org_role, "5") && in_post && !c->cases30)
            c->org_role = "6"; /* qualified, in post, holding no case */
    }
    for (size_t i = 0; i < r->nvacancies; i++) {
        const struct vacancy *v = &r->vacancies[i];
        if (!v->needs_swe_registration || !csww_vacancy_open(v, out->reference))
            continue;
        out->vacancies += 1;
        out->part_time_vacancies += !strcmp(v->hours, "part-time");
    }
}
