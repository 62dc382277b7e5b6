/*
 * The PostgreSQL backend on the throwaway cluster of tests/pg/cluster.sh (KITH_TEST_DB_URL):
 * each test gets its own database, made by CREATE DATABASE on an admin connection;
 * the store makes the schema in it. Teams written and read back, a conflict on the case-insensitive
 * name, a transaction rolled back, and a connection killed mid-session by pg_terminate_backend: the
 * op fails cleanly and the next op works on a new connection. Case notes written and searched
 * (accents folded, phrases, prefixes, best match first, and text full of tsquery syntax
 * searched as words, never obeyed), with the team, worker and children made in SQL.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "store/store.h"

static int dbno;

struct fx {
    char url[512];
    PGconn *admin;
    struct store *s;
    struct arena a;
    struct kerr e;
};

static int setup(void **state)
{
    const char *base = getenv("KITH_TEST_DB_URL");
    if (!base)
        return -1;
    struct fx *f = calloc(1, sizeof(*f));
    arena_init(&f->a, 0);
    f->admin = PQconnectdb(base);
    if (PQstatus(f->admin) != CONNECTION_OK)
        return -1;
    char sql[128], name[64];
    snprintf(name, sizeof(name), "kith_t%d_%d", (int)getpid(), dbno++);
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
    PQclear(PQexec(f->admin, sql));
    const char *q = strchr(base, '?');
    snprintf(f->url, sizeof(f->url), "postgresql:///%s%s", name, q ? q : "");
    if (store_open(f->url, STORE_CREATE, &f->s, &f->e))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->s);
    PQfinish(f->admin);
    arena_release(&f->a);
    free(f);
    return 0;
}

static void team_round_trip(void **state)
{
    struct fx *f = *state;
    assert_string_equal(store_backend(f->s), "postgresql");
    assert_int_equal(store_schema_version(f->s), store_schema_latest());
    struct team t = {.name = "North Assessment", .service = 1, .caseload_threshold = 18};
    assert_int_equal(store_team_add(f->s, &t, &f->e), KITH_OK);
    assert_true(t.id > 0);
    struct team got;
    assert_int_equal(store_team_find(f->s, "north assessment", &f->a, &got, &f->e), KITH_OK);
    assert_int_equal(got.id, t.id);
    assert_string_equal(got.name, "North Assessment");
    assert_int_equal(got.caseload_threshold, 18);
    assert_int_equal(store_team_find(f->s, t.public_id, &f->a, &got, &f->e), KITH_OK);
    assert_string_equal(got.public_id, t.public_id);
    struct team dup = {.name = "NORTH assessment", .service = 1, .caseload_threshold = 5};
    assert_int_equal(store_team_add(f->s, &dup, &f->e), KITH_E_CONFLICT);
    assert_int_equal(
        store_team_find(f->s, "nobody's team'; DROP TABLE team; --", &f->a, &got, &f->e),
        KITH_E_NOT_FOUND);
    struct team *all;
    size_t n;
    assert_int_equal(store_team_list(f->s, &f->a, &all, &n, &f->e), KITH_OK);
    assert_int_equal(n, 1);
}

static void rollback_leaves_nothing(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_begin(f->s, &f->e), KITH_OK);
    struct team t = {.name = "Gone", .service = 0, .caseload_threshold = 10};
    assert_int_equal(store_team_add(f->s, &t, &f->e), KITH_OK);
    store_rollback(f->s);
    struct team got;
    assert_int_equal(store_team_find(f->s, "Gone", &f->a, &got, &f->e), KITH_E_NOT_FOUND);
}

static void killed_connection_recovers(void **state)
{
    struct fx *f = *state;
    struct team t = {.name = "Before", .service = 0, .caseload_threshold = 10};
    assert_int_equal(store_team_add(f->s, &t, &f->e), KITH_OK);
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
             "current_database() AND pid <> pg_backend_pid()");
    PGconn *other = PQconnectdb(f->url);
    assert_int_equal(PQstatus(other), CONNECTION_OK);
    PGresult *r = PQexec(other, sql);
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(r), 1);
    PQclear(r);
    PQfinish(other);
    struct team half = {.name = "Half", .service = 0, .caseload_threshold = 10};
    enum kerr_code rc = store_team_add(f->s, &half, &f->e);
    assert_true(rc == KITH_E_DB_OPEN || rc == KITH_E_DB);
    assert_non_null(strstr(f->e.msg, "adding a team"));
    struct team got;
    assert_int_equal(store_team_find(f->s, "Before", &f->a, &got, &f->e), KITH_OK);
    assert_int_equal(store_team_find(f->s, "Half", &f->a, &got, &f->e), KITH_E_NOT_FOUND);

    /* Killed again while idle: a read finds out, reconnects and is answered at once. */
    other = PQconnectdb(f->url);
    PQclear(PQexec(other, sql));
    PQfinish(other);
    assert_int_equal(store_team_find(f->s, "Before", &f->a, &got, &f->e), KITH_OK);

    /* Killed inside a transaction: the transaction's work is gone, the op says so, and
     * nothing of it is stored; the handle works again after the caller rolls back. */
    assert_int_equal(store_begin(f->s, &f->e), KITH_OK);
    struct team inside = {.name = "Inside", .service = 0, .caseload_threshold = 10};
    assert_int_equal(store_team_add(f->s, &inside, &f->e), KITH_OK);
    other = PQconnectdb(f->url);
    PQclear(PQexec(other, sql));
    PQfinish(other);
    assert_int_not_equal(store_team_find(f->s, "Before", &f->a, &got, &f->e), KITH_OK);
    /* a caller that carries on anyway is refused, not given a fresh connection on which
     * the rest of its transaction would commit piecemeal */
    struct team after = {.name = "After", .service = 0, .caseload_threshold = 10};
    assert_int_equal(store_team_add(f->s, &after, &f->e), KITH_E_DB_OPEN);
    assert_non_null(strstr(f->e.msg, "during a transaction"));
    assert_int_equal(store_commit(f->s, &f->e), KITH_E_DB_OPEN);
    store_rollback(f->s);
    assert_int_equal(store_team_find(f->s, "After", &f->a, &got, &f->e), KITH_E_NOT_FOUND);
    assert_int_equal(store_team_find(f->s, "Inside", &f->a, &got, &f->e), KITH_E_NOT_FOUND);
    assert_int_equal(store_team_find(f->s, "Before", &f->a, &got, &f->e), KITH_OK);
}

