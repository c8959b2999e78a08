/*
 * bignum_adx.c — Montgomery multiplication and squaring for x86-64 CPUs
 * with BMI2 (MULX) and ADX (ADCX, ADOX), chosen at run time by bignum.c
 * when glass_cpu_has_adx() (GLASS_NO_ASM=1 or glass_crypto_set_hw(0) selects
 * the portable code, and tests/test_bignum_paths.c checks every path
 * against it).  Stubs where GLASS_BN_FAST is 0 (bignum.h).
 *
 * The idea, from Intel's white paper "New Instructions Supporting Large
 * Integer Arithmetic on Intel Architecture Processors" (Intel, 2012):
 * MULX multiplies by RDX without touching the flags, and ADCX / ADOX are
 * add-with-carry instructions that read and write only CF / only OF.  A
 * row of a schoolbook product, t += x * y, produces for every limb j a low
 * half (which belongs at t[j]) and a high half (which belongs at t[j+1]);
 * the low halves are added to t on the CF chain and the high halves on the
 * OF chain, so the two carry chains run side by side in one pass without
 * saving a flag.  Each limb costs four instructions: MULX, ADCX, ADOX and
 * the store.
 *
 * Everything here works on n limbs with n a multiple of 8 (the RSA sizes:
 * 8, 16, 24, 32, 48, 64 limbs); bignum.c uses the older paths otherwise.
 *   - a multiplication is the full 2n-limb product (n rows), then a
 *     Montgomery reduction (n rows of t += q * m, q = t[i] * -m^-1), then
 *     one conditional subtraction (Montgomery 1985; the "separated"
 *     order of Koc, Acar, Kaliski 1996);
 *   - a squaring computes each product a[i]*a[j] with i < j once, doubles
 *     the sum and adds the squares a[i]^2 (HAC algorithm 14.16), then
 *     reduces the same way.  The off-diagonal triangle is cut into 8-limb
 *     blocks: an unrolled triangle inside each block, and full rows of
 *     whole blocks between blocks, so every row is a multiple of 8 limbs.
 * A row runs 8 limbs per loop turn; rows of 8 and 16 limbs (RSA-2048's
 * CRT halves) are straight-line code.
 *
 * Constant time: the instruction sequence and every address depend only on
 * n (public); the limbs only flow through MULX/ADCX/ADOX/ADC/SBB.  The
 * final subtraction keeps one of two values with CMOV, which reads both
 * whatever the condition.
 */
#include "bignum.h"

#if GLASS_BN_FAST

#define ADX __attribute__((target("bmi2,adx")))

/* One limb of a row: (lo, hout) = rdx * yp[yoff]; lo += tp[toff] + CF;
 * lo += hin + OF (the high half of the previous limb); tp[toff] = lo. */
#define STEP2(yoff, toff, hin, hout)                    \
    "mulxq " yoff "(%[yp]), %[lo], %[" hout "]\n\t"     \
    "adcxq " toff "(%[tp]), %[lo]\n\t"                  \
    "adoxq %[" hin "], %[lo]\n\t"                       \
    "movq %[lo], " toff "(%[tp])\n\t"
#define STEP(off, hin, hout) STEP2(off, off, hin, hout)

/* The same for a limb nothing was written to yet: tp[toff] = lo + hin,
 * one carry chain. */
#define STEP_W(yoff, toff, hin, hout)                   \
    "mulxq " yoff "(%[yp]), %[lo], %[" hout "]\n\t"     \
    "adcxq %[" hin "], %[lo]\n\t"                       \
    "movq %[lo], " toff "(%[tp])\n\t"

/* Eight limbs of a row, tp[o] += rdx * yp[o] for the eight offsets o,
 * with the chains running through; the last high half is left in h0. */
#define ROW8(o0, o1, o2, o3, o4, o5, o6, o7)            \
    STEP(o0, "h0", "h1") STEP(o1, "h1", "h0")           \
    STEP(o2, "h0", "h1") STEP(o3, "h1", "h0")           \
    STEP(o4, "h0", "h1") STEP(o5, "h1", "h0")           \
    STEP(o6, "h0", "h1") STEP(o7, "h1", "h0")

/* The row's top limb: the last high half plus both chains' last carries
 * (this cannot overflow: x * y + t < 2^64 * 2^(64 len)), in h0. */
#define ROW_TOP                                         \
    "movl $0, %k[lo]\n\t"                               \
    "adcxq %[lo], %[h0]\n\t"                            \
    "adoxq %[lo], %[h0]\n\t"

