/*
 * Escaping for the formats kith writes (esc.h). One function per format, so a rule about
 * what must be escaped is decided once: the pages, the API, the store's history, the
 * findings report and the exports all call these.
 */
#include "core/esc.h"

#include <stdbool.h>
#include <string.h>

void esc_json(struct str *out, const char *s)
{
    static const char hexd[] = "0123456789abcdef";
    str_addc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            str_addc(out, '\\');
            str_addc(out, (char)c);
        } else if (c == '\n' || c == '\t' || c == '\r') {
            str_addc(out, '\\'); /* the short escapes, so a note's paragraphs stay legible */
            str_addc(out, c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            char u[7] = {'\\', 'u', '0', '0', hexd[c >> 4], hexd[c & 15], 0};
            str_add(out, u);
        } else {
            str_addc(out, (char)c);
        }
    }
    str_addc(out, '"');
}

/* The five characters that matter in content and in quoted attributes. */
static const char *const entity[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

/* The same five, for strcspn: keep the two lists together. */
static const char specials[] = "&<>\"'";

const char *esc_html_entity(unsigned char c) { return entity[c]; }

size_t esc_html_plain(const char *s) { return strcspn(s, specials); }

void esc_html(struct str *out, const char *s)
{
    for (;;) {
        size_t n = esc_html_plain(s);
        str_addn(out, s, n);
        s += n;
        if (!*s)
            return;
        str_add(out, entity[(unsigned char)*s++]);
    }
}

/* The bytes that end a CSV field's plain run: the end of the text, and what RFC 4180
 * quotes (comma, quote, line breaks). One table load per byte, UTF-8 included: the
 * findings of a large return write millions of short fields. */
static const bool csv_stop[256] = {
    [0] = true, [','] = true, ['"'] = true, ['\r'] = true, ['\n'] = true};

bool esc_csv_plain(const char *s, size_t *n)
{
    size_t i = 0;
    while (!csv_stop[(unsigned char)s[i]])
        i++;
    *n = i;
    return !s[i] && !csv_formula_lead(s);
}

void esc_csv(struct str *out, const char *s)
{
    size_t n;
    if (esc_csv_plain(s, &n)) {
        str_addn(out, s, n);
        return;
    }
    bool formula = csv_formula_lead(s);
    if (!s[n]) { /* needs no quotes, only its formula defused */
        str_addc(out, '\'');
        str_addn(out, s, n);
        return;
    }
    str_addc(out, '"');
    if (formula)
        str_addc(out, '\'');
    for (; *s; s++) {
        if (*s == '"')
            str_addc(out, '"');
        str_addc(out, *s);
    }
    str_addc(out, '"');
}
