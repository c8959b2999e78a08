/*
 * glasstls/x509.h — certificates: PEM, X.509 parsing (RFC 5280), path
 * validation (RFC 5280 section 6, simplified as docs/certificates.md says),
 * host-name matching (RFC 6125) and private-key files: RSA (PKCS#1) and EC
 * (SEC 1 / RFC 5915), bare or inside PKCS#8.
 *
 * Memory: glass_x509_parse() never allocates; the parsed certificate points
 * into the DER bytes you gave it, which must outlive it (the handshake
 * parses the peer's Certificate message in place).  Loading files
 * (glass_x509_list_load_*) allocates; glass_x509_list_free() releases it.
 *
 * Time is always an input (seconds since 1970-01-01 UTC, from the
 * configuration's clock hook): validation never reads the system clock.
 */
#ifndef GLASSTLS_X509_H
#define GLASSTLS_X509_H

#include "glasstls/export.h"
#include "glasstls/util.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/ec.h"
#include "glasstls/rsa.h"
#include "glasstls/trace.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* ------------------------------------------------------------------ PEM */

/* One PEM block (RFC 7468): "-----BEGIN label-----" ... "-----END label-----".
 * body/body_len is the base64 text between them (after any RFC 1421
 * "Name: value" header lines, whose presence sets has_headers; a
 * "Proc-Type: 4,ENCRYPTED" header sets encrypted). */
typedef struct glass_pem_block {
    char        label[64];
    const char *body;
    size_t      body_len;
    int         has_headers;
    int         encrypted;
} glass_pem_block;

/* Finds the next PEM block in text[*pos, len).  Text outside blocks is
 * ignored (comments in CA bundles); CRLF and LF line ends are accepted.
 * Returns 1 and advances *pos past the END line when a block was found,
 * 0 when no block is left, GLASS_E_PEM for a BEGIN without a matching END
 * (different label, missing, or nested BEGIN) or a label over 63 bytes. */
int glass_pem_next(const char *text, size_t len, size_t *pos, glass_pem_block *blk);

/* Decodes a block body as strict base64 (RFC 4648 section 4): only the
 * alphabet, line breaks between characters, '=' padding only at the end,
 * zero unused bits.  out needs at most glass_pem_max_decoded(body_len)
 * bytes.  0, GLASS_E_PEM, or GLASS_E_BUFFER_TOO_SMALL. */
int glass_pem_decode(const glass_pem_block *blk, uint8_t *out, size_t cap, size_t *out_len);
static inline size_t glass_pem_max_decoded(size_t body_len) { return body_len / 4 * 3 + 3; }

/* -------------------------------------------------------- certificates */

typedef enum glass_x509_sig_alg {
    GLASS_X509_SIG_UNKNOWN = 0,      /* parsed, but not supported */
    GLASS_X509_SIG_RSA_SHA1,         /* sha1WithRSAEncryption: refused by policy */
    GLASS_X509_SIG_RSA_SHA256,       /* sha256WithRSAEncryption (RFC 4055) */
    GLASS_X509_SIG_RSA_SHA384,
    GLASS_X509_SIG_RSA_SHA512,
    GLASS_X509_SIG_ECDSA_SHA1,       /* ecdsa-with-SHA1: refused by policy */
    GLASS_X509_SIG_ECDSA_SHA256,     /* ecdsa-with-SHA256 (RFC 5758 3.2) */
    GLASS_X509_SIG_ECDSA_SHA384,
    GLASS_X509_SIG_ECDSA_SHA512,
} glass_x509_sig_alg;

typedef enum glass_x509_key_type {
    GLASS_X509_KEY_UNKNOWN = 0,      /* see key_oid for its name */
    GLASS_X509_KEY_RSA,              /* rsaEncryption (RFC 3279 2.3.1) */
    GLASS_X509_KEY_EC,               /* id-ecPublicKey (RFC 5480); see ec_curve */
    GLASS_X509_KEY_ED25519,          /* id-Ed25519: not supported */
} glass_x509_key_type;

