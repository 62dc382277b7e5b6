/*
 * The demo borough's family help, risks outside the home and pre-proceedings: for each
 * child, from the journey (demo_impl.h's phases) and the family part's parents.
 *
 * - Family help: one episode for each early-help phase, led by the early help worker
 *   allocated (or now and then a health visitor, teacher or youth worker, by age), with
 *   its assessment within weeks, its plan, reviews every twelve weeks (one open episode in
 *   five has missed its last) and, when the phase ends, its closure with where the family
 *   went: an episode followed by a referral steps up to it (the referral, written by
 *   demo_help.c, links back). One in six is a child in need's, signed off by a child in
 *   need team's social worker with their Social Work England number.
 * - Missing episodes: for children of 11 and over, by year of involvement, more in child
 *   protection and care and more at 14 and over; most back the same day or the next, a
 *   return home interview offered within 72 hours for most (some late, some never), some
 *   declined; one child of 12 and over in thirty whose child in need, protection or care
 *   work is open is missing on `today`. A risk ends when the case closes or at 18, an
 *   arrangement when it closes or at 16 (private fostering is of children under 16).
 * - Exploitation risks: for about a third of the children who went missing at 12 and
 *   over, and a few others in child protection; sexual or criminal exploitation, county
 *   lines, trafficking; reviewed every three months, a quarter of the open ones overdue;
 *   some closed; a referral to the National Referral Mechanism for some high risks of
 *   trafficking or county lines. A handful of private fostering arrangements with their
 *   visits (six-weekly in the first year, then twelve-weekly).
 * - Pre-proceedings: for one child protection phase in five, and three in five of those
 *   that end in care: an offer of a family group decision-making meeting to each person with
 *   parental responsibility (or, one time in twelve, the council's exemption), their
 *   answers, the meeting for those who accepted, the letter before proceedings stating
 *   the offer, the initial and review meetings, and the decision: care proceedings on the
 *   day the child comes into care (a care order sought), else mostly a step down. The
 *   records are written in the order casework/proceedings.c's rules ask for.
 *
 * docs/internals/demo.md says what these records add to the borough and why.
 */
#include <stdio.h>
#include <string.h>

#include "core/workday.h"
#include "domain/demo_impl.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/proceedings.h"
#include "domain/risk.h"

struct fam {
    struct demo_gen *g;
    struct demo_child *c;
    struct rng *r;
    uint64_t seq; /* the child's records so far, for their public ids */
};

/* Items of ID_FAMILY at and above this are the referrals of step-ups, by phase. */
#define STEP_UP_ITEM (UINT64_C(1) << 26)

static kdate min_date(kdate a, kdate b) { return a < b ? a : b; }
static kdate max_date(kdate a, kdate b) { return a > b ? a : b; }

static enum kerr_code emit(struct fam *f, const struct rec_type *t, void *rec, kdate made)
{
    struct rec_head *hd = rec_head(t, rec);
    hd->parent_id = f->c->person.id;
    hd->created_at = (int64_t)made * 86400 + (int64_t)17 * 3600;
    hd->updated_at = hd->created_at;
    demo_public_id(f->g, ID_FAMILY, (uint64_t)f->c->index, f->seq++, hd->public_id);
    return f->g->sink->record(f->g->sink->ctx, t, rec, f->g->e);
}

static const char *pick(struct rng *r, const struct demo_code_weight *v, size_t n)
{
    return v[rng_weighted(r, v, n, sizeof *v, offsetof(struct demo_code_weight, weight))].code;
}
#define PICK(r, v) pick((r), (v), sizeof(v) / sizeof((v)[0]))

/* A made-up practitioner: "Given Family, role". */
static const char *someone(struct fam *f, const char *role)
{
    char sex = rng_chance(f->r, 750) ? 'F' : 'M';
    const char *given = demo_given_name(f->r, sex, f->c->arena);
    return arena_printf(f->c->arena, "%s %s, %s", given, demo_family_name(f->r, f->c->arena), role);
}

/* The worker of a team of kind `tk` (the child's own, else the first) in post on `d`, as a
 * tenure index, or -1. */
