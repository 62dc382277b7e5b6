/*
 * The demo borough generator (see demo.h and, for its parts, demo_impl.h).
 *
 * It runs as a table of stages. Teams and posts come first; each post is held by a series
 * of workers over the years (tenures: permanent staff for years, agency staff for months,
 * with gaps between), which gives the worker records, turnover and the agency share. Then
 * user accounts. Then the children, one at a time: a journey through the services drawn
 * from a table of pathways (contact only, assessment, child in need, child protection,
 * care, leaving care, early help...), placed at random over the last five years so that
 * about a fifth of the children are open on `today`; the child and the family; allocations
 * that follow the journey from team to team and change worker when a worker leaves, a
 * manager rebalances caseloads or the family asks; and case notes along each allocation.
 * Each child part draws from its own random stream keyed by the child's number, so the
 * parts are independent of each other and of the order they run in.
 */
#include "domain/demo_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workday.h"
#include "core/xalloc.h"
#include "domain/contact.h"
#include "domain/ident.h"
#include "domain/public_id.h"

/* Case-holding posts per team, manager excluded; at scale 1 these give about 200 workers
 * in post and caseloads of 15 to 20 children per full-time case holder. Case notes are a
 * sample of the recording (a note every few weeks or months while allocated, besides those
 * that open and close a case), enough to search and read without making the demo slow. */
const struct demo_kind demo_kinds[TK_COUNT] = {
    [TK_FRONT_DOOR] = {.name = "Front Door (MASH)",
                       .service = SERVICE_FRONT_DOOR,
                       .teams = 1,
                       .posts = 6,
                       .role = ROLE_SOCIAL_WORKER,
                       .alloc_role = ALLOC_SOCIAL_WORKER,
                       .threshold = 20,
                       .note_every = 0,
                       .holds_cases = true},
    [TK_ASSESSMENT] = {.name = "Assessment Team",
                       .service = SERVICE_ASSESSMENT,
                       .teams = 2,
                       .posts = 7,
                       .role = ROLE_SOCIAL_WORKER,
                       .alloc_role = ALLOC_SOCIAL_WORKER,
                       .threshold = 20,
                       .note_every = 45,
                       .holds_cases = true},
    [TK_CIN] = {.name = "Child in Need Team",
                .service = SERVICE_CHILD_IN_NEED,
                .teams = 3,
                .posts = 14,
                .role = ROLE_SOCIAL_WORKER,
                .alloc_role = ALLOC_SOCIAL_WORKER,
                .threshold = 20,
                .note_every = 200,
                .holds_cases = true},
    [TK_DISABLED] = {.name = "Disabled Children's Team",
                     .service = SERVICE_CHILD_IN_NEED,
                     .teams = 1,
                     .posts = 10,
                     .role = ROLE_SOCIAL_WORKER,
                     .alloc_role = ALLOC_SOCIAL_WORKER,
                     .threshold = 18,
                     .note_every = 240,
                     .holds_cases = true},
    [TK_CP] = {.name = "Child Protection Team",
               .service = SERVICE_CHILD_PROTECTION,
               .teams = 2,
               .posts = 9,
               .role = ROLE_SOCIAL_WORKER,
               .alloc_role = ALLOC_SOCIAL_WORKER,
               .threshold = 16,
               .note_every = 90,
               .holds_cases = true},
    [TK_CIC] = {.name = "Children in Care Team",
                .service = SERVICE_CHILDREN_IN_CARE,
                .teams = 2,
                .posts = 11,
                .role = ROLE_SOCIAL_WORKER,
                .alloc_role = ALLOC_SOCIAL_WORKER,
                .threshold = 16,
                .note_every = 200,
                .holds_cases = true},
    [TK_LEAVING_CARE] = {.name = "Leaving Care Team",
                         .service = SERVICE_LEAVING_CARE,
                         .teams = 2,
                         .posts = 7,
                         .role = ROLE_PERSONAL_ADVISER,
                         .alloc_role = ALLOC_PERSONAL_ADVISER,
                         .threshold = 25,
                         .note_every = 240,
                         .holds_cases = true},
    [TK_FOSTERING] = {.name = "Fostering Team",
                      .service = SERVICE_FOSTERING,
                      .teams = 2,
                      .posts = 8,
                      .role = ROLE_SUPERVISING_SOCIAL_WORKER,
                      .alloc_role = ALLOC_SOCIAL_WORKER,
                      .threshold = 18,
                      .note_every = 0,
                      .holds_cases = false},
    [TK_ADOPTION] = {.name = "Adoption Team",
                     .service = SERVICE_ADOPTION,
                     .teams = 1,
                     .posts = 5,
                     .role = ROLE_SOCIAL_WORKER,
                     .alloc_role = ALLOC_SOCIAL_WORKER,
                     .threshold = 15,
                     .note_every = 240,
                     .holds_cases = true},
    [TK_EARLY_HELP] = {.name = "Early Help Team",
                       .service = SERVICE_EARLY_HELP,
                       .teams = 2,
                       .posts = 12,
                       .role = ROLE_FAMILY_SUPPORT_WORKER,
                       .alloc_role = ALLOC_SOCIAL_WORKER,
                       .threshold = 22,
                       .note_every = 150,
                       .holds_cases = true},
    [TK_IRO] = {.name = "Independent Reviewing Service",
                .service = SERVICE_QUALITY_ASSURANCE,
                .teams = 1,
                .posts = 9,
                .role = ROLE_IRO,
                .alloc_role = ALLOC_IRO,
                .threshold = 70,
                .note_every = 182,
                .holds_cases = true},
    [TK_CP_CHAIR] = {.name = "Child Protection Chairs",
                     .service = SERVICE_QUALITY_ASSURANCE,
                     .teams = 1,
                     .posts = 5,
                     .role = ROLE_CP_CHAIR,
                     .alloc_role = ALLOC_CP_CHAIR,
                     .threshold = 70,
                     .note_every = 182,
                     .holds_cases = true},
};

/* Heads of service sit in the first team of these kinds. */
static const enum demo_team_kind head_of_service_in[] = {TK_FRONT_DOOR, TK_CP, TK_CIC, TK_IRO};

/* ---- public ids ---------------------------------------------------------------------- */

void demo_public_id(const struct demo_gen *g, enum demo_id_tag tag, uint64_t group, uint64_t item,
                    char out[PUBLIC_ID_LEN + 1])
{
    /* The top 60 bits: 24 from (tag, group / 512) and 36 from (group % 512, item), each
     * through a keyed bijection. So ids are unique without remembering any, the same for
     * the same seed, and random to look at; but the records of 512 neighbouring children
     * share the first five characters. That is for the database: its index on public ids
     * then takes each batch of new records in a few places instead of all over, which
     * keeps a large demo from rewriting the whole index at every commit. The low 68 bits
     * are a keyed hash of the same, so a demo id has a real id's length and look. */
    uint64_t hi = rng_permute(((uint64_t)tag << 20) | ((group >> 9) & 0xfffff), 24, g->id_key);
    uint64_t lo = rng_permute(((group & 511) << 27) | (item & 0x7ffffff), 36, g->id_key);
    uint64_t top = (hi << 36) | lo; /* 60 bits */
    uint64_t st = top ^ g->id_key[1];
    uint64_t f1 = rng_splitmix(&st), f2 = rng_splitmix(&st);
    public_id_encode((top << 4) | (f1 & 15), f2, out);
}

/* ---- parameters ---------------------------------------------------------------------- */

const char *demo_stage_name(enum demo_stage stage)
{
    static const char *const names[DEMO_STAGE_COUNT] = {
        [DEMO_STAGE_TEAMS] = "teams",         [DEMO_STAGE_WORKERS] = "workers",
        [DEMO_STAGE_USERS] = "users",         [DEMO_STAGE_CHILDREN] = "children",
        [DEMO_STAGE_VACANCIES] = "vacancies",
    };
    return (unsigned)stage < DEMO_STAGE_COUNT ? names[stage] : "?";
}

enum kerr_code demo_check(const struct demo_params *p, struct kerr *e)
{
    if (!(p->scale >= DEMO_SCALE_MIN && p->scale <= DEMO_SCALE_MAX))
        return kerr_fail(e, KITH_E_INVALID, "scale", "%g is not a scale from %g to %g", p->scale,
                         DEMO_SCALE_MIN, DEMO_SCALE_MAX);
    /* The generator reaches about 45 years back (grandparents' births are further, but
     * bounded below by DATE_MIN_YEAR through the year check). */
    if (p->today == DATE_NONE || date_year(p->today) < 1950 || date_year(p->today) > 2150)
        return kerr_fail(e, KITH_E_INVALID, "today", "the demo's today must be within 1950-2150");
    return KITH_OK;
}

