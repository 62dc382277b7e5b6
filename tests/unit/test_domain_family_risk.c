/* The own rules of family help, the risk records and the pre-proceedings records
 * (domain/family_help.c, risk.c, proceedings.c), one table as in
 * test_domain_help_protection.c: each case gives a record as typed and the field refused,
 * or that it passes. The edges are the same day as what a date follows and the day before
 * it. Then the return home interview clock (72 hours as 3 days) on its edges. */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "domain/family_help.h"
#include "domain/proceedings.h"
#include "domain/risk.h"
#include "domain/timescale.h"
#include "rec_fill.h"

#define FH                                                                                         \
    "start_date=2026-10-01", "lead_practitioner=A Patel, family support",                          \
        "lead_profession=family-support"
#define SIGNED "signoff_by=B Okafor", "signoff_registration=SW123456", "signoff_date=2026-10-01"
#define MISSING "start_date=2026-11-02", "kind=M"
#define RISK "identified_date=2026-11-02", "kinds=cce,county-lines", "risk_level=high"
#define PF "notified_date=2026-11-02", "start_date=2026-10-20", "carer=C Jones, family friend"

static const struct rec_rule_case cases[] = {
    /* family help: a child in need led by another profession needs a social worker's
     * sign-off, named, numbered and dated, not before the start */
    {"family_help", {FH}, NULL, NULL},
    {"family_help", {FH, "child_in_need=yes", SIGNED}, NULL, NULL},
    {"family_help", {FH, "child_in_need=yes"}, "signoff_by", "qualified social worker"},
    {"family_help", {FH, "child_in_need=yes"}, "signoff_registration", "is missing"},
    {"family_help", {FH, "child_in_need=yes"}, "signoff_date", "is missing"},
    {"family_help",
     {"start_date=2026-10-01", "lead_practitioner=D Shah", "lead_profession=social-worker",
      "child_in_need=yes"},
     NULL,
     NULL},
    {"family_help",
     {FH, "child_in_need=yes", "signoff_by=B Okafor", "signoff_registration=123456",
      "signoff_date=2026-10-02"},
     "signoff_registration",
     "is not a Social Work England number"},
    {"family_help",
     {FH, "child_in_need=yes", "signoff_by=B Okafor", "signoff_registration=SW1234567890",
      "signoff_date=2026-10-02"},
     "signoff_registration",
     NULL},
    {"family_help",
     {FH, "child_in_need=yes", "signoff_by=B Okafor", "signoff_registration=SW1",
      "signoff_date=2026-09-30"},
     "signoff_date",
     "is before the start of the episode"},
    {"family_help", {FH, "signoff_by=B Okafor"}, "signoff_date", "is missing"},
    {"family_help",
     {"start_date=2026-10-01", "lead_profession=teacher"},
     "lead_practitioner",
     "is missing"},
    {"family_help", {FH, "lead_profession=plumber"}, "lead_profession", "is not a code we know"},
    /* the steps in order */
    {"family_help",
     {FH, "assessment_date=2026-10-01", "plan_date=2026-10-01", "review_date=2026-10-01",
      "closure_date=2026-10-01", "closure_reason=needs-met"},
     NULL,
     NULL},
    {"family_help", {FH, "assessment_date=2026-09-30"}, "assessment_date", "is before the start"},
    {"family_help",
     {FH, "assessment_date=2026-10-10", "plan_date=2026-10-09"},
     "plan_date",
     "is before the assessment"},
    {"family_help", {FH, "plan_date=2026-09-30"}, "plan_date", "is before the start"},
    {"family_help",
     {FH, "plan_date=2026-10-10", "review_date=2026-10-09"},
     "review_date",
     "is before the plan"},
    {"family_help",
     {FH, "closure_date=2026-09-30", "closure_reason=step-down"},
     "closure_date",
     "is before the start"},
    {"family_help", {FH, "closure_date=2026-10-30"}, "closure_reason", "is missing"},
    {"family_help", {FH, "closure_reason=moved-away"}, "closure_date", "is missing"},
    {"family_help",
     {FH, "closure_date=2026-10-30", "closure_reason=RC1"},
     "closure_reason",
     "is not a code we know"},
    /* missing: an interview offered once back, held only when accepted */
    {"missing_episode", {MISSING}, NULL, NULL},
    {"missing_episode",
     {MISSING, "end_date=2026-11-02", "rhi_offered_date=2026-11-02", "rhi_accepted=yes",
      "rhi_date=2026-11-02", "rhi_by=E Ade, independent"},
     NULL,
     NULL},
    {"missing_episode", {MISSING, "end_date=2026-11-01"}, "end_date", "is before the start"},
    {"missing_episode",
     {MISSING, "rhi_offered_date=2026-11-03"},
     "end_date",
     "an interview is offered on the return"},
    {"missing_episode",
     {MISSING, "end_date=2026-11-04", "rhi_offered_date=2026-11-03"},
     "rhi_offered_date",
     "is before the child came back"},
    {"missing_episode",
     {MISSING, "end_date=2026-11-04", "rhi_accepted=yes"},
     "rhi_offered_date",
     "only an offer is accepted"},
    {"missing_episode",
     {MISSING, "end_date=2026-11-04", "rhi_offered_date=2026-11-04", "rhi_date=2026-11-05"},
     "rhi_accepted",
     "is given though the interview took place"},
    {"missing_episode",
     {MISSING, "end_date=2026-11-04", "rhi_offered_date=2026-11-05", "rhi_accepted=yes",
      "rhi_date=2026-11-04"},
     "rhi_date",
     "is before the offer"},
    {"missing_episode", {"start_date=2026-11-02", "kind=X"}, "kind", "is not a code we know"},
    /* exploitation: each kind once, an open risk has a review day (ahead of today too) */
    {"exploitation_risk", {RISK, "review_date=2027-02-01"}, NULL, NULL},
    {"exploitation_risk", {RISK, "closed_date=2026-11-02"}, NULL, NULL},
    {"exploitation_risk", {RISK}, "review_date", "is missing"},
    {"exploitation_risk",
     {RISK, "review_date=2026-11-01"},
     "review_date",
     "is before the risk was identified"},
    {"exploitation_risk",
     {"identified_date=2026-11-02", "kinds=cse,cse", "risk_level=low", "review_date=2026-12-01"},
     "kinds",
     "is given twice"},
    {"exploitation_risk",
     {"identified_date=2026-11-02", "kinds=radicalisation", "risk_level=low",
      "review_date=2026-12-01"},
     "kinds",
     "is not a code we know"},
    {"exploitation_risk",
     {"identified_date=2026-11-02", "risk_level=low", "review_date=2026-12-01"},
     "kinds",
     "is missing"},
    {"exploitation_risk",
     {RISK, "review_date=2026-12-01", "nrm_date=2026-11-01"},
     "nrm_date",
     "is before the risk was identified"},
    {"exploitation_risk",
     {RISK, "closed_date=2026-11-01"},
     "closed_date",
     "is before the risk was identified"},
    {"exploitation_risk", {RISK, "closed_date=2026-12-08"}, "closed_date", "is in the future"},
    /* private fostering: visit and decision after notice, a decision with its day */
    {"private_fostering",
     {PF, "visit_date=2026-11-02", "decision=suitable", "decision_date=2026-11-02",
      "end_date=2026-10-20"},
     NULL,
     NULL},
    {"private_fostering",
     {PF, "visit_date=2026-11-01"},
     "visit_date",
     "is before the council was told"},
    {"private_fostering", {PF, "decision=suitable"}, "decision_date", "is missing"},
    {"private_fostering", {PF, "decision_date=2026-11-10"}, "decision", "is missing"},
    {"private_fostering", {PF, "end_date=2026-10-19"}, "end_date", "is before the arrangement"},
    /* FGDM offer: an answer with its day, not before the offer */
    {"fgdm_offer",
     {"offer_date=2026-11-02", "offered_to=F Brown", "relationship=mother",
      "parental_responsibility=yes", "response=accepted", "response_date=2026-11-02"},
     NULL,
     NULL},
    {"fgdm_offer",
     {"offer_date=2026-11-02", "offered_to=F Brown", "relationship=mother", "response=accepted"},
     "response_date",
     "is missing"},
    {"fgdm_offer",
     {"offer_date=2026-11-02", "offered_to=F Brown", "relationship=mother", "response=declined",
      "response_date=2026-11-01"},
     "response_date",
     "is before the offer"},
    {"fgdm_offer",
     {"offer_date=2026-11-02", "offered_to=F Brown", "relationship=mother",
      "response_date=2026-11-03"},
     "response",
     "is missing"},
    {"fgdm_offer", {"offer_date=2026-11-02", "offered_to=F Brown"}, "relationship", "is missing"},
    {"fgdm_meeting", {"meeting_date=2026-11-20"}, "attendees", "is missing"},
    {"fgdm_exemption",
     {"decided_date=2026-11-20", "decided_by=G Head of Service"},
     "exemption_reason",
     "is missing"},
    {"fgdm_exemption",
     {"decided_date=2026-11-20", "decided_by=G Head of Service",
      "exemption_reason=Risk of the family fleeing with the baby"},
     NULL,
     NULL},
    /* pre-proceedings: a decision with its outcome, not before the start */
    {"pre_proceedings",
     {"start_date=2026-09-09", "decision_date=2026-12-01", "outcome=court"},
     NULL,
     NULL},
    {"pre_proceedings", {"start_date=2026-09-09", "outcome=court"}, "decision_date", "is missing"},
    {"pre_proceedings",
     {"start_date=2026-09-09", "decision_date=2026-12-01"},
     "outcome",
     "is missing"},
    {"pre_proceedings",
     {"start_date=2026-09-09", "decision_date=2026-09-08", "outcome=step-down"},
     "decision_date",
     "is before the start of pre-proceedings"},
    {"letter_before_proceedings", {"letter_date=2026-09-20"}, "kind", "is missing"},
    {"pp_meeting", {"meeting_date=2026-09-28", "kind=first"}, "kind", "is not a code we know"},
    {"care_application",
     {"application_date=2026-12-04", "order_sought=adoption"},
     "order_sought",
     "is not a code we know"},
    {"care_application", {"application_date=2026-12-04", "order_sought=care"}, NULL, NULL},
};

