/*
 * Applying for a vacancy (issue 20 §2), with no account:
 *
 *   GET  /jobs/{id}/apply        the form: name, contact details, right to work, Social
 *                                Work England number, statement, CV, privacy notice
 *   POST /jobs/{id}/apply        multipart/form-data; the confirmation with the reference
 *                                and the private link, or the form again with each
 *                                problem beside its field (422)
 *   GET  /applications/{token}   the applicant's private link: where it stands
 *   POST /applications/{token}   withdraw it
 *
 * Abuse controls before anything is read: a limit per client address (the address the
 * transport gives, which behind --trusted-proxy is the proxy's X-Forwarded-For, as for
 * the sign-in throttle), answered 429 with Retry-After; and a honeypot field, hidden from
 * people (the `hidden` attribute) and filled by form-filling robots, answered 400. The
 * checks themselves are the use case's (casework/recruit.h); a refused application
 * stores nothing. The body may hold a CV: the route takes up to HTTP_APPLY_MAX.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework/recruit.h"
#include "core/crypto.h"
#include "core/date.h"
#include "core/random.h"
#include "core/xalloc.h"
#include "domain/codeset.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "store/store_rec.h"

/* --- the limit per address ------------------------------------------------------------ */

enum { LIMIT_SLOTS = 4096, LIMIT_PROBE = 8 };

struct limit_slot {
    uint64_t key; /* 0: empty */
    int64_t since;
    unsigned count;
};

struct apply_limit {
    pthread_mutex_t lock;
    unsigned char key[KCRYPTO_SHORTHASH_KEY];
    unsigned per_window;
    int64_t window_s;
    int64_t (*now)(void);
    struct limit_slot slots[LIMIT_SLOTS];
};

static int64_t wall_now(void) { return (int64_t)time(NULL); }

struct apply_limit *apply_limit_new(unsigned per_window, int64_t window_s, int64_t (*now)(void))
{
    struct apply_limit *l = xcalloc(1, sizeof *l);
    pthread_mutex_init(&l->lock, NULL);
    random_bytes(l->key, sizeof l->key);
    l->per_window = per_window;
    l->window_s = window_s;
    l->now = now ? now : wall_now;
    return l;
}

void apply_limit_free(struct apply_limit *l)
{
    if (!l)
        return;
    pthread_mutex_destroy(&l->lock);
    free(l);
}

/* Count one attempt from `ip`; 0 when it may go on, else the seconds until it may. The
 * hash is keyed, so nobody can choose addresses that share a probe; a full probe takes its
 * oldest slot, so a flood of addresses costs the flooder, not a steady applicant, most. */
static int64_t limit_hit(struct apply_limit *l, const char *ip)
{
    if (!l)
        return 0;
    uint64_t key = kcrypto_shorthash(l->key, ip, strlen(ip));
    key = key ? key : 1;
    int64_t t = l->now();
    pthread_mutex_lock(&l->lock);
    struct limit_slot *slot = NULL;
    for (unsigned i = 0; i < LIMIT_PROBE && (!slot || slot->key != key); i++) {
        struct limit_slot *s = &l->slots[(key + i) % LIMIT_SLOTS];
        if (s->key == key || !slot || s->key == 0 || s->since < slot->since)
            slot = s;
    }
    if (slot->key != key || t - slot->since >= l->window_s)
        *slot = (struct limit_slot){.key = key, .since = t};
    int64_t wait = slot->count >= l->per_window ? l->window_s - (t - slot->since) : 0;
    if (!wait)
        slot->count++;
    pthread_mutex_unlock(&l->lock);
    return wait;
}

/* --- the form ------------------------------------------------------------------------- */

static bool open_on(const struct vacancy *v, kdate today)
{
    return !v->closed && v->published_on <= today && v->closing_date >= today;
}

/* The vacancy the path names, if it takes applications; otherwise the answer is made
 * (404, or 410 for a closed one) and returned. */
static int vacancy_for(struct http_request *req, struct http_response *res, struct vacancy *v)
{
    struct kerr e = KERR_INIT;
    enum kerr_code rc =
        store_rec_find(req->store, &vacancy_type, req->path_args[0], req->arena, v, &e);
    kdate today = date_today();
    if (rc == KITH_E_NOT_FOUND || (!rc && v->published_on > today))
        return http_error_page(req, res, 404, "Page not found",
                               "There is no vacancy at this address. See the open vacancies at "
                               "/jobs.");
    if (rc) {
        req->cause = rc;
        return http_error_page(req, res, 503, "Sorry, there is a problem",
                               "The vacancy could not be read. Try again later.");
    }
    if (!open_on(v, today))
        return http_error_page(req, res, 410, "This vacancy has closed",
                               "It no longer takes applications. See the open vacancies at "
                               "/jobs.");
    return 0;
}

