/*
 * Duplicate detection: how likely two records are one child, and why. A person recording a
 * contact or a new child is shown the children already known who score at or above
 * DUP_SHOWN against what they typed, each with its reasons ("same NHS number", "family
 * name sounds the same: Mohammed and Muhammad", "given and family names swapped"), so
 * they can pick the child rather than create a second record. Scoring is pure and reads
 * no store: the store finds candidates, this judges them.
 */
#ifndef KITH_DOMAIN_DUPES_H
#define KITH_DOMAIN_DUPES_H

#include <stdbool.h>

#include "core/date.h"
#include "domain/field.h"

/* What is known of a person: any member may be absent (NULL, "" or DATE_NONE). */
struct dup_person {
    const char *given, *family;
    kdate dob;
    const char *nhs; /* ten digits, as nhs_number_read gives */
    const char *upn;
    const char *postcode; /* "N1 9GU" form */
};

#define DUP_REASONS_MAX 8
#define DUP_SHOWN 35 /* a candidate scoring this or more is shown */

struct dup_reason {
    const char *rule; /* "nhs", "dob-swapped", "family-sounds": for programs */
    int points;       /* negative when it tells the records apart */
    char text[120];   /* for people */
};

struct dup_score {
    int score;
    int n;
    struct dup_reason reasons[DUP_REASONS_MAX];
};

/* Score `cand` against `probe`: every rule that applies adds its points and its reason. */
void dup_score(const struct dup_person *probe, const struct dup_person *cand,
               struct dup_score *out);

/* A name's sound as a key (Soundex kept to 8 characters and with its first letter coded as
 * well, so that C and K, or Ph and F, start alike): "Mohammed", "Muhammad" and "Mohamed"
 * give the same key. Letters other than A-Z (accents, hyphens, spaces) are skipped.
 * `out` gets at most DUP_KEY_LEN characters and a NUL; "" for a name with no letters. */
#define DUP_KEY_LEN 8
void dup_sound_key(const char *name, char out[DUP_KEY_LEN + 1]);

/* What a person types to look for a child before creating one, as a field table so the
 * API, the CLI and the page read and check it as they do a record: names, a date of birth
 * as typed (2015-03-07 or 7/3/2015), an NHS number (spaces allowed; its check digit is
 * checked), a UPN and a postcode (tidied). At least one is needed. */
struct dup_query {
    const char *given, *family;
    kdate dob;
    const char *nhs_number;
    const char *upn;
    const char *postcode;
};
extern const struct field dup_query_fields[];
/* The query's own checks after its fields': something to look for. */
void dup_query_check(const struct dup_query *q, struct field_errors *errs);
/* The person a checked query describes, with the NHS number's digits, the UPN in capitals
 * and the postcode in its written form, in the buffers given. */
struct dup_query_bufs {
    char nhs[11], upn[14], postcode[9];
};
void dup_query_person(const struct dup_query *q, struct dup_query_bufs *b, struct dup_person *out);

/* A field check for any field holding an NHS number, text or an array (nhs_number_read's
 * rules). */
void dup_field_nhs(const struct field *f, const void *rec, const struct field_ctx *ctx,
                   struct field_errors *errs);

#endif
