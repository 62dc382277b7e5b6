/*
 * The password policy, case by case: length in characters (not bytes), the deny-list
 * after folding case and punctuation, repeated and straight runs, the username inside
 * the password; and generated passwords pass the policy and differ.
 */
#include "test.h"

#include <stdbool.h>
#include <string.h>

#include "domain/password.h"

static void policy_table(void **state)
{
    (void)state;
    static const struct {
        const char *password, *username;
        bool ok;
        const char *why; /* part of the message when refused */
    } cases[] = {
        {"tulip harbour velvet", "ana", true, NULL},
        {"correct-lamp-orbit-sky", "ana", true, NULL},
        {"fourteen chars", "ana", false, "at least 15 characters"},
        {"exactly15chars!", "ana", true, NULL},
        /* 15 characters of which some take two bytes: counted as characters. */
        {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 rhubarb", "ana", true, NULL},
        {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "ana", false, "at least 15"},
        {"passwordpassword", "ana", false, "often choose"},
        {"Password Password", "ana", false, "often choose"},
        {"P@ssword-1234567", "ana", false, "often choose"},
        {"QWERTYUIOPASDFGH", "ana", false, "often choose"},
        {"correct horse battery staple", "ana", false, "often choose"},
        {"aaaaaaaaaaaaaaaaaaaa", "ana", false, "repeated"},
        {"abcabcabcabcabcabc", "ana", false, "repeated"},
        {"1234567890123456", "ana", false, "often choose"},
        {"abcdefghijklmnopq", "ana", false, "straight"},
        {"987654321098765432", "ana", false, "repeated or straight"},
        {"ghijklmnopqrstuvw", "ana", false, "straight"},
        {"my name is Ana.Okafor really", "ana.okafor", false, "contains the username"},
        {"bob is fine as a short name", "bob", true, NULL}, /* names under 4 are not checked */
        /* R8's cases: the classic choice is refused, a 64-character passphrase is fine. */
        {"Password1", "ana", false, "at least 15"},
        {"Password123456789", "ana", false, "often choose"},
        {"rain on the viaduct at seven, kettle on, dog asleep by the fire!", "ana", true, NULL},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct kerr e = KERR_INIT;
        enum kerr_code rc = password_check(cases[i].password, cases[i].username, &e);
        if (cases[i].ok != (rc == KITH_OK))
            fail_msg("case %zu '%s': expected %s, got '%s'", i, cases[i].password,
                     cases[i].ok ? "accepted" : "refused", e.msg);
        if (!cases[i].ok) {
            assert_int_equal(rc, KITH_E_INVALID);
            assert_string_equal(e.field, "password");
            if (!strstr(e.msg, cases[i].why))
                fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].why);
        }
    }
    char huge[PASSWORD_MAX + 2];
    memset(huge, 'x', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    struct kerr e = KERR_INIT;
    assert_int_equal(password_check(huge, "ana", &e), KITH_E_INVALID);
    assert_non_null(strstr(e.msg, "longer than"));
}

static void generated_passwords(void **state)
{
    (void)state;
    char a[96], b[96];
    password_generate(a, sizeof a);
    password_generate(b, sizeof b);
    assert_string_not_equal(a, b);
    struct kerr e = KERR_INIT;
    assert_int_equal(password_check(a, "someone", &e), KITH_OK);
    size_t dashes = 0;
    for (const char *p = a; *p; p++)
        dashes += *p == '-';
    assert_int_equal(dashes, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(policy_table),
        cmocka_unit_test(generated_passwords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
