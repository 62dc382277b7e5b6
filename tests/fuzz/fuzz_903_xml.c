/*
 * Fuzz target: the SSDA903 XML reader, then every 903 rule of 2025/26 and every output
 * format over whatever it read. Any input must end in a clean error or in findings, never a
 * crash, a leak or undefined behaviour. Built with libFuzzer (-Dfuzz=true, clang) or, for
 * `make test`, with driver.c, which runs the seed corpus once.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/str.h"
#include "domain/ret/rule.h"
#include "domain/ret/ssda903.h"
#include "report/findings_out.h"
#include "report/ssda903_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ret r;
    ret_init(&r, &ret_kind_903);
    r.year = 2026;
    r.period_start = date_from_ymd(2025, 4, 1);
    r.period_end = date_from_ymd(2026, 3, 31);
    struct kerr e = KERR_INIT;
    if (!s903_read_xml_memory(&r, (const char *)data, size, "fuzz.xml", &e)) {
        s903_read_finish(&r);
        struct ruleset set;
        ruleset_for(&set, &ret_kind_903, r.year);
        struct findings f;
        findings_init(&f);
        struct rinputs in = {.la = "E09000019"};
        rules_run(&set, &r, &in, &f);
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
