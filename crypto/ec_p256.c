/*
 * ec_p256.c — P-256 on 64-bit limbs: a field of four 64-bit limbs with
 * 128-bit products (unsigned __int128), a Montgomery reduction special to
 * P-256's p, inversion by a fixed addition chain, the complete formulas
 * of ec_point.c on these elements, Jacobian doublings, and the scalar
 * multiplications with signed 5-bit windows.  ec_point.c hands P-256 here when the curve's
 * `fast` flag is set (ec_curve_init sets it on builds with 64-bit limbs);
 * the general code of ec_point.c stays what P-384 uses, and what P-256
 * uses with the flag cleared (tests/test_ec.c runs both on the same
 * inputs).  Scalars modulo the group order n get a fixed four-limb
 * Montgomery multiplication too, for ECDSA's k^-1 and s^-1 (ecdsa.c).
 *
 * Representation.  A field element is x R mod p with R = 2^256, as four
 * little-endian 64-bit limbs, always fully reduced (below p).  That is the
 * same number the general code keeps for P-256 with 64-bit limbs (its R is
 * 2^(64*4) as well), so points pass between the two as they are.
 *
 * The reduction.  p = 2^256 - 2^224 + 2^192 + 2^96 - 1, so p = -1 mod 2^64
 * and -p^-1 = 1 mod 2^64: in Montgomery's reduction of a 512-bit product
 * t (four steps, each adding the multiple q p of p that clears the lowest
 * limb, then dropping that limb) the multiplier q is simply the lowest
 * limb, t0, with no multiplication.  And q p needs no general product:
 *     q p = q 2^256 - q 2^224 + q 2^192 + q 2^96 - q
 *         = q (2^64 - 2^32 + 1) 2^192 + q 2^96 - q,
 * so adding q p to t takes q off the lowest limb (leaving exactly 0,
 * since q = t0), adds q 2^96 (q << 32 into limb 1, q >> 32 into limb 2)
 * and the 128-bit product q p3 (p3 = 2^64 - 2^32 + 1, p's top limb) into
 * limbs 3 and 4.  After four such steps, t + Q p (Q < 2^256) is divisible
 * by 2^256, and the quotient is below (p^2 + 2^256 p) / 2^256 < 2p: one
 * conditional subtraction of p, done with masks, brings it below p.
 * (The NIST "fast reduction" of FIPS 186-4 D.2 instead folds the high
 * half back as sums of 32-bit words; written with signed 64-bit
 * accumulators it came out slower than this with gcc 12 in a quick
 * comparison.)
 *
 * Scalar multiplication k P (ECDH): Booth-recoded signed windows of 5
 * bits, digits in [-16, 16], so a table of 1P .. 16P serves 5 bits per
 * addition (51 additions and 255 doublings for 256 bits, against 64 and
 * 256 for the unsigned 4-bit window).  An entry is read by scanning all
 * sixteen with masks and negated with a mask, so neither the digit nor
 * its sign shows in an address or a branch; the number of windows is
 * fixed.  The additions use the complete formulas; the five doublings of
 * a window are done in Jacobian coordinates (point_double_n), which cost
 * less and are right for every point P-256 has, infinity included.
 * k G (key generation, signing) reads one entry per window from a table
 * of multiples of G for every window (ec_p256_table.c): 51 additions and
 * no doubling.  u1 G + u2 Q (verification) shares the doublings of both
 * scalars.
 *
 * Constant time: no branch and no memory index depends on a field value,
 * a scalar or a digit; loops run a fixed number of times.  Temporaries
 * are wiped.
 */
#include <string.h>

#include "ec_internal.h"
#include "glasstls/ct.h"

#if GLASS_LIMB_BITS == 64

typedef unsigned __int128 u128;
typedef uint64_t fe[4];         /* little-endian limbs, x R mod p, below p */

typedef struct p256_point {     /* projective (X : Y : Z), as ec_point */
    fe x, y, z;
} p256_point;

#define P256_INLINE static inline __attribute__((always_inline))

/* p, and the constants the code needs in Montgomery form (x R mod p):
 * 1, b, and R^2 mod p (to bring a plain number into Montgomery form).
 * ec_curve_init computes the same numbers from FIPS 186-4's (test_ec
 * checks the points, so a wrong constant fails every vector). */
static const fe P = { 0xffffffffffffffffu, 0x00000000ffffffffu, 0, 0xffffffff00000001u };
static const fe ONE = { 0x0000000000000001u, 0xffffffff00000000u,
                        0xffffffffffffffffu, 0x00000000fffffffeu };
static const fe B = { 0xd89cdf6229c4bddfu, 0xacf005cd78843090u,
                      0xe5a220abf7212ed6u, 0xdc30061d04874834u };
static const fe RR = { 0x0000000000000003u, 0xfffffffbffffffffu,
                       0xfffffffffffffffeu, 0x00000004fffffffdu };

/* The group order n, -n^-1 mod 2^64, R mod n (1 in Montgomery form) and
 * R^2 mod n. */
static const fe N = { 0xf3b9cac2fc632551u, 0xbce6faada7179e84u,
                      0xffffffffffffffffu, 0xffffffff00000000u };
