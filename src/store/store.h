/*
 * The store: every read and write of kith's records goes through these functions.
 *
 * `struct store` is opaque. store_open() chooses a backend from the location ("PATH" or
 * "sqlite:PATH" for SQLite; "postgresql://..." later) and the backend fills one
 * `const struct store_ops` table (store_impl.h); the functions below dispatch through it,
 * so callers never know which database they talk to. SQL lives only in the backends.
 *
 * Conventions:
 * - A store is used by one thread at a time; threads that work at once open a store
 *   each (the backend takes no lock of its own around a connection).
 * - Every function returns KITH_OK or an error code with details in `e` (may be NULL).
 * - Records read back are allocated from the caller's arena, never the heap.
 * - Writes outside an explicit store_begin()/store_commit() are committed one by one.
 *   Inside one, a failure leaves the transaction open for the caller to roll back.
 * - `*_add` functions set the record's `id` (and `public_id`, when it has one and the
 *   caller left it empty, and `created`, when it has one and the caller left DATE_NONE:
 *   today) on success. They check values first (KITH_E_INVALID naming the field); a
 *   value that clashes with a stored record (a second team of that name, an LA child id
 *   already used) is KITH_E_CONFLICT naming what clashed.
 * - Dates may be DATE_NONE where the record allows ("not known"); empty codes ("") and
 *   zero ids mean "none" and read back the same.
 * - Finds take what a person types: a public id in any case (I, L and O read as 1 and
 *   0, see domain/public_id.h) or the record's other key; KITH_E_NOT_FOUND when none.
 * - Lists take a query struct, so adding a filter does not change every caller; a zero
 *   `limit` means the backend's default page (STORE_PAGE_DEFAULT), capped at STORE_PAGE_MAX.
 */
#ifndef KITH_STORE_STORE_H
#define KITH_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/record.h"
#include "domain/refdata.h"

struct store_scope; /* below, with the person queries */

#define STORE_PAGE_DEFAULT 50
#define STORE_PAGE_MAX 10000

/* Size limits on what is written (KITH_E_TOO_LARGE past them), in bytes. */
#define STORE_NAME_MAX 200     /* a person's or team's name, a note's subject */
#define STORE_USERNAME_MAX 64  /* a user account's name */
#define STORE_CODE_MAX 40      /* a code from a code set: relationship type, note kind */
#define STORE_TEXT_MAX 1000000 /* a case note's body */
#define STORE_SEARCH_MAX 500   /* search text */

struct store;

enum store_open_flags {
    STORE_READONLY =
        1 << 0, /* never write, not even migrations: a newer or older schema is refused */
    STORE_CREATE = 1 << 1, /* create the database if it does not exist */
    /* A server's handle: other handles commit between its reads all the time (every page
     * view writes an audit row). SQLite drops a connection's memory map whole when it
     * finds the file changed, and faulting each page back in cost more than reading it
     * (bench/30: the child page 2x faster without the map), so such a handle reads with
     * pread(2) only. A command that reads a borough alone keeps the map. */
    STORE_BESIDE_WRITERS = 1 << 2,
};

/* Open (and, unless read-only, migrate) the database at `location`. A missing database
 * without STORE_CREATE, a file that is not a database, a damaged one, a read-only file
 * opened for writing and a schema newer than this kith all fail with a clear message and
 * leave the file untouched. */
enum kerr_code store_open(const char *location, unsigned flags, struct store **out, struct kerr *e);
void store_close(struct store *s);

/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *s);
/* The schema version the database is at, and the newest this kith knows. */
int store_schema_version(struct store *s);
int store_schema_latest(void);

enum kerr_code store_begin(struct store *s, struct kerr *e);
enum kerr_code store_commit(struct store *s, struct kerr *e);
void store_rollback(struct store *s);

/* One snapshot for a page's reads. On SQLite each statement outside a transaction is a
 * read transaction of its own, taking and dropping a lock on the WAL index (fcntl calls
 * and, after another connection's commit, a dropped page cache), so a page of thirty
 * statements paid thirty; between store_read_begin() and store_read_end() it pays one,
 * and every statement sees the same committed state. Nothing may be written in between
 * (audit the view before). Inside a caller's transaction, and on PostgreSQL (where a
 * statement costs no lock), both do nothing; `*opened` says whether one was opened. */
enum kerr_code store_read_begin(struct store *s, bool *opened, struct kerr *e);
void store_read_end(struct store *s, bool opened);

