/*
 * The agency assignment's description (agency.h), its rules, and how a rate is judged
 * against the price caps the council recorded (agency_cap records, agency_cap.c): the
 * cap of the region and role in force on the start, or none, which is said, not passed.
 * The rules are the DfE statutory guidance's on agency child and family social workers,
 * each written once here and run by the use case on every add and correction, whichever
 * way the record came in: at least three years' post-qualifying experience; not engaged
 * within three months of leaving a permanent post in the same region unless exceptional
 * circumstances are recorded (the guidance lets a council depart from its rules only in
 * exceptional circumstances); a project team's members approved by name before they start;
 * notice no longer than four weeks; a rate over the region's cap signed off by a named
 * person with a reason; the end not before the start.
 */
#include "domain/agency.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/codeset.h"
#include "domain/ident.h"

#define F(m) offsetof(struct agency_assignment, m)

static const struct agency_assignment *A(const void *rec) { return rec; }

/* Name and number are asked only of a worker not on the establishment: of one who is,
 * their worker record holds them, and nothing is typed twice. */
static bool off_establishment(const void *rec) { return !A(rec)->worker[0]; }

static void check_registration(const struct field *f, const void *rec, const struct field_ctx *ctx,
                               struct field_errors *errs)
{
    (void)ctx;
    swe_number_check(f, A(rec)->registration, errs);
}

static const struct field agency_fields[] = {
    {.name = "worker",
     .label = "worker",
     .expect = "the worker's public id ('kith worker list' shows them), or nothing for a "
               "worker not on the establishment",
     .type = FIELD_CHARS,
     .size = sizeof(((struct agency_assignment *)0)->worker),
     .offset = F(worker)},
    {.name = "name",
     .label = "worker's name",
     .expect = "their full name, on one line",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 200,
     .offset = F(name),
     .applies = off_establishment,
     .applies_to = "a worker not on the establishment (their worker record has it)"},
    {.name = "registration",
     .label = "Social Work England number",
     .expect = SWE_NUMBER_EXPECT,
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED,
     .size = sizeof(((struct agency_assignment *)0)->registration),
     .offset = F(registration),
     .applies = off_establishment,
     .applies_to = "a worker not on the establishment (their worker record has it)",
     .check = check_registration},
    AGENCY_ROLE_FIELD(agency_assignment),
    REC_LINE(agency_assignment, agency, "agency", "the agency that supplies them, on one line",
             FIELD_REQUIRED, 200),
    {.name = "hourly_rate",
     .label = "hourly rate",
     .expect = "pence an hour, pay with employer's National Insurance, holiday pay and any "
               "apprenticeship levy, like 4250 for 42.50 pounds",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = 1,
     .max = 100000,
     .offset = F(hourly_rate)},
    {.name = "start_date",
     .label = "start of the assignment",
     .expect = "the first day of the assignment",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = F(start_date)},
    {.name = "end_date",
     .label = "end of the assignment",
     .expect = "the day the assignment is contracted to end, on or after its start",
     .type = FIELD_DATE,
     .offset = F(end_date)},
    {.name = "pqe_years",
     .label = "post-qualifying experience",
     .expect = "whole years since qualifying in direct employment in a UK local authority, "
               "at least 3",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = 1,
     .max = 60,
     .offset = F(pqe_years)},
    REC_DAY(agency_assignment, reference_received, "reference received",
            "the day a practice-based reference for them was received", 0),
    REC_DAY(agency_assignment, reference_given, "reference given",
            "the day the council gave its practice-based reference for them", 0),
    REC_LINE(agency_assignment, project_team, "project team",
             "the project team or packaged service they came with", 0, 200),
    REC_LINE(agency_assignment, project_approved_by, "project team approved by",
             "who at the council approved them by name as a member of the team", 0, 200),
    REC_DAY(agency_assignment, project_approved_on, "project team approved on",
            "the day they were approved as a member, on or before their start", 0),
    REC_DAY(agency_assignment, left_permanent_on, "day they left a permanent post in the region",
            "the day they left a permanent post at a council in this region, if they did", 0),
    {.name = "cooloff_exception",
     .label = "exceptional circumstances",
     .expect = "why they are engaged within three months of leaving that post: the "
               "exceptional circumstances, who agreed and when",
     .type = FIELD_TEXT,
     .flags = FIELD_MULTILINE,
     .max_len = 2000,
     .offset = F(cooloff_exception)},
    {.name = "notice_weeks",
     .label = "notice period",
     .expect = "weeks of notice, 1 to 4: four, or the council's notice for permanent staff "
               "in the same role where that is shorter",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = 1,
     .max = AGENCY_NOTICE_WEEKS_MAX,
     .offset = F(notice_weeks)},
    REC_LINE(agency_assignment, cap_signoff_by, "name of who signed off the rate over the cap",
             "the name of who signed it off", 0, 200),
    REC_LINE(agency_assignment, cap_signoff_role, "role of who signed off the rate",
             "their role, such as Director of Children's Services", 0, 200),
    REC_DAY(agency_assignment, cap_signoff_on, "day the rate was signed off",
            "the day it was signed off", 0),
    {.name = "cap_reason",
     .label = "reason for the rate",
     .expect = "why the council pays over the region's cap",
     .type = FIELD_TEXT,
     .flags = FIELD_MULTILINE,
     .max_len = 2000,
     .offset = F(cap_reason)},
    {.name = NULL},
};

