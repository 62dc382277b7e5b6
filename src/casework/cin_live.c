/*
 * The CIN rules over the live records (cin_live.h). The borough is read in a fixed
 * number of statements whatever its size: every record of each help-and-protection type
 * at once, ordered by child (store_rec_all), then each child with a referral on its own
 * (a person's record by id); each child's slice of every type goes through the pure
 * projection (domain/cin_project.c) and the year's rules run once over the whole return,
 * as over a file.
 */
#include "casework/cin_live.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/cin_ack.h"
#include "domain/codeset.h"
#include "domain/settings.h"
#include "store/store_rec.h"
#include "store/store_setting.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The types the projection reads, in the order of struct cin_child_records' members. */
enum {
    LT_REFERRAL,
    LT_ASSESSMENT,
    LT_CIN_PLAN,
    LT_STRATEGY,
    LT_S47,
    LT_CONFERENCE,
    LT_CP_PLAN,
    LT_PRE_PROCEEDINGS,
    LT_LETTER,
    LT_PP_MEETING,
    LT_FGDM_OFFER,
    LT_CARE_APPLICATION,
    LT_N
};
static const struct rec_type *const live_types[LT_N] = {
    &referral_type,
    &assessment_type,
    &cin_plan_type,
    &strategy_discussion_type,
    &s47_enquiry_type,
    &conference_type,
    &cp_plan_type,
    &pre_proceedings_type,
    &letter_before_proceedings_type,
    &pp_meeting_type,
    &fgdm_offer_type,
    &care_application_type,
};

/* One child's records of each type. */
struct child_set {
    void *rows[LT_N];
    size_t n[LT_N];
};

/* The set as the projection takes it: the one place that pairs the types with
 * struct cin_child_records' members. */
static void as_records(const struct child_set *cs, const struct person *child,
                       struct cin_child_records *c)
{
    *c = (struct cin_child_records){
        .child = child,
        .referrals = cs->rows[LT_REFERRAL],
        .nreferrals = cs->n[LT_REFERRAL],
        .assessments = cs->rows[LT_ASSESSMENT],
        .nassessments = cs->n[LT_ASSESSMENT],
        .cin_plans = cs->rows[LT_CIN_PLAN],
        .ncin_plans = cs->n[LT_CIN_PLAN],
        .strategies = cs->rows[LT_STRATEGY],
        .nstrategies = cs->n[LT_STRATEGY],
        .s47s = cs->rows[LT_S47],
        .ns47s = cs->n[LT_S47],
        .conferences = cs->rows[LT_CONFERENCE],
        .nconferences = cs->n[LT_CONFERENCE],
        .cp_plans = cs->rows[LT_CP_PLAN],
        .ncp_plans = cs->n[LT_CP_PLAN],
        .pre_proceedings = cs->rows[LT_PRE_PROCEEDINGS],
        .npre_proceedings = cs->n[LT_PRE_PROCEEDINGS],
        .letters = cs->rows[LT_LETTER],
        .nletters = cs->n[LT_LETTER],
        .pp_meetings = cs->rows[LT_PP_MEETING],
        .npp_meetings = cs->n[LT_PP_MEETING],
        .fgdm_offers = cs->rows[LT_FGDM_OFFER],
        .nfgdm_offers = cs->n[LT_FGDM_OFFER],
        .care_applications = cs->rows[LT_CARE_APPLICATION],
        .ncare_applications = cs->n[LT_CARE_APPLICATION],
    };
}

struct typed {
    const struct rec_type *t;
    char *rows;
    size_t n, at; /* `at`: the first row not yet given to a child */
};

/* Child `child`'s slice of `r` (records are ordered by child), advancing r->at. */
static void *slice(struct typed *r, int64_t child, size_t *n)
{
    size_t sz = r->t->size;
    while (r->at < r->n && rec_chead(r->t, r->rows + r->at * sz)->parent_id < child)
        r->at++;
    size_t from = r->at;
    while (r->at < r->n && rec_chead(r->t, r->rows + r->at * sz)->parent_id == child)
        r->at++;
    *n = r->at - from;
    return *n ? r->rows + from * sz : NULL;
}

