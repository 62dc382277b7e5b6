/*
 * The web application in-process, through the router and the real route table, on a real
 * SQLite file: every route has a policy; refusals (401, 403, 404, 405, 413) come before
 * any handler; CSRF (missing or wrong token, missing or foreign Origin) is 403; a GET to
 * a mutating route is 405; undeclared parameters never reach a handler; every response
 * carries the security headers; a child whose name is markup is shown as text; a rejected
 * case-note form comes back with everything typed and the GOV.UK error summary.
 *
 * Sessions are the next step: until they land, the test authenticates with a table of
 * principals keyed by the Cookie header, through the same hook the session code will use.
 */
#include "../unit/test.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/esc.h"
#include "core/str.h"
#include "domain/record.h"
#include "http/assets.h"
#include "http/html.h"
#include "http/router.h"
#include "store/store.h"

#define ORIGIN "http://127.0.0.1:8080"
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define XSS_NAME "<img src=x onerror=alert(1)>"

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal worker, reader, nobody;
    char child_id[32];
};

static struct http_principal *by_cookie(struct http_app *app, struct http_request *req)
{
    struct fx *f = app->auth_data;
    if (!req->cookie)
        return NULL;
    if (strcmp(req->cookie, "as=worker") == 0)
        return &f->worker;
    if (strcmp(req->cookie, "as=reader") == 0)
        return &f->reader;
    if (strcmp(req->cookie, "as=nobody") == 0)
        return &f->nobody;
    return NULL;
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

    struct team t = {.name = "Assessment", .service = SERVICE_ASSESSMENT, .caseload_threshold = 18};
    kdate start;
    date_parse_iso("2024-01-02", &start, NULL);
    struct worker w = {.team_id = 0,
                       .given_name = "Ada",
                       .family_name = "Okafor",
                       .role = ROLE_SOCIAL_WORKER,
                       .fte = 1.0,
                       .start = start,
                       .end = DATE_NONE};
    struct person c = {.kind = PERSON_CHILD,
                       .given_name = XSS_NAME,
                       .family_name = "Test",
                       .la_child_id = "LA0000001",
                       .dob = DATE_NONE,
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'U',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    if (store_team_add(f->app.store, &t, &e))
        return -1;
    w.team_id = t.id;
    if (store_worker_add(f->app.store, &w, &e) || store_person_add(f->app.store, &c, &e))
        return -1;
    struct allocation al = {.child_id = c.id,
                            .worker_id = w.id,
                            .role = ALLOC_SOCIAL_WORKER,
                            .start = start,
                            .end = DATE_NONE};
    if (store_allocation_add(f->app.store, &al, &e))
        return -1;
    snprintf(f->child_id, sizeof f->child_id, "%s", c.public_id);

