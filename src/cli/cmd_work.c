/*
 * `kith work`: what is due, from the timescales table and the records as they read now
 * (casework/work.h): for a worker their overdue work, what is due today, this week and
 * later, each with the command that discharges it; for a team the overdue work by worker
 * and by type, the manager's authorisation queue and the caseloads; for the whole
 * borough the same summaries. --format csv|json lists every obligation (done ones too)
 * with dates as YYYY-MM-DD, the CSV's columns fixed by issue 19:
 * child,worker,obligation,started,due,status,rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/work.h"
#include "cli/records.h"
#include "core/esc.h"
#include "core/str.h"

struct work_opts {
    const char *worker, *team, *format, *status;
    int all;
    kdate on;
};

static const struct cli_opt work_opts[] = {
    {"worker", OPT_STR, offsetof(struct work_opts, worker), "REF",
     "the work this worker owns (public id or registration)"},
    {"team", OPT_STR, offsetof(struct work_opts, team), "TEAM",
     "the work of a team's workers (public id or name)"},
    {"all", OPT_BOOL, offsetof(struct work_opts, all), NULL, "every obligation in the borough"},
    {"on", OPT_DATE, offsetof(struct work_opts, on), "DATE", "judge on this day (default today)"},
    {"status", OPT_STR, offsetof(struct work_opts, status), "S",
     "only done, due or overdue obligations"},
    {"format", OPT_STR, offsetof(struct work_opts, format), "FMT", "text (default), csv or json"},
    {NULL, 0, 0, NULL, NULL},
};

static const char *worker_name(struct cli *c, const struct worker *w)
{
    return w ? arena_printf(&c->arena, "%s %s", w->given_name, w->family_name) : "(unallocated)";
}

static const char *child_ref(const struct child_owner *ch)
{
    return ch->la_child_id[0] ? ch->la_child_id : ch->public_id;
}

/* The command that discharges an obligation: the field of its record to set, or the
 * record to add. */
static const char *discharge(struct cli *c, const struct work_item *it)
{
    const struct timescale *ts = it->ob.ts;
    const struct rec_head *h = rec_chead(it->type, it->ob.rec);
    if (!ts->stop_type) {
        char *opt = arena_strdup(&c->arena, ts->stop_field);
        for (char *p = opt; *p; p++)
            *p = *p == '_' ? '-' : *p;
        return arena_printf(&c->arena,
                            "kith record edit %s %s --version %d --reason TEXT --%s DATE ...",
                            it->type->name, h->public_id, h->version, opt);
    }
    return arena_printf(&c->arena, "kith record add %s %s ...", ts->stop_type,
                        it->child->public_id);
}

static void put_csv(struct cli *c, const struct work *w)
{
    for (size_t i = 0; i < w->n; i++) {
        const struct work_item *it = &w->items[i];
        char s[DATE_ISO_LEN], d[DATE_ISO_LEN];
        fprintf(c->out, "%s,%s,%s,%s,%s,%s,%s\n", it->child->public_id,
                it->owner ? it->owner->public_id : "", it->ob.ts->what,
                date_format_iso(it->ob.started, s), date_format_iso(it->ob.due, d),
                ob_status_name(it->ob.status), it->ob.ts->rule);
    }
}

static void json_pair(struct str *j, const char *key, const char *v, bool comma)
{
    esc_json(j, key);
    str_addc(j, ':');
    if (v)
        esc_json(j, v);
    else
        str_add(j, "null");
    if (comma)
        str_addc(j, ',');
}

