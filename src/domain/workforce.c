/*
 * The field tables of a team and a worker (workforce.h), with the rules each has beyond
 * its fields' own: a worker's end is not before their start, where they went and why they
 * left are recorded only once they have left, a registration is Social Work England's
 * shape.
 */
#include "domain/workforce.h"

#include <stddef.h>

#include "core/workday.h"

#include "domain/agency.h"
#include "domain/codeset.h"
#include "domain/ident.h"

#define TF(m) offsetof(struct team, m)

const struct field team_fields[] = {
    {.name = "name",
     .label = "team name",
     .expect = "the team's name, on one line, up to 200 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = WORKFORCE_NAME_MAX,
     .offset = TF(name)},
    {.name = "service",
     .label = "service",
     .expect = "the service the team belongs to ('kith codes service' lists them)",
     .type = FIELD_ENUM,
     .flags = FIELD_REQUIRED,
     .codeset = CS_SERVICE,
     .offset = TF(service)},
    {.name = "caseload_threshold",
     .label = "caseload threshold",
     .expect = "children per full-time worker above which the team is stretched, 1 to 100",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = 1,
     .max = 100,
     .offset = TF(caseload_threshold)},
    {.name = NULL},
};

#define WF(m) offsetof(struct worker, m)

static const struct worker *W(const void *rec) { return rec; }

static bool has_left(const void *rec) { return W(rec)->end != DATE_NONE; }

static void check_registration(const struct field *f, const void *rec, const struct field_ctx *ctx,
                               struct field_errors *errs)
{
    (void)ctx;
    swe_number_check(f, W(rec)->registration, errs);
}

static void check_end(const struct field *f, const void *rec, const struct field_ctx *ctx,
                      struct field_errors *errs)
{
    (void)ctx;
    field_date_before(errs, f, W(rec)->end, W(rec)->start, "the day they started", false);
}

static void check_dob(const struct field *f, const void *rec, const struct field_ctx *ctx,
                      struct field_errors *errs)
{
    (void)ctx;
    /* nobody takes a post before they are born; the census's own age limits are its */
    kdate dob = W(rec)->dob, start = W(rec)->start;
    if (dob == DATE_NONE || start == DATE_NONE || dob < start)
        return;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    field_fail(errs, f, -1, date_format_iso(dob, a), "is not before the day they started",
               "a day before %s", date_format_iso(start, b));
}

/* Codes of kith's own sets; `lab` in a sentence, `exp` what is wanted. */
#define WCODE(m, lab, set, exp, fl)                                                                \
    {                                                                                              \
        .name = #m, .label = (lab), .expect = (exp), .type = FIELD_CHARS,                          \
        .flags = FIELD_CODED | (fl), .codeset = (set), .size = sizeof(((struct worker *)0)->m),    \
        .offset = WF(m)                                                                            \
    }

