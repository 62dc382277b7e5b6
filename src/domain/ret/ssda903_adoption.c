/*
 * SSDA903 rules on adoption: the AD1 table (children adopted from care), PlacedAdoption
 * (decisions that a child should be placed for adoption, and their reversal), and how both
 * agree with the episodes (adoption placements, placement orders, adoptions).
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/ret/ssda903_rules.h"

#define CS_PL CS_903_PLACEMENT
#define CS_REC CS_903_REASON_CEASED
#define ADOPT_PLACE "A3 A4 A5 A6"

static const struct s903_ad1 *AD1(const struct r903 *x) { return &x->y->ad1; }
static const struct s903_placed *PA(const struct r903 *x) { return &x->y->pa; }

static void bad(const struct r903 *x, enum t903 t, const char *name)
{
    const struct s903_tab *tab = s903_ctab(x->y, t);
    int c = r903_col(t, name);
    for (size_t i = 0; i < tab->n; i++)
        if (s903_is_bad(tab, c, i))
            r903_flag(x, t, i);
}

void s903c_112(struct rctx *ctx)
{
    R903(ctx, x);
    bad(x, T903_AD1, "DATE_INT");
}
void s903c_113(struct rctx *ctx)
{
    R903(ctx, x);
    bad(x, T903_AD1, "DATE_MATCH");
}
void s903c_115(struct rctx *ctx)
{
    R903(ctx, x);
    bad(x, T903_PLACED, "DATE_PLACED");
}
void s903c_116(struct rctx *ctx)
{
    R903(ctx, x);
    bad(x, T903_PLACED, "DATE_PLACED_CEASED");
}

static void invalid(const struct r903 *x, enum t903 t, const uint8_t *v, enum codeset_id cs)
{
    const struct s903_tab *tab = s903_ctab(x->y, t);
    for (size_t i = 0; i < tab->n; i++)
        if (v[i] && !r903_valid(x, cs, v[i]))
            r903_flag(x, t, i);
}

void s903c_114(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, T903_AD1, AD1(x)->foster_care, CS_903_FLAG);
}
void s903c_120(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, T903_PLACED, PA(x)->reason_placed_ceased, CS_903_ADOPTION_REVERSAL_REASON);
}
void s903c_175(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, T903_AD1, AD1(x)->nb_adoptr, CS_903_ADOPTER_COUNT);
}
void s903c_176(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, T903_AD1, AD1(x)->sex_adoptr, CS_903_ADOPTER_SEX);
}
void s903c_177(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, T903_AD1, AD1(x)->ls_adoptr, CS_903_ADOPTER_LEGAL_STATUS);
}

/* The six adoption items of AD1 row i: how many are given. */
static int ad1_given(const struct s903_ad1 *a, size_t i)
{
    int di = AD_DATE_INT, dm = AD_DATE_MATCH;
    return r903_present(&a->t, di, i) + r903_present(&a->t, dm, i) + (a->foster_care[i] != 0) +
           (a->nb_adoptr[i] != 0) + (a->sex_adoptr[i] != 0) + (a->ls_adoptr[i] != 0);
}

static bool pa_present(const struct s903_placed *p, int col, size_t i)
{
    return r903_present(&p->t, col, i);
}

/* The child's latest episode among those for which keep() holds (by start date; the first
 * in file order of equal ones), or -1. */
static int32_t latest(const struct s903_episodes *e, uint32_t c,
                      bool (*keep)(const struct s903_episodes *, int32_t, const void *),
                      const void *arg)
{
    int32_t best = -1;
    R903_ROWS(e, c, i)
    {
        if (e->decom[i] != DATE_NONE && (!keep || keep(e, i, arg)) &&
            (best < 0 || e->decom[i] > e->decom[best]))
            best = i;
    }
    return best;
}

/* The same for the earliest. */
static int32_t earliest(const struct s903_episodes *e, uint32_t c,
                        bool (*keep)(const struct s903_episodes *, int32_t, const void *),
                        const void *arg)
{
    int32_t best = -1;
    R903_ROWS(e, c, i)
    {
        if (e->decom[i] != DATE_NONE && (!keep || keep(e, i, arg)) &&
            (best < 0 || e->decom[i] < e->decom[best]))
            best = i;
    }
    return best;
}

static bool rec_not_x1(const struct s903_episodes *e, int32_t i, const void *arg)
{
    return e->rec[i] != *(const uint8_t *)arg;
}

