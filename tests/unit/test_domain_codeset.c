/* Code sets: every set well formed, year changes, relabels, exact matching, vocabularies,
 * collection years. */
#include "test.h"

#include <string.h>

#include "domain/codeset.h"
#include "domain/record.h"

static bool valid(enum codeset_id id, const char *code, int year)
{
    return code_valid(id, code, strlen(code), year);
}

static void every_set_well_formed(void **state)
{
    (void)state;
    for (int id = 0; id < CODESET_COUNT; id++) {
        const struct codeset *s = codeset_get((enum codeset_id)id);
        assert_int_equal(s->id, id);
        assert_true(s->n > 0);
        assert_true(s->n <= CODESET_MAX_CODES);
        assert_non_null(s->name);
        assert_non_null(s->title);
        assert_non_null(s->item);
        assert_ptr_equal(codeset_find(s->name), s);
        for (int other = 0; other < id; other++)
            assert_string_not_equal(codeset_get((enum codeset_id)other)->name, s->name);
        for (int i = 0; i < s->n; i++) {
            const struct code *c = &s->codes[i];
            assert_non_null(c->code);
            assert_true(strlen(c->code) > 0);
            assert_non_null(c->label);
            assert_true(strlen(c->label) > 0);
            /* Labels read as words: no stray spaces at either end. */
            assert_true(c->label[0] != ' ' && c->label[strlen(c->label) - 1] != ' ');
            /* Codes are unique within a set, and every one finds its own row. */
            for (int j = 0; j < i; j++)
                assert_string_not_equal(s->codes[j].code, c->code);
            assert_int_equal(code_index(s->id, c->code, strlen(c->code)), i);
            assert_true(code_valid(s->id, c->code, strlen(c->code), 0));
            if (c->from && c->to)
                assert_true(c->from <= c->to);
            if (c->earlier_label)
                assert_true(c->label_from > 0);
            if (s->origin == CODESET_KITH)
                assert_true(c->from == 0 && c->to == 0 && !c->earlier_label);
            else
                assert_null(c->dfe_code);
        }
    }
    assert_null(codeset_find("no-such-set"));
    assert_null(codeset_find(""));
    assert_null(codeset_find(NULL));
}

