/*
 * The JSON API, /api/v1: children (search, get, create, update), their case notes and
 * allocations, and the OpenAPI 3.1 document that describes every route here. Requests
 * carry a bearer token (auth.c); scope and audit are the pages' own (web_audit.h), so a
 * program sees exactly what its account would see in a browser and leaves the same trail.
 * Bodies are JSON objects; every problem is an RFC 9457 problem with the fields at fault.
 */
#include "http/api.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/date.h"
#include "casework/casework.h"
#include "casework/child.h"
#include "casework/dupes.h"
#include "domain/agency.h"
#include "domain/codeset.h"
#include "domain/entities.h"
#include "domain/person.h"
#include "domain/ident.h"
#include "domain/public_id.h"
#include "domain/rec.h"
#include "domain/workforce.h"
#include "http/api_fields.h"
#include "http/json.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { SEARCH_LIMIT_MAX = 100, NOTES_MAX = 200 };

/* --- bodies and answers ---------------------------------------------------------------- */

static int json_answer(struct http_request *req, struct http_response *res, int status,
                       struct json_out *j)
{
    size_t len;
    const char *body = json_out_take(j, req->arena, &len);
    http_body(res, status, "application/json", body, len);
    return status;
}

static void field_error(struct http_request *req, const char *field, const char *message)
{
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = field;
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
}

static int failed(struct http_request *req, struct http_response *res, enum kerr_code rc,
                  const struct kerr *e)
{
    if (rc == KITH_E_NOT_FOUND)
        return http_problem(req, res, 404, "Not found", "There is no such record.");
    if (rc == KITH_E_INVALID || rc == KITH_E_CONFLICT || rc == KITH_E_TOO_LARGE) {
        field_error(req, e->field[0] ? arena_strdup(req->arena, e->field) : "body",
                    arena_strdup(req->arena, e->msg));
        return http_problem(req, res, rc == KITH_E_CONFLICT ? 409 : 422, "The record was not saved",
                            e->msg);
    }
    req->cause = rc;
    return http_problem(req, res, 503, "Sorry, there is a problem",
                        "The records could not be read or written. Try again later.");
}

/* A child as the API shows one: the public id, then the person's description. */
static void write_child(struct json_out *j, const struct person *p)
{
    json_obj_begin(j);
    json_str(j, "id", p->public_id);
    api_fields_write(j, person_fields, p);
    json_obj_end(j);
}

/* --- children --------------------------------------------------------------------------- */

int api_children_search(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct json_body b = {0};
    int rc0 = api_body_read(req, res, &b);
    if (rc0)
        return rc0;
    const struct json_member *q = json_get(&b, "q"), *limit = json_get(&b, "limit");
    if (!q || q->kind != JV_STRING || !q->text[0])
        field_error(req, "q", "enter a name, LA child id or UPN");
    long n = limit && limit->kind == JV_NUMBER ? strtol(limit->text, NULL, 10) : 20;
    if (n < 1 || n > SEARCH_LIMIT_MAX)
        field_error(req, "limit", "expected a number from 1 to 100");
    if (req->nerrors)
        return http_problem(req, res, 422, "The search was not made", "Check the fields.");
    struct store_scope scope = web_scope(req);
    struct person_query pq = {
        .scope = &scope, .kind = PERSON_CHILD, .text = q->text, .limit = (size_t)n};
    struct person *kids;
    size_t nk = 0;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_person_list(req->store, &pq, req->arena, &kids, &nk, &e);
    if (!rc)
        rc = web_audit(app, req, 0, "search", "ok",
                       arena_printf(req->arena, "%zu children found", nk), &e);
    if (rc)
        return failed(req, res, rc, &e);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_arr_begin(&j, "children");
    for (size_t i = 0; i < nk; i++)
        write_child(&j, &kids[i]);
    json_arr_end(&j);
    json_obj_end(&j);
    return json_answer(req, res, 200, &j);
}

/* A child merged into another: 410 Gone, naming the child it went into. Not a redirect: a
 * merge can be undone, and a permanent redirect (301, 308) is one clients and caches may
 * keep for good; a client that followed it would also be handed another id's record under
 * the one it asked for. The caller saw the kept child (web_child judges a merged child by
 * it), so the name tells them nothing they may not know. */
