/*
 * The workforce in figures (GET /workforce and GET /api/v1/workforce/figures) in-process,
 * through the router and the real route table, on a real database (SQLite here, PostgreSQL
 * under tests/pg/cluster.sh). A small borough whose every figure is worked out by hand in
 * the comments below, with the edges of the period: a starter on its first day, a leaver
 * on its last (a leaver, and no longer in post), one the day before it (neither), an
 * absence across each end and one across Christmas's bank holidays, a vacancy closing on
 * the last day and one published the day after, one closed early. Who may see it: team
 * managers, administrators and analysts; a social worker and a recruiter are refused.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "domain/vacancy.h"
#include "domain/workforce.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/pages.h"
#include "store/store.h"
#include "store/store_rec.h"

#define PERIOD "from=2025-10-01&to=2026-09-30"

enum who { MANAGER, ANALYST, ADMIN, WORKER, RECRUITER, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    struct team assess, protect;
    int64_t kids;
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
    f->who[w] = (struct http_principal){
        .user_id = u.id, .username = name, .role = r, .perms = auth_role_perms(r)};
}

static int64_t add_worker(struct fx *f, const struct team *t, const char *reg,
                          enum worker_role role, double fte, bool agency, const char *start,
                          const char *end)
{
    struct worker w = {.team_id = t->id,
                       .given_name = "Test",
                       .family_name = reg[0] ? reg : "Unregistered",
                       .role = role,
                       .fte = fte,
                       .agency = agency,
                       .start = day(start),
                       .end = end ? day(end) : DATE_NONE,
                       .dob = DATE_NONE};
    snprintf(w.registration, sizeof w.registration, "%s", reg);
    struct kerr e = KERR_INIT;
    assert_int_equal(store_worker_add(f->app.store, &w, &e), 0);
    return w.id;
}

/* A child allocated to `worker` in `role` from `start` (to `end`, NULL for still). */
static void allocate(struct fx *f, int64_t worker, enum allocation_role role, const char *start,
                     const char *end, int64_t *child)
{
    struct kerr e = KERR_INIT;
    if (!*child) {
        struct person c = {.kind = PERSON_CHILD,
                           .given_name = "Kid",
                           .family_name = "Workforce",
                           .dob = DATE_NONE,
                           .expected_dob = DATE_NONE,
                           .death = DATE_NONE,
                           .sex = 'U',
                           .uasc_ceased = DATE_NONE,
                           .created = DATE_NONE};
        snprintf(c.la_child_id, sizeof c.la_child_id, "WF%d", (int)(++f->kids % 100000));
        assert_int_equal(store_person_add(f->app.store, &c, &e), 0);
        *child = c.id;
    }
    struct allocation al = {.child_id = *child,
                            .worker_id = worker,
                            .role = role,
                            .start = day(start),
                            .end = end ? day(end) : DATE_NONE};
    assert_int_equal(store_allocation_add(f->app.store, &al, &e), 0);
}

static void absent(struct fx *f, int64_t worker, const char *first, const char *last,
                   const char *cause)
{
    struct absence ab = {.h.parent_id = worker, .first_day = day(first), .last_day = day(last)};
    snprintf(ab.cause, sizeof ab.cause, "%s", cause);
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_add(f->app.store, &absence_type, &ab, 1700000000, &e), 0);
}

