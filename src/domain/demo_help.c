/*
 * The demo borough's help-and-protection histories: for each child, the records of each
 * CIN episode the child's journey (demo_impl.h's phases) went through. A front-door phase
 * is a referral; one that went no further is a referral with no further action. An
 * assessment phase is an assessment that starts with it, the child seen within days, and
 * completed and authorised at its end, so most finish inside 45 working days and a share
 * do not (the phases last 10 to 75 days). A child-protection phase starts with its initial
 * conference: before it a strategy discussion and a section 47 enquiry, 8 to 15 working
 * days before (one in eight later); the plan the conference makes, its review conferences
 * (three months, then six-monthly; some late), core groups and visits every ten working
 * days. A child-in-need phase is a CIN plan with visits every few weeks and reviews every
 * three months (some late, some missed). The episode closes when the journey does: after
 * an assessment with no further action (RC8) or a step down to early help (RC9, which
 * opens a family help episode the next day, linked both ways), when services end (RC7), at
 * adoption (RC1) or at 18 for a child in care (RC7). The reviews and the step-downs are
 * drawn from a stream of the child's own, so every other record is as it was before them. Some
 * children in the CIN pathway go through an enquiry that needs no conference. Work open on `today`
 * is left as it would be: assessments not yet completed or authorised, visits and reviews falling
 * due, some overdue.
 *
 * docs/internals/demo.md says what the live CIN validation finds in these records and why.
 */
#include <stdio.h>
#include <string.h>

#include "core/workday.h"
#include "domain/codeset.h"
#include "domain/demo_impl.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/protection.h"

struct hp {
    struct demo_gen *g;
    struct demo_child *c;
    struct rng *r;
    uint64_t seq;     /* the child's records so far, for their public ids */
    uint64_t derived; /* the child's derived records so far (emit_derived) */
    int n_plans;      /* CP plans so far (for the chance of a category change) */
    /* The draws of the derived records, a stream of the child's own apart from `r`: the
     * records above are drawn exactly as before there were any. */
    struct rng side;
};

static kdate weekday_on_or_after(kdate d)
{
    while (!date_is_working_day(d))
        d++;
    return d;
}

static kdate working_days_before(kdate d, int n)
{
    while (n > 0) {
        d--;
        n -= date_is_working_day(d);
    }
    return d;
}

static kdate min_date(kdate a, kdate b) { return a < b ? a : b; }

/* Whoever held the child's case on `d` (the allocated worker); NULL when no one did. */
static const struct demo_tenure *holder_on(const struct hp *h, kdate d)
{
    for (size_t i = 0; i < h->c->n_alloc; i++) {
        const struct demo_alloc *a = &h->c->alloc[i];
        if (a->a.start <= d && (a->a.end == DATE_NONE || d < a->a.end) && a->kind != TK_IRO &&
            a->kind != TK_CP_CHAIR)
            return &h->g->tenures[a->tenure];
    }
    return NULL;
}

/* The name of whoever held the child's case on `d`, for "by whom". */
static const char *worker_on(const struct hp *h, kdate d, const char *role)
{
    const struct demo_tenure *t = holder_on(h, d);
    return t ? arena_printf(h->c->arena, "%s %s, %s", t->given, t->family, role)
             : arena_printf(h->c->arena, "Duty %s", role);
}

/* The records made from others' dates (CIN plan reviews, step-downs) number from here,
 * apart from the sequence: a borough made before they were keeps every id it had. */
#define DERIVED_ITEM (UINT64_C(1) << 26)

static enum kerr_code sink(struct hp *h, const struct rec_type *t, void *rec, kdate made)
{
    struct rec_head *hd = rec_head(t, rec);
    hd->parent_id = h->c->person.id;
    hd->created_at = (int64_t)made * 86400 + (int64_t)16 * 3600;
    hd->updated_at = hd->created_at;
    return h->g->sink->record(h->g->sink->ctx, t, rec, h->g->e);
}

