/*
 * x25519_impl.h — internal entry points of the two X25519 implementations
 * (crypto level only; the public API is include/glasstls/x25519.h).
 *
 * Both compute the full X25519 function of RFC 7748 section 5 (clamping,
 * u decoding, ladder, encoding); they differ only in the field arithmetic:
 *   glass_x25519_fe51  five 51-bit limbs, 128-bit products (fe25519_51.h),
 *                      real where the compiler has unsigned __int128, a
 *                      stub that is never called elsewhere;
 *   glass_x25519_fe25  ten 25.5-bit limbs, 64-bit products (fe25519_25.h),
 *                      portable, always present.
 * x25519.c uses the first when GLASS_X25519_FE51 is 1.  Both are exported
 * so that the tests can check each against the vectors and against each
 * other.
 */
#ifndef GLASS_X25519_IMPL_H
#define GLASS_X25519_IMPL_H

#include <stdint.h>

/* The one compile-time switch of X25519: 1 when the compiler has 128-bit
 * products, so x25519_fe51.c holds the 64-bit code.  Everything else reads
 * this constant (x25519.c through a plain `if`). */
#if defined(__SIZEOF_INT128__)
#define GLASS_X25519_FE51 1
#else
#define GLASS_X25519_FE51 0
#endif

void glass_x25519_fe51(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);
void glass_x25519_fe25(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);

#endif /* GLASS_X25519_IMPL_H */
