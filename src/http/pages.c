/*
 * The pages of the first web step: health, my caseload, child search (a POST, so no names
 * in URLs or logs), the child record (identity, allocations, case-note timeline) and adding
 * a case note. Each handler reads through the store under the app's store lock and renders
 * with the escaping builder; a rejected form is rendered again with everything typed.
 */
#include "http/pages.h"

#include <string.h>

#include "core/date.h"
#include "domain/codeset.h"
#include "domain/record.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { CASELOAD_MAX = 200, SEARCH_MAX = 50, TIMELINE_MAX = 100 };

int page_health(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    (void)req;
    http_body(res, 200, "text/plain; charset=utf-8", "ok\n", 3);
    return 200;
}

static const char *dmy(struct arena *a, kdate d)
{
    if (d == DATE_NONE)
        return "Not known";
    char buf[32];
    return arena_strdup(a, date_format_dmy(d, buf));
}

static void child_rows(struct html *h, const struct person *kids, size_t n)
{
    html_raw(h, "<table class=\"govuk-table\"><thead class=\"govuk-table__head\"><tr "
                "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Name"
                "</th><th scope=\"col\" class=\"govuk-table__header\">Date of birth</th><th "
                "scope=\"col\" class=\"govuk-table__header\">LA child id</th></tr></thead>\n"
                "<tbody class=\"govuk-table__body\">\n");
    for (size_t i = 0; i < n; i++) {
        char dob[32] = "Not known";
        if (kids[i].dob != DATE_NONE)
            date_format_dmy(kids[i].dob, dob);
        html_f(h,
               "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a "
               "class=\"govuk-link\" href=\"/children/%s\">%s %s</a></td><td "
               "class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td></tr>\n",
               kids[i].public_id, kids[i].given_name, kids[i].family_name, dob,
               kids[i].la_child_id);
    }
    html_raw(h, "</tbody></table>\n");
}

/* Whatever went wrong underneath (a clash, a trigger, a full disk), the person can do
 * nothing about it: 503, and nothing of the record. */
static int store_failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    int status = kerr_http_status(rc) >= 500 ? kerr_http_status(rc) : 503;
    return http_error_page(req, res, status, "Sorry, there is a problem",
                           "The case records could not be read. Try again later.");
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
        return store_failed(req, res, rc);
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
    bool err = false;
    html_raw(h, "<div class=\"govuk-form-group");
    for (size_t i = 0; i < req->nerrors; i++)
        err = err || strcmp(req->errors[i].field, "q") == 0;
    if (err)
        html_raw(h, " govuk-form-group--error");
    html_raw(h, "\"><label class=\"govuk-label\" for=\"q\">Name, LA child id or UPN</label>\n");
    page_field_error(h, req, "q");
    html_f(h,
           "<input class=\"govuk-input govuk-!-width-two-thirds%s\" id=\"q\" name=\"q\" "
           "type=\"text\" autocomplete=\"off\" spellcheck=\"false\" value=\"%s\"%s></div>\n",
           err ? " govuk-input--error" : "", q ? q : "", "");
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
        return store_failed(req, res, rc);
    page_begin(&h, req, "Find a child");
    search_form(&h, req);
    if (n == 0)
        html_raw(&h, "<p class=\"govuk-body\">No children match.</p>\n");
    else
        child_rows(&h, kids, n);
    return page_end(&h, res, 200);
}

struct child_view {
    struct person child;
    struct allocation *allocs;
    size_t nallocs;
    struct case_note *notes;
    size_t nnotes;
};

/* Load the child of the route's {id} if the account may see it; `action` (when not NULL)
 * is audited as a view before anything is shown, and a refusal is audited as denied. A
 * child the account may not see is KITH_E_NOT_FOUND, like one that does not exist, so
 * the answer does not tell which. */
static enum kerr_code child_load(struct http_app *app, struct http_request *req,
                                 struct child_view *v, const char *action)
{
    struct kerr e = KERR_INIT;
    struct store_scope scope = web_scope(req);
    enum kerr_code rc = store_person_find(req->store, req->path_args[0], req->arena, &v->child, &e);
    if (!rc &&
        (v->child.kind != PERSON_CHILD || strcmp(v->child.public_id, req->path_args[0]) != 0))
        rc = KITH_E_NOT_FOUND; /* by public id only: LA ids and relatives have no page here */
    bool visible = false;
    if (!rc)
        rc = store_person_visible(req->store, &scope, v->child.id, &visible, &e);
    if (!rc && !visible) {
        rc = web_audit(app, req, v->child.id, action ? action : "view", "denied", NULL, &e);
        if (!rc)
            rc = KITH_E_NOT_FOUND;
    } else if (!rc && action)
        rc = web_audit(app, req, v->child.id, action, "ok", NULL, &e);
    if (!rc)
        rc =
            store_allocation_list(req->store, v->child.id, req->arena, &v->allocs, &v->nallocs, &e);
    struct note_query nq = {.child_id = v->child.id, .limit = TIMELINE_MAX};
    if (!rc)
        rc = store_note_list(req->store, &nq, req->arena, &v->notes, &v->nnotes, &e);
    return rc;
}

