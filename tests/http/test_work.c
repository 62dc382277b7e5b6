/*
 * "My work", the team's work and GET /api/v1/obligations through the router and the real
 * route table, on a real database (SQLite, and PostgreSQL under tests/pg/cluster.sh), on
 * a day pinned by KITH_TODAY (Wednesday 20 January 2027):
 * - a social worker's page sorts her open work into overdue, due today, this week and
 *   later, each with its one-line reason and the form that discharges it, and her
 *   caseload shows each child's status (a CP plan with its category) and next due item;
 *   after the ICPC and the plan, the first review conference is due 3 months on; her
 *   start page, the caseload, shows the same status and next due item with its form;
 * - a team manager's page holds the authorisation queue (linking to the assessment's
 *   correction form), overdue work by worker and by type, and the caseloads; recording
 *   the authorisation through that form takes it off the queue;
 * - nobody sees work for a child outside their scope: not on a page, not through the API
 *   even when asking for another worker's work by name; roles without the permission are
 *   refused; the API's filters, pages and bad filters;
 * - the child's record opens on a banner of the open risks (an exploitation risk with its
 *   review date, overdue once passed; a missing episode; the CP plan with its category and
 *   next review conference; a private fostering arrangement with its next visit), each
 *   linking to its record; closed ones are not there, and nobody outside the child's scope
 *   sees any of it; the risk's review and the first private fostering visit are her work;
 * - family help steps up to a referral through the episode's page, and the CIN episode
 *   steps down to family help through the API: each one action, both records linked and
 *   on the child's timeline; refusals name the field and write nothing; nobody outside the
 *   child's scope can step;
 * - the chronology page and GET /api/v1/children/{id}/chronology list the records' events
 *   oldest first with a significant note among them, each linking to its record, filtered
 *   by kind and period, refusing a bad filter by name, printable, and nothing for someone
 *   outside the child's scope;
 * - a CIN plan's review clock is the worker's, linking to the review's form, which refuses
 *   a review before the plan or in the future beside its date; a review restarts it.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "domain/contact.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/protection.h"
#include "domain/record.h"
#include "domain/risk.h"
#include "http/router.h"
#include "store/store.h"
#include "store/store_rec.h"

#define ORIGIN "http://127.0.0.1:8080"
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

enum who { ADA, HAL, CAT, GUS, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    char amara[PUBLIC_ID_LEN + 1], bilal[PUBLIC_ID_LEN + 1];
    int64_t amara_id, bilal_id;
    char cat_worker[PUBLIC_ID_LEN + 1];
    char assessment[PUBLIC_ID_LEN + 1], contact[PUBLIC_ID_LEN + 1];
};

static struct http_principal *by_cookie(struct http_app *app, struct http_request *req)
{
    struct fx *f = app->auth_data;
    int w;
    if (!req->cookie || sscanf(req->cookie, "who=%d", &w) != 1 || w < 0 || w >= WHO_COUNT)
        return NULL;
    return &f->who[w];
}

static int64_t add_worker(struct fx *f, int64_t team, const char *given, enum worker_role role,
                          char *public_id)
{
    struct worker w = {.team_id = team,
                       .given_name = given,
                       .family_name = "Worker",
                       .role = role,
                       .fte = 1.0,
                       .start = day("2024-01-02"),
                       .end = DATE_NONE};
    struct kerr e = KERR_INIT;
    assert_int_equal(store_worker_add(f->app.store, &w, &e), 0);
    if (public_id)
        snprintf(public_id, PUBLIC_ID_LEN + 1, "%s", w.public_id);
    return w.id;
}

static void add_user(struct fx *f, enum who w, const char *name, int64_t worker, enum user_role r,
                     unsigned perms)
{
    struct user u = {.username = name, .worker_id = worker, .role = r, .created = DATE_NONE};
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
    f->who[w] = (struct http_principal){.user_id = u.id,
                                        .username = name,
                                        .worker_id = worker,
                                        .role = r,
                                        .perms = perms,
                                        .csrf_token = TOKEN};
}

static int64_t add_kid(struct fx *f, const char *given, int64_t worker, char *out)
{
    struct person c = {.kind = PERSON_CHILD,
                       .given_name = given,
                       .family_name = "Worktest",
                       .dob = day("2015-06-01"),
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'U',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    snprintf(c.la_child_id, sizeof c.la_child_id, "WORK%s", given);
    struct kerr e = KERR_INIT;
    assert_int_equal(store_person_add(f->app.store, &c, &e), 0);
    struct allocation al = {.child_id = c.id,
                            .worker_id = worker,
                            .role = ALLOC_SOCIAL_WORKER,
                            .start = day("2025-01-02"),
                            .end = DATE_NONE};
    assert_int_equal(store_allocation_add(f->app.store, &al, &e), 0);
    snprintf(out, PUBLIC_ID_LEN + 1, "%s", c.public_id);
    return c.id;
}

static void add_rec(struct fx *f, const struct rec_type *t, void *rec, int64_t child, char *id)
{
    struct kerr e = KERR_INIT;
    rec_head(t, rec)->parent_id = child;
    assert_int_equal(store_rec_add(f->app.store, t, rec, 1790000000, &e), 0);
    if (id)
        snprintf(id, PUBLIC_ID_LEN + 1, "%s", rec_head(t, rec)->public_id);
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
    const unsigned casework = ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE;
    struct team cp = {
        .name = "Child protection", .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 18};
    struct team cic = {
        .name = "Children in care", .service = SERVICE_CHILDREN_IN_CARE, .caseload_threshold = 15};
    assert_int_equal(store_team_add(f->app.store, &cp, &e), 0);
    assert_int_equal(store_team_add(f->app.store, &cic, &e), 0);
    int64_t ada = add_worker(f, cp.id, "Ada", ROLE_SOCIAL_WORKER, NULL);
    int64_t hal = add_worker(f, cp.id, "Hal", ROLE_TEAM_MANAGER, NULL);
    int64_t cat = add_worker(f, cic.id, "Cat", ROLE_SOCIAL_WORKER, f->cat_worker);
    add_user(f, ADA, "ada", ada, UROLE_SOCIAL_WORKER, casework);
    add_user(f, HAL, "hal", hal, UROLE_TEAM_MANAGER, casework | ROUTE_TEAM_READ);
    add_user(f, CAT, "cat", cat, UROLE_SOCIAL_WORKER, casework);
    add_user(f, GUS, "gus", 0, UROLE_AUDITOR, ROUTE_SIGNED_IN | ROUTE_AUDIT_READ);
    f->amara_id = add_kid(f, "Amara", ada, f->amara);
    f->bilal_id = add_kid(f, "Bilal", cat, f->bilal);

    /* Amara: an assessment completed and waiting for Hal's authorisation (overdue since
     * 15 Jan), an enquiry whose ICPC on 6 Jan made a CP plan under neglect. */
    struct referral ref = {.referral_date = day("2026-11-09"),
                           .source = "2A",
                           .primary_need = "N1",
                           .closure_date = DATE_NONE};
    add_rec(f, &referral_type, &ref, f->amara_id, NULL);
    struct assessment as = {.start_date = day("2026-11-10"),
                            .child_seen_date = DATE_NONE,
                            .completed_date = day("2026-12-01"),
                            .authorised_date = DATE_NONE};
    add_rec(f, &assessment_type, &as, f->amara_id, f->assessment);
    struct s47_enquiry s47 = {.start_date = day("2026-12-14"), .completed_date = DATE_NONE};
    add_rec(f, &s47_enquiry_type, &s47, f->amara_id, NULL);
    struct conference icpc = {.kind = "initial",
                              .conference_date = day("2027-01-06"),
                              .outcome = "plan",
                              .category = "NEG"};
    add_rec(f, &conference_type, &icpc, f->amara_id, NULL);
    struct cp_plan plan = {.start_date = day("2027-01-06"),
                           .end_date = DATE_NONE,
                           .initial_category = "NEG",
                           .latest_category = "NEG"};
    add_rec(f, &cp_plan_type, &plan, f->amara_id, NULL);
    /* Bilal: a contact on Monday not decided on by Tuesday. */
    struct contact c = {.contact_date = day("2027-01-18"),
                        .source = "2A",
                        .summary = "worried",
                        .decided_on = DATE_NONE};
    add_rec(f, &contact_type, &c, f->bilal_id, f->contact);
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
    snprintf(c->req.request_id, sizeof c->req.request_id, "req%d", (int)w);
    if (form)
        assert_int_equal(http_form_parse(&c->req, form, strlen(form)), 0);
    return call_run(&f->app, c);
}

