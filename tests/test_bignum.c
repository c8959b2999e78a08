/*
 * test_bignum.c — crypto/bignum.c: byte conversion, add/sub/compare masks,
 * Montgomery multiplication, both exponentiations and the inversion.
 *
 * The 512-bit known answers were computed with Python's integers, by:
 *   python3 -c 'import random; random.seed(4); ...'  (m2 = getrandbits(512)|1|1<<511,
 *   a = getrandbits(500), b = getrandbits(510), e = getrandbits(512);
 *   AB = a*b % m2, AE = pow(a, e, m2), AINV = pow(a, -1, m2), RR = 2**1024 % m2)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bignum.h"
#include "glasstls/err.h"
#include "helpers/bn_hex.h"

#define N512 (512 / GLASS_LIMB_BITS)

static const char *M2 = "fd724452ccea71ff4a14876aeaff1a098ca5996666ceab360512bd13110722311710cf5327ac435a7a97c643656412a9b8a1abcd1a6916c74da4f9fc3c6da5d7";
static const char *A  = "00006905ed6f0b09f165c8ce36e2f24b43000de01b2ed40ed3addccb2c33be0ac79d679346d4ac7a5c3902b38963dc6e8534f45738d048ec0f1099c6c3e1b258";
static const char *B  = "364e4db8daca3c06f5ff0c03bb5d7385de08caa1a08179104a25e4664f5253a02a3187853184ff27459142deccea264542a00403ce80c4b0a4042bb3d4341aad";
static const char *E  = "f1cfd99216df648647adec26793d0e453f5082492d83a8233fb62d2c81862fc9634f806fabf4a07c566002249b191bf4d8441b5616332aca5f552773e14b0190";
static const char *AB = "02b40c2a2ae24a1e28a6a40f10624a0fdf84de1dbe984a18f2d8f1027ede07b737750ca2c3e8d8bf13f677cab48d61e0fe00186816add5c19e7bd03bbbf6cebd";
static const char *AE = "05dd10af700246ca4fdbd58ca256bd0bcae7726e954504f41430f490be1933da007a3e3797a6ee31a4392a28e3a6f1bbf1b5ff9da2a038ce8274f51ea0a5a555";
static const char *AINV = "ef48cdd90bddcab3b8690152c8059c4f145f507d9d4d60ee398ffd7d5d16bca2be1e6082b2bd49d9c6911d222c3a3436d9d5b3d62605859b23ddb58e615056bf";
static const char *RR = "259e3abc25f6787e94194401fe257967e59ab39931395cfb4dbaf20dc0b5c153304f0791c5619379558d35a65ead18dcc029f61ef8587deb139e1d8bbd9e17dd";

static void from_hex(glass_limb *x, size_t n, const char *hex)
{
    assert_int_equal(test_bn_from_hex(x, n, hex), 0);
}

typedef struct ctx512 {
    glass_limb m[N512], rr[N512];
    glass_mont mc;
} ctx512;

static void setup512(ctx512 *c)
{
    from_hex(c->m, N512, M2);
    glass_bn_mont_rr(c->rr, c->m, N512);
    c->mc.m = c->m;
    c->mc.rr = c->rr;
    c->mc.m0inv = glass_bn_mont_m0inv(c->m[0]);
    c->mc.n = N512;
}

static void test_bytes(void **state)
{
    (void)state;
    const uint8_t in[9] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
    glass_limb x[4];
    uint8_t out[12];
    assert_int_equal(glass_bn_from_bytes(x, 4, in, sizeof in), 0);
    assert_true(x[0] == (glass_limb)(GLASS_LIMB_BITS == 64 ? 0x0102030405060708ull : 0x05060708u));
    assert_int_equal(glass_bn_to_bytes(x, 4, out, sizeof out), 0);
    const uint8_t want[12] = { 0, 0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
    assert_memory_equal(out, want, sizeof want);
    /* too short an output, too large an input */
    assert_int_equal(glass_bn_to_bytes(x, 4, out, 7), GLASS_E_LIMIT);
    assert_int_equal(glass_bn_to_bytes(x, 4, out, 8), 0);
    uint8_t big[40];
    memset(big, 0xff, sizeof big);
    assert_int_equal(glass_bn_from_bytes(x, 4, big, sizeof big), GLASS_E_LIMIT);
    /* exactly fits: 4 limbs' worth of 0xff */
    assert_int_equal(glass_bn_from_bytes(x, 4, big, 4 * GLASS_LIMB_BYTES), 0);
    assert_int_equal(glass_bn_bitlen(x, 4), 4 * GLASS_LIMB_BITS);
    big[0] = 0;
    assert_int_equal(glass_bn_from_bytes(x, 4, big, 4 * GLASS_LIMB_BYTES + 1), 0);
}

