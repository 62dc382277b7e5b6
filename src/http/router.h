/*
 * The route table and the router that enforces it. Every route is one row: method,
 * pattern with typed {parameters}, handler, required permission, CSRF flag and the form
 * parameters it accepts. The router checks all of it before a handler runs (405, 401,
 * 403, 400), drops undeclared parameters, and adds the security headers to every
 * response, including its own refusals. A route with no permission (ROUTE_PERM_UNSET)
 * is a bug a test catches: deny by default.
 */
#ifndef KITH_HTTP_ROUTER_H
#define KITH_HTTP_ROUTER_H

#include <pthread.h>

#include "http/http.h"

struct store;
struct jobs_board;
struct apply_limit;

/* Permissions a role grants. ROUTE_PUBLIC is the explicit "no sign-in needed". */
enum route_perm {
    ROUTE_PERM_UNSET = 0, /* no policy: the meta-test fails */
    ROUTE_PUBLIC = 1u << 0,
    ROUTE_SIGNED_IN = 1u << 1,
    ROUTE_CHILD_READ = 1u << 2,
    ROUTE_NOTE_WRITE = 1u << 3,
    ROUTE_USER_ADMIN = 1u << 4,
    ROUTE_AUDIT_READ = 1u << 5,
    ROUTE_TEAM_READ = 1u << 6,   /* team caseloads: counts per worker, no child's record */
    ROUTE_CHILD_WRITE = 1u << 7, /* record a new child, correct a child's details */
    ROUTE_ALLOCATE = 1u << 8,    /* allocate a worker to a child */
    ROUTE_VALIDATE = 1u << 9,    /* validate a statutory return (uploaded, not stored) */
    ROUTE_RECRUIT = 1u << 10,    /* vacancies and applications: the recruitment back office */
    ROUTE_WORKFORCE = 1u << 11,  /* the workforce in figures: counts, no person named */
};

enum route_param_type {
    PARAM_TEXT, /* free text (domain/text.h TEXT_FREE): line breaks and tabs, no other controls */
    PARAM_LINE, /* one line (TEXT_LINE): no control characters */
    PARAM_PUBLIC_ID, /* kith's random public ids: lower-case letters and digits */
    PARAM_INT,
    PARAM_DATE,  /* YYYY-MM-DD */
    PARAM_ASSET, /* a file name: lower-case letters, digits, '.', '-' and '_' */
    PARAM_SLUG,  /* a record type's name or a public id: lower-case letters, digits and '_' */
    PARAM_TOKEN, /* a secret in a private link: base64url (letters, digits, '-' and '_') */
};

struct route_param {
    const char *name;
    enum route_param_type type;
    size_t max; /* bytes */
    bool required;
    const char *label; /* names the field in the error summary: "Enter <label>" */
    const char *title; /* the field's name at the start of a sentence: "<title> must be ..." */
};

/* Scope: whether this account may see the record a route reaches through its {id} or
 * {rid}, checked after the permission and before the handler (http/scope.h). Every route
 * with an id in its path names one; the router test fails on a row without. NULL only
 * for routes that reach no single record. Returns 0, or the status to answer. */
struct http_app;
typedef int (*route_scope_fn)(struct http_app *app, struct http_request *req);

enum route_flags {
    ROUTE_CSRF = 1u << 0,   /* unsafe method: token and Origin checked */
    ROUTE_ASSET = 1u << 1,  /* versioned static file: long cache allowed */
    ROUTE_API = 1u << 2,    /* JSON API: bearer tokens only (no cookies, so no CSRF), and
                               refusals as RFC 9457 problem details */
    ROUTE_UPLOAD = 1u << 3, /* files in multipart/form-data: a body up to HTTP_UPLOAD_MAX */
    /* A record's form: the parameters are the fields of the record type named by the
     * path's {type} (its description, domain/rec.h), a date as NAME-day/-month/-year,
     * with "version" and "reason" for a correction, and the row's own `params` (NULL
     * when none: a step-down's closure of the CIN episode beside the new episode's). */
    ROUTE_RECORD_FORM = 1u << 4,
    /* A public form with a file (an application's CV): a body up to HTTP_APPLY_MAX for
     * anyone, its handler told when it was larger (req->body_too_large) so it can say so. */
    ROUTE_APPLY = 1u << 5,
    /* The child's identity form: the parameters are the fields of the person's description
     * (domain/person.c) as ROUTE_RECORD_FORM has a type's; `params` is NULL. */
    ROUTE_CHILD_FORM = 1u << 6,
    /* A case note's form: the fields of the note's description (domain/entities.c), as
     * the child's identity; `params` holds the one-box date of pages served before the
     * date input. */
    ROUTE_NOTE_FORM = 1u << 7,
    /* A row whose {type} may name a type that hangs off no child (domain/rec.h: a vacancy,
     * an agency price cap): such a type has no child's scope, and its keepers' roles stand
     * in for the row's permission. The router asks only for a signed-in account and the
     * row's scope decides (scope.c: route_scope_record, route_scope_kept): for a child's
     * type the row's permission as any row has it, for the others its keepers, reading,
     * or writing when the permission holds ROUTE_NOTE_WRITE. The router test fails on such
     * a row without a scope. */
    ROUTE_KEPT = 1u << 8,
};

