/*
 * x25519_ladder.h — the X25519 function of RFC 7748 section 5, written once
 * over an abstract field interface and included by each implementation
 * (x25519_fe51.c, x25519_fe25.c) after it has named its field functions:
 *
 *   fe                      the element type (an array of limbs)
 *   fe_set fe_copy          h = small constant, h = f
 *   fe_frombytes            decodeUCoordinate (bit 255 masked)
 *   fe_tobytes              encodeUCoordinate (canonical)
 *   fe_add fe_sub fe_mul fe_sq   field operations modulo p = 2^255 - 19
 *   fe_mul_a24              h = f * 121665
 *   fe_cswap                constant-time conditional swap
 *
 * Not a normal header: it defines static functions, so it must be included
 * exactly once per implementation file.  The inversion that ends the
 * ladder is x25519_invert.h (also used by x25519_base.c).
 */
#include <stdint.h>
#include <string.h>

#include "glasstls/ct.h"

#include "x25519_invert.h"

/* Everything the ladder touches that depends on the scalar, in one place
 * so that it can be wiped in one call. */
struct x25519_state {
    uint8_t k[32];
    fe x1, x2, z2, x3, z3;
    fe a, aa, b, bb, e, c, d, da, cb, t;
};

static void x25519_ladder(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32])
{
    struct x25519_state s;
    unsigned swap = 0;

    /* Section 5, decodeScalar25519: clear the 3 low bits (the scalar becomes
     * a multiple of the cofactor 8), clear bit 255 and set bit 254. */
    memcpy(s.k, scalar, 32);
    s.k[0] &= 248;
    s.k[31] &= 127;
    s.k[31] |= 64;

    /* Section 5: x_1 = u, x_2 = 1, z_2 = 0, x_3 = u, z_3 = 1. */
    fe_frombytes(s.x1, u);
    fe_set(s.x2, 1);
    fe_set(s.z2, 0);
    fe_copy(s.x3, s.x1);
    fe_set(s.z3, 1);

    /* Section 5: for t = bits-1 down to 0, bits = 255.  The loop and the
     * byte index depend only on t; the secret bit k_t only feeds the
     * masks of the conditional swaps. */
    for (int t = 254; t >= 0; t--) {
        unsigned k_t = (s.k[t >> 3] >> (t & 7)) & 1u;
        swap ^= k_t;
        fe_cswap(s.x2, s.x3, swap);
        fe_cswap(s.z2, s.z3, swap);
        swap = k_t;

        fe_add(s.a, s.x2, s.z2);        /* A  = x_2 + z_2 */
        fe_sq(s.aa, s.a);               /* AA = A^2 */
        fe_sub(s.b, s.x2, s.z2);        /* B  = x_2 - z_2 */
        fe_sq(s.bb, s.b);               /* BB = B^2 */
        fe_sub(s.e, s.aa, s.bb);        /* E  = AA - BB */
        fe_add(s.c, s.x3, s.z3);        /* C  = x_3 + z_3 */
        fe_sub(s.d, s.x3, s.z3);        /* D  = x_3 - z_3 */
        fe_mul(s.da, s.d, s.a);         /* DA = D * A */
        fe_mul(s.cb, s.c, s.b);         /* CB = C * B */
        fe_add(s.t, s.da, s.cb);
        fe_sq(s.x3, s.t);               /* x_3 = (DA + CB)^2 */
        fe_sub(s.t, s.da, s.cb);
        fe_sq(s.t, s.t);
        fe_mul(s.z3, s.x1, s.t);        /* z_3 = x_1 * (DA - CB)^2 */
        fe_mul(s.x2, s.aa, s.bb);       /* x_2 = AA * BB */
        fe_mul_a24(s.t, s.e);
        fe_add(s.t, s.aa, s.t);
        fe_mul(s.z2, s.e, s.t);         /* z_2 = E * (AA + a24 * E) */
    }
    /* Section 5: a last conditional swap, then x_2 * z_2^(p - 2). */
    fe_cswap(s.x2, s.x3, swap);
    fe_cswap(s.z2, s.z3, swap);
    fe_invert(s.z2, s.z2);
    fe_mul(s.x2, s.x2, s.z2);
    fe_tobytes(out, s.x2);

    glass_wipe(&s, sizeof s);
}