int64_t demo_children(const struct demo_params *p)
{
    int64_t n = (int64_t)llround(DEMO_CHILDREN_PER_SCALE * p->scale);
    return n < 1 ? 1 : n;
}

/* Teams or posts of a kind at this scale, at least `min`. */
static uint32_t scaled(double base, double scale, uint32_t min)
{
    double v = round(base * scale);
    return v < min ? min : (uint32_t)v;
}

/* ---- teams, posts and tenures --------------------------------------------------------- */

static uint32_t post_add(struct demo_gen *g, uint32_t team, enum worker_role role, bool cases,
                         struct rng *r)
{
    if (g->n_posts == g->cap_posts) {
        g->cap_posts = g->cap_posts ? 2 * g->cap_posts : 256;
        g->posts = xreallocarray(g->posts, g->cap_posts, sizeof(*g->posts));
    }
    /* Most posts are full-time; some part-time ones are worth keeping for the FTE sums. */
    static const struct demo_weighted fte[] = {{10, 850}, {8, 80}, {6, 40}, {5, 30}};
    struct demo_post *p = &g->posts[g->n_posts];
    *p = (struct demo_post){.team = team, .role = role, .case_holder = cases};
    p->fte_tenths = (uint8_t)fte[RNG_PICK(r, fte, struct demo_weighted, weight)].value;
    return g->n_posts++;
}

static enum kerr_code stage_teams(struct demo_gen *g)
{
    struct rng r;
    rng_seed_stream(&r, g->p->seed, 0x7ea);
    g->teams = xcalloc(1, sizeof(*g->teams)); /* grown below */
    uint32_t cap = 1;
    for (int k = 0; k < TK_COUNT; k++) {
        const struct demo_kind *tk = &demo_kinds[k];
        uint32_t nteams = scaled(tk->teams, g->p->scale, 1);
        /* Posts scale with the borough even below one team per kind, so a small demo keeps
         * realistic caseloads rather than a full team for a handful of children. */
        uint32_t nposts = scaled((double)tk->teams * tk->posts, g->p->scale, 2 * nteams);
        g->kind_first[k] = g->n_teams;
        g->kind_count[k] = nteams;
        for (uint32_t j = 0; j < nteams; j++) {
            if (g->n_teams == cap) {
                cap *= 2;
                g->teams = xreallocarray(g->teams, cap, sizeof(*g->teams));
            }
            char name[96];
            if (nteams == 1)
                snprintf(name, sizeof(name), "%s", tk->name);
            else
                snprintf(name, sizeof(name), "%s %u", tk->name, j + 1);
            struct team t = {
                .name = name, .service = tk->service, .caseload_threshold = tk->threshold};
            demo_public_id(g, ID_TEAM, g->n_teams, 0, t.public_id);
            enum kerr_code rc = g->sink->team(g->sink->ctx, &t, g->e);
            if (rc)
                return rc;
            struct demo_team *dt = &g->teams[g->n_teams];
            *dt = (struct demo_team){
                .id = t.id, .kind = (enum demo_team_kind)k, .first_post = g->n_posts};
            post_add(g, g->n_teams, ROLE_TEAM_MANAGER, false, &r);
            /* Spread the kind's posts over its teams as evenly as whole posts allow. */
            uint32_t mine = nposts / nteams + (j < nposts % nteams);
            for (uint32_t i = 0; i < mine; i++) {
                enum worker_role role = tk->role;
                /* Every fifth social worker post is a senior practitioner's. */
                if (role == ROLE_SOCIAL_WORKER && i % 5 == 1)
                    role = ROLE_SENIOR_PRACTITIONER;
                post_add(g, g->n_teams, role, tk->holds_cases, &r);
            }
            g->n_teams++;
        }
    }
    for (size_t h = 0; h < sizeof(head_of_service_in) / sizeof(head_of_service_in[0]); h++) {
        enum demo_team_kind k = head_of_service_in[h];
        uint32_t nheads = scaled(1, g->p->scale, 1);
        for (uint32_t i = 0; i < nheads; i++) {
            uint32_t team = g->kind_first[k] + (uint32_t)((uint64_t)i * g->kind_count[k] / nheads);
            post_add(g, team, ROLE_HEAD_OF_SERVICE, false, &r);
        }
    }
    /* Posts were appended team by team, heads of service last: give each team its range
     * (heads of service are found through their team's range too, by a second pass). */
    for (uint32_t t = 0; t < g->n_teams; t++)
        g->teams[t].n_posts = 0;
    for (uint32_t i = 0; i < g->n_posts; i++)
        if (g->posts[i].role != ROLE_HEAD_OF_SERVICE)
            g->teams[g->posts[i].team].n_posts++;
    return KITH_OK;
}

static void tenure_add(struct demo_gen *g, uint32_t post, kdate start, kdate end, bool agency)
{
    if (g->n_tenures == g->cap_tenures) {
        g->cap_tenures = g->cap_tenures ? 2 * g->cap_tenures : 512;
        g->tenures = xreallocarray(g->tenures, g->cap_tenures, sizeof(*g->tenures));
    }
    g->tenures[g->n_tenures++] =
        (struct demo_tenure){.post = post, .start = start, .end = end, .agency = agency};
}

/* How long a worker stays: agency workers months, permanent staff one to twelve years. */
static int32_t tenure_days(struct rng *r, bool agency)
{
    if (agency)
        return (int32_t)rng_range(r, 90, 540);
    static const struct demo_band bands[] = {{365, 730, 25}, {730, 1826, 40}, {1826, 4380, 35}};
    size_t b = RNG_PICK(r, bands, struct demo_band, weight);
    return (int32_t)rng_range(r, bands[b].lo, bands[b].hi);
}

/* Fill one post from before history_start to today with a series of workers. */
static void post_timeline(struct demo_gen *g, uint32_t post, struct rng *r)
{
    struct demo_post *p = &g->posts[post];
    bool manager = p->role == ROLE_TEAM_MANAGER || p->role == ROLE_HEAD_OF_SERVICE;
    /* One case-holding post in five is covered by agency staff, one after another (a post
     * the borough cannot fill); a permanent post now and then has an agency locum. Which
     * posts is spread evenly rather than drawn, so a small borough has its share too. */
    bool agency_post = false;
    if (p->case_holder) {
        agency_post = (g->case_posts * 19 + g->agency_phase) % 100 < 19;
        g->case_posts++;
    }
    p->first_tenure = g->n_tenures;
    bool agency = agency_post || rng_chance(r, 30);
    int32_t len = tenure_days(r, agency);
    /* The first worker is part-way through their time when the records begin. */
    kdate start = g->history_start - (kdate)rng_range(r, 0, len - 1);
    for (;;) {
        kdate end = start + len;
        if (end > g->today) {
            tenure_add(g, post, start, DATE_NONE, agency);
            break;
        }
        tenure_add(g, post, start, end, agency);
        /* Managers' posts are covered the day their holder leaves (an acting manager). */
        int32_t gap = manager || rng_chance(r, 300) ? 0 : (int32_t)rng_range(r, 7, 120);
        start = end + gap;
        if (start > g->today)
            break; /* vacant today */
        agency = agency_post || rng_chance(r, 30);
        len = tenure_days(r, agency);
    }
    p->n_tenures = g->n_tenures - p->first_tenure;
}

static bool role_registered(enum worker_role role)
{
    return role != ROLE_PERSONAL_ADVISER && role != ROLE_FAMILY_SUPPORT_WORKER;
}

/* ---- the workforce census items -------------------------------------------------------- */

/* What the DfE workforce census asks of each worker (domain/workforce.h), drawn for the
 * demo so that `kith workforce census` on it has every item kith can hold. Invented
 * proportions for an inner-London children's workforce (per mille), not the DfE's. */
static const struct demo_code_weight staff_ethnicity[] = {
    {"WBRI", 350}, {"WIRI", 20}, {"WOTH", 100}, {"MWBC", 30}, {"MWBA", 10}, {"MWAS", 10},
    {"MOTH", 20},  {"AIND", 30}, {"APKN", 20},  {"ABAN", 20}, {"AOTH", 20}, {"BCRB", 80},
    {"BAFR", 200}, {"BOTH", 30}, {"CHNE", 10},  {"OOTH", 30}, {"REFU", 20},
};
static const struct demo_code_weight qual_levels[] = {
    {"undergraduate", 600}, {"postgraduate", 370}, {"other", 30}};