static void records_of(struct child_set *cs, struct typed *recs, int64_t child)
{
    for (int i = 0; i < LT_N; i++)
        cs->rows[i] = slice(&recs[i], child, &cs->n[i]);
}

static void run_rules(struct cin_live *l)
{
    ruleset_for(&l->set, &ret_kind_cin, l->p.r.year);
    l->p.r.year = l->set.year; /* codes are judged in the year of the rules used */
    struct rinputs in = {0};
    double t0 = now();
    if (l->children) /* an empty census has nothing to judge (2887Q would count no codes) */
        rules_run(&l->set, &l->p.r, &in, &l->f);
    l->rule_seconds = now() - t0;
    for (size_t i = 0; i < l->f.n; i++)
        l->errors += l->f.v[i].rule->severity == RULE_ERROR;
    l->queries = l->f.n - l->errors;
}

enum kerr_code cw_cin_live(struct store *s, const struct actor *who, int year, struct cin_live *out,
                           struct cw_err *err)
{
    memset(out, 0, sizeof *out);
    cin_proj_init(&out->p, year, who->today);
    findings_init(&out->f);
    double t0 = now();
    struct arena a;
    arena_init(&a, 1 << 20);
    struct typed recs[LT_N];
    /* The borough is read as one snapshot: no write made part-way through the run shows
     * in half of it, and SQLite takes one read lock, not one per child's statement. */
    bool opened;
    enum kerr_code rc = store_read_begin(s, &opened, &err->e);
    for (int i = 0; i < LT_N && !rc; i++) {
        void *rows;
        recs[i] = (struct typed){.t = live_types[i]};
        rc = store_rec_all(s, live_types[i], &a, &rows, &recs[i].n, &err->e);
        recs[i].rows = rows;
    }
    /* Every child with a referral, in the order store_rec_all gave them (by child). */
    struct typed *refs = &recs[LT_REFERRAL];
    while (!rc && refs->at < refs->n) {
        int64_t child = rec_chead(refs->t, refs->rows + refs->at * refs->t->size)->parent_id;
        struct person person;
        struct child_set cs;
        struct cin_child_records c;
        records_of(&cs, recs, child);
        as_records(&cs, &person, &c);
        /* the person's few strings go to `a` too: an arena per child would take and zero a
         * block each time, which was most of the run */
        rc = store_person_get(s, child, &a, &person, &err->e);
        if (!rc)
            out->children += cin_proj_add(&out->p, &c);
    }
    arena_release(&a);
    const char *lea = NULL;
    if (!rc) {
        void *rows;
        arena_init(&out->mem, 0);
        rc = store_rec_all(s, &cin_ack_type, &out->mem, &rows, &out->nacks, &err->e);
        out->acks = rows;
    }
    if (!rc)
        rc = store_setting_get(s, "la-code", &out->mem, &lea, &err->e);
    store_read_end(s, opened); /* before the audit row, which is a write */
    out->read_seconds = now() - t0;
    /* The rules run outside any write (they may take seconds on a large borough); then the
     * run's serial number and its audit row are one write: a run that is not audited does
     * not take a number. No rule reads the header's LEA or SerialNo. */
    if (!rc)
        run_rules(out);
    bool began = false;
    int64_t serial = 0;
    char counter[32];
    if (!rc)
        rc = store_begin(s, &err->e);
    began = !rc;
    if (!rc)
        rc = store_setting_next(s, setting_cin_serial_name(year, counter, sizeof counter), who->now,
                                &serial, &err->e);
    if (!rc) {
        char made[24] = ""; /* strftime leaves it as it was when it cannot write */
        time_t at = (time_t)who->now;
        struct tm tm;
        gmtime_r(&at, &tm);
        strftime(made, sizeof made, "%Y-%m-%dT%H:%M:%S", &tm);
        cin_proj_header(&out->p, lea, serial, KITH_VERSION, made);
        out->serial = serial;
        out->lea = lea;
        char detail[128];
        snprintf(detail, sizeof detail,
                 "year %d serial %lld: %zu children, %zu errors, %zu queries", year,
                 (long long)serial, out->children, out->errors, out->queries);
        struct audit_event ev = {.at = who->now,
                                 .user_id = who->user_id,
                                 .username = who->username ? who->username : "(operator)",
                                 .role = who->role ? who->role : "operator",
                                 .action = "cin.validate",
                                 .request_id = who->request_id ? who->request_id : "-",
                                 .outcome = "ok",
                                 .detail = detail,
                                 .read_only = true};
        rc = store_audit_add(s, &ev, &err->e);
    }
    if (began && !rc)
        rc = store_commit(s, &err->e);
    else if (began)
        store_rollback(s);
    if (rc)
        cin_live_release(out);
    return rc;
}

