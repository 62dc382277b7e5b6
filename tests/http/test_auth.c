/*
 * Sign-in and sessions in-process, through the router and the real route table, on a
 * real SQLite file, with a clock the test moves: the cookie and its flags; a session id
 * planted before sign-in is dead after it (fixation); one answer for an unknown name, a
 * wrong password and a disabled account; the throttle (slows, never locks; crafted
 * names cannot evict a count; an address's limit spares accounts without failures); sign-ins
 * audited; idle and absolute
 * timeouts; sign-out and disabling end sessions on the server; no open redirect; a post
 * whose session had ended is saved after signing in again; and the role table.
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
#include "core/str.h"
#include "domain/record.h"
#include "http/auth.h"
#include "http/pages.h"
#include "http/router.h"
#include "store/store.h"

#define ORIGIN "http://127.0.0.1:8080"
#define PASSWORD "tulip-harbour-velvet-quartz-481"

struct fx {
    struct testdb db;
    struct http_app app;
    struct auth *auth;
    int64_t now;
    struct arena a;
    int64_t user_id;
    char child_id[32];
    int64_t child_db_id;
};

static int64_t test_now(void *ctx) { return *(int64_t *)ctx; }

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    /* The lowest work factors: the tests exercise the logic, not the hash's cost. */
    kcrypto_pwhash_params = (struct kcrypto_pwhash_params){1, 8192};
    struct kerr e = KERR_INIT;
    if (store_open(f->db.location, STORE_CREATE, &f->app.store, &e))
        return -1;
    f->app.origin = ORIGIN;
    f->now = 1800000000;
    f->auth = calloc(1, sizeof *f->auth);
    struct auth_clock clock = {test_now, &f->now};
    auth_init(f->auth, &f->app, &clock);
    f->app.unauthenticated = auth_page_unauthenticated;

    kdate start;
    date_parse_iso("2024-01-02", &start, NULL);
    struct team t = {.name = "Assessment", .service = SERVICE_ASSESSMENT, .caseload_threshold = 18};
    struct worker w = {.given_name = "Ada",
                       .family_name = "Okafor",
                       .role = ROLE_SOCIAL_WORKER,
                       .fte = 1.0,
                       .start = start,
                       .end = DATE_NONE};
    struct person c = {.kind = PERSON_CHILD,
                       .given_name = "Kit",
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
    struct allocation al = {
        .child_id = c.id, .worker_id = w.id, .role = ALLOC_SOCIAL_WORKER, .start = start};
    al.end = DATE_NONE;
    if (store_allocation_add(f->app.store, &al, &e))
        return -1;
    snprintf(f->child_id, sizeof f->child_id, "%s", c.public_id);
    f->child_db_id = c.id;
    char hash[KCRYPTO_PWHASH_LEN];
    struct user u = {.username = "ada.test",
                     .worker_id = w.id,
                     .role = UROLE_SOCIAL_WORKER,
                     .created = DATE_NONE};
    if (store_user_add(f->app.store, &u, &e) || kcrypto_password_hash(PASSWORD, hash, &e) ||
        store_user_set_password(f->app.store, u.id, hash, &e))
        return -1;
    f->user_id = u.id;
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

static struct call *call(struct fx *f, const char *method, const char *path, const char *cookie,
                         const char *form, const char *ip)
{
    struct call *c = call_new(&f->a, method, path);
    c->req.cookie = cookie;
    c->req.origin = c->req.method == HTTP_POST ? ORIGIN : NULL;
    c->req.client_ip = ip ? ip : "192.0.2.1";
    snprintf(c->req.request_id, sizeof c->req.request_id, "%s", "00000000000000000000000000000001");
    if (form)
        assert_int_equal(http_form_parse(&c->req, form, strlen(form)), 0);
    return call_run(&f->app, c);
}

/* "name=value" of the session cookie the response set, or NULL. */
static const char *cookie_of(struct fx *f, const struct call *c)
{
    const char *h = http_header_get(&c->res, "Set-Cookie");
    if (!h)
        return NULL;
    return arena_strndup(&f->a, h, strcspn(h, ";"));
}

static struct call *sign_in(struct fx *f, const char *user, const char *pw, const char *cookie)
{
    const char *form = arena_printf(&f->a, "username=%s&password=%s&next=%%2F", user, pw);
    return call(f, "POST", "/sign-in", cookie, form, NULL);
}

/* The CSRF token on a page. */
static const char *csrf_on(struct fx *f, const char *body)
{
    const char *p = strstr(body, "name=\"csrf\" value=\"");
    assert_non_null(p);
    p += strlen("name=\"csrf\" value=\"");
    return arena_strndup(&f->a, p, strcspn(p, "\""));
}

static void signed_in(struct fx *f, const char *cookie)
{
    struct call *c = call(f, "GET", "/", cookie, NULL, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "My caseload"));
}

