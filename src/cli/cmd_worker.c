/* `kith worker list`: the workforce, by team, with role, FTE and employment; `kith worker
 * show`: one worker, every field of the description (domain/workforce.c) as a person reads
 * it, with the workforce census items still missing named, so they are filled in on the
 * record rather than typed for the census. */
#include "cli/records.h"
#include "domain/codeset.h"
#include "domain/rec.h"
#include "domain/workforce.h"
#include "store/store.h"

struct list_opts {
    const char *team;
    int all;
    long limit, offset;
};

static const struct cli_opt list_opts[] = {
    {"team", OPT_STR, offsetof(struct list_opts, team), "TEAM",
     "only this team (public id or name)"},
    {"all", OPT_BOOL, offsetof(struct list_opts, all), NULL, "include workers who have left"},
    {"limit", OPT_INT, offsetof(struct list_opts, limit), "N", "at most N workers (default 50)"},
    {"offset", OPT_INT, offsetof(struct list_opts, offset), "N", "skip the first N"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct list_opts *o = opts;
    struct worker_query q = {.current_only = !o->all};
    enum kerr_code rc = cli_page(c, o->limit, o->offset, &q.limit, &q.offset);
    if (!rc && o->team)
        rc = cli_team_id(c, o->team, &q.team_id);
    struct worker *w;
    size_t n;
    if (!rc)
        rc = store_worker_list(c->store, &q, &c->arena, &w, &n, &c->err);
    if (rc)
        return rc;
    const struct field *fte = field_find(worker_fields, "fte");
    char buf[REC_TEXT_BUF];
    static const int widths[] = {12, 10, 26, 26, 4, 8};
    static const char *const head[] = {"public id", "SWE reg", "name", "role", "FTE", "employed"};
    cli_row(c->out, widths, 6, head);
    for (size_t i = 0; i < n; i++) {
        char day[DATE_ISO_LEN];
        const char *cells[] = {
            w[i].public_id,
            w[i].registration,
            arena_printf(&c->arena, "%s %s", w[i].given_name, w[i].family_name),
            vocab_label(CS_WORKER_ROLE, (int)w[i].role),
            rec_text(fte, &w[i], buf),
            w[i].end != DATE_NONE
                ? arena_printf(&c->arena, "left %s", date_format_iso(w[i].end, day))
            : w[i].agency ? "agency"
                          : "employed",
        };
        cli_row(c->out, widths, 6, cells);
    }
    if (n == 0)
        cli_printf(c, "(no workers)\n");
    return KITH_OK;
}

/* The census items a worker in post is asked for (destination and reason are a leaver's). */
static const char *const census_items[] = {"dob",        "sex",   "ethnicity", "qual_institution",
                                           "qual_level", "route", "origin",    NULL};

static enum kerr_code run_show(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    struct worker w;
    struct team *teams;
    size_t n;
    enum kerr_code rc = store_worker_find(c->store, argv[0], &c->arena, &w, &c->err);
    if (!rc)
        rc = store_team_list(c->store, &c->arena, &teams, &n, &c->err);
    if (rc)
        return rc;
    const char *team = "";
    for (size_t i = 0; i < n; i++)
        if (teams[i].id == w.team_id)
            team = teams[i].name;
    cli_printf(c, "%-28s %s\n%-28s %s\n", "public id", w.public_id, "team", team);
    for (const struct field *f = worker_fields; f->name; f++)
        cli_printf(c, "%-28s %s\n", f->label, rec_shown(f, &w, &c->arena));
    const char *missing = "";
    char buf[REC_TEXT_BUF];
    for (size_t i = 0; census_items[i]; i++) {
        const struct field *f = field_find(worker_fields, census_items[i]);
        if (!rec_text(f, &w, buf))
            missing = arena_printf(&c->arena, "%s%s%s", missing, *missing ? ", " : "", f->label);
    }
    if (*missing)
        cli_printf(c, "census items not recorded: %s\n", missing);
    return KITH_OK;
}

static const struct cli_command worker_sub[] = {
    {.name = "list",
     .summary = "list workers with their registration, role, FTE and employment",
     .usage = "[--team TEAM] [--all] [--limit N]",
     .flags = CLI_DB_READ,
     .opts = list_opts,
     .opts_size = sizeof(struct list_opts),
     .run = run_list},
    {.name = "show",
     .summary = "show one worker: every field, and the census items not yet recorded",
     .usage = "WORKER (public id or SW registration)",
     .flags = CLI_DB_READ,
     .min_args = 1,
     .max_args = 1,
     .run = run_show},
    {0},
};

const struct cli_command cmd_worker = {
    .name = "worker",
    .summary = "list and show workers",
    .usage = "COMMAND",
    .sub = worker_sub,
};
