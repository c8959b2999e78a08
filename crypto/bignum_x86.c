/*
 * bignum_x86.c — x86-64 assembly for the inner row of the Montgomery
 * multiplication in bignum.c (CIOS, Koc-Acar-Kaliski 1996).  It computes
 * exactly what mont_row_c() in bignum.c computes:
 *   for j = 1 .. n-1:  t[j-1] = low limb of (t[j] + a[j]*bi + q*m[j] + carries)
 * with the a*bi carry chain in *c1 and the q*m chain in *c2, two limbs per
 * loop iteration.  The C compiler spills the 128-bit temporaries of the
 * portable version to the stack; this keeps them in rax:rdx.
 *
 * Chosen at run time by bignum.c (GLASS_NO_ASM=1 or glass_crypto_set_hw(0)
 * selects the portable code); tested against it on every vector.  A stub
 * where GLASS_BN_FAST is 0 (bignum.h).  No branch
 * or address depends on the limbs: only on n, which is public.
 */
#include "bignum.h"

#if GLASS_BN_FAST

void glass_bn_mont_row_x86(glass_limb *t, const glass_limb *a, const glass_limb *m,
                           glass_limb bi, glass_limb q, size_t n,
                           glass_limb *c1, glass_limb *c2)
{
    glass_limb x = *c1, y = *c2, s;
    size_t j = 1;
    if (n < 2)
        return;
    if (((n - 1) & 1) != 0) {          /* an odd count: one limb first */
        __asm__ volatile(
        "movq 0(%[a],%[j],8), %%rax\n\t"
        "mulq %[bi]\n\t"
        "addq %[x], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq 0(%[t],%[j],8), %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[x]\n\t"
        "movq %%rax, %[s]\n\t"
        "movq 0(%[m],%[j],8), %%rax\n\t"
        "mulq %[q]\n\t"
        "addq %[y], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq %[s], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[y]\n\t"
        "movq %%rax, 0-8(%[t],%[j],8)\n\t"
        "incq %[j]\n\t"
        : [x] "+&r"(x), [y] "+&r"(y), [j] "+&r"(j), [s] "=&r"(s)
        : [a] "r"(a), [t] "r"(t), [m] "r"(m), [bi] "r"(bi), [q] "r"(q), [n] "r"(n)
        : "rax", "rdx", "cc", "memory");
    }
    if (j < n) {                        /* then two limbs per iteration */
        __asm__ volatile(
        "1:\n\t"
        "movq 0(%[a],%[j],8), %%rax\n\t"
        "mulq %[bi]\n\t"
        "addq %[x], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq 0(%[t],%[j],8), %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[x]\n\t"
        "movq %%rax, %[s]\n\t"
        "movq 0(%[m],%[j],8), %%rax\n\t"
        "mulq %[q]\n\t"
        "addq %[y], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq %[s], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[y]\n\t"
        "movq %%rax, 0-8(%[t],%[j],8)\n\t"
        "movq 8(%[a],%[j],8), %%rax\n\t"
        "mulq %[bi]\n\t"
        "addq %[x], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq 8(%[t],%[j],8), %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[x]\n\t"
        "movq %%rax, %[s]\n\t"
        "movq 8(%[m],%[j],8), %%rax\n\t"
        "mulq %[q]\n\t"
        "addq %[y], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq %[s], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[y]\n\t"
        "movq %%rax, 8-8(%[t],%[j],8)\n\t"
        "addq $2, %[j]\n\t"
        "cmpq %[n], %[j]\n\t"
        "jb 1b\n\t"
        : [x] "+&r"(x), [y] "+&r"(y), [j] "+&r"(j), [s] "=&r"(s)
        : [a] "r"(a), [t] "r"(t), [m] "r"(m), [bi] "r"(bi), [q] "r"(q), [n] "r"(n)
        : "rax", "rdx", "cc", "memory");
    }
    *c1 = x;
    *c2 = y;
}

#else
/* Stub, never called: glass_bn_path_available(GLASS_BN_MULQ, n) is 0 here. */
void glass_bn_mont_row_x86(glass_limb *t, const glass_limb *a, const glass_limb *m,
                           glass_limb bi, glass_limb q, size_t n,
                           glass_limb *c1, glass_limb *c2)
{
    (void)t; (void)a; (void)m; (void)bi; (void)q; (void)n; (void)c1; (void)c2;
}
#endif /* GLASS_BN_FAST */
