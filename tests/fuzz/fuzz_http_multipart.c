/*
 * Fuzz target: the multipart/form-data reader (the "Validate a return" uploads) over any
 * bytes, with the boundary the seeds use: no crash, no read outside the body, every text
 * field NUL-terminated, and every file inside the body it came from.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a, 0);
    /* a copy of exactly `size` bytes, so ASan sees any read past the end */
    char *body = malloc(size ? size : 1);
    if (size)
        memcpy(body, data, size);
    struct http_request req = {.arena = &a, .content_type = "multipart/form-data; boundary=XyZ"};
    if (http_multipart_parse(&req, body, size) == 0) {
        for (size_t i = 0; i < req.nform; i++)
            if (strlen(req.form[i].name) + strlen(req.form[i].value) > size)
                __builtin_trap();
        for (size_t i = 0; i < req.nfiles; i++) {
            const struct http_file *f = &req.files[i];
            if (f->data < body || f->data + f->len > body + size)
                __builtin_trap();
            (void)strlen(f->filename);
        }
    }
    free(body);
    arena_release(&a);
    return 0;
}
