/*
 * The web pages of every record type, from its description: a child's records of a type,
 * the form to add one, one record, the form to correct it (with the version it starts
 * from and a reason), and its versions. One form renderer reads the field table: a date is
 * a GOV.UK date input, multi-line text a character count, a code from a small set radios
 * (the plain words, the DfE code small beside them) and from a large one a select, a yes/no
 * radios, and a relative (FIELD_RELATIVE) radios of the child's relatives. Every error is
 * beside its field and in the summary, with what was typed kept.
 * Scope, checks and audit are the use-case layer's (casework/): a child someone may not
 * see is "Page not found" here as everywhere.
 *
 *   GET  /children/{id}/records/{type}        the child's records of the type
 *   GET  /children/{id}/records/{type}/new    the form
 *   POST /children/{id}/records/{type}        add; the form again with its errors
 *   GET  /records/{type}/{rid}                one record
 *   GET  /records/{type}/{rid}/edit           the correction form
 *   POST /records/{type}/{rid}                correct; on a clash both versions
 *   GET  /records/{type}/{rid}/history        every version
 *   GET  /records/{from}/{rid}/step/{type}    step into a new record (family help up to a
 *   POST /records/{from}/{rid}/step/{type}    referral, a CIN episode down to family help)
 *   GET  /records/{type}                      a type that hangs off no child (a vacancy,
 *   GET  /records/{type}/new                  an agency price cap): its records, and the
 *   POST /records/{type}                      form to add one, for its keepers (the roles
 *                                             its description names; the router asked)
 *
 * Fields kith sets (a step's links to the other record) are not on any form; a record
 * shows them as links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework/casework.h"
#include "casework/step.h"
#include "domain/codeset.h"
#include "domain/ret/cin.h"
#include "http/govuk.h"
#include "http/page.h"
#include "http/pages.h"
#include "http/web_audit.h"

enum { LIST_PAGE = 25, RADIOS_MAX = 10 };

/* --- the form ------------------------------------------------------------------------ */

/* What the field holds now: what was typed (a form sent back) or the record's value. */
static const char *typed(const struct http_request *req, const struct field *f, const void *rec)
{
    const char *v = http_param(req, f->name);
    if (v || !rec)
        return v;
    char buf[REC_TEXT_BUF];
    const char *t = rec_text(f, rec, buf);
    return t ? arena_strdup(req->arena, t) : NULL;
}

/* The child's relatives a form offers for a FIELD_RELATIVE field; NULL for a form that is
 * not of a child's record (such a field is then a box for the public id). */
struct kin {
    const struct relative_read *v;
    size_t n;
};

static void field_input(struct html *h, const struct http_request *req, const struct field *fields,
                        const struct field *f, const void *rec, const struct kin *kin);

/* The code of the choice a description names: a yes/no field's radios send 1 or 0, and a
 * description says "rhi_accepted=yes", as a person would. */
static const char *choice_code(const struct field *of, const char *said)
{
    if (of->type != FIELD_BOOL)
        return said;
    return !strcmp(said, "yes") ? "1" : !strcmp(said, "no") ? "0" : said;
}

/* Whether field `f` is shown inside choice `code` of field `of` (its shown_with). */
static bool shown_with(const struct field *f, const struct field *of, const char *code)
{
    size_t n = strlen(of->name);
    return f->shown_with && !strncmp(f->shown_with, of->name, n) && f->shown_with[n] == '=' &&
           !strcmp(choice_code(of, f->shown_with + n + 1), code);
}

/* The reveals of a radios field's choices: for each, the fields shown inside it. */
static struct govuk_reveal *reveals_of(struct html *h, const struct http_request *req,
                                       const struct field *fields, const struct field *f,
                                       const void *rec, const struct govuk_choice *items, size_t n,
                                       const struct kin *kin);

/* What one choice of a radios field reveals: the fields shown with it. */
struct reveal {
    const struct http_request *req;
    const struct field *fields, *of;
    const char *code;
    const void *rec;
    const struct kin *kin;
};

static void reveal_fields(struct html *h, const void *ctx)
{
    const struct reveal *r = ctx;
    for (const struct field *f = r->fields; f->name; f++)
        if (shown_with(f, r->of, r->code))
            field_input(h, r->req, r->fields, f, r->rec, r->kin);
}

static struct govuk_reveal *reveals_of(struct html *h, const struct http_request *req,
                                       const struct field *fields, const struct field *f,
                                       const void *rec, const struct govuk_choice *items, size_t n,
                                       const struct kin *kin)
{
    struct govuk_reveal *reveals = NULL;
    for (size_t i = 0; i < n; i++)
        for (const struct field *g = fields; g->name; g++)
            if (shown_with(g, f, items[i].value)) {
                if (!reveals)
                    reveals = arena_zalloc(h->arena, n * sizeof *reveals);
                struct reveal *r = arena_alloc(h->arena, sizeof *r);
                *r = (struct reveal){req, fields, f, items[i].value, rec, kin};
                reveals[i] = (struct govuk_reveal){reveal_fields, r};
                break;
            }
    return reveals;
}

