/*
 * SQL written once for every backend (store_sql.h): parameters formatted as text, columns
 * read back from text, rows collected into the caller's arena, and a failed write told in
 * words that name the field. Everything goes through the backend's `run` op, so a file
 * built on these knows no backend and each backend keeps one copy of its plumbing.
 */
#include "store/store_sql.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/public_id.h"

struct store_sql store_person_exists = STORE_SQL("SELECT 1 FROM person WHERE id = ?1");
struct store_sql store_worker_exists = STORE_SQL("SELECT 1 FROM worker WHERE id = ?1");
struct store_sql store_user_exists = STORE_SQL("SELECT 1 FROM user_account WHERE id = ?1");

struct store_sql *store_sql_of(const struct store *s, struct store_sql_pair *q)
{
    return s->ops->dialect->param == '$' ? &q->pg : &q->sqlite;
}

/* --- parameters ------------------------------------------------------------------------- */

_Static_assert(STORE_PARAMS_MAX <= 64, "store_params.whole has a bit per parameter");

/* A statement with more parameters is a programming error the first test finds. */
static size_t next(struct store_params *p)
{
    if (p->n >= STORE_PARAMS_MAX)
        abort();
    p->whole &= ~(UINT64_C(1) << p->n); /* a list reused from a shorter n */
    return p->n++;
}

size_t store_i64_text(int64_t v, char buf[24]) { return str_dec(buf, (long long)v); }

void sp_text(struct store_params *p, const char *v)
{
    size_t i = next(p);
    p->v[i] = v;
}
void sp_code(struct store_params *p, const char *v) { sp_text(p, v && *v ? v : NULL); }
void sp_i64(struct store_params *p, int64_t v)
{
    size_t i = next(p);
    store_i64_text(v, p->buf[i]);
    p->v[i] = p->buf[i];
    p->i[i] = v;
    p->whole |= UINT64_C(1) << i;
}
void sp_id(struct store_params *p, int64_t id)
{
    if (id)
        sp_i64(p, id);
    else
        sp_text(p, NULL);
}
void sp_date(struct store_params *p, kdate d)
{
    size_t i = next(p);
    p->v[i] = d == DATE_NONE ? NULL : date_format_iso(d, p->buf[i]);
}
void sp_bool(struct store_params *p, bool v) { sp_i64(p, v ? 1 : 0); }
void sp_real(struct store_params *p, double v)
{
    size_t i = next(p);
    snprintf(p->buf[i], sizeof(p->buf[i]), "%.17g", v);
    p->v[i] = p->buf[i];
}

/* --- columns ---------------------------------------------------------------------------- */

/* Decimal digits with an optional sign, as both databases write a whole number; read
 * without strtoll, whose locale handling was a visible share of reading a list. */
int64_t sc_i64(const char *v)
{
    if (!v)
        return 0;
    bool neg = *v == '-';
    uint64_t n = 0;
    for (const char *p = v + neg; *p >= '0' && *p <= '9'; p++)
        n = n * 10 + (uint64_t)(*p - '0');
    return neg ? (int64_t)(0 - n) : (int64_t)n;
}
double sc_real(const char *v) { return v ? strtod(v, NULL) : 0; }

const char store_int_mark[] = "";
int64_t store_col_i64(const char *v, size_t len)
{
    return v == store_int_mark ? (int64_t)len : sc_i64(v);
}
kdate sc_date(const char *v, size_t len)
{
    kdate d;
    return v && date_scan_iso(v, len, &d) ? d : DATE_NONE;
}
const char *sc_str(struct arena *a, const char *v, size_t len)
{
    return v ? arena_strndup(a, v, len) : NULL;
}
const char *sc_name(struct arena *a, const char *v, size_t len)
{
    return v ? arena_strndup(a, v, len) : "";
}
void sc_code(const char *v, size_t len, char *dst, size_t cap)
{
    size_t n = v ? len : 0;
    if (n >= cap)
        n = cap - 1; /* cannot happen for values kith wrote: writes check lengths */
    memcpy(dst, v ? v : "", n);
    dst[n] = '\0';
}

/* --- running ---------------------------------------------------------------------------- */

enum kerr_code store_q(struct store *s, struct store_sql *q, const struct store_params *p,
                       store_row_fn *row, void *ctx, int64_t *changed, const char *doing,
                       struct kerr *e)
{
    s->doing = doing;
    enum kerr_code rc = s->ops->run(s, q, p, row, ctx, changed, e);
    s->doing = NULL;
    return rc;
}

enum kerr_code store_run_text(struct store *s, struct store_sql *q, const char *const *v, size_t n,
                              store_row_fn *row, void *ctx, int64_t *changed, struct kerr *e)
{
    struct store_params p = {0};
    for (size_t i = 0; i < n; i++)
        sp_text(&p, v[i]);
    return s->ops->run(s, q, &p, row, ctx, changed, e);
}

