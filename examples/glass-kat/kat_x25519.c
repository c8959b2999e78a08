/*
 * kat_x25519.c — X25519 known answers (RFC 7748 sections 5.2 and 6.1).
 *
 * File layout (the official x25519/ files and tests/vectors/x25519_*.txt):
 *   [single]    records Scalar, U, Output:       Output = X25519(Scalar, U)
 *   [iterated]  records Iterations, K: start with k = u = 9, repeat
 *               r = X25519(k, u); u = k; k = r;  K is k after N calls.
 *               N above 1000 runs only with GLASS_KAT_LONG=1 (else skipped).
 *   [dh]        records AlicePrivate, AlicePublic, BobPrivate, BobPublic,
 *               Shared: both public keys from the base point and the shared
 *               secret computed from each side (glass_x25519_shared).
 * COUNT fields are allowed and ignored.  Everything goes through the public
 * API of glasstls/x25519.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glasstls/x25519.h"
#include "kat.h"

#define X25519_LONG_ITERATIONS 1000

static int x25519_detect(const kat_file *f)
{
    return kat_contains(f, "X25519") &&
           (kat_contains(f, "[single]") || kat_contains(f, "[iterated]") ||
            kat_contains(f, "[dh]"));
}

/* Reads field `key` of rec as exactly 32 bytes; 0 on success, -1 with
 * c->error set otherwise. */
static int field32(const rsp_record *rec, const char *key, uint8_t out[32], kat_counts *c)
{
    const rsp_kv *kv = rsp_field(rec, key, 0);
    if (kv == NULL) {
        kat_fail_format(c, rec->line, "record lacks %s", key);
        return -1;
    }
    long n = rsp_hex(kv, out, 32, c);
    if (n < 0)
        return -1;
    if (n != 32) {
        kat_fail_format(c, kv->line, "%s: %ld bytes, want 32", key, n);
        return -1;
    }
    return 0;
}

static int run_single(const rsp_record *rec, kat_counts *c)
{
    uint8_t k[32], u[32], want[32], got[32];
    if (field32(rec, "Scalar", k, c) || field32(rec, "U", u, c) ||
        field32(rec, "Output", want, c))
        return -1;
    glass_x25519(got, k, u);
    return memcmp(got, want, 32) == 0;
}

static int run_iterated(const rsp_record *rec, kat_counts *c, int long_ok, int *skipped)
{
    uint8_t k[32] = { 9 }, u[32] = { 9 }, r[32], want[32];
    const rsp_kv *kv = rsp_field(rec, "Iterations", 0);
    long n;

    if (kv == NULL) {
        kat_fail_format(c, rec->line, "record lacks Iterations");
        return -1;
    }
    n = rsp_num(kv->value);
    if (n < 1) {
        kat_fail_format(c, kv->line, "Iterations: not a positive number");
        return -1;
    }
    if (field32(rec, "K", want, c))
        return -1;
    if (n > X25519_LONG_ITERATIONS && !long_ok) {
        *skipped = 1;
        return 0;
    }
    for (long i = 0; i < n; i++) {
        glass_x25519(r, k, u);
        memcpy(u, k, 32);
        memcpy(k, r, 32);
    }
    return memcmp(k, want, 32) == 0;
}

static int run_dh(const rsp_record *rec, kat_counts *c)
{
    uint8_t a[32], apub[32], b[32], bpub[32], want[32], got[32];
    int ok = 1;
    if (field32(rec, "AlicePrivate", a, c) || field32(rec, "AlicePublic", apub, c) ||
        field32(rec, "BobPrivate", b, c) || field32(rec, "BobPublic", bpub, c) ||
        field32(rec, "Shared", want, c))
        return -1;
    glass_x25519_base(got, a);
    ok &= memcmp(got, apub, 32) == 0;
    glass_x25519_base(got, b);
    ok &= memcmp(got, bpub, 32) == 0;
    ok &= glass_x25519_shared(got, a, bpub) == 0 && memcmp(got, want, 32) == 0;
    ok &= glass_x25519_shared(got, b, apub) == 0 && memcmp(got, want, 32) == 0;
    return ok;
}

static void x25519_run(const kat_file *f, kat_counts *c)
{
    rsp_reader r;
    rsp_record rec;
    const char *env = getenv("GLASS_KAT_LONG");
    int long_ok = env != NULL && strcmp(env, "1") == 0;
    int got;

    rsp_init(&r, f);
    while ((got = rsp_next(&r, &rec, c)) == 1) {
        int ok, skipped = 0;
        if (rsp_param(&r, "single") != NULL) {
            ok = run_single(&rec, c);
        } else if (rsp_param(&r, "iterated") != NULL) {
            ok = run_iterated(&rec, c, long_ok, &skipped);
        } else if (rsp_param(&r, "dh") != NULL) {
            ok = run_dh(&rec, c);
        } else {
            kat_fail_format(c, rec.line, "record outside [single], [iterated] or [dh]");
            return;
        }
        if (ok < 0)
            return;
        if (skipped) {
            c->skipped++;
            snprintf(c->note, sizeof c->note,
                     "X25519 iterations above %d skipped: set GLASS_KAT_LONG=1 (make kat-long)",
                     X25519_LONG_ITERATIONS);
            continue;
        }
        kat_result(c, f, rec.line, ok);
    }
}

const kat_module kat_x25519 = { "x25519", x25519_detect, x25519_run };
