/*
 * The public jobs board in-process, through the router and the real route table, on a
 * real database (SQLite here, PostgreSQL under tests/pg/cluster.sh): every option's count
 * equals the vacancies that option alone gives, under a random sample of the other
 * filters; repeated filters; sorting; paging; bad addresses answered with the problem
 * named; closed vacancies 410 with similar open ones; the JobPosting JSON-LD parsed by
 * jansson against Google's required properties; the Atom feed parsed by libxml2; and no
 * sign-in and no audit row on any of it.
 */
#include "../unit/test.h"

#include "../store/testdb.h"
#include "call.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/rng.h"
#include "domain/codeset.h"
#include "domain/jobs.h"
#include "domain/vacancy.h"
#include "http/pages.h"
#include "store/store.h"
#include "store/store_jobs.h"
#include "store/store_rec.h"

enum { OPEN_JOBS = 130, CLOSED_JOBS = 40, SAMPLES = 25 };

static const char *const roles[] = {
    "social-worker",    "senior-practitioner",   "advanced-practitioner", "team-manager",
    "personal-adviser", "family-support-worker", "cp-chair-iro",          "asye",
    "trainee"};
static const char *const contracts[] = {"permanent", "fixed-term", "temporary", "secondment"};
static const char *const hours[] = {"full-time", "part-time"};
static const char *const arrangements[] = {"office-based", "hybrid", "flexible"};
static const char *const teams[] = {"Assessment Team", "Child Protection Team", "Leaving Care Team",
                                    "Early Help Team"};

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    kdate today;
    char open_id[PUBLIC_ID_LEN + 1];   /* an open vacancy with markup in its text */
    char closed_id[PUBLIC_ID_LEN + 1]; /* closed by its date */
    char early_id[PUBLIC_ID_LEN + 1];  /* closed early, its date still to come */
    char future_id[PUBLIC_ID_LEN + 1]; /* not published yet */
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void add(struct fx *f, struct vacancy *v)
{
    struct kerr e = KERR_INIT;
    struct field_errors errs;
    field_errors_clear(&errs);
    rec_check(&vacancy_type, v, &(struct field_ctx){.today = f->today}, &errs);
    if (errs.n)
        fail_msg("test vacancy invalid: %s", errs.items[0].msg);
    assert_int_equal(store_rec_add(f->app.store, &vacancy_type, v, 1700000000, &e), KITH_OK);
}

static struct vacancy random_vacancy(struct fx *f, struct rng *r, bool open)
{
    struct vacancy v = {0};
    v.title = "Social Worker";
    v.team = teams[rng_below(r, N_OF(teams))];
    snprintf(v.role, sizeof v.role, "%s", roles[rng_below(r, N_OF(roles))]);
    snprintf(v.contract, sizeof v.contract, "%s", contracts[rng_below(r, N_OF(contracts))]);
    snprintf(v.hours, sizeof v.hours, "%s", hours[rng_below(r, N_OF(hours))]);
    snprintf(v.arrangement, sizeof v.arrangement, "%s",
             arrangements[rng_below(r, N_OF(arrangements))]);
    v.salary_min = rng_range(r, 25000, 70000);
    v.salary_max = v.salary_min + rng_range(r, 0, 6000);
    v.published_on =
        date_add_days(f->today, -(int32_t)rng_range(r, open ? 0 : 60, open ? 30 : 400));
    v.closing_date = open ? date_add_days(f->today, (int32_t)rng_range(r, 0, 40))
                          : date_add_days(v.published_on, (int32_t)rng_range(r, 10, 40));
    v.employer = "London Borough of Testbury";
    v.location = "Town Hall, 1 High Street, London";
    snprintf(v.postcode, sizeof v.postcode, "E8 1DY");
    v.description = rng_chance(r, 300) ? "Direct work with children in care, and court work."
                                       : "Assessments with families across the borough.";
    v.offer = "- leave rising with service\n- the Local Government Pension Scheme";
    v.needs_swe_registration = true;
    return v;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    struct kerr e = KERR_INIT;
    if (store_open(f->db.location, STORE_CREATE, &f->app.store, &e))
        return -1;
    f->app.origin = "http://127.0.0.1:8080";
    f->app.jobs = jobs_board_new(); /* as kith serve has it: the board in memory */
    f->today = date_today();
    struct rng r;
    rng_seed(&r, 20);
    for (int i = 0; i < OPEN_JOBS + CLOSED_JOBS; i++) {
        struct vacancy v = random_vacancy(f, &r, i < OPEN_JOBS);
        add(f, &v);
    }
    struct vacancy v = random_vacancy(f, &r, true);
    v.title = "Team Manager & Lead </script><script>alert(1)</script>";
    v.description = "Lead the <Assessment> team & \"the front door\".\n\n- supervise\n- audit";
    v.salary_max = v.salary_min; /* one figure, not a range: list_item_text checks it */
    snprintf(v.role, sizeof v.role, "team-manager");
    add(f, &v);
    snprintf(f->open_id, sizeof f->open_id, "%s", v.h.public_id);
    v = random_vacancy(f, &r, false);
    snprintf(v.role, sizeof v.role, "team-manager");
    add(f, &v);
    snprintf(f->closed_id, sizeof f->closed_id, "%s", v.h.public_id);
    v = random_vacancy(f, &r, true);
    v.closed = true;
    add(f, &v);
    snprintf(f->early_id, sizeof f->early_id, "%s", v.h.public_id);
    v = random_vacancy(f, &r, true);
    v.published_on = date_add_days(f->today, 3);
    v.closing_date = date_add_days(f->today, 30);
    add(f, &v);
    snprintf(f->future_id, sizeof f->future_id, "%s", v.h.public_id);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->app.store);
    arena_release(&f->a); /* gives back the readings the requests held */
    jobs_board_free(f->app.jobs);
    testdb_drop(&f->db);
    free(f);
    return 0;
}

