/*
 * `kith workforce census`: the DfE children's social work workforce census of a year
 * (reference date 30 September) from the records (casework/workforce.h), written as the
 * DfE's XML or, for people, as CSV (report/csww_write.h). Every item comes from a record
 * kith keeps; stderr says which items kith cannot source, where kith's codes are read
 * into the DfE's, and how many workers lack an item their record could hold, so that the
 * file is filled in kith and never by hand. `kith workforce agency-return --quarter
 * 2026Q4`: the DfE's quarterly data on agency child and family social workers, a CSV line
 * for each agency assignment in force in the quarter (report/agency_return.h), read
 * through the use case that lets only those who manage staff see them and audits the read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/agency.h"
#include "casework/workforce.h"
#include "cli/cli.h"
#include "cli/records.h"
#include "core/str.h"
#include "report/agency_return.h"
#include "report/csww_write.h"

struct census_opts {
    const char *year, *format, *out;
};

static const struct cli_opt census_opts[] = {
    {"year", OPT_STR, offsetof(struct census_opts, year), "Y",
     "the census year, ending on 30 September of Y (default: the last one ended)"},
    {"format", OPT_STR, offsetof(struct census_opts, format), "FMT",
     "xml (the DfE's, default) or csv (the workers, for people)"},
    {"out", OPT_STR, offsetof(struct census_opts, out), "FILE",
     "write the file here (default: standard output)"},
    {NULL, 0, 0, NULL, NULL},
};

#define CENSUS_YEAR_MIN 2017 /* the first census of individual workers */
#define CENSUS_YEAR_MAX 2200

static enum kerr_code census_year(struct cli *c, const char *text, kdate today, int *year)
{
    int y = date_year(today);
    *year = today > csww_reference_date(y) ? y : y - 1;
    if (!text)
        return KITH_OK;
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v < CENSUS_YEAR_MIN || v > CENSUS_YEAR_MAX)
        return kerr_fail(&c->err, KITH_E_USAGE, "year",
                         "'%s' is not a census year: expected a year from %d, such as 2026 for "
                         "the year to 30 September 2026",
                         text, CENSUS_YEAR_MIN);
    *year = (int)v;
    return KITH_OK;
}

/* What the file leaves out or reads in kith's way, on stderr. */
static void tell(const struct csww_census *cs, const char *lea)
{
    char ref[DATE_ISO_LEN];
    fprintf(stderr,
            "kith: workforce census %d (to %s): %zu workers, %.2f vacancies, %lld agency "
            "workers (%.2f FTE)\n",
            cs->year, date_format_iso(cs->reference, ref), cs->nworkers, cs->vacancies,
            (long long)cs->agency_headcount, cs->agency_fte);
    if (cs->unregistered)
        fprintf(stderr,
                "kith: %zu workers of the year are left out: no Social Work England "
                "registration is recorded, and the census counts registered social workers\n",
                cs->unregistered);
    for (size_t i = 0; i < csww_gaps_len; i++)
        fprintf(stderr, "kith: %s: %s\n", csww_gaps[i].item, csww_gaps[i].why);
    if (cs->part_time_vacancies)
        fprintf(stderr, "kith: %lld part-time vacancies are counted as whole posts\n",
                (long long)cs->part_time_vacancies);
    for (size_t i = 0; i < csww_items_len; i++) {
        size_t n = csww_missing(cs, i);
        if (n && !strcmp(csww_items[i].name, "ContractWeeks"))
            fprintf(stderr,
                    "kith: ContractWeeks is left out for %zu agency workers: no agency "
                    "assignment of theirs in the year is recorded ('kith record add "
                    "agency_assignment')\n",
                    n);
        else if (n)
            fprintf(stderr,
                    "kith: %s is left out for %zu workers: not recorded, or a code the census "
                    "has none for ('kith worker show WORKER' names what each lacks)\n",
                    csww_items[i].name, n);
    }
    if (!lea)
        fprintf(stderr, "kith: the header has no source: set the council's DfE LA number with "
                        "'kith settings set la-code NNN'\n");
}

