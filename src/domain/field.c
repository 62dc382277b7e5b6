/*
 * The generic field-table walker; it knows no record type (the tables are in each type's
 * own file: domain/person.c, domain/entities.c, domain/contact.c...).
 *
 * field_check() reads each member through offsetof(), applies the row's own checks
 * (presence, who the field applies to, length, code set and year), then the row's check
 * function for rules that look at other fields. Every problem becomes one entry in
 * `struct field_errors`, with the value quoted and the expectation in plain words; nothing
 * stops at the first error.
 */
#include "domain/field.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/text.h"

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
    char msg[sizeof(errs->items[0].msg)], what[32] = "", why[sizeof(errs->items[0].problem)];
    snprintf(why, sizeof why, "%s", problem);
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
    memcpy(e->problem, why, sizeof(why));
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

/* ---- decimals ---- */

static int64_t pow10_of(int decimals)
{
    int64_t p = 1;
    for (int i = 0; i < decimals; i++)
        p *= 10;
    return p;
}

bool field_decimal_parse(const char *s, int decimals, int64_t *units)
{
    if (!s || decimals < 0 || decimals > 4)
        return false;
    while (*s == ' ')
        s++;
    bool neg = *s == '-';
    s += neg;
    int64_t whole = 0, frac = 0;
    int nwhole = 0, nfrac = 0;
    for (; *s >= '0' && *s <= '9'; s++, nwhole++) {
        if (nwhole >= 12)
            return false;
        whole = whole * 10 + (*s - '0');
    }
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, nfrac++) {
            if (nfrac >= decimals)
                return false;
            frac = frac * 10 + (*s - '0');
        }
    }
    while (*s == ' ')
        s++;
    if (*s || nwhole + nfrac == 0)
        return false;
    int64_t v = whole * pow10_of(decimals) + frac * pow10_of(decimals - nfrac);
    *units = neg ? -v : v;
    return true;
}

int64_t field_decimal_units(double v, int decimals)
{
    double x = v * (double)pow10_of(decimals);
    if (!(x > -1e15 && x < 1e15)) /* NaN, infinities and what no field holds */
        return INT64_MIN;
    return (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
}

const char *field_decimal_text(int64_t units, int decimals, char *buf, size_t size)
{
    if (units == INT64_MIN) {
        snprintf(buf, size, "not a number");
        return buf;
    }
    int64_t p = pow10_of(decimals), a = units < 0 ? -units : units;
    if (decimals)
        snprintf(buf, size, "%s%lld.%0*lld", units < 0 ? "-" : "", (long long)(a / p), decimals,
                 (long long)(a % p));
    else
        snprintf(buf, size, "%lld", (long long)units);
    return buf;
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
        return get_int(rec, f->offset) >= 0;
    case FIELD_CODE_LIST:
        snprintf(buf, size, "%d", get_int(rec, f->count_offset));
        return get_int(rec, f->count_offset) != 0;
    case FIELD_INT: {
        int64_t v;
        memcpy(&v, member(rec, f->offset), sizeof(v));
        snprintf(buf, size, "%lld", (long long)v);
        return v != 0;
    }
    case FIELD_DECIMAL: {
        double v;
        memcpy(&v, member(rec, f->offset), sizeof(v));
        int64_t u = field_decimal_units(v, f->decimals);
        field_decimal_text(u, f->decimals, buf, size);
        return u != 0;
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
        /* A limit is in characters, as the forms count them and people read it: each byte
         * but a UTF-8 continuation byte starts one (text is UTF-8 by the time it is here),
         * and a line break sent as CR LF is one, as the browser counted it when typed. */
        size_t chars = 0;
        for (size_t i = 0; f->max_len && i < len; i++)
            chars += ((unsigned char)s[i] & 0xC0) != 0x80 && !(s[i] == '\r' && s[i + 1] == '\n');
        if (f->max_len && chars > (size_t)f->max_len) {
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
        return !(f->flags & FIELD_CODED) || check_code(f, ctx, -1, s, len, errs);
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
    case FIELD_DECIMAL: {
        double v;
        memcpy(&v, member(rec, f->offset), sizeof(v));
        int64_t u = field_decimal_units(v, f->decimals);
        if (u < f->min || u > f->max) {
            char lo[32], hi[32];
            field_fail(errs, f, -1, text, "is out of range", "a number from %s to %s",
                       field_decimal_text(f->min, f->decimals, lo, sizeof lo),
                       field_decimal_text(f->max, f->decimals, hi, sizeof hi));
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

void field_date_order_fail(struct field_errors *errs, const struct field *f, kdate day,
                           kdate earliest, const char *what, bool strict)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], problem[96];
    snprintf(problem, sizeof problem, "is %s %s", day == earliest ? "the same day as" : "before",
             what);
    field_fail(errs, f, -1, date_format_iso(day, a), problem, "a day %s %s",
               strict ? "after" : "on or after", date_format_iso(earliest, b));
}

bool field_date_before(struct field_errors *errs, const struct field *f, kdate day, kdate earliest,
                       const char *what, bool strict)
{
    if (day == DATE_NONE || earliest == DATE_NONE || day > earliest || (!strict && day == earliest))
        return false;
    field_date_order_fail(errs, f, day, earliest, what, strict);
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
