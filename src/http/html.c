/*
 * The escaping HTML builder behind every page (see html.h for the rules). The buffer
 * grows in the request's arena; pages are small, so the old buffer is simply left there.
 */
#include "http/html.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/esc.h"
#include "core/str.h"
#include "core/xalloc.h"

void html_init(struct html *h, struct arena *a)
{
    h->arena = a;
    h->cap = 4096;
    h->buf = arena_alloc(a, h->cap);
    h->len = 0;
}

static void reserve(struct html *h, size_t more)
{
    if (h->len + more + 1 <= h->cap)
        return;
    size_t cap = h->cap * 2;
    while (cap < h->len + more + 1)
        cap *= 2;
    char *nbuf = arena_alloc(h->arena, cap);
    memcpy(nbuf, h->buf, h->len);
    h->buf = nbuf;
    h->cap = cap;
}

static void put(struct html *h, const char *s, size_t n)
{
    reserve(h, n);
    memcpy(h->buf + h->len, s, n);
    h->len += n;
}

void html_text(struct html *h, const char *s)
{
    if (!s)
        return;
    for (;;) {
        size_t n = esc_html_plain(s);
        put(h, s, n);
        s += n;
        if (!*s)
            return;
        const char *ent = esc_html_entity((unsigned char)*s++);
        put(h, ent, strlen(ent));
    }
}

void html_raw_literal(struct html *h, const char *lit) { put(h, lit, strlen(lit)); }

void html_raw_n(struct html *h, const char *lit, size_t n) { put(h, lit, n); }

void html_int(struct html *h, long long v)
{
    char num[STR_DEC_MAX];
    size_t n = str_dec(num, v);
    put(h, num, n);
}

void html_f(struct html *h, const char *tmpl, ...)
{
    va_list ap;
    va_start(ap, tmpl);
    const char *run = tmpl;
    /* strchr finds the next conversion a word at a time; the text between is copied whole. */
    for (const char *p; (p = strchr(run, '%')) != NULL;) {
        put(h, run, (size_t)(p - run));
        switch (p[1]) {
        case 's':
            html_text(h, va_arg(ap, const char *));
            run = p + 2;
            break;
        case 'd':
            html_int(h, va_arg(ap, int));
            run = p + 2;
            break;
        case 'l':
            if (p[2] != 'd')
                abort(); /* a template bug, caught by every test that renders the page */
            html_int(h, va_arg(ap, long));
            run = p + 3;
            break;
        case '%':
            put(h, "%", 1);
            run = p + 2;
            break;
        default:
            abort();
        }
    }
    put(h, run, strlen(run));
    va_end(ap);
}

const char *html_str(struct html *h)
{
    reserve(h, 0);
    h->buf[h->len] = '\0';
    return h->buf;
}

char *html_escape(struct arena *a, const char *s)
{
    struct html h;
    html_init(&h, a);
    html_text(&h, s);
    return (char *)html_str(&h);
}
