/*
 * The public jobs board: anyone, signed in or not, finds the council's open vacancies.
 *
 *   GET /jobs            the list, with its filters in one GET form that works without
 *                        JavaScript (each filtered view is a URL to share), every option's
 *                        count, sorting and pages
 *   GET /jobs/{id}       one vacancy, with schema.org JobPosting JSON-LD for search
 *                        engines; a closed one answers 410 with similar open ones
 *   GET /jobs.atom       the same filtered view as an Atom feed
 *   GET /api/v1/jobs     the same filtered view as JSON, with the counts
 *
 * Public pages read no session and write no audit row: a vacancy is published to be
 * read. The filters are domain/jobs.h's; a request's problems (a filter value the board
 * does not have, a sort or page given twice) are answered 400 with each problem named and
 * the view without them, so the person sees what went wrong and the vacancies the rest
 * of the address asks for. Parameters the board does not use are ignored.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/esc.h"
#include "core/str.h"
#include "domain/codeset.h"
#include "domain/jobs.h"
#include "domain/vacancy.h"
#include "http/govuk.h"
#include "http/json.h"
#include "http/page.h"
#include "http/pages.h"
#include "store/store_jobs.h"
#include "store/store_rec.h"

enum { FEED_MAX = 100, SIMILAR_MAX = 5, QUERY_FIELDS_MAX = 64 };

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

/* Dates and pay are written into a caller's buffer: the board shows them for every
 * vacancy on every request, and a printf into the arena for each cost the page more than
 * everything else on it together (callgrind). */
enum { LONG_DATE_MAX = 48, SALARY_MAX = 96 };

/* "20 December 2026", as GOV.UK writes dates ("" for none). */
static const char *long_date_in(char buf[LONG_DATE_MAX], kdate d)
{
    buf[0] = '\0';
    if (d == DATE_NONE)
        return buf;
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    char *p = buf + str_dec(buf, dd);
    *p++ = ' ';
    p = stpcpy(p, month_names[m - 1]);
    *p++ = ' ';
    str_dec(p, y);
    return buf;
}

static const char *long_date(struct arena *a, kdate d)
{
    char buf[LONG_DATE_MAX];
    return arena_strdup(a, long_date_in(buf, d));
}

static const char *iso(struct arena *a, kdate d)
{
    char buf[DATE_ISO_LEN];
    return arena_strdup(a, date_format_iso(d, buf));
}

/* "£38,500" at p, NUL-terminated; returns the end. */
static char *pounds_at(char *p, int64_t v)
{
    p = stpcpy(p, "£");
    if (v < 1000)
        return p + str_dec(p, v);
    p += str_dec(p, v / 1000);
    int r = (int)(v % 1000);
    *p++ = ',';
    *p++ = (char)('0' + r / 100);
    *p++ = (char)('0' + r / 10 % 10);
    *p++ = (char)('0' + r % 10);
    *p = '\0';
    return p;
}

/* "£38,500 to £41,000 a year", or one figure when the range has none. */
static const char *salary_in(char buf[SALARY_MAX], int64_t lo, int64_t hi)
{
    char *p = pounds_at(buf, lo);
    if (hi > lo)
        p = pounds_at(stpcpy(p, " to "), hi);
    stpcpy(p, " a year");
    return buf;
}

static const char *salary_range(struct arena *a, int64_t lo, int64_t hi)
{
    char buf[SALARY_MAX];
    return arena_strdup(a, salary_in(buf, lo, hi));
}

/* "label (count)", a filter option with the vacancies it would give. */
static const char *with_count(struct arena *a, const char *label, int64_t count)
{
    char num[STR_DEC_MAX];
    size_t nlen = str_dec(num, count);
    char *s = arena_alloc(a, strlen(label) + nlen + 4);
    stpcpy(stpcpy(stpcpy(stpcpy(s, label), " ("), num), ")");
    return s;
}

static const char *option_label(enum job_facet f, int opt)
{
    return opt >= 0 && (size_t)opt < jobs_options(f) ? jobs_option(f, (size_t)opt).label : "";
}

static const char *code_text(enum codeset_id set, const char *code)
{
    const char *l = code && *code ? code_label(set, code, 0) : NULL;
    return l ? l : "";
}

/* --- the view and the vacancies it shows ------------------------------------------------ */

struct board {
    struct jobs_view view;
    const struct job_row *rows; /* set.rows */
    size_t nrows;
    struct jobs_set set;
    struct jobs_result result;
};

