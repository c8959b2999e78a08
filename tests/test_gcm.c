/*
 * test_gcm.c — AES-GCM (SP 800-38D): the GCM specification's test cases
 * (tests/vectors/gcm_spec_testcases.rsp), seal/open round trips for every
 * length 0..300 with AAD lengths 0..40, tamper tests on every bit of
 * ciphertext, tag and AAD, the portable-versus-hardware cross-check on
 * pseudo-random inputs, and bad input.  The NIST GCMVS files are run by
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

#include "glasstls/err.h"
#include "glasstls/gcm.h"
#include "glasstls/hw.h"
#include "aes_internal.h"      /* glass_gcm_hw_set_wide: reach both x86 loops */
#include "helpers/hex.h"
#include "helpers/splitmix.h"

static uint64_t rng_state = 0x67636d2d74657374u;   /* fixed seed: reproducible */
static uint64_t rng(void) { return test_splitmix64(&rng_state); }
static void rng_fill(uint8_t *p, size_t n) { test_splitmix_rng(&rng_state, p, n); }

static int npaths(void)
{
    return glass_cpu_has_aesni() ? 2 : 1;
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

/* ---- the specification's test cases, read from tests/vectors ---- */

static size_t hexfield(const char *line, const char *name, uint8_t *out, size_t cap)
{
    size_t n = strlen(name);
    if (strncmp(line, name, n) != 0 || strncmp(line + n, " = ", 3) != 0)
        return (size_t)-1;
    const char *hex = line + n + 3;
    long len = test_unhex_n(hex, strcspn(hex, "\r\n"), out, cap);
    assert_true(len >= 0);
    return (size_t)len;
}

static void test_spec_vectors(void **state)
{
    (void)state;
    FILE *f = fopen("tests/vectors/gcm_spec_testcases.rsp", "r");
    char line[1024];
    uint8_t key[32], iv[64], pt[64], aad[32], ct[64], tag[16], out[64], t[16];
    size_t kl = 0, ivl = 0, ptl = 0, aadl = 0, ctl = 0, n;
    int cases = 0;
    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL) {
        if ((n = hexfield(line, "Key", key, sizeof key)) != (size_t)-1) kl = n;
        else if ((n = hexfield(line, "IV", iv, sizeof iv)) != (size_t)-1) ivl = n;
        else if ((n = hexfield(line, "PT", pt, sizeof pt)) != (size_t)-1) ptl = n;
        else if ((n = hexfield(line, "AAD", aad, sizeof aad)) != (size_t)-1) aadl = n;
        else if ((n = hexfield(line, "CT", ct, sizeof ct)) != (size_t)-1) ctl = n;
        else if ((n = hexfield(line, "Tag", tag, sizeof tag)) != (size_t)-1) {
            assert_int_equal(n, 16);
            assert_int_equal(ptl, ctl);
            for (int hw = 0; hw < npaths(); hw++) {
                glass_gcm g;
                glass_crypto_set_hw(hw);
                assert_int_equal(glass_gcm_init(&g, key, kl), GLASS_OK);
                assert_int_equal(glass_gcm_seal(&g, iv, ivl, aad, aadl, pt, ptl, out, t, 16), GLASS_OK);
                assert_memory_equal(out, ct, ctl);
                assert_memory_equal(t, tag, 16);
                assert_int_equal(glass_gcm_open(&g, iv, ivl, aad, aadl, ct, ctl, tag, 16, out), GLASS_OK);
                assert_memory_equal(out, pt, ptl);
                glass_gcm_free(&g);
            }
            cases++;
        }
    }
    fclose(f);
    assert_int_equal(cases, 12);     /* test cases 1-6 and 13-18 */
}

/* ---- round trips: every length 0..300 with AAD 0..40, both paths agree ---- */

