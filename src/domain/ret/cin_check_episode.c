/*
 * CIN rule checks on episodes (CINdetails): referral, closure, no-further-action flags,
 * overlapping and open episodes, and activity recorded where the episode says there should
 * be none. The rule tables are in cin_rules.c.
 */
#include <string.h>

#include "core/workday.h"
#include "domain/cin_order.h"
#include "domain/codeset.h"
#include "domain/ret/cin_check.h"

/* 8555Q: no referral after the child's death. */
void cin_r8555q(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        int32_t ch = VAL(CIN_DETAILS, CD_CHILD)[e];
        kdate d = VAL(CIN_CHILD, CH_DEATH)[ch], r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(d) && rdate_has(r) && d < r) {
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
            FLAG(CIN_CHILD, ch, COL(CH_DEATH));
        }
    }
}

/* 8568: ReferralNFA present and true, false, 1 or 0. */
void cin_r8568(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++)
        if (nfa(c, e) < 0)
            FLAG(CIN_DETAILS, e, COL(CD_NFA));
}

/* 8569Q: a referral made before the working day before the census year began cannot be a
 * no-further-action referral (ReferralNFA must be false). */
void cin_r8569q(struct rctx *c)
{
    kdate before = workday_add(START, -1);
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(r) && r < before && nfa(c, e) != 0)
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL) | COL(CD_NFA));
    }
}

/* 8585Q: an episode closed because the child died (RC2) needs a date of death. */
void cin_r8585q(struct rctx *c)
{
    int rc2 = code_index(CS_CIN_CLOSURE_REASON, "RC2", 3);
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        int32_t ch = VAL(CIN_DETAILS, CD_CHILD)[e];
        if (VAL(CIN_DETAILS, CD_CLOSURE_REASON)[e] == rc2 &&
            !rdate_has(VAL(CIN_CHILD, CH_DEATH)[ch])) {
            FLAG(CIN_DETAILS, e, COL(CD_CLOSURE_REASON));
            FLAG(CIN_CHILD, ch, COL(CH_DEATH));
        }
    }
}

/* 8600: a referral date, on or before the census end. */
void cin_r8600(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (!rdate_has(r) || r > END)
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
    }
}

/* 8606: a referral no more than 280 days (40 weeks) before the (expected) birth. */
void cin_r8606(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        int32_t ch = VAL(CIN_DETAILS, CD_CHILD)[e];
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        kdate b = VAL(CIN_CHILD, CH_BIRTH)[ch], x = VAL(CIN_CHILD, CH_EXPECTED_BIRTH)[ch];
        if (!rdate_has(r))
            continue;
        if ((rdate_has(b) && r < b - 280) || (rdate_has(x) && r < x - 280)) {
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
            FLAG(CIN_CHILD, ch, COL(CH_BIRTH) | COL(CH_EXPECTED_BIRTH));
        }
    }
}

/* 8610: a referral that went on to further action has a primary need code. */
void cin_r8610(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++)
        if (nfa(c, e) == 0 && !HAS(CIN_DETAILS, e, CD_NEED))
            FLAG(CIN_DETAILS, e, COL(CD_NFA) | COL(CD_NEED));
}

/* 8620: a closure date falls in the census year. */
void cin_r8620(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        kdate d = VAL(CIN_DETAILS, CD_CLOSURE)[e];
        if (rdate_has(d) && !in_period(c, d))
            FLAG(CIN_DETAILS, e, COL(CD_CLOSURE));
    }
}

/* 8630: closure on or after referral (judged in cin_order.c, as the referral's form is). */
void cin_r8630(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++)
        if (cin_closed_before_referral(VAL(CIN_DETAILS, CD_REFERRAL)[e],
                                       VAL(CIN_DETAILS, CD_CLOSURE)[e]))
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL) | COL(CD_CLOSURE));
}

/* 8640, 8650: reason for closure and primary need, when present, are codes of the year. */
static void code_if_present(struct rctx *c, int col, enum codeset_id set)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++)
        if (HAS(CIN_DETAILS, e, col) && !code_index_valid(set, VAL(CIN_DETAILS, col)[e], YEAR))
            FLAG(CIN_DETAILS, e, COL(col));
}

void cin_r8640(struct rctx *c) { code_if_present(c, CD_CLOSURE_REASON, CS_CIN_CLOSURE_REASON); }
void cin_r8650(struct rctx *c) { code_if_present(c, CD_NEED, CS_CIN_PRIMARY_NEED); }

/* 8805, 8810: a closure date and a reason for closure come together (8810 is judged in
 * cin_order.c, as the referral's form is). */
void cin_r8805(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++)
        if (rdate_has(VAL(CIN_DETAILS, CD_CLOSURE)[e]) && !HAS(CIN_DETAILS, e, CD_CLOSURE_REASON))
            FLAG(CIN_DETAILS, e, COL(CD_CLOSURE) | COL(CD_CLOSURE_REASON));
}

