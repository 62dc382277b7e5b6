/*
 * The generic record actions (casework.h): scope, values, one transaction with the audit
 * row, one error carrier. Every record type described in domain/ gets these actions
 * without code of its own; a type's own rules are in its description's `check`.
 *
 * A record that hangs off a child is seen and changed only by those who may see the
 * child, through the one scope gate of cw_impl.c, so no entry point can forget it.
 */
#include "casework/casework.h"
#include "casework/cw_impl.h"

#include <stdio.h>
#include <string.h>

#include "casework/cin_live.h"
#include "casework/cross.h"
#include "casework/cw_impl.h"
#include "casework/step.h"
#include "domain/audit.h"
#include "domain/codeset.h"
#include "domain/help.h"
#include "store/store_rec.h"

void cw_err_clear(struct cw_err *err)
{
    kerr_clear(&err->e);
    field_errors_clear(&err->fields);
    field_errors_clear(&err->warnings);
    err->current = NULL;
}

enum kerr_code cw_audit(struct store *s, const struct actor *who, int64_t child_id,
                        const char *action, const char *outcome, const char *detail, bool read,
                        struct kerr *e)
{
    struct audit_event ev = {
        .at = who->now,
        .user_id = who->user_id,
        .username = who->username ? who->username : "(operator)",
        .role = who->role ? who->role : "operator",
        .child_id = child_id,
        .action = action,
        .request_id = who->request_id ? who->request_id : "-",
        .outcome = outcome,
        .detail = detail,
        .read_only = read,
    };
    return store_audit_add(s, &ev, e);
}

/* "contact.add": the audit action for an action on a type. */
static const char *action_name(const struct rec_type *t, const char *verb, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s.%s", t->name, verb);
    return buf;
}

/* A reason of nothing but spaces is no reason (the pages trim; the API and CLI send what
 * was typed). */
static bool blank(const char *s) { return !s || !s[strspn(s, " \t\r\n")]; }

/* Whether the actor may see child `child_id` (cw_may_see), a refusal audited as the
 * type's action. */
static enum kerr_code may_see(struct store *s, const struct actor *who, const struct rec_type *t,
                              int64_t child_id, const char *verb, struct cw_err *err)
{
    char act[64];
    return cw_may_see(s, who, child_id, action_name(t, verb, act, sizeof act), err);
}

bool cw_rec_may(const struct actor *who, const struct rec_type *t, bool writing)
{
    const struct rec_keepers *k = t->keepers;
    if (t->parent || !k)
        return t->parent != NULL; /* a type with no parent and no keepers is no one's */
    if (k->operator_keeps && !who->user_id)
        return true;
    const char *const *roles = writing ? k->writers : k->readers;
    return (!writing && !roles) || cw_role_in(who, roles);
}

/* Whether `who` may do `verb` to a record of type `t`, which hangs off no child, by its
 * keepers (cw_rec_may): whoever else asks, case-recording accounts included, is refused
 * and the refusal audited. */
static enum kerr_code may_keep(struct store *s, const struct actor *who, const struct rec_type *t,
                               const char *verb, bool reading, struct cw_err *err)
{
    if (cw_rec_may(who, t, !reading))
        return KITH_OK;
    char act[64];
    cw_audit(s, who, 0, action_name(t, verb, act, sizeof act), "denied", NULL, true, NULL);
    return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role", "only %s %s %s",
                     reading ? t->keepers->readers_are : t->keepers->writers_are,
                     reading ? "read" : "write", t->plural);
}

/* Fields that are a sign-off: a value only the roles named may set or change, because the
 * record says someone of that standing decided (issue 19: an assessment is authorised by a
 * team manager, from their authorisation queue). The operator at the command line (no
 * account: the deployment's own tools) is not refused; the audit row names them. A sign-off
 * is the day it was given, a date field. */