    f->worker =
        (struct http_principal){.user_id = 1,
                                .username = "ada",
                                .worker_id = w.id,
                                .perms = ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE,
                                .csrf_token = TOKEN};
    f->reader = (struct http_principal){.user_id = 2,
                                        .username = "reader",
                                        .worker_id = 0,
                                        .perms = ROUTE_SIGNED_IN | ROUTE_CHILD_READ,
                                        .csrf_token = TOKEN};
    f->nobody = (struct http_principal){
        .user_id = 3, .username = "nobody", .perms = ROUTE_SIGNED_IN, .csrf_token = TOKEN};
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

/* One exchange: method, path, cookie, origin and a form body (may be NULL). */
static struct call *call(struct fx *f, const char *method, const char *path, const char *cookie,
                         const char *origin, const char *form)
{
    struct call *c = call_new(&f->a, method, path);
    c->req.cookie = cookie;
    c->req.origin = origin;
    snprintf(c->req.request_id, sizeof c->req.request_id, "%s", "00000000000000000000000000000001");
    if (form)
        assert_int_equal(http_form_parse(&c->req, form, strlen(form)), 0);
    return call_run(&f->app, c);
}

static void assert_security_headers(const struct http_response *res)
{
    const char *csp = http_header_get(res, "Content-Security-Policy");
    assert_non_null(csp);
    assert_null(strstr(csp, "unsafe-inline"));
    assert_non_null(strstr(csp, "frame-ancestors 'none'"));
    assert_non_null(strstr(csp, "script-src 'self'"));
    assert_string_equal(http_header_get(res, "X-Content-Type-Options"), "nosniff");
    assert_string_equal(http_header_get(res, "X-Frame-Options"), "DENY");
    assert_string_equal(http_header_get(res, "Referrer-Policy"), "same-origin");
    assert_string_equal(http_header_get(res, "Cache-Control"), "no-store");
    assert_null(http_header_get(res, "Strict-Transport-Security")); /* plain HTTP here */
}

/* --- the table itself ------------------------------------------------------------------ */

static void every_route_has_a_policy(void **state)
{
    (void)state;
    size_t n = 0;
    for (const struct route *r = routes; r->handler; r++, n++) {
        assert_non_null(r->pattern);
        assert_true(r->pattern[0] == '/');
        if (r->perm == ROUTE_PERM_UNSET)
            fail_msg("route %s has no permission", r->pattern);
        /* Public means public: no other bit may be mixed in by mistake. */
        if ((r->perm & ROUTE_PUBLIC) && r->perm != ROUTE_PUBLIC)
            fail_msg("route %s is public and also asks for permissions", r->pattern);
        bool unsafe = r->method != HTTP_GET && r->method != HTTP_HEAD;
        /* API routes take bearer tokens, never cookies: no ambient credential to forge. */
        if (unsafe && !(r->flags & (ROUTE_CSRF | ROUTE_API)))
            fail_msg("route %s %s changes state without CSRF protection", "POST", r->pattern);
        if (!unsafe && r->params)
            fail_msg("GET route %s takes form parameters: searches are POSTs", r->pattern);
        for (const struct route_param *p = r->params; p && p->name; p++) {
            assert_true(p->max > 0);
            assert_true(strcmp(p->name, "csrf") != 0);
            for (const struct route_param *q = p + 1; q->name; q++)
                assert_string_not_equal(p->name, q->name);
        }
        assert_non_null(r->name);
        assert_null(strpbrk(r->name, "?"));
    }
    assert_true(n >= 6);
}

/* Every route whose path names a record ({id}, {rid}) names its scope check, so no
 * handler can forget to ask whether the account may see it (http/scope.h). */
static void every_id_route_names_its_scope(void **state)
{
    (void)state;
    size_t n = 0;
    for (const struct route *r = routes; r->handler; r++) {
        bool names_a_record = strstr(r->pattern, "{id}") || strstr(r->pattern, "{rid}");
        if (names_a_record && !r->scope)
            fail_msg("route %s reaches a record by its id with no scope check", r->pattern);
        n += names_a_record;
    }
    assert_true(n >= 20);
}

/* A row whose permission is a type's keepers' (ROUTE_KEPT: the router asks only for a
 * signed-in account) names the scope that asks them, and so does every row that reaches
 * the records of a type on their own (/records/{type}, with no child's id before it): a
 * row without would let any account read a type that hangs off no child. */
static void kept_type_routes_name_their_scope(void **state)
{
    (void)state;
    size_t kept = 0, lists = 0;
    for (const struct route *r = routes; r->handler; r++) {
        bool of_a_type =
            strstr(r->pattern, "{type}") && !strstr(r->pattern, "{id}") &&
            (!strncmp(r->pattern, "/records/", 9) || !strncmp(r->pattern, "/api/v1/records/", 16));
        if ((r->flags & ROUTE_KEPT || of_a_type) && !r->scope)
            fail_msg("route %s reaches a type's records with no scope check", r->pattern);
        if (r->flags & ROUTE_KEPT && !(r->perm & ROUTE_SIGNED_IN))
            fail_msg("route %s lets a type's keepers decide but asks no one to sign in",
                     r->pattern);
        kept += (r->flags & ROUTE_KEPT) != 0;
        lists += of_a_type && !strstr(r->pattern, "{rid}");
    }
    assert_true(kept >= 12);
    assert_true(lists >= 5); /* the list, its form and its add, on the pages and the API */
}

static void route_patterns_match(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *pattern, *path;
        bool match;
        const char *arg;
    } cases[] = {
        {"/children/{id}", "/children/abc123", true, "abc123"},
        {"/children/{id}", "/children/", false, NULL},
        {"/children/{id}", "/children/abc/notes", false, NULL},
        {"/children/{id}/notes", "/children/abc/notes", true, "abc"},
        {"/children/{id}/notes", "/children/abc/notesx", false, NULL},
        {"/", "/", true, NULL},
        {"/", "//", false, NULL},
        {"/search", "/search/", false, NULL},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const char *args[HTTP_PATH_ARGS_MAX] = {0};
        bool m = router_match(cases[i].pattern, cases[i].path, &f->a, args);
        assert_int_equal(m, cases[i].match);
        if (cases[i].arg)
            assert_string_equal(args[0], cases[i].arg);
    }
}

static void parameter_types(void **state)
{
    (void)state;
    static const struct {
        enum route_param_type type;
        const char *value;
        size_t max;
        bool ok;
    } cases[] = {
        {PARAM_LINE, "Smith", 10, true},
        {PARAM_LINE, "Smith\n", 10, false},
        {PARAM_LINE, "0123456789a", 10, false},
        {PARAM_TEXT, "two\nlines\ttab", 20, true},
        {PARAM_TEXT, "bell\a", 20, false},
        {PARAM_PUBLIC_ID, "abc123", 20, true},
        {PARAM_PUBLIC_ID, "ABC", 20, false},
        {PARAM_PUBLIC_ID, "../x", 20, false},
        {PARAM_INT, "42", 5, true},
        {PARAM_INT, "-1", 5, false},
        {PARAM_DATE, "2026-11-23", 10, true},
        {PARAM_DATE, "23/11/2026", 10, false},
        {PARAM_DATE, "", 10, true}, /* empty: "required" decides */
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        assert_int_equal(router_param_ok(cases[i].type, cases[i].value, cases[i].max), cases[i].ok);
}

/* --- refusals -------------------------------------------------------------------------- */

static void refusals_before_handlers(void **state)
{
    struct fx *f = *state;
    char child[64], notes[80];
    snprintf(child, sizeof child, "/children/%s", f->child_id);
    snprintf(notes, sizeof notes, "/children/%s/notes", f->child_id);
    const char *ok_note = "csrf=" TOKEN "&date=2026-01-05&kind=home-visit&subject=Visit&body=Seen";
    const char *no_token = "date=2026-01-05&kind=home-visit&subject=Visit&body=Seen";
    const char *bad_token = "csrf=" TOKEN "x&date=2026-01-05&kind=home-visit&subject=V&body=S";
    static const char *const foreign = "https://evil.example";
    struct {
        const char *method, *path, *cookie, *origin, *form;
        int status;
    } cases[] = {
        {"GET", "/nowhere", "as=worker", NULL, NULL, 404},
        {"GET", "/healthz", NULL, NULL, NULL, 200},
        {"GET", "/", NULL, NULL, NULL, 401},
        {"GET", child, NULL, NULL, NULL, 401},
        {"GET", child, "as=forged", NULL, NULL, 401},
        {"GET", child, "as=nobody", NULL, NULL, 403},
        {"GET", child, "as=worker", NULL, NULL, 200},
        {"GET", "/children/NOT-AN-ID", "as=worker", NULL, NULL, 404},
        {"GET", "/children/7zzzzzzzzzzzzzzzzzzzzzzzzz", "as=worker", NULL, NULL, 404},
        {"GET", notes, "as=worker", NULL, NULL, 405}, /* GET to a mutating route */
        {"DELETE", child, "as=worker", ORIGIN, NULL, 405},
        {"POST", "/healthz", NULL, ORIGIN, NULL, 405},
        {"POST", notes, NULL, ORIGIN, ok_note, 401},
        {"POST", notes, "as=reader", ORIGIN, ok_note, 403}, /* no note permission */
        {"POST", notes, "as=worker", ORIGIN, no_token, 403},
        {"POST", notes, "as=worker", ORIGIN, bad_token, 403},
        {"POST", notes, "as=worker", foreign, ok_note, 403},
        {"POST", notes, "as=worker", NULL, ok_note, 403},
        {"POST", notes, "as=worker", "null", ok_note, 403},
        {"POST", "/search", "as=worker", foreign, "csrf=" TOKEN "&q=Test", 403},
        {"POST", "/search", "as=worker", ORIGIN, "q=Test", 403},
        {"POST", "/search", "as=worker", ORIGIN, "csrf=" TOKEN "&q=Test", 200},
        {"POST", notes, "as=worker", ORIGIN, ok_note, 303},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct call *c = call(f, cases[i].method, cases[i].path, cases[i].cookie, cases[i].origin,
                              cases[i].form);
        if (c->res.status != cases[i].status)
            fail_msg("case %zu: %s %s answered %d, expected %d", i, cases[i].method, cases[i].path,
                     c->res.status, cases[i].status);
        assert_security_headers(&c->res);
        if (c->res.status == 405)
            assert_non_null(http_header_get(&c->res, "Allow"));
        /* No refusal shows the child's name or id. */
        if (c->res.status >= 400) {
            assert_null(strstr(c->body, "onerror"));
            assert_null(strstr(c->body, "LA0000001"));
        }
    }
}

static void body_too_large_is_413(void **state)
{
    struct fx *f = *state;
    struct call *c = arena_zalloc(&f->a, sizeof *c);
    c->req = (struct http_request){.arena = &f->a,
                                   .method = HTTP_POST,
                                   .method_name = "POST",
                                   .path = "/search",
                                   .origin = ORIGIN,
                                   .cookie = "as=worker",
                                   .body_too_large = true};
    router_handle(&f->app, routes, &c->req, &c->res);
    assert_int_equal(c->res.status, 413);
    assert_security_headers(&c->res);
}

static void undeclared_parameters_are_dropped(void **state)
{
    struct fx *f = *state;
    struct call *c =
        call(f, "POST", "/search", "as=worker", ORIGIN, "csrf=" TOKEN "&q=Test&admin=1&q2=x");
    assert_int_equal(c->res.status, 200);
    assert_non_null(http_param(&c->req, "q"));
    assert_null(http_param(&c->req, "admin"));
    assert_null(http_param(&c->req, "q2"));
    assert_null(http_param(&c->req, "csrf"));
    /* An over-long field is the form again with the field's message and the text as it
     * was typed (422), not a silent cut and not a bare page. */
    char form[400];
    snprintf(form, sizeof form, "csrf=%s&q=%0150d", TOKEN, 0);
    c = call(f, "POST", "/search", "as=worker", ORIGIN, form);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#q\">Search must be 100 characters or fewer"));
    assert_non_null(strstr(c->body, form + strlen("csrf=" TOKEN "&q=")));
}

static void hsts_only_behind_tls(void **state)
{
    struct fx *f = *state;
    f->app.behind_tls = true;
    struct call *c = call(f, "GET", "/healthz", NULL, NULL, NULL);
    f->app.behind_tls = false;
    assert_non_null(http_header_get(&c->res, "Strict-Transport-Security"));
}

/* --- pages ----------------------------------------------------------------------------- */

static void markup_in_a_name_is_text(void **state)
{
    struct fx *f = *state;
    char child[64];
    snprintf(child, sizeof child, "/children/%s", f->child_id);
    const char *pages[] = {child, "/"};
    for (size_t i = 0; i < N_ELEMS(pages); i++) {
        struct call *c = call(f, "GET", pages[i], "as=worker", NULL, NULL);
        assert_int_equal(c->res.status, 200);
        assert_string_equal(c->res.content_type, "text/html; charset=utf-8");
        assert_non_null(strstr(c->body, "&lt;img src=x onerror=alert(1)&gt;"));
        assert_null(strstr(c->body, "<img"));
        /* Scripts are kith's own files only, never inline. */
        for (const char *sc = strstr(c->body, "<script"); sc; sc = strstr(sc + 1, "<script")) {
            const char *end = strstr(sc, ">");
            assert_non_null(end);
            assert_non_null(strstr(sc, "src=\"/assets/"));
            assert_true(strstr(sc, "src=\"/assets/") < end);
            assert_true(strncmp(end, "></script>", 10) == 0);
        }
        assert_null(strstr(c->body, " style="));
    }
    struct call *c = call(f, "POST", "/search", "as=worker", ORIGIN, "csrf=" TOKEN "&q=%3Cimg");
    assert_int_equal(c->res.status, 200);
    assert_null(strstr(c->body, "<img"));
    assert_non_null(strstr(c->body, "value=\"&lt;img\""));
}

static void rejected_note_keeps_what_was_typed(void **state)
{
    struct fx *f = *state;
    char notes[80], child[64];
    snprintf(notes, sizeof notes, "/children/%s/notes", f->child_id);
    snprintf(child, sizeof child, "/children/%s", f->child_id);
    struct call *c = call(f, "POST", notes, "as=worker", ORIGIN,
                          "csrf=" TOKEN "&date=2099-01-01&kind=home-visit&subject=&body="
                          "Saw+%22K%22+%26+mum%0Aat+home");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "govuk-error-summary"));
    assert_non_null(strstr(c->body, "<title>Error: "));
    assert_non_null(strstr(c->body, "href=\"#subject\">Enter the subject"));
    assert_non_null(strstr(c->body, "id=\"subject-error\""));
    assert_non_null(
        strstr(c->body, "href=\"#date-day\">Date of the note must be today or in the past"));
    assert_non_null(strstr(c->body, "Saw &quot;K&quot; &amp; mum\nat home</textarea>"));
    assert_non_null(strstr(c->body, "name=\"date-day\" type=\"text\" value=\"2099-01-01\""));
    assert_non_null(strstr(c->body, "<option value=\"home-visit\" selected>"));
    assert_non_null(strstr(c->body, "name=\"csrf\" value=\"" TOKEN "\""));

