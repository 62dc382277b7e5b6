/*
 * Record descriptions: a record type is described once, here, and the rest of kith reads
 * the description.
 *
 * A record type is a C struct that embeds a `struct rec_head` (the fields every record
 * has: ids, version, who wrote it and when) and a `struct rec_type` that names it and
 * lists its fields as a field table (domain/field.h: name, label, type, limits, code set,
 * checks). From that one description the generic store (store/store_rec.c) reads and
 * writes the record on every backend, with its history of corrections; the use-case layer
 * checks and audits it; the API, the forms and the CLI show and take it. A type adds only
 * the rules that are truly its own (`check`) and one migration for its table.
 *
 * Values travel between layers as text in one canonical form per field type (rec_text,
 * rec_set_text), which is also what the store binds and reads: ISO dates, whole numbers in
 * decimal, booleans as "1"/"0", enums as their vocabulary code, code lists comma-joined.
 * People type more than that canonical form; rec_set_text takes what they type.
 */
#ifndef KITH_DOMAIN_REC_H
#define KITH_DOMAIN_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "domain/field.h"
#include "domain/record.h"

/* What every record has, whatever its type. */
struct rec_head {
    int64_t id; /* row id; never leaves the server */
    char public_id[PUBLIC_ID_LEN + 1];
    int64_t parent_id;  /* the record it hangs off (a child's person id); 0 when none */
    int version;        /* 1 when created, one more for each correction */
    int64_t created_at; /* seconds since 1970, UTC */
    int64_t created_by; /* user id; 0 for the operator's own tools */
    int64_t updated_at; /* when this version was written */
    int64_t updated_by;
    const char *reason; /* why this version was written (a correction's reason); NULL at first */
};

/* Who keeps the records of a type that hangs off no child (a vacancy, an agency price
 * cap): with no child's scope to inherit, the description names the roles (user-role
 * codes, domain/entities.h) that read its records and those that write them. The use-case
 * layer decides every read and write from it (casework.h cw_rec_may), and the router asks
 * the same before a page or API route of the type runs (http/scope.c). */
struct rec_keepers {
    const char *const *readers; /* NULL-ended; NULL: every account (published, like a vacancy) */
    const char *const *writers; /* NULL-ended */
    bool operator_keeps;        /* the operator's own tools (no account) read and write it too */
    /* who they are, in a refusal: "only <readers_are> read <plural>" */
    const char *readers_are, *writers_are;
};

struct rec_type {
    const char *name;   /* "contact": the CLI's TYPE, the API's path segment, audit actions */
    const char *label;  /* "contact", in a sentence */
    const char *plural; /* "contacts" */
    const char *table;  /* its SQL table */
    const char *parent; /* "child" when each record hangs off a child; NULL when none */
    /* With no parent: who reads and writes its records (required then; NULL for a type
     * kept about a child, whose scope decides). */
    const struct rec_keepers *keepers;
    size_t size;                /* sizeof the record struct */
    size_t head;                /* offsetof its struct rec_head */
    const struct field *fields; /* ended by a row with a NULL name */
    const char *order;          /* the date field lists sort by, newest first; NULL: creation */
    const char *title;          /* the field that names a record in lists and the timeline */
    /* The fields whose values make the record's one line on the child's timeline, in
     * order, ended by NULL; NULL: the title field alone. "LCPP:lcpp" shows field lcpp's
     * value after "LCPP:", for a value that would not say what it is. A record is placed on the
     * timeline by its `order` date (by the day it was made when the type has none), so a
     * new type joins the child's record with no change to the page. */
    const char *const *summary;
    /* The type's own rules across fields, run after each field's own checks found nothing
     * wrong with the fields it reads; adds errors with field_fail(). May be NULL. */
    void (*check)(const void *rec, const struct field_ctx *ctx, struct field_errors *errs);
};

static inline struct rec_head *rec_head(const struct rec_type *t, void *rec)
{
    return (struct rec_head *)(void *)((char *)rec + t->head);
}
static inline const struct rec_head *rec_chead(const struct rec_type *t, const void *rec)
{
    return (const struct rec_head *)(const void *)((const char *)rec + t->head);
}

/* Rows most descriptions have, so a field table reads as a list of its fields: a date
 * (not after today), a code of a set, a yes/no and a line of text. `S` is the record's
 * struct, `m` the member and field name, `fl` extra FIELD_ flags, `yr` the date field whose
 * collection year a code is judged in (field.h's year_from; NULL for kith's own sets, which have no
 * years). */
#define REC_DAY(S, m, lab, exp, fl)                                                                \
    {                                                                                              \
        .name = #m, .label = (lab), .expect = (exp), .type = FIELD_DATE,                           \
        .flags = FIELD_PAST | (fl), .offset = offsetof(struct S, m)                                \
    }
/* The same, shown on a form only inside one choice of a field before it (field.h's
 * shown_with): "rhi_accepted=yes". */
