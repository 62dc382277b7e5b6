/*
 * The recruitment back office (issue 20 §3), for recruiters and team managers
 * (ROUTE_RECRUIT):
 *
 *   GET  /recruit                              every vacancy, newest first
 *   GET  /recruit/{type}/new, POST /recruit/{type}        a new vacancy (type: vacancy)
 *   GET  /recruit/{type}/{id}/edit, POST /recruit/{type}/{id}   correct it, with a reason
 *   GET  /recruit/vacancies/{id}               the vacancy and its applications
 *   POST /recruit/vacancies/{id}/close         close it to applications now
 *   GET  /recruit/applications/{id}            one application and its pipeline
 *   POST /recruit/applications/{id}/move       move it along the pipeline, with a note
 *   GET  /recruit/applications/{id}/cv         its CV, as a download
 *
 * The forms are the vacancy's description (pages_records.c draws them); the rules and
 * the audit rows are the use cases' (casework/recruit.h): every view of an application,
 * every list of a vacancy's applications and every CV download is a read row in the
 * audit trail, as for a child's record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/recruit.h"
#include "core/date.h"
#include "domain/field.h"
#include "domain/codeset.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"
#include "store/store_rec.h"

/* The pipeline move's form: its date is a GOV.UK date input, so its errors go beside the
 * day box. */
static const struct field move_fields[] = {{.name = "on", .type = FIELD_DATE}, {0}};

static int failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such record.");
    if (rc == KITH_E_FORBIDDEN)
        return http_error_page(req, res, 403, "You cannot see this page",
                               "Only recruiters and team managers see applications.");
    req->cause = rc;
    return http_error_page(req, res, 503, "Sorry, there is a problem with the service",
                           "Nothing was saved. Try again later.");
}

static const char *day(struct arena *a, kdate d)
{
    char buf[DATE_ISO_LEN];
    return d == DATE_NONE ? "" : arena_strdup(a, date_format_iso(d, buf));
}

static const char *status_of(const struct vacancy *v, kdate today)
{
    if (v->published_on > today)
        return "Not published yet";
    if (v->closed || v->closing_date < today)
        return "Closed";
    return "Open";
}

/* --- the vacancies ----------------------------------------------------------------------- */

int page_recruit(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct arena *a = req->arena;
    void *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_rec_list(req->store, &vacancy_type, &(struct rec_query){.limit = 200},
                                       a, &rows, &n, &total, &e);
    if (rc)
        return failed(req, res, rc);
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, "Recruitment");
    html_raw(&h, "<h1 class=\"govuk-heading-l\">Recruitment</h1>\n"
                 "<a class=\"govuk-button\" href=\"/recruit/vacancy/new\">New vacancy</a>\n");
    html_f(&h, "<p class=\"govuk-body\">The newest %ld of %ld vacancies.</p>\n", (long)n,
           (long)total);
    html_raw(&h, "<table class=\"govuk-table\"><thead class=\"govuk-table__head\"><tr "
                 "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
                 "Vacancy</th><th scope=\"col\" class=\"govuk-table__header\">Team</th><th "
                 "scope=\"col\" class=\"govuk-table__header\">Closing date</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">Status</th></tr></thead>\n<tbody "
                 "class=\"govuk-table__body\">\n");
    kdate today = date_today();
    for (size_t i = 0; i < n; i++) {
        const struct vacancy *v = (const struct vacancy *)rows + i;
        html_f(&h,
               "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a "
               "class=\"govuk-link\" href=\"/recruit/vacancies/%s\">%s</a></td><td "
               "class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td><td "
               "class=\"govuk-table__cell\">%s</td></tr>\n",
               v->h.public_id, v->title, v->team, day(a, v->closing_date), status_of(v, today));
    }
    html_raw(&h, "</tbody></table>\n");
    return page_end(&h, res, 200);
}

/* The {type} of a vacancy form: only vacancies are written here. */
static bool vacancy_path(const struct http_request *req)
{
    return !strcmp(req->path_args[0], vacancy_type.name);
}

/* The vacancy's form: new when `v` is NULL or has no version yet, else a correction. */
static int vacancy_form(struct http_request *req, struct http_response *res,
                        const struct vacancy *v, int status)
{
    const char *title = "New vacancy", *action = "/recruit/vacancy", *button = "Publish";
    int version = 0;
    if (v && v->h.version) {
        title = "Correct the vacancy";
        action = arena_printf(req->arena, "/recruit/vacancy/%s", v->h.public_id);
        button = "Save the correction";
        version = v->h.version;
    }
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, title);
    govuk_back_link(&h, &(struct govuk_opts){.text = "Recruitment", .href = "/recruit"});
    page_error_summary(&h, req);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    page_rec_form(&h, req, &vacancy_type, action, v, version, button);
    return page_end(&h, res, status);
}

