/*
 * The SSDA903 return: its twelve tables as the rule engine holds them (ret_kind_903, one
 * rtable_def per DfE table, columns by their DfE names), and the view its rules read.
 *
 * The engine's return (domain/ret/table.h) keeps every cell typed and as written. The 903
 * rules join tables by child and walk a child's episodes in date order all the time, so
 * before the first rule runs the kind's prepare hook builds one read-only view of this
 * year's and last year's return (struct s903):
 *   - CHILD becomes an index into one dictionary of child ids shared by both years, and
 *     each table lists each child's rows (head/next), so "the same child in another table or
 *     last year" is an array lookup;
 *   - dates are kdate day numbers, DATE_NONE when blank or not a date (the cell is then
 *     marked bad, s903_is_bad, and its text kept, s903_raw);
 *   - codes are small integers: 0 blank, 1 + the code's index in its code set
 *     (domain/codeset.h), S903_BAD when the text is not a code of the set in any year;
 *   - free text (UPN, postcodes, URN, LA_PERM, SW_ID) is a C string, NULL when blank;
 *   - episodes also come in (child, DECOM, DEC) order, and each child has the DfE's
 *     "looked after continuously for 12 months at 31 March" flag.
 * Rules read the view only; the return itself stays const.
 */
#ifndef KITH_DOMAIN_RET_SSDA903_H
#define KITH_DOMAIN_RET_SSDA903_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "domain/codeset.h"
#include "domain/ret/table.h"

/* The tables, in the order the DfE lists them (also their index in ret_kind_903.tables). */
enum t903 {
    T903_HEADER,
    T903_EPISODES,
    T903_REVIEWS,
    T903_UASC,
    T903_OC2,
    T903_OC3,
    T903_AD1,
    T903_PLACED,   /* placed_for_adoption.csv, "PlacedAdoption" */
    T903_PREVPERM, /* previous_permanence.csv, "PrevPerm" */
    T903_MISSING,
    T903_SW,   /* sw_episodes.csv, "SWEpisodes", from 2023/24 */
    T903_DOLO, /* DoLo.csv, deprivation of liberty orders, from 2026/27 */
    T903_COUNT
};

/* Columns of each table, in file order. */
enum { HD_CHILD, HD_SEX, HD_DOB, HD_ETHNIC, HD_UPN, HD_MOTHER, HD_MC_DOB, HD_UASC, HD_NCOLS };
enum {
    EP_CHILD,
    EP_DECOM,
    EP_RNE,
    EP_LS,
    EP_CIN,
    EP_PLACE,
    EP_PLACE_PROVIDER,
    EP_DEC,
    EP_REC,
    EP_REASON_PLACE_CHANGE,
    EP_HOME_POST,
    EP_PL_POST,
    EP_URN,
    EP_NCOLS
};
enum { RV_CHILD, RV_DOB, RV_REVIEW, RV_REVIEW_CODE, RV_NCOLS };
enum { UA_CHILD, UA_SEX, UA_DOB, UA_DUC, UA_NCOLS };
enum {
    O2_CHILD,
    O2_DOB,
    O2_SDQ_SCORE,
    O2_SDQ_REASON,
    O2_CONVICTED,
    O2_HEALTH_CHECK,
    O2_IMMUNISATIONS,
    O2_TEETH_CHECK,
    O2_HEALTH_ASSESSMENT,
    O2_SUBSTANCE_MISUSE,
    O2_INTERVENTION_RECEIVED,
    O2_INTERVENTION_OFFERED,
    O2_NCOLS
};
enum { O3_CHILD, O3_DOB, O3_IN_TOUCH, O3_ACTIV, O3_ACCOM, O3_NCOLS };
enum {
    AD_CHILD,
    AD_DOB,
    AD_DATE_INT,
    AD_DATE_MATCH,
    AD_FOSTER_CARE,
    AD_NB_ADOPTR,
    AD_SEX_ADOPTR,
    AD_LS_ADOPTR,
    AD_NCOLS
};
enum { PA_CHILD, PA_DOB, PA_DATE_PLACED, PA_DATE_PLACED_CEASED, PA_REASON_PLACED_CEASED, PA_NCOLS };
enum { PP_CHILD, PP_DOB, PP_PREV_PERM, PP_LA_PERM, PP_DATE_PERM, PP_NCOLS };
enum { MI_CHILD, MI_DOB, MI_MISSING, MI_MIS_START, MI_MIS_END, MI_NCOLS };
enum { SW_CHILD, SW_DOB, SW_SW_ID, SW_SW_DECOM, SW_SW_DEC, SW_SW_REASON, SW_NCOLS };
enum { DL_CHILD, DL_DOB, DL_DOLO_START, DL_DOLO_END, DL_NCOLS };