static const struct demo_code_weight routes[] = {{"university", 720}, {"step-up", 80},
                                                 {"frontline", 90},   {"apprenticeship", 50},
                                                 {"overseas", 50},    {"other", 10}};
static const struct demo_code_weight origins[] = {{"newly-qualified", 180},
                                                  {"other-la", 360},
                                                  {"agency", 200},
                                                  {"non-la", 80},
                                                  {"social-care", 80},
                                                  {"outside-england", 40},
                                                  {"outside-social-care", 30},
                                                  {"not-known", 30}};
static const struct demo_code_weight destinations[] = {
    {"other-la", 380},           {"agency", 200},         {"non-la", 120}, {"social-care", 60},
    {"outside-social-care", 80}, {"outside-england", 30}, {"retired", 80}, {"not-known", 50}};
static const struct demo_code_weight leaving_reasons[] = {
    {"resigned", 700},    {"retired", 80}, {"redundancy", 20}, {"dismissed", 20},
    {"career-break", 60}, {"other", 70},   {"not-known", 50}};
static const char *const institutions[] = {
    "University of Kithbury",
    "Northgate University",
    "The Open University",
    "Riverside Metropolitan University",
    "University of the South Bank of Kithbury",
};

static const char *code_of(struct rng *r, const struct demo_code_weight *w, size_t n)
{
    return w[rng_weighted(r, w, n, sizeof *w, offsetof(struct demo_code_weight, weight))].code;
}
#define CODE_OF(r, table) code_of((r), (table), sizeof(table) / sizeof((table)[0]))

static void census_items(struct demo_gen *g, struct rng *r, const struct demo_tenure *tn,
                         bool registered, struct worker *w)
{
    /* 23 to 57 on the day they started */
    w->dob = date_add_days(tn->start, -(int32_t)(rng_range(r, 23, 57) * 365 + rng_below(r, 365)));
    snprintf(w->ethnicity, sizeof w->ethnicity, "%s", CODE_OF(r, staff_ethnicity));
    if (registered) {
        w->qual_institution =
            institutions[rng_below(r, sizeof institutions / sizeof *institutions)];
        snprintf(w->qual_level, sizeof w->qual_level, "%s", CODE_OF(r, qual_levels));
        snprintf(w->route, sizeof w->route, "%s", CODE_OF(r, routes));
    }
    snprintf(w->origin, sizeof w->origin, "%s", tn->agency ? "agency" : CODE_OF(r, origins));
    if (tn->end != DATE_NONE && tn->end <= g->today) {
        snprintf(w->destination, sizeof w->destination, "%s", CODE_OF(r, destinations));
        snprintf(w->leave_reason, sizeof w->leave_reason, "%s",
                 tn->agency ? "contract-ended" : CODE_OF(r, leaving_reasons));
    }
}

static enum kerr_code stage_workers(struct demo_gen *g)
{
    struct rng r;
    rng_seed_stream(&r, g->p->seed, 0x3017);
    g->agency_phase = (uint32_t)rng_below(&r, 100);
    for (uint32_t i = 0; i < g->n_posts; i++)
        post_timeline(g, i, &r);
    /* Registration numbers: a bijection of the worker's number modulo 10^6 (7919 is
     * coprime to 10^6), so every registered worker has a different one. */
    uint64_t reg_offset = rng_below(&r, 1000000);
    /* the census items from a stream of their own: the rest is the same with them or not */
    struct rng census;
    rng_seed_stream(&census, g->p->seed, 0x3018);
    struct arena a;
    arena_init(&a, 4096);
    for (uint32_t i = 0; i < g->n_tenures; i++) {
        struct demo_tenure *tn = &g->tenures[i];
        const struct demo_post *p = &g->posts[tn->post];
        char sex = rng_chance(&r, 780) ? 'F' : 'M'; /* the workforce is mostly women */
        snprintf(tn->given, sizeof(tn->given), "%s", demo_given_name(&r, sex, &a));
        snprintf(tn->family, sizeof(tn->family), "%s", demo_family_name(&r, &a));
        struct worker w = {
            .team_id = g->teams[p->team].id,
            .given_name = tn->given,
            .family_name = tn->family,
            .role = p->role,
            .fte = tn->agency ? 1.0 : p->fte_tenths / 10.0,
            .agency = tn->agency,
            .start = tn->start,
            .end = tn->end,
            .dob = DATE_NONE,
            .sex = sex, /* the census's; drawn above for the name */
        };
        demo_public_id(g, ID_WORKER, i, 0, w.public_id);
        census_items(g, &census, tn, role_registered(p->role), &w);
        if (role_registered(p->role))
            /* six digits, never a leading 0 (ident.h): 7919 is prime to 900000, so unique */
            snprintf(w.registration, sizeof(w.registration), "SW%u",
                     (unsigned)(100000 + ((uint64_t)i * 7919 + reg_offset) % 900000));
        snprintf(tn->registration, sizeof tn->registration, "%s", w.registration);
        enum kerr_code rc = g->sink->worker(g->sink->ctx, &w, g->e);
        arena_release(&a);
        if (rc)
            return rc;
        tn->worker_id = w.id;
    }
    return KITH_OK;
}

int64_t demo_holder(const struct demo_gen *g, uint32_t team, kdate t, struct rng *r)
{
    const struct demo_team *tm = &g->teams[team];
    uint32_t total = 0;
    for (uint32_t i = 0; i < tm->n_posts; i++)
        if (g->posts[tm->first_post + i].case_holder)
            total += g->posts[tm->first_post + i].fte_tenths;
    /* A few draws weighted by FTE (part-time workers carry fewer cases); a post that is
     * vacant on the day is drawn again. */
    for (int tries = 0; total && tries < 12; tries++) {
        uint32_t x = (uint32_t)rng_below(r, total);
        for (uint32_t i = 0; i < tm->n_posts; i++) {
            const struct demo_post *p = &g->posts[tm->first_post + i];
            if (!p->case_holder)
                continue;
            if (x >= p->fte_tenths) {
                x -= p->fte_tenths;
                continue;
            }
            for (uint32_t k = 0; k < p->n_tenures; k++) {
                const struct demo_tenure *tn = &g->tenures[p->first_tenure + k];
                if (tn->start <= t && (tn->end == DATE_NONE || t < tn->end))
                    return p->first_tenure + k;
            }
            break;
        }
    }
    /* Every draw hit a vacancy: anyone in post, the manager (first) last of all. */
    for (uint32_t pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < tm->n_posts; i++) {
            const struct demo_post *p = &g->posts[tm->first_post + i];
            if (p->case_holder != (pass == 0))
                continue;
            for (uint32_t k = 0; k < p->n_tenures; k++) {
                const struct demo_tenure *tn = &g->tenures[p->first_tenure + k];
                if (tn->start <= t && (tn->end == DATE_NONE || t < tn->end))
                    return p->first_tenure + k;
            }
        }
    }
    return -1;
}

/* ---- user accounts ------------------------------------------------------------------- */

static uint64_t fnv1a(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return h ? h : 1;
}

/* Add `h` to the set of usernames; false when it was already there. */
static bool name_claim(struct demo_gen *g, uint64_t h)
{
    if (2 * (g->names_used + 1) > g->names_cap) {
        size_t old_cap = g->names_cap;
        uint64_t *old = g->names_seen;
        g->names_cap = old_cap ? 2 * old_cap : 1024;
        g->names_seen = xcalloc(g->names_cap, sizeof(uint64_t));
        g->names_used = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i])
                name_claim(g, old[i]);
        free(old);
    }
    size_t i = (size_t)(h & (g->names_cap - 1));
    while (g->names_seen[i]) {
        if (g->names_seen[i] == h)
            return false;
        i = (i + 1) & (g->names_cap - 1);
    }
    g->names_seen[i] = h;
    g->names_used++;
    return true;
}

