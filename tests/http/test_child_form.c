/*
 * The child's identity is written once (casework.h cw_child_create): a bad value gets the
 * same field name and the same problem through the page (POST /children: in GOV.UK's words
 * for a missing, future or too long value, page_field_message), the API (POST
 * /api/v1/children) and the command line (`kith child add`, run as $KITH on the same
 * database), the same sentence for the last two, and none of the three stores anything. One table
 * of values; each row is sent three ways. Then the page's happy paths: the form drawn from the
 * description, a child recorded and a correction saved, both audited, and a child out of scope is
 * not found on the edit form.
 */
#include "../unit/test.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/date.h"
#include "http/page.h"
#include "core/esc.h"
#include "core/str.h"
#include "domain/person.h"
#include "domain/rec.h"
#include "domain/record.h"
#include "http/router.h"
#include "store/store.h"

#define ORIGIN "http://127.0.0.1:8080"
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

enum who { WORKER, OTHER, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    const char *kith;
    char other_child[PUBLIC_ID_LEN + 1];
};

static struct http_principal *by_cookie(struct http_app *app, struct http_request *req)
{
    struct fx *f = app->auth_data;
    int w;
    if (!req->cookie || sscanf(req->cookie, "who=%d", &w) != 1 || w < 0 || w >= WHO_COUNT)
        return NULL;
    return &f->who[w];
}

static void account(struct fx *f, enum who w, const char *name, int64_t team)
{
    struct kerr e = KERR_INIT;
    struct worker wk = {.team_id = team,
                        .given_name = name,
                        .family_name = "Worker",
                        .role = ROLE_SOCIAL_WORKER,
                        .fte = 1.0,
                        .start = date_from_ymd(2024, 1, 2),
                        .end = DATE_NONE};
    assert_int_equal(store_worker_add(f->app.store, &wk, &e), 0);
    struct user u = {.username = name, .worker_id = wk.id, .role = UROLE_SOCIAL_WORKER};
    u.created = DATE_NONE;
    assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
    f->who[w] = (struct http_principal){.user_id = u.id,
                                        .username = name,
                                        .worker_id = wk.id,
                                        .role = UROLE_SOCIAL_WORKER,
                                        .perms = ROUTE_SIGNED_IN | ROUTE_CHILD_READ |
                                                 ROUTE_NOTE_WRITE | ROUTE_CHILD_WRITE,
                                        .csrf_token = TOKEN};
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
    f->app.origin = ORIGIN;
    f->app.authenticate = by_cookie;
    f->app.auth_data = f;
    f->kith = getenv("KITH");
    struct team t = {.name = "Team", .service = SERVICE_CHILD_IN_NEED, .caseload_threshold = 18};
    assert_int_equal(store_team_add(f->app.store, &t, &e), 0);
    account(f, WORKER, "ada", t.id);
    account(f, OTHER, "cat", t.id);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->app.store);
    arena_release(&f->a);
    testdb_drop(&f->db);
    free(f);
    return 0;
}

static struct call *page(struct fx *f, const char *method, const char *path, enum who w,
                         const char *form)
{
    struct call *c = call_new(&f->a, method, path);
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    c->req.origin = ORIGIN;
    snprintf(c->req.request_id, sizeof c->req.request_id, "page%d", (int)w);
    if (form)
        assert_int_equal(http_form_parse(&c->req, form, strlen(form)), 0);
    return call_run(&f->app, c);
}

static struct call *api(struct fx *f, const char *method, const char *path, enum who w,
                        const char *body)
{
    struct call *c = call_new(&f->a, method, path);
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    c->req.content_type = "application/json";
    snprintf(c->req.request_id, sizeof c->req.request_id, "api%d", (int)w);
    c->req.body = body;
    c->req.body_len = body ? strlen(body) : 0;
    return call_run(&f->app, c);
}

static int64_t children(struct fx *f)
{
    struct person_query q = {.kind = PERSON_CHILD, .limit = 100};
    struct person *v;
    size_t n;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_person_list(f->app.store, &q, &f->a, &v, &n, &e), 0);
    return (int64_t)n;
}

/* `needle` in `hay`, or the test fails showing both. */
static void has(const char *where, const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("%s lacks [%s] in:\n%.3000s", where, needle, hay);
}

