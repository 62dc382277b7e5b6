/*
 * The "Validate a return" page through the router and the real route table, on a real
 * SQLite file (or PostgreSQL, suite pgwip), with the public samples beside the clone (PEER_DIR)
 * uploaded as a browser sends them (multipart/form-data):
 * - the CIN XML, the 903 XML and the 903 CSV set give the same counts on the page, and
 *   byte for byte the same CSV download, as `kith validate` run on the same files ($KITH);
 * - a file that cannot be read comes back with the reader's message (file, line, column)
 *   in the error summary, the type and year kept; a file the 903 does not have is named;
 * - a social worker is refused (403), so is a post without the session's token or from
 *   another origin; a body past the upload limit is 413 with the limit in words;
 * - the findings are listed under their rule with the child, row and values at fault;
 * - each validation is one audit row with the file names and counts, never the content.
 */
#include "../unit/test.h"

#include "../store/testdb.h"
#include "call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/str.h"
#include "domain/codeset.h"
#include "http/auth.h"
#include "http/router.h"
#include "store/store.h"

#define ORIGIN "http://127.0.0.1:8080"
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define BOUNDARY "----kithTestBoundary7MA4YWxk"

enum who { ANALYST, WORKER, WHO_COUNT };

struct fx {
    struct testdb db;
    struct http_app app;
    struct arena a;
    struct http_principal who[WHO_COUNT];
    const char *peer;
    const char *kith;
};

static struct http_principal *by_cookie(struct http_app *app, struct http_request *req)
{
    struct fx *f = app->auth_data;
    int w;
    if (!req->cookie || sscanf(req->cookie, "who=%d", &w) != 1 || w < 0 || w >= WHO_COUNT)
        return NULL;
    return &f->who[w];
}

