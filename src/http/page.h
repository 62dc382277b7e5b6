/*
 * The page layout in the GOV.UK Frontend look (Arial, no crown: kith is not on a GOV.UK
 * domain), and what pages share: the error summary with inline messages and the hidden
 * CSRF field every form carries. The components themselves are in govuk.h.
 */
#ifndef KITH_HTTP_PAGE_H
#define KITH_HTTP_PAGE_H

#include "core/date.h"
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
/* `s` as the start of a sentence, from the arena: "date of the note" -> "Date of the
 * note". Labels are written lower case to sit inside sentences. */
const char *page_sentence(struct arena *a, const char *s);
/* A GOV.UK date input's three fields, `prefix`-day, -month and -year, read as people
 * type them: "5" or "05", a month as "12", "Dec" or "December", a four-figure year, or a
 * whole date ("5/12/2026", "2026-12-05", "5 Dec 2026") in the day field. True with the
 * date in *out (DATE_NONE when empty and not `required`); false with a field error in
 * GOV.UK's words, naming `what` ("the date of the note"), on the first part at fault.
 * A `legacy` field (one box, from a page served before the date input) is read the
 * same way when the three are absent. */
bool page_date_read(struct http_request *req, const char *prefix, const char *legacy,
                    const char *what, bool required, bool not_future, kdate *out);
/* The date input for `prefix` with what was typed and its error, the parts at fault
 * highlighted. */
void page_date_input(struct html *h, const struct http_request *req, const char *prefix,
                     const char *legacy, const char *legend, const char *hint);
/* What a form says of a field's problem `e` (f: its description's field, or NULL): "Enter
 * the subject", "Date of the note must be today or in the past", "Subject must be 200
 * characters or fewer" in GOV.UK's words; any other problem in the check's own sentence,
 * as the API and the command line give every one. */
struct field;
struct field_error;
const char *page_field_message(struct arena *a, const struct field *f, const struct field_error *e);
/* A use case's refusal of values as the form's field errors, each beside its input (a
 * date's beside its day box, `fields` saying which are dates; may be NULL when the form
 * has none); with no field named, the whole refusal beside the field its kerr names, or
 * beside `fallback`. */
struct cw_err;
struct field;
void page_cw_errors(struct http_request *req, const struct field *fields, const struct cw_err *err,
                    const char *fallback);
/* Text typed into a textarea as paragraphs: a blank line starts a new one, a single line
 * break is kept as <br>; everything escaped. */
void page_paragraphs(struct html *h, const char *text);

/* A date as people read it ("5 Dec 2026"), "Not known" for DATE_NONE; in the arena. */
const char *page_dmy(struct arena *a, kdate d);
/* Whatever went wrong underneath (a clash, a trigger, a full disk), the person can do
 * nothing about it: 503 (or the store's own 5xx), and nothing of the record. */
int page_store_failed(struct http_request *req, struct http_response *res, enum kerr_code rc);

/* Lists are paged: the page asked for in the query string's `page` (1 when absent or not
 * a number from 1 to 100000). */
long page_number(const struct http_request *req);
/* How much of a list is shown, in words: "1 child.", "All 12 children.", "The first 25 of
 * 140 children." or "Showing 26 to 50 of 140 children." (`one` and `many` name the rows,
 * "child" and "children", with whatever follows: "children allocated to you"). */
void page_count_line(struct html *h, size_t offset, size_t n, int64_t total, const char *one,
                     const char *many);
/* GOV.UK pagination for a list read by GET: links to `href` (a path without a query) with
 * ?page= the one before and after. Nothing when the whole list fits on one page. */
void page_pagination(struct html *h, const char *href, long page, size_t per_page, int64_t total);

/* <input type="hidden" name="csrf" ...> for the signed-in session. */
void page_csrf(struct html *h, const struct http_request *req);
/* 303 to `location` (a path of kith's own). */
int page_redirect(struct http_response *res, const char *location);

/* A record type's form, read back and summarised from its description (pages_records.c),
 * for pages beyond a child's records (the recruiters' vacancies): the form posts to
 * `action`; `version` non-zero makes it a correction, with its reason. */
struct rec_type;
struct cw_err;
struct field;
void page_rec_form(struct html *h, const struct http_request *req, const struct rec_type *t,
                   const char *action, const void *rec, int version, const char *button);
void page_rec_read(struct http_request *req, const struct rec_type *t, void *rec);
void page_rec_summary(struct html *h, struct arena *a, const struct rec_type *t, const void *rec);
/* The same for a record kept before the generic types (the child's identity), from its
 * field table alone: its form (no version or reason) and read back. A use case's problems
 * go beside their fields through page_cw_errors. */
void page_fields_form(struct html *h, const struct http_request *req, const struct field *fields,
                      const char *action, const void *rec, const char *button, const char *flag);
void page_fields_read(struct http_request *req, const struct field *fields, void *rec);

#endif
