/*
 * `kith validate`: check a statutory return file with every DfE rule of its year and print
 * the findings (CSV, JSON or HTML). Each return kind is one row of the subcommand table;
 * the run itself (read, reference data, rules) is report/validate.c's, shared with the
 * web page, and this file only parses the options, writes the findings and turns the
 * outcome into the exit status (0 no findings, 1 findings, 2 the input could not be read).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "core/str.h"
#include "domain/codeset.h"
#include "domain/ret/cin.h"
#include "domain/ret/ssda903.h"
#include "report/findings_out.h"
#include "report/validate.h"
#include "store/store.h"

/* The largest council's census is tens of MB; the limit keeps memory bounded whatever the
 * input (the tables take about as much memory as the file). */
#define DEFAULT_MAX_MB 512L
/* The 903's rules join its tables, so the whole return is in memory: a 208 MB CSV set
 * (481,500 children) peaked at 1.1 GB. England's looked-after children in one return are
 * some tens of MB; 100 MB for the files together keeps a run under about 600 MB. */
#define DEFAULT_MAX_MB_903 100L

struct validate_opts {
    const char *year;
    const char *format;
    int timings;
    long max_mb;
    const char *last_year; /* 903 */
    const char *la;        /* 903 */
    int live;              /* CIN: the live records, not a file */
};

static const struct cli_opt validate_opts[] = {
    {"year", OPT_STR, offsetof(struct validate_opts, year), "Y",
     "collection year (2026 or 2025/26; default: the file's, else the current)"},
    {"format", OPT_STR, offsetof(struct validate_opts, format), "FMT",
     "csv (default), json or html"},
    {"timings", OPT_BOOL, offsetof(struct validate_opts, timings), NULL,
     "print the time spent reading and running rules on stderr"},
    {"max-size", OPT_INT, offsetof(struct validate_opts, max_mb), "MB",
     "refuse input files larger than this (default 512)"},
    {"live", OPT_BOOL, offsetof(struct validate_opts, live), NULL,
     "the live records in the database, not a file (--format text, csv or json)"},
    {0},
};

/* The 903's options: the common ones, last year's return and the local authority. */
static const struct cli_opt validate903_opts[] = {
    {"year", OPT_STR, offsetof(struct validate_opts, year), "Y",
     "collection year (2026 or 2025/26; default: the current one)"},
    {"last-year", OPT_STR, offsetof(struct validate_opts, last_year), "DIR|FILE.xml",
     "last year's return, for the rules that compare the two (skipped without it)"},
    {"la", OPT_STR, offsetof(struct validate_opts, la), "CODE",
     "the local authority's ONS code (E09000019), for the placement location rules"},
    {"format", OPT_STR, offsetof(struct validate_opts, format), "FMT",
     "csv (default), json or html"},
    {"timings", OPT_BOOL, offsetof(struct validate_opts, timings), NULL,
     "print the time spent reading and running rules on stderr"},
    {"max-size", OPT_INT, offsetof(struct validate_opts, max_mb), "MB",
     "refuse a return whose files are larger than this together (default 100)"},
    {0},
};

/* Everything about a run that does not depend on the kind of return. */
struct run {
    struct cli *c;
    const struct validate_opts *o;
    enum findings_format fmt;
    int year; /* asked with --year, or 0 */
};

static enum kerr_code run_setup(struct cli *c, const struct validate_opts *o, struct run *run)
{
    run->c = c;
    run->o = o;
    run->fmt = FINDINGS_CSV;
    run->year = 0;
    if (o->format && !findings_format_parse(o->format, &run->fmt))
        return kerr_fail(&c->err, KITH_E_USAGE, "format", "'%s' is not csv, json or html",
                         o->format);
    if (o->year && !collection_year_parse(o->year, &run->year))
        return kerr_fail(&c->err, KITH_E_USAGE, "year",
                         "'%s' is not a collection year: expected " COLLECTION_YEAR_EXPECTED,
                         o->year);
    if (o->max_mb < 0 || o->max_mb > 1024L * 1024)
        return kerr_fail(&c->err, KITH_E_USAGE, "max-size", "give a size in MB from 1 to %ld",
                         1024L * 1024);
    return KITH_OK;
}

