/*
 * `kith audit verify|list`: the audit trail from the command line. verify recomputes the
 * chain from the first row with the audit key and checks it against the anchor, and names
 * the first row that was changed, removed, reordered or cut from the end (exit 1), so a
 * tampered trail cannot pass for a sound one.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/records.h"
#include "domain/audit.h"
#include "store/store.h"

struct audit_opts {
    const char *child;
    const char *user;
    kdate from, to;
    long limit;
};

struct verify_opts {
    const char *anchor;
};

static enum kerr_code run_verify(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct verify_opts *o = opts;
    /* The store's own anchor is checked when it exists; one named must exist. */
    const char *anchor = o->anchor;
    const char *own = store_audit_anchor_path(c->store);
    if (!anchor && own && access(own, F_OK) == 0)
        anchor = own;
    struct audit_check ck;
    enum kerr_code rc = store_audit_check(c->store, anchor, &ck, &c->err);
    if (rc)
        return rc;
    if (ck.bad)
        return kerr_fail(&c->err, KITH_E_FINDINGS, "audit",
                         "the audit trail is broken at row %lld (of %lld read): %s",
                         (long long)ck.bad, (long long)ck.rows, ck.why);
    cli_printf(c, "audit trail sound: %lld rows, every hash chained\n", (long long)ck.rows);
    if (!ck.keyed_from)
        cli_printf(c, "no row is sealed with an audit key: someone who can write the database "
                      "could rewrite the whole trail unseen\n");
    else if (ck.keyed_from > 1)
        fprintf(c->out,
                "rows %lld on are sealed with the audit key; rows 1 to %lld were written "
                "before it and are chained without one\n",
                (long long)ck.keyed_from, (long long)ck.keyed_from - 1);
    else
        cli_printf(c, "every row is sealed with the audit key\n");
    if (anchor)
        cli_printf(c, "the anchor %s agrees (%zu lines)\n", anchor, ck.nanchors);
    else
        fprintf(c->out,
                "no anchor checked: rows cut from the end would not show (--anchor FILE)\n");
    return KITH_OK;
}

static int64_t day_start(kdate d) { return (int64_t)d * 86400; }

static enum kerr_code run_list(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct audit_opts *o = opts;
    struct audit_query q = {.limit = o->limit > 0 ? (size_t)o->limit : 50};
    enum kerr_code rc = o->child ? cli_child_id(c, o->child, &q.child_id) : KITH_OK;
    if (!rc && o->user) {
        struct user u;
        rc = store_user_find(c->store, o->user, &c->arena, &u, &c->err);
        q.user_id = u.id;
    }
    if (rc)
        return rc;
    q.from = o->from == DATE_NONE ? 0 : day_start(o->from);
    q.to = o->to == DATE_NONE ? 0 : day_start(o->to + 1) - 1;
    struct audit_event *rows;
    size_t n;
    rc = store_audit_list(c->store, &q, &c->arena, &rows, &n, &c->err);
    if (rc)
        return rc;
    /* The detail last: a sign-in's address, a validation's files and counts. */
    static const int widths[] = {6, 20, 22, 20, 8, 12, 8, 0};
    static const char *const head[] = {"row",   "time (UTC)", "user",    "role",
                                       "child", "action",     "outcome", "detail"};
    cli_row(c->out, widths, 8, head);
    for (size_t i = 0; i < n; i++) {
        char when[32];
        time_t t = (time_t)rows[i].at;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
        const char *cells[] = {
            arena_printf(&c->arena, "%lld", (long long)rows[i].id),
            when,
            rows[i].username,
            rows[i].role,
            rows[i].child_id ? arena_printf(&c->arena, "%lld", (long long)rows[i].child_id) : "-",
            rows[i].action,
            rows[i].outcome,
            rows[i].detail ? rows[i].detail : ""};
        cli_row(c->out, widths, 8, cells);
    }
    return KITH_OK;
}

static const struct cli_opt list_opts[] = {
    {"child", OPT_STR, offsetof(struct audit_opts, child), "REF",
     "only rows about this child (public id or LA child id)"},
    {"user", OPT_STR, offsetof(struct audit_opts, user), "USERNAME", "only this account's rows"},
    {"from", OPT_DATE, offsetof(struct audit_opts, from), "DATE", "from this day (UTC)"},
    {"to", OPT_DATE, offsetof(struct audit_opts, to), "DATE", "to this day (UTC), inclusive"},
    {"limit", OPT_INT, offsetof(struct audit_opts, limit), "N", "at most N rows (default 50)"},
    {0},
};

static const struct cli_opt verify_opts[] = {
    {"anchor", OPT_STR, offsetof(struct verify_opts, anchor), "FILE",
     "check against this anchor file (default: the store's, when it exists)"},
    {0},
};

static const struct cli_command audit_sub[] = {
    {.name = "verify",
     .summary = "check the audit trail's chain, key and anchor; exit 1 naming the first bad row",
     .usage = "[--anchor FILE]",
     .flags = CLI_DB_READ,
     .opts = verify_opts,
     .opts_size = sizeof(struct verify_opts),
     .run = run_verify},
    {.name = "list",
     .summary = "who viewed or changed records, newest first",
     .usage = "[--child REF] [--user USERNAME] [--from DATE] [--to DATE] [--limit N]",
     .flags = CLI_DB_READ,
     .opts = list_opts,
     .opts_size = sizeof(struct audit_opts),
     .run = run_list},
    {0},
};

const struct cli_command cmd_audit = {
    .name = "audit",
    .summary = "verify and read the audit trail",
    .usage = "COMMAND",
    .sub = audit_sub,
};
