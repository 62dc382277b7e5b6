/*
 * `kith providers`: the Ofsted lists of registered children's homes, fostering agencies
 * and other settings, which the 903 rules check placements against (is the URN a provider
 * registered for this kind of placement, was it open on the placement's start date, is it
 * in the authority's area). `import` replaces the lists kept in the database with the files
 * given (Ofsted publishes whole lists: children's homes, and other social care providers); a
 * provider's local authority is filled from the postcodes kept (kith postcodes import) when its
 * postcode is known there. `show` prints what is kept for some URNs.
 */
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "report/refdata_read.h"
#include "store/store.h"

#define BATCH 2048
#define IMPORT_MAX ((size_t)1 << 30)

struct batch {
    struct store *store;
    struct kerr *e;
    struct provider rows[BATCH];
    size_t n;
    long located; /* providers whose local authority was found from their postcode */
};

static enum kerr_code flush(struct batch *b)
{
    if (!b->n)
        return KITH_OK;
    const char *pcds[BATCH];
    for (size_t i = 0; i < b->n; i++)
        pcds[i] = b->rows[i].pcd[0] ? b->rows[i].pcd : NULL;
    struct postcode_geo g;
    postcode_geo_init(&g);
    enum kerr_code rc = store_postcode_find(b->store, pcds, b->n, &g, b->e);
    for (size_t i = 0; !rc && i < b->n; i++) {
        const struct postcode_place *p = pcds[i] ? postcode_geo_find(&g, pcds[i]) : NULL;
        if (p) {
            snprintf(b->rows[i].la, sizeof(b->rows[i].la), "%s", p->utla);
            b->located++;
        }
    }
    postcode_geo_release(&g);
    if (!rc)
        rc = store_provider_put(b->store, b->rows, b->n, b->e);
    b->n = 0;
    return rc;
}

static enum kerr_code add(void *ctx, const struct provider *p)
{
    struct batch *b = ctx;
    b->rows[b->n++] = *p;
    return b->n == BATCH ? flush(b) : KITH_OK;
}

static enum kerr_code run_import(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    struct batch *b = arena_zalloc(&c->arena, sizeof(*b));
    b->store = c->store;
    b->e = &c->err;
    struct refdata_stats st;
    enum kerr_code rc = store_begin(c->store, &c->err);
    if (!rc)
        rc = store_provider_clear(c->store, &c->err);
    long read = 0, skipped = 0;
    for (int i = 0; i < argc && !rc; i++) {
        rc = providers_read(argv[i], IMPORT_MAX, add, b, &st, &c->err);
        read += st.read;
        skipped += st.skipped;
    }
    if (!rc)
        rc = flush(b);
    if (!rc)
        rc = store_commit(c->store, &c->err);
    else
        store_rollback(c->store);
    if (rc)
        return rc;
    cli_printf(c, "imported %ld providers from %s%s", read, argv[0],
               argc > 1 ? " and the rest" : "");
    if (skipped)
        cli_printf(c, " (%ld rows without a URN left out)", skipped);
    cli_printf(c, "; the local authority of %ld found from their postcodes\n", b->located);
    return KITH_OK;
}

static enum kerr_code run_show(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    struct provider_list l;
    provider_list_init(&l);
    enum kerr_code rc =
        store_provider_find(c->store, (const char *const *)argv, (size_t)argc, &l, &c->err);
    static const int widths[] = {10, 24, 10, 10, 9, 0};
    static const char *const head[] = {"URN",    "placements", "providers",
                                       "closed", "postcode",   "LA"};
    if (!rc)
        cli_row(c->out, widths, 6, head);
    for (int i = 0; !rc && i < argc; i++) {
        const struct provider *p = provider_list_find(&l, argv[i]);
        if (!p) {
            cli_printf(c, "%s  (not known)\n", argv[i]);
            continue;
        }
        char end[DATE_ISO_LEN];
        date_format_iso(p->reg_end, end);
        const char *const row[] = {p->urn, p->place_codes, p->provider_codes, end, p->pcd, p->la};
        cli_row(c->out, widths, 6, row);
    }
    provider_list_release(&l);
    return rc;
}

static const struct cli_command providers_sub[] = {
    {.name = "import",
     .summary = "replace the Ofsted provider lists kept in the database with those saved as CSV",
     .usage = "FILE.csv...",
     .description =
         "Reads URN, Placement code and Placement provider code (or Provider Placement\n"
         "Code and Provider Code), Deregistration date (or Closed Date) and the setting's\n"
         "postcode, by column name; the rest are ignored. Codes may be separated by\n"
         "slashes, commas or spaces. Import the postcodes first to have each provider's\n"
         "local authority found from its postcode. Ofsted publishes two lists (children's\n"
         "homes, and other social care providers): give both at once, as each import\n"
         "replaces everything kept before; a URN in both keeps the later file's row.",
     .flags = CLI_DB_WRITE | CLI_DB_CREATE,
     .min_args = 1,
     .max_args = -1,
     .run = run_import},
    {.name = "show",
     .summary = "print what is kept for Ofsted URNs",
     .usage = "URN...",
     .flags = CLI_DB_READ,
     .min_args = 1,
     .max_args = -1,
     .run = run_show},
    {0},
};

const struct cli_command cmd_providers = {
    .name = "providers",
    .summary = "import Ofsted provider lists for the 903 placement rules",
    .usage = "COMMAND",
    .sub = providers_sub,
};
