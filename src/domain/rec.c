/*
 * Record descriptions read generically: a field as canonical text, text (as typed or as
 * stored) back into a field, every check of a record, and the check that a description
 * is one the platform can serve. Nothing here knows a particular record type.
 */
#include "domain/rec.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/codeset.h"

size_t rec_nfields(const struct rec_type *t)
{
    size_t n = 0;
    while (t->fields[n].name)
        n++;
    return n;
}

int rec_field_index(const struct rec_type *t, const char *name)
{
    for (int i = 0; name && t->fields[i].name; i++)
        if (!strcmp(t->fields[i].name, name))
            return i;
    return -1;
}

static void *at(void *rec, const struct field *f) { return (char *)rec + f->offset; }
static const void *cat(const void *rec, size_t off) { return (const char *)rec + off; }

const char *rec_text(const struct field *f, const void *rec, char buf[REC_TEXT_BUF])
{
    const void *m = cat(rec, f->offset);
    switch (f->type) {
    case FIELD_TEXT: {
        const char *s;
        memcpy(&s, m, sizeof(s));
        return s && *s ? s : NULL;
    }
    case FIELD_CHARS: {
        size_t n = strnlen(m, f->size);
        if (!n)
            return NULL;
        n = n < REC_TEXT_BUF - 1 ? n : REC_TEXT_BUF - 1;
        memcpy(buf, m, n);
        buf[n] = '\0';
        return buf;
    }
    case FIELD_CHAR: {
        char c = *(const char *)m;
        buf[0] = c;
        buf[1] = '\0';
        return c ? buf : NULL;
    }
    case FIELD_DATE: {
        kdate d;
        memcpy(&d, m, sizeof(d));
        return d == DATE_NONE ? NULL : date_format_iso(d, buf);
    }
    case FIELD_BOOL: {
        bool b;
        memcpy(&b, m, sizeof(b));
        buf[0] = b ? '1' : '0';
        buf[1] = '\0';
        return buf;
    }
    case FIELD_ENUM: {
        int v;
        memcpy(&v, m, sizeof(v));
        return vocab_code(f->codeset, v);
    }
    case FIELD_INT: {
        int64_t v;
        memcpy(&v, m, sizeof(v));
        if (!v)
            return NULL;
        snprintf(buf, REC_TEXT_BUF, "%" PRId64, v);
        return buf;
    }
    case FIELD_DECIMAL: {
        double v;
        memcpy(&v, m, sizeof(v));
        int64_t u = field_decimal_units(v, f->decimals);
        return u ? field_decimal_text(u, f->decimals, buf, REC_TEXT_BUF) : NULL;
    }
    case FIELD_CODE_LIST: {
        int n;
        memcpy(&n, cat(rec, f->count_offset), sizeof(n));
        size_t len = 0;
        buf[0] = '\0';
        for (int i = 0; i < n && i < f->max_count; i++) {
            const char *c = cat(rec, f->offset + (size_t)i * f->size);
            int w =
                snprintf(buf + len, REC_TEXT_BUF - len, "%s%.*s", i ? "," : "", (int)f->size, c);
            if (w < 0 || (size_t)w >= REC_TEXT_BUF - len)
                break;
            len += (size_t)w;
        }
        return len ? buf : NULL;
    }
    }
    return NULL;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return false;
    return true;
}

static const struct {
    const char *word;
    bool value;
} bool_words[] = {
    {"1", true}, {"0", false}, {"yes", true}, {"no", false}, {"true", true}, {"false", false},
    {"y", true}, {"n", false}, {"t", true},   {"f", false}, /* PostgreSQL's way of writing a boolean
                                                             */
};

static bool read_bool(const char *s, bool *out)
{
    for (size_t i = 0; i < sizeof(bool_words) / sizeof(bool_words[0]); i++)
        if (!strcasecmp(s, bool_words[i].word)) {
            *out = bool_words[i].value;
            return true;
        }
    return false;
}

