/*
 * The libsodium wrapper (core/crypto.h) on its own: what a stored password hash looks
 * like (argon2id with its factors inside), that it verifies the right password of any
 * allowed length and nothing else, that a hash made with other factors asks to be redone,
 * that malformed or missing hashes never match, and that tokens and digests have the
 * promised shape (digests checked against BLAKE2b-256 known answers).
 */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "core/crypto.h"

/* Low factors: these tests exercise the encoding and the logic, not the cost. */
static const struct kcrypto_pwhash_params quick = {1, 8192};

static void hash_format_and_verify(void **state)
{
    (void)state;
    kcrypto_pwhash_params = quick;
    char sixty_four[65], longest[KCRYPTO_PASSWORD_MAX + 1];
    memset(sixty_four, 'q', 64);
    sixty_four[64] = '\0';
    memset(longest, 'z', KCRYPTO_PASSWORD_MAX);
    longest[KCRYPTO_PASSWORD_MAX] = '\0';
    const char *passwords[] = {"tulip harbour velvet quartz", sixty_four, longest,
                               "\xc3\xa9t\xc3\xa9 \xc3\xa0 la plage, deux fois"};
    for (size_t i = 0; i < N_ELEMS(passwords); i++) {
        char hash[KCRYPTO_PWHASH_LEN];
        struct kerr e = KERR_INIT;
        assert_int_equal(kcrypto_password_hash(passwords[i], hash, &e), KITH_OK);
        /* argon2id, version 19, the factors in force, then salt and hash. */
        static const char prefix[] = "$argon2id$v=19$m=8,t=1,p=1$";
        assert_memory_equal(hash, prefix, sizeof prefix - 1);
        assert_true(kcrypto_password_verify(hash, passwords[i]));
        assert_false(kcrypto_password_needs_rehash(hash));
        /* One character less, one more, another case: no match. */
        char other[KCRYPTO_PASSWORD_MAX + 2];
        size_t n = strlen(passwords[i]);
        memcpy(other, passwords[i], n - 1);
        other[n - 1] = '\0';
        assert_false(kcrypto_password_verify(hash, other));
        snprintf(other, sizeof other, "%sx", passwords[i]);
        assert_false(kcrypto_password_verify(hash, other));
        snprintf(other, sizeof other, "%s", passwords[i]);
        other[0] = (char)(other[0] ^ 0x20);
        assert_false(kcrypto_password_verify(hash, other));
        /* The same password hashes differently each time (a fresh salt). */
        char again[KCRYPTO_PWHASH_LEN];
        assert_int_equal(kcrypto_password_hash(passwords[i], again, &e), KITH_OK);
        assert_string_not_equal(hash, again);
    }
    kcrypto_pwhash_params = kcrypto_pwhash_default;
}

