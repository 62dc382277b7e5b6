/*
 * The store on real SQLite files in a temporary directory: every record type written and
 * read back field by field, searches, pages, full-text search with hostile input,
 * allocations, transactions and partial writes, conflicts, and the ways opening a
 * database can go wrong (each must fail cleanly and leave the file as it was).
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domain/public_id.h"
#include "store/store.h"
#include "store/store_pool.h"
#include "testdb.h"

/* --- fixture: a fresh database per test ------------------------------------------------ */

struct fx {
    struct testdb db;
    char *dir;  /* db.dir */
    char *path; /* db.location: a SQLite file or a PostgreSQL URL */
    struct store *s;
    struct arena a;
    struct kerr e;
};

static void path_in(const struct fx *f, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", f->dir, name);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (testdb_make(&f->db))
        return -1;
    f->dir = f->db.dir;
    f->path = f->db.location;
    arena_init(&f->a, 0);
    kerr_clear(&f->e);
    if (store_open(f->path, STORE_CREATE, &f->s, &f->e)) {
        fprintf(stderr, "setup: %s\n", f->e.msg);
        return -1;
    }
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

/* Tests of SQLite files themselves (damage, permissions, foreign files) say so and stop on
 * PostgreSQL, where tests/pg covers the server's own faults. */
#define SQLITE_ONLY()                                                                              \
    do {                                                                                           \
        if (testdb_pg()) {                                                                         \
            print_message("(SQLite files only)\n");                                                \
            skip();                                                                                \
        }                                                                                          \
    } while (0)

/* Fail with the store's message, which says far more than the code. */
#define OK(call)                                                                                   \
    do {                                                                                           \
        enum kerr_code rc_ = (call);                                                               \
        if (rc_)                                                                                   \
            fail_msg("%s: %s (%s)", #call, kerr_name(rc_), f->e.msg);                              \
    } while (0)

#define FAILS(want_, call)                                                                         \
    do {                                                                                           \
        kerr_clear(&f->e);                                                                         \
        enum kerr_code rc_ = (call);                                                               \
        if (rc_ != (want_))                                                                        \
            fail_msg("%s: expected %s, got %s (%s)", #call, kerr_name(want_), kerr_name(rc_),      \
                     f->e.msg);                                                                    \
        assert_int_equal(f->e.code, (want_));                                                      \
    } while (0)

static int64_t add_team(struct fx *f, const char *name)
{
    struct team t = {.name = name, .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 18};
    OK(store_team_add(f->s, &t, &f->e));
    return t.id;
}

static int64_t add_worker(struct fx *f, int64_t team, const char *given, const char *family)
{
    struct worker w = {.team_id = team,
                       .given_name = given,
                       .family_name = family,
                       .role = ROLE_SOCIAL_WORKER,
                       .fte = 1.0,
                       .start = day("2020-09-01"),
                       .end = DATE_NONE};
    OK(store_worker_add(f->s, &w, &f->e));
    return w.id;
}

static struct person new_person(enum person_kind kind, const char *given, const char *family)
{
    struct person p = {.kind = kind,
                       .given_name = given,
                       .family_name = family,
                       .dob = DATE_NONE,
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'U',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    return p;
}

static int64_t add_child(struct fx *f, const char *given, const char *family, const char *la_id)
{
    struct person p = new_person(PERSON_CHILD, given, family);
    snprintf(p.la_child_id, sizeof(p.la_child_id), "%s", la_id);
    OK(store_person_add(f->s, &p, &f->e));
    return p.id;
}

static struct store_counts counts(struct fx *f)
{
    struct store_counts c;
    OK(store_counts(f->s, &c, &f->e));
    return c;
}

/* --- workforce ------------------------------------------------------------------------ */

static void teams(void **state)
{
    struct fx *f = *state;
    struct team t = {
        .name = "Referral and Assessment", .service = SERVICE_ASSESSMENT, .caseload_threshold = 20};
    OK(store_team_add(f->s, &t, &f->e));
    assert_true(t.id > 0);
    assert_true(public_id_valid(t.public_id));
    struct team chosen = {.name = "Children in Care 1",
                          .service = SERVICE_CHILDREN_IN_CARE,
                          .caseload_threshold = 15,
                          .public_id = "000000000000000000000000ab"};
    OK(store_team_add(f->s, &chosen, &f->e));
    assert_string_equal(chosen.public_id, "000000000000000000000000ab");

    struct team *list;
    size_t n;
    OK(store_team_list(f->s, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 2); /* in name order */
    assert_string_equal(list[0].name, "Children in Care 1");
    assert_string_equal(list[1].name, "Referral and Assessment");
    assert_int_equal(list[1].id, t.id);
    assert_string_equal(list[1].public_id, t.public_id);
    assert_int_equal(list[1].service, SERVICE_ASSESSMENT);
    assert_int_equal(list[1].caseload_threshold, 20);

    struct team got;
    OK(store_team_find(f->s, t.public_id, &f->a, &got, &f->e));
    assert_int_equal(got.id, t.id);
    char upper[PUBLIC_ID_LEN + 1];
    for (int i = 0; i <= PUBLIC_ID_LEN; i++)
        upper[i] = (char)(t.public_id[i] >= 'a' ? t.public_id[i] - 32 : t.public_id[i]);
    OK(store_team_find(f->s, upper, &f->a, &got, &f->e));
    assert_int_equal(got.id, t.id);
    OK(store_team_find(f->s, "referral AND assessment", &f->a, &got, &f->e));
    assert_int_equal(got.id, t.id);
    assert_string_equal(got.name, "Referral and Assessment");
    FAILS(KITH_E_NOT_FOUND, store_team_find(f->s, "Referral", &f->a, &got, &f->e));
    FAILS(KITH_E_NOT_FOUND,
          store_team_find(f->s, "7zzzzzzzzzzzzzzzzzzzzzzzzz", &f->a, &got, &f->e));

    /* Names are unique ignoring case. */
    struct team again = {.name = "REFERRAL and assessment", .caseload_threshold = 5};
    FAILS(KITH_E_CONFLICT, store_team_add(f->s, &again, &f->e));
    assert_string_equal(f->e.field, "name");
    assert_non_null(strstr(f->e.msg, "a team called 'REFERRAL and assessment' already exists"));
    assert_string_equal(again.public_id, ""); /* not filled on failure */
    /* "Ignoring case" is ASCII's case on both backends (SQLite's NOCASE), whatever the
     * PostgreSQL server's locale: these two are different teams everywhere. */
    struct team accented = {.name = "\xc3\x81vila", .caseload_threshold = 5};
    OK(store_team_add(f->s, &accented, &f->e));
    struct team lower = {.name = "\xc3\xa1vila", .caseload_threshold = 5};
    OK(store_team_add(f->s, &lower, &f->e));
    struct team same_id = {
        .name = "Other", .caseload_threshold = 5, .public_id = "000000000000000000000000ab"};
    FAILS(KITH_E_CONFLICT, store_team_add(f->s, &same_id, &f->e));
    assert_string_equal(f->e.field, "public_id");

    static const struct {
        struct team t;
        const char *field;
    } bad[] = {
        {{.name = "Zero", .caseload_threshold = 0}, "caseload_threshold"},
        {{.name = "Negative", .caseload_threshold = -3}, "caseload_threshold"},
        {{.name = "", .caseload_threshold = 3}, "name"},
        {{.name = NULL, .caseload_threshold = 3}, "name"},
        {{.name = "Service", .service = SERVICE_COUNT, .caseload_threshold = 3}, "service"},
        {{.name = "Bad id", .caseload_threshold = 3, .public_id = "ABC"}, "public_id"},
        {{.name = "Look-alike", .caseload_threshold = 3, .public_id = "0000000000000000000000000i"},
         "public_id"},
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        struct team b = bad[i].t;
        FAILS(KITH_E_INVALID, store_team_add(f->s, &b, &f->e));
        assert_string_equal(f->e.field, bad[i].field);
    }
    assert_int_equal(counts(f).teams, 4);
}

static void workers(void **state)
{
    struct fx *f = *state;
    int64_t t1 = add_team(f, "Child in Need 1"), t2 = add_team(f, "Child in Need 2");
    struct worker w = {.team_id = t1,
                       .given_name = "Ngozi",
                       .family_name = "Okafor-Brown",
                       .registration = "SW123456",
                       .role = ROLE_SENIOR_PRACTITIONER,
                       .fte = 0.6,
                       .agency = true,
                       .start = day("2019-04-01"),
                       .end = DATE_NONE};
    OK(store_worker_add(f->s, &w, &f->e));
    assert_true(w.id > 0);
    assert_true(public_id_valid(w.public_id));
    struct worker left = {.team_id = t2,
                          .given_name = "Zoë",
                          .family_name = "Ávila",
                          .role = ROLE_FAMILY_SUPPORT_WORKER,
                          .fte = 1.0,
                          .start = day("2018-01-15"),
                          .end = day("2023-06-30")};
    OK(store_worker_add(f->s, &left, &f->e));
    int64_t third = add_worker(f, t1, "Adam", "Brown");

    struct worker got;
    OK(store_worker_get(f->s, w.id, &f->a, &got, &f->e));
    assert_int_equal(got.id, w.id);
    assert_string_equal(got.public_id, w.public_id);
    assert_int_equal(got.team_id, t1);
    assert_string_equal(got.given_name, "Ngozi");
    assert_string_equal(got.family_name, "Okafor-Brown");
    assert_string_equal(got.registration, "SW123456");
    assert_int_equal(got.role, ROLE_SENIOR_PRACTITIONER);
    assert_true(got.fte == 0.6);
    assert_true(got.agency);
    assert_int_equal(got.start, day("2019-04-01"));
    assert_int_equal(got.end, DATE_NONE);
    OK(store_worker_get(f->s, left.id, &f->a, &got, &f->e));
    assert_string_equal(got.given_name, "Zoë");
    assert_string_equal(got.family_name, "Ávila");
    assert_string_equal(got.registration, "");
    assert_false(got.agency);
    assert_int_equal(got.end, day("2023-06-30"));
    FAILS(KITH_E_NOT_FOUND, store_worker_get(f->s, 9999, &f->a, &got, &f->e));

    OK(store_worker_find(f->s, "sw123456", &f->a, &got, &f->e));
    assert_int_equal(got.id, w.id);
    OK(store_worker_find(f->s, left.public_id, &f->a, &got, &f->e));
    assert_int_equal(got.id, left.id);
    FAILS(KITH_E_NOT_FOUND, store_worker_find(f->s, "SW999", &f->a, &got, &f->e));

    struct worker *list;
    size_t n;
    struct worker_query all = {0};
    OK(store_worker_list(f->s, &all, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 3); /* by family name: Ávila sorts after ASCII names */
    assert_int_equal(list[0].id, third);
    assert_int_equal(list[1].id, w.id);
    assert_int_equal(list[2].id, left.id);
    struct worker_query team1 = {.team_id = t1};
    OK(store_worker_list(f->s, &team1, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 2);
    struct worker_query current = {.current_only = 1};
    OK(store_worker_list(f->s, &current, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 2);
    struct worker_query page = {.limit = 1, .offset = 1};
    OK(store_worker_list(f->s, &page, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, w.id);

    /* Checks before writing, each naming its field. */
    static const struct {
        const char *field;
        double fte;
        const char *start, *end, *registration;
        int role;
        int64_t team;
    } bad[] = {
        {"fte", 0.0, "2020-01-01", NULL, "", 0, 1},
        {"fte", -0.5, "2020-01-01", NULL, "", 0, 1},
        {"fte", 1.01, "2020-01-01", NULL, "", 0, 1},
        {"fte", NAN, "2020-01-01", NULL, "", 0, 1},
        {"start", 1.0, NULL, NULL, "", 0, 1},
        {"end", 1.0, "2020-01-01", "2019-12-31", "", 0, 1},
        {"registration", 1.0, "2020-01-01", NULL, "12345", 0, 1},
        {"registration", 1.0, "2020-01-01", NULL, "SW", 0, 1},
        {"registration", 1.0, "2020-01-01", NULL, "SW12a", 0, 1},
        {"role", 1.0, "2020-01-01", NULL, "", ROLE_COUNT, 1},
        {"role", 1.0, "2020-01-01", NULL, "", -1, 1},
        {"team_id", 1.0, "2020-01-01", NULL, "", 0, 0},
        {"team_id", 1.0, "2020-01-01", NULL, "", 0, 4242}, /* no such team */
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        struct worker b = {.team_id = bad[i].team,
                           .given_name = "A",
                           .family_name = "B",
                           .role = (enum worker_role)bad[i].role,
                           .fte = bad[i].fte,
                           .start = bad[i].start ? day(bad[i].start) : DATE_NONE,
                           .end = bad[i].end ? day(bad[i].end) : DATE_NONE};
        snprintf(b.registration, sizeof(b.registration), "%s", bad[i].registration);
        FAILS(KITH_E_INVALID, store_worker_add(f->s, &b, &f->e));
        assert_string_equal(f->e.field, bad[i].field);
    }
    assert_non_null(strstr(f->e.msg, "there is no team with id 4242"));
    struct worker dup = {.team_id = t2,
                         .given_name = "C",
                         .family_name = "D",
                         .registration = "SW123456",
                         .fte = 1,
                         .start = day("2020-01-01"),
                         .end = DATE_NONE};
    FAILS(KITH_E_CONFLICT, store_worker_add(f->s, &dup, &f->e));
    assert_string_equal(f->e.field, "registration");
    assert_non_null(strstr(f->e.msg, "registration 'SW123456' is already used by another worker"));

    struct store_counts c = counts(f);
    assert_int_equal(c.workers, 2); /* in post */
    assert_int_equal(c.agency_workers, 1);
}

static void users(void **state)
{
    struct fx *f = *state;
    int64_t w = add_worker(f, add_team(f, "T"), "Amal", "Haddad");
    struct user u = {.username = "amal.haddad",
                     .worker_id = w,
                     .role = UROLE_TEAM_MANAGER,
                     .created = DATE_NONE};
    OK(store_user_add(f->s, &u, &f->e));
    assert_int_equal(u.created, day("2026-01-15")); /* KITH_TODAY */
    struct user auditor = {.username = "auditor",
                           .role = UROLE_AUDITOR,
                           .disabled = true,
                           .created = day("2024-02-29")};
    OK(store_user_add(f->s, &auditor, &f->e));
    struct user *list;
    size_t n;
    OK(store_user_list(f->s, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 2);
    assert_string_equal(list[0].username, "amal.haddad");
    assert_int_equal(list[0].id, u.id);
    assert_int_equal(list[0].worker_id, w);
    assert_int_equal(list[0].role, UROLE_TEAM_MANAGER);
    assert_false(list[0].disabled);
    assert_int_equal(list[0].created, day("2026-01-15"));
    assert_string_equal(list[1].username, "auditor");
    assert_int_equal(list[1].worker_id, 0);
    assert_true(list[1].disabled);
    assert_int_equal(list[1].created, day("2024-02-29"));

    struct user dup = {.username = "Amal.Haddad", .created = DATE_NONE};
    FAILS(KITH_E_CONFLICT, store_user_add(f->s, &dup, &f->e));
    assert_non_null(strstr(f->e.msg, "username 'Amal.Haddad' is already taken"));
    struct user nobody = {.username = "x", .worker_id = 777, .created = DATE_NONE};
    FAILS(KITH_E_INVALID, store_user_add(f->s, &nobody, &f->e));
    assert_string_equal(f->e.field, "worker_id");
    struct user empty = {.username = "", .created = DATE_NONE};
    FAILS(KITH_E_INVALID, store_user_add(f->s, &empty, &f->e));
    assert_int_equal(counts(f).users, 2);
}

/* --- people --------------------------------------------------------------------------- */

static struct person full_child(void)
{
    struct person p = {
        .kind = PERSON_CHILD,
        .la_child_id = "LA0001234",
        .given_name = "Siobhán",
        .family_name = "Ó Briain-Nkemelu",
        .dob = day("2012-02-29"),
        .expected_dob = day("2012-03-05"),
        .death = day("2025-01-02"),
        .sex = 'F',
        .ethnicity = "MWBA",
        .upn = "A123456789012",
        .former_upn = "B12345678901A",
        .upn_unknown = "UN3",
        .postcode = "N1 9GU",
        .uasc = true,
        .uasc_ceased = day("2024-07-31"),
        .n_disabilities = 3,
        .disabilities = {"MOB", "AUT", "HEAR"},
        .created = day("2020-05-06"),
    };
    return p;
}

static void assert_same_person(const struct person *a, const struct person *b)
{
    assert_int_equal(a->id, b->id);
    assert_string_equal(a->public_id, b->public_id);
    assert_int_equal(a->kind, b->kind);
    assert_string_equal(a->la_child_id, b->la_child_id);
    assert_string_equal(a->given_name, b->given_name);
    assert_string_equal(a->family_name, b->family_name);
    assert_int_equal(a->dob, b->dob);
    assert_int_equal(a->expected_dob, b->expected_dob);
    assert_int_equal(a->death, b->death);
    assert_int_equal(a->sex, b->sex);
    assert_string_equal(a->ethnicity, b->ethnicity);
    assert_string_equal(a->upn, b->upn);
    assert_string_equal(a->former_upn, b->former_upn);
    assert_string_equal(a->upn_unknown, b->upn_unknown);
    assert_string_equal(a->postcode, b->postcode);
    assert_int_equal(a->uasc, b->uasc);
    assert_int_equal(a->uasc_ceased, b->uasc_ceased);
    assert_int_equal(a->created, b->created);
    assert_int_equal(a->n_disabilities, b->n_disabilities);
    for (int i = 0; i < a->n_disabilities; i++)
        assert_string_equal(a->disabilities[i], b->disabilities[i]);
}

static int cmp_code(const void *a, const void *b) { return strcmp(a, b); }

static void people_round_trip(void **state)
{
    struct fx *f = *state;
    struct person child = full_child();
    OK(store_person_add(f->s, &child, &f->e));
    assert_true(child.id > 0);
    assert_true(public_id_valid(child.public_id));
    /* Disabilities come back in code order. */
    struct person want = child;
    qsort(want.disabilities, (size_t)want.n_disabilities, sizeof(want.disabilities[0]), cmp_code);

    struct person got;
    OK(store_person_get(f->s, child.id, &f->a, &got, &f->e));
    assert_same_person(&got, &want);
    OK(store_person_find(f->s, child.public_id, &f->a, &got, &f->e));
    assert_same_person(&got, &want);
    OK(store_person_find(f->s, "la0001234", &f->a, &got, &f->e));
    assert_same_person(&got, &want);

    /* A relative with nothing known but a name: every missing value reads back missing. */
    struct person rel = new_person(PERSON_RELATIVE, "", "Nowak");
    OK(store_person_add(f->s, &rel, &f->e));
    assert_int_equal(rel.created, day("2026-01-15"));
    OK(store_person_get(f->s, rel.id, &f->a, &got, &f->e));
    assert_same_person(&got, &rel);
    assert_int_equal(got.dob, DATE_NONE);
    assert_int_equal(got.n_disabilities, 0);
    assert_string_equal(got.la_child_id, "");

    /* Thirteen disabilities, the most a person can have. */
    static const char *const all13[] = {"NONE", "MOB", "HAND", "PC",  "INC", "COMM", "LD",
                                        "HEAR", "VIS", "BEH",  "CON", "AUT", "DDA"};
    struct person many = new_person(PERSON_CHILD, "Mei", "Chen");
    for (size_t i = 0; i < N_ELEMS(all13); i++)
        snprintf(many.disabilities[i], sizeof(many.disabilities[i]), "%s", all13[i]);
    many.n_disabilities = DISABILITIES_MAX;
    OK(store_person_add(f->s, &many, &f->e));
    OK(store_person_get(f->s, many.id, &f->a, &got, &f->e));
    assert_int_equal(got.n_disabilities, DISABILITIES_MAX);
    for (int i = 1; i < got.n_disabilities; i++)
        assert_true(strcmp(got.disabilities[i - 1], got.disabilities[i]) < 0);

    FAILS(KITH_E_NOT_FOUND, store_person_get(f->s, 424242, &f->a, &got, &f->e));
    FAILS(KITH_E_NOT_FOUND, store_person_find(f->s, "LA404", &f->a, &got, &f->e));
    FAILS(KITH_E_NOT_FOUND,
          store_person_find(f->s, "7zzzzzzzzzzzzzzzzzzzzzzzzz", &f->a, &got, &f->e));

    /* Update replaces every field and the disabilities; the public id and the created
     * date stay. */
    struct person upd = new_person(PERSON_CHILD, "Sam", "Okoro");
    upd.id = child.id;
    snprintf(upd.la_child_id, sizeof(upd.la_child_id), "LA0001235");
    upd.dob = day("2013-01-01");
    upd.sex = 'M';
    upd.n_disabilities = 1;
    snprintf(upd.disabilities[0], sizeof(upd.disabilities[0]), "VIS");
    upd.created = day("1999-01-01"); /* ignored */
    OK(store_person_update(f->s, &upd, &f->e));
    OK(store_person_get(f->s, child.id, &f->a, &got, &f->e));
    assert_string_equal(got.public_id, child.public_id);
    assert_int_equal(got.created, child.created);
    assert_string_equal(got.given_name, "Sam");
    assert_string_equal(got.la_child_id, "LA0001235");
    assert_string_equal(got.upn, "");
    assert_int_equal(got.death, DATE_NONE);
    assert_false(got.uasc);
    assert_int_equal(got.n_disabilities, 1);
    assert_string_equal(got.disabilities[0], "VIS");
    upd.n_disabilities = 0;
    OK(store_person_update(f->s, &upd, &f->e));
    OK(store_person_get(f->s, child.id, &f->a, &got, &f->e));
    assert_int_equal(got.n_disabilities, 0);
    upd.id = 5555;
    FAILS(KITH_E_NOT_FOUND, store_person_update(f->s, &upd, &f->e));

    struct store_counts c = counts(f);
    assert_int_equal(c.children, 2);
    assert_int_equal(c.relatives, 1);
}

static void people_checks_and_conflicts(void **state)
{
    struct fx *f = *state;
    int64_t first = add_child(f, "Ava", "Smith", "LA77");

    struct person dup = new_person(PERSON_CHILD, "Other", "Child");
    snprintf(dup.la_child_id, sizeof(dup.la_child_id), "la77");
    FAILS(KITH_E_CONFLICT, store_person_add(f->s, &dup, &f->e));
    assert_string_equal(f->e.field, "la_child_id");
    assert_non_null(strstr(f->e.msg, "LA child id 'la77' is already used by another child"));
    assert_string_equal(dup.public_id, "");
    assert_int_equal(dup.id, 0);
    /* An update that takes another child's id clashes the same way. */
    int64_t second = add_child(f, "Ben", "Smith", "LA78");
    struct person upd = new_person(PERSON_CHILD, "Ben", "Smith");
    upd.id = second;
    snprintf(upd.la_child_id, sizeof(upd.la_child_id), "LA77");
    FAILS(KITH_E_CONFLICT, store_person_update(f->s, &upd, &f->e));
    assert_string_equal(f->e.field, "la_child_id");

    static const struct {
        const char *field;
        int kind;
        char sex;
        const char *la_id, *code;
        int n_codes;
        const char *dob, *death;
    } bad[] = {
        {"kind", 2, 'F', "", NULL, 0, NULL, NULL},
        {"disabilities", PERSON_CHILD, 'M', "", "mob", 1, NULL, NULL},
        {"disabilities", PERSON_CHILD, 'M', "", "M,B", 1, NULL, NULL},
        {"disabilities", PERSON_CHILD, 'M', "", "", 1, NULL, NULL},
        {"disabilities", PERSON_CHILD, 'M', "", "MOB", 14, NULL, NULL},
        {"disabilities", PERSON_CHILD, 'M', "", "MOB", -1, NULL, NULL},
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        struct person p = new_person((enum person_kind)bad[i].kind, "A", "B");
        p.sex = bad[i].sex;
        snprintf(p.la_child_id, sizeof(p.la_child_id), "%s", bad[i].la_id);
        p.n_disabilities = bad[i].n_codes;
        if (bad[i].code)
            snprintf(p.disabilities[0], sizeof(p.disabilities[0]), "%s", bad[i].code);
        p.dob = bad[i].dob ? day(bad[i].dob) : DATE_NONE;
        p.death = bad[i].death ? day(bad[i].death) : DATE_NONE;
        FAILS(KITH_E_INVALID, store_person_add(f->s, &p, &f->e));
        assert_string_equal(f->e.field, bad[i].field);
    }
    struct person far = new_person(PERSON_CHILD, "A", "B");
    far.dob = date_from_ymd(2300, 1, 1);
    FAILS(KITH_E_INVALID, store_person_add(f->s, &far, &f->e));
    assert_string_equal(f->e.field, "dob");
    char longname[STORE_NAME_MAX + 2];
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    struct person big = new_person(PERSON_CHILD, longname, "B");
    FAILS(KITH_E_TOO_LARGE, store_person_add(f->s, &big, &f->e));
    assert_string_equal(f->e.field, "given_name");
    assert_int_equal(counts(f).children, 2);
    (void)first;
}

/* A write of several rows that fails part-way leaves none of them: on its own through a
 * savepoint, inside a transaction once the caller rolls back (store.h). */
static void failed_writes_leave_nothing(void **state)
{
    struct fx *f = *state;
    struct person p = new_person(PERSON_CHILD, "Half", "Written");
    snprintf(p.la_child_id, sizeof(p.la_child_id), "LAHALF");
    p.n_disabilities = 3;
    snprintf(p.disabilities[0], 5, "MOB");
    snprintf(p.disabilities[1], 5, "VIS");
    snprintf(p.disabilities[2], 5, "MOB"); /* the third row clashes with the first */
    FAILS(KITH_E_CONFLICT, store_person_add(f->s, &p, &f->e));
    assert_string_equal(f->e.field, "disabilities");
    assert_non_null(strstr(f->e.msg, "disability 'MOB' is given twice"));
    assert_int_equal(p.id, 0);
    struct person got;
    FAILS(KITH_E_NOT_FOUND, store_person_find(f->s, "LAHALF", &f->a, &got, &f->e));
    assert_int_equal(counts(f).children, 0);

    OK(store_begin(f->s, &f->e));
    add_child(f, "Gone", "Child", "LAGONE");
    FAILS(KITH_E_CONFLICT, store_person_add(f->s, &p, &f->e));
    store_rollback(f->s);
    FAILS(KITH_E_NOT_FOUND, store_person_find(f->s, "LAHALF", &f->a, &got, &f->e));
    FAILS(KITH_E_NOT_FOUND, store_person_find(f->s, "LAGONE", &f->a, &got, &f->e));
    assert_int_equal(counts(f).children, 0);
    int64_t kept = add_child(f, "Kept", "Child", "LAKEPT");

    /* An update that fails on its disabilities leaves the old record whole. */
    struct person upd = new_person(PERSON_CHILD, "Renamed", "Child");
    upd.id = kept;
    snprintf(upd.la_child_id, sizeof(upd.la_child_id), "LAKEPT");
    upd.n_disabilities = 2;
    snprintf(upd.disabilities[0], 5, "VIS");
    snprintf(upd.disabilities[1], 5, "VIS");
    FAILS(KITH_E_CONFLICT, store_person_update(f->s, &upd, &f->e));
    OK(store_person_get(f->s, kept, &f->a, &got, &f->e));
    assert_string_equal(got.given_name, "Kept");

    /* A note whose author does not exist leaves no note and no index entry. */
    struct case_note n = {.child_id = kept,
                          .author_id = 99,
                          .date = day("2025-01-01"),
                          .kind = "visit",
                          .subject = "Orphan",
                          .body = "unreachable words"};
    FAILS(KITH_E_INVALID, store_note_add(f->s, &n, &f->e));
    assert_string_equal(f->e.field, "author_id");
    assert_non_null(strstr(f->e.msg, "there is no worker with id 99"));
    assert_string_equal(n.public_id, "");
    struct case_note *list;
    size_t cnt;
    struct note_query q = {.text = "unreachable"};
    OK(store_note_list(f->s, &q, &f->a, &list, &cnt, &f->e));
    assert_int_equal(cnt, 0);
    assert_int_equal(counts(f).notes, 0);
}

static void rollback_leaves_nothing(void **state)
{
    struct fx *f = *state;
    OK(store_begin(f->s, &f->e));
    int64_t t = add_team(f, "Gone");
    int64_t w = add_worker(f, t, "Gone", "Worker");
    int64_t c = add_child(f, "Gone", "Child", "LAGONE");
    struct allocation al = {
        .child_id = c, .worker_id = w, .start = day("2025-01-01"), .end = DATE_NONE};
    OK(store_allocation_add(f->s, &al, &f->e));
    struct case_note n = {.child_id = c,
                          .author_id = w,
                          .date = day("2025-01-02"),
                          .kind = "visit",
                          .subject = "Vanishing",
                          .body = "ephemeral"};
    OK(store_note_add(f->s, &n, &f->e));
    store_rollback(f->s);
    struct store_counts z = counts(f);
    struct store_counts zero = {0};
    assert_memory_equal(&z, &zero, sizeof(z));
    struct case_note *list;
    size_t cnt;
    struct note_query q = {.text = "ephemeral"};
    OK(store_note_list(f->s, &q, &f->a, &list, &cnt, &f->e));
    assert_int_equal(cnt, 0);
    store_rollback(f->s); /* no transaction: does nothing */

    /* Committed work survives closing and opening again. */
    OK(store_begin(f->s, &f->e));
    add_child(f, "Stays", "Child", "LASTAYS");
    OK(store_commit(f->s, &f->e));
    store_close(f->s);
    f->s = NULL;
    OK(store_open(f->path, 0, &f->s, &f->e));
    struct person got;
    OK(store_person_find(f->s, "LASTAYS", &f->a, &got, &f->e));
    assert_string_equal(got.given_name, "Stays");
}

static void random_public_ids(void **state)
{
    struct fx *f = *state;
    enum { N = 300 };
    static char ids[N][PUBLIC_ID_LEN + 1];
    OK(store_begin(f->s, &f->e));
    for (int i = 0; i < N; i++) {
        struct person p = new_person(PERSON_RELATIVE, "R", "R");
        OK(store_person_add(f->s, &p, &f->e));
        assert_true(public_id_valid(p.public_id));
        memcpy(ids[i], p.public_id, sizeof(ids[i]));
    }
    OK(store_commit(f->s, &f->e));
    qsort(ids, N, sizeof(ids[0]), cmp_code);
    for (int i = 1; i < N; i++)
        assert_string_not_equal(ids[i - 1], ids[i]);
}

/* --- search and pages ----------------------------------------------------------------- */

static const struct {
    const char *given, *family, *la_id, *upn;
    int kind;
} people_table[] = {
    {"Amy", "Smith", "LA100", "A100000000001", PERSON_CHILD},
    {"Amir", "Smithson", "LA101", "A100000000002", PERSON_CHILD},
    {"Bella", "Amos", "LA102", "", PERSON_CHILD},
    {"Zoë", "Łukasiewicz", "LA200", "", PERSON_CHILD},
    {"Oluwaseun", "Adeyemi", "XB-9", "B200000000001", PERSON_CHILD},
    {"Mary Ann", "van der Berg", "LA103", "", PERSON_CHILD},
    {"Amy", "Smith", "", "", PERSON_RELATIVE},
    {"Tom", "Zaŀewski", "LA104", "", PERSON_CHILD}, /* Ŀ (U+013F/0140) sorts past U+00FF */
    {"Percent", "100% Sure", "LA105", "", PERSON_CHILD},
};

static void add_people_table(struct fx *f, int64_t *ids)
{
    for (size_t i = 0; i < N_ELEMS(people_table); i++) {
        struct person p = new_person((enum person_kind)people_table[i].kind, people_table[i].given,
                                     people_table[i].family);
        snprintf(p.la_child_id, sizeof(p.la_child_id), "%s", people_table[i].la_id);
        snprintf(p.upn, sizeof(p.upn), "%s", people_table[i].upn);
        OK(store_person_add(f->s, &p, &f->e));
        ids[i] = p.id;
    }
}

static void search(void **state)
{
    struct fx *f = *state;
    int64_t ids[N_ELEMS(people_table)];
    add_people_table(f, ids);
    static const struct {
        const char *text;
        int kind;
        const char *expect; /* indexes into people_table, in list order */
    } cases[] = {
        {"smith", -1, "061"}, /* family prefix: both Amy Smiths, then Smithson... */
        {"SMITHS", -1, "1"},  /* ...case does not matter */
        {"smith", PERSON_CHILD, "01"},
        {"smith", PERSON_RELATIVE, "6"},
        {"am", -1, "2061"},    /* family name Amos, given names Amy, Amir */
        {"amy smi", -1, "06"}, /* "given family" */
        {"  amy   SMITH ", -1, "06"},
        {"mary ann v", -1, "5"}, /* a given name with a space */
        {"van der", -1, "5"},
        {"la10", -1, "820157"}, /* LA child id prefix, ignoring case */
        {"xb-", -1, "4"},
        {"a1000", -1, "01"}, /* UPN prefix */
        {"b2", -1, "4"},
        {"Łuk", -1, "3"},    /* non-ASCII names match as typed */
        {"Za", -1, "7"},     /* the next character is past U+00FF */
        {"zoë Łu", -1, "3"}, /* only ASCII letters ignore case */
        {"zoë łu", -1, ""},
        {"100%", -1, "8"}, /* % and _ are plain characters */
        {"%", -1, ""},
        {"_", -1, ""},
        {"nobody", -1, ""},
        {"'; DROP TABLE person; --", -1, ""},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct person_query q = {.kind = cases[i].kind, .text = cases[i].text};
        struct person *list;
        size_t n;
        OK(store_person_list(f->s, &q, &f->a, &list, &n, &f->e));
        size_t want = strlen(cases[i].expect);
        if (n != want)
            fail_msg("search '%s': %zu results, expected %zu", cases[i].text, n, want);
        for (size_t k = 0; k < n; k++)
            if (list[k].id != ids[cases[i].expect[k] - '0'])
                fail_msg("search '%s': result %zu is %s %s", cases[i].text, k, list[k].given_name,
                         list[k].family_name);
    }
    /* Results come with their disabilities. */
    struct person p = new_person(PERSON_CHILD, "Dis", "Abled");
    p.n_disabilities = 2;
    snprintf(p.disabilities[0], 5, "VIS");
    snprintf(p.disabilities[1], 5, "HEAR");
    OK(store_person_add(f->s, &p, &f->e));
    struct person_query q = {.kind = -1, .text = "abled"};
    struct person *list;
    size_t n;
    OK(store_person_list(f->s, &q, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(list[0].n_disabilities, 2);
    assert_string_equal(list[0].disabilities[0], "HEAR");
    assert_string_equal(list[0].disabilities[1], "VIS");
    /* Blank text lists everyone; text past the limit is refused. */
    struct person_query blank = {.kind = -1, .text = "   "};
    OK(store_person_list(f->s, &blank, &f->a, &list, &n, &f->e));
    assert_int_equal(n, N_ELEMS(people_table) + 1);
    /* Up to STORE_SEARCH_MAX bytes of words, however many spaces around them. */
    char huge[STORE_SEARCH_MAX + 8];
    memset(huge, ' ', sizeof(huge) - 1);
    memset(huge + 3, 'a', STORE_SEARCH_MAX);
    huge[sizeof(huge) - 1] = '\0';
    struct person_query longest = {.kind = -1, .text = huge};
    OK(store_person_list(f->s, &longest, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 0);
    huge[3 + STORE_SEARCH_MAX] = 'a';
    FAILS(KITH_E_TOO_LARGE, store_person_list(f->s, &longest, &f->a, &list, &n, &f->e));
}

static void pages(void **state)
{
    struct fx *f = *state;
    enum { N = 130 };
    OK(store_begin(f->s, &f->e));
    for (int i = 0; i < N; i++) {
        char family[16], given[16];
        snprintf(family, sizeof(family), "Fam%03d", (i * 37) % N); /* inserted out of order */
        snprintf(given, sizeof(given), "G%d", i % 3);
        struct person p = new_person(PERSON_CHILD, given, family);
        OK(store_person_add(f->s, &p, &f->e));
    }
    OK(store_commit(f->s, &f->e));
    struct person_query all = {.kind = -1, .limit = 1000};
    struct person *every;
    size_t n;
    OK(store_person_list(f->s, &all, &f->a, &every, &n, &f->e));
    assert_int_equal(n, N);
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(every[i - 1].family_name, every[i].family_name) < 0);

    struct person_query dflt = {.kind = -1};
    struct person *list;
    OK(store_person_list(f->s, &dflt, &f->a, &list, &n, &f->e));
    assert_int_equal(n, STORE_PAGE_DEFAULT);
    static const struct {
        size_t limit, offset, expect;
    } cases[] = {{7, 14, 7}, {7, 126, 4}, {10, 130, 0}, {10, 1000, 0}, {1, 0, 1}, {3, 129, 1}};
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct person_query q = {.kind = -1, .limit = cases[i].limit, .offset = cases[i].offset};
        OK(store_person_list(f->s, &q, &f->a, &list, &n, &f->e));
        assert_int_equal(n, cases[i].expect);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(list[k].id, every[cases[i].offset + k].id);
    }
    /* Pages of a search walk the same order. */
    struct person_query s1 = {.kind = -1, .text = "fam1", .limit = 5, .offset = 5};
    OK(store_person_list(f->s, &s1, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 5);
    assert_string_equal(list[0].family_name, "Fam105");

    /* No page passes the cap. */
    OK(store_begin(f->s, &f->e));
    for (int i = 0; i < STORE_PAGE_MAX; i++) {
        struct person p = new_person(PERSON_RELATIVE, "R", "Zed");
        OK(store_person_add(f->s, &p, &f->e));
    }
    OK(store_commit(f->s, &f->e));
    struct person_query huge = {.kind = -1, .limit = STORE_PAGE_MAX * 3};
    OK(store_person_list(f->s, &huge, &f->a, &list, &n, &f->e));
    assert_int_equal(n, STORE_PAGE_MAX);
}

/* --- allocations and relationships ------------------------------------------------------ */

static void allocations(void **state)
{
    struct fx *f = *state;
    int64_t t1 = add_team(f, "East"), t2 = add_team(f, "West");
    int64_t w1 = add_worker(f, t1, "Ada", "One"), w2 = add_worker(f, t2, "Bo", "Two");
    int64_t w3 = add_worker(f, t1, "Cy", "Three");
    int64_t a = add_child(f, "Ann", "Ash", "LA1"), b = add_child(f, "Ben", "Birch", "LA2");
    int64_t c = add_child(f, "Cat", "Cedar", "LA3"), d = add_child(f, "Dan", "Deal", "LA4");
    (void)d;

    struct allocation past = {.child_id = a,
                              .worker_id = w2,
                              .role = ALLOC_SOCIAL_WORKER,
                              .start = day("2023-01-01"),
                              .end = day("2023-06-30"),
                              .end_reason = "transfer"};
    OK(store_allocation_add(f->s, &past, &f->e));
    struct allocation now = {.child_id = a,
                             .worker_id = w1,
                             .role = ALLOC_SOCIAL_WORKER,
                             .start = day("2023-07-01"),
                             .end = DATE_NONE};
    OK(store_allocation_add(f->s, &now, &f->e));
    struct allocation iro = {.child_id = a,
                             .worker_id = w3,
                             .role = ALLOC_IRO,
                             .start = day("2023-07-01"),
                             .end = DATE_NONE};
    OK(store_allocation_add(f->s, &iro, &f->e));
    struct allocation bnow = {.child_id = b,
                              .worker_id = w2,
                              .role = ALLOC_PERSONAL_ADVISER,
                              .start = day("2024-02-01"),
                              .end = DATE_NONE};
    OK(store_allocation_add(f->s, &bnow, &f->e));
    struct allocation cnow = {
        .child_id = c, .worker_id = w1, .start = day("2024-03-01"), .end = DATE_NONE};
    OK(store_allocation_add(f->s, &cnow, &f->e));

    struct allocation *list;
    size_t n;
    OK(store_allocation_list(f->s, a, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 3); /* newest first, then the later-added of the same day */
    assert_int_equal(list[0].id, iro.id);
    assert_int_equal(list[1].id, now.id);
    assert_int_equal(list[2].id, past.id);
    assert_int_equal(list[2].child_id, a);
    assert_int_equal(list[2].worker_id, w2);
    assert_int_equal(list[2].role, ALLOC_SOCIAL_WORKER);
    assert_int_equal(list[2].start, day("2023-01-01"));
    assert_int_equal(list[2].end, day("2023-06-30"));
    assert_string_equal(list[2].end_reason, "transfer");
    assert_int_equal(list[1].end, DATE_NONE);
    assert_null(list[1].end_reason);
    assert_int_equal(list[0].role, ALLOC_IRO);
    /* The same rows with each worker and team read with them (the child's page), in the
     * same order; a worker who is gone, and so their team, is not made up. */
    struct allocation_read *rd;
    size_t nrd;
    OK(store_allocation_workers(f->s, a, &f->a, &rd, &nrd, &f->e));
    const struct {
        int64_t *worker;
        const char *given, *team;
    } with[] = {{&w3, "Cy", "East"}, {&w1, "Ada", "East"}, {&w2, "Bo", "West"}};
    assert_int_equal(nrd, N_ELEMS(with));
    for (size_t i = 0; i < nrd; i++) {
        assert_int_equal(rd[i].al.id, list[i].id);
        assert_int_equal(rd[i].al.start, list[i].start);
        assert_int_equal(rd[i].al.end, list[i].end);
        assert_int_equal(rd[i].worker.id, *with[i].worker);
        assert_string_equal(rd[i].worker.given_name, with[i].given);
        assert_string_equal(rd[i].team, with[i].team);
    }
    OK(store_allocation_workers(f->s, d, &f->a, &rd, &nrd, &f->e));
    assert_int_equal(nrd, 0);

    const struct {
        int open;
        int64_t *worker, *team;
        const char *text;
        int64_t *expect[4];
    } cases[] = {
        {0, NULL, NULL, NULL, {&a, &b, &c, &d}},
        {1, NULL, NULL, NULL, {&a, &b, &c}},
        {0, &w1, NULL, NULL, {&a, &c}},
        {0, &w2, NULL, NULL, {&b}}, /* the past allocation of a does not count */
        {0, &w3, NULL, NULL, {&a}},
        {0, NULL, &t1, NULL, {&a, &c}},
        {0, NULL, &t2, NULL, {&b}},
        {0, &w1, &t2, NULL, {NULL}},
        {0, &w2, &t2, NULL, {&b}},
        {1, NULL, NULL, "c", {&c}},
        {1, NULL, NULL, "d", {NULL}},
        {0, NULL, &t1, "ash", {&a}},
        {0, NULL, &t1, "birch", {NULL}},
        {0, &w1, NULL, "la", {&a, &c}},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct person_query q = {.kind = PERSON_CHILD,
                                 .open_only = cases[i].open,
                                 .worker_id = cases[i].worker ? *cases[i].worker : 0,
                                 .team_id = cases[i].team ? *cases[i].team : 0,
                                 .text = cases[i].text};
        struct person *people;
        OK(store_person_list(f->s, &q, &f->a, &people, &n, &f->e));
        size_t want = 0;
        while (want < 4 && cases[i].expect[want])
            want++;
        if (n != want)
            fail_msg("case %zu: %zu children, expected %zu", i, n, want);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(people[k].id, *cases[i].expect[k]);
    }
    struct store_counts cn = counts(f);
    assert_int_equal(cn.open_children, 3);
    assert_int_equal(cn.allocations, 4);

    /* Ending: once, not before the start, and only what exists. */
    FAILS(KITH_E_INVALID, store_allocation_end(f->s, bnow.id, day("2024-01-31"), "closed", &f->e));
    assert_non_null(
        strstr(f->e.msg, "2024-01-31 is before the allocation's start date 2024-02-01"));
    FAILS(KITH_E_INVALID, store_allocation_end(f->s, bnow.id, DATE_NONE, NULL, &f->e));
    FAILS(KITH_E_CONFLICT, store_allocation_end(f->s, past.id, day("2024-01-01"), NULL, &f->e));
    assert_non_null(strstr(f->e.msg, "already ended on 2023-06-30"));
    FAILS(KITH_E_NOT_FOUND, store_allocation_end(f->s, 999, day("2024-01-01"), NULL, &f->e));
    OK(store_allocation_end(f->s, bnow.id, day("2024-02-01"), "case closed", &f->e));
    FAILS(KITH_E_CONFLICT, store_allocation_end(f->s, bnow.id, day("2024-03-01"), NULL, &f->e));
    OK(store_allocation_list(f->s, b, &f->a, &list, &n, &f->e));
    assert_int_equal(list[0].end, day("2024-02-01"));
    assert_string_equal(list[0].end_reason, "case closed");
    struct person_query w2q = {.kind = -1, .worker_id = w2};
    struct person *people;
    OK(store_person_list(f->s, &w2q, &f->a, &people, &n, &f->e));
    assert_int_equal(n, 0);
    assert_int_equal(counts(f).open_children, 2);

    /* Checks on adding. */
    const struct {
        const char *field;
        int64_t *child, *worker;
        int role;
        const char *start, *end;
    } bad[] = {
        {"start", &a, &w1, 0, NULL, NULL},
        {"role", &a, &w1, ALLOC_ROLE_COUNT, "2024-01-01", NULL},
        {"child_id", NULL, &w1, 0, "2024-01-01", NULL},
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        struct allocation al = {.child_id = bad[i].child ? *bad[i].child : 0,
                                .worker_id = *bad[i].worker,
                                .role = (enum allocation_role)bad[i].role,
                                .start = bad[i].start ? day(bad[i].start) : DATE_NONE,
                                .end = bad[i].end ? day(bad[i].end) : DATE_NONE};
        FAILS(KITH_E_INVALID, store_allocation_add(f->s, &al, &f->e));
        assert_string_equal(f->e.field, bad[i].field);
    }
    struct allocation ghost = {
        .child_id = 31337, .worker_id = w1, .start = day("2024-01-01"), .end = DATE_NONE};
    FAILS(KITH_E_INVALID, store_allocation_add(f->s, &ghost, &f->e));
    assert_string_equal(f->e.field, "child_id");
    assert_non_null(strstr(f->e.msg, "there is no child with id 31337"));
    ghost.child_id = a;
    ghost.worker_id = 4040;
    FAILS(KITH_E_INVALID, store_allocation_add(f->s, &ghost, &f->e));
    assert_string_equal(f->e.field, "worker_id");
}

static void relationships(void **state)
{
    struct fx *f = *state;
    int64_t child = add_child(f, "Kit", "Lane", "LA9");
    struct person mum = new_person(PERSON_RELATIVE, "Jo", "Lane");
    OK(store_person_add(f->s, &mum, &f->e));
    struct person gran = new_person(PERSON_RELATIVE, "Pat", "Lane");
    OK(store_person_add(f->s, &gran, &f->e));
    struct relationship r1 = {
        .child_id = child, .other_id = mum.id, .type = "mother", .parental_responsibility = true};
    OK(store_relationship_add(f->s, &r1, &f->e));
    struct relationship r2 = {.child_id = child, .other_id = gran.id, .type = "grandparent"};
    OK(store_relationship_add(f->s, &r2, &f->e));
    struct relationship *list;
    size_t n;
    OK(store_relationship_list(f->s, child, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, r1.id);
    assert_int_equal(list[0].child_id, child);
    assert_int_equal(list[0].other_id, mum.id);
    assert_string_equal(list[0].type, "mother");
    assert_true(list[0].parental_responsibility);
    assert_string_equal(list[1].type, "grandparent");
    assert_false(list[1].parental_responsibility);
    OK(store_relationship_list(f->s, mum.id, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 0);

    /* Read with the people, and whether a child among them may be opened: by anyone
     * unscoped; not by an account with no allocation, grant or team (a relative who is no
     * child is shown to it all the same). */
    int64_t sib = add_child(f, "Sam", "Lane", "LA10");
    struct relationship r3 = {.child_id = child, .other_id = sib, .type = "sibling"};
    OK(store_relationship_add(f->s, &r3, &f->e));
    const struct store_scope nobody = {.user_id = 4242, .worker_id = 0, .today = DATE_NONE};
    const struct {
        const struct store_scope *scope;
        bool sib_visible;
    } scopes[] = {{NULL, true}, {&nobody, false}};
    for (size_t i = 0; i < N_ELEMS(scopes); i++) {
        struct relative_read *rr;
        OK(store_relative_list(f->s, child, scopes[i].scope, &f->a, &rr, &n, &f->e));
        assert_int_equal(n, 3);
        const int64_t ids[] = {mum.id, gran.id, sib};
        for (size_t k = 0; k < n; k++) {
            assert_int_equal(rr[k].rel.other_id, ids[k]);
            assert_int_equal(rr[k].person.id, ids[k]);
            assert_string_equal(rr[k].person.family_name, "Lane");
        }
        assert_string_equal(rr[0].rel.type, "mother");
        assert_true(rr[0].rel.parental_responsibility);
        assert_string_equal(rr[1].person.given_name, "Pat");
        assert_true(rr[0].visible);
        assert_true(rr[1].visible);
        if (rr[2].visible != scopes[i].sib_visible)
            fail_msg("scope %zu: the sibling's visibility is %d", i, rr[2].visible);
    }

    struct relationship self = {.child_id = child, .other_id = child, .type = "self"};
    FAILS(KITH_E_INVALID, store_relationship_add(f->s, &self, &f->e));
    struct relationship notype = {.child_id = child, .other_id = mum.id, .type = NULL};
    FAILS(KITH_E_INVALID, store_relationship_add(f->s, &notype, &f->e));
    assert_string_equal(f->e.field, "type");
    struct relationship ghost = {.child_id = child, .other_id = 8080, .type = "father"};
    FAILS(KITH_E_INVALID, store_relationship_add(f->s, &ghost, &f->e));
    assert_string_equal(f->e.field, "other_id");
    assert_non_null(strstr(f->e.msg, "there is no person with id 8080"));
}

/* --- case notes ------------------------------------------------------------------------ */

static const struct {
    int child; /* 0 or 1 */
    const char *date, *kind, *subject, *body;
} notes_table[] = {
    {0, "2025-01-10", "visit", "Home visit", "Saw Zoë at home with her mother. Café trip planned."},
    {0, "2025-02-01", "phone", "Call with school", "School reports good attendance and effort."},
    {1, "2025-01-20", "visit", "Visit to placement", "Foster carer says the home visit went well."},
    {1, "2025-01-20", "meeting", "Strategy meeting",
     "Police and health attended; NEAR miss noted."},
    {0, "2024-12-24", "note", "Christmas",
     "Presents delivered. Child and sibling AND carer happy."},
};

static int cmp_char(const void *a, const void *b) { return *(const char *)a - *(const char *)b; }

static void notes(void **state)
{
    struct fx *f = *state;
    int64_t w = add_worker(f, add_team(f, "T"), "Rui", "Costa");
    int64_t kids[2] = {add_child(f, "Zoë", "Ng", "LA1"), add_child(f, "Tia", "Ng", "LA2")};
    int64_t ids[N_ELEMS(notes_table)];
    for (size_t i = 0; i < N_ELEMS(notes_table); i++) {
        struct case_note n = {.child_id = kids[notes_table[i].child],
                              .author_id = w,
                              .date = day(notes_table[i].date),
                              .kind = notes_table[i].kind,
                              .subject = notes_table[i].subject,
                              .body = notes_table[i].body};
        OK(store_note_add(f->s, &n, &f->e));
        assert_true(public_id_valid(n.public_id));
        ids[i] = n.id;
    }
    struct case_note *list;
    size_t n;
    struct note_query by_child = {.child_id = kids[0]};
    OK(store_note_list(f->s, &by_child, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 3); /* newest first */
    assert_int_equal(list[0].id, ids[1]);
    assert_int_equal(list[1].id, ids[0]);
    assert_int_equal(list[2].id, ids[4]);
    assert_int_equal(list[1].child_id, kids[0]);
    assert_int_equal(list[1].author_id, w);
    assert_int_equal(list[1].date, day("2025-01-10"));
    assert_string_equal(list[1].kind, "visit");
    assert_string_equal(list[1].subject, "Home visit");
    assert_string_equal(list[1].body, notes_table[0].body);
    struct note_query every = {0};
    OK(store_note_list(f->s, &every, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 5);
    assert_int_equal(list[0].id, ids[1]);
    assert_int_equal(list[1].id, ids[3]); /* same day: the later note first */
    assert_int_equal(list[2].id, ids[2]);
    struct note_query page = {.limit = 2, .offset = 3};
    OK(store_note_list(f->s, &page, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, ids[0]);
    assert_int_equal(counts(f).notes, 5);

    /* Searches: what is found, best first. "-" stands for no result. */
    static const struct {
        const char *text;
        int64_t child; /* index + 1 into kids, 0 = any */
        const char *expect;
    } cases[] = {
        {"visit", 0, "02"}, /* in the subject of 0, and of 2 and in its body */
        {"home visit", 0, "02"},
        {"\"home visit\"", 0, "02"},
        {"\"visit went\"", 0, "2"},
        {"\"went visit\"", 0, "-"},
        {"attend*", 0, "13"}, /* attendance, attended */
        {"\"strategy meet\"*", 0, "3"},
        {"zoe", 0, "0"}, /* diacritics are folded */
        {"CAFÉ", 0, "0"},
        {"visit", 2, "2"}, /* within one child */
        {"school", 2, "-"},
        {"AND", 0, "134"}, /* operators are words */
        {"near", 0, "3"},
        {"NEAR(police health)", 0, "-"}, /* "near police" is not a phrase in any note */
        {"and OR not", 0, "-"},
        {"-carer", 0, "24"},       /* minus is not "without" */
        {"subject:visit", 0, "-"}, /* no column filters: "subject visit" as a phrase */
        {"^home", 0, "02"},
        {"*", 0, "-"},
        {"***", 0, "-"},
        {"\"", 0, "-"},
        {"\"\"", 0, "-"},
        {"\"unclosed phrase", 0, "-"},
        {"\"home", 0, "02"},
        {"visit \"", 0, "02"},
        {"(", 0, "-"},
        {")", 0, "-"},
        {"NEAR(", 0, "3"}, /* the word near */
        {"{subject body}: home", 0, "-"},
        {"+", 0, "-"},
        {"'; DROP TABLE case_note; --", 0, "-"},
        {"\\", 0, "-"},
        {"café\"trip", 0, "0"},
        {"😀", 0, "-"},
        {"\xff\xfe", 0, "-"}, /* not UTF-8 */
        {"\xc3", 0, "-"},     /* a cut-off character */
        {"visit*ed", 0, "-"},
        {"\t\n", 0, "01234"}, /* blank: the plain list */
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct note_query q = {.text = cases[i].text,
                               .child_id = cases[i].child ? kids[cases[i].child - 1] : 0};
        kerr_clear(&f->e);
        enum kerr_code rc = store_note_list(f->s, &q, &f->a, &list, &n, &f->e);
        if (rc)
            fail_msg("search '%s': %s (%s)", cases[i].text, kerr_name(rc), f->e.msg);
        /* Which notes, in any order: the ranking has its own test below. */
        const char *want = strcmp(cases[i].expect, "-") ? cases[i].expect : "";
        char found[N_ELEMS(notes_table) + 1] = "";
        for (size_t k = 0; k < n && k < N_ELEMS(notes_table); k++)
            for (size_t j = 0; j < N_ELEMS(ids); j++)
                if (list[k].id == ids[j])
                    found[k] = (char)('0' + j);
        qsort(found, strlen(found), 1, cmp_char);
        if (strcmp(found, want))
            fail_msg("search '%s': notes %s, expected %s", cases[i].text, found, want);
    }
    /* Best match first: the word in the subject and twice in a short body beats one
     * mention in a long body, whatever the dates. */
    struct case_note weak = {.child_id = kids[0],
                             .author_id = w,
                             .date = day("2025-03-01"),
                             .kind = "note",
                             .subject = "Weekly update",
                             .body = "Long account of the week: school, health, contact with "
                                     "family, a trip, and at the end a rainbow drawn at school "
                                     "by the child for the carer and the social worker."};
    OK(store_note_add(f->s, &weak, &f->e));
    struct case_note strong = {.child_id = kids[1],
                               .author_id = w,
                               .date = day("2020-01-01"),
                               .kind = "note",
                               .subject = "Rainbow",
                               .body = "Rainbow club, rainbow badge."};
    OK(store_note_add(f->s, &strong, &f->e));
    struct note_query ranked = {.text = "rainbow"};
    OK(store_note_list(f->s, &ranked, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, strong.id);
    assert_int_equal(list[1].id, weak.id);
    ranked.limit = 1;
    ranked.offset = 1;
    OK(store_note_list(f->s, &ranked, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, weak.id);

    /* The search limits. */
    char many[81];
    for (int i = 0; i < 80; i++)
        many[i] = i % 2 ? ' ' : 'w';
    many[80] = '\0';
    struct note_query q = {.text = many};
    FAILS(KITH_E_TOO_LARGE, store_note_list(f->s, &q, &f->a, &list, &n, &f->e));
    char huge[STORE_SEARCH_MAX + 2];
    memset(huge, 'x', sizeof(huge) - 1);
    huge[sizeof(huge) - 1] = '\0';
    q.text = huge;
    FAILS(KITH_E_TOO_LARGE, store_note_list(f->s, &q, &f->a, &list, &n, &f->e));

    struct case_note bad = {.child_id = kids[0],
                            .author_id = w,
                            .date = DATE_NONE,
                            .kind = "visit",
                            .subject = "",
                            .body = ""};
    FAILS(KITH_E_INVALID, store_note_add(f->s, &bad, &f->e));
    assert_string_equal(f->e.field, "date");
    bad.date = day("2025-01-01");
    bad.kind = "";
    FAILS(KITH_E_INVALID, store_note_add(f->s, &bad, &f->e));
    assert_string_equal(f->e.field, "kind");
}

/* --- opening faults ---------------------------------------------------------------------- */

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)size + 1);
    assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    *len = (size_t)size;
    return buf;
}

static void spew(const char *path, const unsigned char *buf, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(buf, 1, len, fp), len);
    fclose(fp);
}

/* Open `path` with `flags`, expect `code`, and check the file's bytes did not change and
 * no journal was left beside it. */
static void refused_unchanged(struct fx *f, const char *path, unsigned flags, enum kerr_code code)
{
    size_t before_len, after_len;
    unsigned char *before = slurp(path, &before_len);
    struct store *s = NULL;
    kerr_clear(&f->e);
    enum kerr_code rc = store_open(path, flags, &s, &f->e);
    if (rc != code)
        fail_msg("open '%s': expected %s, got %s (%s)", path, kerr_name(code), kerr_name(rc),
                 f->e.msg);
    assert_null(s);
    assert_true(f->e.msg[0] != '\0');
    unsigned char *after = slurp(path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    char wal[200];
    snprintf(wal, sizeof(wal), "%s-wal", path);
    assert_int_equal(access(wal, F_OK), -1);
    free(before);
    free(after);
}

/* Write a kith database with some rows at `path`, closed. */
static void close_fixture(struct fx *f)
{
    store_close(f->s);
    f->s = NULL;
}

/* The SQLite header fields kith reads: user_version at 60 and application_id at 68. */
static void patch_be32(unsigned char *buf, size_t at, uint32_t v)
{
    buf[at] = (unsigned char)(v >> 24);
    buf[at + 1] = (unsigned char)(v >> 16);
    buf[at + 2] = (unsigned char)(v >> 8);
    buf[at + 3] = (unsigned char)v;
}

static void open_faults(void **state)
{
    SQLITE_ONLY();
    struct fx *f = *state;
    add_child(f, "Ann", "Ash", "LA1");
    close_fixture(f);
    char path[160];
    struct store *s = NULL;

    /* Missing, without create: an error and no file. */
    path_in(f, "new.db", path, sizeof(path));
    FAILS(KITH_E_DB_OPEN, store_open(path, 0, &s, &f->e));
    assert_null(s);
    assert_int_equal(access(path, F_OK), -1);
    FAILS(KITH_E_DB_OPEN, store_open(path, STORE_READONLY, &s, &f->e));
    assert_int_equal(access(path, F_OK), -1);

    /* A text file. */
    path_in(f, "text.db", path, sizeof(path));
    static const char text[] = "name,dob\nnot,a database at all, but long enough to look "
                               "like one might be here................................\n";
    spew(path, (const unsigned char *)text, sizeof(text) - 1);
    refused_unchanged(f, path, 0, KITH_E_DB_CORRUPT);
    refused_unchanged(f, path, STORE_READONLY, KITH_E_DB_CORRUPT);

    size_t len;
    unsigned char *good = slurp(f->path, &len);
    assert_true(len > 4096);
    assert_memory_equal(good, "SQLite format 3", 16);
    path_in(f, "other.db", path, sizeof(path));

    /* Another program's SQLite database (no kith application id, but tables). */
    unsigned char *foreign = malloc(len);
    memcpy(foreign, good, len);
    patch_be32(foreign, 68, 0);
    spew(path, foreign, len);
    refused_unchanged(f, path, 0, KITH_E_DB_OPEN);
    assert_non_null(strstr(f->e.msg, "not a kith one"));
    refused_unchanged(f, path, STORE_READONLY, KITH_E_DB_OPEN);
    free(foreign);

    /* A schema written by a newer kith. */
    unsigned char *newer = malloc(len);
    memcpy(newer, good, len);
    patch_be32(newer, 60, (uint32_t)store_schema_latest() + 1);
    spew(path, newer, len);
    refused_unchanged(f, path, 0, KITH_E_DB_NEWER);
    refused_unchanged(f, path, STORE_READONLY, KITH_E_DB_NEWER);
    free(newer);

    /* An older schema opened read-only is refused (it cannot be upgraded). */
    unsigned char *older = malloc(len);
    memcpy(older, good, len);
    patch_be32(older, 60, 0);
    spew(path, older, len);
    refused_unchanged(f, path, STORE_READONLY, KITH_E_DB_OPEN);
    free(older);

    /* A read-only file: refused for writing, unchanged; fine for reading. */
    spew(path, good, len);
    assert_int_equal(chmod(path, 0444), 0);
    refused_unchanged(f, path, 0, KITH_E_DB_READONLY);
    OK(store_open(path, STORE_READONLY, &s, &f->e));
    struct person p;
    OK(store_person_find(s, "LA1", &f->a, &p, &f->e));
    assert_string_equal(p.given_name, "Ann");
    struct person_query q = {.kind = -1, .text = "ash"};
    struct person *list;
    size_t n;
    OK(store_person_list(s, &q, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 1);
    OK(store_check(s, &f->e));
    /* and a write through a read-only store fails cleanly */
    struct team t = {.name = "No", .caseload_threshold = 1};
    kerr_clear(&f->e);
    assert_int_equal(store_team_add(s, &t, &f->e), KITH_E_DB_READONLY);
    store_close(s);
    s = NULL;
    size_t after_len;
    unsigned char *after = slurp(path, &after_len);
    assert_int_equal(after_len, len);
    assert_memory_equal(after, good, len);
    free(after);
    chmod(path, 0600);

    /* A read-only open of a writable database reads. */
    OK(store_open(f->path, STORE_READONLY, &s, &f->e));
    OK(store_person_find(s, "LA1", &f->a, &p, &f->e));
    store_close(s);
    free(good);

    /* The fixture's own database is still good. */
    OK(store_open(f->path, 0, &f->s, &f->e));
    OK(store_check(f->s, &f->e));
}

/* Damage a real database in several ways: opening or checking it must say it is damaged
 * (KITH_E_DB_CORRUPT), and reading from it must fail cleanly, never crash. */
static void damaged(void **state)
{
    SQLITE_ONLY();
    struct fx *f = *state;
    int64_t w = add_worker(f, add_team(f, "T"), "A", "B");
    OK(store_begin(f->s, &f->e));
    for (int i = 0; i < 1500; i++) {
        char la[16], body[200];
        snprintf(la, sizeof(la), "LA%05d", i);
        int64_t c = add_child(f, "Child", la, la);
        snprintf(body, sizeof(body), "note %d about a visit with words to index %d", i, i * 7);
        struct case_note n = {.child_id = c,
                              .author_id = w,
                              .date = day("2025-01-01"),
                              .kind = "visit",
                              .subject = "Visit",
                              .body = body};
        OK(store_note_add(f->s, &n, &f->e));
    }
    OK(store_commit(f->s, &f->e));
    close_fixture(f);
    size_t len;
    unsigned char *good = slurp(f->path, &len);
    enum { PAGE = 4096 };
    size_t pages = len / PAGE;
    assert_true(pages > 40);

    enum damage {
        ZERO_PAGES,
        RANDOM_PAGES,
        ZERO_TAIL,
        TRUNCATE,
        SCHEMA_PAGE,
        BTREE_HEADERS,
        DAMAGE_COUNT
    };
    char path[160];
    path_in(f, "copy.db", path, sizeof(path));
    for (int kind = 0; kind < DAMAGE_COUNT; kind++) {
        unsigned char *buf = malloc(len);
        memcpy(buf, good, len);
        size_t keep = len;
        unsigned seed = 12345u + (unsigned)kind;
        switch ((enum damage)kind) {
        case ZERO_PAGES: /* every page but the first zeroed from page 2 on */
            memset(buf + PAGE, 0, len - PAGE);
            break;
        case RANDOM_PAGES: /* noise over a run of pages in the middle */
            for (size_t at = PAGE * (pages / 3); at < PAGE * (pages / 3 + 8); at++) {
                seed = seed * 1103515245u + 12345u;
                buf[at] = (unsigned char)(seed >> 16);
            }
            break;
        case ZERO_TAIL: /* the last quarter of the pages, where the newest rows are */
            memset(buf + PAGE * (pages - pages / 4), 0, PAGE * (pages / 4));
            break;
        case TRUNCATE:
            keep = len / 2;
            break;
        case SCHEMA_PAGE: /* the schema table's page, after the file header */
            for (size_t at = 100; at < PAGE; at += 7)
                buf[at] ^= 0x5A;
            break;
        case BTREE_HEADERS: /* each page's type byte and cell count, from page 2 on */
            for (size_t pg = 1; pg < pages; pg++) {
                buf[pg * PAGE] = 0x0D;
                buf[pg * PAGE + 3] = 0xFF;
                buf[pg * PAGE + 4] = 0xFF;
            }
            break;
        case DAMAGE_COUNT:
            break;
        }
        spew(path, buf, keep);
        free(buf);
        struct store *s = NULL;
        kerr_clear(&f->e);
        enum kerr_code rc = store_open(path, 0, &s, &f->e);
        if (!rc) {
            rc = store_check(s, &f->e);
            /* Reads may fail or not, but must not crash. */
            struct person p;
            store_person_get(s, 700, &f->a, &p, NULL);
            struct person_query q = {.kind = -1, .text = "la0"};
            struct person *list;
            size_t n;
            store_person_list(s, &q, &f->a, &list, &n, NULL);
            struct note_query nq = {.text = "visit"};
            struct case_note *notes;
            store_note_list(s, &nq, &f->a, &notes, &n, NULL);
            struct store_counts c;
            store_counts(s, &c, NULL);
            store_close(s);
        }
        if (rc != KITH_E_DB_CORRUPT)
            fail_msg("damage %d: expected KITH_E_DB_CORRUPT, got %s (%s)", kind, kerr_name(rc),
                     f->e.msg);
        assert_non_null(strstr(f->e.msg, "copy.db"));
        char side[200];
        snprintf(side, sizeof(side), "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof(side), "%s-shm", path);
        unlink(side);
    }
    free(good);
    OK(store_open(f->path, 0, &f->s, &f->e));
}

/* Restricted records, grants, API tokens, sessions and the audit trail: the access
 * records the web service keeps, each written and read back, with its refusals. */
static int64_t add_user(struct fx *f, const char *name)
{
    struct user u = {.username = name, .role = UROLE_SOCIAL_WORKER, .created = DATE_NONE};
    OK(store_user_add(f->s, &u, &f->e));
    return u.id;
}

static void access_records(void **state)
{
    struct fx *f = *state;
    int64_t child = add_child(f, "Rae", "Hidden", "LAHIDE1");
    int64_t u1 = add_user(f, "allowed.one"), u2 = add_user(f, "allowed.two");

    /* A restriction and its allow-list; setting again replaces both. */
    int64_t allow[] = {u2, u1, u1};
    struct restriction r = {.child_id = child,
                            .reason = "STAFF",
                            .authoriser = "Head of service",
                            .review = day("2026-06-30"),
                            .created = DATE_NONE,
                            .allow = allow,
                            .nallow = 3};
    OK(store_restriction_set(f->s, &r, &f->e));
    struct restriction got;
    OK(store_restriction_get(f->s, child, &f->a, &got, &f->e));
    assert_string_equal(got.reason, "STAFF");
    assert_string_equal(got.authoriser, "Head of service");
    assert_int_equal(got.review, day("2026-06-30"));
    assert_int_equal(got.created, day("2026-01-15"));
    assert_int_equal(got.nallow, 2);
    assert_int_equal(got.allow[0], u1);
    assert_int_equal(got.allow[1], u2);
    r.reason = "FAMILY";
    r.nallow = 1;
    allow[0] = u2;
    OK(store_restriction_set(f->s, &r, &f->e));
    OK(store_restriction_get(f->s, child, &f->a, &got, &f->e));
    assert_string_equal(got.reason, "FAMILY");
    assert_int_equal(got.nallow, 1);
    assert_int_equal(got.allow[0], u2);
    r.nallow = 0;
    FAILS(KITH_E_INVALID, store_restriction_set(f->s, &r, &f->e));
    assert_string_equal(f->e.field, "allow");
    r.nallow = 1;
    r.child_id = 999999;
    FAILS(KITH_E_INVALID, store_restriction_set(f->s, &r, &f->e));
    assert_string_equal(f->e.field, "child_id");
    OK(store_restriction_get(f->s, child, &f->a, &got, &f->e)); /* the failed write left it */
    assert_string_equal(got.reason, "FAMILY");
    OK(store_restriction_lift(f->s, child, &f->e));
    FAILS(KITH_E_NOT_FOUND, store_restriction_get(f->s, child, &f->a, &got, &f->e));
    FAILS(KITH_E_NOT_FOUND, store_restriction_lift(f->s, child, &f->e));

    /* Grants: the day defaults to today; expiry before it is refused; revoke once. */
    struct access_grant g = {.user_id = u1,
                             .child_id = child,
                             .reason = "duty cover",
                             .granted_by = "manager",
                             .granted = DATE_NONE,
                             .expires = day("2026-02-01")};
    OK(store_grant_add(f->s, &g, &f->e));
    assert_true(g.id > 0);
    assert_int_equal(g.granted, day("2026-01-15"));
    struct access_grant early = g;
    early.expires = day("2026-01-01");
    FAILS(KITH_E_INVALID, store_grant_add(f->s, &early, &f->e));
    assert_string_equal(f->e.field, "expires");
    struct access_grant nobody = g;
    nobody.user_id = 424242;
    FAILS(KITH_E_INVALID, store_grant_add(f->s, &nobody, &f->e));
    assert_string_equal(f->e.field, "user_id");
    OK(store_grant_revoke(f->s, g.id, DATE_NONE, &f->e));
    FAILS(KITH_E_NOT_FOUND, store_grant_revoke(f->s, g.id, DATE_NONE, &f->e));

    /* API tokens: found by digest with their account (never its password hash). */
    struct api_token t = {.user_id = u1, .name = "script", .token_digest = "d1", .created = 100};
    OK(store_token_add(f->s, &t, &f->e));
    struct api_token t2 = {
        .user_id = u2, .name = "other", .token_digest = "d2", .created = 101, .expires = 5000};
    OK(store_token_add(f->s, &t2, &f->e));
    struct api_token dup = t;
    FAILS(KITH_E_CONFLICT, store_token_add(f->s, &dup, &f->e));
    struct api_token tf;
    struct user who;
    OK(store_token_find(f->s, "d2", &f->a, &tf, &who, &f->e));
    assert_int_equal(tf.id, t2.id);
    assert_int_equal(tf.expires, 5000);
    assert_int_equal(tf.revoked, 0);
    assert_string_equal(who.username, "allowed.two");
    assert_null(who.password_hash);
    FAILS(KITH_E_NOT_FOUND, store_token_find(f->s, "nope", &f->a, &tf, &who, &f->e));
    struct api_token *tokens;
    size_t n;
    OK(store_token_list(f->s, &f->a, &tokens, &n, &f->e));
    assert_int_equal(n, 2);
    assert_string_equal(tokens[0].name, "script");
    OK(store_token_revoke(f->s, t.id, 200, &f->e));
    FAILS(KITH_E_NOT_FOUND, store_token_revoke(f->s, t.id, 201, &f->e));
    OK(store_token_find(f->s, "d1", &f->a, &tf, &who, &f->e));
    assert_int_equal(tf.revoked, 200);

    /* Sessions: touched, ended, and all of an account's ended but one. */
    struct session s1 = {
        .user_id = u1, .token_digest = "s1", .csrf = "c1", .created = 10, .last_seen = 10};
    struct session s2 = {
        .user_id = u1, .token_digest = "s2", .csrf = "c2", .created = 11, .last_seen = 11};
    struct session s3 = {
        .user_id = u1, .token_digest = "s3", .csrf = "c3", .created = 12, .last_seen = 12};
    OK(store_session_add(f->s, &s1, &f->e));
    OK(store_session_add(f->s, &s2, &f->e));
    OK(store_session_add(f->s, &s3, &f->e));
    OK(store_session_touch(f->s, s1.id, 50, &f->e));
    struct session sf;
    OK(store_session_find(f->s, "s1", &f->a, &sf, &who, &f->e));
    assert_int_equal(sf.last_seen, 50);
    assert_string_equal(sf.csrf, "c1");
    assert_string_equal(who.username, "allowed.one");
    OK(store_session_end(f->s, s1.id, 60, &f->e));
    OK(store_session_touch(f->s, s1.id, 70, &f->e)); /* an ended session stays ended */
    OK(store_session_find(f->s, "s1", &f->a, &sf, &who, &f->e));
    assert_int_equal(sf.ended, 60);
    assert_int_equal(sf.last_seen, 50);
    OK(store_session_end_user(f->s, u1, s3.id, 80, &f->e));
    OK(store_session_find(f->s, "s2", &f->a, &sf, &who, &f->e));
    assert_int_equal(sf.ended, 80);
    OK(store_session_find(f->s, "s3", &f->a, &sf, &who, &f->e));
    assert_int_equal(sf.ended, 0);
    struct session orphan = {.user_id = 777777, .token_digest = "s9", .csrf = "c"};
    FAILS(KITH_E_INVALID, store_session_add(f->s, &orphan, &f->e));
    assert_string_equal(f->e.field, "user_id");

    /* The audit trail: numbered from 1, chained, listed newest first by child or user. */
    for (int i = 0; i < 5; i++) {
        struct audit_event ev = {.at = 1000 + i,
                                 .user_id = i % 2 ? u2 : u1,
                                 .username = i % 2 ? "allowed.two" : "allowed.one",
                                 .role = "social_worker",
                                 .child_id = i < 3 ? child : 0,
                                 .action = "view",
                                 .request_id = "rq",
                                 .outcome = "ok",
                                 .detail = i == 4 ? "3 results" : NULL,
                                 .read_only = true};
        OK(store_audit_add(f->s, &ev, &f->e));
        assert_int_equal(ev.id, i + 1);
    }
    struct audit_event bad = {
        .at = 1, .username = "x", .role = "r", .action = "", .request_id = "q", .outcome = "ok"};
    FAILS(KITH_E_INVALID, store_audit_add(f->s, &bad, &f->e));
    assert_string_equal(f->e.field, "action");
    struct audit_event *rows;
    struct audit_query q = {.child_id = child};
    OK(store_audit_list(f->s, &q, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].id, 3);
    q = (struct audit_query){.user_id = u2};
    OK(store_audit_list(f->s, &q, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id, 4);
    q = (struct audit_query){.from = 1003, .limit = 10};
    OK(store_audit_list(f->s, &q, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].detail, "3 results");
    assert_null(rows[1].detail);
    assert_string_equal(rows[0].prev_hash, rows[1].hash);
    int64_t broken, read;
    OK(store_audit_verify(f->s, &broken, &read, &f->e));
    assert_int_equal(broken, 0);
    assert_int_equal(read, 5);
}

/* The server's pool: distinct handles on one database, each seeing what another
 * committed, and a taker that finds none free waits for one to come back. */
struct pool_wait {
    struct store_pool *pool;
    struct store *got;
};

static void *take_one(void *arg)
{
    struct pool_wait *w = arg;
    w->got = store_pool_take(w->pool);
    return NULL;
}

static void pool(void **state)
{
    struct fx *f = *state;
    struct store_pool *p;
    OK(store_pool_open(f->path, 0, 3, &p, &f->e));
    assert_int_equal(store_pool_size(p), 3);
    struct store *a = store_pool_take(p), *b = store_pool_take(p), *c = store_pool_take(p);
    assert_true(a != b && b != c && a != c);
    struct team t = {
        .name = "Pool Team", .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 9};
    OK(store_begin(a, &f->e));
    OK(store_team_add(a, &t, &f->e));
    struct team got;
    FAILS(KITH_E_NOT_FOUND, store_team_find(b, "Pool Team", &f->a, &got, &f->e));
    OK(store_commit(a, &f->e));
    OK(store_team_find(b, "Pool Team", &f->a, &got, &f->e));
    assert_int_equal(got.id, t.id);

    struct pool_wait w = {.pool = p};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, take_one, &w), 0);
    usleep(50 * 1000);
    assert_null(w.got); /* all three are out: it waits */
    store_pool_give(p, b);
    pthread_join(th, NULL);
    assert_ptr_equal(w.got, b);
    store_pool_give(p, a);
    store_pool_give(p, w.got);
    store_pool_give(p, c);
    store_pool_close(p);

    struct store_pool *bad;
    char missing[200];
    path_in(f, "no/such/dir.db", missing, sizeof(missing));
    if (!testdb_pg())
        FAILS(KITH_E_DB_OPEN, store_pool_open(missing, 0, 2, &bad, &f->e));
}

/* --- who sees whom, caseloads and account changes ------------------------------------------ */

/* The scope rule (store.h, struct store_scope) on a small borough: each account's view of
 * each child, by store_person_visible and by a scoped list, which must agree. */
static void scopes(void **state)
{
    struct fx *f = *state;
    struct team fd = {.name = "Front Door", .service = SERVICE_FRONT_DOOR, .caseload_threshold = 9};
    OK(store_team_add(f->s, &fd, &f->e));
    int64_t ta = add_team(f, "Team A"), tb = add_team(f, "Team B");
    int64_t wa1 = add_worker(f, ta, "Ann", "A1"), wa2 = add_worker(f, ta, "Bob", "A2");
    int64_t wb = add_worker(f, tb, "Cat", "B"), wfd = add_worker(f, fd.id, "Dev", "FD");
    int64_t ua1 = add_user(f, "a1"), ua2 = add_user(f, "a2"), ub = add_user(f, "b");
    int64_t ufd = add_user(f, "fd"), uiro = add_user(f, "iro"), unone = add_user(f, "none");
    /* c1 allocated to A1 now; c2 to B in the past; c3-c5 granted to b (current, expired,
     * revoked); c6 allocated to A1 but restricted to b alone. Names sort c1..c6. */
    int64_t c[6];
    for (int i = 0; i < 6; i++) {
        char family[8], la[8];
        snprintf(family, sizeof(family), "Kid%d", i + 1);
        snprintf(la, sizeof(la), "LAS%d", i + 1);
        c[i] = add_child(f, "S", family, la);
    }
    const struct {
        int child;
        int64_t worker;
        const char *start, *end;
    } allocs[] = {{0, wa1, "2025-01-01", NULL},
                  {1, wb, "2024-01-01", "2024-12-31"},
                  {5, wa1, "2025-03-01", NULL}};
    for (size_t i = 0; i < N_ELEMS(allocs); i++) {
        struct allocation al = {.child_id = c[allocs[i].child],
                                .worker_id = allocs[i].worker,
                                .start = day(allocs[i].start),
                                .end = allocs[i].end ? day(allocs[i].end) : DATE_NONE};
        OK(store_allocation_add(f->s, &al, &f->e));
    }
    const char *expires[] = {"2026-02-01", "2026-01-14", NULL};
    for (int i = 0; i < 3; i++) {
        struct access_grant g = {.user_id = ub,
                                 .child_id = c[2 + i],
                                 .reason = "cover",
                                 .granted_by = "manager",
                                 .granted = day("2026-01-01"),
                                 .expires = expires[i] ? day(expires[i]) : DATE_NONE};
        OK(store_grant_add(f->s, &g, &f->e));
        if (i == 2)
            OK(store_grant_revoke(f->s, g.id, day("2026-01-10"), &f->e));
    }
    int64_t allow[] = {ub};
    struct restriction r = {.child_id = c[5],
                            .reason = "STAFF",
                            .authoriser = "Head of service",
                            .review = day("2026-06-30"),
                            .created = DATE_NONE,
                            .allow = allow,
                            .nallow = 1};
    OK(store_restriction_set(f->s, &r, &f->e));

    const kdate today = day("2026-01-15");
    const struct {
        const char *who;
        struct store_scope scope;
        bool unscoped;
        const char *sees; /* one letter per child: y or n */
    } cases[] = {
        {"a1: allocated", {.user_id = ua1, .worker_id = wa1, .today = today}, false, "ynnnnn"},
        {"a2: same team", {.user_id = ua2, .worker_id = wa2, .today = today}, false, "ynnnnn"},
        {"b: grants, allow-list",
         {.user_id = ub, .worker_id = wb, .today = today},
         false,
         "nnynny"},
        {"b a day later",
         {.user_id = ub, .worker_id = wb, .today = day("2026-02-02")},
         false,
         "nnnnny"},
        {"front door", {.user_id = ufd, .worker_id = wfd, .today = today}, false, "yyyyyn"},
        {"service-wide", {.user_id = uiro, .service_wide = true, .today = today}, false, "yyyyyn"},
        {"no worker", {.user_id = unone, .today = today}, false, "nnnnnn"},
        {"unscoped", {0}, true, "yyyyyy"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const struct store_scope *sc = cases[i].unscoped ? NULL : &cases[i].scope;
        struct person_query q = {.scope = sc, .kind = PERSON_CHILD};
        struct person *list;
        size_t n, k = 0;
        OK(store_person_list(f->s, &q, &f->a, &list, &n, &f->e));
        for (int j = 0; j < 6; j++) {
            bool want = cases[i].sees[j] == 'y', got;
            OK(store_person_visible(f->s, sc, c[j], &got, &f->e));
            if (got != want)
                fail_msg("%s: child %d visible %d, expected %d", cases[i].who, j + 1, got, want);
            if (want && (k >= n || list[k++].id != c[j]))
                fail_msg("%s: the list lacks child %d", cases[i].who, j + 1);
        }
        if (k != n)
            fail_msg("%s: the list has %zu children, expected %zu", cases[i].who, n, k);
        /* a search and an allocated list are scoped the same way */
        struct person_query sq = {.scope = sc, .kind = -1, .text = "kid"};
        OK(store_person_list(f->s, &sq, &f->a, &list, &n, &f->e));
        assert_int_equal(n, k);
        struct person_query aq = {.scope = sc, .kind = -1, .worker_id = wa1};
        OK(store_person_list(f->s, &aq, &f->a, &list, &n, &f->e));
        assert_int_equal(n, (cases[i].sees[0] == 'y') + (cases[i].sees[5] == 'y'));
    }
    bool seen = true;
    OK(store_person_visible(f->s, NULL, 999999, &seen, &f->e));
    assert_false(seen);
}

static void caseloads_and_accounts(void **state)
{
    struct fx *f = *state;
    int64_t t = add_team(f, "Team C"), other = add_team(f, "Team D");
    int64_t w1 = add_worker(f, t, "Al", "Zed"), w2 = add_worker(f, t, "Bea", "Young");
    int64_t w3 = add_worker(f, t, "Cal", "Xu");
    struct worker gone = {.team_id = t,
                          .given_name = "Dee",
                          .family_name = "Left",
                          .fte = 1,
                          .start = day("2019-01-01"),
                          .end = day("2024-01-01")};
    OK(store_worker_add(f->s, &gone, &f->e));
    add_worker(f, other, "Eve", "Elsewhere");
    int64_t k1 = add_child(f, "K", "One", "LAK1"), k2 = add_child(f, "K", "Two", "LAK2");
    const struct {
        int64_t child, worker;
        enum allocation_role role;
        const char *end;
    } allocs[] = {{k1, w1, ALLOC_SOCIAL_WORKER, NULL},
                  {k1, w1, ALLOC_IRO, NULL}, /* the same child twice counts once */
                  {k2, w1, ALLOC_SOCIAL_WORKER, NULL},
                  {k2, w2, ALLOC_SOCIAL_WORKER, "2025-06-01"}};
    for (size_t i = 0; i < N_ELEMS(allocs); i++) {
        struct allocation al = {.child_id = allocs[i].child,
                                .worker_id = allocs[i].worker,
                                .role = allocs[i].role,
                                .start = day("2025-01-01"),
                                .end = allocs[i].end ? day(allocs[i].end) : DATE_NONE};
        OK(store_allocation_add(f->s, &al, &f->e));
    }
    struct worker_caseload *cl;
    size_t n;
    OK(store_team_caseloads(f->s, t, &f->a, &cl, &n, &f->e));
    assert_int_equal(n, 3); /* in post only; most children first, then by name */
    assert_int_equal(cl[0].worker.id, w1);
    assert_int_equal(cl[0].children, 2);
    assert_string_equal(cl[0].worker.family_name, "Zed");
    assert_int_equal(cl[1].worker.id, w3);
    assert_int_equal(cl[1].children, 0);
    assert_int_equal(cl[2].worker.id, w2);
    OK(store_team_caseloads(f->s, 999, &f->a, &cl, &n, &f->e));
    assert_int_equal(n, 0);

    /* Passwords and disabling: disabling ends the account's live sessions at once. */
    int64_t u = add_user(f, "Mixed.Case"), bystander = add_user(f, "bystander");
    struct user got;
    OK(store_user_find(f->s, "mixed.CASE", &f->a, &got, &f->e));
    assert_int_equal(got.id, u);
    assert_null(got.password_hash);
    OK(store_user_set_password(f->s, u, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", &f->e));
    OK(store_user_find(f->s, "Mixed.Case", &f->a, &got, &f->e));
    assert_string_equal(got.password_hash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
    FAILS(KITH_E_NOT_FOUND, store_user_set_password(f->s, 424242, "x", &f->e));
    assert_string_equal(f->e.field, "user_id");
    const struct {
        int64_t user;
        const char *digest;
        int64_t ended;
    } sessions[] = {{u, "live1", 0}, {u, "live2", 0}, {u, "old", 40}, {bystander, "theirs", 0}};
    for (size_t i = 0; i < N_ELEMS(sessions); i++) {
        struct session ss = {.user_id = sessions[i].user,
                             .token_digest = sessions[i].digest,
                             .csrf = "c",
                             .created = 10,
                             .last_seen = 10};
        OK(store_session_add(f->s, &ss, &f->e));
        if (sessions[i].ended)
            OK(store_session_end(f->s, ss.id, sessions[i].ended, &f->e));
    }
    OK(store_user_set_disabled(f->s, u, true, 500, &f->e));
    static const struct {
        const char *digest;
        int64_t ended;
    } after[] = {{"live1", 500}, {"live2", 500}, {"old", 40}, {"theirs", 0}};
    for (size_t i = 0; i < N_ELEMS(after); i++) {
        struct session sf;
        struct user who;
        OK(store_session_find(f->s, after[i].digest, &f->a, &sf, &who, &f->e));
        assert_int_equal(sf.ended, after[i].ended);
    }
    OK(store_user_find(f->s, "mixed.case", &f->a, &got, &f->e));
    assert_true(got.disabled);
    OK(store_user_set_disabled(f->s, u, false, 600, &f->e)); /* enabling ends nothing */
    OK(store_user_find(f->s, "mixed.case", &f->a, &got, &f->e));
    assert_false(got.disabled);
    struct session sf;
    struct user who;
    OK(store_session_find(f->s, "theirs", &f->a, &sf, &who, &f->e));
    assert_int_equal(sf.ended, 0);
    FAILS(KITH_E_NOT_FOUND, store_user_set_disabled(f->s, 424242, true, 700, &f->e));
    assert_string_equal(f->e.field, "user_id");
    /* inside a transaction, a rollback undoes the account and its sessions together */
    OK(store_begin(f->s, &f->e));
    OK(store_user_set_disabled(f->s, bystander, true, 800, &f->e));
    store_rollback(f->s);
    OK(store_session_find(f->s, "theirs", &f->a, &sf, &who, &f->e));
    assert_int_equal(sf.ended, 0);
    assert_false(who.disabled);
}

/* Text is UTF-8 on both backends: PostgreSQL refuses other bytes, so the store refuses
 * them first, naming the field, and a search for them finds nobody. */
static void text_must_be_utf8(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *text;
        bool ok;
    } names[] = {
        {"Zoë", true},
        {"Łukasz \xF0\x9F\x98\x80", true}, /* four bytes: U+1F600 */
        {"\xEF\xBF\xBF", true},            /* U+FFFF */
        {"\xF4\x8F\xBF\xBF", true},        /* U+10FFFF, the last */
        {"Zo\xEB", false},                 /* Latin-1 */
        {"Zo\xC3", false},                 /* cut short */
        {"\xC3\x28", false},               /* a continuation byte missing */
        {"\x80", false},                   /* a stray continuation byte */
        {"\xC0\xAF", false},               /* overlong '/' */
        {"\xE0\x80\xAF", false},           /* overlong again */
        {"\xED\xA0\x80", false},           /* a UTF-16 surrogate */
        {"\xF4\x90\x80\x80", false},       /* past U+10FFFF */
        {"\xFF", false},
    };
    for (size_t i = 0; i < N_ELEMS(names); i++) {
        struct person p = new_person(PERSON_CHILD, "Given", names[i].text);
        kerr_clear(&f->e);
        enum kerr_code rc = store_person_add(f->s, &p, &f->e);
        if (names[i].ok != (rc == KITH_OK))
            fail_msg("name %zu: %s (%s)", i, kerr_name(rc), f->e.msg);
        if (!names[i].ok) {
            assert_int_equal(rc, KITH_E_INVALID);
            assert_string_equal(f->e.field, "family_name");
        }
    }
    struct person pc = new_person(PERSON_CHILD, "A", "B");
    snprintf(pc.postcode, sizeof(pc.postcode), "N1 \xFF");
    FAILS(KITH_E_INVALID, store_person_add(f->s, &pc, &f->e));
    assert_string_equal(f->e.field, "postcode");
    struct team t = {.name = "T\xE9"
                             "am",
                     .caseload_threshold = 3};
    FAILS(KITH_E_INVALID, store_team_add(f->s, &t, &f->e));
    assert_string_equal(f->e.field, "name");
    /* searches: bytes no name can hold find nobody, and are no error */
    static const struct {
        const char *text;
        size_t found;
    } searches[] = {{"zoë", 1}, {"Zo", 1}, {"Zo\xC3", 0}, {"\xFF", 0}, {"\xF0\x9F", 0}};
    for (size_t i = 0; i < N_ELEMS(searches); i++) {
        struct person_query q = {.kind = -1, .text = searches[i].text};
        struct person *list;
        size_t n;
        OK(store_person_list(f->s, &q, &f->a, &list, &n, &f->e));
        if (n != searches[i].found)
            fail_msg("search %zu: %zu found, expected %zu", i, n, searches[i].found);
    }
}

/* --- whole databases (kith db copy) ---------------------------------------------------- */

static const struct store_table_sum *sum_of(const struct store_table_sum *v, size_t n,
                                            const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].name, name))
            return &v[i];
    fail_msg("no table sum for %s", name);
    static const struct store_table_sum none = {0};
    return &none;
}

/* A copy into a second database of the same backend: every table's rows and hash agree,
 * ids are kept, a note is found by search in the copy, the copy's next id follows the
 * copied ones, a changed value changes that table's hash only, and a target with rows is
 * refused with nothing written. */
static void copy_whole(void **state)
{
    struct fx *f = *state;
    int64_t w = add_worker(f, add_team(f, "Copy team"), "Cy", "Copy");
    int64_t c = add_child(f, "Zoë", "Copy", "CPY1");
    struct case_note note = {.child_id = c,
                             .author_id = w,
                             .date = day("2025-01-02"),
                             .kind = "visit",
                             .subject = "Home visit",
                             .body = "Café trip"};
    OK(store_note_add(f->s, &note, &f->e));
    struct audit_event ev = {.at = 1700000000,
                             .username = "cli:test",
                             .role = "operator",
                             .child_id = c,
                             .action = "view",
                             .request_id = "cli",
                             .outcome = "ok"};
    OK(store_audit_add(f->s, &ev, &f->e));
    OK(store_audit_add(f->s, &ev, &f->e));

    struct testdb db2;
    assert_int_equal(testdb_make(&db2), 0);
    struct store *to;
    OK(store_open(db2.location, STORE_CREATE, &to, &f->e));
    OK(store_copy(f->s, to, &f->e));
    struct store_table_sum *a, *b;
    size_t na, nb;
    OK(store_table_sums(f->s, &f->a, &a, &na, &f->e));
    OK(store_table_sums(to, &f->a, &b, &nb, &f->e));
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_string_equal(a[i].name, b[i].name);
        assert_int_equal(a[i].rows, b[i].rows);
        assert_string_equal(a[i].hash, b[i].hash);
    }
    assert_int_equal(sum_of(a, na, "audit")->rows, 2);
    assert_int_equal(sum_of(a, na, "case_note")->rows, 1);
    assert_string_not_equal(sum_of(a, na, "audit")->hash, sum_of(a, na, "postcode")->hash);
    int64_t bad, rows;
    OK(store_audit_verify(to, &bad, &rows, &f->e));
    assert_int_equal(bad, 0);
    assert_int_equal(rows, 2);
    struct case_note *list;
    size_t n;
    struct note_query q = {.text = "cafe"};
    OK(store_note_list(to, &q, &f->a, &list, &n, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, note.id);
    struct person got;
    OK(store_person_get(to, c, &f->a, &got, &f->e));
    assert_string_equal(got.la_child_id, "CPY1");

    /* The copy carries on: a new team gets the next id, and changes only its table's hash. */
    struct team t2 = {.name = "After", .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 5};
    OK(store_team_add(to, &t2, &f->e));
    assert_true(t2.id > 1);
    OK(store_table_sums(to, &f->a, &b, &nb, &f->e));
    for (size_t i = 0; i < na; i++) {
        bool team = !strcmp(a[i].name, "team");
        assert_int_equal(a[i].rows + team, b[i].rows);
        assert_int_equal(!strcmp(a[i].hash, b[i].hash), !team);
    }

    kerr_clear(&f->e);
    assert_int_equal(store_copy(f->s, to, &f->e), KITH_E_CONFLICT);
    assert_non_null(strstr(f->e.msg, "already holds rows (table 'team')"));
    struct store_counts cnt;
    OK(store_counts(to, &cnt, &f->e));
    assert_int_equal(cnt.teams, 2);
    assert_int_equal(cnt.notes, 1);
    store_close(to);
    testdb_drop(&db2);
}

/* Server threads writing the audit trail at once, each through its own pooled handle:
 * every row is written (no "busy" refusals) and the hash chain holds across them. */
enum { WRITERS = 4, ROWS_EACH = 150 };

struct writer {
    struct store_pool *pool;
    int id;
    int failed;
    char why[sizeof(((struct kerr *)0)->msg)];
};

static void *write_rows(void *arg)
{
    struct writer *w = arg;
    for (int i = 0; i < ROWS_EACH; i++) {
        struct store *s = store_pool_take(w->pool);
        struct audit_event ev = {.at = 1000 + i,
                                 .username = "writer",
                                 .role = "social_worker",
                                 .action = "view",
                                 .request_id = "rq",
                                 .outcome = "ok",
                                 .read_only = i % 2 == 0};
        struct kerr e = KERR_INIT;
        if (store_audit_add(s, &ev, &e) && !w->failed++)
            snprintf(w->why, sizeof w->why, "%s", e.msg);
        store_pool_give(w->pool, s);
    }
    return NULL;
}

static void pool_writers(void **state)
{
    struct fx *f = *state;
    struct store_pool *p;
    OK(store_pool_open(f->path, 0, WRITERS, &p, &f->e));
    pthread_t th[WRITERS];
    struct writer w[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){.pool = p, .id = i};
        assert_int_equal(pthread_create(&th[i], NULL, write_rows, &w[i]), 0);
    }
    for (int i = 0; i < WRITERS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < WRITERS; i++)
        if (w[i].failed)
            fail_msg("writer %d: %d rows refused, first: %s", i, w[i].failed, w[i].why);
    store_pool_close(p);
    int64_t broken, rows;
    OK(store_audit_verify(f->s, &broken, &rows, &f->e));
    assert_int_equal(rows, WRITERS * ROWS_EACH);
    assert_int_equal(broken, 0);
}

/* A database whose latest upgrade is still in its -wal file (another kith holds it open,
 * so nothing has copied it back into the file yet) opens read-only: the file's own header
 * still shows the old schema, but what SQLite reads, the -wal included, is current. */
static void read_only_beside_a_writer(void **state)
{
    struct fx *f = *state;
    SQLITE_ONLY();
    add_team(f, "Written");
    struct store *ro = NULL;
    OK(store_open(f->path, STORE_READONLY, &ro, &f->e));
    struct team got;
    OK(store_team_find(ro, "Written", &f->a, &got, &f->e));
    store_close(ro);
}

/* Whether another process could write-lock the whole file now: no when any connection
 * of this process holds a lock on it. Asked from a child, since a process never
 * conflicts with its own locks. */
static bool locked_for_others(const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        _exit(fd < 0 || fcntl(fd, F_GETLK, &l) != 0 ? 2 : l.l_type == F_UNLCK ? 1 : 0);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) != 2);
    return WEXITSTATUS(status) == 0;
}

/* Opening more connections to a file this process has open keeps the locks the first
 * holds: a descriptor of kith's own closed on the file would drop them all (POSIX locks
 * are per process), and another process would then delete the live -wal (t0360). And a
 * new database and its -wal and -shm are the owner's alone. */
static void locks_kept(void **state)
{
    struct fx *f = *state;
    SQLITE_ONLY();
    add_team(f, "Locked");
    assert_true(locked_for_others(f->path));
    struct store_pool *p;
    OK(store_pool_open(f->path, 0, 3, &p, &f->e));
    assert_true(locked_for_others(f->path));
    struct store *ro = NULL;
    OK(store_open(f->path, STORE_READONLY, &ro, &f->e));
    store_close(ro);
    store_pool_close(p);
    assert_true(locked_for_others(f->path));
    static const char *const ends[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char name[300];
        snprintf(name, sizeof(name), "%s%s", f->path, ends[i]);
        struct stat st;
        assert_int_equal(stat(name, &st), 0);
        if ((st.st_mode & 0777) != 0600)
            fail_msg("%s has mode %o, not 600", name, (unsigned)(st.st_mode & 0777));
    }
}

int main(void)
{
    setenv("KITH_TODAY", "2026-01-15", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(teams, setup, teardown),
        cmocka_unit_test_setup_teardown(workers, setup, teardown),
        cmocka_unit_test_setup_teardown(users, setup, teardown),
        cmocka_unit_test_setup_teardown(people_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(people_checks_and_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_writes_leave_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(random_public_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(search, setup, teardown),
        cmocka_unit_test_setup_teardown(pages, setup, teardown),
        cmocka_unit_test_setup_teardown(allocations, setup, teardown),
        cmocka_unit_test_setup_teardown(relationships, setup, teardown),
        cmocka_unit_test_setup_teardown(notes, setup, teardown),
        cmocka_unit_test_setup_teardown(copy_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(access_records, setup, teardown),
        cmocka_unit_test_setup_teardown(scopes, setup, teardown),
        cmocka_unit_test_setup_teardown(caseloads_and_accounts, setup, teardown),
        cmocka_unit_test_setup_teardown(text_must_be_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(pool, setup, teardown),
        cmocka_unit_test_setup_teardown(pool_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(read_only_beside_a_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(locks_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(open_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(damaged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
