/*
 * Two records of one child merged and unmerged on a real database (SQLite here,
 * PostgreSQL in suite pg), through the use case (casework/merge.c): the merged child's
 * allocations, notes, relationships and records of every type move to the child kept, the
 * merged child is left out of lists and the duplicate check; an unmerge gives back exactly
 * what there was (every table's content hash the same as before the merge, but for the
 * audit trail and the merge's own record); a merge across scopes, of a merged child, of a
 * child with itself, without a reason, or of a restricted record into an open one is
 * refused; both children's trails have the merge.
 */
#include "../unit/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework.h"
#include "casework/dupes.h"
#include "domain/person.h"
#include "domain/rec.h"
#include "store/store.h"
#include "store/store_rec.h"
#include "store/store_sql.h"
#include "testdb.h"

#define OK(x) assert_int_equal((x), KITH_OK)

struct fx {
    struct testdb db;
    struct store *s;
    struct arena a;
    struct kerr e;
    int64_t keep, gone, other, mother, worker, worker2, user_near, user_far;
    char keep_id[PUBLIC_ID_LEN + 1], gone_id[PUBLIC_ID_LEN + 1], other_id[PUBLIC_ID_LEN + 1];
    struct store_scope near_scope, far_scope;
    struct actor op, near, far;
};

static int64_t person(struct fx *f, enum person_kind kind, const char *given, const char *la,
                      char *public_id)
{
    struct person p = person_blank_child();
    p.kind = kind;
    p.given_name = given;
    p.family_name = "Mergetest";
    p.sex = 'F';
    p.dob = kind == PERSON_CHILD ? date_from_ymd(2015, 3, 7) : DATE_NONE;
    if (la)
        snprintf(p.la_child_id, sizeof p.la_child_id, "%s", la);
    OK(store_person_add(f->s, &p, &f->e));
    if (public_id)
        memcpy(public_id, p.public_id, PUBLIC_ID_LEN + 1);
    return p.id;
}

static int64_t worker(struct fx *f, int64_t team, const char *given)
{
    struct worker w = {.team_id = team,
                       .given_name = given,
                       .family_name = "Worker",
                       .role = ROLE_SOCIAL_WORKER,
                       .fte = 1.0,
                       .start = date_from_ymd(2024, 1, 2),
                       .end = DATE_NONE};
    OK(store_worker_add(f->s, &w, &f->e));
    return w.id;
}

static void allocate(struct fx *f, int64_t child, int64_t w)
{
    struct allocation al = {.child_id = child,
                            .worker_id = w,
                            .role = ALLOC_SOCIAL_WORKER,
                            .start = date_from_ymd(2025, 1, 2),
                            .end = DATE_NONE};
    OK(store_allocation_add(f->s, &al, &f->e));
}

static void note(struct fx *f, int64_t child, const char *subject)
{
    struct case_note n = {.child_id = child,
                          .author_id = f->worker,
                          .date = date_from_ymd(2026, 1, 5),
                          .kind = "case-note",
                          .subject = subject,
                          .body = "Seen at home."};
    OK(store_note_add(f->s, &n, &f->e));
}

