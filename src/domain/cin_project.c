/*
 * The projection of a child's help-and-protection records into the CIN census tables
 * (cin_project.h): which records fall in the year, which episode each belongs to, and the
 * few census items that are derived rather than typed (the ICPC target, the ICPC date of
 * an enquiry, the number of previous plans, the reviews of a plan). The census's data
 * items and their sources are listed once, in cin_item_sources[], which the tests hold
 * the projection to.
 */
#include "domain/cin_project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workday.h"
#include "core/xalloc.h"

/* The enquiry's target for its initial conference: 15 working days after the strategy
 * discussion that started it (Working Together 2023; CIN InitialCPCtarget N00109). */
#define ICPC_TARGET_WORKING_DAYS 15

#define FIELD(it, mod, ty, fl)                                                                     \
    {                                                                                              \
        it, mod, CIN_FROM_FIELD, ty, fl, NULL                                                      \
    }
#define DERIVED(it, mod, how)                                                                      \
    {                                                                                              \
        it, mod, CIN_FROM_DERIVED, NULL, NULL, how                                                 \
    }
/* A derived item whose value is a record's date as typed, chosen by the rule `how` says
 * (an enquiry's DateOfInitialCPC is its conference's day): `ty`.`fl` names that field, so
 * a finding on the item can name the record it came from. */
#define DERIVED_FROM(it, mod, ty, fl, how)                                                         \
    {                                                                                              \
        it, mod, CIN_FROM_DERIVED, ty, fl, how                                                     \
    }
#define HEADER(it, how)                                                                            \
    {                                                                                              \
        it, "Header", CIN_FROM_HEADER, NULL, NULL, how                                             \
    }
#define NONE(it, mod, why)                                                                         \
    {                                                                                              \
        it, mod, CIN_FROM_NONE, NULL, NULL, why                                                    \
    }

