/* The agency assignment's rules (domain/agency.c), one table as in
 * test_domain_family_risk.c: each case a record as typed and the field it is refused on,
 * or that it passes. The edges: exactly three months after leaving a permanent post and
 * the day before, across 29 February and a short February; the end on its start; the
 * minimum experience and one year under it; approval on the start and the day after.
 * Then the region's cap: on the day it took effect and the day before, exactly the cap and
 * a penny over, the sign-off's four parts, a region not set. */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "domain/agency.h"
#include "rec_fill.h"

#define AA                                                                                         \
    "role=social-worker", "agency=Acme Social Care", "hourly_rate=4000", "pqe_years=3",            \
        "notice_weeks=4", "name=Ann Lee", "registration=SW12345"
#define AT(day) AA, "start_date=" day

static const struct rec_rule_case cases[] = {
    {"agency_assignment", {AT("2026-11-01")}, NULL, NULL},
    /* the end on its start, and the day before */
    {"agency_assignment", {AT("2026-11-01"), "end_date=2026-11-01"}, NULL, NULL},
    {"agency_assignment", {AT("2026-11-01"), "end_date=2026-10-31"}, "end_date", "is before"},
    /* experience: three years, and two */
    {"agency_assignment",
     {"role=social-worker", "agency=A", "hourly_rate=4000", "pqe_years=2", "notice_weeks=4",
      "name=Ann Lee", "registration=SW12345", "start_date=2026-11-01"},
     "pqe_years",
     "is under the DfE's minimum"},
    /* the three-month rule: exactly three months on, and the day before */
    {"agency_assignment", {AT("2026-11-01"), "left_permanent_on=2026-08-01"}, NULL, NULL},
    {"agency_assignment",
     {AT("2026-10-31"), "left_permanent_on=2026-08-01"},
     "left_permanent_on",
     "a start on or after 2026-11-01"},
    /* into a leap February: 29 November 2027 and 30 November 2027 both give 29 February */
    {"agency_assignment", {AT("2028-02-29"), "left_permanent_on=2027-11-29"}, NULL, NULL},
    {"agency_assignment",
     {AT("2028-02-28"), "left_permanent_on=2027-11-29"},
     "left_permanent_on",
     "2028-02-29"},
    {"agency_assignment", {AT("2028-02-29"), "left_permanent_on=2027-11-30"}, NULL, NULL},
    /* from 29 February, and into a short February */
    {"agency_assignment",
     {AT("2028-05-28"), "left_permanent_on=2028-02-29"},
     "left_permanent_on",
     "2028-05-29"},
    {"agency_assignment", {AT("2026-02-28"), "left_permanent_on=2025-11-30"}, NULL, NULL},
    {"agency_assignment",
     {AT("2026-02-27"), "left_permanent_on=2025-11-30"},
     "left_permanent_on",
     "2026-02-28"},
    /* exceptional circumstances recorded */
    {"agency_assignment",
     {AT("2026-09-01"), "left_permanent_on=2026-08-01",
      "cooloff_exception=Court deadline; agreed by the DCS on 20/8/2026"},
     NULL,
     NULL},
    /* a project team: named and approved in advance */
    {"agency_assignment",
     {AT("2026-11-01"), "project_team=Rapid Response", "project_approved_by=J Khan",
      "project_approved_on=2026-11-01"},
     NULL,
     NULL},
    {"agency_assignment",
     {AT("2026-11-01"), "project_team=Rapid Response"},
     "project_approved_by",
     "is missing"},
    {"agency_assignment",
     {AT("2026-11-01"), "project_team=Rapid Response"},
     "project_approved_on",
     "is missing"},
    {"agency_assignment",
     {AT("2026-11-01"), "project_team=Rapid Response", "project_approved_by=J Khan",
      "project_approved_on=2026-11-02"},
     "project_approved_on",
     "is after the start"},
    /* notice: four weeks at most */
    {"agency_assignment",
     {"role=social-worker", "agency=A", "hourly_rate=4000", "pqe_years=3", "notice_weeks=5",
      "name=Ann Lee", "registration=SW12345", "start_date=2026-11-01"},
     "notice_weeks",
     NULL},
    /* who: a number in the register's form; a worker on the establishment types neither */
    {"agency_assignment",
     {"role=social-worker", "agency=A", "hourly_rate=4000", "pqe_years=3", "notice_weeks=4",
      "name=Ann Lee", "registration=SW012345", "start_date=2026-11-01"},
     "registration",
     "is not a Social Work England number"},
    {"agency_assignment",
     {"role=social-worker", "agency=A", "hourly_rate=4000", "pqe_years=3", "notice_weeks=4",
      "start_date=2026-11-01"},
     "name",
     "is missing"},
    {"agency_assignment",
     {"role=social-worker", "agency=A", "hourly_rate=4000", "pqe_years=3", "notice_weeks=4",
      "worker=ABCDEFGHJKMNPQRSTVWXYZ0123", "name=Ann Lee", "start_date=2026-11-01"},
     "name",
     "is given"},
    {"agency_assignment", {AT("2026-11-01"), "role=social-work"}, "role", NULL},
};

