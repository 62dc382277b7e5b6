/*
 * Pages for managers and auditors: team caseloads (children per worker and per FTE,
 * flagged above the team's threshold) and the audit trail by child or by account, with a
 * CSV export. Neither shows a child's record: caseloads are counts, and the audit page
 * names children by their public id, for an auditor who may not read records.
 */
#include "http/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/esc.h"
#include "core/str.h"
#include "domain/codeset.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { AUDIT_PAGE_MAX = 500, AUDIT_EXPORT_MAX = 5000 };

static int failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    req->cause = rc;
    return http_error_page(req, res, 503, "Sorry, there is a problem",
                           "The records could not be read. Try again later.");
}

/* --- team caseloads -------------------------------------------------------------------- */

struct team_load {
    double fte;
    int64_t children, workers;
};

static struct team_load team_load(const struct worker_caseload *w, size_t n)
{
    struct team_load t = {0};
    for (size_t i = 0; i < n; i++) {
        t.fte += w[i].worker.fte;
        t.children += w[i].children;
        t.workers++;
    }
    return t;
}

static const char *per_fte(struct arena *a, int64_t children, double fte)
{
    return fte > 0 ? arena_printf(a, "%.1f", (double)children / fte) : "-";
}

static void number_cell(struct html *h, const char *text)
{
    govuk_table_cell(h, &(struct govuk_cell){.text = text, .format = "numeric"}, false);
}

/* The status cell: a tag saying whether the load is above the team's threshold. */
static void load_tag_cell(struct html *h, int64_t children, double fte, int threshold)
{
    bool above = fte > 0 && (double)children / fte > threshold;
    govuk_table_cell_begin(h, &(struct govuk_cell){0}, false);
    govuk_tag(h, &(struct govuk_opts){.text = above ? "Above threshold" : "Within threshold",
                                      .classes = above ? "govuk-tag--red" : "govuk-tag--green"});
    govuk_table_cell_end(h, false);
}

/* Caseloads count every child allocated, restricted records too, whoever is looking: a
 * figure that left them out for someone not on the allow-list would understate the work a
 * manager allocates against (and differ from a colleague's, which says more than a count
 * does). The pages say so, and name no child. */
#define RESTRICTED_COUNTED                                                                         \
    "<p class=\"govuk-body\">Counts include every child allocated, restricted records too; no "    \
    "child is named here.</p>\n"

int page_teams(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct team *teams;
    size_t nteams;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_team_list(req->store, req->arena, &teams, &nteams, &e);
    struct team_load *loads = arena_zalloc(req->arena, (nteams + 1) * sizeof *loads);
    for (size_t i = 0; !rc && i < nteams; i++) {
        struct worker_caseload *w;
        size_t n;
        rc = store_team_caseloads(req->store, teams[i].id, req->arena, &w, &n, &e);
        if (!rc)
            loads[i] = team_load(w, n);
    }
    if (rc)
        return failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Team caseloads");
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Team caseloads</h1>\n<p class=\"govuk-body\">"
                 "Children allocated now, per full-time equivalent worker, against each team's "
                 "threshold.</p>\n");
    html_raw(&h, RESTRICTED_COUNTED);
    static const struct govuk_cell head[] = {
        {.text = "Team"},
        {.text = "Workers", .format = "numeric"},
        {.text = "Children", .format = "numeric"},
        {.text = "Per FTE", .format = "numeric"},
        {.text = "Threshold", .format = "numeric"},
        {.text = "Status"},
    };
    govuk_table_begin(&h, &(struct govuk_table){.caption = "Caseloads by team",
                                                .caption_classes = "govuk-visually-hidden",
                                                .head = head,
                                                .nhead = sizeof head / sizeof head[0]});
    for (size_t i = 0; i < nteams; i++) {
        govuk_table_row_begin(&h);
        govuk_table_cell(
            &h,
            &(struct govuk_cell){.text = teams[i].name,
                                 .href = arena_printf(req->arena, "/teams/%s", teams[i].public_id)},
            true);
        number_cell(&h, arena_printf(req->arena, "%ld", (long)loads[i].workers));
        number_cell(&h, arena_printf(req->arena, "%ld", (long)loads[i].children));
        number_cell(&h, per_fte(req->arena, loads[i].children, loads[i].fte));
        number_cell(&h, arena_printf(req->arena, "%d", (int)teams[i].caseload_threshold));
        load_tag_cell(&h, loads[i].children, loads[i].fte, teams[i].caseload_threshold);
        govuk_table_row_end(&h);
    }
    govuk_table_end(&h);
    html_raw(&h, "\n");
    return page_end(&h, res, 200);
}

