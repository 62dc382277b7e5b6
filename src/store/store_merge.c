/*
 * Merging two records of one child, and undoing it (store_merge.h). The statements are
 * written once for both backends and built on first use for the backend's dialect: one
 * move per table and column that names a child (the fixed tables here, then each record
 * type kept for a child, from its description), each returning the ids it moved so they
 * can be logged, and one move back per table that reads the log.
 */
#include "store/store_merge.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "domain/rec.h"
#include "store/store_impl.h"
#include "store/store_sql.h"

/* The columns that name a child, besides each record type's parent_id. A relationship
 * between the two children themselves stays where it is: moved, it would link the kept
 * child to itself. */
static const struct {
    const char *table, *col, *other; /* `other`: a column that must not name the kept child */
} fixed_moves[] = {
    {"allocation", "child_id", NULL},
    {"case_note", "child_id", NULL},
    {"relationship", "child_id", "other_id"},
    {"relationship", "other_id", "child_id"},
};
#define NFIXED (sizeof fixed_moves / sizeof fixed_moves[0])
#define MOVES_MAX (NFIXED + 128)

enum { Q_INSERT, Q_LOG, Q_MARK, Q_FIND, Q_CLOSE, Q_UNMARK, Q_COUNT };

struct move {
    const char *table, *col;
    struct store_sql there, back;
};

struct merge_sql {
    const struct store_dialect *d;
    struct store_sql q[Q_COUNT];
    size_t nmoves;
    struct move moves[MOVES_MAX];
};

static struct merge_sql *built[2];
static pthread_mutex_t built_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *sql_of(const char *tmpl, char p)
{
    /* the templates write placeholders as ?N; PostgreSQL's are $N */
    char *s = xstrdup(tmpl);
    for (char *c = s; *c; c++)
        if (*c == '?')
            *c = p;
    return s;
}

static void build_move(struct move *m, const struct store_dialect *d, const char *table,
                       const char *col, const char *other)
{
    struct str q = STR_INIT;
    str_addf(&q, "UPDATE %s SET %s = ?1 WHERE %s = ?2", table, col, col);
    if (other)
        str_addf(&q, " AND %s <> ?1", other);
    str_add(&q, " RETURNING id");
    m->table = table;
    m->col = col;
    m->there.sql = sql_of(q.buf, d->param);
    str_reset(&q);
    str_addf(&q,
             "UPDATE %s SET %s = ?1 WHERE id IN (SELECT row_id FROM child_merge_row WHERE "
             "merge_id = ?2 AND tbl = '%s' AND col = '%s')",
             table, col, table, col);
    m->back.sql = sql_of(q.buf, d->param);
    str_release(&q);
}

static struct merge_sql *build(const struct store_dialect *d)
{
    static const char *const fixed[Q_COUNT] = {
        [Q_INSERT] = "INSERT INTO child_merge(keep_id, gone_id, reason, merged_at, merged_by) "
                     "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        [Q_LOG] = "INSERT INTO child_merge_row(merge_id, tbl, col, row_id) VALUES (?1, ?2, ?3, ?4)",
        [Q_MARK] = "UPDATE person SET merged_into = ?1 WHERE id = ?2 AND merged_into IS NULL",
        [Q_FIND] = "SELECT id, keep_id FROM child_merge WHERE gone_id = ?1 AND unmerged_at IS NULL",
        [Q_CLOSE] = "UPDATE child_merge SET unmerged_at = ?2, unmerged_by = ?3, "
                    "unmerge_reason = ?4 WHERE id = ?1",
        [Q_UNMARK] = "UPDATE person SET merged_into = NULL WHERE id = ?1",
    };
    struct merge_sql *m = xcalloc(1, sizeof *m);
    m->d = d;
    for (int i = 0; i < Q_COUNT; i++)
        m->q[i].sql = sql_of(fixed[i], d->param);
    for (size_t i = 0; i < NFIXED; i++)
        build_move(&m->moves[m->nmoves++], d, fixed_moves[i].table, fixed_moves[i].col,
                   fixed_moves[i].other);
    for (size_t i = 0; rec_types[i] && m->nmoves < MOVES_MAX; i++)
        if (rec_types[i]->parent && !strcmp(rec_types[i]->parent, "child"))
            build_move(&m->moves[m->nmoves++], d, rec_types[i]->table, "parent_id", NULL);
    return m;
}

static struct merge_sql *sql_for(struct store *s, struct kerr *e)
{
    const struct store_dialect *d = s->ops->dialect;
    if (!d || !s->ops->run)
        return kerr_fail(e, KITH_E_DB, "db", "the %s backend cannot merge records", s->ops->name),
               NULL;
    pthread_mutex_lock(&built_lock);
    struct merge_sql *m = NULL;
    for (size_t i = 0; i < 2 && built[i] && !m; i++)
        if (built[i]->d == d)
            m = built[i];
    for (size_t i = 0; i < 2 && !m; i++)
        if (!built[i])
            m = built[i] = build(d);
    pthread_mutex_unlock(&built_lock);
    if (!m)
        kerr_fail(e, KITH_E_DB, "db", "too many backends to merge records on");
    return m;
}

