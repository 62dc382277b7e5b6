/*
 * The child's record page, the whole of it: at the top, a banner of the open risks (an
 * exploitation risk, a missing episode, a CP plan with its category, a private fostering
 * arrangement), each linking to its record with the day it is next looked at; identity with age,
 * family and the people around the child (another child kept in kith linked, when this account may
 * open their record), the allocations with each worker's name, role and team, and one timeline on
 * which every record type kept for a child and every case note take their place by date,
 * a page of 25 at a time; then the form to add a case note (a rejected note renders the
 * page again with everything typed). What is read is casework/child.c's; the router's
 * scope check has found the child and web_child audits the view before anything is shown.
 *
 * The chronology (/children/{id}/chronology) lists the significant events the records
 * tell, oldest first, filtered by kind and period in the query string, each linking to its
 * record; it prints without the navigation or the filter (web/kith.scss).
 */
#include <string.h>

#include "casework/casework.h"
#include "casework/child.h"
#include "core/date.h"
#include "domain/chronology.h"
#include "domain/codeset.h"
#include "domain/entities.h"
#include "domain/rec.h"
#include "domain/record.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"
#include "store/store.h"
#include "store/store_merge.h"

enum { TIMELINE_PAGE = 25 };

struct child_view {
    struct person child;
    struct child_record rec;
    long page; /* of the timeline */
};

/* Load the child of the route's {id} if the account may see it; `action` (when not NULL)
 * is audited as a view before anything is shown, and a refusal is audited as denied. A
 * child the account may not see is KITH_E_NOT_FOUND, like one that does not exist, so
 * the answer does not tell which. */
static enum kerr_code child_load(struct http_app *app, struct http_request *req,
                                 struct child_view *v, const char *action)
{
    /* the scope-and-audit gate is web_child's, once for the pages and the API (the
     * router's scope check found the child already: http/scope.c) */
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], &v->child, action, &e);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    v->page = page_number(req);
    if (!rc)
        rc = cw_child_record(req->store, &who, &v->child, TIMELINE_PAGE,
                             (size_t)(v->page - 1) * TIMELINE_PAGE, req->arena, &v->rec, &e);
    return rc;
}

/* The note's form from its description (domain/entities.c), drawn as every record's is. */
static void note_form(struct html *h, const struct http_request *req, const char *child_id)
{
    html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"add-note\">Add a case note</h2>\n");
    page_fields_form(h, req, note_fields, arena_printf(h->arena, "/children/%s/notes", child_id),
                     NULL, "Save note", NULL);
}

static const char *or_not_recorded(const char *v) { return v && *v ? v : "Not recorded"; }

static const char *worker_name(struct arena *a, const struct worker *w)
{
    return w ? arena_printf(a, "%s %s", w->given_name, w->family_name) : "A former worker";
}

/* The consistent identifier as people read it: 943 476 5919, where it came from; or why
 * it is not known. */
static const char *nhs_text(struct arena *a, const struct person *c)
{
    if (c->nhs_number[0]) {
        const char *from = code_label(CS_NHS_SOURCE, c->nhs_source, 0);
        return arena_printf(a, "%.3s %.3s %.4s (%s)", c->nhs_number, c->nhs_number + 3,
                            c->nhs_number + 6, from ? from : "source not recorded");
    }
    const char *why = code_label(CS_NHS_UNKNOWN, c->nhs_unknown, 0);
    if (!why)
        return "Not recorded";
    return arena_printf(a, "Not known: %s%s%s", why,
                        c->nhs_unknown_text && *c->nhs_unknown_text ? ". " : "",
                        c->nhs_unknown_text ? c->nhs_unknown_text : "");
}

