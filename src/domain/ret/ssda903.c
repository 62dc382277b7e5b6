/*
 * The SSDA903 return: the engine's table definitions (ret_kind_903's tables, columns by their
 * DfE names) and the view the 903 rules read (see ssda903.h), built once per run from this
 * year's and last year's returns: cells in the rules' encodings, one child dictionary for
 * both years, each child's rows in every table, episodes in date order, and who was looked
 * after continuously.
 */
#include "domain/ret/ssda903.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/par.h"
#include "core/xalloc.h"
#include "domain/codeset.h"
#include "domain/refdata.h"

#define TEXT(n)                                                                                    \
    {                                                                                              \
        n, RCOL_TEXT, -1, -1                                                                       \
    }
#define DATE(n)                                                                                    \
    {                                                                                              \
        n, RCOL_DATE, -1, -1                                                                       \
    }
#define CODE(n, cs)                                                                                \
    {                                                                                              \
        n, RCOL_CODE, cs, -1                                                                       \
    }
#define INT(n)                                                                                     \
    {                                                                                              \
        n, RCOL_INT, -1, -1                                                                        \
    }

static const struct rcol_def header_cols[HD_NCOLS] = {
    TEXT("CHILD"),
    CODE("SEX", CS_903_SEX),
    DATE("DOB"),
    CODE("ETHNIC", CS_ETHNICITY),
    TEXT("UPN"),
    CODE("MOTHER", CS_903_FLAG),
    DATE("MC_DOB"),
    /* not in the DfE's header file: the XML carries it, the CSV reader derives it */
    CODE("UASC", CS_903_FLAG),
};
static const struct rcol_def episode_cols[EP_NCOLS] = {
    TEXT("CHILD"),
    DATE("DECOM"),
    CODE("RNE", CS_903_NEW_EPISODE_REASON),
    CODE("LS", CS_903_LEGAL_STATUS),
    CODE("CIN", CS_903_CATEGORY_OF_NEED),
    CODE("PLACE", CS_903_PLACEMENT),
    CODE("PLACE_PROVIDER", CS_903_PROVIDER),
    DATE("DEC"),
    CODE("REC", CS_903_REASON_CEASED),
    CODE("REASON_PLACE_CHANGE", CS_903_PLACEMENT_CHANGE_REASON),
    TEXT("HOME_POST"),
    TEXT("PL_POST"),
    TEXT("URN"),
};
static const struct rcol_def review_cols[RV_NCOLS] = {TEXT("CHILD"), DATE("DOB"), DATE("REVIEW"),
                                                      CODE("REVIEW_CODE", CS_903_PARTICIPATION)};
static const struct rcol_def uasc_cols[UA_NCOLS] = {TEXT("CHILD"), CODE("SEX", CS_903_SEX),
                                                    DATE("DOB"), DATE("DUC")};
static const struct rcol_def oc2_cols[O2_NCOLS] = {
    TEXT("CHILD"),
    DATE("DOB"),
    INT("SDQ_SCORE"),
    CODE("SDQ_REASON", CS_903_SDQ_REASON),
    CODE("CONVICTED", CS_903_FLAG),
    CODE("HEALTH_CHECK", CS_903_FLAG),
    CODE("IMMUNISATIONS", CS_903_FLAG),
    CODE("TEETH_CHECK", CS_903_FLAG),
    CODE("HEALTH_ASSESSMENT", CS_903_FLAG),
    CODE("SUBSTANCE_MISUSE", CS_903_FLAG),
    CODE("INTERVENTION_RECEIVED", CS_903_FLAG),
    CODE("INTERVENTION_OFFERED", CS_903_FLAG),
};
static const struct rcol_def oc3_cols[O3_NCOLS] = {
    TEXT("CHILD"), DATE("DOB"), CODE("IN_TOUCH", CS_903_IN_TOUCH), CODE("ACTIV", CS_903_ACTIVITY),
    CODE("ACCOM", CS_903_ACCOMMODATION)};
static const struct rcol_def ad1_cols[AD_NCOLS] = {
    TEXT("CHILD"),
    DATE("DOB"),
    DATE("DATE_INT"),
    DATE("DATE_MATCH"),
    CODE("FOSTER_CARE", CS_903_FLAG),
    CODE("NB_ADOPTR", CS_903_ADOPTER_COUNT),
    CODE("SEX_ADOPTR", CS_903_ADOPTER_SEX),
    CODE("LS_ADOPTR", CS_903_ADOPTER_LEGAL_STATUS),
};
static const struct rcol_def placed_cols[PA_NCOLS] = {
    TEXT("CHILD"), DATE("DOB"), DATE("DATE_PLACED"), DATE("DATE_PLACED_CEASED"),
    CODE("REASON_PLACED_CEASED", CS_903_ADOPTION_REVERSAL_REASON)};
/* DATE_PERM is text: it may be a partial date ("ZZ/06/2010"), read by the view. */
static const struct rcol_def prevperm_cols[PP_NCOLS] = {
    TEXT("CHILD"), DATE("DOB"), CODE("PREV_PERM", CS_903_PREVIOUS_PERMANENCE), TEXT("LA_PERM"),
    TEXT("DATE_PERM")};
