/*
 * `kith token add|list|revoke`: API tokens. A token acts as its account (same role,
 * scope and audit) through /api/v1; it is shown once when made and kept only as a
 * digest, so a lost token is revoked and replaced, never recovered. Its rules (its life,
 * the account not disabled) and the audit row of each change are the use case's
 * (casework/access.h).
 */
#include <stdio.h>
#include <time.h>

#include "casework/access.h"
#include "cli/records.h"
#include "core/crypto.h"
#include "store/store.h"

struct token_opts {
    const char *name;
    kdate expires;
    long days;
};

static enum kerr_code run_add(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    struct token_opts *o = opts;
    if (o->expires != DATE_NONE && o->days)
        return kerr_fail(&c->err, KITH_E_USAGE, "days", "give --days or --expires, not both");
    if (o->days && (o->days < 1 || o->days > TOKEN_DAYS_MAX))
        return kerr_fail(&c->err, KITH_E_USAGE, "days", "give --days from 1 to %d", TOKEN_DAYS_MAX);
    struct actor who = cli_actor(c);
    kdate today = (kdate)(who.now / 86400); /* UTC, as the expiry is kept */
    kdate last = o->days ? today + (kdate)o->days - 1 : o->expires;
    char token[KCRYPTO_TOKEN_TEXT];
    struct api_token t;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_token_add(c->store, &who, argv[0], o->name, &last, token, &t, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_printf(c,
               "token %lld for %s: %s\n(shown once: keep it secret; send it as "
               "Authorization: Bearer TOKEN; it works until the end of %s)\n",
               (long long)t.id, argv[0], token, cli_date(c, last));
    return KITH_OK;
}

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    (void)argv;
    struct api_token *t;
    size_t n;
    struct user *users;
    size_t nu;
    enum kerr_code rc = store_token_list(c->store, &c->arena, &t, &n, &c->err);
    if (!rc)
        rc = store_user_list(c->store, &c->arena, &users, &nu, &c->err);
    if (rc)
        return rc;
    static const int widths[] = {5, 24, 20, 12, 12};
    static const char *const head[] = {"id", "account", "name", "expires", "status"};
    cli_row(c->out, widths, 5, head);
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < n; i++) {
        const char *who = "?";
        for (size_t k = 0; k < nu; k++)
            if (users[k].id == t[i].user_id)
                who = users[k].username;
        const char *cells[] = {arena_printf(&c->arena, "%lld", (long long)t[i].id), who, t[i].name,
                               t[i].expires ? cli_date(c, (kdate)(t[i].expires / 86400 - 1)) : "-",
                               t[i].revoked
                                   ? "revoked"
                                   : (t[i].expires && t[i].expires <= now ? "expired" : "active")};
        cli_row(c->out, widths, 5, cells);
    }
    return KITH_OK;
}

static enum kerr_code run_revoke(struct cli *c, void *opts, int argc, char **argv)
{
    (void)opts;
    (void)argc;
    long id;
    enum kerr_code rc = cli_int_arg(c, "token id", argv[0], 1, INT32_MAX, &id);
    if (rc)
        return rc;
    struct cw_err err;
    cw_err_clear(&err);
    struct actor who = cli_actor(c);
    rc = cw_token_revoke(c->store, &who, id, &err);
    if (rc)
        return cli_refused(c, rc, &err, "--");
    cli_printf(c, "revoked token %ld\n", id);
    return KITH_OK;
}

static const struct cli_opt add_opts[] = {
    {"name", OPT_STR, offsetof(struct token_opts, name), "NAME",
     "what the token is for (default 'api')"},
    {"expires", OPT_DATE, offsetof(struct token_opts, expires), "DATE",
     "the last day it works (at most ten years ahead)"},
    {"days", OPT_INT, offsetof(struct token_opts, days), "N",
     "how many days it works, today the first (default 90)"},
    {0},
};

static const struct cli_command token_sub[] = {
    {.name = "add",
     .summary = "make an API token for an account and print it once",
     .usage = "USERNAME [--name NAME] [--days N | --expires DATE]",
     .flags = CLI_DB_WRITE,
     .opts = add_opts,
     .opts_size = sizeof(struct token_opts),
     .min_args = 1,
     .max_args = 1,
     .run = run_add},
    {.name = "list",
     .summary = "list API tokens (never the tokens themselves)",
     .flags = CLI_DB_READ,
     .run = run_list},
    {.name = "revoke",
     .summary = "stop a token working at once",
     .usage = "TOKEN-ID",
     .flags = CLI_DB_WRITE,
     .min_args = 1,
     .max_args = 1,
     .run = run_revoke},
    {0},
};

const struct cli_command cmd_token = {
    .name = "token",
    .summary = "manage API tokens",
    .usage = "COMMAND",
    .sub = token_sub,
};
