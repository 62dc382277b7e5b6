/*
 * The generic record operations (store_rec.h), built once from the record descriptions.
 *
 * Each type's statements are written the first time a process needs them, for the
 * backend's dialect (placeholders, how the history body is read), and kept for the
 * process's life; each connection prepares a statement once (store_impl.h, store_sql).
 * Values cross as text in the description's canonical form (domain/rec.h), which both
 * backends bind and return as they are: no type knows SQL and no backend knows a type.
 *
 * Corrections keep what they replace: the old version's fields go to record_history as a
 * JSON object of canonical text, written here in C (core/esc.h) so that the same record
 * keeps byte for byte the same history on either backend (kith db copy compares them).
 * A correction names the version it was made from, and the UPDATE matches that version,
 * so of two people correcting the same record the second changes nothing and is told.
 */
#include "store/store_rec.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/esc.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "domain/public_id.h"
#include "store/store.h"
#include "store/store_impl.h"
#include "store/store_sql.h"

/* The columns every record's table has, in the order statements read them. */
#define HEAD_COLS 9
static const char head_cols[] = "id, public_id, parent_id, version, created_at, created_by, "
                                "updated_at, updated_by, reason";
/* The widest type a description allows is read and written whole: its insert binds seven
 * head values and each field, its reads take the head and each field (test_rec's widest
 * type proves it on both backends). */
_Static_assert(7 + REC_FIELDS_MAX <= STORE_PARAMS_MAX, "a record's insert must fit the parameters");
_Static_assert(HEAD_COLS + REC_FIELDS_MAX <= STORE_COLS_MAX, "a record's row must fit the columns");

enum rq {
    RQ_INSERT,
    RQ_GET,
    RQ_FIND,
    RQ_AT_VERSION,
    RQ_LIST_PARENT,
    RQ_LIST_ALL,
    RQ_COUNT_PARENT,
    RQ_COUNT_ALL,
    RQ_UPDATE,
    RQ_KEEP,
    RQ_HISTORY,
    RQ_ALL,
    RQ_ALL_WORKER,
    RQ_ALL_TEAM,
    RQ_ALL_RANGE,
    RQ_DELETE,
    RQ_COUNT
};

/* The children allocated now (as their social worker, allocation role 0) to worker ?1, or
 * to any worker of team ?1: the caseloads "my work" reads (store_rec_all_of). */
static const char caseload_worker[] = "SELECT child_id FROM allocation WHERE end_date IS NULL "
                                      "AND role = 0 AND worker_id = ";
static const char caseload_team[] =
    "SELECT a.child_id FROM allocation a JOIN worker w ON w.id = a.worker_id "
    "WHERE a.end_date IS NULL AND a.role = 0 AND w.team_id = ";

struct rec_sql {
    const struct rec_type *t;
    const struct store_dialect *d;
    struct store_sql q[RQ_COUNT];
};

/* Built statements, never freed: a process serves a fixed set of types. */
#define REC_SQL_MAX 256
static struct rec_sql *built[REC_SQL_MAX];
static size_t nbuilt;
static pthread_mutex_t built_lock = PTHREAD_MUTEX_INITIALIZER;

/* Placeholder `n` in the dialect: ?3 or $3. */
static void ph(struct str *q, const struct store_dialect *d, int n)
{
    str_addf(q, "%c%d", d->param, n);
}

static void field_cols(struct str *q, const struct rec_type *t, const char *prefix)
{
    for (const struct field *f = t->fields; f->name; f++)
        str_addf(q, ", %s%s", prefix, f->name);
}

/* ORDER BY newest first: by the order field with blanks last (SQLite and PostgreSQL put
 * NULLs at opposite ends otherwise: said in words both read the same), then by creation.
 * The type's parent index holds the same order (store_rec_ddl), so a child's newest N
 * are read off it in order and the reading stops at N: no sort. */
static void order_by(struct str *q, const struct rec_type *t)
{
    if (t->order)
        str_addf(q, " ORDER BY %s DESC NULLS LAST, id DESC", t->order);
    else
        str_add(q, " ORDER BY id DESC");
}