/* The answer's status, or the test fails showing the page's error summary. */
static void status(const struct call *c, int want)
{
    if (c->res.status != want) {
        const char *at = strstr(c->body, "govuk-error-summary__list");
        fail_msg("status %d, not %d: %.1500s", c->res.status, want, at ? at : c->body);
    }
}

/* A row's values, in the order of `names` (NULL leaves one out): each channel spells them
 * its own way. */
enum { NVALUES = 13 };

static const struct {
    const char *field; /* the field at fault */
    const char *v[NVALUES];
} bad[] = {
    {"dob", {"Ada", "F", "2030-01-01", NULL, "WBRI", NULL, NULL, NULL, NULL}},
    {"sex", {"Ada", "Q", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL}},
    {"ethnicity", {"Ada", "F", "2015-02-28", NULL, "WXYZ", NULL, NULL, NULL, NULL}},
    {"ethnicity", {"Ada", "F", "2015-02-28", NULL, NULL, NULL, NULL, NULL, NULL}},
    {"upn", {"Ada", "F", "2015-02-28", NULL, "WBRI", "A123", NULL, NULL, NULL}},
    {"upn_unknown", {"Ada", "F", "2015-02-28", NULL, "WBRI", "Z820200000109", "UN1", NULL, NULL}},
    {"postcode", {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, "QQ1", NULL}},
    {"given_name", {NULL, "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL}},
    {"expected_dob", {"Ada", "F", "2015-02-28", "2027-01-01", "WBRI", NULL, NULL, NULL, NULL}},
    {"disabilities", {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, "NONE,MOB"}},
    {"disabilities", {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, "MOB,MOB"}},
    /* the NHS number: its check digit, and where it came from or why it is not known */
    {"nhs_number",
     {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL, "9434765918", "pds-trace"}},
    {"nhs_number",
     {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL, "9990000000", "gp"}},
    {"nhs_source",
     {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL, "9434765919", NULL}},
    {"nhs_source", {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL, NULL, "gp"}},
    {"nhs_source",
     {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL, "9434765919", "not-known",
      "not-traced"}},
    {"nhs_unknown",
     {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL, NULL, "not-known"}},
    {"nhs_unknown_text",
     {"Ada", "F", "2015-02-28", NULL, "WBRI", NULL, NULL, NULL, NULL, NULL, "not-known", "other"}},
};

/* The fields of a row in order, as the description names them and the CLI's
 * options spell them. */
static const char *const names[] = {"given_name",      "sex",        "dob",         "expected_dob",
                                    "ethnicity",       "upn",        "upn_unknown", "postcode",
                                    "disabilities",    "nhs_number", "nhs_source",  "nhs_unknown",
                                    "nhs_unknown_text"};
static const char *const options[] = {
    "given",           "sex",      "dob",          "expected-dob", "ethnicity",  "upn",
    "upn-unknown",     "postcode", "disabilities", "nhs-number",   "nhs-source", "nhs-unknown",
    "nhs-unknown-text"};

static const char *value_at(size_t row, size_t i) { return bad[row].v[i]; }

/* What the description says of the row's field: the sentence every channel must show. */
static const struct field_error *expected(struct fx *f, size_t row)
{
    struct person p = person_blank_child();
    p.family_name = "Formtest";
    struct field_errors errs;
    field_errors_clear(&errs);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        rec_set_text(field_find(person_fields, names[i]), &p, value_at(row, i), &f->a, &errs);
    assert_int_equal(errs.n, 0);
    field_check_person(&p, collection_year(date_today()), &errs);
    const struct field_error *fe = field_error_for(&errs, bad[row].field);
    if (!fe)
        fail_msg("row %zu: the description finds nothing wrong with %s", row, bad[row].field);
    struct field_error *kept = arena_alloc(&f->a, sizeof *kept);
    *kept = *fe;
    return kept;
}

static void through_api(struct fx *f, size_t row, const char *msg)
{
    struct str body = STR_INIT;
    str_addf(&body, "{\"family_name\":\"Formtest\"");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (value_at(row, i))
            str_addf(&body, ",\"%s\":\"%s\"", names[i], value_at(row, i));
    str_addf(&body, "}");
    struct call *c = api(f, "POST", "/api/v1/children", WORKER, arena_strdup(&f->a, body.buf));
    str_release(&body);
    assert_int_equal(c->res.status, 422);
    struct str want = STR_INIT;
    str_addf(&want, "{\"field\":\"%s\",\"detail\":", bad[row].field);
    esc_json(&want, msg);
    has("the API's problem", c->body, want.buf);
    str_release(&want);
}

static void through_page(struct fx *f, size_t row, const char *msg)
{
    struct str form = STR_INIT;
    str_addf(&form, "csrf=" TOKEN "&family_name=Formtest");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = value_at(row, i);
        if (!v)
            continue;
        int y, m, d;
        if (strstr(names[i], "dob") && sscanf(v, "%d-%d-%d", &y, &m, &d) == 3) {
            str_addf(&form, "&%s-day=%d&%s-month=%d&%s-year=%d", names[i], d, names[i], m, names[i],
                     y);
        } else if (!strcmp(names[i], "disabilities")) { /* one box ticked per code */
            for (const char *p = v; *p; p += strcspn(p, ","), p += *p == ',')
                str_addf(&form, "&disabilities=%.*s", (int)strcspn(p, ","), p);
        } else {
            str_addf(&form, "&%s=%s", names[i], v);
        }
    }
    struct call *c = page(f, "POST", "/children", WORKER, arena_strdup(&f->a, form.buf));
    str_release(&form);
    assert_int_equal(c->res.status, 422);
    /* in the summary, linked to its field (a date's day box) */
    struct str want = STR_INIT;
    str_addf(&want, "<li><a href=\"#%s", bad[row].field);
    has("the page's error summary", c->body, want.buf);
    str_release(&want);
    esc_html(&want, msg);
    has("the page", c->body, want.buf);
    str_release(&want);
}

static void through_cli(struct fx *f, size_t row, const char *msg)
{
    struct str cmd = STR_INIT;
    str_addf(&cmd, "'%s' child add --db '%s' --family Formtest", f->kith, f->db.location);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (value_at(row, i))
            str_addf(&cmd, " --%s '%s'", options[i], value_at(row, i));
    const char *err = arena_printf(&f->a, "%s/stderr", f->db.dir);
    str_addf(&cmd, " >/dev/null 2>'%s'", err);
    int st = system(cmd.buf);
    str_release(&cmd);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 3); /* KITH_E_INVALID */
    FILE *in = fopen(err, "r");
    assert_non_null(in);
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    text[n] = '\0';
    has("kith child add's errors", text,
        arena_printf(&f->a, "field '%s': %s", bad[row].field, msg));
}