/* The text of the page's section after heading `head` (up to the next caption). */
static const char *section(struct fx *f, const char *body, const char *head)
{
    const char *at = strstr(body, arena_printf(&f->a, ">%s</caption>", head));
    if (!at)
        return NULL;
    const char *end = strstr(at + 1, "</table>");
    return arena_strndup(&f->a, at, end ? (size_t)(end - at) : strlen(at));
}

static void my_work_for_a_worker(void **state)
{
    struct fx *f = *state;
    struct call *c = call(f, "GET", "/work", ADA, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "0 overdue, 2 due today, 0 due in the next 7 days, 1 later"));
    /* in the navigation of every page, marked as the current one here */
    assert_non_null(strstr(c->body, "href=\"/work\" aria-current=\"page\""));
    assert_non_null(
        strstr(call(f, "GET", "/caseload", ADA, NULL)->body, "href=\"/work\">My work<"));
    const char *today = section(f, c->body, "Due today");
    assert_non_null(today);
    assert_non_null(strstr(today, "hold the first core group"));
    assert_non_null(strstr(today, "visit the child"));
    assert_non_null(strstr(today, "Amara Worktest"));
    assert_non_null(strstr(
        today, arena_printf(&f->a, "href=\"/children/%s/records/core_group/new\"", f->amara)));
    /* after the ICPC and the plan: the first review conference 3 months on */
    const char *later = section(f, c->body, "Later");
    assert_non_null(later);
    assert_non_null(strstr(later, "hold the review child protection conference"));
    assert_non_null(strstr(later, "due 6 Apr 2027: 3 months after the initial conference made "
                                  "the plan on 6 Jan 2027"));
    assert_non_null(strstr(
        later, arena_printf(&f->a, "href=\"/children/%s/records/conference/new\"", f->amara)));
    /* the authorisation is the manager's work, and Bilal is not hers */
    assert_null(section(f, c->body, "Overdue"));
    assert_null(strstr(c->body, "Bilal"));
    /* the caseload: status with the plan's category, and the child's next due item,
     * whoever's it is (here the manager's overdue authorisation) */
    const char *load = strstr(c->body, "id=\"caseload\"");
    assert_non_null(load);
    assert_non_null(strstr(load, "Amara Worktest"));
    assert_non_null(strstr(load, "Child protection plan (NEG)"));
    assert_non_null(strstr(load, "15/01/2027: authorise the assessment <strong "
                                 "class=\"govuk-tag govuk-tag--red\">Overdue</strong>"));

    /* Cat's contact is overdue, with the contact's own correction form to decide it. */
    c = call(f, "GET", "/work", CAT, NULL);
    assert_int_equal(c->res.status, 200);
    const char *over = section(f, c->body, "Overdue");
    assert_non_null(over);
    assert_non_null(strstr(over, "decide on the contact"));
    assert_non_null(strstr(over, arena_printf(&f->a, "/records/contact/%s/edit", f->contact)));
    assert_non_null(strstr(over, "due 19 Jan 2027: 1 working day after the contact was made on "
                                 "18 Jan 2027"));
    assert_null(strstr(c->body, "Amara"));
    assert_non_null(strstr(c->body, "None open")); /* no plan or episode open for Bilal */
    /* an account with no worker has no work; an auditor may not ask */
    assert_int_equal(call(f, "GET", "/work", GUS, NULL)->res.status, 403);
}

