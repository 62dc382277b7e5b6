/*
 * The child's identity on a form: recording a new child and correcting a child's details.
 * The form is drawn from the person's description (domain/person.c) by the one form
 * renderer (pages_records.c), and every rule is the use case's (casework.h
 * cw_child_create, cw_child_correct), as for the API and `kith child add`: this file turns
 * a posted form into a call and the answer into a page, with every problem beside its
 * field and what was typed kept.
 *
 * Before a new child is recorded, the children kith already knows who may be the same
 * child are shown (search before create, casework/dupes.h); the form comes back with them
 * and is sent again to record the child anyway. A child's page links to the same list for
 * a child already kept.
 *
 *   GET  /children/new               the form for a new child
 *   POST /children                   check for duplicates, then record the child; the form
 *                                    again with its errors
 *   GET  /contacts/new               the same form, for the child a contact is about
 *   POST /contacts                   the same check, each candidate with a link to record
 *                                    the contact on them; or the child recorded, then the
 *                                    contact's form on them
 *   GET  /children/{id}/edit         the child's details to correct
 *   POST /children/{id}              correct them
 *   GET  /children/{id}/duplicates   children who may be this one, with why, each with a
 *                                    link to merge this record into theirs
 *   GET  /children/{id}/merge/{gone} the two records side by side, and the reason asked for
 *   POST /children/{id}/merge/{gone} merge {gone} into {id} (casework.h cw_child_merge)
 */
#include <string.h>

#include "casework/casework.h"
#include "casework/dupes.h"
#include "domain/person.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"
#include "store/store_merge.h"

/* What a row of candidates offers besides the candidate's record: merging a child into
 * it, or recording a contact on it. */
struct dup_action {
    const char *head;   /* the column's heading */
    const char *label;  /* the link's words */
    const char *suffix; /* the link: /children/{candidate}/{suffix} */
};

/* Candidates with their scores and reasons, best first, each a link to its record, and
 * `act`'s link each when given. */
