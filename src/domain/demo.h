/*
 * The demo borough: a synthetic, repeatable children's services department.
 *
 * demo_run() generates one inner-London borough at scale 1 (a population of about 40,000
 * children, of whom kith holds the 12,000 or so known to children's social care in the last
 * five years, about 2,500 open on `today`; 20 teams, about 200 workers in post of whom about
 * 15% agency, their user accounts, allocations with changes of worker, and case notes), and
 * `scale` times as much otherwise (100 is about the size of England). The same seed, scale
 * and `today` give the same records, ids and text on every run and every machine. Names are
 * made of generated syllables; nothing comes from a list of real people.
 *
 * Contacts come with every new case (the worry that opened it) and now and then on their
 * own; most are decided on the day or the next working day, about one in eight later, and
 * those of the last days before `today` are often not decided yet, so the timescales
 * (kith work) have open and overdue work to show.
 *
 * The generator is pure: it knows no database. It hands each record to a `struct demo_sink`
 * as soon as it is made and forgets it, so a borough of any size streams through in little
 * memory. The sink stores a team, worker, user, person or vacancy and sets its `id` before
 * returning (later records refer to those by id); the other records no record refers to, so
 * a sink may write them later (kith demo holds a chunk of children's rows back to write
 * them table by table). Public ids are set by the generator, from the seed. The records a
 * sink receives, and the strings they point to, live only until the callback returns.
 *
 * Records come in stages (demo_stage). Within the children stage each child is a unit:
 * the child, the relatives, relationships, allocations and case notes, then boundary().
 * A sink that commits at boundaries therefore never stores part of a child or of a stage.
 */
#ifndef KITH_DOMAIN_DEMO_H
#define KITH_DOMAIN_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/rec.h"
#include "domain/record.h"

#define DEMO_CHILDREN_PER_SCALE 12000 /* children held at scale 1 */
#define DEMO_POPULATION_PER_SCALE 40000
#define DEMO_YEARS 5 /* kith holds the children known in the last five years */
#define DEMO_SCALE_MIN 0.001
#define DEMO_SCALE_MAX 1000.0

enum demo_stage {
    DEMO_STAGE_TEAMS,
    DEMO_STAGE_WORKERS,
    DEMO_STAGE_USERS,
    DEMO_STAGE_CHILDREN,
    DEMO_STAGE_VACANCIES, /* the jobs board: about 40 open and 200 closed */
    DEMO_STAGE_COUNT
};

struct demo_params {
    uint64_t seed;
    double scale; /* DEMO_SCALE_MIN..DEMO_SCALE_MAX; 1 = one borough */
    kdate today;  /* the demo's "now": open cases are open on this day */
};

/* Callbacks receive the sink's ctx and the caller's error record; a non-zero return stops
 * the run and is returned by demo_run(). Every callback must be set. */
struct demo_sink {
    void *ctx;
    enum kerr_code (*team)(void *ctx, struct team *t, struct kerr *e);
    enum kerr_code (*worker)(void *ctx, struct worker *w, struct kerr *e);
    enum kerr_code (*user)(void *ctx, struct user *u, struct kerr *e);
    enum kerr_code (*person)(void *ctx, struct person *p, struct kerr *e);
    enum kerr_code (*relationship)(void *ctx, struct relationship *r, struct kerr *e);
    enum kerr_code (*allocation)(void *ctx, struct allocation *a, struct kerr *e);
    enum kerr_code (*note)(void *ctx, struct case_note *n, struct kerr *e);
    /* A record of a type described in domain/ (rec.h): a vacancy; a case record (a
     * contact) with its head's public id, parent (the child's id) and times set. */
    enum kerr_code (*record)(void *ctx, const struct rec_type *t, void *rec, struct kerr *e);
    /* Everything handed over so far is whole: called after each child (stage_done false)
     * and at the end of every stage (stage_done true). */
    enum kerr_code (*boundary)(void *ctx, enum demo_stage stage, bool stage_done, struct kerr *e);
    /* Make no case records (contacts): the other records are the same either way, which
     * the demo's tests check. */
    bool no_case_records;
};

/* "teams", "workers", "users", "children". */
const char *demo_stage_name(enum demo_stage stage);

/* KITH_E_INVALID naming "scale" or "today" when the parameters cannot make a borough. */
enum kerr_code demo_check(const struct demo_params *p, struct kerr *e);

/* The number of children the run will generate (the children stage's units), for progress. */
int64_t demo_children(const struct demo_params *p);

/* Generate the borough into `sink`. Returns KITH_OK, the parameter error, or the first error a
 * callback returned (with `e` as the callback left it). */
enum kerr_code demo_run(const struct demo_params *p, const struct demo_sink *sink, struct kerr *e);

#endif