static void add_user(struct fx *f, enum who w, const char *name, enum user_role r)
{
    struct user u = {.username = name, .role = r, .created = DATE_NONE};
    struct kerr e = KERR_INIT;
    assert_int_equal(store_user_add(f->app.store, &u, &e), 0);
    f->who[w] = (struct http_principal){.user_id = u.id,
                                        .username = name,
                                        .role = r,
                                        .perms = auth_role_perms(r),
                                        .csrf_token = TOKEN};
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->peer = getenv("PEER_DIR");
    f->kith = getenv("KITH");
    if (!f->peer || !f->kith)
        return -1;
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    struct kerr e = KERR_INIT;
    if (store_open(f->db.location, STORE_CREATE, &f->app.store, &e))
        return -1;
    f->app.origin = ORIGIN;
    f->app.authenticate = by_cookie;
    f->app.auth_data = f;
    add_user(f, ANALYST, "pat", UROLE_PERFORMANCE_ANALYST);
    add_user(f, WORKER, "sam", UROLE_SOCIAL_WORKER);
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

/* A whole file, from the arena (NUL-terminated; *len without it). */
static char *slurp(struct fx *f, const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = arena_alloc(&f->a, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

struct upload {
    const char *name;
    const char *data; /* NULL: the file of that name in `dir` */
    size_t len;
};

static void part_field(struct str *b, const char *name, const char *value)
{
    str_addf(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", name,
             value);
}

static void part_file(struct str *b, const char *field, const char *filename, const char *data,
                      size_t len)
{
    str_addf(b,
             "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n",
             field, filename);
    str_addn(b, data, len);
    str_add(b, "\r\n");
}

static struct call *send_body(struct fx *f, enum who w, const char *ctype, const char *body,
                              size_t len, bool too_large)
{
    struct call *c = call_new(&f->a, "POST", "/validate");
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    c->req.origin = ORIGIN;
    c->req.content_type = ctype;
    c->req.body_too_large = too_large;
    c->req.body = too_large ? NULL : body;
    c->req.body_len = too_large ? 0 : len;
    snprintf(c->req.request_id, sizeof c->req.request_id, "val%d", (int)w);
    /* as the transport does: a malformed body is an empty form */
    if (http_body_parse(&c->req) != 0) {
        c->req.nform = 0;
        c->req.nfiles = 0;
    }
    return call_run(&f->app, c);
}

/* The form's optional parts: last year's 903 files (from `last_dir` when their data is
 * NULL) and the local authority's code. */
struct extra {
    const struct upload *last;
    size_t nlast;
    const char *last_dir;
    const char *la;
};

static void part_files(struct fx *f, struct str *b, const char *field, const char *dir,
                       const struct upload *files, size_t nfiles)
{
    for (size_t i = 0; i < nfiles; i++) {
        const char *data = files[i].data;
        size_t len = files[i].len;
        /* a file without data is read from `dir`; callers that give every file's data
         * pass no dir, and gcc -O3 sees that path (format-overflow on a null %s) */
        if (!data)
            data = slurp(f, arena_printf(&f->a, "%s/%s", dir ? dir : ".", files[i].name), &len);
        part_file(b, field, files[i].name, data, len);
    }
}

/* Post the form: `type`, `year`, `format` and the files (from `dir` when their data is
 * NULL), with the session's token unless `csrf` says otherwise, and `x`'s parts. */
static struct call *post_x(struct fx *f, enum who w, const char *csrf, const char *type,
                           const char *year, const char *format, const char *dir,
                           const struct upload *files, size_t nfiles, const struct extra *x)
{
    struct str b = STR_INIT;
    if (csrf)
        part_field(&b, "csrf", csrf);
    part_field(&b, "type", type);
    part_field(&b, "year", year);
    part_files(f, &b, "files", dir, files, nfiles);
    if (x) {
        part_files(f, &b, "last_files", x->last_dir, x->last, x->nlast);
        if (x->la)
            part_field(&b, "la", x->la);
    }
    part_field(&b, "format", format);
    str_add(&b, "--" BOUNDARY "--\r\n");
    char *body = arena_alloc(&f->a, b.len);
    memcpy(body, b.buf, b.len);
    size_t len = b.len;
    str_release(&b);
    return send_body(f, w, "multipart/form-data; boundary=" BOUNDARY, body, len, false);
}

static struct call *post(struct fx *f, enum who w, const char *csrf, const char *type,
                         const char *year, const char *format, const char *dir,
                         const struct upload *files, size_t nfiles)
{
    return post_x(f, w, csrf, type, year, format, dir, files, nfiles, NULL);
}

static struct call *get(struct fx *f, enum who w)
{
    struct call *c = call_new(&f->a, "GET", "/validate");
    c->req.cookie = arena_printf(&f->a, "who=%d", (int)w);
    snprintf(c->req.request_id, sizeof c->req.request_id, "get%d", (int)w);
    return call_run(&f->app, c);
}

/* What `kith validate` says: the CSV on stdout and the counts line on stderr. */
struct cli_run {
    char *csv;
    size_t csv_len;
    long findings, errors, queries, ran, skipped;
};

static void cli(struct fx *f, const char *args, struct cli_run *out)
{
    const char *csv = arena_printf(&f->a, "%s/cli.csv", f->db.dir);
    const char *err = arena_printf(&f->a, "%s/cli.err", f->db.dir);
    const char *cmd = arena_printf(&f->a, "KITH_DB='%s/none.db' '%s' validate %s >'%s' 2>'%s'",
                                   f->db.dir, f->kith, args, csv, err);
    int st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) <= 1);
    out->csv = slurp(f, csv, &out->csv_len);
    size_t n;
    char *e = slurp(f, err, &n);
    const char *line = strstr(e, " findings (");
    assert_non_null(line);
    while (line > e && line[-1] != ' ')
        line--;
    out->skipped = 0;
    assert_int_equal(sscanf(line, "%ld findings (%ld errors, %ld queries) from %ld rules",
                            &out->findings, &out->errors, &out->queries, &out->ran),
                     4);
    const char *sk = strstr(line, "rules; ");
    if (sk)
        assert_int_equal(sscanf(sk, "rules; %ld rules skipped", &out->skipped), 1);
}

/* The summary list's value for `key` on the results page, as a number. */
static long shown(const char *page, const char *key)
{
    char pat[80];
    snprintf(pat, sizeof pat, "<dt class=\"govuk-summary-list__key\">%s</dt>", key);
    const char *p = strstr(page, pat);
    if (!p)
        fail_msg("no %s on the page", key);
    p = strstr(p, "__value\">");
    assert_non_null(p);
    return strtol(p + 9, NULL, 10);
}

/* The page and the command on the same files and choices agree: counts on the page, and
 * the CSV byte for byte. Returns the results page. */
static const char *same_as_cli_x(struct fx *f, const char *type, const char *year, const char *dir,
                                 const struct upload *files, size_t nfiles, const struct extra *x,
                                 const char *cli_args)
{
    struct cli_run want;
    cli(f, cli_args, &want);
    assert_true(want.findings > 0);
    struct call *c = post_x(f, ANALYST, TOKEN, type, year, "html", dir, files, nfiles, x);
    const char *page = c->body;
    if (c->res.status != 200)
        fail_msg("%s: status %d: %.400s", type, c->res.status, c->body);
    assert_int_equal(shown(c->body, "Findings"), want.findings);
    assert_int_equal(shown(c->body, "Errors"), want.errors);
    assert_int_equal(shown(c->body, "Queries"), want.queries);
    assert_int_equal(shown(c->body, "Rules run"), want.ran);
    assert_int_equal(shown(c->body, "Rules not run"), want.skipped);
    assert_non_null(strstr(c->body, "Findings by rule"));
    assert_non_null(strstr(c->body, "value=\"csv\" name=\"format\""));
    /* the download is the command's CSV, byte for byte */
    c = post_x(f, ANALYST, TOKEN, type, year, "csv", dir, files, nfiles, x);
    assert_int_equal(c->res.status, 200);
    assert_string_equal(c->res.content_type, "text/csv; charset=utf-8");
    assert_non_null(strstr(http_header_get(&c->res, "Content-Disposition"), "attachment"));
    assert_int_equal(c->res.len, want.csv_len);
    assert_memory_equal(c->res.body, want.csv, want.csv_len);
    return page;
}

static void same_as_cli(struct fx *f, const char *type, const char *year, const char *dir,
                        const struct upload *files, size_t nfiles, const char *cli_args)
{
    same_as_cli_x(f, type, year, dir, files, nfiles, NULL, cli_args);
}

static void cin_xml_as_the_cli(void **state)
{
    struct fx *f = *state;
    const char *dir = arena_printf(&f->a, "%s/cin", f->peer);
    struct upload u[] = {{"fake_CIN_data.xml", NULL, 0}};
    same_as_cli(f, "cin", "2025", dir, u, 1,
                arena_printf(&f->a, "cin '%s/fake_CIN_data.xml' --year 2025", dir));
}

static void ssda903_xml_as_the_cli(void **state)
{
    struct fx *f = *state;
    const char *dir = arena_printf(&f->a, "%s/ssda903", f->peer);
    struct upload u[] = {{"fake_903.xml", NULL, 0}};
    same_as_cli(f, "903-xml", "2026", dir, u, 1,
                arena_printf(&f->a, "903 '%s/fake_903.xml' --year 2026", dir));
}

static void ssda903_csv_set_as_the_cli(void **state)
{
    struct fx *f = *state;
    const char *dir = arena_printf(&f->a, "%s/ssda903", f->peer);
    /* every DfE-named file of the sample, in another order than the tables' */
    struct upload u[] = {{"episodes.csv", NULL, 0},
                         {"header.csv", NULL, 0},
                         {"uasc.csv", NULL, 0},
                         {"reviews.csv", NULL, 0},
                         {"oc2.csv", NULL, 0},
                         {"oc3.csv", NULL, 0},
                         {"ad1.csv", NULL, 0},
                         {"placed_for_adoption.csv", NULL, 0},
                         {"previous_permanence.csv", NULL, 0},
                         {"missing.csv", NULL, 0},
                         {"sw_episodes.csv", NULL, 0},
                         {"DoLo.csv", NULL, 0}};
    same_as_cli(f, "903-csv", "2026", dir, u, N_ELEMS(u),
                arena_printf(&f->a, "903 '%s' --year 2026", dir));
}

/* The year from the file, as the command without --year: a CIN census's reference date
 * (the sample's is 2022-07-21, so 2022/23), the current year for the 903. The form chooses
 * it unless told otherwise. */
static void year_from_the_file_as_the_cli(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, ANALYST);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "<option value=\"file\" selected>From the file (CIN census: "
                                    "its reference date"));
    const char *dir = arena_printf(&f->a, "%s/cin", f->peer);
    struct upload u[] = {{"fake_CIN_data.xml", NULL, 0}};
    const char *page = same_as_cli_x(f, "cin", "file", dir, u, 1, NULL,
                                     arena_printf(&f->a, "cin '%s/fake_CIN_data.xml'", dir));
    if (!strstr(page, "__value\">2022/23, from the file&#39;s reference date 2022-07-21</dd>"))
        fail_msg("no year and why in: %.3000s", strstr(page, "govuk-summary-list"));
    /* the choice is kept for the next check */
    assert_non_null(strstr(page, "<option value=\"file\" selected>"));
    /* a year chosen wins over the file's, and the page says so */
    page = same_as_cli_x(f, "cin", "2024", dir, u, 1, NULL,
                         arena_printf(&f->a, "cin '%s/fake_CIN_data.xml' --year 2024", dir));
    assert_non_null(strstr(page, "__value\">2023/24, as chosen</dd>"));

    dir = arena_printf(&f->a, "%s/ssda903", f->peer);
    struct upload x[] = {{"fake_903.xml", NULL, 0}};
    page = same_as_cli_x(f, "903-xml", "file", dir, x, 1, NULL,
                         arena_printf(&f->a, "903 '%s/fake_903.xml'", dir));
    char now[8];
    collection_year_text(collection_year(date_today()), now, sizeof now);
    if (!strstr(page, arena_printf(&f->a, "__value\">%s, the current year&#39;s", now)))
        fail_msg("no current year %s in: %.3000s", now, strstr(page, "govuk-summary-list"));
}

