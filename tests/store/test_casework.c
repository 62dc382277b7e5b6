/*
 * The use-case layer on a real record type (the contact) and real databases, SQLite here
 * and PostgreSQL in suite pg: every record type kith serves has the table its description
 * says; an action checks scope (a child someone may not see reads as not there, and the
 * refusal is audited), checks every value and reports each beside its field, writes the
 * record and its audit row together, asks a correction for its reason, and tells the
 * second of two people correcting the same record what happened, with the version that
 * won. Stepping up from family help to a referral and down from a CIN episode to family
 * help writes both records, linked both ways, or neither.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework.h"
#include "casework/step.h"
#include "casework/work.h"
#include "casework/workforce.h"
#include "casework/agency.h"
#include "domain/agency.h"
#include "domain/contact.h"
#include "domain/proceedings.h"
#include "domain/risk.h"
#include "../unit/rec_fill.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "store/store_impl.h"
#include "store/store_sql.h"
#include "store/store_rec.h"
#include "store/store_setting.h"
#include "testdb.h"

#define OK(x) assert_int_equal((x), KITH_OK)

struct fx {
    struct testdb db;
    struct store *s;
    struct arena a;
    struct kerr e;
    int64_t child;
    struct store_scope everyone, nobody;
    struct actor iro, stranger, operator;
};

static int64_t add_user(struct fx *f, const char *name)
{
    struct user u = {.username = name, .role = UROLE_SOCIAL_WORKER, .created = day("2026-01-01")};
    OK(store_user_add(f->s, &u, &f->e));
    return u.id;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    if (store_open(f->db.location, STORE_CREATE, &f->s, &f->e)) {
        fprintf(stderr, "setup: %s\n", f->e.msg);
        return -1;
    }
    struct person p = {.kind = PERSON_CHILD,
                       .given_name = "Ada",
                       .family_name = "Lovelace",
                       .dob = day("2015-12-10"),
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'F',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    OK(store_person_add(f->s, &p, &f->e));
    f->child = p.id;
    int64_t iro = add_user(f, "iro"), stranger = add_user(f, "stranger");
    kdate today = day("2026-12-07");
    f->everyone = (struct store_scope){.user_id = iro, .service_wide = true, .today = today};
    f->nobody = (struct store_scope){.user_id = stranger, .today = today};
    f->iro = (struct actor){.user_id = iro,
                            .username = "iro",
                            .role = "cp-chair-iro",
                            .scope = &f->everyone,
                            .request_id = "r1",
                            .now = 1796601600,
                            .today = today};
    f->stranger = f->iro;
    f->stranger.user_id = stranger;
    f->stranger.username = "stranger";
    f->stranger.scope = &f->nobody;
    f->operator= f->iro;
    f->operator.user_id = 0;
    f->operator.scope = NULL;
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

struct index_defs {
    char text[4096];
};

static enum kerr_code index_def(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)len;
    (void)e;
    struct index_defs *d = ctx;
    size_t at = strlen(d->text);
    snprintf(d->text + at, sizeof d->text - at, "%s\n", v[0] ? v[0] : "");
    return KITH_OK;
}

/* Every type kept under a parent has an index holding the parent's records in the order
 * lists ask for them (store_rec.c order_by, store_rec_ddl, migration 0025): without it,
 * every list of one child's records is sorted in a temporary b-tree, once per type per
 * page view of the child. */
static void types_have_ordered_parent_index(void **state)
{
    struct fx *f = *state;
    bool pg = !strcmp(store_backend(f->s), "postgresql");
    static struct store_sql pg_q = {.sql = "SELECT indexdef FROM pg_indexes WHERE tablename = ?1"};
    static struct store_sql lite_q = {.sql = "SELECT sql FROM sqlite_master WHERE type = 'index' "
                                             "AND tbl_name = ?1 AND sql IS NOT NULL"};
    for (size_t i = 0; rec_types[i]; i++) {
        const struct rec_type *t = rec_types[i];
        if (!t->parent || !t->order)
            continue;
        struct index_defs d = {{0}};
        const char *p[1] = {t->table};
        OK(store_run_text(f->s, pg ? &pg_q : &lite_q, p, 1, index_def, &d, NULL, &f->e));
        char want[256];
        snprintf(want, sizeof want, "(parent_id, %s DESC%s, id DESC)", t->order,
                 pg ? " NULLS LAST" : "");
        if (!strstr(d.text, want))
            fail_msg("%s: no index %s on %s; it has:\n%s", t->name, want, t->table, d.text);
    }
}

/* Every type kith serves is one the platform can serve, and its table (from the
 * migrations) has exactly the columns its description names. */
static void types_match_tables(void **state)
{
    struct fx *f = *state;
    static const char *const head[] = {"id",         "public_id",  "parent_id",
                                       "version",    "created_at", "created_by",
                                       "updated_at", "updated_by", "reason"};
    assert_non_null(rec_types[0]);
    for (size_t i = 0; rec_types[i]; i++) {
        const struct rec_type *t = rec_types[i];
        OK(rec_type_check(t, &f->e));
        assert_ptr_equal(rec_type_named(t->name), t);
        struct store_column *cols;
        size_t n;
        OK(store_table_columns(f->s, t->table, &f->a, &cols, &n, &f->e));
        size_t want = N_ELEMS(head) + rec_nfields(t);
        if (n != want)
            fail_msg("%s: the table has %zu columns, the description %zu", t->name, n, want);
        for (size_t c = 0; c < n; c++) {
            const char *expect = c < N_ELEMS(head) ? head[c] : t->fields[c - N_ELEMS(head)].name;
            bool found = false;
            for (size_t k = 0; k < n; k++)
                found |= !strcmp(cols[k].name, expect);
            if (!found)
                fail_msg("%s: no column '%s' in table %s", t->name, expect, t->table);
        }
    }
    assert_null(rec_type_named("nothing"));
}

static struct contact a_contact(int64_t child)
{
    struct contact c = {.h = {.parent_id = child},
                        .contact_date = day("2026-12-04"),
                        .source = "1A",
                        .contact_by = "Ms Khan, DSL, Hillside Primary",
                        .summary =
                            "Ada came to school with a bruise.\n\nShe said her uncle did it.",
                        .decided_on = DATE_NONE};
    return c;
}

static size_t audit_rows(struct fx *f, const char *action, const char *outcome)
{
    struct audit_event *rows;
    size_t n, hits = 0;
    OK(store_audit_list(f->s, &(struct audit_query){.limit = 1000}, &f->a, &rows, &n, &f->e));
    for (size_t i = 0; i < n; i++)
        hits += !strcmp(rows[i].action, action) && !strcmp(rows[i].outcome, outcome);
    return hits;
}

static void add_view_list(void **state)
{
    struct fx *f = *state;
    struct cw_err err;
    cw_err_clear(&err);
    struct contact c = a_contact(f->child);
    OK(cw_rec_add(f->s, &f->iro, &contact_type, &c, &err));
    assert_int_equal(c.h.created_by, f->iro.user_id);
    assert_int_equal(audit_rows(f, "contact.add", "ok"), 1);

    struct contact got;
    OK(cw_rec_view(f->s, &f->iro, &contact_type, c.h.public_id, &f->a, &got, &err));
    assert_string_equal(got.summary, c.summary);
    assert_string_equal(got.source, "1A");
    assert_int_equal(audit_rows(f, "contact.view", "ok"), 1);

    void *rows;
    size_t n;
    int64_t total;
    OK(cw_rec_list(f->s, &f->iro, &contact_type, f->child, 0, 0, &f->a, &rows, &n, &total, &err));
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);

    /* someone who may not see the child: as if nothing were there, and audited */
    cw_err_clear(&err);
    assert_int_equal(
        cw_rec_view(f->s, &f->stranger, &contact_type, c.h.public_id, &f->a, &got, &err),
        KITH_E_NOT_FOUND);
    assert_int_equal(cw_rec_list(f->s, &f->stranger, &contact_type, f->child, 0, 0, &f->a, &rows,
                                 &n, &total, &err),
                     KITH_E_NOT_FOUND);
    struct contact sneaky = a_contact(f->child);
    assert_int_equal(cw_rec_add(f->s, &f->stranger, &contact_type, &sneaky, &err),
                     KITH_E_NOT_FOUND);
    assert_int_equal(audit_rows(f, "contact.view", "denied"), 1);
    assert_int_equal(audit_rows(f, "contact.list", "denied"), 1);
    assert_int_equal(audit_rows(f, "contact.add", "denied"), 1);
    OK(store_rec_list(f->s, &contact_type, &(struct rec_query){0}, &f->a, &rows, &n, &total,
                      &f->e));
    assert_int_equal(total, 1);

    /* the operator's own tools are unscoped */
    struct contact op = a_contact(f->child);
    OK(cw_rec_add(f->s, &f->operator, & contact_type, &op, &err));
}

/* A worker in a team, for the actions that name one; returns the worker's id. */
static int64_t add_worker(struct fx *f, struct worker *w)
{
    struct team t = {
        .name = "Assessment 1", .service = SERVICE_ASSESSMENT, .caseload_threshold = 18};
    OK(store_team_add(f->s, &t, &f->e));
    *w = (struct worker){.team_id = t.id,
                         .given_name = "Ruth",
                         .family_name = "Okafor",
                         .registration = "SW12345",
                         .role = ROLE_SOCIAL_WORKER,
                         .fte = 1,
                         .start = day("2020-01-01"),
                         .end = DATE_NONE};
    OK(store_worker_add(f->s, w, &f->e));
    return w->id;
}

static size_t notes_of(struct fx *f)
{
    struct case_note *notes;
    size_t n;
    OK(store_note_list(f->s, &(struct note_query){.child_id = f->child}, &f->a, &notes, &n, &f->e));
    return n;
}

/* A case note's rules are the use case's, once, whichever way it comes in: scope, an
 * author who is a worker, every value at once beside its field, the note and its audit
 * row together. */
static void notes_one_set_of_rules(void **state)
{
    struct fx *f = *state;
    struct worker w;
    int64_t worker = add_worker(f, &w);
    struct cw_err err;
    cw_err_clear(&err);
    struct case_note n = {.child_id = f->child,
                          .date = day("2026-12-07"),
                          .kind = "home-visit",
                          .subject = "Visit after school",
                          .body = "Seen alone.\n\tTalked about school."};
    /* an account that is no worker's writes no notes */
    assert_int_equal(cw_note_add(f->s, &f->iro, &n, &err), KITH_E_FORBIDDEN);
    /* a child the account may not see is not there, and the attempt is audited */
    struct actor stranger = f->stranger;
    stranger.worker_id = worker;
    cw_err_clear(&err);
    assert_int_equal(cw_note_add(f->s, &stranger, &n, &err), KITH_E_NOT_FOUND);
    assert_int_equal(audit_rows(f, "note-add", "denied"), 1);
    /* every problem at once, each naming its field, nothing stored */
    struct actor iro = f->iro;
    iro.worker_id = worker;
    struct case_note bad = {.child_id = f->child,
                            .date = day("2026-12-08"),
                            .kind = "gossip",
                            .subject = "a\033[2Jb",
                            .body = NULL};
    cw_err_clear(&err);
    assert_int_equal(cw_note_add(f->s, &iro, &bad, &err), KITH_E_INVALID);
    assert_int_equal(err.fields.n, 4);
    assert_non_null(strstr(field_error_for(&err.fields, "date")->msg, "is in the future"));
    assert_non_null(strstr(field_error_for(&err.fields, "kind")->msg, "is not a code we know"));
    assert_non_null(
        strstr(field_error_for(&err.fields, "subject")->msg, "control character (U+001B)"));
    assert_non_null(strstr(field_error_for(&err.fields, "body")->msg, "is missing"));
    assert_non_null(strstr(err.e.msg, "the note has 4 problems"));
    assert_int_equal(notes_of(f), 0);
    assert_int_equal(audit_rows(f, "note-add", "ok"), 0);
    /* the note and its audit row */
    cw_err_clear(&err);
    OK(cw_note_add(f->s, &iro, &n, &err));
    assert_int_equal(n.author_id, worker);
    assert_int_equal(strlen(n.public_id), PUBLIC_ID_LEN);
    assert_int_equal(notes_of(f), 1);
    assert_int_equal(audit_rows(f, "note-add", "ok"), 1);
    /* the operator names the author */
    struct case_note op = n;
    op.public_id[0] = '\0';
    op.author_id = worker;
    cw_err_clear(&err);
    OK(cw_note_add(f->s, &f->operator, & op, &err));
    assert_int_equal(notes_of(f), 2);
}

