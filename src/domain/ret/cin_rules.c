/*
 * The CIN census validation rules by collection year: one table per year of the rules it
 * adds or changes (and the codes it deletes), each rule one row with its DfE code, error or
 * query, module, fields and a message in plain words. The checks are in cin_check_*.c.
 *
 * The rules follow the DfE's validation rules for the census. Where the reference validator
 * (data-to-insight's csc-validator-be-cin) reads a rule differently, the check follows the
 * DfE and docs/returns/differences.md says why.
 */
#include "domain/ret/cin_check.h"

/* Binary search over document order: the rows of a module are sorted by episode and by
 * child (see cin.h). */
static int32_t first_where(const struct rctx *c, int t, int32_t key, bool by_child, int32_t *end)
{
    int32_t lo = 0, hi = c->r->tables[t].nrows;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        int32_t k = by_child ? child_of(c, t, mid) : episode_of(c, t, mid);
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    int32_t j = lo;
    while (j < c->r->tables[t].nrows && (by_child ? child_of(c, t, j) : episode_of(c, t, j)) == key)
        j++;
    *end = j;
    return lo;
}

int32_t cin_first_of_episode(const struct rctx *c, int t, int32_t e, int32_t *end)
{
    return first_where(c, t, e, false, end);
}

int32_t cin_first_of_child(const struct rctx *c, int t, int32_t ch, int32_t *end)
{
    return first_where(c, t, ch, true, end);
}

#define E RULE_ERROR
#define Q RULE_QUERY
#define R(code, sev, table, fields, message, fn)                                                   \
    {                                                                                              \
        code, sev, table, 0, 0, fields, message, cin_##fn                                          \
    }

