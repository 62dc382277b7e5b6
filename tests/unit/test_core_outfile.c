/*
 * Reserving room for a large output (core/outfile.h): a reservation never changes what the
 * file holds, what was not written is given back at the end, and a stream that is not at the
 * end of a regular file (a pipe, a file being overwritten in the middle) is left alone.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/outfile.h"

#define MB (1024 * 1024)

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/kith-outfile-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static struct stat stat_of(void)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st;
}

static void write_mb(FILE *f, int n)
{
    static char block[MB];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < n; i++)
        assert_int_equal(fwrite(block, 1, sizeof block, f), sizeof block);
}

static void reserved_room_is_given_back(void **state)
{
    (void)state;
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("head\n", f);
    outfile_expect(f, 64 * MB);
    assert_int_equal(stat_of().st_size, 5); /* buffered "head" written; nothing added */
    write_mb(f, 2);
    outfile_done(f);
    struct stat st = stat_of();
    assert_int_equal(st.st_size, 5 + 2 * MB);
    /* the blocks: what was written, not the 64 MB reserved (a little slack for metadata) */
    assert_true((long long)st.st_blocks * 512 < 3LL * MB);
    assert_int_equal(fclose(f), 0);
}

static void a_file_written_in_the_middle_is_left_alone(void **state)
{
    (void)state;
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    write_mb(f, 2);
    assert_int_equal(fclose(f), 0);
    f = fopen(path, "r+"); /* at the start of 2 MB: not appending */
    assert_non_null(f);
    fputs("new", f);
    outfile_expect(f, 64 * MB);
    outfile_done(f); /* must not cut the file at 3 bytes */
    assert_int_equal(fclose(f), 0);
    struct stat st = stat_of();
    assert_int_equal(st.st_size, 2 * MB);
    assert_true((long long)st.st_blocks * 512 < 3LL * MB);
}

static void a_pipe_is_left_alone(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    FILE *f = fdopen(fds[1], "w");
    assert_non_null(f);
    outfile_expect(f, 64 * MB);
    fputs("through", f);
    outfile_done(f);
    assert_int_equal(fclose(f), 0);
    char buf[16] = {0};
    assert_int_equal(read(fds[0], buf, sizeof buf - 1), 7);
    assert_string_equal(buf, "through");
    close(fds[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reserved_room_is_given_back, setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_written_in_the_middle_is_left_alone, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_pipe_is_left_alone, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