/* Every problem at once, each naming its field; nothing stored. */
static void every_problem_beside_its_field(void **state)
{
    struct fx *f = *state;
    struct cw_err err;
    cw_err_clear(&err);
    struct contact c = a_contact(f->child);
    c.contact_date = day("2026-12-08"); /* tomorrow */
    snprintf(c.source, sizeof c.source, "ZZ");
    snprintf(c.contact_time, sizeof c.contact_time, "25:00");
    c.summary = NULL;
    assert_int_equal(cw_rec_add(f->s, &f->iro, &contact_type, &c, &err), KITH_E_INVALID);
    assert_non_null(field_error_for(&err.fields, "contact_date"));
    assert_non_null(field_error_for(&err.fields, "source"));
    assert_non_null(field_error_for(&err.fields, "summary"));
    assert_non_null(strstr(err.e.msg, "problems"));
    /* the type's own rules run once the fields are right */
    cw_err_clear(&err);
    c = a_contact(f->child);
    snprintf(c.contact_time, sizeof c.contact_time, "25:00");
    snprintf(c.outcome, sizeof c.outcome, "referral");
    assert_int_equal(cw_rec_add(f->s, &f->iro, &contact_type, &c, &err), KITH_E_INVALID);
    assert_non_null(field_error_for(&err.fields, "contact_time"));
    assert_non_null(field_error_for(&err.fields, "decided_on"));
    c.decided_on = day("2026-12-03");
    snprintf(c.contact_time, sizeof c.contact_time, "09:30");
    cw_err_clear(&err);
    assert_int_equal(cw_rec_add(f->s, &f->iro, &contact_type, &c, &err), KITH_E_INVALID);
    assert_non_null(strstr(field_error_for(&err.fields, "decided_on")->msg, "before the contact"));

    void *rows;
    size_t n;
    int64_t total;
    OK(store_rec_list(f->s, &contact_type, &(struct rec_query){0}, &f->a, &rows, &n, &total,
                      &f->e));
    assert_int_equal(total, 0);
    assert_int_equal(audit_rows(f, "contact.add", "ok"), 0);
}

static void corrections(void **state)
{
    struct fx *f = *state;
    struct cw_err err;
    cw_err_clear(&err);
    struct contact c = a_contact(f->child);
    OK(cw_rec_add(f->s, &f->iro, &contact_type, &c, &err));

    /* a correction without its reason is refused */
    struct contact fix = c;
    snprintf(fix.outcome, sizeof fix.outcome, "referral");
    fix.decided_on = day("2026-12-05");
    assert_int_equal(cw_rec_correct(f->s, &f->iro, &contact_type, &fix, &f->a, &err),
                     KITH_E_INVALID);
    assert_string_equal(err.e.field, "reason");
    assert_non_null(field_error_for(&err.fields, "reason"));

    /* two people correct version 1: the second is told, and shown the version that won */
    struct contact anna = fix, ben = c;
    anna.h.reason = "decision recorded";
    ben.contact_by = "Mrs Khan, DSL";
    ben.h.reason = "name";
    cw_err_clear(&err);
    OK(cw_rec_correct(f->s, &f->iro, &contact_type, &anna, &f->a, &err));
    assert_int_equal(anna.h.version, 2);
    cw_err_clear(&err);
    assert_int_equal(cw_rec_correct(f->s, &f->iro, &contact_type, &ben, &f->a, &err),
                     KITH_E_CONFLICT);
    assert_non_null(err.current);
    const struct contact *won = err.current;
    assert_int_equal(won->h.version, 2);
    assert_string_equal(won->outcome, "referral");
    assert_int_equal(audit_rows(f, "contact.correct", "ok"), 1);

    /* a correction cannot move a record to another child */
    struct contact move = anna;
    move.h.parent_id = 424242;
    move.h.reason = "moving it";
    cw_err_clear(&err);
    OK(cw_rec_correct(f->s, &f->iro, &contact_type, &move, &f->a, &err));
    struct contact got;
    OK(store_rec_get(f->s, &contact_type, c.h.id, &f->a, &got, &f->e));
    assert_int_equal(got.h.parent_id, f->child);
    assert_int_equal(got.h.version, 3);

    /* a stranger can neither correct nor read the history */
    struct contact theirs = got;
    theirs.h.reason = "x";
    cw_err_clear(&err);
    assert_int_equal(cw_rec_correct(f->s, &f->stranger, &contact_type, &theirs, &f->a, &err),
                     KITH_E_NOT_FOUND);
    void *rows;
    size_t n;
    assert_int_equal(
        cw_rec_history(f->s, &f->stranger, &contact_type, c.h.public_id, &f->a, &rows, &n, &err),
        KITH_E_NOT_FOUND);
    OK(cw_rec_history(f->s, &f->iro, &contact_type, c.h.public_id, &f->a, &rows, &n, &err));
    assert_int_equal(n, 3);
    assert_string_equal(((const struct contact *)rows)[0].outcome, "");
    assert_string_equal(((const struct contact *)rows)[1].h.reason, "decision recorded");
}

/* Work derived from the stored records (casework/work.h): whose job each obligation is
 * (the allocated worker; nobody's when the child has none), filtered by worker and team,
 * scoped like every read (a stranger sees nothing, a service-wide role everything), moved
 * by a correction, and read in one pass for hundreds of records across children (records
 * are grouped by child whatever order they were written in). */
/* The parts cw_work_each hands on: how many, their items, those owned. */
struct parts {
    size_t parts, items, owned;
};

static enum kerr_code count_part(void *ctx, const struct work *w)
{
    struct parts *p = ctx;
    p->parts++;
    p->items += w->n;
    for (size_t i = 0; i < w->n; i++) {
        p->owned += w->items[i].owner != NULL;
        /* a part's records are there while it is handed on */
        assert_int_equal(rec_chead(w->items[i].type, w->items[i].ob.rec)->parent_id,
                         w->items[i].child->child_id);
    }
    return KITH_OK;
}

static void work_derived(void **state)
{
    struct fx *f = *state;
    struct team t = {.name = "Front Door", .service = SERVICE_FRONT_DOOR, .caseload_threshold = 20};
    OK(store_team_add(f->s, &t, &f->e));
    struct worker sw = {.team_id = t.id,
                        .given_name = "Sam",
                        .family_name = "Ward",
                        .registration = "SW100001",
                        .role = ROLE_SOCIAL_WORKER,
                        .fte = 1,
                        .start = day("2020-01-01"),
                        .end = DATE_NONE};
    struct worker tm = sw;
    tm.given_name = "Tia";
    snprintf(tm.registration, sizeof tm.registration, "SW100002");
    tm.role = ROLE_TEAM_MANAGER;
    OK(store_worker_add(f->s, &sw, &f->e));
    OK(store_worker_add(f->s, &tm, &f->e));
    struct allocation al = {.child_id = f->child,
                            .worker_id = sw.id,
                            .role = ALLOC_SOCIAL_WORKER,
                            .start = day("2026-11-01"),
                            .end = DATE_NONE};
    OK(store_allocation_add(f->s, &al, &f->e));
    struct person other = {.kind = PERSON_CHILD,
                           .given_name = "Bo",
                           .family_name = "Other",
                           .dob = day("2016-01-01"),
                           .expected_dob = DATE_NONE,
                           .death = DATE_NONE,
                           .sex = 'M',
                           .uasc_ceased = DATE_NONE,
                           .created = DATE_NONE};
    OK(store_person_add(f->s, &other, &f->e));
    struct cw_err err;
    cw_err_clear(&err);
    /* 300 contacts, the two children's interleaved: more than one read's first room */
    struct contact mine = a_contact(f->child);
    for (int i = 0; i < 300; i++) {
        struct contact c = a_contact(i % 2 ? other.id : f->child);
        c.contact_date = day("2026-11-02") + i % 30;
        OK(cw_rec_add(f->s, &f->operator, & contact_type, &c, &err));
        if (i == 0)
            mine = c;
    }
    struct work w;
    struct work_query all = {.status = -1, .on = day("2026-12-07")};
    OK(cw_work(f->s, &f->operator, & all, &f->a, &w, &err));
    assert_int_equal(w.n, 300);
    size_t owned = 0;
    for (size_t i = 0; i < w.n; i++) {
        const struct work_item *it = &w.items[i];
        assert_int_equal(it->ob.child_id, it->child->child_id);
        assert_int_equal(rec_chead(&contact_type, it->ob.rec)->parent_id, it->child->child_id);
        if (it->child->child_id == f->child) {
            assert_non_null(it->owner);
            assert_int_equal(it->owner->id, sw.id);
            owned++;
        } else {
            assert_null(it->owner);
        }
        assert_int_equal(it->ob.status, OB_OVERDUE);
        if (i)
            assert_true(w.items[i - 1].ob.due <= it->ob.due);
    }
    assert_int_equal(owned, 150);
    struct work_query q = all;
    q.worker_id = sw.id;
    OK(cw_work(f->s, &f->operator, & q, &f->a, &w, &err));
    assert_int_equal(w.n, 150);
    q.worker_id = tm.id; /* a contact's decision is the worker's, not the manager's */
    OK(cw_work(f->s, &f->operator, & q, &f->a, &w, &err));
    assert_int_equal(w.n, 0);
    q = all;
    q.team_id = t.id;
    OK(cw_work(f->s, &f->operator, & q, &f->a, &w, &err));
    assert_int_equal(w.n, 150);
    OK(cw_work(f->s, &f->stranger, &all, &f->a, &w, &err));
    assert_int_equal(w.n, 0);
    OK(cw_work(f->s, &f->iro, &all, &f->a, &w, &err));
    assert_int_equal(w.n, 300);
    /* the borough a slice of children at a time: the same obligations, each part's own */
    static const size_t slices[] = {1, 2, 4000};
    for (size_t i = 0; i < N_ELEMS(slices); i++) {
        struct parts p = {0};
        OK(cw_work_each(f->s, &f->iro, &all, slices[i], &f->a, count_part, &p, &err));
        assert_int_equal(p.items, 300);
        assert_int_equal(p.parts, slices[i] == 1 ? 2 : 1);
        assert_int_equal(p.owned, 150);
    }

    /* a decision recorded by a correction: done */
    snprintf(mine.outcome, sizeof mine.outcome, "nfa");
    mine.decided_on = mine.contact_date;
    mine.h.reason = "decided";
    OK(cw_rec_correct(f->s, &f->operator, & contact_type, &mine, &f->a, &err));
    q = all;
    q.status = OB_DONE;
    OK(cw_work(f->s, &f->operator, & q, &f->a, &w, &err));
    assert_int_equal(w.n, 1);
    assert_string_equal(rec_chead(&contact_type, w.items[0].ob.rec)->public_id, mine.h.public_id);
    assert_true(audit_rows(f, "work.list", "ok") >= 6);
}