static int merged_gone(struct http_request *req, struct http_response *res, const struct person *p)
{
    struct person k;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_person_get(req->store, p->merged_into, req->arena, &k, &e);
    if (rc)
        return failed(req, res, rc, &e);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "type", "about:blank");
    json_str(&j, "title", "This child's record was merged into another");
    json_int(&j, "status", 410);
    json_str(&j, "detail",
             arena_printf(req->arena,
                          "%s is merged into %s: read and record there (POST %s/unmerge undoes "
                          "the merge)",
                          p->public_id, k.public_id, req->path));
    json_str(&j, "instance", req->request_id);
    json_str(&j, "merged_into", k.public_id);
    json_str(&j, "href", arena_printf(req->arena, "/api/v1/children/%s", k.public_id));
    json_obj_end(&j);
    size_t len;
    const char *body = json_out_take(&j, req->arena, &len);
    http_body(res, 410, "application/problem+json", body, len);
    return 410;
}

int api_child_get(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person p;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, "view", &e);
    if (rc)
        return failed(req, res, rc, &e);
    if (p.merged_into)
        return merged_gone(req, res, &p);
    struct json_out j;
    json_out_init(&j);
    write_child(&j, &p);
    return json_answer(req, res, 200, &j);
}

/* GET /api/v1/children/{id}/chronology?kind=&from=&to=: the child's significant events,
 * oldest first (domain/chronology.h), each naming the record it comes from. */
int api_child_chronology(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person p;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, NULL, &e);
    if (rc)
        return failed(req, res, rc, &e);
    struct chron_filter f = {DATE_NONE, DATE_NONE, NULL};
    struct field_errors errs;
    field_errors_clear(&errs);
    for (size_t i = 0; i < req->nquery; i++) {
        const struct field *fl = field_find(chron_filter_fields, req->query[i].name);
        if (fl)
            rec_set_text(fl, &f, req->query[i].value, req->arena, &errs);
        else
            api_field_error(req, req->query[i].name, "is not a filter: kind, from or to");
    }
    if (!errs.n)
        field_check(chron_filter_fields, &f, &(struct field_ctx){.today = DATE_NONE}, &errs);
    for (size_t i = 0; i < errs.n; i++)
        api_field_error(req, errs.items[i].field, errs.items[i].msg);
    if (req->nerrors)
        return http_problem(req, res, 400, "The filter could not be read", "Check the query.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct chron_event *ev = NULL;
    size_t n = 0;
    rc = cw_child_chronology(req->store, &who, &p, &f, req->arena, &ev, &n, &e);
    if (rc)
        return failed(req, res, rc, &e);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "child", p.public_id);
    json_int(&j, "total", (int64_t)n);
    json_arr_begin(&j, "events");
    for (size_t i = 0; i < n; i++) {
        const struct chron_event *x = &ev[i];
        char d[DATE_ISO_LEN];
        json_obj_begin(&j);
        json_str(&j, "date", date_format_iso(x->date, d));
        json_str(&j, "event", chron_event_text(x));
        json_str(&j, "kind", x->row ? x->row->kind : "note");
        json_str(&j, "record_type", x->row ? x->type->name : "case_note");
        json_str(&j, "record", x->row ? rec_chead(x->type, x->rec)->public_id : x->note->public_id);
        json_str(&j, "summary", x->row ? rec_summary(x->type, x->rec, req->arena) : x->note->body);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    return json_answer(req, res, 200, &j);
}

