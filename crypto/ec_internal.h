/*
 * ec_internal.h — the pieces shared by the P-256/P-384 files of crypto/
 * (ec_curve.c, ec_point.c, ec.c, ecdsa.c): a curve's parameters in limbs,
 * field and scalar arithmetic, and points in projective coordinates.
 *
 * Field elements are Montgomery residues modulo p (x*R mod p, R = 2^(w*n)),
 * kept in the bignum.h limb format, so the multiplication is the same
 * constant-time Montgomery code RSA uses (with its run-time x86-64 paths).
 * Scalars modulo the group order n use a second Montgomery context.
 */
#ifndef GLASS_EC_INTERNAL_H
#define GLASS_EC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "bignum.h"
#include "glasstls/ec.h"

/* Limbs of the largest field (384 bits). */
#define EC_LIMBS (384 / GLASS_LIMB_BITS)

typedef struct ec_curve {
    glass_ec_curve id;
    size_t size;                /* bytes of p and n: 32 or 48 */
    size_t bits;                /* 256 or 384 (p and n have the same length) */
    size_t nl;                  /* limbs used: size / GLASS_LIMB_BYTES */
    glass_limb p[EC_LIMBS], p_rr[EC_LIMBS], p_minus2[EC_LIMBS];
    glass_limb n[EC_LIMBS], n_rr[EC_LIMBS], n_minus2[EC_LIMBS];
    glass_mont fp;              /* Montgomery context mod p (points into this struct) */
    glass_mont fn;              /* ... mod n */
    glass_limb b[EC_LIMBS];     /* coefficient b, Montgomery form */
    glass_limb one[EC_LIMBS];   /* 1 in Montgomery form (R mod p) */
    glass_limb gx[EC_LIMBS], gy[EC_LIMBS];   /* the base point G, Montgomery form */
} ec_curve;

/* A point in homogeneous projective coordinates (X : Y : Z), the affine
 * point being (X/Z, Y/Z); the point at infinity is (0 : 1 : 0).  The
 * coordinates are Montgomery residues.  One array, so a table of points
 * is a table of limbs for glass_bn_ct_lookup(). */
typedef struct ec_point {
    glass_limb c[3][EC_LIMBS];  /* X, Y, Z */
} ec_point;
#define EC_X(P) ((P)->c[0])
#define EC_Y(P) ((P)->c[1])
#define EC_Z(P) ((P)->c[2])

/* Fills c for curve id (ec_curve.c).  GLASS_E_EC_CURVE for another curve.
 * The struct holds pointers into itself: do not copy it. */
int  ec_curve_init(ec_curve *c, glass_ec_curve id);

/* ---- field arithmetic mod p (ec_point.c); r may alias a or b ---- */
void fe_add(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b);
void fe_sub(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b);
void fe_mul(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b);
void fe_sqr(const ec_curve *c, glass_limb *r, const glass_limb *a);
/* r = a^-1 = a^(p-2) (Fermat), constant time; 0 for a = 0. */
void fe_inv(const ec_curve *c, glass_limb *r, const glass_limb *a);
/* Big-endian bytes (exactly c->size) -> Montgomery form.  Returns 0, or
 * GLASS_E_EC_POINT when the value is not below p. */
int  fe_from_bytes(const ec_curve *c, glass_limb *r, const uint8_t *in);
void fe_to_bytes(const ec_curve *c, uint8_t *out, const glass_limb *a);

/* ---- points (ec_point.c) ---- */
void ec_point_infinity(const ec_curve *c, ec_point *r);
/* Complete addition and doubling: any inputs, infinity included. */
void ec_point_add(const ec_curve *c, ec_point *r, const ec_point *p, const ec_point *q);
void ec_point_double(const ec_curve *c, ec_point *r, const ec_point *p);
/* r = k * p for a big-endian scalar of c->size bytes; constant time in k
 * (fixed 4-bit window, every table entry read at each lookup). */
void ec_point_mul(const ec_curve *c, ec_point *r, const uint8_t *k, const ec_point *p);
/* r = k * G. */
void ec_point_mul_base(const ec_curve *c, ec_point *r, const uint8_t *k);
/* r = u1 * G + u2 * q, sharing the doublings (Straus / "Shamir's trick");
 * used by verification on public values, but constant time anyway. */
void ec_point_mul2(const ec_curve *c, ec_point *r, const uint8_t *u1,
                   const uint8_t *u2, const ec_point *q);
/* Affine coordinates as big-endian bytes (x or y may be NULL).  Returns
 * all-ones when p is the point at infinity (x, y are then zero), else 0. */
glass_limb ec_point_to_affine(const ec_curve *c, uint8_t *x, uint8_t *y, const ec_point *p);
/* Loads affine big-endian (x, y) and checks it: both < p and
 * y^2 = x^3 - 3x + b.  0 or GLASS_E_EC_POINT. */
int  ec_point_from_affine(const ec_curve *c, ec_point *r, const uint8_t *x, const uint8_t *y);

#endif /* GLASS_EC_INTERNAL_H */
