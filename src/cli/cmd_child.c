/*
 * `kith child`: add, show, list and search children from the command line. The same
 * store functions serve the web pages (a later issue), so what is checked here on the
 * way in (field validation in domain/) is what every entry point checks.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework/dupes.h"
#include "cli/cli.h"
#include "cli/records.h"
#include "domain/field.h"
#include "domain/ident.h"
#include "domain/public_id.h"
#include "store/store.h"

struct add_opts {
    const char *given, *family, *sex, *ethnicity, *upn, *former_upn, *upn_unknown, *postcode,
        *la_child_id, *disabilities;
    kdate dob, expected_dob;
    int uasc;
};

static const struct cli_opt add_opts[] = {
    {"given", OPT_STR, offsetof(struct add_opts, given), "NAME", "given name (required)"},
    {"family", OPT_STR, offsetof(struct add_opts, family), "NAME", "family name (required)"},
    {"dob", OPT_DATE, offsetof(struct add_opts, dob), "DATE", "date of birth"},
    {"expected-dob", OPT_DATE, offsetof(struct add_opts, expected_dob), "DATE",
     "expected date of birth, for an unborn child"},
    {"sex", OPT_STR, offsetof(struct add_opts, sex), "M|F|U", "sex (required; U for unborn)"},
    {"ethnicity", OPT_STR, offsetof(struct add_opts, ethnicity), "CODE",
     "DfE ethnicity code, e.g. WBRI ('kith codes ethnicity' lists them)"},
    {"upn", OPT_STR, offsetof(struct add_opts, upn), "UPN", "unique pupil number"},
    {"former-upn", OPT_STR, offsetof(struct add_opts, former_upn), "UPN", "former UPN"},
    {"upn-unknown", OPT_STR, offsetof(struct add_opts, upn_unknown), "UNn",
     "why there is no UPN (UN1-UN7)"},
    {"postcode", OPT_STR, offsetof(struct add_opts, postcode), "POSTCODE", "home postcode"},
    {"la-child-id", OPT_STR, offsetof(struct add_opts, la_child_id), "ID",
     "the council's child id (default: the new record's public id)"},
    {"disabilities", OPT_STR, offsetof(struct add_opts, disabilities), "CODES",
     "comma-separated DfE disability codes, e.g. MOB,COMM or NONE"},
    {"uasc", OPT_BOOL, offsetof(struct add_opts, uasc), NULL, "unaccompanied asylum-seeking child"},
    {NULL, 0, 0, NULL, NULL},
};

/* Copy an optional option value into a fixed code field, refusing values that do not fit
 * rather than cutting them (a cut UPN would validate as a different one). */
static enum kerr_code put(struct cli *c, const char *field, const char *v, char *dst, size_t size)
{
    if (!v)
        return KITH_OK;
    if (strlen(v) >= size)
        return kerr_fail(&c->err, KITH_E_INVALID, field,
                         "'%.40s' is too long: at most %zu characters", v, size - 1);
    memcpy(dst, v, strlen(v) + 1);
    return KITH_OK;
}

static enum kerr_code split_disabilities(struct cli *c, const char *list, struct person *p)
{
    if (!list)
        return KITH_OK;
    const char *s = list;
    while (*s) {
        size_t n = strcspn(s, ",");
        if (p->n_disabilities == DISABILITIES_MAX)
            return kerr_fail(&c->err, KITH_E_INVALID, "disabilities", "at most %d disability codes",
                             DISABILITIES_MAX);
        if (n == 0 || n >= sizeof(p->disabilities[0]))
            return kerr_fail(&c->err, KITH_E_INVALID, "disabilities",
                             "'%.40s' is not a list of disability codes: expected codes such as "
                             "MOB,COMM separated by commas",
                             list);
        memcpy(p->disabilities[p->n_disabilities], s, n);
        p->disabilities[p->n_disabilities++][n] = '\0';
        s += n + (s[n] == ',');
    }
    return KITH_OK;
}

static enum kerr_code run_add(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct add_opts *o = opts;
    struct person p = {.kind = PERSON_CHILD,
                       .dob = o->dob,
                       .expected_dob = o->expected_dob,
                       .death = DATE_NONE,
                       .uasc = o->uasc,
                       .uasc_ceased = DATE_NONE,
                       .created = date_today()};
    p.given_name = o->given ? o->given : "";
    p.family_name = o->family ? o->family : "";
    p.sex = o->sex && strlen(o->sex) == 1 ? o->sex[0] : (o->sex ? '?' : '\0');
    if (put(c, "ethnicity", o->ethnicity, p.ethnicity, sizeof(p.ethnicity)) ||
        put(c, "upn", o->upn, p.upn, sizeof(p.upn)) ||
        put(c, "former-upn", o->former_upn, p.former_upn, sizeof(p.former_upn)) ||
        put(c, "upn-unknown", o->upn_unknown, p.upn_unknown, sizeof(p.upn_unknown)) ||
        put(c, "postcode", o->postcode, p.postcode, sizeof(p.postcode)) ||
        put(c, "la-child-id", o->la_child_id, p.la_child_id, sizeof(p.la_child_id)) ||
        split_disabilities(c, o->disabilities, &p))
        return c->err.code;
    /* People type postcodes in any case and spacing; store the standard form when the
     * shape is right, and let validation explain it when it is not. */
    char pc[POSTCODE_LEN_MAX + 1];
    if (p.postcode[0] && postcode_normalise(p.postcode, strlen(p.postcode), pc))
        memcpy(p.postcode, pc, sizeof(pc));
    public_id_new(p.public_id);
    if (!p.la_child_id[0])
        public_id_la_child_id(p.public_id, p.la_child_id);

    enum kerr_code rc = cli_check_person(c, &p);
    if (rc)
        return rc;
    rc = store_person_add(c->store, &p, &c->err);
    if (rc)
        return rc;
    cli_printf(c, "added child %s (LA child id %s)\n", p.public_id, p.la_child_id);
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

static const struct cli_command child_sub[] = {
    {.name = "add",
     .summary = "add a child's record",
     .usage = "--given NAME --family NAME --sex M|F|U [--dob DATE] [more options]",
     .description = "Every value is checked before anything is stored, and every problem is "
                    "reported at once,\nnaming the option, the value and what was expected.",
     .flags = CLI_DB_WRITE,
     .opts = add_opts,
     .opts_size = sizeof(struct add_opts),
     .run = run_add},
    {.name = "show",
     .summary = "show a child's record: identity, relationships, allocations, recent notes",
     .usage = "CHILD",
     .description = "CHILD is the record's public id or the LA child id.",
     .flags = CLI_DB_READ,
     .min_args = 1,
     .max_args = 1,
     .run = run_show},
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
    {0},
};

const struct cli_command cmd_child = {
    .name = "child",
    .summary = "add, show, list and search children's records",
    .usage = "COMMAND",
    .sub = child_sub,
};
