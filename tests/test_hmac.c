/*
 * test_hmac.c — HMAC (RFC 2104) over SHA-1/256/384/512: key lengths around
 * the block size (64 and 128 bytes) against Python's hmac, the RFC 2104
 * key rules as properties, streaming, and errors.  RFC 4231 and the CAVP
 * HMAC.rsp are run by glass-kat.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/hmac.h"
#include "glasstls/hw.h"
#include "helpers/hex.h"

typedef struct known { glass_hash_id id; size_t klen; const char *hex; } known;

/* Key: byte i = (i * 13 + 5) & 255; message: the first 100 bytes of
 * byte i = (i * 7 + 3) & 255.  MACs from
 *   python3 -c 'import hmac; m = bytes((i*7+3)&255 for i in range(100));
 *     k = bytes((i*13+5)&255 for i in range(200));
 *     [print(h, n, hmac.new(k[:n], m, h).hexdigest()) for h in
 *      ("sha1","sha256","sha384","sha512") for n in (0,1,63,64,65,127,128,129,200)]'
 */
static const known K_HMAC[] = {
    { GLASS_HASH_SHA1, 0, "50f8e1439275235dc34b1ba1720999edcc04b9a7" },
    { GLASS_HASH_SHA1, 1, "f490fc0ffe021ceb034cd0cc12ff2463e8eeb58c" },
    { GLASS_HASH_SHA1, 63, "b32a4a673a074a36227b51b236c7d7f3006e8fd7" },
    { GLASS_HASH_SHA1, 64, "11836573760b5ae3ba36aca1194976ec941251f4" },
    { GLASS_HASH_SHA1, 65, "75c9d9ea2ddc276d67942bcc80be1183c3abbf68" },
    { GLASS_HASH_SHA1, 127, "844d6157e60e0cc68a0d454cc1cde8bc399ca940" },
    { GLASS_HASH_SHA1, 128, "f6c64689372ebc2d3963f3bf2d422765f6963322" },
    { GLASS_HASH_SHA1, 129, "80a6a1b989fdadf0cb6bed639748571a9ad94456" },
    { GLASS_HASH_SHA1, 200, "a145bdf2b77ee99cf5b3d355e62cc9acf141f033" },
    { GLASS_HASH_SHA256, 0, "b14f4be1e32463efe920092a7af59b81935aad0ae63a33559ded43002455c7d5" },
    { GLASS_HASH_SHA256, 1, "b574585a46a467f2e92eeab9e24c8125e9da9d5e460bf1a2b3e93f805febf805" },
    { GLASS_HASH_SHA256, 63, "7649214fe0ca989354fcb929cb07ca8ea60504d7423b8d31c63dd246a9fc327c" },
    { GLASS_HASH_SHA256, 64, "0d10ad4ea52e967d6279b818ab4a6dba9302c97e27a1bfcf5b771bb03f80d7a3" },
    { GLASS_HASH_SHA256, 65, "a7a6001ad1630cfff4d69af5bb36e9419d70f2e0eb17015380f7b1ac9a0d2f96" },
    { GLASS_HASH_SHA256, 127, "5ece48162a89c10a1a05ed8f3ca0c5bdff3accae0ba9ad41751c859943ee21be" },
    { GLASS_HASH_SHA256, 128, "393bd14eaeb5abb4ac866fd7ba86269057ea5ee3b092179571d3ed3f08f0a683" },
    { GLASS_HASH_SHA256, 129, "2341eeed8ec5aa9fb9f3bc272fbac107e2aa9986f581827bfd94b57da7aeedae" },
    { GLASS_HASH_SHA256, 200, "f73da3dfc2688f030e750504ef491f00f94aa302befd95489df73d3088405147" },
    { GLASS_HASH_SHA384, 0, "61e37d16ea446fb192b67b92e034535250e46407416b16e5917257d9a1a3a7f3b28897afd8ef464ec0ce9582830b489c" },
    { GLASS_HASH_SHA384, 1, "df8178dba82d85b9704c6411df37d1fb03c8c4df9c545b9726666e2d7fae3e9f7a2c7e9685f9d41e64d220c44b060b55" },
    { GLASS_HASH_SHA384, 63, "6cc93bacd9beaad87ead4093c3f1f841ed0a429e12c3d177924985d9271b547cfdd982b57604a049aaf48708835b00cd" },
    { GLASS_HASH_SHA384, 64, "b5d2570bb6d0f6cc6c485349774be4eb7078dfaaf22a6369b3df294a398695fd75a94cdd008640e0d3a3963dc10cb90f" },
    { GLASS_HASH_SHA384, 65, "aacbba64d70804447643d1ca90de51485a5bb0a958e62e5b2a30b5b2561697a3fcd790ae24f1d8232b480e2c4627aa7c" },
    { GLASS_HASH_SHA384, 127, "5143323133e4e61f6259b33d22d05eb88578631b9fba76ad137673aedeca707fcc85611526e226eadb0ec7a49e6cb1e7" },
    { GLASS_HASH_SHA384, 128, "be2561debbac46aab4f87257d0d932cd9428927fb853abf8a888766181502a891d5e0cb0eb2e0fc94ed6d174cd8bbce2" },
    { GLASS_HASH_SHA384, 129, "2deacc46d072b55b5bc0b3125c32956d7f25312ecefdbd18b57f40b8195fabbba0481585f3202426aa99e1161dc8fd8a" },
    { GLASS_HASH_SHA384, 200, "9f66aa99533144b94d61e52faf5124a0da6a2cf11d67c27dade6529499f080bb05ee42295d533d87ca76b3243d69397a" },
    { GLASS_HASH_SHA512, 0, "bcf5ee509189a20d319b1d9883f73cea7768ba0facbbc68f04cac7bc62395f5d377686446be3f019f4fe8c55183ecd0d06d3f68c977710986720be90a446cb41" },
    { GLASS_HASH_SHA512, 1, "1fba942ae41ff133c0ceef615f7b6a300ad961b0c1411c92b8173060ae693f18435d2c9fa7537ae07f32f97377fa0259b881543ea82134bc7500337c86912b02" },
    { GLASS_HASH_SHA512, 63, "6c0e298efdff8b7c0cdd60e0694e98267e5d07da7d15e7847607ed4b67402da1d854bb4ddc2ecdcba0714e6da15bd65b137eecee67fe1d69762c465ff1b24217" },
    { GLASS_HASH_SHA512, 64, "5518c96f7e38143cdbe8d285a87d5c7b4dc6d723bcaf64d172a22e6f61a69635616244c22c5a4e775db45f3668ca12b8a28bcc1a476a5449f0dc4114652cf1d3" },
    { GLASS_HASH_SHA512, 65, "a2c18091fb54a1383e95feadd43d4ce4ed7eb8b46d424bd20178df4039f3ff4e86e887555febb11a35fbeadebded44fc7bca0aeca535a6523ed3c172e7d191d2" },
    { GLASS_HASH_SHA512, 127, "b6bb302e3abc928213280166d94f4923f69bbec7ab41403c04a50c75dcec2fcbfabdc5a655696f31937aaaf3576df8a445b089fcf028c134e477fa77329cae36" },
    { GLASS_HASH_SHA512, 128, "661eb0503b688c186f18442f1b7de337c1fb2f068aceacb65545bd763443ca460895133e7407f021b93547c750e5c04c8fcbab8b55465704d30ef936c2118266" },
    { GLASS_HASH_SHA512, 129, "ebff2badc9d9901893a55f1bfd04956b976f965cb4db99580799cf2492e263cda2d82fb32fd64bbcefbbada4372de4bcdea349d06323ea333e560b0dc8df41e9" },
    { GLASS_HASH_SHA512, 200, "7bf2985a9c45ea4f9ad5a0e4ae52ff24b755e66c3cc135a39600989fe3d17b2daa793146df6ffb1bcb658191e84844b89468ee98de2d44f55be43cd51eed997e" },
};

