/*
 * bench_x25519.c — X25519 (RFC 7748) operations per second: one operation
 * is one X25519(k, u) call (a full Montgomery ladder and inversion), which
 * is what `openssl speed ecdhx25519` counts as one ECDH derive.  openssl
 * speed divides by CPU user time unless given -elapsed; bench_rate() uses
 * wall-clock time, so -elapsed keeps the two comparable on a busy machine.
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

void bench_x25519(void)
{
    struct x25519_args a;
    double glass, ref;

    for (int i = 0; i < 32; i++)
        a.k[i] = (uint8_t)(0x40 + 3 * i);
    memset(a.u, 0, 32);
    a.u[0] = 9;
    glass = bench_rate(one_x25519, &a, 3.0, 5, NULL);
    ref = bench_openssl_speed(NULL, "-elapsed -seconds 3 ecdhx25519", " 253 bits ecdh (X25519)", 1);
    bench_row("X25519 scalar mult (ECDH derive)", glass, "op/s", ref, "openssl ecdhx25519");
}
