/*
 * test_rsa.c — crypto/rsa*.c: key checks, PKCS#1 v1.5 encryption and
 * signatures on bad input, the TLS premaster entry for every kind of bad
 * block, the fault check (a fault in either CRT half), the private
 * operation on every bignum path (IFMA with the interleaved CRT pair,
 * MULX/ADX, portable) giving the same result, key generation arguments.
 *
 * Known answers live in the vector files (glass-kat) and the cross-checks
 * with openssl in tests/sh/rsa_openssl.sh; here the encoded blocks are
 * built by hand (RFC 8017 7.2.1, 9.2) and pushed through the raw public
 * operation, so each bad form reaches the decoder exactly as written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/hw.h"
#include "glasstls/rsa.h"
#include "helpers/splitmix.h"

static int failing_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    (void)out;
    (void)len;
    return GLASS_E_RNG;
}

/* Like test_splitmix_rng, but zeroes the first half of every other request, so
 * the encryption's redraw of zero padding bytes is exercised. */
static int zero_heavy_rng(void *ctx, uint8_t *out, size_t len)
{
    uint64_t *s = ctx;
    int rc = test_splitmix_rng(ctx, out, len);
    if ((*s & 1) == 0)
        memset(out, 0, len / 2);
    return rc;
}

static glass_rsa_private key;
static uint64_t seed = 42;
static uint8_t nbytes[GLASS_RSA_MAX_BYTES], ebytes[3] = { 1, 0, 1 };
static size_t k;

static int group_setup(void **state)
{
    (void)state;
    uint64_t s = 2026;
    if (glass_rsa_generate(&key, 2048, test_splitmix_rng, &s) != 0)
        return -1;
    k = glass_rsa_size(&key.pub);
    uint8_t buf[8 * GLASS_RSA_MAX_BYTES];
    glass_rsa_private_parts pp;
    if (glass_rsa_private_export(&key, buf, sizeof buf, &pp) != 0)
        return -1;
    memcpy(nbytes, pp.n, pp.n_len);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    glass_rsa_private_free(&key);
    return 0;
}

/* Encrypts an arbitrary block em (k bytes, < n) with the raw public op. */
static void raw_encrypt(const uint8_t *em, uint8_t *ct)
{
    assert_int_equal(glass_rsa_public_raw(&key.pub, em, k, ct, k), 0);
}

/* ------------------------------------------------------------ keys */

static void test_public_load_bad(void **state)
{
    (void)state;
    glass_rsa_public pub;
    uint8_t n[GLASS_RSA_MAX_BYTES + 1], e[4];
    memcpy(n, nbytes, k);
    assert_int_equal(glass_rsa_public_load(&pub, n, k, ebytes, 3), 0);
    assert_int_equal(glass_rsa_size(&pub), 256);
    /* zero modulus, empty modulus */
    uint8_t zero[256] = { 0 };
    assert_int_equal(glass_rsa_public_load(&pub, zero, sizeof zero, ebytes, 3), GLASS_E_RSA_KEY);
    assert_int_equal(glass_rsa_public_load(&pub, n, 0, ebytes, 3), GLASS_E_RSA_KEY);
    /* even modulus */
    n[k - 1] ^= 1;
    assert_int_equal(glass_rsa_public_load(&pub, n, k, ebytes, 3), GLASS_E_RSA_KEY);
    n[k - 1] ^= 1;
    /* too small (512 bits) and too large (4104 bits) */
    assert_int_equal(glass_rsa_public_load(&pub, n, 64, ebytes, 3), GLASS_E_RSA_KEY);
    uint8_t huge[GLASS_RSA_MAX_BYTES + 1];
    memset(huge, 0xff, sizeof huge);
    assert_int_equal(glass_rsa_public_load(&pub, huge, sizeof huge, ebytes, 3), GLASS_E_RSA_KEY);
    /* e = 1, e = 0, even e, e >= n */
    e[0] = 1;
    assert_int_equal(glass_rsa_public_load(&pub, n, k, e, 1), GLASS_E_RSA_KEY);
    e[0] = 0;
    assert_int_equal(glass_rsa_public_load(&pub, n, k, e, 1), GLASS_E_RSA_KEY);
    e[0] = 0x01; e[1] = 0x00; e[2] = 0x00;
    assert_int_equal(glass_rsa_public_load(&pub, n, k, e, 3), GLASS_E_RSA_KEY);
    assert_int_equal(glass_rsa_public_load(&pub, n, k, n, k), GLASS_E_RSA_KEY);
    /* e = 3 is fine; leading zeros in n are fine */
    e[0] = 3;
    assert_int_equal(glass_rsa_public_load(&pub, n, k, e, 1), 0);
    memmove(n + 1, n, k);
    n[0] = 0;
    assert_int_equal(glass_rsa_public_load(&pub, n, k + 1, ebytes, 3), 0);
    assert_int_equal(glass_rsa_size(&pub), 256);
}

