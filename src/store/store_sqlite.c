/*
 * The SQLite backend: the embedded default store.
 *
 * Opening follows a fixed order so that a database kith must not touch is never
 * written: check the file exists (unless creating), open it, read its application id
 * and schema version (reads only), refuse a foreign, newer or read-only database, and
 * only then set the durability pragmas and apply the missing migrations in one
 * transaction. Statements are prepared once per connection from the SQLITE_STMTS table
 * (indexed by enum stmt_id), kept for the life of the connection and reset after use;
 * SQL is never assembled from values. Records read back are copied into the caller's
 * arena before the statement is reset. Outside a transaction, a write that takes several
 * statements (a person and their disabilities, a note and its index row) runs inside a
 * transaction of its own, so a failure leaves nothing behind; inside one, the caller
 * rolls back.
 */
#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "domain/audit.h"
#include "domain/public_id.h"
#include "store/migrations.h"
#include "store/store_check.h"
#include "store/store_impl.h"

/* 'kith' in ASCII: marks a SQLite file as a kith database. */
#define KITH_APPLICATION_ID 0x6B697468
#define BUSY_TIMEOUT_MS 5000
/* A borough's working set (people, their indexes, recent notes) fits in memory: a page
 * cache of 64 MiB per connection (allocated as used) and reads through a memory map
 * keep lookups off the read(2) path; temporary sorts stay in memory. */
#define CACHE_PRAGMAS                                                                              \
    "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY"

/* The columns each reader expects, in its order. */
#define TEAM_COLS "t.id, t.public_id, t.name, t.service, t.caseload_threshold"
#define WORKER_COLS                                                                                \
    "w.id, w.public_id, w.team_id, w.given_name, w.family_name, w.registration, w.role, "          \
    "w.fte, w.agency, w.start_date, w.end_date"
#define USER_COLS "u.id, u.username, u.worker_id, u.role, u.disabled, u.created, u.password_hash"
#define TOKEN_COLS "t.id, t.user_id, t.name, t.token_digest, t.created, t.expires, t.revoked"
#define SESSION_COLS                                                                               \
    "ss.id, ss.user_id, ss.token_digest, ss.csrf, ss.created, ss.last_seen, ss.ended"
/* The disabilities come from the person row's copy of the codes (see the migration), so
 * a lookup by id is one B-tree search and a list needs no query per row. */
#define PERSON_COLS                                                                                \
    "p.id, p.public_id, p.kind, p.la_child_id, p.given_name, p.family_name, p.dob, "               \
    "p.expected_dob, p.death, p.sex, p.ethnicity, p.upn, p.former_upn, p.upn_unknown, "            \
    "p.postcode, p.uasc, p.uasc_ceased, p.created, p.disabilities"
#define PERSON_ORDER " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id"
#define REL_COLS "r.id, r.child_id, r.other_id, r.type, r.parental_responsibility"
#define ALLOC_COLS "a.id, a.child_id, a.worker_id, a.role, a.start_date, a.end_date, a.end_reason"
#define NOTE_COLS                                                                                  \
    "n.id, n.public_id, n.child_id, n.author_id, n.note_date, n.kind, n.subject, n.body"

/* Person search: ?7 is the typed prefix, ?8 the same followed by byte 0xFF, which sorts
 * after every byte of UTF-8, so [?7, ?8) under NOCASE is exactly "starts with ?7,
 * ignoring case" and each arm is one index range (see the .sqlite.sql migration). */
#define PREFIX(col) "(" col " COLLATE NOCASE >= ?7 AND " col " COLLATE NOCASE < ?8)"
#define FULL_NAME "(p.given_name || ' ' || p.family_name)"
/* clang-format off */
#define PERSON_MATCH \
    "(" PREFIX("p.family_name") " OR " PREFIX("p.given_name") " OR " PREFIX(FULL_NAME) \
    " OR " PREFIX("p.la_child_id") " OR " PREFIX("p.upn") ")"
/* clang-format on */
/* Person lists share parameters: ?1 kind (-1 any), ?2 only children with a current
 * allocation (matching ?5 worker and ?6 team when set), ?3 limit, ?4 offset. */
#define PERSON_KIND "(?1 < 0 OR p.kind = ?1)"
/* One table in the subquery, so that it is a probe of allocation_child for this person
 * whatever statistics the planner has; the team's workers are read once per query. */
#define PERSON_OPEN                                                                                \
    "(?2 = 0 OR EXISTS (SELECT 1 FROM allocation a WHERE a.child_id = p.id "                       \
    "AND a.end_date IS NULL AND (?5 = 0 OR a.worker_id = ?5) AND (?6 = 0 OR a.worker_id IN "       \
    "(SELECT w.id FROM worker w WHERE w.team_id = ?6))))"
#define NOTE_ORDER " ORDER BY n.note_date DESC, n.id DESC"
/* Scope (store.h struct store_scope): ?20 user, ?21 worker, ?22 -1 unscoped / 0 scoped /
 * 1 service-wide, ?23 today, ?24 the front-door service. A restricted record is decided by
 * its allow-list alone; otherwise any one relationship is enough. */
#define PERSON_SCOPE                                                                               \
    "(?22 < 0 OR CASE WHEN EXISTS (SELECT 1 FROM restriction r WHERE r.child_id = p.id) "          \
    "THEN EXISTS (SELECT 1 FROM restriction_allow ra WHERE ra.child_id = p.id AND "                \
    "ra.user_id = ?20) ELSE (?22 = 1 "                                                             \
    "OR EXISTS (SELECT 1 FROM worker fw JOIN team ft ON ft.id = fw.team_id "                       \
    "WHERE fw.id = ?21 AND ft.service = ?24) "                                                     \
    "OR EXISTS (SELECT 1 FROM allocation sa JOIN worker sw ON sw.id = sa.worker_id "               \
    "WHERE sa.child_id = p.id AND sa.end_date IS NULL AND (sa.worker_id = ?21 OR "                 \
    "sw.team_id = (SELECT team_id FROM worker WHERE id = ?21))) "                                  \
    "OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = p.id AND g.user_id = ?20 "         \
    "AND g.revoked IS NULL AND (g.expires IS NULL OR g.expires >= ?23))) END)"
#define AUDIT_COLS                                                                                 \
    "id, at, user_id, username, role, child_id, action, request_id, outcome, detail, "             \
    "prev_hash, hash"

/* Every statement the backend runs, one row each. */
#define SQLITE_STMTS(X)                                                                            \
    X(ST_BEGIN, "BEGIN IMMEDIATE")                                                                 \
    X(ST_COMMIT, "COMMIT")                                                                         \
    X(ST_ROLLBACK, "ROLLBACK")                                                                     \
    /* workforce */                                                                                \
    X(ST_TEAM_ADD,                                                                                 \
      "INSERT INTO team(public_id, name, service, caseload_threshold) VALUES (?1, ?2, ?3, ?4)")    \
    X(ST_TEAM_LIST, "SELECT " TEAM_COLS " FROM team t ORDER BY t.name COLLATE NOCASE")             \
    X(ST_TEAM_BY_PUBLIC_ID, "SELECT " TEAM_COLS " FROM team t WHERE t.public_id = ?1")             \
    X(ST_TEAM_BY_NAME, "SELECT " TEAM_COLS " FROM team t WHERE t.name = ?1 COLLATE NOCASE")        \
    X(ST_TEAM_EXISTS, "SELECT 1 FROM team WHERE id = ?1")                                          \
    X(ST_WORKER_ADD,                                                                               \
      "INSERT INTO worker(public_id, team_id, given_name, family_name, registration, role, fte, "  \
      "agency, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")            \
    X(ST_WORKER_GET, "SELECT " WORKER_COLS " FROM worker w WHERE w.id = ?1")                       \
    X(ST_WORKER_BY_PUBLIC_ID, "SELECT " WORKER_COLS " FROM worker w WHERE w.public_id = ?1")       \
    X(ST_WORKER_BY_REGISTRATION,                                                                   \
      "SELECT " WORKER_COLS " FROM worker w WHERE w.registration = ?1 COLLATE NOCASE")             \
    X(ST_WORKER_LIST, "SELECT " WORKER_COLS " FROM worker w WHERE (?1 = 0 OR w.team_id = ?1) "     \
                      "AND (?2 = 0 OR w.end_date IS NULL) "                                        \
                      "ORDER BY w.family_name COLLATE NOCASE, w.given_name COLLATE NOCASE, w.id "  \
                      "LIMIT ?3 OFFSET ?4")                                                        \
    X(ST_WORKER_EXISTS, "SELECT 1 FROM worker WHERE id = ?1")                                      \
    X(ST_TEAM_CASELOADS,                                                                           \
      "SELECT " WORKER_COLS ", (SELECT count(DISTINCT a.child_id) FROM allocation a "              \
      "WHERE a.worker_id = w.id AND a.end_date IS NULL) AS children FROM worker w "                \
      "WHERE w.team_id = ?1 AND w.end_date IS NULL ORDER BY children DESC, "                       \
      "w.family_name COLLATE NOCASE, w.given_name COLLATE NOCASE, w.id")                           \
    X(ST_USER_EXISTS, "SELECT 1 FROM user_account WHERE id = ?1")                                  \
    X(ST_USER_ADD, "INSERT INTO user_account(username, worker_id, role, disabled, created) "       \
                   "VALUES (?1, ?2, ?3, ?4, ?5)")                                                  \
    X(ST_USER_LIST, "SELECT " USER_COLS " FROM user_account u ORDER BY u.username COLLATE NOCASE") \
    X(ST_USER_FIND,                                                                                \
      "SELECT " USER_COLS " FROM user_account u WHERE u.username = ?1 COLLATE NOCASE")             \
    X(ST_USER_SET_PASSWORD, "UPDATE user_account SET password_hash = ?2 WHERE id = ?1")            \
    X(ST_USER_SET_DISABLED, "UPDATE user_account SET disabled = ?2 WHERE id = ?1")                 \
    /* API tokens */                                                                               \
    X(ST_TOKEN_ADD, "INSERT INTO api_token(user_id, name, token_digest, created, expires) "        \
                    "VALUES (?1, ?2, ?3, ?4, ?5)")                                                 \
    X(ST_TOKEN_FIND, "SELECT " TOKEN_COLS ", " USER_COLS " FROM api_token t "                      \
                     "JOIN user_account u ON u.id = t.user_id WHERE t.token_digest = ?1")          \
    X(ST_TOKEN_LIST, "SELECT " TOKEN_COLS " FROM api_token t ORDER BY t.id")                       \
    X(ST_TOKEN_REVOKE, "UPDATE api_token SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL")      \
    /* sessions */                                                                                 \
    X(ST_SESSION_ADD, "INSERT INTO session(token_digest, user_id, csrf, created, last_seen) "      \
                      "VALUES (?1, ?2, ?3, ?4, ?5)")                                               \
    X(ST_SESSION_FIND, "SELECT " SESSION_COLS ", " USER_COLS " FROM session ss "                   \
                       "JOIN user_account u ON u.id = ss.user_id WHERE ss.token_digest = ?1")      \
    X(ST_SESSION_TOUCH, "UPDATE session SET last_seen = ?2 WHERE id = ?1 AND ended IS NULL")       \
    X(ST_SESSION_END, "UPDATE session SET ended = ?2 WHERE id = ?1 AND ended IS NULL")             \
    X(ST_SESSION_END_USER,                                                                         \
      "UPDATE session SET ended = ?2 WHERE user_id = ?1 AND ended IS NULL AND id <> ?3")           \
    /* people */                                                                                   \
    X(ST_PERSON_ADD,                                                                               \
      "INSERT INTO person(public_id, kind, la_child_id, given_name, family_name, dob, "            \
      "expected_dob, death, sex, ethnicity, upn, former_upn, upn_unknown, postcode, uasc, "        \
      "uasc_ceased, created, disabilities) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "           \
      "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?19)")                                              \
    X(ST_PERSON_UPDATE,                                                                            \
      "UPDATE person SET kind = ?2, la_child_id = ?3, given_name = ?4, family_name = ?5, "         \
      "dob = ?6, expected_dob = ?7, death = ?8, sex = ?9, ethnicity = ?10, upn = ?11, "            \
      "former_upn = ?12, upn_unknown = ?13, postcode = ?14, uasc = ?15, uasc_ceased = ?16, "       \
      "disabilities = ?19 WHERE id = ?18")                                                         \
    X(ST_DISABILITY_ADD, "INSERT INTO person_disability(person_id, code) VALUES (?1, ?2)")         \
    X(ST_DISABILITY_CLEAR, "DELETE FROM person_disability WHERE person_id = ?1")                   \
    X(ST_PERSON_GET, "SELECT " PERSON_COLS " FROM person p WHERE p.id = ?1")                       \
    X(ST_PERSON_BY_PUBLIC_ID, "SELECT " PERSON_COLS " FROM person p WHERE p.public_id = ?1")       \
    X(ST_PERSON_BY_LA_CHILD_ID,                                                                    \
      "SELECT " PERSON_COLS " FROM person p WHERE p.la_child_id = ?1 COLLATE NOCASE")              \
    X(ST_PERSON_EXISTS, "SELECT 1 FROM person WHERE id = ?1")                                      \
    /* Three shapes of list, so that each uses its index: in name order (optionally only           \
     * open cases), from the current allocations of a worker or team, and by search text. */       \
    X(ST_PERSON_LIST, "SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND                    \
                      " AND " PERSON_OPEN " AND " PERSON_SCOPE PERSON_ORDER " LIMIT ?3 OFFSET ?4") \
    X(ST_PERSON_LIST_ALLOCATED,                                                                    \
      "SELECT " PERSON_COLS " FROM person p WHERE " PERSON_KIND " AND p.id IN "                    \
      "(SELECT a.child_id FROM allocation a JOIN worker w ON w.id = a.worker_id "                  \
      "WHERE a.end_date IS NULL AND (?5 = 0 OR a.worker_id = ?5) "                                 \
      "AND (?6 = 0 OR w.team_id = ?6)) AND " PERSON_SCOPE PERSON_ORDER " LIMIT ?3 OFFSET ?4")      \
    X(ST_PERSON_SEARCH,                                                                            \
      "SELECT " PERSON_COLS " FROM person p WHERE " PERSON_MATCH " AND " PERSON_KIND               \
      " AND " PERSON_OPEN " AND " PERSON_SCOPE PERSON_ORDER " LIMIT ?3 OFFSET ?4")                 \
    X(ST_PERSON_VISIBLE, "SELECT 1 FROM person p WHERE p.id = ?1 AND " PERSON_SCOPE)               \
    /* restrictions, grants and the audit trail */                                                 \
    X(ST_RESTRICTION_SET,                                                                          \
      "INSERT INTO restriction(child_id, reason, authoriser, review_date, created) "               \
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(child_id) DO UPDATE SET reason = excluded.reason, " \
      "authoriser = excluded.authoriser, review_date = excluded.review_date")                      \
    X(ST_RESTRICTION_GET, "SELECT child_id, reason, authoriser, review_date, created "             \
                          "FROM restriction WHERE child_id = ?1")                                  \
    X(ST_RESTRICTION_DELETE, "DELETE FROM restriction WHERE child_id = ?1")                        \
    X(ST_ALLOW_CLEAR, "DELETE FROM restriction_allow WHERE child_id = ?1")                         \
    X(ST_ALLOW_ADD, "INSERT INTO restriction_allow(child_id, user_id) VALUES (?1, ?2) "            \
                    "ON CONFLICT DO NOTHING")                                                      \
    X(ST_ALLOW_LIST, "SELECT user_id FROM restriction_allow WHERE child_id = ?1 ORDER BY user_id") \
    X(ST_GRANT_ADD, "INSERT INTO access_grant(user_id, child_id, reason, granted_by, granted, "    \
                    "expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                    \
    X(ST_GRANT_REVOKE, "UPDATE access_grant SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL")   \
    X(ST_SYNC_NORMAL, "PRAGMA synchronous = NORMAL")                                               \
    X(ST_SYNC_FULL, "PRAGMA synchronous = FULL")                                                   \
    X(ST_AUDIT_LAST, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")                        \
    X(ST_AUDIT_ADD, "INSERT INTO audit(" AUDIT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "   \
                    "?9, ?10, ?11, ?12)")                                                          \
    X(ST_AUDIT_ALL, "SELECT " AUDIT_COLS " FROM audit ORDER BY id")                                \
    X(ST_AUDIT_KEYED, "SELECT (SELECT first_id FROM audit_key), "                                  \
                      "(SELECT COALESCE(MAX(id), 0) + 1 FROM audit)")                              \
    X(ST_AUDIT_KEYED_SET, "INSERT INTO audit_key(first_id) VALUES (?1)")                           \
    /* Three shapes, so that each uses its index. */                                               \
    X(ST_AUDIT_BY_CHILD, "SELECT " AUDIT_COLS " FROM audit WHERE child_id = ?1 AND at >= ?3 "      \
                         "AND at <= ?4 ORDER BY at DESC, id DESC LIMIT ?5 OFFSET ?6")              \
    X(ST_AUDIT_BY_USER, "SELECT " AUDIT_COLS " FROM audit WHERE user_id = ?2 AND at >= ?3 "        \
                        "AND at <= ?4 ORDER BY at DESC, id DESC LIMIT ?5 OFFSET ?6")               \
    X(ST_AUDIT_RECENT, "SELECT " AUDIT_COLS " FROM audit WHERE at >= ?3 AND at <= ?4 "             \
                       "ORDER BY id DESC LIMIT ?5 OFFSET ?6")                                      \
    X(ST_RELATIONSHIP_ADD,                                                                         \
      "INSERT INTO relationship(child_id, other_id, type, parental_responsibility) "               \
      "VALUES (?1, ?2, ?3, ?4)")                                                                   \
    X(ST_RELATIONSHIP_LIST,                                                                        \
      "SELECT " REL_COLS " FROM relationship r WHERE r.child_id = ?1 ORDER BY r.id")               \
    /* allocations and case notes */                                                               \
    X(ST_ALLOCATION_ADD,                                                                           \
      "INSERT INTO allocation(child_id, worker_id, role, start_date, end_date, end_reason) "       \
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                                           \
    X(ST_ALLOCATION_DATES, "SELECT start_date, end_date FROM allocation WHERE id = ?1")            \
    X(ST_ALLOCATION_END,                                                                           \
      "UPDATE allocation SET end_date = ?2, end_reason = ?3 WHERE id = ?1 AND end_date IS NULL")   \
    X(ST_ALLOCATION_LIST, "SELECT " ALLOC_COLS " FROM allocation a WHERE a.child_id = ?1 "         \
                          "ORDER BY a.start_date DESC, a.id DESC")                                 \
    X(ST_NOTE_ADD,                                                                                 \
      "INSERT INTO case_note(public_id, child_id, author_id, note_date, kind, subject, body) "     \
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                                       \
    X(ST_NOTE_INDEX, "INSERT INTO case_note_fts(rowid, subject, body) VALUES (?1, ?2, ?3)")        \
    X(ST_NOTE_LIST, "SELECT " NOTE_COLS " FROM case_note n" NOTE_ORDER " LIMIT ?2 OFFSET ?3")      \
    X(ST_NOTE_LIST_CHILD, "SELECT " NOTE_COLS " FROM case_note n WHERE n.child_id = ?1" NOTE_ORDER \
                          " LIMIT ?2 OFFSET ?3")                                                   \
    /* Best match first: bm25 with the subject weighing twice the body. */                         \
    X(ST_NOTE_SEARCH,                                                                              \
      "SELECT " NOTE_COLS " FROM case_note_fts JOIN case_note n ON n.id = case_note_fts.rowid "    \
      "WHERE case_note_fts MATCH ?4 AND (?1 = 0 OR n.child_id = ?1) "                              \
      "ORDER BY bm25(case_note_fts, 2.0, 1.0), n.note_date DESC, n.id DESC LIMIT ?2 OFFSET ?3")    \
    X(ST_POSTCODE_PUT, "INSERT OR REPLACE INTO postcode (pcd, laua, utla, east, north) VALUES "    \
                       "(?1, ?2, ?3, ?4, ?5)")                                                     \
    X(ST_POSTCODE_GET, "SELECT pcd, laua, utla, east, north FROM postcode WHERE pcd = ?1")         \
    X(ST_PROVIDER_CLEAR, "DELETE FROM provider")                                                   \
    X(ST_PROVIDER_PUT,                                                                             \
      "INSERT OR REPLACE INTO provider (urn, places, providers, reg_end, pcd, la) "                \
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                                           \
    X(ST_PROVIDER_GET,                                                                             \
      "SELECT urn, places, providers, reg_end, pcd, la FROM provider WHERE urn = ?1")              \
    /* Whole tables (kith db copy): the record tables, without SQLite's own, the migration         \
     * log and the FTS5 index tables (rebuilt from case_note after a copy). */                     \
    X(ST_TABLE_NAMES,                                                                              \
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "                     \
      "'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'case\\_note\\_fts%' ESCAPE '\\' "               \
      "AND name <> 'kith_migration' ORDER BY name")                                                \
    X(ST_TABLE_COLUMNS, "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")               \
    X(ST_NOTE_FTS_REBUILD, "INSERT INTO case_note_fts(case_note_fts) VALUES ('rebuild')")          \
    X(ST_REFDATA_COUNTS,                                                                           \
      "SELECT (SELECT count(*) FROM postcode), (SELECT count(*) FROM provider)")                   \
    X(ST_COUNTS,                                                                                   \
      "SELECT (SELECT count(*) FROM person WHERE kind = 0), "                                      \
      "(SELECT count(*) FROM person WHERE kind = 1), "                                             \
      "(SELECT count(DISTINCT child_id) FROM allocation WHERE end_date IS NULL), "                 \
      "(SELECT count(*) FROM team), (SELECT count(*) FROM worker WHERE end_date IS NULL), "        \
      "(SELECT count(*) FROM worker WHERE end_date IS NULL AND agency = 1), "                      \
      "(SELECT count(*) FROM user_account), "                                                      \
      "(SELECT count(*) FROM allocation WHERE end_date IS NULL), "                                 \
      "(SELECT count(*) FROM case_note)")