/* Read the request's view and run it over the open vacancies. Returns 0, or the status
 * of a store failure (req->cause set). */
static int board_run(struct http_app *app, struct http_request *req, struct board *b)
{
    jobs_view_init(&b->view);
    for (size_t i = 0; i < req->nquery; i++)
        jobs_view_take(&b->view, req->query[i].name, req->query[i].value, req->arena);
    if (req->nquery > QUERY_FIELDS_MAX && b->view.nproblems < 8) {
        b->view.problems[b->view.nproblems].param = "keywords";
        b->view.problems[b->view.nproblems++].message =
            "The address has more filters than the board takes: clear the filters and start "
            "again";
    }
    struct kerr e = KERR_INIT;
    enum kerr_code rc =
        jobs_board_open(app->jobs, req->store, date_today(), req->arena, &b->set, &e);
    if (rc) {
        req->cause = rc;
        return 503;
    }
    b->rows = b->set.rows;
    b->nrows = b->set.n;
    jobs_run(&b->view, &b->set, req->arena, &b->result);
    for (size_t i = 0; i < b->view.nproblems && req->nerrors < HTTP_FIELD_ERRORS_MAX; i++) {
        req->errors[req->nerrors].field = b->view.problems[i].param;
        req->errors[req->nerrors].message = b->view.problems[i].message;
        req->nerrors++;
    }
    return 0;
}

/* 400 when the address had problems, 404 for a page past the last, else 200. */
static int board_status(const struct board *b)
{
    if (b->view.nproblems)
        return 400;
    return b->view.page > b->result.pages ? 404 : 200;
}

/* base?query, or base alone for the unfiltered view. */
static const char *jobs_href(struct arena *a, const char *base, const char *query)
{
    if (!*query)
        return base;
    char *s = arena_alloc(a, strlen(base) + strlen(query) + 2);
    stpcpy(stpcpy(stpcpy(s, base), "?"), query);
    return s;
}

/* --- GET /jobs ------------------------------------------------------------------------ */

static void filters_form(struct html *h, struct http_request *req, const struct board *b)
{
    struct arena *a = req->arena;
    html_raw(h, "<form method=\"get\" action=\"/jobs\" novalidate>\n"
                "<h2 class=\"govuk-heading-m\">Filter vacancies</h2>\n");
    govuk_input(h, &(struct govuk_field){.name = "keywords",
                                         .label = "Keywords",
                                         .label_classes = "govuk-label--s",
                                         .hint = "A job title, team or words from the advert",
                                         .value = b->view.keywords,
                                         .error = page_error_text(req, "keywords"),
                                         .spellcheck = GOVUK_FALSE});
    for (int f = 0; f < JF_COUNT; f++) {
        size_t n = jobs_options((enum job_facet)f);
        struct govuk_choice *items = arena_alloc(a, n * sizeof *items);
        bool *checked = arena_alloc(a, n * sizeof *checked);
        for (size_t i = 0; i < n; i++) {
            struct job_option o = jobs_option((enum job_facet)f, i);
            items[i] =
                (struct govuk_choice){o.code, with_count(a, o.label, b->result.counts[f][i]), NULL};
            checked[i] = (b->view.chosen[f] >> i) & 1u;
        }
        govuk_checkboxes(h, &(struct govuk_radios){
                                .name = jobs_facet_param((enum job_facet)f),
                                .legend = jobs_facet_legend((enum job_facet)f),
                                .legend_classes = "govuk-fieldset__legend--s",
                                .error = page_error_text(req, jobs_facet_param((enum job_facet)f)),
                                .classes = "govuk-checkboxes--small",
                                .items = items,
                                .nitems = n,
                                .checked = checked});
    }
    struct govuk_option sorts[JOBS_SORT_COUNT];
    for (int s = 0; s < JOBS_SORT_COUNT; s++)
        sorts[s] = (struct govuk_option){jobs_sorts[s].code, jobs_sorts[s].label};
    govuk_select(h, &(struct govuk_field){.name = "sort",
                                          .label = "Sort by",
                                          .label_classes = "govuk-label--s",
                                          .value = jobs_sorts[b->view.sort].code,
                                          .error = page_error_text(req, "sort"),
                                          .options = sorts,
                                          .noptions = JOBS_SORT_COUNT});
    html_raw(h, "<div class=\"govuk-button-group\">");
    govuk_button(h, &(struct govuk_opts){.text = "Apply filters"});
    html_raw(h, "<a class=\"govuk-link\" href=\"/jobs\">Clear filters</a></div>\n</form>\n");
}

