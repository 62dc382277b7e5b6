/*
 * JSON for the API: reading a request body (jansson underneath; json.c is the only file
 * that includes it) and writing responses with an escaping builder, so that no value
 * reaches the output unescaped. Reading is flat on purpose: kith's API bodies are one
 * object of strings, numbers and booleans, and anything else is refused with the field
 * named.
 */
#ifndef KITH_HTTP_JSON_H
#define KITH_HTTP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"

/* One member of a parsed body: its value as text (numbers and booleans written out, null
 * as NULL), and what it was. */
/* JV_LIST: an array of strings (a list of codes), its text the strings joined by commas */
enum json_kind { JV_STRING, JV_NUMBER, JV_BOOL, JV_NULL, JV_LIST };
struct json_member {
    const char *name;
    const char *text; /* NULL for null */
    enum json_kind kind;
};
struct json_body {
    struct json_member *v;
    size_t n;
};

/* Parse an object of scalars (and lists of strings) into the arena. KITH_E_PARSE names the
 * line and column of a syntax error; KITH_E_INVALID names a member that is an object or
 * another kind of array. */
enum kerr_code json_body_parse(const char *data, size_t len, struct arena *a, struct json_body *out,
                               struct kerr *e);
/* Any JSON object, nested objects and arrays flattened into dotted names
 * ("errorList.0.href"), for tools that read structured options (the GOV.UK fixture test).
 * The API uses json_body_parse, which refuses nesting. */
enum kerr_code json_body_parse_flat(const char *data, size_t len, struct arena *a,
                                    struct json_body *out, struct kerr *e);
/* The member called `name`, or NULL. */
const struct json_member *json_get(const struct json_body *b, const char *name);

/* Writing: `first` tracks commas in the current object or array. */
struct json_out {
    struct str s;
    bool first;
};
void json_out_init(struct json_out *j);
void json_obj_begin(struct json_out *j);
void json_obj_end(struct json_out *j);
void json_arr_begin(struct json_out *j, const char *key); /* key NULL inside an array */
void json_arr_end(struct json_out *j);
void json_key_obj(struct json_out *j, const char *key);            /* opens a nested object */
void json_str(struct json_out *j, const char *key, const char *v); /* NULL writes null */
void json_int(struct json_out *j, const char *key, int64_t v);
void json_num(struct json_out *j, const char *key, double v);
void json_bool(struct json_out *j, const char *key, bool v);
/* Copy the text into the arena and release the builder. */
const char *json_out_take(struct json_out *j, struct arena *a, size_t *len);

#endif