void rec_set_text(const struct field *f, void *rec, const char *text, struct arena *a,
                  struct field_errors *errs)
{
    void *m = at(rec, f);
    bool absent = blank(text);
    switch (f->type) {
    case FIELD_TEXT: {
        const char *v = absent ? NULL : arena_strdup(a, text);
        memcpy(m, &v, sizeof(v));
        return;
    }
    case FIELD_CHARS: {
        memset(m, 0, f->size);
        if (absent)
            return;
        size_t n = strlen(text);
        if (n >= f->size) {
            field_fail(errs, f, -1, text, "is too long", "at most %zu characters", f->size - 1);
            return;
        }
        memcpy(m, text, n);
        return;
    }
    case FIELD_CHAR:
        *(char *)m = '\0';
        if (absent)
            return;
        if (strlen(text) != 1) {
            field_fail(errs, f, -1, text, "is not one character", NULL);
            return;
        }
        *(char *)m = text[0];
        return;
    case FIELD_DATE: {
        kdate d = DATE_NONE;
        if (!absent && !date_scan_typed(text, &d))
            field_fail(errs, f, -1, text, "is not a date",
                       "a real date written as day/month/year (5/12/2026) or 2026-12-05");
        memcpy(m, &d, sizeof(d));
        return;
    }
    case FIELD_BOOL: {
        bool b = false;
        if (!absent && !read_bool(text, &b))
            field_fail(errs, f, -1, text, "is not yes or no", "yes or no");
        memcpy(m, &b, sizeof(b));
        return;
    }
    case FIELD_ENUM: {
        int v = absent ? -1 : vocab_parse(f->codeset, text);
        if (v < 0 && !absent)
            field_fail(errs, f, -1, text, "is not a known value", NULL);
        memcpy(m, &v, sizeof(v));
        return;
    }
    case FIELD_INT: {
        int64_t v = 0;
        if (!absent) {
            char *end;
            errno = 0;
            long long x = strtoll(text, &end, 10);
            while (*end == ' ')
                end++;
            if (errno || end == text || *end)
                field_fail(errs, f, -1, text, "is not a whole number", NULL);
            else
                v = x;
        }
        memcpy(m, &v, sizeof(v));
        return;
    }
    case FIELD_DECIMAL: {
        double v = 0;
        int64_t u;
        if (!absent && field_decimal_parse(text, f->decimals, &u)) {
            v = (double)u;
            for (int i = 0; i < f->decimals; i++)
                v /= 10;
        } else if (!absent) {
            field_fail(errs, f, -1, text, "is not a number",
                       "a number written with a point and at most %d places (0.5, 0.75, 1)",
                       f->decimals);
        }
        memcpy(m, &v, sizeof(v));
        return;
    }
    case FIELD_CODE_LIST: {
        int n = 0;
        memset(m, 0, f->size * (size_t)f->max_count);
        for (const char *p = absent ? "" : text; *p;) {
            while (*p == ' ' || *p == ',')
                p++;
            size_t len = strcspn(p, ", ");
            if (!len)
                break;
            if (n == f->max_count || len >= f->size) {
                field_fail(errs, f, n, p, n == f->max_count ? "is one too many" : "is too long",
                           NULL);
                break;
            }
            memcpy((char *)m + (size_t)n * f->size, p, len);
            n++;
            p += len;
        }
        memcpy(at(rec, &(struct field){.offset = f->count_offset}), &n, sizeof(n));
        return;
    }
    }
}

void rec_check(const struct rec_type *t, const void *rec, const struct field_ctx *ctx,
               struct field_errors *errs)
{
    size_t before = errs->n + errs->dropped;
    field_check(t->fields, rec, ctx, errs);
    /* Cross-field rules read other fields as valid values: a date that did not parse is
     * not a date to compare with. */
    if (t->check && errs->n + errs->dropped == before)
        t->check(rec, ctx, errs);
}