struct rows {
    struct arena *a;
    size_t size, cap, n;
    char *v;
    store_read_fn *read;
};

/* Each row into a growing array: doubled as rows arrive, the earlier copies left in the
 * arena (at most as much again as the final array, and no heap traffic). */
static enum kerr_code add_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct rows *r = ctx;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        char *grown = arena_alloc(r->a, cap * r->size);
        if (r->n)
            memcpy(grown, r->v, r->n * r->size);
        r->v = grown;
        r->cap = cap;
    }
    void *out = r->v + r->n * r->size;
    memset(out, 0, r->size);
    r->read(v, len, r->a, out);
    r->n++;
    return KITH_OK;
}

enum kerr_code store_q_rows(struct store *s, struct store_sql *q, const struct store_params *p,
                            struct arena *a, size_t size, store_read_fn *read, void **out,
                            size_t *n, const char *doing, struct kerr *e)
{
    struct rows r = {.a = a, .size = size, .read = read};
    enum kerr_code rc = store_q(s, q, p, add_row, &r, NULL, doing, e);
    *out = rc || !r.n ? NULL : r.v;
    *n = rc ? 0 : r.n;
    return rc;
}

struct one {
    struct arena *a;
    store_read_fn *read;
    void *out;
    bool found;
};

static enum kerr_code first_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct one *o = ctx;
    if (!o->found)
        o->read(v, len, o->a, o->out);
    o->found = true;
    return KITH_OK;
}

enum kerr_code store_q_one(struct store *s, struct store_sql *q, const struct store_params *p,
                           struct arena *a, store_read_fn *read, void *out, bool *found,
                           const char *doing, struct kerr *e)
{
    struct one o = {.a = a, .read = read, .out = out};
    enum kerr_code rc = store_q(s, q, p, first_row, &o, NULL, doing, e);
    *found = !rc && o.found;
    return rc;
}

enum kerr_code store_q_find(struct store *s, const char *ref, struct store_sql *by_public_id,
                            struct store_sql *by_key, struct arena *a, store_read_fn *read,
                            void *out, const char *what, struct kerr *e)
{
    char id[PUBLIC_ID_LEN + 1];
    struct store_params p = {0};
    bool found = false;
    char doing[64];
    snprintf(doing, sizeof doing, "finding a %s", what);
    enum kerr_code rc = KITH_OK;
    if (public_id_normalize(ref, id)) {
        sp_text(&p, id);
        rc = store_q_one(s, by_public_id, &p, a, read, out, &found, doing, e);
        p.n = 0;
    }
    if (!rc && !found) {
        sp_text(&p, ref);
        rc = store_q_one(s, by_key, &p, a, read, out, &found, doing, e);
    }
    if (!rc && !found)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no %s '%s'", what, ref);
    return rc;
}

static enum kerr_code first_int(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    *(int64_t *)ctx = sc_i64(v[0]);
    return KITH_OK;
}

enum kerr_code store_q_int(struct store *s, struct store_sql *q, const struct store_params *p,
                           int64_t *out, const char *doing, struct kerr *e)
{
    *out = 0;
    return store_q(s, q, p, first_int, out, NULL, doing, e);
}

/* --- failed writes ---------------------------------------------------------------------- */

static bool exists(struct store *s, struct store_sql *q, int64_t id)
{
    struct store_params p = {0};
    sp_i64(&p, id);
    int64_t one = 0;
    struct kerr scratch = KERR_INIT; /* cannot tell: the caller reports the original failure */
    return store_q_int(s, q, &p, &one, "checking a reference", &scratch) || one;
}

enum kerr_code store_write_fail(struct store *s, enum kerr_code rc, struct kerr *e,
                                const struct store_clash *clashes, size_t nclashes,
                                const struct store_ref *refs, size_t nrefs)
{
    const struct store_broke broke = s->broke, *b = &broke; /* the probes below run too */
    for (size_t i = 0; b->kind == STORE_BROKE_UNIQUE && i < nclashes; i++)
        if (!strcmp(b->key, clashes[i].key))
            return kerr_fail(e, KITH_E_CONFLICT, clashes[i].field, clashes[i].fmt,
                             clashes[i].value);
    /* A backend that names the reference is believed; one that cannot (SQLite) has each
     * referenced record looked for, which its failed statement leaves possible. */
    for (size_t i = 0; b->kind == STORE_BROKE_REF && i < nrefs; i++)
        if (b->key[0] ? !strcmp(b->key, refs[i].key) : !exists(s, refs[i].exists, refs[i].id))
            return kerr_fail(e, KITH_E_INVALID, refs[i].field, "there is no %s with id %" PRId64,
                             refs[i].noun, refs[i].id);
    return rc;
}