static const struct rcol_def missing_cols[MI_NCOLS] = {TEXT("CHILD"), DATE("DOB"),
                                                       CODE("MISSING", CS_903_MISSING),
                                                       DATE("MIS_START"), DATE("MIS_END")};
static const struct rcol_def sw_cols[SW_NCOLS] = {
    TEXT("CHILD"),    DATE("DOB"),    TEXT("SW_ID"),
    DATE("SW_DECOM"), DATE("SW_DEC"), CODE("SW_REASON", CS_903_SW_REASON)};
static const struct rcol_def dolo_cols[DL_NCOLS] = {TEXT("CHILD"), DATE("DOB"), DATE("DOLO_START"),
                                                    DATE("DOLO_END")};

#define TABLE(name, cols)                                                                          \
    {                                                                                              \
        name, cols, (int)(sizeof(cols) / sizeof(cols[0])), 0                                       \
    }

const struct rtable_def s903_table_defs[T903_COUNT] = {
    TABLE("Header", header_cols),     TABLE("Episodes", episode_cols),
    TABLE("Reviews", review_cols),    TABLE("UASC", uasc_cols),
    TABLE("OC2", oc2_cols),           TABLE("OC3", oc3_cols),
    TABLE("AD1", ad1_cols),           TABLE("PlacedAdoption", placed_cols),
    TABLE("PrevPerm", prevperm_cols), TABLE("Missing", missing_cols),
    TABLE("SWEpisodes", sw_cols),     TABLE("DoLo", dolo_cols),
};

const char *const s903_files[T903_COUNT] = {
    "header.csv",
    "episodes.csv",
    "reviews.csv",
    "uasc.csv",
    "oc2.csv",
    "oc3.csv",
    "ad1.csv",
    "placed_for_adoption.csv",
    "previous_permanence.csv",
    "missing.csv",
    "sw_episodes.csv",
    "DoLo.csv",
};

bool s903_col_optional(enum t903 t, int col) { return t == T903_HEADER && col == HD_UASC; }

static uint32_t hash_bytes(const char *p, size_t n);

/* The slot of `id` in the UASC table's set of children (text offsets, 0 empty, with their
 * hashes beside them): where it is, or the empty slot it would take. */
static size_t uasc_slot(const struct ret *r, const uint32_t *set, const uint32_t *hashes,
                        size_t cap, const char *id, uint32_t hash)
{
    size_t at = hash & (cap - 1);
    while (set[at] && (hashes[at] != hash || strcmp(ret_str(r, set[at]), id)))
        at = (at + 1) & (cap - 1);
    return at;
}

/* The header's UASC flag from the UASC table: 1 for a child with a row there. The UASC
 * table's children go in an open-addressed set of their pool offsets, and every child's
 * cell points at one shared "1" or "0" (converted once), rather than a copy each. */
void s903_derive_uasc(struct ret *r)
{
    struct rtable *h = &r->tables[T903_HEADER], *u = &r->tables[T903_UASC];
    if (!h->nrows || !u->nrows)
        return;
    for (int32_t i = 0; i < h->nrows; i++)
        if (h->raw[HD_UASC][i])
            return; /* given in the file */
    size_t cap = 16;
    while (cap < 2 * (size_t)u->nrows)
        cap *= 2;
    uint32_t *set = xcalloc(cap, sizeof(uint32_t)), *hashes = xcalloc(cap, sizeof(uint32_t));
    for (int32_t k = 0; k < u->nrows; k++) {
        uint32_t off = u->raw[UA_CHILD][k];
        const char *id = ret_str(r, off);
        size_t len = strlen(id);
        if (!len)
            continue;
        uint32_t hash = hash_bytes(id, len);
        size_t at = uasc_slot(r, set, hashes, cap, id, hash);
        set[at] = off;
        hashes[at] = hash;
    }
    /* look every child up first: interning grows the text pool and moves the texts */
    bool *found = xcalloc((size_t)h->nrows, sizeof(bool));
    for (int32_t i = 0; i < h->nrows; i++) {
        const char *id = ret_str(r, h->raw[HD_CHILD][i]);
        size_t len = strlen(id);
        if (!len)
            continue;
        found[i] = set[uasc_slot(r, set, hashes, cap, id, hash_bytes(id, len))] != 0;
    }
    free(set);
    free(hashes);
    const struct rcol_def *col = &h->def->cols[HD_UASC];
    uint32_t off[2] = {ret_intern(r, "0", 1), ret_intern(r, "1", 1)};
    int32_t v[2] = {rcol_value(col, "0", 1, off[0]), rcol_value(col, "1", 1, off[1])};
    for (int32_t i = 0; i < h->nrows; i++)
        ret_set_parsed(r, T903_HEADER, i, HD_UASC, off[found[i]], v[found[i]]);
    free(found);
}

/* ---- the view: where each column goes ---- */

enum vtype { V_CHILD, V_DATE, V_PDATE, V_CODE, V_TEXT, V_SDQ };

struct vcol {
    enum t903 t;
    int col;
    enum vtype type;
    size_t offset; /* of the array pointer in struct s903_year */
};