static struct call *get(struct fx *f, const char *path)
{
    return call_run(&f->app, call_new(&f->a, "GET", path));
}

/* The API's answer to `query` as JSON, with its status checked. */
static json_t *api(struct fx *f, const char *query, int status)
{
    struct call *c = get(f, arena_printf(&f->a, "/api/v1/jobs%s%s", *query ? "?" : "", query));
    if (c->res.status != status)
        fail_msg("/api/v1/jobs?%s: status %d, expected %d: %s", query, c->res.status, status,
                 c->body);
    json_error_t err;
    json_t *j = json_loads(c->body, 0, &err);
    if (!j)
        fail_msg("/api/v1/jobs?%s: not JSON: %s", query, err.text);
    return j;
}

static long long total_of(struct fx *f, const char *query)
{
    json_t *j = api(f, query, 200);
    long long n = json_integer_value(json_object_get(j, "total"));
    json_decref(j);
    return n;
}

static const char *const facet_names[JF_COUNT] = {"contract", "hours", "arrangement", "role",
                                                  "salary"};

/* A random view: each facet filtered with probability 1/2 by one to three of its options,
 * keywords now and then; returned as a query, and the facets' choices in `chosen`. */
static const char *random_view(struct fx *f, struct rng *r, uint32_t chosen[JF_COUNT],
                               const char **keywords)
{
    const char *q = "";
    *keywords = rng_chance(r, 200) ? "children" : NULL;
    if (*keywords)
        q = "keywords=children";
    for (int k = 0; k < JF_COUNT; k++) {
        chosen[k] = 0;
        if (!rng_chance(r, 500))
            continue;
        size_t n = jobs_options((enum job_facet)k);
        for (int t = (int)rng_range(r, 1, 3); t > 0; t--)
            chosen[k] |= 1u << rng_below(r, n);
    }
    for (int k = 0; k < JF_COUNT; k++)
        for (size_t i = 0; i < jobs_options((enum job_facet)k); i++)
            if (chosen[k] & (1u << i))
                q = arena_printf(&f->a, "%s%s%s=%s", q, *q ? "&" : "", facet_names[k],
                                 jobs_option((enum job_facet)k, i).code);
    return q;
}

