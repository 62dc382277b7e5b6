/*
 * Agency social workers in force (GET /workforce/agency) in-process, through the router
 * and the real route table, on SQLite here and PostgreSQL under tests/pg/cluster.sh. On
 * 7 December 2026 (KITH_TODAY): 27 assignments in force, so two pages of 25; one ended the
 * day before and one starts the day after, so neither shows. Of those in force: one over
 * London's social worker cap of 4200 pence with its sign-off, one ending within its four
 * weeks' notice (on 4 January 2027, 28 days on) and one the day after that (not), one in a
 * project team, one with no reference. Who may see it: team managers and administrators;
 * an analyst (whom the route lets in for the figures) is refused by the use case and the
 * refusal audited, a social worker by the router; each view is audited. The cap is the
 * council's record (agency_cap): an assignment in a role with none recorded is flagged, and
 * the caps are read by managers and kept by administrators, on the page and in the API.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "domain/agency.h"
#include "http/auth.h"
#include "store/store.h"
#include "store/store_rec.h"
#include "store/store_setting.h"

enum who { MANAGER, ADMIN, ANALYST, WORKER, WHO_COUNT };

#define TOKEN "agencytesttokenagencytesttoken00"
#define ORIGIN "http://127.0.0.1:8080"

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    char cap_id[PUBLIC_ID_LEN + 1]; /* London's social worker cap, 4200 from 1 April 2025 */
};

static struct http_principal *by_cookie(struct http_app *app, struct http_request *req)
{
    struct fx *f = app->auth_data;
    int w;
    if (!req->cookie || sscanf(req->cookie, "who=%d", &w) != 1 || w < 0 || w >= WHO_COUNT)
        return NULL;
    return &f->who[w];
}

static void add_user(struct fx *f, enum who w, const char *name, enum user_role r)
{
    struct user u = {.username = name, .role = r, .created = DATE_NONE};
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
    f->who[w] = (struct http_principal){.user_id = u.id,
                                        .username = name,
                                        .role = r,
                                        .perms = auth_role_perms(r),
                                        .csrf_token = TOKEN};
}

/* An assignment of "Agency Worker N", SW10000N, at `rate` from `start` to `end` (NULL:
 * open-ended), with a reference; `over` signs a rate over the cap off. */
static struct agency_assignment *assignment(struct fx *f, int n, const char *start, const char *end,
                                            int64_t rate)
{
    struct agency_assignment *r = arena_zalloc(&f->a, sizeof *r);
    r->name = arena_printf(&f->a, "Agency Worker %d", n);
    snprintf(r->registration, sizeof r->registration, "SW%u", 100000u + (unsigned)n % 1000u);
    snprintf(r->role, sizeof r->role, "social-worker");
    r->agency = "Acme Social Care";
    r->hourly_rate = rate;
    r->start_date = day(start);
    r->end_date = end ? day(end) : DATE_NONE;
    r->pqe_years = 5;
    r->reference_received = date_add_days(r->start_date, -7);
    r->reference_given = r->project_approved_on = r->left_permanent_on = DATE_NONE;
    r->cap_signoff_on = DATE_NONE;
    r->notice_weeks = 4;
    return r;
}

static void add(struct fx *f, struct agency_assignment *r)
{
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_add(f->app.store, &agency_assignment_type, r, 1700000000, &e), 0);
}

