/*
 * SSDA903 rules on the child: the header (sex, date of birth, ethnicity, UPN, motherhood),
 * the UASC table, and the checks that set them against the child's episodes.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#include "domain/ret/ssda903_rules.h"

/* Short breaks (V3, V4): the check sets x->set[2] before its loop (SHORT_BREAKS). */
#define SHORT_BREAKS(x) ((x)->set[2] = r903_codes(CS_903_LEGAL_STATUS, "V3 V4"))
#define short_break(e, i) r903_in(x->set[2], (e)->ls[i])

static bool male_code(uint8_t v, int year)
{
    return v && v == r903_code(CS_903_SEX, year <= 2024 ? "1" : "M");
}

static bool female_code(uint8_t v, int year)
{
    return v && v == r903_code(CS_903_SEX, year <= 2024 ? "2" : "F");
}

void s903c_101(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (!r903_valid(x, CS_903_SEX, h->sex[i]))
            r903_flag(x, T903_HEADER, i);
}

void s903c_102(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (h->dob[i] == DATE_NONE)
            r903_flag(x, T903_HEADER, i);
}

void s903c_103(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (!r903_valid(x, CS_ETHNICITY, h->ethnic[i]))
            r903_flag(x, T903_HEADER, i);
}

void s903c_104(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_uasc *u = &x->y->uasc;
    int duc = UA_DUC;
    for (size_t i = 0; i < u->t.n; i++)
        if (s903_is_bad(&u->t, duc, i) || d_lt(u->duc[i], x->start))
            r903_flag(x, T903_UASC, i);
}

void s903c_105(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    if (!x->y->from_xml)
        return;
    for (size_t i = 0; i < h->t.n; i++)
        if (!r903_valid(x, CS_903_FLAG, h->uasc[i]))
            r903_flag(x, T903_HEADER, i);
}

/* A UPN: a letter other than I, O or S, then 12 digits or 11 digits and a letter; or one of
 * the codes UN1 to UN5 for an unknown UPN. */
static bool upn_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 3 && s[0] == 'U' && s[1] == 'N' && s[2] >= '1' && s[2] <= '5')
        return true;
    if (n != 13 || s[0] < 'A' || s[0] > 'Z' || strchr("IOS", s[0]))
        return false;
    for (int i = 1; i < 12; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return (s[12] >= '0' && s[12] <= '9') || (s[12] >= 'A' && s[12] <= 'Z');
}

void s903c_168(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (h->upn[i] && !upn_ok(h->upn[i]))
            r903_flag(x, T903_HEADER, i);
}

void s903c_171(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    int col = HD_MC_DOB;
    for (size_t i = 0; i < h->t.n; i++)
        if (s903_is_bad(&h->t, col, i))
            r903_flag(x, T903_HEADER, i);
}

void s903c_174(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    int col = HD_MC_DOB;
    for (size_t i = 0; i < h->t.n; i++)
        if (male_code(h->sex[i], x->year) && r903_present(&h->t, col, i))
            r903_flag(x, T903_HEADER, i);
}

void s903c_209(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    kdate ref = date_from_ymd(date_year(x->start) - 1, 8, 31);
    for (size_t i = 0; i < h->t.n; i++)
        if (h->upn[i] && !strcmp(h->upn[i], "UN1") && d_ge(ref, s903_years(h->dob[i], 4)))
            r903_flag(x, T903_HEADER, i);
}

/* 210: UN4 ("newly looked after in the last week of the year") cannot be given for a
 * child whose current period of care, still open at 31 March, started before 24 March. The
 * reference tool flags the opposite (an episode starting on or after 24 March), which
 * contradicts the rule's message (differences.md). */
