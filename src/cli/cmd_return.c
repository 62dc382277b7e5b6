/*
 * `kith return cin`: the CIN census of a collection year as the XML file a council
 * submits, projected from the live records (casework/cin_live.h) and written in the
 * DfE's format (report/cin_write.h). The header's LEA is the council's la-code setting and
 * its SerialNo the run's number in the year. The year's rules run too: the file is written
 * whatever they find, and stderr says how many errors and queries `kith validate cin
 * --live` would list. A file named with --out appears whole or not at all (written beside
 * it, then renamed).
 */
#include <stdio.h>
#include <string.h>

#include "casework/cin_live.h"
#include "cli/cli.h"
#include "cli/records.h"
#include "core/str.h"
#include "domain/codeset.h"
#include "report/cin_write.h"
#include "store/store.h"

struct return_opts {
    const char *year, *out;
};

static const struct cli_opt return_opts[] = {
    {"year", OPT_STR, offsetof(struct return_opts, year), "Y",
     "the collection year, 2027 or 2026/27 (default: the current one)"},
    {"out", OPT_STR, offsetof(struct return_opts, out), "FILE",
     "write the file here (default: standard output)"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_cin(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct return_opts *o = opts;
    int year = collection_year(date_today());
    if (o->year && !collection_year_parse(o->year, &year))
        return kerr_fail(&c->err, KITH_E_USAGE, "year",
                         "'%s' is not a collection year: expected " COLLECTION_YEAR_EXPECTED,
                         o->year);
    struct actor who = cli_actor(c);
    struct cin_live l;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_cin_live(c->store, &who, year, &l, &err);
    if (rc) {
        c->err = err.e;
        return rc;
    }
    struct str xml = STR_INIT;
    cin_write(&l.p.r, &xml);
    if (o->out)
        rc = cli_write_whole(c, o->out, &xml);
    else
        fwrite(xml.buf, 1, xml.len, c->out);
    str_release(&xml);
    char a[8];
    if (!rc)
        fprintf(stderr,
                "kith: CIN census %s, run %lld of the year: %zu children; the rules find %zu "
                "errors and %zu queries ('kith validate cin --live' lists them)\n",
                collection_year_text(year, a, sizeof a), (long long)l.serial, l.children, l.errors,
                l.queries);
    if (!rc && !l.lea)
        fprintf(stderr, "kith: the header has no LEA: set the council's DfE LA number with "
                        "'kith settings set la-code NNN'\n");
    cin_live_release(&l);
    return rc;
}

static const struct cli_command return_sub[] = {
    {.name = "cin",
     .summary = "the CIN census of a year as the DfE's XML, from the live records",
     .usage = "[--year Y] [--out FILE]",
     .description = "Projects every child's help-and-protection records into the census of "
                    "the year as it\nreads today (the current year up to today) and writes "
                    "it as the XML the DfE\ncollects. 'kith validate cin FILE' judges the file "
                    "as 'kith validate cin --live'\njudges the records. The run is audited "
                    "and numbered (the header's SerialNo).",
     .flags = CLI_DB_WRITE,
     .opts = return_opts,
     .opts_size = sizeof(struct return_opts),
     .run = run_cin},
    {0},
};

const struct cli_command cmd_return = {
    .name = "return",
    .summary = "statutory returns written from the live records",
    .usage = "cin ...",
    .sub = return_sub,
};