static void test_round_trips(void **state)
{
    (void)state;
    static uint8_t pt[300], ct[2][300], out[300], aad[40];
    uint8_t key[32], iv[12], tag[2][16];
    glass_gcm g[2];
    rng_fill(key, sizeof key);
    rng_fill(pt, sizeof pt);
    rng_fill(aad, sizeof aad);
    rng_fill(iv, sizeof iv);
    for (size_t klen = 16; klen <= 32; klen += 16) {
        for (int hw = 0; hw < npaths(); hw++) {
            glass_crypto_set_hw(hw);
            assert_int_equal(glass_gcm_init(&g[hw], key, klen), GLASS_OK);
        }
        for (size_t len = 0; len <= 300; len++) {
            for (size_t alen = 0; alen <= 40; alen++) {
                iv[0] = (uint8_t)len;
                iv[1] = (uint8_t)alen;
                for (int hw = 0; hw < npaths(); hw++) {
                    assert_int_equal(glass_gcm_seal(&g[hw], iv, 12, aad, alen, pt, len,
                                                    ct[hw], tag[hw], 16), GLASS_OK);
                    memset(out, 0xEE, sizeof out);
                    assert_int_equal(glass_gcm_open(&g[hw], iv, 12, aad, alen, ct[hw], len,
                                                    tag[hw], 16, out), GLASS_OK);
                    assert_memory_equal(out, pt, len);
                }
                if (npaths() == 2) {
                    assert_memory_equal(ct[0], ct[1], len);
                    assert_memory_equal(tag[0], tag[1], 16);
                }
            }
        }
    }
    for (int hw = 0; hw < npaths(); hw++)
        glass_gcm_free(&g[hw]);
}

/* In place, the way the record layer calls it. */
static void test_in_place(void **state)
{
    (void)state;
    static uint8_t pt[5000], buf[5000], ref[5000];
    uint8_t key[16], iv[12], aad[13], tag[16], tag2[16];
    rng_fill(key, sizeof key);
    rng_fill(iv, sizeof iv);
    rng_fill(aad, sizeof aad);
    rng_fill(pt, sizeof pt);
    for (int hw = 0; hw < npaths(); hw++) {
        glass_gcm g;
        glass_crypto_set_hw(hw);
        assert_int_equal(glass_gcm_init(&g, key, 16), GLASS_OK);
        assert_int_equal(glass_gcm_seal(&g, iv, 12, aad, 13, pt, sizeof pt, ref, tag, 16), GLASS_OK);
        memcpy(buf, pt, sizeof pt);
        assert_int_equal(glass_gcm_seal(&g, iv, 12, aad, 13, buf, sizeof buf, buf, tag2, 16), GLASS_OK);
        assert_memory_equal(buf, ref, sizeof ref);
        assert_memory_equal(tag, tag2, 16);
        assert_int_equal(glass_gcm_open(&g, iv, 12, aad, 13, buf, sizeof buf, tag, 16, buf), GLASS_OK);
        assert_memory_equal(buf, pt, sizeof pt);
        glass_gcm_free(&g);
    }
}

/* ---- tampering: every single bit flip of ciphertext, tag and AAD ---- */

static void expect_bad(const glass_gcm *g, const uint8_t *iv, const uint8_t *aad, size_t alen,
                       const uint8_t *ct, size_t len, const uint8_t *tag)
{
    uint8_t out[100];
    memset(out, 0xEE, sizeof out);
    assert_int_equal(glass_gcm_open(g, iv, 12, aad, alen, ct, len, tag, 16, out), GLASS_E_BAD_TAG);
    assert_true(all_zero(out, len));           /* nothing of the plaintext is released */
}

