/*
 * The rule engine (see rule.h): builds a year's rule set from the per-year change lists,
 * runs each rule's check over a return, skipping those whose optional inputs are absent,
 * and sorts the findings into one stable order with repeats merged, so two runs over the
 * same return always print the same lines.
 */
#include "domain/ret/rule.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/par.h"
#include "core/xalloc.h"

static int by_code(const void *a, const void *b)
{
    const struct rule *x = *(const struct rule *const *)a, *y = *(const struct rule *const *)b;
    return strcmp(x->code, y->code);
}

static int index_of(const struct rule **v, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v[i]->code, code))
            return i;
    return -1;
}

void ruleset_for(struct ruleset *s, const struct ret_kind *kind, int year)
{
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->asked = year;
    int last = 0; /* the last year entry applied */
    while (last + 1 < kind->nyears && kind->years[last + 1].year <= year)
        last++;
    s->year = kind->years[last].year;

    int cap = 0;
    for (int y = 0; y <= last; y++)
        cap += kind->years[y].nrules;
    s->rules = xcalloc((size_t)(cap ? cap : 1), sizeof(const struct rule *));
    for (int y = 0; y <= last; y++) {
        const struct rule_year *ry = &kind->years[y];
        for (int i = 0; i < ry->nrules; i++) {
            int at = index_of(s->rules, s->n, ry->rules[i].code);
            if (at >= 0)
                s->rules[at] = &ry->rules[i];
            else
                s->rules[s->n++] = &ry->rules[i];
        }
        for (int d = 0; ry->deleted && ry->deleted[d]; d++) {
            int at = index_of(s->rules, s->n, ry->deleted[d]);
            if (at >= 0) {
                memmove(&s->rules[at], &s->rules[at + 1],
                        (size_t)(s->n - at - 1) * sizeof(const struct rule *));
                s->n--;
            }
        }
    }
    qsort(s->rules, (size_t)s->n, sizeof(const struct rule *), by_code);
}

void ruleset_release(struct ruleset *s)
{
    free(s->rules);
    memset(s, 0, sizeof(*s));
}

const struct rule *ruleset_find(const struct ruleset *s, const char *code)
{
    int i = index_of(s->rules, s->n, code);
    return i >= 0 ? s->rules[i] : NULL;
}

void findings_init(struct findings *f) { memset(f, 0, sizeof(*f)); }

void findings_release(struct findings *f)
{
    free(f->v);
    free(f->skipped);
    free(f->ran);
    memset(f, 0, sizeof(*f));
}

void rule_flag(struct rctx *c, int t, int32_t row, uint64_t cols)
{
    struct findings *f = c->out;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 256;
        f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
    }
    f->v[f->n++] = (struct finding){.rule = c->rule, .row = row, .table = (int16_t)t, .cols = cols};
}

const char *rule_severity_name(enum rule_severity s) { return s == RULE_QUERY ? "query" : "error"; }

const char *rule_missing_input(unsigned needs, const struct rinputs *in)
{
    if ((needs & NEEDS_LAST_YEAR) && !in->last_year)
        return "needs the previous year's return (--last-year)";
    if ((needs & NEEDS_POSTCODES) && !in->postcodes)
        return "needs postcode geography (kith postcodes import)";
    if ((needs & NEEDS_PROVIDERS) && !in->providers)
        return "needs the Ofsted provider lists (kith providers import)";
    return NULL;
}

/* A return at least this large (rows in all tables) has its rules run by two threads when
 * the machine has two processors: below it a thread costs more than it saves. */
#define PARALLEL_ROWS 20000

/* The rules to run, shared by the workers (core/par.h): each takes the next rule not yet
 * taken, and notes where that rule's findings are in its own list, so that they can be put
 * back in rule order afterwards. */
struct rules_job {
    const struct rule **todo;
    const struct ret *r;
    const struct rinputs *in;
    const void *prep;
    size_t *from, *to; /* per rule: its findings in part[worker[k]] */
    uint8_t *worker;
    struct findings part[2];
    int rank[RET_MAX_TABLES]; /* each table's place by name, as findings sort */
};

static void sort_by_place(struct finding *v, size_t n, const int *rank);
static void table_ranks(const struct ret_kind *k, int *rank);
static void merge_repeats(struct findings *f);

