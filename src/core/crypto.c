/*
 * kith's cryptography through libsodium: argon2id password hashes (with rehash when the
 * work factors change), random tokens and BLAKE2b digests. Nothing else in kith includes
 * <sodium.h>; the choice of algorithms lives here.
 */
#include "core/crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

const struct kcrypto_pwhash_params kcrypto_pwhash_default = {2, (size_t)19 * 1024 * 1024};
struct kcrypto_pwhash_params kcrypto_pwhash_params = {2, (size_t)19 * 1024 * 1024};

void kcrypto_init(void)
{
    if (sodium_init() < 0) {
        fputs("kith: the cryptography library could not start\n", stderr);
        abort();
    }
}

enum kerr_code kcrypto_password_hash(const char *password, char out[KCRYPTO_PWHASH_LEN],
                                     struct kerr *e)
{
    kcrypto_init();
    size_t n = strlen(password);
    if (n > KCRYPTO_PASSWORD_MAX)
        return kerr_fail(e, KITH_E_TOO_LARGE, "password", "password: longer than %d bytes",
                         KCRYPTO_PASSWORD_MAX);
    _Static_assert(KCRYPTO_PWHASH_LEN >= crypto_pwhash_STRBYTES, "hash buffer too small");
    if (crypto_pwhash_str_alg(out, password, n, kcrypto_pwhash_params.ops,
                              kcrypto_pwhash_params.mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return kerr_fail(e, KITH_E_INTERNAL, "password",
                         "the password could not be hashed (out of memory?)");
    return KITH_OK;
}

bool kcrypto_password_verify(const char *hash, const char *password)
{
    kcrypto_init();
    if (!hash || !password || strlen(password) > KCRYPTO_PASSWORD_MAX ||
        strnlen(hash, KCRYPTO_PWHASH_LEN) >= KCRYPTO_PWHASH_LEN)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool kcrypto_password_needs_rehash(const char *hash)
{
    kcrypto_init();
    return crypto_pwhash_str_needs_rehash(hash, kcrypto_pwhash_params.ops,
                                          kcrypto_pwhash_params.mem) != 0;
}

void kcrypto_token(char out[KCRYPTO_TOKEN_TEXT])
{
    kcrypto_init();
    unsigned char raw[KCRYPTO_TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, KCRYPTO_TOKEN_TEXT, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void kcrypto_digest_raw(const void *data, size_t n, unsigned char out[32])
{
    crypto_generichash(out, 32, data, n, NULL, 0);
}

void kcrypto_digest_hex(const void *data, size_t n, char out[KCRYPTO_DIGEST_TEXT])
{
    unsigned char raw[32];
    kcrypto_digest_raw(data, n, raw);
    sodium_bin2hex(out, KCRYPTO_DIGEST_TEXT, raw, sizeof raw);
}

char *kcrypto_base64(const void *data, size_t n, struct arena *a)
{
    kcrypto_init();
    size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *out = arena_alloc(a, cap);
    sodium_bin2base64(out, cap, data, n, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

void *kcrypto_unbase64(const char *text, size_t len, struct arena *a, size_t *n)
{
    kcrypto_init();
    size_t cap = len / 4 * 3 + 3;
    unsigned char *out = arena_alloc(a, cap);
    if (sodium_base642bin(out, cap, text, len, NULL, n, NULL, sodium_base64_VARIANT_ORIGINAL))
        return NULL;
    return out;
}

uint64_t kcrypto_shorthash(const unsigned char key[KCRYPTO_SHORTHASH_KEY], const void *data,
                           size_t n)
{
    _Static_assert(KCRYPTO_SHORTHASH_KEY == crypto_shorthash_KEYBYTES, "SipHash key size");
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, data, n, key);
    uint64_t h = 0;
    for (size_t i = 0; i < sizeof out; i++)
        h = h << 8 | out[i];
    return h;
}

void kcrypto_mac_raw(const unsigned char key[KCRYPTO_MAC_KEY_BYTES], const void *data, size_t n,
                     unsigned char out[32])
{
    /* BLAKE2b with a key is a MAC (RFC 7693 section 2.9): without the key nobody can make
     * a tag that matches, which is what an unkeyed digest cannot promise. */
    crypto_generichash(out, 32, data, n, key, KCRYPTO_MAC_KEY_BYTES);
}

bool kcrypto_equal(const void *a, const void *b, size_t n) { return sodium_memcmp(a, b, n) == 0; }

void kcrypto_digest(const char *text, char out[KCRYPTO_DIGEST_TEXT])
{
    kcrypto_digest_hex(text, strlen(text), out);
}