/* "given.family" in lower case, with a number from 2 on when someone has it already. */
static void username(struct demo_gen *g, const char *given, const char *family, char *out,
                     size_t size)
{
    char base[64];
    size_t n = 0;
    for (const char *s = given; *s && n < 28; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
            base[n++] = (char)(*s | 0x20);
    base[n++] = '.';
    for (const char *s = family; *s && n < 60; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
            base[n++] = (char)(*s | 0x20);
    base[n] = '\0';
    snprintf(out, size, "%s", base);
    for (int k = 2; !name_claim(g, fnv1a(out)); k++)
        snprintf(out, size, "%s%d", base, k);
}

static enum user_role user_role_of(enum worker_role role)
{
    static const enum user_role map[ROLE_COUNT] = {
        [ROLE_SOCIAL_WORKER] = UROLE_SOCIAL_WORKER,
        [ROLE_SENIOR_PRACTITIONER] = UROLE_SOCIAL_WORKER,
        [ROLE_TEAM_MANAGER] = UROLE_TEAM_MANAGER,
        [ROLE_PERSONAL_ADVISER] = UROLE_PERSONAL_ADVISER,
        [ROLE_IRO] = UROLE_CP_CHAIR_IRO,
        [ROLE_CP_CHAIR] = UROLE_CP_CHAIR_IRO,
        [ROLE_FAMILY_SUPPORT_WORKER] = UROLE_SOCIAL_WORKER,
        [ROLE_SUPERVISING_SOCIAL_WORKER] = UROLE_FOSTERING_WORKER,
        [ROLE_HEAD_OF_SERVICE] = UROLE_TEAM_MANAGER,
    };
    return map[role];
}

static enum kerr_code stage_users(struct demo_gen *g)
{
    struct rng r;
    rng_seed_stream(&r, g->p->seed, 0x5e45);
    char name[96];
    /* Every worker who has held a post has an account; leavers' are disabled. */
    for (uint32_t i = 0; i < g->n_tenures; i++) {
        const struct demo_tenure *tn = &g->tenures[i];
        username(g, tn->given, tn->family, name, sizeof(name));
        struct user u = {
            .username = name,
            .worker_id = tn->worker_id,
            .role = user_role_of(g->posts[tn->post].role),
            .disabled = tn->end != DATE_NONE,
            .created = tn->start,
        };
        enum kerr_code rc = g->sink->user(g->sink->ctx, &u, g->e);
        if (rc)
            return rc;
    }
    /* Staff who are not case workers: performance, recruitment, administration, audit. */
    static const struct {
        enum user_role role;
        double per_scale;
    } others[] = {
        {UROLE_PERFORMANCE_ANALYST, 2},
        {UROLE_RECRUITER, 1},
        {UROLE_ADMINISTRATOR, 1},
        {UROLE_AUDITOR, 1},
    };
    struct arena a;
    arena_init(&a, 4096);
    for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++) {
        uint32_t n = scaled(others[k].per_scale, g->p->scale, 1);
        for (uint32_t i = 0; i < n; i++) {
            char sex = rng_chance(&r, 600) ? 'F' : 'M';
            username(g, demo_given_name(&r, sex, &a), demo_family_name(&r, &a), name, sizeof(name));
            struct user u = {
                .username = name,
                .role = others[k].role,
                .created = g->window_start - (kdate)rng_range(&r, 0, 2000),
            };
            arena_release(&a);
            enum kerr_code rc = g->sink->user(g->sink->ctx, &u, g->e);
            if (rc)
                return rc;
        }
    }
    return KITH_OK;
}

/* ---- the child's journey ----------------------------------------------------------- */

struct demo_step {
    enum demo_team_kind kind;
    int16_t min_days, max_days; /* how long the child stays with the team */
    int16_t until_age;          /* or: until this birthday (min/max unused) */
};

#define STEPS_MAX 5

/* The ways a child passes through the services. Weights are shares of the children held;
 * ages (years at the first step) -1 mean the referral age mix below. Durations come from
 * the published shape of the work: most assessments close within 45 working days, child in
 * need plans last months, child protection plans most of a year, care years. */
static const struct pathway {
    const char *name;
    uint32_t weight;
    int16_t age_min, age_max;
    bool uasc;       /* unaccompanied asylum-seeking children */
    bool repeatable; /* a closed case of this kind may be referred again */
    struct demo_step steps[STEPS_MAX];
} pathways[] = {
    /* One pathway per line or two is easier to read and tune than clang-format's layout. */
    /* clang-format off */
    {"contact", 100, -1, -1, false, true,
     {{TK_FRONT_DOOR, 1, 10, 0}}},
    {"assessment", 260, -1, -1, false, true,
     {{TK_FRONT_DOOR, 1, 7, 0}, {TK_ASSESSMENT, 20, 75, 0}}},
    {"child in need", 230, -1, -1, false, true,
     {{TK_FRONT_DOOR, 1, 5, 0}, {TK_ASSESSMENT, 25, 60, 0}, {TK_CIN, 180, 900, 0}}},
    {"child protection", 100, -1, -1, false, true,
     {{TK_FRONT_DOOR, 1, 3, 0}, {TK_ASSESSMENT, 10, 30, 0}, {TK_CP, 200, 800, 0},
      {TK_CIN, 120, 400, 0}}},
    {"care", 50, 0, 15, false, false,
     {{TK_FRONT_DOOR, 1, 3, 0}, {TK_ASSESSMENT, 10, 40, 0}, {TK_CIC, 365, 3650, 0}}},
    {"protection then care", 15, 0, 14, false, false,
     {{TK_FRONT_DOOR, 1, 3, 0}, {TK_ASSESSMENT, 10, 30, 0}, {TK_CP, 90, 365, 0},
      {TK_CIC, 365, 2000, 0}}},
    {"care leaver", 25, 13, 16, false, false,
     {{TK_FRONT_DOOR, 1, 3, 0}, {TK_ASSESSMENT, 10, 30, 0}, {TK_CIC, 0, 0, 18},
      {TK_LEAVING_CARE, 0, 0, 21}}},
    {"unaccompanied", 12, 15, 17, true, false,
     {{TK_FRONT_DOOR, 1, 2, 0}, {TK_ASSESSMENT, 5, 20, 0}, {TK_CIC, 0, 0, 18},
      {TK_LEAVING_CARE, 0, 0, 21}}},
    {"adoption", 8, 0, 2, false, false,
     {{TK_FRONT_DOOR, 1, 2, 0}, {TK_ASSESSMENT, 10, 30, 0}, {TK_CIC, 180, 500, 0},
      {TK_ADOPTION, 200, 700, 0}}},
    {"disabled children", 35, -1, -1, false, false,
     {{TK_FRONT_DOOR, 1, 5, 0}, {TK_ASSESSMENT, 20, 60, 0}, {TK_DISABLED, 365, 2400, 0}}},
    {"early help", 180, -1, -1, false, true,
     {{TK_EARLY_HELP, 120, 540, 0}}},
    {"early help then child in need", 25, -1, -1, false, true,
     {{TK_EARLY_HELP, 60, 240, 0}, {TK_FRONT_DOOR, 1, 3, 0}, {TK_ASSESSMENT, 20, 45, 0},
      {TK_CIN, 90, 365, 0}}},
    /* clang-format on */
};

/* Age at referral, in years. */
static const struct demo_band referral_age[] = {
    {0, 0, 80}, {1, 4, 200}, {5, 9, 270}, {10, 15, 350}, {16, 17, 100}};

static int64_t window_days(const struct demo_gen *g) { return g->today - g->window_start; }

/* Walk the steps of `pw` from `t`, appending phases; stops at today, at the child's 18th
 * birthday (leaving care excepted) and when the phases are full. */
static void walk(struct demo_gen *g, struct demo_child *c, struct rng *r, const struct pathway *pw,
                 kdate t, const int32_t *days)
{
    kdate dob = c->person.dob;
    kdate adult = date_birthday(dob, 18);
    for (int k = 0; k < STEPS_MAX && pw->steps[k].max_days + pw->steps[k].until_age; k++) {
        const struct demo_step *st = &pw->steps[k];
        if (t > g->today || c->n_phases == DEMO_PHASES_MAX)
            break;
        kdate end;
        if (st->until_age) {
            int age = st->until_age;
            if (st->kind == TK_LEAVING_CARE && rng_chance(r, 250))
                age = 25; /* care leavers may keep their personal adviser to 25 */
            end = date_birthday(dob, age);
        } else {
            end = t + days[k];
        }
        bool last = k + 1 == STEPS_MAX || !(pw->steps[k + 1].max_days + pw->steps[k + 1].until_age);
        if (st->kind != TK_LEAVING_CARE && end > adult) {
            end = adult;
            last = true;
        }
        if (end <= t) {
            /* Nothing left of this step (the child is already 18): the case closed. */
            if (c->n_phases)
                c->phase[c->n_phases - 1].closes = true;
            break;
        }
        struct demo_phase *ph = &c->phase[c->n_phases++];
        ph->kind = st->kind;
        ph->start = t;
        if (end > g->today) {
            ph->end = DATE_NONE;
            ph->closes = false;
            break;
        }
        ph->end = end;
        ph->closes = last;
        if (last)
            break;
        t = end;
    }
}

/* Durations of fixed steps, and the length of the whole journey for placing it in time. */
static int64_t step_days(struct rng *r, const struct pathway *pw, int64_t age_days, int32_t *days)
{
    int64_t total = 0;
    for (int k = 0; k < STEPS_MAX; k++) {
        const struct demo_step *st = &pw->steps[k];
        if (st->until_age) {
            int64_t left = (int64_t)st->until_age * 36525 / 100 - (age_days + total);
            days[k] = 0;
            total += left > 1 ? left : 1;
        } else if (st->max_days) {
            days[k] = (int32_t)rng_range(r, st->min_days, st->max_days);
            total += days[k];
        } else {
            days[k] = 0;
        }
    }
    return total;
}

static int64_t pick_age_days(struct rng *r, const struct pathway *pw)
{
    int lo = pw->age_min, hi = pw->age_max;
    if (lo < 0) {
        size_t b = RNG_PICK(r, referral_age, struct demo_band, weight);
        lo = referral_age[b].lo;
        hi = referral_age[b].hi;
    }
    return rng_range(r, lo, hi) * 365 + rng_range(r, 0, 364);
}

static enum kerr_code part_journey(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    const struct pathway *pw;
    int32_t days[STEPS_MAX];
    /* A journey of `total` days that overlaps the last five years starts anywhere from
     * `total` days before the window to today: so long journeys (care) are more often
     * open on today than short ones, as in a real caseload. A journey cut short by the
     * child's 18th birthday may then end before the window: draw again, as kith holds only
     * the children known in the last five years. */
    for (int tries = 0;; tries++) {
        pw = &pathways[RNG_PICK(r, pathways, struct pathway, weight)];
        int64_t age = pick_age_days(r, pw);
        int64_t total = step_days(r, pw, age, days);
        kdate start = g->today - (kdate)rng_range(r, 0, window_days(g) + total - 1);
        c->person.dob = start - (kdate)age;
        c->person.uasc = pw->uasc;
        c->n_phases = 0;
        walk(g, c, r, pw, start, days);
        kdate end = c->phase[c->n_phases - 1].end;
        if (end == DATE_NONE || end >= g->window_start || tries == 100)
            break;
    }

    /* Re-referral: some closed cases come back, months or a year or two later. */
    const struct demo_phase *last = &c->phase[c->n_phases - 1];
    if (pw->repeatable && last->end != DATE_NONE && rng_chance(r, 180)) {
        kdate again = last->end + (kdate)rng_range(r, 30, 700);
        const struct pathway *pw2;
        do
            pw2 = &pathways[RNG_PICK(r, pathways, struct pathway, weight)];
        while (!pw2->repeatable);
        if (again <= g->today && date_age_on(c->person.dob, again) < 17) {
            step_days(r, pw2, again - c->person.dob, days);
            walk(g, c, r, pw2, again, days);
        }
    }
    return KITH_OK;
}

/* ---- the child ------------------------------------------------------------------------- */

/* Ethnicity of children known to an inner-London borough's social care (per mille), by the
 * DfE codes. Unaccompanied children have their own mix. */
static const struct demo_code_weight ethnicity_mix[] = {
    {"WBRI", 240}, {"WIRI", 10}, {"WIRT", 3},  {"WOTH", 120}, {"WROM", 7},
    {"MWBC", 60},  {"MWBA", 25}, {"MWAS", 20}, {"MOTH", 60},  {"AIND", 20},
    {"APKN", 15},  {"ABAN", 50}, {"AOTH", 25}, {"BCRB", 40},  {"BAFR", 150},
    {"BOTH", 40},  {"CHNE", 8},  {"OOTH", 70}, {"REFU", 5},   {"NOBT", 30},
};
static const struct demo_code_weight uasc_ethnicity[] = {
    {"AOTH", 350}, {"BAFR", 300}, {"OOTH", 200}, {"WOTH", 100}, {"BOTH", 50},
};
/* Disabilities of the children who have one. */
static const struct demo_code_weight disability_mix[] = {
    {"AUT", 300}, {"LD", 250}, {"COMM", 150}, {"BEH", 120}, {"MOB", 60}, {"PC", 30},
    {"HAND", 20}, {"INC", 20}, {"HEAR", 20},  {"VIS", 20},  {"CON", 10}, {"DDA", 50},
};

/* Outward codes of the borough; the inward part is made up (see make_postcode). */
static const char *const outward[] = {"SE1",  "SE5",  "SE11", "SE15", "SE16", "SE17",
                                      "SE21", "SE22", "SE24", "SE27", "SW2",  "SW4",
                                      "SW8",  "SW9",  "SW16", "SE4",  "SE14", "SE23"};

/* The borough's DfE LA code, written into UPNs (201-213 are inner London). */
#define DEMO_LA_CODE 210

static void make_postcode(struct rng *r, char out[9])
{
    static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ"; /* no C I K M O V */
    const char *o = outward[rng_below(r, sizeof(outward) / sizeof(outward[0]))];
    snprintf(out, 9, "%s %c%c%c", o, (char)('0' + rng_below(r, 10)),
             inward_letters[rng_below(r, sizeof(inward_letters) - 1)],
             inward_letters[rng_below(r, sizeof(inward_letters) - 1)]);
}

/* A UPN unique to child `n`: the LA code, nine digits counting from `first`, and the check
 * letter in front. Real UPNs are given out in turn by schools; in turn here too. */
static void make_upn(uint64_t n, uint64_t first, int la, char out[14])
{
    uint64_t digits = (first + n) % UINT64_C(1000000000);
    char buf[16];
    snprintf(buf, sizeof(buf), "?%03d%09llu", la, (unsigned long long)digits);
    buf[0] = upn_check_letter(buf);
    memcpy(out, buf, 14);
}

/* The NHS number (CWSA 2026 s.4): most children have one, synthetic (numbers starting 999
 * are never issued) and valid, from the child's index so that the random stream, and so
 * everything else the demo draws, is as it was; where the index's nine digits give no
 * check digit (one in eleven) the child is not traced yet, and an unaccompanied child who
 * has just arrived has none. Where the number came from turns with the index, a PDS trace
 * most often. */
static void make_nhs(const struct demo_child *c, struct person *p)
{
    static const char *const from[] = {
        "pds-trace",          "pds-trace", "pds-trace",      "pds-trace", "pds-trace",
        "birth-notification", "gp",        "health-visitor", "cp-is",     "partner"};
    char d[NHS_NUMBER_LEN + 1];
    snprintf(d, sizeof d, "999%06lld", (long long)(c->index % 1000000));
    int check = nhs_check_digit(d);
    const char *why = p->uasc && c->index % 2 ? "new-arrival" : check == 10 ? "not-traced" : NULL;
    if (why) {
        snprintf(p->nhs_source, sizeof p->nhs_source, "not-known");
        snprintf(p->nhs_unknown, sizeof p->nhs_unknown, "%s", why);
        return;
    }
    d[9] = (char)('0' + check);
    d[10] = '\0';
    memcpy(p->nhs_number, d, sizeof d);
    snprintf(p->nhs_source, sizeof p->nhs_source, "%s",
             from[c->index % (int64_t)(sizeof from / sizeof from[0])]);
}

static enum kerr_code part_person(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    struct person *p = &c->person;
    p->kind = PERSON_CHILD;
    demo_public_id(g, ID_PERSON, (uint64_t)c->index, 0, p->public_id);
    /* LA child ids: numbers given out in turn, as most case systems do; eight digits. (In
     * order, they also keep the database's index on them growing at one end.) */
    snprintf(p->la_child_id, sizeof(p->la_child_id), "%08llu",
             (unsigned long long)c->index + 10000001ULL);
    p->sex = p->uasc ? (rng_chance(r, 900) ? 'M' : 'F') : (rng_chance(r, 520) ? 'M' : 'F');
    p->given_name = demo_given_name(r, p->sex, c->arena);
    p->family_name = demo_family_name(r, c->arena);
    p->expected_dob = DATE_NONE;
    p->death = DATE_NONE;
    const struct demo_code_weight *eth =
        p->uasc ? &uasc_ethnicity[RNG_PICK(r, uasc_ethnicity, struct demo_code_weight, weight)]
                : &ethnicity_mix[RNG_PICK(r, ethnicity_mix, struct demo_code_weight, weight)];
    snprintf(p->ethnicity, sizeof(p->ethnicity), "%s", eth->code);

    /* School age is 5: older children have a UPN, or a reason there is none. */
    kdate last = c->phase[c->n_phases - 1].end;
    kdate seen = last == DATE_NONE ? g->today : last;
    if (p->uasc) {
        snprintf(p->upn_unknown, sizeof(p->upn_unknown), "UN2");
    } else if (date_age_on(p->dob, seen) < 5) {
        snprintf(p->upn_unknown, sizeof(p->upn_unknown), "UN1");
    } else if (rng_chance(r, 30)) {
        static const char *const why[] = {"UN2", "UN3", "UN4", "UN5"};
        snprintf(p->upn_unknown, sizeof(p->upn_unknown), "%s", why[rng_below(r, 4)]);
    } else {
        make_upn((uint64_t)c->index, 100000000, DEMO_LA_CODE, p->upn);
        if (rng_chance(r, 20)) /* moved in from another authority: an old UPN too */
            make_upn((uint64_t)c->index, 300000000, 204, p->former_upn);
    }
    make_postcode(r, p->postcode);
    make_nhs(c, p);
    if (p->uasc) {
        kdate adult = date_birthday(p->dob, 18);
        p->uasc_ceased = adult <= g->today ? adult : DATE_NONE;
    } else {
        p->uasc_ceased = DATE_NONE;
    }
    /* Disabled children's team children all have a disability; about one in ten others. */
    bool disabled = false;
    for (int i = 0; i < c->n_phases; i++)
        disabled |= c->phase[i].kind == TK_DISABLED;
    if (disabled || rng_chance(r, 100)) {
        int n = rng_chance(r, 700) ? 1 : 2;
        for (int i = 0; i < n; i++) {
            const char *code =
                disability_mix[RNG_PICK(r, disability_mix, struct demo_code_weight, weight)].code;
            if (i == 1 && !strcmp(code, p->disabilities[0]))
                break;
            snprintf(p->disabilities[i], sizeof(p->disabilities[i]), "%s", code);
            p->n_disabilities = i + 1;
        }
    } else {
        snprintf(p->disabilities[0], sizeof(p->disabilities[0]), "NONE");
        p->n_disabilities = 1;
    }
    p->created = c->phase[0].start;
    return g->sink->person(g->sink->ctx, p, g->e);
}

/* ---- the family ------------------------------------------------------------------------ */

static kdate years_before(kdate d, struct rng *r, int lo, int hi)
{
    return d - (kdate)(rng_range(r, lo, hi) * 365 + rng_range(r, 0, 364));
}

static enum kerr_code relative_add(struct demo_gen *g, struct demo_child *c, struct rng *r, int *n,
                                   char sex, kdate dob, const char *family, const char *type,
                                   bool pr, bool same_home, const char **given_out)
{
    struct person p = {
        .kind = PERSON_RELATIVE,
        .sex = sex,
        .dob = dob,
        .expected_dob = DATE_NONE,
        .death = DATE_NONE,
        .uasc_ceased = DATE_NONE,
        .created = c->person.created,
    };
    ++*n;
    demo_public_id(g, ID_PERSON, (uint64_t)c->index, (uint64_t)*n, p.public_id);
    p.given_name = demo_given_name(r, sex, c->arena);
    p.family_name = family ? family : demo_family_name(r, c->arena);
    snprintf(p.ethnicity, sizeof(p.ethnicity), "%s", c->person.ethnicity);
    if (same_home)
        memcpy(p.postcode, c->person.postcode, sizeof(p.postcode));
    else
        make_postcode(r, p.postcode);
    enum kerr_code rc = g->sink->person(g->sink->ctx, &p, g->e);
    if (rc)
        return rc;
    struct relationship rel = {
        .child_id = c->person.id, .other_id = p.id, .type = type, .parental_responsibility = pr};
    if (given_out)
        *given_out = p.given_name;
    if (pr && c->n_pr < (int)(sizeof c->pr / sizeof c->pr[0])) {
        c->pr[c->n_pr].name = arena_printf(c->arena, "%s %s", p.given_name, p.family_name);
        memcpy(c->pr[c->n_pr].public_id, p.public_id, sizeof p.public_id);
        c->pr[c->n_pr++].relationship = type;
    }
    return g->sink->relationship(g->sink->ctx, &rel, g->e);
}

static enum kerr_code part_family(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    const struct person *ch = &c->person;
    int n = 0;
    enum kerr_code rc = KITH_OK;
    if (ch->uasc)
        return KITH_OK; /* family abroad or not known */
    const char *fam = ch->family_name;
    kdate mother_dob = years_before(ch->dob, r, 17, 42);
    bool mother = rng_chance(r, 950), father = rng_chance(r, 650);
    const char *given = NULL;
    if (mother) {
        rc = relative_add(g, c, r, &n, 'F', mother_dob, rng_chance(r, 750) ? fam : NULL, "mother",
                          true, true, &given);
        c->carer = given;
        c->carer_role = "mother";
    }
    if (!rc && father) {
        kdate dob = years_before(mother_dob, r, -3, 8);
        bool home = rng_chance(r, 450);
        rc = relative_add(g, c, r, &n, 'M', dob, rng_chance(r, 550) ? fam : NULL, "father",
                          rng_chance(r, 750), home, &given);
        if (!c->carer || (home && rng_chance(r, 200))) {
            c->carer = given;
            c->carer_role = "father";
        }
    }
    if (!rc && rng_chance(r, 120))
        rc = relative_add(g, c, r, &n, rng_chance(r, 800) ? 'M' : 'F',
                          years_before(mother_dob, r, -6, 10), NULL, "parent-partner", false, true,
                          NULL);
    int grandparents = rng_chance(r, 220) ? (rng_chance(r, 800) ? 1 : 2) : 0;
    for (int i = 0; !rc && i < grandparents; i++) {
        char sex = rng_chance(r, 700) ? 'F' : 'M';
        rc = relative_add(g, c, r, &n, sex, years_before(mother_dob, r, 18, 38),
                          rng_chance(r, 500) ? fam : NULL, "grandparent", false, rng_chance(r, 150),
                          &given);
        if (!rc && !c->carer) {
            c->carer = given;
            c->carer_role = sex == 'F' ? "grandmother" : "grandfather";
        }
    }
    static const struct demo_weighted siblings[] = {{0, 330}, {1, 350}, {2, 190}, {3, 90}, {4, 40}};
    int ns = siblings[RNG_PICK(r, siblings, struct demo_weighted, weight)].value;
    kdate oldest = date_birthday(mother_dob, 16);
    for (int i = 0; !rc && i < ns; i++) {
        kdate dob = ch->dob + (kdate)rng_range(r, -3650, 3650);
        if (dob < oldest)
            dob = oldest + (kdate)rng_range(r, 0, 700);
        if (dob > g->today)
            continue; /* not born yet */
        bool half = rng_chance(r, 300);
        rc = relative_add(g, c, r, &n, rng_chance(r, 510) ? 'M' : 'F', dob,
                          half && rng_chance(r, 500) ? NULL : fam,
                          half ? "half-sibling" : "sibling", false, rng_chance(r, 850), NULL);
        c->n_siblings++;
    }
    if (!rc && rng_chance(r, 100))
        rc = relative_add(g, c, r, &n, rng_chance(r, 500) ? 'M' : 'F',
                          years_before(mother_dob, r, -10, 10), NULL, "aunt-uncle", false, false,
                          NULL);
    return rc;
}

/* ---- allocations ---------------------------------------------------------------------- */

/* Why a worker hands a case to a colleague, other than leaving (allocation end reasons). */
static const struct demo_code_weight change_reason[] = {
    {"caseload-rebalanced", 380}, {"child-circumstances", 170}, {"worker-absence", 140},
    {"family-request", 100},      {"restructure", 90},          {"other", 120},
};

static void alloc_push(struct demo_child *c, const struct demo_alloc *a)
{
    if (c->n_alloc == c->cap_alloc) {
        size_t cap = c->cap_alloc ? 2 * c->cap_alloc : 16;
        struct demo_alloc *n = arena_alloc(c->arena, cap * sizeof(*n));
        if (c->n_alloc)
            memcpy(n, c->alloc, c->n_alloc * sizeof(*n));
        c->alloc = n;
        c->cap_alloc = cap;
    }
    c->alloc[c->n_alloc++] = *a;
}

/* Allocate the child to workers of kind `tk` from `from` to `to` (DATE_NONE: still open),
 * one worker after another, ending the last with `final_reason`. */
static void chain(struct demo_gen *g, struct demo_child *c, struct rng *r, enum demo_team_kind tk,
                  kdate from, kdate to, const char *final_reason)
{
    if (c->team_pick[tk] < 0)
        c->team_pick[tk] = (int)rng_below(r, g->kind_count[tk]);
    uint32_t team = g->kind_first[tk] + (uint32_t)c->team_pick[tk];
    kdate t = from > g->history_start ? from : g->history_start;
    bool first = true;
    while (to == DATE_NONE ? t <= g->today : t < to) {
        int64_t ti = demo_holder(g, team, t, r);
        if (ti < 0) {
            t += 7; /* nobody in the team that week: possible only in a tiny demo */
            continue;
        }
        const struct demo_tenure *tn = &g->tenures[ti];
        struct demo_alloc da = {.kind = tk, .tenure = (uint32_t)ti};
        struct allocation *a = &da.a;
        a->child_id = c->person.id;
        a->worker_id = tn->worker_id;
        a->role = demo_kinds[tk].alloc_role;
        /* Records before history_start are not held: the first allocation then starts when
         * its worker took the case on. */
        a->start = first && from < t ? (tn->start > from ? tn->start : from) : t;
        a->end = to;
        a->end_reason = to == DATE_NONE ? NULL : final_reason;
        if (tn->end != DATE_NONE && (a->end == DATE_NONE || tn->end < a->end)) {
            a->end = tn->end;
            a->end_reason = tn->agency ? "contract-ended" : "worker-left";
        }
        kdate change = t + (kdate)rng_range(r, 120, 900);
        if (change <= g->today && (a->end == DATE_NONE || change < a->end)) {
            a->end = change;
            a->end_reason =
                change_reason[RNG_PICK(r, change_reason, struct demo_code_weight, weight)].code;
        }
        alloc_push(c, &da);
        if (a->end == DATE_NONE)
            break;
        t = a->end;
        first = false;
    }
}

/* Who else is allocated while the child is in a phase: a CP chair during child protection,
 * an IRO while the child is looked after (adoption included, the same IRO throughout). */
static int parallel_kind(enum demo_team_kind k)
{
    switch (k) {
    case TK_CP:
        return TK_CP_CHAIR;
    case TK_CIC:
    case TK_ADOPTION:
        return TK_IRO;
    default:
        return -1;
    }
}

static enum kerr_code part_allocations(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    for (int i = 0; i < c->n_phases; i++) {
        const struct demo_phase *ph = &c->phase[i];
        chain(g, c, r, ph->kind, ph->start, ph->end,
              ph->closes ? "case-closed" : "case-transferred");
        int pk = parallel_kind(ph->kind);
        if (pk < 0 || (i > 0 && parallel_kind(c->phase[i - 1].kind) == pk &&
                       c->phase[i - 1].end == ph->start))
            continue; /* continues from the previous phase */
        int j = i;
        while (j + 1 < c->n_phases && parallel_kind(c->phase[j + 1].kind) == pk &&
               c->phase[j].end == c->phase[j + 1].start)
            j++;
        const struct demo_phase *lastp = &c->phase[j];
        chain(g, c, r, (enum demo_team_kind)pk, ph->start, lastp->end,
              lastp->closes ? "case-closed" : "child-circumstances");
    }
    for (size_t i = 0; i < c->n_alloc; i++) {
        enum kerr_code rc = g->sink->allocation(g->sink->ctx, &c->alloc[i].a, g->e);
        if (rc)
            return rc;
    }
    return KITH_OK;
}

/* ---- case notes ---------------------------------------------------------------------- */

static const struct demo_code_weight social_work_notes[] = {
    {"home-visit", 330},  {"other-visit", 120},         {"office-visit", 50},   {"phone-call", 200},
    {"direct-work", 100}, {"multi-agency-meeting", 90}, {"correspondence", 50}, {"case-note", 60},
};
static const struct demo_code_weight early_help_notes[] = {
    {"home-visit", 400},           {"phone-call", 250}, {"direct-work", 150},
    {"multi-agency-meeting", 100}, {"case-note", 100},
};
static const struct demo_code_weight leaving_care_notes[] = {
    {"phone-call", 350}, {"office-visit", 200},   {"other-visit", 150},
    {"home-visit", 150}, {"correspondence", 100}, {"case-note", 50},
};
static const struct demo_code_weight review_notes[] = {
    {"multi-agency-meeting", 700},
    {"case-note", 300},
};

static const char *note_kind_for(struct rng *r, enum demo_team_kind tk)
{
    switch (tk) {
    case TK_EARLY_HELP:
        return early_help_notes[RNG_PICK(r, early_help_notes, struct demo_code_weight, weight)]
            .code;
    case TK_LEAVING_CARE:
        return leaving_care_notes[RNG_PICK(r, leaving_care_notes, struct demo_code_weight, weight)]
            .code;
    case TK_IRO:
    case TK_CP_CHAIR:
        return review_notes[RNG_PICK(r, review_notes, struct demo_code_weight, weight)].code;
    default:
        return social_work_notes[RNG_PICK(r, social_work_notes, struct demo_code_weight, weight)]
            .code;
    }
}

struct note_writer {
    struct demo_gen *g;
    struct demo_child *c;
    struct rng *r;
    uint64_t n; /* notes so far for this child */
};

static enum kerr_code note_emit(struct note_writer *w, int64_t author, enum demo_team_kind tk,
                                const char *kind, enum demo_moment moment, kdate date)
{
    if (date < w->g->window_start || date > w->g->today)
        return KITH_OK; /* kith holds five years of notes */
    struct case_note n = {
        .child_id = w->c->person.id, .author_id = author, .date = date, .kind = kind};
    demo_public_id(w->g, ID_NOTE, (uint64_t)w->c->index, w->n++, n.public_id);
    struct arena a;
    arena_init(&a, 2048);
    demo_note_text(w->g, w->c, w->r, tk, kind, moment, date, &a, &n.subject, &n.body);
    enum kerr_code rc = w->g->sink->note(w->g->sink->ctx, &n, w->g->e);
    arena_release(&a);
    return rc;
}

/* The team manager in post on `date` (managers' posts have no gaps), or -1. */
static int64_t manager_on(const struct demo_gen *g, uint32_t team, kdate date)
{
    const struct demo_post *p = &g->posts[g->teams[team].first_post];
    for (uint32_t k = 0; k < p->n_tenures; k++) {
        const struct demo_tenure *tn = &g->tenures[p->first_tenure + k];
        if (tn->start <= date && (tn->end == DATE_NONE || date < tn->end))
            return tn->worker_id;
    }
    return -1;
}

static enum kerr_code part_notes(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    struct note_writer w = {g, c, r, 0};
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; !rc && i < c->n_alloc; i++) {
        const struct demo_alloc *da = &c->alloc[i];
        const struct allocation *a = &da->a;
        const struct demo_kind *tk = &demo_kinds[da->kind];
        kdate stop = a->end == DATE_NONE ? g->today + 1 : a->end;
        bool handover =
            i > 0 && c->alloc[i - 1].kind == da->kind && c->alloc[i - 1].a.end == a->start;
        uint32_t team = g->posts[g->tenures[da->tenure].post].team;
        if (da->kind == TK_IRO || da->kind == TK_CP_CHAIR) {
            /* Reviews and conferences: the first within a few weeks, then six-monthly. */
            for (kdate d = a->start + (kdate)rng_range(r, 10, 28); !rc && d < stop;
                 d += tk->note_every + (kdate)rng_range(r, -14, 14))
                rc = note_emit(&w, a->worker_id, da->kind, note_kind_for(r, da->kind),
                               MOMENT_ONGOING, d);
            continue;
        }
        /* A new case is always recorded (the contact, the start of early help); a case
         * moving between teams sometimes. The manager's decision is often on file too. */
        if (!handover) {
            bool fresh = i == 0 || da->kind == TK_FRONT_DOOR || da->kind == TK_EARLY_HELP;
            if (fresh || rng_chance(r, 400))
                rc = note_emit(&w, a->worker_id, da->kind, "case-note", MOMENT_OPEN, a->start);
            int64_t mgr = rng_chance(r, 300) ? manager_on(g, team, a->start) : -1;
            if (!rc && mgr > 0)
                rc = note_emit(&w, mgr, da->kind, "management-oversight", MOMENT_OPEN,
                               a->start + (kdate)rng_range(r, 0, 3));
        }
        if (tk->note_every) {
            kdate first = a->start + (kdate)rng_range(r, 1, tk->note_every / 2 + 1);
            int32_t jitter = tk->note_every / 4;
            for (kdate d = first; !rc && d < stop;
                 d += tk->note_every + (kdate)rng_range(r, -jitter, jitter))
                rc = note_emit(&w, a->worker_id, da->kind, note_kind_for(r, da->kind),
                               MOMENT_ONGOING, d);
        }
        if (!rc && a->end_reason && !strcmp(a->end_reason, "case-closed") && rng_chance(r, 600))
            rc = note_emit(&w, a->worker_id, da->kind, "case-note", MOMENT_CLOSE, a->end);
    }
    return rc;
}