/* clang-format off */
const struct cin_item_source cin_item_sources[] = {
    HEADER("Collection", "always CIN"),
    HEADER("Year", "the collection year asked for (--year), else the current one"),
    HEADER("ReferenceDate", "31 March of the collection year"),
    HEADER("SourceLevel", "always L (a local authority's return)"),
    HEADER("LEA", "the council's setting la-code (kith settings set la-code NNN)"),
    HEADER("SoftwareCode", "kith"),
    HEADER("Release", "kith's version"),
    HEADER("SerialNo", "the run's number among the year's projections of the live records, "
           "counted by the store (setting cin-serial-YEAR), as successive submissions are"),
    HEADER("DateTime", "when the projection was made"),
    FIELD("LAchildID", "ChildIdentifiers", "person", "la_child_id"),
    FIELD("UPN", "ChildIdentifiers", "person", "upn"),
    FIELD("FormerUPN", "ChildIdentifiers", "person", "former_upn"),
    FIELD("UPNunknown", "ChildIdentifiers", "person", "upn_unknown"),
    FIELD("PersonBirthDate", "ChildIdentifiers", "person", "dob"),
    FIELD("ExpectedPersonBirthDate", "ChildIdentifiers", "person", "expected_dob"),
    DERIVED("GenderCurrent", "ChildIdentifiers",
            "person.sex for years to 2023/24: M as 1, F as 2, U as 0"),
    FIELD("Sex", "ChildIdentifiers", "person", "sex"),
    FIELD("PersonDeathDate", "ChildIdentifiers", "person", "death"),
    FIELD("Ethnicity", "ChildCharacteristics", "person", "ethnicity"),
    FIELD("Disability", "Disabilities", "person", "disabilities"),
    FIELD("CINreferralDate", "CINdetails", "referral", "referral_date"),
    FIELD("ReferralSource", "CINdetails", "referral", "source"),
    FIELD("PrimaryNeedCode", "CINdetails", "referral", "primary_need"),
    FIELD("CINclosureDate", "CINdetails", "referral", "closure_date"),
    FIELD("ReasonForClosure", "CINdetails", "referral", "closure_reason"),
    DERIVED_FROM("DateOfInitialCPC", "CINdetails", "conference", "conference_date",
            "conference.conference_date of an initial conference in the episode that no section "
            "47 enquiry of the episode led to"),
    FIELD("ReferralNFA", "CINdetails", "referral", "nfa"),
    FIELD("AssessmentActualStartDate", "Assessments", "assessment", "start_date"),
    /* The census takes the authorisation as the assessment's completion (N00160); the
     * internal review is the step before it, when the social worker has finished and the
     * manager reviews. The specification kith follows does not define it further, so this
     * reading is kith's (docs/returns); no rule reads the item. */
    FIELD("AssessmentInternalReviewDate", "Assessments", "assessment", "completed_date"),
    FIELD("AssessmentAuthorisationDate", "Assessments", "assessment", "authorised_date"),
    FIELD("AssessmentFactors", "AssessmentFactorsList", "assessment", "factors"),
    FIELD("CINPlanStartDate", "CINplanDates", "cin_plan", "start_date"),
    FIELD("CINPlanEndDate", "CINplanDates", "cin_plan", "end_date"),
    FIELD("S47ActualStartDate", "Section47", "s47_enquiry", "start_date"),
    DERIVED("InitialCPCtarget", "Section47",
            "15 working days after strategy_discussion.discussion_date of the latest discussion "
            "that decided on an enquiry, on or before its start (else after the enquiry's start)"),
    DERIVED_FROM("DateOfInitialCPC", "Section47", "conference", "conference_date",
            "conference.conference_date of the first initial conference of the episode on or "
            "after the enquiry's start and before the next enquiry's"),
    FIELD("ICPCnotRequired", "Section47", "s47_enquiry", "icpc_not_required"),
    FIELD("CPPstartDate", "ChildProtectionPlans", "cp_plan", "start_date"),
    FIELD("CPPendDate", "ChildProtectionPlans", "cp_plan", "end_date"),
    FIELD("InitialCategoryOfAbuse", "ChildProtectionPlans", "cp_plan", "initial_category"),
    FIELD("LatestCategoryOfAbuse", "ChildProtectionPlans", "cp_plan", "latest_category"),
    DERIVED("NumberOfPreviousCPP", "ChildProtectionPlans",
            "the child's cp_plan records that started before this one"),
    DERIVED_FROM("CPPreviewDate", "Reviews", "conference", "conference_date",
            "conference.conference_date of each review conference held during the plan"),
    /* 2026/27: the module the census adds for the Children's Wellbeing and Schools Act
     * 2026 s.1, one row per pre-proceedings. Its rules were in draft: the engine reads and
     * projects it, and no rule reads it yet. "Its span" below: from the pre-proceedings'
     * start to the next one's (or on). */
    FIELD("PPStartDate", "PreProceedingsandFGDM", "pre_proceedings", "start_date"),
    DERIVED_FROM("LBPSentDate", "PreProceedingsandFGDM",
                 "letter_before_proceedings", "letter_date",
            "letter_before_proceedings.letter_date of the first letter of kind "
            "before-proceedings in its span"),
    DERIVED("FGDMMeetingOffer", "PreProceedingsandFGDM",
            "1 when a fgdm_offer to a person with parental responsibility was made in the "
            "episode before the span ends, else 0"),
    DERIVED("FGDMMeetingFac", "PreProceedingsandFGDM",
            "1 when one of those offers has fgdm_offer.facilitated, else 0"),
    DERIVED_FROM("InitialPPMeetingDate", "PreProceedingsandFGDM",
                 "pp_meeting", "meeting_date",
            "pp_meeting.meeting_date of the first meeting of kind initial in its span"),
    DERIVED("ReviewMeetingsCount", "PreProceedingsandFGDM",
            "the pp_meeting records of kind review in its span, to the end of the year"),
    FIELD("StepDecisionDate", "PreProceedingsandFGDM", "pre_proceedings", "decision_date"),
    DERIVED("PPOutcome", "PreProceedingsandFGDM",
            "pre_proceedings.outcome as the census codes it: court A, step-down B, continue C "
            "(the letters' meanings are read from the draft sample; uncertain)"),
    DERIVED_FROM("CourtAppDate", "PreProceedingsandFGDM",
                 "care_application", "application_date",
            "care_application.application_date of the first application in its span"),
    DERIVED_FROM("LetterInitCPDate", "PreProceedingsandFGDM",
                 "letter_before_proceedings", "letter_date",
            "letter_before_proceedings.letter_date of the first letter of kind issue in its "
            "span"),
    {NULL, NULL, CIN_FROM_NONE, NULL, NULL, NULL},
};
/* clang-format on */

