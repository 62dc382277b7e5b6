/*
 * GET /api/v1/obligations: the obligations the timescales derive (casework/work.h), as
 * `kith work --format json` lists them, for what the account may see. The query string
 * narrows them: worker and team (public ids), status (done, due, overdue), due_after and
 * due_before (YYYY-MM-DD, each excluding the day itself), on (the day statuses are judged
 * on, today by default), and limit (1 to 1000, 100 by default) and offset for pages.
 * Anything else in the query, or a value that does not read, is a 400 naming the field.
 *
 * Pages: the whole borough is derived a slice of children at a time (cw_work_each), and
 * only the page's window is kept (offset + limit at most OBLIGATIONS_WINDOW, in the order
 * of due day, child, rule, record and clock), so what a request holds follows the page,
 * not the borough. The answer says how many there are in all ("total"), how many it holds
 * ("shown") and where the next page starts ("next_offset", null on the last page or past
 * the window, where the filters, such as due_after, narrow the list instead).
 */
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/work.h"
#include "http/json.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { OBLIGATIONS_PAGE = 100, OBLIGATIONS_PAGE_MAX = 1000, OBLIGATIONS_WINDOW = 10000 };
/* children derived at a time for the whole borough, as `kith work --all` does */
#define OBLIGATIONS_SLICE 4000

struct ob_filter {
    struct work_query q;
    kdate after, before; /* DATE_NONE: no bound */
    long limit, offset;
};

static void query_error(struct http_request *req, const char *field, const char *message)
{
    if (req->nerrors < HTTP_FIELD_ERRORS_MAX) {
        req->errors[req->nerrors].field = arena_strdup(req->arena, field);
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
}

static bool read_day(const char *v, kdate *out)
{
    struct kerr e = KERR_INIT;
    return !date_parse_iso(v, out, &e);
}

static bool read_count(const char *v, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi)
        return false;
    *out = n;
    return true;
}

/* The query string into `f`; field errors on the request for what does not read. */
static void read_query(struct http_request *req, struct ob_filter *f)
{
    struct kerr e = KERR_INIT;
    for (size_t i = 0; i < req->nquery; i++) {
        const char *k = req->query[i].name, *v = req->query[i].value;
        if (!strcmp(k, "worker")) {
            struct worker w;
            if (store_worker_find(req->store, v, req->arena, &w, &e))
                query_error(req, k, "is no worker's public id or registration");
            else
                f->q.worker_id = w.id;
        } else if (!strcmp(k, "team")) {
            struct team t;
            if (store_team_find(req->store, v, req->arena, &t, &e))
                query_error(req, k, "is no team's public id or name");
            else
                f->q.team_id = t.id;
        } else if (!strcmp(k, "status")) {
            f->q.status = -1;
            for (int s = OB_DONE; s <= OB_OVERDUE; s++)
                if (!strcmp(v, ob_status_name((enum ob_status)s)))
                    f->q.status = s;
            if (f->q.status < 0)
                query_error(req, k, "is not done, due or overdue");
        } else if (!strcmp(k, "due_after") || !strcmp(k, "due_before") || !strcmp(k, "on")) {
            kdate *d = k[0] == 'o' ? &f->q.on : k[4] == 'a' ? &f->after : &f->before;
            if (!read_day(v, d))
                query_error(req, k, "is not a date as YYYY-MM-DD");
        } else if (!strcmp(k, "limit")) {
            if (!read_count(v, 1, OBLIGATIONS_PAGE_MAX, &f->limit))
                query_error(req, k, "is not a whole number from 1 to 1000");
        } else if (!strcmp(k, "offset")) {
            if (!read_count(v, 0, OBLIGATIONS_WINDOW - 1, &f->offset))
                query_error(req, k,
                            "is not a whole number from 0 to 9999: narrow the list with "
                            "due_after, status, worker or team to reach further");
        } else {
            query_error(req, k,
                        "is not a filter: worker, team, status, due_after, due_before, on, limit "
                        "or offset");
        }
    }
}

static bool in_range(const struct ob_filter *f, const struct obligation *o)
{
    return (f->after == DATE_NONE || o->due > f->after) &&
           (f->before == DATE_NONE || o->due < f->before);
}

static const char *iso_day(struct arena *a, kdate d)
{
    char buf[DATE_ISO_LEN];
    return d == DATE_NONE ? NULL : arena_strdup(a, date_format_iso(d, buf));
}

/* An obligation kept for the page: the item (its record is gone with its slice, so
 * ob.rec is not read) and its record's public id. */
struct kept {
    struct work_item it;
    char record[PUBLIC_ID_LEN + 1];
};

