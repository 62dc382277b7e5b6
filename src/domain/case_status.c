/*
 * A child's status for a caseload (case_status.h): the table of what a child can be
 * under, most serious first, and the reading of a child's records against it. Family
 * help is the Families First episode that replaces early help. Then the open risks the
 * child's record warns of, read the same way: open records of a table's types, each with
 * the day it is next looked at.
 */
#include "domain/case_status.h"

#include <stdio.h>
#include <string.h>

const struct case_status_row case_statuses[] = {
    {"cp_plan", "start_date", "end_date", NULL, NULL, "Child protection plan", "latest_category"},
    {"cin_plan", "start_date", "end_date", NULL, NULL, "Child in need plan", NULL},
    /* An open CIN episode that a referral started and no "no further action" ended. */
    {"referral", "referral_date", "closure_date", "nfa", "0", "Child in need", NULL},
    {"family_help", "start_date", "closure_date", NULL, NULL, "Family help", NULL},
    {0},
};

/* Field `name` as canonical text ("" when absent or blank). */
static const char *text_at(const struct rec_type *t, const void *rec, const char *name,
                           char buf[REC_TEXT_BUF])
{
    int ix = name ? rec_field_index(t, name) : -1;
    const char *v = ix < 0 ? NULL : rec_text(&t->fields[ix], rec, buf);
    return v ? v : "";
}

const char *case_status_of(const struct ts_records *recs, size_t nrecs, kdate on, char *buf,
                           size_t cap)
{
    if (cap)
        buf[0] = '\0';
    for (const struct case_status_row *r = case_statuses; r->type; r++)
        for (size_t k = 0; k < nrecs; k++) {
            const struct rec_type *t = recs[k].type;
            if (strcmp(t->name, r->type))
                continue;
            /* The most recently opened of the type's open records speaks for it. */
            const void *best = NULL;
            kdate best_on = DATE_NONE;
            for (size_t i = 0; i < recs[k].n; i++) {
                const void *rec = (const char *)recs[k].rows + i * t->size;
                kdate from = ts_date_of(t, rec, r->start_field);
                kdate to = ts_date_of(t, rec, r->end_field);
                if (from == DATE_NONE || from > on || (to != DATE_NONE && to <= on) ||
                    !ts_reads(t, rec, r->when_field, r->when_value))
                    continue;
                if (!best || from >= best_on) {
                    best = rec;
                    best_on = from;
                }
            }
            if (!best)
                continue;
            char cb[REC_TEXT_BUF];
            const char *cat = text_at(t, best, r->category_field, cb);
            if (*cat)
                snprintf(buf, cap, "%s (%s)", r->label, cat);
            else
                snprintf(buf, cap, "%s", r->label);
            return buf;
        }
    return buf;
}

enum kerr_code case_status_check(const struct rec_type *const *types, struct kerr *e)
{
    for (const struct case_status_row *r = case_statuses; r->type; r++) {
        const struct rec_type *t = ts_type(types, r->type);
        if (!t)
            continue;
        const char *fields[] = {r->start_field, r->end_field, r->when_field, r->category_field};
        for (size_t i = 0; i < 4; i++) {
            int ix = fields[i] ? rec_field_index(t, fields[i]) : 0;
            if (ix < 0 || (i < 2 && (!fields[i] || t->fields[ix].type != FIELD_DATE)))
                return kerr_fail(e, KITH_E_INVALID, "case status",
                                 "case status '%s': %s has no such %sfield", r->label, r->type,
                                 i < 2 ? "date " : "");
        }
    }
    return KITH_OK;
}

const struct open_risk_row open_risk_rows[] = {
    {"exploitation_risk",
     "identified_date",
     "closed_date",
     "Exploitation risk",
     "kinds",
     {"exploitation-review"},
     "review"},
    /* an open episode has no clock of its own: the return home interview's starts on the
     * return, which closes the episode */
    {"missing_episode",
     "start_date",
     "end_date",
     "Missing or away from home",
     "kind",
     {NULL},
     NULL},
    {"cp_plan",
     "start_date",
     "end_date",
     "Child protection plan",
     "latest_category",
     {"review-conference"},
     "review conference"},
    {"private_fostering",
     "start_date",
     "end_date",
     "Private fostering arrangement",
     "carer",
     {"pf-first-visit", "pf-visit"},
     "visit"},
    {0},
};

