/*
 * ec_point.c — arithmetic on P-256 and P-384: the field GF(p), the group
 * law in projective coordinates, and scalar multiplication.
 *
 * Field: Montgomery residues (bignum.h), constant-time add, subtract,
 * multiply and square; inversion by Fermat's little theorem,
 * a^-1 = a^(p-2) mod p, a fixed-window exponentiation.
 *
 * Group law: the complete formulas of Renes, Costello and Batina,
 * "Complete addition formulas for prime order elliptic curves"
 * (EUROCRYPT 2016), algorithms 4 (addition) and 6 (doubling) for curves
 * with a = -3.  "Complete" means one sequence of field operations is right
 * for every pair of inputs: P + Q, P + P, P + (-P) and P + O all come out
 * correct, so no input needs a branch and none is exceptional.  The step
 * numbers in the comments are the paper's.
 *
 * Scalar multiplication: a fixed 4-bit window from the top (HAC 14.82 in
 * additive notation): a table 0*P .. 15*P, then for each nibble of k four
 * doublings and one addition of the table entry, read with
 * glass_bn_ct_lookup() (every entry is read whatever the nibble).  The
 * scalar's bit length is the curve's, so the sequence of operations never
 * depends on k.
 *
 * P-256 on 64-bit builds takes its own path, crypto/ec_p256.c (four-limb
 * field, signed 5-bit windows), when c->fast is set: the four functions
 * of scalar multiplication and ec_point_to_affine hand over to it.  The
 * field operations below stay the general ones, for P-384, for the
 * validation of points, and for P-256 with c->fast cleared (tests).
 */
#include <string.h>

#include "ec_internal.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

/* ---- the field ----
 * Fixed-size versions of the bignum.h primitives: the same Montgomery
 * multiplication (CIOS, see bignum.h for the references), but with the
 * limb count a compile-time constant per curve, no path dispatch and no
 * scratch beyond n + 2 limbs, so the compiler unrolls each loop.  The
 * field operations are most of the work of a scalar multiplication
 * (about 11 products and 21 additions per doubling), which made the
 * general RSA-sized code about 2x slower here.  Constant time: no branch
 * and no index depends on the values. */

#define EC_ALWAYS_INLINE static inline __attribute__((always_inline))

/* r = a + b mod m for a, b < m. */
EC_ALWAYS_INLINE void fx_add(glass_limb *r, const glass_limb *a, const glass_limb *b,
                             const glass_limb *m, size_t n)
{
    glass_limb t[EC_LIMBS], u[EC_LIMBS], carry = 0, borrow = 0, keep;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb s = (glass_dlimb)a[i] + b[i] + carry;
        t[i] = (glass_limb)s;
        carry = (glass_limb)(s >> GLASS_LIMB_BITS);
    }
    for (size_t i = 0; i < n; i++) {
        glass_dlimb d = (glass_dlimb)t[i] - m[i] - borrow;
        u[i] = (glass_limb)d;
        borrow = (glass_limb)(d >> GLASS_LIMB_BITS) & 1;
    }
    /* keep t when the sum did not reach m: no carry out and a borrow */
    keep = glass_limb_barrier((glass_limb)0 - (borrow & (carry ^ 1)));
    for (size_t i = 0; i < n; i++)
        r[i] = (t[i] & keep) | (u[i] & ~keep);
}

/* r = a - b mod m for a, b < m. */
EC_ALWAYS_INLINE void fx_sub(glass_limb *r, const glass_limb *a, const glass_limb *b,
                             const glass_limb *m, size_t n)
{
    glass_limb t[EC_LIMBS], borrow = 0, carry = 0, mask;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb d = (glass_dlimb)a[i] - b[i] - borrow;
        t[i] = (glass_limb)d;
        borrow = (glass_limb)(d >> GLASS_LIMB_BITS) & 1;
    }
    mask = glass_limb_barrier((glass_limb)0 - borrow);     /* add m back on a borrow */
    for (size_t i = 0; i < n; i++) {
        glass_dlimb s = (glass_dlimb)t[i] + (m[i] & mask) + carry;
        r[i] = (glass_limb)s;
        carry = (glass_limb)(s >> GLASS_LIMB_BITS);
    }
}