static enum kerr_code emit(struct hp *h, const struct rec_type *t, void *rec, kdate made)
{
    /* a referral a family help episode stepped up to comes with the id the episode links to;
     * the sequence moves on either way, so the other records keep theirs */
    uint64_t seq = h->seq++;
    struct rec_head *hd = rec_head(t, rec);
    if (!hd->public_id[0])
        demo_public_id(h->g, ID_HELP, (uint64_t)h->c->index, seq, hd->public_id);
    return sink(h, t, rec, made);
}

/* A record derived from the dates of those above, with an id of its own numbering. */
static enum kerr_code emit_derived(struct hp *h, const struct rec_type *t, void *rec, kdate made)
{
    struct rec_head *hd = rec_head(t, rec);
    if (!hd->public_id[0])
        demo_public_id(h->g, ID_HELP, (uint64_t)h->c->index, DERIVED_ITEM + h->derived++,
                       hd->public_id);
    return sink(h, t, rec, made);
}

/* Referral sources of children referred to an inner-London borough (per mille, after the
 * CIN census's national shares: police, schools and health the most). */
static const struct demo_code_weight sources[] = {
    {"6", 290}, {"2A", 190}, {"3A", 30}, {"3B", 30}, {"3E", 40}, {"1A", 50},
    {"1B", 10}, {"1C", 10},  {"4", 30},  {"5A", 30}, {"5C", 30}, {"5D", 60},
    {"7", 30},  {"8", 50},   {"9", 20},  {"10", 20}, {"3F", 30},
};
static const struct demo_code_weight needs[] = {
    {"N1", 500}, {"N3", 50}, {"N4", 150}, {"N5", 150},
    {"N6", 40},  {"N7", 10}, {"N8", 50},  {"N9", 50},
};
static const struct demo_code_weight factors[] = {
    {"3B", 220}, {"4B", 180}, {"2B", 90},  {"1B", 80},  {"16A", 120}, {"17A", 90},
    {"10A", 40}, {"24A", 30}, {"11A", 20}, {"14A", 30}, {"15A", 30},  {"4A", 40},
};
static const struct demo_code_weight categories[] = {
    {"NEG", 500}, {"EMO", 350}, {"PHY", 80}, {"SAB", 40}, {"MUL", 30},
};

static const char *pick(struct rng *r, const struct demo_code_weight *v, size_t n)
{
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].weight;
    uint32_t x = (uint32_t)rng_below(r, total);
    size_t i = 0;
    while (x >= v[i].weight)
        x -= v[i++].weight;
    return v[i].code;
}
#define PICK(r, v) pick((r), (v), sizeof(v) / sizeof((v)[0]))

/* Codes the DfE added later than the demo's oldest records, with what was used before
 * (codes are judged in the collection year of the record's date). */
static const struct {
    const char *code, *before;
    int from_year; /* the first collection year with the code */
} late_codes[] = {{"24A", "14A", 2022}, {"5D", "8", 2023}, {"RC9", "RC8", 2023}};

static const char *as_of(const char *code, kdate d)
{
    for (size_t i = 0; i < sizeof late_codes / sizeof late_codes[0]; i++)
        if (!strcmp(code, late_codes[i].code) && collection_year(d) < late_codes[i].from_year)
            return late_codes[i].before;
    return code;
}

/* The phases of one episode: from a front-door phase to the one that closes it. */
struct episode {
    int first, last;
    kdate close; /* DATE_NONE: open on today */
    const char *reason;
};