    c = call(f, "POST", notes, "as=worker", ORIGIN,
             "csrf=" TOKEN "&date=2026-01-05&kind=phone-call&subject=Called+school&body=Fine");
    assert_int_equal(c->res.status, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), child);
    c = call(f, "GET", child, "as=worker", NULL, NULL);
    assert_non_null(strstr(c->body, "Called school"));
    assert_non_null(strstr(c->body, "Phone or video call"));
}

/* A note posted with `date` (the three fields, url-encoded) and the rest fixed. */
static struct call *post_note(struct fx *f, const char *date, const char *subject, const char *body)
{
    char notes[80];
    snprintf(notes, sizeof notes, "/children/%s/notes", f->child_id);
    return call(f, "POST", notes, "as=worker", ORIGIN,
                arena_printf(&f->a, "csrf=" TOKEN "&%s&kind=home-visit&subject=%s&body=%s", date,
                             subject, body));
}

/* Dates are typed as people type them, into day, month and year; impossible ones are
 * refused beside the field with what was typed kept, the parts at fault marked. */
static void dates_as_people_type_them(void **state)
{
    struct fx *f = *state;
    static const char *const saved[] = {
        "date-day=5&date-month=12&date-year=2025",
        "date-day=05&date-month=Dec&date-year=2025",
        "date-day=+5+&date-month=december&date-year=2025",
        "date-day=5&date-month=sept&date-year=2025",
        "date-day=05%2F12%2F2025&date-month=&date-year=", /* the way the pages show dates */
        "date-day=2025-12-05",
        "date-day=5+Dec+2025",
        "date=2025-12-05", /* one box, from a page served before the date input */
    };
    for (size_t i = 0; i < N_ELEMS(saved); i++) {
        struct call *c = post_note(f, saved[i], "Visit", "Fine");
        if (c->res.status != 303)
            fail_msg("%s: %d", saved[i], c->res.status);
    }
    static const struct {
        const char *typed, *message, *marked[3];
    } refused[] = {
        {"date-day=&date-month=&date-year=",
         "href=\"#date-day\">Enter the date of the note",
         {"day", "month", "year"}},
        {"date-day=5&date-month=&date-year=2025",
         "href=\"#date-month\">Date of the note must include a month",
         {"month"}},
        {"date-day=&date-month=&date-year=2025",
         "href=\"#date-day\">Date of the note must include a day and month",
         {"day", "month"}},
        {"date-day=31&date-month=2&date-year=2025",
         "href=\"#date-day\">Date of the note must be a real date",
         {"day"}},
        {"date-day=5&date-month=13&date-year=2025",
         "href=\"#date-month\">Date of the note must be a real date",
         {"month"}},
        {"date-day=5&date-month=Decembre&date-year=2025",
         "href=\"#date-month\">Date of the note must be a real date",
         {"month"}},
        {"date-day=5&date-month=12&date-year=25",
         "href=\"#date-year\">Year must include 4 numbers",
         {"year"}},
        {"date-day=5&date-month=12&date-year=2099",
         "href=\"#date-day\">Date of the note must be today or in the past",
         {"day", "month", "year"}},
    };
    for (size_t i = 0; i < N_ELEMS(refused); i++) {
        struct call *c = post_note(f, refused[i].typed, "Visit", "Kit+was+well");
        assert_int_equal(c->res.status, 422);
        if (!strstr(c->body, refused[i].message))
            fail_msg("%s: no \"%s\"", refused[i].typed, refused[i].message);
        assert_non_null(strstr(c->body, "Kit was well</textarea>"));
        assert_non_null(strstr(c->body, "id=\"date-error\""));
        static const char *const parts[] = {"day", "month", "year"};
        for (size_t p = 0; p < 3; p++) {
            bool marked = false;
            for (size_t m = 0; m < 3 && refused[i].marked[m]; m++)
                marked = marked || !strcmp(refused[i].marked[m], parts[p]);
            const char *input = strstr(c->body, arena_printf(&f->a, "id=\"date-%s\"", parts[p]));
            assert_non_null(input);
            const char *cls = input;
            while (cls > c->body && strncmp(cls, "<input", 6) != 0)
                cls--;
            bool has =
                strstr(cls, "govuk-input--error") && strstr(cls, "govuk-input--error") < input;
            if (has != marked)
                fail_msg("%s: the %s %s marked", refused[i].typed, parts[p],
                         marked ? "is not" : "is");
        }
    }
    /* What was typed comes back as it was typed. */
    struct call *c = post_note(f, "date-day=31&date-month=Feb&date-year=2025", "Visit", "x");
    assert_non_null(strstr(c->body, "name=\"date-month\" type=\"text\" value=\"Feb\""));
    /* The form's fields: a fieldset with a legend, three inputs, the example as hint. */
    c = call(f, "GET", arena_printf(&f->a, "/children/%s", f->child_id), "as=worker", NULL, NULL);
    assert_non_null(strstr(c->body, "<legend class=\"govuk-fieldset__legend\">Date of the note"));
    assert_non_null(strstr(c->body, "name=\"date-year\" type=\"text\" inputmode=\"numeric\""));
}

