/*
 * Signing in and out. The sign-in page is also what a request without a live session
 * gets in place of the page it asked for (auth_page_unauthenticated, the router's hook):
 * the address stays, the form says why, and when the request was a form post from kith's
 * own pages its fields ride along hidden, so that after signing in the post is made as
 * it was meant to be. Typed work is never lost to a timeout.
 */
#include "http/pages.h"

#include <string.h>

#include "http/auth.h"
#include "http/govuk.h"
#include "http/page.h"

#define RESUME "resume."

/* A path of kith's own to go back to: "/" and segments of letters, digits, - and _.
 * Anything else (another host, "//evil", a backslash, a query) becomes "/". */
static const char *local_path(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || strlen(next) > 200)
        return "/";
    for (const char *p = next; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '/' || *p == '-' || *p == '_'))
            return "/";
    return next;
}

static bool is_resume(const char *name) { return strncmp(name, RESUME, sizeof RESUME - 1) == 0; }

/* Where the fields to carry come from: the post that found no session (every field but
 * its old token, renamed resume.*), or a sign-in post that carried them (its resume.*
 * fields as they are, and nothing of its own: never the username, never the password). */
enum carry { CARRY_NONE, CARRY_FROM_POST, CARRY_FROM_SIGN_IN };

static void carried_fields(struct html *h, const struct http_request *req, enum carry carry)
{
    for (size_t i = 0; carry != CARRY_NONE && i < req->nform; i++) {
        const char *name = req->form[i].name;
        if (carry == CARRY_FROM_SIGN_IN && is_resume(name))
            html_f(h, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name,
                   req->form[i].value);
        else if (carry == CARRY_FROM_POST && strcmp(name, "csrf") != 0 && !is_resume(name) &&
                 strcmp(name, "password") != 0)
            html_f(h, "<input type=\"hidden\" name=\"" RESUME "%s\" value=\"%s\">\n", name,
                   req->form[i].value);
    }
}

static void sign_in_form(struct html *h, const struct http_request *req, const char *next,
                         enum carry carry)
{
    html_raw(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
                "<h1 class=\"govuk-heading-l\">Sign in to kith</h1>\n"
                "<form method=\"post\" action=\"/sign-in\" novalidate>\n");
    html_f(h, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", next);
    /* The fields of a post that found no session: kept, never shown, posted again, for as
     * many tries at the password as it takes. */
    carried_fields(h, req, carry);
    /* The password is never sent back; the username is, so it need not be retyped. */
    const char *username = http_param(req, "username");
    govuk_input(h, &(struct govuk_field){.name = "username",
                                         .label = "Username",
                                         .error = page_error_text(req, "username"),
                                         .value = username ? username : "",
                                         .classes = "govuk-!-width-two-thirds",
                                         .autocomplete = "username",
                                         .spellcheck = GOVUK_FALSE});
    html_raw(h, "\n");
    govuk_input(h, &(struct govuk_field){.name = "password",
                                         .label = "Password",
                                         .error = page_error_text(req, "password"),
                                         .value = "",
                                         .classes = "govuk-!-width-two-thirds",
                                         .type = "password",
                                         .autocomplete = "current-password",
                                         .spellcheck = GOVUK_FALSE});
    html_raw(h, "\n");
    govuk_button(h, &(struct govuk_opts){.text = "Sign in"});
    html_raw(h, "\n</form>\n"
                "<p class=\"govuk-body\">If you have forgotten your password, ask your kith "
                "administrator to reset it.</p>\n</div></div>\n");
}

static int render_sign_in(struct http_request *req, struct http_response *res, int status,
                          const char *next, enum carry carry, const char *banner)
{
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "Sign in");
    if (banner) {
        govuk_notification_banner(&h, &(struct govuk_banner){.text = banner});
        html_raw(&h, "\n");
    }
    page_error_summary(&h, req);
    sign_in_form(&h, req, next, carry);
    return page_end(&h, res, status);
}

int auth_page_unauthenticated(struct http_app *app, struct http_request *req,
                              struct http_response *res)
{
    (void)app;
    /* Carry a post's fields only when it came from kith's own form (the router checked
     * the Origin before asking), so no other site can fill them in. */
    bool carry = req->method == HTTP_POST && req->nform > 0;
    const char *banner = NULL;
    if (req->session_ended)
        banner = carry ? "Your session has ended. Sign in again and what you were saving will "
                         "be saved."
                       : "Your session has ended. Sign in again to carry on.";
    else if (carry)
        banner = "Sign in and what you were saving will be saved.";
    /* 401 with the form: the address the person asked for stays in the bar. */
    return render_sign_in(req, res, 401, local_path(req->path),
                          carry ? CARRY_FROM_POST : CARRY_NONE, banner);
}

int page_sign_in_form(struct http_app *app, struct http_request *req, struct http_response *res)
{
    if (app->authenticate && app->authenticate(app, req))
        return page_redirect(res, "/");
    return render_sign_in(req, res, 200, "/", CARRY_NONE, NULL);
}

