/*
 * The rule engine: DfE validation rules, registered per collection year, run over an
 * in-memory return (table.h), producing findings.
 *
 * A rule is one row of its return's rule table: the DfE code, error or query, a message
 * in plain words, the table and fields it concerns, for the 903 its stage, which optional
 * inputs it needs, and a small C function that reads the tables and reports rows. Rules
 * never change the return (it is const to them), so they can run in any order.
 *
 * Rule sets by year (the year ending 31 March; 2026 = 2025/26): a return kind lists its
 * years in order, each with the rules it adds or changes and the codes it deletes. The set
 * for year Y is the first year's rules, then each later year up to Y applied in turn: a
 * rule whose code is already in the set replaces it, a new code is added, a deleted code
 * goes. A year before the first uses the first; after the last, the last (ruleset_for
 * says which year it used, the caller says so to the user).
 *
 * Optional inputs (last year's return, postcode geography, Ofsted provider lists) are
 * passed in struct rinputs; a rule that needs one that is absent is not run, and is listed
 * as skipped with the reason.
 */
#ifndef KITH_DOMAIN_RET_RULE_H
#define KITH_DOMAIN_RET_RULE_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ret/table.h"

enum rule_severity { RULE_ERROR, RULE_QUERY };

/* Optional inputs a rule may need (a bit set). */
enum rule_needs {
    NEEDS_LAST_YEAR = 1 << 0, /* the previous year's return (--last-year) */
    NEEDS_POSTCODES = 1 << 1, /* postcode geography (kith postcodes import) */
    NEEDS_PROVIDERS = 1 << 2, /* Ofsted provider lists (kith providers import) */
};

struct rctx;

struct rule {
    const char *code; /* the DfE code: "8525Q", "103", "SW01" */
    enum rule_severity severity;
    int table;          /* the table (CIN module) the rule belongs to */
    int stage;          /* 903: 1 within a table, 2 across tables; CIN: 0 */
    unsigned needs;     /* enum rule_needs */
    const char *fields; /* the fields it concerns, ';'-separated, for listings */
    const char *message;
    void (*check)(struct rctx *c);
};

/* One collection year's changes to the set before it. */
struct rule_year {
    int year;
    const struct rule *rules; /* added or changed */
    int nrules;
    const char *const *deleted; /* codes, NULL-terminated, or NULL */
};

/* The rules of one kind for one year, in the order of their codes. */
struct ruleset {
    const struct ret_kind *kind;
    int year;  /* the year whose set this is */
    int asked; /* the year asked for (differs when outside the years kith knows) */
    const struct rule **rules;
    int n;
};

/* Build the set for `year`; release with ruleset_release. */
void ruleset_for(struct ruleset *s, const struct ret_kind *kind, int year);
void ruleset_release(struct ruleset *s);
/* The rule with `code` in the set, or NULL. */
const struct rule *ruleset_find(const struct ruleset *s, const char *code);

/* Optional inputs; NULL when not available. The structures belong to the modules that
 * load them. */
struct postcode_geo;
struct provider_list;
struct rinputs {
    const struct ret *last_year;
    const struct postcode_geo *postcodes;
    const struct provider_list *providers;
    const char *la; /* the local authority's ONS code (--la), or NULL */
};

/* One finding: a rule, and a row of a table (row -1: the return as a whole). `cols` is a
 * bit set of the columns at fault. */
struct finding {
    const struct rule *rule;
    int32_t row;
    int16_t table;
    uint64_t cols;
};

struct skipped {
    const struct rule *rule;
    const char *reason; /* "no previous year's return (--last-year)" */
};

struct findings {
    struct finding *v;
    size_t n, cap;
    struct skipped *skipped;
    size_t nskipped;
    const struct rule **ran; /* the rules that ran, in order */
    size_t nran;
    double read_seconds, rule_seconds; /* filled by whoever times the work */
};

void findings_init(struct findings *f);
void findings_release(struct findings *f);

/* What a rule's check function is given. */
struct rctx {
    const struct ret *r;
    const struct rinputs *in;
    const struct rule *rule;
    struct findings *out;
    const void *prep; /* the kind's shared data (ret_kind.prepare), or NULL */
};

/* Report row `row` of table `t` (-1: the whole return, no row), columns `cols`. */
void rule_flag(struct rctx *c, int t, int32_t row, uint64_t cols);
#define COL(c) (UINT64_C(1) << (c))

/* Run every rule of `set` over `r`. Findings are then sorted by rule code (as text, the
 * order the reference tools' reports use), table name and row, with repeats of one
 * (rule, table, row) merged. A large return has its rules run by two threads (rules only
 * read the return and the kind's shared data, and each thread keeps its own findings); the
 * findings are the same either way. */
void rules_run(const struct ruleset *set, const struct ret *r, const struct rinputs *in,
               struct findings *out);

/* Sort and merge; rules_run calls it, other producers of findings may too. */
void findings_sort(struct findings *f, const struct ret *r);

const char *rule_severity_name(enum rule_severity s);
/* Why a rule that needs `needs` cannot run with `in`, or NULL when it can. */
const char *rule_missing_input(unsigned needs, const struct rinputs *in);

#endif
