/*
 * The record types kith serves: each is described in its own file in domain/ and listed
 * here once, which is what makes the API, the CLI and the copy of a database know it.
 */
#include <string.h>

#include "domain/agency.h"
#include "domain/application.h"
#include "domain/cin_ack.h"
#include "domain/contact.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/proceedings.h"
#include "domain/protection.h"
#include "domain/rec.h"
#include "domain/risk.h"
#include "domain/vacancy.h"

const struct rec_type *const rec_types[] = {
    &contact_type,
    &vacancy_type,
    &application_type,
    &referral_type,
    &assessment_type,
    &cin_plan_type,
    &cin_plan_review_type,
    &visit_type,
    &strategy_discussion_type,
    &s47_enquiry_type,
    &conference_type,
    &cp_plan_type,
    &core_group_type,
    &cin_ack_type,

    &family_help_type,
    &missing_episode_type,
    &exploitation_risk_type,
    &private_fostering_type,
    &fgdm_offer_type,
    &fgdm_meeting_type,
    &fgdm_exemption_type,
    &pre_proceedings_type,
    &letter_before_proceedings_type,
    &pp_meeting_type,
    &care_application_type,
    &agency_assignment_type,
    &agency_cap_type,
    NULL,
};

const struct rec_type *rec_type_named(const char *name)
{
    for (size_t i = 0; name && rec_types[i]; i++)
        if (!strcmp(rec_types[i]->name, name))
            return rec_types[i];
    return NULL;
}
