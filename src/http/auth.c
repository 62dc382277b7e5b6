/*
 * Roles, sign-in and sessions (auth.h). Decisions, each for a reason:
 * - One answer for an unknown name, a wrong password and a disabled account, and the same
 *   work for each: an unknown name is verified against a dummy hash, so neither the words
 *   nor the time tell which names exist.
 * - The throttle slows an account down rather than locking it (docs/web.md, "Throttling").
 *   Accounts are counted by id in a table of their own that nothing evicts; names that are
 *   no account, and addresses, in fixed tables under a keyed hash, so no crafted name can
 *   push out another's count. All under one mutex, in memory: a restart forgets it, which
 *   costs an attacker a restart they cannot cause.
 * - Every sign-in checked is one audit row (account, address, outcome).
 * - Session tokens are 256 random bits in a __Host- cookie (Secure, HttpOnly,
 *   SameSite=Lax, Path=/, no Domain); the store keeps their digest. Lax rather than
 *   Strict so that a link to a child's record from an email opens signed in; forms are
 *   protected by the synchroniser token and the Origin check anyway.
 * - last_seen is written at most once a minute, so reading pages stays read-only in the
 *   common case; the idle timeout is therefore exact to a minute.
 */
#include "http/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/random.h"
#include "core/xalloc.h"
#include "domain/codeset.h"
#include "store/store.h"

enum { TOUCH_EVERY_S = 60, IDLE_DEFAULT_S = 30 * 60, ABSOLUTE_DEFAULT_S = 12 * 60 * 60 };

#define CASEWORK (ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE | ROUTE_CHILD_WRITE)

/* One row per role: what it may do. Reading children is for those who work with them;
 * analysts validate statutory returns (and see aggregates, later issues), administrators manage
 * accounts, auditors see the audit trail but not the records themselves. Allocating workers is the
 * team manager's decision; recruiting (vacancies and applications) is the recruiter's and the
 * team manager's, never the other case-recording roles'. The workforce in figures (counts,
 * no person named) is for those who lead: team managers, administrators and analysts. */
static const unsigned role_perms[UROLE_COUNT] = {
    [UROLE_SOCIAL_WORKER] = CASEWORK,
    [UROLE_TEAM_MANAGER] =
        CASEWORK | ROUTE_TEAM_READ | ROUTE_ALLOCATE | ROUTE_RECRUIT | ROUTE_WORKFORCE,
    [UROLE_CP_CHAIR_IRO] = CASEWORK,
    [UROLE_PERSONAL_ADVISER] = CASEWORK,
    [UROLE_FOSTERING_WORKER] = CASEWORK,
    [UROLE_PERFORMANCE_ANALYST] = ROUTE_SIGNED_IN | ROUTE_VALIDATE | ROUTE_WORKFORCE,
    [UROLE_RECRUITER] = ROUTE_SIGNED_IN | ROUTE_RECRUIT,
    [UROLE_ADMINISTRATOR] = ROUTE_SIGNED_IN | ROUTE_USER_ADMIN | ROUTE_WORKFORCE,
    [UROLE_AUDITOR] = ROUTE_SIGNED_IN | ROUTE_AUDIT_READ,
};

unsigned auth_role_perms(enum user_role role)
{
    return (unsigned)role < UROLE_COUNT ? role_perms[role] : 0;
}

/* Where each role starts ("/" sends them there): the work it signs in to do. Those who
 * work with children start at their caseload, a team manager at the team, analysts at the
 * returns, administrators at the accounts, auditors at the audit trail and recruiters at
 * their back office (/recruit: vacancies and applications). Each is a page the role's permissions
 * open (the router test checks). */
static const char *const role_home[UROLE_COUNT] = {
    [UROLE_SOCIAL_WORKER] = "/caseload",
    [UROLE_TEAM_MANAGER] = "/team",
    [UROLE_CP_CHAIR_IRO] = "/caseload",
    [UROLE_PERSONAL_ADVISER] = "/caseload",
    [UROLE_FOSTERING_WORKER] = "/caseload",
    [UROLE_PERFORMANCE_ANALYST] = "/validate",
    [UROLE_RECRUITER] = "/recruit",
    [UROLE_ADMINISTRATOR] = "/admin/users",
    [UROLE_AUDITOR] = "/audit",
};

const char *auth_role_home(enum user_role role)
{
    return (unsigned)role < UROLE_COUNT && role_home[role] ? role_home[role] : "/caseload";
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
    random_bytes(au->hash_key, sizeof au->hash_key);
    /* A real hash with today's factors, so that verifying against it costs what a real
     * account costs. Its password is random and thrown away. */
    char junk[KCRYPTO_TOKEN_TEXT];
    kcrypto_token(junk);
    if (kcrypto_password_hash(junk, au->dummy_hash, NULL))
        au->dummy_hash[0] = '\0';
    app->authenticate = auth_authenticate;
    app->auth_data = au;
}

