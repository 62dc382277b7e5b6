/*
 * The timescales kith runs (one row per statutory clock, DOMAIN.md "Statutory
 * timescales") and the engine that turns a child's records into obligations
 * (timescale.h). A row exists only for a record type that exists: the rest of DOMAIN.md's
 * table becomes one row each as its types are described (docs/timescales.md shows them).
 *
 * The engine reads the records through their descriptions (a date field by its name and
 * offset), so it knows no type: the tests run it on types defined only in the test file.
 */
#include "domain/timescale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workday.h"
#include "core/xalloc.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/settings.h"

const struct timescale timescales[] = {
    {.rule = "contact-decision",
     .what = "decide on the contact",
     .start_type = "contact",
     .start_field = "contact_date",
     .len = {{1, TS_WORKING_DAYS}},
     .stop_field = "decided_on",
     .owner = TS_WORKER,
     .started = "the contact was made",
     .source = "Working Together 2023"},
    {.rule = "assessment",
     .what = "complete the assessment",
     .start_type = "assessment",
     .start_field = "start_date",
     .len = {{45, TS_WORKING_DAYS}},
     .stop_field = "completed_date",
     .owner = TS_WORKER,
     .started = "the assessment started",
     .source = "Working Together 2023; CIN 8670Q"},
    /* The same 45 working days, the team manager's once the worker has completed it: the
     * authorisation queue is the manager's open obligations of this row. */
    {.rule = "assessment-authorised",
     .what = "authorise the assessment",
     .start_type = "assessment",
     .start_field = "start_date",
     .when_field = "completed_date",
     .len = {{45, TS_WORKING_DAYS}},
     .stop_field = "authorised_date",
     .owner = TS_MANAGER,
     .started = "the assessment started",
     .source = "Working Together 2023; CIN 8670Q"},
    /* From the enquiry's start, which casework/help_protection.c holds on or after the
     * strategy discussion that decided on it (one day in practice); an enquiry marked
     * "ICPC not required" owes none. */
    {.rule = "icpc",
     .what = "hold the initial child protection conference",
     .start_type = "s47_enquiry",
     .start_field = "start_date",
     .when_field = "icpc_not_required",
     .when_value = "0",
     .len = {{15, TS_WORKING_DAYS}},
     .stop_type = "conference",
     .stop_field = "conference_date",
     .owner = TS_WORKER,
     .started = "the section 47 enquiry started",
     .source = "Working Together 2023; CIN 8675Q"},
    /* A plan starts on the day of its initial conference (CIN 2885). */
    {.rule = "core-group",
     .what = "hold the first core group",
     .start_type = "cp_plan",
     .start_field = "start_date",
     .len = {{10, TS_WORKING_DAYS}},
     .stop_type = "core_group",
     .stop_field = "meeting_date",
     .owner = TS_WORKER,
     .started = "the initial conference made the plan",
     .source = "Working Together 2023"},
    {.rule = "cp-visit",
     .what = "visit the child",
     .start_type = "cp_plan",
     .start_field = "start_date",
     .len = {{10, TS_WORKING_DAYS}},
     .repeats = true,
     .stop_type = "visit",
     .stop_field = "visit_date",
     .stop_when_field = "child_seen", /* a visit where the child was not seen is no CP visit */
     .stop_when_value = "1",
     .until_field = "end_date",
     .owner = TS_WORKER,
     .started = "the plan started",
     .again = "the last visit",
     .source = "local procedures"},
    /* From the plan's start, the day of the initial conference (which is no review, so
     * the condition on the stopping conference's kind), 3 months to the first review and
     * 6 months between reviews while the plan lasts. */
    {.rule = "review-conference",
     .what = "hold the review child protection conference",
     .start_type = "cp_plan",
     .start_field = "start_date",
     .len = {{3, TS_MONTHS}, {6, TS_MONTHS}},
     .repeats = true,
     .stop_type = "conference",
     .stop_field = "conference_date",
     .stop_when_field = "kind",
     .stop_when_value = "review",
     .until_field = "end_date",
     .owner = TS_WORKER,
     .started = "the initial conference made the plan",
     .again = "the last review conference",
     .source = "Working Together 2023"},
    /* 72 hours from the return, counted as 3 days from its day: kith records the day, not
     * the hour, of a return. */
    {.rule = "return-interview",
     .what = "offer a return home interview",
     .start_type = "missing_episode",
     .start_field = "end_date",
     .len = {{3, TS_DAYS}},
     .stop_field = "rhi_offered_date",
     .owner = TS_WORKER,
     .started = "the child came back",
     .source = "Children who run away or go missing, statutory guidance 2014"},
    /* The Children (Private Arrangements for Fostering) Regulations 2005: the first visit
     * within 7 working days of the council hearing of the arrangement (reg 7), recorded on
     * the arrangement itself; then a visit at most 6 weeks after the last in the
     * arrangement's first year and 12 weeks in any later year (reg 8), each a visit of
     * purpose "pf", until the arrangement ends. The year runs from the day the council
     * became aware of the arrangement (reg 8(6)), not from its start. */
    {.rule = "pf-first-visit",
     .what = "visit the privately fostered child",
     .start_type = "private_fostering",
     .start_field = "notified_date",
     .len = {{7, TS_WORKING_DAYS}},
     .stop_field = "visit_date",
     .owner = TS_WORKER,
     .started = "the council was told of the arrangement",
     .source = "Children (Private Arrangements for Fostering) Regulations 2005 reg 7"},
    {.rule = "pf-visit",
     .what = "visit the privately fostered child again",
     .start_type = "private_fostering",
     .start_field = "visit_date",
     .len = {{6, TS_WEEKS}},
     .repeats = true,
     .stop_type = "visit",
     .stop_field = "visit_date",
     .stop_when_field = "purpose",
     .stop_when_value = "pf",
     .until_field = "end_date",
     .later_field = "notified_date",
     .later_after = {12, TS_MONTHS},
     .later = {12, TS_WEEKS},
     .later_says = "the arrangement's first year is over",
     .owner = TS_WORKER,
     .started = "the first visit",
     .again = "the last visit",
     .source = "Children (Private Arrangements for Fostering) Regulations 2005 reg 8"},
    /* Neither DOMAIN.md nor the Families First guide (law-2026.md) sets how often a family
     * help plan is reviewed, so the council says (docs/timescales.md): 3 months unless it
     * sets another, the interval local early help procedures commonly give and the CP
     * plan's first review. The episode keeps only its latest review, so a review recorded
     * discharges the clock from the plan (or the review before) and starts the next;
     * closing the episode ends it, owing nothing. */
    {.rule = "family-help-review",
     .what = "review the family help plan",
     .start_type = "family_help",
     .start_field = "plan_date",
     .len = {{FAMILY_HELP_REVIEW_MONTHS, TS_MONTHS}},
     .stop_field = "review_date",
     .restarts = true,
     .until_field = "closure_date",
     .setting = "family-help-review-months",
     .owner = TS_WORKER,
     .started = "the plan was agreed",
     .again = "the latest review",
     .source = "the council's setting family-help-review-months (3 months when not set)"},
    /* No statute or guidance sets how often a CIN plan is reviewed: Working Together 2023
     * asks only that the plan be reviewed regularly, so the council says
     * (docs/timescales.md), 3 months unless it sets another, as for family help. From the
     * plan's start to its first review, then from each review to the next; a review is a
     * record of its own, so a review corrected or deleted moves or reopens the clock, and
     * the plan's end stops it owing nothing. A review on the plan's first day is not its
     * first review: that day the plan was agreed, so a review recorded on it is the meeting
     * that agreed it, or the last review of a plan before it (stop_after_start). */
    {.rule = "cin-plan-review",
     .what = "review the child in need plan",
     .start_type = "cin_plan",
     .start_field = "start_date",
     .len = {{CIN_PLAN_REVIEW_MONTHS, TS_MONTHS}},
     .repeats = true,
     .stop_type = "cin_plan_review",
     .stop_field = "review_date",
     .stop_after_start = true,
     .until_field = "end_date",
     .setting = "cin-plan-review-months",
     .owner = TS_WORKER,
     .started = "the plan started",
     .again = "the last review",
     .source = "the council's setting cin-plan-review-months (3 months when not set); Working "
               "Together 2023 asks for regular review"},
    /* The day the worker set for the next review of an open risk: overdue once passed
     * while the risk is open. A review held moves the date on (a correction of the risk,
     * which its form asks the reason for); closing the risk discharges it. */
    {.rule = "exploitation-review",
     .what = "review the exploitation risk",
     .start_type = "exploitation_risk",
     .start_field = "identified_date",
     .due_field = "review_date",
     .due_says = "the review date recorded on the risk",
     .stop_field = "closed_date",
     .owner = TS_WORKER,
     .started = "the risk was identified",
     .source = "Child exploitation: local safeguarding partnership procedures"},
    {0},
};