void cin_r8810(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++)
        if (cin_reason_without_closure(HAS(CIN_DETAILS, e, CD_CLOSURE_REASON),
                                       VAL(CIN_DETAILS, CD_CLOSURE)[e]))
            FLAG(CIN_DETAILS, e, COL(CD_CLOSURE) | COL(CD_CLOSURE_REASON));
}

static bool open_further(const struct rctx *c, int32_t e)
{
    return !rdate_has(VAL(CIN_DETAILS, CD_CLOSURE)[e]) && nfa(c, e) == 0;
}

/* 8815: a child has at most one open episode that went on to further action. When there are
 * more, every open episode of the child is reported. */
void cin_r8815(struct rctx *c)
{
    int32_t n = NROWS(CIN_DETAILS);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_DETAILS, i, true), open = 0;
        for (int32_t e = i; e < j; e++)
            open += open_further(c, e);
        for (int32_t e = i; open > 1 && e < j; e++)
            if (!rdate_has(VAL(CIN_DETAILS, CD_CLOSURE)[e]))
                FLAG(CIN_DETAILS, e, COL(CD_CLOSURE));
        i = j;
    }
}

/* 8816: an open episode that went on to further action is the child's latest referral. The
 * open episode and the latest one are both reported. */
void cin_r8816(struct rctx *c)
{
    int32_t n = NROWS(CIN_DETAILS);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_DETAILS, i, true), latest = -1;
        for (int32_t e = i; e < j; e++) {
            kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
            if (rdate_has(r) && (latest < 0 || r > VAL(CIN_DETAILS, CD_REFERRAL)[latest]))
                latest = e;
        }
        for (int32_t e = i; latest >= 0 && e < j; e++)
            if (e != latest && rdate_has(VAL(CIN_DETAILS, CD_REFERRAL)[e]) && open_further(c, e)) {
                FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
                FLAG(CIN_DETAILS, latest, COL(CD_REFERRAL));
            }
        i = j;
    }
}

/* 8820: a child's episodes do not overlap: no referral falls on or after another episode's
 * referral and before its closure (or, for an open episode that went on to further action,
 * before the reference date). */
void cin_r8820(struct rctx *c)
{
    int32_t n = NROWS(CIN_DETAILS);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_DETAILS, i, true);
        for (int32_t a = i; a < j; a++) {
            kdate ra = VAL(CIN_DETAILS, CD_REFERRAL)[a];
            if (!rdate_has(ra))
                continue;
            for (int32_t b = i; b < j; b++) {
                kdate rb = VAL(CIN_DETAILS, CD_REFERRAL)[b], cb = VAL(CIN_DETAILS, CD_CLOSURE)[b];
                if (a == b || !rdate_has(rb) || ra < rb)
                    continue;
                bool inside = rdate_has(cb) ? ra < cb : ra < END && nfa(c, b) == 0;
                if (inside) {
                    FLAG(CIN_DETAILS, a, COL(CD_REFERRAL));
                    FLAG(CIN_DETAILS, b, COL(CD_REFERRAL) | COL(CD_CLOSURE));
                }
            }
        }
        i = j;
    }
}

static bool closed_after_assessment(const struct rctx *c, int32_t e)
{
    int32_t v = VAL(CIN_DETAILS, CD_CLOSURE_REASON)[e];
    return v >= 0 && (v == code_index(CS_CIN_CLOSURE_REASON, "RC8", 3) ||
                      v == code_index(CS_CIN_CLOSURE_REASON, "RC9", 3));
}

/* 8825Q: an episode closed after assessment (RC8, RC9) has an assessment. */
void cin_r8825q(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        int32_t end;
        if (closed_after_assessment(c, e) &&
            cin_first_of_episode(c, CIN_ASSESSMENT, e, &end) == end)
            FLAG(CIN_DETAILS, e, COL(CD_CLOSURE_REASON));
    }
}

/* 2990: an episode closed after assessment (RC8, RC9) has no S47, CIN plan, child
 * protection plan or initial conference. The episode and each such module are reported. */
void cin_r2990(struct rctx *c)
{
    static const int mods[] = {CIN_S47, CIN_PLAN, CIN_CPP};
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        if (!closed_after_assessment(c, e))
            continue;
        bool bad = rdate_has(VAL(CIN_DETAILS, CD_ICPC)[e]);
        for (size_t m = 0; m < sizeof(mods) / sizeof(mods[0]); m++) {
            int32_t end, k = cin_first_of_episode(c, mods[m], e, &end);
            for (; k < end; k++) {
                FLAG(mods[m], k, COL(0));
                bad = true;
            }
        }
        if (bad)
            FLAG(CIN_DETAILS, e, COL(CD_ICPC) | COL(CD_CLOSURE_REASON));
    }
}

/* 2991Q: an episode with a section 47 enquiry has an assessment. */
void cin_r2991q(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        int32_t aend, send, s = cin_first_of_episode(c, CIN_S47, e, &send);
        if (s == send || cin_first_of_episode(c, CIN_ASSESSMENT, e, &aend) != aend)
            continue;
        for (; s < send; s++)
            FLAG(CIN_S47, s, COL(S47_LA_CHILD_ID));
    }
}

/* 8831: a no-further-action referral has no assessment, section 47 enquiry or initial
 * conference dates. */
