/*
 * The RFC 4180 reader: records and fields as read (quotes, doubled quotes, line breaks in
 * quotes, CRLF/LF/CR, a BOM, a last line without its end, blank lines), and each refusal
 * with the line and column it names.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "report/csv.h"

/* The records as "f1|f2;f1|f2" (fields joined by |, records by ;), or "error: <kerr line>". */
static void read_all(const char *data, size_t len, const struct csv_opts *o, struct str *out)
{
    struct csv_read *c;
    struct kerr e = KERR_INIT;
    assert_int_equal(csv_open_memory(&c, data, len, "t.csv", o, &e), KITH_OK);
    int rc;
    while ((rc = csv_next(c, &e)) == 1) {
        if (out->len)
            str_addc(out, ';');
        for (size_t i = 0; i < csv_nfields(c); i++) {
            size_t n;
            const char *f = csv_field(c, i, &n);
            assert_int_equal(strlen(f), n);
            str_addf(out, "%s%s", i ? "|" : "", f);
        }
        str_addf(out, "@%ld", csv_line(c));
    }
    if (rc < 0) {
        char line[700];
        kerr_format(&e, line, sizeof(line));
        str_reset(out);
        str_addf(out, "error: %s", line);
    }
    csv_close(c);
}

static void records(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {"a,b\n1,2\n", "a|b@1;1|2@2"},
        {"a,b\r\n1,2\r\n", "a|b@1;1|2@2"},
        {"a,b\r1,2", "a|b@1;1|2@2"},
        {"a,b\n1,2", "a|b@1;1|2@2"},
        {"\xEF\xBB\xBF"
         "CHILD,DOB\n1,01/01/2010\n",
         "CHILD|DOB@1;1|01/01/2010@2"},
        {"a,,c\n,\n", "a||c@1;|@2"},
        {"\"a,b\",\"say \"\"hi\"\"\"\n", "a,b|say \"hi\"@1"},
        {"\"two\r\nlines\",x\nnext\n", "two\nlines|x@1;next@3"},
        {"\n\na\n\r\n\nb\n", "a@3;b@6"},
        {"\"\"\n", "@1"},
        {"", ""},
        {"caf\xC3\xA9\n", "caf\xC3\xA9@1"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct str got = STR_INIT;
        read_all(cases[i].in, strlen(cases[i].in), NULL, &got);
        if (strcmp(got.buf, cases[i].want))
            fail_msg("case %zu: got '%s', want '%s'", i, got.buf, cases[i].want);
        str_release(&got);
    }
}

static void refusals(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len; /* 0: strlen */
        const char *want;
    } cases[] = {
        {"a,b\n1,2\"x\n", 0, "t.csv line 2 column 4: a quote inside a field"},
        {"a\n\"x\"y\n", 0, "t.csv line 2 column 4: text after the closing quote"},
        {"a\n\"open,\nstill\n", 0, "t.csv line 2 column 1: a quoted field is never closed"},
        {"a,b\nx\0y\n", 9, "t.csv line 2 column 2: a NUL byte"},
        {"name\ncaf\xE9\n", 0, "t.csv line 2 column 4: bytes that are not UTF-8"},
        {"name\ncaf\xC3\n", 0, "t.csv line 2 column 4: bytes that are not UTF-8"},
        {"\xFF\xFE"
         "a\0,\0",
         6, "t.csv line 1 column 1: the file is UTF-16"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct str got = STR_INIT;
        read_all(cases[i].in, cases[i].len ? cases[i].len : strlen(cases[i].in), NULL, &got);
        if (!strstr(got.buf, cases[i].want))
            fail_msg("case %zu: got '%s', want '%s'", i, got.buf, cases[i].want);
        str_release(&got);
    }
}

static void limits(void **state)
{
    (void)state;
    struct csv_opts o = {.max_field = 8, .max_fields = 3, .max_bytes = 100000};
    struct str got = STR_INIT;
    read_all("12345678\n", 9, &o, &got);
    assert_string_equal(got.buf, "12345678@1");
    str_reset(&got);
    read_all("123456789\n", 10, &o, &got);
    assert_non_null(strstr(got.buf, "line 1 column 9: a field is longer"));
    str_reset(&got);
    read_all("a,b,c,d\n", 8, &o, &got);
    assert_non_null(strstr(got.buf, "line 1 column 6: too many fields"));
    str_reset(&got);
    /* the same limits on fields after the first, and on a later line */
    read_all("a,123456789\n", 12, &o, &got);
    assert_non_null(strstr(got.buf, "line 1 column 11: a field is longer"));
    str_reset(&got);
    read_all("a,b,c\n,,,\n", 11, &o, &got);
    assert_non_null(strstr(got.buf, "line 2 column 3: too many fields"));
    str_reset(&got);
    /* Past the size limit, whatever the content. */
    static char big[200000];
    memset(big, 'a', sizeof(big));
    for (size_t i = 50; i < sizeof(big); i += 51)
        big[i] = '\n';
    read_all(big, sizeof(big), &(struct csv_opts){.max_bytes = 100000}, &got);
    assert_non_null(strstr(got.buf, "larger than the limit"));
    str_release(&got);
}

