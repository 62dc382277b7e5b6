/*
 * The JSON API of every record type from its description: a child's records of a type
 * (list, add), one record (read, correct), and its versions. Nothing here knows a type:
 * members are the description's fields, read, written and described by api_fields.c as
 * the child's, a note's and an allocation's are (a yes/no as true/false, a whole number as
 * a number, a list of codes as an array, everything else as a string, a date as
 * YYYY-MM-DD, absent as null), through the same canonical text as the forms and the CLI.
 * The checks, scope and audit rows are the use-case layer's.
 *
 *   GET   /api/v1/children/{id}/records/{type}     the child's records, newest first
 *   POST  /api/v1/children/{id}/records/{type}     add one
 *   GET   /api/v1/records/{type}/{rid}             one record
 *   PATCH /api/v1/records/{type}/{rid}             correct it: the fields to change, with
 *                                                  "version" (the one started from) and
 *                                                  "reason"
 *   GET   /api/v1/records/{type}/{rid}/history     every version, oldest first
 *   POST  /api/v1/records/{from}/{rid}/step/{type} step into a new record of {type}
 *                                                  (casework/step.h)
 *   GET   /api/v1/records/{type}                   a type that hangs off no child (a
 *   POST  /api/v1/records/{type}                   vacancy, an agency price cap): its
 *                                                  records, ?page=N, and add one; for its
 *                                                  keepers (the router asked)
 *
 * A record of a type with no parent is read, corrected and deleted through the same
 * /api/v1/records/{type}/{rid} paths as a child's, its keepers deciding who may.
 */
#include "http/api.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework/casework.h"
#include "casework/step.h"
#include "http/api_fields.h"
#include "http/json.h"
#include "http/page.h"
#include "http/web_audit.h"

enum { RECORDS_PAGE = 50 };

static int answer(struct http_request *req, struct http_response *res, int status,
                  struct json_out *j, const char *type)
{
    size_t len;
    const char *body = json_out_take(j, req->arena, &len);
    http_body(res, status, type, body, len);
    return status;
}