/* The view's query with facet k's choice replaced by option i alone. */
static const char *only(struct fx *f, const uint32_t chosen[JF_COUNT], const char *keywords, int k,
                        size_t i)
{
    const char *q = keywords ? arena_printf(&f->a, "keywords=%s", keywords) : "";
    for (int m = 0; m < JF_COUNT; m++)
        for (size_t o = 0; o < jobs_options((enum job_facet)m); o++)
            if (m == k ? o == i : (chosen[m] >> o) & 1u)
                q = arena_printf(&f->a, "%s%s%s=%s", q, *q ? "&" : "", facet_names[m],
                                 jobs_option((enum job_facet)m, o).code);
    return q;
}

/* Under a random sample of views, every option of every facet: its count equals the
 * total the view gives with that option alone chosen in its facet, and a facet's counts
 * add up to the total with that facet left open. */
static void counts_equal_results(void **state)
{
    struct fx *f = *state;
    struct rng r;
    rng_seed(&r, 7);
    int checked = 0;
    for (int s = 0; s < SAMPLES; s++) {
        uint32_t chosen[JF_COUNT];
        const char *keywords;
        const char *q = random_view(f, &r, chosen, &keywords);
        json_t *j = api(f, q, 200);
        json_t *filters = json_object_get(j, "filters");
        for (int k = 0; k < JF_COUNT; k++) {
            json_t *opts = json_object_get(filters, facet_names[k]);
            assert_int_equal(json_array_size(opts), jobs_options((enum job_facet)k));
            long long sum = 0;
            for (size_t i = 0; i < json_array_size(opts); i++) {
                json_t *o = json_array_get(opts, i);
                long long count = json_integer_value(json_object_get(o, "count"));
                long long got = total_of(f, only(f, chosen, keywords, k, i));
                if (count != got)
                    fail_msg("view '%s': %s=%s shows %lld but gives %lld", q, facet_names[k],
                             json_string_value(json_object_get(o, "value")), count, got);
                assert_int_equal(json_is_true(json_object_get(o, "chosen")), (chosen[k] >> i) & 1u);
                sum += count;
                checked++;
            }
            uint32_t saved = chosen[k];
            chosen[k] = 0;
            const char *open = only(f, chosen, keywords, JF_COUNT, 0);
            chosen[k] = saved;
            assert_int_equal(sum, total_of(f, open));
        }
        json_decref(j);
    }
    print_message("%d option counts checked under %d views\n", checked, SAMPLES);
}

/* The page shows the same counts as the API, each in its checkbox's label, ticked as
 * chosen. */
static void page_shows_counts(void **state)
{
    struct fx *f = *state;
    json_t *j = api(f, "hours=part-time", 200);
    json_t *o = json_array_get(json_object_get(json_object_get(j, "filters"), "contract"), 0);
    long long n = json_integer_value(json_object_get(o, "count"));
    json_decref(j);
    struct call *c = get(f, "/jobs?hours=part-time");
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, arena_printf(&f->a, ">Permanent (%lld)</label>", n)));
    assert_non_null(strstr(c->body, "value=\"part-time\" checked"));
    assert_null(strstr(c->body, "value=\"full-time\" checked"));
    assert_non_null(strstr(c->body, "<form method=\"get\" action=\"/jobs\""));
    assert_non_null(
        strstr(c->body, arena_printf(&f->a, "of %lld vacanc", total_of(f, "hours=part-time"))));
}

/* A repeated filter is either of its options; the same option twice is the option once. */
static void repeated_filters(void **state)
{
    struct fx *f = *state;
    long long p = total_of(f, "contract=permanent"), t = total_of(f, "contract=fixed-term");
    assert_true(p > 0 && t > 0);
    assert_int_equal(total_of(f, "contract=permanent&contract=fixed-term"), p + t);
    assert_int_equal(total_of(f, "contract=permanent&contract=permanent"), p);
    assert_int_equal(get(f, "/jobs?contract=permanent&contract=permanent")->res.status, 200);
    assert_int_equal(total_of(f, ""), OPEN_JOBS + 1);
    /* a parameter the board does not use is left alone */
    assert_int_equal(total_of(f, "utm_source=newsletter&contract=permanent"), p);
}

