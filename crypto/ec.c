/*
 * ec.c — P-256 and P-384 keys and ECDH, the public API of glasstls/ec.h
 * (ECDSA is ecdsa.c, its DER form ecdsa_der.c).
 *
 * Public points: SEC 1 version 2, 2.3.3/2.3.4 (the uncompressed encoding
 * 04 || X || Y) and the full public-key validation of NIST SP 800-56A
 * Rev.3, 5.6.2.3.3: both coordinates in [0, p-1], the equation
 * y^2 = x^3 - 3x + b holds, and the point is not the point at infinity
 * (the cofactor is 1, so a point on the curve is in the group of order n).
 * A point that fails is refused before it is ever multiplied: that is what
 * stops invalid-curve attacks (docs/crypto.md).
 *
 * ECDH: SP 800-56A Rev.3, 5.7.1.2, the ECC CDH primitive: Z = x(d * Q).
 */
#include "glasstls/ec.h"

#include <string.h>

#include "ec_internal.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

size_t glass_ec_size(glass_ec_curve curve)
{
    switch (curve) {
    case GLASS_EC_P256: return 32;
    case GLASS_EC_P384: return 48;
    default:            return 0;
    }
}

const char *glass_ec_curve_name(glass_ec_curve curve)
{
    switch (curve) {
    case GLASS_EC_P256: return "P-256";
    case GLASS_EC_P384: return "P-384";
    default:            return "unknown";
    }
}

glass_hash_id glass_ec_hash(glass_ec_curve curve)
{
    switch (curve) {
    case GLASS_EC_P256: return GLASS_HASH_SHA256;
    case GLASS_EC_P384: return GLASS_HASH_SHA384;
    default:            return GLASS_HASH_NONE;
    }
}

int glass_ec_public_check(const glass_ec_public *pub)
{
    ec_curve c;
    ec_point q;
    int ret;

    if (pub == NULL)
        return GLASS_E_INVALID_ARG;
    ret = ec_curve_init(&c, pub->curve);
    if (ret != 0)
        return ret;
    /* Coordinates < p and the curve equation; the point at infinity has
     * no affine coordinates, and (x, y) = (0, 0) fails the equation
     * because b != 0, so it cannot slip through as "all zeros". */
    return ec_point_from_affine(&c, &q, pub->x, pub->y);
}

int glass_ec_public_decode(glass_ec_public *pub, glass_ec_curve curve,
                           const uint8_t *in, size_t len)
{
    size_t size = glass_ec_size(curve);
    int ret;

    if (pub == NULL || (in == NULL && len != 0))
        return GLASS_E_INVALID_ARG;
    memset(pub, 0, sizeof *pub);
    if (size == 0)
        return GLASS_E_EC_CURVE;
    /* SEC 1 2.3.4: 00 alone is the point at infinity, 02/03 || X the
     * compressed forms, 06/07 the hybrid ones; only 04 || X || Y is taken. */
    if (len != 1 + 2 * size || in[0] != 0x04)
        return GLASS_E_EC_POINT;
    pub->curve = curve;
    memcpy(pub->x, in + 1, size);
    memcpy(pub->y, in + 1 + size, size);
    ret = glass_ec_public_check(pub);
    if (ret != 0)
        memset(pub, 0, sizeof *pub);
    return ret;
}

int glass_ec_public_encode(const glass_ec_public *pub, uint8_t *out, size_t cap,
                           size_t *len)
{
    size_t size;

    if (pub == NULL || out == NULL || len == NULL)
        return GLASS_E_INVALID_ARG;
    size = glass_ec_size(pub->curve);
    if (size == 0)
        return GLASS_E_EC_CURVE;
    if (cap < 1 + 2 * size)
        return GLASS_E_BUFFER_TOO_SMALL;
    out[0] = 0x04;
    memcpy(out + 1, pub->x, size);
    memcpy(out + 1 + size, pub->y, size);
    *len = 1 + 2 * size;
    return GLASS_OK;
}

/* Q = dG for a d already known to be in [1, n-1]. */
static int derive_public(glass_ec_private *key, const ec_curve *c)
{
    ec_point q;
    glass_limb inf;

    ec_point_mul_base(c, &q, key->d);
    key->pub.curve = key->curve;
    inf = ec_point_to_affine(c, key->pub.x, key->pub.y, &q);
    GLASS_CT_PUBLIC(&inf, sizeof inf);          /* an error is returned either way */
    glass_wipe(&q, sizeof q);
    return inf ? GLASS_E_INTERNAL : GLASS_OK;    /* impossible for 1 <= d < n */
}

