/*
 * Roles, sign-in and sessions (auth.h). Decisions, each for a reason:
 * - One answer for an unknown name, a wrong password and a disabled account, and the same
 *   work for each: an unknown name is verified against a dummy hash, so neither the words
 *   nor the time tell which names exist.
 * - The throttle counts failures per account name and per address in a fixed table under
 *   one mutex; a full table forgets its oldest window first. It lives in memory: a restart
 *   forgets it, which costs an attacker a restart they cannot cause.
 * - Session tokens are 256 random bits in a __Host- cookie (Secure, HttpOnly,
 *   SameSite=Lax, Path=/, no Domain); the store keeps their digest. Lax rather than
 *   Strict so that a link to a child's record from an email opens signed in; forms are
 *   protected by the synchroniser token and the Origin check anyway.
 * - last_seen is written at most once a minute, so reading pages stays read-only in the
 *   common case; the idle timeout is therefore exact to a minute.
 */
#include "http/auth.h"

#include <string.h>
#include <time.h>

#include "store/store.h"

enum { TOUCH_EVERY_S = 60, IDLE_DEFAULT_S = 30 * 60, ABSOLUTE_DEFAULT_S = 12 * 60 * 60 };

#define CASEWORK (ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE | ROUTE_CHILD_WRITE)

/* One row per role: what it may do. Reading children is for those who work with them;
 * analysts validate statutory returns (and see aggregates, later issues), administrators manage
 * accounts, auditors see the audit trail but not the records themselves. Allocating workers is the
 * team manager's decision. */
static const unsigned role_perms[UROLE_COUNT] = {
    [UROLE_SOCIAL_WORKER] = CASEWORK,
    [UROLE_TEAM_MANAGER] = CASEWORK | ROUTE_TEAM_READ | ROUTE_ALLOCATE,
    [UROLE_CP_CHAIR_IRO] = CASEWORK,
    [UROLE_PERSONAL_ADVISER] = CASEWORK,
    [UROLE_FOSTERING_WORKER] = CASEWORK,
    [UROLE_PERFORMANCE_ANALYST] = ROUTE_SIGNED_IN | ROUTE_VALIDATE,
    [UROLE_RECRUITER] = ROUTE_SIGNED_IN,
    [UROLE_ADMINISTRATOR] = ROUTE_SIGNED_IN | ROUTE_USER_ADMIN,
    [UROLE_AUDITOR] = ROUTE_SIGNED_IN | ROUTE_AUDIT_READ,
};

unsigned auth_role_perms(enum user_role role)
{
    return (unsigned)role < UROLE_COUNT ? role_perms[role] : 0;
}

static int64_t system_now(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

void auth_init(struct auth *au, struct http_app *app, const struct auth_clock *clock)
{
    memset(au, 0, sizeof *au);
    au->clock = clock ? *clock : (struct auth_clock){system_now, NULL};
    au->idle_s = IDLE_DEFAULT_S;
    au->absolute_s = ABSOLUTE_DEFAULT_S;
    pthread_mutex_init(&au->lock, NULL);
    /* A real hash with today's factors, so that verifying against it costs what a real
     * account costs. Its password is random and thrown away. */
    char junk[KCRYPTO_TOKEN_TEXT];
    kcrypto_token(junk);
    if (kcrypto_password_hash(junk, au->dummy_hash, NULL))
        au->dummy_hash[0] = '\0';
    app->authenticate = auth_authenticate;
    app->auth_data = au;
}

void auth_destroy(struct auth *au) { pthread_mutex_destroy(&au->lock); }

static int64_t now(const struct auth *au) { return au->clock.now(au->clock.ctx); }

/* --- throttle -------------------------------------------------------------------------- */

static uint64_t key_of(char kind, const char *value)
{
    uint64_t h = 1469598103934665603u;
    h = (h ^ (unsigned char)kind) * 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        unsigned char c = (*p >= 'A' && *p <= 'Z') ? (unsigned char)(*p | 0x20) : *p;
        h = (h ^ c) * 1099511628211u;
    }
    return h ? h : 1;
}

/* The slot for `key`, claiming one (the emptiest or oldest of a short probe) when it has
 * none. Called under au->lock. */
