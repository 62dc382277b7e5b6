/*
 * The CIN census as an in-memory return: its modules (tables) and their columns, and the
 * census period the rules check dates against.
 *
 * Table and column names are the DfE's element names. The file carries no ids for episodes,
 * assessments or plans, so each row of a nested module has a reference column (RCOL_REF) to
 * the row it sits in: an assessment to its CINdetails row, a CINdetails row to its child's
 * ChildIdentifiers row, and so on. Every module also carries the child's LAchildID, as
 * reports name the child.
 *
 * Order: rows are added in document order, so the rows of one parent are adjacent and
 * parents' groups come in the parents' order. Rules rely on this (a child's episodes are one
 * run of CINdetails rows); whoever fills a CIN return must keep it.
 *
 * Reviews: one row per CPPreviewDate (a review), with a reference to its plan. A <Reviews>
 * element with no date gives one row with the date missing, so rule 8842Q can see it.
 */
#ifndef KITH_DOMAIN_RET_CIN_H
#define KITH_DOMAIN_RET_CIN_H

#include "domain/ret/rule.h"
#include "domain/ret/table.h"

enum cin_table {
    CIN_HEADER,
    CIN_CHILD,           /* ChildIdentifiers */
    CIN_CHARACTERISTICS, /* ChildCharacteristics */
    CIN_DISABILITY,      /* Disabilities: one row per Disability */
    CIN_DETAILS,         /* CINdetails: one row per episode */
    CIN_ASSESSMENT,      /* Assessments */
    CIN_FACTOR,          /* AssessmentFactorsList: one row per factor */
    CIN_PLAN,            /* CINplanDates */
    CIN_S47,             /* Section47 */
    CIN_CPP,             /* ChildProtectionPlans */
    CIN_REVIEW,          /* Reviews */
    CIN_PREPROC,         /* PreProceedingsandFGDM (2026/27): one row per pre-proceedings */
    CIN_NTABLES
};

enum cin_header_col {
    HD_COLLECTION,
    HD_YEAR,
    HD_REFERENCE_DATE,
    HD_SOURCE_LEVEL,
    HD_LEA,
    HD_SOFTWARE_CODE,
    HD_RELEASE,
    HD_SERIAL_NO,
    HD_DATE_TIME,
};

enum cin_child_col {
    CH_LA_CHILD_ID,
    CH_UPN,
    CH_FORMER_UPN,
    CH_UPN_UNKNOWN,
    CH_BIRTH,
    CH_EXPECTED_BIRTH,
    CH_GENDER, /* GenderCurrent, to 2023/24 */
    CH_SEX,    /* Sex, from 2024/25 */
    CH_DEATH,
};

enum cin_characteristics_col { CC_LA_CHILD_ID, CC_CHILD, CC_ETHNICITY };
enum cin_disability_col { DI_LA_CHILD_ID, DI_CHILD, DI_DISABILITY };

enum cin_details_col {
    CD_LA_CHILD_ID,
    CD_CHILD,
    CD_REFERRAL,
    CD_SOURCE,
    CD_NEED,
    CD_CLOSURE,
    CD_CLOSURE_REASON,
    CD_ICPC, /* DateOfInitialCPC at episode level */
    CD_NFA,  /* ReferralNFA */
};

enum cin_assessment_col {
    AS_LA_CHILD_ID,
    AS_DETAILS,
    AS_START,
    AS_REVIEW, /* AssessmentInternalReviewDate */
    AS_AUTHORISED,
    AS_FACTORS, /* the factors as written, comma-separated (for reports) */
};

enum cin_factor_col { AF_LA_CHILD_ID, AF_ASSESSMENT, AF_FACTOR };
enum cin_plan_col { PL_LA_CHILD_ID, PL_DETAILS, PL_START, PL_END };

enum cin_s47_col {
    S47_LA_CHILD_ID,
    S47_DETAILS,
    S47_START,
    S47_ICPC_TARGET,
    S47_ICPC,
    S47_ICPC_NOT_REQUIRED,
};

enum cin_cpp_col {
    CPP_LA_CHILD_ID,
    CPP_DETAILS,
    CPP_START,
    CPP_END,
    CPP_INITIAL_CATEGORY,
    CPP_LATEST_CATEGORY,
    CPP_PREVIOUS,
};

enum cin_review_col { RV_LA_CHILD_ID, RV_CPP, RV_DATE };

/* The module the census adds in 2026/27 for the Children's Wellbeing and Schools Act 2026
 * s.1 (law-2026.md). Its rules were in draft when this was written: the engine reads and
 * projects it, and no rule of kith's reads it yet. */
enum cin_preproc_col {
    PP_LA_CHILD_ID,
    PP_DETAILS,
    PP_START,           /* PPStartDate */
    PP_LBP_SENT,        /* LBPSentDate: the letter before proceedings */
    PP_FGDM_OFFER,      /* FGDMMeetingOffer: 1/0 */
    PP_FGDM_FAC,        /* FGDMMeetingFac: 1/0, the offer was of a facilitated meeting */
    PP_INITIAL_MEETING, /* InitialPPMeetingDate */
    PP_REVIEW_COUNT,    /* ReviewMeetingsCount */
    PP_DECISION,        /* StepDecisionDate */
    PP_OUTCOME,         /* PPOutcome: A, B or C */
    PP_COURT_APP,       /* CourtAppDate */
    PP_LETTER_INIT_CP,  /* LetterInitCPDate: the letter that proceedings are to be issued */
};

extern const struct rtable_def cin_tables[CIN_NTABLES];
extern const struct ret_kind ret_kind_cin;

/* Set r->year and the census period: from the header's ReferenceDate when it is a date
 * (period = the year ending on it, as the DfE tools read a return), else 1 April Y-1 to
 * 31 March Y for the collection year `year`. */
void cin_set_period(struct ret *r, int year);
/* The collection year the file says it is for (its ReferenceDate's), or 0. */
int cin_file_year(const struct ret *r);

/* A yes/no cell's meaning: 1 yes, 0 no, -1 missing or not a yes/no. */
int cin_yes(const struct ret *r, int32_t code);

#endif
