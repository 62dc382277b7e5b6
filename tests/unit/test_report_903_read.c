/*
 * Reading a 903 CSV table (s903_read_csv_memory): the plain files that the fast path reads
 * in place and the ones it hands to the general reader (quotes, UTF-8, a tab, a short
 * record, a NUL) must give the same rows, the same line numbers, the same texts and typed
 * values, and the same refusals; a file given up on half way must not leave rows behind.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/codeset.h"
#include "domain/ret/ssda903.h"
#include "report/ssda903_read.h"

#define REVIEWS "CHILD,DOB,REVIEW,REVIEW_CODE"

/* The rows as "child|dob|review|code@line" joined by ';', each cell as written, then the
 * typed values of the DOB (day number) and REVIEW_CODE (code index) of the last row; or
 * "error: <message>". */
static void read_reviews(const char *data, size_t len, struct str *out)
{
    struct ret r;
    ret_init(&r, &ret_kind_903);
    struct kerr e = KERR_INIT;
    enum kerr_code rc = s903_read_csv_memory(&r, "reviews.csv", data, len, NULL, &e);
    if (rc) {
        char line[700];
        kerr_format(&e, line, sizeof(line));
        str_addf(out, "error: %s", line);
        ret_release(&r);
        return;
    }
    const struct rtable *t = ret_table(&r, T903_REVIEWS);
    for (int32_t i = 0; i < t->nrows; i++) {
        if (i)
            str_addc(out, ';');
        for (int c = 0; c < RV_NCOLS; c++)
            str_addf(out, "%s%s", c ? "|" : "", ret_raw(&r, T903_REVIEWS, i, c));
        str_addf(out, "@%d", (int)t->line[i]);
    }
    if (t->nrows)
        str_addf(out, " dob=%d code=%d", (int)t->val[RV_DOB][t->nrows - 1],
                 (int)t->val[RV_REVIEW_CODE][t->nrows - 1]);
    ret_release(&r);
}

static void same_rows_either_way(void **state)
{
    (void)state;
    /* each plain case beside one the fast path gives up on: the same rows and values */
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {REVIEWS "\n1,01/01/2010,01/02/2026,PN1\n2,01/01/2010,,PN1\n",
         "1|01/01/2010|01/02/2026|PN1@2;2|01/01/2010||PN1@3"},
        {REVIEWS "\n1,01/01/2010,01/02/2026,PN1\n2,01/01/2010,,\"PN1\"\n",
         "1|01/01/2010|01/02/2026|PN1@2;2|01/01/2010||PN1@3"},
        /* CRLF, blank lines, no line end at the end, a BOM */
        {"\xEF\xBB\xBF" REVIEWS "\r\n\r\n1,01/01/2010,x,PN1\r\n\n2,01/01/2010,,PN1",
         "1|01/01/2010|x|PN1@3;2|01/01/2010||PN1@5"},
        {"\xEF\xBB\xBF" REVIEWS "\r\n\r\n1,01/01/2010,x,PN1\r\n\n2,01/01/2010,\"\",PN1",
         "1|01/01/2010|x|PN1@3;2|01/01/2010||PN1@5"},
        /* CR alone ends a line; columns in another order */
        {"REVIEW_CODE,CHILD,REVIEW,DOB\rPN1,1,,01/01/2010\r", "1|01/01/2010||PN1@2"},
        {"REVIEW_CODE,CHILD,REVIEW,DOB\rPN1,\"1\",,01/01/2010\r", "1|01/01/2010||PN1@2"},
        /* UTF-8 and a tab in a value */
        {REVIEWS "\n1,01/01/2010,x,PN1\nA\xC3\xA9,01/01/2010,\t,PN1\n",
         "1|01/01/2010|x|PN1@2;A\xC3\xA9|01/01/2010|\t|PN1@3"},
        /* only a header */
        {REVIEWS "\n", ""},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct str got = STR_INIT;
        read_reviews(cases[i].in, strlen(cases[i].in), &got);
        char *at = strstr(got.buf, " dob=");
        if (at)
            *at = '\0';
        if (strcmp(got.buf, cases[i].want))
            fail_msg("case %zu: got '%s', want '%s'", i, got.buf, cases[i].want);
        str_release(&got);
    }
    /* the typed values are the same too */
    struct str a = STR_INIT, b = STR_INIT;
    read_reviews(cases[0].in, strlen(cases[0].in), &a);
    read_reviews(cases[1].in, strlen(cases[1].in), &b);
    assert_non_null(strstr(a.buf, " dob="));
    assert_string_equal(strstr(a.buf, " dob="), strstr(b.buf, " dob="));
    str_release(&a);
    str_release(&b);
}