void ob_list_free(struct ob_list *l)
{
    free(l->v);
    *l = (struct ob_list){0};
}

static struct obligation *ob_push(struct ob_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
    }
    return &l->v[l->n++];
}

const char *ob_status_name(enum ob_status s)
{
    static const char *const names[] = {
        [OB_DONE] = "done", [OB_DUE] = "due", [OB_OVERDUE] = "overdue"};
    return names[s];
}

const struct rec_type *ts_type(const struct rec_type *const *types, const char *name)
{
    for (size_t i = 0; name && types[i]; i++)
        if (!strcmp(types[i]->name, name))
            return types[i];
    return NULL;
}

const struct timescale *ts_named(const struct timescale *table, const char *rule)
{
    for (const struct timescale *ts = table; rule && ts->rule; ts++)
        if (!strcmp(ts->rule, rule))
            return ts;
    return NULL;
}

kdate ts_due(kdate from, struct ts_length len)
{
    switch (len.unit) {
    case TS_WORKING_DAYS:
        return workday_add(from, len.n);
    case TS_DAYS:
        return date_add_days(from, len.n);
    case TS_MONTHS:
        return date_add_months(from, len.n);
    case TS_WEEKS:
        return date_add_days(from, 7 * len.n);
    }
    return DATE_NONE;
}

