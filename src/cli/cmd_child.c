/*
 * `kith child`: add, show, list and search children from the command line, and show a
 * child's chronology (as text, CSV or JSON). Adding is the use case's (casework.h
 * cw_child_create), as the page's and the API's are, so what is checked on the way in is
 * what every entry point checks; the chronology is casework/child.c's, as the page's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework/child.h"
#include "casework/dupes.h"
#include "cli/cli.h"
#include "core/esc.h"
#include "cli/records.h"
#include "domain/field.h"
#include "domain/person.h"
#include "domain/rec.h"
#include "store/store.h"

/* Each option of `kith child add` is a field of the person's description (domain/person.c)
 * a new child's record takes, named as the description names it, read as a form or the
 * API reads it (rec_set_text) and checked by the use case; `kith child fields` lists them
 * from the description. --given and --family are the short names people type. */
static const char *const add_fields[] = {
    "given_name", "family_name", "dob",         "expected_dob",     "sex",         "ethnicity",
    "upn",        "former_upn",  "upn_unknown", "postcode",         "la_child_id", "disabilities",
    "nhs_number", "nhs_source",  "nhs_unknown", "nhs_unknown_text", NULL};
static const char *const add_aliases[] = {"given", "given_name", "family", "family_name", NULL};

struct add_opts {
    int uasc;
};

