/*
 * JSON in and out of a record from its field table (api_fields.h). Nothing here knows a
 * record type: the canonical text of each field (domain/rec.h rec_text, rec_set_text) is
 * what travels, as it does through the forms, the command line and the store.
 */
#include "http/api_fields.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/codeset.h"
#include "domain/rec.h"

void api_field_error(struct http_request *req, const char *field, const char *message)
{
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = arena_strdup(req->arena, field);
        req->errors[req->nerrors].message = arena_strdup(req->arena, message);
        req->nerrors++;
    }
}

double api_decimal(const struct field *f, const char *text)
{
    int64_t units = 0;
    double v = field_decimal_parse(text, f->decimals, &units) ? (double)units : 0;
    for (int i = 0; i < f->decimals; i++)
        v /= 10;
    return v;
}

void api_fields_write(struct json_out *j, const struct field *fields, const void *rec)
{
    char buf[REC_TEXT_BUF];
    for (const struct field *f = fields; f->name; f++) {
        if (f->flags & FIELD_IMPLIED)
            continue;
        const char *v = rec_text(f, rec, buf);
        if (f->type == FIELD_BOOL) {
            json_bool(j, f->name, v && v[0] == '1');
        } else if (f->type == FIELD_INT && v) {
            json_int(j, f->name, strtoll(v, NULL, 10));
        } else if (f->type == FIELD_DECIMAL && v) {
            json_num(j, f->name, api_decimal(f, v));
        } else if (f->type == FIELD_CODE_LIST) {
            json_arr_begin(j, f->name);
            for (const char *p = v ? v : ""; *p;) {
                size_t n = strcspn(p, ",");
                char code[REC_TEXT_BUF];
                memcpy(code, p, n);
                code[n] = '\0';
                json_str(j, NULL, code);
                p += n + (p[n] == ',');
            }
            json_arr_end(j);
        } else {
            json_str(j, f->name, v);
        }
    }
}

/* The JSON kind a field's value comes as. */
static bool kind_fits(const struct field *f, enum json_kind k)
{
    if (k == JV_NULL)
        return true;
    switch (f->type) {
    case FIELD_BOOL:
        return k == JV_BOOL;
    case FIELD_INT:
        return k == JV_NUMBER;
    case FIELD_DECIMAL: /* 0.6 or "0.6"; jansson's double comes back with 15 digits */
        return k == JV_NUMBER || k == JV_STRING;
    case FIELD_CODE_LIST:
        return k == JV_LIST || k == JV_STRING;
    default:
        return k == JV_STRING;
    }
}

static const char *kind_wanted(const struct field *f)
{
    switch (f->type) {
    case FIELD_BOOL:
        return "expected true or false";
    case FIELD_INT:
        return "expected a whole number or null";
    case FIELD_DECIMAL:
        return "expected a number such as 0.6, or null";
    case FIELD_CODE_LIST:
        return "expected a list of codes, such as [\"HEAR\", \"VIS\"], or null";
    default:
        return "expected a string or null";
    }
}

void api_fields_read(struct http_request *req, const struct field *fields, const char *what,
                     const struct json_body *b, void *rec, const char *const *extra,
                     const struct json_member **extra_v)
{
    struct field_errors errs;
    field_errors_clear(&errs);
    for (size_t i = 0; i < b->n; i++) {
        const struct json_member *m = &b->v[i];
        bool done = false;
        for (size_t k = 0; extra && extra[k] && !done; k++)
            if (!strcmp(extra[k], m->name)) {
                extra_v[k] = m;
                done = true;
            }
        if (done)
            continue;
        const struct field *f = field_find(fields, m->name);
        if (!f || (f->flags & (FIELD_KEPT | FIELD_IMPLIED))) {
            api_field_error(req, m->name, arena_printf(req->arena, "is not a field of %s", what));
            continue;
        }
        if (!kind_fits(f, m->kind)) {
            api_field_error(req, m->name, kind_wanted(f));
            continue;
        }
        if (f->type == FIELD_DATE && m->text && m->text[0] &&
            !(strlen(m->text) == 10 && m->text[4] == '-' && m->text[7] == '-')) {
            api_field_error(req, m->name, "expected a date as YYYY-MM-DD");
            continue;
        }
        rec_set_text(f, rec, m->kind == JV_NULL ? NULL : m->text, req->arena, &errs);
    }
    for (size_t i = 0; i < errs.n; i++)
        api_field_error(req, errs.items[i].field, errs.items[i].msg);
}