/* ---- contacts ------------------------------------------------------------------------ */

/* Who tells children's services, roughly as often as the CIN census says each source does
 * (schools and the police most), and how the person is recorded. */
static const struct {
    const char *code, *by;
    int weight;
} contact_sources[] = {
    {"6", "PC on duty, local police", 28},
    {"2A", "Designated safeguarding lead, school", 20},
    {"3A", "GP, local surgery", 6},
    {"3B", "Health visitor", 5},
    {"3E", "Safeguarding nurse, A&E", 4},
    {"1A", "A relative", 8},
    {"1B", "A neighbour", 3},
    {"1C", "The young person", 2},
    {"4", "Housing officer", 4},
    {"5A", "Adult social care worker", 6},
    {"5C", "Duty worker, another council", 4},
    {"8", "Children's centre worker", 5},
    {"9", "Anonymous caller", 3},
    {"7", "Probation officer", 2},
};

static const char *const contact_worries[] = {
    "Concerned about the child's care at home: often late and hungry at school.",
    "Reports shouting and a disturbance at the address late at night.",
    "The child disclosed being hit by an adult at home.",
    "Parent appears to be struggling with their mental health; asks for support.",
    "The child has been missing from home overnight and has now returned.",
    "Worried about who the child spends time with after school.",
    "Attendance has dropped sharply this term and the family has not responded.",
    "Domestic abuse incident attended; the child was present.",
};

