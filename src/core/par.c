/*
 * Two workers over a list of tasks (see par.h): a shared counter hands out the next task,
 * and the caller joins the second thread before returning, so everything a task wrote is
 * visible to the caller afterwards.
 */
#include "core/par.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct par_job {
    int n;
    atomic_int next;
    void (*task)(void *ctx, int k, int worker);
    void *ctx;
};

static void work(struct par_job *j, int worker)
{
    for (int k; (k = atomic_fetch_add(&j->next, 1)) < j->n;)
        j->task(j->ctx, k, worker);
}

static void *second(void *arg)
{
    work(arg, 1);
    return NULL;
}

int par_workers(bool big) { return big && sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1; }

void par_run(int n, int workers, void (*task)(void *ctx, int k, int worker), void *ctx)
{
    struct par_job j = {.n = n, .task = task, .ctx = ctx};
    atomic_init(&j.next, 0);
    pthread_t th;
    bool two = workers > 1 && n > 1 && !pthread_create(&th, NULL, second, &j);
    work(&j, 0);
    if (two)
        pthread_join(th, NULL);
}
