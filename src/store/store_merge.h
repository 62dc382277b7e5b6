/*
 * Two records of one child made one, and undone (store_merge.c): every record kept on the
 * child being merged ("gone") moves to the one kept, each row that moved written down in
 * the merge's log, so an unmerge moves back exactly those rows and nothing else. The merged
 * child is marked (person.merged_into), never deleted: lists, search and the duplicate
 * check leave it out, and its address leads to the kept child.
 *
 * What moves: allocations, case notes, relationships (either side; not a link between the
 * two children themselves) and the records of every type kept for a child (domain/rec.h).
 * What stays with the merged child: its identity, access grants and any restriction (who
 * may see a record is not changed by a merge), and the audit trail, which records what
 * happened to whom. Both run inside the caller's transaction (the use case's, with its
 * audit rows).
 */
#ifndef KITH_STORE_STORE_MERGE_H
#define KITH_STORE_STORE_MERGE_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

struct child_merge {
    int64_t id;
    int64_t keep_id, gone_id;
    const char *reason; /* why the records were one child's */
    int64_t at;         /* seconds since 1970, UTC */
    const char *by;     /* the username, for the record of the merge */
    int64_t moved;      /* rows moved (by a merge) or moved back (by an unmerge) */
};

/* Merge m->gone_id into m->keep_id: fills in m->id and m->moved. */
enum kerr_code store_child_merge(struct store *s, struct child_merge *m, struct kerr *e);

/* Undo the merge of child `gone_id` that stands (KITH_E_NOT_FOUND when there is none): the
 * logged rows move back and the child is no longer marked. `m` gets the merge as it was
 * (its keep_id) and the rows moved back; `by`, `at` and `reason` are the unmerge's. */
enum kerr_code store_child_unmerge(struct store *s, int64_t gone_id, const char *by, int64_t at,
                                   const char *reason, struct child_merge *m, struct kerr *e);

/* The merges that stand on child `child_id`, either way (the records merged into it, or
 * the one it was merged into), newest first, in `a`. */
enum kerr_code store_child_merges(struct store *s, int64_t child_id, struct arena *a,
                                  struct child_merge **out, size_t *n, struct kerr *e);

#endif
