/*
 * The shared page frame (the template of govuk-frontend: skip link, crownless header,
 * service navigation, footer) built from the GOV.UK components in govuk.c, so the
 * compiled stylesheet (web/) styles it; the markup works unstyled too.
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
    struct govuk_nav_item items[sizeof nav_items / sizeof nav_items[0]];
    size_t n = 0;
    for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++)
        if (req->principal->perms & nav_items[i].perm)
            items[n++] = (struct govuk_nav_item){nav_items[i].text, nav_items[i].href,
                                                 strcmp(req->path, nav_items[i].href) == 0};
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