enum stmt_id {
#define STMT_ENUM(id, sql) id,
    SQLITE_STMTS(STMT_ENUM)
#undef STMT_ENUM
        ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
#define STMT_SQL(id, sql) [id] = (sql),
    SQLITE_STMTS(STMT_SQL)
#undef STMT_SQL
};

struct store_sqlite {
    struct store base; /* first: store_impl.h */
    sqlite3 *db;
    char *path;
    bool readonly;
    struct open_file *file;  /* counts this connection while it is open (open_files) */
    pthread_mutex_t *writer; /* this file's writers in this process, unless read-only */
    bool writing;            /* holds `writer` */
    int version;
    sqlite3_stmt *stmt[ST_COUNT];
    sqlite3_stmt *copy_insert; /* kith db copy: the insert for copy_table */
    char copy_table[64];
    sqlite3_stmt **gen; /* the generic statements (store_sql) by slot, made at first use */
};

static struct store_sqlite *sq(struct store *s) { return (struct store_sqlite *)(void *)s; }

/* SQLite's result codes mapped onto kith's error list: extended codes first, so that a
 * broken CHECK or NOT NULL reads as invalid input rather than as a clash. */
static const struct {
    int rc;
    enum kerr_code code;
} rc_map[] = {
    {SQLITE_CONSTRAINT_CHECK, KITH_E_INVALID},
    {SQLITE_CONSTRAINT_NOTNULL, KITH_E_INVALID},
    {SQLITE_CORRUPT, KITH_E_DB_CORRUPT},
    {SQLITE_NOTADB, KITH_E_DB_CORRUPT},
    {SQLITE_READONLY, KITH_E_DB_READONLY},
    {SQLITE_BUSY, KITH_E_DB_BUSY},
    {SQLITE_LOCKED, KITH_E_DB_BUSY},
    {SQLITE_CONSTRAINT, KITH_E_CONFLICT},
    {SQLITE_FULL, KITH_E_IO},
    {SQLITE_IOERR, KITH_E_IO},
    {SQLITE_CANTOPEN, KITH_E_DB_OPEN},
    {SQLITE_TOOBIG, KITH_E_TOO_LARGE},
};

static enum kerr_code db_fail(struct store_sqlite *s, struct kerr *e, const char *what)
{
    int xrc = sqlite3_extended_errcode(s->db);
    enum kerr_code code = KITH_E_DB;
    for (size_t i = 0; i < sizeof(rc_map) / sizeof(rc_map[0]); i++)
        if (rc_map[i].rc == xrc || rc_map[i].rc == (xrc & 0xff)) {
            code = rc_map[i].code;
            break;
        }
    return kerr_fail(e, code, NULL, "%s: %s (database '%s')", what, sqlite3_errmsg(s->db), s->path);
}

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
    enum stmt_id exists;
    int64_t id;
    const char *field;
    const char *noun;
};

static sqlite3_stmt *stmt(struct store_sqlite *s, enum stmt_id id, struct kerr *e);
static void done(sqlite3_stmt *st);

static bool row_exists(struct store_sqlite *s, enum stmt_id id, int64_t rowid)
{
    sqlite3_stmt *st = stmt(s, id, NULL);
    if (!st)
        return true; /* cannot tell: let the caller report the original failure */
    sqlite3_bind_int64(st, 1, rowid);
    int rc = sqlite3_step(st);
    done(st);
    return rc != SQLITE_DONE;
}

/* Report a failed write in words a person can act on: which value clashed with a stored
 * record, or which referenced record does not exist; anything else as a database error.
 * Must run before the statement is reset (the message lives on the connection). */
static enum kerr_code write_fail(struct store_sqlite *s, struct kerr *e, const char *what,
                                 const struct clash *clashes, size_t nclashes,
                                 const struct reference *refs, size_t nrefs)
{
    int xrc = sqlite3_extended_errcode(s->db);
    if (xrc == SQLITE_CONSTRAINT_UNIQUE || xrc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        const char *key = strstr(sqlite3_errmsg(s->db), "constraint failed: ");
        key = key ? key + strlen("constraint failed: ") : "";
        for (size_t i = 0; i < nclashes; i++)
            if (!strcmp(key, clashes[i].key))
                return kerr_fail(e, KITH_E_CONFLICT, clashes[i].field, clashes[i].fmt,
                                 clashes[i].value);
    }
    if (xrc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        enum kerr_code rc = db_fail(s, e, what); /* before the probes below reset the text */
        for (size_t i = 0; i < nrefs; i++)
            if (!row_exists(s, refs[i].exists, refs[i].id))
                return kerr_fail(e, KITH_E_INVALID, refs[i].field, "there is no %s with id %lld",
                                 refs[i].noun, (long long)refs[i].id);
        return rc;
    }
    return db_fail(s, e, what);
}

/* The prepared statement for `id`, reset and with no bindings, or NULL on error. */
static sqlite3_stmt *stmt(struct store_sqlite *s, enum stmt_id id, struct kerr *e)
{
    if (!s->stmt[id] && sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                           &s->stmt[id], NULL) != SQLITE_OK) {
        db_fail(s, e, "preparing a statement");
        s->stmt[id] = NULL;
        return NULL;
    }
    return s->stmt[id];
}

/* The code for a statement that could not be prepared (stmt() returned NULL). */
static enum kerr_code no_stmt(struct kerr *e) { return e && e->code ? e->code : KITH_E_DB; }

static void done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* Run a statement that returns no rows. */
static enum kerr_code exec_stmt(struct store_sqlite *s, enum stmt_id id, struct kerr *e,
                                const char *what)
{
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st)
        return no_stmt(e);
    int rc = sqlite3_step(st);
    enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : db_fail(s, e, what);
    done(st);
    return code;
}

/* Read one integer pragma or single-value query. */
static enum kerr_code query_int(struct store_sqlite *s, const char *sql, int *out, struct kerr *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, e, "reading the database header");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    enum kerr_code code = rc == SQLITE_ROW || rc == SQLITE_DONE
                              ? KITH_OK
                              : db_fail(s, e, "reading the database header");
    sqlite3_finalize(st);
    return code;
}

static enum kerr_code exec_sql(struct store_sqlite *s, const char *sql, struct kerr *e,
                               const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return KITH_OK;
    sqlite3_free(msg);
    return db_fail(s, e, what);
}

