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
 * loop.  A path this CPU lacks is reported and skipped (the
 * ADX one is then still built and tested on machines that have it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
        cmocka_unit_test(test_rsa_limb_counts),
        cmocka_unit_test(test_other_limb_counts),
        cmocka_unit_test(test_modexp_hw_on_off),
        cmocka_unit_test(test_ct_lookup),
    };
    return cmocka_run_group_tests_name("bignum_paths", tests, NULL, NULL);
}
