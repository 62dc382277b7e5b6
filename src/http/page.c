/*
 * The shared page frame and GOV.UK components. Class names follow GOV.UK Frontend so
 * the compiled stylesheet (web/) styles them; the markup works unstyled too.
 */
#include "http/page.h"

#include <string.h>

#include "http/router.h"

#define ASSETS "/assets/" /* versioned path once the asset pipeline lands */

void page_begin(struct html *h, const struct http_request *req, const char *title)
{
    html_raw(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
                "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                "content=\"width=device-width, initial-scale=1\">\n");
    html_f(h, "<title>%s%s - kith</title>\n", req->nerrors ? "Error: " : "", title);
    html_raw(h, "<link rel=\"stylesheet\" href=\"" ASSETS "kith.css\">\n</head>\n"
                "<body class=\"govuk-template__body\">\n"
                "<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>\n"
                "<header class=\"govuk-header\" data-module=\"govuk-header\">\n"
                "<div class=\"govuk-header__container govuk-width-container\">\n"
                "<div class=\"govuk-header__logo\"><a href=\"/\" class=\"govuk-header__link "
                "govuk-header__service-name\">kith</a></div>\n");
    if (req->principal) {
        html_raw(h, "<nav aria-label=\"Menu\" class=\"govuk-header__navigation\">"
                    "<ul class=\"govuk-header__navigation-list\">\n"
                    "<li class=\"govuk-header__navigation-item\"><a class=\"govuk-header__link\" "
                    "href=\"/\">My caseload</a></li>\n"
                    "<li class=\"govuk-header__navigation-item\"><a class=\"govuk-header__link\" "
                    "href=\"/search\">Find a child</a></li>\n");
        if (req->principal->perms & ROUTE_TEAM_READ)
            html_raw(h, "<li class=\"govuk-header__navigation-item\"><a "
                        "class=\"govuk-header__link\" href=\"/teams\">Team caseloads</a></li>\n");
        if (req->principal->perms & ROUTE_AUDIT_READ)
            html_raw(h, "<li class=\"govuk-header__navigation-item\"><a "
                        "class=\"govuk-header__link\" href=\"/audit\">Audit trail</a></li>\n");
        html_raw(h, "</ul></nav>\n");
        html_f(h,
               "<form method=\"post\" action=\"/sign-out\" class=\"kith-sign-out\">"
               "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><span "
               "class=\"govuk-body-s\">%s</span> <button type=\"submit\" class=\"govuk-button "
               "govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
               "Sign out</button></form>\n",
               req->principal->csrf_token ? req->principal->csrf_token : "",
               req->principal->username ? req->principal->username : "");
    }
    html_raw(h, "</div>\n</header>\n<div class=\"govuk-width-container\">\n"
                "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

int page_end(struct html *h, struct http_response *res, int status)
{
    html_raw(h, "</main>\n</div>\n<footer class=\"govuk-footer\"><div "
                "class=\"govuk-width-container\"><p class=\"govuk-body-s\">kith: case records "
                "for children's social care</p></div></footer>\n</body>\n</html>\n");
    const char *body = html_str(h);
    http_body(res, status, "text/html; charset=utf-8", body, strlen(body));
    return status;
}

void page_error_summary(struct html *h, const struct http_request *req)
{
    if (!req->nerrors)
        return;
    html_raw(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
                "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a "
                "problem</h2>\n<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list "
                "govuk-error-summary__list\">\n");
    for (size_t i = 0; i < req->nerrors; i++)
        html_f(h, "<li><a href=\"#%s\">%s</a></li>\n", req->errors[i].field,
               req->errors[i].message);
    html_raw(h, "</ul></div></div></div>\n");
}

bool page_field_error(struct html *h, const struct http_request *req, const char *field)
{
    for (size_t i = 0; i < req->nerrors; i++) {
        if (strcmp(req->errors[i].field, field) != 0)
            continue;
        html_f(h,
               "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
               "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
               field, req->errors[i].message);
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
