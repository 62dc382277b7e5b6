/*
 * What the record commands (child, note, team, worker) share: resolving a reference
 * typed by a person to a record, paging options, the check of a record before it is
 * stored, and the plain-text layouts in which records are printed.
 */
#ifndef KITH_CLI_RECORDS_H
#define KITH_CLI_RECORDS_H

#include <stdint.h>

#include "cli/cli.h"
#include "domain/record.h"

/* Validate a person with the domain field rules; print every problem and fail. */
enum kerr_code cli_check_person(struct cli *c, const struct person *p);
/* --limit/--offset as given (0 = not given) into a store query's limit/offset. */
enum kerr_code cli_page(struct cli *c, long limit, long offset, size_t *qlimit, size_t *qoffset);
enum kerr_code cli_worker_id(struct cli *c, const char *ref, int64_t *id);
enum kerr_code cli_team_id(struct cli *c, const char *ref, int64_t *id);
enum kerr_code cli_child_id(struct cli *c, const char *ref, int64_t *id);

enum kerr_code cli_print_child(struct cli *c, const struct person *p);
void cli_print_children(struct cli *c, const struct person *people, size_t n);

#endif
