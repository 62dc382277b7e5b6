/* Identifiers (UPN, LA codes, LA child id, postcode) and field validation of a person:
 * every error collected, each naming the field, the value and what was expected. */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "domain/person.h"
#include "domain/rec.h"
#include "domain/workforce.h"
#include "domain/ident.h"
#include "domain/text.h"

static kdate D(int y, int m, int d) { return date_from_ymd(y, m, d); }

#define TODAY D(2026, 1, 10)
#define YEAR 2026

/* ---- UPN ---- */

/* The check letter computed here, separately from ident.c, straight from the DfE
 * specification: character k (2..13) weighs k; a letter in position 13 counts as its place
 * in the alphabet without I, O and S (A = 0); the sum modulo 23 indexes that alphabet. */
static char spec_check_letter(const char *upn)
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
    static const int weight[13] = {0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    int sum = 0;
    for (int k = 1; k < 13; k++) {
        int v = upn[k] >= '0' && upn[k] <= '9' ? upn[k] - '0'
                                               : (int)(strchr(alphabet, upn[k]) - alphabet);
        sum += v * weight[k];
    }
    return alphabet[sum % 23];
}

static void upn_check_letters(void **state)
{
    (void)state;
    /* Worked examples, done by hand (A=0 B=1 ... H=7 J=8 ... N=12 P=13 Q=14 ...):
     *   ?207000016049: 2x2 + 7x4 + 1x9 + 6x10 + 4x12 + 9x13 = 4+28+9+60+48+117 = 266
     *   = 11x23 + 13 -> P. (Schools' guidance pages use this UPN as their example and say Q,
     *   from a sum slipped to 267; 266 is right, and the reference validator agrees.)
     *   ?801200005001: 8x2 + 1x4 + 2x5 + 5x10 + 1x13 = 16+4+10+50+13 = 93 = 4x23 + 1 -> B.
     *   ?20100001234A (temporary): 2x2 + 1x4 + 1x9 + 2x10 + 3x11 + 4x12 + A(0)x13 = 118
     *   = 5x23 + 3 -> D.  With Z (22) last: 118 + 286 = 404 = 17x23 + 13 -> P. */
    static const struct {
        const char *upn;
        char letter;
    } worked[] = {
        {"B207000016049", 'P'},
        {"P207000016049", 'P'},
        {"B801200005001", 'B'},
        {"X20100001234A", 'D'},
        {"X20100001234Z", 'P'},
        /* Valid UPNs of the public CIN sample (the reference validator passes them). */
        {"A243731687508", 'A'},
        {"A612269476230", 'A'},
        {"A383489771083", 'A'},
        {"A506152128894", 'A'},
        {"A605347052750", 'A'},
        {"A787905553591", 'A'},
        {"A829536611847", 'A'},
        {"A413918098646", 'A'},
        {"A839716950288", 'A'},
        {"A871457393703", 'A'},
        {"A770637143539", 'A'},
        {"A788858088164", 'A'},
        /* Ones it flags under rule 1510, with the letter they should have. */
        {"A850728973744", 'T'},
        {"A141396438491", 'W'},
        {"A929946861554", 'G'},
        /* Valid UPNs of the public 903 sample. */
        {"T004199988970", 'T'},
        {"M036180061941", 'M'},
        {"W092969852738", 'W'},
        {"C033764859835", 'C'},
        {"Z041184542991", 'Z'},
    };
    for (size_t i = 0; i < N_ELEMS(worked); i++) {
        assert_int_equal(spec_check_letter(worked[i].upn), worked[i].letter);
        assert_int_equal(upn_check_letter(worked[i].upn), worked[i].letter);
    }
    /* And the two agree on every body over a sweep of digits and final letters. */
    char u[14] = "A201000000000";
    for (int n = 0; n < 20000; n++) {
        unsigned x = (unsigned)n * 2654435761u;
        for (int k = 4; k < 12; k++, x /= 10)
            u[k] = (char)('0' + x % 10);
        u[12] = n % 2 ? "ABCDEFGHJKLMNPQRTUVWXYZ"[n % 23] : (char)('0' + n % 10);
        assert_int_equal(upn_check_letter(u), spec_check_letter(u));
    }
    /* No letter when characters 2-13 cannot be weighed. */
    assert_int_equal(upn_check_letter("A20100000000I"), 0);
    assert_int_equal(upn_check_letter("A2010000000a0"), 0);
    assert_int_equal(upn_check_letter("A2X1000000000"), 0);
}

/* A UPN with the right check letter for LA code `la` and the given tail. */
static void make_upn(char out[14], int la, const char *tail9)
{
    snprintf(out, 14, "?%03d%s", la, tail9);
    out[0] = spec_check_letter(out);
}