static void identity(struct html *h, struct arena *a, const struct person *c)
{
    kdate today = date_today();
    const char *born = page_dmy(a, c->dob);
    if (c->dob != DATE_NONE)
        born = c->death != DATE_NONE
                   ? arena_printf(a, "%s (died %s, aged %d)", born, page_dmy(a, c->death),
                                  date_age_on(c->dob, c->death))
                   : arena_printf(a, "%s (age %d)", born, date_age_on(c->dob, today));
    else if (c->expected_dob != DATE_NONE)
        born = arena_printf(a, "Not born yet (expected %s)", page_dmy(a, c->expected_dob));
    const struct govuk_summary_row rows[] = {
        {"Date of birth", born},
        {"LA child id", or_not_recorded(c->la_child_id)},
        {"NHS number", nhs_text(a, c)},
        {"UPN", or_not_recorded(c->upn)},
        {"Sex", c->sex == 'M'   ? "Male"
                : c->sex == 'F' ? "Female"
                                : "Not known"},
        {"Ethnicity", or_not_recorded(code_label(CS_ETHNICITY, c->ethnicity, 0))},
        {"Postcode", or_not_recorded(c->postcode)},
    };
    govuk_summary_list(
        h, &(struct govuk_summary_list){.rows = rows, .nrows = sizeof rows / sizeof rows[0]});
    html_raw(h, "\n");
}

