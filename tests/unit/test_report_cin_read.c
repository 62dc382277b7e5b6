/*
 * The CIN census reader: which rows each module gets and in what order, the references from
 * nested modules to their episode and child, the child's id on every row, one review per
 * date, the 2026/27 pre-proceedings module, the first of a repeated element kept, unknown elements
 * skipped, values trimmed, and dates that are not dates read as missing with a warning naming the
 * line.
 */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "domain/ret/cin.h"
#include "report/cin_read.h"

static const char doc[] =
    "<?xml version=\"1.0\"?>\n"
    "<Message><Header><CollectionDetails><Year>2025</Year>"
    "<ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header>\n"
    "<Children>\n"
    "<Child><ChildIdentifiers><LAchildID> A1 </LAchildID><UPN>X1</UPN><UPN>X2</UPN>"
    "<PersonBirthDate>2015-02-30</PersonBirthDate><Unknown><LAchildID>no</LAchildID></Unknown>"
    "</ChildIdentifiers>\n"
    "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>MOB</Disability>"
    "<Disability>HAND</Disability></Disabilities></ChildCharacteristics>\n"
    "<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralNFA>false</ReferralNFA>"
    "<Assessments><AssessmentActualStartDate>2024-05-02</AssessmentActualStartDate>"
    "<FactorsIdentifiedAtAssessment><AssessmentFactors>1A</AssessmentFactors>"
    "<AssessmentFactors>21</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>"
    "<ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate><Reviews>"
    "<CPPreviewDate>2024-07-01</CPPreviewDate><CPPreviewDate>2024-08-01</CPPreviewDate>"
    "</Reviews></ChildProtectionPlans>"
    "<ChildProtectionPlans><Reviews/></ChildProtectionPlans>"
    "<PreProceedingsandFGDM><PPStartDate>2026-09-09</PPStartDate>"
    "<FGDMMeetingOffer>1</FGDMMeetingOffer><ReviewMeetingsCount>3</ReviewMeetingsCount>"
    "<PPOutcome>A</PPOutcome></PreProceedingsandFGDM>"
    "</CINdetails>\n"
    "<CINdetails><CINreferralDate>2024-09-01</CINreferralDate></CINdetails></Child>\n"
    "<Child><ChildIdentifiers><LAchildID>B2</LAchildID></ChildIdentifiers>"
    "<CINdetails><CINreferralDate>2024-10-01</CINreferralDate>"
    "<Section47><S47ActualStartDate>2024-10-02</S47ActualStartDate></Section47>"
    "</CINdetails></Child>\n"
    "</Children></Message>\n";