/* The name a carried field goes by on the page: its route's title for it, or its name. */
static const char *field_title(struct http_request *req, const char *name)
{
    for (const struct route_param *p = router_form_params(req); p && p->name; p++)
        if (strcmp(p->name, name) == 0 && p->title)
            return p->title;
    return name;
}

/* The carried post could not be made as this account (it may not, the record is gone or
 * out of its reach, or the store failed): say so, and give every field's text back to
 * copy, so that nothing typed is lost to the wrong account signing in. */
static int not_saved(struct http_request *req, struct http_response *res, int status,
                     const struct http_param *form, size_t n)
{
    struct html h;
    html_init(&h, req->arena);
    req->nerrors = 0;
    page_begin(&h, req, "What you typed has not been saved");
    html_raw(&h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
                 "<h1 class=\"govuk-heading-l\">What you typed has not been saved</h1>\n");
    if (status == 403)
        html_f(&h,
               "<p class=\"govuk-body\">You are signed in as %s, and this account cannot save "
               "it. Copy what you typed from below, or sign out and let the person who wrote it "
               "sign in.</p>\n",
               req->principal && req->principal->username ? req->principal->username : "");
    else if (status == 404)
        html_raw(&h, "<p class=\"govuk-body\">The record it was for cannot be found, or this "
                     "account cannot see it. Copy what you typed from below.</p>\n");
    else
        html_raw(&h, "<p class=\"govuk-body\">kith could not save it just now. Copy what you "
                     "typed from below and try again later.</p>\n");
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(form[i].name, "csrf") || !*form[i].value)
            continue;
        govuk_textarea(
            &h, &(struct govuk_field){
                    .name = arena_printf(req->arena, "copy-%zu", i),
                    .label = field_title(req, form[i].name),
                    .value = form[i].value,
                    .rows = strchr(form[i].value, '\n') || strlen(form[i].value) > 80 ? 8 : 1});
        html_raw(&h, "\n");
    }
    html_raw(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the kith home "
                 "page</a></p>\n</div></div>\n");
    return page_end(&h, res, status);
}

/* After signing in with a post carried along: make that post now, as the new session.
 * Saved (a redirect) or the form again with its errors and the text (422), the page
 * says so itself; any other refusal is answered by not_saved with the text. */
static int resume(struct http_app *app, struct http_request *req, struct http_response *res,
                  const char *next)
{
    size_t n = 0;
    struct http_param *form = arena_alloc(req->arena, (req->nform + 1) * sizeof *form);
    for (size_t i = 0; i < req->nform; i++)
        if (is_resume(req->form[i].name))
            form[n++] =
                (struct http_param){req->form[i].name + sizeof RESUME - 1, req->form[i].value};
    form[n++] = (struct http_param){"csrf", req->principal->csrf_token};
    req->form = form;
    req->nform = n;
    req->path = next;
    req->method = HTTP_POST;
    req->route = NULL;
    int status = router_dispatch(app, routes, req, res);
    if (status < 400 || status == 422)
        return status;
    return not_saved(req, res, status, form, n);
}

int page_sign_in(struct http_app *app, struct http_request *req, struct http_response *res)
{
    const char *next = local_path(http_param(req, "next"));
    bool carry = false;
    for (size_t i = 0; i < req->nform && !carry; i++)
        carry = is_resume(req->form[i].name);
    enum carry from = carry ? CARRY_FROM_SIGN_IN : CARRY_NONE;
    const char *banner = carry ? "Sign in and what you were saving will be saved." : NULL;
    if (req->nerrors)
        return render_sign_in(req, res, 422, next, from, banner);
    enum auth_result r =
        auth_sign_in(app, req, res, http_param(req, "username"), http_param(req, "password"));
    if (r == AUTH_OK)
        return carry ? resume(app, req, res, next) : page_redirect(res, next);
    if (r == AUTH_FAILED) /* the form again, with what it carries */
        return render_sign_in(req, res, 503, next, from,
                              "You could not be signed in just now. Try again in a minute.");
    req->errors[0].field = "username";
    req->errors[0].message = r == AUTH_THROTTLED
                                 ? "Too many attempts to sign in. Wait 15 minutes and try again"
                                 : "Enter a correct username and password";
    req->nerrors = 1;
    return render_sign_in(req, res, r == AUTH_THROTTLED ? 429 : 401, next, from, banner);
}

int page_sign_out(struct http_app *app, struct http_request *req, struct http_response *res)
{
    auth_sign_out(app, req, res);
    return page_redirect(res, "/signed-out");
}

int page_signed_out(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "You have signed out");
    html_raw(&h, "<h1 class=\"govuk-heading-l\">You have signed out</h1>\n"
                 "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Sign in "
                 "again</a></p>\n");
    return page_end(&h, res, 200);
}