/* A row, tp[0 .. len-1] += rdx * yp[0 .. len-1], for any len a multiple
 * of 8: 8 limbs per turn for %[nb] = len / 8 turns.  Needs CF = OF = 0
 * and h0 = 0.  LEA and JRCXZ leave CF and OF alone, so the chains run
 * through the whole row.  At the end tp points at the row's top limb and
 * h0 holds what belongs there. */
#define ROW_LOOP                                        \
    "movq %[nb], %%rcx\n\t"                             \
    "1:\n\t"                                            \
    ROW8("0", "8", "16", "24", "32", "40", "48", "56")  \
    "leaq 64(%[yp]), %[yp]\n\t"                         \
    "leaq 64(%[tp]), %[tp]\n\t"                         \
    "leaq -1(%%rcx), %%rcx\n\t"                         \
    "jrcxz 2f\n\t"                                      \
    "jmp 1b\n"                                          \
    "2:\n\t"                                            \
    ROW_TOP

/* The start of a row: tp = the row's first limb of t, yp = the
 * multiplicand, h0 = 0, CF = OF = 0 (XOR clears both). */
#define ROW_START(tr, y)                                \
    "movq %[" tr "], %[tp]\n\t"                         \
    "movq %[" y "], %[yp]\n\t"                          \
    "xorl %k[h0], %k[h0]\n\t"                           \
    "xorl %k[lo], %k[lo]\n\t"

/* The end of a row whose top limb already holds a value, with a carry c
 * (0 or 1) pending at that limb: top += h0 + c, and c = the carry out of
 * it, which belongs at the next row's top limb. */
#define ROW_END_CARRY_AT(off)                           \
    "addq %[c], %[h0]\n\t"                              \
    "movl $0, %k[c]\n\t"                                \
    "adcq $0, %[c]\n\t"                                 \
    "addq %[h0], " off "(%[tp])\n\t"                    \
    "adcq $0, %[c]\n\t"
#define ROW_END_CARRY ROW_END_CARRY_AT("0")

/* For the straight-line rows of 8 and 16 limbs, tp itself walks down t
 * one limb per row and yp stays put: CF = OF = 0 and h0 = 0 is all a row
 * needs. */
#define ROW_CLEAR "xorl %k[h0], %k[h0]\n\txorl %k[lo], %k[lo]\n\t"

/* t[0 .. 2n-1] = a * b: row i adds a * b[i] at t[i] and stores its top
 * limb in t[i+n], which no earlier row reached.  t must be zero. */