/* The ids a statement returned, in order. */
struct ids {
    int64_t *v;
    size_t n, cap;
};

static enum kerr_code take_id(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    struct ids *ids = ctx;
    if (ids->n == ids->cap) {
        ids->cap = ids->cap ? ids->cap * 2 : 16;
        ids->v = xrealloc(ids->v, ids->cap * sizeof *ids->v);
    }
    ids->v[ids->n++] = v[0] ? strtoll(v[0], NULL, 10) : 0;
    return KITH_OK;
}

static const char *num(char *buf, int64_t v)
{
    snprintf(buf, 24, "%lld", (long long)v);
    return buf;
}

enum kerr_code store_child_merge(struct store *s, struct child_merge *m, struct kerr *e)
{
    struct merge_sql *q = sql_for(s, e);
    if (!q)
        return e->code;
    char keep[24], gone[24], at[24], id[24], row[24];
    const char *ins[] = {num(keep, m->keep_id), num(gone, m->gone_id), m->reason, num(at, m->at),
                         m->by};
    struct ids ids = {0};
    enum kerr_code rc = store_run_text(s, &q->q[Q_INSERT], ins, 5, take_id, &ids, NULL, e);
    m->id = !rc && ids.n ? ids.v[0] : 0;
    m->moved = 0;
    int64_t changed = 0;
    const char *mark[] = {keep, gone};
    if (!rc)
        rc = store_run_text(s, &q->q[Q_MARK], mark, 2, NULL, NULL, &changed, e);
    if (!rc && changed != 1) /* the use case checked; someone merged it since */
        rc = kerr_fail(e, KITH_E_CONFLICT, "child", "the child's record is merged already");
    for (size_t i = 0; !rc && i < q->nmoves; i++) {
        ids.n = 0;
        const char *p[] = {keep, gone};
        rc = store_run_text(s, &q->moves[i].there, p, 2, take_id, &ids, NULL, e);
        for (size_t k = 0; !rc && k < ids.n; k++) {
            const char *log[] = {num(id, m->id), q->moves[i].table, q->moves[i].col,
                                 num(row, ids.v[k])};
            rc = store_run_text(s, &q->q[Q_LOG], log, 4, NULL, NULL, NULL, e);
        }
        m->moved += (int64_t)ids.n;
    }
    free(ids.v);
    return rc;
}

/* The merge that stands for a child: its id and the kept child's. */
static enum kerr_code take_merge(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    struct child_merge *m = ctx;
    m->id = v[0] ? strtoll(v[0], NULL, 10) : 0;
    m->keep_id = v[1] ? strtoll(v[1], NULL, 10) : 0;
    return KITH_OK;
}

enum kerr_code store_child_unmerge(struct store *s, int64_t gone_id, const char *by, int64_t at,
                                   const char *reason, struct child_merge *m, struct kerr *e)
{
    memset(m, 0, sizeof *m);
    m->gone_id = gone_id;
    struct merge_sql *q = sql_for(s, e);
    if (!q)
        return e->code;
    char gone[24], id[24], when[24];
    const char *find[] = {num(gone, gone_id)};
    enum kerr_code rc = store_run_text(s, &q->q[Q_FIND], find, 1, take_merge, m, NULL, e);
    if (!rc && !m->id)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "child", "the child's record is not merged");
    for (size_t i = 0; !rc && i < q->nmoves; i++) {
        int64_t changed = 0;
        const char *p[] = {gone, num(id, m->id)};
        rc = store_run_text(s, &q->moves[i].back, p, 2, NULL, NULL, &changed, e);
        m->moved += changed;
    }
    const char *close[] = {id, num(when, at), by, reason};
    if (!rc)
        rc = store_run_text(s, &q->q[Q_CLOSE], close, 4, NULL, NULL, NULL, e);
    const char *unmark[] = {gone};
    if (!rc)
        rc = store_run_text(s, &q->q[Q_UNMARK], unmark, 1, NULL, NULL, NULL, e);
    m->by = by;
    m->at = at;
    m->reason = reason;
    return rc;
}

static void read_merge(const char *const *v, const size_t *len, struct arena *a, void *out)
{
    struct child_merge *m = out;
    m->id = sc_i64(v[0]);
    m->keep_id = sc_i64(v[1]);
    m->gone_id = sc_i64(v[2]);
    m->reason = sc_name(a, v[3], len[3]);
    m->at = sc_i64(v[4]);
    m->by = sc_name(a, v[5], len[5]);
}

enum kerr_code store_child_merges(struct store *s, int64_t child_id, struct arena *a,
                                  struct child_merge **out, size_t *n, struct kerr *e)
{
    static struct store_sql q = STORE_SQL(
        "SELECT id, keep_id, gone_id, reason, merged_at, merged_by FROM child_merge "
        "WHERE (keep_id = ?1 OR gone_id = ?1) AND unmerged_at IS NULL ORDER BY merged_at DESC, "
        "id DESC");
    struct store_params p = {0};
    sp_i64(&p, child_id);
    return store_q_rows(s, &q, &p, a, sizeof **out, read_merge, (void **)out, n,
                        "reading a child's merges", e);
}
