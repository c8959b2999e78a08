/*
 * x509.c — X.509 v3 certificate parsing (RFC 5280 section 4) and the
 * signature check of one certificate by its issuer (4.1.1.3).
 *
 * The parser never allocates: every field of glass_x509_cert points into
 * the DER it was given.  Structure (RFC 5280 4.1):
 *
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
 *                              signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature,
 *       issuer, validity, subject, subjectPublicKeyInfo,
 *       [1] issuerUniqueID, [2] subjectUniqueID, [3] extensions }
 */
#include "glasstls/x509.h"

#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"
#include "glasstls/sha2.h"
#include "x509/asn1.h"
#include "x509/nc.h"
#include "x509/oid.h"

#define OIDEQ(t, o) glass_der_oid_eq((t), (o), sizeof(o))

static glass_bytes bytes_of(const uint8_t *p, size_t n)
{
    glass_bytes b = { p, n };
    return b;
}

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
 * (RFC 5280 4.1.1.2).  *whole is the full encoding (for comparing the two
 * signature fields), *params the parameters element if any. */
static void algorithm_id(glass_der *d, glass_der_tlv *oid, glass_der_tlv *whole,
                         glass_der_tlv *params)
{
    glass_der sub;
    glass_der_expect(d, GLASS_DER_SEQUENCE, whole);
    glass_der_open(d, whole, &sub);
    glass_der_oid(&sub, oid);
    memset(params, 0, sizeof(*params));
    if (glass_der_more(&sub))
        glass_der_next(&sub, params);
    glass_der_close(d, &sub);
}

static glass_x509_sig_alg sig_alg_of(const glass_der_tlv *oid)
{
    if (OIDEQ(oid, OID_SHA256_RSA)) return GLASS_X509_SIG_RSA_SHA256;
    if (OIDEQ(oid, OID_SHA384_RSA)) return GLASS_X509_SIG_RSA_SHA384;
    if (OIDEQ(oid, OID_SHA512_RSA)) return GLASS_X509_SIG_RSA_SHA512;
    if (OIDEQ(oid, OID_SHA1_RSA))   return GLASS_X509_SIG_RSA_SHA1;
    if (OIDEQ(oid, OID_ECDSA_SHA256)) return GLASS_X509_SIG_ECDSA_SHA256;
    if (OIDEQ(oid, OID_ECDSA_SHA384)) return GLASS_X509_SIG_ECDSA_SHA384;
    if (OIDEQ(oid, OID_ECDSA_SHA512)) return GLASS_X509_SIG_ECDSA_SHA512;
    if (OIDEQ(oid, OID_ECDSA_SHA1))   return GLASS_X509_SIG_ECDSA_SHA1;
    return GLASS_X509_SIG_UNKNOWN;
}

/* Name ::= SEQUENCE OF RelativeDistinguishedName (SET SIZE (1..MAX) OF
 * AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }).  Checked
 * here once so printing and comparing can rely on the structure. */
static void name(glass_der *d, glass_bytes *out)
{
    glass_der_tlv t;
    glass_der names, rdn, atv;
    glass_der_expect(d, GLASS_DER_SEQUENCE, &t);
    *out = bytes_of(t.tlv, t.tlv_len);
    glass_der_open(d, &t, &names);
    while (glass_der_more(&names)) {
        glass_der_enter(&names, GLASS_DER_SET, &rdn);
        if (!glass_der_more(&rdn))
            glass_der_fail(&rdn, GLASS_E_DER);
        while (glass_der_more(&rdn)) {
            glass_der_tlv oid, value;
            glass_der_enter(&rdn, GLASS_DER_SEQUENCE, &atv);
            glass_der_oid(&atv, &oid);
            glass_der_next(&atv, &value);
            glass_der_close(&rdn, &atv);
        }
        glass_der_close(&names, &rdn);
    }
    glass_der_close(d, &names);
}

