/*
 * Applying and the recruitment back office in-process, through the router and the real
 * route table, on a real database (SQLite here, PostgreSQL under tests/pg/cluster.sh).
 * Applying: the form, a good application (stored with its CV and an audit row, a private
 * link that shows and withdraws it), and every refusal with its status and nothing
 * stored: missing answers, a registration number the role needs or that is not one, no
 * privacy tick, no CV, a PDF named .docx, a program named .pdf, a file too large, a closed
 * or unknown vacancy, the honeypot, the limit per address, a post from elsewhere. The back
 * office: only recruiters and team managers (a social worker is refused, and so is the
 * operator's kith record), every view of an application and every CV download audited,
 * the pipeline's moves, and appointing making the worker record.
 */
#include "../unit/test.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/recruit.h"
#include "core/date.h"
#include "core/str.h"
#include "domain/application.h"
#include "domain/vacancy.h"
#include "http/auth.h"
#include "http/pages.h"
#include "store/store.h"
#include "store/store_jobs.h"
#include "store/store_recruit.h"
#include "store/store_rec.h"

#define ORIGIN "http://127.0.0.1:8080"
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define BOUNDARY "----kithtestboundary7MA4YWxkTrZu0gW"

enum who { RECRUITER, MANAGER, WORKER, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    kdate today;
    char swe_job[PUBLIC_ID_LEN + 1];    /* open, needs Social Work England registration */
    char plain_job[PUBLIC_ID_LEN + 1];  /* open, does not */
    char closed_job[PUBLIC_ID_LEN + 1]; /* closed early */
    int64_t clock;                      /* the limit's clock */
    struct team team, other_team;       /* the vacancies' team by name; one no vacancy names */
};

static struct fx *the_fx; /* for the limit's clock */
static int64_t fx_now(void) { return the_fx->clock; }

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

static void add_vacancy(struct fx *f, bool swe, bool closed, char *id)
{
    struct vacancy v = {0};
    v.title = swe ? "Social Worker" : "Family Support Worker";
    v.team = "Assessment Team";
    snprintf(v.role, sizeof v.role, "%s", swe ? "social-worker" : "family-support-worker");
    snprintf(v.contract, sizeof v.contract, "permanent");
    snprintf(v.hours, sizeof v.hours, "full-time");
    snprintf(v.arrangement, sizeof v.arrangement, "hybrid");
    v.salary_min = 40000;
    v.salary_max = 45000;
    v.published_on = date_add_days(f->today, -5);
    v.closing_date = date_add_days(f->today, 20);
    v.closed = closed;
    v.employer = "London Borough of Testbury";
    v.location = "Town Hall";
    v.description = "Assessments with families.";
    v.needs_swe_registration = swe;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_add(f->app.store, &vacancy_type, &v, 1700000000, &e), KITH_OK);
    snprintf(id, PUBLIC_ID_LEN + 1, "%s", v.h.public_id);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    the_fx = f;
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    struct kerr e = KERR_INIT;
    if (store_open(f->db.location, STORE_CREATE, &f->app.store, &e))
        return -1;
    f->app.origin = ORIGIN;
    f->app.authenticate = by_cookie;
    f->app.auth_data = f;
    f->app.jobs = jobs_board_new();
    f->clock = 1800000000;
    f->app.apply_limit = apply_limit_new(1000, 3600, fx_now);
    f->today = date_today();
    f->team = (struct team){.name = "Assessment Team", .service = 0, .caseload_threshold = 18};
    assert_int_equal(store_team_add(f->app.store, &f->team, &e), 0);
    f->other_team = (struct team){.name = "Duty North", .service = 0, .caseload_threshold = 18};
    assert_int_equal(store_team_add(f->app.store, &f->other_team, &e), 0);
    add_user(f, RECRUITER, "rita", UROLE_RECRUITER);
    add_user(f, MANAGER, "tom", UROLE_TEAM_MANAGER);
    add_user(f, WORKER, "sam", UROLE_SOCIAL_WORKER);
    add_vacancy(f, true, false, f->swe_job);
    add_vacancy(f, false, false, f->plain_job);
    add_vacancy(f, false, true, f->closed_job);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->app.store);
    arena_release(&f->a);
    jobs_board_free(f->app.jobs);
    apply_limit_free(f->app.apply_limit);
    testdb_drop(&f->db);
    free(f);
    return 0;
}

