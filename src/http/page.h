/*
 * The page layout in the GOV.UK Frontend look (Arial, no crown: kith is not on a GOV.UK
 * domain), and what pages share: the error summary with inline messages and the hidden
 * CSRF field every form carries. The components themselves are in govuk.h.
 */
#ifndef KITH_HTTP_PAGE_H
#define KITH_HTTP_PAGE_H

#include "http/html.h"
#include "http/http.h"

/* Start a page: doctype, head with the stylesheet, header with the signed-in user and the
 * sign-out form, and the opening of <main>. */
void page_begin(struct html *h, const struct http_request *req, const char *title);
/* Close <main> and the page, and put it into `res` with `status`. */
int page_end(struct html *h, struct http_response *res, int status);

/* The GOV.UK error summary for the request's field errors; nothing when there are none. */
void page_error_summary(struct html *h, const struct http_request *req);
/* The message for one field (the govuk_field `error`), or NULL. */
const char *page_error_text(const struct http_request *req, const char *field);
/* <input type="hidden" name="csrf" ...> for the signed-in session. */
void page_csrf(struct html *h, const struct http_request *req);
/* 303 to `location` (a path of kith's own). */
int page_redirect(struct http_response *res, const char *location);

#endif
