/*
 * The JSON API in-process, through the router and the real route table, on a real SQLite
 * file, with real tokens: every API route is in the OpenAPI document; no token, a cookie,
 * a revoked or expired token or a disabled account is 401 as a problem; each endpoint's
 * happy path; field errors as RFC 9457 problems; scope (another team's child is a 404
 * naming no one) and audit as on the pages.
 */
#include "../unit/test.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/crypto.h"
#include "core/date.h"
#include "domain/record.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/pages.h"
#include "http/router.h"
#include "store/store.h"

enum who { ADA, CAT, HAL, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct auth *auth;
    int64_t now;
    struct arena a;
    int64_t user[WHO_COUNT];
    char token[WHO_COUNT][KCRYPTO_TOKEN_TEXT];
    int64_t token_id[WHO_COUNT];
    char amara[PUBLIC_ID_LEN + 1], bilal[PUBLIC_ID_LEN + 1], ada_worker[PUBLIC_ID_LEN + 1];
};

static int64_t test_now(void *ctx) { return *(int64_t *)ctx; }

static int64_t worker(struct fx *f, int64_t team, const char *given, char *public_id)
{
    kdate start;
    date_parse_iso("2024-01-02", &start, NULL);
    struct worker w = {.team_id = team,
                       .given_name = given,
                       .family_name = "Api",
                       .role = ROLE_SOCIAL_WORKER,
                       .fte = 1.0,
                       .start = start,
                       .end = DATE_NONE,
                       .dob = DATE_NONE};
    struct kerr e = KERR_INIT;
    assert_int_equal(store_worker_add(f->app.store, &w, &e), 0);
    if (public_id)
        snprintf(public_id, PUBLIC_ID_LEN + 1, "%s", w.public_id);
    return w.id;
}

static void account(struct fx *f, enum who w, const char *name, int64_t wk, enum user_role r)
{
    struct user u = {.username = name, .worker_id = wk, .role = r, .created = DATE_NONE};
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
    f->user[w] = u.id;
    char digest[KCRYPTO_DIGEST_TEXT];
    kcrypto_token(f->token[w]);
    kcrypto_digest(f->token[w], digest);
    struct api_token t = {.user_id = u.id,
                          .name = "test",
                          .token_digest = digest,
                          .created = f->now,
                          .expires = f->now + 3600};
    assert_int_equal(store_token_add(f->app.store, &t, &e), 0);
    f->token_id[w] = t.id;
}

static void kid(struct fx *f, const char *given, int64_t wk, char *out)
{
    struct person c = {.kind = PERSON_CHILD,
                       .given_name = given,
                       .family_name = "Apitest",
                       .dob = DATE_NONE,
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'U',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    snprintf(c.la_child_id, sizeof c.la_child_id, "API%s", given);
    struct kerr e = KERR_INIT;
    assert_int_equal(store_person_add(f->app.store, &c, &e), 0);
    kdate start;
    date_parse_iso("2025-01-02", &start, NULL);
    struct allocation al = {
        .child_id = c.id, .worker_id = wk, .role = ALLOC_SOCIAL_WORKER, .start = start};
    al.end = DATE_NONE;
    assert_int_equal(store_allocation_add(f->app.store, &al, &e), 0);
    snprintf(out, PUBLIC_ID_LEN + 1, "%s", c.public_id);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    kcrypto_pwhash_params = (struct kcrypto_pwhash_params){1, 8192};
    struct kerr e = KERR_INIT;
    if (store_open(f->db.location, STORE_CREATE, &f->app.store, &e))
        return -1;
    f->app.origin = "http://127.0.0.1:8080";
    f->now = (int64_t)date_today() * 86400 + 36000;
    f->auth = calloc(1, sizeof *f->auth);
    struct auth_clock clock = {test_now, &f->now};
    auth_init(f->auth, &f->app, &clock);
    f->app.unauthenticated = auth_page_unauthenticated;
    struct team a = {.name = "Team A", .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 18};
    struct team b = {
        .name = "Team B", .service = SERVICE_CHILDREN_IN_CARE, .caseload_threshold = 15};
    assert_int_equal(store_team_add(f->app.store, &a, &e), 0);
    assert_int_equal(store_team_add(f->app.store, &b, &e), 0);
    int64_t ada = worker(f, a.id, "Ada", f->ada_worker);
    int64_t cat = worker(f, b.id, "Cat", NULL);
    int64_t hal = worker(f, a.id, "Hal", NULL);
    account(f, ADA, "ada", ada, UROLE_SOCIAL_WORKER);
    account(f, CAT, "cat", cat, UROLE_SOCIAL_WORKER);
    account(f, HAL, "hal", hal, UROLE_TEAM_MANAGER);
    kid(f, "Amara", ada, f->amara);
    kid(f, "Bilal", cat, f->bilal);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->app.store);
    auth_destroy(f->auth);
    free(f->auth);
    arena_release(&f->a);
    testdb_drop(&f->db);
    free(f);
    return 0;
}

