/*
 * The timescales engine (domain/timescale.h) on edge dates: bank holidays (Christmas and
 * New Year 2026-27, Easter 2027), weekends, month ends, 29 February 2028, a clock stopped
 * by a later correction, a stopping record or a starting record deleted, a condition
 * corrected away, repeating clocks and a plan's end (CP visits, CIN plan reviews). The rows for
 * assessments, s47s, plans, visits and looked-after reviews run on record types defined only in
 * this file: the engine knows no type, and a later type's row is one line of the same table. The
 * contact row runs on the real contact type and kith's own table.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case_status.h"
#include "domain/contact.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/protection.h"
#include "domain/risk.h"
#include "domain/timescale.h"

/* One struct for every test type: two dates and a flag, named per type. */
struct trec {
    struct rec_head h;
    kdate a, b;
    char flag[2];
};

#define DATE_F(nm, m)                                                                              \
    {                                                                                              \
        .name = nm, .label = nm, .type = FIELD_DATE, .offset = offsetof(struct trec, m)            \
    }
#define FLAG_F(nm)                                                                                 \
    {                                                                                              \
        .name = nm, .label = nm, .type = FIELD_CHARS, .size = sizeof(((struct trec *)0)->flag),    \
        .offset = offsetof(struct trec, flag)                                                      \
    }
#define TYPE(var, nm, flds)                                                                        \
    static const struct rec_type var = {.name = nm,                                                \
                                        .label = nm,                                               \
                                        .plural = nm "s",                                          \
                                        .table = nm,                                               \
                                        .parent = "child",                                         \
                                        .size = sizeof(struct trec),                               \
                                        .head = offsetof(struct trec, h),                          \
                                        .fields = flds}

static const struct field assess_f[] = {DATE_F("start_date", a), DATE_F("authorised_on", b), {0}};
static const struct field s47_f[] = {DATE_F("strategy_date", a), FLAG_F("icpc_needed"), {0}};
static const struct field icpc_f[] = {DATE_F("icpc_date", a), {0}};
static const struct field plan_f[] = {DATE_F("start_date", a), DATE_F("end_date", b), {0}};
static const struct field visit_f[] = {DATE_F("visit_date", a), {0}};
static const struct field lac_f[] = {DATE_F("start_date", a), {0}};
static const struct field review_f[] = {DATE_F("review_date", a), {0}};
TYPE(t_assess, "t_assessment", assess_f);
TYPE(t_s47, "t_s47", s47_f);
TYPE(t_icpc, "t_icpc", icpc_f);
TYPE(t_plan, "t_plan", plan_f);
TYPE(t_visit, "t_visit", visit_f);
TYPE(t_lac, "t_lac", lac_f);
TYPE(t_review, "t_review", review_f);

static const struct rec_type *const test_types[] = {
    &t_assess, &t_s47, &t_icpc, &t_plan, &t_visit, &t_lac, &t_review, &contact_type, NULL};

/* DOMAIN.md's later clocks, one line each, as they will read once their types exist. */
static const struct timescale table[] = {
    {.rule = "assessment-authorised",
     .what = "authorise the assessment",
     .start_type = "t_assessment",
     .start_field = "start_date",
     .len = {{45, TS_WORKING_DAYS}},
     .stop_field = "authorised_on",
     .owner = TS_MANAGER,
     .started = "the assessment started",
     .source = "Working Together 2023"},
    {.rule = "icpc",
     .what = "hold the initial child protection conference",
     .start_type = "t_s47",
     .start_field = "strategy_date",
     .when_field = "icpc_needed",
     .when_value = "Y",
     .len = {{15, TS_WORKING_DAYS}},
     .stop_type = "t_icpc",
     .stop_field = "icpc_date",
     .owner = TS_WORKER,
     .started = "the strategy discussion",
     .source = "Working Together 2023"},
    {.rule = "cp-visit",
     .what = "visit the child",
     .start_type = "t_plan",
     .start_field = "start_date",
     .len = {{10, TS_WORKING_DAYS}},
     .repeats = true,
     .stop_type = "t_visit",
     .stop_field = "visit_date",
     .until_field = "end_date",
     .owner = TS_WORKER,
     .started = "the plan started",
     .again = "the last visit",
     .source = "local procedures"},
    {.rule = "lac-review",
     .what = "hold the looked-after review",
     .start_type = "t_lac",
     .start_field = "start_date",
     .len = {{20, TS_WORKING_DAYS}, {3, TS_MONTHS}, {6, TS_MONTHS}},
     .repeats = true,
     .stop_type = "t_review",
     .stop_field = "review_date",
     .owner = TS_WORKER,
     .started = "the child became looked after",
     .again = "the last review",
     .source = "CPPCR 2010 reg 33"},
    {0},
};

#define MAXR 6
struct ymd {
    int y, m, d;
};
static kdate D(struct ymd v) { return v.y ? date_from_ymd(v.y, v.m, v.d) : DATE_NONE; }

/* An obligation a case expects. */
struct want {
    const char *rule;
    int seq;
    struct ymd started, due, done;
    enum ob_status st;
    const char *why; /* NULL: not checked */
};

struct tcase {
    const char *name;
    struct {
        const struct rec_type *type;
        struct ymd a, b;
        const char *flag;
    } recs[MAXR];
    struct ymd on;
    struct want want[MAXR];
};

