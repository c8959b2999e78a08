/*
 * x25519_invert.h — 1/z in GF(2^255 - 19) by Fermat's little theorem,
 * written over the abstract field interface of x25519_ladder.h (fe,
 * fe_sq, fe_mul), which the including file has named.  Included by
 * x25519_ladder.h and by x25519_base.c; not a normal header (it defines
 * static functions).
 */
#include "glasstls/ct.h"

/* h = f^(2^n): n successive squarings. */
static void fe_sqn(fe h, const fe f, int n)
{
    fe_sq(h, f);
    for (int i = 1; i < n; i++)
        fe_sq(h, h);
}

/* out = z^(p-2) = 1/z (Fermat's little theorem; RFC 7748 section 5 ends
 * the ladder with x_2 * z_2^(p-2)).  p - 2 = 2^255 - 21 = (2^250 - 1)*2^5
 * + 11; the chain builds z^(2^k - 1) for k = 5, 10, 20, 40, 50, 100, 200,
 * 250 (254 squarings and 11 multiplications in all).  0 maps to 0. */
static void fe_invert(fe out, const fe z)
{
    /* powers of z, which is secret: kept together to be wiped at the end */
    struct { fe z2, z9, z11, e5, e10, e20, e50, e100, t; } v;

    fe_sq(v.z2, z);                     /* z^2 */
    fe_sqn(v.t, v.z2, 2);               /* z^8 */
    fe_mul(v.z9, v.t, z);               /* z^9 */
    fe_mul(v.z11, v.z9, v.z2);          /* z^11 */
    fe_sq(v.t, v.z11);                  /* z^22 */
    fe_mul(v.e5, v.t, v.z9);            /* z^31 = z^(2^5 - 1) */
    fe_sqn(v.t, v.e5, 5);
    fe_mul(v.e10, v.t, v.e5);           /* z^(2^10 - 1) */
    fe_sqn(v.t, v.e10, 10);
    fe_mul(v.e20, v.t, v.e10);          /* z^(2^20 - 1) */
    fe_sqn(v.t, v.e20, 20);
    fe_mul(v.t, v.t, v.e20);            /* z^(2^40 - 1) */
    fe_sqn(v.t, v.t, 10);
    fe_mul(v.e50, v.t, v.e10);          /* z^(2^50 - 1) */
    fe_sqn(v.t, v.e50, 50);
    fe_mul(v.e100, v.t, v.e50);         /* z^(2^100 - 1) */
    fe_sqn(v.t, v.e100, 100);
    fe_mul(v.t, v.t, v.e100);           /* z^(2^200 - 1) */
    fe_sqn(v.t, v.t, 50);
    fe_mul(v.t, v.t, v.e50);            /* z^(2^250 - 1) */
    fe_sqn(v.t, v.t, 5);                /* z^(2^255 - 32) */
    fe_mul(out, v.t, v.z11);            /* z^(2^255 - 21) = z^(p - 2) */
    glass_wipe(&v, sizeof v);
}
