/*
 * The audit rows and the store scope a request carries (web_audit.h): the request's side
 * only. Who may see which child, and which roles read borough-wide, are the use-case
 * layer's (casework.h cw_scope, cw_child_open), decided once for every entry point.
 */
#include "http/web_audit.h"

#include <string.h>
#include <time.h>

#include "casework/casework.h"
#include "domain/codeset.h"

/* The actions that change nothing (a refusal changes nothing either); everything else is
 * a change, an export or an access decision, and waits for the disk. */
static bool reads(const char *action)
{
    static const char *const read_actions[] = {"view", "search", "caseload", "audit-view"};
    for (size_t i = 0; i < sizeof read_actions / sizeof read_actions[0]; i++)
        if (!strcmp(action, read_actions[i]))
            return true;
    return false;
}

enum kerr_code web_audit(struct http_app *app, struct http_request *req, int64_t child_id,
                         const char *action, const char *outcome, const char *detail,
                         struct kerr *e)
{
    (void)app;
    const struct http_principal *p = req->principal;
    struct audit_event ev = {
        .at = (int64_t)time(NULL),
        .user_id = p ? p->user_id : 0,
        .username = p && p->username ? p->username : "(not signed in)",
        .role = p ? vocab_code(CS_USER_ROLE, (int)p->role) : "none",
        .child_id = child_id,
        .action = action,
        .request_id = req->request_id[0] ? req->request_id : "-",
        .outcome = outcome,
        .detail = detail,
        .read_only = reads(action) || !strcmp(outcome, "denied") || !strcmp(outcome, "not-found"),
    };
    enum kerr_code rc = store_audit_add(req->store, &ev, e);
    req->audited = req->audited || !rc;
    return rc;
}

enum kerr_code web_change_done(struct http_app *app, struct http_request *req, enum kerr_code rc,
                               int64_t child_id, const char *action, const char *detail,
                               struct kerr *e)
{
    if (!rc)
        rc = web_audit(app, req, child_id, action, "ok", detail, e);
    if (!rc)
        rc = store_commit(req->store, e);
    if (rc)
        store_rollback(req->store);
    return rc;
}

struct store_scope web_scope(const struct http_request *req)
{
    const struct http_principal *p = req->principal;
    if (!p)
        return (struct store_scope){.user_id = -1, .today = DATE_NONE};
    return cw_scope(p->user_id, p->worker_id, vocab_code(CS_USER_ROLE, (int)p->role), DATE_NONE);
}

enum kerr_code web_child(struct http_app *app, struct http_request *req, const char *ref,
                         struct person *out, const char *action, struct kerr *e)
{
    if (req->scoped_child && !strcmp(req->scoped_child->public_id, ref)) {
        /* the route's scope check found this child and that it may be seen, moments ago in
         * the same request: only the audit row is left */
        *out = *req->scoped_child;
        return action ? web_audit(app, req, out->id, action, "ok", NULL, e) : KITH_OK;
    }
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err = {.e = KERR_INIT};
    bool audited = false;
    enum kerr_code rc = cw_child_open(req->store, &who, ref, action, action && reads(action),
                                      req->arena, out, &audited, &err);
    req->audited = req->audited || audited;
    if (rc)
        *e = err.e;
    return rc;
}

enum kerr_code web_refused(struct http_app *app, struct http_request *req, int status,
                           struct kerr *e)
{
    const char *args[HTTP_PATH_ARGS_MAX + 1] = {0};
    int64_t child_id = 0;
    struct person p;
    struct kerr ignored = KERR_INIT;
    /* the id as given: a child's when it names one (whether or not it may be seen), else
     * none, and only the route's pattern goes in the detail, never the path as typed */
    if (router_match(req->route->pattern, req->path, req->arena, args) && args[0] &&
        router_param_ok(PARAM_PUBLIC_ID, args[0], 64) &&
        !store_person_find(req->store, args[0], req->arena, &p, &ignored) &&
        p.kind == PERSON_CHILD && !strcmp(p.public_id, args[0]))
        child_id = p.id;
    bool read = req->method == HTTP_GET || req->method == HTTP_HEAD;
    return web_audit(app, req, child_id, read ? "view" : "change",
                     status == 403 ? "denied" : "not-found",
                     arena_printf(req->arena, "%d %s %s", status, http_method_text(req->method),
                                  req->route->pattern),
                     e);
}

struct actor web_actor(struct http_request *req, struct store_scope *scope)
{
    *scope = web_scope(req);
    scope->today = date_today();
    const struct http_principal *p = req->principal;
    return (struct actor){.user_id = p ? p->user_id : 0,
                          .username = p ? p->username : NULL,
                          .role = p ? vocab_code(CS_USER_ROLE, (int)p->role) : NULL,
                          .worker_id = p ? p->worker_id : 0,
                          .scope = scope,
                          .request_id = req->request_id[0] ? req->request_id : NULL,
                          .now = (int64_t)time(NULL),
                          .today = scope->today};
}
