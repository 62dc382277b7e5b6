/*
 * The descriptions of the child-protection records (protection.h) and their own rules,
 * after the CIN census and Working Together 2023 where they have one: a strategy
 * discussion with children's social care and the police in it and no agency twice; an
 * enquiry that ends with an outcome and a day, not before its start, and whose "ICPC not
 * required" agrees with its outcome (CIN N00111); a conference's outcome one its kind can
 * have, with the category of abuse exactly when a plan is made or continues; a plan that
 * ends after it starts (8925, 8840: an end before the start is an impossible order in any
 * year). An initial conference at a weekend is the census's 8875 alone, refused as the
 * conference is saved (casework/cin_live.c). Categories are judged in the collection year
 * of the record's own date.
 */
#include "domain/protection.h"

#include <stddef.h>
#include <string.h>

/* ---- strategy discussion ---- */

static const struct field strategy_fields[] = {
    REC_DAY(strategy_discussion, discussion_date, "date of the strategy discussion",
            "the day of the discussion, not after today", FIELD_REQUIRED),
    {.name = "agencies",
     .label = "agencies taking part",
     .expect = "agency codes such as social-care, police, health, separated by commas",
     .hint = "Children's social care and the police at least; health too whenever possible",
     .type = FIELD_CODE_LIST,
     .flags = FIELD_CODED | FIELD_REQUIRED,
     .codeset = CS_AGENCY,
     .size = sizeof(((struct strategy_discussion *)0)->agencies[0]),
     .count_offset = offsetof(struct strategy_discussion, nagencies),
     .max_count = STRATEGY_AGENCIES_MAX,
     .offset = offsetof(struct strategy_discussion, agencies)},
    REC_LINE(strategy_discussion, attendees, "who took part",
             "one line for each person: name, role, agency; at most 4,000 characters",
             FIELD_MULTILINE, 4000),
    REC_LINE(strategy_discussion, led_by, "who led it", "a name and role, at most 200 characters",
             0, 200),
    REC_CODE(strategy_discussion, outcome, "what was decided", CS_STRATEGY_OUTCOME, FIELD_REQUIRED,
             NULL),
    {0},
};

static bool has_agency(const struct strategy_discussion *d, const char *code)
{
    for (int i = 0; i < d->nagencies; i++)
        if (!strcmp(d->agencies[i], code))
            return true;
    return false;
}

static void strategy_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct strategy_discussion *d = rec;
    const struct field *f = &strategy_fields[1];
    for (int i = 0; i < d->nagencies; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(d->agencies[i], d->agencies[j]))
                field_fail(errs, f, i, d->agencies[i], "is given twice", "each agency once");
    static const char *const needed[] = {"social-care", "police"};
    for (size_t k = 0; k < sizeof needed / sizeof needed[0]; k++)
        if (!has_agency(d, needed[k]))
            field_fail(errs, f, -1, needed[k], "is not among them",
                       "children's social care and the police at least (Working Together 2023)");
}

const struct rec_type strategy_discussion_type = {
    .name = "strategy_discussion",
    .label = "strategy discussion",
    .plural = "strategy discussions",
    .table = "strategy_discussion",
    .parent = "child",
    .size = sizeof(struct strategy_discussion),
    .head = offsetof(struct strategy_discussion, h),
    .fields = strategy_fields,
    .order = "discussion_date",
    .title = "led_by",
    .check = strategy_check,
};

/* ---- section 47 enquiry ---- */

static const struct field s47_fields[] = {
    REC_DAY(s47_enquiry, start_date, "start of the enquiry",
            "the day the section 47 enquiry started, not after today", FIELD_REQUIRED),
    REC_DAY(s47_enquiry, completed_date, "end of the enquiry",
            "the day the enquiry ended, on or after its start and not after today", 0),
    REC_CODE(s47_enquiry, outcome, "outcome of the enquiry", CS_S47_OUTCOME, 0, NULL),
    REC_YES_NO(s47_enquiry, icpc_not_required, "initial conference not required"),
    {0},
};

static void s47_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct s47_enquiry *s = rec;
    const struct field *end = &s47_fields[1], *outcome = &s47_fields[2], *nr = &s47_fields[3];
    field_date_before(errs, end, s->completed_date, s->start_date, "the start of the enquiry",
                      false);
    if (s->completed_date != DATE_NONE && !s->outcome[0])
        field_fail(errs, outcome, -1, NULL, "is missing", "how the enquiry ended");
    if (s->completed_date == DATE_NONE && s->outcome[0])
        field_fail(errs, end, -1, NULL, "is missing",
                   "the day the enquiry ended, or no outcome until then");
    bool icpc = !strcmp(s->outcome, "icpc");
    if (s->icpc_not_required && (icpc || !s->outcome[0]))
        field_fail(errs, nr, -1, "yes",
                   icpc ? "contradicts the outcome (a conference)" : "is given before the outcome",
                   "yes only when the enquiry ended without a conference");
    if (!s->icpc_not_required && s->outcome[0] && !icpc)
        field_fail(errs, nr, -1, "no", "contradicts the outcome (no conference)",
                   "yes when the enquiry ended without a conference");
}

