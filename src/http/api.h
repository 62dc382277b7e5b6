/* The JSON API's handlers (api.c), named in the route table, and the table of what each
 * API route is, from which /api/v1/openapi.json is written. */
#ifndef KITH_HTTP_API_H
#define KITH_HTTP_API_H

#include "http/router.h"

struct api_doc {
    enum http_method method;
    const char *pattern;
    const char *summary;
    const char *request;  /* schema name of the body, or NULL */
    const char *response; /* schema name of the answer, or NULL */
};
extern const struct api_doc api_docs[]; /* NULL-pattern terminated; a path's rows together */
const struct api_doc *api_doc_find(enum http_method m, const char *pattern);

int api_children_search(struct http_app *app, struct http_request *req, struct http_response *res);
int api_child_get(struct http_app *app, struct http_request *req, struct http_response *res);
int api_child_create(struct http_app *app, struct http_request *req, struct http_response *res);
int api_child_update(struct http_app *app, struct http_request *req, struct http_response *res);
int api_child_duplicates(struct http_app *app, struct http_request *req, struct http_response *res);
int api_child_merge(struct http_app *app, struct http_request *req, struct http_response *res);
int api_child_unmerge(struct http_app *app, struct http_request *req, struct http_response *res);
int api_notes_list(struct http_app *app, struct http_request *req, struct http_response *res);
int api_note_add(struct http_app *app, struct http_request *req, struct http_response *res);
int api_allocations_list(struct http_app *app, struct http_request *req, struct http_response *res);
int api_allocation_add(struct http_app *app, struct http_request *req, struct http_response *res);
/* api_workforce.c: teams (any signed-in account), workers (those who manage staff). */
int api_teams(struct http_app *app, struct http_request *req, struct http_response *res);
int api_workers(struct http_app *app, struct http_request *req, struct http_response *res);
/* Agency assignments in force on a day, and adding one (api_agency.c). */
int api_agency_list(struct http_app *app, struct http_request *req, struct http_response *res);
int api_agency_add(struct http_app *app, struct http_request *req, struct http_response *res);
/* The region's agency price caps, and adding one (api_agency.c): the generic list and
 * add of api_records.c (api_kept_list, api_kept_add) for agency_cap, kept at the address
 * documented before those served a type with no parent. */
int api_agency_caps(struct http_app *app, struct http_request *req, struct http_response *res);
int api_agency_cap_add(struct http_app *app, struct http_request *req, struct http_response *res);
int api_workforce_figures(struct http_app *app, struct http_request *req,
                          struct http_response *res);
/* api_work.c: the obligations the timescales derive. */
int api_obligations(struct http_app *app, struct http_request *req, struct http_response *res);
/* api_records.c: every record type from its description. */
int api_records_list(struct http_app *app, struct http_request *req, struct http_response *res);
int api_record_add(struct http_app *app, struct http_request *req, struct http_response *res);
int api_record_get(struct http_app *app, struct http_request *req, struct http_response *res);
/* The records of a type that hangs off no child, for its keepers: GET /api/v1/records/{type}
 * (newest first, 50 a page with the total; ?page=N) and POST to add one. */
int api_kept_list(struct http_app *app, struct http_request *req, struct http_response *res);
int api_kept_add(struct http_app *app, struct http_request *req, struct http_response *res);
/* The same for type `t` (one with no parent), the list's records under `key`: for the
 * addresses that served one such type before these did (/api/v1/agency-caps). */
struct rec_type;
int api_kept_list_of(struct http_request *req, struct http_response *res, const struct rec_type *t,
                     const char *key);
int api_kept_add_of(struct http_request *req, struct http_response *res, const struct rec_type *t);
int api_record_correct(struct http_app *app, struct http_request *req, struct http_response *res);
int api_child_chronology(struct http_app *app, struct http_request *req, struct http_response *res);
int api_record_history(struct http_app *app, struct http_request *req, struct http_response *res);
int api_record_delete(struct http_app *app, struct http_request *req, struct http_response *res);
/* Step from a record into a new one (casework/step.h): the new record's fields, and on a
 * step-down cin_closure_date and cin_closure_reason; 201 with the new record. */
int api_record_step(struct http_app *app, struct http_request *req, struct http_response *res);
/* The record types' schemas (Contact, ContactInput, ..., Record, RecordInput), written
 * into the OpenAPI document's components.schemas. */
struct json_out;
void api_records_schemas(struct json_out *j, struct arena *a);
int api_openapi(struct http_app *app, struct http_request *req, struct http_response *res);

#endif