/* GOV.UK pagination (the macro's markup for previous, next and numbered pages). */
static void pagination(struct html *h, struct arena *a, const struct board *b)
{
    int64_t page = b->view.page, pages = b->result.pages;
    if (pages <= 1 || page > pages)
        return;
    html_raw(h, "<nav class=\"govuk-pagination\" aria-label=\"Pages of results\">\n");
    if (page > 1)
        html_f(h,
               "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
               "govuk-pagination__link\" href=\"%s\" rel=\"prev\"><span "
               "class=\"govuk-pagination__link-title\">Previous<span "
               "class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
               jobs_href(a, "/jobs", jobs_view_query(&b->view, JF_COUNT, 0, page - 1, a)));
    html_raw(h, "<ul class=\"govuk-pagination__list\">\n");
    for (int64_t p = 1; p <= pages; p++) {
        /* The first, the last and those next to the current one; gaps as an ellipsis. */
        if (p != 1 && p != pages && (p < page - 1 || p > page + 1)) {
            if (p == 2 || p == pages - 1)
                html_raw(h, "<li class=\"govuk-pagination__item "
                            "govuk-pagination__item--ellipses\">&ctdot;</li>\n");
            continue;
        }
        const char *href = jobs_href(a, "/jobs", jobs_view_query(&b->view, JF_COUNT, 0, p, a));
        if (p == page)
            html_f(h,
                   "<li class=\"govuk-pagination__item govuk-pagination__item--current\"><a "
                   "class=\"govuk-link govuk-pagination__link\" href=\"%s\" aria-label=\"Page "
                   "%ld\" aria-current=\"page\">%ld</a></li>\n",
                   href, (long)p, (long)p);
        else
            html_f(h,
                   "<li class=\"govuk-pagination__item\"><a class=\"govuk-link "
                   "govuk-pagination__link\" href=\"%s\" aria-label=\"Page %ld\">%ld</a></li>\n",
                   href, (long)p, (long)p);
    }
    html_raw(h, "</ul>\n");
    if (page < pages)
        html_f(h,
               "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
               "govuk-pagination__link\" href=\"%s\" rel=\"next\"><span "
               "class=\"govuk-pagination__link-title\">Next<span "
               "class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
               jobs_href(a, "/jobs", jobs_view_query(&b->view, JF_COUNT, 0, page + 1, a)));
    html_raw(h, "</nav>\n");
}

/* One vacancy in a list: a heading (level 2 in the board's results, 3 under the closed
 * page's "Similar open vacancies"), its team, pay and terms, and when it closes. */
static void result_item(struct html *h, const struct job_row *r, bool nested)
{
    char pay[SALARY_MAX], closes[LONG_DATE_MAX];
    if (nested)
        html_f(h,
               "<li class=\"kith-job\"><h3 class=\"govuk-heading-s govuk-!-margin-bottom-1\"><a "
               "class=\"govuk-link\" href=\"/jobs/%s\">%s</a></h3>\n",
               r->public_id, r->title);
    else
        html_f(h,
               "<li class=\"kith-job\"><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\"><a "
               "class=\"govuk-link\" href=\"/jobs/%s\">%s</a></h2>\n",
               r->public_id, r->title);
    html_f(h,
           "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">%s</p>\n"
           "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">%s &middot; %s &middot; %s "
           "&middot; %s</p>\n<p class=\"govuk-body-s\">Closes %s</p></li>\n",
           r->team, salary_in(pay, r->salary_min, r->salary_max),
           option_label(JF_HOURS, r->opt[JF_HOURS]), option_label(JF_CONTRACT, r->opt[JF_CONTRACT]),
           option_label(JF_ARRANGEMENT, r->opt[JF_ARRANGEMENT]),
           long_date_in(closes, r->closing_date));
}

