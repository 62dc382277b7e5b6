/*
 * Field validation driven by field tables.
 *
 * A record type describes its fields once, as a table of `struct field` rows: the name (the
 * form input, the JSON key, the column an importer maps), a label in plain words, the C
 * type and offsetof() the struct member, whether it is required, length limits, the code
 * set its values come from, and an optional check function for rules that need the rest of
 * the record (a death not before the birth). One generic walker, field_check(), applies a
 * table to a record and collects EVERY problem, not just the first, into a caller-owned
 * `struct field_errors`, so that a web form can put each message beside its input and an
 * importer can report "row N, column X" for each one. Nothing is allocated.
 *
 * Each error names the field, quotes the value as given and says what was expected, in
 * plain words: "date of birth '2031-01-01' is in the future: expected a date from 1800 up
 * to today (2026-01-10)".
 */
#ifndef KITH_DOMAIN_FIELD_H
#define KITH_DOMAIN_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/codeset.h"
#include "domain/record.h"

enum field_type {
    FIELD_TEXT,      /* const char *; NULL, "" or only spaces = absent; may be FIELD_CODED */
    FIELD_CHARS,     /* char[size], NUL-terminated; "" = absent */
    FIELD_CHAR,      /* one char; '\0' = absent */
    FIELD_DATE,      /* kdate; DATE_NONE = absent */
    FIELD_BOOL,      /* bool */
    FIELD_ENUM,      /* an enum stored as int, indexing the vocabulary `codeset`; -1 = absent */
    FIELD_CODE_LIST, /* char[max_count][size] with an int count at count_offset */
    FIELD_INT,       /* int64_t, from `min` to `max`; 0 = absent (counts and ids start at 1) */
    /* double holding a number of `decimals` places (a worker's FTE, 0.01 to 1.00), `min` and
     * `max` counted in those places (1 and 100 for the FTE); 0 = absent. Read and written as
     * text with a '.' whatever the locale, never through strtod or printf's %f. */
    FIELD_DECIMAL,
};

enum field_flags {
    FIELD_REQUIRED = 1 << 0,  /* absent is an error (when the field applies) */
    FIELD_CODED = 1 << 1,     /* values are codes of `codeset` valid in the year */
    FIELD_MULTILINE = 1 << 2, /* text that may hold line breaks and tabs (a note's body) */
    FIELD_PAST = 1 << 3,      /* a date not after today */
    /* kith sets it (the day a record was opened): shown and written out, never read from a
     * form, a JSON body or an option */
    FIELD_KEPT = 1 << 4,
    /* implied by where the record is (a child's record is a child's): checked, but neither
     * read from a request nor written to one */
    FIELD_IMPLIED = 1 << 5,
    /* FIELD_CHARS holding the public id of one of the child's relatives (a person linked to
     * the child by a relationship): a form offers the child's relatives to choose from, and
     * the record's rules across records check it names one */
    FIELD_RELATIVE = 1 << 6,
};

struct field_ctx {
    int year;    /* collection year the codes must be valid in (0 = any) */
    kdate today; /* "not in the future" means not after this */
};

struct field_errors;

struct field {
    const char *name;   /* "dob" */
    const char *label;  /* "date of birth" */
    const char *expect; /* what a good value is, in plain words: "a date from 1800 up to today" */
    enum field_type type;
    unsigned flags;
    size_t offset;           /* offsetof() the member */
    size_t size;             /* FIELD_CHARS: sizeof the array; FIELD_CODE_LIST: of one element */
    size_t count_offset;     /* FIELD_CODE_LIST: offsetof() the int count */
    int max_count;           /* FIELD_CODE_LIST: how many elements the array holds */
    int max_len;             /* text: most bytes allowed, 0 = the array's size */
    int64_t min, max;        /* FIELD_INT, FIELD_DECIMAL: the range allowed */
    int decimals;            /* FIELD_DECIMAL: places after the point (at most 4) */
    const char *hint;        /* a form's hint under the label, in plain words; may be NULL */
    enum codeset_id codeset; /* FIELD_CODED and FIELD_ENUM */
    int code_year;           /* judge codes as in this year rather than ctx->year; 0 = not */
    /* Judge codes in the collection year of this date field of the same record (a
     * referral's source in the year of its referral date), when the caller gives no year
     * (ctx->year 0) and the date is present. NULL: ctx->year. */
    const char *year_from;
    /* A form shows the field inside one choice of another field's radios, as GOV.UK's
     * conditional reveal: "nhs_source=not-known". Its value is read only when that choice
     * is made, so what was typed under another choice never reaches the record. NULL: a
     * field of its own. */
    const char *shown_with;
    bool (*applies)(const void *rec); /* NULL = always; else absent is required when false */
    const char *applies_to;           /* who it applies to, for that message: "children" */
    /* FIELD_CHARS holding the public id of a record of this type (a step-up's referral):
     * shown as a link to that record. NULL: not a link. */
    const char *link;
    /* Rules beyond the row's own (cross-field, identifiers). Runs when the row's own checks
     * found nothing wrong (the value may be absent); may add errors with field_fail(). */
    void (*check)(const struct field *f, const void *rec, const struct field_ctx *ctx,
                  struct field_errors *errs);
};