kdate ts_date_of(const struct rec_type *t, const void *rec, const char *name)
{
    int ix = name ? rec_field_index(t, name) : -1;
    if (ix < 0 || t->fields[ix].type != FIELD_DATE)
        return DATE_NONE;
    kdate d;
    memcpy(&d, (const char *)rec + t->fields[ix].offset, sizeof d);
    return d;
}

bool ts_reads(const struct rec_type *t, const void *rec, const char *field, const char *value)
{
    if (!field)
        return true;
    int ix = rec_field_index(t, field);
    char buf[REC_TEXT_BUF];
    const char *v = ix < 0 ? NULL : rec_text(&t->fields[ix], rec, buf);
    return v && (!value || !strcmp(v, value));
}

static bool applies(const struct timescale *ts, const struct rec_type *t, const void *rec)
{
    return ts_reads(t, rec, ts->when_field, ts->when_value);
}

static const struct ts_records *records_of(const struct ts_records *recs, size_t n,
                                           const char *type)
{
    for (size_t i = 0; type && i < n; i++)
        if (!strcmp(recs[i].type->name, type))
            return &recs[i];
    return NULL;
}

/* A stopping record and its date, sorted by date (then by where it was) so that each
 * clock takes the first one on or after its start. */
struct stop {
    kdate on;
    size_t ix;
    const void *rec;
};

static int by_day(const void *a, const void *b)
{
    const struct stop *x = a, *y = b;
    if (x->on != y->on)
        return x->on < y->on ? -1 : 1;
    return (x->ix > y->ix) - (x->ix < y->ix);
}

