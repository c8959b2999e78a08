/*
 * ghash_x86.h — GHASH building blocks with PCLMULQDQ shared by the x86-64
 * GCM paths (gcm_x86.c: 8 blocks with SSE registers; gcm_vaes.c: 16 blocks
 * with VAES/VPCLMULQDQ on 512-bit registers).  Reference: Gueron and
 * Kounavis, Intel white paper 323640 (carry-less multiplication and GCM).
 *
 * Blocks are byte-reversed on load, so a register holds the block as a
 * 128-bit integer whose bit 127-i is the coefficient of x^i (the
 * "reflected" representation of ghash.c, whose comment explains the one-bit
 * shift and the reduction used here too).  Include only from files whose
 * body is guarded by #if GLASS_CPU_X86_64 (cpu.h).
 */
#ifndef GLASS_GHASH_X86_H
#define GLASS_GHASH_X86_H

#include <immintrin.h>
#include "aes_internal.h"

#define HW __attribute__((target("aes,pclmul,ssse3,sse4.1")))

static inline HW __m128i bswap128(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

static inline HW __m128i loadu(const uint8_t *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline HW void storeu(uint8_t *p, __m128i x)
{
    _mm_storeu_si128((__m128i *)(void *)p, x);
}

/* Karatsuba pieces of a product, summed over several blocks before one
 * reduction: lo = a0*b0, hi = a1*b1, mid = (a0^a1)*(b0^b1). */
typedef struct acc { __m128i lo, hi, mid; } acc;

static inline HW void acc_mul(acc *a, __m128i x, __m128i h, __m128i hk)
{
    a->lo = _mm_xor_si128(a->lo, _mm_clmulepi64_si128(x, h, 0x00));
    a->hi = _mm_xor_si128(a->hi, _mm_clmulepi64_si128(x, h, 0x11));
    a->mid = _mm_xor_si128(a->mid, _mm_clmulepi64_si128(
                 _mm_xor_si128(x, _mm_shuffle_epi32(x, 0x4E)), hk, 0x00));
}

/* Per-lane x<<63 ^ x<<62 ^ x<<57: x times (x^7 + x^2 + x + 1), pushed out. */
static inline HW __m128i fold(__m128i x)
{
    return _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(x, 63), _mm_slli_epi64(x, 62)),
                         _mm_slli_epi64(x, 57));
}

/* Combines the Karatsuba pieces, shifts the 255-bit reflected product left
 * by one and reduces modulo x^128 + x^7 + x^2 + x + 1 (SP 800-38D 6.3). */
static inline HW __m128i reduce(acc a)
{
    __m128i mid = _mm_xor_si128(a.mid, _mm_xor_si128(a.lo, a.hi));
    __m128i lo = _mm_xor_si128(a.lo, _mm_slli_si128(mid, 8));     /* p1:p0 */
    __m128i hi = _mm_xor_si128(a.hi, _mm_srli_si128(mid, 8));     /* p3:p2 */
    __m128i clo = _mm_srli_epi64(lo, 63), chi = _mm_srli_epi64(hi, 63);
    lo = _mm_or_si128(_mm_slli_epi64(lo, 1), _mm_slli_si128(clo, 8));
    hi = _mm_or_si128(_mm_or_si128(_mm_slli_epi64(hi, 1), _mm_slli_si128(chi, 8)),
                      _mm_srli_si128(clo, 8));
    __m128i b = _mm_xor_si128(lo, _mm_slli_si128(fold(lo), 8));   /* p1 ^= D */
    __m128i r = _mm_xor_si128(hi, b);
    r = _mm_xor_si128(r, _mm_xor_si128(_mm_srli_epi64(b, 1), _mm_srli_epi64(b, 2)));
    r = _mm_xor_si128(r, _mm_srli_epi64(b, 7));
    return _mm_xor_si128(r, _mm_srli_si128(fold(b), 8));
}

static inline HW __m128i karakey(__m128i h)
{
    return _mm_xor_si128(h, _mm_shuffle_epi32(h, 0x4E));
}

static inline HW __m128i gfmul(__m128i x, __m128i h)
{
    acc a = { _mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128() };
    acc_mul(&a, x, h, karakey(h));
    return reduce(a);
}

/* hw_table: H^1..H^16 (reflected), then their Karatsuba keys. */
#define HPOW(g, i)  (((const __m128i *)(const void *)(g)->hw_table)[(i) - 1])
#define HKEY(g, i)  (((const __m128i *)(const void *)(g)->hw_table)[16 + (i) - 1])

/* The 16-block VAES/VPCLMULQDQ bulk loop (gcm_vaes.c): processes the
 * largest multiple of 16 of nblocks (returns that count), updating the
 * counter (*ctr_le, byte-reversed) and the GHASH state (*y, reflected). */
size_t glass_gcm_vaes_bulk(const glass_gcm *g, int decrypt, __m128i *ctr_le, __m128i *y,
                           const uint8_t *in, uint8_t *out, size_t nblocks);

#endif
