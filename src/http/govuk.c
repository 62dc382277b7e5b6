/*
 * The GOV.UK components (govuk.h). Whitespace inside elements differs from the Nunjucks
 * output, which the fixture test normalises; everything else (element, attribute order,
 * classes, defaults such as "Back", "#content", "Important" and 5 textarea rows) follows
 * govuk-frontend 6.6.0. Every value goes through html_f's %s, so it is escaped in text
 * and in attributes alike.
 */
#include "http/govuk.h"

#include <string.h>

#include "core/str.h"

static const char *text_or(const char *v, const char *fallback) { return v && *v ? v : fallback; }

/* ` class="base extra"`: the extra classes escaped like any other value. */
static void classes(struct html *h, const char *base, const char *extra)
{
    if (extra && *extra)
        html_f(h, " class=\"%s %s\"", base, extra);
    else
        html_f(h, " class=\"%s\"", base);
}

static void id_attr(struct html *h, const char *id)
{
    if (id && *id)
        html_f(h, " id=\"%s\"", id);
}

void govuk_tag(struct html *h, const struct govuk_opts *o)
{
    html_raw(h, "<strong");
    classes(h, "govuk-tag", o->classes);
    html_f(h, ">%s</strong>", text_or(o->text, ""));
}

void govuk_back_link(struct html *h, const struct govuk_opts *o)
{
    html_f(h, "<a href=\"%s\"", text_or(o->href, "#"));
    classes(h, "govuk-back-link", o->classes);
    html_f(h, ">%s</a>", text_or(o->text, "Back"));
}

void govuk_skip_link(struct html *h, const struct govuk_opts *o)
{
    html_f(h, "<a href=\"%s\"", text_or(o->href, "#content"));
    classes(h, "govuk-skip-link", o->classes);
    html_f(h, " data-module=\"govuk-skip-link\">%s</a>", text_or(o->text, ""));
}

void govuk_error_message(struct html *h, const struct govuk_opts *o)
{
    html_raw(h, "<p");
    id_attr(h, o->id);
    classes(h, "govuk-error-message", o->classes);
    html_raw(h, ">");
    const char *prefix = o->hidden_prefix ? o->hidden_prefix : "Error";
    if (*prefix)
        html_f(h, "<span class=\"govuk-visually-hidden\">%s:</span> ", prefix);
    html_f(h, "%s</p>", text_or(o->text, ""));
}

void govuk_inset_text(struct html *h, const struct govuk_opts *o)
{
    html_raw(h, "<div");
    id_attr(h, o->id);
    classes(h, "govuk-inset-text", o->classes);
    html_f(h, ">%s</div>", text_or(o->text, ""));
}

void govuk_button(struct html *h, const struct govuk_opts *o)
{
    if (o->href) {
        html_f(h, "<a href=\"%s\" role=\"button\" draggable=\"false\"", o->href);
        classes(h, "govuk-button", o->classes);
        html_f(h, " data-module=\"govuk-button\">%s</a>", text_or(o->text, ""));
        return;
    }
    html_raw(h, "<button type=\"submit\"");
    if (o->value && *o->value)
        html_f(h, " value=\"%s\"", o->value);
    if (o->name && *o->name)
        html_f(h, " name=\"%s\"", o->name);
    if (o->disabled)
        html_raw(h, " disabled aria-disabled=\"true\"");
    classes(h, "govuk-button", o->classes);
    html_raw(h, " data-module=\"govuk-button\"");
    if (o->formaction) /* where the macro writes `attributes` */
        html_f(h, " formaction=\"%s\"", o->formaction);
    id_attr(h, o->id); /* after the module, as the macro writes it */
    html_f(h, ">%s", text_or(o->text, ""));
    if (o->hidden_text && *o->hidden_text)
        html_f(h, "<span class=\"govuk-visually-hidden\">%s</span>", o->hidden_text);
    html_raw(h, "</button>");
}