static struct auth_slot *slot_for(struct auth *au, uint64_t key, bool claim)
{
    enum { PROBE = 8 };
    struct auth_slot *oldest = NULL;
    for (unsigned i = 0; i < PROBE; i++) {
        struct auth_slot *s = &au->slots[(key + i) % AUTH_THROTTLE_SLOTS];
        if (s->key == key)
            return s;
        if (!oldest || s->key == 0 || (oldest->key != 0 && s->since < oldest->since))
            oldest = s;
    }
    if (!claim)
        return NULL;
    *oldest = (struct auth_slot){.key = key};
    return oldest;
}

static unsigned failures(struct auth *au, uint64_t key, int64_t t)
{
    struct auth_slot *s = slot_for(au, key, false);
    if (!s || t - s->since >= AUTH_WINDOW_S)
        return 0;
    return s->failures;
}

static void count_failure(struct auth *au, uint64_t key, int64_t t)
{
    struct auth_slot *s = slot_for(au, key, true);
    if (s->failures == 0 || t - s->since >= AUTH_WINDOW_S) {
        s->since = t;
        s->failures = 0;
    }
    s->failures++;
}

static void forget(struct auth *au, uint64_t key)
{
    struct auth_slot *s = slot_for(au, key, false);
    if (s)
        *s = (struct auth_slot){0};
}

/* --- sessions -------------------------------------------------------------------------- */

/* The session token from the Cookie header, or NULL. */
static const char *cookie_token(const struct http_request *req, char out[KCRYPTO_TOKEN_TEXT])
{
    static const char name[] = AUTH_COOKIE "=";
    for (const char *c = req->cookie; c && *c;) {
        while (*c == ' ' || *c == ';')
            c++;
        size_t len = strcspn(c, ";");
        if (strncmp(c, name, sizeof name - 1) == 0) {
            const char *v = c + sizeof name - 1;
            size_t n = len - (sizeof name - 1);
            if (n != KCRYPTO_TOKEN_TEXT - 1)
                return NULL;
            for (size_t i = 0; i < n; i++) {
                char ch = v[i];
                if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
                    return NULL;
            }
            memcpy(out, v, n);
            out[n] = '\0';
            return out;
        }
        c += len;
    }
    return NULL;
}

static struct http_principal *principal_of(struct arena *a, const struct user *u,
                                           const struct session *ss)
{
    struct http_principal *p = arena_alloc(a, sizeof *p);
    *p = (struct http_principal){
        .user_id = u->id,
        .username = u->username,
        .worker_id = u->worker_id,
        .role = u->role,
        .perms = auth_role_perms(u->role),
        .session_id = ss->id,
        .csrf_token = ss->csrf,
    };
    return p;
}

/* An API request: "Authorization: Bearer TOKEN" and nothing else (a cookie is ignored, so
 * a browser's ambient session can never drive the API). */
static struct http_principal *bearer(struct http_app *app, struct http_request *req)
{
    struct auth *au = app->auth_data;
    static const char scheme[] = "Bearer ";
    const char *h = req->authorization;
    if (!h || strncmp(h, scheme, sizeof scheme - 1) != 0)
        return NULL;
    const char *token = h + sizeof scheme - 1;
    if (strlen(token) != KCRYPTO_TOKEN_TEXT - 1)
        return NULL;
    char digest[KCRYPTO_DIGEST_TEXT];
    kcrypto_digest(token, digest);
    struct api_token t;
    struct user u;
    int64_t now_s = now(au);
    struct http_principal *p = NULL;
    if (store_token_find(req->store, digest, req->arena, &t, &u, NULL) == KITH_OK && !t.revoked &&
        !u.disabled && (!t.expires || now_s < t.expires)) {
        struct session none = {0};
        p = principal_of(req->arena, &u, &none);
        p->csrf_token = NULL;
    }
    return p;
}