static void coded_field(struct html *h, const struct http_request *req, const struct field *fields,
                        const struct field *f, const void *rec, const char *value,
                        const struct kin *kin)
{
    const struct codeset *cs = codeset_get(f->codeset);
    const char *hint = f->hint;
    const char *error = page_error_text(req, f->name);
    if (f->type == FIELD_CODE_LIST) { /* several may apply: a box each, the ticked ones kept */
        struct govuk_choice *items = arena_alloc(h->arena, (size_t)cs->n * sizeof *items);
        bool *ticked = arena_zalloc(h->arena, (size_t)cs->n * sizeof *ticked);
        for (int i = 0; i < cs->n; i++) {
            items[i] = (struct govuk_choice){cs->codes[i].code, code_label_in(&cs->codes[i], 0),
                                             cs->origin == CODESET_KITH ? NULL : cs->codes[i].code};
            size_t len = strlen(cs->codes[i].code);
            for (const char *p = value; p && *p; p += strcspn(p, ","), p += *p == ',')
                ticked[i] |= strcspn(p, ",") == len && !strncmp(p, cs->codes[i].code, len);
        }
        govuk_checkboxes(h, &(struct govuk_radios){.name = f->name,
                                                   .legend = page_sentence(h->arena, f->label),
                                                   .legend_classes = "govuk-fieldset__legend--s",
                                                   .hint = hint ? hint : "Select all that apply",
                                                   .error = error,
                                                   .items = items,
                                                   .nitems = (size_t)cs->n,
                                                   .checked = ticked});
        return;
    }
    if (cs->n <= RADIOS_MAX) {
        struct govuk_choice *items = arena_alloc(h->arena, (size_t)cs->n * sizeof *items);
        for (int i = 0; i < cs->n; i++)
            items[i] = (struct govuk_choice){cs->codes[i].code, code_label_in(&cs->codes[i], 0),
                                             cs->origin == CODESET_KITH ? NULL : cs->codes[i].code};
        struct govuk_reveal *reveals =
            reveals_of(h, req, fields, f, rec, items, (size_t)cs->n, kin);
        govuk_radios(h, &(struct govuk_radios){.name = f->name,
                                               .legend = page_sentence(h->arena, f->label),
                                               .legend_classes = "govuk-fieldset__legend--s",
                                               .hint = hint,
                                               .error = error,
                                               .value = value,
                                               .items = items,
                                               .nitems = (size_t)cs->n,
                                               .reveals = reveals});
        return;
    }
    struct govuk_option *opts = arena_alloc(h->arena, ((size_t)cs->n + 1) * sizeof *opts);
    opts[0] = (struct govuk_option){"", "Choose one"};
    for (int i = 0; i < cs->n; i++)
        opts[i + 1] = (struct govuk_option){
            cs->codes[i].code,
            arena_printf(h->arena, "%s (%s)", code_label_in(&cs->codes[i], 0), cs->codes[i].code)};
    govuk_select(h, &(struct govuk_field){.name = f->name,
                                          .label = page_sentence(h->arena, f->label),
                                          .hint = hint,
                                          .error = error,
                                          .value = value ? value : "",
                                          .options = opts,
                                          .noptions = (size_t)cs->n + 1});
}

/* A relative chosen from the child's: radios, one for each relative the person may see,
 * with the relationship and whether they hold parental responsibility, and one for
 * someone not recorded among them. */
static void relative_field(struct html *h, const struct http_request *req, const struct field *f,
                           const char *value, const struct kin *kin)
{
    struct arena *a = h->arena;
    struct govuk_choice *items = arena_alloc(a, (kin->n + 1) * sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < kin->n; i++) {
        const struct relative_read *r = &kin->v[i];
        if (!r->visible)
            continue;
        const char *how = code_label(CS_RELATIONSHIP, r->rel.type, 0);
        items[n++] = (struct govuk_choice){
            r->person.public_id,
            arena_printf(a, "%s %s", r->person.given_name, r->person.family_name),
            arena_printf(a, "%s%s", how ? how : r->rel.type,
                         r->rel.parental_responsibility ? ", has parental responsibility" : "")};
    }
    items[n++] =
        (struct govuk_choice){"", "Someone not recorded among the child's relatives", NULL};
    govuk_radios(h, &(struct govuk_radios){.name = f->name,
                                           .legend = page_sentence(a, f->label),
                                           .legend_classes = "govuk-fieldset__legend--s",
                                           .hint = f->hint,
                                           .error = page_error_text(req, f->name),
                                           .value = value ? value : "",
                                           .items = items,
                                           .nitems = n});
}

static void field_input(struct html *h, const struct http_request *req, const struct field *fields,
                        const struct field *f, const void *rec, const struct kin *kin)
{
    struct arena *a = h->arena;
    const char *label = page_sentence(a, f->label);
    if ((f->flags & FIELD_RELATIVE) && kin) {
        relative_field(h, req, f, typed(req, f, rec), kin);
    } else if (f->type == FIELD_DATE) {
        /* a stored date fills the three boxes when the form was not sent back */
        if (rec && !http_param(req, arena_printf(a, "%s-day", f->name))) {
            char buf[REC_TEXT_BUF];
            const char *v = rec_text(f, rec, buf);
            kdate d;
            if (v && !date_parse_iso(v, &d, NULL)) {
                int y, m, dd;
                date_to_ymd(d, &y, &m, &dd);
                struct http_request *r = (struct http_request *)req;
                static const char *const parts[] = {"day", "month", "year"};
                int val[] = {dd, m, y};
                for (size_t i = 0; i < 3 && r->nparams < HTTP_PARAMS_MAX; i++) {
                    r->params[r->nparams].name = arena_printf(a, "%s-%s", f->name, parts[i]);
                    r->params[r->nparams].value = arena_printf(a, "%d", val[i]);
                    r->nparams++;
                }
            }
        }
        page_date_input(h, req, f->name, f->name, label,
                        f->hint ? f->hint : "For example, 27 3 2026");
    } else if (f->flags & FIELD_CODED) {
        coded_field(h, req, fields, f, rec, typed(req, f, rec), kin);
    } else if (f->type == FIELD_BOOL) {
        const char *v = typed(req, f, rec);
        static const struct govuk_choice yn[] = {{"1", "Yes", NULL}, {"0", "No", NULL}};
        struct govuk_reveal *reveals = reveals_of(h, req, fields, f, rec, yn, 2, kin);
        govuk_radios(h, &(struct govuk_radios){
                            .name = f->name,
                            .legend = label,
                            .legend_classes = "govuk-fieldset__legend--s",
                            .hint = f->hint,
                            .error = page_error_text(req, f->name),
                            .value = v && (v[0] == '1' || v[0] == 'y') ? "1" : (v ? "0" : NULL),
                            /* GOV.UK: radios that reveal a question are never inline */
                            .classes = reveals ? NULL : "govuk-radios--inline",
                            .items = yn,
                            .nitems = 2,
                            .reveals = reveals});
    } else if (f->flags & FIELD_MULTILINE) {
        struct govuk_field g = {.name = f->name,
                                .label = label,
                                .hint = f->hint,
                                .error = page_error_text(req, f->name),
                                .value = typed(req, f, rec),
                                .rows = 8};
        if (f->max_len)
            govuk_character_count(h, &g, f->max_len);
        else
            govuk_textarea(h, &g);
    } else {
        const char *v = typed(req, f, rec);
        /* a line with a limit says it, as a character count does for paragraphs */
        const char *hint = f->hint || !f->max_len || f->type != FIELD_TEXT
                               ? f->hint
                               : arena_printf(a, "You can enter up to %d characters", f->max_len);
        govuk_input(h,
                    &(struct govuk_field){.name = f->name,
                                          .label = label,
                                          .hint = hint,
                                          .error = page_error_text(req, f->name),
                                          .value = v ? v : "",
                                          .inputmode = f->type == FIELD_INT       ? "numeric"
                                                       : f->type == FIELD_DECIMAL ? "decimal"
                                                                                  : NULL,
                                          .classes = f->type == FIELD_INT || f->type == FIELD_CHARS
                                                         ? "govuk-input--width-10"
                                                         : NULL});
    }
    html_raw(h, "\n");
}

