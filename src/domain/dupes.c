/*
 * Duplicate scoring (dupes.h). Each rule is a row: a name for programs, its points, and a
 * test that writes its reason. The points say how much each fact tells: an NHS number is
 * near proof (60) and two different ones near proof of two children (-50); a UPN is
 * strong (40); a date of birth (25) or its day and month swapped, the commonest typing
 * slip (15); names exact (20 family, 15 given) or only alike in sound (12, 9), or swapped
 * between given and family (25, as often happens with names ordered differently in the
 * family's language); a postcode (10) or its district (4). A sound-alike name and the
 * date of birth together pass DUP_SHOWN; a name alone does not.
 */
#include "domain/dupes.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/ident.h"

static bool present(const char *s) { return s && *s; }

/* A name in capitals with only its letters A-Z and any non-ASCII bytes: "O'Brien-Smith"
 * and "obrien smith" read alike. */
static void folded(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; in && *in && n + 1 < cap; in++) {
        unsigned char c = (unsigned char)*in;
        if (isalpha(c) || c >= 0x80)
            out[n++] = (char)(c < 0x80 ? toupper(c) : c);
    }
    out[n] = '\0';
}

/* Soundex classes of A-Z; '0' is a vowel (a separator), '-' is H or W (transparent). */
static const char sound_class[] = "0123012-02245501262301-202";

static bool vowel(char c) { return c && strchr("AEIOUYaeiouy", c); }

/* A G of "gh" with no vowel after it is silent, as in Leigh and Haigh: Leigh sounds as
 * Lee. */
static bool silent_gh(const char *p)
{
    return (p[0] == 'g' || p[0] == 'G') && (p[1] == 'h' || p[1] == 'H') && !vowel(p[2]);
}

void dup_sound_key(const char *name, char out[DUP_KEY_LEN + 1])
{
    size_t n = 0;
    char last = 0;
    for (; name && *name && n < DUP_KEY_LEN; name++) {
        int u = toupper((unsigned char)*name);
        if (u < 'A' || u > 'Z')
            continue;
        char k = sound_class[u - 'A'];
        if (k == '-' || silent_gh(name))
            continue;
        if (!n || (k != '0' && k != last))
            out[n++] = k;
        last = k;
    }
    out[n] = '\0';
}

#define NAME_MAX_FOLD 128

static bool same_name(const char *a, const char *b)
{
    char x[NAME_MAX_FOLD], y[NAME_MAX_FOLD];
    folded(a, x, sizeof x);
    folded(b, y, sizeof y);
    return x[0] && !strcmp(x, y);
}

static bool sounds_same(const char *a, const char *b)
{
    char x[DUP_KEY_LEN + 1], y[DUP_KEY_LEN + 1];
    dup_sound_key(a, x);
    dup_sound_key(b, y);
    return x[0] && !strcmp(x, y);
}

/* Exact or in sound. */
static bool alike(const char *a, const char *b)
{
    return present(a) && present(b) && (same_name(a, b) || sounds_same(a, b));
}

typedef bool (*dup_test)(const struct dup_person *p, const struct dup_person *c, char *why,
                         size_t cap);

static bool nhs_same(const struct dup_person *p, const struct dup_person *c, char *why, size_t cap)
{
    snprintf(why, cap, "same NHS number");
    return present(p->nhs) && present(c->nhs) && !strcmp(p->nhs, c->nhs);
}

static bool nhs_differ(const struct dup_person *p, const struct dup_person *c, char *why,
                       size_t cap)
{
    snprintf(why, cap, "different NHS numbers");
    return present(p->nhs) && present(c->nhs) && strcmp(p->nhs, c->nhs);
}

static bool upn_same(const struct dup_person *p, const struct dup_person *c, char *why, size_t cap)
{
    snprintf(why, cap, "same UPN");
    return present(p->upn) && present(c->upn) && !strcasecmp(p->upn, c->upn);
}

static bool dob_same(const struct dup_person *p, const struct dup_person *c, char *why, size_t cap)
{
    snprintf(why, cap, "same date of birth");
    return p->dob != DATE_NONE && p->dob == c->dob;
}