/* --- requests ------------------------------------------------------------------------- */

/* A request id, as the transport gives every request (audit rows carry it). */
static struct call *begin(struct fx *f, const char *method, const char *path)
{
    static unsigned n;
    struct call *c = call_new(&f->a, method, path);
    snprintf(c->req.request_id, sizeof c->req.request_id, "recruit%u", ++n);
    return c;
}

static struct call *get(struct fx *f, int w, const char *path)
{
    struct call *c = begin(f, "GET", path);
    if (w >= 0)
        c->req.cookie = arena_printf(&f->a, "who=%d", w);
    return call_run(&f->app, c);
}

static struct call *post_form(struct fx *f, int w, const char *path, const char *body)
{
    struct call *c = begin(f, "POST", path);
    if (w >= 0)
        c->req.cookie = arena_printf(&f->a, "who=%d", w);
    c->req.origin = ORIGIN;
    c->req.content_type = "application/x-www-form-urlencoded";
    c->req.body = body;
    c->req.body_len = strlen(body);
    assert_int_equal(http_body_parse(&c->req), 0);
    return call_run(&f->app, c);
}

/* An application as the form sends it. NULL leaves a field out. */
struct answers {
    const char *given, *family, *email, *rtw, *swe, *statement, *privacy, *website;
    const char *cv_name, *cv;
    size_t cv_len;
    const char *ip, *origin;
    bool too_large;
};

static const char pdf[] = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
static const char docx[] = "PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....PK\x03\x04"
                           "word/document.xml....PK\x01\x02";
static const char exe[] = "MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode";

static struct answers good(void)
{
    return (struct answers){.given = "Ada",
                            .family = "Lovelace",
                            .email = "ada@example.com",
                            .rtw = "yes",
                            .swe = "sw123456",
                            .statement = "I have five years in assessment teams.",
                            .privacy = "yes",
                            .cv_name = "Ada CV.pdf",
                            .cv = pdf,
                            .cv_len = sizeof pdf - 1,
                            .ip = "192.0.2.1",
                            .origin = ORIGIN};
}

static void part(struct str *b, const char *name, const char *value)
{
    if (value)
        str_addf(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
                 name, value);
}

static struct call *apply(struct fx *f, const char *job, const struct answers *x)
{
    struct str b = STR_INIT;
    part(&b, "given_name", x->given);
    part(&b, "family_name", x->family);
    part(&b, "email", x->email);
    part(&b, "right_to_work", x->rtw);
    part(&b, "swe_number", x->swe);
    part(&b, "statement", x->statement);
    part(&b, "privacy", x->privacy);
    part(&b, "website", x->website);
    if (x->cv) {
        str_addf(&b,
                 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"cv\"; "
                 "filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                 x->cv_name);
        str_addn(&b, x->cv, x->cv_len);
        str_add(&b, "\r\n");
    }
    str_add(&b, "--" BOUNDARY "--\r\n");
    char *body = arena_alloc(&f->a, b.len);
    memcpy(body, b.buf, b.len);
    size_t len = b.len;
    str_release(&b);
    struct call *c = begin(f, "POST", arena_printf(&f->a, "/jobs/%s/apply", job));
    c->req.origin = x->origin;
    c->req.client_ip = x->ip;
    c->req.content_type = "multipart/form-data; boundary=" BOUNDARY;
    c->req.body_too_large = x->too_large;
    c->req.body = x->too_large ? NULL : body;
    c->req.body_len = x->too_large ? 0 : len;
    if (http_body_parse(&c->req) != 0) {
        c->req.nform = 0;
        c->req.nfiles = 0;
    }
    return call_run(&f->app, c);
}

static size_t applications(struct fx *f)
{
    void *rows;
    size_t n;
    int64_t total;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_list(f->app.store, &application_type, &(struct rec_query){0}, &f->a,
                                    &rows, &n, &total, &e),
                     KITH_OK);
    return (size_t)total;
}