/* The start page a social worker lands on (/caseload) shows each child's status, with the
 * plan's category, and their next due item (its day, a tag saying how near it is, and the
 * form that discharges it) as "my work" derives them; the page still says how much of the
 * list it shows. Each row: who asks, and what the page must hold. */
static void caseload_status_and_next_due(void **state)
{
    struct fx *f = *state;
    const struct {
        enum who who;
        const char *has;
    } want[] = {
        {ADA, "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"},
        {ADA, "<th scope=\"col\" class=\"govuk-table__header\">Next due</th>"},
        {ADA, "1 child allocated to you."},
        {ADA, "Child protection plan (NEG)"},
        {ADA, "15/01/2027: authorise the assessment <strong class=\"govuk-tag "
              "govuk-tag--red\">Overdue</strong>"},
        {ADA,
         arena_printf(&f->a, "href=\"/records/assessment/%s/edit\">Authorise</a>", f->assessment)},
        {CAT, "None open"},
        {CAT, "19/01/2027: decide on the contact <strong class=\"govuk-tag "
              "govuk-tag--red\">Overdue</strong>"},
        {CAT, arena_printf(&f->a, "href=\"/records/contact/%s/edit\">", f->contact)},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct call *c = call(f, "GET", "/caseload", want[i].who, NULL);
        assert_int_equal(c->res.status, 200);
        if (!strstr(c->body, want[i].has))
            fail_msg("/caseload for account %d lacks %s", (int)want[i].who, want[i].has);
    }
    /* the child's row holds the cells, not the page somewhere else */
    const char *row = strstr(call(f, "GET", "/caseload", ADA, NULL)->body, "Amara Worktest");
    assert_non_null(row);
    const char *end = strstr(row, "</tr>");
    assert_non_null(end);
    assert_non_null(strstr(arena_strndup(&f->a, row, (size_t)(end - row)), "Overdue"));
}

/* A contact entered in error, deleted on its page: the page asks why and says what deleting
 * means; without a reason the form comes back with the error beside the box; with one the
 * contact goes, and its clock leaves the worker's work. Someone outside the child's scope
 * gets nothing. */
static void deleting_stops_its_clock(void **state)
{
    struct fx *f = *state;
    const char *page = arena_printf(&f->a, "/records/contact/%s", f->contact);
    struct call *c = call(f, "GET", page, CAT, NULL);
    assert_non_null(strstr(c->body, arena_printf(&f->a, "href=\"%s/delete\"", page)));
    const char *del = arena_printf(&f->a, "%s/delete", page);
    c = call(f, "GET", del, CAT, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "Only delete a record that was entered in error"));
    assert_non_null(strstr(c->body, "govuk-button--warning"));
    assert_int_equal(call(f, "GET", del, ADA, NULL)->res.status, 404);
    assert_int_equal(call(f, "POST", del, ADA, "csrf=" TOKEN "&version=1&reason=x")->res.status,
                     404);
    c = call(f, "POST", del, CAT, "csrf=" TOKEN "&version=1&reason=");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#reason\""));
    c = call(f, "POST", del, CAT, "csrf=" TOKEN "&version=1&reason=on+the+wrong+child");
    assert_int_equal(c->res.status, 303);
    assert_int_equal(call(f, "GET", page, CAT, NULL)->res.status, 404);
    c = call(f, "GET", "/work", CAT, NULL);
    assert_null(strstr(c->body, "decide on the contact"));

    /* a deletion the rules refuse (the referral an assessment sits under): the refusal is
     * beside the one box the page has, and the summary's link leads to it, not to a field
     * of the record the page does not show */
    void *rows;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_list(f->app.store, &referral_type,
                                    &(struct rec_query){.parent_id = f->amara_id}, &f->a, &rows, &n,
                                    NULL, &e),
                     0);
    assert_int_equal(n, 1);
    const char *ref = arena_printf(&f->a, "/records/referral/%s/delete",
                                   ((const struct referral *)rows)->h.public_id);
    c = call(f, "POST", ref, ADA, "csrf=" TOKEN "&version=1&reason=on+the+wrong+child");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#reason\""));
    assert_null(strstr(c->body, "href=\"#referral_date"));
    assert_non_null(strstr(c->body, "id=\"reason-error\""));
}