/* What a form shows and takes: not what kith keeps itself, nor what the place implies. */
static bool on_form(const struct field *f) { return !(f->flags & (FIELD_KEPT | FIELD_IMPLIED)); }

/* The whole form: every field of the table, and for a correction the version it starts
 * from (hidden) and the reason. */
static void record_form(struct html *h, const struct http_request *req, const struct field *fields,
                        const char *action, const void *rec, int version, const char *button,
                        const char *flag, const struct kin *kin)
{
    html_f(h, "<form method=\"post\" action=\"%s\" novalidate>\n", action);
    page_csrf(h, req);
    if (flag) /* a step of the form already taken (a check made): it travels with it */
        html_f(h, "<input type=\"hidden\" name=\"%s\" value=\"1\">\n", flag);
    for (const struct field *f = fields; f->name; f++)
        if (on_form(f) && !f->shown_with) /* those are drawn inside their choice */
            field_input(h, req, fields, f, rec, kin);
    if (version) {
        html_f(h, "<input type=\"hidden\" name=\"version\" value=\"%d\">\n", version);
        const char *reason = http_param(req, "reason");
        govuk_character_count(
            h,
            &(struct govuk_field){.name = "reason",
                                  .label = "Why are you correcting it?",
                                  .hint = "For example, the date was typed wrongly. This is "
                                          "kept with the earlier version.",
                                  .error = page_error_text(req, "reason"),
                                  .value = reason,
                                  .rows = 3},
            2000);
        html_raw(h, "\n");
    }
    govuk_button(h, &(struct govuk_opts){.text = button});
    html_raw(h, "\n</form>\n");
}

/* Read the posted form into `rec`: dates from their three boxes (page_date_read, with
 * GOV.UK's messages), everything else as typed. Field problems go to req->errors. */
static void read_form(struct http_request *req, const struct field *fields, void *rec)
{
    struct field_errors errs;
    field_errors_clear(&errs);
    for (const struct field *f = fields; f->name; f++) {
        if (!on_form(f))
            continue;
        if (f->shown_with) { /* read only when its choice was made */
            size_t n = strcspn(f->shown_with, "=");
            const struct field *of = fields;
            while (of->name && (strlen(of->name) != n || strncmp(of->name, f->shown_with, n)))
                of++;
            const char *chosen = of->name ? http_param(req, of->name) : NULL;
            if (!chosen || !shown_with(f, of, chosen)) { /* absent, as a blank box reads */
                rec_set_text(f, rec, NULL, req->arena, &errs);
                continue;
            }
        }
        if (f->type == FIELD_DATE) {
            kdate d = DATE_NONE;
            char iso[DATE_ISO_LEN];
            /* a date typed whole into one box named like the field (the note's form before
             * the date input) is read too; no record form declares such a box */
            page_date_read(req, f->name, f->name, f->label, false, false, &d);
            rec_set_text(f, rec, d == DATE_NONE ? NULL : date_format_iso(d, iso), req->arena,
                         &errs);
        } else {
            rec_set_text(f, rec, http_param(req, f->name), req->arena, &errs);
        }
    }
    for (size_t i = 0; i < errs.n && req->nerrors < HTTP_FIELD_ERRORS_MAX; i++) {
        req->errors[req->nerrors].field = arena_strdup(req->arena, errs.items[i].field);
        req->errors[req->nerrors].message = arena_strdup(req->arena, errs.items[i].msg);
        req->nerrors++;
    }
}

/* The use case's field problems beside their fields: a date's beside its day box. */
/* Where a saved record is shown: its page, with the CIN census queries the save brought in
 * (casework/cin_live.h) as ?check=CODE,CODE for the page to show beside it. Only the codes
 * travel: the page takes each rule's words from the rule set, never from the address. */
static const char *saved_at(struct http_request *req, const struct rec_type *t, const char *id,
                            const struct cw_err *err)
{
    struct str codes = STR_INIT;
    for (size_t i = 0; i < err->warnings.n; i++) {
        const char *m = err->warnings.items[i].msg, *c = strstr(m, "CIN rule ");
        size_t n = c ? strcspn(c + 9, ":") : 0;
        if (c == m && n && n <= 8)
            str_addf(&codes, "%s%.*s", codes.len ? "," : "", (int)n, c + 9);
    }
    const char *at =
        codes.len ? arena_printf(req->arena, "/records/%s/%s?check=%s", t->name, id, codes.buf)
                  : arena_printf(req->arena, "/records/%s/%s", t->name, id);
    str_release(&codes);
    return at;
}

/* The CIN census queries named in ?check= (saved_at), each with its rule's words in a
 * banner above the record (the record is saved; these are for the person to check), and a
 * form to explain each: an acknowledged query (domain/cin_ack.h) kept with the child. */
static void checks(struct html *h, const struct http_request *req, const struct rec_type *t,
                   const char *record, const char *child)
{
    const char *q = NULL;
    for (size_t i = 0; i < req->nquery; i++)
        if (!strcmp(req->query[i].name, "check"))
            q = req->query[i].value;
    if (!q || !*q || !child || !*child)
        return;
    struct ruleset set;
    ruleset_for(&set, &ret_kind_cin, collection_year(date_today()));
    const struct rule *found[8];
    size_t n = 0;
    char code[12];
    for (const char *p = q; *p && n < 8;) {
        size_t len = strcspn(p, ",");
        snprintf(code, sizeof code, "%.*s", (int)(len < sizeof code ? len : sizeof code - 1), p);
        const struct rule *r = ruleset_find(&set, code);
        if (r && r->severity == RULE_QUERY)
            found[n++] = r;
        p += len + (p[len] == ',');
    }
    struct str body = STR_INIT;
    for (size_t i = 0; i < n; i++)
        str_addf(&body, "%sCIN rule %s: %s", i ? " " : "", found[i]->code, found[i]->message);
    if (n)
        govuk_notification_banner(
            h, &(struct govuk_banner){.text = "Saved. Check what the CIN census rules ask",
                                      .body = arena_strdup(h->arena, body.buf)});
    str_release(&body);
    for (size_t i = 0; i < n; i++) {
        html_f(h, "<form method=\"post\" action=\"/children/%s/records/cin_ack\" novalidate>\n",
               child);
        page_csrf(h, req);
        html_f(h,
               "<input type=\"hidden\" name=\"rule\" value=\"%s\">"
               "<input type=\"hidden\" name=\"record_type\" value=\"%s\">"
               "<input type=\"hidden\" name=\"record\" value=\"%s\">\n"
               "<div class=\"govuk-form-group\"><label class=\"govuk-label\" "
               "for=\"explanation-%d\">Why the record is right as it is (CIN rule %s)</label>"
               "<textarea class=\"govuk-textarea\" id=\"explanation-%d\" name=\"explanation\" "
               "rows=\"2\"></textarea></div>\n"
               "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
               "data-module=\"govuk-button\">Explain query %s</button>\n</form>\n",
               found[i]->code, t->name, record, (int)i, found[i]->code, (int)i, found[i]->code);
    }
    ruleset_release(&set);
}