static char *build_one(const struct rec_type *t, const struct store_dialect *d, enum rq which)
{
    struct str q;
    str_init(&q, 0);
    size_t nf = rec_nfields(t);
    switch (which) {
    case RQ_INSERT:
        /* SQLite gives a deleted last row's id to the next row (no AUTOINCREMENT on these
         * tables): the new record would inherit the deleted one's versions in
         * record_history, and its first correction collide with them. Its id is one past
         * any the table or the history has held; PostgreSQL's sequence never reuses one. */
        str_addf(&q,
                 "INSERT INTO %s (%spublic_id, parent_id, version, created_at, created_by, "
                 "updated_at, updated_by",
                 t->table, d->param == '?' ? "id, " : "");
        field_cols(&q, t, "");
        str_add(&q, ") VALUES (");
        if (d->param == '?')
            str_addf(&q,
                     "(SELECT max(n) + 1 FROM (SELECT coalesce(max(id), 0) AS n FROM %s UNION "
                     "ALL SELECT coalesce(max(record_id), 0) FROM record_history WHERE rtable = "
                     "'%s')), ",
                     t->table, t->table);
        for (int i = 1; i <= 7 + (int)nf; i++) {
            str_add(&q, i > 1 ? ", " : "");
            ph(&q, d, i);
        }
        str_add(&q, ") RETURNING id");
        break;
    case RQ_GET:
    case RQ_FIND:
    case RQ_AT_VERSION:
        str_addf(&q, "SELECT %s", head_cols);
        field_cols(&q, t, "");
        str_addf(&q, " FROM %s WHERE %s = ", t->table, which == RQ_FIND ? "public_id" : "id");
        ph(&q, d, 1);
        if (which == RQ_AT_VERSION) {
            str_add(&q, " AND version = ");
            ph(&q, d, 2);
        }
        break;
    case RQ_LIST_PARENT:
    case RQ_LIST_ALL: {
        int p = 1;
        str_addf(&q, "SELECT %s", head_cols);
        field_cols(&q, t, "");
        str_addf(&q, " FROM %s", t->table);
        if (which == RQ_LIST_PARENT) {
            str_add(&q, " WHERE parent_id = ");
            ph(&q, d, p++);
        }
        order_by(&q, t);
        str_add(&q, " LIMIT CAST(");
        ph(&q, d, p++);
        str_add(&q, " AS INTEGER) OFFSET CAST(");
        ph(&q, d, p);
        str_add(&q, " AS INTEGER)");
        break;
    }
    case RQ_ALL:
        str_addf(&q, "SELECT %s", head_cols);
        field_cols(&q, t, "");
        str_addf(&q, " FROM %s ORDER BY parent_id, id", t->table);
        break;
    case RQ_ALL_WORKER:
    case RQ_ALL_TEAM:
        str_addf(&q, "SELECT %s", head_cols);
        field_cols(&q, t, "");
        str_addf(&q, " FROM %s WHERE parent_id IN (%s", t->table,
                 which == RQ_ALL_WORKER ? caseload_worker : caseload_team);
        ph(&q, d, 1);
        str_add(&q, ") ORDER BY parent_id, id");
        break;
    case RQ_ALL_RANGE:
        str_addf(&q, "SELECT %s", head_cols);
        field_cols(&q, t, "");
        str_addf(&q, " FROM %s WHERE parent_id BETWEEN ", t->table);
        ph(&q, d, 1);
        str_add(&q, " AND ");
        ph(&q, d, 2);
        str_add(&q, " ORDER BY parent_id, id");
        break;
    case RQ_COUNT_PARENT:
    case RQ_COUNT_ALL:
        str_addf(&q, "SELECT count(*) FROM %s", t->table);
        if (which == RQ_COUNT_PARENT) {
            str_add(&q, " WHERE parent_id = ");
            ph(&q, d, 1);
        }
        break;
    case RQ_UPDATE: {
        str_addf(&q, "UPDATE %s SET version = version + 1, updated_at = ", t->table);
        ph(&q, d, 3);
        str_add(&q, ", updated_by = ");
        ph(&q, d, 4);
        str_add(&q, ", reason = ");
        ph(&q, d, 5);
        int p = 6;
        for (const struct field *f = t->fields; f->name; f++) {
            str_addf(&q, ", %s = ", f->name);
            ph(&q, d, p++);
        }
        str_add(&q, " WHERE id = ");
        ph(&q, d, 1);
        str_add(&q, " AND version = ");
        ph(&q, d, 2);
        break;
    }
    case RQ_KEEP:
        str_add(&q, "INSERT INTO record_history (rtable, record_id, version, body, written_at, "
                    "written_by, reason) VALUES (");
        for (int i = 1; i <= 7; i++) {
            str_add(&q, i > 1 ? ", " : "");
            ph(&q, d, i);
        }
        str_add(&q, ")");
        break;
    case RQ_HISTORY:
        str_add(&q, "SELECT h.record_id, r.public_id, r.parent_id, h.version, r.created_at, "
                    "r.created_by, h.written_at, h.written_by, h.reason");
        for (const struct field *f = t->fields; f->name; f++)
            str_addf(&q, ", h.%s ->> '%s'", d->json_body, f->name);
        str_addf(&q, " FROM record_history h JOIN %s r ON r.id = h.record_id WHERE h.rtable = ",
                 t->table);
        ph(&q, d, 1);
        str_add(&q, " AND h.record_id = ");
        ph(&q, d, 2);
        str_add(&q, " ORDER BY h.version");
        break;
    case RQ_DELETE:
        str_addf(&q, "DELETE FROM %s WHERE id = ", t->table);
        ph(&q, d, 1);
        str_add(&q, " AND version = ");
        ph(&q, d, 2);
        break;
    case RQ_COUNT:
        break;
    }
    return str_detach(&q, NULL);
}

