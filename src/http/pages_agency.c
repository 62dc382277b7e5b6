/*
 * Agency social workers in force today (GET /workforce/agency), for team managers and
 * administrators: who, their role category, agency, dates and rate against the region's
 * cap, and what the DfE's agency rules ask a manager to watch (domain/agency.h
 * agency_notes): rates over the cap with their sign-off, starts within three months of a
 * permanent post with their exceptional circumstances, assignments ending within their
 * notice, project teams, references not received. A breach of the rules cannot be saved
 * (casework/agency.c), so what shows here are the departures recorded with their reasons
 * and the work to do. Read through the use case, so every view is audited (people are
 * named). Paged, 25 to a page. The form that adds one (GET /workforce/agency_assignment/new,
 * POST /workforce/agency_assignment) is drawn from the type's description and saved
 * through the generic use case, whose refusals are shown beside their fields.
 */
#include "http/pages.h"

#include <stdio.h>
#include <string.h>

#include "casework/agency.h"
#include "casework/workforce.h"
#include "domain/codeset.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"

#define AGENCY_PAGE 25

/* Each note's tag on a row and its line in the summary, in the order of enum agency_note. */
static const struct {
    const char *tag, *summary, *colour;
} notes[AGENCY_NOTE_COUNT] = {
    {"Over the cap: signed off", "Rates over the region's cap, signed off", "govuk-tag--orange"},
    {"Within three months: exception recorded",
     "Started within three months of a permanent post in the region, exceptional "
     "circumstances recorded",
     "govuk-tag--orange"},
    {"Ends within notice", "Ending within their notice period", "govuk-tag--yellow"},
    {"Project team", "Members of project teams", "govuk-tag--blue"},
    {"No reference received", "No practice-based reference received", "govuk-tag--red"},
    {"No cap recorded", "No price cap recorded for their region, role and start", "govuk-tag--red"},
};

