/*
 * The council's settings and counters in the store (store_setting.h), on SQLite here and,
 * unchanged, on PostgreSQL (suite pg): a setting never set reads as none; setting it again
 * replaces it; a counter starts at 1 and two connections counting in turn never get the
 * same number; a counter and a setting of other names do not touch each other. And the
 * use case: an unknown name or a value that is not what the setting must be is refused
 * with the field at fault and nothing written; a change is audited.
 */
#include "../unit/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/settings.h"
#include "store/store.h"
#include "store/store_setting.h"
#include "testdb.h"

#define OK(x) assert_int_equal((x), KITH_OK)

struct fx {
    struct testdb db;
    struct store *s;
    struct arena a;
    struct kerr e;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    kerr_clear(&f->e);
    if (store_open(f->db.location, STORE_CREATE, &f->s, &f->e)) {
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

static void set_get_replace(void **state)
{
    struct fx *f = *state;
    const char *v = "x";
    OK(store_setting_get(f->s, "la-code", &f->a, &v, &f->e));
    assert_null(v);
    OK(store_setting_set(f->s, "la-code", "206", 1000, &f->e));
    OK(store_setting_get(f->s, "la-code", &f->a, &v, &f->e));
    assert_string_equal(v, "206");
    OK(store_setting_set(f->s, "la-code", "201", 2000, &f->e));
    OK(store_setting_get(f->s, "la-code", &f->a, &v, &f->e));
    assert_string_equal(v, "201");
    OK(store_setting_get(f->s, "council-name", &f->a, &v, &f->e));
    assert_null(v);
}

static void counters(void **state)
{
    struct fx *f = *state;
    struct store *second;
    OK(store_open(f->db.location, 0, &second, &f->e));
    int64_t n = 0;
    static const struct {
        int on_second;
        const char *name;
        int64_t want;
    } steps[] = {
        {0, "cin-serial-2027", 1}, {1, "cin-serial-2027", 2}, {0, "cin-serial-2027", 3},
        {1, "cin-serial-2026", 1}, {0, "cin-serial-2026", 2}, {1, "cin-serial-2027", 4},
    };
    for (size_t i = 0; i < N_ELEMS(steps); i++) {
        OK(store_setting_next(steps[i].on_second ? second : f->s, steps[i].name, 1000 + (int)i, &n,
                              &f->e));
        assert_int_equal(n, steps[i].want);
    }
    /* a counter rolled back with its transaction gives its number again */
    OK(store_begin(f->s, &f->e));
    OK(store_setting_next(f->s, "cin-serial-2027", 3000, &n, &f->e));
    assert_int_equal(n, 5);
    store_rollback(f->s);
    OK(store_setting_next(second, "cin-serial-2027", 3001, &n, &f->e));
    assert_int_equal(n, 5);
    store_close(second);
}

static void use_case(void **state)
{
    struct fx *f = *state;
    struct actor who = {
        .username = "admin", .role = "administrator", .request_id = "t", .now = 1700000000};
    static const struct {
        const char *name, *value, *field, *says;
    } bad[] = {
        {"la-code", "999", "value", "la-code '999' is not three digits"},
        {"la-code", "20", "value", "is not three digits"},
        {"la-code", "", "value", "la-code '' is not"},
        {"colour", "blue", "name", "there is no setting called 'colour'"},
        {NULL, "blue", "name", "there is no setting called ''"},
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        struct cw_err err;
        cw_err_clear(&err);
        assert_int_equal(cw_setting_set(f->s, &who, bad[i].name, bad[i].value, &err),
                         KITH_E_INVALID);
        assert_string_equal(err.e.field, bad[i].field);
        if (!strstr(err.e.msg, bad[i].says))
            fail_msg("'%s' lacks '%s'", err.e.msg, bad[i].says);
    }
    const char **values;
    OK(cw_settings_read(f->s, &f->a, &values, &f->e));
    assert_null(values[0]); /* nothing was written */
    struct cw_err err;
    cw_err_clear(&err);
    OK(cw_setting_set(f->s, &who, "la-code", "206", &err));
    OK(cw_settings_read(f->s, &f->a, &values, &f->e));
    assert_string_equal(values[0], "206");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(set_get_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(counters, setup, teardown),
        cmocka_unit_test_setup_teardown(use_case, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