static void vacancy(struct fx *f, const char *published, const char *closing, bool closed, bool swe,
                    const char *hours)
{
    struct vacancy v = {0};
    v.title = "Social Worker";
    v.team = "Assessment";
    snprintf(v.role, sizeof v.role, "%s", swe ? "social-worker" : "family-support-worker");
    snprintf(v.contract, sizeof v.contract, "permanent");
    snprintf(v.hours, sizeof v.hours, "%s", hours);
    snprintf(v.arrangement, sizeof v.arrangement, "hybrid");
    v.salary_min = 40000;
    v.salary_max = 45000;
    v.published_on = day(published);
    v.closing_date = day(closing);
    v.closed = closed;
    v.employer = "London Borough of Testbury";
    v.location = "Town Hall";
    v.description = "Assessments with families.";
    v.needs_swe_registration = swe;
    struct kerr e = KERR_INIT;
    /* written (and, for the one closed early, closed) on 14 November 2023 */
    assert_int_equal(store_rec_add(f->app.store, &vacancy_type, &v, 1700000000, &e), 0);
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
    f->app.origin = "http://127.0.0.1:8080";
    f->app.authenticate = by_cookie;
    f->app.auth_data = f;
    f->assess = (struct team){.name = "Assessment", .caseload_threshold = 18};
    f->protect = (struct team){.name = "Child Protection", .caseload_threshold = 15};
    assert_int_equal(store_team_add(f->app.store, &f->assess, &e), 0);
    assert_int_equal(store_team_add(f->app.store, &f->protect, &e), 0);
    add_user(f, MANAGER, "tom", UROLE_TEAM_MANAGER);
    add_user(f, ANALYST, "ana", UROLE_PERFORMANCE_ANALYST);
    add_user(f, ADMIN, "adi", UROLE_ADMINISTRATOR);
    add_user(f, WORKER, "sam", UROLE_SOCIAL_WORKER);
    add_user(f, RECRUITER, "rita", UROLE_RECRUITER);

    /* Assessment: w1 in post throughout (1.0), w2 an agency starter (0.5); w6 left the day
     * before the period. Child Protection: w3 a team manager (1.0); w4 leaves on the last
     * day (0.8); w5, unregistered, starts on the first day (1.0). */
    int64_t w1 =
        add_worker(f, &f->assess, "SW1001", ROLE_SOCIAL_WORKER, 1.0, false, "2020-01-06", NULL);
    int64_t w2 =
        add_worker(f, &f->assess, "SW1002", ROLE_SOCIAL_WORKER, 0.5, true, "2026-03-02", NULL);
    int64_t w3 =
        add_worker(f, &f->protect, "SW1003", ROLE_TEAM_MANAGER, 1.0, false, "2019-05-01", NULL);
    int64_t w4 = add_worker(f, &f->protect, "SW1004", ROLE_SOCIAL_WORKER, 0.8, false, "2018-01-08",
                            "2026-09-30");
    add_worker(f, &f->protect, "", ROLE_FAMILY_SUPPORT_WORKER, 1.0, false, "2025-10-01", NULL);
    add_worker(f, &f->assess, "SW1006", ROLE_SOCIAL_WORKER, 1.0, false, "2015-01-05", "2025-09-30");

    /* Cases held on 30 September 2026: w1 three (c3 twice, as social worker and personal
     * adviser, is one; c4 as IRO is none), w2 two; w4's ended that day. */
    int64_t c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0;
    allocate(f, w1, ALLOC_SOCIAL_WORKER, "2026-01-05", NULL, &c1);
    allocate(f, w1, ALLOC_SOCIAL_WORKER, "2026-09-30", NULL, &c2);
    allocate(f, w1, ALLOC_SOCIAL_WORKER, "2025-06-02", NULL, &c3);
    allocate(f, w1, ALLOC_PERSONAL_ADVISER, "2025-06-02", NULL, &c3);
    allocate(f, w2, ALLOC_SOCIAL_WORKER, "2026-03-02", NULL, &c4);
    allocate(f, w1, ALLOC_IRO, "2026-03-02", NULL, &c4);
    allocate(f, w2, ALLOC_SOCIAL_WORKER, "2026-04-01", NULL, &c5);
    allocate(f, w4, ALLOC_SOCIAL_WORKER, "2025-01-06", "2026-09-30", &c6);
    allocate(f, w2, ALLOC_SOCIAL_WORKER, "2026-10-01", NULL, &c6); /* after the day */

    /* Sickness: w1 Mon 28 Sep to Fri 2 Oct 2026, three days in the period; w3 Tue 30 Sep to
     * Wed 1 Oct 2025, one. Parental: w3 22 Dec 2025 to 2 Jan 2026, seven working days
     * (Christmas, Boxing Day and New Year's Day are bank holidays). */
    absent(f, w1, "2026-09-28", "2026-10-02", "sickness");
    absent(f, w3, "2025-09-30", "2025-10-01", "sickness");
    absent(f, w3, "2025-12-22", "2026-01-02", "parental");

    /* Open on 30 September 2026: the first two, the part-time one and the family support
     * worker's; not the one published the day after, nor the one closed early. */
    vacancy(f, "2026-09-01", "2026-10-15", false, true, "full-time");
    vacancy(f, "2026-09-01", "2026-09-30", false, true, "full-time");
    vacancy(f, "2026-10-01", "2026-10-31", false, true, "full-time");
    vacancy(f, "2023-11-01", "2026-12-31", true, true, "full-time");
    vacancy(f, "2026-08-03", "2026-10-30", false, true, "part-time");
    vacancy(f, "2026-08-03", "2026-10-30", false, false, "full-time");
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

static struct call *get(struct fx *f, const char *path, enum who w)
{
    struct call *c = call_new(&f->a, "GET", path);
    c->req.store = f->app.store;
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
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

static void page_figures(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/workforce?" PERIOD, MANAGER);
    assert_int_equal(c->res.status, 200);
    static const struct {
        const char *key, *value;
    } rows[] = {
        {"Workers in post, employed directly", "3 (3.00 FTE)"}, /* w1, w3, w5 */
        {"Agency workers in post", "1 (0.50 FTE)"},             /* w2 */
        {"Vacancies open on the jobs board", "4"},
        {"Establishment posts", "7"},
        {"Starters", "2"},                      /* w2, w5 on the first day */
        {"Leavers", "1"},                       /* w4 on the last day; not w6 */
        {"Working days lost to sickness", "4"}, /* 3 + 1 */
        {"Working days lost to other absence", "7"},
        {"Cases held", "5"},
        {"Cases per FTE of the workers holding them", "3.3"}, /* 5 / 1.5 */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        row_is(c->body, rows[i].key, rows[i].value);
    /* the teams: Assessment 2 workers, 1.50 FTE, 5 cases, 3.3; Child Protection 2, 2.00, 0 */
    const char *a = strstr(c->body, ">Assessment<");
    assert_non_null(a);
    assert_non_null(strstr(a, ">1.50<"));
    assert_non_null(strstr(a, ">3.3<"));
    const char *p = strstr(c->body, ">Child Protection<");
    assert_non_null(p);
    assert_non_null(strstr(p, ">2.00<"));
    assert_null(strstr(c->body, "SW100")); /* no one named */
    /* leaders find it in the service navigation, marked as the page they are on */
    assert_non_null(strstr(c->body, "href=\"/workforce\" aria-current=\"page\""));
}

/* The day before the period's end: w4 is still in post with c6, the vacancy closing on the
 * 30th is open and the one published on 1 October is not, w1's sickness is one day. */
static void page_other_day(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/workforce?from=2025-10-01&to=29/9/2026", ANALYST);
    assert_int_equal(c->res.status, 200);
    row_is(c->body, "Workers in post, employed directly", "4 (3.80 FTE)");
    row_is(c->body, "Leavers", "0");
    row_is(c->body, "Working days lost to sickness", "3"); /* 28, 29 Sep 2026; 1 Oct 2025 */
    row_is(c->body, "Cases held", "5");                    /* c2 not yet; c6 with w4 */
    row_is(c->body, "Vacancies open on the jobs board", "4");
}

static void who_may_see(void **state)
{
    struct fx *f = *state;
    assert_int_equal(get(f, "/workforce", ADMIN)->res.status, 200);
    assert_int_equal(get(f, "/workforce", ANALYST)->res.status, 200);
    /* the agency page is linked for those it lets in, not for an analyst */
    assert_non_null(strstr(get(f, "/workforce", ADMIN)->body, "href=\"/workforce/agency\""));
    assert_null(strstr(get(f, "/workforce", ANALYST)->body, "href=\"/workforce/agency\""));
    assert_int_equal(get(f, "/workforce", WORKER)->res.status, 403);
    assert_int_equal(get(f, "/workforce", RECRUITER)->res.status, 403);
}

static void bad_period(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/workforce?from=31/2/2026", MANAGER);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "Enter the first day as a date"));
    c = get(f, "/workforce?to=soon", MANAGER);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "Enter the last day as a date"));
    c = get(f, "/workforce?from=2026-09-30&to=2026-09-01", MANAGER);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "on or before the last day"));
}