void s903c_117(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint8_t x1 = r903_code(CS_REC, "X1");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = latest(e, c, rec_not_x1, &x1);
        if (i < 0)
            continue;
        R903_ROWS(p, c, k)
        {
            if (d_gt(p->date_placed[k], x->end) || d_gt(p->date_placed[k], e->dec[i]) ||
                d_gt(p->date_placed_ceased[k], x->end) ||
                d_gt(p->date_placed_ceased[k], e->dec[i])) {
                r903_flag(x, T903_EPISODES, (size_t)i);
                r903_flag(x, T903_PLACED, (size_t)k);
            }
        }
    }
}

static bool not_short_break(const struct s903_episodes *e, int32_t i, const void *arg)
{
    return !r903_in(*(const uint64_t *)arg, e->ls[i]);
}

void s903c_118(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint64_t v34 = r903_codes(CS_903_LEGAL_STATUS, "V3 V4");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = earliest(e, c, not_short_break, &v34);
        if (i < 0)
            continue;
        R903_ROWS(p, c, k)
        {
            kdate dpc = p->date_placed_ceased[k];
            if (d_lt(dpc, e->decom[i]) || d_lt(dpc, x->start)) {
                r903_flag(x, T903_EPISODES, (size_t)i);
                r903_flag(x, T903_PLACED, (size_t)k);
            }
        }
    }
}

void s903c_119(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    for (size_t i = 0; i < p->t.n; i++)
        if (pa_present(p, PA_DATE_PLACED_CEASED, i) != (p->reason_placed_ceased[i] != 0))
            r903_flag(x, T903_PLACED, i);
}

void s903c_151(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_ad1 *a = AD1(x);
    for (size_t i = 0; i < a->t.n; i++) {
        int n = ad1_given(a, i);
        if (n > 0 && n < 6)
            r903_flag(x, T903_AD1, i);
    }
}

void s903c_184(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < p->t.n; i++) {
        if (p->date_placed[i] == DATE_NONE)
            continue;
        bool any = false;
        R903_ROWS(h, p->child[i], k)
        {
            any = true;
            if (!d_ge(p->date_placed[i], h->dob[k]))
                r903_flag(x, T903_PLACED, i);
        }
        if (!any) /* no date of birth to compare: as the reference, a finding */
            r903_flag(x, T903_PLACED, i);
    }
}

void s903c_331(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_ad1 *a = AD1(x);
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!r903_in(adopted, e->rec[i]))
            continue;
        R903_ROWS(a, e->child[i], k)
        {
            if (d_gt(a->date_match[k], e->decom[i])) {
                r903_flag(x, T903_AD1, (size_t)k);
                r903_flag(x, T903_EPISODES, i);
            }
        }
    }
}

void s903c_333(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_ad1 *a = AD1(x);
    for (size_t i = 0; i < a->t.n; i++)
        if (a->date_match[i] != DATE_NONE &&
            (a->date_int[i] == DATE_NONE || a->date_int[i] > a->date_match[i]))
            r903_flag(x, T903_AD1, i);
}

static bool rne_is(const struct s903_episodes *e, int32_t i, const void *arg)
{
    return e->rne[i] == *(const uint8_t *)arg;
}

void s903c_334(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_ad1 *a = AD1(x);
    uint8_t s = r903_code(CS_903_NEW_EPISODE_REASON, "S");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = latest(e, c, rne_is, &s);
        if (i < 0)
            continue;
        R903_ROWS(a, c, k)
        {
            if (d_lt(a->date_int[k], e->decom[i])) {
                r903_flag(x, T903_EPISODES, (size_t)i);
                r903_flag(x, T903_AD1, (size_t)k);
            }
        }
    }
}

/* Whether an episode's code is in `set`, or is the `withdrawn` code the code set no longer
 * has: such a cell is stored as bad, with its text. */
static bool in_or_withdrawn(uint64_t set, uint8_t v, const struct s903_tab *t, int col, size_t row,
                            const char *withdrawn)
{
    if (r903_in(set, v))
        return true;
    const char *raw = v == S903_BAD ? s903_raw(t, col, row) : NULL;
    return raw && !strcmp(raw, withdrawn);
}

/* The DfE's text names A1/A2 (placed for adoption, with and without the current foster
 * carer, before A3-A6) and E1 (adopted, before E11/E12): withdrawn codes a return from an
 * old system may still hold, and which the rule still reads. */
