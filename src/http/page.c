/*
 * The shared page frame (the template of govuk-frontend: skip link, crownless header,
 * service navigation, footer) built from the GOV.UK components in govuk.c, so the
 * compiled stylesheet (web/) styles it; the markup works unstyled too.
 */
#include "http/page.h"

#include <stdlib.h>
#include <string.h>

#include "casework/casework.h"
#include "http/assets.h"
#include "http/auth.h"
#include "http/govuk.h"
#include "http/router.h"

/* The pages a role may use, as GOV.UK service navigation; the current one is marked. */
static const struct {
    const char *href, *text;
    unsigned perm;
} nav_items[] = {
    {"/caseload", "My caseload", ROUTE_CHILD_READ},
    /* what is due for the caseload: one link from every page, not only from the caseload's
     * sentence, since "my work" is where a worker's day starts */
    {"/work", "My work", ROUTE_CHILD_READ},
    {"/team", "My team", ROUTE_TEAM_READ},
    {"/search", "Find a child", ROUTE_CHILD_READ},
    {"/teams", "Team caseloads", ROUTE_TEAM_READ},
    {"/workforce", "Workforce", ROUTE_WORKFORCE},
    {"/audit", "Audit trail", ROUTE_AUDIT_READ},
    {"/admin/users", "User accounts", ROUTE_USER_ADMIN},
    {"/validate", "Validate a return", ROUTE_VALIDATE},
    {"/recruit", "Recruitment", ROUTE_RECRUIT},
};

static void nav(struct html *h, const struct http_request *req)
{
    struct govuk_nav_item items[sizeof nav_items / sizeof nav_items[0]];
    size_t n = 0;
    /* "/" is the role's own start page (auth_role_home): that item is the current one */
    const char *here = strcmp(req->path, "/") ? req->path : auth_role_home(req->principal->role);
    for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++)
        if (req->principal->perms & nav_items[i].perm)
            items[n++] = (struct govuk_nav_item){nav_items[i].text, nav_items[i].href,
                                                 strcmp(here, nav_items[i].href) == 0};
    /* The toggle always: on a phone the sign-out item makes the list long enough. */
    struct govuk_service_nav sn = {.items = items, .nitems = n, .collapse = GOVUK_TRUE};
    govuk_service_navigation_begin(h, &sn);
    /* The macro's navigationEnd slot: signing out changes state, so it is a form post
     * (with the CSRF token) whose button looks like the links. */
    html_f(h,
           "<li class=\"govuk-service-navigation__item kith-sign-out\"><form method=\"post\" "
           "action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"%s\"><button "
           "type=\"submit\" class=\"kith-link-button govuk-service-navigation__link\">Sign out"
           "<span class=\"govuk-visually-hidden\"> (signed in as %s)</span></button></form>"
           "<span class=\"kith-signed-in\" aria-hidden=\"true\">%s</span></li>\n",
           req->principal->csrf_token ? req->principal->csrf_token : "",
           req->principal->username ? req->principal->username : "",
           req->principal->username ? req->principal->username : "");
    govuk_service_navigation_end(h, &sn);
    html_raw(h, "\n");
}

