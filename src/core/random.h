/*
 * Unpredictable bytes from the kernel, for identifiers and tokens that must not be
 * guessed. Not for seeded, repeatable data (the demo generator has its own generator).
 */
#ifndef KITH_CORE_RANDOM_H
#define KITH_CORE_RANDOM_H

#include <stddef.h>

/* Fill `buf` with `n` bytes from getrandom(2). A kernel that cannot supply them is as
 * fatal as running out of memory: the process prints one line and aborts. */
void random_bytes(void *buf, size_t n);

#endif
