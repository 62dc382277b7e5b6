/*
 * A day written as ISO text, for the suites' fixtures: "2027-01-20" as a kdate, failing the
 * test on anything else. Included by the suites that build records by date.
 */
#ifndef KITH_TEST_DAY_H
#define KITH_TEST_DAY_H

#include "core/date.h"

static inline kdate day(const char *iso)
{
    kdate d = DATE_NONE;
    assert_int_equal(date_parse_iso(iso, &d, NULL), 0);
    return d;
}

#endif
