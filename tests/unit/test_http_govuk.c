/*
 * The parts of the GOV.UK components that govuk-frontend's fixtures cannot check (the
 * fixture test is web/test/fixtures.mjs): kith's own options (a linked table cell, a
 * banner's body line), the begin/end halves pages use to put a component inside a table
 * cell or a list item into the navigation, and escaping of every text and attribute.
 */
#include "test.h"

#include <limits.h>
#include <string.h>

#include "http/govuk.h"

/* Render one component into a fresh builder and keep the text. */
#define RENDER(fn, opts) (html_init(&h, &a), fn(&h, opts), html_str(&h))

static const char HOSTILE[] = "<img src=x onerror=alert(1)> & \"q\" 'a'";
static const char HOSTILE_ESCAPED[] = "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; "
                                      "&#39;a&#39;";

static void table_cell_link_and_parts(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct html h;
    html_init(&h, &a);
    struct govuk_table t = {.caption = "Teams",
                            .caption_classes = "govuk-visually-hidden",
                            .head = (struct govuk_cell[]){{.text = "Team"},
                                                          {.text = "Children", .format = "numeric"},
                                                          {.text = "Status"}},
                            .nhead = 3};
    govuk_table_begin(&h, &t);
    govuk_table_row_begin(&h);
    govuk_table_cell(&h, &(struct govuk_cell){.text = "North", .href = "/teams/abc"}, true);
    govuk_table_cell(&h, &(struct govuk_cell){.text = "12", .format = "numeric"}, false);
    govuk_table_cell_begin(&h, &(struct govuk_cell){0}, false);
    govuk_tag(&h, &(struct govuk_opts){.text = "Above threshold", .classes = "govuk-tag--red"});
    govuk_table_cell_end(&h, false);
    govuk_table_row_end(&h);
    govuk_table_end(&h);
    assert_string_equal(
        html_str(&h),
        "<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
        "govuk-visually-hidden\">Teams</caption><thead class=\"govuk-table__head\"><tr "
        "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Team</th><th "
        "scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Children</th>"
        "<th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead><tbody "
        "class=\"govuk-table__body\"><tr class=\"govuk-table__row\"><th scope=\"row\" "
        "class=\"govuk-table__header\"><a class=\"govuk-link\" href=\"/teams/abc\">North</a></th>"
        "<td class=\"govuk-table__cell govuk-table__cell--numeric\">12</td><td "
        "class=\"govuk-table__cell\"><strong class=\"govuk-tag govuk-tag--red\">Above "
        "threshold</strong></td></tr></tbody></table>");
    arena_release(&a);
}

static void banner_body_line(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct html h;
    const char *got =
        RENDER(govuk_notification_banner, (&(struct govuk_banner){.text = "ann can now sign in",
                                                                  .body = "Their password is x.",
                                                                  .success = true}));
    assert_string_equal(
        got, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
             "role=\"alert\" aria-labelledby=\"govuk-notification-banner-title\" "
             "data-module=\"govuk-notification-banner\"><div "
             "class=\"govuk-notification-banner__header\"><h2 "
             "class=\"govuk-notification-banner__title\" "
             "id=\"govuk-notification-banner-title\">Success</h2></div><div "
             "class=\"govuk-notification-banner__content\"><p "
             "class=\"govuk-notification-banner__heading\">ann can now sign in</p><p "
             "class=\"govuk-body\">Their password is x.</p></div></div>");
    arena_release(&a);
}

static void navigation_with_an_end_item(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct html h;
    html_init(&h, &a);
    struct govuk_service_nav n = {.items =
                                      (struct govuk_nav_item[]){{"My caseload", "/", true},
                                                                {"Find a child", "/search", false}},
                                  .nitems = 2};
    govuk_service_navigation_begin(&h, &n);
    html_raw(&h, "<li>end</li>");
    govuk_service_navigation_end(&h, &n);
    const char *got = html_str(&h);
    /* The extra item sits inside the list, after the links. */
    const char *end = strstr(got, "<li>end</li>");
    assert_non_null(end);
    assert_non_null(strstr(got, "Find a child</a></li><li>end</li></ul></nav></div></div></div>"));
    assert_non_null(strstr(got, "href=\"/\" aria-current=\"page\"><strong "
                                "class=\"govuk-service-navigation__active-fallback\">My caseload"));
    assert_non_null(strstr(got, "aria-controls=\"navigation\"")); /* two items: the toggle */
    arena_release(&a);
}

static void button_hidden_text_and_formaction(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct html h;
    const char *got = RENDER(govuk_button, (&(struct govuk_opts){.text = "Reset password",
                                                                 .hidden_text = " for ann",
                                                                 .formaction = "/audit/export"}));
    assert_string_equal(got, "<button type=\"submit\" class=\"govuk-button\" "
                             "data-module=\"govuk-button\" formaction=\"/audit/export\">Reset "
                             "password<span class=\"govuk-visually-hidden\"> for "
                             "ann</span></button>");
    arena_release(&a);
}

