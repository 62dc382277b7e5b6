/*
 * The pages of the first web step: health, my caseload (each child with their status and
 * next due item, derived as "my work" derives them: casework/work.h), child search (a
 * POST, so no names in URLs or logs), each role's start page ("/", auth_role_home: a
 * worker's caseload, a team manager's team) and the accessibility statement; the child
 * record is pages_child.c. Lists are shown 25 at a time and say how much of them is shown.
 * Each handler reads through the store under the app's store lock and renders
 * with the escaping builder; a rejected form is rendered again with everything typed.
 */
#include "http/pages.h"

#include <stdlib.h>
#include <string.h>

#include "casework/work.h"
#include "core/date.h"
#include "domain/record.h"
#include "domain/codeset.h"
#include "http/auth.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"
#include "store/store.h"

/* Lists read whole (a caseload, a team's children, a search up to SEARCH_MAX) and shown a
 * page at a time: the store's person list has no count, and these lists are short enough
 * that reading them is cheaper than a second query. */
enum { LIST_MAX = 10000, SEARCH_MAX = 1000, PAGE_SIZE = 25 };

int page_health(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    (void)req;
    http_body(res, 200, "text/plain; charset=utf-8", "ok\n", 3);
    return 200;
}

static const struct govuk_cell child_head[] = {{.text = "Name"},
                                               {.text = "Date of birth"},
                                               {.text = "LA child id"},
                                               {.text = "Status"},
                                               {.text = "Next due"}};

/* The children's statuses and next due items, from the obligations (casework/work.h), for
 * a list that shows them; by child id, as cw_work gives them. */
struct statuses {
    const struct work_child *v;
    size_t n;
    kdate on;
};

static int by_child(const void *key, const void *elem)
{
    int64_t x = *(const int64_t *)key, y = ((const struct work_child *)elem)->child->child_id;
    return (x > y) - (x < y);
}

/* One page of a list of children: how much of it is shown ("The first 25 of 140
 * children."), then the table, with each child's status and next due item when `st` is
 * given; `page` counts from 1. Returns how many rows it showed. */
static size_t child_rows(struct html *h, const struct person *kids, size_t n, long page,
                         const char *one, const char *many, const struct statuses *st)
{
    size_t from = (size_t)(page - 1) * PAGE_SIZE;
    size_t shown = from >= n ? 0 : (n - from < PAGE_SIZE ? n - from : PAGE_SIZE);
    page_count_line(h, from, shown, (int64_t)n, one, many);
    if (!shown)
        return 0;
    govuk_table_begin(h, &(struct govuk_table){.head = child_head, .nhead = st ? 5 : 3});
    for (size_t i = from; i < from + shown; i++) {
        const struct person *k = &kids[i];
        govuk_table_row_begin(h);
        govuk_table_cell(h,
                         &(struct govuk_cell){
                             .text = arena_printf(h->arena, "%s %s", k->given_name, k->family_name),
                             .href = arena_printf(h->arena, "/children/%s", k->public_id)},
                         false);
        govuk_table_cell(h, &(struct govuk_cell){.text = page_dmy(h->arena, k->dob)}, false);
        govuk_table_cell(h, &(struct govuk_cell){.text = k->la_child_id}, false);
        const struct work_child *w =
            st ? bsearch(&k->id, st->v, st->n, sizeof(*st->v), by_child) : NULL;
        if (w)
            work_child_cells(h, w, st->on);
        else if (st) { /* held in another role (an IRO's, a PA's): the social worker's clocks */
            govuk_table_cell(h, &(struct govuk_cell){.text = "Not worked out"}, false);
            govuk_table_cell(h, &(struct govuk_cell){.text = "Not worked out"}, false);
        }
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    html_raw(h, "\n");
    return shown;
}

/* Whether the route table serves GET `path` (a page another part of kith may add). */
static bool routed(const char *path)
{
    for (const struct route *r = routes; r->pattern; r++)
        if (r->method == HTTP_GET && !strcmp(r->pattern, path))
            return true;
    return false;
}

/* The children currently allocated to `worker_id`, or to the workers of `team_id`, that
 * this account may see, audited as `action` with the count. */
static enum kerr_code children_of(struct http_app *app, struct http_request *req, int64_t worker_id,
                                  int64_t team_id, const char *action, struct person **kids,
                                  size_t *n, struct kerr *e)
{
    struct store_scope scope = web_scope(req);
    struct person_query q = {.scope = &scope,
                             .kind = PERSON_CHILD,
                             .open_only = 1,
                             .worker_id = worker_id,
                             .team_id = team_id,
                             .limit = LIST_MAX};
    enum kerr_code rc = store_person_list(req->store, &q, req->arena, kids, n, e);
    if (!rc)
        rc = web_audit(app, req, 0, action, "ok",
                       arena_printf(req->arena, "%zu children listed", *n), e);
    return rc;
}

int page_caseload(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person *kids = NULL;
    size_t n = 0;
    enum kerr_code rc = KITH_OK;
    struct kerr e = KERR_INIT;
    if (req->principal->worker_id)
        rc = children_of(app, req, req->principal->worker_id, 0, "caseload", &kids, &n, &e);
    if (rc)
        return page_store_failed(req, res, rc);
    /* Each child's status and next due item as "my work" derives them, for the children
     * allocated to the worker as their social worker (those the clocks are theirs for). */
    struct statuses st = {0};
    if (n) {
        struct store_scope scope;
        struct actor who = web_actor(req, &scope);
        struct work_query q = {.worker_id = req->principal->worker_id,
                               .status = -1,
                               .on = who.today,
                               .children = true};
        struct work w;
        struct cw_err err;
        cw_err_clear(&err);
        rc = cw_work(req->store, &who, &q, req->arena, &w, &err);
        if (rc)
            return page_store_failed(req, res, rc);
        st = (struct statuses){.v = w.children, .n = w.nchildren, .on = q.on};
    }
    long page = page_number(req);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "My caseload");
    html_raw(&h, "<h1 class=\"govuk-heading-l\">My caseload</h1>\n");
    if (routed("/work"))
        html_raw(&h, "<p class=\"govuk-body\">What is due for these children is on <a "
                     "class=\"govuk-link\" href=\"/work\">my work</a>.</p>\n");
    if (n == 0)
        html_raw(&h, "<p class=\"govuk-body\">No children are allocated to you.</p>\n");
    else {
        /* an IRO's or a personal adviser's list, held in no social worker's role, has no
         * clocks of theirs to show: its table is the plain one */
        child_rows(&h, kids, n, page, "child allocated to you", "children allocated to you",
                   st.n ? &st : NULL);
        page_pagination(&h, "/caseload", page, PAGE_SIZE, (int64_t)n);
    }
    return page_end(&h, res, 200);
}

