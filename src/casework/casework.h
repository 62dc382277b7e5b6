/*
 * The use cases: one function per action a person takes on the records (add a record,
 * correct it, look at it, list a child's), between the store and the entry points. Each
 * takes who is acting, checks that they may (the child's scope and restriction, which
 * every record hanging off a child inherits), checks the values (the record's
 * description, then its type's own rules), writes the record and its audit row in one
 * transaction, and reports through one carrier, `struct cw_err`, that the web pages, the
 * API and the command line each render in their own way. The entry points do no checking
 * of their own: they turn a request into a call here and the result into a response.
 */
#ifndef KITH_CASEWORK_CASEWORK_H
#define KITH_CASEWORK_CASEWORK_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"
#include "domain/rec.h"
#include "store/store.h"
#include "store/store_merge.h"

/* Who acts, and when. */
struct actor {
    int64_t user_id;                 /* 0: the operator at the command line */
    const char *username;            /* for the audit row */
    const char *role;                /* user-role code, for the audit row */
    int64_t worker_id;               /* the worker the account belongs to; 0 for none */
    const struct store_scope *scope; /* NULL: unscoped (the operator's own tools) */
    const char *request_id;          /* ties the audit row to the request's log line */
    int64_t now;                     /* seconds since 1970, UTC */
    kdate today;
};

/* The one error carrier. `e` holds the code and a sentence for the whole action; when the
 * values were at fault (KITH_E_INVALID) `fields` holds every problem, each naming its
 * field, so a form puts each beside its input and the API lists them all. After a
 * KITH_E_CONFLICT on a correction, `current` is the stored version the person's edit
 * collided with (the type's struct, from the caller's arena), so both can be shown. */
struct cw_err {
    struct kerr e;
    struct field_errors fields;
    void *current;
    /* After a help-and-protection record is written: the CIN census queries the change
     * brought in (casework/cin_live.h), for the person to check; the write went ahead. */
    struct field_errors warnings;
};
void cw_err_clear(struct cw_err *err);

/* The scope an account reads with: its own children (allocations, grants, what it
 * recorded), and for the roles that chair conferences and reviews for any child in the
 * borough (CP chairs and IROs) every child that is not restricted. `role` is a user-role
 * code; decided here once, for the pages, the API and anything else that signs people in. */
struct store_scope cw_scope(int64_t user_id, int64_t worker_id, const char *role, kdate today);

/* Whether the actor may see child `child_id` (a record's parent): KITH_OK, or
 * KITH_E_NOT_FOUND as if there were no such child, the refusal audited as `action`
 * "denied". */
enum kerr_code cw_may_see(struct store *s, const struct actor *who, int64_t child_id,
                          const char *action, struct cw_err *err);

/* The child whose public id is `ref`, if the actor may see them: the gate every look at a
 * child passes. A public id only (an LA child id or a relative's id is no address); a
 * child merged into another is seen by whoever sees the kept child. A refusal reads as
 * KITH_E_NOT_FOUND, as for no such child, and is audited as `action` (or "view") denied;
 * a child seen is audited as `action` ("ok"; `read` says whether it changed nothing), or
 * not at all when `action` is NULL. `*audited` says whether a row was written. */
enum kerr_code cw_child_open(struct store *s, const struct actor *who, const char *ref,
                             const char *action, bool read, struct arena *a, struct person *out,
                             bool *audited, struct cw_err *err);

/* Append the audit row for an action (`child_id` 0 when no child's record is involved);
 * `read` rows are the ones that change nothing. */
enum kerr_code cw_audit(struct store *s, const struct actor *who, int64_t child_id,
                        const char *action, const char *outcome, const char *detail, bool read,
                        struct kerr *e);

/* Whether `who` may read (`writing` false) or write records of type `t` by its keepers
 * (domain/rec.h struct rec_keepers): the one rule for a type that hangs off no child, which
 * every cw_rec_ action below applies (a refusal is KITH_E_FORBIDDEN, audited) and the
 * router asks before a page or API route of the type runs. A child's type: true, since
 * the child's scope decides, record by record. */
bool cw_rec_may(const struct actor *who, const struct rec_type *t, bool writing);

/* Add a record of type `t`. For a type that hangs off a child, rec's head names the child
 * (parent_id) and the actor must be able to see that child: otherwise KITH_E_NOT_FOUND,
 * as if there were no such child, and the refusal is audited. The head's created_by is
 * the actor. */
enum kerr_code cw_rec_add(struct store *s, const struct actor *who, const struct rec_type *t,
                          void *rec, struct cw_err *err);

