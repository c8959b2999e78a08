/*
 * gf128.c — the field GF(2^128) of GCM, in its reflected bit order
 * (gf128.h; NIST SP 800-38D 6.3 and 6.4).
 *
 * The multiplication is the specification's Algorithm 1, bit by bit, with
 * masks instead of branches: slow next to the library's table-free GHASH,
 * but short enough to check by eye against the text.
 */
#include "gf128.h"

#include <string.h>

/* R = 11100001 || 0^120: x^128 = x^7 + x^2 + x + 1, reflected */
#define GF128_R 0xE100000000000000ULL

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static void store_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

gf128 gf128_load(const uint8_t b[16])
{
    gf128 a = { load_be64(b), load_be64(b + 8) };
    return a;
}

void gf128_store(uint8_t b[16], gf128 a)
{
    store_be64(b, a.hi);
    store_be64(b + 8, a.lo);
}

gf128 gf128_add(gf128 a, gf128 b)
{
    gf128 r = { a.hi ^ b.hi, a.lo ^ b.lo };
    return r;
}

int gf128_is_zero(gf128 a)
{
    return (a.hi | a.lo) == 0;
}

int gf128_eq(gf128 a, gf128 b)
{
    return gf128_is_zero(gf128_add(a, b));
}

gf128 gf128_one(void)
{
    gf128 one = { 1ULL << 63, 0 };   /* bit 0 of the block: x^0 */
    return one;
}

/* Algorithm 1: walk the bits of x from x^0 up; v runs through y * x^i.
 * Multiplying v by x is a right shift; the bit that falls off the end
 * (x^127 * x = x^128) comes back as R. */
gf128 gf128_mul(gf128 x, gf128 y)
{
    gf128 z = { 0, 0 }, v = y;
    for (int i = 0; i < 128; i++) {
        uint64_t word = i < 64 ? x.hi : x.lo;
        uint64_t take = 0 - ((word >> (63 - (i & 63))) & 1);
        z.hi ^= v.hi & take;
        z.lo ^= v.lo & take;
        uint64_t carry = 0 - (v.lo & 1);
        v.lo = v.lo >> 1 | v.hi << 63;
        v.hi = (v.hi >> 1) ^ (GF128_R & carry);
    }
    return z;
}

/* The multiplicative group has 2^128 - 1 elements, so a^(2^128 - 2) is
 * 1/a: the product of a^(2^i) for i = 1 .. 127. */
gf128 gf128_inv(gf128 a)
{
    gf128 r = gf128_one(), s = a;
    for (int i = 1; i < 128; i++) {
        s = gf128_mul(s, s);
        r = gf128_mul(r, s);
    }
    return gf128_is_zero(a) ? a : r;
}

static gf128 absorb(gf128 y, gf128 h, const uint8_t *p, size_t len)
{
    while (len > 0) {
        uint8_t block[16] = { 0 };   /* the last block is padded with zeros */
        size_t n = len < 16 ? len : 16;
        memcpy(block, p, n);
        y = gf128_mul(gf128_add(y, gf128_load(block)), h);
        p += n;
        len -= n;
    }
    return y;
}

gf128 gf128_ghash(gf128 h, const uint8_t *aad, size_t aad_len, const uint8_t *ct,
                  size_t ct_len)
{
    gf128 y = { 0, 0 };
    y = absorb(y, h, aad, aad_len);
    y = absorb(y, h, ct, ct_len);
    gf128 lens = { (uint64_t)aad_len * 8, (uint64_t)ct_len * 8 };   /* in bits */
    return gf128_mul(gf128_add(y, lens), h);
}
