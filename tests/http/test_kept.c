/*
 * The records of a type that hangs off no child, for its keepers, in-process through the
 * router and the real route table, on SQLite here and PostgreSQL under tests/pg/cluster.sh.
 * The agency price cap is the type: its description names team managers and administrators
 * as its readers and administrators as its writers (domain/agency_cap.c), so:
 *
 * - /records/agency_cap lists every cap, newest first by its order (from_date), 25 a page,
 *   "The first 25 of 27"; an administrator sees "Add an agency price cap", a manager not;
 * - /records/agency_cap/new is the form from the description; a post with errors is the
 *   form again with every error beside its field and in the summary, nothing saved; the
 *   rule across caps (no overlap) refuses on its day; a good one is saved and listed;
 * - GET and POST /api/v1/records/agency_cap do the same as JSON, and the record's own
 *   /api/v1/records/agency_cap/{rid} reads and corrects it, for an administrator, who has
 *   no permission on a child's records;
 * - a social worker, who is no keeper, is told there is nothing there (404, the refusal
 *   audited), as for a child out of their scope; a manager, who reads, is refused a write
 *   (403), as a role without the write permission is on a child's record;
 * - a child's type has no /records/{type} list (its records are the child's);
 * - the OpenAPI document has the parentless types' schemas and their path.
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

enum who { MANAGER, ADMIN, WORKER, RECRUITER, WHO_COUNT };

#define TOKEN "keptrecordstesttokenkeptrecords0"
#define ORIGIN "http://127.0.0.1:8080"
#define CAPS 27

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    char newest[PUBLIC_ID_LEN + 1]; /* the cap in force from the latest day */
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

/* CAPS caps of one region and role, each a year long, the first from 1 April 1990: in the
 * store as they are, so that the list has more than a page. */
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
    add_user(f, WORKER, "sam", UROLE_SOCIAL_WORKER);
    add_user(f, RECRUITER, "rio", UROLE_RECRUITER);
    for (int i = 0; i < CAPS; i++) {
        struct agency_cap cap = {.region = "london", .role = "social-worker"};
        cap.cap_pence = 3000 + 10 * i;
        cap.from_date = day(arena_printf(&f->a, "%d-04-01", 1990 + i));
        cap.to_date = day(arena_printf(&f->a, "%d-03-31", 1991 + i));
        cap.agreed = arena_printf(&f->a, "London councils, year %d", i);
        assert_int_equal(store_rec_add(f->app.store, &agency_cap_type, &cap, 1700000000, &e), 0);
        snprintf(f->newest, sizeof f->newest, "%s", cap.h.public_id);
    }
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
    snprintf(c->req.request_id, sizeof c->req.request_id, "get%d", (int)w);
    return call_run(&f->app, c);
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

static void has(const struct call *c, const char *text)
{
    if (!strstr(c->body, text))
        fail_msg("status %d: lacks '%s' in '%.2000s'", c->res.status, text, c->body);
}

static size_t audit_rows(struct fx *f, const char *action, const char *outcome)
{
    struct audit_event *rows;
    size_t n, k = 0;
    struct kerr e = KERR_INIT;
    assert_int_equal(
        store_audit_list(f->app.store, &(struct audit_query){.limit = 10000}, &f->a, &rows, &n, &e),
        0);
    for (size_t i = 0; i < n; i++)
        k += !strcmp(rows[i].action, action) && !strcmp(rows[i].outcome, outcome);
    return k;
}

/* The list: paged, newest first by from_date, the add button for its writers only. */
static void list_paged_newest_first(void **state)
{
    struct fx *f = *state;
    size_t lists = audit_rows(f, "agency_cap.list", "ok");
    struct call *c = get(f, "/records/agency_cap", MANAGER);
    assert_int_equal(c->res.status, 200);
    has(c, "The first 25 of 27 agency price caps, newest first");
    has(c, "rel=\"next\"");
    const char *newest = strstr(c->body, "01/04/2016"), *older = strstr(c->body, "01/04/2015");
    assert_non_null(newest);
    assert_non_null(older);
    assert_true(newest < older);
    assert_null(strstr(c->body, "01/04/1991")); /* the 26th: on the next page */
    has(c, arena_printf(&f->a, "href=\"/records/agency_cap/%s\"", f->newest));
    assert_null(strstr(c->body, "/records/agency_cap/new"));
    assert_int_equal(audit_rows(f, "agency_cap.list", "ok"), lists + 1);
    c = get(f, "/records/agency_cap?page=2", ADMIN);
    assert_int_equal(c->res.status, 200);
    has(c, "Showing 26 to 27 of 27 agency price caps");
    has(c, "01/04/1990");
    c = get(f, "/records/agency_cap", ADMIN);
    has(c, "href=\"/records/agency_cap/new\"");
    has(c, "Add an agency price cap");
    /* the record itself, for an administrator, who reads no child's record */
    c = get(f, arena_printf(&f->a, "/records/agency_cap/%s", f->newest), ADMIN);
    assert_int_equal(c->res.status, 200);
    has(c, "Correct this record");
    has(c, "href=\"/records/agency_cap\"");
    c = get(f, arena_printf(&f->a, "/records/agency_cap/%s", f->newest), MANAGER);
    assert_int_equal(c->res.status, 200);
    assert_null(strstr(c->body, "Correct this record"));
}