/* The limits show on the form before anything is sent, and going over one is refused
 * beside the field with everything typed kept. */
static void field_limits_keep_the_text(void **state)
{
    struct fx *f = *state;
    struct call *c =
        call(f, "GET", arena_printf(&f->a, "/children/%s", f->child_id), "as=worker", NULL, NULL);
    assert_non_null(
        strstr(c->body, "data-module=\"govuk-character-count\" data-maxlength=\"20000\""));
    assert_non_null(strstr(c->body, "You can enter up to 20000 characters"));
    assert_non_null(strstr(c->body, "You can enter up to 200 characters"));

    char *subject = arena_alloc(&f->a, 202);
    memset(subject, 's', 201);
    subject[201] = '\0';
    c = post_note(f, "date-day=5&date-month=12&date-year=2025", subject, "Kit+was+well");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#subject\">Subject must be 200 characters or fewer"));
    assert_non_null(strstr(c->body, arena_printf(&f->a, "value=\"%s\"", subject)));
    assert_non_null(strstr(c->body, "Kit was well</textarea>"));
    assert_non_null(strstr(c->body, "name=\"date-day\" type=\"text\" value=\"5\""));

    /* A control character is refused the same way, in domain/text.h's words. */
    c = post_note(f, "date-day=5&date-month=12&date-year=2025", "Esc%1B", "Kit+was+well");
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "Subject holds a control character (U+001B)"));
    assert_non_null(strstr(c->body, "Kit was well</textarea>"));

    /* 20,000 characters is the limit, counted as the browser counts: a line break typed
     * is one (sent as CR LF), and "é" is one (two bytes). 20,001 is refused. */
    struct str body;
    str_init(&body, 0);
    for (int i = 0; i < 2000; i++)
        str_add(&body, "%C3%A9bcdefghi%0D%0A"); /* 10 characters a line */
    str_addc(&body, '\0');
    c = post_note(f, "date-day=5&date-month=12&date-year=2025", "Long", body.buf);
    assert_int_equal(c->res.status, 303);
    body.len--;
    str_add(&body, "z");
    str_addc(&body, '\0');
    c = post_note(f, "date-day=5&date-month=12&date-year=2025", "Long", body.buf);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#body\">Note must be 20000 characters or fewer"));
    assert_non_null(strstr(c->body, "ébcdefghi\r\nz</textarea>"));
    str_release(&body);
}