static enum kerr_code assessment(struct hp *h, const struct demo_phase *ph, bool nothing_found)
{
    struct assessment a = {.start_date = ph->start,
                           .child_seen_date = DATE_NONE,
                           .completed_date = DATE_NONE,
                           .authorised_date = DATE_NONE};
    kdate today = h->g->today, seen = ph->start + (kdate)rng_range(h->r, 0, 6);
    if (seen <= today && (ph->end == DATE_NONE ? rng_chance(h->r, 700) : true))
        a.child_seen_date = ph->end != DATE_NONE ? min_date(seen, ph->end) : seen;
    if (ph->end != DATE_NONE) {
        a.completed_date = ph->end - (kdate)rng_range(h->r, 0, 2);
        if (a.completed_date < ph->start)
            a.completed_date = ph->start;
        a.authorised_date = ph->end;
    } else if (today - ph->start > 35 && rng_chance(h->r, 500)) {
        /* completed, waiting in the manager's queue */
        a.completed_date = today - (kdate)rng_range(h->r, 0, 5);
        if (a.completed_date < ph->start)
            a.completed_date = ph->start;
    }
    if (a.child_seen_date != DATE_NONE && a.completed_date != DATE_NONE &&
        a.child_seen_date > a.completed_date)
        a.child_seen_date = a.completed_date;
    if (a.completed_date != DATE_NONE) {
        if (nothing_found && rng_chance(h->r, 600)) {
            snprintf(a.factors[0], sizeof a.factors[0], "21");
            a.nfactors = 1;
        } else {
            int n = 1 + (int)rng_below(h->r, 3);
            for (int i = 0; i < n; i++) {
                const char *f = as_of(PICK(h->r, factors), a.completed_date);
                bool dup = false;
                for (int k = 0; k < a.nfactors; k++)
                    dup |= !strcmp(a.factors[k], f);
                if (!dup)
                    snprintf(a.factors[a.nfactors++], sizeof a.factors[0], "%s", f);
            }
        }
    }
    if (a.authorised_date != DATE_NONE)
        a.authorised_by = worker_on(h, ph->start, "team manager");
    return emit(h, &assessment_type, &a, ph->start);
}

static enum kerr_code visits(struct hp *h, kdate from, kdate to, const char *purpose, int lo,
                             int hi, bool working_days)
{
    enum kerr_code rc = KITH_OK;
    kdate stop = to == DATE_NONE ? h->g->today : min_date(to, h->g->today);
    kdate d = working_days ? workday_add(from, (int)rng_range(h->r, lo, hi))
                           : from + (kdate)rng_range(h->r, lo, hi);
    while (!rc && d <= stop) {
        struct visit v = {.visit_date = d, .child_seen = rng_chance(h->r, 950)};
        v.seen_alone =
            v.child_seen && date_age_on(h->c->person.dob, d) >= 4 && rng_chance(h->r, 650);
        snprintf(v.purpose, sizeof v.purpose, "%s", purpose);
        snprintf(v.place, sizeof v.place, "%s", rng_chance(h->r, 800) ? "home" : "school");
        v.by_whom = worker_on(h, d, "social worker");
        rc = emit(h, &visit_type, &v, d);
        /* one visit in ten is late: the next comes after a longer gap */
        int gap = (int)rng_range(h->r, lo, hi) + (rng_chance(h->r, 100) ? hi : 0);
        d = working_days ? workday_add(d, gap) : d + gap;
    }
    return rc;
}

/* The partners' people at a strategy discussion. Picked by the child and the record's place
 * among the child's records, not drawn: the demo's draws, and so everything after them,
 * stay as they were before discussions named who took part. */
static const char *const partner_names[] = {
    "R Ahmed", "J Clarke",  "S Begum",    "T Nowak", "K Mensah", "L Evans",
    "P Singh", "M Brennan", "A Kowalski", "D Osei",  "H Patel",  "C Murphy",
};
static const struct {
    const char *agency, *role_young, *role; /* the role for a child under 5, and after */
} partner_roles[] = {
    {"police", "detective constable", "detective constable"},
    {"health", "health visitor", "school nurse"},
    {"education", "nursery manager", "designated safeguarding lead"},
};

/* Who took part in discussion `d` (its agencies already set), one line each "name, role,
 * agency", and its lead child protection practitioner: the child's social worker then,
 * who in the demo is the LCPP too (Families First lets the two be one person); a duty
 * social worker stands in, and no LCPP is named, when no one held the case. */
