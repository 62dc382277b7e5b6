/*
 * Block arena (see arena.h). Small requests are carved from the newest block; a
 * request bigger than a quarter of a block gets a block of its own so that one large
 * allocation does not waste the rest of an ordinary block.
 */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t off;
    max_align_t data[];
};

struct arena_defer {
    struct arena_defer *next;
    void (*fn)(void *);
    void *data;
};

#define ARENA_ALIGN 16
#define ARENA_DEFAULT_BLOCK 16384

void arena_init(struct arena *a, size_t block_size)
{
    a->head = NULL;
    a->defers = NULL;
    a->block_size = block_size ? block_size : ARENA_DEFAULT_BLOCK;
    a->used = 0;
    a->limit = 0;
}

void arena_release(struct arena *a)
{
    while (a->defers) {
        struct arena_defer *d = a->defers;
        a->defers = d->next;
        d->fn(d->data); /* the record itself lives in a block, freed below */
    }
    while (a->head) {
        struct arena_block *b = a->head;
        a->head = b->next;
        free(b);
    }
    a->used = 0;
}

static void *arena_take(struct arena *a, size_t size)
{
    if (!a->block_size)
        a->block_size = ARENA_DEFAULT_BLOCK;
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size)
        rounded = SIZE_MAX; /* overflow: make the allocation fail loudly below */
    struct arena_block *b = a->head;
    if (!b || b->size - b->off < rounded) {
        size_t bsize = rounded > a->block_size / 4 ? rounded : a->block_size;
        if (bsize > SIZE_MAX - sizeof(struct arena_block))
            bsize = SIZE_MAX - sizeof(struct arena_block); /* xmalloc will abort */
        struct arena_block *nb = xmalloc(sizeof(struct arena_block) + bsize);
        nb->size = bsize;
        nb->off = 0;
        if (b && bsize != a->block_size) {
            /* keep carving from the current block: slot the big one behind it */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->off;
    b->off += rounded;
    a->used += rounded;
    return p;
}

void *arena_alloc(struct arena *a, size_t size) { return arena_take(a, size); }

void *arena_zalloc(struct arena *a, size_t size)
{
    void *p = arena_take(a, size);
    memset(p, 0, size);
    return p;
}

void *arena_alloc_limited(struct arena *a, size_t size)
{
    if (a->limit && (size > a->limit || a->used > a->limit - size))
        return NULL;
    return arena_take(a, size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (!a)
        return xstrndup(s, n);
    size_t len = strnlen(s, n);
    char *p = arena_take(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s) { return arena_strndup(a, s, SIZE_MAX); }

/* Formatted once into a buffer on the stack and copied: most strings built this way (a
 * link, a date, a name) are short, and measuring first formatted each twice, the larger
 * part of a page's rendering. A longer one is formatted again at its length. */
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        n = 0;
        small[0] = '\0';
    }
    char *p = a ? arena_take(a, (size_t)n + 1) : xmalloc((size_t)n + 1);
    if ((size_t)n < sizeof small)
        memcpy(p, small, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *data)
{
    struct arena_defer *d = arena_take(a, sizeof(*d));
    d->fn = fn;
    d->data = data;
    d->next = a->defers;
    a->defers = d;
}
