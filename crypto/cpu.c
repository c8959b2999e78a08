/*
 * cpu.c — which fast paths the processor offers, probed once and cached
 * (the one piece of global state crypto/ allows), and the switch that turns
 * the fast paths off (glass_crypto_set_hw(), environment GLASS_NO_ASM=1).
 * Public view: glasstls/hw.h; the pattern the fast paths follow: cpu.h.
 *
 * x86-64 feature bits: Intel SDM Vol. 2A, CPUID leaf 01H (ECX) and leaf 07H
 * (EBX, ECX); XGETBV tells whether the OS saves the wider registers.
 */
#include "glasstls/hw.h"
#include "cpu.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if GLASS_CPU_X86_64
#include <cpuid.h>

static uint64_t xgetbv0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

static unsigned probe(void)
{
    unsigned a, b, c, d, f = GLASS_CPU_X86_64_BASE;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return f;
    if (c & (1u << 25)) f |= GLASS_CPU_AESNI;
    if (c & (1u << 1))  f |= GLASS_CPU_PCLMUL;
    if (c & (1u << 9))  f |= GLASS_CPU_SSSE3;
    if (c & (1u << 19)) f |= GLASS_CPU_SSE41;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    uint64_t xcr0 = osxsave ? xgetbv0() : 0;
    int os_avx = (xcr0 & 0x6) == 0x6, os_avx512 = (xcr0 & 0xE6) == 0xE6;
    if (avx && os_avx) f |= GLASS_CPU_AVX;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        if ((f & GLASS_CPU_AVX) && (b & (1u << 5))) f |= GLASS_CPU_AVX2;
        if (os_avx512 && (b & (1u << 16)) && (b & (1u << 30)) && (b & (1u << 31)))
            f |= GLASS_CPU_AVX512;
        if ((f & GLASS_CPU_AVX) && (c & (1u << 9)))  f |= GLASS_CPU_VAES;
        if ((f & GLASS_CPU_AVX) && (c & (1u << 10))) f |= GLASS_CPU_VPCLMUL;
        /* AVX512F (EBX bit 16) and AVX512_IFMA (EBX bit 21); only F is
         * needed besides IFMA (the RSA code uses no BW/VL instruction) */
        if (os_avx512 && (b & (1u << 16)) && (b & (1u << 21)))
            f |= GLASS_CPU_IFMA;
        if (b & (1u << 29)) f |= GLASS_CPU_SHANI;
        if (b & (1u << 8))  f |= GLASS_CPU_BMI2;
        if (b & (1u << 19)) f |= GLASS_CPU_ADX;
        /* valgrind executes ADCX/ADOX but its CPUID clears the ADX bit;
         * GLASS_CPU_ASSUME_ADX=1 lets the checks that run under valgrind
         * (make ctcheck, make memcheck, icount.sh) reach the ADX bignum
         * code.  Only for machines that have ADX: elsewhere the bignum
         * code would then stop on an illegal instruction. */
        const char *assume = getenv("GLASS_CPU_ASSUME_ADX");
        if (assume != NULL && strcmp(assume, "1") == 0 && (f & GLASS_CPU_BMI2))
            f |= GLASS_CPU_ADX;
        /* The same for AVX-512 IFMA, which valgrind cannot run at all: the
         * ctcheck build (GLASS_CTGRIND) compiles crypto/bignum_ifma.c with
         * its vector operations as C loops, and GLASS_CPU_ASSUME_IFMA=1
         * lets ct_rsa reach that code under valgrind.  In a normal build
         * it is only for machines that have IFMA (as above). */
        assume = getenv("GLASS_CPU_ASSUME_IFMA");
        if (assume != NULL && strcmp(assume, "1") == 0)
            f |= GLASS_CPU_IFMA;
    }
    return f;
}
#else
/* Not x86-64 with GCC or Clang: no fast path is built, none is offered. */
static unsigned probe(void)
{
    return 0;
}
#endif

#define PROBED (1u << 31)
static atomic_uint cpu_cache;          /* 0 = not probed yet */
static atomic_int  hw_mode = -1;       /* -1: not decided, 0 off, 1 on */
static atomic_int  ifma_mode = 1;      /* glass_crypto_set_ifma() */

/* The first call probes; every later one is a load (inlined below, so a
 * predicate costs one call). */
static unsigned probe_once(void)
{
    unsigned f = probe() | PROBED;
    atomic_store(&cpu_cache, f);
    return f;
}

static inline unsigned features(void)
{
    unsigned f = atomic_load(&cpu_cache);
    if (!(f & PROBED))
        f = probe_once();
    return f & ~PROBED;
}

unsigned glass_cpu_features(void)
{
    return features();
}

void glass_crypto_set_hw(int enabled)
{
    atomic_store(&hw_mode, enabled ? 1 : 0);
}

int glass_crypto_hw_enabled(void)
{
    int m = atomic_load(&hw_mode);
    if (m < 0) {
        const char *e = getenv("GLASS_NO_ASM");
        m = (e != NULL && e[0] != '\0' && strcmp(e, "0") != 0) ? 0 : 1;
        atomic_store(&hw_mode, m);
    }
    return m;
}

/* 1 when every bit of need was found. */
static int has_all(unsigned need)
{
    return (features() & need) == need;
}

int glass_cpu_has_aesni(void)
{
    return has_all(GLASS_CPU_AESNI | GLASS_CPU_PCLMUL | GLASS_CPU_SSSE3 | GLASS_CPU_SSE41);
}
int glass_cpu_has_vaes(void)
{
    return has_all(GLASS_CPU_AVX512 | GLASS_CPU_VAES | GLASS_CPU_VPCLMUL);
}
int glass_cpu_has_shani(void)
{
    return has_all(GLASS_CPU_SHANI | GLASS_CPU_SSSE3 | GLASS_CPU_SSE41);
}
int glass_cpu_has_x86_64(void) { return has_all(GLASS_CPU_X86_64_BASE); }
int glass_cpu_has_adx(void)    { return has_all(GLASS_CPU_BMI2 | GLASS_CPU_ADX); }
int glass_cpu_has_avx2(void)   { return has_all(GLASS_CPU_AVX2); }
int glass_cpu_has_ifma(void)
{
    return has_all(GLASS_CPU_IFMA) && atomic_load(&ifma_mode);
}
void glass_crypto_set_ifma(int enabled)
{
    atomic_store(&ifma_mode, enabled ? 1 : 0);
}
