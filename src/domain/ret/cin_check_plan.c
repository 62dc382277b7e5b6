/*
 * CIN rule checks on CIN plans, alone and against child protection plans and their
 * reviews. The rule tables are in cin_rules.c.
 */
#include "domain/cin_order.h"
#include "domain/ret/cin_check.h"

#define PSTART(p) VAL(CIN_PLAN, PL_START)[p]
#define PEND(p) VAL(CIN_PLAN, PL_END)[p]
#define CSTART(k) VAL(CIN_CPP, CPP_START)[k]
#define CEND(k) VAL(CIN_CPP, CPP_END)[k]

/* 4000: no CIN plan on a no-further-action referral. */
void cin_r4000(struct rctx *c)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++) {
        int32_t e = episode_of(c, CIN_PLAN, p);
        if (nfa(c, e) == 1) {
            FLAG(CIN_PLAN, p, COL(PL_LA_CHILD_ID));
            FLAG(CIN_DETAILS, e, COL(CD_NFA));
        }
    }
}

/* 4001: an episode does not have an open CP plan and an open CIN plan at once. */
void cin_r4001(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++) {
        if (rdate_has(CEND(k)))
            continue;
        int32_t end, p = cin_first_of_episode(c, CIN_PLAN, episode_of(c, CIN_CPP, k), &end);
        for (; p < end; p++)
            if (rdate_has(PSTART(p)) && !rdate_has(PEND(p))) {
                FLAG(CIN_CPP, k, COL(CPP_END));
                FLAG(CIN_PLAN, p, COL(PL_END));
            }
    }
}

/* 4003: within an episode, no CP plan review falls on or after a CIN plan's start and
 * before its end, unless the review is on the day the CP plan ended. */
void cin_r4003(struct rctx *c)
{
    for (int32_t v = 0; v < NROWS(CIN_REVIEW); v++) {
        kdate d = VAL(CIN_REVIEW, RV_DATE)[v];
        int32_t k = VAL(CIN_REVIEW, RV_CPP)[v];
        if (!rdate_has(d) || (rdate_has(CEND(k)) && d == CEND(k)))
            continue;
        int32_t end, p = cin_first_of_episode(c, CIN_PLAN, episode_of(c, CIN_CPP, k), &end);
        for (; p < end; p++)
            if (rdate_has(PSTART(p)) && rdate_has(PEND(p)) && d >= PSTART(p) && d < PEND(p)) {
                FLAG(CIN_REVIEW, v, COL(RV_DATE));
                FLAG(CIN_PLAN, p, COL(PL_START) | COL(PL_END));
                FLAG(CIN_CPP, k, COL(CPP_END));
            }
    }
}

/* 4004: at most one open CIN plan per episode; when more, every plan of the episode is
 * reported. */
void cin_r4004(struct rctx *c)
{
    int32_t n = NROWS(CIN_PLAN);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_PLAN, i, false), open = 0;
        for (int32_t p = i; p < j; p++)
            open += !rdate_has(PEND(p));
        for (int32_t p = i; open > 1 && p < j; p++)
            FLAG(CIN_PLAN, p, COL(PL_END));
        i = j;
    }
}

/* 4010: a CIN plan start date, on or before the census end. */
void cin_r4010(struct rctx *c)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++)
        if (!rdate_has(PSTART(p)) || PSTART(p) > END)
            FLAG(CIN_PLAN, p, COL(PL_START));
}

/* 4011: a CIN plan ends on or after it starts (cin_order.c, as on the form). */
void cin_r4011(struct rctx *c)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++)
        if (cin_plan_ends_before_start(PSTART(p), PEND(p)))
            FLAG(CIN_PLAN, p, COL(PL_START) | COL(PL_END));
}

/* 4012Q: a CIN plan that starts and ends on the same day. */
void cin_r4012q(struct rctx *c)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++)
        if (rdate_has(PSTART(p)) && PEND(p) == PSTART(p))
            FLAG(CIN_PLAN, p, COL(PL_START) | COL(PL_END));
}

/* 4013: a CIN plan end date falls in the census year. */
void cin_r4013(struct rctx *c)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++)
        if (rdate_has(PEND(p)) && !in_period(c, PEND(p)))
            FLAG(CIN_PLAN, p, COL(PL_END));
}

/* 4014: a child's CIN plans do not overlap: no plan starts on or after another's start and
 * on or before its end (or, still open, the reference date). */
void cin_r4014(struct rctx *c)
{
    int32_t n = NROWS(CIN_PLAN);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_PLAN, i, true);
        for (int32_t a = i; a < j; a++)
            for (int32_t b = i; b < j; b++) {
                if (a == b || !rdate_has(PSTART(a)) || !rdate_has(PSTART(b)) ||
                    PSTART(a) < PSTART(b))
                    continue;
                if (rdate_has(PEND(b)) ? PSTART(a) <= PEND(b) : PSTART(a) <= END) {
                    FLAG(CIN_PLAN, a, COL(PL_START));
                    FLAG(CIN_PLAN, b, COL(PL_START) | COL(PL_END));
                }
            }
        i = j;
    }
}

/* 4015: a CIN plan starts on or after its episode's referral. */
void cin_r4015(struct rctx *c)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++) {
        int32_t e = episode_of(c, CIN_PLAN, p);
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(PSTART(p)) && rdate_has(r) && PSTART(p) < r) {
            FLAG(CIN_PLAN, p, COL(PL_START));
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
        }
    }
}

/* `d` is on or after `from` and before `to` (or, with no `to`, on or before the census end). */
static bool during(const struct rctx *c, kdate d, kdate from, kdate to)
{
    if (!rdate_has(d) || !rdate_has(from) || d < from)
        return false;
    return rdate_has(to) ? d < to : d <= END;
}

/* 4016: no CIN plan starts while one of the child's CP plans is open. */
void cin_r4016(struct rctx *c)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++) {
        int32_t end, k = cin_first_of_child(c, CIN_CPP, child_of(c, CIN_PLAN, p), &end);
        for (; k < end; k++)
            if (during(c, PSTART(p), CSTART(k), CEND(k))) {
                FLAG(CIN_PLAN, p, COL(PL_START));
                FLAG(CIN_CPP, k, COL(CPP_START) | COL(CPP_END));
            }
    }
}

/* 4017: no CP plan starts while one of the child's CIN plans is open. */
void cin_r4017(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++) {
        int32_t end, p = cin_first_of_child(c, CIN_PLAN, child_of(c, CIN_CPP, k), &end);
        for (; p < end; p++)
            if (during(c, CSTART(k), PSTART(p), PEND(p))) {
                FLAG(CIN_CPP, k, COL(CPP_START));
                FLAG(CIN_PLAN, p, COL(PL_START) | COL(PL_END));
            }
    }
}
