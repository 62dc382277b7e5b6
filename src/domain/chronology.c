/*
 * The chronology's table and its reading (chronology.h). The events are the ones a
 * chronology for a child protection or court bundle lists (contacts, referrals,
 * assessments, strategy discussions, enquiries, conferences, plans starting and ending,
 * missing episodes, exploitation risks, private fostering, the steps of pre-proceedings),
 * each record type's own date: what the records say is what the chronology says.
 */
#include "domain/chronology.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const struct chron_kind chron_kinds[] = {
    {"front-door", "Contacts and referrals"},
    {"assessment", "Assessments"},
    {"protection", "Strategy discussions, enquiries and conferences"},
    {"plan", "Plans and episodes"},
    {"risk", "Missing, exploitation and private fostering"},
    {"proceedings", "Pre-proceedings and court"},
    {"note", "Significant events in case notes"},
    {0},
};

const struct chron_row chron_rows[] = {
    {"contact", "contact_date", NULL, NULL, "Contact", "front-door"},
    {"referral", "referral_date", NULL, NULL, "Referral", "front-door"},
    {"family_help", "start_date", NULL, NULL, "Family help started", "plan"},
    {"assessment", "start_date", NULL, NULL, "Assessment started", "assessment"},
    {"assessment", "authorised_date", NULL, NULL, "Assessment authorised", "assessment"},
    {"strategy_discussion", "discussion_date", NULL, NULL, "Strategy discussion", "protection"},
    {"s47_enquiry", "start_date", NULL, NULL, "Section 47 enquiry started", "protection"},
    {"conference", "conference_date", "kind", "initial", "Initial child protection conference",
     "protection"},
    {"conference", "conference_date", "kind", "review", "Review child protection conference",
     "protection"},
    {"cin_plan", "start_date", NULL, NULL, "Child in need plan started", "plan"},
    {"cin_plan_review", "review_date", NULL, NULL, "Child in need plan reviewed", "plan"},
    {"cp_plan", "start_date", NULL, NULL, "Child protection plan started", "plan"},
    {"cp_plan", "end_date", NULL, NULL, "Child protection plan ended", "plan"},
    {"cin_plan", "end_date", NULL, NULL, "Child in need plan ended", "plan"},
    {"missing_episode", "start_date", NULL, NULL, "Missing or away from home", "risk"},
    {"missing_episode", "end_date", NULL, NULL, "Came back after being missing or away", "risk"},
    {"exploitation_risk", "identified_date", NULL, NULL, "Exploitation risk identified", "risk"},
    {"exploitation_risk", "closed_date", NULL, NULL, "Exploitation risk closed", "risk"},
    {"private_fostering", "start_date", NULL, NULL, "Private fostering arrangement started",
     "risk"},
    {"private_fostering", "end_date", NULL, NULL, "Private fostering arrangement ended", "risk"},
    {"pre_proceedings", "start_date", NULL, NULL, "Pre-proceedings started", "proceedings"},
    {"letter_before_proceedings", "letter_date", NULL, NULL, "Letter of pre-proceedings sent",
     "proceedings"},
    {"fgdm_meeting", "meeting_date", NULL, NULL, "Family group decision-making meeting",
     "proceedings"},
    {"care_application", "application_date", NULL, NULL, "Application to court", "proceedings"},
    {"family_help", "closure_date", NULL, NULL, "Family help closed", "plan"},
    {"referral", "closure_date", NULL, NULL, "CIN episode closed", "plan"},
    {0},
};

static void to_check(const struct field *f, const void *rec, const struct field_ctx *ctx,
                     struct field_errors *errs)
{
    (void)ctx;
    const struct chron_filter *q = rec;
    field_date_before(errs, f, q->to, q->from, "the start of the period", false);
}

static void kind_check(const struct field *f, const void *rec, const struct field_ctx *ctx,
                       struct field_errors *errs)
{
    (void)ctx;
    const struct chron_filter *q = rec;
    if (q->kind && !chron_kind_named(q->kind))
        field_fail(errs, f, -1, q->kind, "is not a kind of event", NULL);
}

