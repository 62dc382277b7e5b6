/*
 * `kith rules`: the validation rules kith knows, by return and collection year, and one rule
 * in full. The listing is the rule tables themselves, so it cannot drift from what
 * `kith validate` runs.
 */
#include <stddef.h>
#include <string.h>

#include "cli/cli.h"
#include "core/str.h"
#include "domain/codeset.h"
#include "domain/ret/kinds.h"
#include "domain/ret/rule.h"

struct rules_opts {
    const char *year;
};

static const struct cli_opt rules_opts[] = {
    {"year", OPT_STR, offsetof(struct rules_opts, year), "Y",
     "collection year (2026 or 2025/26; default: the latest kith knows)"},
    {0},
};

static enum kerr_code parse_year(struct cli *c, const struct rules_opts *o,
                                 const struct ret_kind *k, int *year)
{
    *year = k ? ret_kind_last_year(k) : 0;
    if (o->year && !collection_year_parse(o->year, year))
        return kerr_fail(&c->err, KITH_E_USAGE, "year",
                         "'%s' is not a collection year: expected " COLLECTION_YEAR_EXPECTED,
                         o->year);
    return KITH_OK;
}

static const char *needs_text(unsigned needs)
{
    if (needs & NEEDS_LAST_YEAR)
        return "last year's return";
    if (needs & NEEDS_POSTCODES)
        return "postcode geography";
    if (needs & NEEDS_PROVIDERS)
        return "Ofsted provider lists";
    return "";
}

static enum kerr_code list_rules(struct cli *c, const struct ret_kind *k, int year)
{
    struct ruleset set;
    ruleset_for(&set, k, year);
    char a[8], b[8];
    int queries = 0;
    for (int i = 0; i < set.n; i++)
        queries += set.rules[i]->severity == RULE_QUERY;
    if (set.asked != set.year)
        fprintf(stderr, "kith: no %s rules are known for %s; these are those of %s\n", k->title,
                collection_year_text(set.asked, a, sizeof(a)),
                collection_year_text(set.year, b, sizeof(b)));
    cli_printf(c, "%s rules for %s: %d (%d errors, %d queries)\n\n", k->title,
               collection_year_text(set.year, a, sizeof(a)), set.n, set.n - queries, queries);
    /* The stage column only for returns whose rules have stages (the SSDA903). */
    bool staged = false;
    for (int i = 0; i < set.n; i++)
        staged |= set.rules[i]->stage != 0;
    static const int widths[] = {6, 8, 20, 5, 0};
    static const int widths_nostage[] = {6, 8, 20, 0};
    const char *head[] = {"rule", "severity", "table", "stage", "message"};
    const char *head_nostage[] = {"rule", "severity", "table", "message"};
    if (staged)
        cli_row(c->out, widths, 5, head);
    else
        cli_row(c->out, widths_nostage, 4, head_nostage);
    for (int i = 0; i < set.n; i++) {
        const struct rule *r = set.rules[i];
        char stage[4] = "";
        if (r->stage)
            snprintf(stage, sizeof(stage), "%d", r->stage);
        const char *cells[] = {r->code, rule_severity_name(r->severity), k->tables[r->table].name,
                               stage, r->message};
        const char *cells_nostage[] = {r->code, rule_severity_name(r->severity),
                                       k->tables[r->table].name, r->message};
        if (staged)
            cli_row(c->out, widths, 5, cells);
        else
            cli_row(c->out, widths_nostage, 4, cells_nostage);
    }
    ruleset_release(&set);
    return KITH_OK;
}

/* Print the years from `from` to `to` as "2022/23 to 2026/27" (or one year). */
static void print_span(FILE *out, int from, int to)
{
    char a[8], b[8];
    if (from == to)
        fprintf(out, "%s", collection_year_text(from, a, sizeof(a)));
    else
        fprintf(out, "%s to %s", collection_year_text(from, a, sizeof(a)),
                collection_year_text(to, b, sizeof(b)));
}