static void signed_out(struct fx *f, const char *cookie)
{
    struct call *c = call(f, "GET", "/", cookie, NULL, NULL);
    assert_int_equal(c->res.status, 401);
    assert_non_null(strstr(c->body, "Sign in to kith"));
    assert_null(strstr(c->body, "My caseload"));
}

static void cookie_and_fixation(void **state)
{
    struct fx *f = *state;
    struct call *c = sign_in(f, "ada.test", PASSWORD, NULL);
    assert_int_equal(c->res.status, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), "/");
    const char *set = http_header_get(&c->res, "Set-Cookie");
    assert_non_null(set);
    assert_non_null(strstr(set, "; Path=/; Secure; HttpOnly; SameSite=Lax"));
    assert_null(strstr(set, "Domain"));
    const char *first = cookie_of(f, c);
    assert_int_equal(strlen(first), strlen(AUTH_COOKIE "=") + 43);
    signed_in(f, first);

    /* Signing in again with a cookie already set gives a new session and ends the old. */
    c = sign_in(f, "ada.test", PASSWORD, first);
    const char *second = cookie_of(f, c);
    assert_string_not_equal(first, second);
    signed_in(f, second);
    signed_out(f, first);

    /* A token an attacker made up is nobody's session. */
    signed_out(f, AUTH_COOKIE "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    signed_out(f, AUTH_COOKIE "=short");
}

/* The body with every `a` replaced by `b`. */
static char *replace_all(struct fx *f, const char *s, const char *a, const char *b)
{
    struct str out;
    str_init(&out, 0);
    size_t na = strlen(a);
    for (const char *p = s; *p;) {
        const char *hit = strstr(p, a);
        if (!hit) {
            str_add(&out, p);
            break;
        }
        str_addn(&out, p, (size_t)(hit - p));
        str_add(&out, b);
        p = hit + na;
    }
    size_t len;
    char *d = str_detach(&out, &len);
    char *r = arena_strndup(&f->a, d ? d : "", d ? len : 0);
    free(d);
    return r;
}

static void one_answer_for_every_refusal(void **state)
{
    struct fx *f = *state;
    struct call *wrong = sign_in(f, "ada.test", "not-the-password-at-all", NULL);
    struct call *unknown = sign_in(f, "ghost.user", "not-the-password-at-all", NULL);
    assert_int_equal(wrong->res.status, 401);
    assert_int_equal(unknown->res.status, 401);
    assert_null(http_header_get(&wrong->res, "Set-Cookie"));
    assert_non_null(strstr(wrong->body, "Enter a correct username and password"));
    assert_non_null(strstr(wrong->body, "value=\"ada.test\"")); /* kept: no retyping */
    assert_null(strstr(wrong->body, "not-the-password")); /* the password is never sent back */
    assert_string_equal(replace_all(f, wrong->body, "ada.test", "NAME"),
                        replace_all(f, unknown->body, "ghost.user", "NAME"));

    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_set_disabled(f->app.store, f->user_id, true, f->now, &e), 0);
    struct call *disabled = sign_in(f, "ada.test", PASSWORD, NULL);
    assert_int_equal(disabled->res.status, 401);
    assert_string_equal(disabled->body, wrong->body);
}

static struct call *sign_in_from(struct fx *f, const char *user, const char *pw, const char *ip)
{
    const char *form = arena_printf(&f->a, "username=%s&password=%s&next=%%2F", user, pw);
    return call(f, "POST", "/sign-in", NULL, form, ip);
}

/* `n` attempts with a wrong password on `user` from `ip`, each answered `status`. */
static void fail_n(struct fx *f, const char *user, const char *ip, int n, int status)
{
    for (int i = 0; i < n; i++)
        assert_int_equal(sign_in_from(f, user, "wrong-password-guess", ip)->res.status, status);
}

/* Throttle, don't lock: five failures are free, then an address that has failed waits,
 * 30 s doubling to 15 minutes; the owner from an address that has not failed gets in. */
