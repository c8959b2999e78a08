/*
 * glass-x25519 — X25519 Diffie-Hellman (RFC 7748) from the command line,
 * with raw 32-byte keys written as 64 hex digits (little-endian, as in the
 * RFC).  A small tool to see the key exchange behind ECDHE step by step,
 * and the peer of the OpenSSL interop test (tests/sh/x25519_openssl.sh).
 *
 *   glass-x25519 keygen                  new key pair: prints the private
 *                                        key, then the public key (2 lines)
 *   glass-x25519 public PRIV_HEX         the public key X25519(priv, 9)
 *   glass-x25519 derive PRIV_HEX PEER_HEX   the shared secret
 *                                        X25519(priv, peer)
 *
 * Exit status: 0 success; 1 the shared secret is all zeros (the peer's key
 * is a low-order point, RFC 7748 section 6.1) or the random source failed;
 * 2 bad usage or a malformed key.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/drbg.h"
#include "glasstls/err.h"
#include "glasstls/x25519.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glass-x25519 keygen\n"
            "       glass-x25519 public PRIV_HEX\n"
            "       glass-x25519 derive PRIV_HEX PEER_HEX\n"
            "X25519 (RFC 7748) with raw 32-byte keys as 64 hex digits.\n"
            "keygen prints a new private key, then its public key;\n"
            "public prints X25519(priv, 9); derive prints X25519(priv, peer).\n");
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Exactly 64 hex digits -> 32 bytes; 0 on success. */
static int parse_key(const char *what, const char *s, uint8_t out[32])
{
    if (strlen(s) != 64) {
        fprintf(stderr, "glass-x25519: %s: want 64 hex digits (32 bytes), got %zu characters\n",
                what, strlen(s));
        return -1;
    }
    for (int i = 0; i < 32; i++) {
        int hi = hexval((unsigned char)s[2 * i]), lo = hexval((unsigned char)s[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            fprintf(stderr, "glass-x25519: %s: not a hex digit at position %d\n",
                    what, hi < 0 ? 2 * i + 1 : 2 * i + 2);
            return -1;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

static void print_hex(const uint8_t k[32])
{
    for (int i = 0; i < 32; i++)
        printf("%02x", k[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    uint8_t priv[32], pub[32], shared[32];
    int ret;

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "keygen") == 0) {
        /* the library's default generator: HMAC_DRBG seeded from the OS */
        glass_drbg drbg;
        ret = glass_drbg_instantiate_os(&drbg, (const uint8_t *)"glass-x25519", 12);
        if (ret == 0)
            ret = glass_x25519_keypair(pub, priv, glass_drbg_rng, &drbg);
        glass_drbg_free(&drbg);
        if (ret != 0) {
            fprintf(stderr, "glass-x25519: %s\n", glass_strerror(ret));
            return 1;
        }
        print_hex(priv);
        print_hex(pub);
        glass_wipe(priv, sizeof priv);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "public") == 0) {
        if (parse_key("PRIV_HEX", argv[2], priv) != 0)
            return 2;
        glass_x25519_base(pub, priv);
        print_hex(pub);
        glass_wipe(priv, sizeof priv);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "derive") == 0) {
        if (parse_key("PRIV_HEX", argv[2], priv) != 0 || parse_key("PEER_HEX", argv[3], pub) != 0)
            return 2;
        ret = glass_x25519_shared(shared, priv, pub);
        glass_wipe(priv, sizeof priv);
        if (ret != 0) {
            fprintf(stderr, "glass-x25519: %s\n", glass_strerror(ret));
            return 1;
        }
        print_hex(shared);
        glass_wipe(shared, sizeof shared);
        return 0;
    }
    usage(stderr);
    return 2;
}
