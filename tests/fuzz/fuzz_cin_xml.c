/*
 * Fuzz target: the CIN census XML reader, then every CIN rule and every output format over
 * whatever it read. Any input must end in a clean error or in findings, never a crash, a
 * leak or undefined behaviour. Built with libFuzzer (-Dfuzz=true, clang) or, for `make
 * test`, with driver.c, which runs the seed corpus once.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/str.h"
#include "domain/ret/cin.h"
#include "report/cin_read.h"
#include "report/findings_out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    struct cin_read_opts o = {.max_bytes = 1 << 20};
    if (!cin_read_memory(&r, (const char *)data, size, "fuzz.xml", &o, &e)) {
        int year = cin_file_year(&r);
        cin_set_period(&r, year ? year : 2025);
        struct ruleset set;
        ruleset_for(&set, &ret_kind_cin, r.year);
        r.year = set.year;
        struct findings f;
        findings_init(&f);
        rules_run(&set, &r, NULL, &f);
        struct findings_doc doc = {.r = &r, .set = &set, .f = &f, .source = "fuzz.xml"};
        for (int fmt = FINDINGS_CSV; fmt <= FINDINGS_HTML; fmt++) {
            struct str out = STR_INIT;
            findings_write(&out, (enum findings_format)fmt, &doc);
            str_release(&out);
        }
        findings_release(&f);
        ruleset_release(&set);
    }
    ret_release(&r);
    return 0;
}