int page_jobs(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct board b;
    int rc = board_run(app, req, &b);
    if (rc)
        return http_error_page(req, res, rc, "Sorry, there is a problem",
                               "The vacancies could not be read. Try again later.");
    struct arena *a = req->arena;
    int status = board_status(&b);
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, status == 404 ? "Page not found" : "Jobs in children's social care");
    page_error_summary(&h, req);
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Jobs in children's social care</h1>\n"
                 "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
    filters_form(&h, req, &b);
    html_raw(&h, "</div>\n<div class=\"govuk-grid-column-two-thirds\">\n");
    const struct jobs_result *r = &b.result;
    const char *query = jobs_view_query(&b.view, JF_COUNT, 0, 1, a);
    if (status == 404)
        html_f(&h,
               "<p class=\"govuk-body\">There is no page %ld of these vacancies: there %s %ld. "
               "<a class=\"govuk-link\" href=\"%s\">Go to the first page</a>.</p>\n",
               (long)b.view.page, r->pages == 1 ? "is" : "are", (long)r->pages,
               jobs_href(a, "/jobs", query));
    else if (!r->total)
        html_raw(&h, "<p class=\"govuk-body\" role=\"status\">No open vacancies match these "
                     "filters. Try removing some.</p>\n");
    else
        html_f(&h,
               "<p class=\"govuk-body\" role=\"status\">Showing %ld to %ld of %ld "
               "vacanc%s</p>\n",
               (long)(r->first + 1), (long)(r->first + r->n), (long)r->total,
               r->total == 1 ? "y" : "ies");
    if (r->n) {
        html_raw(&h, "<ul class=\"govuk-list kith-jobs\">\n");
        for (size_t i = r->first; i < r->first + r->n; i++)
            result_item(&h, &b.rows[r->order[i]], false);
        html_raw(&h, "</ul>\n");
    }
    pagination(&h, a, &b);
    html_f(&h,
           "<p class=\"govuk-body-s\"><a class=\"govuk-link\" href=\"%s\">These vacancies as a "
           "feed (Atom)</a> &middot; <a class=\"govuk-link\" href=\"%s\">as JSON</a></p>\n",
           jobs_href(a, "/jobs.atom", query), jobs_href(a, "/api/v1/jobs", query));
    html_raw(&h, "</div>\n</div>\n");
    return page_end(&h, res, status);
}

/* --- GET /jobs/{id} ------------------------------------------------------------------- */

/* Text as paragraphs (blank lines part them) and bullet lists (lines starting "- "). */
static void prose(struct html *h, const char *text)
{
    if (!text)
        return;
    const char *p = text;
    bool in_list = false, in_para = false;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char line[4096];
        size_t len = n < sizeof line - 1 ? n : sizeof line - 1;
        memcpy(line, p, len);
        line[len] = '\0';
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
            line[--len] = '\0';
        bool item = line[0] == '-' && line[1] == ' ';
        if (!len || item || in_list) {
            if (in_para)
                html_raw(h, "</p>\n");
            in_para = false;
        }
        if (in_list && !item) {
            html_raw(h, "</ul>\n");
            in_list = false;
        }
        if (item) {
            if (!in_list)
                html_raw(h, "<ul class=\"govuk-list govuk-list--bullet\">\n");
            in_list = true;
            html_f(h, "<li>%s</li>\n", line + 2);
        } else if (len) {
            if (in_para)
                html_raw(h, "<br>\n");
            else
                html_raw(h, "<p class=\"govuk-body\">");
            in_para = true;
            html_text(h, line);
        }
        p += n + (p[n] == '\n');
    }
    if (in_para)
        html_raw(h, "</p>\n");
    if (in_list)
        html_raw(h, "</ul>\n");
}

/* schema.org employmentType values for the vacancy's hours and contract. */
static void employment_types(struct json_out *j, const struct vacancy *v)
{
    json_arr_begin(j, "employmentType");
    json_str(j, NULL, !strcmp(v->hours, "part-time") ? "PART_TIME" : "FULL_TIME");
    if (!strcmp(v->contract, "temporary") || !strcmp(v->contract, "fixed-term") ||
        !strcmp(v->contract, "secondment"))
        json_str(j, NULL, "TEMPORARY");
    json_arr_end(j);
}

/* The scheme and host the board is reached at, for the absolute addresses feeds and
 * JSON-LD need. */
static const char *site(const struct http_app *app, const struct http_request *req)
{
    if (app->origin)
        return app->origin;
    return arena_printf(req->arena, "%s://%s", app->behind_tls ? "https" : "http",
                        req->host ? req->host : "localhost");
}

/* The JobPosting (https://schema.org/JobPosting) as JSON; esc_json writes '<', '>' and
 * '&' as \u escapes, so it cannot close the script element it sits in. */
