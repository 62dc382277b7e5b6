/*
 * The CIN census modules and columns (see cin.h), and its census period. The column lists
 * follow the enums in cin.h one for one; the names are the DfE's XML element names, which
 * is how findings name the fields at fault.
 */
#include "domain/ret/cin.h"

#include <string.h>

#include "domain/codeset.h"

#define TEXT(n)                                                                                    \
    {                                                                                              \
        n, RCOL_TEXT, 0, 0                                                                         \
    }
#define DATE(n)                                                                                    \
    {                                                                                              \
        n, RCOL_DATE, 0, 0                                                                         \
    }
#define INT(n)                                                                                     \
    {                                                                                              \
        n, RCOL_INT, 0, 0                                                                          \
    }
#define CODE(n, set)                                                                               \
    {                                                                                              \
        n, RCOL_CODE, set, 0                                                                       \
    }
#define REF(n, t)                                                                                  \
    {                                                                                              \
        n, RCOL_REF, 0, t                                                                          \
    }

static const struct rcol_def header_cols[] = {
    TEXT("Collection"),   INT("Year"),     DATE("ReferenceDate"), TEXT("SourceLevel"), TEXT("LEA"),
    TEXT("SoftwareCode"), TEXT("Release"), TEXT("SerialNo"),      TEXT("DateTime"),
};
static const struct rcol_def child_cols[] = {
    TEXT("LAchildID"),
    TEXT("UPN"),
    TEXT("FormerUPN"),
    CODE("UPNunknown", CS_UPN_UNKNOWN),
    DATE("PersonBirthDate"),
    DATE("ExpectedPersonBirthDate"),
    CODE("GenderCurrent", CS_SEX),
    CODE("Sex", CS_SEX),
    DATE("PersonDeathDate"),
};
static const struct rcol_def characteristics_cols[] = {
    TEXT("LAchildID"),
    REF("child", CIN_CHILD),
    CODE("Ethnicity", CS_ETHNICITY),
};
static const struct rcol_def disability_cols[] = {
    TEXT("LAchildID"),
    REF("child", CIN_CHILD),
    CODE("Disability", CS_DISABILITY),
};
static const struct rcol_def details_cols[] = {
    TEXT("LAchildID"),
    REF("child", CIN_CHILD),
    DATE("CINreferralDate"),
    CODE("ReferralSource", CS_CIN_REFERRAL_SOURCE),
    CODE("PrimaryNeedCode", CS_CIN_PRIMARY_NEED),
    DATE("CINclosureDate"),
    CODE("ReasonForClosure", CS_CIN_CLOSURE_REASON),
    DATE("DateOfInitialCPC"),
    CODE("ReferralNFA", CS_CIN_YES_NO),
};
static const struct rcol_def assessment_cols[] = {
    TEXT("LAchildID"),
    REF("CINdetails", CIN_DETAILS),
    DATE("AssessmentActualStartDate"),
    DATE("AssessmentInternalReviewDate"),
    DATE("AssessmentAuthorisationDate"),
    TEXT("AssessmentFactors"),
};
static const struct rcol_def factor_cols[] = {
    TEXT("LAchildID"),
    REF("Assessments", CIN_ASSESSMENT),
    CODE("AssessmentFactor", CS_CIN_ASSESSMENT_FACTOR),
};
static const struct rcol_def plan_cols[] = {
    TEXT("LAchildID"),
    REF("CINdetails", CIN_DETAILS),
    DATE("CINPlanStartDate"),
    DATE("CINPlanEndDate"),
};
static const struct rcol_def s47_cols[] = {
    TEXT("LAchildID"),          REF("CINdetails", CIN_DETAILS),
    DATE("S47ActualStartDate"), DATE("InitialCPCtarget"),
    DATE("DateOfInitialCPC"),   CODE("ICPCnotRequired", CS_CIN_YES_NO),
};
static const struct rcol_def cpp_cols[] = {
    TEXT("LAchildID"),
    REF("CINdetails", CIN_DETAILS),
    DATE("CPPstartDate"),
    DATE("CPPendDate"),
    CODE("InitialCategoryOfAbuse", CS_CIN_ABUSE_CATEGORY),
    CODE("LatestCategoryOfAbuse", CS_CIN_ABUSE_CATEGORY),
    INT("NumberOfPreviousCPP"),
};
static const struct rcol_def review_cols[] = {
    TEXT("LAchildID"),
    REF("ChildProtectionPlans", CIN_CPP),
    DATE("CPPreviewDate"),
};

