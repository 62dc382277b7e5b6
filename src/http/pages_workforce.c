/*
 * The workforce in figures for those who lead (GET /workforce): posts and vacancies, agency
 * workers, starters and leavers, working days lost and every team's caseload per FTE, live
 * from the records through the use case (casework/workforce.h) that the JSON twin
 * (api_workforce.c) reads too. Counts only: no worker or child is named, so it is not
 * audited. The period is the census year to date unless the query names one
 * (?from=DATE&to=DATE, typed as anywhere in kith: 2026-03-31 or 31/3/2026).
 */
#include "http/pages.h"

#include <stdio.h>
#include <string.h>

#include "casework/workforce.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"
#include "store/store.h"

int workforce_period(const struct http_request *req, kdate today, kdate *from, kdate *to,
                     const char **bad)
{
    *to = today;
    *from = DATE_NONE;
    *bad = NULL;
    for (size_t i = 0; i < req->nquery; i++) {
        const char *k = req->query[i].name, *v = req->query[i].value;
        kdate *d = !strcmp(k, "from") ? from : !strcmp(k, "to") ? to : NULL;
        if (!d || !*v)
            continue;
        if (!date_scan_typed(v, d)) {
            *bad = k;
            return -1;
        }
    }
    if (*from == DATE_NONE)
        *from = csww_year_start(csww_year_of(*to));
    return 0;
}

static const char *fte_text(struct arena *a, double fte) { return arena_printf(a, "%.2f", fte); }

static const char *caseload_text(struct arena *a, int64_t cases, double case_fte)
{
    return case_fte > 0 ? arena_printf(a, "%.1f", workforce_caseload(cases, case_fte)) : "-";
}

static void number_cell(struct html *h, const char *text)
{
    govuk_table_cell(h, &(struct govuk_cell){.text = text, .format = "numeric"}, false);
}

static void period_form(struct html *h, struct arena *a, kdate from, kdate to, const char *bad)
{
    char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
    html_raw(h, "<form method=\"get\" action=\"/workforce\" novalidate>\n");
    govuk_input(h, &(struct govuk_field){
                       .name = "from",
                       .label = "From",
                       .hint = "The first day of the period, for example 1/10/2025",
                       .classes = "govuk-input--width-10",
                       .error = bad && !strcmp(bad, "from")
                                    ? "Enter the first day as a date, for example 1/10/2025"
                                    : NULL,
                       .value = arena_strdup(a, date_format_iso(from, f))});
    govuk_input(h, &(struct govuk_field){
                       .name = "to",
                       .label = "To",
                       .hint = "The last day, on which posts and caseloads are counted",
                       .classes = "govuk-input--width-10",
                       .error = bad && !strcmp(bad, "to")
                                    ? "Enter the last day as a date, for example 30/9/2026"
                                    : NULL,
                       .value = arena_strdup(a, date_format_iso(to, t))});
    govuk_button(
        h, &(struct govuk_opts){.text = "Show the figures", .classes = "govuk-button--secondary"});
    html_raw(h, "</form>\n");
}