/* Every database file this process has connections to, told apart by device and inode
 * (two paths to one file are one entry), with how many connections it has and the mutex
 * its writers queue on.
 *
 * The count keeps SQLite's locks. A POSIX advisory lock belongs to the process and the
 * file, not to a descriptor: close() of ANY descriptor on the file drops every lock the
 * process holds on it, each SQLite connection's included (SQLite's "How To Corrupt An
 * SQLite Database File", 2.2). A connection to a WAL database holds a shared lock on the
 * file for its whole life; with that lock gone, another process closing its own
 * connection believes it is the last one, checkpoints, and deletes the -wal and -shm
 * files this process still writes into: every later commit here is lost. So kith opens a
 * descriptor of its own on a database file (vet_header, making a new file) only while
 * the count is 0, and files_lock is held from reading the count until the new
 * connection is counted, so no other thread opens one in between. The count goes down
 * only after SQLite has closed the connection.
 *
 * Writers of one file queue on its mutex before they ask SQLite for its write lock. A
 * server has a connection per thread, and without this the thread that found the lock
 * taken could only poll for it (busy_wait below), idling the core meanwhile: under wrk
 * that put the child page's 99th percentile at 28 ms. With it the lock passes from one
 * writer to the next at once; busy_wait is left for writers in other processes (a CLI
 * command beside the server). An entry with no connections is reused for the next file
 * (nobody holds or points at its mutex then), so the list is as long as the most files
 * open at once. */
struct open_file {
    dev_t dev;
    ino_t ino;
    unsigned conns;
    pthread_mutex_t writer;
    struct open_file *next;
};
static struct open_file *open_files;
static pthread_mutex_t files_lock = PTHREAD_MUTEX_INITIALIZER;

/* The entry for the file with this identity, found, reused or made; files_lock held. */
static struct open_file *file_entry(const struct stat *st)
{
    struct open_file *idle = NULL;
    for (struct open_file *f = open_files; f; f = f->next) {
        if (f->dev == st->st_dev && f->ino == st->st_ino)
            return f;
        if (!f->conns && !idle)
            idle = f;
    }
    if (!idle) {
        idle = xcalloc(1, sizeof(*idle));
        pthread_mutex_init(&idle->writer, NULL);
        idle->next = open_files;
        open_files = idle;
    }
    idle->dev = st->st_dev;
    idle->ino = st->st_ino;
    return idle;
}

/* A connection to the file has been closed by SQLite. */
static void file_leave(struct open_file *f)
{
    pthread_mutex_lock(&files_lock);
    f->conns--;
    pthread_mutex_unlock(&files_lock);
}

/* Waiting for another connection's write. SQLite's own busy timeout sleeps in steps of
 * 1 to 100 ms, far longer than a write here takes (tens of microseconds), so under a
 * server's load a page that met a write waited milliseconds for nothing: the tail of the
 * latency was these sleeps. This waits 20 us at first, doubling to 1 ms, and gives up at
 * BUSY_TIMEOUT_MS as before. `n` is how many times SQLite has asked for this lock. */
static int busy_wait(void *ctx, int n)
{
    (void)ctx;
    static const long first_us = 20, most_us = 1000;
    long step = n < 6 ? first_us << n : most_us;
    /* the time waited so far: the doubling steps, then whole milliseconds */
    long waited = n < 6 ? first_us * ((1L << n) - 1) : first_us * 63 + (n - 6) * most_us;
    if (waited >= (long)BUSY_TIMEOUT_MS * 1000)
        return 0;
    struct timespec ts = {0, step * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

/* Start a write transaction: this process's turn first, then SQLite's lock. */
static enum kerr_code take_write(struct store_sqlite *s, struct kerr *e, const char *what)
{
    if (s->writer && !s->writing) {
        pthread_mutex_lock(s->writer);
        s->writing = true;
    }
    enum kerr_code rc = exec_stmt(s, ST_BEGIN, e, what);
    if (rc && s->writing) {
        s->writing = false;
        pthread_mutex_unlock(s->writer);
    }
    return rc;
}

/* The transaction is over (committed or rolled back): the next writer's turn. */
static void give_write(struct store_sqlite *s)
{
    if (s->writer && s->writing && sqlite3_get_autocommit(s->db)) {
        s->writing = false;
        pthread_mutex_unlock(s->writer);
    }
}

/* --- all of a multi-statement write, or none of it --------------------------------
 * Outside a transaction the write gets one of its own, taken with BEGIN IMMEDIATE: the
 * server has a connection per thread, and a write that began by reading (the audit
 * trail reads its last row first) in a deferred transaction cannot wait for another
 * connection's write, SQLite refuses the upgrade at once (SQLITE_BUSY); an immediate one
 * queues on the busy timeout instead. Inside the caller's transaction nothing is opened:
 * the caller rolls back on failure (store.h), and a savepoint there costs far more than
 * the write: once a transaction has touched the FTS5 table, every later savepoint makes
 * FTS5 write its pending index to disk (a new segment each time, merged again later),
 * which made a borough's bulk load ten times slower. */

/* Start a write; `*wrapped` says whether a transaction was opened for write_end(). */
static enum kerr_code write_begin(struct store_sqlite *s, bool *wrapped, struct kerr *e)
{
    *wrapped = sqlite3_get_autocommit(s->db) != 0;
    return *wrapped ? take_write(s, e, "starting a write") : KITH_OK;
}

/* Keep the write when `rc` is KITH_OK, undo it otherwise; returns the outcome. */
static enum kerr_code write_end(struct store_sqlite *s, bool wrapped, enum kerr_code rc,
                                struct kerr *e)
{
    if (!wrapped)
        return rc;
    if (!rc)
        rc = exec_stmt(s, ST_COMMIT, e, "finishing a write");
    if (rc && !sqlite3_get_autocommit(s->db))
        exec_stmt(s, ST_ROLLBACK, NULL, "undoing a write");
    give_write(s);
    return rc;
}

/* --- binding values: empty codes, zero ids and DATE_NONE are NULL -------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* A fixed-size code field; "" is NULL. */
static void bind_code(sqlite3_stmt *st, int i, const char *v, size_t cap)
{
    size_t n = strnlen(v, cap);
    if (n)
        sqlite3_bind_text(st, i, v, (int)n, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}
#define BIND_CODE(st, i, arr) bind_code(st, i, arr, sizeof(arr))

/* `buf` must outlive the statement's step: SQLite reads it then. */
static void bind_date(sqlite3_stmt *st, int i, kdate d, char buf[DATE_ISO_LEN])
{
    if (d == DATE_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, date_format_iso(d, buf), DATE_ISO_LEN - 1, SQLITE_STATIC);
}

static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

/* --- reading columns into the caller's arena ------------------------------------------ */

/* A text column copied into the arena; NULL stays NULL. */
static const char *col_str(sqlite3_stmt *st, int i, struct arena *a)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? arena_strndup(a, v, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* A text column that is never NULL in the schema; "" if it somehow is. */
static const char *col_name(sqlite3_stmt *st, int i, struct arena *a)
{
    const char *v = col_str(st, i, a);
    return v ? v : "";
}

static void col_code(sqlite3_stmt *st, int i, char *dst, size_t cap)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    size_t n = v ? (size_t)sqlite3_column_bytes(st, i) : 0;
    if (n >= cap)
        n = cap - 1; /* cannot happen for values kith wrote: writes check lengths */
    memcpy(dst, v ? v : "", n);
    dst[n] = '\0';
}
#define COL_CODE(st, i, arr) col_code(st, i, arr, sizeof(arr))

static kdate col_date(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    kdate d;
    if (v && date_scan_iso(v, (size_t)sqlite3_column_bytes(st, i), &d))
        return d;
    return DATE_NONE;
}

/* Step through every row, reading each into a growing array in the arena. The array is
 * doubled as rows arrive; the earlier copies stay in the arena, which wastes at most as
 * much as the final array and costs no heap traffic. */
static enum kerr_code read_rows(struct store_sqlite *s, sqlite3_stmt *st, struct arena *a,
                                size_t size, size_t expect,
                                void (*reader)(sqlite3_stmt *, struct arena *, void *), void **out,
                                size_t *n, struct kerr *e)
{
    char *rows = NULL;
    size_t len = 0, cap = 0;
    int rc;
    for (;;) {
        rc = sqlite3_step(st);
        if (rc != SQLITE_ROW)
            break;
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : (expect ? expect : 16);
            char *grown = arena_alloc(a, ncap * size);
            if (len)
                memcpy(grown, rows, len * size);
            rows = grown;
            cap = ncap;
        }
        memset(rows + len * size, 0, size);
        reader(st, a, rows + len * size);
        len++;
    }
    enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : db_fail(s, e, "reading records");
    done(st);
    *out = code ? NULL : rows;
    *n = code ? 0 : len;
    return code;
}

/* Read the one row a lookup returns; KITH_E_NOT_FOUND (with `what` and `ref` in the
 * message) when there is none. */
static enum kerr_code read_one(struct store_sqlite *s, sqlite3_stmt *st, struct arena *a,
                               void (*reader)(sqlite3_stmt *, struct arena *, void *), void *out,
                               const char *what, const char *ref, struct kerr *e)
{
    int rc = sqlite3_step(st);
    enum kerr_code code = KITH_OK;
    if (rc == SQLITE_ROW)
        reader(st, a, out);
    else if (rc == SQLITE_DONE)
        code = kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no %s '%s'", what, ref);
    else
        code = db_fail(s, e, "reading a record");
    done(st);
    return code;
}

/* --- workforce ----------------------------------------------------------------------- */

static void read_team(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct team *t = out;
    int c = 0;
    t->id = sqlite3_column_int64(st, c++);
    COL_CODE(st, c++, t->public_id);
    t->name = col_name(st, c++, a);
    t->service = (enum service)sqlite3_column_int(st, c++);
    t->caseload_threshold = sqlite3_column_int(st, c++);
}

static enum kerr_code sqlite_team_add(struct store *base, struct team *t, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_team(t, e);
    if (bad)
        return bad;
    sqlite3_stmt *st = stmt(s, ST_TEAM_ADD, e);
    if (!st)
        return no_stmt(e);
    bool fresh = !t->public_id[0];
    if (fresh)
        public_id_new(t->public_id);
    bind_text(st, 1, t->public_id);
    bind_text(st, 2, t->name);
    sqlite3_bind_int(st, 3, (int)t->service);
    sqlite3_bind_int(st, 4, t->caseload_threshold);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE) {
        t->id = sqlite3_last_insert_rowid(s->db);
    } else {
        const struct clash clashes[] = {
            {"team.name", "name", "a team called '%s' already exists", t->name},
            {"team.public_id", "public_id", "public id '%s' is already used by another team",
             t->public_id},
        };
        rc = write_fail(s, e, "adding a team", clashes, 2, NULL, 0);
        if (fresh)
            t->public_id[0] = '\0';
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_team_list(struct store *base, struct arena *a, struct team **out,
                                       size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_TEAM_LIST, e);
    if (!st)
        return no_stmt(e);
    return read_rows(s, st, a, sizeof(**out), 0, read_team, (void **)out, n, e);
}

static enum kerr_code sqlite_team_find(struct store *base, const char *ref, struct arena *a,
                                       struct team *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    char id[PUBLIC_ID_LEN + 1];
    memset(out, 0, sizeof(*out));
    if (public_id_normalize(ref, id)) {
        sqlite3_stmt *st = stmt(s, ST_TEAM_BY_PUBLIC_ID, e);
        if (!st)
            return no_stmt(e);
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        enum kerr_code rc = read_one(s, st, a, read_team, out, "team", ref, e);
        if (rc != KITH_E_NOT_FOUND)
            return rc;
    }
    sqlite3_stmt *st = stmt(s, ST_TEAM_BY_NAME, e);
    if (!st)
        return no_stmt(e);
    bind_text(st, 1, ref);
    return read_one(s, st, a, read_team, out, "team", ref, e);
}

static void read_worker(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct worker *w = out;
    int c = 0;
    w->id = sqlite3_column_int64(st, c++);
    COL_CODE(st, c++, w->public_id);
    w->team_id = sqlite3_column_int64(st, c++);
    w->given_name = col_name(st, c++, a);
    w->family_name = col_name(st, c++, a);
    COL_CODE(st, c++, w->registration);
    w->role = (enum worker_role)sqlite3_column_int(st, c++);
    w->fte = sqlite3_column_double(st, c++);
    w->agency = sqlite3_column_int(st, c++) != 0;
    w->start = col_date(st, c++);
    w->end = col_date(st, c++);
}

static enum kerr_code sqlite_worker_add(struct store *base, struct worker *w, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code checked = check_worker(w, e);
    if (checked)
        return checked;
    sqlite3_stmt *st = stmt(s, ST_WORKER_ADD, e);
    if (!st)
        return no_stmt(e);
    bool fresh = !w->public_id[0];
    if (fresh)
        public_id_new(w->public_id);
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    bind_text(st, 1, w->public_id);
    sqlite3_bind_int64(st, 2, w->team_id);
    bind_text(st, 3, w->given_name);
    bind_text(st, 4, w->family_name);
    BIND_CODE(st, 5, w->registration);
    sqlite3_bind_int(st, 6, (int)w->role);
    sqlite3_bind_double(st, 7, w->fte);
    sqlite3_bind_int(st, 8, w->agency);
    bind_date(st, 9, w->start, d1);
    bind_date(st, 10, w->end, d2);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE) {
        w->id = sqlite3_last_insert_rowid(s->db);
    } else {
        const struct clash clashes[] = {
            {"worker.registration", "registration",
             "registration '%s' is already used by another worker", w->registration},
            {"worker.public_id", "public_id", "public id '%s' is already used by another worker",
             w->public_id},
        };
        const struct reference refs[] = {{ST_TEAM_EXISTS, w->team_id, "team_id", "team"}};
        rc = write_fail(s, e, "adding a worker", clashes, 2, refs, 1);
        if (fresh)
            w->public_id[0] = '\0';
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_worker_get(struct store *base, int64_t id, struct arena *a,
                                        struct worker *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_WORKER_GET, e);
    if (!st)
        return no_stmt(e);
    char ref[24];
    snprintf(ref, sizeof(ref), "%lld", (long long)id);
    memset(out, 0, sizeof(*out));
    sqlite3_bind_int64(st, 1, id);
    return read_one(s, st, a, read_worker, out, "worker with id", ref, e);
}

static enum kerr_code sqlite_worker_find(struct store *base, const char *ref, struct arena *a,
                                         struct worker *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    char id[PUBLIC_ID_LEN + 1];
    memset(out, 0, sizeof(*out));
    if (public_id_normalize(ref, id)) {
        sqlite3_stmt *st = stmt(s, ST_WORKER_BY_PUBLIC_ID, e);
        if (!st)
            return no_stmt(e);
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        enum kerr_code rc = read_one(s, st, a, read_worker, out, "worker", ref, e);
        if (rc != KITH_E_NOT_FOUND)
            return rc;
    }
    sqlite3_stmt *st = stmt(s, ST_WORKER_BY_REGISTRATION, e);
    if (!st)
        return no_stmt(e);
    bind_text(st, 1, ref);
    return read_one(s, st, a, read_worker, out, "worker", ref, e);
}

static enum kerr_code sqlite_worker_list(struct store *base, const struct worker_query *q,
                                         struct arena *a, struct worker **out, size_t *n,
                                         struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_WORKER_LIST, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, q->team_id);
    sqlite3_bind_int(st, 2, q->current_only != 0);
    sqlite3_bind_int64(st, 3, page_limit(q->limit));
    sqlite3_bind_int64(st, 4, page_offset(q->offset));
    return read_rows(s, st, a, sizeof(**out), 0, read_worker, (void **)out, n, e);
}

/* An account from USER_COLS starting at column `c`. */
static void read_caseload(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct worker_caseload *c = out;
    read_worker(st, a, &c->worker);
    c->children = sqlite3_column_int64(st, 11); /* after WORKER_COLS' eleven */
}

static enum kerr_code sqlite_team_caseloads(struct store *base, int64_t team_id, struct arena *a,
                                            struct worker_caseload **out, size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_TEAM_CASELOADS, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, team_id);
    return read_rows(s, st, a, sizeof(**out), 0, read_caseload, (void **)out, n, e);
}

