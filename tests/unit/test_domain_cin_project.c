/* The projection of a child's records into the CIN census tables (domain/cin_project.c).
 *
 * Two tables. `items`: every data item of the CIN census of 2025/26 and 2026/27, as the
 * DfE's schema names it (../shared/reference/statutory-data.md 1.2, and law-2026.md for
 * the 2026/27 module): each must have a source in cin_item_sources[], a record field that
 * exists in its description, a derivation, or a gap with its reason; and every column of
 * the rule engine's CIN tables must be one of them. `cases`: records as a person types
 * them, the year, and what the projected return must hold (a cell's text, a table's row
 * count, or a rule's finding on a record). */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/cin_project.h"
#include "domain/person.h"
#include "rec_fill.h"

/* ---- every data item has a source ---- */

static const struct {
    const char *module, *item;
} items[] = {
    {"Header", "Collection"},
    {"Header", "Year"},
    {"Header", "ReferenceDate"},
    {"Header", "SourceLevel"},
    {"Header", "LEA"},
    {"Header", "SoftwareCode"},
    {"Header", "Release"},
    {"Header", "SerialNo"},
    {"Header", "DateTime"},
    {"ChildIdentifiers", "LAchildID"},
    {"ChildIdentifiers", "UPN"},
    {"ChildIdentifiers", "FormerUPN"},
    {"ChildIdentifiers", "UPNunknown"},
    {"ChildIdentifiers", "PersonBirthDate"},
    {"ChildIdentifiers", "ExpectedPersonBirthDate"},
    {"ChildIdentifiers", "Sex"},
    {"ChildIdentifiers", "PersonDeathDate"},
    {"ChildCharacteristics", "Ethnicity"},
    {"Disabilities", "Disability"},
    {"CINdetails", "CINreferralDate"},
    {"CINdetails", "ReferralSource"},
    {"CINdetails", "PrimaryNeedCode"},
    {"CINdetails", "CINclosureDate"},
    {"CINdetails", "ReasonForClosure"},
    {"CINdetails", "DateOfInitialCPC"},
    {"CINdetails", "ReferralNFA"},
    {"Assessments", "AssessmentActualStartDate"},
    {"Assessments", "AssessmentInternalReviewDate"},
    {"Assessments", "AssessmentAuthorisationDate"},
    {"AssessmentFactorsList", "AssessmentFactors"},
    {"CINplanDates", "CINPlanStartDate"},
    {"CINplanDates", "CINPlanEndDate"},
    {"Section47", "S47ActualStartDate"},
    {"Section47", "InitialCPCtarget"},
    {"Section47", "DateOfInitialCPC"},
    {"Section47", "ICPCnotRequired"},
    {"ChildProtectionPlans", "CPPstartDate"},
    {"ChildProtectionPlans", "CPPendDate"},
    {"ChildProtectionPlans", "InitialCategoryOfAbuse"},
    {"ChildProtectionPlans", "LatestCategoryOfAbuse"},
    {"ChildProtectionPlans", "NumberOfPreviousCPP"},
    {"Reviews", "CPPreviewDate"},
    /* 2026/27 */
    {"PreProceedingsandFGDM", "PPStartDate"},
    {"PreProceedingsandFGDM", "LBPSentDate"},
    {"PreProceedingsandFGDM", "FGDMMeetingOffer"},
    {"PreProceedingsandFGDM", "FGDMMeetingFac"},
    {"PreProceedingsandFGDM", "InitialPPMeetingDate"},
    {"PreProceedingsandFGDM", "ReviewMeetingsCount"},
    {"PreProceedingsandFGDM", "StepDecisionDate"},
    {"PreProceedingsandFGDM", "PPOutcome"},
    {"PreProceedingsandFGDM", "CourtAppDate"},
    {"PreProceedingsandFGDM", "LetterInitCPDate"},
};

static const struct cin_item_source *source_of(const char *module, const char *item)
{
    for (const struct cin_item_source *s = cin_item_sources; s->item; s++)
        if (!strcmp(s->item, item) && !strcmp(s->module, module))
            return s;
    return NULL;
}