int page_workforce(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    kdate from, to;
    const char *bad;
    struct workforce_figures wf = {0};
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = KITH_OK;
    int status = 200;
    if (workforce_period(req, who.today, &from, &to, &bad) == 0)
        rc = cw_workforce_figures(req->store, &who, from, to, req->arena, &wf, &err);
    else
        status = 400;
    if (rc == KITH_E_FORBIDDEN)
        return http_error_page(req, res, 403, "You cannot see this page",
                               "Only team managers, administrators and performance analysts see "
                               "the workforce figures.");
    if (rc == KITH_E_INVALID) {
        status = 400;
        bad = "from";
    } else if (rc) {
        req->cause = rc;
        return http_error_page(req, res, 503, "Sorry, there is a problem with the service",
                               "The records could not be read. Try again later.");
    }
    struct html h;
    struct arena *a = req->arena;
    html_init(&h, a);
    page_begin(&h, req, status == 200 ? "Workforce" : "Error: Workforce");
    if (status != 200) {
        const char *msg = !strcmp(bad, "to") ? "Enter the last day as a date, for example 30/9/2026"
                          : rc == KITH_E_INVALID
                              ? "The first day must be on or before the last day"
                              : "Enter the first day as a date, for example 1/10/2025";
        struct govuk_item item = {.text = msg, .href = !strcmp(bad, "to") ? "#to" : "#from"};
        govuk_error_summary(
            &h, &(struct govuk_opts){.title = "There is a problem", .items = &item, .nitems = 1});
    }
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Workforce</h1>\n");
    if (status != 200) {
        period_form(&h, a, from == DATE_NONE ? who.today : from, to == DATE_NONE ? who.today : to,
                    bad);
        return page_end(&h, res, status);
    }
    char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
    html_f(&h,
           "<p class=\"govuk-body\">Posts, vacancies and caseloads on %s; starters, leavers and "
           "absence from %s to %s. Counted from the records as they are now: every worker kith "
           "holds, registered with Social Work England or not. No person is named here.</p>\n",
           date_format_dmy(to, t), date_format_dmy(from, f), t);
    period_form(&h, a, from, to, NULL);

    const struct govuk_summary_row rows[] = {
        {"Workers in post, employed directly",
         arena_printf(a, "%lld (%s FTE)", (long long)wf.headcount, fte_text(a, wf.fte))},
        {"Agency workers in post", arena_printf(a, "%lld (%s FTE)", (long long)wf.agency_headcount,
                                                fte_text(a, wf.agency_fte))},
        {"Agency assignments in force", arena_printf(a, "%lld", (long long)wf.assignments)},
        {"Vacancies open on the jobs board", arena_printf(a, "%lld", (long long)wf.vacancies)},
        {"Establishment posts (filled directly, and vacant)",
         arena_printf(a, "%lld", (long long)wf.establishment)},
        {"Starters", arena_printf(a, "%lld", (long long)wf.starters)},
        {"Leavers", arena_printf(a, "%lld", (long long)wf.leavers)},
        {"Working days lost to sickness", arena_printf(a, "%lld", (long long)wf.sick_days)},
        {"Working days lost to other absence", arena_printf(a, "%lld", (long long)wf.other_days)},
        {"Cases held", arena_printf(a, "%lld", (long long)wf.cases)},
        {"Cases per FTE of the workers holding them", caseload_text(a, wf.cases, wf.case_fte)},
    };
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Posts and people</h2>\n");
    govuk_summary_list(
        &h, &(struct govuk_summary_list){.rows = rows, .nrows = sizeof rows / sizeof rows[0]});

    static const struct govuk_cell head[] = {
        {.text = "Team"},
        {.text = "Workers", .format = "numeric"},
        {.text = "FTE", .format = "numeric"},
        {.text = "Cases", .format = "numeric"},
        {.text = "Cases per FTE", .format = "numeric"},
    };
    govuk_table_begin(&h, &(struct govuk_table){.caption = "Caseloads by team",
                                                .caption_classes = "govuk-table__caption--m",
                                                .head = head,
                                                .nhead = sizeof head / sizeof head[0]});
    for (size_t i = 0; i < wf.nteams; i++) {
        const struct workforce_team_figures *tf = &wf.teams[i];
        govuk_table_row_begin(&h);
        govuk_table_cell(&h, &(struct govuk_cell){.text = tf->team->name}, true);
        number_cell(&h, arena_printf(a, "%lld", (long long)tf->headcount));
        number_cell(&h, fte_text(a, tf->fte));
        number_cell(&h, arena_printf(a, "%lld", (long long)tf->cases));
        number_cell(&h, caseload_text(a, tf->cases, tf->case_fte));
        govuk_table_row_end(&h);
    }
    govuk_table_end(&h);
    html_raw(&h, "<p class=\"govuk-body\">A case is a child allocated to the worker as their "
                 "social worker or personal adviser. Cases per FTE divide a team's cases by the "
                 "FTE of its workers holding at least one, as the DfE works out caseloads.</p>\n");
    if (cw_may_manage_staff(&who)) /* those the agency page lets in (pages_agency.c) */
        html_raw(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/workforce/agency\">"
                     "Agency social workers</a>: who is engaged, their rates against the "
                     "region's caps and what the DfE's agency rules ask you to watch.</p>\n");
    return page_end(&h, res, 200);
}
