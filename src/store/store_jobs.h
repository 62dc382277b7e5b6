/*
 * The jobs board's reading of the vacancies (domain/jobs.h): every open vacancy (not
 * closed early, published on or before today and closing today or later), newest first,
 * with what the board lists and filters on. The board filters and counts them in memory.
 *
 * A server keeps them in memory too (struct jobs_board): reading 500 vacancies from the
 * database for every request cost milliseconds (bench/32-jobs.sh), where the board's own
 * filtering and counting costs microseconds. The board is read again only when a
 * vacancy changed (a counter the database's triggers keep, so a change made by another
 * process is seen at the next request) or the day turned (what is open depends on it).
 */
#ifndef KITH_STORE_STORE_JOBS_H
#define KITH_STORE_STORE_JOBS_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/jobs.h"

struct store;

/* The open vacancies on `today`; descriptions are read only when `descriptions` (keywords
 * need them; the rest of the board does not). Rows and their text come from `a`. */
enum kerr_code store_jobs_open(struct store *s, kdate today, bool descriptions, struct arena *a,
                               struct job_row **out, size_t *n, struct kerr *e);

/* The open vacancies as a server's threads share them. */
struct jobs_board;
struct jobs_board *jobs_board_new(void);
/* Every reading taken from it must have been released (their arenas released) first. */
void jobs_board_free(struct jobs_board *b);

/* The open vacancies on `today`, descriptions included, sorted every way: the board's
 * reading when no vacancy has changed since it was made, else a new one read through
 * `s`. The set stays valid until `a` is released (the reading is held until then). With
 * `b` NULL it is read into `a`. */
enum kerr_code jobs_board_open(struct jobs_board *b, struct store *s, kdate today, struct arena *a,
                               struct jobs_set *out, struct kerr *e);

/* The count of changes to the vacancies (one more for each statement that wrote any). */
enum kerr_code store_jobs_changes(struct store *s, int64_t *out, struct kerr *e);

#endif