static void attend(struct hp *h, struct strategy_discussion *d)
{
    const struct demo_tenure *sw = holder_on(h, d->discussion_date);
    struct str s;
    str_init(&s, 0);
    if (sw) {
        str_addf(&s, "%s %s, social worker, social-care\n", sw->given, sw->family);
        d->lcpp = arena_printf(h->c->arena, "%s %s, social worker", sw->given, sw->family);
    } else {
        str_addf(&s, "Duty social worker, social worker, social-care\n");
    }
    bool young = date_age_on(h->c->person.dob, d->discussion_date) < 5;
    size_t n = sizeof partner_names / sizeof partner_names[0];
    for (int i = 1; i < d->nagencies; i++)
        for (size_t k = 0; k < sizeof partner_roles / sizeof partner_roles[0]; k++)
            if (!strcmp(partner_roles[k].agency, d->agencies[i]))
                str_addf(&s, "%s, %s, %s\n",
                         partner_names[((uint64_t)h->c->index * 5 + h->seq + (uint64_t)i) % n],
                         young ? partner_roles[k].role_young : partner_roles[k].role,
                         d->agencies[i]);
    d->attendees = arena_strdup(h->c->arena, s.buf);
    str_release(&s);
}

/* A strategy discussion and the enquiry it starts on `start`, which ends on `end` with
 * `outcome`. */
static enum kerr_code enquiry(struct hp *h, kdate start, kdate end, const char *outcome)
{
    struct strategy_discussion d = {.discussion_date = start, .nagencies = 3};
    snprintf(d.agencies[0], sizeof d.agencies[0], "social-care");
    snprintf(d.agencies[1], sizeof d.agencies[1], "police");
    snprintf(d.agencies[2], sizeof d.agencies[2], "%s",
             rng_chance(h->r, 700) ? "health" : "education");
    snprintf(d.outcome, sizeof d.outcome, "s47");
    d.led_by = worker_on(h, start, "team manager");
    attend(h, &d);
    enum kerr_code rc = emit(h, &strategy_discussion_type, &d, start);
    struct s47_enquiry s = {.start_date = start, .completed_date = end};
    if (end != DATE_NONE) {
        snprintf(s.outcome, sizeof s.outcome, "%s", outcome);
        s.icpc_not_required = strcmp(outcome, "icpc") != 0;
    }
    return rc ? rc : emit(h, &s47_enquiry_type, &s, start);
}

static enum kerr_code conference(struct hp *h, const char *kind, kdate d, const char *outcome,
                                 const char *category)
{
    struct conference x = {.conference_date = d, .chair = "Child protection chair"};
    snprintf(x.kind, sizeof x.kind, "%s", kind);
    snprintf(x.outcome, sizeof x.outcome, "%s", outcome);
    if (category)
        snprintf(x.category, sizeof x.category, "%s", category);
    return emit(h, &conference_type, &x, d);
}

/* A child-protection phase: the enquiry before it, the conference that starts it, the plan
 * with its reviews, core groups and visits; returns the day the plan ended (DATE_NONE:
 * open). */