static const uint64_t N0INV = 0xccd1c8aaee00bc4fu;
static const fe ONE_N = { 0x0c46353d039cdaafu, 0x4319055258e8617bu, 0, 0x00000000ffffffffu };
static const fe RR_N = { 0x83244c95be79eea2u, 0x4699799c49bd6fa6u,
                         0x2845b2392b6bec59u, 0x66e12d94f3d95620u };

/* ---- limb primitives ---- */

/* The carries are written as comparisons (a sum is below an addend
 * exactly when it wrapped) rather than as 128-bit sums: gcc 12 turns
 * these into add/adc and cmp/sbb, where the 128-bit form made it zero
 * and move the high halves around (a quarter more instructions in a
 * field multiplication). */

/* r = a + b + carry (carry 0 or 1); returns the carry out (0 or 1). */
P256_INLINE uint64_t addc(uint64_t *r, uint64_t a, uint64_t b, uint64_t carry)
{
    uint64_t s = a + b, out = s < a;
    s += carry;
    out += s < carry;
    *r = s;
    return out;
}

/* r = a - b - borrow (borrow 0 or 1); returns the borrow out (0 or 1). */
P256_INLINE uint64_t subb(uint64_t *r, uint64_t a, uint64_t b, uint64_t borrow)
{
    uint64_t d = a - b, out = a < b;
    *r = d - borrow;
    out += d < borrow;
    return out;
}

/* r = low half of a b + c + d; returns the high half (never overflows:
 * (2^64 - 1)^2 + 2 (2^64 - 1) = 2^128 - 1). */
P256_INLINE uint64_t mulc(uint64_t *r, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    u128 p = (u128)a * b;
    uint64_t lo = (uint64_t)p, hi = (uint64_t)(p >> 64);
    lo += c;
    hi += lo < c;
    lo += d;
    hi += lo < d;
    *r = lo;
    return hi;
}

/* r = (hi : t) - m when that is not negative, else t; for (hi : t) < 2m
 * with hi 0 or 1.  The choice is a mask, not a branch. */
P256_INLINE void sub_once(fe r, const uint64_t t[4], uint64_t hi, const fe m)
{
    uint64_t u[4], borrow = 0, keep;
    for (int i = 0; i < 4; i++)
        borrow = subb(&u[i], t[i], m[i], borrow);
    /* negative when the subtraction borrowed and there was no top bit */
    keep = glass_limb_barrier((uint64_t)0 - (borrow & (hi ^ 1)));
    for (int i = 0; i < 4; i++)
        r[i] = (t[i] & keep) | (u[i] & ~keep);
}

/* ---- the field GF(p) ---- */

P256_INLINE void fp_copy(fe r, const fe a)
{
    for (int i = 0; i < 4; i++)
        r[i] = a[i];
}

/* r = a + b mod p */
P256_INLINE void fp_add(fe r, const fe a, const fe b)
{
    uint64_t t[4], carry = 0;
    for (int i = 0; i < 4; i++)
        carry = addc(&t[i], a[i], b[i], carry);
    sub_once(r, t, carry, P);
}

/* r = a - b mod p: on a borrow, p is added back (masked). */
P256_INLINE void fp_sub(fe r, const fe a, const fe b)
{
    uint64_t t[4], borrow = 0, carry = 0, mask;
    for (int i = 0; i < 4; i++)
        borrow = subb(&t[i], a[i], b[i], borrow);
    mask = glass_limb_barrier((uint64_t)0 - borrow);
    for (int i = 0; i < 4; i++)
        carry = addc(&r[i], t[i], P[i] & mask, carry);
}

/* One Montgomery step of the reduction described at the top of the
 * file: q = x0, and q p added (x0 becomes 0 and is dropped).  The carry
 * out of x4 is kept in *top and added by the next step at its own x4,
 * which is this step's next limb up. */
P256_INLINE void reduce_step(uint64_t x0, uint64_t *x1, uint64_t *x2, uint64_t *x3,
                             uint64_t *x4, uint64_t *top)
{
    uint64_t q = x0, lo, hi, c;
    hi = mulc(&lo, q, P[3], 0, 0);              /* q p3, 128 bits */
    c = addc(x1, *x1, q << 32, 0);              /* q 2^96 at limbs 1-2 */
    c = addc(x2, *x2, q >> 32, c);
    c = addc(x3, *x3, lo, c);                   /* q p3 2^192 at limbs 3-4 */
    c = addc(x4, *x4, hi, c);
    c += addc(x4, *x4, *top, 0);                /* hi <= 2^64 - 2: c stays 0 or 1 */
    *top = c;
}

/* r = t / 2^256 mod p for t < p 2^256 (t[0..7]): four steps, each on
 * the limbs from the next one up, then one conditional subtraction:
 * t + Q p < 2p 2^256. */
P256_INLINE void fp_reduce(fe r, const uint64_t t[8])
{
    uint64_t t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3];
    uint64_t t4 = t[4], t5 = t[5], t6 = t[6], t7 = t[7], top = 0;
    reduce_step(t0, &t1, &t2, &t3, &t4, &top);
    reduce_step(t1, &t2, &t3, &t4, &t5, &top);
    reduce_step(t2, &t3, &t4, &t5, &t6, &top);
    reduce_step(t3, &t4, &t5, &t6, &t7, &top);
    sub_once(r, (const uint64_t[4]){ t4, t5, t6, t7 }, top, P);
}

