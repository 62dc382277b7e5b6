/*
 * What a child is under on a day, for a caseload's "status" column: a child protection
 * plan (with its category), a child in need plan, an open child in need episode, or
 * family help. A table, most serious first: each row names a record type, the date field
 * that opens it and the one that closes it, an optional condition, and the words a list
 * shows. A child's status is the first row with a record open on the day; like the
 * obligations, it is derived from the records as they read now, never stored.
 *
 * Beside it, the open risks the top of a child's record warns of (an exploitation risk, a
 * missing episode, a CP plan, a private fostering arrangement): a second table of the same
 * shape, each row with where the day it is next looked at comes from.
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

/* A kind of record the top of a child's record warns of while it is open. */
#define OPEN_RISK_RULES_MAX 2
struct open_risk_row {
    const char *type;         /* the record type, by its description's name */
    const char *start_field;  /* the date it opens on */
    const char *end_field;    /* the date it closes on (open while blank or later) */
    const char *label;        /* "Exploitation risk" */
    const char *detail_field; /* a field shown after the label, in words; NULL: none */
    /* The day it is next looked at: the due day of the first open clock, of the timescale
     * rows named here, that the record started (a risk's review, a plan's review
     * conference, a private fostering visit); none: the start is shown instead. */
    const char *review_rules[OPEN_RISK_RULES_MAX];
    const char *review_what; /* "review", "review conference", "visit" */
};

/* The rows, in the order the banner lists them, ended by a row with a NULL type. */
extern const struct open_risk_row open_risk_rows[];

/* One open record of a row, on the day judged. */
struct open_risk {
    const struct open_risk_row *row;
    const struct rec_type *type;
    const void *rec;
    kdate since;  /* its start */
    kdate review; /* the day it is next looked at; DATE_NONE when the row has none */
};

/* The child's open risks on `on` from their records (`recs`, as ts_derive takes them) and
 * the obligations ts_derive gave for them on that day (`obs`; NULL: no review days): at most `cap`
 * into `out`, by row, then oldest first. Returns how many. */
size_t open_risks_of(const struct ts_records *recs, size_t nrecs, const struct ob_list *obs,
                     kdate on, struct open_risk *out, size_t cap);

/* Whether every row names a type kith describes (among `types`), date fields and a detail
 * field of it, and review rules of `table` that start on it; `e` names the first row at
 * fault. */
enum kerr_code open_risk_check(const struct rec_type *const *types, const struct timescale *table,
                               struct kerr *e);

#endif
