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

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
/* No range checks: callers validate with date_valid_ymd first. */
kdate date_from_ymd(int year, int month, int day);
void date_to_ymd(kdate d, int *year, int *month, int *day);
bool date_valid_ymd(int year, int month, int day);
enum weekday date_weekday(kdate d);
int date_year(kdate d);

/* "YYYY-MM-DD" exactly. */
enum kerr_code date_parse_iso(const char *s, kdate *out, struct kerr *e);
/* "dd/mm/yyyy" exactly (the 903 CSV form). */
enum kerr_code date_parse_dmy(const char *s, kdate *out, struct kerr *e);
/* Either form; the error names both. `field` names the field in the message. */
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
/* The date of the n-th birthday (29 February → 1 March in common years). */
kdate date_birthday(kdate dob, int n);

/* Today in UTC, or the date set by KITH_TODAY=YYYY-MM-DD so tests and demos can pin it. */
kdate date_today(void);

#endif