void page_begin(struct html *h, const struct http_request *req, const char *title)
{
    html_raw(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
                "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                "content=\"width=device-width, initial-scale=1\">\n");
    html_f(h, "<title>%s%s - kith</title>\n", req->nerrors ? "Error: " : "", title);
    html_f(h,
           "<link rel=\"icon\" href=\"/assets/%s/favicon.svg\" type=\"image/svg+xml\">\n"
           "<link rel=\"stylesheet\" href=\"/assets/%s/kith.css\">\n</head>\n"
           "<body class=\"govuk-template__body\">\n<script src=\"/assets/%s/supported.js\">"
           "</script>\n",
           asset_version, asset_version, asset_version);
    govuk_skip_link(h,
                    &(struct govuk_opts){.text = "Skip to main content", .href = "#main-content"});
    html_raw(h, "\n<header class=\"govuk-template__header\">");
    govuk_generic_header(h, &(struct govuk_header){.text = "kith", .href = "/"});
    html_raw(h, "\n");
    if (req->principal)
        nav(h, req);
    html_raw(h, "</header>\n<div class=\"govuk-width-container\">\n"
                "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

static const struct govuk_item footer_links[] = {
    {"Accessibility statement", "/accessibility"},
};

int page_end(struct html *h, struct http_response *res, int status)
{
    html_raw(h, "</main>\n</div>\n<footer class=\"govuk-template__footer\">");
    govuk_footer(h, &(struct govuk_footer){
                        .links = footer_links,
                        .nlinks = sizeof footer_links / sizeof footer_links[0],
                        .licence = "kith: case records for children's social care. Free software "
                                   "under the GNU AGPL."});
    html_f(h,
           "</footer>\n<script type=\"module\" src=\"/assets/%s/init.js\"></script>\n</body>\n"
           "</html>\n",
           asset_version);
    const char *body = html_str(h);
    http_body(res, status, "text/html; charset=utf-8", body, strlen(body));
    return status;
}

void page_error_summary(struct html *h, const struct http_request *req)
{
    if (!req->nerrors)
        return;
    struct govuk_item items[HTTP_FIELD_ERRORS_MAX];
    for (size_t i = 0; i < req->nerrors; i++)
        items[i] = (struct govuk_item){req->errors[i].message,
                                       arena_printf(h->arena, "#%s", req->errors[i].field)};
    govuk_error_summary(h, &(struct govuk_opts){.title = "There is a problem",
                                                .items = items,
                                                .nitems = req->nerrors});
    html_raw(h, "\n");
}

const char *page_error_text(const struct http_request *req, const char *field)
{
    for (size_t i = 0; i < req->nerrors; i++)
        if (strcmp(req->errors[i].field, field) == 0)
            return req->errors[i].message;
    return NULL;
}

void page_csrf(struct html *h, const struct http_request *req)
{
    if (req->principal && req->principal->csrf_token)
        html_f(h, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n",
               req->principal->csrf_token);
}

int page_redirect(struct http_response *res, const char *location)
{
    http_header_add(res, "Location", location);
    http_body(res, 303, "text/plain; charset=utf-8", "", 0);
    return 303;
}

/* --- dates as people type them ----------------------------------------------------------- */

enum { DAY = 1, MONTH = 2, YEAR = 4 };

static const char *const months[] = {"january",   "february", "march",    "april",
                                     "may",       "june",     "july",     "august",
                                     "september", "october",  "november", "december"};

static const char *trim(struct arena *a, const char *v)
{
    if (!v)
        return "";
    v += strspn(v, " \t");
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    return arena_strndup(a, v, n);
}

/* 1 to 4 digits as a number, or -1. */
static int digits(const char *v, size_t *ndigits)
{
    size_t n = strlen(v);
    if (n == 0 || n > 4 || strspn(v, "0123456789") != n)
        return -1;
    *ndigits = n;
    return (int)strtol(v, NULL, 10);
}

/* A month's number, from digits or from its name: three letters or more of it, any case,
 * and "sept". 0 when neither. */
static int month_of(const char *v)
{
    size_t nd;
    int m = digits(v, &nd);
    if (m >= 0)
        return nd <= 2 ? m : 0;
    size_t n = strlen(v);
    char low[16];
    if (n < 3 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] - 'A' + 'a' : v[i]);
    if (n > 3 && low[n - 1] == '.') /* "Sept." */
        low[--n] = '\0';
    if (!strcmp(low, "sept"))
        return 9;
    for (int i = 0; i < 12; i++)
        if (!strncmp(months[i], low, n))
            return i + 1;
    return 0;
}

struct date_typed {
    const char *day, *month, *year;
};

/* A whole date typed in one box: three parts split at '/', '-', '.' or spaces; year
 * first when the first part has four figures. False when it is not three parts. */
static bool split_whole(struct arena *a, const char *v, struct date_typed *t)
{
    const char *part[4];
    size_t n = 0;
    const char *p = v;
    while (*p && n < 4) {
        size_t len = strcspn(p, "/-. ");
        if (len)
            part[n++] = arena_strndup(a, p, len);
        p += len;
        p += strspn(p, "/-. ");
    }
    if (n != 3)
        return false;
    bool iso = strlen(part[0]) == 4 && strspn(part[0], "0123456789") == 4;
    *t = (struct date_typed){iso ? part[2] : part[0], part[1], iso ? part[0] : part[2]};
    return true;
}

/* What was typed for `prefix`, trimmed, a whole date in one box split into its parts. */
static struct date_typed date_typed(const struct http_request *req, const char *prefix,
                                    const char *legacy)
{
    struct arena *a = req->arena;
    struct date_typed t = {trim(a, http_param(req, arena_printf(a, "%s-day", prefix))),
                           trim(a, http_param(req, arena_printf(a, "%s-month", prefix))),
                           trim(a, http_param(req, arena_printf(a, "%s-year", prefix)))};
    if (!*t.day && !*t.month && !*t.year && legacy)
        t.day = trim(a, http_param(req, legacy));
    if (*t.day && !*t.month && !*t.year)
        split_whole(a, t.day, &t);
    return t;
}

enum date_problem { DATE_OK, DATE_EMPTY, DATE_INCOMPLETE, DATE_NOT_REAL, DATE_YEAR_FIGURES };

/* The date typed, or the problem and the parts at fault (DAY | MONTH | YEAR). */
static enum date_problem date_check(const struct date_typed *t, kdate *out, unsigned *bad)
{
    *bad = (*t->day ? 0u : DAY) | (*t->month ? 0u : MONTH) | (*t->year ? 0u : YEAR);
    if (*bad == (DAY | MONTH | YEAR))
        return DATE_EMPTY;
    if (*bad)
        return DATE_INCOMPLETE;
    size_t nd = 0, ny = 0;
    int d = digits(t->day, &nd), m = month_of(t->month), y = digits(t->year, &ny);
    *bad = (d < 1 || d > 31 || nd > 2 ? DAY : 0u) | (m < 1 || m > 12 ? MONTH : 0u) |
           (y < 0 ? YEAR : 0u);
    if (*bad)
        return DATE_NOT_REAL;
    if (ny != 4) {
        *bad = YEAR;
        return DATE_YEAR_FIGURES;
    }
    if (!date_valid_ymd(y, m, d)) {
        *bad = y < DATE_MIN_YEAR || y > DATE_MAX_YEAR ? YEAR : DAY;
        return DATE_NOT_REAL;
    }
    *out = date_from_ymd(y, m, d);
    return DATE_OK;
}

static const char *part_name(struct arena *a, const char *prefix, unsigned bad)
{
    return arena_printf(a, "%s-%s", prefix, bad & DAY ? "day" : bad & MONTH ? "month" : "year");
}

const char *page_sentence(struct arena *a, const char *s)
{
    /* a child's page asks for some sixty of these: a copy, not a printf, and none at all
     * when the text starts a sentence already */
    if (!(s[0] >= 'a' && s[0] <= 'z'))
        return s;
    size_t n = strlen(s) + 1;
    char *c = arena_alloc(a, n);
    memcpy(c, s, n);
    c[0] = (char)(s[0] - 'a' + 'A');
    return c;
}

bool page_date_read(struct http_request *req, const char *prefix, const char *legacy,
                    const char *what, bool required, bool not_future, kdate *out)
{
    struct arena *a = req->arena;
    *out = DATE_NONE;
    static const char *const parts[] = {"day", "month", "year"};
    for (size_t i = 0; i < 3; i++) /* the router has said what is wrong already */
        if (page_error_text(req, arena_printf(a, "%s-%s", prefix, parts[i])))
            return false;
    struct date_typed t = date_typed(req, prefix, legacy);
    unsigned bad = 0;
    enum date_problem p = date_check(&t, out, &bad);
    if (p == DATE_EMPTY && !required)
        return true;
    /* "the date of the note" -> "Date of the note", to start a sentence */
    const char *title = page_sentence(a, strncmp(what, "the ", 4) ? what : what + 4);
    static const char *const missing[] = {
        "",       "a day",          "a month",          "a day and month",
        "a year", "a day and year", "a month and year", ""};
    const char *message = NULL;
    switch (p) {
    case DATE_EMPTY:
        message = arena_printf(a, "Enter %s", what);
        bad = DAY;
        break;
    case DATE_INCOMPLETE:
        message = arena_printf(a, "%s must include %s", title, missing[bad]);
        break;
    case DATE_NOT_REAL:
        message = arena_printf(a, "%s must be a real date", title);
        break;
    case DATE_YEAR_FIGURES:
        message = "Year must include 4 numbers";
        break;
    case DATE_OK:
        if (not_future && *out > date_today()) {
            message = arena_printf(a, "%s must be today or in the past", title);
            bad = DAY;
        }
        break;
    }
    if (!message)
        return true;
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = part_name(a, prefix, bad);
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
    return false;
}

void page_date_input(struct html *h, const struct http_request *req, const char *prefix,
                     const char *legacy, const char *legend, const char *hint)
{
    struct arena *a = h->arena;
    static const char *const parts[] = {"day", "month", "year"};
    const char *error = NULL;
    for (size_t i = 0; i < 3 && !error; i++)
        error = page_error_text(req, arena_printf(a, "%s-%s", prefix, parts[i]));
    /* The parts to highlight are worked out again from what was typed; an error with
     * every part well formed (a date in the future) highlights them all. */
    struct date_typed t = date_typed(req, prefix, legacy);
    kdate d;
    unsigned bad = 0;
    if (error && date_check(&t, &d, &bad) == DATE_EMPTY)
        bad = DAY | MONTH | YEAR;
    const char *day = http_param(req, arena_printf(a, "%s-day", prefix));
    if ((!day || !*day) && legacy && http_param(req, legacy))
        day = http_param(req, legacy); /* the one box's date, to be split when sent again */
    struct govuk_date_part pd = {day, error && bad ? (bad & DAY ? GOVUK_TRUE : GOVUK_FALSE)
                                                   : GOVUK_UNSET};
    struct govuk_date_part pm = {http_param(req, arena_printf(a, "%s-month", prefix)),
                                 error && bad ? (bad & MONTH ? GOVUK_TRUE : GOVUK_FALSE)
                                              : GOVUK_UNSET};
    struct govuk_date_part py = {http_param(req, arena_printf(a, "%s-year", prefix)),
                                 error && bad ? (bad & YEAR ? GOVUK_TRUE : GOVUK_FALSE)
                                              : GOVUK_UNSET};
    govuk_date_input(h, &(struct govuk_date_input){.id = prefix,
                                                   .name_prefix = prefix,
                                                   .legend = legend,
                                                   .hint = hint,
                                                   .error = error,
                                                   .day = pd,
                                                   .month = pm,
                                                   .year = py});
}

/* --- text as typed ------------------------------------------------------------------------- */

void page_paragraphs(struct html *h, const char *text)
{
    const char *p = text ? text : "";
    while (*p) {
        p += strspn(p, "\r\n"); /* blank lines between paragraphs */
        if (!*p)
            break;
        html_raw(h, "<p class=\"govuk-body\">");
        bool first = true;
        /* Lines until a blank one (two line breaks, either style). */
        while (*p) {
            size_t n = strcspn(p, "\r\n");
            if (!first)
                html_raw(h, "<br>");
            html_f(h, "%s", arena_strndup(h->arena, p, n));
            first = false;
            p += n;
            if (*p == '\r' && p[1] == '\n')
                p += 2;
            else if (*p)
                p++;
            if (*p == '\n' || *p == '\r' || !*p)
                break;
        }
        html_raw(h, "</p>");
    }
}

const char *page_dmy(struct arena *a, kdate d)
{
    if (d == DATE_NONE)
        return "Not known";
    char buf[32];
    return arena_strdup(a, date_format_dmy(d, buf));
}

int page_store_failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    int status = kerr_http_status(rc) >= 500 ? kerr_http_status(rc) : 503;
    req->cause = rc;
    return http_error_page(req, res, status, "Sorry, there is a problem",
                           "The case records could not be read. Try again later.");
}