void s903c_335(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_ad1 *a = AD1(x);
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    uint64_t with = r903_codes(CS_PL, "A3 A5"), without = r903_codes(CS_PL, "A4 A6");
    uint8_t no = r903_code(CS_903_FLAG, "0"), yes = r903_code(CS_903_FLAG, "1");
    int rec = r903_col(T903_EPISODES, "REC"), place = r903_col(T903_EPISODES, "PLACE");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!in_or_withdrawn(adopted, e->rec[i], &e->t, rec, i, "E1"))
            continue;
        bool w = in_or_withdrawn(with, e->place[i], &e->t, place, i, "A2");
        bool wo = !w && in_or_withdrawn(without, e->place[i], &e->t, place, i, "A1");
        R903_ROWS(a, e->child[i], k)
        {
            if ((w && a->foster_care[k] == no) || (wo && a->foster_care[k] == yes)) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_AD1, (size_t)k);
            }
        }
    }
}

void s903c_336(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    uint64_t a34 = r903_codes(CS_PL, "A3 A4");
    uint64_t before = r903_codes(CS_PL, ADOPT_PLACE " U1 U2 U3 U4 U5 U6");
    for (size_t k = 1; k < e->t.n; k++) {
        uint32_t p = e->order[k - 1], i = e->order[k];
        if (e->child[i] == S903_NO_CHILD || e->child[p] != e->child[i])
            continue;
        if (r903_in(a34, e->place[i]) && !r903_in(before, e->place[p]))
            r903_flag(x, T903_EPISODES, i);
    }
}

/* Adopter sex codes a legal status needs. */
static void adopters(const struct r903 *x, const char *status, const char *allowed)
{
    const struct s903_ad1 *a = AD1(x);
    uint8_t ls = r903_code(CS_903_ADOPTER_LEGAL_STATUS, status);
    uint64_t ok = r903_codes(CS_903_ADOPTER_SEX, allowed);
    for (size_t i = 0; i < a->t.n; i++)
        if (a->ls_adoptr[i] == ls && !r903_in(ok, a->sex_adoptr[i]))
            r903_flag(x, T903_AD1, i);
}

void s903c_511(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_ad1 *a = AD1(x);
    uint8_t two = r903_code(CS_903_ADOPTER_COUNT, "2");
    uint64_t single = r903_codes(CS_903_ADOPTER_SEX, "M1 F1");
    for (size_t i = 0; i < a->t.n; i++)
        if (a->nb_adoptr[i] == two && r903_in(single, a->sex_adoptr[i]))
            r903_flag(x, T903_AD1, i);
}

void s903c_514(struct rctx *ctx)
{
    R903(ctx, x);
    adopters(x, "L0", "M1 F1");
}
void s903c_517(struct rctx *ctx)
{
    R903(ctx, x);
    adopters(x, "L3", "MF");
}
void s903c_518(struct rctx *ctx)
{
    R903(ctx, x);
    adopters(x, "L4", "MM FF");
}
void s903c_519(struct rctx *ctx)
{
    R903(ctx, x);
    adopters(x, "L2", "MM FF MF");
}
void s903c_520(struct rctx *ctx)
{
    R903(ctx, x);
    adopters(x, "L11", "MF");
}
void s903c_524(struct rctx *ctx)
{
    R903(ctx, x);
    adopters(x, "L12", "MM FF");
}

void s903c_521(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_ad1 *a = AD1(x);
    uint64_t placed = r903_codes(CS_PL, ADOPT_PLACE);
    for (size_t i = 0; i < e->t.n; i++) {
        if (!r903_in(placed, e->place[i]))
            continue;
        R903_ROWS(a, e->child[i], k)
        {
            if (d_gt(a->date_int[k], e->decom[i])) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_AD1, (size_t)k);
            }
        }
    }
}

void s903c_522(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    for (size_t i = 0; i < p->t.n; i++)
        if (d_lt(p->date_placed_ceased[i], p->date_placed[i]))
            r903_flag(x, T903_PLACED, i);
}

void s903c_523(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    const struct s903_ad1 *a = AD1(x);
    for (size_t i = 0; i < p->t.n; i++) {
        if (p->date_placed[i] == DATE_NONE)
            continue;
        R903_ROWS(a, p->child[i], k)
        {
            if (a->date_int[k] != DATE_NONE && a->date_int[k] != p->date_placed[i]) {
                r903_flag(x, T903_PLACED, i);
                r903_flag(x, T903_AD1, (size_t)k);
            }
        }
    }
}

void s903c_525(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    const struct s903_ad1 *a = AD1(x);
    for (size_t i = 0; i < p->t.n; i++) {
        if (!pa_present(p, PA_DATE_PLACED_CEASED, i))
            continue;
        R903_ROWS(a, p->child[i], k)
        {
            if (ad1_given(a, (size_t)k)) {
                r903_flag(x, T903_PLACED, i);
                r903_flag(x, T903_AD1, (size_t)k);
            }
        }
    }
}

