/*
 * Who may do what, and who is asking: the permissions each role grants (one table), the
 * sign-in check with its throttle, and sessions behind a __Host- cookie. The router asks
 * auth_authenticate() through http_app.authenticate; the sign-in and sign-out pages call
 * auth_sign_in() and auth_sign_out().
 */
#ifndef KITH_HTTP_AUTH_H
#define KITH_HTTP_AUTH_H

#include <pthread.h>
#include <stdint.h>

#include "core/crypto.h"
#include "domain/record.h"
#include "http/router.h"

#define AUTH_COOKIE "__Host-kith_session"

/* The route permissions (enum route_perm bits) a role holds. */
unsigned auth_role_perms(enum user_role role);
/* The page a role lands on after signing in, and at "/" (a path of kith's own). */
const char *auth_role_home(enum user_role role);

/* Seconds since 1970; tests move time by giving their own. */
struct auth_clock {
    int64_t (*now)(void *ctx);
    void *ctx;
};

/* The throttle (docs/web.md, "Throttling"). An account's failures slow it down rather than
 * lock it: the first AUTH_FREE_FAILURES are free, then each further attempt from an
 * address that has failed must wait AUTH_DELAY_FIRST_S, doubling with each failure up to
 * AUTH_DELAY_MAX_S; an address with no failures is still heard. An address past
 * AUTH_IP_FAILURES in its window is refused only for accounts with failures in the last
 * AUTH_WINDOW_S. Refusals are made without checking the password, so a flood costs no
 * hashing. */
enum {
    AUTH_WINDOW_S = 15 * 60,
    AUTH_FREE_FAILURES = 5,
    AUTH_DELAY_FIRST_S = 30,
    AUTH_DELAY_MAX_S = 15 * 60,
    AUTH_FORGET_S = 24 * 60 * 60, /* an account's count is forgotten a day after its last failure */
    AUTH_IP_FAILURES = 100,
    AUTH_TABLE_SLOTS = 16384, /* names that are no account, and addresses */
};

/* The failures of one account (or one name that is no account). */
struct auth_count {
    int64_t last;    /* the last failure */
    int64_t next_at; /* before this, an address that has failed is refused */
    unsigned failures;
    bool noted; /* a refusal since the last failure is in the audit trail */
};

/* A slot of a fixed table keyed by a keyed hash: names that are no account, or addresses. */
struct auth_slot {
    uint64_t key; /* 0 is empty */
    int64_t since;
    struct auth_count count; /* for an address: failures since `since` */
};

/* The accounts that have failed, by account id: never evicted (one entry an account at
 * most, so its size is bounded by the accounts there are). */
struct auth_account {
    int64_t user_id; /* 0 is empty */
    struct auth_count count;
};

struct auth {
    struct auth_clock clock;
    int64_t idle_s;     /* a session unused this long has ended (default 30 minutes) */
    int64_t absolute_s; /* and any session this old (default 12 hours) */
    pthread_mutex_t lock;
    unsigned char hash_key[KCRYPTO_SHORTHASH_KEY]; /* random per process */
    struct auth_slot names[AUTH_TABLE_SLOTS];
    struct auth_slot addrs[AUTH_TABLE_SLOTS];
    struct auth_account *accounts; /* open addressing, grown at half full */
    size_t naccounts, accounts_cap;
    char dummy_hash[KCRYPTO_PWHASH_LEN]; /* verified against for unknown names */
};

/* Set up `au` and hook it into `app` (app->authenticate, app->auth_data). A NULL clock
 * means the system clock. */
void auth_init(struct auth *au, struct http_app *app, const struct auth_clock *clock);
void auth_destroy(struct auth *au);

/* The router's hook: the principal for the request's session cookie, or NULL. An ended
 * or timed-out session sets req->session_ended so the sign-in page can say why. */
struct http_principal *auth_authenticate(struct http_app *app, struct http_request *req);

enum auth_result {
    AUTH_OK,
    AUTH_REFUSED,   /* wrong name or password, disabled account: one answer for all */
    AUTH_THROTTLED, /* too many failures: try again later */
    AUTH_FAILED,    /* the store failed */
};

/* Check a name and password and start a session: the request's old session (if any) is
 * ended, so a session id planted before sign-in is worth nothing after it (fixation).
 * On AUTH_OK the Set-Cookie header is on `res` and req->principal is the new session's. */
enum auth_result auth_sign_in(struct http_app *app, struct http_request *req,
                              struct http_response *res, const char *username,
                              const char *password);
/* End the request's session on the server and clear the cookie. */
void auth_sign_out(struct http_app *app, struct http_request *req, struct http_response *res);

#endif
