/*
 * test_bignum_inv.c — glass_bn_modinv_vartime (crypto/bignum.c) against
 * the constant-time glass_bn_modinv and against the definition
 * x * x^-1 = 1 (mod m), checked with Montgomery multiplications, on
 * random and edge inputs for several limb counts.
 *
 * The 512-bit known answer was computed with Python's integers, by:
 *   python3 -c 'import random; random.seed(4); m2 = getrandbits(512)|1|1<<511;
 *               a = getrandbits(500); ...; print(hex(pow(a, -1, m2)))'
 * (the same values as test_bignum.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bignum.h"
#include "helpers/splitmix.h"
#include "helpers/bn_hex.h"

#define N512 (512 / GLASS_LIMB_BITS)
#define MAXN GLASS_BN_MAX_LIMBS

static const char *M2 = "fd724452ccea71ff4a14876aeaff1a098ca5996666ceab360512bd13110722311710cf5327ac435a7a97c643656412a9b8a1abcd1a6916c74da4f9fc3c6da5d7";
static const char *A  = "00006905ed6f0b09f165c8ce36e2f24b43000de01b2ed40ed3addccb2c33be0ac79d679346d4ac7a5c3902b38963dc6e8534f45738d048ec0f1099c6c3e1b258";
static const char *AINV = "ef48cdd90bddcab3b8690152c8059c4f145f507d9d4d60ee398ffd7d5d16bca2be1e6082b2bd49d9c6911d222c3a3436d9d5b3d62605859b23ddb58e615056bf";

static void from_hex(glass_limb *x, size_t n, const char *hex)
{
    assert_int_equal(test_bn_from_hex(x, n, hex), 0);
}

/* splitmix64: the test's own reproducible randomness */
static uint64_t seed = 12;
static glass_limb rnd(void)
{
    return (glass_limb)test_splitmix64(&seed);
}

/* x * r = 1 (mod m), computed independently of both inversions:
 * mont_mul(x, r) = x r / R, then * R^2 / R = x r. */
static int is_inverse(const glass_limb *x, const glass_limb *r, const glass_limb *m, size_t n)
{
    glass_limb rr[MAXN], t[MAXN], one[MAXN];
    glass_mont mc = { m, rr, glass_bn_mont_m0inv(m[0]), n };
    glass_bn_mont_rr(rr, m, n);
    glass_bn_mont_mul(t, x, r, &mc);
    glass_bn_mont_mul(t, t, rr, &mc);
    glass_bn_zero(one, n);
    one[0] = 1;
    return glass_bn_eq(t, one, n) != 0 && glass_bn_lt(r, m, n) != 0;
}

/* Both inversions agree: the same verdict, and the same inverse when it
 * exists (which is then checked against the definition). */
static void check_both(const glass_limb *x, const glass_limb *m, size_t n, int invertible)
{
    glass_limb r1[MAXN], r2[MAXN];
    glass_limb ok1 = glass_bn_modinv(r1, x, m, n);
    glass_limb ok2 = glass_bn_modinv_vartime(r2, x, m, n);
    assert_true(ok1 == ok2);
    assert_true(ok2 == (invertible ? (glass_limb)-1 : 0));
    if (invertible) {
        assert_memory_equal(r1, r2, n * sizeof(glass_limb));
        assert_true(is_inverse(x, r2, m, n));
    } else {
        assert_true(glass_bn_is_zero(r2, n) != 0);   /* documented: r = 0 */
    }
}

static void random_odd_modulus(glass_limb *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        m[i] = rnd();
    m[0] |= 1;
    if (m[n - 1] == 0)
        m[n - 1] = 1;
}

/* a random x < m (top limb below m's) */
static void random_below(glass_limb *x, const glass_limb *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = rnd();
    x[n - 1] = m[n - 1] > 1 ? x[n - 1] % (m[n - 1] - 1) : 0;
}