static void team_view_and_authorisation(void **state)
{
    struct fx *f = *state;
    assert_int_equal(call(f, "GET", "/work/team", ADA, NULL)->res.status, 403);
    assert_int_equal(call(f, "GET", "/work/team", GUS, NULL)->res.status, 403);
    struct call *c = call(f, "GET", "/work/team", HAL, NULL);
    assert_int_equal(c->res.status, 200);
    const char *queue = section(f, c->body, "Authorisation queue");
    assert_non_null(queue);
    assert_non_null(strstr(queue, "authorise the assessment"));
    const char *edit = arena_printf(&f->a, "/records/assessment/%s/edit", f->assessment);
    assert_non_null(strstr(queue, edit));
    const char *by_worker = section(f, c->body, "Overdue by worker");
    assert_non_null(by_worker);
    assert_non_null(strstr(by_worker, "Hal Worker"));
    assert_null(strstr(c->body, "Cat Worker")); /* another team's */
    assert_non_null(section(f, c->body, "Overdue by type"));
    const char *loads = section(f, c->body, "Caseloads");
    assert_non_null(loads);
    assert_non_null(strstr(loads, "Ada Worker"));
    assert_null(strstr(c->body, "Bilal"));
    /* his own page: the authorisation is his overdue work */
    c = call(f, "GET", "/work", HAL, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(section(f, c->body, "Overdue"), ">Authorise</a>"));

    /* Authorise through the correction form the queue links to: off the queue. */
    c = call(f, "GET", edit, HAL, NULL);
    assert_int_equal(c->res.status, 200);
    c = call(f, "POST", arena_printf(&f->a, "/records/assessment/%s", f->assessment), HAL,
             "csrf=" TOKEN "&version=1&start_date-day=10&start_date-month=11&start_date-year=2026"
             "&completed_date-day=1&completed_date-month=12&completed_date-year=2026"
             "&authorised_date-day=19&authorised_date-month=1&authorised_date-year=2027"
             "&factors=21&authorised_by=Hal+Worker&reason=authorised");
    if (c->res.status != 303)
        fail_msg("authorising: %d\n%.600s", c->res.status,
                 strstr(c->body, "govuk-error-summary__list")
                     ? strstr(c->body, "govuk-error-summary__list")
                     : c->body);
    c = call(f, "GET", "/work/team", HAL, NULL);
    assert_null(section(f, c->body, "Authorisation queue"));
    assert_non_null(strstr(c->body, "Nothing waits for an authorisation."));
}

/* The number in `"key":N` of a JSON body. */
static long json_count(const char *body, const char *key)
{
    const char *at = strstr(body, key);
    return at ? strtol(at + strlen(key), NULL, 10) : -1;
}

/* The answer's next_offset; -1 when null (the last page). */
static long next_offset(const char *body)
{
    return strstr(body, "\"next_offset\":null") ? -1 : json_count(body, "\"next_offset\":");
}

static void obligations_api(void **state)
{
    struct fx *f = *state;
    struct call *c = call(f, "GET", "/api/v1/obligations", ADA, NULL);
    assert_int_equal(c->res.status, 200);
    /* Ada sees Amara's work (Hal's authorisation too: she may see the child), not Bilal's */
    assert_non_null(strstr(c->body, f->amara));
    assert_null(strstr(c->body, f->bilal));
    assert_non_null(strstr(c->body, "\"rule\":\"review-conference\""));
    assert_non_null(strstr(c->body, "\"due\":\"2027-04-06\""));
    assert_non_null(strstr(c->body, "\"explanation\":\"due 6 Apr 2027: 3 months after"));
    /* asking for Cat's work by name does not reach outside her scope */
    c = call(f, "GET", arena_printf(&f->a, "/api/v1/obligations?worker=%s", f->cat_worker), ADA,
             NULL);
    assert_int_equal(c->res.status, 200);
    assert_int_equal(json_count(c->body, "\"total\":"), 0);
    assert_null(strstr(c->body, f->bilal));
    c = call(f, "GET", arena_printf(&f->a, "/api/v1/obligations?worker=%s", f->cat_worker), CAT,
             NULL);
    assert_int_equal(json_count(c->body, "\"total\":"), 1);
    assert_non_null(strstr(c->body, "\"status\":\"overdue\""));
    /* filters and pages */
    c = call(f, "GET", "/api/v1/obligations?status=done", ADA, NULL);
    assert_int_equal(json_count(c->body, "\"total\":"), 2); /* the assessment and the ICPC */
    assert_null(strstr(c->body, "\"status\":\"due\""));
    c = call(f, "GET", "/api/v1/obligations?due_after=2027-01-20&due_before=2027-12-31", ADA, NULL);
    assert_int_equal(json_count(c->body, "\"total\":"), 1);
    c = call(f, "GET", "/api/v1/obligations?limit=2&offset=1", ADA, NULL);
    assert_int_equal(c->res.status, 200);
    long total = json_count(c->body, "\"total\":");
    assert_true(total >= 3);
    size_t items = 0;
    for (const char *p = strstr(c->body, "\"rule\":"); p; p = strstr(p + 1, "\"rule\":"))
        items++;
    assert_int_equal(items, 2);
    assert_int_equal(json_count(c->body, "\"shown\":"), 2);
    assert_int_equal(next_offset(c->body), total > 3 ? 3 : -1);
    /* one at a time, the pages are the whole list in its order, each once */
    const char *whole = call(f, "GET", "/api/v1/obligations?limit=1000", ADA, NULL)->body;
    assert_non_null(strstr(whole, "\"next_offset\":null"));
    const char *at = whole;
    for (long k = 0; k < total; k++) {
        c = call(f, "GET", arena_printf(&f->a, "/api/v1/obligations?limit=1&offset=%ld", k), ADA,
                 NULL);
        assert_int_equal(json_count(c->body, "\"shown\":"), 1);
        assert_int_equal(next_offset(c->body), k + 1 < total ? k + 1 : -1);
        const char *rec = strstr(c->body, "\"explanation\":");
        assert_non_null(rec);
        size_t n = strcspn(rec + 15, "}") + 15;
        at = strstr(at, arena_printf(&f->a, "%.*s", (int)n, rec));
        assert_non_null(at); /* found after the one before it */
        at++;
    }
    c = call(f, "GET", arena_printf(&f->a, "/api/v1/obligations?offset=%ld", total), ADA, NULL);
    assert_int_equal(json_count(c->body, "\"shown\":"), 0);
    /* the window: at most 10,000 deep; past it the filters narrow the list */
    c = call(f, "GET", "/api/v1/obligations?offset=10000", ADA, NULL);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "due_after"));
    c = call(f, "GET", "/api/v1/obligations?offset=9999&limit=1000", ADA, NULL);
    assert_int_equal(json_count(c->body, "\"limit\":"), 1);
    c = call(f, "GET", "/api/v1/obligations?on=2027-04-07&status=overdue", ADA, NULL);
    assert_non_null(strstr(c->body, "\"rule\":\"review-conference\""));
    /* what does not read is a 400 naming the field */
    c = call(f, "GET", "/api/v1/obligations?status=late", ADA, NULL);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "status"));
    c = call(f, "GET", "/api/v1/obligations?colour=red", ADA, NULL);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "colour"));
    assert_int_equal(call(f, "GET", "/api/v1/obligations?limit=0", ADA, NULL)->res.status, 400);
    assert_int_equal(call(f, "GET", "/api/v1/obligations?worker=nobody", ADA, NULL)->res.status,
                     400);
    assert_int_equal(call(f, "GET", "/api/v1/obligations", GUS, NULL)->res.status, 403);
    /* the OpenAPI document names it and its filters */
    c = call(f, "GET", "/api/v1/openapi.json", ADA, NULL);
    assert_non_null(strstr(c->body, "\"/api/v1/obligations\""));
    assert_non_null(strstr(c->body, "\"name\":\"due_before\""));
    assert_non_null(strstr(c->body, "\"ObligationList\""));
}