static void run_rule(void *ctx, int k, int w)
{
    struct rules_job *j = ctx;
    struct rctx c = {
        .r = j->r, .in = j->in, .rule = j->todo[k], .out = &j->part[w], .prep = j->prep};
    j->from[k] = j->part[w].n;
    j->todo[k]->check(&c);
    j->to[k] = j->part[w].n;
    j->worker[k] = (uint8_t)w;
    /* put the rule's findings in place order here, in parallel, so that findings_sort
     * finds every rule's group in order already */
    sort_by_place(j->part[w].v + j->from[k], j->to[k] - j->from[k], j->rank);
}

static bool worth_threads(const struct ret *r)
{
    long rows = 0;
    for (int t = 0; t < r->kind->ntables; t++)
        rows += r->tables[t].nrows;
    return rows >= PARALLEL_ROWS;
}

void rules_run(const struct ruleset *set, const struct ret *r, const struct rinputs *in,
               struct findings *out)
{
    static const struct rinputs none;
    if (!in)
        in = &none;
    out->ran = xreallocarray(out->ran, out->nran + (size_t)set->n + 1, sizeof(const struct rule *));
    out->skipped =
        xreallocarray(out->skipped, out->nskipped + (size_t)set->n + 1, sizeof(*out->skipped));
    struct rules_job j = {.todo = out->ran + out->nran, .r = r, .in = in};
    for (int i = 0; i < set->n; i++) {
        const struct rule *rule = set->rules[i];
        const char *why = rule_missing_input(rule->needs, in);
        if (why)
            out->skipped[out->nskipped++] = (struct skipped){rule, why};
        else
            out->ran[out->nran++] = rule;
    }
    int n = (int)(out->ran + out->nran - j.todo);
    void *prep = r->kind->prepare ? r->kind->prepare(r, in) : NULL;
    j.prep = prep;
    int workers = par_workers(worth_threads(r));
    bool sorted = false;
    if (workers < 2) {
        for (int k = 0; k < n; k++) {
            struct rctx c = {.r = r, .in = in, .rule = j.todo[k], .out = out, .prep = prep};
            j.todo[k]->check(&c);
        }
    } else {
        size_t nk = (size_t)(n ? n : 1);
        j.from = xcalloc(nk, sizeof(size_t));
        j.to = xcalloc(nk, sizeof(size_t));
        j.worker = xcalloc(nk, 1);
        table_ranks(r->kind, j.rank);
        par_run(n, workers, run_rule, &j);
        /* every rule's findings are in place order (run_rule sorted them) and the rules ran
         * in code order: into an empty list they come sorted, and only repeats remain */
        sorted = out->n == 0;
        /* the findings in rule order, as one thread would have made them */
        size_t total = out->n + j.part[0].n + j.part[1].n;
        if (total > out->cap) {
            out->cap = total;
            out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
        }
        for (int k = 0; k < n; k++) {
            size_t m = j.to[k] - j.from[k];
            if (m)
                memcpy(out->v + out->n, j.part[j.worker[k]].v + j.from[k], m * sizeof(*out->v));
            out->n += m;
        }
        findings_release(&j.part[0]);
        findings_release(&j.part[1]);
        free(j.from);
        free(j.to);
        free(j.worker);
    }
    if (prep)
        r->kind->unprepare(prep);
    if (sorted)
        merge_repeats(out);
    else
        findings_sort(out, r);
}

/* Findings sort by table *name*; qsort has no context argument (and the web service sorts in
 * several threads), so the table numbers are swapped for their ranks by name while sorting. */
