/*
 * The audit trail's hash chain, in one place for every backend: each row's hash is the
 * BLAKE2b-256 of the previous row's hash and the row's own fields, each written with its
 * length so no two different rows can read the same. The first row follows a hash of
 * zeros.
 */
#ifndef KITH_DOMAIN_AUDIT_H
#define KITH_DOMAIN_AUDIT_H

#include "domain/record.h"

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The hash of `ev` (its id included) after `prev`, as 64 hex digits into `out`. */
void audit_hash(const struct audit_event *ev, const char *prev, char out[65]);

#endif