static const struct tcase cases[] = {
    {"45 working days over Christmas and New Year: three bank holidays named",
     {{&t_assess, {2026, 11, 10}, {0}, NULL}},
     {2027, 1, 15},
     {{"assessment-authorised",
       0,
       {2026, 11, 10},
       {2027, 1, 15},
       {0},
       OB_DUE,
       "due 15 Jan 2027: 45 working days after the assessment started on 10 Nov 2026; "
       "25 Dec, 28 Dec and 1 Jan are not working days"}}},
    {"the day after the due day it is overdue",
     {{&t_assess, {2026, 11, 10}, {0}, NULL}},
     {2027, 1, 16},
     {{"assessment-authorised", 0, {2026, 11, 10}, {2027, 1, 15}, {0}, OB_OVERDUE, NULL}}},
    {"authorised late: done, and the line says so",
     {{&t_assess, {2026, 11, 10}, {2027, 1, 18}, NULL}},
     {2027, 2, 1},
     {{"assessment-authorised",
       0,
       {2026, 11, 10},
       {2027, 1, 15},
       {2027, 1, 18},
       OB_DONE,
       "due 15 Jan 2027: 45 working days after the assessment started on 10 Nov 2026; "
       "25 Dec, 28 Dec and 1 Jan are not working days; done on 18 Jan 2027, late"}}},
    {"authorised after the day judged: open on that day",
     {{&t_assess, {2026, 11, 10}, {2027, 1, 18}, NULL}},
     {2027, 1, 12},
     {{"assessment-authorised", 0, {2026, 11, 10}, {2027, 1, 15}, {0}, OB_DUE, NULL}}},
    {"a clock not started on the day judged is no obligation",
     {{&t_assess, {2026, 11, 10}, {0}, NULL}},
     {2026, 11, 9},
     {{0}}},
    {"Easter 2027: Good Friday and Easter Monday",
     {{&t_s47, {2027, 3, 19}, {0}, "Y"}},
     {2027, 3, 19},
     {{"icpc",
       0,
       {2027, 3, 19},
       {2027, 4, 13},
       {0},
       OB_DUE,
       "due 13 Apr 2027: 15 working days after the strategy discussion on 19 Mar 2027; "
       "26 Mar and 29 Mar are not working days"}}},
    {"a condition not met starts no clock; an ICPC before the discussion stops nothing",
     {{&t_s47, {2027, 6, 1}, {0}, "N"},
      {&t_s47, {2027, 6, 7}, {0}, "Y"},
      {&t_icpc, {2027, 6, 4}, {0}, NULL}},
     {2027, 7, 1},
     {{"icpc", 0, {2027, 6, 7}, {2027, 6, 28}, {0}, OB_OVERDUE, NULL}}},
    {"an ICPC on the day stops the clock",
     {{&t_s47, {2027, 6, 7}, {0}, "Y"}, {&t_icpc, {2027, 6, 28}, {0}, NULL}},
     {2027, 7, 1},
     {{"icpc", 0, {2027, 6, 7}, {2027, 6, 28}, {2027, 6, 28}, OB_DONE, NULL}}},
    {"CP visits every 10 working days: each visit starts the next clock",
     {{&t_plan, {2027, 1, 4}, {0}, NULL},
      {&t_visit, {2027, 1, 29}, {0}, NULL},
      {&t_visit, {2027, 1, 15}, {0}, NULL}},
     {2027, 2, 20},
     {{"cp-visit", 0, {2027, 1, 4}, {2027, 1, 18}, {2027, 1, 15}, OB_DONE, NULL},
      {"cp-visit",
       1,
       {2027, 1, 15},
       {2027, 1, 29},
       {2027, 1, 29},
       OB_DONE,
       "due 29 Jan 2027: 10 working days after the last visit on 15 Jan 2027; "
       "done on 29 Jan 2027"},
      {"cp-visit", 2, {2027, 1, 29}, {2027, 2, 12}, {0}, OB_OVERDUE, NULL}}},
    {"two visits on one day count once; the plan's end stops the open clock",
     {{&t_plan, {2027, 1, 4}, {2027, 2, 10}, NULL},
      {&t_visit, {2027, 1, 15}, {0}, NULL},
      {&t_visit, {2027, 1, 15}, {0}, NULL}},
     {2027, 2, 20},
     {{"cp-visit", 0, {2027, 1, 4}, {2027, 1, 18}, {2027, 1, 15}, OB_DONE, NULL}}},
    {"a plan ending after the day judged: the visit is still owed",
     {{&t_plan, {2027, 1, 4}, {2027, 3, 1}, NULL}, {&t_visit, {2027, 1, 15}, {0}, NULL}},
     {2027, 2, 20},
     {{"cp-visit", 0, {2027, 1, 4}, {2027, 1, 18}, {2027, 1, 15}, OB_DONE, NULL},
      {"cp-visit", 1, {2027, 1, 15}, {2027, 1, 29}, {0}, OB_OVERDUE, NULL}}},
    {"reviews at 20 working days, 3 months, then 6: month ends clamp",
     {{&t_lac, {2026, 10, 30}, {0}, NULL},
      {&t_review, {2026, 11, 30}, {0}, NULL},
      {&t_review, {2027, 2, 28}, {0}, NULL}},
     {2027, 3, 1},
     {{"lac-review", 0, {2026, 10, 30}, {2026, 11, 27}, {2026, 11, 30}, OB_DONE, NULL},
      {"lac-review",
       1,
       {2026, 11, 30},
       {2027, 2, 28},
       {2027, 2, 28},
       OB_DONE,
       "due 28 Feb 2027: 3 months after the last review on 30 Nov 2026; done on 28 Feb 2027"},
      {"lac-review", 2, {2027, 2, 28}, {2027, 8, 28}, {0}, OB_DUE, NULL}}},
    {"29 February 2028: due on it, and a clock from it",
     {{&t_lac, {2027, 7, 1}, {0}, NULL},
      {&t_review, {2027, 7, 29}, {0}, NULL},
      {&t_review, {2027, 8, 31}, {0}, NULL},
      {&t_review, {2028, 2, 29}, {0}, NULL}},
     {2028, 3, 1},
     {{"lac-review", 0, {2027, 7, 1}, {2027, 7, 29}, {2027, 7, 29}, OB_DONE, NULL},
      {"lac-review", 1, {2027, 7, 29}, {2027, 10, 29}, {2027, 8, 31}, OB_DONE, NULL},
      {"lac-review", 2, {2027, 8, 31}, {2028, 2, 29}, {2028, 2, 29}, OB_DONE, NULL},
      {"lac-review", 3, {2028, 2, 29}, {2028, 8, 29}, {0}, OB_DUE, NULL}}},
    {"a summer bank holiday inside 20 working days",
     {{&t_lac, {2027, 8, 20}, {0}, NULL}},
     {2027, 8, 20},
     {{"lac-review",
       0,
       {2027, 8, 20},
       {2027, 9, 20},
       {0},
       OB_DUE,
       "due 20 Sep 2027: 20 working days after the child became looked after on 20 Aug 2027; "
       "30 Aug is not a working day"}}},
};

/* The obligations `out` are those of `want` (ended by a NULL rule), in order, each of
 * child 7. */
static void check_wants(const char *name, const struct ob_list *out, const struct want *want)
{
    size_t nwant = 0;
    while (nwant < MAXR && want[nwant].rule)
        nwant++;
    if (out->n != nwant)
        fail_msg("%s: %zu obligations, expected %zu", name, out->n, nwant);
    for (size_t i = 0; i < nwant; i++) {
        const struct obligation *o = &out->v[i];
        char why[400], got[DATE_ISO_LEN], exp[DATE_ISO_LEN];
        ts_explain(o, why, sizeof why);
        if (strcmp(o->ts->rule, want[i].rule) || o->seq != want[i].seq)
            fail_msg("%s [%zu]: %s #%d, expected %s #%d", name, i, o->ts->rule, o->seq,
                     want[i].rule, want[i].seq);
        if (o->started != D(want[i].started) || o->due != D(want[i].due))
            fail_msg("%s [%zu]: started %s due %s; %s", name, i, date_format_iso(o->started, got),
                     date_format_iso(o->due, exp), why);
        if (o->done != D(want[i].done) || o->status != want[i].st)
            fail_msg("%s [%zu]: done %s, %s; %s", name, i, date_format_iso(o->done, got),
                     ob_status_name(o->status), why);
        if (want[i].why && strcmp(why, want[i].why))
            fail_msg("%s [%zu]:\n got  %s\n want %s", name, i, why, want[i].why);
        assert_int_equal(o->child_id, 7);
    }
}

static void run_case(const struct tcase *c)
{
    struct trec rows[MAXR];
    struct ts_records recs[MAXR];
    size_t nrecs = 0;
    /* Records grouped by type as the store returns them: one array per type. */
    struct trec bytype[MAXR][MAXR];
    memset(rows, 0, sizeof rows);
    for (size_t i = 0; i < MAXR && c->recs[i].type; i++) {
        struct trec r = {.h = {.id = (int64_t)i + 1, .parent_id = 7},
                         .a = D(c->recs[i].a),
                         .b = D(c->recs[i].b)};
        if (c->recs[i].flag)
            snprintf(r.flag, sizeof r.flag, "%s", c->recs[i].flag);
        size_t k = 0;
        while (k < nrecs && recs[k].type != c->recs[i].type)
            k++;
        if (k == nrecs)
            recs[nrecs++] = (struct ts_records){c->recs[i].type, bytype[k], 0};
        bytype[k][recs[k].n++] = r;
    }
    struct ob_list out = {0};
    ts_derive(table, recs, nrecs, D(c->on), &out);
    check_wants(c->name, &out, c->want);
    ob_list_free(&out);
}

static void edge_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        run_case(&cases[i]);
}

/* kith's own private fostering clocks on the real types (the 2005 regulations): the first
 * visit within 7 working days of the notification, then 6-weekly visits of purpose "pf"
 * while the arrangement's first year (from the notification, reg 8(6)) lasts and 12-weekly
 * after, until it ends; Christmas, a visit of another purpose, the year's turn on 29 Feb. */