/* The help-and-protection journey, one step at a time on one child (born 2015-12-10):
 * each step adds a record (or corrects the record an earlier step added) through the
 * use-case layer and is accepted, or refused on the field named with the words given,
 * by the rules across the child's records (casework/help_protection.c). */
struct journey_step {
    int fix; /* 0: add; else correct the record step `fix` (1-based) added */
    const char *type;
    const char *values[8];
    const char *field; /* refused on this field; NULL: accepted */
    const char *says;
};

#define SD                                                                                         \
    "agencies=social-care,police", "outcome=s47",                                                  \
        "attendees=A Okafor, social worker, social-care\nDC Brown, detective, police"
#define CAT "initial_category=NEG", "latest_category=NEG"
static const struct journey_step journey[] = {
    /* 1 */ {0, "assessment", {"start_date=2026-11-03"}, "start_date", "has no referral before"},
    /* 2 */
    {0, "referral", {"referral_date=2026-11-02", "source=2A", "primary_need=N1"}, NULL, NULL},
    /* 3 */
    {0, "assessment", {"start_date=2026-11-01"}, "start_date", "before the child's referral"},
    /* 4: 40 weeks before birth (8606), the day before and the day itself */
    {0,
     "referral",
     {"referral_date=2015-03-04", "source=1A", "nfa=yes"},
     "referral_date",
     "more than 40 weeks before the child's birth"},
    /* 5 */ {0, "referral", {"referral_date=2015-03-05", "source=1A", "nfa=yes"}, NULL, NULL},
    /* 6 */
    {0,
     "referral",
     {"referral_date=2026-11-10", "source=6", "primary_need=N4"},
     "referral_date",
     "CIN rule 8816"},
    /* 7: a visit in the NFA episode, the child seen before birth */
    {0,
     "visit",
     {"visit_date=2015-06-01", "purpose=other", "place=home", "child_seen=yes", "by_whom=A Worker"},
     "visit_date",
     "is before the child was born"},
    /* 8 */
    {0,
     "visit",
     {"visit_date=2015-06-01", "purpose=other", "place=home", "by_whom=A Worker"},
     "visit_date",
     "no further action"},
    /* 9 */ {0, "assessment", {"start_date=2026-11-02", "child_seen_date=2026-11-02"}, NULL, NULL},
    /* 10 */
    {0, "s47_enquiry", {"start_date=2026-11-05"}, "start_date", "before its strategy discussion"},
    /* 11 */ {0, "strategy_discussion", {"discussion_date=2026-11-05", SD}, NULL, NULL},
    /* 12 */
    {0, "s47_enquiry", {"start_date=2026-11-04"}, "start_date", "before its strategy discussion"},
    /* 13 */ {0, "s47_enquiry", {"start_date=2026-11-05"}, NULL, NULL},
    /* 14 */
    {0,
     "conference",
     {"kind=initial", "conference_date=2026-11-04", "outcome=plan", "category=NEG"},
     "conference_date",
     "is before its enquiry"},
    /* 15 */
    {0,
     "cp_plan",
     {"start_date=2026-11-20", CAT},
     "start_date",
     "is not the day of an initial conference"},
    /* 16 */
    {0,
     "conference",
     {"kind=initial", "conference_date=2026-11-20", "outcome=plan", "category=NEG"},
     NULL,
     NULL},
    /* 17 */
    {0,
     "core_group",
     {"meeting_date=2026-11-19"},
     "meeting_date",
     "not during a child protection plan"},
    /* 18 */ {0, "cp_plan", {"start_date=2026-11-20", CAT}, NULL, NULL},
    /* 19 */
    {0, "cp_plan", {"start_date=2026-11-20", CAT}, "start_date", "CIN rule 8940"},
    /* 20 */ {0, "core_group", {"meeting_date=2026-11-27"}, NULL, NULL},
    /* 21 */
    {0,
     "visit",
     {"visit_date=2026-11-19", "purpose=cp-plan", "place=home", "child_seen=yes",
      "by_whom=A Worker"},
     "visit_date",
     "not during a child protection plan"},
    /* 22 */
    {0,
     "visit",
     {"visit_date=2026-11-20", "purpose=cp-plan", "place=home", "child_seen=yes", "seen_alone=yes",
      "by_whom=A Worker"},
     NULL,
     NULL},
    /* 23 */
    {0,
     "conference",
     {"kind=review", "conference_date=2026-11-20", "outcome=continue", "category=NEG"},
     "conference_date",
     "is the day the plan started"},
    /* 24 */
    {0,
     "conference",
     {"kind=review", "conference_date=2026-12-04", "outcome=continue", "category=PHY"},
     NULL,
     NULL},
    /* 25 */ {0, "cin_plan", {"start_date=2026-11-03", "end_date=2026-11-19"}, NULL, NULL},
    /* 26 */
    {0, "cin_plan", {"start_date=2026-11-19"}, "start_date", "CIN rule 4014"},
    /* 27: a CIN plan beside the CP plan: the census's rule, run as it is saved */
    {0, "cin_plan", {"start_date=2026-11-20"}, "start_date", "CIN rule 4016"},
    /* 28: correcting a plan is not an overlap with itself; the plan ends */
    {18, "cp_plan", {"start_date=2026-11-20", CAT, "end_date=2026-12-05"}, NULL, NULL},
    /* 29 */
    {0,
     "visit",
     {"visit_date=2026-12-06", "purpose=cp-plan", "place=home", "by_whom=A Worker"},
     "visit_date",
     "not during a child protection plan"},
    /* 30: the assessment is authorised: an episode closes with none open (CIN rule 8867) */
    {9,
     "assessment",
     {"start_date=2026-11-02", "child_seen_date=2026-11-02", "completed_date=2026-11-30",
      "factors=16A", "authorised_date=2026-12-01", "authorised_by=T Manager"},
     NULL,
     NULL},
    /* 31: the episode closes; nothing after it */
    {2,
     "referral",
     {"referral_date=2026-11-02", "source=2A", "primary_need=N1", "closure_date=2026-12-06",
      "closure_reason=RC7"},
     NULL,
     NULL},
    /* 32 */
    {0, "assessment", {"start_date=2026-12-07"}, "start_date", "after the CIN episode closed"},
    /* 33: on the day it closed, and complete (an open one would be CIN rule 8867) */
    {0,
     "assessment",
     {"start_date=2026-12-06", "completed_date=2026-12-06", "factors=21",
      "authorised_date=2026-12-06", "authorised_by=T Manager"},
     NULL,
     NULL},
    /* 34: a query is a warning: the plan is saved, and the person told */
    {0, "cin_plan", {"start_date=2026-12-06", "end_date=2026-12-06"}, NULL, NULL},
};

/* Steps accepted with a CIN census query among their warnings (the rest have none). */
static const struct {
    size_t step; /* 1-based */
    const char *warns;
} journey_warnings[] = {
    {34, "CIN rule 4012Q: Check the CIN plan: it starts and ends on the same day."},
};

/* Run `steps` on the fixture's child; then nothing refused was stored. */
static void run_journey(struct fx *f, const struct journey_step *steps, size_t nsteps)
{
    void **added = arena_zalloc(&f->a, nsteps * sizeof(void *));
    size_t stored[64] = {0}; /* records accepted, by index in rec_types */
    /* an assessment's authorisation is a team manager's (records.c's sign-offs), so they
     * record the assessments; the chair records the rest */
    struct actor manager = f->iro;
    manager.role = "team-manager";
    for (size_t i = 0; i < nsteps; i++) {
        const struct journey_step *st = &steps[i];
        const struct rec_type *t = rec_type_named(st->type);
        assert_non_null(t);
        struct cw_err err;
        cw_err_clear(&err);
        void *rec = rec_fill(t, st->values, N_ELEMS(st->values), &f->a, &err.fields);
        assert_int_equal(err.fields.n, 0);
        struct rec_head *h = rec_head(t, rec);
        enum kerr_code rc;
        if (st->fix) {
            const struct rec_head *was = rec_chead(t, added[st->fix - 1]);
            h->id = was->id;
            h->version = was->version;
            h->reason = "recorded as it happened";
            rc = cw_rec_correct(f->s, t == &assessment_type ? &manager : &f->iro, t, rec, &f->a,
                                &err);
        } else {
            h->parent_id = f->child;
            rc = cw_rec_add(f->s, t == &assessment_type ? &manager : &f->iro, t, rec, &err);
        }
        if (!st->field) {
            if (rc)
                fail_msg("step %zu (%s): refused: %s", i + 1, st->type, err.e.msg);
            added[i] = rec;
            size_t k = 0;
            while (rec_types[k] != t)
                k++;
            stored[k] += !st->fix;
            const char *warns = NULL;
            for (size_t w = 0; w < N_ELEMS(journey_warnings); w++)
                if (journey_warnings[w].step == i + 1)
                    warns = journey_warnings[w].warns;
            bool warned = !warns;
            for (size_t w = 0; w < err.warnings.n && !warned; w++)
                warned = strstr(err.warnings.items[w].msg, warns) != NULL;
            if (!warned)
                fail_msg("step %zu (%s): no warning '%s' (%zu warnings)", i + 1, st->type, warns,
                         err.warnings.n);
            continue;
        }
        if (rc != KITH_E_INVALID)
            fail_msg("step %zu (%s): expected %s refused, got %d", i + 1, st->type, st->field,
                     (int)rc);
        const struct field_error *fe = field_error_for(&err.fields, st->field);
        if (!fe || !strstr(fe->msg, st->says))
            fail_msg("step %zu (%s): expected %s to say '%s', got '%s'", i + 1, st->type, st->field,
                     st->says, fe ? fe->msg : err.e.msg);
    }
    /* nothing refused was stored */
    for (size_t k = 0; rec_types[k]; k++) {
        if (!rec_types[k]->parent)
            continue;
        void *rows;
        size_t n;
        int64_t total;
        OK(store_rec_list(f->s, rec_types[k], &(struct rec_query){.parent_id = f->child}, &f->a,
                          &rows, &n, &total, &f->e));
        assert_int_equal(total, stored[k]);
    }
}

static void help_protection_journey(void **state)
{
    run_journey(*state, journey, N_ELEMS(journey));
}

/* Risks and pre-proceedings on the same child (casework/proceedings.c): the letter
 * before proceedings states an offer that was made, unless exempt; no application to
 * court without an offer or the exemption, nor before the meeting someone accepted. */
