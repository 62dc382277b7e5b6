/* String builder: appends, formatting, the sticky size cap, detach. */
#include "test.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"

/* Invariants that hold after every operation. */
static void check(const struct str *s)
{
    assert_non_null(s->buf);
    assert_int_equal(strlen(s->buf), s->len);
    if (s->max)
        assert_true(s->len <= s->max);
}

static void appends(void **state)
{
    (void)state;
    struct str s = STR_INIT;
    check(&s);
    assert_string_equal(s.buf, "");
    str_add(&s, "child");
    check(&s);
    str_addc(&s, ' ');
    str_addf(&s, "%d of %s", 42, "many");
    check(&s);
    assert_string_equal(s.buf, "child 42 of many");
    for (int i = 0; i < 1000; i++)
        str_addf(&s, "%04d", i);
    check(&s);
    assert_int_equal(s.len, 16 + 4000);
    str_truncate(&s, 5);
    check(&s);
    assert_string_equal(s.buf, "child");
    size_t len;
    char *p = str_detach(&s, &len);
    assert_string_equal(p, "child");
    assert_int_equal(len, 5);
    free(p);
    check(&s);
    assert_int_equal(s.len, 0);
    str_release(&s);
}

static void cap_is_sticky(void **state)
{
    (void)state;
    struct str s;
    str_init(&s, 10);
    str_add(&s, "12345");
    str_add(&s, "123456"); /* would make 11: refused whole */
    check(&s);
    assert_false(str_ok(&s));
    assert_string_equal(s.buf, "12345");
    str_add(&s, "1"); /* after overflow nothing more is stored */
    assert_string_equal(s.buf, "12345");
    str_reset(&s);
    assert_true(str_ok(&s));
    str_addf(&s, "%s", "0123456789");
    assert_true(str_ok(&s));
    str_addc(&s, 'x');
    assert_false(str_ok(&s));
    check(&s);
    str_release(&s);
}

static void long_format(void **state)
{
    (void)state;
    struct str s = STR_INIT;
    char big[1000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    str_addf(&s, "[%s]", big);
    check(&s);
    assert_int_equal(s.len, 1001);
    str_release(&s);
}

/* Text for a terminal: controls become visible escapes, everything else is untouched. */
static void shown(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain text, caf\xc3\xa9", "plain text, caf\xc3\xa9"},
        {"two\nlines\tand a tab", "two\nlines\tand a tab"},
        {"form line\r\nend", "form line\r\nend"},
        {"\x1b]0;title\x07", "\\x1b]0;title\\x07"},
        {"\x1b[2J", "\\x1b[2J"},
        {"over\rwrite", "over\\x0dwrite"},
        {"back\bspace\x7f", "back\\x08space\\x7f"},
        {"c1 \xc2\x9b"
         "31m",
         "c1 \\u009B"
         "31m"},
        {"not utf-8 \x9b \xff", "not utf-8 \\x9b \\xff"},
        {"cut \xe2\x80", "cut \\xe2\\x80"},
        {"nbsp \xc2\xa0 ok", "nbsp \xc2\xa0 ok"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct str s = STR_INIT;
        str_add_shown(&s, cases[i].in, strlen(cases[i].in));
        assert_string_equal(s.buf, cases[i].out);
        assert_int_equal(str_needs_showing(cases[i].in, strlen(cases[i].in)),
                         strcmp(cases[i].in, cases[i].out) != 0);
        str_release(&s);
    }
}

/* str_dec writes what printf's %lld does, to the ends of the range. */
static void decimal(void **state)
{
    (void)state;
    static const long long cases[] = {0,       1,       -1,        9,         10,
                                      -10,     99,      100,       38500,     -2026,
                                      INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char want[32], got[STR_DEC_MAX];
        snprintf(want, sizeof want, "%lld", cases[i]);
        size_t n = str_dec(got, cases[i]);
        assert_string_equal(got, want);
        assert_int_equal(n, strlen(want));
    }
}

/* A CSV cell that a spreadsheet would run as a formula. */
static void formula_leads(void **state)
{
    (void)state;
    static const char *const yes[] = {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"};
    static const char *const no[] = {"", "A=1", " =1", "1-2", "LA000123"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(csv_formula_lead(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(csv_formula_lead(no[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends), cmocka_unit_test(cap_is_sticky), cmocka_unit_test(long_format),
        cmocka_unit_test(shown),   cmocka_unit_test(formula_leads), cmocka_unit_test(decimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
