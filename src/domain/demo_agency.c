/*
 * The demo borough's agency price caps and assignments (issue 20 §6). First the London
 * caps the borough records (illustrative figures: no region's agreed caps were found to
 * copy), as a council would enter them: one row per role from 1 April 2025, ended on 31
 * March 2026 when a second row with the April 2026 uplift took over. Then thirty
 * assignments, each keeping the DfE's agency rules as kith's own rules would have it
 * (domain/agency.c) against those caps, since the demo writes through its sink and not
 * through the use case. The latest agency tenures of registered
 * workers (by start) are assignments of workers on the establishment; a project team of
 * workers not on it, approved by name before they started, makes up the thirty. Two are over the
 * London caps, each with a named sign-off and reason; a few came from a permanent post in
 * the region at least three months before. The borough is in London (cmd_demo sets the
 * region).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/agency.h"
#include "domain/demo_impl.h"

#define ASSIGNMENTS 30
#define OVER_CAP 2
#define PROJECT_TEAM 6 /* at least: more when the borough has fewer agency tenures */

/* The illustrative London caps, pence an hour, in the order of the agency-role code set
 * (social worker, senior social worker, advanced practitioner, team manager, IRO or CP
 * chair): what the figures in code were until councils kept their own (migration 0027),
 * and the same plus about 2% from April 2026. */
static const struct {
    int from[3], to[3]; /* year, month, day; to {0} while open */
    int64_t pence[5];
} london[] = {
    {{2025, 4, 1}, {2026, 3, 31}, {4200, 4600, 5000, 5500, 5000}},
    {{2026, 4, 1}, {0}, {4280, 4690, 5100, 5610, 5100}},
};
#define NCAPS (sizeof london / sizeof london[0] * 5)

static const char *const roles[5] = {"social-worker", "senior-social-worker",
                                     "advanced-practitioner", "team-manager", "iro-cp-chair"};

/* The caps as records, written through the sink and kept in `out` for the rates. */
static enum kerr_code caps_write(struct demo_gen *g, struct agency_cap *rows,
                                 struct agency_caps *out)
{
    enum kerr_code rc = KITH_OK;
    size_t n = 0;
    for (size_t i = 0; i < sizeof london / sizeof london[0] && !rc; i++)
        for (size_t k = 0; k < 5 && !rc; k++) {
            struct agency_cap *c = &rows[n];
            *c = (struct agency_cap){0};
            snprintf(c->region, sizeof c->region, "london");
            snprintf(c->role, sizeof c->role, "%s", roles[k]);
            c->cap_pence = london[i].pence[k];
            c->from_date = date_from_ymd(london[i].from[0], london[i].from[1], london[i].from[2]);
            c->to_date = london[i].to[0]
                             ? date_from_ymd(london[i].to[0], london[i].to[1], london[i].to[2])
                             : DATE_NONE;
            c->agreed = "London councils' pan-London agency memorandum (kith demo: "
                        "illustrative figures, not an agreed cap)";
            demo_public_id(g, ID_AGENCY_CAP, n, 0, c->h.public_id);
            c->h.created_at = (int64_t)(c->from_date < g->today ? c->from_date : g->today) * 86400;
            rc = g->sink->record(g->sink->ctx, &agency_cap_type, c, g->e);
            n++;
        }
    *out = (struct agency_caps){.rows = rows, .n = n};
    return rc;
}

struct pick {
    kdate start;
    uint32_t tenure;
};

static int latest_first(const void *x, const void *y)
{
    const struct pick *a = x, *b = y;
    if (a->start != b->start)
        return a->start > b->start ? -1 : 1;
    return a->tenure < b->tenure ? -1 : a->tenure > b->tenure;
}

static const char *const agencies[] = {
    "Kestrel Social Work Ltd",
    "Brightpath Locums",
    "Harbour Care Staffing",
    "Meridian Social Work",
};

/* The agency role category of a worker's role, or NULL for a role outside the five. */
static const char *category(enum worker_role role)
{
    static const char *const map[ROLE_COUNT] = {
        [ROLE_SOCIAL_WORKER] = "social-worker",
        [ROLE_SENIOR_PRACTITIONER] = "senior-social-worker",
        [ROLE_SUPERVISING_SOCIAL_WORKER] = "senior-social-worker",
        [ROLE_TEAM_MANAGER] = "team-manager",
        [ROLE_IRO] = "iro-cp-chair",
        [ROLE_CP_CHAIR] = "iro-cp-chair",
    };
    return (unsigned)role < ROLE_COUNT ? map[role] : NULL;
}

/* Everything but who: dates from `start`, a rate under the cap or, for `over`, above it
 * with its sign-off. */
