/*
 * The generic record operations: every record type described in domain/ (domain/rec.h)
 * is written, read, listed, corrected and its history kept by these functions, on every
 * backend, with no SQL of its own. The type's table needs the columns its description
 * names (store_rec_ddl writes them); its superseded versions go to the one shared
 * record_history table.
 *
 * Records are the type's C struct (t->size bytes); text members read back are allocated
 * from the caller's arena. The conventions of store.h hold: KITH_OK or a code with `e`,
 * writes outside store_begin/commit committed one by one.
 */
#ifndef KITH_STORE_STORE_REC_H
#define KITH_STORE_STORE_REC_H

#include "core/arena.h"
#include "core/err.h"
#include "domain/rec.h"

struct store;
struct str;

/* Insert `rec`: its head's public id is made, version set to 1, and created_at and
 * updated_at set to `now` when left 0; the caller sets parent_id and created_by. The new
 * row id is set in the head. */
enum kerr_code store_rec_add(struct store *s, const struct rec_type *t, void *rec, int64_t now,
                             struct kerr *e);

/* By row id, or by public id as a person types it (any case, I/L/O read as 1/0).
 * KITH_E_NOT_FOUND when there is none. */
enum kerr_code store_rec_get(struct store *s, const struct rec_type *t, int64_t id, struct arena *a,
                             void *out, struct kerr *e);
enum kerr_code store_rec_find(struct store *s, const struct rec_type *t, const char *public_id,
                              struct arena *a, void *out, struct kerr *e);

/* Write a correction: `rec` holds the new values and, in its head, the id, the version it
 * was made from, updated_by and the reason. The version it replaces is kept in the
 * history first, in the same transaction. When the stored record is no longer at that
 * version (someone else corrected it meanwhile) nothing is written and the result is
 * KITH_E_CONFLICT; the caller reads the current version to show both. On success the
 * head's version is the new one and updated_at is `now`. */
enum kerr_code store_rec_update(struct store *s, const struct rec_type *t, void *rec, int64_t now,
                                struct kerr *e);

/* Delete record `id` of type t, entered in error, as it stood at `version`: that version's
 * fields go to the history first, then a version with no fields saying who deleted it,
 * when and why, and the record leaves its table (and so every list, timeline, clock and
 * return), all in one transaction. KITH_E_CONFLICT when it is no longer at `version`,
 * KITH_E_NOT_FOUND when there is no such record. Its history stays, never rewritten. */
enum kerr_code store_rec_delete(struct store *s, const struct rec_type *t, int64_t id, int version,
                                int64_t now, int64_t by, const char *reason, struct kerr *e);

struct rec_query {
    int64_t parent_id; /* 0 = every record of the type */
    size_t limit;      /* 0 = STORE_PAGE_DEFAULT, at most STORE_PAGE_MAX */
    size_t offset;
};
/* Newest first by the type's order field (then by creation). `*out` is an array of `*n`
 * records of t->size bytes each; `total`, when not NULL, gets how many there are in all
 * (for "first 25 of 140"). */
enum kerr_code store_rec_list(struct store *s, const struct rec_type *t, const struct rec_query *q,
                              struct arena *a, void **out, size_t *n, int64_t *total,
                              struct kerr *e);

/* How many records of each of `n` types `parent_id` has, into counts[0..n), in one
 * statement: a page that shows every type kept for a child (its timeline) asks which it
 * has before reading any, rather than one statement per type, most of them empty. Its
 * statement is built once for each list of types (at most 64 types). */
enum kerr_code store_rec_counts(struct store *s, const struct rec_type *const *types, size_t n,
                                int64_t parent_id, int64_t *counts, struct kerr *e);

/* Every record of the type, by parent (the child) and then in the order they were made:
 * what deriving work across many children reads (casework/work.c), in one statement
 * where pages would sort the table once each. */
enum kerr_code store_rec_all(struct store *s, const struct rec_type *t, struct arena *a, void **out,
                             size_t *n, struct kerr *e);

/* The same, for the children of one caseload only: those allocated now, as their social
 * worker, to `worker_id`, or to any worker of `team_id` (both 0: every child, as
 * store_rec_all). What one worker's or one team's work reads: the cost follows the
 * caseload, not the borough. With neither, `child_to` (when not 0) reads only the
 * children whose ids are `child_from` to `child_to`: the whole borough a slice at a time,
 * so that what is held follows the slice, not the borough. */
struct caseload_of {
    int64_t worker_id, team_id;
    int64_t child_from, child_to;
};
enum kerr_code store_rec_all_of(struct store *s, const struct rec_type *t,
                                const struct caseload_of *of, struct arena *a, void **out,
                                size_t *n, struct kerr *e);

/* Every version of record `id`, oldest first, the current one last. */
enum kerr_code store_rec_history(struct store *s, const struct rec_type *t, int64_t id,
                                 struct arena *a, void **out, size_t *n, struct kerr *e);

/* The CREATE TABLE for the type in the backend's dialect ("sqlite" or "postgresql"):
 * what its migration holds, and what a test type defined in a test file is given. */
void store_rec_ddl(const struct rec_type *t, const char *backend, struct str *out);

/* Run SQL written by hand with no parameters (a test's table, store_rec_ddl's output). */
enum kerr_code store_rec_exec(struct store *s, const char *sql, struct kerr *e);

#endif
