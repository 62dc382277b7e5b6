/*
 * `kith validate`: check a statutory return file with every DfE rule of its year and print
 * the findings (CSV, JSON or HTML). Each return kind is one row of the subcommand table;
 * reading the file is the report layer's, the rules are the domain's, and this file only
 * joins them: pick the year, run, write, and turn the outcome into the exit status
 * (0 no findings, 1 findings, 2 the input could not be read).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "domain/codeset.h"
#include "domain/ret/cin.h"
#include "domain/ret/ssda903.h"
#include "report/cin_read.h"
#include "report/findings_out.h"
#include "report/ssda903_read.h"
#include "store/store.h"

/* The largest council's census is tens of MB; the limit keeps memory bounded whatever the
 * input (the tables take about as much memory as the file). */
#define DEFAULT_MAX_MB 512L

struct validate_opts {
    const char *year;
    const char *format;
    int timings;
    long max_mb;
    const char *last_year; /* 903 */
    const char *la;        /* 903 */
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
     "refuse input files larger than this (default 1024)"},
    {0},
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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
                         "'%s' is not a collection year (2026, or 2025/26)", o->year);
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

/* Run the rules, write the findings, and say what happened. */
static enum kerr_code finish(struct run *run, struct ret *r, const struct rinputs *in,
                             const char *source, double t_read)
{
    struct cli *c = run->c;
    struct ruleset set;
    ruleset_for(&set, r->kind, r->year);
    say_year(&set);
    r->year = set.year; /* code validity follows the rule set used */

    struct findings f;
    findings_init(&f);
    double t0 = now();
    rules_run(&set, r, in, &f);
    double t_rules = now() - t0;

    t0 = now();
    struct str out = STR_INIT;
    struct findings_doc doc = {.r = r, .set = &set, .f = &f, .source = source, .flush = c->out};
    findings_write(&out, run->fmt, &doc);
    fwrite(out.buf, 1, out.len, c->out);
    str_release(&out);
    double t_write = now() - t0;

    size_t errors = 0;
    for (size_t i = 0; i < f.n; i++)
        errors += f.v[i].rule->severity == RULE_ERROR;
    fprintf(stderr, "kith: %s: %zu findings (%zu errors, %zu queries) from %zu rules", source, f.n,
            errors, f.n - errors, f.nran);
    if (f.nskipped) {
        fprintf(stderr, "; %zu rules skipped:\n", f.nskipped);
        for (size_t i = 0; i < f.nskipped; i++)
            fprintf(stderr, "kith:   %s %s\n", f.skipped[i].rule->code, f.skipped[i].reason);
    } else {
        fprintf(stderr, "\n");
    }
    if (run->o->timings)
        fprintf(stderr, "kith: timings: read %.4f s, rules %.4f s, write %.4f s\n", t_read, t_rules,
                t_write);
    enum kerr_code rc = f.n ? KITH_E_FINDINGS : KITH_OK;
    findings_release(&f);
    ruleset_release(&set);
    return rc;
}

/* A file that cannot be read is exit status 2, whatever the reason. */
static enum kerr_code unreadable(struct cli *c)
{
    c->err.code = KITH_E_PARSE;
    return KITH_E_PARSE;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static enum kerr_code run_cin(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    const struct validate_opts *o = opts;
    struct run run;
    enum kerr_code rc = run_setup(c, o, &run);
    if (rc)
        return rc;
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct cin_read_opts ro = {
        .max_bytes = (size_t)(o->max_mb ? o->max_mb : DEFAULT_MAX_MB) << 20,
        .warn = stderr,
    };
    double t0 = now();
    rc = cin_read_file(&r, argv[0], NULL, &ro, &c->err);
    double t_read = now() - t0;
    if (rc) {
        ret_release(&r);
        return unreadable(c);
    }
    int year = run.year ? run.year : cin_file_year(&r);
    if (!year)
        year = collection_year(date_today());
    cin_set_period(&r, year);
    rc = finish(&run, &r, NULL, base_name(argv[0]), t_read);
    ret_release(&r);
    return rc;
}

static bool is_xml(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && !strcasecmp(path + n - 4, ".xml");
}

/* Read a 903 return from a directory of CSV files or an XML file, for collection year
 * `year`. */
static enum kerr_code read_903(struct ret *r, const char *path, int year,
                               const struct validate_opts *o, struct kerr *e)
{
    struct s903_read_opts ro = {
        .max_bytes = (size_t)(o->max_mb ? o->max_mb : DEFAULT_MAX_MB) << 20,
        .warn = stderr,
    };
    ret_init(r, &ret_kind_903);
    r->year = year;
    r->period_start = date_from_ymd(year - 1, 4, 1);
    r->period_end = date_from_ymd(year, 3, 31);
    enum kerr_code rc =
        is_xml(path) ? s903_read_xml(r, path, &ro, e) : s903_read_dir(r, path, &ro, e);
    if (!rc)
        s903_read_finish(r);
    return rc;
}

/* The reference data a 903 return's rules may use, from the database at --db (or
 * $KITH_DB, or the default) when there is one: the postcodes of the episodes of both
 * years and of their providers, and the providers of their URNs. Only what the return
 * names is loaded, so a full postcode directory in the database costs nothing here. No
 * database, or one without reference data, leaves the rules that need it skipped. */
struct refdata {
    struct postcode_geo geo;
    struct provider_list prov;
    bool has_geo, has_prov;
};

static void keys_of(const struct ret *r, int col, const char ***v, size_t *n, size_t *cap)
{
    const struct rtable *t = ret_table(r, T903_EPISODES);
    for (int32_t i = 0; i < t->nrows; i++) {
        const char *s = ret_raw(r, T903_EPISODES, i, col);
        if (!*s)
            continue;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *v = xrealloc(*v, *cap * sizeof(**v));
        }
        (*v)[(*n)++] = s;
    }
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort the keys and drop repeats: a return names the same few hundred postcodes and URNs
 * in thousands of rows, and each key is a database lookup. */
static size_t unique(const char **v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof(*v), by_text);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i], v[k - 1]))
            v[k++] = v[i];
    return k;
}

