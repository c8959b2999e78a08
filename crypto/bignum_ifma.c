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
 * It also runs the two CRT exponentiations of an RSA private operation
 * together (glass_bn_modexp2_ifma, chosen by glass_bn_modexp2_ct for two
 * moduli of the same size): every multiplication of the one paired with
 * the same multiplication of the other, their rows interleaved
 * (amm2_body).  One multiplication alone is bound by the latency of its
 * serial chain, not by the IFMA units; the other's chain is independent
 * and fills the gaps (RSA-2048: the pair about 1.6x faster than the two
 * one after the other).
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

/* One AMM in progress: its operand a and the modulus in registers, the
 * accumulator, and the scalar copy of lane 0 (t0).  Local to amm_body /
 * amm2_body below; the helpers are always inlined with NV a constant, so
 * the arrays are unrolled into registers and the struct never reaches
 * memory. */
typedef struct amm_regs {
    vec A[MAXV], M[MAXV], acc[MAXV];
    uint64_t a0, a1, m0, m1, k0;
    uint64_t t0;               /* the true lane 0 of acc (see the top) */
} amm_regs;

#define AMM_INLINE static inline __attribute__((always_inline)) IFMA

AMM_INLINE void amm_start(amm_regs *s, const uint64_t *a, const amm_ctx *c, const size_t NV)
{
    UNROLL
    for (size_t v = 0; v < NV; v++) {
        s->A[v] = vec_load(a + 8 * v);
        s->M[v] = vec_load(c->m + 8 * v);
        s->acc[v] = vec_zero();
    }
    s->a0 = a[0];
    s->a1 = a[1];
    s->m0 = c->m[0];
    s->m1 = c->m[1];
    s->k0 = c->k0;
    s->t0 = 0;
}

/* One row (the top comment) for the limb bi of b, arranged for latency:
 * the one serial chain (lane 0 -> q -> the next lane 0) is computed in
 * scalar registers, from lane 1 of the accumulator and the few limb
 * products that reach lane 0; the vector work of a row waits only for q,
 * and the accumulator itself only for one VALIGNQ and two additions per
 * row. */
AMM_INLINE void amm_row(amm_regs *s, uint64_t bi, const size_t NV)
{
    const vec bv = vec_set1(bi);
    /* scalar: q from lane 0, the carry lane 0 passes up, and the next
     * lane 0 = lane 1 + every product half that lands there */
    const unsigned __int128 pa = (unsigned __int128)s->a0 * bi;
    const uint64_t t = s->t0 + ((uint64_t)pa & MASK52);
    const uint64_t q = (t * s->k0) & MASK52;
    const vec qv = vec_set1(q);
    const unsigned __int128 pm = (unsigned __int128)s->m0 * q;
    const uint64_t carry = (t + ((uint64_t)pm & MASK52)) >> 52;
    s->t0 = vec_lane1(s->acc[0]) + ((s->a1 * bi) & MASK52) + ((s->m1 * q) & MASK52)
            + (uint64_t)(pa >> 52) + (uint64_t)(pm >> 52) + carry;
    /* vector: the low halves at their lanes, then one lane down (lane 0
     * falls off: it lives in t0), the high halves one lane up, i.e.
     * where they now land */
    vec L[MAXV], H[MAXV];
    UNROLL
    for (size_t v = 0; v < NV; v++) {
        L[v] = vec_madd52lo(vec_madd52lo(s->acc[v], s->A[v], bv), s->M[v], qv);
        H[v] = vec_madd52hi(vec_madd52hi(vec_zero(), s->A[v], bv), s->M[v], qv);
    }
    UNROLL
    for (size_t v = 0; v + 1 < NV; v++)
        s->acc[v] = vec_add(vec_shift1(L[v + 1], L[v]), H[v]);
    s->acc[NV - 1] = vec_add(vec_shift1(vec_zero(), L[NV - 1]), H[NV - 1]);
}

/* r = the accumulator, normalised to 52-bit limbs, in the registers (the
 * value is < 2m < 2^(52k), so nothing is left over the top lane):
 * 1. every lane passes its bits above 52 one lane up; the lanes are then
 *    at most 2^52 - 1 + 2^12, so each carries at most 1;
 * 2. those carries, all at once: lane j carries out when it is over
 *    2^52 - 1 (g, "generates") or is exactly 2^52 - 1 and gets a carry
 *    in (p, "propagates"); with one bit per lane, the carries in are
 *    ((g << 1) + p) ^ p, the carry-lookahead of an ordinary integer
 *    addition.  No branch, whatever the limbs are. */