static const char *pounds(struct arena *a, int64_t pence)
{
    return arena_printf(a, "£%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
}

static void row(struct html *h, struct arena *a, const struct agency_assignment *r,
                const char *region, const struct agency_caps *caps, kdate today)
{
    char s[DATE_ISO_LEN], e[DATE_ISO_LEN];
    const struct agency_cap *c = agency_cap_find(caps, region, r->role, r->start_date);
    int64_t cap = c ? c->cap_pence : 0;
    govuk_table_row_begin(h);
    govuk_table_cell(h, &(struct govuk_cell){.text = r->name ? r->name : r->registration}, true);
    govuk_table_cell(h, &(struct govuk_cell){.text = r->registration}, false);
    govuk_table_cell(h, &(struct govuk_cell){.text = code_label(CS_AGENCY_ROLE, r->role, 0)},
                     false);
    govuk_table_cell(h, &(struct govuk_cell){.text = r->agency}, false);
    govuk_table_cell(h, &(struct govuk_cell){.text = date_format_dmy(r->start_date, s)}, false);
    govuk_table_cell(h,
                     &(struct govuk_cell){.text = r->end_date == DATE_NONE
                                                      ? "Open"
                                                      : date_format_dmy(r->end_date, e)},
                     false);
    govuk_table_cell(
        h,
        &(struct govuk_cell){
            .text = cap ? arena_printf(a, "%s (cap %s)", pounds(a, r->hourly_rate), pounds(a, cap))
                        : pounds(a, r->hourly_rate),
            .format = "numeric"},
        false);
    govuk_table_cell_begin(h, &(struct govuk_cell){0}, false);
    unsigned n = agency_notes(r, region, caps, today);
    for (int k = 0; k < AGENCY_NOTE_COUNT; k++)
        if (n & (1u << k)) {
            govuk_tag(h, &(struct govuk_opts){.text = notes[k].tag, .classes = notes[k].colour});
            html_raw(h, " ");
        }
    if (n & AGENCY_NOTE_OVER_CAP)
        html_f(h, "<p class=\"govuk-body-s\">Signed off by %s (%s) on %s: %s</p>",
               r->cap_signoff_by, r->cap_signoff_role, date_format_dmy(r->cap_signoff_on, s),
               r->cap_reason);
    if (n & AGENCY_NOTE_PROJECT)
        html_f(h, "<p class=\"govuk-body-s\">%s, approved by %s on %s</p>", r->project_team,
               r->project_approved_by, date_format_dmy(r->project_approved_on, e));
    if (n & AGENCY_NOTE_NO_CAP) /* said in words: the rate is not judged, nor passed */
        html_f(h, "<p class=\"govuk-body-s\">%s</p>",
               page_sentence(a, agency_no_cap_text(a, region, r->role, r->start_date)));
    govuk_table_cell_end(h, false);
    govuk_table_row_end(h);
}

int page_agency(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct agency_period p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_agency_period(req->store, &who, who.today, who.today, "agency-list",
                                         req->arena, &p, &err);
    if (rc == KITH_E_FORBIDDEN)
        return http_error_page(req, res, 403, "You cannot see this page",
                               "Only team managers and administrators see agency social "
                               "workers' assignments.");
    if (rc)
        return page_store_failed(req, res, rc);
    struct arena *a = req->arena;
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, "Agency social workers");
    char d[DATE_ISO_LEN];
    html_f(&h,
           "<h1 class=\"govuk-heading-l\">Agency social workers</h1>\n"
           "<p class=\"govuk-body\">Assignments in force on %s, against the DfE's agency rules "
           "and the %s region's price caps. A rate over a cap without a named sign-off, too "
           "little experience or a start within three months of a permanent post in the "
           "region without exceptional circumstances cannot be recorded. The caps are the "
           "council's own record: <a class=\"govuk-link\" href=\"/workforce/caps\">agency "
           "price caps</a>.</p>\n",
           date_format_dmy(who.today, d), p.region ? p.region : "(not set)");
    int64_t counts[AGENCY_NOTE_COUNT] = {0};
    for (size_t i = 0; i < p.n; i++) {
        unsigned n = agency_notes(&p.rows[i], p.region, &p.caps, who.today);
        for (int k = 0; k < AGENCY_NOTE_COUNT; k++)
            counts[k] += (n >> k) & 1u;
    }
    struct govuk_summary_row sum[1 + AGENCY_NOTE_COUNT];
    sum[0] = (struct govuk_summary_row){"Assignments in force", arena_printf(a, "%zu", p.n)};
    for (int k = 0; k < AGENCY_NOTE_COUNT; k++)
        sum[1 + k] = (struct govuk_summary_row){notes[k].summary,
                                                arena_printf(a, "%lld", (long long)counts[k])};
    govuk_summary_list(&h,
                       &(struct govuk_summary_list){.rows = sum, .nrows = 1 + AGENCY_NOTE_COUNT});
    long page = page_number(req);
    size_t offset = (size_t)(page - 1) * AGENCY_PAGE;
    size_t shown = offset < p.n ? (p.n - offset < AGENCY_PAGE ? p.n - offset : AGENCY_PAGE) : 0;
    page_count_line(&h, offset, shown, (int64_t)p.n, "assignment", "assignments");
    static const struct govuk_cell head[] = {
        {.text = "Worker"},
        {.text = "Social Work England number"},
        {.text = "Role"},
        {.text = "Agency"},
        {.text = "Start"},
        {.text = "End"},
        {.text = "Hourly rate", .format = "numeric"},
        {.text = "To watch"},
    };
    if (shown) {
        govuk_table_begin(&h, &(struct govuk_table){.caption = "Assignments",
                                                    .caption_classes = "govuk-table__caption--m",
                                                    .head = head,
                                                    .nhead = sizeof head / sizeof head[0]});
        for (size_t i = offset; i < offset + shown; i++)
            row(&h, a, &p.rows[i], p.region, &p.caps, who.today);
        govuk_table_end(&h);
    }
    page_pagination(&h, "/workforce/agency", page, AGENCY_PAGE, (int64_t)p.n);
    if (cw_may_manage_staff(&who))
        govuk_button(&h, &(struct govuk_opts){.text = "Add an agency assignment",
                                              .href = "/workforce/agency_assignment/new",
                                              .classes = "govuk-button--secondary"});
    html_raw(&h, "<p class=\"govuk-body\">The quarterly return to the DfE is written with "
                 "<code>kith workforce agency-return --quarter 2026Q4</code>.</p>\n");
    return page_end(&h, res, 200);
}

