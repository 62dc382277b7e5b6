/*
 * The CIN census validation rules, 2022/23 onwards: one table per collection year (the
 * rules it adds or changes, the codes it deletes) and each rule's check as a small
 * function. The checks follow the DfE's rule wording; where the reference validator
 * (data-to-insight's csc-validator-be-cin) reads a rule differently, the check follows the
 * DfE and docs/returns/differences.md says why.
 *
 * Conventions for the checks: "the census year" is r->period_start..r->period_end (both
 * inclusive); an unreadable date counts as missing; a code is valid when its set has it in
 * the return's year.
 */
#include "domain/ret/cin.h"

#include <stdlib.h>
#include <string.h>

#include "core/workday.h"
#include "core/xalloc.h"
#include "domain/codeset.h"
#include "domain/ident.h"

/* ---- helpers ---------------------------------------------------------------------------- */

#define TB(t) (&c->r->tables[t])
#define NROWS(t) (c->r->tables[t].nrows)
#define VAL(t, col) (c->r->tables[t].val[col])
#define RAW(t, row, col) ret_raw(c->r, t, row, col)
#define YEAR (c->r->year)
#define START (c->r->period_start)
#define END (c->r->period_end)

static inline bool in_period(const struct rctx *c, kdate d) { return d >= START && d <= END; }
static inline bool present(const struct rctx *c, int t, int32_t row, int col)
{
    return c->r->tables[t].raw[col][row] != 0;
}

/* ---- ChildIdentifiers ------------------------------------------------------------------- */

/* 100: the ReferenceDate must be 31 March of the header's Year. */
static void r100(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_HEADER); i++) {
        kdate ref = VAL(CIN_HEADER, HD_REFERENCE_DATE)[i];
        int32_t year = VAL(CIN_HEADER, HD_YEAR)[i];
        if (!rdate_has(ref) || !rint_has(year) || year < DATE_MIN_YEAR || year > DATE_MAX_YEAR ||
            ref != date_from_ymd(year, 3, 31))
            rule_flag(c, CIN_HEADER, i, COL(HD_REFERENCE_DATE));
    }
}

static void upn_rule(struct rctx *c, unsigned problem)
{
    const struct rtable *t = TB(CIN_CHILD);
    for (int32_t i = 0; i < t->nrows; i++) {
        const char *upn = RAW(CIN_CHILD, i, CH_UPN);
        size_t n = strlen(upn);
        if (!n)
            continue;
        bool bad = false;
        switch (problem) {
        case UPN_BAD_CHECK: {
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
                bad = upn[k] < '0' || upn[k] > '9';
            break;
        case UPN_BAD_LAST:
            bad = n == UPN_LEN && (upn_problems(upn, n, YEAR) & UPN_BAD_LAST);
            break;
        }
        if (bad)
            rule_flag(c, CIN_CHILD, i, COL(CH_UPN));
    }
}

static void r1510(struct rctx *c) { upn_rule(c, UPN_BAD_CHECK); }
static void r1530(struct rctx *c) { upn_rule(c, UPN_BAD_LA); }
static void r1540(struct rctx *c) { upn_rule(c, UPN_BAD_DIGITS); }
static void r1550(struct rctx *c) { upn_rule(c, UPN_BAD_LAST); }

struct text_row {
    const char *s;
    int32_t row;
};

static int by_text_row(const void *a, const void *b)
{
    const struct text_row *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->row > y->row) - (x->row < y->row);
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
            rule_flag(c, t, v[i].row, COL(col));
        a = b;
    }
    free(v);
}

static void r1520(struct rctx *c) { flag_duplicates(c, CIN_CHILD, CH_UPN); }
static void r8510(struct rctx *c) { flag_duplicates(c, CIN_CHILD, CH_LA_CHILD_ID); }

/* 1560Q: a former UPN is a letter and twelve digits. */
static void r1560q(struct rctx *c)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        const char *s = RAW(CIN_CHILD, i, CH_FORMER_UPN);
        size_t n = strlen(s);
        if (!n)
            continue;
        bool ok = n == UPN_LEN && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z'));
        for (size_t k = 1; ok && k < n; k++)
            ok = s[k] >= '0' && s[k] <= '9';
        if (!ok)
            rule_flag(c, CIN_CHILD, i, COL(CH_FORMER_UPN));
    }
}