static struct stop *stops_of(const struct timescale *ts, const struct ts_records *r, size_t *n)
{
    *n = 0;
    if (!r || !r->n)
        return NULL;
    struct stop *v = xreallocarray(NULL, r->n, sizeof(*v));
    for (size_t i = 0; i < r->n; i++) {
        const void *rec = (const char *)r->rows + i * r->type->size;
        kdate d = ts_date_of(r->type, rec, ts->stop_field);
        if (d != DATE_NONE && ts_reads(r->type, rec, ts->stop_when_field, ts->stop_when_value))
            v[(*n)++] = (struct stop){d, i, rec};
    }
    qsort(v, *n, sizeof(*v), by_day);
    return v;
}

/* The first stop on or after `from` (after it, for a repeat: the stop that started this
 * clock is not also the one that ends it). */
static const struct stop *first_stop(const struct stop *v, size_t n, kdate from, bool after)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].on < from || (after && v[mid].on == from))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n ? &v[lo] : NULL;
}

static size_t nlengths(const struct timescale *ts)
{
    size_t k = 0;
    while (k < TS_LENGTHS_MAX && ts->len[k].n)
        k++;
    return k;
}

/* The council's number for a row with a setting; 0 when it made no choice. */
static int chosen(const struct timescale *ts, const struct ts_choices *choices)
{
    for (size_t i = 0; ts->setting && choices && i < choices->n; i++)
        if (!strcmp(choices->v[i].setting, ts->setting))
            return choices->v[i].n;
    return 0;
}

/* Every clock of one starting record. */
static void clocks(const struct timescale *ts, const struct rec_type *t, const void *rec,
                   const struct stop *stops, size_t nstops, kdate on, int choice,
                   struct ob_list *out)
{
    kdate start = ts_date_of(t, rec, ts->start_field);
    kdate until = ts->repeats || ts->restarts ? ts_date_of(t, rec, ts->until_field) : DATE_NONE;
    kdate later_from = ts->later_field ? ts_date_of(t, rec, ts->later_field) : DATE_NONE;
    if (later_from != DATE_NONE)
        later_from = ts_due(later_from, ts->later_after);
    size_t nlen = nlengths(ts);
    for (int seq = 0; start != DATE_NONE && start <= on; seq++) {
        if (until != DATE_NONE && start >= until)
            return; /* the plan ended: no further clock */
        struct ts_length len =
            nlen ? ts->len[(size_t)seq < nlen ? (size_t)seq : nlen - 1] : (struct ts_length){0};
        if (choice > 0)
            len.n = choice;
        bool later = later_from != DATE_NONE && start >= later_from;
        if (later)
            len = ts->later;
        kdate due = ts->due_field ? ts_date_of(t, rec, ts->due_field) : ts_due(start, len);
        if (due == DATE_NONE)
            return; /* a review date not recorded: nothing to be late for */
        kdate done = DATE_NONE;
        const void *by = NULL;
        if (!ts->stop_type) {
            done = ts_date_of(t, rec, ts->stop_field);
            /* the field holds the latest day only: the clock it started waits for a later
             * one, and a day before this clock's start did not discharge it */
            if (ts->restarts && (seq > 0 || (done != DATE_NONE && done < start)))
                done = DATE_NONE;
        } else {
            const struct stop *st =
                first_stop(stops, nstops, start, seq > 0 || ts->stop_after_start);
            if (st) {
                done = st->on;
                by = st->rec;
            }
        }
        if (done != DATE_NONE && done > on) { /* done later than the day judged */
            done = DATE_NONE;
            by = NULL;
        }
        if (done == DATE_NONE && until != DATE_NONE && until <= on)
            return; /* open when the plan ended: nothing is owed any more */
        *ob_push(out) = (struct obligation){
            .ts = ts,
            .child_id = rec_chead(t, rec)->parent_id,
            .rec = rec,
            .by = by,
            .seq = seq,
            .len = len,
            .later = later,
            .started = start,
            .due = due,
            .done = done,
            .status = done != DATE_NONE ? OB_DONE
                      : on > due        ? OB_OVERDUE
                                        : OB_DUE,
        };
        if (!(ts->repeats || ts->restarts) || done == DATE_NONE)
            return;
        start = done;
    }
}

