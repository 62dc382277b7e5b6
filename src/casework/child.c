/*
 * The child's record, whole (child.h): relatives, allocations with their workers, and the
 * timeline merged from every record type kept for a child and the case notes.
 *
 * Reads are indexed statements, as few as the page allows. One statement counts the
 * records of every type kept for a child (store_rec_counts): most children have records
 * of a handful of the thirty-odd types, and one statement per type, most of them empty,
 * was most of a page view's cost. Then one statement per type the child has, asking only
 * for as many rows as the page can show (the newest offset + limit of each source are
 * enough to merge the page), one for the notes (read on only when they fill their share:
 * they have no count), one for the relatives with their people and whether each child
 * among them may be opened, one for the allocations with their workers and teams, plus
 * one per note author who is not among those workers. Each statement outside a
 * transaction is a read transaction of its own on SQLite (a lock on the WAL index each),
 * so statements, not rows, are what a page view costs here.
 *
 * The open risks read every record of their few types, reusing what the timeline read
 * whole, and the records that stop a review clock only for a child who has a record that
 * starts one.
 */
#include "casework/child.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_rec.h"

/* Workers met on one page, each read once. */
struct workers {
    struct worker *v;
    size_t n, cap;
};

/* Worker `w`, read with something else, among those met (once: the first copy stays). */
/* Room for one more worker in `ws`. */
static void workers_room(struct workers *ws, struct arena *a)
{
    if (ws->n < ws->cap)
        return;
    size_t cap = ws->cap ? ws->cap * 2 : 8;
    struct worker *v = arena_alloc(a, cap * sizeof *v);
    if (ws->n)
        memcpy(v, ws->v, ws->n * sizeof *v);
    ws->v = v;
    ws->cap = cap;
}

static const struct worker *workers_keep(struct workers *ws, const struct worker *w,
                                         struct arena *a)
{
    for (size_t i = 0; ws->v && i < ws->n; i++)
        if (ws->v[i].id == w->id)
            return &ws->v[i];
    workers_room(ws, a);
    ws->v[ws->n] = *w;
    return &ws->v[ws->n++];
}

static const struct worker *worker_of(struct store *s, struct workers *ws, int64_t id,
                                      struct arena *a, struct kerr *e, enum kerr_code *rc)
{
    for (size_t i = 0; ws->v && i < ws->n; i++)
        if (ws->v[i].id == id)
            return &ws->v[i];
    if (*rc || !id)
        return NULL;
    workers_room(ws, a);
    enum kerr_code r = store_worker_get(s, id, a, &ws->v[ws->n], e);
    if (r == KITH_E_NOT_FOUND) {
        kerr_clear(e);
        return NULL;
    }
    if (r) {
        *rc = r;
        return NULL;
    }
    return &ws->v[ws->n++];
}

/* The relatives, each person and, for another child, whether `who` may open their record,
 * in one statement (store_relative_list): a link to a person who is gone says nothing and
 * is left out. */
static enum kerr_code relatives(struct store *s, const struct actor *who, const struct person *c,
                                struct arena *a, struct child_record *out, struct kerr *e)
{
    struct relative_read *rel;
    size_t n;
    enum kerr_code rc = store_relative_list(s, c->id, who->scope, a, &rel, &n, e);
    if (rc)
        return rc;
    out->relatives = arena_zalloc(a, (n + 1) * sizeof *out->relatives);
    for (size_t i = 0; i < n; i++) {
        struct child_relative *r = &out->relatives[out->nrelatives++];
        r->rel = &rel[i].rel;
        r->person = rel[i].person;
        if (r->person.kind == PERSON_CHILD) {
            r->child_record = rel[i].visible;
            r->withheld = !rel[i].visible;
        }
    }
    return KITH_OK;
}

/* The allocations with each worker and team in one statement (store_allocation_workers);
 * the workers join those met on the page, so a note by one of them reads nothing more. */
static enum kerr_code allocations(struct store *s, const struct person *c, struct workers *ws,
                                  struct arena *a, struct child_record *out, struct kerr *e)
{
    struct allocation_read *al;
    size_t n;
    enum kerr_code rc = store_allocation_workers(s, c->id, a, &al, &n, e);
    if (rc || !n)
        return rc;
    out->allocs = arena_zalloc(a, n * sizeof *out->allocs);
    for (size_t i = 0; i < n; i++) {
        struct child_alloc *ca = &out->allocs[out->nallocs++];
        ca->al = &al[i].al;
        ca->team = al[i].team;
        if (al[i].worker.id)
            ca->worker = workers_keep(ws, &al[i].worker, a);
    }
    return KITH_OK;
}