#define OFFER "offered_to=F Brown", "relationship=mother", "parental_responsibility=yes"
static const struct journey_step proceedings[] = {
    /* 1 */
    {0,
     "missing_episode",
     {"start_date=2015-12-09", "kind=M"},
     "start_date",
     "is before the child was born"},
    /* 2 */ {0, "missing_episode", {"start_date=2015-12-10", "kind=A"}, NULL, NULL},
    /* 3 */
    {0,
     "care_application",
     {"application_date=2026-09-01", "order_sought=care"},
     "application_date",
     "has no offer of family group decision-making before it: expected an application after "
     "the family was offered a meeting, or after the council recorded that an offer is not in "
     "the child's best interests (Children Act 1989 s.31ZA); no one with parental "
     "responsibility is recorded among the child's relatives"},
    /* 4 */
    {0,
     "letter_before_proceedings",
     {"letter_date=2026-09-20", "kind=before-proceedings", "states_fgdm_offer=yes"},
     "letter_date",
     "before pre-proceedings started"},
    /* 5 */ {0, "pre_proceedings", {"start_date=2026-09-09"}, NULL, NULL},
    /* 6 */
    {0,
     "letter_before_proceedings",
     {"letter_date=2026-09-20", "kind=before-proceedings"},
     "states_fgdm_offer",
     "is no"},
    /* 7 */
    {0,
     "letter_before_proceedings",
     {"letter_date=2026-09-20", "kind=before-proceedings", "states_fgdm_offer=yes"},
     "states_fgdm_offer",
     "states an offer that is not recorded"},
    /* 8: the offer on the letter's own day counts */
    {0, "fgdm_offer", {"offer_date=2026-09-20", OFFER, "facilitated=yes"}, NULL, NULL},
    /* 9 */
    {0,
     "pp_meeting",
     {"meeting_date=2026-09-19", "kind=initial"},
     "meeting_date",
     "is before the letter"},
    /* 10 */
    {0,
     "letter_before_proceedings",
     {"letter_date=2026-09-20", "kind=before-proceedings", "states_fgdm_offer=yes"},
     NULL,
     NULL},
    /* 11 */ {0, "pp_meeting", {"meeting_date=2026-09-28", "kind=initial"}, NULL, NULL},
    /* 12 */
    {0,
     "fgdm_meeting",
     {"meeting_date=2026-10-05", "attendees=Gran, maternal grandmother"},
     "meeting_date",
     "is not after an accepted offer"},
    /* 13: the mother accepts */
    {8,
     "fgdm_offer",
     {"offer_date=2026-09-20", OFFER, "facilitated=yes", "response=accepted",
      "response_date=2026-09-25"},
     NULL,
     NULL},
    /* 14: an offer was made, but the accepted meeting has not been held */
    {0,
     "care_application",
     {"application_date=2026-12-04", "order_sought=care"},
     "application_date",
     "is before the family group met"},
    /* 15 */
    {0,
     "fgdm_meeting",
     {"meeting_date=2026-10-05", "attendees=Gran, maternal grandmother"},
     NULL,
     NULL},
    /* 16 */
    {0, "care_application", {"application_date=2026-12-04", "order_sought=care"}, NULL, NULL},
    /* 17: a private fostering visit needs an arrangement, not a CIN episode */
    {0,
     "visit",
     {"visit_date=2026-10-01", "purpose=pf", "place=home", "child_seen=yes", "by_whom=A Worker"},
     "visit_date",
     "is not during a private fostering arrangement"},
    /* 18 */
    {0,
     "private_fostering",
     {"notified_date=2026-10-01", "start_date=2026-09-25", "carer=J Ogun, family friend"},
     NULL,
     NULL},
    /* 19 */
    {0,
     "visit",
     {"visit_date=2026-10-01", "purpose=pf", "place=home", "child_seen=yes", "by_whom=A Worker"},
     NULL,
     NULL},
    /* 20: before the arrangement started */
    {0,
     "visit",
     {"visit_date=2026-09-24", "purpose=pf", "place=home", "child_seen=yes", "by_whom=A Worker"},
     "visit_date",
     "is not during a private fostering arrangement"},
    /* 21: any other visit still falls in an episode, and this child has none */
    {0,
     "visit",
     {"visit_date=2026-10-01", "purpose=other", "place=home", "by_whom=A Worker"},
     "visit_date",
     "has no referral before it"},
};

static void proceedings_journey(void **state)
{
    run_journey(*state, proceedings, N_ELEMS(proceedings));
}

/* An exemption recorded first lets the letter go without an offer and the application be
 * made: the same child with no offer at all. */
static const struct journey_step exempt[] = {
    /* 1 */ {0, "pre_proceedings", {"start_date=2026-09-09"}, NULL, NULL},
    /* 2 */
    {0,
     "care_application",
     {"application_date=2026-09-10", "order_sought=ico"},
     "application_date",
     "has no offer"},
    /* 3 */
    {0,
     "fgdm_exemption",
     {"decided_date=2026-09-10", "decided_by=H Service, head of service",
      "exemption_reason=Risk that the family would take the baby abroad"},
     NULL,
     NULL},
    /* 4 */
    {0,
     "letter_before_proceedings",
     {"letter_date=2026-09-11", "kind=before-proceedings"},
     NULL,
     NULL},
    /* 5 */
    {0, "care_application", {"application_date=2026-09-10", "order_sought=ico"}, NULL, NULL},
};

static void exemption_journey(void **state) { run_journey(*state, exempt, N_ELEMS(exempt)); }

/* An application to court needs the offer to each person with parental responsibility
 * (casework/proceedings.c): the child's mother and father hold it, the grandmother does
 * not. An offer counts for a relative chosen on it (its public id) or, typed by name
 * alone, for the relative of that name in any case and spacing; the refusal names each
 * holder not offered. */
#define MUM "00000000000000000000000001"
#define DAD "00000000000000000000000002"
#define GRAN "00000000000000000000000003"
#define APP "application_date=2026-10-01", "order_sought=care"
static const struct journey_step pr_offers[] = {
    /* 1 */ {0, "pre_proceedings", {"start_date=2026-09-09"}, NULL, NULL},
    /* 2 */
    {0,
     "care_application",
     {APP},
     "application_date",
     "has no offer of family group decision-making to everyone with parental responsibility: "
     "expected an offer to Ama Mensah (mother), Kofi Boateng (father) first"},
    /* 3: the grandmother has none */
    {0,
     "fgdm_offer",
     {"offer_date=2026-09-20", "offered_to=Efua Mensah", "relationship=grandparent",
      "relative=" GRAN},
     NULL,
     NULL},
    /* 4 */
    {0, "care_application", {APP}, "application_date", "Ama Mensah (mother), Kofi Boateng"},
    /* 5: by name alone, as before offers named their relative */
    {0,
     "fgdm_offer",
     {"offer_date=2026-09-20", "offered_to=  ama   MENSAH ", "relationship=mother",
      "parental_responsibility=yes"},
     NULL,
     NULL},
    /* 6 */
    {0,
     "care_application",
     {APP},
     "application_date",
     "expected an offer to Kofi Boateng (father) first"},
    /* 7: a relative who is not the child's */
    {0,
     "fgdm_offer",
     {"offer_date=2026-09-20", "offered_to=K Boateng", "relationship=father",
      "relative=zzzzzzzzzzzzzzzzzzzzzzzzzz"},
     "relative",
     "is not one of the child's relatives"},
    /* 8: chosen: the name typed need not be the record's */
    {0,
     "fgdm_offer",
     {"offer_date=2026-09-21", "offered_to=K Boateng", "relationship=father",
      "parental_responsibility=yes", "relative=" DAD},
     NULL,
     NULL},
    /* 9: the offers come after this day */
    {0,
     "care_application",
     {"application_date=2026-09-20", "order_sought=care"},
     "application_date",
     "an offer to Kofi Boateng (father) first"},
    /* 10 */ {0, "care_application", {APP}, NULL, NULL},
};