static const char *form_text(const struct http_request *req, const char *name)
{
    const char *v = http_param(req, name);
    return v ? v : "";
}

static void apply_form(struct html *h, struct http_request *req, const struct vacancy *v)
{
    html_f(h,
           "<form method=\"post\" action=\"/jobs/%s/apply\" enctype=\"multipart/form-data\" "
           "novalidate>\n",
           v->h.public_id);
    struct {
        const char *name, *label, *autocomplete, *type, *hint;
    } lines[] = {
        {"given_name", "First name", "given-name", NULL, NULL},
        {"family_name", "Last name", "family-name", NULL, NULL},
        {"email", "Email address", "email", "email",
         "We will only use this about your application"},
        {"phone", "Phone number (optional)", "tel", "tel", NULL},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        govuk_input(h, &(struct govuk_field){.name = lines[i].name,
                                             .label = lines[i].label,
                                             .hint = lines[i].hint,
                                             .type = lines[i].type,
                                             .autocomplete = lines[i].autocomplete,
                                             .spellcheck = GOVUK_FALSE,
                                             .value = form_text(req, lines[i].name),
                                             .error = page_error_text(req, lines[i].name)});
    const struct codeset *rtw = codeset_get(CS_JOB_RIGHT_TO_WORK);
    struct govuk_choice *items = arena_alloc(req->arena, (size_t)rtw->n * sizeof *items);
    for (int i = 0; i < rtw->n; i++)
        items[i] = (struct govuk_choice){rtw->codes[i].code, rtw->codes[i].label, NULL};
    govuk_radios(h, &(struct govuk_radios){.name = "right_to_work",
                                           .legend = "Do you have the right to work in the UK?",
                                           .legend_classes = "govuk-fieldset__legend--s",
                                           .error = page_error_text(req, "right_to_work"),
                                           .value = form_text(req, "right_to_work"),
                                           .items = items,
                                           .nitems = (size_t)rtw->n});
    govuk_input(h, &(struct govuk_field){
                       .name = "swe_number",
                       .label = v->needs_swe_registration
                                    ? "Social Work England registration number"
                                    : "Social Work England registration number (optional)",
                       .hint = v->needs_swe_registration
                                   ? "This role needs registration. As it is on the register, "
                                     "like SW123456"
                                   : "If you are registered. As it is on the register, like "
                                     "SW123456",
                       .classes = "govuk-input--width-10",
                       .spellcheck = GOVUK_FALSE,
                       .value = form_text(req, "swe_number"),
                       .error = page_error_text(req, "swe_number")});
    govuk_character_count(h,
                          &(struct govuk_field){.name = "statement",
                                                .label = "Supporting statement",
                                                .label_classes = "govuk-label--s",
                                                .hint = "Why you want this job and what you "
                                                        "bring to it, against the job's "
                                                        "description",
                                                .rows = 10,
                                                .value = form_text(req, "statement"),
                                                .error = page_error_text(req, "statement")},
                          10000);
    govuk_file_upload(
        h, &(struct govuk_field){.name = "cv",
                                 .label = "Your CV",
                                 .label_classes = "govuk-label--s",
                                 .hint = "A PDF or Word document (.docx), 2 MB or smaller",
                                 .accept = ".pdf,.docx,application/pdf,application/"
                                           "vnd.openxmlformats-officedocument.wordprocessingml."
                                           "document",
                                 .error = page_error_text(req, "cv")});
    html_raw(h, "<h2 class=\"govuk-heading-m\">How we use your information</h2>\n"
                "<p class=\"govuk-body\">The council uses what you give here only to consider "
                "you for this job: the recruiters and the managers who shortlist and interview "
                "read it, and each time they do it is recorded. We keep it for six months after "
                "the vacancy closes and then delete it, unless you are appointed, when it "
                "starts your staff record. You can withdraw your application at any time with "
                "the private link we give you after you apply.</p>\n");
    const bool seen[] = {*form_text(req, "privacy") != '\0'};
    const struct govuk_choice privacy[] = {{"yes", "I have read how my information is used", NULL}};
    govuk_checkboxes(h, &(struct govuk_radios){.name = "privacy",
                                               .legend = "Privacy notice",
                                               .legend_classes = "govuk-fieldset__legend--s",
                                               .error = page_error_text(req, "privacy"),
                                               .items = privacy,
                                               .nitems = 1,
                                               .checked = seen});
    /* The honeypot: never shown to a person, so only a robot fills it. */
    html_raw(h, "<div hidden><label for=\"website\">Leave this empty</label>"
                "<input id=\"website\" name=\"website\" type=\"text\" tabindex=\"-1\" "
                "autocomplete=\"off\"></div>\n");
    govuk_button(h, &(struct govuk_opts){.text = "Send application"});
    html_raw(h, "</form>\n");
}

static int form_page(struct http_request *req, struct http_response *res, const struct vacancy *v,
                     int status)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, arena_printf(req->arena, "Apply: %s", v->title));
    govuk_back_link(
        &h, &(struct govuk_opts){.text = "The vacancy",
                                 .href = arena_printf(req->arena, "/jobs/%s", v->h.public_id)});
    page_error_summary(&h, req);
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">Apply: "
           "%s</h1>\n",
           v->team, v->title);
    apply_form(&h, req, v);
    return page_end(&h, res, status);
}

