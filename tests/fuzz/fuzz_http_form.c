/*
 * Fuzz target: the form-body decoder (application/x-www-form-urlencoded) over any bytes,
 * then every value through the HTML escaper: no crash, every field NUL-terminated, and no
 * escaped value that still holds markup.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/html.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a, 0);
    struct http_request req = {.arena = &a};
    if (http_form_parse(&req, (const char *)data, size) == 0)
        for (size_t i = 0; i < req.nform; i++) {
            const char *esc = html_escape(&a, req.form[i].value);
            if (strpbrk(esc, "<>\"'"))
                __builtin_trap();
            (void)strlen(req.form[i].name);
        }
    arena_release(&a);
    return 0;
}
