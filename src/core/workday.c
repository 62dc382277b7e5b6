/*
 * England and Wales bank holidays and working-day arithmetic (see workday.h).
 *
 * The standing rules and the one-off changes are two tables. For speed a bitmap and a
 * running count of working days are built once for 1900..2100, so that counting the
 * working days between two dates is two array reads, which the return validators rely
 * on when they check timescales for every row. Outside that span the functions walk day
 * by day using the same rules.
 */
#include "core/workday.h"

#include <stdint.h>
#include <stdlib.h>
#include <threads.h>

/* Gregorian Easter Sunday (the anonymous Gregorian computus). */
static kdate easter_sunday(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return date_from_ymd(y, month, day);
}

static kdate first_monday(int y, int m)
{
    kdate d = date_from_ymd(y, m, 1);
    return d + (7 - (int)date_weekday(d)) % 7;
}

static kdate last_monday(int y, int m)
{
    kdate d = date_from_ymd(y, m, date_days_in_month(y, m));
    return d - (int)date_weekday(d);
}

static kdate r_new_year(int y) { return date_from_ymd(y, 1, 1); }
static kdate r_good_friday(int y) { return easter_sunday(y) - 2; }
static kdate r_easter_monday(int y) { return easter_sunday(y) + 1; }
static kdate r_early_may(int y) { return first_monday(y, 5); }
static kdate r_spring(int y) { return last_monday(y, 5); }
static kdate r_summer(int y) { return last_monday(y, 8); }
static kdate r_christmas(int y) { return date_from_ymd(y, 12, 25); }
static kdate r_boxing(int y) { return date_from_ymd(y, 12, 26); }

enum hol_kind {
    H_NEW_YEAR,
    H_GOOD_FRIDAY,
    H_EASTER_MONDAY,
    H_EARLY_MAY,
    H_SPRING,
    H_SUMMER,
    H_CHRISTMAS,
    H_BOXING,
    H_KIND_COUNT
};

/* The standing rules. `substitute` holidays move to the next free weekday when they fall
 * at a weekend (the others always fall on a weekday by construction). */
static const struct {
    const char *name;
    kdate (*date)(int year);
    int from_year;
    bool substitute;
} rules[H_KIND_COUNT] = {
    [H_NEW_YEAR] = {"New Year's Day", r_new_year, 1974, true},
    [H_GOOD_FRIDAY] = {"Good Friday", r_good_friday, 1871, false},
    [H_EASTER_MONDAY] = {"Easter Monday", r_easter_monday, 1871, false},
    [H_EARLY_MAY] = {"Early May bank holiday", r_early_may, 1978, false},
    [H_SPRING] = {"Spring bank holiday", r_spring, 1971, false},
    [H_SUMMER] = {"Summer bank holiday", r_summer, 1971, false},
    [H_CHRISTMAS] = {"Christmas Day", r_christmas, 1871, true},
    [H_BOXING] = {"Boxing Day", r_boxing, 1871, true},
};

/* One-off changes by royal proclamation. A row with a `moves` kind replaces that
 * year's standing holiday with `date`; a row with H_KIND_COUNT adds an extra holiday. */
static const struct {
    int y, m, d;
    int moves;
    const char *name;
} one_offs[] = {
    {1995, 5, 8, H_EARLY_MAY, "Early May bank holiday (VE day)"},
    {1999, 12, 31, H_KIND_COUNT, "Millennium celebrations"},
    {2002, 6, 3, H_KIND_COUNT, "Golden Jubilee of Queen Elizabeth II"},
    {2002, 6, 4, H_SPRING, "Spring bank holiday"},
    {2011, 4, 29, H_KIND_COUNT, "Wedding of Prince William and Catherine Middleton"},
    {2012, 6, 4, H_SPRING, "Spring bank holiday"},
    {2012, 6, 5, H_KIND_COUNT, "Diamond Jubilee of Queen Elizabeth II"},
    {2020, 5, 8, H_EARLY_MAY, "Early May bank holiday (VE day)"},
    {2022, 6, 2, H_SPRING, "Spring bank holiday"},
    {2022, 6, 3, H_KIND_COUNT, "Platinum Jubilee of Queen Elizabeth II"},
    {2022, 9, 19, H_KIND_COUNT, "State funeral of Queen Elizabeth II"},
    {2023, 5, 8, H_KIND_COUNT, "Coronation of King Charles III"},
};

static bool is_weekend(kdate d) { return date_weekday(d) >= WD_SAT; }

static bool taken(const struct holiday *h, int n, kdate d)
{
    for (int i = 0; i < n; i++)
        if (h[i].date == d)
            return true;
    return false;
}

static int by_date(const void *a, const void *b)
{
    kdate x = ((const struct holiday *)a)->date, y = ((const struct holiday *)b)->date;
    return (x > y) - (x < y);
}

