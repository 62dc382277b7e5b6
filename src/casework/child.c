/*
 * The child's record, whole (child.h): relatives, allocations with their workers, and the
 * timeline merged from every record type kept for a child and the case notes.
 *
 * Reads are indexed statements, as few as the page allows: one per record type and one
 * for the notes, each asking only for as many rows as the page can show (the newest
 * offset + limit of each source are enough to merge the page), plus one per distinct
 * worker or relative. A source that returns fewer rows than asked for has been counted by
 * that; only one that fills its share is counted with a statement of its own (notes have
 * no count query: the rest of them are read on). Each statement outside a transaction is
 * a read transaction of its own on SQLite (a lock on the WAL index each), so statements,
 * not rows, are what a page view costs here.
 *
 * The open risks read every record of their few types (one statement each), and the
 * records that stop a review clock only for a child who has a record that starts one.
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

static const struct worker *worker_of(struct store *s, struct workers *ws, int64_t id,
                                      struct arena *a, struct kerr *e, enum kerr_code *rc)
{
    for (size_t i = 0; i < ws->n; i++)
        if (ws->v[i].id == id)
            return &ws->v[i];
    if (*rc || !id)
        return NULL;
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 8;
        struct worker *v = arena_alloc(a, cap * sizeof *v);
        if (ws->n)
            memcpy(v, ws->v, ws->n * sizeof *v);
        ws->v = v;
        ws->cap = cap;
    }
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

static enum kerr_code relatives(struct store *s, const struct actor *who, const struct person *c,
                                struct arena *a, struct child_record *out, struct kerr *e)
{
    struct relationship *rel;
    size_t n;
    enum kerr_code rc = store_relationship_list(s, c->id, a, &rel, &n, e);
    out->relatives = arena_zalloc(a, (n + 1) * sizeof *out->relatives);
    for (size_t i = 0; !rc && i < n; i++) {
        struct child_relative *r = &out->relatives[out->nrelatives];
        r->rel = &rel[i];
        rc = store_person_get(s, rel[i].other_id, a, &r->person, e);
        if (rc == KITH_E_NOT_FOUND) { /* a dangling link says nothing: leave it out */
            kerr_clear(e);
            rc = KITH_OK;
            continue;
        }
        if (!rc && r->person.kind == PERSON_CHILD) {
            bool may = true;
            if (who->scope)
                rc = store_person_visible(s, who->scope, r->person.id, &may, e);
            r->child_record = may;
            r->withheld = !may;
        }
        if (!rc)
            out->nrelatives++;
    }
    return rc;
}

