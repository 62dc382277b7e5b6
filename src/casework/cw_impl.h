/*
 * For the use cases only: what every action shares. Who may see a child (decided once, by
 * the store's scope query: cw_may_see, declared in casework.h as the router asks it too),
 * the audit row of an action, a change committed with its audit row or not at all, and
 * the one sentence a refusal of values opens with.
 */
#ifndef KITH_CASEWORK_CW_IMPL_H
#define KITH_CASEWORK_CW_IMPL_H

#include "casework/casework.h"

/* Whether child `child_id` may take a new record: KITH_E_CONFLICT, naming the child it was
 * merged into, when it was merged (its records live there now; one written here would be
 * out of sight until an unmerge), KITH_E_NOT_FOUND when there is no such child. */
enum kerr_code cw_child_writable(struct store *s, int64_t child_id, struct cw_err *err);

/* KITH_E_INVALID naming the first of the problems in err->fields ("the `what` has N
 * problems; the first: ..."), or KITH_OK when there are none. */
enum kerr_code cw_values_result(const char *what, struct cw_err *err);

/* Whether the actor's account has one of `roles` (user-role codes, NULL-ended); the
 * operator at the command line has none. Each permission says whether it lets the
 * operator in as well. */
bool cw_role_in(const struct actor *who, const char *const *roles);

/* Every check of a field table's values, today being the actor's. */
enum kerr_code cw_check_fields(const struct actor *who, const struct field *fields,
                               const char *what, const void *rec, struct cw_err *err);

/* A record's rules across the child's records (casework/cross.h) and then the CIN census's
 * on-save rules (cin_live.h), inside the caller's transaction, `self` being the record's
 * own row id on a correction (0 on an add); KITH_E_INVALID with each problem in
 * err->fields. */
enum kerr_code cw_rec_check_across(struct store *s, const struct rec_type *t, const void *rec,
                                   int64_t self, kdate today, struct cw_err *err);

/* Fields kith sets (FIELD_KEPT: a step's links) copied from `from` into `rec`, or cleared
 * when `from` is NULL: never taken from what a person typed. */
void cw_rec_kept(const struct rec_type *t, void *rec, const void *from);

/* Finish a change begun with store_begin whose writes went `rc`: its audit row, then the
 * commit, or the whole change rolled back. */
enum kerr_code cw_commit(struct store *s, const struct actor *who, enum kerr_code rc,
                         int64_t child_id, const char *action, const char *detail, struct kerr *e);

#endif
