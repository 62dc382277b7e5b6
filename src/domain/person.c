/*
 * The person's description: the field table of struct person (a child or a relative) and
 * its checks. It follows the CIN census where it has a rule (UPN 1510-1560, LAchildID
 * 1570/1580, sex of an unborn child 8750, disabilities 8790/8794, UASC end 303/304) so a
 * record that passes here does not fail those rules later.
 */
#include "domain/person.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/dupes.h"
#include "domain/ident.h"

#define EXPECTED_LATE_WEEKS                                                                        \
    42 /* the longest a pregnancy runs: an expected birth further off is a typo */

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

static const struct person *P(const void *rec) { return rec; }

static bool is_child(const void *rec) { return P(rec)->kind == PERSON_CHILD; }

static bool is_unborn(const struct person *p)
{
    return p->kind == PERSON_CHILD && p->dob == DATE_NONE && p->expected_dob != DATE_NONE;
}

static const char *iso(kdate d, char *buf) { return date_format_iso(d, buf); }

static void check_la_child_id(const struct field *f, const void *rec, const struct field_ctx *ctx,
                              struct field_errors *errs)
{
    (void)ctx;
    const char *v = P(rec)->la_child_id;
    size_t len = strnlen(v, sizeof(P(rec)->la_child_id));
    unsigned bad = len ? la_child_id_problems(v, len) : 0;
    if (bad & LACID_BAD_CHAR)
        field_fail(errs, f, -1, v, "holds a character that is not a letter or a digit", NULL);
}

static void check_given_name(const struct field *f, const void *rec, const struct field_ctx *ctx,
                             struct field_errors *errs)
{
    (void)ctx;
    if (blank(P(rec)->given_name) && !is_unborn(P(rec)))
        field_fail(errs, f, -1, NULL, "is missing",
                   "a given name (only an unborn child's may be left blank)");
}

static void check_dob(const struct field *f, const void *rec, const struct field_ctx *ctx,
                      struct field_errors *errs)
{
    const struct person *p = rec;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (p->dob == DATE_NONE) {
        if (p->kind == PERSON_CHILD && p->expected_dob == DATE_NONE)
            field_fail(errs, f, -1, NULL, "is missing",
                       "a date of birth, or an expected date of birth for an unborn child");
        return;
    }
    if (p->dob > ctx->today)
        field_fail(errs, f, -1, iso(p->dob, a), "is in the future",
                   "a date from %d up to today (%s)", DATE_MIN_YEAR, iso(ctx->today, b));
}

static void check_expected_dob(const struct field *f, const void *rec, const struct field_ctx *ctx,
                               struct field_errors *errs)
{
    const struct person *p = rec;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (p->expected_dob == DATE_NONE)
        return;
    if (p->dob != DATE_NONE)
        field_fail(errs, f, -1, iso(p->expected_dob, a), "is given as well as a date of birth",
                   "only one of them: an expected date of birth is for an unborn child");
    else if (p->expected_dob > date_add_days(ctx->today, EXPECTED_LATE_WEEKS * 7))
        field_fail(errs, f, -1, iso(p->expected_dob, a), "is too far ahead",
                   "a date within %d weeks of today, on or before %s", EXPECTED_LATE_WEEKS,
                   iso(date_add_days(ctx->today, EXPECTED_LATE_WEEKS * 7), b));
}

static void check_death(const struct field *f, const void *rec, const struct field_ctx *ctx,
                        struct field_errors *errs)
{
    const struct person *p = rec;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (p->death == DATE_NONE)
        return;
    if (p->death > ctx->today)
        field_fail(errs, f, -1, iso(p->death, a), "is in the future", "a date up to today (%s)",
                   iso(ctx->today, b));
    if (p->dob != DATE_NONE && p->death < p->dob)
        field_fail(errs, f, -1, iso(p->death, a), "is before the date of birth",
                   "a date on or after the date of birth (%s)", iso(p->dob, b));
    if (is_unborn(p))
        field_fail(errs, f, -1, iso(p->death, a), "is given for an unborn child",
                   "a date of birth first: a date of death needs one");
}

static void check_sex(const struct field *f, const void *rec, const struct field_ctx *ctx,
                      struct field_errors *errs)
{
    (void)ctx;
    const struct person *p = rec;
    if (is_unborn(p) && p->sex != 'U') {
        char v[2] = {p->sex, '\0'};
        field_fail(errs, f, -1, v, "is given for an unborn child", "U (unknown) until the birth");
    }
}

static void check_ethnicity(const struct field *f, const void *rec, const struct field_ctx *ctx,
                            struct field_errors *errs)
{
    (void)ctx;
    if (P(rec)->kind == PERSON_CHILD && !P(rec)->ethnicity[0])
        field_fail(errs, f, -1, NULL, "is missing",
                   "an ethnicity code for a child: NOBT when not yet obtained, REFU when refused");
}