/* A part's obligations as JSON objects, `*first` saying whether one was written before. */
static void put_json(struct cli *c, const struct work *w, bool *first)
{
    struct str j;
    str_init(&j, 0);
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], d3[DATE_ISO_LEN], why[400];
    for (size_t i = 0; i < w->n; i++) {
        const struct work_item *it = &w->items[i];
        ts_explain(&it->ob, why, sizeof why);
        str_add(&j, *first ? "\n{" : ",\n{");
        *first = false;
        json_pair(&j, "child", it->child->public_id, true);
        json_pair(&j, "worker", it->owner ? it->owner->public_id : NULL, true);
        json_pair(&j, "obligation", it->ob.ts->what, true);
        json_pair(&j, "started", date_format_iso(it->ob.started, d1), true);
        json_pair(&j, "due", date_format_iso(it->ob.due, d2), true);
        json_pair(&j, "done", it->ob.done == DATE_NONE ? NULL : date_format_iso(it->ob.done, d3),
                  true);
        json_pair(&j, "status", ob_status_name(it->ob.status), true);
        json_pair(&j, "rule", it->ob.ts->rule, true);
        json_pair(&j, "owner", it->ob.ts->owner == TS_MANAGER ? "team manager" : "social worker",
                  true);
        json_pair(&j, "record_type", it->type->name, true);
        json_pair(&j, "record", rec_chead(it->type, it->ob.rec)->public_id, true);
        json_pair(&j, "explanation", why, false);
        str_addc(&j, '}');
    }
    fwrite(j.buf, 1, j.len, c->out);
    str_release(&j);
}

/* One line per open obligation, under its bucket's heading. */
static void put_list(struct cli *c, const struct work *w, kdate on, bool show_owner)
{
    static const char *const heads[] = {"Overdue", "Due today", "Due in the next 7 days", "Later"};
    for (int b = 0; b < 4; b++) {
        bool head = false;
        for (size_t i = 0; i < w->n; i++) {
            const struct work_item *it = &w->items[i];
            if ((it->ob.status == OB_DONE) || work_bucket(&it->ob, on) != b)
                continue;
            if (!head)
                fprintf(c->out, "\n%s\n", heads[b]);
            head = true;
            char why[400];
            ts_explain(&it->ob, why, sizeof why);
            fprintf(c->out, "  %s  %-12s  %s", cli_date(c, it->ob.due), child_ref(it->child),
                    it->ob.ts->what);
            if (show_owner)
                fprintf(c->out, "  (%s)", worker_name(c, it->owner));
            fprintf(c->out, "\n      %s\n      -> %s\n", why, discharge(c, it));
        }
    }
}

static void put_done(struct cli *c, const struct work *w)
{
    for (size_t i = 0; i < w->n; i++) {
        const struct work_item *it = &w->items[i];
        if (it->ob.status != OB_DONE)
            continue;
        char why[400];
        ts_explain(&it->ob, why, sizeof why);
        fprintf(c->out, "  %s  %-12s  %s\n      %s\n", cli_date(c, it->ob.done),
                child_ref(it->child), it->ob.ts->what, why);
    }
}

/* An open obligation waiting for a team manager: the authorisation queue's line. */
struct queued {
    kdate due;
    const struct child_owner *child;
    const struct timescale *ts;
    const struct worker *owner;
};

/* The summaries of the work, gathered part by part (cw_work_each): counts by bucket,
 * overdue by worker and by rule, and the authorisation queue. One pass over the items:
 * counting each worker's overdue work by scanning every item once per worker took two
 * minutes for the borough at --scale 10. */
struct tally {
    struct arena *a;
    kdate on;
    size_t n[5]; /* overdue, due today, in 7 days, later, done */
    const struct worker *workers;
    size_t nworkers;
    size_t *by_worker; /* per worker (by index), the last for obligations nobody owns */
    size_t *by_rule;   /* per row of timescales[] */
    struct queued *queue;
    size_t nq, capq;
};

static void tally_add(struct tally *t, const struct work *w)
{
    if (!t->by_worker) {
        size_t nrules = 0;
        while (timescales[nrules].rule)
            nrules++;
        t->workers = w->workers;
        t->nworkers = w->nworkers;
        t->by_worker = arena_zalloc(t->a, (w->nworkers + 1) * sizeof(size_t));
        t->by_rule = arena_zalloc(t->a, (nrules + 1) * sizeof(size_t));
    }
    for (size_t i = 0; i < w->n; i++) {
        const struct work_item *it = &w->items[i];
        t->n[it->ob.status == OB_DONE ? 4 : work_bucket(&it->ob, t->on)]++;
        if (it->ob.status == OB_OVERDUE) {
            t->by_worker[it->owner ? (size_t)(it->owner - t->workers) : t->nworkers]++;
            t->by_rule[it->ob.ts - timescales]++;
        }
        if (it->ob.ts->owner != TS_MANAGER || it->ob.status == OB_DONE)
            continue;
        if (t->nq == t->capq) {
            t->capq = t->capq ? 2 * t->capq : 64;
            struct queued *v = arena_alloc(t->a, t->capq * sizeof(*v));
            if (t->nq)
                memcpy(v, t->queue, t->nq * sizeof(*v));
            t->queue = v;
        }
        t->queue[t->nq++] = (struct queued){it->ob.due, it->child, it->ob.ts, it->owner};
    }
}