static void refusals(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len; /* 0: strlen */
        const char *want;
    } cases[] = {
        {REVIEWS "\n1,01/01/2010,x,PN1\n2,01/01/2010\n", 0,
         "reviews.csv line 3: 2 fields where the header has 4"},
        {REVIEWS "\n1,01/01/2010,x,PN1\n2,01/01/2010,x,PN1,extra\n", 0,
         "reviews.csv line 3: 5 fields where the header has 4"},
        {REVIEWS "\n1,01/01/2010,x,PN1\n2,0\"1,x,PN1\n", 0,
         "reviews.csv line 3 column 4: a quote inside a field"},
        {REVIEWS "\n1,01/01/2010,x\0,PN1\n", sizeof(REVIEWS) + 20,
         "reviews.csv line 2 column 15: a NUL byte"},
        {REVIEWS "\n1,01/01/2010,caf\xE9,PN1\n", 0,
         "reviews.csv line 2 column 17: bytes that are not UTF-8"},
        {"CHILD,DOB,REVIEW\n", 0, "column 'REVIEW_CODE' is missing"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct str got = STR_INIT;
        read_reviews(cases[i].in, cases[i].len ? cases[i].len : strlen(cases[i].in), &got);
        if (!strstr(got.buf, cases[i].want))
            fail_msg("case %zu: got '%s', want '%s'", i, got.buf, cases[i].want);
        str_release(&got);
    }
}

/* A long plain file with one quoted cell near the end: every row once, in order. */
static void given_up_late(void **state)
{
    (void)state;
    struct str in = STR_INIT, got = STR_INIT;
    str_add(&in, REVIEWS "\n");
    for (int i = 0; i < 3000; i++)
        str_addf(&in, "%d,01/01/2010,01/02/2026,%s\n", i, i == 2990 ? "\"PN2\"" : "PN1");
    read_reviews(in.buf, in.len, &got);
    int rows = 1;
    for (const char *p = got.buf; (p = strchr(p, ';')); p++)
        rows++;
    assert_int_equal(rows, 3000);
    assert_non_null(strstr(got.buf, ";2990|01/01/2010|01/02/2026|PN2@2992;"));
    assert_non_null(strstr(got.buf, ";2999|01/01/2010|01/02/2026|PN1@3001 "));
    str_release(&in);
    str_release(&got);
}

/* Dates and codes converted through the reader's memo and its dd/mm/yyyy fast path: the
 * value of each cell is what the date and code functions say of its text, whether the text
 * is met for the first time or again, and for texts that are not dates at all. */
static void values_as_written(void **state)
{
    (void)state;
    static const char *const dates[] = {
        "01/02/2026", "29/02/2024", "29/02/2025",  "31/04/2026", "00/01/2026", "01/13/2026",
        "1/02/2026",  "01/2/2026",  "2026-02-01",  "2026-02-30", "aa/bb/cccc", "01/02/1799",
        "01/02/2201", "01-02-2026", "01/02/2026 ", "31/12/2200",
    };
    static const char *const codes[] = {"PN1", "PN0", "pn1", "PN1 ", "PN7", "X"};
    struct str in = STR_INIT;
    str_add(&in, REVIEWS "\n");
    for (int pass = 0; pass < 2; pass++) /* the second time through the memo */
        for (size_t i = 0; i < N_ELEMS(dates); i++)
            str_addf(&in, "1,01/01/2010,%s,%s\n", dates[i], codes[i % N_ELEMS(codes)]);
    struct ret r;
    ret_init(&r, &ret_kind_903);
    struct kerr e = KERR_INIT;
    assert_int_equal(s903_read_csv_memory(&r, "reviews.csv", in.buf, in.len, NULL, &e), KITH_OK);
    const struct rtable *t = ret_table(&r, T903_REVIEWS);
    assert_int_equal(t->nrows, 2 * (int)N_ELEMS(dates));
    for (int32_t row = 0; row < t->nrows; row++) {
        const char *text = dates[(size_t)row % N_ELEMS(dates)];
        kdate want;
        if (!date_scan_iso(text, strlen(text), &want) && !date_scan_dmy(text, strlen(text), &want))
            want = RDATE_BAD;
        assert_string_equal(ret_raw(&r, T903_REVIEWS, row, RV_REVIEW), text);
        if (t->val[RV_REVIEW][row] != want)
            fail_msg("row %d '%s': %d, want %d", (int)row, text, (int)t->val[RV_REVIEW][row],
                     (int)want);
        const char *code = codes[(size_t)row % N_ELEMS(dates) % N_ELEMS(codes)];
        int ci = code_index(CS_903_PARTICIPATION, code, strlen(code));
        assert_int_equal(t->val[RV_REVIEW_CODE][row], ci >= 0 ? ci : RCODE_BAD);
    }
    ret_release(&r);
    str_release(&in);
}

