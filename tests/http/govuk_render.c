/*
 * The fixture test's renderer: `govuk_render COMPONENT OPTIONS-JSON` prints what kith's C
 * component makes of a govuk-frontend fixture's options (web/test/fixtures.mjs compares
 * it with the fixture's HTML). Exit 2 for an unknown component or unreadable options.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "http/govuk.h"
#include "http/json.h"

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    const struct govuk_component *c = govuk_components;
    while (c->name && strcmp(c->name, argv[1]) != 0)
        c++;
    if (!c->name)
        return 2;
    struct arena a;
    arena_init(&a, 0);
    struct json_body b;
    struct kerr e = KERR_INIT;
    if (json_body_parse_flat(argv[2], strlen(argv[2]), &a, &b, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    static const struct {
        const char *name;
        size_t off;
    } keys[] = {
        {"text", offsetof(struct govuk_opts, text)},
        {"href", offsetof(struct govuk_opts, href)},
        {"classes", offsetof(struct govuk_opts, classes)},
        {"id", offsetof(struct govuk_opts, id)},
        {"visuallyHiddenText", offsetof(struct govuk_opts, hidden_prefix)},
        {"titleText", offsetof(struct govuk_opts, title)},
        {"descriptionText", offsetof(struct govuk_opts, description)},
        {"name", offsetof(struct govuk_opts, name)},
    };
    struct govuk_opts o = {0};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const struct json_member *m = json_get(&b, keys[i].name);
        if (m)
            *(const char **)(void *)((char *)&o + keys[i].off) = m->text ? m->text : "";
    }
    const struct json_member *dis = json_get(&b, "disabled");
    o.disabled = dis && dis->text && !strcmp(dis->text, "true");
    /* errorList.N.text / errorList.N.href */
    struct govuk_item items[32] = {{0}};
    for (size_t i = 0; i < 32; i++) {
        const struct json_member *t = json_get(&b, arena_printf(&a, "errorList.%zu.text", i));
        const struct json_member *h = json_get(&b, arena_printf(&a, "errorList.%zu.href", i));
        if (!t && !h)
            break;
        items[i] = (struct govuk_item){t ? t->text : "", h ? h->text : NULL};
        o.nitems = i + 1;
    }
    o.items = items;
    struct html h;
    html_init(&h, &a);
    c->render(&h, &o);
    fputs(html_str(&h), stdout);
    arena_release(&a);
    return 0;
}