static int queued_by_due(const void *x, const void *y)
{
    const struct queued *a = x, *b = y;
    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    int c = strcmp(a->child->public_id, b->child->public_id);
    return c ? c : strcmp(a->ts->rule, b->ts->rule);
}

/* Overdue obligations counted by owner and by rule: a manager's first look. */
static void put_overdue_summary(struct cli *c, const struct tally *t)
{
    fprintf(c->out, "\nOverdue by worker\n");
    size_t shown = 0;
    for (size_t k = 0; t->by_worker && k <= t->nworkers; k++)
        if (t->by_worker[k]) {
            fprintf(c->out, "  %-32s %6zu\n",
                    worker_name(c, k < t->nworkers ? &t->workers[k] : NULL), t->by_worker[k]);
            shown++;
        }
    if (!shown)
        fprintf(c->out, "  none\n");
    fprintf(c->out, "\nOverdue by type\n");
    shown = 0;
    for (size_t r = 0; t->by_rule && timescales[r].rule; r++)
        if (t->by_rule[r]) {
            fprintf(c->out, "  %-32s %6zu\n", timescales[r].rule, t->by_rule[r]);
            shown++;
        }
    if (!shown)
        fprintf(c->out, "  none\n");
}

/* Open obligations whose job is a team manager's: what waits for an authorisation. */
static void put_queue(struct cli *c, struct tally *t)
{
    fprintf(c->out, "\nAuthorisation queue\n");
    if (t->nq)
        qsort(t->queue, t->nq, sizeof(*t->queue), queued_by_due);
    for (size_t i = 0; i < t->nq; i++) {
        const struct queued *q = &t->queue[i];
        fprintf(c->out, "  %s  %-12s  %s  (%s)\n", cli_date(c, q->due), child_ref(q->child),
                q->ts->what, worker_name(c, q->owner));
    }
    if (!t->nq)
        fprintf(c->out, "  none\n");
}

static enum kerr_code put_caseloads(struct cli *c, int64_t team)
{
    struct worker_caseload *cl;
    size_t n;
    enum kerr_code rc = store_team_caseloads(c->store, team, &c->arena, &cl, &n, &c->err);
    if (rc)
        return rc;
    fprintf(c->out, "\nCaseloads\n");
    for (size_t i = 0; i < n; i++)
        fprintf(c->out, "  %-32s %6lld children\n", worker_name(c, &cl[i].worker),
                (long long)cl[i].children);
    if (!n)
        fprintf(c->out, "  no workers in post\n");
    return KITH_OK;
}

static enum kerr_code parse(struct cli *c, const struct work_opts *o, enum cli_format *fmt,
                            struct work_query *q)
{
    int f;
    if (cli_choice(c, "format", o->format, cli_formats, &f))
        return KITH_E_USAGE;
    *fmt = (enum cli_format)f;
    q->status = -1;
    for (int s = OB_DONE; o->status && s <= OB_OVERDUE; s++)
        if (!strcmp(o->status, ob_status_name((enum ob_status)s)))
            q->status = s;
    if (o->status && q->status < 0)
        return kerr_fail(&c->err, KITH_E_USAGE, "status", "'%s' is not done, due or overdue",
                         o->status);
    if ((o->worker != NULL) + (o->team != NULL) + (o->all != 0) != 1)
        return kerr_fail(&c->err, KITH_E_USAGE, NULL,
                         "whose work? give one of --worker REF, --team TEAM or --all");
    q->on = o->on != DATE_NONE ? o->on : date_today();
    enum kerr_code rc = KITH_OK;
    if (o->worker)
        rc = cli_worker_id(c, o->worker, &q->worker_id);
    if (!rc && o->team)
        rc = cli_team_id(c, o->team, &q->team_id);
    return rc;
}

