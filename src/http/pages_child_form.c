/*
 * The child's identity on a form: recording a new child and correcting a child's details.
 * The form is drawn from the person's description (domain/person.c) by the one form
 * renderer (pages_records.c), and every rule is the use case's (casework.h
 * cw_child_create, cw_child_correct), as for the API and `kith child add`: this file turns
 * a posted form into a call and the answer into a page, with every problem beside its
 * field and what was typed kept.
 *
 *   GET  /children/new          the form for a new child
 *   POST /children              record the child; the form again with its errors
 *   GET  /children/{id}/edit    the child's details to correct
 *   POST /children/{id}         correct them
 */
#include <string.h>

#include "casework/casework.h"
#include "domain/person.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"

static int render(struct http_request *req, struct http_response *res, const struct person *p,
                  int status)
{
    struct html h;
    html_init(&h, req->arena);
    const char *title = p ? "Correct the child's details" : "Record a new child";
    page_begin(&h, req, title);
    govuk_back_link(
        &h, &(struct govuk_opts){.text = "Back",
                                 .href = p ? arena_printf(req->arena, "/children/%s", p->public_id)
                                           : "/search"});
    page_error_summary(&h, req);
    if (p)
        html_f(&h, "<span class=\"govuk-caption-l\">%s %s</span>\n", p->given_name, p->family_name);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    page_fields_form(&h, req, person_fields,
                     p ? arena_printf(req->arena, "/children/%s", p->public_id) : "/children", p,
                     p ? "Save the corrections" : "Record the child");
    return page_end(&h, res, status);
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
    return page_redirect(res, arena_printf(req->arena, "/children/%s", p->public_id));
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
