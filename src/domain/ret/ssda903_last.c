/*
 * SSDA903 rules that compare this year's return with last year's: a child's details that
 * should not change, UASC status over the two years, the episode open at the end of last
 * year carried into this one, decisions to place for adoption, missing periods and social
 * worker details carried over, and care leavers' eligibility. All need --last-year.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/ret/ssda903_rules.h"

/* Two code cells (this year's row i of a, last year's row k of b) differ as written: both
 * blank is the same, a code is the same code, unknown texts compare as text. */
static bool code_differs(const struct s903_tab *a, int col, size_t i, const uint8_t *va,
                         const struct s903_tab *b, size_t k, const uint8_t *vb)
{
    if (va[i] == S903_BAD || vb[k] == S903_BAD)
        return strcmp(s903_text(a, col, i), s903_text(b, col, k)) != 0;
    return va[i] != vb[k];
}

static bool text_differs(const char *a, const char *b)
{
    return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

/* For each this-year header row with a row for the same child last year. */
#define EACH_HEADER_PAIR(x, h, l, i, k)                                                            \
    for (size_t i = 0; i < (h)->t.n; i++)                                                          \
    R903_ROWS(l, (h)->child[i], k)

void s903c_202(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        if (code_differs(&h->t, HD_SEX, i, h->sex, &l->t, (size_t)k, l->sex))
            r903_flag(x, T903_HEADER, i);
    }
}

void s903c_203(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        if (h->dob[i] != l->dob[k])
            r903_flag(x, T903_HEADER, i);
    }
}

void s903c_204(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        if (code_differs(&h->t, HD_ETHNIC, i, h->ethnic, &l->t, (size_t)k, l->ethnic))
            r903_flag(x, T903_HEADER, i);
    }
}

/* UASC status in a year: the header flag (given or derived) of the child. */
static bool uasc_yes(const struct s903_year *y, uint32_t c)
{
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    R903_ROWS(&y->header, c, k) { return y->header.uasc[k] == yes; }
    return false;
}

static bool uasc_no(const struct s903_year *y, uint32_t c)
{
    uint8_t no = r903_code(CS_903_FLAG, "0");
    R903_ROWS(&y->header, c, k) { return !y->header.uasc[k] || y->header.uasc[k] == no; }
    return true;
}

/* Flag this year's UASC row and the child's header rows. */
static void flag_uasc(const struct r903 *x, size_t i)
{
    r903_flag(x, T903_UASC, i);
    R903_ROWS(&x->y->header, x->y->uasc.child[i], k) { r903_flag(x, T903_HEADER, (size_t)k); }
}

/* 205A: UASC last year but not this year, yet this year gives a date UASC ceased, or last
 * year's date ceased is not within last year. */
void s903c_205A(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_uasc *u = &x->y->uasc, *l = &x->ly->uasc;
    kdate ls = s903_years(x->start, -1), le = s903_years(x->end, -1);
    if (!x->y->uasc_known || !x->ly->uasc_known)
        return;
    for (size_t i = 0; i < u->t.n; i++) {
        uint32_t c = u->child[i];
        if (uasc_yes(x->y, c) || !uasc_yes(x->ly, c))
            continue;
        bool last_in_year = false;
        R903_ROWS(l, c, k) { last_in_year |= d_ge(l->duc[k], ls) && d_le(l->duc[k], le); }
        if (r903_present(&u->t, UA_DUC, i) || !last_in_year)
            flag_uasc(x, i);
    }
}

/* 205B: UASC both years: this year's date ceased is in the year or the same as last
 * year's, and last year's is the 18th birthday. */
void s903c_205B(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_uasc *u = &x->y->uasc, *l = &x->ly->uasc;
    if (!x->y->uasc_known || !x->ly->uasc_known)
        return;
    for (size_t i = 0; i < u->t.n; i++) {
        uint32_t c = u->child[i];
        if (!uasc_yes(x->y, c) || !uasc_yes(x->ly, c))
            continue;
        bool in_year = d_ge(u->duc[i], x->start) && d_le(u->duc[i], x->end);
        bool fail = false;
        R903_ROWS(l, c, k)
        {
            bool same = d_eq(u->duc[i], l->duc[k]);
            bool eighteen = d_eq(l->duc[k], s903_years(l->dob[k], 18));
            fail |= (!in_year && !same) || !eighteen;
        }
        if (fail)
            flag_uasc(x, i);
    }
}

