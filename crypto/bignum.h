/*
 * bignum.h — fixed-capacity multi-precision integers for RSA (internal to
 * crypto/).  Numbers are little-endian arrays of limbs whose length (in
 * limbs) is passed explicitly; nothing is allocated.  Up to 4096 bits.
 *
 * Limbs are 64-bit with unsigned __int128 products where the compiler has
 * them, else 32-bit with 64-bit products (glass_limb is chosen by the
 * platform check in glasstls/rsa.h, because the key structs store limbs).
 *
 * Unless a function says "variable time", its running time and memory
 * accesses depend only on the lengths, never on the values: those functions
 * may be used on secrets.  Masks are all-ones (true) or zero (false).
 *
 * References: Montgomery multiplication — P. Montgomery, "Modular
 * multiplication without trial division", Math. Comp. 44 (1985), in the
 * CIOS form of Koc, Acar, Kaliski, "Analyzing and comparing Montgomery
 * multiplication algorithms", IEEE Micro 16(3) 1996 (and, for squaring,
 * their separated form: the square first, then the reduction of HAC
 * algorithm 14.32); squaring — HAC algorithm 14.16 (each cross product
 * once, doubled, plus the squares); exponentiation — HAC (Menezes et al.)
 * algorithm 14.82 (fixed window) and 14.79 (binary); inversion — the
 * binary extended GCD, HAC algorithm 14.61, in a branch-free
 * fixed-iteration form.  The x86-64 fast paths
 * (bignum_x86.c, bignum_adx.c after Intel's 2012 white paper on MULX/ADCX/
 * ADOX, bignum_avx2.c) compute exactly what the portable code computes and
 * are tested against it (tests/test_bignum_paths.c).
 */
#ifndef GLASS_BIGNUM_H
#define GLASS_BIGNUM_H

#include <stddef.h>
#include <stdint.h>

#include "glasstls/rsa.h"   /* glass_limb, GLASS_LIMB_BITS */
#include "cpu.h"             /* GLASS_CPU_X86_64, the fast-path predicates */

#if GLASS_LIMB_BITS == 64
typedef unsigned __int128 glass_dlimb;
#else
typedef uint64_t glass_dlimb;
#endif

#define GLASS_BN_MAX_LIMBS  GLASS_RSA_LIMBS
#define GLASS_LIMB_BYTES    (GLASS_LIMB_BITS / 8)

/* Limbs needed for a len-byte big-endian number. */
static inline size_t glass_bn_limbs_for_bytes(size_t len)
{
    return (len + GLASS_LIMB_BYTES - 1) / GLASS_LIMB_BYTES;
}

/* ---- limb masks ---- */
/* Hides a value from the optimiser, so it cannot prove a mask is 0 or
 * all-ones and turn "x & mask" back into a branch (clang -O2 did exactly
 * that in ct_lookup, bignum.c: a jump on the secret exponent window,
 * found by `make CC=clang ctcheck`). */
static inline glass_limb glass_limb_barrier(glass_limb x)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(x));
#endif
    return x;
}
static inline glass_limb glass_limb_is_zero(glass_limb x)
{
    return (glass_limb)0 - ((~x & (x - 1)) >> (GLASS_LIMB_BITS - 1));
}
static inline glass_limb glass_limb_eq(glass_limb a, glass_limb b)
{
    return glass_limb_is_zero(a ^ b);
}
static inline glass_limb glass_limb_nonzero(glass_limb x)
{
    return ~glass_limb_is_zero(x);
}

/* A Montgomery context: modulus m (odd, n limbs, top limb nonzero is not
 * required), -m^-1 mod 2^w and R^2 mod m with R = 2^(w*n).  The pointers
 * refer to arrays owned by a key struct. */
typedef struct glass_mont {
    const glass_limb *m;
    const glass_limb *rr;
    glass_limb m0inv;
    size_t n;
} glass_mont;

/* ---- bytes ---- */
/* Big-endian bytes -> x (n limbs).  GLASS_E_LIMIT when the value does not
 * fit (the code is computed without a branch on the value). */
