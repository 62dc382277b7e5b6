/*
 * The store's public functions: choose a backend from the location, then dispatch
 * every call through the backend's ops table (store_impl.h). Nothing here knows SQL.
 */
#include "store/store.h"

#include <string.h>

#include "store/migrations.h"
#include "store/store_impl.h"

enum kerr_code store_open(const char *location, unsigned flags, struct store **out, struct kerr *e)
{
    *out = NULL;
    if (!location || !*location)
        return kerr_fail(e, KITH_E_USAGE, "db", "no database location given");
    if (!strncmp(location, "postgresql://", 13) || !strncmp(location, "postgres://", 11))
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "this kith was built without PostgreSQL support: use a SQLite file");
    if (!strncmp(location, "sqlite:", 7))
        location += 7;
    return store_sqlite_open(location, flags, out, e);
}

void store_close(struct store *s)
{
    if (s)
        s->ops->close(s);
}

const char *store_backend(const struct store *s) { return s->ops->name; }
int store_schema_version(struct store *s) { return s->ops->schema_version(s); }
int store_schema_latest(void) { return migrations_count; }
enum kerr_code store_begin(struct store *s, struct kerr *e) { return s->ops->begin(s, e); }
enum kerr_code store_commit(struct store *s, struct kerr *e) { return s->ops->commit(s, e); }
void store_rollback(struct store *s) { s->ops->rollback(s); }
enum kerr_code store_check(struct store *s, struct kerr *e) { return s->ops->check(s, e); }
