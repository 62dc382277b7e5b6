/*
 * User administration for administrators: the accounts with their role and status, adding
 * one (with a generated password shown once, never stored in the clear or sent again),
 * disabling and enabling (disabling ends every session at once) and resetting a
 * password. The same checks as `kith user`; each change is an audit row in its
 * transaction.
 */
#include "http/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/crypto.h"
#include "domain/codeset.h"
#include "domain/password.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/web_audit.h"
#include "store/store.h"

static int failed(struct http_request *req, struct http_response *res)
{
    return http_error_page(req, res, 503, "Sorry, there is a problem",
                           "The accounts could not be read or changed. Try again later.");
}

static void add_error(struct http_request *req, const char *field, const char *message)
{
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = field;
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
}

/* The page: an optional banner (a new password, shown once), the add form, the list. */
static int render(struct http_request *req, struct http_response *res, int status,
                  const char *banner_title, const char *banner)
{
    struct user *users;
    size_t n;
    struct kerr e = KERR_INIT;
    enum kerr_code rc = store_user_list(req->store, req->arena, &users, &n, &e);
    if (rc)
        return failed(req, res);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "User accounts");
    if (banner)
        html_f(&h,
               "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
               "role=\"alert\" aria-labelledby=\"banner-title\" "
               "data-module=\"govuk-notification-banner\"><div "
               "class=\"govuk-notification-banner__header\"><h2 "
               "class=\"govuk-notification-banner__title\" id=\"banner-title\">Success</h2></div>"
               "<div class=\"govuk-notification-banner__content\"><p "
               "class=\"govuk-notification-banner__heading\">%s</p><p class=\"govuk-body\">%s</p>"
               "</div></div>\n",
               banner_title, banner);
    page_error_summary(&h, req);
    html_raw(&h, "<h1 class=\"govuk-heading-l\">User accounts</h1>\n"
                 "<h2 class=\"govuk-heading-m\">Add an account</h2>\n"
                 "<form method=\"post\" action=\"/admin/users\" novalidate>\n");
    page_csrf(&h, req);
    const char *uname = http_param(req, "username");
    bool uerr = false;
    for (size_t i = 0; i < req->nerrors; i++)
        uerr = uerr || !strcmp(req->errors[i].field, "username");
    html_f(&h,
           "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"username\">"
           "Username</label>\n",
           uerr ? " govuk-form-group--error" : "");
    page_field_error(&h, req, "username");
    html_f(&h,
           "<input class=\"govuk-input govuk-!-width-one-half%s\" id=\"username\" "
           "name=\"username\" type=\"text\" spellcheck=\"false\" autocomplete=\"off\" "
           "value=\"%s\"></div>\n",
           uerr ? " govuk-input--error" : "", uname ? uname : "");
    const char *role = http_param(req, "role");
    html_raw(&h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"role\">Role"
                 "</label>\n<select class=\"govuk-select\" id=\"role\" name=\"role\">\n");
    for (int r = 0; r < UROLE_COUNT; r++)
        html_f(&h, "<option value=\"%s\"%s>%s</option>\n", vocab_code(CS_USER_ROLE, r),
               role && !strcmp(role, vocab_code(CS_USER_ROLE, r)) ? " selected" : "",
               vocab_label(CS_USER_ROLE, r));
    const char *worker = http_param(req, "worker");
    bool werr = false;
    for (size_t i = 0; i < req->nerrors; i++)
        werr = werr || !strcmp(req->errors[i].field, "worker");
    html_f(&h,
           "</select></div>\n<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
           "for=\"worker\">Worker (optional)</label><div id=\"worker-hint\" "
           "class=\"govuk-hint\">Their worker public id or Social Work England registration, "
           "for a case-holding account</div>\n",
           werr ? " govuk-form-group--error" : "");
    page_field_error(&h, req, "worker");
    html_f(&h,
           "<input class=\"govuk-input govuk-!-width-one-third%s\" id=\"worker\" name=\"worker\" "
           "type=\"text\" spellcheck=\"false\" aria-describedby=\"worker-hint\" value=\"%s\">"
           "</div>\n",
           werr ? " govuk-input--error" : "", worker ? worker : "");
    govuk_button(&h, &(struct govuk_opts){.text = "Add account"});
    html_raw(&h, "\n</form>\n");
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Accounts</h2>\n<table class=\"govuk-table\">"
                 "<caption class=\"govuk-table__caption govuk-visually-hidden\">Accounts"
                 "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                 "<th scope=\"col\" class=\"govuk-table__header\">Username</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">Role</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">Status</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">Actions</th></tr></thead>\n<tbody "
                 "class=\"govuk-table__body\">\n");
    for (size_t i = 0; i < n; i++) {
        const struct user *u = &users[i];
        html_f(&h,
               "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%s"
               "</th><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s"
               "</td><td class=\"govuk-table__cell\"><form method=\"post\" "
               "action=\"/admin/users/%ld/%s\" class=\"govuk-!-display-inline\">",
               u->username, vocab_label(CS_USER_ROLE, (int)u->role),
               u->disabled ? "Disabled" : "Active", (long)u->id,
               u->disabled ? "enable" : "disable");
        page_csrf(&h, req);
        html_f(&h,
               "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
               "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">%s<span "
               "class=\"govuk-visually-hidden\"> %s</span></button></form> <form method=\"post\" "
               "action=\"/admin/users/%ld/reset\" class=\"govuk-!-display-inline\">",
               u->disabled ? "Enable" : "Disable", u->username, (long)u->id);
        page_csrf(&h, req);
        html_f(&h,
               "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
               "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Reset password<span "
               "class=\"govuk-visually-hidden\"> for %s</span></button></form></td></tr>\n",
               u->username);
    }
    html_raw(&h, "</tbody></table>\n");
    return page_end(&h, res, status);
}