/* The JSON twin: the same figures from the same use case. */
static void api_figures(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, "/api/v1/workforce/figures?" PERIOD, MANAGER);
    assert_int_equal(c->res.status, 200);
    static const char *const want[] = {
        "\"from\":\"2025-10-01\"", "\"to\":\"2026-09-30\"",
        "\"headcount\":3",         "\"fte\":3",
        "\"agency_headcount\":1",  "\"agency_assignments\":0",
        "\"agency_fte\":0.5",      "\"vacancies\":4",
        "\"establishment\":7",     "\"starters\":2",
        "\"leavers\":1",           "\"sickness_days_lost\":4",
        "\"other_days_lost\":7",   "\"cases\":5",
        "\"case_holder_fte\":1.5", "\"name\":\"Child Protection\"",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(c->body, want[i]))
            fail_msg("no %s in %s", want[i], c->body);
    c = get(f, "/api/v1/workforce/figures?to=30/2/2026", MANAGER);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "is not a date"));
    assert_int_equal(get(f, "/api/v1/workforce/figures", WORKER)->res.status, 403);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(page_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(page_other_day, setup, teardown),
        cmocka_unit_test_setup_teardown(who_may_see, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_period, setup, teardown),
        cmocka_unit_test_setup_teardown(api_figures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
