/*
 * Agreement with the reference validator (data-to-insight's csc-validator-be-cin) on the
 * public CIN samples in ../shared/data/peer: kith's findings and the reference's, rule by
 * rule, as sets of (rule, module, row, child). Every rule must agree, except the differences
 * listed below, each of which docs/returns/differences.md explains (kith follows the DfE's
 * rule there). The table is printed, so a regression shows which rule moved.
 *
 * The samples live outside the repository (PEER_DIR, set by meson to the source root's
 * ../shared/data/peer). Without them this test fails: it must not pass by checking nothing.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/ret/cin.h"
#include "report/cin_read.h"
#include "report/csv.h"

/* Known differences: kith's count, the reference's, and how many they share. */
static const struct difference {
    const char *file, *rule;
    int kith, ref, common;
} differences[] = {
    /* 2887Q: the sample uses 12 different disability codes; the reference counts NONE rows. */
    {"fake_CIN_data.xml", "2887Q", 0, 1, 0},
    /* 8569Q: a referral on the working day before the census start may be NFA. */
    {"fake_CIN_data.xml", "8569Q", 320, 321, 320},
    /* 8565: the CP plan ending after the closure is reported (the reference never checks). */
    {"CIN_Census_2026.xml", "8565", 3, 2, 2},
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
        k->cap = k->cap ? 2 * k->cap : 256;
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

/* The reference's findings file, as keys. */
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

static void run_kith(const char *path, int year, struct keys *out)
{
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    if (cin_read_file(&r, path, NULL, NULL, &e))
        fail_msg("cannot read %s: %s", path, e.msg);
    cin_set_period(&r, year);
    struct ruleset set;
    ruleset_for(&set, &ret_kind_cin, year);
    r.year = set.year;
    struct findings f;
    findings_init(&f);
    rules_run(&set, &r, NULL, &f);
    for (size_t i = 0; i < f.n; i++) {
        char row[12] = "";
        if (f.v[i].row >= 0)
            snprintf(row, sizeof(row), "%d", (int)f.v[i].row);
        add_key(out, f.v[i].rule->code, r.tables[f.v[i].table].def->name, row,
                ret_child(&r, f.v[i].table, f.v[i].row));
    }
    findings_release(&f);
    ruleset_release(&set);
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

static int agree(const char *file, const char *expected, int year)
{
    const char *dir = getenv("PEER_DIR");
    if (!dir)
        fail_msg("PEER_DIR is not set: run this test through meson");
    char xml[1024], csv[1024];
    snprintf(xml, sizeof(xml), "%s/cin/%s", dir, file);
    snprintf(csv, sizeof(csv), "%s/expected/%s", dir, expected);
    struct keys kith = {0}, ref = {0};
    run_kith(xml, year, &kith);
    read_expected(csv, &ref);
    qsort(kith.v, kith.n, sizeof(struct key), key_cmp);
    qsort(ref.v, ref.n, sizeof(struct key), key_cmp);

    /* Every rule either side reports. */
    struct ruleset set;
    ruleset_for(&set, &ret_kind_cin, year);
    int bad = 0, matched = 0;
    print_message("%s (%d/%02d rules): rule, kith, reference, common\n", file, year - 1,
                  year % 100);
    for (int i = 0; i < set.n; i++) {
        const char *rule = set.rules[i]->code;
        int k = count_rule(&kith, rule), r = count_rule(&ref, rule);
        int common = count_common(&kith, &ref, rule);
        if (!k && !r)
            continue;
        const struct difference *d = NULL;
        for (size_t j = 0; j < N_ELEMS(differences); j++)
            if (!strcmp(differences[j].file, file) && !strcmp(differences[j].rule, rule))
                d = &differences[j];
        bool same = k == r && common == k;
        bool ok = d ? d->kith == k && d->ref == r && d->common == common : same;
        matched += same;
        print_message("  %-6s %5d %5d %5d  %s\n", rule, k, r, common,
                      same ? "matched"
                      : ok ? "differs (documented)"
                           : "DIFFERS");
        bad += !ok;
    }
    print_message("  %d rules matched\n", matched);
    /* No rule outside the set may appear in the reference's file. */
    for (size_t i = 0; i < ref.n; i++)
        if (!ruleset_find(&set, ref.v[i].rule)) {
            print_message("  reference rule %s is not in kith's set\n", ref.v[i].rule);
            bad++;
        }
    ruleset_release(&set);
    free(kith.v);
    free(ref.v);
    return bad;
}

static void fake_cin_data_2024_25(void **state)
{
    (void)state;
    assert_int_equal(agree("fake_CIN_data.xml", "cin-fake_CIN_data-cin2024_25.csv", 2025), 0);
}

static void cin_census_2026_2025_26(void **state)
{
    (void)state;
    assert_int_equal(agree("CIN_Census_2026.xml", "cin-CIN_Census_2026-cin2025_26.csv", 2026), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fake_cin_data_2024_25),
        cmocka_unit_test(cin_census_2026_2025_26),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