static int64_t holder(struct fam *f, enum demo_team_kind tk, kdate d)
{
    int pick_k = f->c->team_pick[tk] >= 0 ? f->c->team_pick[tk] : 0;
    return demo_holder(f->g, f->g->kind_first[tk] + (uint32_t)pick_k, d, f->r);
}

static const char *named(struct fam *f, int64_t tenure, const char *role)
{
    const struct demo_tenure *t = &f->g->tenures[tenure];
    return arena_printf(f->c->arena, "%s %s, %s", t->given, t->family, role);
}

/* Who was allocated the child in a team of kind `tk` on `d`, or NULL. */
static const char *allocated(struct fam *f, enum demo_team_kind tk, kdate d, const char *role)
{
    for (size_t i = 0; i < f->c->n_alloc; i++) {
        const struct demo_alloc *a = &f->c->alloc[i];
        if (a->kind == tk && a->a.start <= d && (a->a.end == DATE_NONE || d < a->a.end))
            return named(f, a->tenure, role);
    }
    return NULL;
}

/* The day the child's case closed for good (the journey's last phase ended) or the child
 * turned `age`, whichever came first, or DATE_NONE when neither has by today: what is
 * left open on a closed case or an adult (a risk, an arrangement) would be nobody's work. */
static kdate over_by(const struct fam *f, int age)
{
    kdate end = f->c->phase[f->c->n_phases - 1].end, grown = date_birthday(f->c->person.dob, age);
    if (end == DATE_NONE || grown < end)
        end = grown;
    return end <= f->g->today ? end : DATE_NONE;
}

/* ---- family help ------------------------------------------------------------------------ */

/* Who leads when it is not the early help worker, by the child's age. */
static const struct lead {
    int age_lo, age_hi;
    const char *profession, *role;
} leads[] = {
    {0, 4, "health-visitor", "health visitor"},
    {5, 10, "teacher", "designated safeguarding lead"},
    {11, 17, "teacher", "head of year"},
    {11, 17, "youth-worker", "youth worker"},
    {0, 17, "domestic-abuse", "domestic abuse practitioner"},
};

static const struct demo_code_weight closures[] = {
    {"needs-met", 620}, {"step-down", 140}, {"declined", 120}, {"moved-away", 80}, {"other", 40},
};

static const char *contributors(struct fam *f, int age)
{
    struct str s;
    str_init(&s, 0);
    if (age < 5)
        str_addf(&s, "%s, Health\n", someone(f, "health visitor"));
    else
        str_addf(&s, "%s, %s\n", someone(f, age < 11 ? "class teacher" : "pastoral lead"),
                 age < 11 ? "Primary school" : "Secondary school");
    if (rng_chance(f->r, 400))
        str_addf(&s, "%s, Adult services\n", someone(f, "drug and alcohol worker"));
    if (rng_chance(f->r, 300))
        str_addf(&s, "%s, Housing\n", someone(f, "housing officer"));
    const char *out = arena_strdup(f->c->arena, s.buf);
    str_release(&s);
    return out;
}

/* The latest review held by `stop`, twelve-weekly from the plan (one in ten late by two to
 * six weeks); in an open episode, one time in five the last one due is not held. */
static kdate latest_review(struct fam *f, kdate plan, kdate stop, bool open)
{
    kdate held = DATE_NONE;
    for (kdate due = plan + 84; due <= stop;) {
        kdate on = rng_chance(f->r, 100) ? due + (kdate)rng_range(f->r, 14, 42) : due;
        if (on > stop)
            break;
        if (open && on + 84 > stop && rng_chance(f->r, 200))
            break; /* the last one due was missed: overdue on today */
        held = on;
        due = on + 84;
    }
    return held;
}

