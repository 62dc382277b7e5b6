/*
 * A child's case notes through the store (store_note_list): the newest 25 of the child
 * with the most notes in a demo borough, and a full-text search within them, again and
 * again for a fixed time, a fresh arena each call as a request would. Prints the median
 * and 99th percentile of one call's wall-clock and CPU time. Built against the old and
 * the new store in one run, it says whether the notes' SQL written once (store_notes.c)
 * costs anything beside the hand-prepared statements it replaced; bench/13-note-list.sh.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "store/store.h"

#define CALLS_MAX 1000000

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static int fail(const char *what, const struct kerr *e)
{
    fprintf(stderr, "bench_note_list: %s: %s\n", what, e->msg);
    return 1;
}

/* The calls of one query for `seconds`, then its figures. */
static int measure(struct store *s, const char *name, const struct note_query *q, double seconds,
                   double *took, double *used)
{
    struct kerr e = KERR_INIT;
    size_t calls = 0, listed = 0;
    double end = now() + seconds;
    while (calls < CALLS_MAX && (calls < 100 || now() < end)) {
        struct arena a;
        arena_init(&a, 0);
        struct case_note *rows;
        size_t n;
        double t0 = now(), c0 = cpu();
        if (store_note_list(s, q, &a, &rows, &n, &e))
            return fail(name, &e);
        used[calls] = cpu() - c0;
        took[calls++] = now() - t0;
        listed += n;
        arena_release(&a);
    }
    qsort(took, calls, sizeof(*took), by_value);
    qsort(used, calls, sizeof(*used), by_value);
    printf("%s: %zu calls of %zu notes: wall median %.3f ms, p99 %.3f ms; CPU median %.3f ms, "
           "p99 %.3f ms\n",
           name, calls, listed / calls, took[calls / 2] * 1e3, took[calls * 99 / 100] * 1e3,
           used[calls / 2] * 1e3, used[calls * 99 / 100] * 1e3);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_note_list DB [SECONDS [list|search|none]]\n");
        return 2;
    }
    double seconds = argc > 2 ? strtod(argv[2], NULL) : 3.0;
    struct kerr e = KERR_INIT;
    struct store *s;
    if (store_open(argv[1], STORE_READONLY, &s, &e))
        return fail("opening", &e);
    /* The child with the most notes among the newest 10,000. */
    struct arena a;
    arena_init(&a, 0);
    struct case_note *all;
    size_t n;
    struct note_query every = {.limit = 10000};
    if (store_note_list(s, &every, &a, &all, &n, &e))
        return fail("reading notes", &e);
    int64_t child = 0;
    size_t most = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            k += all[j].child_id == all[i].child_id;
        if (k > most) {
            most = k;
            child = all[i].child_id;
        }
    }
    arena_release(&a);
    if (!child)
        return fprintf(stderr, "bench_note_list: the database has no notes\n"), 1;
    double *took = malloc(CALLS_MAX * sizeof(*took)), *used = malloc(CALLS_MAX * sizeof(*used));
    if (!took || !used)
        return 1;
    struct note_query page = {.child_id = child, .limit = 25};
    struct note_query search = {.child_id = child, .text = "visit", .limit = 25};
    /* One of the two alone when named (for a profile of it; "none": the setup alone). */
    const char *only = argc > 3 ? argv[3] : "";
    bool list = !*only || !strcmp(only, "list"), find = !*only || !strcmp(only, "search");
    int rc = (list && measure(s, "child's newest 25", &page, seconds, took, used)) ||
             (find && measure(s, "child's search 'visit'", &search, seconds, took, used));
    free(took);
    free(used);
    store_close(s);
    return rc;
}