static void one_message_three_ways(void **state)
{
    struct fx *f = *state;
    assert_non_null(f->kith);
    /* the page's words, as written: a missing name, a future date of birth */
    struct call *c = page(f, "POST", "/children", WORKER,
                          "csrf=" TOKEN "&family_name=Formtest&sex=F&ethnicity=WBRI"
                          "&dob-day=1&dob-month=1&dob-year=2099");
    assert_int_equal(c->res.status, 422);
    has("the page", c->body, "href=\"#given_name\">Enter the given name");
    has("the page", c->body, "href=\"#dob-day\">Date of birth must be today or in the past");
    for (size_t row = 0; row < sizeof bad / sizeof bad[0]; row++) {
        const struct field_error *fe = expected(f, row);
        through_api(f, row, fe->msg);
        /* the page says the same problem of the same field, in GOV.UK's words where it
         * has them ("Enter the ethnicity") */
        through_page(f, row, page_field_message(&f->a, field_find(person_fields, fe->field), fe));
        through_cli(f, row, fe->msg);
        assert_int_equal(children(f), 0); /* nothing half-written, by any of them */
    }
}

/* The form is the description's; a child recorded through it and corrected through the
 * edit form, both audited; a child out of scope is not found. */
static void the_pages(void **state)
{
    struct fx *f = *state;
    struct call *c = page(f, "GET", "/children/new", WORKER, NULL);
    assert_int_equal(c->res.status, 200);
    has("the form", c->body, "name=\"dob-day\"");
    has("the form", c->body, "name=\"disabilities\"");
    has("the form", c->body, "name=\"upn_unknown\"");
    assert_null(strstr(c->body, "name=\"kind\""));
    /* the reason is revealed under "Not known" (GOV.UK's conditional reveal, in the page
     * without JavaScript too) */
    has("the form", c->body, "data-aria-controls=\"conditional-nhs_source-8\"");
    has("the form", c->body,
        "govuk-radios__conditional govuk-radios__conditional--hidden\" "
        "id=\"conditional-nhs_source-8\"><div class=\"govuk-form-group\"><fieldset");
    has("the form", c->body, "name=\"nhs_unknown_text\"");
    assert_null(strstr(c->body, "name=\"created\""));
    c = page(f, "POST", "/children", WORKER,
             "csrf=" TOKEN "&given_name=Ada&family_name=Formtest&sex=F&dob-day=28&dob-month=2"
             "&dob-year=2015&ethnicity=WBRI&postcode=n1+9gu&disabilities=COMM&disabilities=LD"
             "&nhs_number=943+476+5919&nhs_source=pds-trace&nhs_unknown=other"
             "&nhs_unknown_text=left+from+before");
    status(c, 303);
    const char *at = http_header_get(&c->res, "Location");
    assert_non_null(at);
    struct person p;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_person_find(f->app.store, at + strlen("/children/"), &f->a, &p, &e), 0);
    assert_string_equal(p.postcode, "N1 9GU"); /* kept in its standard form */
    assert_int_equal(p.n_disabilities, 2);
    assert_string_equal(p.nhs_number, "9434765919"); /* its digits, however grouped */
    assert_string_equal(p.nhs_source, "pds-trace");
    /* what was typed under "Not known" was not chosen, so it is not kept */
    assert_string_equal(p.nhs_unknown, "");
    assert_string_equal(p.nhs_unknown_text, "");
    /* the one who recorded the child sees them (the grant); a colleague does not yet */
    assert_int_equal(page(f, "GET", at, WORKER, NULL)->res.status, 200);
    assert_int_equal(page(f, "GET", arena_printf(&f->a, "%s/edit", at), OTHER, NULL)->res.status,
                     404);
    c = page(f, "GET", arena_printf(&f->a, "%s/edit", at), WORKER, NULL);
    assert_int_equal(c->res.status, 200);
    has("the edit form", c->body, "value=\"Ada\"");
    has("the edit form", c->body, "value=\"9434765919\"");
    has("the child's page", page(f, "GET", at, WORKER, NULL)->body,
        "943 476 5919 (A trace on the NHS Personal Demographics Service (PDS))");
    c = page(f, "POST", at, WORKER,
             "csrf=" TOKEN "&given_name=Adah&family_name=Formtest&sex=F&dob-day=28&dob-month=2"
             "&dob-year=2015&ethnicity=WBRI&postcode=N1+9GU&nhs_source=not-known"
             "&nhs_unknown=new-arrival");
    status(c, 303);
    assert_int_equal(store_person_get(f->app.store, p.id, &f->a, &p, &e), 0);
    assert_string_equal(p.given_name, "Adah");
    assert_int_equal(p.n_disabilities, 0); /* the boxes left unticked */
    assert_string_equal(p.nhs_number, "");
    assert_string_equal(p.nhs_unknown, "new-arrival");
    struct audit_query q = {.child_id = p.id};
    struct audit_event *rows;
    size_t n;
    assert_int_equal(store_audit_list(f->app.store, &q, &f->a, &rows, &n, &e), 0);
    bool created = false, updated = false;
    for (size_t i = 0; i < n; i++) {
        created |= !strcmp(rows[i].action, "create") && !strcmp(rows[i].outcome, "ok");
        updated |= !strcmp(rows[i].action, "update") && !strcmp(rows[i].outcome, "ok");
    }
    assert_true(created && updated);
}