static int setup(void **state)
{
    setenv("KITH_TODAY", "2026-12-07", 1);
    struct fx *f = calloc(1, sizeof *f);
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    struct kerr e = KERR_INIT;
    if (store_open(f->db.location, STORE_CREATE, &f->app.store, &e))
        return -1;
    f->app.origin = ORIGIN;
    f->app.authenticate = by_cookie;
    f->app.auth_data = f;
    add_user(f, MANAGER, "tom", UROLE_TEAM_MANAGER);
    add_user(f, ADMIN, "adi", UROLE_ADMINISTRATOR);
    add_user(f, ANALYST, "ana", UROLE_PERFORMANCE_ANALYST);
    add_user(f, WORKER, "sam", UROLE_SOCIAL_WORKER);
    assert_int_equal(store_setting_set(f->app.store, "region", "london", 1000, &e), 0);
    struct agency_cap cap = {.region = "london", .role = "social-worker", .cap_pence = 4200};
    cap.from_date = day("2025-04-01");
    cap.to_date = DATE_NONE;
    cap.agreed = "London councils, March 2025 (test)";
    assert_int_equal(store_rec_add(f->app.store, &agency_cap_type, &cap, 1700000000, &e), 0);
    snprintf(f->cap_id, sizeof f->cap_id, "%s", cap.h.public_id);
    for (int n = 1; n <= 22; n++)
        add(f, assignment(f, n, "2026-09-01", NULL, 4000));
    struct agency_assignment *over = assignment(f, 23, "2026-10-01", "2027-03-31", 4650);
    over->cap_signoff_by = "R Osei";
    over->cap_signoff_role = "Director";
    over->cap_signoff_on = day("2026-09-20");
    over->cap_reason = "Court work due";
    add(f, over);
    add(f, assignment(f, 24, "2026-10-01", "2027-01-04", 4000)); /* ends within notice */
    add(f, assignment(f, 25, "2026-10-01", "2027-01-05", 4000)); /* the day after it */
    struct agency_assignment *team = assignment(f, 26, "2026-11-01", NULL, 4000);
    team->project_team = "Harbour project team";
    team->project_approved_by = "P Raman";
    team->project_approved_on = day("2026-10-20");
    add(f, team);
    struct agency_assignment *unref = assignment(f, 27, "2026-12-07", NULL, 4000);
    unref->reference_received = DATE_NONE;
    add(f, unref);
    add(f, assignment(f, 28, "2026-06-01", "2026-12-06", 4000)); /* ended yesterday */
    add(f, assignment(f, 29, "2026-12-08", NULL, 4000));         /* starts tomorrow */
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->app.store);
    arena_release(&f->a);
    testdb_drop(&f->db);
    free(f);
    unsetenv("KITH_TODAY");
    return 0;
}

static struct call *get(struct fx *f, const char *path, enum who w)
{
    struct call *c = call_new(&f->a, "GET", path);
    c->req.store = f->app.store;
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    snprintf(c->req.request_id, sizeof c->req.request_id, "req%d", (int)w);
    return call_run(&f->app, c);
}

/* The summary row `key` has value `value`. */
static void row_is(const char *body, const char *key, const char *value)
{
    const char *k = strstr(body, key);
    if (!k)
        fail_msg("no row '%s'", key);
    const char *v = strstr(k, "govuk-summary-list__value");
    assert_non_null(v);
    v = strchr(v, '>') + 1;
    while (*v == ' ' || *v == '\n')
        v++;
    if (strncmp(v, value, strlen(value)) != 0)
        fail_msg("row '%s' is '%.40s', expected '%s'", key, v, value);
}

static size_t count(const char *body, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(body, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

static void in_force_and_noted(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/workforce/agency", MANAGER);
    assert_int_equal(c->res.status, 200);
    row_is(c->body, "Assignments in force", "27");
    row_is(c->body, "Rates over the region&#39;s cap, signed off", "1");
    row_is(c->body, "Ending within their notice period", "1");
    row_is(c->body, "Members of project teams", "1");
    row_is(c->body, "No practice-based reference received", "1");
    assert_non_null(strstr(c->body, "The first 25 of 27 assignments"));
    assert_int_equal(count(c->body, "<tr class=\"govuk-table__row\">"), 26); /* and the head */
    assert_non_null(strstr(c->body, "rel=\"next\""));
    assert_null(strstr(c->body, "SW100028")); /* ended yesterday */
    assert_null(strstr(c->body, "SW100029")); /* starts tomorrow */
    /* the second page: the last two, earliest start first */
    c = get(f, "/workforce/agency?page=2", ADMIN);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "Showing 26 to 27 of 27 assignments"));
    const char *over = strstr(get(f, "/workforce/agency", MANAGER)->body, "SW100023");
    assert_non_null(over);
    assert_non_null(strstr(over, "£46.50 (cap £42.00)"));
    assert_non_null(strstr(over, "Signed off by R Osei (Director) on 20/09/2026: Court work due"));
}

