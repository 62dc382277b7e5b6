/* The error list: every code has a distinct name, a real HTTP status and exit code. */
#include "test.h"

#include <string.h>

#include "core/err.h"

static void table_is_consistent(void **state)
{
    (void)state;
    assert_int_equal(KITH_OK, 0);
    assert_int_equal(kerr_exit_code(KITH_OK), 0);
    for (int i = 0; i < KITH_ERR_COUNT; i++) {
        int status = kerr_http_status((enum kerr_code)i);
        assert_true(status >= 200 && status <= 599);
        assert_true(strlen(kerr_message((enum kerr_code)i)) > 0);
        assert_true(strncmp(kerr_name((enum kerr_code)i), "KITH_", 5) == 0);
        for (int j = 0; j < i; j++) {
            assert_true(strcmp(kerr_name((enum kerr_code)i), kerr_name((enum kerr_code)j)));
            if (i)
                assert_true(kerr_exit_code((enum kerr_code)i) != kerr_exit_code((enum kerr_code)j));
        }
        if (i)
            assert_true(status >= 400 && kerr_exit_code((enum kerr_code)i) > 0);
    }
    assert_int_equal(kerr_http_status(KITH_E_TOO_LARGE), 413);
    assert_int_equal(kerr_http_status(KITH_E_NOT_FOUND), 404);
    /* out-of-range codes read as internal errors rather than out of bounds */
    assert_int_equal(kerr_http_status((enum kerr_code)999), 500);
}

static void details(void **state)
{
    (void)state;
    struct kerr e = KERR_INIT;
    char line[800];
    assert_int_equal(kerr_fail(&e, KITH_E_INVALID, "upn", "'%s' has a wrong check letter", "X1"),
                     KITH_E_INVALID);
    kerr_at(&e, "children.csv line %d", 12);
    kerr_format(&e, line, sizeof(line));
    assert_string_equal(line, "children.csv line 12: field 'upn': 'X1' has a wrong check letter");
    kerr_clear(&e);
    assert_int_equal(e.code, KITH_OK);
    kerr_fail(&e, KITH_E_NOT_FOUND, NULL, "no child '%s'", "abc");
    kerr_format(&e, line, sizeof(line));
    assert_string_equal(line, "no child 'abc'");
    assert_int_equal(kerr_fail(NULL, KITH_E_IO, NULL, "x"), KITH_E_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_consistent),
        cmocka_unit_test(details),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