static const char *job_posting(struct http_app *app, struct http_request *req,
                               const struct vacancy *v)
{
    struct arena *a = req->arena;
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "@context", "https://schema.org/");
    json_str(&j, "@type", "JobPosting");
    json_str(&j, "title", v->title);
    json_str(&j, "description", v->description);
    json_str(&j, "datePosted", iso(a, v->published_on));
    json_str(&j, "validThrough", arena_printf(a, "%sT23:59:59Z", iso(a, v->closing_date)));
    employment_types(&j, v);
    json_key_obj(&j, "identifier");
    json_str(&j, "@type", "PropertyValue");
    json_str(&j, "name", v->employer);
    json_str(&j, "value", v->h.public_id);
    json_obj_end(&j);
    json_key_obj(&j, "hiringOrganization");
    json_str(&j, "@type", "Organization");
    json_str(&j, "name", v->employer);
    json_str(&j, "sameAs", site(app, req));
    json_obj_end(&j);
    json_key_obj(&j, "jobLocation");
    json_str(&j, "@type", "Place");
    json_key_obj(&j, "address");
    json_str(&j, "@type", "PostalAddress");
    json_str(&j, "streetAddress", v->location);
    json_str(&j, "addressLocality", "London");
    json_str(&j, "postalCode", v->postcode[0] ? v->postcode : NULL);
    json_str(&j, "addressCountry", "GB");
    json_obj_end(&j);
    json_obj_end(&j);
    json_key_obj(&j, "baseSalary");
    json_str(&j, "@type", "MonetaryAmount");
    json_str(&j, "currency", "GBP");
    json_key_obj(&j, "value");
    json_str(&j, "@type", "QuantitativeValue");
    json_int(&j, "minValue", v->salary_min);
    json_int(&j, "maxValue", v->salary_max);
    json_str(&j, "unitText", "YEAR");
    json_obj_end(&j);
    json_obj_end(&j);
    json_str(&j, "url", arena_printf(a, "%s/jobs/%s", site(app, req), v->h.public_id));
    json_obj_end(&j);
    size_t len;
    return json_out_take(&j, a, &len);
}

static bool is_open(const struct vacancy *v, kdate today)
{
    return !v->closed && v->closing_date >= today && v->published_on <= today;
}

/* 410: the vacancy was here and has closed; open ones like it instead. */
static int closed_page(struct http_app *app, struct http_request *req, struct http_response *res,
                       const struct vacancy *v)
{
    struct arena *a = req->arena;
    struct jobs_set set;
    size_t similar[SIMILAR_MAX];
    struct kerr e = KERR_INIT;
    enum kerr_code rc = jobs_board_open(app->jobs, req->store, date_today(), a, &set, &e);
    const struct job_row *rows = set.rows;
    size_t n = set.n;
    if (rc) {
        req->cause = rc;
        return http_error_page(req, res, 503, "Sorry, there is a problem",
                               "The vacancies could not be read. Try again later.");
    }
    size_t ns = jobs_similar(rows, n, v->role, v->team, similar, SIMILAR_MAX);
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, "This vacancy has closed");
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">This "
           "vacancy has closed</h1>\n",
           v->team);
    if (v->closed)
        html_f(&h, "<p class=\"govuk-body\">%s closed to applications early.</p>\n", v->title);
    else
        html_f(&h, "<p class=\"govuk-body\">%s closed to applications on %s.</p>\n", v->title,
               long_date(a, v->closing_date));
    if (ns) {
        html_raw(&h, "<h2 class=\"govuk-heading-m\">Similar open vacancies</h2>\n"
                     "<ul class=\"govuk-list\">\n");
        for (size_t i = 0; i < ns; i++)
            result_item(&h, &rows[similar[i]], true);
        html_raw(&h, "</ul>\n");
    }
    html_f(&h,
           "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/jobs?role=%s\">All open "
           "%s vacancies</a> or <a class=\"govuk-link\" href=\"/jobs\">every open "
           "vacancy</a>.</p>\n",
           v->role, code_text(CS_JOB_ROLE, v->role));
    return page_end(&h, res, 410);
}

