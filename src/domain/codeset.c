/*
 * The code sets as data, and the lookups over them.
 *
 * Each set is a table of rows in the order the DfE lists the codes (the order people read
 * them in); years say when a code is valid, so a year's change is one edited row rather
 * than a new table. Sources: ../shared/reference/statutory-data.md §1.3 and §2.3, checked
 * against the CIN XSDs 2021-2026 of liia-tools-pipeline (enumerations and labels), the 903
 * code lists of csc-validator-be-903's per-year rules, and its YAML column maps; see
 * docs/codesets.md. Labels marked in `note` as unverified come from the research notes'
 * [K] wording and should be checked against the DfE guide of the year.
 *
 * Lookups go through a per-set perfect hash built once on first use: each code is packed
 * into a 64-bit key (its first 8 bytes, zero-padded; a longer code's tail is hashed into
 * the key as well, so "pp-meeting-a" and "pp-meeting-b" get different keys) and the set
 * gets a multiplier under which every key lands in its own slot of 256. A lookup is then a
 * multiply, one slot and one integer comparison for every DfE code (none is longer than 6
 * bytes); kith's longer codes also compare their tails once the keys match. No allocation,
 * no locks after the first call: about 7 ns a lookup on the development machine.
 */
#include "domain/codeset.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A row names only the fields it needs ({"WBRI", "White British"}); C makes the rest zero,
 * which is what "no years, no note" means, so the warning about it is noise here. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* ---- shared child-level sets (CIN census; kith's person record) ---- */

static const struct code sex[] = {
    {"M", "Male", 2025, 0, .note = "Sex (N00783) from 2024/25"},
    {"F", "Female", 2025, 0},
    {"U", "Unknown", 2025, 0, .note = "an unborn child must have U (rule 8750)"},
    {"1", "Male", 0, 2024, .note = "GenderCurrent (N00065) to 2023/24"},
    {"2", "Female", 0, 2024},
    {"0", "Not recorded, or unborn", 0, 2024},
    {"9", "Indeterminate", 0, 2024},
};

static const struct code ethnicity[] = {
    {"WBRI", "White British"},
    {"WIRI", "White Irish"},
    {"WIRT", "Traveller of Irish heritage"},
    {"WOTH", "Any other White background"},
    {"WROM", "Gypsy or Roma"},
    {"MWBC", "White and Black Caribbean"},
    {"MWBA", "White and Black African"},
    {"MWAS", "White and Asian"},
    {"MOTH", "Any other mixed background"},
    {"AIND", "Indian"},
    {"APKN", "Pakistani"},
    {"ABAN", "Bangladeshi"},
    {"AOTH", "Any other Asian background"},
    {"BCRB", "Black Caribbean"},
    {"BAFR", "Black African"},
    {"BOTH", "Any other Black background"},
    {"CHNE", "Chinese"},
    {"OOTH", "Any other ethnic group"},
    {"REFU", "Refused"},
    {"NOBT", "Information not yet obtained"},
};

static const struct code disability[] = {
    {"NONE", "No disability", .note = "only on its own (rule 8790)"},
    {"MOB", "Mobility"},
    {"HAND", "Hand function"},
    {"PC", "Personal care"},
    {"INC", "Incontinence"},
    {"COMM", "Communication"},
    {"LD", "Learning"},
    {"HEAR", "Hearing"},
    {"VIS", "Vision"},
    {"BEH", "Behaviour"},
    {"CON", "Consciousness"},
    {"AUT", "Autism"},
    {"DDA", "Other disability"},
};

static const struct code upn_unknown[] = {
    {"UN1", "Not of school age and no UPN yet",
     .note = "not acceptable for a child of school age (rule 8770Q)"},
    {"UN2", "Never attended an English maintained school"},
    {"UN3", "Educated outside England"},
    {"UN4", "Newly arrived; UPN not yet known"},
    {"UN5", "UPN not known because of a record-matching discrepancy"},
    {"UN6", "Unborn", .note = "wording not verified against the DfE guide"},
    {"UN7", "Referral with no further action", .note = "rule 8772"},
};

/* ---- CIN census ---- */

static const struct code referral_source[] = {
    {"1A", "Individual: family member, relative or carer"},
    {"1B", "Individual: acquaintance, such as a neighbour or childminder"},
    {"1C", "Individual: self"},
    {"1D", "Individual: other, including strangers"},
    {"2A", "Schools"},
    {"2B", "Education services"},
    {"3A", "Health services: general practitioner (GP)"},
    {"3B", "Health services: health visitor"},
    {"3C", "Health services: school nurse"},
    {"3D", "Health services: other primary health services"},
    {"3E", "Health services: accident and emergency (A&E)"},
    {"3F", "Health services: other, such as a hospice"},
    {"4", "Housing: local authority housing or a housing association"},
    {"5A", "LA services: social care, such as adult social care"},
    {"5B", "LA services: another internal department, such as youth offending"},
    {"5C", "LA services: external, such as another LA's services"},
    {"5D", "LA services: early help", 2023, 0, .note = "first in the 2022/23 census"},
    {"6", "Police"},
    {"7", "Other legal agency: courts, probation, immigration, Cafcass or prison"},
    {"8", "Other: children's centres, independent or voluntary providers"},
    {"9", "Anonymous"},
    {"10", "Unknown"},
};

static const struct code primary_need[] = {
    {"N1", "Abuse, neglect and exploitation", .label_from = 2026,
     .earlier_label = "Abuse or neglect", .note = "relabelled in the 2025/26 schema"},
    {"N2", "Child's disability"},
    {"N3", "Parental disability or illness"},
    {"N4", "Family in acute stress"},
    {"N5", "Family dysfunction"},
    {"N6", "Socially unacceptable behaviour"},
    {"N7", "Low income"},
    {"N8", "Absent parenting"},
    {"N9", "Cases other than children in need"},
    {"N0", "Not stated"},
};

static const struct code closure_reason[] = {
    {"RC1", "Adopted"},
    {"RC2", "Died"},
    {"RC3", "Child arrangements order"},
    {"RC4", "Special guardianship order"},
    {"RC5", "Transferred to the services of another local authority"},
    {"RC6", "Transferred to adult social care services"},
    {"RC7", "Services ceased for any other reason, including no longer in need"},
    {"RC8", "Case closed after assessment, no further action"},
    {"RC9", "Case closed after assessment, referred to early help", 2023, 0,
     .note = "first in the 2022/23 census"},
};

static const struct code abuse_category[] = {
    {"NEG", "Neglect"},
    {"PHY", "Physical abuse"},
    {"SAB", "Sexual abuse"},
    {"EMO", "Emotional abuse"},
    {"MUL", "Multiple, or not recommended"},
};

static const struct code assessment_factor[] = {
    {"1A", "Alcohol misuse by the child"},
    {"1B", "Alcohol misuse by a parent or carer"},
    {"1C", "Alcohol misuse by another person in the household"},
    {"2A", "Drug misuse by the child"},
    {"2B", "Drug misuse by a parent or carer"},
    {"2C", "Drug misuse by another person in the household"},
    {"3A", "Domestic violence: the child subject to it"},
    {"3B", "Domestic violence: a parent or carer subject to it"},
    {"3C", "Domestic violence: another person in the household subject to it"},
    {"4A", "Mental health of the child"},
    {"4B", "Mental health of a parent or carer"},
    {"4C", "Mental health of another person in the family or household"},
    {"5A", "Learning disability of the child"},
    {"5B", "Learning disability of a parent or carer"},
    {"5C", "Learning disability of another person in the family or household"},
    {"6A", "Physical disability or illness of the child"},
    {"6B", "Physical disability or illness of a parent or carer"},
    {"6C", "Physical disability or illness of another person in the family or household"},
    {"7A", "Young carer"},
    {"8B", "Privately fostered: overseas child who intends to return"},
    {"8C", "Privately fostered: overseas child who intends to stay"},
    {"8D", "Privately fostered: UK child in an educational placement"},
    {"8E", "Privately fostered: UK child in an alternative family arrangement"},
    {"8F", "Privately fostered: other"},
    {"9A", "Unaccompanied asylum-seeking child"},
    {"10A", "Going or being missing"},
    {"11A", "Child sexual exploitation"},
    {"12A", "Trafficking"},
    {"13A", "Gangs"},
    {"14A", "Socially unacceptable behaviour"},
    {"15A", "Self-harm"},
    {"16A", "Abuse or neglect: neglect"},
    {"17A", "Abuse or neglect: emotional abuse"},
    {"18A", "Abuse or neglect: physical abuse (not saying by whom)", .queried_from = 2025,
     .note = "legacy: use 18B or 18C (query 8945Q from 2024/25)"},
    {"18B", "Abuse or neglect: physical abuse by another child"},
    {"18C", "Abuse or neglect: physical abuse by an adult"},
    {"19A", "Abuse or neglect: sexual abuse (not saying by whom)", .queried_from = 2025,
     .note = "legacy: use 19B or 19C (query 8950Q from 2024/25)"},
    {"19B", "Abuse or neglect: sexual abuse by another child"},
    {"19C", "Abuse or neglect: sexual abuse by an adult"},
    {"20", "Other"},
    {"21", "No factors identified", .note = "only on its own (rule 8869)"},
    {"22A", "Female genital mutilation (FGM)"},
    {"23A", "Abuse linked to faith or belief"},
    {"24A", "Child criminal exploitation", 2022, 0, .note = "first in the 2021/22 census"},
};

static const struct code cin_yes_no[] = {
    {"true", "Yes"},
    {"false", "No"},
    {"1", "Yes"},
    {"0", "No"},
    {"TRUE", "Yes", .note = "accepted by the reference validator; not an xs:boolean form"},
    {"FALSE", "No", .note = "accepted by the reference validator; not an xs:boolean form"},
};

/* ---- SSDA903 ---- */

static const struct code sex_903[] = {
    {"M", "Male", 2025, 0},
    {"F", "Female", 2025, 0},
    {"U", "Unknown", 2025, 0, .note = "draws query 232"},
    {"1", "Male", 0, 2024},
    {"2", "Female", 0, 2024},
};

static const struct code upn_unknown_903[] = {
    {"UN1", "Not of school age", .note = "not for a child of school age (rule 209)"},
    {"UN2", "Never attended an English maintained school"},
    {"UN3", "Educated outside England"},
    {"UN4", "Newly looked after in the last week of the year",
     .note = "not for a child looked after more than a week at 31 March (rule 210)"},
    {"UN5", "UPN not known because of a record-matching discrepancy"},
};

static const struct code flag_903[] = {
    {"0", "No"},
    {"1", "Yes"},
};

static const struct code new_episode_reason[] = {
    {"S", "Started to be looked after"},
    {"L", "Change of legal status only"},
    {"P", "Change of placement and carer(s) only"},
    {"T", "Change of placement, same carer(s)"},
    {"U", "Change of legal status and placement, same carer(s)"},
    {"B", "Change of legal status, placement and carer(s)"},
};

static const struct code legal_status[] = {
    {"C1", "Interim care order"},
    {"C2", "Full care order"},
    {"D1", "Freeing order granted"},
    {"E1", "Placement order granted"},
    {"V2", "Single period of accommodation under section 20"},
    {"V3", "Short breaks recorded as individual episodes"},
    {"V4", "Short breaks recorded as an agreed series"},
    {"L1", "Police protection, in local authority accommodation"},
    {"L2", "Emergency protection order"},
    {"L3", "Child assessment order, in local authority accommodation"},
    {"J1", "Remanded to local authority or youth detention accommodation"},
    {"J2", "In local authority accommodation under PACE"},
    {"J3", "Youth rehabilitation order with a residence or intensive fostering requirement"},
};

static const struct code category_of_need[] = {
    {"N1", "Abuse or neglect"},
    {"N2", "Child's disability"},
    {"N3", "Parental disability or illness"},
    {"N4", "Family in acute stress"},
    {"N5", "Family dysfunction"},
    {"N6", "Socially unacceptable behaviour"},
    {"N7", "Low income"},
    {"N8", "Absent parenting"},
};

static const struct code placement[] = {
    {"A3", "Placed for adoption with parental consent, with current foster carer(s)"},
    {"A4", "Placed for adoption with parental consent, not with current foster carer(s)"},
    {"A5", "Placed for adoption under a placement order, with current foster carer(s)"},
    {"A6", "Placed for adoption under a placement order, not with current foster carer(s)"},
    {"H5", "Semi-independent living not subject to children's homes regulations", 0, 2024,
     .note = "withdrawn in 2024/25; K3 replaces it (rule 503D)"},
    {"K1", "Secure children's home"},
    {"K2", "Children's home subject to children's homes regulations"},
    {"K3", "Supported accommodation", 2025, 0,
     .note = "added in 2024/25, replacing H5; not under 16 (rule 371)"},
    {"P1", "With parent(s) or another person with parental responsibility"},
    {"P2", "Independent living, such as a flat or tenancy", 0, 2024,
     .note = "withdrawn in 2024/25"},
    {"P3", "Residential employment"},
    {"R1", "Residential care home"},
    {"R2", "NHS or health trust establishment"},
    {"R3", "Family centre or mother and baby unit"},
    {"R5", "Young offender institution"},
    {"S1", "Residential school, not dual-registered as a children's home"},
    {"T0", "Temporary move: all types"},
    {"T1", "Temporary move: hospital"},
    {"T2", "Temporary move: child's holiday"},
    {"T3", "Temporary move: foster carer's holiday"},
    {"T4", "Temporary move of 7 days or less, for another reason"},
    {"U1", "Foster placement with a relative or friend: long term"},
    {"U2", "Foster placement with a relative or friend who is an approved adopter (FFA or "
           "concurrent planning)"},
    {"U3", "Foster placement with a relative or friend: other"},
    {"U4", "Foster placement with another foster carer: long term"},
    {"U5", "Foster placement with another foster carer who is an approved adopter (FFA or "
           "concurrent planning)"},
    {"U6", "Foster placement with another foster carer: other"},
    {"Z1", "Other placement", 0, 2025, .note = "replaced by Z11-Z14 in 2025/26"},
    {"Z11", "Other placement (first of the four that replace Z1)", 2026, 0,
     .note = "DfE wording not yet recorded in kith"},
    {"Z12", "Other placement (second of the four that replace Z1)", 2026, 0,
     .note = "DfE wording not yet recorded; expected for a child under a DoLO (rule 709)"},
    {"Z13", "Other placement (third of the four that replace Z1)", 2026, 0,
     .note = "DfE wording not yet recorded; expected for a child under a DoLO (rule 709)"},
    {"Z14", "Other placement (fourth of the four that replace Z1)", 2026, 0,
     .note = "DfE wording not yet recorded in kith"},
};

static const struct code provider[] = {
    {"PR0", "Parent or other person with parental responsibility"},
    {"PR1", "Own local authority, including a regional adoption agency it hosts"},
    {"PR2", "Another local authority"},
    {"PR3", "Another public body"},
    {"PR4", "Private provider"},
    {"PR5", "Voluntary or third-sector provider"},
};

static const struct code reason_ceased[] = {
    {"X1", "Episode ended, care continues (a new episode follows)"},
    {"E11", "Adopted: application unopposed"},
    {"E12", "Adopted: consent dispensed with by the court"},
    {"E2", "Died"},
    {"E3", "Care taken over by another local authority"},
    {"E4A", "Returned home to parents or relatives as part of the care plan"},
    {"E4B", "Returned home to parents or relatives, not as part of the care plan"},
    {"E13", "Left care to live with a parent, relative or other person without parental "
            "responsibility"},
    {"E41", "Residence order or child arrangements order granted"},
    {"E45", "Special guardianship order to former foster carer(s) who were relatives or "
            "friends"},
    {"E46", "Special guardianship order to former foster carer(s), other"},
    {"E47", "Special guardianship order to carer(s) other than former foster carer(s), "
            "relatives or friends"},
    {"E48", "Special guardianship order to carer(s) other than former foster carer(s), other"},
    {"E5", "Moved into independent living with supportive accommodation"},
    {"E6", "Moved into independent living without formalised support"},
    {"E7", "Transferred to residential care funded by adult social care"},
    {"E8", "Care ceased for any other reason"},
    {"E9", "Sentenced to custody"},
    {"E14", "Accommodation on remand ended"},
    {"E15", "Age assessment found the child to be 18 or over"},
    {"E16", "Child moved abroad"},
    {"E17", "Aged 18 or over and stayed with current carers (staying put)"},
};

static const struct code placement_change_reason[] = {
    {"CARPL", "Change to or implementation of the care plan"},
    {"CLOSE", "Resignation or closure of the provider"},
    {"ALLEG", "Allegation (section 47 enquiry)"},
    {"STAND", "Concerns about standards of care"},
    {"APPRR", "Carer's approval removed"},
    {"CREQB", "Carer asked for the placement to end because of the child's behaviour"},
    {"CREQO", "Carer asked for the placement to end for another reason"},
    {"CHILD", "Child asked for the placement to end"},
    {"LAREQ", "Responsible or area authority asked for the placement to end"},
    {"PLACE", "Change in the status of the placement only"},
    {"CUSTOD", "Child went into custody"},
    {"OTHER", "Other reason"},
};

static const struct code participation[] = {
    {"PN0", "Child under 4 at the time of the review"},
    {"PN1", "Attended and spoke for themselves"},
    {"PN2", "Attended; an advocate spoke for them"},
    {"PN3", "Attended and conveyed their views without words"},
    {"PN4", "Attended but did not contribute"},
    {"PN5", "Did not attend; briefed an advocate to speak for them"},
    {"PN6", "Did not attend; conveyed their views another way"},
    {"PN7", "Did not attend and conveyed no views"},
};

static const struct code sdq_reason[] = {
    {"SDQ1", "No SDQ: child outside the 4 to 16 age band"},
    {"SDQ2", "No SDQ: carer refused"},
    {"SDQ3", "No SDQ: the child's disability prevents it"},
    {"SDQ4", "No SDQ: other reason"},
    {"SDQ5", "No SDQ: young person refused"},
};

static const struct code in_touch[] = {
    {"YES", "In touch"},
    {"NO", "Not in touch"},
    {"DIED", "Died"},
    {"REFU", "Young person refuses contact"},
    {"NREQ", "Young person no longer requires services"},
    {"RHOM", "Returned home to parents for 6 months or more"},
};

static const struct code activity[] = {
    {"F1", "Full-time in higher education"},
    {"P1", "Part-time in higher education"},
    {"F2", "Full-time in education other than higher education"},
    {"P2", "Part-time in education other than higher education"},
    {"F4", "Full-time apprenticeship", .note = "F4/P4 and F5/P5 split the old F3/P3"},
    {"P4", "Part-time apprenticeship"},
    {"F5", "Full-time training or employment other than an apprenticeship"},
    {"P5", "Part-time training or employment other than an apprenticeship"},
    {"G4", "Not in education, employment or training: illness or disability"},
    {"G5", "Not in education, employment or training: other reasons"},
    {"G6", "Not in education, employment or training: pregnancy or parenting"},
    {"0", "Not applicable"},
};

/* Letter = kind of accommodation, digit = suitable (1) or not (2). No fixed abode (S) and
 * custody (X) are never suitable: the reference rule 133 accepts only S2 and X2. */
static const struct code accommodation[] = {
    {"B1", "With parents or relatives: suitable"},
    {"B2", "With parents or relatives: not suitable"},
    {"C1", "Community home or other residential care: suitable"},
    {"C2", "Community home or other residential care: not suitable"},
    {"D1", "Semi-independent, transitional accommodation: suitable"},
    {"D2", "Semi-independent, transitional accommodation: not suitable"},
    {"E1", "Supported lodgings: suitable"},
    {"E2", "Supported lodgings: not suitable"},
    {"G1", "Gone abroad: suitable"},
    {"G2", "Gone abroad: not suitable"},
    {"H1", "Deported: suitable"},
    {"H2", "Deported: not suitable"},
    {"K1", "Ordinary lodgings without formal support: suitable"},
    {"K2", "Ordinary lodgings without formal support: not suitable"},
    {"R1", "Residence not known: suitable"},
    {"R2", "Residence not known: not suitable"},
    {"S2", "No fixed abode or homeless: not suitable"},
    {"T1", "Foyer or similar supported accommodation: suitable",
     .note = "only for a care leaver of 18 or over (rule 347)"},
    {"T2", "Foyer or similar supported accommodation: not suitable"},
    {"U1", "Independent living: suitable"},
    {"U2", "Independent living: not suitable"},
    {"V1", "Emergency accommodation: suitable"},
    {"V2", "Emergency accommodation: not suitable"},
    {"W1", "Bed and breakfast: suitable"},
    {"W2", "Bed and breakfast: not suitable"},
    {"X2", "In custody: not suitable"},
    {"Y1", "Other accommodation: suitable"},
    {"Y2", "Other accommodation: not suitable"},
    {"Z1", "With former foster carers: suitable"},
    {"Z2", "With former foster carers: not suitable"},
    {"0", "Not applicable"},
};

static const struct code adopter_count[] = {
    {"1", "One adopter"},
    {"2", "Two adopters"},
};

static const struct code adopter_sex[] = {
    {"M1", "Single male adopter"},         {"F1", "Single female adopter"},
    {"MM", "Two male adopters"},           {"FF", "Two female adopters"},
    {"MF", "A male and a female adopter"},
};

static const struct code adopter_legal_status[] = {
    {"L0", "Single adopter"},
    {"L11", "Married couple of different sexes"},
    {"L12", "Married couple of the same sex"},
    {"L2", "Civil partners"},
    {"L3", "Unmarried couple of different sexes"},
    {"L4", "Unmarried couple of the same sex"},
};

static const struct code adoption_reversal_reason[] = {
    {"RD1", "The child's needs changed"},
    {"RD2", "The court did not make a placement order"},
    {"RD3", "Prospective adopters could not be found"},
    {"RD4", "Any other reason"},
};

static const struct code previous_permanence[] = {
    {"P1", "Adoption"},
    {"P2", "Special guardianship order"},
    {"P3", "Residence order or child arrangements order naming where the child lives",
     .note = "wording not verified against the DfE guide"},
    {"P4", "Another permanence order", .note = "wording not verified against the DfE guide"},
    {"Z1", "None, or not known", .note = "LA_PERM and DATE_PERM then blank (rule 635)"},
};

static const struct code missing[] = {
    {"M", "Missing: whereabouts unknown"},
    {"A", "Away from placement without authorisation: whereabouts known"},
};

static const struct code sw_reason[] = {
    {"MANAGE", "Management decision", 2024, 0},
    {"FCONTA", "Fixed-term contract ended", 2024, 0},
    {"LEFTRL", "Social worker left the role", 2024, 0},
    {"ORGRST", "Organisational restructure", 2024, 0},
    {"TSPROC", "Transfer between teams or processes", 2024, 0},
    {"ABSENC", "Social worker's long absence", 2024, 0},
    {"CHCHAN", "Child's circumstances changed", 2024, 0},
    {"PCCHAN", "Placement or care arrangements changed", 2024, 0},
    {"SWDIED", "Social worker died", 2024, 0},
    {"OTHERS", "Other reason", 2024, 0},
};

/* ---- vocabularies of kith's enums: row i is enum value i ---- */

static const struct code person_kind[] = {
    [PERSON_CHILD] = {"child", "Child"},
    [PERSON_RELATIVE] = {"relative", "Relative, carer or other linked person"},
};

static const struct code service[] = {
    [SERVICE_FRONT_DOOR] = {"front-door", "Front door (contacts and MASH)"},
    [SERVICE_ASSESSMENT] = {"assessment", "Assessment"},
    [SERVICE_CHILD_IN_NEED] = {"child-in-need", "Child in need"},
    [SERVICE_CHILD_PROTECTION] = {"child-protection", "Child protection"},
    [SERVICE_CHILDREN_IN_CARE] = {"children-in-care", "Children in care"},
    [SERVICE_LEAVING_CARE] = {"leaving-care", "Leaving care"},
    [SERVICE_FOSTERING] = {"fostering", "Fostering"},
    [SERVICE_ADOPTION] = {"adoption", "Adoption"},
    [SERVICE_EARLY_HELP] = {"early-help", "Early help"},
    [SERVICE_QUALITY_ASSURANCE] = {"quality-assurance",
                                   "Quality assurance (IROs and child protection chairs)"},
};

static const struct code worker_role[] = {
    [ROLE_SOCIAL_WORKER] = {"social-worker", "Social worker"},
    [ROLE_SENIOR_PRACTITIONER] = {"senior-practitioner", "Senior practitioner"},
    [ROLE_TEAM_MANAGER] = {"team-manager", "Team manager"},
    [ROLE_PERSONAL_ADVISER] = {"personal-adviser", "Personal adviser"},
    [ROLE_IRO] = {"iro", "Independent reviewing officer (IRO)"},
    [ROLE_CP_CHAIR] = {"cp-chair", "Child protection chair"},
    [ROLE_FAMILY_SUPPORT_WORKER] = {"family-support-worker", "Family support worker"},
    [ROLE_SUPERVISING_SOCIAL_WORKER] = {"supervising-social-worker",
                                        "Supervising social worker (fostering)"},
    [ROLE_HEAD_OF_SERVICE] = {"head-of-service", "Head of service"},
};

static const struct code user_role[] = {
    [UROLE_SOCIAL_WORKER] = {"social-worker", "Social worker"},
    [UROLE_TEAM_MANAGER] = {"team-manager", "Team manager"},
    [UROLE_CP_CHAIR_IRO] = {"cp-chair-iro", "Child protection chair or IRO"},
    [UROLE_PERSONAL_ADVISER] = {"personal-adviser", "Personal adviser"},
    [UROLE_FOSTERING_WORKER] = {"fostering-worker", "Fostering worker"},
    [UROLE_PERFORMANCE_ANALYST] = {"performance-analyst", "Performance analyst"},
    [UROLE_RECRUITER] = {"recruiter", "Recruiter"},
    [UROLE_ADMINISTRATOR] = {"administrator", "Administrator"},
    [UROLE_AUDITOR] = {"auditor", "Auditor or data protection officer"},
};

static const struct code allocation_role[] = {
    [ALLOC_SOCIAL_WORKER] = {"social-worker", "Allocated social worker"},
    [ALLOC_PERSONAL_ADVISER] = {"personal-adviser", "Personal adviser"},
    [ALLOC_IRO] = {"iro", "Independent reviewing officer (IRO)"},
    [ALLOC_CP_CHAIR] = {"cp-chair", "Child protection chair"},
    [ALLOC_LCPP] = {"lcpp", "Lead child protection practitioner"},
};

/* ---- kith's own sets ---- */

/* Read from the child's side: "mother" means the other person is the child's mother. */
static const struct code relationship[] = {
    {"mother", "Mother"},
    {"father", "Father"},
    {"step-parent", "Step-parent"},
    {"parent-partner", "A parent's partner"},
    {"adoptive-parent", "Adoptive parent"},
    {"special-guardian", "Special guardian"},
    {"grandparent", "Grandparent"},
    {"sibling", "Brother or sister"},
    {"half-sibling", "Half-brother or half-sister"},
    {"step-sibling", "Step-brother or step-sister"},
    {"aunt-uncle", "Aunt or uncle"},
    {"cousin", "Cousin"},
    {"other-relative", "Other relative"},
    {"foster-carer", "Foster carer"},
    {"connected-carer", "Connected person or kinship carer"},
    {"family-friend", "Friend or family friend"},
    {"neighbour", "Neighbour"},
    {"other", "Other significant person"},
};

/* ---- the workforce census items of a worker (domain/workforce.c) ---- */

static const struct code qual_level[] = {
    {"undergraduate", "Undergraduate degree"},
    {"postgraduate", "Postgraduate degree or diploma"},
    {"other", "Other social work qualification"},
};

/* How the worker came into social work: the census asks for Step Up and the fast-track
 * programmes by name. */
static const struct code entry_route[] = {
    {"university", "University course"},
    {"step-up", "Step Up to Social Work"},
    {"frontline", "Frontline (fast-track, children's)"},
    {"think-ahead", "Think Ahead (fast-track, mental health)"},
    {"apprenticeship", "Social work degree apprenticeship"},
    {"overseas", "Qualified outside the UK"},
    {"other", "Other route"},
};

static const struct code start_origin[] = {
    {"newly-qualified", "Newly qualified social worker"},
    {"other-la", "Social work in another local authority in England"},
    {"outside-england", "Social work outside England"},
    {"agency", "Agency or consultancy social work"},
    {"non-la", "Other social work outside a local authority"},
    {"social-care", "Another social care role"},
    {"outside-social-care", "A role outside social care"},
    {"not-known", "Not known"},
};

static const struct code leaver_destination[] = {
    {"other-la", "Social work in another local authority in England"},
    {"outside-england", "Social work outside England"},
    {"agency", "Agency or consultancy social work"},
    {"non-la", "Other social work outside a local authority"},
    {"social-care", "Another social care role"},
    {"outside-social-care", "A role outside social care"},
    {"retired", "Retired"},
    {"not-known", "Not known"},
};

static const struct code leaving_reason[] = {
    {"resigned", "Resigned"},
    {"retired", "Retired"},
    {"contract-ended", "Fixed-term or agency contract ended"},
    {"redundancy", "Redundancy"},
    {"dismissed", "Dismissed"},
    {"career-break", "Career break"},
    {"died", "Died"},
    {"other", "Other reason"},
    {"not-known", "Not known"},
};

/* Why a worker was absent: the census's working days lost are sickness absence's. */
static const struct code absence_reason[] = {
    {"sickness", "Sickness"},
    {"parental", "Maternity, paternity, adoption or shared parental leave"},
    {"compassionate", "Compassionate or bereavement leave"},
    {"unpaid", "Unpaid leave"},
    {"other", "Other absence"},
};

/* The five role categories of the DfE's statutory guidance on agency child and family
 * social workers, against which each region sets its price caps. */
static const struct code agency_role[] = {
    {"social-worker", "Social worker"},
    {"senior-social-worker", "Senior social worker"},
    {"advanced-practitioner", "Advanced practitioner"},
    {"team-manager", "Team manager"},
    {"iro-cp-chair", "Independent reviewing officer or child protection chair"},
};

/* The nine English regions, whose councils agree agency price caps together: the setting
 * "region" names the council's own, and each agency_cap row the region it is for. */
static const struct code agency_region[] = {
    {"north-east", "North East"},
    {"north-west", "North West"},
    {"yorkshire-humber", "Yorkshire and the Humber"},
    {"east-midlands", "East Midlands"},
    {"west-midlands", "West Midlands"},
    {"east", "East of England"},
    {"london", "London"},
    {"south-east", "South East"},
    {"south-west", "South West"},
};

/* Why an allocation ended, each with the 903 SW_REASON it is reported as (2023/24 on). */
static const struct code allocation_end[] = {
    {"case-closed", "Case closed"},
    {"case-transferred", "Case transferred to another team", .dfe_code = "TSPROC"},
    {"caseload-rebalanced", "Caseload rebalanced by a manager", .dfe_code = "MANAGE"},
    {"worker-left", "Worker left the role or the service", .dfe_code = "LEFTRL"},
    {"contract-ended", "Worker's fixed-term or agency contract ended", .dfe_code = "FCONTA"},
    {"restructure", "Teams restructured", .dfe_code = "ORGRST"},
    {"worker-absence", "Worker on long-term absence", .dfe_code = "ABSENC"},
    {"child-circumstances", "Child's circumstances changed", .dfe_code = "CHCHAN"},
    {"placement-change", "Child's placement or care arrangements changed", .dfe_code = "PCCHAN"},
    {"family-request", "Child or family asked for a different worker", .dfe_code = "OTHERS"},
    {"worker-died", "Worker died", .dfe_code = "SWDIED"},
    {"recorded-in-error", "Allocation recorded in error"},
    {"other", "Other reason", .dfe_code = "OTHERS"},
};

/* Why a record is narrowed to an allow-list (ecosystem-and-security.md R6). */
static const struct code restriction_reason[] = {
    {"staff-child", "The child or family is related to a member of staff"},
    {"public-profile", "The child or family is known to the public or the media"},
    {"address-protected", "Where the child lives must not be disclosed"},
    {"adoption", "Adoption: the birth and adoptive families are kept apart"},
    {"investigation", "A police or professional-standards investigation"},
    {"other", "Another reason, recorded with the authoriser"},
};

/* Where an NHS number came from: a trace of the NHS's own records first (the PDS, or
 * CP-IS, which carries it), then the people who give one; "not-known" when there is none
 * yet, with a reason (nhs_unknown). */
static const struct code nhs_source[] = {
    {"pds-trace", "A trace on the NHS Personal Demographics Service (PDS)"},
    {"cp-is", "Child Protection - Information Sharing (CP-IS)"},
    {"birth-notification", "The birth notification"},
    {"health-visitor", "A health visitor or midwife"},
    {"gp", "The child's GP practice"},
    {"partner", "Another partner: school, police or hospital"},
    {"typed", "Typed from a letter or document the family gave"},
    {"not-known", "Not known"},
};

/* Why a child has no NHS number on record (CWSA 2026 s.4 asks for the reason). */
static const struct code nhs_unknown[] = {
    {"not-traced", "Not traced yet"},
    {"not-registered", "Not registered with the NHS"},
    {"new-arrival", "Born abroad or newly arrived in the UK"},
    {"other", "Another reason (say what)"},
};

static const struct code note_kind[] = {
    {"case-note", "Case note"},
    {"home-visit", "Home visit"},
    {"other-visit", "Visit elsewhere: school, placement or contact centre"},
    {"office-visit", "Office visit"},
    {"phone-call", "Phone or video call"},
    {"direct-work", "Direct work with the child"},
    {"multi-agency-meeting", "Multi-agency meeting"},
    {"management-oversight", "Management oversight"},
    {"supervision", "Supervision"},
    {"correspondence", "Email or letter"},
    /* on the child's chronology (domain/chronology.h) */
    {"significant-event", "Significant event (on the chronology)"},
};

/* What the front door decided about a contact (Working Together 2023: a decision within
 * one working day). */
static const struct code contact_outcome[] = {
    {"nfa", "No further action"},
    {"advice", "Information and advice given"},
    {"family-help", "Passed to family help"},
    {"referral", "Referral to children's social care"},
};

/* The jobs board (domain/vacancy.h): a vacancy's role, contract, hours and working
 * arrangement, which are also the board's filters; the codes are what a shared link
 * carries (/jobs?role=social-worker), so they never change once published. */
static const struct code job_role[] = {
    {"social-worker", "Social worker"},
    {"senior-practitioner", "Senior practitioner"},
    {"advanced-practitioner", "Advanced practitioner"},
    {"team-manager", "Team manager"},
    {"personal-adviser", "Personal adviser"},
    {"family-support-worker", "Family support worker"},
    {"cp-chair-iro", "Child protection chair or independent reviewing officer"},
    {"asye", "Newly qualified social worker (ASYE)"},
    {"trainee", "Step Up to Social Work or apprenticeship"},
};

static const struct code job_contract[] = {
    {"permanent", "Permanent"},
    {"fixed-term", "Fixed term"},
    {"temporary", "Temporary"},
    {"secondment", "Secondment"},
};

static const struct code job_hours[] = {
    {"full-time", "Full time"},
    {"part-time", "Part time"},
};

static const struct code job_arrangement[] = {
    {"office-based", "Office based"},
    {"hybrid", "Hybrid: office and home"},
    {"flexible", "Flexible"},
};

/* Applications (domain/application.c): the form's question and the recruiter's pipeline. */
static const struct code job_right_to_work[] = {
    {"yes", "Yes, I have the right to work in the UK"},
    {"sponsorship", "No, I would need a visa sponsored by the employer"},
};

static const struct code job_stage[] = {
    {"received", "Received"},   {"shortlisted", "Shortlisted"}, {"interview", "Interview"},
    {"offer", "Offer made"},    {"appointed", "Appointed"},     {"rejected", "Not taken forward"},
    {"withdrawn", "Withdrawn"},
};

/* Help and protection (domain/help.c, domain/protection.c): kith's own words where the
 * CIN census has no code. */
static const struct code visit_purpose[] = {
    {"assessment", "Assessment visit"},
    {"cin-plan", "Child in need plan visit"},
    {"cp-plan", "Child protection plan visit"},
    {"pf", "Private fostering visit"},
    {"other", "Another visit"},
};

static const struct code visit_place[] = {
    {"home", "At home"},
    {"school", "At school or nursery"},
    {"office", "At the office"},
    {"elsewhere", "Somewhere else"},
};

/* Working Together 2023: a strategy discussion involves at least children's social care,
 * the police and health, and whoever else knows the child. */
static const struct code agency[] = {
    {"social-care", "Local authority children's social care"},
    {"police", "Police"},
    {"health", "Health"},
    {"education", "School or education"},
    {"probation", "Probation"},
    {"early-help", "Early help"},
    {"other", "Another agency"},
};

static const struct code strategy_outcome[] = {
    {"s47", "Section 47 enquiry"},
    {"cin", "Assessment or support as a child in need (section 17)"},
    {"nfa", "No further action"},
};

static const struct code s47_outcome[] = {
    {"icpc", "Initial child protection conference"},
    {"cin", "Concerns not substantiated: support as a child in need"},
    {"nfa", "Concerns not substantiated: no further action"},
};

static const struct code conference_kind[] = {
    {"initial", "Initial child protection conference"},
    {"review", "Review child protection conference"},
};

static const struct code conference_outcome[] = {
    {"plan", "Child protection plan made", .note = "initial conferences"},
    {"no-plan", "No child protection plan", .note = "initial conferences"},
    {"continue", "Plan continues", .note = "review conferences"},
    {"end-plan", "Plan ends", .note = "review conferences"},
};

/* The profession of a family help lead practitioner (Families First: any profession, with
 * a qualified social worker's sign-off for a child in need). */
static const struct code profession[] = {
    {"social-worker", "Social worker (registered with Social Work England)"},
    {"family-support", "Family support worker"},
    {"early-help", "Early help or family help practitioner"},
    {"health-visitor", "Health visitor"},
    {"school-nurse", "School nurse"},
    {"midwife", "Midwife"},
    {"teacher", "Teacher or school staff"},
    {"youth-worker", "Youth worker"},
    {"mental-health", "Mental health practitioner"},
    {"substance-misuse", "Drug and alcohol practitioner"},
    {"domestic-abuse", "Domestic abuse practitioner"},
    {"police", "Police officer"},
    {"probation", "Probation or youth justice officer"},
    {"housing", "Housing officer"},
    {"other", "Another profession"},
};

/* What a CIN plan's review decided (kith's own: the census records no review). */
static const struct code cin_review_outcome[] = {
    {"continue", "Continue the plan"},
    {"step-up-cp", "Step up to child protection"},
    {"step-down", "Step down to family help"},
    {"close", "Close the plan"},
};

/* Why a family help episode closed. A child in need's CIN episode closes with RC1-RC9 on
 * its referral (help.c); these say where the family went next. */
static const struct code family_help_closure[] = {
    {"needs-met", "Needs met: support ended"},
    {"stepped-up", "Stepped up to a child in need referral"},
    {"step-down", "Stepped down to universal services"},
    {"cp-plan", "Stepped up to child protection"},
    {"looked-after", "Stepped up: the child became looked after"},
    {"moved-away", "Family moved to another area"},
    {"declined", "Family declined or withdrew consent"},
    {"other", "Another reason"},
};

static const struct code exploitation[] = {
    {"cse", "Child sexual exploitation"},
    {"cce", "Child criminal exploitation"},
    {"county-lines", "County lines"},
    {"trafficking", "Trafficking or modern slavery"},
};

static const struct code risk_level[] = {
    {"low", "Low"},
    {"medium", "Medium"},
    {"high", "High"},
};

/* The council's decision on a private fostering arrangement after its assessment. */
static const struct code pf_decision[] = {
    {"suitable", "Arrangement suitable"},
    {"conditions", "Suitable with requirements on the carer"},
    {"not-suitable", "Not suitable: the council acts to end it"},
};

static const struct code fgdm_response[] = {
    {"accepted", "Accepted the offer"},
    {"declined", "Declined the offer"},
    {"no-response", "Did not respond"},
};

static const struct code pp_meeting_kind[] = {
    {"initial", "Initial pre-proceedings meeting"},
    {"review", "Review pre-proceedings meeting"},
};

/* The letters of pre-proceedings, each a CIN census 2026/27 date (LBPSentDate,
 * LetterInitCPDate: the second's meaning is read from its name and is uncertain). */
static const struct code pp_letter[] = {
    {"before-proceedings", "Letter before proceedings", .note = "CIN 2026/27 LBPSentDate"},
    {"issue", "Letter that care proceedings are to be issued",
     .note = "CIN 2026/27 LetterInitCPDate (uncertain)"},
};

/* The outcome of pre-proceedings. The CIN census 2026/27 item PPOutcome codes it A/B/C, with
 * meanings not yet published: each code's note gives the letter the draft sample suggests
 * (A with a court application), which is uncertain. */
static const struct code pp_outcome[] = {
    {"court", "Application to court", .note = "CIN 2026/27 PPOutcome A (uncertain)"},
    {"step-down", "Concerns reduced: step down from pre-proceedings",
     .note = "CIN 2026/27 PPOutcome B (uncertain)"},
    {"continue", "Pre-proceedings extended", .note = "CIN 2026/27 PPOutcome C (uncertain)"},
};

static const struct code court_order[] = {
    {"care", "Care order (Children Act 1989 s.31)"},
    {"supervision", "Supervision order (Children Act 1989 s.31)"},
    {"ico", "Interim care order (s.38)"},
    {"iso", "Interim supervision order (s.38)"},
};

/* ---- the sets ---- */

#define SET(id_, name_, title_, item_, origin_, codes_)                                            \
    [id_] = {.id = (id_),                                                                          \
             .origin = (origin_),                                                                  \
             .name = (name_),                                                                      \
             .title = (title_),                                                                    \
             .item = (item_),                                                                      \
             .codes = (codes_),                                                                    \
             .n = N(codes_),                                                                       \
             .maps_to = -1}

static const struct codeset sets[CODESET_COUNT] = {
    SET(CS_SEX, "sex", "sex (gender before 2024/25)",
        "CIN Sex N00783 (GenderCurrent N00065 to 2023/24); kith's person record", CODESET_CIN, sex),
    SET(CS_ETHNICITY, "ethnicity", "ethnicity", "CIN Ethnicity N00177; SSDA903 header ETHNIC",
        CODESET_DFE, ethnicity),
    SET(CS_DISABILITY, "disability", "disability", "CIN Disability N00099", CODESET_CIN,
        disability),
    SET(CS_UPN_UNKNOWN, "upn-unknown", "reason a UPN is not known", "CIN UPNunknown N00135",
        CODESET_CIN, upn_unknown),
    SET(CS_CIN_REFERRAL_SOURCE, "cin-referral-source", "source of referral",
        "CIN ReferralSource N00152", CODESET_CIN, referral_source),
    SET(CS_CIN_PRIMARY_NEED, "cin-primary-need", "primary need", "CIN PrimaryNeedCode N00101",
        CODESET_CIN, primary_need),
    SET(CS_CIN_CLOSURE_REASON, "cin-closure-reason", "reason for closure",
        "CIN ReasonForClosure N00103", CODESET_CIN, closure_reason),
    SET(CS_CIN_ABUSE_CATEGORY, "cin-abuse-category", "category of abuse",
        "CIN InitialCategoryOfAbuse N00113, LatestCategoryOfAbuse N00114", CODESET_CIN,
        abuse_category),
    SET(CS_CIN_ASSESSMENT_FACTOR, "cin-assessment-factor", "factor identified at assessment",
        "CIN AssessmentFactors N00181", CODESET_CIN, assessment_factor),
    SET(CS_CIN_YES_NO, "cin-yes-no", "yes or no", "CIN ReferralNFA N00112, ICPCnotRequired N00111",
        CODESET_CIN, cin_yes_no),
    SET(CS_903_SEX, "903-sex", "sex", "SSDA903 header and UASC SEX", CODESET_903, sex_903),
    SET(CS_903_UPN_UNKNOWN, "903-upn-unknown", "reason a UPN is not known (in the UPN column)",
        "SSDA903 header UPN", CODESET_903, upn_unknown_903),
    SET(CS_903_FLAG, "903-flag", "yes or no",
        "SSDA903 MOTHER, FOSTER_CARE, the OC2 flags (CONVICTED ... INTERVENTION_OFFERED)",
        CODESET_903, flag_903),
    SET(CS_903_NEW_EPISODE_REASON, "903-new-episode-reason", "reason for new episode",
        "SSDA903 episodes RNE", CODESET_903, new_episode_reason),
    SET(CS_903_LEGAL_STATUS, "903-legal-status", "legal status", "SSDA903 episodes LS", CODESET_903,
        legal_status),
    SET(CS_903_CATEGORY_OF_NEED, "903-category-of-need", "category of need", "SSDA903 episodes CIN",
        CODESET_903, category_of_need),
    SET(CS_903_PLACEMENT, "903-placement", "placement type", "SSDA903 episodes PLACE", CODESET_903,
        placement),
    SET(CS_903_PROVIDER, "903-provider", "placement provider", "SSDA903 episodes PLACE_PROVIDER",
        CODESET_903, provider),
    SET(CS_903_REASON_CEASED, "903-reason-ceased", "reason episode ceased", "SSDA903 episodes REC",
        CODESET_903, reason_ceased),
    SET(CS_903_PLACEMENT_CHANGE_REASON, "903-placement-change-reason",
        "reason for placement change", "SSDA903 episodes REASON_PLACE_CHANGE", CODESET_903,
        placement_change_reason),
    SET(CS_903_PARTICIPATION, "903-participation", "child's participation in a review",
        "SSDA903 reviews REVIEW_CODE", CODESET_903, participation),
    SET(CS_903_SDQ_REASON, "903-sdq-reason", "reason no SDQ score", "SSDA903 OC2 SDQ_REASON",
        CODESET_903, sdq_reason),
    SET(CS_903_IN_TOUCH, "903-in-touch", "care leaver in touch", "SSDA903 OC3 IN_TOUCH",
        CODESET_903, in_touch),
    SET(CS_903_ACTIVITY, "903-activity", "care leaver's main activity", "SSDA903 OC3 ACTIV",
        CODESET_903, activity),
    SET(CS_903_ACCOMMODATION, "903-accommodation", "care leaver's accommodation and suitability",
        "SSDA903 OC3 ACCOM", CODESET_903, accommodation),
    SET(CS_903_ADOPTER_COUNT, "903-adopter-count", "number of adopters", "SSDA903 AD1 NB_ADOPTR",
        CODESET_903, adopter_count),
    SET(CS_903_ADOPTER_SEX, "903-adopter-sex", "sex of adopter(s)", "SSDA903 AD1 SEX_ADOPTR",
        CODESET_903, adopter_sex),
    SET(CS_903_ADOPTER_LEGAL_STATUS, "903-adopter-legal-status", "legal status of adopter(s)",
        "SSDA903 AD1 LS_ADOPTR", CODESET_903, adopter_legal_status),
    SET(CS_903_ADOPTION_REVERSAL_REASON, "903-adoption-reversal-reason",
        "reason the child should no longer be placed for adoption",
        "SSDA903 placed_for_adoption REASON_PLACED_CEASED", CODESET_903, adoption_reversal_reason),
    SET(CS_903_PREVIOUS_PERMANENCE, "903-previous-permanence", "previous permanence option",
        "SSDA903 previous_permanence PREV_PERM", CODESET_903, previous_permanence),
    SET(CS_903_MISSING, "903-missing", "missing or away from placement", "SSDA903 missing MISSING",
        CODESET_903, missing),
    SET(CS_903_SW_REASON, "903-sw-reason", "reason for a change of social worker",
        "SSDA903 sw_episodes SW_REASON (from 2023/24)", CODESET_903, sw_reason),
    SET(CS_PERSON_KIND, "person-kind", "kind of person record", "kith enum person_kind",
        CODESET_KITH, person_kind),
    SET(CS_SERVICE, "service", "service a team belongs to", "kith enum service", CODESET_KITH,
        service),
    SET(CS_WORKER_ROLE, "worker-role", "worker's job role", "kith enum worker_role", CODESET_KITH,
        worker_role),
    SET(CS_USER_ROLE, "user-role", "user account's access role", "kith enum user_role",
        CODESET_KITH, user_role),
    SET(CS_ALLOCATION_ROLE, "allocation-role", "role in which a worker is allocated a child",
        "kith enum allocation_role", CODESET_KITH, allocation_role),
    SET(CS_RELATIONSHIP, "relationship", "relationship to the child",
        "kith relationship.type (read from the child's side)", CODESET_KITH, relationship),
    [CS_ALLOCATION_END] = {.id = CS_ALLOCATION_END,
                           .origin = CODESET_KITH,
                           .name = "allocation-end",
                           .title = "reason an allocation ended",
                           .item = "kith allocation.end_reason; reported as 903 SW_REASON",
                           .codes = allocation_end,
                           .n = N(allocation_end),
                           .maps_to = CS_903_SW_REASON},
    SET(CS_NOTE_KIND, "note-kind", "kind of case note", "kith case_note.kind", CODESET_KITH,
        note_kind),
    SET(CS_NHS_SOURCE, "nhs-source", "where a child's NHS number came from",
        "kith person.nhs_source", CODESET_KITH, nhs_source),
    SET(CS_NHS_UNKNOWN, "nhs-unknown", "why a child's NHS number is not known",
        "kith person.nhs_unknown", CODESET_KITH, nhs_unknown),
    SET(CS_RESTRICTION_REASON, "restriction-reason", "reason a record is restricted",
        "kith restriction.reason", CODESET_KITH, restriction_reason),
    SET(CS_CONTACT_OUTCOME, "contact-outcome", "what was decided about a contact",
        "kith contact.outcome", CODESET_KITH, contact_outcome),
    SET(CS_JOB_ROLE, "job-role", "role a vacancy is for", "kith vacancy.role", CODESET_KITH,
        job_role),
    SET(CS_JOB_CONTRACT, "job-contract", "kind of contract", "kith vacancy.contract", CODESET_KITH,
        job_contract),
    SET(CS_JOB_HOURS, "job-hours", "hours", "kith vacancy.hours", CODESET_KITH, job_hours),
    SET(CS_JOB_ARRANGEMENT, "job-arrangement", "working arrangement", "kith vacancy.arrangement",
        CODESET_KITH, job_arrangement),
    SET(CS_JOB_RIGHT_TO_WORK, "job-right-to-work", "right to work in the UK",
        "kith application.right_to_work", CODESET_KITH, job_right_to_work),
    SET(CS_JOB_STAGE, "job-stage", "where an application stands", "kith application.stage",
        CODESET_KITH, job_stage),
    SET(CS_VISIT_PURPOSE, "visit-purpose", "what a visit to a child was for", "kith visit.purpose",
        CODESET_KITH, visit_purpose),
    SET(CS_VISIT_PLACE, "visit-place", "where a child was visited", "kith visit.place",
        CODESET_KITH, visit_place),
    SET(CS_AGENCY, "agency", "agency taking part", "kith strategy_discussion.agencies",
        CODESET_KITH, agency),
    SET(CS_STRATEGY_OUTCOME, "strategy-outcome", "what a strategy discussion decided",
        "kith strategy_discussion.outcome", CODESET_KITH, strategy_outcome),
    SET(CS_S47_OUTCOME, "s47-outcome", "how a section 47 enquiry ended", "kith s47_enquiry.outcome",
        CODESET_KITH, s47_outcome),
    SET(CS_CONFERENCE_KIND, "conference-kind", "kind of child protection conference",
        "kith conference.kind", CODESET_KITH, conference_kind),
    SET(CS_CONFERENCE_OUTCOME, "conference-outcome", "what a conference decided",
        "kith conference.outcome", CODESET_KITH, conference_outcome),
    SET(CS_CIN_REVIEW_OUTCOME, "cin-review-outcome", "what a CIN plan's review decided",
        "kith cin_plan_review.outcome", CODESET_KITH, cin_review_outcome),
    SET(CS_PROFESSION, "profession", "a practitioner's profession",
        "kith family_help.lead_profession", CODESET_KITH, profession),
    SET(CS_FAMILY_HELP_CLOSURE, "family-help-closure", "why a family help episode closed",
        "kith family_help.closure_reason", CODESET_KITH, family_help_closure),
    SET(CS_EXPLOITATION, "exploitation", "kind of exploitation", "kith exploitation_risk.kinds",
        CODESET_KITH, exploitation),
    SET(CS_RISK_LEVEL, "risk-level", "level of a risk", "kith exploitation_risk.risk_level",
        CODESET_KITH, risk_level),
    SET(CS_PF_DECISION, "pf-decision", "decision on a private fostering arrangement",
        "kith private_fostering.decision", CODESET_KITH, pf_decision),
    SET(CS_FGDM_RESPONSE, "fgdm-response", "answer to an FGDM offer", "kith fgdm_offer.response",
        CODESET_KITH, fgdm_response),
    SET(CS_PP_MEETING_KIND, "pp-meeting-kind", "kind of pre-proceedings meeting",
        "kith pp_meeting.kind", CODESET_KITH, pp_meeting_kind),
    SET(CS_PP_LETTER, "pp-letter", "letter of pre-proceedings",
        "kith letter_before_proceedings.kind", CODESET_KITH, pp_letter),
    SET(CS_PP_OUTCOME, "pp-outcome", "outcome of pre-proceedings", "kith pre_proceedings.outcome",
        CODESET_KITH, pp_outcome),
    SET(CS_QUAL_LEVEL, "qualification-level", "level of the social work qualification",
        "kith worker.qual_level; census QualLevel", CODESET_KITH, qual_level),
    SET(CS_ENTRY_ROUTE, "entry-route", "route into social work",
        "kith worker.route; census StepUpGrad and FrontlineGrad", CODESET_KITH, entry_route),
    SET(CS_START_ORIGIN, "start-origin", "where a worker came from",
        "kith worker.origin; census StartOrigin", CODESET_KITH, start_origin),
    SET(CS_LEAVER_DESTINATION, "leaver-destination", "where a worker went",
        "kith worker.destination; census LeaverDestination", CODESET_KITH, leaver_destination),
    SET(CS_LEAVING_REASON, "leaving-reason", "why a worker left",
        "kith worker.leave_reason; census ReasonLeave", CODESET_KITH, leaving_reason),
    SET(CS_ABSENCE_REASON, "absence-reason", "why a worker was absent",
        "kith absence.reason; census WorkingDaysLost counts sickness", CODESET_KITH,
        absence_reason),
    SET(CS_AGENCY_ROLE, "agency-role", "agency social worker's role category",
        "kith agency_assignment.role; DfE agency rules' role categories", CODESET_KITH,
        agency_role),
    SET(CS_AGENCY_REGION, "agency-region", "region of an agency price cap",
        "kith agency_cap.region and the setting region", CODESET_KITH, agency_region),
    SET(CS_COURT_ORDER, "court-order", "order applied for", "kith care_application.order_sought",
        CODESET_KITH, court_order),
};

/* ---- the index ---- */

#define SLOTS 256 /* a power of two: 8 bits of hash */

struct index {
    uint64_t key[CODESET_MAX_CODES]; /* key[i]: the packed code of table row i */
    uint8_t len[CODESET_MAX_CODES];  /* its length */
    uint64_t mult;                   /* this set's hash multiplier: no two codes share a slot */
    uint8_t slot[SLOTS];             /* row + 1, 0 = empty */
};

static struct index indexes[CODESET_COUNT];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;
/* Set (release) once the index is built, so lookups skip pthread_once's call (acquire). */
static atomic_bool index_built;

/* The first 8 bytes, zero-padded, as one integer (in the machine's byte order: the key only
 * has to be equal for equal codes). A NUL inside a code needs no special case, since lengths
 * are compared as well. Bytes past the eighth are folded in with FNV-1a: packing the first 8
 * alone gave two codes that differ only later the same key, every multiplier put them in
 * one slot, and the index could not be built at all. */
uint64_t code_key(const char *p, size_t len)
{
    uint64_t k = 0;
    for (size_t i = 0, n = len < 8 ? len : 8; i < n; i++)
        k |= (uint64_t)(unsigned char)p[i] << (8 * i);
    if (len > 8) {
        uint64_t h = 0xcbf29ce484222325u;
        for (size_t i = 8; i < len; i++)
            h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
        k ^= h;
    }
    return k;
}

/* Multiplicative hashing: the top 8 bits of key times an odd multiplier. Each set gets a
 * multiplier under which its codes all land in different slots (a perfect hash), found at
 * start-up by trying a fixed sequence, so a lookup is one slot and one comparison. */
static unsigned hash(uint64_t key, uint64_t mult) { return (unsigned)((key * mult) >> 56); }

/* Equal codes: equal keys can still be different codes longer than 8 bytes (the tail is
 * hashed, not kept), so those compare their tails. */
static bool same(const struct index *ix, int row, const char *a, uint64_t k, const char *b,
                 size_t len)
{
    return ix->key[row] == k && ix->len[row] == len && (len <= 8 || !memcmp(a + 8, b + 8, len - 8));
}

static void die(const char *what, const struct codeset *s, const char *code)
{
    fprintf(stderr, "kith: code set '%s': %s '%s'\n", s->name, what, code ? code : "");
    abort();
}

static void build_indexes(void)
{
    for (int id = 0; id < CODESET_COUNT; id++) {
        const struct codeset *s = &sets[id];
        struct index *ix = &indexes[id];
        if (s->id != (enum codeset_id)id || !s->codes || s->n <= 0)
            die("is missing from the table", s, NULL);
        if (s->n > CODESET_MAX_CODES)
            die("has more codes than CODESET_MAX_CODES", s, NULL);
        for (int i = 0; i < s->n; i++) {
            const char *c = s->codes[i].code;
            size_t len = c ? strlen(c) : 0;
            if (!c || len == 0 || len > UINT8_MAX)
                die("has an empty or overlong code", s, c);
            ix->key[i] = code_key(c, len);
            ix->len[i] = (uint8_t)len;
            for (int j = 0; j < i; j++)
                if (same(ix, j, s->codes[j].code, ix->key[i], c, len))
                    die("lists a code twice:", s, c);
        }
        /* Odd multipliers from a fixed generator, so every run builds the same index. */
        uint64_t m = 0x9E3779B97F4A7C15u;
        for (int attempt = 0;; attempt++) {
            if (attempt == 100000)
                die("has no perfect hash (raise SLOTS)", s, NULL);
            memset(ix->slot, 0, sizeof(ix->slot));
            bool clash = false;
            for (int i = 0; i < s->n && !clash; i++) {
                unsigned h = hash(ix->key[i], m);
                clash = ix->slot[h] != 0;
                ix->slot[h] = (uint8_t)(i + 1);
            }
            if (!clash)
                break;
            m = (m ^ (m >> 29)) * 0xBF58476D1CE4E5B9u | 1u;
        }
        ix->mult = m;
    }
    atomic_store_explicit(&index_built, true, memory_order_release);
}

const struct codeset *codeset_get(enum codeset_id id)
{
    if ((unsigned)id >= CODESET_COUNT) {
        fprintf(stderr, "kith: no code set with id %d\n", (int)id);
        abort();
    }
    return &sets[id];
}

const struct codeset *codeset_find(const char *name)
{
    for (int i = 0; name && i < CODESET_COUNT; i++)
        if (!strcmp(sets[i].name, name))
            return &sets[i];
    return NULL;
}

int code_index(enum codeset_id id, const char *code, size_t len)
{
    if ((unsigned)id >= CODESET_COUNT || !code || len == 0 || len > UINT8_MAX)
        return -1;
    if (!atomic_load_explicit(&index_built, memory_order_acquire))
        pthread_once(&index_once, build_indexes);
    uint64_t k = code_key(code, len);
    const struct index *ix = &indexes[id];
    int row = ix->slot[hash(k, ix->mult)] - 1;
    return row >= 0 && same(ix, row, sets[id].codes[row].code, k, code, len) ? row : -1;
}

bool code_in_year(const struct code *c, int year)
{
    return year == 0 || ((c->from == 0 || year >= c->from) && (c->to == 0 || year <= c->to));
}

const char *code_label_in(const struct code *c, int year)
{
    if (c->earlier_label && year != 0 && year < c->label_from)
        return c->earlier_label;
    return c->label;
}

bool code_valid(enum codeset_id id, const char *code, size_t len, int year)
{
    int i = code_index(id, code, len);
    return i >= 0 && code_in_year(&sets[id].codes[i], year);
}

bool code_index_valid(enum codeset_id id, int index, int year)
{
    const struct codeset *s = codeset_get(id);
    return index >= 0 && index < s->n && code_in_year(&s->codes[index], year);
}

const char *code_label(enum codeset_id id, const char *code, int year)
{
    int i = code ? code_index(id, code, strlen(code)) : -1;
    return i < 0 ? NULL : code_label_in(&sets[id].codes[i], year);
}

const char *vocab_code(enum codeset_id id, int value)
{
    const struct codeset *s = codeset_get(id);
    return value >= 0 && value < s->n ? s->codes[value].code : NULL;
}

const char *vocab_label(enum codeset_id id, int value)
{
    const struct codeset *s = codeset_get(id);
    return value >= 0 && value < s->n ? s->codes[value].label : NULL;
}

int vocab_parse(enum codeset_id id, const char *code)
{
    return code ? code_index(id, code, strlen(code)) : -1;
}

int collection_year(kdate d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    return m >= 4 ? y + 1 : y;
}

char *collection_year_text(int year, char *buf, size_t size)
{
    snprintf(buf, size, "%d/%02d", year - 1, ((year % 100) + 100) % 100);
    return buf;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool collection_year_parse(const char *s, int *year)
{
    size_t n = s ? strlen(s) : 0;
    int y;
    if (n == 4 && digits(s, 4)) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    } else if (n == 7 && digits(s, 4) && (s[4] == '/' || s[4] == '-') && digits(s + 5, 2)) {
        int first = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        int second = (s[5] - '0') * 10 + (s[6] - '0');
        if ((first + 1) % 100 != second)
            return false;
        y = first + 1;
    } else {
        return false;
    }
    if (y < COLLECTION_YEAR_FIRST || y > COLLECTION_YEAR_LAST)
        return false;
    *year = y;
    return true;
}
