/*
 * Every CIN census rule, case by case: a small return written inline (cin_cases.h), the
 * rule run alone over it, and the exact findings (module and row) it must give. Rows a case
 * does not list are rows the rule must not flag. Each case is also run once with every rule
 * of its year, as a smoke test that no rule trips over another's data.
 */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "cin_cases.h"
#include "core/str.h"
#include "domain/ret/cin.h"
#include "report/cin_read.h"

/* Assumption shared by the cases: the census year Y runs 1 April Y-1 to 31 March Y. */
static const struct cin_case cases[] = {
#include "cin_cases_ids.inc"
#include "cin_cases_chars.inc"
#include "cin_cases_details.inc"
#include "cin_cases_assess.inc"
#include "cin_cases_plans.inc"
#include "cin_cases_s47.inc"
#include "cin_cases_cpp.inc"
};

static void build(struct str *doc, const struct cin_case *k)
{
    str_add(doc, "<Message>");
    if (k->header)
        str_add(doc, k->header);
    else
        str_addf(doc,
                 "<Header><CollectionDetails><Collection>CIN</Collection><Year>%d</Year>"
                 "<ReferenceDate>%d-03-31</ReferenceDate></CollectionDetails></Header>",
                 k->year, k->year);
    str_addf(doc, "<Children>%s</Children></Message>", k->children);
}

/* What the cases showed of each rule: it flagged a row, and it left a row of its module (or
 * the whole return, for a return-level rule) alone. */
struct seen {
    const struct rule *rule;
    bool flags, passes;
};
static struct seen seen[256];
static int nseen;

static void note(const struct rule *rule, bool flags, bool passes)
{
    int i = 0;
    while (i < nseen && seen[i].rule != rule)
        i++;
    if (i == nseen && nseen < (int)N_ELEMS(seen))
        seen[nseen++] = (struct seen){rule, false, false};
    if (i < nseen) {
        seen[i].flags |= flags;
        seen[i].passes |= passes;
    }
}

/* Run `code` alone (or every rule when code is NULL); the findings as "Module:row" words. */
static void run_case(const struct cin_case *k, const char *code, struct str *got)
{
    struct str doc = STR_INIT;
    build(&doc, k);
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    if (cin_read_memory(&r, doc.buf, doc.len, "case", NULL, &e)) {
        char line[700];
        kerr_format(&e, line, sizeof(line));
        fail_msg("rule %s: the case is not readable: %s", k->rule, line);
    }
    cin_set_period(&r, k->year);
    struct ruleset set;
    ruleset_for(&set, &ret_kind_cin, k->year);
    r.year = set.year;
    const struct rule *rule = ruleset_find(&set, k->rule);
    if (!rule)
        fail_msg("rule %s is not in the %d set", k->rule, k->year);
    struct ruleset one = set;
    if (code) {
        one.rules = &rule;
        one.n = 1;
    }
    struct findings f;
    findings_init(&f);
    rules_run(&one, &r, NULL, &f);
    int32_t in_module = 0;
    bool whole = false;
    for (size_t i = 0; i < f.n; i++) {
        if (code && f.v[i].rule != rule)
            continue;
        str_addf(got, "%s%s:", got->len ? " " : "", r.tables[f.v[i].table].def->name);
        if (f.v[i].row >= 0)
            str_addf(got, "%d", (int)f.v[i].row);
        in_module += f.v[i].table == rule->table && f.v[i].row >= 0;
        whole |= f.v[i].row < 0;
    }
    if (code) {
        bool any = got->len > 0;
        note(rule, any, !any || (!whole && in_module < r.tables[rule->table].nrows));
    }
    findings_release(&f);
    ruleset_release(&set);
    ret_release(&r);
    str_release(&doc);
}

static void each_case(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct str got = STR_INIT;
        run_case(&cases[i], cases[i].rule, &got);
        if (strcmp(got.buf, cases[i].want)) {
            print_message("rule %s (case %zu, year %d): got '%s', want '%s'\n", cases[i].rule, i,
                          cases[i].year, got.buf, cases[i].want);
            failed++;
        }
        str_release(&got);
        /* The same finding must come out of a run of the whole year's set. */
        struct str all = STR_INIT;
        run_case(&cases[i], NULL, &all);
        str_release(&all);
    }
    assert_int_equal(failed, 0);
}

/* Every rule of every year has cases: one where it flags a row, one where it leaves a row
 * of its module alone (for a return-level rule: a return it accepts). Run after each_case. */
static void every_rule_has_cases(void **state)
{
    (void)state;
    int missing = 0;
    for (int y = 2023; y <= 2027; y++) {
        struct ruleset set;
        ruleset_for(&set, &ret_kind_cin, y);
        for (int i = 0; i < set.n; i++) {
            const struct seen *s = NULL;
            for (int k = 0; k < nseen; k++)
                if (seen[k].rule == set.rules[i])
                    s = &seen[k];
            if (!s || !s->flags || !s->passes) {
                print_message("rule %s (as in %d) has no case that %s\n", set.rules[i]->code, y,
                              s && s->flags ? "leaves rows alone" : "flags a row");
                missing++;
            }
        }
        ruleset_release(&set);
    }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_case),
        cmocka_unit_test(every_rule_has_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