/* ---- rows and their sources ---- */

static void src_grow(struct cin_proj *p, int t)
{
    int32_t n = p->r.tables[t].nrows;
    if (n < p->cap[t])
        return;
    p->cap[t] = p->cap[t] ? p->cap[t] * 2 : 256;
    p->src[t] = xreallocarray(p->src[t], (size_t)p->cap[t], sizeof(struct cin_src));
}

/* A new row of table `t` from record `h` of `type` (NULL: the child), for child row
 * `child`; its LAchildID and its parent reference set. */
static int32_t row_add(struct cin_proj *p, int t, const struct rec_type *type, int64_t id,
                       const char *public_id, int32_t child, uint32_t la_id, int32_t parent)
{
    src_grow(p, t);
    int32_t row = ret_add_row(&p->r, t, 0);
    struct cin_src *s = &p->src[t][row];
    s->type = type;
    s->id = id;
    snprintf(s->public_id, sizeof s->public_id, "%s", public_id);
    s->child = child;
    if (t != CIN_HEADER) {
        ret_set_interned(&p->r, t, row, 0, la_id);
        if (t != CIN_CHILD)
            ret_set_value(&p->r, t, row, 1, parent);
    }
    return row;
}

static void set_text(struct cin_proj *p, int t, int32_t row, int col, const char *s)
{
    if (s && *s)
        ret_set(&p->r, t, row, col, s, strlen(s));
}

static void set_date(struct cin_proj *p, int t, int32_t row, int col, kdate d)
{
    if (d == DATE_NONE)
        return;
    char buf[DATE_ISO_LEN];
    date_format_iso(d, buf);
    ret_set_parsed(&p->r, t, row, col, ret_intern(&p->r, buf, strlen(buf)), d);
}

static void set_yes(struct cin_proj *p, int t, int32_t row, int col, bool yes)
{
    set_text(p, t, row, col, yes ? "true" : "false");
}

void cin_proj_init(struct cin_proj *p, int year, kdate as_of)
{
    memset(p, 0, sizeof *p);
    ret_init(&p->r, &ret_kind_cin);
    p->r.source = RET_FROM_STORE;
    int32_t h = row_add(p, CIN_HEADER, NULL, 0, "", -1, 0, -1);
    char buf[16];
    set_text(p, CIN_HEADER, h, HD_COLLECTION, "CIN");
    snprintf(buf, sizeof buf, "%d", year);
    set_text(p, CIN_HEADER, h, HD_YEAR, buf);
    set_date(p, CIN_HEADER, h, HD_REFERENCE_DATE, date_from_ymd(year, 3, 31));
    set_text(p, CIN_HEADER, h, HD_SOURCE_LEVEL, "L");
    set_text(p, CIN_HEADER, h, HD_SOFTWARE_CODE, "kith");
    cin_set_period(&p->r, year);
    if (as_of != DATE_NONE && as_of >= p->r.period_start && as_of < p->r.period_end)
        p->r.period_end = as_of;
}

void cin_proj_header(struct cin_proj *p, const char *lea, int64_t serial, const char *release,
                     const char *made)
{
    set_text(p, CIN_HEADER, 0, HD_LEA, lea);
    set_text(p, CIN_HEADER, 0, HD_RELEASE, release);
    set_text(p, CIN_HEADER, 0, HD_DATE_TIME, made);
    if (serial > 0) {
        char buf[24];
        snprintf(buf, sizeof buf, "%03lld", (long long)serial);
        set_text(p, CIN_HEADER, 0, HD_SERIAL_NO, buf);
    }
}

void cin_proj_release(struct cin_proj *p)
{
    for (int t = 0; t < CIN_NTABLES; t++)
        free(p->src[t]);
    ret_release(&p->r);
    memset(p, 0, sizeof *p);
}

const struct cin_src *cin_proj_src(const struct cin_proj *p, int t, int32_t row)
{
    if (t <= CIN_HEADER || t >= CIN_NTABLES || row < 0 || row >= p->r.tables[t].nrows)
        return NULL;
    return &p->src[t][row];
}