const struct field worker_fields[] = {
    {.name = "given_name",
     .label = "given name",
     .expect = "the worker's given name, on one line",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = WORKFORCE_NAME_MAX,
     .offset = WF(given_name)},
    {.name = "family_name",
     .label = "family name",
     .expect = "the worker's family name, on one line",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = WORKFORCE_NAME_MAX,
     .offset = WF(family_name)},
    {.name = "registration",
     .label = "Social Work England number",
     .expect = SWE_NUMBER_EXPECT " (none for unregistered roles)",
     .type = FIELD_CHARS,
     .size = sizeof(((struct worker *)0)->registration),
     .offset = WF(registration),
     .check = check_registration},
    {.name = "role",
     .label = "role",
     .expect = "the worker's job role ('kith codes worker-role' lists them)",
     .type = FIELD_ENUM,
     .flags = FIELD_REQUIRED,
     .codeset = CS_WORKER_ROLE,
     .offset = WF(role)},
    {.name = "fte",
     .label = "FTE",
     .expect = "a number from 0.01 to 1.00: the share of full time they work",
     .hint = "Full time is 1; three days a week is 0.6",
     .type = FIELD_DECIMAL,
     .flags = FIELD_REQUIRED,
     .decimals = 2,
     .min = 1,
     .max = 100,
     .offset = WF(fte)},
    {.name = "agency",
     .label = "agency worker",
     .expect = "yes or no",
     .type = FIELD_BOOL,
     .offset = WF(agency)},
    {.name = "start",
     .label = "start in the role",
     .expect = "the day they took this post",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = WF(start)},
    {.name = "end",
     .label = "end in the role",
     .expect = "the day they left, on or after the day they started",
     .type = FIELD_DATE,
     .offset = WF(end),
     .check = check_end},
    {.name = "dob",
     .label = "date of birth",
     .expect = "the worker's date of birth, before they started",
     .type = FIELD_DATE,
     .flags = FIELD_PAST,
     .offset = WF(dob),
     .check = check_dob},
    {.name = "sex",
     .label = "sex",
     .expect = "M, F or U",
     .type = FIELD_CHAR,
     .flags = FIELD_CODED,
     .codeset = CS_SEX,
     .code_year = 2025,
     .offset = WF(sex)},
    WCODE(ethnicity, "ethnicity", CS_ETHNICITY,
          "an ethnicity code ('kith codes ethnicity' lists them)", 0),
    {.name = "qual_institution",
     .label = "qualifying institution",
     .expect = "the university or programme where they qualified, on one line",
     .type = FIELD_TEXT,
     .max_len = WORKER_INSTITUTION_MAX,
     .offset = WF(qual_institution)},
    WCODE(qual_level, "qualification level", CS_QUAL_LEVEL, "undergraduate, postgraduate or other",
          0),
    WCODE(route, "route into social work", CS_ENTRY_ROUTE,
          "a route ('kith codes entry-route' lists them: step-up, frontline...)", 0),
    WCODE(origin, "where they came from", CS_START_ORIGIN,
          "where they worked before ('kith codes start-origin' lists them)", 0),
    {.name = "destination",
     .label = "where they went",
     .expect = "where they went on leaving ('kith codes leaver-destination' lists them)",
     .type = FIELD_CHARS,
     .flags = FIELD_CODED,
     .codeset = CS_LEAVER_DESTINATION,
     .size = sizeof(((struct worker *)0)->destination),
     .offset = WF(destination),
     .applies = has_left,
     .applies_to = "workers who have left"},
    {.name = "leave_reason",
     .label = "reason for leaving",
     .expect = "why they left ('kith codes leaving-reason' lists them)",
     .type = FIELD_CHARS,
     .flags = FIELD_CODED,
     .codeset = CS_LEAVING_REASON,
     .size = sizeof(((struct worker *)0)->leave_reason),
     .offset = WF(leave_reason),
     .applies = has_left,
     .applies_to = "workers who have left"},
    {.name = NULL},
};

const struct field worker_team = {
    .name = "team",
    .label = "team",
    .expect = "one of the teams ('kith team list' shows their public ids)",
    .type = FIELD_TEXT,
    .flags = FIELD_REQUIRED,
};

#define AB(m) offsetof(struct absence, m)

static const struct absence *AbsenceOf(const void *rec) { return rec; }

static void check_absence_end(const struct field *f, const void *rec, const struct field_ctx *ctx,
                              struct field_errors *errs)
{
    (void)ctx;
    field_date_before(errs, f, AbsenceOf(rec)->last_day, AbsenceOf(rec)->first_day,
                      "the first day of the absence", false);
}

const struct field absence_fields[] = {
    {.name = "first_day",
     .label = "first day of the absence",
     .expect = "the first day they were absent",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = AB(first_day)},
    {.name = "last_day",
     .label = "last day of the absence",
     .expect = "the last day they were absent, on or after the first (none while it goes on)",
     .type = FIELD_DATE,
     .offset = AB(last_day),
     .check = check_absence_end},
    {.name = "cause",
     .label = "reason for the absence",
     .expect = "a reason ('kith codes absence-reason' lists them)",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_ABSENCE_REASON,
     .size = sizeof(((struct absence *)0)->cause),
     .offset = AB(cause)},
    {.name = NULL},
};

/* Why someone was off is their personal data: for those who manage staff (casework/
 * workforce.c asks cw_may_manage_staff, the same roles). */
static const struct rec_keepers absence_keepers = {
    .readers = staff_roles,
    .writers = staff_roles,
    .operator_keeps = true,
    .readers_are = "team managers and administrators",
    .writers_are = "team managers and administrators",
};

const struct rec_type absence_type = {
    .name = "absence",
    .label = "absence",
    .plural = "absences",
    .table = "absence",
    .parent = NULL,
    .keepers = &absence_keepers,
    .size = sizeof(struct absence),
    .head = offsetof(struct absence, h),
    .fields = absence_fields,
    .order = "first_day",
    .title = "cause",
};

int absence_days_lost(const struct absence *ab, kdate from, kdate to)
{
    kdate lo = ab->first_day > from ? ab->first_day : from;
    kdate hi = ab->last_day == DATE_NONE || ab->last_day > to ? to : ab->last_day;
    if (ab->first_day == DATE_NONE || lo > hi)
        return 0;
    /* workday_count counts the working days after its first argument up to its second */
    return workday_count(lo - 1, hi);
}
