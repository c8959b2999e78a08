/*
 * bignum_ifma.c — the constant-time RSA exponentiation (glass_bn_modexp_ct)
 * in radix 2^52 with AVX-512 IFMA, for 1024-, 1536- and 2048-bit moduli
 * (n = 16, 24, 32 limbs of 64 bits: the CRT halves of RSA-2048, -3072 and
 * -4096, and the whole modulus of a 2048-bit key without CRT).  For x86-64
 * CPUs with AVX512F and AVX512_IFMA and an OS that saves the ZMM state
 * (glass_cpu_has_ifma()).  bignum.c chooses it at run time (GLASS_NO_ASM=1
 * or glass_crypto_set_hw(0) selects the portable code); it is tested
 * against the portable exponentiation in tests/test_bignum_paths.c.  A stub
 * where GLASS_BN_FAST is 0 (bignum.h).
 *
 * Why radix 2^52: VPMADD52LUQ / VPMADD52HUQ multiply the low 52 bits of
 * eight pairs of 64-bit lanes and add the low (resp. high) 52 bits of each
 * 104-bit product to a 64-bit accumulator.  With 52-bit limbs one such
 * instruction does eight limb products, and the 12 spare bits of each
 * accumulator lane absorb the carries of a whole multiplication: they are
 * propagated once at the end instead of after every product.
 *
 * The multiplication is an "almost Montgomery multiplication" (AMM; the
 * idea is described in S. Gueron and V. Krasnov, "Accelerating big integer
 * arithmetic using Intel IFMA extensions", ARITH 2016; this code is our
 * own): with R' = 2^(52k) for k 52-bit limbs,
 *     AMM(a, b) = a * b / R'  (mod m),  a result below 2m, not below m.
 * It skips the final conditional subtraction.  That is sound as long as
 * 4m <= R': for a, b < 2m, (a*b + q*m) / R' < 4m*m/R' + m <= 2m, so the
 * bound is kept from one product to the next.  Here k = 20, 30, 40 limbs
 * hold 1040, 1560, 2080 bits, 16 to 32 bits more than m: the bound holds
 * by far.  Only the very last result is reduced below m, once.
 *
 * One row i of the multiplication (b[i] a limb of b), on an accumulator
 * acc of k lanes (one limb per lane, not normalised):
 *     acc += lo(a * b[i])                        position j
 *     q    = acc[0] * (-m^-1) mod 2^52            lane 0 is now 0 mod 2^52
 *     acc += lo(m * q)
 *     acc  = acc / 2^52                           one lane down (VALIGNQ)
 *     acc += hi(a * b[i]) + hi(m * q)             these belong one lane up,
 *                                                 i.e. where they now land
 * Lane 0 is followed in a scalar register as well (q depends on it: the
 * one serial chain of the loop), and its carry, acc[0] >> 52, is added to
 * the scalar copy of the next lane 0 instead of to the vector.
 *
 * Constant time: the loops run over k (public) and the exponent's bit
 * positions (public); the window table is read entry by entry, each ANDed
 * with a mask made by arithmetic from the secret window (no branch, no
 * secret address), as in bignum.c.  The IFMA instructions take the same
 * time whatever their operands.  `make ctcheck` cannot run AVX-512 under
 * valgrind, so the ctcheck build (GLASS_CTGRIND) compiles this file with
 * the eight-lane operations written as plain C loops (vec_* below): the
 * same control flow and the same memory accesses, which memcheck checks
 * (tests/ctcheck/run.sh, GLASS_CPU_ASSUME_IFMA=1).
 */
#include "bignum.h"

#include "glasstls/ct.h"

#if GLASS_BN_FAST

#define MASK52 ((uint64_t)0xfffffffffffff)

