/*
 * test_prf.c — the TLS 1.2 PRF and key schedule (lib/keys/prf.c): master
 * secret, extended master secret, key block, Finished, for P_SHA256 and
 * P_SHA384, against Python hmac/hashlib (tests/vectors/tools/gen_unit_prf.py
 * prints every expected value below), plus P_hash properties and errors.
 * The IETF vectors, the Python PRF file and a real OpenSSL session are run
 * by glass-kat.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/prf.h"
#include "helpers/hex.h"

typedef struct schedule {
    glass_hash_id id;
    const char *master, *ems, *key_block, *client, *server;
} schedule;

/* premaster = 03 03 00 01 .. 2d, client_random = 100..131,
 * server_random = 200..231, session/handshake hash = SHA-256("handshake messages") */
static const schedule K[] = {
    { GLASS_HASH_SHA256,
      "fb42cd041629d67717afaf5119afc7f9f0864cf895087d1c4f9b32d90cb1cf15b0a2cbe6b19021b905ac52e9deeb9126",
      "145dc9af47c08ed47170c8b5bc09e05718506a1607d3d2e7de1c4f9f44cdb398ff184e09e1e97eb6bd0752e022d331e8",
      "7c4f5e4784df3f7d742140d2d3423f611867ab24743925292faeec858e02fc80198553cfe31f6292ef8fc6356340d86544c18af8526b89bef0750c32072348b7d0f3a6abb43d4684",
      "16876362a2c4527975043ca9", "42b22cec4ebade99cc1a988f" },
    { GLASS_HASH_SHA384,
      "8f1739ea68a223978cd38f3129a84e6a7c39f8f878fee418b5b382aa210ae4563c29aaa82b2364272696a0cae9507974",
      "eba5b9b74bf27f082bbb546ed06031ed29d4c791b32403904dd7377b1e47a15b21441db8bb0610f22bb0815bcd84d6cd",
      "aa9793d48e10eab8824ae10c784728e177f3782c1ba85fab17d23c1fbe93dd18b8b2036745092bf9c413b75465e1310fba1b1603eb5dcd5d9bda162ef2ba2793b2d4f06bdc3c23f4",
      "ceee609ad38238f2da75fe0e", "568e9f1fc35dc7e94436c7dc" },
};

static uint8_t pms[48], cr[32], sr[32], hs[32];

static void setup_inputs(void)
{
    pms[0] = 3;
    pms[1] = 3;
    for (int i = 0; i < 46; i++)
        pms[2 + i] = (uint8_t)i;
    for (int i = 0; i < 32; i++) {
        cr[i] = (uint8_t)(100 + i);
        sr[i] = (uint8_t)(200 + i);
    }
    glass_sha256("handshake messages", 18, hs);
}

static void test_key_schedule(void **state)
{
    uint8_t want[72], ms[48], out[72];
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        glass_hash_id id = K[i].id;
        assert_int_equal(glass_master_secret(id, pms, 48, cr, sr, ms), GLASS_OK);
        assert_int_equal(test_unhex(K[i].master, want, 48), 48);
        assert_memory_equal(ms, want, 48);

        assert_int_equal(glass_extended_master_secret(id, pms, 48, hs, 32, out), GLASS_OK);
        assert_int_equal(test_unhex(K[i].ems, want, 48), 48);
        assert_memory_equal(out, want, 48);

        assert_int_equal(glass_key_block(id, ms, cr, sr, out, 72), GLASS_OK);
        assert_int_equal(test_unhex(K[i].key_block, want, 72), 72);
        assert_memory_equal(out, want, 72);

        assert_int_equal(glass_finished_verify_data(id, ms, 1, hs, 32, out), GLASS_OK);
        assert_int_equal(test_unhex(K[i].client, want, 12), 12);
        assert_memory_equal(out, want, 12);
        assert_int_equal(glass_finished_verify_data(id, ms, 0, hs, 32, out), GLASS_OK);
        assert_int_equal(test_unhex(K[i].server, want, 12), 12);
        assert_memory_equal(out, want, 12);
    }
}

