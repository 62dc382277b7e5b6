/*
 * Reading an SSDA903 return into an in-memory return (domain/ret/ssda903.h): the CSV set of
 * a directory, or the 903 XML. The XML is streamed; each CSV file is read whole into the
 * return's text pool (it would be kept there anyway) and its cells point into it.
 *
 * The CSV set: each table comes from the file the DfE names (header.csv, episodes.csv,
 * reviews.csv, uasc.csv, oc2.csv, oc3.csv, ad1.csv, placed_for_adoption.csv,
 * previous_permanence.csv, missing.csv, sw_episodes.csv, DoLo.csv; names compared without
 * regard to case); any may be absent. A file's first record names its columns, in any
 * order; every column of the table must be there once and no other may be (the header's
 * UASC flag, which the DfE derives from uasc.csv, may also be given). Other files in the
 * directory are left alone. When both header.csv and uasc.csv are given, a child's UASC
 * flag is derived from the UASC table as the DfE does.
 *
 * The XML (root EXPSSDA903, as local authority systems export it): each CHILD has a HEADER
 * (CHILDID, UPN, SEX, DOB, ETHNIC, UASC, DUC, MOTHER, MC_DOB, the OC3 items IN_TOUCH,
 * ACTIV, ACCOM, the AD1 items, and AREVIEW, AMISSING, OC2, PERMANENCE and AD_PLACED blocks)
 * and EPISODE elements (with PL for the placement type). Social worker episodes (SW_EPISODE
 * or SWEPISODE: SW_ID, SW_DECOM, SW_DEC, SW_REASON) and deprivation of liberty orders (DOLO
 * or DEPRIVATION_OF_LIBERTY: DOLO_START, DOLO_END) are read inside HEADER or beside EPISODE.
 * Unknown elements are skipped.
 *
 * A value that is not valid (a date that is not a date, a code not in its set) is kept as
 * written for the rules to report; only input that cannot be read at all is an error:
 * malformed CSV or XML, a missing, repeated or unknown column, a record with the wrong
 * number of fields, a file past the size limit. Errors name the file, line and column.
 */
#ifndef KITH_REPORT_SSDA903_READ_H
#define KITH_REPORT_SSDA903_READ_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"
#include "domain/ret/table.h"

struct s903_read_opts {
    size_t max_bytes; /* refuse a return whose files are larger than this together (a
                         directory's, before reading any) or one file larger; 0 = no limit */
    FILE *warn;       /* notes on what was read (files skipped), or NULL */
};

/* Fill `r` (ret_init'ed with ret_kind_903) from the CSV files in directory `dir`. At least
 * one of the DfE's files must be there. */
enum kerr_code s903_read_dir(struct ret *r, const char *dir, const struct s903_read_opts *o,
                             struct kerr *e);
/* Read one table's CSV from memory (uploads, fuzzing); `name` names it in messages and says
 * which table it is ("episodes.csv"). */
enum kerr_code s903_read_csv_memory(struct ret *r, const char *name, const char *data, size_t len,
                                    const struct s903_read_opts *o, struct kerr *e);
/* The refusal of a return over the limit: `total` bytes of files against `max`. */
enum kerr_code s903_too_large(const char *what, size_t total, size_t max, struct kerr *e);
/* Fill `r` from a 903 XML file, or from bytes in memory. */
enum kerr_code s903_read_xml(struct ret *r, const char *path, const struct s903_read_opts *o,
                             struct kerr *e);
enum kerr_code s903_read_xml_memory(struct ret *r, const char *data, size_t len, const char *name,
                                    struct kerr *e);

/* After reading: derive what the DfE derives (the header's UASC flag for CSV input). */
void s903_read_finish(struct ret *r);

#endif
