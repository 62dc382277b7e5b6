/*
 * The command line. Every command is one row of the table in cli.c and lives in its
 * own file cmd_<name>.c; a command with subcommands (`kith child add`) has its own table
 * of the same rows. A command's options are a table too (struct cli_opt, with offsetof
 * into the command's option struct), parsed by the framework before the command runs, so
 * commands never walk argv for options. The framework also owns `--db`, opens the store
 * the way the command's flags ask, and turns the returned error code into a message on
 * stderr and the exit code from the error list.
 */
#ifndef KITH_CLI_CLI_H
#define KITH_CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/err.h"

struct store;

enum cli_opt_type { OPT_STR, OPT_INT, OPT_BOOL, OPT_DATE, OPT_DOUBLE };

struct cli_opt {
    const char *name; /* long name without "--" */
    enum cli_opt_type type;
    size_t offset;       /* offsetof() the field in the command's option struct */
    const char *metavar; /* "PATH", "N"; NULL for OPT_BOOL */
    const char *help;
};

enum cli_flags {
    CLI_DB_READ = 1 << 0,   /* open the database read-only before running */
    CLI_DB_WRITE = 1 << 1,  /* open it for writing (migrating if needed) */
    CLI_DB_CREATE = 1 << 2, /* with CLI_DB_WRITE: create it if missing */
    /* Options the table does not name are the command's to read: each is handed on as
     * one positional argument "--name=value" (the record commands take a record type's
     * fields as options, from its description). */
    CLI_FIELD_OPTS = 1 << 3,
};

struct cli;
struct cli_command {
    const char *name;
    const char *summary;     /* one line for the command list */
    const char *usage;       /* arguments after the name: "ID [--limit N]" */
    const char *description; /* paragraph for `kith help NAME`, may be NULL */
    unsigned flags;
    const struct cli_opt *opts; /* NULL-name terminated, or NULL */
    size_t opts_size;           /* sizeof the option struct, 0 when none */
    int min_args, max_args;     /* positional arguments; max -1 = any */
    enum kerr_code (*run)(struct cli *c, void *opts, int argc, char **argv);
    const struct cli_command *sub; /* subcommands, NULL-name terminated, or NULL */
};

/* What a running command has: its output, an arena freed after the command, the store
 * (when the command's flags asked for one), and the error record it fills. */
struct cli {
    FILE *out;
    struct arena arena;
    struct store *store;
    const char *db; /* location given by --db, KITH_DB or the default */
    const char *audit_key,
        *audit_anchor; /* --audit-key, --audit-anchor; NULL: the store's default */
    struct kerr err;
    const char *prog; /* "kith child add", for messages */
};

int cli_main(int argc, char **argv);

/* Parse a whole-number argument; names `what` in the error. */
enum kerr_code cli_int_arg(struct cli *c, const char *what, const char *s, long min, long max,
                           long *out);
/* Which of `choices` (NULL-terminated) `given` names, into *out; NULL given is the first
 * (the default). Anything else is a usage error naming `what` and the choices: "'yaml' is
 * not text, csv or json". */
enum kerr_code cli_choice(struct cli *c, const char *what, const char *given,
                          const char *const *choices, int *out);
/* The output formats most listing commands take, in this order (text the default). */
extern const char *const cli_formats[];
enum cli_format { CLI_TEXT, CLI_CSV, CLI_JSON };
/* Everything a command prints goes through cli_printf or cli_row (to c->out) or
 * cli_fshow (another stream): names, notes and ids come from the database or from a file,
 * and a control character in them (ESC, BS, CR, an OSC sequence) must not reach the
 * terminal and rewrite what it shows. They are printed as visible escapes (str_add_shown);
 * newline and tab pass. Bulk machine output (findings, exports) is written as it is. */
void cli_printf(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_fshow(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write a line of `width`-padded columns is left to commands; this prints a table row
 * with columns separated by two spaces, padding each to the given widths. */
void cli_row(FILE *out, const int *widths, int ncols, const char *const *cells);

/* Command tables defined in cmd_*.c files. */
extern const struct cli_command cmd_version, cmd_calendar, cmd_init, cmd_demo, cmd_child, cmd_note,
    cmd_team, cmd_worker, cmd_codes, cmd_validate, cmd_rules, cmd_postcodes, cmd_providers,
    cmd_serve, cmd_user, cmd_access, cmd_audit, cmd_token, cmd_db, cmd_record, cmd_work,
    cmd_settings, cmd_return, cmd_workforce, cmd_recruit;

/* `kith validate cin --live` (cmd_validate_live.c): `year` and `format` as given, or NULL. */
enum kerr_code cli_validate_live(struct cli *c, const char *year, const char *format);

#endif