static void every_item_has_a_source(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(items); i++) {
        const struct cin_item_source *s = source_of(items[i].module, items[i].item);
        if (!s) {
            fail_msg("%s %s has no source in cin_item_sources", items[i].module, items[i].item);
            return;
        }
        switch (s->how) {
        case CIN_FROM_FIELD:
            if (!strcmp(s->type, "person")) {
                if (!field_find(person_fields, s->field))
                    fail_msg("%s: the person has no field %s", s->item, s->field);
            } else {
                const struct rec_type *t = rec_type_named(s->type);
                if (!t || rec_field_index(t, s->field) < 0)
                    fail_msg("%s: %s.%s is not a described field", s->item, s->type, s->field);
            }
            break;
        case CIN_FROM_DERIVED:
            if (s->type) { /* the date it copies: a described date field */
                const struct rec_type *t = rec_type_named(s->type);
                int at = t ? rec_field_index(t, s->field) : -1;
                if (at < 0 || t->fields[at].type != FIELD_DATE)
                    fail_msg("%s: %s.%s is not a described date field", s->item, s->type, s->field);
            }
            if (!s->note || strlen(s->note) < 4)
                fail_msg("%s %s: say how it is derived", s->module, s->item);
            break;
        case CIN_FROM_HEADER:
        case CIN_FROM_NONE:
            if (!s->note || strlen(s->note) < 4)
                fail_msg("%s %s: say how it is derived, or why it has no source", s->module,
                         s->item);
            break;
        }
    }
    /* and every column of the engine's tables is an item above (bar the references and
     * the child's id repeated in each module, and the factors written out for reports) */
    for (int t = 0; t < CIN_NTABLES; t++) {
        const struct rtable_def *d = &cin_tables[t];
        for (int c = 0; c < d->ncols; c++) {
            const char *name = d->cols[c].name;
            if (d->cols[c].type == RCOL_REF || (t != CIN_CHILD && c == 0 && t != CIN_HEADER) ||
                (t == CIN_ASSESSMENT && !strcmp(name, "AssessmentFactors")) ||
                !strcmp(name, "GenderCurrent"))
                continue;
            const char *item = !strcmp(name, "AssessmentFactor") ? "AssessmentFactors" : name;
            if (!source_of(d->name, item))
                fail_msg("the engine's column %s.%s has no source", d->name, name);
        }
    }
    /* the gaps this test lets through, named, so that a new one is seen */
    size_t gaps = 0;
    for (const struct cin_item_source *s = cin_item_sources; s->item; s++)
        gaps += s->how == CIN_FROM_NONE;
    assert_int_equal(gaps, 0); /* none is left without a source */
}

/* ---- the projection, case by case ---- */

struct expect {
    const char *table; /* a module; NULL ends the list */
    int row;           /* -1: `col` is NULL and `want` the number of rows */
    const char *col;   /* a column, or "rule" for a finding whose code is `want` */
    const char *want;  /* the cell's text ("" missing), or the row count, or a rule code */
};

struct pcase {
    const char *name;
    int year;
    const char *records[14]; /* "type|field=value|field=value..." */
    struct expect expect[16];
};

#define REF_25 "referral|referral_date=2025-05-02|source=2A|primary_need=N1"
#define ROWS(t, n)                                                                                 \
    {                                                                                              \
        t, -1, NULL, #n                                                                            \
    }