static enum kerr_code protection(struct hp *h, const struct demo_phase *ph, kdate earliest,
                                 kdate *plan_end)
{
    kdate today = h->g->today;
    kdate icpc = weekday_on_or_after(ph->start);
    if (icpc > today)
        icpc = working_days_before(today + 1, 1);
    int lead = rng_chance(h->r, 125) ? (int)rng_range(h->r, 16, 22) : (int)rng_range(h->r, 8, 15);
    kdate strategy = working_days_before(icpc, lead);
    if (strategy < earliest)
        strategy = earliest;
    kdate concluded = icpc - (kdate)rng_range(h->r, 0, 2);
    if (concluded < strategy)
        concluded = strategy;
    enum kerr_code rc = enquiry(h, strategy, concluded, "icpc");
    const char *cat = PICK(h->r, categories);
    if (!rc)
        rc = conference(h, "initial", icpc, "plan", cat);
    /* the plan ends at a review conference on the last working day of the phase (or on
     * its last day when that falls too soon), within the episode */
    kdate end = ph->end == DATE_NONE || ph->end > today ? DATE_NONE : ph->end;
    if (end != DATE_NONE && !date_is_working_day(end) && working_days_before(end, 1) > icpc)
        end = working_days_before(end, 1);
    if (end != DATE_NONE && end <= icpc)
        end = icpc + 1;
    /* reviews: three months, then every six; the last ends the plan */
    const char *latest = cat;
    kdate rv = weekday_on_or_after(date_add_months(icpc, 3));
    while (!rc && rv <= today && (end == DATE_NONE || rv < end)) {
        kdate held = rng_chance(h->r, 100) ? workday_add(rv, (int)rng_range(h->r, 3, 12)) : rv;
        if (held > today || (end != DATE_NONE && held >= end))
            break;
        if (rng_chance(h->r, 80))
            latest = PICK(h->r, categories);
        rc = conference(h, "review", held, "continue", latest);
        rv = weekday_on_or_after(date_add_months(rv, 6));
    }
    if (!rc && end != DATE_NONE)
        rc = conference(h, "review", end, "end-plan", NULL);
    struct cp_plan p = {.start_date = icpc, .end_date = end};
    snprintf(p.initial_category, sizeof p.initial_category, "%s", cat);
    snprintf(p.latest_category, sizeof p.latest_category, "%s", latest);
    if (!rc)
        rc = emit(h, &cp_plan_type, &p, icpc);
    /* core groups: the first within ten working days (one in ten later), then six-weekly */
    kdate stop = end == DATE_NONE ? today : end;
    kdate cg = workday_add(icpc, rng_chance(h->r, 100) ? (int)rng_range(h->r, 11, 16)
                                                       : (int)rng_range(h->r, 5, 10));
    while (!rc && cg <= stop) {
        struct core_group g = {.meeting_date = cg};
        rc = emit(h, &core_group_type, &g, cg);
        cg = workday_add(cg, (int)rng_range(h->r, 25, 32));
    }
    if (!rc)
        rc = visits(h, icpc, end, "cp-plan", 7, 10, true);
    h->n_plans++;
    *plan_end = end;
    return rc;
}

/* A CIN plan's reviews, every CIN_PLAN_REVIEW_MONTHS (the demo borough sets no other
 * cin-plan-review-months) from its start and then from each review held, while the plan
 * is in force: one in eight held two to five weeks late, and in a plan still open one in
 * six has missed the last one due, which "my work" shows overdue. */
static enum kerr_code cin_reviews(struct hp *h, kdate start, kdate end)
{
    kdate stop = end != DATE_NONE ? end : h->g->today;
    enum kerr_code rc = KITH_OK;
    for (kdate due = date_add_months(start, CIN_PLAN_REVIEW_MONTHS); !rc && due <= stop;) {
        kdate on = rng_chance(&h->side, 125) ? due + (kdate)rng_range(&h->side, 14, 35) : due;
        if (on > stop)
            break;
        kdate next = date_add_months(on, CIN_PLAN_REVIEW_MONTHS);
        if (end == DATE_NONE && next > stop && rng_chance(&h->side, 170))
            break;
        struct cin_plan_review rv = {.review_date = on, .child_seen = rng_chance(&h->side, 920)};
        /* the last one before a plan closes decides it: the plan ends within the month */
        snprintf(rv.outcome, sizeof rv.outcome, "%s",
                 end != DATE_NONE && end - on <= 31 ? "close" : "continue");
        rc = emit_derived(h, &cin_plan_review_type, &rv, on);
        due = next;
    }
    return rc;
}

/* A CIN episode closed RC9, "case closed after assessment, referred to early help", steps
 * down to family help as casework/step.c records it: the episode opens the day after the
 * closure, each record naming the other, led by a practitioner of the child's family help
 * team; assessed, planned and reviewed twelve-weekly like the others (demo_family.c), and
 * closed after two to ten months, or the day before the child next comes to the front door
 * or turns 18. None when the closure is today, or the next phase starts the next day.
 * Returns whether it made one (into `fh`, with its id, for the referral to name). */
