/*
 * The in-memory return: a statutory return (CIN census, SSDA903) held as typed columnar
 * tables, parsed once, that the validation rules read.
 *
 * A return kind (struct ret_kind) names its tables; a table definition (struct
 * rtable_def) names its columns and their types. Every cell keeps two things:
 *   - its typed value: a date as a day number (core/date.h), a code as its index in a code
 *     set (domain/codeset.h), a whole number, or for text the text itself;
 *   - the text as it was written, so reports can show the value at fault.
 * Rules compare integers; no rule parses text again.
 *
 * Absent and unreadable are different: a date column holds DATE_NONE when the cell is
 * missing or blank and RDATE_BAD when something is there that is not a date; a code
 * column holds RCODE_NONE or RCODE_BAD (not a code of the set in any year); a number
 * column RINT_NONE or RINT_BAD. Rules decide what each means (most treat an unreadable
 * date as missing, as the DfE's schema check would have refused it).
 *
 * The return does not know where its rows came from: a file reader (src/report/) or, later,
 * the store fills it with ret_add_row() and the rtable_set_*() setters. Rows are numbered
 * from 0 in the order they were added, which for files is the order of the file.
 */
#ifndef KITH_DOMAIN_RET_TABLE_H
#define KITH_DOMAIN_RET_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "core/str.h"

#define RDATE_BAD (INT32_MIN + 1) /* a cell that is there but is not a date */
#define RCODE_NONE (-1)           /* a code cell that is missing or blank */
#define RCODE_BAD (-2)            /* a code cell whose text is in no year of its set */
#define RINT_NONE INT32_MIN
#define RINT_BAD (INT32_MIN + 1)

#define RET_MAX_TABLES 16
#define RTABLE_MAX_COLS 48

/* A real date (neither missing nor unreadable). Dates compare as integers. */
static inline bool rdate_has(kdate d) { return d > RDATE_BAD; }
static inline bool rcode_has(int32_t c) { return c >= 0; }
static inline bool rint_has(int32_t v) { return v > RINT_BAD; }

enum rcol_type {
    RCOL_TEXT, /* value = offset of the text in the return's pool (0 = missing) */
    RCOL_DATE, /* kdate: YYYY-MM-DD, or dd/mm/yyyy (the 903 CSV form) */
    RCOL_CODE, /* index in the code set `codeset` (enum codeset_id) */
    RCOL_INT,  /* a whole number */
    RCOL_REF,  /* row number in table `ref` (a child's row, an episode's row): set by the
                  reader, never read from text */
};

struct rcol_def {
    const char *name; /* as the DfE writes it: "CINreferralDate", "DECOM" */
    enum rcol_type type;
    int codeset; /* RCOL_CODE: enum codeset_id */
    int ref;     /* RCOL_REF: the table referred to */
};

struct rtable_def {
    const char *name; /* the DfE table or CIN module name, as reports show it */
    const struct rcol_def *cols;
    int ncols;
    int child_col; /* the text column that names the child (reported as `child`), or -1 */
};

struct ret;
struct rule;
struct rule_year;
struct rinputs;

/* A kind of return: its tables and its rules by collection year (see rule.h). */
struct ret_kind {
    const char *name;  /* "cin", "903": what the CLI calls it */
    const char *title; /* "CIN census" */
    const struct rtable_def *tables;
    int ntables;
    const struct rule_year *years; /* in increasing year order; years[0] is the base set */
    int nyears;
    /* Optional: data a kind's rules share (a child's rows in every table, episodes in date
     * order...), derived from the return and the inputs once per run, so that no rule
     * builds it again. rules_run calls prepare before the first rule and unprepare after
     * the last; rules read it as rctx.prep. NULL: nothing to share. */
    void *(*prepare)(const struct ret *r, const struct rinputs *in);
    void (*unprepare)(void *prep);
};

struct rtable {
    const struct rtable_def *def;
    int32_t nrows, cap;
    int32_t *val[RTABLE_MAX_COLS];    /* typed values, one array per column */
    uint32_t *raw[RTABLE_MAX_COLS];   /* text as written (pool offset, 0 = missing) */
    int32_t *line;                    /* where each row started in its file (0 = unknown) */
    int32_t missing[RTABLE_MAX_COLS]; /* each column's value for a missing cell */
};

/* Where a return's rows came from, for the few rules that depend on it (the 903's UASC
 * flag is in its XML but derived from the UASC table for CSV). */
