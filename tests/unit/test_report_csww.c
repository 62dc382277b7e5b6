/*
 * The DfE workforce census, counted (domain/csww.c) and written (report/csww_write.c),
 * with no database: a small borough whose every item is worked out by hand, with the
 * year's edges (a leaver on 30 September is one, and not in post; one the day before the
 * year is not in it; a starter on 1 October after it is not; a leaving after 30 September
 * is next year's). Every file written is validated against kith's schema
 * (src/report/csww.xsd, through report/xml_read.c, the file that includes libxml2), and
 * so is a file holding every DfE code of the mapping table; broken files fail it. Every
 * code of every set the census reads has its row in the table, so a code added to a set
 * without saying what the DfE calls it fails here.
 */
#include "test.h"
#include "test_day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codeset.h"
#include "domain/csww.h"
#include "report/csww_write.h"
#include "report/xml_read.h"

static const char *xsd(void)
{
    const char *p = getenv("CSWW_XSD");
    assert_non_null(p);
    return p;
}

static struct worker worker(int64_t id, const char *reg, enum worker_role role, double fte,
                            bool agency, const char *start, const char *end)
{
    struct worker w = {.id = id,
                       .given_name = "Test",
                       .family_name = "Worker",
                       .role = role,
                       .fte = fte,
                       .agency = agency,
                       .start = day(start),
                       .end = end ? day(end) : DATE_NONE,
                       .dob = DATE_NONE};
    snprintf(w.registration, sizeof w.registration, "%s", reg);
    return w;
}

static struct vacancy vacancy(const char *published, const char *closing, bool swe,
                              const char *hours)
{
    struct vacancy v = {.published_on = day(published),
                        .closing_date = day(closing),
                        .needs_swe_registration = swe};
    snprintf(v.hours, sizeof v.hours, "%s", hours);
    return v;
}

struct borough {
    struct worker w[7];
    struct worker_cases cases[1];
    struct absence ab[2];
    struct vacancy v[5];
    struct agency_assignment as[2];
    struct csww_records r;
};

static void borough(struct borough *b)
{
    memset(b, 0, sizeof *b);
    /* 1: in post all year, every item recorded, three cases, off sick on 30 September */
    b->w[0] = worker(1, "SW1001", ROLE_SOCIAL_WORKER, 1.0, false, "2020-01-06", NULL);
    b->w[0].dob = day("1985-03-02");
    b->w[0].sex = 'F';
    strcpy(b->w[0].ethnicity, "WBRI");
    b->w[0].qual_institution = "University of Testing";
    strcpy(b->w[0].qual_level, "postgraduate");
    strcpy(b->w[0].route, "step-up");
    strcpy(b->w[0].origin, "other-la");
    /* 2: an agency starter holding no case: qualified without cases */
    b->w[1] = worker(2, "SW1002", ROLE_SOCIAL_WORKER, 0.5, true, "2026-03-02", NULL);
    b->w[1].sex = 'U';
    snprintf(b->w[1].public_id, sizeof b->w[1].public_id, "w2");
    strcpy(b->w[1].route, "frontline");
    /* 3: a team manager leaving on 30 September, retired under a redundancy */
    b->w[2] = worker(3, "SW1003", ROLE_TEAM_MANAGER, 1.0, false, "2019-05-01", "2026-09-30");
    strcpy(b->w[2].destination, "retired");
    strcpy(b->w[2].leave_reason, "redundancy");
    /* 4: unregistered; 5: left the day before the year; 7: starts the day after it */
    b->w[3] = worker(4, "", ROLE_FAMILY_SUPPORT_WORKER, 1.0, false, "2025-10-01", NULL);
    b->w[4] = worker(5, "SW1005", ROLE_SOCIAL_WORKER, 1.0, false, "2015-01-05", "2025-09-30");
    /* 6: leaves in November: in post on 30 September; an ethnicity the census lacks */
    b->w[5] = worker(6, "SW1006", ROLE_IRO, 0.8, false, "2018-01-08", "2026-11-02");
    strcpy(b->w[5].ethnicity, "WIRT");
    b->w[6] = worker(7, "SW1007", ROLE_SOCIAL_WORKER, 1.0, false, "2026-10-01", NULL);
    b->cases[0] = (struct worker_cases){.worker_id = 1, .cases = 3};
    /* sickness from Monday 28 September: three working days in the year */
    b->ab[0] = (struct absence){
        .h.parent_id = 1, .first_day = day("2026-09-28"), .last_day = day("2026-10-02")};
    strcpy(b->ab[0].cause, "sickness");
    /* parental leave over Christmas: not sickness, lost days not counted */
    b->ab[1] = (struct absence){
        .h.parent_id = 6, .first_day = day("2025-12-22"), .last_day = day("2026-01-02")};
    strcpy(b->ab[1].cause, "parental");
    b->v[0] = vacancy("2026-09-01", "2026-10-15", true, "full-time");
    b->v[1] = vacancy("2026-09-01", "2026-09-30", true, "part-time");  /* closes on the day */
    b->v[2] = vacancy("2026-09-01", "2026-10-15", false, "full-time"); /* no registration */
    b->v[3] = vacancy("2026-10-01", "2026-10-15", true, "full-time");  /* the day after */
    b->v[4] = vacancy("2026-08-03", "2026-09-29", true, "full-time");  /* the day before */
    /* w2's assignments: one ending a week into the year (7 days of it), one from the day
     * they started, still going (213 days to 30 September): 220 days, 31.4 weeks */
    b->as[0] =
        (struct agency_assignment){.start_date = day("2025-09-01"), .end_date = day("2025-10-07")};
    b->as[1] = (struct agency_assignment){.start_date = day("2026-03-02"), .end_date = DATE_NONE};
    for (int i = 0; i < 2; i++)
        snprintf(b->as[i].worker, sizeof b->as[i].worker, "w2");
    b->r = (struct csww_records){.assignments = b->as,
                                 .nassignments = N_ELEMS(b->as),
                                 .workers = b->w,
                                 .nworkers = N_ELEMS(b->w),
                                 .cases = b->cases,
                                 .ncases = N_ELEMS(b->cases),
                                 .absences = b->ab,
                                 .nabsences = N_ELEMS(b->ab),
                                 .vacancies = b->v,
                                 .nvacancies = N_ELEMS(b->v)};
}