static size_t bit_length(const uint8_t *p, size_t n)
{
    while (n > 0 && *p == 0) {
        p++;
        n--;
    }
    if (n == 0)
        return 0;
    size_t bits = n * 8;
    for (uint8_t top = p[0]; !(top & 0x80); top <<= 1)
        bits--;
    return bits;
}

static int is_ecdsa(glass_x509_sig_alg a)
{
    return a == GLASS_X509_SIG_ECDSA_SHA1 || a == GLASS_X509_SIG_ECDSA_SHA256 ||
           a == GLASS_X509_SIG_ECDSA_SHA384 || a == GLASS_X509_SIG_ECDSA_SHA512;
}

/* An EC key (RFC 5480 2.1.1 and 2.2): the parameters are ECParameters,
 * of which only namedCurve is allowed ("implicitCurve and specifiedCurve
 * MUST NOT be used"); the subjectPublicKey BIT STRING holds the
 * ECPoint octets as they are, here the uncompressed form 04 || X || Y,
 * validated (on the curve, coordinates < p, not infinity: SP 800-56A
 * 5.6.2.3.3).  A curve glasstls lacks is kept as ec_curve NONE so the
 * certificate can still be shown; glass_x509_verify refuses it. */
static void ec_key(glass_der *d, glass_x509_cert *c, const glass_der_tlv *params,
                   const uint8_t *key, size_t key_len, unsigned unused)
{
    if (params->tag != GLASS_DER_OID || unused != 0) {
        glass_der_fail(d, GLASS_E_CERT_MALFORMED);
        return;
    }
    c->ec_curve_oid = bytes_of(params->val, params->len);
    c->key_type = GLASS_X509_KEY_EC;
    if (OIDEQ(params, OID_CURVE_P256))
        c->ec_curve = GLASS_EC_P256;
    else if (OIDEQ(params, OID_CURVE_P384))
        c->ec_curve = GLASS_EC_P384;
    else
        return;
    if (glass_ec_public_decode(&c->ec_pub, c->ec_curve, key, key_len) != 0) {
        glass_der_fail(d, GLASS_E_CERT_MALFORMED);
        return;
    }
    c->key_bits = 8 * glass_ec_size(c->ec_curve);
}

/* SubjectPublicKeyInfo (RFC 5280 4.1.2.7); RSAPublicKey (RFC 8017 A.1.1,
 * parameters NULL per RFC 3279 2.3.1); EC keys as ec_key() says. */
static void spki(glass_der *d, glass_x509_cert *c)
{
    glass_der_tlv t, oid, whole, params;
    glass_der sub;
    glass_der_expect(d, GLASS_DER_SEQUENCE, &t);
    c->spki = bytes_of(t.tlv, t.tlv_len);
    glass_der_open(d, &t, &sub);
    algorithm_id(&sub, &oid, &whole, &params);
    c->key_oid = bytes_of(oid.val, oid.len);
    const uint8_t *key;
    size_t key_len;
    unsigned unused;
    glass_der_bit_string(&sub, &key, &key_len, &unused);
    glass_der_close(d, &sub);
    if (!glass_der_ok(d))
        return;
    if (OIDEQ(&oid, OID_RSA_ENCRYPTION)) {
        glass_der k, rsa;
        if (params.tag != GLASS_DER_NULL || params.len != 0 || unused != 0) {
            glass_der_fail(d, GLASS_E_CERT_MALFORMED);
            return;
        }
        glass_der_init(&k, key, key_len);
        k.origin = d->origin;
        glass_der_enter(&k, GLASS_DER_SEQUENCE, &rsa);
        glass_der_uint(&rsa, &c->rsa_n.p, &c->rsa_n.len);
        glass_der_uint(&rsa, &c->rsa_e.p, &c->rsa_e.len);
        glass_der_close(&k, &rsa);
        glass_der_end(&k);
        if (!glass_der_ok(&k)) {
            glass_der_fail(d, GLASS_E_CERT_MALFORMED);
            return;
        }
        c->key_type = GLASS_X509_KEY_RSA;
        c->key_bits = bit_length(c->rsa_n.p, c->rsa_n.len);
    } else if (OIDEQ(&oid, OID_EC_PUBLIC_KEY)) {
        ec_key(d, c, &params, key, key_len, unused);
    } else if (OIDEQ(&oid, OID_ED25519)) {
        c->key_type = GLASS_X509_KEY_ED25519;
    } else {
        c->key_type = GLASS_X509_KEY_UNKNOWN;
    }
}

