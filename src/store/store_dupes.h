/*
 * Candidates for duplicate detection (domain/dupes.h scores them): the children who share
 * with what a person typed an identifier (the NHS number, the UPN), a date of birth or that date
 * with its day and month swapped, a postcode, or both names exactly, either way round. Those are
 * every child who can reach DUP_SHOWN: without one of them the most a child can score is
 * sound-alike names and a district, 25. One statement, the same on both backends but for
 * how parameters are written; unscoped (the use case keeps only the children the actor may
 * see).
 */
#ifndef KITH_STORE_STORE_DUPES_H
#define KITH_STORE_STORE_DUPES_H

#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/record.h"
#include "store/store.h"

#define STORE_DUPES_MAX 200 /* candidates read at most: a common date of birth in a big borough */

struct dup_probe_q {
    const char *given, *family; /* as typed */
    kdate dob;                  /* DATE_NONE: not known */
    const char *nhs;            /* ten digits; NULL or "": not known */
    const char *upn;            /* NULL or "": not known */
    const char *postcode;       /* "N1 9GU" form */
};

struct dup_row {
    int64_t id;
    char public_id[PUBLIC_ID_LEN + 1];
    char la_child_id[LA_CHILD_ID_MAX + 1];
    const char *given, *family;
    kdate dob;
    char nhs[11];
    char upn[14];
    char postcode[9];
};

enum kerr_code store_dup_candidates(struct store *s, const struct dup_probe_q *q, struct arena *a,
                                    struct dup_row **out, size_t *n, struct kerr *e);

#endif