/* The year changes statutory-data.md lists, each checked on both sides of the change. */
static void year_changes(void **state)
{
    (void)state;
    static const struct {
        enum codeset_id set;
        const char *code;
        int year;
        bool valid;
    } cases[] = {
        /* 903 placements: H5 and P2 withdrawn and K3 added in 2024/25; Z1 split in 2025/26. */
        {CS_903_PLACEMENT, "H5", 2024, true},
        {CS_903_PLACEMENT, "H5", 2025, false},
        {CS_903_PLACEMENT, "P2", 2024, true},
        {CS_903_PLACEMENT, "P2", 2025, false},
        {CS_903_PLACEMENT, "K3", 2024, false},
        {CS_903_PLACEMENT, "K3", 2025, true},
        {CS_903_PLACEMENT, "K3", 2027, true},
        {CS_903_PLACEMENT, "Z1", 2024, true},
        {CS_903_PLACEMENT, "Z1", 2025, true},
        {CS_903_PLACEMENT, "Z1", 2026, false},
        {CS_903_PLACEMENT, "Z11", 2025, false},
        {CS_903_PLACEMENT, "Z11", 2026, true},
        {CS_903_PLACEMENT, "Z12", 2026, true},
        {CS_903_PLACEMENT, "Z13", 2026, true},
        {CS_903_PLACEMENT, "Z14", 2026, true},
        {CS_903_PLACEMENT, "Z14", 2024, false},
        {CS_903_PLACEMENT, "Z1", 0, true},
        {CS_903_PLACEMENT, "Z11", 0, true},
        {CS_903_PLACEMENT, "U6", 2020, true},
        /* Sex replaces gender in 2024/25 in both returns. */
        {CS_SEX, "M", 2024, false},
        {CS_SEX, "M", 2025, true},
        {CS_SEX, "F", 2026, true},
        {CS_SEX, "U", 2025, true},
        {CS_SEX, "1", 2024, true},
        {CS_SEX, "2", 2023, true},
        {CS_SEX, "0", 2024, true},
        {CS_SEX, "9", 2024, true},
        {CS_SEX, "1", 2025, false},
        {CS_SEX, "9", 2025, false},
        {CS_903_SEX, "1", 2024, true},
        {CS_903_SEX, "2", 2024, true},
        {CS_903_SEX, "1", 2025, false},
        {CS_903_SEX, "M", 2024, false},
        {CS_903_SEX, "U", 2025, true},
        {CS_903_SEX, "0", 2024, false}, /* the 903 never had 0 or 9 */
        {CS_903_SEX, "9", 2024, false},
        /* CIN: RC9 and referral source 5D from 2022/23; 24A from 2021/22. */
        {CS_CIN_CLOSURE_REASON, "RC9", 2022, false},
        {CS_CIN_CLOSURE_REASON, "RC9", 2023, true},
        {CS_CIN_CLOSURE_REASON, "RC8", 2022, true},
        {CS_CIN_REFERRAL_SOURCE, "5D", 2022, false},
        {CS_CIN_REFERRAL_SOURCE, "5D", 2023, true},
        {CS_CIN_REFERRAL_SOURCE, "10", 2026, true},
        {CS_CIN_ASSESSMENT_FACTOR, "24A", 2021, false},
        {CS_CIN_ASSESSMENT_FACTOR, "24A", 2022, true},
        /* 18A/19A: still accepted (a query, not an error). */
        {CS_CIN_ASSESSMENT_FACTOR, "18A", 2026, true},
        {CS_CIN_ASSESSMENT_FACTOR, "19A", 2025, true},
        /* 903 social worker episodes from 2023/24. */
        {CS_903_SW_REASON, "MANAGE", 2023, false},
        {CS_903_SW_REASON, "MANAGE", 2024, true},
        {CS_903_SW_REASON, "OTHERS", 2027, true},
        /* The 903 has N1-N8 only; the CIN census adds N9 and N0. */
        {CS_903_CATEGORY_OF_NEED, "N9", 2026, false},
        {CS_CIN_PRIMARY_NEED, "N9", 2026, true},
        {CS_CIN_PRIMARY_NEED, "N0", 2026, true},
        /* Care leavers' accommodation: no fixed abode and custody are never suitable. */
        {CS_903_ACCOMMODATION, "S2", 2026, true},
        {CS_903_ACCOMMODATION, "S1", 2026, false},
        {CS_903_ACCOMMODATION, "X1", 2026, false},
        {CS_903_ACTIVITY, "F3", 2026, false}, /* split into F4/F5 */
        {CS_903_ACTIVITY, "F5", 2026, true},
        /* UPN unknown: the 903 has UN1-UN5, the CIN census UN1-UN7. */
        {CS_903_UPN_UNKNOWN, "UN6", 2026, false},
        {CS_UPN_UNKNOWN, "UN7", 2026, true},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        bool got = valid(cases[i].set, cases[i].code, cases[i].year);
        if (got != cases[i].valid)
            fail_msg("%s %s in %d: got %d", codeset_get(cases[i].set)->name, cases[i].code,
                     cases[i].year, got);
    }
}