/* r = a b / R mod p: the 512-bit product by rows, then the reduction. */
static void fp_mul(fe r, const fe a, const fe b)
{
    uint64_t t[8], c = 0;
    for (int j = 0; j < 4; j++)
        c = mulc(&t[j], a[j], b[0], 0, c);
    t[4] = c;
    for (int i = 1; i < 4; i++) {
        c = 0;
        for (int j = 0; j < 4; j++)
            c = mulc(&t[i + j], a[j], b[i], t[i + j], c);
        t[i + 4] = c;
    }
    fp_reduce(r, t);
}

/* r = a^2 / R mod p: the six products a_i a_j (i < j) once, doubled,
 * plus the four squares a_i^2: 10 multiplications instead of 16. */
static void fp_sqr(fe r, const fe a)
{
    uint64_t t[8] = { 0 }, c;
    for (int i = 0; i < 3; i++) {
        c = 0;
        for (int j = i + 1; j < 4; j++)
            c = mulc(&t[i + j], a[j], a[i], t[i + j], c);
        t[i + 4] = c;
    }
    for (int i = 7; i > 0; i--)                     /* 2 t (below 2^512) */
        t[i] = t[i] << 1 | t[i - 1] >> 63;
    t[0] <<= 1;
    c = 0;
    for (int i = 0; i < 4; i++) {                   /* + a_i^2 at limbs 2i, 2i+1 */
        uint64_t lo, hi = mulc(&lo, a[i], a[i], 0, 0);
        c = addc(&t[2 * i], t[2 * i], lo, c);
        c = addc(&t[2 * i + 1], t[2 * i + 1], hi, c);
    }
    fp_reduce(r, t);
}

/* r = a^(2^n) (n squarings). */
static void fp_sqr_n(fe r, const fe a, int n)
{
    fp_copy(r, a);
    for (int i = 0; i < n; i++)
        fp_sqr(r, r);
}

/* r = a^-1 = a^(p-2) (0 for a = 0), by a fixed addition chain: 255
 * squarings and 12 multiplications, the same for every a.  With
 * x_k = a^(2^k - 1) (k one bits):
 *     x2 = x1^2 x1, x3 = x2^2 x1, x6 = x3^(2^3) x3, x12 = x6^(2^6) x6,
 *     x15 = x12^(2^3) x3, x30 = x15^(2^15) x15, x32 = x30^(2^2) x2.
 * p - 2, from the top bit down, is 32 ones, 31 zeros, a one, 96 zeros,
 * 64 ones, 30 ones, then 0 1 (bits 255..224, 223..193, 192, 191..96,
 * 95..32, 31..2, 1..0):
 *     t = x32;  t = t^(2^32) x1;  t = t^(2^128) x32;  t = t^(2^32) x32;
 *     t = t^(2^30) x30;  t = t^(2^2) x1. */
static void fp_inv(fe r, const fe a)
{
    fe x2, x3, x6, x12, x15, x30, x32, t;
    fp_sqr(t, a);        fp_mul(x2, t, a);
    fp_sqr(t, x2);       fp_mul(x3, t, a);
    fp_sqr_n(t, x3, 3);  fp_mul(x6, t, x3);
    fp_sqr_n(t, x6, 6);  fp_mul(x12, t, x6);
    fp_sqr_n(t, x12, 3); fp_mul(x15, t, x3);
    fp_sqr_n(t, x15, 15); fp_mul(x30, t, x15);
    fp_sqr_n(t, x30, 2); fp_mul(x32, t, x2);
    fp_sqr_n(t, x32, 32);  fp_mul(t, t, a);
    fp_sqr_n(t, t, 128);   fp_mul(t, t, x32);
    fp_sqr_n(t, t, 32);    fp_mul(t, t, x32);
    fp_sqr_n(t, t, 30);    fp_mul(t, t, x30);
    fp_sqr_n(t, t, 2);     fp_mul(r, t, a);
    glass_wipe(x2, sizeof x2); glass_wipe(x3, sizeof x3); glass_wipe(x6, sizeof x6);
    glass_wipe(x12, sizeof x12); glass_wipe(x15, sizeof x15); glass_wipe(x30, sizeof x30);
    glass_wipe(x32, sizeof x32); glass_wipe(t, sizeof t);
}

/* Montgomery form -> 32 big-endian bytes: a / R = a * 1 / R. */
static void fp_to_bytes(uint8_t *out, const fe a)
{
    static const fe plain_one = { 1, 0, 0, 0 };
    fe t;
    fp_mul(t, a, plain_one);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            out[8 * (3 - i) + j] = (uint8_t)(t[i] >> (56 - 8 * j));
    glass_wipe(t, sizeof t);
}

/* ---- points ---- */

static void point_from_ec(p256_point *r, const ec_point *p)
{
    memcpy(r->x, EC_X(p), sizeof r->x);
    memcpy(r->y, EC_Y(p), sizeof r->y);
    memcpy(r->z, EC_Z(p), sizeof r->z);
}

