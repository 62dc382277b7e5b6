/*
 * The fixture test's renderer: `govuk_render COMPONENT OPTIONS-JSON` prints what kith's C
 * component makes of a govuk-frontend fixture's options (web/test/fixtures.mjs compares
 * it with the fixture's HTML). The options arrive flattened into dotted names
 * ("rows.0.key.text"); each component has a reader that fills its C options from them.
 * fixtures.mjs only sends options the reader knows. Exit 2 for an unknown component or
 * unreadable options.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/govuk.h"
#include "http/json.h"

static struct json_body body;
static struct arena arena;

/* The option at the formatted path as text, or NULL when absent or null. */
static const char *opt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *opt(const char *fmt, ...)
{
    char name[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    const struct json_member *m = json_get(&body, name);
    return m ? m->text : NULL;
}

static bool opt_true(const char *name)
{
    const char *v = opt("%s", name);
    return v && !strcmp(v, "true");
}

static enum govuk_tristate opt_tristate(const char *name)
{
    const char *v = opt("%s", name);
    return !v ? GOVUK_UNSET : !strcmp(v, "true") ? GOVUK_TRUE : GOVUK_FALSE;
}

/* Whether anything sits at or under the formatted path (an object or array entry). */
static bool present(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool present(const char *fmt, ...)
{
    char name[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    size_t n = strlen(name);
    for (size_t i = 0; i < body.n; i++)
        if (!strncmp(body.v[i].name, name, n) && (!body.v[i].name[n] || body.v[i].name[n] == '.'))
            return true;
    return false;
}

/* The number of entries of the array at `name`. */
static size_t count(const char *name)
{
    size_t n = 0;
    while (present("%s.%zu", name, n))
        n++;
    return n;
}

static void render_opts(struct html *h, void (*render)(struct html *, const struct govuk_opts *))
{
    struct govuk_opts o = {
        .text = opt("text"),
        .href = opt("href"),
        .classes = opt("classes"),
        .id = opt("id"),
        .hidden_prefix = opt("visuallyHiddenText"),
        .title = opt("titleText"),
        .description = opt("descriptionText"),
        .name = opt("name"),
        .value = opt("value"),
        .disabled = opt_true("disabled"),
    };
    /* A key given as null reads as empty, as the macros treat it. */
    static const char *const keys[] = {
        "text", "href", "classes", "id", "titleText", "descriptionText", "name"};
    const char **fields[] = {&o.text,  &o.href,        &o.classes, &o.id,
                             &o.title, &o.description, &o.name};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!*fields[i] && json_get(&body, keys[i]))
            *fields[i] = "";
    if (!o.hidden_prefix && json_get(&body, "visuallyHiddenText"))
        o.hidden_prefix = "";
    size_t n = count("errorList");
    struct govuk_item *items = arena_zalloc(&arena, (n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++) {
        const char *t = opt("errorList.%zu.text", i);
        items[i] = (struct govuk_item){t ? t : "", opt("errorList.%zu.href", i)};
    }
    o.items = items;
    o.nitems = n;
    render(h, &o);
}

static struct govuk_field field(void)
{
    struct govuk_field f = {
        .name = opt("name"),
        .id = opt("id"),
        .label = opt("label.text"),
        .label_classes = opt("label.classes"),
        .hint = opt("hint.text"),
        .error = opt("errorMessage.text"),
        .value = opt("value"),
        .classes = opt("classes"),
        .type = opt("type"),
        .autocomplete = opt("autocomplete"),
        .inputmode = opt("inputmode"),
        .spellcheck = opt_tristate("spellcheck"),
    };
    if (!f.hint && present("hint"))
        f.hint = "";
    if (!f.error && present("errorMessage"))
        f.error = "";
    const char *rows = opt("rows");
    f.rows = rows ? (int)strtol(rows, NULL, 10) : 0;
    size_t n = count("items");
    struct govuk_option *o = arena_zalloc(&arena, (n + 1) * sizeof *o);
    for (size_t i = 0; i < n; i++)
        o[i] = (struct govuk_option){opt("items.%zu.value", i), opt("items.%zu.text", i)};
    f.options = o;
    f.noptions = n;
    f.multiple = opt_true("multiple");
    return f;
}

static void file_upload(struct html *h)
{
    struct govuk_field f = field();
    govuk_file_upload(h, &f);
}

static void radios(struct html *h)
{
    struct govuk_radios r = {.name = opt("name"),
                             .id_prefix = opt("idPrefix"),
                             .legend = opt("fieldset.legend.text"),
                             .legend_classes = opt("fieldset.legend.classes"),
                             .hint = opt("hint.text"),
                             .error = opt("errorMessage.text"),
                             .value = opt("value"),
                             .classes = opt("classes")};
    if (!r.legend && present("fieldset"))
        r.legend = "";
    if (!r.hint && present("hint"))
        r.hint = "";
    if (!r.error && present("errorMessage"))
        r.error = "";
    size_t n = count("items");
    struct govuk_choice *items = arena_zalloc(&arena, (n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = (struct govuk_choice){opt("items.%zu.value", i), opt("items.%zu.text", i),
                                         opt("items.%zu.hint.text", i)};
    r.items = items;
    r.nitems = n;
    govuk_radios(h, &r);
}

static void input(struct html *h)
{
    struct govuk_field f = field();
    govuk_input(h, &f);
}

static void textarea(struct html *h)
{
    struct govuk_field f = field();
    govuk_textarea(h, &f);
}

static void character_count(struct html *h)
{
    struct govuk_field f = field();
    const char *max = opt("maxlength");
    govuk_character_count(h, &f, max ? (int)strtol(max, NULL, 10) : 0);
}

/* A part given as an object (`day: {error: true}`) replaces the macro's default, whose
 * value comes from `values`; the value there is the object's own. */
static struct govuk_date_part date_part(const char *part, const char *prefix)
{
    struct govuk_date_part p = {.value = opt("%s.value", part),
                                .error = opt_tristate(arena_printf(&arena, "%s.error", part))};
    if (!p.value && !present("%s", part))
        p.value = prefix ? opt("values.%s-%s", prefix, part) : opt("values.%s", part);
    return p;
}

static void date_input(struct html *h)
{
    struct govuk_date_input d = {.id = opt("id"),
                                 .name_prefix = opt("namePrefix"),
                                 .legend = opt("fieldset.legend.text"),
                                 .legend_classes = opt("fieldset.legend.classes"),
                                 .hint = opt("hint.text"),
                                 .error = opt("errorMessage.text"),
                                 .classes = opt("classes")};
    if (!d.legend && present("fieldset"))
        d.legend = "";
    if (!d.hint && present("hint"))
        d.hint = "";
    if (!d.error && present("errorMessage"))
        d.error = "";
    d.day = date_part("day", d.name_prefix);
    d.month = date_part("month", d.name_prefix);
    d.year = date_part("year", d.name_prefix);
    govuk_date_input(h, &d);
}

static void select_(struct html *h)
{
    struct govuk_field f = field();
    govuk_select(h, &f);
}

static void summary_list(struct html *h)
{
    size_t n = count("rows");
    struct govuk_summary_row *rows = arena_zalloc(&arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] =
            (struct govuk_summary_row){opt("rows.%zu.key.text", i), opt("rows.%zu.value.text", i)};
    govuk_summary_list(h, &(struct govuk_summary_list){rows, n, opt("classes")});
}

static struct govuk_cell cell(const char *at)
{
    return (struct govuk_cell){.text = opt("%s.text", at),
                               .format = opt("%s.format", at),
                               .classes = opt("%s.classes", at)};
}

static void table(struct html *h)
{
    struct govuk_table t = {.caption = opt("caption"),
                            .caption_classes = opt("captionClasses"),
                            .classes = opt("classes"),
                            .first_cell_is_header = opt_true("firstCellIsHeader")};
    if (present("head")) {
        t.nhead = count("head");
        struct govuk_cell *head = arena_zalloc(&arena, (t.nhead + 1) * sizeof *head);
        for (size_t i = 0; i < t.nhead; i++)
            head[i] = cell(arena_printf(&arena, "head.%zu", i));
        t.head = head;
    }
    t.nrows = count("rows");
    struct govuk_table_row *rows = arena_zalloc(&arena, (t.nrows + 1) * sizeof *rows);
    for (size_t r = 0; r < t.nrows; r++) {
        const char *at = arena_printf(&arena, "rows.%zu", r);
        size_t n = count(at);
        struct govuk_cell *cells = arena_zalloc(&arena, (n + 1) * sizeof *cells);
        for (size_t i = 0; i < n; i++)
            cells[i] = cell(arena_printf(&arena, "%s.%zu", at, i));
        rows[r] = (struct govuk_table_row){cells, n};
    }
    t.rows = rows;
    govuk_table(h, &t);
}

static void details(struct html *h)
{
    govuk_details(h, &(struct govuk_details){.summary = opt("summaryText"),
                                             .text = opt("text"),
                                             .id = opt("id"),
                                             .open = opt_true("open")});
}

static void notification_banner(struct html *h)
{
    const char *type = opt("type");
    govuk_notification_banner(h, &(struct govuk_banner){.title = opt("titleText"),
                                                        .text = opt("text"),
                                                        .success = type && !strcmp(type, "success"),
                                                        .title_id = opt("titleId"),
                                                        .classes = opt("classes")});
}

static void generic_header(struct html *h)
{
    govuk_generic_header(h, &(struct govuk_header){opt("logoText"), opt("url")});
}

static void service_navigation(struct html *h)
{
    size_t n = count("navigation");
    struct govuk_nav_item *items = arena_zalloc(&arena, (n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] =
            (struct govuk_nav_item){opt("navigation.%zu.text", i), opt("navigation.%zu.href", i),
                                    opt_true(arena_printf(&arena, "navigation.%zu.current", i))};
    govuk_service_navigation(
        h, &(struct govuk_service_nav){.items = items,
                                       .nitems = n,
                                       .label = opt("navigationLabel"),
                                       .collapse = opt_tristate("collapseNavigationOnMobile")});
}

static void footer(struct html *h)
{
    size_t n = count("meta.items");
    struct govuk_item *links = arena_zalloc(&arena, (n + 1) * sizeof *links);
    for (size_t i = 0; i < n; i++)
        links[i] =
            (struct govuk_item){opt("meta.items.%zu.text", i), opt("meta.items.%zu.href", i)};
    govuk_footer(h, &(struct govuk_footer){links, n, opt("contentLicence.text")});
}

static const struct {
    const char *name;
    void (*render)(struct html *h);
} readers[] = {
    {"input", input},
    {"textarea", textarea},
    {"character-count", character_count},
    {"date-input", date_input},
    {"select", select_},
    {"file-upload", file_upload},
    {"radios", radios},
    {"summary-list", summary_list},
    {"table", table},
    {"details", details},
    {"notification-banner", notification_banner},
    {"generic-header", generic_header},
    {"service-navigation", service_navigation},
    {"footer", footer},
};

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    arena_init(&arena, 0);
    struct kerr e = KERR_INIT;
    if (json_body_parse_flat(argv[2], strlen(argv[2]), &arena, &body, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    struct html h;
    html_init(&h, &arena);
    const struct govuk_component *c = govuk_components;
    while (c->name && strcmp(c->name, argv[1]) != 0)
        c++;
    size_t r = 0;
    while (r < sizeof readers / sizeof readers[0] && strcmp(readers[r].name, argv[1]) != 0)
        r++;
    if (c->name)
        render_opts(&h, c->render);
    else if (r < sizeof readers / sizeof readers[0])
        readers[r].render(&h);
    else
        return 2;
    fputs(html_str(&h), stdout);
    arena_release(&arena);
    return 0;
}