/* ---- eight 64-bit lanes: the only operations the code uses ---- */
#if defined(GLASS_CTGRIND)
/* The ctcheck build: the same operations as C loops (see the top). */
#define IFMA
typedef struct vec { uint64_t l[8]; } vec;
static inline vec vec_zero(void)
{
    vec r;
    for (int i = 0; i < 8; i++) r.l[i] = 0;
    return r;
}
static inline vec vec_set1(uint64_t x)
{
    vec r;
    for (int i = 0; i < 8; i++) r.l[i] = x;
    return r;
}
static inline vec vec_load(const uint64_t *p)
{
    vec r;
    for (int i = 0; i < 8; i++) r.l[i] = p[i];
    return r;
}
static inline void vec_store(uint64_t *p, vec a)
{
    for (int i = 0; i < 8; i++) p[i] = a.l[i];
}
static inline vec vec_add(vec a, vec b)
{
    for (int i = 0; i < 8; i++) a.l[i] += b.l[i];
    return a;
}
static inline vec vec_and(vec a, vec b)
{
    for (int i = 0; i < 8; i++) a.l[i] &= b.l[i];
    return a;
}
static inline vec vec_or(vec a, vec b)
{
    for (int i = 0; i < 8; i++) a.l[i] |= b.l[i];
    return a;
}
static inline vec vec_madd52lo(vec acc, vec a, vec b)
{
    for (int i = 0; i < 8; i++)
        acc.l[i] += (uint64_t)((unsigned __int128)(a.l[i] & MASK52) * (b.l[i] & MASK52)) & MASK52;
    return acc;
}
static inline vec vec_madd52hi(vec acc, vec a, vec b)
{
    for (int i = 0; i < 8; i++)
        acc.l[i] += (uint64_t)(((unsigned __int128)(a.l[i] & MASK52) * (b.l[i] & MASK52)) >> 52);
    return acc;
}
/* lanes 1..7 of lo, then lane 0 of hi (VALIGNQ by one) */
static inline vec vec_shift1(vec hi, vec lo)
{
    vec r;
    for (int i = 0; i < 7; i++) r.l[i] = lo.l[i + 1];
    r.l[7] = hi.l[0];
    return r;
}
static inline uint64_t vec_lane1(vec a)
{
    return a.l[1];
}
/* all-ones lanes where a == b, by arithmetic (no compare into a mask) */
static inline vec vec_eqmask(vec a, vec b)
{
    for (int i = 0; i < 8; i++) {
        uint64_t x = a.l[i] ^ b.l[i];
        a.l[i] = (uint64_t)0 - ((~x & (x - 1)) >> 63);
    }
    return a;
}
/* lanes shifted one up: lane 0 of lo's lane 7, then hi's lanes 0..6
 * (VALIGNQ by seven) */
static inline vec vec_shift_up1(vec hi, vec lo)
{
    vec r;
    r.l[0] = lo.l[7];
    for (int i = 1; i < 8; i++) r.l[i] = hi.l[i - 1];
    return r;
}
static inline vec vec_srl52(vec a)
{
    for (int i = 0; i < 8; i++) a.l[i] >>= 52;
    return a;
}
static inline vec vec_set_lane0(vec a, uint64_t x)
{
    a.l[0] = x;
    return a;
}
/* bit i set when lane i > 2^52 - 1, resp. == 2^52 - 1 (no branch) */
static inline unsigned vec_over52(vec a)
{
    unsigned m = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t x = a.l[i] >> 52;
        m |= (unsigned)((x | (0 - x)) >> 63) << i;
    }
    return m;
}
static inline unsigned vec_full52(vec a)
{
    unsigned m = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t x = a.l[i] ^ MASK52;
        m |= (unsigned)((~x & (x - 1)) >> 63) << i;
    }
    return m;
}
/* lane i + 1 where bit i of m is set */
static inline vec vec_add1_where(vec a, unsigned m)
{
    for (int i = 0; i < 8; i++) a.l[i] += (m >> i) & 1;
    return a;
}
static inline void vec_clear_registers(void)
{
}
#else
#include <immintrin.h>

#define IFMA __attribute__((target("avx512f,avx512ifma")))
typedef __m512i vec;
static inline IFMA vec vec_zero(void) { return _mm512_setzero_si512(); }
static inline IFMA vec vec_set1(uint64_t x) { return _mm512_set1_epi64((long long)x); }
static inline IFMA vec vec_load(const uint64_t *p) { return _mm512_loadu_si512((const void *)p); }
static inline IFMA void vec_store(uint64_t *p, vec a) { _mm512_storeu_si512((void *)p, a); }
static inline IFMA vec vec_add(vec a, vec b) { return _mm512_add_epi64(a, b); }
static inline IFMA vec vec_and(vec a, vec b) { return _mm512_and_si512(a, b); }
static inline IFMA vec vec_or(vec a, vec b) { return _mm512_or_si512(a, b); }
static inline IFMA vec vec_madd52lo(vec acc, vec a, vec b) { return _mm512_madd52lo_epu64(acc, a, b); }
static inline IFMA vec vec_madd52hi(vec acc, vec a, vec b) { return _mm512_madd52hi_epu64(acc, a, b); }
static inline IFMA vec vec_shift1(vec hi, vec lo) { return _mm512_alignr_epi64(hi, lo, 1); }
static inline IFMA uint64_t vec_lane1(vec a)
{
    return (uint64_t)_mm_extract_epi64(_mm512_castsi512_si128(a), 1);
}
/* x == 0 exactly when ~x & (x - 1) has its top bit set; the arithmetic
 * shift spreads that bit over the lane (no mask register, no branch) */