/* keyUsage bits (RFC 5280 4.2.1.3), bit n of the BIT STRING is 1 << n. */
enum {
    GLASS_KU_DIGITAL_SIGNATURE = 1 << 0, GLASS_KU_NON_REPUDIATION = 1 << 1,
    GLASS_KU_KEY_ENCIPHERMENT = 1 << 2, GLASS_KU_DATA_ENCIPHERMENT = 1 << 3,
    GLASS_KU_KEY_AGREEMENT = 1 << 4, GLASS_KU_KEY_CERT_SIGN = 1 << 5,
    GLASS_KU_CRL_SIGN = 1 << 6, GLASS_KU_ENCIPHER_ONLY = 1 << 7,
    GLASS_KU_DECIPHER_ONLY = 1 << 8,
};
/* extendedKeyUsage purposes (RFC 5280 4.2.1.12). */
enum {
    GLASS_EKU_SERVER_AUTH = 1 << 0, GLASS_EKU_CLIENT_AUTH = 1 << 1,
    GLASS_EKU_ANY = 1 << 2, GLASS_EKU_OTHER = 1 << 3,
};
/* Which extensions were present. */
enum {
    GLASS_EXT_BASIC_CONSTRAINTS = 1 << 0, GLASS_EXT_KEY_USAGE = 1 << 1,
    GLASS_EXT_EXT_KEY_USAGE = 1 << 2, GLASS_EXT_SAN = 1 << 3,
    GLASS_EXT_SKI = 1 << 4, GLASS_EXT_AKI = 1 << 5,
    GLASS_EXT_NAME_CONSTRAINTS = 1 << 6,
};

typedef struct glass_bytes {
    const uint8_t *p;
    size_t         len;
} glass_bytes;

/* A parsed certificate: every glass_bytes points into der. */
typedef struct glass_x509_cert {
    glass_bytes der;               /* the whole Certificate */
    glass_bytes tbs;               /* TBSCertificate, what the issuer signed */
    int         version;           /* 1, 2 or 3 */
    glass_bytes serial;            /* INTEGER contents (two's complement) */
    glass_x509_sig_alg sig_alg;
    glass_bytes sig_oid;           /* signatureAlgorithm OID contents */
    glass_bytes issuer, subject;   /* whole Name encodings (SEQUENCE TLV) */
    int64_t     not_before, not_after;   /* seconds since the epoch, UTC */
    glass_bytes spki;              /* whole SubjectPublicKeyInfo TLV */
    glass_x509_key_type key_type;
    glass_bytes key_oid;           /* algorithm OID contents */
    glass_bytes rsa_n, rsa_e;      /* RSA modulus/exponent, no sign octet */
    size_t      key_bits;          /* RSA modulus size, or the EC curve's
                                      size in bits (256, 384); 0 otherwise */
    glass_bytes ec_curve_oid;      /* EC: the namedCurve OID contents */
    glass_ec_curve ec_curve;       /* EC: GLASS_EC_P256/P384, or GLASS_EC_NONE
                                      for a curve glasstls does not have */
    glass_ec_public ec_pub;        /* EC on a known curve: the subject's
                                      point, validated when parsed */
    unsigned    ext_present;       /* GLASS_EXT_* */
    unsigned    ext_critical;      /* GLASS_EXT_* marked critical */
    int         is_ca;             /* basicConstraints cA */
    int         path_len;          /* pathLenConstraint, -1 when absent */
    unsigned    key_usage;         /* GLASS_KU_*; meaningful if present */
    unsigned    ext_key_usage;     /* GLASS_EKU_* */
    glass_bytes san;               /* GeneralNames contents */
    glass_bytes ski, aki;          /* key identifiers (AKI keyIdentifier) */
    glass_bytes name_constraints;  /* NameConstraints contents (RFC 5280
                                      4.2.1.10), checked strictly when parsed */
    glass_bytes unknown_critical;  /* OID of the first unknown critical ext */
    glass_bytes signature;         /* signatureValue bits */
    size_t      err_off;           /* after a failed parse: byte offset of
                                      the first malformed element */
} glass_x509_cert;

