/*
 * The JSON reader (jansson, with its duplicate-key check and a depth of one object) and
 * the escaping writer (json.h). The writer escapes quotes, backslashes and every control
 * character, and writes "<", ">" and "&" as \u escapes too, so a JSON response can never
 * be read as markup by a confused browser.
 */
#include "http/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/esc.h"

#include <jansson.h>

enum kerr_code json_body_parse(const char *data, size_t len, struct arena *a, struct json_body *out,
                               struct kerr *e)
{
    json_error_t err;
    /* the end of the object must be the end of the body (white space aside): a body with
     * more after it ('{...}{...}', '{...} junk') is two messages or a mistake, not one */
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        return kerr_fail(e, KITH_E_PARSE, "body", "the body is not JSON: %s (line %d, column %d)",
                         err.text, err.line, err.column);
    if (!json_is_object(root)) {
        json_decref(root);
        return kerr_fail(e, KITH_E_INVALID, "body", "the body must be one JSON object");
    }
    size_t n = json_object_size(root), i = 0;
    out->v = arena_alloc(a, (n + 1) * sizeof *out->v);
    out->n = 0;
    const char *key;
    json_t *v;
    enum kerr_code rc = KITH_OK;
    json_object_foreach(root, key, v)
    {
        struct json_member *m = &out->v[i++];
        m->name = arena_strdup(a, key);
        char num[64];
        switch (json_typeof(v)) {
        case JSON_STRING:
            m->kind = JV_STRING;
            m->text = arena_strndup(a, json_string_value(v), json_string_length(v));
            if (strlen(m->text) != json_string_length(v))
                rc = kerr_fail(e, KITH_E_INVALID, key, "%s: holds a NUL character", key);
            break;
        case JSON_INTEGER:
            snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            m->kind = JV_NUMBER;
            m->text = arena_strdup(a, num);
            break;
        case JSON_REAL:
            snprintf(num, sizeof num, "%.15g", json_real_value(v));
            m->kind = JV_NUMBER;
            m->text = arena_strdup(a, num);
            break;
        case JSON_TRUE:
        case JSON_FALSE:
            m->kind = JV_BOOL;
            m->text = json_is_true(v) ? "true" : "false";
            break;
        case JSON_NULL:
            m->kind = JV_NULL;
            m->text = NULL;
            break;
        case JSON_ARRAY: {
            /* a list of codes (["HEAR", "VIS"]), read as the canonical text "HEAR,VIS" */
            size_t k, total = 1;
            json_t *item;
            json_array_foreach(v, k, item)
            {
                const char *t = json_is_string(item) ? json_string_value(item) : NULL;
                if (!t || strlen(t) != json_string_length(item) || strchr(t, ',')) {
                    rc = kerr_fail(e, KITH_E_INVALID, key,
                                   "%s: expected a list of codes, each a string without commas",
                                   key);
                    break;
                }
                total += json_string_length(item) + 1;
            }
            if (rc)
                break;
            char *text = arena_alloc(a, total);
            size_t at = 0;
            json_array_foreach(v, k, item)
            {
                size_t w = json_string_length(item);
                if (k)
                    text[at++] = ',';
                memcpy(text + at, json_string_value(item), w);
                at += w;
            }
            text[at] = '\0';
            m->kind = JV_LIST;
            m->text = text;
            break;
        }
        default:
            rc = kerr_fail(e, KITH_E_INVALID, key,
                           "%s: expected a string, number, true, false, a list of codes or null",
                           key);
        }
        if (rc)
            break;
    }
    out->n = i;
    json_decref(root);
    return rc;
}