struct http_principal *auth_authenticate(struct http_app *app, struct http_request *req)
{
    struct auth *au = app->auth_data;
    if (req->route && (req->route->flags & ROUTE_API))
        return bearer(app, req);
    char token[KCRYPTO_TOKEN_TEXT];
    if (!cookie_token(req, token))
        return NULL;
    char digest[KCRYPTO_DIGEST_TEXT];
    kcrypto_digest(token, digest);
    struct session ss;
    struct user u;
    int64_t t = now(au);
    struct http_principal *p = NULL;
    if (store_session_find(req->store, digest, req->arena, &ss, &u, NULL) == KITH_OK) {
        bool live = ss.ended == 0 && !u.disabled && t - ss.last_seen < au->idle_s &&
                    t - ss.created < au->absolute_s;
        if (!live) {
            if (ss.ended == 0)
                store_session_end(req->store, ss.id, t, NULL);
            req->session_ended = true;
        } else {
            if (t - ss.last_seen >= TOUCH_EVERY_S)
                store_session_touch(req->store, ss.id, t, NULL);
            p = principal_of(req->arena, &u, &ss);
        }
    }
    return p;
}

static void set_cookie(struct http_request *req, struct http_response *res, const char *value,
                       bool clear)
{
    http_header_add(res, "Set-Cookie",
                    arena_printf(req->arena, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Lax%s",
                                 AUTH_COOKIE, value, clear ? "; Max-Age=0" : ""));
}

/* End whatever session the request's cookie names, live or not. */
static void end_cookie_session(struct http_request *req, int64_t t)
{
    char token[KCRYPTO_TOKEN_TEXT];
    if (!cookie_token(req, token))
        return;
    char digest[KCRYPTO_DIGEST_TEXT];
    kcrypto_digest(token, digest);
    struct session ss;
    struct user u;
    if (store_session_find(req->store, digest, req->arena, &ss, &u, NULL) == KITH_OK)
        store_session_end(req->store, ss.id, t, NULL);
}

enum auth_result auth_sign_in(struct http_app *app, struct http_request *req,
                              struct http_response *res, const char *username, const char *password)
{
    struct auth *au = app->auth_data;
    int64_t t = now(au);
    uint64_t kacct = key_of('u', username), kip = key_of('i', req->client_ip ? req->client_ip : "");
    pthread_mutex_lock(&au->lock);
    bool throttled =
        failures(au, kacct, t) >= AUTH_ACCOUNT_FAILURES || failures(au, kip, t) >= AUTH_IP_FAILURES;
    pthread_mutex_unlock(&au->lock);
    if (throttled)
        return AUTH_THROTTLED;

    struct user u;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_user_find(req->store, username, req->arena, &u, &e);
    if (rc && rc != KITH_E_NOT_FOUND) {
        req->cause = rc;
        return AUTH_FAILED;
    }
    /* The hash is checked whatever else is wrong, so every refusal costs the same. */
    const char *hash = !rc && u.password_hash ? u.password_hash : au->dummy_hash;
    bool ok = kcrypto_password_verify(hash, password) && !rc && u.password_hash && !u.disabled;
    if (!ok) {
        pthread_mutex_lock(&au->lock);
        count_failure(au, kacct, t);
        count_failure(au, kip, t);
        pthread_mutex_unlock(&au->lock);
        return AUTH_REFUSED;
    }
    pthread_mutex_lock(&au->lock);
    forget(au, kacct);
    pthread_mutex_unlock(&au->lock);

    end_cookie_session(req, t);
    char token[KCRYPTO_TOKEN_TEXT], digest[KCRYPTO_DIGEST_TEXT], csrf[KCRYPTO_TOKEN_TEXT];
    kcrypto_token(token);
    kcrypto_token(csrf);
    kcrypto_digest(token, digest);
    struct session ss = {.user_id = u.id,
                         .token_digest = digest,
                         .csrf = arena_strdup(req->arena, csrf),
                         .created = t,
                         .last_seen = t};
    char rehash[KCRYPTO_PWHASH_LEN];
    bool redo = kcrypto_password_needs_rehash(u.password_hash) &&
                kcrypto_password_hash(password, rehash, NULL) == KITH_OK;
    rc = store_session_add(req->store, &ss, &e);
    if (!rc && redo)
        store_user_set_password(req->store, u.id, rehash, NULL);
    if (rc) {
        req->cause = rc;
        return AUTH_FAILED;
    }
    set_cookie(req, res, token, false);
    req->principal = principal_of(req->arena, &u, &ss);
    return AUTH_OK;
}

void auth_sign_out(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct auth *au = app->auth_data;
    end_cookie_session(req, now(au));
    set_cookie(req, res, "", true);
    req->principal = NULL;
}
