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

#endif
