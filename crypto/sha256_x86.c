/*
 * sha256_x86.c — the SHA-256 compression function (FIPS 180-4 section
 * 6.2.2) with the x86 SHA extensions (Intel SDM vol. 2, SHA256RNDS2,
 * SHA256MSG1, SHA256MSG2; Intel, "Intel SHA Extensions", 2013).
 *
 * Chosen at run time by sha256.c when glass_crypto_hw_enabled() and
 * glass_cpu_has_shani(); a stub where GLASS_CPU_X86_64 is 0 (cpu.h).  The instructions keep the state in two
 * registers, ABEF and CDGH (A in the highest lane), and do two rounds per
 * SHA256RNDS2 from the two sums K[t] + W[t] in the low half of the third
 * operand.  SHA256MSG1/MSG2 compute the message schedule (6.2.2 step 1)
 * four words at a time:
 *   MSG1(W[t-16..t-13], W[t-12..t-9])   = W[t-16..] + sigma0(W[t-15..])
 *   + W[t-7..t-4]                          (from ALIGNR of the next two)
 *   MSG2(that, W[t-4..t-1])              = ... + sigma1(W[t-2..])
 */
#include "sha256_impl.h"

#if GLASS_CPU_X86_64

#include <immintrin.h>

#define GLASS_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* Four rounds t..t+3 with message words m: two SHA256RNDS2, each taking
 * two of the four K+W sums (low 64 bits), swapping the roles of the
 * state registers in between. */
#define FOUR_ROUNDS(m, t) do { \
        __m128i wk_ = _mm_add_epi32((m), _mm_loadu_si128((const __m128i *)(glass_sha256_K + (t)))); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk_); \
        wk_ = _mm_shuffle_epi32(wk_, 0x0E); \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk_); \
    } while (0)

/* m0 = W[t..t+3] from m0 = W[t-16..], m1 = W[t-12..], m2 = W[t-8..], m3 = W[t-4..]. */
#define SCHEDULE(m0, m1, m2, m3) \
    (m0) = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32((m0), (m1)), \
                                              _mm_alignr_epi8((m3), (m2), 4)), (m3))

GLASS_SHA_TARGET
void glass_sha256_blocks_shani(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
    /* Byte-swaps each 32-bit lane: message words are big-endian (3.1). */
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i abef, cdgh;

    /* [A,B,C,D],[E,F,G,H] (lane 0 first) -> ABEF = [F,E,B,A], CDGH = [H,G,D,C]. */
    abcd = _mm_shuffle_epi32(abcd, 0xB1);          /* [B,A,D,C] */
    efgh = _mm_shuffle_epi32(efgh, 0x1B);          /* [H,G,F,E] */
    abef = _mm_alignr_epi8(abcd, efgh, 8);         /* [F,E,B,A] */
    cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);      /* [H,G,D,C] */

    while (nblocks-- > 0) {
        __m128i abef_in = abef, cdgh_in = cdgh;    /* 6.2.2 step 4 adds these back */
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);

        FOUR_ROUNDS(m0, 0);
        FOUR_ROUNDS(m1, 4);
        FOUR_ROUNDS(m2, 8);
        FOUR_ROUNDS(m3, 12);
        for (int t = 16; t < 64; t += 16) {
            SCHEDULE(m0, m1, m2, m3); FOUR_ROUNDS(m0, t);
            SCHEDULE(m1, m2, m3, m0); FOUR_ROUNDS(m1, t + 4);
            SCHEDULE(m2, m3, m0, m1); FOUR_ROUNDS(m2, t + 8);
            SCHEDULE(m3, m0, m1, m2); FOUR_ROUNDS(m3, t + 12);
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
        p += 64;
    }

    /* Back to [A,B,C,D],[E,F,G,H]. */
    abef = _mm_shuffle_epi32(abef, 0x1B);          /* [A,B,E,F] */
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);          /* [G,H,C,D] */
    abcd = _mm_blend_epi16(abef, cdgh, 0xF0);      /* [A,B,C,D] */
    efgh = _mm_alignr_epi8(cdgh, abef, 8);         /* [E,F,G,H] */
    _mm_storeu_si128((__m128i *)&state[0], abcd);
    _mm_storeu_si128((__m128i *)&state[4], efgh);
}

#else
/* Stub, never called: glass_cpu_has_shani() is 0 here. */
void glass_sha256_blocks_shani(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
    (void)state; (void)p; (void)nblocks;
}
#endif
