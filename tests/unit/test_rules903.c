/*
 * The SSDA903 rules, each against small tables: the rows it must flag and the rows it must
 * not. The cases live in rules903_cases_*.c, one file per rule group; this file loads each
 * case's tables, runs the rule version of the case's year, and compares the flagged rows.
 * A last check makes sure that every rule in the registry has at least one case.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/refdata.h"
#include "domain/ret/ssda903_rules.h"
#include "rules903_cases.h"

extern const struct case903 cases903_child[], cases903_reviews[], cases903_episodes[],
    cases903_geo[], cases903_oc2[], cases903_oc3[], cases903_adoption[], cases903_missing[],
    cases903_perm[], cases903_sw[], cases903_dolo[], cases903_last[], cases903_int[];

static const struct case903 *const groups[] = {
    cases903_child, cases903_reviews,  cases903_episodes, cases903_geo,  cases903_oc2,
    cases903_oc3,   cases903_adoption, cases903_missing,  cases903_perm, cases903_sw,
    cases903_dolo,  cases903_last,     cases903_int,
};

/* Split a line at commas (the cases never quote). */
static int split(char *line, const char **cells, size_t *lens, int max)
{
    int n = 0;
    for (char *p = line;;) {
        char *c = strchr(p, ',');
        if (n < max) {
            cells[n] = p;
            lens[n] = c ? (size_t)(c - p) : strlen(p);
        }
        n++;
        if (!c)
            break;
        p = c + 1;
    }
    return n;
}

/* Reference data a case may give: "[Postcodes]" rows pcd,laua,utla,east,north and
 * "[Providers]" rows urn,places,providers,reg_end,pcd,la (codes separated by spaces). */
struct refs {
    struct postcode_geo geo;
    struct provider_list prov;
    bool has_geo, has_prov;
};

static struct refs *refs_now; /* the case being loaded */

static void copy_cell(char *out, size_t size, const char *p, size_t n)
{
    snprintf(out, size, "%.*s", (int)n, p);
}

static void load_refs(const char *name, char **lines, int nlines)
{
    struct refs *rf = refs_now;
    for (int i = 1; i < nlines; i++) {
        const char *cells[8];
        size_t clen[8];
        int nc = split(lines[i], cells, clen, 8);
        if (!strcmp(name, "Postcodes")) {
            struct postcode_place pl = {.east = INT32_MIN, .north = INT32_MIN};
            char buf[32];
            copy_cell(buf, sizeof(buf), cells[0], clen[0]);
            postcode_norm(buf, pl.pcd);
            copy_cell(pl.laua, sizeof(pl.laua), cells[1], clen[1]);
            copy_cell(pl.utla, sizeof(pl.utla), cells[2], clen[2]);
            if (nc > 4 && clen[3]) {
                pl.east = (int32_t)strtol(cells[3], NULL, 10);
                pl.north = (int32_t)strtol(cells[4], NULL, 10);
            }
            postcode_geo_add(&rf->geo, &pl);
            rf->has_geo = true;
        } else {
            struct provider pv = {.reg_end = DATE_NONE};
            char buf[128];
            copy_cell(pv.urn, sizeof(pv.urn), cells[0], clen[0]);
            /* provider_list_add makes the bit sets from these lists */
            copy_cell(pv.place_codes, sizeof(pv.place_codes), cells[1], clen[1]);
            copy_cell(pv.provider_codes, sizeof(pv.provider_codes), cells[2], clen[2]);
            if (clen[3])
                date_scan_dmy(cells[3], clen[3], &pv.reg_end);
            copy_cell(buf, sizeof(buf), cells[4], clen[4]);
            postcode_norm(buf, pv.pcd);
            copy_cell(pv.la, sizeof(pv.la), cells[5], clen[5]);
            provider_list_add(&rf->prov, &pv);
            rf->has_prov = true;
        }
    }
}

/* Load one block into the return of its year: the given columns, the rest blank. */
static void load_block(struct ret *cur, struct ret *last, const char *name, char **lines,
                       int nlines)
{
    if (!strcmp(name, "Postcodes") || !strcmp(name, "Providers")) {
        load_refs(name, lines, nlines);
        return;
    }
    char tname[64];
    snprintf(tname, sizeof(tname), "%s", name);
    struct ret *r = cur;
    char *suffix = strstr(tname, "_last");
    if (suffix) {
        *suffix = '\0';
        r = last;
    }
    int t = ret_kind_table(&ret_kind_903, tname);
    if (t < 0)
        fail_msg("unknown table '%s'", name);
    const struct rtable_def *def = &ret_kind_903.tables[t];
    const char *given[RTABLE_MAX_COLS];
    size_t glen[RTABLE_MAX_COLS];
    int ng = split(lines[0], given, glen, RTABLE_MAX_COLS);
    int where[RTABLE_MAX_COLS];
    for (int g = 0; g < ng; g++) {
        char col[64];
        snprintf(col, sizeof(col), "%.*s", (int)glen[g], given[g]);
        where[g] = rtable_col(def, col);
        if (where[g] < 0)
            fail_msg("table %s has no column '%s'", name, col);
    }
    for (int i = 1; i < nlines; i++) {
        const char *cells[RTABLE_MAX_COLS];
        size_t clen[RTABLE_MAX_COLS];
        int nc = split(lines[i], cells, clen, RTABLE_MAX_COLS);
        if (nc != ng)
            fail_msg("%s row %d has %d cells, header %d", name, i, nc, ng);
        int32_t row = ret_add_row(r, t, i + 1);
        for (int g = 0; g < ng; g++)
            ret_set(r, t, row, where[g], cells[g], clen[g]);
    }
}