static size_t audit_rows(struct fx *f, const char *action)
{
    struct audit_event *ev;
    size_t n, k = 0;
    struct kerr e = KERR_INIT;
    assert_int_equal(
        store_audit_list(f->app.store, &(struct audit_query){.limit = 10000}, &f->a, &ev, &n, &e),
        KITH_OK);
    for (size_t i = 0; i < n; i++)
        k += !strcmp(ev[i].action, action) && !strcmp(ev[i].outcome, "ok");
    return k;
}

/* The private link's token from a confirmation page. */
static const char *token_of(struct fx *f, const char *body)
{
    const char *p = strstr(body, "/applications/");
    assert_non_null(p);
    p += strlen("/applications/");
    size_t n = strcspn(p, "\"<");
    return arena_strndup(&f->a, p, n);
}

/* The reference (public id) from a confirmation page. */
static const char *reference_of(struct fx *f, const char *body)
{
    const char *p = strstr(body, "<strong>");
    assert_non_null(p);
    p += 8;
    return arena_strndup(&f->a, p, strcspn(p, "<"));
}

/* --- applying ------------------------------------------------------------------------- */

static void form_shown(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, -1, arena_printf(&f->a, "/jobs/%s/apply", f->swe_job));
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "enctype=\"multipart/form-data\""));
    assert_non_null(strstr(c->body, "name=\"swe_number\""));
    assert_non_null(strstr(c->body, "This role needs registration"));
    assert_non_null(strstr(c->body, "How we use your information"));
    assert_non_null(strstr(c->body, "<div hidden>"));
    assert_int_equal(get(f, -1, arena_printf(&f->a, "/jobs/%s/apply", f->closed_job))->res.status,
                     410);
    assert_int_equal(get(f, -1, "/jobs/zzzzzzzzzzzz/apply")->res.status, 404);
    /* the vacancy's page links to it */
    c = get(f, -1, arena_printf(&f->a, "/jobs/%s", f->swe_job));
    assert_non_null(strstr(c->body, arena_printf(&f->a, "/jobs/%s/apply", f->swe_job)));
}

static void applied_and_withdrawn(void **state)
{
    struct fx *f = *state;
    size_t before = applications(f), added = audit_rows(f, "application.add");
    struct answers x = good();
    struct call *c = apply(f, f->swe_job, &x);
    if (c->res.status != 200)
        fail_msg("status %d: %s", c->res.status, c->body);
    assert_non_null(strstr(c->body, "Application sent"));
    assert_int_equal(applications(f), before + 1);
    assert_int_equal(audit_rows(f, "application.add"), added + 1);
    const char *token = token_of(f, c->body), *ref = reference_of(f, c->body);
    struct application a;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_find(f->app.store, &application_type, ref, &f->a, &a, &e), KITH_OK);
    assert_string_equal(a.stage, "received");
    assert_string_equal(a.swe_number, "SW123456");
    assert_string_equal(a.cv_kind, "pdf");
    assert_string_equal(a.cv_name, "Ada CV.pdf");
    /* the CV is kept as it came, and the link's secret is not: only its digest */
    const void *data;
    size_t len;
    const char *digest;
    assert_int_equal(store_cv_get(f->app.store, a.h.id, &f->a, &data, &len, &digest, &e), KITH_OK);
    assert_int_equal(len, sizeof pdf - 1);
    assert_memory_equal(data, pdf, len);
    assert_null(strstr(a.withdraw_digest, token));

    c = get(f, -1, arena_printf(&f->a, "/applications/%s", token));
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "Received"));
    assert_non_null(strstr(c->body, "Withdraw my application"));
    c = post_form(f, -1, arena_printf(&f->a, "/applications/%s", token), "withdraw=yes");
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "Your application has been withdrawn"));
    assert_int_equal(store_rec_find(f->app.store, &application_type, ref, &f->a, &a, &e), KITH_OK);
    assert_string_equal(a.stage, "withdrawn");
    /* a withdrawn application cannot be withdrawn again; a wrong link names nothing */
    c = post_form(f, -1, arena_printf(&f->a, "/applications/%s", token), "withdraw=yes");
    assert_int_equal(c->res.status, 409);
    assert_non_null(strstr(c->body, "already been withdrawn"));
    assert_int_equal(
        get(f, -1, "/applications/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")->res.status, 404);
    assert_int_equal(get(f, -1, "/applications/bad$token")->res.status, 404);
}

