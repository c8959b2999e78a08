/*
 * key.c — private-key files: RSA and EC.
 *
 *   PKCS#1 (RFC 8017 appendix A.1.2), PEM label "RSA PRIVATE KEY":
 *     RSAPrivateKey ::= SEQUENCE { version INTEGER (0 = two-prime),
 *         modulus, publicExponent, privateExponent, prime1, prime2,
 *         exponent1, exponent2, coefficient  (all INTEGER) }
 *   SEC 1 C.4 / RFC 5915 section 3, PEM label "EC PRIVATE KEY":
 *     ECPrivateKey ::= SEQUENCE { version INTEGER (1),
 *         privateKey OCTET STRING (d, exactly the curve's size),
 *         parameters [0] ECParameters OPTIONAL (namedCurve OID),
 *         publicKey  [1] BIT STRING OPTIONAL (04 || X || Y) }
 *   PKCS#8 (RFC 5208 section 5, RFC 5958 section 2), label "PRIVATE KEY":
 *     PrivateKeyInfo ::= SEQUENCE { version INTEGER (0 or 1),
 *         privateKeyAlgorithm AlgorithmIdentifier (rsaEncryption with NULL,
 *             or id-ecPublicKey with the namedCurve, RFC 5480 2.1.1),
 *         privateKey OCTET STRING (an RSAPrivateKey or an ECPrivateKey),
 *         attributes [0] IMPLICIT OPTIONAL, publicKey [1] OPTIONAL }
 *
 * An ECPrivateKey inside PKCS#8 may omit its parameters (RFC 5915 section
 * 3: they are in the AlgorithmIdentifier); when present they must name
 * the same curve.  A publicKey that is present must be dG.
 *
 * Encrypted keys ("ENCRYPTED PRIVATE KEY", RFC 5958 section 3, or the
 * OpenSSL "Proc-Type: 4,ENCRYPTED" header) are refused with
 * GLASS_E_KEY_ENCRYPTED: glasstls has no password-based decryption.
 * Decoded key bytes are wiped before they are freed.
 */
#include "glasstls/x509.h"

#include <stdlib.h>
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "x509/asn1.h"
#include "x509/oid.h"

static int rsa_private_key(glass_private_key *key, glass_der *d)
{
    glass_der s;
    glass_rsa_private_parts parts;
    memset(&parts, 0, sizeof(parts));
    glass_der_enter(d, GLASS_DER_SEQUENCE, &s);
    long version = glass_der_small_uint(&s);
    if (glass_der_ok(&s) && version != 0)        /* 1 = multi-prime: not supported */
        return GLASS_E_UNSUPPORTED;
    glass_der_uint(&s, &parts.n, &parts.n_len);
    glass_der_uint(&s, &parts.e, &parts.e_len);
    glass_der_uint(&s, &parts.d, &parts.d_len);
    glass_der_uint(&s, &parts.p, &parts.p_len);
    glass_der_uint(&s, &parts.q, &parts.q_len);
    glass_der_uint(&s, &parts.dp, &parts.dp_len);
    glass_der_uint(&s, &parts.dq, &parts.dq_len);
    glass_der_uint(&s, &parts.qinv, &parts.qinv_len);
    glass_der_close(d, &s);
    glass_der_end(d);
    if (!glass_der_ok(d))
        return GLASS_E_KEY_MALFORMED;
    key->type = GLASS_KEY_RSA;
    return glass_rsa_private_load(&key->u.rsa, &parts);
}

/* The namedCurve OID (RFC 5480 2.1.1.1): GLASS_EC_NONE for another curve. */
static glass_ec_curve curve_of(const glass_der_tlv *oid)
{
    if (glass_der_oid_eq(oid, OID_CURVE_P256, sizeof(OID_CURVE_P256)))
        return GLASS_EC_P256;
    if (glass_der_oid_eq(oid, OID_CURVE_P384, sizeof(OID_CURVE_P384)))
        return GLASS_EC_P384;
    return GLASS_EC_NONE;
}

/* ECPrivateKey.  `curve` is the one the PKCS#8 AlgorithmIdentifier named,
 * or GLASS_EC_NONE for a bare SEC 1 key (which must then name it). */
