/*
 * For backends only: the checks a value passes before any backend writes it, and the
 * paging rules every list shares. Both backends call the same checks, so a value refused
 * on SQLite is refused on PostgreSQL with the same words. The schema holds the same rules
 * (CHECK, NOT NULL, foreign keys) as a last line; these give the message. The first failure
 * wins, so callers chain checks without testing each.
 */
#ifndef KITH_STORE_STORE_CHECK_H
#define KITH_STORE_STORE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/public_id.h"
#include "domain/record.h"
#include "store/store.h"

struct check {
    struct kerr *e;
    enum kerr_code rc;
};

void check_fail(struct check *c, enum kerr_code code, const char *field, const char *msg);
void check_text(struct check *c, const char *field, const char *v, size_t max, bool required);
void check_enum(struct check *c, const char *field, int v, int count);
void check_date(struct check *c, const char *field, kdate d, bool required);
/* `end` may be missing; when present it must not come before `start`. */
void check_order(struct check *c, const char *field, kdate start, kdate end);
void check_ref(struct check *c, const char *field, int64_t id);
/* A caller's public id must be well formed; an empty one is filled in by the write. */
void check_public_id(struct check *c, const char id[PUBLIC_ID_LEN + 1]);

/* Whole records: every check a write of one runs, the first failure reported. A worker's
 * public id is checked with the rest; a person's only on adding (an update keeps it). */
enum kerr_code check_worker(const struct worker *w, struct kerr *e);
enum kerr_code check_user(const struct user *u, struct kerr *e);
enum kerr_code check_person(const struct person *p, struct kerr *e);
/* A person about to be added: its public id, if the caller chose one, then the rest. */
enum kerr_code check_person_new(const struct person *p, struct kerr *e);
enum kerr_code check_team(const struct team *t, struct kerr *e);
enum kerr_code check_relationship(const struct relationship *r, struct kerr *e);
enum kerr_code check_allocation(const struct allocation *al, struct kerr *e);
/* The values of an allocation's ending, then whether the stored one (started `start`,
 * ended `ended` or DATE_NONE) may end on `end`. */
enum kerr_code check_allocation_end(kdate end, const char *reason, struct kerr *e);
enum kerr_code check_allocation_ending(int64_t id, kdate start, kdate ended, kdate end,
                                       struct kerr *e);

/* Person search text as both backends match it: trimmed, runs of white space made one
 * space and a comma a space (so "Amy  Smith" and "Smith, Amy" find the full name either
 * way round), in `buf`, which has room for STORE_SEARCH_MAX bytes of words, a backend's
 * range end (up to 4 bytes) and the NUL. False when the words are longer than
 * STORE_SEARCH_MAX; `*utf8` says whether they are UTF-8 text (no stored name is anything
 * else, so other bytes match nobody). */
#define SEARCH_WORDS_CAP (STORE_SEARCH_MAX + 5)
bool search_words(const char *text, char buf[SEARCH_WORDS_CAP], size_t *len, bool *utf8);
/* Whether the `n` bytes at `v` are well-formed UTF-8: no stray or missing continuation
 * bytes, overlong forms, surrogates or code points past U+10FFFF. */
bool text_utf8(const char *v, size_t n);

/* A person's disability codes as the person row keeps a copy of them: in code order,
 * joined by commas, "" for none; and split back into `p` on reading. */
#define PERSON_CODES_CAP (DISABILITIES_MAX * 5 + 1)
void person_codes_join(const struct person *p, char out[PERSON_CODES_CAP]);
void person_codes_split(const char *v, size_t len, struct person *p);

/* The access records' checks. */
struct audit_event;
enum kerr_code check_restriction(const struct restriction *r, struct kerr *e);
/* Fills in `granted` (today) when the caller left it DATE_NONE. */
enum kerr_code check_grant(struct access_grant *g, struct kerr *e);
enum kerr_code check_audit_event(const struct audit_event *ev, struct kerr *e);
enum kerr_code check_token(const struct api_token *t, struct kerr *e);
enum kerr_code check_session(const struct session *ss, struct kerr *e);

/* A case note (store_note_add). */
enum kerr_code check_note(const struct case_note *n, struct kerr *e);

/* Case-note search text as both backends read it (store.h struct note_query): terms are
 * space-separated words and "quoted phrases" (an unclosed quote runs to the end); a * at
 * the end of a word or phrase asks for the start of a word. Anything else in a term is
 * searched as text, never obeyed, and each backend splits a term into the words its index
 * holds, matching them as a phrase. */
#define SEARCH_TERMS_MAX 32 /* words and phrases in one search: more only slows it */
struct search_term {
    const char *start; /* into the caller's text, not NUL-terminated */
    size_t len;
    bool prefix;
};
struct search_terms {
    int n; /* 0: nothing searchable, so nothing matches */
    struct search_term v[SEARCH_TERMS_MAX];
};
/* KITH_E_TOO_LARGE (field "text") past STORE_SEARCH_MAX bytes or SEARCH_TERMS_MAX terms. */
enum kerr_code search_split(const char *text, struct search_terms *out, struct kerr *e);

/* The page a list query asks for: 0 is the default page, and no page passes the cap. */
int64_t page_limit(size_t limit);
int64_t page_offset(size_t offset);

#endif
