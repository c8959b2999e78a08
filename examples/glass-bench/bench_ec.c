/*
 * bench_ec.c — P-256 and P-384 operations per second, beside `openssl
 * speed` in the same run:
 *   - ECDH derive (glass_ecdh_shared: validation of the peer point, one
 *     scalar multiplication, the inversion), which is what `openssl speed
 *     ecdhp256` / `ecdhp384` count as one op;
 *   - ECDSA P-256 sign (RFC 6979 nonce, k G, k^-1) and verify (u1 G + u2 Q),
 *     against `openssl speed ecdsap256` (random nonces there).
 * Time base (bench.h): CPU time on both sides, alternating rounds.
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/ec.h"
#include "glasstls/sha2.h"

struct ec_args {
    glass_ec_private key, peer;
    uint8_t digest[32], r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES], z[GLASS_EC_MAX_BYTES];
    int failed;
};

static void one_ecdh(void *arg)
{
    struct ec_args *a = arg;
    if (glass_ecdh_shared(a->z, glass_ec_size(a->key.curve), &a->key, &a->peer.pub) != 0)
        a->failed++;
}

/* Feeds each s back into the digest, so no call can be skipped. */
static void one_sign(void *arg)
{
    struct ec_args *a = arg;
    if (glass_ecdsa_sign(&a->key, GLASS_HASH_SHA256, a->digest, 32, a->r, a->s) != 0)
        a->failed++;
    a->digest[0] ^= a->s[0];
}

static void one_verify(void *arg)
{
    struct ec_args *a = arg;
    if (glass_ecdsa_verify(&a->key.pub, a->digest, 32, a->r, a->s) != 0)
        a->failed++;
}

static double ecdh_rate(void *p) { return bench_rate(one_ecdh, p, bench_seconds(0.25), 1, NULL); }
static double sign_rate(void *p) { return bench_rate(one_sign, p, bench_seconds(0.25), 1, NULL); }
static double verify_rate(void *p) { return bench_rate(one_verify, p, bench_seconds(0.25), 1, NULL); }

/* rows " 256 bits ecdh (nistp256)": op time, op/s;
 *      " 256 bits ecdsa (nistp256)": sign time, verify time, sign/s, verify/s */
static double ossl_ecdh256(void *p)
{
    (void)p;
    return bench_openssl_speed(NULL, "-seconds 1 ecdhp256", " 256 bits ecdh (nistp256)", 1);
}
static double ossl_ecdh384(void *p)
{
    (void)p;
    return bench_openssl_speed(NULL, "-seconds 1 ecdhp384", " 384 bits ecdh (nistp384)", 1);
}
static double ossl_sign256(void *p)
{
    (void)p;
    return bench_openssl_speed(NULL, "-seconds 1 ecdsap256", " 256 bits ecdsa (nistp256)", 2);
}
static double ossl_verify256(void *p)
{
    (void)p;
    return bench_openssl_speed(NULL, "-seconds 1 ecdsap256", " 256 bits ecdsa (nistp256)", 3);
}

static void setup(struct ec_args *a, glass_ec_curve curve)
{
    uint8_t d[GLASS_EC_MAX_BYTES];
    size_t size = glass_ec_size(curve);
    for (size_t i = 0; i < size; i++)
        d[i] = (uint8_t)(0x31 + 7 * i);
    glass_ec_private_load(&a->key, curve, d, size);
    d[0] ^= 0x55;
    glass_ec_private_load(&a->peer, curve, d, size);
    glass_hash(GLASS_HASH_SHA256, "bench", 5, a->digest);
    glass_ecdsa_sign(&a->key, GLASS_HASH_SHA256, a->digest, 32, a->r, a->s);
    a->failed = 0;
}

void bench_ec(void)
{
    static struct ec_args a;

    setup(&a, GLASS_EC_P256);
    bench_compare("P-256 ECDH derive", "op/s", ecdh_rate, &a, ossl_ecdh256, NULL,
                  "openssl ecdhp256", 0.25);
    bench_compare("ECDSA P-256 sign (RFC 6979)", "op/s", sign_rate, &a, ossl_sign256, NULL,
                  "openssl ecdsap256", 0.25);
    setup(&a, GLASS_EC_P256);       /* the signature that matches the digest */
    bench_compare("ECDSA P-256 verify", "op/s", verify_rate, &a, ossl_verify256, NULL,
                  "openssl ecdsap256", 0.25);
    if (a.failed)
        printf("ec: %d P-256 operations failed\n", a.failed);
    setup(&a, GLASS_EC_P384);
    bench_compare("P-384 ECDH derive", "op/s", ecdh_rate, &a, ossl_ecdh384, NULL,
                  "openssl ecdhp384", 0.25);
    if (a.failed)
        printf("ec: %d P-384 operations failed\n", a.failed);
    glass_ec_private_wipe(&a.key);
    glass_ec_private_wipe(&a.peer);
}