/* ---- one child ---- */

/* Records of one type in date order (then as given). */
struct sorted {
    const char **v;
    size_t n;
};

/* Insertion sort: a child has tens of records of a type at most, and the offset of the
 * date travels as an argument (the server projects children on several threads). */
static struct sorted sort_by(const void *base, size_t n, size_t size, size_t date_off)
{
    struct sorted s = {.v = n ? xcalloc(n, sizeof(char *)) : NULL, .n = n};
    for (size_t i = 0; i < n; i++) {
        const char *x = (const char *)base + i * size;
        kdate dx, dy;
        memcpy(&dx, x + date_off, sizeof dx);
        size_t j = i;
        for (; j > 0; j--) {
            memcpy(&dy, s.v[j - 1] + date_off, sizeof dy);
            if (dy <= dx)
                break;
            s.v[j] = s.v[j - 1];
        }
        s.v[j] = x;
    }
    return s;
}

#define SORTED(arr, cnt, S, m) sort_by((arr), (cnt), sizeof(struct S), offsetof(struct S, m))
#define AT(s, S, i) ((const struct S *)(const void *)(s).v[i])

/* The date, or none when it falls after the end of the year (not yet known then). */
static kdate by_end(const struct cin_proj *p, kdate d)
{
    return d != DATE_NONE && d > p->r.period_end ? DATE_NONE : d;
}

/* An interval [start, end] (end DATE_NONE: open) that was open during the year. */
static bool in_year(const struct cin_proj *p, kdate start, kdate end)
{
    return start <= p->r.period_end && (end == DATE_NONE || end >= p->r.period_start);
}

/* The referral (index in `refs`) whose episode day `d` falls in: the latest on or before
 * it, or the first when `d` is before them all; -1 when the child has none. */
static int episode_for(const struct sorted *refs, kdate d)
{
    int ep = refs->n ? 0 : -1;
    for (size_t i = 0; i < refs->n; i++)
        if (AT(*refs, referral, i)->referral_date <= d)
            ep = (int)i;
    return ep;
}

struct child_ctx {
    struct cin_proj *p;
    const struct cin_child_records *c;
    int32_t child;
    uint32_t la_id;
    struct sorted refs, conf;
    int32_t *ep_row; /* CINdetails row of each referral, -1 when not in the year */
    bool *conf_used; /* an initial conference already given to an enquiry */
};

static int32_t add_row(struct child_ctx *x, int t, const struct rec_type *type,
                       const struct rec_head *h, int32_t parent)
{
    return row_add(x->p, t, type, h->id, h->public_id, x->child, x->la_id, parent);
}

static void add_child_rows(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    const struct person *ch = x->c->child;
    x->la_id = ret_intern(&p->r, ch->la_child_id, strlen(ch->la_child_id));
    src_grow(p, CIN_CHILD);
    int32_t row = ret_add_row(&p->r, CIN_CHILD, 0);
    x->child = row;
    p->src[CIN_CHILD][row] = (struct cin_src){.type = NULL, .id = ch->id, .child = row};
    snprintf(p->src[CIN_CHILD][row].public_id, PUBLIC_ID_LEN + 1, "%s", ch->public_id);
    ret_set_interned(&p->r, CIN_CHILD, row, CH_LA_CHILD_ID, x->la_id);
    set_text(p, CIN_CHILD, row, CH_UPN, ch->upn);
    set_text(p, CIN_CHILD, row, CH_FORMER_UPN, ch->former_upn);
    set_text(p, CIN_CHILD, row, CH_UPN_UNKNOWN, ch->upn_unknown);
    set_date(p, CIN_CHILD, row, CH_BIRTH, ch->dob);
    set_date(p, CIN_CHILD, row, CH_EXPECTED_BIRTH, ch->expected_dob);
    if (ch->sex) {
        /* GenderCurrent before 2024/25: the codes the census used then */
        static const char *const gender[][2] = {{"M", "1"}, {"F", "2"}, {"U", "0"}};
        char sex[2] = {ch->sex, 0};
        if (p->r.year >= 2025)
            set_text(p, CIN_CHILD, row, CH_SEX, sex);
        else
            for (size_t i = 0; i < sizeof gender / sizeof gender[0]; i++)
                if (!strcmp(gender[i][0], sex))
                    set_text(p, CIN_CHILD, row, CH_GENDER, gender[i][1]);
    }
    set_date(p, CIN_CHILD, row, CH_DEATH, by_end(p, ch->death));
    int32_t cc = row_add(p, CIN_CHARACTERISTICS, NULL, ch->id, ch->public_id, row, x->la_id, row);
    set_text(p, CIN_CHARACTERISTICS, cc, CC_ETHNICITY, ch->ethnicity);
    for (int i = 0; i < ch->n_disabilities; i++) {
        int32_t d = row_add(p, CIN_DISABILITY, NULL, ch->id, ch->public_id, row, x->la_id, row);
        set_text(p, CIN_DISABILITY, d, DI_DISABILITY, ch->disabilities[i]);
    }
}