void govuk_error_summary(struct html *h, const struct govuk_opts *o)
{
    html_raw(h, "<div");
    classes(h, "govuk-error-summary", o->classes);
    html_f(h,
           " data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 "
           "class=\"govuk-error-summary__title\">%s</h2><div class=\"govuk-error-summary__body\">",
           text_or(o->title, "There is a problem"));
    if (o->description && *o->description)
        html_f(h, "<p>%s</p>", o->description);
    if (o->nitems) {
        html_raw(h, "<ul class=\"govuk-list govuk-error-summary__list\">");
        for (size_t i = 0; i < o->nitems; i++)
            if (o->items[i].href)
                html_f(h, "<li><a href=\"%s\">%s</a></li>", o->items[i].href,
                       text_or(o->items[i].text, ""));
            else
                html_f(h, "<li>%s</li>", text_or(o->items[i].text, ""));
        html_raw(h, "</ul>");
    }
    html_raw(h, "</div></div></div>");
}

/* --- form fields ----------------------------------------------------------------------- */

static const char *field_id(const struct govuk_field *f)
{
    return f->id && *f->id ? f->id : text_or(f->name, "");
}

/* The form group's opening (a character count's when `maxlength` is over 0), label, hint
 * and error message. Returns the ids the field is described by, or NULL. */
static const char *field_top_in(struct html *h, const struct govuk_field *f, const char *id,
                                int maxlength)
{
    html_f(h, "<div class=\"govuk-form-group%s", f->error ? " govuk-form-group--error" : "");
    if (maxlength > 0)
        html_f(h,
               " govuk-character-count\" data-module=\"govuk-character-count\" "
               "data-maxlength=\"%d",
               maxlength);
    html_raw(h, "\">");
    if (f->label && *f->label) {
        html_raw(h, "<label");
        classes(h, "govuk-label", f->label_classes);
        html_f(h, " for=\"%s\">%s</label>", id, f->label);
    }
    const char *described = NULL;
    if (f->hint) {
        described = arena_printf(h->arena, "%s-hint", id);
        html_f(h, "<div id=\"%s\" class=\"govuk-hint\">%s</div>", described, f->hint);
    }
    if (f->error) {
        const char *eid = arena_printf(h->arena, "%s-error", id);
        govuk_error_message(h, &(struct govuk_opts){.id = eid, .text = f->error});
        described = described ? arena_printf(h->arena, "%s %s", described, eid) : eid;
    }
    return described;
}

static const char *field_top(struct html *h, const struct govuk_field *f, const char *id)
{
    return field_top_in(h, f, id, 0);
}

static void spellcheck(struct html *h, enum govuk_tristate v)
{
    if (v != GOVUK_UNSET)
        html_f(h, " spellcheck=\"%s\"", v == GOVUK_TRUE ? "true" : "false");
}

/* ` name="value"` when the value is given (an empty one included, as the macro does). */
static void attr(struct html *h, const char *name, const char *value)
{
    if (value)
        html_f(h, " %s=\"%s\"", name, value);
}

void govuk_input(struct html *h, const struct govuk_field *f)
{
    const char *id = field_id(f);
    const char *described = field_top(h, f, id);
    html_raw(h, "<input class=\"govuk-input");
    if (f->classes && *f->classes)
        html_f(h, " %s", f->classes);
    html_f(h, "%s\" id=\"%s\" name=\"%s\" type=\"%s\"", f->error ? " govuk-input--error" : "", id,
           text_or(f->name, ""), text_or(f->type, "text"));
    spellcheck(h, f->spellcheck);
    attr(h, "value", f->value);
    attr(h, "aria-describedby", described);
    attr(h, "autocomplete", f->autocomplete);
    attr(h, "inputmode", f->inputmode);
    html_raw(h, "></div>");
}

void govuk_textarea(struct html *h, const struct govuk_field *f)
{
    const char *id = field_id(f);
    const char *described = field_top(h, f, id);
    html_f(h, "<textarea class=\"govuk-textarea%s", f->error ? " govuk-textarea--error" : "");
    if (f->classes && *f->classes)
        html_f(h, " %s", f->classes);
    html_f(h, "\" id=\"%s\" name=\"%s\" rows=\"%d\"", id, text_or(f->name, ""),
           f->rows > 0 ? f->rows : 5);
    spellcheck(h, f->spellcheck);
    attr(h, "aria-describedby", described);
    html_f(h, ">%s</textarea></div>", text_or(f->value, ""));
}