void cin_live_release(struct cin_live *l)
{
    arena_release(&l->mem);
    findings_release(&l->f);
    if (l->set.rules)
        ruleset_release(&l->set);
    if (l->p.r.kind)
        cin_proj_release(&l->p);
    memset(l, 0, sizeof *l);
}

void cin_live_at(const struct cin_live *l, const struct finding *f, struct cin_finding_at *at)
{
    memset(at, 0, sizeof *at);
    at->child_public_id = at->la_child_id = at->record_public_id = "";
    const struct cin_src *src = cin_proj_src(&l->p, f->table, f->row);
    if (!src)
        return;
    const struct cin_src *ch = cin_proj_src(&l->p, CIN_CHILD, src->child);
    if (ch) {
        at->child_public_id = ch->public_id;
        at->la_child_id = ret_raw(&l->p.r, CIN_CHILD, src->child, CH_LA_CHILD_ID);
    }
    at->type = src->type;
    at->record_public_id = src->public_id;
    const char *type = src->type ? src->type->name : "child";
    for (size_t i = 0; i < l->nacks; i++)
        if (!strcmp(l->acks[i].rule, f->rule->code) && !strcmp(l->acks[i].record, src->public_id) &&
            !strcmp(l->acks[i].record_type, type))
            at->explained = l->acks[i].explanation;
}

/* ---- as a record is saved ---- */

/* One finding as the save compares them: the rule and the row's record. */
struct fkey {
    const struct rule *rule;
    const struct rec_type *type;
    int64_t id;
    int table;
    int32_t row;
    uint64_t cols;
    bool used;
};

static size_t keys_of(const struct cin_live *l, struct fkey *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < l->f.n && n < cap; i++) {
        const struct finding *f = &l->f.v[i];
        const struct cin_src *src = cin_proj_src(&l->p, f->table, f->row);
        if (!src) /* the return's own (2887Q...): not one child's */
            continue;
        out[n++] = (struct fkey){.rule = f->rule,
                                 .type = src->type,
                                 .id = src->id,
                                 .table = f->table,
                                 .row = f->row,
                                 .cols = f->cols};
    }
    return n;
}

#define KEYS_MAX 256

/* Project one child for `year` and run the rules. */
static void judge(struct cin_live *l, const struct cin_child_records *c, int year, kdate today)
{
    memset(l, 0, sizeof *l);
    cin_proj_init(&l->p, year, today);
    findings_init(&l->f);
    l->children = cin_proj_add(&l->p, c);
    run_rules(l);
}

/* The field of record type `t` that a finding's columns point at, or its main date. */
static const struct field *field_at(const struct rec_type *t, const struct fkey *k)
{
    for (int c = 0; c < RTABLE_MAX_COLS; c++) {
        if (!(k->cols & COL(c)) || c >= cin_tables[k->table].ncols)
            continue;
        const char *col = cin_tables[k->table].cols[c].name;
        for (const struct cin_item_source *src = cin_item_sources; src->item; src++)
            if (src->how == CIN_FROM_FIELD && !strcmp(src->item, col) &&
                !strcmp(src->type, t->name)) {
                const struct field *f = field_find(t->fields, src->field);
                if (f)
                    return f;
            }
    }
    return field_find(t->fields, t->order);
}