static void modules_rows_and_references(void **state)
{
    (void)state;
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    char warnings[512] = "";
    FILE *w = fmemopen(warnings, sizeof(warnings), "w");
    struct cin_read_opts o = {.warn = w};
    assert_int_equal(cin_read_memory(&r, doc, strlen(doc), "t.xml", &o, &e), KITH_OK);
    fclose(w);

    static const struct {
        int table;
        int32_t rows;
    } counts[] = {
        {CIN_HEADER, 1},  {CIN_CHILD, 2},      {CIN_CHARACTERISTICS, 2}, {CIN_DISABILITY, 2},
        {CIN_DETAILS, 3}, {CIN_ASSESSMENT, 1}, {CIN_FACTOR, 2},          {CIN_PLAN, 0},
        {CIN_S47, 1},     {CIN_CPP, 2},        {CIN_REVIEW, 3},          {CIN_PREPROC, 1},
    };
    for (size_t i = 0; i < N_ELEMS(counts); i++)
        assert_int_equal(r.tables[counts[i].table].nrows, counts[i].rows);

    /* Values as written, trimmed; the first of a repeated element; unknown ones skipped. */
    assert_string_equal(ret_raw(&r, CIN_CHILD, 0, CH_LA_CHILD_ID), "A1");
    assert_string_equal(ret_raw(&r, CIN_CHILD, 0, CH_UPN), "X1");
    /* 30 February is not a date: missing, with the text kept and a warning. */
    assert_int_equal(r.tables[CIN_CHILD].val[CH_BIRTH][0], RDATE_BAD);
    assert_string_equal(ret_raw(&r, CIN_CHILD, 0, CH_BIRTH), "2015-02-30");
    assert_non_null(strstr(warnings, "t.xml line 4: PersonBirthDate '2015-02-30' is not a date"));

    /* References and the child's id on every module's rows. */
    assert_int_equal(r.tables[CIN_DETAILS].val[CD_CHILD][1], 0);
    assert_int_equal(r.tables[CIN_DETAILS].val[CD_CHILD][2], 1);
    assert_int_equal(r.tables[CIN_S47].val[S47_DETAILS][0], 2);
    assert_string_equal(ret_child(&r, CIN_S47, 0), "B2");
    assert_string_equal(ret_child(&r, CIN_FACTOR, 1), "A1");
    assert_string_equal(ret_child(&r, CIN_DISABILITY, 1), "A1");
    assert_int_equal(r.tables[CIN_FACTOR].val[AF_ASSESSMENT][1], 0);
    assert_string_equal(ret_raw(&r, CIN_ASSESSMENT, 0, AS_FACTORS), "1A,21");

    /* One review per date; a <Reviews> with none is one review with its date missing. */
    assert_int_equal(r.tables[CIN_REVIEW].val[RV_CPP][0], 0);
    assert_int_equal(r.tables[CIN_REVIEW].val[RV_CPP][1], 0);
    assert_int_equal(r.tables[CIN_REVIEW].val[RV_CPP][2], 1);
    assert_int_equal(r.tables[CIN_REVIEW].val[RV_DATE][1], date_from_ymd(2024, 8, 1));
    assert_int_equal(r.tables[CIN_REVIEW].val[RV_DATE][2], DATE_NONE);

    /* The 2026/27 module, in its episode. */
    assert_int_equal(r.tables[CIN_PREPROC].val[PP_DETAILS][0], 0);
    assert_int_equal(r.tables[CIN_PREPROC].val[PP_START][0], date_from_ymd(2026, 9, 9));
    assert_string_equal(ret_raw(&r, CIN_PREPROC, 0, PP_FGDM_OFFER), "1");
    assert_string_equal(ret_raw(&r, CIN_PREPROC, 0, PP_REVIEW_COUNT), "3");
    assert_string_equal(ret_raw(&r, CIN_PREPROC, 0, PP_OUTCOME), "A");
    assert_string_equal(ret_child(&r, CIN_PREPROC, 0), "A1");

    /* The census period from the ReferenceDate. */
    assert_int_equal(cin_file_year(&r), 2025);
    cin_set_period(&r, 2025);
    assert_int_equal(r.period_start, date_from_ymd(2024, 4, 1));
    assert_int_equal(r.period_end, date_from_ymd(2025, 3, 31));
    ret_release(&r);
}

static void period_without_reference_date(void **state)
{
    (void)state;
    const char *x = "<Message><Children><Child><ChildIdentifiers><LAchildID>A</LAchildID>"
                    "</ChildIdentifiers></Child></Children></Message>";
    struct ret r;
    ret_init(&r, &ret_kind_cin);
    struct kerr e = KERR_INIT;
    assert_int_equal(cin_read_memory(&r, x, strlen(x), "t.xml", NULL, &e), KITH_OK);
    assert_int_equal(cin_file_year(&r), 0);
    cin_set_period(&r, 2026);
    assert_int_equal(r.period_start, date_from_ymd(2025, 4, 1));
    assert_int_equal(r.period_end, date_from_ymd(2026, 3, 31));
    ret_release(&r);
}

static void refusals(void **state)
{
    (void)state;
    static const struct {
        const char *xml, *want;
    } cases[] = {
        {"<Message><Children><Child>", "t.xml line 1: the file ends inside <Child>"},
        {"<Message></Mesage>", "t.xml line 1 column"},
        {"<Other/>", "not a CIN census: the document is <Other>"},
        {"", "t.xml: the file is empty"},
        {"<!DOCTYPE m [<!ENTITY e \"x\">]><Message>&e;</Message>", "(DTD) is not allowed"},
        {"<Message>&undefined;</Message>", "t.xml line 1"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct ret r;
        ret_init(&r, &ret_kind_cin);
        struct kerr e = KERR_INIT;
        assert_int_equal(cin_read_memory(&r, cases[i].xml, strlen(cases[i].xml), "t.xml", NULL, &e),
                         KITH_E_PARSE);
        char line[700];
        kerr_format(&e, line, sizeof(line));
        if (!strstr(line, cases[i].want))
            fail_msg("case %zu: got '%s', want '%s'", i, line, cases[i].want);
        ret_release(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(modules_rows_and_references),
        cmocka_unit_test(period_without_reference_date),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
