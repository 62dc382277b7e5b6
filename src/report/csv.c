/*
 * The RFC 4180 reader (see csv.h): a byte-at-a-time state machine over a fixed input block,
 * writing the current record's fields into one growing (but capped) buffer. Every refusal is
 * made where the bad byte is, so the message can name its line and column.
 */
#include "report/csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define BLOCK 65536

struct csv_read {
    FILE *f;
    const char *mem;
    size_t mem_len, mem_pos;
    char block[BLOCK];
    size_t blen, bpos;
    size_t consumed;
    struct csv_opts o;
    char source[256];
    bool started, eof;
    /* Position of the next byte. */
    long line, col;
    int pending_cr; /* a CR was read: a following LF belongs to it */
    /* The current record. */
    char *buf;       /* fields, each NUL-terminated */
    size_t len, cap; /* bytes in buf */
    size_t *starts, nfields, fcap;
    long rec_line, records;
    /* UTF-8 decoding state: continuation bytes still expected. */
    int utf8_left;
    long utf8_line, utf8_col; /* where the unfinished character started */
};

static void init(struct csv_read *c, const char *name, const struct csv_opts *o)
{
    snprintf(c->source, sizeof(c->source), "%s", name);
    if (o)
        c->o = *o;
    if (!c->o.max_field)
        c->o.max_field = CSV_FIELD_MAX_DEFAULT;
    if (!c->o.max_fields)
        c->o.max_fields = CSV_FIELDS_MAX_DEFAULT;
    c->line = 1;
    c->col = 1;
    c->records = -1;
}

enum kerr_code csv_open(struct csv_read **out, const char *path, const char *name,
                        const struct csv_opts *o, struct kerr *e)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        kerr_fail(e, errno == ENOENT ? KITH_E_NOT_FOUND : KITH_E_IO, NULL, "cannot open: %s",
                  strerror(errno));
        return kerr_at(e, "%s", name ? name : path);
    }
    struct csv_read *c = xcalloc(1, sizeof(*c));
    c->f = f;
    init(c, name ? name : path, o);
    *out = c;
    return KITH_OK;
}

enum kerr_code csv_open_memory(struct csv_read **out, const char *data, size_t len,
                               const char *name, const struct csv_opts *o, struct kerr *e)
{
    (void)e;
    struct csv_read *c = xcalloc(1, sizeof(*c));
    c->mem = data;
    c->mem_len = len;
    init(c, name ? name : "input", o);
    *out = c;
    return KITH_OK;
}

void csv_close(struct csv_read *c)
{
    if (!c)
        return;
    if (c->f)
        fclose(c->f);
    free(c->buf);
    free(c->starts);
    free(c);
}

static int fail(struct csv_read *c, struct kerr *e, enum kerr_code code, long line, long col,
                const char *msg)
{
    kerr_fail(e, code, NULL, "%s", msg);
    if (line > 0 && col > 0)
        kerr_at(e, "%s line %ld column %ld", c->source, line, col);
    else
        kerr_at(e, "%s", c->source);
    return -1;
}

/* Refill the block: 1 when there are bytes, 0 at the end, -1 on an error. */
static int refill(struct csv_read *c, struct kerr *e)
{
    if (c->eof)
        return 0;
    size_t n;
    if (c->f) {
        n = fread(c->block, 1, BLOCK, c->f);
        if (n == 0 && ferror(c->f))
            return fail(c, e, KITH_E_IO, 0, 0, "reading failed");
    } else {
        n = c->mem_len - c->mem_pos;
        if (n > BLOCK)
            n = BLOCK;
        memcpy(c->block, c->mem + c->mem_pos, n);
        c->mem_pos += n;
    }
    c->consumed += n;
    if (c->o.max_bytes && c->consumed > c->o.max_bytes) {
        kerr_fail(e, KITH_E_TOO_LARGE, NULL, "the file is larger than the limit of %zu MB",
                  c->o.max_bytes >> 20);
        kerr_at(e, "%s", c->source);
        return -1;
    }
    c->blen = n;
    c->bpos = 0;
    if (n == 0)
        c->eof = true;
    return n ? 1 : 0;
}

/* The next byte (0..255), -1 at the end, -2 on an error. */
static int next_byte(struct csv_read *c, struct kerr *e)
{
    if (c->bpos == c->blen) {
        int rc = refill(c, e);
        if (rc <= 0)
            return rc == 0 ? -1 : -2;
    }
    return (unsigned char)c->block[c->bpos++];
}

