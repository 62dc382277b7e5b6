/*
 * The one check of typed text (domain/text.h): control characters, bidi controls and
 * invisible characters, looked up in a table of code point ranges by kind.
 */
#include "domain/text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/str.h"

/* The code points refused, and in which kinds: a row refuses its range in every kind from
 * `from` on (TEXT_FREE < TEXT_LINE < TEXT_NAME). */
static const struct {
    uint32_t lo, hi;
    enum text_kind from;
    const char *what;
} refused[] = {
    {0x00, 0x08, TEXT_FREE, "a control character"},
    {0x09, 0x0A, TEXT_LINE, "a tab or line break"},
    {0x0B, 0x1F, TEXT_FREE, "a control character"},
    {0x7F, 0x9F, TEXT_FREE, "a control character"},
    {0xAD, 0xAD, TEXT_NAME, "an invisible character"},
    {0x061C, 0x061C, TEXT_NAME, "a bidirectional control character"},
    {0x200B, 0x200D, TEXT_NAME, "an invisible (zero-width) character"},
    {0x200E, 0x200F, TEXT_NAME, "a bidirectional control character"},
    {0x202A, 0x202E, TEXT_NAME, "a bidirectional control character"},
    {0x2060, 0x2064, TEXT_NAME, "an invisible character"},
    {0x2066, 0x2069, TEXT_NAME, "a bidirectional control character"},
    {0xFEFF, 0xFEFF, TEXT_NAME, "an invisible (zero-width) character"},
};

const char *text_problem(const char *s, size_t n, enum text_kind k, char *buf, size_t size)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_next(s + i, n - i, &cp);
        if (!len) {
            snprintf(buf, size, "is not UTF-8 text (byte %zu)", i + 1);
            return buf;
        }
        /* a form's textarea sends its line breaks as CR LF */
        bool crlf = k == TEXT_FREE && cp == '\r' && i + 1 < n && s[i + 1] == '\n';
        for (size_t r = 0; !crlf && r < sizeof refused / sizeof refused[0]; r++) {
            if (cp >= refused[r].lo && cp <= refused[r].hi && k >= refused[r].from) {
                snprintf(buf, size, "holds %s (U+%04X)", refused[r].what, (unsigned)cp);
                return buf;
            }
        }
        i += len;
    }
    return NULL;
}