int api_child_create(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct json_body b = {0};
    int rc0 = api_body_read(req, res, &b);
    if (rc0)
        return rc0;
    struct person p = person_blank_child();
    api_fields_read(req, person_fields, "a child's record", &b, &p, NULL, NULL);
    if (req->nerrors)
        return http_problem(req, res, 422, "The record was not saved", "Check the fields.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_child_create(req->store, &who, &p, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    http_header_add(res, "Location", arena_printf(req->arena, "/api/v1/children/%s", p.public_id));
    struct json_out j;
    json_out_init(&j);
    write_child(&j, &p);
    return json_answer(req, res, 201, &j);
}

int api_child_update(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct json_body b = {0};
    int rc0 = api_body_read(req, res, &b);
    if (rc0)
        return rc0;
    struct person p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, NULL, &err.e);
    if (rc)
        return failed(req, res, rc, &err.e);
    api_fields_read(req, person_fields, "a child's record", &b, &p, NULL, NULL);
    if (req->nerrors)
        return http_problem(req, res, 422, "The record was not saved", "Check the fields.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    rc = cw_child_correct(req->store, &who, &p, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    write_child(&j, &p);
    return json_answer(req, res, 200, &j);
}

/* The children who may be this one, best first, each with its score and why. */
int api_child_duplicates(struct http_app *app, struct http_request *req, struct http_response *res)
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
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_arr_begin(&j, "duplicates");
    for (size_t i = 0; i < n; i++) {
        const struct dup_row *d = &v[i].child;
        json_obj_begin(&j);
        json_str(&j, "id", d->public_id);
        json_str(&j, "la_child_id", d->la_child_id);
        json_str(&j, "given_name", d->given);
        json_str(&j, "family_name", d->family);
        char dob[DATE_ISO_LEN];
        json_str(&j, "dob", d->dob == DATE_NONE ? NULL : date_format_iso(d->dob, dob));
        json_int(&j, "score", v[i].score.score);
        json_arr_begin(&j, "reasons");
        for (int k = 0; k < v[i].score.n; k++) {
            json_obj_begin(&j);
            json_str(&j, "rule", v[i].score.reasons[k].rule);
            json_int(&j, "points", v[i].score.reasons[k].points);
            json_str(&j, "text", v[i].score.reasons[k].text);
            json_obj_end(&j);
        }
        json_arr_end(&j);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    return json_answer(req, res, 200, &j);
}

/* A string member of the body, or NULL (a member of another kind is a field error). */
static const char *text_member(struct http_request *req, const struct json_body *b,
                               const char *name)
{
    const struct json_member *m = json_get(b, name);
    if (m && m->kind != JV_STRING && m->kind != JV_NULL)
        api_field_error(req, name, "expected a string");
    return m && m->kind == JV_STRING ? m->text : NULL;
}

static int merge_answer(struct http_request *req, struct http_response *res, enum kerr_code rc,
                        const struct cw_err *err, const char *keep, const char *gone,
                        const struct child_merge *m)
{
    if (rc)
        return api_refused(req, res, rc, err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "keep", keep);
    json_str(&j, "gone", gone);
    json_int(&j, "moved", m->moved);
    json_obj_end(&j);
    return json_answer(req, res, 200, &j);
}

/* Merge child `gone` (in the body, with the reason) into the child of the path. */
int api_child_merge(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct json_body b = {0};
    int rc0 = api_body_read(req, res, &b);
    if (rc0)
        return rc0;
    const char *gone = text_member(req, &b, "gone"), *reason = text_member(req, &b, "reason");
    if (req->nerrors)
        return http_problem(req, res, 422, "The records were not merged", "Check the fields.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct child_merge m;
    enum kerr_code rc =
        cw_child_merge(req->store, &who, req->path_args[0], gone, reason, req->arena, &m, &err);
    return merge_answer(req, res, rc, &err, req->path_args[0], gone, &m);
}

/* Undo the merge of the child of the path: the records that moved go back. */
int api_child_unmerge(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct json_body b = {0};
    int rc0 = api_body_read(req, res, &b);
    if (rc0)
        return rc0;
    const char *reason = text_member(req, &b, "reason");
    if (req->nerrors)
        return http_problem(req, res, 422, "The records were not unmerged", "Check the fields.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct child_merge m;
    enum kerr_code rc =
        cw_child_unmerge(req->store, &who, req->path_args[0], reason, req->arena, &m, &err);
    return merge_answer(req, res, rc, &err, NULL, req->path_args[0], &m);
}

/* --- case notes ------------------------------------------------------------------------- */

static void write_note(struct json_out *j, const struct case_note *n)
{
    json_obj_begin(j);
    json_str(j, "id", n->public_id);
    api_fields_write(j, note_fields, n);
    json_obj_end(j);
}

int api_notes_list(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person p;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, "view", &e);
    struct case_note *notes = NULL;
    size_t n = 0;
    struct note_query q = {.child_id = p.id, .limit = NOTES_MAX};
    if (!rc) {
        rc = store_note_list(req->store, &q, req->arena, &notes, &n, &e);
    }
    if (rc)
        return failed(req, res, rc, &e);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_arr_begin(&j, "notes");
    for (size_t i = 0; i < n; i++)
        write_note(&j, &notes[i]);
    json_arr_end(&j);
    json_obj_end(&j);
    return json_answer(req, res, 200, &j);
}

int api_note_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct json_body b = {0};
    int rc0 = api_body_read(req, res, &b);
    if (rc0)
        return rc0;
    struct case_note n = {.date = DATE_NONE};
    api_fields_read(req, note_fields, "a case note", &b, &n, NULL, NULL);
    if (req->nerrors)
        return http_problem(req, res, 422, "The note was not saved", "Check the fields.");
    struct person p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, NULL, &err.e);
    n.child_id = p.id;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    if (!rc)
        rc = cw_note_add(req->store, &who, &n, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    write_note(&j, &n);
    return json_answer(req, res, 201, &j);
}

/* --- allocations ------------------------------------------------------------------------ */

static void write_allocation(struct json_out *j, const struct allocation *al, const char *worker)
{
    json_obj_begin(j);
    json_int(j, "id", al->id);
    json_str(j, "worker", worker);
    api_fields_write(j, allocation_fields, al);
    json_obj_end(j);
}

int api_allocations_list(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct person p;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, "view", &e);
    struct allocation *al = NULL;
    size_t n = 0;
    const char **workers = NULL;
    if (!rc) {
        rc = store_allocation_list(req->store, p.id, req->arena, &al, &n, &e);
        workers = arena_zalloc(req->arena, (n + 1) * sizeof *workers);
        for (size_t i = 0; !rc && i < n; i++) {
            struct worker w;
            workers[i] = store_worker_get(req->store, al[i].worker_id, req->arena, &w, NULL)
                             ? NULL
                             : arena_strdup(req->arena, w.public_id);
        }
    }
    if (rc)
        return failed(req, res, rc, &e);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_arr_begin(&j, "allocations");
    for (size_t i = 0; i < n; i++)
        write_allocation(&j, &al[i], workers[i]);
    json_arr_end(&j);
    json_obj_end(&j);
    return json_answer(req, res, 200, &j);
}