static int by_finding(const void *a, const void *b)
{
    const struct finding *x = a, *y = b;
    int c = strcmp(x->rule->code, y->rule->code);
    if (c)
        return c;
    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* A finding's place as one number: its table's rank by name, then its row (-1, the return as a
 * whole, first). */
static uint64_t place_key(const struct finding *f, const int *rank)
{
    return (uint64_t)(uint16_t)rank[f->table] << 32 | (uint32_t)(f->row + 1);
}

/* Sort a rule's findings by place, stably. Most rules report rows in order: then nothing
 * moves. A rule that walks episodes in date order reports tens of thousands of rows out of
 * row order; a byte-wise radix sort on place_key (passes over bytes all keys share skipped)
 * costs a fraction of a comparison sort's compares and calls. */
static void sort_by_place(struct finding *v, size_t n, const int *rank)
{
    size_t i = 1;
    while (i < n && place_key(&v[i - 1], rank) <= place_key(&v[i], rank))
        i++;
    if (i >= n)
        return;
    if (n < 64) {
        for (; i < n; i++) { /* insertion from the first finding out of order */
            struct finding x = v[i];
            uint64_t key = place_key(&x, rank);
            size_t k = i;
            for (; k > 0 && place_key(&v[k - 1], rank) > key; k--)
                v[k] = v[k - 1];
            v[k] = x;
        }
        return;
    }
    struct finding *tmp = xreallocarray(NULL, n, sizeof(*tmp)), *from = v, *to = tmp;
    for (int shift = 0; shift < 48; shift += 8) {
        size_t count[256] = {0};
        for (size_t k = 0; k < n; k++)
            count[(place_key(&from[k], rank) >> shift) & 0xFF]++;
        if (count[(place_key(&from[0], rank) >> shift) & 0xFF] == n)
            continue; /* every key has this byte */
        size_t at = 0;
        for (int d = 0; d < 256; d++) {
            size_t c = count[d];
            count[d] = at;
            at += c;
        }
        for (size_t k = 0; k < n; k++)
            to[count[(place_key(&from[k], rank) >> shift) & 0xFF]++] = from[k];
        struct finding *t = from;
        from = to;
        to = t;
    }
    if (from != v)
        memcpy(v, from, n * sizeof(*v));
    free(tmp);
}

/* Each table's place in the order of the tables' names. */
static void table_ranks(const struct ret_kind *k, int *rank)
{
    for (int t = 0; t < k->ntables; t++) {
        rank[t] = 0;
        for (int u = 0; u < k->ntables; u++)
            if (strcmp(k->tables[u].name, k->tables[t].name) < 0)
                rank[t]++;
    }
}

/* One finding for each rule, table and row: repeats (adjacent once sorted) become the first,
 * with every column at fault. */
static void merge_repeats(struct findings *f)
{
    size_t w = 0;
    for (size_t i = 0; i < f->n; i++) {
        struct finding *last = w ? &f->v[w - 1] : NULL;
        if (last && last->rule == f->v[i].rule && last->table == f->v[i].table &&
            last->row == f->v[i].row)
            last->cols |= f->v[i].cols;
        else
            f->v[w++] = f->v[i];
    }
    f->n = w;
}

void findings_sort(struct findings *f, const struct ret *r)
{
    if (!f->n)
        return;
    int n = r->kind->ntables, rank[RET_MAX_TABLES] = {0}, table_of[RET_MAX_TABLES] = {0},
        same[RET_MAX_TABLES];
    table_ranks(r->kind, rank);
    for (int t = 0; t < n; t++) {
        table_of[rank[t]] = t;
        same[t] = t;
    }
    /* rules_run runs the rules in code order, so the findings usually come grouped by rule in
     * order already (codes strictly increasing wherever the rule changes, so no rule comes
     * back): then only each group needs sorting (if the threads did not sort it already),
     * with no string compares. */
    bool grouped = true;
    f->v[0].table = (int16_t)rank[f->v[0].table];
    for (size_t i = 1; i < f->n; i++) {
        f->v[i].table = (int16_t)rank[f->v[i].table];
        if (grouped && f->v[i].rule != f->v[i - 1].rule)
            grouped = strcmp(f->v[i - 1].rule->code, f->v[i].rule->code) < 0;
    }
    if (grouped) {
        for (size_t i = 0; i < f->n;) {
            size_t j = i + 1;
            while (j < f->n && f->v[j].rule == f->v[i].rule)
                j++;
            sort_by_place(f->v + i, j - i, same); /* tables are ranks here */
            i = j;
        }
    } else {
        qsort(f->v, f->n, sizeof(*f->v), by_finding);
    }
    for (size_t i = 0; i < f->n; i++)
        f->v[i].table = (int16_t)table_of[f->v[i].table];
    merge_repeats(f);
}
