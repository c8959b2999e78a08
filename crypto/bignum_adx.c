/*
 * bignum_adx.c — Montgomery multiplication and squaring for x86-64 CPUs
 * with BMI2 (MULX) and ADX (ADCX, ADOX), chosen at run time by bignum.c
 * (GLASS_NO_ASM=1 or glass_crypto_set_hw(0) selects the portable code, and
 * tests/test_bignum_paths.c checks every path against it).
 *
 * The idea, from Intel's white paper "New Instructions Supporting Large
 * Integer Arithmetic on Intel Architecture Processors" (Gopal, Guilford,
 * Ozturk, Wolrich, Feghali, Dixon, Kasper; 2012): MULX multiplies by RDX
 * without touching the flags, and ADCX / ADOX are add-with-carry
 * instructions that read and write only CF / only OF.  A row of a
 * schoolbook product, t += x * y, produces for every limb j a low half
 * (which belongs at t[j]) and a high half (which belongs at t[j+1]); the
 * low halves are summed on the CF chain and the high halves on the OF
 * chain, so the two carry chains run side by side in one pass without
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
 *
 * Constant time: the instruction sequence and every address depend only on
 * n (public); the limbs only flow through MULX/ADCX/ADOX/ADC.  The final
 * subtraction is chosen with a mask.
 */
#include "bignum.h"

#if GLASS_BN_HAVE_ADX

#define ADX __attribute__((target("bmi2,adx")))

/* One limb of a row: (lo, hout) = rdx * y[off]; lo += t[off] + CF;
 * lo += hin + OF (the high half of the previous limb); t[off] = lo. */
#define STEP(yoff, toff, hin, hout)                    \
    "mulxq " yoff "(%[y]), %[lo], %[" hout "]\n\t"     \
    "adcxq " toff "(%[t]), %[lo]\n\t"                  \
    "adoxq %[" hin "], %[lo]\n\t"                      \
    "movq %[lo], " toff "(%[t])\n\t"

/* t[0 .. len] += x * y[0 .. len-1] + c * 2^(64 len), for len a positive
 * multiple of 8; returns the carry out of t[len] (0 or 1), which belongs
 * at t[len + 1].  When t[len] is 0 on entry and c = 0 nothing carries
 * out. */
static inline ADX glass_limb acc_row(glass_limb *t, const glass_limb *y, glass_limb x,
                                     size_t len, glass_limb c)
{
    glass_limb lo, h0 = 0, h1;
    size_t blocks = len / 8;
    __asm__ volatile(
        "xorl %k[lo], %k[lo]\n\t"           /* CF = OF = 0 */
        "1:\n\t"
        STEP("0", "0", "h0", "h1")
        STEP("8", "8", "h1", "h0")
        STEP("16", "16", "h0", "h1")
        STEP("24", "24", "h1", "h0")
        STEP("32", "32", "h0", "h1")
        STEP("40", "40", "h1", "h0")
        STEP("48", "48", "h0", "h1")
        STEP("56", "56", "h1", "h0")
        /* next block; LEA and JRCXZ leave CF and OF alone */
        "leaq 64(%[y]), %[y]\n\t"
        "leaq 64(%[t]), %[t]\n\t"
        "leaq -1(%[nb]), %[nb]\n\t"
        "jrcxz 2f\n\t"
        "jmp 1b\n"
        "2:\n\t"
        /* the row's top limb: last high half plus both chains' carries
         * (cannot overflow), then t[len] += it + c with the carry out */
        "movq $0, %[lo]\n\t"
        "adcxq %[lo], %[h0]\n\t"
        "adoxq %[lo], %[h0]\n\t"
        "addq %[c], %[h0]\n\t"
        "movq $0, %[c]\n\t"
        "adcq $0, %[c]\n\t"
        "addq %[h0], 0(%[t])\n\t"
        "adcq $0, %[c]\n\t"
        : [t] "+r"(t), [y] "+r"(y), [nb] "+c"(blocks), [c] "+r"(c),
          [lo] "=&r"(lo), [h0] "+&r"(h0), [h1] "=&r"(h1)
        : "d"(x)
        : "cc", "memory");
    return c;
}

/* t[0 .. 15] = the off-diagonal half of a[0..7]^2: the sum of a[i]*a[j]
 * * 2^(64(i+j)) over i < j.  t[0 .. 15] must be zero on entry.  Row i
 * multiplies a[i] by a[i+1 .. 7] into t[2i+1 .. i+7] and writes its top
 * limb to t[i+8], which no earlier row reached. */
