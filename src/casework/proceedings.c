/*
 * The rules of risks outside the home and of pre-proceedings that need the child's other
 * records (cross.h). No child goes missing before they are born. Pre-proceedings follow
 * the order the Children Act 1989 s.31ZA (Children's Wellbeing and Schools Act 2026 s.1)
 * and the draft CIN 2026/27 rules give them: a letter or meeting of pre-proceedings falls
 * on or after its start; the letter before proceedings states the offer of a family group
 * decision-making meeting, which was made by then, unless the council decided an offer is
 * not in the child's best interests; the initial meeting follows that letter; a family
 * group meets after someone accepted; and no application for a care or supervision order
 * is recorded for a child whose family had no offer, unless that exemption is recorded,
 * nor before the meeting that someone accepted.
 *
 * The Act asks for the offer to each person with parental responsibility, so the
 * application is refused unless each relative recorded with it (the child's relationships)
 * was offered a meeting on or before its day, and the message names each who was not. An
 * offer counts for a relative when it was made to them: chosen from the child's relatives
 * (its `relative`), or, for an offer typed by name alone (every offer recorded before the
 * choice existed), when its name is theirs, in any case and spacing. With no one recorded
 * as holding parental responsibility, kith cannot tell who the family is: one offer to
 * anyone is needed, and the refusal says that no one with parental responsibility is
 * recorded. An exemption recorded on or before the day lets the application go; an offer
 * made in an earlier pre-proceedings still counts, as the person has been offered it.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "casework/cross.h"
#include "core/str.h"
#include "domain/proceedings.h"
#include "domain/risk.h"

static const char *iso(kdate d, char buf[DATE_ISO_LEN]) { return date_format_iso(d, buf); }

static const struct field *fld(const struct rec_type *t, const char *name)
{
    return field_find(t->fields, name);
}

/* The day in date field `field` of record `i` of `rows` (records of type `t`). */
static kdate day_of(const struct rec_type *t, const void *rows, size_t i, const char *field)
{
    const struct field *f = fld(t, field);
    return *(const kdate *)(const void *)((const char *)rows + i * t->size + f->offset);
}

/* The earliest day of a record of type `t` (by `field`) on or before `d`, or DATE_NONE. */
static enum kerr_code first_by(struct cw_cross_ctx *c, const struct rec_type *t, const char *field,
                               kdate d, kdate *out)
{
    void *rows;
    size_t n;
    *out = DATE_NONE;
    enum kerr_code rc = cw_cross_all(c, t, &rows, &n);
    for (size_t i = 0; !rc && i < n; i++) {
        kdate x = day_of(t, rows, i, field);
        if (x <= d && (*out == DATE_NONE || x < *out))
            *out = x;
    }
    return rc;
}

enum kerr_code cw_missing_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct missing_episode *m = rec;
    cw_cross_after_birth(c, fld(&missing_episode_type, "start_date"), m->start_date);
    return KITH_OK;
}

/* Day `d` of field `f` falls on or after the start of pre-proceedings. */
static enum kerr_code in_pre_proceedings(struct cw_cross_ctx *c, const struct field *f, kdate d,
                                         const char *what)
{
    kdate start;
    enum kerr_code rc = first_by(c, &pre_proceedings_type, "start_date", d, &start);
    if (!rc && start == DATE_NONE) {
        char a[DATE_ISO_LEN];
        field_fail(c->errs, f, -1, iso(d, a), "is before pre-proceedings started",
                   "a day on or after the start of pre-proceedings: record that first, then %s",
                   what);
    }
    return rc;
}

/* The day of the first accepted offer answered on or before `d`, or DATE_NONE. */
static enum kerr_code accepted_by(struct cw_cross_ctx *c, kdate d, kdate *out)
{
    struct fgdm_offer *o;
    size_t n;
    *out = DATE_NONE;
    enum kerr_code rc = cw_cross_all(c, &fgdm_offer_type, (void **)&o, &n);
    for (size_t i = 0; !rc && i < n; i++)
        if (!strcmp(o[i].response, "accepted") && o[i].response_date <= d &&
            (*out == DATE_NONE || o[i].response_date < *out))
            *out = o[i].response_date;
    return rc;
}

