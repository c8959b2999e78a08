/*
 * ct_x25519.c — constant-time check of X25519 (RFC 7748) under valgrind:
 * the private scalar is marked undefined (secret), then a full Montgomery
 * ladder runs through every entry point (public API, both field
 * implementations, glass_x25519_shared's all-zero check, key-pair
 * generation; glass_x25519_base and the key pair take the fixed-base
 * multiplication of x25519_base.c with 64-bit limbs).  memcheck reports any branch or memory address computed
 * from the scalar.  The results are declassified only at the end, to check
 * them against RFC 7748 section 6.1 (so the ladder really ran).
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/x25519.h"
#include "x25519_impl.h"

/* RFC 7748 section 6.1: Alice's private key, Bob's public key, and K. */
static const uint8_t alice_priv[32] = {
    0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
    0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a };
static const uint8_t alice_pub[32] = {
    0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d, 0xdc, 0xb4, 0x3e, 0xf7, 0x5a,
    0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38, 0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a };
static const uint8_t bob_pub[32] = {
    0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4, 0xd3, 0x5b, 0x61, 0xc2, 0xec, 0xe4, 0x35, 0x37,
    0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78, 0x67, 0x4d, 0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f };
static const uint8_t shared_k[32] = {
    0x4a, 0x5d, 0x9d, 0x5b, 0xa4, 0xce, 0x2d, 0xe1, 0x72, 0x8e, 0x3b, 0xf4, 0x80, 0x35, 0x0f, 0x25,
    0xe0, 0x7e, 0x21, 0xc9, 0x47, 0xd1, 0x9e, 0x33, 0x76, 0xf0, 0x9b, 0x3c, 0x1e, 0x16, 0x17, 0x42 };

static int failures;

static void check(const char *what, const uint8_t *got, const uint8_t *want)
{
    VALGRIND_MAKE_MEM_DEFINED(got, 32);          /* declassify the result */
    if (memcmp(got, want, 32) != 0) {
        printf("%s: wrong result\n", what);
        failures++;
    }
}

/* The rng hands out Alice's key, marked secret as a real rng's output is. */
static int secret_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    memcpy(out, alice_priv, len);
    VALGRIND_MAKE_MEM_UNDEFINED(out, len);
    return 0;
}

int main(void)
{
    uint8_t k[32], out[32], pub[32];
    int ret;

    memcpy(k, alice_priv, 32);
    VALGRIND_MAKE_MEM_UNDEFINED(k, 32);

    glass_x25519(out, k, bob_pub);
    check("glass_x25519", out, shared_k);
    if (GLASS_X25519_FE51) {
        glass_x25519_fe51(out, k, bob_pub);
        check("glass_x25519_fe51", out, shared_k);
    }
    glass_x25519_fe25(out, k, bob_pub);
    check("glass_x25519_fe25", out, shared_k);
    glass_x25519_base(out, k);
    check("glass_x25519_base", out, alice_pub);

    /* glass_x25519_shared: the return code is computed from the secret
     * result without a branch; declassify it before looking at it. */
    ret = glass_x25519_shared(out, k, bob_pub);
    VALGRIND_MAKE_MEM_DEFINED(&ret, sizeof ret);
    if (ret != 0) {
        printf("glass_x25519_shared returned %d\n", ret);
        failures++;
    }
    check("glass_x25519_shared", out, shared_k);

    ret = glass_x25519_keypair(pub, out, secret_rng, NULL);
    if (ret != 0) {
        printf("glass_x25519_keypair returned %d\n", ret);
        failures++;
    }
    check("glass_x25519_keypair", pub, alice_pub);

    if (failures == 0)
        printf("x25519: constant-time checks ran on the right answers\n");
    return failures ? 1 : 0;
}