static void throttle_slows_not_locks(void **state)
{
    struct fx *f = *state;
    const char *a = "198.51.100.1";
    fail_n(f, "ada.test", a, AUTH_FREE_FAILURES, 401);
    /* Now even the right password is refused from that address, without being checked. */
    struct call *c = sign_in_from(f, "ADA.TEST", PASSWORD, a);
    assert_int_equal(c->res.status, 429);
    assert_non_null(strstr(c->body, "Too many attempts"));
    assert_string_equal(http_header_get(&c->res, "Retry-After"), "30");
    /* After the wait, one more attempt is heard; the next wait is twice as long. */
    f->now += 30;
    fail_n(f, "ada.test", a, 1, 401);
    c = sign_in_from(f, "ada.test", PASSWORD, a);
    assert_int_equal(c->res.status, 429);
    assert_string_equal(http_header_get(&c->res, "Retry-After"), "60");
    /* Guessing on, the wait stops growing at 15 minutes: about 100 guesses a day. */
    for (int i = 0; i < 8; i++) {
        f->now += AUTH_DELAY_MAX_S;
        fail_n(f, "ada.test", a, 1, 401);
    }
    assert_string_equal(
        http_header_get(&sign_in_from(f, "ada.test", PASSWORD, a)->res, "Retry-After"), "900");
    /* The owner, from an address that has not failed, is heard and gets in at once. */
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, "203.0.113.9")->res.status, 303);
    /* And that sign-in forgets the account's failures: the first address is heard again. */
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, a)->res.status, 303);

    /* A name that is no account behaves the same, so the throttle says nothing about names. */
    fail_n(f, "ghost.user", a, AUTH_FREE_FAILURES, 401);
    assert_int_equal(sign_in_from(f, "ghost.user", "x", a)->res.status, 429);
    /* A day after the last failure, the count is forgotten. */
    f->now += AUTH_FORGET_S;
    fail_n(f, "ghost.user", a, AUTH_FREE_FAILURES, 401);
}

/* FNV-1a of kind and name folded to lower case: the old throttle's (unkeyed) slot key. */
static uint64_t fnv_key(char kind, const char *s)
{
    uint64_t h = 1469598103934665603u;
    h = (h ^ (unsigned char)kind) * 1099511628211u;
    for (; *s; s++)
        h = (h ^ (unsigned char)((*s >= 'A' && *s <= 'Z') ? (*s | 0x20) : *s)) * 1099511628211u;
    return h ? h : 1;
}

/* Wrong passwords on `user` from `ip` until the throttle answers (at most `max`). */
static void fail_until_throttled(struct fx *f, const char *user, const char *ip, int max)
{
    int i = 0;
    while (i < max && sign_in_from(f, user, "wrong-password-guess", ip)->res.status == 401)
        i++;
    assert_true(i < max);
}

/* The attack that beat the old throttle (4,096 slots, FNV-1a, 8 probes): names crafted to
 * land on the target's probe, each failed once from addresses under their own limit,
 * pushed the target's count out, and the guessing went on. Now an account's count is kept
 * by its id where no name reaches it, and the names' own table is keyed. */
static void crafted_names_cannot_evict(void **state)
{
    struct fx *f = *state;
    const char *a = "198.51.100.1";
    fail_until_throttled(f, "ada.test", a, 20);
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, a)->res.status, 429);

    uint64_t target = fnv_key('u', "ada.test") % 4096;
    int crafted = 0;
    for (unsigned i = 0; crafted < 64; i++) {
        char name[32];
        snprintf(name, sizeof name, "x%u", i);
        uint64_t slot = fnv_key('u', name) % 4096;
        if ((slot + 4096 - target) % 4096 < 8 || (target + 4096 - slot) % 4096 < 8) {
            const char *ip = arena_printf(&f->a, "192.0.2.%d", 10 + crafted % 50);
            fail_n(f, name, ip, 1, 401);
            crafted++;
        }
    }
    /* And as many names as the old table had slots (names cost nothing; addresses do: 200,
     * each kept under its limit of 100). An account's count is in no fixed table, so no
     * number of names reaches it; more would only make the suite slow (on PostgreSQL). */
    for (int i = 0; i < 4096; i++) {
        const char *ip = arena_printf(&f->a, "10.0.%d.%d", i % 200 / 100, i % 100);
        assert_int_equal(
            sign_in_from(f, arena_printf(&f->a, "flood%d", i), "guess", ip)->res.status, 401);
        if (i % 512 == 0) {
            arena_release(&f->a);
            arena_init(&f->a, 0);
        }
    }
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, a)->res.status, 429);
}