/* Which referrals' episodes were open during the year: false when none was. */
static bool choose_episodes(struct child_ctx *x)
{
    bool any = false;
    for (size_t i = 0; i < x->refs.n; i++) {
        const struct referral *r = AT(x->refs, referral, i);
        kdate close = by_end(x->p, r->closure_date);
        bool in;
        if (r->nfa) /* a referral that went no further is in the year it was made or closed */
            in = r->referral_date <= x->p->r.period_end &&
                 (r->referral_date >= x->p->r.period_start ||
                  (close != DATE_NONE && close >= x->p->r.period_start));
        else
            in = in_year(x->p, r->referral_date, close);
        x->ep_row[i] = in ? 0 : -1;
        any |= in;
    }
    return any;
}

static void add_episodes(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    for (size_t i = 0; i < x->refs.n; i++) {
        if (x->ep_row[i] < 0)
            continue;
        const struct referral *r = AT(x->refs, referral, i);
        int32_t row = add_row(x, CIN_DETAILS, &referral_type, &r->h, x->child);
        x->ep_row[i] = row;
        kdate close = by_end(p, r->closure_date);
        set_date(p, CIN_DETAILS, row, CD_REFERRAL, r->referral_date);
        set_text(p, CIN_DETAILS, row, CD_SOURCE, r->source);
        set_text(p, CIN_DETAILS, row, CD_NEED, r->primary_need);
        set_date(p, CIN_DETAILS, row, CD_CLOSURE, close);
        if (close != DATE_NONE)
            set_text(p, CIN_DETAILS, row, CD_CLOSURE_REASON, r->closure_reason);
        set_yes(p, CIN_DETAILS, row, CD_NFA, r->nfa);
    }
}

/* The CINdetails row of the episode of day `d`, or -1 when that episode is not in the year. */
static int32_t ep_row_of(const struct child_ctx *x, kdate d)
{
    int ep = episode_for(&x->refs, d);
    return ep < 0 ? -1 : x->ep_row[ep];
}

static void add_assessments(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    struct sorted s = SORTED(x->c->assessments, x->c->nassessments, assessment, start_date);
    for (size_t i = 0; i < s.n; i++) {
        const struct assessment *a = AT(s, assessment, i);
        int32_t ep = ep_row_of(x, a->start_date);
        kdate auth = by_end(p, a->authorised_date);
        if (ep < 0 || !in_year(p, a->start_date, a->authorised_date))
            continue;
        int32_t row = add_row(x, CIN_ASSESSMENT, &assessment_type, &a->h, ep);
        set_date(p, CIN_ASSESSMENT, row, AS_START, a->start_date);
        set_date(p, CIN_ASSESSMENT, row, AS_REVIEW, by_end(p, a->completed_date));
        set_date(p, CIN_ASSESSMENT, row, AS_AUTHORISED, auth);
        if (auth == DATE_NONE || !a->nfactors)
            continue; /* the census has the factors of an authorised assessment */
        char joined[ASSESSMENT_FACTORS_MAX * 4] = "";
        size_t n = 0;
        for (int k = 0; k < a->nfactors; k++) {
            int32_t f = add_row(x, CIN_FACTOR, &assessment_type, &a->h, row);
            set_text(p, CIN_FACTOR, f, AF_FACTOR, a->factors[k]);
            n += (size_t)snprintf(joined + n, sizeof joined - n, "%s%s", k ? "," : "",
                                  a->factors[k]);
        }
        set_text(p, CIN_ASSESSMENT, row, AS_FACTORS, joined);
    }
    free(s.v);
}

