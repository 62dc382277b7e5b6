/*
 * Child protection: the records of a section 47 journey, each described once here and
 * served by the record platform (domain/rec.h). A strategy discussion (who took part, by
 * agency, with the child's lead child protection practitioner, and what it decided) starts a
 * section 47 enquiry (start, end, outcome, ICPC not required); an initial conference may make a
 * child protection plan (start, end, initial and latest category of abuse), which review
 * conferences, core groups and CP visits (domain/help.h's visit, purpose cp-plan) follow. The rules
 * inside one record are the descriptions' own; the rules across records (a conference not before
 * its enquiry) are casework/help_protection.c's.
 */
#ifndef KITH_DOMAIN_PROTECTION_H
#define KITH_DOMAIN_PROTECTION_H

#include <stdbool.h>

#include "domain/rec.h"

#define STRATEGY_AGENCIES_MAX 8

struct strategy_discussion {
    struct rec_head h;
    kdate discussion_date;
    char agencies[STRATEGY_AGENCIES_MAX][12];
    int nagencies;
    const char *attendees; /* one line each: name, role, agency code among agencies[] */
    const char *led_by;
    const char *lcpp; /* the lead child protection practitioner: name and role */
    char outcome[8];
};

struct s47_enquiry {
    struct rec_head h;
    kdate start_date; /* CIN S47ActualStartDate N00148 */
    kdate completed_date;
    char outcome[8];
    bool icpc_not_required; /* N00111 */
};

struct conference {
    struct rec_head h;
    char kind[8];
    kdate conference_date; /* an initial one is CIN DateOfInitialCPC N00110 */
    char outcome[12];
    char category[4]; /* the category of abuse a plan is made or continued under */
    const char *chair;
};

struct cp_plan {
    struct rec_head h;
    kdate start_date;         /* N00105 */
    kdate end_date;           /* N00115 */
    char initial_category[4]; /* N00113 */
    char latest_category[4];  /* N00114 */
};

struct core_group {
    struct rec_head h;
    kdate meeting_date;
    const char *attendees;
};

extern const struct rec_type strategy_discussion_type, s47_enquiry_type, conference_type,
    cp_plan_type, core_group_type;

#endif
