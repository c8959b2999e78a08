/*
 * bench_aes.c — AES-GCM seal throughput (MB/s) on 16 KiB and 1 KiB buffers,
 * portable bit-sliced path and hardware path (AES-NI/PCLMULQDQ, with the
 * 16-block VAES/VPCLMULQDQ loop on CPUs with AVX-512), beside
 * `openssl speed -evp aes-{128,256}-gcm` from the same run: its default
 * (hardware) figure, and with AES-NI and PCLMULQDQ masked off through
 * OPENSSL_ia32cap (bit 57 = AES-NI, bit 33 = PCLMULQDQ of the first word),
 * which makes OpenSSL fall back to its constant-time vector-permute code.
 *
 * Time base: `openssl speed` divides by the CPU time of its process (unless
 * given -elapsed), so glasstls is timed the same way here
 * (CLOCK_PROCESS_CPUTIME_ID, median of 3 runs).  On a loaded shared machine
 * wall-clock figures for one side and CPU-time figures for the other would
 * make the ratio meaningless.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "glasstls/gcm.h"
#include "bench.h"

#define NO_AESNI_ENV "OPENSSL_ia32cap=~0x200000200000000"

typedef struct seal_arg {
    glass_gcm g;
    uint8_t buf[16384];
    uint8_t tag[16];
    size_t len;
} seal_arg;

static void seal_once(void *p)
{
    seal_arg *a = p;
    static const uint8_t iv[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    static const uint8_t aad[13] = { 0 };
    glass_gcm_seal(&a->g, iv, sizeof iv, aad, sizeof aad, a->buf, a->len, a->buf, a->tag, 16);
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* calls per CPU second: median of three runs of about `seconds` / 3 each */
static double cpu_rate(void (*fn)(void *), void *arg, double seconds)
{
    double r[3];
    for (int run = 0; run < 3; run++) {
        unsigned long n = 0, batch = 1;
        double t0 = cpu_now(), t;
        do {
            for (unsigned long i = 0; i < batch; i++)
                fn(arg);
            n += batch;
            if (batch < 4096)
                batch *= 2;
            t = cpu_now();
        } while (t - t0 < seconds / 3);
        r[run] = (double)n / (t - t0);
    }
    double lo = r[0] < r[1] ? r[0] : r[1], hi = r[0] < r[1] ? r[1] : r[0];
    return r[2] < lo ? lo : (r[2] > hi ? hi : r[2]);
}

static double glass_mbs(size_t key_len, int hw, size_t len)
{
    static seal_arg a;
    uint8_t key[32];
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 7 + 1);
    glass_crypto_set_hw(hw);
    glass_gcm_init(&a.g, key, key_len);
    memset(a.buf, 0x5c, sizeof a.buf);
    a.len = len;
    double rate = cpu_rate(seal_once, &a, 1.0);
    glass_gcm_free(&a.g);
    return rate * (double)len / 1e6;
}

static double openssl_mbs(const char *env, int bits, size_t len)
{
    char args[128];
    char row[32];
    snprintf(args, sizeof args, "-seconds 1 -evp aes-%d-gcm -bytes %zu", bits, len);
    snprintf(row, sizeof row, "AES-%d-GCM", bits);
    double v = bench_openssl_speed(env, args, row, 0);   /* k = 1000 bytes/s */
    return v > 0 ? v / 1e6 : -1;
}

void bench_aes(void)
{
    int avail = glass_crypto_hw_available(), was = glass_crypto_hw_enabled();
    static const size_t sizes[2] = { 16384, 1024 };
    for (int b = 0; b < 2; b++) {
        int bits = b == 0 ? 128 : 256;
        for (int s = 0; s < 2; s++) {
            size_t len = sizes[s];
            char name[64], ref[32];
            double o_soft = openssl_mbs(NO_AESNI_ENV, bits, len);
            double o_hw = openssl_mbs(NULL, bits, len);
            snprintf(name, sizeof name, "aes-%d-gcm seal %zuB portable", bits, len);
            snprintf(ref, sizeof ref, "openssl no-AESNI");
            bench_row(name, glass_mbs((size_t)bits / 8, 0, len), "MB/s", o_soft, ref);
            if (avail) {
                snprintf(name, sizeof name, "aes-%d-gcm seal %zuB AES-NI/VAES", bits, len);
                bench_row(name, glass_mbs((size_t)bits / 8, 1, len), "MB/s", o_hw, "openssl default");
            }
        }
    }
    glass_crypto_set_hw(was);
}