static const struct signoff {
    const struct rec_type *t;
    const char *field;
    const char *roles[3];           /* user-role codes, NULL-ended */
    const char *problem, *expected; /* the message beside the field */
} signoffs[] = {
    {&assessment_type,
     "authorised_date",
     {"team-manager", NULL},
     "is for a team manager to record",
     "it left as it was (a team manager records it, from their authorisation queue)"},
};

/* The day of date field `f` in `rec` (NULL: a new record's, none). */
static kdate day_of(const struct field *f, const void *rec)
{
    return rec ? *(const kdate *)((const char *)rec + f->offset) : DATE_NONE;
}

/* Each sign-off field `rec` sets or changes (from `stored`, NULL when adding) that `who` may
 * not: an error beside the field. */
static void check_signoffs(const struct actor *who, const struct rec_type *t, const void *rec,
                           const void *stored, struct cw_err *err)
{
    if (!who->user_id)
        return;
    for (size_t i = 0; i < sizeof signoffs / sizeof signoffs[0]; i++) {
        const struct signoff *so = &signoffs[i];
        const struct field *f = so->t == t ? field_find(t->fields, so->field) : NULL;
        if (!f || cw_role_in(who, so->roles) || day_of(f, rec) == day_of(f, stored))
            continue;
        field_fail(&err->fields, f, -1, NULL, so->problem, "%s", so->expected);
    }
}

/* Every check of the values; KITH_E_INVALID with each problem in err->fields. `stored`: the
 * version a correction replaces (NULL when adding). */
static enum kerr_code check_values(const struct actor *who, const struct rec_type *t,
                                   const void *rec, const void *stored, struct cw_err *err)
{
    struct field_ctx ctx = {.year = 0, .today = who->today};
    rec_check(t, rec, &ctx, &err->fields);
    check_signoffs(who, t, rec, stored, err);
    return cw_values_result(t->label, err);
}

/* The bytes field `f` takes in its record. */
static size_t member_size(const struct field *f)
{
    static const size_t sizes[] = {
        [FIELD_TEXT] = sizeof(const char *), [FIELD_CHAR] = sizeof(char),
        [FIELD_DATE] = sizeof(kdate),        [FIELD_BOOL] = sizeof(bool),
        [FIELD_ENUM] = sizeof(int),          [FIELD_INT] = sizeof(int64_t),
        [FIELD_DECIMAL] = sizeof(double)};
    if (f->type == FIELD_CHARS)
        return f->size;
    if (f->type == FIELD_CODE_LIST)
        return f->size * (size_t)f->max_count;
    return sizes[f->type];
}

void cw_rec_kept(const struct rec_type *t, void *rec, const void *from)
{
    for (const struct field *f = t->fields; f->name; f++) {
        if (!(f->flags & FIELD_KEPT))
            continue;
        char *to = (char *)rec + f->offset;
        if (from)
            memcpy(to, (const char *)from + f->offset, member_size(f));
        else
            memset(to, 0, member_size(f));
    }
}

/* The type's rules across the child's records (cross.h), if it has any: run inside the
 * write's transaction, after its own checks found nothing wrong. */
enum kerr_code cw_rec_check_across(struct store *s, const struct rec_type *t, const void *rec,
                                   int64_t self, kdate today, struct cw_err *err)
{
    const struct cw_cross *x = cw_cross_rules;
    while (x->type && x->type != t)
        x++;
    if (!x->type)
        return KITH_OK;
    struct arena a;
    arena_init(&a, 0);
    struct person child;
    /* a type that hangs off no child (an agency assignment) has rules across the store */
    enum kerr_code rc = t->parent
                            ? store_person_get(s, rec_chead(t, rec)->parent_id, &a, &child, &err->e)
                            : KITH_OK;
    struct cw_cross_ctx c = {.s = s,
                             .a = &a,
                             .child = t->parent ? &child : NULL,
                             .self = self,
                             .errs = &err->fields,
                             .e = &err->e};
    if (!rc)
        rc = x->check(&c, rec);
    /* the CIN census's rules, once the record's own and the cross-record ones pass: one
     * rule, one place (domain/ret), the same the return is judged by */
    if (!rc && !err->fields.n && t->parent)
        rc = cw_cin_on_save(s, &child, t, rec, self, today, &err->fields, &err->warnings, &err->e);
    arena_release(&a);
    return rc ? rc : cw_values_result(t->label, err);
}