static inline IFMA vec vec_eqmask(vec a, vec b)
{
    vec x = _mm512_xor_si512(a, b);
    vec t = _mm512_andnot_si512(x, _mm512_sub_epi64(x, _mm512_set1_epi64(1)));
    return _mm512_srai_epi64(t, 63);
}
static inline IFMA vec vec_shift_up1(vec hi, vec lo) { return _mm512_alignr_epi64(hi, lo, 7); }
static inline IFMA vec vec_srl52(vec a) { return _mm512_srli_epi64(a, 52); }
static inline IFMA vec vec_set_lane0(vec a, uint64_t x)
{
    return _mm512_mask_set1_epi64(a, 1, (long long)x);
}
/* Compares into a mask register, read as an integer: the masks are data
 * for the carry arithmetic below, never a branch or an address. */
static inline IFMA unsigned vec_over52(vec a)
{
    return _mm512_cmpgt_epu64_mask(a, _mm512_set1_epi64((long long)MASK52));
}
static inline IFMA unsigned vec_full52(vec a)
{
    return _mm512_cmpeq_epu64_mask(a, _mm512_set1_epi64((long long)MASK52));
}
static inline IFMA vec vec_add1_where(vec a, unsigned m)
{
    return _mm512_mask_add_epi64(a, (__mmask8)m, a, _mm512_set1_epi64(1));
}
/* The registers held secret limbs.  VZEROALL clears ZMM0-15; the code may
 * also use ZMM16-31, which VZEROALL leaves alone. */
static inline IFMA void vec_clear_registers(void)
{
    __asm__ volatile("vzeroall\n\t"
                     "vpxorq %%zmm16, %%zmm16, %%zmm16\n\tvpxorq %%zmm17, %%zmm17, %%zmm17\n\t"
                     "vpxorq %%zmm18, %%zmm18, %%zmm18\n\tvpxorq %%zmm19, %%zmm19, %%zmm19\n\t"
                     "vpxorq %%zmm20, %%zmm20, %%zmm20\n\tvpxorq %%zmm21, %%zmm21, %%zmm21\n\t"
                     "vpxorq %%zmm22, %%zmm22, %%zmm22\n\tvpxorq %%zmm23, %%zmm23, %%zmm23\n\t"
                     "vpxorq %%zmm24, %%zmm24, %%zmm24\n\tvpxorq %%zmm25, %%zmm25, %%zmm25\n\t"
                     "vpxorq %%zmm26, %%zmm26, %%zmm26\n\tvpxorq %%zmm27, %%zmm27, %%zmm27\n\t"
                     "vpxorq %%zmm28, %%zmm28, %%zmm28\n\tvpxorq %%zmm29, %%zmm29, %%zmm29\n\t"
                     "vpxorq %%zmm30, %%zmm30, %%zmm30\n\tvpxorq %%zmm31, %%zmm31, %%zmm31"
                     ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
                         "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
                         "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22", "xmm23",
                         "xmm24", "xmm25", "xmm26", "xmm27", "xmm28", "xmm29", "xmm30", "xmm31");
}
#endif

/* Unroll the loops over the registers of a number (NV, a constant in each
 * caller): without it GCC keeps acc[] and H[] in memory and every row
 * waits for a store and a load. */
#define UNROLL _Pragma("GCC unroll 8")

/* The largest size: 40 limbs of 52 bits (2080 bits) in five registers. */
#define MAXV 5
#define MAXK (8 * MAXV)

/* ---- radix conversions (positions public, values never branched on) ---- */

/* y (nv*8 52-bit limbs, zero above the value) = x (xn 64-bit limbs) */
static void to_52(uint64_t *y, size_t nv, const glass_limb *x, size_t xn)
{
    for (size_t j = 0; j < 8 * nv; j++) {
        size_t bit = 52 * j, li = bit / 64, sh = bit % 64;
        uint64_t v = 0;
        if (li < xn)
            v = x[li] >> sh;
        if (sh > 12 && li + 1 < xn)
            v |= x[li + 1] << (64 - sh);
        y[j] = v & MASK52;
    }
}