#define V(tab, field, t, col, type)                                                                \
    {                                                                                              \
        t, col, type, offsetof(struct s903_year, tab.field)                                        \
    }

static const struct vcol vcols[] = {
    V(header, child, T903_HEADER, HD_CHILD, V_CHILD),
    V(header, sex, T903_HEADER, HD_SEX, V_CODE),
    V(header, dob, T903_HEADER, HD_DOB, V_DATE),
    V(header, ethnic, T903_HEADER, HD_ETHNIC, V_CODE),
    V(header, upn, T903_HEADER, HD_UPN, V_TEXT),
    V(header, mother, T903_HEADER, HD_MOTHER, V_CODE),
    V(header, mc_dob, T903_HEADER, HD_MC_DOB, V_DATE),
    V(header, uasc, T903_HEADER, HD_UASC, V_CODE),
    V(ep, child, T903_EPISODES, EP_CHILD, V_CHILD),
    V(ep, decom, T903_EPISODES, EP_DECOM, V_DATE),
    V(ep, rne, T903_EPISODES, EP_RNE, V_CODE),
    V(ep, ls, T903_EPISODES, EP_LS, V_CODE),
    V(ep, cin, T903_EPISODES, EP_CIN, V_CODE),
    V(ep, place, T903_EPISODES, EP_PLACE, V_CODE),
    V(ep, provider, T903_EPISODES, EP_PLACE_PROVIDER, V_CODE),
    V(ep, dec, T903_EPISODES, EP_DEC, V_DATE),
    V(ep, rec, T903_EPISODES, EP_REC, V_CODE),
    V(ep, rpc, T903_EPISODES, EP_REASON_PLACE_CHANGE, V_CODE),
    V(ep, home_post, T903_EPISODES, EP_HOME_POST, V_TEXT),
    V(ep, pl_post, T903_EPISODES, EP_PL_POST, V_TEXT),
    V(ep, urn, T903_EPISODES, EP_URN, V_TEXT),
    V(rev, child, T903_REVIEWS, RV_CHILD, V_CHILD),
    V(rev, dob, T903_REVIEWS, RV_DOB, V_DATE),
    V(rev, review, T903_REVIEWS, RV_REVIEW, V_DATE),
    V(rev, code, T903_REVIEWS, RV_REVIEW_CODE, V_CODE),
    V(uasc, child, T903_UASC, UA_CHILD, V_CHILD),
    V(uasc, sex, T903_UASC, UA_SEX, V_CODE),
    V(uasc, dob, T903_UASC, UA_DOB, V_DATE),
    V(uasc, duc, T903_UASC, UA_DUC, V_DATE),
    V(oc2, child, T903_OC2, O2_CHILD, V_CHILD),
    V(oc2, dob, T903_OC2, O2_DOB, V_DATE),
    V(oc2, sdq_score, T903_OC2, O2_SDQ_SCORE, V_SDQ),
    V(oc2, sdq_reason, T903_OC2, O2_SDQ_REASON, V_CODE),
    V(oc2, convicted, T903_OC2, O2_CONVICTED, V_CODE),
    V(oc2, health_check, T903_OC2, O2_HEALTH_CHECK, V_CODE),
    V(oc2, immunisations, T903_OC2, O2_IMMUNISATIONS, V_CODE),
    V(oc2, teeth_check, T903_OC2, O2_TEETH_CHECK, V_CODE),
    V(oc2, health_assessment, T903_OC2, O2_HEALTH_ASSESSMENT, V_CODE),
    V(oc2, substance_misuse, T903_OC2, O2_SUBSTANCE_MISUSE, V_CODE),
    V(oc2, intervention_received, T903_OC2, O2_INTERVENTION_RECEIVED, V_CODE),
    V(oc2, intervention_offered, T903_OC2, O2_INTERVENTION_OFFERED, V_CODE),
    V(oc3, child, T903_OC3, O3_CHILD, V_CHILD),
    V(oc3, dob, T903_OC3, O3_DOB, V_DATE),
    V(oc3, in_touch, T903_OC3, O3_IN_TOUCH, V_CODE),
    V(oc3, activ, T903_OC3, O3_ACTIV, V_CODE),
    V(oc3, accom, T903_OC3, O3_ACCOM, V_CODE),
    V(ad1, child, T903_AD1, AD_CHILD, V_CHILD),
    V(ad1, dob, T903_AD1, AD_DOB, V_DATE),
    V(ad1, date_int, T903_AD1, AD_DATE_INT, V_DATE),
    V(ad1, date_match, T903_AD1, AD_DATE_MATCH, V_DATE),
    V(ad1, foster_care, T903_AD1, AD_FOSTER_CARE, V_CODE),
    V(ad1, nb_adoptr, T903_AD1, AD_NB_ADOPTR, V_CODE),
    V(ad1, sex_adoptr, T903_AD1, AD_SEX_ADOPTR, V_CODE),
    V(ad1, ls_adoptr, T903_AD1, AD_LS_ADOPTR, V_CODE),
    V(pa, child, T903_PLACED, PA_CHILD, V_CHILD),
    V(pa, dob, T903_PLACED, PA_DOB, V_DATE),
    V(pa, date_placed, T903_PLACED, PA_DATE_PLACED, V_DATE),
    V(pa, date_placed_ceased, T903_PLACED, PA_DATE_PLACED_CEASED, V_DATE),
    V(pa, reason_placed_ceased, T903_PLACED, PA_REASON_PLACED_CEASED, V_CODE),
    V(pp, child, T903_PREVPERM, PP_CHILD, V_CHILD),
    V(pp, dob, T903_PREVPERM, PP_DOB, V_DATE),
    V(pp, prev_perm, T903_PREVPERM, PP_PREV_PERM, V_CODE),
    V(pp, la_perm, T903_PREVPERM, PP_LA_PERM, V_TEXT),
    V(pp, date_perm, T903_PREVPERM, PP_DATE_PERM, V_PDATE),
    V(mis, child, T903_MISSING, MI_CHILD, V_CHILD),
    V(mis, dob, T903_MISSING, MI_DOB, V_DATE),
    V(mis, missing, T903_MISSING, MI_MISSING, V_CODE),
    V(mis, mis_start, T903_MISSING, MI_MIS_START, V_DATE),
    V(mis, mis_end, T903_MISSING, MI_MIS_END, V_DATE),
    V(sw, child, T903_SW, SW_CHILD, V_CHILD),
    V(sw, dob, T903_SW, SW_DOB, V_DATE),
    V(sw, sw_id, T903_SW, SW_SW_ID, V_TEXT),
    V(sw, sw_decom, T903_SW, SW_SW_DECOM, V_DATE),
    V(sw, sw_dec, T903_SW, SW_SW_DEC, V_DATE),
    V(sw, sw_reason, T903_SW, SW_SW_REASON, V_CODE),
    V(dolo, child, T903_DOLO, DL_CHILD, V_CHILD),
    V(dolo, dob, T903_DOLO, DL_DOB, V_DATE),
    V(dolo, dolo_start, T903_DOLO, DL_DOLO_START, V_DATE),
    V(dolo, dolo_end, T903_DOLO, DL_DOLO_END, V_DATE),
};