/* The banner of open risks on a child's page, alone; NULL when there is none. */
static const char *banner(struct fx *f, const char *body)
{
    const char *at = strstr(body, "id=\"open-risks\"");
    const char *end = at ? strstr(at, "</ul>") : NULL;
    return at && end ? arena_strndup(&f->a, at, (size_t)(end - at)) : NULL;
}

static void child_page_open_risks(void **state)
{
    struct fx *f = *state;
    char risk[PUBLIC_ID_LEN + 1], miss[PUBLIC_ID_LEN + 1], pf[PUBLIC_ID_LEN + 1],
        closed[PUBLIC_ID_LEN + 1];
    const char *page = arena_printf(&f->a, "/children/%s", f->amara);
    /* only the plan so far: the banner names it, its category and its first review */
    struct call *c = call(f, "GET", page, ADA, NULL);
    assert_int_equal(c->res.status, 200);
    const char *b = banner(f, c->body);
    assert_non_null(b);
    assert_true(strstr(c->body, "id=\"open-risks\"") < strstr(c->body, "<h1")); /* at the top */
    assert_non_null(strstr(b, ">Child protection plan</a>: Neglect (NEG). Review conference "
                              "due 06/04/2027"));
    assert_null(strstr(b, "Exploitation risk"));

    struct exploitation_risk x = {.identified_date = day("2026-12-01"),
                                  .kinds = {"cse", "county-lines"},
                                  .nkinds = 2,
                                  .risk_level = "high",
                                  .review_date = day("2027-01-18"), /* Monday: passed */
                                  .nrm_date = DATE_NONE,
                                  .closed_date = DATE_NONE};
    add_rec(f, &exploitation_risk_type, &x, f->amara_id, risk);
    struct exploitation_risk old = {.identified_date = day("2026-06-01"),
                                    .kinds = {"trafficking"},
                                    .nkinds = 1,
                                    .risk_level = "low",
                                    .review_date = DATE_NONE,
                                    .nrm_date = DATE_NONE,
                                    .closed_date = day("2026-09-01")};
    add_rec(f, &exploitation_risk_type, &old, f->amara_id, closed);
    struct missing_episode m = {.start_date = day("2027-01-19"),
                                .kind = "M",
                                .end_date = DATE_NONE,
                                .rhi_offered_date = DATE_NONE,
                                .rhi_date = DATE_NONE};
    add_rec(f, &missing_episode_type, &m, f->amara_id, miss);
    struct private_fostering p = {.notified_date = day("2027-01-11"),
                                  .start_date = day("2027-01-04"),
                                  .carer = "Joan Ogun, family friend",
                                  .visit_date = DATE_NONE,
                                  .decision_date = DATE_NONE,
                                  .end_date = DATE_NONE};
    add_rec(f, &private_fostering_type, &p, f->amara_id, pf);

    c = call(f, "GET", page, ADA, NULL);
    assert_int_equal(c->res.status, 200);
    b = banner(f, c->body);
    assert_non_null(b);
    const char *want[] = {
        arena_printf(&f->a,
                     "href=\"/records/exploitation_risk/%s\">Exploitation risk</a>: Child "
                     "sexual exploitation, County lines. <strong>Review overdue</strong>: it "
                     "was due 18/01/2027",
                     risk),
        arena_printf(&f->a,
                     "href=\"/records/missing_episode/%s\">Missing or away from home</a>: "
                     "Missing: whereabouts unknown (M). Since 19/01/2027",
                     miss),
        ">Child protection plan</a>: Neglect (NEG). Review conference due 06/04/2027",
        arena_printf(&f->a,
                     "href=\"/records/private_fostering/%s\">Private fostering arrangement</a>: "
                     "Joan Ogun, family friend. Visit due 20/01/2027",
                     pf),
    };
    const char *at = b;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) { /* each, in this order */
        const char *hit = strstr(at, want[i]);
        if (!hit)
            fail_msg("banner lacks (or misorders) '%s' in\n%.1500s", want[i], b);
        at = hit;
    }
    assert_null(strstr(b, closed)); /* a closed risk warns of nothing */
    /* the same clocks are her work: the review overdue, the first visit due today (7
     * working days from the notification), each linking to the form that discharges it */
    c = call(f, "GET", "/work", ADA, NULL);
    const char *over = section(f, c->body, "Overdue");
    assert_non_null(over);
    assert_non_null(strstr(over, "review the exploitation risk"));
    assert_non_null(strstr(over, "due 18 Jan 2027: the review date recorded on the risk; the risk "
                                 "was identified on 1 Dec 2026"));
    assert_non_null(strstr(over, arena_printf(&f->a, "/records/exploitation_risk/%s/edit", risk)));
    const char *today = section(f, c->body, "Due today");
    assert_non_null(today);
    assert_non_null(strstr(today, "visit the privately fostered child"));
    assert_non_null(strstr(today, "due 20 Jan 2027: 7 working days after the council was told of "
                                  "the arrangement on 11 Jan 2027"));
    assert_non_null(strstr(today, arena_printf(&f->a, "/records/private_fostering/%s/edit", pf)));
    assert_int_equal(
        call(f, "GET", arena_printf(&f->a, "/records/exploitation_risk/%s", risk), ADA, NULL)
            ->res.status,
        200);
    /* outside the child's scope: neither the page, its banner, nor the record it links */
    c = call(f, "GET", page, CAT, NULL);
    assert_int_equal(c->res.status, 404);
    assert_null(strstr(c->body, "open-risks"));
    assert_null(strstr(c->body, "Exploitation"));
    assert_int_equal(
        call(f, "GET", arena_printf(&f->a, "/records/exploitation_risk/%s", risk), CAT, NULL)
            ->res.status,
        404);
    /* a child with nothing open has no banner */
    c = call(f, "GET", arena_printf(&f->a, "/children/%s", f->bilal), CAT, NULL);
    assert_int_equal(c->res.status, 200);
    assert_null(strstr(c->body, "open-risks"));
}