static const char *iso_time(struct arena *a, int64_t t)
{
    time_t at = (time_t)t;
    struct tm tm;
    char buf[32];
    gmtime_r(&at, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return arena_strdup(a, buf);
}

/* One record as a JSON object (the member `key` of the object being written, or an
 * element when NULL): its head, then each field by its type. */
/* `warnings`: the CIN census queries a save brought in (casework/cin_live.h), written as
 * "warnings": ["CIN rule 4012Q: ..."] when there are any; NULL when the record is read. */
static void write_record(struct json_out *j, const char *key, struct arena *a,
                         const struct rec_type *t, const void *rec, const char *child,
                         const struct field_errors *warnings)
{
    const struct rec_head *h = rec_chead(t, rec);
    if (key)
        json_key_obj(j, key);
    else
        json_obj_begin(j);
    json_str(j, "id", h->public_id);
    json_str(j, "type", t->name);
    if (t->parent)
        json_str(j, "child", child);
    json_int(j, "version", h->version);
    json_str(j, "created_at", iso_time(a, h->created_at));
    json_str(j, "updated_at", iso_time(a, h->updated_at));
    json_str(j, "reason", h->reason);
    api_fields_write(j, t->fields, rec);
    if (warnings && warnings->n) {
        json_arr_begin(j, "warnings");
        for (size_t i = 0; i < warnings->n; i++)
            json_str(j, NULL, warnings->items[i].msg);
        json_arr_end(j);
    }
    json_obj_end(j);
}

/* The type a path names: every type kith serves on the routes of one record; a child's on
 * /children/{id}/records/{type}, one that hangs off no child on /records/{type}. */
static const struct rec_type *type_arg(const char *name) { return rec_type_named(name); }

static int no_type(struct http_request *req, struct http_response *res)
{
    return http_problem(req, res, 404, "Not found", "kith keeps no records of that type.");
}

/* The child the path names, as the route's scope check (route_scope_child, in both rows)
 * found it and judged that this account may see it: not looked up again. */
static enum kerr_code child_of(struct http_request *req, struct person *p, struct kerr *e)
{
    if (req->scoped_child) {
        *p = *req->scoped_child;
        return KITH_OK;
    }
    return kerr_fail(e, KITH_E_NOT_FOUND, "id", "no child '%s'", req->path_args[0]);
}

int api_records_list(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = type_arg(req->path_args[1]);
    if (!t || !t->parent)
        return no_type(req, res);
    struct person p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = child_of(req, &p, &err.e);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    void *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    if (!rc)
        rc = cw_rec_list(req->store, &who, t, p.id, RECORDS_PAGE, 0, req->arena, &rows, &n, &total,
                         &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_int(&j, "total", total);
    json_arr_begin(&j, "records");
    for (size_t i = 0; i < n; i++)
        write_record(&j, NULL, req->arena, t, (const char *)rows + i * t->size, p.public_id, NULL);
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, 200, &j, "application/json");
}

/* Add a record of `t` from the request's body, hanging off `child` (NULL: a type with
 * none): 201 with the record and its Location, or the refusal. */
static int add_from_body(struct http_request *req, struct http_response *res,
                         const struct rec_type *t, const struct person *child)
{
    struct json_body b = {0};
    int r0 = api_body_read(req, res, &b);
    if (r0)
        return r0;
    void *rec = arena_zalloc(req->arena, t->size);
    struct field_errors none;
    field_errors_clear(&none);
    for (const struct field *f = t->fields; f->name; f++)
        rec_set_text(f, rec, NULL, req->arena, &none);
    api_fields_read(req, t->fields, arena_printf(req->arena, "a %s", t->label), &b, rec, NULL,
                    NULL);
    if (req->nerrors)
        return http_problem(req, res, 422, "The record was not saved", "Check the fields.");
    rec_head(t, rec)->parent_id = child ? child->id : 0;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_add(req->store, &who, t, rec, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    http_header_add(
        res, "Location",
        arena_printf(req->arena, "/api/v1/records/%s/%s", t->name, rec_head(t, rec)->public_id));
    struct json_out j;
    json_out_init(&j);
    write_record(&j, NULL, req->arena, t, rec, child ? child->public_id : NULL, &err.warnings);
    return answer(req, res, 201, &j, "application/json");
}

int api_record_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = type_arg(req->path_args[1]);
    if (!t || !t->parent)
        return no_type(req, res);
    struct person p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = child_of(req, &p, &err.e);
    if (rc)
        return api_refused(req, res, rc, &err);
    return add_from_body(req, res, t, &p);
}

/* A type that hangs off no child, named by the path (route_scope_kept let only its
 * keepers through; the use case asks again and audits). */
static const struct rec_type *kept_arg(const struct http_request *req)
{
    const struct rec_type *t = rec_type_named(req->path_args[0]);
    return t && !t->parent ? t : NULL;
}

int api_kept_list(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = kept_arg(req);
    return t ? api_kept_list_of(req, res, t, "records") : no_type(req, res);
}

int api_kept_list_of(struct http_request *req, struct http_response *res, const struct rec_type *t,
                     const char *key)
{
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    void *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    size_t offset = (size_t)(page_number(req) - 1) * RECORDS_PAGE;
    enum kerr_code rc = cw_rec_list(req->store, &who, t, 0, RECORDS_PAGE, offset, req->arena, &rows,
                                    &n, &total, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_int(&j, "total", total);
    json_arr_begin(&j, key);
    for (size_t i = 0; i < n; i++)
        write_record(&j, NULL, req->arena, t, (const char *)rows + i * t->size, NULL, NULL);
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, 200, &j, "application/json");
}

int api_kept_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = kept_arg(req);
    return t ? api_kept_add_of(req, res, t) : no_type(req, res);
}

int api_kept_add_of(struct http_request *req, struct http_response *res, const struct rec_type *t)
{
    return add_from_body(req, res, t, NULL);
}