int page_recruit_vacancy_new(struct http_app *app, struct http_request *req,
                             struct http_response *res)
{
    (void)app;
    if (!vacancy_path(req))
        return failed(req, res, KITH_E_NOT_FOUND);
    return vacancy_form(req, res, NULL, 200);
}

int page_recruit_vacancy_add(struct http_app *app, struct http_request *req,
                             struct http_response *res)
{
    (void)app;
    if (!vacancy_path(req))
        return failed(req, res, KITH_E_NOT_FOUND);
    struct vacancy v = {0};
    page_rec_read(req, &vacancy_type, &v);
    if (req->nerrors)
        return vacancy_form(req, res, &v, 422);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_add(req->store, &who, &vacancy_type, &v, &err);
    if (rc == KITH_E_INVALID) {
        page_cw_errors(req, vacancy_type.fields, &err, "version");
        return vacancy_form(req, res, &v, 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, arena_printf(req->arena, "/recruit/vacancies/%s", v.h.public_id));
}

int page_recruit_vacancy_edit(struct http_app *app, struct http_request *req,
                              struct http_response *res)
{
    (void)app;
    if (!vacancy_path(req))
        return failed(req, res, KITH_E_NOT_FOUND);
    struct vacancy v;
    struct kerr e = KERR_INIT;
    enum kerr_code rc =
        store_rec_find(req->store, &vacancy_type, req->path_args[1], req->arena, &v, &e);
    return rc ? failed(req, res, rc) : vacancy_form(req, res, &v, 200);
}

/* A correction of vacancy `v` as the person wrote it (`v` holds the new values). */
static int correct(struct http_request *req, struct http_response *res, struct vacancy *v)
{
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_correct(req->store, &who, &vacancy_type, v, req->arena, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_CONFLICT) {
        page_cw_errors(req, vacancy_type.fields, &err, "version");
        return vacancy_form(req, res, v, rc == KITH_E_CONFLICT ? 409 : 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, arena_printf(req->arena, "/recruit/vacancies/%s", v->h.public_id));
}

int page_recruit_vacancy_correct(struct http_app *app, struct http_request *req,
                                 struct http_response *res)
{
    (void)app;
    if (!vacancy_path(req))
        return failed(req, res, KITH_E_NOT_FOUND);
    struct vacancy v;
    struct kerr e = KERR_INIT;
    enum kerr_code rc =
        store_rec_find(req->store, &vacancy_type, req->path_args[1], req->arena, &v, &e);
    if (rc)
        return failed(req, res, rc);
    struct vacancy edited = {.h = v.h};
    page_rec_read(req, &vacancy_type, &edited);
    const char *version = http_param(req, "version");
    edited.h.version = version ? (int)strtol(version, NULL, 10) : 0;
    edited.h.reason = http_param(req, "reason");
    if (req->nerrors)
        return vacancy_form(req, res, &edited, 422);
    return correct(req, res, &edited);
}

int page_recruit_vacancy_close(struct http_app *app, struct http_request *req,
                               struct http_response *res)
{
    (void)app;
    struct vacancy v;
    struct kerr e = KERR_INIT;
    enum kerr_code rc =
        store_rec_find(req->store, &vacancy_type, req->path_args[0], req->arena, &v, &e);
    if (rc)
        return failed(req, res, rc);
    v.closed = true;
    v.h.reason = "closed to applications by the recruiter";
    return correct(req, res, &v);
}

/* --- a vacancy's applications ------------------------------------------------------------ */

int page_recruit_vacancy(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct arena *a = req->arena;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct vacancy v;
    struct application *apps;
    size_t n;
    enum kerr_code rc =
        cw_applications(req->store, &who, req->path_args[0], a, &v, &apps, &n, &err);
    if (rc)
        return failed(req, res, rc);
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, v.title);
    govuk_back_link(&h, &(struct govuk_opts){.text = "Recruitment", .href = "/recruit"});
    html_f(&h, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
           v.team, v.title);
    kdate today = date_today();
    const char *hire = "No one appointed yet";
    for (size_t i = 0; i < n; i++) {
        int64_t days = cw_days_to_hire(&v, &apps[i]);
        if (days >= 0)
            hire = arena_printf(a, "%lld days from publication to appointment", (long long)days);
    }
    const struct govuk_summary_row rows[] = {
        {"Status", status_of(&v, today)},
        {"Published", day(a, v.published_on)},
        {"Closing date", day(a, v.closing_date)},
        {"Applications", arena_printf(a, "%zu", n)},
        {"Time to hire", hire},
    };
    govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = 5});
    html_f(&h,
           "<div class=\"govuk-button-group\"><a class=\"govuk-button govuk-button--secondary\" "
           "href=\"/recruit/vacancy/%s/edit\">Correct the vacancy</a>",
           v.h.public_id);
    if (!v.closed) {
        html_f(&h, "<form method=\"post\" action=\"/recruit/vacancies/%s/close\">", v.h.public_id);
        page_csrf(&h, req);
        govuk_button(&h, &(struct govuk_opts){.text = "Close to applications",
                                              .classes = "govuk-button--warning"});
        html_raw(&h, "</form>");
    }
    html_raw(&h, "</div>\n<h2 class=\"govuk-heading-m\">Applications</h2>\n");
    if (!n)
        html_raw(&h, "<p class=\"govuk-body\">No applications yet.</p>\n");
    else {
        html_raw(&h, "<table class=\"govuk-table\"><thead class=\"govuk-table__head\"><tr "
                     "class=\"govuk-table__row\"><th scope=\"col\" "
                     "class=\"govuk-table__header\">Applicant</th><th scope=\"col\" "
                     "class=\"govuk-table__header\">Stage</th><th scope=\"col\" "
                     "class=\"govuk-table__header\">Since</th></tr></thead>\n<tbody "
                     "class=\"govuk-table__body\">\n");
        for (size_t i = 0; i < n; i++)
            html_f(&h,
                   "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a "
                   "class=\"govuk-link\" href=\"/recruit/applications/%s\">%s %s</a></td><td "
                   "class=\"govuk-table__cell\">%s</td><td "
                   "class=\"govuk-table__cell\">%s</td></tr>\n",
                   apps[i].h.public_id, apps[i].given_name, apps[i].family_name,
                   code_label(CS_JOB_STAGE, apps[i].stage, 0), day(a, apps[i].stage_on));
        html_raw(&h, "</tbody></table>\n");
    }
    return page_end(&h, res, 200);
}