#define REC_DAY_WITH(S, m, lab, exp, fl, when)                                                     \
    {                                                                                              \
        .name = #m, .label = (lab), .expect = (exp), .type = FIELD_DATE,                           \
        .flags = FIELD_PAST | (fl), .offset = offsetof(struct S, m), .shown_with = (when)          \
    }
#define REC_CODE(S, m, lab, set, fl, yr)                                                           \
    {                                                                                              \
        .name = #m, .label = (lab), .type = FIELD_CHARS, .flags = FIELD_CODED | (fl),              \
        .codeset = (set), .year_from = (yr), .size = sizeof(((struct S *)0)->m),                   \
        .offset = offsetof(struct S, m)                                                            \
    }
#define REC_YES_NO(S, m, lab)                                                                      \
    {                                                                                              \
        .name = #m, .label = (lab), .type = FIELD_BOOL, .offset = offsetof(struct S, m)            \
    }
/* A link kith sets to another record of the child's (type `to`): its public id, shown as a
 * link, never taken from a form, a JSON body or an option (FIELD_KEPT). */
#define REC_LINK(S, m, lab, to)                                                                    \
    {                                                                                              \
        .name = #m, .label = (lab), .type = FIELD_CHARS, .flags = FIELD_KEPT,                      \
        .size = sizeof(((struct S *)0)->m), .link = (to), .offset = offsetof(struct S, m)          \
    }
#define REC_LINE(S, m, lab, exp, fl, max)                                                          \
    {                                                                                              \
        .name = #m, .label = (lab), .expect = (exp), .type = FIELD_TEXT, .flags = (fl),            \
        .max_len = (max), .offset = offsetof(struct S, m)                                          \
    }

#define REC_LINE_WITH(S, m, lab, exp, fl, max, when)                                               \
    {                                                                                              \
        .name = #m, .label = (lab), .expect = (exp), .type = FIELD_TEXT, .flags = (fl),            \
        .max_len = (max), .offset = offsetof(struct S, m), .shown_with = (when)                    \
    }

/* The description of a type `S` whose records hang off a child, named, tabled and
 * fielded after its struct (its field table is `S_fields`). */
#define REC_CHILD_TYPE(S, lab, pl, ord, ttl, chk)                                                  \
    {                                                                                              \
        .name = #S, .label = (lab), .plural = (pl), .table = #S, .parent = "child",                \
        .size = sizeof(struct S), .head = offsetof(struct S, h), .fields = S##_fields,             \
        .order = (ord), .title = (ttl), .check = (chk)                                             \
    }

/* How many fields the type has, and the index of field `name` (-1 when none). */
size_t rec_nfields(const struct rec_type *t);
int rec_field_index(const struct rec_type *t, const char *name);

/* Field `f` of `rec` as canonical text: NULL when absent, else a pointer to the member's
 * own text (FIELD_TEXT) or to `buf` (everything else; REC_TEXT_BUF bytes are enough). */
#define REC_TEXT_BUF 160
const char *rec_text(const struct field *f, const void *rec, char buf[REC_TEXT_BUF]);

/* Set field `f` of `rec` from text as a person or a program gives it: NULL or blank is
 * absent; dates as YYYY-MM-DD or DD/MM/YYYY; booleans as 1/0, yes/no, true/false; enums
 * by code; code lists separated by commas. Text members are copied into `a`. A value that
 * cannot be read adds an error for the field and leaves the member absent; the row's own
 * checks (limits, codes, required) are field_check's, run afterwards. */
void rec_set_text(const struct field *f, void *rec, const char *text, struct arena *a,
                  struct field_errors *errs);

/* Field `f` of `rec` as a person reads it, in `a`: a date as 5/12/2026, a code in words
 * with the code in brackets, Yes or No, "Not recorded" when absent. */
const char *rec_shown(const struct field *f, const void *rec, struct arena *a);
/* The record's line on the child's timeline: its `summary` fields (the title field when
 * none are named) as rec_shown has them, the absent ones left out, joined by "; ". */
const char *rec_summary(const struct rec_type *t, const void *rec, struct arena *a);
/* The day the record is placed on on the timeline: its `order` date, else the day it was
 * made (UTC). */
kdate rec_when(const struct rec_type *t, const void *rec);

/* Every check of a record: each field's own (field_check), then the type's. */
void rec_check(const struct rec_type *t, const void *rec, const struct field_ctx *ctx,
               struct field_errors *errs);

/* Whether a description is one the platform can serve: fields named as SQL columns,
 * no name twice, `order`, `title` and `summary` naming fields, at most REC_FIELDS_MAX fields. On
 * failure `e` says what is wrong. The tests run it on every type. */
#define REC_FIELDS_MAX 48
enum kerr_code rec_type_check(const struct rec_type *t, struct kerr *e);

/* The record types kith serves (domain/rec_types.c), ended by NULL, and one by name (the
 * CLI's TYPE, the API's path segment); NULL when there is none. */
extern const struct rec_type *const rec_types[];
const struct rec_type *rec_type_named(const char *name);

#endif