/* The records the rules across a child's records refuse (cross.h), by type and row id. */
struct refused_one {
    const struct rec_type *t;
    int64_t id;
};
struct refused {
    struct refused_one *v;
    size_t n, cap;
};

static bool was_refused(const struct refused *r, const struct rec_type *t, int64_t id)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].t == t && r->v[i].id == id)
            return true;
    return false;
}

static void note_refused(struct refused *r, struct arena *a, const struct rec_type *t, int64_t id)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        struct refused_one *v = arena_alloc(a, cap * sizeof(struct refused_one));
        if (r->n)
            memcpy(v, r->v, r->n * sizeof(struct refused_one));
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = (struct refused_one){t, id};
}

/* Every rule across the child's records run on each record it governs, as the records
 * stand. `noting`: each record refused is noted in `before`; otherwise each refused now
 * that was not in `before` becomes a reason the deletion of a `t` is refused, on its main
 * field, naming the record left wrong. Records already wrong before (written before a
 * rule was) do not stop a deletion: only what the deletion breaks does. */
static enum kerr_code sweep_across(struct store *s, const struct person *child, struct arena *a,
                                   struct refused *before, bool noting, const struct rec_type *t,
                                   struct cw_err *err)
{
    enum kerr_code rc = KITH_OK;
    for (const struct cw_cross *x = cw_cross_rules; !rc && x->type; x++) {
        void *rows;
        size_t n;
        struct rec_query q = {.parent_id = child->id, .limit = STORE_PAGE_MAX};
        rc = store_rec_list(s, x->type, &q, a, &rows, &n, NULL, &err->e);
        for (size_t i = 0; !rc && i < n; i++) {
            const void *rec = (const char *)rows + i * x->type->size;
            const struct rec_head *h = rec_chead(x->type, rec);
            struct arena ra;
            arena_init(&ra, 0);
            struct field_errors found;
            field_errors_clear(&found);
            struct cw_cross_ctx c = {
                .s = s, .a = &ra, .child = child, .self = h->id, .errs = &found, .e = &err->e};
            rc = x->check(&c, rec);
            if (!rc && found.n && noting)
                note_refused(before, a, x->type, h->id);
            else if (!rc && found.n && !was_refused(before, x->type, h->id)) {
                const char *why = found.items[0].msg, *cut = strstr(why, ": expected");
                field_fail(&err->fields, field_find(t->fields, t->order), -1, NULL,
                           "would leave another record wrong", "the other record first");
                snprintf(err->fields.items[err->fields.n - 1].msg, sizeof err->fields.items[0].msg,
                         "Deleting this %s would leave the %s %s wrong (its %.*s): correct or "
                         "delete that first",
                         t->label, x->type->label, h->public_id,
                         (int)(cut ? (size_t)(cut - why) : strlen(why)), why);
            }
            arena_release(&ra);
        }
    }
    return rc;
}

enum kerr_code cw_rec_add(struct store *s, const struct actor *who, const struct rec_type *t,
                          void *rec, struct cw_err *err)
{
    struct rec_head *h = rec_head(t, rec);
    if (t->parent && !h->parent_id)
        return kerr_fail(&err->e, KITH_E_INVALID, "child", "a %s is recorded for a child",
                         t->label);
    enum kerr_code rc = t->parent ? may_see(s, who, t, h->parent_id, "add", err)
                                  : may_keep(s, who, t, "add", false, err);
    cw_rec_kept(t, rec, NULL); /* links are set by the actions that make them */
    if (!rc && t->parent)
        rc = cw_child_writable(s, h->parent_id, err);
    if (!rc)
        rc = check_values(who, t, rec, NULL, err);
    if (rc)
        return rc;
    h->created_by = who->user_id;
    h->created_at = who->now;
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = cw_rec_check_across(s, t, rec, 0, who->today, err);
    if (!rc)
        rc = store_rec_add(s, t, rec, who->now, &err->e);
    char act[64];
    return cw_commit(s, who, rc, t->parent ? h->parent_id : 0,
                     action_name(t, "add", act, sizeof act), h->public_id, &err->e);
}