int  glass_bn_from_bytes(glass_limb *x, size_t n, const uint8_t *in, size_t len);
/* x (n limbs) -> exactly len big-endian bytes.  GLASS_E_LIMIT when the
 * value needs more than len bytes (computed without a branch). */
int  glass_bn_to_bytes(const glass_limb *x, size_t n, uint8_t *out, size_t len);
/* Bit length of x.  Variable time: public values only. */
size_t glass_bn_bitlen(const glass_limb *x, size_t n);

/* ---- arithmetic on n limbs ---- */
void       glass_bn_zero(glass_limb *x, size_t n);
void       glass_bn_copy(glass_limb *r, const glass_limb *a, size_t n);
glass_limb glass_bn_add(glass_limb *r, const glass_limb *a, const glass_limb *b, size_t n); /* carry */
glass_limb glass_bn_sub(glass_limb *r, const glass_limb *a, const glass_limb *b, size_t n); /* borrow */
/* Masks: a < b, a == b, x == 0. */
glass_limb glass_bn_lt(const glass_limb *a, const glass_limb *b, size_t n);
glass_limb glass_bn_eq(const glass_limb *a, const glass_limb *b, size_t n);
glass_limb glass_bn_is_zero(const glass_limb *x, size_t n);
/* r = mask ? a : b (r may alias a or b). */
void glass_bn_select(glass_limb *r, glass_limb mask, const glass_limb *a, const glass_limb *b, size_t n);
/* Swaps a and b when mask is all-ones. */
void glass_bn_cswap(glass_limb mask, glass_limb *a, glass_limb *b, size_t n);
/* x -= m when hi != 0 or x >= m (hi is an extra top limb, 0 or 1). */
void glass_bn_cond_sub(glass_limb *x, glass_limb hi, const glass_limb *m, size_t n);
/* (a - b) mod m for a, b < m. */
void glass_bn_mod_sub(glass_limb *r, const glass_limb *a, const glass_limb *b,
                      const glass_limb *m, size_t n);
/* r (an + bn limbs, not aliasing a or b) = a * b. */
void glass_bn_mul(glass_limb *r, const glass_limb *a, size_t an, const glass_limb *b, size_t bn);
/* x >>= 1, shifting top (0 or 1) into the highest bit. */
void glass_bn_shr1(glass_limb *x, size_t n, glass_limb top);

/* ---- small words (public divisors: the hardware division may be
 * variable time, so these are for key generation and public values) ---- */
uint32_t glass_bn_mod_word(const glass_limb *x, size_t n, uint32_t w);
/* q = x / w (q may alias x); returns the remainder. */
uint32_t glass_bn_div_word(glass_limb *q, const glass_limb *x, size_t n, uint32_t w);
/* r = a * w + add; returns the carry limb. */
glass_limb glass_bn_mul_word(glass_limb *r, const glass_limb *a, size_t n, glass_limb w, glass_limb add);

/* ---- Montgomery arithmetic ---- */
/* -m0^-1 mod 2^w for odd m0 (Newton iteration). */
glass_limb glass_bn_mont_m0inv(glass_limb m0);
/* rr = R^2 mod m (R = 2^(w*n)), by 2*w*n modular doublings. */
void glass_bn_mont_rr(glass_limb *rr, const glass_limb *m, size_t n);
/* r = a * b / R mod m.  Needs a < R and b < m (or the reverse); r < m.
 * r may alias a or b. */
void glass_bn_mont_mul(glass_limb *r, const glass_limb *a, const glass_limb *b, const glass_mont *mc);
/* r = a * a / R mod m, the same as glass_bn_mont_mul(r, a, a, mc) for
 * a < m, with about a quarter fewer limb products. */
void glass_bn_mont_sqr(glass_limb *r, const glass_limb *a, const glass_mont *mc);
/* r = x * R mod m (Montgomery form) for x of xn <= 2n limbs. */
void glass_bn_to_mont_wide(glass_limb *r, const glass_limb *x, size_t xn, const glass_mont *mc);
/* r = x mod m for x of xn <= 2n limbs. */
void glass_bn_reduce_wide(glass_limb *r, const glass_limb *x, size_t xn, const glass_mont *mc);
/* r = a / R mod m (leave Montgomery form). */
void glass_bn_from_mont(glass_limb *r, const glass_limb *a, const glass_mont *mc);
/* r = R mod m (1 in Montgomery form). */
void glass_bn_mont_one(glass_limb *r, const glass_mont *mc);

