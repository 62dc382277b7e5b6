/*
 * The descriptions of the risk records (risk.h) and their own rules: a missing episode
 * ends on or after it starts, a return home interview is offered once the child is back
 * and held only when offered and accepted; an exploitation risk names each kind once and,
 * while open, the day it is reviewed, on or after the day it was identified; a private
 * fostering decision has its day, and the visit, decision and end follow the start.
 */
#include "domain/risk.h"

#include <stddef.h>
#include <string.h>

/* A day field that may be ahead of today (a review planned). */
#define REC_PLAN_DAY(S, m, lab, exp, fl)                                                           \
    {                                                                                              \
        .name = #m, .label = (lab), .expect = (exp), .type = FIELD_DATE, .flags = (fl),            \
        .offset = offsetof(struct S, m)                                                            \
    }

/* ---- missing or away from home ---- */

static const struct field missing_episode_fields[] = {
    REC_DAY(missing_episode, start_date, "day the child went missing",
            "the first day the child was missing or away, not after today", FIELD_REQUIRED),
    REC_CODE(missing_episode, kind, "missing or away", CS_903_MISSING, FIELD_REQUIRED, NULL),
    REC_YES_NO(missing_episode, reported_to_police, "reported to the police"),
    REC_DAY(missing_episode, end_date, "day the child came back",
            "the day the child returned, on or after the start and not after today", 0),
    REC_DAY(missing_episode, rhi_offered_date, "day a return home interview was offered",
            "a day on or after the return, within 72 hours of it", 0),
    REC_YES_NO(missing_episode, rhi_accepted, "return home interview accepted"),
    REC_DAY_WITH(missing_episode, rhi_date, "day of the return home interview",
                 "a day on or after the offer, not after today", 0, "rhi_accepted=yes"),
    REC_LINE_WITH(missing_episode, rhi_by, "who held the interview",
                  "a name and role, independent of the child's placement; at most 200 characters",
                  0, 200, "rhi_accepted=yes"),
    {0},
};

static void missing_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct missing_episode *m = rec;
    const struct field *t = missing_episode_fields;
    const struct field *end = field_find(t, "end_date"),
                       *offered = field_find(t, "rhi_offered_date"),
                       *accepted = field_find(t, "rhi_accepted"), *held = field_find(t, "rhi_date");
    field_date_before(errs, end, m->end_date, m->start_date, "the start of the episode", false);
    if (m->rhi_offered_date != DATE_NONE && m->end_date == DATE_NONE)
        field_fail(errs, end, -1, NULL, "is missing",
                   "the day the child came back: an interview is offered on the return");
    field_date_before(errs, offered, m->rhi_offered_date, m->end_date, "the child came back",
                      false);
    if (m->rhi_accepted && m->rhi_offered_date == DATE_NONE)
        field_fail(errs, offered, -1, NULL, "is missing",
                   "the day the interview was offered: only an offer is accepted");
    if (m->rhi_date != DATE_NONE && !m->rhi_accepted)
        field_fail(errs, accepted, -1, "no", "is given though the interview took place",
                   "yes: an interview is held when the child accepts it");
    field_date_before(errs, held, m->rhi_date, m->rhi_offered_date, "the offer", false);
}

const struct rec_type missing_episode_type =
    REC_CHILD_TYPE(missing_episode, "missing or away episode", "missing or away episodes",
                   "start_date", "kind", missing_check);

/* ---- exploitation risk ---- */