static bool show_in(struct cli *c, const struct ret_kind *k, const char *code, int year)
{
    struct ruleset set;
    ruleset_for(&set, k, year);
    const struct rule *r = ruleset_find(&set, code);
    bool in_force = r != NULL;
    /* Not in force that year: show the latest definition, and say so. */
    for (int y = k->nyears - 1; !r && y >= 0; y--) {
        ruleset_release(&set);
        ruleset_for(&set, k, k->years[y].year);
        r = ruleset_find(&set, code);
    }
    if (r) {
        char a[8];
        cli_printf(c, "%s  %s %s (%s)\n", r->code, k->title, rule_severity_name(r->severity),
                   collection_year_text(set.year, a, sizeof(a)));
        if (!in_force)
            cli_printf(c, "  not in force in %s\n", collection_year_text(year, a, sizeof(a)));
        cli_printf(c, "  table:   %s\n", k->tables[r->table].name);
        cli_printf(c, "  fields:  %s\n", r->fields);
        if (r->stage)
            cli_printf(c, "  stage:   %d (%s)\n", r->stage,
                       r->stage == 1 ? "within a table" : "across tables");
        if (r->needs)
            cli_printf(c, "  needs:   %s (skipped without it)\n", needs_text(r->needs));
        cli_printf(c, "  message: %s\n", r->message);
    }
    ruleset_release(&set);
    if (!r)
        return false;
    /* The years the code is in force, and the years its definition changed. */
    cli_printf(c, "  in force:");
    int first = 0, last = 0;
    const char *sep = " ";
    for (int y = 0; y < k->nyears; y++) {
        ruleset_for(&set, k, k->years[y].year);
        bool in = ruleset_find(&set, code) != NULL;
        ruleset_release(&set);
        if (in && !first)
            first = k->years[y].year;
        if (in)
            last = k->years[y].year;
        if ((!in || y == k->nyears - 1) && first) {
            cli_printf(c, "%s", sep);
            print_span(c->out, first, last);
            sep = ", ";
            first = 0;
        }
    }
    cli_printf(c, "\n  defined: ");
    sep = "";
    for (int y = 0; y < k->nyears; y++)
        for (int i = 0; i < k->years[y].nrules; i++)
            if (!strcmp(k->years[y].rules[i].code, code)) {
                char a[8];
                cli_printf(c, "%s%s", sep, collection_year_text(k->years[y].year, a, sizeof(a)));
                sep = ", changed ";
            }
    cli_printf(c, "\n");
    return true;
}

static enum kerr_code run_rules(struct cli *c, void *opts, int argc, char **argv)
{
    const struct rules_opts *o = opts;
    int year;
    if (!strcmp(argv[0], "show")) {
        if (argc != 2)
            return kerr_fail(&c->err, KITH_E_USAGE, NULL, "usage: kith rules show CODE");
        bool found = false;
        for (int i = 0; ret_kinds[i]; i++) {
            if (parse_year(c, o, ret_kinds[i], &year))
                return KITH_E_USAGE;
            if (found)
                cli_printf(c, "\n");
            found |= show_in(c, ret_kinds[i], argv[1], year);
        }
        if (!found)
            return kerr_fail(&c->err, KITH_E_NOT_FOUND, NULL,
                             "no rule '%s': 'kith rules cin' and 'kith rules 903' list them",
                             argv[1]);
        return KITH_OK;
    }
    const struct ret_kind *k = ret_kind_find(argv[0]);
    if (!k || argc != 1) {
        struct str names = STR_INIT;
        for (int i = 0; ret_kinds[i]; i++)
            str_addf(&names, "%s%s", i ? ", " : "", ret_kinds[i]->name);
        kerr_fail(&c->err, KITH_E_USAGE, NULL, "'%s' is not a return kith knows (%s) or 'show'",
                  argv[0], names.buf);
        str_release(&names);
        return KITH_E_USAGE;
    }
    if (parse_year(c, o, k, &year))
        return KITH_E_USAGE;
    return list_rules(c, k, year);
}

const struct cli_command cmd_rules = {
    .name = "rules",
    .summary = "list the DfE validation rules of a return, or show one",
    .usage = "RETURN [--year Y] | show CODE [--year Y]",
    .description = "RETURN is cin or 903. 'kith rules cin --year 2025' lists the rules of the\n"
                   "2024/25 census; 'kith rules show 8525Q' shows one rule and the years it is\n"
                   "in force.",
    .opts = rules_opts,
    .opts_size = sizeof(struct rules_opts),
    .min_args = 1,
    .max_args = 2,
    .run = run_rules,
};