/* The public id of the child a record hangs off, for its JSON. */
static const char *child_id(struct http_request *req, const struct rec_type *t, const void *rec)
{
    struct person p;
    if (!t->parent ||
        store_person_get(req->store, rec_chead(t, rec)->parent_id, req->arena, &p, NULL) != KITH_OK)
        return NULL;
    return arena_strdup(req->arena, p.public_id);
}

/* 409 when someone changed the record first: the stored version as `current` and, for a
 * correction, what was sent as `yours`, so the program (and the person behind it) can
 * decide. */
static int changed_first(struct http_request *req, struct http_response *res,
                         const struct rec_type *t, const struct cw_err *err, const void *yours)
{
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "type", "about:blank");
    json_str(&j, "title", "Someone else changed this record first");
    json_int(&j, "status", 409);
    json_str(&j, "detail", err->e.msg);
    json_str(&j, "instance", req->request_id);
    const char *child = child_id(req, t, err->current);
    write_record(&j, "current", req->arena, t, err->current, child, NULL);
    if (yours)
        write_record(&j, "yours", req->arena, t, yours, child, NULL);
    json_obj_end(&j);
    return answer(req, res, 409, &j, "application/problem+json");
}

int api_record_get(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = type_arg(req->path_args[0]);
    if (!t)
        return no_type(req, res);
    void *rec = arena_zalloc(req->arena, t->size);
    struct cw_err err;
    cw_err_clear(&err);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    enum kerr_code rc = cw_rec_view(req->store, &who, t, req->path_args[1], req->arena, rec, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    write_record(&j, NULL, req->arena, t, rec, child_id(req, t, rec), NULL);
    return answer(req, res, 200, &j, "application/json");
}

int api_record_correct(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = type_arg(req->path_args[0]);
    if (!t)
        return no_type(req, res);
    struct json_body b = {0};
    int r0 = api_body_read(req, res, &b);
    if (r0)
        return r0;
    void *rec = arena_zalloc(req->arena, t->size);
    struct cw_err err;
    cw_err_clear(&err);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    enum kerr_code rc = cw_rec_view(req->store, &who, t, req->path_args[1], req->arena, rec, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    static const char *const extra[] = {"version", "reason", NULL};
    const struct json_member *extra_v[2] = {NULL, NULL};
    api_fields_read(req, t->fields, arena_printf(req->arena, "a %s", t->label), &b, rec, extra,
                    extra_v);
    struct rec_head *h = rec_head(t, rec);
    if (!extra_v[0] || extra_v[0]->kind != JV_NUMBER)
        api_field_error(req, "version",
                        arena_printf(req->arena,
                                     "expected the version you started from as a number (it is "
                                     "now %d)",
                                     h->version));
    else
        h->version = (int)strtol(extra_v[0]->text, NULL, 10);
    h->reason = extra_v[1] && extra_v[1]->kind == JV_STRING ? extra_v[1]->text : NULL;
    if (req->nerrors)
        return http_problem(req, res, 422, "The record was not saved", "Check the fields.");
    rc = cw_rec_correct(req->store, &who, t, rec, req->arena, &err);
    if (rc == KITH_E_CONFLICT && err.current)
        return changed_first(req, res, t, &err, rec);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    write_record(&j, NULL, req->arena, t, rec, child_id(req, t, rec), &err.warnings);
    return answer(req, res, 200, &j, "application/json");
}

int api_record_step(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *from = type_arg(req->path_args[0]), *to = type_arg(req->path_args[2]);
    bool up = from == &family_help_type && to == &referral_type;
    if (!up && !(from == &referral_type && to == &family_help_type))
        return http_problem(req, res, 404, "Not found",
                            "Family help steps up to a referral, and a referral's CIN episode "
                            "steps down to family help: nothing else steps.");
    struct json_body b = {0};
    int r0 = api_body_read(req, res, &b);
    if (r0)
        return r0;
    void *fresh = arena_zalloc(req->arena, to->size);
    struct field_errors errs;
    field_errors_clear(&errs);
    for (const struct field *f = to->fields; f->name; f++)
        rec_set_text(f, fresh, NULL, req->arena, &errs);
    static const char *const extra[] = {"version", "cin_closure_date", "cin_closure_reason", NULL};
    const struct json_member *extra_v[3] = {NULL, NULL, NULL};
    api_fields_read(req, to->fields, arena_printf(req->arena, "a %s", to->label), &b, fresh, extra,
                    extra_v);
    struct step_down close = {DATE_NONE, ""};
    for (size_t k = 1; k < 3; k++) {
        const struct field *f = &step_down_fields[k - 1];
        if (extra_v[k] && up)
            api_field_error(req, f->name, "is for a step-down only");
        else if (extra_v[k] && extra_v[k]->kind != JV_STRING && extra_v[k]->kind != JV_NULL)
            api_field_error(req, f->name, "expected a string or null");
        else
            rec_set_text(f, &close, extra_v[k] ? extra_v[k]->text : NULL, req->arena, &errs);
    }
    for (size_t i = 0; i < errs.n; i++)
        api_field_error(req, errs.items[i].field, errs.items[i].msg);
    int version = 0;
    if (extra_v[0] && extra_v[0]->kind != JV_NUMBER)
        api_field_error(req, "version", "expected the version you started from as a number");
    else if (extra_v[0])
        version = (int)strtol(extra_v[0]->text, NULL, 10);
    if (req->nerrors)
        return http_problem(req, res, 422, "Nothing was saved", "Check the fields.");
    struct cw_err err;
    cw_err_clear(&err);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    enum kerr_code rc =
        up ? cw_step_up(req->store, &who, req->path_args[1], version, fresh, req->arena, &err)
           : cw_step_down(req->store, &who, req->path_args[1], version, &close, fresh, req->arena,
                          &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    http_header_add(res, "Location",
                    arena_printf(req->arena, "/api/v1/records/%s/%s", to->name,
                                 rec_head(to, fresh)->public_id));
    struct json_out j;
    json_out_init(&j);
    write_record(&j, NULL, req->arena, to, fresh, child_id(req, to, fresh), &err.warnings);
    return answer(req, res, 201, &j, "application/json");
}

int api_record_delete(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = type_arg(req->path_args[0]);
    if (!t)
        return no_type(req, res);
    struct json_body b = {0};
    int r0 = api_body_read(req, res, &b);
    if (r0)
        return r0;
    const struct json_member *version = NULL, *reason = NULL;
    for (size_t i = 0; i < b.n; i++) {
        const struct json_member *m = &b.v[i];
        if (!strcmp(m->name, "version"))
            version = m;
        else if (!strcmp(m->name, "reason"))
            reason = m;
        else
            api_field_error(req, m->name, "is not part of a deletion: send version and reason");
    }
    if (!version || version->kind != JV_NUMBER)
        api_field_error(req, "version", "expected the version you are deleting, as a number");
    if (reason && reason->kind != JV_STRING)
        api_field_error(req, "reason", "expected a string");
    if (req->nerrors || !version)
        return http_problem(req, res, 422, "The record was not deleted", "Check the fields.");
    struct cw_err err;
    cw_err_clear(&err);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    enum kerr_code rc =
        cw_rec_delete(req->store, &who, t, req->path_args[1], (int)strtol(version->text, NULL, 10),
                      reason ? reason->text : NULL, req->arena, &err);
    if (rc == KITH_E_CONFLICT && err.current)
        return changed_first(req, res, t, &err, NULL);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "id", req->path_args[1]);
    json_str(&j, "type", t->name);
    json_bool(&j, "deleted", true);
    json_obj_end(&j);
    return answer(req, res, 200, &j, "application/json");
}

int api_record_history(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = type_arg(req->path_args[0]);
    if (!t)
        return no_type(req, res);
    void *rows;
    size_t n;
    struct cw_err err;
    cw_err_clear(&err);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    enum kerr_code rc =
        cw_rec_history(req->store, &who, t, req->path_args[1], req->arena, &rows, &n, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    const char *child = n ? child_id(req, t, rows) : NULL;
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_arr_begin(&j, "versions");
    for (size_t i = 0; i < n; i++)
        write_record(&j, NULL, req->arena, t, (const char *)rows + i * t->size, child, NULL);
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, 200, &j, "application/json");
}

/* --- the OpenAPI document's part: a schema per type, from its description ------------- */

/* A type's schema name: "s47_enquiry" -> "S47Enquiry", as OpenAPI schema names read. */
static void schema_name(const char *type, char out[64])
{
    size_t n = 0;
    bool upper = true;
    for (const char *p = type; *p && n < 63; p++) {
        if (*p == '_') {
            upper = true;
            continue;
        }
        out[n++] = (char)(upper && *p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        upper = false;
    }
    out[n] = '\0';
}

void api_records_schemas(struct json_out *j, struct arena *a)
{
    for (size_t i = 0; rec_types[i]; i++) {
        const struct rec_type *t = rec_types[i];
        char name[64];
        schema_name(t->name, name);
        for (int input = 0; input < 2; input++) {
            json_key_obj(j, arena_printf(a, "%s%s", name, input ? "Input" : ""));
            json_str(j, "type", "object");
            json_str(j, "description",
                     arena_printf(a, "A %s%s", t->label,
                                  input ? " as sent: the fields to set (a correction also "
                                          "sends version and reason)"
                                        : ""));
            json_key_obj(j, "properties");
            if (!input) {
                static const char *const head[] = {"id",         "type",   "child", "created_at",
                                                   "updated_at", "reason", NULL};
                for (const char *const *h = head; *h; h++) {
                    if (!t->parent && !strcmp(*h, "child")) /* it hangs off none */
                        continue;
                    json_key_obj(j, *h);
                    json_str(j, "type", "string");
                    json_obj_end(j);
                }
                json_key_obj(j, "version");
                json_str(j, "type", "integer");
                json_obj_end(j);
                /* only in the answer to an add or a correction that brought some in */
                json_key_obj(j, "warnings");
                json_str(j, "type", "array");
                json_str(j, "description",
                         "The CIN census queries this save brought in (\"CIN rule 4012Q: "
                         "...\"): the record is saved; they are for the person to check");
                json_key_obj(j, "items");
                json_str(j, "type", "string");
                json_obj_end(j);
                json_obj_end(j);
            }
            for (const struct field *f = t->fields; f->name; f++)
                api_field_schema(j, f);
            json_obj_end(j);
            json_arr_begin(j, "required");
            for (const struct field *f = t->fields; f->name; f++)
                if (f->flags & FIELD_REQUIRED)
                    json_str(j, NULL, f->name);
            json_arr_end(j);
            json_obj_end(j);
        }
    }
    /* A deletion's body: the version seen and why (DELETE /api/v1/records/{type}/{rid}). */
    json_key_obj(j, "RecordDeletion");
    json_str(j, "type", "object");
    json_str(j, "description",
             "A record entered in error, deleted: the version you saw and why. It leaves every "
             "list, timeline, clock and return; its versions stay in the history");
    json_key_obj(j, "properties");
    json_key_obj(j, "version");
    json_str(j, "type", "integer");
    json_obj_end(j);
    json_key_obj(j, "reason");
    json_str(j, "type", "string");
    json_obj_end(j);
    json_obj_end(j);
    json_arr_begin(j, "required");
    json_str(j, NULL, "version");
    json_str(j, NULL, "reason");
    json_arr_end(j);
    json_obj_end(j);
    /* The generic schemas the routes name: one of the types. */
    static const char *const generic[] = {"Record", "RecordInput"};
    for (int input = 0; input < 2; input++) {
        json_key_obj(j, generic[input]);
        json_arr_begin(j, "oneOf");
        for (size_t i = 0; rec_types[i]; i++) {
            char name[64];
            schema_name(rec_types[i]->name, name);
            json_obj_begin(j);
            json_str(j, "$ref",
                     arena_printf(a, "#/components/schemas/%s%s", name, input ? "Input" : ""));
            json_obj_end(j);
        }
        json_arr_end(j);
        json_obj_end(j);
    }
}
