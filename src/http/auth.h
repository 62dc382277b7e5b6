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

/* Seconds since 1970; tests move time by giving their own. */
struct auth_clock {
    int64_t (*now)(void *ctx);
    void *ctx;
};

/* Failed sign-ins allowed in a window before the account name or the address is refused
 * (without checking the password, so a flood costs no hashing). */
enum {
    AUTH_WINDOW_S = 15 * 60,
    AUTH_ACCOUNT_FAILURES = 10,
    AUTH_IP_FAILURES = 100,
    AUTH_THROTTLE_SLOTS = 4096,
};

struct auth_slot {
    uint64_t key; /* hash of "u:<name>" or "i:<address>"; 0 is empty */
    int64_t since;
    unsigned failures;
};

struct auth {
    struct auth_clock clock;
    int64_t idle_s;     /* a session unused this long has ended (default 30 minutes) */
    int64_t absolute_s; /* and any session this old (default 12 hours) */
    pthread_mutex_t lock;
    struct auth_slot slots[AUTH_THROTTLE_SLOTS];
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