static enum kerr_code family_help(struct fam *f, int i)
{
    const struct demo_child *c = f->c;
    const struct demo_phase *ph = &c->phase[i];
    kdate today = f->g->today, start = ph->start;
    kdate end = ph->end != DATE_NONE && ph->end <= today ? ph->end : DATE_NONE;
    kdate stop = end != DATE_NONE ? end : today;
    int age = date_age_on(c->person.dob, start);
    struct family_help h = {.start_date = start,
                            .signoff_date = DATE_NONE,
                            .assessment_date = DATE_NONE,
                            .plan_date = DATE_NONE,
                            .review_date = DATE_NONE,
                            .closure_date = DATE_NONE};
    const char *worker = allocated(f, TK_EARLY_HELP, start, "family help practitioner");
    if (worker && rng_chance(f->r, 750)) {
        h.lead_practitioner = worker;
        snprintf(h.lead_profession, sizeof h.lead_profession, "early-help");
    } else {
        const struct lead *l;
        do
            l = &leads[rng_below(f->r, sizeof leads / sizeof leads[0])];
        while (age < l->age_lo || age > l->age_hi);
        h.lead_practitioner = someone(f, l->role);
        snprintf(h.lead_profession, sizeof h.lead_profession, "%s", l->profession);
    }
    /* a child in need's episode, signed off by a child in need team's social worker */
    h.child_in_need = rng_chance(f->r, 170);
    if (h.child_in_need) {
        kdate on = min_date(start + (kdate)rng_range(f->r, 0, 10), stop);
        int64_t sw = holder(f, TK_CIN, on);
        if (sw >= 0) {
            h.signoff_by = named(f, sw, "social worker");
            snprintf(h.signoff_registration, sizeof h.signoff_registration, "%s",
                     f->g->tenures[sw].registration);
            h.signoff_date = on;
        }
        if (!h.signoff_registration[0])
            h.child_in_need = false; /* nobody to sign it off: possible only in a tiny demo */
    }
    kdate assessed = start + (kdate)rng_range(f->r, 10, 45);
    if (assessed <= stop) {
        h.assessment_date = assessed;
        kdate plan = assessed + (kdate)rng_range(f->r, 3, 14);
        if (plan <= stop) {
            h.plan_date = plan;
            h.review_date = latest_review(f, plan, stop, end == DATE_NONE);
        }
    }
    h.contributors = contributors(f, age);
    if (end != DATE_NONE) {
        h.closure_date = end;
        bool up = i + 1 < c->n_phases && c->phase[i + 1].kind == TK_FRONT_DOOR && !ph->closes;
        snprintf(h.closure_reason, sizeof h.closure_reason, "%s",
                 up ? "stepped-up" : PICK(f->r, closures));
        if (up) {
            demo_public_id(f->g, ID_FAMILY, (uint64_t)c->index, STEP_UP_ITEM + (uint64_t)i + 1,
                           f->c->step_up_referral);
            memcpy(h.stepped_up_to, f->c->step_up_referral, sizeof h.stepped_up_to);
        }
    }
    enum kerr_code rc = emit(f, &family_help_type, &h, start);
    if (!rc && h.stepped_up_to[0]) {
        f->c->step_up_door = i + 1;
        memcpy(f->c->step_up_from, h.h.public_id, sizeof f->c->step_up_from);
    }
    return rc;
}

/* ---- missing episodes ------------------------------------------------------------------- */

/* Chance per year of involvement (per mille) that a child of 14 and over goes missing, by
 * the kind of team holding the case; half that at 11 to 13. */
static const unsigned missing_rate[TK_COUNT] = {
    [TK_ASSESSMENT] = 60, [TK_CIN] = 140, [TK_DISABLED] = 30,
    [TK_CP] = 260,        [TK_CIC] = 380, [TK_EARLY_HELP] = 80,
};

