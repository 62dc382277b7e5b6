/*
 * Checked allocation. Running out of memory is fatal in kith: the wrappers print one
 * line and abort, so callers never carry an out-of-memory path. Limits on *input* are a
 * different matter and stay recoverable (KITH_E_TOO_LARGE), see str.h and arena.h.
 */
#ifndef KITH_CORE_XALLOC_H
#define KITH_CORE_XALLOC_H

#include <stddef.h>

/* returns_nonnull tells the compiler and static analysers what the abort guarantees. */
#define XALLOC_ATTR __attribute__((returns_nonnull, warn_unused_result))

void *xmalloc(size_t size) XALLOC_ATTR;
void *xcalloc(size_t n, size_t size) XALLOC_ATTR;
void *xrealloc(void *p, size_t size) XALLOC_ATTR;
/* xreallocarray fails (aborts) on n * size overflow as well as on exhaustion. */
void *xreallocarray(void *p, size_t n, size_t size) XALLOC_ATTR;
char *xstrdup(const char *s) XALLOC_ATTR;
char *xstrndup(const char *s, size_t n) XALLOC_ATTR;

#endif