/* The DfE-named files of the 903 CSV sample. */
static const struct upload sample_903_csv[] = {
    {"episodes.csv", NULL, 0},
    {"header.csv", NULL, 0},
    {"uasc.csv", NULL, 0},
    {"reviews.csv", NULL, 0},
    {"oc2.csv", NULL, 0},
    {"oc3.csv", NULL, 0},
    {"ad1.csv", NULL, 0},
    {"placed_for_adoption.csv", NULL, 0},
    {"previous_permanence.csv", NULL, 0},
    {"missing.csv", NULL, 0},
    {"sw_episodes.csv", NULL, 0},
    {"DoLo.csv", NULL, 0},
};

/* Last year's return, as `--last-year DIR`: the rules comparing the two years run when it
 * is given (the findings the command's), and are listed as not run without it. */
static void last_year_as_the_cli(void **state)
{
    struct fx *f = *state;
    const char *dir = arena_printf(&f->a, "%s/ssda903", f->peer);
    const char *last_dir = arena_printf(&f->a, "%s/last", f->db.dir);
    /* last year the sample's child 1 (as in t0020) was recorded with another sex: rule 202 */
    const char *hdr = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                      "1,F,01/06/2010,WBRI,A123456789012,,\n";
    assert_int_equal(system(arena_printf(&f->a, "mkdir -p '%s'", last_dir)), 0);
    FILE *fp = fopen(arena_printf(&f->a, "%s/header.csv", last_dir), "w");
    assert_non_null(fp);
    fputs(hdr, fp);
    fclose(fp);

    const char *none =
        same_as_cli_x(f, "903-csv", "2026", dir, sample_903_csv, N_ELEMS(sample_903_csv), NULL,
                      arena_printf(&f->a, "903 '%s' --year 2026", dir));
    assert_non_null(strstr(none, "needs the previous year&#39;s return"));
    assert_non_null(strstr(none, "__value\">None</dd>"));

    struct upload last[] = {{"header.csv", NULL, 0}};
    struct extra x = {.last = last, .nlast = 1, .last_dir = last_dir};
    const char *with =
        same_as_cli_x(f, "903-csv", "2026", dir, sample_903_csv, N_ELEMS(sample_903_csv), &x,
                      arena_printf(&f->a, "903 '%s' --year 2026 --last-year '%s'", dir, last_dir));
    assert_null(strstr(with, "needs the previous year&#39;s return"));
    assert_true(shown(with, "Rules run") > shown(none, "Rules run"));
    assert_true(shown(with, "Rules not run") < shown(none, "Rules not run"));
    assert_non_null(strstr(with, "<dt class=\"govuk-summary-list__key\">Last year&#39;s "
                                 "files</dt><dd class=\"govuk-summary-list__value\">header.csv"));

    /* the audit row names last year's files too, and no line of either year's */
    struct audit_query q = {.user_id = f->who[ANALYST].user_id};
    struct audit_event *rows;
    size_t n = 0;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_audit_list(f->app.store, &q, &f->a, &rows, &n, &e), 0);
    assert_true(n >= 1);
    assert_non_null(strstr(rows[0].detail, "DoLo.csv; last year: header.csv: "));
    assert_null(strstr(rows[0].detail, "WBRI"));

    /* last year's file that cannot be read: said under its own field, as last year's */
    struct upload bad[] = {{"header.csv", "CHILD,SEX\n1,M\n", 14}};
    x = (struct extra){.last = bad, .nlast = 1};
    struct call *c = post_x(f, ANALYST, TOKEN, "903-csv", "2026", "html", dir, sample_903_csv,
                            N_ELEMS(sample_903_csv), &x);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#last_files\">Last year&#39;s return: header.csv"));
    /* for the CIN census there is no last year's return to give */
    const char *cin = arena_printf(&f->a, "%s/cin", f->peer);
    struct upload u[] = {{"fake_CIN_data.xml", NULL, 0}};
    x = (struct extra){.last = last, .nlast = 1, .last_dir = last_dir};
    c = post_x(f, ANALYST, TOKEN, "cin", "file", "html", cin, u, 1, &x);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "Last year&#39;s return is for the SSDA903 only"));
}