static struct call *api_post(struct fx *f, const char *path, enum who w, const char *json)
{
    struct call *c = call_new(&f->a, "POST", path);
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    snprintf(c->req.request_id, sizeof c->req.request_id, "api%d", (int)w);
    c->req.content_type = "application/json";
    c->req.body = json;
    c->req.body_len = strlen(json);
    return call_run(&f->app, c);
}

/* The public id after `after` in `body` (a link's or a Location's). */
static const char *id_after(struct fx *f, const char *body, const char *after)
{
    const char *at = strstr(body, after);
    return at ? arena_strndup(&f->a, at + strlen(after), PUBLIC_ID_LEN) : NULL;
}

static void step_up_and_down(void **state)
{
    struct fx *f = *state;
    char fh[PUBLIC_ID_LEN + 1];
    struct family_help ep = {.start_date = day("2027-01-04"),
                             .lead_practitioner = "B Obi",
                             .lead_profession = "family-support",
                             .signoff_date = DATE_NONE,
                             .assessment_date = DATE_NONE,
                             .plan_date = DATE_NONE,
                             .review_date = DATE_NONE,
                             .closure_date = DATE_NONE};
    add_rec(f, &family_help_type, &ep, f->bilal_id, fh);
    const char *page = arena_printf(&f->a, "/records/family_help/%s", fh);
    const char *step = arena_printf(&f->a, "%s/step/referral", page);
    struct call *c = call(f, "GET", page, CAT, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, arena_printf(&f->a, "href=\"%s\"", step)));
    assert_non_null(strstr(c->body, ">Step up to child in need<"));
    c = call(f, "GET", step, CAT, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "name=\"source\""));
    assert_null(strstr(c->body, "stepped_up_from")); /* kith sets the link, not a form */
    /* outside the child's scope: no form, no step */
    assert_int_equal(call(f, "GET", step, ADA, NULL)->res.status, 404);
    const char *form = "csrf=" TOKEN "&version=1&referral_date-day=%d&referral_date-month=1"
                       "&referral_date-year=2027&source=2A&primary_need=N1&nfa=0";
    assert_int_equal(call(f, "POST", step, ADA, arena_printf(&f->a, form, 18))->res.status, 404);
    c = call(f, "POST", step, CAT, arena_printf(&f->a, form, 3));
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "is before the family help episode started"));
    assert_non_null(strstr(c->body, "href=\"#referral_date-day\""));
    c = call(f, "POST", step, CAT, arena_printf(&f->a, form, 18));
    if (c->res.status != 303)
        fail_msg("step up: %d\n%.800s", c->res.status, c->body);
    const char *ref = NULL;
    for (size_t i = 0; i < c->res.nheaders; i++)
        if (!strcmp(c->res.headers[i].name, "Location"))
            ref = id_after(f, c->res.headers[i].value, "/records/referral/");
    assert_non_null(ref);
    /* both linked, the episode closed as stepped up, and no second step */
    c = call(f, "GET", page, CAT, NULL);
    assert_non_null(strstr(c->body, "Stepped up to a child in need referral"));
    assert_non_null(strstr(c->body, arena_printf(&f->a, "href=\"/records/referral/%s\"", ref)));
    assert_null(strstr(c->body, ">Step up to child in need<"));
    c = call(f, "GET", arena_printf(&f->a, "/records/referral/%s", ref), CAT, NULL);
    assert_non_null(strstr(c->body, arena_printf(&f->a, "href=\"%s\"", page)));
    assert_non_null(strstr(c->body, ">Step down to family help<"));

    /* down again, through the API */
    const char *api = arena_printf(&f->a, "/api/v1/records/referral/%s/step/family_help", ref);
    c = api_post(f, api, CAT,
                 "{\"cin_closure_date\":\"2027-01-19\",\"cin_closure_reason\":\"RC7\","
                 "\"start_date\":\"2027-01-19\",\"lead_practitioner\":\"C Dee\","
                 "\"lead_profession\":\"early-help\",\"stepped_down_from\":\"X\"}");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "is not a field of a family help episode"));
    c = api_post(f, api, CAT,
                 "{\"cin_closure_date\":\"2027-01-17\",\"cin_closure_reason\":\"RC7\","
                 "\"start_date\":\"2027-01-19\",\"lead_practitioner\":\"C Dee\","
                 "\"lead_profession\":\"early-help\"}");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "cin_closure_date"));
    assert_int_equal(api_post(f, api, ADA, "{}")->res.status, 404);
    assert_int_equal(
        api_post(f, arena_printf(&f->a, "/api/v1/records/contact/%s/step/referral", f->contact),
                 CAT, "{}")
            ->res.status,
        404);
    c = api_post(f, api, CAT,
                 "{\"version\":1,\"cin_closure_date\":\"2027-01-19\",\"cin_closure_reason\":"
                 "\"RC7\",\"start_date\":\"2027-01-19\",\"lead_practitioner\":\"C Dee\","
                 "\"lead_profession\":\"early-help\"}");
    if (c->res.status != 201)
        fail_msg("step down: %d\n%.800s", c->res.status, c->body);
    assert_non_null(strstr(c->body, arena_printf(&f->a, "\"stepped_down_from\":\"%s\"", ref)));
    c = call(f, "GET", arena_printf(&f->a, "/api/v1/records/referral/%s", ref), CAT, NULL);
    assert_non_null(strstr(c->body, "\"closure_reason\":\"RC7\""));
    assert_non_null(strstr(c->body, "\"stepped_down_to\":\""));
    /* all three on the child's timeline */
    c = call(f, "GET", arena_printf(&f->a, "/children/%s", f->bilal), CAT, NULL);
    assert_non_null(strstr(c->body, arena_printf(&f->a, "/records/referral/%s\"", ref)));
    assert_non_null(strstr(c->body, page));
    assert_non_null(strstr(c->body, "C Dee"));
}