static const struct pfcase {
    const char *name;
    struct ymd notified, first, end;
    struct {
        struct ymd on;
        const char *purpose;
    } visits[4];
    struct ymd on;
    struct want want[MAXR];
} pfcases[] = {
    {"the first visit over Christmas: two bank holidays named",
     {2026, 12, 17},
     {0},
     {0},
     {{{0}, NULL}},
     {2026, 12, 30},
     {{"pf-first-visit",
       0,
       {2026, 12, 17},
       {2026, 12, 30},
       {0},
       OB_DUE,
       "due 30 Dec 2026: 7 working days after the council was told of the arrangement on "
       "17 Dec 2026; 25 Dec and 28 Dec are not working days"}}},
    {"the day after, it is overdue",
     {2026, 12, 17},
     {0},
     {0},
     {{{0}, NULL}},
     {2026, 12, 31},
     {{"pf-first-visit", 0, {2026, 12, 17}, {2026, 12, 30}, {0}, OB_OVERDUE, NULL}}},
    {"after the first visit, the next within 6 weeks",
     {2026, 12, 17},
     {2026, 12, 29},
     {0},
     {{{0}, NULL}},
     {2027, 2, 1},
     {{"pf-first-visit", 0, {2026, 12, 17}, {2026, 12, 30}, {2026, 12, 29}, OB_DONE, NULL},
      {"pf-visit",
       0,
       {2026, 12, 29},
       {2027, 2, 9},
       {0},
       OB_DUE,
       "due 9 Feb 2027: 6 weeks after the first visit on 29 Dec 2026"}}},
    {"a visit of another purpose is no private fostering visit",
     {2026, 12, 17},
     {2026, 12, 29},
     {0},
     {{{2027, 1, 20}, "cp-plan"}},
     {2027, 2, 10},
     {{"pf-first-visit", 0, {2026, 12, 17}, {2026, 12, 30}, {2026, 12, 29}, OB_DONE, NULL},
      {"pf-visit", 0, {2026, 12, 29}, {2027, 2, 9}, {0}, OB_OVERDUE, NULL}}},
    {"after the first year (from the notification), 12-weekly",
     {2027, 3, 1},
     {2027, 3, 5},
     {0},
     {{{2028, 3, 20}, "pf"}, {{2028, 2, 15}, "pf"}},
     {2028, 3, 21},
     {{"pf-first-visit", 0, {2027, 3, 1}, {2027, 3, 10}, {2027, 3, 5}, OB_DONE, NULL},
      {"pf-visit", 0, {2027, 3, 5}, {2027, 4, 16}, {2028, 2, 15}, OB_DONE, NULL},
      {"pf-visit", 1, {2028, 2, 15}, {2028, 3, 28}, {2028, 3, 20}, OB_DONE, NULL},
      {"pf-visit",
       2,
       {2028, 3, 20},
       {2028, 6, 12},
       {0},
       OB_DUE,
       "due 12 Jun 2028: 12 weeks after the last visit on 20 Mar 2028, as the arrangement's "
       "first year is over"}}},
    {"told on 29 Feb 2028: the first year ends on 28 Feb 2029",
     {2028, 2, 29},
     {2028, 3, 2},
     {0},
     {{{2029, 2, 27}, "pf"}, {{2029, 2, 28}, "pf"}},
     {2029, 3, 1},
     {{"pf-first-visit", 0, {2028, 2, 29}, {2028, 3, 9}, {2028, 3, 2}, OB_DONE, NULL},
      {"pf-visit", 0, {2028, 3, 2}, {2028, 4, 13}, {2029, 2, 27}, OB_DONE, NULL},
      {"pf-visit", 1, {2029, 2, 27}, {2029, 4, 10}, {2029, 2, 28}, OB_DONE, NULL},
      {"pf-visit", 2, {2029, 2, 28}, {2029, 5, 23}, {0}, OB_DUE, NULL}}},
    {"the arrangement's end takes the open visit with it",
     {2026, 12, 17},
     {2026, 12, 29},
     {2027, 1, 15},
     {{{0}, NULL}},
     {2027, 3, 1},
     {{"pf-first-visit", 0, {2026, 12, 17}, {2026, 12, 30}, {2026, 12, 29}, OB_DONE, NULL}}},
};

static void private_fostering_clocks(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(pfcases); i++) {
        const struct pfcase *c = &pfcases[i];
        struct private_fostering pf = {.h = {.id = 1, .parent_id = 7},
                                       .notified_date = D(c->notified),
                                       .start_date = D(c->notified),
                                       .visit_date = D(c->first),
                                       .decision_date = DATE_NONE,
                                       .end_date = D(c->end)};
        struct visit v[4];
        size_t nv = 0;
        for (; nv < 4 && c->visits[nv].purpose; nv++) {
            v[nv] = (struct visit){.h = {.id = (int64_t)nv + 2, .parent_id = 7},
                                   .visit_date = D(c->visits[nv].on),
                                   .child_seen = true};
            snprintf(v[nv].purpose, sizeof v[nv].purpose, "%s", c->visits[nv].purpose);
        }
        struct ts_records recs[] = {{&private_fostering_type, &pf, 1}, {&visit_type, v, nv}};
        struct ob_list out = {0};
        ts_derive(timescales, recs, N_ELEMS(recs), D(c->on), &out);
        check_wants(c->name, &out, c->want);
        ob_list_free(&out);
    }
}

/* An exploitation risk's review: due on the day the worker recorded, overdue once it has
 * passed while the risk is open, done when the risk is closed; a risk with no review day
 * or not yet identified owes nothing. */
static const struct rcase {
    const char *name;
    struct ymd identified, review, closed, on;
    struct want want[MAXR];
} rcases[] = {
    {"due on the recorded day",
     {2026, 12, 1},
     {2027, 1, 18},
     {0},
     {2027, 1, 18},
     {{"exploitation-review",
       0,
       {2026, 12, 1},
       {2027, 1, 18},
       {0},
       OB_DUE,
       "due 18 Jan 2027: the review date recorded on the risk; the risk was identified on "
       "1 Dec 2026"}}},
    {"overdue the day after",
     {2026, 12, 1},
     {2027, 1, 18},
     {0},
     {2027, 1, 19},
     {{"exploitation-review", 0, {2026, 12, 1}, {2027, 1, 18}, {0}, OB_OVERDUE, NULL}}},
    {"a review date moved on by a correction: due again",
     {2026, 12, 1},
     {2027, 4, 19},
     {0},
     {2027, 1, 19},
     {{"exploitation-review", 0, {2026, 12, 1}, {2027, 4, 19}, {0}, OB_DUE, NULL}}},
    {"closed: done",
     {2026, 12, 1},
     {2027, 1, 18},
     {2027, 1, 10},
     {2027, 1, 19},
     {{"exploitation-review",
       0,
       {2026, 12, 1},
       {2027, 1, 18},
       {2027, 1, 10},
       OB_DONE,
       "due 18 Jan 2027: the review date recorded on the risk; the risk was identified on "
       "1 Dec 2026; done on 10 Jan 2027"}}},
    {"closed with no review day: nothing", {2026, 12, 1}, {0}, {2027, 1, 10}, {2027, 1, 19}, {{0}}},
    {"not yet identified: nothing", {2027, 2, 1}, {2027, 3, 1}, {0}, {2027, 1, 19}, {{0}}},
};

static void exploitation_review_clock(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rcases); i++) {
        const struct rcase *c = &rcases[i];
        struct exploitation_risk x = {.h = {.id = 1, .parent_id = 7},
                                      .identified_date = D(c->identified),
                                      .kinds = {"cce"},
                                      .nkinds = 1,
                                      .review_date = D(c->review),
                                      .nrm_date = DATE_NONE,
                                      .closed_date = D(c->closed)};
        struct ts_records r = {&exploitation_risk_type, &x, 1};
        struct ob_list out = {0};
        ts_derive(timescales, &r, 1, D(c->on), &out);
        check_wants(c->name, &out, c->want);
        ob_list_free(&out);
    }
}

/* A family help plan's reviews (the council's setting family-help-review-months, 3 when
 * not set): due that long after the plan, or after the latest review recorded, which
 * discharges the clock before it; closing the episode ends it owing nothing. */
