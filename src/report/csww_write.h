/*
 * Writing the DfE children's social work workforce census (domain/csww.h) as the XML the
 * DfE collects, or the worker-level items as CSV for people to read. The worker items are
 * one table (csww_items), in the schema's order (src/report/csww.xsd): the XML writer and
 * the CSV writer walk the same rows, and so does the count of items the records lack.
 */
#ifndef KITH_REPORT_CSWW_WRITE_H
#define KITH_REPORT_CSWW_WRITE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/str.h"
#include "domain/csww.h"

/* One worker-level item: its element name, its value for a worker (NULL: left out; `buf`
 * has room for a number or a date), and whether a worker should have one (NULL: every
 * worker), so that a missing value can be told from one that does not apply. */
struct csww_item {
    const char *name;
    const char *(*value)(const struct csww_census *c, const struct csww_worker *w, char *buf);
    bool (*applies)(const struct csww_census *c, const struct csww_worker *w);
};
#define CSWW_VALUE_MAX 32
extern const struct csww_item csww_items[];
extern const size_t csww_items_len;

/* Append the census as an XML document: the header (collection, year, reference date and,
 * when `lea` is given, the source with the LA's number and `now`, seconds since 1970 UTC,
 * as its DateTime), the LA-level figures and one CSWWWorker per worker. */
void csww_write_xml(const struct csww_census *c, const char *lea, int64_t now, struct str *out);
/* Append the workers as CSV: a header of the item names, then a row per worker. */
void csww_write_csv(const struct csww_census *c, struct str *out);
/* How many of the census's workers lack item `i` of csww_items where it applies. */
size_t csww_missing(const struct csww_census *c, size_t i);

#endif
