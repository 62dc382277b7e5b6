/*
 * CIN rule checks on assessments and the factors identified at assessment. The rule tables
 * are in cin_rules.c.
 */
#include <string.h>

#include "core/workday.h"
#include "domain/cin_order.h"
#include "domain/codeset.h"
#include "domain/ret/cin_check.h"

/* The factor rows of assessment `a` (adjacent, in document order). */
static int32_t factors_of(const struct rctx *c, int32_t a, int32_t *end)
{
    const int32_t *ref = VAL(CIN_FACTOR, AF_ASSESSMENT);
    int32_t lo = 0, hi = NROWS(CIN_FACTOR);
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (ref[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    int32_t j = lo;
    while (j < NROWS(CIN_FACTOR) && ref[j] == a)
        j++;
    *end = j;
    return lo;
}

static bool has_factor(const struct rctx *c, int32_t a, const char *code)
{
    int32_t end, f = factors_of(c, a, &end);
    for (; f < end; f++)
        if (!strcmp(RAW(CIN_FACTOR, f, AF_FACTOR), code))
            return true;
    return false;
}

#define AUTH(k) VAL(CIN_ASSESSMENT, AS_AUTHORISED)[k]
#define ASTART(k) VAL(CIN_ASSESSMENT, AS_START)[k]

/* 1103: an assessment starts on or after its episode's referral. */
void cin_r1103(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++) {
        int32_t e = episode_of(c, CIN_ASSESSMENT, k);
        kdate r = VAL(CIN_DETAILS, CD_REFERRAL)[e];
        if (rdate_has(ASTART(k)) && rdate_has(r) && ASTART(k) < r) {
            FLAG(CIN_ASSESSMENT, k, COL(AS_START));
            FLAG(CIN_DETAILS, e, COL(CD_REFERRAL));
        }
    }
}

/* 8608: an assessment is authorised on or after it starts (cin_order.c, as on the form). */
void cin_r8608(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++)
        if (cin_authorised_before_start(ASTART(k), AUTH(k)))
            FLAG(CIN_ASSESSMENT, k, COL(AS_START) | COL(AS_AUTHORISED));
}

/* 8614: factors only on a completed assessment, which in the census is an authorised one
 * (cin_order.c; the form asks the same of the social worker's completion). */
void cin_r8614(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++) {
        int32_t end;
        if (cin_factors_before_completion(factors_of(c, k, &end) != end, AUTH(k)))
            FLAG(CIN_ASSESSMENT, k, COL(AS_AUTHORISED) | COL(AS_FACTORS));
    }
}

/* 8670Q: an assessment not yet authorised did not start more than 45 working days before
 * the census end (before the 45th working day before the reference date). */
void cin_r8670q(struct rctx *c)
{
    kdate limit = workday_add(END, -45);
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++)
        if (!rdate_has(AUTH(k)) && rdate_has(ASTART(k)) && ASTART(k) < limit)
            FLAG(CIN_ASSESSMENT, k, COL(AS_START) | COL(AS_AUTHORISED));
}

/* 8696: an authorisation date falls in the census year. */
void cin_r8696(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++)
        if (rdate_has(AUTH(k)) && !in_period(c, AUTH(k)))
            FLAG(CIN_ASSESSMENT, k, COL(AS_AUTHORISED));
}

/* 8736: an assessment not yet authorised started in the census year. */
void cin_r8736(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++)
        if (!rdate_has(AUTH(k)) && !in_period(c, ASTART(k)))
            FLAG(CIN_ASSESSMENT, k, COL(AS_START) | COL(AS_AUTHORISED));
}

/* 8863Q: within an episode, no assessment starts on or between the start and authorisation
 * (or, not yet authorised, the reference date) of another. Identical assessments (same
 * start, same authorisation) are not compared. Both are reported. */
void cin_r8863q(struct rctx *c)
{
    int32_t n = NROWS(CIN_ASSESSMENT);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_ASSESSMENT, i, false);
        for (int32_t a = i; a < j; a++) {
            if (!rdate_has(ASTART(a)))
                continue;
            for (int32_t b = i; b < j; b++) {
                if (b == a || !rdate_has(ASTART(b)) || ASTART(a) < ASTART(b))
                    continue;
                bool same_auth = rdate_has(AUTH(a)) ? AUTH(a) == AUTH(b) : !rdate_has(AUTH(b));
                if (ASTART(a) == ASTART(b) && same_auth)
                    continue;
                if (rdate_has(AUTH(b)) ? ASTART(a) <= AUTH(b) : ASTART(a) <= END) {
                    FLAG(CIN_ASSESSMENT, a, COL(AS_START));
                    FLAG(CIN_ASSESSMENT, b, COL(AS_START) | COL(AS_AUTHORISED));
                }
            }
        }
        i = j;
    }
}

