/*
 * SSDA903 rules on episodes of care: code and date validity, the sequence of a child's
 * episodes (each continues the last, nothing overlaps, a period of care starts with S),
 * the limits the Children Act and the placement regulations set on legal statuses and
 * placements, and the reasons an episode ends.
 *
 * Rules that walk a child's episodes in date order use the return's shared order
 * (child, DECOM, DEC, row; blank dates last), which is the order the DfE's "previous" and
 * "next" episode mean.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/ret/ssda903_rules.h"

#define CS_RNE CS_903_NEW_EPISODE_REASON
#define CS_LS CS_903_LEGAL_STATUS
#define CS_CIN CS_903_CATEGORY_OF_NEED
#define CS_PL CS_903_PLACEMENT
#define CS_PR CS_903_PROVIDER
#define CS_REC CS_903_REASON_CEASED
#define CS_RPC CS_903_PLACEMENT_CHANGE_REASON

#define TEMP "T0 T1 T2 T3 T4"

static const struct s903_episodes *EP(const struct r903 *x) { return &x->y->ep; }

/* Each episode whose code in `v` is present but not a valid code of the year. */
static void invalid_code(const struct r903 *x, const uint8_t *v, enum codeset_id cs)
{
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (v[i] && !r903_valid(x, cs, v[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_143(struct rctx *ctx)
{
    R903(ctx, x);
    invalid_code(x, EP(x)->rne, CS_RNE);
}
void s903c_144(struct rctx *ctx)
{
    R903(ctx, x);
    invalid_code(x, EP(x)->ls, CS_LS);
}
void s903c_145(struct rctx *ctx)
{
    R903(ctx, x);
    invalid_code(x, EP(x)->cin, CS_CIN);
}
void s903c_146(struct rctx *ctx)
{
    R903(ctx, x);
    invalid_code(x, EP(x)->place, CS_PL);
}
void s903c_149(struct rctx *ctx)
{
    R903(ctx, x);
    invalid_code(x, EP(x)->rec, CS_REC);
}
void s903c_1009(struct rctx *ctx)
{
    R903(ctx, x);
    invalid_code(x, EP(x)->rpc, CS_RPC);
}

static void bad_date(const struct r903 *x, int c)
{
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (s903_is_bad(&e->t, c, i))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_141(struct rctx *ctx)
{
    R903(ctx, x);
    bad_date(x, EP_DECOM);
}
void s903c_147(struct rctx *ctx)
{
    R903(ctx, x);
    bad_date(x, EP_DEC);
}

/* The end of the child's run of rows in the shared order starting at position k. */
static size_t group_end(const struct s903_episodes *e, size_t k)
{
    uint32_t c = e->child[e->order[k]];
    while (k < e->t.n && e->child[e->order[k]] == c)
        k++;
    return k;
}

void s903c_142(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t k = 0; k < e->t.n;) {
        size_t end = group_end(e, k);
        for (size_t p = k; p + 1 < end; p++) {
            uint32_t i = e->order[p];
            if (e->child[i] != S903_NO_CHILD && e->decom[i] != DATE_NONE &&
                (e->dec[i] == DATE_NONE || !e->rec[i]))
                r903_flag(x, T903_EPISODES, i);
        }
        k = end;
    }
}

void s903c_148(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    int dec = EP_DEC;
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_present(&e->t, dec, i) != (e->rec[i] != 0))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_178(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    /* The reference list for 2025/26 leaves out T4 (213 still covers it). */
    uint64_t none = r903_codes(CS_PL, x->year <= 2025 ? TEMP " Z1" : "T0 T1 T2 T3 Z11 Z12 Z13 Z14");
    for (size_t i = 0; i < e->t.n; i++)
        if (e->provider[i] && (!r903_valid(x, CS_PR, e->provider[i]) || r903_in(none, e->place[i])))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_213(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t none = r903_codes(CS_PL, x->year <= 2025 ? TEMP : TEMP " Z11 Z12 Z13 Z14");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(none, e->place[i]) && e->provider[i])
            r903_flag(x, T903_EPISODES, i);
}

static bool short_break(const struct s903_episodes *e, size_t i, uint64_t v34)
{
    return r903_in(v34, e->ls[i]);
}

void s903c_214(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t v34 = r903_codes(CS_LS, "V3 V4");
    for (size_t i = 0; i < e->t.n; i++)
        if (short_break(e, i, v34) && (e->pl_post[i] || e->urn[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_217(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t a35 = r903_codes(CS_PL, "A3 A5"), stu = r903_codes(CS_RNE, "S T U");
    kdate from = date_from_ymd(2015, 4, 1);
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(a35, e->place[i]) && d_ge(e->decom[i], from) && !r903_in(stu, e->rne[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_217t(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t p2 = r903_code(CS_PL, "P2");
    kdate cut = date_from_ymd(2023, 10, 28);
    for (size_t i = 0; i < e->t.n; i++)
        if (e->place[i] == p2 && (e->dec[i] == DATE_NONE || e->dec[i] > cut))
            r903_flag(x, T903_EPISODES, i);
}

static bool urn_given(const char *urn) { return urn && strcmp(urn, "XXXXXXX"); }

void s903c_222(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const char *list = x->year <= 2023   ? "H5 P1 P2 P3 R1 R2 R5 " TEMP " Z1"
                       : x->year <= 2024 ? "P1 P2 P3 R1 R2 R5 " TEMP " Z1"
                       : x->year <= 2025 ? "P1 P3 R1 R2 R5 " TEMP " Z1"
                                         : "P1 P3 R1 R2 R5 " TEMP " Z11 Z12 Z13 Z14";
    uint64_t no_urn = r903_codes(CS_PL, list);
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(no_urn, e->place[i]) && urn_given(e->urn[i]))
            r903_flag(x, T903_EPISODES, i);
}

/* For each pair of a child's consecutive episodes (shared order), call fn(prev, cur). */
static void each_pair(const struct r903 *x, void (*fn)(const struct r903 *, uint32_t, uint32_t))
{
    const struct s903_episodes *e = EP(x);
    for (size_t k = 1; k < e->t.n; k++) {
        uint32_t p = e->order[k - 1], i = e->order[k];
        if (e->child[p] == e->child[i] && e->child[i] != S903_NO_CHILD)
            fn(x, p, i);
    }
}

static void pair225(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    uint64_t temp = x->set[0], pbtu = x->set[1];
    if (e->rec[p] == x->code[0] && !e->rpc[p] && !r903_in(temp, e->place[p]) &&
        r903_in(pbtu, e->rne[i]) && !r903_in(temp, e->place[i]))
        r903_flag(x, T903_EPISODES, p);
}

void s903c_225(struct rctx *ctx)
{
    R903(ctx, x);
    x->set[0] = r903_codes(CS_PL, TEMP);
    x->set[1] = r903_codes(CS_RNE, "P B T U");
    x->code[0] = r903_code(CS_REC, "X1");
    each_pair(x, pair225);
}

void s903c_226(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t temp = r903_codes(CS_PL, TEMP);
    for (size_t k = 0; k < e->t.n; k++) {
        uint32_t i = e->order[k];
        bool prev = k > 0 && e->child[e->order[k - 1]] == e->child[i] &&
                    e->child[i] != S903_NO_CHILD && e->rpc[e->order[k - 1]];
        if (r903_in(temp, e->place[i]) && (e->rpc[i] || prev))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_233(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    int dec = EP_DEC;
    for (size_t i = 0; i < e->t.n; i++)
        if (!r903_present(&e->t, dec, i) && e->rpc[i])
            r903_flag(x, T903_EPISODES, i);
}

void s903c_353(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    kdate min = date_from_ymd(1991, 10, 14);
    for (size_t i = 0; i < e->t.n; i++)
        if (d_lt(e->decom[i], min))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_354(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (d_gt(e->decom[i], x->end))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_355(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    int decom = EP_DECOM, dec = EP_DEC;
    for (size_t i = 0; i < e->t.n; i++) {
        const char *a = s903_raw(&e->t, decom, i), *b = s903_raw(&e->t, dec, i);
        if (d_eq(e->decom[i], e->dec[i]) || (a && b && !strcmp(a, b)))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_356(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (d_lt(e->dec[i], e->decom[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_357(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t s = r903_code(CS_RNE, "S");
    for (size_t k = 0; k < e->t.n;) {
        size_t end = group_end(e, k);
        uint32_t i = e->order[k];
        if (e->child[i] != S903_NO_CHILD && d_ge(e->decom[i], x->start) && e->rne[i] != s)
            r903_flag(x, T903_EPISODES, i);
        k = end;
    }
}

void s903c_358(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint64_t j = r903_codes(CS_LS, "J1 J2 J3");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!r903_in(j, e->ls[i]))
            continue;
        R903_ROWS(h, e->child[i], hr)
        {
            if (d_ge(s903_years(h->dob[hr], 10), e->decom[i])) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_HEADER, (size_t)hr);
            }
        }
    }
}

void s903c_359(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint8_t v2 = r903_code(CS_LS, "V2"), k2 = r903_code(CS_PL, "K2");
    int dec = EP_DEC;
    for (size_t i = 0; i < e->t.n; i++) {
        if (r903_present(&e->t, dec, i) || (e->ls[i] == v2 && e->place[i] == k2))
            continue;
        R903_ROWS(h, e->child[i], hr)
        {
            if (d_lt(s903_years(h->dob[hr], 18), x->end))
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

/* 361/362: a run of a child's episodes under one legal status, joined when each ends on the
 * day the next episode of the child starts, must not last longer than `days`. */
static void legal_status_run(const struct r903 *x, const char *ls, int days)
{
    const struct s903_episodes *e = EP(x);
    uint8_t code = r903_code(CS_LS, ls);
    size_t n = e->t.n;
    uint32_t *run = xreallocarray(NULL, n ? n : 1, sizeof(uint32_t));
    size_t nrun = 0;
    kdate lo = DATE_NONE, hi = DATE_NONE;
    uint32_t child = S903_NO_CHILD;
    bool flows = false; /* the previous episode of this status ran into its next episode */
    for (size_t k = 0; k <= n; k++) {
        uint32_t i = k < n ? e->order[k] : 0;
        bool take = k < n && e->ls[i] == code;
        if (k == n || (take && (!flows || e->child[i] != child))) {
            /* a new run starts (or the input ends): close the one before */
            if (nrun && lo != DATE_NONE && hi != DATE_NONE && hi - lo > days)
                for (size_t r = 0; r < nrun; r++)
                    r903_flag(x, T903_EPISODES, run[r]);
            nrun = 0;
            lo = hi = DATE_NONE;
            child = k < n ? e->child[i] : S903_NO_CHILD;
        }
        if (!take)
            continue;
        kdate dec = e->dec[i] == DATE_NONE && !s903_is_bad(&e->t, EP_DEC, i) ? x->end : e->dec[i];
        run[nrun++] = i;
        if (e->decom[i] != DATE_NONE && (lo == DATE_NONE || e->decom[i] < lo))
            lo = e->decom[i];
        if (dec != DATE_NONE && (hi == DATE_NONE || dec > hi))
            hi = dec;
        uint32_t nx = k + 1 < n ? e->order[k + 1] : S903_NO_CHILD;
        flows = nx != S903_NO_CHILD && e->child[nx] == e->child[i] && d_eq(dec, e->decom[nx]);
    }
    free(run);
}

void s903c_361(struct rctx *ctx)
{
    R903(ctx, x);
    legal_status_run(x, "L1", 3);
}
void s903c_362(struct rctx *ctx)
{
    R903(ctx, x);
    legal_status_run(x, "L2", 21);
}

/* 363/364: consecutive rows of the file under one legal status, for the same child and
 * each starting on or before the previous ended, are one period that must not last longer
 * than `days` (blank end dates count as 31 March). */
static void legal_status_period(const struct r903 *x, const char *ls, int days)
{
    const struct s903_episodes *e = EP(x);
    uint8_t code = r903_code(CS_LS, ls);
    int dec_col = EP_DEC;
    size_t n = e->t.n;
    uint32_t *rows = xreallocarray(NULL, n ? n : 1, sizeof(uint32_t));
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (e->ls[i] == code && e->decom[i] != DATE_NONE)
            rows[m++] = (uint32_t)i;
    kdate prev_dec = DATE_NONE;
    uint32_t prev_child = S903_NO_CHILD;
    size_t start = 0;
    long total = 0;
    for (size_t k = 0; k <= m; k++) {
        uint32_t i = k < m ? rows[k] : 0;
        kdate dec = DATE_NONE;
        if (k < m)
            dec = e->dec[i] == DATE_NONE && !s903_is_bad(&e->t, dec_col, i) ? x->end : e->dec[i];
        bool new_period = k == m || k == 0 || e->child[i] != prev_child ||
                          e->child[i] == S903_NO_CHILD || d_gt(e->decom[i], prev_dec);
        if (new_period) {
            if (k > 0 && total > days)
                for (size_t r = start; r < k; r++)
                    r903_flag(x, T903_EPISODES, rows[r]);
            start = k;
            total = 0;
        }
        if (k < m) {
            if (dec != DATE_NONE)
                total += dec - e->decom[i];
            prev_dec = dec;
            prev_child = e->child[i];
        }
    }
    free(rows);
}

void s903c_363(struct rctx *ctx)
{
    R903(ctx, x);
    legal_status_period(x, "L3", 7);
}
void s903c_364(struct rctx *ctx)
{
    R903(ctx, x);
    legal_status_period(x, "J2", 21);
}

void s903c_365(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t v3 = r903_code(CS_LS, "V3");
    int dec_col = EP_DEC;
    for (size_t i = 0; i < e->t.n; i++) {
        kdate dec = e->dec[i] == DATE_NONE && !s903_is_bad(&e->t, dec_col, i) ? x->end : e->dec[i];
        if (e->ls[i] == v3 && d_gt(dec, s903_days(e->decom[i], 17)))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_366(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t v3 = r903_code(CS_LS, "V3"), s = r903_code(CS_RNE, "S");
    for (size_t i = 0; i < e->t.n; i++)
        if (e->ls[i] == v3 && e->rne[i] != s)
            r903_flag(x, T903_EPISODES, i);
}

void s903c_367(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t v3 = r903_code(CS_LS, "V3");
    int dec_col = EP_DEC;
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        long total = 0;
        R903_ROWS(e, c, i)
        {
            if (e->ls[i] != v3 || e->decom[i] == DATE_NONE)
                continue;
            kdate from = e->decom[i] < x->start ? x->start : e->decom[i];
            kdate to = e->dec[i];
            if (!s903_is_bad(&e->t, dec_col, (size_t)i) && (to == DATE_NONE || to > x->end))
                to = x->end;
            if (to != DATE_NONE && to - from > 0)
                total += to - from;
        }
        if (total <= 75)
            continue;
        R903_ROWS(e, c, i)
        {
            if (e->ls[i] != v3 || e->decom[i] == DATE_NONE)
                continue;
            kdate from = e->decom[i] < x->start ? x->start : e->decom[i];
            kdate to = e->dec[i];
            if (!s903_is_bad(&e->t, dec_col, (size_t)i) && (to == DATE_NONE || to > x->end))
                to = x->end;
            if (to != DATE_NONE && to - from > 0)
                r903_flag(x, T903_EPISODES, (size_t)i);
        }
    }
}

/* Placement `place` started before the child's `years`th birthday (closed episodes of
 * children in the header with a date of birth). */
static void placed_too_young(const struct r903 *x, const char *place, int years)
{
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint8_t p = r903_code(CS_PL, place);
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->place[i] != p || e->decom[i] == DATE_NONE || e->dec[i] == DATE_NONE)
            continue;
        R903_ROWS(h, e->child[i], hr)
        {
            if (d_lt(e->decom[i], s903_years(h->dob[hr], years)))
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

void s903c_370(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_young(x, "P2", x->year <= 2023 ? 15 : 16);
}
void s903c_371(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_young(x, x->year <= 2024 ? "H5" : "K3", x->year <= 2023 ? 14 : 16);
}
void s903c_372(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_young(x, "R5", 10);
}
void s903c_373(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_young(x, "S1", 4);
}
void s903c_374(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_young(x, "P3", 14);
}

/* Temporary placement `place` lasting more than `days` (closed episodes of children in the
 * header with a date of birth, as the reference tool reads it). */
static void placed_too_long(const struct r903 *x, const char *place, int days)
{
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint8_t p = r903_code(CS_PL, place);
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->place[i] != p || !d_gt(e->dec[i], s903_days(e->decom[i], days)))
            continue;
        R903_ROWS(h, e->child[i], hr)
        {
            if (h->dob[hr] != DATE_NONE)
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

void s903c_375(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_long(x, "T1", 42);
}
void s903c_376(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_long(x, "T3", 21);
}
void s903c_379(struct rctx *ctx)
{
    R903(ctx, x);
    placed_too_long(x, "T4", 7);
}

void s903c_377(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t t3 = r903_code(CS_PL, "T3");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int count = 0;
        R903_ROWS(e, c, i) { count += e->place[i] == t3; }
        if (count <= 2)
            continue;
        R903_ROWS(e, c, i)
        {
            if (e->place[i] == t3)
                r903_flag(x, T903_EPISODES, (size_t)i);
        }
    }
}

void s903c_378(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t p1 = r903_code(CS_PL, "P1"), v2 = r903_code(CS_LS, "V2");
    for (size_t i = 0; i < e->t.n; i++)
        if (e->place[i] == p1 && e->ls[i] == v2)
            r903_flag(x, T903_EPISODES, i);
}

void s903c_380(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t temp = r903_codes(CS_PL, TEMP), pb = r903_codes(CS_RNE, "P B");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(temp, e->place[i]) && !r903_in(pb, e->rne[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_381(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t temp = r903_codes(CS_PL, TEMP);
    uint8_t x1 = r903_code(CS_REC, "X1");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(temp, e->place[i]) && e->rec[i] && e->rec[i] != x1)
            r903_flag(x, T903_EPISODES, i);
}

void s903c_382(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t temp = r903_codes(CS_PL, TEMP), v34 = r903_codes(CS_LS, "V3 V4");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(v34, e->ls[i]) && r903_in(temp, e->place[i]))
            r903_flag(x, T903_EPISODES, i);
}

/* Two texts differ, a blank differing from everything including another blank (the
 * reference's comparison). */
static bool ne_text(const char *a, const char *b) { return !a || !b || strcmp(a, b); }

static bool ne_code(const struct s903_tab *t, int c, size_t i, size_t j, const uint8_t *v)
{
    if (!v[i] || !v[j])
        return true;
    if (v[i] == S903_BAD && v[j] == S903_BAD)
        return strcmp(s903_raw(t, c, i), s903_raw(t, c, j)) != 0;
    return v[i] != v[j];
}

void s903c_383(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t temp = r903_codes(CS_PL, TEMP);
    uint8_t p = r903_code(CS_RNE, "P");
    int place = EP_PLACE;
    for (size_t k = 2; k < e->t.n; k++) {
        uint32_t a = e->order[k - 2], b = e->order[k - 1], i = e->order[k];
        if (e->child[i] == S903_NO_CHILD || e->child[a] != e->child[i] ||
            e->child[b] != e->child[i] || !r903_in(temp, e->place[b]))
            continue;
        if (e->rne[i] != p || ne_code(&e->t, place, i, a, e->place) ||
            (x->year >= 2026 && ne_text(e->pl_post[i], e->pl_post[a])))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_384(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t v34 = r903_codes(CS_LS, "V3 V4"), u14 = r903_codes(CS_PL, "U1 U4");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(v34, e->ls[i]) && r903_in(u14, e->place[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_385(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (d_gt(e->dec[i], x->end))
            r903_flag(x, T903_EPISODES, i);
}

/* Whether some header row of child c fails `older(dob)`, a child with no header row
 * failing it too (a missing date of birth, as a left join with the header reads). */
static bool some_dob_fails(const struct s903_header *h, uint32_t c, kdate on, int years)
{
    if (!r903_has(&h->t, c))
        return true;
    R903_ROWS(h, c, hr)
    {
        if (!d_le(s903_years(h->dob[hr], years), on))
            return true;
    }
    return false;
}

void s903c_386(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!r903_in(adopted, e->rec[i]))
            continue;
        R903_ROWS(h, e->child[i], hr)
        {
            if (d_le(s903_years(h->dob[hr], 18), e->dec[i]))
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

void s903c_387(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint64_t indep = r903_codes(CS_REC, "E5 E6");
    for (size_t i = 0; i < e->t.n; i++) {
        if (r903_in(indep, e->rec[i]) && e->dec[i] != DATE_NONE &&
            some_dob_fails(h, e->child[i], e->dec[i], 14))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_388(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t x1 = r903_code(CS_REC, "X1");
    for (size_t k = 0; k < e->t.n; k++) {
        uint32_t i = e->order[k];
        if (e->child[i] == S903_NO_CHILD)
            continue;
        bool last = k + 1 == e->t.n || e->child[e->order[k + 1]] != e->child[i];
        if (last) {
            if (e->dec[i] != DATE_NONE && e->rec[i] == x1)
                r903_flag(x, T903_EPISODES, i);
            continue;
        }
        kdate next = e->decom[e->order[k + 1]];
        /* a blank start date in the next episode sorts last; it still follows */
        if (e->dec[i] == DATE_NONE || next == DATE_NONE)
            continue;
        if ((e->rec[i] == x1 && e->dec[i] != next) ||
            (e->rec[i] && e->rec[i] != x1 && e->dec[i] == next))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_389(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint8_t e7 = r903_code(CS_REC, "E7");
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->rec[i] == e7 && some_dob_fails(h, e->child[i], e->dec[i], 16))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_390(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t adopted = r903_codes(CS_REC, "E11 E12"), a = r903_codes(CS_PL, "A3 A4 A5 A6");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(adopted, e->rec[i]) && !r903_in(a, e->place[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_398(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t v34 = r903_codes(CS_LS, "V3 V4");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(v34, e->ls[i]) && (e->home_post[i] || e->pl_post[i]))
            r903_flag(x, T903_EPISODES, i);
}

/* Children whose every episode is a short break have no mother status or reviews. */
void s903c_399(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    const struct s903_reviews *rv = &x->y->rev;
    uint64_t v34 = r903_codes(CS_LS, "V3 V4");
    int review = RV_REVIEW;
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        bool any = false, all = true, mother = false, reviewed = false;
        R903_ROWS(e, c, i)
        {
            any = true;
            all &= r903_in(v34, e->ls[i]);
        }
        if (!any || !all)
            continue;
        R903_ROWS(h, c, hr) { mother |= h->mother[hr] != 0; }
        R903_ROWS(rv, c, k)
        {
            bool given = r903_present(&rv->t, review, (size_t)k) || rv->code[k];
            reviewed |= given;
            if (given || mother)
                r903_flag(x, T903_REVIEWS, (size_t)k);
        }
        if (!mother && !reviewed)
            continue;
        R903_ROWS(h, c, hr)
        {
            if (h->mother[hr] || reviewed)
                r903_flag(x, T903_HEADER, (size_t)hr);
        }
        R903_ROWS(e, c, i) { r903_flag(x, T903_EPISODES, (size_t)i); }
    }
}

void s903c_407(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint64_t sgo = r903_codes(CS_REC, "E45 E46 E47 E48");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!r903_in(sgo, e->rec[i]))
            continue;
        R903_ROWS(h, e->child[i], hr)
        {
            if (d_lt(s903_years(h->dob[hr], 18), e->dec[i])) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_HEADER, (size_t)hr);
            }
        }
    }
}

void s903c_408(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t a56 = r903_codes(CS_PL, "A5 A6");
    uint8_t e1 = r903_code(CS_LS, "E1");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(a56, e->place[i]) && e->ls[i] != e1)
            r903_flag(x, T903_EPISODES, i);
}

void s903c_426(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t v3 = r903_code(CS_LS, "V3"), v4 = r903_code(CS_LS, "V4");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        bool has3 = false, has4 = false;
        R903_ROWS(e, c, i)
        {
            has3 |= e->ls[i] == v3;
            has4 |= e->ls[i] == v4;
        }
        if (has3 && has4)
            R903_ROWS(e, c, i)
            {
                if (e->ls[i] == v3 || e->ls[i] == v4)
                    r903_flag(x, T903_EPISODES, (size_t)i);
            }
    }
}

static void pair431(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    if (e->rne[i] == x->code[0] && d_le(e->decom[i], e->dec[p]))
        r903_flag(x, T903_EPISODES, i);
}

void s903c_431(struct rctx *ctx)
{
    R903(ctx, x);
    x->code[0] = r903_code(CS_RNE, "S");
    each_pair(x, pair431);
}

static void pair432(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    if (r903_in(x->set[0], e->rec[p]) && e->rne[i] != x->code[0])
        r903_flag(x, T903_EPISODES, i);
}

void s903c_432(struct rctx *ctx)
{
    R903(ctx, x);
    x->set[0] = r903_codes(CS_REC, "E2 E3 E4A E4B E5 E6 E7 E8 E9 E11 E12 E13 E14 E15 E16 E17 "
                                   "E41 E45 E46 E47 E48");
    x->code[0] = r903_code(CS_RNE, "S");
    each_pair(x, pair432);
}

static void pair433(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    int decom = EP_DECOM, dec = EP_DEC;
    if (!r903_in(x->set[0], e->rne[i]))
        return;
    bool prev_blank = !r903_present(&e->t, dec, p), cur_blank = !r903_present(&e->t, decom, i);
    bool same;
    if (e->dec[p] != DATE_NONE || e->decom[i] != DATE_NONE)
        same = e->dec[p] == e->decom[i];
    else
        same = !prev_blank && !cur_blank &&
               !strcmp(s903_raw(&e->t, dec, p), s903_raw(&e->t, decom, i));
    if (!same || prev_blank || cur_blank)
        r903_flag(x, T903_EPISODES, i);
}

void s903c_433(struct rctx *ctx)
{
    R903(ctx, x);
    x->set[0] = r903_codes(CS_RNE, "P L T U B");
    each_pair(x, pair433);
}

/* Whether the placement (type, postcode, URN, provider) of two episodes is the same; blank
 * equals blank when `blank_equal`. */
static bool same_placement(const struct s903_episodes *e, uint32_t a, uint32_t b, bool blank_equal)
{
    int place = EP_PLACE, prov = EP_PLACE_PROVIDER;
    bool pl = e->place[a] == e->place[b] &&
              (e->place[a] ? !ne_code(&e->t, place, a, b, e->place) : blank_equal);
    bool pr = e->provider[a] == e->provider[b] &&
              (e->provider[a] ? !ne_code(&e->t, prov, a, b, e->provider) : blank_equal);
    bool post =
        (e->pl_post[a] || e->pl_post[b]) ? !ne_text(e->pl_post[a], e->pl_post[b]) : blank_equal;
    bool urn = (e->urn[a] || e->urn[b]) ? !ne_text(e->urn[a], e->urn[b]) : blank_equal;
    return pl && pr && post && urn;
}

static bool same_ls(const struct s903_episodes *e, uint32_t a, uint32_t b, bool blank_equal)
{
    if (!e->ls[a] || !e->ls[b])
        return blank_equal && !e->ls[a] && !e->ls[b];
    return !ne_code(&e->t, EP_LS, a, b, e->ls);
}

static void pair434(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    if (e->rne[i] == x->code[0] && (same_ls(e, p, i, false) || !same_placement(e, p, i, true)))
        r903_flag(x, T903_EPISODES, i);
}

void s903c_434(struct rctx *ctx)
{
    R903(ctx, x);
    x->code[0] = r903_code(CS_RNE, "L");
    each_pair(x, pair434);
}

static void pair435(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    if (r903_in(x->set[0], e->rne[i]) &&
        (!same_ls(e, p, i, false) || same_placement(e, p, i, false)))
        r903_flag(x, T903_EPISODES, i);
}

void s903c_435(struct rctx *ctx)
{
    R903(ctx, x);
    x->set[0] = r903_codes(CS_RNE, "P T");
    each_pair(x, pair435);
}

static void pair436(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    if (r903_in(x->set[0], e->rne[i]) && (same_ls(e, p, i, true) || same_placement(e, p, i, true)))
        r903_flag(x, T903_EPISODES, i);
}

void s903c_436(struct rctx *ctx)
{
    R903(ctx, x);
    x->set[0] = r903_codes(CS_RNE, "U B");
    each_pair(x, pair436);
}

void s903c_437(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t end = r903_codes(CS_REC, "E2 E15");
    for (size_t k = 0; k + 1 < e->t.n; k++) {
        uint32_t i = e->order[k], nx = e->order[k + 1];
        if (e->decom[i] != DATE_NONE && r903_in(end, e->rec[i]) && e->child[i] != S903_NO_CHILD &&
            e->child[nx] == e->child[i])
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_445(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t d1 = r903_code(CS_LS, "D1");
    kdate cut = date_from_ymd(2005, 12, 31);
    for (size_t i = 0; i < e->t.n; i++)
        if (e->ls[i] == d1 && d_gt(e->decom[i], cut))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_446(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t e1 = r903_code(CS_LS, "E1");
    kdate cut = date_from_ymd(2005, 12, 1);
    for (size_t i = 0; i < e->t.n; i++)
        if (e->ls[i] == e1 && d_lt(e->decom[i], cut))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_451(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t d1 = r903_code(CS_LS, "D1");
    int dec = EP_DEC;
    for (size_t i = 0; i < e->t.n; i++)
        if (!r903_present(&e->t, dec, i) && !e->rec[i] && e->ls[i] == d1)
            r903_flag(x, T903_EPISODES, i);
}

void s903c_460(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct s903_header *h = &x->y->header;
    uint8_t e17 = r903_code(CS_REC, "E17");
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->rec[i] != e17)
            continue;
        R903_ROWS(h, e->child[i], hr)
        {
            if (d_gt(s903_years(h->dob[hr], 18), e->dec[i]))
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

static void pair501(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    if (d_lt(e->decom[i], e->dec[p]))
        r903_flag(x, T903_EPISODES, i);
}

void s903c_501(struct rctx *ctx)
{
    R903(ctx, x);
    each_pair(x, pair501);
}

static void pair504(const struct r903 *x, uint32_t p, uint32_t i)
{
    const struct s903_episodes *e = EP(x);
    if (e->rec[p] == x->code[0] && d_eq(e->dec[p], e->decom[i]) &&
        ne_code(&e->t, EP_CIN, i, p, e->cin))
        r903_flag(x, T903_EPISODES, i);
}

void s903c_504(struct rctx *ctx)
{
    R903(ctx, x);
    x->code[0] = r903_code(CS_REC, "X1");
    each_pair(x, pair504);
}

void s903c_516(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t sgo = r903_codes(CS_REC, "E45 E46"), u = r903_codes(CS_PL, "U1 U2 U3 U4 U5 U6");
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(sgo, e->rec[i]) && !r903_in(u, e->place[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_526(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint64_t none = r903_codes(CS_PL, x->year <= 2025 ? TEMP " Z1" : TEMP " Z11 Z12 Z13 Z14");
    for (size_t i = 0; i < e->t.n; i++)
        if (!r903_in(none, e->place[i]) && !e->provider[i])
            r903_flag(x, T903_EPISODES, i);
}

static void place_provider(const struct r903 *x, const char *places, const char *provider)
{
    const struct s903_episodes *e = EP(x);
    uint64_t pl = r903_codes(CS_PL, places);
    uint8_t pr = r903_code(CS_PR, provider);
    for (size_t i = 0; i < e->t.n; i++)
        if (r903_in(pl, e->place[i]) && e->provider[i] == pr)
            r903_flag(x, T903_EPISODES, i);
}

void s903c_527(struct rctx *ctx)
{
    R903(ctx, x);
    place_provider(x, "P1 R2 R5", "PR1");
}
void s903c_528(struct rctx *ctx)
{
    R903(ctx, x);
    place_provider(x, "P1 R2 R5", "PR2");
}
void s903c_529(struct rctx *ctx)
{
    R903(ctx, x);
    place_provider(x, "A3 A4 A5 A6 K1 K2 P1 U1 U2 U3 U4 U5 U6", "PR3");
}
void s903c_530(struct rctx *ctx)
{
    R903(ctx, x);
    place_provider(x, "P1", "PR4");
}
void s903c_531(struct rctx *ctx)
{
    R903(ctx, x);
    place_provider(x, "P1", "PR5");
}

void s903c_550(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t p1 = r903_code(CS_PL, "P1"), pr0 = r903_code(CS_PR, "PR0");
    for (size_t i = 0; i < e->t.n; i++)
        if (e->place[i] != p1 && e->provider[i] == pr0)
            r903_flag(x, T903_EPISODES, i);
}

/* 199: after a child's first adoption (this year or last), no further episode. */
struct ep_ref {
    uint32_t child;
    kdate decom;
    uint32_t row; /* this year's row, or UINT32_MAX for last year's */
    bool adopted;
};

static int cmp_ref(const void *a, const void *b)
{
    const struct ep_ref *x = a, *y = b;
    if (x->child != y->child)
        return x->child < y->child ? -1 : 1;
    if (x->decom != y->decom)
        return x->decom < y->decom ? -1 : 1;
    /* last year's first, then file order */
    if (x->row != y->row)
        return x->row < y->row ? 1 : -1;
    return 0;
}

/* The child's references (both years), in cmp_ref's order: few, nearly in order already. */
static void order_refs(struct ep_ref *v, size_t m)
{
    for (size_t i = 1; i < m; i++) {
        struct ep_ref x = v[i];
        size_t k = i;
        for (; k > 0 && cmp_ref(&v[k - 1], &x) > 0; k--)
            v[k] = v[k - 1];
        v[k] = x;
    }
}

void s903c_199(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x), *l = &x->ly->ep;
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    size_t ie = 0, il = 0, cap = 16;
    struct ep_ref *v = xreallocarray(NULL, cap, sizeof(*v));
    /* both years' episodes in child order (the view's), a child at a time; rows with no
     * CHILD come last in each and end the walk */
    for (;;) {
        uint32_t ce = ie < e->t.n ? e->child[e->order[ie]] : S903_NO_CHILD;
        uint32_t cl = il < l->t.n ? l->child[l->order[il]] : S903_NO_CHILD;
        uint32_t c = ce < cl ? ce : cl;
        if (c == S903_NO_CHILD)
            break;
        size_t m = 0;
        for (int year = 0; year < 2; year++) {
            const struct s903_episodes *y = year ? e : l;
            size_t *at = year ? &ie : &il;
            for (; *at < y->t.n && y->child[y->order[*at]] == c; (*at)++) {
                uint32_t row = y->order[*at];
                if (y->decom[row] == DATE_NONE)
                    continue;
                if (m == cap)
                    v = xreallocarray(v, cap *= 2, sizeof(*v));
                v[m++] = (struct ep_ref){c, y->decom[row], year ? row : UINT32_MAX,
                                         r903_in(adopted, y->rec[row])};
            }
        }
        order_refs(v, m);
        int count = 0;
        for (size_t k = 0; k < m; k++) {
            count += v[k].adopted;
            if (count > 0 && !(v[k].adopted && count == 1) && v[k].row != UINT32_MAX)
                r903_flag(x, T903_EPISODES, v[k].row);
        }
    }
    free(v);
}