static void add_cin_plans(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    struct sorted s = SORTED(x->c->cin_plans, x->c->ncin_plans, cin_plan, start_date);
    for (size_t i = 0; i < s.n; i++) {
        const struct cin_plan *pl = AT(s, cin_plan, i);
        int32_t ep = ep_row_of(x, pl->start_date);
        if (ep < 0 || !in_year(p, pl->start_date, pl->end_date))
            continue;
        int32_t row = add_row(x, CIN_PLAN, &cin_plan_type, &pl->h, ep);
        set_date(p, CIN_PLAN, row, PL_START, pl->start_date);
        set_date(p, CIN_PLAN, row, PL_END, by_end(p, pl->end_date));
    }
    free(s.v);
}

static bool is_initial(const struct conference *c) { return !strcmp(c->kind, "initial"); }

/* The initial conference an enquiry led to (index in x->conf), or -1. */
static int icpc_of(struct child_ctx *x, const struct sorted *s47s, size_t i)
{
    const struct s47_enquiry *s = AT(*s47s, s47_enquiry, i);
    int ep = episode_for(&x->refs, s->start_date);
    kdate next = DATE_NONE;
    for (size_t j = i + 1; j < s47s->n && next == DATE_NONE; j++)
        if (episode_for(&x->refs, AT(*s47s, s47_enquiry, j)->start_date) == ep)
            next = AT(*s47s, s47_enquiry, j)->start_date;
    for (size_t k = 0; k < x->conf.n; k++) {
        const struct conference *c = AT(x->conf, conference, k);
        if (!is_initial(c) || x->conf_used[k] || c->conference_date < s->start_date ||
            (next != DATE_NONE && c->conference_date >= next) ||
            episode_for(&x->refs, c->conference_date) != ep)
            continue;
        x->conf_used[k] = true;
        return (int)k;
    }
    return -1;
}

/* The strategy discussion that started an enquiry: the latest that decided on one, on or
 * before its start. */
static kdate strategy_of(const struct child_ctx *x, kdate start)
{
    kdate best = DATE_NONE;
    for (size_t i = 0; i < x->c->nstrategies; i++) {
        const struct strategy_discussion *d = &x->c->strategies[i];
        if (!strcmp(d->outcome, "s47") && d->discussion_date <= start &&
            (best == DATE_NONE || d->discussion_date > best))
            best = d->discussion_date;
    }
    return best;
}

static void add_s47s(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    struct sorted s = SORTED(x->c->s47s, x->c->ns47s, s47_enquiry, start_date);
    for (size_t i = 0; i < s.n; i++) {
        const struct s47_enquiry *q = AT(s, s47_enquiry, i);
        int k = icpc_of(x, &s, i);
        kdate icpc = k < 0 ? DATE_NONE : AT(x->conf, conference, k)->conference_date;
        int32_t ep = ep_row_of(x, q->start_date);
        bool not_required = q->icpc_not_required && by_end(p, q->completed_date) != DATE_NONE;
        kdate concluded = icpc != DATE_NONE ? icpc : not_required ? q->completed_date : DATE_NONE;
        if (ep < 0 || !in_year(p, q->start_date, concluded))
            continue;
        int32_t row = add_row(x, CIN_S47, &s47_enquiry_type, &q->h, ep);
        kdate from = strategy_of(x, q->start_date);
        set_date(p, CIN_S47, row, S47_START, q->start_date);
        set_date(p, CIN_S47, row, S47_ICPC_TARGET,
                 workday_add(from != DATE_NONE ? from : q->start_date, ICPC_TARGET_WORKING_DAYS));
        set_date(p, CIN_S47, row, S47_ICPC, by_end(p, icpc));
        set_yes(p, CIN_S47, row, S47_ICPC_NOT_REQUIRED, not_required);
    }
    free(s.v);
}