static void add_relative(struct fx *f, const char *id, const char *given, const char *family,
                         const char *type, bool pr)
{
    struct person p = {.kind = PERSON_RELATIVE,
                       .given_name = given,
                       .family_name = family,
                       .dob = DATE_NONE,
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'U',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    snprintf(p.public_id, sizeof p.public_id, "%s", id);
    OK(store_person_add(f->s, &p, &f->e));
    struct relationship r = {
        .child_id = f->child, .other_id = p.id, .type = type, .parental_responsibility = pr};
    OK(store_relationship_add(f->s, &r, &f->e));
}

static void offers_to_each_pr_holder(void **state)
{
    struct fx *f = *state;
    add_relative(f, MUM, "Ama", "Mensah", "mother", true);
    add_relative(f, DAD, "Kofi", "Boateng", "father", true);
    add_relative(f, GRAN, "Efua", "Mensah", "grandparent", false);
    run_journey(f, pr_offers, N_ELEMS(pr_offers));
}

/* A CIN plan corrected keeps its reviews inside it (casework/help_protection.c): its end
 * not moved before a review, nor its start after one, each refused beside the date that
 * moved and naming the review's day; a review on the last day stays inside. */
static const struct journey_step plan_reviews[] = {
    /* 1 */
    {0, "referral", {"referral_date=2026-06-01", "source=2A", "primary_need=N1"}, NULL, NULL},
    /* 2 */ {0, "cin_plan", {"start_date=2026-06-03"}, NULL, NULL},
    /* 3 */
    {0, "cin_plan_review", {"review_date=2026-09-01", "outcome=continue"}, NULL, NULL},
    /* 4 */
    {0, "cin_plan_review", {"review_date=2026-07-01", "outcome=continue"}, NULL, NULL},
    /* 5: the end before the later review */
    {2,
     "cin_plan",
     {"start_date=2026-06-03", "end_date=2026-08-31"},
     "end_date",
     "end of the plan '2026-08-31' is before the plan's review: expected a day on or after "
     "2026-09-01"},
    /* 6: before both: the later one named */
    {2,
     "cin_plan",
     {"start_date=2026-06-03", "end_date=2026-06-30"},
     "end_date",
     "on or after 2026-09-01, the day of the plan's review"},
    /* 7: the start after the earlier review */
    {2,
     "cin_plan",
     {"start_date=2026-07-02"},
     "start_date",
     "start of the plan '2026-07-02' is after the plan's review: expected a day on or before "
     "2026-07-01"},
    /* 8: the end on the review's day */
    {2, "cin_plan", {"start_date=2026-06-03", "end_date=2026-09-01"}, NULL, NULL},
};

static void plan_keeps_its_reviews(void **state)
{
    run_journey(*state, plan_reviews, N_ELEMS(plan_reviews));
}

/* The CIN census's own rules on a referral, an assessment and a conference are stated
 * once, in the rule engine: the descriptions no longer restate them, and the on-save run
 * still refuses each, naming its field and the rule ("CIN rule NNNN:", the engine's
 * wording). An impossible order stays the description's, for any year, the census's
 * years or not (a closure before its referral in 2015, a plan ending before it starts). */
/* authorised: the census sees an assessment's factors only then (before, the description
 * refuses them itself: tests/unit/test_domain_help_protection.c) */
#define AUTH "completed_date=2026-11-10", "authorised_date=2026-11-11", "authorised_by=T Manager"
static const struct journey_step census_once[] = {
    /* 1 */
    {0, "referral", {"referral_date=2026-11-02", "source=2A"}, "primary_need", "CIN rule 8610:"},
    /* 2 */
    {0,
     "referral",
     {"referral_date=2026-11-02", "source=2A", "primary_need=N1", "closure_date=2026-11-20"},
     "closure_date",
     "CIN rule 8805:"},
    /* 3: the census never sees a reason without its closure (8810): the description's */
    {0,
     "referral",
     {"referral_date=2026-11-02", "source=2A", "primary_need=N1", "closure_reason=RC7"},
     "closure_date",
     "or no reason until it has"},
    /* 4 */
    {0, "referral", {"referral_date=2026-11-02", "source=2A", "primary_need=N1"}, NULL, NULL},
    /* 5 */
    {0,
     "assessment",
     {"start_date=2026-11-03", AUTH, "factors=1B,1B"},
     "factors",
     "CIN rule 8898:"},
    /* 6 */
    {0,
     "assessment",
     {"start_date=2026-11-03", AUTH, "factors=21,1B"},
     "factors",
     "CIN rule 8869:"},
    /* 7 */ {0, "assessment", {"start_date=2026-11-03", AUTH, "factors=1B"}, NULL, NULL},
    /* 8: no census rules for 2014/15, and still an impossible order */
    {0,
     "referral",
     {"referral_date=2015-03-05", "source=1A", "nfa=yes", "closure_date=2015-03-04",
      "closure_reason=RC8"},
     "closure_date",
     "before the referral"},
    /* 10-12: an initial conference on a Saturday, the census's 8875 */
    {0, "strategy_discussion", {"discussion_date=2026-11-05", SD}, NULL, NULL},
    {0, "s47_enquiry", {"start_date=2026-11-05"}, NULL, NULL},
    {0,
     "conference",
     {"kind=initial", "conference_date=2026-11-21", "outcome=plan", "category=NEG"},
     "conference_date",
     "CIN rule 8875: The initial conference date is a Saturday or Sunday. (this child "
     "protection conference's date of the conference, which the census reads as the section "
     "47 enquiry's DateOfInitialCPC)"},
    /* 9 */
    {0,
     "cin_plan",
     {"start_date=2026-11-20", "end_date=2026-11-19"},
     "end_date",
     "before the start of the plan"},
};

static void census_rules_once(void **state)
{
    run_journey(*state, census_once, N_ELEMS(census_once));
}

/* How many records of type `t` the fixture's child has. */
static int64_t count_of(struct fx *f, const struct rec_type *t)
{
    void *rows;
    size_t n;
    int64_t total;
    OK(store_rec_list(f->s, t, &(struct rec_query){.parent_id = f->child}, &f->a, &rows, &n, &total,
                      &f->e));
    return total;
}

static void *filled(struct fx *f, const struct rec_type *t, const char *const *values, size_t n)
{
    struct field_errors errs;
    field_errors_clear(&errs);
    void *rec = rec_fill(t, values, n, &f->a, &errs);
    assert_int_equal(errs.n, 0);
    return rec;
}

/* The lead child protection practitioner (Families First): a registered social worker in a
 * social work post, one for each child at a time, and a case they hold (the workforce
 * census's count). In order: each case allocates through the use case, as the API does. */
static void lcpp_allocation(void **state)
{
    struct fx *f = *state;
    struct team t = {
        .name = "Protection", .service = SERVICE_CHILD_PROTECTION, .caseload_threshold = 15};
    OK(store_team_add(f->s, &t, &f->e));
    static const struct {
        const char *registration;
        enum worker_role role;
    } staff[] = {
        {"SW200001", ROLE_SOCIAL_WORKER},
        {"", ROLE_FAMILY_SUPPORT_WORKER},
        {"SW200003", ROLE_IRO},
        {"SW200004", ROLE_SENIOR_PRACTITIONER},
        {"SW200005", ROLE_PERSONAL_ADVISER},
    };
    struct worker w[5];
    for (size_t i = 0; i < 5; i++) {
        w[i] = (struct worker){.team_id = t.id,
                               .given_name = "Lee",
                               .family_name = "Practitioner",
                               .role = staff[i].role,
                               .fte = 1,
                               .start = day("2020-01-06"),
                               .end = DATE_NONE,
                               .dob = DATE_NONE};
        snprintf(w[i].registration, sizeof w[i].registration, "%s", staff[i].registration);
        OK(store_worker_add(f->s, &w[i], &f->e));
    }
    static const struct {
        int worker;
        enum allocation_role role;
        const char *field, *says; /* NULL: allocated */
    } cases[] = {
        {1, ALLOC_LCPP, "worker",
         "holds no Social Work England registration: expected a "
         "registered social worker"},
        {2, ALLOC_LCPP, "worker", "is not in a social work post that may hold it"},
        {4, ALLOC_LCPP, "worker", "is not in a social work post that may hold it"},
        {1, ALLOC_SOCIAL_WORKER, NULL, NULL}, /* the other roles ask no more than before */
        {0, ALLOC_LCPP, NULL, NULL},
        {3, ALLOC_LCPP, "role",
         "is held already: the child has a lead child protection "
         "practitioner: expected the present one's allocation (from "
         "2026-11-02) ended first"},
    };
    int64_t first = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct allocation al = {.child_id = f->child,
                                .role = cases[i].role,
                                .start = day("2026-11-02"),
                                .end = DATE_NONE};
        struct worker got;
        struct cw_err err;
        cw_err_clear(&err);
        enum kerr_code rc = cw_allocation_add(f->s, &f->operator, & al,
                                              w[cases[i].worker].public_id, &f->a, &got, &err);
        if (!cases[i].field) {
            if (rc)
                fail_msg("case %zu: %s", i, err.e.msg);
            first = cases[i].role == ALLOC_LCPP ? al.id : first;
            continue;
        }
        const struct field_error *fe = field_error_for(&err.fields, cases[i].field);
        if (rc != KITH_E_INVALID || !fe || !strstr(fe->msg, cases[i].says))
            fail_msg("case %zu: expected %s refused saying '%s', got %d: %s", i, cases[i].field,
                     cases[i].says, (int)rc, fe ? fe->msg : err.e.msg);
    }
    /* a handover: the first LCPP's allocation ends, the next may start */
    OK(store_allocation_end(f->s, first, day("2026-11-20"), NULL, &f->e));
    struct allocation next = {
        .child_id = f->child, .role = ALLOC_LCPP, .start = day("2026-11-20"), .end = DATE_NONE};
    struct worker got;
    struct cw_err err;
    cw_err_clear(&err);
    OK(cw_allocation_add(f->s, &f->operator, & next, w[3].public_id, &f->a, &got, &err));
    /* the LCPP holds the case: counted for the senior practitioner, once */
    struct worker_cases *held;
    size_t n;
    OK(store_cases_on(f->s, day("2026-11-30"), &f->a, &held, &n, &f->e));
    int64_t cases_of_lcpp = -1;
    for (size_t i = 0; i < n; i++)
        if (held[i].worker_id == w[3].id)
            cases_of_lcpp = held[i].cases;
    assert_int_equal(cases_of_lcpp, 1);
}

/* An assessment's authorisation is a team manager's: anyone else setting or changing its day
 * is refused beside the field, while their other edits of it stand; the operator at the
 * command line is not refused. */
static void authorisation_is_a_managers(void **state)
{
    struct fx *f = *state;
    struct actor manager = f->iro, worker = f->iro;
    manager.role = "team-manager";
    worker.role = "social-worker";
    static const char *const open_one[] = {"start_date=2026-11-02", "child_seen_date=2026-11-03",
                                           "completed_date=2026-11-20", "factors=3A"};
    static const char *const authorised[] = {
        "start_date=2026-11-02",      "child_seen_date=2026-11-03",
        "completed_date=2026-11-20",  "factors=3A",
        "authorised_date=2026-11-23", "authorised_by=T Manager"};
    const struct {
        const char *what;
        const struct actor *who;
        bool correct_it; /* a correction of the stored open one, else a new one */
        const char *const *values;
        size_t n;
        bool refused;
    } cases[] = {
        {"a worker adds it authorised", &worker, false, authorised, N_ELEMS(authorised), true},
        {"a chair adds it authorised", &f->iro, false, authorised, N_ELEMS(authorised), true},
        {"a worker adds it open", &worker, false, open_one, N_ELEMS(open_one), false},
        {"a worker authorises it", &worker, true, authorised, N_ELEMS(authorised), true},
        {"the manager authorises it", &manager, true, authorised, N_ELEMS(authorised), false},
        {"the operator adds it authorised", &f->operator, false, authorised, N_ELEMS(authorised),
         false},
    };
    static const char *const referral[] = {"referral_date=2026-11-02", "source=2A",
                                           "primary_need=N1"};
    struct cw_err rerr;
    cw_err_clear(&rerr);
    void *r = filled(f, &referral_type, referral, N_ELEMS(referral));
    rec_head(&referral_type, r)->parent_id = f->child;
    if (cw_rec_add(f->s, &worker, &referral_type, r, &rerr))
        fail_msg("the referral was refused: %s", rerr.e.msg);
    struct assessment *stored = NULL;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct cw_err err;
        cw_err_clear(&err);
        struct assessment *a = filled(f, &assessment_type, cases[i].values, cases[i].n);
        enum kerr_code rc;
        if (cases[i].correct_it) {
            a->h.id = stored->h.id;
            a->h.version = stored->h.version;
            a->h.reason = "completed and authorised";
            rc = cw_rec_correct(f->s, cases[i].who, &assessment_type, a, &f->a, &err);
        } else {
            a->h.parent_id = f->child;
            rc = cw_rec_add(f->s, cases[i].who, &assessment_type, a, &err);
        }
        if (!cases[i].refused) {
            if (rc)
                fail_msg("%s: refused: %s", cases[i].what, err.e.msg);
            if (!stored)
                stored = a;
            continue;
        }
        const struct field_error *fe = field_error_for(&err.fields, "authorised_date");
        if (rc != KITH_E_INVALID || !fe || !strstr(fe->msg, "is for a team manager to record"))
            fail_msg("%s: expected the authorisation refused beside its day, got %d: %s",
                     cases[i].what, (int)rc, fe ? fe->msg : err.e.msg);
    }
    /* once authorised, a worker's correction of something else stands */
    struct cw_err err;
    cw_err_clear(&err);
    static const char *const more[] = {"start_date=2026-11-02",      "child_seen_date=2026-11-03",
                                       "completed_date=2026-11-20",  "factors=3A,2B",
                                       "authorised_date=2026-11-23", "authorised_by=T Manager"};
    struct assessment *a = filled(f, &assessment_type, more, N_ELEMS(more));
    a->h.id = stored->h.id;
    a->h.version = stored->h.version + 1;
    a->h.reason = "a factor left out";
    if (cw_rec_correct(f->s, &worker, &assessment_type, a, &f->a, &err))
        fail_msg("a worker's correction of the factors was refused: %s", err.e.msg);
}

/* The review of a family help plan, in the work as the council set its interval
 * (family-help-review-months; 3 months when not set). */
static void family_help_review_due(void **state)
{
    struct fx *f = *state;
    struct cw_err err;
    cw_err_clear(&err);
    static const char *const values[] = {"start_date=2026-09-01", "lead_practitioner=B Obi",
                                         "lead_profession=family-support", "plan_date=2026-09-15"};
    struct family_help *fh = filled(f, &family_help_type, values, N_ELEMS(values));
    fh->h.parent_id = f->child;
    OK(cw_rec_add(f->s, &f->iro, &family_help_type, fh, &err));
    static const struct {
        const char *months;
        const char *due;
    } cases[] = {{NULL, "2026-12-15"}, {"6", "2027-03-15"}, {"1", "2026-10-15"}};
    for (size_t k = 0; k < N_ELEMS(cases); k++) {
        if (cases[k].months)
            OK(store_setting_set(f->s, "family-help-review-months", cases[k].months, 1, &f->e));
        struct work w;
        struct work_query all = {.status = -1, .on = day("2026-12-07")};
        OK(cw_work(f->s, &f->iro, &all, &f->a, &w, &err));
        size_t found = 0;
        for (size_t i = 0; i < w.n; i++)
            if (!strcmp(w.items[i].ob.ts->rule, "family-help-review")) {
                found++;
                assert_int_equal(w.items[i].ob.due, day(cases[k].due));
            }
        assert_int_equal(found, 1);
    }
}

