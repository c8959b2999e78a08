/*
 * fe25519_51.h — arithmetic in GF(p), p = 2^255 - 19 (RFC 7748 section 4.1),
 * with five 51-bit limbs in 64-bit words and 128-bit products.
 *
 * An element is f = f[0] + f[1]*2^51 + f[2]*2^102 + f[3]*2^153 + f[4]*2^204.
 * The limbs are not kept below 2^51 at all times; the bounds below are what
 * each function accepts and returns, and the ladder (x25519_ladder.h) only
 * combines functions so that every input stays inside them:
 *
 *   "reduced"  every limb < 2^51 + 2^15 (what mul, sq, mul_a24, frombytes
 *              return; frombytes even < 2^51)
 *   add:  reduced + reduced  -> limbs < 2^52 + 2^16
 *   sub:  reduced - reduced  -> computed as a + 2p - b, limbs < 2^53
 *   mul/sq accept limbs < 2^54: the largest column sum is then
 *         2^108 * (1 + 4*19) < 2^115, far below 2^128.
 *
 * Reduction uses 2^255 = 19 (mod p): a product limb of weight 2^(255+k)
 * is folded back into weight 2^k after multiplying it by 19.
 *
 * Only for compilers with unsigned __int128 (GCC and Clang on 64-bit
 * targets): included only by x25519_fe51.c when GLASS_X25519_FE51 is 1
 * (x25519_impl.h); fe25519_25.h is the portable fallback.  Everything is
 * constant-time: no branch or index depends on a limb value.
 */
#ifndef GLASS_FE25519_51_H
#define GLASS_FE25519_51_H

#include <stdint.h>

typedef unsigned __int128 glass_u128;
typedef uint64_t fe51[5];

#define FE51_MASK ((uint64_t)0x7ffffffffffff)   /* 2^51 - 1 */

static inline uint64_t fe51_load64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static inline void fe51_store64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static inline void fe51_copy(fe51 h, const fe51 f)
{
    for (int i = 0; i < 5; i++)
        h[i] = f[i];
}

/* h = small constant c (c < 2^51). */
static inline void fe51_set(fe51 h, uint64_t c)
{
    h[0] = c;
    h[1] = h[2] = h[3] = h[4] = 0;
}

/* RFC 7748 section 5, decodeUCoordinate: little-endian, the top bit (bit
 * 255) masked off.  Values from p to 2^255 - 1 (non-canonical) are kept
 * as they are: they are valid representatives of u mod p. */
static inline void fe51_frombytes(fe51 h, const uint8_t s[32])
{
    uint64_t w0 = fe51_load64(s), w1 = fe51_load64(s + 8);
    uint64_t w2 = fe51_load64(s + 16), w3 = fe51_load64(s + 24);
    h[0] = w0 & FE51_MASK;
    h[1] = ((w0 >> 51) | (w1 << 13)) & FE51_MASK;
    h[2] = ((w1 >> 38) | (w2 << 26)) & FE51_MASK;
    h[3] = ((w2 >> 25) | (w3 << 39)) & FE51_MASK;
    h[4] = (w3 >> 12) & FE51_MASK;   /* bit 255 dropped here */
}

/* RFC 7748 section 5, encodeUCoordinate: the unique value in [0, p),
 * little-endian.  Accepts limbs < 2^54. */
static inline void fe51_tobytes(uint8_t s[32], const fe51 f)
{
    uint64_t t[5], q;
    fe51_copy(t, f);
    /* Two carry passes bring every limb below 2^51 and the value below
     * 2^255 (the second pass carries at most 19 into t[0]). */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 4; i++) {
            t[i + 1] += t[i] >> 51;
            t[i] &= FE51_MASK;
        }
        t[0] += 19 * (t[4] >> 51);
        t[4] &= FE51_MASK;
    }
    /* Now 0 <= t < 2^255 < 2p: subtract p once if t >= p.  t >= p exactly
     * when t + 19 carries out of bit 255; q is that carry (0 or 1). */
    q = (t[0] + 19) >> 51;
    q = (t[1] + q) >> 51;
    q = (t[2] + q) >> 51;
    q = (t[3] + q) >> 51;
    q = (t[4] + q) >> 51;
    /* t - p = t + 19 - 2^255: add 19q, carry, drop bit 255. */
    t[0] += 19 * q;
    for (int i = 0; i < 4; i++) {
        t[i + 1] += t[i] >> 51;
        t[i] &= FE51_MASK;
    }
    t[4] &= FE51_MASK;
    fe51_store64(s,      t[0]        | (t[1] << 51));
    fe51_store64(s + 8,  (t[1] >> 13) | (t[2] << 38));
    fe51_store64(s + 16, (t[2] >> 26) | (t[3] << 25));
    fe51_store64(s + 24, (t[3] >> 39) | (t[4] << 12));
}

/* h = f + g, no carry (see the bounds at the top). */
static inline void fe51_add(fe51 h, const fe51 f, const fe51 g)
{
    for (int i = 0; i < 5; i++)
        h[i] = f[i] + g[i];
}

/* h = f - g, computed as f + 2p - g so that no limb goes negative; f and g
 * reduced.  2p in limbs: 2^52 - 38, then 2^52 - 2 four times. */