struct route {
    enum http_method method;
    const char *pattern; /* "/children/{id}"; each {x} is one path segment */
    int (*handler)(struct http_app *app, struct http_request *req, struct http_response *res);
    unsigned perm;                   /* enum route_perm bits, all required */
    unsigned flags;                  /* enum route_flags */
    enum route_param_type path_type; /* type of the pattern's {parameters} */
    route_scope_fn scope;
    const struct route_param *params; /* NULL-name terminated, or NULL */
    const char *name;                 /* the pattern as logged: never the raw path */
};

/* The routes of kith (routes.c), NULL-handler terminated. */
extern const struct route routes[];

/* What handlers share: where store handles come from, the origin, and the session
 * lookup. A handler uses req->store, its own for the request. */
struct http_app {
    /* Where requests get their store handle (req->store): a pool when serving, or one
     * handle when requests come one at a time (the in-process tests). */
    struct store_pool *pool;
    struct store *store;
    /* The open vacancies in memory for the public jobs board (store/store_jobs.h); NULL:
     * read for each request. */
    struct jobs_board *jobs;
    /* Applications a client address may send in a window (pages_apply.c); NULL: no limit. */
    struct apply_limit *apply_limit;
    bool behind_tls;    /* a TLS proxy terminates in front: send HSTS */
    const char *origin; /* "http://127.0.0.1:8080": the only Origin accepted for forms */
    /* Who is asking. Returns the principal (from req->arena) or NULL when not signed in. */
    struct http_principal *(*authenticate)(struct http_app *app, struct http_request *req);
    void *auth_data;
    /* The answer to a request for a protected route without a live session; NULL gives a
     * plain 401 page. Runs after the Origin check, so a post it sees came from kith. */
    int (*unauthenticated)(struct http_app *app, struct http_request *req,
                           struct http_response *res);
};

/* The parameters the request's route declares: its own, or for a form declared by a field
 * table (ROUTE_RECORD_FORM, ROUTE_CHILD_FORM, ROUTE_NOTE_FORM) the fields' with its own
 * after them; NULL when none. What the router checks, and what a page names them by. */
const struct route_param *router_form_params(struct http_request *req);

/* Run one request through the route table; always fills `res` completely. */
void router_handle(struct http_app *app, const struct route *table, struct http_request *req,
                   struct http_response *res);

/* Match `path` against `pattern`; stores up to HTTP_PATH_ARGS_MAX segment values in
 * `args` (from `a`). */
/* An RFC 9457 problem (application/problem+json) with optional field errors from
 * req->errors; for API routes the router answers every refusal this way. */
int http_problem(struct http_request *req, struct http_response *res, int status, const char *title,
                 const char *detail);

/* Route and run one request without resetting `res` (headers already on it stay): the
 * sign-in page uses it to make a post that arrived without a session once signed in.
 * An already-set req->principal is used as it is. */
int router_dispatch(struct http_app *app, const struct route *table, struct http_request *req,
                    struct http_response *res);

/* The largest body the route for `method` and `path` takes: HTTP_UPLOAD_MAX for an
 * upload route asked for by a signed-in account (its `cookie`) the route allows,
 * HTTP_BODY_MAX for anything else (and for no route). The transport asks before reading
 * the body, so only an allowed upload ever holds more than a form's worth. */
size_t router_body_max(struct http_app *app, const struct route *table, const char *method,
                       const char *path, const char *cookie);

bool router_match(const char *pattern, const char *path, struct arena *a, const char **args);

/* Whether `value` is acceptable as `type` within `max` bytes. */
bool router_param_ok(enum route_param_type type, const char *value, size_t max);

/* An error page in the GOV.UK look, for the router's own refusals and handlers. */
int http_error_page(struct http_request *req, struct http_response *res, int status,
                    const char *title, const char *message);

#endif
