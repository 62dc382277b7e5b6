/*
 * Public ids: the identifiers of records that leave the server (URLs, the API, the
 * CLI). PUBLIC_ID_LEN characters from a 32-letter lower-case alphabet, 5 bits each,
 * 60 bits in all. The alphabet is Crockford's base 32 (digits and letters without
 * i, l, o and u), so an id read aloud or copied by hand has no look-alike letters.
 */
#ifndef KITH_DOMAIN_PUBLIC_ID_H
#define KITH_DOMAIN_PUBLIC_ID_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/record.h"

#define PUBLIC_ID_ALPHABET "0123456789abcdefghjkmnpqrstvwxyz"

/* A new random id (getrandom(2)): unguessable, unique in practice (60 bits). */
void public_id_new(char out[PUBLIC_ID_LEN + 1]);

/* The id for the low 60 bits of `bits`, most significant first. Deterministic: for
 * seeded demo data, where the same seed must give the same ids. */
void public_id_encode(uint64_t bits, char out[PUBLIC_ID_LEN + 1]);

/* True when `s` is exactly PUBLIC_ID_LEN letters of the alphabet (lower case). */
bool public_id_valid(const char *s);

/* Read an id as a person may type it: upper case is folded, and the look-alikes
 * Crockford's rules allow (I and L for 1, O for 0) are mapped. True and the canonical id
 * in `out` when `s` is a well-formed id; false (and `out` empty) otherwise. */
bool public_id_normalize(const char *s, char out[PUBLIC_ID_LEN + 1]);

#endif
