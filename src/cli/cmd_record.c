/*
 * `kith record`: every record type kith serves, from its description, at the command
 * line: add, show, list a child's, correct (with the version started from and a reason),
 * and every version. The options of `add` and `edit` are the type's fields, named as its
 * description names them (`--contact-date` or `--contact_date`); `kith record types TYPE`
 * lists them. The checks, the scope and the audit rows are the use-case layer's
 * (casework/), the same as the web pages' and the API's: this file only reads arguments
 * and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework/casework.h"
#include "cli/records.h"
#include "domain/codeset.h"

/* The type named by the first argument; the message lists the types there are. */
static enum kerr_code type_arg(struct cli *c, const char *name, const struct rec_type **out)
{
    *out = rec_type_named(name);
    if (*out)
        return KITH_OK;
    char list[256] = "";
    size_t n = 0;
    for (size_t i = 0; rec_types[i] && n < sizeof list; i++) {
        int w = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", rec_types[i]->name);
        n += w > 0 ? (size_t)w : 0;
    }
    return kerr_fail(&c->err, KITH_E_USAGE, "type", "no record type '%s': the types are %s", name,
                     list);
}

/* Set the record's fields from "--name=value" arguments (CLI_FIELD_OPTS): cli_fields_set
 * with the type's description. `extra` takes the options that are not fields (--reason,
 * --version) when not NULL. */
static enum kerr_code set_fields(struct cli *c, const struct rec_type *t, void *rec, int argc,
                                 char **argv, const char *const *extra, const char **extra_v,
                                 struct cw_err *err)
{
    return cli_fields_set(
        c,
        &(struct cli_fields){.fields = t->fields,
                             .extra = extra,
                             .extra_v = extra_v,
                             .what = t->label,
                             .listed_by = arena_printf(&c->arena, "kith record types %s", t->name)},
        rec, argc, argv, err);
}

/* Stored text for a person at a terminal, a line at a time so that the lines after the
 * first are indented under their label; cli_fshow shows control characters, never obeys
 * them. */
static void put_text(FILE *out, const char *s)
{
    for (;;) {
        size_t n = strcspn(s, "\n");
        cli_fshow(out, "%.*s", (int)n, s);
        if (!s[n])
            return;
        cli_fshow(out, "\n    ");
        s += n + 1;
    }
}

static void show(FILE *out, const struct rec_type *t, const void *rec)
{
    const struct rec_head *h = rec_chead(t, rec);
    char buf[REC_TEXT_BUF], when[32];
    cli_fshow(out, "%s %s, version %d\n", t->label, h->public_id, h->version);
    for (const struct field *f = t->fields; f->name; f++) {
        const char *v = rec_text(f, rec, buf);
        cli_fshow(out, "  %-28s ", f->label);
        if (!v) {
            cli_fshow(out, "%s", "-");
        } else if (f->type == FIELD_DATE) {
            kdate d;
            date_parse_iso(v, &d, NULL);
            cli_fshow(out, "%s", date_format_dmy(d, when));
        } else if (f->type == FIELD_BOOL) {
            cli_fshow(out, "%s", strcmp(v, "1") ? "no" : "yes");
        } else {
            put_text(out, v);
            const char *label = (f->flags & FIELD_CODED) ? code_label(f->codeset, v, 0) : NULL;
            if (label)
                cli_fshow(out, " (%s)", label);
        }
        cli_fshow(out, "\n");
    }
    time_t at = (time_t)h->updated_at;
    struct tm tm;
    gmtime_r(&at, &tm);
    strftime(when, sizeof when, "%d/%m/%Y %H:%M UTC", &tm);
    cli_fshow(out, "  %-28s %s", "written", when);
    if (h->reason) {
        cli_fshow(out, "%s", ", because: ");
        put_text(out, h->reason);
    }
    cli_fshow(out, "\n");
}

/* The CIN census's queries a saved record brought in: the record is saved; they are for
 * the person to check (exit status 0). */
static void warn_cin(const struct cw_err *err)
{
    for (size_t i = 0; i < err->warnings.n; i++)
        cli_fshow(stderr, "kith: warning: %s\n", err->warnings.items[i].msg);
}

