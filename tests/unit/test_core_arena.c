/* Arena: alignment, large blocks, strings, limits and deferred cleanups in order. */
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

static int order[8];
static int norder;
static void note(void *p) { order[norder++] = *(int *)p; }

static void allocations(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 256);
    for (int i = 1; i < 500; i++) {
        char *p = arena_alloc(&a, (size_t)i);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 'x', (size_t)i); /* ASan catches any overlap or overrun */
    }
    char *big = arena_zalloc(&a, 100000);
    assert_int_equal(big[99999], 0);
    char *small = arena_alloc(&a, 8); /* still served after a big block */
    assert_non_null(small);
    assert_string_equal(arena_strdup(&a, "hello"), "hello");
    assert_string_equal(arena_strndup(&a, "hello", 3), "hel");
    assert_string_equal(arena_printf(&a, "%s-%d", "child", 7), "child-7");
    char *heap = arena_printf(NULL, "%d", 12);
    assert_string_equal(heap, "12");
    free(heap);
    arena_release(&a);
    assert_null(a.head);
}

static void limits(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    a.limit = 1024;
    assert_non_null(arena_alloc_limited(&a, 1000));
    assert_null(arena_alloc_limited(&a, 100));
    assert_null(arena_alloc_limited(&a, SIZE_MAX));
    arena_release(&a);
}

static void defers_run_newest_first(void **state)
{
    (void)state;
    static int one = 1, two = 2, three = 3;
    struct arena a;
    arena_init(&a, 0);
    norder = 0;
    arena_defer(&a, note, &one);
    arena_defer(&a, note, &two);
    arena_defer(&a, note, &three);
    arena_release(&a);
    assert_int_equal(norder, 3);
    assert_int_equal(order[0], 3);
    assert_int_equal(order[2], 1);
    arena_release(&a); /* a second release is harmless */
    assert_int_equal(norder, 3);
}

/* A formatted string of every length around the stack buffer arena_vprintf formats into
 * first (256 bytes), and far past it, into an arena and onto the heap: whole, ended. */
static void printf_lengths(void **state)
{
    (void)state;
    static const size_t lengths[] = {0, 1, 254, 255, 256, 257, 511, 4000};
    char want[4001];
    struct arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        size_t n = lengths[i];
        for (size_t j = 0; j < n; j++)
            want[j] = (char)('a' + j % 26);
        want[n] = '\0';
        /* the text and a number after it, so the format's tail must be kept too */
        char *got = arena_printf(&a, "%s%d", want, 7);
        assert_int_equal(strlen(got), n + 1);
        assert_memory_equal(got, want, n);
        assert_int_equal(got[n], '7');
        char *heap = arena_printf(NULL, "%s%d", want, 7);
        assert_string_equal(heap, got);
        free(heap);
    }
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocations),
        cmocka_unit_test(limits),
        cmocka_unit_test(defers_run_newest_first),
        cmocka_unit_test(printf_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