static enum kerr_code allocations(struct store *s, const struct person *c, struct workers *ws,
                                  struct arena *a, struct child_record *out, struct kerr *e)
{
    struct allocation *al;
    size_t n;
    enum kerr_code rc = store_allocation_list(s, c->id, a, &al, &n, e);
    if (rc || !n)
        return rc;
    struct team *teams = NULL;
    size_t nteams = 0;
    rc = store_team_list(s, a, &teams, &nteams, e);
    out->allocs = arena_zalloc(a, n * sizeof *out->allocs);
    for (size_t i = 0; !rc && i < n; i++) {
        struct child_alloc *ca = &out->allocs[out->nallocs++];
        ca->al = &al[i];
        ca->worker = worker_of(s, ws, al[i].worker_id, a, e, &rc);
        for (size_t t = 0; ca->worker && t < nteams; t++)
            if (teams[t].id == ca->worker->team_id)
                ca->team = teams[t].name;
    }
    return rc;
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

static enum kerr_code timeline(struct store *s, const struct person *c, size_t limit, size_t offset,
                               struct workers *ws, struct arena *a, struct child_record *out,
                               struct kerr *e)
{
    size_t want = offset + limit; /* the newest `want` of each source hold the page */
    struct entries es = {0};
    int64_t total = 0;
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; !rc && rec_types[i]; i++) {
        const struct rec_type *t = rec_types[i];
        if (!t->parent || strcmp(t->parent, "child") != 0)
            continue;
        void *rows;
        size_t n;
        int64_t count = 0;
        struct rec_query q = {.parent_id = c->id, .limit = want};
        rc = store_rec_list(s, t, &q, a, &rows, &n, NULL, e);
        /* fewer than asked for is all of them: the count costs a statement only when a
         * type fills its share of the page */
        if (!rc && n == want)
            rc = store_rec_list(s, t, &(struct rec_query){.parent_id = c->id, .limit = 1}, a,
                                &(void *){NULL}, &(size_t){0}, &count, e);
        total += n < want ? (int64_t)n : count;
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

enum { READ_TYPES_MAX = 32 };

/* Every record of type `name` of the child into `tr` (once: a type read already is left). */
static enum kerr_code read_all(struct store *s, const struct person *c, const char *name,
                               struct arena *a, struct ts_records *tr, size_t *ntr, struct kerr *e)
{
    const struct rec_type *t = rec_type_named(name);
    for (size_t i = 0; i < *ntr; i++)
        if (tr[i].type == t)
            return KITH_OK;
    if (!t || *ntr == READ_TYPES_MAX)
        return KITH_OK;
    void *rows;
    size_t n;
    enum kerr_code rc =
        store_rec_list(s, t, &(struct rec_query){.parent_id = c->id, .limit = STORE_PAGE_MAX}, a,
                       &rows, &n, NULL, e);
    if (!rc)
        tr[(*ntr)++] = (struct ts_records){t, rows, n};
    return rc;
}

static enum kerr_code risks(struct store *s, const struct person *c, kdate on, struct arena *a,
                            struct child_record *out, struct kerr *e)
{
    struct ts_records tr[READ_TYPES_MAX];
    size_t ntr = 0, nrecs = 0;
    enum kerr_code rc = KITH_OK;
    for (const struct open_risk_row *r = open_risk_rows; !rc && r->type; r++) {
        size_t at = ntr;
        rc = read_all(s, c, r->type, a, tr, &ntr, e);
        if (rc || ntr == at)
            continue;
        nrecs += tr[at].n;
        for (size_t k = 0; tr[at].n && k < OPEN_RISK_RULES_MAX && r->review_rules[k]; k++) {
            const struct timescale *ts = ts_named(timescales, r->review_rules[k]);
            if (!rc && ts && ts->stop_type)
                rc = read_all(s, c, ts->stop_type, a, tr, &ntr, e);
        }
    }
    if (rc || !nrecs)
        return rc;
    struct ob_list obs = {0};
    ts_derive(timescales, tr, ntr, on, &obs);
    out->risks = arena_alloc(a, nrecs * sizeof *out->risks);
    out->nrisks = open_risks_of(tr, ntr, &obs, on, out->risks, nrecs);
    ob_list_free(&obs);
    return KITH_OK;
}

enum kerr_code cw_child_chronology(struct store *s, const struct actor *who,
                                   const struct person *child, const struct chron_filter *f,
                                   struct arena *a, struct chron_event **out, size_t *n,
                                   struct kerr *e)
{
    enum { NOTES_CHUNK = 500 };
    struct ts_records tr[READ_TYPES_MAX];
    size_t ntr = 0;
    struct case_note *notes = NULL;
    size_t nnotes = 0, cap = 0;
    bool opened;
    enum kerr_code rc = store_read_begin(s, &opened, e);
    for (const struct chron_row *r = chron_rows; !rc && r->type; r++)
        rc = read_all(s, child, r->type, a, tr, &ntr, e);
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
    if (!rc)
        rc = timeline(s, child, limit ? limit : 25, offset, &ws, a, out, e);
    if (!rc)
        rc = risks(s, child, who->today != DATE_NONE ? who->today : date_today(), a, out, e);
    store_read_end(s, opened);
    return rc;
}
