/*
 * "My work" and the team's work, from the obligations the timescales derive
 * (casework/work.h): for a worker (/work) their overdue work, what is due today, in the
 * next seven days and later, each with the form that discharges it, and their caseload
 * with each child's status and next due item; for a team manager (/work/team) the team's
 * overdue work by worker and by type, the authorisation queue (each with the assessment's
 * correction form, where the manager records the authorisation) and the caseloads.
 * Nothing is stored: every view is derived from the records as they read now, and the
 * use case shows only the children this account may see.
 */
#include "http/pages.h"

#include <string.h>

#include "casework/work.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { WORK_ROWS_MAX = 300 };

static int failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    req->cause = rc;
    return http_error_page(req, res, 503, "Sorry, there is a problem",
                           "Your work could not be worked out. Try again later.");
}

static const char *day(struct arena *a, kdate d)
{
    char buf[32];
    return arena_strdup(a, date_format_dmy(d, buf));
}

/* The form that discharges an obligation: its own record's correction form when a field
 * of it stops the clock (a decision, a completion, an authorisation), else the form for a
 * new record of the stopping type (a conference, a visit). */
static void discharge(struct arena *a, const struct obligation *o, const struct rec_type *t,
                      const char *child, const char **href, const char **text)
{
    const struct timescale *ts = o->ts;
    if (!ts->stop_type) {
        *href = arena_printf(a, "/records/%s/%s/edit", t->name, rec_chead(t, o->rec)->public_id);
        *text = ts->owner == TS_MANAGER ? "Authorise" : arena_printf(a, "Update the %s", t->label);
        return;
    }
    const struct rec_type *st = rec_type_named(ts->stop_type);
    *href = arena_printf(a, "/children/%s/records/%s/new", child, ts->stop_type);
    *text = arena_printf(a, "Record the %s", st ? st->label : ts->stop_type);
}

static const char *child_name(struct arena *a, const struct child_owner *c)
{
    return arena_printf(a, "%s %s", c->given_name, c->family_name);
}

static const struct govuk_cell item_head[] = {
    {.text = "Due"}, {.text = "Child"}, {.text = "What is due"}, {.text = "Action"}};

/* One table of open obligations: those in `bucket` (0 overdue ... 3 later; -1 any open
 * one the manager must do). */
static size_t item_table(struct html *h, const struct work *w, int bucket, kdate on,
                         const char *caption, int64_t owner)
{
    size_t shown = 0;
    for (size_t i = 0; i < w->n && shown < WORK_ROWS_MAX; i++) {
        const struct work_item *it = &w->items[i];
        if (it->ob.status == OB_DONE || (owner && (!it->owner || it->owner->id != owner)))
            continue;
        if (bucket >= 0 ? work_bucket(&it->ob, on) != bucket : it->ob.ts->owner != TS_MANAGER)
            continue;
        if (!shown++)
            govuk_table_begin(h, &(struct govuk_table){.caption = caption,
                                                       .caption_classes = "govuk-table__caption--m",
                                                       .head = item_head,
                                                       .nhead = 4});
        const char *href, *text;
        char why[400];
        ts_explain(&it->ob, why, sizeof why);
        discharge(h->arena, &it->ob, it->type, it->child->public_id, &href, &text);
        govuk_table_row_begin(h);
        govuk_table_cell(h, &(struct govuk_cell){.text = day(h->arena, it->ob.due)}, true);
        govuk_table_cell(h,
                         &(struct govuk_cell){
                             .text = child_name(h->arena, it->child),
                             .href = arena_printf(h->arena, "/children/%s", it->child->public_id)},
                         false);
        govuk_table_cell_begin(h, &(struct govuk_cell){0}, false);
        html_f(h, "%s<br><span class=\"govuk-hint govuk-!-font-size-16\">%s</span>",
               it->ob.ts->what, why);
        govuk_table_cell_end(h, false);
        govuk_table_cell(h, &(struct govuk_cell){.text = text, .href = href}, false);
        govuk_table_row_end(h);
    }
    if (shown)
        govuk_table_end(h);
    return shown;
}

/* The tag beside a next due item, by work_bucket: how near it is, in words and colour. */
static const struct {
    const char *text, *colour;
} due_tags[] = {{"Overdue", "govuk-tag--red"},
                {"Due today", "govuk-tag--orange"},
                {"Due this week", "govuk-tag--yellow"},
                {"Due", "govuk-tag--grey"}};

