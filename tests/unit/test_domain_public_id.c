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
        uint64_t hi, lo;
        const char *id;
    } cases[] = {
        {0, 0, "00000000000000000000000000"},
        {0, 1, "00000000000000000000000001"},
        {0, 31, "0000000000000000000000000z"},
        {0, 32, "00000000000000000000000010"},
        {0, UINT64_MAX, "0000000000000fzzzzzzzzzzzz"}, /* the words meet mid-character */
        {1, 0, "0000000000000g000000000000"},
        {UINT64_MAX, UINT64_MAX, "7zzzzzzzzzzzzzzzzzzzzzzzzz"},
        {0x0123456789ABCDEFULL, 0xFEDCBA9876543210ULL, "014d2pf2dbsqqzxq5tk1v58cgg"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char out[PUBLIC_ID_LEN + 1];
        memset(out, 'x', sizeof(out));
        public_id_encode(cases[i].hi, cases[i].lo, out);
        assert_string_equal(out, cases[i].id);
        assert_true(public_id_valid(out));
    }
}

/* One valid id, and ids made from it by changing one character or the length. */
#define GOOD "0j8t5s7h9qpy5ka3mz6d2w0xbc"
#define BUT_LAST "0j8t5s7h9qpy5ka3mz6d2w0xb"

static void validity(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool valid;
    } cases[] = {
        {GOOD, true},
        {"7zzzzzzzzzzzzzzzzzzzzzzzzz", true},
        {"8zzzzzzzzzzzzzzzzzzzzzzzzz", false}, /* more than 128 bits */
        {"zzzzzzzzzzzzzzzzzzzzzzzzzz", false},
        {"0J8T5S7H9QPY5KA3MZ6D2W0XBC", false}, /* canonical ids are lower case */
        {BUT_LAST, false},
        {GOOD "y", false},
        {"", false},
        {"0j8t5s7h9qpy", false}, /* the old 60-bit length */
        {BUT_LAST "i", false},
        {BUT_LAST "l", false},
        {BUT_LAST "o", false},
        {BUT_LAST "u", false},
        {BUT_LAST " ", false},
        {BUT_LAST "-", false},
        {"\xc3\xa9j8t5s7h9qpy5ka3mz6d2w0x", false},
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
        {GOOD, GOOD},
        {"0J8T5S7H9QPY5KA3MZ6D2W0XBC", GOOD},
        {"Oj8t5s7h9qpy5ka3mz6d2w0xbc", GOOD},
        {BUT_LAST "I", BUT_LAST "1"},
        {BUT_LAST "L", BUT_LAST "1"},
        {BUT_LAST "u", NULL},
        {BUT_LAST, NULL},
        {GOOD "y", NULL},
        {"", NULL},
        {"LA000123", NULL},
        {"Zj8t5s7h9qpy5ka3mz6d2w0xbc", NULL}, /* first character past 7 */
        {"0j8t5s7h9qpy5ka3mz6d2w0-bc", NULL},
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
    int first_chars[32] = {0}, last_chars[32] = {0};
    for (int i = 0; i < N; i++) {
        public_id_new(ids[i]);
        assert_true(public_id_valid(ids[i]));
        first_chars[strchr(PUBLIC_ID_ALPHABET, ids[i][0]) - PUBLIC_ID_ALPHABET]++;
        last_chars[strchr(PUBLIC_ID_ALPHABET, ids[i][PUBLIC_ID_LEN - 1]) - PUBLIC_ID_ALPHABET]++;
    }
    qsort(ids, N, sizeof(ids[0]), cmp_ids);
    for (int i = 1; i < N; i++)
        assert_string_not_equal(ids[i - 1], ids[i]);
    /* The top character carries 3 random bits (0 to 7) and the last 5: every possible
     * letter turns up in 2000 draws (the chance one is missing is about
     * 32 * (31/32)^2000, below 1e-25). */
    for (int c = 0; c < 32; c++) {
        assert_int_equal(first_chars[c] > 0, c < 8);
        assert_true(last_chars[c] > 0);
    }
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
