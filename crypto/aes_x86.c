/*
 * aes_x86.c — AES block encryption with the x86-64 AES-NI instructions
 * (Intel, "Advanced Encryption Standard (AES) New Instructions Set",
 * white paper 323641, 2010).  AESENC performs one full round of FIPS 197
 * 5.1 (ShiftRows, SubBytes, MixColumns, AddRoundKey) in hardware, in
 * constant time; AESENCLAST the last round without MixColumns.
 *
 * The round keys are the same bytes the portable key expansion (aes.c,
 * FIPS 197 5.2) writes to glass_aes_key.rk, loaded 16 bytes at a time.
 * The real code where GLASS_CPU_X86_64 is 1 (cpu.h), a stub elsewhere; the
 * function is compiled for the AES extension with a target attribute and
 * called only for keys set up with the fast path (aes.c: the switch and
 * glass_cpu_has_aesni()).
 */
#include "aes_internal.h"

#if GLASS_CPU_X86_64
#include <immintrin.h>

#define HW __attribute__((target("aes,sse4.1")))

HW void glass_aes_hw_encrypt_block(const glass_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    const __m128i *rk = (const __m128i *)(const void *)k->rk;
    __m128i x = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)in), rk[0]);
    for (unsigned r = 1; r < k->rounds; r++)
        x = _mm_aesenc_si128(x, rk[r]);                 /* rounds 1 .. Nr-1 */
    x = _mm_aesenclast_si128(x, rk[k->rounds]);         /* final round */
    _mm_storeu_si128((__m128i *)(void *)out, x);
}

#else  /* stub, never called: glass_cpu_has_aesni() is 0, so no key has hw set */

void glass_aes_hw_encrypt_block(const glass_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    (void)k; (void)in; (void)out;
}

#endif