/* Behind a proxy every client shares one address. 100 failures from it no longer lock
 * out everyone: an account with no failures in the last 15 minutes is still heard. */
static void address_limit_spares_accounts_without_failures(void **state)
{
    struct fx *f = *state;
    const char *p = "198.51.100.7";
    for (int i = 0; i < 100; i++)
        fail_n(f, arena_printf(&f->a, "u%d", i), p, 1, 401);
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, p)->res.status, 303);
    /* A name that has failed from there is refused there (and heard elsewhere). */
    assert_int_equal(sign_in_from(f, "u5", "another-guess", p)->res.status, 429);
    assert_int_equal(sign_in_from(f, "u5", "another-guess", "198.51.100.8")->res.status, 401);
    /* An account that failed once is refused from the address for 15 minutes. */
    fail_n(f, "ada.test", p, 1, 401);
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, p)->res.status, 429);
    f->now += AUTH_WINDOW_S;
    for (int i = 0; i < AUTH_IP_FAILURES; i++)
        fail_n(f, arena_printf(&f->a, "v%d", i), p, 1, 401);
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, p)->res.status, 303);
}

/* Every sign-in that is checked is one audit row: the account, the address, the outcome;
 * a run of refusals without checking is one row. A name that is no account is never
 * written (people type passwords into the username box). */
static void sign_ins_audited(void **state)
{
    struct fx *f = *state;
    assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, "203.0.113.5")->res.status, 303);
    fail_n(f, "Correct-Horse-Battery-9", "203.0.113.6", 1, 401);
    fail_n(f, "ada.test", "203.0.113.7", 5, 401);
    for (int i = 0; i < 3; i++)
        assert_int_equal(sign_in_from(f, "ada.test", PASSWORD, "203.0.113.7")->res.status, 429);

    struct audit_query q = {.limit = 100};
    struct audit_event *rows;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_audit_list(f->app.store, &q, &f->a, &rows, &n, &e), 0);
    assert_int_equal(n, 1 + 1 + 5 + 1);
    /* Newest first. */
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(rows[i].action, "sign-in");
        assert_null(strstr(rows[i].username, "Horse"));
        assert_null(strstr(rows[i].detail, "Horse"));
        assert_null(strstr(rows[i].detail, PASSWORD));
    }
    assert_string_equal(rows[0].outcome, "refused");
    assert_string_equal(rows[0].username, "ada.test");
    assert_string_equal(rows[0].detail, "address 203.0.113.7; too many attempts");
    assert_string_equal(rows[1].outcome, "refused");
    assert_string_equal(rows[1].detail, "address 203.0.113.7");
    assert_int_equal(rows[1].user_id, f->user_id);
    assert_string_equal(rows[n - 2].username, "(no such account)");
    assert_int_equal(rows[n - 2].user_id, 0);
    assert_string_equal(rows[n - 2].detail, "address 203.0.113.6");
    assert_string_equal(rows[n - 1].outcome, "ok");
    assert_string_equal(rows[n - 1].username, "ada.test");
    assert_string_equal(rows[n - 1].detail, "address 203.0.113.5");
}

static void timeouts(void **state)
{
    struct fx *f = *state;
    const char *cookie = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    /* Used every 29 minutes, the session lives... */
    for (int i = 0; i < 20; i++) {
        f->now += 29 * 60;
        signed_in(f, cookie);
    }
    /* ...until 12 hours after sign-in, however busy. */
    f->now += 3 * 60 * 60;
    signed_out(f, cookie);

    cookie = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    f->now += 30 * 60 - 1;
    signed_in(f, cookie);
    f->now += 30 * 60;
    struct call *c = call(f, "GET", "/", cookie, NULL, NULL);
    assert_int_equal(c->res.status, 401);
    assert_non_null(strstr(c->body, "Your session has ended"));
    /* And it stays ended: coming back inside the window does not revive it. */
    f->now -= 10 * 60;
    signed_out(f, cookie);
}

