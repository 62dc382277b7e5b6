/*
 * Pre-proceedings and family group decision-making (Children and Wellbeing and Schools
 * Act 2026 s.1, new s.31ZA Children Act 1989; the CIN census 2026/27 module
 * "PreProceedingsandFGDM"). Before applying for a care or supervision order the council
 * offers a family group decision-making meeting to the parents and everyone with parental
 * responsibility (one fgdm_offer each, with the answer, naming the relative it was made to
 * when they are recorded among the child's relatives); if one accepts, the meeting
 * (fgdm_meeting: the family network who came, the family's proposal, the council's
 * response) is held before the application; unless the council decided the offer is not
 * in the child's best interests (fgdm_exemption, with reason, decision-maker and day). The
 * letter before proceedings states the offer. Pre-proceedings runs from its start through
 * its meetings to a decision and outcome; a care_application is the application to court.
 *
 * The CIN census items come from (for casework's census projection): PPStartDate
 * pre_proceedings.start_date; LBPSentDate letter_before_proceedings.letter_date of kind
 * before-proceedings; FGDMMeetingOffer whether an fgdm_offer was made; FGDMMeetingFac
 * fgdm_offer.facilitated; InitialPPMeetingDate pp_meeting.meeting_date of kind initial;
 * ReviewMeetingsCount the pp_meetings of kind review; StepDecisionDate
 * pre_proceedings.decision_date; PPOutcome pre_proceedings.outcome (code note gives the
 * letter); CourtAppDate care_application.application_date; LetterInitCPDate
 * letter_before_proceedings.letter_date of kind issue.
 */
#ifndef KITH_DOMAIN_PROCEEDINGS_H
#define KITH_DOMAIN_PROCEEDINGS_H

#include <stdbool.h>

#include "domain/rec.h"

struct fgdm_offer {
    struct rec_head h;
    kdate offer_date;
    const char *offered_to; /* the person's name */
    /* The relative offered, chosen from the child's relatives: their person's public id;
     * "" for an offer typed by name alone (every offer before migration 0031), which
     * counts for the relative of that name (casework/proceedings.c). */
    char relative[PUBLIC_ID_LEN + 1];
    char relationship[20]; /* CS_RELATIONSHIP, from the child's side */
    bool parental_responsibility;
    bool facilitated;  /* a meeting with an independent coordinator was offered */
    char response[12]; /* CS_FGDM_RESPONSE */
    kdate response_date;
};

struct fgdm_meeting {
    struct rec_head h;
    kdate meeting_date;
    const char *coordinator;
    const char *attendees;       /* the family network: one line each, name and relationship */
    const char *family_proposal; /* the family's plan */
    const char *council_response;
};

struct fgdm_exemption {
    struct rec_head h;
    kdate decided_date;
    const char *decided_by;       /* name and role */
    const char *exemption_reason; /* why an offer or meeting is not in the child's best interests */
};

struct pre_proceedings {
    struct rec_head h;
    kdate start_date;
    kdate decision_date; /* the decision to step up to court, down, or extend */
    char outcome[12];    /* CS_PP_OUTCOME */
};

struct letter_before_proceedings {
    struct rec_head h;
    kdate letter_date;
    char kind[20];          /* CS_PP_LETTER */
    bool states_fgdm_offer; /* the letter states the FGDM offer (s.31ZA) */
    const char *sent_to;
};

struct pp_meeting {
    struct rec_head h;
    kdate meeting_date;
    char kind[8]; /* CS_PP_MEETING_KIND */
    const char *attendees;
};

struct care_application {
    struct rec_head h;
    kdate application_date;
    char order_sought[20]; /* CS_COURT_ORDER */
    const char *court;
};

extern const struct rec_type fgdm_offer_type, fgdm_meeting_type, fgdm_exemption_type,
    pre_proceedings_type, letter_before_proceedings_type, pp_meeting_type, care_application_type;

#endif
