/*
 * Identifiers with a structure to check: the unique pupil number (UPN), the DfE local
 * authority codes inside it, the LA's own child id, UK postcodes, and the NHS number (the
 * consistent identifier of the Children's Wellbeing and Schools Act 2026 s.4).
 *
 * These are the checks behind CIN rules 1510-1560 (UPN, former UPN), 1570/1580 (LAchildID)
 * and 903 rule 168, written once for the person form, the importers and the return
 * validator. Every function takes a pointer and a length (the text need not be
 * NUL-terminated, as in a CSV cell) and allocates nothing. Matching is exact: a UPN in
 * lower case is not a UPN.
 */
#ifndef KITH_DOMAIN_IDENT_H
#define KITH_DOMAIN_IDENT_H

#include <stdbool.h>
#include <stddef.h>

struct field;
struct field_errors;

#define UPN_LEN 13
#define LA_CHILD_ID_LEN_MAX 20
#define POSTCODE_LEN_MAX 8 /* "SW1A 1AA" */

/* What is wrong with a UPN, one bit per DfE rule so that each rule reports its own. */
enum upn_problem {
    UPN_BAD_LENGTH = 1 << 0, /* not 13 characters; then no other bit is set */
    UPN_BAD_CHECK = 1 << 1,  /* 1510: character 1 is not the check letter of 2-13 */
    UPN_BAD_LA = 1 << 2,     /* 1530: characters 2-4 are not a DfE LA code */
    UPN_BAD_DIGITS = 1 << 3, /* 1540: characters 5-12 are not all digits */
    UPN_BAD_LAST = 1 << 4,   /* 1550: character 13 is not a digit or a letter other than I O S */
};

/* The problems of the `len` bytes at `p` read as a UPN (0 = a valid UPN) in collection year
 * `year` (0 = any year; only the LA codes depend on the year). The check letter is judged
 * only when it can be computed, that is when characters 2-12 are digits and character 13 a
 * digit or an allowed letter: otherwise 1530/1540/1550 already say what is wrong. */
unsigned upn_problems(const char *p, size_t len, int year);

/* The check letter of a 13-character UPN's characters 2-13 (weights 2..13, letters in
 * position 13 valued A=0 ... Z=22 skipping I, O and S, sum modulo 23 mapped back through the
 * same alphabet), or 0 when those characters cannot be weighed. */
char upn_check_letter(const char *upn13);

/* Plain words for the problems, "characters 2-4 ('999') are not a local authority code; ...",
 * written into buf (always NUL-terminated). Returns buf. */
char *upn_describe(const char *p, size_t len, unsigned problems, char *buf, size_t size);

/* True when the three bytes at `p` are digits forming a DfE LA code (or pseudo-LA code)
 * that UPNs may carry in `year` (0 = any year). */
bool la_code_valid(const char *p, int year);
/* The same for the number (206 for Islington). */
bool la_code_number_valid(int code, int year);

/* LAchildID: 1 to 20 characters (1570), each an ASCII letter or digit (1580). */
enum la_child_id_problem {
    LACID_EMPTY = 1 << 0,
    LACID_TOO_LONG = 1 << 1, /* 1570 */
    LACID_BAD_CHAR = 1 << 2, /* 1580 */
};
unsigned la_child_id_problems(const char *p, size_t len);

/* A UK postcode in its one written form: upper case, one space before the 3-character
 * inward code ("N1 9GU", "SW1A 1AA"), outward code in one of the six shapes A9, A99, AA9,
 * AA99, A9A, AA9A with the letters each position allows, or "GIR 0AA". */
bool postcode_valid(const char *p, size_t len);
/* Tidy what a person typed ("n19gu", " N1  9GU ") into that form: out gets at most
 * POSTCODE_LEN_MAX characters and a NUL. False (out = "") when it is not a postcode. */
bool postcode_normalise(const char *in, size_t len, char out[POSTCODE_LEN_MAX + 1]);

/* The NHS number: 10 digits, the last a modulus-11 check digit on the first nine (weights
 * 10 down to 2; 11 minus the sum's remainder, 11 read as 0; a number whose check would be
 * 10 is never issued). People write it in groups of 3, 3 and 4. */
#define NHS_NUMBER_LEN 10
enum nhs_problem {
    NHS_OK,
    NHS_BAD_LENGTH, /* not 10 digits once spaces and hyphens are taken out */
    NHS_NOT_DIGITS, /* something other than digits, spaces and hyphens */
    NHS_CHECK_TEN,  /* the first nine give a check of 10: no such number exists */
    NHS_BAD_CHECK,  /* the last digit is not the check digit of the first nine */
};
/* The check digit of nine digits at `p` (0-9), or 10 when none exists. */
int nhs_check_digit(const char *p);
/* Read what a person typed ("943 476 5919", "943-476-5919", "9434765919"): `out` gets the
 * ten digits and a NUL when the result is NHS_OK, else "". */
enum nhs_problem nhs_number_read(const char *in, size_t len, char out[NHS_NUMBER_LEN + 1]);
/* The problem in plain words: "is not 10 digits". */
const char *nhs_problem_text(enum nhs_problem p);

/* A Social Work England registration number as the register writes it: "SW" and the
 * number, 1 to SWE_DIGITS_MAX digits, the first not 0. Social Work England dropped the
 * HCPC's leading zeros when it took the register over on 2 December 2019 (SW000123 became
 * SW123); numbers it has given since run to six digits (SW123456). The one check of the
 * number, for a worker, an application, a family help sign-off and an agency assignment. */
#define SWE_DIGITS_MAX 6
#define SWE_NUMBER_LEN (2 + SWE_DIGITS_MAX)
#define SWE_NUMBER_EXPECT "SW and the number with no leading zeros, like SW123456"
bool swe_number_valid(const char *s);
/* What a person typed, in that form: "sw 012345" and "SW012345" (the HCPC's way of writing
 * it) read as "SW12345". False (out = "") when it is no such number. */
bool swe_number_normalise(const char *in, char out[SWE_NUMBER_LEN + 1]);
/* A field's check of a number kept in the register's form: nothing to say when `value` is
 * empty (whether one is needed is the record's rule), else an error naming field `f` when
 * it is not swe_number_valid. */
void swe_number_check(const struct field *f, const char *value, struct field_errors *errs);

#endif