/* The local authority's code, as `--la CODE`: checked, upper-cased, used by the 903's
 * placement location rules and shown with the results. */
static void la_as_the_cli(void **state)
{
    struct fx *f = *state;
    const char *dir = arena_printf(&f->a, "%s/ssda903", f->peer);
    struct upload u[] = {{"fake_903.xml", NULL, 0}};
    struct extra x = {.la = "e09000019"};
    const char *page =
        same_as_cli_x(f, "903-xml", "2026", dir, u, 1, &x,
                      arena_printf(&f->a, "903 '%s/fake_903.xml' --year 2026 --la E09000019", dir));
    assert_non_null(strstr(page, "__value\">E09000019</dd>"));
    x.la = "Islington";
    struct call *c = post_x(f, ANALYST, TOKEN, "903-xml", "2026", "html", dir, u, 1, &x);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "href=\"#la\">Enter the local authority&#39;s ONS code"));
    assert_non_null(strstr(c->body, "value=\"Islington\""));
}

/* Where the LA changes the findings: with the postcode directory in the server's database,
 * rule 1015 (own provision placed outside the LA) finds only the placement outside
 * E09000019 when the LA is given, and both without it, as the command with and without
 * --la on the same database. */
static void la_changes_placement_findings(void **state)
{
    struct fx *f = *state;
    const char *onspd = arena_printf(&f->a, "%s/onspd.csv", f->db.dir);
    FILE *fp = fopen(onspd, "w");
    assert_non_null(fp);
    fputs("pcds,oscty,oslaua,oseast1m,osnrth1m\n"
          "N1 1AA,E99999999,E09000019,531000,184000\n"
          "N1 1AB,E99999999,E09000019,531000,185609\n"
          "M1 1AA,E99999999,E08000003,384000,398000\n",
          fp);
    fclose(fp);
    int st = system(arena_printf(&f->a, "'%s' postcodes import '%s' --db '%s' >/dev/null", f->kith,
                                 onspd, f->db.location));
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    /* The command opens the file read-only and vets its header first, which a schema still
     * only in this process's WAL does not reach: closing the last connection checkpoints
     * it, as a server's database is once its first `kith init` has closed. */
    store_close(f->app.store);
    struct kerr e = KERR_INIT;
    assert_int_equal(store_open(f->db.location, STORE_CREATE, &f->app.store, &e), 0);
    const char *dir = arena_printf(&f->a, "%s/la", f->db.dir);
    assert_int_equal(system(arena_printf(&f->a, "mkdir -p '%s'", dir)), 0);
    static const char *const text[][2] = {
        {"header.csv",
         "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
         "1,1,01/06/2010,WBRI,A123456789012,,\n2,1,01/06/2010,WBRI,A123456789013,,\n"},
        {"episodes.csv",
         "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
         "PL_POST,URN\n1,01/05/2025,S,C2,N1,K2,PR1,,,,N1 1AA,M1 1AA,SC999999\n"
         "2,01/05/2025,S,C2,N1,K2,PR1,,,,N1 1AA,N1 1AB,SC999999\n"},
    };
    for (size_t i = 0; i < N_ELEMS(text); i++) {
        fp = fopen(arena_printf(&f->a, "%s/%s", dir, text[i][0]), "w");
        assert_non_null(fp);
        fputs(text[i][1], fp);
        fclose(fp);
    }
    struct upload u[] = {{"header.csv", NULL, 0}, {"episodes.csv", NULL, 0}};
    struct extra x = {.la = "E09000019"};
    const char *with = same_as_cli_x(
        f, "903-csv", "2026", dir, u, 2, &x,
        arena_printf(&f->a, "903 '%s' --year 2026 --la E09000019 --db '%s'", dir, f->db.location));
    const char *without =
        same_as_cli_x(f, "903-csv", "2026", dir, u, 2, NULL,
                      arena_printf(&f->a, "903 '%s' --year 2026 --db '%s'", dir, f->db.location));
    /* the rule ran both times (the postcodes were there), and found one less with the LA */
    assert_null(strstr(with, "needs postcode geography"));
    const char *r = strstr(with, "id=\"rule-1015\"");
    assert_non_null(r);
    assert_non_null(strstr(r, "Rule 1015: 1<"));
    r = strstr(without, "id=\"rule-1015\"");
    assert_non_null(r);
    assert_non_null(strstr(r, "Rule 1015: 2<"));
}

