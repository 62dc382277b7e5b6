/*
 * The CIN census XML reader (see cin_read.h). One table maps (enclosing element, element
 * name) to what the element is: a container that opens a row of a module, a field of the
 * current row, or both at once (a Disability, an assessment factor, a review date). The
 * walk keeps one context per depth, so unknown elements and everything inside them are
 * skipped without a special case, and the memory used is the tables being filled.
 */
#include "report/cin_read.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#include "domain/ret/cin.h"
#include "report/xml_read.h"

enum ctx {
    X_TOP,
    X_MESSAGE,
    X_HEADER,
    X_COLLECTION,
    X_SOURCE,
    X_CHILDREN,
    X_CHILD,
    X_IDS,
    X_CHARS,
    X_DISABILITIES,
    X_DETAILS,
    X_ASSESSMENT,
    X_FACTORS,
    X_PLAN,
    X_S47,
    X_CPP,
    X_REVIEWS,
    X_PREPROC,
    X_FIELD,     /* a field of the current row of `table` */
    X_ROW_FIELD, /* opens a row of `table` and is its field `col` */
    X_SKIP,
};

struct elem {
    const char *name;
    enum ctx parent, ctx;
    int table, col;
};

#define F(parent, name, table, col)                                                                \
    {                                                                                              \
        name, parent, X_FIELD, table, col                                                          \
    }