static void who_may_see(void **state)
{
    struct fx *f = *state;
    assert_int_equal(get(f, "/workforce/agency", ANALYST)->res.status, 403);
    assert_int_equal(get(f, "/workforce/agency", WORKER)->res.status, 403);
    assert_int_equal(get(f, "/workforce/agency?page=x", MANAGER)->res.status, 200);
    struct call *c = call_new(&f->a, "GET", "/workforce/agency");
    c->req.store = f->app.store;
    assert_int_equal(call_run(&f->app, c)->res.status, 401); /* not signed in */
    /* every view audited, and the refusals */
    struct audit_event *rows;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(
        store_audit_list(f->app.store, &(struct audit_query){.limit = 100}, &f->a, &rows, &n, &e),
        0);
    size_t ok = 0, denied = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].action, "agency-list")) {
            ok += !strcmp(rows[i].outcome, "ok");
            denied += !strcmp(rows[i].outcome, "denied");
        }
    assert_int_equal(ok, 1);
    assert_int_equal(denied, 1); /* the analyst's; the router turns the social worker away */
}

static struct call *post(struct fx *f, const char *path, enum who w, const char *form)
{
    struct call *c = call_new(&f->a, "POST", path);
    c->req.store = f->app.store;
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    c->req.origin = ORIGIN;
    snprintf(c->req.request_id, sizeof c->req.request_id, "post%d", (int)w);
    assert_int_equal(http_form_parse(&c->req, form, strlen(form)), 0);
    return call_run(&f->app, c);
}

#define FORM                                                                                       \
    "csrf=" TOKEN "&role=social-worker&agency=Acme&pqe_years=4&notice_weeks=4"                     \
    "&name=Dee+Fox&registration=SW54321&start_date-day=1&start_date-month=12"                      \
    "&start_date-year=2026"

/* The form: drawn from the description, refusals beside their fields and nothing saved,
 * then saved and shown on the list; only those who manage staff. */
static void form(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/workforce/agency_assignment/new", MANAGER);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "name=\"left_permanent_on-day\""));
    assert_int_equal(get(f, "/workforce/agency_assignment/new", ANALYST)->res.status, 403);
    assert_int_equal(get(f, "/workforce/vacancy/new", MANAGER)->res.status, 404);
    /* over the cap with no sign-off; within three months of a permanent post */
    c = post(f, "/workforce/agency_assignment", MANAGER,
             FORM "&hourly_rate=4300&left_permanent_on-day=1&left_permanent_on-month=10"
                  "&left_permanent_on-year=2026");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "is less than three months before the start"));
    assert_non_null(strstr(get(f, "/workforce/agency", MANAGER)->body, "Assignments in force"));
    assert_null(strstr(get(f, "/workforce/agency?page=2", MANAGER)->body, "SW54321"));
    c = post(f, "/workforce/agency_assignment", MANAGER, FORM "&hourly_rate=4300");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "name of who signed off the rate over the cap is needed: "
                                    "the rate is over the london cap of 4200 pence an hour"));
    c = post(f, "/workforce/agency_assignment", ANALYST, FORM "&hourly_rate=4100");
    assert_int_equal(c->res.status, 403);
    c = post(f, "/workforce/agency_assignment", MANAGER, FORM "&hourly_rate=4100");
    assert_int_equal(c->res.status, 303);
    assert_non_null(strstr(get(f, "/workforce/agency?page=2", MANAGER)->body, "SW54321"));
}

static struct call *api(struct fx *f, const char *method, const char *path, enum who w,
                        const char *body)
{
    struct call *c = call_new(&f->a, method, path);
    c->req.store = f->app.store;
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    c->req.content_type = "application/json";
    snprintf(c->req.request_id, sizeof c->req.request_id, "api%d", (int)w);
    c->req.body = body;
    c->req.body_len = body ? strlen(body) : 0;
    return call_run(&f->app, c);
}

/* The API: the same assignments in force as the page, on a day asked for; an add refused
 * as the form refuses it, naming the field; only those who manage staff. */
