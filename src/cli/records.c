/*
 * Shared pieces of the record commands (see records.h). Records are printed as aligned
 * "label  value" lines for one record and as columns for lists, both meant for a person
 * at a terminal; machine-readable output belongs to the JSON API.
 */
#include "cli/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codeset.h"
#include "store/store.h"

#define RECENT_NOTES 5

enum kerr_code cli_page(struct cli *c, long limit, long offset, size_t *qlimit, size_t *qoffset)
{
    if (limit < 0 || limit > STORE_PAGE_MAX)
        return kerr_fail(&c->err, KITH_E_USAGE, "limit", "%ld is not from 1 to %d", limit,
                         STORE_PAGE_MAX);
    if (offset < 0)
        return kerr_fail(&c->err, KITH_E_USAGE, "offset", "%ld is negative", offset);
    *qlimit = (size_t)limit;
    *qoffset = (size_t)offset;
    return KITH_OK;
}

enum kerr_code cli_worker_id(struct cli *c, const char *ref, int64_t *id)
{
    struct worker w;
    enum kerr_code rc = store_worker_find(c->store, ref, &c->arena, &w, &c->err);
    *id = rc ? 0 : w.id;
    return rc;
}

enum kerr_code cli_team_id(struct cli *c, const char *ref, int64_t *id)
{
    struct team t;
    enum kerr_code rc = store_team_find(c->store, ref, &c->arena, &t, &c->err);
    *id = rc ? 0 : t.id;
    return rc;
}

enum kerr_code cli_child_id(struct cli *c, const char *ref, int64_t *id)
{
    struct person p;
    enum kerr_code rc = store_person_find(c->store, ref, &c->arena, &p, &c->err);
    if (!rc && p.kind != PERSON_CHILD)
        rc = kerr_fail(&c->err, KITH_E_NOT_FOUND, NULL, "'%s' is not a child's record", ref);
    *id = rc ? 0 : p.id;
    return rc;
}

const char *cli_operator(struct cli *c)
{
    const char *login = getenv("USER");
    return arena_printf(&c->arena, "cli:%s", login && *login ? login : "unknown");
}

struct actor cli_actor(struct cli *c)
{
    return (struct actor){.user_id = 0,
                          .username = cli_operator(c),
                          .role = "operator",
                          .scope = NULL,
                          .request_id = "cli",
                          .now = (int64_t)time(NULL),
                          .today = date_today()};
}

enum kerr_code cli_refused(struct cli *c, enum kerr_code rc, const struct cw_err *err,
                           const char *prefix)
{
    if (!rc)
        return rc;
    for (size_t i = 0; err->fields.n > 1 && i < err->fields.n; i++)
        cli_fshow(stderr, "  %s%s: %s\n", prefix, err->fields.items[i].field,
                  err->fields.items[i].msg);
    if (c->err.code == KITH_OK)
        c->err = err->e;
    return rc;
}

const char *cli_date(struct cli *c, kdate d)
{
    char buf[32];
    return d == DATE_NONE ? "-" : arena_strdup(&c->arena, date_format_dmy(d, buf));
}

static void line(struct cli *c, const char *label, const char *value)
{
    if (value && *value)
        cli_printf(c, "  %-16s %s\n", label, value);
}

static const char *code_with_label(struct cli *c, enum codeset_id set, const char *code)
{
    if (!code || !*code)
        return NULL;
    const char *label = code_label(set, code, 0);
    return label ? arena_printf(&c->arena, "%s  %s", code, label) : code;
}

/* The label of a code, or the code itself when the set has no such code (an old record). */
static const char *label_or_code(enum codeset_id set, const char *code)
{
    const char *label = code ? code_label(set, code, 0) : NULL;
    return label ? label : code ? code : "";
}

static const char *vocab_text(enum codeset_id set, int value)
{
    const char *label = vocab_label(set, value);
    return label ? label : "?";
}

static const char *date_text(struct cli *c, kdate d)
{
    if (d == DATE_NONE)
        return "";
    return date_format_iso(d, arena_alloc(&c->arena, DATE_ISO_LEN));
}

/* A relative's name and public id, as an offer's --relative takes it. */
static const char *person_name(struct cli *c, int64_t id)
{
    struct person p;
    if (store_person_get(c->store, id, &c->arena, &p, NULL))
        return "(unknown person)";
    return arena_printf(&c->arena, "%s %s (%s)", p.given_name, p.family_name, p.public_id);
}

static const char *worker_text(struct cli *c, int64_t id)
{
    struct worker w;
    if (store_worker_get(c->store, id, &c->arena, &w, NULL))
        return "(unknown worker)";
    return arena_printf(&c->arena, "%s %s (%s)", w.given_name, w.family_name, w.public_id);
}