static const struct fcase {
    const char *name;
    int months; /* the council's setting; 0: not set */
    struct ymd plan, review, closed, on;
    struct want want[MAXR];
} fcases[] = {
    {"3 months after the plan, when the council has not set it",
     0,
     {2026, 11, 30},
     {0},
     {0},
     {2026, 12, 7},
     {{"family-help-review",
       0,
       {2026, 11, 30},
       {2027, 2, 28},
       {0},
       OB_DUE,
       "due 28 Feb 2027: 3 months after the plan was agreed on 30 Nov 2026"}}},
    {"the council's 6 months",
     6,
     {2026, 11, 30},
     {0},
     {0},
     {2027, 6, 1},
     {{"family-help-review",
       0,
       {2026, 11, 30},
       {2027, 5, 30},
       {0},
       OB_OVERDUE,
       "due 30 May 2027: 6 months after the plan was agreed on 30 Nov 2026"}}},
    {"a review recorded: done, and the next from it",
     0,
     {2026, 6, 1},
     {2026, 9, 14},
     {0},
     {2026, 12, 15},
     {{"family-help-review", 0, {2026, 6, 1}, {2026, 9, 1}, {2026, 9, 14}, OB_DONE, NULL},
      {"family-help-review",
       1,
       {2026, 9, 14},
       {2026, 12, 14},
       {0},
       OB_OVERDUE,
       "due 14 Dec 2026: 3 months after the latest review on 14 Sep 2026"}}},
    {"a review recorded after the day judged: open then",
     0,
     {2026, 6, 1},
     {2026, 9, 14},
     {0},
     {2026, 9, 1},
     {{"family-help-review", 0, {2026, 6, 1}, {2026, 9, 1}, {0}, OB_DUE, NULL}}},
    {"closed: nothing owed", 0, {2026, 6, 1}, {0}, {2026, 10, 1}, {2026, 12, 15}, {{0}}},
    {"no plan yet: nothing", 0, {0}, {0}, {0}, {2026, 12, 15}, {{0}}},
};

static void family_help_review_clock(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(fcases); i++) {
        const struct fcase *c = &fcases[i];
        struct family_help f = {.h = {.id = 1, .parent_id = 7},
                                .start_date = date_from_ymd(2026, 5, 1),
                                .signoff_date = DATE_NONE,
                                .assessment_date = DATE_NONE,
                                .plan_date = D(c->plan),
                                .review_date = D(c->review),
                                .closure_date = D(c->closed)};
        struct ts_records r = {&family_help_type, &f, 1};
        struct ts_choices choices = {0};
        if (c->months)
            choices = (struct ts_choices){1, {{"family-help-review-months", c->months}}};
        struct ob_list out = {0};
        ts_derive_with(timescales, &r, 1, D(c->on), &choices, &out);
        check_wants(c->name, &out, c->want);
        ob_list_free(&out);
    }
}

/* A CIN plan's reviews (the council's setting cin-plan-review-months, 3 when not set):
 * due that long after the plan's start, then after each review, a review being a record
 * of its own; the plan's end stops the clock owing nothing. A review deleted is a review
 * absent here, and a review corrected is one at its new day. */
static const struct ccase {
    const char *name;
    int months;             /* the council's setting; 0: not set */
    struct ymd plans[2][2]; /* start, end */
    struct ymd reviews[3];
    struct ymd on;
    struct want want[MAXR];
} ccases[] = {
    {"3 months after the plan's start, when the council has not set it",
     0,
     {{{2026, 11, 30}, {0}}},
     {{0}},
     {2026, 12, 7},
     {{"cin-plan-review",
       0,
       {2026, 11, 30},
       {2027, 2, 28},
       {0},
       OB_DUE,
       "due 28 Feb 2027: 3 months after the plan started on 30 Nov 2026"}}},
    {"a month's end into a leap February: 29 Feb 2028",
     0,
     {{{2027, 11, 30}, {0}}},
     {{0}},
     {2028, 3, 1},
     {{"cin-plan-review", 0, {2027, 11, 30}, {2028, 2, 29}, {0}, OB_OVERDUE, NULL}}},
    {"the council's 1 month from 31 January: the last day of February",
     1,
     {{{2026, 1, 31}, {0}}},
     {{0}},
     {2026, 3, 5},
     {{"cin-plan-review",
       0,
       {2026, 1, 31},
       {2026, 2, 28},
       {0},
       OB_OVERDUE,
       "due 28 Feb 2026: 1 month after the plan started on 31 Jan 2026"}}},
    {"a review late: done late, and the next from it",
     0,
     {{{2026, 8, 31}, {0}}},
     {{2026, 12, 1}},
     {2026, 12, 7},
     {{"cin-plan-review",
       0,
       {2026, 8, 31},
       {2026, 11, 30},
       {2026, 12, 1},
       OB_DONE,
       "due 30 Nov 2026: 3 months after the plan started on 31 Aug 2026; done on 1 Dec 2026, "
       "late"},
      {"cin-plan-review",
       1,
       {2026, 12, 1},
       {2027, 3, 1},
       {0},
       OB_DUE,
       "due 1 Mar 2027: 3 months after the last review on 1 Dec 2026"}}},
    {"the same review deleted: the first clock open again",
     0,
     {{{2026, 8, 31}, {0}}},
     {{0}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 8, 31}, {2026, 11, 30}, {0}, OB_OVERDUE, NULL}}},
    {"the same review corrected to a day in time",
     0,
     {{{2026, 8, 31}, {0}}},
     {{2026, 11, 2}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 8, 31}, {2026, 11, 30}, {2026, 11, 2}, OB_DONE, NULL},
      {"cin-plan-review", 1, {2026, 11, 2}, {2027, 2, 2}, {0}, OB_DUE, NULL}}},
    {"reviews at month ends, in any order: each clock from the one before",
     0,
     {{{2026, 1, 31}, {0}}},
     {{2026, 7, 31}, {2026, 4, 30}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 1, 31}, {2026, 4, 30}, {2026, 4, 30}, OB_DONE, NULL},
      {"cin-plan-review", 1, {2026, 4, 30}, {2026, 7, 30}, {2026, 7, 31}, OB_DONE, NULL},
      {"cin-plan-review", 2, {2026, 7, 31}, {2026, 10, 31}, {0}, OB_OVERDUE, NULL}}},
    {"the council's 6 months",
     6,
     {{{2026, 5, 31}, {0}}},
     {{0}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 5, 31}, {2026, 11, 30}, {0}, OB_OVERDUE, NULL}}},
    {"a review recorded after the day judged: open then",
     0,
     {{{2026, 6, 1}, {0}}},
     {{2026, 9, 14}},
     {2026, 9, 1},
     {{"cin-plan-review", 0, {2026, 6, 1}, {2026, 9, 1}, {0}, OB_DUE, NULL}}},
    {"the plan ended before its first review: nothing owed",
     0,
     {{{2026, 6, 1}, {2026, 8, 15}}},
     {{0}},
     {2026, 12, 7},
     {{0}}},
    {"the plan ended after a review: that one done, nothing more",
     0,
     {{{2026, 6, 1}, {2026, 10, 15}}},
     {{2026, 8, 3}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 6, 1}, {2026, 9, 1}, {2026, 8, 3}, OB_DONE, NULL}}},
    {"the plan ends later than the day judged: still owed",
     0,
     {{{2026, 6, 1}, {2026, 12, 20}}},
     {{0}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 6, 1}, {2026, 9, 1}, {0}, OB_OVERDUE, NULL}}},
    {"an earlier plan's review does not count for the next plan",
     0,
     {{{2026, 1, 5}, {2026, 3, 2}}, {{2026, 6, 1}, {0}}},
     {{2026, 2, 2}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 1, 5}, {2026, 4, 5}, {2026, 2, 2}, OB_DONE, NULL},
      {"cin-plan-review", 0, {2026, 6, 1}, {2026, 9, 1}, {0}, OB_OVERDUE, NULL}}},
    /* the plan's first day is the day it was agreed: a review recorded then (the meeting
     * that agreed it) is not its first review, which falls due 3 months on; the review of
     * a plan ending that day does not count for the next */
    {"a review on the plan's start day is not its first review",
     0,
     {{{2026, 6, 1}, {0}}},
     {{2026, 6, 1}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 6, 1}, {2026, 9, 1}, {0}, OB_OVERDUE, NULL}}},
    {"the last review of a plan ending the day the next starts: the first plan's alone",
     0,
     {{{2026, 1, 5}, {2026, 3, 2}}, {{2026, 3, 2}, {0}}},
     {{2026, 3, 2}},
     {2026, 12, 7},
     {{"cin-plan-review", 0, {2026, 1, 5}, {2026, 4, 5}, {2026, 3, 2}, OB_DONE, NULL},
      {"cin-plan-review", 0, {2026, 3, 2}, {2026, 6, 2}, {0}, OB_OVERDUE, NULL}}},
    {"the next day's review is",
     0,
     {{{2026, 6, 1}, {0}}},
     {{2026, 6, 2}},
     {2026, 6, 10},
     {{"cin-plan-review", 0, {2026, 6, 1}, {2026, 9, 1}, {2026, 6, 2}, OB_DONE, NULL},
      {"cin-plan-review", 1, {2026, 6, 2}, {2026, 9, 2}, {0}, OB_DUE, NULL}}},
    {"no plan: nothing, whatever reviews there are",
     0,
     {{{0}}},
     {{2026, 2, 2}},
     {2026, 12, 7},
     {{0}}},
};