/* Each refusal: its status, its message beside its field, and nothing stored. */
static void refusals(void **state)
{
    struct fx *f = *state;
    static char big[APPLICATION_CV_MAX + 16];
    memcpy(big, pdf, sizeof pdf - 1);
    struct {
        const char *what;
        const char *job; /* NULL: the one that needs registration */
        struct answers x;
        int status;
        const char *field, *text;
    } cases[] = {
        {"no name", NULL, good(), 422, "given_name", "first name"},
        {"a bad email", NULL, good(), 422, "email", "is not an email address"},
        {"no registration where the role needs it", NULL, good(), 422, "swe_number",
         "is needed for this role"},
        {"a registration number that is not one", NULL, good(), 422, "swe_number",
         "is not a Social Work England number"},
        {"a right to work that is no answer", NULL, good(), 422, "right_to_work", NULL},
        {"no privacy tick", NULL, good(), 422, "privacy", "has not been read"},
        {"no CV", NULL, good(), 422, "cv", "is missing"},
        {"a PDF named .docx", NULL, good(), 422, "cv", "does not match what it is"},
        {"a program named .pdf", NULL, good(), 422, "cv", "a program"},
        {"a text file named .pdf", NULL, good(), 422, "cv", "neither a PDF nor a Word"},
        {"a DOCX named .pdf", NULL, good(), 422, "cv", "does not match what it is"},
        {"a CV over 2 MB", NULL, good(), 413, NULL, "too large"},
        {"a body over the route's limit", NULL, good(), 413, NULL, "too large"},
        {"the honeypot", NULL, good(), 400, NULL, "could not be sent"},
        {"a post from elsewhere", NULL, good(), 403, NULL, NULL},
        {"a closed vacancy", "closed", good(), 410, NULL, "has closed"},
        {"no such vacancy", "zzzzzzzzzzzz", good(), 404, NULL, NULL},
    };
    size_t k = 0;
    cases[k++].x.given = NULL;
    cases[k++].x.email = "ada.example.com";
    cases[k++].x.swe = "";
    cases[k++].x.swe = "SW12X4";
    cases[k++].x.rtw = "maybe";
    cases[k++].x.privacy = NULL;
    cases[k].x.cv = NULL;
    cases[k++].x.cv_len = 0;
    cases[k++].x.cv_name = "cv.docx";
    cases[k].x.cv = exe;
    cases[k].x.cv_len = sizeof exe - 1;
    cases[k++].x.cv_name = "cv.pdf";
    cases[k].x.cv = "Dear recruiter, please find";
    cases[k++].x.cv_len = 27;
    cases[k].x.cv = docx;
    cases[k].x.cv_len = sizeof docx - 1;
    cases[k++].x.cv_name = "cv.pdf";
    cases[k].x.cv = big;
    cases[k++].x.cv_len = sizeof big;
    cases[k++].x.too_large = true;
    cases[k++].x.website = "http://spam.example";
    cases[k++].x.origin = "https://evil.example";
    size_t n = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < n; i++) {
        size_t before = applications(f);
        const char *job = !cases[i].job                     ? f->swe_job
                          : !strcmp(cases[i].job, "closed") ? f->closed_job
                                                            : cases[i].job;
        struct call *c = apply(f, job, &cases[i].x);
        if (c->res.status != cases[i].status)
            fail_msg("%s: status %d, expected %d", cases[i].what, c->res.status, cases[i].status);
        if (cases[i].field && !strstr(c->body, arena_printf(&f->a, "href=\"#%s", cases[i].field)))
            fail_msg("%s: no error for %s", cases[i].what, cases[i].field);
        if (cases[i].text && !strstr(c->body, cases[i].text))
            fail_msg("%s: the page does not say '%s'", cases[i].what, cases[i].text);
        if (applications(f) != before)
            fail_msg("%s: an application was stored", cases[i].what);
    }
    /* A role that needs no registration takes an application without one, as a DOCX. */
    struct answers x = good();
    x.swe = NULL;
    x.cv = docx;
    x.cv_len = sizeof docx - 1;
    x.cv_name = "cv.DOCX";
    assert_int_equal(apply(f, f->plain_job, &x)->res.status, 200);
}