static void upn_problem_table(void **state)
{
    (void)state;
    static const struct {
        const char *upn;
        unsigned problems;
    } cases[] = {
        {"P207000016049", 0},
        {"B207000016049", UPN_BAD_CHECK},
        {"Q207000016049", UPN_BAD_CHECK},
        {"p207000016049", UPN_BAD_CHECK}, /* lower case is not a check letter */
        {"B801200005001", 0},
        {"D20100001234A", 0}, /* a temporary UPN */
        {"P20100001234Z", 0},
        {"D20100001234I", UPN_BAD_LAST}, /* I, O, S never end a UPN */
        {"D20100001234O", UPN_BAD_LAST},
        {"D20100001234S", UPN_BAD_LAST},
        {"D20100001234a", UPN_BAD_LAST}, /* nor a lower-case letter */
        {"T999000016049", UPN_BAD_LA},
        {"E000000016049", UPN_BAD_LA},
        {"A999000016049", UPN_BAD_LA | UPN_BAD_CHECK},
        {"A2X1000016049", UPN_BAD_LA},
        {"A2010000X6049", UPN_BAD_DIGITS},
        {"A20100001604", UPN_BAD_LENGTH},
        {"A2010000160490", UPN_BAD_LENGTH},
        {"", UPN_BAD_LENGTH},
        /* The sample's own flagged UPNs: wrong letter, and one LA code not on the list. */
        {"A850728973744", UPN_BAD_CHECK},
        {"A942996949299", UPN_BAD_CHECK}, /* 942 is an LA code from 2023/24 */
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        unsigned got = upn_problems(cases[i].upn, strlen(cases[i].upn), YEAR);
        if (got != cases[i].problems)
            fail_msg("%s: problems %#x, expected %#x", cases[i].upn, got, cases[i].problems);
    }
    /* 942 was not an LA code before 2023/24. */
    char u[14];
    make_upn(u, 942, "996949299");
    assert_int_equal(upn_problems(u, 13, 2023), UPN_BAD_LA);
    assert_int_equal(upn_problems(u, 13, 2024), 0);
    assert_int_equal(upn_problems(u, 13, 0), 0);
    /* A NUL inside the 13 bytes is not a UPN. */
    assert_int_equal(upn_problems("A20100\0016049", 13, YEAR), UPN_BAD_LENGTH);

    char why[256];
    upn_describe("B207000016049", 13, UPN_BAD_CHECK, why, sizeof(why));
    assert_string_equal(why, "the check letter (character 1) is 'B' but characters 2-13 give 'P'");
    upn_describe("T999000016049", 13, UPN_BAD_LA, why, sizeof(why));
    assert_string_equal(why, "characters 2-4 ('999') are not a local authority code");
    upn_describe("A1", 2, UPN_BAD_LENGTH, why, sizeof(why));
    assert_string_equal(why, "it is 2 characters, not 13");
}

/* Every LA code 000-999 against the DfE list as statutory-data.md gives it (rule 1530),
 * written here as its own table, plus 942 and 943 from 2023/24. */
static void la_codes_every_boundary(void **state)
{
    (void)state;
    static const int ranges[][2] = {
        {1, 5},     {201, 213}, {301, 320}, {330, 336}, {340, 344}, {350, 359}, {370, 373},
        {380, 384}, {390, 394}, {420, 420}, {660, 681}, {701, 708}, {800, 803}, {805, 808},
        {810, 813}, {815, 815}, {816, 816}, {820, 823}, {825, 825}, {826, 826}, {830, 830},
        {831, 831}, {835, 841}, {845, 845}, {846, 846}, {850, 852}, {855, 857}, {860, 860},
        {861, 861}, {865, 896}, {908, 908}, {909, 909}, {916, 916}, {919, 919}, {921, 921},
        {925, 925}, {926, 926}, {928, 928}, {929, 929}, {931, 931}, {933, 933}, {935, 938},
        {940, 940}, {941, 941},
    };
    int listed = 0;
    for (int code = 0; code <= 999; code++) {
        bool want = false;
        for (size_t r = 0; r < N_ELEMS(ranges); r++)
            want |= code >= ranges[r][0] && code <= ranges[r][1];
        listed += want;
        char digits[4];
        snprintf(digits, sizeof(digits), "%03d", code);
        bool new_la = code == 942 || code == 943;
        if (la_code_valid(digits, 2023) != want ||
            la_code_number_valid(code, 2026) != (want || new_la))
            fail_msg("LA code %s", digits);
        /* And through a whole UPN with a correct check letter. */
        char u[14];
        make_upn(u, code, "000016049");
        assert_int_equal(upn_problems(u, 13, 2026) == 0, want || new_la);
    }
    assert_int_equal(listed, 193);
    assert_false(la_code_valid("2a1", 0));
    assert_false(la_code_valid("-01", 0));
}

static void la_child_ids(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        unsigned problems;
    } cases[] = {
        {"DfEX0000001", 0},
        {"RND000215205141", 0},
        {"ABCDEFGHIJ0123456789", 0},               /* 20 */
        {"ABCDEFGHIJ01234567890", LACID_TOO_LONG}, /* 21: rule 1570 */
        {"", LACID_EMPTY},
        {"AB-12", LACID_BAD_CHAR}, /* rule 1580 */
        {"AB 12", LACID_BAD_CHAR},
        {"AB12;", LACID_BAD_CHAR},
        {"AB\xc3\xa9", LACID_BAD_CHAR}, /* é: letters are ASCII only */
        {"ABCDEFGHIJ0123456789;", LACID_TOO_LONG | LACID_BAD_CHAR},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        assert_int_equal(la_child_id_problems(cases[i].id, strlen(cases[i].id)), cases[i].problems);
}

static void postcodes(void **state)
{
    (void)state;
    static const struct {
        const char *pc;
        bool valid;
    } shapes[] = {
        {"N1 9GU", true},   {"M1 1AE", true},    {"B33 8TH", true},   {"CR2 6XH", true},
        {"DN55 1PT", true}, {"W1A 0AX", true},   {"EC1A 1BB", true},  {"SW1A 1AA", true},
        {"GIR 0AA", true},  {"n1 9gu", false},   {"N19GU", false},    {"N1  9GU", false},
        {" N1 9GU", false}, {"N1 9GU ", false},  {"Q1 1AA", false},   {"V1 1AA", false},
        {"X1 1AA", false},  {"AI1 1AA", false},  {"AJ1 1AA", false},  {"AZ1 1AA", false},
        {"N1 9CU", false},  {"N1 9GI", false},   {"N1 9KM", false},   {"N1 99U", false},
        {"W1I 0AX", false}, {"EC1C 1BB", false}, {"EC1Z 1BB", false}, {"N1A1 9GU", false},
        {"1N 9GU", false},  {"N 9GU", false},    {"", false},         {"SW1A1 1AA", false},
    };
    for (size_t i = 0; i < N_ELEMS(shapes); i++)
        if (postcode_valid(shapes[i].pc, strlen(shapes[i].pc)) != shapes[i].valid)
            fail_msg("postcode '%s'", shapes[i].pc);

    static const struct {
        const char *in, *out; /* out NULL = not a postcode */
    } tidy[] = {
        {"n19gu", "N1 9GU"},       {" N1  9GU ", "N1 9GU"},
        {"sw1a1aa", "SW1A 1AA"},   {"SW1A 1AA", "SW1A 1AA"},
        {"ec1a\t1bb", "EC1A 1BB"}, {"gir0aa", "GIR 0AA"},
        {"N1-9GU", NULL},          {"N1 9G", NULL},
        {"SW1A1AAX", NULL},        {"", NULL},
        {"qq1 1aa", NULL},
    };
    for (size_t i = 0; i < N_ELEMS(tidy); i++) {
        char out[POSTCODE_LEN_MAX + 1] = "junk";
        bool ok = postcode_normalise(tidy[i].in, strlen(tidy[i].in), out);
        assert_int_equal(ok, tidy[i].out != NULL);
        assert_string_equal(out, tidy[i].out ? tidy[i].out : "");
    }
}