/* The borough and its census of 2026. */
static void census_of(struct borough *b, struct arena *a, struct csww_census *c)
{
    borough(b);
    csww_census(&b->r, 2026, a, c);
}

static const struct csww_worker *of(const struct csww_census *c, const char *reg)
{
    for (size_t i = 0; i < c->nworkers; i++)
        if (!strcmp(c->workers[i].w->registration, reg))
            return &c->workers[i];
    return NULL;
}

static void counted(void **state)
{
    (void)state;
    struct borough b;
    struct arena a = ARENA_INIT;
    struct csww_census c;
    census_of(&b, &a, &c);
    assert_int_equal(c.nworkers, 4); /* 1, 2, 3, 6 */
    assert_int_equal(c.unregistered, 1);
    assert_null(of(&c, "SW1005"));
    assert_null(of(&c, "SW1007"));
    assert_true(c.vacancies == 2.0);
    assert_int_equal(c.part_time_vacancies, 1);
    assert_int_equal(c.agency_headcount, 1);
    assert_true(c.agency_fte == 0.5);
    const struct csww_worker *w1 = of(&c, "SW1001"), *w2 = of(&c, "SW1002"), *w3 = of(&c, "SW1003"),
                             *w6 = of(&c, "SW1006");
    assert_true(w1->in_post && w1->cases30 == 3 && w1->days_lost == 3.0);
    assert_non_null(w1->absent30);
    assert_string_equal(w1->org_role, "5");
    assert_string_equal(w2->org_role, "6");
    assert_false(w3->in_post);
    assert_string_equal(w3->org_role, "3");
    assert_true(w6->in_post && w6->days_lost == 0);
    assert_string_equal(w6->org_role, "6");
    arena_release(&a);
}

static void has(const char *doc, const char *what)
{
    if (!strstr(doc, what))
        fail_msg("no '%s' in\n%s", what, doc);
}