static enum kerr_code run_add(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    const struct rec_type *t;
    enum kerr_code rc = type_arg(c, argv[0], &t);
    if (rc)
        return rc;
    void *rec = arena_zalloc(&c->arena, t->size);
    struct cw_err err;
    cw_err_clear(&err);
    for (const struct field *f = t->fields; f->name; f++)
        rec_set_text(f, rec, NULL, &c->arena, &err.fields); /* every field absent */
    int first = 1;
    if (t->parent) {
        if (argc < 2)
            return kerr_fail(&c->err, KITH_E_USAGE, "child",
                             "a %s is recorded for a child: "
                             "kith record add %s CHILD ...",
                             t->label, t->name);
        rc = cli_child_id(c, argv[1], &rec_head(t, rec)->parent_id);
        first = 2;
    }
    if (!rc)
        rc = set_fields(c, t, rec, argc - first, argv + first, NULL, NULL, &err);
    struct actor who = cli_actor(c);
    if (!rc)
        rc = cw_rec_add(c->store, &who, t, rec, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_fshow(c->out, "%s\n", rec_head(t, rec)->public_id);
    warn_cin(&err);
    return KITH_OK;
}

static enum kerr_code run_show(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    const struct rec_type *t;
    enum kerr_code rc = type_arg(c, argv[0], &t);
    if (rc)
        return rc;
    void *rec = arena_zalloc(&c->arena, t->size);
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_rec_view(c->store, &who, t, argv[1], &c->arena, rec, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    show(c->out, t, rec);
    return KITH_OK;
}

struct list_opts {
    long limit, offset;
};
static const struct cli_opt list_opts[] = {
    {"limit", OPT_INT, offsetof(struct list_opts, limit), "N", "at most N records (default 50)"},
    {"offset", OPT_INT, offsetof(struct list_opts, offset), "N", "skip the first N"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    struct list_opts *o = opts;
    const struct rec_type *t;
    enum kerr_code rc = type_arg(c, argv[0], &t);
    size_t limit = 0, offset = 0;
    int64_t child = 0;
    if (!rc)
        rc = cli_page(c, o->limit, o->offset, &limit, &offset);
    if (!rc && t->parent && argc < 2)
        rc = kerr_fail(&c->err, KITH_E_USAGE, "child", "whose %s? kith record list %s CHILD",
                       t->plural, t->name);
    if (!rc && t->parent)
        rc = cli_child_id(c, argv[1], &child);
    if (rc)
        return rc;
    void *rows;
    size_t n;
    int64_t total;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_rec_list(c->store, &who, t, child, limit, offset, &c->arena, &rows, &n, &total, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    int o_ix = t->order ? rec_field_index(t, t->order) : -1;
    int t_ix = t->title ? rec_field_index(t, t->title) : -1;
    for (size_t i = 0; i < n; i++) {
        const void *rec = (const char *)rows + i * t->size;
        char a[REC_TEXT_BUF], b[REC_TEXT_BUF], dmy[16];
        const char *when = o_ix >= 0 ? rec_text(&t->fields[o_ix], rec, a) : NULL;
        const char *title = t_ix >= 0 ? rec_text(&t->fields[t_ix], rec, b) : NULL;
        kdate d = DATE_NONE;
        if (when)
            date_parse_iso(when, &d, NULL);
        cli_fshow(c->out, "%s  %-10s  v%-3d ", rec_chead(t, rec)->public_id,
                  d == DATE_NONE ? "-" : date_format_dmy(d, dmy), rec_chead(t, rec)->version);
        put_text(c->out, title ? title : "-");
        cli_fshow(c->out, "\n");
    }
    /* "none of 0 to 0 of 0 contacts" said nothing a person could read: an empty list and a
     * page past the end are said in words */
    if (n)
        cli_fshow(stderr, "showing %zu to %zu of %lld %s\n", offset + 1, offset + n,
                  (long long)total, t->plural);
    else if (!total)
        cli_fshow(stderr, "no %s\n", t->plural);
    else
        cli_fshow(stderr, "none from %zu: %lld %s in all\n", offset + 1, (long long)total,
                  total == 1 ? t->label : t->plural);
    return KITH_OK;
}

static enum kerr_code run_edit(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    const struct rec_type *t;
    enum kerr_code rc = type_arg(c, argv[0], &t);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    void *rec = arena_zalloc(&c->arena, t->size);
    rc = cw_rec_view(c->store, &who, t, argv[1], &c->arena, rec, &err);
    static const char *const extra[] = {"reason", "version", NULL};
    const char *extra_v[2] = {NULL, NULL};
    if (!rc)
        rc = set_fields(c, t, rec, argc - 2, argv + 2, extra, extra_v, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    struct rec_head *h = rec_head(t, rec);
    if (!extra_v[1])
        return kerr_fail(&c->err, KITH_E_USAGE, "version",
                         "--version N: the version you are correcting (kith record show %s %s "
                         "says it is %d)",
                         t->name, h->public_id, h->version);
    long version;
    rc = cli_int_arg(c, "--version", extra_v[1], 1, 1000000, &version);
    if (rc)
        return rc;
    h->version = (int)version;
    h->reason = extra_v[0];
    rc = cw_rec_correct(c->store, &who, t, rec, &c->arena, &err);
    if (rc == KITH_E_CONFLICT && err.current) {
        cli_fshow(stderr, "kith: nothing was changed. The record now reads:\n");
        show(stderr, t, err.current);
        cli_fshow(stderr, "kith: your values were:\n");
        show(stderr, t, rec);
    }
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_fshow(c->out, "%s version %d\n", h->public_id, h->version);
    warn_cin(&err);
    return KITH_OK;
}

struct delete_opts {
    long version;
    const char *reason;
};

static const struct cli_opt delete_opts[] = {
    {"version", OPT_INT, offsetof(struct delete_opts, version), "N",
     "the version you are deleting (kith record show says it)"},
    {"reason", OPT_STR, offsetof(struct delete_opts, reason), "TEXT",
     "why it was entered in error (required)"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_delete(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    const struct delete_opts *o = opts;
    const struct rec_type *t;
    enum kerr_code rc = type_arg(c, argv[0], &t);
    if (rc)
        return rc;
    if (o->version < 1)
        return kerr_fail(&c->err, KITH_E_USAGE, "version",
                         "--version N: the version you are deleting (kith record show %s %s "
                         "says it)",
                         t->name, argv[1]);
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_rec_delete(c->store, &who, t, argv[1], (int)o->version, o->reason, &c->arena, &err);
    if (rc == KITH_E_CONFLICT && err.current) {
        cli_fshow(stderr, "kith: nothing was deleted. The record now reads:\n");
        show(stderr, t, err.current);
    }
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_fshow(c->out, "deleted %s %s; its versions stay in the history\n", t->name, argv[1]);
    warn_cin(&err);
    return KITH_OK;
}

static enum kerr_code run_history(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    const struct rec_type *t;
    enum kerr_code rc = type_arg(c, argv[0], &t);
    if (rc)
        return rc;
    void *rows;
    size_t n;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_rec_history(c->store, &who, t, argv[1], &c->arena, &rows, &n, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    for (size_t i = 0; i < n; i++) {
        if (i)
            cli_fshow(c->out, "\n");
        show(c->out, t, (const char *)rows + i * t->size);
    }
    return KITH_OK;
}

static enum kerr_code run_types(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    for (size_t i = 0; rec_types[i]; i++) {
        const struct rec_type *t = rec_types[i];
        if (argc && strcmp(argv[0], t->name))
            continue;
        cli_fshow(c->out, "%s: %s%s\n", t->name, t->plural,
                  t->parent ? ", each recorded for a child" : "");
        if (argc)
            cli_fields_print(c, t->fields, NULL);
    }
    if (argc && !rec_type_named(argv[0])) {
        const struct rec_type *t;
        return type_arg(c, argv[0], &t);
    }
    return KITH_OK;
}

static const struct cli_command record_sub[] = {
    {"types", "the record types and, for one, its fields", "[TYPE]", NULL, 0, NULL, 0, 0, 1,
     run_types, NULL},
    {"add", "record one", "TYPE CHILD --FIELD VALUE ...",
     "Each of the type's fields is an option (kith record types TYPE lists them). Every value "
     "is checked before anything is stored, and every problem is reported. Prints the new "
     "record's id.",
     CLI_DB_WRITE | CLI_FIELD_OPTS, NULL, 0, 1, -1, run_add, NULL},
    {"show", "one record, as it reads now", "TYPE ID", NULL, CLI_DB_WRITE, NULL, 0, 2, 2, run_show,
     NULL},
    {"list", "a child's records, newest first", "TYPE CHILD [--limit N] [--offset N]", NULL,
     CLI_DB_WRITE, list_opts, sizeof(struct list_opts), 1, 2, run_list, NULL},
    {"edit", "correct a record", "TYPE ID --version N --reason TEXT --FIELD VALUE ...",
     "Changes only the fields given; the version replaced is kept (kith record history). "
     "--version is the version you started from: if someone corrected the record since, "
     "nothing is changed and both versions are shown.",
     CLI_DB_WRITE | CLI_FIELD_OPTS, NULL, 0, 2, -1, run_edit, NULL},
    {"history", "every version of a record, oldest first", "TYPE ID", NULL, CLI_DB_WRITE, NULL, 0,
     2, 2, run_history, NULL},
    {"delete", "delete a record entered in error", "TYPE ID --version N --reason TEXT",
     "The record leaves the child's lists, timeline, work and returns; its versions stay in "
     "the database's history and the deletion is audited. Refused when the CIN census rules "
     "would find the child's other records wrong without it (delete what hangs off it "
     "first), or when someone changed it since the version given.",
     CLI_DB_WRITE, delete_opts, sizeof(struct delete_opts), 2, 2, run_delete, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, 0, 0, 0, NULL, NULL},
};

const struct cli_command cmd_record = {
    "record",
    "add, show, list, correct and delete case records of any type",
    "types|add|show|list|edit|history|delete ...",
    "The record types kith keeps beyond people and notes (contacts first), each from its "
    "description: the same checks, scope and audit as the web pages and the API.",
    0,
    NULL,
    0,
    0,
    -1,
    NULL,
    record_sub,
};
