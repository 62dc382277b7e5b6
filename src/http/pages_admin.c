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

static int failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    req->cause = rc;
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
        return failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, "User accounts");
    if (banner) {
        govuk_notification_banner(
            &h, &(struct govuk_banner){.text = banner_title, .body = banner, .success = true});
        html_raw(&h, "\n");
    }
    page_error_summary(&h, req);
    html_raw(&h, "<h1 class=\"govuk-heading-l\">User accounts</h1>\n"
                 "<h2 class=\"govuk-heading-m\">Add an account</h2>\n"
                 "<form method=\"post\" action=\"/admin/users\" novalidate>\n");
    page_csrf(&h, req);
    const char *uname = http_param(req, "username");
    govuk_input(&h, &(struct govuk_field){.name = "username",
                                          .label = "Username",
                                          .error = page_error_text(req, "username"),
                                          .value = uname ? uname : "",
                                          .classes = "govuk-!-width-one-half",
                                          .autocomplete = "off",
                                          .spellcheck = GOVUK_FALSE});
    html_raw(&h, "\n");
    struct govuk_option roles[UROLE_COUNT];
    for (int r = 0; r < UROLE_COUNT; r++)
        roles[r] = (struct govuk_option){vocab_code(CS_USER_ROLE, r), vocab_label(CS_USER_ROLE, r)};
    govuk_select(&h, &(struct govuk_field){.name = "role",
                                           .label = "Role",
                                           .error = page_error_text(req, "role"),
                                           .value = http_param(req, "role"),
                                           .options = roles,
                                           .noptions = UROLE_COUNT});
    html_raw(&h, "\n");
    const char *worker = http_param(req, "worker");
    govuk_input(&h, &(struct govuk_field){.name = "worker",
                                          .label = "Worker (optional)",
                                          .hint = "Their worker public id or Social Work England "
                                                  "registration, for a case-holding account",
                                          .error = page_error_text(req, "worker"),
                                          .value = worker ? worker : "",
                                          .classes = "govuk-!-width-one-third",
                                          .spellcheck = GOVUK_FALSE});
    html_raw(&h, "\n");
    govuk_button(&h, &(struct govuk_opts){.text = "Add account"});
    html_raw(&h, "\n</form>\n");
    html_raw(&h, "<h2 class=\"govuk-heading-m\">Accounts</h2>\n");
    static const struct govuk_cell head[] = {
        {.text = "Username"}, {.text = "Role"}, {.text = "Status"}, {.text = "Actions"}};
    govuk_table_begin(&h, &(struct govuk_table){.caption = "Accounts",
                                                .caption_classes = "govuk-visually-hidden",
                                                .head = head,
                                                .nhead = sizeof head / sizeof head[0]});
    for (size_t i = 0; i < n; i++) {
        const struct user *u = &users[i];
        govuk_table_row_begin(&h);
        govuk_table_cell(&h, &(struct govuk_cell){.text = u->username}, true);
        govuk_table_cell(&h, &(struct govuk_cell){.text = vocab_label(CS_USER_ROLE, (int)u->role)},
                         false);
        govuk_table_cell(&h, &(struct govuk_cell){.text = u->disabled ? "Disabled" : "Active"},
                         false);
        /* Two small forms: each change is a post with the CSRF token. */
        govuk_table_cell_begin(&h, &(struct govuk_cell){0}, false);
        html_f(&h,
               "<form method=\"post\" action=\"/admin/users/%ld/%s\" "
               "class=\"govuk-!-display-inline\">",
               (long)u->id, u->disabled ? "enable" : "disable");
        page_csrf(&h, req);
        govuk_button(
            &h, &(struct govuk_opts){.text = u->disabled ? "Enable" : "Disable",
                                     .hidden_text = arena_printf(req->arena, " %s", u->username),
                                     .classes = "govuk-button--secondary govuk-!-margin-bottom-0"});
        html_f(&h,
               "</form> <form method=\"post\" action=\"/admin/users/%ld/reset\" "
               "class=\"govuk-!-display-inline\">",
               (long)u->id);
        page_csrf(&h, req);
        govuk_button(&h, &(struct govuk_opts){
                             .text = "Reset password",
                             .hidden_text = arena_printf(req->arena, " for %s", u->username),
                             .classes = "govuk-button--secondary govuk-!-margin-bottom-0"});
        html_raw(&h, "</form>");
        govuk_table_cell_end(&h, false);
        govuk_table_row_end(&h);
    }
    govuk_table_end(&h);
    html_raw(&h, "\n");
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
        return failed(req, res, KITH_E_INTERNAL);
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
        return failed(req, res, rc);
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
        return failed(req, res, KITH_E_INTERNAL);
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
        return failed(req, res, rc);
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
