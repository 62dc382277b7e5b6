/*
 * CIN rule checks on the header and the child: identifiers (UPN, LA child id), sex or
 * gender, dates of birth and death, ethnicity and disabilities, and the return-level
 * plausibility queries (2886Q, 2887Q, 2888Q). The rule tables are in cin_rules.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/codeset.h"
#include "domain/ident.h"
#include "domain/ret/cin_check.h"

/* 100: the ReferenceDate is 31 March of the header's Year. */
void cin_r100(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_HEADER); i++) {
        kdate ref = VAL(CIN_HEADER, HD_REFERENCE_DATE)[i];
        int32_t year = VAL(CIN_HEADER, HD_YEAR)[i];
        if (!rdate_has(ref) || !rint_has(year) || year < DATE_MIN_YEAR || year > DATE_MAX_YEAR ||
            ref != date_from_ymd(year, 3, 31))
            FLAG(CIN_HEADER, i, COL(HD_REFERENCE_DATE));
    }
}

/* ---- UPN ---------------------------------------------------------------------------------- */

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static void upn_rule(struct rctx *c, unsigned problem)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        const char *upn = RAW(CIN_CHILD, i, CH_UPN);
        size_t n = strlen(upn);
        if (!n)
            continue;
        bool bad = false;
        switch (problem) {
        case UPN_BAD_CHECK: {
            /* Judged only when the check letter can be worked out (1540/1550 say the rest). */
            char want = n == UPN_LEN ? upn_check_letter(upn) : 0;
            bad = want && want != upn[0];
            break;
        }
        case UPN_BAD_LA:
            bad = n == UPN_LEN && !la_code_valid(upn + 1, YEAR);
            break;
        case UPN_BAD_DIGITS:
            /* Characters 5-12 must be there and be digits. */
            bad = n < 12;
            for (size_t k = 4; !bad && k < 12; k++)
                bad = !is_digit(upn[k]);
            break;
        case UPN_BAD_LAST:
            bad = n == UPN_LEN && (upn_problems(upn, n, YEAR) & UPN_BAD_LAST);
            break;
        }
        if (bad)
            FLAG(CIN_CHILD, i, COL(CH_UPN));
    }
}

void cin_r1510(struct rctx *c) { upn_rule(c, UPN_BAD_CHECK); }
void cin_r1530(struct rctx *c) { upn_rule(c, UPN_BAD_LA); }
void cin_r1540(struct rctx *c) { upn_rule(c, UPN_BAD_DIGITS); }
void cin_r1550(struct rctx *c) { upn_rule(c, UPN_BAD_LAST); }

struct text_row {
    const char *s;
    int32_t row;
};

static int by_text_row(const void *a, const void *b)
{
    const struct text_row *x = a, *y = b;
    int k = strcmp(x->s, y->s);
    return k ? k : (x->row > y->row) - (x->row < y->row);
}

/* Flag every row of table t whose text in `col` another row also has (missing aside). */
static void flag_duplicates(struct rctx *c, int t, int col)
{
    const struct rtable *tb = TB(t);
    int32_t k = 0;
    struct text_row *v = xcalloc((size_t)tb->nrows + 1, sizeof(*v));
    for (int32_t i = 0; i < tb->nrows; i++)
        if (tb->raw[col][i])
            v[k++] = (struct text_row){ret_str(c->r, tb->raw[col][i]), i};
    qsort(v, (size_t)k, sizeof(*v), by_text_row);
    for (int32_t a = 0; a < k;) {
        int32_t b = a + 1;
        while (b < k && !strcmp(v[a].s, v[b].s))
            b++;
        for (int32_t i = a; b - a > 1 && i < b; i++)
            FLAG(t, v[i].row, COL(col));
        a = b;
    }
    free(v);
}

void cin_r1520(struct rctx *c) { flag_duplicates(c, CIN_CHILD, CH_UPN); }
void cin_r8510(struct rctx *c) { flag_duplicates(c, CIN_CHILD, CH_LA_CHILD_ID); }

/* 1560Q: a former UPN is a letter and twelve digits. */
void cin_r1560q(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        const char *s = RAW(CIN_CHILD, i, CH_FORMER_UPN);
        size_t n = strlen(s);
        if (!n)
            continue;
        bool ok = n == UPN_LEN && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z'));
        for (size_t k = 1; ok && k < n; k++)
            ok = is_digit(s[k]);
        if (!ok)
            FLAG(CIN_CHILD, i, COL(CH_FORMER_UPN));
    }
}

/* ---- LA child id -------------------------------------------------------------------------- */

