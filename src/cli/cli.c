/*
 * The command table and what every command shares: option parsing from tables, the
 * global --db option, opening the store as the command's flags ask, help text, and
 * turning an error code into a message and an exit code. Adding a command is one row
 * here and one cmd_<name>.c file.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "store/store.h"

#define DEFAULT_DB "kith.db"

static const struct cli_command help_command;

/* The top-level table, in the order `kith help` lists it. */
static const struct cli_command *const commands[] = {
    &cmd_init,     &cmd_demo,     &cmd_child,     &cmd_note,      &cmd_record,    &cmd_work,
    &cmd_team,     &cmd_worker,   &cmd_workforce, &cmd_recruit,   &cmd_calendar,  &cmd_codes,
    &cmd_validate, &cmd_return,   &cmd_rules,     &cmd_postcodes, &cmd_providers, &cmd_user,
    &cmd_access,   &cmd_audit,    &cmd_token,     &cmd_settings,  &cmd_db,        &cmd_serve,
    &cmd_version,  &help_command, NULL,
};

static const struct cli_command *find_in(const struct cli_command *const *list,
                                         const struct cli_command *table, const char *name)
{
    if (list) {
        for (size_t i = 0; list[i]; i++)
            if (!strcmp(list[i]->name, name))
                return list[i];
        return NULL;
    }
    for (size_t i = 0; table && table[i].name; i++)
        if (!strcmp(table[i].name, name))
            return &table[i];
    return NULL;
}

static void print_opts(FILE *f, const struct cli_opt *opts)
{
    for (size_t i = 0; opts && opts[i].name; i++) {
        char left[64];
        snprintf(left, sizeof(left), "--%s%s%s", opts[i].name, opts[i].metavar ? " " : "",
                 opts[i].metavar ? opts[i].metavar : "");
        fprintf(f, "  %-24s %s\n", left, opts[i].help);
    }
    fprintf(f, "  %-24s %s\n", "--db PATH", "the database (default ./" DEFAULT_DB ", or $KITH_DB)");
    fprintf(f, "  %-24s %s\n", "--audit-key FILE",
            "the audit trail's key (default DB.auditkey, or $KITH_AUDIT_KEY)");
    fprintf(f, "  %-24s %s\n", "--audit-anchor FILE",
            "where the trail's head is written (default DB.auditanchor, or $KITH_AUDIT_ANCHOR)");
}

static void print_command_help(FILE *f, const char *prefix, const struct cli_command *cmd)
{
    fprintf(f, "usage: %s %s%s%s\n", prefix, cmd->name, cmd->usage ? " " : "",
            cmd->usage ? cmd->usage : "");
    fprintf(f, "\n%s\n", cmd->summary);
    if (cmd->description)
        fprintf(f, "\n%s\n", cmd->description);
    if (cmd->sub) {
        fprintf(f, "\ncommands:\n");
        for (size_t i = 0; cmd->sub[i].name; i++) {
            /* A long usage gets its own line rather than being cut. */
            const char *usage = cmd->sub[i].usage ? cmd->sub[i].usage : "";
            int width = (int)(strlen(cmd->sub[i].name) + 1 + strlen(usage));
            fprintf(f, "  %s %s", cmd->sub[i].name, usage);
            if (width <= 34)
                fprintf(f, "%*s %s\n", 34 - width, "", cmd->sub[i].summary);
            else
                fprintf(f, "\n  %34s %s\n", "", cmd->sub[i].summary);
        }
        fprintf(f, "\n'kith help %s COMMAND' describes one.\n", cmd->name);
    } else {
        fprintf(f, "\noptions:\n");
        print_opts(f, cmd->opts);
    }
}

static void print_overview(FILE *f)
{
    fprintf(f, "usage: kith COMMAND [ARGS] [--db PATH]\n\n"
               "kith keeps children's social care records. Commands:\n\n");
    for (size_t i = 0; commands[i]; i++)
        fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\n'kith help COMMAND' describes a command and its options.\n");
}

static enum kerr_code run_help(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    if (argc == 0) {
        print_overview(c->out);
        return KITH_OK;
    }
    const struct cli_command *cmd = find_in(commands, NULL, argv[0]);
    char prefix[128] = "kith";
    for (int i = 1; cmd && i < argc; i++) {
        size_t len = strlen(prefix);
        snprintf(prefix + len, sizeof(prefix) - len, " %s", cmd->name);
        cmd = find_in(NULL, cmd->sub, argv[i]);
    }
    if (!cmd)
        return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                         "no command '%s': 'kith help' lists the commands", argv[argc - 1]);
    print_command_help(c->out, prefix, cmd);
    return KITH_OK;
}

static const struct cli_command help_command = {
    .name = "help",
    .summary = "describe kith's commands, or one command",
    .usage = "[COMMAND [SUBCOMMAND]]",
    .min_args = 0,
    .max_args = 2,
    .run = run_help,
};

enum kerr_code cli_int_arg(struct cli *c, const char *what, const char *s, long min, long max,
                           long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < min || v > max)
        return kerr_fail(&c->err, KITH_E_USAGE, what, "'%s' is not a whole number from %ld to %ld",
                         s, min, max);
    *out = v;
    return KITH_OK;
}

