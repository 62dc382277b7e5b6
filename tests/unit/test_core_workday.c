/*
 * England and Wales bank holidays and working days: whole years checked against the
 * published lists, every one-off change, substitute days, Easter 2000-2040, and the
 * count/add inverse property over the whole supported span.
 */
#include "test.h"

#include <string.h>

#include "core/workday.h"

static kdate D(int y, int m, int d) { return date_from_ymd(y, m, d); }

/* Whole years as published (day-month pairs in order). */
static const struct {
    int year;
    int n;
    int md[10][2];
} years[] = {
    {2002, 9, {{1, 1}, {3, 29}, {4, 1}, {5, 6}, {6, 3}, {6, 4}, {8, 26}, {12, 25}, {12, 26}}},
    {2011, 9, {{1, 3}, {4, 22}, {4, 25}, {4, 29}, {5, 2}, {5, 30}, {8, 29}, {12, 26}, {12, 27}}},
    {2012, 9, {{1, 2}, {4, 6}, {4, 9}, {5, 7}, {6, 4}, {6, 5}, {8, 27}, {12, 25}, {12, 26}}},
    {2016, 8, {{1, 1}, {3, 25}, {3, 28}, {5, 2}, {5, 30}, {8, 29}, {12, 26}, {12, 27}}},
    {2020, 8, {{1, 1}, {4, 10}, {4, 13}, {5, 8}, {5, 25}, {8, 31}, {12, 25}, {12, 28}}},
    {2021, 8, {{1, 1}, {4, 2}, {4, 5}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}}},
    {2022,
     10,
     {{1, 3}, {4, 15}, {4, 18}, {5, 2}, {6, 2}, {6, 3}, {8, 29}, {9, 19}, {12, 26}, {12, 27}}},
    {2023, 9, {{1, 2}, {4, 7}, {4, 10}, {5, 1}, {5, 8}, {5, 29}, {8, 28}, {12, 25}, {12, 26}}},
    {2024, 8, {{1, 1}, {3, 29}, {4, 1}, {5, 6}, {5, 27}, {8, 26}, {12, 25}, {12, 26}}},
    {2025, 8, {{1, 1}, {4, 18}, {4, 21}, {5, 5}, {5, 26}, {8, 25}, {12, 25}, {12, 26}}},
    {2026, 8, {{1, 1}, {4, 3}, {4, 6}, {5, 4}, {5, 25}, {8, 31}, {12, 25}, {12, 28}}},
    {2027, 8, {{1, 1}, {3, 26}, {3, 29}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}}},
    {2033, 8, {{1, 3}, {4, 15}, {4, 18}, {5, 2}, {5, 30}, {8, 29}, {12, 26}, {12, 27}}},
    {2038, 8, {{1, 1}, {4, 23}, {4, 26}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}}},
};

static void whole_years(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(years); i++) {
        struct holiday h[HOLIDAYS_MAX_PER_YEAR];
        int n = holidays_in_year(years[i].year, h, HOLIDAYS_MAX_PER_YEAR);
        assert_int_equal(n, years[i].n);
        for (int k = 0; k < n; k++) {
            assert_int_equal(h[k].date, D(years[i].year, years[i].md[k][0], years[i].md[k][1]));
            assert_true(date_is_bank_holiday(h[k].date));
            assert_false(date_is_working_day(h[k].date));
            assert_true(strlen(h[k].name) > 0);
        }
    }
}

