/*
 * `kith db copy --from LOCATION --to LOCATION`: a whole kith database moved between SQLite
 * and PostgreSQL, either way, so a council can start on one file and move to a server (or
 * back). The store does the copy (store_copy: one transaction on the target, ids kept,
 * the audit trail's hash chain byte for byte); this command opens both ends, then reads
 * both back and prints each table's row count and content hash, and whether the two
 * sides agree. Any table that differs is a finding: exit 1.
 *
 * The target must be empty, always (no --force): the audit trail cannot be emptied, and
 * two databases' rows cannot be merged without changing ids. Locations are never
 * printed, as a PostgreSQL URL may hold a password.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

struct copy_opts {
    const char *from, *to;
};

static enum kerr_code run_copy(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct copy_opts *o = opts;
    if (!o->from || !o->to)
        return kerr_fail(&c->err, KITH_E_USAGE, o->from ? "to" : "from",
                         "give both --from LOCATION and --to LOCATION");
    if (!strcmp(o->from, o->to))
        return kerr_fail(&c->err, KITH_E_USAGE, "to", "--from and --to name the same database");
    struct store *from = NULL, *to = NULL;
    enum kerr_code rc = store_open(o->from, STORE_READONLY, &from, &c->err);
    if (!rc)
        rc = store_open(o->to, STORE_CREATE, &to, &c->err);
    if (!rc)
        rc = store_copy(from, to, &c->err);
    struct store_table_sum *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    if (!rc)
        rc = store_table_sums(from, &c->arena, &a, &na, &c->err);
    if (!rc)
        rc = store_table_sums(to, &c->arena, &b, &nb, &c->err);
    if (!rc) {
        cli_printf(c, "copied a %s database to %s\n", store_backend(from), store_backend(to));
        static const int widths[] = {18, 8, 16, 4};
        static const char *const head[] = {"table", "rows", "hash", ""};
        cli_row(c->out, widths, 4, head);
        size_t differ = 0;
        int64_t rows = 0;
        for (size_t i = 0; i < na && i < nb; i++) {
            bool same = a[i].rows == b[i].rows && !strcmp(a[i].hash, b[i].hash);
            differ += !same;
            rows += a[i].rows;
            const char *cells[] = {
                a[i].name, arena_printf(&c->arena, "%lld", (long long)a[i].rows),
                arena_printf(&c->arena, "%.16s", a[i].hash),
                same ? "same"
                     : arena_printf(&c->arena, "DIFFERS: the copy has %lld rows, hash %.16s",
                                    (long long)b[i].rows, b[i].hash)};
            cli_row(c->out, widths, 4, cells);
        }
        if (differ || na != nb)
            rc =
                kerr_fail(&c->err, KITH_E_FINDINGS, "to",
                          "%zu of %zu tables differ between the database and its copy", differ, na);
        else
            cli_printf(c, "%zu tables, %lld rows: every table the same on both sides\n", na,
                       (long long)rows);
    }
    if (to)
        store_close(to);
    if (from)
        store_close(from);
    return rc;
}

static const struct cli_opt copy_opts[] = {
    {"from", OPT_STR, offsetof(struct copy_opts, from), "LOCATION",
     "the database to copy (a SQLite path, sqlite:PATH or postgresql://...); read only"},
    {"to", OPT_STR, offsetof(struct copy_opts, to), "LOCATION",
     "an empty database to copy into (a new SQLite file is made; a PostgreSQL database must "
     "exist)"},
    {0},
};

static const struct cli_command db_sub[] = {
    {.name = "copy",
     .summary = "copy a whole database between SQLite and PostgreSQL, checked table by table",
     .usage = "--from LOCATION --to LOCATION",
     .description = "Copies every table, ids and the audit trail included, in one transaction "
                    "on the target,\nthen prints each table's rows and content hash on both "
                    "sides. The target must hold\nno rows (it is refused otherwise). Exit 1 "
                    "when any table differs.",
     .opts = copy_opts,
     .opts_size = sizeof(struct copy_opts),
     .run = run_copy},
    {0},
};

const struct cli_command cmd_db = {
    .name = "db",
    .summary = "whole databases: copy between SQLite and PostgreSQL",
    .usage = "COMMAND",
    .sub = db_sub,
};