/* The type's statements for this store's dialect, built at first use. */
static struct rec_sql *sql_for(struct store *s, const struct rec_type *t, struct kerr *e)
{
    const struct store_dialect *d = s->ops->dialect;
    if (!d || !s->ops->run)
        return kerr_fail(e, KITH_E_DB, "db", "the %s backend cannot keep records yet",
                         s->ops->name),
               NULL;
    pthread_mutex_lock(&built_lock);
    struct rec_sql *r = NULL;
    for (size_t i = 0; i < nbuilt && !r; i++)
        if (built[i]->t == t && built[i]->d == d)
            r = built[i];
    if (!r && nbuilt < REC_SQL_MAX) {
        r = calloc(1, sizeof(*r));
        if (r) {
            r->t = t;
            r->d = d;
            for (int i = 0; i < RQ_COUNT; i++) {
                r->q[i].sql = build_one(t, d, (enum rq)i);
                r->q[i].ints = true;
            }
            built[nbuilt++] = r;
        }
    }
    pthread_mutex_unlock(&built_lock);
    if (!r)
        kerr_fail(e, KITH_E_INTERNAL, "db", "more than %d record types", REC_SQL_MAX);
    return r;
}

static enum kerr_code run(struct store *s, struct store_sql *q, const char *const *p, size_t n,
                          store_row_fn *row, void *ctx, int64_t *changed, struct kerr *e)
{
    return store_run_text(s, q, p, n, row, ctx, changed, e);
}

/* --- reading rows ------------------------------------------------------------------- */

/* Whole numbers as the backend handed them over: SQLite's as numbers (store_sql.ints). */
static int64_t num(const char *v, size_t len) { return store_col_i64(v, len); }

/* A field's stored value: a whole number handed over as one goes straight into a whole
 * number or yes/no field; anything else is read from its text. */
static void set_field(const struct field *f, void *rec, const char *v, size_t len, struct arena *a,
                      struct field_errors *errs)
{
    if (v != store_int_mark) {
        rec_set_text(f, rec, v, a, errs);
        return;
    }
    int64_t x = (int64_t)len;
    char *m = (char *)rec + f->offset;
    if (f->type == FIELD_INT) {
        memcpy(m, &x, sizeof x);
    } else if (f->type == FIELD_BOOL && (x == 0 || x == 1)) {
        bool b = x == 1;
        memcpy(m, &b, sizeof b);
    } else {
        char buf[24];
        store_i64_text(x, buf);
        rec_set_text(f, rec, buf, a, errs);
    }
}

/* The heap block a growing read keeps its rows in, freed with the caller's arena. */
struct grown {
    void *rows;
};

static void grown_free(void *g) { free(((struct grown *)g)->rows); }

struct reader {
    const struct rec_type *t;
    struct arena *a;
    char *rows; /* room for `cap` records */
    size_t cap, n;
    bool grow; /* when full, move to twice the room (store_rec_all) rather than stop */
    struct grown *heap;
};

