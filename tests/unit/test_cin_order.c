/* One rule, one place (domain/cin_order.h): five CIN census rules that kith holds every
 * record to in any year. Each case below goes through both paths: the record's form (its
 * description's own check, what the web form, the API and the command line run, and what
 * the live database saves through) and the census (the rule run alone over a census file
 * read as the DfE's XML, as `kith validate cin` reads one). Both must agree with the
 * case's verdict, so the two cannot drift apart: change one path's reading of a rule and
 * a case here fails.
 *
 * Built a second time with CIN_ORDER_FORCED (test cin_order_forced), the five functions
 * are replaced by ones answering what the test says, whatever they are asked, and each
 * case's verdict is turned round: both paths must follow, which shows that each asks the
 * one function rather than judging for itself (a path that restates the rule keeps its
 * own verdict and fails the case). */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "cin_cases.h"
#include "core/str.h"
#include "domain/help.h"
#include "domain/ret/cin.h"
#include "rec_fill.h"
#include "report/cin_read.h"

#ifdef CIN_ORDER_FORCED
#include "domain/cin_order.h"

/* Linked in place of domain/cin_order.c (a static library's member is left out when the
 * program already defines its symbols). Each answers `forced` for the rule under test and
 * "not wrong" for the others, which the cases' other values satisfy. */
static const char *forced_rule = "";
static bool forced;
static bool answer(const char *rule) { return forced && !strcmp(forced_rule, rule); }
bool cin_closed_before_referral(kdate referral, kdate closure)
{
    return (void)referral, (void)closure, answer("8630");
}
bool cin_authorised_before_start(kdate start, kdate authorised)
{
    return (void)start, (void)authorised, answer("8608");
}
bool cin_plan_ends_before_start(kdate start, kdate end)
{
    return (void)start, (void)end, answer("4011");
}
bool cin_reason_without_closure(bool has_reason, kdate closure)
{
    return (void)has_reason, (void)closure, answer("8810");
}
bool cin_factors_before_completion(bool has_factors, kdate completion)
{
    return (void)has_factors, (void)completion, answer("8614");
}
#endif

struct ocase {
    const char *rule;
    const char *a, *b; /* the rule's two values, "" when absent (see paths[]) */
    bool wrong;
};

/* The days either side of each rule, and a value absent. Dates fall in 2024/25. */
static const struct ocase cases[] = {
    /* 8630: a = referral, b = closure */
    {"8630", "2024-05-02", "2024-05-01", true},
    {"8630", "2024-05-02", "2024-05-02", false},
    {"8630", "2024-05-02", "2024-05-03", false},
    {"8630", "2024-05-02", "", false},
    /* 8810: a = reason for closure, b = closure */
    {"8810", "RC7", "", true},
    {"8810", "RC7", "2024-06-01", false},
    {"8810", "", "", false},
    /* 8608: a = start, b = authorisation */
    {"8608", "2024-06-02", "2024-06-01", true},
    {"8608", "2024-06-02", "2024-06-02", false},
    {"8608", "2024-06-02", "2024-07-01", false},
    {"8608", "2024-06-02", "", false},
    /* 4011: a = plan start, b = plan end */
    {"4011", "2024-06-02", "2024-06-01", true},
    {"4011", "2024-06-02", "2024-06-02", false},
    {"4011", "2024-06-02", "", false},
    /* 8614: a = a factor, b = the completion (the census: its authorisation) */
    {"8614", "1B", "", true},
    {"8614", "1B", "2024-06-01", false},
    {"8614", "", "", false},
};

/* Each rule's form: the type, the field refused, and words of the refusal. */
static const struct {
    const char *rule, *type, *field, *says;
} forms[] = {
    {"8630", "referral", "closure_date", "the referral"},
    {"8810", "referral", "closure_date", "8810"},
    {"8608", "assessment", "authorised_date", "the start of the assessment"},
    {"4011", "cin_plan", "end_date", "the start of the plan"},
    {"8614", "assessment", "factors", "8614"},
};

/* The case as a person types it: "field=value" strings into `v` (room for 8). */
static size_t form_values(const struct ocase *k, struct arena *ar, const char **v)
{
    size_t n = 0;
#define ADD(fmt, x)                                                                                \
    do {                                                                                           \
        if ((x)[0])                                                                                \
            v[n++] = arena_printf(ar, fmt, x);                                                     \
    } while (0)
    if (!strcmp(k->rule, "8630") || !strcmp(k->rule, "8810")) {
        v[n++] = "source=2A";
        v[n++] = "primary_need=N1";
        if (!strcmp(k->rule, "8630")) {
            ADD("referral_date=%s", k->a);
            ADD("closure_date=%s", k->b);
            if (k->b[0])
                v[n++] = "closure_reason=RC7";
        } else {
            v[n++] = "referral_date=2024-05-01";
            ADD("closure_reason=%s", k->a);
            ADD("closure_date=%s", k->b);
        }
    } else if (!strcmp(k->rule, "8608")) {
        /* completed on its start day with no factors found, so only the order can be wrong */
        ADD("start_date=%s", k->a);
        ADD("completed_date=%s", k->a);
        v[n++] = "factors=21";
        ADD("authorised_date=%s", k->b);
        if (k->b[0])
            v[n++] = "authorised_by=T Manager";
    } else if (!strcmp(k->rule, "4011")) {
        ADD("start_date=%s", k->a);
        ADD("end_date=%s", k->b);
    } else {
        v[n++] = "start_date=2024-05-02";
        ADD("factors=%s", k->a);
        ADD("completed_date=%s", k->b);
        if (!k->a[0] && k->b[0])
            v[n++] = "factors=21";
    }
#undef ADD
    return n;
}

