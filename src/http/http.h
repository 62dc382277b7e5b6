/*
 * kith's own view of an HTTP exchange. Only src/http/mhd.c knows libmicrohttpd; the router,
 * the handlers and the pages see these structs, so the whole application can be driven
 * in-process by tests with no sockets. Everything a request allocates comes from its
 * arena, released when the response has been sent.
 */
#ifndef KITH_HTTP_HTTP_H
#define KITH_HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/record.h"

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE, HTTP_OTHER };

/* Limits with clear answers (413 for a body, 431 for headers) rather than silent cuts. */
enum {
    HTTP_BODY_MAX = 64 * 1024,          /* a form body; case notes are the largest field */
    HTTP_UPLOAD_MAX = 64 * 1024 * 1024, /* a ROUTE_UPLOAD body: files to validate */
    HTTP_APPLY_MAX = 2 * 1024 * 1024 + 64 * 1024, /* a ROUTE_APPLY body: a CV and the form */
    HTTP_HEADER_MAX = 16 * 1024, /* libmicrohttpd's per-connection memory for headers */
    HTTP_PATH_MAX = 1024,        /* longer paths are refused with 414 */
    HTTP_PARAMS_MAX = 64,        /* form fields kept after the route's declaration */
    HTTP_PATH_ARGS_MAX = 4,      /* typed {parameters} in one route pattern */
    HTTP_HEADERS_OUT_MAX = 16,   /* response headers a handler and the router set */
    HTTP_FIELD_ERRORS_MAX = 32,
};

struct http_param {
    const char *name;
    const char *value;
};

/* Who is asking, once the router has authenticated the request. */
struct http_principal {
    int64_t user_id;
    const char *username;
    int64_t worker_id; /* the worker the account belongs to, 0 for none */
    enum user_role role;
    unsigned perms;         /* bit set of enum route_perm */
    int64_t session_id;     /* 0 for principals not from a session */
    const char *csrf_token; /* bound to the session; compared with the form's `csrf` */
};

/* A file from a multipart/form-data body: the bytes stay where they are in the request's
 * body (memory only, never on disk) and go with the request. */
struct http_file {
    const char *field;    /* the form field it came in */
    const char *filename; /* as the browser named it, without any directory */
    const char *data;
    size_t len;
};

struct http_field_error {
    const char *field;
    const char *message;
};

struct store;
struct person;

struct http_request {
    struct arena *arena;
    enum http_method method;
    const char *method_name;   /* as sent, for the log */
    const char *path;          /* without the query string */
    const char *host;          /* Host header, or NULL */
    const char *origin;        /* Origin header, or NULL */
    const char *cookie;        /* Cookie header, or NULL */
    const char *authorization; /* Authorization header (API tokens), or NULL */
    const char *content_type;
    const char *client_ip; /* for throttling and the sign-in audit; never logged */
    /* The trusted proxy's address when client_ip came from its X-Forwarded-For, or NULL. */
    const char *via_proxy;
    bool body_too_large; /* the transport refused part of the body */
    const char *body;    /* the raw body (JSON for the API), or NULL */
    size_t body_len;
    /* Raw form fields from the body (application/x-www-form-urlencoded), as received. */
    struct http_param *form;
    size_t nform;
    /* Files from a multipart/form-data body. */
    struct http_file *files;
    size_t nfiles;
    /* The URL's query fields, decoded, in order, repeats kept; the router does not read
     * them: a GET page that takes them (the jobs board's filters) checks them itself. */
    struct http_param *query;
    size_t nquery;
    char request_id[33]; /* 128 random bits in hex, in the log and the error pages */

    /* Filled by the router before a handler runs. */
    const struct route *route;
    const char *path_args[HTTP_PATH_ARGS_MAX]; /* the {parameters}, validated */
    struct http_param params[HTTP_PARAMS_MAX]; /* declared fields only, validated */
    size_t nparams;
    struct http_field_error errors[HTTP_FIELD_ERRORS_MAX]; /* required fields left empty */
    size_t nerrors;
    struct http_principal *principal; /* NULL when not signed in */
    /* This request's own store handle, from the app's pool for the whole request (a
     * transaction never shares a connection; see store/store_pool.h). */
    struct store *store;
    bool session_ended; /* the cookie named a session that has ended or timed out */
    /* Why a 5xx answer was given (the store's error code): in the request's log line for
     * whoever runs the service, never on the page, and never anything of the record. */
    enum kerr_code cause;
    /* An audit row was written for this request (web_audit): a refusal that has none yet
     * gets one from the router (web_refused). */
    bool audited;
    /* The child the route's scope check found this account may see (http/scope.c), so
     * the handler's own lookup of the same id reuses it instead of asking the store again. */
    const struct person *scoped_child;
};

struct http_header {
    const char *name;
    const char *value;
};

struct http_response {
    int status;
    const char *content_type;
    const char *body; /* from the request's arena or static; not NUL-terminated */
    size_t len;
    struct http_header headers[HTTP_HEADERS_OUT_MAX];
    size_t nheaders;
    bool cacheable; /* versioned static assets only; everything else is no-store */
};

/* A declared parameter's value, or NULL when absent. */
const char *http_param(const struct http_request *req, const char *name);
/* Add a response header (the value is not copied: arena or static). Aborts past the
 * fixed maximum, which is a programming error. */
void http_header_add(struct http_response *res, const char *name, const char *value);
const char *http_header_get(const struct http_response *res, const char *name);
/* Set body and type; the text is not copied. */
void http_body(struct http_response *res, int status, const char *type, const char *body,
               size_t len);

/* "GET" for HTTP_GET, ...; "OTHER" for HTTP_OTHER. */
const char *http_method_text(enum http_method m);
enum http_method http_method_parse(const char *name);
const char *http_reason(int status);

/* Parse an application/x-www-form-urlencoded body into the request's raw form fields.
 * Refuses (KITH_E_PARSE via return -1) malformed percent escapes and NUL bytes. */
int http_form_parse(struct http_request *req, const char *body, size_t len);

/* Parse a query string (without the '?') into the request's query fields, as a form
 * body is parsed; the in-process tests' way in (mhd.c has them from libmicrohttpd). */
int http_query_parse(struct http_request *req, const char *query, size_t len);

/* Parse a multipart/form-data body (the boundary from req->content_type): text fields
 * into the raw form fields, files into req->files, pointing into `body`. Returns -1 when
 * the body is malformed. */
int http_multipart_parse(struct http_request *req, const char *body, size_t len);
/* The request's body by its Content-Type: urlencoded or multipart form data; anything
 * else (JSON for the API) is left to the handler. Returns -1 when malformed. */
int http_body_parse(struct http_request *req);

/* Compare two secrets in time that depends only on their lengths. */
bool http_secret_equal(const char *a, const char *b);

#endif
