/*
 * The in-memory return's tables (see table.h): growing column arrays, a text pool, and
 * the conversion of a cell's text into its typed value. A cell is converted once, when it
 * is set, so that the rules only ever compare integers.
 */
#include "domain/ret/table.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/codeset.h"

static int32_t missing_value(enum rcol_type type)
{
    switch (type) {
    case RCOL_DATE:
        return DATE_NONE;
    case RCOL_CODE:
    case RCOL_REF:
        return RCODE_NONE;
    case RCOL_INT:
        return RINT_NONE;
    case RCOL_TEXT:
        return 0;
    }
    return 0;
}

void ret_init(struct ret *r, const struct ret_kind *kind)
{
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    str_init(&r->pool, 0);
    str_addc(&r->pool, '\0'); /* offset 0: the empty string, so 0 means "missing" */
    for (int t = 0; t < kind->ntables; t++) {
        r->tables[t].def = &kind->tables[t];
        for (int c = 0; c < kind->tables[t].ncols; c++)
            r->tables[t].missing[c] = missing_value(kind->tables[t].cols[c].type);
    }
    r->period_start = r->period_end = DATE_NONE;
}

void ret_release(struct ret *r)
{
    for (int t = 0; r->kind && t < r->kind->ntables; t++) {
        struct rtable *tb = &r->tables[t];
        for (int c = 0; c < tb->def->ncols; c++) {
            free(tb->val[c]);
            free(tb->raw[c]);
        }
        free(tb->line);
    }
    str_release(&r->pool);
    memset(r, 0, sizeof(*r));
}

static void set_cap(struct rtable *tb, int32_t cap)
{
    for (int c = 0; c < tb->def->ncols; c++) {
        tb->val[c] = xreallocarray(tb->val[c], (size_t)cap, sizeof(int32_t));
        tb->raw[c] = xreallocarray(tb->raw[c], (size_t)cap, sizeof(uint32_t));
    }
    tb->line = xreallocarray(tb->line, (size_t)cap, sizeof(int32_t));
    tb->cap = cap;
}

void ret_reserve(struct ret *r, int t, int32_t n)
{
    struct rtable *tb = &r->tables[t];
    if (n > 0 && n <= INT32_MAX - tb->nrows && tb->nrows + n > tb->cap)
        set_cap(tb, tb->nrows + n);
}

void ret_truncate(struct ret *r, int t, int32_t nrows)
{
    struct rtable *tb = &r->tables[t];
    if (nrows >= 0 && nrows < tb->nrows)
        tb->nrows = nrows;
}

int32_t ret_add_row(struct ret *r, int t, int32_t line)
{
    struct rtable *tb = &r->tables[t];
    if (tb->nrows == tb->cap)
        set_cap(tb, tb->cap ? tb->cap * 2 : 64);
    int32_t row = tb->nrows++;
    for (int c = 0, n = tb->def->ncols; c < n; c++) {
        tb->val[c][row] = tb->missing[c];
        tb->raw[c][row] = 0;
    }
    tb->line[row] = line;
    return row;
}

uint32_t ret_intern(struct ret *r, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    /* Offsets are 32-bit: a return of more than 4 GB of text is refused by the readers'
     * size limits long before this. */
    if (r->pool.len + n + 1 > UINT32_MAX)
        return 0;
    uint32_t off = (uint32_t)r->pool.len;
    /* str_grow is a call per cell; the pool (reserved from the file sizes) rarely needs it */
    if ((r->pool.max || r->pool.len + n + 2 > r->pool.cap) && !str_grow(&r->pool, n + 1))
        return 0;
    memcpy(r->pool.buf + r->pool.len, s, n);
    r->pool.len += n + 1;
    r->pool.buf[r->pool.len - 1] = '\0';
    r->pool.buf[r->pool.len] = '\0'; /* str_grow kept room: the builder's own terminator */
    return off;
}

/* A whole number as written: optional sign, digits, nothing else. */
static int32_t parse_int(const char *s, size_t n)
{
    size_t i = 0;
    bool neg = false;
    if (n && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return RINT_BAD;
    int64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return RINT_BAD;
        v = v * 10 + (s[i] - '0');
        if (v > INT32_MAX / 2)
            return RINT_BAD;
    }
    return (int32_t)(neg ? -v : v);
}

/* dd/mm/yyyy, the 903 CSV's form: the same answer as date_scan_dmy (which date_scan_iso
 * never matches), a day number or RDATE_BAD, or 0 with *other set when the text is not of
 * that shape at all. */
static int32_t parse_dmy(const char *s, size_t n, bool *other)
{
    *other = !rdate_dmy_shape(s, n);
    return *other ? 0 : rdate_dmy(s);
}

int32_t rcol_value(const struct rcol_def *col, const char *s, size_t n, uint32_t off)
{
    kdate d;
    bool other;
    switch (col->type) {
    case RCOL_TEXT:
        return (int32_t)off;
    case RCOL_DATE:
        d = parse_dmy(s, n, &other);
        if (!other)
            return d;
        if (date_scan_iso(s, n, &d) || date_scan_dmy(s, n, &d))
            return d;
        return RDATE_BAD;
    case RCOL_CODE: {
        int i = code_index((enum codeset_id)col->codeset, s, n);
        return i >= 0 ? i : RCODE_BAD;
    }
    case RCOL_INT:
        return parse_int(s, n);
    case RCOL_REF:
        return RCODE_NONE;
    }
    return 0;
}

void ret_set(struct ret *r, int t, int32_t row, int col, const char *s, size_t n)
{
    struct rtable *tb = &r->tables[t];
    const struct rcol_def *def = &tb->def->cols[col];
    uint32_t off = ret_intern(r, s, n);
    tb->raw[col][row] = off;
    tb->val[col][row] = n ? rcol_value(def, s, n, off) : missing_value(def->type);
}

void ret_set_text(struct ret *r, int t, int32_t row, int col, uint32_t off, size_t n)
{
    struct rtable *tb = &r->tables[t];
    const struct rcol_def *def = &tb->def->cols[col];
    tb->raw[col][row] = n ? off : 0;
    tb->val[col][row] = n ? rcol_value(def, r->pool.buf + off, n, off) : missing_value(def->type);
}

void ret_set_value(struct ret *r, int t, int32_t row, int col, int32_t v)
{
    r->tables[t].val[col][row] = v;
}

const char *ret_child(const struct ret *r, int t, int32_t row)
{
    const struct rtable *tb = &r->tables[t];
    if (tb->def->child_col < 0 || row < 0 || row >= tb->nrows)
        return "";
    return ret_str(r, tb->raw[tb->def->child_col][row]);
}

int ret_kind_table(const struct ret_kind *kind, const char *name)
{
    for (int t = 0; t < kind->ntables; t++)
        if (!strcmp(kind->tables[t].name, name))
            return t;
    return -1;
}

int rtable_col(const struct rtable_def *def, const char *name)
{
    for (int c = 0; c < def->ncols; c++)
        if (!strcmp(def->cols[c].name, name))
            return c;
    return -1;
}
