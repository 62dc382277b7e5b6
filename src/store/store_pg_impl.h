/*
 * For the PostgreSQL backend's files only (store_pg*.c): the connection struct, the
 * prepared-statement registry, parameter building and column reading that every op
 * shares, and the ops each file implements (store_pg.c assembles the ops table).
 *
 * Statements: each op's SQL is a `static struct pg_stmt` in its own file, given a slot
 * number the first time any connection runs it; a connection prepares a slot once (named
 * "k<slot>") and keeps it. Parameters always travel apart from the SQL, as text.
 *
 * Only this header includes <libpq-fe.h> (the one-owner rule); the backend's files get it
 * here, with the libpq they call: kith does not link libpq, store_pg_lib.c loads it on the
 * first connect (core/dynlib.h says why), and each PQ* function below is a macro that
 * calls through pg_lib, a table of pointers typed from libpq-fe.h's own prototypes, so
 * every call is still checked against libpq's declarations. Macros rather than forwarding
 * functions of the same names: the tests link the real libpq beside kith, and a second
 * PQexec in their programs would interpose on libpq's own.
 */
#ifndef KITH_STORE_STORE_PG_IMPL_H
#define KITH_STORE_STORE_PG_IMPL_H

#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/store_check.h"
#include "store/store_impl.h"

/* Every libpq function the backend calls. Adding one: list it here and give it a macro
 * below; a call to a PQ* function not listed fails to link (kith links no libpq). */
#define PG_LIB_FUNCS(X)                                                                            \
    X(PQclear)                                                                                     \
    X(PQcmdTuples)                                                                                 \
    X(PQconnectdb)                                                                                 \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecParams)                                                                                \
    X(PQexecPrepared)                                                                              \
    X(PQfinish)                                                                                    \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetlength)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQhost)                                                                                      \
    X(PQnfields)                                                                                   \
    X(PQntuples)                                                                                   \
    X(PQport)                                                                                      \
    X(PQprepare)                                                                                   \
    X(PQreset)                                                                                     \
    X(PQresultErrorField)                                                                          \
    X(PQresultErrorMessage)                                                                        \
    X(PQresultStatus)                                                                              \
    X(PQsendQueryParams)                                                                           \
    X(PQsendQueryPrepared)                                                                         \
    X(PQsetSingleRowMode)                                                                          \
    X(PQstatus)                                                                                    \
    X(PQtransactionStatus)

struct pg_lib {
#define PG_LIB_SLOT(f) __typeof__(f) *f;
    PG_LIB_FUNCS(PG_LIB_SLOT)
#undef PG_LIB_SLOT
};
/* Filled by pg_lib_load; read only after it has succeeded. */
extern struct pg_lib pg_lib;
/* Load libpq once per process (any thread); KITH_E_DB_OPEN, saying how to install it,
 * when it is missing. store_pg_open calls it before anything else touches libpq. */
enum kerr_code pg_lib_load(struct kerr *e);

/* Function-like, so that a bare name (PG_LIB_FUNCS, pg_lib's fields) is left alone. */
#define PQclear(...) pg_lib.PQclear(__VA_ARGS__)
#define PQcmdTuples(...) pg_lib.PQcmdTuples(__VA_ARGS__)
#define PQconnectdb(...) pg_lib.PQconnectdb(__VA_ARGS__)
#define PQerrorMessage(...) pg_lib.PQerrorMessage(__VA_ARGS__)
#define PQexec(...) pg_lib.PQexec(__VA_ARGS__)
#define PQexecParams(...) pg_lib.PQexecParams(__VA_ARGS__)
#define PQexecPrepared(...) pg_lib.PQexecPrepared(__VA_ARGS__)
#define PQfinish(...) pg_lib.PQfinish(__VA_ARGS__)
#define PQgetResult(...) pg_lib.PQgetResult(__VA_ARGS__)
#define PQgetisnull(...) pg_lib.PQgetisnull(__VA_ARGS__)
#define PQgetlength(...) pg_lib.PQgetlength(__VA_ARGS__)
#define PQgetvalue(...) pg_lib.PQgetvalue(__VA_ARGS__)
#define PQhost(...) pg_lib.PQhost(__VA_ARGS__)
#define PQnfields(...) pg_lib.PQnfields(__VA_ARGS__)
#define PQntuples(...) pg_lib.PQntuples(__VA_ARGS__)
#define PQport(...) pg_lib.PQport(__VA_ARGS__)
#define PQprepare(...) pg_lib.PQprepare(__VA_ARGS__)
#define PQreset(...) pg_lib.PQreset(__VA_ARGS__)
#define PQresultErrorField(...) pg_lib.PQresultErrorField(__VA_ARGS__)
#define PQresultErrorMessage(...) pg_lib.PQresultErrorMessage(__VA_ARGS__)
#define PQresultStatus(...) pg_lib.PQresultStatus(__VA_ARGS__)
#define PQsendQueryParams(...) pg_lib.PQsendQueryParams(__VA_ARGS__)
#define PQsendQueryPrepared(...) pg_lib.PQsendQueryPrepared(__VA_ARGS__)
#define PQsetSingleRowMode(...) pg_lib.PQsetSingleRowMode(__VA_ARGS__)
#define PQstatus(...) pg_lib.PQstatus(__VA_ARGS__)
#define PQtransactionStatus(...) pg_lib.PQtransactionStatus(__VA_ARGS__)

