/*
 * One error convention for all of kith.
 *
 * Every failure is one row of KITH_ERR_MAP: the enum name, the HTTP status the web
 * service answers with, the CLI exit code, and a short message. Functions return
 * `enum kerr_code` (KITH_OK == 0) and are tested as `if (rc) goto out;`. The details a
 * person needs to mend the input (which field, which line, what was expected) go into a
 * `struct kerr` owned by the caller, filled by kerr_fail(), which returns the code so
 * that `return kerr_fail(e, KITH_E_INVALID, "dob", "...")` records and returns at once.
 */
#ifndef KITH_CORE_ERR_H
#define KITH_CORE_ERR_H

#include <stddef.h>

/* X(name, http status, cli exit code, message) */
#define KITH_ERR_MAP(X)                                                                            \
    X(KITH_OK, 200, 0, "ok")                                                                       \
    X(KITH_E_FINDINGS, 422, 1, "the input has validation findings")                                \
    X(KITH_E_USAGE, 400, 64, "wrong usage")                                                        \
    X(KITH_E_INVALID, 422, 3, "invalid value")                                                     \
    X(KITH_E_NOT_FOUND, 404, 4, "not found")                                                       \
    X(KITH_E_CONFLICT, 409, 5, "conflicts with a stored record")                                   \
    X(KITH_E_TOO_LARGE, 413, 6, "input too large")                                                 \
    X(KITH_E_PARSE, 400, 2, "input could not be read")                                             \
    X(KITH_E_IO, 500, 8, "input/output error")                                                     \
    X(KITH_E_DB_OPEN, 503, 10, "cannot open the database")                                         \
    X(KITH_E_DB_CORRUPT, 500, 11, "the database is damaged")                                       \
    X(KITH_E_DB_NEWER, 500, 12, "the database was written by a newer kith")                        \
    X(KITH_E_DB_READONLY, 503, 13, "the database is read-only")                                    \
    X(KITH_E_DB_BUSY, 503, 14, "the database is busy")                                             \
    X(KITH_E_DB, 500, 15, "database error")                                                        \
    X(KITH_E_UNAUTHENTICATED, 401, 20, "sign-in required")                                         \
    X(KITH_E_FORBIDDEN, 403, 21, "not allowed")                                                    \
    X(KITH_E_INTERNAL, 500, 70, "internal error")

enum kerr_code {
#define KITH_ERR_ENUM(name, http, exitc, msg) name,
    KITH_ERR_MAP(KITH_ERR_ENUM)
#undef KITH_ERR_ENUM
        KITH_ERR_COUNT
};

/* Details of the last failure. `field` names the offending field or column ("" if none),
 * `where` the place in an input ("episodes.csv line 12", ""), `msg` the plain-words text. */
struct kerr {
    enum kerr_code code;
    char field[64];
    char where[128];
    char msg[512];
};

#define KERR_INIT                                                                                  \
    {                                                                                              \
        KITH_OK, "", "", ""                                                                        \
    }

/* The enum name ("KITH_E_INVALID"), the HTTP status, the CLI exit code, the message. */
const char *kerr_name(enum kerr_code code);
int kerr_http_status(enum kerr_code code);
int kerr_exit_code(enum kerr_code code);
const char *kerr_message(enum kerr_code code);

/* Record a failure in `e` (which may be NULL) and return `code`. `field` may be NULL. */
enum kerr_code kerr_fail(struct kerr *e, enum kerr_code code, const char *field, const char *fmt,
                         ...) __attribute__((format(printf, 4, 5)));

/* Set the place in the input ("file line N") the error refers to; returns e->code. */
enum kerr_code kerr_at(struct kerr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reset to KITH_OK with empty texts. */
void kerr_clear(struct kerr *e);

/* One line for a person: "where: field 'f': msg" with the parts that are set. */
void kerr_format(const struct kerr *e, char *buf, size_t size);

#endif
