/*
 * Tasks shared between workers (core/par.h): every task runs exactly once whether one worker
 * or two take them, a worker's number is 0 or 1 (0 alone when only one was asked for), and
 * the caller sees every task's writes when par_run returns.
 */
#include "test.h"

#include <stdatomic.h>
#include <string.h>

#include "core/par.h"

#define NTASKS 5000

struct job {
    atomic_int runs[NTASKS];
    int worker[NTASKS];
    long sum[NTASKS];
};

static void task(void *ctx, int k, int worker)
{
    struct job *j = ctx;
    atomic_fetch_add(&j->runs[k], 1);
    j->worker[k] = worker;
    long s = 0;
    for (int i = 0; i <= k % 97; i++) /* uneven work, as real tasks are */
        s += i;
    j->sum[k] = s;
}

static void every_task_once(void **state)
{
    (void)state;
    static struct job j;
    static const int counts[] = {0, 1, 2, 3, 64, NTASKS};
    for (int workers = 1; workers <= 2; workers++)
        for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
            memset(&j, 0, sizeof j);
            par_run(counts[c], workers, task, &j);
            for (int k = 0; k < NTASKS; k++) {
                assert_int_equal(atomic_load(&j.runs[k]), k < counts[c] ? 1 : 0);
                if (k < counts[c]) {
                    assert_true(j.worker[k] >= 0 && j.worker[k] < workers);
                    assert_int_equal(j.sum[k], (long)(k % 97) * (k % 97 + 1) / 2);
                }
            }
        }
}

static void small_jobs_stay_on_one_worker(void **state)
{
    (void)state;
    assert_int_equal(par_workers(false), 1);
    int w = par_workers(true);
    assert_true(w == 1 || w == 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_task_once),
        cmocka_unit_test(small_jobs_stay_on_one_worker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