static void cin_plan_review_clock(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(ccases); i++) {
        const struct ccase *c = &ccases[i];
        struct cin_plan plans[2];
        struct cin_plan_review reviews[3];
        size_t np = 0, nr = 0;
        for (size_t k = 0; k < 2 && c->plans[k][0].y; k++)
            plans[np++] = (struct cin_plan){.h = {.id = (int64_t)k + 1, .parent_id = 7},
                                            .start_date = D(c->plans[k][0]),
                                            .end_date = D(c->plans[k][1])};
        for (size_t k = 0; k < 3 && c->reviews[k].y; k++)
            reviews[nr++] = (struct cin_plan_review){.h = {.id = (int64_t)k + 10, .parent_id = 7},
                                                     .review_date = D(c->reviews[k]),
                                                     .outcome = "continue"};
        struct ts_records r[] = {{&cin_plan_type, plans, np}, {&cin_plan_review_type, reviews, nr}};
        struct ts_choices choices = {0};
        if (c->months)
            choices = (struct ts_choices){1, {{"cin-plan-review-months", c->months}}};
        struct ob_list out = {0};
        ts_derive_with(timescales, r, 2, D(c->on), &choices, &out);
        check_wants(c->name, &out, c->want);
        ob_list_free(&out);
    }
}

/* kith's own table on the real contact type: decision within one working day. */
static struct contact contact_on(int y, int m, int d)
{
    struct contact c = {.h = {.id = 1, .parent_id = 3},
                        .contact_date = date_from_ymd(y, m, d),
                        .decided_on = DATE_NONE};
    return c;
}

static struct obligation derive_one(struct contact *c, size_t n, kdate on, struct ob_list *out)
{
    struct ts_records r = {&contact_type, c, n};
    out->n = 0;
    ts_derive(timescales, &r, 1, on, out);
    return out->n ? out->v[0] : (struct obligation){0};
}

static void contact_decision(void **state)
{
    (void)state;
    static const struct {
        struct ymd made, due;
        const char *why;
    } days[] = {
        {{2026, 12, 4},
         {2026, 12, 7},
         "due 7 Dec 2026: 1 working day after the contact was made "
         "on 4 Dec 2026"},                    /* a Friday: Monday */
        {{2026, 12, 5}, {2026, 12, 7}, NULL}, /* a Saturday: Monday */
        {{2026, 12, 24},
         {2026, 12, 29},
         "due 29 Dec 2026: 1 working day after the contact was made on 24 Dec 2026; "
         "25 Dec and 28 Dec are not working days"},
        {{2026, 12, 31}, {2027, 1, 4}, NULL}, /* New Year's Day a Friday */
        {{2027, 3, 25}, {2027, 3, 30}, NULL}, /* Maundy Thursday: past Easter Monday */
        {{2028, 2, 28}, {2028, 2, 29}, NULL}, /* a Monday: 29 February */
        {{2028, 2, 29}, {2028, 3, 1}, NULL},
        {{2027, 4, 30}, {2027, 5, 4}, NULL}, /* a month's end before early May */
    };
    struct ob_list out = {0};
    for (size_t i = 0; i < N_ELEMS(days); i++) {
        struct contact c = contact_on(days[i].made.y, days[i].made.m, days[i].made.d);
        struct obligation o = derive_one(&c, 1, c.contact_date, &out);
        assert_int_equal(out.n, 1);
        assert_string_equal(o.ts->rule, "contact-decision");
        char got[DATE_ISO_LEN], why[300];
        ts_explain(&o, why, sizeof why);
        if (o.due != D(days[i].due))
            fail_msg("contact of %d-%02d-%02d due %s", days[i].made.y, days[i].made.m,
                     days[i].made.d, date_format_iso(o.due, got));
        if (days[i].why)
            assert_string_equal(why, days[i].why);
        assert_int_equal(o.status, OB_DUE);
    }
    /* Overdue, then stopped by a later correction that sets the decision's day, then moved
     * by a correction of the contact's own date. */
    struct contact c = contact_on(2026, 12, 24);
    struct obligation o = derive_one(&c, 1, date_from_ymd(2027, 1, 5), &out);
    assert_int_equal(o.status, OB_OVERDUE);
    c.decided_on = date_from_ymd(2026, 12, 29);
    o = derive_one(&c, 1, date_from_ymd(2027, 1, 5), &out);
    assert_int_equal(o.status, OB_DONE);
    assert_int_equal(o.done, c.decided_on);
    c.contact_date = date_from_ymd(2026, 12, 21);
    o = derive_one(&c, 1, date_from_ymd(2027, 1, 5), &out);
    assert_int_equal(o.due, date_from_ymd(2026, 12, 22));
    char why[300];
    ts_explain(&o, why, sizeof why);
    assert_string_equal(why, "due 22 Dec 2026: 1 working day after the contact was made on 21 "
                             "Dec 2026; done on 29 Dec 2026, late");
    /* A contact deleted (gone from what the store returns) owes nothing; of two, one. */
    struct contact two[2] = {contact_on(2027, 1, 4), contact_on(2027, 1, 6)};
    derive_one(two, 2, date_from_ymd(2027, 1, 8), &out);
    assert_int_equal(out.n, 2);
    derive_one(two + 1, 1, date_from_ymd(2027, 1, 8), &out);
    assert_int_equal(out.n, 1);
    assert_int_equal(out.v[0].started, date_from_ymd(2027, 1, 6));
    derive_one(two, 0, date_from_ymd(2027, 1, 8), &out);
    assert_int_equal(out.n, 0);
    ob_list_free(&out);
}

/* kith's table on the help-and-protection types: an assessment's 45 working days (the
 * worker's to complete, the team manager's to authorise once completed, over Christmas),
 * the ICPC's 15 after the enquiry (none when marked not required), the first core group
 * and CP visits every 10 working days of the plan. Due days as `kith calendar
 * add-working-days` gives them. */