/* x (xn 64-bit limbs) = y (nv*8 normalised 52-bit limbs) */
static void from_52(glass_limb *x, size_t xn, const uint64_t *y, size_t nv)
{
    for (size_t i = 0; i < xn; i++) {
        size_t bit = 64 * i, j = bit / 52, sh = bit % 52;
        uint64_t v = 0;
        for (size_t t = 0; t < 3; t++)         /* a 64-bit limb spans <= 3 */
            if (j + t < 8 * nv) {
                size_t pos = 52 * t;           /* where limb j+t starts, from bit */
                if (pos >= sh && pos - sh < 64)
                    v |= y[j + t] << (pos - sh);
                else if (pos < sh)
                    v |= y[j + t] >> (sh - pos);
            }
        x[i] = v;
    }
}

/* ---- the almost Montgomery multiplication (see the top) ---- */

typedef struct amm_ctx {
    uint64_t m[MAXK];        /* the modulus, 52-bit limbs, zero padded */
    uint64_t k0;             /* -m^-1 mod 2^52 */
    size_t nv;               /* registers per number: 3, 4 or 5 */
    size_t k;                /* 52-bit limbs that hold 2m: 20, 30 or 40 */
} amm_ctx;

/* r = a * b / 2^(52k) mod m, below 2m; a, b below 2m, normalised 52-bit
 * limbs.  r may alias a or b.  NV and K are constants in each caller
 * below, so the register arrays are unrolled and stay in registers.
 *
 * The row of the top comment, arranged for latency: the one serial chain
 * (lane 0 -> q -> the next lane 0) is computed in scalar registers, from
 * lane 1 of the accumulator and the few limb products that reach lane 0;
 * the vector work of a row waits only for q, and the accumulator itself
 * only for one VALIGNQ and two additions per row. */
static inline __attribute__((always_inline)) IFMA void
amm_body(uint64_t *r, const uint64_t *a, const uint64_t *b, const amm_ctx *c,
         const size_t NV, const size_t K)
{
    vec A[MAXV], M[MAXV], acc[MAXV];
    const uint64_t a0 = a[0], a1 = a[1], m0 = c->m[0], m1 = c->m[1], k0 = c->k0;
    uint64_t t0 = 0;           /* the true lane 0 of acc (see the top) */

    UNROLL
    for (size_t v = 0; v < NV; v++) {
        A[v] = vec_load(a + 8 * v);
        M[v] = vec_load(c->m + 8 * v);
        acc[v] = vec_zero();
    }
    for (size_t i = 0; i < K; i++) {
        const uint64_t bi = b[i];
        const vec bv = vec_set1(bi);
        /* scalar: q from lane 0, the carry lane 0 passes up, and the next
         * lane 0 = lane 1 + every product half that lands there */
        const unsigned __int128 pa = (unsigned __int128)a0 * bi;
        const uint64_t s = t0 + ((uint64_t)pa & MASK52);
        const uint64_t q = (s * k0) & MASK52;
        const vec qv = vec_set1(q);
        const unsigned __int128 pm = (unsigned __int128)m0 * q;
        const uint64_t carry = (s + ((uint64_t)pm & MASK52)) >> 52;
        t0 = vec_lane1(acc[0]) + ((a1 * bi) & MASK52) + ((m1 * q) & MASK52)
             + (uint64_t)(pa >> 52) + (uint64_t)(pm >> 52) + carry;
        /* vector: the low halves at their lanes, then one lane down (lane
         * 0 falls off: it lives in t0), the high halves one lane up, i.e.
         * where they now land */
        vec L[MAXV], H[MAXV];
        UNROLL
        for (size_t v = 0; v < NV; v++) {
            L[v] = vec_madd52lo(vec_madd52lo(acc[v], A[v], bv), M[v], qv);
            H[v] = vec_madd52hi(vec_madd52hi(vec_zero(), A[v], bv), M[v], qv);
        }
        UNROLL
        for (size_t v = 0; v + 1 < NV; v++)
            acc[v] = vec_add(vec_shift1(L[v + 1], L[v]), H[v]);
        acc[NV - 1] = vec_add(vec_shift1(vec_zero(), L[NV - 1]), H[NV - 1]);
    }
    /* normalise, in the registers (the value is < 2m < 2^(52k), so
     * nothing is left over the top lane):
     * 1. every lane passes its bits above 52 one lane up; the lanes are
     *    then at most 2^52 - 1 + 2^12, so each carries at most 1;
     * 2. those carries, all at once: lane j carries out when it is over
     *    2^52 - 1 (g, "generates") or is exactly 2^52 - 1 and gets a
     *    carry in (p, "propagates"); with one bit per lane, the carries
     *    in are ((g << 1) + p) ^ p, the carry-lookahead of an ordinary
     *    integer addition.  No branch, whatever the limbs are. */
    acc[0] = vec_set_lane0(acc[0], t0);
    const vec mask = vec_set1(MASK52);
    vec hi[MAXV];
    UNROLL
    for (size_t v = 0; v < NV; v++)
        hi[v] = vec_srl52(acc[v]);
    UNROLL
    for (size_t v = 0; v < NV; v++)
        acc[v] = vec_add(vec_and(acc[v], mask), vec_shift_up1(hi[v], v ? hi[v - 1] : vec_zero()));
    uint64_t g = 0, p = 0;
    UNROLL
    for (size_t v = 0; v < NV; v++) {
        g |= (uint64_t)vec_over52(acc[v]) << (8 * v);
        p |= (uint64_t)vec_full52(acc[v]) << (8 * v);
    }
    const uint64_t cin = ((g << 1) + p) ^ p;
    UNROLL
    for (size_t v = 0; v < NV; v++)
        vec_store(r + 8 * v, vec_and(vec_add1_where(acc[v], (unsigned)(cin >> (8 * v)) & 0xff), mask));
}