static void test_private_load_bad(void **state)
{
    (void)state;
    static uint8_t buf[8 * GLASS_RSA_MAX_BYTES], copy[8 * GLASS_RSA_MAX_BYTES];
    static glass_rsa_private p2;
    glass_rsa_private_parts pp;
    assert_int_equal(glass_rsa_private_export(&key, buf, sizeof buf, &pp), 0);
    assert_int_equal(glass_rsa_private_load(&p2, &pp), 0);
    /* flip one bit of each secret part in turn: p*q != n, or the
     * self-test's fault check catches d, dP, dQ, qInv */
    const uint8_t *parts[] = { pp.d, pp.p, pp.q, pp.dp, pp.dq, pp.qinv };
    const size_t lens[] = { pp.d_len, pp.p_len, pp.q_len, pp.dp_len, pp.dq_len, pp.qinv_len };
    memcpy(copy, buf, sizeof buf);
    for (size_t i = 0; i < 6; i++) {
        uint8_t *b = (uint8_t *)parts[i];
        b[lens[i] - 5] ^= 0x10;
        assert_int_equal(glass_rsa_private_load(&p2, &pp), GLASS_E_RSA_KEY);
        b[lens[i] - 5] ^= 0x10;
    }
    /* (n, e, d) only: loads, signs the same as the CRT form */
    glass_rsa_private_parts nd = pp;
    nd.p_len = nd.q_len = nd.dp_len = nd.dq_len = nd.qinv_len = 0;
    assert_int_equal(glass_rsa_private_load(&p2, &nd), 0);
    uint8_t dig[32], s1[256], s2[256];
    memset(dig, 0xab, sizeof dig);
    assert_int_equal(glass_rsa_pkcs1_sign(&p2, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, s1, k), 0);
    assert_int_equal(glass_rsa_pkcs1_sign(&key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, s2, k), 0);
    assert_memory_equal(s1, s2, k);
    glass_rsa_private_free(&p2);
}

/* ------------------------------------------------------------ encryption */

static void test_encrypt_decrypt(void **state)
{
    (void)state;
    uint8_t msg[245], ct[256], out[256];
    size_t out_len = 0;
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)i;
    /* every length up to k - 11, and an rng that gives many zero bytes */
    for (size_t len = 0; len <= k - 11; len += 61) {
        uint64_t s = len;
        assert_int_equal(glass_rsa_pkcs1_encrypt(&key.pub, zero_heavy_rng, &s, msg, len, ct, k), 0);
        assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, sizeof out, &out_len), 0);
        assert_int_equal(out_len, len);
        assert_memory_equal(out, msg, len);
    }
    assert_int_equal(glass_rsa_pkcs1_encrypt(&key.pub, test_splitmix_rng, &seed, msg, k - 10, ct, k), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pkcs1_encrypt(&key.pub, test_splitmix_rng, &seed, msg, 10, ct, k - 1), GLASS_E_BUFFER_TOO_SMALL);
    assert_int_equal(glass_rsa_pkcs1_encrypt(&key.pub, failing_rng, NULL, msg, 10, ct, k), GLASS_E_RNG);
    /* given padding: must be k - mLen - 3 nonzero octets */
    uint8_t ps[256];
    memset(ps, 0x5a, sizeof ps);
    assert_int_equal(glass_rsa_pkcs1_encrypt_with_padding(&key.pub, ps, k - 13, msg, 10, ct, k), 0);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, sizeof out, &out_len), 0);
    assert_int_equal(out_len, 10);
    assert_int_equal(glass_rsa_pkcs1_encrypt_with_padding(&key.pub, ps, k - 14, msg, 10, ct, k), GLASS_E_BAD_LENGTH);
    ps[7] = 0;
    assert_int_equal(glass_rsa_pkcs1_encrypt_with_padding(&key.pub, ps, k - 13, msg, 10, ct, k), GLASS_E_INVALID_ARG);
    /* output too small for the message */
    assert_int_equal(glass_rsa_pkcs1_encrypt(&key.pub, test_splitmix_rng, &seed, msg, 100, ct, k), 0);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, 99, &out_len), GLASS_E_BUFFER_TOO_SMALL);
}