static void sorted(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *sort, *key;
        int dir; /* 1: ascending */
    } cases[] = {{"closing", "closing_date", 1},
                 {"newest", "published_on", -1},
                 {"salary", "salary_max", -1}};
    for (size_t c = 0; c < N_OF(cases); c++) {
        json_t *j = api(f, arena_printf(&f->a, "sort=%s", cases[c].sort), 200);
        json_t *jobs = json_object_get(j, "jobs");
        assert_int_equal(json_array_size(jobs), JOBS_PAGE_SIZE);
        for (size_t i = 1; i < json_array_size(jobs); i++) {
            json_t *a = json_object_get(json_array_get(jobs, i - 1), cases[c].key);
            json_t *b = json_object_get(json_array_get(jobs, i), cases[c].key);
            int cmp = json_is_integer(a) ? (json_integer_value(a) > json_integer_value(b)) -
                                               (json_integer_value(a) < json_integer_value(b))
                                         : strcmp(json_string_value(a), json_string_value(b));
            if (cmp * cases[c].dir > 0)
                fail_msg("sort=%s: row %zu is out of order", cases[c].sort, i);
        }
        json_decref(j);
    }
}

/* Every page of a view together is the view, each vacancy once; past the last is 404. */
static void paging(void **state)
{
    struct fx *f = *state;
    long long total = total_of(f, "hours=full-time");
    long long pages = (total + JOBS_PAGE_SIZE - 1) / JOBS_PAGE_SIZE, seen = 0;
    assert_true(pages >= 3);
    char(*ids)[PUBLIC_ID_LEN + 1] = arena_alloc(&f->a, (size_t)total * sizeof *ids);
    for (long long p = 1; p <= pages; p++) {
        json_t *j = api(f, arena_printf(&f->a, "hours=full-time&sort=salary&page=%lld", p), 200);
        assert_int_equal(json_integer_value(json_object_get(j, "pages")), pages);
        json_t *jobs = json_object_get(j, "jobs");
        for (size_t i = 0; i < json_array_size(jobs); i++) {
            const char *id = json_string_value(json_object_get(json_array_get(jobs, i), "id"));
            for (long long k = 0; k < seen; k++)
                if (!strcmp(ids[k], id))
                    fail_msg("vacancy %s on two pages", id);
            assert_true(seen < total);
            snprintf(ids[seen++], PUBLIC_ID_LEN + 1, "%s", id);
        }
        json_decref(j);
    }
    assert_int_equal(seen, total);
    json_decref(api(f, arena_printf(&f->a, "hours=full-time&page=%lld", pages + 1), 404));
    struct call *c = get(f, arena_printf(&f->a, "/jobs?hours=full-time&page=%lld", pages + 1));
    assert_int_equal(c->res.status, 404);
    assert_non_null(strstr(c->body, "Go to the first page"));
    /* the page's links keep the filters and the sort */
    c = get(f, "/jobs?hours=full-time&sort=salary&page=2");
    assert_non_null(strstr(c->body, "href=\"/jobs?hours=full-time&amp;sort=salary&amp;page=3\""));
    assert_non_null(strstr(c->body, "href=\"/jobs?hours=full-time&amp;sort=salary\" rel=\"prev\""));
}

/* Values the board does not have, and single parameters given twice: 400, the problem
 * named beside its filter, and the vacancies the rest of the address asks for. */
