/*
 * rsa_pkcs1.c — the PKCS#1 v1.5 encodings over the raw RSA operations of
 * rsa.c: RSAES-PKCS1-v1_5 (RFC 8017 section 7.2), RSASSA-PKCS1-v1_5
 * (section 8.2, EMSA-PKCS1-v1_5 in 9.2), and the TLS server's premaster
 * secret decryption (RFC 5246 section 7.4.7.1, the Bleichenbacher / ROBOT
 * countermeasure).
 */
#include "glasstls/rsa.h"

#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "rsa_internal.h"

/* ------------------------------------------------------------ encryption */

/* RFC 8017 7.2.1 step 2: EM = 0x00 || 0x02 || PS || 0x00 || M, then RSAEP. */
static int encrypt_em(const glass_rsa_public *pub, const uint8_t *ps, size_t ps_len,
                      const uint8_t *msg, size_t msg_len, uint8_t *out)
{
    uint8_t em[GLASS_RSA_MAX_BYTES];
    const size_t k = pub->len;
    em[0] = 0x00;
    em[1] = 0x02;
    memcpy(em + 2, ps, ps_len);
    em[2 + ps_len] = 0x00;
    if (msg_len > 0)
        memcpy(em + 3 + ps_len, msg, msg_len);
    int rc = glass_rsa_public_raw(pub, em, k, out, k);
    glass_wipe(em, sizeof em);
    return rc;
}

static int encrypt_args(const glass_rsa_public *pub, const uint8_t *msg, size_t msg_len,
                        const uint8_t *out, size_t out_len)
{
    if (pub == NULL || out == NULL || (msg == NULL && msg_len > 0) || pub->len == 0)
        return GLASS_E_INVALID_ARG;
    if (msg_len + 11 > pub->len)          /* 7.2.1 step 1: mLen <= k - 11 */
        return GLASS_E_BAD_LENGTH;
    if (out_len < pub->len)
        return GLASS_E_BUFFER_TOO_SMALL;
    return 0;
}

int glass_rsa_pkcs1_encrypt(const glass_rsa_public *pub, glass_rng_fn rng, void *rng_ctx,
                            const uint8_t *msg, size_t msg_len,
                            uint8_t *out, size_t out_len)
{
    uint8_t ps[GLASS_RSA_MAX_BYTES];
    int rc = encrypt_args(pub, msg, msg_len, out, out_len);
    if (rc != 0)
        return rc;
    if (rng == NULL)
        return GLASS_E_INVALID_ARG;
    /* 7.2.1 step 2.a: k - mLen - 3 pseudo-randomly generated nonzero octets */
    size_t ps_len = pub->len - msg_len - 3;
    if (rng(rng_ctx, ps, ps_len) != 0)
        return GLASS_E_RNG;
    for (size_t i = 0; i < ps_len; i++) {
        int tries = 0;
        while (ps[i] == 0) {              /* redraw zero bytes only */
            if (++tries > 1000 || rng(rng_ctx, &ps[i], 1) != 0) {
                glass_wipe(ps, sizeof ps);
                return GLASS_E_RNG;
            }
        }
    }
    rc = encrypt_em(pub, ps, ps_len, msg, msg_len, out);
    glass_wipe(ps, sizeof ps);
    return rc;
}

int glass_rsa_pkcs1_encrypt_with_padding(const glass_rsa_public *pub,
                                         const uint8_t *ps, size_t ps_len,
                                         const uint8_t *msg, size_t msg_len,
                                         uint8_t *out, size_t out_len)
{
    int rc = encrypt_args(pub, msg, msg_len, out, out_len);
    if (rc != 0)
        return rc;
    if (ps == NULL || ps_len != pub->len - msg_len - 3)
        return GLASS_E_BAD_LENGTH;
    for (size_t i = 0; i < ps_len; i++)
        if (ps[i] == 0)
            return GLASS_E_INVALID_ARG;   /* PS must be nonzero */
    return encrypt_em(pub, ps, ps_len, msg, msg_len, out);
}

/* ------------------------------------------------------------ decryption */

/* RFC 8017 7.2.2 step 3, without branches: EM = 00 02 PS 00 M with
 * |PS| >= 8.  Returns an all-ones mask when the form is right and sets
 * *mstart to the offset of M (meaningful only then). */
