/*
 * "Validate a return", for performance analysts: upload a CIN census XML, a 903 XML or the
 * 903's CSV files, choose the collection year, and see the findings grouped by rule with
 * their counts, or download them as CSV. The run is report/validate.c's, the same as
 * `kith validate`, so the page and the command agree finding for finding. The form offers
 * what the command's options do: the year (by default, as the command without --year:
 * the census's reference date, the current year for the 903), last year's 903 return
 * (--last-year) and the local authority's code (--la).
 *
 * The uploads are read from the request's body in memory and forgotten with it: nothing
 * is written to disk or kept between requests. So the CSV is not a link to something
 * kept: the form has two buttons, "Check the return" (findings on the page) and
 * "Download findings (CSV)", and the analyst picks one when submitting the files. Keeping
 * the findings between requests would keep children's identifiers and values in the
 * server's memory for no better reason than saving a second upload.
 *
 * Each validation is one audit row: the return type, year, file names and counts, never
 * the content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/str.h"
#include "domain/codeset.h"
#include "domain/ret/cin.h"
#include "domain/ret/kinds.h"
#include "domain/ret/ssda903.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"
#include "report/findings_out.h"
#include "report/validate.h"

/* The kinds of upload the form offers. */
static const struct vtype {
    const char *code;
    const char *label;
    const char *hint;
    const struct ret_kind *kind;
    bool xml;
} vtypes[] = {
    {"cin", "CIN census (XML)", "The census file your system exports, one XML file", &ret_kind_cin,
     true},
    {"903-xml", "SSDA903 (XML)", "One XML file", &ret_kind_903, true},
    {"903-csv", "SSDA903 (CSV files)",
     "Choose all the files at once, named as the DfE names them: header.csv, episodes.csv, "
     "reviews.csv and the others",
     &ret_kind_903, false},
};

static const struct vtype *vtype_find(const char *code)
{
    for (size_t i = 0; code && i < sizeof vtypes / sizeof vtypes[0]; i++)
        if (!strcmp(vtypes[i].code, code))
            return &vtypes[i];
    return NULL;
}

static void add_error(struct http_request *req, const char *field, const char *message)
{
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = field;
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
}

/* The years the form offers: every year either return has rules for, and the current one. */
static void year_range(int *first, int *last)
{
    *first = *last = collection_year(date_today());
    for (size_t i = 0; ret_kinds[i]; i++) {
        int f = ret_kind_first_year(ret_kinds[i]), l = ret_kind_last_year(ret_kinds[i]);
        *first = f < *first ? f : *first;
        *last = l > *last ? l : *last;
    }
}

/* The year select's first choice: no year asked, as `kith validate` without --year. */
#define YEAR_FROM_FILE "file"

/* The form, keeping the type, year and LA chosen (files cannot be kept: a browser never
 * refills a file input). `year` 0 is "from the file". */