static void bad_addresses(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *query, *field, *words;
    } cases[] = {
        {"contract=banana", "contract", "Contract 'banana' is not one the board has"},
        {"role=Social-Worker", "role", "choose social-worker, senior-practitioner"},
        {"salary=1000000", "salary", "Starting salary '1000000'"},
        {"sort=cheapest", "sort", "Sort 'cheapest'"},
        {"sort=salary&sort=newest", "sort", "Give sort once"},
        {"page=0", "page", "Page '0' is not a page number"},
        {"page=two", "page", "Page 'two'"},
        {"page=1&page=2", "page", "Give page once"},
        {"keywords=a&keywords=b", "keywords", "Give keywords once"},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        json_t *j = api(f, cases[i].query, 400);
        json_t *e0 = json_array_get(json_object_get(j, "errors"), 0);
        assert_string_equal(json_string_value(json_object_get(e0, "field")), cases[i].field);
        if (!strstr(json_string_value(json_object_get(e0, "detail")), cases[i].words))
            fail_msg("%s: '%s'", cases[i].query, json_string_value(json_object_get(e0, "detail")));
        json_decref(j);
        struct call *c = get(f, arena_printf(&f->a, "/jobs?%s", cases[i].query));
        assert_int_equal(c->res.status, 400);
        assert_non_null(strstr(c->body, "govuk-error-summary"));
        assert_non_null(strstr(c->body, arena_printf(&f->a, "href=\"#%s\"", cases[i].field)));
        assert_non_null(strstr(c->body, "Showing 1 to"));
        c = get(f, arena_printf(&f->a, "/jobs.atom?%s", cases[i].query));
        assert_int_equal(c->res.status, 400);
    }
    char kw[JOBS_KEYWORDS_MAX + 12] = "keywords=";
    memset(kw + 9, 'a', JOBS_KEYWORDS_MAX + 1);
    json_decref(api(f, kw, 400));
    /* the rest of a bad address still filters */
    struct call *c = get(f, "/jobs?contract=banana&contract=permanent");
    assert_non_null(
        strstr(c->body, arena_printf(&f->a, "of %lld vacanc", total_of(f, "contract=permanent"))));
}

static void keywords(void **state)
{
    struct fx *f = *state;
    long long court = total_of(f, "keywords=COURT+work");
    assert_true(court > 0 && court < OPEN_JOBS);
    assert_int_equal(total_of(f, "keywords=court+nothing-like-this"), 0);
    assert_int_equal(total_of(f, "keywords=leaving+care"),
                     total_of(f, "keywords=Leaving%20Care%20team"));
}

/* The vacancy's page: its facts, its text escaped, and JobPosting JSON-LD with Google's
 * required and recommended properties. */
static void vacancy_page_json_ld(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, arena_printf(&f->a, "/jobs/%s", f->open_id));
    assert_int_equal(c->res.status, 200);
    assert_null(strstr(c->body, "</script><script>"));
    assert_non_null(strstr(c->body, "Lead the &lt;Assessment&gt; team &amp; &quot;the front"));
    assert_non_null(strstr(c->body, "<li>supervise</li>"));
    assert_non_null(strstr(c->body, "Local Government Pension Scheme"));
    const char *open = "<script type=\"application/ld+json\">";
    const char *at = strstr(c->body, open);
    assert_non_null(at);
    at += strlen(open);
    const char *end = strstr(at, "</script>");
    assert_non_null(end);
    json_error_t err;
    json_t *j = json_loadb(at, (size_t)(end - at), 0, &err);
    if (!j)
        fail_msg("JSON-LD does not parse: %s", err.text);
    assert_string_equal(json_string_value(json_object_get(j, "@type")), "JobPosting");
    assert_string_equal(json_string_value(json_object_get(j, "@context")), "https://schema.org/");
    static const char *const required[] = {"title",        "description",    "datePosted",
                                           "validThrough", "employmentType", "hiringOrganization",
                                           "jobLocation",  "baseSalary"};
    for (size_t i = 0; i < N_OF(required); i++)
        if (!json_object_get(j, required[i]))
            fail_msg("JobPosting has no %s", required[i]);
    assert_string_equal(json_string_value(json_object_get(j, "title")),
                        "Team Manager & Lead </script><script>alert(1)</script>");
    assert_non_null(strstr(json_string_value(json_object_get(j, "description")), "<Assessment>"));
    kdate d;
    assert_int_equal(date_parse_iso(json_string_value(json_object_get(j, "datePosted")), &d, NULL),
                     KITH_OK);
    const char *through = json_string_value(json_object_get(j, "validThrough"));
    assert_int_equal(strlen(through), 20); /* YYYY-MM-DDThh:mm:ssZ */
    assert_true(json_array_size(json_object_get(j, "employmentType")) >= 1);
    json_t *org = json_object_get(j, "hiringOrganization");
    assert_string_equal(json_string_value(json_object_get(org, "@type")), "Organization");
    assert_string_equal(json_string_value(json_object_get(org, "name")),
                        "London Borough of Testbury");
    json_t *addr = json_object_get(json_object_get(j, "jobLocation"), "address");
    assert_string_equal(json_string_value(json_object_get(addr, "addressCountry")), "GB");
    assert_non_null(json_string_value(json_object_get(addr, "postalCode")));
    json_t *pay = json_object_get(j, "baseSalary");
    assert_string_equal(json_string_value(json_object_get(pay, "currency")), "GBP");
    json_t *v = json_object_get(pay, "value");
    assert_true(json_integer_value(json_object_get(v, "minValue")) >= 25000);
    assert_true(json_integer_value(json_object_get(v, "maxValue")) >=
                json_integer_value(json_object_get(v, "minValue")));
    assert_string_equal(json_string_value(json_object_get(v, "unitText")), "YEAR");
    json_decref(j);
}