static void print_identity(struct cli *c, const struct person *p)
{
    kdate today = date_today();
    cli_printf(c, "%s %s\n", p->given_name, p->family_name);
    line(c, "public id", p->public_id);
    line(c, "LA child id", p->la_child_id);
    if (p->dob != DATE_NONE)
        line(c, "date of birth",
             arena_printf(&c->arena, "%s (age %d)", date_text(c, p->dob),
                          date_age_on(p->dob, p->death != DATE_NONE ? p->death : today)));
    line(c, "expected birth", date_text(c, p->expected_dob));
    line(c, "died", date_text(c, p->death));
    line(c, "sex", code_with_label(c, CS_SEX, (char[2]){p->sex, '\0'}));
    line(c, "ethnicity", code_with_label(c, CS_ETHNICITY, p->ethnicity));
    line(c, "UPN", p->upn);
    line(c, "former UPN", p->former_upn);
    line(c, "UPN unknown", code_with_label(c, CS_UPN_UNKNOWN, p->upn_unknown));
    if (p->nhs_number[0])
        line(c, "NHS number",
             arena_printf(&c->arena, "%.3s %.3s %.4s (%s)", p->nhs_number, p->nhs_number + 3,
                          p->nhs_number + 6, label_or_code(CS_NHS_SOURCE, p->nhs_source)));
    else if (p->nhs_unknown[0])
        line(c, "NHS number",
             arena_printf(&c->arena, "not known: %s%s%s",
                          label_or_code(CS_NHS_UNKNOWN, p->nhs_unknown),
                          p->nhs_unknown_text && *p->nhs_unknown_text ? ": " : "",
                          p->nhs_unknown_text ? p->nhs_unknown_text : ""));
    line(c, "postcode", p->postcode);
    struct str dis = STR_INIT;
    for (int i = 0; i < p->n_disabilities; i++)
        str_addf(&dis, "%s%s", i ? ", " : "", p->disabilities[i]);
    line(c, "disabilities", p->n_disabilities ? arena_strdup(&c->arena, dis.buf) : "none recorded");
    str_release(&dis);
    line(c, "UASC",
         p->uasc ? (p->uasc_ceased != DATE_NONE
                        ? arena_printf(&c->arena, "yes, until %s", date_text(c, p->uasc_ceased))
                        : "yes")
                 : "no");
    line(c, "record opened", date_text(c, p->created));
}

enum kerr_code cli_print_child(struct cli *c, const struct person *p)
{
    if (p->kind != PERSON_CHILD)
        return kerr_fail(&c->err, KITH_E_NOT_FOUND, NULL, "'%s' is not a child's record",
                         p->public_id);
    print_identity(c, p);

    struct relationship *rel;
    size_t nrel;
    enum kerr_code rc = store_relationship_list(c->store, p->id, &c->arena, &rel, &nrel, &c->err);
    if (rc)
        return rc;
    cli_printf(c, "\nrelationships (%zu)\n", nrel);
    for (size_t i = 0; i < nrel; i++)
        cli_printf(c, "  %-16s %s%s\n", label_or_code(CS_RELATIONSHIP, rel[i].type),
                   person_name(c, rel[i].other_id),
                   rel[i].parental_responsibility ? ", parental responsibility" : "");

    struct allocation *al;
    size_t nal;
    rc = store_allocation_list(c->store, p->id, &c->arena, &al, &nal, &c->err);
    if (rc)
        return rc;
    cli_printf(c, "\nallocations (%zu)\n", nal);
    for (size_t i = 0; i < nal; i++) {
        const char *reason =
            al[i].end_reason ? code_label(CS_ALLOCATION_END, al[i].end_reason, 0) : NULL;
        cli_printf(c, "  %s to %-10s %-16s %s%s%s\n", date_text(c, al[i].start),
                   al[i].end == DATE_NONE ? "now" : date_text(c, al[i].end),
                   vocab_text(CS_ALLOCATION_ROLE, (int)al[i].role), worker_text(c, al[i].worker_id),
                   reason ? ": " : "", reason ? reason : "");
    }

    struct note_query q = {.child_id = p->id, .limit = RECENT_NOTES};
    struct case_note *notes;
    size_t nnotes;
    rc = store_note_list(c->store, &q, &c->arena, &notes, &nnotes, &c->err);
    if (rc)
        return rc;
    cli_printf(c, "\nrecent case notes (%zu shown; 'kith note list %s' lists all)\n", nnotes,
               p->public_id);
    for (size_t i = 0; i < nnotes; i++)
        cli_printf(c, "  %s  %-22s %s\n", date_text(c, notes[i].date),
                   label_or_code(CS_NOTE_KIND, notes[i].kind), notes[i].subject);
    return KITH_OK;
}