/* What each part of the work goes to: written out as it comes (CSV, JSON), or tallied,
 * the last part kept for a worker's or a team's list (held whole: one part). */
struct sink {
    struct cli *c;
    enum cli_format fmt;
    bool first;
    struct tally t;
    struct work last;
};

static enum kerr_code take_part(void *ctx, const struct work *w)
{
    struct sink *k = ctx;
    if (k->fmt == CLI_CSV)
        put_csv(k->c, w);
    else if (k->fmt == CLI_JSON)
        put_json(k->c, w, &k->first);
    else
        tally_add(&k->t, w);
    k->last = *w;
    return ferror(k->c->out) ? kerr_fail(&k->c->err, KITH_E_IO, NULL, "could not write the work")
                             : KITH_OK;
}

/* Children per part of the borough's work: enough that each part's statements are few,
 * few enough that a part's records stay tens of megabytes. */
#define WORK_SLICE 4000

static enum kerr_code run_work(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct work_opts *o = opts;
    enum cli_format fmt = CLI_TEXT;
    struct work_query q = {0};
    enum kerr_code rc = parse(c, o, &fmt, &q);
    if (rc)
        return rc;
    struct actor who = cli_actor(c);
    struct cw_err err;
    cw_err_clear(&err);
    struct sink k = {.c = c, .fmt = fmt, .first = true, .t = {.a = &c->arena, .on = q.on}};
    char d[DATE_ISO_LEN];
    if (fmt == CLI_CSV)
        fputs("child,worker,obligation,started,due,status,rule\n", c->out);
    else if (fmt == CLI_JSON)
        fprintf(c->out, "{\"on\":\"%s\",\"obligations\":[", date_format_iso(q.on, d));
    rc = cw_work_each(c->store, &who, &q, WORK_SLICE, &c->arena, take_part, &k, &err);
    if (rc) {
        if (rc != KITH_E_IO)
            c->err = err.e;
        return rc;
    }
    if (fmt == CLI_JSON)
        fputs("\n]}\n", c->out);
    if (fmt != CLI_TEXT)
        return KITH_OK;
    const struct work *w = &k.last;
    const size_t *n = k.t.n;
    const char *whose = o->all ? "the borough" : o->team ? o->team : NULL;
    for (size_t i = 0; !whose && i < w->nworkers; i++)
        if (w->workers[i].id == q.worker_id)
            whose = worker_name(c, &w->workers[i]);
    fprintf(c->out,
            "Work for %s on %s: %zu overdue, %zu due today, %zu due in the next 7 days, "
            "%zu later, %zu done\n",
            whose, cli_date(c, q.on), n[0], n[1], n[2], n[3], n[4]);
    if (q.worker_id) {
        put_list(c, w, q.on, false);
        if (q.status == OB_DONE)
            put_done(c, w);
        return KITH_OK;
    }
    put_overdue_summary(c, &k.t);
    put_queue(c, &k.t);
    if (q.team_id) {
        rc = put_caseloads(c, q.team_id);
        if (!rc)
            put_list(c, w, q.on, true);
    }
    return rc;
}

const struct cli_command cmd_work = {
    "work",
    "what is due and overdue: a worker's, a team's or the borough's",
    "--worker REF | --team TEAM | --all [--on DATE] [--status S] [--format text|csv|json]",
    "Obligations come from the statutory timescales (docs/timescales.md) and the records as "
    "they read now: a corrected or deleted record changes them at once. For a worker: overdue, "
    "due today, in the next 7 days and later, each with the command that discharges it. For a "
    "team: overdue work by worker and by type, the authorisation queue and the caseloads. CSV "
    "and JSON list every obligation, done ones too (CSV columns: "
    "child,worker,obligation,started,due,status,rule; dates YYYY-MM-DD).",
    CLI_DB_WRITE,
    work_opts,
    sizeof(struct work_opts),
    0,
    0,
    run_work,
    NULL,
};