static void test_known_answer(void **state)
{
    (void)state;
    glass_limb m[N512], a[N512], want[N512], r[N512];
    from_hex(m, N512, M2);
    from_hex(a, N512, A);
    from_hex(want, N512, AINV);
    assert_true(glass_bn_modinv_vartime(r, a, m, N512) == (glass_limb)-1);
    assert_memory_equal(r, want, sizeof r);
}

static const size_t sizes[] = { 1, 2, 3, 5, 8, 16, 17, 24, 32, MAXN };

static void test_random(void **state)
{
    (void)state;
    glass_limb m[MAXN], x[MAXN];
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        for (int it = 0; it < 12; it++) {
            random_odd_modulus(m, n);
            random_below(x, m, n);
            /* a random modulus is composite: x may share a factor */
            glass_limb tmp[MAXN];
            int inv = glass_bn_modinv(tmp, x, m, n) != 0;
            check_both(x, m, n, inv);
            if (inv)
                assert_true(is_inverse(x, tmp, m, n));
        }
    }
}

static void test_edges(void **state)
{
    (void)state;
    glass_limb m[MAXN], x[MAXN];
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        random_odd_modulus(m, n);
        if (m[n - 1] < 4)
            m[n - 1] |= 0x100;                 /* room below for the cases */
        glass_bn_zero(x, n);
        check_both(x, m, n, 0);                /* 0: no inverse, r = 0 */
        x[0] = 1;
        check_both(x, m, n, 1);                /* 1 -> 1 */
        x[0] = 2;
        check_both(x, m, n, 1);                /* even: m is odd */
        glass_bn_zero(x, n);                   /* 2^(top bit) */
        x[n - 1] = (glass_limb)1 << (glass_bn_bitlen(&m[n - 1], 1) - 2);
        check_both(x, m, n, 1);
        glass_bn_copy(x, m, n);                /* m - 1 -> m - 1 */
        x[0] -= 1;
        check_both(x, m, n, 1);
        glass_limb r[MAXN];
        (void)glass_bn_modinv_vartime(r, x, m, n);
        assert_memory_equal(r, x, n * sizeof(glass_limb));
        if (n >= 3) {
            /* x = m - 2^W and m - 2^(2W+3): x agrees with m on its low
             * limbs, so u - v has one or more zero low limbs */
            glass_limb d[MAXN];
            glass_bn_zero(d, n);
            d[1] = 1;
            (void)glass_bn_sub(x, m, d, n);
            glass_limb tmp[MAXN];
            check_both(x, m, n, glass_bn_modinv(tmp, x, m, n) != 0);
            glass_bn_zero(d, n);
            d[2] = 8;
            (void)glass_bn_sub(x, m, d, n);
            check_both(x, m, n, glass_bn_modinv(tmp, x, m, n) != 0);
        }
    }
}

static void test_shared_factor(void **state)
{
    (void)state;
    glass_limb m[MAXN], x[MAXN], p[MAXN];
    /* m = 3 * p for a random odd p: x = 3 and x = 3k share the factor 3;
     * x = p shares p. */
    for (size_t si = 1; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        random_odd_modulus(p, n);
        p[n - 1] >>= 3;                        /* 3p fits in n limbs */
        if (p[n - 1] == 0)
            p[n - 1] = 1;
        glass_bn_zero(x, n);
        (void)glass_bn_mul_word(m, p, n, 3, 0);
        x[0] = 3;
        check_both(x, m, n, 0);
        x[0] = 3 * 12345;
        check_both(x, m, n, 0);
        check_both(p, m, n, 0);
        x[0] = 5;                              /* 5 divides m only by chance */
        glass_limb tmp[MAXN];
        check_both(x, m, n, glass_bn_modinv(tmp, x, m, n) != 0);
    }
    /* small: m = 15 (gcd(6, 15) = 3), m = 3*5*7*11 with x = 77 */
    glass_limb m1[1] = { 15 }, x1[1] = { 6 };
    check_both(x1, m1, 1, 0);
    m1[0] = 3 * 5 * 7 * 11;
    x1[0] = 77;
    check_both(x1, m1, 1, 0);
    x1[0] = 13;
    check_both(x1, m1, 1, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_answer),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_shared_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
