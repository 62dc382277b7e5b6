/*
 * Small in-memory maps of postcode places and Ofsted providers (see refdata.h): records in
 * one array, found by an open-addressing hash of their key.
 */
#include "domain/refdata.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/codeset.h"

bool postcode_norm(const char *s, char *out)
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s == ' ')
            continue;
        if (!isalnum((unsigned char)*s) || n == POSTCODE_MAX)
            return false;
        out[n++] = (char)toupper((unsigned char)*s);
    }
    out[n] = '\0';
    return n > 0;
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

/* Every record starts with its key, a NUL-terminated string. */
static const char *key_of(const struct refmap *m, size_t i)
{
    return (const char *)m->v + i * m->size;
}

static uint32_t *slot(const struct refmap *m, const char *key)
{
    uint32_t mask = m->hcap - 1;
    for (uint32_t h = hash_str(key) & mask;; h = (h + 1) & mask)
        if (!m->hash[h] || !strcmp(key_of(m, m->hash[h] - 1), key))
            return &m->hash[h];
}

static void map_init(struct refmap *m, size_t size)
{
    memset(m, 0, sizeof(*m));
    m->size = size;
}

static void map_release(struct refmap *m)
{
    free(m->v);
    free(m->hash);
    memset(m, 0, sizeof(*m));
}

static void map_add(struct refmap *m, const void *rec)
{
    if ((m->n + 1) * 2 > m->hcap) {
        free(m->hash);
        m->hcap = m->hcap ? m->hcap * 2 : 256;
        m->hash = xcalloc(m->hcap, sizeof(uint32_t));
        for (size_t i = 0; i < m->n; i++)
            *slot(m, key_of(m, i)) = (uint32_t)i + 1;
    }
    uint32_t *s = slot(m, rec);
    if (*s) {
        memcpy((char *)m->v + (*s - 1) * m->size, rec, m->size);
        return;
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 256;
        m->v = xreallocarray(m->v, m->cap, m->size);
    }
    memcpy((char *)m->v + m->n * m->size, rec, m->size);
    *s = (uint32_t)++m->n;
}

static const void *map_find(const struct refmap *m, const char *key)
{
    if (!m->hcap)
        return NULL;
    uint32_t s = *slot(m, key);
    return s ? (const char *)m->v + (s - 1) * m->size : NULL;
}

void postcode_geo_init(struct postcode_geo *g) { map_init(&g->map, sizeof(struct postcode_place)); }
void postcode_geo_release(struct postcode_geo *g) { map_release(&g->map); }
void postcode_geo_add(struct postcode_geo *g, const struct postcode_place *p)
{
    map_add(&g->map, p);
}
size_t postcode_geo_count(const struct postcode_geo *g) { return g->map.n; }

const struct postcode_place *postcode_geo_find(const struct postcode_geo *g, const char *s)
{
    char key[POSTCODE_MAX + 1];
    if (!s || !postcode_norm(s, key))
        return NULL;
    return map_find(&g->map, key);
}

void provider_list_init(struct provider_list *l) { map_init(&l->map, sizeof(struct provider)); }
void provider_list_release(struct provider_list *l) { map_release(&l->map); }
static uint64_t code_bits(int codeset, const char *list)
{
    uint64_t bits = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, " ");
        int i = n ? code_index((enum codeset_id)codeset, p, n) : -1;
        if (i >= 0)
            bits |= (uint64_t)1 << i;
        p += n + (p[n] == ' ');
    }
    return bits;
}

void provider_list_add(struct provider_list *l, const struct provider *p)
{
    struct provider v = *p;
    v.places = code_bits(CS_903_PLACEMENT, v.place_codes);
    v.providers = code_bits(CS_903_PROVIDER, v.provider_codes);
    map_add(&l->map, &v);
}

void provider_codes_norm(int codeset, const char *s, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    while (*s) {
        size_t k = strcspn(s, " ,/;|");
        if (k && code_index((enum codeset_id)codeset, s, k) >= 0 && n + k + 2 <= size) {
            if (n)
                out[n++] = ' ';
            memcpy(out + n, s, k);
            n += k;
            out[n] = '\0';
        }
        s += k;
        s += strspn(s, " ,/;|");
    }
}
size_t provider_list_count(const struct provider_list *l) { return l->map.n; }

const struct provider *provider_list_find(const struct provider_list *l, const char *urn)
{
    return urn ? map_find(&l->map, urn) : NULL;
}