/* Notes keep the paragraphs and line breaks they were written with, as text. */
static void notes_keep_their_paragraphs(void **state)
{
    struct fx *f = *state;
    struct call *c = post_note(f, "date-day=5&date-month=12&date-year=2025", "Visit",
                               "First+line%0D%0Asecond+line%0D%0A%0D%0A%0D%0A%3Cb%3ENew%3C%2Fb%3E+"
                               "paragraph%0D%0A");
    assert_int_equal(c->res.status, 303);
    c = call(f, "GET", arena_printf(&f->a, "/children/%s", f->child_id), "as=worker", NULL, NULL);
    assert_non_null(strstr(c->body, "<div class=\"moj-timeline__description\"><p "
                                    "class=\"govuk-body\">First line<br>second line</p><p "
                                    "class=\"govuk-body\">&lt;b&gt;New&lt;/b&gt; paragraph</p>"
                                    "</div>"));
}

/* Every error page is the service's page: header, footer, a way home, the reference. */
static void error_pages_have_the_layout(void **state)
{
    struct fx *f = *state;
    char notes[80];
    snprintf(notes, sizeof notes, "/children/%s/notes", f->child_id);
    struct {
        struct call *c;
        int status;
    } pages[] = {
        {call(f, "GET", "/no-such-page", NULL, NULL, NULL), 404},
        {call(f, "GET", "/no-such-page", "as=worker", NULL, NULL), 404},
        {call(f, "GET", "/sign-out", "as=worker", NULL, NULL), 405},
        {call(f, "GET", "/audit", "as=worker", NULL, NULL), 403},
        {call(f, "POST", "/search", "as=worker", "https://evil.example", "csrf=" TOKEN "&q=x"),
         403},
        {call(f, "POST", notes, "as=reader", ORIGIN, "csrf=" TOKEN "&body=x"), 403},
        {call(f, "GET", "/children/zzzzzzzzzzzz", "as=worker", NULL, NULL), 404},
    };
    for (size_t i = 0; i < N_ELEMS(pages); i++) {
        const struct call *c = pages[i].c;
        assert_int_equal(c->res.status, pages[i].status);
        assert_non_null(strstr(c->body, "class=\"govuk-generic-header\""));
        assert_non_null(strstr(c->body, "class=\"govuk-template__footer\""));
        assert_non_null(strstr(c->body, "href=\"/assets/"));
        assert_non_null(
            strstr(c->body, "<a class=\"govuk-link\" href=\"/\">Go to the kith home page"));
        assert_non_null(strstr(c->body, "Reference: 00000000000000000000000000000001"));
        /* Signed in: the navigation and the way to sign out are there too. */
        if (c->req.principal)
            assert_non_null(strstr(c->body, "action=\"/sign-out\""));
    }
    /* A 413 (the body was dropped unread) and a handler's bare status are pages too. */
    struct call *c = arena_zalloc(&f->a, sizeof *c);
    c->req = (struct http_request){.arena = &f->a,
                                   .method = HTTP_POST,
                                   .method_name = "POST",
                                   .path = "/search",
                                   .origin = ORIGIN,
                                   .cookie = "as=worker",
                                   .body_too_large = true};
    router_handle(&f->app, routes, &c->req, &c->res);
    assert_int_equal(c->res.status, 413);
    assert_non_null(
        strstr(arena_strndup(&f->a, c->res.body, c->res.len), "Go to the kith home page"));
}