static void test_add_sub_compare(void **state)
{
    (void)state;
    glass_limb a[3] = { (glass_limb)-1, (glass_limb)-1, 0 }, one[3] = { 1, 0, 0 }, r[3], s[3];
    assert_true(glass_bn_add(r, a, one, 3) == 0);
    assert_true(r[0] == 0 && r[1] == 0 && r[2] == 1);
    assert_true(glass_bn_sub(s, r, one, 3) == 0);
    assert_memory_equal(s, a, sizeof a);
    assert_true(glass_bn_sub(s, one, r, 3) == 1);               /* borrow */
    assert_true(glass_bn_lt(a, r, 3) == (glass_limb)-1);
    assert_true(glass_bn_lt(r, a, 3) == 0);
    assert_true(glass_bn_lt(a, a, 3) == 0);
    assert_true(glass_bn_eq(a, a, 3) == (glass_limb)-1);
    assert_true(glass_bn_eq(a, r, 3) == 0);
    glass_bn_select(s, 0, a, one, 3);
    assert_memory_equal(s, one, sizeof one);
    glass_bn_select(s, (glass_limb)-1, a, one, 3);
    assert_memory_equal(s, a, sizeof a);
    /* conditional subtraction: only when x >= m or a carry is pending */
    glass_limb x[3] = { 5, 0, 0 }, m[3] = { 7, 0, 0 };
    glass_bn_cond_sub(x, 0, m, 3);
    assert_true(x[0] == 5);
    x[0] = 9;
    glass_bn_cond_sub(x, 0, m, 3);
    assert_true(x[0] == 2);
    glass_bn_mod_sub(r, one, x, m, 3);          /* 1 - 2 = 6 mod 7 */
    assert_true(r[0] == 6 && r[1] == 0);
}

static void test_m0inv(void **state)
{
    (void)state;
    glass_limb m0s[] = { 1, 3, 0x12345679, (glass_limb)-1, (glass_limb)0xfedcba9876543211ull };
    for (size_t i = 0; i < sizeof m0s / sizeof m0s[0]; i++)
        assert_true((glass_limb)(m0s[i] * glass_bn_mont_m0inv(m0s[i])) == (glass_limb)-1);
}

static void test_mont_known(void **state)
{
    (void)state;
    ctx512 c;
    glass_limb a[N512], b[N512], r[N512], want[N512], e[N512];
    setup512(&c);
    from_hex(want, N512, RR);
    assert_memory_equal(c.rr, want, sizeof want);
    from_hex(a, N512, A);
    from_hex(b, N512, B);
    /* a*b mod m through Montgomery form */
    glass_limb am[N512], bm[N512];
    glass_bn_mont_mul(am, a, c.rr, &c.mc);
    glass_bn_mont_mul(bm, b, c.rr, &c.mc);
    glass_bn_mont_mul(r, am, bm, &c.mc);
    glass_bn_from_mont(r, r, &c.mc);
    from_hex(want, N512, AB);
    assert_memory_equal(r, want, sizeof want);
    /* a^e, both paths */
    from_hex(e, N512, E);
    from_hex(want, N512, AE);
    glass_bn_modexp_ct(r, am, e, N512 * GLASS_LIMB_BITS, &c.mc);
    glass_bn_from_mont(r, r, &c.mc);
    assert_memory_equal(r, want, sizeof want);
    glass_bn_modexp_pub(r, am, e, N512, &c.mc);
    glass_bn_from_mont(r, r, &c.mc);
    assert_memory_equal(r, want, sizeof want);
    /* inverse */
    from_hex(want, N512, AINV);
    assert_true(glass_bn_modinv(r, a, c.m, N512) == (glass_limb)-1);
    assert_memory_equal(r, want, sizeof want);
}