static void sign_out_and_disable_end_sessions(void **state)
{
    struct fx *f = *state;
    const char *cookie = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    struct call *page = call(f, "GET", "/", cookie, NULL, NULL);
    const char *csrf = csrf_on(f, page->body);
    /* Without the token, sign-out is refused like any other form. */
    assert_int_equal(call(f, "POST", "/sign-out", cookie, "", NULL)->res.status, 403);
    signed_in(f, cookie);
    struct call *c =
        call(f, "POST", "/sign-out", cookie, arena_printf(&f->a, "csrf=%s", csrf), NULL);
    assert_int_equal(c->res.status, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), "/signed-out");
    assert_non_null(strstr(http_header_get(&c->res, "Set-Cookie"), "Max-Age=0"));
    signed_out(f, cookie);

    const char *a = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    const char *b = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    signed_in(f, a);
    signed_in(f, b);
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_set_disabled(f->app.store, f->user_id, true, f->now, &e), 0);
    signed_out(f, a);
    signed_out(f, b);
    /* Enabling again does not bring old sessions back. */
    assert_int_equal(store_user_set_disabled(f->app.store, f->user_id, false, f->now, &e), 0);
    signed_out(f, a);
}

/* An administrator resets a password on the user administration page: every session of
 * that account ends, the old password is dead and the new one (shown once) works; an
 * administrator resetting their own stays signed in where they did it, and nowhere else. */
static void password_reset_ends_sessions(void **state)
{
    struct fx *f = *state;
    struct user admin = {
        .username = "root.test", .role = UROLE_ADMINISTRATOR, .created = DATE_NONE};
    char hash[KCRYPTO_PWHASH_LEN];
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_add(f->app.store, &admin, &e), 0);
    assert_int_equal(kcrypto_password_hash(PASSWORD, hash, &e), 0);
    assert_int_equal(store_user_set_password(f->app.store, admin.id, hash, &e), 0);

    const char *a = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    const char *b = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    const char *x = cookie_of(f, sign_in(f, "root.test", PASSWORD, NULL));
    const char *y = cookie_of(f, sign_in(f, "root.test", PASSWORD, NULL));
    struct call *page = call(f, "GET", "/admin/users", x, NULL, NULL);
    assert_int_equal(page->res.status, 200);
    const char *form = arena_printf(&f->a, "csrf=%s", csrf_on(f, page->body));

    struct call *c =
        call(f, "POST", arena_printf(&f->a, "/admin/users/%lld/reset", (long long)f->user_id), x,
             form, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "New password for ada.test"));
    assert_non_null(strstr(c->body, "They have been signed out everywhere"));
    const char *p = strstr(c->body, "It is ");
    assert_non_null(p);
    p += strlen("It is ");
    const char *fresh = arena_strndup(&f->a, p, strcspn(p, ". "));
    assert_true(strlen(fresh) >= 15);
    signed_out(f, a);
    signed_out(f, b);
    assert_int_equal(sign_in(f, "ada.test", PASSWORD, NULL)->res.status, 401);
    signed_in(f, cookie_of(f, sign_in(f, "ada.test", fresh, NULL)));

    /* Their own: this session carries on, the other one has ended. */
    c = call(f, "POST", arena_printf(&f->a, "/admin/users/%lld/reset", (long long)admin.id), x,
             form, NULL);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "Your other sessions have ended"));
    assert_int_equal(call(f, "GET", "/admin/users", x, NULL, NULL)->res.status, 200);
    assert_int_equal(call(f, "GET", "/admin/users", y, NULL, NULL)->res.status, 401);
    assert_int_equal(sign_in(f, "root.test", PASSWORD, NULL)->res.status, 401);
}

static void no_open_redirect(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *next, *location;
    } cases[] = {
        {"%2Fsearch", "/search"},
        {"%2Fchildren%2Fabc123", "/children/abc123"},
        {"%2F%2Fevil.example%2Fx", "/"},
        {"https%3A%2F%2Fevil.example%2F", "/"},
        {"%2F%5Cevil.example", "/"},
        {"%2Fsearch%3Fq%3Dx", "/"},
        {"", "/"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const char *form =
            arena_printf(&f->a, "username=ada.test&password=" PASSWORD "&next=%s", cases[i].next);
        struct call *c = call(f, "POST", "/sign-in", NULL, form, NULL);
        assert_int_equal(c->res.status, 303);
        assert_string_equal(http_header_get(&c->res, "Location"), cases[i].location);
    }
}