static int failed(struct http_request *req, struct http_response *res, enum kerr_code rc)
{
    if (rc == KITH_E_NOT_FOUND)
        return http_error_page(req, res, 404, "Page not found", "There is no such record.");
    if (rc == KITH_E_FORBIDDEN) /* a type with no parent, refused by its keepers */
        return http_error_page(req, res, 403, "You cannot see this page",
                               "Your role does not give access to these records.");
    req->cause = rc;
    return http_error_page(req, res, 503, "Sorry, there is a problem with the service",
                           "Nothing was saved. Try again later.");
}

/* The child the path names, as the route's scope check (route_scope_child, in every row
 * of these pages) found it and judged that this account may see it: the pages do not ask
 * again. */
static enum kerr_code child_of(struct http_request *req, struct person *p)
{
    if (!req->scoped_child)
        return KITH_E_NOT_FOUND;
    *p = *req->scoped_child;
    return KITH_OK;
}

static const char *child_name(struct arena *a, const struct person *p)
{
    return arena_printf(a, "%s %s", p->given_name, p->family_name);
}

/* "Add a contact", "Add an assessment": the label with its article. */
static const char *add_one(struct arena *a, const struct rec_type *t)
{
    bool vowel = t->label[0] && strchr("aeiou", t->label[0]);
    return arena_printf(a, "Add %s %s", vowel ? "an" : "a", t->label);
}

/* The relatives of child `child` that a form of type `t` offers (its FIELD_RELATIVE
 * fields), as the person may see them; NULL when the type has no such field, or they
 * cannot be read (the field is then a box for the public id, checked on save). */
static const struct kin *kin_of(struct http_request *req, const struct rec_type *t, int64_t child)
{
    bool wanted = false;
    for (const struct field *f = t->fields; f->name; f++)
        wanted |= (f->flags & FIELD_RELATIVE) != 0;
    if (!wanted || !child)
        return NULL;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct kin *k = arena_zalloc(req->arena, sizeof *k);
    struct relative_read *v;
    struct kerr e = KERR_INIT;
    if (store_relative_list(req->store, child, who.scope, req->arena, &v, &k->n, &e))
        return NULL;
    k->v = v;
    return k;
}

/* --- a child's records of a type ---------------------------------------------------- */

static int render_new(struct http_request *req, struct http_response *res, const struct rec_type *t,
                      const struct person *p, int status)
{
    struct html h;
    html_init(&h, req->arena);
    const char *title = add_one(req->arena, t);
    page_begin(&h, req, title);
    govuk_back_link(&h,
                    &(struct govuk_opts){.text = "Back",
                                         .href = arena_printf(req->arena, "/children/%s/records/%s",
                                                              p->public_id, t->name)});
    page_error_summary(&h, req);
    html_f(&h, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
           child_name(req->arena, p), title);
    record_form(&h, req, t->fields,
                arena_printf(req->arena, "/children/%s/records/%s", p->public_id, t->name), NULL, 0,
                arena_printf(req->arena, "Save %s", t->label), NULL, kin_of(req, t, p->id));
    return page_end(&h, res, status);
}

int page_records_new(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = rec_type_named(req->path_args[1]);
    struct person p;
    if (!t || !t->parent)
        return failed(req, res, KITH_E_NOT_FOUND);
    enum kerr_code rc = child_of(req, &p);
    if (rc)
        return failed(req, res, rc);
    return render_new(req, res, t, &p, 200);
}

int page_records_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = rec_type_named(req->path_args[1]);
    struct person p;
    if (!t || !t->parent)
        return failed(req, res, KITH_E_NOT_FOUND);
    enum kerr_code rc = child_of(req, &p);
    if (rc)
        return failed(req, res, rc);
    void *rec = arena_zalloc(req->arena, t->size);
    read_form(req, t->fields, rec);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    if (req->nerrors) {
        /* the form's own problems, and the checks' on what could be read, together */
        return render_new(req, res, t, &p, 422);
    }
    rec_head(t, rec)->parent_id = p.id;
    rc = cw_rec_add(req->store, &who, t, rec, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE) {
        page_cw_errors(req, t->fields, &err, "version");
        return render_new(req, res, t, &p, 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, saved_at(req, t, rec_head(t, rec)->public_id, &err));
}

/* A page of records as a table: the order date (a link to the record), the title, the
 * version. */
static void records_table(struct html *h, struct http_request *req, const struct rec_type *t,
                          const void *rows, size_t n)
{
    int o = t->order ? rec_field_index(t, t->order) : -1;
    int ti = t->title ? rec_field_index(t, t->title) : -1;
    const struct govuk_cell head[] = {
        {.text = o >= 0 ? page_sentence(req->arena, t->fields[o].label) : "Recorded"},
        {.text = ti >= 0 ? page_sentence(req->arena, t->fields[ti].label) : "Record"},
        {.text = "Version", .format = "numeric"}};
    govuk_table_begin(h, &(struct govuk_table){.caption = NULL, .head = head, .nhead = 3});
    for (size_t i = 0; i < n; i++) {
        const void *rec = (const char *)rows + i * t->size;
        const struct rec_head *rh = rec_chead(t, rec);
        const char *href = arena_printf(req->arena, "/records/%s/%s", t->name, rh->public_id);
        govuk_table_row_begin(h);
        govuk_table_cell(
            h,
            &(struct govuk_cell){.text = o >= 0 ? rec_shown(&t->fields[o], rec, req->arena) : "",
                                 .href = href},
            false);
        govuk_table_cell(
            h,
            &(struct govuk_cell){.text = ti >= 0 ? rec_shown(&t->fields[ti], rec, req->arena) : ""},
            false);
        govuk_table_cell(h,
                         &(struct govuk_cell){.text = arena_printf(req->arena, "%d", rh->version),
                                              .format = "numeric"},
                         false);
        govuk_table_row_end(h);
    }
    govuk_table_end(h);
}