static const struct field exploitation_risk_fields[] = {
    REC_DAY(exploitation_risk, identified_date, "day the risk was identified",
            "the day the risk was identified, not after today", FIELD_REQUIRED),
    {.name = "kinds",
     .label = "kinds of exploitation",
     .expect = "codes such as cse, cce, county-lines, trafficking, separated by commas",
     .hint = "Every kind the child is at risk of",
     .type = FIELD_CODE_LIST,
     .flags = FIELD_CODED | FIELD_REQUIRED,
     .codeset = CS_EXPLOITATION,
     .size = sizeof(((struct exploitation_risk *)0)->kinds[0]),
     .count_offset = offsetof(struct exploitation_risk, nkinds),
     .max_count = EXPLOITATION_KINDS_MAX,
     .offset = offsetof(struct exploitation_risk, kinds)},
    REC_CODE(exploitation_risk, risk_level, "level of risk", CS_RISK_LEVEL, FIELD_REQUIRED, NULL),
    REC_PLAN_DAY(exploitation_risk, review_date, "day of the next review",
                 "the day the risk is next reviewed, on or after it was identified", 0),
    REC_DAY(exploitation_risk, nrm_date, "day of the National Referral Mechanism referral",
            "a day on or after the risk was identified, not after today", 0),
    REC_DAY(exploitation_risk, closed_date, "day the risk was closed",
            "a day on or after the risk was identified, not after today", 0),
    REC_LINE(exploitation_risk, summary, "what is known",
             "the concern and what is being done, at most 20,000 characters", FIELD_MULTILINE,
             20000),
    {0},
};

static void exploitation_check(const void *rec, const struct field_ctx *ctx,
                               struct field_errors *errs)
{
    (void)ctx;
    const struct exploitation_risk *x = rec;
    const struct field *t = exploitation_risk_fields;
    const struct field *kinds = field_find(t, "kinds"), *review = field_find(t, "review_date");
    for (int i = 0; i < x->nkinds; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(x->kinds[i], x->kinds[j]))
                field_fail(errs, kinds, i, x->kinds[i], "is given twice", "each kind once");
    if (x->closed_date == DATE_NONE && x->review_date == DATE_NONE)
        field_fail(errs, review, -1, NULL, "is missing",
                   "the day an open risk is next reviewed, or the day it was closed");
    field_date_before(errs, review, x->review_date, x->identified_date, "the risk was identified",
                      false);
    field_date_before(errs, field_find(t, "nrm_date"), x->nrm_date, x->identified_date,
                      "the risk was identified", false);
    field_date_before(errs, field_find(t, "closed_date"), x->closed_date, x->identified_date,
                      "the risk was identified", false);
}

const struct rec_type exploitation_risk_type =
    REC_CHILD_TYPE(exploitation_risk, "exploitation risk", "exploitation risks", "identified_date",
                   "risk_level", exploitation_check);

/* ---- private fostering ---- */

static const struct field private_fostering_fields[] = {
    REC_DAY(private_fostering, notified_date, "day the council was told",
            "the day the council was notified of the arrangement, not after today", FIELD_REQUIRED),
    REC_DAY(private_fostering, start_date, "day the arrangement started",
            "the day the child went to live with the carer, not after today", FIELD_REQUIRED),
    REC_LINE(private_fostering, carer, "private foster carer",
             "the carer's name and how they know the child, at most 200 characters", FIELD_REQUIRED,
             200),
    REC_DAY(private_fostering, visit_date, "day of the first visit",
            "a day on or after the council was told, not after today", 0),
    REC_CODE(private_fostering, decision, "decision on the arrangement", CS_PF_DECISION, 0, NULL),
    REC_DAY(private_fostering, decision_date, "day of the decision",
            "a day on or after the council was told, not after today", 0),
    REC_DAY(private_fostering, end_date, "day the arrangement ended",
            "a day on or after it started, not after today", 0),
    {0},
};

static void pf_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct private_fostering *p = rec;
    const struct field *t = private_fostering_fields;
    const struct field *decision = field_find(t, "decision"), *day = field_find(t, "decision_date");
    field_date_before(errs, field_find(t, "visit_date"), p->visit_date, p->notified_date,
                      "the council was told", false);
    field_date_before(errs, day, p->decision_date, p->notified_date, "the council was told", false);
    field_date_before(errs, field_find(t, "end_date"), p->end_date, p->start_date,
                      "the arrangement started", false);
    if (p->decision[0] && p->decision_date == DATE_NONE)
        field_fail(errs, day, -1, NULL, "is missing", "the day the decision was made");
    if (!p->decision[0] && p->decision_date != DATE_NONE)
        field_fail(errs, decision, -1, NULL, "is missing",
                   "the decision made that day, or no day until there is one");
}

const struct rec_type private_fostering_type =
    REC_CHILD_TYPE(private_fostering, "private fostering arrangement",
                   "private fostering arrangements", "notified_date", "carer", pf_check);