/* One API call as `w` (WHO_COUNT: no token) with a JSON body (NULL: none). */
static struct call *api(struct fx *f, const char *method, const char *path, enum who w,
                        const char *json)
{
    struct call *c = call_new(&f->a, method, path);
    if (w < WHO_COUNT)
        c->req.authorization = arena_printf(&f->a, "Bearer %s", f->token[w]);
    if (json) {
        c->req.content_type = "application/json";
        c->req.body = json;
        c->req.body_len = strlen(json);
    }
    snprintf(c->req.request_id, sizeof c->req.request_id, "%s", "api-test");
    return call_run(&f->app, c);
}

static void has(const struct call *c, const char *text)
{
    if (!strstr(c->body, text))
        fail_msg("'%s' lacks '%s'", c->body, text);
}

static void openapi_covers_every_api_route(void **state)
{
    struct fx *f = *state;
    struct call *doc = api(f, "GET", "/api/v1/openapi.json", WHO_COUNT, NULL);
    assert_int_equal(doc->res.status, 200);
    assert_string_equal(doc->res.content_type, "application/json");
    has(doc, "\"openapi\":\"3.1.0\"");
    size_t n = 0;
    for (const struct route *r = routes; r->handler; r++) {
        if (!(r->flags & ROUTE_API))
            continue;
        n++;
        if (!api_doc_find(r->method, r->pattern))
            fail_msg("API route %s is not in the OpenAPI document", r->pattern);
        has(doc, arena_printf(&f->a, "\"%s\":{", r->pattern));
    }
    assert_true(n >= 9);
    /* And nothing documented that is not routed. */
    for (const struct api_doc *d = api_docs; d->pattern; d++) {
        bool routed = false;
        for (const struct route *r = routes; r->handler; r++)
            routed = routed || (r->method == d->method && !strcmp(r->pattern, d->pattern));
        if (!routed)
            fail_msg("%s is documented but not routed", d->pattern);
    }
}

static void tokens_and_nothing_else(void **state)
{
    struct fx *f = *state;
    const char *path = arena_printf(&f->a, "/api/v1/children/%s", f->amara);
    struct call *c = api(f, "GET", path, WHO_COUNT, NULL);
    assert_int_equal(c->res.status, 401);
    assert_string_equal(c->res.content_type, "application/problem+json");
    assert_non_null(http_header_get(&c->res, "WWW-Authenticate"));
    has(c, "\"status\":401");
    assert_int_equal(api(f, "GET", path, ADA, NULL)->res.status, 200);
    /* A session cookie does not open the API. */
    struct call *k = arena_zalloc(&f->a, sizeof *k);
    k->req = (struct http_request){.arena = &f->a,
                                   .method = HTTP_GET,
                                   .method_name = "GET",
                                   .path = path,
                                   .cookie = AUTH_COOKIE "=whatever"};
    router_handle(&f->app, routes, &k->req, &k->res);
    assert_int_equal(k->res.status, 401);
    /* Expired, revoked, disabled. */
    f->now += 3600;
    assert_int_equal(api(f, "GET", path, ADA, NULL)->res.status, 401);
    f->now -= 3600;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_token_revoke(f->app.store, f->token_id[ADA], f->now, &e), 0);
    assert_int_equal(api(f, "GET", path, ADA, NULL)->res.status, 401);
    assert_int_equal(store_user_set_disabled(f->app.store, f->user[HAL], true, f->now, &e), 0);
    assert_int_equal(api(f, "GET", path, HAL, NULL)->res.status, 401);
}

