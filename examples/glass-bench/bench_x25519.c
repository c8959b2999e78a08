/*
 * bench_x25519.c — X25519 (RFC 7748) operations per second: one operation
 * is one X25519(k, u) call (a full Montgomery ladder and inversion), which
 * is what `openssl speed ecdhx25519` counts as one ECDH derive.
 * Time base (bench.h): CPU time on both sides, alternating rounds.
 */
#include <string.h>

#include "bench.h"
#include "glasstls/x25519.h"

struct x25519_args { uint8_t k[32], u[32], out[32]; };

/* Feeds each result back as the next u, so no call can be skipped. */
static void one_x25519(void *arg)
{
    struct x25519_args *a = arg;
    glass_x25519(a->out, a->k, a->u);
    memcpy(a->u, a->out, 32);
}

static double glass_rate(void *p)
{
    return bench_rate(one_x25519, p, bench_seconds(0.25), 1, NULL);
}

static double openssl_rate(void *p)
{
    (void)p;
    /* row " 253 bits ecdh (X25519)": columns op time, op/s */
    return bench_openssl_speed(NULL, "-seconds 1 ecdhx25519", " 253 bits ecdh (X25519)", 1);
}

void bench_x25519(void)
{
    static struct x25519_args a;
    for (int i = 0; i < 32; i++)
        a.k[i] = (uint8_t)(0x40 + 3 * i);
    memset(a.u, 0, 32);
    a.u[0] = 9;
    bench_compare("X25519 scalar mult (ECDH derive)", "op/s", glass_rate, &a, openssl_rate, NULL,
                  "openssl ecdhx25519", 0.5);
}
