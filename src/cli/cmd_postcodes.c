/*
 * `kith postcodes`: the postcode geography the 903 placement rules need (which local
 * authority a postcode is in, and its grid reference for placement distances). `import`
 * reads the ONS postcode directory (ONSPD or NSPL as CSV) into the database, replacing the
 * postcodes already there one by one, so that a newer directory can be imported over an
 * older one; `show` prints what is kept for some postcodes. The data lives in the database
 * with the records rather than in a file beside it, so one --db names everything a borough
 * validates against.
 */
#include <string.h>

#include "cli/cli.h"
#include "report/refdata_read.h"
#include "store/store.h"

#define BATCH 4096
#define IMPORT_MAX ((size_t)4 << 30) /* the whole ONSPD is about 1.5 GB */

struct batch {
    struct store *store;
    struct kerr *e;
    struct postcode_place rows[BATCH];
    size_t n;
};

static enum kerr_code flush(struct batch *b)
{
    enum kerr_code rc = b->n ? store_postcode_put(b->store, b->rows, b->n, b->e) : KITH_OK;
    b->n = 0;
    return rc;
}

static enum kerr_code add(void *ctx, const struct postcode_place *p)
{
    struct batch *b = ctx;
    b->rows[b->n++] = *p;
    return b->n == BATCH ? flush(b) : KITH_OK;
}

static enum kerr_code run_import(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    struct batch *b = arena_zalloc(&c->arena, sizeof(*b));
    b->store = c->store;
    b->e = &c->err;
    struct refdata_stats st;
    enum kerr_code rc = store_begin(c->store, &c->err);
    if (!rc)
        rc = postcodes_read(argv[0], IMPORT_MAX, add, b, &st, &c->err);
    if (!rc)
        rc = flush(b);
    if (!rc)
        rc = store_commit(c->store, &c->err);
    else
        store_rollback(c->store);
    if (rc)
        return rc;
    int64_t pcs = 0, provs = 0;
    rc = store_refdata_counts(c->store, &pcs, &provs, &c->err);
    if (rc)
        return rc;
    cli_printf(c, "imported %ld postcodes from %s", st.read, argv[0]);
    if (st.skipped)
        cli_printf(c, " (%ld rows without a postcode or local authority left out)", st.skipped);
    cli_printf(c, "; %lld postcodes kept\n", (long long)pcs);
    return KITH_OK;
}

static enum kerr_code run_show(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    struct postcode_geo g;
    postcode_geo_init(&g);
    enum kerr_code rc =
        store_postcode_find(c->store, (const char *const *)argv, (size_t)argc, &g, &c->err);
    static const int widths[] = {9, 10, 10, 8, 0};
    static const char *const head[] = {"postcode", "district", "upper tier", "easting", "northing"};
    if (!rc)
        cli_row(c->out, widths, 5, head);
    for (int i = 0; !rc && i < argc; i++) {
        const struct postcode_place *p = postcode_geo_find(&g, argv[i]);
        if (!p) {
            cli_printf(c, "%s  (not known)\n", argv[i]);
            continue;
        }
        char e[16] = "", n[16] = "";
        if (p->east != INT32_MIN) {
            snprintf(e, sizeof(e), "%d", (int)p->east);
            snprintf(n, sizeof(n), "%d", (int)p->north);
        }
        const char *const row[] = {p->pcd, p->laua, p->utla, e, n};
        cli_row(c->out, widths, 5, row);
    }
    postcode_geo_release(&g);
    return rc;
}

static const struct cli_command postcodes_sub[] = {
    {.name = "import",
     .summary = "read the ONS postcode directory (ONSPD or NSPL, CSV) into the database",
     .usage = "FILE.csv",
     .description =
         "Keeps each postcode's local authority (district and upper tier) and grid\n"
         "reference, which the 903 rules on placement location and distance need. Columns\n"
         "are found by name (pcds or pcd, oslaua or laua, oscty or cty, oseast1m,\n"
         "osnrth1m); the rest are ignored. Postcodes already kept are replaced.",
     .flags = CLI_DB_WRITE | CLI_DB_CREATE,
     .min_args = 1,
     .max_args = 1,
     .run = run_import},
    {.name = "show",
     .summary = "print the local authority and grid reference kept for postcodes",
     .usage = "POSTCODE...",
     .flags = CLI_DB_READ,
     .min_args = 1,
     .max_args = -1,
     .run = run_show},
    {0},
};

const struct cli_command cmd_postcodes = {
    .name = "postcodes",
    .summary = "import the ONS postcode directory for the 903 placement rules",
    .usage = "COMMAND",
    .sub = postcodes_sub,
};
