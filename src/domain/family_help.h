/*
 * Family help (Families First, March 2025): the one episode that replaces early help and
 * spans targeted help and child in need work under s.17. A lead practitioner of any
 * profession leads it; when the child is a child in need a qualified social worker signs
 * it off (their Social Work England number is recorded). The episode has its assessment,
 * its plan, its latest review and its closure with where the family went next, and the
 * other practitioners working with the family. The CIN episode of a child in need still
 * opens with a referral and closes with RC1-RC9 on it (help.h). Stepping up (an episode
 * closed as it becomes a referral) and stepping down (a CIN episode closed into family
 * help) link the two records both ways; kith sets the links (casework/step.c).
 */
#ifndef KITH_DOMAIN_FAMILY_HELP_H
#define KITH_DOMAIN_FAMILY_HELP_H

#include <stdbool.h>

#include "domain/rec.h"

/* How often a family help plan is reviewed, in months, when the council has not set
 * family-help-review-months (domain/timescale.c says why), and the most it may set. */
#define FAMILY_HELP_REVIEW_MONTHS 3
#define FAMILY_HELP_REVIEW_MONTHS_MAX 12

struct family_help {
    struct rec_head h;
    kdate start_date;
    const char *lead_practitioner; /* a name and role */
    char lead_profession[20];      /* CS_PROFESSION */
    bool child_in_need;            /* the child is a child in need (s.17) */
    const char *signoff_by;        /* the qualified social worker who signed it off */
    char signoff_registration[12]; /* their Social Work England number, "SW" and digits */
    kdate signoff_date;
    kdate assessment_date; /* the family help assessment was completed */
    kdate plan_date;       /* the plan was agreed */
    kdate review_date;     /* the latest review */
    kdate closure_date;
    char closure_reason[16];                   /* CS_FAMILY_HELP_CLOSURE */
    const char *contributors;                  /* one line each: name, role, agency */
    char stepped_up_to[PUBLIC_ID_LEN + 1];     /* the referral it became */
    char stepped_down_from[PUBLIC_ID_LEN + 1]; /* the referral whose closure opened it */
};

extern const struct rec_type family_help_type;

#endif