static size_t audit_rows(struct fx *f, int64_t user, struct audit_event **rows)
{
    struct audit_query q = {.user_id = user};
    size_t n = 0;
    struct kerr e = KERR_INIT;
    assert_int_equal(store_audit_list(f->app.store, &q, &f->a, rows, &n, &e), 0);
    return n;
}

static void audited_with_names_and_counts(void **state)
{
    struct fx *f = *state;
    const char *dir = arena_printf(&f->a, "%s/ssda903", f->peer);
    struct upload u[] = {{"header.csv", NULL, 0}, {"episodes.csv", NULL, 0}};
    struct call *c = post(f, ANALYST, TOKEN, "903-csv", "2026", "html", dir, u, 2);
    assert_int_equal(c->res.status, 200);
    struct audit_event *rows;
    size_t n = audit_rows(f, f->who[ANALYST].user_id, &rows);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].action, "validate");
    assert_string_equal(rows[0].outcome, "ok");
    assert_string_equal(rows[0].role, "performance-analyst");
    assert_int_equal(rows[0].child_id, 0);
    const char *want = arena_printf(
        &f->a, "903-csv 2025/26: header.csv, episodes.csv: %ld findings (%ld errors, %ld queries)",
        shown(c->body, "Findings"), shown(c->body, "Errors"), shown(c->body, "Queries"));
    if (strncmp(rows[0].detail, want, strlen(want)))
        fail_msg("audit detail '%s', expected it to start '%s'", rows[0].detail, want);
    /* names and counts only: not a line of the files */
    assert_null(strstr(rows[0].detail, "CHILD"));
    assert_null(strstr(rows[0].detail, "01/06/"));
    /* a file that cannot be read is one row too */
    struct upload bad[] = {{"header.csv", "CHILD,SEX\n1,M\n", 14}};
    c = post(f, ANALYST, TOKEN, "903-csv", "2026", "html", dir, bad, 1);
    assert_int_equal(c->res.status, 422);
    n = audit_rows(f, f->who[ANALYST].user_id, &rows);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].outcome, "unreadable");
    assert_string_equal(rows[0].detail, "903-csv 2025/26: header.csv: could not be read");
    /* a download says so */
    c = post(f, ANALYST, TOKEN, "903-csv", "2026", "csv", dir, u, 2);
    assert_int_equal(c->res.status, 200);
    n = audit_rows(f, f->who[ANALYST].user_id, &rows);
    assert_int_equal(n, 3);
    const char *tail = "; downloaded as CSV";
    size_t dl = strlen(rows[0].detail);
    assert_true(dl > strlen(tail));
    assert_string_equal(rows[0].detail + dl - strlen(tail), tail);
}