static bool given(const char *s) { return s && s[strspn(s, " \t\r\n")]; }

kdate agency_cooloff_end(kdate left) { return date_add_months(left, AGENCY_COOLOFF_MONTHS); }

static void check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct agency_assignment *r = rec;
    const struct field *t = agency_fields;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    field_date_before(errs, field_find(t, "end_date"), r->end_date, r->start_date, "the start",
                      false);
    if (r->pqe_years && r->pqe_years < AGENCY_PQE_MIN) {
        char years[24];
        snprintf(years, sizeof years, "%lld", (long long)r->pqe_years);
        field_fail(errs, field_find(t, "pqe_years"), -1, years, "is under the DfE's minimum",
                   "at least %d years' post-qualifying experience in direct employment in a "
                   "UK local authority",
                   AGENCY_PQE_MIN);
    }
    /* the three-month rule: engaged on or after the day three calendar months on */
    if (r->left_permanent_on != DATE_NONE && r->start_date != DATE_NONE &&
        r->start_date < agency_cooloff_end(r->left_permanent_on) && !given(r->cooloff_exception))
        field_fail(errs, field_find(t, "left_permanent_on"), -1,
                   date_format_iso(r->left_permanent_on, a),
                   "is less than three months before the start",
                   "a start on or after %s, or the exceptional circumstances recorded",
                   date_format_iso(agency_cooloff_end(r->left_permanent_on), b));
    if (given(r->project_team)) {
        if (!given(r->project_approved_by))
            field_fail(errs, field_find(t, "project_approved_by"), -1, NULL, "is missing",
                       "who approved them by name as a member of %s", r->project_team);
        if (r->project_approved_on == DATE_NONE)
            field_fail(errs, field_find(t, "project_approved_on"), -1, NULL, "is missing",
                       "the day they were approved, on or before their start");
        else if (r->start_date != DATE_NONE && r->project_approved_on > r->start_date)
            field_fail(errs, field_find(t, "project_approved_on"), -1,
                       date_format_iso(r->project_approved_on, a), "is after the start",
                       "approval in advance: a day on or before %s",
                       date_format_iso(r->start_date, b));
    }
}

/* An assignment, with its rates and its person, is for those who manage staff, and the
 * operator's own tools. */
const char *const staff_roles[] = {"team-manager", "administrator", NULL};

static const struct rec_keepers assignment_keepers = {
    .readers = staff_roles,
    .writers = staff_roles,
    .operator_keeps = true,
    .readers_are = "team managers and administrators",
    .writers_are = "team managers and administrators",
};

const struct rec_type agency_assignment_type = {
    .name = "agency_assignment",
    .label = "agency assignment",
    .plural = "agency assignments",
    .table = "agency_assignment",
    .parent = NULL,
    .keepers = &assignment_keepers,
    .size = sizeof(struct agency_assignment),
    .head = offsetof(struct agency_assignment, h),
    .fields = agency_fields,
    .order = "start_date",
    .title = "agency",
    .check = check,
};

/* ---- the regions and their caps ---- */

bool agency_region_known(const char *code)
{
    return code && code_index(CS_AGENCY_REGION, code, strlen(code)) >= 0;
}

static bool same(const char *x, const char *y) { return x && y && !strcmp(x, y); }

static bool cap_runs(const struct agency_cap *c, kdate on)
{
    return c->from_date != DATE_NONE && c->from_date <= on &&
           (c->to_date == DATE_NONE || c->to_date >= on);
}

const struct agency_cap *agency_cap_find(const struct agency_caps *caps, const char *region,
                                         const char *role, kdate on)
{
    const struct agency_cap *best = NULL;
    /* overlaps are refused on the way in, so one at most runs on a day; the latest to
     * start wins should a store written before that rule hold two */
    for (size_t i = 0; caps && on != DATE_NONE && i < caps->n; i++) {
        const struct agency_cap *c = &caps->rows[i];
        if (same(c->region, region) && same(c->role, role) && cap_runs(c, on) &&
            (!best || c->from_date > best->from_date))
            best = c;
    }
    return best;
}

bool agency_caps_overlap(const struct agency_cap *x, const struct agency_cap *y)
{
    if (!same(x->region, y->region) || !same(x->role, y->role))
        return false;
    /* two runs share a day when each starts no later than the other ends */
    return (y->to_date == DATE_NONE || x->from_date <= y->to_date) &&
           (x->to_date == DATE_NONE || y->from_date <= x->to_date);
}

