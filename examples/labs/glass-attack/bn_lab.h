/*
 * bn_lab.h — a small arbitrary-precision integer for glass-attack
 * bleichenbacher (docs/labs/bleichenbacher.md).
 *
 * ATTACKER-SIDE CODE, VARIABLE TIME.  It computes only on public values:
 * the server's modulus and exponent, the recorded ciphertext, and the
 * attack's own multipliers and intervals.  It branches and loops on the
 * values and leaves them in memory; it must never be used for a secret
 * key.  The library's own RSA (crypto/) is fixed-size and constant-time,
 * and has no division: this is not a replacement for it.
 *
 * Numbers are non-negative, little-endian arrays of 32-bit limbs with a
 * used length n (no zero limb at the top; zero is n == 0).  Capacity:
 * products of two 4096-bit numbers and a little more.
 */
#ifndef GLASS_LABS_BN_LAB_H
#define GLASS_LABS_BN_LAB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define BN_LAB_LIMBS 264

typedef struct bn {
    uint32_t d[BN_LAB_LIMBS];
    size_t   n;
} bn;

void bn_set_u32(bn *r, uint32_t v);
void bn_copy(bn *r, const bn *a);
/* big-endian bytes in and out; bn_to_bytes writes exactly len bytes
 * (-1 if the number does not fit) */
int  bn_from_bytes(bn *r, const uint8_t *b, size_t len);
int  bn_to_bytes(const bn *a, uint8_t *b, size_t len);
int  bn_is_zero(const bn *a);
size_t bn_bits(const bn *a);
/* -1, 0, 1 as a <, ==, > b */
int  bn_cmp(const bn *a, const bn *b);
/* r = a + b; r = a - b (a >= b, else -1); r = a * b.  r may alias a or b
 * for add and sub, not for mul. */
int  bn_add(bn *r, const bn *a, const bn *b);
int  bn_sub(bn *r, const bn *a, const bn *b);
int  bn_mul(bn *r, const bn *a, const bn *b);
/* small operands */
int  bn_add_u32(bn *r, const bn *a, uint32_t v);
int  bn_mul_u32(bn *r, const bn *a, uint32_t v);
/* r = a / v, returns a mod v (v != 0) */
uint32_t bn_div_u32(bn *r, const bn *a, uint32_t v);
/* r = 2^k */
int  bn_pow2(bn *r, unsigned k);
/* q = a / d, rem = a mod d (d != 0; q or rem may be NULL) */
int  bn_divmod(bn *q, bn *rem, const bn *a, const bn *d);
/* ceil(a / d) and floor(a / d) */
int  bn_div_ceil(bn *q, const bn *a, const bn *d);
int  bn_div_floor(bn *q, const bn *a, const bn *d);
/* r = a * b mod m; r = a^e mod m (r may alias a) */
int  bn_modmul(bn *r, const bn *a, const bn *b, const bn *m);
int  bn_modexp(bn *r, const bn *a, const bn *e, const bn *m);
/* r = v^-1 mod m for a small v with gcd(v, m) = 1 (else -1) */
int  bn_inv_u32(bn *r, uint32_t v, const bn *m);
void bn_print_hex(FILE *f, const bn *a);

#endif