static void written_and_valid(void **state)
{
    (void)state;
    struct borough b;
    struct arena a = ARENA_INIT;
    struct csww_census c;
    census_of(&b, &a, &c);
    struct str x = STR_INIT;
    csww_write_xml(&c, "206", 1796601600, &x); /* 7 December 2026 */
    struct kerr e = KERR_INIT;
    if (xml_validate_xsd(xsd(), x.buf, x.len, "census", &e))
        fail_msg("%s\n%s", e.msg, x.buf);
    static const char *const want[] = {
        "<ReferenceDate>2026-09-30</ReferenceDate>",
        "<LEA>206</LEA>",
        "<DateTime>2026-12-07T00:00:00Z</DateTime>",
        "<NumberOfVacancies>2.00</NumberOfVacancies>",
        "<NoAgencyFTE>0.50</NoAgencyFTE>",
        "<NoAgencyHeadcount>1</NoAgencyHeadcount>",
        /* worker 1, every item */
        "<AgencyWorker>0</AgencyWorker>\n    <SWENo>SW1001</SWENo>\n    <FTE>1.000000</FTE>\n"
        "    <PersonBirthDate>1985-03-02</PersonBirthDate>\n    <GenderCurrent>2</GenderCurrent>\n"
        "    <Ethnicity>WBRI</Ethnicity>\n    <QualInst>University of Testing</QualInst>\n"
        "    <QualLevel>2</QualLevel>\n    <StepUpGrad>1</StepUpGrad>\n    <OrgRole>5</OrgRole>\n"
        "    <RoleStartDate>2020-01-06</RoleStartDate>\n    <StartOrigin>2</StartOrigin>\n"
        "    <FTE30>1.000000</FTE30>\n    <Cases30>3</Cases30>\n"
        "    <WorkingDaysLost>3.00</WorkingDaysLost>\n    <FrontlineGrad>0</FrontlineGrad>\n"
        "    <Absat30Sept>1</Absat30Sept>\n    <ReasonAbsence>SIC</ReasonAbsence>\n",
        /* worker 2: agency, not known sex, Frontline */
        "<AgencyWorker>1</AgencyWorker>\n    <SWENo>SW1002</SWENo>\n    <FTE>0.500000</FTE>\n"
        "    <GenderCurrent>0</GenderCurrent>\n    <StepUpGrad>0</StepUpGrad>\n"
        "    <OrgRole>6</OrgRole>",
        "<WorkingDaysLost>0.00</WorkingDaysLost>\n    <ContractWeeks>31.4</ContractWeeks>\n"
        "    <FrontlineGrad>1</FrontlineGrad>",
        /* worker 3: a leaver on the day: no FTE30, no cases, no absence on the day */
        "<OrgRole>3</OrgRole>\n    <RoleStartDate>2019-05-01</RoleStartDate>\n"
        "    <RoleEndDate>2026-09-30</RoleEndDate>\n    <LeaverDestination>6</LeaverDestination>\n"
        "    <ReasonLeave>8</ReasonLeave>\n    <WorkingDaysLost>0.00</WorkingDaysLost>\n"
        "  </CSWWWorker>",
        /* worker 6: leaves after the year: no end here; no census ethnicity */
        "<SWENo>SW1006</SWENo>\n    <FTE>0.800000</FTE>\n    <OrgRole>6</OrgRole>\n"
        "    <RoleStartDate>2018-01-08</RoleStartDate>\n    <FTE30>0.800000</FTE30>",
    };
    for (size_t i = 0; i < N_ELEMS(want); i++)
        has(x.buf, want[i]);
    /* what is missing is counted where it applies */
    for (size_t i = 0; i < csww_items_len; i++)
        if (!strcmp(csww_items[i].name, "LeaverDestination"))
            assert_int_equal(csww_missing(&c, i), 0);
        else if (!strcmp(csww_items[i].name, "PersonBirthDate"))
            assert_int_equal(csww_missing(&c, i), 3);
    /* without an LA code the header has no source, and is still valid */
    str_reset(&x);
    csww_write_xml(&c, NULL, 0, &x);
    assert_null(strstr(x.buf, "<Source>"));
    assert_int_equal(xml_validate_xsd(xsd(), x.buf, x.len, "census", &e), 0);
    /* the CSV: the items as its header, one row per worker */
    str_reset(&x);
    csww_write_csv(&c, &x);
    has(x.buf, "AgencyWorker,SWENo,FTE,PersonBirthDate,GenderCurrent");
    has(x.buf, "\n0,SW1001,1.000000,1985-03-02,2,WBRI,University of Testing,2,1,5,2020-01-06,2,"
               ",,,1.000000,3,3.00,,0,1,SIC\n");
    str_release(&x);
    arena_release(&a);
}

