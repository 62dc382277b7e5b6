/*
 * Work derived from the records (work.h): every record of the types the timescales
 * table names is read once (store_rec_all, by child), every child once with the worker
 * allocated to them now (store_child_owners), and each child's records go through the
 * pure engine (ts_derive). Whose job an obligation is comes from the row: the child's
 * social worker, or the manager of that worker's team. Reading everything at once and
 * filtering afterwards keeps the number of statements fixed (a handful) whatever the size
 * of the borough. A worker's or a team's work reads only the records of the children
 * allocated to them (store_rec_all_of), so "my work" costs what the caseload does. The
 * whole borough's (cw_work_each) is read a slice of children at a time and handed on
 * slice by slice, so that what is held follows the slice, not the borough: at --scale 10
 * holding every record of every clock type at once took a gigabyte.
 */
#include "casework/work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case_status.h"
#include "store/store_rec.h"
#include "store/store_setting.h"

#define CLOCK_TYPES_MAX 32
#define TEAM_WORKERS_PAGE 500

static void add_type(const struct rec_type **out, size_t *n, const char *name)
{
    const struct rec_type *t = rec_type_named(name);
    bool seen = !t;
    for (size_t i = 0; i < *n && !seen; i++)
        seen = out[i] == t;
    if (!seen && *n < CLOCK_TYPES_MAX)
        out[(*n)++] = t;
}

/* The record types the table reads, each once, and with `statuses` those a child's
 * status is read from. */
static size_t clock_types(const struct rec_type **out, bool statuses)
{
    size_t n = 0;
    for (const struct timescale *ts = timescales; ts->rule; ts++) {
        add_type(out, &n, ts->start_type);
        add_type(out, &n, ts->stop_type);
    }
    for (const struct case_status_row *r = case_statuses; statuses && r->type; r++)
        add_type(out, &n, r->type);
    return n;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const struct worker *)a)->id, y = ((const struct worker *)b)->id;
    return (x > y) - (x < y);
}

static const struct worker *worker_by_id(const struct work *w, int64_t id)
{
    if (!id)
        return NULL;
    struct worker key = {.id = id};
    return bsearch(&key, w->workers, w->nworkers, sizeof(key), by_id);
}

/* The manager of `team`: its first team manager in post. */
static const struct worker *manager_of(const struct work *w, int64_t team)
{
    for (size_t i = 0; team && i < w->nworkers; i++)
        if (w->workers[i].team_id == team && w->workers[i].role == ROLE_TEAM_MANAGER &&
            w->workers[i].end == DATE_NONE)
            return &w->workers[i];
    return NULL;
}

/* The teams, and the workers of `team` (every worker when 0): a team's workers are all
 * the owners a worker's or a team's obligations can have, and reading a borough's
 * hundreds of workers for one caseload was most of a "my work" page's time. */
static enum kerr_code read_workers(struct store *s, struct arena *a, struct work *w, int64_t team,
                                   struct kerr *e)
{
    enum kerr_code rc = store_team_list(s, a, &w->teams, &w->nteams, e);
    size_t cap = 0, limit = team ? TEAM_WORKERS_PAGE : STORE_PAGE_MAX;
    for (size_t off = 0; !rc;) {
        struct worker *page;
        size_t n;
        rc = store_worker_list(
            s, &(struct worker_query){.team_id = team, .limit = limit, .offset = off}, a, &page, &n,
            e);
        if (rc || !n)
            break;
        if (w->nworkers + n > cap) {
            cap = (w->nworkers + n) * 2;
            struct worker *v = arena_alloc(a, cap * sizeof(*v));
            if (w->nworkers)
                memcpy(v, w->workers, w->nworkers * sizeof(*v));
            w->workers = v;
        }
        memcpy(w->workers + w->nworkers, page, n * sizeof(*page));
        w->nworkers += n;
        off += n;
        if (n < limit)
            break;
    }
    if (!rc && w->nworkers)
        qsort(w->workers, w->nworkers, sizeof(*w->workers), by_id);
    return rc;
}

/* The managers of every team, looked up once: a borough has a few dozen teams. */
struct managers {
    int64_t *team;
    const struct worker **mgr;
    size_t n;
};

