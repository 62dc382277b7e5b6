/*
 * CIN rule checks on section 47 enquiries, initial child protection conferences, child
 * protection plans and their reviews. The rule tables are in cin_rules.c.
 */
#include "core/workday.h"
#include "domain/codeset.h"
#include "domain/ret/cin_check.h"

#define SSTART(s) VAL(CIN_S47, S47_START)[s]
#define SICPC(s) VAL(CIN_S47, S47_ICPC)[s]
#define CSTART(k) VAL(CIN_CPP, CPP_START)[k]
#define CEND(k) VAL(CIN_CPP, CPP_END)[k]

/* ---- section 47 and initial conferences --------------------------------------------------- */

/* 1104: an initial conference is on or after the episode's referral. */
void cin_r1104(struct rctx *c)
{
    for (int32_t s = 0; s < NROWS(CIN_S47); s++) {
        int32_t e = episode_of(c, CIN_S47, s);
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(SICPC(s)) && rdate_has(r) && SICPC(s) < r) {
            FLAG(CIN_S47, s, COL(S47_ICPC));
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
        }
    }
}

/* 2884: one initial conference is not recorded both on an S47 and at episode level (the same
 * date on both, for the same child). */
void cin_r2884(struct rctx *c)
{
    for (int32_t s = 0; s < NROWS(CIN_S47); s++) {
        if (!rdate_has(SICPC(s)))
            continue;
        int32_t end, e = cin_first_of_child(c, CIN_DETAILS, child_of(c, CIN_S47, s), &end);
        for (; e < end; e++)
            if (VAL(CIN_DETAILS, CD_ICPC)[e] == SICPC(s)) {
                FLAG(CIN_S47, s, COL(S47_ICPC));
                FLAG(CIN_DETAILS, e, COL(CD_ICPC));
            }
    }
}

/* 2889: an S47 starts on or after the episode's referral. */
void cin_r2889(struct rctx *c)
{
    for (int32_t s = 0; s < NROWS(CIN_S47); s++) {
        int32_t e = episode_of(c, CIN_S47, s);
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(SSTART(s)) && rdate_has(r) && SSTART(s) < r) {
            FLAG(CIN_S47, s, COL(S47_START));
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
        }
    }
}

/* 8615: an S47 with an initial conference has a start date on or before it. */
void cin_r8615(struct rctx *c)
{
    for (int32_t s = 0; s < NROWS(CIN_S47); s++)
        if (rdate_has(SICPC(s)) && (!rdate_has(SSTART(s)) || SSTART(s) > SICPC(s)))
            FLAG(CIN_S47, s, COL(S47_START) | COL(S47_ICPC));
}

/* 8675Q: an S47 with no initial conference yet, and one not marked unnecessary, did not start
 * more than 15 working days before the census end. */
void cin_r8675q(struct rctx *c)
{
    kdate limit = workday_add(END, -15);
    for (int32_t s = 0; s < NROWS(CIN_S47); s++)
        if (!rdate_has(SICPC(s)) && icpc_not_required(c, s) == 0 && rdate_has(SSTART(s)) &&
            SSTART(s) < limit)
            FLAG(CIN_S47, s, COL(S47_START) | COL(S47_ICPC) | COL(S47_ICPC_NOT_REQUIRED));
}

/* 8715: an initial conference falls in the census year. */
void cin_r8715(struct rctx *c)
{
    for (int32_t s = 0; s < NROWS(CIN_S47); s++)
        if (rdate_has(SICPC(s)) && !in_period(c, SICPC(s)))
            FLAG(CIN_S47, s, COL(S47_ICPC));
}

/* 8740: an S47 with no initial conference, not marked unnecessary, started in the census
 * year. */
void cin_r8740(struct rctx *c)
{
    for (int32_t s = 0; s < NROWS(CIN_S47); s++)
        if (!rdate_has(SICPC(s)) && icpc_not_required(c, s) == 0 && rdate_has(SSTART(s)) &&
            !in_period(c, SSTART(s)))
            FLAG(CIN_S47, s, COL(S47_START) | COL(S47_ICPC) | COL(S47_ICPC_NOT_REQUIRED));
}

/* 8839: at most one S47 of an episode has no initial conference and is not marked
 * unnecessary; when more, those are reported. */
void cin_r8839(struct rctx *c)
{
    int32_t n = NROWS(CIN_S47);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_S47, i, false), open = 0;
        for (int32_t s = i; s < j; s++)
            open += !rdate_has(SICPC(s)) && icpc_not_required(c, s) != 1;
        for (int32_t s = i; open > 1 && s < j; s++)
            if (!rdate_has(SICPC(s)) && icpc_not_required(c, s) != 1)
                FLAG(CIN_S47, s, COL(S47_ICPC));
        i = j;
    }
}

