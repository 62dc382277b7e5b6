/*
 * Retention of applications (casework/retention.h) on a real database (SQLite here,
 * PostgreSQL under tests/pg/cluster.sh, where the history is rewritten by the owner's
 * function of migration 0026): the injectable day (--on) on each side of the edge, for a
 * vacancy closed on its closing date and one closed early, and for a one-month period that
 * ends on a month's clamped last day; what an anonymised application keeps (vacancy,
 * stage, its date) and loses (every value the applicant gave, the CV, the recruiters'
 * notes, in the record and in every version of its history); a second run finding
 * nothing; a dry run changing nothing; who may run it; the audit rows naming references
 * only; and the recruiter's page still reading the application.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/retention.h"
#include "core/date.h"
#include "core/str.h"
#include "domain/application.h"
#include "domain/vacancy.h"
#include "http/auth.h"
#include "store/store.h"
#include "store/store_rec.h"
#include "store/store_recruit.h"
#include "store/store_setting.h"

/* Each application's own: Jo's (a1) are looked for once it is anonymised */
#define EMAIL "Jo.bloggs@example.org"
#define NOTE "Strong on assessments; %s mentioned her move"
#define CV_MARK "Jo-cv-marker-7Q2"

enum who { RECRUITER, WORKER, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    struct actor op;
    int64_t v_closing, v_early, v_open; /* vacancies: closed on 31 Jan, early 10 Mar, open */
    int64_t a1, a2, a3, a4;             /* a1, a2 (no CV) of v_closing; a3 v_early; a4 v_open */
};

static struct http_principal *by_cookie(struct http_app *app, struct http_request *req)
{
    struct fx *f = app->auth_data;
    int w;
    if (!req->cookie || sscanf(req->cookie, "who=%d", &w) != 1 || w < 0 || w >= WHO_COUNT)
        return NULL;
    return &f->who[w];
}

/* Noon UTC of a day, as seconds. */
static int64_t noon(const char *iso) { return (int64_t)day(iso) * 86400 + 43200; }

static int64_t vacancy(struct fx *f, const char *closing, bool closed, const char *written)
{
    struct vacancy v = {0};
    v.title = "Social Worker";
    v.team = "Assessment";
    snprintf(v.role, sizeof v.role, "social-worker");
    snprintf(v.contract, sizeof v.contract, "permanent");
    snprintf(v.hours, sizeof v.hours, "full-time");
    snprintf(v.arrangement, sizeof v.arrangement, "hybrid");
    v.salary_min = 40000;
    v.salary_max = 45000;
    v.published_on = day("2026-01-02");
    v.closing_date = day(closing);
    v.closed = closed;
    v.employer = "London Borough of Testbury";
    v.location = "Town Hall";
    v.description = "Assessments with families.";
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_add(f->app.store, &vacancy_type, &v, noon(written), &e), 0);
    return v.h.id;
}

/* An application with a CV when `cv`, moved on to shortlisted with a recruiter's note (so
 * its history keeps the version the applicant sent). */
static int64_t apply(struct fx *f, int64_t vacancy, const char *given, bool cv)
{
    struct application app = {.h.parent_id = vacancy,
                              .given_name = given,
                              .family_name = "Bloggs",
                              .email = arena_printf(&f->a, "%s.bloggs@example.org", given),
                              .phone = "07700 900123",
                              .statement = "I have five years in assessment teams.",
                              .stage_on = day("2026-01-05")};
    snprintf(app.right_to_work, sizeof app.right_to_work, "yes");
    snprintf(app.swe_number, sizeof app.swe_number, "SW123456");
    snprintf(app.stage, sizeof app.stage, "received");
    if (cv) {
        app.cv_name = "jo-bloggs-cv.pdf";
        snprintf(app.cv_kind, sizeof app.cv_kind, "pdf");
        app.cv_size = 9;
    }
    struct kerr e = KERR_INIT;
    struct store *s = f->app.store;
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_rec_add(s, &application_type, &app, noon("2026-01-05"), &e), 0);
    if (cv) {
        const char *bytes = arena_printf(&f->a, "%%PDF-1.4\n%%%s-cv-marker-7Q2\n", given);
        assert_int_equal(store_cv_put(s, app.h.id, bytes, strlen(bytes), &f->a, &e), 0);
    }
    assert_int_equal(store_commit(s, &e), 0);
    snprintf(app.stage, sizeof app.stage, "shortlisted");
    app.stage_on = day("2026-02-02");
    app.h.reason = arena_printf(&f->a, NOTE, given);
    assert_int_equal(store_rec_update(s, &application_type, &app, noon("2026-02-02"), &e), 0);
    return app.h.id;
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
    static const struct {
        const char *name;
        enum user_role role;
    } users[WHO_COUNT] = {{"rita", UROLE_RECRUITER}, {"sam", UROLE_SOCIAL_WORKER}};
    for (int w = 0; w < WHO_COUNT; w++) {
        struct user u = {.username = users[w].name, .role = users[w].role, .created = DATE_NONE};
        assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
        f->who[w] = (struct http_principal){.user_id = u.id,
                                            .username = users[w].name,
                                            .role = users[w].role,
                                            .perms = auth_role_perms(users[w].role)};
    }
    f->op = (struct actor){.username = "cli:test", .now = noon("2026-12-07")};
    f->v_closing = vacancy(f, "2026-01-31", false, "2026-01-02");
    f->v_early = vacancy(f, "2026-04-30", true, "2026-03-10");
    f->v_open = vacancy(f, "2099-12-31", false, "2026-01-02");
    f->a1 = apply(f, f->v_closing, "Jo", true);
    f->a2 = apply(f, f->v_closing, "Sam", false);
    f->a3 = apply(f, f->v_early, "Ali", true);
    f->a4 = apply(f, f->v_open, "Kim", true);
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