/* Parses one DER certificate occupying exactly der[0, len).  Unknown
 * critical extensions and unsupported algorithms are recorded, not errors
 * (glass_x509_verify refuses them), so such certificates can be shown.
 * GLASS_E_DER (bad encoding) or GLASS_E_CERT_MALFORMED (a field with a
 * wrong value: version, tbs/outer algorithm mismatch, duplicate extension);
 * then every field is zero except err_off, where the problem starts. */
int glass_x509_parse(glass_x509_cert *cert, const uint8_t *der, size_t len);

/* "C=US, O=Example, CN=www.example.com" (RFC 4514 short names, in the
 * order of the encoding).  Truncated to fit; always NUL-terminated.
 * Returns the length written, or GLASS_E_DER for a malformed name. */
int glass_x509_name_string(const glass_bytes *name, char *out, size_t cap);
int glass_x509_subject_string(const glass_x509_cert *cert, char *out, size_t cap);
int glass_x509_issuer_string(const glass_x509_cert *cert, char *out, size_t cap);

/* The subject CN (the last one) as a string.  GLASS_E_DER when there is
 * none, or it is not a plain string or holds a NUL byte;
 * GLASS_E_BUFFER_TOO_SMALL when it does not fit in cap with its NUL. */
int glass_x509_subject_cn(const glass_x509_cert *cert, char *out, size_t cap);

/* Names of things for display: "sha256WithRSAEncryption", "rsaEncryption",
 * "id-ecPublicKey", or the dotted OID (written to buf). */
const char *glass_x509_sig_alg_name(const glass_x509_cert *cert, char *buf, size_t cap);
const char *glass_x509_key_type_name(const glass_x509_cert *cert, char *buf, size_t cap);

/* Dotted text of an OID (contents bytes), e.g. cert->unknown_critical:
 * "1.3.6.1.4.1.55555.1".  Returns buf. */
char *glass_x509_oid_string(const glass_bytes *oid, char *buf, size_t cap);

/* Loads the certificate's RSA key (glass_rsa_public_load).
 * GLASS_E_CERT_UNSUPPORTED_ALG when it is not an RSA key. */
int glass_x509_rsa_public(const glass_x509_cert *cert, glass_rsa_public *pub);

/* The kinds of key glasstls signs and verifies with. */
typedef enum glass_key_type {
    GLASS_KEY_NONE = 0,
    GLASS_KEY_RSA  = 1,
    GLASS_KEY_EC   = 2               /* P-256 or P-384 (glasstls/ec.h) */
} glass_key_type;

/* A public key of either kind: a certificate's, ready to verify with. */
typedef struct glass_public_key {
    glass_key_type type;
    union {
        glass_rsa_public rsa;
        glass_ec_public  ec;
    } u;
} glass_public_key;

/* Loads the certificate's key, RSA or EC (P-256/P-384).
 * GLASS_E_CERT_UNSUPPORTED_ALG for another key type or curve. */
int glass_x509_public_key(const glass_x509_cert *cert, glass_public_key *pub);

/* "RSA 2048 bits" or "EC P-256" (for messages and the trace). */
const char *glass_x509_key_summary(const glass_x509_cert *cert, char *buf, size_t cap);

/* Verifies cert's signature with issuer's public key (RFC 5280 4.1.1.3).
 * allow_sha1 = 0 refuses SHA-1 with GLASS_E_CERT_SHA1.  Returns 0,
 * GLASS_E_CERT_BAD_SIGNATURE, GLASS_E_CERT_UNSUPPORTED_ALG (signature or
 * issuer key type), GLASS_E_CERT_SHA1. */
int glass_x509_check_signature(const glass_x509_cert *cert, const glass_x509_cert *issuer,
                               int allow_sha1);

/* The nameConstraints subtrees as text, for display: "permitted
 * DNS:good.test; excluded DNS:bad.good.test" ("none" without the
 * extension).  Always NUL-terminated; truncated to fit. */
void glass_x509_name_constraints_string(const glass_x509_cert *cert, char *out, size_t cap);

/* Is cert's issuer name byte-identical to its subject name? */
int glass_x509_self_issued(const glass_x509_cert *cert);

/* ------------------------------------------------------ lists and files */

/* A growable list of certificates that own copies of their DER: a chain
 * read from a file (leaf first) or a trust store. */