/* The base set: the 2022/23 census (105 rules). */
static const struct rule rules_2023[] = {
    /* Header */
    R("100", E, CIN_HEADER, "ReferenceDate",
      "The reference date is not 31 March of the census year.", r100),
    /* ChildIdentifiers */
    R("1510", E, CIN_CHILD, "UPN", "The UPN's first character is not its check letter.", r1510),
    R("1520", E, CIN_CHILD, "UPN", "More than one child has this UPN.", r1520),
    R("1530", E, CIN_CHILD, "UPN",
      "The UPN's characters 2 to 4 are not a local authority code the DfE recognises.", r1530),
    R("1540", E, CIN_CHILD, "UPN", "The UPN's characters 5 to 12 are not all digits.", r1540),
    R("1550", E, CIN_CHILD, "UPN",
      "The UPN's last character is not a digit or a letter other than I, O and S.", r1550),
    R("1560Q", Q, CIN_CHILD, "FormerUPN",
      "Check the former UPN: it should be a letter followed by 12 digits.", r1560q),
    R("2886Q", Q, CIN_CHILD, "GenderCurrent;ExpectedPersonBirthDate",
      "Check gender: more than 2% of the children (unborn children aside) have none recorded.",
      r2886q_gender),
    R("4008", E, CIN_CHILD, "PersonDeathDate;CINPlanStartDate",
      "A CIN plan starts after the child's date of death.", r4008),
    R("4009Q", Q, CIN_CHILD, "PersonDeathDate;CINPlanEndDate",
      "Check the CIN plan: it ends after the child's date of death.", r4009q),
    R("4180", E, CIN_CHILD, "GenderCurrent", "Gender is missing or not one of 0, 1, 2 or 9.",
      r4180_gender),
    R("8500", E, CIN_CHILD, "LAchildID", "The LA child ID is missing.", r8500),
    R("8510", E, CIN_CHILD, "LAchildID", "More than one child has this LA child ID.", r8510),
    R("8520", E, CIN_CHILD, "PersonBirthDate;ReferenceDate",
      "The date of birth is after the end of the census year.", r8520),
    R("8525Q", Q, CIN_CHILD, "PersonBirthDate;ExpectedPersonBirthDate",
      "Check the dates of birth: give either the date of birth or the expected date of birth, "
      "not both and not neither.",
      r8525q),
    R("8530Q", Q, CIN_CHILD, "ExpectedPersonBirthDate",
      "Check the expected date of birth: it should fall between March and December of the year "
      "the census ends.",
      r8530q),
    R("8535Q", Q, CIN_CHILD, "PersonDeathDate;PersonBirthDate",
      "Check the dates: the date of death is before the date of birth, or there is no date of "
      "birth.",
      r8535q),
    R("8545Q", Q, CIN_CHILD, "PersonDeathDate",
      "Check the date of death: it should fall in the census year.", r8545q),
    R("8590", E, CIN_CHILD, "LAchildID", "The child has no CIN episode (CINdetails).", r8590),
    R("8750", E, CIN_CHILD, "GenderCurrent;PersonBirthDate;ExpectedPersonBirthDate",
      "An unborn child (expected date of birth, no date of birth) must have gender 0.",
      r8750_gender),
    R("8770Q", Q, CIN_CHILD, "UPN;UPNunknown",
      "Check the UPN: a child of school age whose referral led to further action has no UPN "
      "and no reason for it other than UN1.",
      r8770q_2023),
    R("8772", E, CIN_CHILD, "UPNunknown;ReferralNFA",
      "The UPN is unknown because of a referral with no further action (UN7), but an episode "
      "is not marked as no further action.",
      r8772),
    R("8775Q", Q, CIN_CHILD, "PersonBirthDate;CINclosureDate",
      "Check the episode: the child is over 25 and the episode is open, or closed after the "
      "25th birthday.",
      r8775q),
    /* ChildCharacteristics and Disabilities */
    R("4220", E, CIN_CHARACTERISTICS, "Ethnicity", "Ethnicity is missing or not a valid code.",
      r4220),
    R("8540", E, CIN_CHARACTERISTICS, "Disability;PersonBirthDate;ReferralNFA",
      "A child whose referral led to further action needs at least one disability code (NONE "
      "if none), each valid.",
      r8540),
    R("2887Q", Q, CIN_DISABILITY, "Disability",
      "Check disabilities: fewer than 8 different disability codes are used in the return.",
      r2887q),
    R("2888Q", Q, CIN_DISABILITY, "Disability",
      "Check disabilities: no child has more than one disability code; record every "
      "disability a child has.",
      r2888q),
    R("8790", E, CIN_DISABILITY, "Disability",
      "A child with disability NONE has other disability codes too.", r8790),
    R("8794", E, CIN_DISABILITY, "Disability", "The child has the same disability code twice.",
      r8794),
    /* CINdetails */
    R("2990", E, CIN_DETAILS, "ReasonForClosure",
      "An episode closed after assessment (RC8 or RC9) has a section 47 enquiry, CIN plan, "
      "child protection plan or initial conference.",
      r2990),
    R("2991Q", Q, CIN_DETAILS, "CINdetailsID",
      "Check the episode: it has a section 47 enquiry but no assessment.", r2991q),
    R("8555Q", Q, CIN_DETAILS, "PersonDeathDate;CINreferralDate",
      "Check the referral: it is dated after the child's date of death.", r8555q),
    R("8568", E, CIN_DETAILS, "ReferralNFA",
      "ReferralNFA is missing or not one of true, false, 1 or 0.", r8568),
    R("8569Q", Q, CIN_DETAILS, "ReferralNFA",
      "Check the referral: one made before the last working day before the census year "
      "cannot be marked as no further action.",
      r8569q),
    R("8585Q", Q, CIN_DETAILS, "ReasonForClosure;PersonDeathDate",
      "Check the episode: it closed because the child died (RC2) but there is no date of "
      "death.",
      r8585q),
    R("8600", E, CIN_DETAILS, "CINreferralDate",
      "The referral date is missing or after the end of the census year.", r8600),
    R("8606", E, CIN_DETAILS, "CINreferralDate;PersonBirthDate;ExpectedPersonBirthDate",
      "The referral is more than 40 weeks before the (expected) date of birth.", r8606),
    R("8610", E, CIN_DETAILS, "ReferralNFA;PrimaryNeedCode",
      "A referral that led to further action has no primary need code.", r8610),
    R("8620", E, CIN_DETAILS, "CINclosureDate", "The closure date is not in the census year.",
      r8620),
    R("8630", E, CIN_DETAILS, "CINreferralDate;CINclosureDate",
      "The episode closes before its referral date.", r8630),
    R("8640", E, CIN_DETAILS, "ReasonForClosure", "The reason for closure is not a valid code.",
      r8640),
    R("8650", E, CIN_DETAILS, "PrimaryNeedCode", "The primary need code is not a valid code.",
      r8650),
    R("8805", E, CIN_DETAILS, "CINclosureDate;ReasonForClosure",
      "The episode has a closure date but no reason for closure.", r8805),
    R("8810", E, CIN_DETAILS, "ReasonForClosure;CINclosureDate",
      "The episode has a reason for closure but no closure date.", r8810),
    R("8815", E, CIN_DETAILS, "CINclosureDate;ReferralNFA",
      "The child has more than one open episode that led to further action.", r8815),
    R("8816", E, CIN_DETAILS, "CINclosureDate;ReferralNFA;CINreferralDate",
      "An open episode that led to further action is not the child's latest referral.", r8816),
    R("8820", E, CIN_DETAILS, "CINreferralDate;CINclosureDate;ReferenceDate",
      "The child's episodes overlap: a referral falls within another episode.", r8820),
    R("8825Q", Q, CIN_DETAILS, "ReasonForClosure",
      "Check the episode: it closed after assessment (RC8 or RC9) but has no assessment.", r8825q),
    R("8831", E, CIN_DETAILS, "ReferralNFA",
      "A referral with no further action has assessment, section 47 or initial conference "
      "dates.",
      r8831),
    R("8866", E, CIN_DETAILS, "CINreferralDate;ReferralSource",
      "The source of referral is missing or not a valid code.", r8866),
    R("8867", E, CIN_DETAILS, "CINclosureDate;AssessmentAuthorisationDate",
      "The episode is closed but an assessment is not completed (no authorisation date).", r8867),
    R("8868", E, CIN_DETAILS, "CINclosureDate;DateOfInitialCPC;ICPCnotRequired",
      "The episode is closed but a section 47 enquiry has neither an initial conference date "
      "nor 'conference not required' (or has both).",
      r8868),
    /* Assessments */
    R("1103", E, CIN_ASSESSMENT, "AssessmentActualStartDate;CINreferralDate",
      "The assessment starts before the referral date.", r1103),
    R("8608", E, CIN_ASSESSMENT, "AssessmentActualStartDate;AssessmentAuthorisationDate",
      "The assessment starts after its authorisation date.", r8608),
    R("8614", E, CIN_ASSESSMENT, "AssessmentAuthorisationDate;AssessmentFactors",
      "Factors are recorded on an assessment that is not completed.", r8614),
    R("8670Q", Q, CIN_ASSESSMENT, "AssessmentActualStartDate;AssessmentAuthorisationDate",
      "Check the assessment: it started more than 45 working days before the end of the "
      "census year and is not completed.",
      r8670q),
    R("8696", E, CIN_ASSESSMENT, "AssessmentAuthorisationDate",
      "The assessment's authorisation date is not in the census year.", r8696),
    R("8736", E, CIN_ASSESSMENT, "AssessmentActualStartDate;AssessmentAuthorisationDate",
      "An assessment that is not completed must start in the census year.", r8736),
    R("8863Q", Q, CIN_ASSESSMENT, "AssessmentActualStartDate;AssessmentAuthorisationDate",
      "Check the assessments: one starts while another in the episode is ongoing.", r8863q),
    R("8869", E, CIN_ASSESSMENT, "AssessmentFactors",
      "Factor 21 (no factors identified) is used with other factors.", r8869),
    R("8873Q", Q, CIN_ASSESSMENT, "AssessmentFactors;ReasonForClosure",
      "Check the episode: its only assessment found no factors (21), so it should close as "
      "RC8 or RC9.",
      r8873q),
    R("8896", E, CIN_ASSESSMENT, "AssessmentAuthorisationDate",
      "The episode has more than one assessment that is not completed.", r8896),
    R("8897Q", Q, CIN_ASSESSMENT, "AssessmentAuthorisationDate;AssessmentFactors",
      "Check the assessment: it is completed in the census year but has no valid factors.", r8897q),
    R("8898", E, CIN_ASSESSMENT, "AssessmentFactors",
      "The assessment has the same factor more than once.", r8898),
    /* CINplanDates */
    R("4000", E, CIN_PLAN, "ReferralNFA", "A referral with no further action has a CIN plan.",
      r4000),
    R("4001", E, CIN_PLAN, "CINPlanEndDate;CPPendDate",
      "A CIN plan and a child protection plan are open at the same time in one episode.", r4001),
    R("4003", E, CIN_REVIEW, "CINPlanStartDate;CINPlanEndDate;CPPreviewDate",
      "A child protection review falls while a CIN plan is open.", r4003),
    R("4004", E, CIN_PLAN, "CINPlanEndDate",
      "The episode has more than one open CIN plan (no end date).", r4004),
    R("4010", E, CIN_PLAN, "CINPlanStartDate",
      "The CIN plan start date is missing or after the end of the census year.", r4010),
    R("4011", E, CIN_PLAN, "CINPlanEndDate;CINPlanStartDate", "The CIN plan ends before it starts.",
      r4011),
    R("4012Q", Q, CIN_PLAN, "CINPlanStartDate;CINPlanEndDate",
      "Check the CIN plan: it starts and ends on the same day.", r4012q),
    R("4013", E, CIN_PLAN, "CINPlanEndDate;ReferenceDate",
      "The CIN plan end date is not in the census year.", r4013),
    R("4014", E, CIN_PLAN, "CINPlanStartDate;CINPlanEndDate", "The child's CIN plans overlap.",
      r4014),
    R("4015", E, CIN_PLAN, "CINPlanStartDate;CINreferralDate",
      "The CIN plan starts before the referral date.", r4015),
    R("4016", E, CIN_PLAN, "CINPlanStartDate;CPPstartDate;CPPendDate",
      "A CIN plan starts while a child protection plan is open.", r4016),
    R("4017", E, CIN_PLAN, "CINPlanStartDate;CINPlanEndDate;CPPstartDate",
      "A child protection plan starts while a CIN plan is open.", r4017),
    /* Section47 */
    R("1104", E, CIN_S47, "CINreferralDate;DateOfInitialCPC",
      "The initial child protection conference is before the referral date.", r1104),
    R("2884", E, CIN_S47, "DateOfInitialCPC",
      "An initial child protection conference is recorded both on the section 47 enquiry and "
      "on the episode; record it once.",
      r2884),
    R("2889", E, CIN_S47, "S47ActualStartDate;CINreferralDate",
      "The section 47 enquiry starts before the referral date.", r2889),
    R("8615", E, CIN_S47, "S47ActualStartDate;DateOfInitialCPC",
      "The section 47 enquiry start date is missing or after the initial conference.", r8615),
    R("8675Q", Q, CIN_S47, "S47ActualStartDate;DateOfInitialCPC;ICPCnotRequired",
      "Check the section 47 enquiry: it started more than 15 working days before the end of "
      "the census year and has no initial conference.",
      r8675q),
    R("8715", E, CIN_S47, "DateOfInitialCPC",
      "The initial conference date is not in the census year.", r8715),
    R("8740", E, CIN_S47, "S47ActualStartDate;DateOfInitialCPC;ICPCnotRequired",
      "A section 47 enquiry with no initial conference yet must start in the census year.", r8740),
    R("8839", E, CIN_S47, "DateOfInitialCPC;ICPCnotRequired",
      "The episode has more than one section 47 enquiry with no initial conference.", r8839),
    R("8870Q", Q, CIN_S47, "InitialCPCtarget",
      "Check the target date of the initial conference: it is a Saturday or Sunday.", r8870q),
    R("8875", E, CIN_S47, "DateOfInitialCPC",
      "The initial conference date is a Saturday or Sunday.", r8875),
    R("8890", E, CIN_S47, "S47ActualStartDate;DateOfInitialCPC",
      "A section 47 enquiry starts while another in the episode is ongoing.", r8890),
    /* ChildProtectionPlans and Reviews */
    R("1105", E, CIN_CPP, "CPPstartDate;CINreferralDate",
      "The child protection plan starts before the referral date.", r1105),
    R("2883", E, CIN_CPP, "CPPstartDate;DateOfInitialCPC",
      "More child protection plans start in the census year than initial conferences are "
      "held.",
      r2883),
    R("2885", E, CIN_CPP, "CPPstartDate;DateOfInitialCPC",
      "The child protection plan does not start on the day of an initial conference.", r2885),
    R("8565", E, CIN_CPP,
      "CINclosureDate;DateOfInitialCPC;AssessmentActualStartDate;AssessmentAuthorisationDate;"
      "S47ActualStartDate;CPPendDate;CINPlanStartDate;CINPlanEndDate",
      "Activity is dated after the episode closed.", r8565),
    R("8720", E, CIN_CPP, "CPPstartDate",
      "The child protection plan start date is missing or after the end of the census year.",
      r8720),
    R("8730", E, CIN_CPP, "NumberOfPreviousCPP",
      "The number of previous child protection plans is missing or not a whole number from 0.",
      r8730),
    R("8832", E, CIN_CPP, "ReferralNFA",
      "A referral with no further action has a child protection plan.", r8832),
    R("8840", E, CIN_CPP, "CPPstartDate;CPPendDate",
      "The child protection plan starts and ends on the same day.", r8840),
    R("8841", E, CIN_CPP, "CPPstartDate;CPPreviewDate",
      "A review is on or before the child protection plan's start.", r8841),
    R("8842Q", Q, CIN_REVIEW, "CPPreviewDate", "Check the review: it has no date.", r8842q),
    R("8905", E, CIN_CPP, "InitialCategoryOfAbuse",
      "The initial category of abuse is missing or not a valid code.", r8905),
    R("8910", E, CIN_CPP, "LatestCategoryOfAbuse",
      "The latest category of abuse is missing or not a valid code.", r8910),
    R("8915", E, CIN_CPP, "CPPstartDate;PersonDeathDate",
      "The child protection plan starts after the child's date of death.", r8915),
    R("8920", E, CIN_CPP, "PersonDeathDate;CPPendDate",
      "The child protection plan ends after the child's date of death.", r8920),
    R("8925", E, CIN_CPP, "CPPstartDate;CPPendDate",
      "The child protection plan ends before it starts.", r8925),
    R("8930", E, CIN_CPP, "CPPendDate;ReferenceDate",
      "The child protection plan end date is not in the census year.", r8930),
    R("8935", E, CIN_CPP, "CPPendDate",
      "The child has more than one open child protection plan (no end date).", r8935),
    R("8940", E, CIN_CPP, "CPPstartDate;CPPendDate", "The child's child protection plans overlap.",
      r8940),
};

