/*
 * The generic list of 25 records by parent through the store (store_rec_list, a page of a
 * child's contacts), the read every record-type page makes. Opens a copy of a demo borough,
 * gives one child 40 contacts (copies of a demo contact, through store_rec_add), then
 * lists that child's newest 25 and how many it has in all (as a page asks, "Showing 1 to
 * 25 of 40") again and again for a fixed time, a fresh arena each time as a request would,
 * and prints the median and 99th percentile of one call's wall-clock and CPU time;
 * `make bench` runs it (bench/12-rec-list.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "domain/rec.h"
#include "store/store.h"
#include "store/store_rec.h"

#define CALLS_MAX 1000000

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* This thread's CPU time: a call's cost without the time the scheduler gave other
 * processes meanwhile (the wall-clock p99 of a shared machine is mostly that). */
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static int fail(const char *what, const struct kerr *e)
{
    fprintf(stderr, "bench_rec_list: %s: %s\n", what, e->msg);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_rec_list DB [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 2 ? strtod(argv[2], NULL) : 3.0;
    const struct rec_type *t = rec_type_named("contact");
    struct kerr e = KERR_INIT;
    struct store *s;
    if (!t)
        return fprintf(stderr, "bench_rec_list: no contact type\n"), 1;
    if (store_open(argv[1], 0, &s, &e))
        return fail("opening", &e);
    struct arena a;
    arena_init(&a, 0);
    void *rows;
    size_t n;
    struct rec_query one = {.limit = 1};
    if (store_rec_list(s, t, &one, &a, &rows, &n, NULL, &e))
        return fail("reading a contact", &e);
    if (!n)
        return fprintf(stderr, "bench_rec_list: the database has no contacts\n"), 1;
    int64_t parent = rec_head(t, rows)->parent_id;
    if (store_begin(s, &e))
        return fail("starting", &e);
    for (int i = 0; i < 40; i++) {
        void *rec = arena_alloc(&a, t->size);
        memcpy(rec, rows, t->size);
        struct rec_head *h = rec_head(t, rec);
        h->id = 0;
        h->public_id[0] = '\0';
        h->version = 0;
        if (store_rec_add(s, t, rec, h->created_at + i, &e))
            return fail("adding a contact", &e);
    }
    if (store_commit(s, &e))
        return fail("committing", &e);
    arena_release(&a);

    double *took = malloc(CALLS_MAX * sizeof(*took)), *used = malloc(CALLS_MAX * sizeof(*used));
    if (!took || !used)
        return 1;
    size_t calls = 0, listed = 0;
    int64_t total = 0;
    struct rec_query q = {.parent_id = parent, .limit = 25};
    double end = now() + seconds;
    while (calls < CALLS_MAX && (calls < 100 || now() < end)) {
        arena_init(&a, 0);
        double t0 = now(), c0 = cpu();
        /* with the total, as the pages ask for it ("Showing 1 to 25 of 40") */
        if (store_rec_list(s, t, &q, &a, &rows, &n, &total, &e))
            return fail("listing", &e);
        used[calls] = cpu() - c0;
        took[calls++] = now() - t0;
        listed += n;
        arena_release(&a);
    }
    qsort(took, calls, sizeof(*took), by_value);
    qsort(used, calls, sizeof(*used), by_value);
    printf(
        "%zu lists of %zu contacts of %lld: wall median %.3f ms, p99 %.3f ms; CPU median %.3f ms, "
        "p99 %.3f ms\n",
        calls, listed / calls, (long long)total, took[calls / 2] * 1e3,
        took[calls * 99 / 100] * 1e3, used[calls / 2] * 1e3, used[calls * 99 / 100] * 1e3);
    free(took);
    free(used);
    store_close(s);
    return 0;
}