/* Newest first; on the same day records before notes, by type, each source keeping its
 * own order (its rows are newest first in one array, so by address): the same page every
 * time, whatever qsort does with ties. */
static int by_date(const void *x, const void *y)
{
    const struct timeline_entry *a = x, *b = y;
    if (a->date != b->date)
        return a->date > b->date ? -1 : 1;
    if ((a->type == NULL) != (b->type == NULL))
        return a->type ? -1 : 1;
    if (a->type != b->type)
        return strcmp(a->type->name, b->type->name);
    const void *pa = a->type ? a->rec : (const void *)a->note;
    const void *pb = b->type ? b->rec : (const void *)b->note;
    return (pa > pb) - (pa < pb);
}

struct entries {
    struct timeline_entry *v;
    size_t n, cap;
};

static void entry_add(struct entries *es, struct arena *a, struct timeline_entry x)
{
    if (es->n == es->cap) {
        size_t cap = es->cap ? es->cap * 2 : 64;
        struct timeline_entry *v = arena_alloc(a, cap * sizeof *v);
        if (es->n)
            memcpy(v, es->v, es->n * sizeof *v);
        es->v = v;
        es->cap = cap;
    }
    es->v[es->n++] = x;
}

/* How many notes the child has past the first `from` (read on, page by page). */
static enum kerr_code notes_past(struct store *s, int64_t child_id, size_t from, struct arena *a,
                                 int64_t *count, struct kerr *e)
{
    enum { CHUNK = 500 };
    *count = 0;
    for (;;) {
        struct case_note *v;
        size_t n;
        struct note_query q = {.child_id = child_id, .limit = CHUNK, .offset = from};
        enum kerr_code rc = store_note_list(s, &q, a, &v, &n, e);
        if (rc)
            return rc;
        *count += (int64_t)n;
        if (n < CHUNK)
            return KITH_OK;
        from += n;
    }
}

enum { READ_TYPES_MAX = 64 };

/* What one page view has read of a child's records: how many of each type kept for a
 * child there are (one statement), and every type read whole so far, so that the open
 * risks reuse what the timeline read. */
struct child_reads {
    const struct rec_type *types[READ_TYPES_MAX];
    int64_t counts[READ_TYPES_MAX];
    size_t ntypes;
    struct ts_records tr[READ_TYPES_MAX];
    size_t ntr;
};

static enum kerr_code reads_start(struct store *s, const struct person *c, struct child_reads *r,
                                  struct kerr *e)
{
    r->ntypes = r->ntr = 0;
    for (size_t i = 0; rec_types[i] && r->ntypes < READ_TYPES_MAX; i++)
        if (rec_types[i]->parent && !strcmp(rec_types[i]->parent, "child"))
            r->types[r->ntypes++] = rec_types[i];
    return store_rec_counts(s, r->types, r->ntypes, c->id, r->counts, e);
}

/* How many records of type t the child has; -1 when t is not a child's type. */
static int64_t reads_count(const struct child_reads *r, const struct rec_type *t)
{
    for (size_t i = 0; i < r->ntypes; i++)
        if (r->types[i] == t)
            return r->counts[i];
    return -1;
}

static void reads_keep(struct child_reads *r, const struct rec_type *t, void *rows, size_t n)
{
    if (r->ntr < READ_TYPES_MAX)
        r->tr[r->ntr++] = (struct ts_records){t, rows, n};
}

