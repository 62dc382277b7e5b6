/*
 * The jobs board's reading of the vacancies (domain/jobs.h): every open vacancy (not
 * closed early, published on or before today and closing today or later), newest first,
 * with what the board lists and filters on. The board filters and counts them in memory.
 */
#ifndef KITH_STORE_STORE_JOBS_H
#define KITH_STORE_STORE_JOBS_H

#include "core/arena.h"
#include "core/err.h"
#include "domain/jobs.h"

struct store;

/* The open vacancies on `today`; descriptions are read only when `descriptions` (keywords
 * need them; the rest of the board does not). Rows and their text come from `a`. */
enum kerr_code store_jobs_open(struct store *s, kdate today, bool descriptions, struct arena *a,
                               struct job_row **out, size_t *n, struct kerr *e);

#endif
