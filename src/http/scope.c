/*
 * The scope checks the router runs before a handler, one named in each route row whose
 * path reaches a record (router.h, route_scope_fn): the handler of a {id} route can never
 * forget to ask whether this account may see what the id names. A refusal is "Page not
 * found" (404), never a hint that the record exists, and it is audited.
 *
 * Records hanging off a child (every record type with a parent) inherit the child's scope
 * and restriction; the store's scope query (store_person_visible) decides, here and in
 * the use-case layer alike. Routes whose ids name no child's record say why in their own
 * function, so the table never has a row with no answer.
 *
 * A type that hangs off no child (a vacancy, an agency price cap) has no child's scope: its
 * description names its keepers, the roles that read and write it (domain/rec.h), and the
 * rows that serve such types (ROUTE_KEPT) are decided here by the use case's own rule
 * (cw_rec_may): one who may not read the type is told there is nothing there (404, as for
 * a child out of scope, audited), one who reads it but may not write it is refused (403,
 * as a role without the write permission is on a child's record).
 */
#include "http/scope.h"

#include <string.h>

#include "casework/casework.h"
#include "domain/rec.h"
#include "http/web_audit.h"
#include "store/store_rec.h"

/* A store failure while deciding is no answer: 503, with its cause in the log line. */
static int unavailable(struct http_request *req, enum kerr_code rc)
{
    req->cause = rc;
    return 503;
}

int route_scope_child(struct http_app *app, struct http_request *req)
{
    struct person *p = arena_zalloc(req->arena, sizeof *p);
    struct kerr e = KERR_INIT;
    enum kerr_code rc = web_child(app, req, req->path_args[0], p, NULL, &e);
    if (rc == KITH_E_NOT_FOUND)
        return 404; /* web_child audited a denial */
    if (rc)
        return unavailable(req, rc);
    req->scoped_child = p;
    return 0;
}

/* Whether the account may use a ROUTE_KEPT row for type `t`, which hangs off no child:
 * reading it, or writing it when the row is a write (its permission holds the child types'
 * ROUTE_NOTE_WRITE). A refusal is audited as the type's action. */
static int keepers_allow(struct http_app *app, struct http_request *req, const struct rec_type *t)
{
    bool writing = req->route && (req->route->perm & ROUTE_NOTE_WRITE);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    bool reads = cw_rec_may(&who, t, false);
    if (reads && (!writing || cw_rec_may(&who, t, true)))
        return 0;
    struct kerr e = KERR_INIT;
    const char *verb = !reads ? "view" : "change";
    enum kerr_code rc = web_audit(app, req, 0, arena_printf(req->arena, "%s.%s", t->name, verb),
                                  "denied", NULL, &e);
    req->audited = !rc;
    return rc ? unavailable(req, rc) : reads ? 403 : 404;
}

/* A child's type on a ROUTE_KEPT row: the row's permission, as the router asks it of every
 * other row (it asked only for a signed-in account here). */
static bool row_allows(const struct http_request *req)
{
    unsigned need = req->route ? req->route->perm : 0;
    return !(req->route && (req->route->flags & ROUTE_KEPT)) ||
           (req->principal && (req->principal->perms & need) == need);
}

int route_scope_kept(struct http_app *app, struct http_request *req)
{
    const struct rec_type *t = rec_type_named(req->path_args[0]);
    if (!t || t->parent) /* a child's records are under /children/{id}/records/{type} */
        return 404;
    int status = keepers_allow(app, req, t);
    if (status || !req->path_args[1])
        return status;
    void *rec = arena_zalloc(req->arena, t->size);
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_rec_find(req->store, t, req->path_args[1], req->arena, rec, &e);
    return rc == KITH_E_NOT_FOUND ? 404 : rc ? unavailable(req, rc) : 0;
}

int route_scope_record(struct http_app *app, struct http_request *req)
{
    const struct rec_type *t = rec_type_named(req->path_args[0]);
    if ((!t || t->parent) && !row_allows(req))
        return 403;
    if (!t)
        return 404;
    if (!t->parent)
        return route_scope_kept(app, req);
    void *rec = arena_zalloc(req->arena, t->size);
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_rec_find(req->store, t, req->path_args[1], req->arena, rec, &e);
    if (rc == KITH_E_NOT_FOUND)
        return 404;
    if (rc)
        return unavailable(req, rc);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err = {.e = KERR_INIT};
    rc = cw_may_see(req->store, &who, rec_chead(t, rec)->parent_id,
                    arena_printf(req->arena, "%s.view", t->name), &err);
    if (rc == KITH_E_NOT_FOUND)
        req->audited = true; /* cw_may_see wrote the denial */
    return rc == KITH_E_NOT_FOUND ? 404 : rc ? unavailable(req, rc) : 0;
}

int route_scope_team(struct http_app *app, struct http_request *req)
{
    /* A team's page holds counts per worker and no child's record: every team is open
     * to the accounts whose role may read teams (the row's permission). */
    (void)app;
    (void)req;
    return 0;
}

int route_scope_account(struct http_app *app, struct http_request *req)
{
    /* Administrators manage every account; the row's permission says who they are. */
    (void)app;
    (void)req;
    return 0;
}

int route_scope_public(struct http_app *app, struct http_request *req)
{
    /* What the id names is published for anyone (a vacancy on the jobs board). */
    (void)app;
    (void)req;
    return 0;
}

int route_scope_recruit(struct http_app *app, struct http_request *req)
{
    (void)app;
    (void)req;
    return 0;
}
