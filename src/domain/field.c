/*
 * The generic field-table walker and the table for struct person.
 *
 * field_check() reads each member through offsetof(), applies the row's own checks
 * (presence, who the field applies to, length, code set and year), then the row's check
 * function for rules that look at other fields. Every problem becomes one entry in
 * `struct field_errors`, with the value quoted and the expectation in plain words; nothing
 * stops at the first error. The person table below follows the CIN census where it has a
 * rule (UPN 1510-1560, LAchildID 1570/1580, sex of an unborn child 8750, disabilities
 * 8790/8794, UASC end 303/304) so a record that passes here does not fail those rules later.
 */
#include "domain/field.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/ident.h"
#include "domain/text.h"

#define EXPECTED_LATE_WEEKS                                                                        \
    42 /* the longest a pregnancy runs: an expected birth further off is a typo */

void field_errors_clear(struct field_errors *errs)
{
    errs->n = 0;
    errs->dropped = 0;
}

/* Copy a value for quoting: printable ASCII and UTF-8 bytes kept, controls shown as '?',
 * long values cut with "...". */
static void quote_value(char *dst, size_t size, const char *v, size_t len)
{
    size_t room = size - 1, n = len <= room ? len : room - 3;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        dst[i] = (char)(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (n < len) {
        memcpy(dst + n, "...", 3);
        n += 3;
    }
    dst[n] = '\0';
}

void field_fail(struct field_errors *errs, const struct field *f, int item, const char *value,
                const char *problem, const char *expected_fmt, ...)
{
    if (errs->n >= FIELD_ERRORS_MAX) {
        errs->dropped++;
        return;
    }
    /* Composed in locals first: `value` or `problem` may point into an earlier error. */
    char v[sizeof(errs->items[0].value)], expected[sizeof(errs->items[0].expected)];
    char msg[sizeof(errs->items[0].msg)], what[32] = "";
    quote_value(v, sizeof(v), value ? value : "", value ? strlen(value) : 0);
    if (expected_fmt) {
        va_list ap;
        va_start(ap, expected_fmt);
        vsnprintf(expected, sizeof(expected), expected_fmt, ap);
        va_end(ap);
    } else {
        snprintf(expected, sizeof(expected), "%s", f->expect ? f->expect : "a value");
    }
    if (item >= 0)
        snprintf(what, sizeof(what), " (number %d)", item + 1);
    if (v[0])
        snprintf(msg, sizeof(msg), "%s%s '%s' %s: expected %s", f->label, what, v, problem,
                 expected);
    else
        snprintf(msg, sizeof(msg), "%s%s %s: expected %s", f->label, what, problem, expected);
    struct field_error *e = &errs->items[errs->n++];
    e->field = f->name;
    e->label = f->label;
    e->item = item;
    memcpy(e->value, v, sizeof(v));
    memcpy(e->expected, expected, sizeof(expected));
    memcpy(e->msg, msg, sizeof(msg));
}

const struct field *field_find(const struct field *table, const char *name)
{
    for (const struct field *f = table; name && f->name; f++)
        if (!strcmp(f->name, name))
            return f;
    return NULL;
}

const struct field_error *field_error_for(const struct field_errors *errs, const char *name)
{
    for (size_t i = 0; name && i < errs->n; i++)
        if (!strcmp(errs->items[i].field, name))
            return &errs->items[i];
    return NULL;
}

enum kerr_code field_error_kerr(const struct field_error *fe, struct kerr *e)
{
    return kerr_fail(e, KITH_E_INVALID, fe->field, "%s", fe->msg);
}

/* ---- reading members ---- */

static const char *member(const void *rec, size_t offset) { return (const char *)rec + offset; }

static kdate get_date(const void *rec, size_t offset)
{
    kdate d;
    memcpy(&d, member(rec, offset), sizeof(d));
    return d;
}

static int get_int(const void *rec, size_t offset)
{
    int v;
    memcpy(&v, member(rec, offset), sizeof(v));
    return v;
}

static const char *get_text(const void *rec, size_t offset)
{
    const char *s;
    memcpy(&s, member(rec, offset), sizeof(s));
    return s;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* Names and identifiers are one line without bidi controls or invisible characters
 * (domain/text.h); says what is wrong, or NULL. */
static const char *name_problem(const char *s, size_t len, char *buf, size_t size)
{
    return text_problem(s, len, TEXT_NAME, buf, size);
}

/* ---- codes ---- */

static int year_for(const struct field *f, const struct field_ctx *ctx)
{
    return f->code_year ? f->code_year : ctx->year;
}

/* "one of M (Male), F (Female), U (Unknown)" for small sets, else where to find the list. */
static void expected_codes(const struct field *f, int year, char *buf, size_t size)
{
    const struct codeset *s = codeset_get(f->codeset);
    int valid = 0;
    for (int i = 0; i < s->n; i++)
        valid += code_in_year(&s->codes[i], year);
    if (valid > 8) {
        const char *first = "";
        for (int i = 0; i < s->n && !*first; i++)
            if (code_in_year(&s->codes[i], year))
                first = s->codes[i].code;
        snprintf(buf, size, "a code from the %s list, such as %s ('kith codes %s' lists them)",
                 s->title, first, s->name);
        return;
    }
    size_t n = (size_t)snprintf(buf, size, "one of ");
    int k = 0;
    for (int i = 0; i < s->n && n < size; i++) {
        if (!code_in_year(&s->codes[i], year))
            continue;
        int w = snprintf(buf + n, size - n, "%s%s (%s)", k ? (k == valid - 1 ? " or " : ", ") : "",
                         s->codes[i].code, code_label_in(&s->codes[i], year));
        n += w > 0 ? (size_t)w : 0;
        k++;
    }
}

/* Check one code; on failure add an error and return false. */
static bool check_code(const struct field *f, const struct field_ctx *ctx, int item, const char *v,
                       size_t len, struct field_errors *errs)
{
    int year = year_for(f, ctx);
    int idx = code_index(f->codeset, v, len);
    if (idx >= 0 && code_index_valid(f->codeset, idx, year))
        return true;
    char expected[sizeof(errs->items[0].expected)];
    expected_codes(f, year, expected, sizeof(expected));
    char value[32];
    quote_value(value, sizeof(value), v, len);
    if (idx >= 0) {
        char y[16];
        const struct code *c = &codeset_get(f->codeset)->codes[idx];
        char when[48];
        if (c->to && year > c->to)
            snprintf(when, sizeof(when), "was last used in %s",
                     collection_year_text(c->to, y, sizeof(y)));
        else
            snprintf(when, sizeof(when), "is used only from %s",
                     collection_year_text(c->from, y, sizeof(y)));
        char problem[128];
        snprintf(problem, sizeof(problem), "%s, not in %s", when,
                 collection_year_text(year, y, sizeof(y)));
        field_fail(errs, f, item, value, problem, "%s", expected);
        return false;
    }
    char upper[32];
    size_t n = len < sizeof(upper) - 1 ? len : sizeof(upper) - 1;
    bool lower = false;
    for (size_t i = 0; i < n; i++) {
        upper[i] = v[i];
        if (v[i] >= 'a' && v[i] <= 'z') {
            upper[i] = (char)(v[i] - 'a' + 'A');
            lower = true;
        }
    }
    if (lower && code_valid(f->codeset, upper, n, year))
        field_fail(errs, f, item, value, "is not a code (codes are written in capitals)", "%s",
                   expected);
    else
        field_fail(errs, f, item, value, "is not a code we know", "%s", expected);
    return false;
}

/* ---- the walker ---- */

/* The value as text for messages and whether it is present. */
static bool read_value(const struct field *f, const void *rec, char *buf, size_t size)
{
    buf[0] = '\0';
    switch (f->type) {
    case FIELD_TEXT: {
        const char *s = get_text(rec, f->offset);
        if (s)
            quote_value(buf, size, s, strlen(s));
        return !blank(s);
    }
    case FIELD_CHARS: {
        const char *s = member(rec, f->offset);
        quote_value(buf, size, s, strnlen(s, f->size));
        return s[0] != '\0';
    }
    case FIELD_CHAR: {
        char c = *member(rec, f->offset);
        quote_value(buf, size, &c, c ? 1 : 0);
        return c != '\0';
    }
    case FIELD_DATE: {
        kdate d = get_date(rec, f->offset);
        if (d == DATE_NONE)
            return false;
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        snprintf(buf, size, "%04d-%02d-%02d", y, m, dd);
        return true;
    }
    case FIELD_BOOL: {
        bool b;
        memcpy(&b, member(rec, f->offset), sizeof(b));
        snprintf(buf, size, "%s", b ? "yes" : "no");
        return b;
    }
    case FIELD_ENUM:
        snprintf(buf, size, "%d", get_int(rec, f->offset));
        return true;
    case FIELD_CODE_LIST:
        snprintf(buf, size, "%d", get_int(rec, f->count_offset));
        return get_int(rec, f->count_offset) != 0;
    case FIELD_INT: {
        int64_t v;
        memcpy(&v, member(rec, f->offset), sizeof(v));
        snprintf(buf, size, "%lld", (long long)v);
        return v != 0;
    }
    }
    return false;
}

/* The row's own checks of a present value; false after adding an error. */
static bool check_value(const struct field *f, const void *rec, const struct field_ctx *ctx,
                        const char *text, struct field_errors *errs)
{
    switch (f->type) {
    case FIELD_TEXT: {
        const char *s = get_text(rec, f->offset);
        size_t len = strlen(s);
        if (f->max_len && len > (size_t)f->max_len) {
            field_fail(errs, f, -1, text, "is too long", "at most %d characters", f->max_len);
            return false;
        }
        char why[96];
        /* multi-line text (a note's body) may hold line breaks and tabs; everything else
         * is a name or a line (domain/text.h) */
        const char *problem = text_problem(
            s, len, f->flags & FIELD_MULTILINE ? TEXT_FREE : TEXT_NAME, why, sizeof why);
        if (problem) {
            field_fail(errs, f, -1, text, problem, "%s", f->expect);
            return false;
        }
        return true;
    }
    case FIELD_CHARS: {
        const char *s = member(rec, f->offset);
        size_t len = strnlen(s, f->size);
        size_t max = f->max_len ? (size_t)f->max_len : f->size - 1;
        if (len > max) {
            field_fail(errs, f, -1, text, "is too long", "at most %zu characters", max);
            return false;
        }
        char why[96];
        const char *problem = name_problem(s, len, why, sizeof why);
        if (problem) {
            field_fail(errs, f, -1, text, problem, "%s", f->expect);
            return false;
        }
        return !(f->flags & FIELD_CODED) || check_code(f, ctx, -1, s, len, errs);
    }
    case FIELD_CHAR: {
        char c = *member(rec, f->offset);
        return !(f->flags & FIELD_CODED) || check_code(f, ctx, -1, &c, 1, errs);
    }
    case FIELD_DATE: {
        int y, m, d;
        date_to_ymd(get_date(rec, f->offset), &y, &m, &d);
        if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
            field_fail(errs, f, -1, text, "is out of range", "a date from %d to %d", DATE_MIN_YEAR,
                       DATE_MAX_YEAR);
            return false;
        }
        if ((f->flags & FIELD_PAST) && ctx->today != DATE_NONE &&
            get_date(rec, f->offset) > ctx->today) {
            char t[DATE_ISO_LEN];
            field_fail(errs, f, -1, text, "is in the future", "a date up to today (%s)",
                       date_format_iso(ctx->today, t));
            return false;
        }
        return true;
    }
    case FIELD_INT: {
        int64_t v;
        memcpy(&v, member(rec, f->offset), sizeof(v));
        if (v < f->min || v > f->max) {
            field_fail(errs, f, -1, text, "is out of range", "a whole number from %lld to %lld",
                       (long long)f->min, (long long)f->max);
            return false;
        }
        return true;
    }
    case FIELD_BOOL:
        return true;
    case FIELD_ENUM: {
        int v = get_int(rec, f->offset);
        if (v < 0 || v >= codeset_get(f->codeset)->n) {
            char expected[sizeof(errs->items[0].expected)];
            expected_codes(f, 0, expected, sizeof(expected));
            field_fail(errs, f, -1, text, "is not a known value", "%s", expected);
            return false;
        }
        return true;
    }
    case FIELD_CODE_LIST: {
        int n = get_int(rec, f->count_offset);
        if (n < 0 || n > f->max_count) {
            field_fail(errs, f, -1, text, "is not a possible number of entries",
                       "from 0 to %d entries", f->max_count);
            return false;
        }
        bool ok = true;
        for (int i = 0; i < n; i++) {
            const char *s = member(rec, f->offset + (size_t)i * f->size);
            size_t len = strnlen(s, f->size);
            char v[32];
            quote_value(v, sizeof(v), s, len);
            if (len == 0 || len == f->size) {
                field_fail(errs, f, i, v, len ? "is too long" : "is empty", "%s", f->expect);
                ok = false;
            } else if ((f->flags & FIELD_CODED) && !check_code(f, ctx, i, s, len, errs)) {
                ok = false;
            }
        }
        return ok;
    }
    }
    return true;
}

/* The context to judge row `f` in: its own collection year when it names the date field
 * that sets it and the caller named none. */
static struct field_ctx ctx_for(const struct field *table, const struct field *f, const void *rec,
                                const struct field_ctx *ctx)
{
    struct field_ctx c = *ctx;
    const struct field *d = f->year_from && !ctx->year ? field_find(table, f->year_from) : NULL;
    if (d && d->type == FIELD_DATE && get_date(rec, d->offset) != DATE_NONE)
        c.year = collection_year(get_date(rec, d->offset));
    return c;
}

bool field_date_before(struct field_errors *errs, const struct field *f, kdate day, kdate earliest,
                       const char *what, bool strict)
{
    if (day == DATE_NONE || earliest == DATE_NONE || day > earliest || (!strict && day == earliest))
        return false;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], problem[96];
    snprintf(problem, sizeof problem, "is %s %s", day == earliest ? "the same day as" : "before",
             what);
    field_fail(errs, f, -1, date_format_iso(day, a), problem, "a day %s %s",
               strict ? "after" : "on or after", date_format_iso(earliest, b));
    return true;
}

