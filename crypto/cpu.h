/*
 * cpu.h — internal: the CPU probe behind the fast paths of crypto/.
 *
 * Every fast path follows one pattern:
 *   - it lives in its own file (sha256_x86.c, aes_x86.c, gcm_x86.c,
 *     gcm_vaes.c, bignum_x86.c, bignum_adx.c, bignum_avx2.c, bignum_ifma.c),
 *     whose whole
 *     body is chosen at build time: the real code where GLASS_CPU_X86_64
 *     is 1 (for the bignum files GLASS_BN_FAST, which also needs 64-bit
 *     limbs), else stubs with the same names that are never called;
 *   - its entry points are declared unconditionally in an internal header,
 *     so the portable file compiles the same everywhere;
 *   - the portable file picks it with a plain `if` on the two run-time
 *     predicates of glasstls/hw.h,
 *         if (glass_crypto_hw_enabled() && glass_cpu_has_X()) fast(...);
 *         else portable(...);
 *     glass_cpu_has_X() is 0 where GLASS_CPU_X86_64 is 0, and bignum.c
 *     adds the constant GLASS_BN_FAST to its conditions, so a stub is
 *     never reached.
 * AES and GCM make that choice once per key (aes.c sets k->hw; gcm.c and
 * aes.c then test the flag), the others at each call.
 * No .c file in crypto/ has a #if inside a function body
 * (tests/sh/fastpath_pattern.sh checks this).
 *
 * The cached probe and the switch in cpu.c are the one piece of global
 * state crypto/ allows (docs/ARCHITECTURE.md, Conventions).
 */
#ifndef GLASS_CRYPTO_CPU_H
#define GLASS_CRYPTO_CPU_H

/* The switch and the per-feature predicates are public (cpu.c). */
#include "glasstls/hw.h"

/* The build-time choice: 1 where the fast-path files hold the real code
 * (x86-64 with GCC or Clang: target attributes, intrinsics, inline asm). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GLASS_CPU_X86_64 1
#else
#define GLASS_CPU_X86_64 0
#endif

/* Feature bits returned by glass_cpu_features() (probed once, cached;
 * 0 when GLASS_CPU_X86_64 is 0).  The glass_cpu_has_X() predicates combine
 * them; the fast paths use only the predicates. */
#define GLASS_CPU_AESNI     (1u << 0)
#define GLASS_CPU_PCLMUL    (1u << 1)
#define GLASS_CPU_SSSE3     (1u << 2)
#define GLASS_CPU_SSE41     (1u << 3)
#define GLASS_CPU_AVX       (1u << 4)
#define GLASS_CPU_AVX2      (1u << 5)
#define GLASS_CPU_AVX512    (1u << 6)   /* F + BW + VL, and the OS saves ZMM state */
#define GLASS_CPU_VAES      (1u << 7)
#define GLASS_CPU_VPCLMUL   (1u << 8)
#define GLASS_CPU_SHANI     (1u << 9)
#define GLASS_CPU_BMI2      (1u << 10)  /* MULX (and SHLX, ...) */
#define GLASS_CPU_ADX       (1u << 11)  /* ADCX, ADOX */
#define GLASS_CPU_X86_64_BASE (1u << 12) /* set on every x86-64 CPU */
#define GLASS_CPU_IFMA      (1u << 13)  /* AVX512F + AVX512_IFMA, and the OS saves ZMM state */
unsigned glass_cpu_features(void);

#endif /* GLASS_CRYPTO_CPU_H */
