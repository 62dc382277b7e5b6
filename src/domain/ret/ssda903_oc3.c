/*
 * SSDA903 rules on the OC3 table: care leavers around their 17th to 21st birthdays (in
 * touch, activity, accommodation), which young people belong in it, and what their
 * episodes of care say about it.
 */
#include "domain/ret/ssda903_rules.h"

static const struct s903_oc3 *OC3(const struct r903 *x) { return &x->y->oc3; }

static bool any(const struct s903_oc3 *o, size_t i)
{
    return o->in_touch[i] || o->activ[i] || o->accom[i];
}

static void invalid(const struct r903 *x, const uint8_t *v, enum codeset_id cs)
{
    const struct s903_oc3 *o = OC3(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (!r903_valid(x, cs, v[i]))
            r903_flag(x, T903_OC3, i);
}

void s903c_131(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, OC3(x)->in_touch, CS_903_IN_TOUCH);
}
void s903c_132(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, OC3(x)->activ, CS_903_ACTIVITY);
}
void s903c_133(struct rctx *ctx)
{
    R903(ctx, x);
    invalid(x, OC3(x)->accom, CS_903_ACCOMMODATION);
}

void s903c_134(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    const struct s903_ad1 *a = &x->y->ad1;
    int di = AD_DATE_INT, dm = AD_DATE_MATCH;
    for (size_t i = 0; i < a->t.n; i++) {
        bool adoption = r903_present(&a->t, di, i) || r903_present(&a->t, dm, i) ||
                        a->foster_care[i] || a->nb_adoptr[i] || a->sex_adoptr[i] || a->ls_adoptr[i];
        if (!adoption)
            continue;
        R903_ROWS(o, a->child[i], k)
        {
            if (any(o, (size_t)k))
                r903_flag(x, T903_AD1, i);
        }
    }
}

void s903c_153(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    for (size_t i = 0; i < o->t.n; i++) {
        int n = (o->in_touch[i] != 0) + (o->activ[i] != 0) + (o->accom[i] != 0);
        if (n == 1 || n == 2)
            r903_flag(x, T903_OC3, i);
    }
}

void s903c_344(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    uint64_t gone = r903_codes(CS_903_IN_TOUCH, "DIED RHOM");
    uint8_t a0 = r903_code(CS_903_ACTIVITY, "0"), c0 = r903_code(CS_903_ACCOMMODATION, "0");
    for (size_t i = 0; i < o->t.n; i++)
        if (r903_in(gone, o->in_touch[i]) && (o->activ[i] != a0 || o->accom[i] != c0))
            r903_flag(x, T903_OC3, i);
}

void s903c_345(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    uint8_t yes = r903_code(CS_903_IN_TOUCH, "YES");
    uint8_t a0 = r903_code(CS_903_ACTIVITY, "0"), c0 = r903_code(CS_903_ACCOMMODATION, "0");
    for (size_t i = 0; i < o->t.n; i++)
        if (o->in_touch[i] == yes && (o->activ[i] == a0 || o->accom[i] == c0))
            r903_flag(x, T903_OC3, i);
}

/* A foyer (accommodation T1 or T2) is only for care leavers aged 18 or over. The reference
 * tool compares ACCOM with "T", which no valid return contains (differences.md). */
void s903c_347(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    uint64_t foyer = r903_codes(CS_903_ACCOMMODATION, "T1 T2");
    for (size_t i = 0; i < o->t.n; i++)
        if (r903_in(foyer, o->accom[i]) && d_gt(s903_years(o->dob[i], 18), x->start))
            r903_flag(x, T903_OC3, i);
}

void s903c_391(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    for (size_t i = 0; i < o->t.n; i++)
        if (d_gt(s903_years(o->dob[i], 17), x->end) && any(o, i))
            r903_flag(x, T903_OC3, i);
}

static bool ended_with(const struct s903_episodes *e, uint32_t c, uint8_t rec)
{
    R903_ROWS(e, c, i)
    {
        if (e->rec[i] == rec)
            return true;
    }
    return false;
}

void s903c_1000(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    uint8_t e2 = r903_code(CS_903_REASON_CEASED, "E2");
    for (size_t i = 0; i < o->t.n; i++)
        if (ended_with(&x->y->ep, o->child[i], e2) ||
            (x->ly->ep.t.present && ended_with(&x->ly->ep, o->child[i], e2)))
            r903_flag(x, T903_OC3, i);
}

/* 1007: still looked after on the 17th or 18th birthday that fell in the year. */
void s903c_1007(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < o->t.n; i++) {
        kdate dob = o->dob[i];
        if (!any(o, i) || !d_le(s903_years(dob, 17), x->end) || !d_gt(s903_years(dob, 19), x->end))
            continue;
        /* the last birthday on or before 31 March */
        int age = date_age_on(dob, x->end);
        kdate bday = date_birthday(dob, age);
        R903_ROWS(e, o->child[i], k)
        {
            if (d_le(e->decom[k], bday) && d_gt(e->dec[k], bday)) {
                r903_flag(x, T903_OC3, i);
                break;
            }
        }
    }
}

void s903c_1011(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    const struct s903_episodes *e = &x->y->ep;
    uint8_t e3 = r903_code(CS_903_REASON_CEASED, "E3");
    for (size_t i = 0; i < o->t.n; i++) {
        if (!any(o, i) || o->child[i] == S903_NO_CHILD)
            continue;
        /* the child's latest episode (the first of equal start dates) */
        int32_t last = -1;
        R903_ROWS(e, o->child[i], k)
        {
            if (e->decom[k] != DATE_NONE && (last < 0 || e->decom[k] > e->decom[last]))
                last = k;
        }
        if (last >= 0 && e->rec[last] == e3)
            r903_flag(x, T903_OC3, i);
    }
}

void s903c_1014(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    const struct s903_uasc *u = &x->y->uasc;
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < u->t.n; i++) {
        uint32_t c = u->child[i];
        if (!r903_has(&e->t, c))
            continue;
        bool in_year = false;
        R903_ROWS(e, c, k)
        {
            in_year |=
                d_le(e->decom[k], x->end) && (d_ge(e->dec[k], x->start) || e->dec[k] == DATE_NONE);
        }
        if (in_year)
            continue;
        R903_ROWS(o, c, k)
        {
            if (any(o, (size_t)k)) {
                r903_flag(x, T903_UASC, i);
                r903_flag(x, T903_OC3, (size_t)k);
            }
        }
    }
}

/* 1016: aged 17 (or 18) at 31 March and left care on or after the 17th (18th) birthday. */
void s903c_1016(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < o->t.n; i++) {
        kdate dob = o->dob[i];
        if (!any(o, i) || dob == DATE_NONE)
            continue;
        int age = date_age_on(dob, x->end);
        if (age != 17 && age != 18)
            continue;
        R903_ROWS(e, o->child[i], k)
        {
            if (d_ge(e->dec[k], s903_years(dob, age))) {
                r903_flag(x, T903_OC3, i);
                break;
            }
        }
    }
}

void s903c_3001(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_oc3 *o = OC3(x);
    const struct s903_header *h = &x->y->header;
    uint64_t z = r903_codes(CS_903_ACCOMMODATION, "Z1 Z2");
    for (size_t i = 0; i < o->t.n; i++) {
        if (!r903_in(z, o->accom[i]))
            continue;
        R903_ROWS(h, o->child[i], k)
        {
            kdate d17 = s903_years(h->dob[k], 17);
            if (d_le(d17, x->end) && d_ge(d17, x->start))
                r903_flag(x, T903_OC3, i);
        }
    }
}
