/*
 * key.c — RSA private-key files.
 *
 *   PKCS#1 (RFC 8017 appendix A.1.2), PEM label "RSA PRIVATE KEY":
 *     RSAPrivateKey ::= SEQUENCE { version INTEGER (0 = two-prime),
 *         modulus, publicExponent, privateExponent, prime1, prime2,
 *         exponent1, exponent2, coefficient  (all INTEGER) }
 *   PKCS#8 (RFC 5208 section 5, RFC 5958 section 2), label "PRIVATE KEY":
 *     PrivateKeyInfo ::= SEQUENCE { version INTEGER (0 or 1),
 *         privateKeyAlgorithm AlgorithmIdentifier (rsaEncryption, NULL),
 *         privateKey OCTET STRING (an RSAPrivateKey),
 *         attributes [0] IMPLICIT OPTIONAL, publicKey [1] OPTIONAL }
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

static int rsa_private_key(glass_rsa_private *key, glass_der *d)
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
    return glass_rsa_private_load(key, &parts);
}

static int private_key_info(glass_rsa_private *key, glass_der *d)
{
    glass_der s, alg, inner;
    glass_der_tlv oid, t, octets;
    glass_der_enter(d, GLASS_DER_SEQUENCE, &s);
    long version = glass_der_small_uint(&s);
    if (glass_der_ok(&s) && version != 0 && version != 1)
        return GLASS_E_KEY_MALFORMED;
    glass_der_enter(&s, GLASS_DER_SEQUENCE, &alg);
    glass_der_oid(&alg, &oid);
    int is_rsa = glass_der_oid_eq(&oid, OID_RSA_ENCRYPTION, sizeof(OID_RSA_ENCRYPTION));
    if (is_rsa)
        glass_der_null(&alg);
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
    if (!is_rsa)
        return GLASS_E_UNSUPPORTED;
    glass_der_open(d, &octets, &inner);
    return rsa_private_key(key, &inner);
}

int glass_x509_key_parse_der(glass_rsa_private *key, const uint8_t *der, size_t len, int pkcs8)
{
    if (key == NULL || der == NULL)
        return GLASS_E_INVALID_ARG;
    glass_der d;
    glass_der_init(&d, der, len);
    return pkcs8 ? private_key_info(key, &d) : rsa_private_key(key, &d);
}

int glass_x509_key_load(glass_rsa_private *key, const uint8_t *text, size_t len)
{
    if (key == NULL || text == NULL)
        return GLASS_E_INVALID_ARG;
    size_t pos = 0;
    glass_pem_block blk;
    int r, any = 0;
    while ((r = glass_pem_next((const char *)text, len, &pos, &blk)) == 1) {
        int pkcs8;
        any = 1;
        if (strcmp(blk.label, "ENCRYPTED PRIVATE KEY") == 0 || blk.encrypted)
            return GLASS_E_KEY_ENCRYPTED;
        if (strcmp(blk.label, "RSA PRIVATE KEY") == 0)
            pkcs8 = 0;
        else if (strcmp(blk.label, "PRIVATE KEY") == 0)
            pkcs8 = 1;
        else
            continue;                            /* e.g. a certificate in the same file */
        if (blk.has_headers)
            return GLASS_E_KEY_MALFORMED;
        size_t cap = glass_pem_max_decoded(blk.body_len), n = 0;
        uint8_t *der = malloc(cap ? cap : 1);
        if (der == NULL)
            return GLASS_E_NO_MEMORY;
        r = glass_pem_decode(&blk, der, cap, &n);
        if (r == 0)
            r = glass_x509_key_parse_der(key, der, n, pkcs8);
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
    /* raw DER: try PKCS#8, then PKCS#1 */
    r = glass_x509_key_parse_der(key, text, len, 1);
    if (r == GLASS_E_KEY_MALFORMED)
        r = glass_x509_key_parse_der(key, text, len, 0);
    return r;
}

int glass_x509_key_load_file(glass_rsa_private *key, const char *path)
{
    uint8_t *data;
    size_t len;
    int r = glass_read_file(path, &data, &len);
    if (r != 0)
        return r;
    r = glass_x509_key_load(key, data, len);
    glass_wipe(data, len);
    free(data);
    return r;
}
