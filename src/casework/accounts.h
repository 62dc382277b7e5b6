/*
 * The accounts that sign in to the web service: adding one, disabling and enabling it,
 * and setting a new password, whether an administrator does it on /admin/users or the
 * operator with `kith user`. The rules are here once: who may (administrators and the
 * operator), what a username and a role are (domain/entities.c account_fields), the
 * password policy (domain/password.h), that an account and its password are one write,
 * that a new password ends the sessions under the old one, and that every change is an
 * audit row in its transaction. The carrier is casework.h's.
 */
#ifndef KITH_CASEWORK_ACCOUNTS_H
#define KITH_CASEWORK_ACCOUNTS_H

#include "casework/casework.h"

/* Whether `who` keeps the accounts: an administrator, or the operator. */
bool cw_may_keep_accounts(const struct actor *who);

/* Add account `u` (its username and role as read, e.g. with rec_set_text on
 * account_fields; role -1 when none was given) for the worker `worker` (a public id or a
 * registration; NULL or "" for none) with `password` (in the clear, checked against the
 * policy and stored only as its hash). Audited "user-add" with the username.
 * KITH_E_INVALID with each problem of the values in err->fields; KITH_E_CONFLICT, with
 * the username's problem in err->fields too, when another account has the name (in any
 * case); KITH_E_FORBIDDEN for anyone who does not keep the accounts (audited). Fills in
 * u->id, u->worker_id and u->created. */
enum kerr_code cw_account_add(struct store *s, const struct actor *who, struct user *u,
                              const char *worker, const char *password, struct cw_err *err);

/* Disable or enable the account named `username` (a disabled one is signed out everywhere
 * in the same write); audited "user-disable" or "user-enable". `out` gets the account (from
 * `a`). KITH_E_NOT_FOUND when there is no such account. */
enum kerr_code cw_account_set_disabled(struct store *s, const struct actor *who,
                                       const char *username, bool disabled, struct arena *a,
                                       struct user *out, struct cw_err *err);

/* Give the account named `username` the new password `password` (checked against the
 * policy) and end every session under the old one but session `keep` (an administrator
 * resetting their own stays signed in here; 0 for none), in one write audited
 * "user-reset". `out` as cw_account_set_disabled. */
enum kerr_code cw_account_reset_password(struct store *s, const struct actor *who,
                                         const char *username, const char *password, int64_t keep,
                                         struct arena *a, struct user *out, struct cw_err *err);

#endif