static void family(struct html *h, struct arena *a, const struct child_record *r)
{
    html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"family\">Family and relationships</h2>\n");
    if (!r->nrelatives) {
        html_raw(h, "<p class=\"govuk-body\">No family members or other people recorded.</p>\n");
        return;
    }
    static const struct govuk_cell head[] = {{.text = "Name"},
                                             {.text = "Relationship to the child"},
                                             {.text = "Parental responsibility"}};
    govuk_table_begin(h, &(struct govuk_table){.caption = "Family and relationships",
                                               .caption_classes = "govuk-visually-hidden",
                                               .head = head,
                                               .nhead = 3});
    for (size_t i = 0; i < r->nrelatives; i++) {
        const struct child_relative *x = &r->relatives[i];
        const struct person *p = &x->person;
        const char *name = arena_printf(a, "%s %s", p->given_name, p->family_name);
        govuk_table_row_begin(h);
        if (x->withheld) /* a child this account may not see: not even the name */
            govuk_table_cell(h, &(struct govuk_cell){.text = "A child whose record is restricted"},
                             false);
        else if (x->child_record)
            govuk_table_cell(
                h,
                &(struct govuk_cell){.text = name,
                                     .href = arena_printf(a, "/children/%s", p->public_id)},
                false);
        else
            govuk_table_cell(h, &(struct govuk_cell){.text = name}, false);
        const char *rel = code_label(CS_RELATIONSHIP, x->rel->type, 0);
        govuk_table_cell(
            h, &(struct govuk_cell){.text = page_sentence(a, rel ? rel : x->rel->type)}, false);
        govuk_table_cell(
            h, &(struct govuk_cell){.text = x->rel->parental_responsibility ? "Yes" : "No"}, false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    html_raw(h, "\n");
}

static void allocations(struct html *h, struct arena *a, const struct child_record *r)
{
    html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"allocations\">Allocations</h2>\n");
    if (!r->nallocs) {
        html_raw(h, "<p class=\"govuk-body\">No worker has been allocated.</p>\n");
        return;
    }
    static const struct govuk_cell head[] = {{.text = "Worker"}, {.text = "Role"},
                                             {.text = "Team"},   {.text = "Allocated as"},
                                             {.text = "From"},   {.text = "To"}};
    govuk_table_begin(h, &(struct govuk_table){.caption = "Allocations",
                                               .caption_classes = "govuk-visually-hidden",
                                               .head = head,
                                               .nhead = 6});
    for (size_t i = 0; i < r->nallocs; i++) {
        const struct child_alloc *x = &r->allocs[i];
        govuk_table_row_begin(h);
        govuk_table_cell(h, &(struct govuk_cell){.text = worker_name(a, x->worker)}, false);
        govuk_table_cell(
            h,
            &(struct govuk_cell){
                .text = x->worker ? vocab_label(CS_WORKER_ROLE, (int)x->worker->role) : ""},
            false);
        govuk_table_cell(h, &(struct govuk_cell){.text = x->team ? x->team : ""}, false);
        govuk_table_cell(
            h, &(struct govuk_cell){.text = vocab_label(CS_ALLOCATION_ROLE, (int)x->al->role)},
            false);
        govuk_table_cell(h, &(struct govuk_cell){.text = page_dmy(a, x->al->start)}, false);
        govuk_table_cell(
            h,
            &(struct govuk_cell){.text = x->al->end == DATE_NONE ? "Now" : page_dmy(a, x->al->end)},
            false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    html_raw(h, "\n");
}

/* Every record type kept for a child (domain/rec_types.c), each to its list and form */
static void record_links(struct html *h, struct arena *a, const struct person *c)
{
    html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"records\">Case records</h2>\n"
                "<ul class=\"govuk-list\">\n");
    for (size_t i = 0; rec_types[i]; i++)
        if (rec_types[i]->parent)
            html_f(h, "<li><a class=\"govuk-link\" href=\"/children/%s/records/%s\">%s</a></li>\n",
                   c->public_id, rec_types[i]->name, page_sentence(a, rec_types[i]->plural));
    html_raw(h, "</ul>\n");
}

static void timeline_item(struct html *h, struct arena *a, const struct timeline_entry *x)
{
    if (x->type) {
        const struct rec_head *rh = rec_chead(x->type, x->rec);
        const char *line = rec_summary(x->type, x->rec, a);
        html_f(h,
               "<div class=\"moj-timeline__item\"><div class=\"moj-timeline__header\"><h3 "
               "class=\"moj-timeline__title\"><a class=\"govuk-link\" href=\"/records/%s/%s\">%s"
               "</a></h3><p class=\"moj-timeline__byline\">%s</p></div><p "
               "class=\"moj-timeline__date\">%s</p></div>\n",
               x->type->name, rh->public_id, page_sentence(a, x->type->label),
               *line ? line : "Nothing more recorded", page_dmy(a, x->date));
        return;
    }
    const struct case_note *n = x->note;
    const char *kind = code_label(CS_NOTE_KIND, n->kind, 0);
    html_f(h,
           "<div class=\"moj-timeline__item\"><div class=\"moj-timeline__header\"><h3 "
           "class=\"moj-timeline__title\">%s</h3><p class=\"moj-timeline__byline\">%s, by %s</p>"
           "</div><p class=\"moj-timeline__date\">%s</p><div "
           "class=\"moj-timeline__description\">",
           n->subject, kind ? kind : n->kind, worker_name(a, x->author), page_dmy(a, x->date));
    page_paragraphs(h, n->body); /* as written: paragraphs and line breaks */
    html_raw(h, "</div></div>\n");
}

static void timeline(struct html *h, struct arena *a, const struct child_view *v)
{
    const struct child_record *r = &v->rec;
    html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"timeline\">Timeline</h2>\n");
    if (!r->timeline_total) {
        html_raw(h, "<p class=\"govuk-body\">No case notes or records yet.</p>\n");
        return;
    }
    page_count_line(h, (size_t)(v->page - 1) * TIMELINE_PAGE, r->ntimeline, r->timeline_total,
                    "entry", "entries, newest first");
    html_raw(h, "<div class=\"moj-timeline\">\n");
    for (size_t i = 0; i < r->ntimeline; i++)
        timeline_item(h, a, &r->timeline[i]);
    html_raw(h, "</div>\n");
    page_pagination(h, arena_printf(a, "/children/%s", v->child.public_id), v->page, TIMELINE_PAGE,
                    r->timeline_total);
}

/* The open risks, above everything: each links to its record (whose route checks scope
 * again, so a restricted child's records stay theirs) with the day it is next looked at,
 * or the day it started when nothing is scheduled. */