/* One episode from `start`; `still`: the child has not come back by today. */
static enum kerr_code missing_one(struct fam *f, kdate start, bool in_care, bool still, kdate *back)
{
    kdate today = f->g->today;
    struct missing_episode m = {.start_date = start,
                                .end_date = DATE_NONE,
                                .rhi_offered_date = DATE_NONE,
                                .rhi_date = DATE_NONE};
    snprintf(m.kind, sizeof m.kind, "%s", in_care && rng_chance(f->r, 300) ? "A" : "M");
    m.reported_to_police = rng_chance(f->r, m.kind[0] == 'M' ? 900 : 350);
    static const struct demo_weighted away[] = {{0, 550}, {1, 300}, {2, 60}, {3, 40}, {7, 50}};
    int days = away[RNG_PICK(f->r, away, struct demo_weighted, weight)].value;
    if (days == 7)
        days = (int)rng_range(f->r, 4, 14);
    kdate end = still ? DATE_NONE : start + days;
    *back = still ? today + 1 : end;
    if (still || end > today) /* still missing on today */
        return emit(f, &missing_episode_type, &m, start);
    m.end_date = end;
    /* the interview offered within 72 hours for most, late for some, never for a few */
    int r = (int)rng_below(f->r, 1000);
    kdate offer = r < 850   ? end + (kdate)rng_range(f->r, 0, 3)
                  : r < 950 ? end + (kdate)rng_range(f->r, 4, 10)
                            : DATE_NONE;
    if (offer == DATE_NONE && today - end > 60)
        offer = end + (kdate)rng_range(f->r, 4, 10); /* never offered: only a recent return */
    if (offer != DATE_NONE && offer <= today) {
        m.rhi_offered_date = offer;
        m.rhi_accepted = rng_chance(f->r, 700);
        kdate held = offer + (kdate)rng_range(f->r, 0, 5);
        if (m.rhi_accepted && held <= today) {
            m.rhi_date = held;
            m.rhi_by = someone(f, "return home interview worker (independent)");
        }
    }
    return emit(f, &missing_episode_type, &m, start);
}

/* The child's missing episodes; `*first` the first day missing at 12 or over (DATE_NONE). */
static enum kerr_code missing(struct fam *f, kdate *first)
{
    const struct demo_child *c = f->c;
    kdate today = f->g->today, at11 = date_birthday(c->person.dob, 11),
          at14 = date_birthday(c->person.dob, 14), at12 = date_birthday(c->person.dob, 12),
          at18 = date_birthday(c->person.dob, 18);
    enum kerr_code rc = KITH_OK;
    *first = DATE_NONE;
    kdate after = DATE_NONE; /* the last return: episodes do not overlap */
    for (int i = 0; !rc && i < c->n_phases; i++) {
        const struct demo_phase *ph = &c->phase[i];
        unsigned rate = missing_rate[ph->kind];
        kdate from = max_date(max_date(ph->start, at11), f->g->window_start);
        kdate to = min_date(min_date(ph->end == DATE_NONE ? today : ph->end, today), at18);
        /* a year at a time (or what is left of one) */
        for (kdate y = from; !rc && rate && y < to; y += 365) {
            kdate y_end = min_date(y + 365, to);
            unsigned chance = (unsigned)((int64_t)rate * (y_end - y) / 365);
            if (y < at14)
                chance /= 2;
            if (!rng_chance(f->r, chance))
                continue;
            static const struct demo_weighted times[] = {{1, 500}, {2, 250}, {3, 150}, {5, 100}};
            int n = times[RNG_PICK(f->r, times, struct demo_weighted, weight)].value;
            for (int k = 0; !rc && k < n; k++) {
                kdate d = y + (kdate)rng_range(f->r, 0, y_end - y - 1);
                if (after != DATE_NONE && d <= after)
                    d = after + 1 + (kdate)rng_range(f->r, 5, 40);
                if (d > min_date(y_end, today))
                    break;
                rc = missing_one(f, d, ph->kind == TK_CIC, false, &after);
                if (d >= at12 && *first == DATE_NONE)
                    *first = d;
                if (after > today)
                    return rc; /* still missing */
            }
        }
    }
    /* one child of 12 and over in thirty in child in need, protection or care work is
     * missing on today */
    const struct demo_phase *now = &c->phase[c->n_phases - 1];
    int age = date_age_on(c->person.dob, today);
    kdate d = today - (kdate)rng_range(f->r, 0, 3);
    if (after != DATE_NONE && d <= after)
        d = after + 1; /* gone again the day after the last return */
    if (!rc && now->end == DATE_NONE && missing_rate[now->kind] >= missing_rate[TK_CIN] &&
        age >= 12 && age < 18 && d <= today && rng_chance(f->r, 33))
        rc = missing_one(f, d, now->kind == TK_CIC, true, &after);
    return rc;
}