static enum kerr_code read_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    struct reader *r = ctx;
    const struct rec_type *t = r->t;
    if (r->n == r->cap && r->grow) {
        /* On the heap, not in the arena: realloc moves a big block's pages (mremap) where
         * an arena would copy every row read so far into fresh, zero-filled memory at each
         * doubling; that copy and those page faults were a fifth of kith validate cin
         * --live's time on a million children. The arena frees the block. */
        if (!r->heap) {
            r->heap = arena_alloc(r->a, sizeof *r->heap);
            r->heap->rows = NULL;
            arena_defer(r->a, grown_free, r->heap);
        }
        size_t cap = r->cap ? r->cap * 2 : 256;
        r->heap->rows = xreallocarray(r->heap->rows, cap, t->size);
        r->rows = r->heap->rows;
        r->cap = cap;
    }
    if (r->n == r->cap)
        return KITH_OK; /* a page is never longer than its LIMIT; be safe all the same */
    void *rec = r->rows + r->n * t->size;
    memset(rec, 0, t->size);
    struct rec_head *h = rec_head(t, rec);
    h->id = num(v[0], len[0]);
    /* copied at its length (a list reads one a row; snprintf's format parsing cost more
     * than the rest of the head); a public id is text, never a whole number */
    if (v[1] != store_int_mark)
        SC_CODE(v, len, 1, h->public_id);
    h->parent_id = num(v[2], len[2]);
    h->version = (int)num(v[3], len[3]);
    h->created_at = num(v[4], len[4]);
    h->created_by = num(v[5], len[5]);
    h->updated_at = num(v[6], len[6]);
    h->updated_by = num(v[7], len[7]);
    h->reason = v[8] ? arena_strdup(r->a, v[8]) : NULL;
    struct field_errors errs;
    field_errors_clear(&errs);
    size_t i = 0;
    for (const struct field *f = t->fields; f->name; f++, i++)
        set_field(f, rec, v[HEAD_COLS + i], len[HEAD_COLS + i], r->a, &errs);
    if (errs.n)
        return kerr_fail(e, KITH_E_DB, errs.items[0].field,
                         "the stored %s %" PRId64 " cannot be read: %s", t->label, h->id,
                         errs.items[0].msg);
    r->n++;
    return KITH_OK;
}

static enum kerr_code read_one(struct store *s, struct store_sql *q, const char *const *p, size_t n,
                               const struct rec_type *t, struct arena *a, void *out, bool *found,
                               struct kerr *e)
{
    struct reader r = {.t = t, .a = a, .rows = out, .cap = 1};
    enum kerr_code rc = run(s, q, p, n, read_row, &r, NULL, e);
    *found = r.n == 1;
    return rc;
}

static enum kerr_code not_found(const struct rec_type *t, const char *what, struct kerr *e)
{
    return kerr_fail(e, KITH_E_NOT_FOUND, "id", "there is no %s %s", t->label, what);
}

/* One whole number: an id returned, a count. */
static enum kerr_code read_int(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    *(int64_t *)ctx = num(v[0], len[0]);
    return KITH_OK;
}

/* --- operations ---------------------------------------------------------------------- */

/* 0 reads as "none": SQL NULL. */
static const char *id_text(int64_t v, char buf[24])
{
    if (!v)
        return NULL;
    store_i64_text(v, buf);
    return buf;
}

/* The fields' canonical text into p[0..]: `bufs` holds what is formatted. */
static size_t field_params(const struct rec_type *t, const void *rec, const char **p,
                           char (*bufs)[REC_TEXT_BUF])
{
    size_t i = 0;
    for (const struct field *f = t->fields; f->name; f++, i++)
        p[i] = rec_text(f, rec, bufs[i]);
    return i;
}

enum kerr_code store_rec_add(struct store *s, const struct rec_type *t, void *rec, int64_t now,
                             struct kerr *e)
{
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    struct rec_head *h = rec_head(t, rec);
    if (!h->public_id[0])
        public_id_new(h->public_id);
    h->version = 1;
    h->created_at = h->created_at ? h->created_at : now;
    h->updated_at = h->created_at;
    h->updated_by = h->created_by;
    h->reason = NULL;
    const char *p[7 + REC_FIELDS_MAX];
    char nb[5][24], fb[REC_FIELDS_MAX][REC_TEXT_BUF];
    p[0] = h->public_id;
    p[1] = id_text(h->parent_id, nb[0]);
    p[2] = "1";
    p[3] = id_text(h->created_at, nb[1]);
    p[4] = id_text(h->created_by, nb[2]);
    p[5] = id_text(h->updated_at, nb[3]);
    p[6] = id_text(h->updated_by, nb[4]);
    size_t n = 7 + field_params(t, rec, p + 7, fb);
    int64_t id = 0;
    enum kerr_code rc = run(s, &sql->q[RQ_INSERT], p, n, read_int, &id, NULL, e);
    if (!rc && !id)
        rc = kerr_fail(e, KITH_E_DB, "id", "the new %s was given no id", t->label);
    if (!rc)
        h->id = id;
    return rc;
}

