/*
 * Family help and child in need: the records of a CIN episode, each described once here
 * and served by the record platform (domain/rec.h). A referral opens the episode (the CIN
 * census's CINdetails: referral date, source, primary need, no-further-action flag,
 * closure date and reason); assessments (start, child seen, completion, the factors
 * identified, a team manager's authorisation), CIN plans (start, end), their reviews
 * (day, child seen, outcome, notes) and visits (date,
 * purpose, place, child seen, seen alone, by whom) hang off the same child. The rules
 * inside one record are the descriptions' own; the rules across records (nothing before
 * its referral) are casework/help_protection.c's.
 */
#ifndef KITH_DOMAIN_HELP_H
#define KITH_DOMAIN_HELP_H

#include <stdbool.h>

#include "domain/rec.h"

struct referral {
    struct rec_head h;
    kdate referral_date; /* CIN N00100 */
    char source[4];      /* CIN ReferralSource N00152 */
    char primary_need[4];
    bool nfa; /* referral closed with no further action, N00112 */
    kdate closure_date;
    char closure_reason[4];
    char stepped_up_from[PUBLIC_ID_LEN + 1]; /* the family help episode it came from */
    char stepped_down_to[PUBLIC_ID_LEN + 1]; /* the family help episode its closure opened */
};

#define ASSESSMENT_FACTORS_MAX 24

struct assessment {
    struct rec_head h;
    kdate start_date; /* N00159 */
    kdate child_seen_date;
    kdate completed_date;
    char factors[ASSESSMENT_FACTORS_MAX][4]; /* N00181 */
    int nfactors;
    kdate authorised_date; /* N00160: the census's completion */
    const char *authorised_by;
};

struct cin_plan {
    struct rec_head h;
    kdate start_date; /* N00689 */
    kdate end_date;   /* N00690 */
};

/* How often a CIN plan is reviewed, in months, when the council has not set
 * cin-plan-review-months (domain/timescale.c says why), and the most it may set. */
#define CIN_PLAN_REVIEW_MONTHS 3
#define CIN_PLAN_REVIEW_MONTHS_MAX 12

/* A review of a CIN plan. It carries no link to its plan (the platform's links are kith's
 * own, never typed): the plan is the child's CIN plan in force on the review's day, and
 * casework/help_protection.c refuses a review on a day no plan of the child's covers. */
struct cin_plan_review {
    struct rec_head h;
    kdate review_date;
    bool child_seen;
    char outcome[20];  /* CS_CIN_REVIEW_OUTCOME */
    const char *notes; /* at most 4,000 characters */
};

struct visit {
    struct rec_head h;
    kdate visit_date;
    char purpose[12];
    char place[12];
    bool child_seen;
    bool seen_alone;
    const char *by_whom;
};

/* What closes a CIN episode when it steps down to family help (casework/step.h): the
 * referral's closure, asked for on the step-down's form under its own names
 * ("cin_closure_date", "cin_closure_reason"), beside the new episode's fields. */
struct step_down {
    kdate closure_date;
    char closure_reason[4]; /* RC1-RC9 */
};
extern const struct field step_down_fields[];

extern const struct rec_type referral_type, assessment_type, cin_plan_type, cin_plan_review_type,
    visit_type;

#endif
