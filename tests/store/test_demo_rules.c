/*
 * The demo borough's case records through the checks the use cases run before a write:
 * each record's own (rec_check) and then the rules across the child's records with the
 * CIN census's on save (cw_rec_check_across). Twice: once the child's records are all
 * stored, each as a correction of itself (so it is judged against the child's whole
 * history, as a worker correcting it today would be); and, for the records of family
 * help, risks and pre-proceedings (demo_family.c), also as it is written, against the
 * records written before it, since the generator writes them in the order a worker
 * records them (the offer before the letter that states it, the meeting after the
 * acceptance). Help-and-protection histories (demo_help.c) write an enquiry before the
 * conference that ends it, so they are judged whole only. Any refusal fails the test,
 * naming the record, the field and the message. Children, their relatives and the
 * relationships go to the store (the rules read the child, its records and who holds
 * parental responsibility for it); workers, allocations and notes are given ids and left
 * out. On SQLite here and, unchanged, on PostgreSQL (suite pg).
 */
#include "../unit/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework.h"
#include "casework/cw_impl.h"
#include "domain/demo.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/proceedings.h"
#include "domain/risk.h"
#include "store/store.h"
#include "store/store_rec.h"
#include "testdb.h"

struct run {
    struct store *s;
    kdate today;
    int64_t next_id; /* ids of what is not stored */
    bool in_tx;
    int64_t records, refused;
    int64_t by_type[64];
    const struct rec_type *types[64];
    size_t ntypes;
    char first[600]; /* the first refusal */
    /* the child's records so far, copied (their text lives until the child's boundary) */
    const struct rec_type **kept_t;
    void **kept;
    size_t nkept, capkept;
};

/* demo_family.c's types, judged as they are written too. */
static const struct rec_type *const in_order[] = {
    &family_help_type,       &missing_episode_type,  &exploitation_risk_type,
    &private_fostering_type, &fgdm_offer_type,       &fgdm_exemption_type,
    &fgdm_meeting_type,      &pre_proceedings_type,  &letter_before_proceedings_type,
    &pp_meeting_type,        &care_application_type,
};

static bool judged_in_order(const struct rec_type *t, const void *rec)
{
    for (size_t i = 0; i < sizeof in_order / sizeof in_order[0]; i++)
        if (in_order[i] == t)
            return true;
    return t == &visit_type && !strcmp(((const struct visit *)rec)->purpose, "pf");
}

/* The checks a use case runs on `rec` (`self`: its row when it is a correction); a refusal
 * is counted, the first kept with `when`. */
static enum kerr_code judge(struct run *r, const struct rec_type *t, const void *rec, int64_t self,
                            const char *when, struct kerr *e)
{
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = KITH_OK;
    rec_check(t, rec, &(struct field_ctx){.today = r->today}, &err.fields);
    if (!err.fields.n)
        rc = cw_rec_check_across(r->s, t, rec, self, r->today, &err);
    if (rc == KITH_E_INVALID || err.fields.n) {
        if (!r->refused++)
            snprintf(r->first, sizeof r->first, "%s %s of child %lld (%s): %s: %s", t->name,
                     rec_chead(t, rec)->public_id, (long long)rec_chead(t, rec)->parent_id, when,
                     err.fields.n ? err.fields.items[0].field : "-",
                     err.fields.n ? err.fields.items[0].msg : err.e.msg);
        return KITH_OK;
    }
    if (rc)
        *e = err.e;
    return rc;
}

static enum kerr_code fake_id(struct run *r, int64_t *id)
{
    *id = ++r->next_id;
    return KITH_OK;
}

/* What the rules do not read gets an id and goes nowhere. */
#define NOT_STORED(fn, type)                                                                       \
    static enum kerr_code fn(void *ctx, struct type *x, struct kerr *e)                            \
    {                                                                                              \
        (void)e;                                                                                   \
        return fake_id(ctx, &x->id);                                                               \
    }
NOT_STORED(on_team, team)
NOT_STORED(on_worker, worker)
NOT_STORED(on_user, user)
NOT_STORED(on_allocation, allocation)
NOT_STORED(on_note, case_note)

static enum kerr_code tx(struct run *r, struct kerr *e)
{
    if (r->in_tx)
        return KITH_OK;
    r->in_tx = true;
    return store_begin(r->s, e);
}

/* Children and their relatives are stored: the rules read the child, and an application
 * to court reads who holds parental responsibility for it, and whether each was offered a
 * family group meeting. */