/* Matching is exact: case, spaces, length and stray bytes all count. */
static void exact_matching(void **state)
{
    (void)state;
    static const struct {
        enum codeset_id set;
        const char *code;
        size_t len;
    } rejected[] = {
        {CS_903_PLACEMENT, "k3", 2},
        {CS_903_PLACEMENT, "K3 ", 3},
        {CS_903_PLACEMENT, " K3", 3},
        {CS_903_PLACEMENT, "K", 1},
        {CS_903_PLACEMENT, "K33", 3},
        {CS_903_PLACEMENT, "", 0},
        {CS_903_PLACEMENT, "K3\0", 3},
        {CS_SEX, "m", 1},
        {CS_SEX, "MM", 2},
        {CS_ETHNICITY, "wbri", 4},
        {CS_ETHNICITY, "Wbri", 4},
        {CS_ETHNICITY, "WBR", 3},
        {CS_ETHNICITY, "WBRIX", 5},
        {CS_CIN_YES_NO, "True", 4},
        {CS_CIN_YES_NO, "yes", 3},
        {CS_DISABILITY, "none", 4},
        {CS_903_SW_REASON, "manage", 6},
        {CS_NOTE_KIND, "Home-Visit", 10},
    };
    for (size_t i = 0; i < N_ELEMS(rejected); i++) {
        assert_int_equal(code_index(rejected[i].set, rejected[i].code, rejected[i].len), -1);
        assert_false(code_valid(rejected[i].set, rejected[i].code, rejected[i].len, 0));
    }
    /* The length given is what counts, not a NUL: "K3X" read as 2 bytes is K3. */
    assert_true(code_valid(CS_903_PLACEMENT, "K3X", 2, 2026));
    assert_false(code_valid(CS_903_PLACEMENT, NULL, 2, 2026));
    /* kith's codes are longer than the 8 bytes packed into the key: tails must still count. */
    assert_true(code_index(CS_ALLOCATION_END, "caseload-rebalanced", 19) >= 0);
    assert_int_equal(code_index(CS_ALLOCATION_END, "caseload-rebalance", 18), -1);
    assert_int_equal(code_index(CS_ALLOCATION_END, "caseload-rebalancedx", 20), -1);
    assert_int_equal(code_index(CS_ALLOCATION_END, "caseload", 8), -1);
    assert_true(code_index(CS_NOTE_KIND, "multi-agency-meeting", 20) >= 0);
    assert_true(code_index(CS_RELATIONSHIP, "step-sibling", 12) >= 0);
    assert_int_equal(code_index(CS_RELATIONSHIP, "step-siblin", 11), -1);
    /* Ids out of range find nothing rather than reading past the table. */
    assert_int_equal(code_index((enum codeset_id)CODESET_COUNT, "M", 1), -1);
    assert_int_equal(code_index((enum codeset_id) - 1, "M", 1), -1);
}

static void labels_by_year(void **state)
{
    (void)state;
    assert_string_equal(code_label(CS_CIN_PRIMARY_NEED, "N1", 2025), "Abuse or neglect");
    assert_string_equal(code_label(CS_CIN_PRIMARY_NEED, "N1", 2026),
                        "Abuse, neglect and exploitation");
    assert_string_equal(code_label(CS_CIN_PRIMARY_NEED, "N1", 2027),
                        "Abuse, neglect and exploitation");
    assert_string_equal(code_label(CS_CIN_PRIMARY_NEED, "N1", 0),
                        "Abuse, neglect and exploitation");
    assert_string_equal(code_label(CS_CIN_PRIMARY_NEED, "N2", 2020), "Child's disability");
    /* The 903's N1 was not relabelled with the CIN census. */
    assert_string_equal(code_label(CS_903_CATEGORY_OF_NEED, "N1", 2026), "Abuse or neglect");
    /* A withdrawn code still reads in words, so old records stay readable. */
    assert_string_equal(code_label(CS_903_PLACEMENT, "H5", 2026),
                        "Semi-independent living not subject to children's homes regulations");
    assert_string_equal(code_label(CS_SEX, "9", 2026), "Indeterminate");
    assert_null(code_label(CS_SEX, "X", 2026));
    assert_null(code_label(CS_SEX, NULL, 2026));
    assert_null(code_label(CS_SEX, "", 2026));

    /* Legacy factors carry the year their query starts. */
    const struct codeset *f = codeset_get(CS_CIN_ASSESSMENT_FACTOR);
    int a18 = code_index(CS_CIN_ASSESSMENT_FACTOR, "18A", 3);
    int a19 = code_index(CS_CIN_ASSESSMENT_FACTOR, "19A", 3);
    int b18 = code_index(CS_CIN_ASSESSMENT_FACTOR, "18B", 3);
    assert_int_equal(f->codes[a18].queried_from, 2025);
    assert_int_equal(f->codes[a19].queried_from, 2025);
    assert_int_equal(f->codes[b18].queried_from, 0);
}

static void index_queries(void **state)
{
    (void)state;
    int k3 = code_index(CS_903_PLACEMENT, "K3", 2);
    assert_true(k3 >= 0 && k3 < CODESET_MAX_CODES);
    assert_string_equal(codeset_get(CS_903_PLACEMENT)->codes[k3].code, "K3");
    assert_true(code_index_valid(CS_903_PLACEMENT, k3, 2025));
    assert_false(code_index_valid(CS_903_PLACEMENT, k3, 2024));
    assert_false(code_index_valid(CS_903_PLACEMENT, -1, 2025));
    assert_false(code_index_valid(CS_903_PLACEMENT, codeset_get(CS_903_PLACEMENT)->n, 0));
}