/* Every text option and every attribute value comes out escaped. */
static void escaping(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    const char *x = HOSTILE;
    const struct govuk_option opts[] = {{x, x}};
    struct govuk_field f = {.name = x,
                            .label = x,
                            .hint = x,
                            .error = x,
                            .value = x,
                            .classes = x,
                            .autocomplete = x,
                            .inputmode = x,
                            .options = opts,
                            .noptions = 1};
    struct html h;
    const char *out[14];
    size_t n = 0;
    out[n++] = RENDER(govuk_input, &f);
    out[n++] = RENDER(govuk_textarea, &f);
    out[n++] = RENDER(govuk_select, &f);
    out[n++] = RENDER(govuk_summary_list,
                      (&(struct govuk_summary_list){(struct govuk_summary_row[]){{x, x}}, 1, x}));
    out[n++] =
        RENDER(govuk_table,
               (&(struct govuk_table){
                   .caption = x,
                   .head = (struct govuk_cell[]){{.text = x, .classes = x}},
                   .nhead = 1,
                   .rows = (struct govuk_table_row[]){{(struct govuk_cell[]){{x, x, x, x}}, 1}},
                   .nrows = 1}));
    out[n++] = RENDER(govuk_notification_banner,
                      (&(struct govuk_banner){.title = x, .text = x, .body = x, .title_id = x}));
    out[n++] = RENDER(govuk_generic_header, (&(struct govuk_header){x, x}));
    out[n++] = RENDER(
        govuk_service_navigation,
        (&(struct govuk_service_nav){(struct govuk_nav_item[]){{x, x, true}}, 1, x, GOVUK_UNSET}));
    out[n++] = RENDER(govuk_footer, (&(struct govuk_footer){(struct govuk_item[]){{x, x}}, 1, x}));
    f.accept = x;
    out[n++] = RENDER(govuk_file_upload, &f);
    out[n++] =
        RENDER(govuk_radios, (&(struct govuk_radios){.name = x,
                                                     .legend = x,
                                                     .legend_classes = x,
                                                     .hint = x,
                                                     .error = x,
                                                     .value = x,
                                                     .classes = x,
                                                     .items = (struct govuk_choice[]){{x, x, x}},
                                                     .nitems = 1}));
    out[n++] = RENDER(govuk_details, (&(struct govuk_details){.summary = x, .text = x, .id = x}));
    out[n++] = (html_init(&h, &a), govuk_character_count(&h, &f, 10), html_str(&h));
    const struct govuk_date_part part = {x, GOVUK_UNSET};
    out[n++] = RENDER(govuk_date_input, (&(struct govuk_date_input){.id = x,
                                                                    .name_prefix = x,
                                                                    .legend = x,
                                                                    .legend_classes = x,
                                                                    .hint = x,
                                                                    .error = x,
                                                                    .classes = x,
                                                                    .day = part,
                                                                    .month = part,
                                                                    .year = part}));
    assert_int_equal(n, N_ELEMS(out));
    for (size_t i = 0; i < N_ELEMS(out); i++) {
        assert_null(strstr(out[i], "<img"));
        assert_null(strstr(out[i], "\"q\""));
        assert_non_null(strstr(out[i], HOSTILE_ESCAPED));
    }
    arena_release(&a);
}

/* html_f's conversions and the number and literal appends the jobs board writes with. */
static void templates_and_numbers(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct html h;
    html_init(&h, &a);
    html_f(&h, "%d %ld %% %s|", -7, LONG_MIN, "<&>");
    html_int(&h, 0);
    html_int(&h, LLONG_MAX);
    html_raw(&h, "<b class=\"x\">");
    html_f(&h, "no conversion");
    html_f(&h, "%s%s", "", "end");
    assert_string_equal(html_str(&h), "-7 -9223372036854775808 % &lt;&amp;&gt;|"
                                      "09223372036854775807<b class=\"x\">no conversionend");
    arena_release(&a);
}

/* Checkbox and radio ids: the name for the first item, the name and its number after;
 * the fieldset described by a hint and an error only when there are some. */
static void choice_ids(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct html h;
    struct govuk_choice items[11];
    bool checked[11] = {false};
    for (size_t i = 0; i < 11; i++)
        items[i] = (struct govuk_choice){arena_printf(&a, "v%zu", i), "Text", NULL};
    struct govuk_radios r = {
        .name = "role", .legend = "Role", .items = items, .nitems = 11, .checked = checked};
    const char *plain = RENDER(govuk_checkboxes, &r);
    static const char *const ids[] = {"id=\"role\" name=\"role\"", "id=\"role-2\"",
                                      "id=\"role-10\"", "id=\"role-11\"", "for=\"role-11\""};
    for (size_t i = 0; i < N_ELEMS(ids); i++)
        assert_non_null(strstr(plain, ids[i]));
    assert_null(strstr(plain, "id=\"role-1\""));
    assert_null(strstr(plain, "id=\"role-12\""));
    assert_null(strstr(plain, "aria-describedby"));
    static const struct {
        const char *hint, *error, *described;
    } cases[] = {{"A hint", NULL, "aria-describedby=\"role-hint\""},
                 {NULL, "An error", "aria-describedby=\"role-error\""},
                 {"A hint", "An error", "aria-describedby=\"role-hint role-error\""}};
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        r.hint = cases[i].hint;
        r.error = cases[i].error;
        const char *out = RENDER(govuk_checkboxes, &r);
        assert_non_null(strstr(out, cases[i].described));
        if (cases[i].hint)
            assert_non_null(strstr(out, "<div id=\"role-hint\" class=\"govuk-hint\">A hint"));
        if (cases[i].error)
            assert_non_null(strstr(out, "id=\"role-error\""));
    }
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_cell_link_and_parts),
        cmocka_unit_test(templates_and_numbers),
        cmocka_unit_test(choice_ids),
        cmocka_unit_test(banner_body_line),
        cmocka_unit_test(navigation_with_an_end_item),
        cmocka_unit_test(button_hidden_text_and_formaction),
        cmocka_unit_test(escaping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