void govuk_character_count(struct html *h, const struct govuk_field *f, int maxlength)
{
    const char *id = field_id(f);
    const char *described = field_top_in(h, f, id, maxlength > 0 ? maxlength : 1);
    const char *info = arena_printf(h->arena, "%s-info", id);
    html_f(h, "<textarea class=\"govuk-textarea%s govuk-js-character-count",
           f->error ? " govuk-textarea--error" : "");
    if (f->classes && *f->classes)
        html_f(h, " %s", f->classes);
    html_f(h, "\" id=\"%s\" name=\"%s\" rows=\"%d\"", id, text_or(f->name, ""),
           f->rows > 0 ? f->rows : 5);
    spellcheck(h, f->spellcheck);
    html_f(h, " aria-describedby=\"%s%s%s\">%s</textarea>", info, described ? " " : "",
           described ? described : "", text_or(f->value, ""));
    html_f(h,
           "<div id=\"%s\" class=\"govuk-hint govuk-character-count__message\">You can enter up "
           "to %d characters</div></div>",
           info, maxlength);
}

void govuk_select(struct html *h, const struct govuk_field *f)
{
    const char *id = field_id(f);
    const char *described = field_top(h, f, id);
    html_raw(h, "<select class=\"govuk-select");
    if (f->classes && *f->classes)
        html_f(h, " %s", f->classes);
    html_f(h, "%s\" id=\"%s\" name=\"%s\"", f->error ? " govuk-select--error" : "", id,
           text_or(f->name, ""));
    attr(h, "aria-describedby", described);
    html_raw(h, ">");
    for (size_t i = 0; i < f->noptions; i++) {
        const struct govuk_option *o = &f->options[i];
        /* An option without a value is selected by its text, as in the macro. */
        const char *effective = o->value ? o->value : text_or(o->text, "");
        bool selected = f->value && *f->value && !strcmp(effective, f->value);
        html_raw(h, "<option");
        attr(h, "value", o->value);
        html_f(h, "%s>%s</option>", selected ? " selected" : "", text_or(o->text, ""));
    }
    html_raw(h, "</select></div>");
}

void govuk_file_upload(struct html *h, const struct govuk_field *f)
{
    const char *id = field_id(f);
    const char *described = field_top(h, f, id);
    html_raw(h, "<input class=\"govuk-file-upload");
    if (f->classes && *f->classes)
        html_f(h, " %s", f->classes);
    html_f(h, "%s\" id=\"%s\" name=\"%s\" type=\"file\"",
           f->error ? " govuk-file-upload--error" : "", id, text_or(f->name, ""));
    if (f->multiple)
        html_raw(h, " multiple");
    attr(h, "aria-describedby", described);
    attr(h, "accept", f->accept); /* where the macro writes `attributes` */
    html_raw(h, "></div>");
}

/* Radios and checkboxes share the macro's markup but for the class names and the input's
 * type; a radio is checked by the group's value, a checkbox by its own flag. */