/* r = a * b / R mod m (CIOS), a, b < m, r < m; r may alias a or b. */
EC_ALWAYS_INLINE void fx_mul(glass_limb *r, const glass_limb *a, const glass_limb *b,
                             const glass_limb *m, glass_limb m0inv, size_t n)
{
    glass_limb t[EC_LIMBS + 2] = { 0 }, u[EC_LIMBS], borrow = 0, keep;
    for (size_t i = 0; i < n; i++) {
        glass_limb c = 0, q;
        glass_dlimb s;
        for (size_t j = 0; j < n; j++) {
            s = (glass_dlimb)a[j] * b[i] + t[j] + c;
            t[j] = (glass_limb)s;
            c = (glass_limb)(s >> GLASS_LIMB_BITS);
        }
        s = (glass_dlimb)t[n] + c;
        t[n] = (glass_limb)s;
        t[n + 1] = (glass_limb)(s >> GLASS_LIMB_BITS);
        q = t[0] * m0inv;                       /* t + q m is divisible by 2^w */
        s = (glass_dlimb)q * m[0] + t[0];
        c = (glass_limb)(s >> GLASS_LIMB_BITS);
        for (size_t j = 1; j < n; j++) {
            s = (glass_dlimb)q * m[j] + t[j] + c;
            t[j - 1] = (glass_limb)s;
            c = (glass_limb)(s >> GLASS_LIMB_BITS);
        }
        s = (glass_dlimb)t[n] + c;
        t[n - 1] = (glass_limb)s;
        t[n] = t[n + 1] + (glass_limb)(s >> GLASS_LIMB_BITS);
    }
    /* t < 2m: subtract m unless that borrows (with t[n] = 0) */
    for (size_t i = 0; i < n; i++) {
        glass_dlimb d = (glass_dlimb)t[i] - m[i] - borrow;
        u[i] = (glass_limb)d;
        borrow = (glass_limb)(d >> GLASS_LIMB_BITS) & 1;
    }
    keep = glass_limb_barrier((glass_limb)0 - (borrow & (t[n] ^ 1)));
    for (size_t i = 0; i < n; i++)
        r[i] = (t[i] & keep) | (u[i] & ~keep);
}

/* The limb counts of the two curves: 256 and 384 bits. */
#define EC_N256 (256 / GLASS_LIMB_BITS)
#define EC_N384 (384 / GLASS_LIMB_BITS)

/* P-256's p = 2^256 - 2^224 + 2^192 + 2^96 - 1 as constant limbs, and
 * -p^-1 mod 2^w = 1 (p = -1 mod 2^64 and mod 2^32): with them in the code
 * the compiler folds the products by p's 0 and all-ones limbs into
 * shifts and subtractions, which is most of what a reduction special to
 * this prime would do.  ec_curve_init's limbs are the same number (the
 * NIST vectors would fail otherwise). */
#if GLASS_LIMB_BITS == 64
static const glass_limb p256_p[EC_N256] = {
    0xffffffffffffffffu, 0x00000000ffffffffu, 0x0000000000000000u, 0xffffffff00000001u };
#else
static const glass_limb p256_p[EC_N256] = {
    0xffffffffu, 0xffffffffu, 0xffffffffu, 0, 0, 0, 1, 0xffffffffu };
#endif

void ec_mod_double(glass_limb *r, const glass_limb *a, const glass_limb *m, size_t n)
{
    if (n == EC_N256)
        fx_add(r, a, a, m, EC_N256);
    else
        fx_add(r, a, a, m, EC_N384);
}

void fe_add(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    if (c->nl == EC_N256)
        fx_add(r, a, b, p256_p, EC_N256);
    else
        fx_add(r, a, b, c->p, EC_N384);
}

void fe_sub(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    if (c->nl == EC_N256)
        fx_sub(r, a, b, p256_p, EC_N256);
    else
        fx_sub(r, a, b, c->p, EC_N384);
}

#if GLASS_LIMB_BITS == 64
/* P-256 with 64-bit limbs: the whole 512-bit product first (for a square
 * only the products a_i a_j with i < j, doubled, plus the squares a_i^2),
 * then four Montgomery steps that need no multiplication by p but one.
 * With -p^-1 = 1 mod 2^64 a step's multiplier q is the lowest limb itself,
 * and adding q p = q (2^64 - 1) + q (2^32 - 1) 2^64 + q p3 2^192 at limb i
 * clears limb i, adds q 2^32 (two limbs: q << 32, q >> 32) at limb i + 1,
 * and the 128-bit product q p3 at limb i + 3.  The sum stays below 2p
 * times 2^256; one conditional subtraction (constant time) ends it. */