/* The refusal `rc` is KITH_E_INVALID naming `field` with `says`. */
static void refused_on(enum kerr_code rc, const struct cw_err *err, const char *field,
                       const char *says)
{
    if (rc != KITH_E_INVALID)
        fail_msg("expected %s refused, got %d: %s", field, (int)rc, err->e.msg);
    const struct field_error *fe = field_error_for(&err->fields, field);
    const char *msg = fe ? fe->msg : (!strcmp(err->e.field, field) ? err->e.msg : NULL);
    if (!msg || !strstr(msg, says))
        fail_msg("expected %s to say '%s', got '%s'", field, says, msg ? msg : err->e.msg);
}

static void step_up_and_down(void **state)
{
    struct fx *f = *state;
    struct cw_err err;
    cw_err_clear(&err);
    static const char *const fh_values[] = {"start_date=2026-09-01", "lead_practitioner=B Obi",
                                            "lead_profession=family-support"};
    struct family_help *fh = filled(f, &family_help_type, fh_values, N_ELEMS(fh_values));
    fh->h.parent_id = f->child;
    OK(cw_rec_add(f->s, &f->iro, &family_help_type, fh, &err));
    static const char *const early[] = {"referral_date=2026-08-31", "source=2A", "primary_need=N1"};
    static const char *const ref_values[] = {"referral_date=2026-10-01", "source=2A",
                                             "primary_need=N1"};
    /* refused: a referral before the episode began; nothing is written */
    struct referral *ref = filled(f, &referral_type, early, N_ELEMS(early));
    refused_on(cw_step_up(f->s, &f->iro, fh->h.public_id, 1, ref, &f->a, &err), &err,
               "referral_date", "is before the family help episode started");
    assert_int_equal(count_of(f, &referral_type), 0);
    /* someone who may not see the child: not found, and audited */
    cw_err_clear(&err);
    ref = filled(f, &referral_type, ref_values, N_ELEMS(ref_values));
    assert_int_equal(cw_step_up(f->s, &f->stranger, fh->h.public_id, 1, ref, &f->a, &err),
                     KITH_E_NOT_FOUND);
    assert_int_equal(audit_rows(f, "family_help.step", "denied"), 1);
    /* a stale version: the person is told, nothing written */
    cw_err_clear(&err);
    assert_int_equal(cw_step_up(f->s, &f->iro, fh->h.public_id, 2, ref, &f->a, &err),
                     KITH_E_CONFLICT);
    assert_int_equal(count_of(f, &referral_type), 0);
    /* stepped up: the referral written, the episode closed that day, linked both ways */
    cw_err_clear(&err);
    OK(cw_step_up(f->s, &f->iro, fh->h.public_id, 1, ref, &f->a, &err));
    struct family_help up;
    OK(store_rec_find(f->s, &family_help_type, fh->h.public_id, &f->a, &up, &f->e));
    assert_int_equal(up.closure_date, day("2026-10-01"));
    assert_string_equal(up.closure_reason, "stepped-up");
    assert_string_equal(up.stepped_up_to, ref->h.public_id);
    assert_int_equal(up.h.version, 2);
    struct referral stored;
    OK(store_rec_find(f->s, &referral_type, ref->h.public_id, &f->a, &stored, &f->e));
    assert_string_equal(stored.stepped_up_from, fh->h.public_id);
    assert_int_equal(audit_rows(f, "family_help.step-up", "ok"), 1);
    assert_int_equal(audit_rows(f, "referral.add", "ok"), 1);
    /* a closed episode does not step up again */
    cw_err_clear(&err);
    refused_on(cw_step_up(f->s, &f->iro, fh->h.public_id, 0,
                          filled(f, &referral_type, ref_values, N_ELEMS(ref_values)), &f->a, &err),
               &err, "episode", "only an open one steps up");
    assert_int_equal(count_of(f, &referral_type), 1);
    /* an ordinary correction keeps the link, whatever it was sent with */
    cw_err_clear(&err);
    struct family_help fix = up;
    fix.stepped_up_to[0] = '\0';
    fix.lead_practitioner = "B Obi, family practitioner";
    fix.h.reason = "role added";
    OK(cw_rec_correct(f->s, &f->iro, &family_help_type, &fix, &f->a, &err));
    OK(store_rec_find(f->s, &family_help_type, fh->h.public_id, &f->a, &up, &f->e));
    assert_string_equal(up.stepped_up_to, ref->h.public_id);
    /* "stepped up" is not a reason to type: an add cannot set the link either */
    cw_err_clear(&err);
    static const char *const typed[] = {"start_date=2026-09-01", "lead_practitioner=B Obi",
                                        "lead_profession=family-support", "closure_date=2026-10-01",
                                        "closure_reason=stepped-up"};
    struct family_help *own = filled(f, &family_help_type, typed, N_ELEMS(typed));
    own->h.parent_id = f->child;
    snprintf(own->stepped_up_to, sizeof own->stepped_up_to, "%s", ref->h.public_id);
    refused_on(cw_rec_add(f->s, &f->iro, &family_help_type, own, &err), &err, "closure_reason",
               "names no referral");
    assert_int_equal(count_of(f, &family_help_type), 1);

    /* step down: each refusal writes nothing */
    static const char *const fh2[] = {"start_date=2026-12-01", "lead_practitioner=C Dee",
                                      "lead_profession=early-help"};
    static const char *const fh_bad[] = {"start_date=2026-12-01", "lead_profession=early-help"};
    static const struct {
        struct step_down close;
        const char *const *fh;
        size_t nfh;
        const char *field, *says;
    } refusals[] = {
        {{DATE_NONE, ""}, fh2, N_ELEMS(fh2), "cin_closure_date", "is missing"},
        {{0, "RC7"}, fh2, N_ELEMS(fh2), "cin_closure_date", "is before the referral"},
        {{1, "RC0"}, fh2, N_ELEMS(fh2), "cin_closure_reason", "RC0"},
        {{1, "RC7"}, fh_bad, N_ELEMS(fh_bad), "lead_practitioner", "is missing"},
    };
    for (size_t i = 0; i < N_ELEMS(refusals); i++) {
        struct step_down close = refusals[i].close;
        if (close.closure_date == 0)
            close.closure_date = day("2026-09-30");
        else if (close.closure_date == 1)
            close.closure_date = day("2026-12-01");
        cw_err_clear(&err);
        struct family_help *next = filled(f, &family_help_type, refusals[i].fh, refusals[i].nfh);
        refused_on(cw_step_down(f->s, &f->iro, ref->h.public_id, 0, &close, next, &f->a, &err),
                   &err, refusals[i].field, refusals[i].says);
        assert_int_equal(count_of(f, &family_help_type), 1);
        OK(store_rec_find(f->s, &referral_type, ref->h.public_id, &f->a, &stored, &f->e));
        assert_int_equal(stored.closure_date, DATE_NONE);
    }
    cw_err_clear(&err);
    struct step_down close = {day("2026-12-01"), "RC7"};
    struct family_help *next = filled(f, &family_help_type, fh2, N_ELEMS(fh2));
    OK(cw_step_down(f->s, &f->iro, ref->h.public_id, 1, &close, next, &f->a, &err));
    OK(store_rec_find(f->s, &referral_type, ref->h.public_id, &f->a, &stored, &f->e));
    assert_int_equal(stored.closure_date, day("2026-12-01"));
    assert_string_equal(stored.closure_reason, "RC7");
    assert_string_equal(stored.stepped_down_to, next->h.public_id);
    assert_string_equal(stored.stepped_up_from, fh->h.public_id); /* the first link stays */
    struct family_help down;
    OK(store_rec_find(f->s, &family_help_type, next->h.public_id, &f->a, &down, &f->e));
    assert_string_equal(down.stepped_down_from, ref->h.public_id);
    assert_int_equal(down.closure_date, DATE_NONE);
    assert_int_equal(audit_rows(f, "referral.step-down", "ok"), 1);
    /* a closed episode does not step down again */
    cw_err_clear(&err);
    refused_on(cw_step_down(f->s, &f->iro, ref->h.public_id, 0, &close,
                            filled(f, &family_help_type, fh2, N_ELEMS(fh2)), &f->a, &err),
               &err, "cin_closure_date", "already");
    assert_int_equal(count_of(f, &family_help_type), 2);
}

/* Record `t` with public id `id` deleted at version `version`, as a worker would. */
static enum kerr_code delete_rec(struct fx *f, const struct rec_type *t, const char *id,
                                 int version, struct cw_err *err)
{
    cw_err_clear(err);
    return cw_rec_delete(f->s, &f->iro, t, id, version, "entered in error", &f->a, err);
}

/* Deleting runs the rules saving runs, on the child without the record: the offer of a
 * family group meeting under a care application is not deleted while the application
 * stands (Children Act 1989 s.31ZA), and the refusal names the application; once the
 * application goes, the offer may. A record already wrong before does not stop a
 * deletion. A step's link goes with the record it names: deleting the referral a step-up
 * made reopens the episode it closed; deleting the episode a step-down opened leaves the
 * referral's closure. */
