/*
 * The router: one pass over the route table per request, enforcing the table's policy in
 * a fixed order before any handler runs:
 *   1. path match; a path that matches under another method only is 405 (so a GET to a
 *      mutating route never reaches it), no match at all is 404;
 *   2. authentication unless the route is ROUTE_PUBLIC: without a live session, the
 *      app's sign-in page (401), which carries a same-origin post along;
 *   3. permission bits (403);
 *   4. CSRF for unsafe methods: same-origin Origin header and the session's token (403);
 *   5. parameters: typed path segments (404 when malformed, so ids are not probed),
 *      declared form fields only, each within its type and length (400), required ones
 *      left empty recorded as field errors for the handler's error summary;
 *   6. the per-child scope hook, when the route has one (the next step of issue 3);
 * then the handler, then the security headers on whatever came back.
 */
#include "http/router.h"

#include "store/store_pool.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/entities.h"
#include "domain/person.h"
#include "domain/rec.h"
#include "domain/text.h"
#include "http/html.h"
#include "http/json.h"
#include "http/page.h"
#include "http/web_audit.h"

bool router_match(const char *pattern, const char *path, struct arena *a, const char **args)
{
    size_t nargs = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            const char *seg_end = strchr(s, '/');
            size_t n = seg_end ? (size_t)(seg_end - s) : strlen(s);
            if (n == 0 || nargs == HTTP_PATH_ARGS_MAX)
                return false;
            if (args)
                args[nargs] = arena_strndup(a, s, n);
            nargs++;
            p = close + 1;
            s += n;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

_Static_assert(HTTP_UPLOAD_MAX == 64 * 1024 * 1024, "the upload routes' 413 page says 64 MB");

size_t router_body_max(struct http_app *app, const struct route *table, const char *method,
                       const char *path, const char *cookie)
{
    enum http_method m = http_method_parse(method);
    const struct route *r = table;
    while (r->handler && !(r->method == m && router_match(r->pattern, path, NULL, NULL)))
        r++;
    if (r->handler && (r->flags & ROUTE_APPLY))
        return HTTP_APPLY_MAX;
    if (!r->handler || !(r->flags & ROUTE_UPLOAD))
        return HTTP_BODY_MAX;
    /* The body is held before the handler runs, so an upload's room goes only to a
     * signed-in account the route allows: otherwise anyone able to open a connection
     * could make the server hold 64 MB on each. */
    if (!app->authenticate)
        return HTTP_BODY_MAX;
    struct arena a;
    arena_init(&a, 4096);
    struct http_request req = {.arena = &a, .method = m, .path = path, .cookie = cookie};
    req.store = app->pool ? store_pool_take(app->pool) : app->store;
    const struct http_principal *who = app->authenticate(app, &req);
    bool allowed = who && (who->perms & r->perm) == r->perm;
    if (app->pool)
        store_pool_give(app->pool, req.store);
    arena_release(&a);
    return allowed ? HTTP_UPLOAD_MAX : HTTP_BODY_MAX;
}

static bool in_set(unsigned char c, enum route_param_type type)
{
    switch (type) {
    case PARAM_TEXT: /* domain/text.h judges these (router_param_ok) */
    case PARAM_LINE:
        return true;
    case PARAM_PUBLIC_ID:
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    case PARAM_INT:
        return c >= '0' && c <= '9';
    case PARAM_DATE:
        return (c >= '0' && c <= '9') || c == '-';
    case PARAM_ASSET:
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    case PARAM_SLUG:
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    case PARAM_TOKEN:
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    }
    return false;
}

/* The length a person sees: characters (UTF-8 lead bytes), a CR LF line break as one,
 * as a browser's textarea counts them before the form turns "\n" into "\r\n"; GOV.UK
 * Frontend's character count counts the same way (UTF-16 units, so never fewer). */
static size_t chars(const char *v)
{
    size_t n = 0;
    for (const char *p = v; *p; p++)
        n += ((unsigned char)*p & 0xc0) != 0x80 && !(p[0] == '\n' && p > v && p[-1] == '\r');
    return n;
}

enum param_problem { PARAM_OK, PARAM_TOO_LONG, PARAM_BAD_CHARACTER };

/* Whether `value` is acceptable as `type` within `max`; for text, what is wrong with it
 * is written into `why` in words that follow the field's name. */
static enum param_problem param_check(enum route_param_type type, const char *value, size_t max,
                                      char *why, size_t size)
{
    snprintf(why, size, "must not contain control characters");
    size_t n = strlen(value);
    bool text = type == PARAM_TEXT || type == PARAM_LINE;
    /* Text in characters, and never over four bytes a character (UTF-8's longest). */
    if (text ? n > 4 * max || chars(value) > max : n > max)
        return PARAM_TOO_LONG;
    if (text && text_problem(value, n, type == PARAM_TEXT ? TEXT_FREE : TEXT_LINE, why, size))
        return PARAM_BAD_CHARACTER;
    for (size_t i = 0; i < n; i++)
        if (!in_set((unsigned char)value[i], type))
            return PARAM_BAD_CHARACTER;
    if (type == PARAM_DATE && n > 0 && !(n == 10 && value[4] == '-' && value[7] == '-'))
        return PARAM_BAD_CHARACTER;
    return PARAM_OK;
}

bool router_param_ok(enum route_param_type type, const char *value, size_t max)
{
    char why[96];
    return param_check(type, value, max, why, sizeof why) == PARAM_OK;
}

int http_problem(struct http_request *req, struct http_response *res, int status, const char *title,
                 const char *detail)
{
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "type", "about:blank");
    json_str(&j, "title", title);
    json_int(&j, "status", status);
    json_str(&j, "detail", detail);
    json_str(&j, "instance", req->request_id);
    if (req->nerrors) {
        json_arr_begin(&j, "errors");
        for (size_t i = 0; i < req->nerrors; i++) {
            json_obj_begin(&j);
            json_str(&j, "field", req->errors[i].field);
            json_str(&j, "detail", req->errors[i].message);
            json_obj_end(&j);
        }
        json_arr_end(&j);
    }
    json_obj_end(&j);
    size_t len;
    const char *body = json_out_take(&j, req->arena, &len);
    http_body(res, status, "application/problem+json", body, len);
    return status;
}

