/*
 * Inside the demo generator: shared by demo.c (the stages and the children), demo_text.c
 * (names and case-note text) and the generators later issues add (CIN episodes, plans,
 * looked-after episodes, foster households, vacancies...). Not for use outside domain/demo*.
 *
 * How to extend it:
 * - a record type made once per child (an episode, a plan, a visit): write
 *   `enum kerr_code demo_<area>(struct demo_gen *g, struct demo_child *c, struct rng *r)` in
 *   demo_<area>.c and add one row to `child_parts[]` in demo.c, after the parts it reads.
 *   Each part draws from its own random stream (its row's `stream` number, never reused), so
 *   a new part does not change what the existing parts generate for the same seed;
 * - a record type made once per borough (foster households, vacancies): add a stage to
 *   enum demo_stage and a row to `stages[]` in demo.c;
 * - the child's journey (`phase[]`) says which service held the child when: read it rather
 *   than inventing dates, so that episodes, allocations and notes agree.
 */
#ifndef KITH_DOMAIN_DEMO_IMPL_H
#define KITH_DOMAIN_DEMO_IMPL_H

#include <stddef.h>

#include "core/arena.h"
#include "core/rng.h"
#include "core/str.h"
#include "domain/demo.h"

/* Kinds of team: a service, sometimes split (disabled children's teams are child in need;
 * IROs and CP chairs are both quality assurance). Each kind has a row in demo_kinds. */
enum demo_team_kind {
    TK_FRONT_DOOR,
    TK_ASSESSMENT,
    TK_CIN,
    TK_DISABLED,
    TK_CP,
    TK_CIC,
    TK_LEAVING_CARE,
    TK_FOSTERING,
    TK_ADOPTION,
    TK_EARLY_HELP,
    TK_IRO,
    TK_CP_CHAIR,
    TK_COUNT
};

struct demo_kind {
    const char *name; /* "Assessment Team": numbered when the borough has several */
    enum service service;
    uint16_t teams;                  /* teams of this kind at scale 1 */
    uint16_t posts;                  /* case-holding posts per team, besides the manager */
    enum worker_role role;           /* of those posts */
    enum allocation_role alloc_role; /* how its workers are allocated to children */
    uint16_t threshold;              /* caseload per FTE above which the team is stretched */
    uint16_t note_every;             /* days between case notes while allocated, 0 = none */
    bool holds_cases;                /* children are allocated to its workers */
};
extern const struct demo_kind demo_kinds[TK_COUNT];

struct demo_team {
    int64_t id;
    enum demo_team_kind kind;
    uint32_t first_post, n_posts; /* posts[first_post .. +n_posts), the manager's first */
};

/* A post is a job in a team, held by one worker after another (tenures). */
struct demo_post {
    uint32_t team;
    enum worker_role role;
    uint8_t fte_tenths; /* 5..10 */
    bool case_holder;   /* children are allocated to it */
    uint32_t first_tenure, n_tenures;
};

/* One worker record: a person holding a post from `start` to `end` (DATE_NONE: in post). The
 * worker's last day is end - 1 for allocations: a case moves on the day the worker leaves. */
struct demo_tenure {
    int64_t worker_id;
    uint32_t post;
    kdate start, end;
    bool agency;
    char given[24], family[32]; /* kept for the user accounts */
    char registration[12];      /* and for the application that appointed them */
    bool appointed;             /* an application on the jobs board became this worker */
};

/* A stretch of a child's involvement with one kind of team. */
struct demo_phase {
    enum demo_team_kind kind;
    kdate start, end; /* end DATE_NONE: still open on `today` */
    bool closes;      /* the case closes at `end` (else it moves to the next phase) */
};

#define DEMO_PHASES_MAX 12

/* An allocation as generated, with what the case-note part needs to know about it. */
struct demo_alloc {
    struct allocation a;
    enum demo_team_kind kind;
    uint32_t tenure;
};

/* Family members the notes talk about. */
enum demo_relative {
    REL_MOTHER,
    REL_FATHER,
    REL_STEP_PARENT,
    REL_GRANDPARENT,
    REL_SIBLING,
    REL_AUNT_UNCLE,
};