#define FIELD_ERRORS_MAX 32

struct field_error {
    const char *field; /* the field's name */
    const char *label; /* its label */
    int item;          /* FIELD_CODE_LIST: the element (0-based); -1 otherwise */
    char value[48];    /* the value as given ("" when missing), cut with "..." if long */
    /* Sized for the longest sentences the rules across records say (an application for a
     * care order with no FGDM offer: 160 characters expected), which were cut short. */
    char expected[256];
    char problem[96]; /* what is wrong, as the sentence says it: "is missing" */
    char msg[480];    /* the whole sentence, for the API, the command line or a log line */
};

struct field_errors {
    size_t n;
    size_t dropped; /* errors past FIELD_ERRORS_MAX, counted but not kept */
    struct field_error items[FIELD_ERRORS_MAX];
};

void field_errors_clear(struct field_errors *errs);

/* Check `rec` against a table ended by a row with a NULL name, appending to `errs`. */
void field_check(const struct field *table, const void *rec, const struct field_ctx *ctx,
                 struct field_errors *errs);

/* Add an error for field `f` (element `item`, or -1): `value` as given, `problem` ("is in the
 * future") and what was expected (printf-style; NULL uses f->expect). */
void field_fail(struct field_errors *errs, const struct field *f, int item, const char *value,
                const char *problem, const char *expected_fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Date rules across fields, for records' own checks: when both days are present and `day`
 * (field `f`) is before `earliest` (the day of what it follows, in words: "the referral"),
 * add "is before the referral" expecting a day on or after it, and return true. `strict`:
 * the same day is too early as well ("after" rather than "on or after"). */
bool field_date_before(struct field_errors *errs, const struct field *f, kdate day, kdate earliest,
                       const char *what, bool strict);
/* The message of field_date_before alone, for a check that judged the order elsewhere
 * (domain/cin_order.h: a census rule the form holds records to as well). */
void field_date_order_fail(struct field_errors *errs, const struct field *f, kdate day,
                           kdate earliest, const char *what, bool strict);

/* A decimal as people type it: digits, at most one '.', at most `decimals` digits after it,
 * an optional leading '-', spaces around it; no ',' (whichever way a locale reads it), no
 * exponent. Sets *units to the value in 10^-decimals and returns true, or returns false. */
bool field_decimal_parse(const char *s, int decimals, int64_t *units);
/* A double member's value in 10^-decimals, rounded to the nearest. */
int64_t field_decimal_units(double v, int decimals);
/* `units` (in 10^-decimals) as text with exactly `decimals` places: "0.60", "1.00". */
const char *field_decimal_text(int64_t units, int decimals, char *buf, size_t size);

/* The row called `name`, or NULL. */
const struct field *field_find(const struct field *table, const char *name);
/* The first error for field `name`, or NULL: what a form shows beside that input. */
const struct field_error *field_error_for(const struct field_errors *errs, const char *name);
/* Put an error into a kerr (code KITH_E_INVALID, field and message), for callers that report
 * one error at a time; add the place with kerr_at(e, "row %d, column %s", ...). Returns the
 * code. */
enum kerr_code field_error_kerr(const struct field_error *fe, struct kerr *e);

#endif