/* API addresses answer in JSON whatever went wrong, matched route or not. */
static bool is_api(const struct http_request *req)
{
    return (req->route && (req->route->flags & ROUTE_API)) || strncmp(req->path, "/api/", 5) == 0;
}

int http_error_page(struct http_request *req, struct http_response *res, int status,
                    const char *title, const char *message)
{
    if (is_api(req))
        return http_problem(req, res, status, title, message);
    /* The service's own page: header, navigation for whoever is signed in, footer, and
     * a way back to the start, whatever went wrong. Field errors belong to a form's own
     * page, never here. */
    struct html h;
    html_init(&h, req->arena);
    req->nerrors = 0;
    page_begin(&h, req, title);
    html_f(&h,
           "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
           "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">%s</p>\n",
           title, message);
    html_raw(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the kith home "
                 "page</a></p>\n");
    html_f(&h, "<p class=\"govuk-body-s\">Reference: %s</p>\n</div></div>\n", req->request_id);
    return page_end(&h, res, status);
}

/* The Origin of a form post must be kith's own. Browsers send Origin on every POST; a
 * missing one is refused too, since kith serves no client that omits it. */
static bool origin_ok(const struct http_app *app, const struct http_request *req)
{
    if (!req->origin)
        return false;
    if (app->origin)
        return strcmp(req->origin, app->origin) == 0;
    if (!req->host)
        return false;
    const char *o = req->origin;
    const char *scheme = app->behind_tls ? "https://" : "http://";
    size_t ns = strlen(scheme);
    return strncmp(o, scheme, ns) == 0 && strcmp(o + ns, req->host) == 0;
}

static const char *form_value(const struct http_request *req, const char *name)
{
    for (size_t i = 0; i < req->nform; i++)
        if (strcmp(req->form[i].name, name) == 0)
            return req->form[i].value;
    return NULL;
}

/* A record form's field as one value: checkboxes send one pair per ticked box, and a
 * record's code list is read comma-separated (rec_set_text), so the boxes ticked are
 * joined with commas in the order sent. */
static const char *form_joined(const struct http_request *req, const char *name)
{
    const char *first = NULL;
    struct str s = STR_INIT;
    size_t n = 0;
    for (size_t i = 0; i < req->nform; i++)
        if (strcmp(req->form[i].name, name) == 0) {
            first = n++ ? first : req->form[i].value;
            str_addf(&s, "%s%s", n > 1 ? "," : "", req->form[i].value);
        }
    const char *v = n > 1 ? arena_strdup(req->arena, s.buf) : first;
    str_release(&s);
    return v;
}