static void children_notes_allocations(void **state)
{
    struct fx *f = *state;
    struct call *c = api(f, "POST", "/api/v1/children/search", ADA, "{\"q\":\"Apitest\"}");
    assert_int_equal(c->res.status, 200);
    has(c, "\"given_name\":\"Amara\"");
    assert_null(strstr(c->body, "Bilal")); /* another team's child */

    const char *amara = arena_printf(&f->a, "/api/v1/children/%s", f->amara);
    c = api(f, "GET", amara, ADA, NULL);
    has(c, arena_printf(&f->a, "\"id\":\"%s\"", f->amara));
    c = api(f, "GET", arena_printf(&f->a, "/api/v1/children/%s", f->bilal), ADA, NULL);
    assert_int_equal(c->res.status, 404);
    assert_string_equal(c->res.content_type, "application/problem+json");
    assert_null(strstr(c->body, "Bilal"));
    assert_null(strstr(c->body, f->bilal + 1));

    /* Create: field errors as a problem, then a record the creator can read. */
    c = api(f, "POST", "/api/v1/children", ADA,
            "{\"given_name\":\"New\",\"family_name\":\"Apitest\",\"sex\":\"X\",\"dob\":"
            "\"2016-02-29\",\"ethnicity\":\"WBRI\",\"nickname\":\"N\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"nickname\"");
    c = api(f, "POST", "/api/v1/children", ADA,
            "{\"given_name\":\"New\",\"family_name\":\"Apitest\",\"sex\":\"X\",\"dob\":"
            "\"2016-02-29\",\"ethnicity\":\"WBRI\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"sex\"");
    c = api(f, "POST", "/api/v1/children", ADA,
            "{\"given_name\":\"New\",\"family_name\":\"Apitest\",\"sex\":\"F\",\"dob\":"
            "\"2016-02-29\",\"ethnicity\":\"WBRI\",\"postcode\":\"n1 9gu\"}");
    assert_int_equal(c->res.status, 201);
    has(c, "\"postcode\":\"N1 9GU\"");
    const char *loc = http_header_get(&c->res, "Location");
    assert_non_null(loc);
    assert_int_equal(api(f, "GET", loc, ADA, NULL)->res.status, 200);
    assert_int_equal(api(f, "GET", loc, CAT, NULL)->res.status, 404);
    c = api(f, "PATCH", loc, ADA, "{\"given_name\":\"Newer\",\"upn_unknown\":\"UN2\"}");
    assert_int_equal(c->res.status, 200);
    has(c, "\"given_name\":\"Newer\"");
    has(c, "\"family_name\":\"Apitest\""); /* untouched */

    /* Notes. */
    const char *notes = arena_printf(&f->a, "%s/notes", amara);
    c = api(f, "POST", notes, ADA, "{\"date\":\"2026-01-05\",\"kind\":\"phone\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"kind\"");
    has(c, "\"field\":\"subject\"");
    c = api(f, "POST", notes, ADA,
            "{\"date\":\"2026-01-05\",\"kind\":\"home-visit\",\"subject\":\"Visit\",\"body\":"
            "\"Seen <alone>\"}");
    assert_int_equal(c->res.status, 201);
    c = api(f, "GET", notes, ADA, NULL);
    has(c, "\"body\":\"Seen \\u003calone\\u003e\""); /* never markup, even in JSON */
    /* control characters are refused in a subject and a body (newline and tab pass in a
     * body), and a name may not hold a bidi override: the field says which and why */
    c = api(
        f, "POST", notes, ADA,
        "{\"date\":\"2026-01-05\",\"kind\":\"home-visit\",\"subject\":\"Vi\\u001b]0;x\\u0007sit\","
        "\"body\":\"Seen\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"subject\"");
    has(c, "holds a control character (U+001B)");
    c = api(f, "POST", notes, ADA,
            "{\"date\":\"2026-01-05\",\"kind\":\"home-visit\",\"subject\":\"Visit\","
            "\"body\":\"Seen\\u0008\\u0008\\u0008\\u0008not seen\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"body\"");
    c = api(f, "POST", notes, ADA,
            "{\"date\":\"2026-01-05\",\"kind\":\"home-visit\",\"subject\":\"Visit\","
            "\"body\":\"Line one\\n\\tLine two\"}");
    assert_int_equal(c->res.status, 201);
    c = api(f, "PATCH", loc, ADA, "{\"given_name\":\"Ne\\u202ewer\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"given_name\"");
    has(c, "bidirectional control character (U+202E)");

    /* Allocations: a team manager's decision. */
    const char *allocs = arena_printf(&f->a, "%s/allocations", amara);
    const char *body = arena_printf(&f->a,
                                    "{\"worker\":\"%s\",\"role\":\"social-worker\","
                                    "\"start\":\"2026-01-10\"}",
                                    f->ada_worker);
    assert_int_equal(api(f, "POST", allocs, ADA, body)->res.status, 403);
    /* a member an allocation does not have is refused, not ignored; and every problem of
     * the values at once, each beside its field */
    c = api(f, "POST", allocs, HAL,
            arena_printf(&f->a,
                         "{\"worker\":\"%s\",\"role\":\"social-worker\","
                         "\"start\":\"2026-01-10\",\"shift\":\"night\"}",
                         f->ada_worker));
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"shift\"");
    c = api(f, "POST", allocs, HAL, "{\"worker\":\"SW0\",\"start\":\"2026-01-10\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"worker\"");
    has(c, "\"field\":\"role\"");
    c = api(f, "POST", allocs, HAL, body);
    assert_int_equal(c->res.status, 201);
    c = api(f, "GET", allocs, ADA, NULL);
    has(c, "\"start\":\"2026-01-10\"");

    /* The trail has every one of them. */
    struct audit_query q = {.user_id = f->user[ADA]};
    struct audit_event *rows;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_audit_list(f->app.store, &q, &f->a, &rows, &n, &e), 0);
    bool created = false, denied = false, noted = false;
    for (size_t i = 0; i < n; i++) {
        created = created || !strcmp(rows[i].action, "create");
        denied = denied || !strcmp(rows[i].outcome, "denied");
        noted = noted || !strcmp(rows[i].action, "note-add");
    }
    assert_true(created && denied && noted);
}

/* The rows of `w`'s audit trail newest first, and how many. */
static size_t trail(struct fx *f, enum who w, struct audit_event **rows)
{
    struct audit_query q = {.user_id = f->user[w]};
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_audit_list(f->app.store, &q, &f->a, rows, &n, &e), 0);
    return n;
}