/* ---- exploitation risks ----------------------------------------------------------------- */

static const struct demo_code_weight kinds_girl[] = {
    {"cse", 600}, {"cce", 200}, {"county-lines", 150}, {"trafficking", 50}};
static const struct demo_code_weight kinds_boy[] = {
    {"cce", 450}, {"county-lines", 400}, {"cse", 100}, {"trafficking", 50}};
static const struct demo_code_weight levels[] = {{"low", 300}, {"medium", 450}, {"high", 250}};

static const char *const concerns[] = {
    "Seen with older young people not known to the family; new phone and clothes unexplained.",
    "Found some distance from home after going missing; police intelligence of links to a "
    "drug line.",
    "School report older adults collecting the young person at the gates.",
    "Disclosed to a youth worker being asked to carry packages; a safety plan agreed.",
};

static enum kerr_code exploitation(struct fam *f, kdate identified)
{
    kdate today = f->g->today;
    struct exploitation_risk x = {.identified_date = identified,
                                  .review_date = DATE_NONE,
                                  .nrm_date = DATE_NONE,
                                  .closed_date = DATE_NONE};
    bool girl = f->c->person.sex == 'F';
    int n = rng_chance(f->r, 250) ? 2 : 1;
    while (x.nkinds < n) {
        const char *k = girl ? PICK(f->r, kinds_girl) : PICK(f->r, kinds_boy);
        if (x.nkinds && !strcmp(x.kinds[0], k))
            continue;
        snprintf(x.kinds[x.nkinds++], sizeof x.kinds[0], "%s", k);
    }
    snprintf(x.risk_level, sizeof x.risk_level, "%s", PICK(f->r, levels));
    kdate closed = identified + (kdate)rng_range(f->r, 90, 540);
    if (closed <= today && rng_chance(f->r, 550))
        x.closed_date = closed;
    kdate gone = over_by(f, 18); /* closed with the case, or at 18, at the latest */
    if (gone != DATE_NONE && (x.closed_date == DATE_NONE || x.closed_date > gone))
        x.closed_date = max_date(gone, identified);
    /* reviews every three months; an open risk's next one a quarter of the time passed */
    kdate stop = x.closed_date != DATE_NONE ? x.closed_date : today;
    kdate next = identified + 91;
    while (next <= stop)
        next += 91;
    if (x.closed_date == DATE_NONE && rng_chance(f->r, 250))
        next = max_date(identified, today - (kdate)rng_range(f->r, 1, 60));
    if (x.closed_date == DATE_NONE)
        x.review_date = next;
    bool nrm_kind = false;
    for (int i = 0; i < x.nkinds; i++)
        nrm_kind |= !strcmp(x.kinds[i], "trafficking") || !strcmp(x.kinds[i], "county-lines");
    kdate nrm = identified + (kdate)rng_range(f->r, 5, 40);
    if (nrm_kind && !strcmp(x.risk_level, "high") && rng_chance(f->r, 500) && nrm <= stop)
        x.nrm_date = nrm;
    x.summary = concerns[rng_below(f->r, sizeof concerns / sizeof concerns[0])];
    return emit(f, &exploitation_risk_type, &x, identified);
}

/* ---- private fostering ------------------------------------------------------------------ */

