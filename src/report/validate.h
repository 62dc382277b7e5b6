/*
 * Validating a return, start to finish, for every front end: read the input (files on
 * disk for `kith validate`, uploads held in memory for the web page), settle the
 * collection year, load the reference data the return names from the store, run the rule
 * set of the year and count what was found. The CLI and the web page differ only in where
 * the bytes come from and how the findings are shown (findings_out.h), so a finding the
 * page shows is the one the command prints.
 */
#ifndef KITH_REPORT_VALIDATE_H
#define KITH_REPORT_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/refdata.h"
#include "domain/ret/rule.h"
#include "domain/ret/table.h"

struct store;

/* One input file held in memory (an upload); never written to disk. */
struct validate_file {
    const char *name; /* as the analyst named it: "episodes.csv", "CIN_Census_2026.xml" */
    const char *data;
    size_t len;
};

/* What to validate. Input is either `path` (a CIN XML file; a 903 XML file or a directory
 * of the 903's CSV files) or `files` (in memory: one XML file, or the 903's CSV files each
 * matched to its table by the DfE's file name). */
struct validate_input {
    const struct ret_kind *kind; /* &ret_kind_cin or &ret_kind_903 */
    const char *path;
    const struct validate_file *files;
    size_t nfiles;
    bool xml;              /* files, 903: the one file is the 903 XML, not the CSV set */
    const char *last_year; /* 903: last year's return (a path), or NULL */
    /* 903: last year's return in memory (one XML file, or its CSV files), when `last_year`
     * is NULL; nlast_files 0 for none */
    const struct validate_file *last_files;
    size_t nlast_files;
    bool last_xml;
    int year;            /* 0: the file's (the CIN ReferenceDate), else the current year */
    const char *la;      /* 903: the local authority's ONS code, or NULL */
    size_t max_bytes;    /* refuse an input file larger than this, and a 903 whose files are
                            larger together; 0 = no limit */
    FILE *warn;          /* notes from the readers (values read as missing), or NULL */
    struct store *store; /* where postcodes and providers are looked up, or NULL */
};

/* Where the collection year came from, for telling the user which rules were used. */
enum validate_year_from {
    VALIDATE_YEAR_ASKED, /* --year, or the page's select */
    VALIDATE_YEAR_FILE,  /* the CIN census's ReferenceDate (in validation.reference_date) */
    VALIDATE_YEAR_TODAY, /* the current date's: the 903, or a census with no reference date */
};

/* A run and what it found. The findings point into the return and the rule set, so they
 * live together until validation_release. */
struct validation {
    struct ret r;
    struct ret last;
    bool has_last;
    struct postcode_geo geo;
    struct provider_list prov;
    bool has_geo, has_prov;
    struct ruleset set;
    struct findings f;
    size_t errors, queries; /* findings by severity */
    double read_seconds, rule_seconds;
    enum validate_year_from year_from;
    kdate reference_date; /* VALIDATE_YEAR_FILE: the date the year was taken from */
    /* Why the reference data could not be read from the store, or "": the rules that need
     * it are then skipped and listed as such, and the caller says why. */
    char refdata_error[512];
};

/* Read, look up, run. On KITH_E_PARSE the input could not be read and `e` names the file,
 * line and column; `v` is then released already. On KITH_OK the findings are in v->f
 * (sorted), and v must be released with validation_release. */
enum kerr_code validation_run(struct validation *v, const struct validate_input *in,
                              struct kerr *e);
void validation_release(struct validation *v);

#endif
