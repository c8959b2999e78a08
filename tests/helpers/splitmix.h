/*
 * splitmix.h — the tests' reproducible randomness: SplitMix64 (Steele,
 * Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014).  Not for secrets: it makes test inputs and the blinding values
 * of deterministic runs repeatable.  The one copy for tests/, test tools,
 * fuzz targets and constant-time checks (tests/test_helpers.c checks it).
 */
#ifndef GLASS_TESTS_SPLITMIX_H
#define GLASS_TESTS_SPLITMIX_H

#include <stddef.h>
#include <stdint.h>

/* The next 64-bit output; *state is the whole generator. */
uint64_t test_splitmix64(uint64_t *state);

/* A glass_rng_fn (glasstls/rsa.h) over it: ctx points to a uint64_t
 * state; one output byte per step.  Always succeeds (0). */
int test_splitmix_rng(void *ctx, uint8_t *out, size_t len);

#endif