enum kerr_code store_rec_get(struct store *s, const struct rec_type *t, int64_t id, struct arena *a,
                             void *out, struct kerr *e)
{
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    char b[24];
    const char *p[1] = {id_text(id, b)};
    bool found;
    enum kerr_code rc = read_one(s, &sql->q[RQ_GET], p, 1, t, a, out, &found, e);
    if (!rc && !found)
        rc = not_found(t, "with that id", e);
    return rc;
}

enum kerr_code store_rec_find(struct store *s, const struct rec_type *t, const char *public_id,
                              struct arena *a, void *out, struct kerr *e)
{
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    char norm[PUBLIC_ID_LEN + 1];
    if (!public_id || !public_id_normalize(public_id, norm))
        return not_found(t, "with that id", e);
    const char *p[1] = {norm};
    bool found;
    enum kerr_code rc = read_one(s, &sql->q[RQ_FIND], p, 1, t, a, out, &found, e);
    if (!rc && !found)
        rc = not_found(t, "with that id", e);
    return rc;
}

/* The version's fields as a JSON object of canonical text (record_history.body). */
static void body_json(const struct rec_type *t, const void *rec, struct str *out)
{
    char buf[REC_TEXT_BUF];
    str_addc(out, '{');
    for (const struct field *f = t->fields; f->name; f++) {
        if (f != t->fields)
            str_addc(out, ',');
        esc_json(out, f->name);
        str_addc(out, ':');
        const char *v = rec_text(f, rec, buf);
        if (v)
            esc_json(out, v);
        else
            str_add(out, "null");
    }
    str_addc(out, '}');
}

static enum kerr_code changed_meanwhile(struct store *s, const struct rec_type *t,
                                        struct rec_sql *sql, int64_t id, int from, struct arena *a,
                                        void *now_rec, struct kerr *e)
{
    char b[24];
    const char *p[1] = {id_text(id, b)};
    bool found;
    enum kerr_code rc = read_one(s, &sql->q[RQ_GET], p, 1, t, a, now_rec, &found, e);
    if (rc)
        return rc;
    if (!found)
        return not_found(t, "with that id", e);
    return kerr_fail(e, KITH_E_CONFLICT, "version",
                     "this %s was changed by someone else after you opened it: you started "
                     "from version %d and it is now at version %d",
                     t->label, from, rec_head(t, now_rec)->version);
}

/* Keep version `h`'s fields in the history as the record it was (its own writer, time and
 * reason). */
static enum kerr_code keep(struct store *s, const struct rec_type *t, struct rec_sql *sql,
                           const void *rec, struct str *body, struct kerr *e)
{
    const struct rec_head *h = rec_chead(t, rec);
    char ib[24], vb[24], wb[24], wby[24];
    snprintf(vb, sizeof vb, "%d", h->version);
    str_reset(body);
    body_json(t, rec, body);
    const char *p[7] = {t->table,
                        id_text(h->id, ib),
                        vb,
                        str_ok(body) ? body->buf : NULL,
                        id_text(h->updated_at, wb),
                        id_text(h->updated_by, wby),
                        h->reason};
    return p[3] ? run(s, &sql->q[RQ_KEEP], p, 7, NULL, NULL, NULL, e)
                : kerr_fail(e, KITH_E_TOO_LARGE, "body", "the %s is too large to keep", t->label);
}