static void header_lookup(void **state)
{
    (void)state;
    struct csv_read *c;
    struct kerr e = KERR_INIT;
    const char *data = "CHILD,DECOM,RNE\nA1,01/04/2025,S\n";
    assert_int_equal(csv_open_memory(&c, data, strlen(data), "episodes.csv", NULL, &e), 0);
    assert_int_equal(csv_next(c, &e), 1);
    assert_int_equal(csv_record(c), 0);
    assert_int_equal(csv_find(c, "RNE"), 2);
    assert_int_equal(csv_find(c, "rne"), -1);
    assert_int_equal(csv_next(c, &e), 1);
    assert_int_equal(csv_record(c), 1);
    assert_string_equal(csv_field(c, 7, NULL), "");
    assert_int_equal(csv_next(c, &e), 0);
    assert_string_equal(csv_source(c), "episodes.csv");
    csv_close(c);
}

static void from_file(void **state)
{
    (void)state;
    char path[] = "/tmp/kith-csv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 20000; i++)
        fprintf(f, "%d,\"row %d\",x\r\n", i, i);
    fclose(f);
    struct csv_read *c;
    struct kerr e = KERR_INIT;
    assert_int_equal(csv_open(&c, path, NULL, NULL, &e), 0);
    int n = 0, rc;
    while ((rc = csv_next(c, &e)) == 1) {
        char want[32];
        snprintf(want, sizeof(want), "row %d", n);
        assert_string_equal(csv_field(c, 1, NULL), want);
        assert_int_equal(csv_line(c), n + 1);
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 20000);
    csv_close(c);
    remove(path);
    assert_int_equal(csv_open(&c, path, "gone.csv", NULL, &e), KITH_E_NOT_FOUND);
    assert_string_equal(e.where, "gone.csv");
}

/* The word-at-a-time test flags exactly the bytes csv_plain refuses: every byte value at
 * every place in a word among plain bytes, then words of random bytes. */
static void stops_as_plain(void **state)
{
    (void)state;
    for (int b = 0; b < 256; b++)
        for (int at = 0; at < 8; at++) {
            unsigned char w[8];
            memset(w, 'a', sizeof(w));
            w[at] = (unsigned char)b;
            uint64_t x;
            memcpy(&x, w, 8);
            unsigned char flags[8];
            uint64_t m = csv_stops(x);
            memcpy(flags, &m, 8);
            for (int i = 0; i < 8; i++) {
                int want = i == at ? !csv_plain[b] : 0;
                if (flags[i] != (want ? 0x80 : 0))
                    fail_msg("byte 0x%02x at %d: flag %d is 0x%02x", b, at, i, flags[i]);
            }
        }
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (int k = 0; k < 100000; k++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        unsigned char w[8], flags[8];
        memcpy(w, &seed, 8);
        uint64_t m = csv_stops(seed);
        memcpy(flags, &m, 8);
        for (int i = 0; i < 8; i++)
            if (flags[i] != (csv_plain[w[i]] ? 0 : 0x80))
                fail_msg("word %016llx: flag %d is 0x%02x", (unsigned long long)seed, i, flags[i]);
    }
}

/* Sixteen bytes at a time, both ways (SSE2 where the machine has it, and the gathered
 * words everywhere): bit i set exactly when byte i is one csv_plain refuses. */
static void stops16_as_plain(void **state)
{
    (void)state;
    unsigned char block[16];
    uint64_t seed = 0xD1B54A32D192ED03u;
    for (int k = 0; k < 256 * 16 + 100000; k++) {
        if (k < 256 * 16) { /* every byte in every place among plain bytes */
            memset(block, 'a', sizeof(block));
            block[k % 16] = (unsigned char)(k / 16);
        } else {
            for (int h = 0; h < 2; h++) {
                seed = seed * 6364136223846793005u + 1442695040888963407u;
                memcpy(block + 8 * h, &seed, 8);
            }
        }
        uint32_t want = 0;
        for (int i = 0; i < 16; i++)
            want |= (uint32_t)!csv_plain[block[i]] << i;
        uint32_t fast = csv_stops16((const char *)block);
        uint32_t words = csv_stops16_words((const char *)block);
        if (fast != want || words != want)
            fail_msg("block %d: %04x and %04x, want %04x", k, fast, words, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records),          cmocka_unit_test(refusals),
        cmocka_unit_test(limits),           cmocka_unit_test(header_lookup),
        cmocka_unit_test(from_file),        cmocka_unit_test(stops_as_plain),
        cmocka_unit_test(stops16_as_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