static inline ADX void mul_wide16(glass_limb *t, const glass_limb *a, const glass_limb *b)
{
    glass_limb lo, h0, h1;
    size_t rows = 16;
    __asm__ volatile(
        "3:\n\t"
        "movq (%[bp]), %%rdx\n\t"
        "leaq 8(%[bp]), %[bp]\n\t"
        ROW_CLEAR
        ROW8("0", "8", "16", "24", "32", "40", "48", "56")
        ROW8("64", "72", "80", "88", "96", "104", "112", "120")
        ROW_TOP
        "movq %[h0], 128(%[tp])\n\t"
        "leaq 8(%[tp]), %[tp]\n\t"
        "decq %[rows]\n\t"
        "jnz 3b\n\t"
        : [tp] "+r"(t), [bp] "+r"(b), [rows] "+r"(rows),
          [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
        : [yp] "r"(a)
        : "rdx", "cc", "memory");
}

static inline ADX void mul_wide(glass_limb *t, const glass_limb *a, const glass_limb *b, size_t n)
{
    if (n == 16) {
        mul_wide16(t, a, b);
    } else {
        glass_limb *tp, lo, h0, h1;
        const glass_limb *yp;
        size_t rows = n, nb = n / 8;
        __asm__ volatile(
            "3:\n\t"
            "movq (%[bp]), %%rdx\n\t"
            "leaq 8(%[bp]), %[bp]\n\t"
            ROW_START("tr", "a")
            ROW_LOOP
            "movq %[h0], (%[tp])\n\t"
            "leaq 8(%[tr]), %[tr]\n\t"
            "decq %[rows]\n\t"
            "jnz 3b\n\t"
            : [tr] "+r"(t), [bp] "+r"(b), [rows] "+r"(rows), [tp] "=&r"(tp),
              [yp] "=&r"(yp), [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
            : [a] "rm"(a), [nb] "rm"(nb)
            : "rcx", "rdx", "cc", "memory");
    }
}

/* The cross rows of a square between one 8-limb block x and the len
 * limbs y above it: for i = 0 .. 7, t[i .. i+len] += x[i] * y, each top
 * limb added with the pending carry c; returns the last carry (it
 * belongs at t[8 + len]). */
static inline ADX glass_limb cross_rows8(glass_limb *t, const glass_limb *x, const glass_limb *y,
                                         glass_limb c)
{
    glass_limb lo, h0, h1;
    size_t rows = 8;
    __asm__ volatile(
        "3:\n\t"
        "movq (%[xp]), %%rdx\n\t"
        "leaq 8(%[xp]), %[xp]\n\t"
        ROW_CLEAR
        ROW8("0", "8", "16", "24", "32", "40", "48", "56")
        ROW_TOP
        ROW_END_CARRY_AT("64")
        "leaq 8(%[tp]), %[tp]\n\t"
        "decq %[rows]\n\t"
        "jnz 3b\n\t"
        : [tp] "+r"(t), [xp] "+r"(x), [rows] "+r"(rows), [c] "+r"(c),
          [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
        : [yp] "r"(y)
        : "rdx", "cc", "memory");
    return c;
}

static inline ADX glass_limb cross_rows(glass_limb *t, const glass_limb *x, const glass_limb *y,
                                        size_t len, glass_limb c)
{
    if (len == 8)
        return cross_rows8(t, x, y, c);
    glass_limb *tp, lo, h0, h1;
    const glass_limb *yp;
    size_t rows = 8, nb = len / 8;
    __asm__ volatile(
        "3:\n\t"
        "movq (%[xp]), %%rdx\n\t"
        "leaq 8(%[xp]), %[xp]\n\t"
        ROW_START("tr", "y")
        ROW_LOOP
        ROW_END_CARRY
        "leaq 8(%[tr]), %[tr]\n\t"
        "decq %[rows]\n\t"
        "jnz 3b\n\t"
        : [tr] "+r"(t), [xp] "+r"(x), [rows] "+r"(rows), [c] "+r"(c),
          [tp] "=&r"(tp), [yp] "=&r"(yp), [lo] "=&r"(lo), [h0] "=&r"(h0),
          [h1] "=&r"(h1)
        : [y] "rm"(y), [nb] "rm"(nb)
        : "rcx", "rdx", "cc", "memory");
    return c;
}

/* t[0 .. 15] = the off-diagonal half of a[0..7]^2: the sum of
 * a[i]*a[j] * 2^(64(i+j)) over i < j.  Row i multiplies a[i] by
 * a[i+1 .. 7] into t[2i+1 .. i+7], all of which but the last were
 * written by earlier rows, and writes its top limb t[i+8] fresh.  Row 0
 * writes t[1 .. 8]; t[0] and t[15] are 0. */
static inline ADX void triangle8(glass_limb *t, const glass_limb *a)
{
    glass_limb lo, h0, h1, z = 0;
#define TRI_START(aoff) "movq " aoff "(%[yp]), %%rdx\n\txorl %k[lo], %k[lo]\n\t"
#define TRI_END(h, toff) \
    "adcxq %[z], %[" h "]\n\tadoxq %[z], %[" h "]\n\tmovq %[" h "], " toff "(%[tp])\n\t"
    __asm__ volatile(
        "movq %[z], 0(%[tp])\n\t"
        "movq %[z], 120(%[tp])\n\t"
        TRI_START("0")                                  /* a[0] * a[1..7] */
        STEP_W("8", "8", "z", "h0")
        STEP_W("16", "16", "h0", "h1")
        STEP_W("24", "24", "h1", "h0")
        STEP_W("32", "32", "h0", "h1")
        STEP_W("40", "40", "h1", "h0")
        STEP_W("48", "48", "h0", "h1")
        STEP_W("56", "56", "h1", "h0")
        TRI_END("h0", "64")
        TRI_START("8")                                  /* a[1] * a[2..7] */
        STEP2("16", "24", "z", "h0")
        STEP2("24", "32", "h0", "h1")
        STEP2("32", "40", "h1", "h0")
        STEP2("40", "48", "h0", "h1")
        STEP2("48", "56", "h1", "h0")
        STEP2("56", "64", "h0", "h1")
        TRI_END("h1", "72")
        TRI_START("16")                                 /* a[2] * a[3..7] */
        STEP2("24", "40", "z", "h0")
        STEP2("32", "48", "h0", "h1")
        STEP2("40", "56", "h1", "h0")
        STEP2("48", "64", "h0", "h1")
        STEP2("56", "72", "h1", "h0")
        TRI_END("h0", "80")
        TRI_START("24")                                 /* a[3] * a[4..7] */
        STEP2("32", "56", "z", "h0")
        STEP2("40", "64", "h0", "h1")
        STEP2("48", "72", "h1", "h0")
        STEP2("56", "80", "h0", "h1")
        TRI_END("h1", "88")
        TRI_START("32")                                 /* a[4] * a[5..7] */
        STEP2("40", "72", "z", "h0")
        STEP2("48", "80", "h0", "h1")
        STEP2("56", "88", "h1", "h0")
        TRI_END("h0", "96")
        TRI_START("40")                                 /* a[5] * a[6..7] */
        STEP2("48", "88", "z", "h0")
        STEP2("56", "96", "h0", "h1")
        TRI_END("h1", "104")
        TRI_START("48")                                 /* a[6] * a[7] */
        STEP2("56", "104", "z", "h0")
        TRI_END("h0", "112")
        : [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
        : [tp] "r"(t), [yp] "r"(a), [z] "r"(z)
        : "rdx", "cc", "memory");
#undef TRI_START
#undef TRI_END
}

/* t[0 .. 31] = the off-diagonal half of a[0..15]^2, straight-line (the
 * squarings of RSA-2048's CRT halves): row i multiplies a[i] by
 * a[i+1 .. 15] into t[2i+1 .. i+15], all written by earlier rows, and
 * writes its top limb t[i+16] fresh; row 0 writes t[1 .. 16]; t[0] and
 * t[31] are 0.  The same rows as triangle8 with twice the reach. */
static inline ADX void triangle16(glass_limb *t, const glass_limb *a)
{
    glass_limb lo, h0, h1, z = 0;
#define TRI_START(aoff) "movq " aoff "(%[yp]), %%rdx\n\txorl %k[lo], %k[lo]\n\t"
#define TRI_END(h, toff) \
    "adcxq %[z], %[" h "]\n\tadoxq %[z], %[" h "]\n\tmovq %[" h "], " toff "(%[tp])\n\t"
    __asm__ volatile(
        "movq %[z], 0(%[tp])\n\t"
        "movq %[z], 248(%[tp])\n\t"
        TRI_START("0")                    /* a[0] * a[1..15] */
        STEP_W("8", "8", "z", "h0") STEP_W("16", "16", "h0", "h1")
        STEP_W("24", "24", "h1", "h0") STEP_W("32", "32", "h0", "h1")
        STEP_W("40", "40", "h1", "h0") STEP_W("48", "48", "h0", "h1")
        STEP_W("56", "56", "h1", "h0") STEP_W("64", "64", "h0", "h1")
        STEP_W("72", "72", "h1", "h0") STEP_W("80", "80", "h0", "h1")
        STEP_W("88", "88", "h1", "h0") STEP_W("96", "96", "h0", "h1")
        STEP_W("104", "104", "h1", "h0") STEP_W("112", "112", "h0", "h1")
        STEP_W("120", "120", "h1", "h0")
        TRI_END("h0", "128")
        TRI_START("8")                    /* a[1] * a[2..15] */
        STEP2("16", "24", "z", "h0") STEP2("24", "32", "h0", "h1")
        STEP2("32", "40", "h1", "h0") STEP2("40", "48", "h0", "h1")
        STEP2("48", "56", "h1", "h0") STEP2("56", "64", "h0", "h1")
        STEP2("64", "72", "h1", "h0") STEP2("72", "80", "h0", "h1")
        STEP2("80", "88", "h1", "h0") STEP2("88", "96", "h0", "h1")
        STEP2("96", "104", "h1", "h0") STEP2("104", "112", "h0", "h1")
        STEP2("112", "120", "h1", "h0") STEP2("120", "128", "h0", "h1")
        TRI_END("h1", "136")
        TRI_START("16")                   /* a[2] * a[3..15] */
        STEP2("24", "40", "z", "h0") STEP2("32", "48", "h0", "h1")
        STEP2("40", "56", "h1", "h0") STEP2("48", "64", "h0", "h1")
        STEP2("56", "72", "h1", "h0") STEP2("64", "80", "h0", "h1")
        STEP2("72", "88", "h1", "h0") STEP2("80", "96", "h0", "h1")
        STEP2("88", "104", "h1", "h0") STEP2("96", "112", "h0", "h1")
        STEP2("104", "120", "h1", "h0") STEP2("112", "128", "h0", "h1")
        STEP2("120", "136", "h1", "h0")
        TRI_END("h0", "144")
        TRI_START("24")                   /* a[3] * a[4..15] */
        STEP2("32", "56", "z", "h0") STEP2("40", "64", "h0", "h1")
        STEP2("48", "72", "h1", "h0") STEP2("56", "80", "h0", "h1")
        STEP2("64", "88", "h1", "h0") STEP2("72", "96", "h0", "h1")
        STEP2("80", "104", "h1", "h0") STEP2("88", "112", "h0", "h1")
        STEP2("96", "120", "h1", "h0") STEP2("104", "128", "h0", "h1")
        STEP2("112", "136", "h1", "h0") STEP2("120", "144", "h0", "h1")
        TRI_END("h1", "152")
        TRI_START("32")                   /* a[4] * a[5..15] */
        STEP2("40", "72", "z", "h0") STEP2("48", "80", "h0", "h1")
        STEP2("56", "88", "h1", "h0") STEP2("64", "96", "h0", "h1")
        STEP2("72", "104", "h1", "h0") STEP2("80", "112", "h0", "h1")
        STEP2("88", "120", "h1", "h0") STEP2("96", "128", "h0", "h1")
        STEP2("104", "136", "h1", "h0") STEP2("112", "144", "h0", "h1")
        STEP2("120", "152", "h1", "h0")
        TRI_END("h0", "160")
        TRI_START("40")                   /* a[5] * a[6..15] */
        STEP2("48", "88", "z", "h0") STEP2("56", "96", "h0", "h1")
        STEP2("64", "104", "h1", "h0") STEP2("72", "112", "h0", "h1")
        STEP2("80", "120", "h1", "h0") STEP2("88", "128", "h0", "h1")
        STEP2("96", "136", "h1", "h0") STEP2("104", "144", "h0", "h1")
        STEP2("112", "152", "h1", "h0") STEP2("120", "160", "h0", "h1")
        TRI_END("h1", "168")
        TRI_START("48")                   /* a[6] * a[7..15] */
        STEP2("56", "104", "z", "h0") STEP2("64", "112", "h0", "h1")
        STEP2("72", "120", "h1", "h0") STEP2("80", "128", "h0", "h1")
        STEP2("88", "136", "h1", "h0") STEP2("96", "144", "h0", "h1")
        STEP2("104", "152", "h1", "h0") STEP2("112", "160", "h0", "h1")
        STEP2("120", "168", "h1", "h0")
        TRI_END("h0", "176")
        TRI_START("56")                   /* a[7] * a[8..15] */
        STEP2("64", "120", "z", "h0") STEP2("72", "128", "h0", "h1")
        STEP2("80", "136", "h1", "h0") STEP2("88", "144", "h0", "h1")
        STEP2("96", "152", "h1", "h0") STEP2("104", "160", "h0", "h1")
        STEP2("112", "168", "h1", "h0") STEP2("120", "176", "h0", "h1")
        TRI_END("h1", "184")
        TRI_START("64")                   /* a[8] * a[9..15] */
        STEP2("72", "136", "z", "h0") STEP2("80", "144", "h0", "h1")
        STEP2("88", "152", "h1", "h0") STEP2("96", "160", "h0", "h1")
        STEP2("104", "168", "h1", "h0") STEP2("112", "176", "h0", "h1")
        STEP2("120", "184", "h1", "h0")
        TRI_END("h0", "192")
        TRI_START("72")                   /* a[9] * a[10..15] */
        STEP2("80", "152", "z", "h0") STEP2("88", "160", "h0", "h1")
        STEP2("96", "168", "h1", "h0") STEP2("104", "176", "h0", "h1")
        STEP2("112", "184", "h1", "h0") STEP2("120", "192", "h0", "h1")
        TRI_END("h1", "200")
        TRI_START("80")                   /* a[10] * a[11..15] */
        STEP2("88", "168", "z", "h0") STEP2("96", "176", "h0", "h1")
        STEP2("104", "184", "h1", "h0") STEP2("112", "192", "h0", "h1")
        STEP2("120", "200", "h1", "h0")
        TRI_END("h0", "208")
        TRI_START("88")                   /* a[11] * a[12..15] */
        STEP2("96", "184", "z", "h0") STEP2("104", "192", "h0", "h1")
        STEP2("112", "200", "h1", "h0") STEP2("120", "208", "h0", "h1")
        TRI_END("h1", "216")
        TRI_START("96")                   /* a[12] * a[13..15] */
        STEP2("104", "200", "z", "h0") STEP2("112", "208", "h0", "h1")
        STEP2("120", "216", "h1", "h0")
        TRI_END("h0", "224")
        TRI_START("104")                  /* a[13] * a[14..15] */
        STEP2("112", "216", "z", "h0") STEP2("120", "224", "h0", "h1")
        TRI_END("h1", "232")
        TRI_START("112")                  /* a[14] * a[15..15] */
        STEP2("120", "232", "z", "h0")
        TRI_END("h0", "240")
        : [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
        : [tp] "r"(t), [yp] "r"(a), [z] "r"(z)
        : "rdx", "cc", "memory");
#undef TRI_START
#undef TRI_END
}

/* t[0 .. 2n-1] = 2 * t + the sum of a[i]^2 * 2^(128 i): doubling on the
 * CF chain (ADCX x, x adds x to itself with the carry), the squares on
 * the OF chain.  The result must fit in 2n limbs (it is a^2). */
static inline ADX void double_add_squares(glass_limb *t, const glass_limb *a, size_t n)
{
    glass_limb lo, hi, x0, x1;
    size_t blocks = n / 4;
#define DIAG(aoff, t0, t1)                          \
    "movq " aoff "(%[a]), %%rdx\n\t"                \
    "mulxq %%rdx, %[lo], %[hi]\n\t"                 \
    "movq " t0 "(%[t]), %[x0]\n\t"                  \
    "movq " t1 "(%[t]), %[x1]\n\t"                  \
    "adcxq %[x0], %[x0]\n\t"                        \
    "adcxq %[x1], %[x1]\n\t"                        \
    "adoxq %[lo], %[x0]\n\t"                        \
    "adoxq %[hi], %[x1]\n\t"                        \
    "movq %[x0], " t0 "(%[t])\n\t"                  \
    "movq %[x1], " t1 "(%[t])\n\t"
    __asm__ volatile(
        "xorl %k[lo], %k[lo]\n\t"
        "1:\n\t"
        DIAG("0", "0", "8")
        DIAG("8", "16", "24")
        DIAG("16", "32", "40")
        DIAG("24", "48", "56")
        "leaq 32(%[a]), %[a]\n\t"
        "leaq 64(%[t]), %[t]\n\t"
        "leaq -1(%[nb]), %[nb]\n\t"
        "jrcxz 2f\n\t"
        "jmp 1b\n"
        "2:\n\t"
        : [t] "+r"(t), [a] "+r"(a), [nb] "+c"(blocks),
          [lo] "=&r"(lo), [hi] "=&r"(hi), [x0] "=&r"(x0), [x1] "=&r"(x1)
        :
        : "rdx", "cc", "memory");
#undef DIAG
}

/* r = t / R mod m for t < m * R of 2n limbs (destroyed).  Row i adds
 * q * m at t[i] with q = t[i] * (-m^-1) mod 2^64, which zeroes t[i] (the
 * carry out of each row's top limb goes to the next row's top limb).
 * What is left, c * R + t[n .. 2n-1], is below 2m; then r = t - m unless
 * that borrows with c = 0 (a mask, c - borrow, picks with CMOV, which
 * reads both values whatever it keeps).  redc16 below is the 16-limb
 * case, straight-line; redc() the general one. */

/* redc for 16 limbs, straight-line.  The first limb of each row,
 * t[i] + low(q * m[0]), is 0 by the choice of q: only its carries are
 * kept, not the limb. */
#define SUB16(op, off) \
    "movq " off "(%[tp]), %[lo]\n\t" op " " off "(%[yp]), %[lo]\n\tmovq %[lo], " off "(%[rp])\n\t"
#define SEL16(off) \
    "movq " off "(%[rp]), %[lo]\n\tcmovnzq " off "(%[tp]), %[lo]\n\tmovq %[lo], " off "(%[rp])\n\t"
static ADX void redc16(glass_limb *r, glass_limb *t, const glass_mont *mc)
{
    glass_limb lo, h0, h1, c = 0, next = t[0];
    const glass_limb *m = mc->m;
    const glass_limb m0inv = mc->m0inv;
    size_t rows = 16;
    __asm__ volatile(
        "3:\n\t"
        "movq %[next], %%rdx\n\t"
        "imulq %[m0inv], %%rdx\n\t"
        ROW_CLEAR
        "mulxq 0(%[yp]), %[lo], %[h1]\n\t"
        "adcxq 0(%[tp]), %[lo]\n\t"
        "adoxq %[h0], %[lo]\n\t"
        STEP("8", "h1", "h0")
        /* t[i+1] is final now: the next row's q comes from this register
         * rather than through memory, shortening the row-to-row chain */
        "movq %[lo], %[next]\n\t"
        STEP("16", "h0", "h1") STEP("24", "h1", "h0")
        STEP("32", "h0", "h1") STEP("40", "h1", "h0") STEP("48", "h0", "h1")
        STEP("56", "h1", "h0") STEP("64", "h0", "h1") STEP("72", "h1", "h0")
        STEP("80", "h0", "h1") STEP("88", "h1", "h0") STEP("96", "h0", "h1")
        STEP("104", "h1", "h0") STEP("112", "h0", "h1") STEP("120", "h1", "h0")
        ROW_TOP
        ROW_END_CARRY_AT("128")
        "leaq 8(%[tp]), %[tp]\n\t"
        "decq %[rows]\n\t"
        "jnz 3b\n\t"
        /* tp = t + 16: r = t[16 ..] - m, the borrow left in CF */
        SUB16("subq", "0") SUB16("sbbq", "8") SUB16("sbbq", "16") SUB16("sbbq", "24")
        SUB16("sbbq", "32") SUB16("sbbq", "40") SUB16("sbbq", "48") SUB16("sbbq", "56")
        SUB16("sbbq", "64") SUB16("sbbq", "72") SUB16("sbbq", "80") SUB16("sbbq", "88")
        SUB16("sbbq", "96") SUB16("sbbq", "104") SUB16("sbbq", "112") SUB16("sbbq", "120")
        /* c - borrow: -1 keeps t[16 ..] (it was below m), 0 keeps t - m */
        "sbbq $0, %[c]\n\t"
        "testq %[c], %[c]\n\t"
        SEL16("0") SEL16("8") SEL16("16") SEL16("24") SEL16("32") SEL16("40")
        SEL16("48") SEL16("56") SEL16("64") SEL16("72") SEL16("80") SEL16("88")
        SEL16("96") SEL16("104") SEL16("112") SEL16("120")
        : [tp] "+r"(t), [rows] "+r"(rows), [c] "+r"(c), [next] "+r"(next),
          [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
        : [yp] "r"(m), [m0inv] "rm"(m0inv), [rp] "r"(r)
        : "rdx", "cc", "memory");
}
#undef SUB16
#undef SEL16

/* any n, a multiple of 8: the rows, the subtraction and the choice run 8
 * limbs per loop turn */
#define SUB(off) \
    "movq " off "(%[h1]), %[lo]\n\tsbbq " off "(%[yp]), %[lo]\n\tmovq %[lo], " off "(%[tp])\n\t"
#define SEL(off) \
    "movq " off "(%[tp]), %[lo]\n\tcmovnzq " off "(%[tr]), %[lo]\n\tmovq %[lo], " off "(%[tp])\n\t"
static ADX void redc(glass_limb *r, glass_limb *t, const glass_mont *mc)
{
    if (mc->n == 16) {
        redc16(r, t, mc);
    } else {
        glass_limb *tp, lo, h0, h1, c = 0;
        const glass_limb *yp;
        const glass_limb *m = mc->m;
        const glass_limb m0inv = mc->m0inv;
        size_t rows = mc->n, nb = mc->n / 8;
        __asm__ volatile(
            "3:\n\t"
            "movq (%[tr]), %%rdx\n\t"
            "imulq %[m0inv], %%rdx\n\t"
            ROW_START("tr", "m")
            ROW_LOOP
            ROW_END_CARRY
            "leaq 8(%[tr]), %[tr]\n\t"
            "decq %[rows]\n\t"
            "jnz 3b\n\t"
            /* tr = t + n: r = t[n ..] - m, the borrow left in CF */
            "movq %[tr], %[h1]\n\t"
            "movq %[m], %[yp]\n\t"
            "movq %[r], %[tp]\n\t"
            "movq %[nb], %%rcx\n\t"
            "clc\n\t"
            "4:\n\t"
            SUB("0") SUB("8") SUB("16") SUB("24") SUB("32") SUB("40") SUB("48") SUB("56")
            "leaq 64(%[h1]), %[h1]\n\t"
            "leaq 64(%[yp]), %[yp]\n\t"
            "leaq 64(%[tp]), %[tp]\n\t"
            "leaq -1(%%rcx), %%rcx\n\t"
            "jrcxz 5f\n\t"
            "jmp 4b\n"
            "5:\n\t"
            /* c - borrow: -1 keeps t[n ..] (it was below m), 0 keeps t - m */
            "sbbq $0, %[c]\n\t"
            "movq %[r], %[tp]\n\t"
            "movq %[nb], %%rcx\n\t"
            "testq %[c], %[c]\n\t"
            "6:\n\t"
            SEL("0") SEL("8") SEL("16") SEL("24") SEL("32") SEL("40") SEL("48") SEL("56")
            "leaq 64(%[tr]), %[tr]\n\t"
            "leaq 64(%[tp]), %[tp]\n\t"
            "leaq -1(%%rcx), %%rcx\n\t"
            "jrcxz 7f\n\t"
            "jmp 6b\n"
            "7:\n\t"
            : [tr] "+r"(t), [rows] "+r"(rows), [c] "+r"(c), [tp] "=&r"(tp),
              [yp] "=&r"(yp), [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
            : [m] "rm"(m), [m0inv] "rm"(m0inv), [nb] "rm"(nb), [r] "rm"(r)
            : "rcx", "rdx", "cc", "memory");
    }
}
#undef SUB
#undef SEL

ADX void glass_bn_mont_mul_adx(glass_limb *r, const glass_limb *a, const glass_limb *b,
                               const glass_mont *mc)
{
    const size_t n = mc->n;
    glass_limb t[2 * GLASS_BN_MAX_LIMBS];
    for (size_t i = 0; i < 2 * n; i++)
        t[i] = 0;
    mul_wide(t, a, b, n);
    redc(r, t, mc);
}

ADX void glass_bn_mont_sqr_adx(glass_limb *r, const glass_limb *a, const glass_mont *mc)
{
    const size_t n = mc->n;
    glass_limb t[2 * GLASS_BN_MAX_LIMBS];
    if (n == 16) {
        triangle16(t, a);
        double_add_squares(t, a, n);
        redc(r, t, mc);
        return;
    }
    /* the products a[i]*a[j], i < j, inside each 8-limb block (this
     * writes every limb of t) ... */
    for (size_t blk = 0; blk < n; blk += 8)
        triangle8(t + 2 * blk, a + blk);
    /* ... and between each block and every limb above it: for each limb
     * i of the block a full row a[i] * a[blk+8 .. n-1] at t[i + blk + 8].
     * A block's last carry belongs at t[blk + n + 8], the top limb of the
     * next block's first row, so it is handed on; after the last block it
     * belongs at t[2n - 8] and is carried up through the last 8 limbs. */
    glass_limb c = 0;
    for (size_t blk = 0; blk + 8 < n; blk += 8)
        c = cross_rows(t + 2 * blk + 8, a + blk, a + blk + 8, n - blk - 8, c);
    if (n > 8) {
        glass_limb *p = t + 2 * n - 8;
        __asm__ volatile(
            "addq %[c], 0(%[p])\n\tadcq $0, 8(%[p])\n\tadcq $0, 16(%[p])\n\t"
            "adcq $0, 24(%[p])\n\tadcq $0, 32(%[p])\n\tadcq $0, 40(%[p])\n\t"
            "adcq $0, 48(%[p])\n\tadcq $0, 56(%[p])\n\t"
            : : [p] "r"(p), [c] "r"(c) : "cc", "memory");
    }
    double_add_squares(t, a, n);
    redc(r, t, mc);
}

#else
/* Stubs, never called: glass_bn_path_available(GLASS_BN_ADX, n) is 0 here. */
void glass_bn_mont_mul_adx(glass_limb *r, const glass_limb *a, const glass_limb *b,
                           const glass_mont *mc)
{
    (void)r; (void)a; (void)b; (void)mc;
}

void glass_bn_mont_sqr_adx(glass_limb *r, const glass_limb *a, const glass_mont *mc)
{
    (void)r; (void)a; (void)mc;
}
#endif /* GLASS_BN_FAST */