#define CAP "csrf=" TOKEN "&region=london&role=social-worker&agreed=London+councils"

/* The form from the description: every error beside its field and in the summary, what
 * was typed kept, nothing saved; the rule across caps on its day; then saved and listed. */
static void create_with_errors(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/records/agency_cap/new", ADMIN);
    assert_int_equal(c->res.status, 200);
    has(c, "name=\"from_date-day\"");
    has(c, "action=\"/records/agency_cap\"");
    c = post(f, "/records/agency_cap", ADMIN,
             "csrf=" TOKEN "&region=atlantis&role=social-worker&cap_pence=0"
             "&agreed=London+councils&from_date-day=1&from_date-month=4&from_date-year=2030"
             "&to_date-day=1&to_date-month=4&to_date-year=2029");
    assert_int_equal(c->res.status, 422);
    has(c, "govuk-error-summary");
    for (const char *const *fld = (const char *const[]){"region", "cap_pence", NULL}; *fld; fld++) {
        has(c, arena_printf(&f->a, "href=\"#%s", *fld));
        has(c, arena_printf(&f->a, "id=\"%s-error\"", *fld));
    }
    has(c, "London councils"); /* what was typed, kept */
    has(c, "value=\"2029\"");
    assert_int_equal(get(f, "/records/agency_cap", ADMIN)->res.status, 200);
    has(get(f, "/records/agency_cap", ADMIN), "of 27 agency price caps");
    /* the rule across caps: this one runs into the last year's */
    c = post(f, "/records/agency_cap", ADMIN,
             CAP "&cap_pence=4400&from_date-day=1&from_date-month=1&from_date-year=2017");
    assert_int_equal(c->res.status, 422);
    has(c, "href=\"#from_date-day\"");
    has(c, "overlaps the London cap for Social worker");
    /* from the day after the last ends: saved, shown newest first */
    c = post(f, "/records/agency_cap", ADMIN,
             CAP "&cap_pence=4400&from_date-day=1&from_date-month=4&from_date-year=2017");
    assert_int_equal(c->res.status, 303);
    c = get(f, "/records/agency_cap", MANAGER);
    has(c, "The first 25 of 28 agency price caps");
    const char *added = strstr(c->body, "01/04/2017");
    assert_non_null(added);
    assert_true(added < strstr(c->body, "01/04/2016"));
}

/* Who may: the keepers' readers and writers, as the description names them. */
static void only_keepers(void **state)
{
    struct fx *f = *state;
    size_t denied = audit_rows(f, "agency_cap.view", "denied");
    const char *one = arena_printf(&f->a, "/records/agency_cap/%s", f->newest);
    /* a social worker is no keeper: nothing there, and the refusal audited */
    assert_int_equal(get(f, "/records/agency_cap", WORKER)->res.status, 404);
    assert_int_equal(get(f, one, WORKER)->res.status, 404);
    assert_int_equal(get(f, "/records/agency_cap/new", WORKER)->res.status, 404);
    assert_int_equal(audit_rows(f, "agency_cap.view", "denied"), denied + 3);
    /* a manager reads and may not write */
    assert_int_equal(get(f, "/records/agency_cap/new", MANAGER)->res.status, 403);
    assert_int_equal(post(f, "/records/agency_cap", MANAGER,
                          CAP
                          "&cap_pence=4400&from_date-day=1&from_date-month=4&from_date-year=2017")
                         ->res.status,
                     403);
    assert_int_equal(get(f, arena_printf(&f->a, "%s/edit", one), MANAGER)->res.status, 403);
    assert_int_equal(audit_rows(f, "agency_cap.change", "denied"), 3);
    assert_int_equal(get(f, arena_printf(&f->a, "%s/edit", one), ADMIN)->res.status, 200);
    /* applications are the recruiters': a manager recruits too, a social worker not */
    assert_int_equal(get(f, "/records/application", RECRUITER)->res.status, 200);
    assert_int_equal(get(f, "/records/application", WORKER)->res.status, 404);
    assert_int_equal(get(f, "/records/agency_cap", RECRUITER)->res.status, 404);
    /* a vacancy is published: anyone reads the list, recruiters write */
    assert_int_equal(get(f, "/records/vacancy", WORKER)->res.status, 200);
    assert_int_equal(get(f, "/records/vacancy/new", WORKER)->res.status, 403);
    assert_int_equal(get(f, "/records/vacancy/new", RECRUITER)->res.status, 200);
    /* a child's type is no such list, and no type is none */
    assert_int_equal(get(f, "/records/contact", MANAGER)->res.status, 404);
    assert_int_equal(get(f, "/records/nosuchtype", MANAGER)->res.status, 404);
    struct call *c = call_new(&f->a, "GET", "/records/agency_cap");
    c->req.store = f->app.store;
    assert_int_equal(call_run(&f->app, c)->res.status, 401);
}