static void check_upn_text(const struct field *f, const char *v, size_t size,
                           const struct field_ctx *ctx, struct field_errors *errs)
{
    size_t len = strnlen(v, size);
    unsigned bad = len ? upn_problems(v, len, ctx->year) : 0;
    if (!bad)
        return;
    char why[192];
    upn_describe(v, len, bad, why, sizeof(why));
    char problem[224];
    snprintf(problem, sizeof(problem), "is not a valid UPN because %s", why);
    field_fail(errs, f, -1, v, problem, NULL);
}

static void check_upn(const struct field *f, const void *rec, const struct field_ctx *ctx,
                      struct field_errors *errs)
{
    check_upn_text(f, P(rec)->upn, sizeof(P(rec)->upn), ctx, errs);
}

static void check_former_upn(const struct field *f, const void *rec, const struct field_ctx *ctx,
                             struct field_errors *errs)
{
    check_upn_text(f, P(rec)->former_upn, sizeof(P(rec)->former_upn), ctx, errs);
}

static void check_upn_unknown(const struct field *f, const void *rec, const struct field_ctx *ctx,
                              struct field_errors *errs)
{
    (void)ctx;
    const struct person *p = rec;
    if (p->upn_unknown[0] && p->upn[0])
        field_fail(errs, f, -1, p->upn_unknown, "is given although the child has a UPN",
                   "a reason only when the UPN is not known");
}

static void check_postcode(const struct field *f, const void *rec, const struct field_ctx *ctx,
                           struct field_errors *errs)
{
    (void)ctx;
    const char *v = P(rec)->postcode;
    size_t len = strnlen(v, sizeof(P(rec)->postcode));
    char tidy[POSTCODE_LEN_MAX + 1];
    if (!len || postcode_valid(v, len))
        return;
    if (postcode_normalise(v, len, tidy))
        field_fail(errs, f, -1, v, "is not written in the standard form",
                   "'%s': capitals, one space before the last three characters", tidy);
    else
        field_fail(errs, f, -1, v, "is not a UK postcode", NULL);
}

static void check_uasc_ceased(const struct field *f, const void *rec, const struct field_ctx *ctx,
                              struct field_errors *errs)
{
    const struct person *p = rec;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    kdate d = p->uasc_ceased;
    if (d == DATE_NONE)
        return;
    if (!p->uasc)
        field_fail(errs, f, -1, iso(d, a), "is given for a child not recorded as UASC",
                   "a date only for an unaccompanied asylum-seeking child (rule 303)");
    if (d > ctx->today)
        field_fail(errs, f, -1, iso(d, a), "is in the future", "a date up to today (%s)",
                   iso(ctx->today, b));
    if (p->dob != DATE_NONE && d < p->dob)
        field_fail(errs, f, -1, iso(d, a), "is before the date of birth",
                   "a date on or after the date of birth (%s)", iso(p->dob, b));
    else if (p->dob != DATE_NONE && d > date_birthday(p->dob, 18))
        field_fail(errs, f, -1, iso(d, a), "is after the child's 18th birthday",
                   "a date on or before %s: UASC status ends at 18 (rule 304)",
                   iso(date_birthday(p->dob, 18), b));
}

static void check_disabilities(const struct field *f, const void *rec, const struct field_ctx *ctx,
                               struct field_errors *errs)
{
    (void)ctx;
    const struct person *p = rec;
    for (int i = 0; i < p->n_disabilities; i++) {
        const char *c = p->disabilities[i];
        for (int j = 0; j < i; j++) {
            if (!strcmp(c, p->disabilities[j])) {
                field_fail(errs, f, i, c, "is listed twice", "each disability once (rule 8794)");
                break;
            }
        }
        if (p->n_disabilities > 1 && !strcmp(c, "NONE"))
            field_fail(errs, f, i, c, "is given with other disabilities",
                       "NONE on its own, or only the disabilities the child has (rule 8790)");
    }
}

/* The NHS number and where it came from, or why it is not known: one of the two, whole. */
static bool has_nhs(const struct person *p) { return p->nhs_number[0] != '\0'; }
static bool nhs_not_known(const struct person *p) { return !strcmp(p->nhs_source, "not-known"); }