/* For a finding on another record's row: the item among its columns that copies a date
 * of record `rec` (of type `t`, the one being saved) as it now reads, as the census derives
 * an enquiry's DateOfInitialCPC from its conference; NULL when none does. `*f` is that
 * date's field of `t`. */
static const struct cin_item_source *copied_from(const struct cin_live *l, const struct fkey *k,
                                                 const struct rec_type *t, const void *rec,
                                                 const struct field **f)
{
    for (int c = 0; c < RTABLE_MAX_COLS && c < cin_tables[k->table].ncols; c++) {
        if (!(k->cols & COL(c)))
            continue;
        const char *col = cin_tables[k->table].cols[c].name;
        for (const struct cin_item_source *src = cin_item_sources; src->item; src++) {
            if (src->how != CIN_FROM_DERIVED || !src->type || strcmp(src->item, col) ||
                strcmp(src->type, t->name) || strcmp(src->module, cin_tables[k->table].name))
                continue;
            char buf[REC_TEXT_BUF];
            const struct field *g = field_find(t->fields, src->field);
            const char *mine = g ? rec_text(g, rec, buf) : NULL;
            const char *raw = ret_raw(&l->p.r, k->table, k->row, c);
            if (mine && raw && !strcmp(mine, raw)) {
                *f = g;
                return src;
            }
        }
    }
    return NULL;
}

/* Add finding `k` to `to` (one line per rule), on the field it points at. `mine`: the
 * finding is on the record being saved. On another record's row (`l` is the run that
 * found it) it names the record the person is saving when the item the rule read is a
 * date of that record, copied there: a conference on a Saturday is this conference's fault
 * though the census reads it as its enquiry's DateOfInitialCPC. */
static void report(struct field_errors *to, const struct cin_live *l, const struct rec_type *t,
                   const void *rec, const struct fkey *k, bool mine)
{
    const struct field *f = NULL;
    const struct cin_item_source *from = mine ? NULL : copied_from(l, k, t, rec, &f);
    if (!f)
        f = field_at(t, mine ? k : &(struct fkey){.cols = 0});
    char buf[REC_TEXT_BUF];
    const char *v = mine || from ? rec_text(f, rec, buf) : NULL;
    for (size_t i = 0; i < to->n; i++) /* one line per rule */
        if (strstr(to->items[i].msg, k->rule->code))
            return;
    field_fail(to, f, -1, v, "breaks a CIN census rule", "%s", k->rule->message);
    struct field_error *fe = &to->items[to->n - 1];
    if (from)
        snprintf(fe->msg, sizeof fe->msg,
                 "CIN rule %s: %s (this %s's %s, which the census reads as the %s's %s)",
                 k->rule->code, k->rule->message, t->label, f->label,
                 k->type ? k->type->label : "child", from->item);
    else
        snprintf(fe->msg, sizeof fe->msg, "CIN rule %s: %s%s", k->rule->code, k->rule->message,
                 mine      ? ""
                 : k->type ? " (this change makes it so elsewhere in the child's records)"
                           : " (on the child's own record)");
}

/* The change the rules judge: `rec` added, or in place of record `self`'s stored version,
 * or (`removing`) record `self` gone. */