/* store_check finds a person whose copy of their disability codes disagrees with their
 * rows (written behind kith's back), as on SQLite, and passes once they agree. */
static void check_finds_disagreeing_disabilities(void **state)
{
    struct fx *f = *state;
    struct person p = {.kind = PERSON_CHILD,
                       .given_name = "Ann",
                       .family_name = "Ash",
                       .sex = 'F',
                       .dob = DATE_NONE,
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE,
                       .n_disabilities = 2,
                       .disabilities = {"VIS", "AUT"}};
    assert_int_equal(store_person_add(f->s, &p, &f->e), KITH_OK);
    assert_int_equal(store_check(f->s, &f->e), KITH_OK);
    PGconn *db = PQconnectdb(f->url);
    assert_int_equal(PQstatus(db), CONNECTION_OK);
    static const struct {
        const char *sql;
        enum kerr_code want;
    } steps[] = {
        {"DELETE FROM person_disability WHERE code = 'VIS'", KITH_E_DB_CORRUPT},
        {"UPDATE person SET disabilities = 'AUT'", KITH_OK},
        {"UPDATE person SET disabilities = NULL", KITH_E_DB_CORRUPT},
        {"DELETE FROM person_disability", KITH_OK},
    };
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        PGresult *r = PQexec(db, steps[i].sql);
        assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
        PQclear(r);
        kerr_clear(&f->e);
        if (store_check(f->s, &f->e) != steps[i].want)
            fail_msg("after %s: %s", steps[i].sql, f->e.msg);
        if (steps[i].want)
            assert_non_null(strstr(f->e.msg, "the disabilities of 1 people disagree with their "
                                             "disability rows"));
    }
    PQfinish(db);
}

