/*
 * Statutory timescales as data, and the obligations they give.
 *
 * A timescale row says which record starts a clock (a record type and one of its date
 * fields, by the description's names, with an optional condition on that record), how
 * long the clock runs (working days, days or months), what stops it (a date field of the
 * same record being set, or a record of another type for the same child dated on or after
 * the start), whose job it is, and how to say so in a sentence. A row that repeats (CP
 * visits every 10 working days, looked-after reviews at 20 working days, 3 months, then
 * every 6 months) starts its next clock on the day the last one stopped, with the next of
 * its lengths, the last length repeating, until the starting record's `until` date. A
 * repeating row may lengthen its clocks after a while (private fostering visits, 6-weekly
 * in the arrangement's first year, then 12-weekly). A row may instead take its due day
 * from the record itself (an exploitation risk's review date, which the worker sets).
 *
 * Obligations are never stored: ts_derive computes them from a child's records as they
 * read now, so a corrected date moves the obligation and a record corrected or deleted
 * away takes its obligation with it. ts_derive is pure (no store, no clock): the records
 * come in as the generic store returns them (arrays of a type's struct), and "on" is the
 * day the status is judged on.
 */
#ifndef KITH_DOMAIN_TIMESCALE_H
#define KITH_DOMAIN_TIMESCALE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/rec.h"

enum ts_unit { TS_WORKING_DAYS, TS_DAYS, TS_MONTHS, TS_WEEKS };

/* Whose job: the child's allocated social worker, or that worker's team manager (an
 * authorisation). */
enum ts_owner { TS_WORKER, TS_MANAGER };

struct ts_length {
    int n; /* 0 ends a row's list of lengths */
    enum ts_unit unit;
};

#define TS_LENGTHS_MAX 4

struct timescale {
    const char *rule; /* "contact-decision": the CSV's rule column, the docs' row name */
    const char *what; /* the work, as a list says it: "decide on the contact" */
    /* The clock starts on field `start_field` of each record of type `start_type`... */
    const char *start_type, *start_field;
    /* ...when field `when_field` of that record reads `when_value` (canonical text; NULL
     * value: whenever the field is set). No `when_field`: every record. */
    const char *when_field, *when_value;
    /* The length of the first clock, then of each next one when the row repeats; a list
     * ended by {0}. One length and no `repeats`: one clock per starting record. */
    struct ts_length len[TS_LENGTHS_MAX];
    bool repeats;
    /* What stops it: with no `stop_type`, field `stop_field` of the starting record being
     * set (the day it holds is the day the work was done); with one, the first record of
     * that type for the same child whose `stop_field` is on or after the clock's start. */
    const char *stop_type, *stop_field;
    /* ...and, with a `stop_type`, only a stopping record whose `stop_when_field` reads
     * `stop_when_value` (canonical text, as `when_value`): a review conference stops the
     * review clock where the initial conference of the same plan does not. */
    const char *stop_when_field, *stop_when_value;
    /* ...and, with a `stop_type`, only one after the first clock's start day, not on it: a
     * CIN plan's review on the day the plan was made reviews nothing of it (it is the
     * meeting that agreed the plan, or the last review of the plan before). */
    bool stop_after_start;
    /* A repeating row stops for good on this date field of the starting record (a plan's
     * end); NULL: runs on. */
    const char *until_field;
    /* A repeating row whose clocks lengthen: a clock starting on or after `later_after`
     * from date field `later_field` of the starting record runs `later` long, and the
     * explanation says why with `later_says` ("the arrangement's first year is over"). */
    const char *later_field;
    struct ts_length later_after, later;
    const char *later_says;
    /* A clock whose due day is recorded, not counted: date field `due_field` of the
     * starting record, named in the explanation by `due_says` ("the review date recorded
     * on the risk"). Such a row has no length and does not repeat; a record with the field
     * blank owes nothing. */
    const char *due_field, *due_says;
    /* A row whose `stop_field` holds only the latest day the work was done (a family help
     * plan's latest review): the clock from `start_field` is done on that day, and the
     * next runs from it, open until a later day is recorded there. It ends, owing
     * nothing, on `until_field` (the episode's closure), and needs an `again` phrase. */
    bool restarts;
    /* A council setting (domain/settings.h) that chooses the number of the row's first
     * length; the row's own is the default, run until the council sets another. */
    const char *setting;
    enum ts_owner owner;
    const char *started; /* "the contact was made": the explanation's start */
    const char *again;   /* "the last visit": a repeated clock's start; NULL when none */
    const char *source;  /* where the timescale comes from: "Working Together 2023" */
};

