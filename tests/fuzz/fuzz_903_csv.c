/*
 * Fuzz target: one SSDA903 CSV file read into its table (columns mapped by name), then every
 * 903 rule of 2025/26 over it. The input's first line names the file ("episodes.csv"); an
 * input without such a line is read as header.csv. Any input must end in a clean error or in
 * findings, never a crash, a leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/ret/rule.h"
#include "domain/ret/ssda903.h"
#include "report/ssda903_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *name = "header.csv";
    char first[32];
    const char *nl = memchr(p, '\n', size < sizeof(first) ? size : sizeof(first));
    if (nl && nl - p > 4 && !memcmp(nl - 4, ".csv", 4)) {
        memcpy(first, p, (size_t)(nl - p));
        first[nl - p] = '\0';
        name = first;
        size -= (size_t)(nl - p) + 1;
        p = nl + 1;
    }
    struct ret r;
    ret_init(&r, &ret_kind_903);
    r.year = 2026;
    r.period_start = date_from_ymd(2025, 4, 1);
    r.period_end = date_from_ymd(2026, 3, 31);
    struct kerr e = KERR_INIT;
    struct s903_read_opts o = {.max_bytes = 1 << 20};
    if (!s903_read_csv_memory(&r, name, p, size, &o, &e)) {
        s903_read_finish(&r);
        struct ruleset set;
        ruleset_for(&set, &ret_kind_903, r.year);
        struct findings f;
        findings_init(&f);
        struct rinputs in = {.la = "E09000019"};
        rules_run(&set, &r, &in, &f);
        findings_release(&f);
        ruleset_release(&set);
    }
    ret_release(&r);
    return 0;
}