static enum kerr_code on_person(void *ctx, struct person *p, struct kerr *e)
{
    struct run *r = ctx;
    enum kerr_code rc = tx(r, e);
    return rc ? rc : store_person_add(r->s, p, e);
}

static enum kerr_code on_relationship(void *ctx, struct relationship *rel, struct kerr *e)
{
    struct run *r = ctx;
    enum kerr_code rc = tx(r, e);
    return rc ? rc : store_relationship_add(r->s, rel, e);
}

static void tally(struct run *r, const struct rec_type *t)
{
    size_t i = 0;
    while (i < r->ntypes && r->types[i] != t)
        i++;
    if (i == r->ntypes && r->ntypes < 64)
        r->types[r->ntypes++] = t;
    if (i < 64)
        r->by_type[i]++;
}

static enum kerr_code on_record(void *ctx, const struct rec_type *t, void *rec, struct kerr *e)
{
    struct run *r = ctx;
    if (!t->parent) /* the jobs board: not a child's */
        return fake_id(r, &rec_head(t, rec)->id);
    enum kerr_code rc = tx(r, e);
    if (!rc && judged_in_order(t, rec))
        rc = judge(r, t, rec, 0, "as written", e);
    if (!rc)
        rc = store_rec_add(r->s, t, rec, rec_head(t, rec)->created_at, e);
    if (rc)
        return rc;
    r->records++;
    tally(r, t);
    if (r->nkept == r->capkept) {
        r->capkept = r->capkept ? 2 * r->capkept : 64;
        r->kept = realloc(r->kept, r->capkept * sizeof *r->kept);
        r->kept_t = realloc(r->kept_t, r->capkept * sizeof *r->kept_t);
        assert_non_null(r->kept);
        assert_non_null(r->kept_t);
    }
    r->kept[r->nkept] = malloc(t->size);
    assert_non_null(r->kept[r->nkept]);
    memcpy(r->kept[r->nkept], rec, t->size);
    r->kept_t[r->nkept++] = t;
    return KITH_OK;
}

/* The child is whole: each of its records judged against all the others. */
static enum kerr_code on_boundary(void *ctx, enum demo_stage stage, bool done, struct kerr *e)
{
    (void)stage;
    (void)done;
    struct run *r = ctx;
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < r->nkept; i++) {
        const struct rec_type *t = r->kept_t[i];
        if (!rc)
            rc = judge(r, t, r->kept[i], rec_chead(t, r->kept[i])->id, "with the whole child", e);
        free(r->kept[i]);
    }
    r->nkept = 0;
    if (rc || !r->in_tx)
        return rc;
    r->in_tx = false;
    return store_commit(r->s, e);
}

static void borough(kdate today)
{
    struct testdb db;
    assert_int_equal(testdb_make(&db), 0);
    struct run r = {.today = today};
    struct kerr e = KERR_INIT;
    if (store_open(db.location, STORE_CREATE, &r.s, &e))
        fail_msg("store_open: %s", e.msg);
    struct demo_sink sink = {.ctx = &r,
                             .team = on_team,
                             .worker = on_worker,
                             .user = on_user,
                             .person = on_person,
                             .relationship = on_relationship,
                             .allocation = on_allocation,
                             .note = on_note,
                             .record = on_record,
                             .boundary = on_boundary};
    struct demo_params p = {.seed = 7, .scale = 0.02, .today = today};
    enum kerr_code rc = demo_run(&p, &sink, &e);
    if (rc)
        fail_msg("demo_run: %s", e.msg);
    for (size_t i = 0; i < r.ntypes; i++)
        printf("  %-28s %lld\n", r.types[i]->name, (long long)r.by_type[i]);
    if (r.refused)
        fail_msg("%lld of %lld records refused; the first: %s", (long long)r.refused,
                 (long long)(r.records + r.refused), r.first);
    free(r.kept);
    free(r.kept_t);
    store_close(r.s);
    testdb_drop(&db);
}

/* Today in the 2026/27 CIN census year (its pre-proceedings module in force) and at the
 * end of the one before. */
static void records_pass(void **state)
{
    (void)state;
    borough(date_from_ymd(2026, 12, 7));
}

static void records_pass_year_end(void **state)
{
    (void)state;
    borough(date_from_ymd(2026, 3, 31));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_pass),
        cmocka_unit_test(records_pass_year_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
