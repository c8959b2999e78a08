/*
 * bench_icount.c — `glass-bench --icount WHAT N`: runs N operations of one
 * kind and nothing else, for examples/glass-bench/icount.sh, which runs it
 * under valgrind --tool=callgrind for two values of N and divides the
 * difference of the instruction counts by the difference of N: the
 * instructions of one operation, setup excluded.  Instruction counts do
 * not depend on the load of the machine, so they show what a change to the
 * code did when timings are too noisy to tell.
 *
 *   gcm-seal-c, gcm-seal-hw, gcm-open-c, gcm-open-hw   AES-128-GCM, 16 KiB
 *   rsa2048-sign                                       tests/certs/leaf.key
 *   ecdh-p256, ecdh-p384                               glass_ecdh_shared
 *   ecdsa-sign-p256, ecdsa-verify-p256                 RFC 6979 sign, verify
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/ec.h"
#include "glasstls/gcm.h"
#include "glasstls/hw.h"
#include "glasstls/rsa.h"
#include "glasstls/x509.h"

static int icount_gcm(int hw, int open, long n)
{
    static uint8_t buf[16384], out[16384];
    static const uint8_t iv[12] = { 1 }, aad[13] = { 2 };
    uint8_t key[16] = { 3 }, tag[16];
    glass_gcm g;
    if (hw && !glass_cpu_has_aesni())
        return -1;
    glass_crypto_set_hw(hw);
    glass_gcm_init(&g, key, sizeof key);
    glass_gcm_seal(&g, iv, sizeof iv, aad, sizeof aad, buf, sizeof buf, out, tag, 16);
    for (long i = 0; i < n; i++) {
        if (open) {
            if (glass_gcm_open(&g, iv, sizeof iv, aad, sizeof aad, out, sizeof out, tag, 16,
                               buf) != 0)
                return -1;
        } else {
            glass_gcm_seal(&g, iv, sizeof iv, aad, sizeof aad, buf, sizeof buf, buf, tag, 16);
        }
    }
    glass_gcm_free(&g);
    return 0;
}

static int counter_rng(void *ctx, uint8_t *out, size_t len)
{
    uint8_t *c = ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (uint8_t)(++*c * 151u);
    return 0;
}

static int icount_rsa(long n)
{
    static glass_rsa_private key;
    uint8_t dig[32], sig[GLASS_RSA_MAX_BYTES], c = 0;
    memset(dig, 0x5a, sizeof dig);
    if (glass_x509_key_load_file(&key, "tests/certs/leaf.key") != 0)
        return -1;
    for (long i = 0; i < n; i++)
        if (glass_rsa_pkcs1_sign(&key, counter_rng, &c, GLASS_HASH_SHA256, dig, 32, sig,
                                 sizeof sig) < 0)
            return -1;
    glass_rsa_private_free(&key);
    return 0;
}

/* The operations bench_ec.c times, on keys derived from fixed scalars. */
static int icount_ec(const char *op, glass_ec_curve curve, long n)
{
    static glass_ec_private key, peer;
    uint8_t d[GLASS_EC_MAX_BYTES], dig[32], r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
    size_t size = glass_ec_size(curve);
    for (size_t i = 0; i < size; i++)
        d[i] = (uint8_t)(0x31 + 7 * i);
    memset(dig, 0x5a, sizeof dig);
    if (glass_ec_private_load(&key, curve, d, size) != 0)
        return -1;
    d[0] ^= 0x55;
    if (glass_ec_private_load(&peer, curve, d, size) != 0)
        return -1;
    if (glass_ecdsa_sign(&key, GLASS_HASH_SHA256, dig, 32, r, s) != 0)
        return -1;
    for (long i = 0; i < n; i++) {
        int ret;
        if (strcmp(op, "ecdh") == 0)
            ret = glass_ecdh_shared(d, size, &key, &peer.pub);
        else if (strcmp(op, "sign") == 0)
            ret = glass_ecdsa_sign(&key, GLASS_HASH_SHA256, dig, 32, r, s);
        else
            ret = glass_ecdsa_verify(&key.pub, dig, 32, r, s);
        if (ret != 0)
            return -1;
    }
    glass_ec_private_wipe(&key);
    glass_ec_private_wipe(&peer);
    return 0;
}

int bench_icount(const char *what, long n)
{
    if (strncmp(what, "gcm-", 4) == 0) {
        int open = strncmp(what + 4, "open", 4) == 0;
        int hw = strstr(what, "-hw") != NULL;
        return icount_gcm(hw, open, n);
    }
    if (strcmp(what, "rsa2048-sign") == 0)
        return icount_rsa(n);
    if (strcmp(what, "ecdh-p256") == 0)
        return icount_ec("ecdh", GLASS_EC_P256, n);
    if (strcmp(what, "ecdh-p384") == 0)
        return icount_ec("ecdh", GLASS_EC_P384, n);
    if (strcmp(what, "ecdsa-sign-p256") == 0)
        return icount_ec("sign", GLASS_EC_P256, n);
    if (strcmp(what, "ecdsa-verify-p256") == 0)
        return icount_ec("verify", GLASS_EC_P256, n);
    fprintf(stderr, "glass-bench --icount: unknown operation %s\n", what);
    return -1;
}