#define S903_MAXCOL 13
#define S903_BAD 0xFF            /* a code cell whose text is not a code */
#define S903_NO_CHILD UINT32_MAX /* a blank CHILD cell: matches no other row */
#define S903_SDQ_NONE (-1)

extern const struct ret_kind ret_kind_903;
/* The file each table is read from ("episodes.csv"), by enum t903. */
extern const char *const s903_files[T903_COUNT];

/* For a return read from CSV: set the header's UASC flag of every child to 1 when the child
 * is in the UASC table and 0 when not, as the DfE derives it, unless the header file gave
 * the flag itself. Needs both tables; does nothing otherwise. */
void s903_derive_uasc(struct ret *r);

/* Whether a column may be absent from a file (the header's UASC, which only the XML and
 * kith's own exports carry). */
bool s903_col_optional(enum t903 t, int col);

/* Where ret_kind_903.prepare finds the local authority of the return (its ONS code) and
 * the optional reference data: set by the caller in struct rinputs. */

/* What every table of the view starts with. */
struct s903_tab {
    const struct rtable *rt; /* the engine's table (text as written) */
    const struct ret *src;   /* ... and the return it is in */
    size_t n;
    bool present;              /* the table was given (has rows) */
    uint8_t *bad[S903_MAXCOL]; /* NULL, or 1 for each row whose cell was not valid */
    int32_t *head;             /* per child: the child's first row, or -1 */
    int32_t *next;             /* per row: the child's next row (file order), or -1 */
};

struct s903_header {
    struct s903_tab t;
    uint32_t *child;
    uint8_t *sex;
    kdate *dob;
    uint8_t *ethnic;
    const char **upn;
    uint8_t *mother;
    kdate *mc_dob;
    uint8_t *uasc; /* derived from the UASC table for CSV input, read from XML */
};

struct s903_episodes {
    struct s903_tab t;
    uint32_t *child;
    kdate *decom;
    uint8_t *rne, *ls, *cin, *place, *provider;
    kdate *dec;
    uint8_t *rec, *rpc; /* REASON_PLACE_CHANGE */
    const char **home_post, **pl_post, **urn;
    /* Derived from postcode data when given; blank (NULL, 0, NAN) otherwise. */
    const char **pl_la;   /* upper-tier LA code of the placement, or WAL/SCO/NIR */
    uint8_t *pl_location; /* 0 unknown, 1 IN, 2 OUT */
    float *pl_distance;   /* miles between the home and placement postcodes; NAN unknown */
    /* Rows in (child, DECOM, DEC, row) order, blank dates last. */
    uint32_t *order;
};

struct s903_reviews {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob, *review;
    uint8_t *code;
};

struct s903_uasc {
    struct s903_tab t;
    uint32_t *child;
    uint8_t *sex;
    kdate *dob, *duc;
};

struct s903_oc2 {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob;
    int8_t *sdq_score;
    uint8_t *sdq_reason, *convicted, *health_check, *immunisations, *teeth_check,
        *health_assessment, *substance_misuse, *intervention_received, *intervention_offered;
};

struct s903_oc3 {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob;
    uint8_t *in_touch, *activ, *accom;
};

struct s903_ad1 {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob, *date_int, *date_match;
    uint8_t *foster_care, *nb_adoptr, *sex_adoptr, *ls_adoptr;
};

struct s903_placed {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob, *date_placed, *date_placed_ceased;
    uint8_t *reason_placed_ceased;
};

struct s903_prevperm {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob;
    uint8_t *prev_perm;
    const char **la_perm;
    kdate *date_perm; /* "ZZ" day or month: the latest day it can be (s903_scan_date) */
};

struct s903_missing {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob;
    uint8_t *missing;
    kdate *mis_start, *mis_end;
};

struct s903_sw {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob;
    const char **sw_id;
    kdate *sw_decom, *sw_dec;
    uint8_t *sw_reason;
};

