/*
 * GOV.UK Frontend components as C functions, escaping by default. Each renders the markup
 * of govuk-frontend's own Nunjucks macro for the options kith uses (text, href, classes,
 * id, the visually hidden prefix); web/test/fixtures.mjs holds them to the fixtures.json
 * files the npm package ships, so an upgrade that changes a component's markup fails a
 * test instead of drifting silently. Options kith never passes (raw `html`, free-form
 * `attributes`) are not offered: markup from data is never an option.
 */
#ifndef KITH_HTTP_GOVUK_H
#define KITH_HTTP_GOVUK_H

#include <stdbool.h>

#include "http/html.h"

/* One entry of a list option (the error summary's errorList). */
struct govuk_item {
    const char *text;
    const char *href; /* NULL: not a link */
};

struct govuk_opts {
    const char *text;
    const char *title;       /* error summary: titleText */
    const char *description; /* error summary: descriptionText */
    const char *name;        /* button */
    bool disabled;           /* button */
    const struct govuk_item *items;
    size_t nitems;
    const char *href;
    const char *classes;
    const char *id;
    const char *hidden_prefix; /* error message: "Error" unless given; "" for none */
};

void govuk_tag(struct html *h, const struct govuk_opts *o);
void govuk_back_link(struct html *h, const struct govuk_opts *o);
void govuk_skip_link(struct html *h, const struct govuk_opts *o);
void govuk_error_message(struct html *h, const struct govuk_opts *o);
void govuk_inset_text(struct html *h, const struct govuk_opts *o);
/* A submit button, or a link styled as one when `href` is set. */
void govuk_button(struct html *h, const struct govuk_opts *o);
void govuk_error_summary(struct html *h, const struct govuk_opts *o);

/* The components by their govuk-frontend name ("tag", "back-link", ...), for the fixture
 * test's renderer. NULL-name terminated. */
struct govuk_component {
    const char *name;
    void (*render)(struct html *h, const struct govuk_opts *o);
};
extern const struct govuk_component govuk_components[];

#endif