/* Search before create: a child kith may know already is shown before a second record is
 * made, and recorded only when the person sends the form again; then each record lists
 * the other as a possible duplicate, on the page and through the API, with why. */
static void duplicates_before_create(void **state)
{
    struct fx *f = *state;
    const char *form = "csrf=" TOKEN "&given_name=Mohammed&family_name=Khan&sex=M&dob-day=7"
                       "&dob-month=3&dob-year=2015&ethnicity=WBRI&nhs_number=9434765919"
                       "&nhs_source=gp";
    struct call *c = page(f, "POST", "/children", WORKER, form);
    status(c, 303); /* nobody like him yet */
    const char *first = http_header_get(&c->res, "Location");
    c = page(f, "POST", "/children", WORKER,
             "csrf=" TOKEN "&given_name=Muhammad&family_name=Khan&sex=M&dob-day=7&dob-month=3"
             "&dob-year=2015&ethnicity=WBRI");
    status(c, 200);
    has("the check", c->body, "kith may know this child already");
    has("the check", c->body, arena_printf(&f->a, "href=\"%s\"", first));
    has("the check", c->body, "same date of birth");
    has("the check", c->body, "name=\"checked\" value=\"1\"");
    has("the check", c->body, "value=\"Muhammad\""); /* what was typed, kept */
    assert_int_equal(children(f), 1);
    c = page(f, "POST", "/children", WORKER,
             "csrf=" TOKEN "&checked=1&given_name=Muhammad&family_name=Khan&sex=M&dob-day=7"
             "&dob-month=3&dob-year=2015&ethnicity=WBRI");
    status(c, 303);
    const char *second = http_header_get(&c->res, "Location");
    assert_int_equal(children(f), 2);
    c = page(f, "GET", arena_printf(&f->a, "%s/duplicates", second), WORKER, NULL);
    status(c, 200);
    has("the duplicates page", c->body, arena_printf(&f->a, "href=\"%s\"", first));
    has("the duplicates page", c->body, "given name sounds the same");
    has("the child's page", page(f, "GET", first, WORKER, NULL)->body,
        arena_printf(&f->a, "href=\"%s/duplicates\"", first));
    c = api(f, "GET", arena_printf(&f->a, "/api/v1%s/duplicates", first), WORKER, "");
    status(c, 200);
    has("the API", c->body, arena_printf(&f->a, "\"id\":\"%s\"", second + strlen("/children/")));
    has("the API", c->body, "\"rule\":\"dob\"");
    has("the API", c->body, "\"score\":");
    /* a child out of scope lists nothing and is not found */
    assert_int_equal(
        page(f, "GET", arena_printf(&f->a, "%s/duplicates", second), OTHER, NULL)->res.status, 404);
}