static void caseload_lists_allocated_children(void **state)
{
    struct fx *f = *state;
    struct call *c = call(f, "GET", "/", "as=worker", NULL, NULL);
    assert_int_equal(c->res.status, 200);
    char link[64];
    snprintf(link, sizeof link, "href=\"/children/%s\"", f->child_id);
    assert_non_null(strstr(c->body, link));
    c = call(f, "GET", "/", "as=reader", NULL, NULL); /* no worker: an empty caseload */
    assert_non_null(strstr(c->body, "No children are allocated to you."));
}

/* --- the pieces ------------------------------------------------------------------------ */

static void html_escapes_by_default(void **state)
{
    struct fx *f = *state;
    struct html h;
    html_init(&h, &f->a);
    html_f(&h, "<p title=\"%s\">%s %d %ld 100%%</p>", "a\"b'c", "<b>&</b>", -3, 1234567890123L);
    assert_string_equal(html_str(&h), "<p title=\"a&quot;b&#39;c\">&lt;b&gt;&amp;&lt;/b&gt; -3 "
                                      "1234567890123 100%</p>");
    html_init(&h, &f->a);
    html_text(&h, NULL);
    html_raw(&h, "<br>");
    assert_string_equal(html_str(&h), "<br>");
    /* Growth past the first buffer keeps everything. */
    html_init(&h, &f->a);
    for (int i = 0; i < 2000; i++)
        html_text(&h, "<>");
    assert_int_equal(strlen(html_str(&h)), 2000 * 8);
    assert_string_equal(html_escape(&f->a, "x<y"), "x&lt;y");
    /* Every byte, at the start, middle and end of a run, escaped as the one table says:
     * the builder copies runs whole (esc_html_plain), and must agree byte for byte with the
     * table, as must esc_html. */
    char all[3 * 255 + 1];
    size_t n = 0;
    for (int c = 1; c < 256; c++) {
        all[n++] = (char)c;
        all[n++] = 'x';
        all[n++] = (char)c;
    }
    all[n] = 0;
    struct str want, got;
    str_init(&want, 0);
    str_init(&got, 0);
    for (const char *p = all; *p; p++) {
        const char *ent = esc_html_entity((unsigned char)*p);
        if (ent)
            str_add(&want, ent);
        else
            str_addc(&want, *p);
    }
    html_init(&h, &f->a);
    html_text(&h, all);
    assert_string_equal(html_str(&h), want.buf);
    esc_html(&got, all);
    assert_string_equal(got.buf, want.buf);
    str_release(&want);
    str_release(&got);
}

