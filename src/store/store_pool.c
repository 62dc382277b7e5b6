/*
 * The pool of store handles a server's threads share (store_pool.h): a stack of free
 * handles under a mutex, and a condition variable for a thread that finds it empty. With
 * as many handles as server threads nobody waits; the wait is there so that a larger
 * thread count, set by mistake, slows down instead of sharing a connection.
 */
#include "store/store_pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/xalloc.h"

struct store_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    size_t n, nfree;
    struct store **all, **free;
};

enum kerr_code store_pool_open(const char *location, unsigned flags, size_t n,
                               struct store_pool **out, struct kerr *e)
{
    *out = NULL;
    if (n == 0)
        n = 1;
    struct store_pool *p = xcalloc(1, sizeof(*p));
    p->all = xcalloc(n, sizeof(struct store *));
    p->free = xcalloc(n, sizeof(struct store *));
    for (size_t i = 0; i < n; i++) {
        enum kerr_code rc = store_open(location, flags, &p->all[i], e);
        if (rc) {
            for (size_t j = 0; j < i; j++)
                store_close(p->all[j]);
            free(p->all);
            free(p->free);
            free(p);
            return rc;
        }
        p->free[p->nfree++] = p->all[i];
    }
    p->n = n;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    *out = p;
    return KITH_OK;
}

struct store *store_pool_take(struct store_pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->nfree == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    struct store *s = p->free[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    return s;
}

void store_pool_give(struct store_pool *p, struct store *s)
{
    pthread_mutex_lock(&p->lock);
    p->free[p->nfree++] = s;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

size_t store_pool_size(const struct store_pool *p) { return p->n; }

void store_pool_close(struct store_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        store_close(p->all[i]);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    free(p->all);
    free(p->free);
    free(p);
}