/* --- one application ---------------------------------------------------------------------- */

/* The team an appointment joins, chosen from the teams (the vacancy's named team first
 * when one has its name): the vacancy says it in words for applicants. */
static void team_select(struct html *h, struct http_request *req, const struct vacancy *v)
{
    struct team *teams = NULL;
    size_t n = 0;
    struct kerr e = KERR_INIT;
    if (store_team_list(req->store, req->arena, &teams, &n, &e))
        n = 0;
    struct govuk_option *opts = arena_alloc(req->arena, (n + 1) * sizeof *opts);
    opts[0] = (struct govuk_option){"", "Choose a team"};
    for (size_t i = 0; i < n; i++)
        opts[i + 1] = (struct govuk_option){teams[i].public_id, teams[i].name};
    const struct team *named = cw_vacancy_team(v, teams, n);
    const char *chosen = http_param(req, "team");
    govuk_select(h, &(struct govuk_field){
                        .name = "team",
                        .label = "Team the new worker joins",
                        .label_classes = "govuk-label--s",
                        .hint = "Only when appointing: their worker record is made in this team",
                        .error = page_error_text(req, "team"),
                        .value = chosen  ? chosen
                                 : named ? named->public_id
                                         : "",
                        .options = opts,
                        .noptions = n + 1});
}