static void vocabularies(void **state)
{
    (void)state;
    static const struct {
        enum codeset_id set;
        int count;
    } vocab[] = {
        {CS_PERSON_KIND, PERSON_KIND_COUNT},    {CS_SERVICE, SERVICE_COUNT},
        {CS_WORKER_ROLE, ROLE_COUNT},           {CS_USER_ROLE, UROLE_COUNT},
        {CS_ALLOCATION_ROLE, ALLOC_ROLE_COUNT},
    };
    for (size_t i = 0; i < N_ELEMS(vocab); i++) {
        assert_int_equal(codeset_get(vocab[i].set)->n, vocab[i].count);
        for (int v = 0; v < vocab[i].count; v++) {
            assert_non_null(vocab_code(vocab[i].set, v));
            assert_non_null(vocab_label(vocab[i].set, v));
            assert_int_equal(vocab_parse(vocab[i].set, vocab_code(vocab[i].set, v)), v);
        }
        assert_null(vocab_code(vocab[i].set, vocab[i].count));
        assert_null(vocab_label(vocab[i].set, -1));
        assert_int_equal(vocab_parse(vocab[i].set, "no-such-value"), -1);
    }
    assert_string_equal(vocab_code(CS_SERVICE, SERVICE_FOSTERING), "fostering");
    assert_string_equal(vocab_code(CS_WORKER_ROLE, ROLE_IRO), "iro");
    assert_string_equal(vocab_label(CS_PERSON_KIND, PERSON_CHILD), "Child");
    assert_int_equal(vocab_parse(CS_USER_ROLE, "auditor"), UROLE_AUDITOR);
    assert_int_equal(vocab_parse(CS_ALLOCATION_ROLE, "cp-chair"), ALLOC_CP_CHAIR);
}

/* kith's allocation end reasons are reported as 903 SW_REASON codes that exist. */
static void kith_sets_map_to_dfe(void **state)
{
    (void)state;
    const struct codeset *s = codeset_get(CS_ALLOCATION_END);
    assert_int_equal(s->maps_to, CS_903_SW_REASON);
    int mapped = 0;
    for (int i = 0; i < s->n; i++) {
        const char *d = s->codes[i].dfe_code;
        if (!d)
            continue;
        mapped++;
        assert_true(valid(CS_903_SW_REASON, d, 2026));
    }
    assert_true(mapped >= 10);
    assert_true(valid(CS_NOTE_KIND, "home-visit", 0));
    assert_true(valid(CS_NOTE_KIND, "management-oversight", 2026));
    assert_true(valid(CS_RELATIONSHIP, "grandparent", 0));
    assert_true(valid(CS_RELATIONSHIP, "foster-carer", 0));
    assert_true(valid(CS_ALLOCATION_END, "worker-left", 0));
    assert_int_equal(codeset_get(CS_NOTE_KIND)->maps_to, -1);
}

static void sizes_from_the_spec(void **state)
{
    (void)state;
    /* Counts statutory-data.md states for each set. */
    assert_int_equal(codeset_get(CS_ETHNICITY)->n, 20);
    assert_int_equal(codeset_get(CS_DISABILITY)->n, 13);
    assert_int_equal(codeset_get(CS_CIN_REFERRAL_SOURCE)->n, 22);
    assert_int_equal(codeset_get(CS_CIN_PRIMARY_NEED)->n, 10);
    assert_int_equal(codeset_get(CS_CIN_CLOSURE_REASON)->n, 9);
    assert_int_equal(codeset_get(CS_903_LEGAL_STATUS)->n, 13);
    assert_int_equal(codeset_get(CS_903_REASON_CEASED)->n, 22);
    assert_int_equal(codeset_get(CS_903_PLACEMENT_CHANGE_REASON)->n, 12);
    assert_int_equal(codeset_get(CS_903_SW_REASON)->n, 10);
    /* The placement types valid in each year: 27 as the reference rule 146 lists them to
     * 2023/24; 26 in 2024/25 (H5 and P2 out, K3 in; the reference's 2024/25 list still has
     * H5 and P2, and K3 in lower case); 29 in 2025/26, as its 2025/26 list. */
    static const struct {
        int year, count;
    } place[] = {{2024, 27}, {2025, 26}, {2026, 29}};
    for (size_t i = 0; i < N_ELEMS(place); i++) {
        const struct codeset *s = codeset_get(CS_903_PLACEMENT);
        int n = 0;
        for (int k = 0; k < s->n; k++)
            n += code_in_year(&s->codes[k], place[i].year);
        assert_int_equal(n, place[i].count);
    }
}