static void point_to_ec(ec_point *r, const p256_point *p)
{
    memset(r, 0, sizeof *r);
    memcpy(EC_X(r), p->x, sizeof p->x);
    memcpy(EC_Y(r), p->y, sizeof p->y);
    memcpy(EC_Z(r), p->z, sizeof p->z);
}

/* Renes-Costello-Batina algorithm 4 (a = -3), step by step as
 * ec_point_add in ec_point.c; r may alias p or q (the result is built in
 * locals and written last). */
static void point_add(p256_point *r, const p256_point *p, const p256_point *q)
{
    struct { fe t0, t1, t2, t3, t4, X3, Y3, Z3; } v;
    const uint64_t *X1 = p->x, *Y1 = p->y, *Z1 = p->z;
    const uint64_t *X2 = q->x, *Y2 = q->y, *Z2 = q->z;

    fp_mul(v.t0, X1, X2);       /*  1. t0 = X1 * X2 */
    fp_mul(v.t1, Y1, Y2);       /*  2. t1 = Y1 * Y2 */
    fp_mul(v.t2, Z1, Z2);       /*  3. t2 = Z1 * Z2 */
    fp_add(v.t3, X1, Y1);       /*  4. t3 = X1 + Y1 */
    fp_add(v.t4, X2, Y2);       /*  5. t4 = X2 + Y2 */
    fp_mul(v.t3, v.t3, v.t4);   /*  6. t3 = t3 * t4 */
    fp_add(v.t4, v.t0, v.t1);   /*  7. t4 = t0 + t1 */
    fp_sub(v.t3, v.t3, v.t4);   /*  8. t3 = t3 - t4 */
    fp_add(v.t4, Y1, Z1);       /*  9. t4 = Y1 + Z1 */
    fp_add(v.X3, Y2, Z2);       /* 10. X3 = Y2 + Z2 */
    fp_mul(v.t4, v.t4, v.X3);   /* 11. t4 = t4 * X3 */
    fp_add(v.X3, v.t1, v.t2);   /* 12. X3 = t1 + t2 */
    fp_sub(v.t4, v.t4, v.X3);   /* 13. t4 = t4 - X3 */
    fp_add(v.X3, X1, Z1);       /* 14. X3 = X1 + Z1 */
    fp_add(v.Y3, X2, Z2);       /* 15. Y3 = X2 + Z2 */
    fp_mul(v.X3, v.X3, v.Y3);   /* 16. X3 = X3 * Y3 */
    fp_add(v.Y3, v.t0, v.t2);   /* 17. Y3 = t0 + t2 */
    fp_sub(v.Y3, v.X3, v.Y3);   /* 18. Y3 = X3 - Y3 */
    fp_mul(v.Z3, B, v.t2);      /* 19. Z3 = b * t2 */
    fp_sub(v.X3, v.Y3, v.Z3);   /* 20. X3 = Y3 - Z3 */
    fp_add(v.Z3, v.X3, v.X3);   /* 21. Z3 = X3 + X3 */
    fp_add(v.X3, v.X3, v.Z3);   /* 22. X3 = X3 + Z3 */
    fp_sub(v.Z3, v.t1, v.X3);   /* 23. Z3 = t1 - X3 */
    fp_add(v.X3, v.t1, v.X3);   /* 24. X3 = t1 + X3 */
    fp_mul(v.Y3, B, v.Y3);      /* 25. Y3 = b * Y3 */
    fp_add(v.t1, v.t2, v.t2);   /* 26. t1 = t2 + t2 */
    fp_add(v.t2, v.t1, v.t2);   /* 27. t2 = t1 + t2 */
    fp_sub(v.Y3, v.Y3, v.t2);   /* 28. Y3 = Y3 - t2 */
    fp_sub(v.Y3, v.Y3, v.t0);   /* 29. Y3 = Y3 - t0 */
    fp_add(v.t1, v.Y3, v.Y3);   /* 30. t1 = Y3 + Y3 */
    fp_add(v.Y3, v.t1, v.Y3);   /* 31. Y3 = t1 + Y3 */
    fp_add(v.t1, v.t0, v.t0);   /* 32. t1 = t0 + t0 */
    fp_add(v.t0, v.t1, v.t0);   /* 33. t0 = t1 + t0 */
    fp_sub(v.t0, v.t0, v.t2);   /* 34. t0 = t0 - t2 */
    fp_mul(v.t1, v.t4, v.Y3);   /* 35. t1 = t4 * Y3 */
    fp_mul(v.t2, v.t0, v.Y3);   /* 36. t2 = t0 * Y3 */
    fp_mul(v.Y3, v.X3, v.Z3);   /* 37. Y3 = X3 * Z3 */
    fp_add(v.Y3, v.Y3, v.t2);   /* 38. Y3 = Y3 + t2 */
    fp_mul(v.X3, v.X3, v.t3);   /* 39. X3 = X3 * t3 */
    fp_sub(v.X3, v.X3, v.t1);   /* 40. X3 = X3 - t1 */
    fp_mul(v.Z3, v.Z3, v.t4);   /* 41. Z3 = Z3 * t4 */
    fp_mul(v.t1, v.t3, v.t0);   /* 42. t1 = t3 * t0 */
    fp_add(v.Z3, v.Z3, v.t1);   /* 43. Z3 = Z3 + t1 */

    fp_copy(r->x, v.X3);
    fp_copy(r->y, v.Y3);
    fp_copy(r->z, v.Z3);
    glass_wipe(&v, sizeof v);
}