/* The due day of the first open clock of row `r`'s review rules that `rec` started;
 * DATE_NONE when none. */
static kdate next_due(const struct ob_list *obs, const struct open_risk_row *r, const void *rec)
{
    kdate due = DATE_NONE;
    for (size_t i = 0; obs && i < obs->n; i++) {
        const struct obligation *o = &obs->v[i];
        if (o->rec != rec || o->status == OB_DONE || (due != DATE_NONE && o->due >= due))
            continue;
        for (size_t k = 0; k < OPEN_RISK_RULES_MAX && r->review_rules[k]; k++)
            if (!strcmp(o->ts->rule, r->review_rules[k]))
                due = o->due;
    }
    return due;
}

size_t open_risks_of(const struct ts_records *recs, size_t nrecs, const struct ob_list *obs,
                     kdate on, struct open_risk *out, size_t cap)
{
    size_t n = 0;
    for (const struct open_risk_row *r = open_risk_rows; r->type; r++)
        for (size_t k = 0; k < nrecs; k++) {
            const struct rec_type *t = recs[k].type;
            if (strcmp(t->name, r->type))
                continue;
            size_t first = n;
            for (size_t i = 0; i < recs[k].n && n < cap; i++) {
                const void *rec = (const char *)recs[k].rows + i * t->size;
                kdate from = ts_date_of(t, rec, r->start_field);
                kdate to = ts_date_of(t, rec, r->end_field);
                if (from == DATE_NONE || from > on || (to != DATE_NONE && to <= on))
                    continue;
                kdate review = next_due(obs, r, rec);
                struct open_risk x = {r, t, rec, from, review};
                size_t j = n++; /* oldest first within the row, whatever the store's order */
                while (j > first && out[j - 1].since > from) {
                    out[j] = out[j - 1];
                    j--;
                }
                out[j] = x;
            }
        }
    return n;
}

enum kerr_code open_risk_check(const struct rec_type *const *types, const struct timescale *table,
                               struct kerr *e)
{
    for (const struct open_risk_row *r = open_risk_rows; r->type; r++) {
        const struct rec_type *t = ts_type(types, r->type);
        if (!t)
            return kerr_fail(e, KITH_E_INVALID, "open risk", "open risk '%s': no type %s", r->label,
                             r->type);
        const char *dates[] = {r->start_field, r->end_field};
        for (size_t i = 0; i < 2; i++) {
            int ix = dates[i] ? rec_field_index(t, dates[i]) : -1;
            if (ix < 0 || t->fields[ix].type != FIELD_DATE)
                return kerr_fail(e, KITH_E_INVALID, "open risk",
                                 "open risk '%s': %s has no date field %s", r->label, r->type,
                                 dates[i] ? dates[i] : "(none)");
        }
        if (r->detail_field && rec_field_index(t, r->detail_field) < 0)
            return kerr_fail(e, KITH_E_INVALID, "open risk", "open risk '%s': %s has no field %s",
                             r->label, r->type, r->detail_field);
        for (size_t k = 0; k < OPEN_RISK_RULES_MAX && r->review_rules[k]; k++) {
            const struct timescale *ts = ts_named(table, r->review_rules[k]);
            if (!ts || strcmp(ts->start_type, r->type))
                return kerr_fail(e, KITH_E_INVALID, "open risk",
                                 "open risk '%s': no timescale '%s' starts on a %s", r->label,
                                 r->review_rules[k], r->type);
        }
        if (r->review_rules[0] && !r->review_what)
            return kerr_fail(e, KITH_E_INVALID, "open risk",
                             "open risk '%s': says not what is next due", r->label);
    }
    return KITH_OK;
}