/* PRAGMA integrity_check or the backend's equivalent; KITH_E_DB_CORRUPT with the first
 * problem in `e` when the database is damaged. */
/* Bulk loading (kith demo, kith db copy): a page cache big enough for a country's indexes
 * (STORE_BULK_CACHE_MB) and commits that wait for the log, not the disk. A crash still
 * leaves whole transactions only; what the disk had not yet got back from the last few
 * commits may be lost in a power cut, which a load that can be run again can afford. */
#define STORE_BULK_CACHE_MB 512
enum kerr_code store_bulk(struct store *s, bool on, struct kerr *e);
enum kerr_code store_check(struct store *s, struct kerr *e);

/* --- workforce --------------------------------------------------------------------- */

enum kerr_code store_team_add(struct store *s, struct team *t, struct kerr *e);
enum kerr_code store_team_list(struct store *s, struct arena *a, struct team **out, size_t *n,
                               struct kerr *e);
/* By row id: a page naming a worker's team reads that team, not the list of all. */
enum kerr_code store_team_get(struct store *s, int64_t id, struct arena *a, struct team *out,
                              struct kerr *e);
/* By public id or name (exact, case-insensitive); KITH_E_NOT_FOUND when none. */
enum kerr_code store_team_find(struct store *s, const char *ref, struct arena *a, struct team *out,
                               struct kerr *e);
enum kerr_code store_worker_add(struct store *s, struct worker *w, struct kerr *e);
enum kerr_code store_worker_get(struct store *s, int64_t id, struct arena *a, struct worker *out,
                                struct kerr *e);
/* By public id or Social Work England registration ("SW12345"). */
enum kerr_code store_worker_find(struct store *s, const char *ref, struct arena *a,
                                 struct worker *out, struct kerr *e);

struct worker_query {
    int64_t team_id;  /* 0 = any team */
    int current_only; /* only workers without an end date */
    size_t limit, offset;
};
enum kerr_code store_worker_list(struct store *s, const struct worker_query *q, struct arena *a,
                                 struct worker **out, size_t *n, struct kerr *e);
/* A worker in post and the children allocated to them now. */
struct worker_caseload {
    struct worker worker;
    int64_t children;
};
/* The workers in post in a team, most children first: counts only, no child's record. */
enum kerr_code store_team_caseloads(struct store *s, int64_t team_id, struct arena *a,
                                    struct worker_caseload **out, size_t *n, struct kerr *e);
enum kerr_code store_user_add(struct store *s, struct user *u, struct kerr *e);
enum kerr_code store_user_list(struct store *s, struct arena *a, struct user **out, size_t *n,
                               struct kerr *e);
/* The account named `username` (any case), its password hash included.
 * KITH_E_NOT_FOUND when there is none. */
enum kerr_code store_user_find(struct store *s, const char *username, struct arena *a,
                               struct user *out, struct kerr *e);
enum kerr_code store_user_set_password(struct store *s, int64_t user_id, const char *hash,
                                       struct kerr *e);
/* Disable or enable an account. Disabling ends every live session of the account at `now`
 * in the same write, so a disabled person is signed out everywhere at once. */
enum kerr_code store_user_set_disabled(struct store *s, int64_t user_id, bool disabled, int64_t now,
                                       struct kerr *e);

/* Whether `scope` may see person `id` (false too when there is no such person). */
enum kerr_code store_person_visible(struct store *s, const struct store_scope *scope, int64_t id,
                                    bool *out, struct kerr *e);

/* --- restricted records and grants --------------------------------------------------- */

/* Restrict a child's record, or replace its restriction, allow-list included. */
enum kerr_code store_restriction_set(struct store *s, const struct restriction *r, struct kerr *e);
/* KITH_E_NOT_FOUND when the child's record is not restricted. */
enum kerr_code store_restriction_get(struct store *s, int64_t child_id, struct arena *a,
                                     struct restriction *out, struct kerr *e);
enum kerr_code store_restriction_lift(struct store *s, int64_t child_id, struct kerr *e);
enum kerr_code store_grant_add(struct store *s, struct access_grant *g, struct kerr *e);
enum kerr_code store_grant_revoke(struct store *s, int64_t id, kdate day, struct kerr *e);

/* --- the audit trail ------------------------------------------------------------------ */