/* A CIN plan's reviews: the clock is her work with its one-line reason and the review's
 * form, drawn from the description (GOV.UK date, outcome radios, notes with a character
 * count); a review before the plan started or in the future is refused beside its field,
 * storing nothing; a review recorded stops the clock and the next runs from it. */
static void cin_plan_review_form(void **state)
{
    struct fx *f = *state;
    struct referral ref = {.referral_date = day("2026-09-01"),
                           .source = "2A",
                           .primary_need = "N1",
                           .closure_date = DATE_NONE};
    add_rec(f, &referral_type, &ref, f->bilal_id, NULL);
    struct cin_plan plan = {.start_date = day("2026-09-30"), .end_date = DATE_NONE};
    add_rec(f, &cin_plan_type, &plan, f->bilal_id, NULL);
    struct call *c = call(f, "GET", "/work", CAT, NULL);
    const char *over = section(f, c->body, "Overdue");
    assert_non_null(over);
    assert_non_null(strstr(over, "review the child in need plan"));
    assert_non_null(
        strstr(over, "due 30 Dec 2026: 3 months after the plan started on 30 Sep 2026"));
    const char *form_page =
        arena_printf(&f->a, "/children/%s/records/cin_plan_review/new", f->bilal);
    assert_non_null(strstr(over, arena_printf(&f->a, "href=\"%s\"", form_page)));

    c = call(f, "GET", form_page, CAT, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "name=\"review_date-day\""));
    assert_non_null(strstr(c->body, "name=\"outcome\" type=\"radio\" value=\"step-up-cp\""));
    assert_non_null(strstr(c->body, "govuk-character-count"));
    assert_int_equal(call(f, "GET", form_page, ADA, NULL)->res.status, 404);

    const char *post = arena_printf(&f->a, "/children/%s/records/cin_plan_review", f->bilal);
    const char *form = "csrf=" TOKEN "&review_date-day=%s&review_date-month=%s"
                       "&review_date-year=%s&child_seen=1&outcome=continue&notes=Going+well";
    static const struct {
        const char *d, *m, *y, *says;
    } refused[] = {
        {"29", "9", "2026", "is before the CIN plan started"},
        {"21", "1", "2027", "must be today or in the past"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        c = call(f, "POST", post, CAT,
                 arena_printf(&f->a, form, refused[i].d, refused[i].m, refused[i].y));
        assert_int_equal(c->res.status, 422);
        assert_non_null(strstr(c->body, "href=\"#review_date"));
        const char *beside = strstr(c->body, "id=\"review_date-error\"");
        if (!beside || !strstr(beside, refused[i].says))
            fail_msg("no error '%s' beside the review's date", refused[i].says);
    }
    c = call(f, "POST", post, CAT, arena_printf(&f->a, form, "12", "1", "2027"));
    assert_int_equal(c->res.status, 303);
    c = call(f, "GET", "/work", CAT, NULL);
    over = section(f, c->body, "Overdue");
    assert_true(!over || !strstr(over, "review the child in need plan"));
    assert_non_null(
        strstr(c->body, "due 12 Apr 2027: 3 months after the last review on 12 Jan 2027"));
    /* on the child's timeline */
    c = call(f, "GET", arena_printf(&f->a, "/children/%s", f->bilal), CAT, NULL);
    assert_non_null(strstr(c->body, "/records/cin_plan_review/"));
}

/* A question asked only after one answer (GOV.UK's conditional reveal), from the
 * description's shown_with: the return home interview's day and interviewer sit inside
 * "accepted: yes", whose radios are then not inline; what was typed under "yes" is not
 * kept when "no" is chosen. */
