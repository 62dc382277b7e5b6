/* `kith team list`: the teams, their service and caseload threshold. */
#include "cli/records.h"
#include "domain/codeset.h"
#include "store/store.h"

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    (void)argv;
    struct team *teams;
    size_t n;
    enum kerr_code rc = store_team_list(c->store, &c->arena, &teams, &n, &c->err);
    if (rc)
        return rc;
    static const int widths[] = {12, 34, 26, 9};
    static const char *const head[] = {"public id", "team", "service", "threshold"};
    cli_row(c->out, widths, 4, head);
    for (size_t i = 0; i < n; i++) {
        const char *cells[] = {teams[i].public_id, teams[i].name,
                               vocab_label(CS_SERVICE, (int)teams[i].service),
                               arena_printf(&c->arena, "%d", (int)teams[i].caseload_threshold)};
        cli_row(c->out, widths, 4, cells);
    }
    if (n == 0)
        cli_printf(c, "(no teams: 'kith demo' creates a demo borough's)\n");
    return KITH_OK;
}

static const struct cli_command team_sub[] = {
    {.name = "list",
     .summary = "list the teams with their service and caseload threshold per FTE",
     .flags = CLI_DB_READ,
     .run = run_list},
    {0},
};

const struct cli_command cmd_team = {
    .name = "team",
    .summary = "list teams",
    .usage = "COMMAND",
    .sub = team_sub,
};
