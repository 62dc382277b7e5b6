/*
 * JSON in and out of a record from its field table (domain/field.h): one reader, one
 * writer and one schema for every record, the generic types' (api_records.c) and the
 * child, note and allocation (api.c). A member is named as its field; a yes/no is true or
 * false, a whole number a number, a list of codes an array of strings (a comma-separated
 * string is read as well), everything else a string (a date as YYYY-MM-DD), and an absent
 * value null.
 */
#ifndef KITH_HTTP_API_FIELDS_H
#define KITH_HTTP_API_FIELDS_H

#include "casework/casework.h"
#include "domain/field.h"
#include "http/json.h"
#include "http/router.h"

/* A problem with member `field` of the body, kept for the problem answer (copied into the
 * request's arena). */
void api_field_error(struct http_request *req, const char *field, const char *message);

/* A FIELD_DECIMAL's canonical text ("0.60") as the number JSON writes. */
double api_decimal(const struct field *f, const char *text);

/* Each field of `fields` in `rec` as members of the object being written (FIELD_IMPLIED
 * ones left out). */
void api_fields_write(struct json_out *j, const struct field *fields, const void *rec);

/* Apply the body's members to `rec`: each must be a field of the table that a request may
 * set (not FIELD_KEPT or FIELD_IMPLIED), or one of `extra` (its member returned in
 * extra_v), of the JSON kind its field type takes; every problem becomes a field error of
 * the request. `what` names the record in a message: "a case note". */
void api_fields_read(struct http_request *req, const struct field *fields, const char *what,
                     const struct json_body *b, void *rec, const char *const *extra,
                     const struct json_member **extra_v);

/* The JSON schema of one field, as the member `f->name` of the properties object. */
void api_field_schema(struct json_out *j, const struct field *f);

/* A schema object `name` of the fields (leaving out FIELD_KEPT ones when `input`), after
 * `head` (string members such as "id"; may be NULL), its required list the fields marked
 * FIELD_REQUIRED and the `required` extra names (may be NULL). */
void api_fields_schema(struct json_out *j, const char *name, const char *description,
                       const char *const *head, const struct field *fields, bool input,
                       const char *const *required);

/* The request's body as a JSON object: 0, or the problem answer already in `res` (415 for a
 * Content-Type that is not application/json or a +json type, 400 naming what could not be
 * read). */
int api_body_read(struct http_request *req, struct http_response *res, struct json_body *b);

/* A use case's refusal as a problem, each field beside its name: 404 for what the account
 * may not see (as for what does not exist), 403, 409 for a clash, 422 for values, 503 for
 * everything underneath that the person can do nothing about. */
int api_refused(struct http_request *req, struct http_response *res, enum kerr_code rc,
                const struct cw_err *err);

#endif
