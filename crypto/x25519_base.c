/*
 * x25519_base.c — X25519(k, 9) as k * B on edwards25519 (see
 * x25519_base.h): the fast path of key-pair generation, 64-bit limbs only.
 *
 * Points: extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z and
 * T = XY/Z (Hisil, Wong, Carter, Dawson, "Twisted Edwards curves
 * revisited", 2008); the curve is -x^2 + y^2 = 1 + d x^2 y^2 (RFC 8032
 * 5.1).  With a = -1 a square and d not one mod p, the addition law has
 * no exceptional cases: the identity and equal points need no branch.
 *
 * The scalar (clamped as RFC 7748 section 5 says) is written in base 16
 * with signed digits e[0..63] in [-8, 8]:
 *     k = sum of e[i] * 16^i,
 * and summed as 16 * (sum over odd i) + (sum over even i), where the
 * term of digits 2m and 2m + 1 uses the table row m (multiples of 256^m * B):
 * 32 + 32 table additions and 4 doublings.  Each table read scans the
 * whole row of 8 entries with masks; a negative digit takes the negated
 * entry (for an affine point -(x, y) = (-x, y): y + x and y - x swap,
 * 2dxy changes sign), also with masks.  So neither a branch nor an
 * address depends on the scalar.
 *
 * Bounds of the limbs (fe25519_51.h: mul and sq take limbs < 2^54): the
 * formulas below never feed mul/sq more than one add or sub of reduced
 * values, except sub4p, which subtracts a value below 2^53 and returns
 * limbs below 2^54; each use says which it is.
 */
#include "x25519_base.h"

#if GLASS_X25519_FE51
#include <string.h>

#include "glasstls/ct.h"

typedef fe51 fe;
#define fe_sq  fe51_sq
#define fe_mul fe51_mul
#include "x25519_invert.h"

typedef struct { fe51 X, Y, Z, T; } ge_ext;

/* h = f - g as f + 4p - g: for g with limbs below 2^53 (a sum of two
 * reduced values), where fe51_sub's 2p is not enough; f < 2^53 gives
 * h < 2^54.  4p in limbs: 2^53 - 76, then 2^53 - 4 four times. */
static inline void sub4p(fe51 h, const fe51 f, const fe51 g)
{
    h[0] = (f[0] + 0x1fffffffffffb4ULL) - g[0];
    for (int i = 1; i < 5; i++)
        h[i] = (f[i] + 0x1ffffffffffffcULL) - g[i];
}

/* f = g where mask is all-ones, unchanged where it is 0. */
static inline void fe_cmov(fe51 f, const fe51 g, uint64_t mask)
{
    for (int i = 0; i < 5; i++)
        f[i] ^= mask & (f[i] ^ g[i]);
}

/* r = p + q, q affine (madd-2008-hwcd-3 with Z2 = 1 and k = 2d folded into
 * the table):
 *   A = (Y1 - X1)(y2 - x2)   B = (Y1 + X1)(y2 + x2)   C = T1 * 2d x2 y2
 *   D = 2 Z1   E = B - A   F = D - C   G = D + C   H = B + A
 *   X3 = E F   Y3 = G H   Z3 = F G   T3 = E H */
static void ge_madd(ge_ext *r, const ge_ext *p, const x25519_niels *q)
{
    fe51 a, b, c, d, e, f, g, h;
    fe51_sub(a, p->Y, p->X);            /* < 2^53 */
    fe51_mul(a, a, q->ymx);
    fe51_add(b, p->Y, p->X);            /* < 2^53 */
    fe51_mul(b, b, q->ypx);
    fe51_mul(c, p->T, q->xy2d);         /* xy2d: reduced, or negated: < 2^53 */
    fe51_add(d, p->Z, p->Z);            /* < 2^52 + 2^16 */
    fe51_sub(e, b, a);
    fe51_sub(f, d, c);                  /* c reduced, d < 2^53: < 2^54 */
    fe51_add(g, d, c);                  /* < 2^53 */
    fe51_add(h, b, a);
    fe51_mul(r->X, e, f);
    fe51_mul(r->Y, g, h);
    fe51_mul(r->Z, f, g);
    fe51_mul(r->T, e, h);
}

/* r = 2p (dbl-2008-hwcd with a = -1, all four outputs negated, which is
 * the same projective point):
 *   XX = X1^2   YY = Y1^2   C = 2 Z1^2   S = (X1 + Y1)^2
 *   E = S - (XX + YY)   G = YY - XX   F = C - G   H = XX + YY
 *   X3 = E F   Y3 = G H   Z3 = F G   T3 = E H */