static bool step_down(struct hp *h, const struct episode *ep, struct family_help *fh)
{
    const struct demo_child *c = h->c;
    kdate today = h->g->today, start = ep->close + 1;
    kdate limit = date_birthday(c->person.dob, 18) - 1;
    if (ep->last + 1 < c->n_phases)
        limit = min_date(limit, c->phase[ep->last + 1].start - 1);
    if (start > today || start > limit || !h->g->kind_count[TK_EARLY_HELP])
        return false;
    *fh = (struct family_help){.start_date = start,
                               .signoff_date = DATE_NONE,
                               .assessment_date = DATE_NONE,
                               .plan_date = DATE_NONE,
                               .review_date = DATE_NONE,
                               .closure_date = DATE_NONE};
    kdate end = min_date(start + (kdate)rng_range(&h->side, 60, 300), limit);
    kdate stop = end <= today ? end : today;
    int pick = c->team_pick[TK_EARLY_HELP] >= 0 ? c->team_pick[TK_EARLY_HELP] : 0;
    int64_t lead =
        demo_holder(h->g, h->g->kind_first[TK_EARLY_HELP] + (uint32_t)pick, start, &h->side);
    if (lead >= 0) {
        const struct demo_tenure *t = &h->g->tenures[lead];
        fh->lead_practitioner =
            arena_printf(c->arena, "%s %s, family help practitioner", t->given, t->family);
    } else
        fh->lead_practitioner = "Duty family help practitioner";
    snprintf(fh->lead_profession, sizeof fh->lead_profession, "early-help");
    kdate assessed = start + (kdate)rng_range(&h->side, 10, 40);
    if (assessed <= stop) {
        fh->assessment_date = assessed;
        kdate plan = assessed + (kdate)rng_range(&h->side, 3, 14);
        if (plan <= stop) {
            fh->plan_date = plan;
            for (kdate rv = plan + 84; rv <= stop; rv += 84)
                fh->review_date = rv;
        }
    }
    if (end <= today) {
        fh->closure_date = end;
        snprintf(fh->closure_reason, sizeof fh->closure_reason, "%s",
                 end == limit                ? "other"
                 : rng_chance(&h->side, 750) ? "needs-met"
                                             : "step-down");
    }
    demo_public_id(h->g, ID_HELP, (uint64_t)c->index, DERIVED_ITEM + h->derived++, fh->h.public_id);
    return true;
}

static const char *reason_for(const struct demo_phase *ph, struct rng *r)
{
    switch (ph->kind) {
    case TK_ADOPTION:
        return "RC1";
    case TK_ASSESSMENT:
        return rng_chance(r, 300) ? "RC9" : "RC8";
    default:
        return "RC7";
    }
}

/* Where the episode that starts at front-door phase `i` ends. */
static struct episode episode_at(const struct hp *h, int i)
{
    const struct demo_child *c = h->c;
    /* a reason from the start, so none is ever NULL (each closure below sets its own) */
    struct episode ep = {.first = i, .last = i, .close = DATE_NONE, .reason = "RC7"};
    for (int k = i; k < c->n_phases; k++) {
        const struct demo_phase *ph = &c->phase[k];
        if (k > i && (ph->kind == TK_FRONT_DOOR || ph->kind == TK_EARLY_HELP))
            break;
        if (ph->kind == TK_LEAVING_CARE) { /* the episode ends with care, at 18 */
            ep.close = ph->start;
            ep.reason = "RC7";
            break;
        }
        ep.last = k;
        if (ph->end != DATE_NONE && (ph->closes || k + 1 == c->n_phases)) {
            ep.close = ph->end;
            ep.reason = reason_for(ph, h->r);
            break;
        }
    }
    if (ep.close != DATE_NONE && ep.close > h->g->today)
        ep.close = DATE_NONE;
    return ep;
}