static void read_user_at(sqlite3_stmt *st, struct arena *a, struct user *u, int c)
{
    u->id = sqlite3_column_int64(st, c++);
    u->username = col_name(st, c++, a);
    u->worker_id = sqlite3_column_int64(st, c++);
    u->role = (enum user_role)sqlite3_column_int(st, c++);
    u->disabled = sqlite3_column_int(st, c++) != 0;
    u->created = col_date(st, c++);
    u->password_hash = col_str(st, c, a);
}

static void read_user(sqlite3_stmt *st, struct arena *a, void *out) { read_user_at(st, a, out, 0); }

static enum kerr_code sqlite_user_add(struct store *base, struct user *u, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code checked = check_user(u, e);
    if (checked)
        return checked;
    sqlite3_stmt *st = stmt(s, ST_USER_ADD, e);
    if (!st)
        return no_stmt(e);
    kdate created = u->created == DATE_NONE ? date_today() : u->created;
    char d1[DATE_ISO_LEN];
    bind_text(st, 1, u->username);
    bind_id(st, 2, u->worker_id);
    sqlite3_bind_int(st, 3, (int)u->role);
    sqlite3_bind_int(st, 4, u->disabled);
    bind_date(st, 5, created, d1);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE) {
        u->id = sqlite3_last_insert_rowid(s->db);
        u->created = created;
    } else {
        const struct clash clashes[] = {
            {"user_account.username", "username", "username '%s' is already taken", u->username},
        };
        const struct reference refs[] = {{ST_WORKER_EXISTS, u->worker_id, "worker_id", "worker"}};
        rc = write_fail(s, e, "adding a user", clashes, 1, refs, 1);
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_user_list(struct store *base, struct arena *a, struct user **out,
                                       size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_USER_LIST, e);
    if (!st)
        return no_stmt(e);
    return read_rows(s, st, a, sizeof(**out), 0, read_user, (void **)out, n, e);
}

static enum kerr_code sqlite_user_find(struct store *base, const char *username, struct arena *a,
                                       struct user *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_USER_FIND, e);
    if (!st)
        return no_stmt(e);
    bind_text(st, 1, username);
    return read_one(s, st, a, read_user, out, "user", username, e);
}

/* Run an UPDATE of one account by id; KITH_E_NOT_FOUND when no row changed. */
static enum kerr_code update_user(struct store_sqlite *s, sqlite3_stmt *st, int64_t user_id,
                                  const char *what, struct kerr *e)
{
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(s, e, what);
    else if (sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "user_id", "there is no user with id %lld",
                       (long long)user_id);
    done(st);
    return rc;
}

static enum kerr_code sqlite_user_set_password(struct store *base, int64_t user_id,
                                               const char *hash, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_USER_SET_PASSWORD, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, user_id);
    bind_text(st, 2, hash);
    return update_user(s, st, user_id, "setting a password", e);
}

/* End the account's live sessions but `keep` (0: all of them). */
static enum kerr_code end_user_sessions(struct store_sqlite *s, int64_t user_id, int64_t keep,
                                        int64_t now, struct kerr *e)
{
    sqlite3_stmt *st = stmt(s, ST_SESSION_END_USER, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int64(st, 3, keep);
    enum kerr_code rc =
        sqlite3_step(st) == SQLITE_DONE ? KITH_OK : db_fail(s, e, "ending sessions");
    done(st);
    return rc;
}

static enum kerr_code sqlite_user_set_disabled(struct store *base, int64_t user_id, bool disabled,
                                               int64_t now, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    bool wrapped;
    enum kerr_code rc = write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_USER_SET_DISABLED, e);
    if (!st)
        return write_end(s, wrapped, no_stmt(e), e);
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int(st, 2, disabled);
    rc = update_user(s, st, user_id, "disabling a user", e);
    if (!rc && disabled)
        rc = end_user_sessions(s, user_id, 0, now, e);
    return write_end(s, wrapped, rc, e);
}

/* --- API tokens ------------------------------------------------------------------------ */

static void read_token(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct api_token *t = out;
    t->id = sqlite3_column_int64(st, 0);
    t->user_id = sqlite3_column_int64(st, 1);
    t->name = col_name(st, 2, a);
    t->token_digest = col_name(st, 3, a);
    t->created = sqlite3_column_int64(st, 4);
    t->expires = sqlite3_column_int64(st, 5);
    t->revoked = sqlite3_column_int64(st, 6);
}

static enum kerr_code sqlite_token_add(struct store *base, struct api_token *t, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_token(t, e);
    if (bad)
        return bad;
    sqlite3_stmt *st = stmt(s, ST_TOKEN_ADD, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, t->user_id);
    bind_text(st, 2, t->name);
    bind_text(st, 3, t->token_digest);
    sqlite3_bind_int64(st, 4, t->created);
    if (t->expires)
        sqlite3_bind_int64(st, 5, t->expires);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE)
        t->id = sqlite3_last_insert_rowid(s->db);
    else {
        const struct reference refs[] = {{ST_USER_EXISTS, t->user_id, "user_id", "user"}};
        rc = write_fail(s, e, "adding an API token", NULL, 0, refs, 1);
    }
    done(st);
    return rc;
}

/* A credential (session or API token) by the digest of its secret, with its account, whose
 * columns follow the credential's seven. The password hash is not read: using a
 * credential never needs it. */
static enum kerr_code find_credential(struct store_sqlite *s, enum stmt_id id, const char *digest,
                                      struct arena *a,
                                      void (*reader)(sqlite3_stmt *, struct arena *, void *),
                                      void *out, struct user *user, const char *what,
                                      struct kerr *e)
{
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st)
        return no_stmt(e);
    bind_text(st, 1, digest);
    int rc = sqlite3_step(st);
    enum kerr_code code = KITH_OK;
    if (rc == SQLITE_ROW) {
        reader(st, a, out);
        read_user_at(st, a, user, 7);
        user->password_hash = NULL;
    } else if (rc == SQLITE_DONE)
        code = kerr_fail(e, KITH_E_NOT_FOUND, NULL, "no such %s", what);
    else
        code = db_fail(s, e, arena_printf(a, "reading a %s", what));
    done(st);
    return code;
}

static enum kerr_code sqlite_token_find(struct store *base, const char *digest, struct arena *a,
                                        struct api_token *out, struct user *user, struct kerr *e)
{
    return find_credential(sq(base), ST_TOKEN_FIND, digest, a, read_token, out, user, "API token",
                           e);
}

static enum kerr_code sqlite_token_list(struct store *base, struct arena *a, struct api_token **out,
                                        size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_TOKEN_LIST, e);
    if (!st)
        return no_stmt(e);
    return read_rows(s, st, a, sizeof(**out), 0, read_token, (void **)out, n, e);
}

static enum kerr_code sqlite_token_revoke(struct store *base, int64_t id, int64_t now,
                                          struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_TOKEN_REVOKE, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(s, e, "revoking an API token");
    else if (sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing API token with id %lld",
                       (long long)id);
    done(st);
    return rc;
}

/* --- sessions -------------------------------------------------------------------------- */

static void read_session(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct session *ss = out;
    int c = 0;
    ss->id = sqlite3_column_int64(st, c++);
    ss->user_id = sqlite3_column_int64(st, c++);
    ss->token_digest = col_name(st, c++, a);
    ss->csrf = col_name(st, c++, a);
    ss->created = sqlite3_column_int64(st, c++);
    ss->last_seen = sqlite3_column_int64(st, c++);
    ss->ended = sqlite3_column_int64(st, c++);
}

static enum kerr_code sqlite_session_add(struct store *base, struct session *ss, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_session(ss, e);
    if (bad)
        return bad;
    sqlite3_stmt *st = stmt(s, ST_SESSION_ADD, e);
    if (!st)
        return no_stmt(e);
    bind_text(st, 1, ss->token_digest);
    sqlite3_bind_int64(st, 2, ss->user_id);
    bind_text(st, 3, ss->csrf);
    sqlite3_bind_int64(st, 4, ss->created);
    sqlite3_bind_int64(st, 5, ss->last_seen);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE)
        ss->id = sqlite3_last_insert_rowid(s->db);
    else {
        const struct reference refs[] = {{ST_USER_EXISTS, ss->user_id, "user_id", "user"}};
        rc = write_fail(s, e, "starting a session", NULL, 0, refs, 1);
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_session_find(struct store *base, const char *digest, struct arena *a,
                                          struct session *out, struct user *user, struct kerr *e)
{
    return find_credential(sq(base), ST_SESSION_FIND, digest, a, read_session, out, user, "session",
                           e);
}

static enum kerr_code session_update(struct store_sqlite *s, enum stmt_id id, int64_t session_id,
                                     int64_t now, struct kerr *e)
{
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int64(st, 2, now);
    enum kerr_code rc =
        sqlite3_step(st) == SQLITE_DONE ? KITH_OK : db_fail(s, e, "updating a session");
    done(st);
    return rc;
}

static enum kerr_code sqlite_session_touch(struct store *base, int64_t id, int64_t now,
                                           struct kerr *e)
{
    return session_update(sq(base), ST_SESSION_TOUCH, id, now, e);
}

static enum kerr_code sqlite_session_end(struct store *base, int64_t id, int64_t now,
                                         struct kerr *e)
{
    return session_update(sq(base), ST_SESSION_END, id, now, e);
}

static enum kerr_code sqlite_session_end_user(struct store *base, int64_t user_id, int64_t keep,
                                              int64_t now, struct kerr *e)
{
    return end_user_sessions(sq(base), user_id, keep, now, e);
}

/* --- people -------------------------------------------------------------------------- */

/* The codes joined by commas in the last column (written in code order). */
static void read_disabilities(sqlite3_stmt *st, int i, struct person *p)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    person_codes_split(v, v ? (size_t)sqlite3_column_bytes(st, i) : 0, p);
}

static void read_person(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct person *p = out;
    int c = 0;
    p->id = sqlite3_column_int64(st, c++);
    COL_CODE(st, c++, p->public_id);
    p->kind = (enum person_kind)sqlite3_column_int(st, c++);
    COL_CODE(st, c++, p->la_child_id);
    p->given_name = col_name(st, c++, a);
    p->family_name = col_name(st, c++, a);
    p->dob = col_date(st, c++);
    p->expected_dob = col_date(st, c++);
    p->death = col_date(st, c++);
    const char *sex = (const char *)sqlite3_column_text(st, c++);
    p->sex = sex && *sex ? *sex : 'U';
    COL_CODE(st, c++, p->ethnicity);
    COL_CODE(st, c++, p->upn);
    COL_CODE(st, c++, p->former_upn);
    COL_CODE(st, c++, p->upn_unknown);
    COL_CODE(st, c++, p->postcode);
    p->uasc = sqlite3_column_int(st, c++) != 0;
    p->uasc_ceased = col_date(st, c++);
    p->created = col_date(st, c++);
    read_disabilities(st, c, p);
}

/* Values formatted for binding; they must live until the statement has run. */
struct person_binds {
    char dob[DATE_ISO_LEN], expected_dob[DATE_ISO_LEN], death[DATE_ISO_LEN],
        uasc_ceased[DATE_ISO_LEN], created[DATE_ISO_LEN];
    char codes[PERSON_CODES_CAP];
};

/* Parameters ?2 to ?16 and ?19: what an add and an update share. */
static void bind_person(sqlite3_stmt *st, const struct person *p, struct person_binds *d)
{
    char sex[2] = {p->sex, '\0'};
    sqlite3_bind_int(st, 2, (int)p->kind);
    BIND_CODE(st, 3, p->la_child_id);
    bind_text(st, 4, p->given_name ? p->given_name : "");
    bind_text(st, 5, p->family_name ? p->family_name : "");
    bind_date(st, 6, p->dob, d->dob);
    bind_date(st, 7, p->expected_dob, d->expected_dob);
    bind_date(st, 8, p->death, d->death);
    sqlite3_bind_text(st, 9, sex, 1, SQLITE_TRANSIENT);
    BIND_CODE(st, 10, p->ethnicity);
    BIND_CODE(st, 11, p->upn);
    BIND_CODE(st, 12, p->former_upn);
    BIND_CODE(st, 13, p->upn_unknown);
    BIND_CODE(st, 14, p->postcode);
    sqlite3_bind_int(st, 15, p->uasc);
    bind_date(st, 16, p->uasc_ceased, d->uasc_ceased);
    person_codes_join(p, d->codes);
    bind_code(st, 19, d->codes, sizeof(d->codes));
}