const char *const cli_formats[] = {
    [CLI_TEXT] = "text", [CLI_CSV] = "csv", [CLI_JSON] = "json", NULL};

enum kerr_code cli_choice(struct cli *c, const char *what, const char *given,
                          const char *const *choices, int *out)
{
    for (int i = 0; choices[i]; i++)
        if (!given || !strcmp(given, choices[i])) {
            *out = i;
            return KITH_OK;
        }
    struct str list = STR_INIT;
    for (int i = 0; choices[i]; i++)
        str_addf(&list, "%s%s", !i ? "" : choices[i + 1] ? ", " : " or ", choices[i]);
    kerr_fail(&c->err, KITH_E_USAGE, what, "'%s' is not %s", given, list.buf ? list.buf : "");
    str_release(&list);
    return KITH_E_USAGE;
}

static enum kerr_code set_opt(struct cli *c, const struct cli_opt *o, void *target,
                              const char *value)
{
    char *field = (char *)target + o->offset;
    switch (o->type) {
    case OPT_STR:
        *(const char **)(void *)field = value;
        return KITH_OK;
    case OPT_BOOL:
        *(int *)(void *)field = 1;
        return KITH_OK;
    case OPT_INT: {
        long v;
        enum kerr_code rc = cli_int_arg(c, o->name, value, LONG_MIN, LONG_MAX, &v);
        if (!rc)
            *(long *)(void *)field = v;
        return rc;
    }
    case OPT_DOUBLE: {
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        if (!*value || *end || errno)
            return kerr_fail(&c->err, KITH_E_USAGE, o->name, "'%s' is not a number", value);
        *(double *)(void *)field = v;
        return KITH_OK;
    }
    case OPT_DATE: {
        enum kerr_code rc = date_parse(value, o->name, (kdate *)(void *)field, &c->err);
        if (rc)
            c->err.code = KITH_E_USAGE;
        return rc ? KITH_E_USAGE : KITH_OK;
    }
    }
    return KITH_E_INTERNAL;
}

/* The options every command takes, where the framework keeps them. */
static const char **global_opt(struct cli *c, const char *name, size_t nlen)
{
    const struct {
        const char *name;
        const char **where;
    } table[] = {{"db", &c->db}, {"audit-key", &c->audit_key}, {"audit-anchor", &c->audit_anchor}};
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (strlen(table[k].name) == nlen && !strncmp(table[k].name, name, nlen))
            return table[k].where;
    return NULL;
}

/* Split argv into options (applied to `target`) and positional arguments (compacted to
 * the front of argv). "--" ends the options. */
static enum kerr_code parse_opts(struct cli *c, const struct cli_command *cmd, void *target,
                                 int *argc, char **argv)
{
    int npos = 0;
    bool only_pos = false;
    for (int i = 0; i < *argc; i++) {
        char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] != '-' || !a[2]) {
            if (!only_pos && !strcmp(a, "--")) {
                only_pos = true;
                continue;
            }
            argv[npos++] = a;
            continue;
        }
        char *name = a + 2, *value = strchr(name, '=');
        size_t nlen = value ? (size_t)(value - name) : strlen(name);
        if (value)
            value++;
        const char **global = global_opt(c, name, nlen);
        if (global) {
            if (!value && i + 1 >= *argc)
                return kerr_fail(&c->err, KITH_E_USAGE, NULL, "--%.*s needs a PATH", (int)nlen,
                                 name);
            *global = value ? value : argv[++i];
            continue;
        }
        const struct cli_opt *o = NULL;
        for (size_t k = 0; cmd->opts && cmd->opts[k].name; k++)
            if (strlen(cmd->opts[k].name) == nlen && !strncmp(cmd->opts[k].name, name, nlen))
                o = &cmd->opts[k];
        if (!o && (cmd->flags & CLI_FIELD_OPTS)) {
            if (!value && i + 1 >= *argc)
                return kerr_fail(&c->err, KITH_E_USAGE, NULL, "--%.*s needs a value", (int)nlen,
                                 name);
            argv[npos++] =
                value ? a : arena_printf(&c->arena, "--%.*s=%s", (int)nlen, name, argv[++i]);
            continue;
        }
        if (!o)
            return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                             "unknown option '--%.*s': 'kith help %s' lists the options", (int)nlen,
                             name, cmd->name);
        if (o->type == OPT_BOOL) {
            if (value)
                return kerr_fail(&c->err, KITH_E_USAGE, o->name, "--%s takes no value", o->name);
        } else if (!value) {
            if (i + 1 >= *argc)
                return kerr_fail(&c->err, KITH_E_USAGE, o->name, "--%s needs a value (%s)", o->name,
                                 o->metavar ? o->metavar : "VALUE");
            value = argv[++i];
        }
        enum kerr_code rc = set_opt(c, o, target, value);
        if (rc)
            return rc;
    }
    *argc = npos;
    store_audit_configure(c->audit_key, c->audit_anchor);
    return KITH_OK;
}

