/*
 * Restrictions, grants and API tokens (casework/access.h): the one place each is checked
 * and written with its audit row. These changes decide who sees a child's record or who
 * may act through the API, so each is an audit row in the same transaction, built by
 * cw_audit like every other change's; before this file `kith access` built its own rows
 * in cli/ and `kith token` wrote none.
 */
#include "casework/access.h"

#include <stdio.h>
#include <string.h>

#include "casework/accounts.h"
#include "casework/cw_impl.h"
#include "domain/codeset.h"
#include "store/store.h"

/* The changes here are the accounts' keepers'; a refusal is audited. */
static enum kerr_code may(struct store *s, const struct actor *who, int64_t child_id,
                          const char *action, struct cw_err *err)
{
    if (cw_may_keep_accounts(who))
        return KITH_OK;
    cw_audit(s, who, child_id, action, "denied", NULL, true, NULL);
    return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role",
                     "only administrators decide who may see a record");
}

enum kerr_code cw_access_restrict(struct store *s, const struct actor *who, struct restriction *r,
                                  const char *const *allow, size_t nallow, struct arena *a,
                                  struct cw_err *err)
{
    enum kerr_code rc = may(s, who, r->child_id, "restrict", err);
    if (rc)
        return rc;
    if (!r->reason || code_index(CS_RESTRICTION_REASON, r->reason, strlen(r->reason)) < 0)
        return kerr_fail(&err->e, KITH_E_INVALID, "reason",
                         "reason: '%s' is not a reason; 'kith codes restriction-reason' lists "
                         "them",
                         r->reason ? r->reason : "");
    if (!nallow)
        return kerr_fail(&err->e, KITH_E_INVALID, "allow",
                         "allow: name the accounts that may see the record");
    int64_t *ids = arena_alloc(a, nallow * sizeof *ids);
    for (size_t i = 0; i < nallow; i++) {
        struct user u;
        rc = store_user_find(s, allow[i], a, &u, &err->e);
        if (rc == KITH_E_NOT_FOUND)
            return kerr_fail(&err->e, rc, "allow", "allow: no account named '%s'", allow[i]);
        if (rc)
            return rc;
        ids[i] = u.id;
    }
    r->allow = ids;
    r->nallow = nallow;
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_restriction_set(s, r, &err->e);
    return cw_commit(s, who, rc, r->child_id, "restrict",
                     arena_printf(a, "%s; %zu accounts", r->reason, nallow), &err->e);
}

enum kerr_code cw_access_unrestrict(struct store *s, const struct actor *who, int64_t child_id,
                                    struct cw_err *err)
{
    enum kerr_code rc = may(s, who, child_id, "unrestrict", err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_restriction_lift(s, child_id, &err->e);
    return cw_commit(s, who, rc, child_id, "unrestrict", NULL, &err->e);
}

enum kerr_code cw_access_grant(struct store *s, const struct actor *who, const char *username,
                               struct access_grant *g, struct cw_err *err)
{
    enum kerr_code rc = may(s, who, g->child_id, "grant", err);
    if (rc)
        return rc;
    if (!g->reason || !g->reason[strspn(g->reason, " \t\r\n")])
        return kerr_fail(&err->e, KITH_E_INVALID, "reason",
                         "reason: say why they need to see the record");
    struct arena a = ARENA_INIT;
    struct user u;
    rc = store_user_find(s, username ? username : "", &a, &u, &err->e);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc) {
        arena_release(&a);
        return rc;
    }
    g->user_id = u.id;
    g->granted_by = who->username ? who->username : "(operator)";
    rc = store_grant_add(s, g, &err->e);
    rc = cw_commit(s, who, rc, g->child_id, "grant",
                   rc ? NULL : arena_printf(&a, "grant %lld to %s", (long long)g->id, u.username),
                   &err->e);
    arena_release(&a);
    return rc;
}

enum kerr_code cw_access_revoke(struct store *s, const struct actor *who, int64_t id,
                                struct cw_err *err)
{
    enum kerr_code rc = may(s, who, 0, "revoke", err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_grant_revoke(s, id, DATE_NONE, &err->e);
    char detail[32];
    snprintf(detail, sizeof detail, "grant %lld", (long long)id);
    return cw_commit(s, who, rc, 0, "revoke", detail, &err->e);
}

enum kerr_code cw_token_add(struct store *s, const struct actor *who, const char *username,
                            const char *name, kdate *last, char token[KCRYPTO_TOKEN_TEXT],
                            struct api_token *out, struct cw_err *err)
{
    enum kerr_code rc = may(s, who, 0, "token-add", err);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    struct user u;
    rc = store_user_find(s, username ? username : "", &a, &u, &err->e);
    if (!rc && u.disabled)
        rc = kerr_fail(&err->e, KITH_E_INVALID, "username",
                       "%s is disabled: enable the account first", u.username);
    kdate today = (kdate)(who->now / 86400); /* UTC, as the expiry is kept */
    if (*last == DATE_NONE)
        *last = today + TOKEN_DAYS_DEFAULT - 1;
    if (!rc && (int64_t)(*last + 1) * 86400 <= who->now)
        rc = kerr_fail(&err->e, KITH_E_INVALID, "expires", "expires: the date has passed");
    if (!rc && *last - today >= TOKEN_DAYS_MAX)
        rc = kerr_fail(&err->e, KITH_E_INVALID, "expires",
                       "expires: at most %d days (ten years) ahead", TOKEN_DAYS_MAX);
    char digest[KCRYPTO_DIGEST_TEXT];
    if (!rc) {
        kcrypto_token(token);
        kcrypto_digest(token, digest);
        *out = (struct api_token){.user_id = u.id,
                                  .name = name ? name : "api",
                                  .token_digest = digest,
                                  .created = who->now,
                                  /* the end of the last day, UTC */
                                  .expires = (int64_t)(*last + 1) * 86400};
        rc = store_begin(s, &err->e);
    }
    if (rc) {
        arena_release(&a);
        return rc;
    }
    rc = store_token_add(s, out, &err->e);
    rc = cw_commit(
        s, who, rc, 0, "token-add",
        rc ? NULL : arena_printf(&a, "token %lld for %s", (long long)out->id, u.username), &err->e);
    out->token_digest = NULL; /* the digest was this function's; the token is the caller's */
    arena_release(&a);
    return rc;
}

enum kerr_code cw_token_revoke(struct store *s, const struct actor *who, int64_t id,
                               struct cw_err *err)
{
    enum kerr_code rc = may(s, who, 0, "token-revoke", err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_token_revoke(s, id, who->now, &err->e);
    char detail[32];
    snprintf(detail, sizeof detail, "token %lld", (long long)id);
    return cw_commit(s, who, rc, 0, "token-revoke", detail, &err->e);
}