void work_child_cells(struct html *h, const struct work_child *k, kdate on)
{
    govuk_table_cell(h, &(struct govuk_cell){.text = k->status[0] ? k->status : "None open"},
                     false);
    if (!k->has_next) {
        govuk_table_cell(h, &(struct govuk_cell){.text = "Nothing due"}, false);
        return;
    }
    const char *href, *text;
    discharge(h->arena, &k->next, k->next_type, k->child->public_id, &href, &text);
    int b = work_bucket(&k->next, on);
    govuk_table_cell_begin(h, &(struct govuk_cell){0}, false);
    html_f(h, "%s: %s ", day(h->arena, k->next.due), k->next.ts->what);
    govuk_tag(h, &(struct govuk_opts){.text = due_tags[b].text, .classes = due_tags[b].colour});
    html_f(h, "<br><a class=\"govuk-link\" href=\"%s\">%s</a>", href, text);
    govuk_table_cell_end(h, false);
}

int page_work(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct html h;
    html_init(&h, req->arena);
    int64_t me = req->principal->worker_id;
    if (!me) {
        page_begin(&h, req, "My work");
        html_raw(&h,
                 "<h1 class=\"govuk-heading-l\">My work</h1>\n<p class=\"govuk-body\">Your "
                 "account is not a worker's, so no children or work are allocated to it.</p>\n");
        return page_end(&h, res, 200);
    }
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct work_query q = {.worker_id = me, .status = -1, .on = who.today, .children = true};
    struct work w;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_work(req->store, &who, &q, req->arena, &w, &err);
    if (rc)
        return failed(req, res, rc);
    req->audited = true; /* cw_work wrote the request's row */
    size_t count[4] = {0};
    for (size_t i = 0; i < w.n; i++)
        if (w.items[i].ob.status != OB_DONE && w.items[i].owner && w.items[i].owner->id == me)
            count[work_bucket(&w.items[i].ob, q.on)]++;
    page_begin(&h, req, "My work");
    html_f(&h,
           "<h1 class=\"govuk-heading-l\">My work</h1>\n<p class=\"govuk-body\">On %s: "
           "%ld overdue, %ld due today, %ld due in the next 7 days, %ld later.</p>\n",
           day(req->arena, q.on), (long)count[0], (long)count[1], (long)count[2], (long)count[3]);
    static const char *const heads[] = {"Overdue", "Due today", "Due in the next 7 days", "Later"};
    for (int b = 0; b < 4; b++)
        item_table(&h, &w, b, q.on, heads[b], me);
    if (!count[0] && !count[1] && !count[2] && !count[3])
        html_raw(&h, "<p class=\"govuk-body\">Nothing is due.</p>\n");
    static const struct govuk_cell head[] = {
        {.text = "Child"}, {.text = "Status"}, {.text = "Next due"}};
    html_raw(&h, "<h2 class=\"govuk-heading-m\" id=\"caseload\">My caseload</h2>\n");
    size_t shown = 0;
    for (size_t i = 0; i < w.nchildren; i++) {
        const struct work_child *k = &w.children[i];
        if (k->child->worker_id != me) /* a manager's list holds the team's children */
            continue;
        if (!shown++)
            govuk_table_begin(&h, &(struct govuk_table){.caption = "My caseload",
                                                        .caption_classes = "govuk-visually-hidden",
                                                        .head = head,
                                                        .nhead = 3});
        govuk_table_row_begin(&h);
        govuk_table_cell(&h,
                         &(struct govuk_cell){
                             .text = child_name(req->arena, k->child),
                             .href = arena_printf(req->arena, "/children/%s", k->child->public_id)},
                         true);
        work_child_cells(&h, k, q.on);
        govuk_table_row_end(&h);
    }
    if (shown)
        govuk_table_end(&h);
    else
        html_raw(&h, "<p class=\"govuk-body\">No children are allocated to you.</p>\n");
    return page_end(&h, res, 200);
}

/* A count per key: a worker's overdue items, or a rule's. */
static void count_table(struct html *h, const char *caption, const char *what,
                        const char *const *keys, const size_t *n, size_t nkeys)
{
    const struct govuk_cell head[] = {{.text = what}, {.text = "Overdue", .format = "numeric"}};
    size_t shown = 0;
    for (size_t i = 0; i < nkeys; i++) {
        if (!n[i])
            continue;
        if (!shown++)
            govuk_table_begin(h, &(struct govuk_table){.caption = caption,
                                                       .caption_classes = "govuk-table__caption--m",
                                                       .head = head,
                                                       .nhead = 2});
        govuk_table_row_begin(h);
        govuk_table_cell(h, &(struct govuk_cell){.text = keys[i]}, true);
        govuk_table_cell(h,
                         &(struct govuk_cell){.text = arena_printf(h->arena, "%ld", (long)n[i]),
                                              .format = "numeric"},
                         false);
        govuk_table_row_end(h);
    }
    if (shown)
        govuk_table_end(h);
    else
        html_f(h, "<h2 class=\"govuk-heading-m\">%s</h2>\n<p class=\"govuk-body\">None.</p>\n",
               caption);
}