/* Plain files read by the fast path and the same rows read by the general reader (made to
 * take the file by a quoted cell in a last row) give the same texts, values and lines:
 * fields of every length from 1 to 40 bytes (across the 8- and 16-byte words the fast path
 * reads at once), each the same as the row above, or differing from it only in its last
 * byte or past its 16th, and texts a word test could mistake for a field's end. */
static void fast_and_general_agree(void **state)
{
    (void)state;
    static const char *const dates[] = {"01/02/2026",  "01/02/2026", "",           "-5",
                                        " 01/02/2020", "29/02/2023", "31/12/2025", "2026-01-31"};
    static const char *const codes[] = {
        "PN1", "PN1 ", "-", "P N", "", "PN2", "PN1PN1PN1PN1PN1PN1PN1", "PN1PN1PN1PN1PN1P"};
    struct str plain = STR_INIT, quoted = STR_INIT;
    str_add(&plain, REVIEWS "\n");
    char child[64] = "", last[64] = "";
    for (int i = 0; i < 600; i++) {
        size_t len = 1 + (size_t)(i * 7 % 40);
        if (i % 3 == 1) {
            memcpy(child, last, sizeof(child)); /* the same as the row above */
        } else {
            for (size_t k = 0; k < len; k++)
                child[k] = (char)('A' + (k * 5 + (size_t)i / 6) % 26);
            child[len] = '\0';
            if (i % 5 == 2 && strlen(last) > 17) { /* the row above's, but one byte */
                memcpy(child, last, sizeof(child));
                child[i % 2 ? strlen(child) - 1 : 17] ^= 1;
            }
        }
        memcpy(last, child, sizeof(last));
        str_addf(&plain, "%s,%s,%s,%s\n", child, dates[i / 2 % N_ELEMS(dates)],
                 dates[i % N_ELEMS(dates)], codes[i % N_ELEMS(codes)]);
        if (i % 11 == 0)
            str_add(&plain, i % 2 ? "\r\n" : "\n"); /* blank lines */
    }
    str_add(&quoted, plain.buf);
    str_add(&plain, "Z,01/01/2010,,PN1\n");
    str_add(&quoted, "\"Z\",01/01/2010,,PN1\n");
    struct ret a, b;
    ret_init(&a, &ret_kind_903);
    ret_init(&b, &ret_kind_903);
    struct kerr e = KERR_INIT;
    assert_int_equal(s903_read_csv_memory(&a, "reviews.csv", plain.buf, plain.len, NULL, &e),
                     KITH_OK);
    assert_int_equal(s903_read_csv_memory(&b, "reviews.csv", quoted.buf, quoted.len, NULL, &e),
                     KITH_OK);
    const struct rtable *ta = ret_table(&a, T903_REVIEWS), *tb = ret_table(&b, T903_REVIEWS);
    assert_int_equal(ta->nrows, 601);
    assert_int_equal(a.pool.len, plain.len + 2); /* the fast path: the file itself, in place */
    assert_int_equal(ta->nrows, tb->nrows);
    for (int32_t row = 0; row < ta->nrows; row++) {
        assert_int_equal(ta->line[row], tb->line[row]);
        for (int c = 0; c < RV_NCOLS; c++) {
            const char *x = ret_raw(&a, T903_REVIEWS, row, c),
                       *y = ret_raw(&b, T903_REVIEWS, row, c);
            if (strcmp(x, y))
                fail_msg("row %d column %d: '%s', general reader '%s'", (int)row, c, x, y);
            if (ta->def->cols[c].type != RCOL_TEXT && ta->val[c][row] != tb->val[c][row])
                fail_msg("row %d column %d '%s': %d, general reader %d", (int)row, c, x,
                         (int)ta->val[c][row], (int)tb->val[c][row]);
        }
    }
    ret_release(&a);
    ret_release(&b);
    str_release(&plain);
    str_release(&quoted);
}

