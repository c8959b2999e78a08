/*
 * ecdsa_der.c — the DER form of an ECDSA signature, the Ecdsa-Sig-Value
 * of RFC 3279 section 2.2.3 (ANS X9.62):
 *
 *     Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
 *
 * in strict DER (X.690 8.1.3, 8.3, 10.1): definite short-form lengths (the
 * whole thing is at most 104 bytes, so a long form is never minimal),
 * INTEGERs in their fewest bytes (no leading 00 unless the next byte has
 * its top bit set, no leading FF), non-negative, each value below
 * 2^(8*size), and nothing after the SEQUENCE.  Anything else is
 * GLASS_E_ECDSA_DER: a lenient parser here is how signature malleability
 * gets in.  That r and s lie in [1, n-1] is verification's check.
 */
#include "glasstls/ec.h"

#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/err.h"

/* Reads one INTEGER at der[*pos..end) into out (size bytes, big-endian,
 * right-aligned).  0 or GLASS_E_ECDSA_DER. */
static int read_integer(const uint8_t *der, size_t end, size_t *pos, uint8_t *out, size_t size)
{
    size_t p = *pos, len;

    if (end - p < 2 || der[p] != 0x02)
        return GLASS_E_ECDSA_DER;
    len = der[p + 1];
    p += 2;
    if (len == 0 || len >= 0x80 || len > end - p)     /* empty, long form, or past the end */
        return GLASS_E_ECDSA_DER;
    if (der[p] & 0x80)                                 /* negative */
        return GLASS_E_ECDSA_DER;
    if (der[p] == 0x00 && len > 1 && !(der[p + 1] & 0x80))   /* a superfluous leading 00 */
        return GLASS_E_ECDSA_DER;
    if (der[p] == 0x00 && len > 1) {                  /* the sign byte of a value with top bit set */
        p++;
        len--;
    }
    if (len > size)                                    /* not below 2^(8*size) */
        return GLASS_E_ECDSA_DER;
    memset(out, 0, size - len);
    memcpy(out + size - len, der + p, len);
    *pos = p + len;
    return GLASS_OK;
}

int glass_ecdsa_der_decode(glass_ec_curve curve, const uint8_t *der, size_t len,
                           uint8_t *r, uint8_t *s)
{
    size_t size = glass_ec_size(curve), pos = 0, end;

    if ((der == NULL && len != 0) || r == NULL || s == NULL)
        return GLASS_E_INVALID_ARG;
    if (size == 0)
        return GLASS_E_EC_CURVE;
    if (len < 2 || der[0] != 0x30 || der[1] >= 0x80)
        return GLASS_E_ECDSA_DER;
    end = 2 + (size_t)der[1];
    if (end != len)                     /* truncated, or trailing bytes */
        return GLASS_E_ECDSA_DER;
    pos = 2;
    if (read_integer(der, end, &pos, r, size) != 0 ||
        read_integer(der, end, &pos, s, size) != 0 || pos != end) {
        memset(r, 0, size);
        memset(s, 0, size);
        return GLASS_E_ECDSA_DER;
    }
    return GLASS_OK;
}

/* Writes the minimal INTEGER for v (size bytes); returns its length. */
static size_t write_integer(uint8_t *out, const uint8_t *v, size_t size)
{
    size_t skip = 0, n = 0;
    while (skip + 1 < size && v[skip] == 0)     /* public values: r and s */
        skip++;
    out[n++] = 0x02;
    out[n++] = (uint8_t)(size - skip + (v[skip] >> 7));
    if (v[skip] & 0x80)
        out[n++] = 0x00;
    memcpy(out + n, v + skip, size - skip);
    return n + size - skip;
}

int glass_ecdsa_der_encode(glass_ec_curve curve, const uint8_t *r, const uint8_t *s,
                           uint8_t *out, size_t cap, size_t *len)
{
    uint8_t buf[GLASS_ECDSA_MAX_DER];
    size_t size = glass_ec_size(curve), n = 2;

    if (r == NULL || s == NULL || out == NULL || len == NULL)
        return GLASS_E_INVALID_ARG;
    if (size == 0)
        return GLASS_E_EC_CURVE;
    n += write_integer(buf + n, r, size);
    n += write_integer(buf + n, s, size);
    buf[0] = 0x30;
    buf[1] = (uint8_t)(n - 2);
    if (cap < n)
        return GLASS_E_BUFFER_TOO_SMALL;
    memcpy(out, buf, n);
    *len = n;
    return GLASS_OK;
}

int glass_ecdsa_verify_der(const glass_ec_public *pub,
                           const uint8_t *digest, size_t digest_len,
                           const uint8_t *der, size_t der_len)
{
    uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
    int ret;

    if (pub == NULL)
        return GLASS_E_INVALID_ARG;
    ret = glass_ecdsa_der_decode(pub->curve, der, der_len, r, s);
    if (ret == GLASS_E_EC_CURVE)
        return GLASS_E_ECDSA_VERIFY;
    if (ret != 0)
        return ret;
    return glass_ecdsa_verify(pub, digest, digest_len, r, s);
}

int glass_ecdsa_sign_der(const glass_ec_private *key, glass_hash_id hash,
                         const uint8_t *digest, size_t digest_len,
                         uint8_t *out, size_t cap, size_t *len)
{
    uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
    int ret;

    if (key == NULL || out == NULL || len == NULL)
        return GLASS_E_INVALID_ARG;
    ret = glass_ecdsa_sign(key, hash, digest, digest_len, r, s);
    /* r and s are the signature, about to be sent: public from here on */
    GLASS_CT_PUBLIC(r, sizeof r);
    GLASS_CT_PUBLIC(s, sizeof s);
    if (ret == 0)
        ret = glass_ecdsa_der_encode(key->curve, r, s, out, cap, len);
    glass_wipe(r, sizeof r);
    glass_wipe(s, sizeof s);
    return ret;
}