/* 8870Q, 8875: the conference target date (query) and the conference (error) are not on a
 * Saturday or Sunday. */
static void weekend(struct rctx *c, int col)
{
    for (int32_t s = 0; s < NROWS(CIN_S47); s++) {
        kdate d = VAL(CIN_S47, col)[s];
        if (rdate_has(d) && date_weekday(d) >= WD_SAT)
            FLAG(CIN_S47, s, COL(col));
    }
}

void cin_r8870q(struct rctx *c) { weekend(c, S47_ICPC_TARGET); }
void cin_r8875(struct rctx *c) { weekend(c, S47_ICPC); }

/* 8890: within an episode, no S47 starts on or between the start and the conference of
 * another (or, with no conference and not marked unnecessary, the reference date).
 * Identical S47s (same start, same conference) are not compared. Both are reported. */
void cin_r8890(struct rctx *c)
{
    int32_t n = NROWS(CIN_S47);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_S47, i, false);
        for (int32_t a = i; a < j; a++) {
            if (!rdate_has(SSTART(a)))
                continue;
            for (int32_t b = i; b < j; b++) {
                if (b == a || !rdate_has(SSTART(b)) || SSTART(a) < SSTART(b))
                    continue;
                bool same_icpc = rdate_has(SICPC(a)) ? SICPC(a) == SICPC(b) : !rdate_has(SICPC(b));
                if (SSTART(a) == SSTART(b) && same_icpc)
                    continue;
                bool inside = rdate_has(SICPC(b))
                                  ? SSTART(a) <= SICPC(b)
                                  : SSTART(a) <= END && icpc_not_required(c, b) != 1;
                if (inside) {
                    FLAG(CIN_S47, a, COL(S47_START));
                    FLAG(CIN_S47, b, COL(S47_START) | COL(S47_ICPC));
                }
            }
        }
        i = j;
    }
}

/* ---- child protection plans --------------------------------------------------------------- */

/* 1105: a CP plan starts on or after the episode's referral. */
void cin_r1105(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++) {
        int32_t e = episode_of(c, CIN_CPP, k);
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(CSTART(k)) && rdate_has(r) && CSTART(k) < r) {
            FLAG(CIN_CPP, k, COL(CPP_START));
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
        }
    }
}

/* 2883 (return level): no more CP plans start in the census year than initial conferences
 * are held in it (at episode level and on S47s). */
void cin_r2883(struct rctx *c)
{
    int32_t plans = 0, conferences = 0;
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++)
        plans += in_period(c, CSTART(k));
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++)
        conferences += in_period(c, VAL(CIN_DETAILS, CD_ICPC)[e]);
    for (int32_t s = 0; s < NROWS(CIN_S47); s++)
        conferences += in_period(c, SICPC(s));
    if (plans > conferences)
        FLAG(CIN_CPP, -1, COL(CPP_START));
}

/* 2885: a CP plan starting in the census year starts on the day of an initial conference:
 * one held on an S47 of its episode (those not marked unnecessary), or, when the episode has
 * no such S47, the episode's own. Reported: the plan; and the S47s (or the episode) of an
 * episode where no plan matched any conference. */
void cin_r2885(struct rctx *c)
{
    int32_t n = NROWS(CIN_CPP);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_CPP, i, false), e = episode_of(c, CIN_CPP, i);
        int32_t send, s0 = cin_first_of_episode(c, CIN_S47, e, &send);
        int32_t held = 0; /* S47s that count */
        for (int32_t s = s0; s < send; s++)
            held += icpc_not_required(c, s) != 1;
        bool any_plan = false, any_match = false;
        for (int32_t k = i; k < j; k++) {
            if (!in_period(c, CSTART(k)))
                continue;
            any_plan = true;
            bool match = false;
            if (held) {
                for (int32_t s = s0; s < send; s++)
                    match |= icpc_not_required(c, s) != 1 && SICPC(s) == CSTART(k);
            } else {
                match = VAL(CIN_DETAILS, CD_ICPC)[e] == CSTART(k);
            }
            any_match |= match;
            if (!match)
                FLAG(CIN_CPP, k, COL(CPP_START));
        }
        if (any_plan && !any_match) {
            if (held) {
                for (int32_t s = s0; s < send; s++)
                    if (icpc_not_required(c, s) != 1)
                        FLAG(CIN_S47, s, COL(S47_ICPC));
            } else {
                FLAG(CIN_DETAILS, e, COL(CD_ICPC));
            }
        }
        i = j;
    }
}

/* 8720: a CP plan start date, on or before the census end. */
void cin_r8720(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++)
        if (!rdate_has(CSTART(k)) || CSTART(k) > END)
            FLAG(CIN_CPP, k, COL(CPP_START));
}

