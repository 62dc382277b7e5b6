/*
 * The descriptions of the pre-proceedings and FGDM records (proceedings.h) and their own
 * rules: an answer to an offer has its day, not before the offer; a pre-proceedings
 * decision has its outcome and day, not before the start. The rules that need the child's
 * other records (the letter states an offer that was made, no application to court
 * without an offer or an exemption) are casework/proceedings.c's.
 */
#include "domain/proceedings.h"

#include <stddef.h>
#include <string.h>

#define PEOPLE_LINES                                                                               \
    "one line for each person: name and relationship or role; at most 4,000 characters"

/* ---- FGDM offer ---- */

static const struct field fgdm_offer_fields[] = {
    REC_DAY(fgdm_offer, offer_date, "day of the offer",
            "the day the family group decision-making meeting was offered, not after today",
            FIELD_REQUIRED),
    REC_LINE(fgdm_offer, offered_to, "offered to", "the person's name, at most 200 characters",
             FIELD_REQUIRED, 200),
    {.name = "relative",
     .label = "the relative offered",
     .expect = "one of the child's relatives, by their public id",
     .hint = "Choose them when they are recorded among the child's relatives: an application "
             "to court needs an offer to each one with parental responsibility",
     .type = FIELD_CHARS,
     .flags = FIELD_RELATIVE,
     .size = sizeof(((struct fgdm_offer *)0)->relative),
     .offset = offsetof(struct fgdm_offer, relative)},
    REC_CODE(fgdm_offer, relationship, "their relationship to the child", CS_RELATIONSHIP,
             FIELD_REQUIRED, NULL),
    REC_YES_NO(fgdm_offer, parental_responsibility, "has parental responsibility"),
    REC_YES_NO(fgdm_offer, facilitated, "a facilitated meeting was offered"),
    REC_CODE(fgdm_offer, response, "their answer", CS_FGDM_RESPONSE, 0, NULL),
    REC_DAY(fgdm_offer, response_date, "day of the answer",
            "the day they answered, on or after the offer and not after today", 0),
    {0},
};

static void fgdm_offer_check(const void *rec, const struct field_ctx *ctx,
                             struct field_errors *errs)
{
    (void)ctx;
    const struct fgdm_offer *o = rec;
    const struct field *t = fgdm_offer_fields;
    const struct field *resp = field_find(t, "response"), *day = field_find(t, "response_date");
    /* "No response" is known only when it was chased: it has its day like an answer. */
    if (o->response[0] && o->response_date == DATE_NONE)
        field_fail(errs, day, -1, NULL, "is missing", "the day of the answer");
    if (!o->response[0] && o->response_date != DATE_NONE)
        field_fail(errs, resp, -1, NULL, "is missing",
                   "the answer given that day, or no day until there is one");
    field_date_before(errs, day, o->response_date, o->offer_date, "the offer", false);
}

const struct rec_type fgdm_offer_type = REC_CHILD_TYPE(
    fgdm_offer, "family group decision-making offer", "family group decision-making offers",
    "offer_date", "offered_to", fgdm_offer_check);

/* ---- FGDM meeting ---- */

static const struct field fgdm_meeting_fields[] = {
    REC_DAY(fgdm_meeting, meeting_date, "day of the meeting",
            "the day the family group met, not after today", FIELD_REQUIRED),
    REC_LINE(fgdm_meeting, coordinator, "coordinator", "a name and role, at most 200 characters", 0,
             200),
    REC_LINE(fgdm_meeting, attendees, "who came (the family network)", PEOPLE_LINES,
             FIELD_REQUIRED | FIELD_MULTILINE, 4000),
    REC_LINE(fgdm_meeting, family_proposal, "the family's proposal",
             "the family's plan in their words, at most 20,000 characters", FIELD_MULTILINE, 20000),
    REC_LINE(fgdm_meeting, council_response, "the council's response",
             "whether the plan is agreed and why, at most 20,000 characters", FIELD_MULTILINE,
             20000),
    {0},
};

const struct rec_type fgdm_meeting_type =
    REC_CHILD_TYPE(fgdm_meeting, "family group decision-making meeting",
                   "family group decision-making meetings", "meeting_date", "coordinator", NULL);

/* ---- FGDM exemption ---- */

