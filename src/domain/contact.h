/*
 * A contact: the first record of the front door, made when anyone (a school, the police,
 * a relative, the child) tells children's services they are worried about a child. What
 * was said, by whom and when, and what the front door decided. Described once here
 * (contact_type); domain/rec.h says what a description gives.
 */
#ifndef KITH_DOMAIN_CONTACT_H
#define KITH_DOMAIN_CONTACT_H

#include "domain/rec.h"

struct contact {
    struct rec_head h;
    kdate contact_date;
    char contact_time[6]; /* "HH:MM", 24-hour; "" when not recorded */
    char source[4];       /* CIN referral source code: who made the contact */
    const char *contact_by;
    const char *summary; /* what was said, in the words of the person who said it */
    char outcome[16];    /* contact-outcome code; "" until decided */
    kdate decided_on;
};

extern const struct rec_type contact_type;

#endif
