/*
 * User administration for administrators: the accounts with their role and status, adding
 * one (with a generated password shown once, never stored in the clear or sent again),
 * disabling and enabling (disabling ends every session at once) and resetting a
 * password. The rules and the audit row of each change are the use case's
 * (casework/accounts.h), the same as `kith user`'s; this page reads the form and renders
 * the outcome, every problem beside its field.
 */
#include "http/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/accounts.h"
#include "domain/codeset.h"
#include "domain/entities.h"
#include "domain/password.h"
#include "domain/rec.h"
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

int page_admin_user_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    char pw[96];
    password_generate(pw, sizeof pw);
    struct cw_err err;
    cw_err_clear(&err);
    struct user u = {.created = DATE_NONE};
    rec_set_text(field_find(account_fields, "username"), &u, http_param(req, "username"),
                 req->arena, &err.fields);
    rec_set_text(field_find(account_fields, "role"), &u, http_param(req, "role"), req->arena,
                 &err.fields);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    enum kerr_code rc = cw_account_add(req->store, &who, &u, http_param(req, "worker"), pw, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_CONFLICT) {
        page_cw_errors(req, account_fields, &err, "username");
        return render(req, res, 422, NULL, NULL);
    }
    if (rc)
        return failed(req, res, rc);
    return render(req, res, 200, arena_printf(req->arena, "%s can now sign in", u.username),
                  arena_printf(req->arena,
                               "Their password is %s. Give it to them privately: it is not "
                               "shown again.",
                               pw));
}

/* Disable, enable or reset the account `{id}`: the address names it by id, the use case by
 * its username. */
static int change(struct http_request *req, struct http_response *res, const char *what)
{
    long id = strtol(req->path_args[0], NULL, 10);
    struct user *users;
    size_t n;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = store_user_list(req->store, req->arena, &users, &n, &err.e);
    const struct user *found = NULL;
    for (size_t i = 0; !rc && i < n; i++)
        if (users[i].id == id)
            found = &users[i];
    if (!rc && !found)
        rc = KITH_E_NOT_FOUND;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct user u;
    char pw[96];
    bool reset = !strcmp(what, "reset");
    if (!rc && reset) {
        password_generate(pw, sizeof pw);
        /* whoever knew the old password is out, but an administrator resetting their own
         * stays signed in here */
        rc = cw_account_reset_password(req->store, &who, found->username, pw,
                                       req->principal->session_id, req->arena, &u, &err);
    } else if (!rc)
        rc = cw_account_set_disabled(req->store, &who, found->username, !strcmp(what, "disable"),
                                     req->arena, &u, &err);
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such account.");
    if (rc)
        return failed(req, res, rc);
    if (reset)
        return render(
            req, res, 200, arena_printf(req->arena, "New password for %s", u.username),
            arena_printf(req->arena, "It is %s. %s", pw,
                         u.id == req->principal->user_id
                             ? "It is not shown again. Your other sessions have ended."
                             : "Give it to them privately: it is not shown again. They have "
                               "been signed out everywhere."));
    return render(
        req, res, 200,
        arena_printf(req->arena, "%s is %s", u.username,
                     !strcmp(what, "disable") ? "disabled and signed out everywhere" : "enabled"),
        "");
}

int page_admin_user_disable(struct http_app *app, struct http_request *req,
                            struct http_response *res)
{
    (void)app;
    return change(req, res, "disable");
}

int page_admin_user_enable(struct http_app *app, struct http_request *req,
                           struct http_response *res)
{
    (void)app;
    return change(req, res, "enable");
}

int page_admin_user_reset(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    return change(req, res, "reset");
}