enum kerr_code store_rec_update(struct store *s, const struct rec_type *t, void *rec, int64_t now,
                                struct kerr *e)
{
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    struct rec_head *h = rec_head(t, rec);
    struct arena a;
    arena_init(&a, 0);
    void *old = arena_zalloc(&a, t->size);
    char ib[24], vb[24], nb[24], ub[24];
    snprintf(vb, sizeof vb, "%d", h->version);
    const char *key[2] = {id_text(h->id, ib), vb};
    bool wrapped, found;
    struct str body;
    str_init(&body, 0);
    enum kerr_code rc = s->ops->write_begin(s, &wrapped, e);
    if (!rc)
        rc = read_one(s, &sql->q[RQ_AT_VERSION], key, 2, t, &a, old, &found, e);
    if (!rc && !found)
        rc = changed_meanwhile(s, t, sql, h->id, h->version, &a, old, e);
    int64_t changed = 0;
    if (!rc) {
        const char *p[5 + REC_FIELDS_MAX];
        char fb[REC_FIELDS_MAX][REC_TEXT_BUF];
        p[0] = key[0];
        p[1] = key[1];
        p[2] = id_text(now, nb);
        p[3] = id_text(h->updated_by, ub);
        p[4] = h->reason;
        size_t n = 5 + field_params(t, rec, p + 5, fb);
        rc = run(s, &sql->q[RQ_UPDATE], p, n, NULL, NULL, &changed, e);
    }
    if (!rc && changed != 1)
        rc = changed_meanwhile(s, t, sql, h->id, h->version, &a, old, e);
    if (!rc)
        rc = keep(s, t, sql, old, &body, e);
    rc = s->ops->write_end(s, wrapped, rc, e);
    if (!rc) {
        h->version++;
        h->updated_at = now;
    }
    str_release(&body);
    arena_release(&a);
    return rc;
}

enum kerr_code store_rec_delete(struct store *s, const struct rec_type *t, int64_t id, int version,
                                int64_t now, int64_t by, const char *reason, struct kerr *e)
{
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    struct arena a;
    arena_init(&a, 0);
    void *old = arena_zalloc(&a, t->size);
    char ib[24], vb[24], nb[24], bb[24];
    snprintf(vb, sizeof vb, "%d", version);
    const char *key[2] = {id_text(id, ib), vb};
    bool wrapped, found;
    struct str body;
    str_init(&body, 0);
    enum kerr_code rc = s->ops->write_begin(s, &wrapped, e);
    if (!rc)
        rc = read_one(s, &sql->q[RQ_AT_VERSION], key, 2, t, &a, old, &found, e);
    if (!rc && !found)
        rc = changed_meanwhile(s, t, sql, id, version, &a, old, e);
    if (!rc)
        rc = keep(s, t, sql, old, &body, e);
    if (!rc) {
        /* the deletion itself: a version with no fields, by whom, when and why */
        char next[24];
        snprintf(next, sizeof next, "%d", version + 1);
        const char *p[7] = {t->table,         key[0],          next,  "{}",
                            id_text(now, nb), id_text(by, bb), reason};
        rc = run(s, &sql->q[RQ_KEEP], p, 7, NULL, NULL, NULL, e);
    }
    int64_t changed = 0;
    if (!rc)
        rc = run(s, &sql->q[RQ_DELETE], key, 2, NULL, NULL, &changed, e);
    if (!rc && changed != 1)
        rc = changed_meanwhile(s, t, sql, id, version, &a, old, e);
    rc = s->ops->write_end(s, wrapped, rc, e);
    str_release(&body);
    arena_release(&a);
    return rc;
}

enum kerr_code store_rec_list(struct store *s, const struct rec_type *t, const struct rec_query *q,
                              struct arena *a, void **out, size_t *n, int64_t *total,
                              struct kerr *e)
{
    *out = NULL;
    *n = 0;
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    size_t limit = q->limit ? q->limit : STORE_PAGE_DEFAULT;
    limit = limit > STORE_PAGE_MAX ? STORE_PAGE_MAX : limit;
    char pb[24], lb[24], ob[24];
    store_i64_text((int64_t)limit, lb);
    store_i64_text((int64_t)q->offset, ob);
    const char *p[3];
    size_t np = 0;
    if (q->parent_id)
        p[np++] = id_text(q->parent_id, pb);
    p[np++] = lb;
    p[np++] = ob;
    struct reader r = {.t = t, .a = a, .rows = arena_alloc(a, limit * t->size), .cap = limit};
    enum kerr_code rc =
        run(s, &sql->q[q->parent_id ? RQ_LIST_PARENT : RQ_LIST_ALL], p, np, read_row, &r, NULL, e);
    if (rc)
        return rc;
    *out = r.rows;
    *n = r.n;
    if (total) /* read only when asked for: lists that show "first N of M" ask */
        rc = run(s, &sql->q[q->parent_id ? RQ_COUNT_PARENT : RQ_COUNT_ALL], p, q->parent_id ? 1 : 0,
                 read_int, total, NULL, e);
    return rc;
}