static void open_risks(struct html *h, struct arena *a, const struct child_record *r, kdate today)
{
    if (!r->nrisks)
        return;
    govuk_notification_banner_begin(
        h, &(struct govuk_banner){.title = "Open risks", .title_id = "open-risks-title"});
    html_raw(h, "<ul class=\"govuk-list govuk-list--spaced\" id=\"open-risks\">\n");
    for (size_t i = 0; i < r->nrisks; i++) {
        const struct open_risk *x = &r->risks[i];
        const struct open_risk_row *row = x->row;
        int d = row->detail_field ? rec_field_index(x->type, row->detail_field) : -1;
        html_f(h, "<li><a class=\"govuk-notification-banner__link\" href=\"/records/%s/%s\">%s</a>",
               x->type->name, rec_chead(x->type, x->rec)->public_id, row->label);
        if (d >= 0)
            html_f(h, ": %s", rec_shown(&x->type->fields[d], x->rec, a));
        if (x->review == DATE_NONE && row->review_rules[0])
            html_f(h, ". No %s date recorded", row->review_what);
        else if (x->review == DATE_NONE)
            html_f(h, ". Since %s", page_dmy(a, x->since));
        else if (x->review < today)
            html_f(h, ". <strong>%s overdue</strong>: it was due %s",
                   page_sentence(a, row->review_what), page_dmy(a, x->review));
        else
            html_f(h, ". %s due %s", page_sentence(a, row->review_what), page_dmy(a, x->review));
        html_raw(h, "</li>\n");
    }
    html_raw(h, "</ul>\n");
    govuk_notification_banner_end(h);
    html_raw(h, "\n");
}

/* The records merged into this one, each with who merged it, when and why, and the way
 * to undo it for those who may change a child's details: an unmerge starts here or at
 * the merged record's own address (/children/{gone}/unmerge). */
static void merged_in(struct html *h, struct http_request *req, const struct person *c)
{
    struct child_merge *m = NULL;
    size_t n = 0;
    if (store_child_merges(req->store, c->id, req->arena, &m, &n, NULL))
        return; /* the page stands without it; the merge's own page says the rest */
    bool may_undo = req->principal && (req->principal->perms & ROUTE_CHILD_WRITE);
    for (size_t i = 0; i < n; i++) {
        struct person g;
        if (m[i].keep_id != c->id ||
            store_person_get(req->store, m[i].gone_id, req->arena, &g, NULL))
            continue;
        govuk_notification_banner_begin(h, &(struct govuk_banner){.title = "Merged record"});
        html_f(h,
               "<p class=\"govuk-notification-banner__heading\">The record of %s %s (%s) was "
               "merged into this one on %s by %s.</p>\n<p class=\"govuk-body\">Why: %s</p>\n",
               g.given_name, g.family_name, g.public_id,
               page_dmy(req->arena, (kdate)(m[i].at / 86400)), m[i].by, m[i].reason);
        if (may_undo)
            html_f(h,
                   "<p class=\"govuk-body\"><a class=\"govuk-notification-banner__link\" "
                   "href=\"/children/%s/unmerge\">Undo this merge</a></p>\n",
                   g.public_id);
        govuk_notification_banner_end(h);
    }
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
    merged_in(&h, req, c);
    open_risks(&h, req->arena, &v->rec, date_today());
    html_f(&h,
           "<span class=\"govuk-caption-l\">Child record</span>\n"
           "<h1 class=\"govuk-heading-l\">%s</h1>\n",
           name);
    identity(&h, req->arena, c);
    html_f(&h,
           "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/%s/duplicates\">"
           "Possible duplicates</a></p>\n",
           c->public_id);
    if (req->principal && (req->principal->perms & ROUTE_CHILD_WRITE))
        html_f(&h,
               "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/%s/edit\">"
               "Correct these details</a></p>\n",
               c->public_id);
    family(&h, req->arena, &v->rec);
    allocations(&h, req->arena, &v->rec);
    record_links(&h, req->arena, c);
    html_f(&h,
           "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/%s/chronology\">"
           "Chronology of significant events</a></p>\n",
           c->public_id);
    timeline(&h, req->arena, v);
    if (req->principal && (req->principal->perms & ROUTE_NOTE_WRITE))
        note_form(&h, req, c->public_id);
    return page_end(&h, res, status);
}