static enum kerr_code contact_emit(struct demo_gen *g, struct demo_child *c, struct rng *r,
                                   uint64_t *n, kdate day, const char *outcome)
{
    if (day > g->today)
        return KITH_OK;
    int total = 0, pick;
    for (size_t i = 0; i < sizeof(contact_sources) / sizeof(contact_sources[0]); i++)
        total += contact_sources[i].weight;
    pick = (int)rng_below(r, (uint64_t)total);
    size_t s = 0;
    while (pick >= contact_sources[s].weight)
        pick -= contact_sources[s++].weight;
    struct contact k = {
        .h = {.parent_id = c->person.id, .created_at = (int64_t)day * 86400 + (int64_t)17 * 3600},
        .contact_date = day,
        .contact_by = contact_sources[s].by,
        .summary =
            contact_worries[rng_below(r, sizeof(contact_worries) / sizeof(contact_worries[0]))],
        .decided_on = DATE_NONE};
    k.h.updated_at = k.h.created_at;
    demo_public_id(g, ID_CONTACT, (uint64_t)c->index, (*n)++, k.h.public_id);
    snprintf(k.source, sizeof k.source, "%s", contact_sources[s].code);
    snprintf(k.contact_time, sizeof k.contact_time, "%02d:%02d", (int)rng_range(r, 8, 18),
             (int)rng_range(r, 0, 59));
    /* Decided on the day or the next working day; one in eight later. The last few days'
     * are often still open, and a few older ones have been missed. */
    int64_t age = g->today - day;
    bool open = age <= 2 ? rng_chance(r, 600) : age <= 14 && rng_chance(r, 80);
    if (!open) {
        int wd = rng_chance(r, 125) ? (int)rng_range(r, 2, 6) : (int)rng_range(r, 0, 1);
        kdate d = workday_add(day, wd);
        k.decided_on = d > g->today ? g->today : d;
        snprintf(k.outcome, sizeof k.outcome, "%s", outcome);
    }
    return g->sink->record(g->sink->ctx, &contact_type, &k, g->e);
}