/* One record of every type kept for a child, on `child`. */
static void records(struct fx *f, int64_t child)
{
    for (size_t i = 0; rec_types[i]; i++) {
        const struct rec_type *t = rec_types[i];
        if (!t->parent || strcmp(t->parent, "child"))
            continue;
        void *rec = arena_zalloc(&f->a, t->size);
        struct field_errors ignored = {0};
        for (const struct field *fl = t->fields; fl->name; fl++)
            if (fl->type == FIELD_DATE)
                rec_set_text(fl, rec, NULL, &f->a, &ignored);
        rec_head(t, rec)->parent_id = child;
        OK(store_rec_add(f->s, t, rec, 1796601600, &f->e));
    }
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    if (store_open(f->db.location, STORE_CREATE, &f->s, &f->e))
        return -1;
    struct team t = {.name = "Near", .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 18};
    OK(store_team_add(f->s, &t, &f->e));
    struct team t2 = {.name = "Far", .service = SERVICE_CHILDREN_IN_CARE, .caseload_threshold = 18};
    OK(store_team_add(f->s, &t2, &f->e));
    f->worker = worker(f, t.id, "Ada");
    f->worker2 = worker(f, t2.id, "Cat");
    f->keep = person(f, PERSON_CHILD, "Amara", "MRGKEEP", f->keep_id);
    f->gone = person(f, PERSON_CHILD, "Amarah", "MRGGONE", f->gone_id);
    f->other = person(f, PERSON_CHILD, "Bilal", "MRGOTHER", f->other_id);
    f->mother = person(f, PERSON_RELATIVE, "Grace", NULL, NULL);
    allocate(f, f->keep, f->worker);
    allocate(f, f->gone, f->worker);
    allocate(f, f->other, f->worker2);
    note(f, f->keep, "Kept's note");
    note(f, f->gone, "Gone's first note");
    note(f, f->gone, "Gone's second note");
    struct relationship r = {.child_id = f->gone, .other_id = f->mother, .type = "mother"};
    OK(store_relationship_add(f->s, &r, &f->e));
    struct relationship sib = {.child_id = f->gone, .other_id = f->keep, .type = "sibling"};
    OK(store_relationship_add(f->s, &sib, &f->e)); /* stays: it would link Amara to herself */
    records(f, f->gone);
    records(f, f->keep);
    struct user u = {.username = "near",
                     .worker_id = f->worker,
                     .role = UROLE_SOCIAL_WORKER,
                     .created = DATE_NONE};
    OK(store_user_add(f->s, &u, &f->e));
    struct user v = {.username = "far",
                     .worker_id = f->worker2,
                     .role = UROLE_SOCIAL_WORKER,
                     .created = DATE_NONE};
    OK(store_user_add(f->s, &v, &f->e));
    kdate today = date_from_ymd(2026, 12, 7);
    f->near_scope = (struct store_scope){.user_id = u.id, .worker_id = f->worker, .today = today};
    f->far_scope = (struct store_scope){.user_id = v.id, .worker_id = f->worker2, .today = today};
    f->op = (struct actor){.username = "cli:test",
                           .role = "operator",
                           .request_id = "t",
                           .now = 1796601600,
                           .today = today};
    f->near = f->op;
    f->near.user_id = u.id;
    f->near.username = "near";
    f->near.scope = &f->near_scope;
    f->far = f->near;
    f->far.user_id = v.id;
    f->far.username = "far";
    f->far.scope = &f->far_scope;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->s);
    arena_release(&f->a);
    testdb_drop(&f->db);
    free(f);
    return 0;
}

/* Every table's sum but those a merge adds to by design: the trail and the merge's own. */
static struct store_table_sum *sums(struct fx *f, size_t *n)
{
    struct store_table_sum *v;
    OK(store_table_sums(f->s, &f->a, &v, n, &f->e));
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(v[i].name, "audit") && strcmp(v[i].name, "audit_key") &&
            strncmp(v[i].name, "child_merge", 11))
            v[k++] = v[i];
    *n = k;
    return v;
}

static size_t notes_of(struct fx *f, int64_t child)
{
    struct case_note *v;
    size_t n;
    OK(store_note_list(f->s, &(struct note_query){.child_id = child, .limit = 50}, &f->a, &v, &n,
                       &f->e));
    return n;
}

