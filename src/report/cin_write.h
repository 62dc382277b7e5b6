/*
 * Writing an in-memory CIN census return (domain/ret/cin.h) as the DfE's XML: the return
 * projected from the live records (domain/cin_project.h) becomes the file a council
 * submits, every element in the schema's order, from the one description of the format
 * the reader uses (cin_xml.h). A value the return holds as written goes out as written;
 * a missing one leaves its element out, and a wrapper with nothing inside (Disabilities,
 * Reviews, FactorsIdentifiedAtAssessment) is left out too.
 */
#ifndef KITH_REPORT_CIN_WRITE_H
#define KITH_REPORT_CIN_WRITE_H

#include "core/str.h"
#include "domain/ret/table.h"

/* Append the return `r` (kind CIN) to `out` as a CIN census XML document. */
void cin_write(const struct ret *r, struct str *out);

#endif