static void lachildid_rule(struct rctx *c, unsigned problem)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        const char *s = RAW(CIN_CHILD, i, CH_LA_CHILD_ID);
        size_t n = strlen(s);
        bool bad = problem == LACID_EMPTY ? n == 0 : n && (la_child_id_problems(s, n) & problem);
        if (bad)
            FLAG(CIN_CHILD, i, COL(CH_LA_CHILD_ID));
    }
}

void cin_r8500(struct rctx *c) { lachildid_rule(c, LACID_EMPTY); }
void cin_r1570(struct rctx *c) { lachildid_rule(c, LACID_TOO_LONG); }
void cin_r1580(struct rctx *c) { lachildid_rule(c, LACID_BAD_CHAR); }

/* ---- sex and gender ----------------------------------------------------------------------- */

/* 4180: gender (to 2023/24) or sex (from 2024/25) present and a code of the year. */
static void sex_rule(struct rctx *c, int col)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++)
        if (!code_index_valid(CS_SEX, VAL(CIN_CHILD, col)[i], YEAR))
            FLAG(CIN_CHILD, i, COL(col));
}

void cin_r4180_gender(struct rctx *c) { sex_rule(c, CH_GENDER); }
void cin_r4180_sex(struct rctx *c) { sex_rule(c, CH_SEX); }

/* 2886Q (return level): more than 2% of the children who are born (no expected birth date)
 * have no gender or sex recorded: missing, or "not recorded" (0 to 2023/24, U from 2024/25).
 * The share is of all children, as the DfE's tool counts it. */
static void no_sex_share(struct rctx *c, int col, const char *unknown)
{
    int32_t n = NROWS(CIN_CHILD), missing = 0;
    for (int32_t i = 0; i < n; i++)
        if (!HAS(CIN_CHILD, i, CH_EXPECTED_BIRTH) &&
            (!HAS(CIN_CHILD, i, col) || strcmp(RAW(CIN_CHILD, i, col), unknown) == 0))
            missing++;
    if (n && (double)missing / n > 0.02)
        FLAG(CIN_CHILD, -1, COL(col) | COL(CH_EXPECTED_BIRTH));
}

void cin_r2886q_gender(struct rctx *c) { no_sex_share(c, CH_GENDER, "0"); }
void cin_r2886q_sex(struct rctx *c) { no_sex_share(c, CH_SEX, "U"); }

/* 8750: an unborn child (expected birth date, no birth date) has gender 0 / sex U. */
static void unborn_sex(struct rctx *c, int col, const char *unknown)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++)
        if (!HAS(CIN_CHILD, i, CH_BIRTH) && HAS(CIN_CHILD, i, CH_EXPECTED_BIRTH) &&
            strcmp(RAW(CIN_CHILD, i, col), unknown) != 0)
            FLAG(CIN_CHILD, i, COL(col) | COL(CH_BIRTH) | COL(CH_EXPECTED_BIRTH));
}

void cin_r8750_gender(struct rctx *c) { unborn_sex(c, CH_GENDER, "0"); }
void cin_r8750_sex(struct rctx *c) { unborn_sex(c, CH_SEX, "U"); }

/* ---- dates of birth and death ------------------------------------------------------------- */

/* 8520: born after the census end. */
void cin_r8520(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        kdate b = VAL(CIN_CHILD, CH_BIRTH)[i];
        if (rdate_has(b) && b > END)
            FLAG(CIN_CHILD, i, COL(CH_BIRTH));
    }
}

/* 8525Q: exactly one of birth date and expected birth date. */
void cin_r8525q(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        bool b = rdate_has(VAL(CIN_CHILD, CH_BIRTH)[i]);
        bool x = rdate_has(VAL(CIN_CHILD, CH_EXPECTED_BIRTH)[i]);
        if (b == x)
            FLAG(CIN_CHILD, i, COL(CH_BIRTH) | COL(CH_EXPECTED_BIRTH));
    }
}

/* 8530Q: an expected birth date lies after the reference date minus 30 days and before
 * the reference date plus 9 months. */
void cin_r8530q(struct rctx *c)
{
    kdate lo = date_add_days(END, -30), hi = date_add_months(END, 9);
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        kdate x = VAL(CIN_CHILD, CH_EXPECTED_BIRTH)[i];
        if (rdate_has(x) && (x <= lo || x >= hi))
            FLAG(CIN_CHILD, i, COL(CH_EXPECTED_BIRTH));
    }
}

/* 8535Q: a death date needs a birth date on or before it. */
void cin_r8535q(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        kdate d = VAL(CIN_CHILD, CH_DEATH)[i], b = VAL(CIN_CHILD, CH_BIRTH)[i];
        if (rdate_has(d) && (!rdate_has(b) || b > d))
            FLAG(CIN_CHILD, i, COL(CH_DEATH) | COL(CH_BIRTH));
    }
}