/* Run SQL on the test's own database as the admin role. */
static void sql_in(struct fx *f, const char *sql)
{
    PGconn *c = PQconnectdb(f->url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
}

static int cmp_char(const void *a, const void *b) { return *(const char *)a - *(const char *)b; }

static const struct {
    int child;
    const char *date, *subject, *body;
} pg_notes[] = {
    {1, "2025-01-10", "Home visit", "Saw Zoë at home. Café trip planned: 10:30 & 'ok'."},
    {1, "2025-02-01", "Call with school", "School reports good attendance."},
    {2, "2025-01-20", "Visit to placement", "Foster carer says the home visit went well."},
    {2, "2025-01-20", "Strategy meeting", "Police & health attended; a!b <-> c|d noted."},
};

static void notes_search(void **state)
{
    struct fx *f = *state;
    sql_in(f, "INSERT INTO team(id, public_id, name, service, caseload_threshold) "
              "VALUES (1, 'tpg0000000001', 'T', 0, 18); "
              "INSERT INTO worker(id, public_id, team_id, given_name, family_name, role, fte, "
              "agency, start_date) VALUES (1, 'wpg0000000001', 1, 'Rui', 'Costa', 0, 1, 0, "
              "'2020-01-01'); "
              "INSERT INTO person(id, public_id, kind, given_name, family_name, sex, created) "
              "VALUES (1, 'ppg0000000001', 0, 'Zoë', 'Ng', 'F', '2024-01-01'), "
              "(2, 'ppg0000000002', 0, 'Tia', 'Ng', 'F', '2024-01-01')");
    int64_t ids[N_ELEMS(pg_notes)];
    for (size_t i = 0; i < N_ELEMS(pg_notes); i++) {
        struct case_note n = {.child_id = pg_notes[i].child,
                              .author_id = 1,
                              .date = day(pg_notes[i].date),
                              .kind = "visit",
                              .subject = pg_notes[i].subject,
                              .body = pg_notes[i].body};
        assert_int_equal(store_note_add(f->s, &n, &f->e), KITH_OK);
        ids[i] = n.id;
    }
    struct case_note ghost = {.child_id = 99,
                              .author_id = 1,
                              .date = day("2025-01-01"),
                              .kind = "visit",
                              .subject = "",
                              .body = ""};
    assert_int_equal(store_note_add(f->s, &ghost, &f->e), KITH_E_INVALID);
    assert_string_equal(f->e.field, "child_id");
    assert_non_null(strstr(f->e.msg, "there is no child with id 99"));
    ghost.child_id = 1;
    ghost.author_id = 7;
    assert_int_equal(store_note_add(f->s, &ghost, &f->e), KITH_E_INVALID);
    assert_string_equal(f->e.field, "author_id");
    struct store_counts c;
    assert_int_equal(store_counts(f->s, &c, &f->e), KITH_OK);
    assert_int_equal(c.notes, 4);
    assert_int_equal(c.children, 2);
    assert_int_equal(c.teams, 1);
    assert_int_equal(c.workers, 1);

    struct case_note *list;
    size_t n;
    struct note_query every = {0};
    assert_int_equal(store_note_list(f->s, &every, &f->a, &list, &n, &f->e), KITH_OK);
    assert_int_equal(n, 4); /* newest first, the later of one day first */
    assert_int_equal(list[0].id, ids[1]);
    assert_int_equal(list[1].id, ids[3]);
    assert_int_equal(list[2].id, ids[2]);
    assert_string_equal(list[3].body, pg_notes[0].body);
    assert_int_equal(list[3].date, day("2025-01-10"));
    struct note_query child = {.child_id = 2, .limit = 1, .offset = 1};
    assert_int_equal(store_note_list(f->s, &child, &f->a, &list, &n, &f->e), KITH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, ids[2]);

    /* Which notes each search finds ("-": none), in any order. */
    static const struct {
        const char *text;
        int64_t child;
        const char *expect;
    } cases[] = {
        {"visit", 0, "02"},
        {"zoe", 0, "0"},
        {"CAFÉ trip", 0, "0"},
        {"\"home visit\"", 0, "02"},
        {"\"visit went\"", 0, "2"},
        {"\"went visit\"", 0, "-"},
        {"attend*", 0, "13"},
        {"\"strategy meet\"*", 0, "3"},
        {"visit", 2, "2"},
        {"school", 2, "-"},
        {"10:30", 0, "0"},
        {"'ok'", 0, "0"},
        {"&", 0, "-"},
        {"police & health", 0, "3"},
        {"a!b", 0, "3"},
        {"<->", 0, "-"},
        {"c|d", 0, "3"},
        {"!police", 0, "3"},
        {"health:*", 0, "3"},
        {"home:A", 0, "-"},
        {"'", 0, "-"},
        {"\\", 0, "-"},
        {"(visit", 0, "02"},
        {"visit)", 0, "02"},
        {"*", 0, "-"},
        {"\"", 0, "-"},
        {"\xff\xfe", 0, "-"},
        {"\xc3", 0, "-"},
        {"visit \xc3", 0, "02"},
        {"😀", 0, "-"},
        {"visit 😀", 0, "02"},
        {"'; DROP TABLE case_note; --", 0, "-"},
        {"visit*ed", 0, "-"},
        {" \t", 0, "0123"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct note_query q = {.text = cases[i].text, .child_id = cases[i].child};
        kerr_clear(&f->e);
        enum kerr_code rc = store_note_list(f->s, &q, &f->a, &list, &n, &f->e);
        if (rc)
            fail_msg("search '%s': %s (%s)", cases[i].text, kerr_name(rc), f->e.msg);
        char found[N_ELEMS(pg_notes) + 1] = "";
        for (size_t k = 0; k < n && k < N_ELEMS(pg_notes); k++)
            for (size_t j = 0; j < N_ELEMS(ids); j++)
                if (list[k].id == ids[j])
                    found[k] = (char)('0' + j);
        qsort(found, strlen(found), 1, cmp_char);
        const char *want = strcmp(cases[i].expect, "-") ? cases[i].expect : "";
        if (strcmp(found, want))
            fail_msg("search '%s': notes %s, expected %s", cases[i].text, found, want);
    }
    /* Best first: the word in the subject and the body beats the subject alone. */
    struct note_query ranked = {.text = "visit"};
    assert_int_equal(store_note_list(f->s, &ranked, &f->a, &list, &n, &f->e), KITH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, ids[2]);
    ranked.offset = 1;
    assert_int_equal(store_note_list(f->s, &ranked, &f->a, &list, &n, &f->e), KITH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, ids[0]);
    char many[81];
    for (int i = 0; i < 80; i++)
        many[i] = i % 2 ? ' ' : 'w';
    many[80] = '\0';
    struct note_query q = {.text = many};
    assert_int_equal(store_note_list(f->s, &q, &f->a, &list, &n, &f->e), KITH_E_TOO_LARGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(team_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(killed_connection_recovers, setup, teardown),
        cmocka_unit_test_setup_teardown(check_finds_disagreeing_disabilities, setup, teardown),
        cmocka_unit_test_setup_teardown(notes_search, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