/* Each rule's findings are listed under it: the child, the row and the values at fault as
 * the file wrote them. */
static void findings_listed_by_rule(void **state)
{
    struct fx *f = *state;
    const char *csv =
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/06/2010,WBRI,A123456789012,,\n"
        "2,f,01/06/2012,WBRI,UN2,0,\n";
    struct upload u[] = {{"header.csv", csv, strlen(csv)}};
    struct call *c = post(f, ANALYST, TOKEN, "903-csv", "2026", "html", NULL, u, 1);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "href=\"#rule-101\""));
    const char *d = strstr(c->body, "id=\"rule-101\"");
    assert_non_null(d);
    const char *end = strstr(d, "</details>");
    assert_non_null(end);
    const char *cell = strstr(d, "<td class=\"govuk-table__cell\">2</td>");
    assert_true(cell && cell < end);
    cell = strstr(d, "SEX: f");
    assert_true(cell && cell < end);
}

/* The findings downloaded as CSV: a child id from the file that a spreadsheet would run
 * as a formula is written as text (a ' before it), as the audit export does. */
static void download_defuses_formulas(void **state)
{
    struct fx *f = *state;
    const char *csv =
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        "\"=HYPERLINK(\"\"http://x.test/\"\",\"\"open\"\")\",f,01/06/2012,WBRI,UN2,0,\n"
        "@SUM(1),f,01/06/2012,WBRI,UN2,0,\n";
    struct upload u[] = {{"header.csv", csv, strlen(csv)}};
    struct call *c = post(f, ANALYST, TOKEN, "903-csv", "2026", "csv", NULL, u, 1);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, ",\"'=HYPERLINK(\"\"http://x.test/\"\",\"\"open\"\")\","));
    assert_non_null(strstr(c->body, ",'@SUM(1),"));
    assert_null(strstr(c->body, ",=HYPERLINK"));
    assert_null(strstr(c->body, ",\"=HYPERLINK"));
    assert_null(strstr(c->body, ",@SUM"));
}

