/*
 * x25519.c — Diffie-Hellman over Curve25519, RFC 7748 ("Elliptic Curves for
 * Security", January 2016), the public API of glasstls/x25519.h.
 *
 * The X25519 function itself (section 5: clamping, u decoding, Montgomery
 * ladder, encoding) is x25519_ladder.h over one of two field
 * implementations (x25519_impl.h); this file picks the faster one available
 * on the platform and adds what section 6.1 asks of a Diffie-Hellman user:
 * the base point u = 9, random private keys, and the all-zero check.
 */
#include "glasstls/x25519.h"

#include <stddef.h>

#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "x25519_base.h"
#include "x25519_impl.h"

/* Platform choice: 64-bit limbs when the compiler offers 128-bit products,
 * the portable 25.5-bit code otherwise.  GLASS_X25519_FE51 (x25519_impl.h)
 * is the only compile-time switch; here it is a constant in a plain `if`. */
static void x25519_impl(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32])
{
    if (GLASS_X25519_FE51)
        glass_x25519_fe51(out, scalar, u);
    else
        glass_x25519_fe25(out, scalar, u);
}

void glass_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32])
{
    x25519_impl(out, scalar, u);
}

/* Section 4.1: the base point has u = 9. */
static const uint8_t x25519_base_u[32] = { 9 };

/* With 64-bit limbs, k * 9 is the fixed-base multiplication on the
 * Edwards form (x25519_base.c, the same bytes in about a third of the
 * time); elsewhere the ladder from u = 9. */
void glass_x25519_base(uint8_t out[32], const uint8_t scalar[32])
{
    if (GLASS_X25519_FE51)
        glass_x25519_base_edwards(out, scalar);
    else
        x25519_impl(out, scalar, x25519_base_u);
}

/* Section 6.1: "Alice generates 32 random bytes in a[0] to a[31] and
 * transmits K_A = X25519(a, 9) to Bob".  The bytes are kept as drawn;
 * X25519 clamps them every time they are used. */
int glass_x25519_keypair(uint8_t pub[32], uint8_t priv[32],
                         glass_rng_fn rng, void *rng_ctx)
{
    int ret;

    if (pub == NULL || priv == NULL || rng == NULL)
        return GLASS_E_INVALID_ARG;
    ret = rng(rng_ctx, priv, 32);
    if (ret != 0) {
        glass_wipe(priv, 32);
        return ret < 0 ? ret : GLASS_E_RNG;
    }
    glass_x25519_base(pub, priv);
    return GLASS_OK;
}

/* Section 6.1: "Both MAY check, without leaking extra information about
 * the value of K, whether K is the all-zero value and abort if so".  The
 * bytes are ORed together and turned into a mask without a branch; the
 * error code is selected with that mask, so the only data-dependent branch
 * is the caller's on the returned code.  An all-zero K needs no wiping:
 * it is already all zeros. */
int glass_x25519_shared(uint8_t shared[32], const uint8_t priv[32],
                        const uint8_t peer_pub[32])
{
    uint32_t acc = 0, zero;

    if (shared == NULL || priv == NULL || peer_pub == NULL)
        return GLASS_E_INVALID_ARG;
    x25519_impl(shared, priv, peer_pub);
    for (int i = 0; i < 32; i++)
        acc |= shared[i];
    zero = glass_ct_is_zero32(acc);                 /* all-ones when K = 0 */
    return (int)(zero & 1u) * GLASS_E_X25519_ZERO;  /* 0 or the error */
}