static enum kerr_code private_fostering(struct fam *f, kdate notified)
{
    kdate today = f->g->today;
    struct private_fostering p = {.notified_date = notified,
                                  .start_date = notified - (kdate)rng_range(f->r, 7, 120),
                                  .visit_date = DATE_NONE,
                                  .decision_date = DATE_NONE,
                                  .end_date = DATE_NONE};
    p.carer = arena_printf(f->c->arena, "%s %s, %s", demo_given_name(f->r, 'F', f->c->arena),
                           demo_family_name(f->r, f->c->arena),
                           rng_chance(f->r, 600) ? "family friend" : "great-aunt");
    /* the first visit within 7 working days, one in six later */
    kdate visit = workday_add(notified, rng_chance(f->r, 170) ? (int)rng_range(f->r, 8, 15)
                                                              : (int)rng_range(f->r, 1, 7));
    if (visit <= today)
        p.visit_date = visit;
    kdate decided = notified + (kdate)rng_range(f->r, 20, 42);
    if (p.visit_date != DATE_NONE && decided <= today) {
        static const struct demo_code_weight decisions[] = {
            {"suitable", 700}, {"conditions", 250}, {"not-suitable", 50}};
        snprintf(p.decision, sizeof p.decision, "%s", PICK(f->r, decisions));
        p.decision_date = decided;
    }
    kdate ended = !strcmp(p.decision, "not-suitable") ? decided + (kdate)rng_range(f->r, 7, 30)
                                                      : notified + (kdate)rng_range(f->r, 90, 700);
    if (ended <= today && (p.decision[0] || rng_chance(f->r, 500)))
        p.end_date = ended;
    kdate gone = over_by(f, 16); /* ended with the case, or at 16, at the latest */
    if (gone != DATE_NONE && (p.end_date == DATE_NONE || p.end_date > gone))
        p.end_date = max_date(gone, p.start_date);
    enum kerr_code rc = emit(f, &private_fostering_type, &p, notified);
    /* visits: six-weekly in the first year from notification, then twelve-weekly */
    kdate stop = p.end_date != DATE_NONE ? p.end_date : today;
    for (kdate d = p.visit_date; !rc && d != DATE_NONE;) {
        int weeks = d < date_add_months(notified, 12) ? 6 : 12;
        d +=
            (kdate)(7 * (int64_t)weeks - rng_range(f->r, 0, 10) + (rng_chance(f->r, 100) ? 21 : 0));
        if (d > stop)
            break;
        struct visit v = {.visit_date = d, .child_seen = rng_chance(f->r, 950)};
        v.seen_alone = v.child_seen && rng_chance(f->r, 700);
        snprintf(v.purpose, sizeof v.purpose, "pf");
        snprintf(v.place, sizeof v.place, "home");
        v.by_whom = someone(f, "social worker");
        rc = emit(f, &visit_type, &v, d);
    }
    return rc;
}

/* ---- pre-proceedings -------------------------------------------------------------------- */

static const char *const exemption_reasons[] = {
    "A meeting would alert an alleged perpetrator of sexual abuse within the family network, "
    "placing the child at immediate risk.",
    "The parent's partner is subject to a non-molestation order and has threatened the child's "
    "mother; bringing the family network together would put her and the child at risk.",
    "Police investigation ongoing: sharing the concerns with the wider family would prejudice "
    "it and expose the child to pressure to retract.",
};

/* One line for each person with parental responsibility, and `extra` if any: a record's
 * list of people. */
static const char *people(struct fam *f, const char *extra)
{
    const struct demo_child *c = f->c;
    struct str s;
    str_init(&s, 0);
    for (int i = 0; i < c->n_pr && i < (int)(sizeof c->pr / sizeof c->pr[0]); i++)
        str_addf(&s, "%s\n", c->pr[i].name);
    if (extra)
        str_addf(&s, "%s\n", extra);
    const char *out = arena_strdup(f->c->arena, s.buf);
    str_release(&s);
    return out;
}

/* Pre-proceedings during a child protection phase, from `from` (once the plan is made) to
 * `stop`, ending with an application on `care` when the child then comes into care
 * (DATE_NONE otherwise); none for a child with nobody holding parental responsibility. */
