/*
 * Working days for England and Wales.
 *
 * A working day is Monday to Friday and not a bank holiday. Bank holidays come from the
 * standing rules (New Year's Day, Good Friday, Easter Monday, early May, spring, summer,
 * Christmas Day, Boxing Day, with weekday substitutes) and a table of one-off changes
 * proclaimed for particular years. Correct from 1978 (when the early May holiday began)
 * until a proclamation changes a future year; the table is then the one place to edit.
 *
 * Counting convention, chosen so that the two functions are inverses:
 *   workday_count(from, to) = the number of working days d with from < d <= to
 *                             (negative, counted the other way, when to < from);
 *   workday_add(from, n)    = the n-th working day after `from` (before it when n < 0;
 *                             `from` itself when n == 0);
 *   workday_count(from, workday_add(from, n)) == n for every from and n >= 0;
 *   backwards, workday_count(workday_add(from, -n), from) == n when `from` is itself a
 *   working day (from a weekend, "1 working day before Sunday" is Friday, and the count
 *   from Friday to Sunday is 0: a count needs a working day at its end).
 * So "within 45 working days of D" means on or before workday_add(D, 45).
 */
#ifndef KITH_CORE_WORKDAY_H
#define KITH_CORE_WORKDAY_H

#include <stdbool.h>

#include "core/date.h"

struct holiday {
    kdate date;
    const char *name;
};

#define HOLIDAYS_MAX_PER_YEAR 16

/* The bank holidays of `year` in date order; returns how many were written. */
int holidays_in_year(int year, struct holiday *out, int max);
bool date_is_bank_holiday(kdate d);
bool date_is_working_day(kdate d);
kdate workday_add(kdate from, int n);
int workday_count(kdate from, kdate to);

#endif