/* Append a row, chaining its hash to the last row's (ev->id, prev_hash and hash are
 * filled in). Inside the caller's transaction when there is one, so a change and its
 * audit row commit together. A row of its own that records a read (ev->read_only) is
 * committed to the log without waiting for the disk: it is written before the page is
 * sent and survives the process dying, and reaches the disk with the next change or
 * checkpoint; a change always waits for the disk (docs/web.md, "Audit trail"). Rows of
 * their own from several threads are committed together (docs/internals/store.md, "Group
 * commit of audit rows"); each call still returns only once its row is committed. */
enum kerr_code store_audit_add(struct store *s, struct audit_event *ev, struct kerr *e);
struct audit_query {
    int64_t child_id; /* 0 = any */
    int64_t user_id;  /* 0 = any */
    int64_t from, to; /* seconds since 1970, inclusive; 0 = open */
    size_t limit, offset;
};
/* Newest first. */
enum kerr_code store_audit_list(struct store *s, const struct audit_query *q, struct arena *a,
                                struct audit_event **out, size_t *n, struct kerr *e);
/* Recompute the chain from the first row: `*bad` is the id of the first row whose hash,
 * link or number is wrong (0 when the chain holds), `*rows` how many were read. */
enum kerr_code store_audit_verify(struct store *s, int64_t *bad, int64_t *rows, struct kerr *e);

/* The audit key and anchor (docs/web.md, "Audit trail"). From the row the key file names
 * on, each row's hash is a MAC under a key kept outside the database; an anchor file
 * outside it gets "row N has hash H" lines after commits (at most one a second per
 * process, and at close), so that rows cut from the end show.
 *
 * Where they are, for every store opened after the call: `key_path` and `anchor_path`,
 * else $KITH_AUDIT_KEY and $KITH_AUDIT_ANCHOR, else DB.auditkey beside a SQLite file
 * (none for PostgreSQL: writing the trail there fails until one is given), and
 * DB.auditanchor beside a SQLite file or the key's path with ".anchor" added. Call before opening,
 * from one thread (the command line does, for --audit-key and --audit-anchor). */
void store_audit_configure(const char *key_path, const char *anchor_path);
const char *store_audit_key_path(const struct store *s);    /* NULL when none */
const char *store_audit_anchor_path(const struct store *s); /* NULL when none */
/* Make sure the key file exists: when it does not and no row is keyed yet, make one (a
 * fresh random key, mode 0600); `*created` says whether this call made it. A database
 * whose keyed rows have lost their key file is an error naming the file. */
enum kerr_code store_audit_key_ensure(struct store *s, bool *created, struct kerr *e);
/* Check the whole chain with the key and against the anchor file `anchor` (NULL: none;
 * a missing file is an error). `c` says how many rows, the first bad one and why. A
 * database with keyed rows and no key file is an error: it cannot be checked. */
struct audit_check;
enum kerr_code store_audit_check(struct store *s, const char *anchor, struct audit_check *c,
                                 struct kerr *e);
/* kith db copy: the target of a copy takes the source's key file (the rows' MACs are the
 * source key's). Nothing to do when both name the same file or the source has none. */
enum kerr_code store_audit_key_copy(struct store *from, struct store *to, struct kerr *e);

/* --- API tokens ----------------------------------------------------------------------- */

enum kerr_code store_token_add(struct store *s, struct api_token *t, struct kerr *e);
/* The token stored under `digest` with its account (KITH_E_NOT_FOUND when none). */
enum kerr_code store_token_find(struct store *s, const char *digest, struct arena *a,
                                struct api_token *out, struct user *user, struct kerr *e);
enum kerr_code store_token_list(struct store *s, struct arena *a, struct api_token **out, size_t *n,
                                struct kerr *e);
enum kerr_code store_token_revoke(struct store *s, int64_t id, int64_t now, struct kerr *e);

/* --- sessions ------------------------------------------------------------------------- */

enum kerr_code store_session_add(struct store *s, struct session *ss, struct kerr *e);
/* The live or ended session stored under `digest`, with its account in `user`.
 * KITH_E_NOT_FOUND when there is none. */
enum kerr_code store_session_find(struct store *s, const char *digest, struct arena *a,
                                  struct session *out, struct user *user, struct kerr *e);