/* The form path: true when the record's own check refuses the field as the rule says. */
static bool form_refuses(const struct ocase *k)
{
    size_t f = 0;
    while (strcmp(forms[f].rule, k->rule))
        f++;
    struct arena ar;
    arena_init(&ar, 0);
    const char *v[8] = {0};
    size_t n = form_values(k, &ar, v);
    const struct rec_type *t = rec_type_named(forms[f].type);
    struct field_errors errs = {0};
    void *rec = rec_fill(t, v, n, &ar, &errs);
    if (errs.n)
        fail_msg("%s %s/%s: the case does not fill: %s", k->rule, k->a, k->b, errs.items[0].msg);
    struct field_ctx ctx = {.year = 0, .today = date_from_ymd(2026, 12, 7)};
    rec_check(t, rec, &ctx, &errs);
    const struct field_error *fe = field_error_for(&errs, forms[f].field);
    bool refused = fe && strstr(fe->msg, forms[f].says);
    /* no other refusal: the case varies only what the rule is about (a forced verdict may
     * leave kith's own order of work to refuse it instead) */
#ifndef CIN_ORDER_FORCED
    if (errs.n > (refused ? 1u : 0u))
        fail_msg("%s %s/%s: the form says something else: %s", k->rule, k->a, k->b,
                 errs.items[0].msg);
#endif
    arena_release(&ar);
    return refused;
}

/* The census file of the case: one child, one episode, in 2024/25. */
static void census_doc(const struct ocase *k, struct str *d)
{
    str_add(d, "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025"
               "</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header>"
               "<Children><Child><ChildIdentifiers>" ID("C1")
                   T(PersonBirthDate, "2015-01-01") "</ChildIdentifiers><CINdetails>");
#define OPT(tag, x)                                                                                \
    do {                                                                                           \
        if ((x)[0])                                                                                \
            str_addf(d, "<" tag ">%s</" tag ">", x);                                               \
    } while (0)
    if (!strcmp(k->rule, "8630"))
        OPT("CINreferralDate", k->a);
    else
        str_add(d, T(CINreferralDate, "2024-05-01"));
    str_add(d, T(ReferralNFA, "false") T(PrimaryNeedCode, "N1"));
    if (!strcmp(k->rule, "8630")) {
        OPT("CINclosureDate", k->b);
        if (k->b[0])
            str_add(d, T(ReasonForClosure, "RC7"));
    } else if (!strcmp(k->rule, "8810")) {
        OPT("ReasonForClosure", k->a);
        OPT("CINclosureDate", k->b);
    } else if (!strcmp(k->rule, "8608")) {
        str_add(d, "<Assessments>");
        OPT("AssessmentActualStartDate", k->a);
        OPT("AssessmentAuthorisationDate", k->b);
        str_add(d, "</Assessments>");
    } else if (!strcmp(k->rule, "4011")) {
        str_add(d, "<CINPlanDates>");
        OPT("CINPlanStartDate", k->a);
        OPT("CINPlanEndDate", k->b);
        str_add(d, "</CINPlanDates>");
    } else {
        str_add(d, "<Assessments>" T(AssessmentActualStartDate, "2024-05-02"));
        OPT("AssessmentAuthorisationDate", k->b);
        if (k->a[0])
            str_addf(d, FACTORS("<AssessmentFactors>%s</AssessmentFactors>"), k->a);
        str_add(d, "</Assessments>");
    }
#undef OPT
    str_add(d, "</CINdetails></Child></Children></Message>");
}

/* The census path: true when the rule, run alone over the case's file, flags a row. */
static bool census_flags(const struct ocase *k)
{
    struct str doc = STR_INIT;
    census_doc(k, &doc);
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    if (cin_read_memory(&r, doc.buf, doc.len, "case", NULL, &e))
        fail_msg("%s %s/%s: the file is not readable", k->rule, k->a, k->b);
    cin_set_period(&r, 2025);
    struct ruleset set;
    ruleset_for(&set, &ret_kind_cin, 2025);
    r.year = set.year;
    const struct rule *rule = ruleset_find(&set, k->rule);
    assert_non_null(rule);
    struct ruleset one = set;
    one.rules = &rule;
    one.n = 1;
    struct findings f;
    findings_init(&f);
    rules_run(&one, &r, NULL, &f);
    bool flagged = f.n > 0;
    findings_release(&f);
    ruleset_release(&set);
    ret_release(&r);
    str_release(&doc);
    return flagged;
}

static void both_paths_agree(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const struct ocase *k = &cases[i];
        bool want = k->wrong;
#ifdef CIN_ORDER_FORCED
        if (!k->a[0] || !k->b[0])
            continue; /* both values given: a day not given has nothing to print */
        forced_rule = k->rule;
        forced = want = !k->wrong;
#endif
        bool form = form_refuses(k), census = census_flags(k);
        if (form != want || census != want) {
            print_message("%s a=%s b=%s: wrong is %d, the form %s, the census %s\n", k->rule, k->a,
                          k->b, want, form ? "refuses" : "accepts", census ? "flags" : "accepts");
            failed++;
        }
    }
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(both_paths_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
