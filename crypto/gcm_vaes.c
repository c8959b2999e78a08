/*
 * gcm_vaes.c — the AES-GCM bulk loop (SP 800-38D 6.4, 6.5) for x86-64
 * CPUs with VAES and VPCLMULQDQ on 512-bit registers (AVX-512): the same
 * instructions as AES-NI/PCLMULQDQ, applied to four 128-bit lanes at once.
 * Sixteen counter blocks (four registers) go through the rounds together;
 * the sixteen GHASH products of the previous batch, multiplied by
 * H^16..H^1, are summed lane by lane, the four lanes folded into one, and
 * reduced once (aggregated reduction, as in gcm_x86.c).
 *
 * Used only when glass_cpu_has_vaes() (AVX-512F/BW/VL, VAES and VPCLMULQDQ,
 * the OS saving the 512-bit registers), through g->wide (gcm_x86.c); the
 * functions carry a target attribute, so no compiler flag is needed and
 * nothing else in the library uses AVX-512.  Where GLASS_CPU_X86_64 is 0
 * its only caller, gcm_x86.c, is a stub, so nothing is built here.
 */
#include "glasstls/ct.h"
#include "aes_internal.h"

#if GLASS_CPU_X86_64
#include "ghash_x86.h"

#define WIDE __attribute__((target("aes,pclmul,ssse3,sse4.1,avx,avx2,avx512f,avx512bw,avx512vl,vaes,vpclmulqdq")))

static inline WIDE __m512i bswap512(__m512i x)
{
    const __m512i m = _mm512_broadcast_i32x4(
        _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    return _mm512_shuffle_epi8(x, m);
}

static inline WIDE __m512i load512(const uint8_t *p)
{
    return _mm512_loadu_si512((const void *)p);
}

/* lanes 0..3 = a, b, c, d */
static inline WIDE __m512i lanes4(__m128i a, __m128i b, __m128i c, __m128i d)
{
    __m512i z = _mm512_inserti32x4(_mm512_setzero_si512(), a, 0);
    z = _mm512_inserti32x4(z, b, 1);
    z = _mm512_inserti32x4(z, c, 2);
    return _mm512_inserti32x4(z, d, 3);
}

typedef struct wacc { __m512i lo, hi, mid; } wacc;

static inline WIDE void wacc_mul(wacc *a, __m512i x, __m512i h, __m512i hk)
{
    a->lo = _mm512_xor_si512(a->lo, _mm512_clmulepi64_epi128(x, h, 0x00));
    a->hi = _mm512_xor_si512(a->hi, _mm512_clmulepi64_epi128(x, h, 0x11));
    a->mid = _mm512_xor_si512(a->mid, _mm512_clmulepi64_epi128(
                 _mm512_xor_si512(x, _mm512_shuffle_epi32(x, _MM_PERM_BADC)), hk, 0x00));
}

static inline WIDE __m128i fold4(__m512i z)
{
    return _mm_xor_si128(_mm_xor_si128(_mm512_extracti32x4_epi32(z, 0), _mm512_extracti32x4_epi32(z, 1)),
                         _mm_xor_si128(_mm512_extracti32x4_epi32(z, 2), _mm512_extracti32x4_epi32(z, 3)));
}

static inline WIDE __m128i wreduce(wacc a)
{
    acc n = { fold4(a.lo), fold4(a.hi), fold4(a.mid) };
    return reduce(n);
}

typedef struct wide_ctx {
    __m512i rk[15];            /* round keys, each in all four lanes */
    __m512i pw[4], kk[4];      /* [H^16..H^13], [H^12..H^9], [H^8..H^5], [H^4..H^1] */
    unsigned rounds;
} wide_ctx;

/* X_i (i = 0..15) of the 16 blocks at p is multiplied by H^(16-i); Y is
 * added to X_0 first (SP 800-38D 6.4 step 4, unrolled). */
#define GH4(j) do {                                                            \
        __m512i x_ = bswap512(load512(hsrc + 64 * (j)));                       \
        if ((j) == 0)                                                          \
            x_ = _mm512_xor_si512(x_, _mm512_inserti32x4(_mm512_setzero_si512(), y, 0)); \
        wacc_mul(&a, x_, w->pw[j], w->kk[j]);                                  \
    } while (0)

#define ENC4(key) do {                                  \
        __m512i k_ = (key);                             \
        c0 = _mm512_aesenc_epi128(c0, k_);              \
        c1 = _mm512_aesenc_epi128(c1, k_);              \
        c2 = _mm512_aesenc_epi128(c2, k_);              \
        c3 = _mm512_aesenc_epi128(c3, k_);              \
    } while (0)

