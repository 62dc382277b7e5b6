/*
 * An RFC 4180 CSV reader for return files (the SSDA903 CSV set) and uploads.
 *
 * Records come one at a time; memory is one block of input plus the current record, whatever
 * the size of the file. Accepted: a UTF-8 byte order mark at the start (skipped), CRLF, LF or
 * lone CR line ends, fields in double quotes (with "" for a quote, and commas and line breaks
 * inside), a last line with or without its line end. Refused, with the file, line and column:
 * a quote inside an unquoted field, text after a closing quote, a quoted field still open at
 * the end of the file, a NUL byte, bytes that are not UTF-8 (a file saved as Latin-1 or
 * UTF-16), a field or a record past the limits, a file past its size limit.
 *
 * A blank line (nothing between two line ends) is skipped. Lines are counted as the file's
 * line ends, so a record with a quoted line break spans two lines and the next record's line
 * number says so.
 */
#ifndef KITH_REPORT_CSV_H
#define KITH_REPORT_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/err.h"

#define CSV_FIELD_MAX_DEFAULT 65536
#define CSV_FIELDS_MAX_DEFAULT 512

struct csv_opts {
    size_t max_bytes;  /* refuse larger input; 0 = no limit */
    size_t max_field;  /* bytes in one field; 0 = CSV_FIELD_MAX_DEFAULT */
    size_t max_fields; /* fields in one record; 0 = CSV_FIELDS_MAX_DEFAULT */
};

struct csv_read;

/* `name` is how messages name the input (NULL: the path). */
enum kerr_code csv_open(struct csv_read **c, const char *path, const char *name,
                        const struct csv_opts *o, struct kerr *e);
/* Read from memory; the bytes must outlive the reader. */
enum kerr_code csv_open_memory(struct csv_read **c, const char *data, size_t len, const char *name,
                               const struct csv_opts *o, struct kerr *e);
void csv_close(struct csv_read *c);

/* Read the next record: 1 when there is one, 0 at the end of the input, -1 on an error
 * (filled in `e`, naming file, line and column). */
int csv_next(struct csv_read *c, struct kerr *e);

/* The current record: how many fields, and field i (NUL-terminated; `len` may be NULL). */
size_t csv_nfields(const struct csv_read *c);
const char *csv_field(const struct csv_read *c, size_t i, size_t *len);
/* The line the current record starts on (1-based), and how many records came before it
 * (0 for the first, usually the header). */
long csv_line(const struct csv_read *c);
/* Where reading stopped: the offset in the input of the byte after the current record (after
 * its line end, or the CR of a CRLF), and the line that byte is on. A caller may read the
 * rest of an in-memory input itself from there. */
size_t csv_offset(const struct csv_read *c);
long csv_next_line(const struct csv_read *c);
long csv_record(const struct csv_read *c);
const char *csv_source(const struct csv_read *c);

/* The index of the field of the current record equal to `name` (exactly), or -1: for
 * reading a header record. */
int csv_find(const struct csv_read *c, const char *name);

/* The bytes a field may hold on a fast path: printable ASCII but comma and quote (one
 * load per byte instead of four compares); csv_next and the 903 reader's whole-file path
 * both skip runs of them. */
extern const unsigned char csv_plain[256];

/* The same test on 8 bytes at once: 0x80 in each byte of x that csv_plain refuses, 0 in
 * the others. Each byte is judged alone (no carry crosses a byte), so every flag is exact
 * and the word may hold the bytes in either order. */
static inline uint64_t csv_stops(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), low7 = ones * 0x7F;
    uint64_t lo = x & low7;                        /* each byte's low 7 bits: no carry out */
    uint64_t printable = lo + ones * (0x80 - ' '); /* top bit set: lo >= ' ' */
    uint64_t del = lo + ones;                      /* top bit set: lo == 0x7F */
    uint64_t not_comma = (lo ^ ones * ',') + low7; /* top bit set: lo != ',' */
    uint64_t not_quote = (lo ^ ones * '"') + low7;
    return (x | del | ~(printable & not_comma & not_quote)) & ones * 0x80;
}

/* The stops among the 16 bytes at p: bit i set when p[i] is a byte csv_plain refuses. Two
 * words of csv_stops, each byte's flag gathered into one bit by a multiply (the flags' bits
 * land on distinct places, so nothing carries); csv_stops16 is this, or SSE2 doing the same
 * in a few instructions where the machine has it (every x86-64 does). */
static inline uint32_t csv_stops16_words(const char *p)
{
    uint32_t bits = 0;
    for (size_t h = 0; h < 2; h++) {
        uint64_t x;
        memcpy(&x, p + 8 * h, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x); /* the first byte lowest */
#endif
        bits |= (uint32_t)(((csv_stops(x) >> 7) * UINT64_C(0x0102040810204080)) >> 56) << 8 * h;
    }
    return bits;
}

static inline uint32_t csv_stops16(const char *p)
{
#if defined(__SSE2__)
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* a signed compare: below ' ' is 0x00..0x1F and 0x80..0xFF */
    __m128i stop =
        _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
    stop = _mm_or_si128(stop, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')),
                                           _mm_cmpeq_epi8(x, _mm_set1_epi8('"'))));
    return (uint32_t)_mm_movemask_epi8(stop);
#else
    return csv_stops16_words(p);
#endif
}

#endif
