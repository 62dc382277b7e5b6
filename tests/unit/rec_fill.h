/* A record of any described type filled as a person types it: "field=value" strings,
 * each through rec_set_text (dates absent unless given). For table-driven tests of record
 * types' rules; a case naming a field its type does not have fails the test. */
#ifndef KITH_TESTS_REC_FILL_H
#define KITH_TESTS_REC_FILL_H

#include <stdio.h>
#include <string.h>

#include "domain/rec.h"

static inline void *rec_fill(const struct rec_type *t, const char *const *values, size_t nvalues,
                             struct arena *a, struct field_errors *errs)
{
    void *rec = arena_zalloc(a, t->size);
    struct field_errors ignored = {0};
    for (const struct field *f = t->fields; f->name; f++)
        if (f->type == FIELD_DATE)
            rec_set_text(f, rec, NULL, a, &ignored);
    for (size_t v = 0; v < nvalues && values[v]; v++) {
        char name[48];
        const char *eq = strchr(values[v], '=');
        snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - values[v]) : 0, values[v]);
        int k = rec_field_index(t, name);
        if (k < 0)
            fail_msg("%s has no field '%s'", t->name, name);
        rec_set_text(&t->fields[k], rec, eq + 1, a, errs);
    }
    return rec;
}

/* One case of a type's own rules: a record as typed, "field=value" each, and the field
 * it must be refused on with a part of the message (`says`; NULL: any message), or no
 * field when it passes. */
struct rec_rule_case {
    const char *type;
    const char *values[14];
    const char *field;
    const char *says;
};

/* Run `n` cases through rec_check as of `today`, failing the test on the first wrong one. */
static inline void rec_rule_cases(const struct rec_rule_case *cases, size_t n, kdate today)
{
    struct arena a;
    arena_init(&a, 0);
    struct field_ctx ctx = {.year = 0, .today = today};
    for (size_t i = 0; i < n; i++) {
        const struct rec_rule_case *c = &cases[i];
        const struct rec_type *t = rec_type_named(c->type);
        if (!t)
            fail_msg("case %zu: no type %s", i, c->type);
        struct field_errors errs = {0};
        void *rec = rec_fill(t, c->values, sizeof c->values / sizeof c->values[0], &a, &errs);
        rec_check(t, rec, &ctx, &errs);
        if (!c->field) {
            if (errs.n)
                fail_msg("case %zu (%s): expected to pass, got: %s", i, c->type, errs.items[0].msg);
            continue;
        }
        const struct field_error *fe = field_error_for(&errs, c->field);
        if (!fe)
            fail_msg("case %zu (%s): expected %s refused, got %zu other errors%s%s", i, c->type,
                     c->field, errs.n, errs.n ? ": " : "", errs.n ? errs.items[0].msg : "");
        if (c->says && !strstr(fe->msg, c->says))
            fail_msg("case %zu (%s): '%s' does not say '%s'", i, c->type, fe->msg, c->says);
    }
    arena_release(&a);
}

#endif
