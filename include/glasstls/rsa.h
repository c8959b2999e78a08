/*
 * glasstls/rsa.h — RSA with PKCS#1 v1.5 (RFC 8017): encryption of the TLS
 * premaster secret, its Bleichenbacher-safe decryption (RFC 5246 7.4.7.1),
 * signatures, and key generation.  Moduli from 1024 (vectors only) to 4096
 * bits.  No allocation: keys are caller-owned structs.
 *
 * The numeric layout of the key structs belongs to crypto/rsa.c and
 * crypto/bignum.c; fill them only through the functions below.
 */
#ifndef GLASSTLS_RSA_H
#define GLASSTLS_RSA_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/sha2.h"
#include "glasstls/drbg.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GLASS_RSA_MAX_BITS  4096
#define GLASS_RSA_MAX_BYTES (GLASS_RSA_MAX_BITS / 8)
#define GLASS_RSA_LIMBS     (GLASS_RSA_MAX_BITS / 64)

typedef struct glass_rsa_public {
    size_t   bits;                    /* modulus size in bits */
    size_t   len;                     /* modulus size in bytes */
    uint64_t n[GLASS_RSA_LIMBS];      /* little-endian limbs */
    uint64_t e[GLASS_RSA_LIMBS];
    uint64_t rr[GLASS_RSA_LIMBS];     /* R^2 mod n (Montgomery) */
    uint64_t n0inv;                   /* -n^-1 mod 2^64 */
} glass_rsa_public;

typedef struct glass_rsa_private {
    glass_rsa_public pub;
    uint64_t d[GLASS_RSA_LIMBS];
    uint64_t p[GLASS_RSA_LIMBS / 2], q[GLASS_RSA_LIMBS / 2];
    uint64_t dp[GLASS_RSA_LIMBS / 2], dq[GLASS_RSA_LIMBS / 2];
    uint64_t qinv[GLASS_RSA_LIMBS / 2];
    uint64_t p_rr[GLASS_RSA_LIMBS / 2], q_rr[GLASS_RSA_LIMBS / 2];
    uint64_t p0inv, q0inv;
    size_t   pbits, qbits;
} glass_rsa_private;

/* Big-endian byte strings for each component, as found in a PKCS#1
 * RSAPrivateKey (leading zero bytes allowed). */
typedef struct glass_rsa_private_parts {
    const uint8_t *n, *e, *d, *p, *q, *dp, *dq, *qinv;
    size_t n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
} glass_rsa_private_parts;

/* Loads (n, e).  GLASS_E_RSA_KEY for an even or too small/large modulus,
 * e < 3, even e, or e >= n. */
int glass_rsa_public_load(glass_rsa_public *pub,
                          const uint8_t *n, size_t n_len,
                          const uint8_t *e, size_t e_len);

/* Loads and checks a private key (p*q == n among the checks). */
int glass_rsa_private_load(glass_rsa_private *priv, const glass_rsa_private_parts *parts);

/* Exports the modulus/exponents big-endian (for writing key files). */
int glass_rsa_private_export(const glass_rsa_private *priv,
                             uint8_t *buf, size_t buf_len,
                             glass_rsa_private_parts *parts);

void glass_rsa_private_free(glass_rsa_private *priv);   /* wipes */

/* Modulus length in bytes (the size of ciphertexts and signatures). */
size_t glass_rsa_size(const glass_rsa_public *pub);

/* RSAES-PKCS1-v1_5-ENCRYPT (RFC 8017 7.2.1): out is glass_rsa_size() bytes.
 * msg_len <= size - 11.  The nonzero padding comes from rng. */
int glass_rsa_pkcs1_encrypt(const glass_rsa_public *pub, glass_rng_fn rng, void *rng_ctx,
                            const uint8_t *msg, size_t msg_len,
                            uint8_t *out, size_t out_len);

/* The same with the padding string given (the test vectors' "Seed"). */
int glass_rsa_pkcs1_encrypt_with_padding(const glass_rsa_public *pub,
                                         const uint8_t *ps, size_t ps_len,
                                         const uint8_t *msg, size_t msg_len,
                                         uint8_t *out, size_t out_len);

/* RSAES-PKCS1-v1_5-DECRYPT (7.2.2).  Blinded CRT with a result check.
 * Writes the message to out (capacity out_cap) and its length to *out_len.
 * GLASS_E_RSA_PADDING for bad padding.  Not for TLS premaster secrets:
 * use glass_rsa_tls_premaster(), which has no padding oracle. */
int glass_rsa_pkcs1_decrypt(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                            const uint8_t *ct, size_t ct_len,
                            uint8_t *out, size_t out_cap, size_t *out_len);

/* The server's premaster secret (RFC 5246 section 7.4.7.1).  Always writes
 * 48 bytes to out: the decrypted premaster when the padding, the length (48)
 * and the version (client_version, big-endian in the first two bytes) are
 * right, otherwise random48.  No branch, memory access or return value
 * depends on which.  Returns 0, or a negative code only for errors that do
 * not depend on the ciphertext's content (wrong ct_len, RNG failure). */
int glass_rsa_tls_premaster(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                            const uint8_t *ct, size_t ct_len,
                            uint16_t client_version, const uint8_t random48[48],
                            uint8_t out[48]);

/* RSASSA-PKCS1-v1_5-SIGN (8.2.1) over a digest already computed with hash
 * (SHA-256/384/512).  sig is glass_rsa_size() bytes. */
int glass_rsa_pkcs1_sign(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                         glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                         uint8_t *sig, size_t sig_len);

/* RSASSA-PKCS1-v1_5-VERIFY (8.2.2): re-encodes EMSA-PKCS1-v1_5 and compares
 * the whole block.  SHA-1 is accepted here (legacy verification only).
 * 0 when valid, GLASS_E_RSA_VERIFY otherwise. */
int glass_rsa_pkcs1_verify(const glass_rsa_public *pub,
                           glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                           const uint8_t *sig, size_t sig_len);

/* Generates a key of bits = 2048, 3072 or 4096 with e = 65537
 * (FIPS 186-5 appendix A.1.3 / B.3: random primes, trial division,
 * Miller-Rabin). */
int glass_rsa_generate(glass_rsa_private *priv, unsigned bits,
                       glass_rng_fn rng, void *rng_ctx);

#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_RSA_H */