/* Without a UASC column in header.csv, a child's flag is 1 when the UASC table has a row
 * for it and 0 otherwise (an empty id matches nothing), as text and as a code. */
static void uasc_derived(void **state)
{
    (void)state;
    static const char header[] = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                                 "A1,1,01/01/2010,WBRI,,,\nB22,1,01/01/2010,WBRI,,,\n"
                                 ",1,01/01/2010,WBRI,,,\nC333,2,01/01/2011,WBRI,,,\n"
                                 "B2,1,01/01/2010,WBRI,,,\nB22,1,01/01/2010,WBRI,,,\n";
    static const char uasc[] = "CHILD,SEX,DOB,DUC\nB22,1,01/01/2010,01/01/2028\n"
                               ",1,01/01/2010,\nC333,2,01/01/2011,01/01/2029\nZ,1,,\n";
    static const char *const want[] = {"0", "1", "0", "1", "0", "1"};
    struct ret r;
    ret_init(&r, &ret_kind_903);
    struct kerr e = KERR_INIT;
    assert_int_equal(s903_read_csv_memory(&r, "header.csv", header, sizeof(header) - 1, NULL, &e),
                     KITH_OK);
    assert_int_equal(s903_read_csv_memory(&r, "uasc.csv", uasc, sizeof(uasc) - 1, NULL, &e),
                     KITH_OK);
    s903_read_finish(&r);
    const struct rtable *t = ret_table(&r, T903_HEADER);
    assert_int_equal(t->nrows, (int32_t)N_ELEMS(want));
    for (int32_t row = 0; row < t->nrows; row++) {
        assert_string_equal(ret_raw(&r, T903_HEADER, row, HD_UASC), want[row]);
        int code = code_index((enum codeset_id)t->def->cols[HD_UASC].codeset, want[row], 1);
        assert_int_equal(t->val[HD_UASC][row], code >= 0 ? code : RCODE_BAD);
    }
    ret_release(&r);
}

/* The fast path reserves rows from the first line's length: a long first line and many
 * short ones after it make the table grow while it reads, and every row still lands. */
static void rows_past_the_guess(void **state)
{
    (void)state;
    struct str in = STR_INIT;
    str_add(&in, REVIEWS "\n");
    for (int i = 0; i < 3000; i++)
        str_add(&in, "C");
    str_add(&in, ",01/01/2010,01/02/2026,PN1\n");
    for (int i = 0; i < 5000; i++)
        str_addf(&in, "%d,,,\n", i % 7);
    struct ret r;
    ret_init(&r, &ret_kind_903);
    struct kerr e = KERR_INIT;
    assert_int_equal(s903_read_csv_memory(&r, "reviews.csv", in.buf, in.len, NULL, &e), KITH_OK);
    assert_int_equal(r.pool.len, in.len + 2); /* read in place: the fast path */
    const struct rtable *t = ret_table(&r, T903_REVIEWS);
    assert_int_equal(t->nrows, 5001);
    assert_int_equal(strlen(ret_raw(&r, T903_REVIEWS, 0, RV_CHILD)), 3000);
    for (int32_t row = 1; row < t->nrows; row++) {
        char want[8];
        snprintf(want, sizeof(want), "%d", (int)(row - 1) % 7);
        assert_string_equal(ret_raw(&r, T903_REVIEWS, row, RV_CHILD), want);
        assert_int_equal(t->val[RV_DOB][row], DATE_NONE);
        assert_int_equal(t->val[RV_REVIEW_CODE][row], RCODE_NONE);
        assert_int_equal(t->line[row], row + 2);
    }
    ret_release(&r);
    str_release(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_rows_either_way),   cmocka_unit_test(refusals),
        cmocka_unit_test(given_up_late),          cmocka_unit_test(values_as_written),
        cmocka_unit_test(fast_and_general_agree), cmocka_unit_test(uasc_derived),
        cmocka_unit_test(rows_past_the_guess),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