static const struct worker *owner_of(const struct work *w, const struct managers *m,
                                     const struct obligation *o, const struct child_owner *c)
{
    const struct worker *sw = worker_by_id(w, c->worker_id);
    if (o->ts->owner == TS_WORKER || !sw)
        return sw;
    for (size_t i = 0; i < m->n; i++)
        if (m->team[i] == sw->team_id)
            return m->mgr[i];
    return NULL;
}

static bool wanted(const struct work_query *q, const struct obligation *o,
                   const struct worker *owner)
{
    if (q->status >= 0 && (int)o->status != q->status)
        return false;
    if (q->worker_id && (!owner || owner->id != q->worker_id))
        return false;
    return !q->team_id || (owner && owner->team_id == q->team_id);
}

static int by_due(const void *a, const void *b)
{
    const struct work_item *x = a, *y = b;
    if (x->ob.due != y->ob.due)
        return x->ob.due < y->ob.due ? -1 : 1;
    int c = strcmp(x->child->public_id, y->child->public_id);
    return c ? c : strcmp(x->ob.ts->rule, y->ob.ts->rule);
}

int work_bucket(const struct obligation *o, kdate on)
{
    if (o->due < on)
        return 0;
    if (o->due == on)
        return 1;
    return o->due <= on + 7 ? 2 : 3;
}

/* The children whose records can hold what the query asks for: a worker's own caseload,
 * or for a team manager (whose authorisations are the team's children) the team's; a
 * team's; or, with neither, every child. The filter on owners (wanted) still decides. */
static enum kerr_code caseload_for(struct store *s, struct arena *a, const struct work_query *q,
                                   struct caseload_of *of, int64_t *team, struct kerr *e)
{
    *of = (struct caseload_of){.team_id = q->team_id};
    *team = q->team_id;
    if (!q->worker_id)
        return KITH_OK;
    struct worker self;
    enum kerr_code rc = store_worker_get(s, q->worker_id, a, &self, e);
    if (rc == KITH_E_NOT_FOUND) { /* nobody's work: an empty caseload, no worker read */
        *of = (struct caseload_of){.worker_id = q->worker_id};
        *team = -1;
        kerr_clear(e);
        return KITH_OK;
    }
    *team = self.team_id;
    *of = (struct caseload_of){0};
    if (self.role == ROLE_TEAM_MANAGER)
        of->team_id = self.team_id;
    else
        of->worker_id = q->worker_id;
    return rc;
}

struct typed {
    const struct rec_type *t;
    char *rows;
    size_t n, at; /* `at`: the first row not yet given to a child */
};

/* A caseload child: their status and the open obligation due first. */
static void add_child(struct arena *a, struct work *w, size_t *cap, const struct child_owner *c,
                      const struct ts_records *tr, size_t ntr, const struct ob_list *obs, kdate on)
{
    if (w->nchildren == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        struct work_child *v = arena_alloc(a, *cap * sizeof(*v));
        if (w->nchildren)
            memcpy(v, w->children, w->nchildren * sizeof(*v));
        w->children = v;
    }
    struct work_child *k = &w->children[w->nchildren++];
    memset(k, 0, sizeof(*k));
    k->child = c;
    case_status_of(tr, ntr, on, k->status, sizeof k->status);
    for (size_t i = 0; i < obs->n; i++) {
        const struct obligation *o = &obs->v[i];
        if (o->status == OB_DONE || (k->has_next && o->due >= k->next.due))
            continue;
        k->has_next = true;
        k->next = *o;
        k->next_type = rec_type_named(o->ts->start_type);
    }
}

/* What deriving holds across the children of a query: the types read, each type's rows
 * (for the children being derived), the team managers, and the engine's list. */
struct deriving {
    const struct work_query *q;
    const struct actor *who;
    const struct rec_type *types[CLOCK_TYPES_MAX];
    size_t ntypes;
    struct typed recs[CLOCK_TYPES_MAX];
    struct managers mgrs;
    struct ts_choices choices;
    struct ob_list obs;
    size_t cap, nchildcap;
};