static void terms(struct demo_gen *g, struct rng *r, struct agency_assignment *aa, kdate start,
                  kdate end, bool over, const struct agency_caps *caps, struct arena *a)
{
    aa->agency = agencies[rng_below(r, sizeof agencies / sizeof agencies[0])];
    aa->start_date = start;
    aa->end_date = end;
    if (end == DATE_NONE) { /* in post: contracted for months, ending after today */
        aa->end_date = date_add_months(start, (int)rng_range(r, 6, 12));
        if (aa->end_date <= g->today)
            aa->end_date = date_add_days(g->today, (int32_t)rng_range(r, 14, 90));
    }
    aa->pqe_years = rng_range(r, AGENCY_PQE_MIN, 15);
    aa->notice_weeks = rng_chance(r, 850) ? AGENCY_NOTICE_WEEKS_MAX : 2;
    kdate ref = date_add_days(start, -(int32_t)rng_range(r, 7, 30));
    aa->reference_received = ref <= g->today ? ref : g->today;
    if (aa->end_date < g->today)
        aa->reference_given = date_add_days(aa->end_date, (int32_t)rng_range(r, 1, 10));
    if (aa->reference_given != DATE_NONE && aa->reference_given > g->today)
        aa->reference_given = g->today;
    const struct agency_cap *c = agency_cap_find(caps, "london", aa->role, start);
    if (!c) /* before caps applied: the rate the first cap came to (flagged: no cap) */
        c = agency_cap_find(caps, "london", aa->role, date_from_ymd(2025, 4, 1));
    int64_t cap = c ? c->cap_pence : 4200;
    aa->hourly_rate = over ? cap + rng_range(r, 150, 450) : cap - rng_range(r, 0, 600);
    if (over) {
        aa->cap_signoff_by = "Morgan Achebe";
        aa->cap_signoff_role = "Director of Children's Services";
        aa->cap_signoff_on = date_add_days(start, -(int32_t)rng_range(r, 3, 14));
        if (aa->cap_signoff_on > g->today)
            aa->cap_signoff_on = g->today;
        aa->cap_reason = arena_printf(a,
                                      "No %s at the cap was available for a team with "
                                      "court work due; reviewed at 12 weeks",
                                      aa->role);
    }
    /* one in five came from a permanent post in the region, four to twelve months before */
    if (rng_chance(r, 200))
        aa->left_permanent_on = date_add_months(start, -(int)rng_range(r, 4, 12));
}

static enum kerr_code emit(struct demo_gen *g, struct agency_assignment *aa, uint64_t n)
{
    demo_public_id(g, ID_AGENCY, n, 0, aa->h.public_id);
    aa->h.created_at = (int64_t)(aa->start_date < g->today ? aa->start_date : g->today) * 86400;
    return g->sink->record(g->sink->ctx, &agency_assignment_type, aa, g->e);
}

static struct agency_assignment blank(void)
{
    struct agency_assignment aa = {0};
    aa.start_date = aa.end_date = aa.reference_received = aa.reference_given = DATE_NONE;
    aa.project_approved_on = aa.left_permanent_on = aa.cap_signoff_on = DATE_NONE;
    return aa;
}

enum kerr_code demo_agency(struct demo_gen *g)
{
    struct rng r;
    rng_seed_stream(&r, g->p->seed, 0xa6e7);
    struct arena a;
    arena_init(&a, 0);
    struct agency_cap rows[NCAPS];
    struct agency_caps caps;
    enum kerr_code rc = caps_write(g, rows, &caps);
    uint64_t n = 0;
    /* the latest agency tenures by start: those in force today and the recently ended */
    struct pick *picks = arena_alloc(&a, (g->n_tenures ? g->n_tenures : 1) * sizeof *picks);
    size_t npicks = 0;
    for (uint32_t i = 0; i < g->n_tenures; i++) {
        const struct demo_tenure *tn = &g->tenures[i];
        if (tn->agency && category(g->posts[tn->post].role) && tn->start <= g->today)
            picks[npicks++] = (struct pick){.start = tn->start, .tenure = i};
    }
    qsort(picks, npicks, sizeof *picks, latest_first);
    for (size_t k = 0; k < npicks && n < ASSIGNMENTS - PROJECT_TEAM && !rc; k++) {
        const struct demo_tenure *tn = &g->tenures[picks[k].tenure];
        struct agency_assignment aa = blank();
        demo_public_id(g, ID_WORKER, picks[k].tenure, 0, aa.worker);
        snprintf(aa.role, sizeof aa.role, "%s", category(g->posts[tn->post].role));
        terms(g, &r, &aa, tn->start, tn->end, n < OVER_CAP, &caps, &a);
        rc = emit(g, &aa, n++);
    }
    /* a project team makes up the thirty: named, and approved before its members started */
    kdate team_start = date_add_days(g->today, -(int32_t)rng_range(&r, 20, 60));
    for (uint32_t k = 0; n < ASSIGNMENTS && !rc; k++) {
        struct agency_assignment aa = blank();
        char sex = rng_chance(&r, 780) ? 'F' : 'M';
        aa.name = arena_printf(&a, "%s %s", demo_given_name(&r, sex, &a), demo_family_name(&r, &a));
        snprintf(aa.registration, sizeof aa.registration, "SW%u",
                 (unsigned)(100000 + rng_below(&r, 900000)));
        snprintf(aa.role, sizeof aa.role, "%s", k ? "social-worker" : "team-manager");
        terms(g, &r, &aa, team_start, DATE_NONE, n < OVER_CAP, &caps, &a);
        aa.agency = agencies[2];
        aa.project_team = "Harbour assessment project team";
        aa.project_approved_by = "Priya Raman, Head of Service";
        aa.project_approved_on = date_add_days(team_start, -14);
        aa.left_permanent_on = DATE_NONE;
        rc = emit(g, &aa, n++);
    }
    arena_release(&a);
    return rc;
}
