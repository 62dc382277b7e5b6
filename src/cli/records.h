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

/* A record's fields as options, named as its description names them (`--contact-date`
 * or `--contact_date`), for a command with CLI_FIELD_OPTS: the framework hands on each
 * "--name=value" it does not know. */
struct cli_fields {
    const struct field *fields;
    const char *const *only;    /* NULL-ended names that may be given; NULL: every field */
    const char *const *aliases; /* pairs, NULL-ended: a short option and its field's name */
    const char *const *extra;   /* options that are not fields (--reason), or NULL */
    const char **extra_v;       /* their values, in the order of `extra` */
    const char *what;           /* "contact": the record, in the message for no such field */
    const char *listed_by;      /* the command that lists the fields */
};
/* Set `rec`'s fields from the arguments: every value that cannot be read goes to
 * err->fields, each naming its field, and the first is the error (KITH_E_INVALID); an
 * option that is no field is a usage error naming the command that lists them. */
enum kerr_code cli_fields_set(struct cli *c, const struct cli_fields *how, void *rec, int argc,
                              char **argv, struct cw_err *err);
/* The fields as options, one per line: label, required, where the codes are listed, the
 * hint; only those named in `only` when it is not NULL. */
void cli_fields_print(struct cli *c, const struct field *fields, const char *const *only);

enum kerr_code cli_print_child(struct cli *c, const struct person *p);
void cli_print_children(struct cli *c, const struct person *people, size_t n);

#endif
