/*
 * SSDA903 rules on where a child is placed: postcodes, the placement's local authority and
 * distance from home (derived from postcode geography when it has been imported), and the
 * Ofsted URN of the placement checked against the Ofsted provider lists.
 */
#include <math.h>
#include <string.h>

#include "domain/refdata.h"
#include "domain/ret/ssda903_rules.h"

#define CS_PL CS_903_PLACEMENT

static const struct s903_episodes *EP(const struct r903 *x) { return &x->y->ep; }

/* Short breaks (V3, V4): the check sets x->set[2] before its loop (SHORT_BREAKS). */
#define SHORT_BREAKS(x) ((x)->set[2] = r903_codes(CS_903_LEGAL_STATUS, "V3 V4"))
#define short_break(e, i) r903_in(x->set[2], (e)->ls[i])

static bool urn_given(const char *urn) { return urn && strcmp(urn, "XXXXXXX"); }

/* Children who are or were UASC (this year's or last year's header); false when neither
 * year's header says. */
static bool uasc_known(const struct r903 *x) { return x->y->uasc_known || x->ly->uasc_known; }

static bool is_uasc(const struct r903 *x, uint32_t c)
{
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    const struct s903_year *ys[2] = {x->y, x->ly};
    for (int k = 0; k < 2; k++)
        R903_ROWS(&ys[k]->header, c, i)
        {
            if (ys[k]->uasc_known && ys[k]->header.uasc[i] == yes)
                return true;
        }
    return false;
}