/* Each row of the mapping table written into a worker's file passes the schema. */
static void every_dfe_code_valid(void **state)
{
    (void)state;
    struct borough b;
    borough(&b);
    struct arena a = ARENA_INIT;
    for (size_t i = 0; i < csww_map_len; i++) {
        const struct csww_code *m = &csww_map[i];
        struct worker *w = &b.w[0];
        const char *code = m->kith ? m->kith : "WBRI";
        if (m->set == CS_SEX)
            w->sex = code[0];
        else if (m->set == CS_ETHNICITY)
            snprintf(w->ethnicity, sizeof w->ethnicity, "%s", code);
        else if (m->set == CS_QUAL_LEVEL)
            snprintf(w->qual_level, sizeof w->qual_level, "%s", code);
        else if (m->set == CS_ENTRY_ROUTE)
            snprintf(w->route, sizeof w->route, "%s", m->kith ? code : "university");
        else if (m->set == CS_WORKER_ROLE)
            w->role = (enum worker_role)vocab_parse(CS_WORKER_ROLE, code);
        else if (m->set == CS_START_ORIGIN)
            snprintf(w->origin, sizeof w->origin, "%s", code);
        else if (m->set == CS_LEAVER_DESTINATION || m->set == CS_LEAVING_REASON) {
            w->end = day("2026-06-30");
            snprintf(m->set == CS_LEAVING_REASON ? w->leave_reason : w->destination, 24, "%s",
                     code);
        } else if (m->set == CS_ABSENCE_REASON)
            snprintf(b.ab[0].cause, sizeof b.ab[0].cause, "%s", code);
        struct csww_census c;
        csww_census(&b.r, 2026, &a, &c);
        const char *dfe = csww_dfe(m->item, code);
        assert_true(dfe == m->dfe || !strcmp(m->dfe, "=") || !strcmp(dfe, m->dfe));
        struct str x = STR_INIT;
        csww_write_xml(&c, "206", 0, &x);
        struct kerr e = KERR_INIT;
        if (xml_validate_xsd(xsd(), x.buf, x.len, m->item, &e))
            fail_msg("%s %s -> %s: %s", m->item, code, m->dfe ? m->dfe : "(none)", e.msg);
        str_release(&x);
        borough(&b);
    }
    arena_release(&a);
}

/* Every code of every set the census reads has a row (its own, or the set's "any other"). */
static void every_code_mapped(void **state)
{
    (void)state;
    for (size_t i = 0; i < csww_map_len; i++) {
        const struct csww_code *m = &csww_map[i];
        const struct codeset *cs = codeset_get(m->set);
        for (int k = 0; k < cs->n; k++) {
            if (!code_in_year(&cs->codes[k], 2026)) /* sex's 1 and 2, before M and F */
                continue;
            bool found = false;
            for (size_t j = 0; j < csww_map_len && !found; j++)
                found = !strcmp(csww_map[j].item, m->item) &&
                        (!csww_map[j].kith || !strcmp(csww_map[j].kith, cs->codes[k].code));
            if (!found &&
                !(m->set == CS_WORKER_ROLE && !strcmp(cs->codes[k].code, "family-support-worker")))
                fail_msg("%s has no row for %s code '%s'", m->item, cs->name, cs->codes[k].code);
        }
    }
}

/* docs/workforce.md lists the table as it is. */
static void documented(void **state)
{
    (void)state;
    const char *path = getenv("WORKFORCE_DOC");
    assert_non_null(path);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct str doc = STR_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        str_addn(&doc, buf, n);
    fclose(f);
    for (size_t i = 0; i < csww_map_len; i++) {
        const struct csww_code *m = &csww_map[i];
        char row[256];
        snprintf(row, sizeof row, "| %s | %s | %s | %s |", m->item,
                 m->kith ? m->kith : "(any other)",
                 !m->dfe                ? "(left out)"
                 : !strcmp(m->dfe, "=") ? "(the same code)"
                                        : m->dfe,
                 m->why ? m->why : "");
        if (!strstr(doc.buf, row))
            fail_msg("docs/workforce.md lacks the row\n%s", row);
    }
    str_release(&doc);
}