void ts_derive(const struct timescale *table, const struct ts_records *recs, size_t nrecs, kdate on,
               struct ob_list *out)
{
    ts_derive_with(table, recs, nrecs, on, NULL, out);
}

void ts_derive_with(const struct timescale *table, const struct ts_records *recs, size_t nrecs,
                    kdate on, const struct ts_choices *choices, struct ob_list *out)
{
    for (const struct timescale *ts = table; ts->rule; ts++) {
        const struct ts_records *r = records_of(recs, nrecs, ts->start_type);
        if (!r || !r->n)
            continue;
        size_t nstops = 0;
        struct stop *stops =
            ts->stop_type ? stops_of(ts, records_of(recs, nrecs, ts->stop_type), &nstops) : NULL;
        for (size_t i = 0; i < r->n; i++) {
            const void *rec = (const char *)r->rows + i * r->type->size;
            if (applies(ts, r->type, rec))
                clocks(ts, r->type, rec, stops, nstops, on, chosen(ts, choices), out);
        }
        free(stops);
    }
}

/* "14 Jan 2027", or "14 Jan" without the year. */
static int day_text(kdate d, bool year, char *buf, size_t cap)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return year ? snprintf(buf, cap, "%d %s %d", dd, mon[m - 1], y)
                : snprintf(buf, cap, "%d %s", dd, mon[m - 1]);
}

/* Append with snprintf's arguments, never past `cap`. */
#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (w < cap) {                                                                             \
            int k_ = snprintf(buf + w, cap - w, __VA_ARGS__);                                      \
            w += k_ > 0 ? (size_t)k_ : 0;                                                          \
        }                                                                                          \
    } while (0)

void ts_explain(const struct obligation *o, char *buf, size_t cap)
{
    static const char *const unit[][2] = {[TS_WORKING_DAYS] = {"working day", "working days"},
                                          [TS_DAYS] = {"day", "days"},
                                          [TS_MONTHS] = {"month", "months"},
                                          [TS_WEEKS] = {"week", "weeks"}};
    if (!cap)
        return;
    buf[0] = '\0';
    size_t w = 0;
    char due[24], from[24], done[24];
    day_text(o->due, true, due, sizeof due);
    day_text(o->started, true, from, sizeof from);
    const char *what = o->seq > 0 && o->ts->again ? o->ts->again : o->ts->started;
    if (o->ts->due_field)
        ADD("due %s: %s; %s on %s", due, o->ts->due_says, what, from);
    else
        ADD("due %s: %d %s after %s on %s", due, o->len.n, unit[o->len.unit][o->len.n != 1], what,
            from);
    if (o->later)
        ADD(", as %s", o->ts->later_says);
    if (!o->ts->due_field && o->len.unit == TS_WORKING_DAYS) {
        kdate hol[16];
        size_t nh = 0;
        for (kdate d = o->started + 1; d <= o->due && nh < 16; d++)
            if (date_weekday(d) < WD_SAT && date_is_bank_holiday(d))
                hol[nh++] = d;
        for (size_t i = 0; i < nh; i++) {
            char h[24];
            day_text(hol[i], false, h, sizeof h);
            ADD("%s%s", i == 0 ? "; " : i + 1 == nh ? " and " : ", ", h);
        }
        if (nh)
            ADD(" %s", nh == 1 ? "is not a working day" : "are not working days");
    }
    if (o->done != DATE_NONE) {
        day_text(o->done, true, done, sizeof done);
        ADD("; done on %s%s", done, o->done > o->due ? ", late" : "");
    }
}