EC_ALWAYS_INLINE void p256_reduce(glass_limb *r, glass_limb t[8])
{
    glass_limb top = 0, u[EC_N256], borrow = 0, keep;
    for (size_t i = 0; i < EC_N256; i++) {
        glass_limb q = t[i];
        glass_dlimb m3 = (glass_dlimb)q * p256_p[3], s;
        s = (glass_dlimb)t[i + 1] + (q << 32);
        t[i + 1] = (glass_limb)s;
        s = (glass_dlimb)t[i + 2] + (q >> 32) + (s >> 64);
        t[i + 2] = (glass_limb)s;
        s = (glass_dlimb)t[i + 3] + (glass_limb)m3 + (s >> 64);
        t[i + 3] = (glass_limb)s;
        /* the carry of the step before belongs at this limb, i + 4 */
        s = (glass_dlimb)t[i + 4] + (glass_limb)(m3 >> 64) + (s >> 64) + top;
        t[i + 4] = (glass_limb)s;
        top = (glass_limb)(s >> 64);
    }
    for (size_t i = 0; i < EC_N256; i++) {
        glass_dlimb d = (glass_dlimb)t[i + 4] - p256_p[i] - borrow;
        u[i] = (glass_limb)d;
        borrow = (glass_limb)(d >> 64) & 1;
    }
    keep = glass_limb_barrier((glass_limb)0 - (borrow & (top ^ 1)));
    for (size_t i = 0; i < EC_N256; i++)
        r[i] = (t[i + 4] & keep) | (u[i] & ~keep);
}

static void p256_mul(glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    glass_limb t[8] = { 0 };
    for (size_t i = 0; i < EC_N256; i++) {
        glass_limb c = 0;
        for (size_t j = 0; j < EC_N256; j++) {
            glass_dlimb s = (glass_dlimb)a[j] * b[i] + t[i + j] + c;
            t[i + j] = (glass_limb)s;
            c = (glass_limb)(s >> 64);
        }
        t[i + EC_N256] = c;
    }
    p256_reduce(r, t);
}

static void p256_sqr(glass_limb *r, const glass_limb *a)
{
    glass_limb t[8] = { 0 }, c = 0;
    for (size_t i = 0; i < EC_N256; i++) {         /* a_i a_j, i < j */
        c = 0;
        for (size_t j = i + 1; j < EC_N256; j++) {
            glass_dlimb s = (glass_dlimb)a[j] * a[i] + t[i + j] + c;
            t[i + j] = (glass_limb)s;
            c = (glass_limb)(s >> 64);
        }
        t[i + EC_N256] = c;
    }
    c = 0;
    for (size_t i = 0; i < 8; i++) {               /* doubled, plus a_i^2 */
        glass_dlimb sq = (glass_dlimb)a[i / 2] * a[i / 2];
        glass_limb half = (i % 2 == 0) ? (glass_limb)sq : (glass_limb)(sq >> 64);
        glass_limb hi = t[i] >> 63;
        glass_dlimb s = (glass_dlimb)(t[i] << 1) + half + c;
        t[i] = (glass_limb)s;
        c = (glass_limb)(s >> 64) + hi;
    }
    p256_reduce(r, t);
}
#endif

#if GLASS_LIMB_BITS == 64
void fe_mul(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    if (c->nl == EC_N256)
        p256_mul(r, a, b);
    else
        fx_mul(r, a, b, c->p, c->fp.m0inv, EC_N384);
}

void fe_sqr(const ec_curve *c, glass_limb *r, const glass_limb *a)
{
    if (c->nl == EC_N256)
        p256_sqr(r, a);
    else
        fx_mul(r, a, a, c->p, c->fp.m0inv, EC_N384);
}
#else
/* 32-bit limbs: the general CIOS loop, p's limbs as constants. */
void fe_mul(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    if (c->nl == EC_N256)
        fx_mul(r, a, b, p256_p, 1, EC_N256);
    else
        fx_mul(r, a, b, c->p, c->fp.m0inv, EC_N384);
}

void fe_sqr(const ec_curve *c, glass_limb *r, const glass_limb *a)
{
    fe_mul(c, r, a, a);
}
#endif

/* a^(p-2) with a fixed 4-bit window over the exponent p - 2, which is
 * public: indexing the table by its nibbles reveals nothing about a, and
 * the sequence of operations is the same for every a. */
