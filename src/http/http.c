/*
 * Small pieces shared by the transport and the router: methods, reason phrases, response
 * headers, form decoding and constant-time comparison of secrets.
 */
#include "http/http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    enum http_method method;
} methods[] = {
    {"GET", HTTP_GET}, {"HEAD", HTTP_HEAD},   {"POST", HTTP_POST},
    {"PUT", HTTP_PUT}, {"PATCH", HTTP_PATCH}, {"DELETE", HTTP_DELETE},
};

enum http_method http_method_parse(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0)
            return methods[i].method;
    return HTTP_OTHER;
}

const char *http_method_text(enum http_method m)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (methods[i].method == m)
            return methods[i].name;
    return "OTHER";
}

static const struct {
    int status;
    const char *reason;
} reasons[] = {
    {200, "OK"},
    {201, "Created"},
    {303, "See Other"},
    {304, "Not Modified"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {409, "Conflict"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {422, "Unprocessable Content"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {503, "Service Unavailable"},
};

const char *http_reason(int status)
{
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
        if (reasons[i].status == status)
            return reasons[i].reason;
    return "Unknown";
}

void http_header_add(struct http_response *res, const char *name, const char *value)
{
    if (res->nheaders == HTTP_HEADERS_OUT_MAX)
        abort();
    res->headers[res->nheaders].name = name;
    res->headers[res->nheaders].value = value;
    res->nheaders++;
}

const char *http_header_get(const struct http_response *res, const char *name)
{
    for (size_t i = 0; i < res->nheaders; i++)
        if (strcasecmp(res->headers[i].name, name) == 0)
            return res->headers[i].value;
    return NULL;
}

void http_body(struct http_response *res, int status, const char *type, const char *body,
               size_t len)
{
    res->status = status;
    res->content_type = type;
    res->body = body;
    res->len = len;
}

const char *http_param(const struct http_request *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return req->params[i].value;
    return NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode one component in place-ish: into a new arena string. NULL when malformed. */
static char *form_decode(struct arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%') {
            if (i + 2 >= n)
                return NULL;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return NULL;
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

/* name=value&... into fields from the arena: a form body and a query string alike. */
static int parse_pairs(struct http_request *req, const char *body, size_t len,
                       struct http_param **out, size_t *nout)
{
    size_t cap = 8, n = 0;
    struct http_param *f = arena_alloc(req->arena, cap * sizeof *f);
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        size_t eq = i;
        while (eq < end && body[eq] != '=')
            eq++;
        if (end > i) {
            if (memchr(body + i, '\0', end - i))
                return -1;
            char *name = form_decode(req->arena, body + i, eq - i);
            char *value = eq < end ? form_decode(req->arena, body + eq + 1, end - eq - 1)
                                   : arena_strdup(req->arena, "");
            if (!name || !value)
                return -1;
            if (n == cap) {
                struct http_param *nf = arena_alloc(req->arena, 2 * cap * sizeof *nf);
                memcpy(nf, f, n * sizeof *f);
                f = nf;
                cap *= 2;
            }
            f[n].name = name;
            f[n].value = value;
            n++;
        }
        i = end + 1;
    }
    *out = f;
    *nout = n;
    return 0;
}

int http_form_parse(struct http_request *req, const char *body, size_t len)
{
    return parse_pairs(req, body, len, &req->form, &req->nform);
}

int http_query_parse(struct http_request *req, const char *query, size_t len)
{
    return parse_pairs(req, query, len, &req->query, &req->nquery);
}

bool http_secret_equal(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t na = strlen(a), nb = strlen(b);
    if (na != nb)
        return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < na; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}