static void refdata_load(struct cli *c, const struct ret *r, const struct ret *last,
                         struct refdata *d)
{
    memset(d, 0, sizeof(*d));
    postcode_geo_init(&d->geo);
    provider_list_init(&d->prov);
    struct stat st;
    if (!c->db || (!strstr(c->db, "://") && stat(c->db, &st) != 0))
        return;
    struct store *s;
    struct kerr e = {0};
    int64_t npc = 0, nprov = 0;
    if (store_open(c->db, STORE_READONLY, &s, &e)) {
        fprintf(stderr, "kith: warning: reference data not read from %s: %s\n", c->db, e.msg);
        return;
    }
    const char **keys = NULL;
    size_t n = 0, cap = 0;
    enum kerr_code rc = store_refdata_counts(s, &npc, &nprov, &e);
    struct provider_list found;
    provider_list_init(&found);
    if (!rc && nprov) {
        keys_of(r, EP_URN, &keys, &n, &cap);
        if (last)
            keys_of(last, EP_URN, &keys, &n, &cap);
        n = unique(keys, n);
        rc = store_provider_find(s, keys, n, &found, &e);
    }
    if (!rc && npc) {
        size_t nurn = n;
        n = 0;
        for (size_t i = 0; i < nurn; i++) {
            /* keys holds nurn entries here: the analyser cannot see that nurn > 0 means
             * keys_of() allocated it. */
            const struct provider *p = provider_list_find(&found, keys[i]); // NOLINT
            if (p && p->pcd[0])
                keys[n++] = p->pcd; /* nurn >= n: the URNs read so far are not needed again */
        }
        keys_of(r, EP_HOME_POST, &keys, &n, &cap);
        keys_of(r, EP_PL_POST, &keys, &n, &cap);
        if (last) {
            keys_of(last, EP_HOME_POST, &keys, &n, &cap);
            keys_of(last, EP_PL_POST, &keys, &n, &cap);
        }
        n = unique(keys, n);
        rc = store_postcode_find(s, keys, n, &d->geo, &e);
        d->has_geo = !rc;
    }
    if (!rc && nprov) {
        /* again over the URNs, as the list above was reused for postcodes */
        n = 0;
        keys_of(r, EP_URN, &keys, &n, &cap);
        if (last)
            keys_of(last, EP_URN, &keys, &n, &cap);
        n = unique(keys, n);
        for (size_t i = 0; i < n; i++) {
            const struct provider *p = provider_list_find(&found, keys[i]);
            if (!p || provider_list_find(&d->prov, p->urn))
                continue;
            struct provider v = *p;
            const struct postcode_place *g = v.la[0] ? NULL : postcode_geo_find(&d->geo, v.pcd);
            if (g)
                snprintf(v.la, sizeof(v.la), "%s", g->utla);
            provider_list_add(&d->prov, &v);
        }
        d->has_prov = true;
    }
    if (rc)
        fprintf(stderr, "kith: warning: reference data not read from %s: %s\n", c->db, e.msg);
    free(keys);
    provider_list_release(&found);
    store_close(s);
}

static void refdata_release(struct refdata *d)
{
    postcode_geo_release(&d->geo);
    provider_list_release(&d->prov);
}

static enum kerr_code run_903(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    const struct validate_opts *o = opts;
    struct run run;
    enum kerr_code rc = run_setup(c, o, &run);
    if (rc)
        return rc;
    int year = run.year ? run.year : collection_year(date_today());
    struct ret r, last;
    bool has_last = false;
    double t0 = now();
    rc = read_903(&r, argv[0], year, o, &c->err);
    if (!rc && o->last_year) {
        rc = read_903(&last, o->last_year, year - 1, o, &c->err);
        has_last = true;
    }
    struct refdata d = {0};
    if (!rc)
        refdata_load(c, &r, has_last ? &last : NULL, &d);
    double t_read = now() - t0;
    if (!rc) {
        struct rinputs in = {.last_year = has_last ? &last : NULL,
                             .postcodes = d.has_geo ? &d.geo : NULL,
                             .providers = d.has_prov ? &d.prov : NULL,
                             .la = o->la};
        rc = finish(&run, &r, &in, base_name(argv[0]), t_read);
        refdata_release(&d);
    }
    ret_release(&r);
    if (has_last)
        ret_release(&last);
    if (rc && rc != KITH_E_FINDINGS && c->err.code == KITH_E_PARSE)
        return unreadable(c);
    return rc;
}

/* One row per return kind. The SSDA903 row (`kith validate 903 DIR|FILE.xml`) comes with
 * its reader. */
static const struct cli_command validate_sub[] = {
    {.name = "cin",
     .summary = "check a CIN census XML file with the DfE's rules",
     .usage = "FILE.xml [--year Y] [--format csv|json|html]",
     .description =
         "Reads the census (streaming) and runs every CIN validation rule of the year.\n"
         "Findings go to stdout, one per line in CSV (rule,severity,table,row,child,fields,\n"
         "message), or as JSON or an HTML report. Without --year the year is the file's\n"
         "(its ReferenceDate). Exit status: 0 no findings, 1 findings, 2 the file could\n"
         "not be read.",
     .opts = validate_opts,
     .opts_size = sizeof(struct validate_opts),
     .min_args = 1,
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
