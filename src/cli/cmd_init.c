/* `kith init`: create an empty database, or bring an existing one to this kith's schema. */
#include "cli/cli.h"
#include "store/store.h"

static enum kerr_code run(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    (void)argv;
    enum kerr_code rc = store_check(c->store, &c->err);
    if (rc)
        return rc;
    cli_printf(c, "%s: kith database at schema %d (%s)\n", c->db, store_schema_version(c->store),
               store_backend(c->store));
    /* The audit key, made now rather than at the first write, so the operator sees where
     * it is and can copy it somewhere safe (docs/web.md, "Audit trail"). */
    bool created = false;
    rc = store_audit_key_ensure(c->store, &created, &c->err);
    if (rc)
        return rc;
    cli_printf(c, "audit key %s%s: keep a copy; without it the trail cannot be verified\n",
               store_audit_key_path(c->store), created ? " created (mode 0600)" : "");
    return KITH_OK;
}

const struct cli_command cmd_init = {
    .name = "init",
    .summary = "create an empty database, or upgrade one to this kith's schema",
    .description =
        "Creates the database named by --db (default ./kith.db) if it does not "
        "exist,\napplies any schema migrations it lacks, and checks its integrity. "
        "A database\nwritten by a newer kith is refused and left untouched. Makes the audit "
        "trail's key\n(mode 0600; --audit-key, default DB.auditkey) if the database "
        "has no keyed row yet.",
    .flags = CLI_DB_WRITE | CLI_DB_CREATE,
    .run = run,
};