/* The declaration of a form from a field table (ROUTE_RECORD_FORM, ROUTE_CHILD_FORM,
 * ROUTE_NOTE_FORM): a
 * date as NAME-day/-month/-year, what kith keeps or the place implies left out, with
 * "version" and "reason" for a correction, then the row's own `params` (a step-down's
 * closure of the CIN episode beside the new episode's fields). */
static const struct route_param *fields_params(struct http_request *req, const struct field *fields)
{
    size_t own = 0;
    while (req->route->params && req->route->params[own].name)
        own++;
    size_t n = 0, cap = 3 + own;
    for (const struct field *f = fields; f->name; f++)
        cap += 3;
    struct route_param *v = arena_zalloc(req->arena, cap * sizeof *v);
    static const char *const parts[] = {"day", "month", "year"};
    for (const struct field *f = fields; f->name; f++) {
        if (f->flags & (FIELD_KEPT | FIELD_IMPLIED))
            continue;
        const char *title = page_sentence(req->arena, f->label);
        if (f->type == FIELD_DATE) {
            for (size_t i = 0; i < 3; i++)
                v[n++] = (struct route_param){arena_printf(req->arena, "%s-%s", f->name, parts[i]),
                                              PARAM_LINE,
                                              20,
                                              false,
                                              f->label,
                                              title};
            continue;
        }
        /* room beyond the field's own limit: its check says how long it may be, beside it,
         * with the text kept */
        size_t max = f->max_len ? (size_t)f->max_len * 4 + 16 : 1000;
        v[n++] = (struct route_param){
            f->name, f->flags & FIELD_MULTILINE ? PARAM_TEXT : PARAM_LINE, max, false, f->label,
            title};
    }
    v[n++] = (struct route_param){"version", PARAM_LINE, 12, false, "the version", "The version"};
    v[n++] = (struct route_param){
        "reason", PARAM_TEXT, 2000, false, "the reason for the correction", "The reason"};
    for (size_t i = 0; i < own; i++)
        v[n++] = req->route->params[i];
    return v;
}

/* The declaration of a record form (ROUTE_RECORD_FORM): the fields of the type the path
 * names, from its description. NULL when there is no such type (the handler says so). */
static const struct route_param *record_params(struct http_request *req)
{
    const char *at = strstr(req->route->pattern, "{type}");
    if (!at)
        return NULL;
    size_t k = 0;
    for (const char *p = req->route->pattern; p < at; p++)
        k += *p == '{';
    const struct rec_type *t = k < HTTP_PATH_ARGS_MAX ? rec_type_named(req->path_args[k]) : NULL;
    return t ? fields_params(req, t->fields) : NULL;
}

/* The forms declared by a field table: a record type's (from the path), or these. */
static const struct {
    unsigned flag;
    const struct field *fields;
} field_forms[] = {{ROUTE_CHILD_FORM, person_fields}, {ROUTE_NOTE_FORM, note_fields}};

const struct route_param *router_form_params(struct http_request *req)
{
    const struct route *r = req->route;
    if (!r)
        return NULL;
    if (r->flags & ROUTE_RECORD_FORM)
        return record_params(req);
    for (size_t i = 0; i < sizeof field_forms / sizeof field_forms[0]; i++)
        if (r->flags & field_forms[i].flag)
            return fields_params(req, field_forms[i].fields);
    return r->params;
}

