/*
 * The workforce use cases: a worker's absences, recorded and read by those who manage
 * staff (team managers and administrators; the operator's own tools), each audited, since
 * why someone was off sick is their personal data. The same carrier as every use case
 * (casework.h).
 */
#ifndef KITH_CASEWORK_WORKFORCE_H
#define KITH_CASEWORK_WORKFORCE_H

#include "casework/casework.h"
#include "store/store.h"
#include "domain/csww.h"
#include "domain/workforce.h"

/* Whether `who` manages staff: a team manager, an administrator, or the operator. */
bool cw_may_manage_staff(const struct actor *who);

/* Record absence `ab` of worker `worker_ref` (public id or Social Work England number):
 * checked against absence_fields, its first day not before the worker started; audited
 * as "absence-add". KITH_E_FORBIDDEN for anyone who does not manage staff (audited),
 * KITH_E_NOT_FOUND for no such worker, KITH_E_INVALID with each problem in err->fields. */
enum kerr_code cw_absence_add(struct store *s, const struct actor *who, const char *worker_ref,
                              struct absence *ab, struct cw_err *err);

/* The worker's absences, newest first, with the worker; audited as one "absence-list". */
enum kerr_code cw_absences(struct store *s, const struct actor *who, const char *worker_ref,
                           struct arena *a, struct worker *w, struct absence **out, size_t *n,
                           struct cw_err *err);

/* Workers (`q`: a team, current only, a page), with the census items: for those who
 * manage staff only, audited as one "worker-list" with the count. */
enum kerr_code cw_workers(struct store *s, const struct actor *who, const struct worker_query *q,
                          struct arena *a, struct worker **out, size_t *n, struct cw_err *err);

/* Whether `who` may see the workforce in figures: those who manage staff, and performance
 * analysts (counts only, no person is named). */
bool cw_may_see_workforce_figures(const struct actor *who);

/* The workforce in figures (domain/csww.h): posts, agency workers, vacancies and caseloads
 * on `on`, starters, leavers and working days lost from `from` to `on`, every team's
 * caseload per FTE; live from the records, one snapshot. KITH_E_FORBIDDEN for those
 * cw_may_see_workforce_figures refuses (audited), KITH_E_INVALID when `from` is after
 * `on`. Not audited otherwise: no person is named. */
enum kerr_code cw_workforce_figures(struct store *s, const struct actor *who, kdate from, kdate on,
                                    struct arena *a, struct workforce_figures *out,
                                    struct cw_err *err);

/* The DfE workforce census of `year` (reference date 30 September) from the records, with
 * the council's LA code (`*lea`, NULL when unset). It names workers with their personal
 * details, so only those who manage staff (and the operator) may run it, and each run is
 * an audit row ("workforce-census", with the count). */
enum kerr_code cw_workforce_census(struct store *s, const struct actor *who, int year,
                                   struct arena *a, struct csww_census *out, const char **lea,
                                   struct cw_err *err);

#endif