static void help_protection_clocks(void **state)
{
    (void)state;
    struct assessment as = {.h = {.id = 1, .parent_id = 9},
                            .start_date = date_from_ymd(2026, 11, 10),
                            .child_seen_date = DATE_NONE,
                            .completed_date = date_from_ymd(2026, 12, 1),
                            .authorised_date = DATE_NONE};
    struct s47_enquiry s47[2] = {
        {.h = {.id = 2, .parent_id = 9},
         .start_date = date_from_ymd(2026, 12, 14),
         .completed_date = DATE_NONE},
        {.h = {.id = 3, .parent_id = 9},
         .start_date = date_from_ymd(2026, 12, 16),
         .completed_date = date_from_ymd(2026, 12, 18),
         .icpc_not_required = true},
    };
    struct conference icpc = {.h = {.id = 4, .parent_id = 9},
                              .kind = "initial",
                              .conference_date = date_from_ymd(2027, 1, 6)};
    struct cp_plan plan = {.h = {.id = 5, .parent_id = 9},
                           .start_date = date_from_ymd(2027, 1, 6),
                           .end_date = DATE_NONE};
    struct core_group cg = {.h = {.id = 6, .parent_id = 9},
                            .meeting_date = date_from_ymd(2027, 1, 15)};
    struct visit visits[2] = {
        {.h = {.id = 7, .parent_id = 9}, .visit_date = date_from_ymd(2027, 1, 13), .child_seen = 1},
        {.h = {.id = 8, .parent_id = 9}, .visit_date = date_from_ymd(2027, 1, 29), .child_seen = 1},
    };
    struct ts_records recs[] = {
        {&assessment_type, &as, 1}, {&s47_enquiry_type, s47, 2}, {&conference_type, &icpc, 1},
        {&cp_plan_type, &plan, 1},  {&core_group_type, &cg, 1},  {&visit_type, visits, 2},
    };
    static const struct {
        const char *rule;
        int seq;
        struct ymd due;
        enum ob_status status;
    } want[] = {
        {"assessment", 0, {2027, 1, 15}, OB_DONE},
        {"assessment-authorised", 0, {2027, 1, 15}, OB_OVERDUE},
        {"icpc", 0, {2027, 1, 7}, OB_DONE},
        {"core-group", 0, {2027, 1, 20}, OB_DONE},
        {"cp-visit", 0, {2027, 1, 20}, OB_DONE},
        {"cp-visit", 1, {2027, 1, 27}, OB_DONE},
        {"cp-visit", 2, {2027, 2, 12}, OB_DUE},
        {"review-conference", 0, {2027, 4, 6}, OB_DUE},
    };
    struct ob_list out = {0};
    ts_derive(timescales, recs, N_ELEMS(recs), date_from_ymd(2027, 2, 1), &out);
    assert_int_equal(out.n, N_ELEMS(want));
    for (size_t i = 0; i < N_ELEMS(want); i++) {
        bool found = false;
        for (size_t k = 0; k < out.n; k++) {
            const struct obligation *o = &out.v[k];
            if (strcmp(o->ts->rule, want[i].rule) || o->seq != want[i].seq)
                continue;
            found = true;
            char got[DATE_ISO_LEN];
            if (o->due != D(want[i].due) || o->status != want[i].status)
                fail_msg("%s #%d: due %s, %s", want[i].rule, want[i].seq,
                         date_format_iso(o->due, got), ob_status_name(o->status));
        }
        if (!found)
            fail_msg("no %s #%d", want[i].rule, want[i].seq);
    }
    char why[300];
    for (size_t k = 0; k < out.n; k++)
        if (!strcmp(out.v[k].ts->rule, "assessment-authorised")) {
            assert_int_equal(out.v[k].ts->owner, TS_MANAGER);
            ts_explain(&out.v[k], why, sizeof why);
            assert_non_null(strstr(why, "25 Dec, 28 Dec and 1 Jan are not working days"));
        }
    ob_list_free(&out);
}

/* kith's review conference row on the real plan and conference types: 3 months from the
 * plan's start (the initial conference's day), then 6 months from each review, while the
 * plan lasts; only a conference of kind "review" stops it. Each case is a plan, its
 * conferences and the review clocks expected on a day. */
struct conf_case {
    const char *name;
    struct ymd start, end;
    struct {
        const char *kind;
        struct ymd on;
    } conf[4];
    struct ymd on;
    struct {
        struct ymd started, due, done;
        enum ob_status st;
        const char *why; /* NULL: not checked */
    } want[4];
};

static const struct conf_case conf_cases[] = {
    {"the initial conference is no review; 30 Nov plus 3 months is 28 Feb",
     {2026, 11, 30},
     {0},
     {{"initial", {2026, 11, 30}}},
     {2027, 3, 1},
     {{{2026, 11, 30},
       {2027, 2, 28},
       {0},
       OB_OVERDUE,
       "due 28 Feb 2027: 3 months after the initial conference made the plan on 30 Nov 2026"}}},
    {"due on the day itself is not yet overdue",
     {2026, 11, 30},
     {0},
     {{"initial", {2026, 11, 30}}},
     {2027, 2, 28},
     {{{2026, 11, 30}, {2027, 2, 28}, {0}, OB_DUE, NULL}}},
    {"a review starts the 6-month clock; 31 Aug plus 6 months is 29 Feb 2028",
     {2027, 5, 31},
     {0},
     {{"initial", {2027, 5, 31}}, {"review", {2027, 8, 31}}},
     {2028, 3, 1},
     {{{2027, 5, 31}, {2027, 8, 31}, {2027, 8, 31}, OB_DONE, NULL},
      {{2027, 8, 31},
       {2028, 2, 29},
       {0},
       OB_OVERDUE,
       "due 29 Feb 2028: 6 months after the last review conference on 31 Aug 2027"}}},
    {"a plan made on 29 Nov 2027 is reviewed by 29 Feb 2028, then by 29 Aug",
     {2027, 11, 29},
     {0},
     {{"initial", {2027, 11, 29}}, {"review", {2028, 2, 29}}},
     {2028, 3, 1},
     {{{2027, 11, 29}, {2028, 2, 29}, {2028, 2, 29}, OB_DONE, NULL},
      {{2028, 2, 29}, {2028, 8, 29}, {0}, OB_DUE, NULL}}},
    {"a late review is done late, and the next clock runs from it",
     {2027, 1, 6},
     {0},
     {{"initial", {2027, 1, 6}}, {"review", {2027, 4, 20}}},
     {2027, 5, 1},
     {{{2027, 1, 6},
       {2027, 4, 6},
       {2027, 4, 20},
       OB_DONE,
       "due 6 Apr 2027: 3 months after the initial conference made the plan on 6 Jan 2027; "
       "done on 20 Apr 2027, late"},
      {{2027, 4, 20}, {2027, 10, 20}, {0}, OB_DUE, NULL}}},
    {"a second initial conference during the plan stops nothing",
     {2027, 1, 6},
     {0},
     {{"initial", {2027, 1, 6}}, {"initial", {2027, 3, 1}}},
     {2027, 5, 1},
     {{{2027, 1, 6}, {2027, 4, 6}, {0}, OB_OVERDUE, NULL}}},
    {"the review that ends the plan is the last: nothing more is owed",
     {2027, 1, 6},
     {2027, 4, 1},
     {{"initial", {2027, 1, 6}}, {"review", {2027, 4, 1}}},
     {2027, 12, 1},
     {{{2027, 1, 6}, {2027, 4, 6}, {2027, 4, 1}, OB_DONE, NULL}}},
    {"a plan ended before its first review owes none",
     {2027, 1, 6},
     {2027, 2, 1},
     {{"initial", {2027, 1, 6}}},
     {2027, 5, 1},
     {{{0}, {0}, {0}, OB_DUE, NULL}}},
    {"two reviews on one day count once",
     {2027, 1, 6},
     {0},
     {{"review", {2027, 3, 30}}, {"review", {2027, 3, 30}}, {"initial", {2027, 1, 6}}},
     {2027, 4, 1},
     {{{2027, 1, 6}, {2027, 4, 6}, {2027, 3, 30}, OB_DONE, NULL},
      {{2027, 3, 30}, {2027, 9, 30}, {0}, OB_DUE, NULL}}},
};

static void derive_conf(const struct cp_plan *plan, const struct conference *conf, size_t nconf,
                        kdate on, struct ob_list *out)
{
    struct ts_records recs[] = {{&cp_plan_type, plan, 1}, {&conference_type, conf, nconf}};
    struct ob_list all = {0};
    ts_derive(timescales, recs, N_ELEMS(recs), on, &all);
    out->n = 0;
    for (size_t i = 0; i < all.n; i++)
        if (!strcmp(all.v[i].ts->rule, "review-conference")) {
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 8;
                out->v = realloc(out->v, out->cap * sizeof(*out->v));
                assert_non_null(out->v);
            }
            out->v[out->n++] = all.v[i];
        }
    ob_list_free(&all);
}

