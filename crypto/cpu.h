/*
 * cpu.h — internal: which CPU fast paths exist, probed once (CPUID on
 * x86-64) and cached.  This cached probe is the one piece of global state
 * crypto/ allows (../shared/DESIGN.md).  The public switch is
 * glass_crypto_set_hw() / glass_crypto_hw_enabled() in glasstls/aes.h;
 * every fast path checks both: glass_crypto_hw_enabled() && glass_cpu_has_X().
 */
#ifndef GLASS_CRYPTO_CPU_H
#define GLASS_CRYPTO_CPU_H

/* glass_crypto_hw_available / glass_crypto_set_hw / glass_crypto_hw_enabled
 * are public and declared there (implemented in cpu.c). */
#include "glasstls/aes.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GLASS_CPU_X86_64 1
#else
#define GLASS_CPU_X86_64 0
#endif

/* Feature bits returned by glass_cpu_features() (probed once, cached). */
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
unsigned glass_cpu_features(void);

/* 1 unless the fast paths were switched off (GLASS_NO_ASM=1 or
 * glass_crypto_set_hw(0)), whatever the CPU: for fast paths that need only
 * the base x86-64 instruction set (the bignum row). */
int glass_cpu_fast_paths_on(void);

/* Each returns 1 when the CPU has the feature (always 0 off x86-64).  They
 * ignore the run-time switch: callers also check glass_crypto_hw_enabled(). */
int glass_cpu_has_aesni(void);    /* CPUID.1:ECX.AESNI[bit 25] */
int glass_cpu_has_pclmul(void);   /* CPUID.1:ECX.PCLMULQDQ[bit 1] */
int glass_cpu_has_ssse3(void);    /* CPUID.1:ECX.SSSE3[bit 9] */
int glass_cpu_has_sse41(void);    /* CPUID.1:ECX.SSE4_1[bit 19] */
/* SHA extensions, CPUID.(EAX=7,ECX=0):EBX.SHA[bit 29], together with
 * SSSE3 and SSE4.1, which the SHA-256 fast path also uses. */
int glass_cpu_has_shani(void);
/* BMI2, CPUID.(EAX=7,ECX=0):EBX.BMI2[bit 8] (MULX), together with ADX,
 * CPUID.(EAX=7,ECX=0):EBX.ADX[bit 19] (ADCX, ADOX): the bignum fast path
 * (crypto/bignum_adx.c) needs both. */
int glass_cpu_has_bmi2_adx(void);

#endif /* GLASS_CRYPTO_CPU_H */
