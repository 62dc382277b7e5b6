/*
 * The list of return kinds (see kinds.h). A new return adds its ret_kind here.
 */
#include "domain/ret/kinds.h"

#include <string.h>

#include "domain/ret/cin.h"
#include "domain/ret/ssda903.h"

const struct ret_kind *const ret_kinds[] = {
    &ret_kind_cin,
    &ret_kind_903,
    NULL,
};

const struct ret_kind *ret_kind_find(const char *name)
{
    for (int i = 0; ret_kinds[i]; i++)
        if (!strcmp(ret_kinds[i]->name, name))
            return ret_kinds[i];
    return NULL;
}

int ret_kind_first_year(const struct ret_kind *k) { return k->years[0].year; }
int ret_kind_last_year(const struct ret_kind *k) { return k->years[k->nyears - 1].year; }