/* Every refusal on a child's route is one audit row: the router's 403 for a role without the
 * permission, a 404 for an id that is no child, a handler's own 403, and an out-of-scope
 * child (which its handler audits, so no second row). */
static void refusals_are_audited(void **state)
{
    struct fx *f = *state;
    const char *amara = arena_printf(&f->a, "/api/v1/children/%s", f->amara);
    const char *bilal = arena_printf(&f->a, "/api/v1/children/%s", f->bilal);
    struct audit_event *rows;
    size_t before = trail(f, ADA, &rows);

    /* a social worker may not allocate: the router's 403, with the child named */
    const char *body = arena_printf(&f->a,
                                    "{\"worker\":\"%s\",\"role\":\"social-worker\","
                                    "\"start\":\"2026-01-10\"}",
                                    f->ada_worker);
    assert_int_equal(
        api(f, "POST", arena_printf(&f->a, "%s/allocations", amara), ADA, body)->res.status, 403);
    size_t n = trail(f, ADA, &rows);
    assert_int_equal(n, before + 1);
    assert_string_equal(rows[0].action, "change");
    assert_string_equal(rows[0].outcome, "denied");
    assert_true(rows[0].child_id > 0);
    assert_string_equal(rows[0].detail, "403 POST /api/v1/children/{id}/allocations");

    /* an id that is no child, well formed or not: 404, one row each, no child */
    assert_int_equal(api(f, "GET", "/api/v1/children/zzzzzzzzzzzzzzzz", ADA, NULL)->res.status,
                     404);
    assert_int_equal(api(f, "GET", "/api/v1/children/NOT-AN-ID", ADA, NULL)->res.status, 404);
    n = trail(f, ADA, &rows);
    assert_int_equal(n, before + 3);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(rows[i].action, "view");
        assert_string_equal(rows[i].outcome, "not-found");
        assert_int_equal(rows[i].child_id, 0);
        assert_string_equal(rows[i].detail, "404 GET /api/v1/children/{id}");
    }

    /* a child out of scope: its handler's "denied" row, and no second one */
    assert_int_equal(api(f, "GET", bilal, ADA, NULL)->res.status, 404);
    n = trail(f, ADA, &rows);
    assert_int_equal(n, before + 4);
    assert_string_equal(rows[0].outcome, "denied");
    assert_true(rows[0].child_id > 0);

    /* what is allowed adds only its own row */
    assert_int_equal(api(f, "GET", amara, ADA, NULL)->res.status, 200);
    assert_int_equal(trail(f, ADA, &rows), before + 5);
    assert_string_equal(rows[0].outcome, "ok");
}

/* An LA child id another child holds: 409 naming the clash only when that child is in the
 * account's scope; out of scope the answer says nothing of it (a 422 like a bad id) and the
 * attempt is audited. */
static void la_child_id_clash_reveals_nothing_out_of_scope(void **state)
{
    struct fx *f = *state;
    const char *amara = arena_printf(&f->a, "/api/v1/children/%s", f->amara);
    /* Bilal is Cat's, out of Ada's scope */
    struct call *c =
        api(f, "PATCH", amara, ADA,
            "{\"la_child_id\":\"APIBilal\",\"dob\":\"2016-02-01\",\"ethnicity\":\"WBRI\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"la_child_id\"");
    assert_null(strstr(c->body, "already"));
    assert_null(strstr(c->body, "APIBilal"));
    struct audit_event *rows;
    assert_true(trail(f, ADA, &rows) > 0);
    assert_string_equal(rows[0].action, "update");
    assert_string_equal(rows[0].outcome, "denied");
    assert_non_null(strstr(rows[0].detail, "out of scope"));
    c = api(f, "POST", "/api/v1/children", ADA,
            "{\"given_name\":\"Dup\",\"family_name\":\"Apitest\",\"sex\":\"F\",\"dob\":"
            "\"2016-02-01\",\"ethnicity\":\"WBRI\",\"la_child_id\":\"APIBilal\"}");
    assert_int_equal(c->res.status, 422);
    assert_null(strstr(c->body, "already"));
    assert_int_equal(trail(f, ADA, &rows) > 0, 1);
    assert_string_equal(rows[0].action, "create");
    assert_string_equal(rows[0].outcome, "denied");
    /* Amara's own id is unchanged */
    c = api(f, "GET", amara, ADA, NULL);
    has(c, "\"la_child_id\":\"APIAmara\"");
    /* a child Ada can see: the clash is named, 409 */
    c = api(f, "POST", "/api/v1/children", ADA,
            "{\"given_name\":\"Cara\",\"family_name\":\"Apitest\",\"sex\":\"F\",\"dob\":"
            "\"2016-02-01\",\"ethnicity\":\"WBRI\",\"la_child_id\":\"APICara\"}");
    assert_int_equal(c->res.status, 201);
    c = api(f, "PATCH", amara, ADA,
            "{\"la_child_id\":\"APICara\",\"dob\":\"2016-02-01\",\"ethnicity\":\"WBRI\"}");
    assert_int_equal(c->res.status, 409);
    has(c, "already used by another child");
}