/* The Social Work England number, one check for every record that holds one: "SW" and 1 to 6
 * digits, no leading 0 (the register dropped the HCPC's padding in December 2019). The
 * old checks disagreed: a family help sign-off took 8 digits, a worker 9, an
 * application "sw" in lower case. */
static void swe_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
    } nums[] = {
        {"SW1", true},        {"SW9", true},         {"SW123456", true}, {"SW999999", true},
        {"SW1234567", false}, {"SW12345678", false}, {"SW0", false},     {"SW012345", false},
        {"SW", false},        {"sw123", false},      {"SW12a4", false},  {"123456", false},
        {"SW 123", false},    {"SW123 ", false},     {"XX123", false},   {"", false},
        {"SW-123", false},
    };
    for (size_t i = 0; i < N_ELEMS(nums); i++)
        if (swe_number_valid(nums[i].s) != nums[i].ok)
            fail_msg("'%s' should be %s", nums[i].s, nums[i].ok ? "valid" : "refused");
    static const struct {
        const char *in, *out; /* out NULL = no number */
    } tidy[] = {
        {"sw123456", "SW123456"},   {"SW000123", "SW123"},
        {" Sw 012345 ", "SW12345"}, {"SW1", "SW1"},
        {"SW0000001", "SW1"},       {"SW0", NULL},
        {"SW1234567", NULL},        {"SW12a", NULL},
        {"S W123", NULL},           {"", NULL},
        {"123456", NULL},
    };
    for (size_t i = 0; i < N_ELEMS(tidy); i++) {
        char out[SWE_NUMBER_LEN + 1] = "junk";
        bool ok = swe_number_normalise(tidy[i].in, out);
        if (ok != (tidy[i].out != NULL) || strcmp(out, tidy[i].out ? tidy[i].out : ""))
            fail_msg("'%s' read as '%s'", tidy[i].in, out);
    }
    /* the three records that hold one say the same of the same number */
    struct field_errors errs;
    field_errors_clear(&errs);
    const struct field f = {.name = "n", .label = "number"};
    swe_number_check(&f, "SW1234567", &errs);
    swe_number_check(&f, "", &errs);
    swe_number_check(&f, "SW123456", &errs);
    assert_int_equal(errs.n, 1);
    assert_string_equal(
        errs.items[0].msg,
        "number 'SW1234567' is not a Social Work England number: expected " SWE_NUMBER_EXPECT);
}

/* ---- people ---- */

static struct person child(void)
{
    struct person p = {
        .kind = PERSON_CHILD,
        .la_child_id = "KC0001",
        .given_name = "Amara",
        .family_name = "Okafor",
        .dob = D(2015, 6, 1),
        .expected_dob = DATE_NONE,
        .death = DATE_NONE,
        .sex = 'F',
        .ethnicity = "BAFR",
        .upn = "P207000016049",
        .postcode = "N1 9GU",
        .uasc_ceased = DATE_NONE,
        .n_disabilities = 1,
        .disabilities = {"NONE"},
        .created = D(2025, 9, 1),
    };
    return p;
}

static struct person relative(void)
{
    struct person p = {
        .kind = PERSON_RELATIVE,
        .given_name = "Grace",
        .family_name = "Okafor",
        .dob = DATE_NONE,
        .expected_dob = DATE_NONE,
        .death = DATE_NONE,
        .sex = 'F',
        .uasc_ceased = DATE_NONE,
    };
    return p;
}

static void check(const struct person *p, struct field_errors *errs)
{
    field_check_person_on(p, YEAR, TODAY, errs);
}

static void dump(const struct field_errors *errs)
{
    for (size_t i = 0; i < errs->n; i++)
        print_message("  %s: %s\n", errs->items[i].field, errs->items[i].msg);
}

static void good_records_pass(void **state)
{
    (void)state;
    struct field_errors errs;
    struct person p = child();
    check(&p, &errs);
    if (errs.n)
        dump(&errs);
    assert_int_equal(errs.n, 0);

    struct person r = relative();
    check(&r, &errs);
    assert_int_equal(errs.n, 0);

    /* An unborn child: expected date, no given name yet, sex U. */
    struct person u = child();
    u.dob = DATE_NONE;
    u.expected_dob = D(2026, 5, 1);
    u.given_name = NULL;
    u.sex = 'U';
    u.upn[0] = '\0';
    u.n_disabilities = 0;
    check(&u, &errs);
    if (errs.n)
        dump(&errs);
    assert_int_equal(errs.n, 0);

    /* Born on 29 February, seen in a year without one. */
    struct person leap = child();
    leap.dob = D(2016, 2, 29);
    check(&leap, &errs);
    assert_int_equal(errs.n, 0);

    /* Born today; died today; the earliest date kith holds. */
    struct person edge = child();
    edge.dob = TODAY;
    edge.death = TODAY;
    check(&edge, &errs);
    assert_int_equal(errs.n, 0);
    edge.dob = D(1800, 1, 1);
    edge.death = DATE_NONE;
    check(&edge, &errs);
    assert_int_equal(errs.n, 0);
}