static void merge_then_unmerge_gives_back_the_same(void **state)
{
    struct fx *f = *state;
    size_t nbefore;
    struct store_table_sum *before = sums(f, &nbefore);
    struct cw_err err;
    cw_err_clear(&err);
    struct child_merge m;
    OK(cw_child_merge(f->s, &f->near, f->keep_id, f->gone_id,
                      "Same child: one record was made "
                      "at the front door",
                      &f->a, &m, &err));
    assert_true(m.moved > 4);
    assert_int_equal(notes_of(f, f->keep), 3);
    assert_int_equal(notes_of(f, f->gone), 0);
    struct relationship *rel;
    size_t nrel;
    OK(store_relationship_list(f->s, f->keep, &f->a, &rel, &nrel, &f->e));
    bool mother = false;
    for (size_t i = 0; i < nrel; i++)
        mother |= rel[i].other_id == f->mother;
    assert_true(mother);
    /* the merged child is kept, marked, and out of lists and the duplicate check */
    struct person g;
    OK(store_person_get(f->s, f->gone, &f->a, &g, &f->e));
    assert_int_equal(g.merged_into, f->keep);
    struct person *kids;
    size_t nk;
    OK(store_person_list(f->s, &(struct person_query){.kind = PERSON_CHILD, .text = "Amara"}, &f->a,
                         &kids, &nk, &f->e));
    assert_int_equal(nk, 1);
    assert_int_equal(kids[0].id, f->keep);
    struct cw_dup *d;
    size_t nd;
    struct person k;
    OK(store_person_get(f->s, f->keep, &f->a, &k, &f->e));
    OK(cw_child_duplicates_of(f->s, &f->op, &k, &f->a, &d, &nd, &err));
    for (size_t i = 0; i < nd; i++)
        assert_true(d[i].child.id != f->gone);
    /* both trails have it */
    struct audit_event *rows;
    size_t nrows;
    int64_t ids[] = {f->keep, f->gone};
    for (size_t c = 0; c < 2; c++) {
        OK(store_audit_list(f->s, &(struct audit_query){.child_id = ids[c], .limit = 20}, &f->a,
                            &rows, &nrows, &f->e));
        bool merged = false;
        for (size_t i = 0; i < nrows; i++)
            merged |= !strcmp(rows[i].action, "merge") && !strcmp(rows[i].outcome, "ok");
        assert_true(merged);
    }
    /* a merged child is merged once; unmerged, everything is where it was */
    cw_err_clear(&err);
    assert_int_equal(cw_child_merge(f->s, &f->op, f->other_id, f->gone_id, "again", &f->a,
                                    &(struct child_merge){0}, &err),
                     KITH_E_CONFLICT);
    assert_string_equal(err.e.field, "gone");
    cw_err_clear(&err);
    struct child_merge u;
    OK(cw_child_unmerge(f->s, &f->near, f->gone_id, "Twins after all", &f->a, &u, &err));
    assert_int_equal(u.moved, m.moved);
    size_t nafter;
    struct store_table_sum *after = sums(f, &nafter);
    assert_int_equal(nafter, nbefore);
    for (size_t i = 0; i < nbefore; i++) {
        assert_string_equal(after[i].name, before[i].name);
        if (after[i].rows != before[i].rows || strcmp(after[i].hash, before[i].hash))
            fail_msg("table %s differs after the unmerge: %lld rows, was %lld", before[i].name,
                     (long long)after[i].rows, (long long)before[i].rows);
    }
    cw_err_clear(&err);
    assert_int_equal(cw_child_unmerge(f->s, &f->op, f->gone_id, "twice", &f->a, &u, &err),
                     KITH_E_CONFLICT);
}

