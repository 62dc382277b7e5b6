/*
 * SSDA903 rules on previous permanence (PrevPerm): the permanence order a child had before
 * starting a period of care, its date and the local authority that arranged it.
 */
#include <string.h>

#include "domain/ret/ssda903_rules.h"

static const struct s903_prevperm *PP(const struct r903 *x) { return &x->y->pp; }
void s903c_630(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_prevperm *p = PP(x);
    uint8_t s = r903_code(CS_903_NEW_EPISODE_REASON, "S");
    uint8_t z1 = r903_code(CS_903_PREVIOUS_PERMANENCE, "Z1");
    int date = PP_DATE_PERM;
    for (size_t i = 0; i < e->t.n; i++) {
        if (e->rne[i] != s || !d_ge(e->decom[i], x->start))
            continue;
        bool fail = !r903_has(&p->t, e->child[i]);
        R903_ROWS(p, e->child[i], k)
        {
            fail |= !p->prev_perm[k] || (p->prev_perm[k] != z1 &&
                                         (!p->la_perm[k] || !r903_present(&p->t, date, (size_t)k)));
        }
        if (fail)
            r903_flag(x, T903_EPISODES, i);
    }
}

void s903c_631(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_prevperm *p = PP(x);
    for (size_t i = 0; i < p->t.n; i++)
        if (p->prev_perm[i] && !r903_valid(x, CS_903_PREVIOUS_PERMANENCE, p->prev_perm[i]))
            r903_flag(x, T903_PREVPERM, i);
}

void s903c_632(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_prevperm *p = PP(x);
    int date = PP_DATE_PERM;
    for (size_t k = 0; k < e->t.n; k++) {
        uint32_t i = e->order[k], c = e->child[i];
        if (c == S903_NO_CHILD || e->decom[i] == DATE_NONE ||
            (k > 0 && e->child[e->order[k - 1]] == c))
            continue; /* only the child's first episode */
        R903_ROWS(p, c, j)
        {
            if (d_ge(p->date_perm[j], e->decom[i]) || s903_is_bad(&p->t, date, (size_t)j)) {
                r903_flag(x, T903_EPISODES, i);
                r903_flag(x, T903_PREVPERM, (size_t)j);
            }
        }
    }
}

/* The local authorities (old three-digit DfE codes) a previous permanence option may have
 * been arranged by, and the codes for outside England. */
static const char *const la_codes[] = {
    "800", "889", "822", "301", "304", "303", "330", "825", "837", "302", "846", "370", "350",
    "890", "867", "380", "305", "801", "351", "873", "823", "895", "896", "381", "909", "202",
    "908", "331", "306", "841", "830", "831", "878", "371", "835", "332", "840", "307", "308",
    "811", "881", "845", "390", "916", "203", "876", "850", "311", "204", "884", "312", "205",
    "313", "805", "919", "310", "309", "420", "921", "206", "207", "886", "810", "382", "314",
    "340", "888", "208", "856", "383", "855", "209", "925", "341", "201", "821", "352", "806",
    "887", "826", "315", "929", "812", "391", "926", "892", "813", "802", "928", "891", "392",
    "316", "815", "353", "931", "879", "836", "851", "874", "807", "354", "317", "870", "318",
    "372", "857", "333", "935", "343", "803", "373", "342", "893", "356", "355", "871", "394",
    "334", "933", "882", "936", "861", "852", "319", "860", "808", "393", "866", "210", "357",
    "894", "883", "880", "358", "211", "937", "869", "320", "359", "865", "384", "335", "336",
    "212", "868", "872", "885", "344", "877", "213", "938", "816", "999", "WAL", "SCO", "NUK",
    "NIR",
};

static bool la_ok(const char *s)
{
    for (size_t i = 0; i < sizeof(la_codes) / sizeof(la_codes[0]); i++)
        if (!strcmp(s, la_codes[i]))
            return true;
    return false;
}

void s903c_633(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_prevperm *p = PP(x);
    for (size_t i = 0; i < p->t.n; i++)
        if (p->la_perm[i] && !la_ok(p->la_perm[i]))
            r903_flag(x, T903_PREVPERM, i);
}

void s903c_634(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_prevperm *p = PP(x);
    int date = PP_DATE_PERM;
    for (size_t i = 0; i < p->t.n; i++) {
        uint32_t c = p->child[i];
        if (!p->prev_perm[i] && !p->la_perm[i] && !r903_present(&p->t, date, i))
            continue;
        kdate last = DATE_NONE;
        R903_ROWS(e, c, k)
        {
            if (e->decom[k] != DATE_NONE && (last == DATE_NONE || e->decom[k] > last))
                last = e->decom[k];
        }
        if (!d_lt(last, x->start))
            continue;
        r903_flag(x, T903_PREVPERM, i);
        R903_ROWS(e, c, k) { r903_flag(x, T903_EPISODES, (size_t)k); }
    }
}

void s903c_635(struct rctx *ctx)
{
    R903(ctx, x);
    const struct s903_prevperm *p = PP(x);
    int date = PP_DATE_PERM;
    for (size_t i = 0; i < p->t.n; i++)
        if ((p->la_perm[i] || r903_present(&p->t, date, i)) && !p->prev_perm[i])
            r903_flag(x, T903_PREVPERM, i);
}