static void form(struct html *h, const struct http_request *req, const char *type, int year,
                 const char *la)
{
    html_raw(h, "<form method=\"post\" action=\"/validate\" enctype=\"multipart/form-data\" "
                "novalidate>\n");
    page_csrf(h, req);
    struct govuk_choice types[sizeof vtypes / sizeof vtypes[0]];
    for (size_t i = 0; i < sizeof vtypes / sizeof vtypes[0]; i++)
        types[i] = (struct govuk_choice){vtypes[i].code, vtypes[i].label, vtypes[i].hint};
    govuk_radios(h, &(struct govuk_radios){.name = "type",
                                           .legend = "What are you validating?",
                                           .legend_classes = "govuk-fieldset__legend--m",
                                           .error = page_error_text(req, "type"),
                                           .value = type,
                                           .items = types,
                                           .nitems = sizeof types / sizeof types[0]});
    html_raw(h, "\n");

    int first, last;
    year_range(&first, &last);
    size_t nyears = (size_t)last - (size_t)first + 1; /* last >= first */
    struct govuk_option *years = arena_alloc(h->arena, (nyears + 1) * sizeof *years);
    years[0] = (struct govuk_option){YEAR_FROM_FILE,
                                     "From the file (CIN census: its reference date; SSDA903: "
                                     "the current year)"};
    for (int y = last; y >= first; y--) {
        char text[8];
        collection_year_text(y, text, sizeof text);
        years[last - y + 1] =
            (struct govuk_option){arena_printf(h->arena, "%d", y), arena_strdup(h->arena, text)};
    }
    govuk_select(h, &(struct govuk_field){
                        .name = "year",
                        .label = "Collection year",
                        .label_classes = "govuk-label--m",
                        .hint = "The year ending 31 March in which the return is made. "
                                "From the file, a CIN census is checked with the rules "
                                "of the year its reference date falls in.",
                        .error = page_error_text(req, "year"),
                        .value = year ? arena_printf(h->arena, "%d", year) : YEAR_FROM_FILE,
                        .options = years,
                        .noptions = nyears + 1});
    html_raw(h, "\n");

    govuk_file_upload(h, &(struct govuk_field){
                             .name = "files",
                             .label = "Files",
                             .label_classes = "govuk-label--m",
                             .hint = "Up to 64 MB together. The files are read to check them and "
                                     "then forgotten: kith does not keep them.",
                             .error = page_error_text(req, "files"),
                             .multiple = true,
                             .accept = ".xml,.csv"});
    html_raw(h, "\n");
    govuk_file_upload(
        h, &(struct govuk_field){.name = "last_files",
                                 .label = "Last year's return (SSDA903 CSV files or XML), if you "
                                          "have it",
                                 .label_classes = "govuk-label--s",
                                 .hint = "Some SSDA903 rules compare this year's return with last "
                                         "year's; without it they are not run.",
                                 .error = page_error_text(req, "last_files"),
                                 .multiple = true,
                                 .accept = ".xml,.csv"});
    html_raw(h, "\n");
    govuk_input(h, &(struct govuk_field){
                       .name = "la",
                       .label = "Your local authority's ONS code (SSDA903), if you want the "
                                "placement location rules to check it",
                       .label_classes = "govuk-label--s",
                       .hint = "For example, E09000019. The rules on placements inside or "
                               "outside your authority compare with it.",
                       .error = page_error_text(req, "la"),
                       .value = la,
                       .classes = "govuk-input--width-10",
                       .spellcheck = GOVUK_FALSE});
    html_raw(h, "\n<div class=\"govuk-button-group\">");
    govuk_button(
        h, &(struct govuk_opts){.text = "Check the return", .name = "format", .value = "html"});
    govuk_button(h, &(struct govuk_opts){.text = "Download findings (CSV)",
                                         .name = "format",
                                         .value = "csv",
                                         .classes = "govuk-button--secondary"});
    html_raw(h, "</div>\n</form>\n");
}

static int render_form(struct http_request *req, struct http_response *res, int status,
                       const char *type, int year, const char *la)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Validate a return");
    page_error_summary(&h, req);
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Validate a return</h1>\n"
                 "<p class=\"govuk-body\">Check a CIN census or SSDA903 return with every DfE "
                 "validation rule of its year, as <code>kith validate</code> does.</p>\n"
                 "<p class=\"govuk-body\">Or <a class=\"govuk-link\" href=\"/validate/live\">"
                 "check the live records</a>: the CIN census rules over the records kith "
                 "holds, each finding linked to the record to correct.</p>\n");
    form(&h, req, type, year, la);
    return page_end(&h, res, status);
}

int page_validate_form(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    return render_form(req, res, 200, NULL, 0, NULL);
}

/* The findings grouped by rule, in the order they come (by rule code): one row per rule
 * with its count, and the tables it found them in. */
