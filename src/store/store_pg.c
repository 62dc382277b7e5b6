/*
 * The PostgreSQL backend: the same ops table as store_sqlite.c, through libpq. It is
 * filled op by op; an op not here yet is a NULL entry, which store.c turns into a clean
 * "cannot do ... yet" error. One connection per store handle: a server gives each worker
 * thread its own handle (docs/postgresql.md), so a transaction always stays on its own
 * connection. Statements are prepared once per connection by name, parameters are sent
 * separately from the SQL (never spliced in). The schema version is kept in kith_meta,
 * because PostgreSQL has no user_version; the same numbered migrations run as on SQLite,
 * with their .pg.sql parts.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/public_id.h"
#include "store/migrations.h"
#include "store/store_impl.h"

struct store_pg {
    struct store base; /* first: store_impl.h */
    PGconn *conn;
    int version;
    unsigned prepared; /* bit per statement below, reset on a new connection */
};

enum pg_stmt { PS_TEAM_ADD, PS_TEAM_LIST, PS_TEAM_BY_PUBLIC_ID, PS_TEAM_BY_NAME, PS_COUNT };

static const char *const pg_sql[PS_COUNT] = {
    [PS_TEAM_ADD] = "INSERT INTO team(public_id, name, service, caseload_threshold) "
                    "VALUES ($1, $2, $3::integer, $4::integer) RETURNING id",
    [PS_TEAM_LIST] =
        "SELECT id, public_id, name, service, caseload_threshold FROM team ORDER BY id",
    [PS_TEAM_BY_PUBLIC_ID] = "SELECT id, public_id, name, service, caseload_threshold FROM team "
                             "WHERE public_id = $1",
    [PS_TEAM_BY_NAME] = "SELECT id, public_id, name, service, caseload_threshold FROM team "
                        "WHERE lower(name) = lower($1)",
};

static struct store_pg *pg(struct store *base) { return (struct store_pg *)base; }

/* The server's words for why, trimmed of its trailing newline. */
static const char *pg_why(PGconn *c)
{
    static _Thread_local char buf[256];
    snprintf(buf, sizeof(buf), "%s", c ? PQerrorMessage(c) : "no connection");
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    return buf;
}

/* A failed result as a kith error: unique violations become KITH_E_CONFLICT, a missing
 * privilege names the right, a lost connection says so. */
static enum kerr_code res_fail(struct store_pg *s, PGresult *r, struct kerr *e, const char *doing)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(s->conn);
    char why[256];
    snprintf(why, sizeof(why), "%s", msg && *msg ? msg : pg_why(s->conn));
    why[strcspn(why, "\n")] = '\0';
    if (PQstatus(s->conn) != CONNECTION_OK)
        return kerr_fail(e, KITH_E_DB_OPEN, "db",
                         "%s: the connection to the database was lost (%s)", doing, why);
    if (state && !strcmp(state, "23505"))
        return kerr_fail(e, KITH_E_CONFLICT, NULL, "%s: %s", doing, why);
    if (state && !strcmp(state, "42501"))
        return kerr_fail(e, KITH_E_DB, "db", "%s: the database role lacks a needed right (%s)",
                         doing, why);
    return kerr_fail(e, KITH_E_DB, "db", "%s: %s", doing, why);
}

static enum kerr_code exec_sql(struct store_pg *s, const char *sql, struct kerr *e,
                               const char *doing)
{
    PGresult *r = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    enum kerr_code rc = KITH_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = res_fail(s, r, e, doing);
    PQclear(r);
    return rc;
}

/* After a lost connection, try once to reconnect so that the next op works. */
static void revive(struct store_pg *s)
{
    if (PQstatus(s->conn) == CONNECTION_OK)
        return;
    PQreset(s->conn);
    s->prepared = 0;
}

/* Run prepared statement `id` with text parameters; the result is the caller's. */
static PGresult *run(struct store_pg *s, enum pg_stmt id, int n, const char *const *params,
                     struct kerr *e, const char *doing, enum kerr_code *rc)
{
    char name[16];
    snprintf(name, sizeof(name), "k%d", (int)id);
    revive(s);
    if (!(s->prepared & (1u << id))) {
        PGresult *p = PQprepare(s->conn, name, pg_sql[id], 0, NULL);
        if (PQresultStatus(p) != PGRES_COMMAND_OK) {
            *rc = res_fail(s, p, e, doing);
            PQclear(p);
            return NULL;
        }
        PQclear(p);
        s->prepared |= 1u << id;
    }
    PGresult *r = PQexecPrepared(s->conn, name, n, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        *rc = res_fail(s, r, e, doing);
        PQclear(r);
        return NULL;
    }
    *rc = KITH_OK;
    return r;
}

