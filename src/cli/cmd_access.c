/*
 * `kith access restrict|unrestrict|show|grant|revoke`: who may see a child beyond their
 * relationships. A restriction narrows a record to an allow-list of accounts (R6); a
 * grant lets one account see one child for a stated reason until a date. The checks and
 * the audit row of each change are the use case's (casework/access.h); this file reads the
 * options, finds the child and says what happened.
 */
#include <stdio.h>
#include <string.h>

#include "casework/access.h"
#include "cli/records.h"
#include "domain/codeset.h"
#include "store/store.h"

struct access_opts {
    const char *reason;
    const char *authoriser;
    const char *allow;
    kdate review;
    kdate expires;
};

/* The accounts named in "ana,ben", split (empty names skipped) into the arena. */
static enum kerr_code allow_names(struct cli *c, const char *names, const char ***out, size_t *n)
{
    size_t cap = 1;
    for (const char *p = names; *p; p++)
        cap += *p == ',';
    *out = arena_alloc(&c->arena, cap * sizeof **out);
    *n = 0;
    for (const char *p = names; *p;) {
        size_t len = strcspn(p, ",");
        if (len)
            (*out)[(*n)++] = arena_strndup(&c->arena, p, len);
        p += len + (p[len] == ',');
    }
    if (!*n)
        return kerr_fail(&c->err, KITH_E_USAGE, "allow",
                         "--allow names the accounts that may see the record: ana,ben");
    return KITH_OK;
}

static enum kerr_code run_restrict(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    struct access_opts *o = opts;
    if (!o->reason || !o->authoriser || !o->allow || o->review == DATE_NONE)
        return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                         "give --reason CODE, --authoriser WHO, --allow ACCOUNTS and --review "
                         "DATE");
    struct restriction r = {.reason = o->reason,
                            .authoriser = o->authoriser,
                            .review = o->review,
                            .created = DATE_NONE};
    const char **names;
    size_t n;
    enum kerr_code rc = allow_names(c, o->allow, &names, &n);
    if (!rc)
        rc = cli_child_id(c, argv[0], &r.child_id);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_access_restrict(c->store, &who, &r, names, n, &c->arena, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_printf(c, "restricted %s to %zu account%s until review on %s\n", argv[0], r.nallow,
               r.nallow == 1 ? "" : "s", cli_date(c, o->review));
    return KITH_OK;
}

static enum kerr_code run_unrestrict(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    int64_t child;
    enum kerr_code rc = cli_child_id(c, argv[0], &child);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_access_unrestrict(c->store, &who, child, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_printf(c, "lifted the restriction on %s\n", argv[0]);
    return KITH_OK;
}

static enum kerr_code run_show(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    int64_t child;
    struct restriction r;
    enum kerr_code rc = cli_child_id(c, argv[0], &child);
    if (!rc)
        rc = store_restriction_get(c->store, child, &c->arena, &r, &c->err);
    if (rc == KITH_E_NOT_FOUND && child) {
        cli_printf(c, "%s: not restricted\n", argv[0]);
        return KITH_OK;
    }
    if (rc)
        return rc;
    cli_printf(c, "%s: restricted (%s)\n  authoriser  %s\n  review      %s\n  allowed    ", argv[0],
               vocab_label(CS_RESTRICTION_REASON,
                           code_index(CS_RESTRICTION_REASON, r.reason, strlen(r.reason))),
               r.authoriser, cli_date(c, r.review));
    struct user *users;
    size_t n;
    rc = store_user_list(c->store, &c->arena, &users, &n, &c->err);
    for (size_t i = 0; !rc && i < r.nallow; i++)
        for (size_t k = 0; k < n; k++)
            if (users[k].id == r.allow[i])
                cli_printf(c, " %s", users[k].username);
    fputc('\n', c->out);
    return rc;
}

static enum kerr_code run_grant(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    struct access_opts *o = opts;
    if (!o->reason)
        return kerr_fail(&c->err, KITH_E_USAGE, "reason", "give --reason: why they need to see it");
    struct access_grant g = {
        .reason = o->reason, .granted = DATE_NONE, .expires = o->expires, .revoked = DATE_NONE};
    enum kerr_code rc = cli_child_id(c, argv[1], &g.child_id);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_access_grant(c->store, &who, argv[0], &g, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_printf(c, "grant %lld: %s may see %s%s%s\n", (long long)g.id, argv[0], argv[1],
               o->expires == DATE_NONE ? " until revoked" : " until ",
               o->expires == DATE_NONE ? "" : cli_date(c, o->expires));
    return KITH_OK;
}

static enum kerr_code run_revoke(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    long id;
    enum kerr_code rc = cli_int_arg(c, "grant id", argv[0], 1, INT32_MAX, &id);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_access_revoke(c->store, &who, id, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_printf(c, "revoked grant %ld\n", id);
    return KITH_OK;
}

static const struct cli_opt restrict_opts[] = {
    {"reason", OPT_STR, offsetof(struct access_opts, reason), "CODE",
     "why ('kith codes restriction-reason' lists the codes)"},
    {"authoriser", OPT_STR, offsetof(struct access_opts, authoriser), "WHO",
     "who decided, with their role"},
    {"allow", OPT_STR, offsetof(struct access_opts, allow), "ACCOUNTS",
     "the only accounts that may see the record, comma-separated"},
    {"review", OPT_DATE, offsetof(struct access_opts, review), "DATE",
     "when the restriction must be looked at again"},
    {0},
};

static const struct cli_opt grant_opts[] = {
    {"reason", OPT_STR, offsetof(struct access_opts, reason), "TEXT", "why they need to see it"},
    {"expires", OPT_DATE, offsetof(struct access_opts, expires), "DATE",
     "the last day it holds (default: until revoked)"},
    {0},
};

static const struct cli_command access_sub[] = {
    {.name = "restrict",
     .summary = "narrow a child's record to an allow-list of accounts",
     .usage = "CHILD --reason CODE --authoriser WHO --allow ACCOUNTS --review DATE",
     .description = "Only the accounts on the allow-list see the record, in every list, search\n"
                    "and page, whatever their role or team. Giving it again replaces the\n"
                    "restriction and its allow-list.",
     .flags = CLI_DB_WRITE,
     .opts = restrict_opts,
     .opts_size = sizeof(struct access_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_restrict},
    {.name = "unrestrict",
     .summary = "lift a child's restriction",
     .usage = "CHILD",
     .flags = CLI_DB_WRITE,
     .min_args = 1,
     .max_args = 1,
     .run = run_unrestrict},
    {.name = "show",
     .summary = "show whether a child's record is restricted, and to whom",
     .usage = "CHILD",
     .flags = CLI_DB_READ,
     .min_args = 1,
     .max_args = 1,
     .run = run_show},
    {.name = "grant",
     .summary = "let an account see a child beyond its relationships",
     .usage = "USERNAME CHILD --reason TEXT [--expires DATE]",
     .flags = CLI_DB_WRITE,
     .opts = grant_opts,
     .opts_size = sizeof(struct access_opts),
     .min_args = 2,
     .max_args = 2,
     .run = run_grant},
    {.name = "revoke",
     .summary = "end a grant",
     .usage = "GRANT-ID",
     .flags = CLI_DB_WRITE,
     .min_args = 1,
     .max_args = 1,
     .run = run_revoke},
    {0},
};

const struct cli_command cmd_access = {
    .name = "access",
    .summary = "restrict records and grant access to them",
    .usage = "COMMAND",
    .sub = access_sub,
};
