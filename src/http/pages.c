/*
 * The pages of the first web step: health, my caseload, child search (a POST, so no names
 * in URLs or logs) and the accessibility statement; the child record is pages_child.c.
 * Each handler reads through the store under the app's store lock and renders
 * with the escaping builder; a rejected form is rendered again with everything typed.
 */
#include "http/pages.h"

#include <string.h>

#include "core/date.h"
#include "domain/record.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { CASELOAD_MAX = 200, SEARCH_MAX = 50 };

int page_health(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    (void)req;
    http_body(res, 200, "text/plain; charset=utf-8", "ok\n", 3);
    return 200;
}

static const struct govuk_cell child_head[] = {
    {.text = "Name"}, {.text = "Date of birth"}, {.text = "LA child id"}};

static void child_rows(struct html *h, const struct person *kids, size_t n)
{
    govuk_table_begin(h, &(struct govuk_table){.head = child_head, .nhead = 3});
    for (size_t i = 0; i < n; i++) {
        const struct person *k = &kids[i];
        govuk_table_row_begin(h);
        govuk_table_cell(h,
                         &(struct govuk_cell){
                             .text = arena_printf(h->arena, "%s %s", k->given_name, k->family_name),
                             .href = arena_printf(h->arena, "/children/%s", k->public_id)},
                         false);
        govuk_table_cell(h, &(struct govuk_cell){.text = page_dmy(h->arena, k->dob)}, false);
        govuk_table_cell(h, &(struct govuk_cell){.text = k->la_child_id}, false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    html_raw(h, "\n");
}

int page_caseload(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person *kids = NULL;
    size_t n = 0;
    enum kerr_code rc = KITH_OK;
    struct kerr e = KERR_INIT;
    if (req->principal->worker_id) {
        struct store_scope scope = web_scope(req);
        struct person_query q = {.scope = &scope,
                                 .kind = PERSON_CHILD,
                                 .open_only = 1,
                                 .worker_id = req->principal->worker_id,
                                 .limit = CASELOAD_MAX};
        rc = store_person_list(req->store, &q, req->arena, &kids, &n, &e);
        if (!rc)
            rc = web_audit(app, req, 0, "caseload", "ok",
                           arena_printf(req->arena, "%zu children listed", n), &e);
    }
    if (rc)
        return page_store_failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "My caseload");
    html_raw(&h, "<h1 class=\"govuk-heading-l\">My caseload</h1>\n");
    if (n == 0)
        html_raw(&h, "<p class=\"govuk-body\">No children are allocated to you.</p>\n");
    else {
        html_f(&h, "<p class=\"govuk-body\">%ld children are allocated to you.</p>\n", (long)n);
        child_rows(&h, kids, n);
    }
    return page_end(&h, res, 200);
}

static void search_form(struct html *h, const struct http_request *req)
{
    const char *q = http_param(req, "q");
    page_error_summary(h, req);
    html_raw(h, "<h1 class=\"govuk-heading-l\">Find a child</h1>\n"
                "<form method=\"post\" action=\"/search\" novalidate>\n");
    page_csrf(h, req);
    govuk_input(h, &(struct govuk_field){.name = "q",
                                         .label = "Name, LA child id or UPN",
                                         .error = page_error_text(req, "q"),
                                         .value = q ? q : "",
                                         .classes = "govuk-!-width-two-thirds",
                                         .autocomplete = "off",
                                         .spellcheck = GOVUK_FALSE});
    html_raw(h, "\n");
    govuk_button(h, &(struct govuk_opts){.text = "Search"});
    html_raw(h, "\n</form>\n");
}

int page_search_form(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Find a child");
    search_form(&h, req);
    return page_end(&h, res, 200);
}

int page_search(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct html h;
    html_init(&h, req->arena);
    if (req->nerrors) {
        page_begin(&h, req, "Find a child");
        search_form(&h, req);
        return page_end(&h, res, 422);
    }
    struct store_scope scope = web_scope(req);
    struct person_query q = {
        .scope = &scope, .kind = PERSON_CHILD, .text = http_param(req, "q"), .limit = SEARCH_MAX};
    struct person *kids = NULL;
    size_t n = 0;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_person_list(req->store, &q, req->arena, &kids, &n, &e);
    /* The count, never the words searched for (R3, R17). */
    if (!rc)
        rc = web_audit(app, req, 0, "search", "ok",
                       arena_printf(req->arena, "%zu children found", n), &e);
    if (rc)
        return page_store_failed(req, res, rc);
    page_begin(&h, req, "Find a child");
    search_form(&h, req);
    if (n == 0)
        html_raw(&h, "<p class=\"govuk-body\">No children match.</p>\n");
    else
        child_rows(&h, kids, n);
    return page_end(&h, res, 200);
}

/* The accessibility statement the 2018 regulations require, in the form GOV.UK's sample
 * statement uses: what works, what does not yet, how it was tested, and whom to tell. */
int page_accessibility(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Accessibility statement");
    html_raw(&h,
             "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
             "<h1 class=\"govuk-heading-l\">Accessibility statement for kith</h1>\n"
             "<p class=\"govuk-body\">kith is the case-record system your council uses for "
             "children's social care. We want as many people as possible to be able to use it. "
             "You should be able to:</p>\n<ul class=\"govuk-list govuk-list--bullet\">\n"
             "<li>change colours, contrast levels and fonts using your browser or device settings"
             "</li>\n<li>zoom in up to 400% without the text spilling off the screen</li>\n"
             "<li>navigate every page using just a keyboard</li>\n"
             "<li>navigate every page using speech recognition software</li>\n"
             "<li>listen to every page using a screen reader</li>\n</ul>\n"
             "<p class=\"govuk-body\">Pages are built from the GOV.UK Design System's components, "
             "set in Arial, and work without JavaScript: every form is an ordinary form. If your "
             "session ends while you are writing, kith keeps what you typed and saves it when you "
             "sign in again.</p>\n"
             "<h2 class=\"govuk-heading-m\">Compliance status</h2>\n"
             "<p class=\"govuk-body\">kith aims to meet the Web Content Accessibility Guidelines "
             "(WCAG) version 2.2 at level AA. It is partially compliant: the pages listed below "
             "are checked automatically, and a full audit by people who use assistive "
             "technology has not been done yet.</p>\n"
             "<h2 class=\"govuk-heading-m\">How we test</h2>\n"
             "<p class=\"govuk-body\">Every change is tested in a real browser (Chromium) with "
             "the axe-core checker against the WCAG 2.2 AA rules, on the sign-in page, my "
             "caseload, child search, the child record, the case-note form with and without "
             "errors, and this statement. Automated checks find only some problems, so keyboard "
             "and screen reader testing by people is also needed.</p>\n"
             "<h2 class=\"govuk-heading-m\">What is not accessible yet</h2>\n"
             "<ul class=\"govuk-list govuk-list--bullet\">\n"
             "<li>Long case-note timelines are not split into pages.</li>\n</ul>\n"
             "<h2 class=\"govuk-heading-m\">Reporting problems</h2>\n"
             "<p class=\"govuk-body\">If you find a problem that is not listed here, or you need "
             "information in a different format, tell your council's service desk and say that "
             "it is about kith. If you are not happy with how your council responds, contact the "
             "Equality Advisory and Support Service (EASS).</p>\n</div></div>\n");
    return page_end(&h, res, 200);
}
