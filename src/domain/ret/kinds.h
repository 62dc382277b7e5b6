/*
 * The kinds of return kith validates, in one list, so that commands which list or look up
 * rules (`kith rules`) need no change when a return kind is added.
 */
#ifndef KITH_DOMAIN_RET_KINDS_H
#define KITH_DOMAIN_RET_KINDS_H

#include "domain/ret/table.h"

/* NULL-terminated. */
extern const struct ret_kind *const ret_kinds[];

/* The kind called `name` ("cin", "903"), or NULL. */
const struct ret_kind *ret_kind_find(const char *name);

/* The first and last collection years that have a rule set of their own. */
int ret_kind_first_year(const struct ret_kind *k);
int ret_kind_last_year(const struct ret_kind *k);

#endif
