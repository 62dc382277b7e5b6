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
};

struct work_item {
    struct obligation ob;
    const struct rec_type *type; /* the starting record's */
    const struct child_owner *child;
    const struct worker *owner; /* NULL: the child has no worker, or the team no manager */
};

/* What the query found, by due date (then child, then rule); from the caller's arena. */
struct work {
    struct work_item *items;
    size_t n;
    struct worker *workers; /* every worker, by id: owners point into it */
    size_t nworkers;
    struct team *teams;
    size_t nteams;
};

/* Every obligation matching `q` that the actor may see. One audit row (a list: counts,
 * no child). */
enum kerr_code cw_work(struct store *s, const struct actor *who, const struct work_query *q,
                       struct arena *a, struct work *out, struct cw_err *err);

/* Bucket of an open obligation on day `on`: 0 overdue, 1 due today, 2 due in the next
 * seven days, 3 later. */
int work_bucket(const struct obligation *o, kdate on);

#endif
