/*
 * The rules of help and protection that need the child's other records (cross.h): the
 * order a CIN episode's records must come in, after the CIN census where it has a rule
 * (numbers in brackets). Everything after the referral falls in an open episode, not one
 * closed with no further action (1103, 2889, 1105, 4015, 8831, 8565); a referral is at
 * most 40 weeks before the child's birth (8606) and no child is seen before it; an enquiry follows
 * a strategy discussion that decided on one (Working Together 2023), an initial conference
 * its enquiry (1104, 8615), a CP plan the initial conference that made it (2885), a review
 * conference the start of the plan it reviews (8841); a CIN plan's review falls while a
 * CIN plan of the child's is in force, and a plan corrected keeps the reviews it had; core groups
 * and CP visits fall during a plan, and private fostering visits during an arrangement (no episode
 * needed).
 *
 * "The episode" of a record is the latest referral on or before its date: records carry
 * no link to their referral, as in the census, where an episode is the referral's span.
 *
 * The CIN census's own rules then run on the child's records as the census would read
 * them (casework/cin_live.c, from records.c): whatever they say is not restated here.
 * Episodes that overlap (8820), CIN plans (4014) and CP plans (8940) that overlap are
 * theirs alone. The checks that stay restate a rule only where the census cannot see the
 * record (one before any referral, in a year the census has no rules for) or say it better
 * at the moment of typing (the field the person must change).
 */
#include <stdbool.h>
#include <string.h>

#include "casework/cross.h"
#include "domain/agency.h"
#include "domain/help.h"
#include "domain/proceedings.h"
#include "domain/protection.h"
#include "domain/risk.h"
#include "store/store_rec.h"

#define WEEKS_BEFORE_BIRTH 40

enum kerr_code cw_cross_all(struct cw_cross_ctx *c, const struct rec_type *t, void **out, size_t *n)
{
    struct rec_query q = {.parent_id = c->child->id, .limit = STORE_PAGE_MAX};
    return store_rec_list(c->s, t, &q, c->a, out, n, NULL, c->e);
}

static const char *iso(kdate d, char buf[DATE_ISO_LEN]) { return date_format_iso(d, buf); }

static bool open_on(kdate start, kdate end, kdate d)
{
    return start <= d && (end == DATE_NONE || d <= end);
}

/* Day `d` of field `f` falls in an open CIN episode that went further than the referral. */
static enum kerr_code in_episode(struct cw_cross_ctx *c, const struct field *f, kdate d)
{
    struct referral *refs;
    size_t n;
    enum kerr_code rc = cw_cross_all(c, &referral_type, (void **)&refs, &n);
    if (rc)
        return rc;
    const struct referral *ep = NULL;
    kdate first = DATE_NONE;
    for (size_t i = 0; i < n; i++) {
        if (first == DATE_NONE || refs[i].referral_date < first)
            first = refs[i].referral_date;
        if (refs[i].referral_date <= d && (!ep || refs[i].referral_date > ep->referral_date))
            ep = &refs[i];
    }
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], z[DATE_ISO_LEN];
    if (!n)
        field_fail(c->errs, f, -1, iso(d, a), "has no referral before it",
                   "a day in a CIN episode: record the referral that opened it first");
    else if (!ep)
        field_fail(c->errs, f, -1, iso(d, a), "is before the child's referral",
                   "a day on or after the referral of %s", iso(first, b));
    else if (ep->nfa)
        field_fail(c->errs, f, -1, iso(d, a), "falls after a referral with no further action",
                   "a day in an episode that went further than the referral of %s (CIN rule 8831)",
                   iso(ep->referral_date, b));
    else if (ep->closure_date != DATE_NONE && d > ep->closure_date)
        field_fail(c->errs, f, -1, iso(d, a), "is after the CIN episode closed",
                   "a day from %s to %s, or a new referral recorded first",
                   iso(ep->referral_date, b), iso(ep->closure_date, z));
    return KITH_OK;
}

void cw_cross_after_birth(struct cw_cross_ctx *c, const struct field *f, kdate d)
{
    if (c->child->dob == DATE_NONE || d == DATE_NONE || d >= c->child->dob)
        return;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    field_fail(c->errs, f, -1, iso(d, a), "is before the child was born",
               "a day on or after %s, the date of birth", iso(c->child->dob, b));
}