static void choices(struct html *h, const struct govuk_radios *r, bool checkboxes)
{
    const char *kind = checkboxes ? "checkboxes" : "radios";
    const char *prefix = r->id_prefix && *r->id_prefix ? r->id_prefix : text_or(r->name, "");
    html_f(h, "<div class=\"govuk-form-group%s\">", r->error ? " govuk-form-group--error" : "");
    /* Ids made only for what is there: the jobs board draws five groups on every request. */
    const char *hint_id = r->hint ? arena_printf(h->arena, "%s-hint", prefix) : NULL;
    const char *error_id = r->error ? arena_printf(h->arena, "%s-error", prefix) : NULL;
    if (r->legend) {
        /* The fieldset, not each radio, is described by the hint and the error. */
        const char *described = hint_id && error_id
                                    ? arena_printf(h->arena, "%s %s", hint_id, error_id)
                                : hint_id ? hint_id
                                          : error_id;
        html_raw(h, "<fieldset class=\"govuk-fieldset\"");
        attr(h, "aria-describedby", described);
        html_raw(h, ">");
        if (*r->legend) {
            html_raw(h, "<legend");
            classes(h, "govuk-fieldset__legend", r->legend_classes);
            html_f(h, ">%s</legend>", r->legend);
        }
    }
    if (r->hint)
        html_f(h, "<div id=\"%s\" class=\"govuk-hint\">%s</div>", hint_id, r->hint);
    if (r->error)
        govuk_error_message(h, &(struct govuk_opts){.id = error_id, .text = r->error});
    html_raw(h, "<div");
    classes(h, checkboxes ? "govuk-checkboxes" : "govuk-radios", r->classes);
    html_f(h, " data-module=\"govuk-%s\">", kind);
    /* The first item's id is the prefix, the others' the prefix and "-N": one buffer,
     * its number rewritten for each (html_f copies it). */
    char *numbered = arena_alloc(h->arena, strlen(prefix) + 1 + STR_DEC_MAX);
    char *number = stpcpy(stpcpy(numbered, prefix), "-");
    for (size_t i = 0; i < r->nitems; i++) {
        const struct govuk_choice *c = &r->items[i];
        const char *id = prefix;
        if (i) {
            str_dec(number, (long long)i + 1);
            id = numbered;
        }
        bool checked = checkboxes
                           ? r->checked && r->checked[i]
                           : r->value && *r->value && c->value && !strcmp(c->value, r->value);
        bool hint = c->hint && *c->hint;
        const struct govuk_reveal *reveal =
            !checkboxes && r->reveals && r->reveals[i].fn ? &r->reveals[i] : NULL;
        html_f(h,
               "<div class=\"govuk-%s__item\"><input class=\"govuk-%s__input\" "
               "id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"%s",
               kind, kind, id, text_or(r->name, ""), checkboxes ? "checkbox" : "radio",
               text_or(c->value, ""), checked ? " checked" : "");
        if (hint)
            html_f(h, " aria-describedby=\"%s-item-hint\"", id);
        if (reveal)
            html_f(h, " data-aria-controls=\"conditional-%s\"", id);
        html_raw(h, ">");
        if (c->text && *c->text)
            html_f(h, "<label class=\"govuk-label govuk-%s__label\" for=\"%s\">%s</label>", kind,
                   id, c->text);
        if (hint)
            html_f(h, "<div id=\"%s-item-hint\" class=\"govuk-hint govuk-%s__hint\">%s</div>", id,
                   kind, c->hint);
        html_raw(h, "</div>");
        if (reveal) {
            html_f(h, "<div class=\"govuk-radios__conditional%s\" id=\"conditional-%s\">",
                   checked ? "" : " govuk-radios__conditional--hidden", id);
            reveal->fn(h, reveal->ctx);
            html_raw(h, "</div>");
        }
    }
    html_raw(h, "</div>");
    if (r->legend)
        html_raw(h, "</fieldset>");
    html_raw(h, "</div>");
}

static void date_part(struct html *h, const struct govuk_date_input *d, const char *part,
                      const char *label, const struct govuk_date_part *p, bool highlight)
{
    const char *prefix = d->name_prefix && *d->name_prefix ? d->name_prefix : NULL;
    const char *name = prefix ? arena_printf(h->arena, "%s-%s", prefix, part) : part;
    const char *id = arena_printf(h->arena, "%s-%s", text_or(d->id, ""), part);
    const char *classes =
        arena_printf(h->arena, "govuk-date-input__input%s govuk-input--width-%d",
                     highlight ? " govuk-input--error" : "", strcmp(part, "year") ? 2 : 4);
    html_raw(h, "<div class=\"govuk-date-input__item\">");
    govuk_input(h, &(struct govuk_field){.name = name,
                                         .id = id,
                                         .label = label,
                                         .label_classes = "govuk-date-input__label",
                                         .value = p->value,
                                         .classes = classes,
                                         .inputmode = "numeric"});
    html_raw(h, "</div>");
}