/* Keep declared fields only; check type and length; note required ones left empty. */
static void check_params(struct http_request *req)
{
    const struct route *r = req->route;
    req->nparams = 0;
    req->nerrors = 0;
    bool by_fields = r->flags & (ROUTE_RECORD_FORM | ROUTE_CHILD_FORM | ROUTE_NOTE_FORM);
    const struct route_param *params = router_form_params(req);
    for (const struct route_param *p = params; p && p->name; p++) {
        const char *v = by_fields ? form_joined(req, p->name) : form_value(req, p->name);
        if (!v)
            v = "";
        /* A value out of bounds is the form's error, shown beside the field with the
         * text as it was typed (the handler renders the form again), never a bare page
         * that loses it. */
        char why[96];
        enum param_problem bad = param_check(p->type, v, p->max, why, sizeof why);
        const char *title = p->title ? p->title : "This field";
        if (bad && req->nerrors < HTTP_FIELD_ERRORS_MAX) {
            req->errors[req->nerrors].field = p->name;
            req->errors[req->nerrors].message =
                bad == PARAM_TOO_LONG
                    ? arena_printf(req->arena, "%s must be %zu characters or fewer", title, p->max)
                : p->type == PARAM_DATE ? arena_printf(req->arena, "%s must be a real date", title)
                                        : arena_printf(req->arena, "%s %s", title, why);
            req->nerrors++;
        }
        if (req->nparams < HTTP_PARAMS_MAX) {
            req->params[req->nparams].name = p->name;
            req->params[req->nparams].value = v;
            req->nparams++;
        }
        bool blank = v[strspn(v, " \t\r\n")] == '\0';
        if (p->required && blank && !bad && req->nerrors < HTTP_FIELD_ERRORS_MAX) {
            req->errors[req->nerrors].field = p->name;
            req->errors[req->nerrors].message =
                arena_printf(req->arena, "Enter %s", p->label ? p->label : p->name);
            req->nerrors++;
        }
    }
}

static bool unsafe(enum http_method m) { return m != HTTP_GET && m != HTTP_HEAD; }

int router_dispatch(struct http_app *app, const struct route *table, struct http_request *req,
                    struct http_response *res)
{
    if (strlen(req->path) > HTTP_PATH_MAX)
        return http_error_page(req, res, 414, "Address too long",
                               "The address of the page is longer than kith accepts.");
    const struct route *hit = NULL;
    bool other_method = false;
    for (const struct route *r = table; r->handler; r++) {
        if (!router_match(r->pattern, req->path, NULL, NULL))
            continue;
        /* HEAD is answered by GET routes (the transport sends no body). */
        if (r->method == req->method || (req->method == HTTP_HEAD && r->method == HTTP_GET)) {
            hit = r;
            break;
        }
        other_method = true;
    }
    if (!hit && other_method) {
        http_header_add(res, "Allow", "GET, HEAD, POST");
        return http_error_page(req, res, 405, "Method not allowed",
                               "This page cannot be used that way.");
    }
    if (!hit)
        return http_error_page(req, res, 404, "Page not found",
                               "If you typed the web address, check it is correct.");
    req->route = hit;
    if (hit->perm == ROUTE_PERM_UNSET) /* deny by default; the route test catches this */
        return http_error_page(req, res, 403, "You cannot see this page",
                               "Ask your administrator for access.");
    /* An upload's room is only offered to a signed-in account the route allows
     * (router_body_max), so an upload's refusal waits until the account is known: whoever
     * is not signed in is asked to, whoever may not is told so, before "too large". */
    if (req->body_too_large && !(hit->flags & (ROUTE_UPLOAD | ROUTE_APPLY)))
        return http_error_page(req, res, 413, "What you sent is too large",
                               "Shorten the text and try again.");

    if (!(hit->perm & ROUTE_PUBLIC)) {
        if (!req->principal && app->authenticate)
            req->principal = app->authenticate(app, req);
        if (!req->principal) {
            /* A post from elsewhere is refused before the sign-in page can carry it. */
            if (unsafe(req->method) && !(hit->flags & ROUTE_API) && !origin_ok(app, req))
                return http_error_page(req, res, 403, "This form has expired",
                                       "Go back, reload the page and try again.");
            if (hit->flags & ROUTE_API) {
                http_header_add(res, "WWW-Authenticate", "Bearer realm=\"kith\"");
                return http_problem(req, res, 401, "Sign in to continue",
                                    "Send an API token: Authorization: Bearer TOKEN");
            }
            if (app->unauthenticated)
                return app->unauthenticated(app, req, res);
            return http_error_page(req, res, 401, "Sign in to continue",
                                   "You need to sign in to see this page.");
        }
        /* a ROUTE_KEPT row's permission is its scope's to ask, by the path's type */
        unsigned need = hit->flags & ROUTE_KEPT ? ROUTE_SIGNED_IN : hit->perm;
        if ((req->principal->perms & need) != need)
            return http_error_page(req, res, 403, "You cannot see this page",
                                   "Your role does not give access to this page.");
    }
    if (req->body_too_large)
        return http_error_page(req, res, 413, "The files are too large",
                               "The files you chose are larger than 64 MB together, the most "
                               "kith takes in one go. Choose fewer files, or validate the "
                               "return with kith validate on the command line.");
    /* API routes take a bearer token and never a cookie, so a browser cannot be made to
     * send one for another site: no CSRF token to check. */
    if (unsafe(req->method) && !(hit->flags & ROUTE_API)) {
        /* Every unsafe route must be CSRF-protected; the route test checks the table. */
        if (!(hit->flags & ROUTE_CSRF) || !origin_ok(app, req))
            return http_error_page(req, res, 403, "This form has expired",
                                   "Go back, reload the page and try again.");
        const char *token = form_value(req, "csrf");
        const char *expected = req->principal ? req->principal->csrf_token : NULL;
        if (!(hit->perm & ROUTE_PUBLIC) && !http_secret_equal(token, expected))
            return http_error_page(req, res, 403, "This form has expired",
                                   "Go back, reload the page and try again.");
    }