/* Closed vacancies are gone (410) with open ones like them; unknown and not yet published
 * ones were never here (404). */
static void closed_vacancies(void **state)
{
    struct fx *f = *state;
    const char *gone[] = {f->closed_id, f->early_id};
    for (size_t i = 0; i < N_OF(gone); i++) {
        struct call *c = get(f, arena_printf(&f->a, "/jobs/%s", gone[i]));
        assert_int_equal(c->res.status, 410);
        assert_non_null(strstr(c->body, "This vacancy has closed"));
        assert_non_null(strstr(c->body, "Similar open vacancies"));
        assert_non_null(strstr(c->body, "href=\"/jobs/"));
        assert_null(strstr(c->body, "application/ld+json"));
    }
    /* the closed team manager's page offers the open team manager's first */
    struct call *c = get(f, arena_printf(&f->a, "/jobs/%s", f->closed_id));
    assert_non_null(strstr(c->body, "href=\"/jobs?role=team-manager\""));
    assert_int_equal(get(f, arena_printf(&f->a, "/jobs/%s", f->future_id))->res.status, 404);
    assert_int_equal(get(f, "/jobs/aaaaaaaaaaaaaaaaaaaaaaaaaa")->res.status, 404);
    assert_int_equal(get(f, "/jobs/NOT-AN-ID")->res.status, 404);
    /* and none of them is in the list */
    json_t *j = api(f, "sort=newest", 200);
    json_t *jobs = json_object_get(j, "jobs");
    for (size_t i = 0; i < json_array_size(jobs); i++) {
        const char *id = json_string_value(json_object_get(json_array_get(jobs, i), "id"));
        assert_true(strcmp(id, f->early_id) && strcmp(id, f->future_id));
    }
    json_decref(j);
}

/* "£38,500", "£38,500 to £41,000 a year" and "20 December 2026" as the pages write them,
 * made here with snprintf: the pages write them digit by digit. */
static const char *pounds(struct fx *f, long long v)
{
    return v >= 1000 ? arena_printf(&f->a, "£%lld,%03lld", v / 1000, v % 1000)
                     : arena_printf(&f->a, "£%lld", v);
}

static const char *pay(struct fx *f, long long lo, long long hi)
{
    return hi <= lo ? arena_printf(&f->a, "%s a year", pounds(f, lo))
                    : arena_printf(&f->a, "%s to %s a year", pounds(f, lo), pounds(f, hi));
}

static const char *long_day(struct fx *f, const char *iso_day)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    kdate d;
    assert_int_equal(date_parse_iso(iso_day, &d, NULL), KITH_OK);
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return arena_printf(&f->a, "%d %s %d", dd, months[m - 1], y);
}

/* Each vacancy in the list shows its pay and closing day; a vacancy's page its pay as one
 * figure when the range has none, and a closed one the day it closed. */