/* The counting statements of store_rec_counts, one per array of types and dialect: a
 * UNION ALL of one indexed count per type, each row tagged with its type's place. */
#define COUNTS_TYPES_MAX 64
struct counts_sql {
    const struct rec_type *types[COUNTS_TYPES_MAX];
    size_t n;
    const struct store_dialect *d;
    struct store_sql q;
};
#define COUNTS_SQL_MAX 8
static struct counts_sql counts_built[COUNTS_SQL_MAX];
static size_t ncounts_built;

static struct store_sql *counts_sql_for(struct store *s, const struct rec_type *const *types,
                                        size_t n, struct kerr *e)
{
    const struct store_dialect *d = s->ops->dialect;
    if (!d || !s->ops->run)
        return kerr_fail(e, KITH_E_DB, "db", "the %s backend cannot keep records yet",
                         s->ops->name),
               NULL;
    pthread_mutex_lock(&built_lock);
    struct store_sql *q = NULL;
    for (size_t i = 0; i < ncounts_built && !q; i++) {
        size_t same = 0;
        while (same < n && same < counts_built[i].n && counts_built[i].types[same] == types[same])
            same++;
        if (counts_built[i].n == n && same == n && counts_built[i].d == d)
            q = &counts_built[i].q;
    }
    if (!q && ncounts_built < COUNTS_SQL_MAX && n <= COUNTS_TYPES_MAX) {
        struct str b;
        str_init(&b, 0);
        for (size_t i = 0; i < n; i++) {
            str_addf(&b,
                     "%sSELECT %zu, count(*) FROM %s WHERE parent_id = ", i ? " UNION ALL " : "", i,
                     types[i]->table);
            ph(&b, d, 1);
        }
        struct counts_sql *c = &counts_built[ncounts_built++];
        *c = (struct counts_sql){.n = n, .d = d};
        for (size_t i = 0; i < n; i++)
            c->types[i] = types[i];
        c->q.sql = str_detach(&b, NULL);
        c->q.ints = true;
        q = &c->q;
    }
    pthread_mutex_unlock(&built_lock);
    if (!q)
        kerr_fail(e, KITH_E_INTERNAL, "db", "more than %d sets of types counted, or %zu types",
                  COUNTS_SQL_MAX, n);
    return q;
}

struct counts_ctx {
    int64_t *counts;
    size_t n;
};

static enum kerr_code read_count(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct counts_ctx *c = ctx;
    int64_t i = num(v[0], len[0]);
    if (i >= 0 && (size_t)i < c->n)
        c->counts[i] = num(v[1], len[1]);
    return KITH_OK;
}

enum kerr_code store_rec_counts(struct store *s, const struct rec_type *const *types, size_t n,
                                int64_t parent_id, int64_t *counts, struct kerr *e)
{
    memset(counts, 0, n * sizeof *counts);
    if (!n)
        return KITH_OK;
    struct store_sql *q = counts_sql_for(s, types, n, e);
    if (!q)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    char pb[24];
    const char *p[1] = {id_text(parent_id, pb)};
    return run(s, q, p, 1, read_count, &(struct counts_ctx){counts, n}, NULL, e);
}

enum kerr_code store_rec_all(struct store *s, const struct rec_type *t, struct arena *a, void **out,
                             size_t *n, struct kerr *e)
{
    *out = NULL;
    *n = 0;
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    struct reader r = {.t = t, .a = a, .grow = true};
    enum kerr_code rc = run(s, &sql->q[RQ_ALL], NULL, 0, read_row, &r, NULL, e);
    if (rc)
        return rc;
    *out = r.rows;
    *n = r.n;
    return KITH_OK;
}