static void test_decrypt_bad(void **state)
{
    (void)state;
    uint8_t em[256], ct[257], out[256];
    size_t out_len;
    /* ciphertext >= n, = n, wrong lengths */
    memcpy(ct, nbytes, k);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, sizeof out, &out_len), GLASS_E_RSA_RANGE);
    memset(ct, 0xff, k);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, sizeof out, &out_len), GLASS_E_RSA_RANGE);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k - 1, out, sizeof out, &out_len), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k + 1, out, sizeof out, &out_len), GLASS_E_BAD_LENGTH);
    memset(em, 0, sizeof em);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, failing_rng, NULL, em, k, out, sizeof out, &out_len), GLASS_E_RNG);

    /* bad padding, each kind */
    for (int kind = 0; kind < 6; kind++) {
        memset(em, 0x77, k);
        em[0] = 0;
        em[1] = 2;
        em[k - 20] = 0;                         /* separator, 19-byte message */
        switch (kind) {
        case 0: em[1] = 1; break;               /* block type 1 */
        case 1: em[1] = 0; break;               /* block type 0 */
        case 2: em[k - 20] = 0x77; break;       /* no separator at all */
        case 3: em[5] = 0; break;               /* PS of 3 octets */
        case 4: em[9] = 0; break;               /* PS of 7 octets */
        case 5: em[0] = 0; em[1] = 2; em[2] = 0; break;   /* empty PS */
        }
        raw_encrypt(em, ct);
        assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, sizeof out, &out_len),
                         GLASS_E_RSA_PADDING);
    }
    /* PS of exactly 8 is fine, and an empty message too */
    memset(em, 0x77, k);
    em[0] = 0; em[1] = 2; em[10] = 0;
    raw_encrypt(em, ct);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, sizeof out, &out_len), 0);
    assert_int_equal(out_len, k - 11);
    memset(em, 0x77, k);
    em[0] = 0; em[1] = 2; em[k - 1] = 0;
    raw_encrypt(em, ct);
    assert_int_equal(glass_rsa_pkcs1_decrypt(&key, test_splitmix_rng, &seed, ct, k, out, sizeof out, &out_len), 0);
    assert_int_equal(out_len, 0);
}

/* ------------------------------------------------------------ premaster */

