/*
 * Escaping, written once for every layer: a JSON string (the API, the findings report,
 * the record history kept in the store). A value is escaped where it is written, by the
 * writer of the format, never stored escaped.
 */
#ifndef KITH_CORE_ESC_H
#define KITH_CORE_ESC_H

#include "core/str.h"

/* `s` as a JSON string, quotes included: quote and backslash escaped, line feed, tab and
 * carriage return as \n, \t, \r, every other control character and '<', '>', '&' as
 * \u00XX, so the text can sit inside an HTML page's
 * script element or be read by any JSON parser. Other bytes (UTF-8) pass unchanged. */
void esc_json(struct str *out, const char *s);

#endif
