/*
 * The escaping HTML builder behind every page (see html.h for the rules). The buffer
 * grows in the request's arena; pages are small, so the old buffer is simply left there.
 */
#include "http/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/esc.h"
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

void html_f(struct html *h, const char *tmpl, ...)
{
    va_list ap;
    va_start(ap, tmpl);
    const char *run = tmpl;
    for (const char *p = tmpl; *p; p++) {
        if (*p != '%')
            continue;
        put(h, run, (size_t)(p - run));
        char num[32];
        switch (p[1]) {
        case 's':
            html_text(h, va_arg(ap, const char *));
            p += 1;
            break;
        case 'd':
            snprintf(num, sizeof num, "%d", va_arg(ap, int));
            put(h, num, strlen(num));
            p += 1;
            break;
        case 'l':
            if (p[2] != 'd')
                abort(); /* a template bug, caught by every test that renders the page */
            snprintf(num, sizeof num, "%ld", va_arg(ap, long));
            put(h, num, strlen(num));
            p += 2;
            break;
        case '%':
            put(h, "%", 1);
            p += 1;
            break;
        default:
            abort();
        }
        run = p + 1;
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
