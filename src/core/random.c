/*
 * random_bytes() reads the kernel's random generator directly on every call: no pool in
 * user space, so a forked process can never hand out the same bytes as its parent, and
 * the system call costs well under a microsecond, far below the cost of the insert that
 * needs the bytes.
 */
#include "core/random.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

void random_bytes(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "kith: fatal: no random bytes from the kernel: %s\n", strerror(errno));
            abort();
        }
        p += got;
        n -= (size_t)got;
    }
}
