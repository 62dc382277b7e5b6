/*
 * A child's chronology (issue 19 §7): the significant events of their life as the records
 * tell them, oldest first, derived, never typed twice. A table says which records make an
 * event and on which of their dates (a contact on its day, a CP plan when it starts and
 * again when it ends, a conference as initial or review by its kind), under which kind of
 * event a list is filtered by; case notes join it when their kind is "significant-event".
 * Like the obligations, it is computed from the records as they read now.
 */
#ifndef KITH_DOMAIN_CHRONOLOGY_H
#define KITH_DOMAIN_CHRONOLOGY_H

#include "domain/record.h"
#include "domain/timescale.h"

/* One kind of event: the records of `type` make one on their `date_field` (when set, and
 * when `when_field` reads `when_value`, as a timescale row's condition). */
struct chron_row {
    const char *type;
    const char *date_field;
    const char *when_field, *when_value;
    const char *event; /* "Child protection plan started" */
    const char *kind;  /* a chron_kinds code: what a list is filtered by */
};

/* The rows, in the order events of one day are listed, ended by a NULL type. */
extern const struct chron_row chron_rows[];

/* The kinds a chronology is filtered by, ended by a NULL code. */
struct chron_kind {
    const char *code, *label;
};
extern const struct chron_kind chron_kinds[];
const struct chron_kind *chron_kind_named(const char *code);

/* The case-note kind that puts a note on the chronology. */
#define CHRON_NOTE_KIND "significant-event"

struct chron_event {
    kdate date;
    const struct chron_row *row;  /* NULL for a note */
    const struct rec_type *type;  /* the record's; NULL for a note */
    const void *rec;              /* the record */
    const struct case_note *note; /* when row is NULL */
};

/* Which events: from and to (inclusive; DATE_NONE: open), and one kind (NULL: all). */
struct chron_filter {
    kdate from, to;
    const char *kind;
};
/* The filter as a page's query, the API's query and the CLI's options give it ("from",
 * "to" and "kind"), read with rec_set_text and checked with field_check: a date as
 * YYYY-MM-DD or DD/MM/YYYY, "to" not before "from", a kind of chron_kinds. */
extern const struct field chron_filter_fields[];

/* The events of one child's records (`recs`, as ts_derive takes them) and notes that pass
 * `f`, oldest first (on one day, by the table's order, then as they were recorded), in an
 * array from `a`; `*n` is how many. */
struct chron_event *chron_events(const struct ts_records *recs, size_t nrecs,
                                 const struct case_note *notes, size_t nnotes,
                                 const struct chron_filter *f, struct arena *a, size_t *n);

/* The line an event reads as: its words ("Referral"), or a note's subject. */
const char *chron_event_text(const struct chron_event *e);

/* Whether every row names a type among `types`, a date field of it and a condition field,
 * and a kind of chron_kinds; `e` names the first row at fault. */
enum kerr_code chron_check(const struct rec_type *const *types, struct kerr *e);

#endif
