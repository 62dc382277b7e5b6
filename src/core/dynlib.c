/*
 * dlopen and dlsym for the libraries kith loads on first use (dynlib.h). A function's
 * address comes back from dlsym as a void pointer; POSIX promises it converts to a
 * function pointer of the same size, and memcpy makes that conversion without the cast
 * ISO C does not define.
 */
#include "core/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(void *) == sizeof(void (*)(void)),
               "function pointers must be the size of data pointers (POSIX dlsym)");

bool dynlib_open(const char *soname, const char *env_override, const struct dynlib_sym *syms,
                 size_t n, void *table, char *why, size_t why_size)
{
    const char *name = env_override ? getenv(env_override) : NULL;
    if (!name || !*name)
        name = soname;
    /* RTLD_LOCAL: its symbols stay out of the global scope, so nothing else binds to them
     * by accident; RTLD_NOW: a library missing a function fails here, not mid-request */
    void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *err = dlerror();
        snprintf(why, why_size, "%s", err ? err : name);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        void *p = dlsym(h, syms[i].name);
        if (!p) {
            snprintf(why, why_size, "%s has no function %s", name, syms[i].name);
            dlclose(h);
            return false;
        }
        memcpy((char *)table + syms[i].offset, &p, sizeof p);
    }
    return true;
}
