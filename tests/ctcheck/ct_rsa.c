/*
 * ct_rsa.c — constant-time check of the RSA private-key operation (behind
 * PKCS#1 v1.5 and PSS signatures) and the TLS premaster entry (run under
 * valgrind by `make ctcheck`).
 *
 * After a key is generated (key generation itself is not claimed constant
 * time), every secret part of it — d, p, q, dP, dQ, qInv and the values
 * derived from p and q — is marked undefined, and so is every byte the RNG
 * hands out (the blinding value).  Memcheck then reports any branch or
 * memory address that depends on them.  Only what the protocol reveals
 * anyway is marked defined again: the returned code (the fault check's
 * outcome) and the signature or premaster written to the caller.
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/err.h"
#include "glasstls/hw.h"
#include "glasstls/rsa.h"
#include "helpers/splitmix.h"

static uint64_t state = 99;

static int plain_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    return test_splitmix_rng(&state, out, len);
}

/* The blinding value is secret: whatever the RNG returns is. */
static int secret_rng(void *ctx, uint8_t *out, size_t len)
{
    int rc = plain_rng(ctx, out, len);
    VALGRIND_MAKE_MEM_UNDEFINED(out, len);
    return rc;
}

#define SECRET(x) VALGRIND_MAKE_MEM_UNDEFINED(&(x), sizeof(x))
#define PUBLIC(x) VALGRIND_MAKE_MEM_DEFINED(&(x), sizeof(x))

int main(void)
{
    static glass_rsa_private key, nocrt;
    static uint8_t parts_buf[8 * GLASS_RSA_MAX_BYTES];
    uint8_t dig[32], sig[256], ct[256], pms[48], r48[48], out[48];
    int failures = 0;

    if (glass_rsa_generate(&key, 2048, plain_rng, NULL) != 0) {
        fprintf(stderr, "ct_rsa: key generation failed\n");
        return 2;
    }
    size_t k = glass_rsa_size(&key.pub);
    /* the same key in its first representation (n, e, d: no CRT), loaded
     * before anything is marked (loading is not claimed constant time) */
    {
        glass_rsa_private_parts parts;
        if (glass_rsa_private_export(&key, parts_buf, sizeof parts_buf, &parts) != 0) {
            fprintf(stderr, "ct_rsa: export failed\n");
            return 2;
        }
        parts.p_len = 0;
        if (glass_rsa_private_load(&nocrt, &parts) != 0) {
            fprintf(stderr, "ct_rsa: loading (n, e, d) failed\n");
            return 2;
        }
        memset(parts_buf, 0, sizeof parts_buf);
    }
    SECRET(nocrt.d);
    SECRET(key.d);
    SECRET(key.p);
    SECRET(key.q);
    SECRET(key.dp);
    SECRET(key.dq);
    SECRET(key.qinv);
    SECRET(key.p_rr);
    SECRET(key.q_rr);
    SECRET(key.p0inv);
    SECRET(key.q0inv);

    /* 1. the private-key operation, through a signature: with the fast
     *    bignum path this CPU takes (under valgrind the mulq row, or the
     *    MULX/ADX code when run with GLASS_CPU_ASSUME_ADX=1, or, with
     *    GLASS_CPU_ASSUME_IFMA=1, the C-loop build of bignum_ifma.c: its two
     *    CRT exponentiations interleaved, glass_bn_modexp2_ifma), then with
     *    the portable code */
    memset(dig, 0x61, sizeof dig);
    int rc = 0;
    for (int hw = 1; hw >= 0; hw--) {
        glass_crypto_set_hw(hw);
        rc = glass_rsa_pkcs1_sign(&key, secret_rng, NULL, GLASS_HASH_SHA256, dig, 32, sig, k);
        PUBLIC(rc);
        VALGRIND_MAKE_MEM_DEFINED(sig, k);
        if (rc != 0 || glass_rsa_pkcs1_verify(&key.pub, GLASS_HASH_SHA256, dig, 32, sig, k) != 0) {
            fprintf(stderr, "ct_rsa: sign/verify failed (%d, hw %d)\n", rc, hw);
            failures++;
        }
    }
    glass_crypto_set_hw(1);

    /* 1a. the same without CRT: one exponentiation by d modulo n (with
     *     GLASS_CPU_ASSUME_IFMA=1 the single 2048-bit IFMA exponentiation,
     *     glass_bn_modexp_ifma, which CRT keys no longer reach) */
    rc = glass_rsa_pkcs1_sign(&nocrt, secret_rng, NULL, GLASS_HASH_SHA256, dig, 32, sig, k);
    PUBLIC(rc);
    VALGRIND_MAKE_MEM_DEFINED(sig, k);
    if (rc != 0 || glass_rsa_pkcs1_verify(&key.pub, GLASS_HASH_SHA256, dig, 32, sig, k) != 0) {
        fprintf(stderr, "ct_rsa: sign/verify without CRT failed (%d)\n", rc);
        failures++;
    }

    /* 1b. RSASSA-PSS: the same private operation behind EMSA-PSS.  The
     *     salt is public (a verifier recovers it from the signature, and
     *     the input check m < n branches on EM), so it is drawn in the
     *     clear; the blinding stays secret_rng's. */
    {
        uint8_t salt[32];
        plain_rng(NULL, salt, sizeof salt);
        rc = glass_rsa_pss_sign_with_salt(&key, secret_rng, NULL, GLASS_HASH_SHA256, dig, 32,
                                          salt, sizeof salt, sig, k);
        PUBLIC(rc);
        VALGRIND_MAKE_MEM_DEFINED(sig, k);
        if (rc != 0 || glass_rsa_pss_verify(&key.pub, GLASS_HASH_SHA256, dig, 32, 32, sig, k) != 0) {
            fprintf(stderr, "ct_rsa: PSS sign/verify failed (%d)\n", rc);
            failures++;
        }
    }

    /* 2. the TLS premaster entry: a good block, then a bad version; the
     *    decrypted block is secret because the key is */
    for (int i = 0; i < 48; i++)
        pms[i] = (uint8_t)(i * 7);
    pms[0] = 3;
    pms[1] = 3;
    memset(r48, 0xee, sizeof r48);
    if (glass_rsa_pkcs1_encrypt(&key.pub, plain_rng, NULL, pms, 48, ct, k) != 0) {
        fprintf(stderr, "ct_rsa: encrypt failed\n");
        return 2;
    }
    for (int round = 0; round < 2; round++) {
        uint16_t version = round == 0 ? 0x0303 : 0x0302;
        rc = glass_rsa_tls_premaster(&key, secret_rng, NULL, ct, k, version, r48, out);
        PUBLIC(rc);
        VALGRIND_MAKE_MEM_DEFINED(out, sizeof out);
        if (rc != 0 || memcmp(out, round == 0 ? pms : r48, 48) != 0) {
            fprintf(stderr, "ct_rsa: premaster round %d wrong (%d)\n", round, rc);
            failures++;
        }
    }
    VALGRIND_MAKE_MEM_DEFINED(&key, sizeof key);
    VALGRIND_MAKE_MEM_DEFINED(&nocrt, sizeof nocrt);
    glass_rsa_private_free(&key);
    glass_rsa_private_free(&nocrt);
    return failures ? 1 : 0;
}