static void pg_close(struct store *base)
{
    struct store_pg *s = pg(base);
    PQfinish(s->conn);
    free(s);
}

static int pg_schema_version(struct store *base) { return pg(base)->version; }

static enum kerr_code pg_begin(struct store *base, struct kerr *e)
{
    revive(pg(base));
    return exec_sql(pg(base), "BEGIN", e, "starting a transaction");
}
static enum kerr_code pg_commit(struct store *base, struct kerr *e)
{
    return exec_sql(pg(base), "COMMIT", e, "committing");
}
static void pg_rollback(struct store *base) { PQclear(PQexec(pg(base)->conn, "ROLLBACK")); }
static enum kerr_code pg_bulk(struct store *base, bool on, struct kerr *e)
{
    (void)base, (void)on, (void)e;
    return KITH_OK; /* the server handles durability; nothing to loosen per connection */
}
static enum kerr_code pg_check(struct store *base, struct kerr *e)
{
    revive(pg(base));
    return exec_sql(pg(base), "SELECT 1", e, "checking the database");
}

static void read_team(PGresult *r, int row, struct arena *a, struct team *t)
{
    t->id = strtoll(PQgetvalue(r, row, 0), NULL, 10);
    snprintf(t->public_id, sizeof(t->public_id), "%s", PQgetvalue(r, row, 1));
    t->name = arena_strdup(a, PQgetvalue(r, row, 2));
    t->service = (enum service)(int)strtol(PQgetvalue(r, row, 3), NULL, 10);
    t->caseload_threshold = (int)strtol(PQgetvalue(r, row, 4), NULL, 10);
}

static enum kerr_code pg_team_add(struct store *base, struct team *t, struct kerr *e)
{
    struct store_pg *s = pg(base);
    if (!t->name || !*t->name)
        return kerr_fail(e, KITH_E_INVALID, "name", "is required");
    if ((int)t->service < 0 || t->service >= SERVICE_COUNT)
        return kerr_fail(e, KITH_E_INVALID, "service", "is not a known service");
    if (t->caseload_threshold <= 0)
        return kerr_fail(e, KITH_E_INVALID, "caseload_threshold", "must be more than 0");
    bool fresh = !t->public_id[0];
    if (fresh)
        public_id_new(t->public_id);
    char service[16], threshold[16];
    snprintf(service, sizeof(service), "%d", (int)t->service);
    snprintf(threshold, sizeof(threshold), "%d", t->caseload_threshold);
    const char *params[] = {t->public_id, t->name, service, threshold};
    enum kerr_code rc;
    PGresult *r = run(s, PS_TEAM_ADD, 4, params, e, "adding a team", &rc);
    if (r) {
        t->id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
    } else if (fresh) {
        t->public_id[0] = '\0';
    }
    if (rc == KITH_E_CONFLICT)
        kerr_fail(e, rc, "name", "a team called '%s' already exists", t->name);
    return rc;
}

static enum kerr_code pg_team_list(struct store *base, struct arena *a, struct team **out,
                                   size_t *n, struct kerr *e)
{
    enum kerr_code rc;
    PGresult *r = run(pg(base), PS_TEAM_LIST, 0, NULL, e, "listing teams", &rc);
    *out = NULL;
    *n = 0;
    if (!r)
        return rc;
    int rows = PQntuples(r);
    *out = arena_alloc(a, sizeof(**out) * (size_t)(rows ? rows : 1));
    for (int i = 0; i < rows; i++)
        read_team(r, i, a, &(*out)[i]);
    *n = (size_t)rows;
    PQclear(r);
    return KITH_OK;
}

