/*
 * For backends only: the ops table each backend fills and the base every backend
 * struct embeds first. store.c dispatches the public functions through `ops`.
 */
#ifndef KITH_STORE_IMPL_H
#define KITH_STORE_IMPL_H

#include <stdatomic.h>

#include "domain/audit.h"
#include "store/store.h"

/* Whole tables, for store_copy.c (kith db copy): a table as the database has it, its
 * columns by name with a kind ('i' whole number, 'r' real, 't' text), in the order the
 * source database lists them, and the key columns that order its rows. */
struct store_column {
    const char *name;
    char kind;
};
struct store_table {
    const char *name;
    const char *const *key; /* NULL-terminated */
    const struct store_column *cols;
    size_t ncols;
};
/* One row: v[i] is column i as text (NULL for SQL NULL), len[i] its bytes. A non-zero
 * return stops the read with that code. */
/* A table's columns as the database lists them (store_copy.c, through the dialect's
 * catalogue query). */
struct arena;
enum kerr_code store_table_columns(struct store *s, const char *table, struct arena *a,
                                   struct store_column **out, size_t *n, struct kerr *e);
/* Shared by the backends' table ops (store_copy.c): the kind of a declared column type
 * ("BIGINT", "real", "text"...), and `name` as a quoted SQL identifier added to `q`. */
struct str;
char store_column_kind(const char *type);
void store_sql_ident(struct str *q, const char *name);
/* "INSERT INTO "t" ("a", "b") VALUES " for table `t`: the backend adds its placeholders. */
void store_sql_insert_into(struct str *q, const struct store_table *t);
typedef enum kerr_code store_row_fn(void *ctx, const char *const *v, const size_t *len,
                                    struct kerr *e);

/* A statement of the generic record layer (store_rec.c), written once for a backend's
 * dialect and prepared once per connection: `slot` numbers it process-wide, given on first
 * use by store_sql_slot, and a connection keeps its prepared form under that number. */
#define STORE_SQL_MAX 1024
struct store_sql {
    const char *sql;
    atomic_int slot; /* 0 until first use */
    bool stream;     /* `run` hands rows over as they come, however many (a whole table) */
    /* The reader takes whole numbers as numbers: a backend that has one as a number may
     * hand it over as `v[c] == store_int_mark` with the value in `len[c]` (store_col_i64
     * reads either form), sparing a number written out as text and parsed back for each
     * id, version and time of every row (SQLite does; PostgreSQL's values are text). */
    bool ints;
};
extern const char store_int_mark[];
/* Column c as a whole number, however the backend handed it over (NULL -> 0). */
int64_t store_col_i64(const char *v, size_t len);
/* The statement's slot, from 1; STORE_SQL_MAX or more when there are too many. */
int store_sql_slot(struct store_sql *q);

/* The SQL each backend speaks where the two differ, for SQL written once (store_rec.c,
 * store_sql.h and the files using it). */
struct search_terms;
struct store_params;
struct store_dialect {
    char param;            /* '?' as in ?1 (SQLite), '$' as in $1 (PostgreSQL) */
    const char *json_body; /* record_history.body as the ->> operator reads it */
    /* Full-text search of case notes (store_notes.c): the statement writing a new note's
     * index entry, ?1 its id, ?2 subject, ?3 body (NULL where the database keeps the
     * index itself); the search, ?1 child id or 0, ?2 limit, ?3 offset, ?4 the match
     * text, reading NOTE_COLS best match first; and the match text for a person's terms,
     * returning how many terms it holds (0: nothing searchable). */
    struct store_sql *note_index;
    struct store_sql *note_search;
    int (*note_match)(const struct search_terms *t, struct str *out);
    /* Taken inside an audit append's write before the last row is read, where the
     * database's own write lock does not already order appends (NULL on SQLite). */
    struct store_sql *audit_lock;
    /* Whole tables (store_copy.c), from the database's catalogue: the tables holding
     * records, by name, without the database's own (the schema version, full-text index
     * tables); a table's columns (?1 the table), each its name and declared type, in the
     * database's order; and the words after a text key that order it by bytes, as
     * SQLite's BINARY does. */
    struct store_sql *table_names, *table_columns;
    const char *byte_order;
};

/* A case note's columns as the note readers take them (store_notes.c), newest first. */
#define NOTE_COLS                                                                                  \
    "n.id, n.public_id, n.child_id, n.author_id, n.note_date, n.kind, n.subject, n.body"
#define NOTE_ORDER " ORDER BY n.note_date DESC, n.id DESC"

/* What the last failed `run` broke, in the words both backends give (store_write_fail):
 * a unique key as "table.column" ("index 'name'" for an index on an expression), or a
 * reference as the referring "table.column", "" when the backend cannot tell which. */
enum store_broke_kind { STORE_BROKE_NONE, STORE_BROKE_UNIQUE, STORE_BROKE_REF };
struct store_broke {
    enum store_broke_kind kind;
    char key[96];
};