static void limit_per_address(void **state)
{
    struct fx *f = *state;
    struct apply_limit *keep = f->app.apply_limit;
    f->app.apply_limit = apply_limit_new(3, 3600, fx_now);
    struct answers x = good();
    x.ip = "198.51.100.7";
    x.privacy = NULL; /* refused attempts count too */
    for (int i = 0; i < 3; i++)
        assert_int_equal(apply(f, f->swe_job, &x)->res.status, 422);
    size_t before = applications(f);
    x.privacy = "yes";
    struct call *c = apply(f, f->swe_job, &x);
    assert_int_equal(c->res.status, 429);
    assert_non_null(http_header_get(&c->res, "Retry-After"));
    assert_int_equal(applications(f), before);
    x.ip = "198.51.100.8"; /* another address is heard */
    assert_int_equal(apply(f, f->swe_job, &x)->res.status, 200);
    f->clock += 3600; /* and the first again after the window */
    x.ip = "198.51.100.7";
    assert_int_equal(apply(f, f->swe_job, &x)->res.status, 200);
    apply_limit_free(f->app.apply_limit);
    f->app.apply_limit = keep;
}

/* --- the back office ------------------------------------------------------------------- */

static const char *applied(struct fx *f, const char *given, const char *swe)
{
    struct answers x = good();
    x.given = given;
    x.swe = swe;
    struct call *c = apply(f, f->swe_job, &x);
    assert_int_equal(c->res.status, 200);
    return reference_of(f, c->body);
}

static void only_recruiters(void **state)
{
    struct fx *f = *state;
    const char *ref = applied(f, "Grace", "SW200001");
    const char *paths[] = {"/recruit", arena_printf(&f->a, "/recruit/vacancies/%s", f->swe_job),
                           arena_printf(&f->a, "/recruit/applications/%s", ref),
                           arena_printf(&f->a, "/recruit/applications/%s/cv", ref),
                           "/recruit/vacancy/new"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        assert_int_equal(get(f, WORKER, paths[i])->res.status, 403);
        assert_int_equal(get(f, -1, paths[i])->res.status, 401);
        assert_int_equal(get(f, MANAGER, paths[i])->res.status, 200);
    }
    assert_int_equal(post_form(f, WORKER, "/recruit/vacancy", "csrf=" TOKEN "&title=x")->res.status,
                     403);
    /* the use case refuses too, whoever calls it: the operator's kith record included */
    struct vacancy v;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_rec_find(f->app.store, &vacancy_type, f->plain_job, &f->a, &v, &e),
                     KITH_OK);
    struct actor op = {
        .username = "operator", .role = "operator", .now = 1800000000, .today = f->today};
    struct actor sw = {.user_id = f->who[WORKER].user_id,
                       .username = "sam",
                       .role = "social-worker",
                       .now = 1800000000,
                       .today = f->today};
    struct cw_err err;
    v.h.reason = "typo";
    cw_err_clear(&err);
    assert_int_equal(cw_rec_correct(f->app.store, &op, &vacancy_type, &v, &f->a, &err),
                     KITH_E_FORBIDDEN);
    cw_err_clear(&err);
    assert_int_equal(cw_rec_correct(f->app.store, &sw, &vacancy_type, &v, &f->a, &err),
                     KITH_E_FORBIDDEN);
    struct application a;
    cw_err_clear(&err);
    assert_int_equal(cw_rec_view(f->app.store, &sw, &application_type, ref, &f->a, &a, &err),
                     KITH_E_FORBIDDEN);
}

