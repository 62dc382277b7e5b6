/*
 * What the workforce figures and the DfE workforce census count from allocations
 * (casework/workforce.h): the cases each worker held on a day. Written once for both
 * backends (store_sql.h).
 */
#ifndef KITH_STORE_STORE_CASES_H
#define KITH_STORE_STORE_CASES_H

#include "domain/csww.h"
#include "store/store.h"

/* For each worker holding at least one case on `on`, how many children: distinct children
 * allocated to them as social worker, personal adviser or lead child protection
 * practitioner (the roles that hold a case; an IRO or a conference chair does not), the
 * allocation begun on or before `on` and not
 * ended on or before it (an allocation that ends on a day is not held at its close).
 * Workers holding none are left out. In worker id order. */
enum kerr_code store_cases_on(struct store *s, kdate on, struct arena *a, struct worker_cases **out,
                              size_t *n, struct kerr *e);

#endif
