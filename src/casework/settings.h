/*
 * Setting the council's own facts (domain/settings.h): checked against the table, written
 * with its audit row, and read back for the returns that need them.
 */
#ifndef KITH_CASEWORK_SETTINGS_H
#define KITH_CASEWORK_SETTINGS_H

#include "casework/casework.h"

/* Set `name` to `value`. KITH_E_INVALID, naming "name" or "value", when there is no such
 * setting or the value is not what it must be; nothing is written then. */
enum kerr_code cw_setting_set(struct store *s, const struct actor *who, const char *name,
                              const char *value, struct cw_err *err);

/* Every setting's value in the order of setting_defs (NULL where unset), from `a`. */
enum kerr_code cw_settings_read(struct store *s, struct arena *a, const char ***values,
                                struct kerr *e);

#endif