void fe_inv(const ec_curve *c, glass_limb *r, const glass_limb *a)
{
    glass_limb tab[16][EC_LIMBS], acc[EC_LIMBS];
    glass_bn_copy(tab[0], c->one, c->nl);
    glass_bn_copy(tab[1], a, c->nl);
    for (size_t i = 2; i < 16; i++)
        fe_mul(c, tab[i], tab[i - 1], a);
    glass_bn_copy(acc, c->one, c->nl);
    for (size_t w = c->bits / 4; w-- > 0;) {
        glass_limb e = c->p_minus2[w * 4 / GLASS_LIMB_BITS] >> (w * 4 % GLASS_LIMB_BITS) & 15;
        for (int k = 0; k < 4; k++)
            fe_sqr(c, acc, acc);
        fe_mul(c, acc, acc, tab[e]);
    }
    glass_bn_copy(r, acc, c->nl);
    glass_wipe(tab, sizeof tab);
    glass_wipe(acc, sizeof acc);
}

int fe_from_bytes(const ec_curve *c, glass_limb *r, const uint8_t *in)
{
    glass_limb t[EC_LIMBS];
    (void)glass_bn_from_bytes(t, c->nl, in, c->size);
    if (!glass_bn_lt(t, c->p, c->nl))
        return GLASS_E_EC_POINT;        /* a coordinate >= p: public data, a branch is fine */
    fe_mul(c, r, t, c->p_rr);           /* x * R^2 / R = x * R */
    return GLASS_OK;
}

void fe_to_bytes(const ec_curve *c, uint8_t *out, const glass_limb *a)
{
    glass_limb t[EC_LIMBS];
    glass_bn_from_mont(t, a, &c->fp);
    (void)glass_bn_to_bytes(t, c->nl, out, c->size);
    glass_wipe(t, sizeof t);
}

/* ---- the group law ---- */

void ec_point_infinity(const ec_curve *c, ec_point *r)
{
    memset(r, 0, sizeof *r);
    glass_bn_copy(EC_Y(r), c->one, c->nl);
}

/* Algorithm 4: (X3:Y3:Z3) = (X1:Y1:Z1) + (X2:Y2:Z2), 12M + 2m_b + 29a.
 * r may alias p or q (the inputs are read into locals first). */