static enum kerr_code timeline(struct store *s, const struct person *c, size_t limit, size_t offset,
                               struct workers *ws, struct child_reads *rd, struct arena *a,
                               struct child_record *out, struct kerr *e)
{
    size_t want = offset + limit; /* the newest `want` of each source hold the page */
    struct entries es = {0};
    int64_t total = 0;
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; !rc && i < rd->ntypes; i++) {
        const struct rec_type *t = rd->types[i];
        int64_t count = rd->counts[i];
        total += count;
        if (!count) { /* read whole: there is nothing */
            reads_keep(rd, t, NULL, 0);
            continue;
        }
        void *rows;
        size_t n;
        size_t ask = (uint64_t)count < want ? (size_t)count : want;
        rc = store_rec_list(s, t, &(struct rec_query){.parent_id = c->id, .limit = ask}, a, &rows,
                            &n, NULL, e);
        if (!rc && (int64_t)n == count)
            reads_keep(rd, t, rows, n);
        for (size_t j = 0; !rc && j < n; j++) {
            const void *rec = (const char *)rows + j * t->size;
            entry_add(&es, a,
                      (struct timeline_entry){.date = rec_when(t, rec), .type = t, .rec = rec});
        }
    }
    struct case_note *notes = NULL;
    size_t nnotes = 0;
    if (!rc)
        rc = store_note_list(s, &(struct note_query){.child_id = c->id, .limit = want}, a, &notes,
                             &nnotes, e);
    int64_t more = 0;
    if (!rc && nnotes == want)
        rc = notes_past(s, c->id, want, a, &more, e);
    total += (int64_t)nnotes + more;
    for (size_t j = 0; !rc && j < nnotes; j++)
        entry_add(&es, a, (struct timeline_entry){.date = notes[j].date, .note = &notes[j]});
    if (rc)
        return rc;
    if (es.n)
        qsort(es.v, es.n, sizeof *es.v, by_date);
    out->timeline_total = total;
    out->timeline = es.n > offset ? es.v + offset : NULL;
    out->ntimeline = es.n > offset ? (es.n - offset < limit ? es.n - offset : limit) : 0;
    for (size_t j = 0; !rc && j < out->ntimeline; j++)
        if (!out->timeline[j].type)
            out->timeline[j].author = worker_of(s, ws, out->timeline[j].note->author_id, a, e, &rc);
    return rc;
}

/* Every record of type `name` of the child into `tr` (once: a type read already is left).
 * `rd`, when given, knows how many there are: none costs no statement, and the read asks
 * for exactly that many. */
static enum kerr_code read_all(struct store *s, const struct person *c, const char *name,
                               struct arena *a, struct ts_records *tr, size_t *ntr,
                               const struct child_reads *rd, struct kerr *e)
{
    const struct rec_type *t = rec_type_named(name);
    for (size_t i = 0; i < *ntr; i++)
        if (tr[i].type == t)
            return KITH_OK;
    if (!t || *ntr == READ_TYPES_MAX)
        return KITH_OK;
    int64_t count = rd ? reads_count(rd, t) : -1;
    if (count == 0) {
        tr[(*ntr)++] = (struct ts_records){t, NULL, 0};
        return KITH_OK;
    }
    size_t limit = count > 0 && count < STORE_PAGE_MAX ? (size_t)count : STORE_PAGE_MAX;
    void *rows;
    size_t n;
    enum kerr_code rc = store_rec_list(
        s, t, &(struct rec_query){.parent_id = c->id, .limit = limit}, a, &rows, &n, NULL, e);
    if (!rc)
        tr[(*ntr)++] = (struct ts_records){t, rows, n};
    return rc;
}

/* Whether records of type t are read for the open risks: a risk's own type, or one that
 * stops a risk's review clock. */
static bool risk_type(const struct rec_type *t)
{
    for (const struct open_risk_row *r = open_risk_rows; r->type; r++) {
        if (rec_type_named(r->type) == t)
            return true;
        for (size_t k = 0; k < OPEN_RISK_RULES_MAX && r->review_rules[k]; k++) {
            const struct timescale *ts = ts_named(timescales, r->review_rules[k]);
            if (ts && ts->stop_type && rec_type_named(ts->stop_type) == t)
                return true;
        }
    }
    return false;
}

