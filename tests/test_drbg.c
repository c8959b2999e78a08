/*
 * test_drbg.c — HMAC_DRBG (SP 800-90A 10.1.2) and glass_os_random: a
 * SHA-512 known answer from an independent Python implementation
 * (tests/vectors/tools/gen_unit_drbg.py; the CAVP SHA-256/384 files are run
 * by glass-kat), determinism, the state rules and limits of 10.1.2.5 /
 * Table 2, the rng hook, and the OS path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/drbg.h"
#include "glasstls/err.h"
#include "helpers/hex.h"

static uint8_t ent[96];

static void fill(void)
{
    for (int i = 0; i < 96; i++)
        ent[i] = (uint8_t)i;
}

/* entropy 00..1f, nonce 20..2f, pers "glasstls"; generate 100; reseed with
 * ent 40..5f (bytes 64..95) and "more"; generate 100 with additional input "add". */
static void test_sha512_known_answer(void **state)
{
    glass_drbg d;
    uint8_t out[100], want[100];
    (void)state;
    assert_int_equal(glass_drbg_instantiate(&d, GLASS_HASH_SHA512, ent, 32, ent + 32, 16,
                                            (const uint8_t *)"glasstls", 8), GLASS_OK);
    assert_int_equal(glass_drbg_generate(&d, out, 100, NULL, 0), GLASS_OK);
    assert_int_equal(test_unhex("24872b67d4fed02b59bb5c18a601b9d48ecf9253b4888d509c7715cccb26622208c59fea0f0d751ad11a3e96146b63e1d95f9259f750e338b739f42c81a9f45f7bb2157c418fa16ba548373d9d2e3d55665a29287de95cc6441db51cc76afc77bd2d36b6", want, 100), 100);
    assert_memory_equal(out, want, 100);
    assert_int_equal(glass_drbg_reseed(&d, ent + 64, 32,
                                       (const uint8_t *)"more", 4), GLASS_OK);
    assert_int_equal(glass_drbg_generate(&d, out, 100, (const uint8_t *)"add", 3), GLASS_OK);
    assert_int_equal(test_unhex("ed61061d5d090b7d7eb29b5faf0f4fbd936a676d8d1987d1b4e5a6699429d4cd9e1cde342e7f268fa14221086e4ca43f242de1abd5b59314c09cca2f8dc62a05cec94a92e921a6370d503615608605a448634fe13337df448d5b146a137c3f0976e2c6a9", want, 100), 100);
    assert_memory_equal(out, want, 100);
    glass_drbg_free(&d);
}

static void test_deterministic(void **state)
{
    glass_drbg a, b;
    uint8_t x[80], y[80];
    (void)state;
    glass_drbg_instantiate(&a, GLASS_HASH_SHA256, ent, 32, ent + 32, 16, NULL, 0);
    glass_drbg_instantiate(&b, GLASS_HASH_SHA256, ent, 32, ent + 32, 16, NULL, 0);
    glass_drbg_generate(&a, x, 80, NULL, 0);
    glass_drbg_generate(&b, y, 80, NULL, 0);
    assert_memory_equal(x, y, 80);
    /* successive outputs differ; additional input changes the output */
    glass_drbg_generate(&a, x, 80, NULL, 0);
    assert_memory_not_equal(x, y, 80);
    glass_drbg_generate(&b, y, 80, (const uint8_t *)"x", 1);
    assert_memory_not_equal(x, y, 80);
    /* a personalization string changes the output */
    glass_drbg_instantiate(&a, GLASS_HASH_SHA256, ent, 32, ent + 32, 16, NULL, 0);
    glass_drbg_instantiate(&b, GLASS_HASH_SHA256, ent, 32, ent + 32, 16, (const uint8_t *)"p", 1);
    glass_drbg_generate(&a, x, 80, NULL, 0);
    glass_drbg_generate(&b, y, 80, NULL, 0);
    assert_memory_not_equal(x, y, 80);
    glass_drbg_free(&a);
    glass_drbg_free(&b);
}