static void push(struct csv_read *c, char ch)
{
    if (c->len == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->buf = xrealloc(c->buf, c->cap);
    }
    c->buf[c->len++] = ch;
}

static int start_field(struct csv_read *c, struct kerr *e)
{
    if (c->nfields == c->o.max_fields)
        return fail(c, e, KITH_E_TOO_LARGE, c->line, c->col,
                    "too many fields in one record for a return file");
    if (c->nfields == c->fcap) {
        c->fcap = c->fcap ? c->fcap * 2 : 32;
        c->starts = xreallocarray(c->starts, c->fcap, sizeof(*c->starts));
    }
    c->starts[c->nfields++] = c->len;
    return 0;
}

/* Add a byte of a field, checking it is text: no NUL, valid UTF-8. */
static int add_byte(struct csv_read *c, struct kerr *e, int ch)
{
    if (ch == 0)
        return fail(c, e, KITH_E_PARSE, c->line, c->col,
                    "a NUL byte: this is not a text file (is it UTF-16, or a spreadsheet?)");
    if (c->utf8_left) {
        if ((ch & 0xC0) != 0x80)
            return fail(c, e, KITH_E_PARSE, c->utf8_line, c->utf8_col,
                        "bytes that are not UTF-8 text (save the file as CSV UTF-8)");
        c->utf8_left--;
    } else if (ch >= 0x80) {
        c->utf8_line = c->line;
        c->utf8_col = c->col;
        if (ch >= 0xC2 && ch <= 0xDF)
            c->utf8_left = 1;
        else if (ch >= 0xE0 && ch <= 0xEF)
            c->utf8_left = 2;
        else if (ch >= 0xF0 && ch <= 0xF4)
            c->utf8_left = 3;
        else
            return fail(c, e, KITH_E_PARSE, c->line, c->col,
                        "bytes that are not UTF-8 text (save the file as CSV UTF-8)");
    }
    size_t field_len = c->len - c->starts[c->nfields - 1];
    if (field_len >= c->o.max_field)
        return fail(c, e, KITH_E_TOO_LARGE, c->line, c->col,
                    "a field is longer than any value of a return");
    push(c, (char)ch);
    return 0;
}

static int end_field(struct csv_read *c, struct kerr *e)
{
    if (c->utf8_left)
        return fail(c, e, KITH_E_PARSE, c->utf8_line, c->utf8_col,
                    "bytes that are not UTF-8 text (save the file as CSV UTF-8)");
    push(c, '\0');
    return 0;
}

const unsigned char csv_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

