/*
 * Merging two records of one child, and undoing it (casework.h): the rules of the action,
 * whichever way it comes (the page's confirmation, the API, `kith child merge`). Both
 * children must be children the actor may see (a refusal audited on each as for any
 * child); neither may be merged already; and a restricted record is merged only with one
 * restricted to the same people, so that no record becomes visible to anyone who could not
 * see it before. The moves are the store's (store/store_merge.h), in one transaction with
 * an audit row on each child.
 */
#include <stdio.h>
#include <string.h>

#include "casework/casework.h"
#include "casework/cw_impl.h"

static const struct field merge_reason = {
    .name = "reason",
    .label = "reason",
    .expect = "why the two records are one child's, in up to 2000 characters",
    .type = FIELD_TEXT,
};

/* Child `ref` (a public id or LA child id) as `what` ("keep", "gone") names it. */
static enum kerr_code child_of(struct store *s, const struct actor *who, const char *ref,
                               const char *what, const char *action, struct arena *a,
                               struct person *p, struct cw_err *err)
{
    enum kerr_code rc = ref && *ref ? store_person_find(s, ref, a, p, &err->e) : KITH_E_NOT_FOUND;
    if (!rc && p->kind != PERSON_CHILD)
        rc = KITH_E_NOT_FOUND;
    if (!rc)
        rc = cw_may_see(s, who, p->id, action, err);
    if (rc == KITH_E_NOT_FOUND)
        return kerr_fail(&err->e, KITH_E_NOT_FOUND, what, "there is no such child");
    return rc;
}

/* Whether the two children may be seen by the same people: neither restricted, or both
 * restricted to the same accounts. */
static enum kerr_code same_restriction(struct store *s, int64_t x, int64_t y, struct arena *a,
                                       bool *same, struct kerr *e)
{
    struct restriction r[2];
    bool on[2];
    int64_t ids[2] = {x, y};
    for (int i = 0; i < 2; i++) {
        enum kerr_code rc = store_restriction_get(s, ids[i], a, &r[i], e);
        on[i] = rc == KITH_OK;
        if (rc == KITH_E_NOT_FOUND)
            kerr_clear(e);
        else if (rc)
            return rc;
    }
    *same = on[0] == on[1];
    if (*same && on[0]) {
        *same = r[0].nallow == r[1].nallow;
        for (size_t i = 0; *same && i < r[0].nallow; i++) {
            bool found = false;
            for (size_t k = 0; k < r[1].nallow && !found; k++)
                found = r[0].allow[i] == r[1].allow[k];
            *same = found;
        }
    }
    return KITH_OK;
}

/* Finish a merge or an unmerge whose moves went `rc`: an audit row on each child, naming
 * the other and how many records moved, then the commit, or nothing at all. */
static enum kerr_code audit_both(struct store *s, const struct actor *who, enum kerr_code rc,
                                 const struct person *k, const struct person *g, const char *action,
                                 int64_t moved, struct cw_err *err)
{
    char detail[96];
    snprintf(detail, sizeof detail, "%s %s, %lld records moved", action, k->public_id,
             (long long)moved);
    if (!rc)
        rc = cw_audit(s, who, g->id, action, "ok", detail, false, &err->e);
    snprintf(detail, sizeof detail, "%s %s, %lld records moved", action, g->public_id,
             (long long)moved);
    return cw_commit(s, who, rc, k->id, action, detail, &err->e);
}

enum kerr_code cw_child_merge(struct store *s, const struct actor *who, const char *keep,
                              const char *gone, const char *reason, struct arena *a,
                              struct child_merge *out, struct cw_err *err)
{
    memset(out, 0, sizeof *out);
    if (!reason || !reason[strspn(reason, " \t\r\n")])
        field_fail(&err->fields, &merge_reason, -1, NULL, "is missing", NULL);
    else if (strlen(reason) > 2000)
        field_fail(&err->fields, &merge_reason, -1, NULL, "is too long", NULL);
    enum kerr_code rc = cw_values_result("merge", err);
    struct person k = {0}, g = {0};
    if (!rc)
        rc = child_of(s, who, keep, "keep", "merge", a, &k, err);
    if (!rc)
        rc = child_of(s, who, gone, "gone", "merge", a, &g, err);
    if (rc)
        return rc;
    if (k.id == g.id)
        return kerr_fail(&err->e, KITH_E_INVALID, "gone",
                         "the child to merge is the child kept: choose the other record");
    if (k.merged_into || g.merged_into)
        return kerr_fail(&err->e, KITH_E_CONFLICT, k.merged_into ? "keep" : "gone",
                         "%s %s's record is merged into another already: unmerge it first",
                         k.merged_into ? k.given_name : g.given_name,
                         k.merged_into ? k.family_name : g.family_name);
    bool same = false;
    rc = same_restriction(s, k.id, g.id, a, &same, &err->e);
    if (rc)
        return rc;
    if (!same)
        return kerr_fail(&err->e, KITH_E_FORBIDDEN, "gone",
                         "one record is restricted and the other is not, or to other people: "
                         "a merge would show restricted records to people who may not see them");
    *out = (struct child_merge){
        .keep_id = k.id,
        .gone_id = g.id,
        .reason = reason,
        .at = who->now,
        .by = who->username ? who->username : "(operator)",
    };
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_child_merge(s, out, &err->e);
    return audit_both(s, who, rc, &k, &g, "merge", out->moved, err);
}

enum kerr_code cw_child_unmerge(struct store *s, const struct actor *who, const char *gone,
                                const char *reason, struct arena *a, struct child_merge *out,
                                struct cw_err *err)
{
    memset(out, 0, sizeof *out);
    if (!reason || !reason[strspn(reason, " \t\r\n")])
        field_fail(&err->fields, &merge_reason, -1, NULL, "is missing",
                   "why the records are not one child's after all");
    enum kerr_code rc = cw_values_result("unmerge", err);
    struct person g = {0}, k = {0};
    /* A merged child's records are the kept child's now, and so is who may see them: the
     * scope that decides is the kept child's. */
    if (!rc)
        rc = gone && *gone ? store_person_find(s, gone, a, &g, &err->e) : KITH_E_NOT_FOUND;
    if (!rc && g.kind != PERSON_CHILD)
        rc = KITH_E_NOT_FOUND;
    if (!rc && !g.merged_into)
        rc = cw_may_see(s, who, g.id, "unmerge", err);
    if (rc == KITH_E_NOT_FOUND)
        return kerr_fail(&err->e, KITH_E_NOT_FOUND, "gone", "there is no such child");
    if (rc)
        return rc;
    if (!g.merged_into)
        return kerr_fail(&err->e, KITH_E_CONFLICT, "gone",
                         "%s %s's record is not merged into another", g.given_name, g.family_name);
    rc = store_person_get(s, g.merged_into, a, &k, &err->e);
    if (!rc)
        rc = cw_may_see(s, who, k.id, "unmerge", err);
    if (rc == KITH_E_NOT_FOUND)
        return kerr_fail(&err->e, KITH_E_NOT_FOUND, "gone", "there is no such child");
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_child_unmerge(s, g.id, who->username ? who->username : "(operator)", who->now,
                             reason, out, &err->e);
    return audit_both(s, who, rc, &k, &g, "unmerge", out->moved, err);
}