struct s903_dolo {
    struct s903_tab t;
    uint32_t *child;
    kdate *dob, *dolo_start, *dolo_end;
};

/* One year's return. */
struct s903_year {
    struct s903_header header;
    struct s903_episodes ep;
    struct s903_reviews rev;
    struct s903_uasc uasc;
    struct s903_oc2 oc2;
    struct s903_oc3 oc3;
    struct s903_ad1 ad1;
    struct s903_placed pa;
    struct s903_prevperm pp;
    struct s903_missing mis;
    struct s903_sw sw;
    struct s903_dolo dolo;
    bool present;    /* last year: a return was given */
    bool from_xml;   /* the header's UASC came from the XML */
    bool uasc_known; /* header.uasc holds 0/1 for every child (given or derived) */
    uint8_t *cla;    /* per child: looked after continuously for 12 months at 31 March */
};

struct postcode_geo;

/* The view of a return and, when given, last year's. */
struct s903 {
    struct arena arena; /* texts and arrays that live as long as the view */
    int year;           /* collection year: 2026 = 1 April 2025 to 31 March 2026 */
    kdate start, end;   /* 1 April year-1, 31 March year */
    const char *la;     /* the LA's ONS code, or "" */
    struct s903_year cur, last;
    const char **child_id;            /* dictionary: index -> id text */
    uint32_t *child_len, *child_hash; /* per child: its id's length and hash */
    uint32_t nchild, capchild;
    uint32_t *hash; /* open addressing over child_id, 0 = empty, else index + 1 */
    uint32_t hcap;
    bool geo; /* postcode-derived columns are filled */
    /* Per code set, the codes (stored value - 1) valid in the collection year, as bits. */
    uint64_t valid[CODESET_COUNT][4];
};

/* Build the view of `cur` (and `last`, which may be NULL); `la` may be NULL. Free with
 * s903_free. Cells are read as the rules need them: see the comment at the top. */
struct s903 *s903_build(const struct ret *cur, const struct ret *last, const char *la,
                        const struct postcode_geo *geo);
void s903_free(struct s903 *s);

/* The table `t` of a year, as its common part. */
const struct s903_tab *s903_ctab(const struct s903_year *y, enum t903 t);

/* The index of a child id seen in either year, or S903_NO_CHILD. */
uint32_t s903_child_lookup(const struct s903 *s, const char *id, size_t len);
static inline const char *s903_child_text(const struct s903 *s, uint32_t c)
{
    return c < s->nchild ? s->child_id[c] : "";
}

/* A cell that was there but not valid (a date that is not a date, a code that is not a
 * code, a score that is not 0-40), and its text as written (NULL when not bad). */
static inline bool s903_is_bad(const struct s903_tab *t, int col, size_t row)
{
    return t->bad[col] && t->bad[col][row];
}
const char *s903_raw(const struct s903_tab *t, int col, size_t row);
/* The text of any cell as written ("" when blank). */
const char *s903_text(const struct s903_tab *t, int col, size_t row);

/* Date comparisons in which a missing date makes every comparison false, as NaT does. */
static inline bool d_lt(kdate a, kdate b) { return a != DATE_NONE && b != DATE_NONE && a < b; }
static inline bool d_le(kdate a, kdate b) { return a != DATE_NONE && b != DATE_NONE && a <= b; }
static inline bool d_gt(kdate a, kdate b) { return d_lt(b, a); }
static inline bool d_ge(kdate a, kdate b) { return d_le(b, a); }
static inline bool d_eq(kdate a, kdate b) { return a != DATE_NONE && a == b; }
/* d + n years (29 February gives 1 March in a common year); DATE_NONE stays missing. */
static inline kdate s903_years(kdate d, int n)
{
    return d == DATE_NONE ? DATE_NONE : date_birthday(d, n);
}
static inline kdate s903_days(kdate d, int n) { return d == DATE_NONE ? DATE_NONE : d + n; }

/* Date parsing as the 903 uses it: dd/mm/yyyy, a day or month may have one digit. With
 * `partial`, "ZZ" for the day or month and "ZZZZ" for the year are allowed and give the
 * latest day they can stand for (an unknown year counts as 2000, as the reference tools). */
bool s903_scan_date(const char *p, size_t n, bool partial, kdate *out);

#endif
