/*
 * The cases each worker held on a day (store_cases.h), for the leaders' workforce page
 * and the DfE workforce census: one grouped count over the allocations, written once for
 * both backends. The census's "cases held on 30 September" and the page's caseloads per
 * FTE read the same statement, so the two cannot disagree about what a case is. A case is held
 * as the child's social worker, personal adviser or lead child protection practitioner
 * (the LCPP holds the child protection case, Families First); a child counts once however
 * many of these a worker is. An IRO or a conference chair reviews a case, holds none.
 */
#include "store/store_cases.h"

#include "store/store_sql.h"

static struct store_sql cases_on_sql =
    STORE_SQL("SELECT a.worker_id, count(DISTINCT a.child_id) FROM allocation a "
              "WHERE a.role IN (?2, ?3, ?4) AND a.start_date <= ?1 "
              "AND (a.end_date IS NULL OR a.end_date > ?1) "
              "GROUP BY a.worker_id ORDER BY a.worker_id");

static void read_cases(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    (void)len;
    (void)a;
    struct worker_cases *c = out;
    c->worker_id = sc_i64(v[0]);
    c->cases = sc_i64(v[1]);
}

enum kerr_code store_cases_on(struct store *s, kdate on, struct arena *a, struct worker_cases **out,
                              size_t *n, struct kerr *e)
{
    struct store_params p = {0};
    sp_date(&p, on);
    sp_i64(&p, ALLOC_SOCIAL_WORKER);
    sp_i64(&p, ALLOC_PERSONAL_ADVISER);
    sp_i64(&p, ALLOC_LCPP);
    return store_q_rows(s, &cases_on_sql, &p, a, sizeof **out, read_cases, (void **)out, n,
                        "counting the cases each worker held", e);
}
