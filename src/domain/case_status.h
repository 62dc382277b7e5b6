/*
 * What a child is under on a day, for a caseload's "status" column: a child protection
 * plan (with its category), a child in need plan, an open child in need episode, or
 * family help. A table, most serious first: each row names a record type, the date field
 * that opens it and the one that closes it, an optional condition, and the words a list
 * shows. A child's status is the first row with a record open on the day; like the
 * obligations, it is derived from the records as they read now, never stored.
 */
#ifndef KITH_DOMAIN_CASE_STATUS_H
#define KITH_DOMAIN_CASE_STATUS_H

#include "domain/timescale.h"

struct case_status_row {
    const char *type;           /* the record type, by its description's name */
    const char *start_field;    /* the date it opens on */
    const char *end_field;      /* the date it closes on (open while blank or later) */
    const char *when_field;     /* optional condition, as a timescale row's */
    const char *when_value;     /* canonical text; NULL: the field is set */
    const char *label;          /* "Child protection plan" */
    const char *category_field; /* a code field shown after the label, or NULL */
};

/* The rows, most serious first, ended by a row with a NULL type. A row whose type kith
 * does not describe (yet) gives nothing. */
extern const struct case_status_row case_statuses[];

/* The child's status on `on` from their records (`recs`, as ts_derive takes them): the
 * label of the first row with an open record, with its category in brackets
 * ("Child protection plan (NEG)"), written into `buf`; "" when none. Returns buf. */
const char *case_status_of(const struct ts_records *recs, size_t nrecs, kdate on, char *buf,
                           size_t cap);

/* Whether every row whose type is among `types` names date fields and a category field
 * that exist; `e` names the first row at fault. */
enum kerr_code case_status_check(const struct rec_type *const *types, struct kerr *e);

#endif