static void deleting_runs_the_rules(void **state)
{
    struct fx *f = *state;
    struct cw_err err;
    cw_err_clear(&err);
    static const char *const pp[] = {"start_date=2026-09-09"};
    static const char *const offer[] = {"offer_date=2026-09-20", OFFER, "facilitated=yes"};
    static const char *const app[] = {"application_date=2026-12-04", "order_sought=care"};
    static const struct {
        const struct rec_type *t;
        const char *const *v;
        size_t n;
    } made[] = {{&pre_proceedings_type, pp, 1},
                {&fgdm_offer_type, offer, N_ELEMS(offer)},
                {&care_application_type, app, N_ELEMS(app)}};
    void *rec[N_ELEMS(made)];
    for (size_t i = 0; i < N_ELEMS(made); i++) {
        rec[i] = filled(f, made[i].t, made[i].v, made[i].n);
        rec_head(made[i].t, rec[i])->parent_id = f->child;
        OK(cw_rec_add(f->s, &f->iro, made[i].t, rec[i], &err));
    }
    const char *offer_id = rec_chead(&fgdm_offer_type, rec[1])->public_id;
    const char *app_id = rec_chead(&care_application_type, rec[2])->public_id;
    refused_on(delete_rec(f, &fgdm_offer_type, offer_id, 1, &err), &err, "offer_date",
               "would leave the application for a care or supervision order");
    assert_non_null(strstr(err.fields.items[0].msg, app_id));
    assert_non_null(strstr(err.fields.items[0].msg, "has no offer of family group"));
    assert_int_equal(count_of(f, &fgdm_offer_type), 1);
    assert_int_equal(audit_rows(f, "fgdm_offer.delete", "ok"), 0);
    OK(delete_rec(f, &care_application_type, app_id, 1, &err));
    OK(delete_rec(f, &fgdm_offer_type, offer_id, 1, &err));
    assert_int_equal(count_of(f, &fgdm_offer_type), 0);

    /* a record wrong before (written before its rule was) does not hold up another's
     * deletion: a missing episode dated before the child's birth, put in by the store */
    static const char *const early[] = {"start_date=2015-12-01", "kind=M"};
    void *m = filled(f, &missing_episode_type, early, N_ELEMS(early));
    rec_head(&missing_episode_type, m)->parent_id = f->child;
    OK(store_rec_add(f->s, &missing_episode_type, m, 1796601600, &f->e));
    OK(delete_rec(f, &pre_proceedings_type, rec_chead(&pre_proceedings_type, rec[0])->public_id, 1,
                  &err));

    /* step up, then delete the referral it made: the episode is open again, unlinked */
    static const char *const fh_values[] = {"start_date=2026-09-01", "lead_practitioner=B Obi",
                                            "lead_profession=family-support"};
    static const char *const ref_values[] = {"referral_date=2026-10-01", "source=2A",
                                             "primary_need=N1"};
    struct family_help *fh = filled(f, &family_help_type, fh_values, N_ELEMS(fh_values));
    fh->h.parent_id = f->child;
    OK(cw_rec_add(f->s, &f->iro, &family_help_type, fh, &err));
    struct referral *ref = filled(f, &referral_type, ref_values, N_ELEMS(ref_values));
    OK(cw_step_up(f->s, &f->iro, fh->h.public_id, 1, ref, &f->a, &err));
    OK(delete_rec(f, &referral_type, ref->h.public_id, 1, &err));
    struct family_help back;
    OK(store_rec_find(f->s, &family_help_type, fh->h.public_id, &f->a, &back, &f->e));
    assert_string_equal(back.stepped_up_to, "");
    assert_int_equal(back.closure_date, DATE_NONE);
    assert_string_equal(back.closure_reason, "");
    assert_int_equal(back.h.version, 3);
    assert_non_null(strstr(back.h.reason, ref->h.public_id));
    assert_int_equal(audit_rows(f, "family_help.correct", "ok"), 1);

    /* step down from a referral, then delete the episode it opened: the referral keeps
     * its closure (the RC reason was the person's) and names no episode */
    OK(delete_rec(f, &family_help_type, fh->h.public_id, 3, &err));
    ref = filled(f, &referral_type, ref_values, N_ELEMS(ref_values));
    ref->h.parent_id = f->child;
    OK(cw_rec_add(f->s, &f->iro, &referral_type, ref, &err));
    static const char *const fh2[] = {"start_date=2026-12-01", "lead_practitioner=C Dee",
                                      "lead_profession=early-help"};
    struct family_help *next = filled(f, &family_help_type, fh2, N_ELEMS(fh2));
    struct step_down close = {day("2026-12-01"), "RC7"};
    OK(cw_step_down(f->s, &f->iro, ref->h.public_id, 1, &close, next, &f->a, &err));
    OK(delete_rec(f, &family_help_type, next->h.public_id, 1, &err));
    struct referral closed;
    OK(store_rec_find(f->s, &referral_type, ref->h.public_id, &f->a, &closed, &f->e));
    assert_string_equal(closed.stepped_down_to, "");
    assert_int_equal(closed.closure_date, day("2026-12-01"));
    assert_string_equal(closed.closure_reason, "RC7");
    assert_int_equal(closed.h.version, 3);
}

/* A worker's absences: the description's rules, the worker's start, who may see them,
 * each add and view audited; the table is the description's on both backends. */
static void absences(void **state)
{
    struct fx *f = *state;
    OK(rec_type_check(&absence_type, &f->e));
    struct store_column *cols;
    size_t ncols;
    OK(store_table_columns(f->s, "absence", &f->a, &cols, &ncols, &f->e));
    assert_int_equal(ncols, 9 + rec_nfields(&absence_type));
    struct team t = {.name = "Duty", .caseload_threshold = 18};
    OK(store_team_add(f->s, &t, &f->e));
    struct worker w = {.team_id = t.id,
                       .given_name = "Bea",
                       .family_name = "Kay",
                       .fte = 0.8,
                       .registration = "SW700001",
                       .start = day("2025-09-01"),
                       .end = DATE_NONE,
                       .dob = DATE_NONE};
    OK(store_worker_add(f->s, &w, &f->e));
    struct actor manager = f->iro;
    manager.role = "team-manager";
    static const struct {
        const char *first, *last, *cause, *field; /* field NULL: accepted */
    } cases[] = {
        {"2026-03-02", "2026-03-06", "sickness", NULL},
        {"2026-04-02", NULL, "sickness", NULL},                /* still going on */
        {"2025-09-01", "2025-09-01", "other", NULL},           /* their first day: the edge */
        {"2025-08-31", "2025-09-02", "sickness", "first_day"}, /* before they started */
        {"2026-03-10", "2026-03-09", "sickness", "last_day"},  /* ends before it begins */
        {"2026-03-10", NULL, "flu", "cause"},
        {NULL, NULL, "sickness", "first_day"},
    };
    size_t added = 0;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct absence ab = {0};
        struct cw_err err;
        cw_err_clear(&err);
        const char *typed[] = {cases[i].first, cases[i].last, cases[i].cause};
        for (size_t k = 0; k < 3; k++)
            rec_set_text(&absence_fields[k], &ab, typed[k], &f->a, &err.fields);
        enum kerr_code rc = cw_absence_add(f->s, &manager, "sw700001", &ab, &err);
        if (!cases[i].field) {
            if (rc)
                fail_msg("case %zu: %s", i, err.e.msg);
            added++;
        } else {
            assert_int_equal(rc, KITH_E_INVALID);
            assert_string_equal(err.fields.items[0].field, cases[i].field);
        }
    }
    /* no one else's to see or write, and the refusal audited */
    struct absence ab = {
        .first_day = day("2026-05-01"), .last_day = DATE_NONE, .cause = "sickness"};
    struct cw_err err;
    cw_err_clear(&err);
    assert_int_equal(cw_absence_add(f->s, &f->iro, w.public_id, &ab, &err), KITH_E_FORBIDDEN);
    assert_int_equal(audit_rows(f, "absence-add", "denied"), 1);
    cw_err_clear(&err);
    assert_int_equal(cw_absence_add(f->s, &manager, "SW999999", &ab, &err), KITH_E_NOT_FOUND);
    struct worker got;
    struct absence *list;
    size_t n;
    cw_err_clear(&err);
    OK(cw_absences(f->s, &manager, w.public_id, &f->a, &got, &list, &n, &err));
    assert_int_equal(n, added);
    assert_int_equal(list[0].first_day, day("2026-04-02")); /* newest first */
    assert_int_equal(list[0].last_day, DATE_NONE);
    assert_int_equal(audit_rows(f, "absence-add", "ok"), added);
    assert_int_equal(audit_rows(f, "absence-list", "ok"), 1);
    cw_err_clear(&err);
    assert_int_equal(cw_absences(f->s, &f->iro, w.public_id, &f->a, &got, &list, &n, &err),
                     KITH_E_FORBIDDEN);
}

/* An agency price cap through the generic use case: only administrators (and the
 * operator) write one, team managers read them; two caps of one region and role sharing a
 * day are refused beside the day that makes the clash, a cap ending the day before
 * another starts is not, and a correction is not judged against itself. Returns the caps
 * recorded: London's social worker cap is 4000 to 31 March 2025, 4100 to 31 March 2026,
 * 4200 from 1 April 2026. */
static size_t agency_caps_kept(struct fx *f, const struct actor *manager)
{
    struct actor admin = f->iro;
    admin.role = "administrator";
    struct {
        const struct actor *who;
        const char *role, *pence, *from, *to;
        enum kerr_code rc;
        const char *field;
    } cases[] = {
        {manager, "social-worker", "4100", "2025-04-01", "2026-03-31", KITH_E_FORBIDDEN, NULL},
        {&admin, "social-worker", "4100", "2025-04-01", "2026-03-31", KITH_OK, NULL},
        {&admin, "social-worker", "4200", "2026-03-31", NULL, KITH_E_INVALID, "from_date"},
        {&admin, "social-worker", "4200", "2026-04-01", NULL, KITH_OK, NULL},
        {&admin, "social-worker", "3900", "2024-01-01", NULL, KITH_E_INVALID, "to_date"},
        {&admin, "social-worker", "3900", "2024-01-01", "2025-04-01", KITH_E_INVALID, "to_date"},
        {&admin, "social-worker", "4000", "2024-01-01", "2025-03-31", KITH_OK, NULL},
        {&admin, "social-worker", "4000", "2026-05-01", "2026-04-30", KITH_E_INVALID, "to_date"},
        {&admin, "team-manager", "5500", "2025-04-01", NULL, KITH_OK, NULL},
    };
    size_t added = 0;
    void *first = NULL;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const char *typed[6] = {"region=london",
                                "agreed=London councils, March 2025",
                                arena_printf(&f->a, "role=%s", cases[i].role),
                                arena_printf(&f->a, "cap_pence=%s", cases[i].pence),
                                arena_printf(&f->a, "from_date=%s", cases[i].from),
                                arena_printf(&f->a, "to_date=%s", cases[i].to ? cases[i].to : "")};
        struct cw_err err;
        cw_err_clear(&err);
        void *rec = rec_fill(&agency_cap_type, typed, cases[i].to ? 6 : 5, &f->a, &err.fields);
        enum kerr_code rc = cw_rec_add(f->s, cases[i].who, &agency_cap_type, rec, &err);
        if (rc != cases[i].rc)
            fail_msg("cap %zu: %d, expected %d: %s", i, rc, cases[i].rc, err.e.msg);
        const struct field_error *fe =
            cases[i].field ? field_error_for(&err.fields, cases[i].field) : NULL;
        if (cases[i].field && !fe)
            fail_msg("cap %zu: %s not refused: %s", i, cases[i].field, err.e.msg);
        if (fe && !strstr(fe->msg, "overlaps the London cap for Social worker") &&
            strcmp(cases[i].from, "2026-05-01") != 0)
            fail_msg("cap %zu: %s", i, fe->msg);
        if (!rc && !first)
            first = rec;
        added += rc == KITH_OK;
    }
    assert_int_equal(audit_rows(f, "agency_cap.add", "denied"), 1);
    /* a correction that keeps its own days is not refused for meeting itself; one running
     * into the next cap is */
    struct agency_cap *c = first;
    struct cw_err err;
    cw_err_clear(&err);
    c->agreed = "London councils' memorandum, March 2025";
    c->h.reason = "the memorandum's name";
    OK(cw_rec_correct(f->s, &admin, &agency_cap_type, c, &f->a, &err));
    c->to_date = day("2026-04-01");
    c->h.reason = "ended a day later";
    cw_err_clear(&err);
    assert_int_equal(cw_rec_correct(f->s, &admin, &agency_cap_type, c, &f->a, &err),
                     KITH_E_INVALID);
    assert_non_null(field_error_for(&err.fields, "to_date"));
    /* the operator keeps them too; a team manager reads them */
    struct agency_caps caps;
    OK(cw_agency_caps(f->s, &f->a, &caps, &f->e));
    assert_int_equal(caps.n, added);
    void *rows;
    size_t n;
    int64_t total;
    cw_err_clear(&err);
    OK(cw_rec_list(f->s, manager, &agency_cap_type, 0, 50, 0, &f->a, &rows, &n, &total, &err));
    assert_int_equal(n, added);
    return added;
}

