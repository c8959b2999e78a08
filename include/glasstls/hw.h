/*
 * glasstls/hw.h — the hardware fast paths of the crypto layer: one switch
 * that turns all of them on or off, and one predicate per CPU feature a
 * fast path needs.
 *
 * Every primitive has portable C code, the reference.  On x86-64 some also
 * have a faster version using instructions not every CPU has (AES-NI, the
 * SHA extensions, MULX/ADX, ...).  A fast path runs when both hold:
 *   glass_crypto_hw_enabled()   the switch is on, and
 *   glass_cpu_has_<feature>()   this CPU has the feature.
 * Both paths compute the same result in constant time; only speed differs.
 *
 * AES and AES-GCM decide when a key is set up (glass_aes_setkey,
 * glass_gcm_init): a key keeps its path when the switch changes later.
 * SHA-256 and the RSA arithmetic decide at each call.
 */
#ifndef GLASSTLS_HW_H
#define GLASSTLS_HW_H

#include "glasstls/export.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* ---- the switch ----
 * On by default; off from the start when the environment variable
 * GLASS_NO_ASM is set to a non-empty value other than "0" (read once, at
 * the first use of a fast path).  glass_crypto_set_hw(0) forces the
 * portable code, glass_crypto_set_hw(1) lets every fast path run where the
 * CPU has it, whatever GLASS_NO_ASM says. */
void glass_crypto_set_hw(int enabled);
/* 1 when the switch is on (it says nothing about the CPU). */
int  glass_crypto_hw_enabled(void);

/* ---- what the CPU offers ----
 * Each returns 1 when the CPU has the feature, 0 otherwise; always 0 where
 * the fast paths are not built (other processors, compilers other than
 * GCC and Clang).  They ignore the switch.  The probe (CPUID) runs once and
 * is cached.  (The RSA fast paths also need 64-bit limbs, so a build with
 * -DGLASS_FORCE_LIMB32 uses the portable RSA arithmetic everywhere.) */

/* AES-NI and PCLMULQDQ, with SSSE3 and SSE4.1: AES (crypto/aes_x86.c) and
 * the GCM bulk loop with its GHASH (crypto/gcm_x86.c). */
int glass_cpu_has_aesni(void);
/* AVX-512 F/BW/VL (the OS saving the 512-bit registers), VAES and
 * VPCLMULQDQ: the 16-block GCM loop (crypto/gcm_vaes.c), used on keys that
 * take the AES-NI path. */
int glass_cpu_has_vaes(void);
/* The SHA extensions, with SSSE3 and SSE4.1: SHA-256 and SHA-224
 * (crypto/sha256_x86.c). */
int glass_cpu_has_shani(void);
/* Any x86-64 CPU (64-bit MUL and ADC): the row of the Montgomery
 * multiplication in assembly (crypto/bignum_x86.c). */
int glass_cpu_has_x86_64(void);
/* BMI2 (MULX) and ADX (ADCX, ADOX): Montgomery multiplication and
 * squaring for RSA (crypto/bignum_adx.c). */
int glass_cpu_has_adx(void);
/* AVX2 (the OS saving the 256-bit registers): the window lookup of the RSA
 * exponentiations (crypto/bignum_avx2.c). */
int glass_cpu_has_avx2(void);
/* AVX-512 F and IFMA (VPMADD52LUQ/HUQ; the OS saving the 512-bit
 * registers): the RSA exponentiations of 1024-, 1536- and 2048-bit moduli
 * in radix 2^52, i.e. the CRT halves of RSA-2048/3072/4096
 * (crypto/bignum_ifma.c).  Like the others it ignores the switch above,
 * but it says 0 while glass_crypto_set_ifma(0) is in force. */
int glass_cpu_has_ifma(void);
/* Turns only the IFMA exponentiation off (0) or back on (1, the default),
 * leaving every other fast path as the switch above says: with it off, RSA
 * runs on the MULX/ADX multiplication and the AVX2 lookup as before.  For
 * the benchmark that compares the two (glass-bench's RSA rows) and the
 * tests; it does not turn IFMA on where the CPU lacks it. */
void glass_crypto_set_ifma(int enabled);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_HW_H */