static void bodies_that_cannot_be_read(void **state)
{
    struct fx *f = *state;
    struct call *c = api(f, "POST", "/api/v1/children/search", ADA, "{\"q\": ");
    assert_int_equal(c->res.status, 400);
    has(c, "line 1");
    c = api(f, "POST", "/api/v1/children/search", ADA, "[1,2]");
    assert_int_equal(c->res.status, 400);
    c = api(f, "POST", "/api/v1/children/search", ADA, "{\"q\":{\"nested\":1}}");
    assert_int_equal(c->res.status, 400);
    has(c, "\"field\":\"q\"");
    c = api(f, "POST", "/api/v1/children/search", ADA, NULL);
    assert_int_equal(c->res.status, 415);
    /* one JSON object is the whole body: anything after it is refused */
    static const char *const trailing[] = {"{\"q\":\"Ada\"}{\"q\":\"Bo\"}", "{\"q\":\"Ada\"} x",
                                           "{\"q\":\"Ada\"}\n[]"};
    for (size_t i = 0; i < sizeof trailing / sizeof trailing[0]; i++) {
        c = api(f, "POST", "/api/v1/children/search", ADA, trailing[i]);
        assert_int_equal(c->res.status, 400);
    }
    assert_int_equal(
        api(f, "POST", "/api/v1/children/search", ADA, "{\"q\":\"Ada\"} \r\n")->res.status, 200);
    /* JSON content types only: application/json, a +json type, with parameters, any case */
    static const struct {
        const char *type;
        int status;
    } types[] = {
        {"application/json", 200},
        {"Application/JSON; charset=utf-8", 200},
        {"application/merge-patch+json", 200},
        {"application/jsonp", 415},
        {"application/json-seq", 415},
        {"text/json", 415},
        {"text/plain; x=application/json", 415},
        {"application/+json", 415},
        {"application/x-www-form-urlencoded", 415},
        {"multipart/form-data; boundary=x", 415},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        c = call_new(&f->a, "POST", "/api/v1/children/search");
        c->req.authorization = arena_printf(&f->a, "Bearer %s", f->token[ADA]);
        c->req.content_type = types[i].type;
        c->req.body = "{\"q\":\"Ada\"}";
        c->req.body_len = strlen(c->req.body);
        snprintf(c->req.request_id, sizeof c->req.request_id, "%s", "api-test");
        c = call_run(&f->app, c);
        if (c->res.status != types[i].status)
            fail_msg("Content-Type '%s' answered %d, expected %d", types[i].type, c->res.status,
                     types[i].status);
    }
    c = api(f, "DELETE", "/api/v1/children/search", ADA, NULL);
    assert_int_equal(c->res.status, 405);
    assert_string_equal(c->res.content_type, "application/problem+json");
    assert_int_equal(api(f, "GET", "/api/v1/nothing", ADA, NULL)->res.status, 404);
}

/* Every record type through the generic resource: a contact added for a child in scope,
 * read, listed with its total, corrected with version and reason, its history; a field
 * of the wrong kind or unknown, bad values each beside their field; a child out of
 * scope reads as not found; the second of two corrections from one version gets 409 with
 * both versions; the OpenAPI document has the type's schema from its description. */
/* The CIN census rules as a record is saved through the API: a query comes back with the
 * saved record as "warnings"; an error is a 422 naming the field and the rule. */
static void cin_rules_on_save(void **state)
{
    struct fx *f = *state;
    const char *base = arena_printf(&f->a, "/api/v1/children/%s/records/", f->amara);
    struct call *c = api(f, "POST", arena_printf(&f->a, "%sreferral", base), ADA,
                         "{\"referral_date\":\"2026-04-02\",\"source\":\"2A\","
                         "\"primary_need\":\"N4\"}");
    assert_int_equal(c->res.status, 201);
    const char *plans = arena_printf(&f->a, "%scin_plan", base);
    c = api(f, "POST", plans, ADA, "{\"start_date\":\"2026-04-10\",\"end_date\":\"2026-04-10\"}");
    assert_int_equal(c->res.status, 201);
    has(c, "\"warnings\":[\"CIN rule 4012Q: Check the CIN plan: it starts and ends on the same "
           "day.\"]");
    c = api(f, "POST", plans, ADA, "{\"start_date\":\"2026-07-01\"}");
    assert_int_equal(c->res.status, 201);
    c = api(f, "POST", plans, ADA, "{\"start_date\":\"2026-08-01\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"start_date\"");
    has(c, "CIN rule 4014: ");
}