/* 205C: never UASC in either year, yet a date UASC ceased. */
void s903c_205C(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_uasc *u = &x->y->uasc, *l = &x->ly->uasc;
    if (!x->y->uasc_known || !x->ly->uasc_known)
        return;
    for (size_t i = 0; i < u->t.n; i++) {
        uint32_t c = u->child[i];
        if (!uasc_no(x->y, c) || !uasc_no(x->ly, c))
            continue;
        bool duc = r903_present(&u->t, UA_DUC, i);
        R903_ROWS(l, c, k) { duc |= r903_present(&l->t, UA_DUC, (size_t)k); }
        if (duc)
            flag_uasc(x, i);
    }
}

/* 205D: UASC this year but not last year. */
void s903c_205D(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    if (!x->y->uasc_known || !x->ly->uasc_known)
        return;
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        if (h->uasc[i] == yes && l->uasc[k] != yes)
            r903_flag(x, T903_HEADER, i);
    }
}

void s903c_207(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        if (r903_has(&x->y->ep.t, h->child[i]) && l->mother[k] == yes &&
            code_differs(&h->t, HD_MOTHER, i, h->mother, &l->t, (size_t)k, l->mother))
            r903_flag(x, T903_HEADER, i);
    }
}

static bool un_code(const char *s, char lo, char hi)
{
    return s && strlen(s) == 3 && s[0] == 'U' && s[1] == 'N' && s[2] >= lo && s[2] <= hi;
}

/* 208: a UPN may only change from unknown (blank or UN1) to UN2-UN5, or to a real UPN. */
void s903c_208(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        const char *now = h->upn[i], *before = l->upn[k];
        if (!text_differs(now, before))
            continue;
        bool to_un = (!before || !strcmp(before, "UN1")) && un_code(now, '2', '5');
        bool to_known = (!before || un_code(before, '1', '5')) && now && !un_code(now, '1', '5');
        if (!to_un && !to_known)
            r903_flag(x, T903_HEADER, i);
    }
}

void s903c_348(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = &x->y->oc3, *l = &x->ly->oc3;
    uint8_t died = r903_code(CS_903_IN_TOUCH, "DIED");
    for (size_t i = 0; i < o->t.n; i++)
        R903_ROWS(l, o->child[i], k)
        {
            if (l->in_touch[k] == died && o->in_touch[i] != died)
                r903_flag(x, T903_OC3, i);
        }
}

/* This year's first episode of child c (by start date), or -1. */
static int32_t first_episode(const struct s903_episodes *e, uint32_t c)
{
    int32_t best = -1;
    R903_ROWS(e, c, i)
    {
        if (e->decom[i] != DATE_NONE && (best < 0 || e->decom[i] < e->decom[best]))
            best = i;
    }
    return best;
}

/* Last year's latest episode of child c (by start date), or -1. */
static int32_t last_episode(const struct s903_episodes *e, uint32_t c)
{
    int32_t best = -1;
    R903_ROWS(e, c, i)
    {
        if (e->decom[i] != DATE_NONE && (best < 0 || e->decom[i] > e->decom[best]))
            best = i;
    }
    return best;
}

void s903c_502(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep, *l = &x->ly->ep;
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = first_episode(e, c);
        if (i < 0)
            continue;
        R903_ROWS(l, c, k)
        {
            if (!r903_present(&l->t, EP_DEC, (size_t)k) && e->decom[i] != l->decom[k])
                r903_flag(x, T903_EPISODES, (size_t)i);
        }
    }
}

/* 503A-J: the first episode this year continues the episode open at the end of last year
 * with the same details. */
static void carried(struct rctx *ctx, int col)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep, *l = &x->ly->ep;
    uint8_t h5 = r903_code(CS_903_PLACEMENT, "H5"), k3 = r903_code(CS_903_PLACEMENT, "K3");
    uint8_t z1 = r903_code(CS_903_PLACEMENT, "Z1");
    uint64_t z1x = r903_codes(CS_903_PLACEMENT, "Z11 Z12 Z13 Z14");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = first_episode(e, c), k = last_episode(l, c);
        if (i < 0 || k < 0 || r903_present(&l->t, EP_DEC, (size_t)k))
            continue;
        bool differs;
        if (col == EP_PLACE) {
            differs = code_differs(&e->t, col, (size_t)i, e->place, &l->t, (size_t)k, l->place);
            /* the year a code was replaced, the old code last year and the new one now */
            if ((x->year == 2024 || x->year == 2025) && e->place[i] == k3 && l->place[k] == h5)
                differs = false;
            if (x->year == 2026 && r903_in(z1x, e->place[i]) && l->place[k] == z1)
                differs = false;
        } else if (col == EP_URN) {
            differs = text_differs(e->urn[i], l->urn[k]);
        } else {
            differs = strcmp(s903_text(&e->t, col, (size_t)i), s903_text(&l->t, col, (size_t)k));
        }
        if (differs)
            r903_flag(x, T903_EPISODES, (size_t)i);
    }
}