static const char *worker_name(struct arena *a, const struct worker *w)
{
    return w ? arena_printf(a, "%s %s", w->given_name, w->family_name) : "Not allocated";
}

int page_work_team(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct html h;
    html_init(&h, req->arena);
    int64_t me = req->principal->worker_id;
    struct worker self;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = me ? store_worker_get(req->store, me, req->arena, &self, &e) : KITH_OK;
    if (rc)
        return failed(req, res, rc);
    if (!me) {
        page_begin(&h, req, "Team work");
        html_raw(&h, "<h1 class=\"govuk-heading-l\">Team work</h1>\n<p class=\"govuk-body\">Your "
                     "account is not a worker's, so it has no team.</p>\n");
        return page_end(&h, res, 200);
    }
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct work_query q = {.team_id = self.team_id, .status = -1, .on = who.today};
    struct work w;
    struct cw_err err;
    cw_err_clear(&err);
    rc = cw_work(req->store, &who, &q, req->arena, &w, &err);
    struct worker_caseload *cl = NULL;
    size_t ncl = 0;
    if (!rc)
        rc = store_team_caseloads(req->store, self.team_id, req->arena, &cl, &ncl, &err.e);
    if (rc)
        return failed(req, res, rc);
    req->audited = true;
    const char *team = "your team";
    for (size_t i = 0; i < w.nteams; i++)
        if (w.teams[i].id == self.team_id)
            team = w.teams[i].name;
    page_begin(&h, req, "Team work");
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">Team "
           "work</h1>\n<p class=\"govuk-body\">On %s. Counts and lists hold only the children "
           "you may see.</p>\n",
           team, day(req->arena, q.on));
    /* Overdue by worker (with the children nobody is allocated to), then by type. */
    const char **keys = arena_alloc(req->arena, (w.nworkers + 1) * sizeof(*keys));
    size_t *n = arena_zalloc(req->arena, (w.nworkers + 1) * sizeof(*n));
    for (size_t k = 0; k < w.nworkers; k++)
        keys[k] = worker_name(req->arena, &w.workers[k]);
    keys[w.nworkers] = worker_name(req->arena, NULL);
    size_t nrules = 0;
    for (const struct timescale *ts = timescales; ts->rule; ts++)
        nrules++;
    const char **rk = arena_alloc(req->arena, (nrules + 1) * sizeof(*rk));
    size_t *rn = arena_zalloc(req->arena, (nrules + 1) * sizeof(*rn));
    for (size_t r = 0; r < nrules; r++)
        rk[r] = timescales[r].what;
    for (size_t i = 0; i < w.n; i++) {
        const struct work_item *it = &w.items[i];
        if (it->ob.status != OB_OVERDUE)
            continue;
        n[it->owner ? (size_t)(it->owner - w.workers) : w.nworkers]++;
        rn[(size_t)(it->ob.ts - timescales)]++;
    }
    count_table(&h, "Overdue by worker", "Worker", keys, n, w.nworkers + 1);
    count_table(&h, "Overdue by type", "What is due", rk, rn, nrules);
    if (!item_table(&h, &w, -1, q.on, "Authorisation queue", 0))
        html_raw(&h, "<h2 class=\"govuk-heading-m\">Authorisation queue</h2>\n<p "
                     "class=\"govuk-body\">Nothing waits for an authorisation.</p>\n");
    static const struct govuk_cell head[] = {{.text = "Worker"},
                                             {.text = "Children", .format = "numeric"},
                                             {.text = "Overdue", .format = "numeric"}};
    govuk_table_begin(&h, &(struct govuk_table){.caption = "Caseloads",
                                                .caption_classes = "govuk-table__caption--m",
                                                .head = head,
                                                .nhead = 3});
    for (size_t i = 0; i < ncl; i++) {
        size_t over = 0;
        for (size_t k = 0; k < w.nworkers; k++)
            if (w.workers[k].id == cl[i].worker.id)
                over = n[k];
        govuk_table_row_begin(&h);
        govuk_table_cell(&h, &(struct govuk_cell){.text = worker_name(req->arena, &cl[i].worker)},
                         true);
        govuk_table_cell(
            &h,
            &(struct govuk_cell){.text = arena_printf(req->arena, "%ld", (long)cl[i].children),
                                 .format = "numeric"},
            false);
        govuk_table_cell(&h,
                         &(struct govuk_cell){.text = arena_printf(req->arena, "%ld", (long)over),
                                              .format = "numeric"},
                         false);
        govuk_table_row_end(&h);
    }
    govuk_table_end(&h);
    return page_end(&h, res, 200);
}