void auth_destroy(struct auth *au)
{
    free(au->accounts);
    pthread_mutex_destroy(&au->lock);
}

static int64_t now(const struct auth *au) { return au->clock.now(au->clock.ctx); }

/* --- throttle -------------------------------------------------------------------------- */

/* When a slot was last of use: a name's last failure, an address's window start. */
static int64_t slot_time(const struct auth_slot *s, char kind)
{
    return kind == 'u' ? s->count.last : s->since;
}

/* The slot of `text` (a name folded to lower case, or an address) in a fixed table,
 * claiming one when `claim`: an empty or expired slot of a short probe, else its oldest.
 * The hash is keyed, so nobody can choose names that land on one probe: to push out a
 * given entry a flood must fill the whole table. Called under au->lock. */
static struct auth_slot *table_slot(struct auth *au, struct auth_slot *table, char kind,
                                    const char *text, int64_t t, int64_t keep_s, bool claim)
{
    enum { PROBE = 8 };
    char folded[256];
    size_t n = 0;
    folded[n++] = kind;
    for (const unsigned char *p = (const unsigned char *)text; *p && n < sizeof folded; p++)
        folded[n++] = (char)((*p >= 'A' && *p <= 'Z') ? (*p | 0x20) : *p);
    uint64_t key = kcrypto_shorthash(au->hash_key, folded, n);
    key = key ? key : 1;
    struct auth_slot *oldest = NULL; /* the first free slot, else the oldest */
    bool taken = false;              /* oldest is a free slot */
    for (unsigned i = 0; i < PROBE; i++) {
        struct auth_slot *s = &table[(key + i) % AUTH_TABLE_SLOTS];
        if (s->key == key)
            return s;
        bool free_slot = s->key == 0 || t - slot_time(s, kind) >= keep_s;
        if (!oldest || (free_slot && !taken) ||
            (!taken && slot_time(s, kind) < slot_time(oldest, kind)))
            oldest = s;
        taken = taken || free_slot;
    }
    if (!claim)
        return NULL;
    *oldest = (struct auth_slot){.key = key, .since = t};
    return oldest;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdu;
    x ^= x >> 33;
    return x;
}

/* The count of account `id`, added when `claim`. Ids are the store's, not chosen by a
 * client, so a plain hash does. Called under au->lock. */
static struct auth_count *account_count(struct auth *au, int64_t id, bool claim)
{
    if (claim && (au->naccounts + 1) * 2 > au->accounts_cap) {
        size_t cap = au->accounts_cap ? au->accounts_cap * 2 : 64;
        struct auth_account *grown = xcalloc(cap, sizeof *grown);
        for (size_t i = 0; i < au->accounts_cap; i++) {
            struct auth_account *o = &au->accounts[i];
            size_t j = mix((uint64_t)o->user_id) % cap;
            while (o->user_id && grown[j].user_id)
                j = (j + 1) % cap;
            if (o->user_id)
                grown[j] = *o;
        }
        free(au->accounts);
        au->accounts = grown;
        au->accounts_cap = cap;
    }
    if (!au->accounts_cap)
        return NULL;
    for (size_t j = mix((uint64_t)id) % au->accounts_cap;; j = (j + 1) % au->accounts_cap) {
        struct auth_account *s = &au->accounts[j];
        if (s->user_id == id)
            return &s->count;
        if (s->user_id == 0) {
            if (!claim)
                return NULL;
            s->user_id = id;
            au->naccounts++;
            return &s->count;
        }
    }
}

/* The count for the account `u`, or for `name` when it is no account. */
static struct auth_count *count_for(struct auth *au, const struct user *u, const char *name,
                                    int64_t t, bool claim)
{
    if (u)
        return account_count(au, u->id, claim);
    struct auth_slot *s = table_slot(au, au->names, 'u', name, t, AUTH_FORGET_S, claim);
    return s ? &s->count : NULL;
}

/* Failures of the address in its window. */
static unsigned address_failures(struct auth *au, const char *ip, int64_t t)
{
    struct auth_slot *s = table_slot(au, au->addrs, 'i', ip, t, AUTH_WINDOW_S, false);
    return s && t - s->since < AUTH_WINDOW_S ? s->count.failures : 0;
}

/* Whether to refuse without checking the password, and when it may be tried again. The
 * two rules that let a correct password in while an account is under attack: an address
 * that has not failed is always heard, and an address past its limit is refused only for
 * an account that failed in the last AUTH_WINDOW_S. */
static bool throttled(const struct auth_count *c, unsigned ip_failures, int64_t t, int64_t *retry)
{
    if (!c || !c->failures || t - c->last >= AUTH_FORGET_S)
        return false;
    if (ip_failures > 0 && c->failures >= AUTH_FREE_FAILURES && t < c->next_at) {
        *retry = c->next_at - t;
        return true;
    }
    if (ip_failures >= AUTH_IP_FAILURES && t - c->last < AUTH_WINDOW_S) {
        *retry = AUTH_WINDOW_S - (t - c->last);
        return true;
    }
    return false;
}

