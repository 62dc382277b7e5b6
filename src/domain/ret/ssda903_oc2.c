/*
 * SSDA903 rules on the OC2 table: the outcomes of children looked after continuously for
 * 12 months at 31 March (strengths and difficulties questionnaire, health, offending,
 * substance misuse), who must and who must not have them, and what they contradict.
 * "Looked after continuously" is the return's shared per-child flag (ssda903.c).
 */
#include "domain/ret/ssda903_rules.h"

#define CS_FLAG CS_903_FLAG

static const struct s903_oc2 *OC2(const struct r903 *x) { return &x->y->oc2; }

static bool cla(const struct r903 *x, uint32_t c) { return c != S903_NO_CHILD && x->y->cla[c]; }

static bool score_given(const struct s903_oc2 *o, size_t i)
{
    return r903_present(&o->t, O2_SDQ_SCORE, i);
}

/* The eight outcome flags, and the four health items that go with them. */
static bool any_flag(const struct s903_oc2 *o, size_t i)
{
    return o->convicted[i] || o->health_check[i] || o->immunisations[i] || o->teeth_check[i] ||
           o->health_assessment[i] || o->substance_misuse[i] || o->intervention_received[i] ||
           o->intervention_offered[i];
}

static bool health_blank(const struct s903_oc2 *o, size_t i)
{
    return !o->immunisations[i] || !o->teeth_check[i] || !o->health_assessment[i] ||
           !o->substance_misuse[i];
}

void s903c_157(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    uint8_t sdq1 = r903_code(CS_903_SDQ_REASON, "SDQ1");
    for (size_t i = 0; i < o->t.n; i++)
        if (cla(x, o->child[i]) && d_le(s903_years(o->dob[i], 4), x->start) &&
            d_ge(s903_years(o->dob[i], 16), x->end) && !score_given(o, i) &&
            o->sdq_reason[i] == sdq1)
            r903_flag(x, T903_OC2, i);
}