void s903c_210(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    kdate ref = date_from_ymd(date_year(x->end), 3, 24);
    for (size_t k = 0; k < e->t.n;) {
        uint32_t c = e->child[e->order[k]];
        /* the child's last period of care: where it starts, whether it is still open */
        int32_t start = -1;
        kdate prev_dec = DATE_NONE;
        bool open = false;
        for (; k < e->t.n && e->child[e->order[k]] == c; k++) {
            uint32_t i = e->order[k];
            if (e->decom[i] == DATE_NONE)
                continue;
            if (start < 0 || d_gt(e->decom[i], prev_dec))
                start = (int32_t)i;
            prev_dec = e->dec[i];
            open = e->dec[i] == DATE_NONE || e->dec[i] > x->end;
        }
        if (c == S903_NO_CHILD || start < 0 || !open || !(e->decom[start] < ref))
            continue;
        R903_ROWS(h, c, j)
        {
            if (h->upn[j] && !strcmp(h->upn[j], "UN4")) {
                r903_flag(x, T903_HEADER, (size_t)j);
                r903_flag(x, T903_EPISODES, (size_t)start);
            }
        }
    }
}

void s903c_231(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    if (!x->y->uasc_known)
        return;
    kdate cut = s903_years(x->end, -11);
    for (size_t i = 0; i < h->t.n; i++)
        if (h->uasc[i] == yes && d_gt(h->dob[i], cut))
            r903_flag(x, T903_HEADER, i);
}

void s903c_232(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    uint8_t u = r903_code(CS_903_SEX, "U");
    for (size_t i = 0; i < h->t.n; i++)
        if (h->sex[i] == u)
            r903_flag(x, T903_HEADER, i);
}

void s903c_301(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (d_gt(h->dob[i], x->end))
            r903_flag(x, T903_HEADER, i);
}

/* The child's first episode by start date (the first of equal dates), or -1. */
static int32_t first_episode(const struct s903_episodes *e, size_t *pos)
{
    size_t k = *pos;
    uint32_t c = e->child[e->order[k]];
    int32_t first = e->decom[e->order[k]] != DATE_NONE ? (int32_t)e->order[k] : -1;
    while (k < e->t.n && e->child[e->order[k]] == c)
        k++;
    *pos = k;
    return c == S903_NO_CHILD ? -1 : first;
}

void s903c_302(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    for (size_t k = 0; k < e->t.n;) {
        int32_t i = first_episode(e, &k);
        if (i < 0)
            continue;
        R903_ROWS(h, e->child[i], j)
        {
            if (d_gt(h->dob[j], e->decom[i])) {
                r903_flag(x, T903_EPISODES, (size_t)i);
                r903_flag(x, T903_HEADER, (size_t)j);
            }
        }
    }
}

void s903c_303(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    const struct s903_uasc *u = &x->y->uasc;
    int duc = UA_DUC;
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    if (!x->y->uasc_known || !u->t.present)
        return;
    for (size_t i = 0; i < h->t.n; i++) {
        if (h->uasc[i] == yes)
            continue;
        R903_ROWS(u, h->child[i], j)
        {
            if (r903_present(&u->t, duc, (size_t)j)) {
                r903_flag(x, T903_UASC, (size_t)j);
                r903_flag(x, T903_HEADER, i);
            }
        }
    }
}

void s903c_304(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_uasc *u = &x->y->uasc;
    for (size_t i = 0; i < u->t.n; i++)
        if (d_gt(u->duc[i], s903_years(u->dob[i], 18)))
            r903_flag(x, T903_UASC, i);
}

void s903c_351(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (d_gt(x->start, s903_years(h->dob[i], 25)))
            r903_flag(x, T903_HEADER, i);
}

void s903c_352(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    uint8_t s = r903_code(CS_903_NEW_EPISODE_REASON, "S");
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->rne[i] != s)
            continue;
        R903_ROWS(h, e->child[i], j)
        {
            if (d_le(s903_years(h->dob[j], 18), e->decom[i]))
                r903_flag(x, T903_EPISODES, i);
        }
    }
}

void s903c_393(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < h->t.n; i++) {
        if (!female_code(h->sex[i], x->year) || h->mother[i])
            continue;
        bool applies = false;
        R903_ROWS(e, h->child[i], j) { applies |= !short_break(e, (size_t)j); }
        if (applies)
            r903_flag(x, T903_HEADER, i);
    }
}

void s903c_442(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    for (size_t i = 0; i < h->t.n; i++) {
        if (h->upn[i])
            continue;
        bool applies = false;
        R903_ROWS(e, h->child[i], j) { applies |= !short_break(e, (size_t)j); }
        if (applies)
            r903_flag(x, T903_HEADER, i);
    }
}