static const struct field fgdm_exemption_fields[] = {
    REC_DAY(fgdm_exemption, decided_date, "day of the decision",
            "the day the council decided, not after today", FIELD_REQUIRED),
    REC_LINE(fgdm_exemption, decided_by, "who decided", "a name and role, at most 200 characters",
             FIELD_REQUIRED, 200),
    {.name = "exemption_reason",
     .label = "why an offer is not in the child's best interests",
     .expect = "the reason, at most 20,000 characters",
     .hint = "Children Act 1989 s.31ZA: the council need not offer a meeting when an offer or a "
             "meeting is not in the child's best interests",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED | FIELD_MULTILINE,
     .max_len = 20000,
     .offset = offsetof(struct fgdm_exemption, exemption_reason)},
    {0},
};

const struct rec_type fgdm_exemption_type =
    REC_CHILD_TYPE(fgdm_exemption, "FGDM exemption (not in the child's best interests)",
                   "FGDM exemptions", "decided_date", "decided_by", NULL);

/* ---- pre-proceedings ---- */

static const struct field pre_proceedings_fields[] = {
    REC_DAY(pre_proceedings, start_date, "start of pre-proceedings",
            "the day pre-proceedings started, not after today", FIELD_REQUIRED),
    REC_DAY(pre_proceedings, decision_date, "day of the decision",
            "the day the council decided the outcome, on or after the start", 0),
    REC_CODE(pre_proceedings, outcome, "outcome", CS_PP_OUTCOME, 0, NULL),
    {0},
};

static void pre_proceedings_check(const void *rec, const struct field_ctx *ctx,
                                  struct field_errors *errs)
{
    (void)ctx;
    const struct pre_proceedings *p = rec;
    const struct field *t = pre_proceedings_fields;
    const struct field *day = field_find(t, "decision_date"), *out = field_find(t, "outcome");
    field_date_before(errs, day, p->decision_date, p->start_date, "the start of pre-proceedings",
                      false);
    if (p->outcome[0] && p->decision_date == DATE_NONE)
        field_fail(errs, day, -1, NULL, "is missing", "the day the outcome was decided");
    if (!p->outcome[0] && p->decision_date != DATE_NONE)
        field_fail(errs, out, -1, NULL, "is missing",
                   "the outcome decided that day, or no day until there is one");
}

const struct rec_type pre_proceedings_type =
    REC_CHILD_TYPE(pre_proceedings, "pre-proceedings", "pre-proceedings", "start_date", "outcome",
                   pre_proceedings_check);

/* ---- letters ---- */

static const struct field letter_before_proceedings_fields[] = {
    REC_DAY(letter_before_proceedings, letter_date, "day the letter was sent",
            "the day the letter was sent, not after today", FIELD_REQUIRED),
    REC_CODE(letter_before_proceedings, kind, "which letter", CS_PP_LETTER, FIELD_REQUIRED, NULL),
    REC_YES_NO(letter_before_proceedings, states_fgdm_offer,
               "the letter states the offer of a family group decision-making meeting"),
    REC_LINE(letter_before_proceedings, sent_to, "sent to",
             "the names of the people it was sent to, at most 400 characters", 0, 400),
    {0},
};

const struct rec_type letter_before_proceedings_type =
    REC_CHILD_TYPE(letter_before_proceedings, "pre-proceedings letter", "pre-proceedings letters",
                   "letter_date", "kind", NULL);

/* ---- pre-proceedings meetings ---- */

static const struct field pp_meeting_fields[] = {
    REC_DAY(pp_meeting, meeting_date, "day of the meeting",
            "the day of the meeting, not after today", FIELD_REQUIRED),
    REC_CODE(pp_meeting, kind, "initial or review", CS_PP_MEETING_KIND, FIELD_REQUIRED, NULL),
    REC_LINE(pp_meeting, attendees, "who came", PEOPLE_LINES, FIELD_MULTILINE, 4000),
    {0},
};

const struct rec_type pp_meeting_type =
    REC_CHILD_TYPE(pp_meeting, "pre-proceedings meeting", "pre-proceedings meetings",
                   "meeting_date", "kind", NULL);

/* ---- application to court ---- */

static const struct field care_application_fields[] = {
    REC_DAY(care_application, application_date, "day of the application",
            "the day the application was made to the court, not after today", FIELD_REQUIRED),
    REC_CODE(care_application, order_sought, "order applied for", CS_COURT_ORDER, FIELD_REQUIRED,
             NULL),
    REC_LINE(care_application, court, "court", "the court's name, at most 200 characters", 0, 200),
    {0},
};

const struct rec_type care_application_type = REC_CHILD_TYPE(
    care_application, "application for a care or supervision order",
    "applications for care or supervision orders", "application_date", "order_sought", NULL);