void s903c_158(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    uint8_t yes = r903_code(CS_FLAG, "1");
    for (size_t i = 0; i < o->t.n; i++)
        if (o->intervention_received[i] == yes && o->intervention_offered[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_159(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    uint8_t yes = r903_code(CS_FLAG, "1"), no = r903_code(CS_FLAG, "0");
    for (size_t i = 0; i < o->t.n; i++)
        if (o->substance_misuse[i] == yes && o->intervention_received[i] == no &&
            !o->intervention_offered[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_180(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    int c = O2_SDQ_SCORE;
    for (size_t i = 0; i < o->t.n; i++)
        if (s903_is_bad(&o->t, c, i))
            r903_flag(x, T903_OC2, i);
}

void s903c_181(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    const uint8_t *f[] = {o->convicted,
                          o->health_check,
                          o->immunisations,
                          o->teeth_check,
                          o->health_assessment,
                          o->substance_misuse,
                          o->intervention_received,
                          o->intervention_offered};
    for (size_t i = 0; i < o->t.n; i++) {
        bool bad = false;
        for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
            bad |= f[k][i] && !r903_valid(x, CS_FLAG, f[k][i]);
        if (bad)
            r903_flag(x, T903_OC2, i);
    }
}

void s903c_182(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (health_blank(o, i) && (o->convicted[i] || o->health_check[i] ||
                                   o->intervention_received[i] || o->intervention_offered[i]))
            r903_flag(x, T903_OC2, i);
}

void s903c_185(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (score_given(o, i) && !cla(x, o->child[i]))
            r903_flag(x, T903_OC2, i);
}

void s903c_186(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_le(s903_years(o->dob[i], 4), x->start) && d_gt(s903_years(o->dob[i], 17), x->end) &&
            cla(x, o->child[i]) && !score_given(o, i) && !o->sdq_reason[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_188(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_gt(s903_years(o->dob[i], 4), x->end) && (score_given(o, i) || o->sdq_reason[i]))
            r903_flag(x, T903_OC2, i);
}

void s903c_189(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_lt(s903_years(o->dob[i], 17), x->start) && (score_given(o, i) || o->sdq_reason[i]))
            r903_flag(x, T903_OC2, i);
}

void s903c_190(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (!cla(x, o->child[i]) && any_flag(o, i))
            r903_flag(x, T903_OC2, i);
}

void s903c_191(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < o->t.n; i++)
        if (cla(x, o->child[i]) && health_blank(o, i))
            r903_flag(x, T903_OC2, i);
    /* A child looked after continuously with no OC2 row: flag the first episode. */
    for (size_t k = 0; k < e->t.n; k++) {
        uint32_t i = e->order[k], c = e->child[i];
        bool first = k == 0 || e->child[e->order[k - 1]] != c;
        if (first && e->decom[i] != DATE_NONE && cla(x, c) && !r903_has(&o->t, c))
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_192(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    uint8_t yes = r903_code(CS_FLAG, "1");
    for (size_t i = 0; i < o->t.n; i++)
        if (o->substance_misuse[i] == yes && !o->intervention_received[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_193(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    uint8_t no = r903_code(CS_FLAG, "0");
    for (size_t i = 0; i < o->t.n; i++)
        if ((!o->substance_misuse[i] || o->substance_misuse[i] == no) &&
            (o->intervention_received[i] || o->intervention_offered[i]))
            r903_flag(x, T903_OC2, i);
}

void s903c_196(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (o->sdq_reason[i] && !r903_valid(x, CS_903_SDQ_REASON, o->sdq_reason[i]))
            r903_flag(x, T903_OC2, i);
}

void s903c_197a(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (score_given(o, i) && o->sdq_reason[i])
            r903_flag(x, T903_OC2, i);
}

static bool in_year(const struct r903 *x, kdate d) { return d_ge(d, x->start) && d_le(d, x->end); }

void s903c_197B(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if ((in_year(x, s903_years(o->dob[i], 4)) || in_year(x, s903_years(o->dob[i], 17))) &&
            cla(x, o->child[i]) && !score_given(o, i) && !o->sdq_reason[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_198(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (o->sdq_reason[i] && !cla(x, o->child[i]))
            r903_flag(x, T903_OC2, i);
}

void s903c_215(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    const struct s903_oc3 *l = &x->y->oc3;
    for (size_t i = 0; i < l->t.n; i++) {
        if (!l->in_touch[i] && !l->activ[i] && !l->accom[i])
            continue;
        R903_ROWS(o, l->child[i], k)
        {
            if (any_flag(o, (size_t)k)) {
                r903_flag(x, T903_OC3, i);
                r903_flag(x, T903_OC2, (size_t)k);
            }
        }
    }
}

void s903c_542(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_gt(s903_years(o->dob[i], 10), x->end) && o->convicted[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_543(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_gt(x->end, s903_years(o->dob[i], 10)) && cla(x, o->child[i]) && !o->convicted[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_544(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    uint8_t yes = r903_code(CS_FLAG, "1");
    for (size_t i = 0; i < o->t.n; i++)
        if (o->convicted[i] == yes && health_blank(o, i))
            r903_flag(x, T903_OC2, i);
}

void s903c_545(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_lt(x->end, s903_years(o->dob[i], 5)) && cla(x, o->child[i]) && !o->health_check[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_546(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_ge(x->end, s903_years(o->dob[i], 5)) && cla(x, o->child[i]) && o->health_check[i])
            r903_flag(x, T903_OC2, i);
}

void s903c_547(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc2 *o = OC2(x);
    uint8_t yes = r903_code(CS_FLAG, "1");
    for (size_t i = 0; i < o->t.n; i++)
        if (o->health_check[i] == yes && health_blank(o, i))
            r903_flag(x, T903_OC2, i);
}

/* 187: a child looked after continuously has no adoption or care-leaver data. */
void s903c_187(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *l = &x->y->oc3;
    const struct s903_ad1 *a = &x->y->ad1;
    int di = AD_DATE_INT, dm = AD_DATE_MATCH;
    for (size_t i = 0; i < l->t.n; i++)
        if (cla(x, l->child[i]) && (l->in_touch[i] || l->activ[i] || l->accom[i]))
            r903_flag(x, T903_OC3, i);
    for (size_t i = 0; i < a->t.n; i++)
        if (cla(x, a->child[i]) &&
            (r903_present(&a->t, di, i) || r903_present(&a->t, dm, i) || a->foster_care[i] ||
             a->nb_adoptr[i] || a->sex_adoptr[i] || a->ls_adoptr[i]))
            r903_flag(x, T903_AD1, i);
}