static void test_rules_and_limits(void **state)
{
    glass_drbg d;
    uint8_t out[64];
    static uint8_t big[GLASS_DRBG_MAX_REQUEST + 1];
    (void)state;
    memset(&d, 0, sizeof d);
    assert_int_equal(glass_drbg_generate(&d, out, 16, NULL, 0), GLASS_E_STATE);
    assert_int_equal(glass_drbg_reseed(&d, ent, 32, NULL, 0), GLASS_E_STATE);
    assert_int_equal(glass_drbg_instantiate(&d, GLASS_HASH_SHA1, ent, 32, NULL, 0, NULL, 0),
                     GLASS_E_HASH_UNSUPPORTED);
    /* Table 2: at least security_strength (256 bits) of entropy */
    assert_int_equal(glass_drbg_instantiate(&d, GLASS_HASH_SHA256, ent, 31, NULL, 0, NULL, 0),
                     GLASS_E_DRBG_REQUEST);
    assert_int_equal(glass_drbg_instantiate(&d, GLASS_HASH_SHA256, NULL, 32, NULL, 0, NULL, 0),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_drbg_instantiate(&d, GLASS_HASH_SHA384, ent, 32, NULL, 0, NULL, 0), GLASS_OK);
    assert_int_equal(glass_drbg_reseed(&d, ent, 16, NULL, 0), GLASS_E_DRBG_REQUEST);
    assert_int_equal(glass_drbg_generate(&d, big, GLASS_DRBG_MAX_REQUEST + 1, NULL, 0),
                     GLASS_E_DRBG_REQUEST);
    assert_int_equal(glass_drbg_generate(&d, big, GLASS_DRBG_MAX_REQUEST, NULL, 0), GLASS_OK);
    assert_int_equal(glass_drbg_generate(&d, NULL, 0, NULL, 0), GLASS_OK);
    /* 10.1.2.5 step 1: past the reseed interval, generate refuses */
    d.reseed_counter = GLASS_DRBG_RESEED_INTERVAL + 1;
    assert_int_equal(glass_drbg_generate(&d, out, 16, NULL, 0), GLASS_E_DRBG_RESEED);
    assert_int_equal(glass_drbg_reseed(&d, ent, 32, NULL, 0), GLASS_OK);
    assert_int_equal(d.reseed_counter, 1);
    assert_int_equal(glass_drbg_generate(&d, out, 16, NULL, 0), GLASS_OK);
    /* free wipes K and V */
    glass_drbg_free(&d);
    uint8_t zero[sizeof d] = { 0 };
    assert_memory_equal(&d, zero, sizeof d);
}

/* The rng hook serves more than one request's worth, in request-sized pieces. */
static void test_rng_hook(void **state)
{
    glass_drbg a, b;
    static uint8_t x[GLASS_DRBG_MAX_REQUEST + 100], y[GLASS_DRBG_MAX_REQUEST + 100];
    (void)state;
    glass_drbg_instantiate(&a, GLASS_HASH_SHA256, ent, 32, ent + 32, 16, NULL, 0);
    glass_drbg_instantiate(&b, GLASS_HASH_SHA256, ent, 32, ent + 32, 16, NULL, 0);
    glass_rng_fn fn = glass_drbg_rng;
    assert_int_equal(fn(&a, x, sizeof x), GLASS_OK);
    glass_drbg_generate(&b, y, GLASS_DRBG_MAX_REQUEST, NULL, 0);
    glass_drbg_generate(&b, y + GLASS_DRBG_MAX_REQUEST, 100, NULL, 0);
    assert_memory_equal(x, y, sizeof x);
    glass_drbg_free(&a);
    glass_drbg_free(&b);
}

static void test_os_seeded(void **state)
{
    glass_drbg a, b;
    uint8_t x[32], y[32], zero[32] = { 0 };
    (void)state;
    assert_int_equal(glass_os_random(x, sizeof x), GLASS_OK);
    assert_int_equal(glass_os_random(y, sizeof y), GLASS_OK);
    assert_memory_not_equal(x, y, 32);             /* fails with probability 2^-256 */
    assert_memory_not_equal(x, zero, 32);
    assert_int_equal(glass_os_random(NULL, 0), GLASS_OK);
    assert_int_equal(glass_os_random(NULL, 1), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_drbg_instantiate_os(&a, NULL, 0), GLASS_OK);
    assert_int_equal(glass_drbg_instantiate_os(&b, (const uint8_t *)"p", 1), GLASS_OK);
    assert_int_equal(a.hash, GLASS_HASH_SHA256);
    glass_drbg_generate(&a, x, 32, NULL, 0);
    glass_drbg_generate(&b, y, 32, NULL, 0);
    assert_memory_not_equal(x, y, 32);
    glass_drbg_free(&a);
    glass_drbg_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha512_known_answer),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_rules_and_limits),
        cmocka_unit_test(test_rng_hook),
        cmocka_unit_test(test_os_seeded),
    };
    fill();
    return cmocka_run_group_tests_name("drbg", tests, NULL, NULL);
}
