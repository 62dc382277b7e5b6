/*
 * SSDA903 rules on social worker episodes (SWEpisodes, from 2023/24): complete records,
 * identifiers, dates within the reporting window, one episode at a time, and a social
 * worker for every child looked after.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/ret/ssda903_rules.h"

static const struct s903_sw *SW(const struct r903 *x) { return &x->y->sw; }
static kdate year_before(const struct r903 *x) { return s903_years(x->start, -1); }

/* SW rows of each child in (SW_DECOM, SW_DEC, row) order, blank dates last. */
struct sw_key {
    uint32_t child;
    kdate decom, dec;
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

static int cmp_sw(const void *a, const void *b)
{
    const struct sw_key *x = a, *y = b;
    if (x->child != y->child)
        return x->child < y->child ? -1 : 1;
    int c = cmp_date(x->decom, y->decom);
    if (!c)
        c = cmp_date(x->dec, y->dec);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

static struct sw_key *sw_order(const struct s903_sw *s)
{
    struct sw_key *k = xreallocarray(NULL, s->t.n ? s->t.n : 1, sizeof(*k));
    for (size_t i = 0; i < s->t.n; i++)
        k[i] = (struct sw_key){s->child[i], s->sw_decom[i], s->sw_dec[i], (uint32_t)i};
    qsort(k, s->t.n, sizeof(*k), cmp_sw);
    return k;
}

/* 2023/24: a child looked after at 31 March with no complete social worker episode. The
 * reference reports the episode rows under SWEpisodes; kith reports them as episodes. */
void s903c_SW01(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_sw *s = SW(x);
    uint64_t v34 = r903_codes(CS_903_LEGAL_STATUS, "V3 V4");
    int dec = EP_DEC, decom = SW_SW_DECOM;
    for (size_t i = 0; i < e->t.n; i++) {
        if (r903_present(&e->t, dec, i) || r903_in(v34, e->ls[i]))
            continue;
        bool fail = !r903_has(&s->t, e->child[i]);
        R903_ROWS(s, e->child[i], k)
        {
            fail |= !s->sw_id[k] || !r903_present(&s->t, decom, (size_t)k) || !s->sw_reason[k];
        }
        if (fail)
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_SW01a(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    kdate cut = date_from_ymd(2023, 4, 1);
    for (size_t i = 0; i < s->t.n; i++)
        if (s->sw_decom[i] == DATE_NONE || (s->sw_decom[i] < cut && !s->sw_id[i]))
            r903_flag(x, T903_SW, i);
}

void s903c_SW01b(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    kdate cut = date_from_ymd(2023, 4, 1);
    for (size_t i = 0; i < s->t.n; i++)
        if (s->sw_decom[i] == DATE_NONE ||
            (s->sw_decom[i] >= cut && (!s->sw_id[i] || !s->sw_reason[i])))
            r903_flag(x, T903_SW, i);
}

void s903c_SW02(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    for (size_t i = 0; i < s->t.n; i++)
        if (!s->sw_id[i] || (strncmp(s->sw_id[i], "SW", 2) && strncmp(s->sw_id[i], "XX", 2)))
            r903_flag(x, T903_SW, i);
}

void s903c_SW03(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    int decom = SW_SW_DECOM;
    for (size_t i = 0; i < s->t.n; i++)
        if (!s->sw_id[i] || !r903_present(&s->t, decom, i) || !s->sw_reason[i])
            r903_flag(x, T903_SW, i);
}

static void bad(const struct r903 *x, int c)
{
    const struct s903_sw *s = SW(x);
    for (size_t i = 0; i < s->t.n; i++)
        if (s903_is_bad(&s->t, c, i))
            r903_flag(x, T903_SW, i);
}

void s903c_SW04(struct rctx *ctx)
{
    R903(ctx, x);
    bad(x, SW_SW_DECOM);
}
void s903c_SW05(struct rctx *ctx)
{
    R903(ctx, x);
    bad(x, SW_SW_DEC);
}

void s903c_SW06(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    for (size_t i = 0; i < s->t.n; i++)
        if (d_gt(s->sw_decom[i], x->end))
            r903_flag(x, T903_SW, i);
}

void s903c_SW07(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    kdate from = x->year <= 2024 ? x->start : year_before(x);
    for (size_t i = 0; i < s->t.n; i++)
        if (s->sw_dec[i] != DATE_NONE && (s->sw_dec[i] < from || s->sw_dec[i] > x->end))
            r903_flag(x, T903_SW, i);
}

void s903c_SW08(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    struct sw_key *k = sw_order(s);
    for (size_t j = 0; j + 1 < s->t.n; j++) {
        uint32_t i = k[j].row;
        if (k[j].child == S903_NO_CHILD || k[j + 1].child != k[j].child)
            continue; /* the child's last episode may be open */
        if (s->sw_dec[i] == DATE_NONE && s->sw_decom[i] != DATE_NONE)
            r903_flag(x, T903_SW, i);
    }
    free(k);
}

void s903c_SW09(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    int decom = SW_SW_DECOM, dec = SW_SW_DEC;
    for (size_t i = 0; i < s->t.n; i++) {
        const char *a = s903_raw(&s->t, decom, i), *b = s903_raw(&s->t, dec, i);
        if (d_eq(s->sw_decom[i], s->sw_dec[i]) || (a && b && !strcmp(a, b)))
            r903_flag(x, T903_SW, i);
    }
}

/* SW10: each episode starts within 7 days of the end of the one before (from 2024/25 a
 * fixed-term contract ending, FCONTA, may leave a gap). A blank date fails. */
void s903c_SW10(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    struct sw_key *k = sw_order(s);
    uint8_t fconta = r903_code(CS_903_SW_REASON, "FCONTA");
    for (size_t j = 1; j < s->t.n; j++) {
        uint32_t p = k[j - 1].row, i = k[j].row;
        if (k[j].child == S903_NO_CHILD || k[j].child != k[j - 1].child)
            continue;
        if (x->year >= 2025 && s->sw_reason[i] == fconta)
            continue;
        kdate pd = s->sw_dec[p], d = s->sw_decom[i];
        if (!(d_ge(d, s903_days(pd, -7)) && d_le(d, s903_days(pd, 7))))
            r903_flag(x, T903_SW, i);
    }
    free(k);
}

void s903c_SW11a(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    struct sw_key *k = sw_order(s);
    kdate cut = s903_days(x->end, -5);
    for (size_t j = 1; j < s->t.n; j++) {
        uint32_t p = k[j - 1].row, i = k[j].row;
        if (k[j].child == S903_NO_CHILD || k[j].child != k[j - 1].child)
            continue;
        kdate pd = s->sw_dec[p], d = s->sw_decom[i];
        if (!d_le(pd, cut))
            continue;
        if (d == DATE_NONE || !(d >= pd - 5 && d <= pd + 5))
            r903_flag(x, T903_SW, i);
    }
    free(k);
}

/* SW11b: an episode that ended in the last five days of the year needs a successor. */
void s903c_SW11b(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    struct sw_key *k = sw_order(s);
    kdate from = s903_days(x->end, -5);
    for (size_t j = 0; j < s->t.n; j++) {
        uint32_t i = k[j].row, c = k[j].child;
        if (c == S903_NO_CHILD)
            continue;
        bool first = j == 0 || k[j - 1].child != c;
        bool last = j + 1 == s->t.n || k[j + 1].child != c;
        bool late = d_ge(s->sw_dec[i], from) && d_le(s->sw_dec[i], x->end);
        /* the only episode of the child ended late */
        if (first && last && late)
            r903_flag(x, T903_SW, i);
        /* an episode after one that ended late has no start */
        if (!first) {
            uint32_t p = k[j - 1].row;
            if (d_ge(s->sw_dec[p], from) && d_le(s->sw_dec[p], x->end) &&
                s->sw_decom[i] == DATE_NONE)
                r903_flag(x, T903_SW, i);
        }
        /* an episode that ended late, with an earlier one starting before that end */
        if (!first && late && d_lt(s->sw_decom[k[j - 1].row], s->sw_dec[i]))
            r903_flag(x, T903_SW, i);
    }
    free(k);
}

/* SW12: a child looked after at 31 March has social worker episodes covering the year:
 * one starting by the end of each episode that ends care, or by the start of each that
 * starts it. */
void s903c_SW12(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_sw *s = SW(x);
    uint64_t v34 = r903_codes(CS_903_LEGAL_STATUS, "V3 V4");
    uint8_t sc = r903_code(CS_903_NEW_EPISODE_REASON, "S");
    uint8_t x1 = r903_code(CS_903_REASON_CEASED, "X1");
    kdate from = year_before(x);
    for (size_t i = 0; i < e->t.n; i++) {
        if (r903_in(v34, e->ls[i]) || !(e->rne[i] == sc || e->rec[i] != x1))
            continue;
        if (x->year >= 2025 &&
            !(e->dec[i] == DATE_NONE || (e->dec[i] >= from && e->dec[i] <= x->end)))
            continue;
        bool fail = !r903_has(&s->t, e->child[i]);
        R903_ROWS(s, e->child[i], k)
        {
            bool before_end = d_le(s->sw_decom[k], e->dec[i]) && e->rec[i] != x1;
            bool after_start = d_ge(s->sw_decom[k], e->decom[i]) && e->rne[i] == sc;
            fail |= !before_end && !after_start;
        }
        if (fail)
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_SW13(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    kdate cut = date_from_ymd(2023, 4, 1);
    for (size_t i = 0; i < s->t.n; i++) {
        bool invalid = !r903_valid(x, CS_903_SW_REASON, s->sw_reason[i]);
        if (x->year >= 2025)
            invalid = s->sw_reason[i] ? invalid : d_ge(s->sw_decom[i], cut);
        if (invalid)
            r903_flag(x, T903_SW, i);
    }
}

void s903c_SW14(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    struct sw_key *k = sw_order(s);
    for (size_t j = 0; j + 1 < s->t.n; j++) {
        uint32_t i = k[j].row;
        if (k[j].child != S903_NO_CHILD && k[j + 1].child == k[j].child &&
            s->sw_dec[i] == DATE_NONE)
            r903_flag(x, T903_SW, i);
    }
    free(k);
}

/* SW17: the child's latest social worker episode is open at 31 March. */
void s903c_SW17(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_sw *s = SW(x);
    int dec = SW_SW_DEC;
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t latest = -1;
        R903_ROWS(s, c, i)
        {
            if (latest < 0 ||
                (s->sw_decom[i] != DATE_NONE &&
                 (s->sw_decom[latest] == DATE_NONE || s->sw_decom[i] > s->sw_decom[latest])))
                latest = i;
        }
        if (latest >= 0 && r903_present(&s->t, dec, (size_t)latest))
            r903_flag(x, T903_SW, (size_t)latest);
    }
}