static const struct pcase cases[] = {
    {"an episode's items come from the referral, assessment and plan",
     2026,
     {"referral|referral_date=2025-05-02|source=2A|primary_need=N1|closure_date=2026-01-10|"
      "closure_reason=RC7",
      "assessment|start_date=2025-05-03|completed_date=2025-06-01|authorised_date=2025-06-05|"
      "authorised_by=T M|factors=1B,16A",
      "cin_plan|start_date=2025-06-10|end_date=2026-01-09"},
     {{"ChildIdentifiers", 0, "LAchildID", "C1"},
      {"ChildIdentifiers", 0, "PersonBirthDate", "2015-12-10"},
      {"ChildIdentifiers", 0, "Sex", "F"},
      {"ChildCharacteristics", 0, "Ethnicity", "WBRI"},
      {"Disabilities", 0, "Disability", "NONE"},
      {"CINdetails", 0, "CINreferralDate", "2025-05-02"},
      {"CINdetails", 0, "ReferralSource", "2A"},
      {"CINdetails", 0, "PrimaryNeedCode", "N1"},
      {"CINdetails", 0, "CINclosureDate", "2026-01-10"},
      {"CINdetails", 0, "ReasonForClosure", "RC7"},
      {"CINdetails", 0, "ReferralNFA", "false"},
      {"Assessments", 0, "AssessmentAuthorisationDate", "2025-06-05"},
      {"AssessmentFactorsList", 1, "AssessmentFactor", "16A"},
      {"CINplanDates", 0, "CINPlanEndDate", "2026-01-09"}}},
    {"a closure after the year's end is not known at its end",
     2026,
     {"referral|referral_date=2025-05-02|source=2A|primary_need=N1|closure_date=2026-04-01|"
      "closure_reason=RC7"},
     {{"CINdetails", 0, "CINclosureDate", ""}, {"CINdetails", 0, "ReasonForClosure", ""}}},
    {"an episode closed before the year leaves the child out",
     2026,
     {"referral|referral_date=2024-05-02|source=2A|primary_need=N1|closure_date=2025-03-31|"
      "closure_reason=RC7"},
     {ROWS("ChildIdentifiers", 0), ROWS("CINdetails", 0)}},
    {"an episode open from an earlier year is in",
     2026,
     {"referral|referral_date=2023-05-02|source=2A|primary_need=N1",
      "referral|referral_date=2021-05-02|source=2A|primary_need=N1|closure_date=2022-01-01|"
      "closure_reason=RC7"},
     {ROWS("CINdetails", 1), {"CINdetails", 0, "CINreferralDate", "2023-05-02"}}},
    {"a referral with no further action: in its own year, not later",
     2026,
     {"referral|referral_date=2025-06-02|source=6|nfa=yes",
      "referral|referral_date=2024-06-02|source=6|nfa=yes"},
     {ROWS("CINdetails", 1), {"CINdetails", 0, "ReferralNFA", "true"}}},
    {"the enquiry's conference, target and the plan with its review",
     2026,
     {REF_25,
      "strategy_discussion|discussion_date=2025-09-01|agencies=social-care,police|"
      "outcome=s47",
      "s47_enquiry|start_date=2025-09-02|completed_date=2025-09-15|outcome=icpc",
      "conference|kind=initial|conference_date=2025-09-19|outcome=plan|category=NEG",
      "cp_plan|start_date=2025-09-19|initial_category=NEG|latest_category=EMO",
      "conference|kind=review|conference_date=2025-12-18|outcome=continue|category=EMO"},
     {{"Section47", 0, "S47ActualStartDate", "2025-09-02"},
      {"Section47", 0, "InitialCPCtarget", "2025-09-22"},
      {"Section47", 0, "DateOfInitialCPC", "2025-09-19"},
      {"Section47", 0, "ICPCnotRequired", "false"},
      {"CINdetails", 0, "DateOfInitialCPC", ""},
      {"ChildProtectionPlans", 0, "CPPstartDate", "2025-09-19"},
      {"ChildProtectionPlans", 0, "InitialCategoryOfAbuse", "NEG"},
      {"ChildProtectionPlans", 0, "LatestCategoryOfAbuse", "EMO"},
      {"ChildProtectionPlans", 0, "NumberOfPreviousCPP", "0"},
      {"Reviews", 0, "CPPreviewDate", "2025-12-18"},
      ROWS("Reviews", 1)}},
    {"no strategy discussion: the target counts from the enquiry's start",
     2026,
     {REF_25, "s47_enquiry|start_date=2025-09-02"},
     {{"Section47", 0, "InitialCPCtarget", "2025-09-23"},
      {"Section47", 0, "DateOfInitialCPC", ""}}},
    {"an enquiry that needed no conference, decided after the year's end",
     2026,
     {REF_25, "s47_enquiry|start_date=2026-03-20|completed_date=2026-04-02|outcome=nfa|"
              "icpc_not_required=yes"},
     {{"Section47", 0, "ICPCnotRequired", "false"}}},
    {"previous plans are counted from the child's history",
     2026,
     {"referral|referral_date=2022-05-02|source=2A|primary_need=N1|closure_date=2023-06-01|"
      "closure_reason=RC7",
      "cp_plan|start_date=2022-06-01|end_date=2023-05-01|initial_category=NEG|"
      "latest_category=NEG",
      REF_25, "cp_plan|start_date=2025-09-19|initial_category=PHY|latest_category=PHY"},
     {ROWS("ChildProtectionPlans", 1), {"ChildProtectionPlans", 0, "NumberOfPreviousCPP", "1"}}},
    {"an initial conference no enquiry led to is the episode's",
     2026,
     {REF_25, "conference|kind=initial|conference_date=2025-07-01|outcome=no-plan"},
     {{"CINdetails", 0, "DateOfInitialCPC", "2025-07-01"}}},
    {"factors wait for the authorisation",
     2026,
     {REF_25, "assessment|start_date=2026-02-03|completed_date=2026-03-01|factors=1B"},
     {ROWS("Assessments", 1),
      ROWS("AssessmentFactorsList", 0),
      {"Assessments", 0, "AssessmentAuthorisationDate", ""}}},
    {"before 2024/25 the census has GenderCurrent",
     2024,
     {"referral|referral_date=2023-05-02|source=2A|primary_need=N1"},
     {{"ChildIdentifiers", 0, "GenderCurrent", "2"}, {"ChildIdentifiers", 0, "Sex", ""}}},
    {"a record before the first referral is the first episode's, and 1103 says so",
     2026,
     {REF_25, "assessment|start_date=2025-04-20"},
     {ROWS("Assessments", 1), {"Assessments", 0, "rule", "1103"}}},
    {"the assessment's internal review is the social worker's completion",
     2026,
     {REF_25, "assessment|start_date=2025-05-03|completed_date=2025-06-01|"
              "authorised_date=2025-06-05|authorised_by=T M|factors=1B"},
     {{"Assessments", 0, "AssessmentInternalReviewDate", "2025-06-01"}}},
    /* 2026/27: pre-proceedings and FGDM, from the records of both (law-2026.md) */
    {"pre-proceedings with its letters, meetings, offers and the application",
     2027,
     {"referral|referral_date=2026-04-02|source=2A|primary_need=N1",
      "fgdm_offer|offer_date=2026-05-01|offered_to=A Parent|relationship=mother|"
      "parental_responsibility=yes|facilitated=no",
      "fgdm_offer|offer_date=2026-05-02|offered_to=B Parent|relationship=father|"
      "parental_responsibility=yes|facilitated=yes",
      "pre_proceedings|start_date=2026-06-01|decision_date=2026-09-01|outcome=court",
      "letter_before_proceedings|letter_date=2026-06-03|kind=before-proceedings|"
      "states_fgdm_offer=yes",
      "pp_meeting|meeting_date=2026-06-10|kind=initial",
      "pp_meeting|meeting_date=2026-07-10|kind=review",
      "pp_meeting|meeting_date=2026-08-10|kind=review",
      "letter_before_proceedings|letter_date=2026-09-02|kind=issue|states_fgdm_offer=yes",
      "care_application|application_date=2026-09-15|order_sought=care"},
     {ROWS("PreProceedingsandFGDM", 1),
      {"PreProceedingsandFGDM", 0, "PPStartDate", "2026-06-01"},
      {"PreProceedingsandFGDM", 0, "LBPSentDate", "2026-06-03"},
      {"PreProceedingsandFGDM", 0, "FGDMMeetingOffer", "1"},
      {"PreProceedingsandFGDM", 0, "FGDMMeetingFac", "1"},
      {"PreProceedingsandFGDM", 0, "InitialPPMeetingDate", "2026-06-10"},
      {"PreProceedingsandFGDM", 0, "ReviewMeetingsCount", "2"},
      {"PreProceedingsandFGDM", 0, "StepDecisionDate", "2026-09-01"},
      {"PreProceedingsandFGDM", 0, "PPOutcome", "A"},
      {"PreProceedingsandFGDM", 0, "CourtAppDate", "2026-09-15"},
      {"PreProceedingsandFGDM", 0, "LetterInitCPDate", "2026-09-02"}}},
    {"two pre-proceedings split the letters; an offer to someone without PR is not one",
     2027,
     {"referral|referral_date=2026-04-02|source=2A|primary_need=N1",
      "fgdm_offer|offer_date=2026-05-01|offered_to=A Friend|relationship=mother|"
      "parental_responsibility=no|facilitated=yes",
      "pre_proceedings|start_date=2026-05-04|decision_date=2026-06-01|outcome=step-down",
      "letter_before_proceedings|letter_date=2026-05-05|kind=before-proceedings",
      "pre_proceedings|start_date=2026-08-03",
      "letter_before_proceedings|letter_date=2026-08-04|kind=before-proceedings",
      "pp_meeting|meeting_date=2026-08-20|kind=review"},
     {ROWS("PreProceedingsandFGDM", 2),
      {"PreProceedingsandFGDM", 0, "LBPSentDate", "2026-05-05"},
      {"PreProceedingsandFGDM", 0, "FGDMMeetingOffer", "0"},
      {"PreProceedingsandFGDM", 0, "FGDMMeetingFac", "0"},
      {"PreProceedingsandFGDM", 0, "PPOutcome", "B"},
      {"PreProceedingsandFGDM", 0, "ReviewMeetingsCount", "0"},
      {"PreProceedingsandFGDM", 1, "LBPSentDate", "2026-08-04"},
      {"PreProceedingsandFGDM", 1, "ReviewMeetingsCount", "1"},
      {"PreProceedingsandFGDM", 1, "StepDecisionDate", ""},
      {"PreProceedingsandFGDM", 1, "PPOutcome", ""},
      {"PreProceedingsandFGDM", 1, "InitialPPMeetingDate", ""}}},
    {"before 2026/27 the census has no pre-proceedings module",
     2026,
     {REF_25, "pre_proceedings|start_date=2025-06-01"},
     {ROWS("PreProceedingsandFGDM", 0)}},
    {"overlapping episodes are 8820's",
     2026,
     {REF_25, "referral|referral_date=2025-06-02|source=6|primary_need=N4"},
     {{"CINdetails", 0, "rule", "8820"}}},
};

