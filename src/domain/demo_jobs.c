/*
 * The demo borough's jobs board: about 40 open vacancies and 200 closed ones from the
 * last two years, with inner-London salaries for each role (2026 pay: a social worker
 * starts near £42,000, a team manager near £62,000), the usual mix of contracts, hours
 * and working arrangements, and the council's offer. Drawn from its own random stream, so
 * the rest of the borough is the same with or without it.
 *
 * Each vacancy has its applications, from a stream of their own (so the vacancies are the
 * same with or without them): an open one's are still in the pipeline (received,
 * shortlisted, interview, an offer, now and then withdrawn); a closed one's were decided
 * (most not taken forward, some withdrawn, one appointed unless it closed early). The one
 * appointed is, where the borough has one, the worker who took up such a post in the months
 * after it closed: their name and registration, as appointing makes the worker record from
 * the application (no fact typed twice).
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "domain/codeset.h"
#include "domain/demo_impl.h"
#include "domain/application.h"
#include "domain/vacancy.h"

enum { OPEN_PER_SCALE = 40, CLOSED_PER_SCALE = 200, JOBS_MAX = 100000 };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct role {
    const char *code, *title;
    uint32_t weight;
    int64_t lo, hi;               /* starting salaries drawn from [lo, hi] */
    int64_t spread;               /* the top of the range is this much above the start */
    bool swe;                     /* Social Work England registration needed */
    enum demo_team_kind teams[4]; /* where such posts are; TK_COUNT ends the list */
} roles[] = {
    {"social-worker",
     "Social Worker",
     30,
     41000,
     45500,
     5000,
     true,
     {TK_ASSESSMENT, TK_CP, TK_CIC, TK_CIN}},
    {"senior-practitioner",
     "Senior Practitioner",
     12,
     47000,
     51500,
     4500,
     true,
     {TK_CP, TK_CIC, TK_ASSESSMENT, TK_DISABLED}},
    {"advanced-practitioner",
     "Advanced Practitioner",
     5,
     52500,
     56500,
     4000,
     true,
     {TK_FRONT_DOOR, TK_CP, TK_ADOPTION, TK_FOSTERING}},
    {"team-manager",
     "Team Manager",
     7,
     58500,
     64500,
     5500,
     true,
     {TK_ASSESSMENT, TK_CP, TK_CIC, TK_LEAVING_CARE}},
    {"personal-adviser",
     "Personal Adviser",
     10,
     33500,
     38000,
     3500,
     false,
     {TK_LEAVING_CARE, TK_COUNT}},
    {"family-support-worker",
     "Family Support Worker",
     10,
     29500,
     34000,
     3000,
     false,
     {TK_EARLY_HELP, TK_CIN, TK_DISABLED, TK_COUNT}},
    {"cp-chair-iro",
     "Independent Reviewing Officer",
     5,
     55000,
     60000,
     4500,
     true,
     {TK_IRO, TK_CP_CHAIR, TK_COUNT}},
    {"asye",
     "Newly Qualified Social Worker (ASYE)",
     12,
     37500,
     40000,
     2500,
     true,
     {TK_ASSESSMENT, TK_CIN, TK_CP, TK_CIC}},
    {"trainee",
     "Social Work Apprentice",
     4,
     24000,
     28000,
     2000,
     false,
     {TK_ASSESSMENT, TK_CIN, TK_CIC, TK_COUNT}},
};

struct weighted {
    const char *code;
    uint32_t weight;
};
static const struct weighted contracts[] = {
    {"permanent", 70}, {"fixed-term", 14}, {"temporary", 8}, {"secondment", 8}};
static const struct weighted hours[] = {{"full-time", 80}, {"part-time", 20}};
static const struct weighted arrangements[] = {
    {"office-based", 15}, {"hybrid", 65}, {"flexible", 20}};

/* Offices of the borough: where a team is based. */
static const struct {
    const char *line, *postcode;
} offices[] = {
    {"Civic Centre, 2 Market Square, London", "E8 1DY"},
    {"Hollybank House, 12 Station Road, London", "E5 0LL"},
    {"The Old Library, 40 Church Street, London", "N16 0JL"},
};

static const char *const openings[] = {
    "We are looking for a %s to join our %s. You will hold a caseload that is kept "
    "manageable, with weekly case discussion and monthly reflective supervision.",
    "Our %s is growing, and we want a %s who shares our belief that children are best "
    "helped by workers who know them well and stay with them.",
    "Join us as a %s in the %s, where practice is relational, systemic and led by what "
    "children and families tell us.",
};

static const char *const duties[] = {
    "- visit children at home, at school and wherever they feel safe to talk\n"
    "- write assessments and plans that families can read and recognise\n"
    "- work alongside schools, health and the police",
    "- lead direct work with children and young people\n"
    "- chair and contribute to meetings that make plans with families\n"
    "- keep records that are clear, timely and in the child's words",
    "- support and supervise colleagues and students\n"
    "- take part in audits and learning reviews\n"
    "- help us shape how the service is run",
};