enum kerr_code cw_rec_correct(struct store *s, const struct actor *who, const struct rec_type *t,
                              void *rec, struct arena *a, struct cw_err *err)
{
    struct rec_head *h = rec_head(t, rec);
    void *stored = arena_zalloc(a, t->size);
    enum kerr_code rc = store_rec_get(s, t, h->id, a, stored, &err->e);
    const struct rec_head *sh = rec_chead(t, stored);
    if (!rc)
        rc = t->parent ? may_see(s, who, t, sh->parent_id, "correct", err)
                       : may_keep(s, who, t, "correct", false, err);
    if (rc)
        return rc;
    /* The record stays where it is: its child, public id and creation are not edits. */
    h->parent_id = sh->parent_id;
    memcpy(h->public_id, sh->public_id, sizeof(h->public_id));
    h->created_at = sh->created_at;
    h->created_by = sh->created_by;
    cw_rec_kept(t, rec, stored);
    if (blank(h->reason)) {
        field_fail(&err->fields,
                   &(const struct field){.name = "reason", .label = "reason for the correction"},
                   -1, NULL, "is missing", "a few words on what was wrong");
        return kerr_fail(&err->e, KITH_E_INVALID, "reason",
                         "a correction needs its reason: say what was wrong");
    }
    rc = check_values(who, t, rec, stored, err);
    if (rc)
        return rc;
    h->updated_by = who->user_id;
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = cw_rec_check_across(s, t, rec, h->id, who->today, err);
    if (!rc)
        rc = store_rec_update(s, t, rec, who->now, &err->e);
    if (rc == KITH_E_CONFLICT) {
        store_rollback(s);
        struct kerr keep = err->e;
        if (!store_rec_get(s, t, h->id, a, stored, NULL))
            err->current = stored;
        err->e = keep;
        return rc;
    }
    char act[64], detail[64];
    snprintf(detail, sizeof detail, "%s version %d", h->public_id, h->version);
    return cw_commit(s, who, rc, t->parent ? h->parent_id : 0,
                     action_name(t, "correct", act, sizeof act), detail, &err->e);
}

enum kerr_code cw_rec_view(struct store *s, const struct actor *who, const struct rec_type *t,
                           const char *public_id, struct arena *a, void *out, struct cw_err *err)
{
    enum kerr_code rc = store_rec_find(s, t, public_id, a, out, &err->e);
    const struct rec_head *h = rec_chead(t, out);
    if (!rc)
        rc = t->parent ? may_see(s, who, t, h->parent_id, "view", err)
                       : may_keep(s, who, t, "view", true, err);
    if (rc)
        return rc;
    char act[64];
    return cw_audit(s, who, t->parent ? h->parent_id : 0, action_name(t, "view", act, sizeof act),
                    "ok", h->public_id, true, &err->e);
}

enum kerr_code cw_rec_list(struct store *s, const struct actor *who, const struct rec_type *t,
                           int64_t child_id, size_t limit, size_t offset, struct arena *a,
                           void **out, size_t *n, int64_t *total, struct cw_err *err)
{
    *out = NULL;
    *n = 0;
    enum kerr_code rc = t->parent ? may_see(s, who, t, child_id, "list", err)
                                  : may_keep(s, who, t, "list", true, err);
    if (!rc)
        rc = store_rec_list(
            s, t, &(struct rec_query){.parent_id = child_id, .limit = limit, .offset = offset}, a,
            out, n, total, &err->e);
    if (rc)
        return rc;
    char act[64];
    return cw_audit(s, who, child_id, action_name(t, "list", act, sizeof act), "ok", NULL, true,
                    &err->e);
}

