/*
 * The shared page frame and GOV.UK components. Class names follow GOV.UK Frontend so
 * the compiled stylesheet (web/) styles them; the markup works unstyled too.
 */
#include "http/page.h"

#include <string.h>

#include "http/assets.h"
#include "http/govuk.h"
#include "http/router.h"

/* The pages a role may use, as GOV.UK service navigation; the current one is marked. */
static const struct {
    const char *href, *text;
    unsigned perm;
} nav_items[] = {
    {"/", "My caseload", ROUTE_SIGNED_IN},
    {"/search", "Find a child", ROUTE_CHILD_READ},
    {"/teams", "Team caseloads", ROUTE_TEAM_READ},
    {"/audit", "Audit trail", ROUTE_AUDIT_READ},
    {"/admin/users", "User accounts", ROUTE_USER_ADMIN},
    {"/validate", "Validate a return", ROUTE_VALIDATE},
};

static void nav(struct html *h, const struct http_request *req)
{
    html_raw(h, "<div class=\"govuk-service-navigation\" "
                "data-module=\"govuk-service-navigation\"><div class=\"govuk-width-container\">"
                "<div class=\"govuk-service-navigation__container\"><nav aria-label=\"Menu\" "
                "class=\"govuk-service-navigation__wrapper\"><button type=\"button\" "
                "class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" "
                "aria-controls=\"navigation\" hidden aria-hidden=\"true\">Menu</button>"
                "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n");
    for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
        if (!(req->principal->perms & nav_items[i].perm))
            continue;
        bool current = strcmp(req->path, nav_items[i].href) == 0;
        if (current)
            html_f(h,
                   "<li class=\"govuk-service-navigation__item "
                   "govuk-service-navigation__item--active\"><a "
                   "class=\"govuk-service-navigation__link\" href=\"%s\" aria-current=\"page\">"
                   "<strong class=\"govuk-service-navigation__active-fallback\">%s</strong></a>"
                   "</li>\n",
                   nav_items[i].href, nav_items[i].text);
        else
            html_f(h,
                   "<li class=\"govuk-service-navigation__item\"><a "
                   "class=\"govuk-service-navigation__link\" href=\"%s\">%s</a></li>\n",
                   nav_items[i].href, nav_items[i].text);
    }
    html_f(h,
           "<li class=\"govuk-service-navigation__item kith-sign-out\"><form method=\"post\" "
           "action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"%s\"><button "
           "type=\"submit\" class=\"kith-link-button govuk-service-navigation__link\">Sign out"
           "<span class=\"govuk-visually-hidden\"> (signed in as %s)</span></button></form>"
           "<span class=\"kith-signed-in\" aria-hidden=\"true\">%s</span></li>\n",
           req->principal->csrf_token ? req->principal->csrf_token : "",
           req->principal->username ? req->principal->username : "",
           req->principal->username ? req->principal->username : "");
    html_raw(h, "</ul></nav></div></div></div>\n");
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
    html_raw(h, "\n<header class=\"govuk-template__header\"><div class=\"govuk-generic-header\">"
                "<div class=\"govuk-generic-header__container govuk-width-container\"><div "
                "class=\"govuk-generic-header__logo\"><a href=\"/\" "
                "class=\"govuk-generic-header__homepage-link\">kith</a></div></div></div>\n");
    if (req->principal)
        nav(h, req);
    html_raw(h, "</header>\n<div class=\"govuk-width-container\">\n"
                "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

int page_end(struct html *h, struct http_response *res, int status)
{
    html_f(h,
           "</main>\n</div>\n<footer class=\"govuk-footer\"><div "
           "class=\"govuk-width-container\"><div class=\"govuk-footer__meta\"><div "
           "class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\"><h2 "
           "class=\"govuk-visually-hidden\">Support links</h2><ul "
           "class=\"govuk-footer__inline-list\"><li class=\"govuk-footer__inline-list-item\">"
           "<a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility "
           "statement</a></li></ul><span class=\"govuk-footer__licence-description\">kith: "
           "case records for children's social care. Free software under the GNU AGPL."
           "</span></div></div></div></footer>\n<script type=\"module\" "
           "src=\"/assets/%s/init.js\"></script>\n</body>\n</html>\n",
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

bool page_field_error(struct html *h, const struct http_request *req, const char *field)
{
    for (size_t i = 0; i < req->nerrors; i++) {
        if (strcmp(req->errors[i].field, field) != 0)
            continue;
        govuk_error_message(h, &(struct govuk_opts){.id = arena_printf(h->arena, "%s-error", field),
                                                    .text = req->errors[i].message});
        html_raw(h, "\n");
        return true;
    }
    return false;
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
