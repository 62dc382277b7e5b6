/*
 * The workforce in the JSON API: GET /api/v1/teams and GET /api/v1/workers, each record
 * written from its description (domain/workforce.c) by api_fields, as every record is, so
 * a field added to the description is in the API and its OpenAPI schema with no change
 * here. Workers carry personal details (date of birth, ethnicity, the census items), so
 * their list goes through the use case that lets only those who manage staff read it and
 * audits each read (casework/workforce.c). GET /api/v1/workforce/figures is the leaders'
 * page (pages_workforce.c) as JSON, from the same use case.
 */
#include <string.h>

#include "casework/workforce.h"
#include "http/api.h"
#include "http/api_fields.h"
#include "http/json.h"
#include "http/pages.h"
#include "http/web_audit.h"
#include "store/store.h"

static int answer(struct http_request *req, struct http_response *res, struct json_out *j)
{
    size_t len;
    const char *body = json_out_take(j, req->arena, &len);
    http_body(res, 200, "application/json", body, len);
    return 200;
}

int api_teams(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct team *t;
    size_t n;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = store_team_list(req->store, req->arena, &t, &n, &err.e);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_arr_begin(&j, "teams");
    for (size_t i = 0; i < n; i++) {
        json_obj_begin(&j);
        json_str(&j, "id", t[i].public_id);
        api_fields_write(&j, team_fields, &t[i]);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, &j);
}

int api_workers(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct worker_query q = {.current_only = true, .limit = STORE_PAGE_MAX};
    struct cw_err err;
    cw_err_clear(&err);
    struct team *teams;
    size_t nteams;
    enum kerr_code rc = store_team_list(req->store, req->arena, &teams, &nteams, &err.e);
    if (rc)
        return api_refused(req, res, rc, &err);
    for (size_t i = 0; i < req->nquery; i++) {
        const char *k = req->query[i].name, *v = req->query[i].value;
        struct team t;
        if (!strcmp(k, "team") && !store_team_find(req->store, v, req->arena, &t, &err.e))
            q.team_id = t.id;
        else if (!strcmp(k, "team"))
            api_field_error(req, k, "is no team's public id or name");
        else if (!strcmp(k, "left") && !strcmp(v, "include"))
            q.current_only = false;
        else
            api_field_error(req, k, "is not a filter: team=TEAM or left=include");
    }
    if (req->nerrors)
        return http_problem(req, res, 422, "The filters were not understood",
                            "Check the query string.");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct worker *w;
    size_t n;
    rc = cw_workers(req->store, &who, &q, req->arena, &w, &n, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_arr_begin(&j, "workers");
    for (size_t i = 0; i < n; i++) {
        json_obj_begin(&j);
        json_str(&j, "id", w[i].public_id);
        const char *team = NULL;
        for (size_t k = 0; k < nteams; k++)
            if (teams[k].id == w[i].team_id)
                team = teams[k].public_id;
        json_str(&j, "team", team);
        api_fields_write(&j, worker_fields, &w[i]);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, &j);
}

int api_workforce_figures(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    kdate from, to;
    const char *bad;
    if (workforce_period(req, who.today, &from, &to, &bad) != 0) {
        api_field_error(req, bad, "is not a date: expected a day such as 2026-09-30 or 30/9/2026");
        return http_problem(req, res, 422, "The period was not understood",
                            "Check the query string.");
    }
    struct workforce_figures wf;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_workforce_figures(req->store, &who, from, to, req->arena, &wf, &err);
    if (rc)
        return api_refused(req, res, rc, &err);
    char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "from", date_format_iso(wf.from, f));
    json_str(&j, "to", date_format_iso(wf.on, t));
    json_int(&j, "headcount", wf.headcount);
    json_num(&j, "fte", wf.fte);
    json_int(&j, "agency_headcount", wf.agency_headcount);
    json_num(&j, "agency_fte", wf.agency_fte);
    json_int(&j, "agency_assignments", wf.assignments);
    json_int(&j, "vacancies", wf.vacancies);
    json_int(&j, "establishment", wf.establishment);
    json_int(&j, "starters", wf.starters);
    json_int(&j, "leavers", wf.leavers);
    json_int(&j, "sickness_days_lost", wf.sick_days);
    json_int(&j, "other_days_lost", wf.other_days);
    json_int(&j, "cases", wf.cases);
    json_num(&j, "case_holder_fte", wf.case_fte);
    json_arr_begin(&j, "teams");
    for (size_t i = 0; i < wf.nteams; i++) {
        const struct workforce_team_figures *tf = &wf.teams[i];
        json_obj_begin(&j);
        json_str(&j, "id", tf->team->public_id);
        json_str(&j, "name", tf->team->name);
        json_int(&j, "headcount", tf->headcount);
        json_num(&j, "fte", tf->fte);
        json_int(&j, "cases", tf->cases);
        json_num(&j, "case_holder_fte", tf->case_fte);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    return answer(req, res, &j);
}