static struct retention_run run(struct fx *f, const char *on, bool dry)
{
    struct retention_run r;
    struct cw_err err;
    cw_err_clear(&err);
    f->op.today = day(on);
    assert_int_equal(cw_application_retention(f->app.store, &f->op, day(on), dry, &f->a, &r, &err),
                     KITH_OK);
    return r;
}

/* Whether application `id` still holds what the applicant gave, in the record or any
 * version of its history, and its CV. */
static bool kept_personal(struct fx *f, int64_t id)
{
    void *rows;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_history(f->app.store, &application_type, id, &f->a, &rows, &n, &e),
                     0);
    assert_true(n >= 2);
    const struct application *v = rows;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        any |= v[i].email || v[i].phone || v[i].statement || v[i].cv_name || v[i].swe_number[0] ||
               v[i].right_to_work[0] || (v[i].h.reason && strstr(v[i].h.reason, "mentioned"));
        any |= v[i].given_name && strcmp(v[i].given_name, "Anonymised") != 0;
        any |= v[i].family_name && strcmp(v[i].family_name, "applicant") != 0;
    }
    const void *cv;
    size_t len;
    const char *digest;
    bool has_cv = !store_cv_get(f->app.store, id, &f->a, &cv, &len, &digest, &e);
    return any || has_cv;
}

static void edge_day(void **state)
{
    struct fx *f = *state;
    /* closed on 31 January; kept six months, to the end of 31 July */
    struct retention_run r = run(f, "2026-07-31", false);
    assert_int_equal(r.applications, 0);
    assert_int_equal(r.months, 6);
    assert_true(kept_personal(f, f->a1));
    r = run(f, "2026-08-01", false);
    assert_int_equal(r.applications, 2);
    assert_int_equal(r.vacancies, 1);
    assert_int_equal(r.cvs, 1);
    assert_false(kept_personal(f, f->a1));
    assert_false(kept_personal(f, f->a2));
    assert_true(kept_personal(f, f->a3));
    assert_true(kept_personal(f, f->a4));
    /* what stays: the vacancy, the stage and its day, for the pipeline's figures */
    struct application app;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_get(f->app.store, &application_type, f->a1, &f->a, &app, &e), 0);
    assert_int_equal(app.h.parent_id, f->v_closing);
    assert_string_equal(app.stage, "shortlisted");
    assert_int_equal(app.stage_on, day("2026-02-02"));
    /* a second run finds nothing left */
    assert_int_equal(run(f, "2026-08-01", false).applications, 0);
    /* closed early on 10 March: kept to the end of 10 September */
    assert_int_equal(run(f, "2026-09-10", false).applications, 0);
    r = run(f, "2026-09-11", false);
    assert_int_equal(r.applications, 1);
    assert_false(kept_personal(f, f->a3));
    assert_true(kept_personal(f, f->a4)); /* still open: never */
    assert_int_equal(run(f, "2031-01-01", false).applications, 0);
}

static void dry_run_changes_nothing(void **state)
{
    struct fx *f = *state;
    struct retention_run r = run(f, "2026-09-11", true);
    assert_int_equal(r.applications, 3);
    assert_int_equal(r.vacancies, 2);
    assert_int_equal(r.cvs, 2);
    assert_true(kept_personal(f, f->a1));
    assert_true(kept_personal(f, f->a2));
    assert_true(kept_personal(f, f->a3));
}

