/*
 * Search before create: the children already known who may be the child a person is
 * about to record (a contact, a new child), each with its score and why it matched
 * (domain/dupes.h), best first. Only children the actor may see are shown; a front-door
 * worker's scope is every child, which is what makes the check worth doing there. The
 * search is audited as a read with the number found, never what was typed.
 */
#ifndef KITH_CASEWORK_DUPES_H
#define KITH_CASEWORK_DUPES_H

#include "casework/casework.h"
#include "domain/dupes.h"
#include "store/store_dupes.h"

struct cw_dup {
    struct dup_row child;
    struct dup_score score;
};

/* Check `q` (every problem in err->fields, KITH_E_INVALID), then find and score. */
enum kerr_code cw_child_duplicates(struct store *s, const struct actor *who,
                                   const struct dup_query *q, struct arena *a, struct cw_dup **out,
                                   size_t *n, struct cw_err *err);

/* The children who may be the same child as `child` (a record already kept: its names,
 * date of birth, NHS number, UPN and postcode are what is looked for), the child itself
 * left out; checked, scoped and audited as cw_child_duplicates. */
enum kerr_code cw_child_duplicates_of(struct store *s, const struct actor *who,
                                      const struct person *child, struct arena *a,
                                      struct cw_dup **out, size_t *n, struct cw_err *err);

#endif
