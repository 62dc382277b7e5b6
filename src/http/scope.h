/* The route scopes (scope.c): what the router asks before a handler about the record a
 * path's id names. Each returns 0 to go on, or the status to answer (404 for a record
 * this account may not see, 503 when the store could not say). */
#ifndef KITH_HTTP_SCOPE_H
#define KITH_HTTP_SCOPE_H

#include "http/router.h"

int route_scope_child(struct http_app *app, struct http_request *req);  /* {id}: a child */
int route_scope_record(struct http_app *app, struct http_request *req); /* {type}/{rid} */
/* {type}[/{rid}] of a type that hangs off no child, for its keepers (rec.h struct
 * rec_keepers): 404 for a child's type, for one who may not read the type, and for no such
 * record; 403 for a reader on a row that writes (its permission holds ROUTE_NOTE_WRITE). */
int route_scope_kept(struct http_app *app, struct http_request *req);
int route_scope_team(struct http_app *app, struct http_request *req);
int route_scope_account(struct http_app *app, struct http_request *req);
int route_scope_public(struct http_app *app, struct http_request *req);
/* {id}: a vacancy or an application, for the recruitment back office: the route's
 * permission (ROUTE_RECRUIT) is the whole check, since a recruiter works on every vacancy
 * of the council; what they read is audited by the use case. */
int route_scope_recruit(struct http_app *app, struct http_request *req);

#endif
