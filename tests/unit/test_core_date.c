/* Civil dates: conversions, strict parsing, month arithmetic, ages (29 February too). */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"

static kdate D(int y, int m, int d) { return date_from_ymd(y, m, d); }

static void roundtrip_every_day(void **state)
{
    (void)state;
    /* Every day from 1800 to 2200 converts to y-m-d and back, and weekdays advance by one. */
    kdate first = D(1800, 1, 1), last = D(2200, 12, 31);
    enum weekday w = date_weekday(first);
    for (kdate d = first; d <= last; d++) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        assert_true(date_valid_ymd(y, m, dd));
        assert_int_equal(date_from_ymd(y, m, dd), d);
        assert_int_equal(date_weekday(d), w);
        w = (enum weekday)((w + 1) % 7);
    }
    assert_int_equal(D(1970, 1, 1), 0);
    assert_int_equal(date_weekday(D(2026, 11, 23)), WD_MON);
    assert_int_equal(date_weekday(D(2000, 2, 29)), WD_TUE);
}

static void parse_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int ok, y, m, d;
    } cases[] = {
        {"2024-02-29", 1, 2024, 2, 29},
        {"29/02/2024", 1, 2024, 2, 29},
        {"2023-02-29", 0, 0, 0, 0},
        {"29/02/2023", 0, 0, 0, 0},
        {"2000-02-29", 1, 2000, 2, 29},
        {"1900-02-29", 0, 0, 0, 0}, /* century rule */
        {"2025-04-31", 0, 0, 0, 0},
        {"31/12/2025", 1, 2025, 12, 31},
        {"01/01/2026", 1, 2026, 1, 1},
        {"2025-13-01", 0, 0, 0, 0},
        {"2025-00-10", 0, 0, 0, 0},
        {"2025-01-00", 0, 0, 0, 0},
        /* as people type them: one-digit day or month, spaces around (date_scan_typed) */
        {"2025-1-01", 1, 2025, 1, 1},
        {"1/1/2025", 1, 2025, 1, 1},
        {"3/12/2026", 1, 2026, 12, 3},
        {" 2025-01-01 ", 1, 2025, 1, 1},
        {"1/1/25", 0, 0, 0, 0},
        {"", 0, 0, 0, 0},
        {"001/1/2025", 0, 0, 0, 0},
        {"2025-01-01x", 0, 0, 0, 0},
        {"1799-12-31", 0, 0, 0, 0},
        {"2201-01-01", 0, 0, 0, 0},
        {"20224-01-01", 0, 0, 0, 0},
        {"2025/01/01", 0, 0, 0, 0},
        {"2o25-01-01", 0, 0, 0, 0},
        {"31-12-2025", 0, 0, 0, 0},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        kdate d = DATE_NONE;
        struct kerr e = KERR_INIT;
        enum kerr_code rc = date_parse(cases[i].in, "dob", &d, &e);
        if (cases[i].ok) {
            assert_int_equal(rc, KITH_OK);
            assert_int_equal(d, D(cases[i].y, cases[i].m, cases[i].d));
        } else {
            assert_int_equal(rc, KITH_E_INVALID);
            assert_string_equal(e.field, "dob");
            assert_non_null(strstr(e.msg, "expected"));
        }
    }
}

static void format_table(void **state)
{
    (void)state;
    char buf[DATE_ISO_LEN];
    assert_string_equal(date_format_iso(D(2024, 2, 29), buf), "2024-02-29");
    assert_string_equal(date_format_dmy(D(2024, 2, 29), buf), "29/02/2024");
    assert_string_equal(date_format_iso(D(1800, 1, 1), buf), "1800-01-01");
    assert_string_equal(date_format_iso(DATE_NONE, buf), "");
}

static void add_months_table(void **state)
{
    (void)state;
    static const struct {
        int y, m, d, add, ey, em, ed;
    } cases[] = {
        {2025, 1, 31, 1, 2025, 2, 28},   {2024, 1, 31, 1, 2024, 2, 29},
        {2024, 2, 29, 12, 2025, 2, 28},  {2024, 2, 29, 48, 2028, 2, 29},
        {2025, 3, 31, -1, 2025, 2, 28},  {2025, 12, 15, 1, 2026, 1, 15},
        {2026, 1, 15, -1, 2025, 12, 15}, {2025, 8, 31, 3, 2025, 11, 30},
        {2025, 10, 31, 6, 2026, 4, 30},  {2025, 5, 10, 0, 2025, 5, 10},
        {2025, 5, 10, -24, 2023, 5, 10}, {2000, 1, 1, -1, 1999, 12, 1},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        kdate got = date_add_months(D(cases[i].y, cases[i].m, cases[i].d), cases[i].add);
        assert_int_equal(got, D(cases[i].ey, cases[i].em, cases[i].ed));
    }
    assert_int_equal(date_add_days(D(2025, 12, 31), 1), D(2026, 1, 1));
    assert_int_equal(date_add_days(D(2024, 3, 1), -1), D(2024, 2, 29));
}

static void age_table(void **state)
{
    (void)state;
    static const struct {
        int by, bm, bd, oy, om, od, age;
    } cases[] = {
        {2008, 2, 29, 2026, 2, 28, 17}, /* leap-day birthday not yet reached in a common year */
        {2008, 2, 29, 2026, 3, 1, 18},
        {2008, 2, 29, 2028, 2, 29, 20},
        {2008, 2, 29, 2028, 2, 28, 19},
        {2010, 4, 1, 2026, 3, 31, 15},
        {2010, 4, 1, 2026, 4, 1, 16},
        {2010, 12, 31, 2011, 1, 1, 0},
        {2010, 1, 1, 2010, 1, 1, 0},
        {2026, 6, 1, 2026, 1, 1, 0}, /* unborn: not yet a year before birth */
        {2027, 6, 1, 2026, 1, 1, -1},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        int got = date_age_on(D(cases[i].by, cases[i].bm, cases[i].bd),
                              D(cases[i].oy, cases[i].om, cases[i].od));
        assert_int_equal(got, cases[i].age);
    }
    assert_int_equal(date_birthday(D(2008, 2, 29), 18), D(2026, 3, 1));
    assert_int_equal(date_birthday(D(2008, 2, 29), 16), D(2024, 2, 29));
}

static void today_can_be_pinned(void **state)
{
    (void)state;
    setenv("KITH_TODAY", "2025-03-31", 1);
    assert_int_equal(date_today(), D(2025, 3, 31));
    unsetenv("KITH_TODAY");
    assert_true(date_today() > D(2025, 1, 1));
}

/* Every birthday from 1 January 1900 to 31 December 2100, 40 years either way, against the
 * plain rule: the same month and day n years on, 1 March for 29 February in a common year. */
static void birthdays_agree_with_the_plain_rule(void **state)
{
    (void)state;
    for (kdate d = D(1900, 1, 1); d <= D(2100, 12, 31); d++) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        for (int n = -40; n <= 40; n++) {
            kdate want = m == 2 && dd == 29 && !date_is_leap(y + n) ? date_from_ymd(y + n, 3, 1)
                                                                    : date_from_ymd(y + n, m, dd);
            if (date_birthday(d, n) != want)
                fail_msg("birthday %d of %04d-%02d-%02d: %d, expected %d", n, y, m, dd,
                         date_birthday(d, n), want);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(birthdays_agree_with_the_plain_rule),
        cmocka_unit_test(roundtrip_every_day),
        cmocka_unit_test(parse_table),
        cmocka_unit_test(format_table),
        cmocka_unit_test(add_months_table),
        cmocka_unit_test(age_table),
        cmocka_unit_test(today_can_be_pinned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