int page_team(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct team t;
    struct worker_caseload *w = NULL;
    size_t n = 0;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_team_find(req->store, req->path_args[0], req->arena, &t, &e);
    if (!rc && strcmp(t.public_id, req->path_args[0]) != 0)
        rc = KITH_E_NOT_FOUND; /* public ids only in addresses */
    if (!rc)
        rc = store_team_caseloads(req->store, t.id, req->arena, &w, &n, &e);
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such team.");
    if (rc)
        return failed(req, res, rc);
    struct team_load total = team_load(w, n);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, t.name);
    govuk_back_link(&h, &(struct govuk_opts){.href = "/teams", .text = "All teams"});
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n"
           "<p class=\"govuk-body\">%ld children allocated to %ld workers (%s per FTE; the "
           "team's threshold is %d).</p>\n",
           vocab_label(CS_SERVICE, (int)t.service), t.name, (long)total.children,
           (long)total.workers, per_fte(req->arena, total.children, total.fte),
           (int)t.caseload_threshold);
    html_raw(&h, RESTRICTED_COUNTED);
    static const struct govuk_cell head[] = {
        {.text = "Worker"},
        {.text = "Role"},
        {.text = "FTE", .format = "numeric"},
        {.text = "Children", .format = "numeric"},
        {.text = "Per FTE", .format = "numeric"},
        {.text = "Status"},
    };
    govuk_table_begin(&h, &(struct govuk_table){.caption = "Caseloads by worker",
                                                .caption_classes = "govuk-visually-hidden",
                                                .head = head,
                                                .nhead = sizeof head / sizeof head[0]});
    for (size_t i = 0; i < n; i++) {
        const struct worker *wk = &w[i].worker;
        govuk_table_row_begin(&h);
        govuk_table_cell(&h,
                         &(struct govuk_cell){.text = arena_printf(req->arena, "%s %s%s",
                                                                   wk->given_name, wk->family_name,
                                                                   wk->agency ? " (agency)" : "")},
                         true);
        govuk_table_cell(
            &h, &(struct govuk_cell){.text = vocab_label(CS_WORKER_ROLE, (int)wk->role)}, false);
        number_cell(&h, arena_printf(req->arena, "%.1f", wk->fte));
        number_cell(&h, arena_printf(req->arena, "%ld", (long)w[i].children));
        number_cell(&h, per_fte(req->arena, w[i].children, wk->fte));
        load_tag_cell(&h, w[i].children, wk->fte, t.caseload_threshold);
        govuk_table_row_end(&h);
    }
    govuk_table_end(&h);
    html_raw(&h, "\n");
    return page_end(&h, res, 200);
}

/* --- the audit trail ------------------------------------------------------------------- */

struct audit_view {
    struct audit_event *rows;
    size_t n;
    const char **child_ids; /* public id per row, "" when none */
    long page;              /* 1 for the newest rows, 2 for the next as many, ... */
    bool more;              /* rows past this page match too */
};

static void text_input(struct html *h, const struct http_request *req, const char *name,
                       const char *label, const char *hint)
{
    const char *v = http_param(req, name);
    govuk_input(h, &(struct govuk_field){.name = name,
                                         .label = label,
                                         .hint = hint,
                                         .error = page_error_text(req, name),
                                         .value = v ? v : "",
                                         .classes = "govuk-!-width-one-half",
                                         .spellcheck = GOVUK_FALSE});
    html_raw(h, "\n");
}

static void audit_form(struct html *h, const struct http_request *req)
{
    page_error_summary(h, req);
    html_raw(h, "<h1 class=\"govuk-heading-l\">Who viewed or changed a record</h1>\n"
                "<form method=\"post\" action=\"/audit\" novalidate>\n");
    page_csrf(h, req);
    text_input(h, req, "child", "Child", "Public id or LA child id");
    text_input(h, req, "user", "Or account", "A username, for everything that account did");
    page_date_input(h, req, "from", "from", "From", "For example, 1 11 2026");
    html_raw(h, "\n");
    page_date_input(h, req, "to", "to", "To", "For example, 30 11 2026");
    html_raw(h, "\n");
    html_raw(h, "<div class=\"govuk-button-group\">");
    govuk_button(h, &(struct govuk_opts){.text = "Show"});
    govuk_button(h, &(struct govuk_opts){.text = "Download as CSV",
                                         .classes = "govuk-button--secondary",
                                         .formaction = "/audit/export"});
    html_raw(h, "</div>\n</form>\n");
}