/* "/": each role's own start page (auth_role_home). The caseload is answered here rather
 * than redirected to, so a worker's bookmark of kith opens on it at once. */
int page_home(struct http_app *app, struct http_request *req, struct http_response *res)
{
    const char *home = auth_role_home(req->principal->role);
    if (!strcmp(home, "/caseload"))
        return page_caseload(app, req, res);
    return page_redirect(res, home);
}

static void worker_rows(struct html *h, const struct worker_caseload *w, size_t n)
{
    static const struct govuk_cell head[] = {{.text = "Worker"},
                                             {.text = "Role"},
                                             {.text = "FTE", .format = "numeric"},
                                             {.text = "Children", .format = "numeric"}};
    govuk_table_begin(h, &(struct govuk_table){.caption = "Workers and their caseloads",
                                               .caption_classes = "govuk-table__caption--m",
                                               .head = head,
                                               .nhead = 4});
    for (size_t i = 0; i < n; i++) {
        const struct worker *wk = &w[i].worker;
        govuk_table_row_begin(h);
        govuk_table_cell(h,
                         &(struct govuk_cell){.text = arena_printf(h->arena, "%s %s%s",
                                                                   wk->given_name, wk->family_name,
                                                                   wk->agency ? " (agency)" : "")},
                         true);
        govuk_table_cell(
            h, &(struct govuk_cell){.text = vocab_label(CS_WORKER_ROLE, (int)wk->role)}, false);
        govuk_table_cell(h,
                         &(struct govuk_cell){.text = arena_printf(h->arena, "%.1f", wk->fte),
                                              .format = "numeric"},
                         false);
        govuk_table_cell(
            h,
            &(struct govuk_cell){.text = arena_printf(h->arena, "%ld", (long)w[i].children),
                                 .format = "numeric"},
            false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    html_raw(h, "\n");
}

/* A team manager's start page: their team's workers with their caseloads, and the
 * team's children (those this account may see), a page at a time. */
int page_team_home(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct kerr e = KERR_INIT;
    struct worker me = {0};
    struct team *teams = NULL;
    size_t nteams = 0;
    enum kerr_code rc = KITH_OK;
    if (req->principal->worker_id)
        rc = store_worker_get(req->store, req->principal->worker_id, req->arena, &me, &e);
    if (!rc)
        rc = store_team_list(req->store, req->arena, &teams, &nteams, &e);
    const struct team *t = NULL;
    for (size_t i = 0; !rc && i < nteams; i++)
        if (me.team_id && teams[i].id == me.team_id)
            t = &teams[i];
    struct worker_caseload *w = NULL;
    size_t nw = 0;
    struct person *kids = NULL;
    size_t n = 0;
    if (!rc && t)
        rc = store_team_caseloads(req->store, t->id, req->arena, &w, &nw, &e);
    if (!rc && t)
        rc = children_of(app, req, 0, t->id, "team-children", &kids, &n, &e);
    if (rc)
        return page_store_failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, t ? t->name : "My team");
    if (!t) {
        html_raw(&h, "<h1 class=\"govuk-heading-l\">My team</h1>\n<p class=\"govuk-body\">This "
                     "account is not a worker's in a team, so it has no team to show.</p>\n");
        return page_end(&h, res, 200);
    }
    html_f(&h,
           "<span class=\"govuk-caption-l\">My team</span>\n<h1 class=\"govuk-heading-l\">%s"
           "</h1>\n",
           t->name);
    html_f(&h,
           "<p class=\"govuk-body\">See the team's <a class=\"govuk-link\" href=\"/teams/%s\">"
           "caseloads against its threshold</a>",
           t->public_id);
    if (routed("/work/team"))
        html_raw(&h, " and <a class=\"govuk-link\" href=\"/work/team\">what is due</a>");
    html_raw(&h, ".</p>\n");
    worker_rows(&h, w, nw);
    html_raw(&h, "<h2 class=\"govuk-heading-m\" id=\"children\">The team's children</h2>\n");
    long page = page_number(req);
    if (n == 0)
        html_raw(&h, "<p class=\"govuk-body\">No children are allocated to the team.</p>\n");
    else {
        child_rows(&h, kids, n, page, "child allocated to the team",
                   "children allocated to the team", NULL);
        page_pagination(&h, "/team", page, PAGE_SIZE, (int64_t)n);
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
                                         .hint = "Given name first or family name first",
                                         .error = page_error_text(req, "q"),
                                         .value = q ? q : "",
                                         .classes = "govuk-!-width-two-thirds",
                                         .autocomplete = "off",
                                         .spellcheck = GOVUK_FALSE});
    html_raw(h, "\n");
    govuk_button(h, &(struct govuk_opts){.text = "Search"});
    html_raw(h, "\n</form>\n");
    /* search first, then record: the form for a child kith does not know yet */
    if (req->principal && (req->principal->perms & ROUTE_CHILD_WRITE))
        html_raw(h, "<p class=\"govuk-body\">Not found? <a class=\"govuk-link\" "
                    "href=\"/children/new\">Record a new child</a></p>\n");
    /* a contact at the front door finds its child the same way (pages_child_form.c) */
    if (req->principal && (req->principal->perms & ROUTE_CHILD_WRITE) &&
        (req->principal->perms & ROUTE_NOTE_WRITE))
        html_raw(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/contacts/new\">"
                    "Record a contact</a></p>\n");
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

/* The next page of a search is the same search posted again (no names in addresses). */
static void search_more(struct html *h, const struct http_request *req, long page, bool prev,
                        bool next)
{
    for (int i = 0; i < 2; i++) {
        if (!(i ? next : prev))
            continue;
        html_raw(h, "<form method=\"post\" action=\"/search\" class=\"govuk-!-display-inline-block "
                    "govuk-!-margin-right-2\" novalidate>\n");
        page_csrf(h, req);
        html_f(h,
               "<input type=\"hidden\" name=\"q\" value=\"%s\">\n<input type=\"hidden\" "
               "name=\"page\" value=\"%ld\">\n",
               http_param(req, "q"), i ? page + 1 : page - 1);
        govuk_button(h, &(struct govuk_opts){.text = i ? "Next results" : "Previous results",
                                             .classes = "govuk-button--secondary"});
        html_raw(h, "</form>\n");
    }
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
    const char *pv = http_param(req, "page");
    long page = pv && *pv ? strtol(pv, NULL, 10) : 1;
    page = page < 1 ? 1 : page;
    page_begin(&h, req, "Find a child");
    search_form(&h, req);
    if (n == 0)
        html_raw(&h, "<p class=\"govuk-body\">No children match.</p>\n");
    else {
        size_t shown = child_rows(&h, kids, n, page, "child matches", "children match", NULL);
        if (n == SEARCH_MAX)
            html_f(&h,
                   "<p class=\"govuk-body\">Only the first %ld matches are counted: add more of "
                   "the name to narrow the search.</p>\n",
                   (long)SEARCH_MAX);
        search_more(&h, req, page, page > 1, (size_t)(page - 1) * PAGE_SIZE + shown < n);
    }
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