static IFMA void amm3(uint64_t *r, const uint64_t *a, const uint64_t *b, const amm_ctx *c)
{
    amm_body(r, a, b, c, 3, 20);
}
static IFMA void amm4(uint64_t *r, const uint64_t *a, const uint64_t *b, const amm_ctx *c)
{
    amm_body(r, a, b, c, 4, 30);
}
static IFMA void amm5(uint64_t *r, const uint64_t *a, const uint64_t *b, const amm_ctx *c)
{
    amm_body(r, a, b, c, 5, 40);
}

typedef void (*amm_fn)(uint64_t *r, const uint64_t *a, const uint64_t *b, const amm_ctx *c);

/* ---- the window table ---- */

#define WIN 5
#define WIN_SIZE (1u << WIN)

/* t = table[idx] (nv registers), every entry read, ANDed with a mask that
 * is all-ones only for entry idx (idx may be secret). */
static IFMA void lookup(uint64_t *t, const uint64_t (*table)[MAXK], uint64_t idx, size_t nv)
{
    const vec want = vec_set1(idx);
    for (size_t v = 0; v < nv; v++) {
        vec acc = vec_zero();
        for (size_t i = 0; i < WIN_SIZE; i++) {
            const vec mask = vec_eqmask(vec_set1(i), want);
            acc = vec_or(acc, vec_and(mask, vec_load(table[i] + 8 * v)));
        }
        vec_store(t + 8 * v, acc);
    }
}

/* The WIN exponent bits from bit `bit` (positions public, bits secret). */
static uint64_t window_at(const glass_limb *e, size_t elimbs, size_t bit)
{
    size_t li = bit / 64, sh = bit % 64;
    uint64_t v = e[li] >> sh;
    if (sh + WIN > 64 && li + 1 < elimbs)
        v |= e[li + 1] << (64 - sh);
    return v & (WIN_SIZE - 1);
}

/* r = 2^s * 2^(64n) mod m, for 0 <= s <= 64 (s < 64n): a 64-bit Montgomery product of
 * R^2 (mc->rr) and 2^s.  The constants that move a value between the
 * 64-bit Montgomery form (R = 2^(64n)) and the 52-bit one (R' = 2^(52k)). */
static void pow2_mod(glass_limb *r, size_t s, const glass_mont *mc)
{
    glass_limb p[GLASS_BN_MAX_LIMBS];
    glass_bn_zero(p, mc->n);
    p[s / 64] = (glass_limb)1 << (s % 64);
    glass_bn_mont_mul(r, mc->rr, p, mc);
}

int glass_bn_modexp_ifma_sizes(size_t n)
{
    return n == 16 || n == 24 || n == 32;
}

