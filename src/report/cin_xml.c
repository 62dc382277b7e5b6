/*
 * The CIN census XML format (cin_xml.h): the elements in the schema's order. ReferralNFA
 * sits after Section47 and before ChildProtectionPlans, as the XSD has it; the reader does
 * not mind the order, the writer follows it.
 */
#include "report/cin_xml.h"

#include "domain/ret/cin.h"

#define F(parent, name, table, col)                                                                \
    {                                                                                              \
        name, parent, X_FIELD, table, col                                                          \
    }

const struct cin_xml_elem cin_xml_elems[] = {
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
    F(X_DETAILS, "ReferralNFA", CIN_DETAILS, CD_NFA),
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

const size_t cin_xml_nelems = sizeof cin_xml_elems / sizeof cin_xml_elems[0];

const struct cin_xml_parent cin_xml_parent[CIN_NTABLES] = {
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

int cin_xml_rows(enum cin_xml_ctx ctx)
{
    static const struct {
        enum cin_xml_ctx ctx;
        int table;
    } rows[] = {{X_HEADER, CIN_HEADER},
                {X_CHILD, CIN_CHILD},
                {X_CHARS, CIN_CHARACTERISTICS},
                {X_DETAILS, CIN_DETAILS},
                {X_ASSESSMENT, CIN_ASSESSMENT},
                {X_PLAN, CIN_PLAN},
                {X_S47, CIN_S47},
                {X_CPP, CIN_CPP},
                {X_PREPROC, CIN_PREPROC}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].ctx == ctx)
            return rows[i].table;
    return -1;
}
