/*
 * One validation run (validate.h), shared by `kith validate` and the "Validate a return"
 * page: the readers fill the in-memory return from files or uploads, the store supplies
 * the postcodes and providers the return names, the engine runs the year's rules. Nothing
 * here prints or renders: the callers decide how to tell the user.
 */
#include "report/validate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "domain/codeset.h"
#include "domain/ret/cin.h"
#include "domain/ret/ssda903.h"
#include "report/cin_read.h"
#include "report/ssda903_read.h"
#include "store/store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool is_xml(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && !strcasecmp(path + n - 4, ".xml");
}

static enum kerr_code too_large(const struct validate_file *f, size_t max, struct kerr *e)
{
    return kerr_fail(e, KITH_E_PARSE, NULL, "%s is larger than %zu MB, the most kith reads",
                     f->name, max >> 20);
}

/* The table an uploaded CSV file holds, by the DfE's file name; -1 when none. */
static int table_of_file(const char *name)
{
    for (int t = 0; t < T903_COUNT; t++)
        if (!strcasecmp(name, s903_files[t]))
            return t;
    return -1;
}

static enum kerr_code not_a_903_file(const char *name, struct kerr *e)
{
    struct str want = STR_INIT;
    for (int t = 0; t < T903_COUNT; t++)
        str_addf(&want, "%s%s", t ? ", " : "", s903_files[t]);
    enum kerr_code rc =
        kerr_fail(e, KITH_E_PARSE, NULL, "%s is not one of the 903's files (%s)", name, want.buf);
    str_release(&want);
    return rc;
}

/* The 903's CSV files from memory, each table from the file named for it, read in the
 * order of the tables (as from a directory) whatever the order they were given in. */
static enum kerr_code read_903_csv_files(struct ret *r, const struct validate_input *in,
                                         const struct s903_read_opts *ro, struct kerr *e)
{
    const struct validate_file *by_table[T903_COUNT] = {0};
    size_t total = 0;
    for (size_t i = 0; i < in->nfiles; i++) {
        const struct validate_file *f = &in->files[i];
        int t = table_of_file(f->name);
        if (t < 0)
            return not_a_903_file(f->name, e);
        if (by_table[t])
            return kerr_fail(e, KITH_E_PARSE, NULL, "both %s and %s hold the %s table",
                             by_table[t]->name, f->name, ret_kind_903.tables[t].name);
        if (in->max_bytes && f->len > in->max_bytes)
            return too_large(f, in->max_bytes, e);
        by_table[t] = f;
        total += f->len;
    }
    if (!in->nfiles)
        return kerr_fail(e, KITH_E_PARSE, NULL,
                         "no files were given: choose the 903's CSV files (header.csv, "
                         "episodes.csv, ...)");
    if (in->max_bytes && total > in->max_bytes)
        return s903_too_large("the upload", total, in->max_bytes, e);
    str_grow(&r->pool, total + total / 8); /* every cell's text, at once (see s903_read_dir) */
    for (int t = 0; t < T903_COUNT; t++) {
        const struct validate_file *f = by_table[t];
        if (f && s903_read_csv_memory(r, f->name, f->data, f->len, ro, e))
            return KITH_E_PARSE;
    }
    return KITH_OK;
}

/* A single file in memory, for the XML readers. */
static enum kerr_code one_file(const struct validate_input *in, const char *what, struct kerr *e)
{
    if (in->nfiles != 1)
        return kerr_fail(e, KITH_E_PARSE, NULL, "%s is one file; %zu were given", what, in->nfiles);
    if (in->max_bytes && in->files[0].len > in->max_bytes)
        return too_large(&in->files[0], in->max_bytes, e);
    return KITH_OK;
}

/* Read a 903 return for collection year `year` from `path` (a directory of CSV files or
 * an XML file) or, with `path` NULL, from the input's files. */
static enum kerr_code read_903(struct ret *r, const char *path, int year,
                               const struct validate_input *in, struct kerr *e)
{
    struct s903_read_opts ro = {.max_bytes = in->max_bytes, .warn = in->warn};
    ret_init(r, &ret_kind_903);
    r->year = year;
    r->period_start = date_from_ymd(year - 1, 4, 1);
    r->period_end = date_from_ymd(year, 3, 31);
    enum kerr_code rc;
    if (path)
        rc = is_xml(path) ? s903_read_xml(r, path, &ro, e) : s903_read_dir(r, path, &ro, e);
    else if (in->xml)
        rc = one_file(in, "the 903 XML", e) ||
                     s903_read_xml_memory(r, in->files[0].data, in->files[0].len, in->files[0].name,
                                          e)
                 ? KITH_E_PARSE
                 : KITH_OK;
    else
        rc = read_903_csv_files(r, in, &ro, e);
    if (!rc)
        s903_read_finish(r);
    return rc;
}