static void collection_years(void **state)
{
    (void)state;
    assert_int_equal(collection_year(date_from_ymd(2025, 3, 31)), 2025);
    assert_int_equal(collection_year(date_from_ymd(2025, 4, 1)), 2026);
    assert_int_equal(collection_year(date_from_ymd(2026, 1, 10)), 2026);
    assert_int_equal(collection_year(date_from_ymd(2024, 2, 29)), 2024);
    char buf[16];
    assert_string_equal(collection_year_text(2026, buf, sizeof(buf)), "2025/26");
    assert_string_equal(collection_year_text(2000, buf, sizeof(buf)), "1999/00");
    assert_string_equal(collection_year_text(2010, buf, sizeof(buf)), "2009/10");
    static const struct {
        const char *in;
        int year; /* 0 = rejected */
    } parse[] = {
        {"2026", 2026}, {"2025/26", 2026}, {"2025-26", 2026}, {"1999/00", 2000}, {"2025/27", 0},
        {"26", 0},      {"20266", 0},      {"2025/2026", 0},  {"abcd", 0},       {"", 0},
        {"1989", 0},    {"2101", 0},       {"2025_26", 0},    {" 2026", 0},
    };
    for (size_t i = 0; i < N_ELEMS(parse); i++) {
        int y = -1;
        bool ok = collection_year_parse(parse[i].in, &y);
        assert_int_equal(ok, parse[i].year != 0);
        if (ok)
            assert_int_equal(y, parse[i].year);
    }
    assert_false(collection_year_parse(NULL, &(int){0}));
}

/* Codes longer than 8 bytes that share their first 8 must get different keys: the index
 * once keyed on those 8 bytes alone, so two such codes in one set fell into one slot under
 * every multiplier and building the index aborted ("no perfect hash"). */
static void long_codes_keyed_whole(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        bool same;
    } keys[] = {
        {"pp-meeting-a", "pp-meeting-b", false}, /* differ at byte 12 */
        {"abcdefgh", "abcdefghi", false},        /* one ends at the eighth byte */
        {"abcdefghij", "abcdefghji", false},     /* tails transposed */
        {"abcdefghX", "abcdefghY", false},       /* differ at byte 9 */
        {"WBRI", "WBRJ", false},
        {"stepped-down-to-family-help", "stepped-down-to-family-help", true},
        {"N0", "N0", true},
    };
    for (size_t i = 0; i < N_ELEMS(keys); i++) {
        uint64_t ka = code_key(keys[i].a, strlen(keys[i].a));
        uint64_t kb = code_key(keys[i].b, strlen(keys[i].b));
        assert_int_equal(ka == kb, keys[i].same);
    }
    /* Every code of every set is found at its own row through the index. */
    for (int id = 0; id < CODESET_COUNT; id++) {
        const struct codeset *s = codeset_get((enum codeset_id)id);
        for (int k = 0; k < s->n; k++)
            assert_int_equal(
                code_index((enum codeset_id)id, s->codes[k].code, strlen(s->codes[k].code)), k);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_set_well_formed), cmocka_unit_test(year_changes),
        cmocka_unit_test(exact_matching),        cmocka_unit_test(labels_by_year),
        cmocka_unit_test(index_queries),         cmocka_unit_test(vocabularies),
        cmocka_unit_test(kith_sets_map_to_dfe),  cmocka_unit_test(sizes_from_the_spec),
        cmocka_unit_test(collection_years),      cmocka_unit_test(long_codes_keyed_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