static const struct elem elems[] = {
    {"Message", X_TOP, X_MESSAGE, 0, 0},
    {"Header", X_MESSAGE, X_HEADER, 0, 0},
    {"CollectionDetails", X_HEADER, X_COLLECTION, 0, 0},
    F(X_COLLECTION, "Collection", CIN_HEADER, HD_COLLECTION),
    F(X_COLLECTION, "Year", CIN_HEADER, HD_YEAR),
    F(X_COLLECTION, "ReferenceDate", CIN_HEADER, HD_REFERENCE_DATE),
    {"Source", X_HEADER, X_SOURCE, 0, 0},
    F(X_SOURCE, "SourceLevel", CIN_HEADER, HD_SOURCE_LEVEL),
    F(X_SOURCE, "LEA", CIN_HEADER, HD_LEA),
    F(X_SOURCE, "SoftwareCode", CIN_HEADER, HD_SOFTWARE_CODE),
    F(X_SOURCE, "Release", CIN_HEADER, HD_RELEASE),
    F(X_SOURCE, "SerialNo", CIN_HEADER, HD_SERIAL_NO),
    F(X_SOURCE, "DateTime", CIN_HEADER, HD_DATE_TIME),
    {"Children", X_MESSAGE, X_CHILDREN, 0, 0},
    {"Child", X_CHILDREN, X_CHILD, 0, 0},
    {"ChildIdentifiers", X_CHILD, X_IDS, 0, 0},
    F(X_IDS, "LAchildID", CIN_CHILD, CH_LA_CHILD_ID),
    F(X_IDS, "UPN", CIN_CHILD, CH_UPN),
    F(X_IDS, "FormerUPN", CIN_CHILD, CH_FORMER_UPN),
    F(X_IDS, "UPNunknown", CIN_CHILD, CH_UPN_UNKNOWN),
    F(X_IDS, "PersonBirthDate", CIN_CHILD, CH_BIRTH),
    F(X_IDS, "ExpectedPersonBirthDate", CIN_CHILD, CH_EXPECTED_BIRTH),
    F(X_IDS, "GenderCurrent", CIN_CHILD, CH_GENDER),
    F(X_IDS, "Sex", CIN_CHILD, CH_SEX),
    F(X_IDS, "PersonDeathDate", CIN_CHILD, CH_DEATH),
    {"ChildCharacteristics", X_CHILD, X_CHARS, 0, 0},
    F(X_CHARS, "Ethnicity", CIN_CHARACTERISTICS, CC_ETHNICITY),
    {"Disabilities", X_CHARS, X_DISABILITIES, 0, 0},
    {"Disability", X_DISABILITIES, X_ROW_FIELD, CIN_DISABILITY, DI_DISABILITY},
    {"CINdetails", X_CHILD, X_DETAILS, CIN_DETAILS, 0},
    F(X_DETAILS, "CINreferralDate", CIN_DETAILS, CD_REFERRAL),
    F(X_DETAILS, "ReferralSource", CIN_DETAILS, CD_SOURCE),
    F(X_DETAILS, "PrimaryNeedCode", CIN_DETAILS, CD_NEED),
    F(X_DETAILS, "CINclosureDate", CIN_DETAILS, CD_CLOSURE),
    F(X_DETAILS, "ReasonForClosure", CIN_DETAILS, CD_CLOSURE_REASON),
    F(X_DETAILS, "DateOfInitialCPC", CIN_DETAILS, CD_ICPC),
    F(X_DETAILS, "ReferralNFA", CIN_DETAILS, CD_NFA),
    {"Assessments", X_DETAILS, X_ASSESSMENT, CIN_ASSESSMENT, 0},
    F(X_ASSESSMENT, "AssessmentActualStartDate", CIN_ASSESSMENT, AS_START),
    F(X_ASSESSMENT, "AssessmentInternalReviewDate", CIN_ASSESSMENT, AS_REVIEW),
    F(X_ASSESSMENT, "AssessmentAuthorisationDate", CIN_ASSESSMENT, AS_AUTHORISED),
    {"FactorsIdentifiedAtAssessment", X_ASSESSMENT, X_FACTORS, 0, 0},
    {"AssessmentFactors", X_FACTORS, X_ROW_FIELD, CIN_FACTOR, AF_FACTOR},
    {"CINPlanDates", X_DETAILS, X_PLAN, CIN_PLAN, 0},
    F(X_PLAN, "CINPlanStartDate", CIN_PLAN, PL_START),
    F(X_PLAN, "CINPlanEndDate", CIN_PLAN, PL_END),
    {"Section47", X_DETAILS, X_S47, CIN_S47, 0},
    F(X_S47, "S47ActualStartDate", CIN_S47, S47_START),
    F(X_S47, "InitialCPCtarget", CIN_S47, S47_ICPC_TARGET),
    F(X_S47, "DateOfInitialCPC", CIN_S47, S47_ICPC),
    F(X_S47, "ICPCnotRequired", CIN_S47, S47_ICPC_NOT_REQUIRED),
    {"ChildProtectionPlans", X_DETAILS, X_CPP, CIN_CPP, 0},
    F(X_CPP, "CPPstartDate", CIN_CPP, CPP_START),
    F(X_CPP, "CPPendDate", CIN_CPP, CPP_END),
    F(X_CPP, "InitialCategoryOfAbuse", CIN_CPP, CPP_INITIAL_CATEGORY),
    F(X_CPP, "LatestCategoryOfAbuse", CIN_CPP, CPP_LATEST_CATEGORY),
    F(X_CPP, "NumberOfPreviousCPP", CIN_CPP, CPP_PREVIOUS),
    {"Reviews", X_CPP, X_REVIEWS, 0, 0},
    {"CPPreviewDate", X_REVIEWS, X_ROW_FIELD, CIN_REVIEW, RV_DATE},
    {"PreProceedingsandFGDM", X_DETAILS, X_PREPROC, CIN_PREPROC, 0},
    F(X_PREPROC, "PPStartDate", CIN_PREPROC, PP_START),
    F(X_PREPROC, "LBPSentDate", CIN_PREPROC, PP_LBP_SENT),
    F(X_PREPROC, "FGDMMeetingOffer", CIN_PREPROC, PP_FGDM_OFFER),
    F(X_PREPROC, "FGDMMeetingFac", CIN_PREPROC, PP_FGDM_FAC),
    F(X_PREPROC, "InitialPPMeetingDate", CIN_PREPROC, PP_INITIAL_MEETING),
    F(X_PREPROC, "ReviewMeetingsCount", CIN_PREPROC, PP_REVIEW_COUNT),
    F(X_PREPROC, "StepDecisionDate", CIN_PREPROC, PP_DECISION),
    F(X_PREPROC, "PPOutcome", CIN_PREPROC, PP_OUTCOME),
    F(X_PREPROC, "CourtAppDate", CIN_PREPROC, PP_COURT_APP),
    F(X_PREPROC, "LetterInitCPDate", CIN_PREPROC, PP_LETTER_INIT_CP),
};

