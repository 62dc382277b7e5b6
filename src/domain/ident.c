/*
 * UPN, LA code, LA child id, postcode, NHS number and Social Work England number checks.
 *
 * The UPN rules come from the DfE's UPN specification (UK Government Data Standards
 * Catalogue, "Unique Pupil Number" 2.0) and the CIN census rules 1510-1560: a check letter,
 * a 3-digit LA code from the DfE's list, 8 digits, and a final digit, or a letter for a
 * temporary UPN. The LA list is a table of ranges with the collection year each range
 * joined, because local government reorganisations add codes (942 and 943 for Cumberland
 * and Westmorland and Furness from 2023/24).
 */
#include "domain/ident.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/field.h"

/* The 23 letters of the check alphabet: A=0 ... Z=22 without I, O and S. */
static const char check_alphabet[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

static int check_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    const char *p = c ? strchr(check_alphabet, c) : NULL;
    return p ? (int)(p - check_alphabet) : -1;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

char upn_check_letter(const char *upn13)
{
    int sum = 0;
    for (int i = 1; i < UPN_LEN; i++) {
        char c = upn13[i];
        /* Positions 2-12 must be digits; only position 13 may be a letter. */
        int v = i < UPN_LEN - 1 ? (is_digit(c) ? c - '0' : -1) : check_value(c);
        if (v < 0)
            return 0;
        sum += v * (i + 1);
    }
    return check_alphabet[sum % 23];
}

/* The DfE's list of LA and pseudo-LA codes a UPN may carry (CIN rule 1530), sorted. */
static const struct la_range {
    int16_t lo, hi;
    int16_t from; /* first collection year, 0 = always */
} la_ranges[] = {
    {1, 5, 0},        {201, 213, 0}, {301, 320, 0}, {330, 336, 0}, {340, 344, 0},
    {350, 359, 0},    {370, 373, 0}, {380, 384, 0}, {390, 394, 0}, {420, 420, 0},
    {660, 681, 0},    {701, 708, 0}, {800, 803, 0}, {805, 808, 0}, {810, 813, 0},
    {815, 816, 0},    {820, 823, 0}, {825, 826, 0}, {830, 831, 0}, {835, 841, 0},
    {845, 846, 0},    {850, 852, 0}, {855, 857, 0}, {860, 861, 0}, {865, 896, 0},
    {908, 909, 0},    {916, 916, 0}, {919, 919, 0}, {921, 921, 0}, {925, 926, 0},
    {928, 929, 0},    {931, 931, 0}, {933, 933, 0}, {935, 938, 0}, {940, 941, 0},
    {942, 943, 2024}, /* Cumberland, Westmorland and Furness: new unitary councils, April 2023 */
};

bool la_code_number_valid(int code, int year)
{
    int lo = 0, hi = (int)(sizeof(la_ranges) / sizeof(la_ranges[0]));
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const struct la_range *r = &la_ranges[mid];
        if (code < r->lo)
            hi = mid;
        else if (code > r->hi)
            lo = mid + 1;
        else
            return year == 0 || r->from == 0 || year >= r->from;
    }
    return false;
}

bool la_code_valid(const char *p, int year)
{
    if (!is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]))
        return false;
    return la_code_number_valid((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'), year);
}

unsigned upn_problems(const char *p, size_t len, int year)
{
    if (len != UPN_LEN || memchr(p, 0, len))
        return UPN_BAD_LENGTH;
    unsigned bad = 0;
    if (!la_code_valid(p + 1, year))
        bad |= UPN_BAD_LA;
    for (int i = 4; i < 12; i++)
        if (!is_digit(p[i]))
            bad |= UPN_BAD_DIGITS;
    if (check_value(p[12]) < 0)
        bad |= UPN_BAD_LAST;
    char want = upn_check_letter(p);
    if (want && p[0] != want)
        bad |= UPN_BAD_CHECK;
    return bad;
}

char *upn_describe(const char *p, size_t len, unsigned problems, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (n < size) {                                                                            \
            int w = snprintf(buf + n, size - n, "%s", n ? "; " : "");                              \
            n += w > 0 ? (size_t)w : 0;                                                            \
        }                                                                                          \
        if (n < size) {                                                                            \
            int w = snprintf(buf + n, size - n, __VA_ARGS__);                                      \
            n += w > 0 ? (size_t)w : 0;                                                            \
        }                                                                                          \
    } while (0)
    if (problems & UPN_BAD_LENGTH) {
        ADD("it is %zu characters, not 13", len);
        return buf;
    }
    if (problems & UPN_BAD_LA)
        ADD("characters 2-4 ('%.3s') are not a local authority code", p + 1);
    if (problems & UPN_BAD_DIGITS)
        ADD("characters 5-12 ('%.8s') are not all digits", p + 4);
    if (problems & UPN_BAD_LAST)
        ADD("character 13 ('%c') is not a digit or a capital letter other than I, O and S", p[12]);
    if (problems & UPN_BAD_CHECK)
        ADD("the check letter (character 1) is '%c' but characters 2-13 give '%c'", p[0],
            upn_check_letter(p));
#undef ADD
    return buf;
}

unsigned la_child_id_problems(const char *p, size_t len)
{
    if (len == 0)
        return LACID_EMPTY;
    unsigned bad = len > LA_CHILD_ID_LEN_MAX ? LACID_TOO_LONG : 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (!is_digit(c) && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z'))
            bad |= LACID_BAD_CHAR;
    }
    return bad;
}

