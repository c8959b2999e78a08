/*
 * glasstls/rsa.h — RSA with PKCS#1 v1.5 (RFC 8017): encryption of the TLS
 * premaster secret, its Bleichenbacher-safe decryption (RFC 5246 7.4.7.1),
 * signatures, RSASSA-PSS signatures (RFC 8017 8.1), and key generation.  Moduli from 1024 (vectors only) to 4096
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
/* Smallest modulus accepted (the 1024-bit keys of the standard test
 * vectors; the certificate layer enforces its own 2048-bit policy). */
#define GLASS_RSA_MIN_BITS  1024

/* Limb of the big integers stored in the key structs: 64 bits when the
 * compiler has a 128-bit product type, else 32 bits (the one platform
 * switch; GLASS_FORCE_LIMB32 forces the fallback for testing it). */
#if defined(__SIZEOF_INT128__) && !defined(GLASS_FORCE_LIMB32)
typedef uint64_t glass_limb;
#define GLASS_LIMB_BITS 64
#else
typedef uint32_t glass_limb;
#define GLASS_LIMB_BITS 32
#endif
#define GLASS_RSA_LIMBS     (GLASS_RSA_MAX_BITS / GLASS_LIMB_BITS)
#define GLASS_RSA_HALF_LIMBS (GLASS_RSA_LIMBS / 2)

/* Layout owned by crypto/rsa.c; little-endian limbs. */
typedef struct glass_rsa_public {
    size_t     bits;                      /* modulus size in bits */
    size_t     len;                       /* modulus size in bytes (k) */
    size_t     nlimbs;                    /* limbs used by n */
    glass_limb n[GLASS_RSA_LIMBS];
    glass_limb e[GLASS_RSA_LIMBS];
    glass_limb rr[GLASS_RSA_LIMBS];       /* R^2 mod n (Montgomery) */
    glass_limb n0inv;                     /* -n^-1 mod 2^w */
} glass_rsa_public;

/* The CRT form (RFC 8017 3.2, second representation) when has_crt, else
 * only (n, d) (the first representation, as in NIST's SigGen vectors). */
typedef struct glass_rsa_private {
    glass_rsa_public pub;
    int        has_crt;
    glass_limb d[GLASS_RSA_LIMBS];
    size_t     plimbs, qlimbs;
    glass_limb p[GLASS_RSA_HALF_LIMBS], q[GLASS_RSA_HALF_LIMBS];
    glass_limb dp[GLASS_RSA_HALF_LIMBS], dq[GLASS_RSA_HALF_LIMBS];
    glass_limb qinv[GLASS_RSA_HALF_LIMBS];
    glass_limb p_rr[GLASS_RSA_HALF_LIMBS], q_rr[GLASS_RSA_HALF_LIMBS];
    glass_limb p0inv, q0inv;
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

/* Loads and checks a private key (p*q == n among the checks).  When
 * parts->p_len == 0 only (n, e, d) is loaded (no CRT: slower, for test
 * vectors that give no primes).  GLASS_E_RSA_KEY for an inconsistent key. */
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

/* RSASSA-PSS (RFC 8017 section 8.1; EMSA-PSS 9.1, MGF1 B.2.1) over a
 * digest already computed with hash.  The same hash is used for M' and for
 * MGF1 (as TLS and the NIST vectors do); emBits = modBits - 1.
 *
 * TLS 1.2 rsa_pss_rsae_sha256/384/512 (0x0804-0x0806, RFC 8446 4.2.3)
 * means hash = SHA-256/384/512 and salt_len = glass_hash_size(hash):
 *
 *     glass_rsa_pss_sign(priv, rng, ctx, GLASS_HASH_SHA256, d, 32, 32, sig, k);
 *     glass_rsa_pss_verify(pub, GLASS_HASH_SHA256, d, 32, 32, sig, sig_len);
 */

/* RSASSA-PSS-SIGN (8.1.1) with a salt of salt_len random octets from rng
 * (which also feeds the blinding).  SHA-224/256/384/512; SHA-1 gives
 * GLASS_E_HASH_UNSUPPORTED (legacy verification only).  sig is
 * glass_rsa_size() bytes.  GLASS_E_BAD_LENGTH when digest_len is not the
 * hash's size or the key is too small for hLen + salt_len + 2 (9.1.1
 * step 3); GLASS_E_RNG when rng fails. */
int glass_rsa_pss_sign(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                       glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                       size_t salt_len, uint8_t *sig, size_t sig_len);

/* The same with the salt given (salt may be NULL when salt_len is 0): for
 * known answers such as the NIST SigGenPSS "SaltVal".  rng is used for the
 * blinding only. */
int glass_rsa_pss_sign_with_salt(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                                 glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                                 const uint8_t *salt, size_t salt_len,
                                 uint8_t *sig, size_t sig_len);

/* RSASSA-PSS-VERIFY (8.1.2) for a signature made with a salt of exactly
 * salt_len octets; every check of EMSA-PSS-VERIFY (9.1.2 steps 3-14) is
 * made in order.  SHA-1 is accepted here (legacy verification only).
 * 0 when valid, GLASS_E_RSA_VERIFY otherwise (sig_len != k, s >= n, wrong
 * trailer, nonzero top bits, bad padding or 0x01 separator, H != H');
 * GLASS_E_BAD_LENGTH when digest_len is not the hash's size,
 * GLASS_E_HASH_UNSUPPORTED for another hash. */
int glass_rsa_pss_verify(const glass_rsa_public *pub,
                         glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                         size_t salt_len, const uint8_t *sig, size_t sig_len);

/* EMSA-PSS-ENCODE (9.1.1) alone: writes EM (em_len = ceil(em_bits / 8)
 * bytes) for the digest and salt.  Any PSS hash, SHA-1 included: EM holds
 * nothing secret.  For tests, known answers and teaching; the signing
 * functions above call it. */
int glass_rsa_pss_encode(glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                         const uint8_t *salt, size_t salt_len, size_t em_bits,
                         uint8_t *em, size_t em_len);

/* The raw private-key operation RSADP/RSASP1 (RFC 8017 5.1.2 / 5.2.1):
 * out = in^d mod n, blinded CRT with the result checked (GLASS_E_RSA_FAULT).
 * in_len must be glass_rsa_size(); GLASS_E_RSA_RANGE when in >= n.  No
 * padding: for tests, benchmarks and building other schemes. */
int glass_rsa_private_raw(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                          const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);

/* The raw public-key operation RSAEP/RSAVP1 (5.1.1 / 5.2.2): out = in^e mod n. */
int glass_rsa_public_raw(const glass_rsa_public *pub, const uint8_t *in, size_t in_len,
                         uint8_t *out, size_t out_len);

/* Generates a key of bits = 2048, 3072 or 4096 with e = 65537
 * (FIPS 186-5 appendix A.1.3 / B.3: random primes, trial division,
 * Miller-Rabin). */
int glass_rsa_generate(glass_rsa_private *priv, unsigned bits,
                       glass_rng_fn rng, void *rng_ctx);

#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_RSA_H */