void ec_point_add(const ec_curve *c, ec_point *r, const ec_point *p, const ec_point *q)
{
    glass_limb X1[EC_LIMBS], Y1[EC_LIMBS], Z1[EC_LIMBS];
    glass_limb X2[EC_LIMBS], Y2[EC_LIMBS], Z2[EC_LIMBS];
    glass_limb X3[EC_LIMBS], Y3[EC_LIMBS], Z3[EC_LIMBS];
    glass_limb t0[EC_LIMBS], t1[EC_LIMBS], t2[EC_LIMBS], t3[EC_LIMBS], t4[EC_LIMBS];
    const glass_limb *b = c->b;

    memcpy(X1, EC_X(p), sizeof X1); memcpy(Y1, EC_Y(p), sizeof Y1); memcpy(Z1, EC_Z(p), sizeof Z1);
    memcpy(X2, EC_X(q), sizeof X2); memcpy(Y2, EC_Y(q), sizeof Y2); memcpy(Z2, EC_Z(q), sizeof Z2);

    fe_mul(c, t0, X1, X2);      /*  1. t0 = X1 * X2 */
    fe_mul(c, t1, Y1, Y2);      /*  2. t1 = Y1 * Y2 */
    fe_mul(c, t2, Z1, Z2);      /*  3. t2 = Z1 * Z2 */
    fe_add(c, t3, X1, Y1);      /*  4. t3 = X1 + Y1 */
    fe_add(c, t4, X2, Y2);      /*  5. t4 = X2 + Y2 */
    fe_mul(c, t3, t3, t4);      /*  6. t3 = t3 * t4 */
    fe_add(c, t4, t0, t1);      /*  7. t4 = t0 + t1 */
    fe_sub(c, t3, t3, t4);      /*  8. t3 = t3 - t4 */
    fe_add(c, t4, Y1, Z1);      /*  9. t4 = Y1 + Z1 */
    fe_add(c, X3, Y2, Z2);      /* 10. X3 = Y2 + Z2 */
    fe_mul(c, t4, t4, X3);      /* 11. t4 = t4 * X3 */
    fe_add(c, X3, t1, t2);      /* 12. X3 = t1 + t2 */
    fe_sub(c, t4, t4, X3);      /* 13. t4 = t4 - X3 */
    fe_add(c, X3, X1, Z1);      /* 14. X3 = X1 + Z1 */
    fe_add(c, Y3, X2, Z2);      /* 15. Y3 = X2 + Z2 */
    fe_mul(c, X3, X3, Y3);      /* 16. X3 = X3 * Y3 */
    fe_add(c, Y3, t0, t2);      /* 17. Y3 = t0 + t2 */
    fe_sub(c, Y3, X3, Y3);      /* 18. Y3 = X3 - Y3 */
    fe_mul(c, Z3, b, t2);       /* 19. Z3 = b * t2 */
    fe_sub(c, X3, Y3, Z3);      /* 20. X3 = Y3 - Z3 */
    fe_add(c, Z3, X3, X3);      /* 21. Z3 = X3 + X3 */
    fe_add(c, X3, X3, Z3);      /* 22. X3 = X3 + Z3 */
    fe_sub(c, Z3, t1, X3);      /* 23. Z3 = t1 - X3 */
    fe_add(c, X3, t1, X3);      /* 24. X3 = t1 + X3 */
    fe_mul(c, Y3, b, Y3);       /* 25. Y3 = b * Y3 */
    fe_add(c, t1, t2, t2);      /* 26. t1 = t2 + t2 */
    fe_add(c, t2, t1, t2);      /* 27. t2 = t1 + t2 */
    fe_sub(c, Y3, Y3, t2);      /* 28. Y3 = Y3 - t2 */
    fe_sub(c, Y3, Y3, t0);      /* 29. Y3 = Y3 - t0 */
    fe_add(c, t1, Y3, Y3);      /* 30. t1 = Y3 + Y3 */
    fe_add(c, Y3, t1, Y3);      /* 31. Y3 = t1 + Y3 */
    fe_add(c, t1, t0, t0);      /* 32. t1 = t0 + t0 */
    fe_add(c, t0, t1, t0);      /* 33. t0 = t1 + t0 */
    fe_sub(c, t0, t0, t2);      /* 34. t0 = t0 - t2 */
    fe_mul(c, t1, t4, Y3);      /* 35. t1 = t4 * Y3 */
    fe_mul(c, t2, t0, Y3);      /* 36. t2 = t0 * Y3 */
    fe_mul(c, Y3, X3, Z3);      /* 37. Y3 = X3 * Z3 */
    fe_add(c, Y3, Y3, t2);      /* 38. Y3 = Y3 + t2 */
    fe_mul(c, X3, X3, t3);      /* 39. X3 = X3 * t3 */
    fe_sub(c, X3, X3, t1);      /* 40. X3 = X3 - t1 */
    fe_mul(c, Z3, Z3, t4);      /* 41. Z3 = Z3 * t4 */
    fe_mul(c, t1, t3, t0);      /* 42. t1 = t3 * t0 */
    fe_add(c, Z3, Z3, t1);      /* 43. Z3 = Z3 + t1 */

    memcpy(EC_X(r), X3, sizeof X3); memcpy(EC_Y(r), Y3, sizeof Y3); memcpy(EC_Z(r), Z3, sizeof Z3);
    glass_wipe(X1, sizeof X1); glass_wipe(Y1, sizeof Y1); glass_wipe(Z1, sizeof Z1);
    glass_wipe(X2, sizeof X2); glass_wipe(Y2, sizeof Y2); glass_wipe(Z2, sizeof Z2);
    glass_wipe(t0, sizeof t0); glass_wipe(t1, sizeof t1); glass_wipe(t2, sizeof t2);
    glass_wipe(t3, sizeof t3); glass_wipe(t4, sizeof t4);
}