static enum kerr_code open_store(struct cli *c, unsigned flags)
{
    if (!(flags & (CLI_DB_READ | CLI_DB_WRITE)))
        return KITH_OK;
    unsigned sf = 0;
    if (!(flags & CLI_DB_WRITE))
        sf |= STORE_READONLY;
    if (flags & CLI_DB_CREATE)
        sf |= STORE_CREATE;
    return store_open(c->db, sf, &c->store, &c->err);
}

/* Options for a command whose struct has not been zeroed: the framework zeroes it and
 * sets date options to DATE_NONE so "not given" is distinguishable. */
static void *new_opts(struct cli *c, const struct cli_command *cmd)
{
    if (!cmd->opts_size)
        return NULL;
    void *o = arena_zalloc(&c->arena, cmd->opts_size);
    for (size_t k = 0; cmd->opts && cmd->opts[k].name; k++)
        if (cmd->opts[k].type == OPT_DATE)
            *(kdate *)(void *)((char *)o + cmd->opts[k].offset) = DATE_NONE;
    return o;
}

static enum kerr_code dispatch(struct cli *c, const struct cli_command *cmd, int argc, char **argv,
                               const char *prefix)
{
    c->prog = arena_printf(&c->arena, "%s %s", prefix, cmd->name);
    if (cmd->sub) {
        if (argc == 0 || !strcmp(argv[0], "--help")) {
            print_command_help(argc ? c->out : stderr, prefix, cmd);
            return argc ? KITH_OK
                        : kerr_fail(&c->err, KITH_E_USAGE, NULL, "'%s' needs a command", c->prog);
        }
        const struct cli_command *sub = find_in(NULL, cmd->sub, argv[0]);
        if (!sub)
            return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                             "no command '%s %s': 'kith help %s' lists them", c->prog, argv[0],
                             cmd->name);
        return dispatch(c, sub, argc - 1, argv + 1, c->prog);
    }
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            print_command_help(c->out, prefix, cmd);
            return KITH_OK;
        }
    }
    void *opts = new_opts(c, cmd);
    enum kerr_code rc = parse_opts(c, cmd, opts, &argc, argv);
    if (rc)
        return rc;
    if (argc < cmd->min_args || (cmd->max_args >= 0 && argc > cmd->max_args))
        return kerr_fail(&c->err, KITH_E_USAGE, NULL, "usage: %s %s", c->prog,
                         cmd->usage ? cmd->usage : "");
    rc = open_store(c, cmd->flags);
    if (rc)
        return rc;
    return cmd->run(c, opts, argc, argv);
}

static void vshow(FILE *out, const char *fmt, va_list ap)
{
    struct str line = STR_INIT, shown = STR_INIT;
    str_vaddf(&line, fmt, ap);
    if (!str_needs_showing(line.buf, line.len)) {
        fwrite(line.buf, 1, line.len, out);
    } else {
        str_add_shown(&shown, line.buf, line.len);
        fwrite(shown.buf, 1, shown.len, out);
    }
    str_release(&line);
    str_release(&shown);
}

void cli_fshow(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vshow(out, fmt, ap);
    va_end(ap);
}

void cli_printf(struct cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vshow(c->out, fmt, ap);
    va_end(ap);
}

void cli_row(FILE *out, const int *widths, int ncols, const char *const *cells)
{
    for (int i = 0; i < ncols; i++) {
        if (i == ncols - 1)
            cli_fshow(out, "%s\n", cells[i] ? cells[i] : "");
        else
            cli_fshow(out, "%-*s  ", widths[i], cells[i] ? cells[i] : "");
    }
}

int cli_main(int argc, char **argv)
{
    struct cli c = {.out = stdout, .err = KERR_INIT};
    arena_init(&c.arena, 0);
    const char *env = getenv("KITH_DB");
    c.db = env && *env ? env : DEFAULT_DB;

    enum kerr_code rc;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_overview(argc < 2 ? stderr : stdout);
        rc = argc < 2 ? KITH_E_USAGE : KITH_OK;
        if (rc)
            c.err.code = rc; /* the overview is the message */
    } else {
        const struct cli_command *cmd = find_in(commands, NULL, argv[1]);
        if (!cmd)
            rc = kerr_fail(&c.err, KITH_E_USAGE, NULL,
                           "no command '%s': 'kith help' lists the commands", argv[1]);
        else
            rc = dispatch(&c, cmd, argc - 2, argv + 2, "kith");
    }
    if (rc && c.err.msg[0]) {
        char line[1024];
        if (!c.err.code)
            c.err.code = rc;
        kerr_format(&c.err, line, sizeof(line));
        cli_fshow(stderr, "kith: %s\n", line);
    }
    /* Large writes go past stdio's buffer, so a failed one (a full disk) shows in ferror,
     * not in what fflush returns; it outranks "there were findings". */
    if ((fflush(stdout) || ferror(stdout)) && (!rc || rc == KITH_E_FINDINGS)) {
        fprintf(stderr, "kith: could not write the output\n");
        rc = KITH_E_IO;
    }
    if (c.store)
        store_close(c.store);
    arena_release(&c.arena);
    return kerr_exit_code(rc);
}
