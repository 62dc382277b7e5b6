/*
 * Arena: memory with one owner and one release. A request, a CLI command or an import
 * batch allocates from its arena and frees everything in one arena_release() call.
 * Resources that are not memory (a prepared statement, a temporary file) are tied to the
 * arena with arena_defer() and closed, newest first, when it is released.
 *
 * Helpers that build strings take `struct arena *`; NULL means the heap (free() them).
 */
#ifndef KITH_CORE_ARENA_H
#define KITH_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;
struct arena_defer;

struct arena {
    struct arena_block *head;
    struct arena_defer *defers;
    size_t block_size; /* size of an ordinary block; larger requests get their own */
    size_t used;       /* bytes handed out, for limits and statistics */
    size_t limit;      /* 0 = none; past it arena_alloc_limited returns NULL */
};

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        NULL, NULL, 0, 0, 0                                                                        \
    }

void arena_init(struct arena *a, size_t block_size);
/* Run the deferred cleanups, free every block, and leave the arena ready for reuse. */
void arena_release(struct arena *a);

/* 16-byte aligned, uninitialised; aborts on exhaustion. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_zalloc(struct arena *a, size_t size);
/* Like arena_alloc but returns NULL instead of passing `a->limit`. */
void *arena_alloc_limited(struct arena *a, size_t size);

/* With a == NULL these allocate from the heap. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Call fn(data) when the arena is released; cleanups run newest first. */
void arena_defer(struct arena *a, void (*fn)(void *), void *data);

#endif