/* Algorithm 6: (X3:Y3:Z3) = 2 (X:Y:Z), 8M + 3S + 2m_b + 21a. */
void ec_point_double(const ec_curve *c, ec_point *r, const ec_point *p)
{
    glass_limb X[EC_LIMBS], Y[EC_LIMBS], Z[EC_LIMBS];
    glass_limb X3[EC_LIMBS], Y3[EC_LIMBS], Z3[EC_LIMBS];
    glass_limb t0[EC_LIMBS], t1[EC_LIMBS], t2[EC_LIMBS], t3[EC_LIMBS];
    const glass_limb *b = c->b;

    memcpy(X, EC_X(p), sizeof X); memcpy(Y, EC_Y(p), sizeof Y); memcpy(Z, EC_Z(p), sizeof Z);

    fe_sqr(c, t0, X);           /*  1. t0 = X^2 */
    fe_sqr(c, t1, Y);           /*  2. t1 = Y^2 */
    fe_sqr(c, t2, Z);           /*  3. t2 = Z^2 */
    fe_mul(c, t3, X, Y);        /*  4. t3 = X * Y */
    fe_add(c, t3, t3, t3);      /*  5. t3 = t3 + t3 */
    fe_mul(c, Z3, X, Z);        /*  6. Z3 = X * Z */
    fe_add(c, Z3, Z3, Z3);      /*  7. Z3 = Z3 + Z3 */
    fe_mul(c, Y3, b, t2);       /*  8. Y3 = b * t2 */
    fe_sub(c, Y3, Y3, Z3);      /*  9. Y3 = Y3 - Z3 */
    fe_add(c, X3, Y3, Y3);      /* 10. X3 = Y3 + Y3 */
    fe_add(c, Y3, X3, Y3);      /* 11. Y3 = X3 + Y3 */
    fe_sub(c, X3, t1, Y3);      /* 12. X3 = t1 - Y3 */
    fe_add(c, Y3, t1, Y3);      /* 13. Y3 = t1 + Y3 */
    fe_mul(c, Y3, X3, Y3);      /* 14. Y3 = X3 * Y3 */
    fe_mul(c, X3, X3, t3);      /* 15. X3 = X3 * t3 */
    fe_add(c, t3, t2, t2);      /* 16. t3 = t2 + t2 */
    fe_add(c, t2, t2, t3);      /* 17. t2 = t2 + t3 */
    fe_mul(c, Z3, b, Z3);       /* 18. Z3 = b * Z3 */
    fe_sub(c, Z3, Z3, t2);      /* 19. Z3 = Z3 - t2 */
    fe_sub(c, Z3, Z3, t0);      /* 20. Z3 = Z3 - t0 */
    fe_add(c, t3, Z3, Z3);      /* 21. t3 = Z3 + Z3 */
    fe_add(c, Z3, Z3, t3);      /* 22. Z3 = Z3 + t3 */
    fe_add(c, t3, t0, t0);      /* 23. t3 = t0 + t0 */
    fe_add(c, t0, t3, t0);      /* 24. t0 = t3 + t0 */
    fe_sub(c, t0, t0, t2);      /* 25. t0 = t0 - t2 */
    fe_mul(c, t0, t0, Z3);      /* 26. t0 = t0 * Z3 */
    fe_add(c, Y3, Y3, t0);      /* 27. Y3 = Y3 + t0 */
    fe_mul(c, t0, Y, Z);        /* 28. t0 = Y * Z */
    fe_add(c, t0, t0, t0);      /* 29. t0 = t0 + t0 */
    fe_mul(c, Z3, t0, Z3);      /* 30. Z3 = t0 * Z3 */
    fe_sub(c, X3, X3, Z3);      /* 31. X3 = X3 - Z3 */
    fe_mul(c, Z3, t0, t1);      /* 32. Z3 = t0 * t1 */
    fe_add(c, Z3, Z3, Z3);      /* 33. Z3 = Z3 + Z3 */
    fe_add(c, Z3, Z3, Z3);      /* 34. Z3 = Z3 + Z3 */

    memcpy(EC_X(r), X3, sizeof X3); memcpy(EC_Y(r), Y3, sizeof Y3); memcpy(EC_Z(r), Z3, sizeof Z3);
    glass_wipe(X, sizeof X); glass_wipe(Y, sizeof Y); glass_wipe(Z, sizeof Z);
    glass_wipe(t0, sizeof t0); glass_wipe(t1, sizeof t1);
    glass_wipe(t2, sizeof t2); glass_wipe(t3, sizeof t3);
}

/* ---- scalar multiplication ---- */

#define EC_WINDOW   4
#define EC_TABLE    (1 << EC_WINDOW)
#define EC_PT_LIMBS (sizeof(ec_point) / sizeof(glass_limb))

/* tab[i] = i * p for i = 0 .. 15. */
static void build_table(const ec_curve *c, ec_point tab[EC_TABLE], const ec_point *p)
{
    ec_point_infinity(c, &tab[0]);
    tab[1] = *p;
    for (size_t i = 2; i < EC_TABLE; i++) {
        if (i % 2 == 0)
            ec_point_double(c, &tab[i], &tab[i / 2]);
        else
            ec_point_add(c, &tab[i], &tab[i - 1], p);
    }
}

/* The nibble of k (big-endian, size bytes) at window position w, counted
 * from the most significant: w = 0 is the top four bits. */
