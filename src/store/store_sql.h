/*
 * For the store's own files: SQL written once for every backend, run through the
 * backend's `run` op (store_impl.h). Statements use SQLite's numbered placeholders, ?1,
 * ?2, ...; the PostgreSQL backend reads them as $1, $2 when it prepares. Values cross as
 * text both ways: the helpers below format parameters and read columns, collect rows into
 * the caller's arena, and turn a broken unique key or reference into words naming the
 * field (store_write_fail), the same words on either backend.
 */
#ifndef KITH_STORE_STORE_SQL_H
#define KITH_STORE_STORE_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "store/store_impl.h"

#define STORE_SQL(text)                                                                            \
    {                                                                                              \
        .sql = (text), .slot = 0                                                                   \
    }

/* One statement in each dialect, side by side, where the two differ in a word: folding
 * case (SQLite's COLLATE NOCASE, PostgreSQL's lower(x COLLATE "C"), each matching its
 * database's index). store_sql_of picks the store's. */
struct store_sql_pair {
    struct store_sql sqlite, pg;
};
#define STORE_SQL_PAIR(sqlite_text, pg_text)                                                       \
    {                                                                                              \
        .sqlite = STORE_SQL(sqlite_text), .pg = STORE_SQL(pg_text)                                 \
    }
struct store_sql *store_sql_of(const struct store *s, struct store_sql_pair *q);

/* Parameters in order, ?1 first. Text is borrowed; numbers and dates are formatted into
 * `buf`. NULL is SQL NULL. A whole number is kept as one too (bit k of `whole` says
 * parameter k is `i[k]`), so that SQLite binds it as an integer: a text parameter
 * compared with an INTEGER column is converted on every comparison, and a rowid search
 * given text converts it before it can seek. */
/* A record type's write binds its head's seven columns and each of its fields
 * (REC_FIELDS_MAX, domain/rec.h): store_rec.c asserts that they fit. */
#define STORE_PARAMS_MAX 64
struct store_params {
    size_t n;
    const char *v[STORE_PARAMS_MAX];
    char buf[STORE_PARAMS_MAX][24];
    int64_t i[STORE_PARAMS_MAX];
    uint64_t whole; /* as many bits as STORE_PARAMS_MAX */
};
void sp_text(struct store_params *p, const char *v); /* NULL -> NULL */
void sp_code(struct store_params *p, const char *v); /* NULL or "" -> NULL */
void sp_i64(struct store_params *p, int64_t v);
void sp_id(struct store_params *p, int64_t id); /* 0 -> NULL */
void sp_date(struct store_params *p, kdate d);  /* DATE_NONE -> NULL */
void sp_bool(struct store_params *p, bool v);   /* 1 or 0 */
void sp_real(struct store_params *p, double v); /* as many digits as read it back exactly */

/* The most columns a statement reads: a record's head and REC_FIELDS_MAX fields fit
 * (store_rec.c asserts it). */
#define STORE_COLS_MAX 64

/* Columns as `run` hands them (NULL for SQL NULL). */
int64_t sc_i64(const char *v);                                   /* NULL -> 0 */
double sc_real(const char *v);                                   /* NULL -> 0 */
kdate sc_date(const char *v, size_t len);                        /* NULL -> DATE_NONE */
const char *sc_str(struct arena *a, const char *v, size_t len);  /* NULL -> NULL */
const char *sc_name(struct arena *a, const char *v, size_t len); /* NULL -> "" */
void sc_code(const char *v, size_t len, char *dst, size_t cap);  /* NULL -> "" */
#define SC_CODE(v, len, i, arr) sc_code((v)[i], (len)[i], (arr), sizeof(arr))

/* `v` in decimal at the start of `buf`, NUL-terminated; returns its length. Without
 * snprintf, whose locale and format handling cost more than a row lookup's binding. */
size_t store_i64_text(int64_t v, char buf[24]);

/* Run `q`. `doing` says what for ("adding a case note"), at the head of a database
 * error's message. Rows go to `row` (may be NULL); `changed` gets the rows a write
 * touched (may be NULL). */
enum kerr_code store_q(struct store *s, struct store_sql *q, const struct store_params *p,
                       store_row_fn *row, void *ctx, int64_t *changed, const char *doing,
                       struct kerr *e);

/* The same for parameters already as text (`v[0]` is ?1; NULL is SQL NULL), and no
 * message heading (s->doing). */
enum kerr_code store_run_text(struct store *s, struct store_sql *q, const char *const *v, size_t n,
                              store_row_fn *row, void *ctx, int64_t *changed, struct kerr *e);

/* Every row read by `read` into an array of `size`-byte records in the arena (*out NULL
 * and *n 0 when there are none); or the first row into `out`, `*found` saying whether
 * there was one. */
typedef void store_read_fn(const char *const *v, const size_t *len, struct arena *a, void *out);
/* The rows of the links (store_links.c) and of a worker (store_workforce.c), for the
 * statements that read them joined to another table: `v` from the reader's first column. */
store_read_fn store_read_relationship, store_read_allocation, store_read_worker;
enum kerr_code store_q_rows(struct store *s, struct store_sql *q, const struct store_params *p,
                            struct arena *a, size_t size, store_read_fn *read, void **out,
                            size_t *n, const char *doing, struct kerr *e);
enum kerr_code store_q_one(struct store *s, struct store_sql *q, const struct store_params *p,
                           struct arena *a, store_read_fn *read, void *out, bool *found,
                           const char *doing, struct kerr *e);
/* A record found by what a person types (store.md, Conventions): `by_public_id` (?1 the
 * normalised id) when `ref` reads as a public id, then `by_key` (?1 `ref` as typed);
 * KITH_E_NOT_FOUND "no <what> '<ref>'" when neither finds it. */
enum kerr_code store_q_find(struct store *s, const char *ref, struct store_sql *by_public_id,
                            struct store_sql *by_key, struct arena *a, store_read_fn *read,
                            void *out, const char *what, struct kerr *e);
/* One whole number: the first column of the first row (an id RETURNING gave, a count). */
enum kerr_code store_q_int(struct store *s, struct store_sql *q, const struct store_params *p,
                           int64_t *out, const char *doing, struct kerr *e);

/* A unique key a write may collide with, as the backends name it (store_impl.h,
 * store_broke): "case_note.public_id", or "index 'team_name'" for an index on an
 * expression. The message takes the clashing value. */
struct store_clash {
    const char *key;
    const char *field;
    const char *fmt;
    const char *value;
};
/* A record a write refers to: the column holding the reference ("case_note.child_id"),
 * the statement that tells whether the record exists (for a backend that cannot say
 * which reference broke) and the words for it. */
struct store_ref {
    const char *key;
    struct store_sql *exists;
    int64_t id;
    const char *field;
    const char *noun;
};
/* After a write failed with `rc`: the clash or missing record in words naming the field,
 * or `rc` and its message as they were. */
enum kerr_code store_write_fail(struct store *s, enum kerr_code rc, struct kerr *e,
                                const struct store_clash *clashes, size_t nclashes,
                                const struct store_ref *refs, size_t nrefs);
/* "SELECT 1 FROM <table> WHERE id = ?1", for store_ref.exists. */
extern struct store_sql store_person_exists, store_worker_exists, store_user_exists;

#endif