int api_allocation_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct json_body b = {0};
    int rc0 = api_body_read(req, res, &b);
    if (rc0)
        return rc0;
    struct allocation al = {
        .role = (enum allocation_role) - 1, .start = DATE_NONE, .end = DATE_NONE};
    static const char *const extra[] = {"worker", NULL};
    const struct json_member *extra_v[1] = {NULL};
    api_fields_read(req, allocation_fields, "an allocation", &b, &al, extra, extra_v);
    if (extra_v[0] && extra_v[0]->kind != JV_STRING && extra_v[0]->kind != JV_NULL)
        api_field_error(req, "worker", "expected a string");
    if (req->nerrors)
        return http_problem(req, res, 422, "The allocation was not saved", "Check the fields.");
    struct person p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = web_child(app, req, req->path_args[0], &p, NULL, &err.e);
    al.child_id = p.id;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct worker w = {0};
    if (!rc)
        rc = cw_allocation_add(req->store, &who, &al, extra_v[0] ? extra_v[0]->text : NULL,
                               req->arena, &w, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    write_allocation(&j, &al, w.public_id);
    return json_answer(req, res, 201, &j);
}

/* --- the OpenAPI document --------------------------------------------------------------- */

static const char *const obligation_query[] = {
    "worker: a worker's public id or registration: the work they own",
    "team: a team's public id or name: the work its workers own",
    "status: done, due or overdue",
    "due_after: YYYY-MM-DD: due after this day",
    "due_before: YYYY-MM-DD: due before this day",
    "on: YYYY-MM-DD: the day statuses are judged on (today by default)",
    "limit: how many to return, 1 to 1000 (100 by default); offset + limit reach at most "
    "10000 deep, a longer limit is cut to fit",
    "offset: how many to skip, 0 to 9999: the answer's next_offset (null on the last page "
    "or at the 10000 edge, where the filters narrow the list instead)",
    NULL};

static const char *const chronology_query[] = {
    "kind: front-door, assessment, protection, plan, risk, proceedings or note",
    "from: YYYY-MM-DD: the first day to show", "to: YYYY-MM-DD: the last day to show", NULL};

static const char *const kept_query[] = {"page: which 50 records, from 1 (1 by default)", NULL};

/* The GET routes that take a query string: its parameters, "name: what it means" each. */
static const struct {
    const char *pattern;
    const char *const *params;
} api_queries[] = {{"/api/v1/obligations", obligation_query},
                   {"/api/v1/children/{id}/chronology", chronology_query},
                   {"/api/v1/records/{type}", kept_query}};