enum st { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

int csv_next(struct csv_read *c, struct kerr *e)
{
    c->len = 0;
    c->nfields = 0;
    c->utf8_left = 0;
    if (!c->started) {
        c->started = true;
        /* A UTF-8 byte order mark, as spreadsheet programs write it, is not data. */
        static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
        if (c->bpos == c->blen && refill(c, e) < 0)
            return -1;
        if (c->blen >= 3 && !memcmp(c->block, bom, 3))
            c->bpos = 3;
        else if (c->blen >= 2 &&
                 ((unsigned char)c->block[0] == 0xFF || (unsigned char)c->block[0] == 0xFE))
            return fail(c, e, KITH_E_PARSE, 1, 1,
                        "the file is UTF-16; save it as CSV UTF-8 (or plain CSV)");
    }
    enum st st = FIELD_START;
    long qline = 0, qcol = 0; /* where an open quote started */
    bool any = false;         /* anything in this record yet (blank lines are skipped) */
    for (;;) {
        /* Runs of plain bytes (printable ASCII but comma and quote) in unquoted fields,
         * and the commas between them, are handled here in one go: most of a return file
         * is such runs, and none needs the checks below (a quote, a line end, a NUL or a
         * byte of UTF-8 ends the run, and so does a field or record about to reach its
         * limit, left to the checks below to report). */
        if ((st == UNQUOTED || (st == FIELD_START && any)) && !c->pending_cr && !c->utf8_left &&
            c->bpos < c->blen) {
            size_t p = c->bpos;
            for (;;) {
                size_t q = p;
                while (q < c->blen && csv_plain[(unsigned char)c->block[q]])
                    q++;
                size_t n = q - p, field_len = c->len - c->starts[c->nfields - 1];
                if (field_len + n >= c->o.max_field)
                    break;
                while (c->len + n + 1 > c->cap) {
                    c->cap = c->cap ? c->cap * 2 : 1024;
                    c->buf = xrealloc(c->buf, c->cap);
                }
                memcpy(c->buf + c->len, c->block + p, n);
                c->len += n;
                c->col += (long)n;
                p = q;
                if (n)
                    st = UNQUOTED;
                if (q == c->blen || c->block[q] != ',' || c->nfields == c->o.max_fields)
                    break;
                c->buf[c->len++] = '\0'; /* end_field: no UTF-8 is pending in a plain run */
                if (c->nfields == c->fcap) {
                    c->fcap = c->fcap ? c->fcap * 2 : 32;
                    c->starts = xreallocarray(c->starts, c->fcap, sizeof(*c->starts));
                }
                c->starts[c->nfields++] = c->len;
                c->col++;
                p++;
                st = FIELD_START;
            }
            c->bpos = p;
        }
        int ch = next_byte(c, e);
        if (ch == -2)
            return -1;
        if (c->pending_cr) {
            c->pending_cr = 0;
            if (ch == '\n')
                continue; /* the LF of a CRLF: the line was counted at the CR */
        }
        if (ch == -1) {
            if (st == QUOTED)
                return fail(c, e, KITH_E_PARSE, qline, qcol,
                            "a quoted field is never closed (the file may be cut short)");
            if (!any)
                return 0;
            if (end_field(c, e))
                return -1;
            c->records++;
            return 1;
        }
        bool eol = ch == '\n' || ch == '\r';
        if (!any && !eol) {
            any = true;
            c->rec_line = c->line;
            if (start_field(c, e))
                return -1;
        }
        switch (st) {
        case FIELD_START:
        case UNQUOTED:
            if (ch == ',') {
                if (end_field(c, e) || start_field(c, e))
                    return -1;
                st = FIELD_START;
            } else if (eol) {
                if (ch == '\r')
                    c->pending_cr = 1;
                c->line++;
                c->col = 1;
                if (!any)
                    continue; /* a blank line */
                if (end_field(c, e))
                    return -1;
                c->records++;
                return 1;
            } else if (ch == '"') {
                if (st == UNQUOTED)
                    return fail(c, e, KITH_E_PARSE, c->line, c->col,
                                "a quote inside a field that does not start with one (quote "
                                "the whole field and double the quote)");
                st = QUOTED;
                qline = c->line;
                qcol = c->col;
            } else {
                if (add_byte(c, e, ch))
                    return -1;
                st = UNQUOTED;
            }
            break;
        case QUOTED:
            if (ch == '"') {
                st = QUOTE_IN_QUOTED;
            } else {
                /* A line break inside quotes is kept as one '\n', whatever the file used. */
                if (add_byte(c, e, eol ? '\n' : ch))
                    return -1;
                if (eol) {
                    if (ch == '\r')
                        c->pending_cr = 1;
                    c->line++;
                    c->col = 0;
                }
            }
            break;
        case QUOTE_IN_QUOTED:
            if (ch == '"') {
                if (add_byte(c, e, ch))
                    return -1;
                st = QUOTED;
            } else if (ch == ',') {
                if (end_field(c, e) || start_field(c, e))
                    return -1;
                st = FIELD_START;
            } else if (eol) {
                if (ch == '\r')
                    c->pending_cr = 1;
                c->line++;
                c->col = 1;
                if (end_field(c, e))
                    return -1;
                c->records++;
                return 1;
            } else {
                return fail(c, e, KITH_E_PARSE, c->line, c->col,
                            "text after the closing quote of a field");
            }
            break;
        }
        if (!eol || st == QUOTED)
            c->col++;
    }
}

size_t csv_nfields(const struct csv_read *c) { return c->nfields; }

const char *csv_field(const struct csv_read *c, size_t i, size_t *len)
{
    if (i >= c->nfields) {
        if (len)
            *len = 0;
        return "";
    }
    const char *s = c->buf + c->starts[i];
    if (len)
        *len = (i + 1 < c->nfields ? c->starts[i + 1] : c->len) - c->starts[i] - 1;
    return s;
}

long csv_line(const struct csv_read *c) { return c->rec_line; }
size_t csv_offset(const struct csv_read *c) { return c->consumed - c->blen + c->bpos; }
long csv_next_line(const struct csv_read *c) { return c->line; }
long csv_record(const struct csv_read *c) { return c->records; }
const char *csv_source(const struct csv_read *c) { return c->source; }

int csv_find(const struct csv_read *c, const char *name)
{
    for (size_t i = 0; i < c->nfields; i++)
        if (!strcmp(c->buf + c->starts[i], name))
            return (int)i;
    return -1;
}
