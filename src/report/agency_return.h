/*
 * The DfE's quarterly data on agency child and family social workers (statutory guidance
 * on agency rules, its data collection section) as a CSV file: one line for each agency
 * assignment in force in the quarter, its columns one table (agency_return_columns) that
 * docs/workforce.md lists with where each comes from. The DfE's own template was not found,
 * so the columns are kith's reading of what the guidance says the data covers.
 */
#ifndef KITH_REPORT_AGENCY_RETURN_H
#define KITH_REPORT_AGENCY_RETURN_H

#include "casework/agency.h"
#include "core/str.h"

/* The file: a header line and a line per assignment, CRLF line ends (RFC 4180). */
void agency_return_csv(const struct agency_period *p, struct str *out);

#endif