typedef struct glass_x509_list {
    glass_x509_cert *certs;
    size_t           count, cap;
    size_t           skipped;      /* malformed blocks skipped by _load_dir */
} glass_x509_list;

/* An empty list (no allocation yet).  A list owns copies of its
 * certificates; glass_x509_list_free() releases them (NULL allowed). */
void glass_x509_list_init(glass_x509_list *list);
/* Copies and parses one DER certificate and appends it. */
int  glass_x509_list_add_der(glass_x509_list *list, const uint8_t *der, size_t len);
/* Appends every "CERTIFICATE" block of a PEM text (other blocks are
 * ignored); a text without any PEM block is taken as one DER certificate.
 * Stops at the first malformed block with its error. */
int  glass_x509_list_add_pem(glass_x509_list *list, const uint8_t *text, size_t len);
/* The same from a file (GLASS_E_FILE if it cannot be read). */
int  glass_x509_list_load_file(glass_x509_list *list, const char *path);
/* Every regular file of a directory, in name order (like a c_rehash'ed
 * /etc/ssl/certs); files without certificates or unparsable are skipped
 * and counted in list->skipped; identical certificates are kept once. */
int  glass_x509_list_load_dir(glass_x509_list *list, const char *path);
void glass_x509_list_free(glass_x509_list *list);

/* ---------------------------------------------------------- validation */

#define GLASS_X509_MAX_CHAIN 10    /* certificates in a built path */

typedef struct glass_x509_verify_detail {
    int    err;                    /* the result code (0 when valid) */
    int    depth;                  /* 0 leaf, 1 its issuer, ...; -1 none */
    char   subject[256];           /* subject of the certificate at fault */
    char   message[1024];           /* one sentence: subject, reason, details */
    size_t path_len;               /* certificates in the built path */
} glass_x509_verify_detail;

/* Validates a server certificate chain (RFC 5280 section 6 as profiled in
 * docs/certificates.md): chain[0] is the leaf, chain[1..] the
 * intermediates the peer sent, in any order; trust holds the anchors.
 * Builds the path (with backtracking: glass_x509_verify_ex says how),
 * checks every signature, name constraints (RFC 5280 4.2.1.10), validity
 * at `now`, basicConstraints cA / pathLenConstraint and keyCertSign on
 * issuers, serverAuth when extendedKeyUsage is present, unknown critical
 * extensions, key types and sizes (RSA 2048..4096 bits, EC P-256 or
 * P-384), no SHA-1 (RSA or ECDSA), and on the leaf a keyUsage, if present,
 * that allows what its key can do (an EC key: digitalSignature; RSA:
 * digitalSignature or keyEncipherment); then the host name
 * (RFC 6125; NULL skips the check).  Returns 0 or one GLASS_E_CERT_* code;
 * detail (may be NULL) says which certificate and why. */
int glass_x509_verify(const glass_x509_cert *chain, size_t n, const glass_x509_list *trust,
                      const char *hostname, int64_t now, glass_x509_verify_detail *detail);

/* The same, reporting each step (path building, every signature, the
 * trust anchor, validity, issuer constraints, host name, the result) to a
 * trace observer (glasstls/trace.h) as GLASS_TRACE_CERT events; fn NULL
 * builds no event. */
int glass_x509_verify_trace(const glass_x509_cert *chain, size_t n,
                            const glass_x509_list *trust, const char *hostname, int64_t now,
                            glass_x509_verify_detail *detail, glass_trace_fn fn, void *ctx);

/* The same for a chain of either role: purpose is GLASS_EKU_SERVER_AUTH
 * (what glass_x509_verify checks) or GLASS_EKU_CLIENT_AUTH (a client's
 * chain, RFC 5246 7.4.6; hostname NULL), required of the leaf's and the
 * issuers' extendedKeyUsage when present.  GLASS_E_INVALID_ARG for another
 * purpose. */
int glass_x509_verify_purpose(const glass_x509_cert *chain, size_t n,
                              const glass_x509_list *trust, const char *hostname,
                              unsigned purpose, int64_t now, glass_x509_verify_detail *det,
                              glass_trace_fn fn, void *ctx);

/* Options of glass_x509_verify_ex.  Zeroed, it is glass_x509_verify: a
 * server chain, Web PKI rules, no trace. */