void field_check(const struct field *table, const void *rec, const struct field_ctx *ctx_in,
                 struct field_errors *errs)
{
    for (const struct field *f = table; f->name; f++) {
        struct field_ctx own = ctx_for(table, f, rec, ctx_in);
        const struct field_ctx *ctx = &own;
        char text[64];
        bool present = read_value(f, rec, text, sizeof(text));
        bool applies = !f->applies || f->applies(rec);
        size_t before = errs->n + errs->dropped;
        if (!applies) {
            if (present)
                field_fail(errs, f, -1, text, "is given", "nothing: it is recorded only for %s",
                           f->applies_to ? f->applies_to : "some records");
            continue;
        }
        if (!present && (f->flags & FIELD_REQUIRED))
            field_fail(errs, f, -1, NULL, "is missing", NULL);
        else if (present)
            check_value(f, rec, ctx, text, errs);
        if (f->check && errs->n + errs->dropped == before)
            f->check(f, rec, ctx, errs);
    }
}

/* ---- people ---- */

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

#define PF(m) offsetof(struct person, m)
#define PSIZE(m) sizeof(((const struct person *)NULL)->m)

const struct field person_fields[] = {
    {.name = "kind",
     .label = "kind of record",
     .expect = "a child or a relative",
     .type = FIELD_ENUM,
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