static void summary_row(struct html *h, const char *key, const char *value)
{
    html_f(h,
           "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
           "<dd class=\"govuk-summary-list__value\">%s</dd></div>\n",
           key, value && *value ? value : "Not recorded");
}

static void note_form(struct html *h, const struct http_request *req, const char *child_id)
{
    html_f(h,
           "<h2 class=\"govuk-heading-m\" id=\"add-note\">Add a case note</h2>\n"
           "<form method=\"post\" action=\"/children/%s/notes\" novalidate>\n",
           child_id);
    page_csrf(h, req);
    static const struct {
        const char *name, *label;
    } fields[] = {{"date", "Date (YYYY-MM-DD)"}, {"subject", "Subject"}, {"body", "Note"}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = http_param(req, fields[i].name);
        bool err = false;
        for (size_t k = 0; k < req->nerrors; k++)
            err = err || strcmp(req->errors[k].field, fields[i].name) == 0;
        html_f(h,
               "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"%s\">%s"
               "</label>\n",
               err ? " govuk-form-group--error" : "", fields[i].name, fields[i].label);
        page_field_error(h, req, fields[i].name);
        if (strcmp(fields[i].name, "body") == 0)
            html_f(h,
                   "<textarea class=\"govuk-textarea%s\" id=\"body\" name=\"body\" rows=\"8\">%s"
                   "</textarea></div>\n",
                   err ? " govuk-textarea--error" : "", v ? v : "");
        else
            html_f(h,
                   "<input class=\"govuk-input%s\" id=\"%s\" name=\"%s\" type=\"text\" "
                   "value=\"%s\"></div>\n",
                   err ? " govuk-input--error" : "", fields[i].name, fields[i].name, v ? v : "");
    }
    const char *kind = http_param(req, "kind");
    html_raw(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"kind\">Kind"
                "</label>\n<select class=\"govuk-select\" id=\"kind\" name=\"kind\">\n");
    const struct codeset *cs = codeset_get(CS_NOTE_KIND);
    for (int i = 0; i < cs->n; i++)
        html_f(h, "<option value=\"%s\"%s>%s</option>\n", cs->codes[i].code,
               kind && strcmp(kind, cs->codes[i].code) == 0 ? " selected" : "", cs->codes[i].label);
    html_raw(h, "</select></div>\n");
    govuk_button(h, &(struct govuk_opts){.text = "Save note"});
    html_raw(h, "\n</form>\n");
}

