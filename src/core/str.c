/*
 * String builder (see str.h). Appends double the allocation, so n appends cost O(n)
 * amortised; the cap check happens before any growth so a hostile input can never make
 * a capped builder allocate past its cap.
 */
#include "core/str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

char str_empty_[1];

void str_init(struct str *s, size_t max)
{
    s->buf = str_empty_;
    s->len = s->cap = 0;
    s->max = max;
    s->overflow = false;
}

void str_release(struct str *s)
{
    if (s->cap)
        free(s->buf);
    str_init(s, s->max);
}

void str_reset(struct str *s)
{
    s->len = 0;
    /* an empty builder's buffer is the shared "" (str_empty_): already terminated, and
     * writing it from several threads at once would be a data race */
    if (s->cap)
        s->buf[0] = '\0';
    s->overflow = false;
}

char *str_detach(struct str *s, size_t *len)
{
    char *p = s->cap ? s->buf : xstrdup("");
    if (len)
        *len = s->len;
    str_init(s, s->max);
    return p;
}

bool str_grow(struct str *s, size_t n)
{
    if (s->overflow)
        return false;
    if (s->max && (n > s->max || s->len > s->max - n)) {
        s->overflow = true;
        return false;
    }
    size_t need = s->len + n + 1;
    if (need <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    if (s->cap) {
        s->buf = xrealloc(s->buf, cap);
    } else {
        s->buf = xmalloc(cap);
        s->buf[0] = '\0';
    }
    s->cap = cap;
    return true;
}

void str_addn(struct str *s, const char *p, size_t n)
{
    if (!str_grow(s, n))
        return;
    memcpy(s->buf + s->len, p, n);
    s->len += n;
    s->buf[s->len] = '\0';
}

void str_add(struct str *s, const char *z) { str_addn(s, z, strlen(z)); }

void str_addc(struct str *s, char c)
{
    if (!str_grow(s, 1))
        return;
    s->buf[s->len++] = c;
    s->buf[s->len] = '\0';
}

void str_vaddf(struct str *s, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof(small), fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        str_addn(s, small, (size_t)n);
        return;
    }
    if (!str_grow(s, (size_t)n))
        return;
    vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
    s->len += (size_t)n;
}

void str_addf(struct str *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    str_vaddf(s, fmt, ap);
    va_end(ap);
}

size_t str_dec(char *buf, long long v)
{
    /* Digits from the unsigned magnitude, so LLONG_MIN needs no special case. */
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char tmp[STR_DEC_MAX];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t len = 0;
    if (v < 0)
        buf[len++] = '-';
    while (n)
        buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

void str_truncate(struct str *s, size_t len)
{
    if (len < s->len) {
        s->len = len;
        s->buf[len] = '\0';
    }
}

bool csv_formula_lead(const char *s) { return s[0] && strchr("=+-@\t\r", s[0]) != NULL; }

size_t utf8_next(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!n)
        return 0;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    static const struct {
        unsigned char lead_mask, lead, len;
        uint32_t min;
    } forms[] = {{0xE0, 0xC0, 2, 0x80}, {0xF0, 0xE0, 3, 0x800}, {0xF8, 0xF0, 4, 0x10000}};
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        if ((p[0] & forms[f].lead_mask) != forms[f].lead)
            continue;
        size_t len = forms[f].len;
        if (n < len)
            return 0;
        uint32_t v = p[0] & (0x7Fu >> len);
        for (size_t i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            v = v << 6 | (p[i] & 0x3Fu);
        }
        if (v < forms[f].min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return len;
    }
    return 0;
}

/* How many bytes at p are copied as they are (0: the first byte must be escaped, and
 * `*esc` says how: 1 for \xNN of that byte, 2 for \uNNNN of the C1 control `*cp`). */
static size_t shown_run(const unsigned char *p, size_t n, int *esc, uint32_t *cp)
{
    if (p[0] < 0x80) {
        bool crlf = p[0] == '\r' && n > 1 && p[1] == '\n'; /* a line end as typed in a form */
        *esc = (p[0] < 0x20 && p[0] != '\n' && p[0] != '\t' && !crlf) || p[0] == 0x7F;
        return *esc ? 0 : 1;
    }
    size_t len = utf8_next((const char *)p, n, cp);
    *esc = !len ? 1 : *cp <= 0x9F ? 2 : 0;
    return *esc ? (*esc == 2 ? len : 0) : len;
}

bool str_needs_showing(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    for (size_t i = 0; i < n;) {
        int esc;
        uint32_t cp;
        size_t len = shown_run(u + i, n - i, &esc, &cp);
        if (esc)
            return true;
        i += len;
    }
    return false;
}

void str_add_shown(struct str *s, const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        int esc = 0;
        uint32_t cp = 0;
        size_t len = 0;
        while (i < n && (len = shown_run(u + i, n - i, &esc, &cp)) && !esc)
            i += len;
        str_addn(s, p + start, i - start);
        if (i >= n)
            break;
        if (esc == 2) {
            str_addf(s, "\\u%04X", (unsigned)cp);
            i += len;
        } else {
            str_addf(s, "\\x%02x", u[i]);
            i++;
        }
    }
}