/* The council's choices of the rows' lengths (each value was checked when it was set,
 * domain/settings.c): one setting read per row that has one. */
static enum kerr_code read_choices(struct store *s, struct arena *a, struct ts_choices *out,
                                   struct kerr *e)
{
    out->n = 0;
    enum kerr_code rc = KITH_OK;
    for (const struct timescale *ts = timescales; !rc && ts->rule; ts++) {
        const char *v = NULL;
        if (!ts->setting || out->n == TS_CHOICES_MAX)
            continue;
        rc = store_setting_get(s, ts->setting, a, &v, e);
        if (!rc && v) {
            out->v[out->n].setting = ts->setting;
            out->v[out->n++].n = (int)strtol(v, NULL, 10);
        }
    }
    return rc;
}

/* Every clock type's rows for the children `of` names, into `a`. */
static enum kerr_code read_recs(struct store *s, struct deriving *d, const struct caseload_of *of,
                                struct arena *a, struct kerr *e)
{
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < d->ntypes && !rc; i++) {
        void *rows;
        d->recs[i] = (struct typed){.t = d->types[i]};
        rc = store_rec_all_of(s, d->types[i], of, a, &rows, &d->recs[i].n, e);
        d->recs[i].rows = rows;
    }
    return rc;
}

static void find_managers(struct deriving *d, const struct work *w, struct arena *a)
{
    d->mgrs = (struct managers){.team = arena_alloc(a, (w->nteams + 1) * sizeof(int64_t)),
                                .mgr = arena_alloc(a, (w->nteams + 1) * sizeof(void *))};
    for (size_t i = 0; i < w->nteams; i++) {
        d->mgrs.team[d->mgrs.n] = w->teams[i].id;
        d->mgrs.mgr[d->mgrs.n++] = manager_of(w, w->teams[i].id);
    }
}

/* The obligations of children `kids` (by child id, as the rows are by parent) that the
 * query asks for and the actor may see, appended to out->items in `a`. */
static enum kerr_code derive_kids(struct store *s, struct deriving *d,
                                  const struct child_owner *kids, size_t nkids, struct arena *a,
                                  struct work *out, struct cw_err *err)
{
    const struct work_query *q = d->q;
    const struct actor *who = d->who;
    enum kerr_code rc = KITH_OK;
    for (size_t k = 0; k < nkids && !rc; k++) {
        const struct child_owner *c = &kids[k];
        struct ts_records tr[CLOCK_TYPES_MAX];
        size_t ntr = 0;
        for (size_t i = 0; i < d->ntypes; i++) {
            struct typed *r = &d->recs[i];
            size_t sz = r->t->size, from;
            while (r->at < r->n && rec_chead(r->t, r->rows + r->at * sz)->parent_id < c->child_id)
                r->at++; /* a record of no child's: not the engine's business */
            from = r->at;
            while (r->at < r->n && rec_chead(r->t, r->rows + r->at * sz)->parent_id == c->child_id)
                r->at++;
            if (r->at > from)
                tr[ntr++] = (struct ts_records){r->t, r->rows + from * sz, r->at - from};
        }
        if (!ntr && !q->children)
            continue;
        d->obs.n = 0;
        ts_derive_with(timescales, tr, ntr, q->on, &d->choices, &d->obs);
        bool checked = false, visible = true;
        if (q->children) {
            if (who->scope)
                rc = store_person_visible(s, who->scope, c->child_id, &visible, &err->e);
            checked = true;
            if (!rc && visible)
                add_child(a, out, &d->nchildcap, c, tr, ntr, &d->obs, q->on);
        }
        for (size_t i = 0; i < d->obs.n && !rc; i++) {
            const struct worker *owner = owner_of(out, &d->mgrs, &d->obs.v[i], c);
            if (!wanted(q, &d->obs.v[i], owner))
                continue;
            if (!checked && who->scope) /* only for children something is owed for */
                rc = store_person_visible(s, who->scope, c->child_id, &visible, &err->e);
            checked = true;
            if (!visible)
                break;
            if (out->n == d->cap) {
                d->cap = d->cap ? d->cap * 2 : 256;
                struct work_item *v = arena_alloc(a, d->cap * sizeof(*v));
                if (out->n)
                    memcpy(v, out->items, out->n * sizeof(*v));
                out->items = v;
            }
            out->items[out->n++] =
                (struct work_item){.ob = d->obs.v[i],
                                   .type = rec_type_named(d->obs.v[i].ts->start_type),
                                   .child = c,
                                   .owner = owner};
        }
    }
    return rc;
}

