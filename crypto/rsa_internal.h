/*
 * rsa_internal.h — shared between the RSA files of crypto/ (not public).
 */
#ifndef GLASS_RSA_INTERNAL_H
#define GLASS_RSA_INTERNAL_H

#include "glasstls/rsa.h"

/* glass_rsa_private_raw() with the fault check's outcome kept apart:
 * returns the content-independent errors (arguments, c >= n, RNG) and
 * writes 0 or GLASS_E_RSA_FAULT to *fault, computed without a branch on
 * any secret, so a caller can fold it into a mask. */
int glass_rsa_private_raw_fault(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                                const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len,
                                int *fault);

/* The checks every signing function starts with: 0, GLASS_E_INVALID_ARG
 * (no key or no output), GLASS_E_HASH_UNSUPPORTED (SHA-1: glasstls
 * verifies old SHA-1 signatures but never makes one) or
 * GLASS_E_BUFFER_TOO_SMALL (sig_len below the modulus length). */
int glass_rsa_sign_check(const glass_rsa_private *priv, glass_hash_id hash,
                         const uint8_t *sig, size_t sig_len);

#endif