static void views_audited(void **state)
{
    struct fx *f = *state;
    const char *ref = applied(f, "Mary", "SW200002");
    size_t views = audit_rows(f, "application.view"), cvs = audit_rows(f, "application.cv"),
           lists = audit_rows(f, "application.list");
    struct call *c = get(f, RECRUITER, arena_printf(&f->a, "/recruit/vacancies/%s", f->swe_job));
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "Mary Lovelace"));
    assert_int_equal(audit_rows(f, "application.list"), lists + 1);
    c = get(f, RECRUITER, arena_printf(&f->a, "/recruit/applications/%s", ref));
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "I have five years in assessment teams."));
    assert_int_equal(audit_rows(f, "application.view"), views + 1);
    c = get(f, RECRUITER, arena_printf(&f->a, "/recruit/applications/%s/cv", ref));
    assert_int_equal(c->res.status, 200);
    assert_string_equal(c->res.content_type, "application/pdf");
    assert_int_equal(c->res.len, sizeof pdf - 1);
    assert_memory_equal(c->res.body, pdf, c->res.len);
    assert_non_null(strstr(http_header_get(&c->res, "Content-Disposition"), "attachment"));
    assert_int_equal(audit_rows(f, "application.cv"), cvs + 1);
}

static struct call *move_to(struct fx *f, const char *ref, int version, const char *stage,
                            const char *note, const char *team)
{
    int y, m, d;
    date_to_ymd(f->today, &y, &m, &d);
    return post_form(f, RECRUITER, arena_printf(&f->a, "/recruit/applications/%s/move", ref),
                     arena_printf(&f->a,
                                  "csrf=" TOKEN
                                  "&version=%d&stage=%s&on-day=%d&on-month=%d&on-year=%d%s%s%s%s",
                                  version, stage, d, m, y, note ? "&note=" : "", note ? note : "",
                                  team ? "&team=" : "", team ? team : ""));
}

static struct call *move(struct fx *f, const char *ref, int version, const char *stage,
                         const char *note)
{
    return move_to(f, ref, version, stage, note, NULL);
}