static void test_premaster(void **state)
{
    (void)state;
    uint8_t em[256], ct[256], out[48], r48[48], pms[48];
    memset(r48, 0xee, sizeof r48);
    for (int i = 0; i < 48; i++)
        pms[i] = (uint8_t)(0x30 + i);
    pms[0] = 0x03;
    pms[1] = 0x03;
    /* kind 0 is the good block; every other kind must give random48 */
    for (int kind = 0; kind <= 12; kind++) {
        memset(em, 0x99, k);
        em[0] = 0;
        em[1] = 2;
        em[k - 49] = 0;
        memcpy(em + k - 48, pms, 48);
        uint16_t version = 0x0303;
        switch (kind) {
        case 0: break;
        case 1: em[1] = 1; break;                          /* block type 1 */
        case 2: em[1] = 3; break;
        case 3: em[0] = 0; em[1] = 0; break;
        case 4: em[k - 49] = 0x99; break;                  /* no separator */
        case 5: em[k - 50] = 0; break;                     /* 49-byte message */
        case 6: em[k - 49] = 0x99; em[k - 48] = 0; break;  /* 47-byte message */
        case 7: em[20] = 0; break;                         /* zero inside PS */
        case 8: em[2] = 0; break;                          /* zero at PS start */
        case 9: version = 0x0302; break;                   /* version mismatch */
        case 10: version = 0x0203; break;
        case 11: memset(em, 0, k); break;                  /* m = 0 */
        case 12: em[k - 49] = 0x99; em[10] = 0; break;     /* long message */
        }
        raw_encrypt(em, ct);
        memset(out, 0, sizeof out);
        assert_int_equal(glass_rsa_tls_premaster(&key, test_splitmix_rng, &seed, ct, k, version, r48, out), 0);
        assert_memory_equal(out, kind == 0 ? pms : r48, 48);
    }
    /* ciphertext >= n: the substitute, no error */
    memcpy(ct, nbytes, k);
    assert_int_equal(glass_rsa_tls_premaster(&key, test_splitmix_rng, &seed, ct, k, 0x0303, r48, out), 0);
    assert_memory_equal(out, r48, 48);
    /* length and RNG errors do not depend on the content */
    assert_int_equal(glass_rsa_tls_premaster(&key, test_splitmix_rng, &seed, ct, k - 1, 0x0303, r48, out), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_tls_premaster(&key, failing_rng, NULL, em, k, 0x0303, r48, out), GLASS_E_RNG);
    /* a real client's encryption */
    assert_int_equal(glass_rsa_pkcs1_encrypt(&key.pub, test_splitmix_rng, &seed, pms, 48, ct, k), 0);
    assert_int_equal(glass_rsa_tls_premaster(&key, test_splitmix_rng, &seed, ct, k, 0x0303, r48, out), 0);
    assert_memory_equal(out, pms, 48);
    /* out may be random48 itself */
    memcpy(out, r48, 48);
    assert_int_equal(glass_rsa_tls_premaster(&key, test_splitmix_rng, &seed, ct, k, 0x0303, out, out), 0);
    assert_memory_equal(out, pms, 48);
}

/* ------------------------------------------------------------ signatures */

static const uint8_t sha256_prefix[19] = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    0x05, 0x00, 0x04, 0x20 };

/* Signs an arbitrary encoded block with the raw private operation. */
static void forge(const uint8_t *em, uint8_t *sig)
{
    assert_int_equal(glass_rsa_private_raw(&key, test_splitmix_rng, &seed, em, k, sig, k), 0);
}

static void test_sign_verify(void **state)
{
    (void)state;
    uint8_t dig[64], sig[257], em[256];
    memset(dig, 0x3c, sizeof dig);
    const glass_hash_id ids[3] = { GLASS_HASH_SHA256, GLASS_HASH_SHA384, GLASS_HASH_SHA512 };
    const size_t lens[3] = { 32, 48, 64 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(glass_rsa_pkcs1_sign(&key, test_splitmix_rng, &seed, ids[i], dig, lens[i], sig, k), 0);
        assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, ids[i], dig, lens[i], sig, k), 0);
        /* wrong hash id, changed digest, changed signature */
        assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, ids[(i + 1) % 3], dig, lens[(i + 1) % 3], sig, k),
                         GLASS_E_RSA_VERIFY);
        dig[3] ^= 1;
        assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, ids[i], dig, lens[i], sig, k), GLASS_E_RSA_VERIFY);
        dig[3] ^= 1;
        sig[100] ^= 1;
        assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, ids[i], dig, lens[i], sig, k), GLASS_E_RSA_VERIFY);
        sig[100] ^= 1;
    }
    /* the signature with a trailing byte, or one short */
    assert_int_equal(glass_rsa_pkcs1_sign(&key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, sig, k), 0);
    sig[k] = 0;
    assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, GLASS_HASH_SHA256, dig, 32, sig, k + 1), GLASS_E_RSA_VERIFY);
    assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, GLASS_HASH_SHA256, dig, 32, sig + 1, k - 1), GLASS_E_RSA_VERIFY);
    /* s >= n */
    assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, GLASS_HASH_SHA256, dig, 32, nbytes, k), GLASS_E_RSA_VERIFY);
    /* SHA-1: verify only; wrong digest length */
    assert_int_equal(glass_rsa_pkcs1_sign(&key, test_splitmix_rng, &seed, GLASS_HASH_SHA1, dig, 20, sig, k),
                     GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_rsa_pkcs1_sign(&key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 31, sig, k),
                     GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pkcs1_sign(&key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, sig, k - 1),
                     GLASS_E_BUFFER_TOO_SMALL);
    assert_int_equal(glass_rsa_pkcs1_sign(&key, failing_rng, NULL, GLASS_HASH_SHA256, dig, 32, sig, k), GLASS_E_RNG);

    /* SHA-1 verification of a block built by hand (RFC 8017 9.2 note 1) */
    static const uint8_t sha1_prefix[15] = {
        0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14 };
    memset(em, 0xff, k);
    em[0] = 0; em[1] = 1; em[k - 36] = 0;
    memcpy(em + k - 35, sha1_prefix, 15);
    memcpy(em + k - 20, dig, 20);
    forge(em, sig);
    assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, GLASS_HASH_SHA1, dig, 20, sig, k), 0);
}

