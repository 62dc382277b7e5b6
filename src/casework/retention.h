/*
 * Retention of applications (issue 20 §5): once the council's retention period after a
 * vacancy closed has passed (application-retention-months, six unless set), its
 * applications are anonymised. The record keeps its vacancy, stage and dates, so the
 * pipeline's figures (time to hire, how many reached each stage) still count it; the
 * applicant's name, contact details, registration, statement, CV and the recruiters'
 * notes go, from the record and from every version its history kept. Each application
 * anonymised is an audit row naming its reference, and the run one more with the counts:
 * no personal detail is written to say what was removed.
 */
#ifndef KITH_CASEWORK_RETENTION_H
#define KITH_CASEWORK_RETENTION_H

#include "casework/casework.h"
#include "store/store.h"

struct retention_run {
    kdate on;
    int months;          /* the period applied */
    size_t vacancies;    /* closed vacancies past it with applications still to anonymise */
    size_t applications; /* anonymised (or, on a dry run, that would be) */
    size_t cvs;          /* CVs among them */
    const char **refs;   /* their public ids, from the caller's arena */
};

/* Anonymise, as on `on`, every application whose vacancy's retention period is over; with
 * `dry_run` write nothing and say what would go. One transaction: all or none. For
 * recruiters, team managers and the operator (KITH_E_FORBIDDEN, audited, otherwise). */
enum kerr_code cw_application_retention(struct store *s, const struct actor *who, kdate on,
                                        bool dry_run, struct arena *a, struct retention_run *out,
                                        struct cw_err *err);

#endif