void s903c_503A(struct rctx *ctx) { carried(ctx, EP_RNE); }
void s903c_503B(struct rctx *ctx) { carried(ctx, EP_LS); }
void s903c_503C(struct rctx *ctx) { carried(ctx, EP_CIN); }
void s903c_503D(struct rctx *ctx) { carried(ctx, EP_PLACE); }
void s903c_503E(struct rctx *ctx) { carried(ctx, EP_PLACE_PROVIDER); }
void s903c_503F(struct rctx *ctx) { carried(ctx, EP_URN); }

void s903c_559(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = &x->y->pa, *l = &x->ly->pa;
    for (size_t i = 0; i < p->t.n; i++) {
        if (!d_lt(p->date_placed[i], x->start))
            continue;
        bool last = false;
        R903_ROWS(l, p->child[i], k) { last |= l->date_placed[k] != DATE_NONE; }
        if (!last)
            r903_flag(x, T903_PLACED, i);
    }
}

void s903c_560(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = &x->y->pa, *l = &x->ly->pa;
    for (size_t i = 0; i < p->t.n; i++)
        R903_ROWS(l, p->child[i], k)
        {
            if (r903_present(&l->t, PA_DATE_PLACED, (size_t)k) &&
                !r903_present(&l->t, PA_DATE_PLACED_CEASED, (size_t)k) &&
                strcmp(s903_text(&p->t, PA_DATE_PLACED, i),
                       s903_text(&l->t, PA_DATE_PLACED, (size_t)k)))
                r903_flag(x, T903_PLACED, i);
        }
}

void s903c_561(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = &x->y->pa, *l = &x->ly->pa;
    for (size_t i = 0; i < p->t.n; i++)
        R903_ROWS(l, p->child[i], k)
        {
            if (d_eq(p->date_placed[i], l->date_placed[k]) &&
                (l->reason_placed_ceased[k] ||
                 r903_present(&l->t, PA_DATE_PLACED_CEASED, (size_t)k)))
                r903_flag(x, T903_PLACED, i);
        }
}

void s903c_562(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep, *l = &x->ly->ep;
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i = first_episode(e, c);
        if (i < 0 || !(e->decom[i] < x->start))
            continue;
        int32_t k = last_episode(l, c);
        if (k < 0 || l->decom[k] != e->decom[i])
            r903_flag(x, T903_EPISODES, (size_t)i);
    }
}

void s903c_576(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_missing *m = &x->y->mis, *l = &x->ly->mis;
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t first = -1; /* the child's earliest missing period this year */
        R903_ROWS(m, c, i)
        {
            kdate s = m->mis_start[i], b = first >= 0 ? m->mis_start[first] : DATE_NONE;
            if (first < 0 || (s != DATE_NONE && (b == DATE_NONE || s < b)))
                first = i;
        }
        if (first < 0)
            continue;
        R903_ROWS(l, c, k)
        {
            if (!r903_present(&l->t, MI_MIS_END, (size_t)k) && l->mis_start[k] != DATE_NONE &&
                l->mis_start[k] != m->mis_start[first])
                r903_flag(x, T903_MISSING, (size_t)first);
        }
    }
}

void s903c_584(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_placed *p = &x->y->pa, *l = &x->ly->pa;
    for (size_t i = 0; i < p->t.n; i++)
        R903_ROWS(l, p->child[i], k)
        {
            if (!r903_present(&l->t, PA_DATE_PLACED_CEASED, (size_t)k) &&
                !l->reason_placed_ceased[k])
                continue;
            if (!r903_present(&p->t, PA_DATE_PLACED, i) ||
                d_le(p->date_placed[i], l->date_placed[k]))
                r903_flag(x, T903_PLACED, i);
        }
}