/* Where each table sits in struct s903_year. */
static const size_t table_offset[T903_COUNT] = {
    offsetof(struct s903_year, header), offsetof(struct s903_year, ep),
    offsetof(struct s903_year, rev),    offsetof(struct s903_year, uasc),
    offsetof(struct s903_year, oc2),    offsetof(struct s903_year, oc3),
    offsetof(struct s903_year, ad1),    offsetof(struct s903_year, pa),
    offsetof(struct s903_year, pp),     offsetof(struct s903_year, mis),
    offsetof(struct s903_year, sw),     offsetof(struct s903_year, dolo),
};

static struct s903_tab *tab_of(struct s903_year *y, enum t903 t)
{
    return (struct s903_tab *)(void *)((char *)y + table_offset[t]);
}

const struct s903_tab *s903_ctab(const struct s903_year *y, enum t903 t)
{
    return (const struct s903_tab *)(const void *)((const char *)y + table_offset[t]);
}

static size_t vsize(enum vtype t)
{
    switch (t) {
    case V_CHILD:
        return sizeof(uint32_t);
    case V_DATE:
    case V_PDATE:
        return sizeof(kdate);
    case V_CODE:
        return sizeof(uint8_t);
    case V_SDQ:
        return sizeof(int8_t);
    case V_TEXT:
        return sizeof(const char *);
    }
    return 0;
}

const char *s903_text(const struct s903_tab *t, int col, size_t row)
{
    if (!t->rt || row >= t->n)
        return "";
    return ret_str(t->src, t->rt->raw[col][row]);
}

const char *s903_raw(const struct s903_tab *t, int col, size_t row)
{
    return s903_is_bad(t, col, row) ? s903_text(t, col, row) : NULL;
}

/* ---- child dictionary ---- */

/* Child ids are short (6 to 10 characters): hashed a word at a time. */
static uint32_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = (uint64_t)n * UINT64_C(0x9E3779B97F4A7C15), w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * UINT64_C(0xFF51AFD7ED558CCD);
        h ^= h >> 32;
    }
    if (n) {
        w = 0;
        memcpy(&w, p, n);
        h = (h ^ w) * UINT64_C(0xFF51AFD7ED558CCD);
    }
    h ^= h >> 33; /* the final mix of MurmurHash3: every bit of the id reaches the low bits */
    h *= UINT64_C(0xC4CEB9FE1A85EC53);
    h ^= h >> 33;
    return (uint32_t)h;
}

/* The slot of the id with this hash and length: its child's, or the empty one it would go
 * in. Each child's hash and length are kept, so a slot of another child costs no string
 * compare. */
static uint32_t *probe(const struct s903 *r, const char *id, size_t len, uint32_t hash)
{
    uint32_t mask = r->hcap - 1;
    for (uint32_t h = hash & mask;; h = (h + 1) & mask) {
        uint32_t v = r->hash[h];
        if (!v || (r->child_hash[v - 1] == hash && r->child_len[v - 1] == len &&
                   !memcmp(r->child_id[v - 1], id, len)))
            return &r->hash[h];
    }
}