void s903c_551(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint64_t placed = r903_codes(CS_PL, ADOPT_PLACE);
    for (size_t i = 0; i < e->t.n; i++) {
        if (!r903_in(placed, e->place[i]))
            continue;
        bool missing = !r903_has(&p->t, e->child[i]);
        R903_ROWS(p, e->child[i], k) { missing |= !pa_present(p, PA_DATE_PLACED, (size_t)k); }
        if (missing)
            r903_flag(x, T903_EPISODES, i);
    }
}

static bool placed_for_adoption(const struct s903_episodes *e, int32_t i, const void *arg)
{
    return r903_in(*(const uint64_t *)arg, e->place[i]);
}

void s903c_552(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint64_t placed = r903_codes(CS_PL, ADOPT_PLACE);
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = earliest(e, c, placed_for_adoption, &placed);
        int32_t d = -1; /* the latest decision */
        R903_ROWS(p, c, k)
        {
            if (p->date_placed[k] != DATE_NONE && (d < 0 || p->date_placed[k] > p->date_placed[d]))
                d = k;
        }
        if (i >= 0 && d >= 0 && e->decom[i] < p->date_placed[d]) {
            r903_flag(x, T903_PLACED, (size_t)d);
            r903_flag(x, T903_EPISODES, (size_t)i);
        }
    }
}

/* 553/555: an order (E1 placement order, D1 freeing order) needs a decision to place for
 * adoption, and while it is open the decision cannot have been reversed. */
static void order_without_decision(const struct r903 *x, const char *ls)
{
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint8_t code = r903_code(CS_903_LEGAL_STATUS, ls);
    int dec = EP_DEC;
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->ls[i] != code)
            continue;
        if (!r903_has(&p->t, e->child[i]))
            r903_flag(x, T903_EPISODES, i);
        if (r903_present(&e->t, dec, i))
            continue;
        R903_ROWS(p, e->child[i], k)
        {
            if (pa_present(p, PA_DATE_PLACED_CEASED, (size_t)k) || p->reason_placed_ceased[k])
                r903_flag(x, T903_PLACED, (size_t)k);
        }
    }
}

void s903c_553(struct rctx *ctx)
{
    R903(ctx, x);
    order_without_decision(x, "E1");
}
void s903c_555(struct rctx *ctx)
{
    R903(ctx, x);
    order_without_decision(x, "D1");
}

static bool ls_is(const struct s903_episodes *e, int32_t i, const void *arg)
{
    return e->ls[i] == *(const uint8_t *)arg;
}

void s903c_554(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint8_t e1 = r903_code(CS_903_LEGAL_STATUS, "E1");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = earliest(e, c, ls_is, &e1);
        if (i < 0)
            continue;
        R903_ROWS(p, c, k)
        {
            if (d_gt(p->date_placed[k], e->decom[i])) {
                r903_flag(x, T903_EPISODES, (size_t)i);
                r903_flag(x, T903_PLACED, (size_t)k);
            }
        }
    }
}

void s903c_556(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint8_t d1 = r903_code(CS_903_LEGAL_STATUS, "D1");
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->ls[i] != d1)
            continue;
        R903_ROWS(p, e->child[i], k)
        {
            if (d_gt(p->date_placed[k], e->decom[i]))
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

void s903c_557(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint64_t placed = r903_codes(CS_PL, ADOPT_PLACE);
    uint64_t orders = r903_codes(CS_903_LEGAL_STATUS, x->year <= 2024 ? "D1 E1" : "E1");
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    uint8_t x1 = r903_code(CS_REC, "X1");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!(r903_in(placed, e->place[i]) || r903_in(orders, e->ls[i])) || !e->rec[i] ||
            e->rec[i] == x1 || r903_in(adopted, e->rec[i]))
            continue;
        if (!r903_has(&p->t, e->child[i]))
            r903_flag(x, T903_EPISODES, i);
        R903_ROWS(p, e->child[i], k)
        {
            if (!pa_present(p, PA_DATE_PLACED_CEASED, (size_t)k) || !p->reason_placed_ceased[k]) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_PLACED, (size_t)k);
            }
        }
    }
}

void s903c_558(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int eps = 0, ceased = 0;
        bool blank = !r903_has(&p->t, c);
        R903_ROWS(e, c, i) { eps += r903_in(adopted, e->rec[i]); }
        if (!eps)
            continue;
        R903_ROWS(p, c, k)
        {
            if (pa_present(p, PA_DATE_PLACED_CEASED, (size_t)k))
                ceased++;
            else
                blank = true;
        }
        /* every decision reversed, and more than one (adoption, reversal) pairing */
        if (blank || eps * ceased <= 1)
            continue;
        R903_ROWS(e, c, i)
        {
            if (r903_in(adopted, e->rec[i]))
                r903_flag(x, T903_EPISODES, (size_t)i);
        }
    }
}

