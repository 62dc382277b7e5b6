/*
 * The return tables and the rule engine, on a toy return kind: cells keep missing and
 * unreadable apart; a year's rule set is the earlier years' with additions, changes and
 * deletions applied; years outside the known span clamp; rules needing absent inputs are
 * skipped with a reason; findings come out sorted with repeats merged.
 */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "domain/codeset.h"
#include "domain/ret/rule.h"
#include "domain/ret/table.h"

enum { T_PEOPLE, T_EVENTS };
enum { P_ID, P_BORN, P_SEX, P_COUNT };
enum { E_ID, E_PERSON, E_DATE };

static const struct rcol_def people_cols[] = {
    {"ID", RCOL_TEXT, 0, 0},
    {"BORN", RCOL_DATE, 0, 0},
    {"SEX", RCOL_CODE, CS_SEX, 0},
    {"COUNT", RCOL_INT, 0, 0},
};
static const struct rcol_def event_cols[] = {
    {"ID", RCOL_TEXT, 0, 0},
    {"person", RCOL_REF, 0, T_PEOPLE},
    {"DATE", RCOL_DATE, 0, 0},
};
/* Named so that table order and name order differ ("events" sorts first). */
static const struct rtable_def toy_tables[] = {
    {"people", people_cols, 4, P_ID},
    {"events", event_cols, 3, E_ID},
};

/* Rules flag rows whose cell is missing (born), or every row (all). */
static void flag_no_birth(struct rctx *c)
{
    const struct rtable *t = ret_table(c->r, T_PEOPLE);
    for (int32_t i = 0; i < t->nrows; i++)
        if (!rdate_has(t->val[P_BORN][i]))
            rule_flag(c, T_PEOPLE, i, COL(P_BORN));
}

static void flag_all_twice(struct rctx *c)
{
    for (int32_t i = ret_table(c->r, T_EVENTS)->nrows - 1; i >= 0; i--) {
        rule_flag(c, T_EVENTS, i, COL(E_DATE));
        rule_flag(c, T_EVENTS, i, COL(E_ID)); /* merged with the line above */
    }
    rule_flag(c, T_PEOPLE, -1, 0);
}

static void flag_nothing(struct rctx *c) { (void)c; }

static const struct rule y2023[] = {
    {"10", RULE_ERROR, T_PEOPLE, 0, 0, "BORN", "birth date missing", flag_no_birth},
    {"2", RULE_QUERY, T_EVENTS, 0, 0, "DATE", "every event", flag_all_twice},
    {"30", RULE_ERROR, T_PEOPLE, 0, 0, "SEX", "old rule", flag_nothing},
};
static const struct rule y2025[] = {
    {"2", RULE_ERROR, T_EVENTS, 0, 0, "DATE", "every event, now an error", flag_all_twice},
    {"40", RULE_ERROR, T_PEOPLE, 2, NEEDS_LAST_YEAR, "ID", "needs last year", flag_nothing},
};
static const char *const del2025[] = {"30", NULL};
static const struct rule_year toy_years[] = {
    {2023, y2023, 3, NULL},
    {2025, y2025, 2, del2025},
    {2026, NULL, 0, NULL},
};
static const struct ret_kind toy = {"toy", "toy return", toy_tables, 2, toy_years, 3, NULL, NULL};

static void add(struct ret *r, int t, int col, int32_t row, const char *s)
{
    ret_set(r, t, row, col, s, strlen(s));
}

static void cells_keep_missing_and_bad_apart(void **state)
{
    (void)state;
    struct ret r;
    ret_init(&r, &toy);
    static const struct {
        const char *born, *sex, *count;
        kdate want_born;
        int32_t want_sex, want_count;
    } cases[] = {
        {"2020-02-29", "M", "3", 0, 0, 3},
        {"29/02/2020", "F", "-4", 0, 1, -4},
        {"", "", "", DATE_NONE, RCODE_NONE, RINT_NONE},
        {"2021-02-29", "m", "3x", RDATE_BAD, RCODE_BAD, RINT_BAD},
        {"20/20/2020", " M", "99999999999", RDATE_BAD, RCODE_BAD, RINT_BAD},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        int32_t row = ret_add_row(&r, T_PEOPLE, (int32_t)i + 2);
        assert_int_equal(row, (int32_t)i);
        add(&r, T_PEOPLE, P_BORN, row, cases[i].born);
        add(&r, T_PEOPLE, P_SEX, row, cases[i].sex);
        add(&r, T_PEOPLE, P_COUNT, row, cases[i].count);
        const struct rtable *t = ret_table(&r, T_PEOPLE);
        kdate want = cases[i].want_born ? cases[i].want_born : date_from_ymd(2020, 2, 29);
        assert_int_equal(t->val[P_BORN][row], want);
        if (cases[i].want_sex >= 0)
            assert_int_equal(t->val[P_SEX][row], code_index(CS_SEX, cases[i].sex, 1));
        else
            assert_int_equal(t->val[P_SEX][row], cases[i].want_sex);
        assert_int_equal(t->val[P_COUNT][row], cases[i].want_count);
        assert_string_equal(ret_raw(&r, T_PEOPLE, row, P_BORN), cases[i].born);
        assert_int_equal(t->line[row], (int32_t)i + 2);
    }
    assert_false(rdate_has(DATE_NONE));
    assert_false(rdate_has(RDATE_BAD));
    assert_true(rdate_has(date_from_ymd(1800, 1, 1)));
    /* A fresh row has every cell missing; the child column names the row's child. */
    int32_t row = ret_add_row(&r, T_PEOPLE, 0);
    assert_int_equal(ret_table(&r, T_PEOPLE)->val[P_BORN][row], DATE_NONE);
    assert_string_equal(ret_child(&r, T_PEOPLE, row), "");
    add(&r, T_PEOPLE, P_ID, row, "C1");
    assert_string_equal(ret_child(&r, T_PEOPLE, row), "C1");
    assert_int_equal(ret_kind_table(&toy, "events"), T_EVENTS);
    assert_int_equal(rtable_col(&toy_tables[T_PEOPLE], "SEX"), P_SEX);
    assert_int_equal(rtable_col(&toy_tables[T_PEOPLE], "sex"), -1);
    ret_release(&r);
}