static int ec_private_key(glass_private_key *key, glass_der *d, glass_ec_curve curve)
{
    glass_der s, params, pubw;
    glass_der_tlv octets, oid;
    const uint8_t *pub = NULL;
    size_t pub_len = 0;
    unsigned unused = 0;
    int named = 0, has_pub = 0;
    glass_ec_curve inner = GLASS_EC_NONE;
    glass_der_enter(d, GLASS_DER_SEQUENCE, &s);
    long version = glass_der_small_uint(&s);
    if (glass_der_ok(&s) && version != 1)        /* ecPrivkeyVer1 */
        glass_der_fail(&s, GLASS_E_KEY_MALFORMED);
    glass_der_expect(&s, GLASS_DER_OCTET_STRING, &octets);
    if (glass_der_peek(&s) == (GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 0)) {
        glass_der_enter(&s, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 0, &params);
        glass_der_oid(&params, &oid);            /* only namedCurve (RFC 5915 3) */
        glass_der_close(&s, &params);
        named = 1;
        if (glass_der_ok(&s))
            inner = curve_of(&oid);
    }
    if (glass_der_peek(&s) == (GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 1)) {
        glass_der_enter(&s, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 1, &pubw);
        glass_der_bit_string(&pubw, &pub, &pub_len, &unused);
        glass_der_close(&s, &pubw);
        has_pub = 1;
    }
    glass_der_close(d, &s);
    glass_der_end(d);
    if (!glass_der_ok(d) || (has_pub && unused != 0))
        return GLASS_E_KEY_MALFORMED;
    if (named && curve == GLASS_EC_NONE)
        curve = inner;
    else if (named && inner != curve)            /* two different curves named */
        return inner == GLASS_EC_NONE ? GLASS_E_UNSUPPORTED : GLASS_E_KEY_MALFORMED;
    else if (!named && curve == GLASS_EC_NONE)   /* SEC 1 without a curve */
        return GLASS_E_KEY_MALFORMED;
    if (curve == GLASS_EC_NONE)
        return GLASS_E_UNSUPPORTED;
    /* RFC 5915 3: privateKey is ceiling(log2(n)/8) octets long */
    if (octets.len != glass_ec_size(curve))
        return GLASS_E_KEY_MALFORMED;
    key->type = GLASS_KEY_EC;
    int r = glass_ec_private_load(&key->u.ec, curve, octets.val, octets.len);
    if (r != 0)
        return r;
    if (has_pub) {
        glass_ec_public given;
        size_t n = glass_ec_size(curve);
        if (glass_ec_public_decode(&given, curve, pub, pub_len) != 0 ||
            memcmp(given.x, key->u.ec.pub.x, n) != 0 ||
            memcmp(given.y, key->u.ec.pub.y, n) != 0)
            return GLASS_E_EC_KEY;               /* not the key's public point */
    }
    return 0;
}

static int private_key_info(glass_private_key *key, glass_der *d)
{
    glass_der s, alg, inner;
    glass_der_tlv oid, t, octets, params;
    glass_ec_curve curve = GLASS_EC_NONE;
    memset(&params, 0, sizeof params);
    glass_der_enter(d, GLASS_DER_SEQUENCE, &s);
    long version = glass_der_small_uint(&s);
    if (glass_der_ok(&s) && version != 0 && version != 1)
        return GLASS_E_KEY_MALFORMED;
    glass_der_enter(&s, GLASS_DER_SEQUENCE, &alg);
    glass_der_oid(&alg, &oid);
    int is_rsa = glass_der_oid_eq(&oid, OID_RSA_ENCRYPTION, sizeof(OID_RSA_ENCRYPTION));
    int is_ec = glass_der_oid_eq(&oid, OID_EC_PUBLIC_KEY, sizeof(OID_EC_PUBLIC_KEY));
    if (is_rsa)
        glass_der_null(&alg);
    else if (is_ec)
        glass_der_oid(&alg, &params);            /* namedCurve only (RFC 5480 2.1.1) */
    else if (glass_der_more(&alg))
        glass_der_next(&alg, &t);                /* other algorithms' parameters */
    glass_der_close(&s, &alg);
    glass_der_expect(&s, GLASS_DER_OCTET_STRING, &octets);
    glass_der_optional(&s, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 0, &t);
    glass_der_optional(&s, GLASS_DER_CONTEXT | 1, &t);
    glass_der_close(d, &s);
    glass_der_end(d);
    if (!glass_der_ok(d))
        return GLASS_E_KEY_MALFORMED;
    if (is_ec) {
        curve = curve_of(&params);
        if (curve == GLASS_EC_NONE)
            return GLASS_E_UNSUPPORTED;
    } else if (!is_rsa) {
        return GLASS_E_UNSUPPORTED;
    }
    glass_der_open(d, &octets, &inner);
    return is_rsa ? rsa_private_key(key, &inner) : ec_private_key(key, &inner, curve);
}

void glass_private_key_wipe(glass_private_key *key)
{
    if (key != NULL)
        glass_wipe(key, sizeof *key);
}

int glass_private_key_parse_der(glass_private_key *key, const uint8_t *der, size_t len,
                                int form)
{
    if (key == NULL || der == NULL)
        return GLASS_E_INVALID_ARG;
    glass_der d;
    int r;
    memset(key, 0, sizeof *key);
    glass_der_init(&d, der, len);
    switch (form) {
    case GLASS_KEYFORM_PKCS1: r = rsa_private_key(key, &d); break;
    case GLASS_KEYFORM_PKCS8: r = private_key_info(key, &d); break;
    case GLASS_KEYFORM_SEC1:  r = ec_private_key(key, &d, GLASS_EC_NONE); break;
    default: return GLASS_E_INVALID_ARG;
    }
    if (r != 0)
        glass_private_key_wipe(key);             /* type is GLASS_KEY_NONE again */
    return r;
}