static void check_nhs_source(const struct field *f, const void *rec, const struct field_ctx *ctx,
                             struct field_errors *errs)
{
    (void)ctx;
    const struct person *p = rec;
    if (has_nhs(p) && !p->nhs_source[0])
        field_fail(errs, f, -1, NULL, "is missing", "where the NHS number came from");
    else if (has_nhs(p) && nhs_not_known(p))
        field_fail(errs, f, -1, p->nhs_source, "is given with an NHS number",
                   "where the number came from, or no number when it is not known");
    else if (!has_nhs(p) && p->nhs_source[0] && !nhs_not_known(p))
        field_fail(errs, f, -1, p->nhs_source, "is given without an NHS number",
                   "the NHS number too, or not-known with the reason");
}

static void check_nhs_unknown(const struct field *f, const void *rec, const struct field_ctx *ctx,
                              struct field_errors *errs)
{
    (void)ctx;
    const struct person *p = rec;
    if (p->nhs_unknown[0] && has_nhs(p))
        field_fail(errs, f, -1, p->nhs_unknown, "is given although the child has an NHS number",
                   "a reason only when the NHS number is not known");
    else if (!p->nhs_unknown[0] && nhs_not_known(p) && !has_nhs(p))
        field_fail(errs, f, -1, NULL, "is missing", "why the NHS number is not known");
}

static void check_nhs_unknown_text(const struct field *f, const void *rec,
                                   const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct person *p = rec;
    bool other = !strcmp(p->nhs_unknown, "other");
    if (other && blank(p->nhs_unknown_text))
        field_fail(errs, f, -1, NULL, "is missing",
                   "what the other reason is, when the reason is other");
    else if (!other && !blank(p->nhs_unknown_text))
        field_fail(errs, f, -1, p->nhs_unknown_text, "is given for a reason that is not other",
                   "words only with the reason other");
}

#define PF(m) offsetof(struct person, m)
#define PSIZE(m) sizeof(((const struct person *)NULL)->m)