long page_number(const struct http_request *req)
{
    for (size_t i = 0; i < req->nquery; i++)
        if (!strcmp(req->query[i].name, "page")) {
            char *end;
            long v = strtol(req->query[i].value, &end, 10);
            return *end || v < 1 || v > 100000 ? 1 : v;
        }
    return 1;
}

void page_count_line(struct html *h, size_t offset, size_t n, int64_t total, const char *one,
                     const char *many)
{
    if (n == 0 && total > 0) /* a page past the end, from an old link */
        html_f(h, "<p class=\"govuk-body\">This page is past the end: there are %ld %s.</p>\n",
               (long)total, many);
    else if (total == 1 && n == 1)
        html_f(h, "<p class=\"govuk-body\">1 %s.</p>\n", one);
    else if (offset == 0 && (int64_t)n >= total)
        html_f(h, "<p class=\"govuk-body\">All %ld %s.</p>\n", (long)total, many);
    else if (offset == 0)
        html_f(h, "<p class=\"govuk-body\">The first %ld of %ld %s.</p>\n", (long)n, (long)total,
               many);
    else
        html_f(h, "<p class=\"govuk-body\">Showing %ld to %ld of %ld %s.</p>\n", (long)offset + 1,
               (long)(offset + n), (long)total, many);
}

