/*
 * The descriptions of the child-in-need records (help.h) and their own rules. Five CIN
 * census rules hold for every record in any year, and are judged by the same functions the
 * census's rule engine calls (domain/cin_order.h): a closure before its referral (8630), a
 * reason for closure with no closure day (8810), an authorisation before the assessment's
 * start (8608), factors before the assessment is completed (8614) and a plan ending before
 * it starts (4011). The rest here is kith's own order of work, which no census rule says:
 * an assessment's child seen or completion before its start, an authorisation before its
 * completion, at least one factor once completed (21 when none were found), no factor twice
 * while the census cannot yet see them, a child seen alone only when seen. The census's
 * other rules on these records (a closure day's reason, 8805; a primary need, 8610; on an
 * authorised assessment no factor twice, 8898, and 21 alone, 8869) are stated once, in
 * the rule engine, and refused as a record is saved (casework/cin_live.c). Codes are
 * judged in the collection year of the record's own date (field.h's year_from): source 5D
 * and closure RC9 from 2022/23, factor 24A from 2021/22.
 */
#include "domain/help.h"

#include <stddef.h>
#include <string.h>

#include "domain/cin_order.h"

/* ---- referral ---- */

static const struct field referral_fields[] = {
    REC_DAY(referral, referral_date, "date of the referral",
            "the day the referral was received, not after today", FIELD_REQUIRED),
    REC_CODE(referral, source, "source of the referral", CS_CIN_REFERRAL_SOURCE, FIELD_REQUIRED,
             "referral_date"),
    REC_CODE(referral, primary_need, "primary need", CS_CIN_PRIMARY_NEED, 0, "referral_date"),
    REC_YES_NO(referral, nfa, "no further action"),
    REC_DAY(referral, closure_date, "date the episode closed",
            "the day the episode closed, on or after the referral and not after today", 0),
    REC_CODE(referral, closure_reason, "reason for closure", CS_CIN_CLOSURE_REASON, 0,
             "closure_date"),
    REC_LINK(referral, stepped_up_from, "family help episode it stepped up from", "family_help"),
    REC_LINK(referral, stepped_down_to, "family help episode it stepped down to", "family_help"),
    {0},
};

const struct field step_down_fields[] = {
    {.name = "cin_closure_date",
     .label = "date the CIN episode closed",
     .expect = "the day the CIN episode closed, on or after the referral and not after today",
     .type = FIELD_DATE,
     .flags = FIELD_PAST | FIELD_REQUIRED,
     .offset = offsetof(struct step_down, closure_date)},
    {.name = "cin_closure_reason",
     .label = "reason the CIN episode closed",
     .type = FIELD_CHARS,
     .flags = FIELD_CODED | FIELD_REQUIRED,
     .codeset = CS_CIN_CLOSURE_REASON,
     .year_from = "cin_closure_date",
     .size = sizeof(((struct step_down *)0)->closure_reason),
     .offset = offsetof(struct step_down, closure_reason)},
    {0},
};

/* 8630 and 8810 for any year (cin_order.h): the census says them only for the years it
 * has rules for, and sees a reason only beside a closure in its year (cin_project.c), so
 * its 8810 never meets a live one. A closure day with no reason (8805) and the primary
 * need of a referral that goes further (8610) are the census's rules alone: cw_cin_on_save
 * refuses them as the record is saved, naming the field. */
static void referral_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct referral *r = rec;
    const struct field *closure = field_find(referral_fields, "closure_date");
    if (cin_closed_before_referral(r->referral_date, r->closure_date))
        field_date_order_fail(errs, closure, r->closure_date, r->referral_date, "the referral",
                              false);
    if (cin_reason_without_closure(r->closure_reason[0] != 0, r->closure_date))
        field_fail(errs, closure, -1, NULL, "is missing",
                   "the day the episode closed, or no reason until it has (CIN rule 8810)");
}

const struct rec_type referral_type = {
    .name = "referral",
    .label = "referral",
    .plural = "referrals",
    .table = "referral",
    .parent = "child",
    .size = sizeof(struct referral),
    .head = offsetof(struct referral, h),
    .fields = referral_fields,
    .order = "referral_date",
    .title = "source",
    .check = referral_check,
};