static void rehash(struct s903 *r)
{
    free(r->hash);
    r->hcap = r->hcap ? r->hcap * 2 : 1024;
    r->hash = xcalloc(r->hcap, sizeof(uint32_t));
    uint32_t mask = r->hcap - 1;
    for (uint32_t i = 0; i < r->nchild; i++) {
        uint32_t h = r->child_hash[i] & mask;
        while (r->hash[h]) /* every id is distinct: the first empty slot is its place */
            h = (h + 1) & mask;
        r->hash[h] = i + 1;
    }
}

uint32_t s903_child_lookup(const struct s903 *r, const char *id, size_t len)
{
    if (!len || !r->hcap)
        return S903_NO_CHILD;
    uint32_t v = *probe(r, id, len, hash_bytes(id, len));
    return v ? v - 1 : S903_NO_CHILD;
}

static uint32_t intern_child(struct s903 *r, const char *id, size_t len)
{
    if (!len)
        return S903_NO_CHILD;
    if ((r->nchild + 1) * 2 > r->hcap)
        rehash(r);
    uint32_t hash = hash_bytes(id, len);
    uint32_t *slot = probe(r, id, len, hash);
    if (*slot)
        return *slot - 1;
    if (r->nchild == r->capchild) {
        r->capchild = r->capchild ? r->capchild * 2 : 1024;
        r->child_id = xreallocarray(r->child_id, r->capchild, sizeof(char *));
        r->child_len = xreallocarray(r->child_len, r->capchild, sizeof(uint32_t));
        r->child_hash = xreallocarray(r->child_hash, r->capchild, sizeof(uint32_t));
    }
    r->child_id[r->nchild] = id; /* the return's pool outlives the view */
    r->child_len[r->nchild] = (uint32_t)len;
    r->child_hash[r->nchild] = hash;
    *slot = ++r->nchild;
    return r->nchild - 1;
}

/* ---- dates ---- */

/* 1 or 2 digits, or "ZZ" when `zz` is allowed (*v = -1). */
static bool part(const char *p, size_t n, bool zz, int *v)
{
    if (zz && n == 2 && p[0] == 'Z' && p[1] == 'Z') {
        *v = -1;
        return true;
    }
    if (n < 1 || n > 2)
        return false;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        x = x * 10 + (p[i] - '0');
    }
    *v = x;
    return true;
}