void s903c_624(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        if (r903_present(&l->t, HD_MC_DOB, (size_t)k) &&
            strcmp(s903_text(&h->t, HD_MC_DOB, i), s903_text(&l->t, HD_MC_DOB, (size_t)k)))
            r903_flag(x, T903_HEADER, i);
    }
}

void s903c_626(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header, *l = &x->ly->header;
    uint8_t yes = r903_code(CS_903_FLAG, "1"), no = r903_code(CS_903_FLAG, "0");
    EACH_HEADER_PAIR(x, h, l, i, k)
    {
        if (h->mc_dob[i] != DATE_NONE && h->mother[i] == yes && l->mother[k] == no &&
            h->mc_dob[i] < x->start)
            r903_flag(x, T903_HEADER, i);
    }
}

/* 1001: a care leaver must be a relevant or former relevant child: looked after for 13
 * weeks (91 days) after the 14th birthday, some of it after the 16th, counting this year's
 * and last year's episodes (short breaks aside), and not adopted at the end. */
void s903c_1001(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = &x->y->oc3;
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *years[2] = {&x->y->ep, &x->ly->ep};
    uint64_t v34 = r903_codes(CS_903_LEGAL_STATUS, "V3 V4");
    uint64_t adopted = r903_codes(CS_903_REASON_CEASED, "E11 E12");
    for (size_t i = 0; i < o->t.n; i++) {
        uint32_t c = o->child[i];
        kdate dob = DATE_NONE;
        R903_ROWS(h, c, k)
        {
            if (dob == DATE_NONE)
                dob = h->dob[k];
        }
        bool young = dob != DATE_NONE && s903_years(dob, 20) > x->end;
        long after14 = 0, after16 = 0;
        kdate latest = DATE_NONE;
        bool last_adopted = false;
        for (int y = 0; y < 2; y++) {
            const struct s903_episodes *e = years[y];
            R903_ROWS(e, c, k)
            {
                if (e->decom[k] == DATE_NONE)
                    continue;
                /* an episode in both returns counts once: this year's copy */
                if (y == 1 && r903_has(&years[0]->t, c)) {
                    bool dup = false;
                    R903_ROWS(years[0], c, j) { dup |= years[0]->decom[j] == e->decom[k]; }
                    if (dup)
                        continue;
                }
                if (latest == DATE_NONE || e->decom[k] > latest) {
                    latest = e->decom[k];
                    last_adopted = r903_in(adopted, e->rec[k]);
                }
                if (!young || r903_in(v34, e->ls[k]))
                    continue;
                kdate end = e->dec[k] == DATE_NONE ? x->end : e->dec[k];
                kdate from14 = s903_years(dob, 14), from16 = s903_years(dob, 16);
                kdate a = e->decom[k] > from14 ? e->decom[k] : from14;
                kdate b = e->decom[k] > from16 ? e->decom[k] : from16;
                after14 += end > a ? end - a : 0;
                after16 += end > b ? end - b : 0;
            }
        }
        bool relevant = young && after14 >= 91 && after16 >= 1;
        if (last_adopted || !relevant)
            r903_flag(x, T903_OC3, i);
    }
}

void s903c_1002(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = &x->y->oc3;
    for (size_t i = 0; i < o->t.n; i++)
        if (!r903_has(&x->y->ep.t, o->child[i]) && !r903_has(&x->ly->ep.t, o->child[i]))
            r903_flag(x, T903_OC3, i);
}

void s903c_1010(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = &x->y->oc3;
    const struct s903_episodes *l = &x->ly->ep;
    for (size_t i = 0; i < o->t.n; i++) {
        uint32_t c = o->child[i];
        if (r903_has(&x->y->ep.t, c))
            continue;
        int32_t k = -1; /* last year's latest episode; the later row of equal dates */
        R903_ROWS(l, c, j)
        {
            if (l->decom[j] != DATE_NONE && (k < 0 || l->decom[j] >= l->decom[k]))
                k = j;
        }
        if (k >= 0 && !r903_present(&l->t, EP_DEC, (size_t)k))
            r903_flag(x, T903_OC3, i);
    }
}

void s903c_NoE(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < e->t.n; i++)
        if (d_lt(e->decom[i], x->start) && !r903_has(&x->ly->ep.t, e->child[i]))
            r903_flag(x, T903_EPISODES, i);
}