/* Correct a record: `rec` holds the new values, and in its head the id, the version the
 * person started from and the reason (required: a correction says why). The child a
 * record hangs off never changes. KITH_E_CONFLICT when someone else corrected it first,
 * with err->current set. */
enum kerr_code cw_rec_correct(struct store *s, const struct actor *who, const struct rec_type *t,
                              void *rec, struct arena *a, struct cw_err *err);

/* Delete a record entered in error, as it stood at `version` (the one the person saw), with
 * the reason (required). It leaves every list, timeline, clock and return; its versions
 * stay in its history and the deletion is audited. The CIN rules judge the child's records
 * without it: an error that would bring in refuses it (delete what hangs off it first).
 * KITH_E_CONFLICT with err->current set when it changed since. */
enum kerr_code cw_rec_delete(struct store *s, const struct actor *who, const struct rec_type *t,
                             const char *public_id, int version, const char *reason,
                             struct arena *a, struct cw_err *err);

/* Look at one record by its public id; the view is audited. */
enum kerr_code cw_rec_view(struct store *s, const struct actor *who, const struct rec_type *t,
                           const char *public_id, struct arena *a, void *out, struct cw_err *err);

/* A child's records of type `t`, newest first; `total` counts them all. Audited as a view
 * of the child. For a type that hangs off no child, `child_id` is 0 and the list is all of
 * the type's records, for its keepers' readers. */
enum kerr_code cw_rec_list(struct store *s, const struct actor *who, const struct rec_type *t,
                           int64_t child_id, size_t limit, size_t offset, struct arena *a,
                           void **out, size_t *n, int64_t *total, struct cw_err *err);

/* Every version of a record, oldest first. */
enum kerr_code cw_rec_history(struct store *s, const struct actor *who, const struct rec_type *t,
                              const char *public_id, struct arena *a, void **out, size_t *n,
                              struct cw_err *err);

/* ---- the records kept before the generic types (domain/entities.h, domain/person.h) ---- */

/* Record a new child: `p` holds the values as read (kind, the day opened, a public id and,
 * when none is given, an LA child id are filled in here). Checked against person_fields in
 * today's collection year; written with the actor's 30-day grant to see the child (an
 * account's, not the operator's) and the audit row "create", or not at all. An LA child id
 * another child holds is KITH_E_CONFLICT naming it when the actor may see that child, and
 * otherwise KITH_E_INVALID saying only that it cannot be used (the attempt audited). */
enum kerr_code cw_child_create(struct store *s, const struct actor *who, struct person *p,
                               struct cw_err *err);

/* Correct child p->id's identity: `p` is the stored record with the person's changes
 * applied. The actor must be able to see the child (else KITH_E_NOT_FOUND); checked and
 * audited ("update") as cw_child_create. */
enum kerr_code cw_child_correct(struct store *s, const struct actor *who, struct person *p,
                                struct cw_err *err);

/* Merge the records of child `gone` into child `keep` (each a public id or an LA child
 * id), for `reason` (required): both must be children the actor may see (else
 * KITH_E_NOT_FOUND naming "keep" or "gone"), neither merged already (KITH_E_CONFLICT), and
 * restricted alike (else KITH_E_FORBIDDEN). Audited "merge" on both children, in the
 * transaction of the move. `out` gets the merge and how many records moved. */
enum kerr_code cw_child_merge(struct store *s, const struct actor *who, const char *keep,
                              const char *gone, const char *reason, struct arena *a,
                              struct child_merge *out, struct cw_err *err);

/* Undo the merge of child `gone`: exactly the records that moved move back, and the child
 * stands on its own again. Checked, audited ("unmerge") and written as cw_child_merge. */
enum kerr_code cw_child_unmerge(struct store *s, const struct actor *who, const char *gone,
                                const char *reason, struct arena *a, struct child_merge *out,
                                struct cw_err *err);

/* Add a case note to child n->child_id, written by n->author_id (the actor's own worker
 * when 0; an account that is no worker's may not write notes: KITH_E_FORBIDDEN). Checked
 * against note_fields; audited as "note-add". Fills in n->public_id. */
enum kerr_code cw_note_add(struct store *s, const struct actor *who, struct case_note *n,
                           struct cw_err *err);

/* Allocate worker `worker` (a public id or a registration, resolved into al->worker_id and
 * `w`, from `a`) to child al->child_id: checked against allocation_fields, audited as
 * "allocate" with the worker's public id. Who may allocate is the entry point's
 * permission (team managers). */
enum kerr_code cw_allocation_add(struct store *s, const struct actor *who, struct allocation *al,
                                 const char *worker, struct arena *a, struct worker *w,
                                 struct cw_err *err);

#endif