static void form_decoding(void **state)
{
    struct fx *f = *state;
    struct http_request req = {.arena = &f->a};
    assert_int_equal(http_form_parse(&req, "a=1+2&b=%3C%2f&c&&d=", 20), 0);
    assert_int_equal(req.nform, 4);
    assert_string_equal(req.form[0].value, "1 2");
    assert_string_equal(req.form[1].value, "</");
    assert_string_equal(req.form[2].name, "c");
    assert_string_equal(req.form[2].value, "");
    assert_string_equal(req.form[3].value, "");
    static const char *const bad[] = {"a=%", "a=%4", "a=%zz", "a=%00", "%=1"};
    for (size_t i = 0; i < N_ELEMS(bad); i++)
        assert_int_equal(http_form_parse(&req, bad[i], strlen(bad[i])), -1);
    assert_true(http_secret_equal("abc", "abc"));
    assert_false(http_secret_equal("abc", "abd"));
    assert_false(http_secret_equal("abc", "abcd"));
    assert_false(http_secret_equal(NULL, "abc"));
}

/* The embedded assets: right types, cached for a year under the current version only,
 * the stylesheet free of GDS Transport, and every asset a page links is there. */
static void assets_are_served(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *name, *type;
    } cases[] = {
        {"kith.css", "text/css; charset=utf-8"},
        {"init.js", "text/javascript; charset=utf-8"},
        {"supported.js", "text/javascript; charset=utf-8"},
        {"govuk-frontend.min.js", "text/javascript; charset=utf-8"},
        {"moj-frontend.min.js", "text/javascript; charset=utf-8"},
        {"favicon.svg", "image/svg+xml"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const char *path = arena_printf(&f->a, "/assets/%s/%s", asset_version, cases[i].name);
        struct call *c = call(f, "GET", path, NULL, NULL, NULL);
        assert_int_equal(c->res.status, 200);
        assert_string_equal(c->res.content_type, cases[i].type);
        assert_string_equal(http_header_get(&c->res, "Cache-Control"),
                            "public, max-age=31536000, immutable");
        assert_true(c->res.len > 100);
    }
    struct call *css =
        call(f, "GET", arena_printf(&f->a, "/assets/%s/kith.css", asset_version), NULL, NULL, NULL);
    assert_null(strstr(css->body, "GDS Transport"));
    assert_non_null(strstr(css->body, "arial"));
    assert_non_null(strstr(css->body, ".govuk-summary-list"));
    assert_non_null(strstr(css->body, ".moj-timeline"));
    struct call *img = call(f, "GET", "/assets/images/icon-document.svg", NULL, NULL, NULL);
    assert_int_equal(img->res.status, 200);
    assert_string_equal(img->res.content_type, "image/svg+xml");
    /* An old version or an unknown name is a 404 that nobody caches. */
    struct call *old = call(f, "GET", "/assets/000000000000/kith.css", NULL, NULL, NULL);
    assert_int_equal(old->res.status, 404);
    assert_string_equal(http_header_get(&old->res, "Cache-Control"), "no-store");
    assert_int_equal(call(f, "GET", "/assets/images/nothing.svg", NULL, NULL, NULL)->res.status,
                     404);
    assert_int_equal(call(f, "GET", "/assets/x/..%2Fetc", NULL, NULL, NULL)->res.status, 404);
    /* Every asset a page links exists. */
    struct call *page = call(f, "GET", "/accessibility", NULL, NULL, NULL);
    assert_int_equal(page->res.status, 200);
    assert_non_null(strstr(page->body, "WCAG"));
    for (const char *p = strstr(page->body, "/assets/"); p; p = strstr(p + 1, "/assets/")) {
        const char *link = arena_strndup(&f->a, p, strcspn(p, "\""));
        assert_int_equal(call(f, "GET", link, NULL, NULL, NULL)->res.status, 200);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_has_a_policy),
        cmocka_unit_test(every_id_route_names_its_scope),
        cmocka_unit_test(kept_type_routes_name_their_scope),
        cmocka_unit_test(parameter_types),
        cmocka_unit_test_setup_teardown(route_patterns_match, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals_before_handlers, setup, teardown),
        cmocka_unit_test_setup_teardown(body_too_large_is_413, setup, teardown),
        cmocka_unit_test_setup_teardown(undeclared_parameters_are_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(hsts_only_behind_tls, setup, teardown),
        cmocka_unit_test_setup_teardown(markup_in_a_name_is_text, setup, teardown),
        cmocka_unit_test_setup_teardown(rejected_note_keeps_what_was_typed, setup, teardown),
        cmocka_unit_test_setup_teardown(dates_as_people_type_them, setup, teardown),
        cmocka_unit_test_setup_teardown(field_limits_keep_the_text, setup, teardown),
        cmocka_unit_test_setup_teardown(notes_keep_their_paragraphs, setup, teardown),
        cmocka_unit_test_setup_teardown(error_pages_have_the_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(caseload_lists_allocated_children, setup, teardown),
        cmocka_unit_test_setup_teardown(html_escapes_by_default, setup, teardown),
        cmocka_unit_test_setup_teardown(form_decoding, setup, teardown),
        cmocka_unit_test_setup_teardown(assets_are_served, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