/* The CP plan among `plans` in force on day `d`, or NULL. */
static const struct cp_plan *plan_on(const struct cp_plan *plans, size_t n, kdate d)
{
    for (size_t i = 0; i < n; i++)
        if (open_on(plans[i].start_date, plans[i].end_date, d))
            return &plans[i];
    return NULL;
}

/* Day `d` of field `f` falls during a CP plan; `what` names the record in the message. */
static enum kerr_code during_plan(struct cw_cross_ctx *c, const struct field *f, kdate d,
                                  const char *what)
{
    struct cp_plan *plans;
    size_t n;
    enum kerr_code rc = cw_cross_all(c, &cp_plan_type, (void **)&plans, &n);
    if (!rc && !plan_on(plans, n, d)) {
        char a[DATE_ISO_LEN];
        field_fail(c->errs, f, -1, iso(d, a), "is not during a child protection plan",
                   "a day while a plan is in force: %s follows a plan", what);
    }
    return rc;
}

/* ---- the rules of each type ---- */

static const struct field *fld(const struct rec_type *t, const char *name)
{
    return field_find(t->fields, name);
}

static enum kerr_code referral_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct referral *r = rec;
    const struct field *date = fld(&referral_type, "referral_date");
    kdate birth = c->child->dob != DATE_NONE ? c->child->dob : c->child->expected_dob;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (birth != DATE_NONE && r->referral_date < birth - WEEKS_BEFORE_BIRTH * 7)
        field_fail(c->errs, date, -1, iso(r->referral_date, a),
                   "is more than 40 weeks before the child's birth",
                   "a day on or after %s (CIN rule 8606)", iso(birth - WEEKS_BEFORE_BIRTH * 7, b));
    return KITH_OK;
}

static enum kerr_code assessment_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct assessment *x = rec;
    cw_cross_after_birth(c, fld(&assessment_type, "child_seen_date"), x->child_seen_date);
    return in_episode(c, fld(&assessment_type, "start_date"), x->start_date);
}

/* Whether one of `plans` other than row `self` is in force on day `d`. */
static bool other_plan_on(const struct cin_plan *plans, size_t n, int64_t self, kdate d)
{
    for (size_t i = 0; i < n; i++)
        if (plans[i].h.id != self && open_on(plans[i].start_date, plans[i].end_date, d))
            return true;
    return false;
}

/* A plan corrected keeps its reviews inside it: a review the stored plan was in force for,
 * and no other plan is, stays in force under the correction, as a review recorded falls
 * while a plan is (cin_plan_review_rules). The message is beside the date that moved and
 * names the review: the latest one left after the end, the earliest before the start. */
static enum kerr_code reviews_kept(struct cw_cross_ctx *c, const struct cin_plan *p)
{
    if (!c->self)
        return KITH_OK;
    struct cin_plan *plans;
    struct cin_plan_review *revs;
    size_t np, nr;
    enum kerr_code rc = cw_cross_all(c, &cin_plan_type, (void **)&plans, &np);
    if (!rc)
        rc = cw_cross_all(c, &cin_plan_review_type, (void **)&revs, &nr);
    if (rc)
        return rc;
    const struct cin_plan *was = NULL;
    for (size_t i = 0; i < np; i++)
        if (plans[i].h.id == c->self)
            was = &plans[i];
    if (!was)
        return KITH_OK;
    const struct cin_plan_review *late = NULL, *early = NULL;
    for (size_t i = 0; i < nr; i++) {
        kdate d = revs[i].review_date;
        if (!open_on(was->start_date, was->end_date, d) || open_on(p->start_date, p->end_date, d) ||
            other_plan_on(plans, np, c->self, d))
            continue;
        if (d < p->start_date && (!early || d < early->review_date))
            early = &revs[i];
        else if (d >= p->start_date && (!late || d > late->review_date))
            late = &revs[i];
    }
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (late)
        field_fail(c->errs, fld(&cin_plan_type, "end_date"), -1, iso(p->end_date, a),
                   "is before the plan's review",
                   "a day on or after %s, the day of the plan's review: a review falls while its "
                   "plan is in force (correct or delete the review first)",
                   iso(late->review_date, b));
    if (early)
        field_fail(c->errs, fld(&cin_plan_type, "start_date"), -1, iso(p->start_date, a),
                   "is after the plan's review",
                   "a day on or before %s, the day of the plan's review: a review falls while its "
                   "plan is in force (correct or delete the review first)",
                   iso(early->review_date, b));
    return KITH_OK;
}

