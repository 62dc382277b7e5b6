/*
 * The child's record page: identity, allocations, the case records kept for the child
 * and the case-note timeline, with the form to add a case note (a rejected note renders
 * the page again with everything typed). The router's scope check has found the child;
 * web_child audits the view before anything is shown.
 */
#include <string.h>

#include "core/date.h"
#include "domain/codeset.h"
#include "domain/rec.h"
#include "domain/record.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { TIMELINE_MAX = 100 };

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
    /* the scope-and-audit gate is web_child's, once for the pages and the API (the
     * router's scope check found the child already: http/scope.c) */
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], &v->child, action, &e);
    if (!rc)
        rc =
            store_allocation_list(req->store, v->child.id, req->arena, &v->allocs, &v->nallocs, &e);
    struct note_query nq = {.child_id = v->child.id, .limit = TIMELINE_MAX};
    if (!rc)
        rc = store_note_list(req->store, &nq, req->arena, &v->notes, &v->nnotes, &e);
    return rc;
}

static void note_form(struct html *h, const struct http_request *req, const char *child_id)
{
    html_f(h,
           "<h2 class=\"govuk-heading-m\" id=\"add-note\">Add a case note</h2>\n"
           "<form method=\"post\" action=\"/children/%s/notes\" novalidate>\n",
           child_id);
    page_csrf(h, req);
    page_date_input(h, req, "date", "date", "Date of the note", "For example, 27 3 2026");
    html_raw(h, "\n");
    const char *subject = http_param(req, "subject");
    govuk_input(
        h, &(struct govuk_field){.name = "subject",
                                 .label = "Subject",
                                 .hint = arena_printf(h->arena, "You can enter up to %d characters",
                                                      NOTE_SUBJECT_MAX),
                                 .error = page_error_text(req, "subject"),
                                 .value = subject ? subject : ""});
    html_raw(h, "\n");
    const char *body = http_param(req, "body");
    govuk_character_count(h,
                          &(struct govuk_field){.name = "body",
                                                .label = "Note",
                                                .error = page_error_text(req, "body"),
                                                .value = body,
                                                .rows = 8},
                          NOTE_BODY_MAX);
    html_raw(h, "\n");
    const struct codeset *cs = codeset_get(CS_NOTE_KIND);
    struct govuk_option *kinds = arena_alloc(h->arena, ((size_t)cs->n + 1) * sizeof *kinds);
    for (int i = 0; i < cs->n; i++)
        kinds[i] = (struct govuk_option){cs->codes[i].code, cs->codes[i].label};
    govuk_select(h, &(struct govuk_field){.name = "kind",
                                          .label = "Kind",
                                          .error = page_error_text(req, "kind"),
                                          .value = http_param(req, "kind"),
                                          .options = kinds,
                                          .noptions = (size_t)cs->n});
    html_raw(h, "\n");
    govuk_button(h, &(struct govuk_opts){.text = "Save note"});
    html_raw(h, "\n</form>\n");
}

static const char *or_not_recorded(const char *v) { return v && *v ? v : "Not recorded"; }

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
    const struct govuk_summary_row identity[] = {
        {"Date of birth", or_not_recorded(page_dmy(req->arena, c->dob))},
        {"LA child id", or_not_recorded(c->la_child_id)},
        {"UPN", or_not_recorded(c->upn)},
        {"Sex", c->sex == 'M'   ? "Male"
                : c->sex == 'F' ? "Female"
                                : "Not known"},
        {"Ethnicity", or_not_recorded(code_label(CS_ETHNICITY, c->ethnicity, 0))},
        {"Postcode", or_not_recorded(c->postcode)},
    };
    govuk_summary_list(&h, &(struct govuk_summary_list){
                               .rows = identity, .nrows = sizeof identity / sizeof identity[0]});
    html_raw(&h, "\n<h2 class=\"govuk-heading-m\">Allocations</h2>\n");
    if (!v->nallocs)
        html_raw(&h, "<p class=\"govuk-body\">No allocations.</p>\n");
    else {
        html_raw(&h, "<ul class=\"govuk-list\">\n");
        for (size_t i = 0; i < v->nallocs; i++) {
            const struct allocation *al = &v->allocs[i];
            html_f(&h, "<li>%s, worker %ld, from %s%s%s</li>\n",
                   vocab_label(CS_ALLOCATION_ROLE, (int)al->role), (long)al->worker_id,
                   page_dmy(req->arena, al->start), al->end == DATE_NONE ? "" : " to ",
                   al->end == DATE_NONE ? "" : page_dmy(req->arena, al->end));
        }
        html_raw(&h, "</ul>\n");
    }
    /* Every record type kept for a child (domain/rec_types.c), each to its list and form */
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Case records</h2>\n<ul class=\"govuk-list\">\n");
    for (size_t i = 0; rec_types[i]; i++)
        if (rec_types[i]->parent)
            html_f(&h, "<li><a class=\"govuk-link\" href=\"/children/%s/records/%s\">%s</a></li>\n",
                   c->public_id, rec_types[i]->name,
                   arena_printf(req->arena, "%c%s",
                                rec_types[i]->plural[0] >= 'a' && rec_types[i]->plural[0] <= 'z'
                                    ? rec_types[i]->plural[0] - 'a' + 'A'
                                    : rec_types[i]->plural[0],
                                rec_types[i]->plural + 1));
    html_raw(&h, "</ul>\n");
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
               "class=\"moj-timeline__description\">",
               n->subject, kind ? kind : n->kind, page_dmy(req->arena, n->date));
        page_paragraphs(&h, n->body); /* as written: paragraphs and line breaks */
        html_raw(&h, "</div></div>\n");
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
        return page_store_failed(req, res, rc);
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
        return page_store_failed(req, res, rc);

    struct case_note n = {.child_id = v.child.id, .author_id = req->principal->worker_id};
    page_date_read(req, "date", "date", "the date of the note", true, true, &n.date);
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
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE) { /* the form again, text kept */
        field_error(req, e.field[0] ? arena_strdup(req->arena, e.field) : "body",
                    arena_strdup(req->arena, e.msg));
        return child_render(req, res, &v, 422);
    }
    if (rc)
        return page_store_failed(req, res, rc);
    return page_redirect(res, arena_printf(req->arena, "/children/%s", v.child.public_id));
}