void govuk_date_input(struct html *h, const struct govuk_date_input *d)
{
    const char *id = text_or(d->id, "");
    html_f(h, "<div class=\"govuk-form-group%s\">", d->error ? " govuk-form-group--error" : "");
    const char *hint_id = arena_printf(h->arena, "%s-hint", id);
    const char *error_id = arena_printf(h->arena, "%s-error", id);
    if (d->legend) {
        const char *described = d->hint && d->error
                                    ? arena_printf(h->arena, "%s %s", hint_id, error_id)
                                : d->hint  ? hint_id
                                : d->error ? error_id
                                           : NULL;
        /* role="group": JAWS reads a fieldset of text inputs' description only so. */
        html_raw(h, "<fieldset class=\"govuk-fieldset\" role=\"group\"");
        attr(h, "aria-describedby", described);
        html_raw(h, ">");
        if (*d->legend) {
            html_raw(h, "<legend");
            classes(h, "govuk-fieldset__legend", d->legend_classes);
            html_f(h, ">%s</legend>", d->legend);
        }
    }
    if (d->hint)
        html_f(h, "<div id=\"%s\" class=\"govuk-hint\">%s</div>", hint_id, d->hint);
    if (d->error)
        govuk_error_message(h, &(struct govuk_opts){.id = error_id, .text = d->error});
    html_raw(h, "<div");
    classes(h, "govuk-date-input", d->classes);
    id_attr(h, d->id);
    html_raw(h, ">");
    const struct govuk_date_part *parts[] = {&d->day, &d->month, &d->year};
    static const char *const names[][2] = {{"day", "Day"}, {"month", "Month"}, {"year", "Year"}};
    bool any = false;
    for (size_t i = 0; i < 3; i++)
        any = any || parts[i]->error == GOVUK_TRUE;
    for (size_t i = 0; i < 3; i++)
        date_part(h, d, names[i][0], names[i][1], parts[i],
                  parts[i]->error == GOVUK_TRUE ||
                      (d->error && !any && parts[i]->error != GOVUK_FALSE));
    html_raw(h, "</div>");
    if (d->legend)
        html_raw(h, "</fieldset>");
    html_raw(h, "</div>");
}

void govuk_radios(struct html *h, const struct govuk_radios *r) { choices(h, r, false); }

void govuk_checkboxes(struct html *h, const struct govuk_radios *r) { choices(h, r, true); }

/* --- summary list and table ------------------------------------------------------------ */

void govuk_summary_list(struct html *h, const struct govuk_summary_list *l)
{
    html_raw(h, "<dl");
    classes(h, "govuk-summary-list", l->classes);
    html_raw(h, ">");
    for (size_t i = 0; i < l->nrows; i++)
        html_f(h,
               "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s"
               "</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>",
               text_or(l->rows[i].key, ""), text_or(l->rows[i].value, ""));
    html_raw(h, "</dl>");
}

/* `base`, then the format modifier and the extra classes, as one class attribute. */
static void cell_classes(struct html *h, const char *base, const char *format, const char *extra)
{
    html_f(h, " class=\"%s", base);
    if (format && *format)
        html_f(h, " %s--%s", base, format);
    if (extra && *extra)
        html_f(h, " %s", extra);
    html_raw(h, "\"");
}