/* A child merged into another (store/store_merge.h): the kept child's page. */
static int merged_away(struct http_request *req, struct http_response *res, const struct person *p)
{
    struct person k;
    if (store_person_get(req->store, p->merged_into, req->arena, &k, NULL))
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    return page_redirect(res, arena_printf(req->arena, "/children/%s", k.public_id));
}

int page_child(struct http_app *app, struct http_request *req, struct http_response *res)
{
    if (req->scoped_child && req->scoped_child->merged_into)
        return merged_away(req, res, req->scoped_child);
    struct child_view v = {0};
    enum kerr_code rc = child_load(app, req, &v, "view");
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    if (rc) /* the view could not be audited: nothing of the record is shown */
        return page_store_failed(req, res, rc);
    return child_render(req, res, &v, 200);
}

/* ---- the chronology ---------------------------------------------------------------- */

static const char *query_value(const struct http_request *req, const char *name)
{
    const char *v = NULL;
    for (size_t i = 0; i < req->nquery; i++)
        if (!strcmp(req->query[i].name, name))
            v = req->query[i].value;
    return v;
}

/* The filter from the query string (chronology.h's fields); each problem beside its box. */
static void chron_query(struct http_request *req, struct chron_filter *f)
{
    struct field_errors errs;
    field_errors_clear(&errs);
    *f = (struct chron_filter){DATE_NONE, DATE_NONE, NULL};
    for (const struct field *fl = chron_filter_fields; fl->name; fl++)
        rec_set_text(fl, f, query_value(req, fl->name), req->arena, &errs);
    if (!errs.n)
        field_check(chron_filter_fields, f, &(struct field_ctx){.today = DATE_NONE}, &errs);
    for (size_t i = 0; i < errs.n && req->nerrors < HTTP_FIELD_ERRORS_MAX; i++) {
        req->errors[req->nerrors].field = arena_strdup(req->arena, errs.items[i].field);
        req->errors[req->nerrors].message = arena_strdup(req->arena, errs.items[i].msg);
        req->nerrors++;
    }
}

/* The filter, for the screen only: a GET form, so every filtered view is an address. */
static void chron_form(struct html *h, const struct http_request *req, const char *child)
{
    size_t nk = 0;
    while (chron_kinds[nk].code)
        nk++;
    struct govuk_option *opts = arena_alloc(h->arena, (nk + 1) * sizeof *opts);
    opts[0] = (struct govuk_option){"", "Every kind"};
    for (size_t i = 0; i < nk; i++)
        opts[i + 1] = (struct govuk_option){chron_kinds[i].code, chron_kinds[i].label};
    html_f(h,
           "<form method=\"get\" action=\"/children/%s/chronology\" class=\"kith-no-print\" "
           "novalidate>\n",
           child);
    govuk_select(h, &(struct govuk_field){.name = "kind",
                                          .label = "Kind of event",
                                          .error = page_error_text(req, "kind"),
                                          .value = query_value(req, "kind"),
                                          .options = opts,
                                          .noptions = nk + 1});
    static const struct {
        const char *name, *label;
    } days[] = {{"from", "From"}, {"to", "To"}};
    for (size_t i = 0; i < 2; i++) {
        const char *v = query_value(req, days[i].name);
        govuk_input(h, &(struct govuk_field){.name = days[i].name,
                                             .label = days[i].label,
                                             .hint = "For example, 27/3/2026",
                                             .error = page_error_text(req, days[i].name),
                                             .value = v ? v : "",
                                             .classes = "govuk-input--width-10"});
    }
    govuk_button(h,
                 &(struct govuk_opts){.text = "Show events", .classes = "govuk-button--secondary"});
    html_raw(h, "\n</form>\n");
}

