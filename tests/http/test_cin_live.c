/*
 * The CIN census rules over the live records, through the router and the real route
 * table on a real SQLite file (and PostgreSQL, suite pg):
 * - "Check the live records" (/validate/live?year=) lists each finding with its rule, the
 *   child (linked) and the record to correct (linked), for analysts only; a year that is
 *   not one is refused with the GOV.UK error summary;
 * - a record form whose record would break a CIN rule is refused (422) with the rule's
 *   code and words in the error summary, beside the field, and nothing is stored; one that
 *   brings in a query is saved, and the record's page shows the query to check, with a
 *   form to explain it; the explanation shows beside the finding on the analysts' page.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework.h"
#include "domain/help.h"
#include "http/auth.h"
#include "http/router.h"
#include "store/store.h"
#include "store/store_rec.h"

#define ORIGIN "http://127.0.0.1:8080"
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

enum who { ANALYST, WORKER, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    struct person child;
};

static struct http_principal *by_cookie(struct http_app *app, struct http_request *req)
{
    struct fx *f = app->auth_data;
    int w;
    if (!req->cookie || sscanf(req->cookie, "who=%d", &w) != 1 || w < 0 || w >= WHO_COUNT)
        return NULL;
    return &f->who[w];
}

static void add_user(struct fx *f, enum who w, const char *name, enum user_role r, int64_t wk)
{
    struct user u = {.username = name, .role = r, .worker_id = wk, .created = DATE_NONE};
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
    f->who[w] = (struct http_principal){.user_id = u.id,
                                        .username = name,
                                        .worker_id = wk,
                                        .role = r,
                                        .perms = auth_role_perms(r),
                                        .csrf_token = TOKEN};
}

static int setup(void **state)
{
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
    struct team t = {.name = "Team A", .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 18};
    assert_int_equal(store_team_add(f->app.store, &t, &e), 0);
    struct worker w = {.team_id = t.id,
                       .given_name = "Sam",
                       .family_name = "Worker",
                       .role = ROLE_SOCIAL_WORKER,
                       .fte = 1.0,
                       .start = day("2020-01-02"),
                       .end = DATE_NONE};
    assert_int_equal(store_worker_add(f->app.store, &w, &e), 0);
    add_user(f, ANALYST, "pat", UROLE_PERFORMANCE_ANALYST, 0);
    add_user(f, WORKER, "sam", UROLE_SOCIAL_WORKER, w.id);
    f->child = (struct person){.kind = PERSON_CHILD,
                               .la_child_id = "LIVE1",
                               .given_name = "Ada",
                               .family_name = "Live",
                               .dob = day("2015-12-10"),
                               .expected_dob = DATE_NONE,
                               .death = DATE_NONE,
                               .sex = 'F',
                               .ethnicity = "WBRI",
                               .upn_unknown = "UN2",
                               .n_disabilities = 1,
                               .disabilities = {"NONE"},
                               .uasc_ceased = DATE_NONE,
                               .created = DATE_NONE};
    assert_int_equal(store_person_add(f->app.store, &f->child, &e), 0);
    struct allocation al = {.child_id = f->child.id,
                            .worker_id = w.id,
                            .role = ALLOC_SOCIAL_WORKER,
                            .start = day("2025-01-02"),
                            .end = DATE_NONE};
    assert_int_equal(store_allocation_add(f->app.store, &al, &e), 0);
    /* an episode of 2025/26 whose assessment was still open at the year's end, 45 working
     * days after it started (8670Q), and authorised in the next year */
    struct actor op = {.now = (int64_t)date_today() * 86400, .today = date_today()};
    struct cw_err err;
    cw_err_clear(&err);
    struct referral r = {.h = {.parent_id = f->child.id},
                         .referral_date = day("2025-05-02"),
                         .source = "2A",
                         .primary_need = "N4",
                         .closure_date = DATE_NONE};
    assert_int_equal(cw_rec_add(f->app.store, &op, &referral_type, &r, &err), 0);
    struct assessment as = {.h = {.parent_id = f->child.id},
                            .start_date = day("2026-01-05"),
                            .child_seen_date = day("2026-01-06"),
                            .completed_date = day("2026-04-08"),
                            .factors = {"16A"},
                            .nfactors = 1,
                            .authorised_date = day("2026-04-10"),
                            .authorised_by = "T Manager"};
    assert_int_equal(cw_rec_add(f->app.store, &op, &assessment_type, &as, &err), 0);
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
    return 0;
}

static struct call *call(struct fx *f, const char *method, const char *path, enum who w,
                         const char *form)
{
    struct call *c = call_new(&f->a, method, path);
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    c->req.origin = ORIGIN;
    snprintf(c->req.request_id, sizeof c->req.request_id, "live%d", (int)w);
    if (form)
        assert_int_equal(http_form_parse(&c->req, form, strlen(form)), 0);
    return call_run(&f->app, c);
}

static void has(const struct call *c, const char *text)
{
    if (!strstr(c->body, text))
        fail_msg("the page lacks '%s'", text);
}

static const char *first_record(struct fx *f, const struct rec_type *t)
{
    void *rows;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_list(f->app.store, t, &(struct rec_query){.parent_id = f->child.id},
                                    &f->a, &rows, &n, NULL, &e),
                     0);
    assert_true(n > 0);
    return rec_chead(t, rows)->public_id;
}