static enum kerr_code person_write_fail(struct store_sqlite *s, const struct person *p,
                                        const char *what, struct kerr *e)
{
    const struct clash clashes[] = {
        {"person.la_child_id", "la_child_id", "LA child id '%s' is already used by another child",
         p->la_child_id},
        {"person.public_id", "public_id", "public id '%s' is already used by another person",
         p->public_id},
    };
    return write_fail(s, e, what, clashes, 2, NULL, 0);
}

/* Write the person's disability rows (after clearing them, on an update). */
static enum kerr_code write_disabilities(struct store_sqlite *s, const struct person *p, int64_t id,
                                         bool clear, struct kerr *e)
{
    if (clear) {
        sqlite3_stmt *st = stmt(s, ST_DISABILITY_CLEAR, e);
        if (!st)
            return no_stmt(e);
        sqlite3_bind_int64(st, 1, id);
        int rc = sqlite3_step(st);
        enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : db_fail(s, e, "updating disabilities");
        done(st);
        if (code)
            return code;
    }
    sqlite3_stmt *st = stmt(s, ST_DISABILITY_ADD, e);
    if (!st)
        return no_stmt(e);
    enum kerr_code code = KITH_OK;
    for (int i = 0; !code && i < p->n_disabilities; i++) {
        sqlite3_bind_int64(st, 1, id);
        BIND_CODE(st, 2, p->disabilities[i]);
        if (sqlite3_step(st) != SQLITE_DONE) {
            const struct clash twice[] = {
                {"person_disability.person_id, person_disability.code", "disabilities",
                 "disability '%s' is given twice", p->disabilities[i]},
            };
            code = write_fail(s, e, "recording disabilities", twice, 1, NULL, 0);
        }
        sqlite3_reset(st);
    }
    sqlite3_clear_bindings(st);
    return code;
}

static enum kerr_code sqlite_person_add(struct store *base, struct person *p, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = check_person_new(p, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_PERSON_ADD, e);
    if (!st)
        return no_stmt(e);
    /* One statement is atomic by itself; with disability rows the write needs a
     * transaction of its own, so that a bad code leaves no person behind. */
    bool several = p->n_disabilities > 0, wrapped = false;
    if (several) {
        rc = write_begin(s, &wrapped, e);
        if (rc)
            return rc;
    }
    bool fresh = !p->public_id[0];
    if (fresh)
        public_id_new(p->public_id);
    kdate created = p->created == DATE_NONE ? date_today() : p->created;
    struct person_binds d;
    bind_text(st, 1, p->public_id);
    bind_person(st, p, &d);
    bind_date(st, 17, created, d.created);
    int64_t id = 0;
    if (sqlite3_step(st) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(s->db);
    else
        rc = person_write_fail(s, p, "adding a person", e);
    done(st);
    if (!rc && several)
        rc = write_disabilities(s, p, id, false, e);
    rc = write_end(s, wrapped, rc, e);
    if (rc) {
        if (fresh)
            p->public_id[0] = '\0';
        return rc;
    }
    p->id = id;
    p->created = created;
    return KITH_OK;
}

static enum kerr_code sqlite_person_update(struct store *base, const struct person *p,
                                           struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = check_person(p, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_PERSON_UPDATE, e);
    if (!st)
        return no_stmt(e);
    bool wrapped;
    rc = write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    struct person_binds d;
    bind_person(st, p, &d);
    sqlite3_bind_int64(st, 18, p->id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = person_write_fail(s, p, "updating a person", e);
    else if (sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %lld", (long long)p->id);
    done(st);
    if (!rc)
        rc = write_disabilities(s, p, p->id, true, e);
    return write_end(s, wrapped, rc, e);
}

static enum kerr_code sqlite_person_get(struct store *base, int64_t id, struct arena *a,
                                        struct person *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_PERSON_GET, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    enum kerr_code code = KITH_OK;
    if (rc == SQLITE_ROW)
        read_person(st, a, out);
    else if (rc == SQLITE_DONE)
        code = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no person with id %lld", (long long)id);
    else
        code = db_fail(s, e, "reading a person");
    /* Only one parameter, rebound on every call: a reset is all the reuse needs. */
    sqlite3_reset(st);
    return code;
}

static enum kerr_code sqlite_person_find(struct store *base, const char *ref, struct arena *a,
                                         struct person *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    char id[PUBLIC_ID_LEN + 1];
    if (public_id_normalize(ref, id)) {
        sqlite3_stmt *st = stmt(s, ST_PERSON_BY_PUBLIC_ID, e);
        if (!st)
            return no_stmt(e);
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        enum kerr_code rc = read_one(s, st, a, read_person, out, "person", ref, e);
        if (rc != KITH_E_NOT_FOUND)
            return rc;
    }
    sqlite3_stmt *st = stmt(s, ST_PERSON_BY_LA_CHILD_ID, e);
    if (!st)
        return no_stmt(e);
    bind_text(st, 1, ref);
    return read_one(s, st, a, read_person, out, "person with public id or LA child id", ref, e);
}

/* Bind a scope's ?20-?24 (see PERSON_SCOPE); `today` must outlive the step. */
static void bind_scope(sqlite3_stmt *st, const struct store_scope *scope, char today[DATE_ISO_LEN])
{
    sqlite3_bind_int(st, 22, !scope ? -1 : scope->service_wide ? 1 : 0);
    if (!scope)
        return;
    sqlite3_bind_int64(st, 20, scope->user_id);
    sqlite3_bind_int64(st, 21, scope->worker_id);
    kdate d = scope->today == DATE_NONE ? date_today() : scope->today;
    sqlite3_bind_text(st, 23, date_format_iso(d, today), DATE_ISO_LEN - 1, SQLITE_STATIC);
    sqlite3_bind_int(st, 24, SERVICE_FRONT_DOOR);
}

static enum kerr_code sqlite_bulk(struct store *base, bool on, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    char sql[160];
    /* Random keys (public ids) and name indexes are written all over their B-trees; with
     * the everyday cache a country-sized load spends its time re-reading index pages. */
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %d; PRAGMA synchronous = %s",
             on ? -STORE_BULK_CACHE_MB * 1024 : -65536, on ? "NORMAL" : "FULL");
    return exec_sql(s, sql, e, "setting up a bulk load");
}

static enum kerr_code sqlite_person_visible(struct store *base, const struct store_scope *scope,
                                            int64_t id, bool *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_PERSON_VISIBLE, e);
    if (!st)
        return no_stmt(e);
    char today[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, id);
    bind_scope(st, scope, today);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW;
    enum kerr_code code =
        rc == SQLITE_ROW || rc == SQLITE_DONE ? KITH_OK : db_fail(s, e, "checking access");
    done(st);
    return code;
}

static enum kerr_code sqlite_person_list(struct store *base, const struct person_query *q,
                                         struct arena *a, struct person **out, size_t *n,
                                         struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    *out = NULL;
    *n = 0;
    char text[SEARCH_WORDS_CAP];
    size_t len = 0;
    bool utf8 = true;
    if (q->text && !search_words(q->text, text, &len, &utf8))
        return kerr_fail(e, KITH_E_TOO_LARGE, "text", "text: search text longer than %d bytes",
                         STORE_SEARCH_MAX);
    if (!utf8)
        return KITH_OK;
    bool allocated = q->worker_id || q->team_id;
    enum stmt_id id = len         ? ST_PERSON_SEARCH
                      : allocated ? ST_PERSON_LIST_ALLOCATED
                                  : ST_PERSON_LIST;
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int(st, 1, q->kind < 0 ? -1 : q->kind);
    sqlite3_bind_int(st, 2, q->open_only || allocated);
    sqlite3_bind_int64(st, 3, page_limit(q->limit));
    sqlite3_bind_int64(st, 4, page_offset(q->offset));
    sqlite3_bind_int64(st, 5, q->worker_id);
    sqlite3_bind_int64(st, 6, q->team_id);
    char today[DATE_ISO_LEN];
    bind_scope(st, q->scope, today);
    if (len) {
        sqlite3_bind_text(st, 7, text, (int)len, SQLITE_STATIC);
        text[len] = (char)0xFF; /* the upper end of the prefix range */
        sqlite3_bind_text(st, 8, text, (int)len + 1, SQLITE_STATIC);
    }
    size_t expect = (size_t)page_limit(q->limit);
    return read_rows(s, st, a, sizeof(**out), expect < 64 ? expect : 64, read_person, (void **)out,
                     n, e);
}

/* --- restricted records and grants ------------------------------------------------------ */

/* One statement bound with a child id and (optionally) a second id, run to done. */
static enum kerr_code run_ids(struct store_sqlite *s, enum stmt_id id, int64_t a, int64_t b,
                              const char *what, struct kerr *e)
{
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, a);
    if (b)
        sqlite3_bind_int64(st, 2, b);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE) {
        const struct reference refs[] = {{ST_PERSON_EXISTS, a, "child_id", "person"},
                                         {ST_USER_EXISTS, b, "user_id", "user"}};
        rc = write_fail(s, e, what, NULL, 0, refs, b ? 2 : 1);
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_restriction_set(struct store *base, const struct restriction *r,
                                             struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_restriction(r, e);
    if (bad)
        return bad;
    bool wrapped;
    enum kerr_code rc = write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_RESTRICTION_SET, e);
    if (!st)
        return write_end(s, wrapped, no_stmt(e), e);
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, r->child_id);
    bind_text(st, 2, r->reason);
    bind_text(st, 3, r->authoriser);
    bind_date(st, 4, r->review, d1);
    bind_date(st, 5, r->created == DATE_NONE ? date_today() : r->created, d2);
    if (sqlite3_step(st) != SQLITE_DONE) {
        const struct reference refs[] = {{ST_PERSON_EXISTS, r->child_id, "child_id", "person"}};
        rc = write_fail(s, e, "restricting a record", NULL, 0, refs, 1);
    }
    done(st);
    if (!rc)
        rc = run_ids(s, ST_ALLOW_CLEAR, r->child_id, 0, "restricting a record", e);
    for (size_t i = 0; i < r->nallow && !rc; i++)
        rc = run_ids(s, ST_ALLOW_ADD, r->child_id, r->allow[i], "restricting a record", e);
    return write_end(s, wrapped, rc, e);
}

static enum kerr_code sqlite_restriction_get(struct store *base, int64_t child_id, struct arena *a,
                                             struct restriction *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_RESTRICTION_GET, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, child_id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        enum kerr_code code =
            rc == SQLITE_DONE
                ? kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                            "the record of person %lld is not restricted", (long long)child_id)
                : db_fail(s, e, "reading a restriction");
        done(st);
        return code;
    }
    *out = (struct restriction){.child_id = sqlite3_column_int64(st, 0),
                                .reason = col_name(st, 1, a),
                                .authoriser = col_name(st, 2, a),
                                .review = col_date(st, 3),
                                .created = col_date(st, 4)};
    done(st);
    st = stmt(s, ST_ALLOW_LIST, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, child_id);
    size_t cap = 8, n = 0;
    int64_t *ids = arena_alloc(a, cap * sizeof *ids);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            int64_t *grown = arena_alloc(a, 2 * cap * sizeof *ids);
            memcpy(grown, ids, n * sizeof *ids);
            ids = grown;
            cap *= 2;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : db_fail(s, e, "reading a restriction");
    done(st);
    out->allow = ids;
    out->nallow = n;
    return code;
}

static enum kerr_code sqlite_restriction_lift(struct store *base, int64_t child_id, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    bool wrapped;
    enum kerr_code rc = write_begin(s, &wrapped, e);
    if (!rc)
        rc = run_ids(s, ST_ALLOW_CLEAR, child_id, 0, "lifting a restriction", e);
    if (!rc)
        rc = run_ids(s, ST_RESTRICTION_DELETE, child_id, 0, "lifting a restriction", e);
    if (!rc && sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "child_id",
                       "the record of person %lld is not restricted", (long long)child_id);
    return write_end(s, wrapped, rc, e);
}

static enum kerr_code sqlite_grant_add(struct store *base, struct access_grant *g, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_grant(g, e);
    if (bad)
        return bad;
    sqlite3_stmt *st = stmt(s, ST_GRANT_ADD, e);
    if (!st)
        return no_stmt(e);
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, g->user_id);
    sqlite3_bind_int64(st, 2, g->child_id);
    bind_text(st, 3, g->reason);
    bind_text(st, 4, g->granted_by);
    bind_date(st, 5, g->granted, d1);
    bind_date(st, 6, g->expires, d2);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE)
        g->id = sqlite3_last_insert_rowid(s->db);
    else {
        const struct reference refs[] = {{ST_USER_EXISTS, g->user_id, "user_id", "user"},
                                         {ST_PERSON_EXISTS, g->child_id, "child_id", "person"}};
        rc = write_fail(s, e, "granting access", NULL, 0, refs, 2);
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_grant_revoke(struct store *base, int64_t id, kdate day, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_GRANT_REVOKE, e);
    if (!st)
        return no_stmt(e);
    char d[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, id);
    bind_date(st, 2, day == DATE_NONE ? date_today() : day, d);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(s, e, "revoking a grant");
    else if (sqlite3_changes(s->db) == 0)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no standing grant with id %lld", (long long)id);
    done(st);
    return rc;
}

/* --- the audit trail -------------------------------------------------------------------- */

static void read_audit(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct audit_event *ev = out;
    ev->id = sqlite3_column_int64(st, 0);
    ev->at = sqlite3_column_int64(st, 1);
    ev->user_id = sqlite3_column_int64(st, 2);
    ev->username = col_name(st, 3, a);
    ev->role = col_name(st, 4, a);
    ev->child_id = sqlite3_column_int64(st, 5);
    ev->action = col_name(st, 6, a);
    ev->request_id = col_name(st, 7, a);
    ev->outcome = col_name(st, 8, a);
    ev->detail = col_str(st, 9, a);
    COL_CODE(st, 10, ev->prev_hash);
    COL_CODE(st, 11, ev->hash);
}

static enum kerr_code audit_append(struct store_sqlite *s, struct audit_event *ev, struct kerr *e);