static void load(struct ret *cur, struct ret *last, const char *text)
{
    char *buf = strdup(text);
    char *lines[256];
    int n = 0;
    char *name = NULL;
    for (char *p = buf; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (*p == '[') {
            if (name)
                load_block(cur, last, name, lines, n);
            name = p + 1;
            name[strcspn(name, "]")] = '\0';
            n = 0;
        } else if (*p && n < 256) {
            lines[n++] = p;
        }
        p = nl ? nl + 1 : NULL;
    }
    if (name)
        load_block(cur, last, name, lines, n);
    free(buf);
}

static void setup_year(struct ret *r, int year)
{
    ret_init(r, &ret_kind_903);
    r->year = year;
    r->period_start = date_from_ymd(year - 1, 4, 1);
    r->period_end = date_from_ymd(year, 3, 31);
    r->source = RET_FROM_CSV;
}

static bool has_last(const char *tables) { return strstr(tables, "_last]") != NULL; }

static bool run_case(const struct case903 *c)
{
    struct ret cur, last;
    struct refs rf = {0};
    postcode_geo_init(&rf.geo);
    provider_list_init(&rf.prov);
    refs_now = &rf;
    setup_year(&cur, c->year);
    setup_year(&last, c->year - 1);
    load(&cur, &last, c->tables);
    s903_derive_uasc(&cur);
    s903_derive_uasc(&last);
    struct ruleset set;
    ruleset_for(&set, &ret_kind_903, c->year);
    const struct rule *rule = ruleset_find(&set, c->code);
    if (!rule || set.year != c->year)
        fail_msg("no rule %s in %d", c->code, c->year);
    struct rinputs in = {.last_year = has_last(c->tables) ? &last : NULL,
                         .postcodes = rf.has_geo ? &rf.geo : NULL,
                         .providers = rf.has_prov ? &rf.prov : NULL,
                         .la = CASE903_LA};
    struct findings f;
    findings_init(&f);
    void *prep = ret_kind_903.prepare(&cur, &in);
    struct rctx ctx = {.r = &cur, .in = &in, .rule = rule, .out = &f, .prep = prep};
    rule->check(&ctx);
    ret_kind_903.unprepare(prep);
    findings_sort(&f, &cur);
    /* "Table:rows" in table order, rows ascending */
    struct str got = STR_INIT;
    for (int t = 0; t < T903_COUNT; t++) {
        bool first = true;
        for (size_t i = 0; i < f.n; i++) {
            if (f.v[i].table != t)
                continue;
            if (f.v[i].row < 0 || f.v[i].row >= cur.tables[t].nrows) {
                str_addf(&got, "%s%s:-", got.len ? " " : "", ret_kind_903.tables[t].name);
                continue;
            }
            if (first)
                str_addf(&got, "%s%s:", got.len ? " " : "", ret_kind_903.tables[t].name);
            str_addf(&got, "%s%d", first ? "" : ",", (int)f.v[i].row);
            first = false;
        }
    }
    bool ok = !strcmp(got.buf, c->want);
    if (!ok)
        fprintf(stderr, "rule %s (%d): flagged \"%s\", want \"%s\"\ntables:\n%s\n", c->code,
                c->year, got.buf, c->want, c->tables);
    str_release(&got);
    findings_release(&f);
    ruleset_release(&set);
    ret_release(&cur);
    ret_release(&last);
    postcode_geo_release(&rf.geo);
    provider_list_release(&rf.prov);
    return ok;
}

static void every_case(void **state)
{
    (void)state;
    int failed = 0, run = 0;
    for (size_t g = 0; g < N_ELEMS(groups); g++)
        for (const struct case903 *c = groups[g]; c->code; c++, run++)
            failed += !run_case(c);
    if (failed)
        fprintf(stderr, "%d of %d cases failed\n", failed, run);
    assert_int_equal(failed, 0);
}

/* Every rule of every year's set has a case run in a year whose set has that same rule. */
static void every_rule_has_cases(void **state)
{
    (void)state;
    int missing = 0;
    struct ruleset sets[5];
    for (int y = 2023; y <= 2027; y++)
        ruleset_for(&sets[y - 2023], &ret_kind_903, y);
    for (int y = 2023; y <= 2027; y++) {
        const struct ruleset *s = &sets[y - 2023];
        for (int i = 0; i < s->n; i++) {
            bool found = false;
            for (size_t g = 0; g < N_ELEMS(groups) && !found; g++)
                for (const struct case903 *c = groups[g]; c->code && !found; c++)
                    found = c->year >= 2023 && c->year <= 2027 &&
                            ruleset_find(&sets[c->year - 2023], c->code) == s->rules[i];
            if (!found) {
                fprintf(stderr, "rule %s of %d has no case\n", s->rules[i]->code, y);
                missing++;
            }
        }
    }
    for (int y = 2023; y <= 2027; y++)
        ruleset_release(&sets[y - 2023]);
    assert_int_equal(missing, 0);
}

/* The rule sets hold the reference tool's rule counts per year (DfE rules and its own). */
static void counts_per_year(void **state)
{
    (void)state;
    static const struct {
        int year;
        int count;
    } want[] = {{2023, 293}, {2024, 312}, {2025, 305}, {2026, 311}, {2027, 322}};
    for (size_t k = 0; k < N_ELEMS(want); k++) {
        struct ruleset s;
        ruleset_for(&s, &ret_kind_903, want[k].year);
        assert_int_equal(s.year, want[k].year);
        assert_int_equal(s.n, want[k].count);
        ruleset_release(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case),
        cmocka_unit_test(every_rule_has_cases),
        cmocka_unit_test(counts_per_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