static void unreadable_input_names_file_line_column(void **state)
{
    struct fx *f = *state;
    /* a missing column: the reader's message, the type and year kept */
    struct upload miss[] = {{"header.csv",
                             "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\n1,M,01/06/2010,WBRI,"
                             "UN1,\n",
                             0}};
    miss[0].len = strlen(miss[0].data);
    struct call *c = post(f, ANALYST, TOKEN, "903-csv", "2025", "html", NULL, miss, 1);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "govuk-error-summary"));
    assert_non_null(strstr(c->body, "<title>Error: "));
    assert_non_null(strstr(c->body, "header.csv line 1: column &#39;MC_DOB&#39; is missing"));
    /* the type chosen is kept: the radio rendered as govuk-frontend's macro writes it */
    assert_non_null(
        strstr(c->body, "value=\"903-csv\" checked aria-describedby=\"type-3-item-hint\""));
    assert_non_null(strstr(c->body, "<option value=\"2025\" selected>2024/25</option>"));
    /* malformed XML: line and column */
    const char *xml = "<?xml version=\"1.0\"?>\n<Message>\n  <Header>\n    <Oops></Header>\n";
    struct upload broken[] = {{"census.xml", xml, strlen(xml)}};
    c = post(f, ANALYST, TOKEN, "cin", "2026", "html", NULL, broken, 1);
    assert_int_equal(c->res.status, 422);
    if (!strstr(c->body, "census.xml line 4"))
        fail_msg("no line in: %.2000s", strstr(c->body, "govuk-error-summary"));
    assert_non_null(strstr(c->body, "column"));
    /* a name the 903 does not have, and a table given twice */
    struct upload odd[] = {{"notes.csv", "a,b\n", 4}};
    c = post(f, ANALYST, TOKEN, "903-csv", "2026", "html", NULL, odd, 1);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "notes.csv is not one of the 903&#39;s files (header.csv"));
    struct upload twice[] = {{"header.csv", "CHILD\n", 6}, {"HEADER.CSV", "CHILD\n", 6}};
    c = post(f, ANALYST, TOKEN, "903-csv", "2026", "html", NULL, twice, 2);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "both header.csv and HEADER.CSV hold the Header table"));
    /* nothing chosen, and two files for one XML */
    c = post(f, ANALYST, TOKEN, "cin", "2026", "html", NULL, NULL, 0);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "Choose the return&#39;s file"));
    c = post(f, ANALYST, TOKEN, "903-xml", "2026", "html", NULL, twice, 2);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "Choose one XML file"));
    c = post(f, ANALYST, TOKEN, "shoes", "1066", "html", NULL, odd, 1);
    assert_int_equal(c->res.status, 422);
    assert_non_null(strstr(c->body, "Select what you are validating"));
    assert_non_null(strstr(c->body, "Select the collection year"));
}

static void who_may_and_csrf(void **state)
{
    struct fx *f = *state;
    struct call *c = get(f, ANALYST);
    assert_int_equal(c->res.status, 200);
    assert_non_null(strstr(c->body, "enctype=\"multipart/form-data\""));
    assert_non_null(strstr(c->body, "href=\"/validate\""));
    assert_int_equal(get(f, WORKER)->res.status, 403);
    struct upload u[] = {{"header.csv", "CHILD\n", 6}};
    assert_int_equal(post(f, WORKER, TOKEN, "903-csv", "2026", "html", NULL, u, 1)->res.status,
                     403);
    /* the session's token, and nothing else, lets the form in */
    assert_int_equal(post(f, ANALYST, NULL, "903-csv", "2026", "html", NULL, u, 1)->res.status,
                     403);
    assert_int_equal(post(f, ANALYST, "0123", "903-csv", "2026", "html", NULL, u, 1)->res.status,
                     403);
    /* a body that is not multipart at all carries no token either */
    c = send_body(f, ANALYST, "multipart/form-data", "garbage", 7, false);
    assert_int_equal(c->res.status, 403);
    /* none of these reached the page, so none was audited as a validation */
    struct audit_event *rows;
    assert_int_equal(audit_rows(f, f->who[ANALYST].user_id, &rows), 0);
}