enum kerr_code store_rec_all_of(struct store *s, const struct rec_type *t,
                                const struct caseload_of *of, struct arena *a, void **out,
                                size_t *n, struct kerr *e)
{
    if (!of->worker_id && !of->team_id && !of->child_to)
        return store_rec_all(s, t, a, out, n, e);
    *out = NULL;
    *n = 0;
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    char ib[24], jb[24];
    const char *p[2] = {id_text(of->worker_id ? of->worker_id : of->team_id, ib), NULL};
    enum rq which = of->worker_id ? RQ_ALL_WORKER : RQ_ALL_TEAM;
    if (!of->worker_id && !of->team_id) {
        which = RQ_ALL_RANGE;
        p[0] = id_text(of->child_from, ib);
        p[1] = id_text(of->child_to, jb);
    }
    struct reader r = {.t = t, .a = a, .grow = true};
    enum kerr_code rc =
        run(s, &sql->q[which], p, which == RQ_ALL_RANGE ? 2 : 1, read_row, &r, NULL, e);
    if (rc)
        return rc;
    *out = r.rows;
    *n = r.n;
    return KITH_OK;
}

enum kerr_code store_rec_history(struct store *s, const struct rec_type *t, int64_t id,
                                 struct arena *a, void **out, size_t *n, struct kerr *e)
{
    *out = NULL;
    *n = 0;
    struct rec_sql *sql = sql_for(s, t, e);
    if (!sql)
        return e && e->code ? e->code : KITH_E_INTERNAL;
    char ib[24];
    const char *p[2] = {t->table, id_text(id, ib)};
    void *cur = arena_zalloc(a, t->size);
    enum kerr_code rc = store_rec_get(s, t, id, a, cur, e);
    if (rc)
        return rc;
    /* Every earlier version and the current one: the current version's number says how
     * many there are, so the array is sized before reading. */
    size_t cap = (size_t)rec_head(t, cur)->version;
    struct reader r = {.t = t, .a = a, .rows = arena_alloc(a, cap * t->size), .cap = cap - 1};
    rc = run(s, &sql->q[RQ_HISTORY], p, 2, read_row, &r, NULL, e);
    if (rc)
        return rc;
    memcpy(r.rows + r.n * t->size, cur, t->size);
    *out = r.rows;
    *n = r.n + 1;
    return KITH_OK;
}

void store_rec_ddl(const struct rec_type *t, const char *backend, struct str *out)
{
    bool pg = !strcmp(backend, "postgresql");
    str_addf(out,
             "CREATE TABLE %s (\n"
             "    id INTEGER PRIMARY KEY,\n"
             "    public_id TEXT NOT NULL UNIQUE,\n"
             "    parent_id INTEGER%s,\n"
             "    version INTEGER NOT NULL CHECK (version > 0),\n"
             "    created_at BIGINT NOT NULL,\n"
             "    created_by INTEGER,\n"
             "    updated_at BIGINT NOT NULL,\n"
             "    updated_by INTEGER,\n"
             "    reason TEXT",
             t->table, t->parent ? " NOT NULL REFERENCES person(id)" : "");
    for (const struct field *f = t->fields; f->name; f++) {
        const char *type = f->type == FIELD_INT    ? "BIGINT"
                           : f->type == FIELD_BOOL ? "INTEGER"
                                                   : "TEXT";
        str_addf(out, ",\n    %s %s", f->name, type);
        if (f->type == FIELD_BOOL)
            str_addf(out, " NOT NULL CHECK (%s IN (0, 1))", f->name);
    }
    str_add(out, "\n);\n");
    /* the parent's records newest first, as lists ask for them (order_by) */
    if (t->parent && t->order)
        str_addf(out, "CREATE INDEX %s_parent ON %s(parent_id, %s DESC%s, id DESC);\n", t->table,
                 t->table, t->order, pg ? " NULLS LAST" : "");
    else if (t->parent)
        str_addf(out, "CREATE INDEX %s_parent ON %s(parent_id);\n", t->table, t->table);
    if (pg)
        str_addf(out,
                 "CREATE SEQUENCE %s_id_seq OWNED BY %s.id;\n"
                 "ALTER TABLE %s ALTER COLUMN id SET DEFAULT nextval('%s_id_seq');\n",
                 t->table, t->table, t->table, t->table);
}

enum kerr_code store_rec_exec(struct store *s, const char *sql, struct kerr *e)
{
    if (!s->ops->exec)
        return kerr_fail(e, KITH_E_DB, "db", "the %s backend cannot run SQL", s->ops->name);
    return s->ops->exec(s, sql, e);
}