/* The contact that opened each new case (a day or two before it, or on the day), and
 * about one child in three with a worry that led nowhere in the five years. */
static enum kerr_code part_contacts(struct demo_gen *g, struct demo_child *c, struct rng *r)
{
    if (g->sink->no_case_records)
        return KITH_OK;
    uint64_t n = 0;
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; !rc && i < c->n_alloc; i++) {
        const struct demo_alloc *da = &c->alloc[i];
        bool handover =
            i > 0 && c->alloc[i - 1].kind == da->kind && c->alloc[i - 1].a.end == da->a.start;
        bool fresh = i == 0 || da->kind == TK_FRONT_DOOR || da->kind == TK_EARLY_HELP;
        if (!handover && fresh && da->a.start >= g->window_start)
            rc = contact_emit(g, c, r, &n, da->a.start - (kdate)rng_range(r, 0, 2),
                              da->kind == TK_EARLY_HELP ? "family-help" : "referral");
    }
    for (int k = rng_chance(r, 330) ? 1 + rng_chance(r, 250) : 0; !rc && k > 0; k--)
        rc = contact_emit(g, c, r, &n, g->today - (kdate)rng_range(r, 0, window_days(g)),
                          rng_chance(r, 500) ? "nfa" : "advice");
    return rc;
}

