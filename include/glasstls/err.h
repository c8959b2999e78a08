/*
 * glasstls/err.h — error codes shared by every layer.
 *
 * Every glasstls function returns 0 (GLASS_OK) or one of the negative codes
 * below.  glass_strerror() turns any code into a sentence a student can read.
 * Codes are grouped by layer in ranges of 100, so a number alone tells where
 * it came from.  The list is an X-macro: one line gives the name, the value,
 * the alert sent to the peer when a connection fails with that code, and
 * the sentence; the enum, glass_strerror() and glass_alert_for_error()
 * (lib/record/alert.c, docs/alerts.md) are all made from it.
 *
 * The alert is the suffix of a GLASS_ALERT_* name (glasstls/record.h),
 * one of RFC 5246 section 7.2.2: NONE when nothing is sent (not a failure,
 * the transport is gone, or the peer sent the alert), INTERNAL_ERROR only
 * for a local fault (a bad argument, memory, the RNG, our own key or
 * files), never for something the peer sent.
 * Add new codes inside the range of your module.
 */
#ifndef GLASSTLS_ERR_H
#define GLASSTLS_ERR_H

#include "glasstls/export.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* X(name, value, alert, sentence) */
#define GLASS_ERROR_LIST(X) \
    X(GLASS_OK,                          0, NONE,                    "success") \
    /* ---- general: -1 .. -99 ---- */ \
    X(GLASS_E_INVALID_ARG,              -1, INTERNAL_ERROR,          "invalid argument (a NULL pointer or a value out of range)") \
    X(GLASS_E_BUFFER_TOO_SMALL,         -2, INTERNAL_ERROR,          "the output buffer is too small") \
    X(GLASS_E_NO_MEMORY,                -3, INTERNAL_ERROR,          "out of memory") \
    X(GLASS_E_IO,                       -4, NONE,                    "the transport or a file reported an I/O error") \
    X(GLASS_E_UNSUPPORTED,              -5, INTERNAL_ERROR,          "this option is valid but not supported by glasstls") \
    X(GLASS_E_RNG,                      -6, INTERNAL_ERROR,          "the random-number generator failed") \
    X(GLASS_E_INTERNAL,                 -7, INTERNAL_ERROR,          "internal error: a consistency check failed") \
    X(GLASS_E_FILE,                     -8, INTERNAL_ERROR,          "the file could not be read") \
    X(GLASS_E_LIMIT,                    -9, INTERNAL_ERROR,          "a built-in size limit was exceeded") \
    X(GLASS_E_STATE,                   -11, INTERNAL_ERROR,          "this call is not allowed in the current state") \
    /* ---- crypto/: -100 .. -199 ---- */ \
    X(GLASS_E_BAD_TAG,                -100, BAD_RECORD_MAC,          "authentication failed: the AEAD tag does not match (data altered or wrong key)") \
    X(GLASS_E_BAD_LENGTH,             -101, INTERNAL_ERROR,          "a key, IV, tag or data length is not allowed") \
    X(GLASS_E_DRBG_RESEED,            -102, INTERNAL_ERROR,          "the random bit generator must be reseeded before more output") \
    X(GLASS_E_DRBG_REQUEST,           -103, INTERNAL_ERROR,          "the random bit generator request is too large or its entropy input too short") \
    X(GLASS_E_RSA_KEY,                -110, BAD_CERTIFICATE,         "the RSA key is invalid") \
    X(GLASS_E_RSA_RANGE,              -111, DECRYPT_ERROR,           "the RSA input is not smaller than the modulus") \
    X(GLASS_E_RSA_PADDING,            -112, DECRYPT_ERROR,           "the RSA PKCS#1 v1.5 padding is wrong") \
    X(GLASS_E_RSA_VERIFY,             -113, DECRYPT_ERROR,           "the RSA signature does not verify") \
    X(GLASS_E_RSA_FAULT,              -114, INTERNAL_ERROR,          "the RSA private-key operation failed its self-check (possible fault)") \
    X(GLASS_E_RSA_KEYGEN,             -115, INTERNAL_ERROR,          "RSA key generation failed") \
    X(GLASS_E_X25519_ZERO,            -120, ILLEGAL_PARAMETER,       "the X25519 shared secret is all zeros (the peer sent a low-order point)") \
    X(GLASS_E_HASH_UNSUPPORTED,       -130, INTERNAL_ERROR,          "this hash algorithm is not supported") \
    X(GLASS_E_EC_CURVE,               -140, ILLEGAL_PARAMETER,       "this elliptic curve is not supported (glasstls has P-256 and P-384)") \
    X(GLASS_E_EC_POINT,               -141, ILLEGAL_PARAMETER,       "the elliptic-curve point is invalid (not uncompressed, a coordinate out of range, off the curve, or the point at infinity)") \
    X(GLASS_E_EC_KEY,                 -142, INTERNAL_ERROR,          "the elliptic-curve private key is invalid (the scalar is not in [1, n-1])") \
    X(GLASS_E_ECDSA_VERIFY,           -143, DECRYPT_ERROR,           "the ECDSA signature does not verify") \
    X(GLASS_E_ECDSA_DER,              -144, DECODE_ERROR,            "the ECDSA signature is not strict DER (SEQUENCE of two minimal INTEGERs, nothing after it)") \
    /* ---- lib/x509: -200 .. -299 (one code per validation reason) ---- */ \
    X(GLASS_E_DER,                    -200, BAD_CERTIFICATE,         "malformed DER encoding") \
    X(GLASS_E_PEM,                    -201, INTERNAL_ERROR,          "malformed PEM encoding") \
    X(GLASS_E_CERT_MALFORMED,         -202, BAD_CERTIFICATE,         "the certificate is malformed") \
    X(GLASS_E_CERT_EXPIRED,           -203, CERTIFICATE_EXPIRED,     "the certificate has expired") \
    X(GLASS_E_CERT_NOT_YET_VALID,     -204, CERTIFICATE_EXPIRED,     "the certificate is not yet valid") \
    X(GLASS_E_CERT_HOSTNAME,          -205, BAD_CERTIFICATE,         "the certificate does not match the host name") \
    X(GLASS_E_CERT_UNKNOWN_ISSUER,    -206, UNKNOWN_CA,              "the certificate was issued by an unknown certificate authority") \
    X(GLASS_E_CERT_BAD_SIGNATURE,     -207, BAD_CERTIFICATE,         "the certificate signature does not verify") \
    X(GLASS_E_CERT_NOT_CA,            -208, BAD_CERTIFICATE,         "an issuing certificate is not a certificate authority") \
    X(GLASS_E_CERT_PATH_TOO_LONG,     -209, BAD_CERTIFICATE,         "the certificate chain is longer than a path-length constraint allows") \
    X(GLASS_E_CERT_UNSUPPORTED_ALG,   -210, UNSUPPORTED_CERTIFICATE, "the certificate uses an unsupported algorithm") \
    X(GLASS_E_CERT_UNKNOWN_CRITICAL,  -211, UNSUPPORTED_CERTIFICATE, "the certificate has an unknown critical extension") \
    X(GLASS_E_CERT_KEY_USAGE,         -212, BAD_CERTIFICATE,         "an issuing certificate lacks the keyCertSign key usage") \
    X(GLASS_E_CERT_EXT_KEY_USAGE,     -213, UNSUPPORTED_CERTIFICATE, "the certificate is not allowed for this use: its extendedKeyUsage lacks serverAuth (a server) or clientAuth (a client)") \
    X(GLASS_E_CERT_WEAK_KEY,          -214, BAD_CERTIFICATE,         "the certificate key is too weak (RSA keys must be at least 2048 bits)") \
    X(GLASS_E_CERT_SHA1,              -215, BAD_CERTIFICATE,         "the certificate is signed with SHA-1, which is not accepted") \
    X(GLASS_E_KEY_ENCRYPTED,          -216, INTERNAL_ERROR,          "the private key is encrypted; glasstls reads only unencrypted keys") \
    X(GLASS_E_KEY_MALFORMED,          -217, INTERNAL_ERROR,          "the private key is malformed") \
    X(GLASS_E_CERT_LEAF_KEY_USAGE,    -218, UNSUPPORTED_CERTIFICATE, "the server certificate's keyUsage allows neither digitalSignature nor keyEncipherment") \
    X(GLASS_E_CERT_KU_SIGNATURE,      -219, UNSUPPORTED_CERTIFICATE, "the server certificate's keyUsage lacks digitalSignature, which an ECDHE suite (RSA or ECDSA) needs to sign its key exchange") \
    X(GLASS_E_CERT_KU_ENCIPHERMENT,   -220, UNSUPPORTED_CERTIFICATE, "the server certificate's keyUsage lacks keyEncipherment, which RSA key exchange needs to encrypt the premaster secret") \
    /* RFC 5280 4.2.1.10 / 6.1.3 (b)-(c) / 6.1.4 (g): name constraints */ \
    X(GLASS_E_CERT_NC_MALFORMED,      -221, BAD_CERTIFICATE,         "the nameConstraints extension is malformed (RFC 5280 4.2.1.10: no subtrees, an empty subtree list, minimum/maximum present, or a bad base name)") \
    X(GLASS_E_CERT_NC_EXCLUDED,       -222, BAD_CERTIFICATE,         "a name in the certificate lies in an excludedSubtrees of a CA above it (RFC 5280 6.1.3 (b)-(c))") \
    X(GLASS_E_CERT_NC_NOT_PERMITTED,  -223, BAD_CERTIFICATE,         "a name in the certificate lies outside the permittedSubtrees of a CA above it (RFC 5280 6.1.3 (b))") \
    X(GLASS_E_CERT_NC_UNSUPPORTED,    -224, UNSUPPORTED_CERTIFICATE, "a CA above constrains a name type glasstls does not implement (it implements dNSName, iPAddress, directoryName) and the certificate has a name of that type") \
    X(GLASS_E_CERT_NC_IN_LEAF,        -225, BAD_CERTIFICATE,         "an end-entity certificate carries nameConstraints, which only a CA certificate may (RFC 5280 4.2.1.10)") \
    /* path building (RFC 5280 6 / RFC 4158): a hostile pile of issuers */ \
    X(GLASS_E_CERT_CHAIN_TOO_COMPLEX, -226, BAD_CERTIFICATE,         "the certificate path search gave up: too many candidate issuers to try") \
    /* issuer-side rules (RFC 5280 4.1.2.6, 4.2.1.1, 4.2.1.3, 4.2.1.6, 4.2.1.9) */ \
    X(GLASS_E_CERT_LEAF_KEY_CERT_SIGN, -227, BAD_CERTIFICATE,        "a certificate that is not a CA asserts keyCertSign (RFC 5280 4.2.1.3, 4.2.1.9)") \
    X(GLASS_E_CERT_CA_EMPTY_SUBJECT,  -228, BAD_CERTIFICATE,         "a CA certificate has an empty subject (RFC 5280 4.1.2.6)") \
    X(GLASS_E_CERT_AKI_CRITICAL,      -229, BAD_CERTIFICATE,         "the authorityKeyIdentifier extension is marked critical (RFC 5280 4.2.1.1: MUST be non-critical)") \
    X(GLASS_E_CERT_SAN_NOT_CRITICAL,  -230, BAD_CERTIFICATE,         "the subject is empty but the subjectAltName is not critical (RFC 5280 4.2.1.6)") \
    /* Web PKI rules for a TLS server (RFC 9525, CA/B Forum Baseline Requirements) */ \
    X(GLASS_E_CERT_VERSION,           -231, BAD_CERTIFICATE,         "a version 1 or 2 certificate is accepted only as a trust anchor") \
    X(GLASS_E_CERT_LEAF_IS_CA,        -232, BAD_CERTIFICATE,         "the server certificate is a CA certificate (basicConstraints cA=TRUE), not an end-entity") \
    X(GLASS_E_CERT_DNS_SYNTAX,        -233, BAD_CERTIFICATE,         "a subjectAltName dNSName is not a preferred-syntax host name (letters, digits, hyphens; RFC 5280 4.2.1.6, RFC 1034 3.5)") \
    X(GLASS_E_CERT_WILDCARD,          -234, BAD_CERTIFICATE,         "a wildcard dNSName is not allowed: a wildcard is only the whole left-most label, and never stands over a public suffix (\"*.com\", \"*.co.uk\")") \
    /* ---- lib/record: -300 .. -399 ---- */ \
    X(GLASS_E_WANT_READ,              -300, NONE,                    "the transport would block: call again when there is data to read") \
    X(GLASS_E_WANT_WRITE,             -301, NONE,                    "the transport would block: call again when it can accept data") \
    X(GLASS_E_CLOSED,                 -302, NONE,                    "the peer closed the connection (close_notify)") \
    X(GLASS_E_EOF,                    -303, NONE,                    "the connection ended without close_notify (possible truncation)") \
    X(GLASS_E_RECORD_OVERFLOW,        -304, RECORD_OVERFLOW,         "a record is longer than TLS allows (record_overflow)") \
    X(GLASS_E_RECORD_VERSION,         -305, PROTOCOL_VERSION,        "a record carries the wrong protocol version") \
    X(GLASS_E_RECORD_TYPE,            -306, UNEXPECTED_MESSAGE,      "a record has an unknown content type") \
    X(GLASS_E_BAD_RECORD_MAC,         -307, BAD_RECORD_MAC,          "a record failed decryption or authentication (bad_record_mac)") \
    X(GLASS_E_SEQ_WRAP,               -308, INTERNAL_ERROR,          "the record sequence number would wrap") \
    X(GLASS_E_RECORD_EMPTY,           -309, UNEXPECTED_MESSAGE,      "an empty handshake, alert or ChangeCipherSpec record") \
    X(GLASS_E_HS_TOO_LARGE,           -310, DECODE_ERROR,            "a handshake message is longer than the configured bound (max_handshake_size)") \
    X(GLASS_E_ALERT_RECEIVED,         -311, NONE,                    "the peer sent a fatal alert") \
    /* ---- lib/handshake: -400 .. -499 ---- */ \
    X(GLASS_E_UNEXPECTED_MESSAGE,     -400, UNEXPECTED_MESSAGE,      "a message arrived that is not allowed at this point of the handshake") \
    X(GLASS_E_DECODE,                 -401, DECODE_ERROR,            "a handshake message could not be decoded") \
    X(GLASS_E_PROTOCOL_VERSION,       -402, PROTOCOL_VERSION,        "the peer does not speak TLS 1.2") \
    X(GLASS_E_NO_COMMON_SUITE,        -403, HANDSHAKE_FAILURE,       "client and server have no cipher suite in common") \
    X(GLASS_E_BAD_FINISHED,           -404, DECRYPT_ERROR,           "the Finished message does not match the handshake (wrong keys or altered messages)") \
    X(GLASS_E_ILLEGAL_PARAMETER,      -405, ILLEGAL_PARAMETER,       "a handshake field has an illegal value") \
    X(GLASS_E_UNSUPPORTED_EXTENSION,  -406, UNSUPPORTED_EXTENSION,   "the server sent an extension the client did not offer") \
    X(GLASS_E_BAD_SKE_SIGNATURE,      -407, DECRYPT_ERROR,           "the ServerKeyExchange signature does not verify with the certificate key") \
    X(GLASS_E_RENEGOTIATION,          -408, HANDSHAKE_FAILURE,       "renegotiation is refused, or its protection (RFC 5746) is missing") \
    X(GLASS_E_EMS_REQUIRED,           -409, HANDSHAKE_FAILURE,       "the peer does not support the extended master secret, which is required") \
    X(GLASS_E_NO_COMPRESSION,         -411, ILLEGAL_PARAMETER,       "the client did not offer the null compression method") \
    X(GLASS_E_DUPLICATE_EXTENSION,    -412, ILLEGAL_PARAMETER,       "an extension appears twice in one message") \
    X(GLASS_E_CHAIN_TOO_LONG,         -413, BAD_CERTIFICATE,         "the peer sent more certificates than glasstls accepts (at most 10)") \
    X(GLASS_E_NO_CERTIFICATE,         -414, BAD_CERTIFICATE,         "the server sent an empty Certificate message") \
    X(GLASS_E_NO_SIGALG,              -415, HANDSHAKE_FAILURE,       "the peer offers no signature algorithm glasstls can use (rsa_pkcs1, rsa_pss_rsae or ecdsa with SHA-256/384/512, for the key it has)") \
    X(GLASS_E_BAD_KEY_SHARE,          -416, ILLEGAL_PARAMETER,       "the peer's key exchange value is invalid (wrong group, length or point)") \
    X(GLASS_E_CLIENT_CERT_REQUIRED,   -417, HANDSHAKE_FAILURE,       "the server requires a client certificate and the client sent none") \
    X(GLASS_E_BAD_CERT_VERIFY,        -418, DECRYPT_ERROR,           "the client's CertificateVerify signature does not verify over this handshake with its certificate's key") \
    X(GLASS_E_RESUME_EMS,             -419, HANDSHAKE_FAILURE,       "the server resumed a session but changed whether the extended master secret is used (RFC 7627 section 5.3)") \
    X(GLASS_E_RESUME_MISMATCH,        -420, ILLEGAL_PARAMETER,       "the server resumed a session with a cipher suite other than the session's") \
    /* session (lib/session): never reach the peer, a full handshake follows */ \
    X(GLASS_E_SESSION_NOT_FOUND,      -500, NONE,                    "no session with this session_id is cached") \
    X(GLASS_E_SESSION_EXPIRED,        -501, NONE,                    "the session is older than its lifetime") \
    X(GLASS_E_TICKET_KEY_UNKNOWN,     -502, NONE,                    "the session ticket names a key this server does not have") \
    X(GLASS_E_TICKET_INVALID,         -503, NONE,                    "the session ticket does not open (altered, truncated, or sealed by another key)") \
    X(GLASS_E_SESSION_BLOB,           -504, INTERNAL_ERROR,          "not a glasstls session blob of a version this build reads") \
    X(GLASS_E_TICKET_KEY_FILE,        -505, INTERNAL_ERROR,          "the ticket key file is malformed (one or two lines of 32 + 64 hex digits)") \
    /* end of list */

typedef enum glass_err {
#define GLASS_ERR_ENUM_(name, value, alert, text) name = (value),
    GLASS_ERROR_LIST(GLASS_ERR_ENUM_)
#undef GLASS_ERR_ENUM_
} glass_err;

/* Returns a static, human-readable sentence for any code (never NULL).
 * Unknown codes give "unknown glasstls error". */
const char *glass_strerror(int err);

/* Returns the symbolic name of a code ("GLASS_E_BAD_TAG"), for logs and
 * tests; "GLASS_E_UNKNOWN" for a code not in the list. */
const char *glass_err_name(int err);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_ERR_H */