static void chron_row(struct html *h, struct arena *a, const char *child,
                      const struct chron_event *x)
{
    govuk_table_row_begin(h);
    govuk_table_cell(h, &(struct govuk_cell){.text = page_dmy(a, x->date)}, false);
    const char *href = x->row ? arena_printf(a, "/records/%s/%s", x->type->name,
                                             rec_chead(x->type, x->rec)->public_id)
                              : arena_printf(a, "/children/%s#timeline", child);
    govuk_table_cell(h, &(struct govuk_cell){.text = chron_event_text(x), .href = href}, false);
    govuk_table_cell(
        h, &(struct govuk_cell){.text = x->row ? rec_summary(x->type, x->rec, a) : x->note->body},
        false);
    govuk_table_row_end(h);
}

int page_child_chronology(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person child;
    struct kerr e = KERR_INIT;
    /* the read is audited once, as the chronology it is (cw_child_chronology) */
    enum kerr_code rc = web_child(app, req, req->path_args[0], &child, NULL, &e);
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    if (rc)
        return page_store_failed(req, res, rc);
    struct chron_filter f;
    chron_query(req, &f);
    struct chron_event *ev = NULL;
    size_t n = 0;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    if (!req->nerrors)
        rc = cw_child_chronology(req->store, &who, &child, &f, req->arena, &ev, &n, &e);
    if (rc)
        return page_store_failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    const char *name = arena_printf(req->arena, "%s %s", child.given_name, child.family_name);
    page_begin(&h, req, arena_printf(req->arena, "Chronology: %s", name));
    govuk_back_link(&h, &(struct govuk_opts){
                            .text = "Back to the record",
                            .href = arena_printf(req->arena, "/children/%s", child.public_id)});
    page_error_summary(&h, req);
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">"
           "Chronology</h1>\n",
           name);
    chron_form(&h, req, child.public_id);
    html_f(&h, "<p class=\"govuk-body\" id=\"chronology-count\">%ld %s, oldest first</p>\n",
           (long)n, n == 1 ? "event" : "events");
    if (n) {
        static const struct govuk_cell head[] = {
            {.text = "Date"}, {.text = "Event"}, {.text = "Details"}};
        govuk_table_begin(
            &h, &(struct govuk_table){.caption = arena_printf(req->arena, "Chronology of %s", name),
                                      .caption_classes = "govuk-visually-hidden",
                                      .head = head,
                                      .nhead = 3});
        for (size_t i = 0; i < n; i++)
            chron_row(&h, req->arena, child.public_id, &ev[i]);
        govuk_table_end(&h);
    }
    return page_end(&h, res, req->nerrors ? 400 : 200);
}

int page_note_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct child_view v = {0};
    enum kerr_code rc = child_load(app, req, &v, NULL);
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    if (rc)
        return page_store_failed(req, res, rc);
    /* read as every record's form is: the date as GOV.UK's date input reads it (its own
     * messages for what cannot be a date); every rule of the note itself, an empty or a
     * future date among them, is the use case's, in the same words as the API's and the
     * command line's */
    struct case_note n = {.child_id = v.child.id, .date = DATE_NONE};
    page_fields_read(req, note_fields, &n);
    if (req->nerrors)
        return child_render(req, res, &v, 422);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    rc = cw_note_add(req->store, &who, &n, &err);
    if (rc == KITH_E_FORBIDDEN)
        return http_error_page(req, res, 403, "You cannot add notes", err.e.msg);
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE) { /* the form again, text kept */
        page_cw_errors(req, note_fields, &err, "version");
        return child_render(req, res, &v, 422);
    }
    if (rc)
        return page_store_failed(req, res, rc);
    return page_redirect(res, arena_printf(req->arena, "/children/%s", v.child.public_id));
}
