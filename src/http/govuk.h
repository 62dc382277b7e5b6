/*
 * GOV.UK Frontend components as C functions, escaping by default. Each renders the markup
 * of govuk-frontend's own Nunjucks macro for the options kith uses (text, href, classes,
 * id, labels, hints, rows and cells, ...); web/test/fixtures.mjs holds them to the fixtures.json
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
    const char *value;       /* button: sent with its name */
    bool disabled;           /* button */
    const struct govuk_item *items;
    size_t nitems;
    const char *href;
    const char *classes;
    const char *id;
    const char *hidden_prefix; /* error message: "Error" unless given; "" for none */
    /* button, kith's own (the macro would take them as `html` and `attributes`): words
     * after the text for screen readers only, and the address the form goes to instead */
    const char *hidden_text;
    const char *formaction;
};

void govuk_tag(struct html *h, const struct govuk_opts *o);
void govuk_back_link(struct html *h, const struct govuk_opts *o);
void govuk_skip_link(struct html *h, const struct govuk_opts *o);
void govuk_error_message(struct html *h, const struct govuk_opts *o);
void govuk_inset_text(struct html *h, const struct govuk_opts *o);
/* A submit button, or a link styled as one when `href` is set. */
void govuk_button(struct html *h, const struct govuk_opts *o);
void govuk_error_summary(struct html *h, const struct govuk_opts *o);

/* Unset leaves an attribute out; true and false write it (spellcheck, and the service
 * navigation's collapse on small screens, whose default depends on the items). */
enum govuk_tristate { GOVUK_UNSET, GOVUK_TRUE, GOVUK_FALSE };

/* One <option> of a select; the field's value picks the selected one. */
struct govuk_option {
    const char *value; /* NULL: no value attribute (the text is the value) */
    const char *text;
};

/* A form field with its label, hint and inline error message: text input, textarea or
 * select. The id is the name unless given; the hint and error get ids made from it and
 * the field is described by them. */
struct govuk_field {
    const char *name;
    const char *id;
    const char *label;
    const char *label_classes; /* "govuk-label--m" for a label that is the question */
    const char *hint;
    const char *error; /* the inline error message; NULL for none */
    const char *value; /* NULL: no value attribute; select: the option to select */
    const char *classes;
    const char *type;         /* input: "text" unless given */
    const char *autocomplete; /* input */
    const char *inputmode;    /* input */
    enum govuk_tristate spellcheck;
    int rows;                           /* textarea: 5 unless given */
    const struct govuk_option *options; /* select */
    size_t noptions;
    bool multiple;      /* file upload */
    const char *accept; /* file upload, kith's own (the macro takes it as an attribute) */
};
void govuk_input(struct html *h, const struct govuk_field *f);
void govuk_textarea(struct html *h, const struct govuk_field *f);
void govuk_select(struct html *h, const struct govuk_field *f);
void govuk_file_upload(struct html *h, const struct govuk_field *f);

/* A textarea with its limit: "You can enter up to N characters" is written under it as
 * hint text, so the limit shows without JavaScript; GOV.UK Frontend's script turns it
 * into a live count (data-maxlength). `maxlength` is in characters. */
void govuk_character_count(struct html *h, const struct govuk_field *f, int maxlength);

/* A date as three text inputs (day, month, year) in a fieldset whose legend asks the
 * question. Inputs are named `name_prefix`-day, -month, -year (plain day, month, year
 * without a prefix) and have ids `id`-day, -month, -year. The error message is the
 * date's; a part marked GOVUK_TRUE is highlighted, and with an error message and no part
 * marked, every part not marked GOVUK_FALSE is, as in the macro. */
struct govuk_date_part {
    const char *value;
    enum govuk_tristate error;
};
struct govuk_date_input {
    const char *id;
    const char *name_prefix;
    const char *legend; /* NULL: no fieldset */
    const char *legend_classes;
    const char *hint;
    const char *error;
    const char *classes;
    struct govuk_date_part day, month, year;
};
void govuk_date_input(struct html *h, const struct govuk_date_input *d);

/* Radios in a fieldset whose legend asks the question. Item ids are the prefix (the name
 * unless given), then prefix-2, prefix-3, ...: the first is where the error summary
 * links to. */
struct govuk_choice {
    const char *value, *text;
    const char *hint; /* NULL: none */
};
/* What a radio reveals (GOV.UK's conditional reveal), written by `fn` with `ctx` into the
 * page below its item. It is always in the page and submitted; with JavaScript it is
 * hidden until its item is chosen. `fn` NULL: nothing. */
struct govuk_reveal {
    void (*fn)(struct html *h, const void *ctx);
    const void *ctx;
};
struct govuk_radios {
    const char *name;
    const char *id_prefix;
    const char *legend; /* NULL: no fieldset */
    const char *legend_classes;
    const char *hint;
    const char *error;
    const char *value; /* the item to check */
    const char *classes;
    const struct govuk_choice *items;
    size_t nitems;
    const bool *checked; /* checkboxes: checked[i] ticks item i (radios use `value`) */
    const struct govuk_reveal *reveals; /* radios: reveals[i] is item i's; NULL: none */
};
void govuk_radios(struct html *h, const struct govuk_radios *r);
/* Checkboxes: the same, item i ticked by r->checked[i] (r->value is not read). */
void govuk_checkboxes(struct html *h, const struct govuk_radios *r);