int page_records_list(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = rec_type_named(req->path_args[1]);
    struct person p;
    if (!t || !t->parent)
        return failed(req, res, KITH_E_NOT_FOUND);
    enum kerr_code rc = child_of(req, &p);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    void *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    long page = page_number(req);
    if (!rc)
        rc = cw_rec_list(req->store, &who, t, p.id, LIST_PAGE, (size_t)(page - 1) * LIST_PAGE,
                         req->arena, &rows, &n, &total, &err);
    if (rc)
        return failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    const char *title = page_sentence(req->arena, t->plural);
    page_begin(&h, req, title);
    govuk_back_link(
        &h, &(struct govuk_opts){.text = "Back to the child's record",
                                 .href = arena_printf(req->arena, "/children/%s", p.public_id)});
    html_f(&h, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
           child_name(req->arena, &p), title);
    if (req->principal->perms & ROUTE_NOTE_WRITE)
        govuk_button(
            &h, &(struct govuk_opts){.text = add_one(req->arena, t),
                                     .href = arena_printf(req->arena, "/children/%s/records/%s/new",
                                                          p.public_id, t->name)});
    if (!total) {
        html_f(&h, "<p class=\"govuk-body\">No %s recorded.</p>\n", t->plural);
        return page_end(&h, res, 200);
    }
    page_count_line(&h, (size_t)(page - 1) * LIST_PAGE, n, total, t->label,
                    arena_printf(req->arena, "%s, newest first", t->plural));
    records_table(&h, req, t, rows, n);
    page_pagination(&h, arena_printf(req->arena, "/children/%s/records/%s", p.public_id, t->name),
                    page, LIST_PAGE, total);
    return page_end(&h, res, 200);
}

/* --- the records of a type that hangs off no child, for its keepers ------------------- */

/* The type the path names, one with no parent (the router's scope, route_scope_kept, let
 * only its keepers through; the use case asks again and audits). */
static const struct rec_type *kept_type(const struct http_request *req)
{
    const struct rec_type *t = rec_type_named(req->path_args[0]);
    return t && !t->parent ? t : NULL;
}

/* Whether the account writes records of `t`: its keepers' writers (cw_rec_may). */
static bool writes(struct http_request *req, const struct rec_type *t)
{
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    return cw_rec_may(&who, t, true);
}

static int render_kept_new(struct http_request *req, struct http_response *res,
                           const struct rec_type *t, int status)
{
    struct html h;
    html_init(&h, req->arena);
    const char *title = add_one(req->arena, t);
    page_begin(&h, req, title);
    govuk_back_link(&h,
                    &(struct govuk_opts){.text = page_sentence(req->arena, t->plural),
                                         .href = arena_printf(req->arena, "/records/%s", t->name)});
    page_error_summary(&h, req);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    record_form(&h, req, t->fields, arena_printf(req->arena, "/records/%s", t->name), NULL, 0,
                arena_printf(req->arena, "Save %s", t->label), NULL, NULL);
    return page_end(&h, res, status);
}

int page_kept_list(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = kept_type(req);
    if (!t)
        return failed(req, res, KITH_E_NOT_FOUND);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    void *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    long page = page_number(req);
    enum kerr_code rc =
        cw_rec_list(req->store, &who, t, 0, LIST_PAGE, (size_t)(page - 1) * LIST_PAGE, req->arena,
                    &rows, &n, &total, &err);
    if (rc)
        return failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    const char *title = page_sentence(req->arena, t->plural);
    page_begin(&h, req, title);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    if (writes(req, t))
        govuk_button(
            &h, &(struct govuk_opts){.text = add_one(req->arena, t),
                                     .href = arena_printf(req->arena, "/records/%s/new", t->name)});
    if (!total) {
        html_f(&h, "<p class=\"govuk-body\">No %s recorded.</p>\n", t->plural);
        return page_end(&h, res, 200);
    }
    page_count_line(&h, (size_t)(page - 1) * LIST_PAGE, n, total, t->label,
                    arena_printf(req->arena, "%s, newest first", t->plural));
    records_table(&h, req, t, rows, n);
    page_pagination(&h, arena_printf(req->arena, "/records/%s", t->name), page, LIST_PAGE, total);
    return page_end(&h, res, 200);
}

int page_kept_new(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = kept_type(req);
    return t ? render_kept_new(req, res, t, 200) : failed(req, res, KITH_E_NOT_FOUND);
}

int page_kept_add(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = kept_type(req);
    if (!t)
        return failed(req, res, KITH_E_NOT_FOUND);
    void *rec = arena_zalloc(req->arena, t->size);
    read_form(req, t->fields, rec);
    if (req->nerrors) /* the form's own problems, and the checks' on what could be read */
        return render_kept_new(req, res, t, 422);
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_rec_add(req->store, &who, t, rec, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE) {
        page_cw_errors(req, t->fields, &err, "version");
        return render_kept_new(req, res, t, 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, saved_at(req, t, rec_head(t, rec)->public_id, &err));
}

/* --- one record ---------------------------------------------------------------------- */

/* The links to other records kith set on this one (a step's), each to that record. */
static void links(struct html *h, struct arena *a, const struct rec_type *t, const void *rec)
{
    char buf[REC_TEXT_BUF];
    bool any = false;
    for (const struct field *f = t->fields; f->name; f++) {
        const char *v = f->link ? rec_text(f, rec, buf) : NULL;
        if (!v)
            continue;
        if (!any)
            html_raw(h, "<h2 class=\"govuk-heading-s\">Linked records</h2>\n"
                        "<ul class=\"govuk-list\" id=\"linked-records\">\n");
        any = true;
        html_f(h, "<li>%s: <a class=\"govuk-link\" href=\"/records/%s/%s\">%s</a></li>\n",
               page_sentence(a, f->label), f->link, v, v);
    }
    if (any)
        html_raw(h, "</ul>\n");
}

static void summary(struct html *h, struct arena *a, const struct rec_type *t, const void *rec)
{
    size_t n = rec_nfields(t);
    struct govuk_summary_row *rows = arena_alloc(a, n * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct govuk_summary_row){page_sentence(a, t->fields[i].label),
                                             rec_shown(&t->fields[i], rec, a)};
    /* multi-line text keeps its paragraphs: the summary list holds text only, so such a
     * field follows it as paragraphs of its own; a link follows it as a link */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!(t->fields[i].flags & FIELD_MULTILINE) && !t->fields[i].link)
            rows[k++] = rows[i];
    govuk_summary_list(h, &(struct govuk_summary_list){.rows = rows, .nrows = k});
    links(h, a, t, rec);
    char buf[REC_TEXT_BUF];
    for (size_t i = 0; i < n; i++)
        if (t->fields[i].flags & FIELD_MULTILINE) {
            html_f(h, "<h2 class=\"govuk-heading-s\">%s</h2>\n",
                   page_sentence(a, t->fields[i].label));
            const char *v = rec_text(&t->fields[i], rec, buf);
            page_paragraphs(h, v ? v : "Not recorded");
        }
}