/* One month after 31 January is 28 February (the month's last day): kept to its end. */
static void the_council_sets_the_period(void **state)
{
    struct fx *f = *state;
    struct kerr e = KERR_INIT;
    assert_int_equal(
        store_setting_set(f->app.store, "application-retention-months", "1", f->op.now, &e), 0);
    struct retention_run r = run(f, "2026-02-28", false);
    assert_int_equal(r.months, 1);
    assert_int_equal(r.applications, 0);
    assert_int_equal(run(f, "2026-03-01", false).applications, 2);
}

static void who_may_run_it(void **state)
{
    struct fx *f = *state;
    struct actor sw = {.user_id = f->who[WORKER].user_id,
                       .username = "sam",
                       .role = "social-worker",
                       .now = f->op.now,
                       .today = day("2026-09-11")};
    struct retention_run r;
    struct cw_err err;
    cw_err_clear(&err);
    assert_int_equal(cw_application_retention(f->app.store, &sw, sw.today, false, &f->a, &r, &err),
                     KITH_E_FORBIDDEN);
    assert_true(kept_personal(f, f->a1));
    struct actor rita = sw;
    rita.user_id = f->who[RECRUITER].user_id;
    rita.username = "rita";
    rita.role = "recruiter";
    cw_err_clear(&err);
    assert_int_equal(
        cw_application_retention(f->app.store, &rita, rita.today, false, &f->a, &r, &err), 0);
    assert_int_equal(r.applications, 3);
}

/* The audit trail names references and counts, never the applicant. */
static void audited_without_personal_details(void **state)
{
    struct fx *f = *state;
    run(f, "2026-08-01", false);
    struct audit_query q = {.limit = 50};
    struct audit_event *ev;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_audit_list(f->app.store, &q, &f->a, &ev, &n, &e), 0);
    size_t anonymised = 0, runs = 0;
    for (size_t i = 0; i < n; i++) {
        const char *d = ev[i].detail ? ev[i].detail : "";
        assert_null(strstr(d, "Bloggs"));
        assert_null(strstr(d, EMAIL));
        anonymised += !strcmp(ev[i].action, "application-anonymise");
        if (!strcmp(ev[i].action, "application-retention")) {
            runs++;
            assert_non_null(strstr(d, "2 applications of 1 vacancies anonymised, 1 CVs removed"));
        }
    }
    assert_int_equal(anonymised, 2);
    assert_int_equal(runs, 1);
}

/* The recruiter's page still reads an anonymised application. */
static void page_reads_it(void **state)
{
    struct fx *f = *state;
    run(f, "2026-08-01", false);
    struct application app;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_get(f->app.store, &application_type, f->a1, &f->a, &app, &e), 0);
    struct call *c =
        call_new(&f->a, "GET", arena_printf(&f->a, "/recruit/applications/%s", app.h.public_id));
    c->req.cookie = "who=0";
    snprintf(c->req.request_id, sizeof c->req.request_id, "retention");
    call_run(&f->app, c);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "Anonymised applicant"));
    assert_null(strstr(c->body, EMAIL));
    assert_null(strstr(c->body, "Jo mentioned"));
}

/* Whether the SQLite file at `path` holds `text` anywhere: free space included. */
static bool file_has(const char *path, const char *text)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    struct str all = STR_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        str_addn(&all, buf, n);
    fclose(fp);
    size_t k = strlen(text);
    bool found = false;
    for (size_t i = 0; !found && i + k <= all.len; i++)
        found = all.buf[i] == text[0] && !memcmp(all.buf + i, text, k);
    str_release(&all);
    return found;
}

/* On SQLite the removed bytes are gone from the file, not left in its free space. */
static void bytes_gone_from_the_file(void **state)
{
    struct fx *f = *state;
    if (testdb_pg())
        skip();
    run(f, "2026-08-01", false);
    store_close(f->app.store); /* the last connection checkpoints the log into the file */
    f->app.store = NULL;
    const char *path = f->db.location;
    if (!strncmp(path, "sqlite:", 7))
        path += 7;
    assert_false(file_has(path, EMAIL));
    assert_false(file_has(path, CV_MARK));
    assert_false(file_has(path, "Jo mentioned"));
    struct kerr e = KERR_INIT;
    assert_int_equal(store_open(f->db.location, 0, &f->app.store, &e), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(edge_day, setup, teardown),
        cmocka_unit_test_setup_teardown(dry_run_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(the_council_sets_the_period, setup, teardown),
        cmocka_unit_test_setup_teardown(who_may_run_it, setup, teardown),
        cmocka_unit_test_setup_teardown(audited_without_personal_details, setup, teardown),
        cmocka_unit_test_setup_teardown(page_reads_it, setup, teardown),
        cmocka_unit_test_setup_teardown(bytes_gone_from_the_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