void api_field_schema(struct json_out *j, const struct field *f)
{
    json_key_obj(j, f->name);
    json_arr_begin(j, "type");
    json_str(j, NULL,
             f->type == FIELD_BOOL        ? "boolean"
             : f->type == FIELD_INT       ? "integer"
             : f->type == FIELD_DECIMAL   ? "number"
             : f->type == FIELD_CODE_LIST ? "array"
                                          : "string");
    if (f->type != FIELD_BOOL)
        json_str(j, NULL, "null");
    json_arr_end(j);
    json_str(j, "description", f->label);
    if (f->type == FIELD_DATE)
        json_str(j, "format", "date");
    if (f->type == FIELD_INT) {
        json_int(j, "minimum", f->min);
        json_int(j, "maximum", f->max);
    }
    if (f->type == FIELD_DECIMAL) {
        char lo[32], hi[32];
        json_num(j, "minimum", api_decimal(f, field_decimal_text(f->min, f->decimals, lo, 32)));
        json_num(j, "maximum", api_decimal(f, field_decimal_text(f->max, f->decimals, hi, 32)));
    }
    if (f->type == FIELD_TEXT && f->max_len)
        json_int(j, "maxLength", f->max_len);
    bool coded = (f->flags & FIELD_CODED) || f->type == FIELD_ENUM;
    if (f->type == FIELD_CODE_LIST)
        json_key_obj(j, "items");
    if (coded) {
        const struct codeset *cs = codeset_get(f->codeset);
        json_arr_begin(j, "enum");
        for (int i = 0; i < cs->n; i++)
            json_str(j, NULL, cs->codes[i].code);
        if (f->type != FIELD_CODE_LIST)
            json_str(j, NULL, NULL);
        json_arr_end(j);
    } else if (f->type == FIELD_CODE_LIST) {
        json_str(j, "type", "string");
    }
    if (f->type == FIELD_CODE_LIST)
        json_obj_end(j);
    json_obj_end(j);
}

void api_fields_schema(struct json_out *j, const char *name, const char *description,
                       const char *const *head, const struct field *fields, bool input,
                       const char *const *required)
{
    json_key_obj(j, name);
    json_str(j, "type", "object");
    if (description)
        json_str(j, "description", description);
    json_key_obj(j, "properties");
    for (const char *const *h = head; h && *h; h++) {
        json_key_obj(j, *h);
        json_str(j, "type", "string");
        json_obj_end(j);
    }
    for (const struct field *f = fields; f->name; f++)
        if (!(f->flags & FIELD_IMPLIED) && !(input && (f->flags & FIELD_KEPT)))
            api_field_schema(j, f);
    json_obj_end(j);
    json_arr_begin(j, "required");
    for (const char *const *r = required; r && *r; r++)
        json_str(j, NULL, *r);
    for (const struct field *f = fields; f->name; f++)
        if ((f->flags & FIELD_REQUIRED) && !(f->flags & (FIELD_IMPLIED | FIELD_KEPT)))
            json_str(j, NULL, f->name);
    json_arr_end(j);
    json_obj_end(j);
}

int api_refused(struct http_request *req, struct http_response *res, enum kerr_code rc,
                const struct cw_err *err)
{
    if (rc == KITH_E_NOT_FOUND)
        return http_problem(req, res, 404, "Not found", "There is no such record.");
    if (rc == KITH_E_FORBIDDEN)
        return http_problem(req, res, 403, "Not allowed", err->e.msg);
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE || rc == KITH_E_CONFLICT) {
        for (size_t i = 0; i < err->fields.n; i++)
            api_field_error(req, err->fields.items[i].field, err->fields.items[i].msg);
        if (!err->fields.n)
            api_field_error(req, err->e.field[0] ? err->e.field : "body", err->e.msg);
        return http_problem(req, res, rc == KITH_E_CONFLICT ? 409 : 422, "The record was not saved",
                            err->e.msg);
    }
    req->cause = rc;
    return http_problem(req, res, 503, "Sorry, there is a problem",
                        "The records could not be read or written. Try again later.");
}

/* Whether a Content-Type names JSON: application/json or a +json type
 * (application/merge-patch+json), in any case, with or without parameters ("; charset=utf-8").
 * "application/jsonp" or "text/json; application/json" are not. */
static bool json_type(const char *type)
{
    if (!type)
        return false;
    size_t n = strcspn(type, ";");
    while (n && (type[n - 1] == ' ' || type[n - 1] == '\t'))
        n--;
    static const char app[] = "application/", json[] = "json", plus[] = "+json";
    size_t na = sizeof app - 1;
    if (n <= na || strncasecmp(type, app, na))
        return false;
    const char *sub = type + na;
    size_t ns = n - na;
    if (ns == sizeof json - 1 && !strncasecmp(sub, json, ns))
        return true;
    if (ns <= sizeof plus - 1 || strncasecmp(sub + ns - (sizeof plus - 1), plus, sizeof plus - 1))
        return false;
    for (size_t i = 0; i < ns - (sizeof plus - 1); i++) /* the subtype's name: a token */
        if (!isalnum((unsigned char)sub[i]) && !strchr("!#$&-^_.", sub[i]))
            return false;
    return true;
}

int api_body_read(struct http_request *req, struct http_response *res, struct json_body *b)
{
    if (!json_type(req->content_type))
        return http_problem(req, res, 415, "Send JSON",
                            "The body must be a JSON object with Content-Type: application/json");
    struct kerr e = KERR_INIT;
    if (json_body_parse(req->body ? req->body : "", req->body_len, req->arena, b, &e)) {
        api_field_error(req, e.field[0] ? e.field : "body", e.msg);
        return http_problem(req, res, 400, "The body could not be read", e.msg);
    }
    return 0;
}