static void one_offs_and_moves(void **state)
{
    (void)state;
    static const struct {
        int y, m, d, holiday;
    } cases[] = {
        {2011, 4, 29, 1},  {2012, 6, 4, 1}, {2012, 6, 5, 1}, {2012, 5, 28, 0}, /* moved */
        {2020, 5, 8, 1},   {2020, 5, 4, 0}, {2022, 6, 2, 1}, {2022, 6, 3, 1},  {2022, 5, 30, 0},
        {2022, 9, 19, 1},  {2023, 5, 8, 1}, {2002, 6, 3, 1}, {2002, 6, 4, 1},  {2002, 5, 27, 0},
        {1999, 12, 31, 1}, {1995, 5, 8, 1}, {1995, 5, 1, 0}, {2024, 2, 29, 0}, {2028, 2, 29, 0},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        assert_int_equal(date_is_bank_holiday(D(cases[i].y, cases[i].m, cases[i].d)),
                         cases[i].holiday);
}

static void easter_2000_2040(void **state)
{
    (void)state;
    /* Easter Sunday, month and day, for 2000..2040. */
    static const int easter[41][2] = {
        {4, 23}, {4, 15}, {3, 31}, {4, 20}, {4, 11}, {3, 27}, {4, 16}, {4, 8},  {3, 23},
        {4, 12}, {4, 4},  {4, 24}, {4, 8},  {3, 31}, {4, 20}, {4, 5},  {3, 27}, {4, 16},
        {4, 1},  {4, 21}, {4, 12}, {4, 4},  {4, 17}, {4, 9},  {3, 31}, {4, 20}, {4, 5},
        {3, 28}, {4, 16}, {4, 1},  {4, 21}, {4, 13}, {3, 28}, {4, 17}, {4, 9},  {3, 25},
        {4, 13}, {4, 5},  {4, 25}, {4, 10}, {4, 1},
    };
    for (int y = 2000; y <= 2040; y++) {
        kdate sunday = D(y, easter[y - 2000][0], easter[y - 2000][1]);
        assert_true(date_is_bank_holiday(sunday - 2)); /* Good Friday */
        assert_true(date_is_bank_holiday(sunday + 1)); /* Easter Monday */
        assert_false(date_is_bank_holiday(sunday - 1));
        assert_false(date_is_bank_holiday(sunday - 3));
    }
}

static void every_year_is_sane(void **state)
{
    (void)state;
    for (int y = 1978; y <= 2100; y++) {
        struct holiday h[HOLIDAYS_MAX_PER_YEAR];
        int n = holidays_in_year(y, h, HOLIDAYS_MAX_PER_YEAR);
        assert_true(n >= 8 && n <= 10);
        for (int k = 0; k < n; k++) {
            assert_true(date_weekday(h[k].date) < WD_SAT); /* substitutes land on weekdays */
            if (k)
                assert_true(h[k].date > h[k - 1].date); /* ordered, no two on one day */
        }
    }
}

static void working_day_arithmetic(void **state)
{
    (void)state;
    static const struct {
        int fy, fm, fd, n, ty, tm, td;
    } cases[] = {
        {2025, 11, 21, 1, 2025, 11, 24}, /* Friday + 1 = Monday */
        {2025, 11, 22, 1, 2025, 11, 24}, /* Saturday + 1 = Monday */
        {2025, 12, 24, 1, 2025, 12, 29}, /* over Christmas and Boxing Day */
        {2026, 12, 24, 1, 2026, 12, 29}, /* Boxing Day Saturday: substitute Monday 28th */
        {2025, 12, 31, 1, 2026, 1, 2},   /* year boundary, New Year's Day */
        {2026, 4, 2, 1, 2026, 4, 7},     /* Easter 2026 */
        {2022, 6, 1, 1, 2022, 6, 6},     /* Platinum Jubilee weekend */
        {2024, 2, 28, 1, 2024, 2, 29},   /* 29 February is an ordinary working day */
        {2024, 2, 29, 1, 2024, 3, 1},
        {2025, 4, 1, 45, 2025, 6, 9}, /* 45 working days across Easter and two May holidays */
        {2026, 1, 5, 15, 2026, 1, 26},
        {2025, 11, 24, -1, 2025, 11, 21}, /* backwards */
        {2026, 1, 2, -1, 2025, 12, 31},
        {2025, 11, 22, 0, 2025, 11, 22},
        {2025, 1, 1, 250, 2025, 12, 24},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        kdate from = D(cases[i].fy, cases[i].fm, cases[i].fd);
        kdate to = D(cases[i].ty, cases[i].tm, cases[i].td);
        assert_int_equal(workday_add(from, cases[i].n), to);
        if (cases[i].n >= 0)
            assert_int_equal(workday_count(from, to), cases[i].n);
        else
            assert_int_equal(workday_count(to, from), -cases[i].n);
    }
    /* 2025 has 365 days, 104 weekend days and 8 bank holidays on weekdays. */
    assert_int_equal(workday_count(D(2024, 12, 31), D(2025, 12, 31)), 253);
    assert_int_equal(workday_count(D(2021, 12, 31), D(2022, 12, 31)), 250);
}

static void count_and_add_are_inverse(void **state)
{
    (void)state;
    /* Over the whole supported span, for a spread of starts and lengths. */
    for (kdate from = D(1999, 12, 20); from < D(2041, 1, 10); from += 37) {
        for (int n = 0; n <= 70; n += 7) {
            kdate to = workday_add(from, n);
            assert_int_equal(workday_count(from, to), n);
            if (n)
                assert_true(date_is_working_day(to));
            kdate back = workday_add(from, -n);
            if (n)
                assert_true(date_is_working_day(back) && back < from);
            if (date_is_working_day(from))
                assert_int_equal(workday_count(back, from), n);
        }
    }
    /* Outside the precomputed span the slow path gives the same answers. */
    assert_int_equal(workday_count(D(2100, 12, 20), D(2101, 1, 10)),
                     workday_count(D(2100, 12, 20), D(2100, 12, 31)) +
                         workday_count(D(2100, 12, 31), D(2101, 1, 10)));
    /* 1 January 2101 is a Saturday: New Year substitute Monday 3rd, so Tuesday 4th */
    assert_int_equal(workday_add(D(2101, 1, 1), 1), D(2101, 1, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_years),
        cmocka_unit_test(one_offs_and_moves),
        cmocka_unit_test(easter_2000_2040),
        cmocka_unit_test(every_year_is_sane),
        cmocka_unit_test(working_day_arithmetic),
        cmocka_unit_test(count_and_add_are_inverse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