static enum kerr_code audit_list(struct store *s, const struct actor *who, size_t n, struct kerr *e)
{
    char detail[64];
    snprintf(detail, sizeof detail, "%zu obligations", n);
    struct audit_event ev = {.at = who->now,
                             .user_id = who->user_id,
                             .username = who->username ? who->username : "(operator)",
                             .role = who->role ? who->role : "operator",
                             .action = "work.list",
                             .request_id = who->request_id ? who->request_id : "-",
                             .outcome = "ok",
                             .detail = detail,
                             .read_only = true};
    return store_audit_add(s, &ev, e);
}

enum kerr_code cw_work(struct store *s, const struct actor *who, const struct work_query *q,
                       struct arena *a, struct work *out, struct cw_err *err)
{
    memset(out, 0, sizeof(*out));
    struct deriving d = {.q = q, .who = who};
    d.ntypes = clock_types(d.types, q->children);
    struct child_owner *kids = NULL;
    size_t nkids = 0;
    struct caseload_of of;
    int64_t team;
    enum kerr_code rc = caseload_for(s, a, q, &of, &team, &err->e);
    if (!rc)
        rc = read_choices(s, a, &d.choices, &err->e);
    if (!rc)
        rc = read_workers(s, a, out, team, &err->e);
    if (!rc)
        rc = read_recs(s, &d, &of, a, &err->e);
    if (!rc)
        rc = store_child_owners_of(s, of.worker_id, of.team_id, a, &kids, &nkids, &err->e);
    if (rc)
        return rc;
    find_managers(&d, out, a);
    rc = derive_kids(s, &d, kids, nkids, a, out, err);
    ob_list_free(&d.obs);
    if (rc)
        return rc;
    if (out->n)
        qsort(out->items, out->n, sizeof(*out->items), by_due);
    return audit_list(s, who, out->n, &err->e);
}

enum kerr_code cw_work_each(struct store *s, const struct actor *who, const struct work_query *q,
                            size_t slice, struct arena *a, work_each_fn *each, void *ctx,
                            struct cw_err *err)
{
    struct work w;
    if (q->worker_id || q->team_id || q->children) { /* a caseload's: held whole */
        enum kerr_code rc = cw_work(s, who, q, a, &w, err);
        return rc ? rc : each(ctx, &w);
    }
    memset(&w, 0, sizeof(w));
    struct deriving d = {.q = q, .who = who};
    d.ntypes = clock_types(d.types, false);
    struct child_owner *kids = NULL;
    size_t nkids = 0, total = 0;
    enum kerr_code rc = read_workers(s, a, &w, 0, &err->e);
    if (!rc)
        rc = read_choices(s, a, &d.choices, &err->e);
    if (!rc)
        rc = store_child_owners_of(s, 0, 0, a, &kids, &nkids, &err->e);
    if (rc)
        return rc;
    find_managers(&d, &w, a);
    for (size_t from = 0; from < nkids && !rc; from += slice) {
        size_t to = from + slice < nkids ? from + slice : nkids;
        struct arena ba;
        arena_init(&ba, 0);
        struct caseload_of of = {.child_from = kids[from].child_id,
                                 .child_to = kids[to - 1].child_id};
        w.items = NULL;
        w.n = 0;
        d.cap = 0;
        rc = read_recs(s, &d, &of, &ba, &err->e);
        if (!rc)
            rc = derive_kids(s, &d, kids + from, to - from, &ba, &w, err);
        if (!rc && w.n)
            qsort(w.items, w.n, sizeof(*w.items), by_due);
        total += w.n;
        if (!rc)
            rc = each(ctx, &w);
        arena_release(&ba);
    }
    ob_list_free(&d.obs);
    return rc ? rc : audit_list(s, who, total, &err->e);
}