static bool upn_unknown(const char *s)
{
    return strlen(s) == 3 && s[0] == 'U' && s[1] == 'N' && s[2] >= '1' && s[2] <= '5';
}

static uint32_t hash_upn(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

/* 444: a UPN (other than UN1-UN5) reported for more than one child row. Rows are put in a
 * hash table by UPN; each slot remembers its first row and whether it was seen again. */
void s903c_444(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    size_t cap = 64;
    while (cap < 2 * h->t.n + 2)
        cap *= 2;
    int32_t *slot = xreallocarray(NULL, cap, sizeof(int32_t));
    bool *dup = xcalloc(h->t.n ? h->t.n : 1, sizeof(bool));
    for (size_t k = 0; k < cap; k++)
        slot[k] = -1;
    for (size_t i = 0; i < h->t.n; i++) {
        const char *u = h->upn[i];
        if (!u || upn_unknown(u))
            continue;
        for (size_t k = hash_upn(u) & (cap - 1);; k = (k + 1) & (cap - 1)) {
            if (slot[k] < 0) {
                slot[k] = (int32_t)i;
                break;
            }
            if (!strcmp(h->upn[slot[k]], u)) {
                dup[slot[k]] = dup[i] = true;
                break;
            }
        }
    }
    for (size_t i = 0; i < h->t.n; i++)
        if (dup[i])
            r903_flag(x, T903_HEADER, i);
    free(slot);
    free(dup);
}

void s903c_611(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    int col = HD_MC_DOB;
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    for (size_t i = 0; i < h->t.n; i++)
        if (h->mother[i] == yes && !r903_present(&h->t, col, i))
            r903_flag(x, T903_HEADER, i);
}

void s903c_612(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    int col = HD_MC_DOB;
    uint8_t no = r903_code(CS_903_FLAG, "0");
    for (size_t i = 0; i < h->t.n; i++)
        if ((h->mother[i] == no || !h->mother[i]) && female_code(h->sex[i], x->year) &&
            r903_present(&h->t, col, i))
            r903_flag(x, T903_HEADER, i);
}

void s903c_620(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    uint8_t yes = r903_code(CS_903_FLAG, "1");
    for (size_t i = 0; i < h->t.n; i++)
        if (h->mother[i] == yes && d_gt(s903_years(h->dob[i], 11), x->start))
            r903_flag(x, T903_HEADER, i);
}

void s903c_621(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    for (size_t i = 0; i < h->t.n; i++)
        if (h->mc_dob[i] != DATE_NONE && !d_gt(h->mc_dob[i], h->dob[i]))
            r903_flag(x, T903_HEADER, i);
}

void s903c_625(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    /* The child's episode that ended last (the first of equal end dates in file order). */
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        int32_t last = -1;
        R903_ROWS(e, c, i)
        {
            if (e->dec[i] != DATE_NONE && (last < 0 || e->dec[i] > e->dec[last]))
                last = i;
        }
        if (last < 0)
            continue;
        R903_ROWS(h, c, j)
        {
            if (d_gt(h->mc_dob[j], x->end) || d_gt(h->mc_dob[j], e->dec[last])) {
                r903_flag(x, T903_HEADER, (size_t)j);
                r903_flag(x, T903_EPISODES, (size_t)last);
            }
        }
    }
}

void s903c_607(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    uint8_t x1 = r903_code(CS_903_REASON_CEASED, "X1");
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->dec[i] == DATE_NONE || !e->rec[i] || e->rec[i] == x1 || short_break(e, i) ||
            e->dec[i] < x->start || e->dec[i] > x->end)
            continue;
        R903_ROWS(h, e->child[i], j)
        {
            if (female_code(h->sex[j], x->year) && !h->mother[j]) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_HEADER, (size_t)j);
            }
        }
    }
}

/* Rule 165 reads sex as the reference tool does in every year: 1 or M is male, 2 or F is
 * female (see docs/returns/differences.md). */