static const char offer[] =
    "- 27 days' annual leave rising to 32 with service, plus bank holidays\n"
    "- flexible and hybrid working, with a laptop and phone from day one\n"
    "- the London Living Wage as a floor for everyone we employ\n"
    "- the Local Government Pension Scheme\n"
    "- learning routes: Step Up to Social Work, the social work apprenticeship degree, our "
    "ASYE academy, management and coaching apprenticeships, practice educator training\n"
    "- Social Work England registration fees paid";

static const char *pick(struct rng *r, const struct weighted *w, size_t n)
{
    return w[rng_weighted(r, w, n, sizeof *w, offsetof(struct weighted, weight))].code;
}

/* Round to the nearest £100, as councils advertise. */
static int64_t round100(int64_t v) { return (v + 50) / 100 * 100; }

/* The stage of application `k` of `n` for a vacancy: in the pipeline while it is open,
 * decided once it has closed (the first appointed, unless the vacancy was filled early). */
static const char *stage_of(struct rng *r, const struct vacancy *v, bool open, size_t k)
{
    static const struct weighted live[] = {
        {"received", 40}, {"shortlisted", 25}, {"interview", 20}, {"offer", 5}, {"withdrawn", 10}};
    static const struct weighted done[] = {{"rejected", 80}, {"withdrawn", 20}};
    if (open)
        return pick(r, live, N(live));
    if (k == 0 && !v->closed)
        return "appointed";
    return pick(r, done, N(done));
}

/* The worker vacancy `v` (for a post in a team of `kind`) was filled by: permanent, in such a
 * team and role, starting within four months of its closing date, and no other vacancy's
 * appointee. NULL when there is none (an agency worker covered it, or the demo's post
 * timeline has no starter then). */
static struct demo_tenure *appointee(struct demo_gen *g, enum demo_team_kind kind,
                                     const struct vacancy *v)
{
    int role = vocab_parse(CS_WORKER_ROLE, v->role);
    for (uint32_t i = 0; i < g->n_tenures; i++) {
        struct demo_tenure *tn = &g->tenures[i];
        const struct demo_post *p = &g->posts[tn->post];
        if (tn->agency || tn->appointed || g->teams[p->team].kind != kind ||
            (role >= 0 && (int)p->role != role) ||
            v->needs_swe_registration != (tn->registration[0] != '\0') ||
            tn->start < v->closing_date || tn->start > date_add_days(v->closing_date, 120))
            continue;
        return tn;
    }
    return NULL;
}

/* An address from the applicant's names, lower case, spaces and apostrophes as hyphens. */
static const char *email_of(struct arena *a, const char *given, const char *family, size_t k)
{
    char *email = arena_printf(a, "%s.%s%zu@example.com", given, family, k);
    for (char *c = email; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c == ' ' || *c == '\'' ? '-' : *c);
    return email;
}

static enum kerr_code applications(struct demo_gen *g, struct rng *r, struct arena *a, size_t i,
                                   const struct vacancy *v, enum demo_team_kind kind, bool open)
{
    size_t n = open ? rng_below(r, 7) : 3 + rng_below(r, 8);
    enum kerr_code rc = KITH_OK;
    for (size_t k = 0; k < n && !rc; k++) {
        struct application ap = {0};
        demo_public_id(g, ID_APPLICATION, i, k, ap.h.public_id);
        ap.h.parent_id = v->h.id;
        char sex = rng_chance(r, 700) ? 'F' : 'M'; /* the workforce is mostly women */
        ap.given_name = demo_given_name(r, sex, a);
        ap.family_name = demo_family_name(r, a);
        ap.email = email_of(a, ap.given_name, ap.family_name, k);
        /* Ofcom's numbers for drama: never anyone's. */
        ap.phone = arena_printf(a, "07700 900%03u", (unsigned)rng_below(r, 1000));
        snprintf(ap.right_to_work, sizeof ap.right_to_work, "%s",
                 rng_chance(r, 920) ? "yes" : "sponsorship");
        if (v->needs_swe_registration || rng_chance(r, 200))
            snprintf(ap.swe_number, sizeof ap.swe_number, "SW%06u",
                     (unsigned)(100000 + rng_below(r, 900000)));
        ap.statement = "I have worked with children and families for several years and want "
                       "to bring that experience to the team.";
        ap.cv_name = "CV.pdf";
        snprintf(ap.cv_kind, sizeof ap.cv_kind, "pdf");
        ap.cv_size = 1; /* the loader keeps a small PDF and sets its size */
        kdate last = v->closing_date < g->today ? v->closing_date : g->today;
        kdate received = date_add_days(
            v->published_on, (int32_t)rng_below(r, (uint64_t)(last - v->published_on) + 1));
        snprintf(ap.stage, sizeof ap.stage, "%s", stage_of(r, v, open, k));
        kdate moved = date_add_days(last, (int32_t)rng_range(r, 0, open ? 0 : 40));
        ap.stage_on = !strcmp(ap.stage, "received") ? received
                      : moved > g->today            ? g->today
                                                    : moved;
        if (ap.stage_on < received)
            ap.stage_on = received;
        ap.h.created_at =
            (int64_t)received * 86400 + (int64_t)9 * 3600 + (int64_t)rng_below(r, 36000);
        /* after every draw, so the other applications are the same with it or without */
        struct demo_tenure *tn = !strcmp(ap.stage, "appointed") ? appointee(g, kind, v) : NULL;
        if (tn) {
            tn->appointed = true;
            ap.given_name = tn->given;
            ap.family_name = tn->family;
            ap.email = email_of(a, ap.given_name, ap.family_name, k);
            snprintf(ap.swe_number, sizeof ap.swe_number, "%s", tn->registration);
            /* appointed a month before they started, not before they applied */
            kdate on = date_add_days(tn->start, -28);
            ap.stage_on = on < received ? received : on > g->today ? g->today : on;
        }
        rc = g->sink->record(g->sink->ctx, &application_type, &ap, g->e);
    }
    return rc;
}

