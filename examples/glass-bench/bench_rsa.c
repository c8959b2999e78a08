/*
 * bench_rsa.c — RSA-2048/3072/4096 private-key operations (PKCS#1 v1.5
 * signatures: blinded CRT with the fault check) and public-key operations
 * (verifications, e = 65537) per second, beside `openssl speed rsaN`
 * (its sign/s and verify/s columns) from the same run.
 * Time base (bench.h): CPU time on both sides; each round measures
 * glasstls's sign and verify, then one `openssl speed` run (which gives
 * both); medians of the rounds.
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/hw.h"
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
    int sign_failed, verify_failed;     /* counted: a failing call is no figure */
} rsa_arg;

static void do_sign(void *p)
{
    rsa_arg *a = p;
    if (glass_rsa_pkcs1_sign(&a->key, bench_rng, &a->seed, GLASS_HASH_SHA256, a->dig, 32,
                             a->sig, sizeof a->sig) < 0)
        a->sign_failed++;
}

static void do_verify(void *p)
{
    rsa_arg *a = p;
    if (glass_rsa_pkcs1_verify(&a->key.pub, GLASS_HASH_SHA256, a->dig, 32, a->sig,
                               glass_rsa_size(&a->key.pub)) != 0)
        a->verify_failed++;
}

void bench_rsa(void)
{
    static rsa_arg a;
    const unsigned sizes[3] = { 2048, 3072, 4096 };
    for (int i = 0; i < 3; i++) {
        char name[64], args[64], row[32];
        double gs[16], gv[16], os[16], ov[16], ga[16], sp[5];
        /* with AVX-512 IFMA the private operation takes crypto/bignum_ifma.c;
         * the same key is also timed with that path off (the MULX/ADX
         * multiplication), alternating, so the two are seen side by side */
        const int ifma = glass_cpu_has_ifma();
        int n = bench_rounds(), no = 0;
        a.seed = 1000 + (uint64_t)i;
        if (glass_rsa_generate(&a.key, sizes[i], bench_rng, &a.seed) != 0) {
            printf("rsa%u: key generation failed\n", sizes[i]);
            continue;
        }
        memset(a.dig, 0x5a, sizeof a.dig);
        do_sign(&a);
        if (glass_rsa_pkcs1_verify(&a.key.pub, GLASS_HASH_SHA256, a.dig, 32, a.sig,
                                   glass_rsa_size(&a.key.pub)) != 0) {
            printf("rsa%u: our own signature does not verify\n", sizes[i]);
            glass_rsa_private_free(&a.key);
            continue;
        }
        snprintf(args, sizeof args, "-seconds 1 rsa%u", sizes[i]);
        snprintf(row, sizeof row, "rsa %u bits", sizes[i]);
        for (int r = 0; r < n; r++) {
            gs[r] = bench_rate(do_sign, &a, bench_seconds(0.3), 1, NULL);
            if (ifma) {
                glass_crypto_set_ifma(0);
                ga[r] = bench_rate(do_sign, &a, bench_seconds(0.3), 1, NULL);
                glass_crypto_set_ifma(1);
            }
            gv[r] = bench_rate(do_verify, &a, bench_seconds(0.2), 1, NULL);
            /* openssl speed rsaN row: sign(s) verify(s) sign/s verify/s */
            static const int cols[2] = { 2, 3 };
            double sv[2];
            if (bench_openssl_speed_cols(NULL, args, row, cols, sv, 2) == 0) {
                os[no] = sv[0];
                ov[no] = sv[1];
                no++;
            }
        }
        if (a.sign_failed || a.verify_failed)
            printf("rsa%u: %d signatures and %d verifications failed\n", sizes[i],
                   a.sign_failed, a.verify_failed);
        a.sign_failed = a.verify_failed = 0;
        /* medians first: an argument list has no order of evaluation */
        double mgs = bench_median(gs, n, &sp[0]), mos = bench_median(os, no, &sp[1]);
        double mgv = bench_median(gv, n, &sp[2]), mov = bench_median(ov, no, &sp[3]);
        snprintf(name, sizeof name, "RSA-%u private (sign)", sizes[i]);
        bench_figure(name, mgs, sp[0], "op/s", mos, sp[1], "openssl speed sign/s",
                     sizes[i] == 2048 ? 0.8 : 0);
        if (ifma) {
            double mga = bench_median(ga, n, &sp[4]);
            snprintf(name, sizeof name, "RSA-%u sign, IFMA off (ADX path)", sizes[i]);
            bench_figure(name, mga, sp[4], "op/s", mgs, sp[0], "the IFMA path, above", 0);
        }
        snprintf(name, sizeof name, "RSA-%u public (verify)", sizes[i]);
        bench_figure(name, mgv, sp[2], "op/s", mov, sp[3], "openssl speed verify/s",
                     sizes[i] == 2048 ? 0.4 : 0);
        glass_rsa_private_free(&a.key);
    }
}