int page_apply_form(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct vacancy v;
    int rc = vacancy_for(req, res, &v);
    return rc ? rc : form_page(req, res, &v, 200);
}

static struct actor applicant(const struct http_request *req)
{
    kdate today = date_today();
    return (struct actor){.user_id = 0,
                          .username = "(applicant)",
                          .role = "applicant",
                          .request_id = req->request_id,
                          .now = (int64_t)time(NULL),
                          .today = today};
}

static const struct http_file *file_named(const struct http_request *req, const char *field)
{
    for (size_t i = 0; i < req->nfiles; i++)
        if (!strcmp(req->files[i].field, field) && req->files[i].len)
            return &req->files[i];
    return NULL;
}

static const char *site(const struct http_app *app, const struct http_request *req)
{
    if (app->origin)
        return app->origin;
    return arena_printf(req->arena, "%s://%s", app->behind_tls ? "https" : "http",
                        req->host ? req->host : "localhost");
}

int page_apply(struct http_app *app, struct http_request *req, struct http_response *res)
{
    const char *ip = req->client_ip && *req->client_ip ? req->client_ip : "unknown";
    int64_t wait = limit_hit(app->apply_limit, ip);
    if (wait) {
        http_header_add(res, "Retry-After", arena_printf(req->arena, "%lld", (long long)wait));
        return http_error_page(req, res, 429, "Too many applications",
                               arena_printf(req->arena,
                                            "Too many applications have come from your "
                                            "connection. Try again in %lld minutes.",
                                            (long long)(wait + 59) / 60));
    }
    const char *pot = http_param(req, "website");
    if (pot && *pot)
        return http_error_page(req, res, 400, "Your application could not be sent",
                               "Go back, reload the page and try again.");
    if (req->body_too_large)
        return http_error_page(req, res, 413, "Your CV is too large",
                               "The most a CV can be is 2 MB. Go back and choose a smaller "
                               "file, for example a PDF saved with smaller images.");
    struct vacancy v;
    int rc = vacancy_for(req, res, &v);
    if (rc)
        return rc;
    struct application a = {0};
    a.given_name = http_param(req, "given_name");
    a.family_name = http_param(req, "family_name");
    a.email = http_param(req, "email");
    a.phone = http_param(req, "phone");
    a.statement = http_param(req, "statement");
    snprintf(a.right_to_work, sizeof a.right_to_work, "%s", form_text(req, "right_to_work"));
    const char *swe = form_text(req, "swe_number");
    if (strlen(swe) >= sizeof a.swe_number)
        snprintf(a.swe_number, sizeof a.swe_number, "SWX"); /* too long: refused as a format */
    else
        snprintf(a.swe_number, sizeof a.swe_number, "%s", swe);
    const struct http_file *f = file_named(req, "cv");
    struct cw_cv cv = {
        .filename = f ? f->filename : NULL, .data = f ? f->data : NULL, .len = f ? f->len : 0};
    struct actor who = applicant(req);
    struct cw_err err;
    cw_err_clear(&err);
    char token[KCRYPTO_TOKEN_TEXT];
    enum kerr_code erc = cw_apply(req->store, &who, v.h.public_id, &a, f ? &cv : NULL,
                                  *form_text(req, "privacy") != '\0', token, req->arena, &err);
    if (erc == KITH_E_INVALID) {
        page_cw_errors(req, NULL, &err, "given_name");
        return form_page(req, res, &v, 422);
    }
    if (erc == KITH_E_TOO_LARGE)
        return http_error_page(req, res, 413, "Your CV is too large",
                               "The most a CV can be is 2 MB. Go back and choose a smaller file.");
    if (erc) {
        req->cause = erc;
        return http_error_page(req, res, 503, "Sorry, there is a problem",
                               "Your application could not be saved. Try again later.");
    }
    const char *link = arena_printf(req->arena, "%s/applications/%s", site(app, req), token);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Application sent");
    html_f(&h,
           "<div class=\"govuk-panel govuk-panel--confirmation\">\n<h1 "
           "class=\"govuk-panel__title\">Application sent</h1>\n<div "
           "class=\"govuk-panel__body\">Your reference<br><strong>%s</strong></div>\n</div>\n",
           a.h.public_id);
    html_f(&h,
           "<p class=\"govuk-body\">Thank you for applying for %s, %s. The recruiters will "
           "contact you at %s.</p>\n",
           v.title, v.team, a.email);
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Your private link</h2>\n"
                 "<p class=\"govuk-body\">Keep this link: it shows where your application "
                 "stands and lets you withdraw it. Anyone with the link can do so, and we "
                 "cannot show it to you again.</p>\n");
    html_f(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">%s</a></p>\n", link,
           link);
    return page_end(&h, res, 200);
}

