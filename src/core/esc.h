/*
 * Escaping, written once for every layer: a JSON string (the API, the findings report,
 * the record history kept in the store), HTML text (the pages, the findings report) and a
 * CSV field for people to open (the findings, the audit export). A value is escaped where
 * it is written, by the writer of the format, never stored escaped.
 */
#ifndef KITH_CORE_ESC_H
#define KITH_CORE_ESC_H

#include "core/str.h"

/* `s` as a JSON string, quotes included: quote and backslash escaped, line feed, tab and
 * carriage return as \n, \t, \r, every other control character and '<', '>', '&' as
 * \u00XX, so the text can sit inside an HTML page's
 * script element or be read by any JSON parser. Other bytes (UTF-8) pass unchanged. */
void esc_json(struct str *out, const char *s);

/* The entity that stands for byte `c` in HTML text and in a quoted attribute ("&amp;",
 * "&lt;", "&gt;", "&quot;", "&#39;"), or NULL when the byte stands for itself. */
const char *esc_html_entity(unsigned char c);
/* How many bytes at the start of `s` need no escaping as HTML: a page's text is mostly
 * such runs, copied whole rather than looked at byte by byte. */
size_t esc_html_plain(const char *s);
/* `s` as HTML text, through esc_html_entity. */
void esc_html(struct str *out, const char *s);

/* `s` as one CSV field for people to open: quoted when it holds a comma, quote or line
 * break (RFC 4180, quotes doubled), and a formula defused with a leading ' when it starts
 * like one (csv_formula_lead, core/str.h), so =HYPERLINK(...) in a child id never runs
 * in a spreadsheet. */
void esc_csv(struct str *out, const char *s);
/* Whether `s` stands in a CSV line as it is (no quotes needed, no formula to defuse):
 * the rule esc_csv follows, for writers that copy such fields whole. `*n` is the length
 * of its plain run either way. */
bool esc_csv_plain(const char *s, size_t *n);

#endif
