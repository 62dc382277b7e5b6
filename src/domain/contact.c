/*
 * The contact's description (contact.h): its fields and its own rules. The rules a
 * contact has beyond its fields' own: a time written as a clock reads it, and a decision
 * has both an outcome and a day, not before the contact.
 */
#include "domain/contact.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define F(m) offsetof(struct contact, m)

static const struct field contact_fields[] = {
    {.name = "contact_date",
     .label = "date of the contact",
     .expect = "the day the contact was made, not after today",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED | FIELD_PAST,
     .offset = F(contact_date)},
    {.name = "contact_time",
     .label = "time of the contact",
     .expect = "a time on the 24-hour clock, such as 14:05",
     .hint = "For example, 09:30 or 14:05",
     .type = FIELD_CHARS,
     .size = sizeof(((struct contact *)0)->contact_time),
     .offset = F(contact_time)},
    {.name = "source",
     .label = "who made the contact",
     .hint = "The kind of person or agency, as the CIN census codes it",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_CIN_REFERRAL_SOURCE,
     .size = sizeof(((struct contact *)0)->source),
     .offset = F(source)},
    {.name = "contact_by",
     .label = "name and role of the person",
     .expect = "a name and a role or agency, at most 200 characters",
     .hint = "For example, Ms Khan, designated safeguarding lead, Hillside Primary",
     .type = FIELD_TEXT,
     .max_len = 200,
     .offset = F(contact_by)},
    {.name = "summary",
     .label = "what was said",
     .expect = "what the person said, in their words, at most 20,000 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED | FIELD_MULTILINE,
     .max_len = 20000,
     .offset = F(summary)},
    {.name = "outcome",
     .label = "decision",
     .hint = "Leave blank until the front door has decided",
     .type = FIELD_CHARS,
     .flags = FIELD_CODED,
     .codeset = CS_CONTACT_OUTCOME,
     .size = sizeof(((struct contact *)0)->outcome),
     .offset = F(outcome)},
    {.name = "decided_on",
     .label = "date of the decision",
     .expect = "the day the decision was made, on or after the contact and not after today",
     .type = FIELD_DATE,
     .flags = FIELD_PAST,
     .offset = F(decided_on)},
    {0},
};

static bool clock_time(const char *t)
{
    return strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' &&
           t[2] == ':' && t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' &&
           (t[0] - '0') * 10 + (t[1] - '0') < 24;
}

static void contact_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct contact *c = rec;
    const struct field *time = &contact_fields[1], *outcome = &contact_fields[5],
                       *decided = &contact_fields[6];
    if (c->contact_time[0] && !clock_time(c->contact_time))
        field_fail(errs, time, -1, c->contact_time, "is not a time", NULL);
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (c->decided_on != DATE_NONE && c->decided_on < c->contact_date)
        field_fail(errs, decided, -1, date_format_iso(c->decided_on, a), "is before the contact",
                   "a day on or after %s", date_format_iso(c->contact_date, b));
    if (c->outcome[0] && c->decided_on == DATE_NONE)
        field_fail(errs, decided, -1, NULL, "is missing", "the day the decision was made");
    if (!c->outcome[0] && c->decided_on != DATE_NONE)
        field_fail(errs, outcome, -1, NULL, "is missing",
                   "the decision made on %s, or no date until there is one",
                   date_format_iso(c->decided_on, a));
}

const struct rec_type contact_type = {
    .name = "contact",
    .label = "contact",
    .plural = "contacts",
    .table = "contact",
    .parent = "child",
    .size = sizeof(struct contact),
    .head = offsetof(struct contact, h),
    .fields = contact_fields,
    .order = "contact_date",
    .title = "contact_by",
    .check = contact_check,
};