static glass_limb nibble(const uint8_t *k, size_t w)
{
    uint8_t byte = k[w / 2];
    return (glass_limb)((w % 2 == 0) ? byte >> 4 : byte & 0x0f);
}

static void lookup(ec_point *r, const ec_point tab[EC_TABLE], glass_limb idx)
{
    glass_bn_ct_lookup((glass_limb *)r, (const glass_limb *)tab, EC_PT_LIMBS,
                       EC_TABLE, idx, EC_PT_LIMBS);
}

void ec_point_mul(const ec_curve *c, ec_point *r, const uint8_t *k, const ec_point *p)
{
    ec_point tab[EC_TABLE], acc, t;
    size_t windows = 2 * c->size;

    if (c->fast) {
        ec_p256_point_mul(r, k, p);
        return;
    }
    build_table(c, tab, p);
    ec_point_infinity(c, &acc);
    for (size_t w = 0; w < windows; w++) {
        for (int i = 0; i < EC_WINDOW; i++)
            ec_point_double(c, &acc, &acc);
        lookup(&t, tab, nibble(k, w));
        ec_point_add(c, &acc, &acc, &t);
    }
    *r = acc;
    glass_wipe(tab, sizeof tab);
    glass_wipe(&acc, sizeof acc);
    glass_wipe(&t, sizeof t);
}

static void base_point(const ec_curve *c, ec_point *g)
{
    memset(g, 0, sizeof *g);
    glass_bn_copy(EC_X(g), c->gx, c->nl);
    glass_bn_copy(EC_Y(g), c->gy, c->nl);
    glass_bn_copy(EC_Z(g), c->one, c->nl);
}

/* Fixed-base comb (Lim and Lee, CRYPTO 1994; HAC 14.117 in additive
 * form) with 8 teeth: bit i + j s of k (s = B/8, j = 0..7) is tooth j of
 * row i.  Rows are read from the top, i = s-1 .. 0: acc = 2 acc, then add
 * T0[teeth 0..3 of row i] and T1[teeth 4..7].  After the last row every
 * bit b = i + j s has been doubled i times from 2^(j s) G: acc = k G. */
static glass_limb comb_bit(const uint8_t *k, size_t size, size_t bit)
{
    return (glass_limb)(k[size - 1 - bit / 8] >> (bit % 8)) & 1;
}

/* An opaque copy of a 64-bit mask: without it clang turns the masks of
 * comb_lookup back into an indexed load. */
#if defined(__GNUC__) || defined(__clang__)
static inline uint64_t mask_barrier(uint64_t m)
{
    __asm__("" : "+r"(m));
    return m;
}
#else
static inline uint64_t mask_barrier(uint64_t m)
{
    return m;
}
#endif

/* r = entry idx of a comb table (idx 0: infinity), reading all 15 entries,
 * eight bytes at a time (memcpy keeps the unaligned reads legal). */
static void comb_lookup(const ec_curve *c, ec_point *r, const uint8_t *table, glass_limb idx)
{
    uint64_t acc[2 * GLASS_EC_MAX_BYTES / 8] = { 0 };
    uint8_t xy[2 * GLASS_EC_MAX_BYTES];
    size_t words = 2 * c->size / 8;
    glass_limb t[EC_LIMBS], none = glass_limb_barrier(glass_limb_is_zero(idx));

    for (glass_limb e = 1; e <= 15; e++) {
        uint64_t m = mask_barrier((uint64_t)0 - (uint64_t)(glass_limb_eq(e, idx) & 1));
        const uint8_t *entry = table + (e - 1) * 2 * c->size;
        for (size_t i = 0; i < words; i++) {
            uint64_t v;
            memcpy(&v, entry + 8 * i, 8);
            acc[i] |= v & m;
        }
    }
    memcpy(xy, acc, 2 * c->size);
    memset(r, 0, sizeof *r);
    (void)glass_bn_from_bytes(t, c->nl, xy, c->size);
    fe_mul(c, EC_X(r), t, c->p_rr);                /* 0 stays 0 */
    (void)glass_bn_from_bytes(t, c->nl, xy + c->size, c->size);
    fe_mul(c, EC_Y(r), t, c->p_rr);
    for (size_t i = 0; i < c->nl; i++) {           /* (0 : 1 : 0) for idx 0 */
        EC_Y(r)[i] = (EC_Y(r)[i] & ~none) | (c->one[i] & none);
        EC_Z(r)[i] = c->one[i] & ~none;
    }
    glass_wipe(acc, sizeof acc);
    glass_wipe(xy, sizeof xy);
    glass_wipe(t, sizeof t);
}

