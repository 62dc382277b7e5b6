/*
 * Agreement with the reference validator (data-to-insight's csc-validator-be-903) on the
 * public 903 sample in ../shared/data/peer/ssda903 (the CSV set, without
 * placed_for_adoption_errors.csv), collection year 2025/26, local authority E09000019, with
 * no last year's return, no postcode geography and no provider lists, as the reference was
 * run: kith's findings and the reference's, rule by rule, as sets of (rule, table, row,
 * child). Every rule must agree, except the differences listed below, each of which
 * docs/returns/differences.md explains. The table is printed, so a regression shows which
 * rule moved.
 *
 * The samples live outside the repository (PEER_DIR, set by meson to the source root's
 * ../shared/data/peer). Without them this test fails: it must not pass by checking nothing.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ret/rule.h"
#include "domain/ret/ssda903.h"
#include "report/csv.h"
#include "report/ssda903_read.h"

/* Known differences: kith's count, the reference's, and how many they share. */
static const struct difference {
    const char *rule;
    int kith, ref, common;
} differences[] = {
    /* Postcode rules: kith skips them without postcode geography; the reference runs them
     * as if every postcode were unknown. */
    {"1015", 0, 448, 0},
    {"169", 0, 4247, 0},
    {"179", 0, 4247, 0},
    {"392a", 0, 4017, 0},
    {"392c", 0, 5049, 0},
    /* 233: the reference reads a column the return does not have and stops. */
    {"233", 777, 0, 0},
};

struct key {
    char rule[16], table[32], row[12], child[64];
};

struct keys {
    struct key *v;
    size_t n, cap;
};

static void add_key(struct keys *k, const char *rule, const char *table, const char *row,
                    const char *child)
{
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 1024;
        k->v = realloc(k->v, k->cap * sizeof(*k->v));
        assert_non_null(k->v);
    }
    struct key *x = &k->v[k->n++];
    memset(x, 0, sizeof(*x)); /* keys compare as bytes */
    snprintf(x->rule, sizeof(x->rule), "%s", rule);
    snprintf(x->table, sizeof(x->table), "%s", table);
    snprintf(x->row, sizeof(x->row), "%s", row);
    snprintf(x->child, sizeof(x->child), "%s", child);
}

static int key_cmp(const void *a, const void *b) { return memcmp(a, b, sizeof(struct key)); }

static void read_expected(const char *path, struct keys *out)
{
    struct csv_read *c;
    struct kerr e = KERR_INIT;
    if (csv_open(&c, path, NULL, NULL, &e))
        fail_msg("cannot read %s: %s (is ../shared beside the clone?)", path, e.msg);
    assert_int_equal(csv_next(c, &e), 1); /* header */
    int rule = csv_find(c, "rule"), table = csv_find(c, "table"), row = csv_find(c, "row"),
        child = csv_find(c, "child");
    assert_true(rule >= 0 && table >= 0 && row >= 0 && child >= 0);
    int rc;
    while ((rc = csv_next(c, &e)) == 1)
        add_key(out, csv_field(c, (size_t)rule, NULL), csv_field(c, (size_t)table, NULL),
                csv_field(c, (size_t)row, NULL), csv_field(c, (size_t)child, NULL));
    assert_int_equal(rc, 0);
    csv_close(c);
}

static void run_kith(const char *dir, int year, struct keys *out, struct findings *f,
                     struct ruleset *set)
{
    struct ret r;
    ret_init(&r, &ret_kind_903);
    r.year = year;
    r.period_start = date_from_ymd(year - 1, 4, 1);
    r.period_end = date_from_ymd(year, 3, 31);
    struct kerr e = KERR_INIT;
    if (s903_read_dir(&r, dir, NULL, &e))
        fail_msg("cannot read %s: %s", dir, e.msg);
    s903_read_finish(&r);
    ruleset_for(set, &ret_kind_903, year);
    r.year = set->year;
    struct rinputs in = {.la = "E09000019"};
    rules_run(set, &r, &in, f);
    for (size_t i = 0; i < f->n; i++) {
        char row[12] = "";
        if (f->v[i].row >= 0)
            snprintf(row, sizeof(row), "%d", (int)f->v[i].row);
        add_key(out, f->v[i].rule->code, r.tables[f->v[i].table].def->name, row,
                ret_child(&r, f->v[i].table, f->v[i].row));
    }
    ret_release(&r);
}

static int count_rule(const struct keys *k, const char *rule)
{
    int n = 0;
    for (size_t i = 0; i < k->n; i++)
        n += !strcmp(k->v[i].rule, rule);
    return n;
}

static int count_common(const struct keys *a, const struct keys *b, const char *rule)
{
    int n = 0;
    for (size_t i = 0; i < a->n; i++)
        if (!strcmp(a->v[i].rule, rule) &&
            bsearch(&a->v[i], b->v, b->n, sizeof(struct key), key_cmp))
            n++;
    return n;
}

static bool skipped(const struct findings *f, const char *rule)
{
    for (size_t i = 0; i < f->nskipped; i++)
        if (!strcmp(f->skipped[i].rule->code, rule))
            return true;
    return false;
}

static void sample_2025_26(void **state)
{
    (void)state;
    const char *dir = getenv("PEER_DIR");
    if (!dir)
        fail_msg("PEER_DIR is not set: run this test through meson");
    char csv_dir[1024], expected[1024];
    snprintf(csv_dir, sizeof(csv_dir), "%s/ssda903", dir);
    snprintf(expected, sizeof(expected), "%s/expected/903-lac2025_26.csv", dir);
    struct keys kith = {0}, ref = {0};
    struct findings f;
    struct ruleset set;
    findings_init(&f);
    run_kith(csv_dir, 2026, &kith, &f, &set);
    read_expected(expected, &ref);
    qsort(kith.v, kith.n, sizeof(struct key), key_cmp);
    qsort(ref.v, ref.n, sizeof(struct key), key_cmp);

    int bad = 0, matched = 0, shown = 0;
    print_message("903 sample, 2025/26, E09000019: rule, kith, reference, common\n");
    for (int i = 0; i < set.n; i++) {
        const char *rule = set.rules[i]->code;
        int k = count_rule(&kith, rule), r = count_rule(&ref, rule);
        int common = count_common(&kith, &ref, rule);
        if (!k && !r)
            continue;
        const struct difference *d = NULL;
        for (size_t j = 0; j < N_ELEMS(differences); j++)
            if (!strcmp(differences[j].rule, rule))
                d = &differences[j];
        bool same = k == r && common == k;
        bool ok = d ? d->kith == k && d->ref == r && d->common == common : same;
        matched += same;
        shown++;
        print_message("  %-9s %5d %5d %5d  %s%s\n", rule, k, r, common,
                      same ? "matched"
                      : ok ? "differs (documented)"
                           : "DIFFERS",
                      skipped(&f, rule) ? ", skipped by kith" : "");
        bad += !ok;
    }
    print_message("  %d of %d rules with findings matched\n", matched, shown);
    for (size_t i = 0; i < ref.n; i++)
        if (!ruleset_find(&set, ref.v[i].rule)) {
            print_message("  reference rule %s is not in kith's set\n", ref.v[i].rule);
            bad++;
        }
    findings_release(&f);
    ruleset_release(&set);
    free(kith.v);
    free(ref.v);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_2025_26),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