void glass_bn_modexp_ifma(glass_limb *r, const glass_limb *base, const glass_limb *e,
                          size_t ebits, const glass_mont *mc)
{
    const size_t n = mc->n;
    amm_ctx c;
    uint64_t table[WIN_SIZE][MAXK];
    uint64_t acc[MAXK], t[MAXK], conv[MAXK];
    glass_limb x[GLASS_BN_MAX_LIMBS + 1];

    c.k = n / 4 * 5;                     /* 64n bits + 16n/4 spare: 20, 30, 40 */
    c.nv = (c.k + 7) / 8;
    c.k0 = mc->m0inv & MASK52;           /* -m^-1 mod 2^64, cut to 2^52 */
    to_52(c.m, c.nv, mc->m, n);
    const amm_fn amm = c.nv == 3 ? amm3 : c.nv == 4 ? amm4 : amm5;   /* public */
    const size_t spare = 52 * c.k - 64 * n;                           /* 16, 24, 32 */

    /* into the 52-bit form: base = a R  ->  a R' = AMM(a R, R'^2 / R),
     * R'^2 / R = 2^(2*spare) * R (mod m); and 1 -> R' = 2^spare * R */
    pow2_mod(x, 2 * spare, mc);
    to_52(conv, c.nv, x, n);
    to_52(t, c.nv, base, n);
    amm(table[1], t, conv, &c);
    pow2_mod(x, spare, mc);
    to_52(table[0], c.nv, x, n);

    /* table[i] = a^i R' (below 2m) */
    for (unsigned i = 2; i < WIN_SIZE; i++) {
        if (i % 2 == 0)
            amm(table[i], table[i / 2], table[i / 2], &c);
        else
            amm(table[i], table[i - 1], table[1], &c);
    }

    /* HAC 14.82 with a 5-bit window, as glass_bn_modexp_ct in bignum.c */
    const size_t windows = (ebits + WIN - 1) / WIN, elimbs = (ebits + 63) / 64;
    glass_bn_copy(acc, table[0], 8 * c.nv);
    for (size_t w = windows; w-- > 0;) {
        if (w != windows - 1)                 /* public: position only */
            for (int s = 0; s < WIN; s++)
                amm(acc, acc, acc, &c);
        lookup(t, (const uint64_t (*)[MAXK])table, window_at(e, elimbs, w * WIN), c.nv);
        amm(acc, acc, t, &c);
    }

    /* back to the 64-bit form: a^e R' -> a^e R = AMM(a^e R', R mod m),
     * then the one full reduction below m */
    glass_bn_mont_one(x, mc);
    to_52(conv, c.nv, x, n);
    amm(acc, acc, conv, &c);
    from_52(x, n + 1, acc, c.nv);
    glass_bn_cond_sub(x, x[n], mc->m, n);
    glass_bn_copy(r, x, n);

    vec_clear_registers();
    glass_wipe(table, sizeof table);
    glass_wipe(acc, sizeof acc);
    glass_wipe(t, sizeof t);
    glass_wipe(x, sizeof x);
}

/* For the tests: r = a * b / 2^(52k) mod m, fully reduced (n limbs), for
 * a, b below 2m given in n + 1 limbs: one AMM between the conversions. */
void glass_bn_amm_ifma(glass_limb *r, const glass_limb *a, const glass_limb *b,
                       const glass_mont *mc)
{
    const size_t n = mc->n;
    amm_ctx c;
    uint64_t a52[MAXK], b52[MAXK], r52[MAXK];
    glass_limb x[GLASS_BN_MAX_LIMBS + 1];
    c.k = n / 4 * 5;
    c.nv = (c.k + 7) / 8;
    c.k0 = mc->m0inv & MASK52;
    to_52(c.m, c.nv, mc->m, n);
    to_52(a52, c.nv, a, n + 1);
    to_52(b52, c.nv, b, n + 1);
    const amm_fn amm = c.nv == 3 ? amm3 : c.nv == 4 ? amm4 : amm5;
    amm(r52, a52, b52, &c);
    from_52(x, n + 1, r52, c.nv);
    glass_bn_cond_sub(x, x[n], mc->m, n);
    glass_bn_copy(r, x, n);
    vec_clear_registers();
}

#else
/* Stubs, never called: glass_bn_modexp_ifma_available(n) is 0 here. */
int glass_bn_modexp_ifma_sizes(size_t n)
{
    (void)n;
    return 0;
}
void glass_bn_modexp_ifma(glass_limb *r, const glass_limb *base, const glass_limb *e,
                          size_t ebits, const glass_mont *mc)
{
    (void)r; (void)base; (void)e; (void)ebits; (void)mc;
}
void glass_bn_amm_ifma(glass_limb *r, const glass_limb *a, const glass_limb *b,
                       const glass_mont *mc)
{
    (void)r; (void)a; (void)b; (void)mc;
}
#endif /* GLASS_BN_FAST */