static enum kerr_code read_cin(struct validation *v, const struct validate_input *in,
                               struct kerr *e)
{
    struct ret *r = &v->r;
    struct cin_read_opts ro = {.max_bytes = in->max_bytes, .warn = in->warn};
    ret_init(r, &ret_kind_cin);
    enum kerr_code rc;
    if (in->path)
        rc = cin_read_file(r, in->path, NULL, &ro, e);
    else
        rc = one_file(in, "the CIN census", e) ||
                     cin_read_memory(r, in->files[0].data, in->files[0].len, in->files[0].name, &ro,
                                     e)
                 ? KITH_E_PARSE
                 : KITH_OK;
    if (rc)
        return KITH_E_PARSE;
    int year = in->year ? in->year : cin_file_year(r);
    v->year_from = in->year ? VALIDATE_YEAR_ASKED : year ? VALIDATE_YEAR_FILE : VALIDATE_YEAR_TODAY;
    cin_set_period(r, year ? year : collection_year(date_today()));
    if (v->year_from == VALIDATE_YEAR_FILE)
        v->reference_date = r->period_end; /* cin_set_period ends the period on it */
    return KITH_OK;
}

/* The reference data a 903 return's rules may use, from the store: the postcodes of the
 * episodes of both years and of their providers, and the providers of their URNs. Only
 * what the return names is loaded, so a full postcode directory in the database costs
 * nothing here. A store without reference data leaves the rules that need it skipped. */
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

static void refdata_load(struct validation *v, struct store *s)
{
    const struct ret *r = &v->r, *last = v->has_last ? &v->last : NULL;
    struct kerr e = KERR_INIT;
    int64_t npc = 0, nprov = 0;
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
        rc = store_postcode_find(s, keys, n, &v->geo, &e);
        v->has_geo = !rc;
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
            if (!p || provider_list_find(&v->prov, p->urn))
                continue;
            struct provider pv = *p;
            const struct postcode_place *g = pv.la[0] ? NULL : postcode_geo_find(&v->geo, pv.pcd);
            if (g)
                snprintf(pv.la, sizeof(pv.la), "%s", g->utla);
            provider_list_add(&v->prov, &pv);
        }
        v->has_prov = true;
    }
    if (rc)
        memcpy(v->refdata_error, e.msg, sizeof v->refdata_error);
    free(keys);
    provider_list_release(&found);
}

enum kerr_code validation_run(struct validation *v, const struct validate_input *in, struct kerr *e)
{
    memset(v, 0, sizeof *v);
    postcode_geo_init(&v->geo);
    provider_list_init(&v->prov);
    findings_init(&v->f);
    double t0 = now();
    enum kerr_code rc;
    bool is_903 = in->kind == &ret_kind_903;
    if (is_903) {
        int year = in->year ? in->year : collection_year(date_today());
        v->year_from = in->year ? VALIDATE_YEAR_ASKED : VALIDATE_YEAR_TODAY;
        rc = read_903(&v->r, in->path, year, in, e);
        if (!rc && (in->last_year || in->nlast_files)) {
            /* the same readers over last year's files, whether a path or uploads */
            struct validate_input last = *in;
            last.files = in->last_files;
            last.nfiles = in->nlast_files;
            last.xml = in->last_xml;
            v->has_last = true;
            rc = read_903(&v->last, in->last_year, year - 1, &last, e);
            if (rc) /* say whose file it was: this year's and last year's share names */
                snprintf(e->field, sizeof e->field, "%s", "last-year");
        }
    } else {
        rc = read_cin(v, in, e);
    }
    if (rc) {
        validation_release(v);
        return KITH_E_PARSE;
    }
    if (is_903 && in->store)
        refdata_load(v, in->store);
    v->read_seconds = now() - t0;

    ruleset_for(&v->set, v->r.kind, v->r.year);
    /* code validity and the rules' year-by-year lists follow the rule set used; the
     * collection period stays the year asked (r.period_start..period_end, from the reader) */
    v->r.year = v->set.year;
    struct rinputs ri = {.last_year = v->has_last ? &v->last : NULL,
                         .postcodes = v->has_geo ? &v->geo : NULL,
                         .providers = v->has_prov ? &v->prov : NULL,
                         .la = in->la};
    t0 = now();
    rules_run(&v->set, &v->r, &ri, &v->f);
    v->rule_seconds = now() - t0;
    for (size_t i = 0; i < v->f.n; i++)
        v->errors += v->f.v[i].rule->severity == RULE_ERROR;
    v->queries = v->f.n - v->errors;
    return KITH_OK;
}

void validation_release(struct validation *v)
{
    findings_release(&v->f);
    if (v->set.rules)
        ruleset_release(&v->set);
    if (v->r.kind)
        ret_release(&v->r);
    if (v->has_last && v->last.kind)
        ret_release(&v->last);
    postcode_geo_release(&v->geo);
    provider_list_release(&v->prov);
    memset(v, 0, sizeof *v);
}