static void reveals_on_record_forms(void **state)
{
    struct fx *f = *state;
    struct call *c =
        call(f, "GET", arena_printf(&f->a, "/children/%s/records/missing_episode/new", f->amara),
             ADA, NULL);
    assert_int_equal(c->res.status, 200);
    const char *yes = strstr(c->body, "name=\"rhi_accepted\" type=\"radio\" value=\"1\"");
    assert_non_null(yes);
    assert_non_null(strstr(yes, "data-aria-controls=\"conditional-rhi_accepted\""));
    const char *box = strstr(c->body, "id=\"conditional-rhi_accepted\"");
    assert_non_null(box);
    const char *dbox = strstr(c->body, "name=\"rhi_date-day\""),
               *by = strstr(c->body, "name=\"rhi_by\"");
    const char *no = strstr(c->body, "name=\"rhi_accepted\" type=\"radio\" value=\"0\"");
    assert_true(box < dbox && dbox < by && by < no); /* inside "yes", before "no" */
    /* the police question reveals nothing: its radios stay inline */
    const char *police = strstr(c->body, "name=\"reported_to_police\"");
    const char *inl = strstr(c->body, "govuk-radios--inline");
    assert_non_null(inl);
    assert_true(inl < police);

    const char *form = "csrf=" TOKEN "&start_date-day=4&start_date-month=1&start_date-year=2027"
                       "&kind=M&end_date-day=5&end_date-month=1&end_date-year=2027"
                       "&rhi_offered_date-day=6&rhi_offered_date-month=1&rhi_offered_date-year=2027"
                       "&rhi_accepted=%s&rhi_date-day=8&rhi_date-month=1&rhi_date-year=2027"
                       "&rhi_by=Kim+Ode%%2C+independent+worker";
    const char *post = arena_printf(&f->a, "/children/%s/records/missing_episode", f->amara);
    for (int accepted = 0; accepted < 2; accepted++) {
        c = call(f, "POST", post, ADA, arena_printf(&f->a, form, accepted ? "1" : "0"));
        assert_int_equal(c->res.status, 303);
        const char *at = http_header_get(&c->res, "Location");
        assert_non_null(at);
        const char *id = strrchr(at, '/') + 1;
        struct missing_episode m;
        struct kerr e = KERR_INIT;
        assert_int_equal(store_rec_find(f->app.store, &missing_episode_type,
                                        arena_strndup(&f->a, id, strcspn(id, "?")), &f->a, &m, &e),
                         0);
        assert_int_equal(m.rhi_accepted, accepted);
        assert_int_equal(m.rhi_date, accepted ? day("2027-01-08") : DATE_NONE);
        if (accepted)
            assert_string_equal(m.rhi_by, "Kim Ode, independent worker");
        else
            assert_null(m.rhi_by);
    }
}

static void chronology(void **state)
{
    struct fx *f = *state;
    struct case_note n = {.child_id = f->amara_id,
                          .author_id = f->who[ADA].worker_id,
                          .date = day("2026-12-14"),
                          .kind = "significant-event",
                          .subject = "Amara disclosed at school",
                          .body = "She told her teacher."};
    struct case_note plain = n;
    plain.kind = "home-visit";
    plain.subject = "An ordinary visit";
    struct kerr e = KERR_INIT;
    assert_int_equal(store_note_add(f->app.store, &n, &e), 0);
    assert_int_equal(store_note_add(f->app.store, &plain, &e), 0);
    const char *page = arena_printf(&f->a, "/children/%s/chronology", f->amara);
    struct call *c = call(f, "GET", arena_printf(&f->a, "/children/%s", f->amara), ADA, NULL);
    assert_non_null(strstr(c->body, arena_printf(&f->a, "href=\"%s\"", page)));
    c = call(f, "GET", page, ADA, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, ">6 events, oldest first<"));
    static const char *const order[] = {">Referral</a>",
                                        ">Assessment started</a>",
                                        ">Section 47 enquiry started</a>",
                                        ">Amara disclosed at school</a>",
                                        ">Initial child protection conference</a>",
                                        ">Child protection plan started</a>"};
    const char *at = c->body;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *hit = strstr(at, order[i]);
        if (!hit)
            fail_msg("the chronology lacks (or misorders) '%s'", order[i]);
        at = hit;
    }
    assert_null(strstr(c->body, "An ordinary visit"));
    assert_non_null(strstr(c->body, "href=\"/records/cp_plan/"));
    assert_non_null(strstr(c->body, "class=\"kith-no-print\"")); /* the filter is not printed */
    /* filters: a kind, a period with both ends inclusive */
    c = call(f, "GET", arena_printf(&f->a, "%s?kind=protection&from=&to=", page), ADA, NULL);
    assert_non_null(strstr(c->body, ">2 events, oldest first<"));
    c = call(f, "GET", arena_printf(&f->a, "%s?from=14/12/2026&to=2027-01-06", page), ADA, NULL);
    assert_non_null(strstr(c->body, ">4 events, oldest first<"));
    c = call(f, "GET", arena_printf(&f->a, "%s?from=2027-01-07&to=2027-01-06", page), ADA, NULL);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "href=\"#to\""));
    /* the API, the same events */
    const char *api = arena_printf(&f->a, "/api/v1/children/%s/chronology", f->amara);
    c = call(f, "GET", arena_printf(&f->a, "%s?kind=note", api), ADA, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "\"total\":1"));
    assert_non_null(strstr(c->body, "\"event\":\"Amara disclosed at school\""));
    assert_non_null(strstr(c->body, "\"date\":\"2026-12-14\""));
    c = call(f, "GET", arena_printf(&f->a, "%s?kind=gossip&colour=red", api), ADA, NULL);
    assert_int_equal(c->res.status, 400);
    assert_non_null(strstr(c->body, "colour"));
    assert_non_null(strstr(c->body, "is not a kind of event"));
    /* outside the child's scope: nothing */
    assert_int_equal(call(f, "GET", page, CAT, NULL)->res.status, 404);
    assert_int_equal(call(f, "GET", api, CAT, NULL)->res.status, 404);
}

int main(void)
{
    setenv("KITH_TODAY", "2027-01-20", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(my_work_for_a_worker, setup, teardown),
        cmocka_unit_test_setup_teardown(caseload_status_and_next_due, setup, teardown),
        cmocka_unit_test_setup_teardown(team_view_and_authorisation, setup, teardown),
        cmocka_unit_test_setup_teardown(deleting_stops_its_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(obligations_api, setup, teardown),
        cmocka_unit_test_setup_teardown(child_page_open_risks, setup, teardown),
        cmocka_unit_test_setup_teardown(step_up_and_down, setup, teardown),
        cmocka_unit_test_setup_teardown(chronology, setup, teardown),
        cmocka_unit_test_setup_teardown(reveals_on_record_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(cin_plan_review_form, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
