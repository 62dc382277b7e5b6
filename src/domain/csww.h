/*
 * The workforce in figures, and the DfE children's social work workforce census (CSWW),
 * from the records kith keeps: workers (their census items, domain/workforce.h), the cases
 * each held on a day (allocations), their absences and the vacancies on the jobs board.
 * Pure: the use case (casework/workforce.h) reads the records and hands them here, so the
 * leaders' page, its JSON twin and the census count alike and are tested with no database.
 *
 * The census year runs from 1 October to 30 September, the reference date. A worker is in
 * post on a day from their start up to the day before their end (someone who leaves on 30
 * September is a leaver of the year and not in post on it). Kith's codes become the DfE's
 * through one table (csww_map), listed by `kith codes` and in docs/workforce.md.
 */
#ifndef KITH_DOMAIN_CSWW_H
#define KITH_DOMAIN_CSWW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "domain/agency.h"
#include "domain/record.h"
#include "domain/vacancy.h"
#include "domain/workforce.h"

/* A worker and the children they held as a case on one day (store_cases.h). */
struct worker_cases {
    int64_t worker_id;
    int64_t cases;
};

/* What the figures and the census read, as the use case loaded it. `cases` are those held
 * on the day counted (the page's day, the census's 30 September), in worker id order. */
struct csww_records {
    const struct team *teams;
    size_t nteams;
    const struct worker *workers;
    size_t nworkers;
    const struct worker_cases *cases;
    size_t ncases;
    const struct absence *absences;
    size_t nabsences;
    const struct vacancy *vacancies;
    size_t nvacancies;
    const struct agency_assignment *assignments; /* the agency assignments (domain/agency.h) */
    size_t nassignments;
};

/* 30 September of `year`, and the 1 October before it: the census year's two ends. */
kdate csww_reference_date(int year);
kdate csww_year_start(int year);
/* The census year `on` falls in: 2026 from 1 October 2025 to 30 September 2026. */
int csww_year_of(kdate on);

/* Whether `w` is in post on `on`: started on or before it, and not left on or before it. */
bool csww_in_post(const struct worker *w, kdate on);
/* The cases `worker_id` held on the day `r` was loaded for (0 when none). */
int64_t csww_cases_of(const struct csww_records *r, int64_t worker_id);
/* Whether agency assignment `as` is in force on `on`: begun, and not past its end. */
bool csww_assignment_in_force(const struct agency_assignment *as, kdate on);
/* Whether vacancy `v` was open to applications on `on`: published on or before it, closing
 * on or after it, and not closed early before it. Kith keeps no day of an early close: it
 * is taken as the day of the vacancy's last change, which closing is. */
bool csww_vacancy_open(const struct vacancy *v, kdate on);

/* --- the leaders' figures ------------------------------------------------------------- */

struct workforce_team_figures {
    const struct team *team;
    int64_t headcount; /* workers of the team in post on the day, agency ones too */
    double fte;
    int64_t cases;   /* children held as a case on the day */
    double case_fte; /* FTE of the workers holding at least one */
};

/* Every worker kith holds counts here, registered with Social Work England or not; the
 * census counts the registered only. */
struct workforce_figures {
    kdate from, on;    /* starters, leavers and absence from `from` to `on`; the rest on `on` */
    int64_t headcount; /* employed directly, in post on `on` */
    double fte;
    int64_t agency_headcount; /* agency workers in post on `on` */
    double agency_fte;
    int64_t assignments;                  /* agency assignments in force on `on` */
    int64_t vacancies;                    /* open on the jobs board on `on` */
    int64_t establishment;                /* posts: those filled directly, and the vacancies */
    int64_t starters;                     /* took their post from `from` to `on` */
    int64_t leavers;                      /* left from `from` to `on` */
    int64_t sick_days;                    /* working days lost to sickness from `from` to `on` */
    int64_t other_days;                   /* working days lost to every other absence */
    int64_t cases;                        /* children held as a case on `on`, by every worker */
    double case_fte;                      /* FTE of the workers holding at least one */
    struct workforce_team_figures *teams; /* one per team of `r`, in its order */
    size_t nteams;
};

/* The figures of `r` (loaded for `on`) over `from` to `on`, teams from `a`. */
void workforce_figures(const struct csww_records *r, kdate from, kdate on, struct arena *a,
                       struct workforce_figures *out);

/* Cases per FTE of the workers holding them, as the DfE works out a caseload: 0 when none. */
double workforce_caseload(int64_t cases, double case_fte);

/* --- the census ----------------------------------------------------------------------- */

/* One item's code in the DfE's census for a kith code: `item` names the census item
 * ("StartOrigin"), `kith` kith's code of the set the item reads ("other-la"). A row whose
 * `kith` is NULL stands for every other code of the set. */
struct csww_code {
    const char *item;
    enum codeset_id set;
    const char *kith;
    const char *dfe;
    const char *why; /* where the mapping is kith's reading, why; NULL when plain */
};
extern const struct csww_code csww_map[];
extern const size_t csww_map_len;
/* The DfE code for kith's `code` under `item`; NULL when the code is empty or unmapped. */
const char *csww_dfe(const char *item, const char *code);

/* One worker of the census: registered with Social Work England, and in post on the
 * reference date or starting or leaving in the year. */
struct csww_worker {
    const struct worker *w;
    bool in_post;                   /* on the reference date */
    int64_t cases30;                /* held on the reference date (0 when not in post) */
    double days_lost;               /* working days lost to sickness in the year */
    const struct absence *absent30; /* an absence covering the reference date, or NULL */
    const char *org_role;           /* OrgRole: 1-6, or NULL when the role has none */
    double contract_weeks; /* an agency worker's weeks under assignment in the year; <0 none */
};

struct csww_census {
    int year;
    kdate reference, start;      /* 30 September of `year` and the 1 October before */
    double vacancies;            /* NumberOfVacancies: open vacancies needing registration */
    double agency_fte;           /* NoAgencyFTE */
    int64_t agency_headcount;    /* NoAgencyHeadcount */
    int64_t part_time_vacancies; /* counted as whole posts (no vacancy FTE is kept) */
    struct csww_worker *workers;
    size_t nworkers;
    size_t unregistered; /* workers of the year left out for want of a registration */
};

/* The census of `year` from `r` (its cases loaded for the reference date). */
void csww_census(const struct csww_records *r, int year, struct arena *a, struct csww_census *out);

/* The census items kith cannot source, each with why: written nowhere, said on stderr and in
 * docs/workforce.md. */
struct csww_gap {
    const char *item;
    const char *why;
};
extern const struct csww_gap csww_gaps[];
extern const size_t csww_gaps_len;

#endif