static enum kerr_code on_change(struct store *s, const struct person *child,
                                const struct rec_type *t, const void *rec, int64_t self,
                                bool removing, kdate today, struct field_errors *errs,
                                struct field_errors *warnings, struct kerr *e)
{
    int which = -1;
    for (int i = 0; i < LT_N; i++)
        if (live_types[i] == t)
            which = i;
    if (which < 0)
        return KITH_OK;
    struct arena a;
    arena_init(&a, 0);
    struct child_set before = {0}, after = {0};
    enum kerr_code rc = KITH_OK;
    for (int i = 0; i < LT_N && !rc; i++) {
        struct rec_query q = {.parent_id = child->id, .limit = STORE_PAGE_MAX};
        rc = store_rec_list(s, live_types[i], &q, &a, &before.rows[i], &before.n[i], NULL, e);
        after.rows[i] = before.rows[i];
        after.n[i] = before.n[i];
    }
    if (rc) {
        arena_release(&a);
        return rc;
    }
    /* after: the record added, or in place of its stored version, or gone */
    size_t sz = t->size, n = before.n[which];
    char *rows = arena_alloc(&a, (n + 1) * sz);
    if (n)
        memcpy(rows, before.rows[which], n * sz);
    size_t at = n;
    kdate first = DATE_NONE;
    const struct field *order = field_find(t->fields, t->order);
    for (size_t i = 0; i < n; i++)
        if (self && rec_chead(t, rows + i * sz)->id == self) {
            at = i;
            memcpy(&first, rows + i * sz + order->offset, sizeof first);
        }
    if (removing && at == n) { /* nothing stored to remove */
        arena_release(&a);
        return KITH_OK;
    }
    if (removing) {
        memmove(rows + at * sz, rows + (at + 1) * sz, (n - at - 1) * sz);
        after.n[which] = n - 1;
    } else {
        memcpy(rows + at * sz, rec, sz);
        after.n[which] = at == n ? n + 1 : n;
    }
    after.rows[which] = rows;

    /* the years the change can touch: from its (old or new) date's to the current one */
    kdate d = first;
    if (!removing)
        memcpy(&d, (const char *)rec + order->offset, sizeof d);
    if (first == DATE_NONE || (d != DATE_NONE && d < first))
        first = d;
    int to = collection_year(today), from = first == DATE_NONE ? to : collection_year(first);
    if (from < to - 6)
        from = to - 6; /* a census reaches back no further than an episode can stay open */
    struct cin_child_records cb, ca;
    as_records(&before, child, &cb);
    as_records(&after, child, &ca);
    for (int y = from; y <= to; y++) {
        struct cin_live lb, la;
        judge(&lb, &cb, y, today);
        judge(&la, &ca, y, today);
        struct fkey kb[KEYS_MAX], ka[KEYS_MAX];
        size_t nb = keys_of(&lb, kb, KEYS_MAX), na = keys_of(&la, ka, KEYS_MAX);
        bool fresh[KEYS_MAX];
        for (size_t i = 0; i < na; i++) {
            fresh[i] = true;
            for (size_t j = 0; j < nb && fresh[i]; j++)
                if (!kb[j].used && kb[j].rule == ka[i].rule && kb[j].type == ka[i].type &&
                    kb[j].id == ka[i].id)
                    fresh[i] = !(kb[j].used = true);
        }
        /* what the rules say of this record first, then what the change did elsewhere */
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < na; i++) {
                bool mine = !removing && ka[i].type == t && ka[i].id == self;
                if (!fresh[i] || mine != (pass == 0))
                    continue;
                const struct fkey *k = &ka[i];
                /* the child's own record at fault (a disability not recorded): the person
                 * is told, and the record that brought the child into the census saved */
                bool on_child = !k->type;
                for (size_t j = 0; j < na && !on_child; j++)
                    on_child = ka[j].rule == k->rule && !ka[j].type; /* 8540 marks both */
                bool refuse = k->rule->severity == RULE_ERROR && !on_child;
                report(refuse ? errs : warnings, &la, t, rec, k, mine);
            }
        cin_live_release(&lb);
        cin_live_release(&la);
    }
    arena_release(&a);
    return KITH_OK;
}

enum kerr_code cw_cin_on_save(struct store *s, const struct person *child, const struct rec_type *t,
                              const void *rec, int64_t self, kdate today, struct field_errors *errs,
                              struct field_errors *warnings, struct kerr *e)
{
    return on_change(s, child, t, rec, self, false, today, errs, warnings, e);
}

enum kerr_code cw_cin_on_delete(struct store *s, const struct person *child,
                                const struct rec_type *t, int64_t self, kdate today,
                                struct field_errors *errs, struct field_errors *warnings,
                                struct kerr *e)
{
    return on_change(s, child, t, NULL, self, true, today, errs, warnings, e);
}
