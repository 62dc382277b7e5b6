/*
 * Rules across a child's records: a record that must follow another (an assessment its
 * referral, a conference its enquiry, a plan its conference) is checked against the
 * child's other records before it is written. A type with such rules has one entry in
 * cw_cross_rules; the generic add and correct (records.c) run it after the record's own
 * checks found nothing wrong, inside the write's transaction, so what it read is what the
 * write is judged against, and a refusal writes nothing. Each problem is added to `errs`
 * with its field, like the record's own.
 */
#ifndef KITH_CASEWORK_CROSS_H
#define KITH_CASEWORK_CROSS_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"
#include "domain/rec.h"
#include "domain/record.h"
#include "store/store.h"

struct cw_cross_ctx {
    struct store *s;
    struct arena *a;            /* for what the rules read; released after them */
    const struct person *child; /* the child the record hangs off; NULL for a type with none */
    int64_t self;               /* the record's own row id when it is corrected; 0 when added */
    struct field_errors *errs;
    struct kerr *e; /* a failure to read */
};

struct cw_cross {
    const struct rec_type *type;
    enum kerr_code (*check)(struct cw_cross_ctx *c, const void *rec);
};

/* Every record of type `t` the child has (a child has far fewer than a page), in c->a. */
enum kerr_code cw_cross_all(struct cw_cross_ctx *c, const struct rec_type *t, void **out,
                            size_t *n);
/* No child is seen before they are born: day `d` of field `f` (absent: nothing to say). */
void cw_cross_after_birth(struct cw_cross_ctx *c, const struct field *f, kdate d);

/* The rules of risks and pre-proceedings (casework/proceedings.c). */
enum kerr_code cw_missing_rules(struct cw_cross_ctx *c, const void *rec);
enum kerr_code cw_fgdm_offer_rules(struct cw_cross_ctx *c, const void *rec);
enum kerr_code cw_fgdm_meeting_rules(struct cw_cross_ctx *c, const void *rec);
enum kerr_code cw_letter_rules(struct cw_cross_ctx *c, const void *rec);
enum kerr_code cw_pp_meeting_rules(struct cw_cross_ctx *c, const void *rec);
enum kerr_code cw_care_application_rules(struct cw_cross_ctx *c, const void *rec);

/* An agency assignment's rules that read the store (casework/agency.c): the worker it
 * names, and the council's region for the cap. */
enum kerr_code cw_agency_rules(struct cw_cross_ctx *c, const void *rec);
/* A price cap's (casework/agency.c): no other cap of its region and role in force on any
 * of its days. */
enum kerr_code cw_agency_cap_rules(struct cw_cross_ctx *c, const void *rec);

/* Ended by a row with a NULL type (casework/help_protection.c). */
extern const struct cw_cross cw_cross_rules[];

#endif
