/*
 * Risks outside the home: a child missing or away from home and the return home interview
 * that follows (statutory guidance on children who run away or go missing, 2014: offered
 * within 72 hours of the return, a clock in domain/timescale.c); a risk of exploitation
 * (sexual, criminal, county lines, trafficking) open on the child's record until it is
 * closed, with the day it is next reviewed; and a private fostering arrangement the
 * council was told of (Children Act 1989 s.66, the 2005 regulations).
 */
#ifndef KITH_DOMAIN_RISK_H
#define KITH_DOMAIN_RISK_H

#include <stdbool.h>

#include "domain/rec.h"

struct missing_episode {
    struct rec_head h;
    kdate start_date;
    char kind[2]; /* SSDA903 MISSING: M missing, A away without authorisation */
    bool reported_to_police;
    kdate end_date;         /* the day the child returned */
    kdate rhi_offered_date; /* a return home interview was offered */
    bool rhi_accepted;
    kdate rhi_date; /* the interview took place */
    const char *rhi_by;
};

#define EXPLOITATION_KINDS_MAX 4

struct exploitation_risk {
    struct rec_head h;
    kdate identified_date;
    char kinds[EXPLOITATION_KINDS_MAX][16]; /* CS_EXPLOITATION */
    int nkinds;
    char risk_level[8]; /* CS_RISK_LEVEL */
    kdate review_date;  /* when it is next looked at: may be ahead of today */
    kdate nrm_date;     /* referred to the National Referral Mechanism */
    kdate closed_date;  /* the risk no longer applies */
    const char *summary;
};

struct private_fostering {
    struct rec_head h;
    kdate notified_date; /* the council was told of the arrangement */
    kdate start_date;    /* the child went to live with the carer */
    const char *carer;   /* name and relationship to the child */
    kdate visit_date;    /* the first visit to the child where they live */
    char decision[28];   /* CS_PF_DECISION */
    kdate decision_date;
    kdate end_date;
};

extern const struct rec_type missing_episode_type, exploitation_risk_type, private_fostering_type;

#endif