static bool dob_swapped(const struct dup_person *p, const struct dup_person *c, char *why,
                        size_t cap)
{
    if (p->dob == DATE_NONE || c->dob == DATE_NONE || p->dob == c->dob)
        return false;
    int py, pm, pd, cy, cm, cd;
    date_to_ymd(p->dob, &py, &pm, &pd);
    date_to_ymd(c->dob, &cy, &cm, &cd);
    snprintf(why, cap, "date of birth with day and month swapped (%02d/%02d and %02d/%02d)", pd, pm,
             cd, cm);
    return py == cy && pd == cm && pm == cd;
}

static bool family_same(const struct dup_person *p, const struct dup_person *c, char *why,
                        size_t cap)
{
    snprintf(why, cap, "same family name");
    return same_name(p->family, c->family);
}

static bool family_sounds(const struct dup_person *p, const struct dup_person *c, char *why,
                          size_t cap)
{
    snprintf(why, cap, "family name sounds the same: %s and %s", p->family, c->family);
    return present(p->family) && present(c->family) && !same_name(p->family, c->family) &&
           sounds_same(p->family, c->family);
}

static bool given_same(const struct dup_person *p, const struct dup_person *c, char *why,
                       size_t cap)
{
    snprintf(why, cap, "same given name");
    return same_name(p->given, c->given);
}

static bool given_sounds(const struct dup_person *p, const struct dup_person *c, char *why,
                         size_t cap)
{
    snprintf(why, cap, "given name sounds the same: %s and %s", p->given, c->given);
    return present(p->given) && present(c->given) && !same_name(p->given, c->given) &&
           sounds_same(p->given, c->given);
}

/* Only when the names do not already match the right way round. */
static bool names_swapped(const struct dup_person *p, const struct dup_person *c, char *why,
                          size_t cap)
{
    snprintf(why, cap, "given and family names swapped (%s %s and %s %s)", p->given, p->family,
             c->given, c->family);
    return alike(p->given, c->family) && alike(p->family, c->given) && !alike(p->given, c->given) &&
           !alike(p->family, c->family);
}

static bool postcode_same(const struct dup_person *p, const struct dup_person *c, char *why,
                          size_t cap)
{
    snprintf(why, cap, "same postcode");
    return present(p->postcode) && present(c->postcode) && !strcasecmp(p->postcode, c->postcode);
}

/* The outward code: what is before the space. */
static size_t outward(const char *pc)
{
    const char *sp = strchr(pc, ' ');
    return sp ? (size_t)(sp - pc) : 0;
}

static bool district_same(const struct dup_person *p, const struct dup_person *c, char *why,
                          size_t cap)
{
    if (!present(p->postcode) || !present(c->postcode) || !strcasecmp(p->postcode, c->postcode))
        return false;
    size_t n = outward(p->postcode);
    snprintf(why, cap, "same postcode district (%.*s)", (int)n, p->postcode);
    return n && n == outward(c->postcode) && !strncasecmp(p->postcode, c->postcode, n);
}

static const struct {
    const char *rule;
    int points;
    dup_test test;
} rules[] = {
    {"nhs", 60, nhs_same},
    {"nhs-differs", -50, nhs_differ},
    {"upn", 40, upn_same},
    {"dob", 25, dob_same},
    {"dob-swapped", 15, dob_swapped},
    {"family", 20, family_same},
    {"family-sounds", 12, family_sounds},
    {"given", 15, given_same},
    {"given-sounds", 9, given_sounds},
    {"names-swapped", 25, names_swapped},
    {"postcode", 10, postcode_same},
    {"district", 4, district_same},
};

void dup_score(const struct dup_person *probe, const struct dup_person *cand, struct dup_score *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        char why[sizeof out->reasons[0].text];
        if (!rules[i].test(probe, cand, why, sizeof why))
            continue;
        out->score += rules[i].points;
        if (out->n < DUP_REASONS_MAX) {
            struct dup_reason *r = &out->reasons[out->n++];
            r->rule = rules[i].rule;
            r->points = rules[i].points;
            snprintf(r->text, sizeof r->text, "%s", why);
        }
    }
}