/* The JSON API: the list with its total, an add refused naming its field, then added and
 * corrected through the record's own path; the same keepers. */
static void json_api(void **state)
{
    struct fx *f = *state;
    struct call *c = api(f, "GET", "/api/v1/records/agency_cap", MANAGER, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"total\":27");
    has(c, "\"type\":\"agency_cap\"");
    assert_null(strstr(c->body, "\"child\""));
    c = api(f, "GET", "/api/v1/records/agency_cap?page=2", MANAGER, NULL);
    has(c, "\"total\":27");
    assert_null(strstr(c->body, "\"from_date\":\"1990-04-01\"")); /* 27 fit the first 50 */
    assert_int_equal(api(f, "GET", "/api/v1/records/agency_cap", WORKER, NULL)->res.status, 404);
    assert_int_equal(api(f, "GET", "/api/v1/records/contact", MANAGER, NULL)->res.status, 404);
    const char *bad = "{\"region\":\"london\",\"role\":\"social-worker\",\"cap_pence\":4400,"
                      "\"from_date\":\"2017-04-01\",\"to_date\":\"2017-01-01\","
                      "\"agreed\":\"London councils\"}";
    assert_int_equal(api(f, "POST", "/api/v1/records/agency_cap", MANAGER, bad)->res.status, 403);
    c = api(f, "POST", "/api/v1/records/agency_cap", ADMIN, bad);
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"to_date\"");
    const char *good = "{\"region\":\"london\",\"role\":\"social-worker\",\"cap_pence\":4400,"
                       "\"from_date\":\"2017-04-01\",\"agreed\":\"London councils\"}";
    c = api(f, "POST", "/api/v1/records/agency_cap", ADMIN, good);
    assert_int_equal(c->res.status, 201);
    has(c, "\"cap_pence\":4400");
    const char *id = strstr(c->body, "\"id\":\"");
    assert_non_null(id);
    const char *one =
        arena_printf(&f->a, "/api/v1/records/agency_cap/%.*s", (int)strcspn(id + 6, "\""), id + 6);
    const char *end = "{\"to_date\":\"2018-03-31\",\"version\":1,\"reason\":\"Replaced\"}";
    assert_int_equal(api(f, "PATCH", one, MANAGER, end)->res.status, 403);
    c = api(f, "PATCH", one, ADMIN, end);
    assert_int_equal(c->res.status, 200);
    has(c, "\"version\":2");
    has(c, "\"to_date\":\"2018-03-31\"");
    c = api(f, "GET", one, ADMIN, NULL);
    assert_int_equal(c->res.status, 200);
    assert_int_equal(api(f, "GET", one, WORKER, NULL)->res.status, 404);
    c = api(f, "GET", arena_printf(&f->a, "%s/history", one), MANAGER, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"version\":1");
    has(api(f, "GET", "/api/v1/records/agency_cap", MANAGER, NULL), "\"total\":28");
}

/* The OpenAPI document: the path, its {type} the types that hang off no child, and their
 * schemas from their descriptions. */
static void openapi_has_the_types(void **state)
{
    struct fx *f = *state;
    struct call *c = api(f, "GET", "/api/v1/openapi.json", WHO_COUNT, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"/api/v1/records/{type}\":{\"get\":");
    has(c, "\"enum\":[\"vacancy\",\"application\",\"agency_assignment\",\"agency_cap\"]");
    static const char *const schemas[] = {"Vacancy",          "VacancyInput", "Application",
                                          "AgencyAssignment", "AgencyCap",    "AgencyCapInput"};
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
        const char *key = arena_printf(&f->a, "\"%s\":{", schemas[i]);
        const char *at = strstr(c->body, key);
        if (!at)
            fail_msg("no schema %s", schemas[i]);
        if (strstr(at + 1, key))
            fail_msg("schema %s twice", schemas[i]);
    }
    has(c, "{\"$ref\":\"#/components/schemas/AgencyCap\"}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(list_paged_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(create_with_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(only_keepers, setup, teardown),
        cmocka_unit_test_setup_teardown(json_api, setup, teardown),
        cmocka_unit_test_setup_teardown(openapi_has_the_types, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