/* Every message names the field (its label), quotes the value and says what was expected. */
static void assert_well_worded(const struct field_errors *errs)
{
    for (size_t i = 0; i < errs->n; i++) {
        const struct field_error *e = &errs->items[i];
        assert_non_null(strstr(e->msg, e->label));
        if (e->value[0]) {
            char quoted[64];
            snprintf(quoted, sizeof(quoted), "'%s'", e->value);
            assert_non_null(strstr(e->msg, quoted));
        }
        assert_non_null(strstr(e->msg, "expected "));
        assert_true(e->expected[0] != '\0');
        assert_non_null(strstr(e->msg, e->expected));
        assert_non_null(field_find(person_fields, e->field));
    }
}

/* The NHS number (CWSA 2026 s.4): a number that passes its check digit with where it came
 * from, or not-known with the reason (and words when the reason is other), never half of
 * each; each refusal names the field at fault. */
static void nhs_number_source_and_reason(void **state)
{
    (void)state;
    static const struct {
        const char *number, *source, *unknown, *text;
        const char *field; /* the one at fault; NULL when the record passes */
        const char *problem;
    } rows[] = {
        {NULL, NULL, NULL, NULL, NULL, NULL}, /* not recorded yet */
        {"9434765919", "pds-trace", NULL, NULL, NULL, NULL},
        {"943 476 5919", "gp", NULL, NULL, NULL, NULL}, /* as people group it */
        {"943-476-5919", "cp-is", NULL, NULL, NULL, NULL},
        {"4010232137", "birth-notification", NULL, NULL, NULL, NULL},
        {"0000000000", "typed", NULL, NULL, NULL, NULL}, /* a check of 11 reads as 0 */
        {NULL, "not-known", "new-arrival", NULL, NULL, NULL},
        {NULL, "not-known", "other", "Adopted abroad, papers awaited", NULL, NULL},
        {"9434765918", "pds-trace", NULL, NULL, "nhs_number", "check digit"},
        {"9434765910", "pds-trace", NULL, NULL, "nhs_number", "check digit"},
        {"9990000000", "pds-trace", NULL, NULL, "nhs_number", "no check digit"},
        {"943476591", "pds-trace", NULL, NULL, "nhs_number", "10 digits"},
        {"94347659190", "pds-trace", NULL, NULL, "nhs_number", "10 digits"},
        {"943476591X", "pds-trace", NULL, NULL, "nhs_number", "other than digits"},
        {"9434765919", NULL, NULL, NULL, "nhs_source", "is missing"},
        {"9434765919", "not-known", NULL, NULL, "nhs_source", "with an NHS number"},
        {"9434765919", "pds", NULL, NULL, "nhs_source", "'pds'"},
        {NULL, "gp", NULL, NULL, "nhs_source", "without an NHS number"},
        {NULL, "not-known", NULL, NULL, "nhs_unknown", "is missing"},
        {NULL, "not-known", "lost", NULL, "nhs_unknown", "'lost'"},
        {"9434765919", "gp", "not-traced", NULL, "nhs_unknown", "has an NHS number"},
        {NULL, "not-known", "other", NULL, "nhs_unknown_text", "is missing"},
        {NULL, "not-known", "other", "  ", "nhs_unknown_text", "is missing"},
        {NULL, "not-known", "not-traced", "Because", "nhs_unknown_text", "not other"},
    };
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        struct person p = child();
        snprintf(p.nhs_number, sizeof p.nhs_number, "%s", rows[i].number ? rows[i].number : "");
        snprintf(p.nhs_source, sizeof p.nhs_source, "%s", rows[i].source ? rows[i].source : "");
        snprintf(p.nhs_unknown, sizeof p.nhs_unknown, "%s", rows[i].unknown ? rows[i].unknown : "");
        p.nhs_unknown_text = rows[i].text;
        struct field_errors errs;
        check(&p, &errs);
        if (!rows[i].field) {
            if (errs.n)
                dump(&errs);
            assert_int_equal(errs.n, 0);
            continue;
        }
        if (errs.n != 1 || strcmp(errs.items[0].field, rows[i].field) ||
            !strstr(errs.items[0].msg, rows[i].problem)) {
            dump(&errs);
            fail_msg("row %zu: expected one error on %s saying '%s'", i, rows[i].field,
                     rows[i].problem);
        }
        assert_well_worded(&errs);
    }
    /* a relative's record keeps none of it */
    struct person r = relative();
    snprintf(r.nhs_number, sizeof r.nhs_number, "9434765919");
    struct field_errors errs;
    check(&r, &errs);
    assert_non_null(field_error_for(&errs, "nhs_number"));
}

