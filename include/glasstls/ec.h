/*
 * glasstls/ec.h — the NIST prime curves P-256 and P-384 (FIPS 186-4 D.1.2,
 * SEC 2 2.4): public-key validation, ECDH (SP 800-56A 5.7.1.2) and ECDSA
 * (FIPS 186-4 section 6) with deterministic nonces (RFC 6979).
 *
 * Curves are named by their TLS NamedGroup number (RFC 8422 5.1.1), so a
 * value read from supported_groups or ServerKeyExchange is already a
 * glass_ec_curve.  Byte strings are big-endian and exactly
 * glass_ec_size(curve) bytes long (32 or 48).  No allocation: keys are
 * caller-owned structs.  Every operation on a private scalar or a nonce is
 * constant-time; secrets are wiped before returning.
 *
 * Error codes (glasstls/err.h): GLASS_E_EC_CURVE for a curve glasstls does
 * not implement, GLASS_E_EC_POINT for a public point that fails validation
 * (wrong length or form, a coordinate >= p, not on the curve, or the point
 * at infinity), GLASS_E_EC_KEY for a private scalar not in [1, n-1],
 * GLASS_E_ECDSA_VERIFY for a signature that does not verify,
 * GLASS_E_ECDSA_DER for a malformed DER signature.
 */
#ifndef GLASSTLS_EC_H
#define GLASSTLS_EC_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/drbg.h"
#include "glasstls/sha2.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

typedef enum glass_ec_curve {
    GLASS_EC_NONE = 0,
    GLASS_EC_P256 = 23,              /* secp256r1 (RFC 8422 NamedGroup 23) */
    GLASS_EC_P384 = 24               /* secp384r1 (NamedGroup 24) */
} glass_ec_curve;

#define GLASS_EC_MAX_BYTES  48                        /* P-384 field/scalar */
#define GLASS_EC_MAX_POINT  (1 + 2 * GLASS_EC_MAX_BYTES) /* 04 || X || Y */
/* SEQUENCE { INTEGER r, INTEGER s }, each at most 49 bytes (a leading 00). */
#define GLASS_ECDSA_MAX_DER (3 + 2 * (2 + GLASS_EC_MAX_BYTES + 1))

/* A validated public point (affine, big-endian coordinates). */
typedef struct glass_ec_public {
    glass_ec_curve curve;
    uint8_t x[GLASS_EC_MAX_BYTES];
    uint8_t y[GLASS_EC_MAX_BYTES];
} glass_ec_public;

/* A private scalar d in [1, n-1] with its public point Q = dG. */
typedef struct glass_ec_private {
    glass_ec_curve  curve;
    uint8_t         d[GLASS_EC_MAX_BYTES];
    glass_ec_public pub;
} glass_ec_private;

/* 32 for P-256, 48 for P-384, 0 for anything else. */
size_t glass_ec_size(glass_ec_curve curve);

/* "P-256", "P-384", or "unknown". */
const char *glass_ec_curve_name(glass_ec_curve curve);

/* The hash of the curve's TLS 1.2 signature scheme: SHA-256 for P-256
 * (ecdsa_secp256r1_sha256), SHA-384 for P-384; GLASS_HASH_NONE otherwise. */
glass_hash_id glass_ec_hash(glass_ec_curve curve);

/* Decodes an uncompressed point 04 || X || Y (SEC 1 2.3.4; the only form
 * TLS 1.2 uses, RFC 8422 5.1.2) and validates it fully (SP 800-56A
 * 5.6.2.3.3: coordinates < p, on the curve, not the point at infinity; the
 * cofactor is 1, so that is the whole check).  Compressed and hybrid forms
 * and the single byte 00 are GLASS_E_EC_POINT. */
int glass_ec_public_decode(glass_ec_public *pub, glass_ec_curve curve,
                           const uint8_t *in, size_t len);

/* Validates the coordinates already in pub (as above). */
int glass_ec_public_check(const glass_ec_public *pub);

