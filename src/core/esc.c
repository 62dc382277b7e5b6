/*
 * Escaping for the formats kith writes (esc.h). One function per format, so a rule about
 * what must be escaped is decided once.
 */
#include "core/esc.h"

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