static enum kerr_code one(struct demo_gen *g, struct rng *r, struct rng *ra, struct arena *a,
                          size_t i, bool open)
{
    const struct role *ro = &roles[RNG_PICK(r, roles, struct role, weight)];
    size_t nteams = 0;
    while (nteams < N(ro->teams) && (nteams == 0 || ro->teams[nteams] != TK_COUNT))
        nteams++;
    enum demo_team_kind kind = ro->teams[rng_below(r, nteams)];
    const char *team = demo_kinds[kind].name;
    struct vacancy v = {0};
    demo_public_id(g, ID_VACANCY, i, 0, v.h.public_id);
    v.title = arena_printf(a, "%s, %s", ro->title, team);
    v.team = team;
    snprintf(v.role, sizeof v.role, "%s", ro->code);
    snprintf(v.contract, sizeof v.contract, "%s", pick(r, contracts, N(contracts)));
    snprintf(v.hours, sizeof v.hours, "%s", pick(r, hours, N(hours)));
    snprintf(v.arrangement, sizeof v.arrangement, "%s", pick(r, arrangements, N(arrangements)));
    v.salary_min = round100(rng_range(r, ro->lo, ro->hi));
    v.salary_max = round100(v.salary_min + ro->spread + rng_range(r, -500, 500));
    if (open) {
        v.published_on = date_add_days(g->today, -(int32_t)rng_range(r, 0, 27));
        v.closing_date = date_add_days(g->today, (int32_t)rng_range(r, 0, 34));
    } else {
        v.published_on = date_add_days(g->today, -(int32_t)rng_range(r, 40, 730));
        v.closing_date = date_add_days(v.published_on, (int32_t)rng_range(r, 14, 35));
        /* One in ten filled early: closed before its date, which may be still to come. */
        v.closed = rng_chance(r, 100);
    }
    size_t o = rng_below(r, N(offices));
    v.employer = "London Borough of Kithbury";
    v.location = offices[o].line;
    snprintf(v.postcode, sizeof v.postcode, "%s", offices[o].postcode);
    size_t k = rng_below(r, N(openings));
    const char *opening = k == 1 ? arena_printf(a, openings[k], team, ro->title)
                                 : arena_printf(a, openings[k], ro->title, team);
    v.description = arena_printf(
        a, "%s\n\nWhat you will do:\n%s\n\n%s", opening, duties[rng_below(r, N(duties))],
        ro->swe ? "You will be registered with Social Work England, or about to be."
                : "You will have experience of working with children, young people or "
                  "families.");
    v.offer = offer;
    v.needs_swe_registration = ro->swe;
    v.h.created_at = (int64_t)v.published_on * 86400;
    enum kerr_code rc = g->sink->record(g->sink->ctx, &vacancy_type, &v, g->e);
    return rc ? rc : applications(g, ra, a, i, &v, kind, open);
}

enum kerr_code demo_vacancies(struct demo_gen *g)
{
    struct rng r, ra;
    rng_seed_stream(&r, g->p->seed, 0x10b5);
    rng_seed_stream(&ra, g->p->seed, 0xa991);
    double s = g->p->scale < 1 ? g->p->scale : 1; /* one borough's board at any scale */
    size_t open = (size_t)(OPEN_PER_SCALE * s + 0.5), closed = (size_t)(CLOSED_PER_SCALE * s + 0.5);
    struct arena a;
    arena_init(&a, 0);
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < open + closed && !rc; i++) {
        rc = one(g, &r, &ra, &a, i, i < open);
    }
    arena_release(&a);
    return rc ? rc : demo_agency(g);
}