static int child_render(struct http_request *req, struct http_response *res,
                        const struct child_view *v, int status)
{
    struct html h;
    html_init(&h, req->arena);
    const struct person *c = &v->child;
    const char *name = arena_printf(req->arena, "%s %s", c->given_name, c->family_name);
    page_begin(&h, req, name);
    page_error_summary(&h, req);
    html_f(&h,
           "<span class=\"govuk-caption-l\">Child record</span>\n"
           "<h1 class=\"govuk-heading-l\">%s</h1>\n",
           name);
    html_raw(&h, "<dl class=\"govuk-summary-list\">\n");
    summary_row(&h, "Date of birth", dmy(req->arena, c->dob));
    summary_row(&h, "LA child id", c->la_child_id);
    summary_row(&h, "UPN", c->upn);
    summary_row(&h, "Sex", c->sex == 'M' ? "Male" : c->sex == 'F' ? "Female" : "Not known");
    summary_row(&h, "Ethnicity", code_label(CS_ETHNICITY, c->ethnicity, 0));
    summary_row(&h, "Postcode", c->postcode);
    html_raw(&h, "</dl>\n<h2 class=\"govuk-heading-m\">Allocations</h2>\n");
    if (!v->nallocs)
        html_raw(&h, "<p class=\"govuk-body\">No allocations.</p>\n");
    else {
        html_raw(&h, "<ul class=\"govuk-list\">\n");
        for (size_t i = 0; i < v->nallocs; i++) {
            const struct allocation *al = &v->allocs[i];
            html_f(&h, "<li>%s, worker %ld, from %s%s%s</li>\n",
                   vocab_label(CS_ALLOCATION_ROLE, (int)al->role), (long)al->worker_id,
                   dmy(req->arena, al->start), al->end == DATE_NONE ? "" : " to ",
                   al->end == DATE_NONE ? "" : dmy(req->arena, al->end));
        }
        html_raw(&h, "</ul>\n");
    }
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Case notes</h2>\n");
    if (!v->nnotes)
        html_raw(&h, "<p class=\"govuk-body\">No case notes yet.</p>\n");
    html_raw(&h, "<div class=\"moj-timeline\">\n");
    for (size_t i = 0; i < v->nnotes; i++) {
        const struct case_note *n = &v->notes[i];
        const char *kind = code_label(CS_NOTE_KIND, n->kind, 0);
        html_f(&h,
               "<div class=\"moj-timeline__item\"><div class=\"moj-timeline__header\"><h3 "
               "class=\"moj-timeline__title\">%s</h3><p class=\"moj-timeline__byline\">%s</p>"
               "</div><p class=\"moj-timeline__date\">%s</p><div "
               "class=\"moj-timeline__description\"><p class=\"govuk-body\">%s</p></div></div>\n",
               n->subject, kind ? kind : n->kind, dmy(req->arena, n->date), n->body);
    }
    html_raw(&h, "</div>\n");
    if (req->principal && (req->principal->perms & ROUTE_NOTE_WRITE))
        note_form(&h, req, c->public_id);
    return page_end(&h, res, status);
}

int page_child(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct child_view v = {0};
    enum kerr_code rc = child_load(app, req, &v, "view");
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    if (rc) /* the view could not be audited: nothing of the record is shown */
        return store_failed(req, res, rc);
    return child_render(req, res, &v, 200);
}

static void field_error(struct http_request *req, const char *field, const char *message)
{
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = field;
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
}

int page_note_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    if (!req->principal->worker_id)
        return http_error_page(req, res, 403, "You cannot add notes",
                               "Only a worker's account can write case notes.");
    struct child_view v = {0};
    enum kerr_code rc = child_load(app, req, &v, NULL);
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    if (rc)
        return store_failed(req, res, rc);

    struct case_note n = {.child_id = v.child.id, .author_id = req->principal->worker_id};
    const char *date = http_param(req, "date");
    bool date_missing = false;
    for (size_t i = 0; i < req->nerrors; i++)
        date_missing = date_missing || strcmp(req->errors[i].field, "date") == 0;
    if (!date_missing && (date_parse_iso(date, &n.date, NULL) || n.date > date_today()))
        field_error(req, "date", "Enter a real date that is today or in the past, like 2026-11-23");
    n.kind = http_param(req, "kind");
    if (!code_valid(CS_NOTE_KIND, n.kind, strlen(n.kind), 0))
        field_error(req, "kind", "Select the kind of note");
    n.subject = http_param(req, "subject");
    n.body = http_param(req, "body");
    if (req->nerrors)
        return child_render(req, res, &v, 422);

    struct kerr e = KERR_INIT;
    /* The note and its audit row commit together, or neither does. */
    rc = store_begin(req->store, &e);
    if (!rc)
        rc = store_note_add(req->store, &n, &e);
    rc = web_change_done(app, req, rc, v.child.id, "note-add", n.public_id, &e);
    if (rc == KITH_E_INVALID) {
        field_error(req, e.field[0] ? arena_strdup(req->arena, e.field) : "body",
                    arena_strdup(req->arena, e.msg));
        return child_render(req, res, &v, 422);
    }
    if (rc)
        return store_failed(req, res, rc);
    return page_redirect(res, arena_printf(req->arena, "/children/%s", v.child.public_id));
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
             "<li>Dates are typed as YYYY-MM-DD in one box rather than as day, month and year.</li>"
             "\n<li>Long case-note timelines are not split into pages.</li>\n</ul>\n"
             "<h2 class=\"govuk-heading-m\">Reporting problems</h2>\n"
             "<p class=\"govuk-body\">If you find a problem that is not listed here, or you need "
             "information in a different format, tell your council's service desk and say that "
             "it is about kith. If you are not happy with how your council responds, contact the "
             "Equality Advisory and Support Service (EASS).</p>\n</div></div>\n");
    return page_end(&h, res, 200);
}