void ec_point_mul_base(const ec_curve *c, ec_point *r, const uint8_t *k)
{
    const uint8_t *t0, *t1;
    size_t s = c->bits / 8;
    ec_point acc, t;

    if (c->fast) {
        ec_p256_point_mul_base(r, k);
        return;
    }
    if (c->id == GLASS_EC_P256) {
        t0 = &ec_comb_p256[0][0][0];
        t1 = &ec_comb_p256[1][0][0];
    } else {
        t0 = &ec_comb_p384[0][0][0];
        t1 = &ec_comb_p384[1][0][0];
    }
    ec_point_infinity(c, &acc);
    for (size_t i = s; i-- > 0;) {
        glass_limb lo = 0, hi = 0;
        for (size_t j = 0; j < 4; j++) {
            lo |= comb_bit(k, c->size, i + j * s) << j;
            hi |= comb_bit(k, c->size, i + (j + 4) * s) << j;
        }
        ec_point_double(c, &acc, &acc);
        comb_lookup(c, &t, t0, lo);
        ec_point_add(c, &acc, &acc, &t);
        comb_lookup(c, &t, t1, hi);
        ec_point_add(c, &acc, &acc, &t);
    }
    *r = acc;
    glass_wipe(&acc, sizeof acc);
    glass_wipe(&t, sizeof t);
}

void ec_point_mul2(const ec_curve *c, ec_point *r, const uint8_t *u1,
                   const uint8_t *u2, const ec_point *q)
{
    ec_point tg[EC_TABLE], tq[EC_TABLE], g, acc, t;
    size_t windows = 2 * c->size;

    if (c->fast) {
        ec_p256_point_mul2(r, u1, u2, q);
        return;
    }
    base_point(c, &g);
    build_table(c, tg, &g);
    build_table(c, tq, q);
    ec_point_infinity(c, &acc);
    for (size_t w = 0; w < windows; w++) {
        for (int i = 0; i < EC_WINDOW; i++)
            ec_point_double(c, &acc, &acc);
        lookup(&t, tg, nibble(u1, w));
        ec_point_add(c, &acc, &acc, &t);
        lookup(&t, tq, nibble(u2, w));
        ec_point_add(c, &acc, &acc, &t);
    }
    *r = acc;
}

glass_limb ec_point_to_affine(const ec_curve *c, uint8_t *x, uint8_t *y, const ec_point *p)
{
    glass_limb zinv[EC_LIMBS], t[EC_LIMBS];
    glass_limb inf = glass_bn_is_zero(EC_Z(p), c->nl);

    if (c->fast)
        return ec_p256_point_to_affine(x, y, p);
    fe_inv(c, zinv, EC_Z(p));           /* 0 when Z = 0: then x = y = 0 */
    if (x != NULL) {
        fe_mul(c, t, EC_X(p), zinv);
        fe_to_bytes(c, x, t);
    }
    if (y != NULL) {
        fe_mul(c, t, EC_Y(p), zinv);
        fe_to_bytes(c, y, t);
    }
    glass_wipe(zinv, sizeof zinv);
    glass_wipe(t, sizeof t);
    return inf;
}

int ec_point_from_affine(const ec_curve *c, ec_point *r, const uint8_t *x, const uint8_t *y)
{
    glass_limb lhs[EC_LIMBS], rhs[EC_LIMBS], t[EC_LIMBS];

    memset(r, 0, sizeof *r);
    if (fe_from_bytes(c, EC_X(r), x) != 0 || fe_from_bytes(c, EC_Y(r), y) != 0)
        return GLASS_E_EC_POINT;
    glass_bn_copy(EC_Z(r), c->one, c->nl);
    /* y^2 = x^3 - 3x + b = (x^2 - 3) x + b */
    fe_sqr(c, lhs, EC_Y(r));
    fe_sqr(c, rhs, EC_X(r));
    fe_add(c, t, c->one, c->one);
    fe_add(c, t, t, c->one);
    fe_sub(c, rhs, rhs, t);
    fe_mul(c, rhs, rhs, EC_X(r));
    fe_add(c, rhs, rhs, c->b);
    if (!glass_bn_eq(lhs, rhs, c->nl))
        return GLASS_E_EC_POINT;
    return GLASS_OK;
}
