/*
 * Work shared between threads, for the few jobs big enough to repay a thread: a list of
 * independent tasks that the caller's thread and one more take in turn, each taking the next
 * task not yet taken, so that a long task does not hold the others up. The machine kith runs
 * on most often has two processors, and every job that uses this (reading a return's files,
 * building the 903 rules' view, running the rules) has a few large tasks and many small ones:
 * two workers and a shared counter are all it needs.
 */
#ifndef KITH_CORE_PAR_H
#define KITH_CORE_PAR_H

#include <stdbool.h>

/* How many workers par_run should use for a job: 2 when `big` and the machine has more than
 * one processor, else 1 (everything on the caller's thread). */
int par_workers(bool big);

/* Run task(ctx, k, worker) for every k in 0..n-1, on `workers` threads (1 or 2; the caller's
 * is worker 0), and return when all have finished. Tasks must not depend on each other's
 * order. When the second thread cannot be started, the caller's thread does everything. */
void par_run(int n, int workers, void (*task)(void *ctx, int k, int worker), void *ctx);

#endif