static size_t notes_of(struct fx *f)
{
    struct note_query q = {.child_id = f->child_db_id};
    struct case_note *notes;
    size_t n = 0;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_note_list(f->app.store, &q, &f->a, &notes, &n, &e), 0);
    return n;
}

static void typed_work_survives_a_timeout(void **state)
{
    struct fx *f = *state;
    const char *cookie = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    const char *path = arena_printf(&f->a, "/children/%s", f->child_id);
    const char *csrf = csrf_on(f, call(f, "GET", path, cookie, NULL, NULL)->body);
    f->now += 2 * 60 * 60; /* a long visit write-up */
    const char *notes = arena_printf(&f->a, "%s/notes", path);
    const char *form = arena_printf(&f->a,
                                    "csrf=%s&date=2026-01-05&kind=home-visit&subject=Home+visit&"
                                    "body=Kit+showed+me+the+garden+%%3Cb%%3E",
                                    csrf);
    struct call *c = call(f, "POST", notes, cookie, form, NULL);
    assert_int_equal(c->res.status, 401);
    assert_non_null(strstr(c->body, "what you were saving will be saved"));
    assert_non_null(strstr(c->body, "name=\"resume.body\" value=\"Kit showed me the garden "
                                    "&lt;b&gt;\""));
    assert_null(strstr(c->body, "resume.csrf"));
    assert_int_equal(notes_of(f), 0);

    /* Signing in from that page makes the post: the note is saved once. */
    const char *again = arena_printf(
        &f->a,
        "username=ada.test&password=" PASSWORD "&next=%s&resume.date=2026-01-05&"
        "resume.kind=home-visit&resume.subject=Home+visit&resume.body=Kit+showed+me+the+garden",
        notes);
    c = call(f, "POST", "/sign-in", NULL, again, NULL);
    assert_int_equal(c->res.status, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), path);
    assert_non_null(http_header_get(&c->res, "Set-Cookie"));
    assert_int_equal(notes_of(f), 1);

    /* A post from another site never reaches the sign-in page to be carried. */
    struct call x = {0};
    x.req.arena = &f->a;
    x.req.method = HTTP_POST;
    x.req.method_name = "POST";
    x.req.path = notes;
    x.req.host = "127.0.0.1:8080";
    x.req.origin = "https://evil.example";
    assert_int_equal(http_form_parse(&x.req, form, strlen(form)), 0);
    router_handle(&f->app, routes, &x.req, &x.res);
    assert_int_equal(x.res.status, 403);
}

