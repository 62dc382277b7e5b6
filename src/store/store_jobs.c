/*
 * The jobs board's one query (store_jobs.h), written once for every backend through
 * store_sql.h: the open vacancies' listing columns, newest first.
 * Filtering and counting per option happen in memory (domain/jobs.c): the open
 * vacancies of a borough number in the hundreds, and one read of them serves the list
 * and every count, where SQL would need a grouped query per facet. A server keeps that
 * read (jobs_board) while the database's change counter and the day stay the same.
 */
#include "store/store_jobs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/codeset.h"
#include "store/store_impl.h"
#include "store/store_sql.h"

/* The description only when asked (?1 = '1'): keywords need it, a plain list does not. */
static struct store_sql open_sql = STORE_SQL(
    "SELECT public_id, title, team, role, contract, hours, arrangement, salary_min, salary_max, "
    "published_on, closing_date, CASE WHEN ?1 = '1' THEN description END FROM vacancy "
    "WHERE closed = 0 AND closing_date >= ?2 AND published_on <= ?2 "
    "ORDER BY published_on DESC, id DESC");

struct reader {
    struct arena *a;
    struct job_row *rows;
    size_t n, cap;
};

static int8_t option(enum codeset_id set, const char *v)
{
    return (int8_t)(v ? code_index(set, v, strlen(v)) : -1);
}

static enum kerr_code read_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct reader *r = ctx;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        struct job_row *rows = arena_alloc(r->a, cap * sizeof *rows);
        if (r->n)
            memcpy(rows, r->rows, r->n * sizeof *rows);
        r->rows = rows;
        r->cap = cap;
    }
    struct job_row *j = &r->rows[r->n++];
    memset(j, 0, sizeof *j);
    snprintf(j->public_id, sizeof j->public_id, "%s", v[0] ? v[0] : "");
    j->title = arena_strdup(r->a, v[1] ? v[1] : "");
    j->team = arena_strdup(r->a, v[2] ? v[2] : "");
    j->opt[JF_ROLE] = option(CS_JOB_ROLE, v[3]);
    j->opt[JF_CONTRACT] = option(CS_JOB_CONTRACT, v[4]);
    j->opt[JF_HOURS] = option(CS_JOB_HOURS, v[5]);
    j->opt[JF_ARRANGEMENT] = option(CS_JOB_ARRANGEMENT, v[6]);
    j->salary_min = store_col_i64(v[7], len[7]);
    j->salary_max = store_col_i64(v[8], len[8]);
    j->opt[JF_SALARY] = (int8_t)jobs_salary_band(j->salary_min);
    if (!v[9] || date_parse_iso(v[9], &j->published_on, NULL))
        j->published_on = DATE_NONE;
    if (!v[10] || date_parse_iso(v[10], &j->closing_date, NULL))
        j->closing_date = DATE_NONE;
    j->description = v[11] ? arena_strdup(r->a, v[11]) : NULL;
    return KITH_OK;
}

enum kerr_code store_jobs_open(struct store *s, kdate today, bool descriptions, struct arena *a,
                               struct job_row **out, size_t *n, struct kerr *e)
{
    *out = NULL;
    *n = 0;
    struct store_params p = {0};
    sp_text(&p, descriptions ? "1" : "0"); /* text: it meets the literal '1' */
    sp_date(&p, today);
    struct reader r = {.a = a};
    enum kerr_code rc = store_q(s, &open_sql, &p, read_row, &r, NULL, "reading vacancies", e);
    if (!rc) {
        *out = r.rows;
        *n = r.n;
    }
    return rc;
}

/* --- the board in memory ---------------------------------------------------------------- */

static struct store_sql changes_sql = STORE_SQL("SELECT n FROM vacancy_change");

enum kerr_code store_jobs_changes(struct store *s, int64_t *out, struct kerr *e)
{
    enum kerr_code rc = store_q_int(s, &changes_sql, NULL, out, "reading vacancies", e);
    if (rc)
        *out = -1;
    return rc;
}

/* One reading of the open vacancies: its rows and their text in its own arena, held by
 * the board while it is current and by each request using it. */
struct reading {
    struct arena a;
    struct jobs_set set;
    int64_t changes;
    kdate today;
    unsigned refs; /* under the board's lock */
    struct jobs_board *board;
};

struct jobs_board {
    pthread_mutex_t lock;
    struct reading *current;
};

struct jobs_board *jobs_board_new(void)
{
    struct jobs_board *b = xcalloc(1, sizeof *b);
    pthread_mutex_init(&b->lock, NULL);
    return b;
}

static void reading_free(struct reading *r)
{
    arena_release(&r->a);
    free(r);
}

/* Drop one hold; the last hold of a reading that is no longer current frees it. */
static void unhold(struct jobs_board *b, struct reading *r)
{
    pthread_mutex_lock(&b->lock);
    bool last = --r->refs == 0;
    pthread_mutex_unlock(&b->lock);
    if (last)
        reading_free(r);
}

static void release_hold(void *p)
{
    struct reading *r = p;
    unhold(r->board, r);
}

void jobs_board_free(struct jobs_board *b)
{
    if (!b)
        return;
    if (b->current)
        unhold(b, b->current);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

/* The open vacancies into `a`, sorted every way. */
static enum kerr_code read_set(struct store *s, kdate today, struct arena *a, struct jobs_set *out,
                               struct kerr *e)
{
    struct job_row *rows;
    memset(out, 0, sizeof *out);
    enum kerr_code rc = store_jobs_open(s, today, true, a, &rows, &out->n, e);
    if (rc)
        return rc;
    out->rows = rows;
    jobs_set_sort(out, rows, a);
    return KITH_OK;
}

enum kerr_code jobs_board_open(struct jobs_board *b, struct store *s, kdate today, struct arena *a,
                               struct jobs_set *out, struct kerr *e)
{
    memset(out, 0, sizeof *out);
    if (!b)
        return read_set(s, today, a, out, e);
    /* The count first, then the rows: a change that lands between the two is in the rows
     * and makes the next request read them again, never the other way round. */
    int64_t changes;
    enum kerr_code rc = store_jobs_changes(s, &changes, e);
    if (rc)
        return rc;
    pthread_mutex_lock(&b->lock);
    struct reading *r = b->current;
    bool fresh = r && r->changes == changes && r->today == today;
    if (fresh)
        r->refs++;
    pthread_mutex_unlock(&b->lock);
    if (!fresh) {
        r = xcalloc(1, sizeof *r);
        arena_init(&r->a, (size_t)64 * 1024);
        rc = read_set(s, today, &r->a, &r->set, e);
        if (rc) {
            reading_free(r);
            return rc;
        }
        r->changes = changes;
        r->today = today;
        r->board = b;
        r->refs = 1; /* this request's */
        pthread_mutex_lock(&b->lock);
        /* Two requests may read at once; the board keeps the newer reading. */
        struct reading *old = b->current;
        bool keep = !old || old->changes <= changes;
        if (keep) {
            b->current = r;
            r->refs++;
        }
        bool last = keep && old && --old->refs == 0;
        pthread_mutex_unlock(&b->lock);
        if (last)
            reading_free(old);
    }
    arena_defer(a, release_hold, r);
    *out = r->set;
    return KITH_OK;
}