enum kerr_code cw_rec_history(struct store *s, const struct actor *who, const struct rec_type *t,
                              const char *public_id, struct arena *a, void **out, size_t *n,
                              struct cw_err *err)
{
    *out = NULL;
    *n = 0;
    void *cur = arena_zalloc(a, t->size);
    enum kerr_code rc = store_rec_find(s, t, public_id, a, cur, &err->e);
    const struct rec_head *h = rec_chead(t, cur);
    if (!rc)
        rc = t->parent ? may_see(s, who, t, h->parent_id, "history", err)
                       : may_keep(s, who, t, "history", true, err);
    if (!rc)
        rc = store_rec_history(s, t, h->id, a, out, n, &err->e);
    if (rc)
        return rc;
    char act[64];
    return cw_audit(s, who, t->parent ? h->parent_id : 0,
                    action_name(t, "history", act, sizeof act), "ok", h->public_id, true, &err->e);
}

enum kerr_code cw_rec_delete(struct store *s, const struct actor *who, const struct rec_type *t,
                             const char *public_id, int version, const char *reason,
                             struct arena *a, struct cw_err *err)
{
    void *stored = arena_zalloc(a, t->size);
    enum kerr_code rc = store_rec_find(s, t, public_id, a, stored, &err->e);
    const struct rec_head *sh = rec_chead(t, stored);
    if (!rc)
        rc = t->parent ? may_see(s, who, t, sh->parent_id, "delete", err)
                       : may_keep(s, who, t, "delete", false, err);
    if (rc)
        return rc;
    if (blank(reason)) {
        field_fail(&err->fields,
                   &(const struct field){.name = "reason", .label = "reason for deleting it"}, -1,
                   NULL, "is missing", "a few words on why it was entered in error");
        return kerr_fail(&err->e, KITH_E_INVALID, "reason",
                         "deleting a record needs its reason: say why it was entered in error");
    }
    if (version != sh->version) {
        err->current = stored;
        return kerr_fail(&err->e, KITH_E_CONFLICT, "version",
                         "this %s was changed by someone else after you opened it: you started "
                         "from version %d and it is now at version %d",
                         t->label, version, sh->version);
    }
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    /* The rules a save runs, run on the child without the record: a deletion that would
     * leave the child's other records wrong (an assessment with no referral before it, a
     * care application with no offer of a family group meeting) is refused, and the
     * person deletes what hangs off it first. The census's rules compare before and after
     * themselves; the rules across the records are run on both sides here. A step's
     * link to the record goes with it (step.h). */
    struct person child = {0};
    struct refused before = {0};
    if (t->parent) {
        rc = store_person_get(s, sh->parent_id, a, &child, &err->e);
        if (!rc)
            rc = cw_cin_on_delete(s, &child, t, sh->id, who->today, &err->fields, &err->warnings,
                                  &err->e);
        if (!rc && err->fields.n)
            rc = cw_values_result(t->label, err);
        if (!rc)
            rc = sweep_across(s, &child, a, &before, true, t, err);
    }
    if (!rc)
        rc = store_rec_delete(s, t, sh->id, version, who->now, who->user_id, reason, &err->e);
    if (!rc && t->parent)
        rc = cw_step_unlink(s, who, t, stored, reason, a, err);
    if (!rc && t->parent)
        rc = sweep_across(s, &child, a, &before, false, t, err);
    if (!rc && t->parent)
        rc = cw_values_result(t->label, err);
    char act[64], detail[64];
    snprintf(detail, sizeof detail, "%s version %d", sh->public_id, version);
    return cw_commit(s, who, rc, t->parent ? sh->parent_id : 0,
                     action_name(t, "delete", act, sizeof act), detail, &err->e);
}
