/*
 * GET /api/v1/obligations: the obligations the timescales derive (casework/work.h), as
 * `kith work --format json` lists them, for what the account may see. The query string
 * narrows them: worker and team (public ids), status (done, due, overdue), due_after and
 * due_before (YYYY-MM-DD, each excluding the day itself), on (the day statuses are judged
 * on, today by default), and limit (1 to 1000, 100 by default) and offset for pages.
 * Anything else in the query, or a value that does not read, is a 400 naming the field.
 */
#include "http/api.h"

#include <stdlib.h>
#include <string.h>

#include "casework/work.h"
#include "http/json.h"
#include "http/web_audit.h"
#include "store/store.h"

enum { OBLIGATIONS_PAGE = 100, OBLIGATIONS_PAGE_MAX = 1000 };

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
            if (!read_count(v, 0, 100000000, &f->offset))
                query_error(req, k, "is not a whole number, 0 or more");
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

static void write_item(struct json_out *j, struct arena *a, const struct work_item *it)
{
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
    json_str(j, "record", rec_chead(it->type, it->ob.rec)->public_id);
    json_str(j, "explanation", arena_strdup(a, why));
    json_obj_end(j);
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
    struct work w;
    struct cw_err err;
    cw_err_clear(&err);
    enum kerr_code rc = cw_work(req->store, &who, &f.q, req->arena, &w, &err);
    if (rc) {
        req->cause = rc;
        return http_problem(req, res, 503, "Sorry, there is a problem",
                            "The obligations could not be worked out. Try again later.");
    }
    req->audited = true;
    size_t total = 0;
    for (size_t i = 0; i < w.n; i++)
        total += in_range(&f, &w.items[i].ob);
    struct json_out j;
    json_out_init(&j);
    json_obj_begin(&j);
    json_str(&j, "on", iso_day(req->arena, f.q.on));
    json_int(&j, "total", (int64_t)total);
    json_int(&j, "limit", f.limit);
    json_int(&j, "offset", f.offset);
    json_arr_begin(&j, "obligations");
    size_t seen = 0, shown = 0;
    for (size_t i = 0; i < w.n && shown < (size_t)f.limit; i++) {
        if (!in_range(&f, &w.items[i].ob) || seen++ < (size_t)f.offset)
            continue;
        write_item(&j, req->arena, &w.items[i]);
        shown++;
    }
    json_arr_end(&j);
    json_obj_end(&j);
    size_t len;
    const char *body = json_out_take(&j, req->arena, &len);
    http_body(res, 200, "application/json", body, len);
    return 200;
}