enum {
    /* Old private PKIs only: when the leaf has no subjectAltName, accept
     * its subject CN as a DNS name (RFC 6125 6.4.4 allowed it; RFC 9525
     * 6.3 and the CA/B Forum forbid it).  Off by default. */
    GLASS_X509_LEGACY_CN_FALLBACK = 1 << 0,
};
/* glass-x509 verify --explain: one line of text per step of the path
 * search (each candidate issuer tried and why it was dropped) and of the
 * name-constraint state at each depth. */
typedef void (*glass_x509_explain_fn)(void *ctx, const char *line);

typedef struct glass_x509_verify_opts {
    unsigned purpose;              /* GLASS_EKU_SERVER_AUTH (0 means it too)
                                      or GLASS_EKU_CLIENT_AUTH */
    unsigned flags;                /* GLASS_X509_LEGACY_* */
    glass_trace_fn trace;          /* GLASS_TRACE_CERT events (may be NULL) */
    void          *trace_ctx;
    glass_x509_explain_fn explain; /* may be NULL */
    void          *explain_ctx;
} glass_x509_verify_opts;

/* Path building bounds (RFC 4158 warns that a bundle of cross-certified
 * CAs can make the search exponential): at most this many candidate
 * issuers are examined in one validation, then GLASS_E_CERT_CHAIN_TOO_COMPLEX. */
#define GLASS_X509_MAX_CANDIDATES 48

/* glass_x509_verify with options (opts NULL: all zero).  Path building
 * tries every certificate that may have issued the current one (subject
 * == issuer name; key identifiers equal when both are present), in this
 * order: the trust anchors in store order, then the certificates the peer
 * sent in the order sent; a candidate whose (subject, key) is already in
 * the path is a loop and skipped.  It backtracks from every dead end
 * (unknown issuer, bad signature, or a complete path that fails a check)
 * until one path validates.  When none does, the failure reported is the
 * most relevant one: a complete path to a trust anchor that failed a check
 * (the first such path in the order above), else a signature that did not
 * verify, else no anchor within GLASS_X509_MAX_CHAIN, else an unknown
 * issuer. */
int glass_x509_verify_ex(const glass_x509_cert *chain, size_t n, const glass_x509_list *trust,
                         const char *hostname, int64_t now, const glass_x509_verify_opts *opts,
                         glass_x509_verify_detail *detail);

/* RFC 6125 section 6.4 / RFC 9525 section 6: does the certificate match
 * this host?  host is a DNS name (compared with subjectAltName dNSName
 * entries only: no fallback to the subject CN) or an IPv4/IPv6 literal
 * (compared with iPAddress entries only).  0, GLASS_E_CERT_HOSTNAME, or
 * GLASS_E_CERT_WILDCARD when only a wildcard over a public suffix
 * ("*.localhost", "*.co.uk") would have matched. */
int glass_x509_check_host(const glass_x509_cert *cert, const char *host);
/* The same with flags: GLASS_X509_LEGACY_CN_FALLBACK allows the CN when
 * there is no subjectAltName; glass_x509_check_host never does (RFC 9525). */
int glass_x509_check_host_flags(const glass_x509_cert *cert, const char *host, unsigned flags);

/* RFC 9525 / CA/B Forum syntax of one subjectAltName dNSName in a server
 * certificate: letters, digits, hyphens, labels of 1..63, at most 253
 * bytes, no leading or trailing dot or hyphen, no underscore; a '*' only
 * as the whole left-most label "*." (GLASS_E_CERT_WILDCARD otherwise).
 * A wildcard over a public suffix ("*.com", "*.co.uk": one label, or
 * glasstls's short list, docs/certificates.md) is syntactically fine but
 * never matches: glass_x509_check_host says GLASS_E_CERT_WILDCARD when it
 * alone would have named the host.  0, GLASS_E_CERT_DNS_SYNTAX or
 * GLASS_E_CERT_WILDCARD. */
int glass_x509_dns_name_check(const uint8_t *name, size_t len);

