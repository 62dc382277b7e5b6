/*
 * The string builder. One type for SQL, JSON, HTML, CSV rows and messages.
 *
 * `buf` is never NULL and always NUL-terminated, so a `struct str` can be read as a C
 * string at any time. A builder may have a size cap (`max`, 0 = none): an append that
 * would pass it stores nothing more and sets the sticky `overflow` flag, which the
 * caller checks once at the end (str_ok) instead of after every append. Growth past
 * memory aborts (xalloc.h). str_detach() is the only way to take ownership of the bytes.
 */
#ifndef KITH_CORE_STR_H
#define KITH_CORE_STR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct str {
    char *buf;
    size_t len;
    size_t cap; /* bytes allocated; 0 while buf points at the shared empty string */
    size_t max; /* cap on len, 0 = unlimited */
    bool overflow;
};

extern char str_empty_[1];
#define STR_INIT                                                                                   \
    {                                                                                              \
        str_empty_, 0, 0, 0, false                                                                 \
    }

void str_init(struct str *s, size_t max);
void str_release(struct str *s);
/* Forget the contents but keep the allocation and the cap. */
void str_reset(struct str *s);
/* Hand the bytes to the caller (free() them) and leave `s` empty. */
char *str_detach(struct str *s, size_t *len);

void str_add(struct str *s, const char *z);
void str_addn(struct str *s, const char *p, size_t n);
void str_addc(struct str *s, char c);
void str_addf(struct str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void str_vaddf(struct str *s, const char *fmt, va_list ap);
/* Make sure `n` more bytes fit without another allocation (subject to the cap). */
bool str_grow(struct str *s, size_t n);
/* str_grow for a builder appended to in a tight loop: the usual case, room already there
 * and no cap, is decided here without a call. */
static inline bool str_room(struct str *s, size_t n)
{
    return (!s->max && !s->overflow && n < s->cap - s->len) || str_grow(s, n);
}
/* `v` in decimal at `buf` (room for STR_DEC_MAX bytes), NUL-terminated; returns the length.
 * For numbers in pages and queries written on every request, where snprintf's format
 * parsing costs more than the digits. */
enum { STR_DEC_MAX = 21 };
size_t str_dec(char *buf, long long v);
/* Shorten to `len` bytes (no-op when already shorter). */
void str_truncate(struct str *s, size_t len);

/* True when no append was refused by the cap. */
static inline bool str_ok(const struct str *s) { return !s->overflow; }

/* The code point at s (at most n bytes) in `*cp` and the length of its UTF-8 sequence, or 0
 * when the bytes are not one: overlong forms, surrogates and code points past U+10FFFF
 * are not. */
size_t utf8_next(const char *s, size_t n, uint32_t *cp);

/* Append text for a terminal: what could move the cursor, recolour, retitle or rewrite
 * what was printed is written as visible escapes instead. C0 control characters other
 * than newline, tab and CR before a newline (ESC, BS, a lone CR, BEL, ...) and DEL become \xNN; C1
 * controls (U+0080-U+009F, which some terminals obey as CSI, OSC, ...) become \uNNNN; a byte that
 * is not part of valid UTF-8 becomes \xNN. Everything else is copied as it is. */
void str_add_shown(struct str *s, const char *p, size_t n);
/* Whether str_add_shown would change the text. */
bool str_needs_showing(const char *p, size_t n);

/* Whether text written to a CSV for people to open must be prefixed with ' so a
 * spreadsheet takes it as text: it starts with = + - @ (a formula: =HYPERLINK(...) in a
 * child id would run when the findings are opened), a tab or a carriage return (which some
 * spreadsheets strip before looking for the formula); OWASP's "CSV injection" list. Every
 * CSV kith writes for people (findings, the audit export) asks this one question. */
bool csv_formula_lead(const char *s);

#endif