/* --- adding one: an assignment, or a price cap (pages_caps.c lists those) ------------- */

/* What each type's form says and where it goes: the two records kept under /workforce. */
static const struct workforce_form {
    const struct rec_type *t;
    const char *title, *lead, *back, *back_text, *button, *refused_on, *not_theirs;
} forms[] = {
    {&agency_assignment_type, "Add an agency assignment",
     "For a worker on the establishment give their public id and leave their name and number "
     "empty: their worker record holds them.",
     "/workforce/agency", "Agency social workers", "Save the assignment",
     /* the council's region, not a field of the form, is named on the rate */
     "hourly_rate", "Only team managers and administrators record agency assignments."},
    {&agency_cap_type, "Add a price cap",
     "The most the councils of the region agreed to pay an hour for an agency worker in one "
     "role category, from the day it applies. When a cap changes, end the old one the day "
     "before (correct it) and add the new one: assignments are judged by the cap in force on "
     "their start.",
     "/workforce/caps", "Agency price caps", "Save the cap", "from_date",
     "Only administrators record the region's agency price caps."},
};

static const struct workforce_form *form_of(const struct http_request *req)
{
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (!strcmp(req->path_args[0], forms[i].t->name))
            return &forms[i];
    return NULL;
}

/* Who writes each is its description's keepers (the use case's one rule). */
static bool may_write(const struct workforce_form *wf, const struct actor *who)
{
    return cw_rec_may(who, wf->t, true);
}

static int workforce_form(struct http_request *req, struct http_response *res,
                          const struct workforce_form *wf, const void *r, int status)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req,
               status == 200 ? wf->title : arena_printf(req->arena, "Error: %s", wf->title));
    govuk_back_link(&h, &(struct govuk_opts){.text = wf->back_text, .href = wf->back});
    page_error_summary(&h, req);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">%s</p>\n", wf->title,
           wf->lead);
    page_rec_form(&h, req, wf->t, arena_printf(req->arena, "/workforce/%s", wf->t->name), r, 0,
                  wf->button);
    return page_end(&h, res, status);
}

static int not_theirs(struct http_request *req, struct http_response *res,
                      const struct workforce_form *wf)
{
    return http_error_page(req, res, 403, "You cannot see this page", wf->not_theirs);
}

int page_agency_new(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    const struct workforce_form *wf = form_of(req);
    if (!wf)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    return may_write(wf, &who) ? workforce_form(req, res, wf, NULL, 200) : not_theirs(req, res, wf);
}

int page_agency_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct workforce_form *wf = form_of(req);
    if (!wf)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    void *r = arena_zalloc(req->arena, wf->t->size);
    page_rec_read(req, wf->t, r);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    if (!may_write(wf, &who))
        return not_theirs(req, res, wf);
    if (req->nerrors)
        return workforce_form(req, res, wf, r, 422);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_add(req->store, &who, wf->t, r, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE) {
        page_cw_errors(req, wf->t->fields, &err, wf->refused_on);
        return workforce_form(req, res, wf, r, 422);
    }
    if (rc == KITH_E_FORBIDDEN)
        return not_theirs(req, res, wf);
    if (rc)
        return page_store_failed(req, res, rc);
    return page_redirect(res, wf->back);
}