/* 1 when host is an IPv4 or IPv6 literal ("127.0.0.1", "::1" or "[::1]"),
 * else 0.  A client sends no server_name for those (RFC 6066 section 3:
 * "Literal IPv4 and IPv6 addresses are not permitted in HostName"). */
int glass_x509_is_ip_literal(const char *host);
/* Iterates the subjectAltName entries: *pos starts at 0.  Returns 1 with
 * *tag (the GeneralName context tag number: 2 dNSName, 7 iPAddress, 1
 * rfc822Name, 6 URI, ...) and *value (contents), 0 at the end. */
int glass_x509_san_next(const glass_x509_cert *cert, size_t *pos, int *tag, glass_bytes *value);

/* One pattern against one name (both as in DNS, case-insensitive);
 * exposed for tests.  1 when they match. */
int glass_x509_dns_match(const char *pattern, size_t pattern_len, const char *host);

/* --------------------------------------------------------- private keys */

/* A private key of either kind, as loaded from a key file. */
typedef struct glass_private_key {
    glass_key_type type;
    union {
        glass_rsa_private rsa;
        glass_ec_private  ec;
    } u;
} glass_private_key;

/* Loads a private key from PEM text, RSA or EC:
 *   "RSA PRIVATE KEY"  PKCS#1 RSAPrivateKey (RFC 8017 A.1.2);
 *   "EC PRIVATE KEY"   ECPrivateKey (RFC 5915 / SEC 1 C.4) with a
 *                      namedCurve prime256v1 or secp384r1;
 *   "PRIVATE KEY"      PKCS#8 PrivateKeyInfo (RFC 5208 / RFC 5958) holding
 *                      rsaEncryption or id-ecPublicKey with a namedCurve;
 * other blocks ("EC PARAMETERS", certificates) are passed over; a text
 * without PEM is tried as DER of each form.  An EC key's privateKey is
 * exactly the curve's size, its scalar in [1, n-1], and an included
 * publicKey must equal dG.  Errors: GLASS_E_KEY_ENCRYPTED,
 * GLASS_E_KEY_MALFORMED, GLASS_E_UNSUPPORTED (another algorithm or curve),
 * GLASS_E_RSA_KEY / GLASS_E_EC_KEY (inconsistent key).  Intermediate
 * buffers are wiped; on failure key is wiped and its type GLASS_KEY_NONE. */
int glass_private_key_load(glass_private_key *key, const uint8_t *text, size_t len);
int glass_private_key_load_file(glass_private_key *key, const char *path);
/* DER of one form: GLASS_KEYFORM_PKCS1, _SEC1 or _PKCS8. */
enum { GLASS_KEYFORM_PKCS1 = 0, GLASS_KEYFORM_PKCS8 = 1, GLASS_KEYFORM_SEC1 = 2 };
int glass_private_key_parse_der(glass_private_key *key, const uint8_t *der, size_t len,
                                int form);
/* Wipes the key (NULL allowed). */
void glass_private_key_wipe(glass_private_key *key);

/* The RSA-only forms, for callers that hold a glass_rsa_private: the same
 * as above, with GLASS_E_UNSUPPORTED for an EC key. */

/* Loads an RSA private key from PEM text: "RSA PRIVATE KEY" (PKCS#1,
 * RFC 8017 A.1.2) or "PRIVATE KEY" (PKCS#8, RFC 5208 / RFC 5958) holding
 * rsaEncryption; or raw DER of either.  Encrypted keys ("ENCRYPTED PRIVATE
 * KEY", or Proc-Type: 4,ENCRYPTED) give GLASS_E_KEY_ENCRYPTED; other key
 * types GLASS_E_UNSUPPORTED; bad encodings GLASS_E_KEY_MALFORMED; the
 * consistency checks of glass_rsa_private_load() apply.  Intermediate
 * buffers are wiped. */
int glass_x509_key_load(glass_rsa_private *key, const uint8_t *text, size_t len);
int glass_x509_key_load_file(glass_rsa_private *key, const char *path);
/* DER of an RSAPrivateKey (pkcs8 = 0) or PrivateKeyInfo (pkcs8 = 1). */
int glass_x509_key_parse_der(glass_rsa_private *key, const uint8_t *der, size_t len, int pkcs8);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_X509_H */