/* One child while it is being generated; everything in `arena` is freed after the child. */
struct demo_child {
    int64_t index; /* 0 .. demo_children() - 1 */
    struct arena *arena;
    struct person person;
    int n_phases;
    struct demo_phase phase[DEMO_PHASES_MAX];
    struct demo_alloc *alloc;
    size_t n_alloc, cap_alloc;
    const char *carer;      /* "Ama", the main parent's given name, or NULL */
    const char *carer_role; /* "mother", "father", "grandmother"... */
    int n_siblings;
    int team_pick[TK_COUNT]; /* the child's team of each kind (its locality), -1 before use */
    /* The relatives with parental responsibility, as the family part made them ("Ama
     * Mensah", "mother", their person's public id): the people a family group
     * decision-making meeting is offered to. */
    struct {
        const char *name, *relationship;
        char public_id[PUBLIC_ID_LEN + 1];
    } pr[2];
    int n_pr;
    /* A family help episode that stepped up: the front-door phase it became, and the
     * public id its referral takes (demo_family.c sets both; demo_help.c writes the
     * referral with that id and the link back). step_up_door 0: none (phase 0 is never a
     * step-up's referral). */
    int step_up_door;
    char step_up_referral[PUBLIC_ID_LEN + 1], step_up_from[PUBLIC_ID_LEN + 1];
};

struct demo_gen {
    const struct demo_params *p;
    const struct demo_sink *sink;
    struct kerr *e;
    kdate today;
    kdate window_start;  /* today - DEMO_YEARS years */
    kdate history_start; /* workers' records go back to here; allocations start no earlier */
    uint64_t id_key[2];
    struct demo_team *teams;
    uint32_t n_teams;
    uint32_t kind_first[TK_COUNT], kind_count[TK_COUNT]; /* teams grouped by kind */
    struct demo_post *posts;
    uint32_t n_posts, cap_posts;
    struct demo_tenure *tenures;
    uint32_t n_tenures, cap_tenures;
    uint32_t case_posts, agency_phase; /* spreading agency posts evenly */
    int64_t n_children;
    uint64_t *names_seen; /* open-addressing set of username hashes */
    size_t names_cap, names_used;
    struct str text; /* scratch for case-note text */
};

/* Rows of weighted tables, for RNG_PICK. */
struct demo_weighted {
    int value;
    uint32_t weight;
};
struct demo_band {
    int16_t lo, hi;
    uint32_t weight;
};
struct demo_code_weight {
    const char *code;
    uint32_t weight;
};

/* Public ids: distinct for distinct (tag, group, item), repeatable for a seed. `group` is
 * the child's (or team's, worker's) number, below 2^29; `item` numbers the records of one
 * group (a child's relatives, notes), below 2^27. */
enum demo_id_tag {
    ID_TEAM = 1,
    ID_WORKER,
    ID_PERSON,
    ID_NOTE,
    ID_VACANCY,
    ID_CONTACT,
    ID_HELP,
    ID_APPLICATION,
    ID_AGENCY,
    ID_AGENCY_CAP,
    ID_FAMILY /* demo_family.c's records */
};
void demo_public_id(const struct demo_gen *g, enum demo_id_tag tag, uint64_t group, uint64_t item,
                    char out[PUBLIC_ID_LEN + 1]);

/* The tenure holding a case-holding post of `team` on day `t`, preferring posts by FTE;
 * the manager when every post is empty; -1 when nobody at all is in post. */
int64_t demo_holder(const struct demo_gen *g, uint32_t team, kdate t, struct rng *r);

/* A child's help-and-protection records: referrals, assessments, plans, enquiries,
 * conferences, core groups and visits (demo_help.c). */
enum kerr_code demo_help(struct demo_gen *g, struct demo_child *c, struct rng *r);

/* A child's family help episodes, missing episodes, exploitation risks, private fostering
 * and pre-proceedings (demo_family.c). Runs before demo_help, which reads step_up_*. */
enum kerr_code demo_family(struct demo_gen *g, struct demo_child *c, struct rng *r);

/* The vacancies stage (demo_jobs.c). */
enum kerr_code demo_vacancies(struct demo_gen *g);
/* The agency assignments (demo_agency.c): made with the vacancies, the recruitment
 * stage's other records. */
enum kerr_code demo_agency(struct demo_gen *g);

/* Names from syllables, into `a`. sex 'M', 'F' or 'U'. */
char *demo_given_name(struct rng *r, char sex, struct arena *a);
char *demo_family_name(struct rng *r, struct arena *a);

/* Where in a case a note falls: opening it, working it, closing it. */
enum demo_moment { MOMENT_OPEN, MOMENT_ONGOING, MOMENT_CLOSE };

/* A case note's subject and body for a note of `kind` (a note-kind code) by a worker of
 * team kind `tk` about child `c` on `date`, into `a`. */
void demo_note_text(struct demo_gen *g, const struct demo_child *c, struct rng *r,
                    enum demo_team_kind tk, const char *kind, enum demo_moment moment, kdate date,
                    struct arena *a, const char **subject, const char **body);

#endif