static enum kerr_code sqlite_audit_add(struct store *base, struct audit_event *ev, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code bad = check_audit_event(ev, e);
    if (bad)
        return bad;
    /* A read's row alone commits without an fsync (WAL with synchronous=NORMAL: durable
     * across a crash of kith, not of the machine); the fsync per page view was the
     * server's bottleneck (3,500 against 7,500 pages a second, bench/30-http.sh). */
    bool relaxed = ev->read_only && sqlite3_get_autocommit(s->db) && !s->readonly;
    if (relaxed && exec_stmt(s, ST_SYNC_NORMAL, e, "writing the audit trail"))
        return no_stmt(e);
    enum kerr_code rc = audit_append(s, ev, e);
    if (relaxed) {
        enum kerr_code rc2 = exec_stmt(s, ST_SYNC_FULL, rc ? NULL : e, "writing the audit trail");
        if (!rc)
            rc = rc2;
    }
    return rc;
}

/* The last row and the new one in one write, so no other row can come between. */
static enum kerr_code audit_append(struct store_sqlite *s, struct audit_event *ev, struct kerr *e)
{
    bool wrapped;
    enum kerr_code rc = write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_AUDIT_LAST, e);
    if (!st)
        return write_end(s, wrapped, no_stmt(e), e);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        ev->id = sqlite3_column_int64(st, 0) + 1;
        COL_CODE(st, 1, ev->prev_hash);
    } else {
        ev->id = 1;
        snprintf(ev->prev_hash, sizeof ev->prev_hash, "%s", AUDIT_GENESIS);
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = db_fail(s, e, "reading the audit trail");
    done(st);
    if (rc)
        return write_end(s, wrapped, rc, e);
    rc = store_audit_seal(&s->base, ev, e);
    if (rc)
        return write_end(s, wrapped, rc, e);
    st = stmt(s, ST_AUDIT_ADD, e);
    if (!st)
        return write_end(s, wrapped, no_stmt(e), e);
    sqlite3_bind_int64(st, 1, ev->id);
    sqlite3_bind_int64(st, 2, ev->at);
    bind_id(st, 3, ev->user_id);
    bind_text(st, 4, ev->username);
    bind_text(st, 5, ev->role);
    bind_id(st, 6, ev->child_id);
    bind_text(st, 7, ev->action);
    bind_text(st, 8, ev->request_id);
    bind_text(st, 9, ev->outcome);
    bind_text(st, 10, ev->detail);
    bind_text(st, 11, ev->prev_hash);
    bind_text(st, 12, ev->hash);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(s, e, "writing the audit trail");
    done(st);
    return write_end(s, wrapped, rc, e);
}

static enum kerr_code sqlite_audit_list(struct store *base, const struct audit_query *q,
                                        struct arena *a, struct audit_event **out, size_t *n,
                                        struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum stmt_id id = q->child_id  ? ST_AUDIT_BY_CHILD
                      : q->user_id ? ST_AUDIT_BY_USER
                                   : ST_AUDIT_RECENT;
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, q->child_id);
    sqlite3_bind_int64(st, 2, q->user_id);
    sqlite3_bind_int64(st, 3, q->from);
    sqlite3_bind_int64(st, 4, q->to ? q->to : INT64_MAX);
    sqlite3_bind_int64(st, 5, page_limit(q->limit));
    sqlite3_bind_int64(st, 6, page_offset(q->offset));
    return read_rows(s, st, a, sizeof(**out), 0, read_audit, (void **)out, n, e);
}

static enum kerr_code sqlite_audit_walk(struct store *base,
                                        void (*fn)(void *ctx, const struct audit_event *ev),
                                        void *ctx, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_AUDIT_ALL, e);
    if (!st)
        return no_stmt(e);
    struct arena a;
    arena_init(&a, 4096);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct audit_event ev = {0};
        read_audit(st, &a, &ev);
        fn(ctx, &ev);
        arena_release(&a);
    }
    enum kerr_code code = rc == SQLITE_DONE ? KITH_OK : db_fail(s, e, "reading the audit trail");
    done(st);
    arena_release(&a);
    return code;
}

static enum kerr_code sqlite_audit_keyed_get(struct store *base, int64_t *first, int64_t *next,
                                             struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_AUDIT_KEYED, e);
    if (!st)
        return no_stmt(e);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *first = sqlite3_column_int64(st, 0);
        *next = sqlite3_column_int64(st, 1);
    } else {
        rc = db_fail(s, e, "reading the audit trail");
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_audit_keyed_set(struct store *base, int64_t first, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_AUDIT_KEYED_SET, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, first);
    enum kerr_code rc =
        sqlite3_step(st) == SQLITE_DONE ? KITH_OK : db_fail(s, e, "writing the audit trail");
    done(st);
    return rc;
}

static void read_relationship(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct relationship *r = out;
    int c = 0;
    r->id = sqlite3_column_int64(st, c++);
    r->child_id = sqlite3_column_int64(st, c++);
    r->other_id = sqlite3_column_int64(st, c++);
    r->type = col_name(st, c++, a);
    r->parental_responsibility = sqlite3_column_int(st, c++) != 0;
}

static enum kerr_code sqlite_relationship_add(struct store *base, struct relationship *r,
                                              struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code checked = check_relationship(r, e);
    if (checked)
        return checked;
    sqlite3_stmt *st = stmt(s, ST_RELATIONSHIP_ADD, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, r->child_id);
    sqlite3_bind_int64(st, 2, r->other_id);
    bind_text(st, 3, r->type);
    sqlite3_bind_int(st, 4, r->parental_responsibility);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE) {
        r->id = sqlite3_last_insert_rowid(s->db);
    } else {
        const struct reference refs[] = {
            {ST_PERSON_EXISTS, r->child_id, "child_id", "person"},
            {ST_PERSON_EXISTS, r->other_id, "other_id", "person"},
        };
        rc = write_fail(s, e, "adding a relationship", NULL, 0, refs, 2);
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_relationship_list(struct store *base, int64_t child_id,
                                               struct arena *a, struct relationship **out,
                                               size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_RELATIONSHIP_LIST, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, child_id);
    return read_rows(s, st, a, sizeof(**out), 0, read_relationship, (void **)out, n, e);
}

/* --- allocations and case notes ---------------------------------------------------------- */

static void read_allocation(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct allocation *al = out;
    int c = 0;
    al->id = sqlite3_column_int64(st, c++);
    al->child_id = sqlite3_column_int64(st, c++);
    al->worker_id = sqlite3_column_int64(st, c++);
    al->role = (enum allocation_role)sqlite3_column_int(st, c++);
    al->start = col_date(st, c++);
    al->end = col_date(st, c++);
    al->end_reason = col_str(st, c++, a);
}

static enum kerr_code sqlite_allocation_add(struct store *base, struct allocation *al,
                                            struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code checked = check_allocation(al, e);
    if (checked)
        return checked;
    sqlite3_stmt *st = stmt(s, ST_ALLOCATION_ADD, e);
    if (!st)
        return no_stmt(e);
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    sqlite3_bind_int64(st, 1, al->child_id);
    sqlite3_bind_int64(st, 2, al->worker_id);
    sqlite3_bind_int(st, 3, (int)al->role);
    bind_date(st, 4, al->start, d1);
    bind_date(st, 5, al->end, d2);
    bind_text(st, 6, al->end_reason);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_DONE) {
        al->id = sqlite3_last_insert_rowid(s->db);
    } else {
        const struct reference refs[] = {
            {ST_PERSON_EXISTS, al->child_id, "child_id", "child"},
            {ST_WORKER_EXISTS, al->worker_id, "worker_id", "worker"},
        };
        rc = write_fail(s, e, "adding an allocation", NULL, 0, refs, 2);
    }
    done(st);
    return rc;
}

static enum kerr_code sqlite_allocation_end(struct store *base, int64_t id, kdate end,
                                            const char *reason, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code checked = check_allocation_end(end, reason, e);
    if (checked)
        return checked;
    sqlite3_stmt *st = stmt(s, ST_ALLOCATION_DATES, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    kdate start = step == SQLITE_ROW ? col_date(st, 0) : DATE_NONE;
    kdate ended = step == SQLITE_ROW ? col_date(st, 1) : DATE_NONE;
    enum kerr_code rc = KITH_OK;
    char a[DATE_ISO_LEN];
    if (step == SQLITE_DONE)
        rc = kerr_fail(e, KITH_E_NOT_FOUND, "id", "no allocation with id %lld", (long long)id);
    else if (step != SQLITE_ROW)
        rc = db_fail(s, e, "reading an allocation");
    else
        rc = check_allocation_ending(id, start, ended, end, e);
    done(st);
    if (rc)
        return rc;
    st = stmt(s, ST_ALLOCATION_END, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, id);
    bind_date(st, 2, end, a);
    bind_text(st, 3, reason);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(s, e, "ending an allocation");
    else if (sqlite3_changes(s->db) == 0) /* ended by someone else since the read */
        rc = kerr_fail(e, KITH_E_CONFLICT, "end", "allocation %lld has already ended",
                       (long long)id);
    done(st);
    return rc;
}

static enum kerr_code sqlite_allocation_list(struct store *base, int64_t child_id, struct arena *a,
                                             struct allocation **out, size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_ALLOCATION_LIST, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_int64(st, 1, child_id);
    return read_rows(s, st, a, sizeof(**out), 0, read_allocation, (void **)out, n, e);
}

static void read_note(sqlite3_stmt *st, struct arena *a, void *out)
{
    struct case_note *n = out;
    int c = 0;
    n->id = sqlite3_column_int64(st, c++);
    COL_CODE(st, c++, n->public_id);
    n->child_id = sqlite3_column_int64(st, c++);
    n->author_id = sqlite3_column_int64(st, c++);
    n->date = col_date(st, c++);
    n->kind = col_name(st, c++, a);
    n->subject = col_name(st, c++, a);
    n->body = col_name(st, c++, a);
}

static enum kerr_code sqlite_note_add(struct store *base, struct case_note *note, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = check_note(note, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_NOTE_ADD, e);
    sqlite3_stmt *ix = st ? stmt(s, ST_NOTE_INDEX, e) : NULL;
    if (!ix)
        return no_stmt(e);
    /* The note and its full-text index row, both or neither. */
    bool wrapped;
    rc = write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    bool fresh = !note->public_id[0];
    if (fresh)
        public_id_new(note->public_id);
    char d1[DATE_ISO_LEN];
    bind_text(st, 1, note->public_id);
    sqlite3_bind_int64(st, 2, note->child_id);
    sqlite3_bind_int64(st, 3, note->author_id);
    bind_date(st, 4, note->date, d1);
    bind_text(st, 5, note->kind);
    bind_text(st, 6, note->subject);
    bind_text(st, 7, note->body);
    int64_t id = 0;
    if (sqlite3_step(st) == SQLITE_DONE) {
        id = sqlite3_last_insert_rowid(s->db);
    } else {
        const struct clash clashes[] = {
            {"case_note.public_id", "public_id", "public id '%s' is already used by another note",
             note->public_id},
        };
        const struct reference refs[] = {
            {ST_PERSON_EXISTS, note->child_id, "child_id", "child"},
            {ST_WORKER_EXISTS, note->author_id, "author_id", "worker"},
        };
        rc = write_fail(s, e, "adding a case note", clashes, 1, refs, 2);
    }
    done(st);
    if (!rc) {
        sqlite3_bind_int64(ix, 1, id);
        bind_text(ix, 2, note->subject);
        bind_text(ix, 3, note->body);
        if (sqlite3_step(ix) != SQLITE_DONE)
            rc = db_fail(s, e, "indexing a case note");
        done(ix);
    }
    rc = write_end(s, wrapped, rc, e);
    if (rc) {
        if (fresh)
            note->public_id[0] = '\0';
        return rc;
    }
    note->id = id;
    return KITH_OK;
}

/* Turn a person's search terms (store_check.h) into an FTS5 query that can never be a
 * syntax error. Each term becomes an FTS5 string in double quotes, so operators (AND, OR,
 * NOT, NEAR), column filters, brackets, carets and minus signs are searched as text,
 * never obeyed; a prefix term keeps its * (match the start of a word). The terms are
 * ANDed. A term the tokenizer reduces to nothing (a lone "-") is an empty string, which
 * FTS5 ignores beside other terms and matches nothing alone. */
static void fts_query(const struct search_terms *t, struct str *q)
{
    for (int i = 0; i < t->n; i++) {
        if (q->len)
            str_addc(q, ' ');
        str_addc(q, '"');
        for (size_t k = 0; k < t->v[i].len; k++) {
            if (t->v[i].start[k] == '"')
                str_addc(q, '"');
            str_addc(q, t->v[i].start[k]);
        }
        str_addc(q, '"');
        if (t->v[i].prefix)
            str_addc(q, '*');
    }
}

static enum kerr_code sqlite_note_list(struct store *base, const struct note_query *q,
                                       struct arena *a, struct case_note **out, size_t *n,
                                       struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    *out = NULL;
    *n = 0;
    /* Text with nothing but spaces searches for nothing: the plain list. */
    bool search = q->text && q->text[strspn(q->text, " \t\r\n")];
    struct str match = STR_INIT;
    if (search) {
        struct search_terms terms;
        enum kerr_code rc = search_split(q->text, &terms, e);
        if (rc)
            return rc;
        if (!terms.n) /* nothing searchable, so nothing matches */
            return KITH_OK;
        fts_query(&terms, &match);
    }
    enum stmt_id id = search ? ST_NOTE_SEARCH : q->child_id ? ST_NOTE_LIST_CHILD : ST_NOTE_LIST;
    sqlite3_stmt *st = stmt(s, id, e);
    if (!st) {
        str_release(&match);
        return no_stmt(e);
    }
    sqlite3_bind_int64(st, 1, q->child_id);
    sqlite3_bind_int64(st, 2, page_limit(q->limit));
    sqlite3_bind_int64(st, 3, page_offset(q->offset));
    if (search)
        sqlite3_bind_text(st, 4, match.buf, (int)match.len, SQLITE_STATIC);
    size_t expect = (size_t)page_limit(q->limit);
    enum kerr_code rc = read_rows(s, st, a, sizeof(**out), expect < 64 ? expect : 64, read_note,
                                  (void **)out, n, e);
    str_release(&match);
    return rc;
}

/* --- counts ---------------------------------------------------------------------------- */

static enum kerr_code sqlite_counts(struct store *base, struct store_counts *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = stmt(s, ST_COUNTS, e);
    if (!st)
        return no_stmt(e);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        int64_t *fields[] = {&out->children, &out->relatives,   &out->open_children,
                             &out->teams,    &out->workers,     &out->agency_workers,
                             &out->users,    &out->allocations, &out->notes};
        for (int i = 0; i < (int)(sizeof(fields) / sizeof(fields[0])); i++)
            *fields[i] = sqlite3_column_int64(st, i);
    } else {
        rc = db_fail(s, e, "counting records");
    }
    done(st);
    return rc;
}