/* The rows kith runs, ended by a row with a NULL rule (domain/timescale.c). */
extern const struct timescale timescales[];

enum ob_status { OB_DONE, OB_DUE, OB_OVERDUE };

/* One clock of one row for one child, as it stands on the day it was judged. */
struct obligation {
    const struct timescale *ts;
    int64_t child_id;     /* the starting record's parent */
    const void *rec;      /* the starting record (its type is ts->start_type) */
    const void *by;       /* the record that stopped it (stop_type rows); NULL when none */
    int seq;              /* 0 for the first clock of a record, 1, 2... for its repeats */
    struct ts_length len; /* {0} for a row whose due day is recorded (due_field) */
    bool later;           /* the clock runs the row's `later` length */
    kdate started, due;
    kdate done; /* the day it was done; DATE_NONE while open on the day judged */
    enum ob_status status;
};

/* A child's records of one type: `n` structs of type->size bytes each, in any order. */
struct ts_records {
    const struct rec_type *type;
    const void *rows;
    size_t n;
};

/* A growing list of obligations (heap; ob_list_free). */
struct ob_list {
    struct obligation *v;
    size_t n, cap;
};
void ob_list_free(struct ob_list *l);

/* Append to `out` the obligations of one child's records on day `on`: for every row of
 * `table` (ended by a NULL rule) whose starting type is among `recs`, every clock started
 * on or before `on`. A clock done after `on` is open on `on`. Rows naming types not in
 * `recs` give nothing. The records must outlive the list. Rows with a `setting` run their
 * default length. */
void ts_derive(const struct timescale *table, const struct ts_records *recs, size_t nrecs, kdate on,
               struct ob_list *out);

/* The council's choices for rows with a `setting`: the number each setting holds. */
#define TS_CHOICES_MAX 4
struct ts_choices {
    size_t n;
    struct {
        const char *setting;
        int n;
    } v[TS_CHOICES_MAX];
};
/* ts_derive with the council's choices (NULL: none made). */
void ts_derive_with(const struct timescale *table, const struct ts_records *recs, size_t nrecs,
                    kdate on, const struct ts_choices *choices, struct ob_list *out);

/* The day a clock of `len` started on `from` falls due. */
kdate ts_due(kdate from, struct ts_length len);

/* One line on why it is due when it is: "due 14 Jan 2027: 45 working days after the
 * assessment started on 10 Nov 2026; 25 Dec, 28 Dec and 1 Jan are not working days".
 * Bank holidays inside a working-day clock are named (weekends go without saying). */
void ts_explain(const struct obligation *o, char *buf, size_t cap);

/* Field `name` of a record as a date; DATE_NONE when absent or no such date field. */
kdate ts_date_of(const struct rec_type *t, const void *rec, const char *name);

/* Whether field `field` of a record reads `value` in canonical text (NULL `value`: is set
 * at all); a NULL `field` is no condition, so true. */
bool ts_reads(const struct rec_type *t, const void *rec, const char *field, const char *value);

/* "done", "due", "overdue". */
const char *ob_status_name(enum ob_status s);

/* Whether every row names types and date fields that `types` (ended by NULL) describe,
 * and is complete; `e` names the first row and what is wrong. Rows whose types are not
 * among `types` are wrong too: the table only holds clocks kith can run. */
enum kerr_code ts_table_check(const struct timescale *table, const struct rec_type *const *types,
                              struct kerr *e);

/* The row of `table` named `rule`; NULL when none (or `rule` is NULL). */
const struct timescale *ts_named(const struct timescale *table, const char *rule);

/* The type named `name` among `types` (ended by NULL); NULL when none. */
const struct rec_type *ts_type(const struct rec_type *const *types, const char *name);

#endif
