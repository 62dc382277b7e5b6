/*
 * Agency assignments in the JSON API (docs/workforce.md, docs/api.md):
 * GET /api/v1/agency-assignments lists those in force on a day (?on=DATE, today when not
 * given), each written from its description with the cap in force at its start and whether
 * the rate is over it, or, where the council recorded no cap, a sentence saying so and no
 * judgement; POST /api/v1/agency-assignments adds one through the generic use
 * case, so the API refuses what the form and the command line refuse, each problem naming
 * its field. Both for team managers and administrators only, every read audited.
 * GET /api/v1/agency-caps lists the region's price caps the council recorded and POST adds
 * one: the generic GET and POST /api/v1/records/agency_cap (api_records.c), kept at this
 * address; the cap's keepers (its description) say who may, the use case refuses an
 * overlap with another of its region and role on the day that clashes.
 */
#include <string.h>

#include "casework/agency.h"
#include "http/api.h"
#include "http/api_fields.h"
#include "http/json.h"
#include "http/web_audit.h"
#include "store/store_setting.h"

static void write_one(struct json_out *j, struct arena *a, const struct agency_assignment *r,
                      const char *region, const struct agency_caps *caps)
{
    json_obj_begin(j);
    json_str(j, "id", r->h.public_id);
    json_int(j, "version", r->h.version);
    api_fields_write(j, agency_assignment_type.fields, r);
    const struct agency_cap *cap = agency_cap_find(caps, region, r->role, r->start_date);
    if (cap) {
        json_int(j, "cap_pence", cap->cap_pence);
        json_str(j, "cap_id", cap->h.public_id);
        json_bool(j, "over_cap", r->hourly_rate > cap->cap_pence);
    } else { /* not judged: said, never passed as within a cap */
        json_str(j, "cap_pence", NULL);
        json_str(j, "cap_missing", agency_no_cap_text(a, region, r->role, r->start_date));
        json_str(j, "over_cap", NULL);
    }
    json_obj_end(j);
}

static int answer(struct http_request *req, struct http_response *res, int status,
                  struct json_out *j)
{
    size_t len;
    const char *body = json_out_take(j, req->arena, &len);
    http_body(res, status, "application/json", body, len);
    return status;
}

int api_agency_list(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    kdate on = who.today;
    for (size_t i = 0; i < req->nquery; i++) {
        const char *k = req->query[i].name, *v = req->query[i].value;
        if (strcmp(k, "on") != 0)
            api_field_error(req, k, "is not a filter: on=DATE");
        else if (!date_scan_typed(v, &on))
            api_field_error(req, k, "is not a date: expected a day such as 2026-12-07");
    }
    if (req->nerrors)
        return http_problem(req, res, 422, "The filters were not understood",
                            "Check the query string.");
    struct agency_period p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc =
        cw_agency_period(req->store, &who, on, on, "agency-list", req->arena, &p, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    char d[DATE_ISO_LEN];
    json_str(&j, "on", date_format_iso(on, d));
    json_str(&j, "region", p.region);
    json_arr_begin(&j, "assignments");
    for (size_t i = 0; i < p.n; i++)
        write_one(&j, req->arena, &p.rows[i], p.region, &p.caps);
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, 200, &j);
}

/* A new record of type `t` from the request's body, through the generic use case: every
 * field absent unless given, each problem named with its field. NULL when it was refused
 * (the answer is written). */
static void *add_one(struct http_request *req, struct http_response *res, const struct rec_type *t,
                     const char *what, int *status)
{
    struct json_body b = {0};
    *status = api_body_read(req, res, &b);
    if (*status)
        return NULL;
    void *r = arena_zalloc(req->arena, t->size);
    struct field_errors none;
    field_errors_clear(&none);
    for (const struct field *f = t->fields; f->name; f++)
        rec_set_text(f, r, NULL, req->arena, &none); /* every field absent */
    api_fields_read(req, t->fields, what, &b, r, NULL, NULL);
    if (req->nerrors) {
        *status =
            http_problem(req, res, 422, arena_printf(req->arena, "The %s was not saved", t->label),
                         "Check the fields.");
        return NULL;
    }
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_add(req->store, &who, t, r, &err);
    if (rc) {
        *status = api_refused(req, res, rc, &err);
        return NULL;
    }
    return r;
}

int api_agency_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    int status;
    struct agency_assignment *r =
        add_one(req, res, &agency_assignment_type, "an agency assignment", &status);
    if (!r)
        return status;
    const char *region = NULL;
    struct agency_caps caps = {0};
    store_setting_get(req->store, "region", req->arena, &region, NULL);
    cw_agency_caps(req->store, req->arena, &caps, NULL);
    struct json_out j;
    json_out_init(&j);
    write_one(&j, req->arena, r, region, &caps);
    return answer(req, res, 201, &j);
}

/* The caps are the generic records of a type that hangs off no child (api_records.c), at
 * the address and under the key ("caps") documented before that served them. */
int api_agency_caps(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    return api_kept_list_of(req, res, &agency_cap_type, "caps");
}

int api_agency_cap_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    return api_kept_add_of(req, res, &agency_cap_type);
}
