/*
 * A small seeded pseudo-random generator, for data that must come out the same for the same
 * seed on every run and every machine (the demo borough, test fixtures). Never for secrets
 * or identifiers that must not be guessed: those come from core/random.h.
 *
 * The generator is xoshiro256** (Blackman and Vigna), its state filled from the seed by
 * splitmix64. Everything is integer arithmetic on fixed-width types; doubles are built from
 * 53 bits and only compared, so results do not depend on the platform. Streams: seeding with
 * (seed, stream) gives independent sequences for independent parts of a job, so that a part
 * added later does not shift the numbers every other part draws.
 */
#ifndef KITH_CORE_RNG_H
#define KITH_CORE_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rng {
    uint64_t s[4];
};

/* One splitmix64 step: advances *state and returns a well-mixed 64-bit value. Also a good
 * hash of a counter, which is how rng_seed_stream() derives streams. */
uint64_t rng_splitmix(uint64_t *state);

void rng_seed(struct rng *r, uint64_t seed);
/* The generator for `stream` of `seed`: different streams give unrelated sequences. */
void rng_seed_stream(struct rng *r, uint64_t seed, uint64_t stream);

uint64_t rng_next(struct rng *r);
/* Uniform in [0, n), without modulo bias; n == 0 gives 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [lo, hi], inclusive; lo > hi gives lo. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);
/* Uniform in [0, 1), a multiple of 2^-53. */
double rng_double(struct rng *r);
/* True with probability `per_mille` / 1000 (0 never, 1000 always). */
bool rng_chance(struct rng *r, unsigned per_mille);

/* An index into `n` rows of `stride` bytes, chosen with the probability of each row's
 * uint32_t weight at byte `weight_off` against their sum. Rows of weight 0 are never chosen;
 * all weights 0 (or n == 0) gives 0. */
size_t rng_weighted(struct rng *r, const void *rows, size_t n, size_t stride, size_t weight_off);

/* rng_weighted over a whole array of `type` with a uint32_t member `field`. */
#define RNG_PICK(r, array, type, field)                                                            \
    rng_weighted((r), (array), sizeof(array) / sizeof((array)[0]), sizeof(type),                   \
                 offsetof(type, field))

/* A keyed bijection on `bits` bits (8..64): distinct inputs below 2^bits give distinct
 * outputs below 2^bits that look random. For ids that must be unique and repeatable. */
uint64_t rng_permute(uint64_t x, unsigned bits, const uint64_t key[2]);

#endif