/* Writes 04 || X || Y; *len = 1 + 2 * size.  GLASS_E_BUFFER_TOO_SMALL. */
int glass_ec_public_encode(const glass_ec_public *pub, uint8_t *out, size_t cap,
                           size_t *len);

/* Loads d (big-endian, leading zeros allowed, at most size bytes after
 * them) and computes Q = dG.  GLASS_E_EC_KEY unless 1 <= d <= n-1. */
int glass_ec_private_load(glass_ec_private *key, glass_ec_curve curve,
                          const uint8_t *d, size_t d_len);

/* Draws d uniformly in [1, n-1] (rejection sampling) and computes Q. */
int glass_ec_keypair(glass_ec_private *key, glass_ec_curve curve,
                     glass_rng_fn rng, void *rng_ctx);

/* ECDH primitive (SP 800-56A 5.7.1.2): shared = x(d * Q_peer), size bytes.
 * The peer point is validated first and never multiplied when invalid
 * (GLASS_E_EC_POINT); a different curve is GLASS_E_EC_CURVE. */
int glass_ecdh_shared(uint8_t *shared, size_t shared_len,
                      const glass_ec_private *key, const glass_ec_public *peer);

/* ECDSA signature (FIPS 186-4 6.4) over a digest computed with hash; the
 * nonce k is derived as RFC 6979 section 3.2 specifies, with HMAC-hash.
 * The digest is truncated to the bit length of n (6.4, step 3 of 186-4
 * 6.4 / RFC 6979 2.4).  r and s are size bytes each. */
int glass_ecdsa_sign(const glass_ec_private *key, glass_hash_id hash,
                     const uint8_t *digest, size_t digest_len,
                     uint8_t *r, uint8_t *s);

/* The same with a caller-given nonce k (big-endian, size bytes, in
 * [1, n-1]): only for known-answer tests (NIST SigGen gives k). */
int glass_ecdsa_sign_with_k(const glass_ec_private *key,
                            const uint8_t *digest, size_t digest_len,
                            const uint8_t *k, uint8_t *r, uint8_t *s);

/* ECDSA verification (FIPS 186-4 6.4.2): r, s in [1, n-1] (size bytes
 * each, big-endian).  0 or GLASS_E_ECDSA_VERIFY. */
int glass_ecdsa_verify(const glass_ec_public *pub,
                       const uint8_t *digest, size_t digest_len,
                       const uint8_t *r, const uint8_t *s);

/* Strict DER Ecdsa-Sig-Value (RFC 3279 2.2.3, X9.62): SEQUENCE of two
 * minimal non-negative INTEGERs, nothing after it, each value < 2^(8*size).
 * Decoding writes r and s as size-byte big-endian strings; GLASS_E_ECDSA_DER
 * on any deviation.  Encoding writes at most GLASS_ECDSA_MAX_DER bytes. */
int glass_ecdsa_der_decode(glass_ec_curve curve, const uint8_t *der, size_t len,
                           uint8_t *r, uint8_t *s);
int glass_ecdsa_der_encode(glass_ec_curve curve, const uint8_t *r, const uint8_t *s,
                           uint8_t *out, size_t cap, size_t *len);

/* Convenience for TLS and X.509: verify / sign a DER signature over a
 * digest.  Verification returns GLASS_E_ECDSA_DER or GLASS_E_ECDSA_VERIFY. */
int glass_ecdsa_verify_der(const glass_ec_public *pub,
                           const uint8_t *digest, size_t digest_len,
                           const uint8_t *der, size_t der_len);
int glass_ecdsa_sign_der(const glass_ec_private *key, glass_hash_id hash,
                         const uint8_t *digest, size_t digest_len,
                         uint8_t *out, size_t cap, size_t *len);

/* Wipes a private key (also done by every function on its temporaries). */
void glass_ec_private_wipe(glass_ec_private *key);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_EC_H */