static void list_item_text(void **state)
{
    struct fx *f = *state;
    static const char *const views[] = {"sort=salary", "sort=closing", "sort=newest&page=2"};
    for (size_t v = 0; v < N_OF(views); v++) {
        const char *body = get(f, arena_printf(&f->a, "/jobs?%s", views[v]))->body;
        json_t *j = api(f, views[v], 200);
        json_t *jobs = json_object_get(j, "jobs");
        assert_true(json_array_size(jobs) > 0);
        for (size_t i = 0; i < json_array_size(jobs); i++) {
            json_t *o = json_array_get(jobs, i);
            const char *id = json_string_value(json_object_get(o, "id"));
            const char *at = strstr(body, arena_printf(&f->a, "href=\"/jobs/%s\"", id));
            assert_non_null(at);
            const char *end = strstr(at, "</li>");
            assert_non_null(end);
            const char *item = arena_strndup(&f->a, at, (size_t)(end - at));
            const char *want_pay =
                arena_printf(&f->a, ">%s &middot; ",
                             pay(f, json_integer_value(json_object_get(o, "salary_min")),
                                 json_integer_value(json_object_get(o, "salary_max"))));
            const char *want_day =
                arena_printf(&f->a, "Closes %s</p>",
                             long_day(f, json_string_value(json_object_get(o, "closing_date"))));
            if (!strstr(item, want_pay) || !strstr(item, want_day))
                fail_msg("%s: item %s has not \"%s\" and \"%s\": %s", views[v], id, want_pay,
                         want_day, item);
        }
        json_decref(j);
    }
    struct arena a;
    arena_init(&a, 0);
    struct kerr e = KERR_INIT;
    struct vacancy open, closed;
    assert_int_equal(store_rec_find(f->app.store, &vacancy_type, f->open_id, &a, &open, &e),
                     KITH_OK);
    assert_int_equal(store_rec_find(f->app.store, &vacancy_type, f->closed_id, &a, &closed, &e),
                     KITH_OK);
    char day[DATE_ISO_LEN];
    const char *page = get(f, arena_printf(&f->a, "/jobs/%s", f->open_id))->body;
    assert_non_null(
        strstr(page, arena_printf(&f->a, "<dd class=\"govuk-summary-list__value\">%s</dd>",
                                  pay(f, open.salary_min, open.salary_max))));
    assert_null(strstr(pay(f, open.salary_min, open.salary_max), " to "));
    assert_non_null(
        strstr(page, arena_printf(&f->a, "%s (applications until midnight)",
                                  long_day(f, date_format_iso(open.closing_date, day)))));
    page = get(f, arena_printf(&f->a, "/jobs/%s", f->closed_id))->body;
    assert_non_null(
        strstr(page, arena_printf(&f->a, "closed to applications on %s.",
                                  long_day(f, date_format_iso(closed.closing_date, day)))));
    arena_release(&a);
}

static const xmlChar *X(const char *s) { return (const xmlChar *)s; }

static xmlNode *child(xmlNode *n, const char *name)
{
    for (xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, X(name)))
            return c;
    return NULL;
}

/* The feed of a filtered view, parsed by libxml2: an Atom feed with its required
 * elements, one entry for each vacancy of the view. */
static void atom_feed(void **state)
{
    struct fx *f = *state;
    const char *views[] = {"", "role=team-manager", "contract=permanent&hours=part-time"};
    for (size_t v = 0; v < N_OF(views); v++) {
        struct call *c = get(f, arena_printf(&f->a, "/jobs.atom?%s", views[v]));
        assert_int_equal(c->res.status, 200);
        assert_string_equal(c->res.content_type, "application/atom+xml; charset=utf-8");
        xmlDoc *doc = xmlReadMemory(c->body, (int)strlen(c->body), "feed.xml", NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc)
            fail_msg("/jobs.atom?%s is not well-formed XML", views[v]);
        xmlNode *feed = xmlDocGetRootElement(doc);
        assert_string_equal((const char *)feed->name, "feed");
        assert_non_null(feed->ns);
        assert_string_equal((const char *)feed->ns->href, "http://www.w3.org/2005/Atom");
        assert_non_null(child(feed, "id"));
        assert_non_null(child(feed, "title"));
        assert_non_null(child(feed, "updated"));
        assert_non_null(child(feed, "author"));
        long long entries = 0;
        for (xmlNode *e = feed->children; e; e = e->next) {
            if (e->type != XML_ELEMENT_NODE || xmlStrcmp(e->name, X("entry")))
                continue;
            entries++;
            assert_non_null(child(e, "id"));
            assert_non_null(child(e, "title"));
            assert_non_null(child(e, "updated"));
            xmlNode *link = child(e, "link");
            assert_non_null(link);
            xmlChar *href = xmlGetProp(link, X("href"));
            assert_non_null(strstr((const char *)href, "http://127.0.0.1:8080/jobs/"));
            xmlFree(href);
        }
        long long total = total_of(f, views[v]);
        assert_int_equal(entries, total < 100 ? total : 100);
        if (v == 1) { /* the title with markup in it reads back as it was written */
            bool found = false;
            for (xmlNode *e = feed->children; e; e = e->next)
                if (e->type == XML_ELEMENT_NODE && !xmlStrcmp(e->name, X("entry"))) {
                    xmlChar *t = xmlNodeGetContent(child(e, "title"));
                    found |= !strcmp((const char *)t,
                                     "Team Manager & Lead </script><script>alert(1)</script>");
                    xmlFree(t);
                }
            assert_true(found);
        }
        xmlFreeDoc(doc);
    }
}

