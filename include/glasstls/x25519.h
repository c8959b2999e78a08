/*
 * glasstls/x25519.h — Diffie-Hellman over Curve25519 (RFC 7748), the
 * ephemeral key exchange of the ECDHE_RSA suites (named group 29).
 */
#ifndef GLASSTLS_X25519_H
#define GLASSTLS_X25519_H

#include "glasstls/export.h"

#include <stdint.h>
#include "glasstls/drbg.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

#define GLASS_X25519_SIZE 32

/* out = X25519(scalar, u) (RFC 7748 section 5): the scalar is clamped, the
 * top bit of u masked, non-canonical u accepted.  Constant-time. */
void glass_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);

/* out = X25519(scalar, 9): the public key for a private scalar. */
void glass_x25519_base(uint8_t out[32], const uint8_t scalar[32]);

/* Draws a private scalar from rng and computes its public key. */
int glass_x25519_keypair(uint8_t pub[32], uint8_t priv[32],
                         glass_rng_fn rng, void *rng_ctx);

/* shared = X25519(priv, peer_pub); GLASS_E_X25519_ZERO (and shared wiped)
 * when the result is all zeros (section 6.1), checked in constant time. */
int glass_x25519_shared(uint8_t shared[32], const uint8_t priv[32],
                        const uint8_t peer_pub[32]);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_X25519_H */
