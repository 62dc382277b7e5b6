/*
 * The public jobs board's filters (/jobs, /jobs.atom, /api/v1/jobs): which open vacancies
 * a filtered view shows, in what order, and how many each filter option would give.
 *
 * A view is a set of filters, each a facet of the vacancy (contract, hours, working
 * arrangement, role, starting-salary band) with the options chosen in it, plus keywords
 * and a sort. Within a facet the options are alternatives (contract=permanent&
 * contract=fixed-term is either); across facets every one must hold. Each option's count
 * is the number of vacancies the view would show with that option chosen in its facet
 * instead of the facet's current choice ("with the other filters applied"), which is the
 * number a person clicking it alone gets.
 *
 * The board works on the open vacancies in memory: a borough advertises hundreds, not
 * millions, and one pass over them gives the list and every count (bench/32-jobs.sh
 * measures it), where SQL would need a grouped query per facet. Pure: no store, no HTTP.
 */
#ifndef KITH_DOMAIN_JOBS_H
#define KITH_DOMAIN_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "domain/public_id.h"

enum job_facet { JF_CONTRACT, JF_HOURS, JF_ARRANGEMENT, JF_ROLE, JF_SALARY, JF_COUNT };
#define JOBS_OPTIONS_MAX 16 /* options of the largest facet (roles: 9) */

struct job_option {
    const char *code, *label;
};

/* A facet's name in the URL ("contract"), its question on the form ("Contract"), and its
 * options in the order the form lists them (the code set's, or the salary bands). */
const char *jobs_facet_param(enum job_facet f);
const char *jobs_facet_legend(enum job_facet f);
size_t jobs_options(enum job_facet f);
struct job_option jobs_option(enum job_facet f, size_t i);

/* The salary band a starting salary falls in (an option index of JF_SALARY). */
int jobs_salary_band(int64_t salary_min);

/* An open vacancy as the board reads it: what the list shows and the filters test. */
struct job_row {
    char public_id[PUBLIC_ID_LEN + 1];
    const char *title, *team;
    const char *description; /* for keywords: NULL when the view has none */
    /* Title, team and description in lower case (ASCII letters folded), a line each:
     * what keywords search when set (jobs_set_sort sets it), which is a plain substring
     * search rather than a folding one. NULL: the three fields are searched. */
    const char *folded;
    int8_t opt[JF_COUNT]; /* the vacancy's option in each facet; -1: none (never shown) */
    int64_t salary_min, salary_max;
    kdate published_on, closing_date;
};

enum job_sort { JOBS_SORT_CLOSING, JOBS_SORT_NEWEST, JOBS_SORT_SALARY, JOBS_SORT_COUNT };
extern const struct job_option jobs_sorts[JOBS_SORT_COUNT]; /* "closing", "newest", "salary" */

#define JOBS_PAGE_SIZE 20
#define JOBS_KEYWORDS_MAX 100 /* bytes */
#define JOBS_WORDS_MAX 8

struct jobs_view {
    uint32_t chosen[JF_COUNT]; /* bit i: option i chosen; 0: the facet is not filtered */
    char keywords[JOBS_KEYWORDS_MAX + 1];
    enum job_sort sort;
    int64_t page; /* from 1 */
    /* What the request said that the view could not take, one sentence each (the page
     * shows them in its error summary, the API in its problem's errors). */
    struct {
        const char *param;
        const char *message;
    } problems[8];
    size_t nproblems;
    bool seen[JF_COUNT + 3]; /* keywords, sort and page given once already */
};

/* An empty view: every open vacancy, closing soonest first, page 1. */
void jobs_view_init(struct jobs_view *v);

/* Take one parameter of a request (`name`=`value`, as decoded from the URL) into the
 * view. A value a filter does not have, a sort it does not know, a page that is not a
 * whole number from 1, keywords longer than JOBS_KEYWORDS_MAX or given twice, are
 * problems (the sentence is made in `a`) and leave the view as it was; a name the board
 * does not use is ignored (links elsewhere add their own). The same option given twice
 * is the option once. Returns false when it added a problem. */
bool jobs_view_take(struct jobs_view *v, const char *name, const char *value, struct arena *a);

/* The view's query string ("contract=permanent&role=social-worker", options in facet
 * order; sort and page only when not the defaults, keywords percent-encoded), with
 * facet `f`'s option `opt` toggled when f < JF_COUNT, and page `page` (0 keeps the
 * view's, which a new filter should not: pass 1). "" for the whole board. */
const char *jobs_view_query(const struct jobs_view *v, int f, int opt, int64_t page,
                            struct arena *a);

struct jobs_result {
    size_t total;    /* vacancies the view shows, on every page */
    size_t *order;   /* indexes into the rows, sorted: `total` of them */
    size_t first, n; /* this page: order[first .. first + n) */
    int64_t pages;   /* pages of JOBS_PAGE_SIZE; 1 when there are none */
    uint32_t counts[JF_COUNT][JOBS_OPTIONS_MAX];
};

/* The open vacancies once read: the rows (newest first, as the store gives them) and
 * their indexes in each sort order, made once (jobs_set_sort, which also sets each row's
 * `folded` text) so that no view sorts or folds: a server reads the set once and runs
 * thousands of views over it. */
struct jobs_set {
    const struct job_row *rows;
    size_t n;
    const size_t *sorted[JOBS_SORT_COUNT];
};
void jobs_set_sort(struct jobs_set *set, struct job_row *rows, struct arena *a);

/* Filter and count the set's rows, in the view's order; `order` comes from `a`. A page
 * past the last gives an empty page (the caller says so). */
void jobs_run(const struct jobs_view *v, const struct jobs_set *set, struct arena *a,
              struct jobs_result *out);

/* Whether `row` holds every keyword of `keywords` (any case, ASCII letters folded). */
bool jobs_keywords_match(const char *keywords, const struct job_row *row);

/* Up to `max` open vacancies like a closed one of role `role_code` in `team`: the same
 * role first, then the same team, then any, each in the rows' order (the store gives
 * them newest first); as indexes into rows, for the page of a vacancy that has closed. */
size_t jobs_similar(const struct job_row *rows, size_t nrows, const char *role_code,
                    const char *team, size_t *out, size_t max);

#endif