static void dup_table(struct html *h, struct arena *a, const struct cw_dup *v, size_t n,
                      const struct dup_action *act)
{
    const struct govuk_cell head[] = {{.text = "Child"},       {.text = "Born"},
                                      {.text = "LA child id"}, {.text = "Score"},
                                      {.text = "Why"},         {.text = act ? act->head : ""}};
    govuk_table_begin(h, &(struct govuk_table){.caption = "Possible duplicates",
                                               .caption_classes = "govuk-visually-hidden",
                                               .head = head,
                                               .nhead = act ? 6 : 5});
    for (size_t i = 0; i < n; i++) {
        const struct dup_row *d = &v[i].child;
        govuk_table_row_begin(h);
        govuk_table_cell(
            h,
            &(struct govuk_cell){.text = arena_printf(a, "%s %s", d->given, d->family),
                                 .href = arena_printf(a, "/children/%s", d->public_id)},
            false);
        govuk_table_cell(h, &(struct govuk_cell){.text = page_dmy(a, d->dob)}, false);
        govuk_table_cell(h, &(struct govuk_cell){.text = d->la_child_id}, false);
        govuk_table_cell(h,
                         &(struct govuk_cell){.text = arena_printf(a, "%d", v[i].score.score),
                                              .format = "numeric"},
                         false);
        govuk_table_cell_begin(h, &(struct govuk_cell){0}, false);
        html_raw(h, "<ul class=\"govuk-list govuk-body-s\">");
        for (int k = 0; k < v[i].score.n; k++)
            html_f(h, "<li>%s (%s)</li>", v[i].score.reasons[k].text,
                   arena_printf(a, "%+d", v[i].score.reasons[k].points));
        html_raw(h, "</ul>");
        govuk_table_cell_end(h, false);
        if (act)
            govuk_table_cell(h,
                             &(struct govuk_cell){.text = act->label,
                                                  .href = arena_printf(a, "/children/%s/%s",
                                                                       d->public_id, act->suffix)},
                             false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
    html_raw(h, "\n");
}

/* The front door's contact (GET /contacts/new, POST /contacts): the child's identity
 * first, searched for as a new child's is; a child kith knows is chosen from the
 * candidates, each with why it matched, and the contact recorded on them; a child it does
 * not know is recorded, then the contact. */
static const struct dup_action contact_on = {"Contact", "Record the contact on this child",
                                             "records/contact/new"};

static bool for_contact(const struct http_request *req)
{
    return !strncmp(req->path, "/contacts", 9);
}

static int render_with(struct http_request *req, struct http_response *res, const struct person *p,
                       const struct cw_dup *dups, size_t ndups, int status)
{
    struct html h;
    html_init(&h, req->arena);
    bool contact = !p && for_contact(req);
    const char *title = p         ? "Correct the child's details"
                        : contact ? "Record a contact: who is it about?"
                                  : "Record a new child";
    page_begin(&h, req, title);
    govuk_back_link(
        &h, &(struct govuk_opts){.text = "Back",
                                 .href = p ? arena_printf(req->arena, "/children/%s", p->public_id)
                                           : "/search"});
    page_error_summary(&h, req);
    if (p)
        html_f(&h, "<span class=\"govuk-caption-l\">%s %s</span>\n", p->given_name, p->family_name);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    if (contact && !dups)
        html_raw(&h, "<p class=\"govuk-body\">What you know of the child: kith looks for them "
                     "among the children it knows before the contact is recorded, so that a "
                     "child already known is not recorded twice.</p>\n");
    if (dups) {
        html_raw(&h, "<h2 class=\"govuk-heading-m\" id=\"possible-duplicates\">kith may know "
                     "this child already</h2>\n");
        if (contact)
            html_raw(&h, "<p class=\"govuk-body\">These children may be the one the contact is "
                         "about. Record the contact on theirs; if none of them is, record the "
                         "child below, then the contact.</p>\n");
        else
            html_raw(&h, "<p class=\"govuk-body\">These children may be the one you are "
                         "recording. Open their record rather than making a second one; if none "
                         "of them is, record the child below.</p>\n");
        dup_table(&h, req->arena, dups, ndups, contact ? &contact_on : NULL);
    }
    page_fields_form(&h, req, person_fields,
                     p         ? arena_printf(req->arena, "/children/%s", p->public_id)
                     : contact ? "/contacts"
                               : "/children",
                     p,
                     p         ? "Save the corrections"
                     : dups    ? "Record the child anyway"
                     : contact ? "Find the child"
                               : "Record the child",
                     dups ? "checked" : NULL);
    return page_end(&h, res, status);
}

static int render(struct http_request *req, struct http_response *res, const struct person *p,
                  int status)
{
    return render_with(req, res, p, NULL, 0, status);
}

static int failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    return page_store_failed(req, res, rc);
}

/* The use case's answer: the child's page, or the form again with the problems. */
static int answer(struct http_request *req, struct http_response *res, enum kerr_code rc,
                  const struct cw_err *err, const struct person *p, const struct person *shown)
{
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE || rc == KITH_E_CONFLICT) {
        page_cw_errors(req, person_fields, err, "given_name");
        return render(req, res, shown, 422);
    }
    if (rc)
        return failed(req, res, rc);
    /* a contact's child, new to kith: now the contact, on them */
    return page_redirect(res, arena_printf(req->arena,
                                           !shown && for_contact(req)
                                               ? "/children/%s/records/contact/new"
                                               : "/children/%s",
                                           p->public_id));
}

int page_child_new(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    return render(req, res, NULL, 200);
}

int page_child_create(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct person p = person_blank_child();
    page_fields_read(req, person_fields, &p);
    if (req->nerrors)
        return render(req, res, NULL, 422);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    const char *checked = http_param(req, "checked");
    if (!checked || strcmp(checked, "1") != 0) {
        /* search before create: values the check cannot read are the use case's to
         * refuse below, each beside its field */
        struct cw_dup *v;
        size_t n;
        p.id = 0;
        if (!cw_child_duplicates_of(req->store, &who, &p, req->arena, &v, &n, &err) && n)
            return render_with(req, res, NULL, v, n, 200);
        cw_err_clear(&err);
    }
    enum kerr_code rc = cw_child_create(req->store, &who, &p, &err);
    return answer(req, res, rc, &err, &p, NULL);
}

int page_child_edit(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person p;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, "view", &e);
    if (rc)
        return failed(req, res, rc);
    return render(req, res, &p, 200);
}

int page_child_correct(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, NULL, &err.e);
    if (rc)
        return failed(req, res, rc);
    struct person was = p;
    page_fields_read(req, person_fields, &p);
    if (req->nerrors)
        return render(req, res, &was, 422);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    rc = cw_child_correct(req->store, &who, &p, &err);
    return answer(req, res, rc, &err, &p, &was);
}

