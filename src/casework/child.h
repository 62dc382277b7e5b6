/*
 * The child's record, whole: what a page or a command shows of one child beyond their
 * identity. The family and the people around them (with, for another child kept in kith,
 * whether this account may open their record), the allocations with each worker's name,
 * role and team, and one timeline on which every record type kept for a child and every
 * case note take their place by date. The timeline reads the record descriptions
 * (domain/rec.h: `order` places a record, `summary` gives its line), so a new type joins
 * it with no change here or in the page.
 *
 * On top of it, the open risks (domain/case_status.h: an exploitation risk, a missing
 * episode, a CP plan, a private fostering arrangement), each with the day it is next
 * looked at, judged on the actor's today.
 *
 * The caller has already checked that the actor may see the child and audited the view
 * (one audit row per page, not one per list read here).
 */
#ifndef KITH_CASEWORK_CHILD_H
#define KITH_CASEWORK_CHILD_H

#include "casework/casework.h"
#include "domain/case_status.h"
#include "domain/chronology.h"
#include "domain/rec.h"

struct child_relative {
    const struct relationship *rel;
    struct person person; /* the other person */
    bool child_record;    /* a child kept in kith whose record this account may open */
    bool withheld;        /* a child kept in kith this account may not see: no name shown */
};

struct child_alloc {
    const struct allocation *al;
    const struct worker *worker; /* NULL when the worker cannot be found */
    const char *team;            /* the worker's team's name, NULL when none */
};

struct timeline_entry {
    kdate date;
    const struct rec_type *type;  /* NULL for a case note */
    const void *rec;              /* the record, of type->size bytes */
    const struct case_note *note; /* when type is NULL */
    const struct worker *author;  /* the note's author; NULL when unknown */
};

struct child_record {
    struct child_relative *relatives;
    size_t nrelatives;
    struct child_alloc *allocs; /* newest first */
    size_t nallocs;
    struct timeline_entry *timeline; /* newest first, one page of it */
    size_t ntimeline;
    int64_t timeline_total;  /* entries in all, for "first 25 of 140" */
    struct open_risk *risks; /* by kind (case_status.c's table), then oldest first */
    size_t nrisks;
};

/* Child `child`'s chronology (domain/chronology.h): every record of the types it reads
 * and the notes, through the events that pass `f`, oldest first, from `a`. The caller has
 * checked that `who` may see the child; the read is audited here ("child.chronology"). */
enum kerr_code cw_child_chronology(struct store *s, const struct actor *who,
                                   const struct person *child, const struct chron_filter *f,
                                   struct arena *a, struct chron_event **out, size_t *n,
                                   struct kerr *e);

/* Read child `child` (already found and shown to `who`) whole, the timeline's entries
 * `offset` to `offset + limit`. Everything from `a`. */
enum kerr_code cw_child_record(struct store *s, const struct actor *who, const struct person *child,
                               size_t limit, size_t offset, struct arena *a,
                               struct child_record *out, struct kerr *e);

#endif
