/*
 * The CIN census writer against the reader, on every public sample return beside the
 * clone (PEER_DIR) and on a return projected from records: what is read, written and read
 * again holds every cell of every module as it was (the text as written, each row in its
 * parent), and the year's rules find the same on both. The written file is the reader's
 * own format (report/cin_xml.c), so this is also the check that the two agree.
 */
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ret/cin.h"
#include "domain/ret/rule.h"
#include "report/cin_read.h"
#include "report/cin_write.h"

static void same_return(const char *what, const struct ret *a, const struct ret *b)
{
    for (int t = 0; t < CIN_NTABLES; t++) {
        const struct rtable *x = &a->tables[t], *y = &b->tables[t];
        if (x->nrows != y->nrows)
            fail_msg("%s: %s has %d rows, %d after writing", what, cin_tables[t].name, x->nrows,
                     y->nrows);
        for (int c = 0; c < cin_tables[t].ncols; c++)
            for (int32_t r = 0; r < x->nrows; r++) {
                if (cin_tables[t].cols[c].type == RCOL_REF) {
                    if (x->val[c][r] != y->val[c][r])
                        fail_msg("%s: %s row %d sits in row %d, %d after writing", what,
                                 cin_tables[t].name, r, x->val[c][r], y->val[c][r]);
                    continue;
                }
                if (t == CIN_ASSESSMENT && c == AS_FACTORS)
                    continue; /* for reports, made by the reader */
                const char *u = x->raw[c][r] ? ret_raw(a, t, r, c) : NULL;
                const char *v = y->raw[c][r] ? ret_raw(b, t, r, c) : NULL;
                /* a value of only spaces reads back as empty: the reader trims */
                if ((u && u[strspn(u, " \t\r\n")]) ? !v || strcmp(u, v) : v && *v)
                    fail_msg("%s: %s.%s row %d '%s' is '%s' after writing", what,
                             cin_tables[t].name, cin_tables[t].cols[c].name, r, u ? u : "",
                             v ? v : "");
            }
    }
}

static size_t findings(struct ret *r, int year)
{
    struct ruleset set;
    ruleset_for(&set, &ret_kind_cin, year);
    cin_set_period(r, set.year);
    struct findings f;
    findings_init(&f);
    struct rinputs in = {0};
    rules_run(&set, r, &in, &f);
    size_t n = f.n;
    findings_release(&f);
    ruleset_release(&set);
    return n;
}

static void round_trip(const char *path, const char *name)
{
    struct ret a, b;
    ret_init(&a, &ret_kind_cin);
    ret_init(&b, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    if (cin_read_file(&a, path, name, &(struct cin_read_opts){0}, &e))
        fail_msg("%s: %s", name, e.msg);
    struct str xml = STR_INIT;
    cin_write(&a, &xml);
    if (cin_read_memory(&b, xml.buf, xml.len, name, &(struct cin_read_opts){0}, &e))
        fail_msg("%s written: %s", name, e.msg);
    same_return(name, &a, &b);
    int year = cin_file_year(&a) ? cin_file_year(&a) : 2024;
    assert_int_equal(findings(&a, year), findings(&b, year));
    str_release(&xml);
    ret_release(&a);
    ret_release(&b);
}

static void every_sample_reads_back_the_same(void **state)
{
    (void)state;
    const char *dir = getenv("PEER_DIR");
    if (!dir)
        fail_msg("PEER_DIR is not set: run this test through meson");
    char path[1024];
    snprintf(path, sizeof path, "%s/cin", dir);
    DIR *d = opendir(path);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *de; (de = readdir(d));) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".xml"))
            continue;
        snprintf(path, sizeof path, "%s/cin/%s", dir, de->d_name);
        round_trip(path, de->d_name);
        n++;
    }
    closedir(d);
    assert_true(n >= 5);
}

/* The schema's order: ReferralNFA after Section47, before the plans; a wrapper with
 * nothing in it is left out; text is escaped. */
static void order_and_wrappers(void **state)
{
    (void)state;
    static const char doc[] =
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year>"
        "<ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header><Children>"
        "<Child><ChildIdentifiers><LAchildID>A&amp;1</LAchildID></ChildIdentifiers>"
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>"
        "<CINdetails><ReferralNFA>false</ReferralNFA><CINreferralDate>2024-05-01"
        "</CINreferralDate><ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate>"
        "</ChildProtectionPlans><Section47><S47ActualStartDate>2024-05-20</S47ActualStartDate>"
        "</Section47></CINdetails></Child></Children></Message>";
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    assert_int_equal(cin_read_memory(&r, doc, strlen(doc), "t.xml", NULL, &e), KITH_OK);
    struct str xml = STR_INIT;
    cin_write(&r, &xml);
    const char *s = xml.buf;
    assert_non_null(strstr(s, "<LAchildID>A&amp;1</LAchildID>"));
    const char *referral = strstr(s, "<CINreferralDate>"), *s47 = strstr(s, "<Section47>"),
               *nfa = strstr(s, "<ReferralNFA>"), *cpp = strstr(s, "<ChildProtectionPlans>");
    assert_true(referral && s47 && nfa && cpp);
    assert_true(referral < s47 && s47 < nfa && nfa < cpp);
    assert_null(strstr(s, "<Disabilities>"));
    assert_null(strstr(s, "<Reviews>"));
    assert_null(strstr(s, "<Source>"));
    str_release(&xml);
    ret_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_sample_reads_back_the_same),
        cmocka_unit_test(order_and_wrappers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