/* The column of each module that refers to the enclosing row, and the module it is in. */
static const struct {
    int col, parent;
} parent_of[CIN_NTABLES] = {
    [CIN_HEADER] = {-1, -1},
    [CIN_CHILD] = {-1, -1},
    [CIN_CHARACTERISTICS] = {CC_CHILD, CIN_CHILD},
    [CIN_DISABILITY] = {DI_CHILD, CIN_CHILD},
    [CIN_DETAILS] = {CD_CHILD, CIN_CHILD},
    [CIN_ASSESSMENT] = {AS_DETAILS, CIN_DETAILS},
    [CIN_FACTOR] = {AF_ASSESSMENT, CIN_ASSESSMENT},
    [CIN_PLAN] = {PL_DETAILS, CIN_DETAILS},
    [CIN_S47] = {S47_DETAILS, CIN_DETAILS},
    [CIN_CPP] = {CPP_DETAILS, CIN_DETAILS},
    [CIN_REVIEW] = {RV_CPP, CIN_CPP},
    [CIN_PREPROC] = {PP_DETAILS, CIN_DETAILS},
};

struct walk {
    struct ret *r;
    struct xml_read *x;
    const struct cin_read_opts *o;
    enum ctx stack[XML_DEPTH_MAX + 1];
    int32_t cur[CIN_NTABLES];   /* the current row of each module, -1 before the first */
    uint64_t seen[CIN_NTABLES]; /* fields already set in that row (the first one is kept) */
    int32_t child_first[CIN_NTABLES];
    int reviews_in_block; /* dates seen in the current <Reviews> */
    /* The field being read. */
    int ftable, fcol, fdepth, fline, fcolumn;
    char text[XML_TEXT_MAX + 1];
    size_t len;
    int warnings;
    /* (enclosing context, element name) -> what it is. The XML reader gives each name as one
     * interned string, so the pointer is the key and most elements cost no string compare. */
    struct {
        enum ctx parent;
        const char *name;
        const struct elem *el;
    } cache[256];
};

static const struct elem *find_elem(enum ctx parent, const char *name)
{
    for (size_t i = 0; i < sizeof(elems) / sizeof(elems[0]); i++)
        if (elems[i].parent == parent && !strcmp(elems[i].name, name))
            return &elems[i];
    return NULL;
}

static const struct elem *lookup(struct walk *w, enum ctx parent, const char *name)
{
    size_t h = (((uintptr_t)name >> 3) * 31u + (size_t)parent) & 255u;
    if (w->cache[h].name == name && w->cache[h].parent == parent)
        return w->cache[h].el;
    const struct elem *el = find_elem(parent, name);
    w->cache[h].parent = parent;
    w->cache[h].name = name;
    w->cache[h].el = el;
    return el;
}

static int32_t open_row(struct walk *w, int t)
{
    struct ret *r = w->r;
    int32_t row = ret_add_row(r, t, xml_read_line(w->x));
    if (parent_of[t].col >= 0 && w->cur[parent_of[t].parent] >= 0)
        ret_set_value(r, t, row, parent_of[t].col, w->cur[parent_of[t].parent]);
    w->cur[t] = row;
    w->seen[t] = 0;
    return row;
}

static void warn(struct walk *w, const char *col, const char *text)
{
    int max = w->o && w->o->max_warnings ? w->o->max_warnings : 20;
    if (!w->o || !w->o->warn)
        return;
    if (++w->warnings <= max)
        fprintf(w->o->warn,
                "kith: %s line %d: %s '%s' is not a date (YYYY-MM-DD, years 1800 to 2200); "
                "read as missing\n",
                xml_read_source(w->x), w->fline, col, text);
}

