/*
 * The vacancy's description (vacancy.h): its fields and its own rules. Beyond each
 * field's own checks a vacancy's salary range runs upwards and it closes on or after the
 * day it was published. Salaries are whole pounds a year.
 */
#include "domain/vacancy.h"

#include <stddef.h>
#include <stdio.h>

#define F(m) offsetof(struct vacancy, m)
#define CODE(m, set, lab)                                                                          \
    {                                                                                              \
        .name = #m, .label = (lab), .type = FIELD_CHARS, .flags = FIELD_REQUIRED | FIELD_CODED,    \
        .codeset = (set), .size = VACANCY_CODE_LEN, .offset = F(m)                                 \
    }

enum { SALARY_LOW = 10000, SALARY_HIGH = 250000 };

static const struct field vacancy_fields[] = {
    {.name = "title",
     .label = "job title",
     .expect = "the job's title, at most 120 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 120,
     .offset = F(title)},
    {.name = "team",
     .label = "team",
     .expect = "the team's name, at most 120 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 120,
     .offset = F(team)},
    CODE(role, CS_JOB_ROLE, "role"),
    CODE(contract, CS_JOB_CONTRACT, "contract"),
    CODE(hours, CS_JOB_HOURS, "hours"),
    CODE(arrangement, CS_JOB_ARRANGEMENT, "working arrangement"),
    {.name = "salary_min",
     .label = "starting salary",
     .hint = "Pounds a year, full-time equivalent",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = SALARY_LOW,
     .max = SALARY_HIGH,
     .offset = F(salary_min)},
    {.name = "salary_max",
     .label = "highest salary",
     .hint = "Pounds a year, full-time equivalent: the top of the range",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = SALARY_LOW,
     .max = SALARY_HIGH,
     .offset = F(salary_max)},
    {.name = "published_on",
     .label = "date published",
     .expect = "the day the vacancy appears on the jobs board",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = F(published_on)},
    {.name = "closing_date",
     .label = "closing date",
     .expect = "the last day applications are taken, on or after the day published",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = F(closing_date)},
    {.name = "closed",
     .label = "closed early",
     .hint = "Yes when the vacancy closed before its closing date",
     .type = FIELD_BOOL,
     .offset = F(closed)},
    {.name = "employer",
     .label = "employer",
     .expect = "the hiring organisation's name, at most 120 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 120,
     .offset = F(employer)},
    {.name = "location",
     .label = "where the job is based",
     .expect = "an address line, at most 200 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 200,
     .offset = F(location)},
    {.name = "postcode",
     .label = "postcode",
     .type = FIELD_CHARS,
     .size = sizeof(((struct vacancy *)0)->postcode),
     .offset = F(postcode)},
    {.name = "description",
     .label = "about the job",
     .expect = "what the job involves, at most 20,000 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED | FIELD_MULTILINE,
     .max_len = 20000,
     .offset = F(description)},
    {.name = "offer",
     .label = "what we offer",
     .expect = "pay, leave, pension and learning, at most 20,000 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_MULTILINE,
     .max_len = 20000,
     .offset = F(offer)},
    {.name = "needs_swe_registration",
     .label = "Social Work England registration needed",
     .type = FIELD_BOOL,
     .offset = F(needs_swe_registration)},
    {0},
};

static void vacancy_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct vacancy *v = rec;
    const struct field *max = field_find(vacancy_fields, "salary_max"),
                       *closing = field_find(vacancy_fields, "closing_date");
    char a[24], b[DATE_ISO_LEN];
    if (v->salary_max && v->salary_min && v->salary_max < v->salary_min) {
        snprintf(a, sizeof a, "%lld", (long long)v->salary_max);
        field_fail(errs, max, -1, a, "is below the starting salary", "a salary of at least %lld",
                   (long long)v->salary_min);
    }
    if (v->closing_date != DATE_NONE && v->published_on != DATE_NONE &&
        v->closing_date < v->published_on)
        field_fail(errs, closing, -1, date_format_iso(v->closing_date, b),
                   "is before the day published", NULL);
}

/* Recruiters and team managers run the council's recruitment; a vacancy is published to be
 * read by anyone, and only they write one. */
const char *const recruit_roles[] = {"recruiter", "team-manager", NULL};

static const struct rec_keepers vacancy_keepers = {
    .readers = NULL,
    .writers = recruit_roles,
    .writers_are = "recruiters and team managers",
};

const struct rec_type vacancy_type = {
    .name = "vacancy",
    .label = "vacancy",
    .plural = "vacancies",
    .table = "vacancy",
    .parent = NULL,
    .keepers = &vacancy_keepers,
    .size = sizeof(struct vacancy),
    .head = offsetof(struct vacancy, h),
    .fields = vacancy_fields,
    .order = "published_on",
    .title = "title",
    .check = vacancy_check,
};

kdate vacancy_closed_on(const struct vacancy *v, kdate on)
{
    /* open to the end of its closing date; closed early from the day it was closed */
    kdate closed =
        v->closing_date != DATE_NONE && v->closing_date < on ? v->closing_date : DATE_NONE;
    if (v->closed) {
        int64_t t = v->h.updated_at;
        kdate early = (kdate)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
        if (early <= on && (closed == DATE_NONE || early < closed))
            closed = early;
    }
    return closed;
}

bool vacancy_retention_over(kdate closed, int months, kdate on)
{
    return closed != DATE_NONE && on > date_add_months(closed, months);
}