/* A date column's value is what date_scan_iso / date_scan_dmy say of the text: every day
 * and month 00..99 in years at the edges of the range and of the leap rules, and every byte
 * in every place of a few dates. */
static void dates_as_date_scan(void **state)
{
    (void)state;
    static const int years[] = {0,    1,    1700, 1799, 1800, 1801, 1899, 1900, 1904, 1999,
                                2000, 2001, 2024, 2099, 2100, 2199, 2200, 2201, 9999};
    const struct rcol_def *col = &people_cols[P_BORN];
    char s[16];
    for (size_t k = 0; k < N_ELEMS(years); k++)
        for (int m = 0; m < 100; m++)
            for (int d = 0; d < 100; d++) {
                snprintf(s, sizeof(s), "%02d/%02d/%04d", d, m, years[k]);
                kdate want;
                if (!date_scan_dmy(s, 10, &want))
                    want = RDATE_BAD;
                if (rcol_value(col, s, 10, 0) != want)
                    fail_msg("%s: %d, want %d", s, (int)rcol_value(col, s, 10, 0), (int)want);
            }
    static const char *const base[] = {"29/02/2000", "31/12/2199", "01/01/1800", "2024-02-29"};
    for (size_t k = 0; k < N_ELEMS(base); k++)
        for (int at = 0; at < 10; at++)
            for (int b = 1; b < 256; b++) {
                memcpy(s, base[k], 11);
                s[at] = (char)b;
                kdate want;
                if (!date_scan_iso(s, 10, &want) && !date_scan_dmy(s, 10, &want))
                    want = RDATE_BAD;
                if (rcol_value(col, s, 10, 0) != want)
                    fail_msg("'%s': %d, want %d", s, (int)rcol_value(col, s, 10, 0), (int)want);
            }
}

static void many_rows_grow(void **state)
{
    (void)state;
    struct ret r;
    ret_init(&r, &toy);
    for (int i = 0; i < 100000; i++) {
        int32_t row = ret_add_row(&r, T_EVENTS, i);
        ret_set_value(&r, T_EVENTS, row, E_PERSON, i / 3);
    }
    const struct rtable *t = ret_table(&r, T_EVENTS);
    assert_int_equal(t->nrows, 100000);
    assert_int_equal(t->val[E_PERSON][99999], 33333);
    assert_int_equal(t->val[E_DATE][99999], DATE_NONE);
    ret_release(&r);
}

static void sets_by_year(void **state)
{
    (void)state;
    static const struct {
        int year, want_year, n;
        const char *codes; /* in order */
        const char *msg2;
    } cases[] = {
        {2020, 2023, 3, "10 2 30", "every event"},
        {2023, 2023, 3, "10 2 30", "every event"},
        {2024, 2023, 3, "10 2 30", "every event"},
        {2025, 2025, 3, "10 2 40", "every event, now an error"},
        {2026, 2026, 3, "10 2 40", "every event, now an error"},
        {2031, 2026, 3, "10 2 40", "every event, now an error"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct ruleset s;
        ruleset_for(&s, &toy, cases[i].year);
        assert_int_equal(s.year, cases[i].want_year);
        assert_int_equal(s.asked, cases[i].year);
        assert_int_equal(s.n, cases[i].n);
        char got[64] = "";
        size_t len = 0;
        for (int k = 0; k < s.n; k++)
            len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s", k ? " " : "",
                                    s.rules[k]->code);
        assert_string_equal(got, cases[i].codes);
        assert_string_equal(ruleset_find(&s, "2")->message, cases[i].msg2);
        assert_null(ruleset_find(&s, "99"));
        ruleset_release(&s);
    }
}