static inline WIDE __m128i step16(const wide_ctx *w, __m512i *ctrz, const uint8_t *in,
                                  uint8_t *out, const uint8_t *hsrc, __m128i y)
{
    const __m512i four = _mm512_set_epi32(0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4);
    wacc a = { _mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512() };
    __m512i c0 = *ctrz, c1 = _mm512_add_epi32(c0, four);
    __m512i c2 = _mm512_add_epi32(c1, four), c3 = _mm512_add_epi32(c2, four);
    *ctrz = _mm512_add_epi32(c3, four);                   /* inc32 x 16, SP 800-38D 6.2 */
    c0 = _mm512_xor_si512(bswap512(c0), w->rk[0]);
    c1 = _mm512_xor_si512(bswap512(c1), w->rk[0]);
    c2 = _mm512_xor_si512(bswap512(c2), w->rk[0]);
    c3 = _mm512_xor_si512(bswap512(c3), w->rk[0]);
    ENC4(w->rk[1]); if (hsrc) GH4(0);
    ENC4(w->rk[2]); if (hsrc) GH4(1);
    ENC4(w->rk[3]); if (hsrc) GH4(2);
    ENC4(w->rk[4]); if (hsrc) GH4(3);
    ENC4(w->rk[5]); if (hsrc) y = wreduce(a);
    for (unsigned r = 6; r < w->rounds; r++)
        ENC4(w->rk[r]);
    __m512i last = w->rk[w->rounds];
    _mm512_storeu_si512((void *)out, _mm512_xor_si512(_mm512_aesenclast_epi128(c0, last), load512(in)));
    _mm512_storeu_si512((void *)(out + 64), _mm512_xor_si512(_mm512_aesenclast_epi128(c1, last), load512(in + 64)));
    _mm512_storeu_si512((void *)(out + 128), _mm512_xor_si512(_mm512_aesenclast_epi128(c2, last), load512(in + 128)));
    _mm512_storeu_si512((void *)(out + 192), _mm512_xor_si512(_mm512_aesenclast_epi128(c3, last), load512(in + 192)));
    return y;
}

static inline WIDE __m128i ghash16(const wide_ctx *w, const uint8_t *hsrc, __m128i y)
{
    wacc a = { _mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512() };
    GH4(0); GH4(1); GH4(2); GH4(3);
    return wreduce(a);
}

WIDE size_t glass_gcm_vaes_bulk(const glass_gcm *g, int decrypt, __m128i *ctr_le, __m128i *y,
                                const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const __m128i *rk = (const __m128i *)(const void *)g->aes.rk;
    wide_ctx wc, *w = &wc;
    size_t done = 0;
    __m128i yy = *y;

    if (nblocks < 16)
        return 0;
    w->rounds = g->aes.rounds;
    for (unsigned r = 0; r <= w->rounds; r++)
        w->rk[r] = _mm512_broadcast_i32x4(rk[r]);
    for (int j = 0; j < 4; j++) {
        int top = 16 - 4 * j;                               /* H^top .. H^(top-3) */
        w->pw[j] = lanes4(HPOW(g, top), HPOW(g, top - 1), HPOW(g, top - 2), HPOW(g, top - 3));
        w->kk[j] = lanes4(HKEY(g, top), HKEY(g, top - 1), HKEY(g, top - 2), HKEY(g, top - 3));
    }
    __m512i ctrz = _mm512_add_epi32(_mm512_broadcast_i32x4(*ctr_le),
                                    _mm512_set_epi32(0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0));
    if (decrypt) {
        for (; nblocks - done >= 16; done += 16)
            yy = step16(w, &ctrz, in + 16 * done, out + 16 * done, in + 16 * done, yy);
    } else {
        yy = step16(w, &ctrz, in, out, NULL, yy);
        for (done = 16; nblocks - done >= 16; done += 16)
            yy = step16(w, &ctrz, in + 16 * done, out + 16 * done, out + 16 * (done - 16), yy);
        yy = ghash16(w, out + 16 * (done - 16), yy);
    }
    *ctr_le = _mm512_castsi512_si128(ctrz);
    *y = yy;
    glass_wipe(&wc, sizeof wc);
    return done;
}

#else
/* ISO C forbids an empty translation unit, hence this declaration. */
typedef int glass_gcm_vaes_unused;
#endif