static void refusals(void **state)
{
    struct fx *f = *state;
    struct child_merge m;
    struct cw_err err;
    size_t nbefore;
    struct store_table_sum *before = sums(f, &nbefore);
    static const struct {
        int who;        /* 0 the operator, 1 near, 2 far */
        int keep, gone; /* 0 keep, 1 gone, 2 other */
        const char *reason;
        enum kerr_code rc;
        const char *field;
    } cases[] = {
        {1, 0, 2, "x", KITH_E_NOT_FOUND, "gone"}, /* Bilal is out of near's scope */
        {2, 0, 2, "x", KITH_E_NOT_FOUND, "keep"}, /* and Amara out of far's */
        {0, 0, 0, "x", KITH_E_INVALID, "gone"},   /* a child with itself */
        {0, 0, 1, "", KITH_E_INVALID, "reason"},  /* no reason */
        {0, 0, 1, "  ", KITH_E_INVALID, "reason"},
    };
    const char *ids[] = {f->keep_id, f->gone_id, f->other_id};
    const struct actor *who[] = {&f->op, &f->near, &f->far};
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        cw_err_clear(&err);
        enum kerr_code rc = cw_child_merge(f->s, who[cases[i].who], ids[cases[i].keep],
                                           ids[cases[i].gone], cases[i].reason, &f->a, &m, &err);
        if (rc != cases[i].rc || strcmp(err.e.field, cases[i].field))
            fail_msg("case %zu: %d on '%s' (%s)", i, (int)rc, err.e.field, err.e.msg);
    }
    /* a restricted record into an open one would show it to people it is kept from */
    struct restriction r = {.child_id = f->gone,
                            .reason = "staff-child",
                            .authoriser = "Head of service",
                            .review = date_from_ymd(2027, 1, 1),
                            .created = DATE_NONE,
                            .allow = &f->near_scope.user_id,
                            .nallow = 1};
    OK(store_restriction_set(f->s, &r, &f->e));
    before = sums(f, &nbefore);
    cw_err_clear(&err);
    assert_int_equal(cw_child_merge(f->s, &f->op, f->keep_id, f->gone_id, "x", &f->a, &m, &err),
                     KITH_E_FORBIDDEN);
    size_t nafter;
    struct store_table_sum *after = sums(f, &nafter); /* nothing half-written */
    for (size_t i = 0; i < nbefore; i++)
        assert_string_equal(after[i].hash, before[i].hash);
}

/* Column `col` of each row, a line each. */
struct lines {
    int col;
    char text[2048];
};

static enum kerr_code add_line(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    struct lines *l = ctx;
    size_t at = strlen(l->text);
    snprintf(l->text + at, sizeof l->text - at, "%s\n", v[l->col] ? v[l->col] : "");
    return KITH_OK;
}

/* The child's page looks up the child's merges, kept or gone, on every view: both
 * columns are indexed (migrations 0023 and 0028), and on SQLite the lookup reads the
 * indexes, not the whole table. */
static void merges_looked_up_by_index(void **state)
{
    struct fx *f = *state;
    bool pg = !strcmp(store_backend(f->s), "postgresql");
    static struct store_sql pg_q = {
        .sql = "SELECT indexdef FROM pg_indexes WHERE tablename = 'child_merge'"};
    static struct store_sql lite_q = {.sql = "SELECT sql FROM sqlite_master WHERE type = 'index' "
                                             "AND tbl_name = 'child_merge' AND sql IS NOT NULL"};
    struct lines l = {0, ""};
    OK(store_run_text(f->s, pg ? &pg_q : &lite_q, NULL, 0, add_line, &l, NULL, &f->e));
    if (!strstr(l.text, "(keep_id)") || !strstr(l.text, "(gone_id)"))
        fail_msg("child_merge is not indexed on keep_id and gone_id; it has:\n%s", l.text);
    if (pg)
        return;
    static struct store_sql plan = {
        .sql = "EXPLAIN QUERY PLAN SELECT id FROM child_merge "
               "WHERE (keep_id = 1 OR gone_id = 1) AND unmerged_at IS NULL"};
    struct lines d = {3, ""}; /* EXPLAIN QUERY PLAN's detail */
    OK(store_run_text(f->s, &plan, NULL, 0, add_line, &d, NULL, &f->e));
    if (!strstr(d.text, "child_merge_keep") || strstr(d.text, "SCAN child_merge"))
        fail_msg("the lookup of a child's merges does not use the keep_id index:\n%s", d.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(merge_then_unmerge_gives_back_the_same, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(merges_looked_up_by_index, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