void s903c_164(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    if (!uasc_known(x))
        return;
    for (size_t i = 0; i < e->t.n; i++) {
        float d = e->pl_distance[i];
        if (!isnan(d) && (d < 0.0f || d > 999.9f) && !is_uasc(x, e->child[i]))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_169(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (!short_break(e, i) && !e->pl_la[i])
            r903_flag(x, T903_EPISODES, i);
}

void s903c_179(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (!short_break(e, i) && !e->pl_location[i])
            r903_flag(x, T903_EPISODES, i);
}

void s903c_392a(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_episodes *e = EP(x);
    if (!uasc_known(x))
        return;
    for (size_t i = 0; i < e->t.n; i++)
        if (!short_break(e, i) && isnan(e->pl_distance[i]) && !is_uasc(x, e->child[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_392b(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_episodes *e = EP(x);
    bool known = uasc_known(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (!short_break(e, i) && (!e->home_post[i] || !e->pl_post[i]) &&
            !(known && is_uasc(x, e->child[i])))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_392c(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const struct postcode_geo *g = x->c->in->postcodes;
    for (size_t i = 0; i < e->t.n; i++)
        if ((e->home_post[i] && !postcode_geo_find(g, e->home_post[i])) ||
            (e->pl_post[i] && !postcode_geo_find(g, e->pl_post[i])))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_392d(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t p1 = r903_code(CS_PL, "P1");
    for (size_t i = 0; i < e->t.n; i++)
        if (e->place[i] != p1 && e->home_post[i] && e->pl_post[i] &&
            !strcmp(e->home_post[i], e->pl_post[i]))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_406(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    if (!uasc_known(x))
        return;
    for (size_t i = 0; i < e->t.n; i++)
        if (!isnan(e->pl_distance[i]) && is_uasc(x, e->child[i]))
            r903_flag(x, T903_EPISODES, i);
}

static bool la_is(const char *pl_la, const char *la) { return pl_la && !strcmp(pl_la, la); }

void s903c_411(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (e->pl_location[i] == 1 && !la_is(e->pl_la[i], x->r->la))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_420(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (short_break(e, i) && e->pl_la[i])
            r903_flag(x, T903_EPISODES, i);
}

void s903c_454(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++) {
        float d = e->pl_distance[i];
        if (!isnan(d) && d > 350.0f && fabsf(d - 999.9f) > 0.01f)
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_1015(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_episodes *e = EP(x);
    uint64_t family = r903_codes(CS_PL, "A3 A4 A5 A6 U1 U2 U3 U4 U5 U6");
    uint8_t pr1 = r903_code(CS_903_PROVIDER, "PR1");
    for (size_t i = 0; i < e->t.n; i++)
        if (!r903_in(family, e->place[i]) && !short_break(e, i) && e->provider[i] == pr1 &&
            e->ls[i] && e->place[i] && !la_is(e->pl_la[i], x->r->la))
            r903_flag(x, T903_EPISODES, i);
}

/* Outside England: the reference's tests, which changed in 2025/26. */
static bool out_of_england(const struct r903 *x, const char *pl_la, const char *letters)
{
    if (x->year >= 2026) {
        static const char *const codes[] = {"CON", "NIR", "SCO", "WAL", "NUK"};
        for (size_t k = 0; pl_la && k < sizeof(codes) / sizeof(codes[0]); k++)
            if (!strcmp(pl_la, codes[k]))
                return true;
        return false;
    }
    /* before: an unknown LA counts as outside, as the reference reads it */
    return !pl_la || strchr(letters, pl_la[0]);
}

void s903c_218(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    const char *exempt = x->year <= 2024   ? "H5 P1 P2 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1"
                         : x->year <= 2025 ? "P1 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1"
                                           : "P1 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z11 Z12 Z13 Z14";
    uint64_t ex = r903_codes(CS_PL, exempt);
    for (size_t i = 0; i < e->t.n; i++) {
        bool open_in_year = d_ge(e->dec[i], x->start) || !r903_present(&e->t, EP_DEC, i);
        if (open_in_year && !e->urn[i] && !r903_in(ex, e->place[i]) &&
            !out_of_england(x, e->pl_la[i], "NWSC"))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_230(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t h5 = r903_code(CS_PL, "H5");
    kdate cut = date_from_ymd(2023, 10, 29);
    for (size_t i = 0; i < e->t.n; i++)
        if (e->place[i] == h5 && (e->dec[i] == DATE_NONE || e->dec[i] >= cut) &&
            !urn_given(e->urn[i]) && !out_of_england(x, e->pl_la[i], "NWS"))
            r903_flag(x, T903_EPISODES, i);
}

/* This year's first and last year's latest episode of child c, or -1. */
static void first_and_last(const struct r903 *x, uint32_t c, int32_t *first, int32_t *last)
{
    const struct s903_episodes *e = EP(x), *l = &x->ly->ep;
    *first = *last = -1;
    R903_ROWS(e, c, i)
    {
        if (e->decom[i] != DATE_NONE && (*first < 0 || e->decom[i] < e->decom[*first]))
            *first = i;
    }
    R903_ROWS(l, c, k)
    {
        if (l->decom[k] != DATE_NONE && (*last < 0 || l->decom[k] > l->decom[*last]))
            *last = k;
    }
}

static bool text_differs(const char *a, const char *b)
{
    return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

static bool distance_differs(float now, float before)
{
    return (!isnan(now) && !isnan(before) && fabsf(now - before) >= 0.2f) ||
           (isnan(before) && !isnan(now));
}

/* 452/453/503G/503H/503J: the first episode continues last year's open one at the same
 * place. */
static void carried(struct rctx *ctx, int what, bool same_rne)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x), *l = &x->ly->ep;
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t i, k;
        first_and_last(x, c, &i, &k);
        if (i < 0 || k < 0 || r903_present(&l->t, EP_DEC, (size_t)k))
            continue;
        if (same_rne &&
            strcmp(s903_text(&e->t, EP_RNE, (size_t)i), s903_text(&l->t, EP_RNE, (size_t)k)))
            continue;
        bool differs = what == 0   ? text_differs(e->pl_la[i], l->pl_la[k])
                       : what == 1 ? distance_differs(e->pl_distance[i], l->pl_distance[k])
                                   : e->pl_location[i] != l->pl_location[k];
        if (differs)
            r903_flag(x, T903_EPISODES, (size_t)i);
    }
}

void s903c_452(struct rctx *ctx) { carried(ctx, 0, true); }
void s903c_453(struct rctx *ctx) { carried(ctx, 1, true); }
void s903c_503G(struct rctx *ctx) { carried(ctx, 1, false); }
void s903c_503H(struct rctx *ctx) { carried(ctx, 0, false); }
void s903c_503J(struct rctx *ctx) { carried(ctx, 2, false); }

/* The provider of episode i's URN, for the URN rules; NULL when not found. */
static const struct provider *provider_of(const struct r903 *x, size_t i)
{
    return provider_list_find(x->c->in->providers, EP(x)->urn[i]);
}

void s903c_1008(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++)
        if (urn_given(e->urn[i]) && !provider_of(x, i))
            r903_flag(x, T903_EPISODES, i);
}

void s903c_219(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++) {
        if (!urn_given(e->urn[i]))
            continue;
        const struct provider *p = provider_of(x, i);
        if (!p || !r903_in(p->places, e->place[i]))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_221(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_episodes *e = EP(x);
    uint64_t homes = r903_codes(CS_PL, x->year <= 2023   ? "K1 K2 R3 S1"
                                       : x->year <= 2024 ? "H5 K1 K2 R3 S1"
                                                         : "K1 K2 K3 R3 S1");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!urn_given(e->urn[i]) || short_break(e, i) || !r903_in(homes, e->place[i]) ||
            !e->pl_post[i])
            continue;
        const struct provider *p = provider_of(x, i);
        char pcd[POSTCODE_MAX + 1];
        if (!p || !postcode_norm(e->pl_post[i], pcd) || strcmp(pcd, p->pcd))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_224(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++) {
        if (!urn_given(e->urn[i]))
            continue;
        const struct provider *p = provider_of(x, i);
        if (!p || !r903_in(p->providers, e->provider[i]))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_227(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++) {
        const struct provider *p = urn_given(e->urn[i]) ? provider_of(x, i) : NULL;
        if (p && d_ge(e->decom[i], p->reg_end))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_228(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    for (size_t i = 0; i < e->t.n; i++) {
        const struct provider *p = urn_given(e->urn[i]) ? provider_of(x, i) : NULL;
        if (!p || p->reg_end == DATE_NONE)
            continue;
        if (d_gt(e->dec[i], p->reg_end) || (e->dec[i] == DATE_NONE && x->end > p->reg_end))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_229(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = EP(x);
    uint8_t pr1 = r903_code(CS_903_PROVIDER, "PR1"), pr2 = r903_code(CS_903_PROVIDER, "PR2");
    for (size_t i = 0; i < e->t.n; i++) {
        if (!urn_given(e->urn[i]))
            continue;
        const struct provider *p = provider_of(x, i);
        bool own = p && p->la[0] && !strcmp(p->la, x->r->la);
        if ((e->provider[i] == pr1 && !own) || (e->provider[i] == pr2 && own))
            r903_flag(x, T903_EPISODES, i);
    }
}