/* A contact at the front door finds its child first: the child's identity searched for
 * as a new child's is, each candidate with why it matched and a link recording the
 * contact on them, nothing typed twice; a child kith does not know is recorded, then the
 * contact's form opens on them. Someone who may not see the known child is not shown it. */
static void contact_finds_the_child(void **state)
{
    struct fx *f = *state;
    struct call *c = page(f, "POST", "/children", WORKER,
                          "csrf=" TOKEN "&given_name=Mohammed&family_name=Khan&sex=M&dob-day=7"
                          "&dob-month=3&dob-year=2015&ethnicity=WBRI");
    status(c, 303);
    const char *known = http_header_get(&c->res, "Location");
    has("the search page", page(f, "GET", "/search", WORKER, NULL)->body, "href=\"/contacts/new\"");
    c = page(f, "GET", "/contacts/new", WORKER, NULL);
    status(c, 200);
    has("the contact's first step", c->body, "Record a contact: who is it about?");
    has("the contact's first step", c->body, "action=\"/contacts\"");
    const char *who = "csrf=" TOKEN "&given_name=Muhammad&family_name=Khan&sex=M&dob-day=7"
                      "&dob-month=3&dob-year=2015&ethnicity=WBRI";
    c = page(f, "POST", "/contacts", WORKER, who);
    status(c, 200);
    has("the check", c->body, "kith may know this child already");
    has("the check", c->body, "same date of birth");
    has("the check", c->body, "given name sounds the same");
    const char *on_known = arena_printf(&f->a, "%s/records/contact/new", known);
    has("the check", c->body, arena_printf(&f->a, "href=\"%s\"", on_known));
    has("the check", c->body, "Record the contact on this child");
    assert_int_equal(children(f), 1);
    c = page(f, "GET", on_known, WORKER, NULL); /* the contact's own form, on the known child */
    status(c, 200);
    has("the contact form", c->body, "name=\"summary\"");
    /* someone who may not see the known child is not shown it: to them the child is new */
    c = page(f, "POST", "/contacts", OTHER, who);
    status(c, 303);
    assert_null(strstr(http_header_get(&c->res, "Location"), known));
    assert_int_equal(children(f), 2);
    /* none of them: the child is recorded, and the contact's form opens on them */
    c = page(f, "POST", "/contacts", WORKER,
             "csrf=" TOKEN "&checked=1&given_name=Muhammad&family_name=Khan&sex=M&dob-day=7"
             "&dob-month=3&dob-year=2015&ethnicity=WBRI");
    status(c, 303);
    const char *next = http_header_get(&c->res, "Location");
    assert_non_null(strstr(next, "/records/contact/new"));
    assert_null(strstr(next, known));
    assert_int_equal(children(f), 3);
    status(page(f, "GET", next, WORKER, NULL), 200);
}

