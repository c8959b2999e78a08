/*
 * test_bignum_paths.c — every implementation of the Montgomery
 * multiplication and squaring (crypto/bignum.h: GLASS_BN_C, the portable
 * reference; GLASS_BN_MULQ, the x86-64 row; GLASS_BN_ADX, MULX/ADCX/ADOX)
 * against the portable multiplication, for every limb count RSA uses
 * (8, 16, 24, 32, 48, 64: primes and moduli of 512 to 4096 bits) and a
 * few odd counts that only the older paths take.
 *
 * Operands: random ones (a fixed-seed generator, so a failure repeats),
 * and the edges where carries pile up: all-ones limbs, m - 1, R - 1, 0, 1;
 * moduli with every limb all-ones (m = R - 1, the largest), close to R
 * (m = R - 2^64 + 1), random with the top bit set, and with a top limb
 * of 1 (m barely above R / 2^64: the Montgomery result then needs the
 * full final subtraction).
 *
 * The portable multiplication itself is checked against Python's integers
 * in test_bignum.c (test_mont_known); here the portable squaring is also
 * compared with it, and the window lookup's AVX2 version with the portable
 * loop.  The AVX-512 IFMA path (bignum_ifma.c): its almost-Montgomery
 * multiplication, alone and as the interleaved pair, on edge operands
 * below 2m (0, 1, m - 1, m, m + 1, 2m - 1, every 52-bit limb full, ...)
 * and random ones; whole exponentiations with the path on and off; and
 * the two CRT exponentiations run together (glass_bn_modexp2_ct) against
 * two portable ones.  A path this CPU lacks is reported and skipped (the
 * ADX and IFMA ones are then still built and tested on machines that have
 * them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bignum.h"
#include "glasstls/hw.h"      /* glass_crypto_set_hw */
#include "helpers/splitmix.h"

#define MAXN GLASS_BN_MAX_LIMBS

static uint64_t rng_state = 12;

static glass_limb rnd(void)
{
    return (glass_limb)test_splitmix64(&rng_state);
}

typedef struct modctx {
    glass_limb m[MAXN], rr[MAXN];
    glass_mont mc;
} modctx;

enum { MOD_ALL_ONES, MOD_NEAR_R, MOD_RANDOM, MOD_TOP_ONE, MOD_KINDS };

static void make_mod(modctx *c, size_t n, int kind)
{
    for (size_t i = 0; i < n; i++) {
        switch (kind) {
        case MOD_ALL_ONES: c->m[i] = (glass_limb)-1; break;
        case MOD_NEAR_R:   c->m[i] = i == 0 ? 1 : (glass_limb)-1; break;
        case MOD_RANDOM:   c->m[i] = rnd(); break;
        default:           c->m[i] = i + 1 == n ? 1 : rnd(); break;
        }
    }
    c->m[0] |= 1;
    if (kind == MOD_RANDOM)
        c->m[n - 1] |= (glass_limb)1 << (GLASS_LIMB_BITS - 1);
    glass_bn_mont_rr(c->rr, c->m, n);
    c->mc.m = c->m;
    c->mc.rr = c->rr;
    c->mc.m0inv = glass_bn_mont_m0inv(c->m[0]);
    c->mc.n = n;
}

/* x = a random value below m (random limbs, then reduced by clearing the
 * top bits above m's and one conditional subtraction) */
static void rand_below(glass_limb *x, const modctx *c)
{
    const size_t n = c->mc.n;
    for (size_t i = 0; i < n; i++)
        x[i] = rnd();
    glass_limb top = c->m[n - 1], mask = (glass_limb)-1;
    while ((mask >> 1) >= top && mask != 0)
        mask >>= 1;
    x[n - 1] &= mask;
    glass_bn_cond_sub(x, 0, c->m, n);
}

/* The edge operands, by number: 0, 1, m - 1, m - 2, R - 1 (all-ones limbs;
 * only for the first operand of a product, which may be up to R), and a
 * value with alternating all-ones and zero limbs, reduced. */
