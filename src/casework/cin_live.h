/*
 * The CIN census rules over the live records: the store's help-and-protection records
 * projected into the rule engine's tables (domain/cin_project.h) and judged by the year's
 * rules, for the whole borough (`kith validate cin --live`, the analysts' page) or for one
 * child as a record is saved (records.c). Each finding names the child and the record at
 * fault.
 */
#ifndef KITH_CASEWORK_CIN_LIVE_H
#define KITH_CASEWORK_CIN_LIVE_H

#include "casework/casework.h"
#include "domain/cin_project.h"
#include "domain/ret/rule.h"

struct cin_ack;
struct cin_live {
    struct cin_proj p;
    struct cin_ack *acks; /* the queries explained (domain/cin_ack.h), from `mem` */
    size_t nacks;
    struct arena mem;
    struct ruleset set;
    struct findings f;
    size_t children; /* in the year's census */
    size_t errors, queries;
    double read_seconds, rule_seconds;
    const char *lea; /* the council's LA number (setting la-code), from `mem`; NULL: not set */
    int64_t serial;  /* this run's number among the year's (the header's SerialNo) */
};

/* Project every child's records for collection year `year` as they read on the actor's
 * today (the current year is judged up to today) and run the year's rules. The run is
 * audited as one event (counts only). Release with cin_live_release. */
enum kerr_code cw_cin_live(struct store *s, const struct actor *who, int year, struct cin_live *out,
                           struct cw_err *err);
void cin_live_release(struct cin_live *l);

/* The child and the record a finding is about. */
struct cin_finding_at {
    const char *child_public_id, *la_child_id;
    const struct rec_type *type; /* NULL: the child's own record (or the return as a whole) */
    const char *record_public_id;
    const char *explained; /* a query explained on that record: the explanation; or NULL */
};
void cin_live_at(const struct cin_live *l, const struct finding *f, struct cin_finding_at *at);

/* The CIN rules as a record is saved (records.c, inside the write's transaction): the
 * child's records as stored and as they would be with `rec` (added when `self` is 0, else
 * replacing record `self`), projected for each collection year from the record's to the
 * current one. A rule's error that the change would bring in refuses it: each goes to
 * `errs` with the rule's code and words, on the field at fault where the record has one.
 * Its new queries, and errors on the child's own record (a disability not recorded: not
 * the record being saved), go to `warnings`, in the same form, for the person to see (the
 * save goes ahead). Errors already there before the change are not this save's to fix. Types the
 * census does not read are passed. */
enum kerr_code cw_cin_on_save(struct store *s, const struct person *child, const struct rec_type *t,
                              const void *rec, int64_t self, kdate today, struct field_errors *errs,
                              struct field_errors *warnings, struct kerr *e);
/* The same as record `self` is deleted: the child's records with it and without it. */
enum kerr_code cw_cin_on_delete(struct store *s, const struct person *child,
                                const struct rec_type *t, int64_t self, kdate today,
                                struct field_errors *errs, struct field_errors *warnings,
                                struct kerr *e);

#endif
