/*
 * String builder (see str.h). Appends double the allocation, so n appends cost O(n)
 * amortised; the cap check happens before any growth so a hostile input can never make
 * a capped builder allocate past its cap.
 */
#include "core/str.h"

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

void str_truncate(struct str *s, size_t len)
{
    if (len < s->len) {
        s->len = len;
        s->buf[len] = '\0';
    }
}
