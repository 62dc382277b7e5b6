/*
 * Civil-date arithmetic (see date.h). Conversions use the days-from-civil method on a
 * calendar whose years start on 1 March, which puts the leap day at the end of the year
 * and makes the month lengths a closed formula. No libc time functions are used: they
 * depend on the time zone, and gmtime/localtime are banned.
 */
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum weekday date_weekday(kdate d)
{
    /* 1970-01-01 was a Thursday */
    int w = (int)((d % 7 + 7 + WD_THU) % 7);
    return (enum weekday)w;
}

int date_year(kdate d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return y;
}

static bool digits(const char *p, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

static bool make(int y, int m, int d, kdate *out)
{
    if (!date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

bool date_scan_iso(const char *p, size_t n, kdate *out)
{
    int y, m, d;
    return n == 10 && p[4] == '-' && p[7] == '-' && digits(p, 4, &y) && digits(p + 5, 2, &m) &&
           digits(p + 8, 2, &d) && make(y, m, d, out);
}

bool date_scan_dmy(const char *p, size_t n, kdate *out)
{
    int y, m, d;
    return n == 10 && p[2] == '/' && p[5] == '/' && digits(p, 2, &d) && digits(p + 3, 2, &m) &&
           digits(p + 6, 4, &y) && make(y, m, d, out);
}

static enum kerr_code date_fail(struct kerr *e, const char *field, const char *s,
                                const char *expected)
{
    return kerr_fail(e, KITH_E_INVALID, field, "'%.40s' is not a date: expected %s", s, expected);
}

enum kerr_code date_parse_iso(const char *s, kdate *out, struct kerr *e)
{
    if (date_scan_iso(s, strlen(s), out))
        return KITH_OK;
    return date_fail(e, NULL, s, "YYYY-MM-DD, a real calendar day between 1800 and 2200");
}

enum kerr_code date_parse_dmy(const char *s, kdate *out, struct kerr *e)
{
    if (date_scan_dmy(s, strlen(s), out))
        return KITH_OK;
    return date_fail(e, NULL, s, "dd/mm/yyyy, a real calendar day between 1800 and 2200");
}

/* A whole number of at most `max` digits at *p, moving past it; -1 when none. */
static int take_digits(const char **p, int max)
{
    int v = 0, n = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

bool date_scan_typed(const char *s, kdate *out)
{
    while (*s == ' ')
        s++;
    const char *p = s;
    int a = take_digits(&p, 4), b, c;
    if (a < 0)
        return false;
    int y, m, d;
    if (p - s == 4 && *p == '-') {
        p++;
        b = take_digits(&p, 2);
        if (*p++ != '-')
            return false;
        c = take_digits(&p, 2);
        y = a, m = b, d = c;
    } else if (p - s <= 2 && *p == '/') {
        p++;
        b = take_digits(&p, 2);
        if (*p++ != '/')
            return false;
        const char *q = p;
        c = take_digits(&p, 4);
        if (p - q != 4)
            return false;
        y = c, m = b, d = a;
    } else {
        return false;
    }
    while (*p == ' ')
        p++;
    if (*p || !date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

enum kerr_code date_parse(const char *s, const char *field, kdate *out, struct kerr *e)
{
    if (date_scan_typed(s, out))
        return KITH_OK;
    return date_fail(e, field, s,
                     "YYYY-MM-DD or day/month/year (5/12/2026), a real calendar day between "
                     "1800 and 2200");
}

/* Writes digits by hand: the year is always four digits within DATE_MIN/MAX_YEAR. */
static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

static char *format(kdate d, char *buf, bool iso)
{
    if (d == DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    y = y < 0 ? 0 : y % 10000;
    char *yp = iso ? buf : buf + 6, *mp = iso ? buf + 5 : buf + 3, *dp = iso ? buf + 8 : buf;
    put2(yp, y / 100);
    put2(yp + 2, y % 100);
    put2(mp, m);
    put2(dp, dd);
    buf[iso ? 4 : 2] = iso ? '-' : '/';
    buf[iso ? 7 : 5] = iso ? '-' : '/';
    buf[10] = '\0';
    return buf;
}

char *date_format_iso(kdate d, char *buf) { return format(d, buf, true); }
char *date_format_dmy(kdate d, char *buf) { return format(d, buf, false); }

kdate date_add_days(kdate d, int32_t n) { return d + n; }

kdate date_add_months(kdate d, int months)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    int total = y * 12 + (m - 1) + months;
    int ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
    int nm = total - ny * 12 + 1;
    int last = date_days_in_month(ny, nm);
    return date_from_ymd(ny, nm, dd > last ? last : dd);
}

int date_age_on(kdate dob, kdate on)
{
    int by, bm, bd, y, m, d;
    date_to_ymd(dob, &by, &bm, &bd);
    date_to_ymd(on, &y, &m, &d);
    int age = y - by;
    if (on >= dob) {
        if (date_birthday(dob, age) > on)
            age--;
    } else {
        if (date_birthday(dob, age) < on)
            age++;
    }
    return age;
}

kdate date_today(void)
{
    const char *pin = getenv("KITH_TODAY");
    kdate d;
    if (pin && date_scan_iso(pin, strlen(pin), &d))
        return d;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (kdate)(ts.tv_sec / 86400);
}