/* Two records of one child merged on the page (a confirmation with the reason asked for),
 * the merged one's address leading to the kept one, then unmerged and merged again through
 * the API; a merge with a child out of the account's scope is not found. The merged
 * child's API address answers 410 naming the kept child; the merge is undone on a page
 * reached from the kept child's; someone who may not see the kept child learns nothing. */
static void merge_on_the_page_and_the_api(void **state)
{
    struct fx *f = *state;
    const char *form = "csrf=" TOKEN "&checked=1&given_name=Zara&family_name=Merged&sex=F"
                       "&dob-day=1&dob-month=2&dob-year=2016&ethnicity=WBRI";
    struct call *c = page(f, "POST", "/children", WORKER, form);
    status(c, 303);
    const char *keep = http_header_get(&c->res, "Location");
    c = page(f, "POST", "/children", WORKER, form);
    status(c, 303);
    const char *gone = http_header_get(&c->res, "Location");
    const char *keep_id = keep + strlen("/children/"), *gone_id = gone + strlen("/children/");
    const char *merge = arena_printf(&f->a, "%s/merge/%s", keep, gone_id);
    c = page(f, "GET", arena_printf(&f->a, "%s/duplicates", gone), WORKER, NULL);
    has("the duplicates page", c->body, arena_printf(&f->a, "href=\"%s\"", merge));
    c = page(f, "GET", merge, WORKER, NULL);
    status(c, 200);
    has("the confirmation", c->body, "The record merged into it");
    c = page(f, "POST", merge, WORKER, "csrf=" TOKEN "&reason=");
    status(c, 422);
    has("the confirmation", c->body, "<li><a href=\"#reason\">");
    c = page(f, "POST", merge, WORKER, "csrf=" TOKEN "&reason=Same+child%2C+typed+twice");
    status(c, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), keep);
    c = page(f, "GET", gone, WORKER, NULL); /* the merged record leads to the kept one */
    status(c, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), keep);
    c = page(f, "POST", "/search", WORKER, "csrf=" TOKEN "&q=Zara");
    assert_non_null(strstr(c->body, keep_id));
    assert_null(strstr(c->body, gone_id));
    /* the API undoes it and does it again; a merge of a merged child is refused */
    c = api(f, "POST", arena_printf(&f->a, "/api/v1%s/unmerge", gone), WORKER,
            "{\"reason\":\"Twins after all\"}");
    status(c, 200);
    has("the unmerge", c->body, "\"moved\":");
    status(page(f, "GET", gone, WORKER, NULL), 200);
    const char *body = arena_printf(&f->a, "{\"gone\":\"%s\",\"reason\":\"Same child\"}", gone_id);
    c = api(f, "POST", arena_printf(&f->a, "/api/v1%s/merge", keep), WORKER, body);
    status(c, 200);
    c = api(f, "POST", arena_printf(&f->a, "/api/v1%s/merge", keep), WORKER, body);
    status(c, 409);
    has("the refusal", c->body, "\"field\":\"gone\"");
    /* Cat may not see Ada's children: not found, naming neither */
    c = api(f, "POST", arena_printf(&f->a, "/api/v1%s/merge", keep), OTHER, body);
    status(c, 404);

    /* the merged child's API address: 410, naming the child it went into; to someone
     * who may not see that child, not found and nothing named, on the page alike */
    const char *gone_api = arena_printf(&f->a, "/api/v1%s", gone);
    c = api(f, "GET", gone_api, WORKER, NULL);
    status(c, 410);
    has("the 410", c->body, arena_printf(&f->a, "\"merged_into\":\"%s\"", keep_id));
    has("the 410", c->body, arena_printf(&f->a, "\"href\":\"/api/v1%s\"", keep));
    const char *unmerge = arena_printf(&f->a, "%s/unmerge", gone);
    const char *paths[] = {gone_api, gone, unmerge};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        c = i ? page(f, "GET", paths[i], OTHER, NULL) : api(f, "GET", paths[i], OTHER, NULL);
        status(c, 404);
        assert_null(strstr(c->body, keep_id));
        assert_null(http_header_get(&c->res, "Location"));
    }
    /* undone on the page: from the kept child's page, a confirmation with the reason */
    c = page(f, "GET", keep, WORKER, NULL);
    has("the kept child's page", c->body, "was merged into this one");
    has("the kept child's page", c->body, arena_printf(&f->a, "href=\"%s\"", unmerge));
    c = page(f, "GET", unmerge, WORKER, NULL);
    status(c, 200);
    has("the confirmation", c->body, "Undo the merge of two records");
    has("the confirmation", c->body, "Same child");
    c = page(f, "POST", unmerge, OTHER, "csrf=" TOKEN "&reason=Twins");
    status(c, 404);
    c = page(f, "POST", unmerge, WORKER, "csrf=" TOKEN "&reason=+");
    status(c, 422);
    has("the confirmation", c->body, "<li><a href=\"#reason\">");
    c = page(f, "POST", unmerge, WORKER, "csrf=" TOKEN "&reason=Twins%2C+different+NHS+numbers");
    status(c, 303);
    assert_string_equal(http_header_get(&c->res, "Location"), gone);
    status(page(f, "GET", gone, WORKER, NULL), 200);
    status(api(f, "GET", gone_api, WORKER, NULL), 200);
    c = page(f, "GET", keep, WORKER, NULL);
    assert_null(strstr(c->body, "was merged into this one"));
    status(page(f, "GET", unmerge, WORKER, NULL), 404); /* nothing merged to undo */
}

