/*
 * Search before create (dupes.h): check what was typed, read the candidates the store
 * finds (store_dupes.h), keep those the actor may see that score DUP_SHOWN or more, best
 * first, and audit the search.
 */
#include "casework/dupes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"

static int by_score(const void *x, const void *y)
{
    const struct cw_dup *a = x, *b = y;
    if (a->score.score != b->score.score)
        return b->score.score > a->score.score ? 1 : -1;
    return a->child.id < b->child.id ? -1 : a->child.id > b->child.id;
}

static enum kerr_code audit_search(struct store *s, const struct actor *who, size_t found,
                                   struct kerr *e)
{
    char detail[48];
    snprintf(detail, sizeof detail, "%zu candidates", found);
    struct audit_event ev = {
        .at = who->now,
        .user_id = who->user_id,
        .username = who->username ? who->username : "(operator)",
        .role = who->role ? who->role : "operator",
        .action = "child.duplicates",
        .request_id = who->request_id ? who->request_id : "-",
        .outcome = "ok",
        .detail = detail,
        .read_only = true,
    };
    return store_audit_add(s, &ev, e);
}

enum kerr_code cw_child_duplicates_of(struct store *s, const struct actor *who,
                                      const struct person *child, struct arena *a,
                                      struct cw_dup **out, size_t *n, struct cw_err *err)
{
    struct dup_query q = {.given = child->given_name,
                          .family = child->family_name,
                          .dob = child->dob,
                          .nhs_number = child->nhs_number,
                          .upn = child->upn,
                          .postcode = child->postcode};
    enum kerr_code rc = cw_child_duplicates(s, who, &q, a, out, n, err);
    size_t k = 0;
    for (size_t i = 0; !rc && i < *n; i++)
        if ((*out)[i].child.id != child->id)
            (*out)[k++] = (*out)[i];
    *n = k;
    return rc;
}

enum kerr_code cw_child_duplicates(struct store *s, const struct actor *who,
                                   const struct dup_query *q, struct arena *a, struct cw_dup **out,
                                   size_t *n, struct cw_err *err)
{
    *out = NULL;
    *n = 0;
    struct field_ctx ctx = {.today = who->today};
    field_check(dup_query_fields, q, &ctx, &err->fields);
    if (!err->fields.n)
        dup_query_check(q, &err->fields);
    if (err->fields.n)
        return kerr_fail(&err->e, KITH_E_INVALID, err->fields.items[0].field, "%s",
                         err->fields.items[0].msg);
    struct dup_query_bufs b;
    struct dup_person probe;
    dup_query_person(q, &b, &probe);
    struct dup_probe_q sq = {.given = q->given,
                             .family = q->family,
                             .dob = q->dob,
                             .nhs = probe.nhs,
                             .upn = probe.upn,
                             .postcode = probe.postcode};
    struct dup_row *rows;
    size_t nrows;
    enum kerr_code rc = store_dup_candidates(s, &sq, a, &rows, &nrows, &err->e);
    if (rc)
        return rc;
    struct cw_dup *v = arena_zalloc(a, (nrows ? nrows : 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < nrows; i++) {
        struct dup_person cand = {.given = rows[i].given,
                                  .family = rows[i].family,
                                  .dob = rows[i].dob,
                                  .nhs = rows[i].nhs,
                                  .upn = rows[i].upn,
                                  .postcode = rows[i].postcode};
        dup_score(&probe, &cand, &v[k].score);
        if (v[k].score.score < DUP_SHOWN)
            continue;
        if (who->scope) {
            bool visible = false;
            rc = store_person_visible(s, who->scope, rows[i].id, &visible, &err->e);
            if (rc)
                return rc;
            if (!visible)
                continue;
        }
        v[k++].child = rows[i];
    }
    qsort(v, k, sizeof *v, by_score);
    *out = v;
    *n = k;
    return audit_search(s, who, k, &err->e);
}