static enum kerr_code pre_proceedings(struct fam *f, kdate from, kdate stop, kdate care)
{
    const struct demo_child *c = f->c;
    kdate today = f->g->today;
    kdate start = care != DATE_NONE ? care - (kdate)rng_range(f->r, 60, 110)
                                    : from + (kdate)rng_range(f->r, 60, 240);
    start = max_date(start, from);
    if (start > min_date(stop, today) || !c->n_pr)
        return KITH_OK;
    start = min_date(start, today);
    enum kerr_code rc = KITH_OK;
    struct pre_proceedings pp = {.start_date = start, .decision_date = DATE_NONE};
    const char *sent_to = c->n_pr == 2
                              ? arena_printf(c->arena, "%s and %s", c->pr[0].name, c->pr[1].name)
                              : c->pr[0].name;
    /* the offer to each person with parental responsibility, or the exemption */
    bool exempt = rng_chance(f->r, 80);
    kdate accepted = DATE_NONE;
    kdate offered = max_date(from, start - (kdate)rng_range(f->r, 0, 7));
    if (exempt) {
        struct fgdm_exemption x = {.decided_date = offered};
        int64_t m = holder(f, TK_CP, offered);
        x.decided_by = m >= 0 ? named(f, m, "service manager") : "Service manager";
        x.exemption_reason = exemption_reasons[rng_below(f->r, 3)];
        rc = emit(f, &fgdm_exemption_type, &x, offered);
    }
    for (int k = 0; !rc && !exempt && k < c->n_pr; k++) {
        struct fgdm_offer o = {.offer_date = offered,
                               .offered_to = c->pr[k].name,
                               .parental_responsibility = true,
                               .facilitated = rng_chance(f->r, 850),
                               .response_date = DATE_NONE};
        snprintf(o.relationship, sizeof o.relationship, "%s", c->pr[k].relationship);
        memcpy(o.relative, c->pr[k].public_id, sizeof o.relative); /* chosen, as on the form */
        static const struct demo_code_weight answers[] = {
            {"accepted", 600}, {"declined", 250}, {"no-response", 150}};
        kdate answered = offered + (kdate)rng_range(f->r, 1, 14);
        if (answered <= today) {
            snprintf(o.response, sizeof o.response, "%s", PICK(f->r, answers));
            o.response_date = answered;
            if (!strcmp(o.response, "accepted") && (accepted == DATE_NONE || answered < accepted))
                accepted = answered;
        }
        rc = emit(f, &fgdm_offer_type, &o, offered);
    }
    /* the decision: on the eve of the application for a child coming into care, else after
     * about four months of meetings; pre-proceedings is written as it stands on today */
    kdate decided = care != DATE_NONE ? care - (kdate)rng_range(f->r, 0, 7)
                                      : start + (kdate)rng_range(f->r, 80, 140);
    decided = max_date(decided, start);
    if (decided <= today) {
        static const struct demo_code_weight outcomes[] = {
            {"step-down", 650}, {"continue", 200}, {"court", 150}};
        pp.decision_date = decided;
        snprintf(pp.outcome, sizeof pp.outcome, "%s",
                 care != DATE_NONE ? "court" : PICK(f->r, outcomes));
    }
    if (!rc)
        rc = emit(f, &pre_proceedings_type, &pp, start);
    struct letter_before_proceedings l = {
        .letter_date = start, .states_fgdm_offer = !exempt, .sent_to = sent_to};
    snprintf(l.kind, sizeof l.kind, "before-proceedings");
    if (!rc)
        rc = emit(f, &letter_before_proceedings_type, &l, start);
    kdate meet_by = pp.decision_date != DATE_NONE ? pp.decision_date : today;
    /* the family group meets after the acceptance and by the decision */
    if (!rc && accepted != DATE_NONE && accepted <= meet_by) {
        kdate on = min_date(accepted + (kdate)rng_range(f->r, 7, 28), meet_by);
        const char *extra = rng_chance(f->r, 600) ? someone(f, "maternal grandmother") : NULL;
        struct fgdm_meeting m = {
            .meeting_date = on,
            .coordinator = someone(f, "family group conference coordinator"),
            .attendees = people(f, extra),
            .family_proposal = "The family to share the care of the children at weekends and "
                               "to supervise contact; the parents to attend the drug and "
                               "alcohol service.",
            .council_response = rng_chance(f->r, 600)
                                    ? "Agreed, to be reviewed at the next pre-proceedings meeting."
                                    : "Not agreed in full: the weekend care needs an assessment "
                                      "first."};
        rc = emit(f, &fgdm_meeting_type, &m, on);
    }
    /* the initial meeting two to three weeks after the letter, then every four to six weeks */
    kdate meet = workday_add(start, (int)rng_range(f->r, 7, 14));
    const char *who = people(f, "Parents' solicitor");
    for (const char *kind = "initial"; !rc && meet <= meet_by; kind = "review") {
        struct pp_meeting m = {.meeting_date = meet, .attendees = who};
        snprintf(m.kind, sizeof m.kind, "%s", kind);
        rc = emit(f, &pp_meeting_type, &m, meet);
        meet = workday_add(meet, (int)rng_range(f->r, 20, 30));
    }
    /* the application: a care order for a child coming into care, a supervision order for
     * one the court is asked to keep at home */
    if (rc || strcmp(pp.outcome, "court"))
        return rc;
    struct care_application a = {.application_date = care != DATE_NONE ? care : pp.decision_date};
    if (a.application_date > today)
        return rc;
    snprintf(a.order_sought, sizeof a.order_sought, "%s",
             care != DATE_NONE ? (rng_chance(f->r, 300) ? "ico" : "care") : "supervision");
    a.court = "Family Court at the borough's designated family centre";
    return emit(f, &care_application_type, &a, a.application_date);
}