/* A summary list of key and value rows (no actions, no card: kith's lists are read only). */
struct govuk_summary_row {
    const char *key, *value;
};
struct govuk_summary_list {
    const struct govuk_summary_row *rows;
    size_t nrows;
    const char *classes;
};
void govuk_summary_list(struct html *h, const struct govuk_summary_list *l);

/* A table. Cells hold text; a cell that holds a component (a tag, a button) is written
 * between govuk_table_cell_begin and govuk_table_cell_end, so markup in a cell only ever
 * comes from another component, never from data. `href` makes the text a link (kith's
 * own: the macro would take it as `html`). */
struct govuk_cell {
    const char *text;
    const char *href;
    const char *format; /* "numeric" */
    const char *classes;
};
struct govuk_table_row {
    const struct govuk_cell *cells;
    size_t ncells;
};
struct govuk_table {
    const char *caption;
    const char *caption_classes;
    const char *classes;
    const struct govuk_cell *head; /* NULL: no <thead> */
    size_t nhead;
    const struct govuk_table_row *rows;
    size_t nrows;
    bool first_cell_is_header;
};
void govuk_table(struct html *h, const struct govuk_table *t);
/* The parts, for rows written one by one: begin writes up to the open <tbody> (rows and
 * nrows are not read), end closes it. A row's first cell is a header when `header`. */
void govuk_table_begin(struct html *h, const struct govuk_table *t);
void govuk_table_row_begin(struct html *h);
void govuk_table_cell(struct html *h, const struct govuk_cell *c, bool header);
void govuk_table_cell_begin(struct html *h, const struct govuk_cell *c, bool header);
void govuk_table_cell_end(struct html *h, bool header);
void govuk_table_row_end(struct html *h);
void govuk_table_end(struct html *h);

/* Details: a summary line that opens to show more. The whole with `text`, or begin and
 * end around content written by other components (a table). */
struct govuk_details {
    const char *summary;
    const char *text;
    const char *id;
    bool open;
};
void govuk_details(struct html *h, const struct govuk_details *d);
void govuk_details_begin(struct html *h, const struct govuk_details *d);
void govuk_details_end(struct html *h);

/* A notification banner: "Important" in a region, or with `success` "Success" in an alert.
 * `text` is the heading line; `body` (kith's own) a paragraph under it. */
struct govuk_banner {
    const char *title;
    const char *text;
    const char *body;
    bool success;
    const char *title_id; /* "govuk-notification-banner-title" unless given */
    const char *classes;
};
void govuk_notification_banner(struct html *h, const struct govuk_banner *b);
/* The same with content of the caller's between the two (a list of links): `text` and
 * `body` are not used. */
void govuk_notification_banner_begin(struct html *h, const struct govuk_banner *b);
void govuk_notification_banner_end(struct html *h);

/* The header without the crown: govuk-frontend's generic header with kith's name as text
 * (the GOV.UK header always draws the crown and GOV.UK logotype, which only services on
 * a GOV.UK domain may use). */
struct govuk_header {
    const char *text; /* logoText */
    const char *href; /* "/" unless given */
};
void govuk_generic_header(struct html *h, const struct govuk_header *o);

/* Service navigation: links to the service's sections, the current one marked. */
struct govuk_nav_item {
    const char *text;
    const char *href;
    bool current;
};
struct govuk_service_nav {
    const struct govuk_nav_item *items;
    size_t nitems;
    const char *label;            /* the <nav>'s aria-label: "Menu" unless given */
    enum govuk_tristate collapse; /* the mobile toggle: unset means when over one item */
};
void govuk_service_navigation(struct html *h, const struct govuk_service_nav *n);
/* The parts, for list items kith writes after the links (the macro's navigationEnd
 * slot: the sign-out form). Both need at least one item. */
void govuk_service_navigation_begin(struct html *h, const struct govuk_service_nav *n);
void govuk_service_navigation_end(struct html *h, const struct govuk_service_nav *n);

/* The footer's meta links and licence line, without the crown, the Open Government
 * Licence logo and the Crown copyright link: kith is not Crown content. */
struct govuk_footer {
    const struct govuk_item *links;
    size_t nlinks;
    const char *licence; /* NULL: no licence line */
};
void govuk_footer(struct html *h, const struct govuk_footer *f);

/* The components by their govuk-frontend name ("tag", "back-link", ...), for the fixture
 * test's renderer. NULL-name terminated. */
struct govuk_component {
    const char *name;
    void (*render)(struct html *h, const struct govuk_opts *o);
};
extern const struct govuk_component govuk_components[];

#endif