static uint32_t check_em(const uint8_t *em, size_t k, size_t *mstart)
{
    uint32_t good = glass_ct_eq32(em[0], 0x00) & glass_ct_eq32(em[1], 0x02);
    uint32_t found = 0;          /* all-ones once the separator was seen */
    uint32_t idx = 0;
    for (size_t i = 2; i < k; i++) {
        uint32_t z = glass_ct_is_zero32(em[i]);
        uint32_t first = z & ~found;
        idx = glass_ct_select32(first, (uint32_t)i, idx);
        found |= z;
    }
    good &= found;
    /* PS = em[2 .. idx) must be at least 8 octets: idx >= 10 */
    good &= ~glass_ct_lt32(idx, 10);
    *mstart = (size_t)idx + 1;
    return good;
}

int glass_rsa_pkcs1_decrypt(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                            const uint8_t *ct, size_t ct_len,
                            uint8_t *out, size_t out_cap, size_t *out_len)
{
    uint8_t em[GLASS_RSA_MAX_BYTES];
    if (priv == NULL || ct == NULL || out_len == NULL || (out == NULL && out_cap > 0))
        return GLASS_E_INVALID_ARG;
    const size_t k = priv->pub.len;
    if (ct_len != k)                      /* 7.2.2 step 1 */
        return GLASS_E_BAD_LENGTH;
    int rc = glass_rsa_private_raw(priv, rng, rng_ctx, ct, ct_len, em, k);
    if (rc != 0)
        return rc;
    size_t mstart;
    uint32_t good = check_em(em, k, &mstart);
    /* This function reports bad padding (RFC 8017 7.2.2: "decryption
     * error"), so it is a padding oracle by design: TLS uses
     * glass_rsa_tls_premaster() instead. */
    if (!good) {
        glass_wipe(em, sizeof em);
        return GLASS_E_RSA_PADDING;
    }
    size_t mlen = k - mstart;
    if (mlen > out_cap) {
        glass_wipe(em, sizeof em);
        return GLASS_E_BUFFER_TOO_SMALL;
    }
    if (mlen > 0)
        memcpy(out, em + mstart, mlen);
    *out_len = mlen;
    glass_wipe(em, sizeof em);
    return 0;
}

int glass_rsa_tls_premaster(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                            const uint8_t *ct, size_t ct_len,
                            uint16_t client_version, const uint8_t random48[48],
                            uint8_t out[48])
{
    uint8_t em[GLASS_RSA_MAX_BYTES];
    if (priv == NULL || ct == NULL || random48 == NULL || out == NULL || priv->pub.len == 0)
        return GLASS_E_INVALID_ARG;
    const size_t k = priv->pub.len;
    if (ct_len != k)                      /* the record layer's length: public */
        return GLASS_E_BAD_LENGTH;
    /* RFC 5246 7.4.7.1: start from the random premaster R ... */
    memmove(out, random48, 48);
    int fault;
    int rc = glass_rsa_private_raw_fault(priv, rng, rng_ctx, ct, ct_len, em, k, &fault);
    if (rc == GLASS_E_RSA_RANGE)
        return 0;       /* c >= n: visible in the ciphertext itself; keep R */
    if (rc != 0)
        return rc;      /* content-independent failures (RNG) */
    /* ... and replace it by the decrypted one only when EM is exactly
     * 00 02 PS(k-51 nonzero octets) 00 || 48 octets whose first two are
     * client_version.  Every octet is examined whatever their values; the
     * fault check's outcome (rc, computed without a branch) joins the
     * mask, and is also returned. */
    uint32_t good = glass_ct_eq32(em[0], 0x00) & glass_ct_eq32(em[1], 0x02);
    for (size_t i = 2; i < k - 49; i++)
        good &= ~glass_ct_is_zero32(em[i]);
    good &= glass_ct_is_zero32(em[k - 49]);
    good &= glass_ct_eq32(em[k - 48], (uint32_t)(client_version >> 8));
    good &= glass_ct_eq32(em[k - 47], (uint32_t)(client_version & 0xff));
    good &= glass_ct_is_zero32((uint32_t)-fault);
    glass_ct_copy(good, out, em + k - 48, 48);
    glass_wipe(em, sizeof em);
    return fault;
}

/* ------------------------------------------------------------ signatures */

/* RFC 8017 9.2 note 1: the DER of DigestInfo before the hash value. */
static const uint8_t prefix_sha1[] = {
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14 };
static const uint8_t prefix_sha256[] = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    0x05, 0x00, 0x04, 0x20 };
static const uint8_t prefix_sha224[] = {
    0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04,
    0x05, 0x00, 0x04, 0x1c };