static void records_of_any_type(void **state)
{
    struct fx *f = *state;
    const char *list = arena_printf(&f->a, "/api/v1/children/%s/records/contact", f->amara);
    struct call *c = api(f, "GET", list, ADA, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"total\":0");

    c = api(f, "POST", list, ADA,
            "{\"contact_date\":\"2026-12-03\",\"source\":\"2A\",\"contact_by\":\"Ms Khan\","
            "\"summary\":\"Line one\\n\\nLine two\"}");
    assert_int_equal(c->res.status, 201);
    has(c, "\"type\":\"contact\"");
    has(c, arena_printf(&f->a, "\"child\":\"%s\"", f->amara));
    has(c, "\"version\":1");
    has(c, "\"summary\":\"Line one\\n\\nLine two\"");
    has(c, "\"outcome\":null");
    const char *id = strstr(c->body, "\"id\":\"") + 6;
    id = arena_strndup(&f->a, id, PUBLIC_ID_LEN);
    const char *one = arena_printf(&f->a, "/api/v1/records/contact/%s", id);

    c = api(f, "GET", one, ADA, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"contact_by\":\"Ms Khan\"");
    c = api(f, "GET", list, ADA, NULL);
    has(c, "\"total\":1");

    /* every problem beside its field, nothing stored */
    c = api(f, "POST", list, ADA,
            "{\"contact_date\":\"03/12/2026\",\"source\":\"ZZ\",\"colour\":\"blue\","
            "\"contact_time\":5}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"contact_date\"");
    has(c, "\"field\":\"colour\"");
    has(c, "\"field\":\"contact_time\"");
    c = api(f, "POST", list, ADA, "{\"contact_date\":\"2026-12-03\",\"source\":\"ZZ\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"source\"");
    has(c, "\"field\":\"summary\"");
    c = api(f, "GET", list, ADA, NULL);
    has(c, "\"total\":1");

    /* out of scope: Cat is on another team */
    c = api(f, "GET", one, CAT, NULL);
    assert_int_equal(c->res.status, 404);
    c = api(f, "GET", list, CAT, NULL);
    assert_int_equal(c->res.status, 404);
    c = api(f, "POST", list, CAT,
            "{\"contact_date\":\"2026-12-03\",\"source\":\"2A\","
            "\"summary\":\"x\"}");
    assert_int_equal(c->res.status, 404);
    c = api(f, "GET", "/api/v1/records/nothing/abc", ADA, NULL);
    assert_int_equal(c->res.status, 404);

    /* corrections */
    c = api(f, "PATCH", one, ADA, "{\"outcome\":\"referral\",\"decided_on\":\"2026-12-04\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"version\"");
    c = api(f, "PATCH", one, ADA,
            "{\"outcome\":\"referral\",\"decided_on\":\"2026-12-04\",\"version\":1}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"reason\"");
    c = api(f, "PATCH", one, ADA,
            "{\"outcome\":\"referral\",\"decided_on\":\"2026-12-04\",\"version\":1,"
            "\"reason\":\"decided\"}");
    assert_int_equal(c->res.status, 200);
    has(c, "\"version\":2");
    has(c, "\"reason\":\"decided\"");
    c = api(f, "PATCH", one, HAL, "{\"outcome\":\"nfa\",\"version\":1,\"reason\":\"mine\"}");
    assert_int_equal(c->res.status, 409);
    assert_string_equal(c->res.content_type, "application/problem+json");
    has(c, "\"current\":{");
    has(c, "\"outcome\":\"referral\"");
    has(c, "\"yours\":{");
    has(c, "\"outcome\":\"nfa\"");
    c = api(f, "GET", arena_printf(&f->a, "%s/history", one), ADA, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"version\":1");
    has(c, "\"version\":2");

    c = api(f, "GET", "/api/v1/openapi.json", WHO_COUNT, NULL);
    has(c, "\"Contact\":{");
    has(c, "\"ContactInput\":{");
    has(c, "\"contact_date\":{\"type\":[\"string\",\"null\"]");
    has(c, "\"enum\":[\"contact\",\"referral\",\"assessment\",\"cin_plan\","
           "\"cin_plan_review\",\"visit\",\"strategy_discussion\",\"s47_enquiry\",\"conference\","
           "\"cp_plan\",\"core_group\","
           "\"cin_ack\","
           "\"family_help\",\"missing_episode\",\"exploitation_risk\",\"private_fostering\","
           "\"fgdm_offer\",\"fgdm_meeting\",\"fgdm_exemption\",\"pre_proceedings\","
           "\"letter_before_proceedings\",\"pp_meeting\",\"care_application\"]");
    has(c, "\"CareApplicationInput\":{");
    has(c, "\"S47EnquiryInput\":{");
    has(c, "\"CinPlanReviewInput\":{");
    /* a list of codes is an array, in the document as for the child's disabilities */
    has(c, "\"agencies\":{\"type\":[\"array\",\"null\"]");
}

/* The records API reads and writes through the same field code as the child's: a list of
 * codes comes back as an array and is taken as an array or as "a,b"; a +json body type is
 * JSON here as on every other route. (Its own copies once wrote "social-care,police" and
 * refused application/merge-patch+json with 415.) */
/* Who took part in a strategy discussion of social care and the police, as JSON text. */
#define SD_TWO "A Okafor, social worker, social-care\\nDC Brown, detective, police"