#define EDGES 6
static int edge(glass_limb *x, const modctx *c, int which)
{
    const size_t n = c->mc.n;
    glass_limb one[MAXN] = { 1 };
    glass_bn_zero(x, n);
    switch (which) {
    case 0: return 1;
    case 1: x[0] = 1; return 1;
    case 2: (void)glass_bn_sub(x, c->m, one, n); return 1;
    case 3: (void)glass_bn_sub(x, c->m, one, n); (void)glass_bn_sub(x, x, one, n); return 1;
    case 4: for (size_t i = 0; i < n; i++) x[i] = (glass_limb)-1; return 0;   /* = R - 1 */
    default:
        for (size_t i = 0; i < n; i++) x[i] = (i & 1) ? 0 : (glass_limb)-1;
        glass_bn_cond_sub(x, 0, c->m, n);
        glass_bn_cond_sub(x, 0, c->m, n);
        return glass_bn_lt(x, c->m, n) != 0;
    }
}

static int checks;   /* comparisons made, printed at the end of each test */

/* Compares one product (and, when a < m, the square) on every path. */
static void compare_paths(const modctx *c, const glass_limb *a, int a_below_m, const glass_limb *b)
{
    const size_t n = c->mc.n;
    glass_limb want[MAXN], got[MAXN], sq_want[MAXN];
    glass_bn_mont_mul_path(GLASS_BN_C, want, a, b, &c->mc);
    assert_true(glass_bn_lt(want, c->m, n) != 0);            /* fully reduced */
    if (a_below_m) {
        glass_bn_mont_mul_path(GLASS_BN_C, sq_want, a, a, &c->mc);
        glass_bn_mont_sqr_path(GLASS_BN_C, got, a, &c->mc);
        assert_memory_equal(got, sq_want, n * sizeof(glass_limb));
        checks++;
    }
    for (glass_bn_path p = GLASS_BN_MULQ; p <= GLASS_BN_ADX; p++) {
        if (!glass_bn_path_available(p, n))
            continue;
        glass_bn_mont_mul_path(p, got, a, b, &c->mc);
        assert_memory_equal(got, want, n * sizeof(glass_limb));
        /* in place, as the exponentiations call it */
        glass_bn_copy(got, a, n);
        glass_bn_mont_mul_path(p, got, got, b, &c->mc);
        assert_memory_equal(got, want, n * sizeof(glass_limb));
        checks += 2;
        if (a_below_m) {
            glass_bn_mont_sqr_path(p, got, a, &c->mc);
            assert_memory_equal(got, sq_want, n * sizeof(glass_limb));
            glass_bn_copy(got, a, n);
            glass_bn_mont_sqr_path(p, got, got, &c->mc);
            assert_memory_equal(got, sq_want, n * sizeof(glass_limb));
            checks += 2;
        }
    }
}

static void run_sizes(const size_t *sizes, size_t count, int randoms)
{
    static modctx c;
    glass_limb a[MAXN], b[MAXN];
    checks = 0;
    for (size_t s = 0; s < count; s++) {
        const size_t n = sizes[s];
        for (int kind = 0; kind < MOD_KINDS; kind++) {
            make_mod(&c, n, kind);
            for (int ea = 0; ea < EDGES; ea++)
                for (int eb = 0; eb < EDGES; eb++) {
                    int a_ok = edge(a, &c, ea);
                    if (!edge(b, &c, eb))
                        continue;                 /* b must be below m */
                    compare_paths(&c, a, a_ok, b);
                }
            for (int i = 0; i < randoms; i++) {
                rand_below(a, &c);
                rand_below(b, &c);
                compare_paths(&c, a, 1, b);
                /* a random first operand up to R - 1 (no square) */
                for (size_t j = 0; j < n; j++)
                    a[j] = rnd();
                compare_paths(&c, a, glass_bn_lt(a, c.m, n) != 0, b);
            }
        }
    }
}

/* Run first, before any test sets the switch: with GLASS_NO_ASM=1 in the
 * environment no fast path is chosen, the interleaved IFMA pair included. */
static void test_no_asm_switch(void **state)
{
    (void)state;
    const char *e = getenv("GLASS_NO_ASM");
    if (e == NULL || e[0] == '\0' || strcmp(e, "0") == 0) {
        printf("  GLASS_NO_ASM not set: interleaved CRT pair for 16 limbs %s\n",
               glass_bn_modexp2_interleaved(16, 1024, 16, 1024) ? "on" : "off (no IFMA)");
        assert_int_equal(glass_bn_modexp2_interleaved(16, 1024, 16, 1024),
                         glass_bn_modexp_ifma_available(16));
        return;
    }
    assert_false(glass_bn_modexp2_interleaved(16, 1024, 16, 1024));
    assert_false(glass_bn_modexp2_interleaved(32, 2048, 32, 2048));
    assert_int_equal(glass_bn_path_for(16), GLASS_BN_C);
    printf("  GLASS_NO_ASM=1: portable paths only\n");
}