/* Algorithm 6 (a = -3), as ec_point_double; r may alias p. */
static void point_double(p256_point *r, const p256_point *p)
{
    struct { fe t0, t1, t2, t3, X3, Y3, Z3; } v;
    const uint64_t *X = p->x, *Y = p->y, *Z = p->z;

    fp_sqr(v.t0, X);            /*  1. t0 = X^2 */
    fp_sqr(v.t1, Y);            /*  2. t1 = Y^2 */
    fp_sqr(v.t2, Z);            /*  3. t2 = Z^2 */
    fp_mul(v.t3, X, Y);         /*  4. t3 = X * Y */
    fp_add(v.t3, v.t3, v.t3);   /*  5. t3 = t3 + t3 */
    fp_mul(v.Z3, X, Z);         /*  6. Z3 = X * Z */
    fp_add(v.Z3, v.Z3, v.Z3);   /*  7. Z3 = Z3 + Z3 */
    fp_mul(v.Y3, B, v.t2);      /*  8. Y3 = b * t2 */
    fp_sub(v.Y3, v.Y3, v.Z3);   /*  9. Y3 = Y3 - Z3 */
    fp_add(v.X3, v.Y3, v.Y3);   /* 10. X3 = Y3 + Y3 */
    fp_add(v.Y3, v.X3, v.Y3);   /* 11. Y3 = X3 + Y3 */
    fp_sub(v.X3, v.t1, v.Y3);   /* 12. X3 = t1 - Y3 */
    fp_add(v.Y3, v.t1, v.Y3);   /* 13. Y3 = t1 + Y3 */
    fp_mul(v.Y3, v.X3, v.Y3);   /* 14. Y3 = X3 * Y3 */
    fp_mul(v.X3, v.X3, v.t3);   /* 15. X3 = X3 * t3 */
    fp_add(v.t3, v.t2, v.t2);   /* 16. t3 = t2 + t2 */
    fp_add(v.t2, v.t2, v.t3);   /* 17. t2 = t2 + t3 */
    fp_mul(v.Z3, B, v.Z3);      /* 18. Z3 = b * Z3 */
    fp_sub(v.Z3, v.Z3, v.t2);   /* 19. Z3 = Z3 - t2 */
    fp_sub(v.Z3, v.Z3, v.t0);   /* 20. Z3 = Z3 - t0 */
    fp_add(v.t3, v.Z3, v.Z3);   /* 21. t3 = Z3 + Z3 */
    fp_add(v.Z3, v.Z3, v.t3);   /* 22. Z3 = Z3 + t3 */
    fp_add(v.t3, v.t0, v.t0);   /* 23. t3 = t0 + t0 */
    fp_add(v.t0, v.t3, v.t0);   /* 24. t0 = t3 + t0 */
    fp_sub(v.t0, v.t0, v.t2);   /* 25. t0 = t0 - t2 */
    fp_mul(v.t0, v.t0, v.Z3);   /* 26. t0 = t0 * Z3 */
    fp_add(v.Y3, v.Y3, v.t0);   /* 27. Y3 = Y3 + t0 */
    fp_mul(v.t0, Y, Z);         /* 28. t0 = Y * Z */
    fp_add(v.t0, v.t0, v.t0);   /* 29. t0 = t0 + t0 */
    fp_mul(v.Z3, v.t0, v.Z3);   /* 30. Z3 = t0 * Z3 */
    fp_sub(v.X3, v.X3, v.Z3);   /* 31. X3 = X3 - Z3 */
    fp_mul(v.Z3, v.t0, v.t1);   /* 32. Z3 = t0 * t1 */
    fp_add(v.Z3, v.Z3, v.Z3);   /* 33. Z3 = Z3 + Z3 */
    fp_add(v.Z3, v.Z3, v.Z3);   /* 34. Z3 = Z3 + Z3 */

    fp_copy(r->x, v.X3);
    fp_copy(r->y, v.Y3);
    fp_copy(r->z, v.Z3);
    glass_wipe(&v, sizeof v);
}

/* r = 2^n p, n >= 1: the doublings of a window done in Jacobian
 * coordinates, where a doubling costs 3M + 5S (with a = -3) against the
 * complete formula's 8M + 3S + 2 m_b.  (X : Y : Z) homogeneous is the
 * affine (X/Z, Y/Z); Jacobian (X', Y', Z') is (X'/Z'^2, Y'/Z'^3), so
 *     to Jacobian:   (X Z, Y Z^2, Z),     back:  (X' Z', Y', Z'^3),
 * 1S + 2M each way; for five doublings 46 multiplications instead of 65.
 * The Jacobian formula is "dbl-2001-b" of the Explicit-Formulas Database
 * (Bernstein and Lange), for a = -3:
 *     delta = Z^2, gamma = Y^2, beta = X gamma,
 *     alpha = 3 (X - delta)(X + delta),
 *     X3 = alpha^2 - 8 beta,  Z3 = (Y + Z)^2 - gamma - delta,
 *     Y3 = alpha (4 beta - X3) - 8 gamma^2.
 * It is right for every point with Y != 0; P-256 has prime order, so no
 * point but infinity doubles to infinity, and infinity (Z = 0, in any
 * coordinates) stays Z = 0, the other two coordinates then being
 * meaningless (0 here).  The way back restores the one representation
 * the complete formulas need, (0 : 1 : 0), with a mask on Z = 0 -- the
 * accumulator of a scalar multiplication is infinity while the leading
 * digits are 0. */
