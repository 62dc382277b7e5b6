/* Public ids: encoding vectors, validity, normalising typed ids, and random ids. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "domain/public_id.h"

static void alphabet_has_no_look_alikes(void **state)
{
    (void)state;
    const char *al = PUBLIC_ID_ALPHABET;
    assert_int_equal(strlen(al), 32);
    for (size_t i = 0; i < 32; i++) {
        assert_null(strchr("ilou", al[i]));
        assert_true((al[i] >= '0' && al[i] <= '9') || (al[i] >= 'a' && al[i] <= 'z'));
        assert_ptr_equal(strchr(al, al[i]), al + i); /* no repeats */
    }
}

static void encode_vectors(void **state)
{
    (void)state;
    static const struct {
        uint64_t bits;
        const char *id;
    } cases[] = {
        {0, "000000000000"},
        {1, "000000000001"},
        {31, "00000000000z"},
        {32, "000000000010"},
        {(1ULL << 60) - 1, "zzzzzzzzzzzz"},
        {1ULL << 60, "000000000000"}, /* only the low 60 bits count */
        {0xFFFFFFFFFFFFFFFFULL, "zzzzzzzzzzzz"},
        {0x0123456789ABCDEULL, "04hmasw9nf6y"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char out[PUBLIC_ID_LEN + 1];
        memset(out, 'x', sizeof(out));
        public_id_encode(cases[i].bits, out);
        assert_string_equal(out, cases[i].id);
        assert_true(public_id_valid(out));
    }
}

static void validity(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool valid;
    } cases[] = {
        {"0j8t5s7h9qpy", true},  {"zzzzzzzzzzzz", true},   {"0J8T5S7H9QPY", false},
        {"0j8t5s7h9qp", false},  {"0j8t5s7h9qpyy", false}, {"", false},
        {"0j8t5s7h9qpi", false}, {"0j8t5s7h9qpl", false},  {"0j8t5s7h9qpo", false},
        {"0j8t5s7h9qpu", false}, {"0j8t5s7h9qp ", false},  {"0j8t5s7h9qp-", false},
        {"éj8t5s7h9qp", false},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        assert_int_equal(public_id_valid(cases[i].s), cases[i].valid);
}

static void normalising(void **state)
{
    (void)state;
    static const struct {
        const char *typed, *id; /* id NULL = not an id */
    } cases[] = {
        {"0j8t5s7h9qpy", "0j8t5s7h9qpy"},
        {"0J8T5S7H9QPY", "0j8t5s7h9qpy"},
        {"Oj8t5s7h9qpy", "0j8t5s7h9qpy"},
        {"0j8t5s7h9qpI", "0j8t5s7h9qp1"},
        {"0j8t5s7h9qpL", "0j8t5s7h9qp1"},
        {"0j8t5s7h9qpu", NULL},
        {"0j8t5s7h9qp", NULL},
        {"0j8t5s7h9qpyy", NULL},
        {"", NULL},
        {"LA000123", NULL},
        {"0j8t5s7h9q-y", NULL},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char out[PUBLIC_ID_LEN + 1];
        bool ok = public_id_normalize(cases[i].typed, out);
        assert_int_equal(ok, cases[i].id != NULL);
        assert_string_equal(out, cases[i].id ? cases[i].id : "");
    }
}

static int cmp_ids(const void *a, const void *b) { return strcmp(a, b); }

static void random_ids_are_valid_and_distinct(void **state)
{
    (void)state;
    enum { N = 2000 };
    static char ids[N][PUBLIC_ID_LEN + 1];
    int first_chars[32] = {0};
    for (int i = 0; i < N; i++) {
        public_id_new(ids[i]);
        assert_true(public_id_valid(ids[i]));
        first_chars[strchr(PUBLIC_ID_ALPHABET, ids[i][0]) - PUBLIC_ID_ALPHABET]++;
    }
    qsort(ids, N, sizeof(ids[0]), cmp_ids);
    for (int i = 1; i < N; i++)
        assert_string_not_equal(ids[i - 1], ids[i]);
    /* The top character carries 5 random bits too: every letter turns up in 2000 draws
     * (the chance one is missing is about 32 * (31/32)^2000, below 1e-25). */
    for (int c = 0; c < 32; c++)
        assert_true(first_chars[c] > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alphabet_has_no_look_alikes),
        cmocka_unit_test(encode_vectors),
        cmocka_unit_test(validity),
        cmocka_unit_test(normalising),
        cmocka_unit_test(random_ids_are_valid_and_distinct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