static enum kerr_code pg_team_find(struct store *base, const char *ref, struct arena *a,
                                   struct team *out, struct kerr *e)
{
    char id[PUBLIC_ID_LEN + 1];
    memset(out, 0, sizeof(*out));
    enum kerr_code rc;
    PGresult *r = NULL;
    if (public_id_normalize(ref, id)) {
        const char *p[] = {id};
        r = run(pg(base), PS_TEAM_BY_PUBLIC_ID, 1, p, e, "finding a team", &rc);
        if (!r)
            return rc;
        if (!PQntuples(r)) {
            PQclear(r);
            r = NULL;
        }
    }
    if (!r) {
        const char *p[] = {ref};
        r = run(pg(base), PS_TEAM_BY_NAME, 1, p, e, "finding a team", &rc);
        if (!r)
            return rc;
    }
    if (!PQntuples(r)) {
        PQclear(r);
        return kerr_fail(e, KITH_E_NOT_FOUND, "team", "no team '%s'", ref);
    }
    read_team(r, 0, a, out);
    PQclear(r);
    return KITH_OK;
}

static const struct store_ops pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .schema_version = pg_schema_version,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .bulk = pg_bulk,
    .check = pg_check,
    .team_add = pg_team_add,
    .team_list = pg_team_list,
    .team_find = pg_team_find,
};

/* Bring the schema to the latest version in one transaction; kith_meta holds it. */
static enum kerr_code migrate(struct store_pg *s, struct kerr *e)
{
    enum kerr_code rc = exec_sql(s, "BEGIN", e, "starting the upgrade");
    if (!rc)
        rc = exec_sql(s, "LOCK TABLE kith_meta IN EXCLUSIVE MODE", e, "locking the schema");
    PGresult *r = rc ? NULL : PQexec(s->conn, "SELECT version FROM kith_meta");
    int from = r && PQntuples(r) ? (int)strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    for (int i = from; !rc && i < migrations_count; i++) {
        const struct migration *m = &migrations[i];
        rc = exec_sql(s, m->common, e, m->name);
        if (!rc && m->pg)
            rc = exec_sql(s, m->pg, e, m->name);
    }
    if (!rc && from < migrations_count) {
        char sql[96];
        snprintf(sql, sizeof(sql), "UPDATE kith_meta SET version = %d", migrations_count);
        rc = exec_sql(s, sql, e, "recording the schema version");
    }
    if (!rc)
        rc = exec_sql(s, "COMMIT", e, "committing the upgrade");
    if (rc)
        PQclear(PQexec(s->conn, "ROLLBACK"));
    else
        s->version = migrations_count;
    return rc;
}

enum kerr_code store_pg_open(const char *url, unsigned flags, struct store **out, struct kerr *e)
{
    *out = NULL;
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        /* name the host and port, never the URL (it may hold a password) */
        const char *host = PQhost(c), *port = PQport(c);
        enum kerr_code rc =
            kerr_fail(e, KITH_E_DB_OPEN, "db", "cannot connect to PostgreSQL at %s port %s: %s",
                      host && *host ? host : "(default)", port && *port ? port : "5432", pg_why(c));
        PQfinish(c);
        return rc;
    }
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    struct store_pg *s = xcalloc(1, sizeof(*s));
    s->base.ops = &pg_ops;
    s->conn = c;
    enum kerr_code rc = exec_sql(s,
                                 "CREATE TABLE IF NOT EXISTS kith_meta (version INTEGER NOT NULL); "
                                 "INSERT INTO kith_meta SELECT 0 WHERE NOT EXISTS "
                                 "(SELECT 1 FROM kith_meta)",
                                 e, "preparing the schema table");
    if (rc == KITH_E_DB && flags & STORE_READONLY)
        rc = KITH_OK; /* a read-only role may not create it; read it below */
    PGresult *r = rc ? NULL : PQexec(c, "SELECT version FROM kith_meta");
    if (!rc && PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = res_fail(s, r, e, "reading the schema version");
    if (!rc)
        s->version = PQntuples(r) ? (int)strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    if (!rc && s->version > migrations_count)
        rc = kerr_fail(e, KITH_E_DB_NEWER, "db",
                       "the database is at schema %d, written by a newer kith; this kith knows "
                       "schemas up to %d. Use the newer kith; the database was not changed",
                       s->version, migrations_count);
    if (!rc && s->version < migrations_count) {
        if (flags & STORE_READONLY)
            rc = kerr_fail(e, KITH_E_DB_OPEN, "db",
                           "the database is at schema %d and needs upgrading to %d: run a "
                           "command that writes (e.g. 'kith init') once",
                           s->version, migrations_count);
        else
            rc = migrate(s, e);
    }
    if (rc) {
        pg_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return KITH_OK;
}
