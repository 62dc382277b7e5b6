/*
 * Reserving room for a large output (see outfile.h). Linux's fallocate with KEEP_SIZE
 * allocates blocks past the end without changing what the file holds, so a reader or a
 * crash never sees bytes that were not written; ftruncate to the current size then frees the
 * blocks past the end that were reserved and not used. Both only when the stream is at the
 * end of a regular file, so nothing anyone else wrote is touched.
 */
#define _GNU_SOURCE /* fallocate */
#include "core/outfile.h"

#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

/* The stream's descriptor when it writes at the end of a regular file; -1 otherwise. */
static int at_end_of_file(FILE *f, off_t *at)
{
    struct stat st;
    int fd = fileno(f);
    if (fd < 0 || fflush(f) || fstat(fd, &st) || !S_ISREG(st.st_mode))
        return -1;
    *at = lseek(fd, 0, SEEK_CUR);
    return *at == st.st_size ? fd : -1;
}

void outfile_expect(FILE *f, uint64_t bytes)
{
#ifdef FALLOC_FL_KEEP_SIZE
    off_t at;
    int fd = at_end_of_file(f, &at);
    if (fd >= 0 && bytes > 0 && bytes < (uint64_t)INT64_MAX - (uint64_t)at)
        (void)fallocate(fd, FALLOC_FL_KEEP_SIZE, at, (off_t)bytes); /* a hint: may fail */
#else
    (void)f;
    (void)bytes;
#endif
}

void outfile_done(FILE *f)
{
    off_t at;
    int fd = at_end_of_file(f, &at);
    /* the same size: frees only the blocks past the end; failing, they stay reserved */
    if (fd >= 0 && ftruncate(fd, at) != 0)
        return;
}