enum ret_source { RET_FROM_UNKNOWN, RET_FROM_CSV, RET_FROM_XML, RET_FROM_STORE };

/* The return. `period_start`..`period_end` is the census or collection period the rules
 * check dates against (both inclusive); `year` the collection year whose rules apply. */
struct ret {
    const struct ret_kind *kind;
    struct rtable tables[RET_MAX_TABLES];
    struct str pool; /* every text, NUL-separated; offset 0 is the empty string */
    int year;
    kdate period_start, period_end;
    enum ret_source source;
};

void ret_init(struct ret *r, const struct ret_kind *kind);
void ret_release(struct ret *r);

/* Append an empty row (every cell missing) to table `t`; returns its number. `line` is
 * where it starts in the file, or 0. */
int32_t ret_add_row(struct ret *r, int t, int32_t line);

/* Make room for `n` more rows of table `t` at once (a reader that knows how many are
 * coming); drop the rows from `nrows` on (a reader taking back what it added). */
void ret_reserve(struct ret *r, int t, int32_t n);
void ret_truncate(struct ret *r, int t, int32_t nrows);

/* Append a row whose cells are left unset, for a reader that then sets every column of it
 * (ret_set_missing for a cell it has no text for) and would only overwrite what
 * ret_add_row writes. */
static inline int32_t ret_add_row_unset(struct ret *r, int t, int32_t line)
{
    struct rtable *tb = &r->tables[t];
    if (tb->nrows == tb->cap)
        ret_reserve(r, t, tb->cap ? tb->cap : 64);
    tb->line[tb->nrows] = line;
    return tb->nrows++;
}

/* Make cell (row, col) missing, as ret_add_row leaves it. */
static inline void ret_set_missing(struct ret *r, int t, int32_t row, int col)
{
    r->tables[t].raw[col][row] = 0;
    r->tables[t].val[col][row] = r->tables[t].missing[col];
}

/* Set a cell from text (n bytes, not NUL-terminated): the raw text is kept and the typed
 * value derived from it by the column's type. Empty text is a missing cell. */
void ret_set(struct ret *r, int t, int32_t row, int col, const char *s, size_t n);
/* Set a cell from text already in the pool at `off` (n bytes, then a NUL): as ret_set, with
 * no copy. Readers that keep a whole file in the pool point the cells into it. */
void ret_set_text(struct ret *r, int t, int32_t row, int col, uint32_t off, size_t n);
/* Whether the n bytes at s have the shape of dd/mm/yyyy (ten bytes, slashes in place), and
 * for those, their day number or RDATE_BAD (a digit that is not one, a day not in the
 * calendar or outside DATE_MIN_YEAR..DATE_MAX_YEAR): the same answer as date_scan_dmy, with
 * no calls, for readers converting a column of them. "dd/mm/yy" is read as one word, a byte
 * per character in the text's order: each byte XOR '0' (the slashes XOR '/') is 0..9 for a
 * digit and over 9 for anything else, and adjacent digits then pair up in one multiply. */
static inline bool rdate_dmy_shape(const char *s, size_t n)
{
    return n == 10 && s[2] == '/' && s[5] == '/';
}

/* Day numbers of 1 January of DATE_MIN_YEAR + i, i = 0..401, worked out by the compiler. */
#define RDATE_JAN1(y) ((y - 1) * 365 + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400 - 719162)
#define RDATE_JAN1_10(y)                                                                           \
    RDATE_JAN1(y), RDATE_JAN1(y + 1), RDATE_JAN1(y + 2), RDATE_JAN1(y + 3), RDATE_JAN1(y + 4),     \
        RDATE_JAN1(y + 5), RDATE_JAN1(y + 6), RDATE_JAN1(y + 7), RDATE_JAN1(y + 8),                \
        RDATE_JAN1(y + 9)
#define RDATE_JAN1_100(y)                                                                          \
    RDATE_JAN1_10(y), RDATE_JAN1_10(y + 10), RDATE_JAN1_10(y + 20), RDATE_JAN1_10(y + 30),         \
        RDATE_JAN1_10(y + 40), RDATE_JAN1_10(y + 50), RDATE_JAN1_10(y + 60),                       \
        RDATE_JAN1_10(y + 70), RDATE_JAN1_10(y + 80), RDATE_JAN1_10(y + 90)

