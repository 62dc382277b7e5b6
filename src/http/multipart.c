/*
 * multipart/form-data bodies (RFC 7578), the way a browser sends a form with file inputs.
 * The whole body is already in memory (the transport gathers it up to the route's limit),
 * so parsing is a walk over it: each part's headers, then its content up to the next
 * delimiter. Text fields join the request's raw form fields, exactly as from an
 * urlencoded body, so the router's CSRF and parameter checks see them the same way. Files
 * are kept as pointers into the body: never copied, never written to disk, gone with the
 * request's arena. Anything the browser would not send (no boundary, a part without a
 * name, a header past 1 KB, a body that ends before its closing delimiter) refuses the
 * whole body.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http/http.h"

enum {
    PART_HEADER_MAX = 1024, /* one part's header line */
    PART_NAME_MAX = 256,    /* a field or file name */
    BOUNDARY_MAX = 70,      /* RFC 2046 */
};

/* The first `needle` in `hay`, or NULL (memmem is a GNU extension). memchr finds each
 * candidate first byte, so a part's content is scanned at memchr's speed. */
static const char *find(const char *hay, size_t n, const char *needle, size_t k)
{
    const char *end = hay + n;
    while ((size_t)(end - hay) >= k) {
        const char *c = memchr(hay, needle[0], (size_t)(end - hay) - k + 1);
        if (!c)
            return NULL;
        if (!memcmp(c, needle, k))
            return c;
        hay = c + 1;
    }
    return NULL;
}

/* The boundary parameter of a Content-Type, quoted or not, into `out`; false if none. */
static bool boundary_of(const char *ct, char out[BOUNDARY_MAX + 1])
{
    const char *p = ct;
    while ((p = strchr(p, ';'))) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "boundary=", 9))
            continue;
        p += 9;
        size_t n;
        if (*p == '"') {
            p++;
            const char *q = strchr(p, '"');
            if (!q)
                return false;
            n = (size_t)(q - p);
        } else {
            n = strcspn(p, "; \t");
        }
        if (n == 0 || n > BOUNDARY_MAX)
            return false;
        memcpy(out, p, n);
        out[n] = '\0';
        return true;
    }
    return false;
}

/* The value of parameter `key` ("name", "filename") in a Content-Disposition line of
 * length n, as an arena string; NULL when absent or too long. Browsers send it quoted,
 * with a quote in a file name escaped as %22, so a value ends at the next quote. */
static const char *disposition_param(struct arena *a, const char *line, size_t n, const char *key)
{
    size_t klen = strlen(key);
    const char *end = line + n;
    for (const char *p = line + 1; p + klen + 2 <= end; p++) {
        if (p[-1] != ';' && p[-1] != ' ')
            continue;
        if (strncasecmp(p, key, klen) || p[klen] != '=')
            continue;
        const char *v = p + klen + 1;
        const char *ve;
        if (*v == '"') {
            v++;
            ve = memchr(v, '"', (size_t)(end - v));
            if (!ve)
                return NULL;
        } else {
            ve = v;
            while (ve < end && *ve != ';' && *ve != ' ')
                ve++;
        }
        if ((size_t)(ve - v) > PART_NAME_MAX)
            return NULL;
        return arena_strndup(a, v, (size_t)(ve - v));
    }
    return NULL;
}

/* The last path component: some browsers send the file's whole path. */
static const char *base_name(const char *s)
{
    const char *b = s;
    for (const char *p = s; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

static void add_field(struct http_request *req, size_t *cap, const char *name, const char *value)
{
    if (req->nform == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct http_param *nf = arena_alloc(req->arena, ncap * sizeof *nf);
        if (req->nform)
            memcpy(nf, req->form, req->nform * sizeof *nf);
        req->form = nf;
        *cap = ncap;
    }
    req->form[req->nform].name = name;
    req->form[req->nform].value = value;
    req->nform++;
}

static void add_file(struct http_request *req, size_t *cap, const struct http_file *f)
{
    if (req->nfiles == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        struct http_file *nf = arena_alloc(req->arena, ncap * sizeof *nf);
        if (req->nfiles)
            memcpy(nf, req->files, req->nfiles * sizeof *nf);
        req->files = nf;
        *cap = ncap;
    }
    req->files[req->nfiles++] = *f;
}

int http_multipart_parse(struct http_request *req, const char *body, size_t len)
{
    char boundary[BOUNDARY_MAX + 1];
    if (!req->content_type || !boundary_of(req->content_type, boundary))
        return -1;
    /* "\r\n--boundary": the delimiter before every part but the first, which may begin
     * the body without the line break. */
    char delim[BOUNDARY_MAX + 5];
    int dn = snprintf(delim, sizeof delim, "\r\n--%s", boundary);
    size_t dlen = (size_t)dn;
    req->nform = 0;
    req->nfiles = 0;
    size_t form_cap = 0, file_cap = 0;

    const char *end = body + len;
    const char *p;
    if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2))
        p = body + dlen - 2;
    else {
        p = find(body, len, delim, dlen);
        if (!p)
            return -1;
        p += dlen;
    }
    for (;;) {
        /* after a delimiter: "--" ends the body, CRLF starts a part */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return 0;
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return -1;
        p += 2;
        const char *name = NULL, *filename = NULL;
        for (;;) {
            const char *eol = find(p, (size_t)(end - p), "\r\n", 2);
            if (!eol || eol - p > PART_HEADER_MAX)
                return -1;
            size_t n = (size_t)(eol - p);
            if (n == 0) {
                p = eol + 2;
                break;
            }
            if (n > 20 && !strncasecmp(p, "Content-Disposition:", 20)) {
                name = disposition_param(req->arena, p, n, "name");
                filename = disposition_param(req->arena, p, n, "filename");
            }
            p = eol + 2;
        }
        const char *stop = find(p, (size_t)(end - p), delim, dlen);
        if (!stop || !name)
            return -1;
        size_t n = (size_t)(stop - p);
        if (filename) {
            /* a file input left empty still sends a part, with no name and no content */
            if (filename[0] || n) {
                struct http_file f = {name, base_name(filename), p, n};
                add_file(req, &file_cap, &f);
            }
        } else {
            if (memchr(p, '\0', n))
                return -1;
            add_field(req, &form_cap, name, arena_strndup(req->arena, p, n));
        }
        p = stop + dlen;
    }
}

int http_body_parse(struct http_request *req)
{
    const char *ct = req->content_type;
    if (!ct || !req->body || !req->body_len)
        return 0;
    if (!strncasecmp(ct, "application/x-www-form-urlencoded", 33))
        return http_form_parse(req, req->body, req->body_len);
    if (!strncasecmp(ct, "multipart/form-data", 19))
        return http_multipart_parse(req, req->body, req->body_len);
    return 0;
}
