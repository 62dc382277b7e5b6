/* The help-and-protection record types' own rules (domain/help.c, domain/protection.c),
 * one table: each case gives a record as a person types it, field by field, and says
 * which field must be refused and what the message says, or that it passes. The edges
 * are the days either side of each rule: the same day as what a date follows, a
 * collection year's first and last day for codes the DfE added. The census's own rules
 * these records once restated pass here: they are refused on save, by the rule engine
 * (tests/store/test_casework.c census_rules_once). */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "domain/help.h"
#include "domain/protection.h"
#include "rec_fill.h"

/* A referral and an assessment that pass, to vary one field at a time. */
#define REFERRAL "referral_date=2026-11-02", "source=2A", "primary_need=N1"
#define ASSESSED "start_date=2026-11-03", "completed_date=2026-11-20"
/* Lines of a strategy discussion's attendees that pass. */
#define SW_LINE "A Okafor, social worker, social-care"
#define PC_LINE "DC Brown, police officer, police"

static const struct rec_rule_case cases[] = {
    /* referral: a closure not before the referral, and no reason without it; the primary
     * need (8610) and a closure day's reason (8805) are the census's alone, refused on save
     * (tests/store/test_casework.c census_rules_once), so the description lets them by */
    {"referral", {REFERRAL}, NULL, NULL},
    {"referral", {"referral_date=2026-11-02", "source=2A", "nfa=yes"}, NULL, NULL},
    {"referral", {"referral_date=2026-11-02", "source=2A"}, NULL, NULL},
    {"referral", {REFERRAL, "closure_date=2026-11-02", "closure_reason=RC8"}, NULL, NULL},
    {"referral",
     {REFERRAL, "closure_date=2026-11-01", "closure_reason=RC8"},
     "closure_date",
     "is before the referral"},
    {"referral", {REFERRAL, "closure_date=2026-11-03"}, NULL, NULL},
    {"referral", {REFERRAL, "closure_reason=RC7"}, "closure_date", "is missing"},
    {"referral",
     {REFERRAL, "closure_date=2026-11-03", "closure_reason=RC0"},
     "closure_reason",
     "is not a code we know"},
    /* codes in the year of the record's own date: 5D and RC9 from 2022/23 */
    {"referral", {"referral_date=2022-04-01", "source=5D", "primary_need=N4"}, NULL, NULL},
    {"referral",
     {"referral_date=2022-03-31", "source=5D", "primary_need=N4"},
     "source",
     "is used only from 2022/23, not in 2021/22"},
    {"referral",
     {"referral_date=2022-01-10", "source=2A", "primary_need=N4", "closure_date=2022-03-31",
      "closure_reason=RC9"},
     "closure_reason",
     "not in 2021/22"},
    {"referral",
     {"referral_date=2022-01-10", "source=2A", "primary_need=N4", "closure_date=2022-04-01",
      "closure_reason=RC9"},
     NULL,
     NULL},
    {"referral",
     {"referral_date=2026-12-08", "source=2A", "primary_need=N1"},
     "referral_date",
     "is in the future"},
    /* assessment: dates after its start, authorisation after completion (8608), factors
     * with the worker's completion, 24A from 2021/22; none twice and 21 alone until it is
     * authorised (then the census sees the factors: its 8898 and 8869, refused on save) */
    {"assessment", {"start_date=2026-11-03"}, NULL, NULL},
    {"assessment", {ASSESSED, "factors=21"}, NULL, NULL},
    {"assessment", {ASSESSED}, "factors", "are missing"},
    {"assessment", {"start_date=2026-11-03", "factors=1B"}, "factors", "before the assessment is"},
    {"assessment", {ASSESSED, "factors=1B,21"}, "factors", "with other factors"},
    {"assessment", {ASSESSED, "factors=1B,16A,1B"}, "factors", "is given twice"},
    {"assessment",
     {ASSESSED, "factors=1B,21", "authorised_date=2026-11-21", "authorised_by=T Manager"},
     NULL,
     NULL},
    {"assessment", {ASSESSED, "factors=1b"}, "factors", "codes are written in capitals"},
    {"assessment",
     {"start_date=2026-11-03", "completed_date=2026-11-02", "factors=21"},
     "completed_date",
     "is before the start of the assessment"},
    {"assessment", {"start_date=2026-11-03", "child_seen_date=2026-11-03"}, NULL, NULL},
    {"assessment",
     {"start_date=2026-11-03", "child_seen_date=2026-11-02"},
     "child_seen_date",
     "is before the start"},
    {"assessment",
     {ASSESSED, "factors=21", "authorised_date=2026-11-20", "authorised_by=T Manager"},
     NULL,
     NULL},
    {"assessment",
     {ASSESSED, "factors=21", "authorised_date=2026-11-19", "authorised_by=T Manager"},
     "authorised_date",
     "is before the completion"},
    {"assessment",
     {ASSESSED, "factors=21", "authorised_date=2026-11-21"},
     "authorised_by",
     "is missing"},
    {"assessment",
     {ASSESSED, "factors=21", "authorised_by=T Manager"},
     "authorised_date",
     "is missing"},
    {"assessment",
     {"start_date=2026-11-03", "authorised_date=2026-11-21", "authorised_by=T Manager"},
     "completed_date",
     "only a completed assessment is authorised"},
    {"assessment",
     {"start_date=2021-03-01", "completed_date=2021-04-01", "factors=24A"},
     NULL,
     NULL},
    {"assessment",
     {"start_date=2021-03-01", "completed_date=2021-03-31", "factors=24A"},
     "factors",
     "not in 2020/21"},
    /* CIN plan: an end not before its start (4011); the same day passes (4012 is a query) */
    {"cin_plan", {"start_date=2026-11-03", "end_date=2026-11-03"}, NULL, NULL},
    {"cin_plan",
     {"start_date=2026-11-03", "end_date=2026-11-02"},
     "end_date",
     "is before the start of the plan"},
    /* visit: seen alone only when seen */
    {"visit",
     {"visit_date=2026-11-25", "purpose=cp-plan", "place=home", "child_seen=yes", "seen_alone=yes",
      "by_whom=J Smith, social worker"},
     NULL,
     NULL},
    {"visit",
     {"visit_date=2026-11-25", "purpose=cp-plan", "place=home", "seen_alone=yes",
      "by_whom=J Smith"},
     "seen_alone",
     "the child was not seen"},
    {"visit",
     {"visit_date=2026-11-25", "purpose=cp", "place=home", "by_whom=J Smith"},
     "purpose",
     "is not a code we know"},
    /* strategy discussion: social care and the police, no agency twice; who took part one
     * line each "name, role, agency" from the agencies taking part, each agency naming
     * someone (CWSA 2026 s.3's multi-agency team); the LCPP a name and role */
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police,health", "outcome=s47",
      "attendees=" SW_LINE "\n" PC_LINE "\nDr A Patel, GP, health\n",
      "lcpp=A Okafor, social worker"},
     NULL,
     NULL},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,health", "outcome=s47",
      "attendees=" SW_LINE "\nDr A Patel, GP, health"},
     "agencies",
     "'police' is not among them"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=police,health", "outcome=s47",
      "attendees=" PC_LINE "\nDr A Patel, GP, health"},
     "agencies",
     "'social-care' is not among them"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police,police", "outcome=s47",
      "attendees=" SW_LINE "\n" PC_LINE},
     "agencies",
     "is given twice"},
    /* who took part: required (an old record's blank is brought into form when corrected) */
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47"},
     "attendees",
     "is missing"},
    /* a name may hold commas (the agency is the last part); blank lines and spaces around
     * the parts are let by */
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=\n  Okafor, Amara ,  social worker , social-care \r\n\n" PC_LINE "\n\n"},
     NULL,
     NULL},
    /* a line without its three parts, named by its number */
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=" SW_LINE "\nDC Brown, police"},
     "attendees",
     "'DC Brown, police' on line 2 is not name, role, agency: expected one line for each "
     "person"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=" SW_LINE "\nDC Brown, , police"},
     "attendees",
     "on line 2 is not name, role, agency"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=, social worker, social-care\n" PC_LINE},
     "attendees",
     "on line 1 is not name, role, agency"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=" SW_LINE "\n" PC_LINE "\nDC Brown, constable,"},
     "attendees",
     "on line 3 is not name, role, agency"},
    /* the agency: a code, and one of those taking part */
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=J Smith, team manager, CSC\n" PC_LINE},
     "attendees",
     "on line 1 ends in 'CSC', not an agency code: expected the code of one of the agencies "
     "taking part at its end (social-care, police)"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=" SW_LINE "\n" PC_LINE "\nDr A Patel, GP, health"},
     "attendees",
     "on line 3 ends in 'health', not an agency taking part"},
    /* each agency taking part names someone */
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police,health", "outcome=s47",
      "attendees=" SW_LINE "\n" PC_LINE},
     "attendees",
     "names no one from 'health': expected someone from each agency taking part: a line "
     "'name, role, health'"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=" SW_LINE "\nA Okafor, team manager, social-care"},
     "attendees",
     "names no one from 'police'"},
    {"strategy_discussion",
     {"discussion_date=2026-11-05", "agencies=social-care,police", "outcome=s47",
      "attendees=" SW_LINE "\n" PC_LINE,
      "lcpp=A Okafor, social worker, and more than two "
      "hundred characters of it: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},
     "lcpp",
     NULL},
    /* s47: an end with its outcome, ICPC-not-required agreeing with it */
    {"s47_enquiry", {"start_date=2026-11-05"}, NULL, NULL},
    {"s47_enquiry",
     {"start_date=2026-11-05", "completed_date=2026-11-05", "outcome=icpc"},
     NULL,
     NULL},
    {"s47_enquiry",
     {"start_date=2026-11-05", "completed_date=2026-11-06", "outcome=nfa", "icpc_not_required=yes"},
     NULL,
     NULL},
    {"s47_enquiry",
     {"start_date=2026-11-05", "completed_date=2026-11-04", "outcome=icpc"},
     "completed_date",
     "is before the start of the enquiry"},
    {"s47_enquiry",
     {"start_date=2026-11-05", "completed_date=2026-11-06"},
     "outcome",
     "is missing"},
    {"s47_enquiry", {"start_date=2026-11-05", "outcome=icpc"}, "completed_date", "is missing"},
    {"s47_enquiry",
     {"start_date=2026-11-05", "completed_date=2026-11-06", "outcome=icpc",
      "icpc_not_required=yes"},
     "icpc_not_required",
     "contradicts the outcome"},
    {"s47_enquiry",
     {"start_date=2026-11-05", "completed_date=2026-11-06", "outcome=cin"},
     "icpc_not_required",
     "contradicts the outcome"},
    /* conference: outcomes by kind, a category exactly when a plan is in force; a weekend
     * (8875: 2026-11-21 is a Saturday) is the census's, refused on save */
    {"conference",
     {"kind=initial", "conference_date=2026-11-20", "outcome=plan", "category=NEG"},
     NULL,
     NULL},
    {"conference",
     {"kind=initial", "conference_date=2026-11-21", "outcome=plan", "category=NEG"},
     NULL,
     NULL},
    {"conference",
     {"kind=review", "conference_date=2026-11-21", "outcome=continue", "category=EMO"},
     NULL,
     NULL},
    {"conference",
     {"kind=initial", "conference_date=2026-11-20", "outcome=continue", "category=NEG"},
     "outcome",
     "is not an outcome of this kind"},
    {"conference",
     {"kind=initial", "conference_date=2026-11-20", "outcome=plan"},
     "category",
     "is missing"},
    {"conference",
     {"kind=initial", "conference_date=2026-11-20", "outcome=no-plan", "category=NEG"},
     "category",
     "no plan continues"},
    {"conference", {"kind=review", "conference_date=2026-11-20", "outcome=end-plan"}, NULL, NULL},
    /* CP plan: ends after it starts (8925), not the same day (8840) */
    {"cp_plan",
     {"start_date=2026-11-20", "end_date=2026-11-21", "initial_category=NEG",
      "latest_category=MUL"},
     NULL,
     NULL},
    {"cp_plan",
     {"start_date=2026-11-20", "end_date=2026-11-20", "initial_category=NEG",
      "latest_category=NEG"},
     "end_date",
     "is the same day as the start of the plan"},
    {"cp_plan",
     {"start_date=2026-11-20", "end_date=2026-11-19", "initial_category=NEG",
      "latest_category=NEG"},
     "end_date",
     "is before the start of the plan"},
    {"cp_plan", {"start_date=2026-11-20", "initial_category=NEG"}, "latest_category", "is missing"},
    {"core_group", {"meeting_date=2026-11-27"}, NULL, NULL},
    {"core_group", {"attendees=Someone"}, "meeting_date", "is missing"},
};

static void own_rules(void **state)
{
    (void)state;
    rec_rule_cases(cases, N_ELEMS(cases), date_from_ymd(2026, 12, 7));
}

/* Every kith code set the types name is listed by `kith codes` and has what it needs. */
static void own_code_sets(void **state)
{
    (void)state;
    static const char *const sets[] = {"visit-purpose",     "visit-place", "agency",
                                       "strategy-outcome",  "s47-outcome", "conference-kind",
                                       "conference-outcome"};
    for (size_t i = 0; i < N_ELEMS(sets); i++) {
        const struct codeset *s = codeset_find(sets[i]);
        assert_non_null(s);
        assert_true(s->n > 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(own_rules),
        cmocka_unit_test(own_code_sets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
