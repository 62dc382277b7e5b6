/* The child's identifiers and duplicate scoring (domain/ident.c, domain/dupes.c): NHS
 * numbers as typed, each with the problem found (the check digit 10 that no number has, a
 * wrong check digit, a length, a letter); names that sound alike and names that do not;
 * and candidates scored against what was typed, with the reasons each must give. NHS
 * numbers here are synthetic: 999 numbers are never issued, 943 476 5919 and
 * 401 023 2137 are the NHS's published examples. */
#include "test.h"

#include <string.h>

#include "domain/dupes.h"
#include "domain/ident.h"

static void nhs_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *typed;
        enum nhs_problem want;
        const char *digits; /* what is kept when it is read */
    } cases[] = {
        {"9434765919", NHS_OK, "9434765919"},
        {"943 476 5919", NHS_OK, "9434765919"},
        {"943-476-5919", NHS_OK, "9434765919"},
        {"4010232137", NHS_OK, "4010232137"},
        {"9990000018", NHS_OK, "9990000018"},
        {"0000000000", NHS_OK, "0000000000"}, /* check 11 reads as 0 */
        {"9434765918", NHS_BAD_CHECK, ""},    /* one off */
        {"9434765910", NHS_BAD_CHECK, ""},
        {"9990000000", NHS_CHECK_TEN, ""}, /* 999000000 gives a check of 10 */
        {"1234567890", NHS_CHECK_TEN, ""}, /* so does 123456789 */
        {"1234567891", NHS_CHECK_TEN, ""},
        {"943476591", NHS_BAD_LENGTH, ""},
        {"94347659190", NHS_BAD_LENGTH, ""},
        {"", NHS_BAD_LENGTH, ""},
        {"   ", NHS_BAD_LENGTH, ""},
        {"943476591O", NHS_NOT_DIGITS, ""}, /* a letter O for a zero */
        {"943.476.5919", NHS_NOT_DIGITS, ""},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char out[NHS_NUMBER_LEN + 1];
        enum nhs_problem got = nhs_number_read(cases[i].typed, strlen(cases[i].typed), out);
        if (got != cases[i].want || strcmp(out, cases[i].digits))
            fail_msg("'%s': got %d '%s' (%s), expected %d", cases[i].typed, (int)got, out,
                     nhs_problem_text(got), (int)cases[i].want);
    }
    assert_int_equal(nhs_check_digit("943476591"), 9);
    assert_int_equal(nhs_check_digit("999000000"), 10);
    assert_string_equal(nhs_problem_text(NHS_CHECK_TEN),
                        "is not an NHS number: its first nine digits give no check digit");
}

static void sound_keys(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        bool same;
    } pairs[] = {
        {"Mohammed", "Muhammad", true},
        {"Mohamed", "Mohammad", true},
        {"Muhammed", "MOHAMMED", true},
        {"Katherine", "Catherine", true},
        {"Kathryn", "Catherine", true},
        {"Sophie", "Sofia", true},
        {"Aisha", "Ayesha", true},
        {"O'Brien", "OBrien", true},
        {"Zoë", "Zoe", true},
        {"Smith", "Smyth", true},
        /* Soundex's known over-reach: Mahmood is another name, yet codes as Mohammed does;
         * a sound-alike name is worth 9 or 12 points, never enough alone */
        {"Mohammed", "Mahmood", true},
        {"Smith", "Jones", false},
        {"Ada", "Eve", false},
        {"Lee", "Leigh", true},
    };
    for (size_t i = 0; i < N_ELEMS(pairs); i++) {
        char x[DUP_KEY_LEN + 1], y[DUP_KEY_LEN + 1];
        dup_sound_key(pairs[i].a, x);
        dup_sound_key(pairs[i].b, y);
        if ((strcmp(x, y) == 0) != pairs[i].same)
            fail_msg("%s (%s) and %s (%s) should %s", pairs[i].a, x, pairs[i].b, y,
                     pairs[i].same ? "sound the same" : "differ");
    }
    char k[DUP_KEY_LEN + 1];
    dup_sound_key("-- '", k);
    assert_string_equal(k, "");
    dup_sound_key("Wolfeschlegelsteinhausenbergerdorff", k);
    assert_int_equal(strlen(k), DUP_KEY_LEN);
}

#define D(y, m, d) date_from_ymd(y, m, d)

static void scoring(void **state)
{
    (void)state;
    const struct dup_person known = {.given = "Muhammad",
                                     .family = "Khan",
                                     .dob = D(2015, 3, 7),
                                     .nhs = "9434765919",
                                     .upn = "A123456789012",
                                     .postcode = "N1 9GU"};
    const struct {
        struct dup_person typed;
        bool shown;
        const char *reasons[5]; /* each must be among the candidate's */
    } cases[] = {
        /* the NHS number alone is enough */
        {{.given = "Ali", .family = "Smith", .dob = DATE_NONE, .nhs = "9434765919"},
         true,
         {"same NHS number"}},
        /* a different NHS number outweighs the rest */
        {{.given = "Muhammad", .family = "Khan", .dob = D(2015, 3, 7), .nhs = "4010232137"},
         false,
         {"different NHS numbers", "same date of birth"}},
        /* sound-alike given name and the date of birth */
        {{.given = "Mohammed", .family = "Khan", .dob = D(2015, 3, 7)},
         true,
         {"given name sounds the same: Mohammed and Muhammad", "same family name",
          "same date of birth"}},
        /* given and family swapped, day and month swapped */
        {{.given = "Khan", .family = "Mohammed", .dob = D(2015, 7, 3)},
         true,
         {"given and family names swapped (Khan Mohammed and Muhammad Khan)",
          "date of birth with day and month swapped (03/07 and 07/03)"}},
        /* the UPN, in lower case */
        {{.given = "M", .family = "K", .dob = DATE_NONE, .upn = "a123456789012"},
         true,
         {"same UPN"}},
        /* both names exactly are enough to be shown (35), with the district said; one name
         * alone is not */
        {{.given = "Muhammad", .family = "Khan", .dob = DATE_NONE, .postcode = "N1 7AA"},
         true,
         {"same family name", "same given name", "same postcode district (N1)"}},
        {{.given = "Muhammad", .family = "Jones", .dob = DATE_NONE}, false, {"same given name"}},
        /* a twin shares the date of birth and postcode: shown, for a person to judge */
        {{.given = "Ada", .family = "Lovelace", .dob = D(2015, 3, 7), .postcode = "N1 9GU"},
         true,
         {"same date of birth", "same postcode"}},
        {{.given = "Ada", .family = "Lovelace", .dob = D(2015, 3, 8)}, false, {NULL}},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct dup_score s;
        dup_score(&cases[i].typed, &known, &s);
        if ((s.score >= DUP_SHOWN) != cases[i].shown)
            fail_msg("case %zu: score %d, expected %s", i, s.score,
                     cases[i].shown ? "shown" : "not shown");
        for (size_t r = 0; r < N_ELEMS(cases[i].reasons) && cases[i].reasons[r]; r++) {
            bool found = false;
            for (int k = 0; k < s.n; k++)
                found |= !strcmp(s.reasons[k].text, cases[i].reasons[r]);
            if (!found)
                fail_msg("case %zu: no reason '%s' (%d reasons, first '%s')", i,
                         cases[i].reasons[r], s.n, s.n ? s.reasons[0].text : "");
        }
        if (!cases[i].reasons[0] && s.n)
            fail_msg("case %zu: unexpected reason '%s'", i, s.reasons[0].text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nhs_numbers),
        cmocka_unit_test(sound_keys),
        cmocka_unit_test(scoring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