static void point_double_n(p256_point *r, const p256_point *p, int n)
{
    struct { fe X, Y, Z, delta, gamma, beta, alpha, t; } v;
    uint64_t inf;

    fp_sqr(v.t, p->z);                      /* to Jacobian */
    fp_mul(v.X, p->x, p->z);
    fp_mul(v.Y, p->y, v.t);
    fp_copy(v.Z, p->z);
    for (int i = 0; i < n; i++) {
        fp_sqr(v.delta, v.Z);               /* delta = Z^2 */
        fp_sqr(v.gamma, v.Y);               /* gamma = Y^2 */
        fp_mul(v.beta, v.X, v.gamma);       /* beta = X gamma */
        fp_sub(v.t, v.X, v.delta);          /* alpha = 3 (X - delta)(X + delta) */
        fp_add(v.alpha, v.X, v.delta);
        fp_mul(v.alpha, v.t, v.alpha);
        fp_add(v.t, v.alpha, v.alpha);
        fp_add(v.alpha, v.t, v.alpha);
        fp_add(v.Z, v.Y, v.Z);              /* Z3 = (Y + Z)^2 - gamma - delta */
        fp_sqr(v.Z, v.Z);
        fp_sub(v.Z, v.Z, v.gamma);
        fp_sub(v.Z, v.Z, v.delta);
        fp_add(v.beta, v.beta, v.beta);     /* beta = 4 beta */
        fp_add(v.beta, v.beta, v.beta);
        fp_sqr(v.X, v.alpha);               /* X3 = alpha^2 - 2 (4 beta) */
        fp_sub(v.X, v.X, v.beta);
        fp_sub(v.X, v.X, v.beta);
        fp_sub(v.t, v.beta, v.X);           /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
        fp_mul(v.Y, v.alpha, v.t);
        fp_sqr(v.gamma, v.gamma);
        fp_add(v.gamma, v.gamma, v.gamma);
        fp_add(v.gamma, v.gamma, v.gamma);
        fp_add(v.gamma, v.gamma, v.gamma);
        fp_sub(v.Y, v.Y, v.gamma);
    }
    fp_sqr(v.t, v.Z);                       /* back: (X Z, Y, Z^3) */
    fp_mul(r->x, v.X, v.Z);
    fp_mul(r->z, v.t, v.Z);
    inf = glass_limb_barrier(glass_limb_is_zero(v.Z[0] | v.Z[1] | v.Z[2] | v.Z[3]));
    for (int i = 0; i < 4; i++)             /* infinity: (0 : 1 : 0) */
        r->y[i] = (v.Y[i] & ~inf) | (ONE[i] & inf);
    glass_wipe(&v, sizeof v);
}

/* ---- signed windows ---- */

#define W_BITS    5
#define W_COUNT   52            /* ceil(257 / 5): bits 0 .. 259, the top ones 0 */
#define W_TABLE   16            /* 1P .. 16P */

/* Bit i of the 32-byte big-endian scalar k; 0 outside 0..255.  The test
 * is on the position, which is public. */
static uint64_t scalar_bit(const uint8_t *k, int i)
{
    if (i < 0 || i > 255)
        return 0;
    return (uint64_t)(k[31 - i / 8] >> (i % 8)) & 1;
}

/* Booth's recoding: with b_-1 = 0, the digit of window w is
 *     d_w = b_(5w-1) + b_5w + 2 b_(5w+1) + 4 b_(5w+2) + 8 b_(5w+3) - 16 b_(5w+4),
 * in [-16, 16]; the -16 b_(5w+4) 2^5w of one window and the b_(5w+4)
 * 2^(5w+5) of the next cancel, so k = sum d_w 2^(5w) (the top window
 * holds bits 254..259, the last four 0).  Read the six bits as
 * W = b_(5w-1) + 2 b_5w + ... + 32 b_(5w+4); then (W + 1) >> 1 is d_w when
 * the top bit is 0 and d_w + 32 when it is 1.  Returns |d_w| and sets
 * *neg to all-ones for a negative digit, without a branch on k. */
static uint64_t booth_digit(const uint8_t *k, int w, uint64_t *neg)
{
    uint64_t W = 0, m, mask;
    for (int j = 0; j < W_BITS + 1; j++)
        W |= scalar_bit(k, W_BITS * w - 1 + j) << j;
    m = (W + 1) >> 1;
    mask = glass_limb_barrier((uint64_t)0 - (W >> W_BITS));
    *neg = mask;
    return (m & ~mask) | ((32 - m) & mask);
}