static void by_rule(struct html *h, const struct validation *v)
{
    static const struct govuk_cell head[] = {
        {.text = "Rule"},
        {.text = "Type"},
        {.text = "Table"},
        {.text = "Message"},
        {.text = "Findings", .format = "numeric"},
    };
    govuk_table_begin(h, &(struct govuk_table){.caption = "Findings by rule",
                                               .caption_classes = "govuk-table__caption--m",
                                               .head = head,
                                               .nhead = sizeof head / sizeof head[0]});
    const struct findings *f = &v->f;
    for (size_t i = 0; i < f->n;) {
        const struct rule *r = f->v[i].rule;
        size_t j = i;
        while (j < f->n && f->v[j].rule == r)
            j++;
        govuk_table_row_begin(h);
        govuk_table_cell(h,
                         &(struct govuk_cell){.text = r->code,
                                              .href = arena_printf(h->arena, "#rule-%s", r->code)},
                         true);
        govuk_table_cell_begin(h, &(struct govuk_cell){0}, false);
        govuk_tag(h,
                  &(struct govuk_opts){.text = r->severity == RULE_ERROR ? "Error" : "Query",
                                       .classes = r->severity == RULE_ERROR ? "govuk-tag--red"
                                                                            : "govuk-tag--yellow"});
        govuk_table_cell_end(h, false);
        govuk_table_cell(h, &(struct govuk_cell){.text = v->r.kind->tables[f->v[i].table].name},
                         false);
        govuk_table_cell(h, &(struct govuk_cell){.text = r->message}, false);
        govuk_table_cell(h,
                         &(struct govuk_cell){.text = arena_printf(h->arena, "%ld", (long)(j - i)),
                                              .format = "numeric"},
                         false);
        govuk_table_row_end(h);
        i = j;
    }
    govuk_table_end(h);
    html_raw(h, "\n");
}

/* Each rule's findings: the child, the table and row, and the values at fault as the file
 * wrote them, FINDINGS_SHOWN at most per rule (the CSV has them all). */
enum { FINDINGS_SHOWN = 100 };

static const char *values(struct arena *a, const struct ret *r, const struct finding *g)
{
    struct str names = STR_INIT, out = STR_INIT;
    finding_fields(&names, r, g);
    const char *p = names.buf ? names.buf : "";
    while (*p && g->row >= 0) {
        size_t n = strcspn(p, ";");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        int col = rtable_col(r->tables[g->table].def, name);
        if (col >= 0) {
            const char *v = ret_raw(r, g->table, g->row, col);
            str_addf(&out, "%s%s: %s", out.len ? ", " : "", name, *v ? v : "(missing)");
        }
        p += n + (p[n] == ';');
    }
    const char *text = arena_strdup(a, out.buf ? out.buf : "");
    str_release(&names);
    str_release(&out);
    return text;
}

static void details(struct html *h, const struct validation *v)
{
    static const struct govuk_cell head[] = {
        {.text = "Child"},
        {.text = "Table"},
        {.text = "Row", .format = "numeric"},
        {.text = "Values at fault"},
    };
    const struct findings *f = &v->f;
    const struct ret *r = &v->r;
    html_raw(h, "<h2 class=\"govuk-heading-m\">Findings</h2>\n");
    for (size_t i = 0; i < f->n;) {
        const struct rule *rule = f->v[i].rule;
        size_t j = i;
        while (j < f->n && f->v[j].rule == rule)
            j++;
        govuk_details_begin(
            h, &(struct govuk_details){
                   .summary = arena_printf(h->arena, "Rule %s: %ld", rule->code, (long)(j - i)),
                   .id = arena_printf(h->arena, "rule-%s", rule->code)});
        govuk_table_begin(h, &(struct govuk_table){.caption = arena_printf(
                                                       h->arena, "Findings of rule %s", rule->code),
                                                   .caption_classes = "govuk-visually-hidden",
                                                   .head = head,
                                                   .nhead = sizeof head / sizeof head[0]});
        for (size_t k = i; k < j && k < i + FINDINGS_SHOWN; k++) {
            const struct finding *g = &f->v[k];
            govuk_table_row_begin(h);
            govuk_table_cell(h, &(struct govuk_cell){.text = ret_child(r, g->table, g->row)},
                             false);
            govuk_table_cell(h, &(struct govuk_cell){.text = r->tables[g->table].def->name}, false);
            govuk_table_cell(
                h,
                &(struct govuk_cell){
                    .text = g->row >= 0 ? arena_printf(h->arena, "%ld", (long)g->row) : "",
                    .format = "numeric"},
                false);
            govuk_table_cell(h, &(struct govuk_cell){.text = values(h->arena, r, g)}, false);
            govuk_table_row_end(h);
        }
        govuk_table_end(h);
        if (j - i > FINDINGS_SHOWN)
            html_f(h,
                   "<p class=\"govuk-body\">The first %ld of %ld are shown; the CSV has them "
                   "all.</p>",
                   (long)FINDINGS_SHOWN, (long)(j - i));
        govuk_details_end(h);
        html_raw(h, "\n");
        i = j;
    }
}