/* An agency assignment goes through the generic use case: only those who manage staff
 * write it (a refusal audited), the worker it names must be on the establishment, and its
 * rate is judged against the cap of the council's region in force on its start, as the
 * council recorded it; the region must be set. A rate with no cap recorded is not refused
 * (nor taken as within one: the page and the return flag it). Every refusal names its
 * field and writes nothing. */
static void agency_assignments(void **state)
{
    struct fx *f = *state;
    struct actor manager = f->iro;
    manager.role = "team-manager";
    assert_int_equal(agency_caps_kept(f, &manager), 4);
    struct team t = {.name = "Duty", .caseload_threshold = 18};
    OK(store_team_add(f->s, &t, &f->e));
    struct worker w = {.team_id = t.id,
                       .given_name = "Cy",
                       .family_name = "Dee",
                       .fte = 1,
                       .agency = true,
                       .registration = "SW700002",
                       .start = day("2026-11-01"),
                       .end = DATE_NONE,
                       .dob = DATE_NONE};
    OK(store_worker_add(f->s, &w, &f->e));
    const char *who_ours = arena_printf(&f->a, "worker=%s", w.public_id);
    static const char *const signed_off[] = {"cap_signoff_by=R Osei", "cap_signoff_role=DCS",
                                             "cap_signoff_on=2026-10-20",
                                             "cap_reason=No worker at the cap"};
    struct {
        const struct actor *who;
        const char *who_is, *rate, *start;
        bool signed_off;
        enum kerr_code rc;
        const char *field;
    } cases[] = {
        {&manager, who_ours, "hourly_rate=4000", "2026-11-01", false, KITH_E_INVALID, "region"},
        {&f->iro, who_ours, "hourly_rate=4000", "2026-11-01", false, KITH_E_FORBIDDEN, NULL},
        {&manager, "worker=NOSUCHWORKER", "hourly_rate=4000", "2026-11-01", false, KITH_E_INVALID,
         "worker"},
        {&manager, who_ours, "hourly_rate=4201", "2026-11-01", false, KITH_E_INVALID,
         "cap_signoff_by"},
        {&manager, who_ours, "hourly_rate=4201", "2026-11-01", true, KITH_OK, NULL},
        {&manager, "name=Ann Lee", "hourly_rate=4200", "2026-11-01", false, KITH_E_INVALID,
         "registration"},
        {&manager, "registration=SW12345", "hourly_rate=4200", "2026-11-01", false, KITH_OK, NULL},
        /* the cap's last day and the day after, when the next took over */
        {&manager, "registration=SW12346", "hourly_rate=4101", "2026-03-31", false, KITH_E_INVALID,
         "cap_reason"},
        {&manager, "registration=SW12346", "hourly_rate=4101", "2026-04-01", false, KITH_OK, NULL},
        /* before any cap: not refused */
        {&manager, "registration=SW12347", "hourly_rate=9999", "2023-12-31", false, KITH_OK, NULL},
    };
    size_t added = 0;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        if (i == 1)
            OK(store_setting_set(f->s, "region", "london", 1000, &f->e));
        const char *typed[12] = {
            "role=social-worker", "agency=Acme",
            "pqe_years=4",        "notice_weeks=4",
            cases[i].who_is,      cases[i].rate,
            "name=Ann Lee",       arena_printf(&f->a, "start_date=%s", cases[i].start)};
        size_t n = 8;
        for (size_t k = 0; cases[i].signed_off && k < 4; k++)
            typed[n++] = signed_off[k];
        struct cw_err err;
        cw_err_clear(&err);
        void *rec = rec_fill(&agency_assignment_type, typed, n, &f->a, &err.fields);
        if (!strncmp(cases[i].who_is, "worker=", 7)) /* the worker's record names them */
            ((struct agency_assignment *)rec)->name = NULL;
        enum kerr_code rc = cw_rec_add(f->s, cases[i].who, &agency_assignment_type, rec, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu: %d, expected %d: %s", i, rc, cases[i].rc, err.e.msg);
        if (cases[i].field && !field_error_for(&err.fields, cases[i].field))
            fail_msg("case %zu: %s not refused: %s", i, cases[i].field, err.e.msg);
        added += rc == KITH_OK;
    }
    assert_int_equal(audit_rows(f, "agency_assignment.add", "denied"), 1);
    assert_int_equal(audit_rows(f, "agency_assignment.add", "ok"), added);
    void *rows;
    size_t n;
    int64_t total;
    struct cw_err err;
    cw_err_clear(&err);
    OK(cw_rec_list(f->s, &manager, &agency_assignment_type, 0, 50, 0, &f->a, &rows, &n, &total,
                   &err));
    assert_int_equal(n, added);
    assert_int_equal(n, 4);
    /* the period judges each against the caps read with it; the one before any cap has
     * none, which agency_notes flags */
    struct agency_period p;
    cw_err_clear(&err);
    OK(cw_agency_period(f->s, &manager, day("2020-01-01"), day("2030-12-31"), "agency-list", &f->a,
                        &p, &err));
    assert_int_equal(p.n, 4);
    assert_int_equal(p.caps.n, 4);
    assert_int_equal(p.rows[0].start_date, day("2023-12-31"));
    assert_true(agency_notes(&p.rows[0], p.region, &p.caps, day("2026-12-07")) &
                AGENCY_NOTE_NO_CAP);
    size_t over = 0; /* the two starting on 1 November 2026 are in either order */
    for (size_t i = 1; i < p.n; i++)
        over += (agency_notes(&p.rows[i], p.region, &p.caps, day("2026-12-07")) &
                 AGENCY_NOTE_OVER_CAP) != 0;
    assert_int_equal(over, 1);
}

/* The return and the page read every assignment, not the first page of them: with more
 * than STORE_PAGE_MAX in force, each is in the period (a page would stop at 10,000). */
static void agency_period_reads_all(void **state)
{
    struct fx *f = *state;
    struct actor manager = f->iro;
    manager.role = "team-manager";
    OK(store_setting_set(f->s, "region", "london", 1000, &f->e));
    const char *typed[] = {"role=social-worker", "agency=Acme",          "pqe_years=4",
                           "notice_weeks=4",     "registration=SW12345", "hourly_rate=4000",
                           "name=Ann Lee",       "start_date=2026-11-01"};
    struct field_errors errs = {0};
    struct agency_assignment *r =
        rec_fill(&agency_assignment_type, typed, N_ELEMS(typed), &f->a, &errs);
    assert_int_equal(errs.n, 0);
    const size_t many = STORE_PAGE_MAX + 1;
    OK(store_begin(f->s, &f->e));
    for (size_t i = 0; i < many; i++) {
        r->h.public_id[0] = '\0';
        r->h.id = 0;
        OK(store_rec_add(f->s, &agency_assignment_type, r, 1000, &f->e));
    }
    OK(store_commit(f->s, &f->e));
    struct agency_period p;
    struct cw_err err;
    cw_err_clear(&err);
    OK(cw_agency_period(f->s, &manager, day("2026-10-01"), day("2026-12-31"), "agency-return",
                        &f->a, &p, &err));
    assert_int_equal(p.n, many);
}

/* The gate every look at a child passes, for the pages, the API and the routes alike
 * (cw_child_open, cw_scope): who reads borough-wide, a public id only, a refusal that
 * reads as no such child and is audited, a look audited only when it names its action. */
static void the_child_gate(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *role;
        bool wide;
    } roles[] = {{"cp-chair-iro", true},
                 {"social-worker", false},
                 {"team-manager", false},
                 {"administrator", false},
                 {NULL, false}};
    for (size_t i = 0; i < N_ELEMS(roles); i++) {
        struct store_scope sc = cw_scope(7, 3, roles[i].role, DATE_NONE);
        if (sc.service_wide != roles[i].wide || sc.user_id != 7 || sc.worker_id != 3)
            fail_msg("%s: service-wide %d, expected %d", roles[i].role ? roles[i].role : "none",
                     sc.service_wide, roles[i].wide);
    }
    struct person p;
    OK(store_person_get(f->s, f->child, &f->a, &p, &f->e));
    const char *ref = arena_printf(&f->a, "%s", p.public_id);
    const struct {
        const char *what;
        const struct actor *who;
        const char *ref, *action;
        enum kerr_code rc;
        bool audited;
    } cases[] = {
        {"seen, looked at", &f->iro, ref, "view", KITH_OK, true},
        {"seen, only asked", &f->iro, ref, NULL, KITH_OK, false},
        {"out of scope", &f->stranger, ref, NULL, KITH_E_NOT_FOUND, true},
        {"out of scope, looked at", &f->stranger, ref, "view", KITH_E_NOT_FOUND, true},
        {"no such id", &f->iro, "ZZZZ-ZZZZ-ZZZZ", "view", KITH_E_NOT_FOUND, false},
        {"the operator", &f->operator, ref, NULL, KITH_OK, false},
    };
    size_t ok_rows = 0, denied_rows = 0;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct cw_err err;
        cw_err_clear(&err);
        struct person out;
        bool audited = !cases[i].audited;
        enum kerr_code rc = cw_child_open(f->s, cases[i].who, cases[i].ref, cases[i].action, true,
                                          &f->a, &out, &audited, &err);
        if (rc != cases[i].rc || audited != cases[i].audited)
            fail_msg("%s: got %d (audited %d), expected %d (audited %d): %s", cases[i].what, rc,
                     audited, cases[i].rc, cases[i].audited, err.e.msg);
        if (!rc && out.id != f->child)
            fail_msg("%s: opened another person", cases[i].what);
        if (rc == KITH_E_NOT_FOUND && strcmp(err.e.field, "id") != 0)
            fail_msg("%s: the refusal names '%s', not the id", cases[i].what, err.e.field);
        ok_rows += audited && !rc;
        denied_rows += audited && rc;
    }
    assert_int_equal(audit_rows(f, "view", "ok"), ok_rows);
    assert_int_equal(audit_rows(f, "view", "denied"), denied_rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(types_match_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(types_have_ordered_parent_index, setup, teardown),
        cmocka_unit_test_setup_teardown(absences, setup, teardown),
        cmocka_unit_test_setup_teardown(agency_assignments, setup, teardown),
        cmocka_unit_test_setup_teardown(agency_period_reads_all, setup, teardown),
        cmocka_unit_test_setup_teardown(add_view_list, setup, teardown),
        cmocka_unit_test_setup_teardown(every_problem_beside_its_field, setup, teardown),
        cmocka_unit_test_setup_teardown(notes_one_set_of_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(corrections, setup, teardown),
        cmocka_unit_test_setup_teardown(work_derived, setup, teardown),
        cmocka_unit_test_setup_teardown(help_protection_journey, setup, teardown),
        cmocka_unit_test_setup_teardown(proceedings_journey, setup, teardown),
        cmocka_unit_test_setup_teardown(exemption_journey, setup, teardown),
        cmocka_unit_test_setup_teardown(plan_keeps_its_reviews, setup, teardown),
        cmocka_unit_test_setup_teardown(offers_to_each_pr_holder, setup, teardown),
        cmocka_unit_test_setup_teardown(step_up_and_down, setup, teardown),
        cmocka_unit_test_setup_teardown(family_help_review_due, setup, teardown),
        cmocka_unit_test_setup_teardown(deleting_runs_the_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(census_rules_once, setup, teardown),
        cmocka_unit_test_setup_teardown(authorisation_is_a_managers, setup, teardown),
        cmocka_unit_test_setup_teardown(the_child_gate, setup, teardown),
        cmocka_unit_test_setup_teardown(lcpp_allocation, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
