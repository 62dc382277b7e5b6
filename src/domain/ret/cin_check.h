/*
 * What the CIN rule checks share (private to src/domain/ret/cin_*.c): the list of check
 * functions, and small helpers for walking a census: the child a row belongs to, an
 * episode's yes/no flags, runs of rows with the same parent, and the census period.
 *
 * Runs: rows are added in document order (see cin.h), so the rows of one episode, or of one
 * child, are adjacent; run_end() finds where a run stops.
 */
#ifndef KITH_DOMAIN_RET_CIN_CHECK_H
#define KITH_DOMAIN_RET_CIN_CHECK_H

#include <stdbool.h>

#include "domain/ret/cin.h"

/* The checks, one per rule version (defined in cin_check_*.c, listed in cin_rules.c). */
void cin_r1103(struct rctx *c);
void cin_r8608(struct rctx *c);
void cin_r8614(struct rctx *c);
void cin_r8670q(struct rctx *c);
void cin_r8696(struct rctx *c);
void cin_r8736(struct rctx *c);
void cin_r8863q(struct rctx *c);
void cin_r8869(struct rctx *c);
void cin_r8873q(struct rctx *c);
void cin_r8896(struct rctx *c);
void cin_r8897q(struct rctx *c);
void cin_r8898(struct rctx *c);
void cin_r8945q(struct rctx *c);
void cin_r8950q(struct rctx *c);
void cin_r100(struct rctx *c);
void cin_r1510(struct rctx *c);
void cin_r1530(struct rctx *c);
void cin_r1540(struct rctx *c);
void cin_r1550(struct rctx *c);
void cin_r1520(struct rctx *c);
void cin_r8510(struct rctx *c);
void cin_r1560q(struct rctx *c);
void cin_r8500(struct rctx *c);
void cin_r1570(struct rctx *c);
void cin_r1580(struct rctx *c);
void cin_r4180_gender(struct rctx *c);
void cin_r4180_sex(struct rctx *c);
void cin_r2886q_gender(struct rctx *c);
void cin_r2886q_sex(struct rctx *c);
void cin_r8750_gender(struct rctx *c);
void cin_r8750_sex(struct rctx *c);
void cin_r8520(struct rctx *c);
void cin_r8525q(struct rctx *c);
void cin_r8530q(struct rctx *c);
void cin_r8535q(struct rctx *c);
void cin_r8545q(struct rctx *c);
void cin_r8590(struct rctx *c);
void cin_r4008(struct rctx *c);
void cin_r4009q(struct rctx *c);
void cin_r8770q_2023(struct rctx *c);
void cin_r8770q_2025(struct rctx *c);
void cin_r8772(struct rctx *c);
void cin_r8775q(struct rctx *c);
void cin_r4220(struct rctx *c);
void cin_r8540(struct rctx *c);
void cin_r2887q(struct rctx *c);
void cin_r2888q(struct rctx *c);
void cin_r8790(struct rctx *c);
void cin_r8794(struct rctx *c);
void cin_r1104(struct rctx *c);
void cin_r2884(struct rctx *c);
void cin_r2889(struct rctx *c);
void cin_r8615(struct rctx *c);
void cin_r8675q(struct rctx *c);
void cin_r8715(struct rctx *c);
void cin_r8740(struct rctx *c);
void cin_r8839(struct rctx *c);
void cin_r8870q(struct rctx *c);
void cin_r8875(struct rctx *c);
void cin_r8890(struct rctx *c);
void cin_r1105(struct rctx *c);
void cin_r2883(struct rctx *c);
void cin_r2885(struct rctx *c);
void cin_r8720(struct rctx *c);
void cin_r8730(struct rctx *c);
void cin_r8840(struct rctx *c);
void cin_r8841(struct rctx *c);
void cin_r8842q(struct rctx *c);
void cin_r8905(struct rctx *c);
void cin_r8910(struct rctx *c);
void cin_r8915(struct rctx *c);
void cin_r8920(struct rctx *c);
void cin_r8925(struct rctx *c);
void cin_r8930(struct rctx *c);
void cin_r8935(struct rctx *c);
void cin_r8940(struct rctx *c);
void cin_r8555q(struct rctx *c);
void cin_r8568(struct rctx *c);
void cin_r8569q(struct rctx *c);
void cin_r8585q(struct rctx *c);
void cin_r8600(struct rctx *c);
void cin_r8606(struct rctx *c);
void cin_r8610(struct rctx *c);
void cin_r8620(struct rctx *c);
void cin_r8630(struct rctx *c);
void cin_r8640(struct rctx *c);
void cin_r8650(struct rctx *c);
void cin_r8805(struct rctx *c);
void cin_r8810(struct rctx *c);
void cin_r8815(struct rctx *c);
void cin_r8816(struct rctx *c);
void cin_r8820(struct rctx *c);
void cin_r8825q(struct rctx *c);
void cin_r2990(struct rctx *c);
void cin_r2991q(struct rctx *c);
void cin_r8831(struct rctx *c);
void cin_r8832(struct rctx *c);
void cin_r8866(struct rctx *c);
void cin_r8867(struct rctx *c);
void cin_r8868(struct rctx *c);
void cin_r8565(struct rctx *c);
void cin_r4000(struct rctx *c);
void cin_r4001(struct rctx *c);
void cin_r4003(struct rctx *c);
void cin_r4004(struct rctx *c);
void cin_r4010(struct rctx *c);
void cin_r4011(struct rctx *c);
void cin_r4012q(struct rctx *c);
void cin_r4013(struct rctx *c);
void cin_r4014(struct rctx *c);
void cin_r4015(struct rctx *c);
void cin_r4016(struct rctx *c);
void cin_r4017(struct rctx *c);