static void json_api(void **state)
{
    struct fx *f = *state;
    struct call *c = api(f, "GET", "/api/v1/agency-assignments", MANAGER, NULL);
    assert_int_equal(c->res.status, 200);
    assert_int_equal(count(c->body, "\"over_cap\":"), 27);
    assert_int_equal(count(c->body, "\"over_cap\":true"), 1);
    assert_non_null(strstr(c->body, "\"cap_pence\":4200"));
    /* the day before: 28 ended that day and is in; 27 had not started */
    c = api(f, "GET", "/api/v1/agency-assignments?on=6/12/2026", MANAGER, NULL);
    assert_int_equal(count(c->body, "\"over_cap\":"), 27);
    assert_non_null(strstr(c->body, "SW100028"));
    assert_null(strstr(c->body, "SW100027"));
    assert_int_equal(
        api(f, "GET", "/api/v1/agency-assignments?on=31/2/2026", MANAGER, NULL)->res.status, 422);
    assert_int_equal(api(f, "GET", "/api/v1/agency-assignments", ANALYST, NULL)->res.status, 403);
    const char *body = "{\"role\":\"social-worker\",\"agency\":\"Acme\",\"pqe_years\":2,"
                       "\"notice_weeks\":4,\"name\":\"Eve Gray\",\"registration\":\"SW65432\","
                       "\"start_date\":\"2026-12-01\",\"hourly_rate\":4000}";
    c = api(f, "POST", "/api/v1/agency-assignments", MANAGER, body);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "pqe_years"));
    assert_non_null(strstr(c->body, "is under the DfE's minimum"));
    char *good = arena_strdup(&f->a, body);
    good[strstr(good, "\"pqe_years\":2") - good + 12] = '5';
    c = api(f, "POST", "/api/v1/agency-assignments", MANAGER, good);
    assert_int_equal(c->res.status, 201);
    assert_non_null(strstr(c->body, "\"over_cap\":false"));
    c = api(f, "GET", "/api/v1/agency-assignments", MANAGER, NULL);
    assert_int_equal(count(c->body, "\"over_cap\":"), 28);
}

/* An assignment in a role with no cap recorded is flagged in words, on the page and in
 * the API, and never counted within a cap. */
static void no_cap_flagged(void **state)
{
    struct fx *f = *state;
    struct agency_assignment *tm = assignment(f, 30, "2026-11-01", NULL, 9000);
    snprintf(tm->role, sizeof tm->role, "team-manager");
    add(f, tm);
    struct call *c = get(f, "/workforce/agency", MANAGER);
    assert_int_equal(c->res.status, 200);
    row_is(c->body, "No price cap recorded for their region, role and start", "1");
    row_is(c->body, "Rates over the region&#39;s cap, signed off", "1");
    c = get(f, "/workforce/agency?page=2", MANAGER);
    assert_non_null(
        strstr(c->body, "No price cap recorded for London, team manager, on 1 Nov 2026"));
    c = api(f, "GET", "/api/v1/agency-assignments", MANAGER, NULL);
    assert_non_null(strstr(c->body, "\"cap_missing\":\"no price cap recorded for London, team "
                                    "manager, on 1 Nov 2026\""));
    assert_int_equal(count(c->body, "\"over_cap\":null"), 1);
}

#define CAP_FORM "csrf=" TOKEN "&region=london&agreed=London+councils&cap_pence=4400"

/* The caps page: managers read, administrators add, correct and end; an overlap is refused
 * beside the day that clashes and nothing is saved; a social worker is turned away by the
 * router, an analyst by the use case. */
