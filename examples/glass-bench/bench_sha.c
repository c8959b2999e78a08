/*
 * bench_sha.c — SHA-256/384 throughput on 16 KiB and 64-byte inputs and
 * HMAC-SHA256 on 64 bytes, beside `openssl speed -evp <hash>` /
 * `-hmac sha256` from the same run.  SHA-256 is measured twice: with the
 * hardware path (SHA extensions, when the CPU has them) against OpenSSL's
 * default, and with the portable C code (glass_crypto_set_hw(0)) against
 * OpenSSL with its own SHA-extension code disabled:
 *   OPENSSL_ia32cap=':~0x20000000'
 * (the third 32-bit word of OPENSSL_ia32cap is CPUID.(EAX=7,ECX=0):EBX, and
 * SHA is its bit 29; the leading ':' leaves the first two words alone).
 *
 * Time base (bench.h): CPU time on both sides, median of alternating
 * rounds.  HMAC is timed as OpenSSL's `speed -hmac` does it: the key is set
 * once and each message starts from a copy of the keyed context.
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/hmac.h"
#include "glasstls/hw.h"
#include "glasstls/sha2.h"

typedef struct job {
    glass_hash_id id;
    int hmac, hw;
    size_t len;
} job;

typedef struct ref_job {
    const char *env, *alg, *row;
    size_t len;
} ref_job;

static uint8_t buf[16384];
static glass_hmac_ctx keyed;       /* HMAC key schedule, set once per job */

static void run_job(void *arg)
{
    const job *j = arg;
    uint8_t out[GLASS_HASH_MAX_SIZE];
    if (j->hmac) {
        glass_hmac_ctx h = keyed;
        glass_hmac_update(&h, buf, j->len);
        glass_hmac_final(&h, out);
    } else
        glass_hash(j->id, buf, j->len, out);
    buf[0] ^= out[0];          /* keep the result live */
}

/* MB/s (10^6 bytes per CPU-second) of glasstls for one job. */
static double glass_mbs(void *ctx)
{
    static const uint8_t key[32] = { 1, 2, 3 };
    job *j = ctx;
    int was = glass_crypto_hw_enabled();
    glass_crypto_set_hw(j->hw);
    if (j->hmac)
        glass_hmac_init(&keyed, j->id, key, sizeof key);
    double r = bench_rate(run_job, j, bench_seconds(0.25), 1, NULL) * (double)j->len / 1e6;
    glass_crypto_set_hw(was);
    return r;
}

/* MB/s of `openssl speed` for one algorithm (bench_openssl_speed gives bytes/s). */
static double openssl_mbs(void *ctx)
{
    const ref_job *r = ctx;
    char args[128];
    snprintf(args, sizeof args, "-seconds 1 -bytes %zu %s", r->len, r->alg);
    double v = bench_openssl_speed(r->env, args, r->row, 0);
    return v > 0 ? v / 1e6 : -1;
}

void bench_sha(void)
{
    static const struct {
        const char *name; glass_hash_id id; int hmac; size_t len;
        const char *alg; const char *row; int portable_too;
    } figs[] = {
        { "SHA-256",     GLASS_HASH_SHA256, 0, 16384, "-evp sha256",  "sha256", 1 },
        { "SHA-256",     GLASS_HASH_SHA256, 0, 64,    "-evp sha256",  "sha256", 1 },
        { "SHA-384",     GLASS_HASH_SHA384, 0, 16384, "-evp sha384",  "sha384", 0 },
        { "SHA-384",     GLASS_HASH_SHA384, 0, 64,    "-evp sha384",  "sha384", 0 },
        { "HMAC-SHA256", GLASS_HASH_SHA256, 1, 64,    "-hmac sha256", "hmac(sha256)", 0 },
    };
    const char *noshani = "OPENSSL_ia32cap=':~0x20000000'";
    int hw = glass_crypto_hw_enabled() && glass_cpu_has_shani();
    char name[64];

    memset(buf, 0xa5, sizeof buf);
    for (size_t f = 0; f < sizeof figs / sizeof figs[0]; f++) {
        job g = { figs[f].id, figs[f].hmac, hw, figs[f].len };
        ref_job r = { NULL, figs[f].alg, figs[f].row, figs[f].len };
        /* the SHA-256 targets (>= 0.2x) hold for both paths */
        double target = figs[f].id == GLASS_HASH_SHA256 && !figs[f].hmac ? 0.2 : 0;
        snprintf(name, sizeof name, "%s %zu B (%s)", figs[f].name, figs[f].len,
                 hw && figs[f].id == GLASS_HASH_SHA256 ? "hw" : "C");
        bench_compare(name, "MB/s", glass_mbs, &g, openssl_mbs, &r, "openssl -evp", target);
        if (figs[f].portable_too && hw) {
            job gc = g;
            ref_job rc = r;
            gc.hw = 0;
            rc.env = noshani;
            snprintf(name, sizeof name, "%s %zu B (C)", figs[f].name, figs[f].len);
            bench_compare(name, "MB/s", glass_mbs, &gc, openssl_mbs, &rc, "openssl no-SHA-NI",
                          target);
        }
    }
}