int page_child_duplicates(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, "view", &err.e);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_dup *v = NULL;
    size_t n = 0;
    if (!rc)
        rc = cw_child_duplicates_of(req->store, &who, &p, req->arena, &v, &n, &err);
    if (rc)
        return failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Possible duplicates");
    const char *back = arena_printf(req->arena, "/children/%s", p.public_id);
    govuk_back_link(&h, &(struct govuk_opts){.text = "Back", .href = back});
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s %s</span>\n<h1 class=\"govuk-heading-l\">"
           "Possible duplicates</h1>\n",
           p.given_name, p.family_name);
    if (!n)
        html_raw(&h, "<p class=\"govuk-body\">No other child kith knows scores 35 or more "
                     "against this one.</p>\n");
    else
        dup_table(&h, req->arena, v, n,
                  req->principal && (req->principal->perms & ROUTE_CHILD_WRITE)
                      ? &(struct dup_action){"Merge", "Merge this record into theirs",
                                             arena_printf(req->arena, "merge/%s", p.public_id)}
                      : NULL);
    return page_end(&h, res, 200);
}

/* --- merging two records of one child ---------------------------------------------------- */

static void child_summary(struct html *h, struct arena *a, const char *heading,
                          const struct person *c)
{
    html_f(h, "<h2 class=\"govuk-heading-m\">%s</h2>\n", heading);
    const struct govuk_summary_row rows[] = {
        {"Name", arena_printf(a, "%s %s", c->given_name, c->family_name)},
        {"Date of birth", c->dob != DATE_NONE ? page_dmy(a, c->dob) : "Not recorded"},
        {"LA child id", c->la_child_id},
        {"NHS number", c->nhs_number[0] ? c->nhs_number : "Not recorded"},
        {"Postcode", c->postcode[0] ? c->postcode : "Not recorded"},
    };
    govuk_summary_list(
        h, &(struct govuk_summary_list){.rows = rows, .nrows = sizeof rows / sizeof rows[0]});
    html_raw(h, "\n");
}

/* A merge's or an unmerge's form: the reason (its label and hint in `q`), the button. */
static void reason_form(struct html *h, struct http_request *req, const char *action,
                        const struct govuk_field *q, const struct govuk_opts *button)
{
    html_f(h, "<form method=\"post\" action=\"%s\" novalidate>\n", action);
    page_csrf(h, req);
    struct govuk_field f = *q;
    f.name = "reason";
    f.error = page_error_text(req, "reason");
    f.value = http_param(req, "reason");
    f.rows = 3;
    govuk_character_count(h, &f, 2000);
    html_raw(h, "\n");
    govuk_button(h, button);
    html_raw(h, "\n</form>\n");
}

/* The confirmation: the two records, what will happen, and the reason. */
static int merge_render(struct http_request *req, struct http_response *res,
                        const struct person *keep, const struct person *gone, int status)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Merge two records of one child");
    govuk_back_link(&h,
                    &(struct govuk_opts){.text = "Back",
                                         .href = arena_printf(req->arena, "/children/%s/duplicates",
                                                              gone->public_id)});
    page_error_summary(&h, req);
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Merge two records of one child</h1>\n");
    child_summary(&h, req->arena, "The record kept", keep);
    child_summary(&h, req->arena, "The record merged into it", gone);
    govuk_inset_text(&h, &(struct govuk_opts){
                             .text = "Every allocation, case note, relationship and record of "
                                     "the second moves to the first. The second is kept, marked "
                                     "merged and left out of lists and searches; its address "
                                     "leads to the first. A merge can be undone: exactly the "
                                     "records that moved go back."});
    reason_form(&h, req,
                arena_printf(req->arena, "/children/%s/merge/%s", keep->public_id, gone->public_id),
                &(struct govuk_field){.label = "Why are these one child's records?",
                                      .hint = "For example, the same NHS number; one record was "
                                              "made at the front door before the child was found"},
                &(struct govuk_opts){.text = "Merge the records"});
    return page_end(&h, res, status);
}

/* Both children of a merge's path, as the person may see them. */
static enum kerr_code merge_pair(struct http_app *app, struct http_request *req,
                                 struct person *keep, struct person *gone)
{
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], keep, NULL, &e);
    if (!rc)
        rc = web_child(app, req, req->path_args[1], gone, NULL, &e);
    return rc;
}

