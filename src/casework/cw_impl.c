/*
 * What every use case shares (cw_impl.h): the scope gate, the summary of a refusal of
 * values, and a change committed with its audit row (cw_audit and cw_err_clear are in
 * records.c).
 *
 * A record that hangs off a child is seen and changed only by those who may see the
 * child: the store's scope query decides (store_person_visible), here, once, so no entry
 * point can forget it. A refusal reads as "not found" (an id someone may not see must not
 * be told apart from one that does not exist) and is audited as denied.
 */
#include "casework/cw_impl.h"

#include <string.h>

#include "domain/record.h"

enum kerr_code cw_may_see(struct store *s, const struct actor *who, int64_t child_id,
                          const char *action, struct cw_err *err)
{
    if (!who->scope)
        return KITH_OK;
    bool visible = false;
    enum kerr_code rc = store_person_visible(s, who->scope, child_id, &visible, &err->e);
    if (rc)
        return rc;
    if (visible)
        return KITH_OK;
    cw_audit(s, who, child_id, action, "denied", NULL, true, NULL);
    return kerr_fail(&err->e, KITH_E_NOT_FOUND, "child", "there is no such child");
}

/* Roles whose reading is borough-wide (store_scope.service_wide): a CP chair or IRO is
 * given conferences and reviews for children no allocation ties them to. */
static const char *const service_wide_roles[] = {"cp-chair-iro", NULL};

struct store_scope cw_scope(int64_t user_id, int64_t worker_id, const char *role, kdate today)
{
    struct actor who = {.role = role};
    return (struct store_scope){.user_id = user_id,
                                .worker_id = worker_id,
                                .service_wide = cw_role_in(&who, service_wide_roles),
                                .today = today};
}

enum kerr_code cw_child_open(struct store *s, const struct actor *who, const char *ref,
                             const char *action, bool read, struct arena *a, struct person *out,
                             bool *audited, struct cw_err *err)
{
    *audited = false;
    enum kerr_code rc = store_person_find(s, ref, a, out, &err->e);
    if (!rc && (out->kind != PERSON_CHILD || strcmp(out->public_id, ref) != 0))
        rc = KITH_E_NOT_FOUND; /* public ids only: LA ids and relatives are not addresses */
    bool visible = !who->scope;
    /* a child merged into another is seen by whoever sees the kept child, where its
     * records are now (its address leads there), and by no one else: an access grant left
     * on the merged record would otherwise name the kept child to someone who may not see
     * it */
    if (!rc && who->scope)
        rc = store_person_visible(s, who->scope, out->merged_into ? out->merged_into : out->id,
                                  &visible, &err->e);
    if (!rc && (!visible || action)) {
        rc = cw_audit(s, who, out->id, action ? action : "view", visible ? "ok" : "denied", NULL,
                      read || !visible, &err->e);
        *audited = !rc;
        if (!rc && !visible)
            rc = KITH_E_NOT_FOUND;
    }
    if (rc == KITH_E_NOT_FOUND)
        kerr_fail(&err->e, KITH_E_NOT_FOUND, "id", "no child '%s'", ref);
    return rc;
}

enum kerr_code cw_child_writable(struct store *s, int64_t child_id, struct cw_err *err)
{
    struct arena a;
    arena_init(&a, 1024);
    struct person p, kept;
    enum kerr_code rc = store_person_get(s, child_id, &a, &p, &err->e);
    if (!rc && p.merged_into) {
        bool named = store_person_get(s, p.merged_into, &a, &kept, NULL) == KITH_OK;
        rc = kerr_fail(&err->e, KITH_E_CONFLICT, "child",
                       "this child's record was merged into %s (%s): record it there",
                       named ? kept.public_id : "another record",
                       named ? kept.la_child_id : "unmerge it first to write here");
    }
    arena_release(&a);
    return rc;
}

enum kerr_code cw_values_result(const char *what, struct cw_err *err)
{
    if (!err->fields.n && !err->fields.dropped)
        return KITH_OK;
    size_t n = err->fields.n + err->fields.dropped;
    if (n == 1)
        return kerr_fail(&err->e, KITH_E_INVALID, err->fields.items[0].field, "%s",
                         err->fields.items[0].msg);
    return kerr_fail(&err->e, KITH_E_INVALID, err->fields.items[0].field,
                     "the %s has %zu problems; the first: %s", what, n, err->fields.items[0].msg);
}

bool cw_role_in(const struct actor *who, const char *const *roles)
{
    for (; who->role && *roles; roles++)
        if (!strcmp(who->role, *roles))
            return true;
    return false;
}

enum kerr_code cw_check_fields(const struct actor *who, const struct field *fields,
                               const char *what, const void *rec, struct cw_err *err)
{
    struct field_ctx ctx = {.year = 0, .today = who->today};
    field_check(fields, rec, &ctx, &err->fields);
    return cw_values_result(what, err);
}

enum kerr_code cw_commit(struct store *s, const struct actor *who, enum kerr_code rc,
                         int64_t child_id, const char *action, const char *detail, struct kerr *e)
{
    if (!rc)
        rc = cw_audit(s, who, child_id, action, "ok", detail, false, e);
    if (!rc)
        rc = store_commit(s, e);
    if (rc)
        store_rollback(s);
    return rc;
}