static uint8_t key[200], msg[200];

static void test_key_lengths(void **state)
{
    uint8_t want[GLASS_HASH_MAX_SIZE], got[GLASS_HASH_MAX_SIZE];
    (void)state;
    for (int hw = 1; hw >= 0; hw--) {
        glass_crypto_set_hw(hw);
        for (size_t i = 0; i < sizeof K_HMAC / sizeof K_HMAC[0]; i++) {
            size_t n = glass_hash_size(K_HMAC[i].id);
            assert_int_equal(test_unhex(K_HMAC[i].hex, want, n), n);
            memset(got, 0, sizeof got);
            assert_int_equal(glass_hmac(K_HMAC[i].id, key, K_HMAC[i].klen, msg, 100, got), GLASS_OK);
            assert_memory_equal(got, want, n);
        }
    }
    glass_crypto_set_hw(1);
}

/* RFC 2104 section 2: a key longer than the block is replaced by its hash,
 * and a shorter key is padded with zeros, so K and K || 00 give one MAC. */
static void test_key_rules(void **state)
{
    static const glass_hash_id ids[] = { GLASS_HASH_SHA256, GLASS_HASH_SHA384, GLASS_HASH_SHA512 };
    uint8_t a[64], b[64], hk[64], padded[201];
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        size_t n = glass_hash_size(ids[i]), B = glass_hash_block_size(ids[i]);
        glass_hmac(ids[i], key, B + 1, msg, 50, a);
        glass_hash(ids[i], key, B + 1, hk);
        glass_hmac(ids[i], hk, n, msg, 50, b);
        assert_memory_equal(a, b, n);

        memcpy(padded, key, 20);
        padded[20] = 0;
        glass_hmac(ids[i], key, 20, msg, 50, a);
        glass_hmac(ids[i], padded, 21, msg, 50, b);
        assert_memory_equal(a, b, n);
        /* ...but a different key gives a different MAC */
        padded[20] = 1;
        glass_hmac(ids[i], padded, 21, msg, 50, b);
        assert_memory_not_equal(a, b, n);
    }
}