/* --- reference data ------------------------------------------------------------------- */

/* A text column copied into a fixed buffer ("" for NULL). */
static void col_copy(sqlite3_stmt *st, int i, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(out, size, "%s", t ? (const char *)t : "");
}

static enum kerr_code sqlite_postcode_put(struct store *base, const struct postcode_place *v,
                                          size_t n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    bool wrapped;
    enum kerr_code rc = write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_POSTCODE_PUT, e);
    if (!st)
        return write_end(s, wrapped, no_stmt(e), e);
    for (size_t i = 0; i < n && !rc; i++) {
        bind_text(st, 1, v[i].pcd);
        bind_text(st, 2, v[i].laua);
        bind_text(st, 3, v[i].utla);
        if (v[i].east != INT32_MIN && v[i].north != INT32_MIN) {
            sqlite3_bind_int(st, 4, v[i].east);
            sqlite3_bind_int(st, 5, v[i].north);
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = write_fail(s, e, "storing a postcode", NULL, 0, NULL, 0);
        done(st);
    }
    return write_end(s, wrapped, rc, e);
}

static enum kerr_code sqlite_postcode_find(struct store *base, const char *const *pcds, size_t n,
                                           struct postcode_geo *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_POSTCODE_GET, e);
    if (!st)
        return no_stmt(e);
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        char key[POSTCODE_MAX + 1];
        if (!pcds[i] || !postcode_norm(pcds[i], key))
            continue;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            struct postcode_place p = {.east = INT32_MIN, .north = INT32_MIN};
            col_copy(st, 0, p.pcd, sizeof(p.pcd));
            col_copy(st, 1, p.laua, sizeof(p.laua));
            col_copy(st, 2, p.utla, sizeof(p.utla));
            if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
                p.east = sqlite3_column_int(st, 3);
                p.north = sqlite3_column_int(st, 4);
            }
            postcode_geo_add(out, &p);
        } else if (r != SQLITE_DONE) {
            rc = db_fail(s, e, "looking up postcodes");
        }
        done(st);
    }
    return rc;
}

static enum kerr_code sqlite_provider_clear(struct store *base, struct kerr *e)
{
    return exec_stmt(sq(base), ST_PROVIDER_CLEAR, e, "clearing the provider list");
}

static enum kerr_code sqlite_provider_put(struct store *base, const struct provider *v, size_t n,
                                          struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    bool wrapped;
    enum kerr_code rc = write_begin(s, &wrapped, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, ST_PROVIDER_PUT, e);
    if (!st)
        return write_end(s, wrapped, no_stmt(e), e);
    for (size_t i = 0; i < n && !rc; i++) {
        char date[DATE_ISO_LEN];
        bind_text(st, 1, v[i].urn);
        bind_text(st, 2, v[i].place_codes);
        bind_text(st, 3, v[i].provider_codes);
        bind_date(st, 4, v[i].reg_end, date);
        BIND_CODE(st, 5, v[i].pcd);
        BIND_CODE(st, 6, v[i].la);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = write_fail(s, e, "storing a provider", NULL, 0, NULL, 0);
        done(st);
    }
    return write_end(s, wrapped, rc, e);
}

static enum kerr_code sqlite_provider_find(struct store *base, const char *const *urns, size_t n,
                                           struct provider_list *out, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_PROVIDER_GET, e);
    if (!st)
        return no_stmt(e);
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!urns[i] || !*urns[i])
            continue;
        sqlite3_bind_text(st, 1, urns[i], -1, SQLITE_STATIC);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            struct provider p = {.reg_end = DATE_NONE};
            col_copy(st, 0, p.urn, sizeof(p.urn));
            col_copy(st, 1, p.place_codes, sizeof(p.place_codes));
            col_copy(st, 2, p.provider_codes, sizeof(p.provider_codes));
            const unsigned char *d = sqlite3_column_text(st, 3);
            if (d && !date_scan_iso((const char *)d, strlen((const char *)d), &p.reg_end))
                p.reg_end = DATE_NONE;
            col_copy(st, 4, p.pcd, sizeof(p.pcd));
            col_copy(st, 5, p.la, sizeof(p.la));
            provider_list_add(out, &p);
        } else if (r != SQLITE_DONE) {
            rc = db_fail(s, e, "looking up providers");
        }
        done(st);
    }
    return rc;
}

static enum kerr_code sqlite_refdata_counts(struct store *base, int64_t *postcodes,
                                            int64_t *providers, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_REFDATA_COUNTS, e);
    if (!st)
        return no_stmt(e);
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *postcodes = sqlite3_column_int64(st, 0);
        *providers = sqlite3_column_int64(st, 1);
    } else {
        rc = db_fail(s, e, "counting reference data");
    }
    done(st);
    return rc;
}

/* --- whole tables (kith db copy, store_copy.c) ------------------------------------------ */

static enum kerr_code sqlite_table_names(struct store *base, struct arena *a, const char ***out,
                                         size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_TABLE_NAMES, e);
    if (!st)
        return no_stmt(e);
    size_t cap = 32;
    const char **v = arena_alloc(a, cap * sizeof(*v));
    *n = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            const char **w = arena_alloc(a, 2 * cap * sizeof(*v));
            memcpy(w, v, cap * sizeof(*v));
            v = w;
            cap *= 2;
        }
        v[(*n)++] = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
    }
    enum kerr_code rc = r == SQLITE_DONE ? KITH_OK : db_fail(s, e, "listing tables");
    done(st);
    *out = v;
    return rc;
}

static enum kerr_code sqlite_table_columns(struct store *base, const char *table, struct arena *a,
                                           struct store_column **out, size_t *n, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st = stmt(s, ST_TABLE_COLUMNS, e);
    if (!st)
        return no_stmt(e);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    size_t cap = 64;
    struct store_column *v = arena_alloc(a, cap * sizeof(*v));
    *n = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        const char *type = (const char *)sqlite3_column_text(st, 1);
        v[*n].name = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
        v[*n].kind = store_column_kind(type ? type : "");
        (*n)++;
    }
    enum kerr_code rc =
        r == SQLITE_DONE ? KITH_OK
        : r == SQLITE_ROW
            ? kerr_fail(e, KITH_E_DB, "db", "table '%s' has more than %zu columns", table, cap)
            : db_fail(s, e, "listing columns");
    done(st);
    *out = v;
    return rc;
}

/* SQL for a table's rows or its insert, made from the names the database gave. */
static void copy_select(const struct store_table *t, struct str *q)
{
    str_add(q, "SELECT ");
    for (size_t i = 0; i < t->ncols; i++) {
        if (i)
            str_add(q, ", ");
        store_sql_ident(q, t->cols[i].name);
    }
    str_add(q, " FROM ");
    store_sql_ident(q, t->name);
    for (size_t i = 0; t->key[i]; i++) {
        str_add(q, i ? ", " : " ORDER BY ");
        store_sql_ident(q, t->key[i]);
    }
}

static enum kerr_code sqlite_table_read(struct store *base, const struct store_table *t,
                                        store_row_fn *fn, void *ctx, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    struct str q = STR_INIT;
    copy_select(t, &q);
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(s->db, q.buf, (int)q.len, &st, NULL);
    str_release(&q);
    if (r != SQLITE_OK)
        return db_fail(s, e, "reading a table");
    const char **v = xmalloc((t->ncols + 1) * sizeof(*v));
    size_t *len = xmalloc((t->ncols + 1) * sizeof(*len));
    enum kerr_code rc = KITH_OK;
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < t->ncols; i++) {
            v[i] = (const char *)sqlite3_column_text(st, (int)i);
            len[i] = (size_t)sqlite3_column_bytes(st, (int)i);
        }
        rc = fn(ctx, v, len, e);
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_fail(s, e, "reading a table");
    sqlite3_finalize(st);
    free(v);
    free(len);
    return rc;
}

static enum kerr_code sqlite_table_write(struct store *base, const struct store_table *t,
                                         const char *const *v, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    if (!s->copy_insert || strcmp(s->copy_table, t->name)) {
        sqlite3_finalize(s->copy_insert);
        s->copy_insert = NULL;
        struct str q = STR_INIT;
        store_sql_insert_into(&q, t);
        str_addc(&q, '(');
        for (size_t i = 0; i < t->ncols; i++)
            str_add(&q, i ? ", ?" : "?");
        str_addc(&q, ')');
        int r = sqlite3_prepare_v2(s->db, q.buf, (int)q.len, &s->copy_insert, NULL);
        str_release(&q);
        if (r != SQLITE_OK)
            return db_fail(s, e, "copying a table");
        snprintf(s->copy_table, sizeof(s->copy_table), "%s", t->name);
    }
    sqlite3_stmt *st = s->copy_insert;
    for (size_t i = 0; i < t->ncols; i++) {
        int col = (int)i + 1;
        if (!v[i])
            sqlite3_bind_null(st, col);
        else if (t->cols[i].kind == 'i')
            sqlite3_bind_int64(st, col, strtoll(v[i], NULL, 10));
        else if (t->cols[i].kind == 'r')
            sqlite3_bind_double(st, col, strtod(v[i], NULL));
        else
            sqlite3_bind_text(st, col, v[i], -1, SQLITE_STATIC);
    }
    enum kerr_code rc = KITH_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(s, e, "copying a row");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

static enum kerr_code sqlite_table_done(struct store *base, const struct store_table *t,
                                        struct kerr *e)
{
    /* The note index is SQLite's own: made again from the notes copied. */
    if (strcmp(t->name, "case_note"))
        return KITH_OK;
    return exec_stmt(sq(base), ST_NOTE_FTS_REBUILD, e, "indexing the copied case notes");
}

/* --- generic statements (the record layer, store_rec.c) ---------------------------- */

static enum kerr_code sqlite_write_begin(struct store *base, bool *wrapped, struct kerr *e)
{
    return write_begin(sq(base), wrapped, e);
}
static enum kerr_code sqlite_write_end(struct store *base, bool wrapped, enum kerr_code rc,
                                       struct kerr *e)
{
    return write_end(sq(base), wrapped, rc, e);
}

static enum kerr_code sqlite_exec(struct store *base, const char *sql, struct kerr *e)
{
    return exec_sql(sq(base), sql, e, "running SQL");
}

/* Run a generic statement. A write outside the caller's transaction takes this file's
 * writer turn and BEGIN IMMEDIATE like every other write here (write_begin says why). */
static enum kerr_code sqlite_run(struct store *base, struct store_sql *q, const char *const *params,
                                 size_t nparams, store_row_fn *row, void *ctx, int64_t *changed,
                                 struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    int slot = store_sql_slot(q);
    if (slot >= STORE_SQL_MAX)
        return kerr_fail(e, KITH_E_INTERNAL, "db", "more than %d statements (raise STORE_SQL_MAX)",
                         STORE_SQL_MAX - 1);
    if (!s->gen)
        s->gen = xcalloc(STORE_SQL_MAX, sizeof(sqlite3_stmt *));
    if (!s->gen[slot] && sqlite3_prepare_v3(s->db, q->sql, -1, SQLITE_PREPARE_PERSISTENT,
                                            &s->gen[slot], NULL) != SQLITE_OK) {
        s->gen[slot] = NULL;
        return db_fail(s, e, "preparing a statement");
    }
    sqlite3_stmt *st = s->gen[slot];
    for (size_t i = 0; i < nparams; i++)
        bind_text(st, (int)i + 1, params[i]);
    bool wrapped = false;
    enum kerr_code rc = KITH_OK;
    if (!sqlite3_stmt_readonly(st))
        rc = write_begin(s, &wrapped, e);
    int cols = sqlite3_column_count(st), step = SQLITE_DONE;
    const char *v[64];
    size_t len[64];
    if (cols > 64)
        rc = kerr_fail(e, KITH_E_INTERNAL, "db", "a statement reading %d columns", cols);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < cols; c++) {
            v[c] = (const char *)sqlite3_column_text(st, c);
            len[c] = (size_t)sqlite3_column_bytes(st, c);
        }
        if (row)
            rc = row(ctx, v, len, e);
    }
    if (!rc && step != SQLITE_DONE)
        rc = write_fail(s, e, "running a statement", NULL, 0, NULL, 0);
    if (!rc && changed)
        *changed = sqlite3_changes64(s->db);
    done(st);
    return write_end(s, wrapped, rc, e);
}

/* --- opening and the connection ------------------------------------------------------ */

static const struct store_ops sqlite_ops; /* filled at the end of the file */

static void sqlite_close(struct store *base)
{
    struct store_sqlite *s = sq(base);
    if (s->db) { /* NULL when the open failed before SQLite was asked */
        if (!sqlite3_get_autocommit(s->db))
            exec_stmt(s, ST_ROLLBACK, NULL, "rolling back");
        give_write(s);
    }
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_finalize(s->copy_insert);
    for (int i = 0; s->gen && i < STORE_SQL_MAX; i++)
        sqlite3_finalize(s->gen[i]);
    free(s->gen);
    sqlite3_close_v2(s->db);
    if (s->file)
        file_leave(s->file);
    free(s->path);
    free(s);
}

static int sqlite_schema_version(struct store *base) { return sq(base)->version; }

static enum kerr_code sqlite_begin(struct store *base, struct kerr *e)
{
    return take_write(sq(base), e, "starting a transaction");
}

static enum kerr_code sqlite_commit(struct store *base, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    enum kerr_code rc = exec_stmt(s, ST_COMMIT, e, "committing");
    give_write(s); /* only if the commit ended it; else the caller rolls back */
    return rc;
}

static void sqlite_rollback(struct store *base)
{
    struct store_sqlite *s = sq(base);
    if (!sqlite3_get_autocommit(s->db))
        exec_stmt(s, ST_ROLLBACK, NULL, "rolling back");
    give_write(s);
}

/* People whose copy of their disability codes is not their rows' codes in order. */
#define DISABILITIES_DIFFER                                                                        \
    "SELECT count(*) FROM person p WHERE p.disabilities IS NOT (SELECT group_concat(code, ',') "   \
    "FROM (SELECT d.code FROM person_disability d WHERE d.person_id = p.id ORDER BY d.code))"

