/*
 * `kith user add|list|disable|enable|reset-password`: accounts for the web service.
 * A password is never an argument (it would show in `ps` and the shell's history): it is
 * typed at a prompt with echo off, read from a file (or "-" for standard input), or
 * generated and printed once. The rules, the policy in domain/password.h and the audit
 * row of each change are the use case's (casework/accounts.h); this file reads the
 * options and the password and says what happened.
 */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "casework/accounts.h"
#include "cli/records.h"
#include "domain/codeset.h"
#include "domain/entities.h"
#include "domain/password.h"
#include "domain/rec.h"
#include "store/store.h"

struct user_opts {
    const char *role;
    const char *worker;
    const char *password_file;
    int generate;
};

/* Read one line into `buf` (without its newline); false at end of input. */
static bool read_line(FILE *f, char *buf, size_t size)
{
    if (!fgets(buf, (int)size, f))
        return false;
    buf[strcspn(buf, "\r\n")] = '\0';
    return true;
}

static bool prompt(const char *question, char *buf, size_t size)
{
    fputs(question, stderr);
    fflush(stderr);
    struct termios old, quiet;
    bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool ok = read_line(stdin, buf, size);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    return ok;
}

/* The new password, by whichever way the options chose; `shown` says it was generated
 * (and so must be printed). The policy is the use case's (casework/accounts.c). */
static enum kerr_code new_password(struct cli *c, const struct user_opts *o, char *pw, size_t size,
                                   bool *shown)
{
    *shown = false;
    if (o->generate && o->password_file)
        return kerr_fail(&c->err, KITH_E_USAGE, "password",
                         "give --generate or --password-file, not both");
    if (o->generate) {
        password_generate(pw, size);
        *shown = true;
    } else if (o->password_file) {
        bool std = strcmp(o->password_file, "-") == 0;
        FILE *f = std ? stdin : fopen(o->password_file, "r");
        if (!f)
            return kerr_fail(&c->err, KITH_E_IO, "password-file", "cannot read '%s'",
                             o->password_file);
        bool ok = read_line(f, pw, size);
        if (!std)
            fclose(f);
        if (!ok)
            return kerr_fail(&c->err, KITH_E_INVALID, "password-file",
                             "'%s' is empty: its first line is the password", o->password_file);
    } else if (isatty(STDIN_FILENO)) {
        char again[PASSWORD_MAX + 2];
        if (!prompt("New password: ", pw, size) || !prompt("Type it again: ", again, sizeof again))
            return kerr_fail(&c->err, KITH_E_USAGE, "password", "no password was typed");
        if (strcmp(pw, again) != 0)
            return kerr_fail(&c->err, KITH_E_INVALID, "password",
                             "the two passwords typed differ; nothing was changed");
    } else
        return kerr_fail(&c->err, KITH_E_USAGE, "password",
                         "standard input is not a terminal: give --password-file FILE (or -) "
                         "or --generate");
    return KITH_OK;
}

static void show_password(struct cli *c, const char *username, const char *pw)
{
    cli_printf(c, "password for %s: %s\n(shown once: give it to them privately)\n", username, pw);
}

