/*
 * Step-up and step-down between family help and a child in need's CIN episode (Families
 * First): one action each, one transaction, the two records linked both ways.
 *
 * Stepping up closes a family help episode as "stepped up" on the day of the referral it
 * becomes, and records that referral. Stepping down closes a CIN episode (its referral's
 * closure date and RC reason) and opens the family help episode the family goes on with.
 * Either both records are written, linked, each with its audit row, or nothing is.
 */
#ifndef KITH_CASEWORK_STEP_H
#define KITH_CASEWORK_STEP_H

#include "casework/casework.h"
#include "domain/family_help.h"
#include "domain/help.h"

/* Step the open family help episode `episode` (a public id) up into `ref`, a new
 * referral for the same child (its parent is set here). `version` is the episode's
 * version the person saw (0: whatever is stored). On success `ref` holds the referral as
 * stored. Refused (KITH_E_INVALID, the field named) when the episode is closed already or
 * the referral is dated before it started; KITH_E_CONFLICT when the episode changed. */
enum kerr_code cw_step_up(struct store *s, const struct actor *who, const char *episode,
                          int version, struct referral *ref, struct arena *a, struct cw_err *err);

/* Close the open CIN episode whose referral is `referral` (a public id) with `close` and
 * open `fh`, a new family help episode for the same child. `version` as for cw_step_up.
 * On success `fh` holds the episode as stored. */
enum kerr_code cw_step_down(struct store *s, const struct actor *who, const char *referral,
                            int version, const struct step_down *close, struct family_help *fh,
                            struct arena *a, struct cw_err *err);

/* Before record `rec` of type `t` is deleted (inside the deletion's transaction): each
 * record a step linked it to is corrected to name it no longer, audited, with `reason`.
 * Deleting the referral a step-up made reopens the family help episode the step closed,
 * since "stepped up" is a closure only the step makes; deleting the episode a step-down
 * opened leaves the referral's closure standing, since its RC reason was the person's. */
enum kerr_code cw_step_unlink(struct store *s, const struct actor *who, const struct rec_type *t,
                              const void *rec, const char *reason, struct arena *a,
                              struct cw_err *err);

#endif