static void too_long_and_malformed(void **state)
{
    (void)state;
    kcrypto_pwhash_params = quick;
    char toolong[KCRYPTO_PASSWORD_MAX + 2];
    memset(toolong, 'z', sizeof toolong - 1);
    toolong[sizeof toolong - 1] = '\0';
    char hash[KCRYPTO_PWHASH_LEN];
    struct kerr e = KERR_INIT;
    assert_int_equal(kcrypto_password_hash(toolong, hash, &e), KITH_E_TOO_LARGE);
    assert_string_equal(e.field, "password");
    assert_non_null(strstr(e.msg, "longer than 256 bytes"));

    assert_int_equal(kcrypto_password_hash("tulip harbour velvet", hash, &e), KITH_OK);
    assert_false(kcrypto_password_verify(hash, toolong));
    assert_false(kcrypto_password_verify(NULL, "tulip harbour velvet"));
    assert_false(kcrypto_password_verify(hash, NULL));
    static const char *const broken[] = {
        "",
        "tulip harbour velvet",
        "$argon2id$",
        "$argon2id$v=19$m=8,t=1,p=1$",
        "$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzabcde",
    };
    for (size_t i = 0; i < N_ELEMS(broken); i++)
        assert_false(kcrypto_password_verify(broken[i], "tulip harbour velvet"));
    /* A hash cut short or with its last character changed no longer matches. */
    char cut[KCRYPTO_PWHASH_LEN];
    snprintf(cut, sizeof cut, "%s", hash);
    cut[strlen(cut) - 4] = '\0';
    assert_false(kcrypto_password_verify(cut, "tulip harbour velvet"));
    snprintf(cut, sizeof cut, "%s", hash);
    char *last = cut + strlen(cut) - 1;
    *last = *last == 'A' ? 'B' : 'A';
    assert_false(kcrypto_password_verify(cut, "tulip harbour velvet"));
    /* Longer than any encoded hash: refused before libsodium reads it. */
    char huge[KCRYPTO_PWHASH_LEN + 8];
    memset(huge, 'a', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    memcpy(huge, hash, strlen(hash));
    assert_false(kcrypto_password_verify(huge, "tulip harbour velvet"));
    kcrypto_pwhash_params = kcrypto_pwhash_default;
}

static void rehash_when_factors_change(void **state)
{
    (void)state;
    char old[KCRYPTO_PWHASH_LEN];
    kcrypto_pwhash_params = quick;
    assert_int_equal(kcrypto_password_hash("tulip harbour velvet", old, NULL), KITH_OK);
    static const struct kcrypto_pwhash_params later[] = {{2, 8192}, {1, 16384}};
    for (size_t i = 0; i < N_ELEMS(later); i++) {
        kcrypto_pwhash_params = later[i];
        assert_true(kcrypto_password_needs_rehash(old));
        /* The old hash still verifies: it carries its own factors. */
        assert_true(kcrypto_password_verify(old, "tulip harbour velvet"));
        char redone[KCRYPTO_PWHASH_LEN];
        assert_int_equal(kcrypto_password_hash("tulip harbour velvet", redone, NULL), KITH_OK);
        assert_false(kcrypto_password_needs_rehash(redone));
    }
    /* What is not an argon2id hash at all is always to be redone. */
    assert_true(kcrypto_password_needs_rehash("not a hash"));
    kcrypto_pwhash_params = kcrypto_pwhash_default;
    /* The defaults are OWASP's argon2id minimum: 19 MiB, 2 passes. */
    assert_int_equal(kcrypto_pwhash_default.mem, 19u * 1024 * 1024);
    assert_int_equal(kcrypto_pwhash_default.ops, 2);
}

static void tokens(void **state)
{
    (void)state;
    enum { N = 64 };
    char t[N][KCRYPTO_TOKEN_TEXT];
    for (size_t i = 0; i < N; i++) {
        kcrypto_token(t[i]);
        assert_int_equal(strlen(t[i]), 43); /* 256 bits in base64url, no padding */
        for (const char *p = t[i]; *p; p++)
            assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789-_",
                                   *p));
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(t[i], t[k]);
    }
}

static void digests(void **state)
{
    (void)state;
    /* BLAKE2b with a 32-byte output (RFC 7693), known answers. */
    static const struct {
        const char *text, *hex;
    } cases[] = {
        {"", "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"},
        {"abc", "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char hex[KCRYPTO_DIGEST_TEXT];
        kcrypto_digest(cases[i].text, hex);
        assert_string_equal(hex, cases[i].hex);
        unsigned char raw[32];
        kcrypto_digest_raw(cases[i].text, strlen(cases[i].text), raw);
        char back[65];
        for (size_t k = 0; k < 32; k++)
            snprintf(back + 2 * k, 3, "%02x", raw[k]);
        assert_string_equal(back, cases[i].hex);
    }
}

int main(void)
{
    kcrypto_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_format_and_verify),
        cmocka_unit_test(too_long_and_malformed),
        cmocka_unit_test(rehash_when_factors_change),
        cmocka_unit_test(tokens),
        cmocka_unit_test(digests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