/* All-ones when 1 <= d (size bytes) <= n-1 and extra is 0, computed
 * without a branch; the verdict itself is public (it is the return code
 * of the caller, GLASS_E_EC_KEY or not), so it is declassified. */
static glass_limb scalar_in_range(const ec_curve *c, const uint8_t *d, uint8_t extra)
{
    glass_limb t[EC_LIMBS], ok;
    (void)glass_bn_from_bytes(t, c->nl, d, c->size);
    ok = glass_bn_lt(t, c->n, c->nl) & ~glass_bn_is_zero(t, c->nl) &
         glass_limb_is_zero((glass_limb)extra);
    glass_wipe(t, sizeof t);
    GLASS_CT_PUBLIC(&ok, sizeof ok);
    return ok;
}

int glass_ec_private_load(glass_ec_private *key, glass_ec_curve curve,
                          const uint8_t *d, size_t d_len)
{
    ec_curve c;
    uint8_t extra = 0;
    int ret;

    if (key == NULL || (d == NULL && d_len != 0))
        return GLASS_E_INVALID_ARG;
    memset(key, 0, sizeof *key);
    ret = ec_curve_init(&c, curve);
    if (ret != 0)
        return ret;
    /* Leading bytes beyond size must be zero (checked without looking at
     * which ones are); the rest is right-aligned into size bytes. */
    if (d_len > c.size) {
        for (size_t i = 0; i < d_len - c.size; i++)
            extra |= d[i];
        d += d_len - c.size;
        d_len = c.size;
    }
    key->curve = curve;
    memcpy(key->d + c.size - d_len, d, d_len);
    if (!scalar_in_range(&c, key->d, extra)) {
        glass_ec_private_wipe(key);
        return GLASS_E_EC_KEY;
    }
    ret = derive_public(key, &c);
    if (ret != 0)
        glass_ec_private_wipe(key);
    return ret;
}

/* FIPS 186-4 B.4.2 (testing candidates): draw size bytes until the value
 * is in [1, n-1].  For P-256 and P-384 n is within 2^-32 of 2^bits, so a
 * redraw is very rare; 64 failed draws mean a broken generator. */
#define EC_KEYGEN_TRIES 64

int glass_ec_keypair(glass_ec_private *key, glass_ec_curve curve,
                     glass_rng_fn rng, void *rng_ctx)
{
    ec_curve c;
    int ret;

    if (key == NULL || rng == NULL)
        return GLASS_E_INVALID_ARG;
    memset(key, 0, sizeof *key);
    ret = ec_curve_init(&c, curve);
    if (ret != 0)
        return ret;
    key->curve = curve;
    for (int tries = 0; tries < EC_KEYGEN_TRIES; tries++) {
        ret = rng(rng_ctx, key->d, c.size);
        if (ret != 0) {
            glass_ec_private_wipe(key);
            return ret < 0 ? ret : GLASS_E_RNG;
        }
        if (scalar_in_range(&c, key->d, 0)) {
            ret = derive_public(key, &c);
            if (ret != 0)
                glass_ec_private_wipe(key);
            return ret;
        }
    }
    glass_ec_private_wipe(key);
    return GLASS_E_RNG;
}

int glass_ecdh_shared(uint8_t *shared, size_t shared_len,
                      const glass_ec_private *key, const glass_ec_public *peer)
{
    ec_curve c;
    ec_point q, z;
    glass_limb inf;
    int ret;

    if (shared == NULL || key == NULL || peer == NULL)
        return GLASS_E_INVALID_ARG;
    ret = ec_curve_init(&c, key->curve);
    if (ret != 0)
        return ret;
    if (peer->curve != key->curve)
        return GLASS_E_EC_CURVE;
    if (shared_len != c.size)
        return GLASS_E_BAD_LENGTH;
    if (!scalar_in_range(&c, key->d, 0))
        return GLASS_E_EC_KEY;
    /* 5.7.1.2 step 1 presupposes a validated Q: validate it here. */
    ret = ec_point_from_affine(&c, &q, peer->x, peer->y);
    if (ret != 0)
        return ret;
    ec_point_mul(&c, &z, key->d, &q);
    inf = ec_point_to_affine(&c, shared, NULL, &z);   /* step 2: Z = x_P */
    GLASS_CT_PUBLIC(&inf, sizeof inf);
    glass_wipe(&z, sizeof z);
    if (inf) {                          /* step 2: P = O is an error */
        glass_wipe(shared, shared_len);
        return GLASS_E_EC_POINT;
    }
    return GLASS_OK;
}

void glass_ec_private_wipe(glass_ec_private *key)
{
    if (key != NULL)
        glass_wipe(key, sizeof *key);
}