static void test_verify_forgeries(void **state)
{
    (void)state;
    uint8_t dig[32], em[256], sig[256];
    memset(dig, 0x42, sizeof dig);
    /* the correct block first, to show forge() builds verifiable ones */
    for (int kind = 0; kind <= 7; kind++) {
        memset(em, 0xff, k);
        em[0] = 0; em[1] = 1;
        em[k - 52] = 0;
        memcpy(em + k - 51, sha256_prefix, 19);
        memcpy(em + k - 32, dig, 32);
        switch (kind) {
        case 0: break;
        case 1:   /* DigestInfo without the NULL parameters */
            memset(em, 0xff, k);
            em[0] = 0; em[1] = 1; em[k - 50] = 0;
            { static const uint8_t np[17] = { 0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48,
                                              0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04, 0x20 };
              memcpy(em + k - 49, np, 17); }
            memcpy(em + k - 32, dig, 32);
            break;
        case 2:   /* trailing garbage after the digest (shorter PS) */
            memset(em, 0xff, k);
            em[0] = 0; em[1] = 1; em[k - 56] = 0;
            memcpy(em + k - 55, sha256_prefix, 19);
            memcpy(em + k - 36, dig, 32);
            memset(em + k - 4, 0xaa, 4);
            break;
        case 3: em[k - 51 + 14] = 0x02; break;      /* SHA-384 OID, SHA-256 length */
        case 4: em[1] = 2; break;                   /* block type 2 */
        case 5: em[30] = 0xfe; break;               /* PS not all 0xff */
        case 6: em[0] = 0; em[1] = 1; em[2] = 0; break; /* garbage PS after early zero */
        case 7: em[k - 51 + 1] = 0x32; break;       /* DigestInfo length off by one */
        }
        forge(em, sig);
        assert_int_equal(glass_rsa_pkcs1_verify(&key.pub, GLASS_HASH_SHA256, dig, 32, sig, k),
                         kind == 0 ? 0 : GLASS_E_RSA_VERIFY);
    }
}

/* ------------------------------------------------------------ fault check */

static void test_fault_check(void **state)
{
    (void)state;
    static glass_rsa_private bad;
    uint8_t dig[32], sig[256], zero[256];
    memset(dig, 1, sizeof dig);
    memset(zero, 0, sizeof zero);
    bad = key;
    bad.dp[3] ^= 0x100;                       /* a fault in the p half */
    memset(sig, 0x55, sizeof sig);
    assert_int_equal(glass_rsa_pkcs1_sign(&bad, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, sig, k),
                     GLASS_E_RSA_FAULT);
    assert_memory_equal(sig, zero, k);        /* nothing released */
    bad = key;
    bad.dq[5] ^= 0x8000;                      /* in the q half: the second of
                                                 the interleaved pair (IFMA) */
    assert_int_equal(glass_rsa_pkcs1_sign(&bad, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, sig, k),
                     GLASS_E_RSA_FAULT);
    assert_memory_equal(sig, zero, k);
    bad = key;
    bad.qinv[0] ^= 1;
    assert_int_equal(glass_rsa_pkcs1_sign(&bad, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, sig, k),
                     GLASS_E_RSA_FAULT);
    glass_rsa_private_free(&bad);
}

/* The private operation on every bignum path gives the same m = c^d mod n:
 * the IFMA path (the two CRT halves interleaved, where the CPU has it),
 * the MULX/ADX one (glass_crypto_set_ifma(0)) and the portable code
 * (glass_crypto_set_hw(0)), for the 2048-bit CRT key, the same key
 * without CRT, and a 3072-bit key; inputs 0, 1, 2, n - 1 and random ones
 * below n.  Each result also goes back to c under the public operation. */