/* 8545Q: a death date falls in the census year. */
void cin_r8545q(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        kdate d = VAL(CIN_CHILD, CH_DEATH)[i];
        if (rdate_has(d) && !in_period(c, d))
            FLAG(CIN_CHILD, i, COL(CH_DEATH));
    }
}

/* 8590: every child has at least one CINdetails. */
void cin_r8590(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        int32_t end, first = cin_first_of_child(c, CIN_DETAILS, i, &end);
        if (first == end)
            FLAG(CIN_CHILD, i, COL(CH_LA_CHILD_ID));
    }
}

/* 4008 and 4009Q: no CIN plan starts (ends) after the child's death. */
static void plan_after_death(struct rctx *c, int plan_col)
{
    for (int32_t p = 0; p < NROWS(CIN_PLAN); p++) {
        int32_t ch = child_of(c, CIN_PLAN, p);
        if (ch < 0)
            continue;
        kdate d = VAL(CIN_CHILD, CH_DEATH)[ch], x = VAL(CIN_PLAN, plan_col)[p];
        if (rdate_has(d) && rdate_has(x) && x > d) {
            FLAG(CIN_PLAN, p, COL(plan_col));
            FLAG(CIN_CHILD, ch, COL(CH_DEATH));
        }
    }
}

void cin_r4008(struct rctx *c) { plan_after_death(c, PL_START); }
void cin_r4009q(struct rctx *c) { plan_after_death(c, PL_END); }

/* 8770Q: a child of school age with a referral that went on to further action (ReferralNFA
 * false) has a UPN, or a reason for none other than UN1. School age: born on or before the
 * reference date minus 6 years (to 2023/24); from 2024/25, on or before 31 August six years
 * before the census's September (the reference date plus 4 months and 31 days, minus 6
 * years). */
static void school_age_upn(struct rctx *c, kdate born_by)
{
    int un1 = code_index(CS_UPN_UNKNOWN, "UN1", 3);
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        kdate b = VAL(CIN_CHILD, CH_BIRTH)[i];
        if (!rdate_has(b) || b > born_by || HAS(CIN_CHILD, i, CH_UPN))
            continue;
        int32_t why = VAL(CIN_CHILD, CH_UPN_UNKNOWN)[i];
        if (rcode_has(why) && why != un1)
            continue;
        int32_t end, e = cin_first_of_child(c, CIN_DETAILS, i, &end);
        bool further = false;
        for (; e < end && !further; e++)
            further = nfa(c, e) == 0;
        if (further)
            FLAG(CIN_CHILD, i, COL(CH_UPN) | COL(CH_UPN_UNKNOWN));
    }
}

void cin_r8770q_2023(struct rctx *c) { school_age_upn(c, date_add_months(END, -72)); }
void cin_r8770q_2025(struct rctx *c)
{
    school_age_upn(c, date_add_months(date_add_days(date_add_months(END, 4), 31), -72));
}

/* 8772: UPNunknown UN7 (a referral with no further action) means every episode has
 * ReferralNFA true. */
void cin_r8772(struct rctx *c)
{
    int un7 = code_index(CS_UPN_UNKNOWN, "UN7", 3);
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        if (VAL(CIN_CHILD, CH_UPN_UNKNOWN)[i] != un7)
            continue;
        int32_t end, e = cin_first_of_child(c, CIN_DETAILS, i, &end);
        for (; e < end; e++)
            if (nfa(c, e) != 1) {
                FLAG(CIN_DETAILS, e, COL(CD_NFA));
                FLAG(CIN_CHILD, i, COL(CH_UPN_UNKNOWN));
            }
    }
}

/* 8775Q: a child born more than 25 years before the reference date has no episode open
 * (or closed) past the 25th birthday. */
void cin_r8775q(struct rctx *c)
{
    kdate limit = date_add_months(END, -300);
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        kdate b = VAL(CIN_CHILD, CH_BIRTH)[i];
        if (!rdate_has(b) || b >= limit)
            continue;
        kdate at25 = date_add_months(b, 300);
        int32_t end, e = cin_first_of_child(c, CIN_DETAILS, i, &end);
        for (; e < end; e++) {
            kdate cl = VAL(CIN_DETAILS, CD_CLOSURE)[e];
            if (!rdate_has(cl) || cl > at25) {
                FLAG(CIN_DETAILS, e, COL(CD_CLOSURE));
                FLAG(CIN_CHILD, i, COL(CH_BIRTH));
            }
        }
    }
}

/* ---- characteristics ---------------------------------------------------------------------- */