static void end_field(struct walk *w)
{
    struct ret *r = w->r;
    int t = w->ftable, c = w->fcol;
    int32_t row = w->cur[t];
    if (row < 0 || (w->seen[t] & (UINT64_C(1) << c)))
        return;
    w->seen[t] |= UINT64_C(1) << c;
    /* Schema types collapse surrounding white space; so does the DfE's check. */
    char *s = w->text;
    size_t n = w->len;
    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    ret_set(r, t, row, c, s, n);
    if (r->tables[t].val[c][row] == RDATE_BAD && r->tables[t].def->cols[c].type == RCOL_DATE) {
        s[n] = '\0';
        warn(w, r->tables[t].def->cols[c].name, s);
    }
}

static void start_child(struct walk *w)
{
    for (int t = 0; t < CIN_NTABLES; t++)
        w->child_first[t] = w->r->tables[t].nrows;
    open_row(w, CIN_CHILD);
    open_row(w, CIN_CHARACTERISTICS);
}

/* Every module names the child: copy the LAchildID into each row the child gave. */
static void end_child(struct walk *w)
{
    struct ret *r = w->r;
    int32_t crow = w->cur[CIN_CHILD];
    uint32_t id = r->tables[CIN_CHILD].raw[CH_LA_CHILD_ID][crow];
    for (int t = CIN_CHARACTERISTICS; t < CIN_NTABLES; t++)
        for (int32_t row = w->child_first[t]; row < r->tables[t].nrows; row++)
            ret_set_interned(r, t, row, 0, id);
}

/* A string of the factors of the assessment that just closed, for reports. */
static void end_assessment(struct walk *w)
{
    struct ret *r = w->r;
    int32_t a = w->cur[CIN_ASSESSMENT];
    const struct rtable *f = &r->tables[CIN_FACTOR];
    char buf[512];
    size_t n = 0;
    for (int32_t i = f->nrows - 1; i >= 0 && f->val[AF_ASSESSMENT][i] == a; i--) {
        const char *code = ret_str(r, f->raw[AF_FACTOR][i]);
        size_t k = strlen(code);
        if (n + k + 2 >= sizeof(buf))
            break;
        memmove(buf + k + (n ? 1 : 0), buf, n);
        /* not NUL-terminated on purpose: ret_set takes the length */
        memcpy(buf, code, k); // NOLINT(bugprone-not-null-terminated-result)
        if (n)
            buf[k] = ',';
        n += k + (n ? 1 : 0);
    }
    if (n)
        ret_set(r, CIN_ASSESSMENT, a, AS_FACTORS, buf, n);
}

static enum kerr_code on_start(struct walk *w, struct kerr *e)
{
    int depth = xml_read_depth(w->x);
    enum ctx parent = depth > 0 ? w->stack[depth - 1] : X_TOP;
    const char *name = xml_read_name(w->x);
    const struct elem *el = NULL;
    if (parent != X_SKIP && parent != X_FIELD && parent != X_ROW_FIELD)
        el = lookup(w, parent, name);
    if (depth == 0 && !el) {
        kerr_fail(e, KITH_E_PARSE, NULL,
                  "not a CIN census: the document is <%s>, a census is <Message>", name);
        return kerr_at(e, "%s line %d", xml_read_source(w->x), xml_read_line(w->x));
    }
    enum ctx ctx = el ? el->ctx : X_SKIP;
    w->stack[depth] = ctx;
    switch (ctx) {
    case X_HEADER:
        if (w->cur[CIN_HEADER] < 0)
            open_row(w, CIN_HEADER);
        else
            w->stack[depth] = X_SKIP; /* a second header is not read */
        break;
    case X_CHILD:
        start_child(w);
        break;
    case X_DETAILS:
    case X_ASSESSMENT:
    case X_PLAN:
    case X_S47:
    case X_CPP:
    case X_PREPROC:
        open_row(w, el->table);
        break;
    case X_REVIEWS:
        w->reviews_in_block = 0;
        break;
    case X_ROW_FIELD:
    case X_FIELD:
        if (ctx == X_ROW_FIELD) {
            open_row(w, el->table);
            if (el->table == CIN_REVIEW)
                w->reviews_in_block++;
        }
        w->ftable = el->table;
        w->fcol = el->col;
        w->fdepth = depth;
        w->fline = xml_read_line(w->x);
        w->fcolumn = xml_read_column(w->x);
        w->len = 0;
        break;
    default:
        break;
    }
    return KITH_OK;
}