/* One error per broken field, all at once: a worker mends the record in one go. */
static void every_error_collected(void **state)
{
    (void)state;
    struct person p = child();
    p.la_child_id[0] = 'K';
    memcpy(p.la_child_id, "KC-01", 6);
    p.dob = D(2031, 1, 1);
    p.sex = 'f';
    memcpy(p.ethnicity, "XXXX", 5);
    memcpy(p.upn, "B207000016049", 14);
    memcpy(p.former_upn, "A999000016049", 14);
    memcpy(p.upn_unknown, "UN3", 4);
    memcpy(p.postcode, "n1 9gu", 7);
    p.n_disabilities = 3;
    memcpy(p.disabilities[0], "HEAR", 5);
    memcpy(p.disabilities[1], "NONE", 5);
    memcpy(p.disabilities[2], "HEAR", 5);
    struct field_errors errs;
    check(&p, &errs);
    dump(&errs);
    static const struct {
        const char *field, *value, *fragment;
    } want[] = {
        {"la_child_id", "KC-01", "not a letter or a digit"},
        {"dob", "2031-01-01",
         "is in the future: expected a date from 1800 up to today (2026-01-10)"},
        {"sex", "f", "codes are written in capitals"},
        {"ethnicity", "XXXX", "'kith codes ethnicity'"},
        {"upn", "B207000016049", "characters 2-13 give 'P'"},
        {"former_upn", "A999000016049", "characters 2-4 ('999') are not a local authority code"},
        {"upn_unknown", "UN3", "although the child has a UPN"},
        {"postcode", "n1 9gu", "expected 'N1 9GU'"},
        {"disabilities", "NONE", "rule 8790"},
        {"disabilities", "HEAR", "is listed twice"},
    };
    assert_int_equal(errs.n, N_ELEMS(want));
    for (size_t i = 0; i < N_ELEMS(want); i++) {
        const struct field_error *e = &errs.items[i];
        assert_string_equal(e->field, want[i].field);
        assert_string_equal(e->value, want[i].value);
        if (!strstr(e->msg, want[i].fragment))
            fail_msg("%s: '%s' lacks '%s'", e->field, e->msg, want[i].fragment);
    }
    assert_well_worded(&errs);
    assert_int_equal(errs.items[8].item, 1);
    assert_int_equal(errs.items[9].item, 2);
    assert_non_null(strstr(errs.items[9].msg, "disability (number 3) 'HEAR'"));
    assert_string_equal(errs.items[1].msg, "date of birth '2031-01-01' is in the future: expected "
                                           "a date from 1800 up to today (2026-01-10)");

    /* What a form shows beside each input, and how an importer reports a row. */
    assert_ptr_equal(field_error_for(&errs, "postcode"), &errs.items[7]);
    assert_null(field_error_for(&errs, "family_name"));
    struct kerr e = KERR_INIT;
    assert_int_equal(field_error_kerr(field_error_for(&errs, "upn"), &e), KITH_E_INVALID);
    kerr_at(&e, "row %d, column %s", 12, "UPN");
    char line[512];
    kerr_format(&e, line, sizeof(line));
    assert_non_null(strstr(line, "row 12, column UPN: field 'upn': UPN 'B207000016049' is not a "
                                 "valid UPN because the check letter"));
}

static void date_rules(void **state)
{
    (void)state;
    const struct {
        kdate dob, expected, death;
        const char *field, *fragment; /* NULL field = no error */
    } cases[] = {
        {D(2026, 1, 11), DATE_NONE, DATE_NONE, "dob", "is in the future"},
        {D(1799, 12, 31), DATE_NONE, DATE_NONE, "dob", "is out of range"},
        {D(2010, 5, 5), DATE_NONE, D(2010, 5, 4), "death", "is before the date of birth"},
        {D(2010, 5, 5), DATE_NONE, D(2026, 2, 1), "death", "is in the future"},
        {D(2010, 5, 5), D(2010, 5, 1), DATE_NONE, "expected_dob",
         "is given as well as a date of birth"},
        {DATE_NONE, D(2026, 11, 6), DATE_NONE, "expected_dob", "is too far ahead"},
        {DATE_NONE, D(2026, 10, 30), DATE_NONE, NULL, NULL}, /* 42 weeks exactly */
        {DATE_NONE, DATE_NONE, DATE_NONE, "dob", "an expected date of birth for an unborn child"},
        {DATE_NONE, D(2026, 3, 1), D(2026, 1, 1), "death", "is given for an unborn child"},
        {D(2024, 2, 29), DATE_NONE, D(2024, 2, 29), NULL, NULL},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct person p = child();
        p.dob = cases[i].dob;
        p.expected_dob = cases[i].expected;
        p.death = cases[i].death;
        if (p.dob == DATE_NONE) {
            p.sex = 'U';
            p.upn[0] = '\0';
        }
        struct field_errors errs;
        check(&p, &errs);
        if (!cases[i].field) {
            if (errs.n)
                dump(&errs);
            assert_int_equal(errs.n, 0);
            continue;
        }
        if (errs.n != 1 || strcmp(errs.items[0].field, cases[i].field) ||
            !strstr(errs.items[0].msg, cases[i].fragment)) {
            dump(&errs);
            fail_msg("case %zu: expected one %s error with '%s'", i, cases[i].field,
                     cases[i].fragment);
        }
        assert_well_worded(&errs);
    }
}

static void children_only_and_unborn(void **state)
{
    (void)state;
    struct field_errors errs;
    struct person r = relative();
    memcpy(r.upn, "P207000016049", 14);
    r.uasc = true;
    r.expected_dob = D(2026, 3, 1);
    check(&r, &errs);
    assert_int_equal(errs.n, 3);
    for (size_t i = 0; i < errs.n; i++)
        assert_non_null(strstr(errs.items[i].msg, "recorded only for children"));
    assert_string_equal(errs.items[0].field, "expected_dob");
    assert_string_equal(errs.items[1].field, "upn");
    assert_string_equal(errs.items[2].field, "uasc");
    assert_well_worded(&errs);

    /* A relative needs no ethnicity or date of birth; a child does. */
    struct person c = child();
    c.ethnicity[0] = '\0';
    c.family_name = "  ";
    check(&c, &errs);
    assert_int_equal(errs.n, 2);
    assert_string_equal(errs.items[0].field, "family_name");
    assert_non_null(strstr(errs.items[0].msg, "family name is missing: expected"));
    assert_string_equal(errs.items[1].field, "ethnicity");
    assert_non_null(strstr(errs.items[1].msg, "NOBT when not yet obtained"));

    /* An unborn child's sex is U (rule 8750), and born children need a given name. */
    struct person u = child();
    u.dob = DATE_NONE;
    u.expected_dob = D(2026, 4, 1);
    u.upn[0] = '\0';
    check(&u, &errs);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.items[0].field, "sex");
    assert_non_null(strstr(errs.items[0].msg, "U (unknown) until the birth"));
    struct person g = child();
    g.given_name = "";
    check(&g, &errs);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.items[0].field, "given_name");

    /* Text with a line break, and names past the limit. */
    struct person t = child();
    t.given_name = "Am\nara";
    char longname[130];
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    t.family_name = longname;
    check(&t, &errs);
    assert_int_equal(errs.n, 2);
    assert_non_null(strstr(errs.items[0].msg, "'Am?ara' holds a tab or line break (U+000A)"));
    assert_non_null(strstr(errs.items[1].msg, "is too long: expected at most 100 characters"));
    assert_non_null(strstr(errs.items[1].value, "..."));
    assert_true(strlen(errs.items[1].value) < sizeof(errs.items[1].value));
}