/* r = base^e in Montgomery form (base in Montgomery form, < m).
 * Constant time: a fixed 5-bit window over all ebits bits of e (ebits is
 * public, e.g. the bit size of the exponent's container), every table
 * entry read at each lookup. */
void glass_bn_modexp_ct(glass_limb *r, const glass_limb *base, const glass_limb *e,
                        size_t ebits, const glass_mont *mc);
/* Two such exponentiations, r1 = base1^e1 (mod mc1, ebits1 bits of e1)
 * and r2 = base2^e2 (mod mc2): the two CRT halves of an RSA private
 * operation.  With the IFMA path and moduli of the same size (and the
 * same ebits) they run interleaved (glass_bn_modexp2_ifma); otherwise it
 * is two glass_bn_modexp_ct, one after the other.  r1 may alias base1,
 * r2 base2.  The choice depends only on the CPU, the switch and the sizes. */
int  glass_bn_modexp2_interleaved(size_t n1, size_t ebits1, size_t n2, size_t ebits2);
void glass_bn_modexp2_ct(glass_limb *r1, const glass_limb *base1, const glass_limb *e1,
                         size_t ebits1, const glass_mont *mc1,
                         glass_limb *r2, const glass_limb *base2, const glass_limb *e2,
                         size_t ebits2, const glass_mont *mc2);
/* The same for a public exponent: square-and-multiply over the bits of e
 * (en limbs), branching on them.  Variable time in e only. */
void glass_bn_modexp_pub(glass_limb *r, const glass_limb *base, const glass_limb *e,
                         size_t en, const glass_mont *mc);

/* r = x^-1 mod m for odd m and x < m, constant time.  Returns all-ones
 * when gcd(x, m) = 1, else zero (r is then meaningless). */
glass_limb glass_bn_modinv(glass_limb *r, const glass_limb *x, const glass_limb *m, size_t n);
/* The same result, variable time: public inputs only.  Branches and
 * loop counts depend on x and m (binary extended Euclid, Kaliski's almost
 * inverse then a division by 2^k, see bignum_inv.c).  x < m, m odd.  Returns
 * all-ones when gcd(x, m) = 1, else zero with r = 0 (x = 0 included).
 * Used by RSA on a masked value t = r*s, uniformly random and independent
 * of the secret r (crypto/rsa.c). */
glass_limb glass_bn_modinv_vartime(glass_limb *r, const glass_limb *x, const glass_limb *m,
                                   size_t n);

/* ---- the implementations behind glass_bn_mont_mul / _sqr ----
 * glass_bn_mont_mul and glass_bn_mont_sqr choose one at run time (the
 * choice depends on the CPU, the switch and n, all public):
 *   GLASS_BN_ADX   MULX/ADCX/ADOX (bignum_adx.c), n a multiple of 8, CPUs
 *                  with BMI2 and ADX;
 *   GLASS_BN_MULQ  the portable CIOS loop with its inner row in x86-64
 *                  assembly (bignum_x86.c), any x86-64;
 *   GLASS_BN_C     the portable code (the reference; GLASS_NO_ASM=1).
 * The tests run every available path against GLASS_BN_C. */
typedef enum glass_bn_path { GLASS_BN_C, GLASS_BN_MULQ, GLASS_BN_ADX } glass_bn_path;
/* 1 when the path can run here for n limbs (ignores the run-time switch). */
int  glass_bn_path_available(glass_bn_path path, size_t n);
/* The path glass_bn_mont_mul / _sqr use for n limbs right now. */
glass_bn_path glass_bn_path_for(size_t n);
void glass_bn_mont_mul_path(glass_bn_path path, glass_limb *r, const glass_limb *a,
                            const glass_limb *b, const glass_mont *mc);
void glass_bn_mont_sqr_path(glass_bn_path path, glass_limb *r, const glass_limb *a,
                            const glass_mont *mc);