static enum kerr_code run_add(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    struct user_opts *o = opts;
    if (!o->role)
        return kerr_fail(&c->err, KITH_E_USAGE, "role", "--role is required (one of: %s)",
                         "social-worker, team-manager, cp-chair-iro, personal-adviser, "
                         "fostering-worker, performance-analyst, recruiter, administrator, "
                         "auditor");
    char pw[PASSWORD_MAX + 2];
    bool shown = false;
    enum kerr_code rc = new_password(c, o, pw, sizeof pw, &shown);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct user u = {.created = DATE_NONE};
    rec_set_text(field_find(account_fields, "username"), &u, argv[0], &c->arena, &err.fields);
    rec_set_text(field_find(account_fields, "role"), &u, o->role, &c->arena, &err.fields);
    struct actor who = cli_actor(c);
    rc = cw_account_add(c->store, &who, &u, o->worker, pw, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    cli_printf(c, "added %s (%s)\n", u.username, vocab_label(CS_USER_ROLE, (int)u.role));
    if (shown)
        show_password(c, u.username, pw);
    return KITH_OK;
}

static enum kerr_code run_reset(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    char pw[PASSWORD_MAX + 2];
    bool shown = false;
    enum kerr_code rc = new_password(c, opts, pw, sizeof pw, &shown);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    struct user u;
    rc = cw_account_reset_password(c->store, &who, argv[0], pw, 0, &c->arena, &u, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    cli_printf(c, "password reset for %s, and signed out everywhere\n", u.username);
    if (shown)
        show_password(c, u.username, pw);
    return KITH_OK;
}

static enum kerr_code set_disabled(struct cli *c, const char *name, bool disabled)
{
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    struct user u;
    enum kerr_code rc =
        cw_account_set_disabled(c->store, &who, name, disabled, &c->arena, &u, &err);
    if (rc)
        return cli_refused(c, rc, &err, "");
    cli_printf(c, "%s %s%s\n", disabled ? "disabled" : "enabled", u.username,
               disabled ? " and signed out everywhere" : "");
    return KITH_OK;
}

static enum kerr_code run_disable(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    return set_disabled(c, argv[0], true);
}

static enum kerr_code run_enable(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    return set_disabled(c, argv[0], false);
}

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    (void)argv;
    struct user *users;
    size_t n;
    enum kerr_code rc = store_user_list(c->store, &c->arena, &users, &n, &c->err);
    if (rc)
        return rc;
    static const int widths[] = {28, 36, 8, 9};
    static const char *const head[] = {"username", "role", "status", "password"};
    cli_row(c->out, widths, 4, head);
    for (size_t i = 0; i < n; i++) {
        const char *cells[] = {users[i].username, vocab_label(CS_USER_ROLE, (int)users[i].role),
                               users[i].disabled ? "disabled" : "active",
                               users[i].password_hash ? "set" : "not set"};
        cli_row(c->out, widths, 4, cells);
    }
    return KITH_OK;
}

static const struct cli_opt add_opts[] = {
    {"role", OPT_STR, offsetof(struct user_opts, role), "ROLE",
     "the account's role ('kith codes user-role' lists them)"},
    {"worker", OPT_STR, offsetof(struct user_opts, worker), "REF",
     "the worker the account belongs to (public id or registration)"},
    {"password-file", OPT_STR, offsetof(struct user_opts, password_file), "FILE",
     "read the password from the first line of FILE (- for standard input)"},
    {"generate", OPT_BOOL, offsetof(struct user_opts, generate), NULL,
     "make up a password and print it once"},
    {0},
};

static const struct cli_opt reset_opts[] = {
    {"password-file", OPT_STR, offsetof(struct user_opts, password_file), "FILE",
     "read the password from the first line of FILE (- for standard input)"},
    {"generate", OPT_BOOL, offsetof(struct user_opts, generate), NULL,
     "make up a password and print it once"},
    {0},
};

static const struct cli_command user_sub[] = {
    {.name = "add",
     .summary = "add an account that can sign in to the web service",
     .usage = "USERNAME --role ROLE [--worker REF] [--password-file FILE | --generate]",
     .description = "Without --password-file or --generate, asks for the password twice (not\n"
                    "shown). Passwords are at least 15 characters; a few unrelated words make\n"
                    "a good one. Common passwords and ones containing the username are refused.",
     .flags = CLI_DB_WRITE,
     .opts = add_opts,
     .opts_size = sizeof(struct user_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_add},
    {.name = "list",
     .summary = "list the accounts with their role and status",
     .flags = CLI_DB_READ,
     .run = run_list},
    {.name = "disable",
     .summary = "stop an account signing in and end its sessions at once",
     .usage = "USERNAME",
     .flags = CLI_DB_WRITE,
     .min_args = 1,
     .max_args = 1,
     .run = run_disable},
    {.name = "enable",
     .summary = "let a disabled account sign in again",
     .usage = "USERNAME",
     .flags = CLI_DB_WRITE,
     .min_args = 1,
     .max_args = 1,
     .run = run_enable},
    {.name = "reset-password",
     .summary = "set a new password for an account",
     .usage = "USERNAME [--password-file FILE | --generate]",
     .flags = CLI_DB_WRITE,
     .opts = reset_opts,
     .opts_size = sizeof(struct user_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_reset},
    {0},
};

const struct cli_command cmd_user = {
    .name = "user",
    .summary = "manage the accounts that sign in to the web service",
    .usage = "COMMAND",
    .sub = user_sub,
};