/* tab[i] = (i + 1) P, i = 0 .. 15. */
static void build_table(p256_point tab[W_TABLE], const p256_point *p)
{
    tab[0] = *p;
    for (int i = 1; i < W_TABLE; i++) {
        if (i % 2 == 1)
            point_double(&tab[i], &tab[i / 2]);          /* (i+1) P = 2 ((i+1)/2) P */
        else
            point_add(&tab[i], &tab[i - 1], p);
    }
}

/* r = idx P from the table (idx 0: the point at infinity), negated when
 * neg is all-ones.  All sixteen entries are read, each under a mask. */
static void table_select(p256_point *r, const p256_point tab[W_TABLE], uint64_t idx,
                         uint64_t neg)
{
    uint64_t none = glass_limb_barrier(glass_limb_is_zero(idx));
    fe ny;
    memset(r, 0, sizeof *r);
    for (int e = 0; e < W_TABLE; e++) {
        uint64_t m = glass_limb_barrier(glass_limb_eq((uint64_t)e + 1, idx));
        for (int i = 0; i < 4; i++) {
            r->x[i] |= tab[e].x[i] & m;
            r->y[i] |= tab[e].y[i] & m;
            r->z[i] |= tab[e].z[i] & m;
        }
    }
    for (int i = 0; i < 4; i++)             /* (0 : 1 : 0) for idx 0 */
        r->y[i] |= ONE[i] & none;
    /* -(X : Y : Z) = (X : -Y : Z); for infinity, (0 : -1 : 0) is infinity too */
    fp_sub(ny, (const uint64_t[4]){ 0, 0, 0, 0 }, r->y);
    for (int i = 0; i < 4; i++)
        r->y[i] = (ny[i] & neg) | (r->y[i] & ~neg);
    glass_wipe(ny, sizeof ny);
}

void ec_p256_point_mul(ec_point *r, const uint8_t *k, const ec_point *p)
{
    p256_point tab[W_TABLE], acc, t;
    uint64_t idx, neg;

    point_from_ec(&t, p);
    build_table(tab, &t);
    idx = booth_digit(k, W_COUNT - 1, &neg);
    table_select(&acc, tab, idx, neg);
    for (int w = W_COUNT - 2; w >= 0; w--) {
        point_double_n(&acc, &acc, W_BITS);
        idx = booth_digit(k, w, &neg);
        table_select(&t, tab, idx, neg);
        point_add(&acc, &acc, &t);
    }
    point_to_ec(r, &acc);
    glass_wipe(tab, sizeof tab);
    glass_wipe(&acc, sizeof acc);
    glass_wipe(&t, sizeof t);
}

/* ---- k G: one table per window ---- */

/* r = idx T[w][0] (idx 0: infinity) from the fixed-base table, as a
 * projective point with Z = 1, negated when neg is all-ones; all sixteen
 * entries of the window are read under masks. */
static void base_select(p256_point *r, int w, uint64_t idx, uint64_t neg)
{
    uint64_t none = glass_limb_barrier(glass_limb_is_zero(idx));
    fe ny;
    memset(r, 0, sizeof *r);
    for (int e = 0; e < W_TABLE; e++) {
        uint64_t m = glass_limb_barrier(glass_limb_eq((uint64_t)e + 1, idx));
        for (int i = 0; i < 4; i++) {
            r->x[i] |= ec_p256_base_table[w][e][0][i] & m;
            r->y[i] |= ec_p256_base_table[w][e][1][i] & m;
        }
    }
    for (int i = 0; i < 4; i++) {           /* Z = 1; (0 : 1 : 0) for idx 0 */
        r->y[i] |= ONE[i] & none;
        r->z[i] = ONE[i] & ~none;
    }
    fp_sub(ny, (const uint64_t[4]){ 0, 0, 0, 0 }, r->y);
    for (int i = 0; i < 4; i++)
        r->y[i] = (ny[i] & neg) | (r->y[i] & ~neg);
    glass_wipe(ny, sizeof ny);
}

/* k G = sum over the windows of d_w 2^(5w) G: with a table for each
 * window (ec_p256_table.c) that is 52 lookups and 51 additions, and no
 * doubling at all -- about half the work of the 8-tooth comb the general
 * code uses (32 doublings, 64 additions), for 53 KB of table. */
void ec_p256_point_mul_base(ec_point *r, const uint8_t *k)
{
    p256_point acc, t;
    uint64_t idx, neg;
    idx = booth_digit(k, W_COUNT - 1, &neg);
    base_select(&acc, W_COUNT - 1, idx, neg);
    for (int w = W_COUNT - 2; w >= 0; w--) {
        idx = booth_digit(k, w, &neg);
        base_select(&t, w, idx, neg);
        point_add(&acc, &acc, &t);
    }
    point_to_ec(r, &acc);
    glass_wipe(&acc, sizeof acc);
    glass_wipe(&t, sizeof t);
}

/* u1 G + u2 Q with shared doublings (Straus): one pass over the windows
 * of both scalars; the multiples 1G .. 16G are window 0 of the
 * fixed-base table, those of Q a table built here. */