/* Postcodes. Letters each position may hold, from the Royal Mail's rules for the format. */
static bool upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool in(const char *set, char c) { return c && strchr(set, c); }

static bool outward_valid(const char *p, size_t n)
{
    /* First letter: any but Q, V, X. */
    if (n < 2 || n > 4 || !upper(p[0]) || in("QVX", p[0]))
        return false;
    if (n == 2) /* A9 */
        return is_digit(p[1]);
    if (n == 3) {
        if (is_digit(p[1]) && is_digit(p[2])) /* A99 */
            return true;
        if (is_digit(p[1]) && in("ABCDEFGHJKPSTUW", p[2])) /* A9A */
            return true;
        return upper(p[1]) && !in("IJZ", p[1]) && is_digit(p[2]); /* AA9 */
    }
    if (!upper(p[1]) || in("IJZ", p[1]) || !is_digit(p[2]))
        return false;
    return is_digit(p[3]) || in("ABEHMNPRVWXY", p[3]); /* AA99, AA9A */
}

static bool inward_valid(const char *p)
{
    return is_digit(p[0]) && upper(p[1]) && upper(p[2]) && !in("CIKMOV", p[1]) &&
           !in("CIKMOV", p[2]);
}

bool postcode_valid(const char *p, size_t len)
{
    if (len < 6 || len > POSTCODE_LEN_MAX || p[len - 4] != ' ')
        return false;
    if (len == 7 && !memcmp(p, "GIR 0AA", 7))
        return true;
    return outward_valid(p, len - 4) && inward_valid(p + len - 3);
}

bool postcode_normalise(const char *in_, size_t len, char out[POSTCODE_LEN_MAX + 1])
{
    char tight[POSTCODE_LEN_MAX];
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        char c = in_[i];
        if (c == ' ' || c == '\t')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (n == sizeof(tight) - 1) /* 7 characters without the space at most */
            return false;
        tight[n++] = c;
    }
    if (n < 5)
        return false;
    char buf[POSTCODE_LEN_MAX + 1];
    memcpy(buf, tight, n - 3);
    buf[n - 3] = ' ';
    memcpy(buf + n - 2, tight + n - 3, 3);
    buf[n + 1] = '\0';
    if (!postcode_valid(buf, n + 1))
        return false;
    memcpy(out, buf, n + 2);
    return true;
}

/* ---- NHS number ---- */

int nhs_check_digit(const char *p)
{
    int sum = 0;
    for (int i = 0; i < NHS_NUMBER_LEN - 1; i++)
        sum += (p[i] - '0') * (NHS_NUMBER_LEN - i);
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check;
}

enum nhs_problem nhs_number_read(const char *in, size_t len, char out[NHS_NUMBER_LEN + 1])
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (in[i] == ' ' || in[i] == '-')
            continue;
        enum nhs_problem p = !is_digit(in[i])      ? NHS_NOT_DIGITS
                             : n == NHS_NUMBER_LEN ? NHS_BAD_LENGTH
                                                   : NHS_OK;
        if (p) {
            out[0] = '\0';
            return p;
        }
        out[n++] = in[i];
    }
    out[n] = '\0';
    enum nhs_problem p = n != NHS_NUMBER_LEN                    ? NHS_BAD_LENGTH
                         : nhs_check_digit(out) == 10           ? NHS_CHECK_TEN
                         : nhs_check_digit(out) != out[9] - '0' ? NHS_BAD_CHECK
                                                                : NHS_OK;
    if (p)
        out[0] = '\0';
    return p;
}

const char *nhs_problem_text(enum nhs_problem p)
{
    static const char *const text[] = {
        [NHS_OK] = "is an NHS number",
        [NHS_BAD_LENGTH] = "is not 10 digits",
        [NHS_NOT_DIGITS] = "holds something other than digits",
        [NHS_CHECK_TEN] = "is not an NHS number: its first nine digits give no check digit",
        [NHS_BAD_CHECK] = "fails the NHS number's check digit",
    };
    return text[p];
}

bool swe_number_valid(const char *s)
{
    if (!s || strncmp(s, "SW", 2) != 0 || s[2] == '0')
        return false;
    size_t n = strspn(s + 2, "0123456789");
    return n >= 1 && n <= SWE_DIGITS_MAX && !s[2 + n];
}

bool swe_number_normalise(const char *in, char out[SWE_NUMBER_LEN + 1])
{
    out[0] = '\0';
    if (!in)
        return false;
    in += strspn(in, " ");
    if ((in[0] != 'S' && in[0] != 's') || (in[1] != 'W' && in[1] != 'w'))
        return false;
    in += 2;
    in += strspn(in, " ");
    in += strspn(in, "0"); /* the HCPC's padding */
    size_t n = strspn(in, "0123456789");
    if (n < 1 || n > SWE_DIGITS_MAX || in[n + strspn(in + n, " ")])
        return false;
    snprintf(out, SWE_NUMBER_LEN + 1, "SW%.*s", (int)n, in);
    return true;
}

void swe_number_check(const struct field *f, const char *value, struct field_errors *errs)
{
    if (value && value[0] && !swe_number_valid(value))
        field_fail(errs, f, -1, value, "is not a Social Work England number", SWE_NUMBER_EXPECT);
}