static void codes_by_year(void **state)
{
    (void)state;
    struct field_errors errs;
    struct person p = child();
    /* Sex is kept as M/F/U whatever the year (returns for 2023/24 map it to 1/2/0/9). */
    p.sex = 'M';
    field_check_person_on(&p, 2024, TODAY, &errs);
    assert_int_equal(errs.n, 0);
    p.sex = '1';
    field_check_person_on(&p, 2024, TODAY, &errs);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.items[0].field, "sex");
    assert_non_null(strstr(errs.items[0].msg, "was last used in 2023/24, not in 2024/25"));
    assert_non_null(strstr(errs.items[0].msg, "one of M (Male), F (Female) or U (Unknown)"));
    p.sex = '\0';
    check(&p, &errs);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.items[0].msg,
                        "sex is missing: expected M (male), F (female) or U (unknown)");

    /* Disabilities: each code checked, and counted. */
    struct person d = child();
    d.n_disabilities = 2;
    memcpy(d.disabilities[0], "AUT", 4);
    memcpy(d.disabilities[1], "aut", 4);
    check(&d, &errs);
    assert_int_equal(errs.n, 1);
    assert_int_equal(errs.items[0].item, 1);
    assert_non_null(strstr(errs.items[0].msg, "codes are written in capitals"));
    d.n_disabilities = DISABILITIES_MAX + 1;
    check(&d, &errs);
    assert_int_equal(errs.n, 1);
    assert_non_null(strstr(errs.items[0].msg, "from 0 to 13 entries"));

    struct person k = child();
    k.kind = (enum person_kind)7;
    check(&k, &errs);
    assert_true(errs.n >= 1);
    assert_string_equal(errs.items[0].field, "kind");
    assert_non_null(strstr(errs.items[0].msg, "child (Child) or relative"));
}

static void uasc_dates(void **state)
{
    (void)state;
    /* Born on 29 February 2004: the 18th birthday falls on 1 March 2022. */
    const struct {
        bool uasc;
        kdate ceased;
        const char *fragment; /* NULL = fine */
    } cases[] = {
        {true, D(2022, 3, 1), NULL},
        {true, D(2022, 2, 28), NULL},
        {true, D(2022, 3, 2),
         "is after the child's 18th birthday: expected a date on or before "
         "2022-03-01"},
        {false, D(2020, 1, 1), "not recorded as UASC"},
        {true, D(2003, 1, 1), "is before the date of birth"},
        {true, DATE_NONE, NULL},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct person p = child();
        p.dob = D(2004, 2, 29);
        p.uasc = cases[i].uasc;
        p.uasc_ceased = cases[i].ceased;
        p.upn[0] = '\0';
        struct field_errors errs;
        check(&p, &errs);
        if (!cases[i].fragment) {
            assert_int_equal(errs.n, 0);
            continue;
        }
        assert_int_equal(errs.n, 1);
        assert_string_equal(errs.items[0].field, "uasc_ceased");
        if (!strstr(errs.items[0].msg, cases[i].fragment))
            fail_msg("'%s' lacks '%s'", errs.items[0].msg, cases[i].fragment);
    }
}

static void errors_past_the_limit_are_counted(void **state)
{
    (void)state;
    struct field_errors errs;
    field_errors_clear(&errs);
    const struct field *f = field_find(person_fields, "postcode");
    assert_non_null(f);
    for (int i = 0; i < FIELD_ERRORS_MAX + 8; i++)
        field_fail(&errs, f, -1, "X", "is wrong", NULL);
    assert_int_equal(errs.n, FIELD_ERRORS_MAX);
    assert_int_equal(errs.dropped, 8);
    assert_string_equal(errs.items[0].msg, "postcode 'X' is wrong: expected a UK postcode in "
                                           "capitals with one space, such as N1 9GU");
    assert_null(field_find(person_fields, "nope"));
}

/* The longest sentences a check says are kept whole: the FGDM refusal (casework/
 * proceedings.c) was cut at "the child's best i" when `expected` held 128 characters. */
static void long_sentences_kept_whole(void **state)
{
    (void)state;
    static const char problem[] = "has no offer of family group decision-making before it";
    static const char expected[] =
        "an application after the family was offered a meeting, or after the council "
        "recorded that an offer is not in the child's best interests (Children Act 1989 "
        "s.31ZA)";
    struct field_errors errs;
    field_errors_clear(&errs);
    const struct field *f = field_find(person_fields, "postcode");
    assert_non_null(f);
    field_fail(&errs, f, -1, "2026-12-01", problem, "%s", expected);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.items[0].problem, problem);
    assert_string_equal(errs.items[0].expected, expected);
    char want[sizeof errs.items[0].msg];
    snprintf(want, sizeof want, "postcode '2026-12-01' %s: expected %s", problem, expected);
    assert_string_equal(errs.items[0].msg, want);
}