/* 8869: factor 21 (no factors identified) stands alone. */
void cin_r8869(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++) {
        int32_t end, f = factors_of(c, k, &end);
        if (end - f > 1 && has_factor(c, k, "21"))
            FLAG(CIN_ASSESSMENT, k, COL(AS_FACTORS));
    }
}

/* 8873Q: an episode whose only assessment found no factors (21) is closed after assessment
 * (RC8 or RC9). The assessment and the episode are reported. */
void cin_r8873q(struct rctx *c)
{
    int rc8 = code_index(CS_CIN_CLOSURE_REASON, "RC8", 3);
    int rc9 = code_index(CS_CIN_CLOSURE_REASON, "RC9", 3);
    int32_t n = NROWS(CIN_ASSESSMENT);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_ASSESSMENT, i, false);
        if (j - i == 1) {
            int32_t e = episode_of(c, CIN_ASSESSMENT, i);
            int32_t why = VAL(CIN_DETAILS, CD_CLOSURE_REASON)[e];
            int32_t end, f = factors_of(c, i, &end);
            bool no_factors = false;
            for (; f < end; f++)
                no_factors |= strstr(RAW(CIN_FACTOR, f, AF_FACTOR), "21") != NULL;
            if (no_factors && why != rc8 && why != rc9) {
                FLAG(CIN_ASSESSMENT, i, COL(AS_FACTORS));
                FLAG(CIN_DETAILS, e, COL(CD_CLOSURE_REASON));
            }
        }
        i = j;
    }
}

/* 8896: at most one assessment of an episode is not yet authorised; when more are, every
 * assessment of the episode is reported. */
void cin_r8896(struct rctx *c)
{
    int32_t n = NROWS(CIN_ASSESSMENT);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_ASSESSMENT, i, false), open = 0;
        for (int32_t k = i; k < j; k++)
            open += !rdate_has(AUTH(k));
        for (int32_t k = i; open > 1 && k < j; k++)
            FLAG(CIN_ASSESSMENT, k, COL(AS_AUTHORISED));
        i = j;
    }
}

/* 8897Q: an assessment authorised on or after the census start has factors, all valid
 * codes. */
void cin_r8897q(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++) {
        if (!rdate_has(AUTH(k)) || AUTH(k) < START)
            continue;
        int32_t end, f = factors_of(c, k, &end);
        bool bad = f == end;
        for (; f < end; f++)
            bad |= !code_index_valid(CS_CIN_ASSESSMENT_FACTOR, VAL(CIN_FACTOR, AF_FACTOR)[f], YEAR);
        if (bad)
            FLAG(CIN_ASSESSMENT, k, COL(AS_AUTHORISED) | COL(AS_FACTORS));
    }
}

/* 8898: no factor twice on one assessment. */
void cin_r8898(struct rctx *c)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++) {
        int32_t end, f0 = factors_of(c, k, &end);
        bool dup = false;
        for (int32_t a = f0; a < end && !dup; a++)
            for (int32_t b = a + 1; b < end && !dup; b++)
                dup = HAS(CIN_FACTOR, a, AF_FACTOR) &&
                      !strcmp(RAW(CIN_FACTOR, a, AF_FACTOR), RAW(CIN_FACTOR, b, AF_FACTOR));
        if (dup)
            FLAG(CIN_ASSESSMENT, k, COL(AS_FACTORS));
    }
}

/* 8945Q, 8950Q: the undifferentiated abuse factors 18A and 19A are queried from 2024/25. */
static void factor_queried(struct rctx *c, const char *code)
{
    for (int32_t k = 0; k < NROWS(CIN_ASSESSMENT); k++)
        if (has_factor(c, k, code))
            FLAG(CIN_ASSESSMENT, k, COL(AS_FACTORS));
}

void cin_r8945q(struct rctx *c) { factor_queried(c, "18A"); }
void cin_r8950q(struct rctx *c) { factor_queried(c, "19A"); }
