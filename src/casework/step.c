/*
 * Step-up and step-down (step.h): each writes two records in one transaction, the new one
 * first (its public id is what the other links to), then the correction that closes the
 * old one, each with the rules every add and correction has (the description's, the rules
 * across the child's records, the CIN census's on save) and its audit row. A refusal of
 * either rolls both back. The links are FIELD_KEPT fields: no form or body sets them, and
 * an ordinary correction keeps them (records.c). Deleting either record takes the link
 * off the other (cw_step_unlink), so that no link names a record that is gone.
 */
#include "casework/step.h"

#include <stdio.h>
#include <string.h>

#include "casework/cw_impl.h"
#include "store/store_rec.h"

/* The record `id` of type `t`, if the actor may see it, at the version the person saw. */
static enum kerr_code load(struct store *s, const struct actor *who, const struct rec_type *t,
                           const char *id, int version, void *out, struct arena *a,
                           struct cw_err *err)
{
    enum kerr_code rc = store_rec_find(s, t, id, a, out, &err->e);
    const struct rec_head *h = rec_chead(t, out);
    char act[64];
    snprintf(act, sizeof act, "%s.step", t->name);
    if (!rc)
        rc = cw_may_see(s, who, h->parent_id, act, err);
    if (!rc && version && version != h->version)
        rc = kerr_fail(&err->e, KITH_E_CONFLICT, "version",
                       "the %s was changed by someone else: look at it again", t->label);
    return rc;
}

/* Every check of a record's own values. */
static enum kerr_code own_rules(const struct actor *who, const struct rec_type *t, const void *rec,
                                struct cw_err *err)
{
    struct field_ctx ctx = {.today = who->today};
    rec_check(t, rec, &ctx, &err->fields);
    return cw_values_result(t->label, err);
}

/* Write the new record (an add, with its audit row), then `link` it from the old one and
 * write that correction, all inside the caller's transaction. */
static enum kerr_code write_both(struct store *s, const struct actor *who,
                                 const struct rec_type *nt, void *fresh, const struct rec_type *ot,
                                 void *old, char *link, size_t link_size, struct cw_err *err)
{
    const struct rec_head *h = rec_chead(nt, fresh);
    char act[64];
    snprintf(act, sizeof act, "%s.add", nt->name);
    enum kerr_code rc = cw_rec_check_across(s, nt, fresh, 0, who->today, err);
    if (!rc)
        rc = store_rec_add(s, nt, fresh, who->now, &err->e);
    if (!rc)
        rc = cw_audit(s, who, h->parent_id, act, "ok", h->public_id, false, &err->e);
    if (rc)
        return rc;
    snprintf(link, link_size, "%s", h->public_id);
    rc = own_rules(who, ot, old, err);
    if (!rc)
        rc = cw_rec_check_across(s, ot, old, rec_chead(ot, old)->id, who->today, err);
    if (!rc)
        rc = store_rec_update(s, ot, old, who->now, &err->e);
    return rc;
}

static const char *iso(kdate d, char buf[DATE_ISO_LEN]) { return date_format_iso(d, buf); }

enum kerr_code cw_step_up(struct store *s, const struct actor *who, const char *episode,
                          int version, struct referral *ref, struct arena *a, struct cw_err *err)
{
    struct family_help *fh = arena_zalloc(a, sizeof *fh);
    enum kerr_code rc = load(s, who, &family_help_type, episode, version, fh, a, err);
    if (rc)
        return rc;
    char d[DATE_ISO_LEN];
    if (fh->closure_date != DATE_NONE)
        return kerr_fail(&err->e, KITH_E_INVALID, "episode",
                         "the family help episode closed on %s: only an open one steps up",
                         iso(fh->closure_date, d));
    ref->h.parent_id = fh->h.parent_id;
    ref->h.created_by = who->user_id;
    ref->h.created_at = who->now;
    cw_rec_kept(&referral_type, ref, NULL);
    snprintf(ref->stepped_up_from, sizeof ref->stepped_up_from, "%s", fh->h.public_id);
    if (ref->referral_date != DATE_NONE && ref->referral_date < fh->start_date)
        field_fail(&err->fields, field_find(referral_type.fields, "referral_date"), -1,
                   iso(ref->referral_date, d), "is before the family help episode started",
                   "a day on or after %s, when it started", iso(fh->start_date, d));
    rc = own_rules(who, &referral_type, ref, err);
    if (rc)
        return rc;
    /* the episode closes on the day of the referral it became */
    struct family_help up = *fh;
    up.closure_date = ref->referral_date;
    snprintf(up.closure_reason, sizeof up.closure_reason, "stepped-up");
    up.h.reason = "stepped up to a child in need referral";
    up.h.updated_by = who->user_id;
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = write_both(s, who, &referral_type, ref, &family_help_type, &up, up.stepped_up_to,
                    sizeof up.stepped_up_to, err);
    char detail[96];
    snprintf(detail, sizeof detail, "%s to %s", fh->h.public_id, ref->h.public_id);
    return cw_commit(s, who, rc, fh->h.parent_id, "family_help.step-up", detail, &err->e);
}

/* A refusal of the referral's closure names the step-down form's fields. */
static void closure_names(struct cw_err *err)
{
    static const char *const names[][2] = {{"closure_date", "cin_closure_date"},
                                           {"closure_reason", "cin_closure_reason"}};
    for (size_t i = 0; i < err->fields.n; i++)
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (!strcmp(err->fields.items[i].field, names[k][0]))
                err->fields.items[i].field = names[k][1];
    if (err->fields.n)
        cw_values_result(referral_type.label, err);
}