enum kerr_code store_session_touch(struct store *s, int64_t id, int64_t now, struct kerr *e);
/* End one session (sign-out, timeout); ending an ended one changes nothing. */
enum kerr_code store_session_end(struct store *s, int64_t id, int64_t now, struct kerr *e);
/* End every live session of an account at `now` but session `keep` (0: none): after a
 * password reset, whoever held the old password is signed out everywhere, while an
 * administrator resetting their own stays signed in where they did it. */
enum kerr_code store_session_end_user(struct store *s, int64_t user_id, int64_t keep, int64_t now,
                                      struct kerr *e);

/* --- people -------------------------------------------------------------------------- */

enum kerr_code store_person_add(struct store *s, struct person *p, struct kerr *e);
/* Replace the stored record with `p` (matched by p->id), disabilities included; the
 * public id and the created date never change. KITH_E_NOT_FOUND when there is none. */
enum kerr_code store_person_update(struct store *s, const struct person *p, struct kerr *e);
/* KITH_E_NOT_FOUND when there is no such person. */
enum kerr_code store_person_get(struct store *s, int64_t id, struct arena *a, struct person *out,
                                struct kerr *e);
/* By public id or LA child id, whichever matches. */
enum kerr_code store_person_find(struct store *s, const char *ref, struct arena *a,
                                 struct person *out, struct kerr *e);

/* Disabilities come back in code order. */
/* Whose eyes a read is for (R2): lists, searches, counts and lookups given a scope return
 * only the children that account may see, in the query itself. NULL is the unscoped
 * view of the operator's own tools (the command line, returns, the demo). An account sees
 * a child when the record is not restricted, or it is on the restriction's allow-list
 * (the allow-list alone then decides), and any of: a service-wide role; its worker is
 * allocated the child now; a worker of the same team is; its worker is in a front-door
 * team (checking every contact against what is known is that team's work); an unexpired,
 * unrevoked grant. */
struct store_scope {
    int64_t user_id;
    int64_t worker_id; /* 0 when the account is no worker's */
    bool service_wide; /* CP chairs and IROs: every unrestricted child */
    kdate today;       /* grants expire */
};

struct person_query {
    const struct store_scope *scope; /* NULL = unscoped */
    int kind;                        /* -1 any, else enum person_kind */
    const char *text;                /* family name, given name, "given family" or "family
                                        given" ("family, given"), LA child id or UPN,
                                        matched from the start ignoring case (ASCII letters); NULL or
                                        blank = all */
    int open_only;                   /* children with a current allocation */
    int64_t worker_id;               /* children currently allocated to this worker; 0 = any */
    int64_t team_id; /* children currently allocated to a worker of this team; 0 = any */
    size_t limit, offset;
};
/* By family name, then given name. */
enum kerr_code store_person_list(struct store *s, const struct person_query *q, struct arena *a,
                                 struct person **out, size_t *n, struct kerr *e);

enum kerr_code store_relationship_add(struct store *s, struct relationship *r, struct kerr *e);
enum kerr_code store_relationship_list(struct store *s, int64_t child_id, struct arena *a,
                                       struct relationship **out, size_t *n, struct kerr *e);
/* A child's relatives as the child's page shows them, in one statement, not one per
 * relative: each relationship in store_relationship_list's order with the other person
 * (a link to a person who is gone is left out), and for another child whether `scope`
 * may see them (store_person_visible's rule; true for a relative who is no child, and for
 * everyone when `scope` is NULL). */
struct relative_read {
    struct relationship rel;
    struct person person;
    bool visible;
};
enum kerr_code store_relative_list(struct store *s, int64_t child_id,
                                   const struct store_scope *scope, struct arena *a,
                                   struct relative_read **out, size_t *n, struct kerr *e);

/* --- allocations and case notes -------------------------------------------------------- */

enum kerr_code store_allocation_add(struct store *s, struct allocation *al, struct kerr *e);
/* End a current allocation on `end` with `reason` (may be NULL). KITH_E_NOT_FOUND when
 * there is no such allocation, KITH_E_CONFLICT when it has already ended, KITH_E_INVALID
 * when `end` is before its start. */
enum kerr_code store_allocation_end(struct store *s, int64_t id, kdate end, const char *reason,
                                    struct kerr *e);
/* Newest first; current and past. */
enum kerr_code store_allocation_list(struct store *s, int64_t child_id, struct arena *a,
                                     struct allocation **out, size_t *n, struct kerr *e);