enum kerr_code cw_fgdm_meeting_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct fgdm_meeting *m = rec;
    kdate yes;
    enum kerr_code rc = accepted_by(c, m->meeting_date, &yes);
    if (!rc && yes == DATE_NONE) {
        char a[DATE_ISO_LEN];
        field_fail(c->errs, fld(&fgdm_meeting_type, "meeting_date"), -1, iso(m->meeting_date, a),
                   "is not after an accepted offer",
                   "a day on or after someone accepted the offer of a meeting: record the offer "
                   "and its answer first");
    }
    return rc;
}

enum kerr_code cw_letter_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct letter_before_proceedings *l = rec;
    const struct rec_type *t = &letter_before_proceedings_type;
    enum kerr_code rc = in_pre_proceedings(c, fld(t, "letter_date"), l->letter_date, "the letter");
    if (rc || strcmp(l->kind, "before-proceedings"))
        return rc;
    kdate offered = DATE_NONE, exempt = DATE_NONE;
    rc = first_by(c, &fgdm_offer_type, "offer_date", l->letter_date, &offered);
    if (!rc)
        rc = first_by(c, &fgdm_exemption_type, "decided_date", l->letter_date, &exempt);
    if (rc || exempt != DATE_NONE)
        return rc;
    const struct field *states = fld(t, "states_fgdm_offer");
    if (!l->states_fgdm_offer)
        field_fail(c->errs, states, -1, "no", "is no",
                   "yes: the letter before proceedings states the offer of a family group "
                   "decision-making meeting (Children Act 1989 s.31ZA), unless the exemption "
                   "is recorded first");
    else if (offered == DATE_NONE)
        field_fail(c->errs, states, -1, "yes", "states an offer that is not recorded",
                   "the offer to each person with parental responsibility, recorded first on or "
                   "before the letter");
    return rc;
}

enum kerr_code cw_pp_meeting_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct pp_meeting *m = rec;
    const struct field *date = fld(&pp_meeting_type, "meeting_date");
    enum kerr_code rc = in_pre_proceedings(c, date, m->meeting_date, "the meeting");
    if (rc || c->errs->n || strcmp(m->kind, "initial"))
        return rc;
    struct letter_before_proceedings *ls;
    size_t n;
    rc = cw_cross_all(c, &letter_before_proceedings_type, (void **)&ls, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ls[i].kind, "before-proceedings") && ls[i].letter_date <= m->meeting_date)
            return KITH_OK;
    char a[DATE_ISO_LEN];
    field_fail(c->errs, date, -1, iso(m->meeting_date, a), "is before the letter",
               "a day on or after the letter before proceedings that invited the family: "
               "record the letter first");
    return KITH_OK;
}

/* When someone accepted an offer by day `d`, a family group met after the acceptance and
 * on or before `d`; otherwise the application at field `f` is refused. */
