/* `kith worker list`: the workforce, by team, with role, FTE and employment; `kith worker
 * show`: one worker, every field of the description (domain/workforce.c) as a person reads
 * it, with the workforce census items still missing named, so they are filled in on the
 * record rather than typed for the census; `kith worker absence` and `absences`: a
 * worker's absences, recorded and listed through the use case (casework/workforce.c)
 * with the working days each took. */
#include "casework/workforce.h"
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

struct absence_opts {
    const char *first_day, *last_day, *cause;
};

static const struct cli_opt absence_opts[] = {
    {"first-day", OPT_STR, offsetof(struct absence_opts, first_day), "DATE",
     "the first day absent (required)"},
    {"last-day", OPT_STR, offsetof(struct absence_opts, last_day), "DATE",
     "the last day absent (none while it goes on)"},
    {"cause", OPT_STR, offsetof(struct absence_opts, cause), "CAUSE",
     "why ('kith codes absence-reason' lists them; required)"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_absence(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    const struct absence_opts *o = opts;
    struct absence ab = {0};
    struct cw_err err;
    cw_err_clear(&err);
    const char *typed[] = {o->first_day, o->last_day, o->cause};
    for (size_t i = 0; i < 3; i++)
        rec_set_text(&absence_fields[i], &ab, typed[i], &c->arena, &err.fields);
    struct actor who = cli_actor(c);
    /* what could not be read is already in err.fields; the use case adds the rest */
    enum kerr_code rc = cw_absence_add(c->store, &who, argv[0], &ab, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    cli_printf(c, "added absence %s: %d working days so far\n", ab.h.public_id,
               absence_days_lost(&ab, ab.first_day, who.today));
    return KITH_OK;
}

static enum kerr_code run_absences(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    struct actor who = cli_actor(c);
    struct cw_err err;
    cw_err_clear(&err);
    struct worker w;
    struct absence *ab;
    size_t n;
    enum kerr_code rc = cw_absences(c->store, &who, argv[0], &c->arena, &w, &ab, &n, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    static const int widths[] = {12, 10, 10, 56, 12};
    static const char *const head[] = {"public id", "first day", "last day", "cause",
                                       "working days"};
    cli_row(c->out, widths, 5, head);
    for (size_t i = 0; i < n; i++) {
        const char *cells[] = {
            ab[i].h.public_id,
            cli_date(c, ab[i].first_day),
            ab[i].last_day == DATE_NONE ? "continuing" : cli_date(c, ab[i].last_day),
            rec_shown(field_find(absence_fields, "cause"), &ab[i], &c->arena),
            arena_printf(&c->arena, "%d", absence_days_lost(&ab[i], ab[i].first_day, who.today)),
        };
        cli_row(c->out, widths, 5, cells);
    }
    if (n == 0)
        cli_printf(c, "(no absences)\n");
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
    {.name = "absence",
     .summary = "record a worker's absence (team managers and administrators)",
     .usage = "WORKER --first-day DATE [--last-day DATE] --cause CAUSE",
     .flags = CLI_DB_WRITE,
     .opts = absence_opts,
     .opts_size = sizeof(struct absence_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_absence},
    {.name = "absences",
     .summary = "list a worker's absences with the working days each took",
     .usage = "WORKER",
     .flags = CLI_DB_WRITE, /* the view is audited */
     .min_args = 1,
     .max_args = 1,
     .run = run_absences},
    {0},
};

const struct cli_command cmd_worker = {
    .name = "worker",
    .summary = "list and show workers",
    .usage = "COMMAND",
    .sub = worker_sub,
};
