/*
 * gf128.h — GF(2^128) in GCM's bit order, and polynomials over it, for
 * glass-attack gcm-reuse (docs/labs/gcm-reuse.md).  Written for the lab,
 * apart from the library's GHASH (crypto/ghash.c), so that the attack
 * solves for H with arithmetic of its own.
 *
 * GCM's field (NIST SP 800-38D 6.3) is GF(2)[x] / (x^128 + x^7 + x^2 + x + 1)
 * with a reflected bit order: bit 0 of a block (the most significant bit of
 * its first byte) is the coefficient of x^0, bit 127 (the least significant
 * bit of the last byte) that of x^127.  A gf128 keeps the block as two
 * big-endian halves, so "shift right by one" is multiplication by x.
 *
 * Over that field the attack needs polynomials in one unknown, H: the tag
 * of a record is a polynomial in H (GHASH), and two tags made under the same
 * nonce give an equation whose roots include the real H.  gf_poly_roots()
 * finds every root that lies in GF(2^128): gcd with X^(2^128) - X keeps the
 * linear factors, and Cantor-Zassenhaus splitting (with the trace map, as
 * the field has characteristic 2) pulls them apart.
 */
#ifndef GLASS_LABS_GF128_H
#define GLASS_LABS_GF128_H

#include <stddef.h>
#include <stdint.h>

typedef struct gf128 {
    uint64_t hi, lo;    /* bytes 0-7 and 8-15 of the block, big-endian */
} gf128;

gf128 gf128_load(const uint8_t b[16]);
void gf128_store(uint8_t b[16], gf128 a);
gf128 gf128_add(gf128 a, gf128 b);           /* XOR: the field has characteristic 2 */
gf128 gf128_mul(gf128 a, gf128 b);           /* SP 800-38D Algorithm 1 */
gf128 gf128_inv(gf128 a);                    /* a^(2^128 - 2); 0 for 0 */
int gf128_is_zero(gf128 a);
int gf128_eq(gf128 a, gf128 b);
gf128 gf128_one(void);                       /* the block 80 00 .. 00 */

/* GHASH_H(A, C) (SP 800-38D 6.4, over A || 0^v || C || 0^u || [len A]_64 ||
 * [len C]_64), what a GCM tag is before the E_K(J0) mask. */
gf128 gf128_ghash(gf128 h, const uint8_t *aad, size_t aad_len, const uint8_t *ct,
                  size_t ct_len);

/* Polynomials a_0 + a_1 X + ... + a_d X^d over GF(2^128).  GF_POLY_MAX is
 * the largest degree the attack takes on: two records of up to about 4 KB
 * each (a record of n blocks with one AAD block has degree n + 2). */
#define GF_POLY_MAX 300

typedef struct gf_poly {
    int deg;                          /* -1 for the zero polynomial */
    gf128 c[2 * GF_POLY_MAX + 2];     /* room for a product before reduction */
} gf_poly;

/* The coefficients of GHASH_H(A, C) as a polynomial in H, added into p
 * (which must be at least as long): block B_1 .. B_n gives
 * B_1 H^n + ... + B_n H.  -1 when it would pass GF_POLY_MAX. */
int gf_poly_add_ghash(gf_poly *p, const uint8_t *aad, size_t aad_len, const uint8_t *ct,
                      size_t ct_len);
void gf_poly_trim(gf_poly *p);
gf128 gf_poly_eval(const gf_poly *p, gf128 x);

/* Every distinct root of p in GF(2^128), into roots[max]; returns how many
 * (at most deg p), or -1 when p is zero or too long.  seed drives the
 * random splitting polynomials: any value gives the same roots. */
int gf_poly_roots(const gf_poly *p, gf128 *roots, int max, uint64_t seed);

#endif