static enum kerr_code run_census(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct census_opts *o = opts;
    static const char *const formats[] = {"xml", "csv", NULL};
    int f;
    if (cli_choice(c, "format", o->format, formats, &f))
        return KITH_E_USAGE;
    bool csv = f == 1;
    struct actor who = cli_actor(c);
    int year;
    enum kerr_code rc = census_year(c, o->year, who.today, &year);
    if (rc)
        return rc;
    struct csww_census cs;
    const char *lea;
    struct cw_err err;
    cw_err_clear(&err);
    rc = cw_workforce_census(c->store, &who, year, &c->arena, &cs, &lea, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    struct str doc = STR_INIT;
    if (csv)
        csww_write_csv(&cs, &doc);
    else
        csww_write_xml(&cs, lea, who.now, &doc);
    if (o->out)
        rc = cli_write_whole(c, o->out, &doc);
    else
        fwrite(doc.buf, 1, doc.len, c->out);
    str_release(&doc);
    if (!rc)
        tell(&cs, lea);
    return rc;
}

struct return_opts {
    const char *quarter, *out;
};

static const struct cli_opt return_opts[] = {
    {"quarter", OPT_STR, offsetof(struct return_opts, quarter), "YYYYQN",
     "the quarter, like 2026Q4 (October to December 2026; required)"},
    {"out", OPT_STR, offsetof(struct return_opts, out), "FILE",
     "write the file here (default: standard output)"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_agency_return(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct return_opts *o = opts;
    kdate first, last;
    if (!o->quarter)
        return kerr_fail(&c->err, KITH_E_USAGE, "quarter",
                         "which quarter? --quarter: expected " AGENCY_QUARTER_EXPECT);
    if (!agency_quarter_parse(o->quarter, &first, &last))
        return kerr_fail(&c->err, KITH_E_USAGE, "quarter",
                         "'%s' is not a quarter: expected " AGENCY_QUARTER_EXPECT, o->quarter);
    struct actor who = cli_actor(c);
    struct agency_period p;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc =
        cw_agency_period(c->store, &who, first, last, "agency-return", &c->arena, &p, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    struct str csv = STR_INIT;
    agency_return_csv(&p, &csv);
    if (o->out)
        rc = cli_write_whole(c, o->out, &csv);
    else
        fwrite(csv.buf, 1, csv.len, c->out);
    str_release(&csv);
    if (!rc)
        fprintf(stderr, "kith: agency return %s: %zu assignments in force%s\n", o->quarter, p.n,
                p.lea ? "" : "; the la_code column is empty: 'kith settings set la-code NNN'");
    /* a rate with no cap to judge it by is said, never passed as within one */
    for (size_t i = 0; !rc && i < p.n; i++) {
        const struct agency_assignment *r = &p.rows[i];
        if (!agency_cap_find(&p.caps, p.region, r->role, r->start_date))
            fprintf(stderr,
                    "kith: assignment %s: %s; its over_cap is empty ('kith record add "
                    "agency_cap', docs/workforce.md)\n",
                    r->h.public_id,
                    agency_no_cap_text(&c->arena, p.region, r->role, r->start_date));
    }
    return rc;
}

static const struct cli_command workforce_sub[] = {
    {.name = "census",
     .summary = "the DfE workforce census of a year, from the records",
     .usage = "[--year Y] [--format xml|csv] [--out FILE]",
     .description = "Writes the children's social work workforce census of the year to 30 "
                    "September Y:\nthe council's vacancies and agency workers on that day, "
                    "and each social worker\nregistered with Social Work England who was in "
                    "post on it or started or left\nin the year, from their worker record, "
                    "allocations and absences. Kith's codes\nbecome the DfE's through one "
                    "table (docs/workforce.md). stderr says what is\nleft out and why. The "
                    "run is audited: the file holds personal details.",
     .flags = CLI_DB_WRITE, /* the run is audited */
     .opts = census_opts,
     .opts_size = sizeof(struct census_opts),
     .run = run_census},
    {.name = "agency-return",
     .summary = "the DfE's quarterly agency social worker data as CSV",
     .usage = "--quarter 2026Q4 [--out FILE]",
     .description = "One line for each agency assignment in force on any day of the quarter, "
                    "with its rate\nagainst the region's cap and the agency rules' items; "
                    "docs/workforce.md lists\nthe columns. Team managers and administrators "
                    "only; the read is audited.",
     .flags = CLI_DB_WRITE, /* the read is audited */
     .opts = return_opts,
     .opts_size = sizeof(struct return_opts),
     .run = run_agency_return},
    {0},
};

const struct cli_command cmd_workforce = {
    .name = "workforce",
    .summary = "the workforce's statutory returns",
    .usage = "census|agency-return ...",
    .sub = workforce_sub,
};
