/*
 * Writing the audit trail from a request (R3): who (the principal and role), what (the
 * action and outcome), which child, and the request id that ties the row to the access
 * log. Rows go through the request's own store handle (req->store); for a change, the
 * caller has the change's transaction open on it, so the two commit together.
 */
#ifndef KITH_HTTP_WEB_AUDIT_H
#define KITH_HTTP_WEB_AUDIT_H

#include "http/router.h"
#include "store/store.h"

enum kerr_code web_audit(struct http_app *app, struct http_request *req, int64_t child_id,
                         const char *action, const char *outcome, const char *detail,
                         struct kerr *e);

/* Finish a change begun with store_begin, whose writes went `rc`: write its audit row
 * (outcome "ok") and commit, or roll the whole change back, so a change and its audit row
 * are stored together or not at all. */
enum kerr_code web_change_done(struct http_app *app, struct http_request *req, enum kerr_code rc,
                               int64_t child_id, const char *action, const char *detail,
                               struct kerr *e);

/* The store scope of the signed-in account (R2): lists and lookups see only its children. */
struct store_scope web_scope(const struct http_request *req);
/* The request's account as the use-case layer's actor (casework.h), its scope (filled in
 * `scope`, which must outlive the actor) dated today. */
struct actor;
struct actor web_actor(struct http_request *req, struct store_scope *scope);

/* The child `ref` (a public id) if the account may see it, writing `action` as a view
 * (or "denied") to the audit trail first; KITH_E_NOT_FOUND for a child out of scope as
 * for one that does not exist. Takes the store lock itself. `action` NULL audits only a
 * refusal. */
enum kerr_code web_child(struct http_app *app, struct http_request *req, const char *ref,
                         struct person *out, const char *action, struct kerr *e);

/* A request on a child's route refused with 403 or 404 that wrote no audit row of its own
 * (a role without the permission, a form past its time, an id that is no child, a handler's
 * own refusal): one row, action "view" or "change", outcome "denied" (403) or "not-found"
 * (404), the child when the id names one, and the status and route as detail. */
enum kerr_code web_refused(struct http_app *app, struct http_request *req, int status,
                           struct kerr *e);

#endif