static void lachildid_rule(struct rctx *c, unsigned problem)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++) {
        const char *s = RAW(CIN_CHILD, i, CH_LA_CHILD_ID);
        size_t n = strlen(s);
        bool bad = problem == LACID_EMPTY ? n == 0 : n && (la_child_id_problems(s, n) & problem);
        if (bad)
            rule_flag(c, CIN_CHILD, i, COL(CH_LA_CHILD_ID));
    }
}

static void r8500(struct rctx *c) { lachildid_rule(c, LACID_EMPTY); }
static void r1570(struct rctx *c) { lachildid_rule(c, LACID_TOO_LONG); }
static void r1580(struct rctx *c) { lachildid_rule(c, LACID_BAD_CHAR); }

/* 4180: gender (to 2023/24) or sex (from 2024/25) present and a code of the year. */
static void sex_rule(struct rctx *c, int col)
{
    for (int32_t i = 0; i < NROWS(CIN_CHILD); i++)
        if (!code_index_valid(CS_SEX, VAL(CIN_CHILD, col)[i], YEAR))
            rule_flag(c, CIN_CHILD, i, COL(col));
}

static void r4180_gender(struct rctx *c) { sex_rule(c, CH_GENDER); }
static void r4180_sex(struct rctx *c) { sex_rule(c, CH_SEX); }

/* ---- the rule tables -------------------------------------------------------------------- */

#define E RULE_ERROR
#define Q RULE_QUERY
#define R(code, sev, table, fields, message, fn)                                                   \
    {                                                                                              \
        code, sev, table, 0, 0, fields, message, fn                                                \
    }

static const struct rule rules_2023[] = {
    R("100", E, CIN_HEADER, "ReferenceDate",
      "The reference date is not 31 March of the census year.", r100),
    R("1510", E, CIN_CHILD, "UPN", "The UPN's first character is not its check letter.", r1510),
    R("1520", E, CIN_CHILD, "UPN", "More than one child has this UPN.", r1520),
    R("1530", E, CIN_CHILD, "UPN",
      "The UPN's characters 2 to 4 are not a local authority code the DfE recognises.", r1530),
    R("1540", E, CIN_CHILD, "UPN", "The UPN's characters 5 to 12 are not all digits.", r1540),
    R("1550", E, CIN_CHILD, "UPN",
      "The UPN's last character is not a digit or a letter other than I, O and S.", r1550),
    R("1560Q", Q, CIN_CHILD, "FormerUPN",
      "Check the former UPN: it should be a letter followed by 12 digits.", r1560q),
    R("4180", E, CIN_CHILD, "GenderCurrent", "Gender is missing or not one of 0, 1, 2 or 9.",
      r4180_gender),
    R("8500", E, CIN_CHILD, "LAchildID", "The LA child ID is missing.", r8500),
    R("8510", E, CIN_CHILD, "LAchildID", "More than one child has this LA child ID.", r8510),
};

static const struct rule rules_2025[] = {
    R("1570", E, CIN_CHILD, "LAchildID", "The LA child ID is longer than 20 characters.", r1570),
    R("1580", E, CIN_CHILD, "LAchildID",
      "The LA child ID has characters other than letters and digits.", r1580),
    R("4180", E, CIN_CHILD, "Sex", "Sex is missing or not one of M, F or U.", r4180_sex),
};

#define YEAR_OF(y, rules, deleted)                                                                 \
    {                                                                                              \
        y, rules, (int)(sizeof(rules) / sizeof(rules[0])), deleted                                 \
    }

/* 2023/24 changed only 1530's list of LA codes (942 and 943 added), which the LA code table
 * in domain/ident.c carries by year; 2025/26 and 2026/27 change nothing so far. */
static const struct rule rules_2024[] = {
    R("1530", E, CIN_CHILD, "UPN",
      "The UPN's characters 2 to 4 are not a local authority code the DfE recognises.", r1530),
};

static const struct rule_year cin_years[] = {
    YEAR_OF(2023, rules_2023, NULL), YEAR_OF(2024, rules_2024, NULL),
    YEAR_OF(2025, rules_2025, NULL), {2026, NULL, 0, NULL},
    {2027, NULL, 0, NULL},
};

const struct ret_kind ret_kind_cin = {
    .name = "cin",
    .title = "CIN census",
    .tables = cin_tables,
    .ntables = CIN_NTABLES,
    .years = cin_years,
    .nyears = (int)(sizeof(cin_years) / sizeof(cin_years[0])),
};
