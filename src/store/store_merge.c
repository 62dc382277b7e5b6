/*
 * Merging two records of one child, and undoing it (store_merge.h). The statements are
 * written once for every backend (store_sql.h), the moves built once on first use: one
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

static struct store_sql insert_sql =
    STORE_SQL("INSERT INTO child_merge(keep_id, gone_id, reason, merged_at, merged_by) "
              "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
static struct store_sql log_sql =
    STORE_SQL("INSERT INTO child_merge_row(merge_id, tbl, col, row_id) VALUES (?1, ?2, ?3, ?4)");
static struct store_sql mark_sql =
    STORE_SQL("UPDATE person SET merged_into = ?1 WHERE id = ?2 AND merged_into IS NULL");
static struct store_sql find_sql =
    STORE_SQL("SELECT id, keep_id FROM child_merge WHERE gone_id = ?1 AND unmerged_at IS NULL");
static struct store_sql close_sql =
    STORE_SQL("UPDATE child_merge SET unmerged_at = ?2, "
              "unmerged_by = ?3, unmerge_reason = ?4 WHERE id = ?1");
static struct store_sql unmark_sql =
    STORE_SQL("UPDATE person SET merged_into = NULL WHERE id = ?1");

/* One move per table and column that names a child, there (?1 the kept child, ?2 the
 * merged one) and back (?1 the merged child, ?2 the merge); built once, from the record
 * descriptions, for every backend. */
struct move {
    const char *table, *col;
    struct store_sql there, back;
};
static struct move moves[MOVES_MAX];
static size_t nmoves;
static pthread_once_t moves_once = PTHREAD_ONCE_INIT;

static void build_move(struct move *m, const char *table, const char *col, const char *other)
{
    struct str q = STR_INIT;
    str_addf(&q, "UPDATE %s SET %s = ?1 WHERE %s = ?2", table, col, col);
    if (other)
        str_addf(&q, " AND %s <> ?1", other);
    str_add(&q, " RETURNING id");
    m->table = table;
    m->col = col;
    m->there.sql = str_detach(&q, NULL);
    str_addf(&q,
             "UPDATE %s SET %s = ?1 WHERE id IN (SELECT row_id FROM child_merge_row WHERE "
             "merge_id = ?2 AND tbl = '%s' AND col = '%s')",
             table, col, table, col);
    m->back.sql = str_detach(&q, NULL);
}

static void build_moves(void)
{
    for (size_t i = 0; i < NFIXED; i++)
        build_move(&moves[nmoves++], fixed_moves[i].table, fixed_moves[i].col,
                   fixed_moves[i].other);
    for (size_t i = 0; rec_types[i] && nmoves < MOVES_MAX; i++)
        if (rec_types[i]->parent && !strcmp(rec_types[i]->parent, "child"))
            build_move(&moves[nmoves++], rec_types[i]->table, "parent_id", NULL);
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
    ids->v[ids->n++] = sc_i64(v[0]);
    return KITH_OK;
}

/* Two ids as ?1 and ?2, in `p` (filled in place: its text points into its own buffers). */
static struct store_params *two(struct store_params *p, int64_t a, int64_t b)
{
    p->n = 0;
    sp_i64(p, a);
    sp_i64(p, b);
    return p;
}

enum kerr_code store_child_merge(struct store *s, struct child_merge *m, struct kerr *e)
{
    pthread_once(&moves_once, build_moves);
    const char *doing = "merging records";
    struct store_params p = {0};
    two(&p, m->keep_id, m->gone_id);
    sp_text(&p, m->reason);
    sp_i64(&p, m->at);
    sp_text(&p, m->by);
    enum kerr_code rc = store_q_int(s, &insert_sql, &p, &m->id, doing, e);
    m->moved = 0;
    int64_t changed = 0;
    two(&p, m->keep_id, m->gone_id);
    if (!rc)
        rc = store_q(s, &mark_sql, &p, NULL, NULL, &changed, doing, e);
    if (!rc && changed != 1) /* the use case checked; someone merged it since */
        rc = kerr_fail(e, KITH_E_CONFLICT, "child", "the child's record is merged already");
    struct ids ids = {0};
    for (size_t i = 0; !rc && i < nmoves; i++) {
        ids.n = 0;
        rc = store_q(s, &moves[i].there, &p, take_id, &ids, NULL, doing, e);
        for (size_t k = 0; !rc && k < ids.n; k++) {
            struct store_params log = {0};
            sp_i64(&log, m->id);
            sp_text(&log, moves[i].table);
            sp_text(&log, moves[i].col);
            sp_i64(&log, ids.v[k]);
            rc = store_q(s, &log_sql, &log, NULL, NULL, NULL, doing, e);
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
    m->id = sc_i64(v[0]);
    m->keep_id = sc_i64(v[1]);
    return KITH_OK;
}

enum kerr_code store_child_unmerge(struct store *s, int64_t gone_id, const char *by, int64_t at,
                                   const char *reason, struct child_merge *m, struct kerr *e)
{
    pthread_once(&moves_once, build_moves);
    memset(m, 0, sizeof *m);
    m->gone_id = gone_id;
    const char *doing = "undoing a merge";
    struct store_params p = {0};
    sp_i64(&p, gone_id);
    enum kerr_code rc = store_q(s, &find_sql, &p, take_merge, m, NULL, doing, e);
    if (!rc && !m->id)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "child", "the child's record is not merged");
    for (size_t i = 0; !rc && i < nmoves; i++) {
        int64_t changed = 0;
        rc = store_q(s, &moves[i].back, two(&p, gone_id, m->id), NULL, NULL, &changed, doing, e);
        m->moved += changed;
    }
    two(&p, m->id, at);
    sp_text(&p, by);
    sp_text(&p, reason);
    if (!rc)
        rc = store_q(s, &close_sql, &p, NULL, NULL, NULL, doing, e);
    p.n = 0;
    sp_i64(&p, gone_id);
    if (!rc)
        rc = store_q(s, &unmark_sql, &p, NULL, NULL, NULL, doing, e);
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