/* ---- assessment ---- */

static const struct field assessment_fields[] = {
    REC_DAY(assessment, start_date, "start of the assessment",
            "the day the assessment started, not after today", FIELD_REQUIRED),
    REC_DAY(assessment, child_seen_date, "date the child was seen",
            "the day the child was seen, on or after the start and not after today", 0),
    REC_DAY(assessment, completed_date, "date the assessment was completed",
            "the day the social worker completed it, on or after the start", 0),
    {.name = "factors",
     .label = "factors identified",
     .expect = "assessment factor codes such as 1B or 16A, separated by commas",
     .hint = "The CIN census factors; 21 alone when none were identified",
     .type = FIELD_CODE_LIST,
     .flags = FIELD_CODED,
     .codeset = CS_CIN_ASSESSMENT_FACTOR,
     .year_from = "completed_date",
     .size = sizeof(((struct assessment *)0)->factors[0]),
     .count_offset = offsetof(struct assessment, nfactors),
     .max_count = ASSESSMENT_FACTORS_MAX,
     .offset = offsetof(struct assessment, factors)},
    REC_DAY(assessment, authorised_date, "date a manager authorised it",
            "the day a team manager authorised the completed assessment", 0),
    REC_LINE(assessment, authorised_by, "team manager who authorised it",
             "the team manager's name, at most 200 characters", 0, 200),
    {0},
};

/* The census sees an assessment's factors only once a manager has authorised it
 * (cin_project.c): from then on a factor given twice (8898) or 21 beside others (8869) is
 * the rule engine's to refuse, as the record is saved; before, the census cannot see them,
 * so kith says it here. Factors come with completion (8614, cin_order.h: the census's
 * completion is the authorisation, the form's the social worker's completion), and the
 * rest is kith's own order of work: a completed assessment says what it found (8897Q is
 * only a query). */
static void factors_check(const struct assessment *a, struct field_errors *errs)
{
    const struct field *f = field_find(assessment_fields, "factors");
    for (int i = 0; a->authorised_date == DATE_NONE && i < a->nfactors; i++) {
        for (int j = 0; j < i; j++)
            if (!strcmp(a->factors[i], a->factors[j]))
                field_fail(errs, f, i, a->factors[i], "is given twice", "each factor once");
        if (!strcmp(a->factors[i], "21") && a->nfactors > 1)
            field_fail(errs, f, i, a->factors[i], "is given with other factors",
                       "21 (no factors identified) on its own");
    }
    if (cin_factors_before_completion(a->nfactors > 0, a->completed_date))
        field_fail(errs, f, -1, NULL, "are given before the assessment is completed",
                   "factors once the assessment has a completion date (CIN rule 8614)");
    if (!a->nfactors && a->completed_date != DATE_NONE)
        field_fail(errs, f, -1, NULL, "are missing",
                   "the factors the completed assessment identified, or 21 when none were");
}

static void assessment_check(const void *rec, const struct field_ctx *ctx,
                             struct field_errors *errs)
{
    (void)ctx;
    const struct assessment *a = rec;
    const struct field *t = assessment_fields;
    field_date_before(errs, field_find(t, "child_seen_date"), a->child_seen_date, a->start_date,
                      "the start of the assessment", false);
    field_date_before(errs, field_find(t, "completed_date"), a->completed_date, a->start_date,
                      "the start of the assessment", false);
    const struct field *auth = field_find(t, "authorised_date"),
                       *by = field_find(t, "authorised_by");
    if (cin_authorised_before_start(a->start_date, a->authorised_date))
        field_date_order_fail(errs, auth, a->authorised_date, a->start_date,
                              "the start of the assessment", false);
    else
        field_date_before(errs, auth, a->authorised_date, a->completed_date,
                          "the completion of the assessment", false);
    if (a->authorised_date != DATE_NONE && a->completed_date == DATE_NONE)
        field_fail(errs, field_find(t, "completed_date"), -1, NULL, "is missing",
                   "the day it was completed: only a completed assessment is authorised");
    bool named = a->authorised_by && a->authorised_by[strspn(a->authorised_by, " ")];
    if (a->authorised_date != DATE_NONE && !named)
        field_fail(errs, by, -1, NULL, "is missing", "the team manager who authorised it");
    if (a->authorised_date == DATE_NONE && named)
        field_fail(errs, auth, -1, NULL, "is missing",
                   "the day the team manager authorised it, or no name until then");
    factors_check(a, errs);
}