static void write_item(struct json_out *j, struct arena *a, const struct kept *k)
{
    const struct work_item *it = &k->it;
    char why[400];
    ts_explain(&it->ob, why, sizeof why);
    json_obj_begin(j);
    json_str(j, "child", it->child->public_id);
    json_str(j, "la_child_id", it->child->la_child_id[0] ? it->child->la_child_id : NULL);
    json_str(j, "worker", it->owner ? it->owner->public_id : NULL);
    json_str(j, "obligation", it->ob.ts->what);
    json_str(j, "started", iso_day(a, it->ob.started));
    json_str(j, "due", iso_day(a, it->ob.due));
    json_str(j, "done", iso_day(a, it->ob.done));
    json_str(j, "status", ob_status_name(it->ob.status));
    json_str(j, "rule", it->ob.ts->rule);
    json_str(j, "owner", it->ob.ts->owner == TS_MANAGER ? "team manager" : "social worker");
    json_str(j, "record_type", it->type->name);
    json_str(j, "record", k->record);
    json_str(j, "explanation", arena_strdup(a, why));
    json_obj_end(j);
}

/* The first `k` obligations in range, in order, and how many are in range in all. */
struct window {
    const struct ob_filter *f;
    size_t total, k, n;
    struct kept *pool; /* k slots */
    struct kept **v;   /* n of them, in order */
};

/* The list's order: due day, then child, rule, record and clock, so that pages are the
 * same from one request to the next. */
static int order(const struct work_item *x, const char *xrec, const struct work_item *y,
                 const char *yrec)
{
    if (x->ob.due != y->ob.due)
        return x->ob.due < y->ob.due ? -1 : 1;
    int c = strcmp(x->child->public_id, y->child->public_id);
    if (!c)
        c = strcmp(x->ob.ts->rule, y->ob.ts->rule);
    if (!c)
        c = strcmp(xrec, yrec);
    return c ? c : (x->ob.seq > y->ob.seq) - (x->ob.seq < y->ob.seq);
}

static enum kerr_code keep_part(void *ctx, const struct work *part)
{
    struct window *w = ctx;
    for (size_t i = 0; i < part->n; i++) {
        const struct work_item *it = &part->items[i];
        if (!in_range(w->f, &it->ob))
            continue;
        w->total++;
        const char *rec = rec_chead(it->type, it->ob.rec)->public_id;
        if (!w->k ||
            (w->n == w->k && order(it, rec, &w->v[w->n - 1]->it, w->v[w->n - 1]->record) >= 0))
            continue;
        struct kept *slot = w->n < w->k ? &w->pool[w->n] : w->v[--w->n];
        size_t lo = 0, hi = w->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (order(&w->v[mid]->it, w->v[mid]->record, it, rec) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        slot->it = *it;
        slot->it.ob.rec = slot->it.ob.by = NULL;
        snprintf(slot->record, sizeof slot->record, "%s", rec);
        memmove(&w->v[lo + 1], &w->v[lo], (w->n - lo) * sizeof(struct kept *));
        w->v[lo] = slot;
        w->n++;
    }
    return KITH_OK;
}

int api_obligations(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    struct store_scope scope;
    struct actor who = web_actor(req, &scope);
    struct ob_filter f = {.q = {.status = -1, .on = who.today},
                          .after = DATE_NONE,
                          .before = DATE_NONE,
                          .limit = OBLIGATIONS_PAGE};
    read_query(req, &f);
    if (req->nerrors)
        return http_problem(req, res, 400, "The filters could not be read",
                            "Check the query string's fields.");
    if (f.offset + f.limit > OBLIGATIONS_WINDOW)
        f.limit = OBLIGATIONS_WINDOW - f.offset;
    struct window w = {.f = &f, .k = (size_t)(f.offset + f.limit)};
    w.pool = arena_alloc(req->arena, w.k * sizeof(*w.pool));
    w.v = arena_alloc(req->arena, w.k * sizeof(struct kept *));
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc =
        cw_work_each(req->store, &who, &f.q, OBLIGATIONS_SLICE, req->arena, keep_part, &w, &err);
    if (rc) {
        req->cause = rc;
        return http_problem(req, res, 503, "Sorry, there is a problem",
                            "The obligations could not be worked out. Try again later.");
    }
    req->audited = true;
    size_t from = (size_t)f.offset < w.n ? (size_t)f.offset : w.n;
    bool more = w.total > w.n && w.n == w.k && w.k < OBLIGATIONS_WINDOW;
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "on", iso_day(req->arena, f.q.on));
    json_int(&j, "total", (int64_t)w.total);
    json_int(&j, "limit", f.limit);
    json_int(&j, "offset", f.offset);
    json_int(&j, "shown", (int64_t)(w.n - from));
    if (more)
        json_int(&j, "next_offset", (int64_t)w.n);
    else
        json_str(&j, "next_offset", NULL);
    json_arr_begin(&j, "obligations");
    for (size_t i = from; i < w.n; i++)
        write_item(&j, req->arena, w.v[i]);
    json_arr_end(&j);
    json_obj_end(&j);
    size_t len;
    const char *body = json_out_take(&j, req->arena, &len);
    http_body(res, 200, "application/json", body, len);
    return 200;
}