int holidays_in_year(int year, struct holiday *out, int max)
{
    struct holiday h[HOLIDAYS_MAX_PER_YEAR];
    int n = 0;
    bool moved[H_KIND_COUNT] = {false};
    for (size_t i = 0; i < sizeof(one_offs) / sizeof(one_offs[0]); i++) {
        if (one_offs[i].y != year)
            continue;
        if (one_offs[i].moves < H_KIND_COUNT)
            moved[one_offs[i].moves] = true;
        h[n++] =
            (struct holiday){date_from_ymd(year, one_offs[i].m, one_offs[i].d), one_offs[i].name};
    }
    /* Fixed-date holidays first claim their own day if it is a weekday, so that a
     * substitute never lands on a day another holiday already holds. */
    for (int k = 0; k < H_KIND_COUNT; k++) {
        if (moved[k] || year < rules[k].from_year)
            continue;
        kdate d = rules[k].date(year);
        if (!rules[k].substitute || !is_weekend(d))
            h[n++] = (struct holiday){d, rules[k].name};
    }
    for (int k = 0; k < H_KIND_COUNT; k++) {
        if (moved[k] || year < rules[k].from_year || !rules[k].substitute)
            continue;
        kdate d = rules[k].date(year);
        if (!is_weekend(d))
            continue;
        while (is_weekend(d) || taken(h, n, d))
            d++;
        h[n++] = (struct holiday){d, rules[k].name};
    }
    qsort(h, (size_t)n, sizeof(h[0]), by_date);
    int w = n < max ? n : max;
    for (int i = 0; i < w; i++)
        out[i] = h[i];
    return w;
}

/* Precomputed span: working-day bitmap and running counts. */
#define SPAN_FIRST_YEAR 1900
#define SPAN_LAST_YEAR 2100

static kdate span_start, span_end; /* [start, end) */
static uint8_t *span_holiday;      /* 1 = bank holiday */
static int32_t *span_count;        /* working days in [span_start, d) */
static once_flag span_once = ONCE_FLAG_INIT;

static void span_free(void)
{
    free(span_holiday);
    free(span_count);
}

static void span_build(void)
{
    span_start = date_from_ymd(SPAN_FIRST_YEAR, 1, 1);
    span_end = date_from_ymd(SPAN_LAST_YEAR + 1, 1, 1);
    size_t n = (size_t)(span_end - span_start);
    span_holiday = calloc(n, 1);
    span_count = malloc((n + 1) * sizeof(int32_t));
    if (!span_holiday || !span_count)
        abort();
    for (int y = SPAN_FIRST_YEAR; y <= SPAN_LAST_YEAR; y++) {
        struct holiday h[HOLIDAYS_MAX_PER_YEAR];
        int k = holidays_in_year(y, h, HOLIDAYS_MAX_PER_YEAR);
        for (int i = 0; i < k; i++)
            span_holiday[h[i].date - span_start] = 1;
    }
    int32_t c = 0;
    for (size_t i = 0; i < n; i++) {
        span_count[i] = c;
        kdate d = span_start + (kdate)i;
        c += !is_weekend(d) && !span_holiday[i];
    }
    span_count[n] = c;
    atexit(span_free);
}

static void span_ready(void) { call_once(&span_once, span_build); }

bool date_is_bank_holiday(kdate d)
{
    span_ready();
    if (d >= span_start && d < span_end)
        return span_holiday[d - span_start];
    struct holiday h[HOLIDAYS_MAX_PER_YEAR];
    int n = holidays_in_year(date_year(d), h, HOLIDAYS_MAX_PER_YEAR);
    return taken(h, n, d);
}

bool date_is_working_day(kdate d) { return !is_weekend(d) && !date_is_bank_holiday(d); }

/* Working days in [a, b) for a <= b. */
static int count_half_open(kdate a, kdate b)
{
    span_ready();
    if (a >= span_start && b <= span_end)
        return span_count[b - span_start] - span_count[a - span_start];
    int c = 0;
    for (kdate d = a; d < b; d++)
        c += date_is_working_day(d);
    return c;
}

int workday_count(kdate from, kdate to)
{
    if (to >= from)
        return count_half_open(from + 1, to + 1);
    return -count_half_open(to + 1, from + 1);
}

kdate workday_add(kdate from, int n)
{
    kdate d = from;
    int step = n > 0 ? 1 : -1;
    int left = abs(n);
    /* Whole weeks hold at most five working days, so jump ahead by the weeks that cannot
     * overshoot, then walk the rest. */
    while (left > 10) {
        int weeks = left / 5 - 1;
        kdate next = d + step * weeks * 7;
        /* days stepped over: (d, next] forwards, [next, d) backwards */
        int got = step > 0 ? workday_count(d, next) : workday_count(next - 1, d - 1);
        if (got <= 0 || got > left)
            break;
        d = next;
        left -= got;
    }
    while (left > 0) {
        d += step;
        if (date_is_working_day(d))
            left--;
    }
    return d;
}
