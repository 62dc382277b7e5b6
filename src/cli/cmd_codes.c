/*
 * `kith codes`: the code sets, so that an analyst can see what a code means and in which
 * collection years it is valid without opening the DfE guides. Without a name it lists the
 * sets; with one it prints the set's codes, either all of them with the years each is valid
 * in, or (with --year) only those valid in that year with that year's labels.
 */
#include <string.h>

#include "cli/cli.h"
#include "domain/codeset.h"

struct codes_opts {
    const char *year;
};

static const struct cli_opt codes_opts[] = {
    {"year", OPT_STR, offsetof(struct codes_opts, year), "Y",
     "only codes valid in collection year Y: 2026 or 2025/26 (the year ending 31 March)"},
    {NULL, 0, 0, NULL, NULL},
};

static const char *const origin_names[] = {
    [CODESET_CIN] = "CIN",
    [CODESET_903] = "903",
    [CODESET_DFE] = "CIN, 903",
    [CODESET_KITH] = "kith",
};

static int count_in_year(const struct codeset *s, int year)
{
    int n = 0;
    for (int i = 0; i < s->n; i++)
        n += code_in_year(&s->codes[i], year);
    return n;
}

static void list_sets(struct cli *c, int year)
{
    char y[16];
    if (year)
        cli_printf(c, "code sets in collection year %s (1 April %d to 31 March %d)\n\n",
                   collection_year_text(year, y, sizeof(y)), year - 1, year);
    static const int widths[] = {30, 5, 8, 0};
    static const char *const head[] = {"name", "codes", "used in", "what it codes"};
    cli_row(c->out, widths, 4, head);
    for (int id = 0; id < CODESET_COUNT; id++) {
        const struct codeset *s = codeset_get((enum codeset_id)id);
        char count[16];
        snprintf(count, sizeof(count), "%d", count_in_year(s, year));
        const char *const row[] = {s->name, count, origin_names[s->origin], s->title};
        cli_row(c->out, widths, 4, row);
    }
    cli_printf(c, "\n'kith codes NAME' lists a set's codes; --year Y keeps those valid in Y.\n");
}

/* "all years", "from 2024/25", "to 2023/24", "2023/24 to 2024/25". */
static const char *years_text(const struct code *k, char *buf, size_t size)
{
    char a[16], b[16];
    if (!k->from && !k->to)
        snprintf(buf, size, "all years");
    else if (!k->to)
        snprintf(buf, size, "from %s", collection_year_text(k->from, a, sizeof(a)));
    else if (!k->from)
        snprintf(buf, size, "to %s", collection_year_text(k->to, b, sizeof(b)));
    else
        snprintf(buf, size, "%s to %s", collection_year_text(k->from, a, sizeof(a)),
                 collection_year_text(k->to, b, sizeof(b)));
    return buf;
}

static void show_set(struct cli *c, const struct codeset *s, int year)
{
    char y[16];
    int width = 4;
    for (int i = 0; i < s->n; i++) {
        int len = (int)strlen(s->codes[i].code);
        width = len > width ? len : width;
    }
    bool kith = s->origin == CODESET_KITH;
    cli_printf(c, "%s: %s\nused in: %s\n", s->name, s->title, s->item);
    if (year && !kith)
        cli_printf(c, "valid in collection year %s\n", collection_year_text(year, y, sizeof(y)));
    cli_printf(c, "\n");
    const struct codeset *maps = s->maps_to >= 0 ? codeset_get((enum codeset_id)s->maps_to) : NULL;
    for (int i = 0; i < s->n; i++) {
        const struct code *k = &s->codes[i];
        if (!code_in_year(k, year))
            continue;
        if (year || kith) {
            cli_printf(c, "%-*s  %s\n", width, k->code, code_label_in(k, year));
        } else {
            char yrs[48];
            cli_printf(c, "%-*s  %-18s  %s\n", width, k->code, years_text(k, yrs, sizeof(yrs)),
                       k->label);
            if (k->earlier_label)
                cli_printf(c, "%-*s  %-18s  (before %s: %s)\n", width, "", "",
                           collection_year_text(k->label_from, y, sizeof(y)), k->earlier_label);
        }
        const char *pad = year || kith ? "" : "                    "; /* the years column */
        if (k->note && !year)
            cli_printf(c, "%-*s  %s%s\n", width, "", pad, k->note);
        if (k->dfe_code && maps)
            cli_printf(c, "%-*s  %sreported as %s in %s\n", width, "", pad, k->dfe_code,
                       maps->name);
    }
}

static enum kerr_code run(struct cli *c, void *opts, int argc, char **argv)
{
    const struct codes_opts *o = opts;
    int year = 0;
    if (o->year && !collection_year_parse(o->year, &year))
        return kerr_fail(&c->err, KITH_E_USAGE, "year",
                         "'%s' is not a collection year: expected " COLLECTION_YEAR_EXPECTED,
                         o->year);
    if (argc == 0) {
        list_sets(c, year);
        return KITH_OK;
    }
    const struct codeset *s = codeset_find(argv[0]);
    if (!s)
        return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                         "no code set '%s': 'kith codes' lists the sets", argv[0]);
    show_set(c, s, year);
    return KITH_OK;
}

const struct cli_command cmd_codes = {
    .name = "codes",
    .summary = "list the code sets, or one set's codes and labels by collection year",
    .usage = "[NAME] [--year Y]",
    .description =
        "The DfE code sets of the CIN census and the SSDA903, and kith's own sets, with\n"
        "each code's label and the collection years it is valid in. A collection year is the\n"
        "year ending 31 March: 2026 or 2025/26 means 1 April 2025 to 31 March 2026. Codes\n"
        "match exactly: 'k3' is not 'K3'. docs/codesets.md says where each set comes from.",
    .opts = codes_opts,
    .opts_size = sizeof(struct codes_opts),
    .min_args = 0,
    .max_args = 1,
    .run = run,
};
