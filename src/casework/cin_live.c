/*
 * The CIN rules over the live records (cin_live.h). The borough is read in a fixed
 * number of statements whatever its size: every record of each help-and-protection type
 * at once, ordered by child (store_rec_all), then each child with a referral on its own
 * (a person's record by id); each child's slice of every type goes through the pure
 * projection (domain/cin_project.c) and the year's rules run once over the whole return,
 * as over a file.
 */
#include "casework/cin_live.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store_rec.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The types the projection reads, in the order of struct cin_child_records' members. */
enum {
    LT_REFERRAL,
    LT_ASSESSMENT,
    LT_CIN_PLAN,
    LT_STRATEGY,
    LT_S47,
    LT_CONFERENCE,
    LT_CP_PLAN,
    LT_N
};
static const struct rec_type *const live_types[LT_N] = {
    &referral_type,    &assessment_type, &cin_plan_type, &strategy_discussion_type,
    &s47_enquiry_type, &conference_type, &cp_plan_type,
};

struct typed {
    const struct rec_type *t;
    char *rows;
    size_t n, at; /* `at`: the first row not yet given to a child */
};

/* Child `child`'s slice of `r` (records are ordered by child), advancing r->at. */
static const void *slice(struct typed *r, int64_t child, size_t *n)
{
    size_t sz = r->t->size;
    while (r->at < r->n && rec_chead(r->t, r->rows + r->at * sz)->parent_id < child)
        r->at++;
    size_t from = r->at;
    while (r->at < r->n && rec_chead(r->t, r->rows + r->at * sz)->parent_id == child)
        r->at++;
    *n = r->at - from;
    return *n ? r->rows + from * sz : NULL;
}

static void records_of(struct cin_child_records *c, struct typed *recs, int64_t child)
{
    c->referrals = slice(&recs[LT_REFERRAL], child, &c->nreferrals);
    c->assessments = slice(&recs[LT_ASSESSMENT], child, &c->nassessments);
    c->cin_plans = slice(&recs[LT_CIN_PLAN], child, &c->ncin_plans);
    c->strategies = slice(&recs[LT_STRATEGY], child, &c->nstrategies);
    c->s47s = slice(&recs[LT_S47], child, &c->ns47s);
    c->conferences = slice(&recs[LT_CONFERENCE], child, &c->nconferences);
    c->cp_plans = slice(&recs[LT_CP_PLAN], child, &c->ncp_plans);
}

static void run_rules(struct cin_live *l)
{
    ruleset_for(&l->set, &ret_kind_cin, l->p.r.year);
    l->p.r.year = l->set.year; /* codes are judged in the year of the rules used */
    struct rinputs in = {0};
    double t0 = now();
    if (l->children) /* an empty census has nothing to judge (2887Q would count no codes) */
        rules_run(&l->set, &l->p.r, &in, &l->f);
    l->rule_seconds = now() - t0;
    for (size_t i = 0; i < l->f.n; i++)
        l->errors += l->f.v[i].rule->severity == RULE_ERROR;
    l->queries = l->f.n - l->errors;
}

enum kerr_code cw_cin_live(struct store *s, const struct actor *who, int year, struct cin_live *out,
                           struct cw_err *err)
{
    memset(out, 0, sizeof *out);
    cin_proj_init(&out->p, year, who->today);
    findings_init(&out->f);
    double t0 = now();
    struct arena a;
    arena_init(&a, 1 << 20);
    struct typed recs[LT_N];
    enum kerr_code rc = KITH_OK;
    for (int i = 0; i < LT_N && !rc; i++) {
        void *rows;
        recs[i] = (struct typed){.t = live_types[i]};
        rc = store_rec_all(s, live_types[i], &a, &rows, &recs[i].n, &err->e);
        recs[i].rows = rows;
    }
    /* Every child with a referral, in the order store_rec_all gave them (by child). */
    struct typed *refs = &recs[LT_REFERRAL];
    struct arena per;
    arena_init(&per, 0);
    while (!rc && refs->at < refs->n) {
        int64_t child = rec_chead(refs->t, refs->rows + refs->at * refs->t->size)->parent_id;
        struct person person;
        struct cin_child_records c = {.child = &person};
        records_of(&c, recs, child);
        rc = store_person_get(s, child, &per, &person, &err->e);
        if (!rc)
            out->children += cin_proj_add(&out->p, &c);
        arena_release(&per);
        arena_init(&per, 0);
    }
    arena_release(&per);
    arena_release(&a);
    out->read_seconds = now() - t0;
    if (!rc) {
        run_rules(out);
        char detail[96];
        snprintf(detail, sizeof detail, "year %d: %zu children, %zu errors, %zu queries", year,
                 out->children, out->errors, out->queries);
        struct audit_event ev = {.at = who->now,
                                 .user_id = who->user_id,
                                 .username = who->username ? who->username : "(operator)",
                                 .role = who->role ? who->role : "operator",
                                 .action = "cin.validate",
                                 .request_id = who->request_id ? who->request_id : "-",
                                 .outcome = "ok",
                                 .detail = detail,
                                 .read_only = true};
        rc = store_audit_add(s, &ev, &err->e);
    }
    if (rc)
        cin_live_release(out);
    return rc;
}

void cin_live_release(struct cin_live *l)
{
    findings_release(&l->f);
    if (l->set.rules)
        ruleset_release(&l->set);
    if (l->p.r.kind)
        cin_proj_release(&l->p);
    memset(l, 0, sizeof *l);
}

void cin_live_at(const struct cin_live *l, const struct finding *f, struct cin_finding_at *at)
{
    memset(at, 0, sizeof *at);
    at->child_public_id = at->la_child_id = at->record_public_id = "";
    const struct cin_src *src = cin_proj_src(&l->p, f->table, f->row);
    if (!src)
        return;
    const struct cin_src *ch = cin_proj_src(&l->p, CIN_CHILD, src->child);
    if (ch) {
        at->child_public_id = ch->public_id;
        at->la_child_id = ret_raw(&l->p.r, CIN_CHILD, src->child, CH_LA_CHILD_ID);
    }
    at->type = src->type;
    at->record_public_id = src->public_id;
}
