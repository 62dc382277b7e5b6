/*
 * `kith calendar`: the England and Wales working-day calendar that every statutory
 * timescale uses, exposed so that analysts and testers can check a deadline by hand.
 */
#include <string.h>

#include "cli/cli.h"
#include "core/workday.h"

static const char *const day_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

static enum kerr_code arg_date(struct cli *c, const char *what, const char *s, kdate *out)
{
    enum kerr_code rc = date_parse(s, what, out, &c->err);
    if (rc)
        c->err.code = KITH_E_USAGE;
    return rc ? KITH_E_USAGE : KITH_OK;
}

static enum kerr_code run_add(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    kdate from;
    long n;
    if (arg_date(c, "DATE", argv[0], &from) || cli_int_arg(c, "N", argv[1], -100000, 100000, &n))
        return KITH_E_USAGE;
    kdate to = workday_add(from, (int)n);
    char buf[DATE_ISO_LEN];
    cli_printf(c, "%s %s\n", date_format_iso(to, buf), day_names[date_weekday(to)]);
    return KITH_OK;
}

static enum kerr_code run_count(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    kdate from, to;
    if (arg_date(c, "FROM", argv[0], &from) || arg_date(c, "TO", argv[1], &to))
        return KITH_E_USAGE;
    cli_printf(c, "%d\n", workday_count(from, to));
    return KITH_OK;
}

static enum kerr_code run_holidays(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    long year;
    if (cli_int_arg(c, "YEAR", argv[0], DATE_MIN_YEAR, DATE_MAX_YEAR, &year))
        return KITH_E_USAGE;
    struct holiday h[HOLIDAYS_MAX_PER_YEAR];
    int n = holidays_in_year((int)year, h, HOLIDAYS_MAX_PER_YEAR);
    for (int i = 0; i < n; i++) {
        char buf[DATE_ISO_LEN];
        cli_printf(c, "%s  %-9s  %s\n", date_format_iso(h[i].date, buf),
                   day_names[date_weekday(h[i].date)], h[i].name);
    }
    return KITH_OK;
}

static const struct cli_command calendar_sub[] = {
    {.name = "add-working-days",
     .summary = "the date N working days after DATE (before it when N is negative)",
     .usage = "DATE N",
     .description = "Working days are Monday to Friday except England and Wales bank "
                    "holidays.\nDATE is YYYY-MM-DD or day/month/year. The answer is the N-th "
                    "working day after DATE,\nso a deadline \"within 15 working days of DATE\" "
                    "is on or before it.",
     .min_args = 2,
     .max_args = 2,
     .run = run_add},
    {.name = "working-days",
     .summary = "how many working days fall after FROM up to and including TO",
     .usage = "FROM TO",
     .description = "Counts the working days d with FROM < d <= TO; negative when TO is "
                    "before FROM.\nSo 'working-days D (add-working-days D N)' prints N.",
     .min_args = 2,
     .max_args = 2,
     .run = run_count},
    {.name = "holidays",
     .summary = "list the England and Wales bank holidays of YEAR",
     .usage = "YEAR",
     .min_args = 1,
     .max_args = 1,
     .run = run_holidays},
    {0},
};

const struct cli_command cmd_calendar = {
    .name = "calendar",
    .summary = "working days and bank holidays for statutory timescales",
    .usage = "COMMAND ARGS",
    .sub = calendar_sub,
};