/* 4220: ethnicity present and a valid code. */
void cin_r4220(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHARACTERISTICS); i++)
        if (!code_index_valid(CS_ETHNICITY, VAL(CIN_CHARACTERISTICS, CC_ETHNICITY)[i], YEAR))
            FLAG(CIN_CHARACTERISTICS, i, COL(CC_ETHNICITY));
}

/* 8540: a born child with a referral that went on to further action has at least one
 * disability recorded (NONE if none), each a valid code. Reported on the child, the
 * disabilities at fault and the episodes that make the rule apply. */
void cin_r8540(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        if (!rdate_has(VAL(CIN_CHILD, CH_BIRTH)[i]))
            continue;
        int32_t eend, e0 = cin_first_of_child(c, CIN_DETAILS, i, &eend);
        bool further = false;
        for (int32_t e = e0; e < eend; e++)
            further |= nfa(c, e) == 0;
        if (!further)
            continue;
        int32_t dend, d = cin_first_of_child(c, CIN_DISABILITY, i, &dend);
        bool bad = d == dend;
        for (; d < dend; d++)
            if (!code_index_valid(CS_DISABILITY, VAL(CIN_DISABILITY, DI_DISABILITY)[d], YEAR)) {
                FLAG(CIN_DISABILITY, d, COL(DI_DISABILITY));
                bad = true;
            }
        if (!bad)
            continue;
        FLAG(CIN_CHILD, i, COL(CH_BIRTH));
        for (int32_t e = e0; e < eend; e++)
            if (nfa(c, e) == 0)
                FLAG(CIN_DETAILS, e, COL(CD_NFA));
    }
}

/* 2887Q (return level): fewer than 8 different disability codes (NONE aside) in the
 * return. */
void cin_r2887q(struct rctx *c)
{
    bool used[CODESET_MAX_CODES] = {false};
    int none = code_index(CS_DISABILITY, "NONE", 4), n = 0;
    for (int32_t i = 0; i < NROWS(CIN_DISABILITY); i++) {
        int32_t v = VAL(CIN_DISABILITY, DI_DISABILITY)[i];
        if (rcode_has(v) && v != none && !used[v]) {
            used[v] = true;
            n++;
        }
    }
    if (n < 8)
        FLAG(CIN_DISABILITY, -1, COL(DI_DISABILITY));
}

/* 2888Q (return level): no child has more than one disability code (NONE aside). */
void cin_r2888q(struct rctx *c)
{
    int none = code_index(CS_DISABILITY, "NONE", 4);
    int32_t n = NROWS(CIN_DISABILITY), any = 0;
    for (int32_t i = 0; i < n;) {
        int32_t ch = VAL(CIN_DISABILITY, DI_CHILD)[i], count = 0, j = i;
        for (; j < n && VAL(CIN_DISABILITY, DI_CHILD)[j] == ch; j++)
            count += HAS(CIN_DISABILITY, j, DI_DISABILITY) &&
                     VAL(CIN_DISABILITY, DI_DISABILITY)[j] != none;
        if (count > 1)
            return;
        any += count;
        i = j;
    }
    if (any)
        FLAG(CIN_DISABILITY, -1, COL(DI_DISABILITY));
}

/* 8790: NONE is the only disability of a child who has it; the other codes are at fault. */
void cin_r8790(struct rctx *c)
{
    int none = code_index(CS_DISABILITY, "NONE", 4);
    int32_t n = NROWS(CIN_DISABILITY);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_DISABILITY, i, true);
        bool has_none = false;
        for (int32_t k = i; k < j; k++)
            has_none |= VAL(CIN_DISABILITY, DI_DISABILITY)[k] == none;
        for (int32_t k = i; has_none && k < j; k++)
            if (VAL(CIN_DISABILITY, DI_DISABILITY)[k] != none)
                FLAG(CIN_DISABILITY, k, COL(DI_DISABILITY));
        i = j;
    }
}

/* 8794: a child's disability codes are all different. */
void cin_r8794(struct rctx *c)
{
    int32_t n = NROWS(CIN_DISABILITY);
    for (int32_t i = 0; i < n;) {
        int32_t j = run_end(c, CIN_DISABILITY, i, true);
        for (int32_t a = i; a < j; a++) {
            if (!HAS(CIN_DISABILITY, a, DI_DISABILITY))
                continue;
            for (int32_t b = i; b < j; b++)
                if (a != b && !strcmp(RAW(CIN_DISABILITY, a, DI_DISABILITY),
                                      RAW(CIN_DISABILITY, b, DI_DISABILITY))) {
                    FLAG(CIN_DISABILITY, a, COL(DI_DISABILITY));
                    break;
                }
        }
        i = j;
    }
}