/* The hidden fields of a page's form, url-encoded as a browser would send them back. */
static const char *hidden_fields(struct fx *f, const char *page)
{
    struct str out;
    str_init(&out, 0);
    static const char tag[] = "<input type=\"hidden\" name=\"";
    for (const char *p = strstr(page, tag); p; p = strstr(p, tag)) {
        p += strlen(tag);
        size_t n = strcspn(p, "\"");
        const char *name = arena_strndup(&f->a, p, n);
        p = strstr(p, "value=\"") + strlen("value=\"");
        if (out.len)
            str_addc(&out, '&');
        str_add(&out, name);
        str_addc(&out, '=');
        for (; *p != '"'; p++) {
            /* the entities html.c writes, back to their characters */
            static const struct {
                const char *entity;
                char c;
            } ents[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            char c = *p;
            for (size_t i = 0; i < N_ELEMS(ents); i++)
                if (!strncmp(p, ents[i].entity, strlen(ents[i].entity))) {
                    c = ents[i].c;
                    p += strlen(ents[i].entity) - 1;
                }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                str_addc(&out, c);
            else
                str_addf(&out, "%%%02X", (unsigned char)c);
        }
    }
    const char *r = arena_strndup(&f->a, out.buf, out.len);
    str_release(&out);
    return r;
}

/* Nothing of a typed password in any part of an answer: body or header. */
static void assert_not_echoed(const struct call *c, const char *password)
{
    assert_null(strstr(c->body, password));
    for (size_t i = 0; i < c->res.nheaders; i++)
        assert_null(strstr(c->res.headers[i].value, password));
}

#define TYPO "tulip-harbour-velvet-quartz-418"
#define NOTE_FORM                                                                                  \
    "date-day=5&date-month=Jan&date-year=2026&kind=home-visit&subject=Home+visit&"                 \
    "body=Kit+showed+me+the+garden.%0D%0A%0D%0ANew+paragraph+%3Cb%3E"

/* A note written during a long visit, the session ended meanwhile, then any number of
 * mistyped passwords: the note rides along every time, the password typed is never sent
 * back in any answer, and the right password saves the note once, as it was written. */
static void typed_work_survives_failed_sign_ins(void **state)
{
    struct fx *f = *state;
    const char *cookie = cookie_of(f, sign_in(f, "ada.test", PASSWORD, NULL));
    const char *path = arena_printf(&f->a, "/children/%s", f->child_id);
    const char *notes = arena_printf(&f->a, "%s/notes", path);
    const char *csrf = csrf_on(f, call(f, "GET", path, cookie, NULL, NULL)->body);
    f->now += 2 * 60 * 60;
    struct call *c =
        call(f, "POST", notes, cookie, arena_printf(&f->a, "csrf=%s&%s", csrf, NOTE_FORM), NULL);
    assert_int_equal(c->res.status, 401);
    static const char *const tries[] = {
        "username=ada.test&password=" TYPO,
        "username=ada.tset&password=" TYPO,
        "username=&password=" TYPO, /* a field left empty: 422 */
        "username=ada.test&password=" TYPO
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", /* too long: 422 */
        "username=ada.test&password=" TYPO,
    };
    for (size_t i = 0; i < N_ELEMS(tries); i++) {
        const char *form = arena_printf(&f->a, "%s&%s", hidden_fields(f, c->body), tries[i]);
        c = call(f, "POST", "/sign-in", NULL, form, NULL);
        assert_true(c->res.status == 401 || c->res.status == 422);
        assert_not_echoed(c, TYPO);
        assert_null(strstr(c->body, "resume.password"));
        assert_null(strstr(c->body, "resume.username"));
        assert_null(strstr(c->body, "resume.next"));
        assert_non_null(strstr(c->body, "name=\"resume.body\" value=\"Kit showed me the garden."
                                        "\r\n\r\nNew paragraph &lt;b&gt;\""));
        assert_non_null(strstr(c->body, "name=\"resume.date-month\" value=\"Jan\""));
        assert_non_null(strstr(c->body, "what you were saving will be saved"));
        assert_int_equal(notes_of(f), 0);
    }
    const char *form =
        arena_printf(&f->a, "%s&username=ada.test&password=" PASSWORD, hidden_fields(f, c->body));
    c = call(f, "POST", "/sign-in", NULL, form, NULL);
    assert_int_equal(c->res.status, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), path);
    assert_not_echoed(c, PASSWORD);
    assert_int_equal(notes_of(f), 1);
    struct note_query q = {.child_id = f->child_db_id};
    struct case_note *saved;
    size_t n = 0;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_note_list(f->app.store, &q, &f->a, &saved, &n, &e), 0);
    assert_string_equal(saved[0].body, "Kit showed me the garden.\r\n\r\nNew paragraph <b>");
}

/* Signing in as someone else at that page: a colleague whose account may not write
 * notes is told so and given the text back; one whose account may, but whose form has
 * a mistake, gets the form again with everything in it. */