static void pipeline_and_appointment(void **state)
{
    struct fx *f = *state;
    const char *ref = applied(f, "Katherine", "SW300003");
    assert_int_equal(move(f, ref, 1, "shortlisted", "strong+statement")->res.status, 303);
    assert_int_equal(move(f, ref, 2, "received", "back")->res.status, 422);   /* backwards */
    assert_int_equal(move(f, ref, 2, "interview", NULL)->res.status, 422);    /* no note */
    assert_int_equal(move(f, ref, 2, "banana", "x")->res.status, 422);        /* no such stage */
    assert_int_equal(move(f, ref, 1, "interview", "stale")->res.status, 409); /* stale version */
    assert_int_equal(move(f, ref, 2, "interview", "panel+on+Tuesday")->res.status, 303);
    assert_int_equal(move(f, ref, 3, "offer", "verbal+offer")->res.status, 303);
    struct worker w;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_worker_find(f->app.store, "SW300003", &f->a, &w, &e), KITH_E_NOT_FOUND);
    /* the form offers the teams, the one the vacancy names chosen first */
    struct call *c = get(f, RECRUITER, arena_printf(&f->a, "/recruit/applications/%s", ref));
    assert_non_null(
        strstr(c->body, arena_printf(&f->a, "<option value=\"%s\" selected>", f->team.public_id)));
    assert_non_null(strstr(c->body, f->other_team.public_id));
    /* appointing names the team from that list: none, or one that is not a team, is refused
     * beside the field, and nothing is written */
    c = move(f, ref, 4, "appointed", "accepted");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "Team is missing: expected one of the teams"));
    c = move_to(f, ref, 4, "appointed", "accepted", "0000000000000000000000000a");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "is not one of the teams"));
    assert_int_equal(store_worker_find(f->app.store, "SW300003", &f->a, &w, &e), KITH_E_NOT_FOUND);
    /* a team the vacancy does not name (its words need not be a team's name) */
    assert_int_equal(
        move_to(f, ref, 4, "appointed", "accepted", f->other_team.public_id)->res.status, 303);
    /* the worker record, from the application and the vacancy: nothing typed again */
    assert_int_equal(store_worker_find(f->app.store, "SW300003", &f->a, &w, &e), KITH_OK);
    assert_string_equal(w.given_name, "Katherine");
    assert_string_equal(w.family_name, "Lovelace");
    assert_int_equal(w.role, ROLE_SOCIAL_WORKER);
    assert_true(w.start == f->today);
    assert_int_equal(w.team_id, f->other_team.id);
    assert_true(w.fte == 1.0);
    assert_int_equal(move(f, ref, 5, "rejected", "no")->res.status, 422); /* final */
    c = get(f, RECRUITER, arena_printf(&f->a, "/recruit/applications/%s", ref));
    assert_non_null(strstr(c->body, "Interview on"));
    assert_non_null(strstr(c->body, "panel on Tuesday"));
    c = get(f, RECRUITER, arena_printf(&f->a, "/recruit/vacancies/%s", f->swe_job));
    assert_non_null(strstr(c->body, "5 days from publication to appointment"));
}

static void vacancy_written_by_recruiter(void **state)
{
    struct fx *f = *state;
    int y, m, d, y2, m2, d2;
    date_to_ymd(f->today, &y, &m, &d);
    date_to_ymd(date_add_days(f->today, 30), &y2, &m2, &d2);
    const char *body = arena_printf(
        &f->a,
        "csrf=" TOKEN "&title=Senior+Practitioner+Zebedee&team=Assessment+Team&role=senior-"
        "practitioner&contract=permanent&hours=full-time&arrangement=hybrid&salary_min=45000&"
        "salary_max=50000&published_on-day=%d&published_on-month=%d&published_on-year=%d&"
        "closing_date-day=%d&closing_date-month=%d&closing_date-year=%d&employer=LB+Testbury&"
        "location=Town+Hall&description=Lead+assessments",
        d, m, y, d2, m2, y2);
    struct call *c = post_form(f, RECRUITER, "/recruit/vacancy", body);
    if (c->res.status != 303)
        fail_msg("status %d: %s", c->res.status, c->body);
    const char *where = http_header_get(&c->res, "Location");
    const char *id = where + strlen("/recruit/vacancies/");
    assert_non_null(strstr(get(f, -1, "/jobs?keywords=zebedee")->body, "Showing 1 to 1 of 1"));
    c = post_form(f, RECRUITER, arena_printf(&f->a, "/recruit/vacancies/%s/close", id),
                  "csrf=" TOKEN);
    assert_int_equal(c->res.status, 303);
    assert_non_null(strstr(get(f, -1, "/jobs?keywords=zebedee")->body, "No open vacancies"));
    assert_int_equal(get(f, -1, arena_printf(&f->a, "/jobs/%s", id))->res.status, 410);
    /* a bad value: the form again with the problem, nothing written */
    c = post_form(f, RECRUITER, "/recruit/vacancy", "csrf=" TOKEN "&title=&salary_min=12");
    assert_int_equal(c->res.status, 422);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(form_shown),
        cmocka_unit_test(applied_and_withdrawn),
        cmocka_unit_test(refusals),
        cmocka_unit_test(limit_per_address),
        cmocka_unit_test(only_recruiters),
        cmocka_unit_test(views_audited),
        cmocka_unit_test(pipeline_and_appointment),
        cmocka_unit_test(vacancy_written_by_recruiter),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