void page_pagination(struct html *h, const char *href, long page, size_t per_page, int64_t total)
{
    long pages = per_page ? (long)((total + (int64_t)per_page - 1) / (int64_t)per_page) : 1;
    if (pages <= 1)
        return;
    html_raw(h, "<nav class=\"govuk-pagination\" aria-label=\"Pages\">\n");
    if (page > 1)
        html_f(h,
               "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
               "govuk-pagination__link\" href=\"%s?page=%ld\" rel=\"prev\"><span "
               "class=\"govuk-pagination__link-title\">Previous<span "
               "class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
               href, page - 1);
    html_f(h,
           "<ul class=\"govuk-pagination__list\"><li class=\"govuk-pagination__item "
           "govuk-pagination__item--current\"><a class=\"govuk-link govuk-pagination__link\" "
           "href=\"%s?page=%ld\" aria-label=\"Page %ld of %ld\" aria-current=\"page\">%ld of "
           "%ld</a></li></ul>\n",
           href, page, page, pages, page, pages);
    if (page < pages)
        html_f(h,
               "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
               "govuk-pagination__link\" href=\"%s?page=%ld\" rel=\"next\"><span "
               "class=\"govuk-pagination__link-title\">Next<span "
               "class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
               href, page + 1);
    html_raw(h, "</nav>\n");
}

