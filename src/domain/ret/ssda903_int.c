/*
 * Whole-return consistency checks that the reference tool runs besides the DfE's rules
 * (INT..., EPI): every child in a sub-table is in the header, with the same date of birth
 * and sex, once in the tables that hold one row per child; and DfE rule 1012, no other
 * data for a child with no episodes.
 */
#include <string.h>

#include "domain/ret/ssda903_rules.h"

static const uint32_t *children(const struct s903_tab *t)
{
    return *(uint32_t *const *)(const void *)((const char *)t + sizeof(struct s903_tab));
}

/* A date column of a table of the view, by its engine column. */
static const kdate *dates(const struct r903 *x, enum t903 t)
{
    const struct s903_year *y = x->y;
    switch (t) {
    case T903_REVIEWS:
        return y->rev.dob;
    case T903_UASC:
        return y->uasc.dob;
    case T903_OC2:
        return y->oc2.dob;
    case T903_OC3:
        return y->oc3.dob;
    case T903_AD1:
        return y->ad1.dob;
    case T903_PLACED:
        return y->pa.dob;
    case T903_PREVPERM:
        return y->pp.dob;
    case T903_MISSING:
        return y->mis.dob;
    default:
        return y->header.dob;
    }
}

/* INT01-09: a child in table t who is not in the header. */
static void not_in_header(struct rctx *ctx, enum t903 t)
{
    R903(ctx, x);
    const struct s903_tab *tab = s903_ctab(x->y, t);
    const uint32_t *child = children(tab);
    if (!x->y->header.t.present)
        return;
    for (size_t i = 0; i < tab->n; i++)
        if (!r903_has(&x->y->header.t, child[i]))
            r903_flag(x, t, i);
}

void s903c_INT01(struct rctx *ctx) { not_in_header(ctx, T903_AD1); }
void s903c_INT02(struct rctx *ctx) { not_in_header(ctx, T903_PLACED); }
void s903c_INT03(struct rctx *ctx) { not_in_header(ctx, T903_EPISODES); }
void s903c_INT04(struct rctx *ctx) { not_in_header(ctx, T903_MISSING); }
void s903c_INT05(struct rctx *ctx) { not_in_header(ctx, T903_OC2); }
void s903c_INT06(struct rctx *ctx) { not_in_header(ctx, T903_OC3); }
void s903c_INT07(struct rctx *ctx) { not_in_header(ctx, T903_PREVPERM); }
void s903c_INT08(struct rctx *ctx) { not_in_header(ctx, T903_REVIEWS); }
void s903c_INT09(struct rctx *ctx) { not_in_header(ctx, T903_UASC); }

/* INT11-18: the date of birth in table t differs from the header's. */
static void dob_differs(struct rctx *ctx, enum t903 t)
{
    R903(ctx, x);
    const struct s903_tab *tab = s903_ctab(x->y, t);
    const struct s903_header *h = &x->y->header;
    const uint32_t *child = children(tab);
    const kdate *dob = dates(x, t);
    for (size_t i = 0; i < tab->n; i++) {
        if (dob[i] == DATE_NONE)
            continue;
        R903_ROWS(h, child[i], k)
        {
            if (h->dob[k] != DATE_NONE && h->dob[k] != dob[i])
                r903_flag(x, t, i);
        }
    }
}

void s903c_INT11(struct rctx *ctx) { dob_differs(ctx, T903_AD1); }
void s903c_INT12(struct rctx *ctx) { dob_differs(ctx, T903_PLACED); }
void s903c_INT13(struct rctx *ctx) { dob_differs(ctx, T903_MISSING); }
void s903c_INT14(struct rctx *ctx) { dob_differs(ctx, T903_OC2); }
void s903c_INT15(struct rctx *ctx) { dob_differs(ctx, T903_OC3); }
void s903c_INT16(struct rctx *ctx) { dob_differs(ctx, T903_PREVPERM); }
void s903c_INT17(struct rctx *ctx) { dob_differs(ctx, T903_REVIEWS); }
void s903c_INT18(struct rctx *ctx) { dob_differs(ctx, T903_UASC); }

/* INT21: the sex in the UASC table differs from the header's (as written). */
void s903c_INT21(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_uasc *u = &x->y->uasc;
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < u->t.n; i++) {
        if (!u->sex[i])
            continue;
        R903_ROWS(h, u->child[i], k)
        {
            if (h->sex[k] &&
                strcmp(s903_text(&h->t, HD_SEX, (size_t)k), s903_text(&u->t, UA_SEX, i)))
                r903_flag(x, T903_UASC, i);
        }
    }
}

/* INT31-36: a child with more than one row in a table that has one row per child. */
static void duplicated(struct rctx *ctx, enum t903 t)
{
    R903(ctx, x);
    const struct s903_tab *tab = s903_ctab(x->y, t);
    const uint32_t *child = children(tab);
    for (size_t i = 0; i < tab->n; i++) {
        uint32_t c = child[i];
        if (c != S903_NO_CHILD && (tab->head[c] != (int32_t)i || tab->next[i] >= 0))
            r903_flag(x, t, i);
    }
}

void s903c_INT31(struct rctx *ctx) { duplicated(ctx, T903_AD1); }
void s903c_INT32(struct rctx *ctx) { duplicated(ctx, T903_HEADER); }
void s903c_INT33(struct rctx *ctx) { duplicated(ctx, T903_OC2); }
void s903c_INT34(struct rctx *ctx) { duplicated(ctx, T903_OC3); }
void s903c_INT35(struct rctx *ctx) { duplicated(ctx, T903_PREVPERM); }
void s903c_INT36(struct rctx *ctx) { duplicated(ctx, T903_UASC); }

/* EPI: a child in the header with no episodes and no care-leaver (OC3) row. */
void s903c_EPI(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (!r903_has(&x->y->ep.t, h->child[i]) && !r903_has(&x->y->oc3.t, h->child[i]))
            r903_flag(x, T903_HEADER, i);
}

/* 1012: rows in the other tables for a child with no episodes this year. */
void s903c_1012(struct rctx *ctx)
{
    R903(ctx, x);
    static const enum t903 tables[] = {T903_PLACED, T903_MISSING,  T903_REVIEWS,
                                       T903_AD1,    T903_PREVPERM, T903_OC2};
    if (!x->y->ep.t.present)
        return;
    for (size_t k = 0; k < sizeof(tables) / sizeof(tables[0]); k++) {
        const struct s903_tab *tab = s903_ctab(x->y, tables[k]);
        const uint32_t *child = children(tab);
        for (size_t i = 0; i < tab->n; i++)
            if (!r903_has(&x->y->ep.t, child[i]))
                r903_flag(x, tables[k], i);
    }
}
