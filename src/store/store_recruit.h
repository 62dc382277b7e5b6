/*
 * What the recruitment back office reads and writes beyond the generic record operations
 * (store_rec.h): an application's CV, kept in the database beside it, and an application
 * found by its withdraw link's digest. A vacancy's applications are the generic list by
 * parent (an application's parent_id is its vacancy).
 */
#ifndef KITH_STORE_STORE_RECRUIT_H
#define KITH_STORE_STORE_RECRUIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct store;

/* Keep the CV of application `id` (inside the caller's transaction, with the application). */
enum kerr_code store_cv_put(struct store *s, int64_t application_id, const void *data, size_t len,
                            struct arena *a, struct kerr *e);
/* The CV's bytes and their digest (hex), from `a`; KITH_E_NOT_FOUND when there is none. */
enum kerr_code store_cv_get(struct store *s, int64_t application_id, struct arena *a,
                            const void **data, size_t *len, const char **digest, struct kerr *e);
/* Remove it (with its application, when applications are deleted). */
enum kerr_code store_cv_delete(struct store *s, int64_t application_id, struct kerr *e);
/* The row id of the application whose withdraw link has this digest; KITH_E_NOT_FOUND. */
enum kerr_code store_application_by_digest(struct store *s, const char *digest, int64_t *id,
                                           struct kerr *e);

#endif