/* Typed text by kind (domain/text.h): what each kind refuses, and the words it uses. */
static void text_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        enum text_kind kind;
        const char *problem; /* NULL: accepted */
    } cases[] = {
        {"Two lines\nand\ta tab", TEXT_FREE, NULL},
        {"From a form\r\nsecond line", TEXT_FREE, NULL},
        {"Zo\xc3\xab O'Brien-Sm\xc3\xadth", TEXT_NAME, NULL},
        {"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", TEXT_NAME, NULL}, /* Arabic: right to left is fine */
        {"a lone\rCR", TEXT_FREE, "holds a control character (U+000D)"},
        {"esc \x1b[2J", TEXT_FREE, "holds a control character (U+001B)"},
        {"del \x7f", TEXT_FREE, "holds a control character (U+007F)"},
        {"c1 \xc2\x9b", TEXT_FREE, "holds a control character (U+009B)"},
        {"bad \xff", TEXT_FREE, "is not UTF-8 text (byte 5)"},
        {"two\nlines", TEXT_LINE, "holds a tab or line break (U+000A)"},
        {"a\ttab", TEXT_NAME, "holds a tab or line break (U+0009)"},
        {"Ada\xe2\x80\xae", TEXT_LINE, NULL},
        {"Ada\xe2\x80\xae", TEXT_NAME, "holds a bidirectional control character (U+202E)"},
        {"Ada\xe2\x81\xa6", TEXT_NAME, "holds a bidirectional control character (U+2066)"},
        {"A\xe2\x80\x8b"
         "da",
         TEXT_NAME, "holds an invisible (zero-width) character (U+200B)"},
        {"A\xe2\x80\x8d"
         "da",
         TEXT_NAME, "holds an invisible (zero-width) character (U+200D)"},
        {"\xef\xbb\xbf"
         "Ada",
         TEXT_NAME, "holds an invisible (zero-width) character (U+FEFF)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[96];
        const char *p =
            text_problem(cases[i].s, strlen(cases[i].s), cases[i].kind, buf, sizeof buf);
        if (!cases[i].problem)
            assert_null(p);
        else
            assert_string_equal(p, cases[i].problem);
    }
}

/* A text limit counts characters, as the forms' character count and the person read it:
 * three two-byte letters fit a limit of 3 (six bytes once counted as 6 and refused). */
static void text_limits_count_characters(void **state)
{
    (void)state;
    struct rec {
        const char *s;
    };
    static const struct field fields[] = {{.name = "s",
                                           .label = "text",
                                           .type = FIELD_TEXT,
                                           .flags = FIELD_MULTILINE,
                                           .max_len = 3,
                                           .offset = offsetof(struct rec, s)},
                                          {0}};
    static const struct {
        const char *s;
        bool ok;
    } cases[] = {
        {"abc", true},
        {"abcd", false},
        {"a\r\nb", true}, /* a line break sent by a browser is one */
        {"a\r\nb\n", false},
        {"\xc3\xa9\xc3\xa9\xc3\xa9", true},          /* ééé */
        {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", false}, /* éééé */
        {"\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
         "a",
         true}, /* two four-byte characters and a */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct rec r = {cases[i].s};
        struct field_errors errs;
        field_errors_clear(&errs);
        field_check(fields, &r, &(struct field_ctx){0}, &errs);
        assert_int_equal(errs.n == 0, cases[i].ok);
    }
}

/* Decimals as people type them, whatever the locale would say: a point, at most the
 * field's places, nothing else. */
static void decimals_read(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
        int64_t units; /* hundredths */
    } cases[] = {
        {"0.6", true, 60},   {"1", true, 100},    {"1.00", true, 100},  {".75", true, 75},
        {" 0.5 ", true, 50}, {"0.01", true, 1},   {"-0.25", true, -25}, {"0", true, 0},
        {"0,5", false, 0},   {"0.555", false, 0}, {"1e0", false, 0},    {"", false, 0},
        {".", false, 0},     {"abc", false, 0},   {"1.", true, 100},    {"0. 5", false, 0},
        {"1 000", false, 0}, {"--1", false, 0},   {"+1", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t u = -999;
        bool ok = field_decimal_parse(cases[i].s, 2, &u);
        if (ok != cases[i].ok || (ok && u != cases[i].units))
            fail_msg("'%s': %d %lld", cases[i].s, ok, (long long)u);
    }
    char buf[32];
    assert_string_equal(field_decimal_text(60, 2, buf, sizeof buf), "0.60");
    assert_string_equal(field_decimal_text(-5, 2, buf, sizeof buf), "-0.05");
    assert_string_equal(field_decimal_text(100, 2, buf, sizeof buf), "1.00");
    assert_int_equal(field_decimal_units(0.6, 2), 60);
    assert_int_equal(field_decimal_units(0.29, 2), 29); /* 28.999... rounds to 29 */
}

/* A worker's FTE through the description: what a form, the API and the CLI all do. */
static void worker_fte(void **state)
{
    (void)state;
    const struct field *fte = field_find(worker_fields, "fte");
    static const struct {
        const char *typed;
        const char *msg; /* NULL: accepted */
        const char *text;
    } cases[] = {
        {"0.6", NULL, "0.60"},
        {"1", NULL, "1.00"},
        {"0.01", NULL, "0.01"}, /* the least */
        {"1.00", NULL, "1.00"}, /* the most */
        {"1.01", "FTE '1.01' is out of range: expected a number from 0.01 to 1.00", NULL},
        {"0",
         "FTE is missing: expected a number from 0.01 to 1.00: the share of full time they "
         "work",
         NULL},
        {"-0.5", "FTE '-0.50' is out of range: expected a number from 0.01 to 1.00", NULL},
        {"0,6",
         "FTE '0,6' is not a number: expected a number written with a point and at most 2 "
         "places (0.5, 0.75, 1)",
         NULL},
        {"0.125",
         "FTE '0.125' is not a number: expected a number written with a point and at "
         "most 2 places (0.5, 0.75, 1)",
         NULL},
    };
    struct arena a;
    arena_init(&a, 4096);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct worker w = {.given_name = "Ada",
                           .family_name = "Byron",
                           .start = 20000,
                           .end = DATE_NONE,
                           .dob = DATE_NONE};
        struct field_errors errs;
        field_errors_clear(&errs);
        rec_set_text(fte, &w, cases[i].typed, &a, &errs);
        if (!errs.n)
            field_check(worker_fields, &w, &(struct field_ctx){.today = DATE_NONE}, &errs);
        if (!cases[i].msg) {
            if (errs.n)
                fail_msg("'%s': %s", cases[i].typed, errs.items[0].msg);
            char buf[REC_TEXT_BUF];
            assert_string_equal(rec_text(fte, &w, buf), cases[i].text);
        } else {
            assert_int_equal(errs.n, 1);
            assert_string_equal(errs.items[0].field, "fte");
            assert_string_equal(errs.items[0].msg, cases[i].msg);
        }
    }
    arena_release(&a);
}

