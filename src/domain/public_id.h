/*
 * Public ids: the identifiers of records that leave the server (URLs, the API, the
 * CLI). PUBLIC_ID_LEN characters from a 32-letter lower-case alphabet, 5 bits each:
 * 128 bits (the first character carries the top 3 bits, so it is 0 to 7), the size
 * the security requirements ask of an opaque id (R2), so that guessing one is hopeless
 * even before access control says no. The alphabet is Crockford's base 32 (digits and letters
 * without i, l, o and u), so an id read aloud or copied by hand has no look-alike letters.
 */
#ifndef KITH_DOMAIN_PUBLIC_ID_H
#define KITH_DOMAIN_PUBLIC_ID_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/record.h"

#define PUBLIC_ID_ALPHABET "0123456789abcdefghjkmnpqrstvwxyz"

/* A new random id (getrandom(2)): unguessable, unique in practice (128 bits). */
void public_id_new(char out[PUBLIC_ID_LEN + 1]);

/* The id for the 128-bit number hi:lo, most significant first. Deterministic: for
 * seeded demo data, where the same seed must give the same ids. */
void public_id_encode(uint64_t hi, uint64_t lo, char out[PUBLIC_ID_LEN + 1]);

/* True when `s` is exactly PUBLIC_ID_LEN letters of the alphabet (lower case). */
bool public_id_valid(const char *s);

/* Read an id as a person may type it: upper case is folded, and the look-alikes
 * Crockford's rules allow (I and L for 1, O for 0) are mapped. True and the canonical id
 * in `out` when `s` is a well-formed id; false (and `out` empty) otherwise. */
bool public_id_normalize(const char *s, char out[PUBLIC_ID_LEN + 1]);

/* The LA child id kith gives a child whose council gave none: the public id's first
 * LA_CHILD_ID_MAX characters in upper case (councils' ids are conventionally upper
 * case, and the DfE allows 20 letters and digits). 98 random bits: unique in practice,
 * and a clash is refused by the store like any other. */
void public_id_la_child_id(const char *public_id, char out[LA_CHILD_ID_MAX + 1]);

#endif