static enum kerr_code cin_plan_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct cin_plan *p = rec;
    enum kerr_code rc = in_episode(c, fld(&cin_plan_type, "start_date"), p->start_date);
    return rc ? rc : reviews_kept(c, p);
}

/* A review falls while one of the child's CIN plans is in force: it carries no link to its
 * plan (domain/help.h), so the plan it reviews is the one in force on its day. The
 * message names the nearest plan: the one that had started latest by that day (ended
 * before it), else the first to start (after it). */
static enum kerr_code cin_plan_review_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct cin_plan_review *r = rec;
    const struct field *date = fld(&cin_plan_review_type, "review_date");
    struct cin_plan *plans;
    size_t n;
    enum kerr_code rc = cw_cross_all(c, &cin_plan_type, (void **)&plans, &n);
    if (rc)
        return rc;
    const struct cin_plan *before = NULL, *after = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct cin_plan *p = &plans[i];
        if (open_on(p->start_date, p->end_date, r->review_date))
            return KITH_OK;
        if (p->start_date <= r->review_date && (!before || p->start_date > before->start_date))
            before = p;
        if (p->start_date > r->review_date && (!after || p->start_date < after->start_date))
            after = p;
    }
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], z[DATE_ISO_LEN];
    if (before)
        field_fail(c->errs, date, -1, iso(r->review_date, a), "is after the CIN plan ended",
                   "a day from %s to %s, while the plan was in force", iso(before->start_date, b),
                   iso(before->end_date, z));
    else if (after)
        field_fail(c->errs, date, -1, iso(r->review_date, a), "is before the CIN plan started",
                   "a day on or after %s, the start of the plan", iso(after->start_date, b));
    else
        field_fail(c->errs, date, -1, iso(r->review_date, a), "has no CIN plan to review",
                   "a day while a CIN plan is in force: record the plan first");
    return KITH_OK;
}

/* Day `d` of field `f` falls during a private fostering arrangement of the child's. */
static enum kerr_code during_arrangement(struct cw_cross_ctx *c, const struct field *f, kdate d)
{
    struct private_fostering *pf;
    size_t n;
    enum kerr_code rc = cw_cross_all(c, &private_fostering_type, (void **)&pf, &n);
    for (size_t i = 0; !rc && i < n; i++)
        if (open_on(pf[i].start_date, pf[i].end_date, d))
            return KITH_OK;
    char a[DATE_ISO_LEN];
    if (!rc)
        field_fail(c->errs, f, -1, iso(d, a), "is not during a private fostering arrangement",
                   "a day while an arrangement is recorded: record the arrangement first");
    return rc;
}

static enum kerr_code visit_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct visit *v = rec;
    const struct field *date = fld(&visit_type, "visit_date");
    if (v->child_seen)
        cw_cross_after_birth(c, date, v->visit_date);
    /* A privately fostered child is visited under the 2005 regulations whether or not
     * they are a child in need: the visit falls during the arrangement, not an episode. */
    if (!strcmp(v->purpose, "pf"))
        return during_arrangement(c, date, v->visit_date);
    enum kerr_code rc = in_episode(c, date, v->visit_date);
    if (!rc && !strcmp(v->purpose, "cp-plan"))
        rc = during_plan(c, date, v->visit_date, "a child protection visit");
    return rc;
}

static enum kerr_code strategy_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct strategy_discussion *d = rec;
    return in_episode(c, fld(&strategy_discussion_type, "discussion_date"), d->discussion_date);
}