static void test_rsa_limb_counts(void **state)
{
    (void)state;
    const size_t sizes[] = { 8, 16, 24, 32, 48, 64 };
    run_sizes(sizes, sizeof sizes / sizeof sizes[0], 40);
    printf("  %d comparisons; paths here: mulq %s, adx %s\n", checks,
           glass_bn_path_available(GLASS_BN_MULQ, 16) ? "yes" : "no",
           glass_bn_path_available(GLASS_BN_ADX, 16) ? "yes" : "no (skipped)");
}

static void test_other_limb_counts(void **state)
{
    (void)state;
    /* counts the ADX path does not take: it must say so, and the others
     * must still agree */
    const size_t sizes[] = { 2, 3, 7, 9, 17, 33 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        assert_false(glass_bn_path_available(GLASS_BN_ADX, sizes[i]));
    run_sizes(sizes, sizeof sizes / sizeof sizes[0], 10);
}

/* Whole exponentiations (squarings and table lookups as RSA runs them)
 * with the fast paths on and off must agree. */
static void test_modexp_hw_on_off(void **state)
{
    (void)state;
    static modctx c;
    const size_t sizes[] = { 16, 24, 32 };
    glass_limb b1[MAXN], b2[MAXN], e1[MAXN], e2[MAXN], on[MAXN], off[MAXN];
    for (size_t s = 0; s < 3; s++) {
        const size_t n = sizes[s];
        make_mod(&c, n, MOD_RANDOM);
        rand_below(b1, &c);
        rand_below(b2, &c);
        for (size_t i = 0; i < n; i++) {
            e1[i] = rnd();
            e2[i] = rnd();
        }
        /* two bases and exponents, each on both paths; and
         * b1^e1 * b1^e2 = b1^(e1 + e2) on the portable path (e1 + e2 is
         * taken one bit wider, its carry in an extra limb) */
        const glass_limb *bases[2] = { b1, b2 }, *exps[2] = { e1, e2 };
        for (int k = 0; k < 2; k++) {
            glass_crypto_set_hw(1);
            glass_bn_modexp_ct(on, bases[k], exps[k], n * GLASS_LIMB_BITS, &c.mc);
            glass_crypto_set_hw(0);
            assert_int_equal(glass_bn_path_for(n), GLASS_BN_C);
            glass_bn_modexp_ct(off, bases[k], exps[k], n * GLASS_LIMB_BITS, &c.mc);
            assert_memory_equal(on, off, n * sizeof(glass_limb));
        }
        glass_limb x[MAXN], y[MAXN], sum[MAXN + 1];
        sum[n] = glass_bn_add(sum, e1, e2, n);
        glass_bn_modexp_ct(x, b1, e1, n * GLASS_LIMB_BITS, &c.mc);
        glass_bn_modexp_ct(y, b1, e2, n * GLASS_LIMB_BITS, &c.mc);
        glass_bn_mont_mul(x, x, y, &c.mc);
        glass_bn_modexp_ct(y, b1, sum, n * GLASS_LIMB_BITS + 1, &c.mc);
        assert_memory_equal(x, y, n * sizeof(glass_limb));
        glass_crypto_set_hw(1);
    }
}

/* ---- the IFMA path's almost-Montgomery multiplication (bignum_ifma.c) ----
 * AMM(a, b) = a b / 2^(52k) mod m for a, b < 2m (n + 1 limbs; k = 5n/4
 * limbs of 52 bits, 52k = 64n + n), reduced by the test hook.  The
 * reference from the portable code: a, b reduced below m, then
 * mont_mul(a, b) = a b / 2^(64n), then a multiplication by 2^(63n) as a
 * plain number (below R) divides by the remaining 2^n. */
static void amm_want(glass_limb *want, const modctx *c, const glass_limb *a, const glass_limb *b)
{
    const size_t n = c->mc.n;
    glass_limb ar[MAXN + 1], br[MAXN + 1], pw[MAXN], p[MAXN];
    glass_bn_copy(ar, a, n + 1);
    glass_bn_copy(br, b, n + 1);
    glass_bn_cond_sub(ar, ar[n], c->m, n);
    glass_bn_cond_sub(br, br[n], c->m, n);
    glass_bn_mont_mul_path(GLASS_BN_C, p, ar, br, &c->mc);
    glass_bn_zero(pw, n);
    pw[63 * n / 64] = (glass_limb)1 << (63 * n % 64);
    glass_bn_mont_mul_path(GLASS_BN_C, want, pw, p, &c->mc);
}

/* The AMM operands that stress it, below 2m in n + 1 limbs: 0, 1, m - 1,
 * m, m + 1, 2m - 1, 2^L - 1 (L the bit length of m: every limb full),
 * 2^(52j) - 1 for the largest such j (every 52-bit limb 2^52 - 1, the
 * lanes the carry-lookahead propagates through), 52-bit limbs alternately
 * full and zero, 64-bit limbs all-ones up to the top one (carries across
 * both radixes), and a random value below 2m. */
#define AMM_EDGES 11
static void amm_edge(glass_limb *x, const modctx *c, int which)
{
    const size_t n = c->mc.n;
    const size_t L = glass_bn_bitlen(c->m, n);
    glass_limb one[MAXN + 1] = { 1 }, m1[MAXN + 1], two_m[MAXN + 1];
    glass_bn_copy(m1, c->m, n);
    m1[n] = 0;
    two_m[n] = glass_bn_add(two_m, c->m, c->m, n);
    glass_bn_zero(x, n + 1);
    switch (which) {
    case 0: break;
    case 1: x[0] = 1; break;
    case 2: (void)glass_bn_sub(x, m1, one, n + 1); break;
    case 3: glass_bn_copy(x, m1, n + 1); break;
    case 4: (void)glass_bn_add(x, m1, one, n + 1); break;
    case 5: (void)glass_bn_sub(x, two_m, one, n + 1); break;
    case 6: case 7: {
        size_t bits = which == 6 ? L : L / 52 * 52;
        for (size_t i = 0; i < bits; i++)
            x[i / 64] |= (glass_limb)1 << (i % 64);
        break;
    }
    case 8:
        for (size_t i = 0; i < L; i++)
            if ((i / 52) % 2 == 0)
                x[i / 64] |= (glass_limb)1 << (i % 64);
        break;
    case 9:
        for (size_t i = 0; i < n; i++)
            x[i] = (glass_limb)-1;
        x[n - 1] = c->m[n - 1];      /* <= m's top limb: below 2m */
        break;
    default:
        for (size_t i = 0; i <= n; i++)
            x[i] = rnd();
        x[n] &= 1;
        while (!glass_bn_lt(x, two_m, n + 1))
            x[n - 1] >>= 1, x[n] = 0;
        break;
    }
    assert_true(glass_bn_lt(x, two_m, n + 1) != 0);
}

static void test_amm_ifma_edges(void **state)
{
    (void)state;
    static modctx c, d;
    const size_t sizes[] = { 16, 24, 32 };
    glass_limb a[MAXN + 1], b[MAXN + 1], a2[MAXN + 1], b2[MAXN + 1];
    glass_limb want[MAXN], want2[MAXN], got[MAXN], got2[MAXN];
    int compared = 0;
    for (size_t s = 0; s < 3; s++) {
        const size_t n = sizes[s];
        if (!glass_bn_modexp_ifma_available(n))
            continue;
        for (int kind = 0; kind < MOD_KINDS; kind++) {
            make_mod(&c, n, kind);
            make_mod(&d, n, (kind + 1) % MOD_KINDS);   /* the second chain's modulus */
            for (int ea = 0; ea < AMM_EDGES; ea++)
                for (int eb = 0; eb < AMM_EDGES; eb++) {
                    amm_edge(a, &c, ea);
                    amm_edge(b, &c, eb);
                    amm_want(want, &c, a, b);
                    glass_bn_amm_ifma(got, a, b, &c.mc);
                    assert_memory_equal(got, want, n * sizeof(glass_limb));
                    /* the interleaved pair: this product beside another
                     * one on the other modulus, the edges reversed */
                    amm_edge(a2, &d, AMM_EDGES - 1 - ea);
                    amm_edge(b2, &d, eb);
                    amm_want(want2, &d, a2, b2);
                    glass_bn_amm2_ifma(got, a, b, &c.mc, got2, a2, b2, &d.mc);
                    assert_memory_equal(got, want, n * sizeof(glass_limb));
                    assert_memory_equal(got2, want2, n * sizeof(glass_limb));
                    compared += 3;
                }
            for (int i = 0; i < 100; i++) {
                amm_edge(a, &c, AMM_EDGES - 1);
                amm_edge(b, &c, AMM_EDGES - 1);
                amm_edge(a2, &d, AMM_EDGES - 1);
                amm_edge(b2, &d, AMM_EDGES - 1);
                amm_want(want, &c, a, b);
                amm_want(want2, &d, a2, b2);
                glass_bn_amm_ifma(got, a, b, &c.mc);
                assert_memory_equal(got, want, n * sizeof(glass_limb));
                glass_bn_amm2_ifma(got, a, b, &c.mc, got2, a2, b2, &d.mc);
                assert_memory_equal(got, want, n * sizeof(glass_limb));
                assert_memory_equal(got2, want2, n * sizeof(glass_limb));
                compared += 3;
            }
        }
    }
    printf("  %d IFMA products compared%s\n", compared,
           compared ? "" : " (no AVX-512 IFMA here, or GLASS_NO_ASM: skipped)");
}

/* The two CRT exponentiations together (glass_bn_modexp2_ct, interleaved
 * on the IFMA path) against two portable exponentiations: the sizes IFMA
 * takes and one it does not, pairs of moduli of every kind, edge bases
 * (0, 1, R mod m, m - 1) and exponents (0, 1, all-ones, the top bit
 * alone, a single window's worth), random ones, a bit count that is not a
 * multiple of the window, and the result written over the base. */
static void test_modexp2(void **state)
{
    (void)state;
    static modctx c, d;
    const size_t sizes[] = { 16, 24, 32, 8 };
    const int randoms[] = { 24, 8, 4, 8 };
    glass_limb b1[MAXN], b2[MAXN], e1[MAXN], e2[MAXN];
    glass_limb w1[MAXN], w2[MAXN], g1[MAXN], g2[MAXN];
    int compared = 0, interleaved = 0;
    for (size_t s = 0; s < 4; s++) {
        const size_t n = sizes[s];
        for (int pair = 0; pair < MOD_KINDS + randoms[s]; pair++) {
            const int edge_case = pair < MOD_KINDS;
            make_mod(&c, n, edge_case ? pair : MOD_RANDOM);
            make_mod(&d, n, edge_case ? (pair + 2) % MOD_KINDS : MOD_RANDOM);
            rand_below(b1, &c);
            rand_below(b2, &d);
            for (size_t i = 0; i < n; i++) {
                e1[i] = rnd();
                e2[i] = rnd();
            }
            size_t ebits = n * GLASS_LIMB_BITS;
            if (edge_case) {
                /* bases: 0 / 1 / R mod m / m - 1; exponents: 0 / 1 /
                 * all-ones / the top bit alone, shifted between the two */
                glass_limb one[MAXN] = { 1 };
                glass_bn_zero(b1, n);
                if (pair == 1) b1[0] = 1;
                if (pair == 2) glass_bn_mont_one(b1, &c.mc);
                if (pair == 3) (void)glass_bn_sub(b1, c.m, one, n);
                glass_bn_zero(e1, n);
                glass_bn_zero(e2, n);
                switch (pair) {
                case 0: e2[0] = 1; break;
                case 1:
                    for (size_t i = 0; i < n; i++)
                        e1[i] = (glass_limb)-1;
                    e2[0] = 31;
                    break;
                case 2:
                    e1[n - 1] = (glass_limb)1 << (GLASS_LIMB_BITS - 1);
                    for (size_t i = 0; i < n; i++)
                        e2[i] = (glass_limb)-1;
                    break;
                default: e1[0] = 1; e2[n - 1] = (glass_limb)1 << (GLASS_LIMB_BITS - 1); break;
                }
            } else if (pair % 3 == 0) {
                ebits -= 3;                                  /* not a multiple of 5 */
                e1[n - 1] &= (glass_limb)-1 >> 3;
                e2[n - 1] &= (glass_limb)-1 >> 3;
            }
            glass_crypto_set_hw(0);
            assert_false(glass_bn_modexp2_interleaved(n, ebits, n, ebits));
            glass_bn_modexp_ct(w1, b1, e1, ebits, &c.mc);
            glass_bn_modexp_ct(w2, b2, e2, ebits, &d.mc);
            glass_crypto_set_hw(1);
            if (glass_bn_modexp2_interleaved(n, ebits, n, ebits))
                interleaved += 4;
            assert_int_equal(glass_bn_modexp2_interleaved(n, ebits, n, ebits),
                             glass_bn_modexp_ifma_available(n));
            glass_bn_modexp2_ct(g1, b1, e1, ebits, &c.mc, g2, b2, e2, ebits, &d.mc);
            assert_memory_equal(g1, w1, n * sizeof(glass_limb));
            assert_memory_equal(g2, w2, n * sizeof(glass_limb));
            /* in place, as rsa.c calls it */
            glass_bn_copy(g1, b1, n);
            glass_bn_copy(g2, b2, n);
            glass_bn_modexp2_ct(g1, g1, e1, ebits, &c.mc, g2, g2, e2, ebits, &d.mc);
            assert_memory_equal(g1, w1, n * sizeof(glass_limb));
            assert_memory_equal(g2, w2, n * sizeof(glass_limb));
            compared += 4;
        }
    }
    /* sizes that differ, or bit counts that differ: one after the other */
    make_mod(&c, 16, MOD_RANDOM);
    make_mod(&d, 24, MOD_RANDOM);
    assert_false(glass_bn_modexp2_interleaved(16, 1024, 24, 1536));
    assert_false(glass_bn_modexp2_interleaved(16, 1024, 16, 1023));
    rand_below(b1, &c);
    rand_below(b2, &d);
    for (size_t i = 0; i < 24; i++)
        e1[i] = e2[i] = rnd();
    glass_bn_modexp_ct(w1, b1, e1, 1024, &c.mc);
    glass_bn_modexp_ct(w2, b2, e2, 1536, &d.mc);
    glass_bn_modexp2_ct(g1, b1, e1, 1024, &c.mc, g2, b2, e2, 1536, &d.mc);
    assert_memory_equal(g1, w1, 16 * sizeof(glass_limb));
    assert_memory_equal(g2, w2, 24 * sizeof(glass_limb));
    /* glass_crypto_set_ifma(0) turns the interleaved path off too */
    glass_crypto_set_ifma(0);
    assert_false(glass_bn_modexp2_interleaved(16, 1024, 16, 1024));
    glass_crypto_set_ifma(1);
    printf("  %d results of paired exponentiations compared, %d of them interleaved%s\n",
           compared, interleaved, interleaved ? "" : " (no AVX-512 IFMA here, or GLASS_NO_ASM)");
}

/* The window lookup: the portable loop and the AVX2 one against a plain
 * copy of the entry, for every index, every limb count up to the maximum
 * (the AVX2 one takes multiples of 4), and an index past the table (no
 * entry: all zero). */
static void test_ct_lookup(void **state)
{
    (void)state;
    static glass_limb table[32][MAXN];
    glass_limb got[MAXN], want[MAXN];
    int vec = 0;
    for (size_t i = 0; i < 32; i++)
        for (size_t j = 0; j < MAXN; j++)
            table[i][j] = rnd();
    for (size_t n = 1; n <= MAXN; n++) {
        for (glass_limb idx = 0; idx <= 32; idx++) {
            if (idx < 32)
                memcpy(want, table[idx], n * sizeof(glass_limb));
            else
                memset(want, 0, n * sizeof(glass_limb));
            memset(got, 0xa5, sizeof got);
            glass_bn_ct_lookup_c(got, &table[0][0], MAXN, 32, idx, n);
            assert_memory_equal(got, want, n * sizeof(glass_limb));
            memset(got, 0xa5, sizeof got);
            glass_bn_ct_lookup(got, &table[0][0], MAXN, 32, idx, n);
            assert_memory_equal(got, want, n * sizeof(glass_limb));
            if (glass_bn_ct_lookup_avx2_available(n)) {
                memset(got, 0xa5, sizeof got);
                glass_bn_ct_lookup_avx2(got, &table[0][0], MAXN, 32, idx, n);
                assert_memory_equal(got, want, n * sizeof(glass_limb));
                /* nothing past n limbs is written */
                assert_true(n == MAXN || got[n] == (glass_limb)0xa5a5a5a5a5a5a5a5ull);
                vec++;
            }
        }
    }
    printf("  %d AVX2 lookups compared%s\n", vec, vec ? "" : " (no AVX2 here: skipped)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_asm_switch),
        cmocka_unit_test(test_rsa_limb_counts),
        cmocka_unit_test(test_other_limb_counts),
        cmocka_unit_test(test_modexp_hw_on_off),
        cmocka_unit_test(test_amm_ifma_edges),
        cmocka_unit_test(test_modexp2),
        cmocka_unit_test(test_ct_lookup),
    };
    return cmocka_run_group_tests_name("bignum_paths", tests, NULL, NULL);
}