static void ge_dbl(ge_ext *r, const ge_ext *p)
{
    fe51 xx, yy, c, s, e, f, g, h;
    fe51_sq(xx, p->X);
    fe51_sq(yy, p->Y);
    fe51_sq(c, p->Z);
    fe51_add(c, c, c);                  /* < 2^52 + 2^16 */
    fe51_add(s, p->X, p->Y);
    fe51_sq(s, s);
    fe51_add(h, xx, yy);                /* < 2^53 */
    sub4p(e, s, h);                     /* < 2^54 */
    fe51_sub(g, yy, xx);                /* < 2^53 */
    sub4p(f, c, g);                     /* < 2^54 */
    fe51_mul(r->X, e, f);
    fe51_mul(r->Y, g, h);
    fe51_mul(r->Z, f, g);
    fe51_mul(r->T, e, h);
}

/* t = e * 256^row * B for a digit e in [-8, 8]: all 8 entries read, the
 * one wanted kept by mask (e = 0: the identity, y + x = y - x = 1,
 * 2dxy = 0), then negated by mask when e < 0. */
static void table_select(x25519_niels *t, int row, int8_t e)
{
    int ei = e;
    uint64_t neg = (uint32_t)ei >> 31;                   /* 1 when e < 0 */
    uint64_t mag = (uint64_t)(ei - 2 * (-(int)neg & ei)); /* |e| */
    fe51 minus, zero;
    fe51_set(t->ypx, 1);
    fe51_set(t->ymx, 1);
    fe51_set(t->xy2d, 0);
    for (uint64_t j = 0; j < 8; j++) {
        /* all-ones when mag == j + 1: (x - 1) >> 63 of x = mag ^ (j + 1) */
        uint64_t eq = 0 - (((mag ^ (j + 1)) - 1) >> 63);
        fe_cmov(t->ypx, x25519_base_table[row][j].ypx, eq);
        fe_cmov(t->ymx, x25519_base_table[row][j].ymx, eq);
        fe_cmov(t->xy2d, x25519_base_table[row][j].xy2d, eq);
    }
    uint64_t nmask = 0 - neg;
    fe51_cswap(t->ypx, t->ymx, neg);
    fe51_set(zero, 0);
    fe51_sub(minus, zero, t->xy2d);                      /* 2p - xy2d < 2^53 */
    fe_cmov(t->xy2d, minus, nmask);
}

/* Everything that depends on the scalar, to be wiped in one call. */
struct base_state {
    uint8_t k[32];
    int8_t e[64];
    ge_ext p;
    x25519_niels t;
    fe51 num, den;
};

void glass_x25519_base_edwards(uint8_t out[32], const uint8_t scalar[32])
{
    struct base_state s;

    /* RFC 7748 section 5, decodeScalar25519 (the ladder's clamping) */
    memcpy(s.k, scalar, 32);
    s.k[0] &= 248;
    s.k[31] &= 127;
    s.k[31] |= 64;

    /* signed digits: e[i] in [0, 15], then each above 7 lends 16 to the
     * next; k < 2^255 keeps the last one at most 8 */
    for (int i = 0; i < 32; i++) {
        s.e[2 * i] = (int8_t)(s.k[i] & 15);
        s.e[2 * i + 1] = (int8_t)(s.k[i] >> 4);
    }
    int8_t carry = 0;
    for (int i = 0; i < 63; i++) {
        s.e[i] = (int8_t)(s.e[i] + carry);
        carry = (int8_t)((s.e[i] + 8) >> 4);             /* e[i] + 8 >= 0 */
        s.e[i] = (int8_t)(s.e[i] - carry * 16);
    }
    s.e[63] = (int8_t)(s.e[63] + carry);

    /* the identity (0 : 1 : 1 : 0) */
    fe51_set(s.p.X, 0);
    fe51_set(s.p.Y, 1);
    fe51_set(s.p.Z, 1);
    fe51_set(s.p.T, 0);
    for (int i = 1; i < 64; i += 2) {                    /* odd digits */
        table_select(&s.t, i / 2, s.e[i]);
        ge_madd(&s.p, &s.p, &s.t);
    }
    for (int i = 0; i < 4; i++)                          /* times 16 */
        ge_dbl(&s.p, &s.p);
    for (int i = 0; i < 64; i += 2) {                    /* even digits */
        table_select(&s.t, i / 2, s.e[i]);
        ge_madd(&s.p, &s.p, &s.t);
    }

    /* u = (1 + y) / (1 - y) = (Z + Y) / (Z - Y) (RFC 7748 section 4.1);
     * Z - Y is never 0 (k * B is not the identity: k is not a multiple of
     * B's prime order), and were it 0, 1/0 = 0 as the ladder gives */
    fe51_add(s.num, s.p.Z, s.p.Y);
    fe51_sub(s.den, s.p.Z, s.p.Y);
    fe_invert(s.den, s.den);
    fe51_mul(s.num, s.num, s.den);
    fe51_tobytes(out, s.num);
    glass_wipe(&s, sizeof s);
}
#else
/* Stub, never called: without 128-bit integers x25519.c keeps the ladder. */
void glass_x25519_base_edwards(uint8_t out[32], const uint8_t scalar[32])
{
    (void)out; (void)scalar;
}
#endif
