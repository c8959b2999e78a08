/*
 * bench_rsa.c — RSA-2048/3072/4096 private-key operations (PKCS#1 v1.5
 * signatures: blinded CRT with the fault check) and public-key operations
 * (verifications, e = 65537) per second, beside `openssl speed rsaN`
 * (its sign/s and verify/s columns) from the same run.  openssl runs with
 * -elapsed so that both sides are divided by wall-clock time (its default
 * is CPU time, which flatters it on a shared machine).
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/rsa.h"

/* A fast deterministic generator for the keys and blinding values (the
 * benchmark measures RSA, not the DRBG). */
static int bench_rng(void *ctx, uint8_t *out, size_t len)
{
    uint64_t *s = ctx;
    for (size_t i = 0; i < len; i++) {
        uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        out[i] = (uint8_t)(z ^ (z >> 31));
    }
    return 0;
}

typedef struct rsa_arg {
    glass_rsa_private key;
    uint64_t seed;
    uint8_t dig[32];
    uint8_t sig[GLASS_RSA_MAX_BYTES];
} rsa_arg;

static void do_sign(void *p)
{
    rsa_arg *a = p;
    (void)glass_rsa_pkcs1_sign(&a->key, bench_rng, &a->seed, GLASS_HASH_SHA256, a->dig, 32,
                               a->sig, sizeof a->sig);
}

static void do_verify(void *p)
{
    rsa_arg *a = p;
    (void)glass_rsa_pkcs1_verify(&a->key.pub, GLASS_HASH_SHA256, a->dig, 32, a->sig,
                                 glass_rsa_size(&a->key.pub));
}

void bench_rsa(void)
{
    static rsa_arg a;
    const unsigned sizes[3] = { 2048, 3072, 4096 };
    for (int i = 0; i < 3; i++) {
        char name[64], args[64], row[32];
        a.seed = 1000 + (uint64_t)i;
        if (glass_rsa_generate(&a.key, sizes[i], bench_rng, &a.seed) != 0) {
            printf("rsa%u: key generation failed\n", sizes[i]);
            continue;
        }
        memset(a.dig, 0x5a, sizeof a.dig);
        do_sign(&a);
        snprintf(args, sizeof args, "-elapsed -seconds 2 rsa%u", sizes[i]);
        snprintf(row, sizeof row, "rsa %u bits", sizes[i]);
        /* openssl speed rsaN row: sign(s) verify(s) sign/s verify/s */
        double s = bench_rate(do_sign, &a, 2.0, 3, NULL);
        double ref_s = bench_openssl_speed(NULL, args, row, 2);
        snprintf(name, sizeof name, "rsa%u private (sign)", sizes[i]);
        bench_row(name, s, "op/s", ref_s, "openssl sign/s");
        double v = bench_rate(do_verify, &a, 2.0, 3, NULL);
        double ref_v = bench_openssl_speed(NULL, args, row, 3);
        snprintf(name, sizeof name, "rsa%u public (verify, e=65537)", sizes[i]);
        bench_row(name, v, "op/s", ref_v, "openssl verify/s");
        glass_rsa_private_free(&a.key);
    }
}