void ec_p256_point_mul2(ec_point *r, const uint8_t *u1, const uint8_t *u2, const ec_point *q)
{
    p256_point tq[W_TABLE], acc, t;
    uint64_t idx, neg;

    point_from_ec(&t, q);
    build_table(tq, &t);
    idx = booth_digit(u1, W_COUNT - 1, &neg);
    base_select(&acc, 0, idx, neg);
    idx = booth_digit(u2, W_COUNT - 1, &neg);
    table_select(&t, tq, idx, neg);
    point_add(&acc, &acc, &t);
    for (int w = W_COUNT - 2; w >= 0; w--) {
        point_double_n(&acc, &acc, W_BITS);
        idx = booth_digit(u1, w, &neg);
        base_select(&t, 0, idx, neg);
        point_add(&acc, &acc, &t);
        idx = booth_digit(u2, w, &neg);
        table_select(&t, tq, idx, neg);
        point_add(&acc, &acc, &t);
    }
    point_to_ec(r, &acc);
}

glass_limb ec_p256_point_to_affine(uint8_t *x, uint8_t *y, const ec_point *p)
{
    fe z, zinv, t;
    glass_limb inf;
    memcpy(z, EC_Z(p), sizeof z);
    inf = glass_limb_is_zero(z[0] | z[1] | z[2] | z[3]);
    fp_inv(zinv, z);                        /* 0 when Z = 0: then x = y = 0 */
    if (x != NULL) {
        memcpy(t, EC_X(p), sizeof t);
        fp_mul(t, t, zinv);
        fp_to_bytes(x, t);
    }
    if (y != NULL) {
        memcpy(t, EC_Y(p), sizeof t);
        fp_mul(t, t, zinv);
        fp_to_bytes(y, t);
    }
    glass_wipe(z, sizeof z);
    glass_wipe(zinv, sizeof zinv);
    glass_wipe(t, sizeof t);
    return inf;
}

/* ---- scalars mod n ---- */

/* r = a b / R mod n (CIOS, as fx_mul in ec_point.c, four limbs). */
static void sc_mul(fe r, const fe a, const fe b)
{
    uint64_t t[6] = { 0 };
    for (int i = 0; i < 4; i++) {
        uint64_t c = 0, q, lo;
        u128 s;
        for (int j = 0; j < 4; j++)
            c = mulc(&t[j], a[j], b[i], t[j], c);
        s = (u128)t[4] + c;
        t[4] = (uint64_t)s;
        t[5] = (uint64_t)(s >> 64);
        q = t[0] * N0INV;                   /* t + q n = 0 mod 2^64 */
        c = mulc(&lo, q, N[0], t[0], 0);
        for (int j = 1; j < 4; j++)
            c = mulc(&t[j - 1], q, N[j], t[j], c);
        s = (u128)t[4] + c;
        t[3] = (uint64_t)s;
        t[4] = t[5] + (uint64_t)(s >> 64);
    }
    sub_once(r, t, t[4], N);                /* t < 2n */
}

/* r = a^(n-2) = a^-1 mod n in Montgomery form (a R -> a^-1 R), a fixed
 * 4-bit window over the exponent n - 2, which is public: the table is
 * indexed by the exponent's nibbles, never by a. */
void ec_p256_scalar_inv(glass_limb *r, const glass_limb *a)
{
    static const fe E = { 0xf3b9cac2fc63254fu, 0xbce6faada7179e84u,
                          0xffffffffffffffffu, 0xffffffff00000000u };   /* n - 2 */
    fe tab[16], acc;
    fp_copy(tab[0], ONE_N);
    memcpy(tab[1], a, sizeof tab[1]);
    for (int i = 2; i < 16; i++)
        sc_mul(tab[i], tab[i - 1], tab[1]);
    fp_copy(acc, ONE_N);
    for (int w = 63; w >= 0; w--) {
        uint64_t e = E[w / 16] >> (4 * (w % 16)) & 15;
        for (int i = 0; i < 4; i++)
            sc_mul(acc, acc, acc);
        sc_mul(acc, acc, tab[e]);
    }
    memcpy(r, acc, sizeof acc);
    glass_wipe(tab, sizeof tab);
    glass_wipe(acc, sizeof acc);
}

void ec_p256_rr(glass_limb *p_rr, glass_limb *n_rr)
{
    memcpy(p_rr, RR, sizeof RR);
    memcpy(n_rr, RR_N, sizeof RR_N);
}

#else /* 32-bit limbs: never called (ec_curve_init leaves `fast` at 0) */

void ec_p256_rr(glass_limb *p_rr, glass_limb *n_rr)
{
    (void)p_rr; (void)n_rr;
}

void ec_p256_point_mul(ec_point *r, const uint8_t *k, const ec_point *p)
{
    (void)r; (void)k; (void)p;
}

void ec_p256_point_mul2(ec_point *r, const uint8_t *u1, const uint8_t *u2, const ec_point *q)
{
    (void)r; (void)u1; (void)u2; (void)q;
}

void ec_p256_point_mul_base(ec_point *r, const uint8_t *k)
{
    (void)r; (void)k;
}

glass_limb ec_p256_point_to_affine(uint8_t *x, uint8_t *y, const ec_point *p)
{
    (void)x; (void)y; (void)p;
    return 0;
}

void ec_p256_scalar_inv(glass_limb *r, const glass_limb *a)
{
    (void)r; (void)a;
}

#endif