static const char *const *query_of(const struct api_doc *d)
{
    for (size_t i = 0; i < sizeof api_queries / sizeof api_queries[0]; i++)
        if (d->method == HTTP_GET && !strcmp(api_queries[i].pattern, d->pattern))
            return api_queries[i].params;
    return NULL;
}

const struct api_doc api_docs[] = {
    {HTTP_POST, "/api/v1/children/search",
     "Find children in your scope by name, LA child id or UPN", "Search", "ChildList"},
    {HTTP_POST, "/api/v1/children", "Record a new child", "ChildInput", "Child"},
    {HTTP_GET, "/api/v1/children/{id}",
     "A child's record; 410 with merged_into and href for a child merged into another", NULL,
     "Child"},
    {HTTP_PATCH, "/api/v1/children/{id}", "Correct a child's record (only the fields given)",
     "ChildInput", "Child"},
    {HTTP_GET, "/api/v1/children/{id}/duplicates",
     "Children who may be the same child, best first, each with its score and the reasons "
     "(docs/identity.md)",
     NULL, "DuplicateList"},
    {HTTP_POST, "/api/v1/children/{id}/merge",
     "Merge another record of the same child (gone) into this one, with a reason: its records "
     "move here, it is marked merged (docs/identity.md)",
     "MergeInput", "Merge"},
    {HTTP_POST, "/api/v1/children/{id}/unmerge",
     "Undo the merge of this (merged) child: exactly the records that moved go back",
     "UnmergeInput", "Merge"},
    {HTTP_GET, "/api/v1/children/{id}/notes", "A child's case notes, newest first", NULL,
     "NoteList"},
    {HTTP_GET, "/api/v1/children/{id}/chronology",
     "A child's significant events from the records, oldest first, each naming its record "
     "(docs/web.md, Chronology)",
     NULL, NULL},
    {HTTP_POST, "/api/v1/children/{id}/notes", "Add a case note", "NoteInput", "Note"},
    {HTTP_GET, "/api/v1/children/{id}/allocations", "Who is and was allocated to the child", NULL,
     "AllocationList"},
    {HTTP_POST, "/api/v1/children/{id}/allocations", "Allocate a worker (team managers)",
     "AllocationInput", "Allocation"},
    {HTTP_GET, "/api/v1/children/{id}/records/{type}",
     "A child's records of one type, newest first (the first 50, with the total)", NULL,
     "RecordList"},
    {HTTP_POST, "/api/v1/children/{id}/records/{type}", "Add a record of a type for a child",
     "RecordInput", "Record"},
    {HTTP_GET, "/api/v1/records/{type}",
     "The records of a type that hangs off no child (a vacancy, an application, an agency "
     "assignment, an agency price cap), newest first, 50 a page with the total; for the roles "
     "its description names as its readers, every read audited (docs/api.md)",
     NULL, "RecordList"},
    {HTTP_POST, "/api/v1/records/{type}",
     "Add a record of a type that hangs off no child, for the roles its description names as "
     "its writers; correct it with PATCH /api/v1/records/{type}/{rid}",
     "RecordInput", "Record"},
    {HTTP_GET, "/api/v1/records/{type}/{rid}", "One record", NULL, "Record"},
    {HTTP_PATCH, "/api/v1/records/{type}/{rid}",
     "Correct a record: the fields to change, with version (the one you started from) and "
     "reason; 409 with both versions when someone changed it first",
     "RecordInput", "Record"},
    {HTTP_DELETE, "/api/v1/records/{type}/{rid}",
     "Delete a record entered in error: version (the one you saw) and reason; 409 with the "
     "current version when someone changed it first; 422 naming the CIN rule when the "
     "child's other records would be wrong without it",
     "RecordDeletion", NULL},
    {HTTP_GET, "/api/v1/records/{type}/{rid}/history", "Every version of a record, oldest first",
     NULL, "RecordVersions"},
    {HTTP_POST, "/api/v1/records/{from}/{rid}/step/{type}",
     "Step a record into a new one in one action, both linked (docs/family-help-and-"
     "proceedings.md): family_help to referral (step up), or referral to family_help (step "
     "down: with cin_closure_date and cin_closure_reason); the new record's fields, and "
     "version, the one you started from",
     "RecordInput", "Record"},
    {HTTP_GET, "/api/v1/obligations",
     "What is due, done and overdue under the statutory timescales (docs/timescales.md), for "
     "the children you may see, by due date; each with the one-line reason for its date. "
     "Paged: total is how many match, shown how many this page holds, next_offset where "
     "the next page starts",
     NULL, "ObligationList"},
    {HTTP_GET, "/api/v1/teams", "The teams, with their service and caseload threshold", NULL,
     "TeamList"},
    {HTTP_GET, "/api/v1/workers",
     "Workers in post with their workforce census items (team managers and administrators; "
     "each read audited): team=TEAM for one team, left=include for leavers too "
     "(docs/workforce.md)",
     NULL, "WorkerList"},
    {HTTP_GET, "/api/v1/workforce/figures",
     "The workforce in figures, as /workforce shows them (team managers, administrators and "
     "performance analysts): from=DATE and to=DATE for the period (docs/workforce.md)",
     NULL, NULL},
    {HTTP_GET, "/api/v1/agency-assignments",
     "Agency assignments in force on a day (on=DATE, today when not given), each with the cap "
     "in force at its start (team managers and administrators; each read audited; "
     "docs/workforce.md)",
     NULL, "AgencyAssignmentList"},
    {HTTP_POST, "/api/v1/agency-assignments",
     "Add an agency assignment: refused, naming each field, over the region's cap without a "
     "sign-off, under the minimum experience, within three months of a permanent post in the "
     "region without exceptional circumstances (docs/workforce.md)",
     "AgencyAssignmentInput", "AgencyAssignmentInForce"},
    {HTTP_GET, "/api/v1/agency-caps",
     "The agency price caps the council recorded, newest first (team managers and "
     "administrators; docs/workforce.md): GET /api/v1/records/agency_cap, the records under "
     "caps",
     NULL, "AgencyCapList"},
    {HTTP_POST, "/api/v1/agency-caps",
     "Add a price cap for a region and role category from a day (administrators): refused on "
     "the day that clashes when another cap of that region and role is in force on any of its "
     "days (docs/workforce.md): POST /api/v1/records/agency_cap",
     "AgencyCapInput", "AgencyCap"},
    {HTTP_GET, "/api/v1/jobs",
     "Open vacancies on the public jobs board, filtered as /jobs is; no token needed "
     "(docs/jobs.md)",
     NULL, NULL},
    {HTTP_GET, "/api/v1/openapi.json", "This document", NULL, NULL},
    {0},
};