void cin_r8831(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        if (nfa(c, e) != 1)
            continue;
        bool bad = rdate_has(VAL(CIN_DETAILS, CD_ICPC)[e]);
        int32_t end, k = cin_first_of_episode(c, CIN_ASSESSMENT, e, &end);
        for (; k < end; k++)
            if (rdate_has(VAL(CIN_ASSESSMENT, AS_START)[k]) ||
                rdate_has(VAL(CIN_ASSESSMENT, AS_AUTHORISED)[k])) {
                FLAG(CIN_ASSESSMENT, k, COL(AS_START) | COL(AS_AUTHORISED));
                bad = true;
            }
        for (k = cin_first_of_episode(c, CIN_S47, e, &end); k < end; k++)
            if (rdate_has(VAL(CIN_S47, S47_START)[k]) || rdate_has(VAL(CIN_S47, S47_ICPC)[k])) {
                FLAG(CIN_S47, k, COL(S47_START) | COL(S47_ICPC));
                bad = true;
            }
        if (bad)
            FLAG(CIN_DETAILS, e, COL(CD_NFA) | COL(CD_ICPC));
    }
}

/* 8832: a no-further-action referral has no child protection plan. */
void cin_r8832(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        if (nfa(c, e) != 1)
            continue;
        int32_t end, k = cin_first_of_episode(c, CIN_CPP, e, &end);
        for (; k < end; k++) {
            FLAG(CIN_CPP, k, COL(CPP_START));
            FLAG(CIN_DETAILS, e, COL(CD_NFA));
        }
    }
}

/* 8866: a referral on or after 1 April 2013 has a valid source of referral. */
void cin_r8866(struct rctx *c)
{
    kdate from = date_from_ymd(2013, 4, 1);
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(r) && r >= from &&
            !code_index_valid(CS_CIN_REFERRAL_SOURCE, VAL(CIN_DETAILS, CD_SOURCE)[e], YEAR))
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL) | COL(CD_SOURCE));
    }
}

/* 8867: a closed episode's assessments are all completed (authorised). */
void cin_r8867(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        if (!rdate_has(VAL(CIN_DETAILS, CD_CLOSURE)[e]))
            continue;
        int32_t end, k = cin_first_of_episode(c, CIN_ASSESSMENT, e, &end);
        for (; k < end; k++)
            if (!rdate_has(VAL(CIN_ASSESSMENT, AS_AUTHORISED)[k])) {
                FLAG(CIN_ASSESSMENT, k, COL(AS_AUTHORISED));
                FLAG(CIN_DETAILS, e, COL(CD_CLOSURE));
            }
    }
}

/* 8868: a closed episode's section 47 enquiries each end in an initial conference or are
 * marked as needing none (and not both). */
void cin_r8868(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        if (!rdate_has(VAL(CIN_DETAILS, CD_CLOSURE)[e]))
            continue;
        int32_t end, k = cin_first_of_episode(c, CIN_S47, e, &end);
        for (; k < end; k++) {
            bool held = rdate_has(VAL(CIN_S47, S47_ICPC)[k]), none = icpc_not_required(c, k) == 1;
            if (held == none) {
                FLAG(CIN_S47, k, COL(S47_ICPC) | COL(S47_ICPC_NOT_REQUIRED));
                FLAG(CIN_DETAILS, e, COL(CD_CLOSURE));
            }
        }
    }
}

/* 8565: a closure date is on or after every activity date of the episode (assessment start
 * and authorisation, S47 start, initial conference, CP plan end, CIN plan start and end). */
void cin_r8565(struct rctx *c)
{
    for (int32_t e = 0; e < NROWS(CIN_DETAILS); e++) {
        kdate cl = VAL(CIN_DETAILS, CD_CLOSURE)[e];
        if (!rdate_has(cl))
            continue;
        kdate icpc = VAL(CIN_DETAILS, CD_ICPC)[e];
        uint64_t cols = rdate_has(icpc) && cl < icpc ? COL(CD_ICPC) : 0;
        bool bad = cols != 0;
        static const struct {
            int t, col1, col2;
        } acts[] = {
            {CIN_ASSESSMENT, AS_START, AS_AUTHORISED},
            {CIN_S47, S47_START, S47_ICPC},
            {CIN_CPP, CPP_END, CPP_END},
            {CIN_PLAN, PL_START, PL_END},
        };
        for (size_t m = 0; m < sizeof(acts) / sizeof(acts[0]); m++) {
            int32_t end, k = cin_first_of_episode(c, acts[m].t, e, &end);
            for (; k < end; k++) {
                kdate a = VAL(acts[m].t, acts[m].col1)[k], b = VAL(acts[m].t, acts[m].col2)[k];
                if ((rdate_has(a) && cl < a) || (rdate_has(b) && cl < b)) {
                    FLAG(acts[m].t, k, COL(acts[m].col1) | COL(acts[m].col2));
                    bad = true;
                }
            }
        }
        if (bad)
            FLAG(CIN_DETAILS, e, cols | COL(CD_CLOSURE));
    }
}