/* t (n limbs) = the entry idx of a table of `entries` entries, each n
 * limbs and `stride` limbs apart, reading every entry whatever idx is (the
 * exponentiations' window lookup; idx may be secret).  The portable loop,
 * and where it runs (AVX2, n a multiple of 4), the vector version of
 * bignum_avx2.c: glass_bn_ct_lookup() picks one. */
void glass_bn_ct_lookup(glass_limb *t, const glass_limb *table, size_t stride,
                        size_t entries, glass_limb idx, size_t n);
void glass_bn_ct_lookup_c(glass_limb *t, const glass_limb *table, size_t stride,
                          size_t entries, glass_limb idx, size_t n);
int  glass_bn_ct_lookup_avx2_available(size_t n);   /* ignores the switch */

/* ---- the fast paths (the pattern of cpu.h) ----
 * bignum_x86.c (the assembly row of the Montgomery multiplication),
 * bignum_adx.c (MULX/ADX multiplication and squaring) and bignum_avx2.c
 * (the window lookup) hold the real code where GLASS_BN_FAST is 1, stubs
 * that are never called elsewhere.  bignum.c tests GLASS_BN_FAST (a
 * constant) and the run-time predicates in plain `if`s. */
#define GLASS_BN_FAST (GLASS_CPU_X86_64 && GLASS_LIMB_BITS == 64)
void glass_bn_ct_lookup_avx2(glass_limb *t, const glass_limb *table, size_t stride,
                             size_t entries, glass_limb idx, size_t n);
void glass_bn_mont_row_x86(glass_limb *t, const glass_limb *a, const glass_limb *m,
                           glass_limb bi, glass_limb q, size_t n,
                           glass_limb *c1, glass_limb *c2);
/* n (mc->n) a multiple of 8; the same contracts as glass_bn_mont_mul/_sqr. */
void glass_bn_mont_mul_adx(glass_limb *r, const glass_limb *a, const glass_limb *b,
                           const glass_mont *mc);
void glass_bn_mont_sqr_adx(glass_limb *r, const glass_limb *a, const glass_mont *mc);

/* bignum_ifma.c: the whole of glass_bn_modexp_ct (same contract, same
 * result) in radix 2^52 with AVX-512 IFMA, for n = 16, 24 or 32 limbs
 * (glass_bn_modexp_ifma_sizes); glass_bn_modexp_ct takes it when the
 * switch is on and glass_bn_modexp_ifma_available(n).  glass_bn_amm_ifma
 * is one of its multiplications, for the tests: r = a * b / 2^(52k) mod m
 * (k = 5n/4 limbs of 52 bits), fully reduced, for a, b < 2m of n + 1
 * limbs. */
int  glass_bn_modexp_ifma_sizes(size_t n);
int  glass_bn_modexp_ifma_available(size_t n);   /* ignores the switch */
void glass_bn_modexp_ifma(glass_limb *r, const glass_limb *base, const glass_limb *e,
                          size_t ebits, const glass_mont *mc);
void glass_bn_amm_ifma(glass_limb *r, const glass_limb *a, const glass_limb *b,
                       const glass_mont *mc);
/* The two exponentiations of an RSA-CRT operation together (the same
 * contract as glass_bn_modexp_ct for each; both moduli of the same n
 * limbs, both exponents of ebits bits): r1 = base1^e1 mod mc1 and r2 =
 * base2^e2 mod mc2, their multiplications interleaved so that the two
 * independent dependency chains overlap.  glass_bn_modexp2_ct takes it
 * when it can (below); glass_bn_amm2_ifma is its paired multiplication,
 * for the tests (two glass_bn_amm_ifma at once). */
void glass_bn_modexp2_ifma(glass_limb *r1, const glass_limb *base1, const glass_limb *e1,
                           const glass_mont *mc1,
                           glass_limb *r2, const glass_limb *base2, const glass_limb *e2,
                           const glass_mont *mc2, size_t ebits);
void glass_bn_amm2_ifma(glass_limb *r1, const glass_limb *a1, const glass_limb *b1,
                        const glass_mont *mc1,
                        glass_limb *r2, const glass_limb *a2, const glass_limb *b2,
                        const glass_mont *mc2);

#endif /* GLASS_BIGNUM_H */