/* ---- extensions (RFC 5280 4.2) ---- */

/* basicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
 *                                 pathLenConstraint INTEGER (0..MAX) OPTIONAL } */
static void ext_basic_constraints(glass_der *v, glass_x509_cert *c)
{
    glass_der s;
    glass_der_enter(v, GLASS_DER_SEQUENCE, &s);
    if (glass_der_peek(&s) == GLASS_DER_BOOLEAN)
        c->is_ca = glass_der_boolean(&s);
    if (glass_der_peek(&s) == GLASS_DER_INTEGER)
        c->path_len = (int)glass_der_small_uint(&s);
    glass_der_close(v, &s);
}

/* KeyUsage ::= BIT STRING, bit 0 (digitalSignature) is the first bit. */
static void ext_key_usage(glass_der *v, glass_x509_cert *c)
{
    const uint8_t *b;
    size_t n;
    unsigned unused;
    glass_der_bit_string(v, &b, &n, &unused);
    c->key_usage = 0;
    for (size_t i = 0; i < n * 8 && i < 16; i++)
        if (b[i / 8] & (0x80 >> (i % 8)))
            c->key_usage |= 1u << i;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
static void ext_ext_key_usage(glass_der *v, glass_x509_cert *c)
{
    glass_der s;
    glass_der_enter(v, GLASS_DER_SEQUENCE, &s);
    if (!glass_der_more(&s))
        glass_der_fail(&s, GLASS_E_DER);
    while (glass_der_more(&s)) {
        glass_der_tlv oid;
        glass_der_oid(&s, &oid);
        if (OIDEQ(&oid, OID_KP_SERVER_AUTH))
            c->ext_key_usage |= GLASS_EKU_SERVER_AUTH;
        else if (OIDEQ(&oid, OID_KP_CLIENT_AUTH))
            c->ext_key_usage |= GLASS_EKU_CLIENT_AUTH;
        else if (OIDEQ(&oid, OID_EKU_ANY))
            c->ext_key_usage |= GLASS_EKU_ANY;
        else
            c->ext_key_usage |= GLASS_EKU_OTHER;
    }
    glass_der_close(v, &s);
}

/* GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName (4.2.1.6);
 * dNSName [2] IA5String, iPAddress [7] OCTET STRING of 4 or 16 bytes. */
static void ext_san(glass_der *v, glass_x509_cert *c)
{
    glass_der_tlv t;
    glass_der s;
    glass_der_expect(v, GLASS_DER_SEQUENCE, &t);
    c->san = bytes_of(t.val, t.len);
    glass_der_open(v, &t, &s);
    if (!glass_der_more(&s))
        glass_der_fail(&s, GLASS_E_DER);
    while (glass_der_more(&s)) {
        glass_der_tlv g;
        glass_der_next(&s, &g);
        if ((g.tag & 0xc0) != GLASS_DER_CONTEXT || (g.tag & 0x1f) > 8)
            glass_der_fail(&s, GLASS_E_DER);
        if (g.tag == (GLASS_DER_CONTEXT | 2))
            for (size_t i = 0; i < g.len; i++)
                if (g.val[i] < 0x20 || g.val[i] > 0x7e)
                    glass_der_fail(&s, GLASS_E_CERT_MALFORMED);
        if (g.tag == (GLASS_DER_CONTEXT | 7) && g.len != 4 && g.len != 16)
            glass_der_fail(&s, GLASS_E_CERT_MALFORMED);
        if (g.tag & GLASS_DER_CONSTRUCTED) {      /* check its structure too */
            glass_der inner;
            glass_der_open(&s, &g, &inner);
            while (glass_der_more(&inner)) {
                glass_der_tlv x;
                glass_der_next(&inner, &x);
            }
            glass_der_close(&s, &inner);
        }
    }
    glass_der_close(v, &s);
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OPTIONAL,
 *     authorityCertIssuer [1] OPTIONAL, authorityCertSerialNumber [2] OPTIONAL } */
static void ext_aki(glass_der *v, glass_x509_cert *c)
{
    glass_der s;
    glass_der_tlv t;
    glass_der_enter(v, GLASS_DER_SEQUENCE, &s);
    if (glass_der_optional(&s, GLASS_DER_CONTEXT | 0, &t))
        c->aki = bytes_of(t.val, t.len);
    glass_der_optional(&s, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 1, &t);
    glass_der_optional(&s, GLASS_DER_CONTEXT | 2, &t);
    glass_der_close(v, &s);
}

static void extension(glass_der *d, glass_x509_cert *c)
{
    glass_der e, v;
    glass_der_tlv oid, value;
    int critical = 0;
    unsigned bit = 0;
    glass_der_enter(d, GLASS_DER_SEQUENCE, &e);
    glass_der_oid(&e, &oid);
    if (glass_der_peek(&e) == GLASS_DER_BOOLEAN)
        critical = glass_der_boolean(&e);
    glass_der_expect(&e, GLASS_DER_OCTET_STRING, &value);
    glass_der_close(d, &e);
    if (!glass_der_ok(d))
        return;
    if (OIDEQ(&oid, OID_EXT_BC)) bit = GLASS_EXT_BASIC_CONSTRAINTS;
    else if (OIDEQ(&oid, OID_EXT_KU)) bit = GLASS_EXT_KEY_USAGE;
    else if (OIDEQ(&oid, OID_EXT_EKU)) bit = GLASS_EXT_EXT_KEY_USAGE;
    else if (OIDEQ(&oid, OID_EXT_SAN)) bit = GLASS_EXT_SAN;
    else if (OIDEQ(&oid, OID_EXT_SKI)) bit = GLASS_EXT_SKI;
    else if (OIDEQ(&oid, OID_EXT_AKI)) bit = GLASS_EXT_AKI;
    else if (OIDEQ(&oid, OID_EXT_NC)) bit = GLASS_EXT_NAME_CONSTRAINTS;
    if (bit == 0) {
        if (critical && c->unknown_critical.p == NULL)
            c->unknown_critical = bytes_of(oid.val, oid.len);
        return;
    }
    if (c->ext_present & bit) {                     /* RFC 5280 4.2: at most once */
        glass_der_fail(d, GLASS_E_CERT_MALFORMED);
        return;
    }
    c->ext_present |= bit;
    if (critical)
        c->ext_critical |= bit;
    if (bit == GLASS_EXT_NAME_CONSTRAINTS) {
        /* critical or not (the CA/B Forum allows both): parsed strictly
         * here, with its own error, so a malformed one is never ignored */
        if (glass_x509_nc_parse(value.val, value.len, &c->name_constraints) != 0)
            glass_der_fail(d, GLASS_E_CERT_NC_MALFORMED);
        return;
    }
    glass_der_open(d, &value, &v);
    switch (bit) {
    case GLASS_EXT_BASIC_CONSTRAINTS: ext_basic_constraints(&v, c); break;
    case GLASS_EXT_KEY_USAGE:         ext_key_usage(&v, c); break;
    case GLASS_EXT_EXT_KEY_USAGE:     ext_ext_key_usage(&v, c); break;
    case GLASS_EXT_SAN:               ext_san(&v, c); break;
    case GLASS_EXT_AKI:               ext_aki(&v, c); break;
    case GLASS_EXT_SKI: {
        glass_der_tlv t;
        glass_der_expect(&v, GLASS_DER_OCTET_STRING, &t);
        c->ski = bytes_of(t.val, t.len);
        break;
    }
    default: break;
    }
    glass_der_close(d, &v);
}

static void tbs_certificate(glass_der *d, glass_x509_cert *c, glass_der_tlv *tbs_alg)
{
    glass_der_tlv t, oid, params;
    glass_der tbs, s;
    glass_der_expect(d, GLASS_DER_SEQUENCE, &t);
    c->tbs = bytes_of(t.tlv, t.tlv_len);
    glass_der_open(d, &t, &tbs);

    c->version = 1;                                        /* 4.1.2.1 */
    if (glass_der_peek(&tbs) == (GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 0)) {
        glass_der_enter(&tbs, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 0, &s);
        long v = glass_der_small_uint(&s);
        glass_der_close(&tbs, &s);
        if (glass_der_ok(&tbs) && (v < 0 || v > 2))
            glass_der_fail(&tbs, GLASS_E_CERT_MALFORMED);
        c->version = (int)v + 1;
    }
    glass_der_integer(&tbs, &c->serial.p, &c->serial.len);  /* 4.1.2.2 */
    algorithm_id(&tbs, &oid, tbs_alg, &params);             /* 4.1.2.3 */
    name(&tbs, &c->issuer);                                 /* 4.1.2.4 */
    glass_der_enter(&tbs, GLASS_DER_SEQUENCE, &s);          /* 4.1.2.5 */
    c->not_before = glass_der_time(&s);
    c->not_after = glass_der_time(&s);
    glass_der_close(&tbs, &s);
    name(&tbs, &c->subject);                                /* 4.1.2.6 */
    spki(&tbs, c);                                          /* 4.1.2.7 */
    if (glass_der_optional(&tbs, GLASS_DER_CONTEXT | 1, &t) && c->version < 2)
        glass_der_fail(&tbs, GLASS_E_CERT_MALFORMED);       /* 4.1.2.8 */
    if (glass_der_optional(&tbs, GLASS_DER_CONTEXT | 2, &t) && c->version < 2)
        glass_der_fail(&tbs, GLASS_E_CERT_MALFORMED);
    if (glass_der_peek(&tbs) == (GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 3)) {
        glass_der exts, list;                               /* 4.1.2.9 */
        if (c->version != 3)
            glass_der_fail(&tbs, GLASS_E_CERT_MALFORMED);
        glass_der_enter(&tbs, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 3, &exts);
        glass_der_enter(&exts, GLASS_DER_SEQUENCE, &list);
        if (!glass_der_more(&list))
            glass_der_fail(&list, GLASS_E_DER);
        while (glass_der_more(&list))
            extension(&list, c);
        glass_der_close(&exts, &list);
        glass_der_close(&tbs, &exts);
    }
    glass_der_close(d, &tbs);
}

int glass_x509_parse(glass_x509_cert *c, const uint8_t *der, size_t len)
{
    if (c == NULL || (der == NULL && len != 0))
        return GLASS_E_INVALID_ARG;
    memset(c, 0, sizeof(*c));
    c->path_len = -1;
    glass_der d, cert;
    glass_der_tlv t, oid, outer_alg, tbs_alg, params;
    glass_der_init(&d, der, len);
    glass_der_expect(&d, GLASS_DER_SEQUENCE, &t);
    glass_der_end(&d);                          /* exactly one certificate */
    c->der = bytes_of(der, t.tlv_len);
    glass_der_open(&d, &t, &cert);
    tbs_certificate(&cert, c, &tbs_alg);
    algorithm_id(&cert, &oid, &outer_alg, &params);     /* 4.1.1.2 */
    unsigned unused;
    glass_der_bit_string(&cert, &c->signature.p, &c->signature.len, &unused);
    glass_der_close(&d, &cert);
    if (glass_der_ok(&d)) {
        /* 4.1.1.2: must equal the signature field of the TBSCertificate */
        if (tbs_alg.tlv_len != outer_alg.tlv_len ||
            memcmp(tbs_alg.tlv, outer_alg.tlv, tbs_alg.tlv_len) != 0 || unused != 0)
            glass_der_fail(&d, GLASS_E_CERT_MALFORMED);
        c->sig_oid = bytes_of(oid.val, oid.len);
        c->sig_alg = sig_alg_of(&oid);
        /* RFC 4055 section 5 / RFC 8017: RSA algorithms carry NULL (tolerate
         * absent); RFC 5758 3.2: ecdsa-with-* "MUST omit the parameters" */
        if (is_ecdsa(c->sig_alg) && params.tlv != NULL)
            glass_der_fail(&d, GLASS_E_CERT_MALFORMED);
        else if (c->sig_alg != GLASS_X509_SIG_UNKNOWN && params.tlv != NULL &&
                 (params.tag != GLASS_DER_NULL || params.len != 0))
            glass_der_fail(&d, GLASS_E_CERT_MALFORMED);
    }
    if (!glass_der_ok(&d)) {
        memset(c, 0, sizeof(*c));
        c->path_len = -1;
        c->err_off = d.err_off;
        return d.err;
    }
    return 0;
}

/* ---- names of algorithms ---- */

const char *glass_x509_sig_alg_name(const glass_x509_cert *c, char *buf, size_t cap)
{
    glass_der_tlv t = { 0 };
    t.val = c->sig_oid.p;
    t.len = c->sig_oid.len;
    switch (c->sig_alg) {
    case GLASS_X509_SIG_RSA_SHA1:   return "sha1WithRSAEncryption";
    case GLASS_X509_SIG_RSA_SHA256: return "sha256WithRSAEncryption";
    case GLASS_X509_SIG_RSA_SHA384: return "sha384WithRSAEncryption";
    case GLASS_X509_SIG_RSA_SHA512: return "sha512WithRSAEncryption";
    case GLASS_X509_SIG_ECDSA_SHA1:   return "ecdsa-with-SHA1";
    case GLASS_X509_SIG_ECDSA_SHA256: return "ecdsa-with-SHA256";
    case GLASS_X509_SIG_ECDSA_SHA384: return "ecdsa-with-SHA384";
    case GLASS_X509_SIG_ECDSA_SHA512: return "ecdsa-with-SHA512";
    default: break;
    }
    if (OIDEQ(&t, OID_RSASSA_PSS))   return "RSASSA-PSS";
    if (OIDEQ(&t, OID_MD5_RSA))      return "md5WithRSAEncryption";
    if (OIDEQ(&t, OID_ED25519))      return "Ed25519";
    if (OIDEQ(&t, OID_ED448))        return "Ed448";
    return glass_der_oid_text(t.val, t.len, buf, cap);
}

const char *glass_x509_key_type_name(const glass_x509_cert *c, char *buf, size_t cap)
{
    glass_der_tlv t = { 0 };
    t.val = c->key_oid.p;
    t.len = c->key_oid.len;
    switch (c->key_type) {
    case GLASS_X509_KEY_RSA:     return "rsaEncryption";
    case GLASS_X509_KEY_EC:      return "id-ecPublicKey";
    case GLASS_X509_KEY_ED25519: return "id-Ed25519";
    default: break;
    }
    if (OIDEQ(&t, OID_ED448))
        return "id-Ed448";
    return glass_der_oid_text(t.val, t.len, buf, cap);
}

char *glass_x509_oid_string(const glass_bytes *oid, char *buf, size_t cap)
{
    return glass_der_oid_text(oid->p, oid->len, buf, cap);
}

/* ---- keys and signatures ---- */

int glass_x509_rsa_public(const glass_x509_cert *c, glass_rsa_public *pub)
{
    if (c == NULL || pub == NULL)
        return GLASS_E_INVALID_ARG;
    if (c->key_type != GLASS_X509_KEY_RSA)
        return GLASS_E_CERT_UNSUPPORTED_ALG;
    return glass_rsa_public_load(pub, c->rsa_n.p, c->rsa_n.len, c->rsa_e.p, c->rsa_e.len);
}

int glass_x509_public_key(const glass_x509_cert *c, glass_public_key *pub)
{
    if (c == NULL || pub == NULL)
        return GLASS_E_INVALID_ARG;
    memset(pub, 0, sizeof *pub);
    if (c->key_type == GLASS_X509_KEY_RSA) {
        pub->type = GLASS_KEY_RSA;
        return glass_x509_rsa_public(c, &pub->u.rsa);
    }
    if (c->key_type == GLASS_X509_KEY_EC && c->ec_curve != GLASS_EC_NONE) {
        pub->type = GLASS_KEY_EC;
        pub->u.ec = c->ec_pub;          /* validated by glass_x509_parse */
        return 0;
    }
    return GLASS_E_CERT_UNSUPPORTED_ALG;
}

const char *glass_x509_key_summary(const glass_x509_cert *c, char *buf, size_t cap)
{
    char name[64];
    if (c->key_type == GLASS_X509_KEY_RSA)
        snprintf(buf, cap, "RSA %zu bits", c->key_bits);
    else if (c->key_type == GLASS_X509_KEY_EC && c->ec_curve != GLASS_EC_NONE)
        snprintf(buf, cap, "EC %s", glass_ec_curve_name(c->ec_curve));
    else if (c->key_type == GLASS_X509_KEY_EC)
        snprintf(buf, cap, "EC on curve %s",
                 glass_der_oid_text(c->ec_curve_oid.p, c->ec_curve_oid.len, name,
                                    sizeof name));
    else
        snprintf(buf, cap, "%s", glass_x509_key_type_name(c, name, sizeof name));
    return buf;
}

int glass_x509_self_issued(const glass_x509_cert *c)
{
    return c->issuer.len == c->subject.len &&
           memcmp(c->issuer.p, c->subject.p, c->issuer.len) == 0;
}

/* RFC 5280 4.1.1.3: the issuer's key verifies signatureValue over the DER
 * of tbsCertificate.  RSA: PKCS#1 v1.5 (RFC 8017 8.2.2); ECDSA: the BIT
 * STRING holds the DER Ecdsa-Sig-Value (RFC 5480 2.2 / RFC 3279 2.2.3),
 * checked strictly, then FIPS 186-4 6.4.2.  An algorithm that does not fit
 * the issuer's key type is unsupported (no RSA key verifies ECDSA). */
int glass_x509_check_signature(const glass_x509_cert *c, const glass_x509_cert *issuer,
                               int allow_sha1)
{
    glass_hash_id h;
    int ecdsa = is_ecdsa(c->sig_alg);
    switch (c->sig_alg) {
    case GLASS_X509_SIG_RSA_SHA256:
    case GLASS_X509_SIG_ECDSA_SHA256: h = GLASS_HASH_SHA256; break;
    case GLASS_X509_SIG_RSA_SHA384:
    case GLASS_X509_SIG_ECDSA_SHA384: h = GLASS_HASH_SHA384; break;
    case GLASS_X509_SIG_RSA_SHA512:
    case GLASS_X509_SIG_ECDSA_SHA512: h = GLASS_HASH_SHA512; break;
    case GLASS_X509_SIG_RSA_SHA1:
    case GLASS_X509_SIG_ECDSA_SHA1:
        if (!allow_sha1)
            return GLASS_E_CERT_SHA1;
        h = GLASS_HASH_SHA1;
        break;
    default:
        return GLASS_E_CERT_UNSUPPORTED_ALG;
    }
    glass_public_key pub;
    if (glass_x509_public_key(issuer, &pub) != 0 ||
        (pub.type == GLASS_KEY_EC) != ecdsa)
        return GLASS_E_CERT_UNSUPPORTED_ALG;
    uint8_t digest[GLASS_HASH_MAX_SIZE];
    if (glass_hash(h, c->tbs.p, c->tbs.len, digest) != 0)
        return GLASS_E_CERT_UNSUPPORTED_ALG;
    int r;
    if (ecdsa)
        r = glass_ecdsa_verify_der(&pub.u.ec, digest, glass_hash_size(h), c->signature.p,
                                   c->signature.len);
    else
        r = glass_rsa_pkcs1_verify(&pub.u.rsa, h, digest, glass_hash_size(h),
                                   c->signature.p, c->signature.len);
    return r != 0 ? GLASS_E_CERT_BAD_SIGNATURE : 0;
}