static const char *say_missing(struct arena *a, const struct field *f, const struct field_error *e)
{
    (void)e;
    if (f->type == FIELD_BOOL)
        return arena_printf(a, "Select yes or no for %s", f->label);
    /* a choice from a list (a code, or an enum's vocabulary) is selected, not typed */
    return arena_printf(a, "%s the %s",
                        f->flags & FIELD_CODED || f->type == FIELD_ENUM ? "Select" : "Enter",
                        f->label);
}

static const char *say_future(struct arena *a, const struct field *f, const struct field_error *e)
{
    (void)e;
    return arena_printf(a, "%s must be today or in the past", page_sentence(a, f->label));
}

static const char *say_too_long(struct arena *a, const struct field *f, const struct field_error *e)
{
    (void)e;
    return f->max_len ? arena_printf(a, "%s must be %d characters or fewer",
                                     page_sentence(a, f->label), f->max_len)
                      : NULL;
}

/* What a good value is, as a web form may say it. The descriptions' words are written for
 * the command line too, where "('kith team list' shows their public ids)" is the way to
 * find one; on a page it is not, so such a parenthesis is left out, and an expectation
 * that still names a kith command (a setting only the operator can change) is not given
 * at all (NULL). */
static const char *web_expected(struct arena *a, const char *expected)
{
    size_t n = strlen(expected);
    char *out = arena_alloc(a, n + 1), *o = out;
    for (const char *p = expected; *p;) {
        const char *close = *p == '(' ? strchr(p, ')') : NULL;
        const char *kith = close ? strstr(p, "kith ") : NULL;
        if (kith && kith < close) {
            while (o > out && o[-1] == ' ')
                o--; /* the space before the parenthesis goes with it */
            p = close + 1;
            continue;
        }
        *o++ = *p++;
    }
    *o = '\0';
    return *out && !strstr(out, "kith ") ? out : NULL;
}