/* integrity_check and foreign_key_check; the first problems found (after SQLite's
 * "*** in database main ***" heading) go into one message. */
static enum kerr_code sqlite_check(struct store *base, struct kerr *e)
{
    struct store_sqlite *s = sq(base);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check(4)", -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, e, "checking the database");
    struct str found = STR_INIT;
    str_init(&found, 300);
    int rc;
    for (;;) {
        rc = sqlite3_step(st);
        if (rc != SQLITE_ROW)
            break;
        /* One row may hold several problems, a line each. */
        const char *text = (const char *)sqlite3_column_text(st, 0);
        for (const char *line = text; line && *line;) {
            size_t n = strcspn(line, "\n");
            if (strncmp(line, "ok", n > 2 ? n : 2) != 0 && strncmp(line, "***", 3) != 0)
                str_addf(&found, "%s%.*s", found.len ? "; " : "", (int)n, line);
            line += n + (line[n] == '\n');
        }
    }
    enum kerr_code code = KITH_OK;
    if (rc != SQLITE_DONE)
        code = db_fail(s, e, "checking the database");
    else if (found.len || found.overflow)
        code = kerr_fail(e, KITH_E_DB_CORRUPT, NULL, "database '%s' is damaged: %s", s->path,
                         found.buf);
    sqlite3_finalize(st);
    str_release(&found);
    int broken = 0;
    if (!code)
        code = query_int(s, "SELECT count(*) FROM pragma_foreign_key_check", &broken, e);
    if (!code && broken)
        code = kerr_fail(e, KITH_E_DB_CORRUPT, NULL,
                         "database '%s' has records that point at missing records", s->path);
    int differ = 0;
    if (!code)
        code = query_int(s, DISABILITIES_DIFFER, &differ, e);
    if (!code && differ)
        code = kerr_fail(e, KITH_E_DB_CORRUPT, NULL,
                         "database '%s': the disabilities of %d people disagree with their "
                         "disability rows",
                         s->path, differ);
    return code;
}

/* Apply migrations after `from` in one transaction, recording each. */
static enum kerr_code migrate(struct store_sqlite *s, int from, struct kerr *e)
{
    enum kerr_code rc = exec_sql(s, "BEGIN IMMEDIATE", e, "starting the upgrade");
    if (rc)
        return rc;
    rc = exec_sql(s,
                  "CREATE TABLE IF NOT EXISTS kith_migration (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied TEXT NOT NULL DEFAULT (datetime('now')))",
                  e, "recording migrations");
    for (int i = from; !rc && i < migrations_count; i++) {
        const struct migration *m = &migrations[i];
        rc = exec_sql(s, m->common, e, m->name);
        if (!rc && m->sqlite)
            rc = exec_sql(s, m->sqlite, e, m->name);
        if (!rc) {
            sqlite3_stmt *st;
            if (sqlite3_prepare_v2(s->db, "INSERT INTO kith_migration(version, name) VALUES (?, ?)",
                                   -1, &st, NULL) != SQLITE_OK)
                rc = db_fail(s, e, "recording migrations");
            else {
                sqlite3_bind_int(st, 1, m->version);
                sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
                if (sqlite3_step(st) != SQLITE_DONE)
                    rc = db_fail(s, e, "recording migrations");
                sqlite3_finalize(st);
            }
        }
    }
    if (!rc) {
        char sql[96];
        snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
                 KITH_APPLICATION_ID, migrations_count);
        rc = exec_sql(s, sql, e, "recording the schema version");
    }
    if (!rc)
        rc = exec_sql(s, "COMMIT", e, "committing the upgrade");
    if (rc)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    else
        s->version = migrations_count;
    return rc;
}

/* Whether kith may use a database with this application id, schema version and count
 * of schema objects. One decision for both readings of the header below. */
static enum kerr_code decide(const char *path, uint32_t app, uint32_t version, bool objects,
                             bool created, bool readonly, struct kerr *e)
{
    if (app != KITH_APPLICATION_ID && (objects || (!created && version)))
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "'%s' is a SQLite database but not a kith one; kith leaves it alone",
                         path);
    if (version > (uint32_t)migrations_count)
        return kerr_fail(e, KITH_E_DB_NEWER, "db",
                         "'%s' is at schema %u, written by a newer kith; this kith knows "
                         "schemas up to %d. Use the newer kith; the file was not changed",
                         path, version, migrations_count);
    if (version < (uint32_t)migrations_count && readonly)
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "'%s' is at schema %u and needs upgrading to %d: run a command that "
                         "writes (e.g. 'kith init') once",
                         path, version, migrations_count);
    return KITH_OK;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Read the file's first bytes (SQLite's documented file format) before SQLite opens it,
 * so that a file kith refuses is never opened by SQLite at all: even a read-only SQLite
 * connection leaves -wal and -shm files beside a WAL database. Page 1 holds the schema
 * table; an interior page or a leaf with cells means the file defines objects. Refuses
 * only on plain evidence; the reading through SQLite (vet) decides the rest, and also
 * sees changes still in a -wal file. Called only while no connection of this process has
 * the file open: its fclose() would drop their locks (open_files). */
static enum kerr_code vet_header(const char *path, bool readonly, struct kerr *e)
{
    unsigned char h[108];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return KITH_OK; /* SQLite says why it cannot open it */
    size_t n = fread(h, 1, sizeof(h), fp);
    fclose(fp);
    if (n == 0)
        return KITH_OK; /* an empty file becomes a new database */
    if (n < sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0)
        return kerr_fail(e, KITH_E_DB_CORRUPT, "db",
                         "'%s' is not a kith database (not a SQLite file) or is damaged", path);
    bool objects = h[100] != 0x0D || h[103] || h[104];
    /* With a -wal file beside it, an older version here is no evidence: the upgrade may
     * still be in the -wal, where only SQLite sees it (another kith holding the database
     * open has not copied it back yet). Then "needs upgrading" is for vet() to say. */
    char wal[PATH_MAX];
    bool pending =
        snprintf(wal, sizeof wal, "%s-wal", path) < (int)sizeof wal && access(wal, F_OK) == 0;
    return decide(path, be32(h + 68), be32(h + 60), objects, false, readonly && !pending, e);
}

/* Read the header through SQLite and decide whether kith may use this database. */
static enum kerr_code vet(struct store_sqlite *s, bool created, struct kerr *e)
{
    int app = 0, version = 0, objects = 0;
    enum kerr_code rc = query_int(s, "PRAGMA application_id", &app, e);
    if (!rc)
        rc = query_int(s, "PRAGMA user_version", &version, e);
    if (!rc)
        rc = query_int(s, "SELECT count(*) FROM sqlite_schema", &objects, e);
    if (rc) {
        if (rc == KITH_E_DB_CORRUPT)
            kerr_fail(e, rc, "db", "'%s' is not a kith database or is damaged", s->path);
        return rc;
    }
    rc = decide(s->path, (uint32_t)app, (uint32_t)version, objects > 0, created, s->readonly, e);
    if (!rc)
        s->version = version;
    return rc;
}

/* Process-wide settings, made once before SQLite first starts. Memory statistics cost a
 * global mutex on every allocation, about a tenth of a lookup by id; kith never reads
 * them. Fails harmlessly if SQLite was started already. */
static pthread_once_t configured = PTHREAD_ONCE_INIT;
static void configure(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* Make the database file before SQLite does, so that it is the owner's alone (0600):
 * SQLite makes a new file 0644 less the umask, and gives its -wal and -shm the mode of
 * the database file. O_EXCL: a file another process made meanwhile is opened as found.
 * Closing this descriptor is safe: the file is new, so no connection has it open. */
static enum kerr_code make_file(const char *path, struct stat *st, bool *made, struct kerr *e)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST && stat(path, st) == 0)
        return KITH_OK;
    if (fd < 0)
        return kerr_fail(e, KITH_E_DB_OPEN, "db", "cannot create '%s': %s", path, strerror(errno));
    *made = fstat(fd, st) == 0;
    close(fd);
    if (!*made) {
        unlink(path);
        return kerr_fail(e, KITH_E_DB_OPEN, "db", "cannot create '%s'", path);
    }
    return KITH_OK;
}

/* Find or make the file, vet its header if no connection of this process has it open,
 * and open the connection, counted in open_files (the comment there says why all of this
 * happens under files_lock). `made` says the file is new (and empty). */
static enum kerr_code connect_file(struct store_sqlite *s, unsigned flags, bool *made,
                                   struct kerr *e)
{
    const char *path = s->path;
    struct stat st;
    enum kerr_code rc = KITH_OK;
    pthread_mutex_lock(&files_lock);
    if (stat(path, &st) != 0) {
        if (flags & STORE_CREATE)
            rc = make_file(path, &st, made, e);
        else
            rc = kerr_fail(e, KITH_E_DB_OPEN, "db",
                           "no database at '%s': create one with 'kith init' or 'kith demo'", path);
    } else if (!s->readonly && (access(path, W_OK) != 0 || !(st.st_mode & 0222))) {
        /* Root may write any file, so a file with no write permission bits counts as
         * read-only too: its owner has said it must not change. */
        rc = kerr_fail(e, KITH_E_DB_READONLY, "db",
                       "'%s' is read-only and this command writes to it; the file was not "
                       "changed",
                       path);
    }
    struct open_file *f = rc ? NULL : file_entry(&st);
    if (f && !*made && !f->conns)
        rc = vet_header(path, s->readonly, e);
    if (!rc) {
        /* Counted before SQLite opens its descriptor, which a failed open may leave
         * open until sqlite_close. */
        s->file = f;
        f->conns++;
        /* No connection mutex: a store is used by one thread at a time (store.h), and
         * its statement table could not be shared anyway. */
        int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
                     (s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
        if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK)
            rc = db_fail(s, e, "opening");
    }
    pthread_mutex_unlock(&files_lock);
    return rc;
}

enum kerr_code store_sqlite_open(const char *path, unsigned flags, struct store **out,
                                 struct kerr *e)
{
    struct store_sqlite *s = xcalloc(1, sizeof(*s));
    s->base.ops = &sqlite_ops;
    s->path = xstrdup(path);
    s->readonly = flags & STORE_READONLY;
    bool readonly = s->readonly, made = false;
    pthread_once(&configured, configure);
    enum kerr_code rc = connect_file(s, flags, &made, e);
    if (rc)
        goto fail;
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, busy_wait, NULL);
    s->writer = readonly ? NULL : &s->file->writer;
    /* Refuse schema tricks before reading anything the file defines. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    if (!readonly && sqlite3_db_readonly(s->db, "main") == 1) {
        rc = kerr_fail(e, KITH_E_DB_READONLY, "db",
                       "'%s' can only be opened read-only and this command writes to it", path);
        goto fail;
    }
    rc = vet(s, made, e);
    if (rc)
        goto fail;
    if (!readonly) {
        rc = exec_sql(s, "PRAGMA journal_mode = WAL", e, "setting the journal mode");
        if (rc)
            goto fail;
    }
    rc = exec_sql(s,
                  "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                  "PRAGMA trusted_schema = OFF; " CACHE_PRAGMAS,
                  e, "setting up the connection");
    if (!rc && !readonly && s->version < migrations_count)
        rc = migrate(s, s->version, e);
    if (rc)
        goto fail;
    *out = &s->base;
    return KITH_OK;
fail:
    sqlite_close(&s->base);
    if (made)
        unlink(path); /* a failed create leaves nothing behind */
    return rc;
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .dialect = &(const struct store_dialect){.param = '?', .json_body = "body"},
    .close = sqlite_close,
    .schema_version = sqlite_schema_version,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .check = sqlite_check,
    .run = sqlite_run,
    .write_begin = sqlite_write_begin,
    .exec = sqlite_exec,
    .write_end = sqlite_write_end,
    .team_add = sqlite_team_add,
    .team_list = sqlite_team_list,
    .team_find = sqlite_team_find,
    .worker_add = sqlite_worker_add,
    .worker_get = sqlite_worker_get,
    .worker_find = sqlite_worker_find,
    .worker_list = sqlite_worker_list,
    .team_caseloads = sqlite_team_caseloads,
    .user_add = sqlite_user_add,
    .user_list = sqlite_user_list,
    .user_find = sqlite_user_find,
    .user_set_password = sqlite_user_set_password,
    .user_set_disabled = sqlite_user_set_disabled,
    .person_visible = sqlite_person_visible,
    .bulk = sqlite_bulk,
    .restriction_set = sqlite_restriction_set,
    .restriction_get = sqlite_restriction_get,
    .restriction_lift = sqlite_restriction_lift,
    .grant_add = sqlite_grant_add,
    .grant_revoke = sqlite_grant_revoke,
    .audit_add = sqlite_audit_add,
    .audit_list = sqlite_audit_list,
    .audit_walk = sqlite_audit_walk,
    .audit_keyed_get = sqlite_audit_keyed_get,
    .audit_keyed_set = sqlite_audit_keyed_set,
    .token_add = sqlite_token_add,
    .token_find = sqlite_token_find,
    .token_list = sqlite_token_list,
    .token_revoke = sqlite_token_revoke,
    .session_add = sqlite_session_add,
    .session_find = sqlite_session_find,
    .session_touch = sqlite_session_touch,
    .session_end = sqlite_session_end,
    .session_end_user = sqlite_session_end_user,
    .person_add = sqlite_person_add,
    .person_update = sqlite_person_update,
    .person_get = sqlite_person_get,
    .person_find = sqlite_person_find,
    .person_list = sqlite_person_list,
    .relationship_add = sqlite_relationship_add,
    .relationship_list = sqlite_relationship_list,
    .allocation_add = sqlite_allocation_add,
    .allocation_end = sqlite_allocation_end,
    .allocation_list = sqlite_allocation_list,
    .note_add = sqlite_note_add,
    .note_list = sqlite_note_list,
    .counts = sqlite_counts,
    .postcode_put = sqlite_postcode_put,
    .postcode_find = sqlite_postcode_find,
    .provider_clear = sqlite_provider_clear,
    .provider_put = sqlite_provider_put,
    .provider_find = sqlite_provider_find,
    .refdata_counts = sqlite_refdata_counts,
    .table_names = sqlite_table_names,
    .table_columns = sqlite_table_columns,
    .table_read = sqlite_table_read,
    .table_write = sqlite_table_write,
    .table_done = sqlite_table_done,
};