int page_job(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct arena *a = req->arena;
    struct vacancy v;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_rec_find(req->store, &vacancy_type, req->path_args[0], a, &v, &e);
    kdate today = date_today();
    if (rc == KITH_E_NOT_FOUND || (!rc && v.published_on > today))
        return http_error_page(req, res, 404, "Page not found",
                               "There is no vacancy at this address. See the open vacancies at "
                               "/jobs.");
    if (rc) {
        req->cause = rc;
        return http_error_page(req, res, 503, "Sorry, there is a problem",
                               "The vacancy could not be read. Try again later.");
    }
    if (!is_open(&v, today))
        return closed_page(app, req, res, &v);
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, v.title);
    govuk_back_link(&h, &(struct govuk_opts){.text = "All vacancies", .href = "/jobs"});
    html_f(&h, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
           v.team, v.title);
    const struct govuk_summary_row rows[] = {
        {"Role", code_text(CS_JOB_ROLE, v.role)},
        {"Team", v.team},
        {"Salary", salary_range(a, v.salary_min, v.salary_max)},
        {"Hours", code_text(CS_JOB_HOURS, v.hours)},
        {"Contract", code_text(CS_JOB_CONTRACT, v.contract)},
        {"Working arrangement", code_text(CS_JOB_ARRANGEMENT, v.arrangement)},
        {"Where", v.postcode[0] ? arena_printf(a, "%s, %s", v.location, v.postcode) : v.location},
        {"Closing date",
         arena_printf(a, "%s (applications until midnight)", long_date(a, v.closing_date))},
        {"Published", long_date(a, v.published_on)},
        {"Social Work England registration", v.needs_swe_registration ? "Needed" : "Not needed"},
    };
    govuk_summary_list(
        &h, &(struct govuk_summary_list){.rows = rows, .nrows = sizeof rows / sizeof rows[0]});
    html_f(&h,
           "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/jobs/%s/apply\">Apply "
           "for this job</a>\n",
           v.h.public_id);
    html_raw(&h, "<h2 class=\"govuk-heading-m\">About the job</h2>\n");
    prose(&h, v.description);
    if (v.offer && *v.offer) {
        html_raw(&h, "<h2 class=\"govuk-heading-m\">What we offer</h2>\n");
        prose(&h, v.offer);
    }
    html_raw(&h, "<script type=\"application/ld+json\">");
    /* Not markup from data: JSON whose every string esc_json wrote with '<', '>' and '&'
     * escaped (job_posting), so nothing in it can end the element. */
    html_raw_literal(&h, job_posting(app, req, &v));
    html_raw(&h, "</script>\n");
    return page_end(&h, res, 200);
}

/* --- GET /jobs.atom ------------------------------------------------------------------- */

/* An RFC 3339 time for a day's start, UTC. */
static const char *day_time(struct arena *a, kdate d)
{
    return arena_printf(a, "%sT00:00:00Z", iso(a, d));
}