/* The check's range ("a whole number from 1 to 99", "a date from 1800 to 2100"). */
static const char *say_range(struct arena *a, const struct field *f, const struct field_error *e)
{
    const char *expected = web_expected(a, e->expected);
    return expected ? arena_printf(a, "%s must be %s", page_sentence(a, f->label), expected) : NULL;
}

/* A code the form did not offer (its options are the way to give one). */
static const char *say_choose(struct arena *a, const struct field *f, const struct field_error *e)
{
    (void)e;
    return f->flags & FIELD_CODED || f->type == FIELD_ENUM
               ? arena_printf(a, "Select the %s from the options given", f->label)
               : NULL;
}

static const char *say_not_here(struct arena *a, const struct field *f, const struct field_error *e)
{
    (void)e;
    return arena_printf(a, "Leave the %s empty: it is recorded only for %s", f->label,
                        f->applies_to ? f->applies_to : "some records");
}

/* A value another record holds where it must be the only one (an account's username). */
static const char *say_taken(struct arena *a, const struct field *f, const struct field_error *e)
{
    (void)e;
    return arena_printf(a, "That %s is taken", f->label);
}

/* The problems a form says in GOV.UK's words ("Enter the subject"), from the description's
 * field and what the check found; the rest keep the check's own sentence, which the API
 * and the command line give for all of them (page_field_message). */
static const struct {
    const char *problem;
    const char *(*say)(struct arena *a, const struct field *f, const struct field_error *e);
} form_words[] = {
    {"is missing", say_missing},
    {"is in the future", say_future},
    {"is too long", say_too_long},
    {"is out of range", say_range},
    {"is not a code we know", say_choose},
    {"is not a code (codes are written in capitals)", say_choose},
    {"is not a known value", say_choose},
    {"is given", say_not_here},
    {"is already taken", say_taken},
};

const char *page_field_message(struct arena *a, const struct field *f, const struct field_error *e)
{
    for (size_t i = 0; f && e->item < 0 && i < sizeof form_words / sizeof form_words[0]; i++) {
        const char *said =
            !strcmp(e->problem, form_words[i].problem) ? form_words[i].say(a, f, e) : NULL;
        if (said)
            return said;
    }
    const char *expected = web_expected(a, e->expected);
    if (expected && !strcmp(expected, e->expected))
        return arena_strdup(a, e->msg); /* nothing on it for the command line only */
    /* field_fail's sentence again, with the expectation as the page may give it */
    const char *what = e->item >= 0 ? arena_printf(a, " (number %d)", e->item + 1) : "";
    const char *value = e->value[0] ? arena_printf(a, " '%s'", e->value) : "";
    return arena_printf(a, "%s%s%s %s%s%s",
                        e->label && *e->label ? page_sentence(a, e->label) : "Value", what, value,
                        e->problem, expected ? ": expected " : "", expected ? expected : "");
}

void page_cw_errors(struct http_request *req, const struct field *fields, const struct cw_err *err,
                    const char *fallback)
{
    for (size_t i = 0; i < err->fields.n && req->nerrors < HTTP_FIELD_ERRORS_MAX; i++) {
        const struct field_error *fe = &err->fields.items[i];
        const char *name = fe->field;
        const struct field *f = fields ? field_find(fields, name) : NULL;
        if (f && f->type == FIELD_DATE)
            name = arena_printf(req->arena, "%s-day", name);
        req->errors[req->nerrors].field = arena_strdup(req->arena, name);
        req->errors[req->nerrors].message = page_field_message(req->arena, f, fe);
        req->nerrors++;
    }
    if (!err->fields.n && req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field =
            arena_strdup(req->arena, err->e.field[0] ? err->e.field : fallback);
        req->errors[req->nerrors].message = arena_strdup(req->arena, err->e.msg);
        req->nerrors++;
    }
}
