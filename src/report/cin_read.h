/*
 * Reading a CIN census XML file into an in-memory return (domain/ret/cin.h), streaming:
 * the file is never held whole, only the tables it fills.
 *
 * What is read follows the DfE schema: Header/CollectionDetails and Header/Source, then
 * each Children/Child with its ChildIdentifiers, ChildCharacteristics (Ethnicity,
 * Disabilities/Disability), and CINdetails with Assessments (and their
 * FactorsIdentifiedAtAssessment/AssessmentFactors), CINPlanDates, Section47,
 * ChildProtectionPlans (with Reviews/CPPreviewDate) and, from 2026/27,
 * PreProceedingsandFGDM; the elements are described once in cin_xml.c, which the writer
 * (cin_write.h) follows too. Anything unknown is skipped. When an element is repeated where
 * the schema allows one, the first is kept.
 *
 * A value that should be a date and is not is read as missing, and a warning naming the
 * file, line and column goes to `warn` (if not NULL): the rules then report what is missing,
 * as the DfE's tools do. A file that is not well-formed XML, is not a CIN census (no Message
 * root) or passes the size limit is an error naming the file, line and column.
 */
#ifndef KITH_REPORT_CIN_READ_H
#define KITH_REPORT_CIN_READ_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"
#include "domain/ret/table.h"

struct xml_read;

struct cin_read_opts {
    size_t max_bytes; /* refuse larger files; 0 = no limit */
    FILE *warn;       /* warnings about values read as missing, or NULL */
    int max_warnings; /* after this many, one line says how many more (0 = 20) */
};

/* Fill `r` (ret_init'ed with ret_kind_cin) from the file at `path`; `name` is how messages
 * name it (NULL: the path). */
enum kerr_code cin_read_file(struct ret *r, const char *path, const char *name,
                             const struct cin_read_opts *o, struct kerr *e);
/* The same from bytes in memory. */
enum kerr_code cin_read_memory(struct ret *r, const char *data, size_t len, const char *name,
                               const struct cin_read_opts *o, struct kerr *e);

#endif