static const char *when(struct arena *a, int64_t t)
{
    time_t at = (time_t)t;
    struct tm tm;
    char buf[40];
    gmtime_r(&at, &tm);
    strftime(buf, sizeof buf, "%d/%m/%Y at %H:%M UTC", &tm);
    return arena_strdup(a, buf);
}

/* The record the path names (/records/{type}/{rid}), read through the use case, which
 * checks the caller's scope and audits the view; `scope` must outlive `who`. */
static enum kerr_code path_record(struct http_request *req, struct actor *who,
                                  struct store_scope *scope, struct cw_err *err,
                                  const struct rec_type **t, void **rec)
{
    cw_err_clear(err);
    *t = rec_type_named(req->path_args[0]);
    if (!*t)
        return KITH_E_NOT_FOUND;
    *rec = arena_zalloc(req->arena, (*t)->size);
    *who = web_actor(req, scope);
    return cw_rec_view(req->store, who, *t, req->path_args[1], req->arena, *rec, err);
}

/* --- stepping between family help and a CIN episode (casework/step.h) ---------------- */

struct step_page {
    const struct rec_type *from, *to;
    const char *closed_field; /* the `from` record's date that says it is closed */
    const char *title, *lead, *button;
};

static const struct step_page step_pages[] = {
    {&family_help_type, &referral_type, "closure_date", "Step up to child in need",
     "The family help episode closes as stepped up on the day of this referral, and the two "
     "records are linked.",
     "Record the referral and step up"},
    {&referral_type, &family_help_type, "closure_date", "Step down to family help",
     "The CIN episode closes on the day and for the reason you give, the family help episode "
     "opens, and the two records are linked.",
     "Close the CIN episode and open family help"},
};

/* The step from a record of type `from` (into type `to`; NULL: any); NULL when none. */
static const struct step_page *step_from(const struct rec_type *from, const char *to)
{
    for (size_t i = 0; i < sizeof step_pages / sizeof step_pages[0]; i++)
        if (step_pages[i].from == from && (!to || !strcmp(step_pages[i].to->name, to)))
            return &step_pages[i];
    return NULL;
}

static bool closed(const struct step_page *st, const void *rec)
{
    int fi = rec_field_index(st->from, st->closed_field);
    char buf[REC_TEXT_BUF];
    return fi >= 0 && rec_text(&st->from->fields[fi], rec, buf);
}

/* The fields a step's form holds: the new record's, and a step-down's closure of the CIN
 * episode (so an error on either goes beside its box). */
static const struct field *step_fields(struct arena *a, const struct step_page *st)
{
    size_t n = rec_nfields(st->to), m = 0;
    while (step_down_fields[m].name)
        m++;
    struct field *v = arena_zalloc(a, (n + m + 1) * sizeof *v);
    memcpy(v, st->to->fields, n * sizeof *v);
    memcpy(v + n, step_down_fields, m * sizeof *v);
    return v;
}

static int render_step(struct http_request *req, struct http_response *res,
                       const struct step_page *st, const void *from, const void *fresh,
                       const struct step_down *close, int status)
{
    const struct rec_head *rh = rec_chead(st->from, from);
    struct person p = {0};
    store_person_get(req->store, rh->parent_id, req->arena, &p, NULL);
    const char *back = arena_printf(req->arena, "/records/%s/%s", st->from->name, rh->public_id);
    struct html h;
    html_init(&h, req->arena);
    page_begin(&h, req, st->title);
    govuk_back_link(&h, &(struct govuk_opts){.text = "Back", .href = back});
    page_error_summary(&h, req);
    html_f(&h,
           "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n"
           "<p class=\"govuk-body\">%s</p>\n",
           child_name(req->arena, &p), st->title, st->lead);
    html_f(&h, "<form method=\"post\" action=\"%s/step/%s\" novalidate>\n", back, st->to->name);
    page_csrf(&h, req);
    html_f(&h, "<input type=\"hidden\" name=\"version\" value=\"%d\">\n", rh->version);
    if (st->to == &family_help_type) { /* the CIN episode's closure, then the new episode */
        for (const struct field *f = step_down_fields; f->name; f++)
            field_input(&h, req, step_down_fields, f, close, NULL);
        html_f(&h, "<h2 class=\"govuk-heading-m\">The %s</h2>\n", st->to->label);
    }
    for (const struct field *f = st->to->fields; f->name; f++)
        if (on_form(f) && !f->shown_with)
            field_input(&h, req, st->to->fields, f, fresh, NULL);
    govuk_button(&h, &(struct govuk_opts){.text = st->button});
    html_raw(&h, "\n</form>\n");
    return page_end(&h, res, status);
}

/* The record a step's path names (path_record: scope and the audited view) and its step
 * into the path's {type}; KITH_E_NOT_FOUND when there is no such step. */
static enum kerr_code path_step(struct http_request *req, struct actor *who,
                                struct store_scope *scope, struct cw_err *err, void **rec,
                                const struct step_page **st)
{
    const struct rec_type *t;
    enum kerr_code rc = path_record(req, who, scope, err, &t, rec);
    *st = rc ? NULL : step_from(t, req->path_args[2]);
    return rc ? rc : *st ? KITH_OK : KITH_E_NOT_FOUND;
}

int page_record_step(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    void *rec;
    const struct step_page *st;
    struct store_scope scope;
    struct actor who;
    struct cw_err err;
    enum kerr_code rc = path_step(req, &who, &scope, &err, &rec, &st);
    if (rc)
        return failed(req, res, rc);
    return render_step(req, res, st, rec, NULL, NULL, 200);
}