static const struct person child = {
    .id = 7,
    .public_id = "childpublicid0000000000001",
    .kind = PERSON_CHILD,
    .la_child_id = "C1",
    .dob = 0, /* set below */
    .sex = 'F',
    .ethnicity = "WBRI",
    .upn_unknown = "UN2",
    .n_disabilities = 1,
    .disabilities = {"NONE"},
};

/* The records of a case, by type, into `c`. */
static void build(const struct pcase *k, struct arena *a, struct cin_child_records *c)
{
    static const char *const types[] = {"referral",
                                        "assessment",
                                        "cin_plan",
                                        "strategy_discussion",
                                        "s47_enquiry",
                                        "conference",
                                        "cp_plan",
                                        "pre_proceedings",
                                        "letter_before_proceedings",
                                        "pp_meeting",
                                        "fgdm_offer",
                                        "care_application"};
    const void **arr[] = {(const void **)&c->referrals,   (const void **)&c->assessments,
                          (const void **)&c->cin_plans,   (const void **)&c->strategies,
                          (const void **)&c->s47s,        (const void **)&c->conferences,
                          (const void **)&c->cp_plans,    (const void **)&c->pre_proceedings,
                          (const void **)&c->letters,     (const void **)&c->pp_meetings,
                          (const void **)&c->fgdm_offers, (const void **)&c->care_applications};
    size_t *cnt[] = {&c->nreferrals, &c->nassessments, &c->ncin_plans,   &c->nstrategies,
                     &c->ns47s,      &c->nconferences, &c->ncp_plans,    &c->npre_proceedings,
                     &c->nletters,   &c->npp_meetings, &c->nfgdm_offers, &c->ncare_applications};
    for (size_t t = 0; t < N_ELEMS(types); t++) {
        const struct rec_type *rt = rec_type_named(types[t]);
        char *v = arena_zalloc(a, rt->size * N_ELEMS(k->records));
        size_t n = 0;
        for (size_t i = 0; i < N_ELEMS(k->records) && k->records[i]; i++) {
            char *line = arena_strdup(a, k->records[i]);
            char *bar = strchr(line, '|');
            *bar = 0;
            if (strcmp(line, types[t]))
                continue;
            const char *vals[12] = {0};
            size_t nv = 0;
            for (char *s = bar + 1; s && nv < 12; nv++) {
                vals[nv] = s;
                s = strchr(s, '|');
                if (s)
                    *s++ = 0;
            }
            struct field_errors errs = {0};
            void *rec = rec_fill(rt, vals, nv, a, &errs);
            if (errs.n)
                fail_msg("%s: %s: %s", k->name, k->records[i], errs.items[0].msg);
            struct rec_head *h = rec_head(rt, rec);
            h->id = (int64_t)(t * 100 + i + 1);
            snprintf(h->public_id, sizeof h->public_id, "%s%zu", types[t], i);
            h->parent_id = child.id;
            memcpy(v + n++ * rt->size, rec, rt->size);
        }
        *arr[t] = v;
        *cnt[t] = n;
    }
}

