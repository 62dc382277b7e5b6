/*
 * One in-process exchange with the router, for the HTTP suites: the request as a browser
 * on this machine starts it, routed, and the answer's body kept as a string. Each suite
 * adds what its requests carry (a cookie, a token, a form, a body) between call_new and
 * call_run.
 */
#ifndef KITH_TESTS_HTTP_CALL_H
#define KITH_TESTS_HTTP_CALL_H

#include <string.h>

#include "core/arena.h"
#include "http/router.h"

struct call {
    struct http_request req;
    struct http_response res;
    char *body; /* NUL-terminated copy of the response body */
};

static inline struct call *call_new(struct arena *a, const char *method, const char *path)
{
    struct call *c = arena_zalloc(a, sizeof *c);
    c->req.arena = a;
    c->req.method_name = method;
    c->req.method = http_method_parse(method);
    /* A query string goes to the request's query fields, as the transport hands them. */
    const char *q = strchr(path, '?');
    c->req.path = q ? arena_strndup(a, path, (size_t)(q - path)) : path;
    if (q && http_query_parse(&c->req, q + 1, strlen(q + 1)) != 0)
        c->req.nquery = 0;
    c->req.host = "127.0.0.1:8080";
    return c;
}

static inline struct call *call_run(struct http_app *app, struct call *c)
{
    router_handle(app, routes, &c->req, &c->res);
    c->body = arena_strndup(c->req.arena, c->res.body ? c->res.body : "", c->res.len);
    return c;
}

#endif
