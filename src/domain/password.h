/*
 * What kith accepts as a password. Following NIST SP 800-63B (revision 4) and the NCSC:
 * length is what makes a password strong, so there are no composition rules (no "one
 * capital, one symbol"), a minimum of 15 characters for a password that is the only
 * factor, a generous maximum, and a refusal of passwords that are known, repeated or
 * built from the account's own name.
 */
#ifndef KITH_DOMAIN_PASSWORD_H
#define KITH_DOMAIN_PASSWORD_H

#include "core/err.h"

enum { PASSWORD_MIN = 15, PASSWORD_MAX = 256 };

/* KITH_OK when `password` may be set for `username`; otherwise KITH_E_INVALID with a
 * message that says what to do (field "password"). Length counts characters, not bytes. */
enum kerr_code password_check(const char *password, const char *username, struct kerr *e);

/* A new password for an account created by a command: four words from kith's list and a
 * number, about 60 bits, easy to read aloud and type. `out` holds at least 64 bytes. */
void password_generate(char *out, size_t size);

#endif
