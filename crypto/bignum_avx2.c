/*
 * bignum_avx2.c — the constant-time table lookup of the windowed
 * exponentiations (bignum.c, ct_lookup) with 256-bit AVX2 registers, for
 * x86-64 CPUs with AVX2 (CPUID.(EAX=7,ECX=0):EBX.AVX2[bit 5], and the OS
 * saving the YMM state: glass_cpu_has_avx2()).  Chosen at run time by
 * bignum.c (GLASS_NO_ASM=1 or glass_crypto_set_hw(0) selects the portable
 * loop) and tested against it in tests/test_bignum_paths.c.  A stub where
 * GLASS_BN_FAST is 0 (bignum.h).
 *
 * The same computation as the portable loop: every entry of the table is
 * read, ANDed with a mask that is all-ones only for the wanted entry, and
 * ORed into the result — four limbs per instruction instead of one.  The
 * mask comes from a vector compare of the entry number with the secret
 * index (no branch), and the addresses depend only on the entry number
 * and the limb position, never on the index.
 */
#include "bignum.h"

#if GLASS_BN_FAST
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

AVX2 void glass_bn_ct_lookup_avx2(glass_limb *t, const glass_limb *table, size_t stride,
                                  size_t entries, glass_limb idx, size_t n)
{
    const __m256i want = _mm256_set1_epi64x((long long)idx);
    const __m256i one = _mm256_set1_epi64x(1);
    size_t j = 0;
    /* 16 limbs (four registers) at a time over every entry ... */
    for (; j + 16 <= n; j += 16) {
        __m256i r0 = _mm256_setzero_si256(), r1 = r0, r2 = r0, r3 = r0;
        __m256i i_vec = _mm256_setzero_si256();
        for (size_t i = 0; i < entries; i++) {
            const __m256i mask = _mm256_cmpeq_epi64(i_vec, want);
            const glass_limb *e = table + i * stride + j;
            r0 = _mm256_or_si256(r0, _mm256_and_si256(mask, _mm256_loadu_si256((const __m256i *)(e + 0))));
            r1 = _mm256_or_si256(r1, _mm256_and_si256(mask, _mm256_loadu_si256((const __m256i *)(e + 4))));
            r2 = _mm256_or_si256(r2, _mm256_and_si256(mask, _mm256_loadu_si256((const __m256i *)(e + 8))));
            r3 = _mm256_or_si256(r3, _mm256_and_si256(mask, _mm256_loadu_si256((const __m256i *)(e + 12))));
            i_vec = _mm256_add_epi64(i_vec, one);
        }
        _mm256_storeu_si256((__m256i *)(t + j + 0), r0);
        _mm256_storeu_si256((__m256i *)(t + j + 4), r1);
        _mm256_storeu_si256((__m256i *)(t + j + 8), r2);
        _mm256_storeu_si256((__m256i *)(t + j + 12), r3);
    }
    /* ... then 4 limbs at a time (n is a multiple of 4) */
    for (; j < n; j += 4) {
        __m256i r0 = _mm256_setzero_si256(), i_vec = _mm256_setzero_si256();
        for (size_t i = 0; i < entries; i++) {
            const __m256i mask = _mm256_cmpeq_epi64(i_vec, want);
            const glass_limb *e = table + i * stride + j;
            r0 = _mm256_or_si256(r0, _mm256_and_si256(mask, _mm256_loadu_si256((const __m256i *)e)));
            i_vec = _mm256_add_epi64(i_vec, one);
        }
        _mm256_storeu_si256((__m256i *)(t + j), r0);
    }
    /* the vector registers held table limbs: clear them (VZEROALL) */
    _mm256_zeroall();
}

#else
/* Stub, never called: glass_bn_ct_lookup_avx2_available(n) is 0 here. */
void glass_bn_ct_lookup_avx2(glass_limb *t, const glass_limb *table, size_t stride,
                             size_t entries, glass_limb idx, size_t n)
{
    (void)t; (void)table; (void)stride; (void)entries; (void)idx; (void)n;
}
#endif /* GLASS_BN_FAST */
