/*
 * HTML that escapes by default. Pages are built with html_f(), whose only conversions are
 * %s (text, always escaped for element content and quoted attribute values), %d and %ld
 * (numbers) and %%. Markup can only enter through html_raw(), whose argument must be a
 * string literal in kith's own code (the macro refuses anything else at compile time).
 * So a value from the database or a form is never interpolated unescaped by accident.
 */
#ifndef KITH_HTTP_HTML_H
#define KITH_HTTP_HTML_H

#include <stddef.h>

#include "core/arena.h"

struct html {
    struct arena *arena;
    char *buf;
    size_t len, cap;
};

void html_init(struct html *h, struct arena *a);
/* Escaped text: & < > " ' become entities. */
void html_text(struct html *h, const char *s);
/* Markup from kith's own source (a literal), copied as is; its length is known when the
 * page is compiled, so nothing scans it at run time. */
#define html_raw(h, lit) html_raw_n((h), "" lit "", sizeof("" lit "") - 1)
void html_raw_n(struct html *h, const char *lit, size_t n);
void html_raw_literal(struct html *h, const char *lit);
/* A number in decimal (html_f's %ld without the template). */
void html_int(struct html *h, long long v);
/* Template with escaped %s, and %d / %ld / %%. Template text is copied as is, so it
 * must be a literal too. */
void html_f(struct html *h, const char *tmpl, ...);
/* The text, NUL-terminated, in the arena. */
const char *html_str(struct html *h);

/* Escape into a new arena string (for attribute values built elsewhere). */
char *html_escape(struct arena *a, const char *s);

#endif