static enum kerr_code one_episode(struct hp *h, const struct episode *ep)
{
    const struct demo_child *c = h->c;
    const struct demo_phase *door = &c->phase[ep->first];
    bool nfa = ep->first == ep->last && ep->close != DATE_NONE;
    bool disabled = false, cp = false;
    for (int k = ep->first; k <= ep->last; k++) {
        disabled |= c->phase[k].kind == TK_DISABLED;
        cp |= c->phase[k].kind == TK_CP;
    }
    struct referral ref = {.referral_date = door->start, .nfa = nfa, .closure_date = ep->close};
    snprintf(ref.source, sizeof ref.source, "%s", as_of(PICK(h->r, sources), door->start));
    if (!nfa)
        snprintf(ref.primary_need, sizeof ref.primary_need, "%s",
                 disabled ? "N2"
                 : cp     ? "N1"
                          : PICK(h->r, needs));
    if (nfa) /* decided at the front door: closed the day it came in */
        ref.closure_date = door->start;
    if (ref.closure_date != DATE_NONE)
        snprintf(ref.closure_reason, sizeof ref.closure_reason, "%s",
                 nfa ? "RC7" : as_of(ep->reason, ref.closure_date));
    if (c->step_up_door && c->step_up_door == ep->first) {
        memcpy(ref.h.public_id, c->step_up_referral, sizeof ref.h.public_id);
        memcpy(ref.stepped_up_from, c->step_up_from, sizeof ref.stepped_up_from);
    }
    struct family_help fh;
    bool down = !nfa && !strcmp(ref.closure_reason, "RC9") && step_down(h, ep, &fh);
    if (down)
        memcpy(ref.stepped_down_to, fh.h.public_id, sizeof ref.stepped_down_to);
    enum kerr_code rc = emit(h, &referral_type, &ref, door->start);
    kdate cp_end = DATE_NONE;
    for (int k = ep->first + 1; !rc && k <= ep->last; k++) {
        const struct demo_phase *ph = &c->phase[k];
        kdate end = ph->end != DATE_NONE && ph->end <= h->g->today ? ph->end : DATE_NONE;
        switch (ph->kind) {
        case TK_ASSESSMENT:
            rc = assessment(h, ph, k == ep->last && ep->close != DATE_NONE);
            /* one child in twelve on the way to a plan needs an enquiry, and no conference */
            if (!rc && end != DATE_NONE && k < ep->last && c->phase[k + 1].kind != TK_CP &&
                rng_chance(h->r, 80)) {
                kdate s = workday_add(ph->start, 2);
                if (s < end)
                    rc = enquiry(h, s, min_date(workday_add(s, 10), end), "cin");
            }
            break;
        case TK_CP:
            rc = protection(h, ph, c->phase[k - 1].start, &cp_end);
            break;
        case TK_CIN:
        case TK_DISABLED: {
            kdate start = ph->start;
            if (cp_end != DATE_NONE && start <= cp_end)
                start = cp_end + 1; /* stepped down from a CP plan: the day after it ends */
            if (end != DATE_NONE && end < start)
                break;
            struct cin_plan p = {.start_date = start, .end_date = end};
            rc = emit(h, &cin_plan_type, &p, start);
            if (!rc)
                rc = visits(h, start, end, "cin-plan", 20, 42, false);
            if (!rc)
                rc = cin_reviews(h, start, end);
            break;
        }
        default:
            break; /* care, adoption: the episode stays open with no plan of its own */
        }
    }
    if (!rc && down) {
        memcpy(fh.stepped_down_from, ref.h.public_id, sizeof fh.stepped_down_from);
        rc = emit_derived(h, &family_help_type, &fh, fh.start_date);
    }
    return rc;
}

enum kerr_code demo_help(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    if (g->sink->no_case_records)
        return KITH_OK;
    struct hp h = {.g = g, .c = c, .r = r};
    rng_seed_stream(&h.side, g->id_key[0] ^ UINT64_C(0x5d0c1e9a), (uint64_t)c->index);
    enum kerr_code rc = KITH_OK;
    for (int i = 0; !rc && i < c->n_phases; i++) {
        if (c->phase[i].kind != TK_FRONT_DOOR)
            continue;
        struct episode ep = episode_at(&h, i);
        rc = one_episode(&h, &ep);
        i = ep.last;
    }
    return rc;
}
