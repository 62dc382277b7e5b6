/*
 * The PostgreSQL backend on the throwaway cluster of tests/pg/cluster.sh (KITH_TEST_DB_URL):
 * each test gets its own database, made by CREATE DATABASE on an admin connection;
 * the store makes the schema in it. Teams written and read back, a conflict on the case-insensitive
 * name, a transaction rolled back, and a connection killed mid-session by pg_terminate_backend: the
 * op fails cleanly and the next op works on a new connection.
 */
#include "../unit/test.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    store_rollback(f->s);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(team_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(killed_connection_recovers, setup, teardown),
        cmocka_unit_test_setup_teardown(check_finds_disagreeing_disabilities, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
