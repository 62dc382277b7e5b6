/*
 * Writing validation findings: CSV (the agreed columns, one line per finding), JSON (the
 * findings, the rules run and the rules skipped) and a standalone HTML report grouped by
 * rule. All three take findings already sorted (rules_run sorts them).
 */
#ifndef KITH_REPORT_FINDINGS_OUT_H
#define KITH_REPORT_FINDINGS_OUT_H

#include <stdio.h>

#include "core/str.h"
#include "domain/ret/rule.h"

enum findings_format { FINDINGS_CSV, FINDINGS_JSON, FINDINGS_HTML };

/* Parse "csv", "json", "html"; false when none. */
bool findings_format_parse(const char *s, enum findings_format *out);

/* `source` names the input in the JSON and HTML ("fake_CIN_data.xml"). */
struct findings_doc {
    const struct ret *r;
    const struct ruleset *set;
    const struct findings *f;
    const char *source;
    /* When set, the writers hand what they have built so far to this stream every megabyte
     * or so and empty `out`, so that memory does not grow with the number of findings; the
     * caller writes what is left in `out` at the end. NULL: everything stays in `out`. */
    FILE *flush;
    /* Internal: findings_write's writer thread, which writes one megabyte to `flush` while
     * the next is being formatted. NULL: writes happen in line. */
    struct findings_writer *writer;
};

void findings_csv(struct str *out, const struct findings_doc *d);
void findings_json(struct str *out, const struct findings_doc *d);
void findings_html(struct str *out, const struct findings_doc *d);
void findings_write(struct str *out, enum findings_format fmt, const struct findings_doc *d);

/* The fields of a finding, sorted and ';'-separated ("CPPendDate;CPPstartDate"). */
void finding_fields(struct str *out, const struct ret *r, const struct finding *f);

#endif
