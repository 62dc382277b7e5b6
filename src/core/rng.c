/*
 * Seeded pseudo-random numbers (see rng.h): splitmix64 to seed, xoshiro256** to draw,
 * rejection to keep ranges unbiased, and a keyed 60-bit bijection for repeatable unique ids.
 */
#include "core/rng.h"

#include <string.h>

uint64_t rng_splitmix(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = rng_splitmix(&st);
    /* xoshiro's one bad state is all zeros; splitmix cannot give four zeros in a row, but
     * say so in code rather than in a proof. */
    if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
        r->s[0] = 1;
}

void rng_seed_stream(struct rng *r, uint64_t seed, uint64_t stream)
{
    /* Hash the stream number before combining so that neighbouring streams of neighbouring
     * seeds (seed 1 stream 2, seed 2 stream 1) do not collide. */
    uint64_t h = stream ^ UINT64_C(0x6a09e667f3bcc909);
    uint64_t mixed = rng_splitmix(&h);
    rng_seed(r, seed ^ mixed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    /* Values below 2^64 mod n would make the low residues more likely: draw again. */
    uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t x = rng_next(r);
        if (x >= threshold)
            return x % n;
    }
}

int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
    if (lo >= hi)
        return lo;
    uint64_t span = (uint64_t)hi - (uint64_t)lo + 1; /* 0 when the range is all of int64 */
    uint64_t x = span ? rng_below(r, span) : rng_next(r);
    return (int64_t)((uint64_t)lo + x);
}

double rng_double(struct rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }

bool rng_chance(struct rng *r, unsigned per_mille) { return rng_below(r, 1000) < per_mille; }

size_t rng_weighted(struct rng *r, const void *rows, size_t n, size_t stride, size_t weight_off)
{
    const char *p = rows;
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t w;
        memcpy(&w, p + i * stride + weight_off, sizeof(w));
        total += w;
    }
    if (total == 0)
        return 0;
    uint64_t x = rng_below(r, total);
    for (size_t i = 0; i < n; i++) {
        uint32_t w;
        memcpy(&w, p + i * stride + weight_off, sizeof(w));
        if (x < w)
            return i;
        x -= w;
    }
    return n - 1; /* not reached: x < total */
}

uint64_t rng_permute(uint64_t x, unsigned bits, const uint64_t key[2])
{
    /* Each step is a bijection of the space of `bits` bits: xor with a constant,
     * multiplication by an odd number modulo 2^bits, and x ^= x >> k (k >= 1), so the
     * composition is one too. Shifts are about half the width so every bit mixes. */
    uint64_t mask = bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    unsigned h = bits / 2 ? bits / 2 : 1, q = bits / 3 ? bits / 3 : 1;
    x = (x ^ key[0]) & mask;
    x = (x * UINT64_C(0xd6e8feb86659fd93)) & mask;
    x ^= x >> h;
    x = (x * UINT64_C(0x9e3779b97f4a7c15)) & mask;
    x ^= x >> q;
    x = (x ^ key[1]) & mask;
    x = (x * UINT64_C(0xbf58476d1ce4e5b9)) & mask;
    x ^= x >> h;
    x = (x * UINT64_C(0x94d049bb133111eb)) & mask;
    x ^= x >> q;
    return x;
}
