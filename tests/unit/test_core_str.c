/* String builder: appends, formatting, the sticky size cap, detach. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"

/* Invariants that hold after every operation. */
static void check(const struct str *s)
{
    assert_non_null(s->buf);
    assert_int_equal(strlen(s->buf), s->len);
    if (s->max)
        assert_true(s->len <= s->max);
}

static void appends(void **state)
{
    (void)state;
    struct str s = STR_INIT;
    check(&s);
    assert_string_equal(s.buf, "");
    str_add(&s, "child");
    check(&s);
    str_addc(&s, ' ');
    str_addf(&s, "%d of %s", 42, "many");
    check(&s);
    assert_string_equal(s.buf, "child 42 of many");
    for (int i = 0; i < 1000; i++)
        str_addf(&s, "%04d", i);
    check(&s);
    assert_int_equal(s.len, 16 + 4000);
    str_truncate(&s, 5);
    check(&s);
    assert_string_equal(s.buf, "child");
    size_t len;
    char *p = str_detach(&s, &len);
    assert_string_equal(p, "child");
    assert_int_equal(len, 5);
    free(p);
    check(&s);
    assert_int_equal(s.len, 0);
    str_release(&s);
}

static void cap_is_sticky(void **state)
{
    (void)state;
    struct str s;
    str_init(&s, 10);
    str_add(&s, "12345");
    str_add(&s, "123456"); /* would make 11: refused whole */
    check(&s);
    assert_false(str_ok(&s));
    assert_string_equal(s.buf, "12345");
    str_add(&s, "1"); /* after overflow nothing more is stored */
    assert_string_equal(s.buf, "12345");
    str_reset(&s);
    assert_true(str_ok(&s));
    str_addf(&s, "%s", "0123456789");
    assert_true(str_ok(&s));
    str_addc(&s, 'x');
    assert_false(str_ok(&s));
    check(&s);
    str_release(&s);
}

static void long_format(void **state)
{
    (void)state;
    struct str s = STR_INIT;
    char big[1000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    str_addf(&s, "[%s]", big);
    check(&s);
    assert_int_equal(s.len, 1001);
    str_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends),
        cmocka_unit_test(cap_is_sticky),
        cmocka_unit_test(long_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
