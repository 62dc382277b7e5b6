/*
 * Adding a case note (casework.h): the one place its rules are applied, whichever way the
 * note comes in (the child's page, the API, `kith note add`). The values are the
 * description's (domain/entities.c note_fields); what is the note's own is that an author
 * is a worker, and that the child is one the actor may see.
 */
#include "casework/casework.h"
#include "casework/cw_impl.h"
#include "domain/entities.h"

enum kerr_code cw_note_add(struct store *s, const struct actor *who, struct case_note *n,
                           struct cw_err *err)
{
    if (!n->author_id)
        n->author_id = who->worker_id;
    if (!n->author_id)
        return kerr_fail(&err->e, KITH_E_FORBIDDEN, "author",
                         "only a worker's account can write case notes");
    enum kerr_code rc = cw_may_see(s, who, n->child_id, "note-add", err);
    if (!rc)
        rc = cw_child_writable(s, n->child_id, err);
    if (!rc)
        rc = cw_check_fields(who, note_fields, "note", n, err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_note_add(s, n, &err->e);
    return cw_commit(s, who, rc, n->child_id, "note-add", n->public_id, &err->e);
}