static enum kerr_code met_after_acceptance(struct cw_cross_ctx *c, const struct field *f, kdate d)
{
    kdate yes;
    enum kerr_code rc = accepted_by(c, d, &yes);
    if (rc || yes == DATE_NONE)
        return rc;
    struct fgdm_meeting *ms;
    size_t n;
    rc = cw_cross_all(c, &fgdm_meeting_type, (void **)&ms, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (ms[i].meeting_date >= yes && ms[i].meeting_date <= d)
            return KITH_OK;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    field_fail(c->errs, f, -1, iso(d, a), "is before the family group met",
               "an application after the meeting the family accepted on %s (Children Act 1989 "
               "s.31ZA): record the meeting first",
               iso(yes, b));
    return KITH_OK;
}

/* The next word of `*p` (letters and digits between spaces), lower-cased into `w`; false
 * at the end. */
static bool next_word(const char **p, char *w, size_t cap)
{
    while (**p && isspace((unsigned char)**p))
        ++*p;
    size_t n = 0;
    for (; **p && !isspace((unsigned char)**p); ++*p)
        if (n + 1 < cap)
            w[n++] = (char)tolower((unsigned char)**p);
    w[n] = '\0';
    return n > 0;
}

/* Whether a name typed on an offer is person `p`'s "given family", ignoring case and
 * spacing: how an offer recorded by name alone is tied to a relative. */
static bool same_name(const char *typed, const struct person *p)
{
    char whole[512];
    snprintf(whole, sizeof whole, "%s %s", p->given_name ? p->given_name : "",
             p->family_name ? p->family_name : "");
    const char *x = typed ? typed : "", *y = whole;
    char a[128], b[128];
    for (;;) {
        bool more_x = next_word(&x, a, sizeof a), more_y = next_word(&y, b, sizeof b);
        if (!more_x || !more_y)
            return more_x == more_y && whole[strspn(whole, " ")];
        if (strcmp(a, b))
            return false;
    }
}

/* Whether `o` is an offer to relative `r`. */
static bool offer_to(const struct fgdm_offer *o, const struct relative_read *r)
{
    return o->relative[0] ? !strcmp(o->relative, r->person.public_id)
                          : same_name(o->offered_to, &r->person);
}

enum kerr_code cw_fgdm_offer_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct fgdm_offer *o = rec;
    if (!o->relative[0])
        return KITH_OK;
    struct relative_read *rel;
    size_t n;
    enum kerr_code rc = store_relative_list(c->s, c->child->id, NULL, c->a, &rel, &n, c->e);
    for (size_t i = 0; !rc && i < n; i++)
        if (!strcmp(rel[i].person.public_id, o->relative))
            return KITH_OK;
    if (!rc)
        field_fail(c->errs, fld(&fgdm_offer_type, "relative"), -1, o->relative,
                   "is not one of the child's relatives",
                   "one of the relatives recorded on the child's page (kith child show lists "
                   "them), or none");
    return rc;
}

/* Most of the names a refusal lists; the rest are counted. */
#define NAMES_SHOWN 3

enum kerr_code cw_care_application_rules(struct cw_cross_ctx *c, const void *rec)
{
    const struct care_application *x = rec;
    const struct field *date = fld(&care_application_type, "application_date");
    kdate d = x->application_date, exempt = DATE_NONE;
    enum kerr_code rc = first_by(c, &fgdm_exemption_type, "decided_date", d, &exempt);
    if (rc || exempt != DATE_NONE)
        return rc;
    struct fgdm_offer *offers;
    struct relative_read *rel;
    size_t noffers, nrel;
    rc = cw_cross_all(c, &fgdm_offer_type, (void **)&offers, &noffers);
    if (!rc)
        rc = store_relative_list(c->s, c->child->id, NULL, c->a, &rel, &nrel, c->e);
    if (rc)
        return rc;
    size_t holders = 0, missing = 0, made = 0;
    struct str names = STR_INIT;
    for (size_t i = 0; i < noffers; i++)
        made += offers[i].offer_date <= d;
    for (size_t i = 0; i < nrel; i++) {
        if (!rel[i].rel.parental_responsibility)
            continue;
        holders++;
        bool offered = false;
        for (size_t k = 0; k < noffers && !offered; k++)
            offered = offers[k].offer_date <= d && offer_to(&offers[k], &rel[i]);
        if (offered || ++missing > NAMES_SHOWN)
            continue;
        str_addf(&names, "%s%s %s (%s)", missing == 1 ? "" : ", ", rel[i].person.given_name,
                 rel[i].person.family_name, rel[i].rel.type);
    }
    char a[DATE_ISO_LEN];
    if (holders && missing) {
        if (missing > NAMES_SHOWN)
            str_addf(&names, " and %zu more", missing - NAMES_SHOWN);
        field_fail(c->errs, date, -1, iso(d, a),
                   "has no offer of family group decision-making to everyone with parental "
                   "responsibility",
                   "an offer to %s first (Children Act 1989 s.31ZA), or the council's record "
                   "that an offer is not in the child's best interests",
                   names.len ? names.buf : "them");
    } else if (!holders && !made) {
        field_fail(c->errs, date, -1, iso(d, a),
                   "has no offer of family group decision-making before it",
                   "an application after the family was offered a meeting, or after the council "
                   "recorded that an offer is not in the child's best interests (Children Act "
                   "1989 s.31ZA); no one with parental responsibility is recorded among the "
                   "child's relatives");
    }
    str_release(&names);
    if (c->errs->n)
        return KITH_OK;
    return met_after_acceptance(c, date, d);
}