/* An initial conference no enquiry led to is the episode's own DateOfInitialCPC. */
static void add_episode_icpcs(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    for (size_t k = 0; k < x->conf.n; k++) {
        const struct conference *c = AT(x->conf, conference, k);
        if (!is_initial(c) || x->conf_used[k] || by_end(p, c->conference_date) == DATE_NONE ||
            c->conference_date < p->r.period_start)
            continue;
        int32_t ep = ep_row_of(x, c->conference_date);
        if (ep < 0 || rdate_has(p->r.tables[CIN_DETAILS].val[CD_ICPC][ep]))
            continue;
        set_date(p, CIN_DETAILS, ep, CD_ICPC, c->conference_date);
    }
}

static void add_cp_plans(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    struct sorted s = SORTED(x->c->cp_plans, x->c->ncp_plans, cp_plan, start_date);
    for (size_t i = 0; i < s.n; i++) {
        const struct cp_plan *pl = AT(s, cp_plan, i);
        int32_t ep = ep_row_of(x, pl->start_date);
        if (ep < 0 || !in_year(p, pl->start_date, pl->end_date))
            continue;
        int32_t row = add_row(x, CIN_CPP, &cp_plan_type, &pl->h, ep);
        set_date(p, CIN_CPP, row, CPP_START, pl->start_date);
        set_date(p, CIN_CPP, row, CPP_END, by_end(p, pl->end_date));
        set_text(p, CIN_CPP, row, CPP_INITIAL_CATEGORY, pl->initial_category);
        set_text(p, CIN_CPP, row, CPP_LATEST_CATEGORY, pl->latest_category);
        int previous = 0;
        for (size_t j = 0; j < s.n; j++)
            previous += AT(s, cp_plan, j)->start_date < pl->start_date;
        char buf[12];
        snprintf(buf, sizeof buf, "%d", previous);
        set_text(p, CIN_CPP, row, CPP_PREVIOUS, buf);
        /* the review conferences held during the plan in the year */
        for (size_t k = 0; k < x->conf.n; k++) {
            const struct conference *c = AT(x->conf, conference, k);
            kdate d = c->conference_date;
            if (is_initial(c) || d < pl->start_date ||
                (pl->end_date != DATE_NONE && d > pl->end_date) || d < p->r.period_start ||
                d > p->r.period_end)
                continue;
            int32_t rv = add_row(x, CIN_REVIEW, &conference_type, &c->h, row);
            set_date(p, CIN_REVIEW, rv, RV_DATE, d);
        }
    }
    free(s.v);
}

/* The first day of records `base` (n of `size` bytes, the date at `date_off`) in
 * [from, to) (to DATE_NONE: open) whose `kind_off` text is `kind` (NULL: any), and how
 * many there are by the end of the year. */
static kdate first_in(const struct cin_proj *p, const void *base, size_t n, size_t size,
                      size_t date_off, size_t kind_off, const char *kind, kdate from, kdate to,
                      int *count)
{
    kdate best = DATE_NONE;
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        const char *r = (const char *)base + i * size;
        kdate d;
        memcpy(&d, r + date_off, sizeof d);
        if (d == DATE_NONE || d < from || (to != DATE_NONE && d >= to) || d > p->r.period_end ||
            (kind && strcmp(r + kind_off, kind)))
            continue;
        ++*count;
        if (best == DATE_NONE || d < best)
            best = d;
    }
    return best;
}

#define FIRST_IN(arr, cnt, S, dm, km, kind, from, to, count)                                       \
    first_in(x->p, (arr), (cnt), sizeof(struct S), offsetof(struct S, dm), offsetof(struct S, km), \
             (kind), (from), (to), (count))

/* The census's letters for PPOutcome, by kith's outcome code (CS_PP_OUTCOME). */
static const char *const pp_outcome_letter[][2] = {
    {"court", "A"}, {"step-down", "B"}, {"continue", "C"}};