static void rules(void **state)
{
    (void)state;
    /* a day after every case: the days they left and approvals are not in the future */
    rec_rule_cases(cases, N_ELEMS(cases), date_from_ymd(2030, 1, 1));
}

/* The caps a council recorded, for the rules below: London's social worker cap changed on
 * 1 April 2026 (the first ended the day before); the North East's is lower; no region has
 * a team manager's cap. */
static struct agency_cap fixture[3];
static struct agency_caps recorded(void)
{
    static const struct {
        const char *region;
        int64_t pence;
        int from[3], to[3];
    } rows[] = {
        {"london", 4100, {2025, 4, 1}, {2026, 3, 31}},
        {"london", 4200, {2026, 4, 1}, {0}},
        {"north-east", 3600, {2025, 4, 1}, {0}},
    };
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        fixture[i] = (struct agency_cap){.role = "social-worker", .cap_pence = rows[i].pence};
        snprintf(fixture[i].region, sizeof fixture[i].region, "%s", rows[i].region);
        fixture[i].from_date = date_from_ymd(rows[i].from[0], rows[i].from[1], rows[i].from[2]);
        fixture[i].to_date =
            rows[i].to[0] ? date_from_ymd(rows[i].to[0], rows[i].to[1], rows[i].to[2]) : DATE_NONE;
    }
    return (struct agency_caps){fixture, N_ELEMS(rows)};
}

/* The cap in force on the start judges the rate: the day before a cap, its first and last
 * days and the day after; no cap recorded is not refused (agency_notes flags it). */
static void caps(void **state)
{
    (void)state;
    struct agency_caps recs = recorded();
    static const struct {
        const char *region, *role, *start;
        int64_t rate;
        bool signed_off;
        const char *field; /* refused on; NULL: passes */
    } caps_[] = {
        {"london", "social-worker", "2025-03-31", 9999, false, NULL}, /* before any cap */
        {"london", "social-worker", "2025-04-01", 4101, false, "cap_signoff_by"},
        {"london", "social-worker", "2025-04-01", 4101, false, "cap_signoff_role"},
        {"london", "social-worker", "2025-04-01", 4101, false, "cap_signoff_on"},
        {"london", "social-worker", "2025-04-01", 4101, false, "cap_reason"},
        {"london", "social-worker", "2025-04-01", 4100, false, NULL}, /* exactly the cap */
        {"london", "social-worker", "2026-03-31", 4101, false, "cap_signoff_by"}, /* its last day */
        {"london", "social-worker", "2026-04-01", 4101, false, NULL}, /* the next cap's first */
        {"london", "social-worker", "2026-04-01", 4201, false, "cap_reason"},
        {"london", "social-worker", "2026-11-01", 4201, true, NULL},
        {"london", "team-manager", "2026-11-01", 9999, false, NULL}, /* none recorded */
        {"north-east", "social-worker", "2026-11-01", 4200, false, "cap_signoff_by"},
        {NULL, "social-worker", "2026-11-01", 100, false, "region"},
        {"mars", "social-worker", "2026-11-01", 100, false, "region"},
    };
    struct arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < N_ELEMS(caps_); i++) {
        struct field_errors errs = {0};
        char rate[24], start[32], role[48];
        snprintf(rate, sizeof rate, "hourly_rate=%lld", (long long)caps_[i].rate);
        snprintf(start, sizeof start, "start_date=%s", caps_[i].start);
        snprintf(role, sizeof role, "role=%s", caps_[i].role);
        const char *typed[] = {role,
                               rate,
                               start,
                               "cap_signoff_by=R Osei",
                               "cap_signoff_role=Director of children's services",
                               "cap_signoff_on=2026-10-20",
                               "cap_reason=No worker at the cap"};
        struct agency_assignment *r =
            rec_fill(&agency_assignment_type, typed, caps_[i].signed_off ? 7 : 3, &a, &errs);
        agency_cap_check(r, caps_[i].region, &recs, &errs);
        const struct field_error *fe =
            caps_[i].field ? field_error_for(&errs, caps_[i].field) : NULL;
        if (caps_[i].field ? !fe : errs.n > 0)
            fail_msg("case %zu: expected %s, got %zu errors%s%s", i,
                     caps_[i].field ? caps_[i].field : "a pass", errs.n, errs.n ? ": " : "",
                     errs.n ? errs.items[0].msg : "");
    }
    /* which cap is in force: none the day before the first, each on its first and last day */
    static const struct {
        const char *region, *role;
        int on[3];
        int64_t want; /* 0: none */
    } finds[] = {
        {"london", "social-worker", {2025, 3, 31}, 0},
        {"london", "social-worker", {2025, 4, 1}, 4100},
        {"london", "social-worker", {2026, 3, 31}, 4100},
        {"london", "social-worker", {2026, 4, 1}, 4200},
        {"london", "social-worker", {2040, 1, 1}, 4200},
        {"london", "plumber", {2026, 1, 1}, 0},
        {"east", "social-worker", {2026, 1, 1}, 0},
        {NULL, "social-worker", {2026, 1, 1}, 0},
    };
    for (size_t i = 0; i < N_ELEMS(finds); i++) {
        const struct agency_cap *c =
            agency_cap_find(&recs, finds[i].region, finds[i].role,
                            date_from_ymd(finds[i].on[0], finds[i].on[1], finds[i].on[2]));
        if ((c ? c->cap_pence : 0) != finds[i].want)
            fail_msg("find %zu: %lld, expected %lld", i, (long long)(c ? c->cap_pence : 0),
                     (long long)finds[i].want);
    }
    assert_string_equal(
        agency_no_cap_text(&a, "london", "social-worker", date_from_ymd(2026, 10, 1)),
        "no price cap recorded for London, social worker, on 1 Oct 2026");
    arena_release(&a);
}