const struct api_doc *api_doc_find(enum http_method m, const char *pattern)
{
    for (const struct api_doc *d = api_docs; d->pattern; d++)
        if (d->method == m && strcmp(d->pattern, pattern) == 0)
            return d;
    return NULL;
}

static const char *method_key(enum http_method m)
{
    static const char *const names[] = {
        [HTTP_GET] = "get",     [HTTP_HEAD] = "head",     [HTTP_POST] = "post",  [HTTP_PUT] = "put",
        [HTTP_PATCH] = "patch", [HTTP_DELETE] = "delete", [HTTP_OTHER] = "other"};
    return names[m];
}

/* A schema of string properties (dates and codes are strings), `required` first. */
static void schema(struct json_out *j, const char *name, const char *const *props,
                   const char *const *required)
{
    json_key_obj(j, name);
    json_str(j, "type", "object");
    json_key_obj(j, "properties");
    for (const char *const *p = props; *p; p++) {
        json_key_obj(j, *p);
        json_str(j, "type", "string");
        json_obj_end(j);
    }
    json_obj_end(j);
    if (required) {
        json_arr_begin(j, "required");
        for (const char *const *r = required; *r; r++)
            json_str(j, NULL, *r);
        json_arr_end(j);
    }
    json_obj_end(j);
}