bool s903_scan_date(const char *p, size_t n, bool partial, kdate *out)
{
    const char *s1 = memchr(p, '/', n);
    const char *s2 = s1 ? memchr(s1 + 1, '/', n - (size_t)(s1 + 1 - p)) : NULL;
    if (!s2)
        return false;
    int d, m, y;
    const char *yp = s2 + 1;
    size_t yn = n - (size_t)(yp - p);
    if (!part(p, (size_t)(s1 - p), partial, &d) ||
        !part(s1 + 1, (size_t)(s2 - s1 - 1), partial, &m) || yn != 4)
        return false;
    if (partial && !memcmp(yp, "ZZZZ", 4)) {
        y = 2000; /* an unknown year: the reference tools' stand-in, see differences.md */
    } else {
        y = 0;
        for (int i = 0; i < 4; i++) {
            if (yp[i] < '0' || yp[i] > '9')
                return false;
            y = y * 10 + (yp[i] - '0');
        }
    }
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
        return false;
    if (m == -1)
        m = 12;
    if (d == -1) {
        if (m < 1 || m > 12)
            return false;
        d = date_days_in_month(y, m);
    }
    if (!date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

static int8_t scan_sdq(const char *p, size_t n)
{
    /* "12" or "12.0": the score is a whole number from 0 to 40 */
    if (n > 2 && p[n - 2] == '.' && p[n - 1] == '0')
        n -= 2;
    if (n < 1 || n > 2)
        return -2;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -2;
        v = v * 10 + (p[i] - '0');
    }
    return v <= 40 ? (int8_t)v : -2;
}

/* ---- building ---- */

static void mark_bad(struct s903_tab *t, int col, size_t row)
{
    if (!t->bad[col])
        t->bad[col] = xcalloc(t->n ? t->n : 1, 1);
    t->bad[col][row] = 1;
}

static void fill_col(struct s903 *s, struct s903_year *y, const struct vcol *v)
{
    struct s903_tab *t = tab_of(y, v->t);
    size_t n = t->n;
    void *base = xreallocarray(NULL, n ? n : 1, vsize(v->type));
    *(void **)(void *)((char *)y + v->offset) = base;
    if (!n)
        return;
    const int32_t *val = t->rt->val[v->col];
    const uint32_t *raw = t->rt->raw[v->col];
    const char *pool = t->src->pool.buf;
    switch (v->type) {
    case V_CHILD:
        /* a child's rows follow each other, and a reader that saw the id repeated points
         * them at the same text: then it is the same child, with no lookup */
        for (size_t i = 0; i < n; i++)
            ((uint32_t *)base)[i] = i && raw[i] == raw[i - 1] ? ((uint32_t *)base)[i - 1]
                                    : raw[i] ? intern_child(s, pool + raw[i], strlen(pool + raw[i]))
                                             : S903_NO_CHILD;
        break;
    case V_DATE:
    case V_PDATE:
        for (size_t i = 0; i < n; i++) {
            kdate d = DATE_NONE;
            if (v->type == V_DATE && rdate_has(val[i])) {
                d = val[i];
            } else if (raw[i]) {
                /* not read as a date by the return: perhaps a form the 903 also allows */
                const char *text = pool + raw[i];
                if (!s903_scan_date(text, strlen(text), v->type == V_PDATE, &d)) {
                    d = DATE_NONE;
                    mark_bad(t, v->col, i);
                }
            }
            ((kdate *)base)[i] = d;
        }
        break;
    case V_CODE:
        for (size_t i = 0; i < n; i++) {
            int32_t c = val[i];
            uint8_t u = rcode_has(c) ? (uint8_t)(c + 1) : c == RCODE_BAD ? S903_BAD : 0;
            if (u == S903_BAD)
                mark_bad(t, v->col, i);
            ((uint8_t *)base)[i] = u;
        }
        break;
    case V_TEXT:
        for (size_t i = 0; i < n; i++)
            ((const char **)base)[i] = raw[i] ? pool + raw[i] : NULL;
        break;
    case V_SDQ:
        for (size_t i = 0; i < n; i++) {
            int8_t q = S903_SDQ_NONE;
            if (raw[i]) {
                q = rint_has(val[i]) && val[i] >= 0 && val[i] <= 40
                        ? (int8_t)val[i]
                        : scan_sdq(pool + raw[i], strlen(pool + raw[i]));
                if (q < 0) {
                    q = S903_SDQ_NONE;
                    mark_bad(t, v->col, i);
                }
            }
            ((int8_t *)base)[i] = q;
        }
        break;
    }
}

static void index_table(struct s903 *r, struct s903_tab *t, const uint32_t *child)
{
    t->head = xreallocarray(NULL, r->nchild ? r->nchild : 1, sizeof(int32_t));
    t->next = xreallocarray(NULL, t->n ? t->n : 1, sizeof(int32_t));
    int32_t *tail = xreallocarray(NULL, r->nchild ? r->nchild : 1, sizeof(int32_t));
    for (uint32_t c = 0; c < r->nchild; c++)
        t->head[c] = -1;
    for (size_t i = 0; i < t->n; i++) {
        t->next[i] = -1;
        uint32_t c = child[i];
        if (c == S903_NO_CHILD)
            continue;
        if (t->head[c] < 0)
            t->head[c] = (int32_t)i;
        else
            t->next[tail[c]] = (int32_t)i;
        tail[c] = (int32_t)i;
    }
    free(tail);
}

struct ep_key {
    uint32_t child;
    kdate decom, dec; /* DATE_NONE sorts after every date */
    uint32_t row;
};

static int cmp_date(kdate a, kdate b)
{
    if (a == b)
        return 0;
    if (a == DATE_NONE)
        return 1;
    if (b == DATE_NONE)
        return -1;
    return a < b ? -1 : 1;
}

static int cmp_key(const void *a, const void *b)
{
    const struct ep_key *x = a, *y = b;
    if (x->child != y->child)
        return x->child < y->child ? -1 : 1;
    int c = cmp_date(x->decom, y->decom);
    if (!c)
        c = cmp_date(x->dec, y->dec);
    if (c)
        return c;
    return x->row < y->row ? -1 : (x->row > y->row);
}

/* Dates then row, within one child's episodes (see cmp_key). */
static bool ep_before(const struct ep_key *x, const struct ep_key *y)
{
    int c = cmp_date(x->decom, y->decom);
    if (!c)
        c = cmp_date(x->dec, y->dec);
    return c ? c < 0 : x->row < y->row;
}

/* Episodes in (child, DECOM, DEC, row) order. Children are small dense numbers, so the rows
 * are first dealt out by child in one pass (a counting sort, which keeps file order within a
 * child); then each child's handful of episodes, nearly always in date order already, is put
 * in order by insertion, with qsort only for a long run (the rows with no CHILD at all). The
 * order is total, so this is the order any sort by cmp_key gives. */
static void order_episodes(const struct s903 *s, struct s903_episodes *e)
{
    size_t n = e->t.n, nb = (size_t)s->nchild + 1; /* the last bucket: no child */
    size_t *at = xcalloc(nb + 1, sizeof(size_t));
    for (size_t i = 0; i < n; i++)
        at[(e->child[i] == S903_NO_CHILD ? s->nchild : e->child[i]) + 1]++;
    for (size_t b = 1; b <= nb; b++)
        at[b] += at[b - 1];
    struct ep_key *k = xreallocarray(NULL, n ? n : 1, sizeof(*k));
    for (size_t i = 0; i < n; i++) {
        uint32_t c = e->child[i];
        k[at[c == S903_NO_CHILD ? s->nchild : c]++] =
            (struct ep_key){c, e->decom[i], e->dec[i], (uint32_t)i};
    }
    /* at[b] is now where bucket b ends */
    for (size_t b = 0, from = 0; b < nb; from = at[b++]) {
        size_t len = at[b] - from;
        if (len > 32) {
            qsort(k + from, len, sizeof(*k), cmp_key);
            continue;
        }
        for (size_t i = from + 1; i < at[b]; i++) {
            struct ep_key x = k[i];
            size_t j = i;
            for (; j > from && ep_before(&x, &k[j - 1]); j--)
                k[j] = k[j - 1];
            k[j] = x;
        }
    }
    free(at);
    e->order = xreallocarray(NULL, n ? n : 1, sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        e->order[i] = k[i].row;
    free(k);
}

/* Looked after continuously for at least 12 months at 31 March, as the DfE defines it: in
 * care at some time in the year, and no episode that starts a period of care in the year,
 * ends one before 31 March, or is a short break. */
static void continuously_looked_after(struct s903 *r, struct s903_year *y)
{
    const struct s903_episodes *e = &y->ep;
    y->cla = xcalloc(r->nchild ? r->nchild : 1, 1);
    uint8_t *broken = xcalloc(r->nchild ? r->nchild : 1, 1);
    int S = code_index(CS_903_NEW_EPISODE_REASON, "S", 1) + 1;
    int X1 = code_index(CS_903_REASON_CEASED, "X1", 2) + 1;
    int V3 = code_index(CS_903_LEGAL_STATUS, "V3", 2) + 1;
    int V4 = code_index(CS_903_LEGAL_STATUS, "V4", 2) + 1;
    for (size_t i = 0; i < e->t.n; i++) {
        uint32_t c = e->child[i];
        if (c == S903_NO_CHILD)
            continue;
        kdate decom = e->decom[i], dec = e->dec[i];
        bool during = d_le(decom, r->end) && (dec == DATE_NONE || dec >= r->start);
        bool enters = e->rne[i] == S && d_gt(decom, r->start) && d_le(decom, r->end);
        bool leaves = e->rec[i] != X1 && d_ge(dec, r->start) && d_lt(dec, r->end);
        bool short_break = (e->ls[i] == V3 || e->ls[i] == V4) && during;
        if (during)
            y->cla[c] |= 1;
        if (enters || leaves || short_break)
            broken[c] = 1;
    }
    for (uint32_t c = 0; c < r->nchild; c++)
        y->cla[c] = y->cla[c] && !broken[c];
    free(broken);
}

static void load_year(struct s903_year *y, const struct ret *r)
{
    for (int t = 0; t < T903_COUNT; t++) {
        struct s903_tab *tab = tab_of(y, (enum t903)t);
        tab->src = r;
        tab->rt = r ? &r->tables[t] : NULL;
        tab->n = r ? (size_t)r->tables[t].nrows : 0;
        tab->present = tab->n > 0;
    }
    y->present = r != NULL;
    y->from_xml = r && r->source == RET_FROM_XML;
}

static const uint32_t *child_col(struct s903_year *y, enum t903 t)
{
    /* every table's child array is the first member after its s903_tab */
    return *(uint32_t **)(void *)((char *)tab_of(y, t) + sizeof(struct s903_tab));
}

/* The header's UASC flag is known when the XML gave it, or a CSV reader derived it (every
 * header row then has 0 or 1). */
static void uasc_known(struct s903_year *y)
{
    const struct s903_header *h = &y->header;
    bool any = false;
    for (size_t i = 0; i < h->t.n; i++)
        any |= h->uasc[i] != 0;
    y->uasc_known = y->from_xml || any;
}

/* The parts of the view built after the cells (each reads only the cells and the child
 * dictionary, and writes only its own arrays). */
enum finish_part { FP_EPISODE_ORDER, FP_CONTINUOUS, FP_DERIVED, FP_INDEX };

static void finish_part(struct s903 *s, struct s903_year *y, int part)
{
    switch (part) {
    case FP_EPISODE_ORDER:
        order_episodes(s, &y->ep);
        break;
    case FP_CONTINUOUS:
        continuously_looked_after(s, y);
        break;
    case FP_DERIVED: {
        uasc_known(y);
        size_t n = y->ep.t.n ? y->ep.t.n : 1;
        y->ep.pl_la = xcalloc(n, sizeof(char *));
        y->ep.pl_location = xcalloc(n, 1);
        y->ep.pl_distance = xreallocarray(NULL, n, sizeof(float));
        for (size_t i = 0; i < y->ep.t.n; i++)
            y->ep.pl_distance[i] = NAN;
        break;
    }
    default: { /* FP_INDEX + t: table t's rows by child */
        enum t903 t = (enum t903)(part - FP_INDEX);
        index_table(s, tab_of(y, t), child_col(y, t));
    }
    }
}

/* The placement's local authority, whether it is the return's own, and its distance from
 * home, from the postcodes (the DfE's derivation: upper-tier LA of the placement postcode,
 * or WAL, SCO, NIR outside England; straight-line miles between the two postcodes' grid
 * references, to one decimal place). */
static void geo_year(struct s903 *s, struct s903_year *y, const struct postcode_geo *geo)
{
    struct s903_episodes *e = &y->ep;
    static const struct {
        char letter;
        const char *code;
    } nations[] = {{'S', "SCO"}, {'N', "NIR"}, {'W', "WAL"}};
    for (size_t i = 0; i < e->t.n; i++) {
        const struct postcode_place *pl = postcode_geo_find(geo, e->pl_post[i]);
        const struct postcode_place *home = postcode_geo_find(geo, e->home_post[i]);
        if (pl && pl->laua[0]) {
            const char *la = pl->utla[0] ? pl->utla : NULL;
            e->pl_location[i] = la && !strcmp(la, s->la) ? 1 : 2;
            for (size_t k = 0; k < sizeof(nations) / sizeof(nations[0]); k++)
                if (pl->laua[0] == nations[k].letter) {
                    la = nations[k].code;
                    e->pl_location[i] = 2;
                }
            e->pl_la[i] = la;
        }
        if (pl && home && pl->east != INT32_MIN && home->east != INT32_MIN) {
            double de = (double)pl->east - home->east, dn = (double)pl->north - home->north;
            double miles = sqrt(de * de + dn * dn) / 1000.0 / 1.6093;
            e->pl_distance[i] = (float)(round(miles * 10.0) / 10.0);
        }
    }
}

/* Building the view in two threads when the return is large. The cells come first: every
 * CHILD column goes into the one dictionary in a single task (so that children are numbered
 * in the same order however the work is shared), and each other column is a task of its own.
 * Then the parts that need the dictionary complete (finish_part), again a task each. */
#define PARALLEL_ROWS 20000
#define NVCOLS (int)(sizeof(vcols) / sizeof(vcols[0]))
#define NPARTS (FP_INDEX + T903_COUNT)

static struct s903_year *year_of(struct s903 *s, int k) { return k ? &s->last : &s->cur; }

static void fill_children(struct s903 *s)
{
    for (int k = 0; k < 2; k++)
        for (int c = 0; c < NVCOLS; c++)
            if (vcols[c].type == V_CHILD)
                fill_col(s, year_of(s, k), &vcols[c]);
}

/* Task 0: every CHILD column; task 1 + k * NVCOLS + c: column c of year k. */
static void cells_task(void *ctx, int task, int worker)
{
    (void)worker;
    struct s903 *s = ctx;
    if (!task--) {
        fill_children(s);
        return;
    }
    const struct vcol *v = &vcols[task % NVCOLS];
    if (v->type != V_CHILD)
        fill_col(s, year_of(s, task / NVCOLS), v);
}

static void finish_task(void *ctx, int task, int worker)
{
    (void)worker;
    struct s903 *s = ctx;
    finish_part(s, year_of(s, task / NPARTS), task % NPARTS);
}

struct s903 *s903_build(const struct ret *cur, const struct ret *last, const char *la,
                        const struct postcode_geo *geo)
{
    struct s903 *s = xcalloc(1, sizeof(*s));
    arena_init(&s->arena, 0);
    s->year = cur->year;
    /* The period is the year asked, kept by the reader; `year` is the rule set's, which
     * for a year before the first set is the first set's (ruleset_for): judging 1989/90's
     * dates against 2022/23 would flag every one of them. */
    bool period = cur->period_start != DATE_NONE && cur->period_end != DATE_NONE;
    s->start = period ? cur->period_start : date_from_ymd(cur->year - 1, 4, 1);
    s->end = period ? cur->period_end : date_from_ymd(cur->year, 3, 31);
    s->la = la ? la : "";
    for (int cs = 0; cs < CODESET_COUNT; cs++) /* stored codes are 1 to 254 (S903_BAD) */
        for (int i = 0; i < codeset_get((enum codeset_id)cs)->n && i < 254; i++)
            if (code_index_valid((enum codeset_id)cs, i, s->year))
                s->valid[cs][i >> 6] |= UINT64_C(1) << (i & 63);
    load_year(&s->cur, cur);
    load_year(&s->last, last);
    long rows = 0;
    for (int t = 0; t < T903_COUNT; t++)
        rows += (long)(tab_of(&s->cur, (enum t903)t)->n + tab_of(&s->last, (enum t903)t)->n);
    int workers = par_workers(rows >= PARALLEL_ROWS);
    par_run(1 + 2 * NVCOLS, workers, cells_task, s);
    par_run(2 * NPARTS, workers, finish_task, s);
    if (geo) {
        s->geo = true;
        geo_year(s, &s->cur, geo);
        geo_year(s, &s->last, geo);
    }
    return s;
}

static void free_year(struct s903_year *y)
{
    for (size_t k = 0; k < sizeof(vcols) / sizeof(vcols[0]); k++)
        free(*(void **)(void *)((char *)y + vcols[k].offset));
    for (int t = 0; t < T903_COUNT; t++) {
        struct s903_tab *tab = tab_of(y, (enum t903)t);
        for (int c = 0; c < S903_MAXCOL; c++)
            free(tab->bad[c]);
        free(tab->head);
        free(tab->next);
    }
    free(y->ep.pl_la);
    free(y->ep.pl_location);
    free(y->ep.pl_distance);
    free(y->ep.order);
    free(y->cla);
}

void s903_free(struct s903 *s)
{
    if (!s)
        return;
    free_year(&s->cur);
    free_year(&s->last);
    free(s->child_id);
    free(s->child_len);
    free(s->child_hash);
    free(s->hash);
    arena_release(&s->arena);
    free(s);
}