/* Say on stderr when the year has no rule set of its own. */
static void say_year(const struct ruleset *set)
{
    char a[8], b[8];
    if (set->asked != set->year)
        fprintf(stderr, "kith: no %s rules are known for %s; using those of %s, the %s\n",
                set->kind->title, collection_year_text(set->asked, a, sizeof(a)),
                collection_year_text(set->year, b, sizeof(b)),
                set->asked < set->year ? "earliest" : "latest");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The database at --db (or $KITH_DB, or the default) for the 903's reference data, when
 * there is one; NULL otherwise, and the rules that need it are skipped. */
static struct store *refdata_store(struct cli *c)
{
    struct stat st;
    if (!c->db || (!strstr(c->db, "://") && stat(c->db, &st) != 0))
        return NULL;
    struct store *s;
    struct kerr e = KERR_INIT;
    if (store_open(c->db, STORE_READONLY, &s, &e)) {
        fprintf(stderr, "kith: warning: reference data not read from %s: %s\n", c->db, e.msg);
        return NULL;
    }
    return s;
}

/* Validate (report/validate.c, as the web page does), write the findings, and say what
 * happened. A file that cannot be read is exit status 2, whatever the reason. */
static enum kerr_code validate(struct cli *c, const struct validate_opts *o,
                               const struct ret_kind *kind, const char *path)
{
    struct run run;
    enum kerr_code rc = run_setup(c, o, &run);
    if (rc)
        return rc;
    struct validate_input in = {
        .kind = kind,
        .path = path,
        .last_year = o->last_year,
        .year = run.year,
        .la = o->la,
        .max_bytes = (size_t)(o->max_mb               ? o->max_mb
                              : kind == &ret_kind_903 ? DEFAULT_MAX_MB_903
                                                      : DEFAULT_MAX_MB)
                     << 20,
        .warn = stderr,
        .store = kind == &ret_kind_903 ? refdata_store(c) : NULL,
    };
    struct validation v;
    rc = validation_run(&v, &in, &c->err);
    if (in.store)
        store_close(in.store);
    if (rc) {
        c->err.code = KITH_E_PARSE;
        return KITH_E_PARSE;
    }
    if (v.refdata_error[0])
        fprintf(stderr, "kith: warning: reference data not read from %s: %s\n", c->db,
                v.refdata_error);
    say_year(&v.set);

    const char *source = base_name(path);
    double t0 = now();
    struct str out = STR_INIT;
    struct findings_doc doc = {
        .r = &v.r, .set = &v.set, .f = &v.f, .source = source, .flush = c->out};
    findings_write(&out, run.fmt, &doc);
    fwrite(out.buf, 1, out.len, c->out);
    str_release(&out);
    double t_write = now() - t0;

    const struct findings *f = &v.f;
    fprintf(stderr, "kith: %s: %zu findings (%zu errors, %zu queries) from %zu rules", source, f->n,
            v.errors, v.queries, f->nran);
    if (f->nskipped) {
        fprintf(stderr, "; %zu rules skipped:\n", f->nskipped);
        for (size_t i = 0; i < f->nskipped; i++)
            fprintf(stderr, "kith:   %s %s\n", f->skipped[i].rule->code, f->skipped[i].reason);
    } else {
        fprintf(stderr, "\n");
    }
    if (o->timings)
        fprintf(stderr, "kith: timings: read %.4f s, rules %.4f s, write %.4f s\n", v.read_seconds,
                v.rule_seconds, t_write);
    rc = f->n ? KITH_E_FINDINGS : KITH_OK;
    validation_release(&v);
    return rc;
}

#define CIN_USAGE                                                                                  \
    "FILE.xml [--year Y] [--format csv|json|html] | --live [--year Y] [--format text|csv|json]"

static enum kerr_code run_cin(struct cli *c, void *opts, int argc, char **argv)
{
    const struct validate_opts *o = opts;
    if (!o->live && argc == 0)
        return kerr_fail(&c->err, KITH_E_USAGE, NULL, "usage: %s %s", c->prog, CIN_USAGE);
    if (o->live && argc)
        return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                         "give a census file, or --live for the live records (not both)");
    if (o->live)
        return cli_validate_live(c, o->year, o->format);
    return validate(c, opts, &ret_kind_cin, argv[0]);
}

static enum kerr_code run_903(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    return validate(c, opts, &ret_kind_903, argv[0]);
}

/* One row per return kind. The SSDA903 row (`kith validate 903 DIR|FILE.xml`) comes with
 * its reader. */
static const struct cli_command validate_sub[] = {
    {.name = "cin",
     .summary = "check a CIN census XML file with the DfE's rules",
     .usage = CIN_USAGE,
     .description =
         "Reads the census (streaming) and runs every CIN validation rule of the year.\n"
         "Findings go to stdout, one per line in CSV (rule,severity,table,row,child,fields,\n"
         "message), or as JSON or an HTML report. Without --year the year is the file's\n"
         "(its ReferenceDate). Exit status: 0 no findings, 1 findings, 2 the file could\n"
         "not be read.\n"
         "With --live, the rules run over the help-and-protection records in the database\n"
         "(--db), projected as the census of the year (default: the current one) would be;\n"
         "each finding names the child (public id and LA child id) and the record at fault\n"
         "(CSV columns: rule,severity,child,la_child_id,record_type,record,fields,message,\n"
         "explained: a query's explanation, recorded as kith record add cin_ack).",
     .opts = validate_opts,
     .opts_size = sizeof(struct validate_opts),
     .min_args = 0,
     .max_args = 1,
     .run = run_cin},
    {.name = "903",
     .summary = "check an SSDA903 return (the CSV set in a directory, or the XML) with the "
                "DfE's rules",
     .usage = "DIR|FILE.xml [--year Y] [--last-year DIR] [--format csv|json|html] [--la CODE]",
     .description =
         "Reads the 903 CSV files named as the DfE names them (header.csv, episodes.csv,\n"
         "reviews.csv, uasc.csv, oc2.csv, oc3.csv, ad1.csv, placed_for_adoption.csv,\n"
         "previous_permanence.csv, missing.csv, sw_episodes.csv, DoLo.csv; any may be\n"
         "absent) from DIR, or the 903 XML, and runs every SSDA903 rule of the year.\n"
         "Rules that need last year's return (--last-year), postcode geography (kith\n"
         "postcodes import) or the Ofsted provider lists (kith providers import) are\n"
         "skipped without them, and every report lists them. Exit status: 0 no findings,\n"
         "1 findings, 2 the input could not be read.",
     .opts = validate903_opts,
     .opts_size = sizeof(struct validate_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_903},
    {0},
};

const struct cli_command cmd_validate = {
    .name = "validate",
    .summary = "check a statutory return (CIN census, SSDA903) with the DfE's rules",
    .usage = "RETURN FILE [--year Y] [--format csv|json|html]",
    .sub = validate_sub,
};