/* Nobody signs in and nothing is audited: the board sets no cookie and writes no row. */
static void public_and_unaudited(void **state)
{
    struct fx *f = *state;
    const char *paths[] = {"/jobs", "/jobs.atom", "/api/v1/jobs",
                           arena_printf(&f->a, "/jobs/%s", f->open_id),
                           arena_printf(&f->a, "/jobs/%s", f->closed_id)};
    for (size_t i = 0; i < N_OF(paths); i++) {
        struct call *c = get(f, paths[i]);
        assert_true(c->res.status == 200 || c->res.status == 410);
        assert_null(http_header_get(&c->res, "Set-Cookie"));
    }
    struct audit_event *ev;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_audit_list(f->app.store, &(struct audit_query){0}, &f->a, &ev, &n, &e),
                     KITH_OK);
    assert_int_equal(n, 0);
}

/* The board in memory is read again when a vacancy changes, whoever changes it: here a
 * second connection to the database, as a second server or kith record would be. Without
 * a change the reading is kept (the same rows); a new day reads again (what is open
 * depends on the day). Last, as it adds a vacancy. */
static void board_sees_changes(void **state)
{
    struct fx *f = *state;
    int64_t before = total_of(f, "");
    struct arena a;
    arena_init(&a, 0);
    struct kerr e = KERR_INIT;
    struct jobs_set s1, s2;
    assert_int_equal(jobs_board_open(f->app.jobs, f->app.store, f->today, &a, &s1, &e), KITH_OK);
    assert_int_equal(jobs_board_open(f->app.jobs, f->app.store, f->today, &a, &s2, &e), KITH_OK);
    assert_ptr_equal(s1.rows, s2.rows);
    assert_int_equal((int64_t)s1.n, before);

    struct store *other;
    assert_int_equal(store_open(f->db.location, 0, &other, &e), KITH_OK);
    struct rng r;
    rng_seed(&r, 77);
    struct vacancy v = random_vacancy(f, &r, true);
    v.title = "Independent Reviewing Officer (Zanzibar)";
    assert_int_equal(store_rec_add(other, &vacancy_type, &v, 1700000000, &e), KITH_OK);
    assert_int_equal(total_of(f, ""), before + 1);
    assert_int_equal(total_of(f, "keywords=zanzibar"), 1);

    /* Closed early by the other connection: gone from the board at the next request. */
    v.closed = true;
    v.h.reason = "filled";
    assert_int_equal(store_rec_update(other, &vacancy_type, &v, 1700000100, &e), KITH_OK);
    assert_int_equal(total_of(f, "keywords=zanzibar"), 0);
    assert_int_equal(total_of(f, ""), before);
    store_close(other);

    struct jobs_set later;
    assert_int_equal(
        jobs_board_open(f->app.jobs, f->app.store, date_add_days(f->today, 45), &a, &later, &e),
        KITH_OK);
    assert_true(later.n < s1.n); /* every open one in the fixture closes within 40 days */
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_equal_results),
        cmocka_unit_test(page_shows_counts),
        cmocka_unit_test(repeated_filters),
        cmocka_unit_test(sorted),
        cmocka_unit_test(paging),
        cmocka_unit_test(bad_addresses),
        cmocka_unit_test(keywords),
        cmocka_unit_test(vacancy_page_json_ld),
        cmocka_unit_test(closed_vacancies),
        cmocka_unit_test(list_item_text),
        cmocka_unit_test(atom_feed),
        cmocka_unit_test(public_and_unaudited),
        cmocka_unit_test(board_sees_changes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