static void count_failure(struct auth *au, struct auth_count *c, const char *ip, int64_t t)
{
    if (t - c->last >= AUTH_FORGET_S)
        c->failures = 0;
    c->failures++;
    c->last = t;
    c->noted = false;
    if (c->failures >= AUTH_FREE_FAILURES) {
        unsigned doublings = c->failures - AUTH_FREE_FAILURES;
        int64_t delay =
            doublings >= 5 ? AUTH_DELAY_MAX_S : (int64_t)AUTH_DELAY_FIRST_S << doublings;
        c->next_at = t + (delay < AUTH_DELAY_MAX_S ? delay : AUTH_DELAY_MAX_S);
    }
    struct auth_slot *s = table_slot(au, au->addrs, 'i', ip, t, AUTH_WINDOW_S, true);
    if (t - s->since >= AUTH_WINDOW_S)
        *s = (struct auth_slot){.key = s->key, .since = t};
    s->count.failures++;
}

/* One audit row per sign-in that was checked, and one per run of refusals between two
 * failures (so a flood of refused attempts cannot fill the trail). The account's own name,
 * never the name typed when it is no account: people type their password into the
 * username box, and the trail can never be edited. The address goes in the detail. */
static enum kerr_code audit_sign_in(struct http_request *req, const struct user *u,
                                    const char *outcome, const char *why, int64_t t)
{
    const char *ip = req->client_ip && *req->client_ip ? req->client_ip : "unknown";
    struct audit_event ev = {
        .at = t,
        .user_id = u ? u->id : 0,
        .username = u ? u->username : "(no such account)",
        .role = u ? vocab_code(CS_USER_ROLE, (int)u->role) : "none",
        .action = "sign-in",
        .request_id = req->request_id[0] ? req->request_id : "-",
        .outcome = outcome,
        .detail = arena_printf(req->arena, "address %s%s%s%s", ip, req->via_proxy ? " via " : "",
                               req->via_proxy ? req->via_proxy : "", why ? why : ""),
        .read_only = strcmp(outcome, "ok") != 0,
    };
    struct kerr e = KERR_INIT;
    return store_audit_add(req->store, &ev, &e);
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
    const char *ip = req->client_ip ? req->client_ip : "";
    /* The account first (a lookup costs no hashing): an account's count is kept by its id,
     * where no other name's failures can reach it. */
    struct user u;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_user_find(req->store, username, req->arena, &u, &e);
    if (rc && rc != KITH_E_NOT_FOUND) {
        req->cause = rc;
        return AUTH_FAILED;
    }
    const struct user *known = rc ? NULL : &u;

    int64_t retry = 0;
    bool note = false;
    pthread_mutex_lock(&au->lock);
    struct auth_count *c = count_for(au, known, username, t, false);
    bool refused = throttled(c, address_failures(au, ip, t), t, &retry);
    if (refused) {
        note = !c->noted;
        c->noted = true;
    }
    pthread_mutex_unlock(&au->lock);
    if (refused) {
        http_header_add(res, "Retry-After", arena_printf(req->arena, "%lld", (long long)retry));
        rc = note ? audit_sign_in(req, known, "refused", "; too many attempts", t) : KITH_OK;
        if (rc)
            req->cause = rc;
        return rc ? AUTH_FAILED : AUTH_THROTTLED;
    }

    /* The hash is checked whatever else is wrong, so every refusal costs the same. */
    const char *hash = known && u.password_hash ? u.password_hash : au->dummy_hash;
    bool ok = kcrypto_password_verify(hash, password) && known && u.password_hash && !u.disabled;
    if (!ok) {
        pthread_mutex_lock(&au->lock);
        count_failure(au, count_for(au, known, username, t, true), ip, t);
        pthread_mutex_unlock(&au->lock);
        rc = audit_sign_in(req, known, "refused", known && u.disabled ? "; account disabled" : NULL,
                           t);
        if (rc)
            req->cause = rc;
        return rc ? AUTH_FAILED : AUTH_REFUSED;
    }
    pthread_mutex_lock(&au->lock);
    c = count_for(au, known, username, t, false);
    if (c)
        *c = (struct auth_count){0};
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
    /* The session and its audit row are stored together or not at all. */
    rc = store_begin(req->store, &e);
    if (!rc)
        rc = store_session_add(req->store, &ss, &e);
    if (!rc)
        rc = audit_sign_in(req, &u, "ok", NULL, t);
    if (!rc)
        rc = store_commit(req->store, &e);
    if (rc) {
        store_rollback(req->store);
        req->cause = rc;
        return AUTH_FAILED;
    }
    if (redo)
        store_user_set_password(req->store, u.id, rehash, NULL);
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