/* Two caps overlap when they are for the same region and role and share a day: one ending
 * the day before the other starts does not; one ending on its first day does; an open cap
 * overlaps every later one. */
static void overlaps(void **state)
{
    (void)state;
    static const struct {
        const char *role;
        int from[3], to[3]; /* to year 0: open */
        bool overlaps;      /* with London social worker, 1 April 2025 to 31 March 2026 */
    } os[] = {
        {"social-worker", {2026, 4, 1}, {0}, false},
        {"social-worker", {2026, 3, 31}, {0}, true},
        {"social-worker", {2024, 4, 1}, {2025, 3, 31}, false},
        {"social-worker", {2024, 4, 1}, {2025, 4, 1}, true},
        {"social-worker", {2024, 4, 1}, {0}, true},
        {"social-worker", {2025, 6, 1}, {2025, 6, 30}, true},
        {"team-manager", {2025, 6, 1}, {0}, false},
    };
    struct agency_cap base = {.region = "london", .role = "social-worker"};
    base.from_date = date_from_ymd(2025, 4, 1);
    base.to_date = date_from_ymd(2026, 3, 31);
    for (size_t i = 0; i < N_ELEMS(os); i++) {
        struct agency_cap c = {.region = "london"};
        snprintf(c.role, sizeof c.role, "%s", os[i].role);
        c.from_date = date_from_ymd(os[i].from[0], os[i].from[1], os[i].from[2]);
        c.to_date = os[i].to[0] ? date_from_ymd(os[i].to[0], os[i].to[1], os[i].to[2]) : DATE_NONE;
        if (agency_caps_overlap(&base, &c) != os[i].overlaps ||
            agency_caps_overlap(&c, &base) != os[i].overlaps)
            fail_msg("overlap %zu: expected %d", i, os[i].overlaps);
    }
    /* a cap's own rule: its end is not before its start */
    struct arena a;
    arena_init(&a, 0);
    struct field_errors errs = {0};
    const char *typed[] = {"region=london",        "role=social-worker", "cap_pence=4200",
                           "from_date=2026-04-01", "to_date=2026-03-31", "agreed=London MoU"};
    void *rec = rec_fill(&agency_cap_type, typed, N_ELEMS(typed), &a, &errs);
    rec_check(&agency_cap_type, rec, &(struct field_ctx){0}, &errs);
    assert_non_null(field_error_for(&errs, "to_date"));
    arena_release(&a);
}

/* The return's quarters: calendar quarters, the first and last day each, 29 February in a
 * leap year's first; anything else refused. And which assignments a quarter holds: one
 * ending on its first day or starting on its last is in it, the day either side is not. */