int page_child_merge_form(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person keep, gone;
    enum kerr_code rc = merge_pair(app, req, &keep, &gone);
    if (rc)
        return failed(req, res, rc);
    return merge_render(req, res, &keep, &gone, 200);
}

int page_child_merge(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person keep, gone;
    enum kerr_code rc = merge_pair(app, req, &keep, &gone);
    if (rc)
        return failed(req, res, rc);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct child_merge m;
    rc = cw_child_merge(req->store, &who, keep.public_id, gone.public_id, http_param(req, "reason"),
                        req->arena, &m, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_CONFLICT || rc == KITH_E_FORBIDDEN) {
        static const struct field fields[] = {{.name = "reason", .label = "reason"},
                                              {.name = NULL}};
        page_cw_errors(req, fields, &err, "reason");
        return merge_render(req, res, &keep, &gone, 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, arena_printf(req->arena, "/children/%s", keep.public_id));
}

/* --- undoing a merge ------------------------------------------------------------------- */

/* The merged child of the path, the child it was merged into and the merge that stands;
 * KITH_E_NOT_FOUND when the child of the path is not merged. The route's scope check
 * (web_child) judged the merged child by the kept one. */
static enum kerr_code unmerge_pair(struct http_request *req, struct person *keep,
                                   const struct person **gone, struct child_merge *m)
{
    *gone = req->scoped_child;
    if (!*gone || !(*gone)->merged_into)
        return KITH_E_NOT_FOUND;
    struct child_merge *ms = NULL;
    size_t n = 0;
    enum kerr_code rc = store_person_get(req->store, (*gone)->merged_into, req->arena, keep, NULL);
    if (!rc)
        rc = store_child_merges(req->store, (*gone)->id, req->arena, &ms, &n, NULL);
    for (size_t i = 0; !rc && i < n; i++)
        if (ms[i].gone_id == (*gone)->id) {
            *m = ms[i];
            return KITH_OK;
        }
    return rc ? rc : KITH_E_NOT_FOUND;
}

/* The confirmation: the two records, the merge being undone, what will happen, and why. */
static int unmerge_render(struct http_request *req, struct http_response *res,
                          const struct person *keep, const struct person *gone,
                          const struct child_merge *m, int status)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Undo the merge of two records");
    govuk_back_link(
        &h, &(struct govuk_opts){
                .text = "Back", .href = arena_printf(req->arena, "/children/%s", keep->public_id)});
    page_error_summary(&h, req);
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Undo the merge of two records</h1>\n");
    child_summary(&h, req->arena, "The record kept", keep);
    child_summary(&h, req->arena, "The record merged into it", gone);
    html_raw(&h, "<h2 class=\"govuk-heading-m\">The merge</h2>\n");
    const struct govuk_summary_row rows[] = {
        {"Merged on", page_dmy(req->arena, (kdate)(m->at / 86400))},
        {"Merged by", m->by},
        {"Why", m->reason},
    };
    govuk_summary_list(
        &h, &(struct govuk_summary_list){.rows = rows, .nrows = sizeof rows / sizeof rows[0]});
    govuk_inset_text(
        &h, &(struct govuk_opts){.text = "Exactly the allocations, case notes, relationships and "
                                         "records that moved go back to the second record, which "
                                         "is shown in lists and searches again. Anything recorded "
                                         "on the first since the merge stays with it."});
    reason_form(&h, req, arena_printf(req->arena, "/children/%s/unmerge", gone->public_id),
                &(struct govuk_field){.label = "Why are these not one child's records?",
                                      .hint = "For example, twins: the same date of birth and "
                                              "address, different NHS numbers"},
                &(struct govuk_opts){.text = "Undo the merge", .classes = "govuk-button--warning"});
    return page_end(&h, res, status);
}

/* GET: the confirmation; POST: the unmerge, then the unmerged child's page. */
int page_child_unmerge(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct person keep;
    const struct person *gone;
    struct child_merge m;
    enum kerr_code rc = unmerge_pair(req, &keep, &gone, &m);
    if (rc)
        return failed(req, res, rc);
    if (req->method == HTTP_GET)
        return unmerge_render(req, res, &keep, gone, &m, 200);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct child_merge out;
    rc = cw_child_unmerge(req->store, &who, gone->public_id, http_param(req, "reason"), req->arena,
                          &out, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_CONFLICT) {
        page_cw_errors(req, NULL, &err, "reason");
        return unmerge_render(req, res, &keep, gone, &m, 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, arena_printf(req->arena, "/children/%s", gone->public_id));
}
