/*
 * rsa_cli.c — TEST-ONLY helper for tests/sh/rsa_openssl.sh: runs glasstls
 * RSA operations on raw bytes so the script can cross-check them with the
 * openssl CLI.  Keys come as a text file of "name=hex" lines (n, e, d, p,
 * q, dp, dq, qinv), which the script extracts from `openssl pkey -text`
 * (no PEM parser is involved).  Not part of the library or the examples.
 *
 *   rsa_cli encrypt KEY   < msg    > ct
 *   rsa_cli decrypt KEY   < ct     > msg
 *   rsa_cli premaster KEY VERSION(hex) < ct > 48 bytes  (random48 = 0xEE..)
 *   rsa_cli sign KEY HASH < digest > sig        HASH: sha256|sha384|sha512
 *   rsa_cli verify KEY HASH SIGFILE < digest    exit 0 valid, 1 invalid
 *   rsa_cli keygen BITS                         prints an `openssl asn1parse
 *                                               -genconf` description
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "glasstls/err.h"
#include "glasstls/rsa.h"
#include "helpers/hex.h"

static int os_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    while (len > 0) {
        ssize_t got = getrandom(out, len, 0);
        if (got <= 0)
            return GLASS_E_RNG;
        out += got;
        len -= (size_t)got;
    }
    return 0;
}

static uint8_t comp[8][600];
static size_t comp_len[8];
static const char *const names[8] = { "n", "e", "d", "p", "q", "dp", "dq", "qinv" };

static int read_key(const char *path)
{
    char line[4096];
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL) {
        char *eq = strchr(line, '=');
        if (eq == NULL)
            continue;
        *eq = 0;
        for (int i = 0; i < 8; i++) {
            if (strcmp(line, names[i]) != 0)
                continue;
            const char *h = eq + 1;
            size_t hl = strcspn(h, "\r\n"), n = 0;
            if (hl % 2 != 0) {             /* an odd count: "10001" is 01 00 01 */
                int lo = test_hexval((unsigned char)h[0]);
                if (lo < 0) {
                    fclose(f);
                    return -1;
                }
                comp[i][n++] = (uint8_t)lo;
                h++;
                hl--;
            }
            long m = test_unhex_n(h, hl, comp[i] + n, sizeof comp[i] - n);
            if (m < 0) {
                fclose(f);
                return -1;
            }
            comp_len[i] = n + (size_t)m;
        }
    }
    fclose(f);
    return 0;
}

static size_t read_all(FILE *f, uint8_t *buf, size_t cap)
{
    size_t n = 0, got;
    while (n < cap && (got = fread(buf + n, 1, cap - n, f)) > 0)
        n += got;
    return n;
}

static glass_hash_id hash_of(const char *s)
{
    if (strcmp(s, "sha256") == 0) return GLASS_HASH_SHA256;
    if (strcmp(s, "sha384") == 0) return GLASS_HASH_SHA384;
    if (strcmp(s, "sha512") == 0) return GLASS_HASH_SHA512;
    if (strcmp(s, "sha1") == 0) return GLASS_HASH_SHA1;
    return GLASS_HASH_NONE;
}

static void print_int(const char *label, const uint8_t *b, size_t len)
{
    printf("%s=INTEGER:0x", label);
    size_t i = 0;
    while (i + 1 < len && b[i] == 0)
        i++;
    for (; i < len; i++)
        printf("%02X", b[i]);
    printf("\n");
}

static int keygen(unsigned bits)
{
    static glass_rsa_private k;
    static uint8_t buf[8 * 600];
    glass_rsa_private_parts pp;
    int rc = glass_rsa_generate(&k, bits, os_rng, NULL);
    if (rc == 0)
        rc = glass_rsa_private_export(&k, buf, sizeof buf, &pp);
    if (rc != 0) {
        fprintf(stderr, "rsa_cli: keygen: %s\n", glass_strerror(rc));
        return 2;
    }
    /* RFC 8017 A.1.2 RSAPrivateKey, for openssl asn1parse -genconf */
    printf("asn1=SEQUENCE:rsa_key\n[rsa_key]\nversion=INTEGER:0\n");
    print_int("modulus", pp.n, pp.n_len);
    print_int("pubExp", pp.e, pp.e_len);
    print_int("privExp", pp.d, pp.d_len);
    print_int("p", pp.p, pp.p_len);
    print_int("q", pp.q, pp.q_len);
    print_int("e1", pp.dp, pp.dp_len);
    print_int("e2", pp.dq, pp.dq_len);
    print_int("coeff", pp.qinv, pp.qinv_len);
    glass_rsa_private_free(&k);
    return 0;
}

int main(int argc, char **argv)
{
    static glass_rsa_private priv;
    static uint8_t in[4096], out[4096], sig[1024];
    if (argc == 3 && strcmp(argv[1], "keygen") == 0)
        return keygen((unsigned)atoi(argv[2]));
    if (argc < 3 || read_key(argv[2]) != 0) {
        fprintf(stderr, "usage: see rsa_cli.c\n");
        return 2;
    }
    glass_rsa_private_parts pp = {
        comp[0], comp[1], comp[2], comp[3], comp[4], comp[5], comp[6], comp[7],
        comp_len[0], comp_len[1], comp_len[2], comp_len[3], comp_len[4], comp_len[5],
        comp_len[6], comp_len[7] };
    int rc = glass_rsa_private_load(&priv, &pp);
    if (rc != 0) {
        fprintf(stderr, "rsa_cli: key: %s\n", glass_strerror(rc));
        return 2;
    }
    const glass_rsa_public *pub = &priv.pub;
    size_t k = glass_rsa_size(pub), n = read_all(stdin, in, sizeof in), olen = 0;
    const char *cmd = argv[1];

    if (strcmp(cmd, "encrypt") == 0) {
        rc = glass_rsa_pkcs1_encrypt(pub, os_rng, NULL, in, n, out, sizeof out);
        olen = k;
    } else if (strcmp(cmd, "decrypt") == 0) {
        rc = glass_rsa_pkcs1_decrypt(&priv, os_rng, NULL, in, n, out, sizeof out, &olen);
    } else if (strcmp(cmd, "premaster") == 0 && argc == 4) {
        uint8_t r48[48];
        memset(r48, 0xee, sizeof r48);
        rc = glass_rsa_tls_premaster(&priv, os_rng, NULL, in, n,
                                     (uint16_t)strtoul(argv[3], NULL, 16), r48, out);
        olen = 48;
    } else if (strcmp(cmd, "sign") == 0 && argc == 4) {
        rc = glass_rsa_pkcs1_sign(&priv, os_rng, NULL, hash_of(argv[3]), in, n, out, sizeof out);
        olen = k;
    } else if (strcmp(cmd, "verify") == 0 && argc == 5) {
        FILE *f = fopen(argv[4], "rb");
        if (f == NULL)
            return 2;
        size_t sl = read_all(f, sig, sizeof sig);
        fclose(f);
        rc = glass_rsa_pkcs1_verify(pub, hash_of(argv[3]), in, n, sig, sl);
        glass_rsa_private_free(&priv);
        if (rc != 0)
            fprintf(stderr, "rsa_cli: verify: %s\n", glass_strerror(rc));
        return rc == 0 ? 0 : 1;
    } else {
        fprintf(stderr, "rsa_cli: unknown command %s\n", cmd);
        return 2;
    }
    glass_rsa_private_free(&priv);
    if (rc != 0) {
        fprintf(stderr, "rsa_cli: %s: %s\n", cmd, glass_strerror(rc));
        return 1;
    }
    fwrite(out, 1, olen, stdout);
    return 0;
}