/* A name the store may use as a column unquoted: lower-case letters, digits and '_'. */
static bool sql_name(const char *s)
{
    if (!s || !*s || strlen(s) > 48 || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* The columns every record's table has (store/store_rec.c): no field may take one. */
static const char *const head_columns[] = {
    "id",         "public_id",  "parent_id",  "version", "created_at",
    "created_by", "updated_at", "updated_by", "reason",
};

/* A field shown inside one choice of another (shown_with, "rhi_accepted=yes"): the other
 * is a yes/no field ("yes" or "no") or a coded one with that code, and comes first, so a
 * form draws the choice before what it reveals. */
static bool reveal_ok(const struct rec_type *t, const struct field *f)
{
    size_t n = strcspn(f->shown_with, "=");
    const char *said = f->shown_with + n;
    if (!*said++)
        return false;
    for (const struct field *of = t->fields; of < f; of++) {
        if (strlen(of->name) != n || strncmp(of->name, f->shown_with, n))
            continue;
        if (of->type == FIELD_BOOL)
            return !strcmp(said, "yes") || !strcmp(said, "no");
        return (of->flags & FIELD_CODED) && of->type != FIELD_CODE_LIST &&
               code_index(of->codeset, said, strlen(said)) >= 0;
    }
    return false;
}

/* The field a summary entry names: "lcpp", or "LCPP:lcpp" for its value after "LCPP:". */
static const char *summary_field(const char *entry)
{
    const char *colon = strchr(entry, ':');
    return colon ? colon + 1 : entry;
}

enum kerr_code rec_type_check(const struct rec_type *t, struct kerr *e)
{
    if (!sql_name(t->name) || !sql_name(t->table))
        return kerr_fail(e, KITH_E_INTERNAL, "name",
                         "record type '%s': its name and table must "
                         "be lower-case letters, digits and '_'",
                         t->name ? t->name : "?");
    /* a type with no child to take its scope from says who keeps it, or no one could */
    if (!t->parent && (!t->keepers || !t->keepers->writers || !t->keepers->writers_are ||
                       (t->keepers->readers && !t->keepers->readers_are)))
        return kerr_fail(e, KITH_E_INTERNAL, "keepers",
                         "record type '%s' hangs off no child: its keepers must name who "
                         "writes it (and who reads it, unless everyone does)",
                         t->name);
    if (t->parent && t->keepers)
        return kerr_fail(e, KITH_E_INTERNAL, "keepers",
                         "record type '%s' hangs off a child, whose scope decides who keeps it",
                         t->name);
    size_t n = rec_nfields(t);
    if (n == 0 || n > REC_FIELDS_MAX)
        return kerr_fail(e, KITH_E_INTERNAL, "fields",
                         "record type '%s' has %zu fields: from 1 "
                         "to %d are served",
                         t->name, n, REC_FIELDS_MAX);
    for (size_t i = 0; i < n; i++) {
        const struct field *f = &t->fields[i];
        if (!sql_name(f->name) || !f->label)
            return kerr_fail(e, KITH_E_INTERNAL, f->name,
                             "record type '%s': field '%s' needs a column-like name and a label",
                             t->name, f->name ? f->name : "?");
        for (size_t h = 0; h < sizeof(head_columns) / sizeof(head_columns[0]); h++)
            if (!strcmp(f->name, head_columns[h]))
                return kerr_fail(e, KITH_E_INTERNAL, f->name,
                                 "record type '%s': '%s' is a column every record has", t->name,
                                 f->name);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(f->name, t->fields[j].name))
                return kerr_fail(e, KITH_E_INTERNAL, f->name,
                                 "record type '%s' names field '%s' twice", t->name, f->name);
        if (f->offset + 1 > t->size)
            return kerr_fail(e, KITH_E_INTERNAL, f->name,
                             "record type '%s': field '%s' lies outside the record", t->name,
                             f->name);
        if (f->shown_with && !reveal_ok(t, f))
            return kerr_fail(e, KITH_E_INTERNAL, f->name,
                             "record type '%s': field '%s' is shown with '%s', which is not a "
                             "choice of a yes/no or coded field before it",
                             t->name, f->name, f->shown_with);
    }
    if (t->order && (rec_field_index(t, t->order) < 0 ||
                     t->fields[rec_field_index(t, t->order)].type != FIELD_DATE))
        return kerr_fail(e, KITH_E_INTERNAL, "order",
                         "record type '%s': lists sort by '%s', which is not a date field", t->name,
                         t->order);
    if (t->title && rec_field_index(t, t->title) < 0)
        return kerr_fail(e, KITH_E_INTERNAL, "title", "record type '%s': no field '%s' to title it",
                         t->name, t->title);
    for (size_t i = 0; t->summary && t->summary[i]; i++)
        if (rec_field_index(t, summary_field(t->summary[i])) < 0)
            return kerr_fail(e, KITH_E_INTERNAL, "summary",
                             "record type '%s': no field '%s' for its timeline line", t->name,
                             t->summary[i]);
    return KITH_OK;
}

const char *rec_shown(const struct field *f, const void *rec, struct arena *a)
{
    char buf[REC_TEXT_BUF];
    const char *v = rec_text(f, rec, buf);
    if (f->type == FIELD_BOOL)
        return v && v[0] == '1' ? "Yes" : "No";
    if (!v)
        return "Not recorded";
    if (f->type == FIELD_DATE) {
        kdate d;
        char dmy[16];
        return date_parse_iso(v, &d, NULL) ? arena_strdup(a, v)
                                           : arena_strdup(a, date_format_dmy(d, dmy));
    }
    if ((f->flags & FIELD_CODED) && f->type == FIELD_CODE_LIST) { /* each code in words */
        struct str s = STR_INIT;
        for (const char *p = v; *p; p += *p == ',') {
            size_t len = strcspn(p, ",");
            char *code = arena_strndup(a, p, len);
            const char *label = code_label(f->codeset, code, 0);
            str_addf(&s, "%s%s", s.len ? ", " : "", label ? label : code);
            p += len;
        }
        const char *out = arena_strdup(a, s.len ? s.buf : "");
        str_release(&s);
        return out;
    }
    if (f->type == FIELD_ENUM) /* the vocabulary's words, as for a code */
        return arena_printf(a, "%s (%s)", vocab_label(f->codeset, vocab_parse(f->codeset, v)), v);
    if (f->flags & FIELD_CODED) {
        const char *label = code_label(f->codeset, v, 0);
        return label ? arena_printf(a, "%s (%s)", label, v) : arena_strdup(a, v);
    }
    return arena_strdup(a, v);
}

const char *rec_summary(const struct rec_type *t, const void *rec, struct arena *a)
{
    const char *const title_only[] = {t->title, NULL};
    const char *const *names = t->summary ? t->summary : title_only;
    struct str s = STR_INIT;
    for (size_t i = 0; names[i]; i++) {
        const char *name = summary_field(names[i]);
        int fi = rec_field_index(t, name);
        char buf[REC_TEXT_BUF];
        if (fi < 0 || t->fields[fi].type == FIELD_BOOL || !rec_text(&t->fields[fi], rec, buf))
            continue; /* a yes or no says nothing on its own in a line */
        str_addf(&s, "%s%.*s%s%s", s.len ? "; " : "", (int)(name - names[i]), names[i],
                 name > names[i] ? " " : "", rec_shown(&t->fields[fi], rec, a));
    }
    const char *line = arena_strdup(a, s.len ? s.buf : "");
    str_release(&s);
    return line;
}

kdate rec_when(const struct rec_type *t, const void *rec)
{
    int o = t->order ? rec_field_index(t, t->order) : -1;
    char buf[REC_TEXT_BUF];
    const char *v = o >= 0 ? rec_text(&t->fields[o], rec, buf) : NULL;
    kdate d;
    if (v && !date_parse_iso(v, &d, NULL))
        return d;
    return (kdate)(rec_chead(t, rec)->created_at / 86400);
}
