/*
 * x25519_base.h — X25519(k, 9) by a fixed-base multiplication on the
 * twisted Edwards form of the curve (crypto level only).
 *
 * Curve25519 and edwards25519 are the same group (RFC 7748 section 4.1:
 * u = (1 + y) / (1 - y), and the base point u = 9 is y = 4/5, RFC 8032's
 * B).  A key pair's public half is k * B for a fixed B, so instead of the
 * 255 ladder steps of a variable point, k is cut into 64 signed 4-bit
 * digits and k * B summed from a table of precomputed multiples
 * (x25519_table.c): 64 mixed additions and 4 doublings, about a third of
 * the ladder's multiplications.  The shared secret (a peer's point) still
 * takes the ladder.  64-bit limbs only (GLASS_X25519_FE51); x25519.c
 * falls back to the ladder elsewhere.
 */
#ifndef GLASS_X25519_BASE_H
#define GLASS_X25519_BASE_H

#include <stdint.h>
#include "x25519_impl.h"

#if GLASS_X25519_FE51
#include "fe25519_51.h"

/* An affine point (x, y), kept as the three values a mixed addition
 * multiplies by ("extended coordinates with Z = 1", Hisil et al. 2008). */
typedef struct x25519_niels {
    fe51 ypx;       /* y + x */
    fe51 ymx;       /* y - x */
    fe51 xy2d;      /* 2 * d * x * y */
} x25519_niels;

/* [i][j] = (j + 1) * 256^i * B (generated: tests/tools/gen_x25519_table.py) */
extern const x25519_niels x25519_base_table[32][8];
#endif

/* out = X25519(scalar, 9), the same bytes as the ladder gives, in constant
 * time (no branch or memory index depends on the scalar).  A stub where
 * GLASS_X25519_FE51 is 0 (never called). */
void glass_x25519_base_edwards(uint8_t out[32], const uint8_t scalar[32]);

#endif /* GLASS_X25519_BASE_H */
