/*
 * Password hashing and token digests. kith's one door to libsodium (crypto.c is the only
 * file that includes it), so the algorithms and their parameters are chosen in one place:
 * argon2id for passwords, BLAKE2b-256 for the digests under which session and API tokens
 * are stored (a token is 256 random bits, so a fast hash is enough: nothing to brute-force).
 */
#ifndef KITH_CORE_CRYPTO_H
#define KITH_CORE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#include "core/err.h"

enum {
    KCRYPTO_PWHASH_LEN = 128,   /* an encoded argon2id hash with its parameters, NUL included */
    KCRYPTO_TOKEN_BYTES = 32,   /* 256 bits */
    KCRYPTO_TOKEN_TEXT = 44,    /* base64url of 32 bytes without padding (43) and NUL */
    KCRYPTO_DIGEST_TEXT = 65,   /* hex of a 32-byte digest and NUL */
    KCRYPTO_PASSWORD_MAX = 256, /* bytes: long passphrases welcome, but hashing is bounded */
    KCRYPTO_MAC_KEY_BYTES = 32  /* a MAC key (the audit trail's) */
};

/* argon2id work factors. The defaults (kcrypto_pwhash_default) are OWASP's minimum for
 * argon2id, 19 MiB and 2 passes: about 30 ms here, so a sign-in stays quick and a burst of
 * them cannot exhaust the server's memory. Tests may lower them; a stored hash made with
 * other factors is rehashed at the next sign-in. */
struct kcrypto_pwhash_params {
    unsigned long long ops;
    size_t mem;
};
extern struct kcrypto_pwhash_params kcrypto_pwhash_params;
extern const struct kcrypto_pwhash_params kcrypto_pwhash_default;

/* Start libsodium; aborts when the library cannot start (as fatal as running out of
 * memory). Safe to call more than once and from several threads. */
void kcrypto_init(void);

/* Hash `password` into `out` (an encoded string carrying salt and parameters). */
enum kerr_code kcrypto_password_hash(const char *password, char out[KCRYPTO_PWHASH_LEN],
                                     struct kerr *e);
/* Whether `password` matches `hash`. A NULL or malformed hash never matches. */
bool kcrypto_password_verify(const char *hash, const char *password);
/* Whether `hash` was made with other parameters than today's and should be redone. */
bool kcrypto_password_needs_rehash(const char *hash);

/* A fresh random token as base64url text (43 characters). */
void kcrypto_token(char out[KCRYPTO_TOKEN_TEXT]);
/* The hex BLAKE2b-256 digest of `text`, under which a token is stored. */
void kcrypto_digest(const char *text, char out[KCRYPTO_DIGEST_TEXT]);
/* The raw BLAKE2b-256 digest of `n` bytes (for hash chains). */
void kcrypto_digest_raw(const void *data, size_t n, unsigned char out[32]);
/* The same digest of bytes, as hex text. */
void kcrypto_digest_hex(const void *data, size_t n, char out[KCRYPTO_DIGEST_TEXT]);

/* Bytes as standard base64 text (with padding), from `a`; and back, NULL when `text` is
 * not base64 (`*n` gets the bytes). For files kept in a text column. */
char *kcrypto_base64(const void *data, size_t n, struct arena *a);
void *kcrypto_unbase64(const char *text, size_t len, struct arena *a, size_t *n);

enum { KCRYPTO_SHORTHASH_KEY = 16 };
/* A 64-bit keyed hash (SipHash-2-4) of `n` bytes, for hash tables whose keys an attacker
 * chooses: without the key, which is random per process, nobody can aim names at one
 * bucket. Not a MAC. */
uint64_t kcrypto_shorthash(const unsigned char key[KCRYPTO_SHORTHASH_KEY], const void *data,
                           size_t n);
/* The keyed BLAKE2b-256 of `n` bytes under a 32-byte key: a MAC (the audit chain's). */
void kcrypto_mac_raw(const unsigned char key[KCRYPTO_MAC_KEY_BYTES], const void *data, size_t n,
                     unsigned char out[32]);
/* Whether `n` bytes at `a` and `b` are equal, in time that does not depend on where they
 * differ (for comparing MACs). */
bool kcrypto_equal(const void *a, const void *b, size_t n);

#endif
