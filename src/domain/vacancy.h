/*
 * A vacancy: a job the council advertises on its public jobs board (/jobs). What the job
 * is (title, team, role, contract, hours, working arrangement, salary range), when it was
 * published and when it closes, what it involves and what the council offers, as the
 * recruiter writes them. Described once here (vacancy_type); domain/rec.h says what a
 * description gives, domain/jobs.h how the board filters vacancies.
 */
#ifndef KITH_DOMAIN_VACANCY_H
#define KITH_DOMAIN_VACANCY_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/rec.h"

#define VACANCY_CODE_LEN 24 /* the longest job code ("advanced-practitioner") and its NUL */

struct vacancy {
    struct rec_head h;
    const char *title;
    const char *team;                   /* the team's name, as applicants read it */
    char role[VACANCY_CODE_LEN];        /* job-role code */
    char contract[VACANCY_CODE_LEN];    /* job-contract code */
    char hours[VACANCY_CODE_LEN];       /* job-hours code */
    char arrangement[VACANCY_CODE_LEN]; /* job-arrangement code */
    int64_t salary_min;                 /* pounds a year, full-time equivalent: the start */
    int64_t salary_max;
    kdate published_on;
    kdate closing_date;   /* open to applications up to the end of this day */
    bool closed;          /* closed early by the recruiter */
    const char *employer; /* the hiring organisation's name */
    const char *location; /* where the job is based: an address line */
    char postcode[9];
    const char *description;     /* what the job involves, several paragraphs */
    const char *offer;           /* what the council offers: pay, leave, pension, learning */
    bool needs_swe_registration; /* registration with Social Work England is required */
};

extern const struct rec_type vacancy_type;
/* The roles that recruit (user-role codes, NULL-ended): the keepers of vacancies and
 * applications (rec.h struct rec_keepers) and casework/recruit.h cw_may_recruit. */
extern const char *const recruit_roles[];

/* How long applications are kept after their vacancy closed, unless the council's setting
 * application-retention-months says otherwise (casework/retention.h). */
#define APPLICATION_RETENTION_MONTHS 6
#define APPLICATION_RETENTION_MONTHS_MAX 120
/* The day vacancy `v` stopped taking applications: its closing date, or the day it was
 * closed early when sooner (kith keeps no day of an early close: the day of the vacancy's
 * last change stands for it, which closing is). DATE_NONE while it still takes them on
 * `on`. */
kdate vacancy_closed_on(const struct vacancy *v, kdate on);
/* Whether, on `on`, the retention period of `months` after a vacancy closed on `closed` is
 * over: its applications are kept to the end of the day `months` later, and not after. */
bool vacancy_retention_over(kdate closed, int months, kdate on);

#endif