static void carried_work_for_the_wrong_account(void **state)
{
    struct fx *f = *state;
    char hash[KCRYPTO_PWHASH_LEN];
    struct kerr e = KERR_INIT;
    struct user u = {.username = "amy.audit", .role = UROLE_AUDITOR, .created = DATE_NONE};
    assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
    assert_int_equal(kcrypto_password_hash(PASSWORD, hash, &e), 0);
    assert_int_equal(store_user_set_password(f->app.store, u.id, hash, &e), 0);

    const char *notes = arena_printf(&f->a, "/children/%s/notes", f->child_id);
    struct call *c = call(f, "POST", notes, NULL, "csrf=x&" NOTE_FORM, NULL);
    assert_int_equal(c->res.status, 401);
    const char *carried = hidden_fields(f, c->body);
    c = call(f, "POST", "/sign-in", NULL,
             arena_printf(&f->a, "%s&username=amy.audit&password=" PASSWORD, carried), NULL);
    assert_int_equal(c->res.status, 403);
    assert_non_null(http_header_get(&c->res, "Set-Cookie")); /* signed in all the same */
    assert_non_null(strstr(c->body, "What you typed has not been saved"));
    assert_non_null(strstr(c->body, "You are signed in as amy.audit"));
    assert_non_null(strstr(c->body, ">Kit showed me the garden.\r\n\r\nNew paragraph "
                                    "&lt;b&gt;</textarea>"));
    assert_non_null(strstr(c->body, "<label class=\"govuk-label\" for=\"copy-"));
    assert_non_null(strstr(c->body, ">Subject</label>"));
    assert_non_null(strstr(c->body, "Go to the kith home page"));
    assert_not_echoed(c, PASSWORD);
    assert_int_equal(notes_of(f), 0);

    /* The author, with a subject left out: the note's form, filled in as it was. */
    c = call(f, "POST", notes, NULL,
             "csrf=x&date-day=5&date-month=Jan&date-year=2026&kind=home-visit&subject=&"
             "body=Kit+showed+me+the+garden.%0D%0A%0D%0ANew+paragraph+%3Cb%3E",
             NULL);
    const char *without = hidden_fields(f, c->body);
    c = call(f, "POST", "/sign-in", NULL,
             arena_printf(&f->a, "%s&username=ada.test&password=" PASSWORD, without), NULL);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#subject\">Enter the subject"));
    assert_non_null(strstr(c->body, ">Kit showed me the garden.\r\n\r\nNew paragraph "
                                    "&lt;b&gt;</textarea>"));
    assert_non_null(strstr(c->body, "name=\"date-month\" type=\"text\" value=\"Jan\""));
    assert_int_equal(notes_of(f), 0);
}

static void rehash_when_factors_change(void **state)
{
    struct fx *f = *state;
    struct user before, after;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_find(f->app.store, "ada.test", &f->a, &before, &e), 0);
    kcrypto_pwhash_params = (struct kcrypto_pwhash_params){2, 16384};
    assert_true(kcrypto_password_needs_rehash(before.password_hash));
    assert_int_equal(sign_in(f, "ada.test", PASSWORD, NULL)->res.status, 303);
    assert_int_equal(store_user_find(f->app.store, "ada.test", &f->a, &after, &e), 0);
    assert_string_not_equal(before.password_hash, after.password_hash);
    assert_false(kcrypto_password_needs_rehash(after.password_hash));
    assert_true(kcrypto_password_verify(after.password_hash, PASSWORD));
}

static void role_table(void **state)
{
    (void)state;
    for (int r = 0; r < UROLE_COUNT; r++) {
        unsigned p = auth_role_perms((enum user_role)r);
        assert_true(p & ROUTE_SIGNED_IN);
        assert_int_equal(!!(p & ROUTE_USER_ADMIN), r == UROLE_ADMINISTRATOR);
        assert_int_equal(!!(p & ROUTE_AUDIT_READ), r == UROLE_AUDITOR);
        assert_int_equal(!!(p & ROUTE_TEAM_READ), r == UROLE_TEAM_MANAGER);
        assert_int_equal(!!(p & ROUTE_ALLOCATE), r == UROLE_TEAM_MANAGER);
        bool case_work = r == UROLE_SOCIAL_WORKER || r == UROLE_TEAM_MANAGER ||
                         r == UROLE_CP_CHAIR_IRO || r == UROLE_PERSONAL_ADVISER ||
                         r == UROLE_FOSTERING_WORKER;
        assert_int_equal(!!(p & ROUTE_CHILD_READ), case_work);
        assert_int_equal(!!(p & ROUTE_NOTE_WRITE), case_work);
        assert_int_equal(!!(p & ROUTE_CHILD_WRITE), case_work);
    }
    assert_int_equal(auth_role_perms(UROLE_COUNT), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(cookie_and_fixation, setup, teardown),
        cmocka_unit_test_setup_teardown(one_answer_for_every_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(throttle_slows_not_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(crafted_names_cannot_evict, setup, teardown),
        cmocka_unit_test_setup_teardown(address_limit_spares_accounts_without_failures, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(sign_ins_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(timeouts, setup, teardown),
        cmocka_unit_test_setup_teardown(sign_out_and_disable_end_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(password_reset_ends_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(no_open_redirect, setup, teardown),
        cmocka_unit_test_setup_teardown(typed_work_survives_a_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(typed_work_survives_failed_sign_ins, setup, teardown),
        cmocka_unit_test_setup_teardown(carried_work_for_the_wrong_account, setup, teardown),
        cmocka_unit_test_setup_teardown(rehash_when_factors_change, setup, teardown),
        cmocka_unit_test(role_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
