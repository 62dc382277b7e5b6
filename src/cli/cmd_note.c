/*
 * `kith note`: record and read case notes. A note's text comes from --body, a file, or
 * standard input, so a worker can write at length in an editor and pipe it in; nothing
 * typed is lost to a validation error because nothing is stored until every check passes
 * and the text itself is never altered. The checks, the scope and the audit row are the
 * use case's (casework/notes.c), the same as the web page's and the API's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework.h"
#include "cli/records.h"
#include "core/str.h"
#include "domain/codeset.h"
#include "domain/entities.h"
#include "store/store.h"

struct add_opts {
    const char *author, *kind, *subject, *body, *body_file;
    kdate date;
};

static const struct cli_opt add_opts[] = {
    {"author", OPT_STR, offsetof(struct add_opts, author), "WORKER",
     "who wrote it: public id or SW registration (required)"},
    {"kind", OPT_STR, offsetof(struct add_opts, kind), "KIND",
     "what it records, e.g. home-visit ('kith codes note-kind' lists them; default case-note)"},
    {"subject", OPT_STR, offsetof(struct add_opts, subject), "TEXT", "a short title (required)"},
    {"date", OPT_DATE, offsetof(struct add_opts, date), "DATE", "when it happened (default today)"},
    {"body", OPT_STR, offsetof(struct add_opts, body), "TEXT", "the note's text"},
    {"body-file", OPT_STR, offsetof(struct add_opts, body_file), "FILE",
     "read the text from FILE ('-' for standard input)"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code read_body(struct cli *c, const char *path, const char **out)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return kerr_fail(&c->err, KITH_E_IO, "body-file", "cannot read '%s'", path);
    struct str s;
    str_init(&s, (size_t)4 * CASE_NOTE_BODY_MAX); /* bytes: a character is up to four; the
                                              description counts the characters */
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        str_addn(&s, buf, n);
    int failed = ferror(f);
    if (f != stdin)
        fclose(f);
    enum kerr_code rc = KITH_OK;
    if (failed)
        rc = kerr_fail(&c->err, KITH_E_IO, "body-file", "error reading '%s'", path);
    else if (!str_ok(&s))
        rc = kerr_fail(&c->err, KITH_E_TOO_LARGE, "body-file",
                       "'%s' is longer than the %d characters a note may hold", path,
                       CASE_NOTE_BODY_MAX);
    else if (memchr(s.buf, '\0', s.len))
        rc = kerr_fail(&c->err, KITH_E_INVALID, "body-file", "'%s' is not text", path);
    if (!rc)
        *out = arena_strdup(&c->arena, s.buf);
    str_release(&s);
    return rc;
}

static enum kerr_code run_add(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    const struct add_opts *o = opts;
    struct case_note n = {.date = o->date != DATE_NONE ? o->date : date_today(),
                          .kind = o->kind ? o->kind : "case-note",
                          .subject = o->subject,
                          .body = o->body};
    if (!o->author)
        return kerr_fail(&c->err, KITH_E_USAGE, "author",
                         "say who wrote the note: --author WORKER");
    if (o->body && o->body_file)
        return kerr_fail(&c->err, KITH_E_USAGE, "body", "give --body or --body-file, not both");
    enum kerr_code rc = KITH_OK;
    if (o->body_file)
        rc = read_body(c, o->body_file, &n.body);
    else if (!o->body)
        rc = kerr_fail(&c->err, KITH_E_USAGE, "body", "give the text with --body or --body-file");
    if (!rc)
        rc = cli_child_id(c, argv[0], &n.child_id);
    if (!rc)
        rc = cli_worker_id(c, o->author, &n.author_id);
    if (rc)
        return rc;
    struct actor who = cli_actor(c);
    struct cw_err err;
    cw_err_clear(&err);
    rc = cw_note_add(c->store, &who, &n, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    cli_printf(c, "added note %s to %s\n", n.public_id, argv[0]);
    return KITH_OK;
}

struct list_opts {
    const char *search;
    long limit, offset;
    int full;
};

static const struct cli_opt list_opts[] = {
    {"search", OPT_STR, offsetof(struct list_opts, search), "TEXT",
     "only notes matching these words (\"a phrase\", prefix*), best match first"},
    {"full", OPT_BOOL, offsetof(struct list_opts, full), NULL, "print each note's whole text"},
    {"limit", OPT_INT, offsetof(struct list_opts, limit), "N", "at most N notes (default 50)"},
    {"offset", OPT_INT, offsetof(struct list_opts, offset), "N", "skip the first N"},
    {NULL, 0, 0, NULL, NULL},
};

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    const struct list_opts *o = opts;
    struct note_query q = {.text = o->search};
    enum kerr_code rc = cli_page(c, o->limit, o->offset, &q.limit, &q.offset);
    if (!rc && argc)
        rc = cli_child_id(c, argv[0], &q.child_id);
    if (!rc && !argc && !o->search)
        rc = kerr_fail(&c->err, KITH_E_USAGE, NULL,
                       "name a child, or search all notes with --search TEXT");
    struct case_note *notes;
    size_t n;
    if (!rc)
        rc = store_note_list(c->store, &q, &c->arena, &notes, &n, &c->err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        char day[DATE_ISO_LEN];
        const char *kind = code_label(CS_NOTE_KIND, notes[i].kind, 0);
        cli_printf(c, "%s  %-12s  %-22s  %s\n", date_format_iso(notes[i].date, day),
                   notes[i].public_id, kind ? kind : notes[i].kind, notes[i].subject);
        if (o->full)
            cli_printf(c, "\n%s\n\n", notes[i].body);
    }
    if (n == 0)
        cli_printf(c, "(no notes)\n");
    return KITH_OK;
}

static const struct cli_command note_sub[] = {
    {.name = "add",
     .summary = "add a case note to a child's record",
     .usage = "CHILD --author WORKER --subject TEXT (--body TEXT | --body-file FILE) [--kind K]",
     .flags = CLI_DB_WRITE,
     .opts = add_opts,
     .opts_size = sizeof(struct add_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_add},
    {.name = "list",
     .summary = "list a child's case notes, newest first, or search notes",
     .usage = "[CHILD] [--search TEXT] [--full] [--limit N]",
     .description = "Without CHILD, --search looks through every child's notes.",
     .flags = CLI_DB_READ,
     .opts = list_opts,
     .opts_size = sizeof(struct list_opts),
     .min_args = 0,
     .max_args = 1,
     .run = run_list},
    {0},
};

const struct cli_command cmd_note = {
    .name = "note",
    .summary = "add, list and search case notes",
    .usage = "COMMAND",
    .sub = note_sub,
};