/* Not a field with a value: an unaccompanied child is a flag typed as one. */
static const struct cli_opt add_opts[] = {
    {"uasc", OPT_BOOL, offsetof(struct add_opts, uasc), NULL, "unaccompanied asylum-seeking child"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_add(struct cli *c, void *opts, int argc, char **argv)
{
    const struct add_opts *o = opts;
    struct person p = person_blank_child();
    p.uasc = o->uasc;
    struct cw_err err;
    cw_err_clear(&err);
    for (size_t i = 0; add_fields[i]; i++) /* every field absent until given */
        rec_set_text(field_find(person_fields, add_fields[i]), &p, NULL, &c->arena, &err.fields);
    enum kerr_code rc = cli_fields_set(c,
                                       &(struct cli_fields){.fields = person_fields,
                                                            .only = add_fields,
                                                            .aliases = add_aliases,
                                                            .what = "child's record",
                                                            .listed_by = "kith child fields"},
                                       &p, argc, argv, &err);
    if (rc == KITH_E_USAGE)
        return rc;
    struct actor who = cli_actor(c);
    if (!rc)
        rc = cw_child_create(c->store, &who, &p, &err);
    if (rc) {
        /* every problem at once, each naming its field, then the whole refusal */
        for (size_t i = 0; i < err.fields.n; i++)
            cli_fshow(stderr, "kith: field '%s': %s\n", err.fields.items[i].field,
                      err.fields.items[i].msg);
        c->err = err.e.code ? err.e : c->err;
        return rc;
    }
    cli_printf(c, "added child %s (LA child id %s)\n", p.public_id, p.la_child_id);
    return KITH_OK;
}

static enum kerr_code run_fields(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    (void)argv;
    cli_fields_print(c, person_fields, add_fields);
    cli_fshow(c->out, "  --%-22s %s\n", "uasc", "unaccompanied asylum-seeking child (no value)");
    return KITH_OK;
}

static enum kerr_code run_show(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    struct person p;
    enum kerr_code rc = store_person_find(c->store, argv[0], &c->arena, &p, &c->err);
    if (rc)
        return rc;
    return cli_print_child(c, &p);
}

struct list_opts {
    int open;
    const char *worker, *team;
    long limit, offset;
};

static const struct cli_opt list_opts[] = {
    {"open", OPT_BOOL, offsetof(struct list_opts, open), NULL,
     "only children with a current allocation"},
    {"worker", OPT_STR, offsetof(struct list_opts, worker), "WORKER",
     "only children allocated to this worker (public id or SW registration)"},
    {"team", OPT_STR, offsetof(struct list_opts, team), "TEAM",
     "only children allocated to this team's workers (public id or name)"},
    {"limit", OPT_INT, offsetof(struct list_opts, limit), "N", "at most N children (default 50)"},
    {"offset", OPT_INT, offsetof(struct list_opts, offset), "N", "skip the first N"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code list_people(struct cli *c, const struct list_opts *o, const char *text)
{
    struct person_query q = {.kind = PERSON_CHILD, .text = text, .open_only = o->open};
    enum kerr_code rc = cli_page(c, o->limit, o->offset, &q.limit, &q.offset);
    if (!rc && o->worker)
        rc = cli_worker_id(c, o->worker, &q.worker_id);
    if (!rc && o->team)
        rc = cli_team_id(c, o->team, &q.team_id);
    if (rc)
        return rc;
    struct person *people;
    size_t n;
    rc = store_person_list(c->store, &q, &c->arena, &people, &n, &c->err);
    if (rc)
        return rc;
    cli_print_children(c, people, n);
    return KITH_OK;
}

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return list_people(c, opts, NULL);
}

static enum kerr_code run_search(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    return list_people(c, opts, argv[0]);
}

/* ---- search before create ---- */

struct dup_opts {
    const char *v[6]; /* dup_query_fields, in order */
};

static const struct cli_opt dup_opts[] = {
    {"given", OPT_STR, offsetof(struct dup_opts, v[0]), "NAME", "given name"},
    {"family", OPT_STR, offsetof(struct dup_opts, v[1]), "NAME", "family name"},
    {"dob", OPT_STR, offsetof(struct dup_opts, v[2]), "DATE", "date of birth"},
    {"nhs-number", OPT_STR, offsetof(struct dup_opts, v[3]), "NHS", "NHS number"},
    {"upn", OPT_STR, offsetof(struct dup_opts, v[4]), "UPN", "unique pupil number"},
    {"postcode", OPT_STR, offsetof(struct dup_opts, v[5]), "POSTCODE", "home postcode"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_duplicates(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct dup_opts *o = opts;
    struct dup_query q = {.dob = DATE_NONE};
    struct cw_err err;
    cw_err_clear(&err);
    for (size_t i = 0; dup_query_fields[i].name; i++)
        rec_set_text(&dup_query_fields[i], &q, o->v[i], &c->arena, &err.fields);
    struct actor who = {.username = cli_operator(c),
                        .role = "operator",
                        .request_id = "cli",
                        .now = (int64_t)time(NULL),
                        .today = date_today()};
    struct cw_dup *found = NULL;
    size_t n = 0;
    enum kerr_code rc = err.fields.n
                            ? kerr_fail(&err.e, KITH_E_INVALID, err.fields.items[0].field, "%s",
                                        err.fields.items[0].msg)
                            : cw_child_duplicates(c->store, &who, &q, &c->arena, &found, &n, &err);
    if (rc) {
        for (size_t i = 0; err.fields.n > 1 && i < err.fields.n; i++)
            cli_fshow(stderr, "  --%s: %s\n", err.fields.items[i].field, err.fields.items[i].msg);
        c->err = err.e;
        return rc;
    }
    cli_printf(c, "%zu possible match%s\n", n, n == 1 ? "" : "es");
    for (size_t i = 0; i < n; i++) {
        const struct dup_row *r = &found[i].child;
        char dob[DATE_ISO_LEN];
        cli_printf(c, "%3d  %s  %s  %s %s  %s\n", found[i].score.score, r->public_id,
                   r->la_child_id, r->given, r->family,
                   r->dob != DATE_NONE ? date_format_dmy(r->dob, dob) : "-");
        for (int k = 0; k < found[i].score.n; k++)
            cli_printf(c, "       %+d %s\n", found[i].score.reasons[k].points,
                       found[i].score.reasons[k].text);
    }
    return KITH_OK;
}

/* ---- the chronology ---- */

struct chron_opts {
    const char *v[3]; /* chron_filter_fields, in order: from, to, kind */
    const char *format;
};

static const struct cli_opt chron_opts[] = {
    {"from", OPT_STR, offsetof(struct chron_opts, v[0]), "DATE", "the first day to show"},
    {"to", OPT_STR, offsetof(struct chron_opts, v[1]), "DATE", "the last day to show"},
    {"kind", OPT_STR, offsetof(struct chron_opts, v[2]), "KIND",
     "front-door, assessment, protection, plan, risk, proceedings or note"},
    {"format", OPT_STR, offsetof(struct chron_opts, format), "FMT", "text (default), csv or json"},
    {NULL, 0, 0, NULL, NULL},
};

/* One event's cells: date, event, kind, record type, record, summary. */
static void chron_cells(const struct chron_event *x, struct arena *a, const char *cells[6])
{
    char day[DATE_ISO_LEN];
    cells[0] = arena_strdup(a, date_format_iso(x->date, day));
    cells[1] = chron_event_text(x);
    cells[2] = x->row ? x->row->kind : "note";
    cells[3] = x->row ? x->type->name : "case_note";
    cells[4] = x->row ? rec_chead(x->type, x->rec)->public_id : x->note->public_id;
    cells[5] = x->row ? rec_summary(x->type, x->rec, a) : x->note->body;
}

static void chron_out(struct cli *c, const struct person *p, const struct chron_event *ev, size_t n,
                      enum cli_format fmt)
{
    static const char *const names[] = {"date",        "event",  "kind",
                                        "record_type", "record", "summary"};
    struct str o = STR_INIT;
    if (fmt == CLI_CSV)
        str_add(&o, "date,event,kind,record_type,record,summary\n");
    if (fmt == CLI_JSON) {
        str_add(&o, "{\"child\":");
        esc_json(&o, p->public_id);
        str_addf(&o, ",\"total\":%zu,\"events\":[", n);
    }
    for (size_t i = 0; i < n; i++) {
        const char *cells[6];
        chron_cells(&ev[i], &c->arena, cells);
        char dmy[16];
        if (fmt == CLI_TEXT)
            str_addf(&o, "%s  %s  [%s %s]\n    %s\n", date_format_dmy(ev[i].date, dmy), cells[1],
                     cells[3], cells[4], cells[5]);
        for (size_t k = 0; fmt == CLI_CSV && k < 6; k++) {
            esc_csv(&o, cells[k]);
            str_addc(&o, k < 5 ? ',' : '\n');
        }
        for (size_t k = 0; fmt == CLI_JSON && k < 6; k++) {
            str_add(&o, k ? "," : i ? ",\n{" : "\n{");
            esc_json(&o, names[k]);
            str_addc(&o, ':');
            esc_json(&o, cells[k]);
        }
        if (fmt == CLI_JSON)
            str_addc(&o, '}');
    }
    if (fmt == CLI_JSON)
        str_add(&o, "\n]}\n");
    if (fmt == CLI_TEXT && !n)
        str_add(&o, "no events\n");
    fwrite(o.buf, 1, o.len, c->out);
    str_release(&o);
}

static enum kerr_code run_chronology(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    const struct chron_opts *o = opts;
    int fmt;
    if (cli_choice(c, "format", o->format, cli_formats, &fmt))
        return KITH_E_USAGE;
    struct cw_err err;
    cw_err_clear(&err);
    struct chron_filter f = {DATE_NONE, DATE_NONE, NULL};
    for (size_t i = 0; chron_filter_fields[i].name; i++)
        rec_set_text(&chron_filter_fields[i], &f, o->v[i], &c->arena, &err.fields);
    if (!err.fields.n)
        field_check(chron_filter_fields, &f, &(struct field_ctx){.today = DATE_NONE}, &err.fields);
    if (err.fields.n) {
        kerr_fail(&err.e, KITH_E_USAGE, err.fields.items[0].field, "%s", err.fields.items[0].msg);
        return cli_refused(c, KITH_E_USAGE, &err, "--");
    }
    struct person p;
    enum kerr_code rc = store_person_find(c->store, argv[0], &c->arena, &p, &c->err);
    if (!rc && p.kind != PERSON_CHILD)
        rc = kerr_fail(&c->err, KITH_E_NOT_FOUND, "child", "'%s' is not a child's record", argv[0]);
    if (rc)
        return rc;
    struct actor who = cli_actor(c);
    struct chron_event *ev = NULL;
    size_t n = 0;
    rc = cw_child_chronology(c->store, &who, &p, &f, &c->arena, &ev, &n, &c->err);
    if (!rc)
        chron_out(c, &p, ev, n, (enum cli_format)fmt);
    return rc;
}

/* ---- merging two records of one child ---- */

struct merge_opts {
    const char *reason;
};

static const struct cli_opt merge_opts[] = {
    {"reason", OPT_STR, offsetof(struct merge_opts, reason), "TEXT",
     "why (required; kept with the merge)"},
    {NULL, 0, 0, NULL, NULL},
};

/* `merge KEEP GONE` and `unmerge GONE`: one use case each, told apart by the arguments. */
static enum kerr_code run_merge(struct cli *c, void *opts, int argc, char **argv)
{
    const struct merge_opts *o = opts;
    struct actor who = cli_actor(c);
    struct cw_err err;
    cw_err_clear(&err);
    struct child_merge m;
    const char *gone = argv[argc - 1];
    enum kerr_code rc =
        argc == 2 ? cw_child_merge(c->store, &who, argv[0], gone, o->reason, &c->arena, &m, &err)
                  : cw_child_unmerge(c->store, &who, gone, o->reason, &c->arena, &m, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    const char *records = m.moved == 1 ? "record" : "records";
    if (argc == 2)
        cli_printf(c, "merged %s into %s: %lld %s moved ('kith child unmerge %s' undoes it)\n",
                   gone, argv[0], (long long)m.moved, records, gone);
    else
        cli_printf(c, "unmerged %s: %lld %s moved back\n", gone, (long long)m.moved, records);
    return KITH_OK;
}

static const struct cli_command child_sub[] = {
    {.name = "add",
     .summary = "add a child's record",
     .usage = "--given NAME --family NAME --sex M|F|U [--dob DATE] [--FIELD VALUE ...] [--uasc]",
     .description = "Each field of the child's identity is an option ('kith child fields' lists "
                    "them). Every value is\nchecked before anything is stored, and every problem "
                    "is reported at once, naming the\noption, the value and what was expected.",
     .flags = CLI_DB_WRITE | CLI_FIELD_OPTS,
     .opts = add_opts,
     .opts_size = sizeof(struct add_opts),
     .max_args = -1, /* the field options, handed on as "--name=value" */
     .run = run_add},
    {.name = "fields",
     .summary = "the options of 'kith child add': the fields of a child's identity",
     .run = run_fields},
    {.name = "show",
     .summary = "show a child's record: identity, relationships, allocations, recent notes",
     .usage = "CHILD",
     .description = "CHILD is the record's public id or the LA child id.",
     .flags = CLI_DB_READ,
     .min_args = 1,
     .max_args = 1,
     .run = run_show},
    {.name = "chronology",
     .summary = "a child's significant events from the records, oldest first",
     .usage = "CHILD [--kind KIND] [--from DATE] [--to DATE] [--format text|csv|json]",
     .description = "CHILD is the record's public id or the LA child id. CSV columns: "
                    "date,event,kind,record_type,\nrecord,summary (dates YYYY-MM-DD). Notes of "
                    "kind significant-event are events too.",
     .flags = CLI_DB_WRITE, /* the read is audited */
     .opts = chron_opts,
     .opts_size = sizeof(struct chron_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_chronology},
    {.name = "list",
     .summary = "list children, optionally only open cases, a worker's or a team's",
     .usage = "[--open] [--worker W] [--team T] [--limit N] [--offset N]",
     .flags = CLI_DB_READ,
     .opts = list_opts,
     .opts_size = sizeof(struct list_opts),
     .run = run_list},
    {.name = "search",
     .summary = "find children by name, LA child id or UPN (matched from the start)",
     .usage = "TEXT [--open] [--limit N]",
     .flags = CLI_DB_READ,
     .opts = list_opts,
     .opts_size = sizeof(struct list_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_search},
    {.name = "duplicates",
     .summary = "children already known who may be this child, with why each matched",
     .usage = "[--given NAME] [--family NAME] [--dob DATE] [--nhs-number N] [--upn UPN] "
              "[--postcode P]",
     .description = "Run before adding a child or a contact. Scores NHS number, UPN, date of "
                    "birth (and its day\nand month swapped), names (as typed, alike in sound, "
                    "or given and family swapped)\nand postcode; shows each child scoring 35 or "
                    "more, best first.",
     .flags = CLI_DB_WRITE, /* the search is audited */
     .opts = dup_opts,
     .opts_size = sizeof(struct dup_opts),
     .run = run_duplicates},
    {.name = "merge",
     .summary = "merge two records of one child: GONE's records move to KEEP",
     .usage = "KEEP GONE --reason TEXT",
     .description = "KEEP and GONE are public ids or LA child ids. GONE is kept, marked merged and "
                    "left out of\nlists and searches; every record that moved is logged, so "
                    "'kith child unmerge GONE'\nmoves exactly those back. Both are audited.",
     .flags = CLI_DB_WRITE,
     .opts = merge_opts,
     .opts_size = sizeof(struct merge_opts),
     .min_args = 2,
     .max_args = 2,
     .run = run_merge},
    {.name = "unmerge",
     .summary = "undo a merge: the records that moved go back to GONE",
     .usage = "GONE --reason TEXT",
     .flags = CLI_DB_WRITE,
     .opts = merge_opts,
     .opts_size = sizeof(struct merge_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_merge},
    {0},
};

const struct cli_command cmd_child = {
    .name = "child",
    .summary = "add, show, list and search children's records",
    .usage = "COMMAND",
    .sub = child_sub,
};
