/*
 * test_aes.c — AES-128/256 (FIPS 197): the worked examples of FIPS 197
 * Appendix C on both paths, the S-box against its definition, the
 * portable-versus-AES-NI cross-check on pseudo-random keys and blocks, the
 * path switch, and bad key lengths.  The NIST AESAVS files are run by
 * glass-kat (kat-shared suite).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/aes.h"
#include "glasstls/err.h"
#include "glasstls/hw.h"
#include "helpers/hex.h"
#include "helpers/splitmix.h"

/* SplitMix64 from a fixed seed, so a failure can be reproduced */
static uint64_t rng_state = 0x676c617373746c73u;
static uint64_t rng(void) { return test_splitmix64(&rng_state); }
static void rng_fill(uint8_t *p, size_t n) { test_splitmix_rng(&rng_state, p, n); }

/* the paths this machine can run: 0 portable, 1 AES-NI */
static int npaths(void)
{
    return glass_cpu_has_aesni() ? 2 : 1;
}

/* FIPS 197 Appendix C.1 (AES-128) and C.3 (AES-256): key 00 01 .. 1f,
 * plaintext 00 11 22 .. ff. */
static void test_fips197_appendix_c(void **state)
{
    (void)state;
    static const char *const want[2] = { "69c4e0d86a7b0430d8cdb78070b4c55a",
                                         "8ea2b7ca516745bfeafc49904b496089" };
    uint8_t key[32], pt[16], ct[16], out[16];
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    for (int i = 0; i < 16; i++)
        pt[i] = (uint8_t)(0x11 * i);
    for (int hw = 0; hw < npaths(); hw++) {
        for (int v = 0; v < 2; v++) {
            glass_aes_key k;
            glass_crypto_set_hw(hw);
            assert_int_equal(glass_aes_setkey(&k, key, v ? 32 : 16), GLASS_OK);
            assert_int_equal(k.hw, hw);
            assert_int_equal(test_unhex(want[v], ct, sizeof ct), sizeof ct);
            glass_aes_encrypt_block(&k, pt, out);
            assert_memory_equal(out, ct, 16);
            glass_aes_encrypt_block(&k, pt, pt);        /* in place */
            assert_memory_equal(pt, ct, 16);
            for (int i = 0; i < 16; i++)
                pt[i] = (uint8_t)(0x11 * i);
            glass_aes_free(&k);
        }
    }
}

/* The S-box by definition (FIPS 197 5.1.1): multiplicative inverse in
 * GF(2^8) mod x^8+x^4+x^3+x+1, then the affine map with 0x63. */
static uint8_t gmul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    for (int i = 0; i < 8; i++) {
        if (b & 1)
            r ^= a;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}
static uint8_t sbox_def(uint8_t x)
{
    uint8_t inv = 0, s;
    for (int y = 1; y < 256 && x; y++)
        if (gmul(x, (uint8_t)y) == 1)
            inv = (uint8_t)y;
    s = inv;
    for (int i = 1; i < 5; i++)
        s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
    return (uint8_t)(s ^ 0x63);
}

/* Every S-box entry, checked through the key schedule (FIPS 197 5.2): for
 * the AES-128 key (0, 0, 0, b b b b) the word w[4] = w[0] ^
 * SubWord(RotWord(w[3])) ^ Rcon[1] has the bytes S(b)^1, S(b), S(b), S(b). */
static void test_sbox_via_key_schedule(void **state)
{
    (void)state;
    for (int hw = 0; hw < npaths(); hw++) {
        glass_crypto_set_hw(hw);
        for (int b = 0; b < 256; b++) {
            uint8_t key[16] = { 0 };
            glass_aes_key k;
            memset(key + 12, b, 4);
            assert_int_equal(glass_aes_setkey(&k, key, 16), GLASS_OK);
            uint8_t s = sbox_def((uint8_t)b);
            assert_int_equal(k.rk[16], s ^ 1);
            assert_int_equal(k.rk[17], s);
            assert_int_equal(k.rk[18], s);
            assert_int_equal(k.rk[19], s);
        }
    }
}

static void test_cross_check_random(void **state)
{
    (void)state;
    if (npaths() < 2)
        skip();
    for (int iter = 0; iter < 2000; iter++) {
        uint8_t key[32], in[16], a[16], b[16];
        size_t klen = (rng() & 1) ? 32 : 16;
        glass_aes_key ks, kh;
        rng_fill(key, sizeof key);
        rng_fill(in, sizeof in);
        glass_crypto_set_hw(0);
        assert_int_equal(glass_aes_setkey(&ks, key, klen), GLASS_OK);
        glass_crypto_set_hw(1);
        assert_int_equal(glass_aes_setkey(&kh, key, klen), GLASS_OK);
        assert_int_equal(ks.hw, 0);
        assert_int_equal(kh.hw, 1);
        glass_aes_encrypt_block(&ks, in, a);
        glass_aes_encrypt_block(&kh, in, b);
        assert_memory_equal(a, b, 16);
    }
}

static void test_switch(void **state)
{
    (void)state;
    uint8_t key[16] = { 0 };
    glass_aes_key k;
    /* the switch alone decides glass_crypto_hw_enabled(); a new key takes
     * AES-NI when the switch is on and the CPU has it */
    glass_crypto_set_hw(0);
    assert_int_equal(glass_crypto_hw_enabled(), 0);
    assert_int_equal(glass_aes_setkey(&k, key, 16), GLASS_OK);
    assert_int_equal(k.hw, 0);
    glass_crypto_set_hw(1);
    assert_int_equal(glass_crypto_hw_enabled(), 1);
    assert_int_equal(glass_aes_setkey(&k, key, 16), GLASS_OK);
    assert_int_equal(k.hw, glass_cpu_has_aesni());
    glass_aes_free(&k);
}

static void test_bad_input(void **state)
{
    (void)state;
    uint8_t key[33] = { 0 };
    glass_aes_key k;
    static const size_t bad[] = { 0, 1, 15, 17, 24, 31, 33 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(glass_aes_setkey(&k, key, bad[i]), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_aes_setkey(NULL, key, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_aes_setkey(&k, NULL, 16), GLASS_E_INVALID_ARG);
    glass_aes_free(NULL);
}

static void test_free_wipes(void **state)
{
    (void)state;
    uint8_t key[16] = { 1, 2, 3 }, zero[sizeof(glass_aes_key)];
    glass_aes_key k;
    assert_int_equal(glass_aes_setkey(&k, key, 16), GLASS_OK);
    glass_aes_free(&k);
    memset(zero, 0, sizeof zero);
    assert_memory_equal(&k, zero, sizeof k);
}

int main(void)
{
    /* Run as `GLASS_NO_ASM=1 test_aes` (tests/sh/aes_no_asm.sh): the
     * environment must turn the fast path off before any call. */
    const char *e = getenv("GLASS_NO_ASM");
    if (e != NULL && strcmp(e, "1") == 0) {
        glass_aes_key k;
        uint8_t key[16] = { 0 };
        int ok = glass_crypto_hw_enabled() == 0 && glass_aes_setkey(&k, key, 16) == 0 && k.hw == 0;
        printf("GLASS_NO_ASM=1: fast path %s\n", ok ? "off (ok)" : "still on (FAILED)");
        return ok ? 0 : 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips197_appendix_c),
        cmocka_unit_test(test_sbox_via_key_schedule),
        cmocka_unit_test(test_cross_check_random),
        cmocka_unit_test(test_switch),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_free_wipes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