void govuk_table_begin(struct html *h, const struct govuk_table *t)
{
    html_raw(h, "<table");
    classes(h, "govuk-table", t->classes);
    html_raw(h, ">");
    if (t->caption && *t->caption) {
        html_raw(h, "<caption");
        classes(h, "govuk-table__caption", t->caption_classes);
        html_f(h, ">%s</caption>", t->caption);
    }
    if (t->head) {
        html_raw(h, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
        for (size_t i = 0; i < t->nhead; i++) {
            html_raw(h, "<th scope=\"col\"");
            cell_classes(h, "govuk-table__header", t->head[i].format, t->head[i].classes);
            html_f(h, ">%s</th>", text_or(t->head[i].text, ""));
        }
        html_raw(h, "</tr></thead>");
    }
    html_raw(h, "<tbody class=\"govuk-table__body\">");
}

void govuk_table_row_begin(struct html *h) { html_raw(h, "<tr class=\"govuk-table__row\">"); }

void govuk_table_cell_begin(struct html *h, const struct govuk_cell *c, bool header)
{
    /* A row header takes no format modifier: the macro gives it none. */
    if (header)
        html_raw(h, "<th scope=\"row\"");
    else
        html_raw(h, "<td");
    cell_classes(h, header ? "govuk-table__header" : "govuk-table__cell", header ? NULL : c->format,
                 c->classes);
    html_raw(h, ">");
}

void govuk_table_cell_end(struct html *h, bool header)
{
    if (header)
        html_raw(h, "</th>");
    else
        html_raw(h, "</td>");
}

void govuk_table_cell(struct html *h, const struct govuk_cell *c, bool header)
{
    govuk_table_cell_begin(h, c, header);
    if (c->href)
        html_f(h, "<a class=\"govuk-link\" href=\"%s\">%s</a>", c->href, text_or(c->text, ""));
    else
        html_f(h, "%s", text_or(c->text, ""));
    govuk_table_cell_end(h, header);
}

void govuk_table_row_end(struct html *h) { html_raw(h, "</tr>"); }

void govuk_table_end(struct html *h) { html_raw(h, "</tbody></table>"); }

void govuk_table(struct html *h, const struct govuk_table *t)
{
    govuk_table_begin(h, t);
    for (size_t r = 0; r < t->nrows; r++) {
        govuk_table_row_begin(h);
        for (size_t i = 0; i < t->rows[r].ncells; i++)
            govuk_table_cell(h, &t->rows[r].cells[i], i == 0 && t->first_cell_is_header);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
}

/* --- banner, header, navigation, footer ------------------------------------------------ */

void govuk_details_begin(struct html *h, const struct govuk_details *d)
{
    html_raw(h, "<details");
    id_attr(h, d->id);
    html_f(h,
           " class=\"govuk-details\"%s><summary class=\"govuk-details__summary\"><span "
           "class=\"govuk-details__summary-text\">%s</span></summary><div "
           "class=\"govuk-details__text\">",
           d->open ? " open" : "", text_or(d->summary, ""));
}

void govuk_details_end(struct html *h) { html_raw(h, "</div></details>"); }

void govuk_details(struct html *h, const struct govuk_details *d)
{
    govuk_details_begin(h, d);
    html_f(h, "%s", text_or(d->text, ""));
    govuk_details_end(h);
}

void govuk_notification_banner_begin(struct html *h, const struct govuk_banner *b)
{
    const char *tid = text_or(b->title_id, "govuk-notification-banner-title");
    html_raw(h, "<div class=\"govuk-notification-banner");
    if (b->success)
        html_raw(h, " govuk-notification-banner--success");
    if (b->classes && *b->classes)
        html_f(h, " %s", b->classes);
    html_f(h,
           "\" role=\"%s\" aria-labelledby=\"%s\" data-module=\"govuk-notification-banner\">"
           "<div class=\"govuk-notification-banner__header\"><h2 "
           "class=\"govuk-notification-banner__title\" id=\"%s\">%s</h2></div>"
           "<div class=\"govuk-notification-banner__content\">",
           b->success ? "alert" : "region", tid, tid,
           text_or(b->title, b->success ? "Success" : "Important"));
}

void govuk_notification_banner_end(struct html *h) { html_raw(h, "</div></div>"); }

void govuk_notification_banner(struct html *h, const struct govuk_banner *b)
{
    govuk_notification_banner_begin(h, b);
    if (b->text && *b->text)
        html_f(h, "<p class=\"govuk-notification-banner__heading\">%s</p>", b->text);
    if (b->body && *b->body)
        html_f(h, "<p class=\"govuk-body\">%s</p>", b->body);
    govuk_notification_banner_end(h);
}

void govuk_generic_header(struct html *h, const struct govuk_header *o)
{
    html_f(h,
           "<div class=\"govuk-generic-header\"><div class=\"govuk-generic-header__container "
           "govuk-width-container\"><div class=\"govuk-generic-header__logo\"><a href=\"%s\" "
           "class=\"govuk-generic-header__homepage-link\">%s</a></div></div></div>",
           text_or(o->href, "/"), text_or(o->text, ""));
}

void govuk_service_navigation_begin(struct html *h, const struct govuk_service_nav *n)
{
    html_raw(h, "<div class=\"govuk-service-navigation\" "
                "data-module=\"govuk-service-navigation\"><div class=\"govuk-width-container\">"
                "<div class=\"govuk-service-navigation__container\">");
    if (!n->nitems)
        return;
    html_f(h, "<nav aria-label=\"%s\" class=\"govuk-service-navigation__wrapper\">",
           text_or(n->label, "Menu"));
    bool collapse = n->collapse == GOVUK_UNSET ? n->nitems > 1 : n->collapse == GOVUK_TRUE;
    if (collapse)
        html_raw(h, "<button type=\"button\" class=\"govuk-service-navigation__toggle "
                    "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden "
                    "aria-hidden=\"true\">Menu</button>");
    html_raw(h, "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">");
    for (size_t i = 0; i < n->nitems; i++) {
        const struct govuk_nav_item *it = &n->items[i];
        html_f(h, "<li class=\"govuk-service-navigation__item%s\">",
               it->current ? " govuk-service-navigation__item--active" : "");
        if (it->href)
            html_f(h, "<a class=\"govuk-service-navigation__link\" href=\"%s\"", it->href);
        else
            html_raw(h, "<span class=\"govuk-service-navigation__text\"");
        if (it->current)
            html_f(h,
                   " aria-current=\"page\"><strong "
                   "class=\"govuk-service-navigation__active-fallback\">%s</strong>",
                   text_or(it->text, ""));
        else
            html_f(h, ">%s", text_or(it->text, ""));
        if (it->href)
            html_raw(h, "</a></li>");
        else
            html_raw(h, "</span></li>");
    }
}

void govuk_service_navigation_end(struct html *h, const struct govuk_service_nav *n)
{
    if (n->nitems)
        html_raw(h, "</ul></nav>");
    html_raw(h, "</div></div></div>");
}

void govuk_service_navigation(struct html *h, const struct govuk_service_nav *n)
{
    govuk_service_navigation_begin(h, n);
    govuk_service_navigation_end(h, n);
}

void govuk_footer(struct html *h, const struct govuk_footer *f)
{
    html_raw(h, "<div class=\"govuk-footer\"><div class=\"govuk-width-container\"><div "
                "class=\"govuk-footer__meta\"><div class=\"govuk-footer__meta-item "
                "govuk-footer__meta-item--grow\">");
    if (f->nlinks) {
        html_raw(h, "<h2 class=\"govuk-visually-hidden\">Support links</h2><ul "
                    "class=\"govuk-footer__inline-list\">");
        for (size_t i = 0; i < f->nlinks; i++)
            html_f(h,
                   "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" "
                   "href=\"%s\">%s</a></li>",
                   text_or(f->links[i].href, ""), text_or(f->links[i].text, ""));
        html_raw(h, "</ul>");
    }
    if (f->licence)
        html_f(h, "<span class=\"govuk-footer__licence-description\">%s</span>", f->licence);
    html_raw(h, "</div></div></div></div>");
}

const struct govuk_component govuk_components[] = {
    {"tag", govuk_tag},
    {"back-link", govuk_back_link},
    {"skip-link", govuk_skip_link},
    {"error-message", govuk_error_message},
    {"inset-text", govuk_inset_text},
    {"button", govuk_button},
    {"error-summary", govuk_error_summary},
    {0},
};