static const struct rcol_def preproc_cols[] = {
    TEXT("LAchildID"),
    REF("CINdetails", CIN_DETAILS),
    DATE("PPStartDate"),
    DATE("LBPSentDate"),
    CODE("FGDMMeetingOffer", CS_CIN_YES_NO),
    CODE("FGDMMeetingFac", CS_CIN_YES_NO),
    DATE("InitialPPMeetingDate"),
    INT("ReviewMeetingsCount"),
    DATE("StepDecisionDate"),
    TEXT("PPOutcome"), /* A/B/C: meanings not yet published, so no code set */
    DATE("CourtAppDate"),
    DATE("LetterInitCPDate"),
};

#define TABLE(name, cols, child)                                                                   \
    {                                                                                              \
        (name), (cols), (int)(sizeof(cols) / sizeof((cols)[0])), (child)                           \
    }

const struct rtable_def cin_tables[CIN_NTABLES] = {
    [CIN_HEADER] = TABLE("Header", header_cols, -1),
    [CIN_CHILD] = TABLE("ChildIdentifiers", child_cols, CH_LA_CHILD_ID),
    [CIN_CHARACTERISTICS] = TABLE("ChildCharacteristics", characteristics_cols, CC_LA_CHILD_ID),
    [CIN_DISABILITY] = TABLE("Disabilities", disability_cols, DI_LA_CHILD_ID),
    [CIN_DETAILS] = TABLE("CINdetails", details_cols, CD_LA_CHILD_ID),
    [CIN_ASSESSMENT] = TABLE("Assessments", assessment_cols, AS_LA_CHILD_ID),
    [CIN_FACTOR] = TABLE("AssessmentFactorsList", factor_cols, AF_LA_CHILD_ID),
    [CIN_PLAN] = TABLE("CINplanDates", plan_cols, PL_LA_CHILD_ID),
    [CIN_S47] = TABLE("Section47", s47_cols, S47_LA_CHILD_ID),
    [CIN_CPP] = TABLE("ChildProtectionPlans", cpp_cols, CPP_LA_CHILD_ID),
    [CIN_REVIEW] = TABLE("Reviews", review_cols, RV_LA_CHILD_ID),
    [CIN_PREPROC] = TABLE("PreProceedingsandFGDM", preproc_cols, PP_LA_CHILD_ID),
};

static kdate reference_date(const struct ret *r)
{
    const struct rtable *h = ret_table(r, CIN_HEADER);
    return h->nrows ? h->val[HD_REFERENCE_DATE][0] : DATE_NONE;
}

int cin_file_year(const struct ret *r)
{
    kdate d = reference_date(r);
    return rdate_has(d) ? collection_year(d) : 0;
}

void cin_set_period(struct ret *r, int year)
{
    r->year = year;
    kdate ref = reference_date(r);
    if (rdate_has(ref)) {
        r->period_end = ref;
        r->period_start = date_add_days(date_add_months(ref, -12), 1);
    } else {
        r->period_end = date_from_ymd(year, 3, 31);
        r->period_start = date_from_ymd(year - 1, 4, 1);
    }
}

int cin_yes(const struct ret *r, int32_t code)
{
    (void)r;
    if (!rcode_has(code))
        return -1;
    const struct codeset *cs = codeset_get(CS_CIN_YES_NO);
    return code < cs->n && !strcmp(cs->codes[code].label, "Yes");
}