    if (!router_match(hit->pattern, req->path, req->arena, req->path_args))
        return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    for (size_t i = 0; i < HTTP_PATH_ARGS_MAX && req->path_args[i]; i++)
        if (!router_param_ok(hit->path_type, req->path_args[i], 64))
            return http_error_page(req, res, 404, "Page not found", "There is no such page.");
    check_params(req);
    /* The row's scope: whether this account may see what the path's id names (scope.c).
     * A refusal is a 404, as if there were nothing there. */
    if (hit->scope) {
        int rc = hit->scope(app, req);
        if (rc == 503)
            return http_error_page(req, res, 503, "Sorry, there is a problem",
                                   "The records could not be read. Try again later.");
        if (rc == 403) /* a reader of a type that hangs off no child, on a row that writes */
            return http_error_page(req, res, 403, "You cannot see this page",
                                   "Your role does not give access to this page.");
        if (rc)
            return http_error_page(req, res, rc, "Page not found", "There is no such page.");
    }
    return hit->handler(app, req, res);
}

/* R10: the same headers on every response, refusals included. The CSP allows no inline
 * script or style anywhere; pages load only kith's own /assets. */
static void security_headers(const struct http_app *app, struct http_response *res)
{
    http_header_add(res, "Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                    "frame-ancestors 'none'");
    http_header_add(res, "X-Content-Type-Options", "nosniff");
    http_header_add(res, "X-Frame-Options", "DENY");
    /* same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on
     * kith's own form posts, and the CSRF check needs the real Origin. */
    http_header_add(res, "Referrer-Policy", "same-origin");
    http_header_add(res, "Cross-Origin-Opener-Policy", "same-origin");
    http_header_add(res, "Cross-Origin-Resource-Policy", "same-origin");
    http_header_add(res, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    http_header_add(res, "Cache-Control",
                    res->cacheable ? "public, max-age=31536000, immutable" : "no-store");
    if (app->behind_tls)
        http_header_add(res, "Strict-Transport-Security", "max-age=31536000");
}

void router_handle(struct http_app *app, const struct route *table, struct http_request *req,
                   struct http_response *res)
{
    memset(res, 0, sizeof *res);
    req->store = app->pool ? store_pool_take(app->pool) : app->store;
    int status = router_dispatch(app, table, req, res);
    /* A refusal on a child's route is in the audit trail, whoever refused it (docs/web.md):
     * the handlers audit what they refuse themselves, the router's own refusals and the
     * rest are written here. */
    if ((status == 403 || status == 404) && req->route && req->principal && !req->audited &&
        strstr(req->route->pattern, "/children/{id}")) {
        struct kerr e = KERR_INIT;
        if (web_refused(app, req, status, &e)) {
            req->cause = e.code;
            status = http_error_page(req, res, 503, "Sorry, there is a problem",
                                     "The records could not be read or written. Try again later.");
        }
    }
    if (app->pool)
        store_pool_give(app->pool, req->store);
    req->store = NULL;
    if (status != res->status || !res->content_type) {
        /* A handler that returned a status without a page gets the plain one. */
        if (status >= 400 || !res->content_type)
            http_error_page(req, res, status >= 400 ? status : 500, "Sorry, there is a problem",
                            "Try again later.");
        else
            res->status = status;
    }
    if (!(req->route && (req->route->flags & ROUTE_ASSET)) || res->status != 200)
        res->cacheable = false;
    security_headers(app, res);
}