static void test_wide_reduce(void **state)
{
    (void)state;
    ctx512 c;
    glass_limb a[N512], b[N512], prod[2 * N512], r[N512], want[N512];
    setup512(&c);
    from_hex(a, N512, A);
    from_hex(b, N512, B);
    glass_bn_mul(prod, a, N512, b, N512);       /* the full product, then reduce */
    glass_bn_reduce_wide(r, prod, 2 * N512, &c.mc);
    from_hex(want, N512, AB);
    assert_memory_equal(r, want, sizeof want);
}

static void test_fermat(void **state)
{
    (void)state;
    /* p = 2^255 - 19 is prime: a^(p-1) = 1 and a^(p-2) = a^-1 */
    const size_t n = 256 / GLASS_LIMB_BITS;
    glass_limb p[256 / GLASS_LIMB_BITS], rr[256 / GLASS_LIMB_BITS], e[256 / GLASS_LIMB_BITS];
    glass_limb a[256 / GLASS_LIMB_BITS], am[256 / GLASS_LIMB_BITS], r[256 / GLASS_LIMB_BITS];
    glass_limb one[256 / GLASS_LIMB_BITS], inv[256 / GLASS_LIMB_BITS];
    from_hex(p, n, "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed");
    glass_bn_mont_rr(rr, p, n);
    glass_mont mc = { p, rr, glass_bn_mont_m0inv(p[0]), n };
    from_hex(a, n, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    glass_bn_mont_mul(am, a, rr, &mc);
    glass_bn_zero(one, n);
    one[0] = 1;
    glass_bn_sub(e, p, one, n);
    glass_bn_modexp_ct(r, am, e, n * GLASS_LIMB_BITS, &mc);
    glass_bn_from_mont(r, r, &mc);
    assert_memory_equal(r, one, n * sizeof(glass_limb));
    glass_bn_sub(e, e, one, n);
    glass_bn_modexp_ct(r, am, e, n * GLASS_LIMB_BITS, &mc);
    glass_bn_from_mont(r, r, &mc);
    assert_true(glass_bn_modinv(inv, a, p, n) == (glass_limb)-1);
    assert_memory_equal(r, inv, n * sizeof(glass_limb));
}

static void test_modinv_not_invertible(void **state)
{
    (void)state;
    /* m = 15, x = 6: gcd 3 -> no inverse; x = 0 -> none; x = 7 -> 13 */
    glass_limb m[2] = { 15, 0 }, x[2] = { 6, 0 }, r[2];
    assert_true(glass_bn_modinv(r, x, m, 2) == 0);
    x[0] = 0;
    assert_true(glass_bn_modinv(r, x, m, 2) == 0);
    x[0] = 7;
    assert_true(glass_bn_modinv(r, x, m, 2) == (glass_limb)-1);
    assert_true(r[0] == 13 && r[1] == 0);
}

static void test_small_words(void **state)
{
    (void)state;
    glass_limb x[N512], q[N512], back[N512];
    from_hex(x, N512, B);
    uint32_t rem = glass_bn_div_word(q, x, N512, 65537);
    assert_true(rem == glass_bn_mod_word(x, N512, 65537));
    assert_true(glass_bn_mul_word(back, q, N512, 65537, rem) == 0);
    assert_memory_equal(back, x, sizeof x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_add_sub_compare),
        cmocka_unit_test(test_m0inv),
        cmocka_unit_test(test_mont_known),
        cmocka_unit_test(test_wide_reduce),
        cmocka_unit_test(test_fermat),
        cmocka_unit_test(test_modinv_not_invertible),
        cmocka_unit_test(test_small_words),
    };
    return cmocka_run_group_tests_name("bignum", tests, NULL, NULL);
}
