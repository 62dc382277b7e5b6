/*
 * Civil dates as day numbers.
 *
 * A date is an int32 count of days since 1970-01-01 (negative before), so that
 * comparisons, differences and columnar storage are plain integer work. DATE_NONE marks
 * a missing date. Parsing is strict: the calendar must agree (no 31 April, 29 February
 * only in leap years) and the year must be within 1800..2200, a range far wider than any
 * person kith holds but narrow enough to catch a typed "20224".
 */
#ifndef KITH_CORE_DATE_H
#define KITH_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef int32_t kdate; /* the one typedef: a date is a number, not a struct */

#define DATE_NONE INT32_MIN
#define DATE_MIN_YEAR 1800
#define DATE_MAX_YEAR 2200
#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" + NUL */

enum weekday { WD_MON, WD_TUE, WD_WED, WD_THU, WD_FRI, WD_SAT, WD_SUN };

/* The calendar arithmetic is here, inline, because readers and rules call it for every date
 * of a return (hundreds of thousands per run): the days-from-civil method described in
 * date.c, proleptic Gregorian, day 0 = 1970-01-01. */
static inline bool date_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static inline int date_days_in_month(int y, int m)
{
    static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : len[m - 1];
}

/* No range checks: callers validate with date_valid_ymd first. */
static inline kdate date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (kdate)(era * 146097 + doe - 719468);
}

static inline void date_to_ymd(kdate z0, int *year, int *month, int *day)
{
    int z = z0 + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    *year = y + (m <= 2);
    *month = m;
    *day = d;
}

static inline bool date_valid_ymd(int y, int m, int d)
{
    return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month(y, m);
}

enum weekday date_weekday(kdate d);
int date_year(kdate d);

/* "YYYY-MM-DD" exactly. */
enum kerr_code date_parse_iso(const char *s, kdate *out, struct kerr *e);
/* "dd/mm/yyyy" exactly (the 903 CSV form). */
enum kerr_code date_parse_dmy(const char *s, kdate *out, struct kerr *e);
/* A date as a person types it: YYYY-MM-DD, or D/M/YYYY with one or two digits for the day
 * and month (what kith's own pages show), spaces around it allowed. The one reader of typed
 * dates: record fields (domain/rec.c) and every command-line date option. */
bool date_scan_typed(const char *s, kdate *out);
/* date_scan_typed with a message naming `field` and both forms. */
enum kerr_code date_parse(const char *s, const char *field, kdate *out, struct kerr *e);
/* Parse n bytes (not NUL-terminated); false when not a valid date. No messages: for readers. */
bool date_scan_iso(const char *p, size_t n, kdate *out);
bool date_scan_dmy(const char *p, size_t n, kdate *out);

/* Write into buf (at least DATE_ISO_LEN bytes); DATE_NONE gives "". Returns buf. */
char *date_format_iso(kdate d, char *buf);
char *date_format_dmy(kdate d, char *buf);

kdate date_add_days(kdate d, int32_t n);
/* Add calendar months; a day past the end of the target month becomes its last day
 * (31 Jan + 1 month = 28/29 Feb). */
kdate date_add_months(kdate d, int months);
/* Whole years of age on `on`. A 29 February birthday is reached on 1 March in common
 * years, as for English age-of-majority practice. Negative if on < dob. */
int date_age_on(kdate dob, kdate on);
/* The date of the n-th birthday (29 February → 1 March in common years). Counted in years
 * that start on 1 March, as date_to_ymd does: a day keeps its place in such a year whatever
 * the year, and 29 February is the last day of one, so that in a year without it the same
 * place is the next year's first day, 1 March. Rules ask for birthdays of every row of a
 * return, and this skips the months date_to_ymd and date_from_ymd would work out. */
static inline kdate date_birthday(kdate dob, int n)
{
    int z = dob + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* 0 = 1 March */
    int y = era * 400 + yoe + n;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    return (kdate)(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468);
}

/* Today in UTC, or the date set by KITH_TODAY=YYYY-MM-DD so tests and demos can pin it. */
kdate date_today(void);

#endif