static void skipped(struct html *h, const struct validation *v)
{
    const struct findings *f = &v->f;
    if (!f->nskipped)
        return;
    govuk_details_begin(h, &(struct govuk_details){
                               .summary = arena_printf(h->arena, "%ld rules were not run, and why",
                                                       (long)f->nskipped)});
    static const struct govuk_cell head[] = {{.text = "Rule"}, {.text = "Why it was not run"}};
    govuk_table_begin(h, &(struct govuk_table){.caption = "Rules not run",
                                               .caption_classes = "govuk-visually-hidden",
                                               .head = head,
                                               .nhead = 2});
    for (size_t i = 0; i < f->nskipped; i++) {
        govuk_table_row_begin(h);
        govuk_table_cell(h, &(struct govuk_cell){.text = f->skipped[i].rule->code}, true);
        govuk_table_cell(h, &(struct govuk_cell){.text = f->skipped[i].reason}, false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    govuk_details_end(h);
    html_raw(h, "\n");
}

/* The names of the files of one field, "a.csv, b.csv". */
static const char *files_text(struct arena *a, const struct validate_file *f, size_t n)
{
    struct str s = STR_INIT;
    for (size_t i = 0; i < n; i++)
        str_addf(&s, "%s%s", i ? ", " : "", f[i].name);
    const char *out = arena_strdup(a, s.buf ? s.buf : "");
    str_release(&s);
    return out;
}

/* The year and why, as the analyst would check it against the file; when that year has
 * no rules of its own, which year's were used (the inset above says more). */
static const char *year_text(struct arena *a, const struct validation *v)
{
    char asked[8], used[8], ref[16];
    collection_year_text(v->set.asked, asked, sizeof asked);
    collection_year_text(v->set.year, used, sizeof used);
    const char *why = "as chosen";
    if (v->year_from == VALIDATE_YEAR_FILE)
        why = arena_printf(a, "from the file's reference date %s",
                           date_format_iso(v->reference_date, ref));
    else if (v->year_from == VALIDATE_YEAR_TODAY)
        why = v->r.kind == &ret_kind_cin ? "the current year's (the file has no reference date)"
                                         : "the current year's";
    return v->set.asked == v->set.year
               ? arena_printf(a, "%s, %s", asked, why)
               : arena_printf(a, "%s, %s; the rules of %s were used", asked, why, used);
}

static int results(struct http_request *req, struct http_response *res, const struct vtype *t,
                   int year, const char *la, const struct validation *v, const char *names,
                   const char *last_names)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Validation results");
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Validation results</h1>\n");
    char asked[8], used[8];
    collection_year_text(year, asked, sizeof asked);
    collection_year_text(v->set.year, used, sizeof used);
    if (v->set.asked != v->set.year)
        govuk_inset_text(
            &h, &(struct govuk_opts){
                    .text = arena_printf(req->arena,
                                         "No %s rules are known for %s; the rules of %s, the %s "
                                         "year kith knows, were used.",
                                         t->kind->title, asked, used,
                                         v->set.asked < v->set.year ? "earliest" : "latest")});
    if (v->refdata_error[0])
        govuk_inset_text(&h, &(struct govuk_opts){
                                 .text = arena_printf(req->arena,
                                                      "The postcode and provider data could not "
                                                      "be read, so the rules that need them were "
                                                      "not run: %s",
                                                      v->refdata_error)});
    bool is_903 = t->kind == &ret_kind_903;
    const struct govuk_summary_row summary[] = {
        {"Return", t->label},
        {"Files", names},
        {"Collection year", year_text(req->arena, v)},
        {"Findings", arena_printf(req->arena, "%zu", v->f.n)},
        {"Errors", arena_printf(req->arena, "%zu", v->errors)},
        {"Queries", arena_printf(req->arena, "%zu", v->queries)},
        {"Rules run", arena_printf(req->arena, "%zu", v->f.nran)},
        {"Rules not run", arena_printf(req->arena, "%zu", v->f.nskipped)},
        /* the 903's own inputs, last so that the CIN's list is the rows above */
        {"Last year's files", *last_names ? last_names : "None"},
        {"Local authority", la && *la ? la : "Not given"},
    };
    size_t nrows = sizeof summary / sizeof summary[0];
    govuk_summary_list(
        &h, &(struct govuk_summary_list){.rows = summary, .nrows = is_903 ? nrows : nrows - 2});
    html_raw(&h, "\n");
    skipped(&h, v);
    if (v->f.n) {
        by_rule(&h, v);
        details(&h, v);
    } else
        html_raw(&h, "<p class=\"govuk-body\">No rule found anything to report.</p>\n");
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Check again or download the findings</h2>\n"
                 "<p class=\"govuk-body\">kith did not keep the files. To check a corrected "
                 "return, or to download these findings as a CSV file, choose the files "
                 "again.</p>\n");
    form(&h, req, t->code, year, la);
    return page_end(&h, res, 200);
}