/* Shorthands over `c` (a struct rctx *). */
#define TB(t) (&c->r->tables[t])
#define NROWS(t) (c->r->tables[t].nrows)
#define VAL(t, col) (c->r->tables[t].val[col])
#define RAW(t, row, col) ret_raw(c->r, t, row, col)
#define HAS(t, row, col) (c->r->tables[t].raw[col][row] != 0)
#define YEAR (c->r->year)
#define START (c->r->period_start)
#define END (c->r->period_end)
#define FLAG(t, row, cols) rule_flag(c, t, row, cols)

static inline bool in_period(const struct rctx *c, kdate d)
{
    return rdate_has(d) && d >= c->r->period_start && d <= c->r->period_end;
}

/* The episode (CINdetails row) of a row of a module inside CINdetails. */
static inline int32_t episode_of(const struct rctx *c, int t, int32_t row)
{
    switch (t) {
    case CIN_DETAILS:
        return row;
    case CIN_ASSESSMENT:
        return c->r->tables[t].val[AS_DETAILS][row];
    case CIN_PLAN:
        return c->r->tables[t].val[PL_DETAILS][row];
    case CIN_S47:
        return c->r->tables[t].val[S47_DETAILS][row];
    case CIN_CPP:
        return c->r->tables[t].val[CPP_DETAILS][row];
    case CIN_PREPROC:
        return c->r->tables[t].val[PP_DETAILS][row];
    case CIN_FACTOR:
        return c->r->tables[CIN_ASSESSMENT]
            .val[AS_DETAILS][c->r->tables[t].val[AF_ASSESSMENT][row]];
    case CIN_REVIEW:
        return c->r->tables[CIN_CPP].val[CPP_DETAILS][c->r->tables[t].val[RV_CPP][row]];
    default:
        return -1;
    }
}

/* The child (ChildIdentifiers row) a row belongs to, or -1. */
static inline int32_t child_of(const struct rctx *c, int t, int32_t row)
{
    switch (t) {
    case CIN_CHILD:
        return row;
    case CIN_CHARACTERISTICS:
        return c->r->tables[t].val[CC_CHILD][row];
    case CIN_DISABILITY:
        return c->r->tables[t].val[DI_CHILD][row];
    case CIN_HEADER:
        return -1;
    default: {
        int32_t e = episode_of(c, t, row);
        return e >= 0 ? c->r->tables[CIN_DETAILS].val[CD_CHILD][e] : -1;
    }
    }
}

/* The end (one past) of the run of rows from `i` that belong to the same episode (by_child
 * false) or the same child (by_child true). */
static inline int32_t run_end(const struct rctx *c, int t, int32_t i, bool by_child)
{
    int32_t n = c->r->tables[t].nrows, key = by_child ? child_of(c, t, i) : episode_of(c, t, i);
    int32_t j = i + 1;
    while (j < n && (by_child ? child_of(c, t, j) : episode_of(c, t, j)) == key)
        j++;
    return j;
}

/* An episode's ReferralNFA, and a section 47's ICPCnotRequired: 1 yes, 0 no, -1 missing or
 * not a yes/no. */
static inline int nfa(const struct rctx *c, int32_t e)
{
    return cin_yes(c->r, c->r->tables[CIN_DETAILS].val[CD_NFA][e]);
}
static inline int icpc_not_required(const struct rctx *c, int32_t s)
{
    return cin_yes(c->r, c->r->tables[CIN_S47].val[S47_ICPC_NOT_REQUIRED][s]);
}

/* The first row of table t whose episode is `e`, by binary search on the document order
 * (rows of t are sorted by episode), and the end of that run; first == end when none. */
int32_t cin_first_of_episode(const struct rctx *c, int t, int32_t e, int32_t *end);
/* The same for the rows of t belonging to child `ch`. */
int32_t cin_first_of_child(const struct rctx *c, int t, int32_t ch, int32_t *end);

#endif
