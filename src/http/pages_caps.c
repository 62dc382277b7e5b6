/*
 * The region's agency price caps, kept by the council (GET /workforce/caps): each cap's
 * region, role category, pence an hour, the days it is in force and who agreed it,
 * newest first, in pounds and words. Team managers and administrators read them (every
 * read through the use case, audited); administrators add one (the form is
 * pages_agency.c's, drawn from the description) and correct or end one with the generic
 * correction of a record (/records/agency_cap/{id}/edit, pages_records.c, also served at
 * /workforce/agency_cap/{id}/edit): a reason, the old version kept; ending a cap is giving
 * it its last day. Who may is the cap's keepers (its description). Two caps of one region
 * and role that share a day are refused beside the day that clashes (casework/agency.c).
 * Docs: docs/workforce.md.
 */
#include "http/pages.h"

#include "casework/agency.h"
#include "casework/workforce.h"
#include "domain/codeset.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"

#define CAPS_PAGE 50

static const char *pounds(struct arena *a, int64_t pence)
{
    return arena_printf(a, "£%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
}

static int refused(struct http_request *req, struct http_response *res)
{
    return http_error_page(req, res, 403, "You cannot see this page",
                           "Only team managers and administrators see the agency price caps.");
}

int page_caps(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    long page = page_number(req);
    size_t offset = (size_t)(page - 1) * CAPS_PAGE;
    void *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_list(req->store, &who, &agency_cap_type, 0, CAPS_PAGE, offset,
                                    req->arena, &rows, &n, &total, &err);
    if (rc == KITH_E_FORBIDDEN)
        return refused(req, res);
    if (rc)
        return page_store_failed(req, res, rc);
    struct arena *a = req->arena;
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, "Agency price caps");
    govuk_back_link(
        &h, &(struct govuk_opts){.text = "Agency social workers", .href = "/workforce/agency"});
    html_raw(&h,
             "<h1 class=\"govuk-heading-l\">Agency price caps</h1>\n"
             "<p class=\"govuk-body\">The most the councils of each region agreed to pay an hour "
             "for an agency social worker in each of the DfE's five role categories. An "
             "assignment's rate is judged against the cap of the council's region and its role "
             "in force on its first day; with none recorded, the assignment is flagged as "
             "having no cap, never taken as within one.</p>\n");
    page_count_line(&h, offset, n, total, "cap", "caps");
    static const struct govuk_cell head[] = {
        {.text = "Region"},        {.text = "Role"},        {.text = "Cap", .format = "numeric"},
        {.text = "In force from"}, {.text = "In force to"}, {.text = "Agreed by"},
        {.text = "Change"},
    };
    bool keeper = cw_rec_may(&who, &agency_cap_type, true); /* its keepers' writers */
    if (n) {
        govuk_table_begin(
            &h, &(struct govuk_table){.caption = "Caps recorded",
                                      .caption_classes = "govuk-table__caption--m",
                                      .head = head,
                                      .nhead = sizeof head / sizeof head[0] - (keeper ? 0 : 1)});
        const struct agency_cap *caps = rows;
        for (size_t i = 0; i < n; i++) {
            const struct agency_cap *c = &caps[i];
            char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
            const char *region = code_label(CS_AGENCY_REGION, c->region, 0);
            const char *role = code_label(CS_AGENCY_ROLE, c->role, 0);
            govuk_table_row_begin(&h);
            govuk_table_cell(&h, &(struct govuk_cell){.text = region ? region : c->region}, true);
            govuk_table_cell(&h, &(struct govuk_cell){.text = role ? role : c->role}, false);
            govuk_table_cell(
                &h, &(struct govuk_cell){.text = pounds(a, c->cap_pence), .format = "numeric"},
                false);
            govuk_table_cell(&h, &(struct govuk_cell){.text = date_format_dmy(c->from_date, f)},
                             false);
            govuk_table_cell(&h,
                             &(struct govuk_cell){.text = c->to_date == DATE_NONE
                                                              ? "In force"
                                                              : date_format_dmy(c->to_date, t)},
                             false);
            govuk_table_cell(&h, &(struct govuk_cell){.text = c->agreed}, false);
            if (keeper)
                govuk_table_cell(
                    &h,
                    &(struct govuk_cell){
                        .text = "Correct or end",
                        .href = arena_printf(a, "/records/agency_cap/%s/edit", c->h.public_id)},
                    false);
            govuk_table_row_end(&h);
        }
        govuk_table_end(&h);
    } else {
        html_raw(&h, "<p class=\"govuk-body\">No caps are recorded: every assignment is flagged "
                     "as having none until the region's are added.</p>\n");
    }
    page_pagination(&h, "/workforce/caps", page, CAPS_PAGE, total);
    if (keeper)
        govuk_button(&h, &(struct govuk_opts){.text = "Add a price cap",
                                              .href = "/workforce/agency_cap/new",
                                              .classes = "govuk-button--secondary"});
    return page_end(&h, res, 200);
}