int glass_private_key_load(glass_private_key *key, const uint8_t *text, size_t len)
{
    if (key == NULL || text == NULL)
        return GLASS_E_INVALID_ARG;
    memset(key, 0, sizeof *key);
    size_t pos = 0;
    glass_pem_block blk;
    int r, any = 0;
    while ((r = glass_pem_next((const char *)text, len, &pos, &blk)) == 1) {
        int form;
        any = 1;
        if (strcmp(blk.label, "ENCRYPTED PRIVATE KEY") == 0 || blk.encrypted)
            return GLASS_E_KEY_ENCRYPTED;
        if (strcmp(blk.label, "RSA PRIVATE KEY") == 0)
            form = GLASS_KEYFORM_PKCS1;
        else if (strcmp(blk.label, "EC PRIVATE KEY") == 0)
            form = GLASS_KEYFORM_SEC1;
        else if (strcmp(blk.label, "PRIVATE KEY") == 0)
            form = GLASS_KEYFORM_PKCS8;
        else
            continue;                            /* "EC PARAMETERS", a certificate, ... */
        if (blk.has_headers)
            return GLASS_E_KEY_MALFORMED;
        size_t cap = glass_pem_max_decoded(blk.body_len), n = 0;
        uint8_t *der = malloc(cap ? cap : 1);
        if (der == NULL)
            return GLASS_E_NO_MEMORY;
        r = glass_pem_decode(&blk, der, cap, &n);
        if (r == 0)
            r = glass_private_key_parse_der(key, der, n, form);
        else
            r = GLASS_E_KEY_MALFORMED;
        glass_wipe(der, cap);
        free(der);
        return r;
    }
    if (r < 0)
        return GLASS_E_KEY_MALFORMED;
    if (any)                                      /* PEM, but no key block */
        return GLASS_E_KEY_MALFORMED;
    /* raw DER: try PKCS#8, then SEC 1, then PKCS#1 (SEC 1 before PKCS#1:
     * both start with a small INTEGER version, and version 1 would read
     * as an unsupported multi-prime RSA key; an RSAPrivateKey's version 0
     * is malformed as an ECPrivateKey) */
    r = glass_private_key_parse_der(key, text, len, GLASS_KEYFORM_PKCS8);
    if (r == GLASS_E_KEY_MALFORMED)
        r = glass_private_key_parse_der(key, text, len, GLASS_KEYFORM_SEC1);
    if (r == GLASS_E_KEY_MALFORMED)
        r = glass_private_key_parse_der(key, text, len, GLASS_KEYFORM_PKCS1);
    return r;
}

int glass_private_key_load_file(glass_private_key *key, const char *path)
{
    uint8_t *data;
    size_t len;
    if (key == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    memset(key, 0, sizeof *key);
    int r = glass_read_file(path, &data, &len);
    if (r != 0)
        return r;
    r = glass_private_key_load(key, data, len);
    glass_wipe(data, len);
    free(data);
    return r;
}

/* ---- the RSA-only entry points: load into a glass_private_key, keep
 * its RSA part ---- */

static int rsa_only(glass_rsa_private *out, glass_private_key *k, int r)
{
    if (r == 0 && k->type != GLASS_KEY_RSA)
        r = GLASS_E_UNSUPPORTED;
    if (r == 0)
        *out = k->u.rsa;
    glass_private_key_wipe(k);
    free(k);
    return r;
}

int glass_x509_key_parse_der(glass_rsa_private *key, const uint8_t *der, size_t len, int pkcs8)
{
    if (key == NULL || der == NULL)
        return GLASS_E_INVALID_ARG;
    glass_private_key *k = malloc(sizeof *k);
    if (k == NULL)
        return GLASS_E_NO_MEMORY;
    int r = glass_private_key_parse_der(k, der, len,
                                        pkcs8 ? GLASS_KEYFORM_PKCS8 : GLASS_KEYFORM_PKCS1);
    return rsa_only(key, k, r);
}

int glass_x509_key_load(glass_rsa_private *key, const uint8_t *text, size_t len)
{
    if (key == NULL || text == NULL)
        return GLASS_E_INVALID_ARG;
    glass_private_key *k = malloc(sizeof *k);
    if (k == NULL)
        return GLASS_E_NO_MEMORY;
    return rsa_only(key, k, glass_private_key_load(k, text, len));
}

int glass_x509_key_load_file(glass_rsa_private *key, const char *path)
{
    if (key == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    glass_private_key *k = malloc(sizeof *k);
    if (k == NULL)
        return GLASS_E_NO_MEMORY;
    return rsa_only(key, k, glass_private_key_load_file(k, path));
}