static void caps_page(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/workforce/caps", MANAGER);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "£42.00"));
    assert_null(strstr(c->body, "Correct or end"));
    assert_int_equal(get(f, "/workforce/caps", WORKER)->res.status, 403);
    assert_int_equal(get(f, "/workforce/caps", ANALYST)->res.status, 403);
    assert_int_equal(get(f, "/workforce/agency_cap/new", MANAGER)->res.status, 403);
    assert_int_equal(get(f, "/workforce/agency_cap/new", ADMIN)->res.status, 200);
    const char *edit = arena_printf(&f->a, "/workforce/agency_cap/%s/edit", f->cap_id);
    assert_int_equal(get(f, edit, MANAGER)->res.status, 403);
    assert_int_equal(get(f, "/workforce/agency_cap/nosuchcap/edit", ADMIN)->res.status, 404);
    c = get(f, edit, ADMIN);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "name=\"to_date-day\""));
    /* a new cap from 1 January 2026 runs into the one in force: refused beside its start */
    const char *clash = CAP_FORM "&role=social-worker&from_date-day=1&from_date-month=1"
                                 "&from_date-year=2026";
    assert_int_equal(post(f, "/workforce/agency_cap", MANAGER, clash)->res.status, 403);
    c = post(f, "/workforce/agency_cap", ADMIN, clash);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "overlaps the London cap for Social worker of 4200 pence"));
    assert_non_null(strstr(c->body, "href=\"#from_date-day\""));
    assert_null(strstr(get(f, "/workforce/caps", ADMIN)->body, "£44.00"));
    /* end the old one the day before (a correction with a reason), then the new one fits */
    c = post(f, arena_printf(&f->a, "/workforce/agency_cap/%s", f->cap_id), ADMIN,
             "csrf=" TOKEN "&region=london&agreed=London+councils&role=social-worker"
             "&cap_pence=4200&from_date-day=1&from_date-month=4"
             "&from_date-year=2025&to_date-day=31&to_date-month=12&to_date-year=2025"
             "&version=1&reason=Replaced+from+January");
    assert_int_equal(c->res.status, 303);
    assert_int_equal(post(f, "/workforce/agency_cap", ADMIN, clash)->res.status, 303);
    c = get(f, "/workforce/caps", ADMIN);
    assert_non_null(strstr(c->body, "£44.00"));
    assert_non_null(strstr(c->body, "31/12/2025"));
    assert_non_null(strstr(c->body, "Correct or end"));
    /* the rates are judged by the new cap from its first day: 4300 starting 1 December 2026
     * is within it now */
    c = post(f, "/workforce/agency_assignment", MANAGER, FORM "&hourly_rate=4300");
    assert_int_equal(c->res.status, 303);
}

/* The caps in the API: managers read them, administrators add; an overlap is refused
 * naming the field. */
static void caps_api(void **state)
{
    struct fx *f = *state;
    struct call *c = api(f, "GET", "/api/v1/agency-caps", MANAGER, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "\"cap_pence\":4200"));
    assert_non_null(strstr(c->body, "\"total\":1"));
    assert_int_equal(api(f, "GET", "/api/v1/agency-caps", ANALYST, NULL)->res.status, 403);
    const char *body = "{\"region\":\"london\",\"role\":\"social-worker\",\"cap_pence\":4400,"
                       "\"from_date\":\"2024-01-01\",\"agreed\":\"London councils\"}";
    assert_int_equal(api(f, "POST", "/api/v1/agency-caps", MANAGER, body)->res.status, 403);
    c = api(f, "POST", "/api/v1/agency-caps", ADMIN, body);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "to_date"));
    const char *good = "{\"region\":\"london\",\"role\":\"social-worker\",\"cap_pence\":4000,"
                       "\"from_date\":\"2024-01-01\",\"to_date\":\"2025-03-31\","
                       "\"agreed\":\"London councils\"}";
    c = api(f, "POST", "/api/v1/agency-caps", ADMIN, good);
    assert_int_equal(c->res.status, 201);
    assert_non_null(strstr(c->body, "\"to_date\":\"2025-03-31\""));
    assert_non_null(
        strstr(api(f, "GET", "/api/v1/agency-caps", MANAGER, NULL)->body, "\"total\":2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(in_force_and_noted, setup, teardown),
        cmocka_unit_test_setup_teardown(who_may_see, setup, teardown),
        cmocka_unit_test_setup_teardown(form, setup, teardown),
        cmocka_unit_test_setup_teardown(json_api, setup, teardown),
        cmocka_unit_test_setup_teardown(no_cap_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(caps_page, setup, teardown),
        cmocka_unit_test_setup_teardown(caps_api, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