/* The findings as a CSV download, the columns `kith validate` writes. */
static int csv(struct http_request *req, struct http_response *res, const struct vtype *t,
               const struct validation *v, const char *source)
{
    struct str out = STR_INIT;
    struct findings_doc doc = {.r = &v->r, .set = &v->set, .f = &v->f, .source = source};
    findings_csv(&out, &doc);
    char *body = arena_alloc(req->arena, out.len + 1);
    memcpy(body, out.buf, out.len);
    body[out.len] = '\0';
    size_t len = out.len;
    str_release(&out);
    char year[8];
    collection_year_text(v->set.year, year, sizeof year);
    year[4] = '-';
    http_header_add(res, "Content-Disposition",
                    arena_printf(req->arena, "attachment; filename=\"kith-findings-%s-%s.csv\"",
                                 t->code, year));
    http_body(res, 200, "text/csv; charset=utf-8", body, len);
    return 200;
}

/* The audit row: what was validated and what was found, never what the files hold. The
 * store caps a detail at 1000 characters, so a long list of names is cut short. */
static enum kerr_code audit(struct http_app *app, struct http_request *req, const char *type,
                            int year, const char *names, const char *last_names,
                            const struct validation *v, bool csv, struct kerr *e)
{
    /* the year used; when it was to come from the file and the file could not be read,
     * that is what the row says */
    char y[32];
    if (v)
        collection_year_text(v->set.year, y, sizeof y);
    else if (year)
        collection_year_text(year, y, sizeof y);
    else
        snprintf(y, sizeof y, "%s", "(year from the file)");
    const char *all =
        *last_names ? arena_printf(req->arena, "%s; last year: %s", names, last_names) : names;
    char nm[601];
    snprintf(nm, sizeof nm, "%s", all);
    if (strlen(all) >= sizeof nm)
        memcpy(nm + sizeof nm - 4, "...", 4);
    const char *detail =
        v ? arena_printf(req->arena,
                         "%s %s: %s: %zu findings (%zu errors, %zu queries), %zu rules run, %zu "
                         "not run%s",
                         type, y, nm, v->f.n, v->errors, v->queries, v->f.nran, v->f.nskipped,
                         csv ? "; downloaded as CSV" : "")
          : arena_printf(req->arena, "%s %s: %s: could not be read", type, y, nm);
    return web_audit(app, req, 0, "validate", v ? "ok" : "unreadable", detail, e);
}

static int audit_failed(struct http_request *req, struct http_response *res, const struct kerr *ae)
{
    req->cause = ae->code ? ae->code : KITH_E_INTERNAL;
    return http_error_page(req, res, 503, "Sorry, there is a problem",
                           "The audit trail could not be written, so the findings are not "
                           "shown. Try again later.");
}

/* An ONS local authority code as the command takes it: a letter and eight digits
 * ("E09000019"); upper-cased in place. */
static bool la_ok(char *la)
{
    if (strlen(la) != 9 || !strchr("EeWwSsNn", la[0]))
        return false;
    for (int i = 1; i < 9; i++)
        if (la[i] < '0' || la[i] > '9')
            return false;
    la[0] = (char)(la[0] & ~0x20);
    return true;
}

static bool named_xml(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcasecmp(name + n - 4, ".xml");
}

