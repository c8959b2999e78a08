/*
 * ghash.c — GHASH, the universal hash of GCM (NIST SP 800-38D section 6.4),
 * in portable constant-time C.
 *
 * GHASH multiplies 128-bit blocks in GF(2^128) modulo
 * x^128 + x^7 + x^2 + x + 1 (SP 800-38D 6.3).  Textbook code walks the bits
 * of one operand with a branch, or looks up a table indexed by 4 or 8 bits of
 * data; both leak the secret hash key H through timing.  Here the carry-less
 * product is built from ordinary integer multiplications "with holes":
 *
 *   Keep only every 4th bit of each operand (x0 = x & 0x1111..., x1 = x &
 *   0x2222..., ...).  An integer product of two such values adds at most 15
 *   one-bits into any position below bit 60 (at most 16 from bit 60 up), so
 *   a carry never reaches the next position that matters, four bits higher:
 *   bit p of the integer product is the XOR (parity) of the bit products of
 *   column p.  Sixteen such products, masked and combined, give a 64x64 ->
 *   64-bit carry-less product; the upper half comes from the same routine on
 *   bit-reversed inputs.  Integer multiplication takes the same time whatever
 *   its operands on every CPU glasstls targets.
 *
 * Bit order (SP 800-38D 6.3): the leftmost bit of a block is the coefficient
 * of x^0.  Read as a big-endian 128-bit integer, coefficient x^i sits at bit
 * 127-i ("reflected"); multiplying two reflected integers gives the reflected
 * product shifted right by one, fixed by a one-bit shift before reduction.
 */
#include "glasstls/ct.h"
#include "aes_internal.h"

/* Low 64 bits of the carry-less product of x and y (see above). */
static inline uint64_t bmul64(uint64_t x, uint64_t y)
{
    const uint64_t m0 = 0x1111111111111111u, m1 = 0x2222222222222222u;
    const uint64_t m2 = 0x4444444444444444u, m3 = 0x8888888888888888u;
    uint64_t x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3;
    uint64_t y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3;
    /* zK collects the products whose bit classes add up to K mod 4 */
    uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}

static inline uint64_t rev64(uint64_t x)
{
    x = ((x >> 1) & 0x5555555555555555u) | ((x & 0x5555555555555555u) << 1);
    x = ((x >> 2) & 0x3333333333333333u) | ((x & 0x3333333333333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0F0F0F0F0Fu) | ((x & 0x0F0F0F0F0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FF00FF00FFu) | ((x & 0x00FF00FF00FF00FFu) << 8);
    x = ((x >> 16) & 0x0000FFFF0000FFFFu) | ((x & 0x0000FFFF0000FFFFu) << 16);
    return (x >> 32) | (x << 32);
}

static inline uint64_t be64(const uint8_t *p)
{
    uint64_t x = 0;
    for (int i = 0; i < 8; i++)
        x = x << 8 | p[i];
    return x;
}

static void put_be64(uint8_t *p, uint64_t x)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)x;
        x >>= 8;
    }
}

void glass_ghash_ct_init(uint64_t hp[6], const uint8_t H[16])
{
    hp[0] = be64(H);           /* high half */
    hp[1] = be64(H + 8);       /* low half */
    hp[2] = hp[0] ^ hp[1];     /* for the Karatsuba middle product */
    hp[3] = rev64(hp[0]);
    hp[4] = rev64(hp[1]);
    hp[5] = rev64(hp[2]);
}

/* (yh:yl) = (yh:yl) * H mod P, everything reflected. */
static inline void gf_mul(uint64_t *yh, uint64_t *yl, const uint64_t hp[6])
{
    uint64_t a = *yh, b = *yl, c = a ^ b;
    uint64_t ar = rev64(a), br = rev64(b), cr = rev64(c);
    /* Karatsuba: three 64x64 carry-less products, each as lo + hi halves;
     * the high half of x*y is rev(lo(rev x * rev y)) >> 1 (127-bit product). */
    uint64_t hh_lo = bmul64(a, hp[0]), hh_hi = rev64(bmul64(ar, hp[3])) >> 1;
    uint64_t ll_lo = bmul64(b, hp[1]), ll_hi = rev64(bmul64(br, hp[4])) >> 1;
    uint64_t mm_lo = bmul64(c, hp[2]), mm_hi = rev64(bmul64(cr, hp[5])) >> 1;
    mm_lo ^= hh_lo ^ ll_lo;
    mm_hi ^= hh_hi ^ ll_hi;
    /* 255-bit product p3:p2:p1:p0 = hh<<128 ^ mm<<64 ^ ll */
    uint64_t p3 = hh_hi, p2 = hh_lo ^ mm_hi, p1 = ll_hi ^ mm_lo, p0 = ll_lo;
    /* one-bit shift left turns the reflected 255-bit product into 256 bits
     * whose upper half is coefficients x^0..x^127, lower half x^128..x^255 */
    p3 = (p3 << 1) | (p2 >> 63);
    p2 = (p2 << 1) | (p1 >> 63);
    p1 = (p1 << 1) | (p0 >> 63);
    p0 <<= 1;
    /* Reduce the lower half B = p1:p0 (SP 800-38D 6.3's R = 11100001||0^120):
     * x^128 = 1 + x + x^2 + x^7, and "times x" is a right shift here.  The
     * bits pushed out by the shifts (degree >= 128) are folded once more (D). */
    uint64_t d = (p0 << 63) ^ (p0 << 62) ^ (p0 << 57);   /* D's upper word; lower is 0 */
    p1 ^= d;
    *yh = p3 ^ p1 ^ (p1 >> 1) ^ (p1 >> 2) ^ (p1 >> 7);
    *yl = p2 ^ p0 ^ (p0 >> 1) ^ (p0 >> 2) ^ (p0 >> 7)
             ^ (p1 << 63) ^ (p1 << 62) ^ (p1 << 57);
}

void glass_ghash_ct(const uint64_t hp[6], uint8_t y[16], const uint8_t *x, size_t nblocks)
{
    uint64_t yh = be64(y), yl = be64(y + 8);
    for (size_t i = 0; i < nblocks; i++, x += 16) {
        yh ^= be64(x);           /* SP 800-38D 6.4 step 4: Y_i = (Y_{i-1} xor X_i) . H */
        yl ^= be64(x + 8);
        gf_mul(&yh, &yl, hp);
    }
    put_be64(y, yh);
    put_be64(y + 8, yl);
}
