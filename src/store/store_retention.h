/*
 * Anonymising an application once its retention period has passed (casework/retention.h):
 * the application keeps its vacancy, stage and dates, for the pipeline's figures; its
 * personal details, its CV and the recruiters' notes go, from the record and from every
 * version its history kept.
 */
#ifndef KITH_STORE_STORE_RETENTION_H
#define KITH_STORE_STORE_RETENTION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct store;

/* Anonymise application `id` (inside the caller's transaction): its personal fields
 * emptied (its name read as "Anonymised applicant"), `note` as its version's reason, its
 * CV removed (`*had_cv` says whether there was one), and its history's versions stripped
 * of the same fields and their notes. */
enum kerr_code store_application_anonymise(struct store *s, int64_t id, const char *note,
                                           bool *had_cv, struct kerr *e);

#endif