static void on_end(struct walk *w)
{
    int depth = xml_read_depth(w->x);
    switch (w->stack[depth]) {
    case X_FIELD:
    case X_ROW_FIELD:
        end_field(w);
        break;
    case X_CHILD:
        end_child(w);
        break;
    case X_ASSESSMENT:
        end_assessment(w);
        break;
    case X_REVIEWS:
        /* A <Reviews> with no date is a review record with its date missing (8842Q). */
        if (!w->reviews_in_block && w->cur[CIN_CPP] >= 0)
            open_row(w, CIN_REVIEW);
        break;
    default:
        break;
    }
}

static enum kerr_code walk(struct walk *w, struct kerr *e)
{
    for (int t = 0; t < CIN_NTABLES; t++)
        w->cur[t] = -1;
    bool root = false;
    for (;;) {
        enum xml_event ev = xml_read_next(w->x, e);
        switch (ev) {
        case XR_START:
            if (on_start(w, e))
                return e->code;
            root = true;
            break;
        case XR_TEXT: {
            int depth = xml_read_depth(w->x) - 1;
            if (depth < 0 || (w->stack[depth] != X_FIELD && w->stack[depth] != X_ROW_FIELD))
                break;
            size_t n;
            const char *s = xml_read_text(w->x, &n);
            if (w->len + n > XML_TEXT_MAX) {
                kerr_fail(e, KITH_E_PARSE, NULL, "a value is longer than any field of a return");
                return kerr_at(e, "%s line %d column %d", xml_read_source(w->x), w->fline,
                               w->fcolumn);
            }
            memcpy(w->text + w->len, s, n);
            w->len += n;
            w->text[w->len] = '\0';
            break;
        }
        case XR_END:
            on_end(w);
            break;
        case XR_EOF:
            if (!root) {
                kerr_fail(e, KITH_E_PARSE, NULL, "the file is empty: no XML elements in it");
                return kerr_at(e, "%s", xml_read_source(w->x));
            }
            if (w->warnings > (w->o && w->o->max_warnings ? w->o->max_warnings : 20))
                fprintf(w->o->warn, "kith: %s: %d more values were not dates\n",
                        xml_read_source(w->x),
                        w->warnings - (w->o->max_warnings ? w->o->max_warnings : 20));
            return KITH_OK;
        case XR_ERROR:
            return e->code;
        }
    }
}

enum kerr_code cin_read_file(struct ret *r, const char *path, const char *name,
                             const struct cin_read_opts *o, struct kerr *e)
{
    struct walk *w = xcalloc(1, sizeof(*w));
    w->r = r;
    w->o = o;
    enum kerr_code rc = xml_read_open(&w->x, path, name, o ? o->max_bytes : 0, e);
    if (!rc)
        rc = walk(w, e);
    xml_read_close(w->x);
    free(w);
    return rc;
}

enum kerr_code cin_read_memory(struct ret *r, const char *data, size_t len, const char *name,
                               const struct cin_read_opts *o, struct kerr *e)
{
    struct walk *w = xcalloc(1, sizeof(*w));
    w->r = r;
    w->o = o;
    enum kerr_code rc = xml_read_memory(&w->x, data, len, name, e);
    if (!rc)
        rc = walk(w, e);
    xml_read_close(w->x);
    free(w);
    return rc;
}