const struct field chron_filter_fields[] = {
    {.name = "from",
     .label = "from",
     .expect = "the first day to show, such as 2026-03-27 or 27/03/2026",
     .type = FIELD_DATE,
     .offset = offsetof(struct chron_filter, from)},
    {.name = "to",
     .label = "to",
     .expect = "the last day to show, on or after the first",
     .type = FIELD_DATE,
     .offset = offsetof(struct chron_filter, to),
     .check = to_check},
    {.name = "kind",
     .label = "kind of event",
     .expect = "front-door, assessment, protection, plan, risk, proceedings or note",
     .type = FIELD_TEXT,
     .max_len = 20,
     .offset = offsetof(struct chron_filter, kind),
     .check = kind_check},
    {0},
};

const struct chron_kind *chron_kind_named(const char *code)
{
    for (const struct chron_kind *k = chron_kinds; code && k->code; k++)
        if (!strcmp(k->code, code))
            return k;
    return NULL;
}

static bool wanted(const struct chron_filter *f, kdate d, const char *kind)
{
    return d != DATE_NONE && (f->from == DATE_NONE || d >= f->from) &&
           (f->to == DATE_NONE || d <= f->to) && (!f->kind || !strcmp(f->kind, kind));
}

/* Oldest first; on one day by the table's row (notes after records), then by where the
 * record was among its type's rows (the order the store gave, the order recorded). */
static int by_day(const void *a, const void *b)
{
    const struct chron_event *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    size_t ix = x->row ? (size_t)(x->row - chron_rows) : SIZE_MAX,
           iy = y->row ? (size_t)(y->row - chron_rows) : SIZE_MAX;
    if (ix != iy)
        return ix < iy ? -1 : 1;
    const void *px = x->row ? x->rec : (const void *)x->note,
               *py = y->row ? y->rec : (const void *)y->note;
    return (px > py) - (px < py);
}

struct chron_event *chron_events(const struct ts_records *recs, size_t nrecs,
                                 const struct case_note *notes, size_t nnotes,
                                 const struct chron_filter *f, struct arena *a, size_t *n)
{
    size_t cap = nnotes + 1;
    for (const struct chron_row *r = chron_rows; r->type; r++)
        for (size_t k = 0; k < nrecs; k++)
            cap += strcmp(recs[k].type->name, r->type) ? 0 : recs[k].n;
    struct chron_event *out = arena_alloc(a, cap * sizeof *out);
    *n = 0;
    for (const struct chron_row *r = chron_rows; r->type; r++)
        for (size_t k = 0; k < nrecs; k++) {
            const struct rec_type *t = recs[k].type;
            if (strcmp(t->name, r->type))
                continue;
            for (size_t i = 0; i < recs[k].n; i++) {
                const void *rec = (const char *)recs[k].rows + i * t->size;
                kdate d = ts_date_of(t, rec, r->date_field);
                if (wanted(f, d, r->kind) && ts_reads(t, rec, r->when_field, r->when_value))
                    out[(*n)++] = (struct chron_event){.date = d, .row = r, .type = t, .rec = rec};
            }
        }
    for (size_t i = 0; i < nnotes; i++)
        if (notes[i].kind && !strcmp(notes[i].kind, CHRON_NOTE_KIND) &&
            wanted(f, notes[i].date, "note"))
            out[(*n)++] = (struct chron_event){.date = notes[i].date, .note = &notes[i]};
    if (*n)
        qsort(out, *n, sizeof *out, by_day);
    return out;
}

const char *chron_event_text(const struct chron_event *e)
{
    return e->row ? e->row->event : e->note->subject;
}

enum kerr_code chron_check(const struct rec_type *const *types, struct kerr *e)
{
    for (const struct chron_row *r = chron_rows; r->type; r++) {
        const struct rec_type *t = ts_type(types, r->type);
        int ix = t ? rec_field_index(t, r->date_field) : -1;
        if (ix < 0 || t->fields[ix].type != FIELD_DATE)
            return kerr_fail(e, KITH_E_INVALID, "chronology",
                             "chronology '%s': %s has no date field %s", r->event, r->type,
                             r->date_field);
        if (r->when_field && rec_field_index(t, r->when_field) < 0)
            return kerr_fail(e, KITH_E_INVALID, "chronology", "chronology '%s': %s has no field %s",
                             r->event, r->type, r->when_field);
        if (!chron_kind_named(r->kind))
            return kerr_fail(e, KITH_E_INVALID, "chronology", "chronology '%s': no kind '%s'",
                             r->event, r->kind);
    }
    return KITH_OK;
}