/* An exploitation risk for about a third of the children who went missing at 12 and over
 * (`first`: the first day), and for a few others of 12 and over in child protection or
 * child in need; a private fostering arrangement for about one child in 170
 * referred between 8 and 14. */
static enum kerr_code risks(struct fam *f, kdate first)
{
    const struct demo_child *c = f->c;
    kdate today = f->g->today, at12 = date_birthday(c->person.dob, 12);
    enum kerr_code rc = KITH_OK;
    if (first != DATE_NONE && rng_chance(f->r, 350)) {
        rc = exploitation(f, min_date(first + (kdate)rng_range(f->r, 0, 30), today));
    } else {
        for (int i = 0; !rc && i < c->n_phases; i++) {
            const struct demo_phase *ph = &c->phase[i];
            kdate on = ph->start + (kdate)rng_range(f->r, 10, 60);
            if ((ph->kind == TK_CP || ph->kind == TK_CIN) && on >= at12 && on <= today &&
                on < date_birthday(c->person.dob, 18) && rng_chance(f->r, 40)) {
                rc = exploitation(f, on);
                break;
            }
        }
    }
    for (int i = 0; !rc && i < c->n_phases; i++) {
        const struct demo_phase *ph = &c->phase[i];
        int age = date_age_on(c->person.dob, ph->start);
        if (ph->kind == TK_FRONT_DOOR && age >= 8 && age <= 14 && rng_chance(f->r, 6)) {
            rc = private_fostering(f, ph->start);
            break;
        }
    }
    return rc;
}

enum kerr_code demo_family(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    if (g->sink->no_case_records)
        return KITH_OK;
    struct fam f = {.g = g, .c = c, .r = r};
    enum kerr_code rc = KITH_OK;
    for (int i = 0; !rc && i < c->n_phases; i++)
        if (c->phase[i].kind == TK_EARLY_HELP)
            rc = family_help(&f, i);
    kdate first = DATE_NONE;
    if (!rc)
        rc = missing(&f, &first);
    if (!rc)
        rc = risks(&f, first);
    for (int i = 0; !rc && i < c->n_phases; i++) {
        const struct demo_phase *ph = &c->phase[i];
        if (ph->kind != TK_CP)
            continue;
        kdate care = i + 1 < c->n_phases && c->phase[i + 1].kind == TK_CIC && ph->end != DATE_NONE
                         ? c->phase[i + 1].start
                         : DATE_NONE;
        if (rng_chance(r, care != DATE_NONE ? 600 : 200))
            rc = pre_proceedings(&f, ph->start + 14, ph->end == DATE_NONE ? g->today : ph->end,
                                 care);
    }
    return rc;
}
