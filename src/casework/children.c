/*
 * Recording a new child and correcting a child's identity (casework.h): the one place
 * those rules are applied, whichever way the values come in (the /children/new form and
 * the child's edit form, POST and PATCH /api/v1/children, `kith child add`). The values
 * are the person's description's (domain/person.c person_fields, judged in today's
 * collection year); what is the child's own is here: the postcode and the NHS number kept
 * in their standard forms, a new record's LA child id defaulting to its public id, the grant that
 * lets whoever records a child see them until a worker is allocated, and an LA child id that
 * another child holds, named only to someone who may see that child.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "casework/casework.h"
#include "casework/cw_impl.h"
#include "domain/ident.h"
#include "domain/person.h"
#include "domain/public_id.h"

/* Whoever records a child sees them for this long, or until someone allocates a worker:
 * without it a front-door worker would lose the child they have just recorded. */
enum { CREATOR_GRANT_DAYS = 30 };

/* People type postcodes in any case and spacing: the standard form is kept when the
 * shape is right, and the description explains it when it is not. */
static void tidy_postcode(struct person *p)
{
    char pc[POSTCODE_LEN_MAX + 1];
    if (p->postcode[0] && postcode_normalise(p->postcode, strlen(p->postcode), pc))
        memcpy(p->postcode, pc, sizeof pc);
}

/* An NHS number is kept as its ten digits, however it was grouped when typed. */
static void tidy_nhs(struct person *p)
{
    char digits[NHS_NUMBER_LEN + 1];
    if (p->nhs_number[0] && nhs_number_read(p->nhs_number, strlen(p->nhs_number), digits) == NHS_OK)
        memcpy(p->nhs_number, digits, sizeof digits);
}

static enum kerr_code check_child(const struct actor *who, const struct person *p,
                                  struct cw_err *err)
{
    struct field_ctx ctx = {.year = collection_year(who->today), .today = who->today};
    field_check(person_fields, p, &ctx, &err->fields);
    return cw_values_result("child's record", err);
}

/* An LA child id that another child already holds (the database knows it: a unique
 * index). The clash is named only to someone who may see that child; to anyone else it
 * would say that a child they may not see exists, so they are told only that the id
 * cannot be used, and the attempt is audited naming the holder for whoever looks into it. */
static enum kerr_code la_id_taken(struct store *s, const struct actor *who, const struct person *p,
                                  int64_t child_id, const char *action, struct cw_err *err)
{
    const struct field *f = field_find(person_fields, "la_child_id");
    kerr_clear(&err->e);
    struct person holder;
    struct arena a;
    arena_init(&a, 0);
    bool visible = !who->scope;
    enum kerr_code rc = store_person_find(s, p->la_child_id, &a, &holder, &err->e);
    if (!rc && holder.kind == PERSON_CHILD && !strcasecmp(holder.la_child_id, p->la_child_id)) {
        if (who->scope)
            rc = store_person_visible(s, who->scope, holder.id, &visible, &err->e);
    } else if (!rc || rc == KITH_E_NOT_FOUND) {
        rc = KITH_OK; /* gone since: nothing to name */
        kerr_clear(&err->e);
        holder.id = 0;
    }
    arena_release(&a);
    if (rc)
        return rc;
    if (visible) {
        field_fail(&err->fields, f, -1, p->la_child_id, "is already used by another child",
                   "an LA child id no other child has");
        return kerr_fail(&err->e, KITH_E_CONFLICT, f->name, "%s", err->fields.items[0].msg);
    }
    char detail[80];
    snprintf(detail, sizeof detail, "la_child_id held by person %lld out of scope",
             (long long)holder.id);
    rc = cw_audit(s, who, child_id, action, "denied", detail, true, &err->e);
    if (rc)
        return rc;
    field_fail(&err->fields, f, -1, NULL, "cannot be used",
               "another LA child id, or ask the data team if this one is right");
    return cw_values_result("child's record", err);
}

static bool la_id_clash(enum kerr_code rc, const struct cw_err *err)
{
    return rc == KITH_E_CONFLICT && !strcmp(err->e.field, "la_child_id");
}

enum kerr_code cw_child_create(struct store *s, const struct actor *who, struct person *p,
                               struct cw_err *err)
{
    p->kind = PERSON_CHILD;
    p->created = who->today;
    tidy_postcode(p);
    tidy_nhs(p);
    if (!p->public_id[0])
        public_id_new(p->public_id);
    if (!p->la_child_id[0])
        public_id_la_child_id(p->public_id, p->la_child_id);
    enum kerr_code rc = check_child(who, p, err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_person_add(s, p, &err->e);
    if (!rc && who->user_id) {
        struct access_grant g = {.user_id = who->user_id,
                                 .child_id = p->id,
                                 .reason = "recorded the child",
                                 .granted_by = "kith",
                                 .granted = who->today,
                                 .expires = who->today + CREATOR_GRANT_DAYS,
                                 .revoked = DATE_NONE};
        rc = store_grant_add(s, &g, &err->e);
    }
    rc = cw_commit(s, who, rc, p->id, "create", NULL, &err->e);
    if (la_id_clash(rc, err))
        return la_id_taken(s, who, p, 0, "create", err);
    return rc;
}

enum kerr_code cw_child_correct(struct store *s, const struct actor *who, struct person *p,
                                struct cw_err *err)
{
    if (p->kind != PERSON_CHILD)
        return kerr_fail(&err->e, KITH_E_NOT_FOUND, "child", "there is no such child");
    enum kerr_code rc = cw_may_see(s, who, p->id, "update", err);
    if (rc)
        return rc;
    tidy_postcode(p);
    tidy_nhs(p);
    rc = check_child(who, p, err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_person_update(s, p, &err->e);
    rc = cw_commit(s, who, rc, p->id, "update", NULL, &err->e);
    if (la_id_clash(rc, err))
        return la_id_taken(s, who, p, p->id, "update", err);
    return rc;
}
