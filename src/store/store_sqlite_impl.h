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

/* --- store_sqlite.c: errors, statements, writes, binding and reading --- */
enum kerr_code sq_fail(struct store_sqlite *s, struct kerr *e, const char *what);
sqlite3_stmt *sq_stmt(struct store_sqlite *s, struct store_sql *id, struct kerr *e);
void sq_done(sqlite3_stmt *st);
enum kerr_code sq_exec_stmt(struct store_sqlite *s, struct store_sql *id, struct kerr *e,
                            const char *what);
enum kerr_code sq_write_begin(struct store_sqlite *s, bool *wrapped, struct kerr *e);
enum kerr_code sq_write_end(struct store_sqlite *s, bool wrapped, enum kerr_code rc,
                            struct kerr *e);
enum kerr_code sq_no_stmt(struct kerr *e);

/* --- store_sqlite_search.c: the dialect's case-note search (store_impl.h) --- */
extern struct store_sql sqlite_note_index_sql;
extern struct store_sql sqlite_note_search_sql;
int sqlite_note_match(const struct search_terms *t, struct str *q);

/* --- store_sqlite_copy.c --- */
extern struct store_sql sqlite_table_names_sql, sqlite_table_columns_sql;
enum kerr_code sqlite_table_write(struct store *base, const struct store_table *t,
                                  const char *const *v, struct kerr *e);
enum kerr_code sqlite_table_done(struct store *base, const struct store_table *t, struct kerr *e);

#endif