enum kerr_code cw_step_down(struct store *s, const struct actor *who, const char *referral,
                            int version, const struct step_down *close, struct family_help *fh,
                            struct arena *a, struct cw_err *err)
{
    struct referral *r = arena_zalloc(a, sizeof *r);
    enum kerr_code rc = load(s, who, &referral_type, referral, version, r, a, err);
    if (rc)
        return rc;
    char d[DATE_ISO_LEN];
    if (r->closure_date != DATE_NONE)
        return kerr_fail(&err->e, KITH_E_INVALID, "cin_closure_date",
                         "the CIN episode closed on %s already", iso(r->closure_date, d));
    if (r->nfa)
        return kerr_fail(&err->e, KITH_E_INVALID, "referral",
                         "the referral went no further: there is no CIN episode to step down");
    struct field_ctx ctx = {.today = who->today};
    field_check(step_down_fields, close, &ctx, &err->fields);
    if (close->closure_date != DATE_NONE && close->closure_date < r->referral_date)
        field_fail(&err->fields, field_find(step_down_fields, "cin_closure_date"), -1,
                   iso(close->closure_date, d), "is before the referral",
                   "a day on or after %s, the referral", iso(r->referral_date, d));
    fh->h.parent_id = r->h.parent_id;
    fh->h.created_by = who->user_id;
    fh->h.created_at = who->now;
    cw_rec_kept(&family_help_type, fh, NULL);
    snprintf(fh->stepped_down_from, sizeof fh->stepped_down_from, "%s", r->h.public_id);
    rc = own_rules(who, &family_help_type, fh, err);
    if (rc)
        return rc;
    struct referral down = *r;
    down.closure_date = close->closure_date;
    memcpy(down.closure_reason, close->closure_reason, sizeof down.closure_reason);
    down.h.reason = "stepped down to family help";
    down.h.updated_by = who->user_id;
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = write_both(s, who, &family_help_type, fh, &referral_type, &down, down.stepped_down_to,
                    sizeof down.stepped_down_to, err);
    if (rc == KITH_E_INVALID)
        closure_names(err);
    char detail[96];
    snprintf(detail, sizeof detail, "%s to %s", r->h.public_id, fh->h.public_id);
    return cw_commit(s, who, rc, r->h.parent_id, "referral.step-down", detail, &err->e);
}

/* The other record of a step, `link` on it naming `gone` (a record of type `t` being
 * deleted), corrected to name nothing, with its audit row. */
static enum kerr_code unlink_one(struct store *s, const struct actor *who, const struct rec_type *t,
                                 const char *gone, const struct rec_type *ot, const char *id,
                                 const char *reason, struct arena *a, struct cw_err *err)
{
    void *other = arena_zalloc(a, ot->size);
    enum kerr_code rc = store_rec_find(s, ot, id, a, other, &err->e);
    if (rc == KITH_E_NOT_FOUND) { /* deleted already: nothing points back */
        kerr_clear(&err->e);
        return KITH_OK;
    }
    if (rc)
        return rc;
    bool changed = false;
    for (const struct field *f = ot->fields; f->name; f++) {
        char *v = (char *)other + f->offset;
        if ((f->flags & FIELD_KEPT) && f->link && !strcmp(f->link, t->name) && !strcmp(v, gone)) {
            v[0] = '\0';
            changed = true;
        }
    }
    if (!changed)
        return KITH_OK;
    /* "stepped up" is a closure only the step-up makes (domain/family_help.c): with the
     * referral gone, the episode is open again, as it was before the step */
    if (ot == &family_help_type) {
        struct family_help *fh = other;
        if (!strcmp(fh->closure_reason, "stepped-up") && !fh->stepped_up_to[0]) {
            fh->closure_date = DATE_NONE;
            fh->closure_reason[0] = '\0';
        }
    }
    struct rec_head *h = rec_head(ot, other);
    h->reason =
        arena_printf(a, "the %s %s it was linked to was deleted: %s", t->label, gone, reason);
    h->updated_by = who->user_id;
    rc = own_rules(who, ot, other, err);
    if (!rc)
        rc = cw_rec_check_across(s, ot, other, h->id, who->today, err);
    if (!rc)
        rc = store_rec_update(s, ot, other, who->now, &err->e);
    char act[64], detail[96];
    snprintf(act, sizeof act, "%s.correct", ot->name);
    snprintf(detail, sizeof detail, "%s version %d: link to %s %s removed", h->public_id,
             h->version, t->name, gone);
    if (!rc)
        rc = cw_audit(s, who, h->parent_id, act, "ok", detail, false, &err->e);
    return rc;
}

enum kerr_code cw_step_unlink(struct store *s, const struct actor *who, const struct rec_type *t,
                              const void *rec, const char *reason, struct arena *a,
                              struct cw_err *err)
{
    const char *gone = rec_chead(t, rec)->public_id;
    enum kerr_code rc = KITH_OK;
    for (const struct field *f = t->fields; !rc && f->name; f++) {
        const char *id = (const char *)rec + f->offset;
        const struct rec_type *ot = f->link ? rec_type_named(f->link) : NULL;
        if ((f->flags & FIELD_KEPT) && ot && f->type == FIELD_CHARS && id[0])
            rc = unlink_one(s, who, t, gone, ot, id, reason, a, err);
    }
    return rc;
}
