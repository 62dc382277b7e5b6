/*
 * "Check the live records", for performance analysts: the CIN census rules over the
 * help-and-protection records as they read today (casework/cin_live.h, the same run as
 * `kith validate cin --live`), for a collection year chosen in the query string
 * (?year=2025/26; default the current one). Each finding names the child and links to the
 * record a person must correct, so the return is made right all year rather than in a
 * scramble at its end. The run is audited (counts only); the page names no child by name.
 */
#include <stdio.h>
#include <string.h>

#include "casework/cin_live.h"
#include "domain/codeset.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"
#include "report/cin_write.h"

/* A page this long is as much as anyone reads; the CLI has them all. */
#define LIVE_SHOWN 500

static void year_form(struct html *h, int year)
{
    char y[8];
    collection_year_text(year, y, sizeof y);
    html_raw(h, "<form method=\"get\" action=\"/validate/live\" novalidate>\n"
                "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"year\">"
                "Collection year</label><div class=\"govuk-hint\" id=\"year-hint\">For example, "
                "2025/26</div>");
    html_f(h,
           "<input class=\"govuk-input govuk-input--width-5\" id=\"year\" name=\"year\" "
           "type=\"text\" aria-describedby=\"year-hint\" value=\"%s\"></div>\n",
           y);
    html_raw(h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Check this year</button>\n</form>\n");
}

static void findings_table(struct html *h, const struct cin_live *l)
{
    static const struct govuk_cell head[] = {
        {.text = "Rule"}, {.text = "Child"}, {.text = "Record"}, {.text = "What is wrong"}};
    govuk_table_begin(h, &(struct govuk_table){.caption = "Findings",
                                               .caption_classes = "govuk-table__caption--m",
                                               .head = head,
                                               .nhead = sizeof head / sizeof head[0]});
    for (size_t i = 0; i < l->f.n && i < LIVE_SHOWN; i++) {
        const struct finding *f = &l->f.v[i];
        struct cin_finding_at at;
        cin_live_at(l, f, &at);
        govuk_table_row_begin(h);
        govuk_table_cell(
            h,
            &(struct govuk_cell){
                .text = arena_printf(h->arena, "%s (%s)", f->rule->code,
                                     f->rule->severity == RULE_ERROR ? "error" : "query")},
            false);
        govuk_table_cell(
            h,
            &(struct govuk_cell){
                .text = at.child_public_id[0] ? arena_printf(h->arena, "%s (LA %s)",
                                                             at.child_public_id, at.la_child_id)
                                              : "the return",
                .href = at.child_public_id[0]
                            ? arena_printf(h->arena, "/children/%s", at.child_public_id)
                            : NULL},
            false);
        const char *rec = at.type
                              ? arena_printf(h->arena, "%s %s", at.type->label, at.record_public_id)
                          : at.child_public_id[0] ? "the child's record"
                                                  : "";
        const char *href =
            at.type ? arena_printf(h->arena, "/records/%s/%s", at.type->name, at.record_public_id)
            : at.child_public_id[0] ? arena_printf(h->arena, "/children/%s", at.child_public_id)
                                    : NULL;
        govuk_table_cell(h, &(struct govuk_cell){.text = rec, .href = href}, false);
        govuk_table_cell(
            h,
            &(struct govuk_cell){.text = at.explained ? arena_printf(h->arena, "%s Explained: %s",
                                                                     f->rule->message, at.explained)
                                                      : f->rule->message},
            false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    if (l->f.n > LIVE_SHOWN)
        html_f(h,
               "<p class=\"govuk-body\">The first %d of %zu are shown; <code>kith validate cin "
               "--live --format csv</code> lists them all.</p>\n",
               LIVE_SHOWN, l->f.n);
}

/* The year asked for in the query string (?year=2025/26), or the current one; false when
 * what was asked is not a year. */
static bool asked_year(const struct http_request *req, int *year, const char **asked)
{
    *year = collection_year(date_today());
    *asked = NULL;
    for (size_t i = 0; i < req->nquery; i++)
        if (!strcmp(req->query[i].name, "year"))
            *asked = req->query[i].value;
    return !*asked || !**asked || collection_year_parse(*asked, year);
}

int page_validate_live_xml(struct http_app *app, struct http_request *req,
                           struct http_response *res)
{
    (void)app;
    int year;
    const char *asked;
    if (!asked_year(req, &year, &asked))
        return http_error_page(req, res, 400, "Enter a collection year such as 2025/26",
                               "Go back and choose the year of the census to download.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cin_live l;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_cin_live(req->store, &who, year, &l, &err);
    if (rc) {
        req->cause = rc;
        return http_error_page(req, res, 503, "Sorry, there is a problem with the service",
                               "The records could not be read. Try again later.");
    }
    struct str xml = STR_INIT;
    cin_write(&l.p.r, &xml);
    char *body = arena_strndup(req->arena, xml.buf ? xml.buf : "", xml.len);
    size_t len = xml.len;
    str_release(&xml);
    char y[8];
    collection_year_text(year, y, sizeof y);
    y[4] = '-'; /* 2025/26 -> 2025-26 in a file name */
    http_header_add(res, "Content-Disposition",
                    arena_printf(req->arena, "attachment; filename=\"cin-census-%s-%03lld.xml\"", y,
                                 (long long)l.serial));
    cin_live_release(&l);
    http_body(res, 200, "application/xml", body, len);
    return 200;
}

int page_validate_live(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    int year;
    const char *asked;
    bool good = asked_year(req, &year, &asked);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Check the live records");
    if (!good) {
        html_raw(&h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
                     "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a "
                     "problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list "
                     "govuk-error-summary__list\"><li><a href=\"#year\">Enter a collection year "
                     "such as 2025/26</a></li></ul></div></div></div>\n");
        html_raw(&h, "<h1 class=\"govuk-heading-l\">Check the live records</h1>\n");
        year_form(&h, collection_year(date_today()));
        return page_end(&h, res, 400);
    }
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cin_live l;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_cin_live(req->store, &who, year, &l, &err);
    if (rc) {
        req->cause = rc;
        return http_error_page(req, res, 503, "Sorry, there is a problem with the service",
                               "The records could not be read. Try again later.");
    }
    char y[8];
    html_f(&h, "<h1 class=\"govuk-heading-l\">CIN census %s: the live records</h1>\n",
           collection_year_text(year, y, sizeof y));
    html_raw(&h, "<p class=\"govuk-body\">Every CIN census rule of the year, over the "
                 "help-and-protection records as they read today, as the census would read "
                 "them. Errors must be put right before the return; queries checked.</p>\n");
    const struct govuk_summary_row summary[] = {
        {"Children in the census", arena_printf(req->arena, "%zu", l.children)},
        {"Errors", arena_printf(req->arena, "%zu", l.errors)},
        {"Queries", arena_printf(req->arena, "%zu", l.queries)},
    };
    govuk_summary_list(&h, &(struct govuk_summary_list){.rows = summary, .nrows = 3});
    if (l.f.n)
        findings_table(&h, &l);
    else
        html_raw(&h, "<p class=\"govuk-body\">No rule found anything to report.</p>\n");
    html_f(&h,
           "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/validate/live/census.xml?"
           "year=%d\" download>Download the census of %s as the DfE's XML</a> (the file "
           "a council submits; each download is a run of its own, numbered in the "
           "header)</p>\n",
           year, y);
    year_form(&h, year);
    cin_live_release(&l);
    return page_end(&h, res, 200);
}
