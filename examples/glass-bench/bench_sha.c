/*
 * bench_sha.c — SHA-256/384/512 and HMAC-SHA256 throughput on 16 KiB and
 * 64-byte inputs, beside `openssl speed -evp <hash>` / `-hmac sha256` from
 * the same run.  SHA-256 is measured twice: with the hardware path (SHA
 * extensions, when the CPU has them) and with the portable C code
 * (glass_crypto_set_hw(0)); the portable figure is also compared with
 * OpenSSL with its own SHA-extension code disabled:
 *   OPENSSL_ia32cap=':~0x20000000'
 * (the third 32-bit word of OPENSSL_ia32cap is CPUID.(EAX=7,ECX=0):EBX, and
 * SHA is its bit 29; the leading ':' leaves the first two words alone).
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/aes.h"
#include "glasstls/hmac.h"
#include "glasstls/sha2.h"

typedef struct job {
    glass_hash_id id;
    int hmac;
    size_t len;
} job;

static uint8_t buf[16384];

static void run_job(void *arg)
{
    const job *j = arg;
    uint8_t out[GLASS_HASH_MAX_SIZE];
    static const uint8_t key[32] = { 1, 2, 3 };
    if (j->hmac)
        glass_hmac(j->id, key, sizeof key, buf, j->len, out);
    else
        glass_hash(j->id, buf, j->len, out);
    buf[0] ^= out[0];          /* keep the result live */
}

/* MB/s (10^6 bytes per second) of glasstls for one job. */
static double glass_mbs(glass_hash_id id, int hmac, size_t len)
{
    job j = { id, hmac, len };
    return bench_rate(run_job, &j, 1.0, 3, NULL) * (double)len / 1e6;
}

/* MB/s of `openssl speed` for one algorithm (bench_openssl_speed gives bytes/s). */
static double openssl_mbs(const char *env, const char *alg, const char *row, size_t len)
{
    char args[128];
    snprintf(args, sizeof args, "-seconds 1 -bytes %zu %s", len, alg);
    double v = bench_openssl_speed(env, args, row, 0);
    return v > 0 ? v / 1e6 : -1;   /* bench_openssl_speed already expands "k" */
}

void bench_sha(void);   /* listed in bench_list[] in main.c */
void bench_sha(void)
{
    static const struct {
        const char *name; glass_hash_id id; int hmac; const char *alg; const char *row;
    } algs[] = {
        { "SHA-256",     GLASS_HASH_SHA256, 0, "-evp sha256",  "sha256" },
        { "SHA-384",     GLASS_HASH_SHA384, 0, "-evp sha384",  "sha384" },
        { "SHA-512",     GLASS_HASH_SHA512, 0, "-evp sha512",  "sha512" },
        { "HMAC-SHA256", GLASS_HASH_SHA256, 1, "-hmac sha256", "hmac(sha256)" },
    };
    static const size_t lens[] = { 16384, 64 };
    const char *noshani = "OPENSSL_ia32cap=':~0x20000000'";
    int hw_before = glass_crypto_hw_enabled();
    char name[64];

    memset(buf, 0xa5, sizeof buf);
    for (size_t l = 0; l < 2; l++) {
        for (size_t a = 0; a < sizeof algs / sizeof algs[0]; a++) {
            size_t len = lens[l];
            double ref = openssl_mbs(NULL, algs[a].alg, algs[a].row, len);
            int sha256 = algs[a].id == GLASS_HASH_SHA256;
            const char *path = sha256 && hw_before && glass_crypto_hw_available() ? "hw" : "C";

            snprintf(name, sizeof name, "%s %zu B (%s)", algs[a].name, len, path);
            bench_row(name, glass_mbs(algs[a].id, algs[a].hmac, len), "MB/s", ref, "openssl");
            if (sha256 && hw_before && glass_crypto_hw_available()) {
                /* the portable C code, against OpenSSL default and without SHA-NI */
                glass_crypto_set_hw(0);
                double c = glass_mbs(algs[a].id, algs[a].hmac, len);
                glass_crypto_set_hw(1);
                snprintf(name, sizeof name, "%s %zu B (C)", algs[a].name, len);
                bench_row(name, c, "MB/s", ref, "openssl");
                bench_row(name, c, "MB/s", openssl_mbs(noshani, algs[a].alg, algs[a].row, len),
                          "openssl no-SHA-NI");
            }
        }
    }
}