/* Files broken one way each fail the schema, naming the line. */
static void broken_files_fail(void **state)
{
    (void)state;
    struct borough b;
    struct arena a = ARENA_INIT;
    struct csww_census c;
    census_of(&b, &a, &c);
    struct str x = STR_INIT;
    csww_write_xml(&c, "206", 0, &x);
    static const struct {
        const char *from, *to;
    } breaks[] = {
        {"<SWENo>SW1001</SWENo>", ""},                                /* a required item gone */
        {"<SWENo>SW1001</SWENo>", "<SWENo>1001</SWENo>"},             /* not the register's shape */
        {"<OrgRole>5</OrgRole>", "<OrgRole>7</OrgRole>"},             /* no such role */
        {"<FTE>1.000000</FTE>", "<FTE>1.0000001</FTE>"},              /* too many places */
        {"<FTE>1.000000</FTE>", "<FTE>1.5</FTE>"},                    /* more than full time */
        {"2026-09-30</ReferenceDate>", "2026-09-29</ReferenceDate>"}, /* not 30 September */
        {"<LEA>206</LEA>", "<LEA>2060</LEA>"},
        {"<Ethnicity>WBRI</Ethnicity>", "<Ethnicity>WIRT</Ethnicity>"},
        {"<ReasonAbsence>SIC</ReasonAbsence>", "<ReasonAbsence>SICK</ReasonAbsence>"},
        {"<Cases30>3</Cases30>", "<Cases30>-1</Cases30>"},
        {"<FTE30>1.000000</FTE30>\n    <Cases30>3</Cases30>",
         "<Cases30>3</Cases30>\n    <FTE30>1.000000</FTE30>"}, /* out of order */
        {"<WorkingDaysLost>3.00</WorkingDaysLost>", "<WorkingDaysLost>3.001</WorkingDaysLost>"},
        {"</Message>", ""}, /* not well-formed */
    };
    for (size_t i = 0; i < N_ELEMS(breaks); i++) {
        const char *at = strstr(x.buf, breaks[i].from);
        assert_non_null(at);
        struct str y = STR_INIT;
        str_addn(&y, x.buf, (size_t)(at - x.buf));
        str_add(&y, breaks[i].to);
        str_add(&y, at + strlen(breaks[i].from));
        struct kerr e = KERR_INIT;
        if (xml_validate_xsd(xsd(), y.buf, y.len, "broken", &e) != KITH_E_INVALID)
            fail_msg("break %zu (%s) passed the schema", i, breaks[i].to);
        assert_non_null(strstr(e.msg, "broken"));
        str_release(&y);
    }
    struct kerr e = KERR_INIT;
    assert_int_equal(xml_validate_xsd("/nonexistent.xsd", x.buf, x.len, "census", &e), KITH_E_IO);
    str_release(&x);
    arena_release(&a);
}

static void year_edges(void **state)
{
    (void)state;
    /* the figures count the assignments in force on the day: the second only */
    struct borough b;
    borough(&b);
    struct arena a = ARENA_INIT;
    struct workforce_figures wf;
    workforce_figures(&b.r, day("2025-10-01"), day("2026-09-30"), &a, &wf);
    assert_int_equal(wf.assignments, 1);
    workforce_figures(&b.r, day("2025-10-01"), day("2025-10-07"), &a, &wf);
    assert_int_equal(wf.assignments, 1); /* the first, on its last day */
    workforce_figures(&b.r, day("2025-10-01"), day("2025-10-08"), &a, &wf);
    assert_int_equal(wf.assignments, 0);
    arena_release(&a);
    assert_int_equal(csww_year_of(day("2026-09-30")), 2026);
    assert_int_equal(csww_year_of(day("2026-10-01")), 2027);
    assert_int_equal(csww_year_of(day("2025-10-01")), 2026);
    assert_int_equal(csww_year_start(2024), day("2023-10-01"));
    assert_int_equal(csww_reference_date(2024), day("2024-09-30"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counted),
        cmocka_unit_test(written_and_valid),
        cmocka_unit_test(every_dfe_code_valid),
        cmocka_unit_test(every_code_mapped),
        cmocka_unit_test(broken_files_fail),
        cmocka_unit_test(year_edges),
        cmocka_unit_test(documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
