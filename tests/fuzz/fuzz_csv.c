/*
 * Fuzz target: the RFC 4180 CSV reader over any bytes, with small limits so that the limit
 * paths are reached too. Built with libFuzzer (-Dfuzz=true, clang) or, for `make test`, with
 * driver.c, which runs the seed corpus once.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "report/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_opts o = {.max_bytes = 1 << 20, .max_field = 4096, .max_fields = 64};
    struct csv_read *c;
    struct kerr e = KERR_INIT;
    if (csv_open_memory(&c, (const char *)data, size, "fuzz.csv", &o, &e))
        return 0;
    size_t total = 0;
    while (csv_next(c, &e) == 1) {
        for (size_t i = 0; i < csv_nfields(c); i++) {
            size_t len;
            const char *f = csv_field(c, i, &len);
            /* Every field is NUL-terminated at its length. */
            if (f[len] != '\0' || strlen(f) != len)
                __builtin_trap();
            total += len;
        }
        (void)csv_find(c, "CHILD");
    }
    (void)total;
    csv_close(c);
    return 0;
}