static void private_paths_agree(const glass_rsa_private *kk, int randoms)
{
    const size_t len = glass_rsa_size(&kk->pub);
    uint8_t c[GLASS_RSA_MAX_BYTES], n[GLASS_RSA_MAX_BYTES], back[GLASS_RSA_MAX_BYTES];
    uint8_t m_ifma[GLASS_RSA_MAX_BYTES], m_adx[GLASS_RSA_MAX_BYTES], m_c[GLASS_RSA_MAX_BYTES];
    uint8_t buf[8 * GLASS_RSA_MAX_BYTES];
    glass_rsa_private_parts pp;
    uint64_t s = 77;
    assert_int_equal(glass_rsa_private_export(kk, buf, sizeof buf, &pp), 0);
    memcpy(n, pp.n, len);
    for (int i = 0; i < 4 + randoms; i++) {
        memset(c, 0, len);
        if (i == 1)
            c[len - 1] = 1;
        else if (i == 2)
            c[len - 1] = 2;
        else if (i == 3) {
            memcpy(c, n, len);
            c[len - 1] -= 1;                  /* n is odd: no borrow */
        } else if (i > 3) {
            test_splitmix_rng(&s, c, len);
            c[0] &= (uint8_t)(n[0] >> 1);    /* below n */
        }
        assert_int_equal(glass_rsa_private_raw(kk, test_splitmix_rng, &seed, c, len, m_ifma, len), 0);
        glass_crypto_set_ifma(0);
        assert_int_equal(glass_rsa_private_raw(kk, test_splitmix_rng, &seed, c, len, m_adx, len), 0);
        glass_crypto_set_ifma(1);
        glass_crypto_set_hw(0);
        assert_int_equal(glass_rsa_private_raw(kk, test_splitmix_rng, &seed, c, len, m_c, len), 0);
        glass_crypto_set_hw(1);
        assert_memory_equal(m_ifma, m_c, len);
        assert_memory_equal(m_adx, m_c, len);
        assert_int_equal(glass_rsa_public_raw(&kk->pub, m_c, len, back, len), 0);
        assert_memory_equal(back, c, len);
    }
}

static void test_private_paths_agree(void **state)
{
    (void)state;
    static glass_rsa_private nocrt, k3072;
    uint8_t buf[8 * GLASS_RSA_MAX_BYTES];
    glass_rsa_private_parts pp;
    uint64_t s = 3072;

    private_paths_agree(&key, 24);
    assert_int_equal(glass_rsa_private_export(&key, buf, sizeof buf, &pp), 0);
    pp.p_len = 0;                             /* (n, e, d) only */
    assert_int_equal(glass_rsa_private_load(&nocrt, &pp), 0);
    private_paths_agree(&nocrt, 4);
    assert_int_equal(glass_rsa_generate(&k3072, 3072, test_splitmix_rng, &s), 0);
    private_paths_agree(&k3072, 4);
    printf("  IFMA here: %s\n", glass_cpu_has_ifma() ? "yes (interleaved CRT pair compared)"
                                                     : "no (the paths compared are the others)");
    glass_rsa_private_free(&nocrt);
    glass_rsa_private_free(&k3072);
}

static void test_keygen_args(void **state)
{
    (void)state;
    static glass_rsa_private kk;
    uint64_t s = 1;
    assert_int_equal(glass_rsa_generate(&kk, 1024, test_splitmix_rng, &s), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_generate(&kk, 2047, test_splitmix_rng, &s), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_generate(&kk, 2048, NULL, NULL), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_generate(&kk, 2048, failing_rng, NULL), GLASS_E_RNG);
    /* the group's key: the right size, e = 65537 */
    assert_int_equal(key.pub.bits, 2048);
    assert_true(key.pub.e[0] == 65537);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_public_load_bad),
        cmocka_unit_test(test_private_load_bad),
        cmocka_unit_test(test_encrypt_decrypt),
        cmocka_unit_test(test_decrypt_bad),
        cmocka_unit_test(test_premaster),
        cmocka_unit_test(test_sign_verify),
        cmocka_unit_test(test_verify_forgeries),
        cmocka_unit_test(test_fault_check),
        cmocka_unit_test(test_private_paths_agree),
        cmocka_unit_test(test_keygen_args),
    };
    return cmocka_run_group_tests_name("rsa", tests, group_setup, group_teardown);
}