static enum kerr_code s47_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct s47_enquiry *s = rec;
    const struct field *start = fld(&s47_enquiry_type, "start_date");
    enum kerr_code rc = in_episode(c, start, s->start_date);
    struct strategy_discussion *ds;
    size_t n;
    if (!rc)
        rc = cw_cross_all(c, &strategy_discussion_type, (void **)&ds, &n);
    if (rc || c->errs->n)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ds[i].outcome, "s47") && ds[i].discussion_date <= s->start_date)
            return KITH_OK;
    char a[DATE_ISO_LEN];
    field_fail(c->errs, start, -1, iso(s->start_date, a), "is before its strategy discussion",
               "a day on or after a strategy discussion that decided on an enquiry: record "
               "that first");
    return KITH_OK;
}

/* An initial conference follows its enquiry; a review, the start of the plan it reviews. */
static enum kerr_code conference_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct conference *x = rec;
    const struct field *date = fld(&conference_type, "conference_date");
    enum kerr_code rc = in_episode(c, date, x->conference_date);
    if (rc || c->errs->n)
        return rc;
    char a[DATE_ISO_LEN];
    if (!strcmp(x->kind, "review")) {
        struct cp_plan *plans;
        size_t n;
        rc = cw_cross_all(c, &cp_plan_type, (void **)&plans, &n);
        const struct cp_plan *p = rc ? NULL : plan_on(plans, n, x->conference_date);
        if (!rc && (!p || p->start_date == x->conference_date))
            field_fail(c->errs, date, -1, iso(x->conference_date, a),
                       p ? "is the day the plan started" : "is not during a child protection plan",
                       "a day after the start of the plan it reviews (CIN rule 8841)");
        return rc;
    }
    struct s47_enquiry *ss;
    size_t n;
    rc = cw_cross_all(c, &s47_enquiry_type, (void **)&ss, &n);
    for (size_t i = 0; !rc && i < n; i++)
        if (ss[i].start_date <= x->conference_date && !ss[i].icpc_not_required)
            return KITH_OK;
    if (!rc)
        field_fail(c->errs, date, -1, iso(x->conference_date, a), "is before its enquiry",
                   "a day on or after the start of the section 47 enquiry that called it "
                   "(CIN rules 1104, 8615)");
    return rc;
}

static enum kerr_code cp_plan_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct cp_plan *p = rec;
    const struct field *start = fld(&cp_plan_type, "start_date");
    enum kerr_code rc = in_episode(c, start, p->start_date);
    if (rc || c->errs->n)
        return rc;
    char a[DATE_ISO_LEN];
    struct conference *cs;
    size_t n;
    rc = cw_cross_all(c, &conference_type, (void **)&cs, &n);
    bool made = false;
    for (size_t i = 0; !rc && i < n; i++)
        made |= !strcmp(cs[i].kind, "initial") && !strcmp(cs[i].outcome, "plan") &&
                cs[i].conference_date == p->start_date;
    if (!rc && !made)
        field_fail(c->errs, start, -1, iso(p->start_date, a),
                   "is not the day of an initial conference that made a plan",
                   "the day of that conference, recorded first (CIN rule 2885)");
    return rc;
}

static enum kerr_code core_group_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct core_group *g = rec;
    return during_plan(c, fld(&core_group_type, "meeting_date"), g->meeting_date, "a core group");
}

const struct cw_cross cw_cross_rules[] = {
    {&referral_type, referral_rules},
    {&assessment_type, assessment_rules},
    {&cin_plan_type, cin_plan_rules},
    {&cin_plan_review_type, cin_plan_review_rules},
    {&visit_type, visit_rules},
    {&strategy_discussion_type, strategy_rules},
    {&s47_enquiry_type, s47_rules},
    {&conference_type, conference_rules},
    {&cp_plan_type, cp_plan_rules},
    {&core_group_type, core_group_rules},
    {&missing_episode_type, cw_missing_rules},
    {&fgdm_offer_type, cw_fgdm_offer_rules},
    {&fgdm_meeting_type, cw_fgdm_meeting_rules},
    {&letter_before_proceedings_type, cw_letter_rules},
    {&pp_meeting_type, cw_pp_meeting_rules},
    {&care_application_type, cw_care_application_rules},
    {&agency_assignment_type, cw_agency_rules},
    {&agency_cap_type, cw_agency_cap_rules},
    {NULL, NULL},
};