int api_openapi(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    static const char *const id[] = {"id", NULL}, *const worker[] = {"worker", NULL};
    static const char *const search[] = {"q", NULL};
    static const char *const problem[] = {"type", "title", "detail", "instance", NULL};
    static const char *const obligation[] = {
        "child",  "la_child_id", "worker", "obligation",  "started", "due",         "done",
        "status", "rule",        "owner",  "record_type", "record",  "explanation", NULL};
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "openapi", "3.1.0");
    json_key_obj(&j, "info");
    json_str(&j, "title", "kith API");
    json_str(&j, "version", "1");
    json_str(&j, "description",
             "Children's social care records. Every request needs Authorization: Bearer TOKEN "
             "(kith token add). An account sees only the children its role and relationships "
             "allow, and every read and write is audited. Errors are RFC 9457 problem details.");
    json_obj_end(&j);
    json_key_obj(&j, "paths");
    for (const struct api_doc *d = api_docs; d->pattern; d++) {
        /* One object per path with its methods: the table keeps a path's rows together. */
        if (d == api_docs || strcmp(d[-1].pattern, d->pattern) != 0)
            json_key_obj(&j, d->pattern);
        json_key_obj(&j, method_key(d->method));
        json_str(&j, "summary", d->summary);
        const char *const *query = query_of(d);
        if (strchr(d->pattern, '{') || query) {
            /* Each {name} of the pattern is a path parameter; {type} is one of the record
             * types kith serves. */
            json_arr_begin(&j, "parameters");
            for (const char *p = strchr(d->pattern, '{'); p; p = strchr(p + 1, '{')) {
                size_t n = strcspn(p + 1, "}");
                const char *name = arena_strndup(req->arena, p + 1, n);
                json_obj_begin(&j);
                json_str(&j, "name", name);
                json_str(&j, "in", "path");
                json_bool(&j, "required", true);
                json_key_obj(&j, "schema");
                json_str(&j, "type", "string");
                if (!strcmp(name, "type")) {
                    /* every type where one record is named, those that hang off no
                     * child on their own path, a child's types elsewhere (under a child,
                     * and the steps between family help and a CIN episode) */
                    bool any = strstr(d->pattern, "{rid}") && !strstr(d->pattern, "/step/");
                    bool kept = !strcmp(d->pattern, "/api/v1/records/{type}");
                    json_arr_begin(&j, "enum");
                    for (size_t t = 0; rec_types[t]; t++)
                        if (any || kept == (rec_types[t]->parent == NULL))
                            json_str(&j, NULL, rec_types[t]->name);
                    json_arr_end(&j);
                }
                json_obj_end(&j);
                json_obj_end(&j);
            }
            for (const char *const *q = query; q && *q; q++) {
                size_t n = strcspn(*q, ":");
                const char *what = (*q)[n] ? *q + n + 1 : "";
                while (*what == ' ')
                    what++;
                json_obj_begin(&j);
                json_str(&j, "name", arena_strndup(req->arena, *q, n));
                json_str(&j, "in", "query");
                json_bool(&j, "required", false);
                json_str(&j, "description", what);
                json_key_obj(&j, "schema");
                json_str(&j, "type", "string");
                json_obj_end(&j);
                json_obj_end(&j);
            }
            json_arr_end(&j);
        }
        if (d->request) {
            json_key_obj(&j, "requestBody");
            json_bool(&j, "required", true);
            json_key_obj(&j, "content");
            json_key_obj(&j, "application/json");
            json_key_obj(&j, "schema");
            json_str(&j, "$ref", arena_printf(req->arena, "#/components/schemas/%s", d->request));
            json_obj_end(&j);
            json_obj_end(&j);
            json_obj_end(&j);
            json_obj_end(&j);
        }
        json_key_obj(&j, "responses");
        json_key_obj(&j, d->method == HTTP_POST && !strstr(d->pattern, "search") ? "201" : "200");
        json_str(&j, "description", "Done");
        if (d->response) {
            json_key_obj(&j, "content");
            json_key_obj(&j, "application/json");
            json_key_obj(&j, "schema");
            json_str(&j, "$ref", arena_printf(req->arena, "#/components/schemas/%s", d->response));
            json_obj_end(&j);
            json_obj_end(&j);
            json_obj_end(&j);
        }
        json_obj_end(&j);
        json_key_obj(&j, "default");
        json_str(&j, "description", "A problem (RFC 9457)");
        json_key_obj(&j, "content");
        json_key_obj(&j, "application/problem+json");
        json_key_obj(&j, "schema");
        json_str(&j, "$ref", "#/components/schemas/Problem");
        json_obj_end(&j);
        json_obj_end(&j);
        json_obj_end(&j);
        json_obj_end(&j);
        json_obj_end(&j); /* responses */
        json_obj_end(&j); /* method */
        if (!d[1].pattern || strcmp(d[1].pattern, d->pattern) != 0)
            json_obj_end(&j); /* path */
    }
    json_obj_end(&j);
    json_key_obj(&j, "components");
    json_key_obj(&j, "securitySchemes");
    json_key_obj(&j, "token");
    json_str(&j, "type", "http");
    json_str(&j, "scheme", "bearer");
    json_obj_end(&j);
    json_obj_end(&j);
    json_key_obj(&j, "schemas");
    api_fields_schema(&j, "Child", "A child's record", id, person_fields, false, NULL);
    api_fields_schema(&j, "ChildInput", "A child's record as sent", NULL, person_fields, true,
                      NULL);
    api_fields_schema(&j, "Note", "A case note", id, note_fields, false, NULL);
    api_fields_schema(&j, "NoteInput", "A case note as sent", NULL, note_fields, true, NULL);
    api_fields_schema(&j, "Allocation", "A worker's allocation to the child (id is a number)",
                      worker, allocation_fields, false, worker);
    api_fields_schema(&j, "AllocationInput", "An allocation as sent", worker, allocation_fields,
                      true, worker);
    static const char *const team_ref[] = {"id", "team", NULL};
    api_fields_schema(&j, "Team", "A team", id, team_fields, false, NULL);
    api_fields_schema(&j, "Worker", "A worker (team: the team's public id)", team_ref,
                      worker_fields, false, NULL);
    /* its head, then cap_pence and over_cap after the fields: api_agency.c */
    static const char *const agency_head[] = {"id", "version", NULL};
    /* AgencyAssignment and AgencyCap, and their inputs, are the record types' own
     * (api_records_schemas); this is an assignment as /api/v1/agency-assignments has it */
    api_fields_schema(&j, "AgencyAssignmentInForce",
                      "An agency assignment, with cap_pence and cap_id (the cap in force at its "
                      "start) and over_cap; with no cap recorded, cap_pence and over_cap are "
                      "null and cap_missing says so",
                      agency_head, agency_assignment_type.fields, false, NULL);
    schema(&j, "Search", search, search);
    schema(&j, "Problem", problem, NULL);
    schema(&j, "Obligation", obligation, NULL);
    static const char *const duplicate[] = {"id",  "la_child_id", "given_name", "family_name",
                                            "dob", "score",       "reasons",    NULL};
    schema(&j, "Duplicate", duplicate, NULL);
    static const char *const merge_in[] = {"gone", "reason", NULL}, *const reason[] = {"reason",
                                                                                       NULL};
    static const char *const merge_out[] = {"keep", "gone", "moved", NULL};
    schema(&j, "MergeInput", merge_in, merge_in);
    schema(&j, "UnmergeInput", reason, reason);
    schema(&j, "Merge", merge_out, NULL);
    api_records_schemas(&j, req->arena);
    static const struct {
        const char *name, *key, *item;
    } lists[] = {{"ChildList", "children", "Child"},
                 {"NoteList", "notes", "Note"},
                 {"TeamList", "teams", "Team"},
                 {"WorkerList", "workers", "Worker"},
                 {"AllocationList", "allocations", "Allocation"},
                 {"RecordList", "records", "Record"},
                 {"RecordVersions", "versions", "Record"},
                 {"ObligationList", "obligations", "Obligation"},
                 {"DuplicateList", "duplicates", "Duplicate"},
                 {"AgencyAssignmentList", "assignments", "AgencyAssignmentInForce"},
                 {"AgencyCapList", "caps", "AgencyCap"}};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        json_key_obj(&j, lists[i].name);
        json_str(&j, "type", "object");
        json_key_obj(&j, "properties");
        json_key_obj(&j, lists[i].key);
        json_str(&j, "type", "array");
        json_key_obj(&j, "items");
        json_str(&j, "$ref", arena_printf(req->arena, "#/components/schemas/%s", lists[i].item));
        json_obj_end(&j);
        json_obj_end(&j);
        json_obj_end(&j);
        json_obj_end(&j);
    }
    json_obj_end(&j); /* schemas */
    json_obj_end(&j); /* components */
    json_arr_begin(&j, "security");
    json_obj_begin(&j);
    json_arr_begin(&j, "token");
    json_arr_end(&j);
    json_obj_end(&j);
    json_arr_end(&j);
    json_obj_end(&j);
    return json_answer(req, res, 200, &j);
}