void s903c_165(struct rctx *ctx)
{
    R903(ctx, x);
    SHORT_BREAKS(x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_oc3 *o = &x->y->oc3;
    uint8_t m1 = r903_code(CS_903_SEX, "1"), mm = r903_code(CS_903_SEX, "M");
    uint8_t f2 = r903_code(CS_903_SEX, "2"), ff = r903_code(CS_903_SEX, "F");
    for (uint32_t c = 0; c < x->r->nchild; c++) {
        bool any = false, in_year = false;
        R903_ROWS(e, c, i)
        {
            if (short_break(e, (size_t)i))
                continue;
            any = true;
            kdate dec = e->dec[i] == DATE_NONE ? x->end : e->dec[i];
            in_year |= dec >= x->start && d_le(e->decom[i], x->end);
        }
        if (!any)
            continue;
        R903_ROWS(h, c, j)
        {
            uint8_t mo = h->mother[j], sex = h->sex[j];
            bool has_mother = mo != 0, female = sex && (sex == f2 || sex == ff);
            bool invalid = has_mother && !r903_valid(x, CS_903_FLAG, mo);
            bool male = has_mother && sex && (sex == m1 || sex == mm);
            bool all_oc3 = invalid || male || (!has_mother && female && in_year);
            bool with_oc3 = has_mother && female && !in_year;
            if (all_oc3)
                r903_flag(x, T903_HEADER, (size_t)j);
            R903_ROWS(o, c, k)
            {
                bool leaver = o->in_touch[k] || o->activ[k] || o->accom[k];
                if (all_oc3 || (with_oc3 && leaver)) {
                    r903_flag(x, T903_OC3, (size_t)k);
                    r903_flag(x, T903_HEADER, (size_t)j);
                }
            }
        }
    }
}

void s903c_628(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    const struct s903_oc3 *o = &x->y->oc3;
    for (size_t i = 0; i < h->t.n; i++) {
        uint32_t c = h->child[i];
        if (c == S903_NO_CHILD || r903_has(&x->y->ep.t, c) || !h->mother[i])
            continue;
        R903_ROWS(o, c, k)
        {
            if (o->in_touch[k] || o->activ[k] || o->accom[k])
                r903_flag(x, T903_HEADER, i);
        }
    }
}

void s903c_234(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_header *h = &x->y->header;
    const struct s903_episodes *e = &x->y->ep;
    uint8_t custod = r903_code(CS_903_PLACEMENT_CHANGE_REASON, "CUSTOD");
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->rpc[i] != custod)
            continue;
        R903_ROWS(h, e->child[i], j)
        {
            if (d_gt(s903_years(h->dob[j], 10), e->decom[i])) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_HEADER, (size_t)j);
            }
        }
    }
}

/* ---- reviews ---- */

void s903c_166(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_reviews *r = &x->y->rev;
    for (size_t i = 0; i < r->t.n; i++)
        if (r->review[i] == DATE_NONE)
            r903_flag(x, T903_REVIEWS, i);
}

void s903c_167(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_reviews *r = &x->y->rev;
    for (size_t i = 0; i < r->t.n; i++) {
        bool held = r903_present(&r->t, RV_REVIEW, i);
        bool ok = held ? r903_valid(x, CS_903_PARTICIPATION, r->code[i]) : !r->code[i];
        if (!ok)
            r903_flag(x, T903_REVIEWS, i);
    }
}

void s903c_440(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_reviews *r = &x->y->rev;
    uint8_t pn0 = r903_code(CS_903_PARTICIPATION, "PN0");
    for (size_t i = 0; i < r->t.n; i++)
        if (r->code[i] == pn0 && d_gt(r->review[i], s903_years(r->dob[i], 4)))
            r903_flag(x, T903_REVIEWS, i);
}

void s903c_441(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_reviews *r = &x->y->rev;
    uint64_t spoke = r903_codes(CS_903_PARTICIPATION, "PN1 PN2 PN3 PN4 PN5 PN6 PN7");
    for (size_t i = 0; i < r->t.n; i++)
        if (r903_in(spoke, r->code[i]) && d_lt(r->review[i], s903_years(r->dob[i], 4)))
            r903_flag(x, T903_REVIEWS, i);
}