/* 2023/24: 1530's list of LA codes gained 942 and 943 (the LA code table in domain/ident.c
 * carries the codes by year). */
static const struct rule rules_2024[] = {
    R("1530", E, CIN_CHILD, "UPN",
      "The UPN's characters 2 to 4 are not a local authority code the DfE recognises.", r1530),
};

/* 2024/25: sex (M, F, U) replaces gender (0, 1, 2, 9); LA child ids are checked; the
 * undifferentiated abuse factors 18A and 19A are queried. */
static const struct rule rules_2025[] = {
    R("1570", E, CIN_CHILD, "LAchildID", "The LA child ID is longer than 20 characters.", r1570),
    R("1580", E, CIN_CHILD, "LAchildID",
      "The LA child ID has characters other than letters and digits.", r1580),
    R("2886Q", Q, CIN_CHILD, "Sex;ExpectedPersonBirthDate",
      "Check sex: more than 2% of the children (unborn children aside) have none recorded, or "
      "U.",
      r2886q_sex),
    R("4180", E, CIN_CHILD, "Sex", "Sex is missing or not one of M, F or U.", r4180_sex),
    R("8750", E, CIN_CHILD, "Sex;PersonBirthDate;ExpectedPersonBirthDate",
      "An unborn child (expected date of birth, no date of birth) must have sex U.", r8750_sex),
    R("8770Q", Q, CIN_CHILD, "UPN;UPNunknown",
      "Check the UPN: a child of school age whose referral led to further action has no UPN "
      "and no reason for it other than UN1.",
      r8770q_2025),
    R("8945Q", Q, CIN_ASSESSMENT, "AssessmentFactors",
      "Check the factors: use 18B or 18C (physical abuse by a child or an adult) rather than "
      "18A.",
      r8945q),
    R("8950Q", Q, CIN_ASSESSMENT, "AssessmentFactors",
      "Check the factors: use 19B or 19C (sexual abuse by a child or an adult) rather than "
      "19A.",
      r8950q),
};

#define YEAR_OF(y, rules)                                                                          \
    {                                                                                              \
        (y), (rules), (int)(sizeof(rules) / sizeof((rules)[0])), NULL                              \
    }

/* 2025/26 and 2026/27 change no rule so far: listed so that they are known years. */
static const struct rule_year cin_years[] = {
    YEAR_OF(2023, rules_2023), YEAR_OF(2024, rules_2024), YEAR_OF(2025, rules_2025),
    {2026, NULL, 0, NULL},     {2027, NULL, 0, NULL},
};

const struct ret_kind ret_kind_cin = {
    .name = "cin",
    .title = "CIN census",
    .tables = cin_tables,
    .ntables = CIN_NTABLES,
    .years = cin_years,
    .nyears = (int)(sizeof(cin_years) / sizeof(cin_years[0])),
};