/* --- the private link ------------------------------------------------------------------ */

static int link_page(struct http_request *req, struct http_response *res,
                     const struct application *a, const struct vacancy *v, const char *token,
                     const char *banner)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Your application");
    if (banner)
        govuk_notification_banner(&h, &(struct govuk_banner){.text = banner, .success = true});
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">Your "
           "application</h1>\n",
           v->title);
    char sent[DATE_ISO_LEN], stage_on[DATE_ISO_LEN];
    date_format_iso((kdate)(a->h.created_at / 86400), sent);
    const struct govuk_summary_row rows[] = {
        {"Reference", a->h.public_id},
        {"Job", v->title},
        {"Team", v->team},
        {"Sent", sent},
        {"Stage", code_label(CS_JOB_STAGE, a->stage, 0)},
        {"Since", date_format_iso(a->stage_on, stage_on)},
    };
    govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = 6});
    if (!application_stage_final(a->stage)) {
        html_f(&h, "<form method=\"post\" action=\"/applications/%s\" novalidate>\n", token);
        html_raw(&h, "<input type=\"hidden\" name=\"withdraw\" value=\"yes\">\n");
        govuk_button(&h, &(struct govuk_opts){.text = "Withdraw my application",
                                              .classes = "govuk-button--warning"});
        html_raw(&h, "</form>\n");
    }
    return page_end(&h, res, 200);
}

static int link_failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found",
                               "This link does not name an application. Check you copied all "
                               "of it.");
    req->cause = rc;
    return http_error_page(req, res, 503, "Sorry, there is a problem",
                           "Your application could not be read. Try again later.");
}

int page_application_link(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct application a;
    struct vacancy v;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc =
        cw_application_by_link(req->store, req->path_args[0], req->arena, &a, &v, &err);
    if (rc)
        return link_failed(req, res, rc);
    return link_page(req, res, &a, &v, req->path_args[0], NULL);
}

int page_application_withdraw(struct http_app *app, struct http_request *req,
                              struct http_response *res)
{
    (void)app;
    struct application a;
    struct vacancy v;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = applicant(req);
    enum kerr_code rc = cw_withdraw(req->store, &who, req->path_args[0], req->arena, &a, &err);
    if (rc == KITH_E_CONFLICT)
        return http_error_page(req, res, 409, "Your application cannot be withdrawn",
                               arena_printf(req->arena, "%s.", err.e.msg));
    if (rc)
        return link_failed(req, res, rc);
    cw_err_clear(&err);
    rc = store_rec_get(req->store, &vacancy_type, a.h.parent_id, req->arena, &v, &err.e);
    if (rc)
        return link_failed(req, res, rc);
    return link_page(req, res, &a, &v, req->path_args[0], "Your application has been withdrawn");
}
