/*
 * `kith settings`: the council's own facts that no record holds (its DfE LA number for the
 * census header, its name). Setting one is audited like any change; the checks are the
 * use case's (casework/settings.c).
 */
#include <stdio.h>

#include "casework/settings.h"
#include "cli/records.h"
#include "domain/settings.h"

static enum kerr_code run_show(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    (void)argv;
    const char **values;
    enum kerr_code rc = cw_settings_read(c->store, &c->arena, &values, &c->err);
    if (rc)
        return rc;
    static const int widths[] = {14, 30, 0};
    static const char *const head[] = {"setting", "value", "what it is"};
    cli_row(c->out, widths, 3, head);
    for (size_t i = 0; setting_defs[i].name; i++) {
        const char *cells[] = {setting_defs[i].name, values[i] ? values[i] : "(not set)",
                               setting_defs[i].label};
        cli_row(c->out, widths, 3, cells);
    }
    return KITH_OK;
}

static enum kerr_code run_set(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    struct actor who = cli_actor(c);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_setting_set(c->store, &who, argv[0], argv[1], &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    cli_printf(c, "%s is now %s\n", argv[0], argv[1]);
    return KITH_OK;
}

static const struct cli_command settings_sub[] = {
    {.name = "show",
     .summary = "the council's settings and their values",
     .flags = CLI_DB_READ,
     .run = run_show},
    {.name = "set",
     .summary = "set one of the council's settings",
     .usage = "NAME VALUE",
     .description = "NAME is one of:\n"
                    "  la-code       the council's DfE LA number, three digits (206 for "
                    "Islington):\n"
                    "                the LEA of the CIN census header\n"
                    "  council-name  the council's name\n"
                    "The change is audited (action setting.set).",
     .flags = CLI_DB_WRITE,
     .min_args = 2,
     .max_args = 2,
     .run = run_set},
    {0},
};

const struct cli_command cmd_settings = {
    .name = "settings",
    .summary = "the council's own facts: its DfE LA number, its name",
    .usage = "COMMAND",
    .sub = settings_sub,
};
