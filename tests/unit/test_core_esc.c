/* Escaping, written once in core/esc.c for every writer: a JSON string, HTML text and a
 * CSV field, each held to a table of values as typed and what must be written. The
 * pages, the API, the log, the exports and the findings report all rely on these rows. */
#include "test.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/esc.h"

struct esc_case {
    void (*esc)(struct str *out, const char *s);
    const char *in;
    const char *want;
};

static void escapes(void **state)
{
    (void)state;
    static const struct esc_case cases[] = {
        /* JSON: quotes included; quote and backslash escaped, paragraphs kept legible,
         * other control characters and the three that would close a script element as
         * \u00XX; UTF-8 and DEL pass unchanged */
        {esc_json, "", "\"\""},
        {esc_json, "plain", "\"plain\""},
        {esc_json, "say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\""},
        {esc_json, "a\nb\tc\rd", "\"a\\nb\\tc\\rd\""},
        {esc_json, "\x01\x1b]0;x\x07", "\"\\u0001\\u001b]0;x\\u0007\""},
        {esc_json, "</script>&", "\"\\u003c/script\\u003e\\u0026\""},
        {esc_json, "Zo\xc3\xab\x7f", "\"Zo\xc3\xab\x7f\""},
        /* HTML text and quoted attributes: the five characters that matter, nothing else */
        {esc_html, "", ""},
        {esc_html, "plain words", "plain words"},
        {esc_html, "a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;"},
        {esc_html, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {esc_html, "Zo\xc3\xab\n", "Zo\xc3\xab\n"},
        /* CSV (RFC 4180): quoted only when it holds a comma, quote or line break, quotes
         * doubled; a field that starts like a formula is written as text with a ' */
        {esc_csv, "", ""},
        {esc_csv, "LA000123", "LA000123"},
        {esc_csv, "a,b", "\"a,b\""},
        {esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\""},
        {esc_csv, "two\r\nlines", "\"two\r\nlines\""},
        {esc_csv, "=1+1", "'=1+1"},
        {esc_csv, "-3", "'-3"},
        {esc_csv, "@SUM(A1)", "'@SUM(A1)"},
        {esc_csv, "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct str s = STR_INIT;
        str_init(&s, 0);
        str_add(&s, "[");
        cases[i].esc(&s, cases[i].in);
        str_add(&s, "]");
        char want[128];
        snprintf(want, sizeof want, "[%s]", cases[i].want);
        if (strcmp(s.buf, want) != 0)
            fail_msg("case %zu: '%s' was written %s, not %s", i, cases[i].in, s.buf, want);
        str_release(&s);
    }
}

/* The page writer copies the run of bytes that needs no escaping whole: the run ends at
 * the first of the five, and every other byte is its own entity-free self. */
static void plain_runs(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t n;
    } runs[] = {{"", 0}, {"abc", 3}, {"abc<d", 3}, {"&", 0}, {"x'y", 1}, {"Zo\xc3\xab\"", 4}};
    for (size_t i = 0; i < N_ELEMS(runs); i++)
        assert_int_equal(esc_html_plain(runs[i].in), runs[i].n);
    for (int c = 1; c < 256; c++) {
        bool special = strchr("&<>\"'", c) != NULL;
        if ((esc_html_entity((unsigned char)c) != NULL) != special)
            fail_msg("byte 0x%02x: entity %s", c, special ? "missing" : "where none is due");
    }
}

/* A field the findings writer copies whole is one esc_csv would leave as it is, and only
 * such a one: the writer and the escaper follow one rule. */
static void csv_plain_agrees(void **state)
{
    (void)state;
    static const char *const in[] = {
        "",   "LA000123", "a,b",        "say \"hi\"", "two\r\nlines", "=1+1", "-3",  "+44",
        "@x", "\tx",      "Zo\xc3\xab", "a\tb",       "tail,",        "x\n",  "1-2", "A=B"};
    for (size_t i = 0; i < N_ELEMS(in); i++) {
        struct str s = STR_INIT;
        str_init(&s, 0);
        esc_csv(&s, in[i]);
        size_t n = 99;
        bool plain = esc_csv_plain(in[i], &n);
        if (plain != !strcmp(s.buf, in[i]) || (plain && n != strlen(in[i])))
            fail_msg("'%s': copied whole %d (run %zu), but written %s", in[i], plain, n, s.buf);
        str_release(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes),
        cmocka_unit_test(plain_runs),
        cmocka_unit_test(csv_plain_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