static inline int32_t rdate_dmy(const char *s)
{
    static const int32_t jan1[DATE_MAX_YEAR - DATE_MIN_YEAR + 2] = {
        RDATE_JAN1_100(1800), RDATE_JAN1_100(1900), RDATE_JAN1_100(2000),
        RDATE_JAN1_100(2100), RDATE_JAN1(2200),     RDATE_JAN1(2201)};
    static const unsigned char month_days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static const int16_t days_before[13] = {0,   0,   31,  59,  90,  120, 151,
                                            181, 212, 243, 273, 304, 334};
    const uint64_t ones = UINT64_C(0x0101010101010101);
    uint64_t v;
    memcpy(&v, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    v ^= UINT64_C(0x30302F30302F3030);
    unsigned y2 = (unsigned char)s[8] - '0', y3 = (unsigned char)s[9] - '0';
    /* a byte over 15, or 10..15 (which adding 6 carries into bit 4): not a digit */
    if ((v & ones * 0xF0) | ((v + ones * 6) & ones * 0x10) || y2 > 9 || y3 > 9)
        return RDATE_BAD;
    uint64_t pairs = v * 10 + (v >> 8); /* byte i: digit i * 10 + digit i + 1, at most 99 */
    unsigned d = (unsigned)(pairs & 0xFF), m = (unsigned)(pairs >> 24 & 0xFF);
    unsigned y = (unsigned)(pairs >> 48 & 0xFF) * 100 + y2 * 10 + y3 - DATE_MIN_YEAR;
    if (y > DATE_MAX_YEAR - DATE_MIN_YEAR || m - 1 > 11 || d == 0)
        return RDATE_BAD;
    int32_t jan = jan1[y];
    bool leap = jan1[y + 1] - jan == 366;
    if (d > (unsigned)month_days[m] + (m == 2 && leap))
        return RDATE_BAD;
    return jan + days_before[m] + (m > 2 && leap) + (int32_t)d - 1;
}

/* The typed value of the text s (n >= 1 bytes, at `off` in the pool) in a column of `col`'s
 * type: what the setters store. */
int32_t rcol_value(const struct rcol_def *col, const char *s, size_t n, uint32_t off);
/* Set a typed value directly (the store's way in, and RCOL_REF); the raw text is left as
 * it is. */
void ret_set_value(struct ret *r, int t, int32_t row, int col, int32_t v);

/* Set a cell's text (at `off` in the pool) and typed value together: a reader that has
 * converted the same text before gives the value it got then. */
static inline void ret_set_parsed(struct ret *r, int t, int32_t row, int col, uint32_t off,
                                  int32_t v)
{
    r->tables[t].raw[col][row] = off;
    r->tables[t].val[col][row] = v;
}

/* Point a text cell at text already in the pool (a value shared by many rows, such as the
 * child's id copied into each of the child's rows). */
static inline void ret_set_interned(struct ret *r, int t, int32_t row, int col, uint32_t off)
{
    r->tables[t].raw[col][row] = off;
    r->tables[t].val[col][row] = (int32_t)off;
}
/* Give cell (row, col) the same text and value as the cell in `from` (an earlier row of
 * the table): readers use it for a value repeated row after row (a child's id down its
 * episodes, the same code), which then is neither copied nor parsed again. */
static inline void ret_set_same(struct ret *r, int t, int32_t row, int col, int32_t from)
{
    r->tables[t].raw[col][row] = r->tables[t].raw[col][from];
    r->tables[t].val[col][row] = r->tables[t].val[col][from];
}

/* Keep `s` in the pool; returns its offset (0 for an empty string). */
uint32_t ret_intern(struct ret *r, const char *s, size_t n);
static inline const char *ret_str(const struct ret *r, uint32_t off) { return r->pool.buf + off; }

static inline const struct rtable *ret_table(const struct ret *r, int t) { return &r->tables[t]; }
/* The text of a cell as written ("" when missing). */
static inline const char *ret_raw(const struct ret *r, int t, int32_t row, int col)
{
    return r->pool.buf + r->tables[t].raw[col][row];
}
/* The name of the child a row belongs to ("" when the table has none). */
const char *ret_child(const struct ret *r, int t, int32_t row);

/* The table of `kind` called `name`, or -1; the column of table `t` called `name`, or -1. */
int ret_kind_table(const struct ret_kind *kind, const char *name);
int rtable_col(const struct rtable_def *def, const char *name);

#endif
