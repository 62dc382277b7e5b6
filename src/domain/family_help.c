/*
 * The family help episode's description (family_help.h) and its own rules: a child in
 * need's episode led by another profession has a qualified social worker's sign-off
 * (Families First: "with a social worker's oversight for children in need"), named, with
 * a Social Work England number and a day not before the start; the assessment, plan,
 * review and closure follow the start and each other in that order; a closure has its
 * reason and a reason its closure; "stepped up" is a closure the step-up made, with the
 * referral it links to.
 */
#include "domain/family_help.h"

#include <stddef.h>
#include <string.h>

#include "domain/ident.h"

static const struct field family_help_fields[] = {
    REC_DAY(family_help, start_date, "start of the episode",
            "the day family help started, not after today", FIELD_REQUIRED),
    REC_LINE(family_help, lead_practitioner, "lead practitioner",
             "a name and role, at most 200 characters", FIELD_REQUIRED, 200),
    REC_CODE(family_help, lead_profession, "lead practitioner's profession", CS_PROFESSION,
             FIELD_REQUIRED, NULL),
    REC_YES_NO(family_help, child_in_need, "child in need (section 17)"),
    /* a qualified social worker signs off a child in need's family help: asked only then */
    REC_LINE_WITH(family_help, signoff_by, "social worker who signed it off",
                  "the qualified social worker's name, at most 200 characters", 0, 200,
                  "child_in_need=yes"),
    {.name = "signoff_registration",
     .label = "their Social Work England number",
     .expect = SWE_NUMBER_EXPECT,
     .type = FIELD_CHARS,
     .size = sizeof(((struct family_help *)0)->signoff_registration),
     .offset = offsetof(struct family_help, signoff_registration),
     .shown_with = "child_in_need=yes"},
    REC_DAY_WITH(family_help, signoff_date, "date of the sign-off",
                 "the day the social worker signed it off, on or after the start", 0,
                 "child_in_need=yes"),
    REC_DAY(family_help, assessment_date, "date the assessment was completed",
            "a day on or after the start, not after today", 0),
    REC_DAY(family_help, plan_date, "date the plan was agreed",
            "a day on or after the assessment, not after today", 0),
    REC_DAY(family_help, review_date, "date of the latest review",
            "a day on or after the plan, not after today", 0),
    REC_DAY(family_help, closure_date, "date the episode closed",
            "a day on or after the start, not after today", 0),
    REC_CODE(family_help, closure_reason, "why it closed", CS_FAMILY_HELP_CLOSURE, 0, NULL),
    REC_LINE(family_help, contributors, "practitioners working with the family",
             "one line for each: name, role, agency; at most 4,000 characters", FIELD_MULTILINE,
             4000),
    REC_LINK(family_help, stepped_up_to, "referral it stepped up to", "referral"),
    REC_LINK(family_help, stepped_down_from, "CIN episode it stepped down from", "referral"),
    {0},
};

static bool named(const char *s) { return s && s[strspn(s, " ")]; }

static void signoff_check(const struct family_help *r, struct field_errors *errs)
{
    const struct field *t = family_help_fields;
    const struct field *by = field_find(t, "signoff_by"),
                       *reg = field_find(t, "signoff_registration"),
                       *day = field_find(t, "signoff_date");
    swe_number_check(reg, r->signoff_registration, errs);
    bool any = named(r->signoff_by) || r->signoff_registration[0] || r->signoff_date != DATE_NONE;
    bool needed = r->child_in_need && strcmp(r->lead_profession, "social-worker");
    if (!any && !needed)
        return;
    if (!named(r->signoff_by))
        field_fail(errs, by, -1, NULL, "is missing",
                   needed ? "the qualified social worker who signed off the episode of a child "
                            "in need led by another profession"
                          : "the social worker who signed it off, with the number and the day");
    if (!r->signoff_registration[0])
        field_fail(errs, reg, -1, NULL, "is missing",
                   "the signing social worker's Social Work England number, such as SW123456");
    if (r->signoff_date == DATE_NONE)
        field_fail(errs, day, -1, NULL, "is missing", "the day the social worker signed it off");
    field_date_before(errs, day, r->signoff_date, r->start_date, "the start of the episode", false);
}

static void family_help_check(const void *rec, const struct field_ctx *ctx,
                              struct field_errors *errs)
{
    (void)ctx;
    const struct family_help *r = rec;
    const struct field *t = family_help_fields;
    signoff_check(r, errs);
    /* Each step on or after the one before it that is recorded. */
    static const struct {
        const char *field, *after, *what;
    } order[] = {
        {"assessment_date", "start_date", "the start of the episode"},
        {"plan_date", "assessment_date", "the assessment"},
        {"plan_date", "start_date", "the start of the episode"},
        {"review_date", "plan_date", "the plan"},
        {"review_date", "start_date", "the start of the episode"},
        {"closure_date", "start_date", "the start of the episode"},
    };
    bool refused[sizeof order / sizeof order[0]] = {0};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const struct field *f = field_find(t, order[i].field), *g = field_find(t, order[i].after);
        bool done = false;
        for (size_t j = 0; j < i; j++)
            done |= refused[j] && !strcmp(order[j].field, order[i].field);
        if (done)
            continue;
        kdate d = *(const kdate *)(const void *)((const char *)r + f->offset);
        kdate e = *(const kdate *)(const void *)((const char *)r + g->offset);
        refused[i] = field_date_before(errs, f, d, e, order[i].what, false);
    }
    const struct field *closed = field_find(t, "closure_date"),
                       *why = field_find(t, "closure_reason");
    if (r->closure_date != DATE_NONE && !r->closure_reason[0])
        field_fail(errs, why, -1, NULL, "is missing", "why the episode closed");
    if (r->closure_date == DATE_NONE && r->closure_reason[0])
        field_fail(errs, closed, -1, NULL, "is missing",
                   "the day the episode closed, or no reason until it has");
    /* a step-up is one action that records the referral too: not a reason typed alone */
    if ((strcmp(r->closure_reason, "stepped-up") == 0) != (r->stepped_up_to[0] != '\0'))
        field_fail(errs, why, -1, r->closure_reason,
                   r->stepped_up_to[0] ? "is not 'stepped-up' though the episode stepped up"
                                       : "names no referral",
                   "'stepped-up' only through \"Step up to child in need\" on the episode, "
                   "which records the referral with it");
}

const struct rec_type family_help_type =
    REC_CHILD_TYPE(family_help, "family help episode", "family help episodes", "start_date",
                   "lead_practitioner", family_help_check);
