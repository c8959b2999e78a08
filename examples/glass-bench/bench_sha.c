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
 *
 * Timing: `openssl speed` divides by the CPU user time it used (unless
 * given -elapsed), so glasstls is timed the same way here, with the
 * process CPU-time clock (bench_rate() uses wall-clock time, which on a
 * shared, loaded machine counts the time other processes ran).  Each
 * figure is the best of BEST_OF rounds, glasstls and OpenSSL alternating.
 * HMAC is timed as OpenSSL's `speed -hmac` does it: the key is set once and
 * each message starts from a copy of the keyed context.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

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

#define BEST_OF 3

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

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Calls per CPU-second of fn(arg) over about `seconds` of CPU time. */
static double cpu_rate(void (*fn)(void *), void *arg, double seconds)
{
    unsigned long n = 0, batch = 1;
    double t0 = cpu_now(), t;
    do {
        for (unsigned long i = 0; i < batch; i++)
            fn(arg);
        n += batch;
        if (batch < 4096)
            batch *= 2;
        t = cpu_now();
    } while (t - t0 < seconds);
    return (double)n / (t - t0);
}

/* MB/s (10^6 bytes per CPU-second) of glasstls for one job. */
static double glass_mbs(glass_hash_id id, int hmac, size_t len)
{
    static const uint8_t key[32] = { 1, 2, 3 };
    job j = { id, hmac, len };
    if (hmac)
        glass_hmac_init(&keyed, id, key, sizeof key);
    return cpu_rate(run_job, &j, 0.3) * (double)len / 1e6;
}

/* MB/s of `openssl speed` for one algorithm (bench_openssl_speed gives bytes/s). */
static double openssl_mbs(const char *env, const char *alg, const char *row, size_t len)
{
    char args[128];
    snprintf(args, sizeof args, "-seconds 1 -bytes %zu %s", len, alg);
    double v = bench_openssl_speed(env, args, row, 0);
    return v > 0 ? v / 1e6 : -1;   /* bench_openssl_speed already expands "k" */
}

static double maxd(double a, double b) { return a > b ? a : b; }

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
            int both = algs[a].id == GLASS_HASH_SHA256 && hw_before && glass_crypto_hw_available();
            double g = -1, c = -1, ref = -1, ref_c = -1;

            for (int r = 0; r < BEST_OF; r++) {
                g = maxd(g, glass_mbs(algs[a].id, algs[a].hmac, len));
                ref = maxd(ref, openssl_mbs(NULL, algs[a].alg, algs[a].row, len));
                if (both) {     /* the portable C code too, and OpenSSL without SHA-NI */
                    glass_crypto_set_hw(0);
                    c = maxd(c, glass_mbs(algs[a].id, algs[a].hmac, len));
                    glass_crypto_set_hw(1);
                    ref_c = maxd(ref_c, openssl_mbs(noshani, algs[a].alg, algs[a].row, len));
                }
            }
            snprintf(name, sizeof name, "%s %zu B (%s)", algs[a].name, len, both ? "hw" : "C");
            bench_row(name, g, "MB/s", ref, "openssl");
            if (both) {
                snprintf(name, sizeof name, "%s %zu B (C)", algs[a].name, len);
                bench_row(name, c, "MB/s", ref, "openssl");
                bench_row(name, c, "MB/s", ref_c, "openssl no-SHA-NI");
            }
        }
    }
}