AMM_INLINE void amm_finish(uint64_t *r, amm_regs *s, const size_t NV)
{
    vec *acc = s->acc;
    acc[0] = vec_set_lane0(acc[0], s->t0);
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

/* r = a * b / 2^(52k) mod m, below 2m; a, b below 2m, normalised 52-bit
 * limbs.  r may alias a or b (a is read at the start, b row by row, r
 * written at the end).  NV and K are constants in each caller below. */
AMM_INLINE void amm_body(uint64_t *r, const uint64_t *a, const uint64_t *b, const amm_ctx *c,
                         const size_t NV, const size_t K)
{
    amm_regs s;
    amm_start(&s, a, c, NV);
    for (size_t i = 0; i < K; i++)
        amm_row(&s, b[i], NV);
    amm_finish(r, &s, NV);
}

/* Two independent AMMs of the same size, r1 = a1 b1 / R' mod m1 and r2 =
 * a2 b2 / R' mod m2 (the two CRT halves of one RSA operation), their rows
 * interleaved.  One AMM alone is bound by the latency of its serial chain
 * (t0 -> q -> the vector update -> lane 1 -> t0, a few tens of cycles
 * per row) while the IFMA units idle most of the time; the other AMM's row
 * depends on nothing of this one, so the out-of-order core runs its
 * instructions in those gaps and two products take little more time
 * than one.  Each row of the loop is row i of the first product followed
 * by row i of the second; the compiler and the core mix their
 * instructions freely, since the two share no register. */
AMM_INLINE void amm2_body(uint64_t *r1, const uint64_t *a1, const uint64_t *b1, const amm_ctx *c1,
                          uint64_t *r2, const uint64_t *a2, const uint64_t *b2, const amm_ctx *c2,
                          const size_t NV, const size_t K)
{
    amm_regs s1, s2;
    amm_start(&s1, a1, c1, NV);
    amm_start(&s2, a2, c2, NV);
    for (size_t i = 0; i < K; i++) {
        amm_row(&s1, b1[i], NV);
        amm_row(&s2, b2[i], NV);
    }
    amm_finish(r1, &s1, NV);
    amm_finish(r2, &s2, NV);
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

static IFMA void amm2_3(uint64_t *r1, const uint64_t *a1, const uint64_t *b1, const amm_ctx *c1,
                        uint64_t *r2, const uint64_t *a2, const uint64_t *b2, const amm_ctx *c2)
{
    amm2_body(r1, a1, b1, c1, r2, a2, b2, c2, 3, 20);
}
static IFMA void amm2_4(uint64_t *r1, const uint64_t *a1, const uint64_t *b1, const amm_ctx *c1,
                        uint64_t *r2, const uint64_t *a2, const uint64_t *b2, const amm_ctx *c2)
{
    amm2_body(r1, a1, b1, c1, r2, a2, b2, c2, 4, 30);
}
static IFMA void amm2_5(uint64_t *r1, const uint64_t *a1, const uint64_t *b1, const amm_ctx *c1,
                        uint64_t *r2, const uint64_t *a2, const uint64_t *b2, const amm_ctx *c2)
{
    amm2_body(r1, a1, b1, c1, r2, a2, b2, c2, 5, 40);
}

typedef void (*amm_fn)(uint64_t *r, const uint64_t *a, const uint64_t *b, const amm_ctx *c);
typedef void (*amm2_fn)(uint64_t *r1, const uint64_t *a1, const uint64_t *b1, const amm_ctx *c1,
                        uint64_t *r2, const uint64_t *a2, const uint64_t *b2, const amm_ctx *c2);

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

/* The 52-bit context of a modulus of n = 16, 24 or 32 limbs (sizes public). */
static void amm_ctx_init(amm_ctx *c, const glass_mont *mc)
{
    const size_t n = mc->n;
    c->k = n / 4 * 5;                    /* 64n bits + 16n/4 spare: 20, 30, 40 */
    c->nv = (c->k + 7) / 8;
    c->k0 = mc->m0inv & MASK52;          /* -m^-1 mod 2^64, cut to 2^52 */
    to_52(c->m, c->nv, mc->m, n);
}

static amm_fn amm_for(const amm_ctx *c)
{
    return c->nv == 3 ? amm3 : c->nv == 4 ? amm4 : amm5;           /* public */
}

static amm2_fn amm2_for(const amm_ctx *c)
{
    return c->nv == 3 ? amm2_3 : c->nv == 4 ? amm2_4 : amm2_5;     /* public */
}

/* One exponentiation's working set: the 52-bit context (the modulus is
 * secret for a CRT prime), the window table a^i R' (below 2m), the
 * accumulator and the entry just looked up.  Wiped whole at the end. */
typedef struct exp_state {
    amm_ctx c;
    uint64_t table[WIN_SIZE][MAXK];
    uint64_t acc[MAXK], t[MAXK];
} exp_state;

/* table[0] and table[1] from base = a R (the 64-bit Montgomery form):
 * a R -> a R' = AMM(a R, R'^2 / R), R'^2 / R = 2^(2*spare) * R (mod m);
 * and 1 -> R' = 2^spare * R. */
static void exp_enter(exp_state *x, const glass_limb *base, const glass_mont *mc)
{
    const size_t n = mc->n, spare = 52 * x->c.k - 64 * n;          /* 16, 24, 32 */
    uint64_t conv[MAXK];
    glass_limb y[GLASS_BN_MAX_LIMBS];

    pow2_mod(y, 2 * spare, mc);
    to_52(conv, x->c.nv, y, n);
    to_52(x->t, x->c.nv, base, n);
    amm_for(&x->c)(x->table[1], x->t, conv, &x->c);
    pow2_mod(y, spare, mc);
    to_52(x->table[0], x->c.nv, y, n);
    glass_bn_copy(x->acc, x->table[0], 8 * x->c.nv);
    glass_wipe(conv, sizeof conv);
    glass_wipe(y, sizeof y);
}

/* r = the accumulator back in the 64-bit form: a^e R' -> a^e R =
 * AMM(a^e R', R mod m), then the one full reduction below m. */
static void exp_leave(glass_limb *r, exp_state *x, const glass_mont *mc)
{
    const size_t n = mc->n;
    glass_limb y[GLASS_BN_MAX_LIMBS + 1];

    glass_bn_mont_one(y, mc);
    to_52(x->t, x->c.nv, y, n);
    amm_for(&x->c)(x->acc, x->acc, x->t, &x->c);
    from_52(y, n + 1, x->acc, x->c.nv);
    glass_bn_cond_sub(y, y[n], mc->m, n);
    glass_bn_copy(r, y, n);
    glass_wipe(y, sizeof y);
}

void glass_bn_modexp_ifma(glass_limb *r, const glass_limb *base, const glass_limb *e,
                          size_t ebits, const glass_mont *mc)
{
    exp_state x;

    amm_ctx_init(&x.c, mc);
    const amm_fn amm = amm_for(&x.c);
    exp_enter(&x, base, mc);

    /* table[i] = a^i R' (below 2m) */
    for (unsigned i = 2; i < WIN_SIZE; i++) {
        if (i % 2 == 0)
            amm(x.table[i], x.table[i / 2], x.table[i / 2], &x.c);
        else
            amm(x.table[i], x.table[i - 1], x.table[1], &x.c);
    }

    /* HAC 14.82 with a 5-bit window, as glass_bn_modexp_ct in bignum.c */
    const size_t windows = (ebits + WIN - 1) / WIN, elimbs = (ebits + 63) / 64;
    for (size_t w = windows; w-- > 0;) {
        if (w != windows - 1)                 /* public: position only */
            for (int s = 0; s < WIN; s++)
                amm(x.acc, x.acc, x.acc, &x.c);
        lookup(x.t, (const uint64_t (*)[MAXK])x.table, window_at(e, elimbs, w * WIN), x.c.nv);
        amm(x.acc, x.acc, x.t, &x.c);
    }

    exp_leave(r, &x, mc);
    vec_clear_registers();
    glass_wipe(&x, sizeof x);
}

/* The two exponentiations of an RSA-CRT operation at once: r1 = base1^e1
 * (mod mc1) and r2 = base2^e2 (mod mc2), both ebits-bit exponents, both
 * moduli of n limbs.  The same steps as glass_bn_modexp_ifma, each AMM of
 * the one paired with the same AMM of the other in amm2_body (rows
 * interleaved: the second chain fills the latency of the first).  Both
 * follow one schedule, set by ebits alone (public): the same windows, the
 * same squarings, a full masked lookup in each table per window. */
void glass_bn_modexp2_ifma(glass_limb *r1, const glass_limb *base1, const glass_limb *e1,
                           const glass_mont *mc1,
                           glass_limb *r2, const glass_limb *base2, const glass_limb *e2,
                           const glass_mont *mc2, size_t ebits)
{
    exp_state x, y;

    amm_ctx_init(&x.c, mc1);
    amm_ctx_init(&y.c, mc2);
    const amm2_fn amm2 = amm2_for(&x.c);      /* the same size for both */
    exp_enter(&x, base1, mc1);
    exp_enter(&y, base2, mc2);

    for (unsigned i = 2; i < WIN_SIZE; i++) {
        const unsigned j = i % 2 == 0 ? i / 2 : i - 1, k = i % 2 == 0 ? i / 2 : 1;
        amm2(x.table[i], x.table[j], x.table[k], &x.c, y.table[i], y.table[j], y.table[k], &y.c);
    }

    const size_t windows = (ebits + WIN - 1) / WIN, elimbs = (ebits + 63) / 64;
    for (size_t w = windows; w-- > 0;) {
        if (w != windows - 1)                 /* public: position only */
            for (int s = 0; s < WIN; s++)
                amm2(x.acc, x.acc, x.acc, &x.c, y.acc, y.acc, y.acc, &y.c);
        lookup(x.t, (const uint64_t (*)[MAXK])x.table, window_at(e1, elimbs, w * WIN), x.c.nv);
        lookup(y.t, (const uint64_t (*)[MAXK])y.table, window_at(e2, elimbs, w * WIN), y.c.nv);
        amm2(x.acc, x.acc, x.t, &x.c, y.acc, y.acc, y.t, &y.c);
    }

    exp_leave(r1, &x, mc1);
    exp_leave(r2, &y, mc2);
    vec_clear_registers();
    glass_wipe(&x, sizeof x);
    glass_wipe(&y, sizeof y);
}

/* For the tests: the operands of one AMM in the 52-bit form (a, b < 2m of
 * n + 1 limbs), and its result back, fully reduced (n limbs). */
static void amm_test_in(amm_ctx *c, uint64_t *a52, uint64_t *b52, const glass_limb *a,
                        const glass_limb *b, const glass_mont *mc)
{
    amm_ctx_init(c, mc);
    to_52(a52, c->nv, a, mc->n + 1);
    to_52(b52, c->nv, b, mc->n + 1);
}

static void amm_test_out(glass_limb *r, const uint64_t *r52, const amm_ctx *c, const glass_mont *mc)
{
    const size_t n = mc->n;
    glass_limb x[GLASS_BN_MAX_LIMBS + 1];
    from_52(x, n + 1, r52, c->nv);
    glass_bn_cond_sub(x, x[n], mc->m, n);
    glass_bn_copy(r, x, n);
}

/* r = a * b / 2^(52k) mod m, fully reduced, by one AMM. */
void glass_bn_amm_ifma(glass_limb *r, const glass_limb *a, const glass_limb *b,
                       const glass_mont *mc)
{
    amm_ctx c;
    uint64_t a52[MAXK], b52[MAXK], r52[MAXK];
    amm_test_in(&c, a52, b52, a, b, mc);
    amm_for(&c)(r52, a52, b52, &c);
    amm_test_out(r, r52, &c, mc);
    vec_clear_registers();
}

/* The same for two products at once, by the interleaved amm2_body. */
void glass_bn_amm2_ifma(glass_limb *r1, const glass_limb *a1, const glass_limb *b1,
                        const glass_mont *mc1,
                        glass_limb *r2, const glass_limb *a2, const glass_limb *b2,
                        const glass_mont *mc2)
{
    amm_ctx c1, c2;
    uint64_t a1_52[MAXK], b1_52[MAXK], r1_52[MAXK], a2_52[MAXK], b2_52[MAXK], r2_52[MAXK];
    amm_test_in(&c1, a1_52, b1_52, a1, b1, mc1);
    amm_test_in(&c2, a2_52, b2_52, a2, b2, mc2);
    amm2_for(&c1)(r1_52, a1_52, b1_52, &c1, r2_52, a2_52, b2_52, &c2);
    amm_test_out(r1, r1_52, &c1, mc1);
    amm_test_out(r2, r2_52, &c2, mc2);
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
void glass_bn_modexp2_ifma(glass_limb *r1, const glass_limb *base1, const glass_limb *e1,
                           const glass_mont *mc1,
                           glass_limb *r2, const glass_limb *base2, const glass_limb *e2,
                           const glass_mont *mc2, size_t ebits)
{
    (void)r1; (void)base1; (void)e1; (void)mc1;
    (void)r2; (void)base2; (void)e2; (void)mc2; (void)ebits;
}
void glass_bn_amm2_ifma(glass_limb *r1, const glass_limb *a1, const glass_limb *b1,
                        const glass_mont *mc1,
                        glass_limb *r2, const glass_limb *a2, const glass_limb *b2,
                        const glass_mont *mc2)
{
    (void)r1; (void)a1; (void)b1; (void)mc1;
    (void)r2; (void)a2; (void)b2; (void)mc2;
}
#endif /* GLASS_BN_FAST */
