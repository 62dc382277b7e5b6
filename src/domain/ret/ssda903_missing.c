/*
 * SSDA903 rules on the Missing table: periods a child was missing or away from placement
 * without authorisation, their dates, and how they sit within the child's periods of care.
 */
#include <stdlib.h>

#include "core/xalloc.h"
#include "domain/ret/ssda903_rules.h"

static const struct s903_missing *MIS(const struct r903 *x) { return &x->y->mis; }
void s903c_1004(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    for (size_t i = 0; i < m->t.n; i++)
        if (m->mis_start[i] == DATE_NONE)
            r903_flag(x, T903_MISSING, i);
}

void s903c_1005(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    int c = MI_MIS_END;
    for (size_t i = 0; i < m->t.n; i++)
        if (s903_is_bad(&m->t, c, i))
            r903_flag(x, T903_MISSING, i);
}

void s903c_1006(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    for (size_t i = 0; i < m->t.n; i++)
        if (m->missing[i] && !r903_valid(x, CS_903_MISSING, m->missing[i]))
            r903_flag(x, T903_MISSING, i);
}

void s903c_564(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    int start = MI_MIS_START;
    for (size_t i = 0; i < m->t.n; i++)
        if (r903_valid(x, CS_903_MISSING, m->missing[i]) && !r903_present(&m->t, start, i))
            r903_flag(x, T903_MISSING, i);
}

void s903c_565(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    int start = MI_MIS_START;
    for (size_t i = 0; i < m->t.n; i++)
        if (r903_present(&m->t, start, i) && !m->missing[i])
            r903_flag(x, T903_MISSING, i);
}

void s903c_566(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    int end = MI_MIS_END;
    for (size_t i = 0; i < m->t.n; i++)
        if (!m->missing[i] && r903_present(&m->t, end, i))
            r903_flag(x, T903_MISSING, i);
}

void s903c_567(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    for (size_t i = 0; i < m->t.n; i++)
        if (d_gt(m->mis_start[i], m->mis_end[i]))
            r903_flag(x, T903_MISSING, i);
}

void s903c_570(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    for (size_t i = 0; i < m->t.n; i++)
        if (d_gt(m->mis_start[i], x->end))
            r903_flag(x, T903_MISSING, i);
}

void s903c_571(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    for (size_t i = 0; i < m->t.n; i++)
        if (d_lt(m->mis_end[i], x->start) || d_gt(m->mis_end[i], x->end))
            r903_flag(x, T903_MISSING, i);
}

/* 574: a child's periods in order of end (the start when open) then start: none may start
 * while the one before is open or before it ended. */
struct mis_key {
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

static int cmp_mis(const void *a, const void *b)
{
    const struct mis_key *x = a, *y = b;
    if (x->child != y->child)
        return x->child < y->child ? -1 : 1;
    int c = cmp_date(x->end, y->end);
    if (!c)
        c = cmp_date(x->start, y->start);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

void s903c_574(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    size_t n = m->t.n;
    struct mis_key *k = xreallocarray(NULL, n ? n : 1, sizeof(*k));
    for (size_t i = 0; i < n; i++) {
        kdate end = m->mis_end[i] != DATE_NONE ? m->mis_end[i] : m->mis_start[i];
        k[i] = (struct mis_key){m->child[i], end, m->mis_start[i], (uint32_t)i};
    }
    qsort(k, n, sizeof(*k), cmp_mis);
    for (size_t j = 1; j < n; j++) {
        uint32_t p = k[j - 1].row, i = k[j].row;
        if (k[j].child == S903_NO_CHILD || k[j].child != k[j - 1].child)
            continue;
        if (m->mis_end[p] == DATE_NONE || d_lt(m->mis_start[i], m->mis_end[p]))
            r903_flag(x, T903_MISSING, i);
    }
    free(k);
}

void s903c_575(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    const struct s903_episodes *e = &x->y->ep;
    int end = MI_MIS_END;
    for (size_t i = 0; i < m->t.n; i++) {
        if (r903_present(&m->t, end, i))
            continue;
        R903_ROWS(e, m->child[i], k)
        {
            if (d_ge(m->mis_start[i], e->decom[k]) && d_le(m->mis_start[i], e->dec[k])) {
                r903_flag(x, T903_MISSING, i);
                break;
            }
        }
    }
}

/* 577: a missing period still open when the child left care, or reaching outside it. */
static bool outside577(const struct r903 *x, size_t i, const struct r903_poc *p)
{
    const struct s903_missing *m = MIS(x);
    kdate s = m->mis_start[i], en = m->mis_end[i];
    return (en == DATE_NONE && p->end != DATE_NONE) || (en == DATE_NONE && d_lt(s, p->start)) ||
           d_gt(en, p->end) || d_lt(en, p->start);
}

void s903c_577(struct rctx *ctx)
{
    R903(ctx, x);
    r903_outside_care(x, T903_MISSING, MIS(x)->mis_start, outside577);
}

static bool outside578(const struct r903 *x, size_t i, const struct r903_poc *p)
{
    kdate s = MIS(x)->mis_start[i];
    return d_lt(s, p->start) || (p->end != DATE_NONE && d_gt(s, p->end));
}

void s903c_578(struct rctx *ctx)
{
    R903(ctx, x);
    r903_outside_care(x, T903_MISSING, NULL, outside578);
}

void s903c_580(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    const struct s903_episodes *e = &x->y->ep;
    uint8_t e8 = r903_code(CS_903_REASON_CEASED, "E8");
    for (size_t i = 0; i < m->t.n; i++) {
        kdate end = m->mis_end[i];
        if (!d_eq(s903_years(m->dob[i], 18), end))
            continue;
        R903_ROWS(e, m->child[i], k)
        {
            if (d_eq(end, e->dec[k]) && e->rec[k] != e8)
                r903_flag(x, T903_EPISODES, (size_t)k);
        }
    }
}

void s903c_581(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < m->t.n; i++) {
        if (!r903_has(&e->t, m->child[i]))
            continue;
        bool in_care = false;
        R903_ROWS(e, m->child[i], k)
        {
            in_care |= d_ge(m->mis_start[i], e->decom[k]) &&
                       (d_le(m->mis_start[i], e->dec[k]) || e->dec[k] == DATE_NONE);
        }
        if (!in_care)
            r903_flag(x, T903_MISSING, i);
    }
}

void s903c_586(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = MIS(x);
    for (size_t i = 0; i < m->t.n; i++)
        if (d_le(m->mis_start[i], m->dob[i]))
            r903_flag(x, T903_MISSING, i);
}
