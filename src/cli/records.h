/*
 * What the record commands (child, note, team, worker, access, audit) share: resolving a
 * reference typed by a person to a record, paging options,
 * the operator's audit rows, and the plain-text layouts of records.
 */
#ifndef KITH_CLI_RECORDS_H
#define KITH_CLI_RECORDS_H

#include <stdint.h>

#include "casework/casework.h"
#include "cli/cli.h"
#include "domain/record.h"

/* --limit/--offset as given (0 = not given) into a store query's limit/offset. */
enum kerr_code cli_page(struct cli *c, long limit, long offset, size_t *qlimit, size_t *qoffset);
enum kerr_code cli_worker_id(struct cli *c, const char *ref, int64_t *id);
enum kerr_code cli_team_id(struct cli *c, const char *ref, int64_t *id);
enum kerr_code cli_child_id(struct cli *c, const char *ref, int64_t *id);

/* "cli:<login>": who the audit trail names for work done at the command line. */
const char *cli_operator(struct cli *c);
/* The operator at the command line as the use cases' actor (casework.h): unscoped, and
 * named in the audit trail as cli_operator(). */
struct actor cli_actor(struct cli *c);
/* A use case's refusal for the command line: with more than one field at fault, each on
 * its own line (named `prefix` and the field: "--" for options), then the error itself for
 * the framework to print. Returns rc. */
struct cw_err;
enum kerr_code cli_refused(struct cli *c, enum kerr_code rc, const struct cw_err *err,
                           const char *prefix);
/* Write `s` to `path` whole or not at all: into a file beside it, then renamed over it, so
 * a reader never sees half a return. KITH_E_IO naming the file when it cannot. */
struct str;
enum kerr_code cli_write_whole(struct cli *c, const char *path, const struct str *s);
/* A date as dd/mm/yyyy in the command's arena. */
const char *cli_date(struct cli *c, kdate d);

enum kerr_code cli_print_child(struct cli *c, const struct person *p);
void cli_print_children(struct cli *c, const struct person *people, size_t n);

#endif