void cli_print_children(struct cli *c, const struct person *people, size_t n)
{
    static const int widths[] = {12, 14, 10, 28};
    static const char *const head[] = {"public id", "LA child id", "born", "name"};
    cli_row(c->out, widths, 4, head);
    kdate today = date_today();
    for (size_t i = 0; i < n; i++) {
        const struct person *p = &people[i];
        const char *born = p->dob != DATE_NONE ? date_text(c, p->dob)
                           : p->expected_dob != DATE_NONE
                               ? arena_printf(&c->arena, "due %s", date_text(c, p->expected_dob))
                               : "";
        const char *name =
            arena_printf(&c->arena, "%s %s%s", p->given_name, p->family_name,
                         p->dob != DATE_NONE && p->death == DATE_NONE
                             ? arena_printf(&c->arena, " (%d)", date_age_on(p->dob, today))
                             : "");
        const char *cells[] = {p->public_id, p->la_child_id, born, name};
        cli_row(c->out, widths, 4, cells);
    }
    if (n == 0)
        cli_printf(c, "(no children match)\n");
}

enum kerr_code cli_write_whole(struct cli *c, const char *path, const struct str *s)
{
    char *tmp = arena_printf(&c->arena, "%s.kith-part", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return kerr_fail(&c->err, KITH_E_IO, "out", "cannot write '%s'", tmp);
    bool ok = fwrite(s->buf, 1, s->len, f) == s->len;
    ok = fflush(f) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return kerr_fail(&c->err, KITH_E_IO, "out", "cannot write '%s'", path);
    }
    return KITH_OK;
}

/* A field's name as an option: underscores may be written as hyphens. */
static bool same_name(const char *field, const char *opt, size_t n)
{
    if (strlen(field) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (field[i] != opt[i] && !(field[i] == '_' && opt[i] == '-'))
            return false;
    return true;
}

static bool named(const char *const *names, const char *name)
{
    for (; *names; names++)
        if (!strcmp(*names, name))
            return true;
    return false;
}

/* The field option `name` (n bytes) sets, through the aliases and `only`; NULL for none. */
static const struct field *field_opt(const struct cli_fields *how, const char *name, size_t n)
{
    for (const char *const *a = how->aliases; a && a[0]; a += 2)
        if (same_name(a[0], name, n)) {
            name = a[1];
            n = strlen(name);
            break;
        }
    for (const struct field *f = how->fields; f->name; f++)
        if (same_name(f->name, name, n) && (!how->only || named(how->only, f->name)))
            return f;
    return NULL;
}

enum kerr_code cli_fields_set(struct cli *c, const struct cli_fields *how, void *rec, int argc,
                              char **argv, struct cw_err *err)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0)
            return kerr_fail(&c->err, KITH_E_USAGE, NULL, "unexpected argument '%s'", a);
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t n = (size_t)(eq - name);
        bool done = false;
        for (size_t k = 0; how->extra && how->extra[k] && !done; k++)
            if (same_name(how->extra[k], name, n)) {
                how->extra_v[k] = eq + 1;
                done = true;
            }
        const struct field *f = done ? NULL : field_opt(how, name, n);
        if (f)
            rec_set_text(f, rec, eq + 1, &c->arena, &err->fields);
        else if (!done)
            return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                             "a %s has no field '%.*s': '%s' lists them", how->what, (int)n, name,
                             how->listed_by);
    }
    if (err->fields.n)
        return kerr_fail(&c->err, KITH_E_INVALID, err->fields.items[0].field, "%s",
                         err->fields.items[0].msg);
    return KITH_OK;
}

void cli_fields_print(struct cli *c, const struct field *fields, const char *const *only)
{
    for (const struct field *f = fields; f->name; f++) {
        if (only && !named(only, f->name))
            continue;
        char opt[64];
        size_t k = 0;
        for (; k < sizeof opt - 1 && f->name[k]; k++)
            opt[k] = f->name[k] == '_' ? '-' : f->name[k];
        opt[k] = '\0';
        cli_fshow(c->out, "  --%-22s %s%s", opt, f->label,
                  f->flags & FIELD_REQUIRED ? " (required)" : "");
        if (f->flags & FIELD_CODED)
            cli_fshow(c->out, "; 'kith codes %s' lists the codes", codeset_get(f->codeset)->name);
        else if (f->type == FIELD_DATE)
            cli_fshow(c->out, "%s", "; a date, 5/12/2026 or 2026-12-05");
        if (f->hint)
            cli_fshow(c->out, "\n  %-24s %s", "", f->hint);
        cli_fshow(c->out, "\n");
    }
}