static void review_conferences(void **state)
{
    (void)state;
    struct ob_list out = {0};
    for (size_t c = 0; c < N_ELEMS(conf_cases); c++) {
        const struct conf_case *k = &conf_cases[c];
        struct cp_plan plan = {
            .h = {.id = 1, .parent_id = 5}, .start_date = D(k->start), .end_date = D(k->end)};
        struct conference conf[4];
        size_t nconf = 0;
        for (; nconf < 4 && k->conf[nconf].kind; nconf++) {
            conf[nconf] = (struct conference){.h = {.id = (int64_t)nconf + 2, .parent_id = 5},
                                              .conference_date = D(k->conf[nconf].on)};
            snprintf(conf[nconf].kind, sizeof conf[nconf].kind, "%s", k->conf[nconf].kind);
        }
        derive_conf(&plan, conf, nconf, D(k->on), &out);
        size_t nwant = 0;
        while (nwant < 4 && k->want[nwant].started.y)
            nwant++;
        if (out.n != nwant)
            fail_msg("%s: %zu review clocks, expected %zu", k->name, out.n, nwant);
        for (size_t i = 0; i < nwant; i++) {
            const struct obligation *o = &out.v[i];
            char why[400], a[DATE_ISO_LEN], b[DATE_ISO_LEN];
            ts_explain(o, why, sizeof why);
            if (o->seq != (int)i || o->started != D(k->want[i].started) ||
                o->due != D(k->want[i].due) || o->done != D(k->want[i].done) ||
                o->status != k->want[i].st)
                fail_msg("%s [%zu]: #%d started %s, due %s, %s; %s", k->name, i, o->seq,
                         date_format_iso(o->started, a), date_format_iso(o->due, b),
                         ob_status_name(o->status), why);
            if (k->want[i].why && strcmp(why, k->want[i].why))
                fail_msg("%s [%zu]:\n got  %s\n want %s", k->name, i, why, k->want[i].why);
        }
    }
    /* A clock stopped by a later correction: a conference recorded as initial, corrected
     * to a review; then the review deleted (gone from what the store returns), then its
     * date corrected to before the plan. */
    struct cp_plan plan = {.h = {.id = 1, .parent_id = 5},
                           .start_date = date_from_ymd(2027, 1, 6),
                           .end_date = DATE_NONE};
    struct conference conf[2] = {
        {.h = {.id = 2, .parent_id = 5}, .kind = "initial", .conference_date = plan.start_date},
        {.h = {.id = 3, .parent_id = 5},
         .kind = "initial",
         .conference_date = date_from_ymd(2027, 3, 31)},
    };
    kdate on = date_from_ymd(2027, 4, 30);
    derive_conf(&plan, conf, 2, on, &out);
    assert_int_equal(out.n, 1);
    assert_int_equal(out.v[0].status, OB_OVERDUE);
    snprintf(conf[1].kind, sizeof conf[1].kind, "review");
    derive_conf(&plan, conf, 2, on, &out);
    assert_int_equal(out.n, 2);
    assert_int_equal(out.v[0].status, OB_DONE);
    assert_ptr_equal(out.v[0].by, &conf[1]);
    assert_int_equal(out.v[1].due, date_from_ymd(2027, 9, 30));
    derive_conf(&plan, conf, 1, on, &out); /* the review deleted */
    assert_int_equal(out.n, 1);
    assert_int_equal(out.v[0].status, OB_OVERDUE);
    conf[1].conference_date = date_from_ymd(2026, 12, 1); /* before the plan */
    derive_conf(&plan, conf, 2, on, &out);
    assert_int_equal(out.n, 1);
    assert_int_equal(out.v[0].status, OB_OVERDUE);
    ob_list_free(&out);
}

/* A CP visit where the child was not seen does not count; corrected to seen, it does. */
static void cp_visit_child_seen(void **state)
{
    (void)state;
    struct cp_plan plan = {.h = {.id = 1, .parent_id = 5},
                           .start_date = date_from_ymd(2027, 1, 4),
                           .end_date = DATE_NONE};
    struct visit v = {.h = {.id = 2, .parent_id = 5},
                      .visit_date = date_from_ymd(2027, 1, 12),
                      .child_seen = false};
    struct ts_records recs[] = {{&cp_plan_type, &plan, 1}, {&visit_type, &v, 1}};
    struct ob_list out = {0};
    kdate on = date_from_ymd(2027, 1, 20);
    ts_derive(timescales, recs, N_ELEMS(recs), on, &out);
    size_t k = 0;
    while (k < out.n && strcmp(out.v[k].ts->rule, "cp-visit"))
        k++;
    assert_true(k < out.n);
    assert_int_equal(out.v[k].status, OB_OVERDUE);
    v.child_seen = true;
    out.n = 0;
    ts_derive(timescales, recs, N_ELEMS(recs), on, &out);
    for (k = 0; k < out.n && strcmp(out.v[k].ts->rule, "cp-visit"); k++)
        ;
    assert_true(k < out.n);
    assert_int_equal(out.v[k].status, OB_DONE);
    ob_list_free(&out);
}

/* A child's status for a caseload: the most serious open record, with a plan's category;
 * ended, future and "no further action" records open nothing. */
static void case_statuses_read(void **state)
{
    (void)state;
    struct kerr e;
    kerr_clear(&e);
    assert_int_equal(case_status_check(rec_types, &e), KITH_OK);
    struct cp_plan plan = {.h = {.id = 1, .parent_id = 5},
                           .start_date = date_from_ymd(2027, 1, 6),
                           .end_date = DATE_NONE,
                           .latest_category = "EMO"};
    struct cin_plan cin = {.h = {.id = 2, .parent_id = 5},
                           .start_date = date_from_ymd(2026, 10, 1),
                           .end_date = date_from_ymd(2027, 1, 6)};
    struct referral ref = {.h = {.id = 3, .parent_id = 5},
                           .referral_date = date_from_ymd(2026, 9, 1),
                           .closure_date = DATE_NONE};
    struct ts_records recs[] = {
        {&cp_plan_type, &plan, 1}, {&cin_plan_type, &cin, 1}, {&referral_type, &ref, 1}};
    char buf[64];
    static const struct {
        struct ymd on;
        const char *want;
    } days[] = {
        {{2026, 8, 31}, ""},
        {{2026, 9, 1}, "Child in need"},
        {{2026, 10, 1}, "Child in need plan"},
        {{2027, 1, 5}, "Child in need plan"},
        {{2027, 1, 6}, "Child protection plan (EMO)"}, /* the CIN plan ends as the CP plan starts */
    };
    for (size_t i = 0; i < N_ELEMS(days); i++)
        assert_string_equal(case_status_of(recs, N_ELEMS(recs), D(days[i].on), buf, sizeof buf),
                            days[i].want);
    plan.end_date = date_from_ymd(2027, 6, 1);
    assert_string_equal(case_status_of(recs, N_ELEMS(recs), date_from_ymd(2027, 6, 1), buf, 64),
                        "Child in need");
    ref.nfa = true; /* no further action: no episode open */
    assert_string_equal(case_status_of(recs, N_ELEMS(recs), date_from_ymd(2027, 6, 1), buf, 64),
                        "");
}

/* The open risks a child's record warns of, day by day: what opens on its first day and
 * closes on its last, oldest first within a kind, the day each is next looked at (a
 * risk's recorded review date, a plan's next review conference from its clock, moved on
 * by the review held), a leap day, and the table itself checked against the types. */
