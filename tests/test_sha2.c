/*
 * test_sha2.c — SHA-1/224/256/384/512 and the glass_hash_* dispatch.
 *
 * Known answers at the block-boundary lengths come from Python's hashlib
 * (command beside the table); everything else checks that every way of
 * feeding the same bytes (one-shot, split at every offset, byte by byte,
 * through glass_hash_*) gives the same digest.  SHA-224/256 run every test
 * with the hardware path on and off when the CPU has one, and compares the
 * two paths directly.  The NIST vectors are run by glass-kat.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/hw.h"
#include "glasstls/sha2.h"
#include "helpers/hex.h"

typedef struct known { size_t len; const char *hex; } known;

/* Message: byte i = (i * 7 + 3) & 255.  Digests generated with
 *   python3 -c 'import hashlib; m = bytes((i*7+3)&255 for i in range(200));
 *     [print(h, n, hashlib.new(h, m[:n]).hexdigest()) for h in
 *      ("sha1","sha224","sha256","sha384","sha512")
 *      for n in (0,55,56,63,64,111,112,127,128,129)]'
 */
static const known K_SHA1[] = {
    { 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
    { 55, "ddf57317ef34bfee3b6df83d359098930eb278bc" },
    { 56, "a0d492bb0fc889d0eca3bc137066ab6f4f74f369" },
    { 63, "c55856749bef509bdfe6bfebfc7bf4e793e82132" },
    { 64, "bede92be29c3874e1b54ddc77988d606fc857a8e" },
    { 111, "4a01b1272627e5be00f57bc3c3029c23a452e629" },
    { 112, "54c08c2a0ed21de25e3d8606c3929454eb1d3f8b" },
    { 127, "34d5e582029e9b9b85b2febe31da3db7cdabaaea" },
    { 128, "a09133e6730ffe899efb70204cb5646cd5dc24ee" },
    { 129, "808aea332ce367541d37adae7f94e59c5c1a934e" },
};
static const known K_SHA224[] = {
    { 0, "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f" },
    { 55, "703a7d6e61c83903b5db54ddf6dda2268211b47c90bbdac2ed306d8a" },
    { 56, "850fef35478d7a94a417713dbded4a39c18be2b40e6f20f47066d306" },
    { 63, "246a939bfdd1eedb1ad51b53a250d197b5752aab09580b7f1df50df7" },
    { 64, "e480c1c21ffd3f109fc0cde0daf967c748932b64f8e259d98db17420" },
    { 111, "5d5ba2469a7db3e3d5b622bdefbb8fef5582222b0f3dd41db4b62075" },
    { 112, "df564afcb13bf4a0b08d0d3132418ad63f523107e6003f3506167a5b" },
    { 127, "f2d23206c9419be75e54c12e79b49903565a9240f09d0bf15c548ed4" },
    { 128, "6df983e89c8c13cecdfb5f16fc67792ae3c4d062df69124d889a396f" },
    { 129, "cdb66bc3b48b8c446ba9e6220d9f9c25e2ed612094901834cde92dc6" },
};
static const known K_SHA256[] = {
    { 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { 55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b" },
    { 56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27" },
    { 63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055" },
    { 64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241" },
    { 111, "67d9492e628fd376e0b2efec8ca2b99b123e202cf620deb270728df979b2f73e" },
    { 112, "96b928cff8528dbb99602c709a65b846cb6467acb8b722f0d758e4dc27bfc508" },
    { 127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07" },
    { 128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6" },
    { 129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4" },
};
static const known K_SHA384[] = {
    { 0, "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b" },
    { 55, "fc2728f452750d08b5dbad1aea53202e7fc19c06894d13e36c433b0444a899277c49f16e0577c03db0f0605578836ef6" },
    { 56, "6c969a865f38d2eaac60b7963a84c97ba27bcb76e589cbe1e2e89ead6aee4ad0337a4268f054be49c604ddd99692036d" },
    { 63, "be67a9a1162c1d97f183980dc811f4f4f835b8b850eb32ecbf87397b26369bc6646a8f2234940dcff142b627c8e21ebb" },
    { 64, "99d26430f561864c2f7d90b68650b960c86c85d6bf7f54ceeee404bdd59663a7f05588b5c750b862a2a24f6a9ad4c050" },
    { 111, "341388a9dc2275074e90cf394323761919761c805fd9e370977c9966a0e8c81a52135f02577670b0071638a4a26dbc31" },
    { 112, "619cc5d06138526d70659eccf602d197e63e1050e22039a7feb40a30a5b2b08fb03729e291df12f8c576e6f1cd8af22a" },
    { 127, "f8234ab81f5f9641c656680825a9bbb3c2616bcc80b65d5e479a4d96742e1b8742330c9e8256ef5f03caa932487044ca" },
    { 128, "e8480e9c4dd90f88104a79cbaccec48edbd798a142b4f241d726dc252f1502350e824c7d18dadd59d7d716919fb8f9bf" },
    { 129, "430173387764874661acba1e914e50f6d0fbac534809e859b1da4396fad3d5f24c25c6a2d02486d8fbda3994713d981a" },
};
static const known K_SHA512[] = {
    { 0, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
    { 55, "14fd424b1fcadee624da946ab03f7e1def7c0d6e00f689594319881a26ff30b875ba4c622ac13100c8cc784c9c2eb23159aecbb4a02e3999062f551193e2b256" },
    { 56, "480fa85be41ef55a41208ca28ffc8743c91cf7d24758defe6f95bfb16de614fc86b701034896b047dd571de4318853d80e0809df162f1752cb26da6ddb94a0dd" },
    { 63, "ecd42a703a4e93e163d60d55e3785b1a763838b0351bc2e6f7c94b4bfb24f9aa15da5d744ebcebe11f0fc4315d45ba3a047b6e60e07448357f2795bf34b73502" },
    { 64, "8f3cc30b3fb5bf963688a46488249248ac2c67f0f85a145233c6c1e3c16dcd1df634c07d1d31da02576f65b9cf64e1c3fdb318b689b8a14e2e9552bcf30fb133" },
    { 111, "68cffa6d0d76f309c9ce0d35280939f8e25990c43b7b086ccdf709be35b07d4ddba599541ff2b1c19d34ea49aeafb9659adb7ac3c0b078bb30a22d57fc6687ef" },
    { 112, "d0865c524d1dddf7c23b799c413f5adcd7caefd3f66a9b49750ec81066012c25a8bcf94ddea6dc525691673097ca40e0101e897fc97218cfdb0704084e2bef4b" },
    { 127, "e0b6a20f1c0c88970a9340152cd5a1c1ecf3d3b8de55102741879438079473540133b812706e5dbec322c8c9523b6fc8c6d16ee626e87ad5fe3d2916afedc369" },
    { 128, "99b16f17aa0b969a5b8f08f367719d516e330ccd2660b6f0688ec031dbc783de50a1cd185a2568dba75070a2403d17d4741d163578515dfd2ff756ddfe4d47b1" },
    { 129, "a1556e29185778aa5991e34b8884c840d589f0fbb4b8ed590e51e9ac4eb03a008125000db2671f8fe7f485b59a77b518670078ecb41a54b4cd02a7f1d2ca4c6d" },
};

static uint8_t msg[1200];

static void fill_msg(void)
{
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)((i * 7 + 3) & 255);
}

/* Hardware settings to try: {1, 0} when a fast path exists, else {0}. */
static int hw_modes(int modes[2])
{
    if (glass_cpu_has_shani()) {
        modes[0] = 1;
        modes[1] = 0;
        return 2;
    }
    modes[0] = 0;
    return 1;
}

static void check_known(glass_hash_id id, const known *k, size_t nk)
{
    uint8_t want[GLASS_HASH_MAX_SIZE], got[GLASS_HASH_MAX_SIZE];
    size_t n = glass_hash_size(id);
    int modes[2], nm = hw_modes(modes);

    for (int m = 0; m < nm; m++) {
        glass_crypto_set_hw(modes[m]);
        for (size_t i = 0; i < nk; i++) {
            assert_int_equal(test_unhex(k[i].hex, want, n), n);
            memset(got, 0, sizeof got);
            assert_int_equal(glass_hash(id, msg, k[i].len, got), GLASS_OK);
            assert_memory_equal(got, want, n);
            /* the same through the algorithm's own one-shot function */
            switch (id) {
            case GLASS_HASH_SHA1:   glass_sha1(msg, k[i].len, got); break;
            case GLASS_HASH_SHA224: glass_sha224(msg, k[i].len, got); break;
            case GLASS_HASH_SHA256: glass_sha256(msg, k[i].len, got); break;
            case GLASS_HASH_SHA384: glass_sha384(msg, k[i].len, got); break;
            case GLASS_HASH_SHA512: glass_sha512(msg, k[i].len, got); break;
            default: fail();
            }
            assert_memory_equal(got, want, n);
        }
    }
    glass_crypto_set_hw(1);
}

static void test_sha1_boundaries(void **state)   { (void)state; check_known(GLASS_HASH_SHA1, K_SHA1, 10); }
static void test_sha224_boundaries(void **state) { (void)state; check_known(GLASS_HASH_SHA224, K_SHA224, 10); }
static void test_sha256_boundaries(void **state) { (void)state; check_known(GLASS_HASH_SHA256, K_SHA256, 10); }
static void test_sha384_boundaries(void **state) { (void)state; check_known(GLASS_HASH_SHA384, K_SHA384, 10); }
static void test_sha512_boundaries(void **state) { (void)state; check_known(GLASS_HASH_SHA512, K_SHA512, 10); }

/* update() split at every offset (two pieces), and byte by byte, equals one-shot. */
static void check_splits(glass_hash_id id, size_t len)
{
    uint8_t want[GLASS_HASH_MAX_SIZE], got[GLASS_HASH_MAX_SIZE];
    size_t n = glass_hash_size(id);
    glass_hash_ctx ctx;

    glass_hash(id, msg, len, want);
    for (size_t cut = 0; cut <= len; cut++) {
        glass_hash_init(&ctx, id);
        glass_hash_update(&ctx, msg, cut);
        glass_hash_update(&ctx, msg + cut, len - cut);
        glass_hash_final(&ctx, got);
        assert_memory_equal(got, want, n);
    }
    glass_hash_init(&ctx, id);
    for (size_t i = 0; i < len; i++)
        glass_hash_update(&ctx, msg + i, 1);
    glass_hash_final(&ctx, got);
    assert_memory_equal(got, want, n);
    /* three pieces around two block boundaries */
    for (size_t a = 0; a + 200 <= len; a += 13) {
        glass_hash_init(&ctx, id);
        glass_hash_update(&ctx, msg, a);
        glass_hash_update(&ctx, msg + a, 200);
        glass_hash_update(&ctx, msg + a + 200, len - a - 200);
        glass_hash_final(&ctx, got);
        assert_memory_equal(got, want, n);
    }
}

static void test_split_updates(void **state)
{
    static const glass_hash_id ids[] = { GLASS_HASH_SHA1, GLASS_HASH_SHA224, GLASS_HASH_SHA256,
                                         GLASS_HASH_SHA384, GLASS_HASH_SHA512 };
    static const size_t lens[] = { 0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 300, 1200 };
    int modes[2], nm = hw_modes(modes);
    (void)state;
    for (int m = 0; m < nm; m++) {
        glass_crypto_set_hw(modes[m]);
        for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
            for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++)
                check_splits(ids[i], lens[l]);
    }
    glass_crypto_set_hw(1);
}

/* Documented in sha2.h: data may be NULL when len is 0, and hashes nothing. */
static void test_null_zero_length(void **state)
{
    static const glass_hash_id ids[] = { GLASS_HASH_SHA1, GLASS_HASH_SHA224, GLASS_HASH_SHA256,
                                         GLASS_HASH_SHA384, GLASS_HASH_SHA512 };
    uint8_t want[GLASS_HASH_MAX_SIZE], got[GLASS_HASH_MAX_SIZE];
    (void)state;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        size_t n = glass_hash_size(ids[i]);
        glass_hash_ctx ctx;
        glass_hash(ids[i], "", 0, want);
        assert_int_equal(glass_hash(ids[i], NULL, 0, got), GLASS_OK);
        assert_memory_equal(got, want, n);
        /* NULL, 0 in the middle of a stream changes nothing */
        glass_hash(ids[i], msg, 100, want);
        glass_hash_init(&ctx, ids[i]);
        glass_hash_update(&ctx, msg, 40);
        glass_hash_update(&ctx, NULL, 0);
        glass_hash_update(&ctx, msg + 40, 60);
        glass_hash_update(&ctx, NULL, 0);
        glass_hash_final(&ctx, got);
        assert_memory_equal(got, want, n);
    }
    glass_sha256_ctx c;
    glass_sha256_init(&c);
    glass_sha256_update(&c, NULL, 0);
    glass_sha256_final(&c, got);
    assert_int_equal(test_unhex(K_SHA256[0].hex, want, 32), 32);
    assert_memory_equal(got, want, 32);
}

/* The SHA extensions path and the portable code agree on every length. */
static void test_sha256_paths_agree(void **state)
{
    uint8_t a[32], b[32];
    (void)state;
    if (!glass_cpu_has_shani()) {
        print_message("no hardware fast path on this CPU: portable code only\n");
        skip();
    }
    for (size_t len = 0; len <= sizeof msg; len++) {
        glass_crypto_set_hw(1);
        glass_sha256(msg, len, a);
        glass_crypto_set_hw(0);
        glass_sha256(msg, len, b);
        assert_memory_equal(a, b, 32);
    }
    glass_crypto_set_hw(1);
    assert_int_equal(glass_crypto_hw_enabled(), 1);
    glass_crypto_set_hw(0);
    assert_int_equal(glass_crypto_hw_enabled(), 0);
    glass_crypto_set_hw(1);
}

static void test_dispatch(void **state)
{
    glass_hash_ctx ctx;
    uint8_t out[GLASS_HASH_MAX_SIZE];
    (void)state;
    assert_int_equal(glass_hash_size(GLASS_HASH_SHA1), 20);
    assert_int_equal(glass_hash_size(GLASS_HASH_SHA224), 28);
    assert_int_equal(glass_hash_size(GLASS_HASH_SHA256), 32);
    assert_int_equal(glass_hash_size(GLASS_HASH_SHA384), 48);
    assert_int_equal(glass_hash_size(GLASS_HASH_SHA512), 64);
    assert_int_equal(glass_hash_size(GLASS_HASH_NONE), 0);
    assert_int_equal(glass_hash_block_size(GLASS_HASH_SHA1), 64);
    assert_int_equal(glass_hash_block_size(GLASS_HASH_SHA224), 64);
    assert_int_equal(glass_hash_block_size(GLASS_HASH_SHA256), 64);
    assert_int_equal(glass_hash_block_size(GLASS_HASH_SHA384), 128);
    assert_int_equal(glass_hash_block_size(GLASS_HASH_SHA512), 128);
    assert_int_equal(glass_hash_block_size((glass_hash_id)42), 0);
    assert_string_equal(glass_hash_name(GLASS_HASH_SHA224), "SHA-224");
    assert_string_equal(glass_hash_name(GLASS_HASH_SHA256), "SHA-256");
    assert_string_equal(glass_hash_name(GLASS_HASH_SHA384), "SHA-384");
    assert_string_equal(glass_hash_name((glass_hash_id)42), "unknown");
    assert_int_equal(glass_hash_init(&ctx, GLASS_HASH_NONE), GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_hash_init(&ctx, (glass_hash_id)42), GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_hash((glass_hash_id)42, msg, 3, out), GLASS_E_HASH_UNSUPPORTED);
    /* SHA-384 is not a truncated SHA-512 (different initial values, 6.5) */
    uint8_t s384[48], s512[64];
    glass_sha384(msg, 10, s384);
    glass_sha512(msg, 10, s512);
    assert_memory_not_equal(s384, s512, 48);
    /* nor is SHA-224 a truncated SHA-256 (5.3.2) */
    uint8_t s224[28], s256[32];
    glass_sha224(msg, 10, s224);
    glass_sha256(msg, 10, s256);
    assert_memory_not_equal(s224, s256, 28);
}

/* final() wipes the context (sha2.h): no digest state left behind. */
static void test_final_wipes(void **state)
{
    glass_sha256_ctx c;
    glass_sha512_ctx d;
    uint8_t out[64], zero[sizeof(glass_sha512_ctx)] = { 0 };
    (void)state;
    glass_sha256_init(&c);
    glass_sha256_update(&c, msg, 10);
    glass_sha256_final(&c, out);
    assert_memory_equal(&c, zero, sizeof c);
    glass_sha512_init(&d);
    glass_sha512_update(&d, msg, 10);
    glass_sha512_final(&d, out);
    assert_memory_equal(&d, zero, sizeof d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha1_boundaries),
        cmocka_unit_test(test_sha224_boundaries),
        cmocka_unit_test(test_sha256_boundaries),
        cmocka_unit_test(test_sha384_boundaries),
        cmocka_unit_test(test_sha512_boundaries),
        cmocka_unit_test(test_split_updates),
        cmocka_unit_test(test_null_zero_length),
        cmocka_unit_test(test_sha256_paths_agree),
        cmocka_unit_test(test_dispatch),
        cmocka_unit_test(test_final_wipes),
    };
    fill_msg();
    return cmocka_run_group_tests_name("sha2", tests, NULL, NULL);
}
