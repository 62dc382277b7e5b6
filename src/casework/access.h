/*
 * Who may see a child beyond their relationships, and how a program acts as an account:
 * restricting a child's record to an allow-list of accounts (R6) and lifting it, granting
 * one account sight of one child for a stated reason until a date and revoking it, and
 * the API tokens that act as their account. Each change is checked here and written with
 * its audit row (cw_audit) in one transaction; `kith access` and `kith token` read their
 * options and say what happened. They are the accounts' keepers' (casework/accounts.h).
 */
#ifndef KITH_CASEWORK_ACCESS_H
#define KITH_CASEWORK_ACCESS_H

#include "casework/casework.h"
#include "core/crypto.h"

/* Restrict child r->child_id (or replace its restriction) to the accounts named in
 * `allow` (`nallow` usernames, at least one), for reason code r->reason with
 * r->authoriser and r->review; audited "restrict" on the child. KITH_E_INVALID for a
 * reason that is no restriction-reason code, KITH_E_NOT_FOUND naming an account that does
 * not exist. r->allow and r->nallow are filled in from `a`. */
enum kerr_code cw_access_restrict(struct store *s, const struct actor *who, struct restriction *r,
                                  const char *const *allow, size_t nallow, struct arena *a,
                                  struct cw_err *err);

/* Lift child `child_id`'s restriction; audited "unrestrict". KITH_E_NOT_FOUND when it
 * has none. */
enum kerr_code cw_access_unrestrict(struct store *s, const struct actor *who, int64_t child_id,
                                    struct cw_err *err);

/* Let the account named `username` see child g->child_id for g->reason (required) until
 * g->expires (DATE_NONE: until revoked), granted by the actor; audited "grant" on the
 * child. Fills in g->id and g->user_id. */
enum kerr_code cw_access_grant(struct store *s, const struct actor *who, const char *username,
                               struct access_grant *g, struct cw_err *err);

/* Revoke grant `id` today; audited "revoke". KITH_E_NOT_FOUND when no such grant stands. */
enum kerr_code cw_access_revoke(struct store *s, const struct actor *who, int64_t id,
                                struct cw_err *err);

/* The life of a token unless it is given another, and the longest it may have: a token
 * forgotten in a script or on a laptop stops working by itself. */
#define TOKEN_DAYS_DEFAULT 90
#define TOKEN_DAYS_MAX 3650

/* A new API token for the account named `username` (not disabled), called `name` (NULL:
 * "api"), working until the end of day `last` UTC (DATE_NONE: TOKEN_DAYS_DEFAULT days,
 * today the first; not passed, and fewer than TOKEN_DAYS_MAX days ahead). The token
 * goes into `token`, to be shown once: only its digest is kept. Audited "token-add" with
 * the token's id and account. `out` gets the token's row, *last its last day. */
enum kerr_code cw_token_add(struct store *s, const struct actor *who, const char *username,
                            const char *name, kdate *last, char token[KCRYPTO_TOKEN_TEXT],
                            struct api_token *out, struct cw_err *err);

/* Revoke token `id` now; audited "token-revoke". */
enum kerr_code cw_token_revoke(struct store *s, const struct actor *who, int64_t id,
                               struct cw_err *err);

#endif