static int table_named(const char *name)
{
    for (int t = 0; t < CIN_NTABLES; t++)
        if (!strcmp(cin_tables[t].name, name))
            return t;
    fail_msg("no table %s", name);
    return -1;
}

static void check_rule(const struct pcase *k, const struct cin_proj *p, int t, int row,
                       const char *code)
{
    struct ruleset set;
    ruleset_for(&set, &ret_kind_cin, p->r.year);
    struct findings f;
    findings_init(&f);
    struct rinputs in = {0};
    rules_run(&set, &p->r, &in, &f);
    bool found = false;
    for (size_t i = 0; i < f.n; i++)
        found |= !strcmp(f.v[i].rule->code, code) && f.v[i].table == t && f.v[i].row == row &&
                 cin_proj_src(p, t, row) && cin_proj_src(p, t, row)->type;
    findings_release(&f);
    ruleset_release(&set);
    if (!found)
        fail_msg("%s: no finding %s on %s row %d", k->name, code, cin_tables[t].name, row);
}

static void projection_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const struct pcase *k = &cases[i];
        struct arena a;
        arena_init(&a, 0);
        struct person ch = child;
        ch.dob = date_from_ymd(2015, 12, 10);
        ch.expected_dob = ch.death = DATE_NONE;
        struct cin_child_records c = {.child = &ch};
        build(k, &a, &c);
        struct cin_proj p;
        cin_proj_init(&p, k->year, DATE_NONE);
        cin_proj_add(&p, &c);
        for (const struct expect *x = k->expect; x->table; x++) {
            int t = table_named(x->table);
            if (x->row < 0) {
                if (p.r.tables[t].nrows != atoi(x->want))
                    fail_msg("%s: %s has %d rows, not %s", k->name, x->table, p.r.tables[t].nrows,
                             x->want);
                continue;
            }
            if (!strcmp(x->col, "rule")) {
                check_rule(k, &p, t, x->row, x->want);
                continue;
            }
            int col = rtable_col(&cin_tables[t], x->col);
            assert_true(col >= 0);
            if (x->row >= p.r.tables[t].nrows)
                fail_msg("%s: %s has no row %d", k->name, x->table, x->row);
            const char *got = ret_raw(&p.r, t, x->row, col);
            if (strcmp(got, x->want))
                fail_msg("%s: %s.%s is '%s', not '%s'", k->name, x->table, x->col, got, x->want);
        }
        cin_proj_release(&p);
        arena_release(&a);
    }
}

