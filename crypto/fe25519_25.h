/*
 * fe25519_25.h — arithmetic in GF(p), p = 2^255 - 19 (RFC 7748 section 4.1),
 * with ten limbs of alternately 26 and 25 bits ("radix 2^25.5") in 32-bit
 * words and 64-bit products: the portable fallback for targets without a
 * 128-bit integer type.  fe25519_51.h is the fast path on 64-bit targets.
 *
 * Limb i has weight 2^w(i), w = 0, 26, 51, 77, 102, 128, 153, 179, 204, 230
 * (w(i) = ceil(25.5 i)); even limbs hold 26 bits, odd limbs 25.  Two facts
 * make the multiplication work:
 *   - w(i) + w(j) = w(i+j) + 1 when i and j are both odd, else w(i+j), so a
 *     product of two odd limbs is doubled;
 *   - w(k + 10) = w(k) + 255 and 2^255 = 19 (mod p), so a product landing
 *     at column k + 10 is multiplied by 19 and added to column k.
 *
 * Simpler than fast: every function returns a "reduced" element (even limbs
 * < 2^26 + 2^16, odd limbs < 2^25 + 2^16, i.e. every limb < 2^26.01), add
 * and sub included, so each function needs only that one input bound.  A
 * column of the product is then at most 10 * 2 * 19 * 2^52.02 < 2^61.3.
 * Constant-time: loops and branches depend only on limb positions.
 */
#ifndef GLASS_FE25519_25_H
#define GLASS_FE25519_25_H

#include <stdint.h>

typedef uint32_t fe25[10];

/* Bits per limb: 26 for even positions, 25 for odd ones. */
#define FE25_BITS(i) (26 - ((i) & 1))

static inline void fe25_copy(fe25 h, const fe25 f)
{
    for (int i = 0; i < 10; i++)
        h[i] = f[i];
}

static inline void fe25_set(fe25 h, uint32_t c)
{
    h[0] = c;
    for (int i = 1; i < 10; i++)
        h[i] = 0;
}

/* Carries 64-bit column sums t[0..9] (each < 2^62) into a reduced h. */
static inline void fe25_carry(fe25 h, uint64_t t[10])
{
    for (int i = 0; i < 9; i++) {
        t[i + 1] += t[i] >> FE25_BITS(i);
        t[i] &= ((uint64_t)1 << FE25_BITS(i)) - 1;
    }
    /* limb 9 overflows at weight 2^255 = 19 (mod p) */
    t[0] += 19 * (t[9] >> 25);
    t[9] &= ((uint64_t)1 << 25) - 1;
    t[1] += t[0] >> 26;
    t[0] &= ((uint64_t)1 << 26) - 1;
    for (int i = 0; i < 10; i++)
        h[i] = (uint32_t)t[i];
}

/* RFC 7748 section 5, decodeUCoordinate: little-endian, bit 255 masked,
 * non-canonical values kept.  Limb i is the 25/26 bits starting at bit
 * w(i); each fits a 32-bit window read from byte w(i)/8 (the last window,
 * bytes 28..31, stops at bit 254 after the mask). */
