/*
 * For the SQLite backend's files only (store_sqlite*.c): the connection struct, the
 * statement cache, the error mapping, binding and column reading every op shares, and
 * the ops each file implements (store_sqlite.c assembles the ops table).
 *
 * Statements: each op's SQL is a `static struct store_sql` in its own file (store_impl.h),
 * given a slot number the first time any connection runs it; a connection prepares a
 * slot once (SQLITE_PREPARE_PERSISTENT), keeps it for its life and resets it after use.
 * SQL is never assembled from values. The generic record layer (store_rec.c) uses the
 * same registry, so its statements and the backend's share one cache.
 *
 * Only this header includes <sqlite3.h> (the one-owner rule).
 */
#ifndef KITH_STORE_STORE_SQLITE_IMPL_H
#define KITH_STORE_STORE_SQLITE_IMPL_H

#include <sqlite3.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/store_check.h"
#include "store/store_impl.h"

/* A statement of this backend's own, as a generic one (store_impl.h). */
#define SQ_SQL(text)                                                                               \
    {                                                                                              \
        .sql = (text), .slot = 0                                                                   \
    }

struct open_file; /* store_sqlite.c: this process's connections to one file */

struct store_sqlite {
    struct store base; /* first: store_impl.h */
    sqlite3 *db;
    char *path;
    bool readonly;
    struct open_file *file;  /* counts this connection while it is open (open_files) */
    pthread_mutex_t *writer; /* this file's writers in this process, unless read-only */
    bool writing;            /* holds `writer` */
    int version;
    sqlite3_stmt *copy_insert; /* kith db copy: the insert for copy_table */
    char copy_table[64];
    sqlite3_stmt **gen; /* every statement (store_sql) by slot, prepared at first use */
};

static inline struct store_sqlite *sq(struct store *s) { return (struct store_sqlite *)(void *)s; }

/* Statements more than one file runs (store_sqlite.c has them). */
extern struct store_sql worker_exists_sql;
extern struct store_sql person_exists_sql;

/* A unique index a write may collide with: the key is what SQLite names after
 * "UNIQUE constraint failed: ", the message takes the clashing value. */
struct clash {
    const char *key;
    const char *field;
    const char *fmt;
    const char *value;
};

/* A record a write refers to, checked when SQLite reports a broken foreign key (which
 * does not say which one broke). */
struct reference {
    struct store_sql *exists;
    int64_t id;
    const char *field;
    const char *noun;
};

/* --- store_sqlite.c: errors, statements, writes, binding and reading --- */
enum kerr_code sq_fail(struct store_sqlite *s, struct kerr *e, const char *what);
enum kerr_code sq_write_fail(struct store_sqlite *s, struct kerr *e, const char *what,
                             const struct clash *clashes, size_t nclashes,
                             const struct reference *refs, size_t nrefs);
sqlite3_stmt *sq_stmt(struct store_sqlite *s, struct store_sql *id, struct kerr *e);
void sq_done(sqlite3_stmt *st);
enum kerr_code sq_exec_stmt(struct store_sqlite *s, struct store_sql *id, struct kerr *e,
                            const char *what);
enum kerr_code sq_write_begin(struct store_sqlite *s, bool *wrapped, struct kerr *e);
enum kerr_code sq_write_end(struct store_sqlite *s, bool wrapped, enum kerr_code rc,
                            struct kerr *e);
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
void sq_bind_code(sqlite3_stmt *st, int i, const char *v, size_t cap);
void sq_bind_date(sqlite3_stmt *st, int i, kdate d, char buf[DATE_ISO_LEN]);
void sq_bind_id(sqlite3_stmt *st, int i, int64_t id);
const char *sq_col_str(sqlite3_stmt *st, int i, struct arena *a);
const char *sq_col_name(sqlite3_stmt *st, int i, struct arena *a);
void sq_col_code(sqlite3_stmt *st, int i, char *dst, size_t cap);
kdate sq_col_date(sqlite3_stmt *st, int i);
enum kerr_code sq_read_rows(struct store_sqlite *s, sqlite3_stmt *st, struct arena *a, size_t size,
                            size_t expect, void (*reader)(sqlite3_stmt *, struct arena *, void *),
                            void **out, size_t *n, struct kerr *e);
enum kerr_code sq_read_one(struct store_sqlite *s, sqlite3_stmt *st, struct arena *a,
                           void (*reader)(sqlite3_stmt *, struct arena *, void *), void *out,
                           const char *what, const char *ref, struct kerr *e);
enum kerr_code sq_no_stmt(struct kerr *e);
#define BIND_CODE(st, i, arr) sq_bind_code(st, i, arr, sizeof(arr))
#define COL_CODE(st, i, arr) sq_col_code(st, i, arr, sizeof(arr))

/* --- store_sqlite_people.c --- */
enum kerr_code sqlite_person_add(struct store *base, struct person *p, struct kerr *e);
enum kerr_code sqlite_person_update(struct store *base, const struct person *p, struct kerr *e);
enum kerr_code sqlite_person_get(struct store *base, int64_t id, struct arena *a,
                                 struct person *out, struct kerr *e);
enum kerr_code sqlite_person_find(struct store *base, const char *ref, struct arena *a,
                                  struct person *out, struct kerr *e);
enum kerr_code sqlite_person_visible(struct store *base, const struct store_scope *scope,
                                     int64_t id, bool *out, struct kerr *e);
enum kerr_code sqlite_person_list(struct store *base, const struct person_query *q, struct arena *a,
                                  struct person **out, size_t *n, struct kerr *e);

/* --- store_sqlite_search.c: the dialect's case-note search (store_impl.h) --- */
extern struct store_sql sqlite_note_index_sql;
extern struct store_sql sqlite_note_search_sql;
int sqlite_note_match(const struct search_terms *t, struct str *q);

/* --- store_sqlite_copy.c --- */
enum kerr_code sqlite_table_names(struct store *base, struct arena *a, const char ***out, size_t *n,
                                  struct kerr *e);
enum kerr_code sqlite_table_columns(struct store *base, const char *table, struct arena *a,
                                    struct store_column **out, size_t *n, struct kerr *e);
enum kerr_code sqlite_table_read(struct store *base, const struct store_table *t, store_row_fn *fn,
                                 void *ctx, struct kerr *e);
enum kerr_code sqlite_table_write(struct store *base, const struct store_table *t,
                                  const char *const *v, struct kerr *e);
enum kerr_code sqlite_table_done(struct store *base, const struct store_table *t, struct kerr *e);

#endif
