/*
 * The GOV.UK components (govuk.h). Whitespace inside elements differs from the Nunjucks
 * output, which the fixture test normalises; everything else (element, attribute order,
 * classes, defaults such as "Back" and "#content") follows govuk-frontend 6.6.0.
 */
#include "http/govuk.h"

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
    if (o->name && *o->name)
        html_f(h, " name=\"%s\"", o->name);
    if (o->disabled)
        html_raw(h, " disabled aria-disabled=\"true\"");
    classes(h, "govuk-button", o->classes);
    html_raw(h, " data-module=\"govuk-button\"");
    id_attr(h, o->id); /* after the module, as the macro writes it */
    html_f(h, ">%s</button>", text_or(o->text, ""));
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