static void records_share_the_field_code(void **state)
{
    struct fx *f = *state;
    struct call *c =
        api(f, "POST", arena_printf(&f->a, "/api/v1/children/%s/records/referral", f->amara), ADA,
            "{\"referral_date\":\"2026-10-01\",\"source\":\"2A\",\"primary_need\":\"N4\"}");
    assert_int_equal(c->res.status, 201);
    const char *list =
        arena_printf(&f->a, "/api/v1/children/%s/records/strategy_discussion", f->amara);
    c = api(f, "POST", list, ADA,
            "{\"discussion_date\":\"2026-11-02\",\"agencies\":[\"social-care\","
            "\"police\"],\"outcome\":\"nfa\",\"attendees\":\"" SD_TWO "\"}");
    if (c->res.status != 201)
        fail_msg("%s", c->body);
    assert_int_equal(c->res.status, 201);
    has(c, "\"agencies\":[\"social-care\",\"police\"]");
    c = api(f, "POST", list, ADA,
            "{\"discussion_date\":\"2026-11-03\",\"agencies\":\"social-care,police,health\","
            "\"outcome\":\"nfa\",\"attendees\":\"" SD_TWO "\\nDr A Patel, GP, health\"}");
    assert_int_equal(c->res.status, 201);
    has(c, "\"agencies\":[\"social-care\",\"police\",\"health\"]");
    c = api(f, "POST", list, ADA, "{\"discussion_date\":\"2026-11-03\",\"agencies\":7}");
    assert_int_equal(c->res.status, 422);
    has(c, "expected a list of codes");
    /* the attendees' rule is the description's, so the API has it as the form does */
    c = api(f, "POST", list, ADA,
            "{\"discussion_date\":\"2026-11-03\",\"agencies\":[\"social-care\",\"police\"],"
            "\"outcome\":\"nfa\",\"attendees\":\"A Okafor, social worker, social-care\"}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"attendees\"");
    has(c, "names no one from 'police'");
    c = call_new(&f->a, "POST", list);
    c->req.authorization = arena_printf(&f->a, "Bearer %s", f->token[ADA]);
    c->req.content_type = "application/merge-patch+json; charset=utf-8";
    c->req.body = "{\"discussion_date\":\"2026-11-04\",\"agencies\":[\"social-care\","
                  "\"police\"],\"outcome\":\"nfa\",\"attendees\":\"" SD_TWO "\"}";
    c->req.body_len = strlen(c->req.body);
    snprintf(c->req.request_id, sizeof c->req.request_id, "%s", "api-test");
    call_run(&f->app, c);
    if (c->res.status != 201)
        fail_msg("%s", c->body);
}

/* DELETE /api/v1/records/{type}/{rid}: a record entered in error, with the version seen and
 * why; a stale version is a 409 with the current one, someone outside the child's scope a
 * 404 whatever they send, and afterwards the record is gone from its child's list. */
static void records_deleted_in_error(void **state)
{
    struct fx *f = *state;
    const char *list = arena_printf(&f->a, "/api/v1/children/%s/records/contact", f->amara);
    struct call *c = api(f, "POST", list, ADA,
                         "{\"contact_date\":\"2026-12-03\",\"source\":\"2A\",\"summary\":\"x\"}");
    assert_int_equal(c->res.status, 201);
    const char *id = arena_strndup(&f->a, strstr(c->body, "\"id\":\"") + 6, PUBLIC_ID_LEN);
    const char *one = arena_printf(&f->a, "/api/v1/records/contact/%s", id);
    c = api(f, "DELETE", one, ADA, "{\"version\":1}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"reason\"");
    c = api(f, "DELETE", one, ADA, "{\"reason\":\"wrong child\",\"colour\":1}");
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"version\"");
    has(c, "\"field\":\"colour\"");
    c = api(f, "DELETE", one, ADA, "{\"version\":2,\"reason\":\"wrong child\"}");
    assert_int_equal(c->res.status, 409);
    has(c, "\"current\":{");
    c = api(f, "DELETE", one, CAT, "{\"version\":1,\"reason\":\"wrong child\"}");
    assert_int_equal(c->res.status, 404);
    c = api(f, "DELETE", one, ADA, "{\"version\":1,\"reason\":\"wrong child\"}");
    assert_int_equal(c->res.status, 200);
    has(c, "\"deleted\":true");
    c = api(f, "GET", one, ADA, NULL);
    assert_int_equal(c->res.status, 404);
    c = api(f, "GET", list, ADA, NULL);
    has(c, "\"total\":0");
    c = api(f, "GET", "/api/v1/openapi.json", WHO_COUNT, NULL);
    has(c, "\"RecordDeletion\":{");
    has(c, "\"delete\":{\"summary\":\"Delete a record entered in error");
}

/* The FGDM rule through the API (Children Act 1989 s.31ZA): an application for a care
 * order on a child whose family had no offer is refused on its date with the reason, and
 * nothing is stored; a worker outside the child's scope gets 404 whatever the body; once
 * the exemption is recorded the same application is accepted. */