/* The open risks, from the records the timeline read whole where it did. */
static enum kerr_code risks(struct store *s, const struct person *c, kdate on, struct arena *a,
                            struct child_reads *rd, struct child_record *out, struct kerr *e)
{
    struct ts_records *tr = rd->tr;
    size_t *ntr = &rd->ntr;
    size_t nrecs = 0;
    enum kerr_code rc = KITH_OK;
    struct ts_records used[READ_TYPES_MAX];
    size_t nused = 0;
    for (const struct open_risk_row *r = open_risk_rows; !rc && r->type; r++) {
        rc = read_all(s, c, r->type, a, tr, ntr, rd, e);
        const struct rec_type *rt = rec_type_named(r->type);
        size_t at = *ntr;
        for (size_t i = 0; i < *ntr; i++)
            if (tr[i].type == rt)
                at = i;
        if (rc || at == *ntr)
            continue;
        nrecs += tr[at].n;
        for (size_t k = 0; tr[at].n && k < OPEN_RISK_RULES_MAX && r->review_rules[k]; k++) {
            const struct timescale *ts = ts_named(timescales, r->review_rules[k]);
            if (!rc && ts && ts->stop_type)
                rc = read_all(s, c, ts->stop_type, a, tr, ntr, rd, e);
        }
    }
    if (rc || !nrecs)
        return rc;
    /* the clocks derive from the risks' records and their stops only, not from every
     * type the timeline happened to read whole */
    for (size_t i = 0; i < *ntr; i++)
        if (tr[i].n && risk_type(tr[i].type))
            used[nused++] = tr[i];
    struct ob_list obs = {0};
    ts_derive(timescales, used, nused, on, &obs);
    out->risks = arena_alloc(a, nrecs * sizeof *out->risks);
    out->nrisks = open_risks_of(used, nused, &obs, on, out->risks, nrecs);
    ob_list_free(&obs);
    return KITH_OK;
}

enum kerr_code cw_child_chronology(struct store *s, const struct actor *who,
                                   const struct person *child, const struct chron_filter *f,
                                   struct arena *a, struct chron_event **out, size_t *n,
                                   struct kerr *e)
{
    enum { NOTES_CHUNK = 500 };
    struct ts_records *tr = arena_alloc(a, READ_TYPES_MAX * sizeof *tr);
    size_t ntr = 0;
    struct case_note *notes = NULL;
    size_t nnotes = 0, cap = 0;
    bool opened;
    enum kerr_code rc = store_read_begin(s, &opened, e);
    for (const struct chron_row *r = chron_rows; !rc && r->type; r++)
        rc = read_all(s, child, r->type, a, tr, &ntr, NULL, e);
    /* every note, page by page: only the significant ones are kept */
    for (size_t from = 0; !rc;) {
        struct case_note *v;
        size_t k;
        rc = store_note_list(
            s, &(struct note_query){.child_id = child->id, .limit = NOTES_CHUNK, .offset = from}, a,
            &v, &k, e);
        for (size_t i = 0; !rc && i < k; i++) {
            if (!v[i].kind || strcmp(v[i].kind, CHRON_NOTE_KIND))
                continue;
            if (nnotes == cap) {
                cap = cap ? cap * 2 : 16;
                struct case_note *w = arena_alloc(a, cap * sizeof *w);
                if (nnotes)
                    memcpy(w, notes, nnotes * sizeof *w);
                notes = w;
            }
            notes[nnotes++] = v[i];
        }
        if (rc || k < NOTES_CHUNK)
            break;
        from += k;
    }
    store_read_end(s, opened);
    if (rc)
        return rc;
    *out = chron_events(tr, ntr, notes, nnotes, f, a, n);
    char detail[64];
    snprintf(detail, sizeof detail, "%zu events", *n);
    return cw_audit(s, who, child->id, "child.chronology", "ok", detail, true, e);
}

enum kerr_code cw_child_record(struct store *s, const struct actor *who, const struct person *child,
                               size_t limit, size_t offset, struct arena *a,
                               struct child_record *out, struct kerr *e)
{
    memset(out, 0, sizeof *out);
    struct workers ws = {0};
    /* The page's thirty-odd statements read one snapshot: one lock, not one each. */
    bool opened;
    enum kerr_code rc = store_read_begin(s, &opened, e);
    if (!rc)
        rc = relatives(s, who, child, a, out, e);
    if (!rc)
        rc = allocations(s, child, &ws, a, out, e);
    struct child_reads *rd = arena_alloc(a, sizeof *rd);
    if (!rc)
        rc = reads_start(s, child, rd, e);
    if (!rc)
        rc = timeline(s, child, limit ? limit : 25, offset, &ws, rd, a, out, e);
    if (!rc)
        rc = risks(s, child, who->today != DATE_NONE ? who->today : date_today(), a, rd, out, e);
    store_read_end(s, opened);
    return rc;
}
