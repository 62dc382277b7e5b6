/*
 * The agency assignments of a period, for the DfE's quarterly agency return and the
 * compliance page: read by those who manage staff only, each read audited, with a worker
 * on the establishment named and numbered from their worker record.
 */
#ifndef KITH_CASEWORK_AGENCY_H
#define KITH_CASEWORK_AGENCY_H

#include "casework/casework.h"
#include "domain/agency.h"

struct agency_period {
    kdate first, last;
    const char *lea;                /* the la-code setting; NULL when not set */
    const char *region;             /* the region setting; NULL when not set */
    struct agency_caps caps;        /* every price cap recorded */
    struct agency_assignment *rows; /* in force in the period, earliest start first */
    size_t n;
};

/* Every price cap the council recorded (a few dozen: nine regions, five roles, a row for
 * each change), in `a`. */
enum kerr_code cw_agency_caps(struct store *s, struct arena *a, struct agency_caps *out,
                              struct kerr *e);

/* The assignments in force on any day from `first` to `last`, in `a`, audited as
 * `action` ("agency-return", "agency-list") with the count. KITH_E_FORBIDDEN (audited) for
 * anyone who does not manage staff. */
enum kerr_code cw_agency_period(struct store *s, const struct actor *who, kdate first, kdate last,
                                const char *action, struct arena *a, struct agency_period *out,
                                struct cw_err *err);

#endif