/* Append `v` under `name`, descending into objects and arrays. */
static void flatten(json_t *v, const char *name, struct arena *a, struct json_member **items,
                    size_t *n, size_t *cap)
{
    if (json_is_object(v)) {
        const char *key;
        json_t *child;
        json_object_foreach(v, key, child)
        {
            flatten(child, name[0] ? arena_printf(a, "%s.%s", name, key) : key, a, items, n, cap);
        }
        return;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *child;
        json_array_foreach(v, i, child)
        {
            flatten(child, arena_printf(a, "%s.%zu", name, i), a, items, n, cap);
        }
        return;
    }
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        struct json_member *grown = arena_alloc(a, ncap * sizeof *grown);
        if (*n)
            memcpy(grown, *items, *n * sizeof *grown);
        *items = grown;
        *cap = ncap;
    }
    struct json_member *m = &(*items)[(*n)++];
    m->name = arena_strdup(a, name);
    char num[64];
    if (json_is_string(v)) {
        m->kind = JV_STRING;
        m->text = arena_strndup(a, json_string_value(v), json_string_length(v));
    } else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        m->kind = JV_NUMBER;
        m->text = arena_strdup(a, num);
    } else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%.15g", json_real_value(v));
        m->kind = JV_NUMBER;
        m->text = arena_strdup(a, num);
    } else if (json_is_boolean(v)) {
        m->kind = JV_BOOL;
        m->text = json_is_true(v) ? "true" : "false";
    } else {
        m->kind = JV_NULL;
        m->text = NULL;
    }
}

enum kerr_code json_body_parse_flat(const char *data, size_t len, struct arena *a,
                                    struct json_body *out, struct kerr *e)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, 0, &err);
    if (!root)
        return kerr_fail(e, KITH_E_PARSE, "body", "not JSON: %s (line %d, column %d)", err.text,
                         err.line, err.column);
    size_t cap = 0;
    out->v = NULL;
    out->n = 0;
    flatten(root, "", a, &out->v, &out->n, &cap);
    json_decref(root);
    return KITH_OK;
}

const struct json_member *json_get(const struct json_body *b, const char *name)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->v[i].name, name) == 0)
            return &b->v[i];
    return NULL;
}

void json_out_init(struct json_out *j)
{
    str_init(&j->s, 0);
    j->first = true;
}

static void quoted(struct json_out *j, const char *v) { esc_json(&j->s, v); }

static void key(struct json_out *j, const char *k)
{
    if (!j->first)
        str_addc(&j->s, ',');
    j->first = false;
    if (k) {
        quoted(j, k);
        str_addc(&j->s, ':');
    }
}

void json_obj_begin(struct json_out *j)
{
    key(j, NULL);
    str_addc(&j->s, '{');
    j->first = true;
}

void json_obj_end(struct json_out *j)
{
    str_addc(&j->s, '}');
    j->first = false;
}

void json_key_obj(struct json_out *j, const char *k)
{
    key(j, k);
    str_addc(&j->s, '{');
    j->first = true;
}

void json_arr_begin(struct json_out *j, const char *k)
{
    key(j, k);
    str_addc(&j->s, '[');
    j->first = true;
}

void json_arr_end(struct json_out *j)
{
    str_addc(&j->s, ']');
    j->first = false;
}

void json_str(struct json_out *j, const char *k, const char *v)
{
    key(j, k);
    if (v)
        quoted(j, v);
    else
        str_add(&j->s, "null");
}

void json_int(struct json_out *j, const char *k, int64_t v)
{
    key(j, k);
    str_addf(&j->s, "%" PRId64, v);
}

void json_num(struct json_out *j, const char *k, double v)
{
    key(j, k);
    str_addf(&j->s, "%.6g", v);
}

void json_bool(struct json_out *j, const char *k, bool v)
{
    key(j, k);
    str_add(&j->s, v ? "true" : "false");
}

const char *json_out_take(struct json_out *j, struct arena *a, size_t *len)
{
    size_t n = 0;
    char *d = str_detach(&j->s, &n);
    char *r = arena_strndup(a, d ? d : "", d ? n : 0);
    free(d);
    *len = n;
    return r;
}
