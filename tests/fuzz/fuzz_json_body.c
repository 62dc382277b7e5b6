/*
 * Fuzz target: the API's JSON body reader (jansson underneath) over any bytes: it must
 * answer with members or an error, never crash, and every member it returns must be a
 * NUL-terminated name and value of the kind it says.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a, 0);
    struct json_body b;
    struct kerr e = KERR_INIT;
    if (json_body_parse((const char *)data, size, &a, &b, &e) == KITH_OK)
        for (size_t i = 0; i < b.n; i++) {
            if (!b.v[i].name || (b.v[i].kind != JV_NULL && !b.v[i].text))
                __builtin_trap();
            (void)strlen(b.v[i].name);
            if (b.v[i].text)
                (void)strlen(b.v[i].text);
            (void)json_get(&b, b.v[i].name);
        }
    /* Whatever was read is written back escaped. */
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "echo", e.msg);
    json_obj_end(&j);
    size_t len;
    const char *out = json_out_take(&j, &a, &len);
    if (strchr(out, '<'))
        __builtin_trap();
    arena_release(&a);
    return 0;
}