int page_audit_form(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Audit trail");
    audit_form(&h, req);
    return page_end(&h, res, 200);
}

static void add_error(struct http_request *req, const char *field, const char *message)
{
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = field;
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
}

/* Read the form into a query, or record what is wrong with it. */
static enum kerr_code audit_query_of(struct http_request *req, struct audit_query *q, size_t limit,
                                     long *page)
{
    const char *page_text = http_param(req, "page");
    *page = page_text && *page_text ? strtol(page_text, NULL, 10) : 1;
    if (*page < 1 || *page > 100000)
        add_error(req, "page", "Enter a page from 1");
    /* one row more than the page holds says whether there are more */
    *q = (struct audit_query){.limit = limit + 1,
                              .offset = (size_t)(*page < 1 ? 0 : *page - 1) * limit};
    const char *child = http_param(req, "child"), *user = http_param(req, "user");
    kdate d;
    if (page_date_read(req, "from", "from", "the start date", false, false, &d) && d != DATE_NONE)
        q->from = (int64_t)d * 86400;
    if (page_date_read(req, "to", "to", "the end date", false, false, &d) && d != DATE_NONE)
        q->to = (int64_t)(d + 1) * 86400 - 1;
    if ((!child || !*child) && (!user || !*user))
        add_error(req, "child", "Enter a child or an account");
    if (req->nerrors)
        return KITH_E_INVALID;
    struct kerr e = KERR_INIT;
    if (child && *child) {
        struct person p;
        if (store_person_find(req->store, child, req->arena, &p, &e) == KITH_OK)
            q->child_id = p.id;
        else
            add_error(req, "child", "There is no child with that id");
    } else {
        struct user u;
        if (store_user_find(req->store, user, req->arena, &u, &e) == KITH_OK)
            q->user_id = u.id;
        else
            add_error(req, "user", "There is no account with that username");
    }
    return req->nerrors ? KITH_E_INVALID : KITH_OK;
}

/* Query and audit the looking in one go: an auditor's reading is itself audited. */
static enum kerr_code audit_read(struct http_app *app, struct http_request *req,
                                 struct audit_view *v, size_t limit, const char *action)
{
    struct audit_query q;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = audit_query_of(req, &q, limit, &v->page);
    if (!rc)
        rc = store_audit_list(req->store, &q, req->arena, &v->rows, &v->n, &e);
    v->more = !rc && v->n > limit;
    if (v->more)
        v->n = limit;
    v->child_ids = arena_zalloc(req->arena, (v->n + 1) * sizeof *v->child_ids);
    for (size_t i = 0; !rc && i < v->n; i++) {
        struct person p;
        v->child_ids[i] = "";
        if (v->rows[i].child_id &&
            store_person_get(req->store, v->rows[i].child_id, req->arena, &p, NULL) == KITH_OK)
            v->child_ids[i] = arena_strdup(req->arena, p.public_id);
    }
    if (!rc)
        rc = web_audit(app, req, q.child_id, action, "ok",
                       arena_printf(req->arena, "%zu rows (page %ld)", v->n, v->page), &e);
    return rc;
}

static const char *utc(struct arena *a, int64_t at)
{
    char buf[32];
    time_t t = (time_t)at;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return arena_strdup(a, buf);
}

/* Where a page of the trail stops short of all it matched: say so, and offer the next page
 * (the same query, page + 1) and the next CSV part. */