/* ---- the query ---- */

static const char *member_text(const struct field *f, const void *rec)
{
    return *(const char *const *)(const void *)((const char *)rec + f->offset);
}

void dup_field_nhs(const struct field *f, const void *rec, const struct field_ctx *ctx,
                   struct field_errors *errs)
{
    (void)ctx;
    /* a query's text, or a record's array (the person's nhs_number) */
    const char *v = f->type == FIELD_CHARS ? (const char *)rec + f->offset : member_text(f, rec);
    if (!present(v) || !v[strspn(v, " ")])
        return;
    char digits[NHS_NUMBER_LEN + 1];
    enum nhs_problem p = nhs_number_read(v, strlen(v), digits);
    if (p)
        field_fail(errs, f, -1, v, nhs_problem_text(p), NULL);
}

static void check_postcode(const struct field *f, const void *rec, const struct field_ctx *ctx,
                           struct field_errors *errs)
{
    (void)ctx;
    const char *v = member_text(f, rec);
    char pc[POSTCODE_LEN_MAX + 1];
    if (present(v) && v[strspn(v, " ")] && !postcode_normalise(v, strlen(v), pc))
        field_fail(errs, f, -1, v, "is not a postcode", NULL);
}

#define Q(m) offsetof(struct dup_query, m)

const struct field dup_query_fields[] = {
    {.name = "given",
     .label = "given name",
     .expect = "a given name, at most 200 characters",
     .type = FIELD_TEXT,
     .max_len = 200,
     .offset = Q(given)},
    {.name = "family",
     .label = "family name",
     .expect = "a family name, at most 200 characters",
     .type = FIELD_TEXT,
     .max_len = 200,
     .offset = Q(family)},
    {.name = "dob",
     .label = "date of birth",
     .expect = "a date such as 2015-03-07 or 7/3/2015",
     .type = FIELD_DATE,
     .offset = Q(dob)},
    {.name = "nhs_number",
     .label = "NHS number",
     .expect = "10 digits with a valid check digit, such as 943 476 5919",
     .type = FIELD_TEXT,
     .max_len = 20,
     .offset = Q(nhs_number),
     .check = dup_field_nhs},
    {.name = "upn",
     .label = "UPN",
     .expect = "the 13-character unique pupil number",
     .type = FIELD_TEXT,
     .max_len = 13,
     .offset = Q(upn)},
    {.name = "postcode",
     .label = "postcode",
     .expect = "a UK postcode such as N1 9GU",
     .type = FIELD_TEXT,
     .max_len = 10,
     .offset = Q(postcode),
     .check = check_postcode},
    {0},
};

void dup_query_check(const struct dup_query *q, struct field_errors *errs)
{
    bool any = present(q->given) || present(q->family) || q->dob != DATE_NONE ||
               present(q->nhs_number) || present(q->upn) || present(q->postcode);
    if (!any)
        field_fail(errs, &dup_query_fields[1], -1, NULL, "is missing",
                   "something to look for: a name, a date of birth, an NHS number, a UPN or a "
                   "postcode");
}

void dup_query_person(const struct dup_query *q, struct dup_query_bufs *b, struct dup_person *out)
{
    memset(b, 0, sizeof *b);
    if (present(q->nhs_number))
        (void)nhs_number_read(q->nhs_number, strlen(q->nhs_number), b->nhs);
    if (present(q->postcode))
        (void)postcode_normalise(q->postcode, strlen(q->postcode), b->postcode);
    size_t n = 0;
    for (const char *p = q->upn; p && *p && n + 1 < sizeof b->upn; p++)
        if (*p != ' ')
            b->upn[n++] = (char)toupper((unsigned char)*p);
    *out = (struct dup_person){.given = q->given,
                               .family = q->family,
                               .dob = q->dob,
                               .nhs = b->nhs,
                               .upn = b->upn,
                               .postcode = b->postcode};
}