static void care_application_needs_fgdm(void **state)
{
    struct fx *f = *state;
    const char *apps =
        arena_printf(&f->a, "/api/v1/children/%s/records/care_application", f->amara);
    const char *app = "{\"application_date\":\"2026-12-01\",\"order_sought\":\"care\"}";
    struct call *c = api(f, "POST", apps, ADA, app);
    assert_int_equal(c->res.status, 422);
    has(c, "\"field\":\"application_date\"");
    has(c, "has no offer of family group decision-making");
    c = api(f, "GET", apps, ADA, NULL);
    has(c, "\"total\":0");
    /* out of scope: not found, before any rule is run */
    c = api(f, "POST", apps, CAT, app);
    assert_int_equal(c->res.status, 404);
    c = api(f, "POST", arena_printf(&f->a, "/api/v1/children/%s/records/fgdm_exemption", f->amara),
            CAT,
            "{\"decided_date\":\"2026-11-30\",\"decided_by\":\"X\",\"exemption_reason\":\"y\"}");
    assert_int_equal(c->res.status, 404);
    c = api(f, "POST", arena_printf(&f->a, "/api/v1/children/%s/records/fgdm_exemption", f->amara),
            ADA,
            "{\"decided_date\":\"2026-11-30\",\"decided_by\":\"H Service, head of service\","
            "\"exemption_reason\":\"Urgent: risk of removal abroad\"}");
    assert_int_equal(c->res.status, 201);
    const char *exemption =
        arena_printf(&f->a, "/api/v1/records/fgdm_exemption/%s",
                     arena_strndup(&f->a, strstr(c->body, "\"id\":\"") + 6, PUBLIC_ID_LEN));
    c = api(f, "POST", apps, ADA, app);
    assert_int_equal(c->res.status, 201);
    has(c, "\"order_sought\":\"care\"");
    const char *application = arena_strndup(&f->a, strstr(c->body, "\"id\":\"") + 6, PUBLIC_ID_LEN);
    /* deleting the exemption would leave the application with neither: refused, naming
     * it; once the application goes, the exemption may */
    const char *del = "{\"version\":1,\"reason\":\"entered in error\"}";
    c = api(f, "DELETE", exemption, ADA, del);
    assert_int_equal(c->res.status, 422);
    has(c, "would leave the application for a care or supervision order");
    has(c, application);
    c = api(f, "GET", exemption, ADA, NULL);
    assert_int_equal(c->res.status, 200);
    c = api(f, "DELETE", arena_printf(&f->a, "/api/v1/records/care_application/%s", application),
            ADA, del);
    assert_int_equal(c->res.status, 200);
    c = api(f, "DELETE", exemption, ADA, del);
    assert_int_equal(c->res.status, 200);
}

/* Teams and workers from their descriptions: the FTE a JSON number, the census items
 * present (null until recorded); workers only for those who manage staff, each read
 * audited. */
static void teams_and_workers(void **state)
{
    struct fx *f = *state;
    struct call *c = api(f, "GET", "/api/v1/teams", ADA, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"name\":\"Team A\",\"service\":\"child-in-need\",\"caseload_threshold\":18");
    c = api(f, "GET", "/api/v1/workers", HAL, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"given_name\":\"Ada\"");
    has(c, "\"fte\":1,");
    has(c, "\"dob\":null");
    has(c, "\"leave_reason\":null");
    struct audit_event *rows;
    size_t n = trail(f, HAL, &rows);
    assert_true(n > 0);
    assert_string_equal(rows[0].action, "worker-list");
    assert_string_equal(rows[0].detail, "3 workers");
    c = api(f, "GET", "/api/v1/workers?team=Team+B", HAL, NULL);
    assert_int_equal(c->res.status, 200);
    has(c, "\"given_name\":\"Cat\"");
    assert_null(strstr(c->body, "\"Ada\""));
    assert_int_equal(api(f, "GET", "/api/v1/workers?team=nowhere", HAL, NULL)->res.status, 422);
    assert_int_equal(api(f, "GET", "/api/v1/workers?sort=age", HAL, NULL)->res.status, 422);
    c = api(f, "GET", "/api/v1/workers", ADA, NULL); /* a social worker */
    assert_true(c->res.status == 403 || c->res.status == 404);
    assert_null(strstr(c->body, "given_name"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(openapi_covers_every_api_route, setup, teardown),
        cmocka_unit_test_setup_teardown(tokens_and_nothing_else, setup, teardown),
        cmocka_unit_test_setup_teardown(children_notes_allocations, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals_are_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(la_child_id_clash_reveals_nothing_out_of_scope, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(bodies_that_cannot_be_read, setup, teardown),
        cmocka_unit_test_setup_teardown(records_of_any_type, setup, teardown),
        cmocka_unit_test_setup_teardown(records_share_the_field_code, setup, teardown),
        cmocka_unit_test_setup_teardown(records_deleted_in_error, setup, teardown),
        cmocka_unit_test_setup_teardown(cin_rules_on_save, setup, teardown),
        cmocka_unit_test_setup_teardown(care_application_needs_fgdm, setup, teardown),
        cmocka_unit_test_setup_teardown(teams_and_workers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