const struct field person_fields[] = {
    {.name = "kind",
     .label = "kind of record",
     .expect = "a child or a relative",
     .type = FIELD_ENUM,
     .flags = FIELD_IMPLIED, /* a child's record is a child's: set by where it is made */
     .offset = PF(kind),
     .codeset = CS_PERSON_KIND},
    {.name = "la_child_id",
     .label = "LA child id",
     .expect = "1 to 20 letters and digits, with no spaces or punctuation (rules 1570, 1580)",
     .type = FIELD_CHARS,
     .offset = PF(la_child_id),
     .size = PSIZE(la_child_id),
     .max_len = LA_CHILD_ID_LEN_MAX,
     .applies = is_child,
     .applies_to = "children",
     .check = check_la_child_id},
    {.name = "given_name",
     .label = "given name",
     .expect = "a given name of up to 100 characters",
     .type = FIELD_TEXT,
     .offset = PF(given_name),
     .max_len = 100,
     .check = check_given_name},
    {.name = "family_name",
     .label = "family name",
     .expect = "a family name of up to 100 characters",
     .type = FIELD_TEXT,
     .offset = PF(family_name),
     .flags = FIELD_REQUIRED,
     .max_len = 100},
    {.name = "dob",
     .label = "date of birth",
     .expect = "a date from 1800 up to today",
     .type = FIELD_DATE,
     .offset = PF(dob),
     .check = check_dob},
    {.name = "expected_dob",
     .label = "expected date of birth",
     .expect = "a date within 42 weeks of today, for an unborn child",
     .type = FIELD_DATE,
     .offset = PF(expected_dob),
     .applies = is_child,
     .applies_to = "children",
     .check = check_expected_dob},
    {.name = "death",
     .label = "date of death",
     .expect = "a date on or after the date of birth, up to today",
     .type = FIELD_DATE,
     .offset = PF(death),
     .check = check_death},
    /* kith records sex as the CIN census has from 2024/25; returns for earlier years map
     * M/F/U to the old codes, so the record is judged by the 2024/25 list whatever the year. */
    {.name = "sex",
     .label = "sex",
     .expect = "M (male), F (female) or U (unknown)",
     .type = FIELD_CHAR,
     .offset = PF(sex),
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_SEX,
     .code_year = 2025,
     .check = check_sex},
    {.name = "ethnicity",
     .label = "ethnicity",
     .expect = "an ethnicity code such as WBRI",
     .type = FIELD_CHARS,
     .offset = PF(ethnicity),
     .size = PSIZE(ethnicity),
     .flags = FIELD_CODED,
     .codeset = CS_ETHNICITY,
     .check = check_ethnicity},
    {.name = "upn",
     .label = "UPN",
     .expect = "a unique pupil number: a check letter, 11 digits, then a digit or letter",
     .type = FIELD_CHARS,
     .offset = PF(upn),
     .size = PSIZE(upn),
     .applies = is_child,
     .applies_to = "children",
     .check = check_upn},
    {.name = "former_upn",
     .label = "former UPN",
     .expect = "a unique pupil number: a check letter, 11 digits, then a digit or letter",
     .type = FIELD_CHARS,
     .offset = PF(former_upn),
     .size = PSIZE(former_upn),
     .applies = is_child,
     .applies_to = "children",
     .check = check_former_upn},
    {.name = "upn_unknown",
     .label = "reason the UPN is not known",
     .expect = "UN1 to UN7",
     .type = FIELD_CHARS,
     .offset = PF(upn_unknown),
     .size = PSIZE(upn_unknown),
     .flags = FIELD_CODED,
     .codeset = CS_UPN_UNKNOWN,
     .applies = is_child,
     .applies_to = "children",
     .check = check_upn_unknown},
    {.name = "nhs_number",
     .label = "NHS number",
     .expect = "10 digits, such as 943 476 5919, the last a check on the other nine",
     .hint = "10 digits, spaces allowed. The child's consistent identifier",
     .type = FIELD_CHARS,
     .offset = PF(nhs_number),
     .size = PSIZE(nhs_number),
     .applies = is_child,
     .applies_to = "children",
     .check = dup_field_nhs},
    {.name = "nhs_source",
     .label = "where the NHS number came from",
     .expect = "a code such as pds-trace or not-known ('kith codes nhs-source' lists them)",
     .type = FIELD_CHARS,
     .offset = PF(nhs_source),
     .size = PSIZE(nhs_source),
     .flags = FIELD_CODED,
     .codeset = CS_NHS_SOURCE,
     .applies = is_child,
     .applies_to = "children",
     .check = check_nhs_source},
    {.name = "nhs_unknown",
     .label = "why the NHS number is not known",
     .expect = "a code such as not-traced ('kith codes nhs-unknown' lists them)",
     .type = FIELD_CHARS,
     .offset = PF(nhs_unknown),
     .size = PSIZE(nhs_unknown),
     .flags = FIELD_CODED,
     .codeset = CS_NHS_UNKNOWN,
     .shown_with = "nhs_source=not-known",
     .applies = is_child,
     .applies_to = "children",
     .check = check_nhs_unknown},
    {.name = "nhs_unknown_text",
     .label = "the other reason",
     .expect = "the reason in up to 200 characters",
     .hint = "Only when the reason is another one",
     .type = FIELD_TEXT,
     .offset = PF(nhs_unknown_text),
     .max_len = 200,
     .shown_with = "nhs_source=not-known",
     .applies = is_child,
     .applies_to = "children",
     .check = check_nhs_unknown_text},
    {.name = "postcode",
     .label = "postcode",
     .expect = "a UK postcode in capitals with one space, such as N1 9GU",
     .type = FIELD_CHARS,
     .offset = PF(postcode),
     .size = PSIZE(postcode),
     .check = check_postcode},
    {.name = "uasc",
     .label = "unaccompanied asylum-seeking child",
     .expect = "yes or no",
     .type = FIELD_BOOL,
     .offset = PF(uasc),
     .applies = is_child,
     .applies_to = "children"},
    {.name = "uasc_ceased",
     .label = "date UASC status ended",
     .expect = "a date between the birth and the 18th birthday, up to today",
     .type = FIELD_DATE,
     .offset = PF(uasc_ceased),
     .applies = is_child,
     .applies_to = "children",
     .check = check_uasc_ceased},
    {.name = "disabilities",
     .label = "disability",
     .expect = "a disability code such as HEAR",
     .type = FIELD_CODE_LIST,
     .offset = PF(disabilities),
     .size = PSIZE(disabilities[0]),
     .count_offset = PF(n_disabilities),
     .max_count = DISABILITIES_MAX,
     .flags = FIELD_CODED,
     .codeset = CS_DISABILITY,
     .check = check_disabilities},
    {.name = "created",
     .label = "date the record was opened",
     .expect = "the day the record was opened in kith",
     .type = FIELD_DATE,
     .flags = FIELD_KEPT,
     .offset = PF(created)},
    {.name = NULL},
};

void field_check_person_on(const struct person *p, int year, kdate today, struct field_errors *errs)
{
    struct field_ctx ctx = {year, today};
    field_errors_clear(errs);
    field_check(person_fields, p, &ctx, errs);
}

void field_check_person(const struct person *p, int year, struct field_errors *errs)
{
    field_check_person_on(p, year, date_today(), errs);
}

struct person person_blank_child(void)
{
    return (struct person){.kind = PERSON_CHILD,
                           .given_name = "",
                           .family_name = "",
                           .dob = DATE_NONE,
                           .expected_dob = DATE_NONE,
                           .death = DATE_NONE,
                           .uasc_ceased = DATE_NONE,
                           .created = DATE_NONE};
}