/* 8730: the number of previous CP plans is given, a whole number from 0. */
void cin_r8730(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++) {
        int32_t v = VAL(CIN_CPP, CPP_PREVIOUS)[k];
        if (!rint_has(v) || v < 0)
            FLAG(CIN_CPP, k, COL(CPP_PREVIOUS));
    }
}

/* 8840: a CP plan does not start and end on the same day. */
void cin_r8840(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++)
        if (rdate_has(CSTART(k)) && CEND(k) == CSTART(k))
            FLAG(CIN_CPP, k, COL(CPP_START) | COL(CPP_END));
}

/* 8841: a review is after its plan's start. */
void cin_r8841(struct rctx *c)
{
    for (int32_t v = 0; v < NROWS(CIN_REVIEW); v++) {
        kdate d = VAL(CIN_REVIEW, RV_DATE)[v];
        int32_t k = VAL(CIN_REVIEW, RV_CPP)[v];
        if (rdate_has(d) && rdate_has(CSTART(k)) && d <= CSTART(k)) {
            FLAG(CIN_REVIEW, v, COL(RV_DATE));
            FLAG(CIN_CPP, k, COL(CPP_START));
        }
    }
}

/* 8842Q: a review has a date. */
void cin_r8842q(struct rctx *c)
{
    for (int32_t v = 0; v < NROWS(CIN_REVIEW); v++)
        if (!rdate_has(VAL(CIN_REVIEW, RV_DATE)[v]))
            FLAG(CIN_REVIEW, v, COL(RV_DATE));
}

/* 8905, 8910: initial and latest categories of abuse given and valid. */
static void category(struct rctx *c, int col)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++)
        if (!code_index_valid(CS_CIN_ABUSE_CATEGORY, VAL(CIN_CPP, col)[k], YEAR))
            FLAG(CIN_CPP, k, COL(col));
}

void cin_r8905(struct rctx *c) { category(c, CPP_INITIAL_CATEGORY); }
void cin_r8910(struct rctx *c) { category(c, CPP_LATEST_CATEGORY); }

/* 8915, 8920: a CP plan does not start (end) after the child's death. */
static void cpp_after_death(struct rctx *c, int col)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++) {
        int32_t ch = child_of(c, CIN_CPP, k);
        kdate d = VAL(CIN_CHILD, CH_DEATH)[ch], x = VAL(CIN_CPP, col)[k];
        if (rdate_has(d) && rdate_has(x) && x > d) {
            FLAG(CIN_CPP, k, COL(col));
            FLAG(CIN_CHILD, ch, COL(CH_DEATH));
        }
    }
}

void cin_r8915(struct rctx *c) { cpp_after_death(c, CPP_START); }
void cin_r8920(struct rctx *c) { cpp_after_death(c, CPP_END); }

/* 8925: a CP plan ends on or after it starts. */
void cin_r8925(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++)
        if (rdate_has(CSTART(k)) && rdate_has(CEND(k)) && CEND(k) < CSTART(k))
            FLAG(CIN_CPP, k, COL(CPP_START) | COL(CPP_END));
}

/* 8930: a CP plan end date falls in the census year. */
void cin_r8930(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_CPP); k++)
        if (rdate_has(CEND(k)) && !in_period(c, CEND(k)))
            FLAG(CIN_CPP, k, COL(CPP_END));
}

/* 8935: a child has at most one open CP plan; when more, those are reported. */
void cin_r8935(struct rctx *c)
{
    int32_t n = NROWS(CIN_CPP);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_CPP, i, true), open = 0;
        for (int32_t k = i; k < j; k++)
            open += !rdate_has(CEND(k));
        for (int32_t k = i; open > 1 && k < j; k++)
            if (!rdate_has(CEND(k)))
                FLAG(CIN_CPP, k, COL(CPP_END));
        i = j;
    }
}

/* 8940: a child's CP plans do not overlap: no plan starts on or after another's start and on
 * or before its end (or, still open, the reference date). */
void cin_r8940(struct rctx *c)
{
    int32_t n = NROWS(CIN_CPP);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_CPP, i, true);
        for (int32_t a = i; a < j; a++)
            for (int32_t b = i; b < j; b++) {
                if (a == b || !rdate_has(CSTART(a)) || !rdate_has(CSTART(b)) ||
                    CSTART(a) < CSTART(b))
                    continue;
                if (rdate_has(CEND(b)) ? CSTART(a) <= CEND(b) : CSTART(a) <= END) {
                    FLAG(CIN_CPP, a, COL(CPP_START));
                    FLAG(CIN_CPP, b, COL(CPP_START) | COL(CPP_END));
                }
            }
        i = j;
    }
}
