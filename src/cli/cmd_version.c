/* `kith version`: the program's version and the schema it writes. */
#include "cli/cli.h"
#include "store/store.h"

#ifndef KITH_VERSION
#define KITH_VERSION "unknown"
#endif

static enum kerr_code run(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    (void)argv;
    cli_printf(c, "kith %s (database schema %d)\n", KITH_VERSION, store_schema_latest());
    return KITH_OK;
}

const struct cli_command cmd_version = {
    .name = "version",
    .summary = "print kith's version and the database schema version it writes",
    .run = run,
};
