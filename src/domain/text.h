/*
 * What text a person may type into kith. One check for every way in (the JSON API, the
 * GOV.UK forms, the command line), so that what is refused is refused everywhere and the
 * message says the same thing.
 *
 * Free text (a case note's body) may hold line breaks (LF, or CR LF as a form sends them)
 * and tabs; a line (a note's subject)
 * may not; neither may hold other control characters (ESC, BS, CR on its own, DEL, the C1
 * controls U+0080-U+009F), which would let stored text rewrite a terminal or a log when it
 * is shown. A name or identifier (a child's names, LA child id, UPN) also may not hold the
 * characters that make text read differently from what it is: the bidirectional overrides
 * and isolates (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and the zero-width
 * and invisible ones (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+00AD), with which two names
 * that look the same are different, or a name shows another's letters in reverse. Text
 * that is not UTF-8 is refused in every kind.
 */
#ifndef KITH_DOMAIN_TEXT_H
#define KITH_DOMAIN_TEXT_H

#include <stddef.h>

enum text_kind {
    TEXT_FREE, /* several lines: newline and tab allowed */
    TEXT_LINE, /* one line */
    TEXT_NAME, /* one line, and no bidi controls or invisible characters */
};

/* NULL when `s` (n bytes) is acceptable as text of kind k; else what is wrong, in words that
 * follow the field's name ("holds a control character (U+001B)"), written into buf. */
const char *text_problem(const char *s, size_t n, enum text_kind k, char *buf, size_t size);

#endif