int page_record_step_post(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    void *rec;
    const struct step_page *st;
    struct store_scope scope;
    struct actor who;
    struct cw_err err;
    enum kerr_code rc = path_step(req, &who, &scope, &err, &rec, &st);
    if (rc)
        return failed(req, res, rc);
    void *fresh = arena_zalloc(req->arena, st->to->size);
    read_form(req, st->to->fields, fresh);
    struct step_down close = {DATE_NONE, ""};
    if (st->to == &family_help_type)
        read_form(req, step_down_fields, &close);
    const char *v = http_param(req, "version");
    int version = v && *v ? (int)strtol(v, NULL, 10) : 0;
    if (req->nerrors)
        return render_step(req, res, st, rec, fresh, &close, 422);
    const char *id = rec_chead(st->from, rec)->public_id;
    rc = st->to == &referral_type
             ? cw_step_up(req->store, &who, id, version, fresh, req->arena, &err)
             : cw_step_down(req->store, &who, id, version, &close, fresh, req->arena, &err);
    if (rc == KITH_E_INVALID || rc == KITH_E_CONFLICT) {
        page_cw_errors(req, step_fields(req->arena, st), &err, "version");
        return render_step(req, res, st, rec, fresh, &close, rc == KITH_E_CONFLICT ? 409 : 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, saved_at(req, st->to, rec_head(st->to, fresh)->public_id, &err));
}

int page_record(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t;
    void *rec;
    struct store_scope scope;
    struct actor who;
    struct cw_err err;
    enum kerr_code rc = path_record(req, &who, &scope, &err, &t, &rec);
    if (rc)
        return failed(req, res, rc);
    const struct rec_head *rh = rec_chead(t, rec);
    struct person p = {0};
    if (t->parent)
        store_person_get(req->store, rh->parent_id, req->arena, &p, NULL);
    struct html h;
    html_init(&h, req->arena);
    const char *title = page_sentence(req->arena, t->label);
    page_begin(&h, req, title);
    govuk_back_link(&h, &(struct govuk_opts){
                            .text = arena_printf(req->arena, "All %s", t->plural),
                            .href = t->parent ? arena_printf(req->arena, "/children/%s/records/%s",
                                                             p.public_id, t->name)
                                              : arena_printf(req->arena, "/records/%s", t->name)});
    checks(&h, req, t, rh->public_id, t->parent ? p.public_id : NULL);
    html_f(&h, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
           t->parent ? child_name(req->arena, &p) : "", title);
    summary(&h, req->arena, t, rec);
    html_f(&h, "<p class=\"govuk-body-s\">Version %d, written %s", rh->version,
           when(req->arena, rh->updated_at));
    if (rh->reason) {
        html_raw(&h, ". Corrected because: ");
        html_text(&h, rh->reason);
    }
    html_raw(&h, ".</p>\n");
    bool writer = t->parent ? (req->principal->perms & ROUTE_NOTE_WRITE) != 0 : writes(req, t);
    if (writer)
        govuk_button(&h,
                     &(struct govuk_opts){.text = "Correct this record",
                                          .classes = "govuk-button--secondary",
                                          .href = arena_printf(req->arena, "/records/%s/%s/edit",
                                                               t->name, rh->public_id)});
    const struct step_page *st = step_from(t, NULL);
    if (st && !closed(st, rec) && (req->principal->perms & ROUTE_NOTE_WRITE))
        govuk_button(
            &h, &(struct govuk_opts){.text = st->title,
                                     .classes = "govuk-button--secondary",
                                     .href = arena_printf(req->arena, "/records/%s/%s/step/%s",
                                                          t->name, rh->public_id, st->to->name)});
    if (rh->version > 1)
        html_f(&h,
               "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/records/%s/%s/history\">"
               "See the %d versions</a></p>\n",
               t->name, rh->public_id, rh->version);
    if (t->parent && (req->principal->perms & ROUTE_NOTE_WRITE))
        html_f(&h,
               "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/records/%s/%s/delete\">"
               "Delete this %s (entered in error)</a></p>\n",
               t->name, rh->public_id, t->label);
    return page_end(&h, res, 200);
}

static int render_edit(struct http_request *req, struct http_response *res,
                       const struct rec_type *t, const void *rec, const void *current, int status)
{
    const struct rec_head *rh = rec_chead(t, current ? current : rec);
    struct html h;
    html_init(&h, req->arena);
    const char *title = arena_printf(req->arena, "Correct this %s", t->label);
    page_begin(&h, req, title);
    govuk_back_link(&h, &(struct govuk_opts){.text = "Back",
                                             .href = arena_printf(req->arena, "/records/%s/%s",
                                                                  t->name, rh->public_id)});
    page_error_summary(&h, req);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    if (current) {
        /* Someone else saved first: their version, then the form with what this person
         * typed, ready to save on top of theirs once read. */
        govuk_notification_banner(
            &h, &(struct govuk_banner){
                    .title = "Important",
                    .text = arena_printf(req->arena,
                                         "Someone else corrected this %s while you were "
                                         "writing (it is now version %d). Nothing you typed "
                                         "was lost: read their version, then save yours if it "
                                         "is still right.",
                                         t->label, rh->version)});
        html_f(&h, "<h2 class=\"govuk-heading-m\">Their version (%d)</h2>\n", rh->version);
        summary(&h, req->arena, t, current);
        html_raw(&h, "<h2 class=\"govuk-heading-m\">Yours</h2>\n");
    }
    record_form(&h, req, t->fields,
                arena_printf(req->arena, "/records/%s/%s", t->name, rh->public_id), rec,
                rh->version, "Save the correction", NULL, kin_of(req, t, rh->parent_id));
    return page_end(&h, res, status);
}

int page_record_edit(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t;
    void *rec;
    struct store_scope scope;
    struct actor who;
    struct cw_err err;
    enum kerr_code rc = path_record(req, &who, &scope, &err, &t, &rec);
    if (rc)
        return failed(req, res, rc);
    return render_edit(req, res, t, rec, NULL, 200);
}

int page_record_correct(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t;
    void *rec;
    struct store_scope scope;
    struct actor who;
    struct cw_err err;
    enum kerr_code rc = path_record(req, &who, &scope, &err, &t, &rec);
    if (rc)
        return failed(req, res, rc);
    struct rec_head *rh = rec_head(t, rec);
    int stored = rh->version;
    read_form(req, t->fields, rec);
    const char *version = http_param(req, "version");
    rh->version = version && *version ? (int)strtol(version, NULL, 10) : stored;
    const char *reason = http_param(req, "reason");
    rh->reason = reason && reason[strspn(reason, " \t\r\n")] ? reason : NULL;
    if (req->nerrors)
        return render_edit(req, res, t, rec, NULL, 422);
    rc = cw_rec_correct(req->store, &who, t, rec, req->arena, &err);
    if (rc == KITH_E_CONFLICT && err.current) {
        /* the hidden version becomes theirs, so saving again is a deliberate choice */
        for (size_t i = 0; i < req->nparams; i++)
            if (!strcmp(req->params[i].name, "version"))
                req->params[i].value =
                    arena_printf(req->arena, "%d", rec_chead(t, err.current)->version);
        return render_edit(req, res, t, rec, err.current, 409);
    }
    if (rc == KITH_E_INVALID || rc == KITH_E_TOO_LARGE) {
        page_cw_errors(req, t->fields, &err, "version");
        return render_edit(req, res, t, rec, NULL, 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(res, saved_at(req, t, rh->public_id, &err));
}

int page_record_history(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t = rec_type_named(req->path_args[0]);
    if (!t)
        return failed(req, res, KITH_E_NOT_FOUND);
    void *rows;
    size_t n;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc =
        cw_rec_history(req->store, &who, t, req->path_args[1], req->arena, &rows, &n, &err);
    if (rc)
        return failed(req, res, rc);
    struct html h;
    html_init(&h, req->arena);
    const char *title = arena_printf(req->arena, "Every version of this %s", t->label);
    page_begin(&h, req, title);
    govuk_back_link(&h,
                    &(struct govuk_opts){.text = "Back",
                                         .href = arena_printf(req->arena, "/records/%s/%s", t->name,
                                                              rec_chead(t, rows)->public_id)});
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    for (size_t i = n; i-- > 0;) {
        const void *rec = (const char *)rows + i * t->size;
        const struct rec_head *rh = rec_chead(t, rec);
        html_f(&h, "<h2 class=\"govuk-heading-m\">Version %d%s</h2>\n", rh->version,
               i == n - 1 ? " (as it reads now)" : "");
        html_f(&h, "<p class=\"govuk-body-s\">Written %s", when(req->arena, rh->updated_at));
        if (rh->reason) {
            html_raw(&h, ", because: ");
            html_text(&h, rh->reason);
        }
        html_raw(&h, ".</p>\n");
        summary(&h, req->arena, t, rec);
    }
    return page_end(&h, res, 200);
}

/* --- for other pages that edit a record type from its description ---------------------- */

void page_rec_form(struct html *h, const struct http_request *req, const struct rec_type *t,
                   const char *action, const void *rec, int version, const char *button)
{
    record_form(h, req, t->fields, action, rec, version, button, NULL, NULL);
}

void page_rec_read(struct http_request *req, const struct rec_type *t, void *rec)
{
    read_form(req, t->fields, rec);
}

void page_rec_summary(struct html *h, struct arena *a, const struct rec_type *t, const void *rec)
{
    summary(h, a, t, rec);
}

void page_fields_form(struct html *h, const struct http_request *req, const struct field *fields,
                      const char *action, const void *rec, const char *button, const char *flag)
{
    record_form(h, req, fields, action, rec, 0, button, flag, NULL);
}

void page_fields_read(struct http_request *req, const struct field *fields, void *rec)
{
    read_form(req, fields, rec);
}

/* --- deleting a record entered in error (cw_rec_delete) -------------------------------- */

static int render_delete(struct http_request *req, struct http_response *res,
                         const struct rec_type *t, const void *rec, int status)
{
    const struct rec_head *rh = rec_chead(t, rec);
    struct html h;
    html_init(&h, req->arena);
    const char *title = arena_printf(req->arena, "Delete this %s", t->label);
    page_begin(&h, req, title);
    govuk_back_link(&h, &(struct govuk_opts){.text = "Back",
                                             .href = arena_printf(req->arena, "/records/%s/%s",
                                                                  t->name, rh->public_id)});
    page_error_summary(&h, req);
    html_f(&h, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    govuk_inset_text(
        &h, &(struct govuk_opts){.text = "Only delete a record that was entered in error: on the "
                                         "wrong child, twice, or never true. It leaves the child's "
                                         "record, work and returns. Its versions are kept, and who "
                                         "deleted it and why is recorded. To put a mistake right "
                                         "in a record that is true, correct it instead."});
    summary(&h, req->arena, t, rec);
    html_f(&h, "<form method=\"post\" action=\"/records/%s/%s/delete\" novalidate>\n", t->name,
           rh->public_id);
    page_csrf(&h, req);
    const char *version = http_param(req, "version");
    html_f(&h, "<input type=\"hidden\" name=\"version\" value=\"%d\">\n",
           version && *version ? (int)strtol(version, NULL, 10) : rh->version);
    const char *reason = http_param(req, "reason");
    govuk_textarea(&h, &(struct govuk_field){.name = "reason",
                                             .label = "Why was it entered in error?",
                                             .label_classes = "govuk-label--m",
                                             .error = page_error_text(req, "reason"),
                                             .value = reason ? reason : "",
                                             .rows = 3});
    govuk_button(&h,
                 &(struct govuk_opts){.text = arena_printf(req->arena, "Delete this %s", t->label),
                                      .classes = "govuk-button--warning"});
    html_raw(&h, "</form>\n");
    return page_end(&h, res, status);
}

int page_record_delete(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    const struct rec_type *t;
    void *rec;
    struct store_scope scope;
    struct actor who;
    struct cw_err err;
    enum kerr_code rc = path_record(req, &who, &scope, &err, &t, &rec);
    if (rc)
        return failed(req, res, rc);
    return render_delete(req, res, t, rec, 200);
}

int page_record_delete_post(struct http_app *app, struct http_request *req,
                            struct http_response *res)
{
    (void)app;
    const struct rec_type *t;
    void *rec;
    struct store_scope scope;
    struct actor who;
    struct cw_err err;
    enum kerr_code rc = path_record(req, &who, &scope, &err, &t, &rec);
    if (rc)
        return failed(req, res, rc);
    const struct rec_head *rh = rec_chead(t, rec);
    const char *version = http_param(req, "version");
    const char *reason = http_param(req, "reason");
    if (req->nerrors)
        return render_delete(req, res, t, rec, 422);
    struct person p = {0};
    if (t->parent)
        store_person_get(req->store, rh->parent_id, req->arena, &p, NULL);
    cw_err_clear(&err);
    rc = cw_rec_delete(req->store, &who, t, rh->public_id,
                       version && *version ? (int)strtol(version, NULL, 10) : rh->version,
                       reason && reason[strspn(reason, " \t\r\n")] ? reason : NULL, req->arena,
                       &err);
    if (rc == KITH_E_CONFLICT && err.current) /* deleting what it now is: a choice made again */
        for (size_t i = 0; i < req->nparams; i++)
            if (!strcmp(req->params[i].name, "version"))
                req->params[i].value =
                    arena_printf(req->arena, "%d", rec_chead(t, err.current)->version);
    if (rc == KITH_E_INVALID || rc == KITH_E_CONFLICT) {
        page_cw_errors(req, t->fields, &err, "reason");
        /* the refusal names the record's own fields (a rule it would break), which this
         * page does not show: its words go beside the one box there is, and the summary's
         * link leads there */
        for (size_t i = 0; i < req->nerrors; i++)
            if (strcmp(req->errors[i].field, "reason") != 0)
                req->errors[i].field = "reason";
        return render_delete(req, res, t, err.current ? err.current : rec,
                             rc == KITH_E_CONFLICT ? 409 : 422);
    }
    if (rc)
        return failed(req, res, rc);
    return page_redirect(
        res, t->parent ? arena_printf(req->arena, "/children/%s/records/%s", p.public_id, t->name)
                       : "/");
}