static enum kerr_code bad_row(const struct timescale *ts, struct kerr *e, const char *what,
                              const char *name)
{
    return kerr_fail(e, KITH_E_INVALID, "timescale", "timescale '%s': %s%s%s",
                     ts->rule ? ts->rule : "(no name)", what, name ? " " : "", name ? name : "");
}

/* Whether `name` is a date field of `t`. */
static bool date_field(const struct rec_type *t, const char *name)
{
    int ix = name ? rec_field_index(t, name) : -1;
    return ix >= 0 && t->fields[ix].type == FIELD_DATE;
}

enum kerr_code ts_table_check(const struct timescale *table, const struct rec_type *const *types,
                              struct kerr *e)
{
    for (const struct timescale *ts = table; ts->rule; ts++) {
        for (const struct timescale *o = table; o < ts; o++)
            if (!strcmp(o->rule, ts->rule))
                return bad_row(ts, e, "a second row of that name", NULL);
        const struct rec_type *t = ts_type(types, ts->start_type);
        const struct rec_type *st = ts->stop_type ? ts_type(types, ts->stop_type) : t;
        if (!ts->what || !ts->started || !ts->source)
            return bad_row(ts, e, "says no work, start phrase or source", NULL);
        if (strpbrk(ts->rule, ",\"\n") || strpbrk(ts->what, ",\"\n"))
            return bad_row(ts, e, "has a comma, quote or line break in its rule or work:",
                           "they are CSV cells");
        if (!t)
            return bad_row(ts, e, "starts on no record type kith has:", ts->start_type);
        if (!date_field(t, ts->start_field))
            return bad_row(ts, e, "starts on no date field of its type:", ts->start_field);
        if (ts->when_field && rec_field_index(t, ts->when_field) < 0)
            return bad_row(ts, e, "has a condition on no field of its type:", ts->when_field);
        if (!st)
            return bad_row(ts, e, "is stopped by no record type kith has:", ts->stop_type);
        if (!date_field(st, ts->stop_field))
            return bad_row(ts, e, "is stopped by no date field:", ts->stop_field);
        if (ts->stop_when_field && (!ts->stop_type || rec_field_index(st, ts->stop_when_field) < 0))
            return bad_row(
                ts, e, "has a condition on no field of its stopping type:", ts->stop_when_field);
        if (ts->stop_after_start && !ts->stop_type)
            return bad_row(ts, e, "waits for a stop after its start, so needs a stopping type",
                           NULL);
        if (ts->due_field &&
            (!date_field(t, ts->due_field) || !ts->due_says || ts->repeats || nlengths(ts)))
            return bad_row(ts, e,
                           "takes its due day from no date field of its type, says not which, or "
                           "also has a length or repeats:",
                           ts->due_field);
        if (!ts->due_field && (!nlengths(ts) || ts->len[0].n < 0))
            return bad_row(ts, e, "has no length", NULL);
        if (ts->later_field && (!ts->repeats || !date_field(t, ts->later_field) ||
                                ts->later.n <= 0 || ts->later_after.n <= 0 || !ts->later_says))
            return bad_row(ts, e,
                           "lengthens from no date field of a repeating row, or says not how "
                           "long, when or why:",
                           ts->later_field);
        if (ts->repeats && (!ts->stop_type || !ts->again))
            return bad_row(ts, e, "repeats, so needs a stopping record type and an 'again' phrase",
                           NULL);
        if (ts->until_field && (!(ts->repeats || ts->restarts) || !date_field(t, ts->until_field)))
            return bad_row(ts, e, "ends on no date field of a repeating row:", ts->until_field);
        if (ts->restarts && (ts->stop_type || ts->repeats || !ts->again || ts->due_field))
            return bad_row(ts, e,
                           "restarts from its own stopping field, so needs no stopping type, "
                           "repeat or recorded due day, and an 'again' phrase",
                           NULL);
        if (ts->setting && (!setting_find(ts->setting) || ts->due_field || nlengths(ts) != 1))
            return bad_row(
                ts, e,
                "takes its length from no council setting, or has not one length:", ts->setting);
    }
    return KITH_OK;
}