void s903c_563(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    for (size_t i = 0; i < p->t.n; i++)
        if (p->reason_placed_ceased[i] && pa_present(p, PA_DATE_PLACED_CEASED, i) &&
            !pa_present(p, PA_DATE_PLACED, i))
            r903_flag(x, T903_PLACED, i);
}

/* PlacedAdoption rows of each child in date order (blank dates last, then file order). */
struct pa_key {
    uint32_t child;
    kdate date;
    uint32_t row;
};

static int cmp_pa(const void *a, const void *b)
{
    const struct pa_key *x = a, *y = b;
    if (x->child != y->child)
        return x->child < y->child ? -1 : 1;
    if (x->date != y->date) {
        if (x->date == DATE_NONE)
            return 1;
        if (y->date == DATE_NONE)
            return -1;
        return x->date < y->date ? -1 : 1;
    }
    return x->row < y->row ? -1 : (x->row > y->row);
}

void s903c_579(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    struct pa_key *k = xreallocarray(NULL, p->t.n ? p->t.n : 1, sizeof(*k));
    for (size_t i = 0; i < p->t.n; i++)
        k[i] = (struct pa_key){p->child[i], p->date_placed[i], (uint32_t)i};
    qsort(k, p->t.n, sizeof(*k), cmp_pa);
    for (size_t j = 1; j < p->t.n; j++) {
        uint32_t prev = k[j - 1].row, i = k[j].row;
        if (k[j].child == S903_NO_CHILD || k[j].child != k[j - 1].child)
            continue;
        if (p->date_placed_ceased[prev] == DATE_NONE ||
            d_lt(p->date_placed[i], p->date_placed_ceased[prev]))
            r903_flag(x, T903_PLACED, i);
    }
    free(k);
}

void s903c_582(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_ad1 *a = AD1(x);
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!r903_in(adopted, e->rec[i]))
            continue;
        R903_ROWS(a, e->child[i], k)
        {
            if (d_eq(e->dec[i], a->date_match[k]))
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

void s903c_583(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = PA(x);
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t recent = -1; /* the latest decision (a blank date only if all are blank) */
        R903_ROWS(p, c, k)
        {
            if (recent < 0 ||
                (p->date_placed[k] != DATE_NONE && (p->date_placed[recent] == DATE_NONE ||
                                                    p->date_placed[k] > p->date_placed[recent])))
                recent = k;
        }
        R903_ROWS(p, c, k)
        {
            if (k != recent && !pa_present(p, PA_DATE_PLACED_CEASED, (size_t)k))
                r903_flag(x, T903_PLACED, (size_t)k);
        }
    }
}

static bool adopted_in_year(const struct r903 *x, size_t i, uint64_t adopted)
{
    const struct s903_episodes *e = &x->y->ep;
    return d_ge(e->dec[i], x->start) && d_le(e->dec[i], x->end) && r903_in(adopted, e->rec[i]);
}

void s903c_601(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_ad1 *a = AD1(x);
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!adopted_in_year(x, i, adopted))
            continue;
        R903_ROWS(a, e->child[i], k)
        {
            if (ad1_given(a, (size_t)k) < 6) {
                r903_flag(x, T903_AD1, (size_t)k);
                r903_flag(x, T903_EPISODES, i);
            }
        }
    }
}

void s903c_602(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_ad1 *a = AD1(x);
    uint64_t adopted = r903_codes(CS_REC, "E11 E12");
    for (size_t i = 0; i < a->t.n; i++) {
        bool found = false;
        R903_ROWS(e, a->child[i], k) { found |= adopted_in_year(x, (size_t)k, adopted); }
        if (!found && ad1_given(a, i))
            r903_flag(x, T903_AD1, i);
    }
}

void s903c_1003(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_placed *p = PA(x);
    uint8_t s = r903_code(CS_903_NEW_EPISODE_REASON, "S");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = earliest(e, c, rne_is, &s);
        if (i < 0)
            continue;
        R903_ROWS(p, c, k)
        {
            if (d_lt(p->date_placed[k], e->decom[i])) {
                r903_flag(x, T903_EPISODES, (size_t)i);
                r903_flag(x, T903_PLACED, (size_t)k);
            }
        }
    }
}