/* ---- the children stage ---------------------------------------------------------------- */

/* The parts of a child, in order. Each draws from its own stream (never renumber one: that
 * would change every demo database made from a seed). Later issues add rows here. */
static const struct child_part {
    const char *name;
    uint64_t stream;
    enum kerr_code (*run)(struct demo_gen *g, struct demo_child *c, struct rng *r);
} child_parts[] = {
    {"journey", 1, part_journey},
    {"person", 2, part_person},
    {"family", 3, part_family},
    {"allocations", 4, part_allocations},
    {"notes", 5, part_notes},
    {"contacts", 6, part_contacts},
    {"family help, risks and pre-proceedings", 8, demo_family},
    {"help and protection", 7, demo_help},
};

static enum kerr_code stage_children(struct demo_gen *g)
{
    struct arena arena;
    arena_init(&arena, 16384);
    enum kerr_code rc = KITH_OK;
    for (int64_t i = 0; !rc && i < g->n_children; i++) {
        struct demo_child c = {.index = i, .arena = &arena};
        for (int k = 0; k < TK_COUNT; k++)
            c.team_pick[k] = -1;
        for (size_t k = 0; !rc && k < sizeof(child_parts) / sizeof(child_parts[0]); k++) {
            struct rng r;
            rng_seed_stream(&r, g->p->seed, (child_parts[k].stream << 40) ^ (uint64_t)i);
            rc = child_parts[k].run(g, &c, &r);
        }
        if (!rc)
            rc = g->sink->boundary(g->sink->ctx, DEMO_STAGE_CHILDREN, false, g->e);
        arena_release(&arena);
    }
    return rc;
}

/* ---- the run ------------------------------------------------------------------------- */

static const struct stage {
    enum demo_stage id;
    enum kerr_code (*run)(struct demo_gen *g);
} stages[] = {
    {DEMO_STAGE_TEAMS, stage_teams},        {DEMO_STAGE_WORKERS, stage_workers},
    {DEMO_STAGE_USERS, stage_users},        {DEMO_STAGE_CHILDREN, stage_children},
    {DEMO_STAGE_VACANCIES, demo_vacancies},
};

enum kerr_code demo_run(const struct demo_params *p, const struct demo_sink *sink, struct kerr *e)
{
    enum kerr_code rc = demo_check(p, e);
    if (rc)
        return rc;
    struct demo_gen g = {.p = p, .sink = sink, .e = e, .today = p->today, .text = STR_INIT};
    g.window_start = date_add_months(p->today, -12 * DEMO_YEARS);
    g.history_start = date_add_months(g.window_start, -12);
    g.n_children = demo_children(p);
    uint64_t st = p->seed ^ UINT64_C(0x1d5eed1d5eed1d5e);
    g.id_key[0] = rng_splitmix(&st);
    g.id_key[1] = rng_splitmix(&st);
    for (size_t i = 0; !rc && i < sizeof(stages) / sizeof(stages[0]); i++) {
        rc = stages[i].run(&g);
        if (!rc)
            rc = sink->boundary(sink->ctx, stages[i].id, true, e);
    }
    free(g.teams);
    free(g.posts);
    free(g.tenures);
    free(g.names_seen);
    str_release(&g.text);
    return rc;
}