/* Every field of every record type, with each problem the fields' own checks can find:
 * the page's words never send the person to a kith command, which the descriptions'
 * expectations name for the command line ("'kith worker list' shows them"). */
static void page_words_name_no_command(void **state)
{
    (void)state;
    static const char *const problems[] = {"is missing",
                                           "is in the future",
                                           "is too long",
                                           "is out of range",
                                           "is not a code we know",
                                           "is not a code (codes are written in capitals)",
                                           "is not a known value",
                                           "is given",
                                           "is empty",
                                           "is not a possible number of entries",
                                           "holds a control character (U+0007)",
                                           "is not a public id"};
    struct arena a;
    arena_init(&a, 0);
    size_t said_by_the_command_line = 0, fields = 0;
    for (const struct rec_type *const *t = rec_types; *t; t++)
        for (const struct field *fd = (*t)->fields; fd->name; fd++, fields++)
            for (size_t p = 0; p < sizeof problems / sizeof problems[0]; p++)
                for (int item = -1; item <= 0; item++) {
                    struct field_errors errs;
                    field_errors_clear(&errs);
                    field_fail(&errs, fd, item, item < 0 ? NULL : "x", problems[p], NULL);
                    const struct field_error *e = &errs.items[0];
                    said_by_the_command_line += strstr(e->msg, "kith ") != NULL;
                    const char *said = page_field_message(&a, fd, e);
                    if (strstr(said, "kith "))
                        fail_msg("%s.%s %s: the page says \"%s\"", (*t)->name, fd->name,
                                 problems[p], said);
                }
    assert_true(fields > 100);
    assert_true(said_by_the_command_line > 0); /* so the walk meets the words it guards against */
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_message_three_ways, setup, teardown),
        cmocka_unit_test(page_words_name_no_command),
        cmocka_unit_test_setup_teardown(the_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicates_before_create, setup, teardown),
        cmocka_unit_test_setup_teardown(contact_finds_the_child, setup, teardown),
        cmocka_unit_test_setup_teardown(merge_on_the_page_and_the_api, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