static void more_rows(struct html *h, const struct http_request *req, long page, long per_page)
{
    html_f(h,
           "<div class=\"govuk-inset-text\">More entries match than one page shows (%ld). "
           "Narrow the dates, or go on to the next %ld.</div>\n"
           "<form method=\"post\" action=\"/audit\" novalidate>\n",
           per_page, per_page);
    page_csrf(h, req);
    static const char *const keep[] = {"child",  "user",     "from-day", "from-month", "from-year",
                                       "to-day", "to-month", "to-year",  "from",       "to"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        const char *v = http_param(req, keep[i]);
        html_f(h, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", keep[i], v ? v : "");
    }
    html_f(h, "<input type=\"hidden\" name=\"page\" value=\"%ld\">\n", page + 1);
    govuk_button(h, &(struct govuk_opts){.text = "Next entries"});
    html_raw(h, "</form>\n");
}

int page_audit(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct audit_view v = {0};
    enum kerr_code rc =
        req->nerrors ? KITH_E_INVALID : audit_read(app, req, &v, AUDIT_PAGE_MAX, "audit-view");
    struct html h;
    html_init(&h, req->arena);
    if (rc == KITH_E_INVALID) {
        page_begin(&h, req, "Audit trail");
        audit_form(&h, req);
        return page_end(&h, res, 422);
    }
    if (rc)
        return failed(req, res, rc);
    page_begin(&h, req, "Audit trail");
    audit_form(&h, req);
    long first = (v.page - 1) * AUDIT_PAGE_MAX + 1;
    if (v.page == 1 && !v.more)
        html_f(&h, "<h2 class=\"govuk-heading-m\">%ld entries, newest first</h2>\n", (long)v.n);
    else
        html_f(&h, "<h2 class=\"govuk-heading-m\">Entries %ld to %ld, newest first</h2>\n",
               v.n ? first : first - 1, first + (long)v.n - 1);
    if (v.more)
        more_rows(&h, req, v.page, AUDIT_PAGE_MAX);
    static const struct govuk_cell head[] = {
        {.text = "When (UTC)"}, {.text = "Account"}, {.text = "Role"},    {.text = "Child"},
        {.text = "Action"},     {.text = "Outcome"}, {.text = "Request"},
    };
    govuk_table_begin(&h, &(struct govuk_table){.caption = "Audit entries",
                                                .caption_classes = "govuk-visually-hidden",
                                                .head = head,
                                                .nhead = sizeof head / sizeof head[0]});
    for (size_t i = 0; i < v.n; i++) {
        const struct audit_event *r = &v.rows[i];
        const char *cells[] = {utc(req->arena, r->at), r->username, r->role,
                               v.child_ids[i],         r->action,   r->outcome,
                               r->request_id};
        govuk_table_row_begin(&h);
        for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
            govuk_table_cell(&h, &(struct govuk_cell){.text = cells[k]}, false);
        govuk_table_row_end(&h);
    }
    govuk_table_end(&h);
    html_raw(&h, "\n");
    if (v.more)
        more_rows(&h, req, v.page, AUDIT_PAGE_MAX);
    return page_end(&h, res, 200);
}

/* A CSV field (core/esc.h esc_csv: quoted when it must be, a formula defused), then the
 * comma or the line's end. */
static void csv_field(struct str *s, const char *v, bool last)
{
    esc_csv(s, v ? v : "");
    str_add(s, last ? "\r\n" : ",");
}

int page_audit_export(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct audit_view v = {0};
    enum kerr_code rc =
        req->nerrors ? KITH_E_INVALID : audit_read(app, req, &v, AUDIT_EXPORT_MAX, "export");
    if (rc == KITH_E_INVALID) {
        struct html h;
        html_init(&h, req->arena);
        page_begin(&h, req, "Audit trail");
        audit_form(&h, req);
        return page_end(&h, res, 422);
    }
    if (rc)
        return failed(req, res, rc);
    struct str s;
    str_init(&s, 0);
    str_add(&s, "row,time_utc,username,role,child,action,outcome,request_id,detail\r\n");
    for (size_t i = 0; i < v.n; i++) {
        const struct audit_event *r = &v.rows[i];
        csv_field(&s, arena_printf(req->arena, "%lld", (long long)r->id), false);
        csv_field(&s, utc(req->arena, r->at), false);
        csv_field(&s, r->username, false);
        csv_field(&s, r->role, false);
        csv_field(&s, v.child_ids[i], false);
        csv_field(&s, r->action, false);
        csv_field(&s, r->outcome, false);
        csv_field(&s, r->request_id, false);
        csv_field(&s, r->detail, true);
    }
    /* a download that stops at its limit says so in its last line, and how to get the rest */
    if (v.more)
        str_addf(&s,
                 ",,,,,,,,\"More entries match than one download holds (%d): this is part %ld; "
                 "download part %ld (page=%ld) for the next, or narrow the dates\"\r\n",
                 AUDIT_EXPORT_MAX, v.page, v.page + 1, v.page + 1);
    size_t len = 0;
    char *text = str_detach(&s, &len);
    char *body = arena_strndup(req->arena, text ? text : "", text ? len : 0);
    free(text);
    http_header_add(
        res, "Content-Disposition",
        v.page == 1 && !v.more
            ? "attachment; filename=\"kith-audit.csv\""
            : arena_printf(req->arena, "attachment; filename=\"kith-audit-part%ld.csv\"", v.page));
    http_body(res, 200, "text/csv; charset=utf-8", body, len);
    return 200;
}