static void own_rules(void **state)
{
    (void)state;
    rec_rule_cases(cases, N_ELEMS(cases), date_from_ymd(2026, 12, 7));
}

/* 72 hours from the return as 3 days: a return on a Friday is due on the Monday (no
 * working days: a weekend does not stop the clock), a return on 28 February 2028 on
 * 2 March across 29 February; an offer on the due day or after it is done (on its day),
 * none by the day after the due day is overdue. */
static void return_interview_clock(void **state)
{
    (void)state;
    static const struct {
        int back[3], due[3], offered[3];
        enum ob_status status;
    } cases2[] = {
        {{2026, 12, 4}, {2026, 12, 7}, {0}, OB_DUE},
        {{2028, 2, 28}, {2028, 3, 2}, {0}, OB_DUE},
        {{2026, 12, 24}, {2026, 12, 27}, {2026, 12, 27}, OB_DONE},
        {{2026, 12, 24}, {2026, 12, 27}, {2026, 12, 28}, OB_DONE}, /* done, a day late */
        {{2026, 12, 24}, {2026, 12, 27}, {0}, OB_OVERDUE},
    };
    for (size_t i = 0; i < N_ELEMS(cases2); i++) {
        struct missing_episode m = {
            .h = {.id = 1, .parent_id = 2},
            .start_date = date_from_ymd(cases2[i].back[0], cases2[i].back[1], 1),
            .end_date = date_from_ymd(cases2[i].back[0], cases2[i].back[1], cases2[i].back[2]),
            .rhi_offered_date = cases2[i].offered[0]
                                    ? date_from_ymd(cases2[i].offered[0], cases2[i].offered[1],
                                                    cases2[i].offered[2])
                                    : DATE_NONE,
            .rhi_date = DATE_NONE,
        };
        struct ts_records recs[] = {{&missing_episode_type, &m, 1}};
        struct ob_list out = {0};
        /* judged on the day after the due day: open clocks are overdue then, so judge on
         * the due day itself for DUE */
        kdate due = date_from_ymd(cases2[i].due[0], cases2[i].due[1], cases2[i].due[2]);
        ts_derive(timescales, recs, 1, cases2[i].status == OB_DUE ? due : due + 5, &out);
        assert_int_equal(out.n, 1);
        assert_string_equal(out.v[0].ts->rule, "return-interview");
        char got[DATE_ISO_LEN];
        if (out.v[0].due != due || out.v[0].status != cases2[i].status ||
            (m.rhi_offered_date != DATE_NONE && out.v[0].done != m.rhi_offered_date))
            fail_msg("case %zu: due %s, %s", i, date_format_iso(out.v[0].due, got),
                     ob_status_name(out.v[0].status));
        ob_list_free(&out);
    }
    /* No return yet: no clock. */
    struct missing_episode away = {.h = {.id = 1, .parent_id = 2},
                                   .start_date = date_from_ymd(2026, 12, 1),
                                   .end_date = DATE_NONE,
                                   .rhi_offered_date = DATE_NONE,
                                   .rhi_date = DATE_NONE};
    struct ts_records recs[] = {{&missing_episode_type, &away, 1}};
    struct ob_list out = {0};
    ts_derive(timescales, recs, 1, date_from_ymd(2026, 12, 20), &out);
    assert_int_equal(out.n, 0);
    ob_list_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(own_rules),
        cmocka_unit_test(return_interview_clock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