static int application_page(struct http_request *req, struct http_response *res,
                            const struct application *app, const struct vacancy *v,
                            const struct application *hist, size_t nhist, int status)
{
    struct arena *a = req->arena;
    struct html h;
    html_init(&h, a);
    page_begin(&h, req, arena_printf(a, "%s %s", app->given_name, app->family_name));
    govuk_back_link(
        &h, &(struct govuk_opts){.text = v->title,
                                 .href = arena_printf(a, "/recruit/vacancies/%s", v->h.public_id)});
    page_error_summary(&h, req);
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s %s</h1>\n",
           v->title, app->given_name, app->family_name);
    const struct govuk_summary_row rows[] = {
        {"Reference", app->h.public_id},
        {"Stage", code_label(CS_JOB_STAGE, app->stage, 0)},
        {"Since", day(a, app->stage_on)},
        {"Email", app->email},
        {"Phone", app->phone ? app->phone : ""},
        {"Right to work", code_label(CS_JOB_RIGHT_TO_WORK, app->right_to_work, 0)},
        {"Social Work England number", app->swe_number[0] ? app->swe_number : "None given"},
    };
    govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = 7});
    html_f(&h,
           "<p class=\"govuk-body\"><a class=\"govuk-link\" "
           "href=\"/recruit/applications/%s/cv\" download>Download the CV</a> (%s, %ld KB)</p>\n",
           app->h.public_id, app->cv_kind, (long)((app->cv_size + 1023) / 1024));
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Supporting statement</h2>\n");
    page_paragraphs(&h, app->statement);
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Pipeline</h2>\n<ol class=\"govuk-list "
                 "govuk-list--number\">\n");
    for (size_t i = 0; i < nhist; i++)
        html_f(&h, "<li>%s on %s%s%s</li>\n", code_label(CS_JOB_STAGE, hist[i].stage, 0),
               day(a, hist[i].stage_on), hist[i].h.reason ? ": " : "",
               hist[i].h.reason ? hist[i].h.reason : "");
    html_raw(&h, "</ol>\n");
    if (!application_stage_final(app->stage)) {
        html_f(&h, "<form method=\"post\" action=\"/recruit/applications/%s/move\" novalidate>\n",
               app->h.public_id);
        page_csrf(&h, req);
        html_f(&h, "<input type=\"hidden\" name=\"version\" value=\"%d\">\n", app->h.version);
        const struct codeset *cs = codeset_get(CS_JOB_STAGE);
        struct govuk_choice *items = arena_alloc(a, (size_t)cs->n * sizeof *items);
        size_t k = 0;
        for (int i = 0; i < cs->n; i++)
            if (application_move_ok(app->stage, cs->codes[i].code))
                items[k++] = (struct govuk_choice){cs->codes[i].code, cs->codes[i].label, NULL};
        govuk_radios(&h, &(struct govuk_radios){.name = "stage",
                                                .legend = "Move to",
                                                .legend_classes = "govuk-fieldset__legend--m",
                                                .error = page_error_text(req, "stage"),
                                                .value = http_param(req, "stage"),
                                                .items = items,
                                                .nitems = k});
        if (application_move_ok(app->stage, "appointed"))
            team_select(&h, req, v);
        page_date_input(&h, req, "on", NULL, "When did it happen?", NULL);
        govuk_textarea(&h, &(struct govuk_field){.name = "note",
                                                 .label = "Note",
                                                 .label_classes = "govuk-label--s",
                                                 .hint = "Why, and anything the panel should "
                                                         "know. Kept with the pipeline.",
                                                 .rows = 3,
                                                 .value = http_param(req, "note"),
                                                 .error = page_error_text(req, "note")});
        govuk_button(&h, &(struct govuk_opts){.text = "Move the application"});
        html_raw(&h, "</form>\n");
    }
    return page_end(&h, res, status);
}

static int show(struct http_request *req, struct http_response *res, const char *ref, int status)
{
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct application app, *hist = NULL;
    struct vacancy v;
    size_t nhist = 0;
    enum kerr_code rc =
        cw_application_view(req->store, &who, ref, req->arena, &app, &v, &hist, &nhist, &err);
    if (rc)
        return failed(req, res, rc);
    return application_page(req, res, &app, &v, hist, nhist, status);
}

int page_recruit_application(struct http_app *app, struct http_request *req,
                             struct http_response *res)
{
    (void)app;
    return show(req, res, req->path_args[0], 200);
}

int page_recruit_application_move(struct http_app *app, struct http_request *req,
                                  struct http_response *res)
{
    (void)app;
    kdate on = DATE_NONE;
    page_date_read(req, "on", NULL, "the date", true, true, &on);
    const char *version = http_param(req, "version");
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct application out;
    struct worker w;
    enum kerr_code rc = KITH_OK;
    if (!req->nerrors)
        rc = cw_application_move(req->store, &who, req->path_args[0],
                                 version ? (int)strtol(version, NULL, 10) : 0,
                                 http_param(req, "stage"), on, http_param(req, "note"),
                                 http_param(req, "team"), req->arena, &out, &w, &err);
    if (req->nerrors || rc == KITH_E_INVALID || rc == KITH_E_CONFLICT) {
        if (rc)
            page_cw_errors(req, move_fields, &err, "stage");
        return show(req, res, req->path_args[0], rc == KITH_E_CONFLICT ? 409 : 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res,
                         arena_printf(req->arena, "/recruit/applications/%s", out.h.public_id));
}

int page_recruit_cv(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    struct application a;
    const void *data;
    size_t len;
    enum kerr_code rc =
        cw_application_cv(req->store, &who, req->path_args[0], req->arena, &a, &data, &len, &err);
    if (rc)
        return failed(req, res, rc);
    bool pdf = !strcmp(a.cv_kind, "pdf");
    /* A name of kith's making (the applicant's is theirs to choose, and a header is no
     * place for it); always a download, never shown in kith's own origin. */
    http_header_add(res, "Content-Disposition",
                    arena_printf(req->arena, "attachment; filename=\"cv-%s.%s\"", a.h.public_id,
                                 pdf ? "pdf" : "docx"));
    http_body(res, 200,
              pdf ? "application/pdf"
                  : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              data, len);
    return 200;
}
