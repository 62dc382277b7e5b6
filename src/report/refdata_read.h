/*
 * Reading reference data files for the 903 rules: the ONS postcode directory (ONSPD or
 * NSPL, the CSV the ONS publishes: pcds or pcd, oslaua or laua, oscty or cty, oseast1m,
 * osnrth1m) and the Ofsted provider lists saved as CSV (URN, the 903 placement codes and
 * provider codes it may be used with, its deregistration or closure date, its postcode).
 * Column names are matched without regard to case and in any order; other columns are
 * ignored. Each record read is handed to a callback, so a directory of millions of rows
 * never sits in memory.
 */
#ifndef KITH_REPORT_REFDATA_READ_H
#define KITH_REPORT_REFDATA_READ_H

#include <stddef.h>

#include "core/err.h"
#include "domain/refdata.h"

struct refdata_stats {
    long read;    /* records given to the callback */
    long skipped; /* records without a usable postcode or URN */
};

/* Call `fn` for every postcode of the directory at `path`. The upper-tier LA is the county
 * when the postcode is in one (an E10 code), else the district. A non-zero return from `fn`
 * stops the reading and is returned. */
enum kerr_code postcodes_read(const char *path, size_t max_bytes,
                              enum kerr_code (*fn)(void *ctx, const struct postcode_place *p),
                              void *ctx, struct refdata_stats *st, struct kerr *e);

/* The same for the providers of an Ofsted list saved as CSV. Placement and provider codes
 * may be separated by slashes, commas or spaces ("K2/K1"); the LA is left empty. */
enum kerr_code providers_read(const char *path, size_t max_bytes,
                              enum kerr_code (*fn)(void *ctx, const struct provider *p), void *ctx,
                              struct refdata_stats *st, struct kerr *e);

#endif