/* The census items: where they went and why apply only once a worker has left; nobody
 * starts before they are born; codes are the sets'. */
static void worker_census_items(void **state)
{
    (void)state;
    kdate start = date_from_ymd(2024, 9, 30);
    struct worker ok = {.given_name = "Ada",
                        .family_name = "Byron",
                        .fte = 1,
                        .start = start,
                        .end = date_from_ymd(2026, 9, 30),
                        .dob = date_from_ymd(1990, 2, 28),
                        .sex = 'F',
                        .ethnicity = "WBRI",
                        .qual_level = "postgraduate",
                        .route = "step-up",
                        .origin = "other-la",
                        .destination = "agency",
                        .leave_reason = "resigned"};
    struct field_errors errs;
    field_errors_clear(&errs);
    field_check(worker_fields, &ok, &(struct field_ctx){.today = DATE_NONE}, &errs);
    if (errs.n)
        fail_msg("%s", errs.items[0].msg);
    struct worker w = ok;
    w.end = DATE_NONE; /* still in post: where they went is not a thing yet */
    field_errors_clear(&errs);
    field_check(worker_fields, &w, &(struct field_ctx){.today = DATE_NONE}, &errs);
    assert_int_equal(errs.n, 2);
    assert_string_equal(errs.items[0].field, "destination");
    assert_string_equal(errs.items[0].msg, "where they went 'agency' is given: expected nothing: "
                                           "it is recorded only for workers who have left");
    assert_string_equal(errs.items[1].field, "leave_reason");
    w = ok;
    w.dob = start; /* born the day they started: the edge */
    field_errors_clear(&errs);
    field_check(worker_fields, &w, &(struct field_ctx){.today = DATE_NONE}, &errs);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.items[0].msg, "date of birth '2024-09-30' is not before the day they "
                                           "started: expected a day before 2024-09-30");
    w.dob = start - 1; /* the day before is fine */
    field_errors_clear(&errs);
    field_check(worker_fields, &w, &(struct field_ctx){.today = DATE_NONE}, &errs);
    assert_int_equal(errs.n, 0);
    w = ok;
    w.sex = '1'; /* the old GenderCurrent code is not the census's any more */
    memcpy(w.route, "fast", 5);
    w.end = start - 1;
    memcpy(w.registration, "SW12a", 6);
    field_errors_clear(&errs);
    field_check(worker_fields, &w, &(struct field_ctx){.today = DATE_NONE}, &errs);
    assert_int_equal(errs.n, 4);
    assert_string_equal(errs.items[0].field, "registration");
    assert_string_equal(errs.items[1].field, "end");
    assert_string_equal(errs.items[2].field, "sex");
    assert_string_equal(errs.items[3].field, "route");
}

/* The working days an absence took from a period, on England's calendar: weekends and
 * bank holidays are not lost, a period clips an absence, one going on counts to the
 * period's end. */
static void absence_working_days(void **state)
{
    (void)state;
    static const struct {
        const char *first, *last, *from, *to;
        int days;
    } cases[] = {
        {"2026-03-02", "2026-03-06", "2025-10-01", "2026-09-30", 5}, /* a week */
        {"2026-04-02", "2026-04-07", "2025-10-01", "2026-09-30",
         2}, /* Good Friday, Easter Monday */
        {"2026-04-04", "2026-04-05", "2025-10-01", "2026-09-30", 0}, /* a weekend */
        {"2026-12-24", "2026-12-29", "2026-10-01", "2027-09-30", 2}, /* Boxing Day on a Saturday */
        {"2026-12-25", "2026-12-25", "2026-10-01", "2027-09-30", 0}, /* Christmas Day alone */
        {"2025-09-29", "2025-10-03", "2025-10-01", "2026-09-30", 3}, /* begun before the year */
        {"2026-09-28", "2026-10-02", "2025-10-01", "2026-09-30", 3}, /* ends after it */
        {"2025-09-01", "2025-09-30", "2025-10-01", "2026-09-30", 0}, /* all before it */
        {"2026-03-30", NULL, "2026-03-01", "2026-03-31", 2},         /* going on */
        {"2026-03-31", "2026-03-31", "2026-03-31", "2026-03-31", 1}, /* one day, the edge */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct absence ab = {.last_day = DATE_NONE};
        kdate from, to;
        assert_int_equal(date_parse_iso(cases[i].first, &ab.first_day, NULL), KITH_OK);
        if (cases[i].last)
            assert_int_equal(date_parse_iso(cases[i].last, &ab.last_day, NULL), KITH_OK);
        assert_int_equal(date_parse_iso(cases[i].from, &from, NULL), KITH_OK);
        assert_int_equal(date_parse_iso(cases[i].to, &to, NULL), KITH_OK);
        int got = absence_days_lost(&ab, from, to);
        if (got != cases[i].days)
            fail_msg("%s to %s in %s..%s: %d, expected %d", cases[i].first,
                     cases[i].last ? cases[i].last : "-", cases[i].from, cases[i].to, got,
                     cases[i].days);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(upn_check_letters),
        cmocka_unit_test(upn_problem_table),
        cmocka_unit_test(la_codes_every_boundary),
        cmocka_unit_test(la_child_ids),
        cmocka_unit_test(postcodes),
        cmocka_unit_test(swe_numbers),
        cmocka_unit_test(text_kinds),
        cmocka_unit_test(good_records_pass),
        cmocka_unit_test(nhs_number_source_and_reason),
        cmocka_unit_test(every_error_collected),
        cmocka_unit_test(date_rules),
        cmocka_unit_test(children_only_and_unborn),
        cmocka_unit_test(codes_by_year),
        cmocka_unit_test(uasc_dates),
        cmocka_unit_test(errors_past_the_limit_are_counted),
        cmocka_unit_test(long_sentences_kept_whole),
        cmocka_unit_test(text_limits_count_characters),
        cmocka_unit_test(decimals_read),
        cmocka_unit_test(worker_fte),
        cmocka_unit_test(worker_census_items),
        cmocka_unit_test(absence_working_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
