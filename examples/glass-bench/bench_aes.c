/*
 * bench_aes.c — AES-GCM seal and open throughput (MB/s) on 16 KiB and
 * 1 KiB buffers (13-byte AAD, 12-byte IV, 16-byte tag: a TLS record), for
 * the portable bit-sliced path and the hardware path (AES-NI/PCLMULQDQ,
 * with the 16-block VAES/VPCLMULQDQ loop on CPUs with AVX-512), beside
 * `openssl speed -evp aes-{128,256}-gcm [-decrypt]` from the same run: its
 * default (hardware) figure, and with AES-NI and PCLMULQDQ masked off
 * through OPENSSL_ia32cap (bit 57 = AES-NI, bit 33 = PCLMULQDQ of the first
 * word), which makes OpenSSL fall back to its constant-time vector-permute
 * code.
 *
 * Time base (bench.h): CPU time on both sides, median of alternating rounds.
 * Open is timed on a valid record (the tag checks, the data decrypts).
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/gcm.h"
#include "glasstls/hw.h"
#include "bench.h"

#define NO_AESNI_ENV "OPENSSL_ia32cap=~0x200000200000000"

typedef struct gcm_arg {
    glass_gcm g;
    uint8_t pt[16384], ct[16384], out[16384];
    uint8_t tag[16];
    size_t len;
    int bits, hw, open;
} gcm_arg;

static const uint8_t iv[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
static const uint8_t aad[13] = { 0 };

static void seal_once(void *p)
{
    gcm_arg *a = p;
    glass_gcm_seal(&a->g, iv, sizeof iv, aad, sizeof aad, a->pt, a->len, a->ct, a->tag, 16);
}

static void open_once(void *p)
{
    gcm_arg *a = p;
    if (glass_gcm_open(&a->g, iv, sizeof iv, aad, sizeof aad, a->ct, a->len, a->tag, 16,
                       a->out) != 0)
        a->open = -1;     /* cannot happen: reported after the run */
}

static double glass_mbs(void *p)
{
    gcm_arg *a = p;
    uint8_t key[32];
    int was = glass_crypto_hw_enabled();
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 7 + 1);
    glass_crypto_set_hw(a->hw);
    glass_gcm_init(&a->g, key, (size_t)a->bits / 8);
    memset(a->pt, 0x5c, sizeof a->pt);
    seal_once(a);
    double rate = bench_rate(a->open ? open_once : seal_once, a, bench_seconds(0.2), 1, NULL);
    glass_gcm_free(&a->g);
    glass_crypto_set_hw(was);
    return a->open < 0 ? -1 : rate * (double)a->len / 1e6;
}

typedef struct ref_arg {
    const char *env;
    int bits, open;
    size_t len;
} ref_arg;

static double openssl_mbs(void *p)
{
    const ref_arg *r = p;
    char args[128], row[32];
    snprintf(args, sizeof args, "-seconds 1 -evp aes-%d-gcm -bytes %zu%s", r->bits, r->len,
             r->open ? " -decrypt" : "");
    snprintf(row, sizeof row, "AES-%d-GCM", r->bits);
    double v = bench_openssl_speed(r->env, args, row, 0);   /* k = 1000 bytes/s */
    return v > 0 ? v / 1e6 : -1;
}

void bench_aes(void)
{
    static gcm_arg a;
    static const size_t sizes[2] = { 16384, 1024 };
    int avail = glass_cpu_has_aesni();
    for (int b = 0; b < 2; b++) {
        int bits = b == 0 ? 128 : 256;
        for (int hw = 0; hw <= avail; hw++) {
            for (int s = 0; s < 2; s++) {
                for (int op = 0; op < 2; op++) {
                    char name[64];
                    ref_arg r = { hw ? NULL : NO_AESNI_ENV, bits, op, sizes[s] };
                    a.len = sizes[s];
                    a.bits = bits;
                    a.hw = hw;
                    a.open = op;
                    /* targets: AES-128-GCM portable >= 0.3x, hardware >= 0.65x */
                    double target = bits == 128 ? (hw ? 0.65 : 0.3) : 0;
                    snprintf(name, sizeof name, "AES-%d-GCM %s %5zu B %s", bits,
                             op ? "open" : "seal", sizes[s], hw ? "hw" : "C");
                    bench_compare(name, "MB/s", glass_mbs, &a, openssl_mbs, &r,
                                  hw ? "openssl default" : "openssl no-AESNI", target);
                }
            }
        }
    }
}