/* The key schedule functions are the PRF with the RFC's labels and seed
 * orders: master secret client||server, key block server||client. */
static void test_labels_and_order(void **state)
{
    uint8_t a[72], b[72], ms[48];
    (void)state;
    glass_master_secret(GLASS_HASH_SHA256, pms, 48, cr, sr, a);
    glass_tls_prf(GLASS_HASH_SHA256, pms, 48, "master secret", cr, 32, sr, 32, b, 48);
    assert_memory_equal(a, b, 48);
    memcpy(ms, a, 48);
    glass_key_block(GLASS_HASH_SHA256, ms, cr, sr, a, 72);
    glass_tls_prf(GLASS_HASH_SHA256, ms, 48, "key expansion", sr, 32, cr, 32, b, 72);
    assert_memory_equal(a, b, 72);
    glass_tls_prf(GLASS_HASH_SHA256, ms, 48, "key expansion", cr, 32, sr, 32, b, 72);
    assert_memory_not_equal(a, b, 72);
    /* client and server Finished differ */
    glass_finished_verify_data(GLASS_HASH_SHA256, ms, 1, hs, 32, a);
    glass_finished_verify_data(GLASS_HASH_SHA256, ms, 0, hs, 32, b);
    assert_memory_not_equal(a, b, 12);
}

/* P_hash properties: a shorter output is a prefix of a longer one, and
 * where the seed is cut between seed1 and seed2 does not matter. */
static void test_prf_properties(void **state)
{
    uint8_t lng[300], shrt[300], seed[64];
    (void)state;
    for (int i = 0; i < 64; i++)
        seed[i] = (uint8_t)(i * 5);
    glass_tls_prf(GLASS_HASH_SHA384, pms, 48, "test label", seed, 64, NULL, 0, lng, 300);
    for (size_t n = 0; n <= 300; n += 17) {
        memset(shrt, 0xee, sizeof shrt);
        assert_int_equal(glass_tls_prf(GLASS_HASH_SHA384, pms, 48, "test label", seed, 64, NULL, 0,
                                       shrt, n), GLASS_OK);
        assert_memory_equal(shrt, lng, n);
        assert_int_equal(shrt[n], 0xee);          /* nothing written past out_len */
    }
    for (size_t cut = 0; cut <= 64; cut++) {
        glass_tls_prf(GLASS_HASH_SHA384, pms, 48, "test label", seed, cut, seed + cut, 64 - cut, shrt, 100);
        assert_memory_equal(shrt, lng, 100);
    }
}

static void test_errors(void **state)
{
    uint8_t out[48];
    (void)state;
    assert_int_equal(glass_tls_prf(GLASS_HASH_SHA1, pms, 48, "x", cr, 32, NULL, 0, out, 48),
                     GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_tls_prf(GLASS_HASH_NONE, pms, 48, "x", cr, 32, NULL, 0, out, 48),
                     GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_tls_prf(GLASS_HASH_SHA256, pms, 48, NULL, cr, 32, NULL, 0, out, 48),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_tls_prf(GLASS_HASH_SHA256, NULL, 5, "x", cr, 32, NULL, 0, out, 48),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_tls_prf(GLASS_HASH_SHA256, pms, 48, "x", NULL, 3, NULL, 0, out, 48),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_tls_prf(GLASS_HASH_SHA256, pms, 48, "x", cr, 32, NULL, 0, NULL, 1),
                     GLASS_E_INVALID_ARG);
    /* NULL with length 0 is fine everywhere, and out_len 0 writes nothing */
    assert_int_equal(glass_tls_prf(GLASS_HASH_SHA256, NULL, 0, "", NULL, 0, NULL, 0, NULL, 0), GLASS_OK);
    assert_int_equal(glass_master_secret(GLASS_HASH_SHA256, pms, 48, NULL, sr, out), GLASS_E_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_schedule),
        cmocka_unit_test(test_labels_and_order),
        cmocka_unit_test(test_prf_properties),
        cmocka_unit_test(test_errors),
    };
    setup_inputs();
    return cmocka_run_group_tests_name("prf", tests, NULL, NULL);
}