int page_admin_users(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    return render(req, res, 200, NULL, NULL);
}

/* Hash a new generated password for the account; the text goes back to the page once. */
static bool new_password(char pw[96], char hash[KCRYPTO_PWHASH_LEN])
{
    password_generate(pw, 96);
    return kcrypto_password_hash(pw, hash, NULL) == KITH_OK;
}

int page_admin_user_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    const char *role = http_param(req, "role"), *worker = http_param(req, "worker");
    int r = role ? code_index(CS_USER_ROLE, role, strlen(role)) : -1;
    if (r < 0)
        add_error(req, "role", "Select a role");
    if (req->nerrors)
        return render(req, res, 422, NULL, NULL);
    struct user u = {
        .username = http_param(req, "username"), .role = (enum user_role)r, .created = DATE_NONE};
    char pw[96], hash[KCRYPTO_PWHASH_LEN];
    if (!new_password(pw, hash))
        return failed(req, res);
    struct kerr e = KERR_INIT;
    enum kerr_code rc = KITH_OK;
    if (worker && *worker) {
        struct worker w;
        rc = store_worker_find(req->store, worker, req->arena, &w, &e);
        u.worker_id = w.id;
    }
    if (rc == KITH_E_NOT_FOUND)
        add_error(req, "worker", "There is no worker with that id or registration");
    if (!rc)
        rc = store_begin(req->store, &e);
    if (!rc) {
        rc = store_user_add(req->store, &u, &e);
        if (!rc)
            rc = store_user_set_password(req->store, u.id, hash, &e);
        rc = web_change_done(app, req, rc, 0, "user-add", u.username, &e);
        if (rc) {
            if (rc == KITH_E_CONFLICT || rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE)
                add_error(req, "username",
                          rc == KITH_E_CONFLICT ? "That username is taken"
                                                : "Enter a username of up to 64 characters");
        }
    }
    if (req->nerrors)
        return render(req, res, 422, NULL, NULL);
    if (rc)
        return failed(req, res);
    return render(req, res, 200, arena_printf(req->arena, "%s can now sign in", u.username),
                  arena_printf(req->arena,
                               "Their password is %s. Give it to them privately: it is not "
                               "shown again.",
                               pw));
}

/* Disable, enable or reset the account `{id}`. */
static int change(struct http_app *app, struct http_request *req, struct http_response *res,
                  const char *what)
{
    long id = strtol(req->path_args[0], NULL, 10);
    struct user *users;
    size_t n;
    struct kerr e = KERR_INIT;
    char pw[96], hash[KCRYPTO_PWHASH_LEN];
    bool reset = !strcmp(what, "reset");
    if (reset && !new_password(pw, hash))
        return failed(req, res);
    enum kerr_code rc = store_user_list(req->store, req->arena, &users, &n, &e);
    const struct user *u = NULL;
    for (size_t i = 0; !rc && i < n; i++)
        if (users[i].id == id)
            u = &users[i];
    if (!rc && !u)
        rc = KITH_E_NOT_FOUND;
    if (!rc)
        rc = store_begin(req->store, &e);
    if (!rc) {
        /* A reset ends the account's sessions (whoever knew the old password is out),
         * except the one making the reset when administrators reset their own. */
        if (reset) {
            rc = store_user_set_password(req->store, u->id, hash, &e);
            if (!rc)
                rc = store_session_end_user(req->store, u->id, req->principal->session_id,
                                            (int64_t)time(NULL), &e);
        } else
            rc = store_user_set_disabled(req->store, u->id, !strcmp(what, "disable"),
                                         (int64_t)time(NULL), &e);
        rc = web_change_done(app, req, rc, 0, arena_printf(req->arena, "user-%s", what),
                             u->username, &e);
    }
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such account.");
    if (rc)
        return failed(req, res);
    if (reset)
        return render(
            req, res, 200, arena_printf(req->arena, "New password for %s", u->username),
            arena_printf(req->arena, "It is %s. %s", pw,
                         u->id == req->principal->user_id
                             ? "It is not shown again. Your other sessions have ended."
                             : "Give it to them privately: it is not shown again. They have "
                               "been signed out everywhere."));
    return render(
        req, res, 200,
        arena_printf(req->arena, "%s is %s", u->username,
                     !strcmp(what, "disable") ? "disabled and signed out everywhere" : "enabled"),
        "");
}

int page_admin_user_disable(struct http_app *app, struct http_request *req,
                            struct http_response *res)
{
    return change(app, req, res, "disable");
}

int page_admin_user_enable(struct http_app *app, struct http_request *req,
                           struct http_response *res)
{
    return change(app, req, res, "enable");
}

int page_admin_user_reset(struct http_app *app, struct http_request *req, struct http_response *res)
{
    return change(app, req, res, "reset");
}