static void run_sorts_merges_and_skips(void **state)
{
    (void)state;
    struct ret r;
    ret_init(&r, &toy);
    for (int i = 0; i < 3; i++) {
        int32_t row = ret_add_row(&r, T_PEOPLE, 0);
        add(&r, T_PEOPLE, P_ID, row, i == 1 ? "B" : "A");
        if (i != 1)
            add(&r, T_PEOPLE, P_BORN, row, "2010-01-01");
    }
    for (int i = 0; i < 2; i++)
        ret_add_row(&r, T_EVENTS, 0);

    struct ruleset s;
    ruleset_for(&s, &toy, 2025);
    struct findings f;
    findings_init(&f);
    rules_run(&s, &r, NULL, &f);
    /* "10" flags people row 1; "2" flags events 0 and 1 (each twice) and people (no row);
     * "40" is skipped. Sorted by code as text: "10" < "2"; within "2" events before people. */
    assert_int_equal(f.n, 4);
    assert_string_equal(f.v[0].rule->code, "10");
    assert_int_equal(f.v[0].table, T_PEOPLE);
    assert_int_equal(f.v[0].row, 1);
    assert_string_equal(f.v[1].rule->code, "2");
    assert_int_equal(f.v[1].table, T_EVENTS);
    assert_int_equal(f.v[1].row, 0);
    assert_true(f.v[1].cols == (COL(E_DATE) | COL(E_ID)));
    assert_int_equal(f.v[2].row, 1);
    assert_int_equal(f.v[3].table, T_PEOPLE);
    assert_int_equal(f.v[3].row, -1);
    assert_int_equal(f.nran, 2);
    assert_int_equal(f.nskipped, 1);
    assert_string_equal(f.skipped[0].rule->code, "40");
    assert_non_null(strstr(f.skipped[0].reason, "--last-year"));
    findings_release(&f);

    /* With last year's return given, "40" runs. */
    struct rinputs in = {.last_year = &r};
    findings_init(&f);
    rules_run(&s, &r, &in, &f);
    assert_int_equal(f.nran, 3);
    assert_int_equal(f.nskipped, 0);
    findings_release(&f);
    ruleset_release(&s);
    ret_release(&r);
}

static void missing_inputs_named(void **state)
{
    (void)state;
    struct rinputs none = {0};
    assert_null(rule_missing_input(0, &none));
    assert_non_null(strstr(rule_missing_input(NEEDS_POSTCODES, &none), "postcodes import"));
    assert_non_null(strstr(rule_missing_input(NEEDS_PROVIDERS, &none), "providers import"));
    assert_string_equal(rule_severity_name(RULE_QUERY), "query");
    assert_string_equal(rule_severity_name(RULE_ERROR), "error");
}

/* A return large enough for two threads: the findings must be those of the rules run one by
 * one and then sorted (findings_sort's general path), whichever thread ran which rule.
 * flag_all_twice reports rows backwards and twice, so every rule's findings need sorting
 * and merging; flag_no_birth reports a row out of every three. */
static void two_threads_find_what_one_does(void **state)
{
    (void)state;
    struct ret r;
    ret_init(&r, &toy);
    for (int i = 0; i < 15000; i++) {
        int32_t row = ret_add_row(&r, T_PEOPLE, 0);
        add(&r, T_PEOPLE, P_ID, row, "P");
        if (i % 3)
            add(&r, T_PEOPLE, P_BORN, row, "2010-01-01");
        ret_add_row(&r, T_EVENTS, 0);
    }
    struct ruleset s;
    ruleset_for(&s, &toy, 2025);
    struct findings threaded, plain;
    findings_init(&threaded);
    findings_init(&plain);
    rules_run(&s, &r, NULL, &threaded);
    for (int k = 0; k < s.n; k++) {
        if (rule_missing_input(s.rules[k]->needs, &(struct rinputs){0}))
            continue;
        struct rctx c = {.r = &r, .in = &(struct rinputs){0}, .rule = s.rules[k], .out = &plain};
        s.rules[k]->check(&c);
    }
    findings_sort(&plain, &r);
    assert_int_equal(threaded.n, 5000 + 15000 + 1);
    assert_int_equal(threaded.n, plain.n);
    for (size_t i = 0; i < plain.n; i++) {
        assert_ptr_equal(threaded.v[i].rule, plain.v[i].rule);
        assert_int_equal(threaded.v[i].table, plain.v[i].table);
        assert_int_equal(threaded.v[i].row, plain.v[i].row);
        assert_true(threaded.v[i].cols == plain.v[i].cols);
    }
    findings_release(&threaded);
    findings_release(&plain);
    ruleset_release(&s);
    ret_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_keep_missing_and_bad_apart),
        cmocka_unit_test(dates_as_date_scan),
        cmocka_unit_test(many_rows_grow),
        cmocka_unit_test(sets_by_year),
        cmocka_unit_test(run_sorts_merges_and_skips),
        cmocka_unit_test(two_threads_find_what_one_does),
        cmocka_unit_test(missing_inputs_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
