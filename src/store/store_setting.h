/*
 * The council's settings and counters (domain/settings.h) in the store: one table, the
 * same SQL on both backends.
 */
#ifndef KITH_STORE_STORE_SETTING_H
#define KITH_STORE_STORE_SETTING_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct store;

/* The value of `name` from the arena, or NULL (and KITH_OK) when it was never set. */
enum kerr_code store_setting_get(struct store *s, const char *name, struct arena *a,
                                 const char **value, struct kerr *e);
/* Set `name` to `value` (inserted or replaced) at `now`. */
enum kerr_code store_setting_set(struct store *s, const char *name, const char *value, int64_t now,
                                 struct kerr *e);
/* Add one to counter `name` (from 0 when it has never counted) and give the new value: one
 * statement, so two processes counting at once get two numbers. */
enum kerr_code store_setting_next(struct store *s, const char *name, int64_t now, int64_t *out,
                                  struct kerr *e);

#endif