/* Each row remembers its record, and the child's rows the child. */
static void rows_name_their_records(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct person ch = child;
    ch.dob = date_from_ymd(2015, 12, 10);
    ch.expected_dob = ch.death = DATE_NONE;
    struct cin_child_records c = {.child = &ch};
    build(&cases[0], &a, &c);
    struct cin_proj p;
    cin_proj_init(&p, 2026, DATE_NONE);
    assert_true(cin_proj_add(&p, &c));
    const struct cin_src *s = cin_proj_src(&p, CIN_ASSESSMENT, 0);
    assert_ptr_equal(s->type, &assessment_type);
    assert_string_equal(s->public_id, "assessment1");
    s = cin_proj_src(&p, CIN_FACTOR, 1);
    assert_string_equal(s->public_id, "assessment1");
    s = cin_proj_src(&p, CIN_CHILD, 0);
    assert_null(s->type);
    assert_string_equal(s->public_id, child.public_id);
    assert_int_equal(cin_proj_src(&p, CIN_PLAN, 0)->child, 0);
    assert_null(cin_proj_src(&p, CIN_HEADER, 0));
    cin_proj_release(&p);
    /* the current year judged on a day of it: the period ends that day */
    cin_proj_init(&p, 2027, date_from_ymd(2026, 12, 7));
    assert_int_equal(p.r.period_end, date_from_ymd(2026, 12, 7));
    cin_proj_release(&p);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_item_has_a_source),
        cmocka_unit_test(projection_cases),
        cmocka_unit_test(rows_name_their_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