static void live_findings_page(void **state)
{
    struct fx *f = *state;
    struct call *c = call(f, "GET", "/validate/live?year=2025/26", ANALYST, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "CIN census 2025/26: the live records");
    has(c, "8670Q (query)");
    has(c,
        arena_printf(&f->a, "href=\"/records/assessment/%s\"", first_record(f, &assessment_type)));
    has(c, arena_printf(&f->a, "href=\"/children/%s\"", f->child.public_id));
    /* the child as `kith validate cin --live` names them: public id, then the LA child id */
    has(c, arena_printf(&f->a, "%s (LA LIVE1)", f->child.public_id));
    /* a year with nothing in it */
    c = call(f, "GET", "/validate/live?year=2023/24", ANALYST, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "No rule found anything to report.");
    /* not a year */
    c = call(f, "GET", "/validate/live?year=soon", ANALYST, NULL);
    assert_int_equal(c->res.status, 400);
    has(c, "govuk-error-summary");
    /* a social worker does not run the borough's return */
    c = call(f, "GET", "/validate/live", WORKER, NULL);
    assert_int_equal(c->res.status, 403);

    /* the census itself, as the DfE's XML, linked from the page and numbered per run */
    c = call(f, "GET", "/validate/live?year=2025/26", ANALYST, NULL);
    has(c, "href=\"/validate/live/census.xml?year=2026\"");
    c = call(f, "GET", "/validate/live/census.xml?year=2026", ANALYST, NULL);
    assert_int_equal(c->res.status, 200);
    assert_string_equal(c->res.content_type, "application/xml");
    has(c, "<Message>");
    has(c, "<LAchildID>LIVE1</LAchildID>");
    has(c, "<ReferenceDate>2026-03-31</ReferenceDate>");
    assert_non_null(strstr(http_header_get(&c->res, "Content-Disposition"),
                           "filename=\"cin-census-2025-26-00"));
    assert_int_equal(
        call(f, "GET", "/validate/live/census.xml?year=soon", ANALYST, NULL)->res.status, 400);
    assert_int_equal(call(f, "GET", "/validate/live/census.xml", WORKER, NULL)->res.status, 403);
}

static const char *location(const struct call *c)
{
    for (size_t i = 0; i < c->res.nheaders; i++)
        if (!strcmp(c->res.headers[i].name, "Location"))
            return c->res.headers[i].value;
    fail_msg("no Location");
    return NULL;
}

/* A plan that starts and ends on one day is saved with CIN rule 4012Q to check, shown on
 * the record's page; a second open plan over another is refused with CIN rule 4014 in the
 * error summary, and nothing is stored. */
static void checked_on_save_with_its_rule(void **state)
{
    struct fx *f = *state;
    const char *list = arena_printf(&f->a, "/children/%s/records/cin_plan", f->child.public_id);
    struct call *c = call(f, "POST", list, WORKER,
                          "csrf=" TOKEN "&start_date-day=10&start_date-month=4"
                          "&start_date-year=2026&end_date-day=10&end_date-month=4"
                          "&end_date-year=2026");
    assert_int_equal(c->res.status, 303);
    const char *at = location(c);
    if (!strstr(at, "?check=4012Q"))
        fail_msg("saved at %s", at);
    c = call(f, "GET", at, WORKER, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "govuk-notification-banner");
    has(c, "CIN rule 4012Q: Check the CIN plan: it starts and ends on the same day.");
    /* explained, with a reason, kept with the child and shown beside the finding */
    const char *id = strstr(at, "/records/cin_plan/") + strlen("/records/cin_plan/");
    id = arena_strndup(&f->a, id, (size_t)(strchr(id, '?') - id));
    const char *acks = arena_printf(&f->a, "/children/%s/records/cin_ack", f->child.public_id);
    const char *ack = arena_printf(&f->a,
                                   "csrf=" TOKEN "&rule=%%s&record_type=cin_plan&record=%s"
                                   "&explanation=The+family+moved+away+that+day",
                                   id);
    c = call(f, "POST", acks, WORKER, arena_printf(&f->a, ack, "4014"));
    assert_int_equal(c->res.status, 422);
    has(c, "is an error, which must be put right");
    c = call(f, "POST", acks, WORKER, arena_printf(&f->a, ack, "4012Q"));
    assert_int_equal(c->res.status, 303);
    c = call(f, "GET", "/validate/live?year=2026/27", ANALYST, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "Explained: The family moved away that day");
    c = call(f, "POST", list, WORKER,
             "csrf=" TOKEN "&start_date-day=1&start_date-month=7&start_date-year=2026");
    assert_int_equal(c->res.status, 303);
    assert_null(strstr(location(c), "?check="));
    c = call(f, "POST", list, WORKER,
             "csrf=" TOKEN "&start_date-day=1&start_date-month=8&start_date-year=2026");
    assert_int_equal(c->res.status, 422);
    has(c, "govuk-error-summary");
    has(c, "CIN rule 4014: "); /* the census rule itself, not a restatement */
    has(c, "#start_date-day");
    void *rows;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_list(f->app.store, &cin_plan_type,
                                    &(struct rec_query){.parent_id = f->child.id}, &f->a, &rows, &n,
                                    NULL, &e),
                     0);
    assert_int_equal(n, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(live_findings_page, setup, teardown),
        cmocka_unit_test_setup_teardown(checked_on_save_with_its_rule, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