static void open_risks_read(void **state)
{
    (void)state;
    struct kerr e;
    kerr_clear(&e);
    assert_int_equal(open_risk_check(rec_types, timescales, &e), KITH_OK);
    static const struct timescale no_clocks[] = {{0}}; /* a review rule that is not there */
    assert_int_equal(open_risk_check(rec_types, no_clocks, &e), KITH_E_INVALID);
    assert_non_null(strstr(e.msg, "exploitation-review"));
    kerr_clear(&e);
    struct exploitation_risk risk[] = {
        {.h = {.id = 1, .parent_id = 5},
         .identified_date = date_from_ymd(2027, 1, 4),
         .kinds = {"cce"},
         .nkinds = 1,
         .review_date = date_from_ymd(2027, 2, 1),
         .nrm_date = DATE_NONE,
         .closed_date = DATE_NONE},
        {.h = {.id = 2, .parent_id = 5}, /* older, closed on the 10th */
         .identified_date = date_from_ymd(2027, 1, 2),
         .kinds = {"cse"},
         .nkinds = 1,
         .review_date = date_from_ymd(2027, 1, 9),
         .nrm_date = DATE_NONE,
         .closed_date = date_from_ymd(2027, 1, 10)},
    };
    struct missing_episode miss = {.h = {.id = 3, .parent_id = 5},
                                   .start_date = date_from_ymd(2027, 1, 15),
                                   .kind = "M",
                                   .end_date = DATE_NONE,
                                   .rhi_offered_date = DATE_NONE,
                                   .rhi_date = DATE_NONE};
    struct cp_plan plan = {.h = {.id = 4, .parent_id = 5},
                           .start_date = date_from_ymd(2027, 1, 6),
                           .end_date = date_from_ymd(2028, 3, 1),
                           .latest_category = "NEG"};
    struct conference review = {.h = {.id = 5, .parent_id = 5},
                                .kind = "review",
                                .conference_date = date_from_ymd(2027, 4, 1)};
    struct private_fostering pf = {.h = {.id = 6, .parent_id = 5},
                                   .notified_date = date_from_ymd(2028, 2, 20),
                                   .start_date = date_from_ymd(2028, 2, 29),
                                   .visit_date = DATE_NONE,
                                   .decision_date = DATE_NONE,
                                   .end_date = DATE_NONE};
    struct ts_records recs[] = {{&exploitation_risk_type, risk, 2},
                                {&missing_episode_type, &miss, 1},
                                {&cp_plan_type, &plan, 1},
                                {&conference_type, &review, 1},
                                {&private_fostering_type, &pf, 1}};
    static const struct {
        struct ymd on;
        const char *want; /* "type:record id:review day" for each, in order */
    } days[] = {
        {{2027, 1, 1}, ""},
        {{2027, 1, 2}, "exploitation_risk:2:2027-01-09 "},
        {{2027, 1, 4}, "exploitation_risk:2:2027-01-09 exploitation_risk:1:2027-02-01 "},
        {{2027, 1, 6},
         "exploitation_risk:2:2027-01-09 exploitation_risk:1:2027-02-01 cp_plan:4:2027-04-06 "},
        {{2027, 1, 15},
         "exploitation_risk:1:2027-02-01 missing_episode:3:none cp_plan:4:2027-04-06 "},
        {{2027, 4, 2},
         "exploitation_risk:1:2027-02-01 missing_episode:3:none cp_plan:4:2027-10-01 "},
        {{2028, 2, 28},
         "exploitation_risk:1:2027-02-01 missing_episode:3:none cp_plan:4:2027-10-01 "},
        {{2028, 2, 29},
         "exploitation_risk:1:2027-02-01 missing_episode:3:none "
         "cp_plan:4:2027-10-01 private_fostering:6:2028-02-29 "},
        {{2028, 3, 1},
         "exploitation_risk:1:2027-02-01 missing_episode:3:none "
         "private_fostering:6:2028-02-29 "},
    };
    for (size_t i = 0; i < N_ELEMS(days); i++) {
        kdate on = D(days[i].on);
        struct ob_list obs = {0};
        ts_derive(timescales, recs, N_ELEMS(recs), on, &obs);
        struct open_risk out[8];
        size_t n = open_risks_of(recs, N_ELEMS(recs), &obs, on, out, N_ELEMS(out));
        char got[512] = "", iso[16];
        for (size_t k = 0; k < n; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s:%lld:%s ", out[k].type->name,
                     (long long)rec_chead(out[k].type, out[k].rec)->id,
                     out[k].review == DATE_NONE ? "none" : date_format_iso(out[k].review, iso));
        if (strcmp(got, days[i].want))
            fail_msg("on day %zu: got '%s', want '%s'", i, got, days[i].want);
        ob_list_free(&obs);
    }
    /* the cap is kept */
    struct open_risk one[1];
    assert_int_equal(open_risks_of(recs, N_ELEMS(recs), NULL, date_from_ymd(2027, 1, 6), one, 1),
                     1);
}

/* A stopping record deleted or corrected away reopens the clock; a condition corrected
 * away takes the clock with it. */
static void corrected_away(void **state)
{
    (void)state;
    struct trec s47 = {.h = {.id = 1, .parent_id = 2},
                       .a = date_from_ymd(2027, 6, 7),
                       .b = DATE_NONE,
                       .flag = "Y"};
    struct trec icpc = {
        .h = {.id = 2, .parent_id = 2}, .a = date_from_ymd(2027, 6, 20), .b = DATE_NONE};
    struct ts_records recs[2] = {{&t_s47, &s47, 1}, {&t_icpc, &icpc, 1}};
    struct ob_list out = {0};
    kdate on = date_from_ymd(2027, 7, 1);
    ts_derive(table, recs, 2, on, &out);
    assert_int_equal(out.n, 1);
    assert_int_equal(out.v[0].status, OB_DONE);
    assert_ptr_equal(out.v[0].by, &icpc);
    recs[1].n = 0; /* the ICPC deleted */
    out.n = 0;
    ts_derive(table, recs, 2, on, &out);
    assert_int_equal(out.v[0].status, OB_OVERDUE);
    recs[1].n = 1;
    icpc.a = date_from_ymd(2027, 6, 1); /* corrected to a day before the discussion */
    out.n = 0;
    ts_derive(table, recs, 2, on, &out);
    assert_int_equal(out.v[0].status, OB_OVERDUE);
    s47.flag[0] = 'N'; /* no ICPC needed after all */
    out.n = 0;
    ts_derive(table, recs, 2, on, &out);
    assert_int_equal(out.n, 0);
    ob_list_free(&out);
}

/* kith's table names only types and fields that exist; the test table is well formed;
 * and a row with a misspelt field or a repeat without a stopping type is refused. */
static void tables_check(void **state)
{
    (void)state;
    struct kerr e;
    kerr_clear(&e);
    assert_int_equal(ts_table_check(timescales, rec_types, &e), KITH_OK);
    assert_int_equal(ts_table_check(table, test_types, &e), KITH_OK);
    static const struct timescale bad_field[] = {{.rule = "x",
                                                  .what = "x",
                                                  .start_type = "contact",
                                                  .start_field = "contact_day",
                                                  .len = {{1, TS_DAYS}},
                                                  .stop_field = "decided_on",
                                                  .started = "x",
                                                  .source = "x"},
                                                 {0}};
    assert_int_equal(ts_table_check(bad_field, rec_types, &e), KITH_E_INVALID);
    assert_non_null(strstr(e.msg, "contact_day"));
    static const struct timescale bad_repeat[] = {{.rule = "y",
                                                   .what = "x",
                                                   .start_type = "contact",
                                                   .start_field = "contact_date",
                                                   .len = {{1, TS_DAYS}},
                                                   .repeats = true,
                                                   .stop_field = "decided_on",
                                                   .started = "x",
                                                   .source = "x"},
                                                  {0}};
    kerr_clear(&e);
    assert_int_equal(ts_table_check(bad_repeat, rec_types, &e), KITH_E_INVALID);
    static const struct timescale not_text[] = {{.rule = "z",
                                                 .what = "x",
                                                 .start_type = "contact",
                                                 .start_field = "summary",
                                                 .len = {{1, TS_DAYS}},
                                                 .stop_field = "decided_on",
                                                 .started = "x",
                                                 .source = "x"},
                                                {0}};
    kerr_clear(&e);
    assert_int_equal(ts_table_check(not_text, rec_types, &e), KITH_E_INVALID);
    static const struct timescale bad_stop_when[] = {{.rule = "w",
                                                      .what = "x",
                                                      .start_type = "cp_plan",
                                                      .start_field = "start_date",
                                                      .len = {{1, TS_DAYS}},
                                                      .stop_type = "conference",
                                                      .stop_field = "conference_date",
                                                      .stop_when_field = "type",
                                                      .started = "x",
                                                      .source = "x"},
                                                     {0}};
    kerr_clear(&e);
    assert_int_equal(ts_table_check(bad_stop_when, rec_types, &e), KITH_E_INVALID);
    assert_non_null(strstr(e.msg, "stopping type"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edge_dates),
        cmocka_unit_test(contact_decision),
        cmocka_unit_test(help_protection_clocks),
        cmocka_unit_test(corrected_away),
        cmocka_unit_test(review_conferences),
        cmocka_unit_test(cp_visit_child_seen),
        cmocka_unit_test(private_fostering_clocks),
        cmocka_unit_test(exploitation_review_clock),
        cmocka_unit_test(family_help_review_clock),
        cmocka_unit_test(cin_plan_review_clock),
        cmocka_unit_test(case_statuses_read),
        cmocka_unit_test(open_risks_read),
        cmocka_unit_test(tables_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