static void test_tamper(void **state)
{
    (void)state;
    uint8_t key[32], iv[12], aad[21], pt[67], ct[67], tag[16];
    rng_fill(key, sizeof key);
    rng_fill(iv, sizeof iv);
    rng_fill(aad, sizeof aad);
    rng_fill(pt, sizeof pt);
    for (int hw = 0; hw < npaths(); hw++) {
        glass_gcm g;
        glass_crypto_set_hw(hw);
        assert_int_equal(glass_gcm_init(&g, key, 32), GLASS_OK);
        assert_int_equal(glass_gcm_seal(&g, iv, 12, aad, sizeof aad, pt, sizeof pt, ct, tag, 16), GLASS_OK);
        for (size_t bit = 0; bit < 8 * sizeof ct; bit++) {
            ct[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            expect_bad(&g, iv, aad, sizeof aad, ct, sizeof ct, tag);
            ct[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        for (size_t bit = 0; bit < 8 * sizeof tag; bit++) {
            tag[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            expect_bad(&g, iv, aad, sizeof aad, ct, sizeof ct, tag);
            tag[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        for (size_t bit = 0; bit < 8 * sizeof aad; bit++) {
            aad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            expect_bad(&g, iv, aad, sizeof aad, ct, sizeof ct, tag);
            aad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        /* IV, truncated ciphertext, dropped AAD byte */
        iv[5] ^= 0x10;
        expect_bad(&g, iv, aad, sizeof aad, ct, sizeof ct, tag);
        iv[5] ^= 0x10;
        expect_bad(&g, iv, aad, sizeof aad, ct, sizeof ct - 1, tag);
        expect_bad(&g, iv, aad, sizeof aad - 1, ct, sizeof ct, tag);
        /* and the untouched message still opens */
        uint8_t out[67];
        assert_int_equal(glass_gcm_open(&g, iv, 12, aad, sizeof aad, ct, sizeof ct, tag, 16, out), GLASS_OK);
        assert_memory_equal(out, pt, sizeof pt);
        glass_gcm_free(&g);
    }
}

/* ---- cross-check: random keys, IV lengths, tag lengths, sizes ----
 * Variant 0 is the portable code, 1 the AES-NI loop of 8 blocks, 2 the
 * VAES/AVX-512 loop of 16 blocks (1 and 2 only where the CPU has them).
 * Sizes up to 4200 bytes run several batches of each loop. */

static void test_cross_check_random(void **state)
{
    (void)state;
    static const size_t tags[] = { 4, 8, 12, 13, 14, 15, 16 };
    static uint8_t pt[4200], ct[3][4200], out[4200], aad[300];
    if (npaths() < 2)
        skip();
    for (int iter = 0; iter < 400; iter++) {
        uint8_t key[32], iv[80], tag[3][16];
        size_t klen = (rng() & 1) ? 32 : 16;
        size_t ivlen = (rng() & 1) ? 12 : 1 + rng() % 80;
        size_t alen = rng() % 300, len = rng() % 4200, tlen = tags[rng() % 7];
        rng_fill(key, sizeof key);
        rng_fill(iv, sizeof iv);
        rng_fill(aad, alen);
        rng_fill(pt, len);
        for (int v = 0; v < 3; v++) {
            glass_gcm g;
            glass_crypto_set_hw(v > 0);
            assert_int_equal(glass_gcm_init(&g, key, klen), GLASS_OK);
            glass_gcm_hw_set_wide(&g, v == 2);
            assert_int_equal(glass_gcm_seal(&g, iv, ivlen, aad, alen, pt, len, ct[v], tag[v], tlen), GLASS_OK);
            memset(out, 0, len);
            assert_int_equal(glass_gcm_open(&g, iv, ivlen, aad, alen, ct[v], len, tag[v], tlen, out), GLASS_OK);
            assert_memory_equal(out, pt, len);
            glass_gcm_free(&g);
            assert_memory_equal(ct[v], ct[0], len);
            assert_memory_equal(tag[v], tag[0], tlen);
        }
    }
}

/* ---- bad input ---- */

static void test_bad_input(void **state)
{
    (void)state;
    uint8_t key[32] = { 0 }, iv[12] = { 0 }, buf[32] = { 0 }, tag[16] = { 0 };
    glass_gcm g;
    assert_int_equal(glass_gcm_init(&g, key, 24), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_gcm_init(&g, key, 0), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_gcm_init(NULL, key, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_gcm_init(&g, NULL, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_gcm_init(&g, key, 16), GLASS_OK);
    /* tag lengths outside SP 800-38D 5.2.1.2 */
    static const size_t bad_tags[] = { 0, 1, 2, 3, 5, 6, 7, 9, 10, 11, 17, 32 };
    for (size_t i = 0; i < sizeof bad_tags / sizeof bad_tags[0]; i++) {
        assert_int_equal(glass_gcm_seal(&g, iv, 12, NULL, 0, buf, 16, buf, tag, bad_tags[i]),
                         GLASS_E_BAD_LENGTH);
        assert_int_equal(glass_gcm_open(&g, iv, 12, NULL, 0, buf, 16, tag, bad_tags[i], buf),
                         GLASS_E_BAD_LENGTH);
    }
    /* empty IV */
    assert_int_equal(glass_gcm_seal(&g, iv, 0, NULL, 0, buf, 16, buf, tag, 16), GLASS_E_BAD_LENGTH);
    /* plaintext longer than 2^39 - 256 bits (SP 800-38D 5.2.1.1); the
     * length is checked before any byte is touched */
    size_t too_long = (size_t)(((uint64_t)1 << 36) - 31);
    assert_int_equal(glass_gcm_seal(&g, iv, 12, NULL, 0, buf, too_long, buf, tag, 16), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_gcm_open(&g, iv, 12, NULL, 0, buf, too_long, tag, 16, buf), GLASS_E_BAD_LENGTH);
    /* AAD and IV longer than 2^64 - 1 bits */
    assert_int_equal(glass_gcm_seal(&g, iv, 12, buf, SIZE_MAX, buf, 16, buf, tag, 16), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_gcm_seal(&g, iv, SIZE_MAX, NULL, 0, buf, 16, buf, tag, 16), GLASS_E_BAD_LENGTH);
    /* NULL pointers */
    assert_int_equal(glass_gcm_seal(NULL, iv, 12, NULL, 0, buf, 16, buf, tag, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_gcm_seal(&g, NULL, 12, NULL, 0, buf, 16, buf, tag, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_gcm_seal(&g, iv, 12, NULL, 5, buf, 16, buf, tag, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_gcm_seal(&g, iv, 12, NULL, 0, NULL, 16, buf, tag, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_gcm_seal(&g, iv, 12, NULL, 0, buf, 16, buf, NULL, 16), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_gcm_open(&g, iv, 12, NULL, 0, buf, 16, tag, 16, NULL), GLASS_E_INVALID_ARG);
    /* empty plaintext and AAD with NULL pointers are fine */
    assert_int_equal(glass_gcm_seal(&g, iv, 12, NULL, 0, NULL, 0, NULL, tag, 16), GLASS_OK);
    assert_int_equal(glass_gcm_open(&g, iv, 12, NULL, 0, NULL, 0, tag, 16, NULL), GLASS_OK);
    tag[0] ^= 1;
    assert_int_equal(glass_gcm_open(&g, iv, 12, NULL, 0, NULL, 0, tag, 16, NULL), GLASS_E_BAD_TAG);
    glass_gcm_free(&g);
    glass_gcm_free(NULL);
}

/* SP 800-38D 5.2.1.1: the IV has at least one bit.  An empty IV (with a
 * valid pointer) is refused by seal and open on every path, before any
 * output byte is written; one byte is the shortest IV that works. */
static void test_empty_iv(void **state)
{
    (void)state;
    uint8_t key[16], iv[1] = { 0x5a }, pt[32], ct[32], out[32], tag[16], t2[16];
    rng_fill(key, sizeof key);
    rng_fill(pt, sizeof pt);
    int was = glass_crypto_hw_enabled();
    for (int hw = 0; hw < npaths(); hw++) {
        glass_gcm g;
        glass_crypto_set_hw(hw);
        assert_int_equal(glass_gcm_init(&g, key, sizeof key), GLASS_OK);
        memset(ct, 0xAA, sizeof ct);
        memset(tag, 0xAA, sizeof tag);
        assert_int_equal(glass_gcm_seal(&g, iv, 0, NULL, 0, pt, sizeof pt, ct, tag, 16),
                         GLASS_E_BAD_LENGTH);
        memset(t2, 0xAA, sizeof t2);
        assert_memory_equal(tag, t2, sizeof t2);
        for (size_t i = 0; i < sizeof ct; i++)
            assert_int_equal(ct[i], 0xAA);
        assert_int_equal(glass_gcm_seal(&g, iv, 0, NULL, 0, NULL, 0, NULL, tag, 16),
                         GLASS_E_BAD_LENGTH);
        /* a one-byte IV works, and the same ciphertext opened with an
         * empty IV is refused (not merely a tag mismatch) */
        assert_int_equal(glass_gcm_seal(&g, iv, 1, NULL, 0, pt, sizeof pt, ct, tag, 16), GLASS_OK);
        memset(out, 0xAA, sizeof out);
        assert_int_equal(glass_gcm_open(&g, iv, 0, NULL, 0, ct, sizeof ct, tag, 16, out),
                         GLASS_E_BAD_LENGTH);
        for (size_t i = 0; i < sizeof out; i++)
            assert_int_equal(out[i], 0xAA);
        assert_int_equal(glass_gcm_open(&g, iv, 1, NULL, 0, ct, sizeof ct, tag, 16, out), GLASS_OK);
        assert_memory_equal(out, pt, sizeof pt);
        glass_gcm_free(&g);
    }
    glass_crypto_set_hw(was);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_vectors),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_in_place),
        cmocka_unit_test(test_tamper),
        cmocka_unit_test(test_cross_check_random),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_empty_iv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