/* The uploads of one form field, as the run takes them. */
static struct validate_file *field_files(struct http_request *req, const char *field, size_t *n)
{
    struct validate_file *out = arena_alloc(req->arena, (req->nfiles + 1) * sizeof *out);
    *n = 0;
    for (size_t i = 0; i < req->nfiles; i++)
        if (req->files[i].field && !strcmp(req->files[i].field, field))
            out[(*n)++] = (struct validate_file){req->files[i].filename, req->files[i].data,
                                                 req->files[i].len};
    return out;
}

int page_validate(struct http_app *app, struct http_request *req, struct http_response *res)
{
    const char *type = http_param(req, "type");
    const char *year_text = http_param(req, "year");
    const char *format = http_param(req, "format");
    const char *la_text = http_param(req, "la");
    char *la = arena_strdup(req->arena, la_text ? la_text : "");
    const struct vtype *t = vtype_find(type);
    int year = 0; /* from the file, as the command without --year */
    size_t nfiles, nlast;
    struct validate_file *files = field_files(req, "files", &nfiles);
    struct validate_file *last = field_files(req, "last_files", &nlast);
    /* none of the fields is required: what the router noted is a value out of bounds */
    if (!t)
        add_error(req, "type", "Select what you are validating");
    if (!year_text ||
        (strcmp(year_text, YEAR_FROM_FILE) && !collection_year_parse(year_text, &year)))
        add_error(req, "year", "Select the collection year, or from the file");
    if (!nfiles)
        add_error(req, "files",
                  t && !t->xml ? "Choose the return's CSV files" : "Choose the return's file");
    else if (t && t->xml && nfiles > 1)
        add_error(req, "files",
                  arena_printf(req->arena, "Choose one XML file for the %s; %zu were chosen",
                               t->label, nfiles));
    if (nlast && t && t->kind != &ret_kind_903)
        add_error(req, "last_files", "Last year's return is for the SSDA903 only: remove it");
    else if (nlast > 1 && named_xml(last[0].name))
        add_error(req, "last_files",
                  "Choose one XML file for last year's return, or its CSV files");
    if (*la && !la_ok(la))
        add_error(req, "la",
                  "Enter the local authority's ONS code as a letter and 8 digits, like "
                  "E09000019");
    if (*la && t && t->kind != &ret_kind_903 && !req->nerrors)
        la[0] = '\0'; /* the CIN's rules do not use it; the command takes --la for the 903 only */
    if (req->nerrors)
        return render_form(req, res, 422, t ? t->code : NULL, year, la);

    struct validate_input in = {.kind = t->kind,
                                .files = files,
                                .nfiles = nfiles,
                                .xml = t->xml,
                                .last_files = last,
                                .nlast_files = nlast,
                                .last_xml = nlast == 1 && named_xml(last[0].name),
                                .year = year,
                                .la = *la ? la : NULL,
                                .max_bytes = HTTP_UPLOAD_MAX,
                                .store = req->store};
    struct validation v;
    struct kerr e = KERR_INIT;
    const char *names = files_text(req->arena, files, nfiles);
    const char *last_names = files_text(req->arena, last, nlast);
    enum kerr_code rc = validation_run(&v, &in, &e);
    struct kerr ae = KERR_INIT;
    if (rc) {
        if (audit(app, req, t->code, year, names, last_names, NULL, false, &ae))
            return audit_failed(req, res, &ae);
        /* the reader's words: they name the file, line and column (last year's files by
         * their names too, so the message goes under the field they came in) */
        const char *msg = e.where[0] ? arena_printf(req->arena, "%s: %s", e.where, e.msg)
                                     : arena_strdup(req->arena, e.msg);
        add_error(req, strcmp(e.field, "last-year") ? "files" : "last_files",
                  strcmp(e.field, "last-year")
                      ? msg
                      : arena_printf(req->arena, "Last year's return: %s", msg));
        return render_form(req, res, 422, t->code, year, la);
    }
    bool as_csv = format && !strcmp(format, "csv");
    if (audit(app, req, t->code, year, names, last_names, &v, as_csv, &ae)) {
        validation_release(&v);
        return audit_failed(req, res, &ae);
    }
    int status = as_csv ? csv(req, res, t, &v, nfiles == 1 ? names : t->label)
                        : results(req, res, t, year, la, &v, names, last_names);
    validation_release(&v);
    return status;
}