const struct rec_type s47_enquiry_type = {
    .name = "s47_enquiry",
    .label = "section 47 enquiry",
    .plural = "section 47 enquiries",
    .table = "s47_enquiry",
    .parent = "child",
    .size = sizeof(struct s47_enquiry),
    .head = offsetof(struct s47_enquiry, h),
    .fields = s47_fields,
    .order = "start_date",
    .title = "outcome",
    .check = s47_check,
};

/* ---- conference ---- */

static const struct field conference_fields[] = {
    REC_CODE(conference, kind, "kind of conference", CS_CONFERENCE_KIND, FIELD_REQUIRED, NULL),
    REC_DAY(conference, conference_date, "date of the conference",
            "the day the conference was held, not after today", FIELD_REQUIRED),
    REC_CODE(conference, outcome, "what the conference decided", CS_CONFERENCE_OUTCOME,
             FIELD_REQUIRED, NULL),
    REC_CODE(conference, category, "category of abuse", CS_CIN_ABUSE_CATEGORY, 0,
             "conference_date"),
    REC_LINE(conference, chair, "who chaired it", "a name and role, at most 200 characters", 0,
             200),
    {0},
};

/* The outcomes each kind may have, and which keep a plan (and so need its category). */
static const struct {
    const char *kind, *outcome;
    bool plan;
} conference_outcomes[] = {
    {"initial", "plan", true},
    {"initial", "no-plan", false},
    {"review", "continue", true},
    {"review", "end-plan", false},
};

static void conference_check(const void *rec, const struct field_ctx *ctx,
                             struct field_errors *errs)
{
    (void)ctx;
    const struct conference *c = rec;
    const struct field *outcome = &conference_fields[2], *category = &conference_fields[3];
    int row = -1;
    for (size_t i = 0; i < sizeof conference_outcomes / sizeof conference_outcomes[0]; i++)
        if (!strcmp(c->kind, conference_outcomes[i].kind) &&
            !strcmp(c->outcome, conference_outcomes[i].outcome))
            row = (int)i;
    if (row < 0) {
        field_fail(errs, outcome, -1, c->outcome, "is not an outcome of this kind of conference",
                   "%s", !strcmp(c->kind, "initial") ? "plan or no-plan" : "continue or end-plan");
        return;
    }
    if (conference_outcomes[row].plan && !c->category[0])
        field_fail(errs, category, -1, NULL, "is missing",
                   "the category the plan is under: NEG, PHY, SAB, EMO or MUL");
    if (!conference_outcomes[row].plan && c->category[0])
        field_fail(errs, category, -1, c->category, "is given though no plan continues",
                   "no category when there is no plan");
}

const struct rec_type conference_type = {
    .name = "conference",
    .label = "child protection conference",
    .plural = "child protection conferences",
    .table = "conference",
    .parent = "child",
    .size = sizeof(struct conference),
    .head = offsetof(struct conference, h),
    .fields = conference_fields,
    .order = "conference_date",
    .title = "kind",
    .check = conference_check,
};

/* ---- child protection plan ---- */

static const struct field cp_plan_fields[] = {
    REC_DAY(cp_plan, start_date, "start of the plan",
            "the day of the initial conference that made the plan", FIELD_REQUIRED),
    REC_DAY(cp_plan, end_date, "end of the plan",
            "the day the plan ended, after its start and not after today", 0),
    REC_CODE(cp_plan, initial_category, "initial category of abuse", CS_CIN_ABUSE_CATEGORY,
             FIELD_REQUIRED, "start_date"),
    REC_CODE(cp_plan, latest_category, "latest category of abuse", CS_CIN_ABUSE_CATEGORY,
             FIELD_REQUIRED, "start_date"),
    {0},
};

static void cp_plan_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct cp_plan *p = rec;
    /* A plan cannot start and end on one day (CIN 8840) */
    field_date_before(errs, &cp_plan_fields[1], p->end_date, p->start_date, "the start of the plan",
                      true);
}

const struct rec_type cp_plan_type = {
    .name = "cp_plan",
    .label = "child protection plan",
    .plural = "child protection plans",
    .table = "cp_plan",
    .parent = "child",
    .size = sizeof(struct cp_plan),
    .head = offsetof(struct cp_plan, h),
    .fields = cp_plan_fields,
    .order = "start_date",
    .title = "latest_category",
    .check = cp_plan_check,
};

/* ---- core group ---- */

static const struct field core_group_fields[] = {
    REC_DAY(core_group, meeting_date, "date of the core group",
            "the day the core group met, not after today", FIELD_REQUIRED),
    REC_LINE(core_group, attendees, "who took part",
             "one line for each person: name, role, agency; at most 4,000 characters",
             FIELD_MULTILINE, 4000),
    {0},
};

const struct rec_type core_group_type = {
    .name = "core_group",
    .label = "core group meeting",
    .plural = "core group meetings",
    .table = "core_group",
    .parent = "child",
    .size = sizeof(struct core_group),
    .head = offsetof(struct core_group, h),
    .fields = core_group_fields,
    .order = "meeting_date",
    .title = "meeting_date",
};