struct store_ops {
    const char *name;
    const struct store_dialect *dialect;
    void (*close)(struct store *s);
    int (*schema_version)(struct store *s);
    enum kerr_code (*begin)(struct store *s, struct kerr *e);
    enum kerr_code (*commit)(struct store *s, struct kerr *e);
    void (*rollback)(struct store *s);
    /* store_read_begin/end (store.h); NULL where a statement needs no snapshot of its own. */
    enum kerr_code (*read_begin)(struct store *s, bool *opened, struct kerr *e);
    void (*read_end)(struct store *s);
    enum kerr_code (*bulk)(struct store *s, bool on, struct kerr *e);
    /* One write's durability relaxed (on) or restored (off) outside a transaction, for a
     * batch of audit rows that each record a read (store_audit_trail.c); a no-op inside
     * one. NULL: every write waits for the disk. */
    enum kerr_code (*relax)(struct store *s, bool on, struct kerr *e);
    enum kerr_code (*check)(struct store *s, struct kerr *e);
    /* Run `q` with `p` (store_sql.h: ?1.. as text, NULL is SQL NULL, and a whole number
     * also as one, which a backend may bind as such; `p` may be NULL for none) and hand
     * each row to `row` (may be NULL), its columns as text (NULL for SQL NULL). `changed`, when not
     * NULL, gets the rows a write touched. s->doing, when set, heads a failure's message. A broken
     * unique key is KITH_E_CONFLICT and a broken reference KITH_E_INVALID, with s->broke saying
     * which (store_write_fail turns it into words). */
    enum kerr_code (*run)(struct store *s, struct store_sql *q, const struct store_params *p,
                          store_row_fn *row, void *ctx, int64_t *changed, struct kerr *e);
    /* All of a multi-statement write or none of it: outside the caller's transaction
     * write_begin opens one (`*wrapped`) and write_end commits it when `rc` is KITH_OK,
     * else rolls it back; inside, both leave the transaction to the caller. */
    enum kerr_code (*write_begin)(struct store *s, bool *wrapped, struct kerr *e);
    /* Plain SQL with no parameters and no rows (a schema for a test's record type). */
    enum kerr_code (*exec)(struct store *s, const char *sql, struct kerr *e);
    enum kerr_code (*write_end)(struct store *s, bool wrapped, enum kerr_code rc, struct kerr *e);

    /* Whole tables (store_copy.c reads them; the catalogue is the dialect's): insert one
     * row of t->cols as read from another database, ids kept (batched where a row per
     * statement would cost a round trip each). */
    enum kerr_code (*table_write)(struct store *s, const struct store_table *t,
                                  const char *const *v, struct kerr *e);
    /* After the rows of `t` are written: what the backend derives from them (sequences
     * past the highest id, a full-text index rebuilt). */
    enum kerr_code (*table_done)(struct store *s, const struct store_table *t, struct kerr *e);
};

/* The audit key and anchor of one handle (store_audit.c). */
struct store_audit {
    char *key_path;    /* NULL: none configured (a PostgreSQL database without --audit-key) */
    char *anchor_path; /* NULL: none */
    bool loaded;       /* `key` holds the key file's */
    struct audit_key key;
    int64_t db_from;     /* the database's record of the first keyed row, once committed */
    int depth;           /* store_begin()s not yet committed or rolled back */
    int64_t pending_row; /* the last row appended in the open transaction, 0 none */
    char pending_hash[65];
};

struct store_group;
struct store {
    const struct store_ops *ops;
    struct store_audit audit;
    struct store_broke broke;  /* set by a failed run */
    const char *doing;         /* what the running statement is for (store_q), or NULL */
    struct store_group *group; /* the database's audit group commit; NULL read-only */
};

/* store_group.c: the group of the database called `key` (a SQLite file's real path, a
 * PostgreSQL URL), made on first use and kept for the process's life; and appending one
 * audit row outside a transaction through it, returning once the row is committed. */
struct store_group *store_group_of(const char *key);
enum kerr_code store_group_append(struct store *s, struct audit_event *ev, struct kerr *e);

/* store_audit_trail.c: appending rows in order, each chained to the one before (ids and
 * hashes filled), inside the caller's transaction when there is one, else all in one of
 * their own; every row in id order to `fn`, for the chain's one checker (store_audit.c);
 * the first keyed row as the database records it (0: none yet) with the id the next row
 * will take, and recording it (inside the append's write). */
enum kerr_code store_audit_append(struct store *s, struct audit_event *const *evs, size_t n,
                                  struct kerr *e);
enum kerr_code store_audit_walk(struct store *s,
                                void (*fn)(void *ctx, const struct audit_event *ev), void *ctx,
                                struct kerr *e);
enum kerr_code store_audit_keyed_get(struct store *s, int64_t *first, int64_t *next,
                                     struct kerr *e);
enum kerr_code store_audit_keyed_set(struct store *s, int64_t first, struct kerr *e);

/* For the audit append, inside its write and after reading the last row
 * (ev->id and ev->prev_hash set): load or create the key and set ev->hash. */
enum kerr_code store_audit_seal(struct store *s, struct audit_event *ev, struct kerr *e);
/* store.c's: where a store's key and anchor are (after open), what follows a commit or
 * a rollback, and letting go at close. */
void store_audit_open(struct store *s, const char *sqlite_path);
void store_audit_appended(struct store *s, const struct audit_event *ev);
void store_audit_commit(struct store *s);
void store_audit_rollback(struct store *s);
void store_audit_close(struct store *s);

/* Backend constructors, chosen by store_open(). */
enum kerr_code store_sqlite_open(const char *path, unsigned flags, struct store **out,
                                 struct kerr *e);
enum kerr_code store_pg_open(const char *url, unsigned flags, struct store **out, struct kerr *e);

#endif
