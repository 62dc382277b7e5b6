/*
 * "My work": the obligations the timescales table (domain/timescale.h) derives from the
 * records as they read now, each with whose job it is: the child's allocated social
 * worker, or that worker's team manager for an authorisation. Derived on every call,
 * never stored, so a correction or a deleted record shows at once. Scoped like every
 * read: an account sees the obligations of the children it may see.
 */
#ifndef KITH_CASEWORK_WORK_H
#define KITH_CASEWORK_WORK_H

#include "casework/casework.h"
#include "domain/timescale.h"

struct work_query {
    int64_t worker_id; /* the obligations this worker owns; 0 = anyone's */
    int64_t team_id;   /* the obligations of this team's workers; 0 = any team */
    int status;        /* -1: every status; else only this enum ob_status */
    kdate on;          /* the day statuses are judged on */
    bool children;     /* also list the caseload's children (struct work_child) */
};

struct work_item {
    struct obligation ob;
    const struct rec_type *type; /* the starting record's */
    const struct child_owner *child;
    const struct worker *owner; /* NULL: the child has no worker, or the team no manager */
};

/* A child of the caseload asked for: what they are under on the day and their next open
 * obligation, whoever's it is. */
struct work_child {
    const struct child_owner *child;
    char status[64]; /* "Child protection plan (NEG)"; "" when none (case_status.h) */
    bool has_next;
    struct obligation next;           /* the open obligation due first */
    const struct rec_type *next_type; /* its starting record's type */
};

/* What the query found, by due date (then child, then rule); from the caller's arena. */
struct work {
    struct work_item *items;
    size_t n;
    struct work_child *children; /* with q->children: the caseload's children the actor may
                                    see, in the store's order (by child id) */
    size_t nchildren;
    struct worker *workers; /* every worker, by id: owners point into it */
    size_t nworkers;
    struct team *teams;
    size_t nteams;
};

/* Every obligation matching `q` that the actor may see. One audit row (a list: counts,
 * no child). */
enum kerr_code cw_work(struct store *s, const struct actor *who, const struct work_query *q,
                       struct arena *a, struct work *out, struct cw_err *err);

/* The same, handed to `each` in parts: for a worker's or a team's work (or with
 * q->children) the whole at once; for the whole borough `slice` children at a time, by
 * child id, each part's items by due date. A part's records (its items' ob.rec) live only
 * until `each` returns; its children, workers and teams until `a` is released. Stops at
 * the first error `each` returns. One audit row for the whole. */
typedef enum kerr_code work_each_fn(void *ctx, const struct work *part);
enum kerr_code cw_work_each(struct store *s, const struct actor *who, const struct work_query *q,
                            size_t slice, struct arena *a, work_each_fn *each, void *ctx,
                            struct cw_err *err);

/* Bucket of an open obligation on day `on`: 0 overdue, 1 due today, 2 due in the next
 * seven days, 3 later. */
int work_bucket(const struct obligation *o, kdate on);

#endif