static void too_large_is_413_in_words(void **state)
{
    struct fx *f = *state;
    /* The upload's room is only for a signed-in account the route allows. */
    const char *analyst = "who=0", *worker = "who=1";
    assert_int_equal(router_body_max(&f->app, routes, "POST", "/validate", analyst),
                     HTTP_UPLOAD_MAX);
    assert_int_equal(router_body_max(&f->app, routes, "POST", "/validate", worker), HTTP_BODY_MAX);
    assert_int_equal(router_body_max(&f->app, routes, "POST", "/validate", NULL), HTTP_BODY_MAX);
    assert_int_equal(router_body_max(&f->app, routes, "POST", "/validate", "who=zz"),
                     HTTP_BODY_MAX);
    assert_int_equal(router_body_max(&f->app, routes, "GET", "/validate", analyst), HTTP_BODY_MAX);
    assert_int_equal(router_body_max(&f->app, routes, "POST", "/search", analyst), HTTP_BODY_MAX);
    assert_int_equal(router_body_max(&f->app, routes, "POST", "/nowhere", analyst), HTTP_BODY_MAX);
    struct call *c =
        send_body(f, ANALYST, "multipart/form-data; boundary=" BOUNDARY, NULL, 0, true);
    assert_int_equal(c->res.status, 413);
    assert_non_null(strstr(c->body, "larger than 64 MB together"));
    /* Whoever may not upload hears that, not "too large", though the body was cut short. */
    c = send_body(f, WORKER, "multipart/form-data; boundary=" BOUNDARY, NULL, 0, true);
    assert_int_equal(c->res.status, 403);
}

/* The multipart reader on its own: quoted boundary, a path in the file name, an empty
 * file input, and bodies a browser would not send. */
static void multipart_reader(void **state)
{
    struct fx *f = *state;
    struct http_request req = {.arena = &f->a,
                               .content_type = "multipart/form-data; charset=utf-8; "
                                               "boundary=\"ab cd\""};
    const char *ok = "preamble\r\n--ab cd\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                     "tok\r\n--ab cd\r\ncontent-disposition: form-data; name=\"files\"; "
                     "filename=\"C:\\\\data\\\\episodes.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                     "a\r\n--ab\r\nb\r\n--ab cd\r\nContent-Disposition: form-data; name=\"files\"; "
                     "filename=\"\"\r\n\r\n\r\n--ab cd--\r\n";
    assert_int_equal(http_multipart_parse(&req, ok, strlen(ok)), 0);
    assert_int_equal(req.nform, 1);
    assert_string_equal(req.form[0].name, "csrf");
    assert_string_equal(req.form[0].value, "tok");
    assert_int_equal(req.nfiles, 1);
    assert_string_equal(req.files[0].filename, "episodes.csv");
    assert_int_equal(req.files[0].len, strlen("a\r\n--ab\r\nb"));
    assert_memory_equal(req.files[0].data, "a\r\n--ab\r\nb", req.files[0].len);
    static const char *const bad[] = {
        "--ab cd\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end",
        "--ab cd\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--ab cd--",
        "--ab cd\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nnul\0here\r\n--ab cd--",
        "no delimiter at all",
        "--ab cdjunk",
    };
    static const size_t bad_len[] = {0, 0, 61, 0, 0};
    for (size_t i = 0; i < N_ELEMS(bad); i++)
        assert_int_equal(
            http_multipart_parse(&req, bad[i], bad_len[i] ? bad_len[i] : strlen(bad[i])), -1);
    req.content_type = "multipart/form-data";
    assert_int_equal(http_multipart_parse(&req, ok, strlen(ok)), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(cin_xml_as_the_cli, setup, teardown),
        cmocka_unit_test_setup_teardown(ssda903_xml_as_the_cli, setup, teardown),
        cmocka_unit_test_setup_teardown(ssda903_csv_set_as_the_cli, setup, teardown),
        cmocka_unit_test_setup_teardown(year_from_the_file_as_the_cli, setup, teardown),
        cmocka_unit_test_setup_teardown(last_year_as_the_cli, setup, teardown),
        cmocka_unit_test_setup_teardown(la_as_the_cli, setup, teardown),
        cmocka_unit_test_setup_teardown(la_changes_placement_findings, setup, teardown),
        cmocka_unit_test_setup_teardown(audited_with_names_and_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(findings_listed_by_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(download_defuses_formulas, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable_input_names_file_line_column, setup, teardown),
        cmocka_unit_test_setup_teardown(who_may_and_csrf, setup, teardown),
        cmocka_unit_test_setup_teardown(too_large_is_413_in_words, setup, teardown),
        cmocka_unit_test_setup_teardown(multipart_reader, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
