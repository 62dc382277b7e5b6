/*
 * SSDA903 rules on deprivation of liberty orders (DoLo, from 2026/27): valid dates within
 * the year, one order at a time, orders within the child's periods of care, and the
 * placements a child under an order may and may not be in.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/ret/ssda903_rules.h"

static const struct s903_dolo *DL(const struct r903 *x) { return &x->y->dolo; }
void s903c_700(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x);
    for (size_t i = 0; i < d->t.n; i++)
        if (d->dolo_start[i] == DATE_NONE)
            r903_flag(x, T903_DOLO, i);
}

void s903c_701(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x);
    int c = DL_DOLO_END;
    for (size_t i = 0; i < d->t.n; i++)
        if (s903_is_bad(&d->t, c, i))
            r903_flag(x, T903_DOLO, i);
}

void s903c_702(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x);
    for (size_t i = 0; i < d->t.n; i++)
        if (d_le(d->dolo_end[i], d->dolo_start[i]))
            r903_flag(x, T903_DOLO, i);
}

void s903c_703(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x);
    for (size_t i = 0; i < d->t.n; i++)
        if (d_gt(d->dolo_start[i], x->end))
            r903_flag(x, T903_DOLO, i);
}

void s903c_704(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x);
    for (size_t i = 0; i < d->t.n; i++)
        if (d_gt(d->dolo_end[i], x->end) || d_lt(d->dolo_end[i], x->start))
            r903_flag(x, T903_DOLO, i);
}

struct dl_key {
    uint32_t child;
    kdate end, start;
    uint32_t row;
};

static int cmp_date(kdate a, kdate b)
{
    if (a == b)
        return 0;
    if (a == DATE_NONE)
        return 1;
    if (b == DATE_NONE)
        return -1;
    return a < b ? -1 : 1;
}

static int cmp_dl(const void *a, const void *b)
{
    const struct dl_key *x = a, *y = b;
    if (x->child != y->child)
        return x->child < y->child ? -1 : 1;
    int c = cmp_date(x->end, y->end);
    if (!c)
        c = cmp_date(x->start, y->start);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

void s903c_705(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x);
    size_t n = d->t.n;
    struct dl_key *k = xreallocarray(NULL, n ? n : 1, sizeof(*k));
    for (size_t i = 0; i < n; i++) {
        kdate end = d->dolo_end[i] != DATE_NONE ? d->dolo_end[i] : d->dolo_start[i];
        k[i] = (struct dl_key){d->child[i], end, d->dolo_start[i], (uint32_t)i};
    }
    qsort(k, n, sizeof(*k), cmp_dl);
    for (size_t j = 1; j < n; j++) {
        uint32_t p = k[j - 1].row, i = k[j].row;
        if (k[j].child == S903_NO_CHILD || k[j].child != k[j - 1].child)
            continue;
        if (d->dolo_end[p] == DATE_NONE || d_lt(d->dolo_start[i], d->dolo_end[p]))
            r903_flag(x, T903_DOLO, i);
    }
    free(k);
}

/* 706: an order open at the end of last year is carried into this year with the same
 * start. The row at fault is last year's; kith reports it on the child's header row of this
 * year (or on the return as a whole when the child has none), see differences.md. */
void s903c_706(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x), *l = &x->ly->dolo;
    int start = DL_DOLO_START, end = DL_DOLO_END;
    for (size_t i = 0; i < l->t.n; i++) {
        if (r903_present(&l->t, end, i))
            continue;
        bool found = false;
        R903_ROWS(d, l->child[i], k)
        {
            const char *a = s903_raw(&d->t, start, (size_t)k), *b = s903_raw(&l->t, start, i);
            found |= d_eq(d->dolo_start[k], l->dolo_start[i]) ||
                     (d->dolo_start[k] == DATE_NONE && l->dolo_start[i] == DATE_NONE &&
                      ((!a && !b) || (a && b && !strcmp(a, b))));
        }
        if (found)
            continue;
        const struct s903_header *h = &x->y->header;
        if (r903_has(&h->t, l->child[i]))
            r903_flag(x, T903_HEADER, (size_t)h->t.head[l->child[i]]);
        else
            rule_flag(x->c, T903_DOLO, -1, 0);
    }
}

static bool outside707(const struct r903 *x, size_t i, const struct r903_poc *p)
{
    const struct s903_dolo *d = DL(x);
    kdate s = d->dolo_start[i], en = d->dolo_end[i];
    return (en == DATE_NONE && p->end != DATE_NONE) || (en == DATE_NONE && d_lt(s, p->start)) ||
           d_gt(en, p->end) || d_lt(en, p->start);
}

void s903c_707(struct rctx *ctx)
{
    R903(ctx, x);
    r903_outside_care(x, T903_DOLO, DL(x)->dolo_start, outside707);
}

void s903c_708(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_dolo *d = DL(x);
    for (size_t i = 0; i < d->t.n; i++)
        if (d_le(d->dolo_start[i], d->dob[i]))
            r903_flag(x, T903_DOLO, i);
}

/* 709/710: episodes overlapping an order (both its dates given) in a placement of the
 * wrong kind. The reference tool reads a column PLACEMENT that the return does not have;
 * kith reads PLACE (differences.md). */
static void placement_under_order(const struct r903 *x, uint64_t set, bool want_in)
{
    const struct s903_dolo *d = DL(x);
    const struct s903_episodes *e = &x->y->ep;
    int start = DL_DOLO_START, end = DL_DOLO_END;
    for (size_t i = 0; i < d->t.n; i++) {
        if (!r903_present(&d->t, start, i) || !r903_present(&d->t, end, i))
            continue;
        R903_ROWS(e, d->child[i], k)
        {
            bool overlap = (d_le(d->dolo_start[i], e->dec[k]) || e->dec[k] == DATE_NONE) &&
                           d_ge(d->dolo_end[i], e->decom[k]);
            if (overlap && r903_in(set, e->place[k]) == want_in) {
                r903_flag(x, T903_DOLO, i);
                r903_flag(x, T903_EPISODES, (size_t)k);
            }
        }
    }
}

void s903c_709(struct rctx *ctx)
{
    R903(ctx, x);
    placement_under_order(x, r903_codes(CS_903_PLACEMENT, "K2 Z12 Z13"), false);
}

void s903c_710(struct rctx *ctx)
{
    R903(ctx, x);
    placement_under_order(x, r903_codes(CS_903_PLACEMENT, "K1 P1 R5 K3"), true);
}