/* The same, each with its worker and the worker's team's name read in the same statement
 * (the child's page: one statement, not one per worker and team). worker.id is 0 when
 * the worker cannot be found, team NULL when the worker has none or it cannot be found. */
struct allocation_read {
    struct allocation al;
    struct worker worker;
    const char *team;
};
enum kerr_code store_allocation_workers(struct store *s, int64_t child_id, struct arena *a,
                                        struct allocation_read **out, size_t *n, struct kerr *e);

/* Every child, in id order, with the worker allocated to them now as their social worker
 * (0 when none): whose job the child's obligations are. One statement for the borough. */
struct child_owner {
    int64_t child_id, worker_id;
    char public_id[PUBLIC_ID_LEN + 1];
    char la_child_id[LA_CHILD_ID_MAX + 1];
    const char *given_name, *family_name; /* from the caller's arena */
};
enum kerr_code store_child_owners(struct store *s, struct arena *a, struct child_owner **out,
                                  size_t *n, struct kerr *e);
/* The same for the children allocated now (as their social worker) to `worker_id`, or to
 * any worker of `team_id`; both 0 is every child. */
enum kerr_code store_child_owners_of(struct store *s, int64_t worker_id, int64_t team_id,
                                     struct arena *a, struct child_owner **out, size_t *n,
                                     struct kerr *e);

enum kerr_code store_note_add(struct store *s, struct case_note *note, struct kerr *e);

struct note_query {
    int64_t child_id; /* 0 = any child */
    const char *text; /* full-text query: words, "phrases" and prefix* (all must match;
                         operators and punctuation are searched as text, never an
                         error); NULL or blank = all */
    size_t limit, offset;
};
/* Newest first, or best match first when `text` is set. */
enum kerr_code store_note_list(struct store *s, const struct note_query *q, struct arena *a,
                               struct case_note **out, size_t *n, struct kerr *e);

/* --- reference data: postcode geography, Ofsted providers ------------------------------ */

/* Add or replace postcodes (their pcd normalised, see postcode_norm). Importers call it
 * inside store_begin()/store_commit() with batches of a few thousand. */
enum kerr_code store_postcode_put(struct store *s, const struct postcode_place *v, size_t n,
                                  struct kerr *e);
/* Look up the postcodes in `pcds` (any spacing and case; NULL or unknown ones are left
 * out) and add the ones found to `out`. */
enum kerr_code store_postcode_find(struct store *s, const char *const *pcds, size_t n,
                                   struct postcode_geo *out, struct kerr *e);
/* Remove every provider: an Ofsted list replaces the one before. */
enum kerr_code store_provider_clear(struct store *s, struct kerr *e);
enum kerr_code store_provider_put(struct store *s, const struct provider *v, size_t n,
                                  struct kerr *e);
/* Look up the URNs in `urns` and add the providers found to `out`. */
enum kerr_code store_provider_find(struct store *s, const char *const *urns, size_t n,
                                   struct provider_list *out, struct kerr *e);
/* How many postcodes and providers are kept. */
enum kerr_code store_refdata_counts(struct store *s, int64_t *postcodes, int64_t *providers,
                                    struct kerr *e);

/* --- whole databases (kith db copy) ----------------------------------------------------- */

/* A table's row count and content hash: BLAKE2b-256 chained over the canonical text of
 * each row in key order (store_copy.c), the same on every backend for the same rows. */
struct store_table_sum {
    const char *name;
    int64_t rows;
    char hash[65]; /* hex */
};
/* Copy every table of `from` into `to`, keeping ids, in one transaction on `to`, tables in
 * the order their references need. `to` must hold no rows at all (KITH_E_CONFLICT naming
 * the first table that has some): the audit trail cannot be emptied or merged. A table
 * this kith does not know, or columns that differ between the two, are refused before
 * anything is written. */
enum kerr_code store_copy(struct store *from, struct store *to, struct kerr *e);
/* Every table's count and hash, in copy order (allocated from `a`). */
enum kerr_code store_table_sums(struct store *s, struct arena *a, struct store_table_sum **out,
                                size_t *n, struct kerr *e);

/* --- counts for summaries -------------------------------------------------------------- */

/* Workers and agency workers count those in post (no end date); open_children and
 * allocations count current allocations. */
struct store_counts {
    int64_t children, relatives, open_children, teams, workers, agency_workers, users, allocations,
        notes;
};
enum kerr_code store_counts(struct store *s, struct store_counts *out, struct kerr *e);

#endif