int page_jobs_atom(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct board b;
    int rc = board_run(app, req, &b);
    if (rc) {
        http_body(res, 503, "text/plain; charset=utf-8",
                  "The vacancies could not be read. Try again later.\n", 50);
        return 503;
    }
    struct arena *a = req->arena;
    if (b.view.nproblems) {
        const char *msg = arena_printf(a, "%s\n", b.view.problems[0].message);
        http_body(res, 400, "text/plain; charset=utf-8", msg, strlen(msg));
        return 400;
    }
    const char *base = site(app, req);
    const char *query = jobs_view_query(&b.view, JF_COUNT, 0, 1, a);
    /* The newest first whatever the view's sort: a feed reader shows what is new. */
    kdate newest = DATE_NONE;
    for (size_t i = 0; i < b.result.total; i++)
        if (b.rows[b.result.order[i]].published_on > newest)
            newest = b.rows[b.result.order[i]].published_on;
    struct html h;
    html_init(&h, a);
    html_raw(&h, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                 "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    html_f(&h, "<title>Jobs in children's social care%s</title>\n", *query ? " (filtered)" : "");
    html_f(&h, "<id>%s</id>\n", jobs_href(a, arena_printf(a, "%s/jobs", base), query));
    html_f(&h, "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n",
           jobs_href(a, arena_printf(a, "%s/jobs.atom", base), query));
    html_f(&h, "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n",
           jobs_href(a, arena_printf(a, "%s/jobs", base), query));
    html_f(&h, "<updated>%s</updated>\n", day_time(a, newest == DATE_NONE ? date_today() : newest));
    html_raw(&h, "<author><name>kith jobs board</name></author>\n");
    /* The store gives rows newest first: walk them in that order, keeping the view's. */
    size_t shown = 0;
    bool *in_view = arena_zalloc(a, (b.nrows ? b.nrows : 1) * sizeof *in_view);
    for (size_t i = 0; i < b.result.total; i++)
        in_view[b.result.order[i]] = true;
    for (size_t r = 0; r < b.nrows && shown < FEED_MAX; r++) {
        if (!in_view[r])
            continue;
        const struct job_row *j = &b.rows[r];
        const char *url = arena_printf(a, "%s/jobs/%s", base, j->public_id);
        html_f(&h, "<entry>\n<title>%s</title>\n<id>%s</id>\n", j->title, url);
        html_f(&h, "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", url);
        html_f(&h, "<updated>%s</updated>\n<published>%s</published>\n",
               day_time(a, j->published_on), day_time(a, j->published_on));
        html_f(&h, "<summary>%s. %s. %s, %s, %s. Closes %s.</summary>\n</entry>\n", j->team,
               salary_range(a, j->salary_min, j->salary_max),
               option_label(JF_HOURS, j->opt[JF_HOURS]),
               option_label(JF_CONTRACT, j->opt[JF_CONTRACT]),
               option_label(JF_ARRANGEMENT, j->opt[JF_ARRANGEMENT]), long_date(a, j->closing_date));
        shown++;
    }
    html_raw(&h, "</feed>\n");
    const char *body = html_str(&h);
    http_body(res, 200, "application/atom+xml; charset=utf-8", body, strlen(body));
    return 200;
}

/* --- GET /api/v1/jobs ----------------------------------------------------------------- */

int api_jobs(struct http_app *app, struct http_request *req, struct http_response *res)
{
    struct board b;
    int rc = board_run(app, req, &b);
    if (rc)
        return http_problem(req, res, 503, "Sorry, there is a problem",
                            "The vacancies could not be read. Try again later.");
    if (b.view.nproblems)
        return http_problem(req, res, 400, "The filters could not be used",
                            b.view.problems[0].message);
    if (board_status(&b) == 404)
        return http_problem(req, res, 404, "No such page",
                            arena_printf(req->arena, "These vacancies fill %ld page%s",
                                         (long)b.result.pages, b.result.pages == 1 ? "" : "s"));
    struct arena *a = req->arena;
    const char *base = site(app, req);
    const struct jobs_result *r = &b.result;
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_int(&j, "total", (int64_t)r->total);
    json_int(&j, "page", b.view.page);
    json_int(&j, "pages", r->pages);
    json_int(&j, "page_size", JOBS_PAGE_SIZE);
    json_str(&j, "sort", jobs_sorts[b.view.sort].code);
    json_arr_begin(&j, "jobs");
    for (size_t i = r->first; i < r->first + r->n; i++) {
        const struct job_row *v = &b.rows[r->order[i]];
        json_obj_begin(&j);
        json_str(&j, "id", v->public_id);
        json_str(&j, "title", v->title);
        json_str(&j, "team", v->team);
        for (int f = 0; f < JF_COUNT; f++)
            if (f != JF_SALARY)
                json_str(&j, jobs_facet_param((enum job_facet)f),
                         v->opt[f] >= 0 ? jobs_option((enum job_facet)f, (size_t)v->opt[f]).code
                                        : NULL);
        json_int(&j, "salary_min", v->salary_min);
        json_int(&j, "salary_max", v->salary_max);
        json_str(&j, "published_on", iso(a, v->published_on));
        json_str(&j, "closing_date", iso(a, v->closing_date));
        json_str(&j, "url", arena_printf(a, "%s/jobs/%s", base, v->public_id));
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_key_obj(&j, "filters");
    for (int f = 0; f < JF_COUNT; f++) {
        json_arr_begin(&j, jobs_facet_param((enum job_facet)f));
        for (size_t i = 0; i < jobs_options((enum job_facet)f); i++) {
            struct job_option o = jobs_option((enum job_facet)f, i);
            json_obj_begin(&j);
            json_str(&j, "value", o.code);
            json_str(&j, "label", o.label);
            json_int(&j, "count", r->counts[f][i]);
            json_bool(&j, "chosen", (b.view.chosen[f] >> i) & 1u);
            json_obj_end(&j);
        }
        json_arr_end(&j);
    }
    json_obj_end(&j);
    json_obj_end(&j);
    size_t len;
    const char *body = json_out_take(&j, a, &len);
    http_body(res, 200, "application/json", body, len);
    return 200;
}