static const uint8_t prefix_sha384[] = {
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
    0x05, 0x00, 0x04, 0x30 };
static const uint8_t prefix_sha512[] = {
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
    0x05, 0x00, 0x04, 0x40 };

static int digest_info(glass_hash_id hash, const uint8_t **prefix, size_t *plen, size_t *hlen)
{
    switch (hash) {
    case GLASS_HASH_SHA1:   *prefix = prefix_sha1;   *plen = sizeof prefix_sha1;   *hlen = 20; return 0;
    case GLASS_HASH_SHA224: *prefix = prefix_sha224; *plen = sizeof prefix_sha224; *hlen = 28; return 0;
    case GLASS_HASH_SHA256: *prefix = prefix_sha256; *plen = sizeof prefix_sha256; *hlen = 32; return 0;
    case GLASS_HASH_SHA384: *prefix = prefix_sha384; *plen = sizeof prefix_sha384; *hlen = 48; return 0;
    case GLASS_HASH_SHA512: *prefix = prefix_sha512; *plen = sizeof prefix_sha512; *hlen = 64; return 0;
    default: return GLASS_E_HASH_UNSUPPORTED;
    }
}

/* EMSA-PKCS1-v1_5-ENCODE (RFC 8017 9.2) from a digest:
 * EM = 0x00 || 0x01 || PS (0xff, at least 8) || 0x00 || DigestInfo || H. */
static int emsa_encode(glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                       uint8_t *em, size_t k)
{
    const uint8_t *prefix;
    size_t plen, hlen;
    int rc = digest_info(hash, &prefix, &plen, &hlen);
    if (rc != 0)
        return rc;
    if (digest == NULL || digest_len != hlen)
        return GLASS_E_BAD_LENGTH;
    size_t tlen = plen + hlen;
    if (k < tlen + 11)                    /* step 3: "intended encoded message length too short" */
        return GLASS_E_RSA_KEY;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, k - tlen - 3);
    em[k - tlen - 1] = 0x00;
    memcpy(em + k - tlen, prefix, plen);
    memcpy(em + k - hlen, digest, hlen);
    return 0;
}

int glass_rsa_sign_check(const glass_rsa_private *priv, glass_hash_id hash,
                         const uint8_t *sig, size_t sig_len)
{
    if (priv == NULL || sig == NULL || priv->pub.len == 0)
        return GLASS_E_INVALID_ARG;
    if (hash == GLASS_HASH_SHA1)          /* SHA-1: legacy verification only */
        return GLASS_E_HASH_UNSUPPORTED;
    return sig_len < priv->pub.len ? GLASS_E_BUFFER_TOO_SMALL : 0;
}

int glass_rsa_pkcs1_sign(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                         glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                         uint8_t *sig, size_t sig_len)
{
    uint8_t em[GLASS_RSA_MAX_BYTES];
    int rc = glass_rsa_sign_check(priv, hash, sig, sig_len);
    if (rc != 0)
        return rc;
    const size_t k = priv->pub.len;
    rc = emsa_encode(hash, digest, digest_len, em, k);
    if (rc != 0)
        return rc;
    /* 8.2.1 steps 2-3: RSASP1 (blinded CRT, fault-checked) and I2OSP */
    return glass_rsa_private_raw(priv, rng, rng_ctx, em, k, sig, k);
}

int glass_rsa_pkcs1_verify(const glass_rsa_public *pub,
                           glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                           const uint8_t *sig, size_t sig_len)
{
    uint8_t em[GLASS_RSA_MAX_BYTES], expect[GLASS_RSA_MAX_BYTES];
    if (pub == NULL || pub->len == 0 || (sig == NULL && sig_len > 0))
        return GLASS_E_INVALID_ARG;
    const size_t k = pub->len;
    /* 8.2.2 step 1: the signature is exactly k octets (no trailing bytes) */
    if (sig_len != k)
        return GLASS_E_RSA_VERIFY;
    int rc = emsa_encode(hash, digest, digest_len, expect, k);
    if (rc != 0)
        return rc;
    /* step 2: RSAVP1 (s < n, else "invalid signature") */
    if (glass_rsa_public_raw(pub, sig, sig_len, em, k) != 0)
        return GLASS_E_RSA_VERIFY;
    /* steps 3-4: compare the whole encoded block, no DigestInfo parsing */
    return glass_ct_equal(em, expect, k) ? 0 : GLASS_E_RSA_VERIFY;
}