static inline void fe25_frombytes(fe25 h, const uint8_t s[32])
{
    static const uint8_t w[10] = { 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 };
    for (int i = 0; i < 10; i++) {
        const uint8_t *p = s + w[i] / 8;
        uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
                     (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        h[i] = (v >> (w[i] % 8)) & (((uint32_t)1 << FE25_BITS(i)) - 1);
    }
}

/* RFC 7748 section 5, encodeUCoordinate: the unique value in [0, p).
 * f is reduced, so 0 <= f < 2^256 - 38 = 2p and one conditional
 * subtraction of p suffices. */
static inline void fe25_tobytes(uint8_t s[32], const fe25 f)
{
    uint64_t t[10], q, acc = 0;
    int nbits = 0, pos = 0;

    for (int i = 0; i < 10; i++)
        t[i] = f[i];
    /* q = floor((f + 19) / 2^255): 1 exactly when f >= p.  The chain of
     * shifts propagates the carries of f + 19 without storing them. */
    q = (t[0] + 19) >> 26;
    for (int i = 1; i < 10; i++)
        q = (t[i] + q) >> FE25_BITS(i);
    /* f - q*p = f + 19q - q*2^255: add 19q, normalise every limb, and the
     * q*2^255 part is what sits above bit 24 of limb 9. */
    t[0] += 19 * q;
    for (int i = 0; i < 9; i++) {
        t[i + 1] += t[i] >> FE25_BITS(i);
        t[i] &= ((uint64_t)1 << FE25_BITS(i)) - 1;
    }
    t[9] &= ((uint64_t)1 << 25) - 1;
    /* pack 255 bits little-endian */
    for (int i = 0; i < 10; i++) {
        acc |= t[i] << nbits;
        nbits += FE25_BITS(i);
        while (nbits >= 8) {
            s[pos++] = (uint8_t)acc;
            acc >>= 8;
            nbits -= 8;
        }
    }
    s[pos] = (uint8_t)acc;     /* pos == 31: the last 7 bits */
}

/* h = f + g, then carried back to reduced. */
static inline void fe25_add(fe25 h, const fe25 f, const fe25 g)
{
    uint64_t t[10];
    for (int i = 0; i < 10; i++)
        t[i] = (uint64_t)f[i] + g[i];
    fe25_carry(h, t);
}

/* h = f - g as f + 2p - g (never negative for reduced g), carried.
 * 2p in limbs: 2^27 - 38, then 2^26 - 2 and 2^27 - 2 alternately. */
static inline void fe25_sub(fe25 h, const fe25 f, const fe25 g)
{
    uint64_t t[10];
    t[0] = (uint64_t)f[0] + 0x7ffffda - g[0];
    for (int i = 1; i < 10; i++)
        t[i] = (uint64_t)f[i] + ((i & 1) ? 0x3fffffe : 0x7fffffe) - g[i];
    fe25_carry(h, t);
}

/* h = f * g: schoolbook 10x10 (see the two facts at the top).  Column
 * i + j gets f[i] * g[j]; past column 9 it wraps to column i + j - 10 with
 * a factor 19, taken from g19 (19 * g[j] < 2^31 for reduced g). */
static inline void fe25_mul(fe25 h, const fe25 f, const fe25 g)
{
    uint64_t t[10] = { 0 };
    uint32_t g19[10];
    for (int j = 0; j < 10; j++)
        g19[j] = 19 * g[j];
    for (int i = 0; i < 10; i++) {
        uint64_t fi = f[i];
        for (int j = 0; j < 10 - i; j++)
            t[i + j] += (fi * g[j]) << (i & j & 1);      /* both odd: x2 */
        for (int j = 10 - i; j < 10; j++)
            t[i + j - 10] += (fi * g19[j]) << (i & j & 1);
    }
    fe25_carry(h, t);
}

/* h = f^2: as fe25_mul, but each product f[i] * f[j] with i < j is
 * computed once and doubled (55 products instead of 100).  The largest
 * term, 2 (pair) * 2 (both odd) * 19 * 2^52.02 < 2^58.3, and the column
 * sums stay below the bound of fe25_mul. */
static inline void fe25_sq(fe25 h, const fe25 f)
{
    uint64_t t[10] = { 0 };
    for (int i = 0; i < 10; i++) {
        uint64_t fi = f[i];
        for (int j = i; j < 10 - i; j++)
            t[i + j] += (fi * f[j]) << ((i & j & 1) + (i != j));
        for (int j = (i > 10 - i ? i : 10 - i); j < 10; j++)
            t[i + j - 10] += (19 * fi * f[j]) << ((i & j & 1) + (i != j));
    }
    fe25_carry(h, t);
}

/* h = f * a24, a24 = 121665 (RFC 7748 section 5). */
static inline void fe25_mul_a24(fe25 h, const fe25 f)
{
    uint64_t t[10];
    for (int i = 0; i < 10; i++)
        t[i] = (uint64_t)f[i] * 121665;
    fe25_carry(h, t);
}

/* RFC 7748 section 5, cswap in constant time (mask arithmetic). */
static inline void fe25_cswap(fe25 f, fe25 g, uint32_t swap)
{
    uint32_t mask = (uint32_t)0 - swap;
    for (int i = 0; i < 10; i++) {
        uint32_t x = mask & (f[i] ^ g[i]);
        f[i] ^= x;
        g[i] ^= x;
    }
}

#endif /* GLASS_FE25519_25_H */
