/*
 * Group commit of audit rows, for every backend. A server writes an audit row of its own
 * for every page it shows, and each was a write transaction: the writers' turn, BEGIN,
 * the chain's last row, the insert, COMMIT. Here the rows that arrive while one is being
 * written wait together, and the next writer appends all of them in one transaction on
 * its own connection; each caller still returns only once its row is committed, with its
 * id and hash, or with the batch's error.
 *
 * One group per database (by its SQLite file or PostgreSQL URL), process-wide. The
 * writer is one of the waiting callers (the leader), never a thread of its own: a
 * connection is used by one thread at a time (store.h), and the leader's is idle while it
 * waits. Rows are appended in the order they joined, each chained to the one before
 * inside the transaction (store_audit_append), so the chain is the same as if
 * they had been written one by one; other processes' rows still queue on the database's
 * own write lock. The durability of the batch is the backend's for its rows (store.h):
 * a batch holding a change waits for the disk.
 *
 * Only rows outside a transaction of the caller's are grouped: a change's row must commit
 * with the change.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/store_impl.h"

/* At most this many rows a transaction: a long batch would hold the write lock (and the
 * rows that came first) while it grows. */
#define GROUP_BATCH 64

struct group_waiter {
    struct audit_event *ev;
    bool done;
    enum kerr_code rc;
    struct kerr err;
    struct group_waiter *next;
};

struct store_group {
    char *key;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool writing; /* a leader is appending a batch */
    struct group_waiter *head, **tail;
    struct store_group *next;
};

static struct store_group *groups;
static pthread_mutex_t groups_lock = PTHREAD_MUTEX_INITIALIZER;

struct store_group *store_group_of(const char *key)
{
    pthread_mutex_lock(&groups_lock);
    struct store_group *g = groups;
    while (g && strcmp(g->key, key) != 0)
        g = g->next;
    if (!g) {
        g = xcalloc(1, sizeof(*g));
        g->key = xstrdup(key);
        pthread_mutex_init(&g->mu, NULL);
        pthread_cond_init(&g->cv, NULL);
        g->tail = &g->head;
        g->next = groups;
        groups = g;
    }
    pthread_mutex_unlock(&groups_lock);
    return g;
}

/* Append the waiting rows `w` (a list of at most GROUP_BATCH) on the leader's handle. */
static void write_batch(struct store *s, struct group_waiter *w)
{
    struct audit_event *evs[GROUP_BATCH];
    size_t n = 0;
    for (struct group_waiter *x = w; x; x = x->next)
        evs[n++] = x->ev;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_audit_append(s, evs, n, &e);
    for (size_t i = 0; !rc && i < n; i++)
        store_audit_appended(s, evs[i]);
    for (struct group_waiter *x = w; x; x = x->next) {
        x->rc = rc;
        x->err = e;
    }
}

enum kerr_code store_group_append(struct store *s, struct audit_event *ev, struct kerr *e)
{
    struct store_group *g = s->group;
    struct group_waiter me = {.ev = ev};
    pthread_mutex_lock(&g->mu);
    *g->tail = &me;
    g->tail = &me.next;
    while (!me.done) {
        if (g->writing) {
            pthread_cond_wait(&g->cv, &g->mu);
            continue;
        }
        /* Lead: take the oldest rows (this one among them, or in a later batch). */
        struct group_waiter *batch = g->head, *last = batch;
        for (int i = 1; i < GROUP_BATCH && last->next; i++)
            last = last->next;
        g->head = last->next;
        if (!g->head)
            g->tail = &g->head;
        last->next = NULL;
        g->writing = true;
        pthread_mutex_unlock(&g->mu);
        write_batch(s, batch);
        pthread_mutex_lock(&g->mu);
        for (struct group_waiter *x = batch, *next; x; x = next) {
            next = x->next; /* x may return and go as soon as it is marked done */
            x->done = true;
        }
        g->writing = false;
        pthread_cond_broadcast(&g->cv);
    }
    pthread_mutex_unlock(&g->mu);
    if (me.rc && e)
        *e = me.err;
    return me.rc;
}
