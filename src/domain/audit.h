/*
 * The audit trail's chain, in one place for every backend. Each row's hash covers the
 * previous row's hash and the row's own fields, each written with its length so no two
 * different rows can read the same; the first row follows a hash of zeros.
 *
 * From the row the audit key names (`from`) on, the hash is a MAC: BLAKE2b-256 keyed with
 * a secret kept outside the database, so someone who can write the database but has not
 * the key can neither edit a row nor re-chain the rows after it. Rows written before a
 * database had a key (kith before schema 10) keep their unkeyed BLAKE2b and are checked as
 * before; the first keyed row chains on to them, so they cannot be changed either without
 * breaking it, but a whole rewrite from row 1 can only be seen against an anchor.
 *
 * An anchor is a line written outside the database after a commit ("row 1234 has hash
 * ..."), itself MACed with the key: rows removed from the end, or a rewritten row that an
 * anchor names, show against it. This file parses and checks; the files are the store's.
 */
#ifndef KITH_DOMAIN_AUDIT_H
#define KITH_DOMAIN_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/record.h"

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

enum {
    AUDIT_KEY_BYTES = 32,
    AUDIT_KEY_TEXT_MAX = 512,    /* a key file's text is never longer */
    AUDIT_ANCHOR_LINE_MAX = 256, /* one anchor line, newline and NUL included */
    AUDIT_WHY_MAX = 300
};

/* The audit key: rows from `from` on are sealed with `k`. */
struct audit_key {
    unsigned char k[AUDIT_KEY_BYTES];
    int64_t from;
};

/* The hash of `ev` (its id included) after `prev`, as 64 hex digits into `out`: keyed
 * when `key` is given and ev->id >= key->from, the unkeyed BLAKE2b-256 otherwise. */
void audit_hash(const struct audit_event *ev, const char *prev, const struct audit_key *key,
                char out[65]);

/* A key file's text: a comment, "key <64 hex digits>", "from <row>". */
void audit_key_text(const struct audit_key *k, char out[AUDIT_KEY_TEXT_MAX]);
/* Read a key file's text; false with what is wrong in `why` when it is not one. */
bool audit_key_parse(const char *text, struct audit_key *k, char why[AUDIT_WHY_MAX]);

/* One anchor: row `row` (the chain holds rows 1..row) had hash `hash`. `line` is where
 * it was read from (1-based), for messages. */
struct audit_anchor {
    int64_t row;
    int64_t line;
    char hash[65];
};
/* "kith-audit-anchor row=N hash=H at=T mac=M\n" into `out`. */
void audit_anchor_line(const struct audit_key *k, int64_t row, const char *hash, int64_t at,
                       char out[AUDIT_ANCHOR_LINE_MAX]);
/* Read one line (without its newline); false with the reason in `why` when it is not an
 * anchor line or its MAC does not match `k` (forged, or another key's). */
bool audit_anchor_parse(const struct audit_key *k, const char *line, struct audit_anchor *a,
                        char why[AUDIT_WHY_MAX]);

/* Checking a whole chain, row by row in id order: set the inputs, call audit_check_row
 * for each row and audit_check_end once. `bad` is the first row found wrong (0 when the
 * chain holds) and `why` says what was wrong with it. */
struct audit_check {
    /* inputs */
    const struct audit_key *key;        /* NULL: the chain is checked unkeyed throughout */
    int64_t db_from;                    /* the first keyed row as the database records it, 0 none */
    const struct audit_anchor *anchors; /* sorted by row; may be NULL */
    size_t nanchors;
    const char *anchor_name; /* for messages */
    /* results */
    int64_t rows, last, bad;
    int64_t keyed_from; /* store_audit_check's: the key's first row, 0 when unkeyed */
    char why[AUDIT_WHY_MAX];
    /* walking */
    char prev[65];
    size_t next;
};
void audit_check_begin(struct audit_check *c);
void audit_check_row(struct audit_check *c, const struct audit_event *ev);
void audit_check_end(struct audit_check *c);

#endif
