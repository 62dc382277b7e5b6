/*
 * The descriptions of the child-protection records (protection.h) and their own rules,
 * after the CIN census and Working Together 2023 where they have one: a strategy
 * discussion with children's social care and the police in it and no agency twice, its
 * attendees one line each ("name, role, agency") from the agencies taking part, every agency
 * taking part naming someone (the multi-agency child protection team of CWSA 2026 s.3); an
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
#include <stdio.h>
#include <string.h>

#include "domain/codeset.h"

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
    {.name = "attendees",
     .label = "who took part",
     .expect = "one line for each person: name, role, agency code (such as 'A Okafor, social "
               "worker, social-care'), someone from each agency taking part; at most 4,000 "
               "characters",
     .hint = "One line for each person: name, role, agency code (social-care, police, health, "
             "education...), such as 'A Okafor, social worker, social-care'; someone from each "
             "agency taking part",
     .type = FIELD_TEXT,
     .flags = FIELD_MULTILINE | FIELD_REQUIRED,
     .max_len = 4000,
     .offset = offsetof(struct strategy_discussion, attendees)},
    REC_LINE(strategy_discussion, led_by, "who led it", "a name and role, at most 200 characters",
             0, 200),
    {.name = "lcpp",
     .label = "lead child protection practitioner",
     .expect = "the LCPP's name and role, such as 'A Okafor, social worker'; at most 200 "
               "characters",
     .hint = "The child's lead child protection practitioner (Families First): a registered "
             "social worker, their name and role",
     .type = FIELD_TEXT,
     .max_len = 200,
     .offset = offsetof(struct strategy_discussion, lcpp)},
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

/* The agency among the discussion's that `code` (`len` bytes) is; -1 when none. */
static int agency_at(const struct strategy_discussion *d, const char *code, size_t len)
{
    for (int i = 0; i < d->nagencies; i++)
        if (strlen(d->agencies[i]) == len && !memcmp(d->agencies[i], code, len))
            return i;
    return -1;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* The part of `len` bytes at *p without the blanks around it: moves *p, returns its length. */
static size_t trimmed(const char **p, size_t len)
{
    while (len && blank(**p))
        (*p)++, len--;
    while (len && blank((*p)[len - 1]))
        len--;
    return len;
}

/* One line of attendees, `line` numbered from 1: at least "name, role, agency" (a name may
 * hold commas: the agency is the last part, the role the one before), the agency one of
 * the discussion's. Returns the agency's index among them, -1 when the line is refused. */
static int attendee(const struct strategy_discussion *d, const char *p, size_t len, int line,
                    struct field_errors *errs)
{
    const struct field *f = &strategy_fields[2];
    char shown[64], problem[96];
    snprintf(shown, sizeof shown, "%.*s", (int)(len < 63 ? len : 63), p);
    const char *comma[2] = {NULL, NULL}; /* the last two commas: before the role, the agency */
    for (const char *q = p; q < p + len; q++)
        if (*q == ',') {
            comma[0] = comma[1];
            comma[1] = q;
        }
    const char *name = p, *role = comma[0] ? comma[0] + 1 : p,
               *agency = comma[1] ? comma[1] + 1 : p;
    size_t nlen = comma[0] ? trimmed(&name, (size_t)(comma[0] - p)) : 0;
    size_t rlen = comma[0] ? trimmed(&role, (size_t)(comma[1] - role)) : 0;
    size_t alen = comma[0] ? trimmed(&agency, (size_t)(p + len - agency)) : 0;
    if (!nlen || !rlen || !alen) {
        snprintf(problem, sizeof problem, "on line %d is not name, role, agency", line);
        field_fail(errs, f, -1, shown, problem,
                   "one line for each person: a name, their role and their agency's code, "
                   "separated by commas, such as 'A Okafor, social worker, social-care'");
        return -1;
    }
    int at = agency_at(d, agency, alen);
    if (at >= 0)
        return at;
    char among[STRATEGY_AGENCIES_MAX * 14] = "";
    for (int i = 0; i < d->nagencies; i++)
        snprintf(among + strlen(among), sizeof among - strlen(among), "%s%s", i ? ", " : "",
                 d->agencies[i]);
    snprintf(problem, sizeof problem, "on line %d ends in '%.*s', %s", line,
             (int)(alen < 24 ? alen : 24), agency,
             code_valid(CS_AGENCY, agency, alen, 0) ? "not an agency taking part"
                                                    : "not an agency code");
    field_fail(errs, f, -1, shown, problem,
               "the code of one of the agencies taking part at its end (%s), or that agency "
               "added to those taking part",
               among);
    return -1;
}

/* Every line of attendees in form, and someone from each agency taking part. Blank lines
 * are let by, as a form's text area leaves them. */
static void attendees_check(const struct strategy_discussion *d, struct field_errors *errs)
{
    bool named[STRATEGY_AGENCIES_MAX] = {false};
    bool refused = false;
    const char *p = d->attendees ? d->attendees : "";
    for (int line = 1; *p; line++) {
        size_t len = strcspn(p, "\n");
        const char *t = p;
        if (trimmed(&t, len)) {
            int at = attendee(d, p, len, line, errs);
            refused |= at < 0;
            if (at >= 0)
                named[at] = true;
        }
        p += len + (p[len] == '\n');
    }
    for (int i = 0; !refused && i < d->nagencies; i++)
        if (!named[i]) {
            char problem[64];
            snprintf(problem, sizeof problem, "names no one from '%s'", d->agencies[i]);
            field_fail(errs, &strategy_fields[2], -1, NULL, problem,
                       "someone from each agency taking part: a line 'name, role, %s'",
                       d->agencies[i]);
        }
}

static void strategy_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct strategy_discussion *d = rec;
    const struct field *f = &strategy_fields[1];
    size_t before = errs->n + errs->dropped;
    for (int i = 0; i < d->nagencies; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(d->agencies[i], d->agencies[j]))
                field_fail(errs, f, i, d->agencies[i], "is given twice", "each agency once");
    static const char *const needed[] = {"social-care", "police"};
    for (size_t k = 0; k < sizeof needed / sizeof needed[0]; k++)
        if (!has_agency(d, needed[k]))
            field_fail(errs, f, -1, needed[k], "is not among them",
                       "children's social care and the police at least (Working Together 2023)");
    if (errs->n + errs->dropped == before) /* the lines are read against good agencies */
        attendees_check(d, errs);
}

/* On the timeline and in the chronology: what was decided and the child's LCPP, named as
 * such (a bare name would read as whoever led it). */
static const char *const strategy_summary[] = {"outcome", "LCPP:lcpp", NULL};

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
    .summary = strategy_summary,
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
