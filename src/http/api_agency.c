/*
 * Agency assignments in the JSON API (docs/workforce.md, docs/api.md):
 * GET /api/v1/agency-assignments lists those in force on a day (?on=DATE, today when not
 * given), each written from its description with the cap in force at its start and whether
 * the rate is over it; POST /api/v1/agency-assignments adds one through the generic use
 * case, so the API refuses what the form and the command line refuse, each problem naming
 * its field. Both for team managers and administrators only, every read audited.
 */
#include <string.h>

#include "casework/agency.h"
#include "http/api.h"
#include "http/api_fields.h"
#include "http/json.h"
#include "http/web_audit.h"
#include "store/store_setting.h"

static void write_one(struct json_out *j, const struct agency_assignment *r, const char *region)
{
    json_obj_begin(j);
    json_str(j, "id", r->h.public_id);
    json_int(j, "version", r->h.version);
    api_fields_write(j, agency_assignment_type.fields, r);
    int64_t cap = agency_cap(region, r->role, r->start_date, NULL);
    if (cap) /* none before caps applied */
        json_int(j, "cap_pence", cap);
    else
        json_str(j, "cap_pence", NULL);
    json_bool(j, "over_cap", agency_over_cap(r, region));
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
        write_one(&j, &p.rows[i], p.region);
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, 200, &j);
}

int api_agency_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct json_body b = {0};
    int r0 = api_body_read(req, res, &b);
    if (r0)
        return r0;
    const struct rec_type *t = &agency_assignment_type;
    struct agency_assignment *r = arena_zalloc(req->arena, sizeof *r);
    struct field_errors none;
    field_errors_clear(&none);
    for (const struct field *f = t->fields; f->name; f++)
        rec_set_text(f, r, NULL, req->arena, &none); /* every field absent */
    api_fields_read(req, t->fields, "an agency assignment", &b, r, NULL, NULL);
    if (req->nerrors)
        return http_problem(req, res, 422, "The assignment was not saved", "Check the fields.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_add(req->store, &who, t, r, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    const char *region = NULL;
    store_setting_get(req->store, "region", req->arena, &region, NULL);
    struct json_out j;
    json_out_init(&j);
    write_one(&j, r, region);
    return answer(req, res, 201, &j);
}
