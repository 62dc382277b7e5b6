/*
 * Child lookup by id through the store: the read every record page starts with. Opens a
 * database read-only (a demo borough), then looks people up by random id for a fixed
 * time, one store_person_get() per lookup with a fresh arena each time, as a request
 * would. Prints lookups per second; `make bench` runs it (bench/11-store-lookup.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/arena.h"
#include "core/rng.h"
#include "store/store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_store_lookup DB [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 2 ? strtod(argv[2], NULL) : 3.0;
    struct kerr e = KERR_INIT;
    struct store *s;
    if (store_open(argv[1], STORE_READONLY, &s, &e)) {
        fprintf(stderr, "bench_store_lookup: %s\n", e.msg);
        return 1;
    }
    struct store_counts c;
    if (store_counts(s, &c, &e)) {
        fprintf(stderr, "bench_store_lookup: %s\n", e.msg);
        return 1;
    }
    int64_t people = c.children + c.relatives;
    struct rng r;
    rng_seed(&r, 42);
    struct arena a;
    arena_init(&a, 4096);
    long n = 0, found = 0;
    double start = now(), end = start + seconds;
    while (n % 1024 || now() < end) {
        struct person p;
        int64_t id = 1 + (int64_t)rng_below(&r, (uint64_t)people);
        found += store_person_get(s, id, &a, &p, NULL) == KITH_OK;
        arena_release(&a);
        n++;
    }
    double took = now() - start;
    printf("%ld lookups in %.2f s: %.0f lookups/s (%ld found, %lld people)\n", n, took,
           (double)n / took, found, (long long)people);
    store_close(s);
    return 0;
}