#define PG_STMT_MAX STORE_SQL_MAX /* statements across all files; pg_run fails cleanly past it */
#define PG_PARAMS_MAX 64          /* parameters of one statement (STORE_PARAMS_MAX) */

struct store_pg {
    struct store base; /* first: store_impl.h */
    PGconn *conn;
    int version;
    unsigned char prepared[PG_STMT_MAX]; /* by slot; cleared on a new connection */
    char constraint[64];                 /* the constraint the last failed statement broke, or "" */
    bool in_txn;                         /* inside the caller's store_begin .. commit/rollback */
    /* kith db copy: the inserts prepared for copy_table (one row, a batch of copy_batch
     * rows) and the rows waiting for a batch, as heap copies (store_pg_copy.c) */
    char copy_table[64];
    char copy_one[24], copy_many[24];
    size_t copy_batch, copy_rows, copy_ncols;
    char **copy_vals;
};
/* Free the rows a copy left waiting (a failed copy, or closing). */
void pg_copy_release(struct store_pg *s);

/* A statement of this backend's own: the generic statement (store_impl.h), so that the
 * backend's ops and the generic record layer share one registry of prepared statements. */
struct pg_stmt {
    struct store_sql q;
};
#define PG_STMT(text)                                                                              \
    {                                                                                              \
        .q = {.sql = (text), .slot = 0 }                                                           \
    }

/* Parameters of one statement, built in order: $1, $2, ... Values are borrowed (text) or
 * formatted into `buf` (numbers, dates); NULL in `v` is SQL NULL. */
struct pg_params {
    int n;
    const char *v[PG_PARAMS_MAX];
    char buf[PG_PARAMS_MAX][32];
};
void pg_p_text(struct pg_params *p, const char *v); /* NULL -> NULL */

static inline struct store_pg *pg(struct store *base) { return (struct store_pg *)(void *)base; }

/* Run `st` with `p` (NULL for none). The result (rows or command) is the caller's to
 * PQclear; NULL on failure with `*rc` set and the reason in `e`. */
PGresult *pg_run(struct store_pg *s, struct pg_stmt *st, const struct pg_params *p, struct kerr *e,
                 const char *doing, enum kerr_code *rc);
/* Plain SQL with no parameters (transactions, savepoints, migrations). */
enum kerr_code pg_exec(struct store_pg *s, const char *sql, struct kerr *e, const char *doing);
/* A failed result as a kith error (unique violation -> KITH_E_CONFLICT, a missing right ->
 * a message naming it, a lost connection -> KITH_E_DB_OPEN). */
enum kerr_code pg_fail(struct store_pg *s, const PGresult *r, struct kerr *e, const char *doing);

/* Multi-statement writes: all or nothing. Outside a transaction write_begin opens one and
 * write_end commits or rolls it back; inside the caller's, a failure leaves it for the
 * caller to roll back (store.h), as PostgreSQL has already aborted it. */
enum kerr_code pg_write_begin(struct store_pg *s, bool *wrapped, struct kerr *e);
enum kerr_code pg_write_end(struct store_pg *s, bool wrapped, enum kerr_code rc, struct kerr *e);

/* A text column in the arena, NULL read as "". */
const char *pg_name(const PGresult *r, int row, int col, struct arena *a); /* NULL -> "" */

/* --- ops by file (store_pg.c assembles the table) ------------------------------------ */

/* store_pg_search.c: the dialect's case-note search (store_impl.h, store_dialect) */
struct search_terms;
extern struct store_sql pg_note_search_sql;
int pg_note_match(const struct search_terms *t, struct str *q);

/* store_pg_copy.c: whole tables for kith db copy */
extern struct store_sql pg_table_names_sql, pg_table_columns_sql;
enum kerr_code pg_table_write(struct store *base, const struct store_table *t, const char *const *v,
                              struct kerr *e);
enum kerr_code pg_table_done(struct store *base, const struct store_table *t, struct kerr *e);

#endif
