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
 */
#include <string.h>

#include "ec_internal.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

/* ---- the field ---- */

void fe_add(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    glass_limb carry = glass_bn_add(r, a, b, c->nl);
    glass_bn_cond_sub(r, carry, c->p, c->nl);
}

void fe_sub(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    glass_bn_mod_sub(r, a, b, c->p, c->nl);
}

void fe_mul(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    glass_bn_mont_mul(r, a, b, &c->fp);
}

void fe_sqr(const ec_curve *c, glass_limb *r, const glass_limb *a)
{
    glass_bn_mont_sqr(r, a, &c->fp);
}

void fe_inv(const ec_curve *c, glass_limb *r, const glass_limb *a)
{
    glass_bn_modexp_ct(r, a, c->p_minus2, c->bits, &c->fp);
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

void ec_point_mul_base(const ec_curve *c, ec_point *r, const uint8_t *k)
{
    ec_point g;
    base_point(c, &g);
    ec_point_mul(c, r, k, &g);
}

void ec_point_mul2(const ec_curve *c, ec_point *r, const uint8_t *u1,
                   const uint8_t *u2, const ec_point *q)
{
    ec_point tg[EC_TABLE], tq[EC_TABLE], g, acc, t;
    size_t windows = 2 * c->size;

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