const struct rec_type assessment_type = {
    .name = "assessment",
    .label = "assessment",
    .plural = "assessments",
    .table = "assessment",
    .parent = "child",
    .size = sizeof(struct assessment),
    .head = offsetof(struct assessment, h),
    .fields = assessment_fields,
    .order = "start_date",
    .title = "authorised_by",
    .check = assessment_check,
};

/* ---- CIN plan ---- */

static const struct field cin_plan_fields[] = {
    REC_DAY(cin_plan, start_date, "start of the plan", "the day the plan started, not after today",
            FIELD_REQUIRED),
    REC_DAY(cin_plan, end_date, "end of the plan",
            "the day the plan ended, on or after its start and not after today", 0),
    {0},
};

static void cin_plan_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct cin_plan *p = rec;
    if (cin_plan_ends_before_start(p->start_date, p->end_date))
        field_date_order_fail(errs, &cin_plan_fields[1], p->end_date, p->start_date,
                              "the start of the plan", false);
}

const struct rec_type cin_plan_type = {
    .name = "cin_plan",
    .label = "child in need plan",
    .plural = "child in need plans",
    .table = "cin_plan",
    .parent = "child",
    .size = sizeof(struct cin_plan),
    .head = offsetof(struct cin_plan, h),
    .fields = cin_plan_fields,
    .order = "start_date",
    .title = "start_date",
    .check = cin_plan_check,
};

/* ---- CIN plan review ---- */

static const struct field cin_plan_review_fields[] = {
    REC_DAY(cin_plan_review, review_date, "date of the review",
            "the day the plan was reviewed, while the plan was in force and not after today",
            FIELD_REQUIRED),
    REC_YES_NO(cin_plan_review, child_seen, "child seen"),
    REC_CODE(cin_plan_review, outcome, "what the review decided", CS_CIN_REVIEW_OUTCOME,
             FIELD_REQUIRED, NULL),
    REC_LINE(cin_plan_review, notes, "notes of the review",
             "what was reviewed and agreed, at most 4,000 characters", FIELD_MULTILINE, 4000),
    {0},
};

static const char *const cin_plan_review_summary[] = {"outcome", "child_seen", NULL};

const struct rec_type cin_plan_review_type = {
    .name = "cin_plan_review",
    .label = "child in need plan review",
    .plural = "child in need plan reviews",
    .table = "cin_plan_review",
    .parent = "child",
    .size = sizeof(struct cin_plan_review),
    .head = offsetof(struct cin_plan_review, h),
    .fields = cin_plan_review_fields,
    .order = "review_date",
    .title = "outcome",
    .summary = cin_plan_review_summary,
};

/* ---- visit ---- */

static const struct field visit_fields[] = {
    REC_DAY(visit, visit_date, "date of the visit", "the day of the visit, not after today",
            FIELD_REQUIRED),
    REC_CODE(visit, purpose, "what the visit was for", CS_VISIT_PURPOSE, FIELD_REQUIRED, NULL),
    REC_CODE(visit, place, "where the child was visited", CS_VISIT_PLACE, FIELD_REQUIRED, NULL),
    REC_YES_NO(visit, child_seen, "child seen"),
    REC_YES_NO(visit, seen_alone, "child seen alone"),
    REC_LINE(visit, by_whom, "who visited", "a name and role, at most 200 characters",
             FIELD_REQUIRED, 200),
    {0},
};

static void visit_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct visit *v = rec;
    if (v->seen_alone && !v->child_seen)
        field_fail(errs, field_find(visit_fields, "seen_alone"), -1, "yes",
                   "is given though the child was not seen", "no, or say that the child was seen");
}

const struct rec_type visit_type = {
    .name = "visit",
    .label = "visit",
    .plural = "visits",
    .table = "visit",
    .parent = "child",
    .size = sizeof(struct visit),
    .head = offsetof(struct visit, h),
    .fields = visit_fields,
    .order = "visit_date",
    .title = "by_whom",
    .check = visit_check,
};