static inline void fe51_sub(fe51 h, const fe51 f, const fe51 g)
{
    h[0] = (f[0] + 0xfffffffffffdaULL) - g[0];
    h[1] = (f[1] + 0xffffffffffffeULL) - g[1];
    h[2] = (f[2] + 0xffffffffffffeULL) - g[2];
    h[3] = (f[3] + 0xffffffffffffeULL) - g[3];
    h[4] = (f[4] + 0xffffffffffffeULL) - g[4];
}

/* Carries five 128-bit column sums into a reduced element. */
static inline void fe51_carry(fe51 h, glass_u128 t0, glass_u128 t1, glass_u128 t2,
                              glass_u128 t3, glass_u128 t4)
{
    uint64_t r0, r1, r2, r3, r4, c;
    r0 = (uint64_t)t0 & FE51_MASK; t1 += (uint64_t)(t0 >> 51);
    r1 = (uint64_t)t1 & FE51_MASK; t2 += (uint64_t)(t1 >> 51);
    r2 = (uint64_t)t2 & FE51_MASK; t3 += (uint64_t)(t2 >> 51);
    r3 = (uint64_t)t3 & FE51_MASK; t4 += (uint64_t)(t3 >> 51);
    r4 = (uint64_t)t4 & FE51_MASK;
    /* The carry out of the top limb has weight 2^255 = 19 (mod p).  The
     * t4 column holds no factor 19: with inputs < 2^54 it is below
     * 5 * 2^108 + 2^64 < 2^111, so 19 * (t4 >> 51) < 2^64 - 2^51 and
     * adding it to r0 cannot overflow 64 bits. */
    r0 += 19 * (uint64_t)(t4 >> 51);
    c = r0 >> 51;
    r0 &= FE51_MASK;
    r1 += c;          /* c < 2^13: r1 < 2^51 + 2^13, "reduced" */
    h[0] = r0; h[1] = r1; h[2] = r2; h[3] = r3; h[4] = r4;
}

/* h = f * g: schoolbook 5x5 with the upper half folded by 19. */
static inline void fe51_mul(fe51 h, const fe51 f, const fe51 g)
{
    uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
    uint64_t g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4];
    uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    glass_u128 t0, t1, t2, t3, t4;

    t0 = (glass_u128)f0 * g0 + (glass_u128)f1 * g4_19 + (glass_u128)f2 * g3_19
       + (glass_u128)f3 * g2_19 + (glass_u128)f4 * g1_19;
    t1 = (glass_u128)f0 * g1 + (glass_u128)f1 * g0 + (glass_u128)f2 * g4_19
       + (glass_u128)f3 * g3_19 + (glass_u128)f4 * g2_19;
    t2 = (glass_u128)f0 * g2 + (glass_u128)f1 * g1 + (glass_u128)f2 * g0
       + (glass_u128)f3 * g4_19 + (glass_u128)f4 * g3_19;
    t3 = (glass_u128)f0 * g3 + (glass_u128)f1 * g2 + (glass_u128)f2 * g1
       + (glass_u128)f3 * g0 + (glass_u128)f4 * g4_19;
    t4 = (glass_u128)f0 * g4 + (glass_u128)f1 * g3 + (glass_u128)f2 * g2
       + (glass_u128)f3 * g1 + (glass_u128)f4 * g0;
    fe51_carry(h, t0, t1, t2, t3, t4);
}

/* h = f^2: the symmetric products computed once and doubled. */
static inline void fe51_sq(fe51 h, const fe51 f)
{
    uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
    uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1;
    uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;
    glass_u128 t0, t1, t2, t3, t4;

    t0 = (glass_u128)f0 * f0 + (glass_u128)(2 * f1) * f4_19 + (glass_u128)(2 * f2) * f3_19;
    t1 = (glass_u128)f0_2 * f1 + (glass_u128)(2 * f2) * f4_19 + (glass_u128)f3 * f3_19;
    t2 = (glass_u128)f0_2 * f2 + (glass_u128)f1 * f1 + (glass_u128)(2 * f3) * f4_19;
    t3 = (glass_u128)f0_2 * f3 + (glass_u128)f1_2 * f2 + (glass_u128)f4 * f4_19;
    t4 = (glass_u128)f0_2 * f4 + (glass_u128)f1_2 * f3 + (glass_u128)f2 * f2;
    fe51_carry(h, t0, t1, t2, t3, t4);
}

/* h = f * a24, a24 = (486662 - 2) / 4 = 121665 (RFC 7748 section 5). */
static inline void fe51_mul_a24(fe51 h, const fe51 f)
{
    const uint64_t a24 = 121665;
    fe51_carry(h, (glass_u128)f[0] * a24, (glass_u128)f[1] * a24,
               (glass_u128)f[2] * a24, (glass_u128)f[3] * a24,
               (glass_u128)f[4] * a24);
}

/* RFC 7748 section 5, cswap: exchanges f and g when swap is 1, leaves them
 * when it is 0, with the same instructions either way (mask arithmetic). */
static inline void fe51_cswap(fe51 f, fe51 g, uint64_t swap)
{
    uint64_t mask = (uint64_t)0 - swap;
    for (int i = 0; i < 5; i++) {
        uint64_t x = mask & (f[i] ^ g[i]);
        f[i] ^= x;
        g[i] ^= x;
    }
}

#endif /* GLASS_FE25519_51_H */
