/*
 * The store's public functions: choose a backend from the location, then dispatch
 * every call through the backend's ops table (store_impl.h). Nothing here knows SQL.
 */
#include "store/store.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/store_check.h"
#include "store/store_impl.h"

/* An op the backend does not have yet (the PostgreSQL backend is filled op by op) fails
 * cleanly with a message naming it, instead of crashing on a NULL entry. */
static enum kerr_code missing(struct store *s, const char *op, struct kerr *e)
{
    return kerr_fail(e, KITH_E_DB, "db", "the %s backend cannot do '%s' yet", s->ops->name, op);
}

enum kerr_code store_open(const char *location, unsigned flags, struct store **out, struct kerr *e)
{
    *out = NULL;
    if (!location || !*location)
        return kerr_fail(e, KITH_E_USAGE, "db", "no database location given");
    enum kerr_code rc;
    const char *path = NULL;
    if (!strncmp(location, "postgresql://", 13) || !strncmp(location, "postgres://", 11)) {
        rc = store_pg_open(location, flags, out, e);
    } else {
        path = strncmp(location, "sqlite:", 7) ? location : location + 7;
        rc = store_sqlite_open(path, flags, out, e);
    }
    if (!rc) {
        store_audit_open(*out, path);
        /* Two paths to one file are one group (a hard link would not be: store.md). */
        char real[PATH_MAX];
        if (!(flags & STORE_READONLY))
            (*out)->group = store_group_of(!path ? location : realpath(path, real) ? real : path);
    }
    return rc;
}

void store_close(struct store *s)
{
    if (s) {
        store_audit_close(s);
        s->ops->close(s);
    }
}

const char *store_backend(const struct store *s) { return s->ops->name; }
int store_schema_version(struct store *s) { return s->ops->schema_version(s); }
int store_schema_latest(void) { return migrations_count; }
/* The audit anchor is written only for rows that are committed (store_audit.c), so the
 * transaction's ends are followed here. */
enum kerr_code store_begin(struct store *s, struct kerr *e)
{
    enum kerr_code rc = s->ops->begin ? s->ops->begin(s, e) : missing(s, "begin", e);
    if (!rc)
        s->audit.depth++;
    return rc;
}
enum kerr_code store_commit(struct store *s, struct kerr *e)
{
    enum kerr_code rc = s->ops->commit ? s->ops->commit(s, e) : missing(s, "commit", e);
    if (!rc)
        store_audit_commit(s);
    return rc;
}
void store_rollback(struct store *s)
{
    s->ops->rollback(s);
    store_audit_rollback(s);
}
enum kerr_code store_read_begin(struct store *s, bool *opened, struct kerr *e)
{
    *opened = false;
    return s->ops->read_begin ? s->ops->read_begin(s, opened, e) : KITH_OK;
}
void store_read_end(struct store *s, bool opened)
{
    if (opened && s->ops->read_end)
        s->ops->read_end(s);
}
enum kerr_code store_bulk(struct store *s, bool on, struct kerr *e)
{
    return s->ops->bulk ? s->ops->bulk(s, on, e) : missing(s, "bulk", e);
}
enum kerr_code store_check(struct store *s, struct kerr *e)
{
    return s->ops->check ? s->ops->check(s, e) : missing(s, "check", e);
}

enum kerr_code store_audit_verify(struct store *s, int64_t *bad, int64_t *rows, struct kerr *e)
{
    struct audit_check c;
    enum kerr_code rc = store_audit_check(s, NULL, &c, e);
    *bad = rc ? 0 : c.bad;
    *rows = rc ? 0 : c.rows;
    return rc;
}

/* One numbering for every backend's statements: a process that talks to both (the tests,
 * kith db copy) keeps each statement's slot whichever connection prepared it first. */
static atomic_int next_sql_slot;

int store_sql_slot(struct store_sql *q)
{
    int slot = atomic_load(&q->slot);
    if (slot)
        return slot;
    int mine = atomic_fetch_add(&next_sql_slot, 1) + 1, none = 0;
    return atomic_compare_exchange_strong(&q->slot, &none, mine) ? mine : none;
}