/* "1 Oct 2026": a day as a sentence says it. */
static const char *day_words(struct arena *a, kdate d)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return arena_printf(a, "%d %s %d", dd, months[(m - 1) % 12], y);
}

const char *agency_no_cap_text(struct arena *a, const char *region, const char *role, kdate on)
{
    const char *rl = role ? code_label(CS_AGENCY_ROLE, role, 0) : NULL;
    const char *where = region ? code_label(CS_AGENCY_REGION, region, 0) : NULL;
    char lower[128];
    snprintf(lower, sizeof lower, "%s", rl ? rl : (role ? role : "no role"));
    lower[0] = (char)(lower[0] >= 'A' && lower[0] <= 'Z' ? lower[0] - 'A' + 'a' : lower[0]);
    return arena_printf(a, "no price cap recorded for %s, %s, on %s",
                        where ? where : (region ? region : "(no region set)"), lower,
                        on == DATE_NONE ? "(no start)" : day_words(a, on));
}

bool agency_over_cap(const struct agency_assignment *r, const char *region,
                     const struct agency_caps *caps)
{
    const struct agency_cap *c = agency_cap_find(caps, region, r->role, r->start_date);
    return c && r->hourly_rate > c->cap_pence;
}

static const struct field region_setting = {
    .name = "region",
    .label = "the council's region",
    .expect = "the region whose caps apply: kith settings set region REGION (north-east, "
              "north-west, yorkshire-humber, east-midlands, west-midlands, east, london, "
              "south-east, south-west)",
};

void agency_cap_check(const struct agency_assignment *r, const char *region,
                      const struct agency_caps *caps, struct field_errors *errs)
{
    if (!agency_region_known(region)) {
        field_fail(errs, &region_setting, -1, region, region ? "is not a region" : "is not set",
                   NULL);
        return;
    }
    const struct agency_cap *c = agency_cap_find(caps, region, r->role, r->start_date);
    if (!c || r->hourly_rate <= c->cap_pence)
        return;
    const struct field *t = agency_fields;
    char d[DATE_ISO_LEN];
    date_format_iso(c->from_date, d);
    /* over the cap: each part of the sign-off named where it is missing, saying why it is
     * needed (a form says a bare "is missing" in its own words, and would lose the cap) */
    char problem[128];
    snprintf(problem, sizeof problem,
             "is needed: the rate is over the %s cap of %lld pence an "
             "hour (from %s)",
             region, (long long)c->cap_pence, d);
    static const char *const parts[] = {"cap_signoff_by", "cap_signoff_role", "cap_reason"};
    const char *const values[] = {r->cap_signoff_by, r->cap_signoff_role, r->cap_reason};
    for (size_t i = 0; i < 3; i++)
        if (!given(values[i]))
            field_fail(errs, field_find(t, parts[i]), -1, NULL, problem, NULL);
    if (r->cap_signoff_on == DATE_NONE)
        field_fail(errs, field_find(t, "cap_signoff_on"), -1, NULL, problem, NULL);
}

bool agency_in_force(const struct agency_assignment *r, kdate first, kdate last)
{
    return r->start_date != DATE_NONE && r->start_date <= last &&
           (r->end_date == DATE_NONE || r->end_date >= first);
}

bool agency_quarter_parse(const char *s, kdate *first, kdate *last)
{
    if (!s || strlen(s) != 6 || strspn(s, "0123456789") != 4 || (s[4] != 'Q' && s[4] != 'q') ||
        s[5] < '1' || s[5] > '4')
        return false;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int q = s[5] - '0';
    if (year < 1900)
        return false;
    *first = date_from_ymd(year, 3 * q - 2, 1);
    *last = date_add_months(*first, 3) - 1;
    return true;
}

unsigned agency_notes(const struct agency_assignment *r, const char *region,
                      const struct agency_caps *caps, kdate today)
{
    unsigned n = 0;
    const struct agency_cap *c = agency_cap_find(caps, region, r->role, r->start_date);
    if (c && r->hourly_rate > c->cap_pence)
        n |= AGENCY_NOTE_OVER_CAP;
    if (!c)
        n |= AGENCY_NOTE_NO_CAP;
    if (r->left_permanent_on != DATE_NONE && r->start_date != DATE_NONE &&
        r->start_date < agency_cooloff_end(r->left_permanent_on))
        n |= AGENCY_NOTE_EXCEPTION;
    if (r->end_date != DATE_NONE && r->end_date >= today &&
        r->end_date <= date_add_days(today, (int32_t)(7 * r->notice_weeks)))
        n |= AGENCY_NOTE_ENDING;
    if (given(r->project_team))
        n |= AGENCY_NOTE_PROJECT;
    if (r->reference_received == DATE_NONE)
        n |= AGENCY_NOTE_NO_REFERENCE;
    return n;
}