static inline ADX void triangle8(glass_limb *t, const glass_limb *a)
{
    const glass_limb *y = a;
    glass_limb lo, h0, h1, z = 0;
#define ROW_START(aoff) "movq " aoff "(%[y]), %%rdx\n\txorl %k[lo], %k[lo]\n\t"
#define ROW_END(h, toff) \
    "adcxq %[z], %[" h "]\n\tadoxq %[z], %[" h "]\n\tmovq %[" h "], " toff "(%[t])\n\t"
    __asm__ volatile(
        ROW_START("0")                                  /* a[0] * a[1..7] */
        STEP("8", "8", "z", "h0")
        STEP("16", "16", "h0", "h1")
        STEP("24", "24", "h1", "h0")
        STEP("32", "32", "h0", "h1")
        STEP("40", "40", "h1", "h0")
        STEP("48", "48", "h0", "h1")
        STEP("56", "56", "h1", "h0")
        ROW_END("h0", "64")
        ROW_START("8")                                  /* a[1] * a[2..7] */
        STEP("16", "24", "z", "h0")
        STEP("24", "32", "h0", "h1")
        STEP("32", "40", "h1", "h0")
        STEP("40", "48", "h0", "h1")
        STEP("48", "56", "h1", "h0")
        STEP("56", "64", "h0", "h1")
        ROW_END("h1", "72")
        ROW_START("16")                                 /* a[2] * a[3..7] */
        STEP("24", "40", "z", "h0")
        STEP("32", "48", "h0", "h1")
        STEP("40", "56", "h1", "h0")
        STEP("48", "64", "h0", "h1")
        STEP("56", "72", "h1", "h0")
        ROW_END("h0", "80")
        ROW_START("24")                                 /* a[3] * a[4..7] */
        STEP("32", "56", "z", "h0")
        STEP("40", "64", "h0", "h1")
        STEP("48", "72", "h1", "h0")
        STEP("56", "80", "h0", "h1")
        ROW_END("h1", "88")
        ROW_START("32")                                 /* a[4] * a[5..7] */
        STEP("40", "72", "z", "h0")
        STEP("48", "80", "h0", "h1")
        STEP("56", "88", "h1", "h0")
        ROW_END("h0", "96")
        ROW_START("40")                                 /* a[5] * a[6..7] */
        STEP("48", "88", "z", "h0")
        STEP("56", "96", "h0", "h1")
        ROW_END("h1", "104")
        ROW_START("48")                                 /* a[6] * a[7] */
        STEP("56", "104", "z", "h0")
        ROW_END("h0", "112")
        : [lo] "=&r"(lo), [h0] "=&r"(h0), [h1] "=&r"(h1)
        : [t] "r"(t), [y] "r"(y), [z] "r"(z)
        : "rdx", "cc", "memory");
#undef ROW_START
#undef ROW_END
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

/* r = t / R mod m for t < m * R of 2n limbs (destroyed): n rows of
 * t += q * m * 2^(64 i) with q = t[i] * (-m^-1) mod 2^64, which zero the
 * low half; the high half (with the last carry) is < 2m, and one
 * conditional subtraction of m brings it below m. */
static ADX void redc(glass_limb *r, glass_limb *t, const glass_mont *mc)
{
    const size_t n = mc->n;
    const glass_limb *m = mc->m;
    glass_limb c = 0;
    for (size_t i = 0; i < n; i++)
        c = acc_row(t + i, m, t[i] * mc->m0inv, n, c);
    /* r = t - m unless that borrows and no carry says t >= R > m */
    glass_limb borrow = 0;
    const glass_limb *hi = t + n;
    for (size_t j = 0; j < n; j++) {
        glass_dlimb d = (glass_dlimb)hi[j] - m[j] - borrow;
        r[j] = (glass_limb)d;
        borrow = (glass_limb)(d >> 64) & 1;
    }
    glass_limb keep = ~glass_limb_nonzero(c) & ((glass_limb)0 - borrow);
    for (size_t j = 0; j < n; j++)
        r[j] = (hi[j] & keep) | (r[j] & ~keep);
}

ADX void glass_bn_mont_mul_adx(glass_limb *r, const glass_limb *a, const glass_limb *b,
                               const glass_mont *mc)
{
    const size_t n = mc->n;
    glass_limb t[2 * GLASS_BN_MAX_LIMBS];
    for (size_t i = 0; i < 2 * n; i++)
        t[i] = 0;
    /* row i adds a * b[i] at t[i]; its top limb t[i+n] is still 0 */
    for (size_t i = 0; i < n; i++)
        (void)acc_row(t + i, a, b[i], n, 0);
    redc(r, t, mc);
}

ADX void glass_bn_mont_sqr_adx(glass_limb *r, const glass_limb *a, const glass_mont *mc)
{
    const size_t n = mc->n;
    glass_limb t[2 * GLASS_BN_MAX_LIMBS];
    for (size_t i = 0; i < 2 * n; i++)
        t[i] = 0;
    /* the products a[i]*a[j], i < j, inside each 8-limb block ... */
    for (size_t blk = 0; blk < n; blk += 8)
        triangle8(t + 2 * blk, a + blk);
    /* ... and between a block and every limb above it: for each limb i of
     * the block, a full row a[i] * a[blk+8 .. n-1] at t[i + blk + 8] */
    for (size_t blk = 0; blk + 8 < n; blk += 8) {
        glass_limb c = 0;
        for (size_t i = blk; i < blk + 8; i++)
            c = acc_row(t + i + blk + 8, a + blk + 8, a[i], n - blk - 8, c);
        /* the last row's carry belongs at t[blk + n + 8]: ripple it up
         * (over every limb to the top, whatever its value) */
        for (size_t j = blk + n + 8; j < 2 * n; j++) {
            glass_dlimb s = (glass_dlimb)t[j] + c;
            t[j] = (glass_limb)s;
            c = (glass_limb)(s >> 64);
        }
    }
    double_add_squares(t, a, n);
    redc(r, t, mc);
}

#endif /* GLASS_BN_HAVE_ADX */
