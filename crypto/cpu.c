/*
 * cpu.c — the CPU-feature probe and the run-time switch for the hardware
 * fast paths (glass_crypto_hw_* in glasstls/aes.h; internal view in cpu.h).
 *
 * Reference: Intel 64 and IA-32 Architectures Software Developer's Manual,
 * vol. 2A, "CPUID": leaf 1 ECX (AESNI bit 25, PCLMULQDQ bit 1, SSSE3 bit 9,
 * SSE4.1 bit 19) and leaf 7 sub-leaf 0 EBX (SHA bit 29).
 *
 * The probe runs at most once per process (the result never changes), and
 * the GLASS_NO_ASM environment variable is read once, at the first question.
 * Both are kept in atomics so concurrent first calls are harmless.
 */
#include "glasstls/aes.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "cpu.h"

#if GLASS_CPU_X86_64
#include <cpuid.h>
#endif

enum {
    CPU_PROBED = 1 << 0,
    CPU_AESNI  = 1 << 1,
    CPU_PCLMUL = 1 << 2,
    CPU_SSSE3  = 1 << 3,
    CPU_SSE41  = 1 << 4,
    CPU_SHA    = 1 << 5,
};

static _Atomic int cpu_flags;        /* 0 until probed */
static _Atomic int hw_setting = -1;  /* -1: not decided yet; 0 off; 1 on */

static int probe(void)
{
    int flags = CPU_PROBED;
#if GLASS_CPU_X86_64
    unsigned int eax, ebx, ecx, edx;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        if (ecx & (1u << 25)) flags |= CPU_AESNI;
        if (ecx & (1u << 1))  flags |= CPU_PCLMUL;
        if (ecx & (1u << 9))  flags |= CPU_SSSE3;
        if (ecx & (1u << 19)) flags |= CPU_SSE41;
    }
    if (__get_cpuid_max(0, NULL) >= 7) {
        __cpuid_count(7, 0, eax, ebx, ecx, edx);
        if (ebx & (1u << 29)) flags |= CPU_SHA;
    }
#endif
    return flags;
}

static int cpu(void)
{
    int f = atomic_load_explicit(&cpu_flags, memory_order_relaxed);
    if (f == 0) {
        f = probe();
        atomic_store_explicit(&cpu_flags, f, memory_order_relaxed);
    }
    return f;
}

int glass_cpu_has_aesni(void)  { return (cpu() & CPU_AESNI) != 0; }
int glass_cpu_has_pclmul(void) { return (cpu() & CPU_PCLMUL) != 0; }
int glass_cpu_has_ssse3(void)  { return (cpu() & CPU_SSSE3) != 0; }
int glass_cpu_has_sse41(void)  { return (cpu() & CPU_SSE41) != 0; }
int glass_cpu_has_shani(void)
{
    int need = CPU_SHA | CPU_SSSE3 | CPU_SSE41;
    return (cpu() & need) == need;
}

/* 1 when the CPU has at least one of glasstls's fast paths: AES-NI with
 * PCLMULQDQ (AES, GCM) or the SHA extensions (SHA-256). */
int glass_crypto_hw_available(void)
{
    return (glass_cpu_has_aesni() && glass_cpu_has_pclmul()) || glass_cpu_has_shani();
}

void glass_crypto_set_hw(int enabled)
{
    atomic_store_explicit(&hw_setting, enabled ? 1 : 0, memory_order_relaxed);
}

/* On unless GLASS_NO_ASM is set to a non-empty value other than "0"; the
 * environment is consulted once, then only glass_crypto_set_hw() changes it. */
int glass_crypto_hw_enabled(void)
{
    int s = atomic_load_explicit(&hw_setting, memory_order_relaxed);
    if (s < 0) {
        const char *e = getenv("GLASS_NO_ASM");
        int off = e != NULL && e[0] != '\0' && !(e[0] == '0' && e[1] == '\0');
        int expected = -1;
        atomic_compare_exchange_strong(&hw_setting, &expected, off ? 0 : 1);
        s = atomic_load_explicit(&hw_setting, memory_order_relaxed);
    }
    return s;
}