static void quarters(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int first[3], last[3]; /* year 0: refused */
    } qs[] = {
        {"2026Q4", {2026, 10, 1}, {2026, 12, 31}},
        {"2028Q1", {2028, 1, 1}, {2028, 3, 31}},
        {"2027q2", {2027, 4, 1}, {2027, 6, 30}},
        {"2026Q3", {2026, 7, 1}, {2026, 9, 30}},
        {"2026Q0", {0}, {0}},
        {"2026Q5", {0}, {0}},
        {"26Q4", {0}, {0}},
        {"2026-Q4", {0}, {0}},
        {"2026Q44", {0}, {0}},
        {"", {0}, {0}},
        {"Q4 2026", {0}, {0}},
    };
    for (size_t i = 0; i < N_ELEMS(qs); i++) {
        kdate first = DATE_NONE, last = DATE_NONE;
        bool ok = agency_quarter_parse(qs[i].s, &first, &last);
        if (ok != (qs[i].first[0] != 0))
            fail_msg("'%s' should be %s", qs[i].s, qs[i].first[0] ? "a quarter" : "refused");
        if (ok && (first != date_from_ymd(qs[i].first[0], qs[i].first[1], qs[i].first[2]) ||
                   last != date_from_ymd(qs[i].last[0], qs[i].last[1], qs[i].last[2])))
            fail_msg("'%s' has the wrong days", qs[i].s);
    }
    kdate q1 = date_from_ymd(2028, 1, 1), q31 = date_from_ymd(2028, 3, 31);
    static const struct {
        int start[3], end[3]; /* end year 0: open-ended */
        bool in;
    } rs[] = {
        {{2027, 6, 1}, {2028, 1, 1}, true},   {{2027, 6, 1}, {2027, 12, 31}, false},
        {{2028, 3, 31}, {0}, true},           {{2028, 4, 1}, {0}, false},
        {{2028, 2, 29}, {2028, 2, 29}, true}, {{2020, 1, 1}, {0}, true},
    };
    for (size_t i = 0; i < N_ELEMS(rs); i++) {
        struct agency_assignment r = {
            .start_date = date_from_ymd(rs[i].start[0], rs[i].start[1], rs[i].start[2]),
            .end_date =
                rs[i].end[0] ? date_from_ymd(rs[i].end[0], rs[i].end[1], rs[i].end[2]) : DATE_NONE};
        if (agency_in_force(&r, q1, q31) != rs[i].in)
            fail_msg("assignment %zu should %sbe in 2028Q1", i, rs[i].in ? "" : "not ");
    }
}

/* What the page watches, on 7 December 2026: an end on the last day of four weeks' notice
 * (4 January 2027) and the day after, today itself and yesterday; over the cap and at it;
 * a start exactly three months after a permanent post and the day before; a reference. */
static void notes(void **state)
{
    (void)state;
    kdate today = date_from_ymd(2026, 12, 7);
    static const struct {
        const char *end, *left, *start;
        int64_t rate;
        bool reference;
        unsigned want;
    } ns[] = {
        {"2027-01-04", NULL, "2026-11-01", 4200, true, AGENCY_NOTE_ENDING},
        {"2027-01-05", NULL, "2026-11-01", 4200, true, 0},
        {"2026-12-07", NULL, "2026-11-01", 4200, true, AGENCY_NOTE_ENDING},
        {"2026-12-06", NULL, "2026-11-01", 4200, true, 0}, /* ended: not in force */
        {NULL, NULL, "2026-11-01", 4201, true, AGENCY_NOTE_OVER_CAP},
        {NULL, "2026-08-01", "2026-11-01", 4200, true, 0},
        {NULL, "2026-08-02", "2026-11-01", 4200, true, AGENCY_NOTE_EXCEPTION},
        {NULL, NULL, "2026-11-01", 4200, false, AGENCY_NOTE_NO_REFERENCE},
        {NULL, NULL, "2025-03-31", 4200, true, AGENCY_NOTE_NO_CAP}, /* before any cap */
    };
    struct agency_caps recs = recorded();
    for (size_t i = 0; i < N_ELEMS(ns); i++) {
        struct agency_assignment r = {.role = "social-worker",
                                      .hourly_rate = ns[i].rate,
                                      .notice_weeks = 4,
                                      .end_date = DATE_NONE,
                                      .left_permanent_on = DATE_NONE,
                                      .reference_received = DATE_NONE};
        kdate d;
        assert_int_equal(date_parse_iso(ns[i].start, &r.start_date, NULL), 0);
        if (ns[i].end && !date_parse_iso(ns[i].end, &d, NULL))
            r.end_date = d;
        if (ns[i].left && !date_parse_iso(ns[i].left, &d, NULL))
            r.left_permanent_on = d;
        if (ns[i].reference)
            r.reference_received = date_from_ymd(2026, 10, 20);
        unsigned got = agency_notes(&r, "london", &recs, today);
        if (got != ns[i].want)
            fail_msg("case %zu: notes %#x, expected %#x", i, got, ns[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules),    cmocka_unit_test(caps),  cmocka_unit_test(overlaps),
        cmocka_unit_test(quarters), cmocka_unit_test(notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