static void add_pre_proceedings(struct child_ctx *x)
{
    struct cin_proj *p = x->p;
    const struct cin_child_records *c = x->c;
    if (p->r.year < 2027) /* the module is the 2026/27 census's */
        return;
    struct sorted s = SORTED(c->pre_proceedings, c->npre_proceedings, pre_proceedings, start_date);
    for (size_t i = 0; i < s.n; i++) {
        const struct pre_proceedings *pp = AT(s, pre_proceedings, i);
        int ep = episode_for(&x->refs, pp->start_date);
        kdate decided = by_end(p, pp->decision_date);
        if (ep < 0 || x->ep_row[ep] < 0 || !in_year(p, pp->start_date, decided))
            continue;
        kdate next = i + 1 < s.n ? AT(s, pre_proceedings, i + 1)->start_date : DATE_NONE;
        int32_t row = add_row(x, CIN_PREPROC, &pre_proceedings_type, &pp->h, x->ep_row[ep]);
        int n;
        set_date(p, CIN_PREPROC, row, PP_START, pp->start_date);
        set_date(p, CIN_PREPROC, row, PP_LBP_SENT,
                 FIRST_IN(c->letters, c->nletters, letter_before_proceedings, letter_date, kind,
                          "before-proceedings", pp->start_date, next, &n));
        set_date(p, CIN_PREPROC, row, PP_LETTER_INIT_CP,
                 FIRST_IN(c->letters, c->nletters, letter_before_proceedings, letter_date, kind,
                          "issue", pp->start_date, next, &n));
        set_date(p, CIN_PREPROC, row, PP_INITIAL_MEETING,
                 FIRST_IN(c->pp_meetings, c->npp_meetings, pp_meeting, meeting_date, kind,
                          "initial", pp->start_date, next, &n));
        FIRST_IN(c->pp_meetings, c->npp_meetings, pp_meeting, meeting_date, kind, "review",
                 pp->start_date, next, &n);
        char buf[12];
        snprintf(buf, sizeof buf, "%d", n);
        set_text(p, CIN_PREPROC, row, PP_REVIEW_COUNT, buf);
        set_date(p, CIN_PREPROC, row, PP_COURT_APP,
                 FIRST_IN(c->care_applications, c->ncare_applications, care_application,
                          application_date, order_sought, NULL, pp->start_date, next, &n));
        /* offers to a person with parental responsibility, from the episode's referral */
        bool offered = false, facilitated = false;
        kdate from = AT(x->refs, referral, ep)->referral_date;
        for (size_t k = 0; k < c->nfgdm_offers; k++) {
            const struct fgdm_offer *o = &c->fgdm_offers[k];
            if (!o->parental_responsibility || o->offer_date < from ||
                (next != DATE_NONE && o->offer_date >= next) || o->offer_date > p->r.period_end)
                continue;
            offered = true;
            facilitated |= o->facilitated;
        }
        set_text(p, CIN_PREPROC, row, PP_FGDM_OFFER, offered ? "1" : "0");
        set_text(p, CIN_PREPROC, row, PP_FGDM_FAC, facilitated ? "1" : "0");
        set_date(p, CIN_PREPROC, row, PP_DECISION, decided);
        for (size_t k = 0;
             decided != DATE_NONE && k < sizeof pp_outcome_letter / sizeof pp_outcome_letter[0];
             k++)
            if (!strcmp(pp->outcome, pp_outcome_letter[k][0]))
                set_text(p, CIN_PREPROC, row, PP_OUTCOME, pp_outcome_letter[k][1]);
    }
    free(s.v);
}

bool cin_proj_add(struct cin_proj *p, const struct cin_child_records *c)
{
    struct child_ctx x = {.p = p, .c = c};
    x.refs = SORTED(c->referrals, c->nreferrals, referral, referral_date);
    x.ep_row = x.refs.n ? xcalloc(x.refs.n, sizeof(int32_t)) : NULL;
    bool in = choose_episodes(&x);
    if (in) {
        x.conf = SORTED(c->conferences, c->nconferences, conference, conference_date);
        x.conf_used = x.conf.n ? xcalloc(x.conf.n, sizeof(bool)) : NULL;
        add_child_rows(&x);
        add_episodes(&x);
        add_assessments(&x);
        add_cin_plans(&x);
        add_s47s(&x);
        add_episode_icpcs(&x);
        add_cp_plans(&x);
        add_pre_proceedings(&x);
        free(x.conf.v);
        free(x.conf_used);
    }
    free(x.refs.v);
    free(x.ep_row);
    return in;
}
