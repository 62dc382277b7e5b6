/*
 * The accounts' use cases (casework/accounts.h): the one place their rules are applied,
 * whether the change comes from /admin/users or `kith user`. Before this file each entry
 * point wrote its own transaction, and only the page wrote the audit row: a change made at
 * the command line left no trace.
 *
 * The password is hashed before the transaction opens: argon2id takes its time and its
 * memory on purpose, and no write should wait on it.
 */
#include "casework/accounts.h"

#include <string.h>

#include "casework/cw_impl.h"
#include "core/crypto.h"
#include "domain/entities.h"
#include "domain/password.h"
#include "store/store.h"

/* The form and the command line say "up to 64 characters"; the column holds 64 bytes, so
 * the use case also refuses a name of fewer characters but more bytes (below). */
_Static_assert(ACCOUNT_USERNAME_MAX == STORE_USERNAME_MAX,
               "account_fields' username limit is the store's column");

bool cw_may_keep_accounts(const struct actor *who)
{
    static const char *const roles[] = {"administrator", NULL};
    return !who->user_id || cw_role_in(who, roles);
}

static enum kerr_code refuse(struct store *s, const struct actor *who, const char *action,
                             struct cw_err *err)
{
    cw_audit(s, who, 0, action, "denied", NULL, true, NULL);
    return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role", "only administrators manage accounts");
}

/* The policy's verdict on the password, then its hash. */
static enum kerr_code hash_password(const char *password, const char *username,
                                    char hash[KCRYPTO_PWHASH_LEN], struct cw_err *err)
{
    enum kerr_code rc = password_check(password ? password : "", username, &err->e);
    return rc ? rc : kcrypto_password_hash(password, hash, &err->e);
}

enum kerr_code cw_account_add(struct store *s, const struct actor *who, struct user *u,
                              const char *worker, const char *password, struct cw_err *err)
{
    if (!cw_may_keep_accounts(who))
        return refuse(s, who, "user-add", err);
    struct field_ctx ctx = {.today = who->today};
    field_check(account_fields, u, &ctx, &err->fields);
    const struct field *name = field_find(account_fields, "username");
    if (u->username && !field_error_for(&err->fields, "username") &&
        strlen(u->username) > STORE_USERNAME_MAX)
        field_fail(&err->fields, name, -1, u->username, "is too long", "at most %d characters",
                   ACCOUNT_USERNAME_MAX);
    u->worker_id = 0;
    if (worker && *worker) {
        struct arena a = ARENA_INIT;
        struct worker w;
        enum kerr_code rc = store_worker_find(s, worker, &a, &w, &err->e);
        arena_release(&a);
        if (rc == KITH_E_NOT_FOUND)
            field_fail(&err->fields, &account_worker, -1, worker, "is not a worker kith knows",
                       NULL);
        else if (rc)
            return rc;
        else
            u->worker_id = w.id;
        kerr_clear(&err->e);
    }
    enum kerr_code rc = cw_values_result("account", err);
    char hash[KCRYPTO_PWHASH_LEN];
    if (!rc)
        rc = hash_password(password, u->username, hash, err);
    /* The account and its password are one write: no account is left without one. */
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    u->created = DATE_NONE;
    rc = store_user_add(s, u, &err->e);
    if (rc == KITH_E_CONFLICT && !strcmp(err->e.field, "username")) {
        field_fail(&err->fields, name, -1, u->username, "is already taken",
                   "a username no other account has");
        kerr_fail(&err->e, KITH_E_CONFLICT, "username", "%s", err->fields.items[0].msg);
    }
    if (!rc)
        rc = store_user_set_password(s, u->id, hash, &err->e);
    return cw_commit(s, who, rc, 0, "user-add", u->username, &err->e);
}

/* The account named `username`, for a change audited as `action`. */
static enum kerr_code account(struct store *s, const struct actor *who, const char *action,
                              const char *username, struct arena *a, struct user *out,
                              struct cw_err *err)
{
    if (!cw_may_keep_accounts(who))
        return refuse(s, who, action, err);
    return store_user_find(s, username ? username : "", a, out, &err->e);
}

enum kerr_code cw_account_set_disabled(struct store *s, const struct actor *who,
                                       const char *username, bool disabled, struct arena *a,
                                       struct user *out, struct cw_err *err)
{
    const char *action = disabled ? "user-disable" : "user-enable";
    enum kerr_code rc = account(s, who, action, username, a, out, err);
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_user_set_disabled(s, out->id, disabled, who->now, &err->e);
    if (!rc)
        out->disabled = disabled;
    return cw_commit(s, who, rc, 0, action, out->username, &err->e);
}

enum kerr_code cw_account_reset_password(struct store *s, const struct actor *who,
                                         const char *username, const char *password, int64_t keep,
                                         struct arena *a, struct user *out, struct cw_err *err)
{
    char hash[KCRYPTO_PWHASH_LEN];
    enum kerr_code rc = account(s, who, "user-reset", username, a, out, err);
    if (!rc)
        rc = hash_password(password, out->username, hash, err);
    /* The new password and the end of every session under the old one are one write: a
     * reset is what follows a password seen by someone else. */
    if (!rc)
        rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_user_set_password(s, out->id, hash, &err->e);
    if (!rc)
        rc = store_session_end_user(s, out->id, keep, who->now, &err->e);
    return cw_commit(s, who, rc, 0, "user-reset", out->username, &err->e);
}
