/*
 * `kith recruit retention`: the retention of applications (casework/retention.h), for a
 * scheduled job (cron, a systemd timer) or by hand. --on runs it as on another day, so a
 * council can see what a day will remove before it comes, and tests can put the clock on
 * the edge day; --dry-run says what would go and writes nothing.
 */
#include <stdio.h>

#include "casework/retention.h"
#include "cli/cli.h"
#include "cli/records.h"

struct retention_opts {
    kdate on;
    int dry_run;
};

static const struct cli_opt retention_opts[] = {
    {"on", OPT_DATE, offsetof(struct retention_opts, on), "DATE",
     "run as on this day (default: today)"},
    {"dry-run", OPT_BOOL, offsetof(struct retention_opts, dry_run), NULL,
     "say what would be anonymised, and change nothing"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_retention(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct retention_opts *o = opts;
    struct actor who = cli_actor(c);
    kdate on = o->on == DATE_NONE ? who.today : o->on;
    struct retention_run r;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc =
        cw_application_retention(c->store, &who, on, o->dry_run != 0, &c->arena, &r, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    for (size_t i = 0; i < r.applications; i++)
        cli_printf(c, "%s\n", r.refs[i]);
    fprintf(stderr,
            "kith: on %s, with applications kept %d months after their vacancy closed: %zu "
            "applications of %zu vacancies %s, %zu with a CV\n",
            cli_date(c, on), r.months, r.applications, r.vacancies,
            o->dry_run ? "would be anonymised" : "anonymised", r.cvs);
    return KITH_OK;
}

static const struct cli_command recruit_sub[] = {
    {.name = "retention",
     .summary = "anonymise applications kept past the retention period",
     .usage = "[--on DATE] [--dry-run]",
     .description = "Anonymises every application whose vacancy closed longer ago than the "
                    "council's\nretention period (kith settings set application-retention-"
                    "months N; 6 when\nnot set): the applicant's details, CV and the "
                    "recruiters' notes go, from the\nrecord and its history; the stage and "
                    "dates stay for the pipeline's figures.\nPrints each application's "
                    "reference; every one is in the audit trail.",
     .flags = CLI_DB_WRITE,
     .opts = retention_opts,
     .opts_size = sizeof(struct retention_opts),
     .run = run_retention},
    {0},
};

const struct cli_command cmd_recruit = {
    .name = "recruit",
    .summary = "the recruitment back office's jobs",
    .usage = "retention ...",
    .sub = recruit_sub,
};