static void test_streaming(void **state)
{
    uint8_t want[64], got[64];
    glass_hmac_ctx ctx, keyed;
    (void)state;
    glass_hmac(GLASS_HASH_SHA384, key, 30, msg, 200, want);
    for (size_t cut = 0; cut <= 200; cut++) {
        glass_hmac_init(&ctx, GLASS_HASH_SHA384, key, 30);
        glass_hmac_update(&ctx, msg, cut);
        glass_hmac_update(&ctx, NULL, 0);          /* NULL with 0: nothing */
        glass_hmac_update(&ctx, msg + cut, 200 - cut);
        glass_hmac_final(&ctx, got);
        assert_memory_equal(got, want, 48);
    }
    /* a keyed context may be copied and used for several messages */
    glass_hmac_init(&keyed, GLASS_HASH_SHA384, key, 30);
    for (int i = 0; i < 3; i++) {
        ctx = keyed;
        glass_hmac_update(&ctx, msg, 200);
        glass_hmac_final(&ctx, got);
        assert_memory_equal(got, want, 48);
    }
    /* final wipes the context */
    uint8_t zero[sizeof ctx] = { 0 };
    assert_memory_equal(&ctx, zero, sizeof ctx);
}

static void test_errors_and_empty(void **state)
{
    uint8_t out[64], want[64];
    glass_hmac_ctx ctx;
    (void)state;
    assert_int_equal(glass_hmac(GLASS_HASH_NONE, key, 10, msg, 10, out), GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_hmac_init(&ctx, (glass_hash_id)77, key, 10), GLASS_E_HASH_UNSUPPORTED);
    /* NULL key and NULL data with length 0: the empty key and message */
    assert_int_equal(test_unhex(K_HMAC[9].hex, want, 32), 32);                /* SHA-256, key length 0 */
    assert_int_equal(K_HMAC[9].klen, 0);
    assert_int_equal(glass_hmac(GLASS_HASH_SHA256, NULL, 0, msg, 100, out), GLASS_OK);
    assert_memory_equal(out, want, 32);
    assert_int_equal(glass_hmac(GLASS_HASH_SHA256, key, 0, NULL, 0, out), GLASS_OK);
    assert_int_equal(glass_hmac(GLASS_HASH_SHA256, key, 0, "", 0, want), GLASS_OK);
    assert_memory_equal(out, want, 32);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_lengths),
        cmocka_unit_test(test_key_rules),
        cmocka_unit_test(test_streaming),
        cmocka_unit_test(test_errors_and_empty),
    };
    for (size_t i = 0; i < sizeof key; i++) {
        key[i] = (uint8_t)((i * 13 + 5) & 255);
        msg[i] = (uint8_t)((i * 7 + 3) & 255);
    }
    return cmocka_run_group_tests_name("hmac", tests, NULL, NULL);
}
